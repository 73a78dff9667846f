#!/bin/sh
. "$(dirname "$0")/lib.sh"

# lib/fs.c, lib/tree.c and lib/git.c through the gitfs test driver, with
# the real git program setting up and inspecting the repositories.

# as_other CMD...: run CMD as an unprivileged user (we are root), or fail.
as_other() {
	setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
}
IS_ROOT=
[ "$(id -u)" = 0 ] && IS_ROOT=1

# ---- atomic writes ----

mkdir w
printf 'old\n' >w/f
chmod 640 w/f
run gitfs write w/f "new"
is_rc 0 "write replaces a file"
is "$(cat w/f)" "new" "the new content is in place"
is "$(stat -c %a w/f)" "640" "an existing file keeps its mode"
is "$(ls -A w)" "f" "no temporary file is left"

(umask 027 && gitfs write w/g "hello")
is "$(stat -c %a w/g)" "640" "a new file gets 0666 less the umask"
is "$(cat w/g)" "hello" "a new file is written"

mkdir w/d
run gitfs write w/d "x"
is_rc 2 "writing over a directory fails"
is "$err" "gitfs: cannot write w/d: Is a directory" "the message names the path and the reason"
is "$(ls -A w)" "$(printf 'd\nf\ng')" "a failed write leaves no temporary file"

run gitfs write nodir/f "x"
is "$err" "gitfs: cannot write nodir/f: No such file or directory" "a missing directory is named"

mkdir ro
printf 'keep\n' >ro/f
chmod 555 ro
if [ -z "$IS_ROOT" ]; then
	run gitfs write ro/f "new"
elif as_other true 2>/dev/null && chmod 711 "$TMP" &&
    as_other gitfs relpath a >/dev/null 2>&1; then
	run as_other gitfs write "$TMP/ro/f" "new"
else
	rc=skip
fi
if [ "$rc" = skip ]; then
	ok "# SKIP cannot drop root privileges here"
	ok "# SKIP cannot drop root privileges here"
	ok "# SKIP cannot drop root privileges here"
else
	is_rc 2 "writing into a read-only directory fails"
	like "$err" "cannot write .*ro/f: Permission denied" "the message says why"
	is "$(cat ro/f)$(ls -A ro)" "keepf" "the old file is intact and no temporary is left"
fi
chmod 755 ro

run gitfs readfile w/g 5
is "$rc:$out" "0:hello" "a file of exactly max bytes is read"
run gitfs readfile w/g 4
is "$rc" "2" "a file larger than max is an error"
is "$err" "gitfs: w/g: file is larger than 4 bytes" "the message gives the limit"
run gitfs readfile w/none
is "$rc:$err" "1:" "a missing file is 1 and quiet"

run gitfs mkdir w/d
is_rc 0 "mkdir of an existing directory is fine"
run gitfs mkdir w/f
is_rc 2 "mkdir over a file fails"

# ---- relative paths and opening beneath the root ----

for p in evidence/a.md 'a\b' ..x; do
	run gitfs relpath "$p"
	is "$out" "ok" "relpath $p is fine"
done
for p in "/etc/passwd:is an absolute path" "../x:climbs out with '..'" \
    "a/../../x:climbs out with '..'" "./a:has a '.' component" ":is empty"; do
	run gitfs relpath "${p%%:*}"
	is "$rc:$out" "1:${p#*:}" "relpath '${p%%:*}' is refused"
done

