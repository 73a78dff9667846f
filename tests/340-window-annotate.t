#!/bin/sh
# lp-window annotate: a filter appending deadline,next_window,last_window,
# windows_left to rows with a commenced column (today is 2026-01-15).
. "$(dirname "$0")/lib.sh"

cat >people.csv <<'W'
id,name,commenced
a,Ann Leap,2024-02-29
b,Ben Close,2024-06-30
c,Cy Empty,
d,Di Future,2026-09-01
e,"Eve, Jr",2023-10-01
W
run_in people.csv lp-window annotate
is_rc 0 "csv: exit 0"
same_text "csv in, csv out: every column kept, four appended" <<'W'
id,name,commenced,deadline,next_window,last_window,windows_left
a,Ann Leap,2024-02-29,2026-02-28,,2025-11,0
b,Ben Close,2024-06-30,2026-06-30,2026-03,2026-06,2
c,Cy Empty,,,,,
d,Di Future,2026-09-01,2028-09-01,2026-03,2028-06,8
e,"Eve, Jr",2023-10-01,2025-10-01,,2025-06,0
W
is "$err" "lp-window: <stdin>:5: warning: commenced 2026-09-01 is after today (2026-01-15)" \
	"a commencement after today: a warning naming the row"
run_in people.csv lp-window annotate -q
is "$err" "" "-q silences the warning"
run lp-window annotate people.csv
is "$(printf '%s\n' "$out" | sed -n 2p)" "a,Ann Leap,2024-02-29,2026-02-28,,2025-11,0" "FILE operand"
is "$err" "lp-window: people.csv:5: warning: commenced 2026-09-01 is after today (2026-01-15)" \
	"FILE operand: diagnostics name the file"
run_in people.csv lp-window annotate -
is "$(printf '%s\n' "$out" | sed -n 3p)" "b,Ben Close,2024-06-30,2026-06-30,2026-03,2026-06,2" "- is standard input"

# The other input forms, and the output following the input.
cat >people.json <<'W'
[
  {"id": "a", "commenced": "2024-02-29", "n": 3},
  {"id": "c", "commenced": null, "n": 4}
]
W
run_in people.json lp-window annotate
same_text "json array in, json out" <<'W'
[
{"id":"a","commenced":"2024-02-29","n":"3","deadline":"2026-02-28","next_window":null,"last_window":"2025-11","windows_left":0},
{"id":"c","commenced":null,"n":"4","deadline":null,"next_window":null,"last_window":null,"windows_left":null}
]
W
printf '{"id":"a","commenced":"2024-06-30"}\n\n{"id":"b","commenced":"2024-02-29"}\n' >people.jsonl
run_in people.jsonl lp-window annotate
same_text "json lines in, json lines out" <<'W'
{"id":"a","commenced":"2024-06-30","deadline":"2026-06-30","next_window":"2026-03","last_window":"2026-06","windows_left":2}
{"id":"b","commenced":"2024-02-29","deadline":"2026-02-28","next_window":null,"last_window":"2025-11","windows_left":0}
W
run_in people.jsonl lp-window annotate -o csv
same_text "json lines in, -o csv" <<'W'
id,commenced,deadline,next_window,last_window,windows_left
a,2024-06-30,2026-06-30,2026-03,2026-06,2
b,2024-02-29,2026-02-28,,2025-11,0
W
head -n 3 people.csv >three.csv
run_in three.csv lp-window annotate -o tsv
same_text "-o tsv" <<'W'
id	name	commenced	deadline	next_window	last_window	windows_left
a	Ann Leap	2024-02-29	2026-02-28		2025-11	0
b	Ben Close	2024-06-30	2026-06-30	2026-03	2026-06	2
W
run_in three.csv lp-window annotate -o table
same_text "-o table" <<'W'
id  name       commenced   deadline    next_window  last_window  windows_left
a   Ann Leap   2024-02-29  2026-02-28               2025-11                 0
b   Ben Close  2024-06-30  2026-06-30  2026-03      2026-06                 2
W
run_in three.csv lp-window annotate -o jsonl
same_text "-o jsonl" <<'W'
{"id":"a","name":"Ann Leap","commenced":"2024-02-29","deadline":"2026-02-28","next_window":null,"last_window":"2025-11","windows_left":0}
{"id":"b","name":"Ben Close","commenced":"2024-06-30","deadline":"2026-06-30","next_window":"2026-03","last_window":"2026-06","windows_left":2}
W

# A key first seen in a later JSON Lines object.
printf '{"id":"a","commenced":"2024-06-30"}\n{"id":"b","commenced":"2024-06-30","cohort":"north"}\n' >wide.jsonl
run_in wide.jsonl lp-window annotate
same_text "a new key: kept in jsonl output" <<'W'
{"id":"a","commenced":"2024-06-30","deadline":"2026-06-30","next_window":"2026-03","last_window":"2026-06","windows_left":2}
{"id":"b","commenced":"2024-06-30","cohort":"north","deadline":"2026-06-30","next_window":"2026-03","last_window":"2026-06","windows_left":2}
W
run_in wide.jsonl lp-window annotate -o csv
is_rc 2 "a new key with csv output: exit 2"
is "$err" "lp-window: <stdin>:2: key 'cohort' is not in the first row: csv output needs every key in the first row (use -o jsonl)" \
	"a new key with csv output: message"

