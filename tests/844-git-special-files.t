#!/bin/sh
. "$(dirname "$0")/lib.sh"
# A FIFO, a socket or a device where git keeps a file of its own (the
# config, HEAD and the refs, the index, alternates, pack indexes, the
# reflogs, .gitattributes): libgit2 would block on it or read it without
# end.  lp refuses the repository at once, naming the file (exit 2), and
# changes nothing; a cohort's other repositories are still read.  A
# repository format libgit2 cannot read is refused the same way.

command -v timeout >/dev/null 2>&1 || { echo "1..0 # SKIP timeout(1) is missing"; exit 0; }

P0=$TMP/p0
mkportfolio "$P0" spec "Spe Cial" 2024-09-01
mkassessment "$P0" "LP1,developing,,"
mkevidence "$P0" 2025-03-01-item "An item" 2025-03-01 LP1 team
git -C "$P0" init -q -b main
git -C "$P0" add -A
git -C "$P0" commit -q -m "portfolio"
git -C "$P0" gc -q 2>/dev/null	# a pack, a commit-graph and packed-refs, as a real one has

# plant KIND PATH: a special file where a file belongs (no git command
# may look at the repository afterwards: it would block too).
plant() {
	rm -rf "$2"
	mkdir -p "$(dirname "$2")"
	case $1 in
	fifo) mkfifo "$2" ;;
	socket) python3 -c 'import socket, sys; s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$2" ;;
	device) ln -s /dev/zero "$2" ;;
	esac
}

# A fingerprint that reads no file of git's: the work tree's contents,
# and the names and kinds of everything in .git.
fingerprint() {
	(cd "$1" && find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 sha256sum
	 find .git -printf '%y %p\n' | sort) | sha256sum
}

# attack NAME CMD...: no hang, exit 2, the planted file named.
attack() {
	_name=$1; shift
	run timeout 20 "$@"
	if [ "$rc" = 124 ]; then not_ok "$_name: returns" "timed out: $*"; return; fi
	is "$rc" 2 "$_name: exit 2"
	like "$err" "$_file: (a FIFO|a socket|a device) where git reads a file; lp will not use this repository" \
	    "$_name: the file is named"
}

kinds="fifo device"
command -v python3 >/dev/null 2>&1 && kinds="fifo socket device"

# What any read opens: a history, and a report's last activity.
for _rel in .git/config .git/HEAD .git/refs/heads/main .git/packed-refs \
    .git/objects/info/alternates .git/objects/info/commit-graph .git/objects/pack/pack-x.idx \
    .git/commondir; do
	for kind in $kinds; do
		rm -rf "$TMP/p" && cp -R "$P0" "$TMP/p"
		# HEAD leads to refs/heads/main only while it is loose.
		[ "$_rel" = .git/refs/heads/main ] && rm -f "$TMP/p/.git/packed-refs"
		plant "$kind" "$TMP/p/$_rel"
		_file=$TMP/p/$_rel
		attack "$_rel is a $kind: lp-assess history" lp-assess history -C "$TMP/p"
	done
done

# A config's include ([include] or [includeIf], a path relative to the
# config, quoted or with a comment after it) names a FIFO.
mkfifo "$TMP/incfifo"
for how in plain conditional relative; do
	rm -rf "$TMP/p" && cp -R "$P0" "$TMP/p"
	case $how in
	plain) printf '[include]\n\tpath = %s/incfifo\n' "$TMP" ;;
	conditional) printf '[includeIf "gitdir:/nowhere/"]\n\tpath = "%s/incfifo" ; why\n' "$TMP" ;;
	relative) printf '[include] path = ../../incfifo\n' ;;
	esac >>"$TMP/p/.git/config"
	_file='[^ ]*incfifo'
	attack "a config includes a FIFO ($how)" lp-assess history -C "$TMP/p"
done

# A work tree's repository of a format libgit2 cannot read: refused with
# libgit2's words, before libgit2 opens it.  (Version 1 with only "noop"
# is read: see the bare cohort below.  In a work tree libgit2 1.5 checks
# that itself, and leaks a regex match per config entry doing it.)
for how in v2 ext; do
	rm -rf "$TMP/p" && cp -R "$P0" "$TMP/p"
	case $how in
	v2) printf '[core]\n\trepositoryformatversion = 2\n' ;;
	ext) printf '[core]\n\trepositoryformatversion = 1\n[extensions]\n\tfrobnicate = true\n' ;;
	noop) printf '[core]\n\trepositoryformatversion = 1\n[extensions]\n\tnoop = true\n' ;;
	esac >>"$TMP/p/.git/config"
	run timeout 20 lp-assess history -C "$TMP/p"
	case $how in
	v2) is "$rc:$err" "2:lp-assess: $TMP/p: unsupported repository version 2; only versions up to 1 are supported" \
		"format version 2: refused, in libgit2's words" ;;
	ext) is "$rc:$err" "2:lp-assess: $TMP/p: unsupported extension name extensions.frobnicate" \
		"an unknown extension in version 1: refused" ;;
	esac
