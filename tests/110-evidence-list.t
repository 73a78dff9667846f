#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-evidence list, show and matrix: one portfolio and a cohort, in
# every format.

# Directory names sort the other way from ids: rows follow the ids.
mkportfolio cohort/z-dir amy 'Amy Adams' 2025-09-01
mkevidence cohort/z-dir 2025-10-01-phonics 'Phonics twilight' 2025-10-01 'LP5, LP6' institution \
    'type: training' 'colleagues: 12'
mkevidence cohort/z-dir 2025-09-15-coaching 'Coaching, with "quotes"' 2025-09-15 LP8 colleague \
    'type: Coaching' 'colleagues: 1'
mkevidence cohort/z-dir 2025-10-01-assembly '=HYPERLINK("x")' 2025-10-01 'LP1' team
mkportfolio cohort/a-dir zed 'Zed Zola' 2025-09-01
mkevidence cohort/a-dir 2025-11-01-network 'Regional network' 2025-11-01 'LP10, LP7' beyond \
    'type: network' 'where: regional hub'
mkevidence cohort/a-dir 2025-09-20-team-plan 'Team plan' 2025-09-20 'LP2, LP1' team
mkportfolio cohort/b bea 'Bea Bloggs' 2025-09-01

# ---- list ----

run lp-evidence list cohort
is "$rc:$err" "0:" "list a cohort"
same_text "csv: sorted by portfolio id, then date, then id; formulas guarded" <<'W'
portfolio,id,date,title,standards,reach,type,colleagues
amy,2025-09-15-coaching,2025-09-15,"Coaching, with ""quotes""",LP8,colleague,Coaching,1
amy,2025-10-01-assembly,2025-10-01,"'=HYPERLINK(""x"")",LP1,team,,
amy,2025-10-01-phonics,2025-10-01,Phonics twilight,LP5 LP6,institution,training,12
zed,2025-09-20-team-plan,2025-09-20,Team plan,LP1 LP2,team,,
zed,2025-11-01-network,2025-11-01,Regional network,LP7 LP10,beyond,network,
W
run lp-evidence list --raw cohort
like "$out" '^amy,2025-10-01-assembly,2025-10-01,"=HYPERLINK\(""x""\)",' "--raw: no guard"
run lp-evidence list -o tsv cohort/z-dir
same_text "tsv, one portfolio" <<'W'
portfolio	id	date	title	standards	reach	type	colleagues
amy	2025-09-15-coaching	2025-09-15	Coaching, with "quotes"	LP8	colleague	Coaching	1
amy	2025-10-01-assembly	2025-10-01	'=HYPERLINK("x")	LP1	team		
amy	2025-10-01-phonics	2025-10-01	Phonics twilight	LP5 LP6	institution	training	12
W
run lp-evidence list -o json cohort/a-dir
same_text "json: lists are arrays, counts are numbers or null" <<'W'
[
{"portfolio":"zed","id":"2025-09-20-team-plan","date":"2025-09-20","title":"Team plan","standards":["LP1","LP2"],"reach":"team","type":null,"colleagues":null},
{"portfolio":"zed","id":"2025-11-01-network","date":"2025-11-01","title":"Regional network","standards":["LP7","LP10"],"reach":"beyond","type":"network","colleagues":null}
]
W
run lp-evidence list -o jsonl cohort/a-dir
same_text "jsonl" <<'W'
{"portfolio":"zed","id":"2025-09-20-team-plan","date":"2025-09-20","title":"Team plan","standards":["LP1","LP2"],"reach":"team","type":null,"colleagues":null}
{"portfolio":"zed","id":"2025-11-01-network","date":"2025-11-01","title":"Regional network","standards":["LP7","LP10"],"reach":"beyond","type":"network","colleagues":null}
W
run lp-evidence list -o table -C cohort a-dir
same_text "table; operands relative to -C" <<'W'
portfolio  id                    date        title             standards  reach   type     colleagues
zed        2025-09-20-team-plan  2025-09-20  Team plan         LP1 LP2    team
zed        2025-11-01-network    2025-11-01  Regional network  LP7 LP10   beyond  network
W
(cd cohort/z-dir/evidence && lp-evidence list -o tsv) >"$TMP/got"
printf 'portfolio\tid\n' >/dev/null
run cut -f2 "$TMP/got"
same_text "inside a portfolio: that portfolio" <<'W'
id
2025-09-15-coaching
2025-10-01-assembly
2025-10-01-phonics
W
run lp-evidence list -o csv cohort/b
same_text "a portfolio without evidence: the header alone" <<'W'
portfolio,id,date,title,standards,reach,type,colleagues
W

