#!/bin/sh
# lp-reaccredit annotate: a filter appending expires,days_left,status to
# rows with an accredited column (today is 2026-01-15).
. "$(dirname "$0")/lib.sh"

cat >people.csv <<'W'
id,name,accredited
a,Ann Today,2023-01-15
b,Ben Edge,2023-07-14
c,Cat Safe,2023-07-15
d,Dev Lapsed,2023-01-14
e,Eve Leap,2024-02-29
f,Fay New,
W
run_in people.csv lp-reaccredit annotate
is_rc 0 "csv: exit 0"
same_text "csv: the boundaries, not-accredited with empty columns" <<'W'
id,name,accredited,expires,days_left,status
a,Ann Today,2023-01-15,2026-01-15,0,due
b,Ben Edge,2023-07-14,2026-07-14,180,due
c,Cat Safe,2023-07-15,2026-07-15,181,current
d,Dev Lapsed,2023-01-14,2026-01-14,-1,expired
e,Eve Leap,2024-02-29,2027-02-28,409,current
f,Fay New,,,,not-accredited
W
is "$err" "" "csv: nothing on stderr"
run_in people.csv lp-reaccredit annotate --within 181
is "$(printf '%s\n' "$out" | sed -n 4p)" "c,Cat Safe,2023-07-15,2026-07-15,181,due" "--within"

printf '[{"id":"e","accredited":"2024-02-29"},{"id":"f","accredited":""}]\n' >people.json
run_in people.json lp-reaccredit annotate
same_text "json in, json out" <<'W'
[
{"id":"e","accredited":"2024-02-29","expires":"2027-02-28","days_left":409,"status":"current"},
{"id":"f","accredited":null,"expires":null,"days_left":null,"status":"not-accredited"}
]
W
printf '{"id":"a","accredited":"2023-01-15"}\n{"id":"f","accredited":null}\n' >people.jsonl
run_in people.jsonl lp-reaccredit annotate
same_text "json lines in, json lines out" <<'W'
{"id":"a","accredited":"2023-01-15","expires":"2026-01-15","days_left":0,"status":"due"}
{"id":"f","accredited":null,"expires":null,"days_left":null,"status":"not-accredited"}
W
run_in people.jsonl lp-reaccredit annotate -o table
same_text "-o table" <<'W'
id  accredited  expires     days_left  status
a   2023-01-15  2026-01-15          0  due
f                                      not-accredited
W
run_in people.jsonl lp-reaccredit annotate -o tsv
same_text "-o tsv" <<'W'
id	accredited	expires	days_left	status
a	2023-01-15	2026-01-15	0	due
f				not-accredited
W

# The output of status can be annotated again: columns recomputed in place.
lp-reaccredit status --today 2025-01-01 "$(mkportfolio p p "Pat" 2020-01-01 "accredited: 2023-01-15"; echo p)" >old.csv
run_in old.csv lp-reaccredit annotate
same_text "status output re-annotated in place" <<'W'
id,name,accredited,expires,days_left,status
p,Pat,2023-01-15,2026-01-15,0,due
W

# Bad dates.
printf 'id,accredited\na,2023-01-15\nb,15/01/2023\nc,2023-07-15\n' >bad.csv
run_in bad.csv lp-reaccredit annotate
is_rc 2 "a bad date: exit 2"
is "$err" "lp-reaccredit: <stdin>:3: accredited: expected a date YYYY-MM-DD, got '15/01/2023'" "a bad date: the row named"
same_text "a bad date: the rows before it were written" <<'W'
id,accredited,expires,days_left,status
a,2023-01-15,2026-01-15,0,due
W
run_in bad.csv lp-reaccredit annotate --keep-going
is_rc 0 "--keep-going: exit 0"
same_text "--keep-going: empty columns for the bad row" <<'W'
id,accredited,expires,days_left,status
a,2023-01-15,2026-01-15,0,due
b,15/01/2023,,,
c,2023-07-15,2026-07-15,181,current
W
is "$err" "lp-reaccredit: <stdin>:3: warning: accredited: expected a date YYYY-MM-DD, got '15/01/2023'; the row's columns are left empty" \
	"--keep-going: a warning"
printf 'id,awarded\na,2023-01-15\n' >nocol.csv
run_in nocol.csv lp-reaccredit annotate
is_rc 2 "no accredited column: exit 2"
is "$err" "lp-reaccredit: <stdin>:1: expected an 'accredited' column (a date YYYY-MM-DD, or empty) in the input" \
	"no accredited column: message"
run_in people.csv lp-reaccredit annotate --within x
is_rc 2 "a bad --within: exit 2"

done_testing
