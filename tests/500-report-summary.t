#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-report summary: one row per portfolio, every stage of SPEC 6, every
# output format, --within and --min, --at, and a cohort with broken
# portfolios that is still reported (exit 2).
. "$TESTS_DIR/report-lib.sh"

mkcohort c

run lp-report summary c
is_rc 0 "summary: exit 0"
same_text "summary: every stage, sorted by id in byte order" <<'W'
id,name,school,cohort,stage,commenced,deadline,next_window,assessed,ready,unsupported,evidence,accredited,expires,path,last_activity,target_window,signed_off
Z10,Jo Gone,,,withdrawn,2025-01-01,2027-01-01,2026-03,0,no,0,0,,,c/jo,,,
a1,Ann Able,Oak School,north,not-started,2025-09-01,2027-09-01,2026-03,0,no,0,0,,,c/ann,,,
b2,"O'Neill, Ben",Oak School,north,in-progress,2025-02-01,2027-02-01,2026-03,2,no,1,1,,,c/ben,2025-03-01,,
c3,Cat Clever,Elm Academy,south,ready,2024-10-01,2026-10-01,2026-03,10,yes,0,2,,,c/cat,2025-02-10,,
d4,Dev Sent,Elm Academy,,submitted,2024-09-01,2026-09-01,2026-03,0,no,0,1,,,c/dev,2025-05-05,,
e5,Eve Again,,,referred,2024-05-01,2026-05-01,2026-03,0,no,0,0,,,c/eve,,,
f6,Fay Late,Oak School,,overdue,2023-06-01,2025-06-01,,0,no,0,0,,,c/fay,,,
g7,Gus Award,,,accredited,2023-09-01,2025-09-01,,0,no,0,0,2025-07-01,2028-07-01,c/gus,,,
h8,Hal Renew,,,due,2021-01-01,2023-01-01,,0,no,0,0,2023-03-01,2026-03-01,c/hal,,,
i9,Ida Lapsed,,,expired,2020-01-01,2022-01-01,,0,no,0,0,2022-06-01,2025-06-01,c/ida,,,
W
is "$err" "" "summary: nothing on stderr when it is not a terminal"

run lp-report summary -o json c/ben c/hal
same_text "json: counts are numbers, missing dates null" <<'W'
[
{"id":"b2","name":"O'Neill, Ben","school":"Oak School","cohort":"north","stage":"in-progress","commenced":"2025-02-01","deadline":"2027-02-01","next_window":"2026-03","assessed":2,"ready":"no","unsupported":1,"evidence":1,"accredited":null,"expires":null,"path":"c/ben","last_activity":"2025-03-01","target_window":null,"signed_off":null},
{"id":"h8","name":"Hal Renew","school":null,"cohort":null,"stage":"due","commenced":"2021-01-01","deadline":"2023-01-01","next_window":null,"assessed":0,"ready":"no","unsupported":0,"evidence":0,"accredited":"2023-03-01","expires":"2026-03-01","path":"c/hal","last_activity":null,"target_window":null,"signed_off":null}
]
W
run lp-report summary -o jsonl c/cat
same_text "jsonl" <<'W'
{"id":"c3","name":"Cat Clever","school":"Elm Academy","cohort":"south","stage":"ready","commenced":"2024-10-01","deadline":"2026-10-01","next_window":"2026-03","assessed":10,"ready":"yes","unsupported":0,"evidence":2,"accredited":null,"expires":null,"path":"c/cat","last_activity":"2025-02-10","target_window":null,"signed_off":null}
W
run lp-report summary -o tsv c/ben
same_text "tsv" <<'W'
id	name	school	cohort	stage	commenced	deadline	next_window	assessed	ready	unsupported	evidence	accredited	expires	path	last_activity	target_window	signed_off
b2	O'Neill, Ben	Oak School	north	in-progress	2025-02-01	2027-02-01	2026-03	2	no	1	1			c/ben	2025-03-01		
W
run lp-report summary -o table c/ann c/cat
same_text "table" <<'W'
id  name        school       cohort  stage        commenced   deadline    next_window  assessed  ready  unsupported  evidence  accredited  expires  path   last_activity  target_window  signed_off
a1  Ann Able    Oak School   north   not-started  2025-09-01  2027-09-01  2026-03             0  no               0         0                       c/ann
c3  Cat Clever  Elm Academy  south   ready        2024-10-01  2026-10-01  2026-03            10  yes              0         2                       c/cat  2025-02-10
W