mkdir -p pf/sub out
printf 'secret\n' >out/s
printf 'inside\n' >pf/sub/f
ln -s ../out/s pf/lfile
ln -s ../out pf/ldir
ln -s /etc/passwd pf/labs
ln -s sub/f pf/lin
ln -s sub pf/lsub
for mode in "" -n; do
	name=openat2
	[ -n "$mode" ] && name="component walk"
	# The walk needs seccomp to switch openat2 off; skip where that fails.
	if [ -n "$mode" ] && ! gitfs beneath -n pf sub/f >/dev/null 2>&1; then
		ok "# SKIP $name: cannot turn openat2 off here"
		continue
	fi
	run gitfs beneath $mode pf /etc/passwd
	is "$rc:$out" "2:EXDEV" "$name: an absolute path is refused"
	run gitfs beneath $mode pf ../out/s
	is "$rc:$out" "2:EXDEV" "$name: .. is refused"
	run gitfs beneath $mode pf sub/../../out/s
	is "$rc:$out" "2:EXDEV" "$name: .. in the middle is refused"
	run gitfs beneath $mode pf lfile
	like "$rc:$out" "^2:(EXDEV|ELOOP)$" "$name: a symlink to a file outside is refused"
	run gitfs beneath $mode pf ldir/s
	like "$rc:$out" "^2:(EXDEV|ELOOP)$" "$name: a symlink to a directory outside is refused"
	run gitfs beneath $mode pf labs
	like "$rc:$out" "^2:(EXDEV|ELOOP)$" "$name: an absolute symlink is refused"
	run gitfs beneath $mode pf sub/f
	is "$rc:$out" "0:inside" "$name: a file inside opens"
	run gitfs beneath $mode pf missing
	is "$rc:$out" "1:ENOENT" "$name: a missing file is ENOENT"
	run gitfs beneath $mode pf sub/missing
	is "$rc:$out" "1:ENOENT" "$name: a missing file in a directory is ENOENT"
done
run gitfs beneath pf lin
is "$rc:$out" "0:inside" "openat2: a symlink that stays inside is followed"
run gitfs beneath pf lsub/f
is "$rc:$out" "0:inside" "openat2: a symlinked directory inside is followed"
run gitfs beneath -n pf lin
if [ "$out" = ELOOP ] || ! gitfs beneath -n pf sub/f >/dev/null 2>&1; then
	ok "component walk: every symlink is refused"
else
	not_ok "component walk: every symlink is refused" "got $out"
fi

# ---- a directory tree ----

run gitfs read pf sub/f
is "$rc:$out" "0:inside" "tree read"
run gitfs read pf nope
is "$rc:$out:$err" "1::" "tree read of a missing file is 1 and quiet"
run gitfs read pf lfile
is "$rc" "2" "tree read through a link outside fails"
is "$err" "gitfs: pf/lfile: leads outside the portfolio" "and says so"
run gitfs read pf ../out/s
is "$err" "gitfs: pf/../out/s: leads outside the portfolio" "tree read of .. says so"
run gitfs read pf sub
is "$rc:$err" "2:gitfs: pf/sub: not a regular file" "tree read of a directory"
mkfifo pf/fifo
run gitfs read pf fifo
is "$rc:$err" "2:gitfs: pf/fifo: not a regular file" "a FIFO is refused without hanging"
rm pf/fifo
run gitfs list pf ""
same_text "tree list of the root, sorted" <<'EOF'
labs
ldir
lfile
lin
lsub
sub
EOF
run gitfs list pf sub
is "$rc:$out" "0:f" "tree list of a subdirectory"
run gitfs list pf none
is "$rc:$out:$err" "1::" "tree list of a missing directory is 1"
run gitfs list pf ldir
is "$rc:$err" "2:gitfs: pf/ldir: leads outside the portfolio" "tree list through a link outside"
run gitfs size pf sub/f
is "$rc:$out" "0:7" "tree size"
run gitfs size pf none
is "$rc:$out" "1:" "tree size of a missing file"
truncate -s 16777217 pf/huge
run gitfs read pf huge
is "$rc:$err" "2:gitfs: pf/huge: file is larger than 16777216 bytes" "a huge file is refused"
rm pf/huge
run gitfs name pf sub/f
same_text "tree path and label for a directory" <<'EOF'
pf
pf/sub/f
pf
EOF
(cd pf && gitfs name . sub/f) >"$TMP/name.out"
printf '.\nsub/f\n.\n' >"$TMP/name.want"
same_file "$TMP/name.want" "$TMP/name.out" "no ./ prefix for the current directory"
run gitfs read nodir x
is "$rc:$err" "2:gitfs: nodir: No such file or directory" "a missing tree directory is an error"

