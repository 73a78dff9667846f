#!/bin/sh
. "$(dirname "$0")/lib.sh"
# A windows.csv that Excel re-saved: its trailing ",,," rows are ignored,
# and day-first dates are one finding for the file, saying what happened
# and how to fix it, not one message per cell.

printf 'id,term,opens,closes\r\n2026-03,spring,2026-03-01,2026-03-31\r\n2026-06,summer,2026-06-01,2026-06-30\r\n,,,\r\n,,,\r\n' >blank.csv
run lp-window list --windows blank.csv --since 2026-01-01 --until 2026-12-31
is "$rc:$err" "0:" "trailing ,,, rows (CRLF): ignored, no message"
is "$out" "id,term,opens,closes
2026-03,spring,2026-03-01,2026-03-31
2026-06,summer,2026-06-01,2026-06-30" "... and the windows are read"

printf 'id,term,opens,closes\r\n2026-03,spring,01/03/2026,31/03/2026\r\n2026-06,summer,01/06/2026,30/06/2026\r\n,,,\r\n' >excel.csv
run lp-window list --windows excel.csv
is_rc 2 "day-first dates: the calendar cannot be used, exit 2"
is "$(printf '%s\n' "$err" | grep -c .)" 1 "... one message for the file, not one per date"
like "$err" "^lp-window: excel.csv:2: 4 dates like '01/03/2026' instead of YYYY-MM-DD: a spreadsheet \(Excel\) probably changed the date format" \
    "... naming the file, the first line, the count and the cause"
like "$err" "format the opens and closes columns as yyyy-mm-dd" "... and saying how to fix it"

# lp check reports it as a finding of the portfolio it belongs to.
lp init ada --name Ada --id ada --commenced 2025-09-01 -q
cp excel.csv ada/windows.csv
printf -- '---\nname: Ada\nid: ada\ncommenced: 2025-09-01\nsubmitted: 2026-03-10\nwindow: 2026-03\n---\n' >ada/portfolio.md
run lp check --min none ada
is_rc 1 "lp check: the Excel-dated windows.csv is a finding (exit 1)"
is "$(printf '%s\n' "$err" | grep -c 'instead of YYYY-MM-DD')" 1 "... said once"

printf 'id,term,opens,closes\n2026-03,spring,2026-13-01,2026-03-31\n' >bad.csv
run lp-window list --windows bad.csv
is_rc 2 "a date that is neither ISO nor a spreadsheet's: exit 2"
like "$err" "bad.csv:2: opens: expected a date YYYY-MM-DD, got '2026-13-01'" "... named with file, line and column"

done_testing