done

# A revision's name leads libgit2 to a loose ref (and NAME@{N} to a reflog).
rm -rf "$TMP/p" && cp -R "$P0" "$TMP/p"
plant fifo "$TMP/p/.git/refs/heads/evil"
_file=$TMP/p/.git/refs/heads/evil
attack "--at a branch that is a FIFO" lp-assess show -C "$TMP/p" --at evil
attack "--at a FIFO branch's parent" lp-assess history -C "$TMP/p" --at evil~1
attack "lp check --at a FIFO branch" lp check "$TMP/p" --at evil
plant fifo "$TMP/p/.git/logs/refs/heads/main"
_file=$TMP/p/.git/logs/refs/heads/main
attack "--at a reflog that is a FIFO" lp-assess show -C "$TMP/p" --at 'main@{1}'

# What a commit opens too: the index, reflogs, info/exclude, .gitattributes.
for _rel in .git/index .git/logs/HEAD .git/logs/refs/heads/main .git/info/exclude \
    .gitattributes evidence/.gitattributes .git/config; do
	rm -rf "$TMP/p" && cp -R "$P0" "$TMP/p"
	plant fifo "$TMP/p/$_rel"
	_file=$TMP/p/$_rel
	before=$(fingerprint "$TMP/p")
	attack "$_rel is a FIFO: lp-evidence add" lp-evidence add -C "$TMP/p" \
	    --title "New item" --date 2025-04-01 --standards LP2 --reach team
	is "$(fingerprint "$TMP/p")" "$before" "$_rel is a FIFO: lp-evidence add changes nothing"
	# lp-assess set stages assessment.csv alone: evidence/ is not its business.
	case $_rel in evidence/*) continue ;; esac
	attack "$_rel is a FIFO: lp-assess set" lp-assess set -C "$TMP/p" LP2=developing
	is "$(fingerprint "$TMP/p")" "$before" "$_rel is a FIFO: lp-assess set changes nothing"
done

# An alternate object directory, and the one it borrows from in turn.
rm -rf "$TMP/p" "$TMP/alt1" "$TMP/alt2" && cp -R "$P0" "$TMP/p"
mkdir -p "$TMP/alt1/info" "$TMP/alt2/pack"
echo "$TMP/alt1" >"$TMP/p/.git/objects/info/alternates"
echo "$TMP/alt2" >"$TMP/alt1/info/alternates"
plant fifo "$TMP/alt2/pack/pack-y.idx"
_file=$TMP/alt2/pack/pack-y.idx
attack "a FIFO in an alternate's alternate" lp-assess history -C "$TMP/p"

# A cohort of bare repositories: the bad ones named, the others read.
rm -rf "$TMP/bare" && mkdir "$TMP/bare"
for n in a b c d; do
	rm -rf "$TMP/w" && cp -R "$P0" "$TMP/w"
	sed "s/^id: spec/id: $n/" "$P0/portfolio.md" >"$TMP/w/portfolio.md"
	git -C "$TMP/w" commit -q -am "id $n"
	[ $n = d ] && git -C "$TMP/w" tag lp/submitted/d/2025-06
	git clone -q --bare "$TMP/w" "$TMP/bare/$n.git"
done
# Format version 1 with the one extension libgit2 1.5 knows reads as 0.
printf '[core]\n\trepositoryformatversion = 1\n[extensions]\n\tnoop = true\n' >>"$TMP/bare/a.git/config"
plant fifo "$TMP/bare/b.git/objects/pack/pack-z.idx"
_file=$TMP/bare/b.git/objects/pack/pack-z.idx
attack "--git, a FIFO pack index in one repository" lp-report summary --git "$TMP/bare"
is "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1 | tr '\n' ' ')" "a c d " "... the other three are read"
plant fifo "$TMP/bare/c.git/refs/tags/evil"
_file=$TMP/bare/c.git/refs/tags/evil
attack "--git --submitted, a FIFO among the tags" lp-report summary --git "$TMP/bare" --submitted
like "$out" "d.git@refs/tags/lp/submitted/d/2025-06" "... the submitted one is read"
# A link among the refs: to a FIFO, or to a directory (a link to / would
# have the search walk the whole file system).
rm -f "$TMP/bare/c.git/refs/tags/evil"
ln -s "$TMP/incfifo" "$TMP/bare/c.git/refs/tags/link"
_file=$TMP/bare/c.git/refs/tags/link
attack "--git --submitted, a tag linked to a FIFO" lp-report summary --git "$TMP/bare" --submitted
rm -f "$TMP/bare/c.git/refs/tags/link"
ln -s / "$TMP/bare/c.git/refs/tags/root"
run timeout 20 lp-report summary --git "$TMP/bare" --submitted
is "$rc" 2 "--git --submitted, a tag linked to /: exit 2, at once"
like "$err" "refs/tags/root: a link to a directory where git reads a file" "... named"

done_testing