# --within moves the due line; --min moves the ready line.
run lp-report summary --within 30 c/hal
like "$out" '^h8,Hal Renew,,,accredited,' "--within 30: an expiry 45 days away is not yet due"
run lp-report summary --within 45 c/hal
like "$out" '^h8,Hal Renew,,,due,' "--within 45: due on the 45th day"
run lp-report summary --min developing c/ben
like "$out" '^b2,.*,in-progress,.*,2,no,1,1,' "--min developing: b2 is still not ready (eight standards unassessed)"
mkportfolio low l1 "Lo Level" 2025-01-01
mkassessment low LP1,underlying,, LP2,underlying,, LP3,underlying,, LP4,underlying,, LP5,underlying,, \
	LP6,underlying,, LP7,underlying,, LP8,underlying,, LP9,underlying,, LP10,underlying,,
mkevidence low 2025-02-01-chat "A chat" 2025-02-01 "LP1, LP2, LP3, LP4, LP5, LP6, LP7, LP8, LP9, LP10" colleague
run lp-report summary --min underlying low
like "$out" '^l1,Lo Level,,,ready,.*,10,yes,0,1,' "--min underlying: all underlying and supported is ready"
run lp-report summary low
like "$out" '^l1,Lo Level,,,in-progress,.*,10,no,0,1,' "default --min extending: not ready"

# Operands: none means the portfolio here, or the directory as a cohort.
(cd c/cat && lp-report summary) >"$TMP/here.csv" 2>&1
like "$(cat "$TMP/here.csv")" '^c3,Cat Clever' "no operand inside a portfolio: that portfolio"
run lp-report summary -C c
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 11 "-C COHORT: the whole cohort (header and ten rows)"
like "$out" 'withdrawn,.*,c/jo,,,$' "-C: portfolios named by where they are"
run lp-report -C c -o tsv summary
is "$(printf '%s\n' "$out" | sed -n 2p | cut -f1,5)" "Z10	withdrawn" "options may come before the subcommand"
run lp-report summary c/nowhere
is_rc 2 "a missing operand: exit 2"
like "$err" 'c/nowhere' "a missing operand is named"

# Spreadsheet safety: a formula-like name is neutralised, unless --raw.
mkportfolio f formula "=1+2" 2025-01-01 'school: "@SUM(A1)"' 
run lp-report summary f
like "$out" "^formula,'=1\\+2,'@SUM\\(A1\\)," "csv: formula-like cells get a leading '"
run lp-report summary --raw f
like "$out" "^formula,=1\\+2,@SUM\\(A1\\)," "--raw: cells as they are"

# A windows.csv in the cohort directory replaces the built-in calendar.
mkdir -p w
mkportfolio w/p w1 "Win Dow" 2025-09-01
printf 'id,term,opens,closes\n2026-02,spring,2026-02-01,2026-02-20\n2026-07,summer,2026-07-01,2026-07-10\n' >w/windows.csv
run lp-report summary w
like "$out" '^w1,Win Dow,,,not-started,2025-09-01,2027-09-01,2026-02,' "windows.csv in the cohort: its first usable window"
run lp-report summary --windows w/windows.csv c/ann
like "$out" '^a1,.*,2026-02,' "--windows FILE for every portfolio"

# A malformed windows.csv is reported once, not once per portfolio.
mkdir -p wbad
mkportfolio wbad/a wa "Win A" 2025-09-01
mkportfolio wbad/b wb "Win B" 2025-09-01
printf 'id,term,opens,closes\n2026-02,spring,2026-02-31,2026-02-20\n' >wbad/windows.csv
run lp-report summary wbad
is_rc 2 "a malformed windows.csv: exit 2"
is "$(printf '%s\n' "$err" | grep -c 'windows.csv:2: ')" 1 "... reported once, with its line"

