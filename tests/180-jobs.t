#!/bin/sh
. "$(dirname "$0")/lib.sh"
# -j N: cohort commands read portfolios on N threads, and what they print
# (rows, diagnostics, exit status) is the same byte for byte as with -j 1,
# broken portfolios included.

gen-cohort -n 90 -e 3 c
# Break some portfolios in different ways, spread through the cohort.
sed 's/^commenced: .*/commenced: 2025-13-45/' c/lp00007/portfolio.md >x && mv x c/lp00007/portfolio.md
printf 'standard,level,date,note\nLP1,bogus,2025-10-01,\n' >c/lp00031/assessment.csv
sed 's/^id: .*/id: lp00002/' c/lp00055/portfolio.md >x && mv x c/lp00055/portfolio.md
printf -- '---\ntitle: x\n' >c/lp00070/evidence/broken.md
rm c/lp00083/portfolio.md && mkdir c/lp00083/portfolio.md

same_run() {	# same_run NAME CMD...: -j 1 and -j 4 and -j 13 agree
	name=$1; shift
	"$@" -j 1 >j1.out 2>j1.err; r1=$?
	for j in 4 13; do
		"$@" -j $j >jn.out 2>jn.err; rn=$?
		if grep -q 'unknown option\|does not apply' j1.err; then
			not_ok "$name: takes -j" "$(head -2 j1.err)"
		elif cmp -s j1.out jn.out && cmp -s j1.err jn.err && [ $r1 = $rn ]; then
			ok "$name: -j $j prints what -j 1 prints (exit $r1)"
		else
			not_ok "$name: -j $j prints what -j 1 prints" "rc $r1 vs $rn" \
			    "$(diff j1.out jn.out | head -5)" "$(diff j1.err jn.err | head -5)"
		fi
	done
}

same_run "lp-report summary" lp-report summary c
same_run "lp-report coverage -o json" lp-report coverage -o json c
same_run "lp-window status" lp-window status c
same_run "lp-reaccredit status" lp-reaccredit status c
same_run "lp check" lp check c
same_run "lp check -o csv" lp check -o csv c

lp-window status -j 1 c >/dev/null 2>j1.err
like "$(cat j1.err)" "lp00007/portfolio.md" "the broken portfolios are named (not hidden by the threads)"
like "$(cat j1.err)" "two portfolios have the id 'lp00002'" "... duplicate ids too, in a stable order"

# The same over git: --at reads every portfolio from one repository.
git -C c init -q && git -C c add -A && git -C c commit -q -m cohort
same_run "lp-window status --at HEAD" lp-window status --at HEAD c

# --git, in both shapes: a cohort in one repository (90 portfolios, more
# than one slot of the pool holds: loaded in chunks) and a directory of
# repositories, one per practitioner; and with --ref, where each ref is
# read before the newest is chosen.
same_run "lp-report summary --git (one repository)" lp-report summary --git c
same_run "lp-report coverage --git (one repository)" lp-report coverage --git c
same_run "lp check --git (one repository)" lp check --git c --at HEAD
git -C c tag v1
sed 's/^name: .*/name: Renamed Later/' c/lp00040/portfolio.md >x && mv x c/lp00040/portfolio.md
git -C c commit -q -am later && git -C c tag v2
same_run "lp-report summary --git --ref (two tags)" lp-report summary --git c --ref 'refs/tags/v*'
lp-report summary -j 4 --git c --ref 'refs/tags/v*' >tags.out 2>&1
like "$(cat tags.out)" "Renamed Later" "--ref: the newest tag's portfolio wins, on threads too"
gen-cohort -n 40 -e 4 --bare bare
gen-cohort -n 40 -e 4 plain
same_run "lp-report summary --git (40 repositories)" lp-report summary --git bare
lp-report summary -j 4 -o tsv --git bare | cut -f1-14,17- >git.tsv
lp-report summary -j 1 -o tsv plain | cut -f1-14,17- >plain.tsv
if [ -s git.tsv ] && cmp -s git.tsv plain.tsv; then
	ok "--git rows on threads are the checkout's (but path and last_activity)"
else
	not_ok "--git rows on threads are the checkout's" "$(diff git.tsv plain.tsv | head -5)"
fi
rm -rf bare/lp00011.git/objects/??
same_run "lp-report summary --git with a repository emptied of objects" lp-report summary --git bare

run lp-report summary -j 0 c
is_rc 2 "-j 0 is refused"
like "$err" "-j" "... naming the option"

done_testing