# ---- opening repositories ----

mkdir plain
run gitfs open plain
is "$rc:$out:$err" "1::" "a directory outside git is 1 and quiet"

git init -q repo
mkdir -p repo/cohort/ada/evidence repo/cohort/bob repo/other
run gitfs open repo/cohort/ada
same_text "open finds the work tree and the prefix" <<EOF
workdir $TMP/repo/
prefix cohort/ada/
EOF
run gitfs open repo
is "$out" "$(printf 'workdir %s/repo/\nprefix ' "$TMP")" "the root's prefix is empty"

run env GIT_CEILING_DIRECTORIES="$TMP/repo" gitfs open repo/cohort
is "$rc:$out:$err" "1::" "GIT_CEILING_DIRECTORIES stops the search"

git init -q --bare bare.git
run gitfs open bare.git
is "$rc" "2" "a bare repository is no work tree"
like "$err" "is a bare repository; lp needs a work tree" "and says so"

run gitfs init fresh
is "$rc" "0" "init makes a repository"
is "$(git -C fresh symbolic-ref HEAD)" "refs/heads/main" "on the configured default branch"
git config --global init.defaultBranch trunk
run gitfs init fresh2
is "$(git -C fresh2 symbolic-ref HEAD)" "refs/heads/trunk" "init.defaultBranch is honoured"
git config --global --unset init.defaultBranch
run gitfs init fresh3
is "$(git -C fresh3 symbolic-ref HEAD)" "refs/heads/main" "main without init.defaultBranch"

# ---- committing exactly the given paths ----

cd repo
printf 'name: Ada\n' >cohort/ada/portfolio.md
printf 'one\n' >cohort/ada/evidence/a.md
printf 'bob\n' >cohort/bob/portfolio.md
run gitfs commit cohort/ada "portfolio: create" portfolio.md evidence/a.md
is_rc 0 "the first commit on an unborn branch"
is "$(git log --format=%s)" "portfolio: create" "with the message"
is "$(git show --stat --format= --name-only HEAD)" \
    "$(printf 'cohort/ada/evidence/a.md\ncohort/ada/portfolio.md')" \
    "only the given paths are committed"
is "$(git log -1 --format='%an <%ae> %ad|%cn <%ce> %cd' --date=raw)" \
    "Ada Tester <ada@example.org> 1768471200 +0000|Ada Tester <ada@example.org> 1768471200 +0000" \
    "author and committer from the environment"
is "$(git status --porcelain cohort/ada)" "" "the committed files are clean"

# Someone's own work: a staged file and a modified tracked one.
git add cohort/bob/portfolio.md
printf 'other\n' >other/notes
git add other/notes
git commit -q -m "user work"
printf 'changed by hand\n' >other/notes
printf 'bob staged\n' >cohort/bob/portfolio.md
git add cohort/bob/portfolio.md
printf 'name: Ada Lovelace\n' >cohort/ada/portfolio.md
printf 'new\n' >cohort/ada/evidence/b.md
run gitfs commit cohort/ada "evidence: add b" portfolio.md evidence/b.md
is_rc 0 "commit with other changes around"
is "$(git show --stat --format= --name-only HEAD)" \
    "$(printf 'cohort/ada/evidence/b.md\ncohort/ada/portfolio.md')" \
    "another staged file and a modified file are not committed"
is "$(git diff --cached --name-only)" "cohort/bob/portfolio.md" \
    "the user's staged change stays staged"
is "$(git diff --name-only)" "other/notes" "the user's modification stays modified"
is "$(git show HEAD:cohort/bob/portfolio.md)" "bob" "HEAD has the old staged file"
is "$(git log -1 --format=%B)" "evidence: add b" "the message"

git config user.name "Config Person"
git config user.email "config@example.org"
printf 'v3\n' >cohort/ada/portfolio.md
run env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME \
    -u GIT_COMMITTER_EMAIL gitfs commit cohort/ada "from config" portfolio.md