# Broken portfolios: reported with file:line, left out, the rest printed, exit 2.
mkcohort bad
printf -- '---\nname: No Date\nid: nodate\n---\n' >bad/ann/portfolio.md
printf -- '---\ntitle: Broken\ndate: 2025-13-01\nstandards: [LP1]\nreach: team\n---\nx\n' \
	>bad/ben/evidence/2025-04-01-broken.md
unchanged bad "a broken cohort is not changed" lp-report summary bad
is_rc 2 "broken portfolios: exit 2"
like "$err" 'lp-report: bad/ann/portfolio.md:1: missing required key .commenced.' "an unusable portfolio.md: file:line"
like "$err" 'lp-report: bad/ben/evidence/2025-04-01-broken.md:3: date: expected a date' "a bad evidence file: file:line"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 10 "the other nine are still reported"
unlike "$out" '^a1,' "the unusable portfolio is left out"
like "$out" '^b2,"O.Neill, Ben",Oak School,north,in-progress,2025-02-01,2027-02-01,2026-03,2,no,1,1,,,bad/ben,2025-03-01,,$' \
	"the portfolio with a bad item is shown, with its good item counted"

# Two portfolios with one id: an error naming both, the second left out.
mkdir -p dup
mkportfolio dup/one same "First" 2025-01-01
mkportfolio dup/two same "Second" 2025-01-01
run lp-report summary dup
is_rc 2 "a duplicate id: exit 2"
like "$err" "two portfolios have the id 'same': dup/one and dup/two" "a duplicate id names both directories"
is "$(printf '%s\n' "$out" | sed 1d)" "same,First,,,not-started,2025-01-01,2027-01-01,2026-03,0,no,0,0,,,dup/one,,," \
	"the first is reported"

# --at REV reads each portfolio as it was at a commit, without a checkout.
mkdir -p g
mkportfolio g/p g1 "Git Hub" 2025-01-01
git -C g init -q && git -C g add . && git -C g commit -q -m "start"
mkassessment g/p "LP1,developing,,"
mkevidence g/p 2025-05-01-talk "Talk" 2025-05-01 LP1 team
git -C g add . && git -C g commit -q -m "work"
git -C g tag start HEAD~1
printf -- '---\nname: Changed Since\nid: g1\ncommenced: 2025-01-01\n---\n' >g/p/portfolio.md
run lp-report summary --at start g
is_rc 0 "--at: exit 0"
like "$out" '^g1,Git Hub,,,not-started,2025-01-01,2027-01-01,2026-03,0,no,0,0,,,' "--at start: the portfolio as it was then"
run lp-report summary --at HEAD g/p
like "$out" '^g1,Git Hub,,,in-progress,.*,1,no,0,1,' "--at HEAD: the committed state, not the work tree"
run lp-report summary --at nosuchrev g
is_rc 2 "--at an unknown revision: exit 2"
like "$err" 'nosuchrev' "... naming it"

# Usage errors.
run lp-report summary --rows 5 c
is_rc 2 "--rows does not apply to summary"
like "$err" 'does not apply to summary' "... and says so"
run lp-report summary -o md c
is_rc 2 "-o md is only for render"
run lp-report summary --ref 'refs/*' c
is_rc 2 "--ref without --git"
like "$err" -- '--ref needs --git' "... says what it needs"
run lp-report summary --within soon c
is_rc 2 "--within must be a number"
run lp-report bogus
is_rc 2 "an unknown command: exit 2"
like "$err" "lp-report: unknown command 'bogus'" "... named"
like "$err" 'usage: lp-report summary' "... with the usage"
run lp-report
is_rc 2 "no command: exit 2"

# --school and --cohort (repeatable) keep those practitioners only.
run lp-report summary --school 'Elm Academy' -o tsv c
is "$rc:$(printf '%s\n' "$out" | sed 1d | cut -f1,3 | tr '\t\n' ': ')" "0:c3:Elm Academy d4:Elm Academy " "--school: that school's practitioners"
run lp-report coverage --cohort north --cohort south -o csv c
is_rc 0 "coverage --cohort twice: exit 0"
run lp-report summary --cohort north -o tsv c
is "$(printf '%s\n' "$out" | sed 1d | cut -f4 | sort -u)" "north" "--cohort: that cohort only"

done_testing