ids() { run lp-evidence list -o tsv "$@"; printf '%s\n' "$out" | sed 1d | cut -f2 | tr '\n' ' '; }
is "$(ids --standard lp1 cohort)" "2025-10-01-assembly 2025-09-20-team-plan " "--standard: items naming it"
is "$(ids --reach team cohort)" "2025-10-01-assembly 2025-09-20-team-plan " "--reach: exactly that reach"
is "$(ids --reach BEYOND cohort)" "2025-11-01-network " "--reach: any case"
is "$(ids --type coaching cohort)" "2025-09-15-coaching " "--type: without regard to case"
is "$(ids --since 2025-10-01 --until 2025-10-01 cohort)" "2025-10-01-assembly 2025-10-01-phonics " "--since and --until include the day"
is "$(ids --since 2025-10-02 cohort)" "2025-11-01-network " "--since"
is "$(ids --standard LP1 --reach team --until 2025-09-30 cohort)" "2025-09-20-team-plan " "filters combine"
run lp-evidence list --standard LP11 cohort
is "$rc:$err" "2:lp-evidence: --standard: expected LP1..LP10, got 'LP11'" "--standard LP11: exit 2"
run lp-evidence list --reach school cohort
is "$rc:$err" "2:lp-evidence: --reach: expected colleague, team, institution or beyond, got 'school'" "--reach school: exit 2"
run lp-evidence list --since 2025-02-30 cohort
is "$rc:$err" "2:lp-evidence: --since: expected a date YYYY-MM-DD, got '2025-02-30'" "--since: an impossible date"
run lp-evidence list --title x cohort
is "$rc:$(printf '%s\n' "$err" | head -1)" "2:lp-evidence: --title does not apply to list (it is for add)" "list takes no --title"
run lp-evidence list -o xml cohort
is "$rc:$(printf '%s\n' "$err" | head -1)" "2:lp-evidence: -o: expected table, csv, tsv, json, jsonl or xlsx, got 'xml'" "-o xml"
run lp-evidence list nowhere
is "$rc" 2 "a missing operand: exit 2"

# ---- show ----

cat >"$TMP/want" <<'W'
---
title: Phonics twilight
date: 2025-10-01
standards: [LP5, LP6]
reach: institution
type: training
colleagues: 12
---
What happened with Phonics twilight.
W
run lp-evidence show 2025-10-01-phonics cohort/z-dir
printf '%s\n' "$out" >"$TMP/got"
same_file "$TMP/want" "$TMP/got" "show: the file as stored"
printf -- '---\r\ntitle: CRLF\r\ndate: 2025-12-01\r\nstandards: LP3\r\nreach: team\r\nodd: kept\r\n---\r\nBody.\r\n' \
    >cohort/z-dir/evidence/2025-12-01-crlf.md
lp-evidence show -C cohort/z-dir 2025-12-01-crlf >"$TMP/got"
cmp -s cohort/z-dir/evidence/2025-12-01-crlf.md "$TMP/got" && ok "show: byte for byte, CRLF too" ||
    not_ok "show: byte for byte, CRLF too"