is "$(git log -1 --format='%an <%ae>|%cn <%ce>')" \
    "Config Person <config@example.org>|Config Person <config@example.org>" \
    "identity from the configuration when the environment has none"

for d in "@1700000000 +0100|1700000000 +0100" \
    "2026-01-15 10:00:00 +0100|1768467600 +0100" \
    "Thu, 15 Jan 2026 10:00:00 -0500|1768489200 -0500"; do
	printf '%s\n' "$d" >>cohort/ada/portfolio.md
	run env GIT_AUTHOR_DATE="${d%|*}" GIT_AUTHOR_NAME=Dee GIT_AUTHOR_EMAIL=dee@example.org \
	    gitfs commit cohort/ada "dated" portfolio.md
	is "$(git log -1 --format='%an %ae %ad' --date=raw)" "Dee dee@example.org ${d#*|}" \
	    "GIT_AUTHOR_DATE=${d%|*}"
done
printf 'x\n' >>cohort/ada/portfolio.md
run env GIT_AUTHOR_DATE=yesterdayish gitfs commit cohort/ada "bad date" portfolio.md
is "$rc:$err" "2:gitfs: GIT_AUTHOR_DATE: not a date git understands: yesterdayish" "a bad date is refused"
git checkout -q cohort/ada/portfolio.md

head=$(git rev-parse HEAD)
run gitfs commit cohort/ada "nothing" portfolio.md
is "$rc:$(git rev-parse HEAD)" "0:$head" "no commit when nothing changed"

rm cohort/ada/evidence/a.md
run gitfs commit cohort/ada "evidence: remove a" evidence/a.md
is_rc 0 "commit a removal"
is "$(git show --stat --format= --name-status HEAD)" "D	cohort/ada/evidence/a.md" "the deleted file is removed"
is "$(git ls-files cohort/ada/evidence)" "cohort/ada/evidence/b.md" "and gone from the index"

rm cohort/ada/evidence/b.md
run gitfs commit cohort/ada "evidence: remove b" evidence/b.md
is "$(git ls-tree -d HEAD cohort/ada/)" "" "removing the last file drops the empty directory"

mkdir -p cohort/ada/evidence
printf 'restored\n' >cohort/ada/evidence/c.md
run gitfs commit cohort/ada "evidence: add c" evidence/c.md
is "$(git ls-tree -r --name-only HEAD cohort/ada)" \
    "$(printf 'cohort/ada/evidence/c.md\ncohort/ada/portfolio.md')" "a new directory is added"

# ---- refusals ----

before=$(git rev-parse HEAD)
printf 'locked out\n' >cohort/ada/portfolio.md
: >.git/index.lock
run gitfs commit cohort/ada "blocked" portfolio.md
is "$rc" "2" "a held index.lock fails"
is "$err" "gitfs: $TMP/repo/.git/index.lock exists: another git process is running, or one crashed; remove the file if not" \
    "with a message saying what to do"
test -e .git/index.lock && ok "the lock file is left alone" || not_ok "the lock file is left alone"
is "$(git rev-parse HEAD)" "$before" "nothing was committed"
rm .git/index.lock

git checkout -q --detach
run gitfs commit cohort/ada "detached" portfolio.md
is "$rc:$err" "2:gitfs: $TMP/repo: HEAD is detached; check out a branch before lp commits" \
    "a detached HEAD is refused"
git checkout -q main
is "$(git rev-parse HEAD)" "$before" "nothing was committed on the detached HEAD"

git config --unset user.name
git config --unset user.email
mv "$HOME/.gitconfig" "$HOME/gitconfig.away"
run env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME \
    -u GIT_COMMITTER_EMAIL -u EMAIL gitfs commit cohort/ada "nobody" portfolio.md
is "$rc" "2" "no identity fails"
is "$err" "gitfs: no git identity: set user.name and user.email (git config --global user.name ...)" \
    "with a message saying how to set one"
