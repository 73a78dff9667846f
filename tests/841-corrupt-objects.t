#!/bin/sh
. "$(dirname "$0")/lib.sh"
# A corrupt loose git object, in every shape we could think of, under
# every command that reads git history: an error (exit 2) naming the
# object and the repository, never a hang.  libgit2 1.5 loops for ever on
# a truncated loose object; lp reads loose objects through its own
# bounded reader first (lib/git-odb.c).

command -v timeout >/dev/null 2>&1 || { echo "1..0 # SKIP timeout(1) is missing"; exit 0; }
command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP python3 is missing"; exit 0; }

G=$TMP/g
run lp init "$G" --name "Cor Rupt" --id cor --commenced 2024-09-01
is_rc 0 "lp init makes a git portfolio"
run lp-assess set -C "$G" LP1=developing
run lp-assess set -C "$G" LP2=developing
is_rc 0 "two assessments committed"
cp -R "$G" "$TMP/pristine"

# deflate WHAT >FILE: a loose object file whose inflated bytes are WHAT
# (Python escapes allowed, so headers can lie).
deflate() { python3 -c 'import sys, zlib; sys.stdout.buffer.write(zlib.compress(eval("b\"" + sys.argv[1] + "\"")))' "$1"; }

# spoil NAME OBJECT HOW: replace OBJECT's loose file in a fresh copy.
spoil() {
	rm -rf "$G" && cp -R "$TMP/pristine" "$G"
	_f="$G/.git/objects/$(printf %s "$2" | cut -c1-2)/$(printf %s "$2" | cut -c3-)"
	chmod u+w "$_f"
	case $3 in
	cut-*) _n=${3#cut-}; head -c "$_n" "$_f" >"$_f.new" && mv "$_f.new" "$_f" ;;
	cut-last) ;;
	empty) : >"$_f" ;;
	garbage) printf 'this is not zlib data at all' >"$_f" ;;
	fifo) rm -f "$_f" && mkfifo "$_f" ;;
	dir) rm -f "$_f" && mkdir "$_f" ;;
	longer) deflate 'blob 3\0abcdef' >"$_f" ;;
	shorter) deflate 'blob 300\0abc' >"$_f" ;;
	huge) deflate 'blob 99999999999999\0abc' >"$_f" ;;
	overflow) deflate 'blob 999999999999999999999999999\0abc' >"$_f" ;;
	badtype) deflate 'blub 3\0abc' >"$_f" ;;
	nohdr) deflate 'blob3abc' >"$_f" ;;
	trailing) { cat "$_f"; printf 'junk'; } >"$_f.new" && mv "$_f.new" "$_f" ;;
	esac
}

# attack NAME OBJECT HOW: every history reader on the spoiled repository.
attack() {
	for cmd in "lp-assess history -C $G" "lp-assess show --at HEAD -C $G" \
	    "lp-assess show --at HEAD~1 -C $G" "lp-report summary --git $G/.git"; do
		spoil "$1" "$2" "$3"
		run timeout 20 $cmd
		if [ "$rc" = 124 ]; then
			not_ok "$1 ($3): $cmd returns" "timed out"
			continue
		fi
		# A spoiled object the command never needs may go unnoticed.
		case $rc in
		0) ok "$1 ($3): $cmd returns (object not needed)" ;;
		2) like "$err" "$2.*$G/\.git|$G/\.git.*$2" "$1 ($3): $cmd exits 2 naming object and repository" ;;
		*) not_ok "$1 ($3): $cmd exits 0 or 2" "exit $rc: $err" ;;
		esac
	done
}

blob=$(git -C "$TMP/pristine" rev-parse HEAD:assessment.csv)
oldblob=$(git -C "$TMP/pristine" rev-parse HEAD~1:assessment.csv)
tree=$(git -C "$TMP/pristine" rev-parse 'HEAD^{tree}')
commit=$(git -C "$TMP/pristine" rev-parse HEAD~1)
size=$(wc -c <"$TMP/pristine/.git/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)")

for how in cut-2 cut-10 cut-$((size - 1)) empty garbage fifo dir longer shorter \
    huge overflow badtype nohdr; do
	attack "the newest assessment.csv blob" "$blob" "$how"
done
for how in cut-12 garbage fifo; do
	attack "an older assessment.csv blob" "$oldblob" "$how"
	attack "HEAD's tree" "$tree" "$how"
	attack "a parent commit" "$commit" "$how"
done

# Garbage after the end of the zlib stream is what git tolerates too.
spoil "trailing bytes" "$blob" trailing
run timeout 20 lp-assess show --at HEAD -C "$G"
isnt_hang=$([ "$rc" != 124 ] && echo yes)
is "$isnt_hang" yes "trailing bytes after the stream: no hang"

# The object in an alternate object store (a clone made with --shared).
rm -rf "$G" "$TMP/shared" && cp -R "$TMP/pristine" "$G"
git clone -q --shared "$G" "$TMP/shared"
f="$G/.git/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)"
chmod u+w "$f" && head -c 12 "$f" >"$f.new" && mv "$f.new" "$f"
for cmd in "lp-assess history -C $TMP/shared" "lp-assess show --at HEAD -C $TMP/shared"; do
	run timeout 20 $cmd
	is_rc 2 "a truncated object in an alternate store: $cmd exits 2"
	like "$err" "$blob" "a truncated object in an alternate store: $cmd names it"
done

# A bare cohort repository (a server's copy), read with --git.
rm -rf "$G" "$TMP/bare.git" && cp -R "$TMP/pristine" "$G"
# (a push of a few objects is unpacked loose, as on a server)
git init -q --bare "$TMP/bare.git"
git -C "$G" push -q "$TMP/bare.git" HEAD:refs/heads/main 2>/dev/null
f="$TMP/bare.git/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)"
if [ -f "$f" ]; then
	chmod u+w "$f" && head -c 15 "$f" >"$f.new" && mv "$f.new" "$f"
	run timeout 20 lp-report summary --git "$TMP/bare.git"
	is_rc 2 "a bare repository with a truncated loose object: lp-report summary --git exits 2"
	like "$err" "$blob.*bare\.git" "a bare repository: the message names the object and the repository"
else
	echo "# skipped the bare repository case: the objects stayed packed"
fi

# A sound repository still reads as before through the bounded reader.
rm -rf "$G" && cp -R "$TMP/pristine" "$G"
run timeout 20 lp-assess history -C "$G"
is_rc 0 "a sound repository: history works"
like "$out" "LP2,developing" "a sound repository: history shows the change"
# ... and after git gc has packed everything (libgit2 reads packs).
git -C "$G" gc -q 2>/dev/null
run timeout 20 lp-assess show --at HEAD~1 -C "$G"
is_rc 0 "a packed repository: --at works"
# Short object ids go through the bounded reader's prefix lookup.
rm -rf "$G" && cp -R "$TMP/pristine" "$G"
short=$(git -C "$G" rev-parse --short=7 HEAD~1)
run timeout 20 lp-assess show --at "$short" -C "$G"
is_rc 0 "a short commit id resolves"

done_testing
