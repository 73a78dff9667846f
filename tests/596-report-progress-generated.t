#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-report progress on generated cohorts whose history is known: the
# expected rows come from scripts/gen-history's own model of the commits
# it made, not from reading the repositories back (issue 14).

if ! command -v python3 >/dev/null 2>&1; then
	ok "# SKIP python3 is missing"
	done_testing
	exit 0
fi
gen="$SRC_DIR/scripts/gen-history"

python3 "$gen" -n 25 -c 20 -s 7 --expect want.csv each
run lp-report progress -o csv --git each
is_rc 0 "one repository per practitioner: exit 0"
printf '%s\n' "$out" >got.csv
same_file want.csv got.csv "month by month, the counts the generator expects"

python3 "$gen" -n 25 -c 20 -s 7 --one-repo --by term --expect want-term.csv mono
run lp-report progress -o csv --by term --git mono/cohort.git
printf '%s\n' "$out" >got-term.csv
same_file want-term.csv got-term.csv "one repository for the cohort, term by term: the same model's counts"

# The same cohort checked out reads the same as its bare repository.
git clone -q mono/cohort.git checkout
run lp-report progress -o csv --by term checkout
printf '%s\n' "$out" >got-checkout.csv
same_file want-term.csv got-checkout.csv "a checkout of it: the same rows"

done_testing