is "$(git diff --cached --name-only)" "cohort/bob/portfolio.md" "and stages nothing"
run env -u GIT_COMMITTER_NAME -u GIT_COMMITTER_EMAIL -u EMAIL \
    gitfs commit cohort/ada "author only" portfolio.md
is "$rc:$(git log -1 --format='%an|%cn')" "0:Ada Tester|Ada Tester" \
    "the author's identity serves as committer when there is no other"
mv "$HOME/gitconfig.away" "$HOME/.gitconfig"

run gitfs commit cohort/ada "escape" ../../outside
is "$rc" "2" "a path leaving the work tree is refused"

# ---- clean / dirty ----

run gitfs clean cohort/ada
is "$rc:$out" "0:clean" "a committed portfolio is clean"
run gitfs clean cohort/bob
is "$rc:$out" "1:dirty" "a staged change is dirty"
printf 'more\n' >>cohort/ada/portfolio.md
run gitfs clean cohort/ada
is "$out" "dirty" "a modified file is dirty"
git checkout -q cohort/ada/portfolio.md
printf 'new\n' >cohort/ada/evidence/untracked.md
run gitfs clean cohort/ada
is "$out" "dirty" "an untracked file is dirty"
rm cohort/ada/evidence/untracked.md
printf 'ignored\n' >cohort/ada/junk.tmp
printf '*.tmp\n' >.git/info/exclude
run gitfs clean cohort/ada
is "$out" "clean" "an ignored file is not"
mkdir -p cohort/adam
printf 'x\n' >cohort/adam/f
run gitfs clean cohort/ada
is "$out" "clean" "a sibling with the same prefix does not count"
rm -r cohort/adam

# ---- tags ----

run gitfs tag cohort/ada lp/submitted/ada "Submitted for moderation"
is "$rc:$out" "0:lp/submitted/ada" "an annotated tag"
is "$(git cat-file -t lp/submitted/ada)" "tag" "it is annotated"
is "$(git for-each-ref --format='%(taggername) %(taggeremail)|%(contents)' refs/tags/lp/submitted/ada)" \
    "Ada Tester <ada@example.org>|Submitted for moderation" "tagger and message"
run gitfs tag cohort/ada lp/submitted/ada "Again"
is "$rc:$out" "0:lp/submitted/ada-2" "a repeated tag gets -2"
run gitfs tag cohort/ada lp/submitted/ada "Third"
is "$out" "lp/submitted/ada-3" "then -3"
run gitfs tag cohort/ada "bad..name" "x"
is "$rc" "2" "an invalid tag name fails"
run gitfs tag ../fresh t "x"
like "$rc:$err" "^2:.*no commit to tag" "tagging an unborn branch fails clearly"

# ---- reading at a revision ----

run gitfs resolve . HEAD
is "$rc:$out" "0:$(git rev-parse --short HEAD)" "resolve gives the short id"
run gitfs resolve . nosuch
is "$rc:$err" "2:gitfs: $TMP/repo: unknown revision nosuch" "resolve of an unknown revision"

first=$(git rev-list --max-parents=0 HEAD)
git tag v1 "$first"
git branch old "$first"
git tag -a -m "annotated" v1a "$first"
for rev in "$first" v1 v1a old "HEAD~20"; do
	run gitfs at cohort/ada "$rev" portfolio.md
	[ "$rev" = "HEAD~20" ] && continue
	is "$rc:$out" "0:name: Ada" "read at $rev gives the old content"
