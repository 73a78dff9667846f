#!/bin/sh
. "$(dirname "$0")/lib.sh"
# --git PATH [--ref GLOB]: a cohort kept as bare repositories, read
# straight from the object database; the numbers are those of the same
# portfolios checked out.
. "$TESTS_DIR/report-lib.sh"

mkcohort c
mkdir -p bare
for d in c/*; do
	n=${d##*/}
	git -C "$d" init -q && git -C "$d" add . && git -C "$d" commit -q -m "portfolio: $n"
	git clone -q --bare "$d" "bare/$n.git"
done

# Everything but the path column (where each portfolio was read); the
# checkouts are repositories too, so last_activity is the same commit's date.
lp-report summary -o tsv c | cut -f1-14,16- >dirs.tsv
run lp-report summary -o tsv --git bare
is_rc 0 "summary --git: exit 0"
printf '%s\n' "$out" | cut -f1-14,16- >git.tsv
same_file dirs.tsv git.tsv "summary --git: the same rows as the checked-out portfolios"
like "$out" '	bare/ann.git@HEAD	' "--git: each read at HEAD, and labelled so"

run lp-report coverage --git bare
lp-report coverage c >cov-dirs.csv
printf '%s\n' "$out" >cov-git.csv
same_file cov-dirs.csv cov-git.csv "coverage --git: the same counts"

run lp-report summary --git bare/cat.git
is "$(printf '%s\n' "$out" | sed -n 2p | cut -d, -f1,5)" "c3,ready" "--git one repository"

# --ref GLOB: each matching ref is a portfolio; others are not read.
git -C bare/dev.git tag lp/submitted/2025-11
git -C bare/ben.git tag lp/submitted/2025-06
git -C bare/ben.git tag other
run lp-report summary -o tsv --git bare --ref 'refs/tags/lp/submitted/*'
is_rc 0 "--ref: exit 0"
printf '%s\n' "$out" | cut -f1,15 >refs.tsv
same_file - refs.tsv "--ref: only the repositories with a matching ref, labelled by the ref" <<'W'
id	path
b2	bare/ben.git@refs/tags/lp/submitted/2025-06
d4	bare/dev.git@refs/tags/lp/submitted/2025-11
W
run lp-report summary --git bare --ref 'refs/tags/nothing/*'
is "$rc:$out" "0:id,name,school,cohort,stage,commenced,deadline,next_window,assessed,ready,unsupported,evidence,accredited,expires,path,last_activity,target_window,signed_off" \
	"--ref matching nothing: no rows, exit 0"
git -C bare/ben.git tag lp/submitted/2025-11
run lp-report summary -o tsv --git bare/ben.git --ref 'refs/tags/lp/submitted/*'
is_rc 0 "two refs of one portfolio: exit 0 (SPEC 5.6: the newest wins)"
is "$(printf '%s\n' "$out" | sed 1d | cut -f1,15)" "b2	bare/ben.git@refs/tags/lp/submitted/2025-11" \
	"... one row, and on a tie of dates the later ref name"

# The dashboard and the pack from git.
run lp-report html --git bare
is_rc 0 "html --git: exit 0"
printf '%s\n' "$out" >git.html
htmlcheck git.html "html --git: well-formed"
like "$out" 'read from <bdi>git bare' "html --git: says where it read from"
run lp-report pack --git bare/cat.git
is_rc 0 "pack --git REPO: exit 0"
like "$out" '<title>Moderation pack: Cat Clever \(c3\)</title>' "pack --git: the portfolio"
run lp-report pack --git bare
is_rc 2 "pack --git over many repositories: exit 2"
like "$err" 'pack takes one portfolio, and --git found 10' "... says how many it found"
is "$out" "" "... and writes nothing"

# Generated bare repositories read the same as their checked-out twins.
gen-cohort -n 6 -e 5 gen
gen-cohort -n 6 -e 5 --bare genbare
# (gen is not in git: its last_activity is its newest evidence, so that
# column is left out with the path.)
lp-report summary -o tsv gen | cut -f1-14,17- >gen-dirs.csv
lp-report summary -o tsv --git genbare | cut -f1-14,17- >gen-git.csv
same_file gen-dirs.csv gen-git.csv "generated cohort: --git agrees with the directories"

# Errors: a repository without a commit is reported, the rest still read.
git init -q --bare bare/empty.git
run lp-report summary --git bare
is_rc 2 "an empty repository: exit 2"
like "$err" 'empty' "... named"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 11 "... the other ten still reported"

# The repository's own config decides how it is opened (git's rules): a
# format version lp cannot read, or an extension it does not know in
# version 1, is refused and named; version 0 ignores extensions, as git
# does.  Packed objects read the same as loose ones.
mkdir odd
git clone -q --bare c/ann odd/v2.git
git clone -q --bare c/ann odd/ext.git
git clone -q --bare c/ben odd/packed.git
git clone -q --bare c/cat odd/v0ext.git
git -C odd/v2.git config core.repositoryformatversion 2
git -C odd/ext.git config core.repositoryformatversion 1
git -C odd/ext.git config extensions.frobnicate true
git -C odd/v0ext.git config extensions.frobnicate true
git -C odd/packed.git gc -q 2>/dev/null
run lp-report summary -o tsv --git odd
is_rc 2 "odd repositories: exit 2"
like "$err" 'odd/v2.git.*unsupported repository version 2' "format version 2: refused and named"
like "$err" 'odd/ext.git.*frobnicate' "an unknown extension in version 1: refused and named"
is "$(printf '%s\n' "$out" | sed 1d | cut -f1,15)" "b2	odd/packed.git@HEAD
c3	odd/v0ext.git@HEAD" "... a packed one and one of version 0 with an extension are read"
is "$(printf '%s\n' "$out" | cut -f1-14,16- | grep '^[bc][23]	')" "$(grep '^[bc][23]	' dirs.tsv)" \
	"... with the checkouts' numbers"
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	mkdir theirs && git clone -q --bare c/ann theirs/ann.git && chown -R nobody theirs/ann.git
	run lp-report summary --git theirs
	is "$rc" 2 "a bare repository owned by another user: exit 2"
	like "$err" 'theirs/ann.git: the git repository is owned by another user' "... refused, as git does"
	git config --global --add safe.directory "$PWD/theirs/ann.git"
	run lp-report summary --git theirs
	is "$rc" 0 "... and read once safe.directory names it"
else
	ok "# SKIP needs root to make a repository owned by another user"
	ok "# SKIP needs root to make a repository owned by another user"
	ok "# SKIP needs root to make a repository owned by another user"
fi
run lp-report summary --git nowhere
is_rc 2 "--git a missing path: exit 2"
like "$err" 'nowhere' "... named"
run lp-report summary --git bare c
is_rc 2 "--git with operands: a usage error"
run lp-report summary --git bare --at HEAD
is_rc 2 "--git with --at: a usage error"

done_testing