run lp-evidence show -C cohort/z-dir 2025-12-01-crlf -o json
same_text "show -o json: the row of list and the body" <<'W'
[
{"portfolio":"amy","id":"2025-12-01-crlf","date":"2025-12-01","title":"CRLF","standards":["LP3"],"reach":"team","type":null,"colleagues":null,"body":"Body.\n"}
]
W
rm cohort/z-dir/evidence/2025-12-01-crlf.md
run lp-evidence show -C cohort/z-dir 2025-09-15-coaching -o csv
same_text "show -o csv" <<'W'
portfolio,id,date,title,standards,reach,type,colleagues,body
amy,2025-09-15-coaching,2025-09-15,"Coaching, with ""quotes""",LP8,colleague,Coaching,1,"What happened with Coaching, with ""quotes"".
"
W
cd cohort/z-dir
for id in 2025-10-01-phonics 2025-10-01-phonics.md evidence/2025-10-01-phonics.md ./evidence/2025-10-01-phonics.md 2025-10-01-ph; do
	run lp-evidence show "$id" -o tsv
	is "$rc:$(printf '%s\n' "$out" | sed -n 2p | cut -f2)" "0:2025-10-01-phonics" "show '$id'"
done
run lp-evidence show 2025-10-01
is "$rc:$err" "2:lp-evidence: .: '2025-10-01' could be any of 2025-10-01-assembly, 2025-10-01-phonics" "show: an ambiguous prefix lists the items"
run lp-evidence show 2024
is "$rc:$err" "2:lp-evidence: .: no evidence item '2024'" "show: an unknown id"
run lp-evidence show
is "$rc" 2 "show without an id"
cd "$TMP"
run lp-evidence show 2025-09-20-team-plan cohort/b
is "$rc:$err" "2:lp-evidence: cohort/b: no evidence item '2025-09-20-team-plan'" "show in a portfolio without evidence"
mkevidence cohort/b 2025-12-01-broken 'Broken' 2025-12-01 'LP1' school
run lp-evidence show 2025-12-01-broken cohort/b
is "$rc:$out:$err" "2::lp-evidence: cohort/b/evidence/2025-12-01-broken.md:5: reach: expected colleague, team, institution or beyond, got 'school'" \
    "show: an invalid item is an error, and prints nothing"
rm cohort/b/evidence/2025-12-01-broken.md

# ---- matrix ----