done
is "$rc:$err" "2:gitfs: cohort/ada: unknown revision HEAD~20" "a revision beyond the root is unknown"
run gitfs at cohort/ada nosuch portfolio.md
is "$rc:$err" "2:gitfs: cohort/ada: unknown revision nosuch" "an unknown revision is named"
run gitfs at cohort/ada v1 evidence/a.md
is "$rc:$out" "0:one" "a file since deleted is read at the old revision"
run gitfs at cohort/ada HEAD evidence/a.md
is "$rc:$out:$err" "1::" "a missing file at a revision is 1 and quiet"
run gitfs atlist cohort/ada v1 ""
is "$out" "$(printf 'evidence\nportfolio.md')" "list at a revision"
run gitfs atlist cohort/ada v1 evidence
is "$out" "a.md" "list a subdirectory at a revision"
run gitfs atlist cohort/ada v1 nope
is "$rc:$out" "1:" "list of a missing directory at a revision"
run gitfs atsize cohort/ada v1 portfolio.md
is "$rc:$out" "0:10" "size at a revision"
run gitfs at cohort/ada v1 evidence
is "$rc:$err" "2:gitfs: v1:cohort/ada/evidence: not a regular file" "a directory is not a file"
run gitfs at cohort/ada v1 ../bob/portfolio.md
is "$rc:$err" "2:gitfs: v1:cohort/ada/../bob/portfolio.md: leads outside the portfolio" \
    ".. is refused in a git tree"
run gitfs atname cohort/ada v1 portfolio.md
same_text "label and path of a git tree" <<'EOF'
cohort/ada@v1
v1:cohort/ada/portfolio.md
(git)
EOF
run gitfs at cohort/bob v1 portfolio.md
is "$rc:$out" "1:" "a portfolio that did not exist yet has no files"

ln -s ../../other/notes cohort/ada/link.md
git add cohort/ada/link.md
git commit -q -m "a link"
run gitfs at cohort/ada HEAD link.md
is "$rc" "2" "a symbolic link in git is refused"
like "$err" "^gitfs: HEAD:cohort/ada/link.md: is a symbolic link" "and named"

cd "$TMP"
git clone -q --bare repo cohort.git
run gitfs bare cohort.git v1 cohort/ada portfolio.md
is "$rc:$out" "0:name: Ada" "read from a bare repository"
run gitfs bare cohort.git main cohort/ada/ evidence/c.md
is "$rc:$out" "0:restored" "a subdir with a trailing slash"
run gitfs bare plain HEAD "" x
is "$rc:$err" "2:gitfs: plain: not a git repository" "a directory that is no repository"

# ---- another user's repository ----

if [ -n "$IS_ROOT" ]; then
	cp -a repo theirs
	chown -R nobody theirs
	run gitfs open theirs/cohort/ada
	is "$rc:$err" "2:gitfs: theirs/cohort/ada: the git repository is owned by another user; lp will not use it (see git's safe.directory)" \
	    "a repository owned by another user is refused"
	run gitfs bare theirs HEAD "" x
	is "$rc" "2" "also when opened directly"
	git config --global --add safe.directory "$TMP/theirs"
	run gitfs open theirs
	is "$rc" "0" "safe.directory lets it be used"
	git config --global --unset-all safe.directory
else
	ok "# SKIP needs root to make a repository owned by another user"
	ok "# SKIP needs root to make a repository owned by another user"
	ok "# SKIP needs root to make a repository owned by another user"
fi

# ---- the portfolio lock ----

mkdir lk
gitfs lock lk 60 >lk.out 2>&1 &
holder=$!
i=0
while ! grep -q locked lk.out 2>/dev/null && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
is "$(cat lk.out)" "locked" "the first writer takes the lock"
run env LP_LOCK_TIMEOUT=1 gitfs lock lk 0
is "$rc" "2" "a second writer gives up after LP_LOCK_TIMEOUT"
like "$err" "^gitfs: another lp command is writing lk; try again" "with a clear message"
env LP_LOCK_TIMEOUT=60 gitfs lock lk 0 >lk2.out 2>&1 &
waiter=$!
kill "$holder"
wait "$holder" 2>/dev/null
wait "$waiter"
is "$?:$(cat lk2.out)" "0:locked" "it succeeds once the first writer is gone"
is "$(ls -A lk)" "" "the lock leaves nothing on disk"

run gitfs commit plain "x" f
is "$rc:$err" "2:gitfs: plain: not in a git work tree" "commit outside git"

done_testing
