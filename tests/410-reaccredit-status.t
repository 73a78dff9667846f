#!/bin/sh
# lp-reaccredit status and due: expiry three years after the award, due
# within DAYS (default 180), the boundaries (today is 2026-01-15).
. "$(dirname "$0")/lib.sh"

mkportfolio c/a a-today "Ann Today" 2020-01-10 "outcome: accredited" "accredited: 2023-01-15"
mkportfolio c/b b-180 "Ben Edge" 2020-01-10 "accredited: 2023-07-14"
mkportfolio c/c c-181 "Cat Safe" 2020-01-10 "accredited: 2023-07-15"
mkportfolio c/d d-after "Dev Lapsed" 2020-01-10 "accredited: 2023-01-14"
mkportfolio c/e e-leap "Eve Leap" 2022-01-10 "accredited: 2024-02-29"
mkportfolio c/f f-none "Fay New" 2025-09-01

run lp-reaccredit status c
is_rc 0 "status: exit 0"
same_text "status: the boundaries" <<'W'
id,name,accredited,expires,days_left,status
a-today,Ann Today,2023-01-15,2026-01-15,0,due
b-180,Ben Edge,2023-07-14,2026-07-14,180,due
c-181,Cat Safe,2023-07-15,2026-07-15,181,current
d-after,Dev Lapsed,2023-01-14,2026-01-14,-1,expired
e-leap,Eve Leap,2024-02-29,2027-02-28,409,current
f-none,Fay New,,,,not-accredited
W
run lp-reaccredit status -o json c/e c/f
same_text "json: typed, empty as null" <<'W'
[
{"id":"e-leap","name":"Eve Leap","accredited":"2024-02-29","expires":"2027-02-28","days_left":409,"status":"current"},
{"id":"f-none","name":"Fay New","accredited":null,"expires":null,"days_left":null,"status":"not-accredited"}
]
W
run lp-reaccredit status -o table c/a c/d c/f
same_text "table" <<'W'
id       name        accredited  expires     days_left  status
a-today  Ann Today   2023-01-15  2026-01-15          0  due
d-after  Dev Lapsed  2023-01-14  2026-01-14         -1  expired
f-none   Fay New                                        not-accredited
W
run lp-reaccredit status -o tsv c/a
same_text "tsv" <<'W'
id	name	accredited	expires	days_left	status
a-today	Ann Today	2023-01-15	2026-01-15	0	due
W
run lp-reaccredit status -o jsonl c/b
same_text "jsonl" <<'W'
{"id":"b-180","name":"Ben Edge","accredited":"2023-07-14","expires":"2026-07-14","days_left":180,"status":"due"}
W
run lp-reaccredit status --within 181 c/c
is "$(printf '%s\n' "$out" | tail -n 1)" "c-181,Cat Safe,2023-07-15,2026-07-15,181,due" "--within 181: due"
run lp-reaccredit status --within 0 c/a c/b
same_text "--within 0: due only on the day itself" <<'W'
id,name,accredited,expires,days_left,status
a-today,Ann Today,2023-01-15,2026-01-15,0,due
b-180,Ben Edge,2023-07-14,2026-07-14,180,current
W
run lp-reaccredit status --today 2027-03-01 c/e
is "$(printf '%s\n' "$out" | tail -n 1)" "e-leap,Eve Leap,2024-02-29,2027-02-28,-1,expired" \
	"29 February: the day after 28 February is expired"

# due: the due and expired rows, exit 1 when there is one.
run lp-reaccredit due c
is_rc 1 "due: someone is due: exit 1"
same_text "due: the due and expired rows only" <<'W'
id,name,accredited,expires,days_left,status
a-today,Ann Today,2023-01-15,2026-01-15,0,due
b-180,Ben Edge,2023-07-14,2026-07-14,180,due
d-after,Dev Lapsed,2023-01-14,2026-01-14,-1,expired
W
run lp-reaccredit due c/c c/e c/f
is_rc 0 "due: nobody: exit 0"
same_text "due: nobody: the header only" <<'W'
id,name,accredited,expires,days_left,status
W
run lp-reaccredit due -q c
is_rc 1 "due -q: exit 1"
is "$out$err" "" "due -q: silent"
run lp-reaccredit due -q --within 10 c/b
is_rc 0 "due -q --within 10, 180 days left: exit 0"

# Bad input: exit 2.
for w in soon -1 1.5 ""; do
	run lp-reaccredit status --within "$w" c
	is_rc 2 "--within '$w': exit 2"
done
like "$err" "^lp-reaccredit: --within: expected a number of days \(0 or more\), got ''" "--within: message"
mkportfolio bad/x x-bad "Xav Bad" 2020-01-10 "accredited: 2023-02-29"
mkportfolio bad/y y-good "Yan Good" 2020-01-10 "accredited: 2023-03-01"
run lp-reaccredit due bad
is_rc 2 "a malformed accredited date: exit 2"
like "$err" "bad/x/portfolio.md:5: accredited: expected a date YYYY-MM-DD, got '2023-02-29'" \
	"a malformed accredited date: file:line"
is "$(printf '%s\n' "$out" | tail -n 1 | cut -d, -f1)" "y-good" "the other portfolios are still listed"
run lp-reaccredit stats c
is_rc 2 "unknown command: exit 2"
run lp-reaccredit status --theme x c
is_rc 2 "an option of another subcommand: exit 2"
run lp-reaccredit --version
is "$out" "lp-reaccredit 0.1.0" "--version"
run lp-reaccredit due --help
like "$out" "^usage: lp-reaccredit due " "--help: the subcommand's usage on stdout"

done_testing