# Annotating annotated rows recomputes the columns in place.
printf 'deadline,commenced,id\n1999-01-01,2024-06-30,a\n' >again.csv
run_in again.csv lp-window annotate
same_text "existing columns of the same names are replaced, not repeated" <<'W'
deadline,commenced,id,next_window,last_window,windows_left
2026-06-30,2024-06-30,a,2026-03,2026-06,2
W

# Cells a spreadsheet would run stay neutralised both ways.
printf "id,name,commenced\na,'=HYPERLINK(1),2024-06-30\n" >formula.csv
run_in formula.csv lp-window annotate
is "$(printf '%s\n' "$out" | sed -n 2p)" "a,'=HYPERLINK(1),2024-06-30,2026-06-30,2026-03,2026-06,2" "formula cells round-trip"

# The calendar: --windows, LP_WINDOWS, never a windows.csv lying around.
printf 'id,term,opens,closes\n2026-05,x,2026-05-01,2026-05-31\n' >cal.csv
cp cal.csv windows.csv
run_in three.csv lp-window annotate
is "$(printf '%s\n' "$out" | sed -n 3p)" "b,Ben Close,2024-06-30,2026-06-30,2026-03,2026-06,2" \
	"a windows.csv in the current directory is not used"
run_in three.csv lp-window annotate --windows cal.csv
is "$(printf '%s\n' "$out" | sed -n 3p)" "b,Ben Close,2024-06-30,2026-06-30,2026-05,2026-05,1" "--windows"
out=$(LP_WINDOWS=cal.csv lp-window annotate <three.csv | sed -n 3p)
is "$out" "b,Ben Close,2024-06-30,2026-06-30,2026-05,2026-05,1" "LP_WINDOWS"
rm windows.csv

# Bad dates: an error naming the row, or with --keep-going a warning.
cat >bad.csv <<'W'
id,name,commenced
a,Ann,2024-06-30
b,Bo,7/1/2025
c,Cy,2024-06-30
W
run_in bad.csv lp-window annotate
is_rc 2 "a bad date: exit 2"
is "$err" "lp-window: <stdin>:3: commenced: expected a date YYYY-MM-DD, got '7/1/2025'" "a bad date: message names the row"
same_text "a bad date: the rows before it were written" <<'W'
id,name,commenced,deadline,next_window,last_window,windows_left
a,Ann,2024-06-30,2026-06-30,2026-03,2026-06,2
W
run_in bad.csv lp-window annotate --keep-going
is_rc 0 "--keep-going: exit 0"
same_text "--keep-going: empty columns for the bad row" <<'W'
id,name,commenced,deadline,next_window,last_window,windows_left
a,Ann,2024-06-30,2026-06-30,2026-03,2026-06,2
b,Bo,7/1/2025,,,,
c,Cy,2024-06-30,2026-06-30,2026-03,2026-06,2
W
is "$err" "lp-window: <stdin>:3: warning: commenced: expected a date YYYY-MM-DD, got '7/1/2025'; the row's columns are left empty" \
	"--keep-going: a warning"
printf '{"id":"a","commenced":"2025-02-29"}\n' >bad.jsonl
run_in bad.jsonl lp-window annotate
is_rc 2 "json lines, 29 February of a common year: exit 2"
is "$err" "lp-window: <stdin>:1: commenced: expected a date YYYY-MM-DD, got '2025-02-29'" "json lines: the line named"

# No commenced column.
printf 'id,name,start\na,Ann,2024-06-30\n' >nocol.csv
run_in nocol.csv lp-window annotate
is_rc 2 "no commenced column: exit 2"
is "$err" "lp-window: <stdin>:1: expected a 'commenced' column (a date YYYY-MM-DD) in the input" "no commenced column: message"
is "$out" "" "no commenced column: no output"
printf '{"id":"a"}\n{"id":"b","commenced":"2024-06-30"}\n' >late.jsonl
run_in late.jsonl lp-window annotate
is_rc 2 "json lines: commenced missing from the first object: exit 2"

# Malformed input and odd sizes.
printf 'id,commenced\na,"2024-06-30\n' >open.csv
run_in open.csv lp-window annotate
is_rc 2 "an unterminated quote: exit 2"
printf 'id,commenced\n' >head.csv
run_in head.csv lp-window annotate
is_rc 0 "a header alone: exit 0"
is "$out" "id,commenced,deadline,next_window,last_window,windows_left" "a header alone: the header"
: >empty.csv
run_in empty.csv lp-window annotate
is_rc 0 "empty input: exit 0"
is "$out" "" "empty input: no output"
run lp-window annotate no-such-file.csv
is_rc 2 "a missing FILE: exit 2"
run lp-window annotate a.csv b.csv
is_rc 2 "two FILEs: usage error"
printf 'id,commenced\na,2024-06-30\n' >bw.csv
run_in bw.csv lp-window annotate --windows missing.csv
is_rc 2 "a missing --windows: exit 2"

done_testing
