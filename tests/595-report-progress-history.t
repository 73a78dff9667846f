#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-report progress: levels at the end of each month or term, read from
# each portfolio's git history.  scripts/gen-progress makes a cohort whose
# history is known and computes the expected rows itself, without lp.

gen=$SRC_DIR/scripts/gen-progress
if ! command -v python3 >/dev/null 2>&1; then
	ok "progress # SKIP python3 is not installed"
	done_testing
	exit
fi
range="--since 2024-09-01 --until 2026-01-15"

"$gen" -n 9 -c 7 --seed 3 each
run lp-report progress $range each
is_rc 0 "a repository per practitioner: exit 0"
printf '%s\n' "$out" >got.csv
same_file each/expected-month.csv got.csv "... the counts of every month equal the generator's"

mkdir bare
for d in each/p*; do git clone -q --bare "$d" "bare/${d##*/}.git"; done
run lp-report progress $range --git bare
printf '%s\n' "$out" >got.csv
same_file each/expected-month.csv got.csv "the same cohort as bare repositories: the same rows"

"$gen" -n 14 -c 9 --seed 5 --one-repo mono
run lp-report progress $range mono
printf '%s\n' "$out" >got.csv
same_file mono/expected-month.csv got.csv "one repository for the whole cohort: the same rows as the generator's"
git clone -q --bare mono mono.git
run lp-report progress $range --git mono.git
printf '%s\n' "$out" >gotb.csv
same_file mono/expected-month.csv gotb.csv "... and as one bare repository, read with --git"
run lp-report progress $range -j 1 mono
printf '%s\n' "$out" >got1.csv
same_file got.csv got1.csv "-j 1 gives the same rows"

# Terms: one period per window of the calendar, ending the day it closes;
# the built-in windows close on the last day of a month, so a term's row
# is that month's row.
run lp-report progress --by term $range each
is_rc 0 "--by term: exit 0"
is "$(printf '%s\n' "$out" | cut -d, -f1 | sort -u | tr '\n' ' ')" \
    "2024-autumn 2025-autumn 2025-spring 2025-summer period " "the terms of the calendar in the range, named YEAR-TERM"
t=$(printf '%s\n' "$out" | grep '^2025-spring,' | cut -d, -f2-)
m=$(grep '^2025-03,' each/expected-month.csv | cut -d, -f2-)
is "$t" "$m" "a term's counts are those at the day its window closes"

# --at: the history up to that revision only.
first=$(git -C mono rev-parse HEAD~8)
when=$(git -C mono show -s --format=%cs "$first")
run lp-report progress --since 2024-09-01 --until "$when" --at "$first" mono
is_rc 0 "--at REV: exit 0"
run lp-report progress --since 2024-09-01 --until "$when" mono
printf '%s\n' "$out" >head.csv
run lp-report progress --since 2024-09-01 --until "$when" --at "$first" mono
printf '%s\n' "$out" >at.csv
last=$(tail -1 at.csv | cut -d, -f1)
is "$(grep -v "^$last," at.csv)" "$(grep -v "^$last," head.csv)" "--at REV: the months before it are those of HEAD"

# Outside git: each standard counts from the day its row was assessed.
mkportfolio plain/ann ann Ann 2025-09-01
mkassessment plain/ann "LP1,extending,2025-10-10," "LP2,developing,,"
mkevidence plain/ann 2025-10-01-a A 2025-10-01 LP1 institution
run lp-report progress --since 2025-09-01 --until 2025-11-30 -o csv plain
is "$(printf '%s\n' "$out" | grep -E '^2025-(09|10),LP1,')" "2025-09,LP1,1,0,0,0,0,0
2025-10,LP1,0,0,0,1,0,1" "outside git: LP1 counts at extending from the month it was assessed, supported"
is "$(printf '%s\n' "$out" | grep -E '^2025-09,LP2,')" "2025-09,LP2,0,0,1,0,0,0" "... a row without a date counts from the start"

run lp-report progress --by week each
is_rc 2 "--by week: a usage error"
like "$err" "--by: expected month or term, got 'week'" "... naming the option and the words it takes"
run lp-report progress --since 2026-01-01 --until 2025-01-01 each
is_rc 2 "--since after --until: a usage error"
run lp-report progress --since 2026-13-01 each
is_rc 2 "a bad date: a usage error"
like "$err" "--since: expected a date YYYY-MM-DD, got '2026-13-01'" "... naming the option"

done_testing
