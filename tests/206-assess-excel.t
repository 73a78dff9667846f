#!/bin/sh
. "$(dirname "$0")/lib.sh"

# An assessment.csv that Excel has opened and saved again (issue 13): CRLF,
# blank ",,," rows at the end, and dates rewritten as dd/mm/yyyy.

mkportfolio ada ada "Ada Lovelace" 2025-09-01
mkevidence ada 2025-10-01-talk "Talk" 2025-10-01 "LP1, LP2" institution

# --- blank trailing rows are ignored ----------------------------------------

printf 'standard,level,date,note\r\nLP1,extending,2025-12-02,\r\nLP2,developing,2025-12-02,first go\r\n,,,\r\n,,,\r\n' >ada/assessment.csv
run lp-assess show -o csv ada
is_rc 0 "blank ,,, rows: show reads the file"
is "$err" "" "blank ,,, rows: nothing to say about them"
is "$(printf '%s\n' "$out" | grep -c ',not-assessed,')" 8 "the two rows count, the blank ones are no standards"
run lp-assess check --min developing ada
is "$(printf '%s\n' "$err" | grep -c 'assessment.csv:[5-6]:')" 0 "check: no finding for the blank rows"
git -C ada init -q && git -C ada add -A && git -C ada commit -qm excel
run lp-assess -C ada set LP3=developing --date 2025-12-10
is_rc 0 "set on a file with blank rows"
out=$(cat ada/assessment.csv)
same_text "set rewrites the rows and drops the blank ones" <<'EOF'
standard,level,date,note
LP1,extending,2025-12-02,
LP2,developing,2025-12-02,first go
LP3,developing,2025-12-10,
EOF

# --- dates Excel rewrote: one finding for the file --------------------------

printf 'standard,level,date,note\r\nLP1,extending,02/12/2025,\r\nLP2,developing,02/12/2025,\r\nLP3,developing,10/12/2025,\r\nLP4,extending,2025-12-01,\r\n,,,\r\n' >ada/assessment.csv
run lp-assess check ada
is_rc 1 "dd/mm/yyyy dates: check finds a problem"
is "$(printf '%s\n' "$err" | grep -c 'YYYY-MM-DD')" 1 "one finding for the dates, not one per standard"
like "$err" "ada/assessment.csv:2: 3 dates like '02/12/2025' instead of YYYY-MM-DD: a spreadsheet \\(Excel\\) probably changed the date format" \
	"it says what probably happened"
like "$err" "format the date column as yyyy-mm-dd" "and how to fix it"
case $err in *"LP1 is not assessed"*|*"LP2 is not assessed"*) not_ok "the levels still count" "$err" ;;
*) ok "the levels still count (no 'not assessed' for them)" ;; esac
run lp-assess check -o csv ada
is "$(printf '%s\n' "$out" | grep -c 'probably changed the date format')" 1 "as rows: one row for the dates"

unchanged ada "set on a file with Excel dates" lp-assess -C ada set LP5=developing
is_rc 2 "set refuses the file"
is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 "... with one message"
like "$err" "probably changed the date format" "... the same one"
run lp-assess show ada
is_rc 2 "show: exit 2 on the file"
is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 "show: one message"

git -C ada add -A && git -C ada commit -qm "saved by Excel"
run lp-assess history -C ada
is_rc 2 "history: the version Excel saved is skipped"
is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 "history: one message for it"
like "$err" "probably changed the date format" "history: the same message"

# A real bad date is still named on its own row.
printf 'standard,level,date,note\nLP1,extending,2025-13-45,\n' >ada/assessment.csv
run lp-assess check ada
like "$err" "ada/assessment.csv:2: LP1: expected a date YYYY-MM-DD, got '2025-13-45'" "2025-13-45 is not a spreadsheet's date"

done_testing
