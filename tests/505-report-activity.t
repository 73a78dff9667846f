#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-report summary: last_activity (the newest commit touching the
# portfolio, or its newest evidence outside git) and target_window (the
# portfolio.md key target), SPEC 5.6.

col() {	# col NAME: that column of the TSV in $out, a row a line, after the id
	printf '%s\n' "$out" | awk -F'\t' -v c="$1" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) n = i; next }
		{ print $1 ":" $n }'
}

# Outside git: the newest evidence date.
mkportfolio plain p1 "Pat Plain" 2025-09-01 "target: 2026-06"
mkevidence plain 2025-10-01-a "A" 2025-10-01 LP1 team
mkevidence plain 2025-12-03-b "B" 2025-12-03 LP2 team
mkevidence plain 2025-11-01-c "C" 2025-11-01 LP3 team
mkportfolio none p2 "No Evidence" 2025-09-01
run lp-report summary -o tsv plain none
is_rc 0 "summary: exit 0"
is "$(col last_activity)" "p1:2025-12-03
p2:" "outside git: the newest evidence date, empty when there is none"
is "$(col target_window)" "p1:2026-06
p2:" "target_window: the target key, empty when not set"
is "$(col next_window)" "p1:2026-03
p2:2026-03" "... shown beside the next usable window"
run lp-report summary -o json none
like "$out" '"last_activity":null,"target_window":null' "missing: null in JSON"

# A cohort in one repository: each portfolio's own newest commit.
mkdir mono
mkportfolio mono/a a1 "Ann" 2025-09-01
mkportfolio mono/b b1 "Bea" 2025-09-01
git -C mono init -q
git -C mono add . && GIT_COMMITTER_DATE=2025-10-01T12:00:00Z git -C mono commit -q -m start
mkevidence mono/b 2025-11-02-x "X" 2025-11-02 LP1 team
git -C mono add . && GIT_COMMITTER_DATE=2025-11-05T23:30:00-02:00 git -C mono commit -q -m "b works"
printf 'notes\n' >mono/README
git -C mono add . && GIT_COMMITTER_DATE=2025-12-01T09:00:00Z git -C mono commit -q -m "not a portfolio"
run lp-report summary -o tsv mono
is "$(col last_activity)" "a1:2025-10-01
b1:2025-11-05" "in git: the newest commit that touched each portfolio, in the committer's own day"
run lp-report summary -o tsv --at HEAD~2 mono
is "$(col last_activity)" "a1:2025-10-01
b1:2025-10-01" "--at: as of that revision"
mkevidence mono/a 2026-01-10-y "Y" 2026-01-10 LP1 team
run lp-report summary -o tsv mono
is "$(col last_activity)" "a1:2025-10-01
b1:2025-11-05" "uncommitted work is not activity in git"

# A bad target is a warning, and the column stays empty.
mkportfolio bad t1 "Tess" 2025-09-01 "target: next summer please"
run lp-report summary -o tsv bad
is "$rc:$(col target_window)" "0:t1:" "a target that is not a window id: empty"
like "$err" "portfolio.md:[0-9]+: warning: target: expected a window id" "... with a warning naming the line"

# Re-accreditation: whether the case study is signed off (signed_off).
mkportfolio cs/hal h1 "Hal" 2021-01-01 "accredited: 2023-03-01" "outcome: accredited" "submitted: 2023-01-10" "window: 2023-03"
run lp-report summary -o tsv cs
is "$(col signed_off)" "h1:" "no case study: signed_off is empty (null)"
lp-reaccredit init -C cs/hal --theme "Oracy" --no-commit -q
run lp-report summary -o tsv cs
is "$(col signed_off)" "h1:no" "a case study not yet signed off: no"
sed -e 's/^signed-off-by:.*/signed-off-by: Pat Head/' -e 's/^signed-off-on:.*/signed-off-on: 2026-01-10/' cs/hal/case-study.md >x && mv x cs/hal/case-study.md
run lp-report summary -o tsv cs
is "$(col signed_off)" "h1:yes" "signed by a head teacher on a date not after today: yes"
run lp-report summary -o json cs
like "$out" '"signed_off":"yes"' "... the same in JSON"

done_testing