run lp-evidence matrix -o table cohort/z-dir
same_text "matrix of one portfolio" <<'W'
standard  colleague  team  institution  beyond  total  evidence_level  below_min
LP1               0     1            0       0      1  developing              1
LP2               0     0            0       0      0  none                    1
LP3               0     0            0       0      0  none                    1
LP4               0     0            0       0      0  none                    1
LP5               0     0            1       0      1  extending               0
LP6               0     0            1       0      1  extending               0
LP7               0     0            0       0      0  none                    1
LP8               1     0            0       0      1  underlying              1
LP9               0     0            0       0      0  none                    1
LP10              0     0            0       0      0  none                    1
W
run lp-evidence matrix cohort/z-dir cohort/a-dir
same_text "matrix of two: counts summed, the lowest evidence level" <<'W'
standard,colleague,team,institution,beyond,total,evidence_level,below_min
LP1,0,2,0,0,2,developing,2
LP2,0,1,0,0,1,none,2
LP3,0,0,0,0,0,none,2
LP4,0,0,0,0,0,none,2
LP5,0,0,1,0,1,none,1
LP6,0,0,1,0,1,none,1
LP7,0,0,0,1,1,none,1
LP8,1,0,0,0,1,none,2
LP9,0,0,0,0,0,none,2
LP10,0,0,0,1,1,none,1
W
mkevidence cohort/b 2025-12-01-all 'Whole-school day' 2025-12-01 'LP1, LP2, LP5, LP6, LP7, LP8, LP10' beyond
mkevidence cohort/a-dir 2025-12-02-more 'More' 2025-12-02 'LP5, LP6, LP8' institution
run lp-evidence matrix --min developing -o json cohort
same_text "matrix of a cohort, --min developing, json" <<'W'
[
{"standard":"LP1","colleague":0,"team":2,"institution":0,"beyond":1,"total":3,"evidence_level":"developing","below_min":0},
{"standard":"LP2","colleague":0,"team":1,"institution":0,"beyond":1,"total":2,"evidence_level":"none","below_min":1},
{"standard":"LP3","colleague":0,"team":0,"institution":0,"beyond":0,"total":0,"evidence_level":"none","below_min":3},
{"standard":"LP4","colleague":0,"team":0,"institution":0,"beyond":0,"total":0,"evidence_level":"none","below_min":3},
{"standard":"LP5","colleague":0,"team":0,"institution":2,"beyond":1,"total":3,"evidence_level":"extending","below_min":0},
{"standard":"LP6","colleague":0,"team":0,"institution":2,"beyond":1,"total":3,"evidence_level":"extending","below_min":0},
{"standard":"LP7","colleague":0,"team":0,"institution":0,"beyond":2,"total":2,"evidence_level":"none","below_min":1},
{"standard":"LP8","colleague":1,"team":0,"institution":1,"beyond":1,"total":3,"evidence_level":"underlying","below_min":1},
{"standard":"LP9","colleague":0,"team":0,"institution":0,"beyond":0,"total":0,"evidence_level":"none","below_min":3},
{"standard":"LP10","colleague":0,"team":0,"institution":0,"beyond":2,"total":2,"evidence_level":"none","below_min":1}
]
W
run lp-evidence matrix -o tsv cohort/b
same_text "matrix, tsv" <<'W'
standard	colleague	team	institution	beyond	total	evidence_level	below_min
LP1	0	0	0	1	1	transforming	0
LP2	0	0	0	1	1	transforming	0
LP3	0	0	0	0	0	none	1
LP4	0	0	0	0	0	none	1
LP5	0	0	0	1	1	transforming	0
LP6	0	0	0	1	1	transforming	0
LP7	0	0	0	1	1	transforming	0
LP8	0	0	0	1	1	transforming	0
LP9	0	0	0	0	0	none	1
LP10	0	0	0	1	1	transforming	0
W
run lp-evidence matrix --min 5 cohort
is "$rc" 2 "matrix --min: a bad level"

# ---- two portfolios with one id ----

mkportfolio cohort/copy amy 'Amy Again' 2025-09-01
for c in list matrix; do
	run lp-evidence $c cohort
	is "$rc:$err" "2:lp-evidence: two portfolios have the id 'amy': cohort/copy and cohort/z-dir" \
	    "$c: two portfolios with one id, both named, exit 2"
done
# SPEC 4: in a validator it is a finding, as under lp check.
run lp-evidence check cohort
is "$rc:$err" "1:lp-evidence: cohort/z-dir/portfolio.md:3: two portfolios have the id 'amy': cohort/copy and cohort/z-dir" \
    "check: two portfolios with one id, both named, a finding"
run lp-evidence list -o tsv cohort
is "$(printf "%s\n" "$out" | cut -f1 | sort -u | tr "\n" " ")" "bea portfolio zed " "list: the other portfolios are still printed"
rm -r cohort/copy

# ---- --at: as it was ----

mkportfolio git ada Ada 2025-09-01
mkevidence git 2025-10-01-first 'First' 2025-10-01 LP1 team
git -C git init -q && git -C git add -A && git -C git commit -qm one && git -C git tag one
mkevidence git 2025-11-01-second 'Second' 2025-11-01 LP2 team
git -C git add -A && git -C git commit -qm two
rm git/evidence/2025-10-01-first.md
is "$(ids -C git)" "2025-11-01-second " "list: the work tree"
is "$(ids -C git --at HEAD)" "2025-10-01-first 2025-11-01-second " "list --at HEAD: the last commit"
is "$(ids -C git --at one)" "2025-10-01-first " "list --at a tag"
run lp-evidence show -C git 2025-10-01-first --at one
like "$rc:$out" "^0:---" "show --at"
run lp-evidence matrix -C git --at one -o csv
like "$out" "LP1,0,1,0,0,1,developing,1" "matrix --at"
run lp-evidence list -C git --at nosuch
is "$rc" 2 "--at an unknown revision: exit 2"

done_testing
