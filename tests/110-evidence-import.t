#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-evidence import: rows in, items out, all in one commit or not at all.

mkportfolio ada ada 'Ada Lovelace' 2025-09-01
mkdir ada/attachments
printf 'pdf\n' >ada/attachments/slides.pdf
printf 'csv\n' >ada/attachments/survey.csv
git -C ada init -q && git -C ada add -A && git -C ada commit -qm start
cd ada

cat >"$TMP/rows.csv" <<'W'
title,date,standards,reach,type,colleagues,where,attachments,body
Phonics twilight,2025-03-12,"LP5, LP6 LP7",institution,training,12,across the school,attachments/slides.pdf attachments/survey.csv,"What we did, and why.

What changed."
Coaching Sam,2025-04-01,LP8,colleague,coaching,1,,,
Trust network,,lp10,Beyond,,,,,Met the trust's English leads.
W

# ---- a dry run first ----

unchanged . "--dry-run changes nothing" lp-evidence import --dry-run <"$TMP/rows.csv"
is "$rc:$err" "0:" "--dry-run: exit 0"
same_text "--dry-run prints the items it would make" <<'W'
id,date,title,file
2025-03-12-phonics-twilight,2025-03-12,Phonics twilight,evidence/2025-03-12-phonics-twilight.md
2025-04-01-coaching-sam,2025-04-01,Coaching Sam,evidence/2025-04-01-coaching-sam.md
2026-01-15-trust-network,2026-01-15,Trust network,evidence/2026-01-15-trust-network.md
W

# ---- the import ----

run lp-evidence import <"$TMP/rows.csv"
is "$rc:$err" "0:" "import from CSV"
same_text "import prints the items it made" <<'W'
id,date,title,file
2025-03-12-phonics-twilight,2025-03-12,Phonics twilight,evidence/2025-03-12-phonics-twilight.md
2025-04-01-coaching-sam,2025-04-01,Coaching Sam,evidence/2025-04-01-coaching-sam.md
2026-01-15-trust-network,2026-01-15,Trust network,evidence/2026-01-15-trust-network.md
W
run git show --stat --format=%s HEAD
same_text "one commit of exactly the new items" <<'W'
evidence: import 3 items

 evidence/2025-03-12-phonics-twilight.md | 13 +++++++++++++
 evidence/2025-04-01-coaching-sam.md     |  9 +++++++++
 evidence/2026-01-15-trust-network.md    |  7 +++++++
 3 files changed, 29 insertions(+)
W
cat >"$TMP/want" <<'W'
---
title: Phonics twilight
date: 2025-03-12
standards: [LP5, LP6, LP7]
reach: institution
type: training
colleagues: 12
where: across the school
attachments: [attachments/slides.pdf, attachments/survey.csv]
---
What we did, and why.

What changed.
W
same_file "$TMP/want" evidence/2025-03-12-phonics-twilight.md "a full row"
cat >"$TMP/want" <<'W'
---
title: Coaching Sam
date: 2025-04-01
standards: [LP8]
reach: colleague
type: coaching
colleagues: 1
---
(To be written: what was done, with whom, and what changed for colleagues and their learners.)
W
same_file "$TMP/want" evidence/2025-04-01-coaching-sam.md "empty cells are left out; no body is the placeholder"
cat >"$TMP/want" <<'W'
---
title: Trust network
date: 2026-01-15
standards: [LP10]
reach: beyond
---
Met the trust's English leads.
W
same_file "$TMP/want" evidence/2026-01-15-trust-network.md "no date is today; values made canonical"
run lp-evidence check
is "$rc:$err" "0:" "imported items pass check"

# The same rows again: new ids, nothing overwritten.
run lp-evidence import -o tsv <"$TMP/rows.csv"
same_text "a second import of the same rows gets -2 ids" <<'W'
id	date	title	file
2025-03-12-phonics-twilight-2	2025-03-12	Phonics twilight	evidence/2025-03-12-phonics-twilight-2.md
2025-04-01-coaching-sam-2	2025-04-01	Coaching Sam	evidence/2025-04-01-coaching-sam-2.md
2026-01-15-trust-network-2	2026-01-15	Trust network	evidence/2026-01-15-trust-network-2.md
W
git reset -q --hard HEAD~1

# ---- JSON and JSON Lines ----

cat >"$TMP/rows.json" <<'W'
[
  {"title": "Same day", "date": "2025-05-05", "standards": ["LP1", "LP2"],
   "reach": "team", "colleagues": 6, "attachments": ["attachments/slides.pdf"],
   "body": "First.\n"},
  {"title": "Same day", "date": "2025-05-05", "standards": "LP3",
   "reach": "team", "type": null}
]
W
run lp-evidence import -o json <"$TMP/rows.json"
is "$rc:$err" "0:" "import from a JSON array"
same_text "two rows with one title and date get distinct ids; -o json" <<'W'
[
{"id":"2025-05-05-same-day","date":"2025-05-05","title":"Same day","file":"evidence/2025-05-05-same-day.md"},
{"id":"2025-05-05-same-day-2","date":"2025-05-05","title":"Same day","file":"evidence/2025-05-05-same-day-2.md"}
]
W
cat >"$TMP/want" <<'W'
---
title: Same day
date: 2025-05-05
standards: [LP1, LP2]
reach: team
colleagues: 6
attachments: [attachments/slides.pdf]
---
First.
W
same_file "$TMP/want" evidence/2025-05-05-same-day.md "JSON: arrays and numbers"
run git show --format=%s --name-only HEAD
same_text "JSON: one commit" <<'W'
evidence: import 2 items

evidence/2025-05-05-same-day-2.md
evidence/2025-05-05-same-day.md
W

printf '{"title":"Lines","standards":"LP4","reach":"team"}\n\n{"title":"More lines","standards":["LP4"],"reach":"team","where":"hall"}\n' >"$TMP/rows.jsonl"
run lp-evidence import -o jsonl <"$TMP/rows.jsonl"
same_text "import from JSON Lines; -o jsonl" <<'W'
{"id":"2026-01-15-lines","date":"2026-01-15","title":"Lines","file":"evidence/2026-01-15-lines.md"}
{"id":"2026-01-15-more-lines","date":"2026-01-15","title":"More lines","file":"evidence/2026-01-15-more-lines.md"}
W
printf '{"title":"One","standards":"LP4","reach":"team"}\n' | lp-evidence import -q
run git log -1 --format=%s
is "$out" "evidence: import 1 item" "one item: 'import 1 item'"

# A file operand instead of standard input; an empty input.
run lp-evidence import -o table "$TMP/rows.jsonl" --dry-run
same_text "rows from a file operand; -o table" <<'W'
id                       date        title       file
2026-01-15-lines-2       2026-01-15  Lines       evidence/2026-01-15-lines-2.md
2026-01-15-more-lines-2  2026-01-15  More lines  evidence/2026-01-15-more-lines-2.md
W
unchanged . "an empty input changes nothing" lp-evidence import </dev/null
is "$rc:$err" "0:" "an empty input: exit 0"

# What list and show print imports into another portfolio.
cd "$TMP"
mkportfolio bob bob Bob 2025-09-01
git -C bob init -q && git -C bob add -A && git -C bob commit -qm start
lp-evidence show -C ada 2025-04-01-coaching-sam -o json | lp-evidence import -C bob -q
run git -C bob diff --stat HEAD~1 -- evidence
like "$out" "evidence/2025-04-01-coaching-sam.md" "show -o json imports into another portfolio"
cmp -s ada/evidence/2025-04-01-coaching-sam.md bob/evidence/2025-04-01-coaching-sam.md &&
    ok "the copy is the same item" || not_ok "the copy is the same item"
lp-evidence list -C ada --reach team -o csv | lp-evidence import -C bob -q
is "$?" 0 "list output imports too"
cd ada

# ---- one bad row rejects the whole import ----

reject() {	# reject NAME WANT-ERR (rows on stdin)
	cat >"$TMP/in"
	unchanged . "$1: nothing changed" lp-evidence import <"$TMP/in"
	is "$rc:$err" "2:$2" "$1: exit 2, the line named"
}
reject 'a bad reach on the last row' "lp-evidence: <stdin>:4: reach: expected colleague, team, institution or beyond, got 'school'" <<'W'
title,standards,reach,body
Good,LP1,team,"two
lines"
Bad,LP2,school,
W
reject 'every bad row is named' "lp-evidence: <stdin>:2: standards: expected LP1..LP10, got 'LP11'
lp-evidence: <stdin>:3: date: expected a date YYYY-MM-DD, got '2025-02-30'
lp-evidence: <stdin>:3: colleagues: expected a count (a whole number), got 'many'
lp-evidence: <stdin>:4: title: missing: expected what the activity was" <<'W'
title,date,standards,reach,colleagues
A,2025-01-01,LP11,team,
B,2025-02-30,LP1,team,many
,2025-01-01,LP1,team,
W
reject 'a ragged row' "lp-evidence: <stdin>:3: row has 2 fields: expected 3, as in the header" <<'W'
title,standards,reach
A,LP1,team
B,LP2
W
reject 'an unterminated quoted field' "lp-evidence: <stdin>:3: unterminated quoted field: expected a closing '\"'" <<'W'
title,standards,reach
A,LP1,team
"B,LP2,team
W
reject 'invalid JSON' "lp-evidence: <stdin>:2: invalid JSON at column 14: expected a string key, got '}'" <<'W'
[{"title":"A","standards":["LP1"],"reach":"team"},
{"title":"B",}]
W
reject 'a bad JSON Lines row' "lp-evidence: <stdin>:2: reach: expected colleague, team, institution or beyond, got 'school'" <<'W'
{"title":"A","standards":["LP1","LP2"],"reach":"team"}
{"title":"B","standards":"LP2","reach":"school"}
W
reject 'an unknown column' "lp-evidence: <stdin>:1: missing column 'standards' (title, standards and reach are needed)
lp-evidence: <stdin>:1: unknown column 'standard': expected title, date, standards, reach, type, colleagues, where, attachments or body" <<'W'
title,standard,reach
A,LP1,team
W
reject 'an unknown key in JSON Lines' "lp-evidence: <stdin>:2: unknown column 'colour': expected title, date, standards, reach, type, colleagues, where, attachments or body" <<'W'
{"title":"A","standards":"LP1","reach":"team"}
{"title":"B","standards":"LP1","reach":"team","colour":"red"}
W
printf 'title,standards,reach\nCaf\351,LP1,team\n' >"$TMP/latin1"
reject 'a cell that is not UTF-8' "$(lp-evidence import <"$TMP/latin1" 2>&1)" <"$TMP/latin1"
like "$err" "^lp-evidence: <stdin>:2: .*UTF-8" "not UTF-8: the line named"
ln -s /etc attachments/etc
git add attachments/etc && git commit -qm link
reject 'attachments that are not in the portfolio' "lp-evidence: <stdin>:2: attachments: '/etc/passwd' is an absolute path: expected a path inside the portfolio, such as attachments/slides.pdf
lp-evidence: <stdin>:3: attachments: '../x' climbs out with '..': expected a path inside the portfolio, such as attachments/slides.pdf
lp-evidence: <stdin>:4: attachments: 'attachments/etc/passwd' leads outside the portfolio through a symbolic link
lp-evidence: <stdin>:5: attachments: 'attachments/nope.pdf': no such file in the portfolio (copy it into attachments/ first)" <<'W'
title,standards,reach,attachments
A,LP1,team,/etc/passwd
B,LP1,team,../x
C,LP1,team,"attachments/slides.pdf, attachments/etc/passwd"
D,LP1,team,attachments/nope.pdf
W
cp "$TMP/rows.csv" "$TMP/rows-file.csv"
printf 'Bad,2025-01-01,LP1,nowhere,,,,,\n' >>"$TMP/rows-file.csv"
unchanged . "rows from a file: nothing changed" lp-evidence import "$TMP/rows-file.csv"
is "$rc:$err" "2:lp-evidence: $TMP/rows-file.csv:7: reach: expected colleague, team, institution or beyond, got 'nowhere'" \
    "rows from a file: the file is named"
unchanged . "--dry-run with a bad row" lp-evidence import --dry-run <"$TMP/rows-file.csv"
is "$rc:$out" "2:" "--dry-run with a bad row: exit 2, no rows printed"

# A write that fails midway takes back the items already written: here the
# second item is larger than the file size limit allows.
{
	echo 'title,standards,reach,body'
	echo 'Small,LP1,team,short'
	printf 'Big,LP2,team,'
	i=0; while [ $i -lt 100 ]; do printf 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'; i=$((i + 1)); done
	echo
} >"$TMP/big.csv"
unchanged . "a write failing midway leaves nothing half imported" \
    sh -c 'trap "" XFSZ; ulimit -f 2; exec lp-evidence import "$1"' sh "$TMP/big.csv"
is "$rc:$err" "2:lp-evidence: cannot write evidence/2026-01-15-big.md: File too large" "a failed write: exit 2, the file named"

# A commit that fails takes back every item already written.
: >.git/index.lock
unchanged . "a failed commit leaves nothing half imported" lp-evidence import <"$TMP/rows.csv"
is "$rc" 2 "a failed commit: exit 2"
like "$err" "nothing was added" "a failed commit: says so"
rm .git/index.lock
git checkout -q --detach HEAD
unchanged . "a detached HEAD: nothing imported" lp-evidence import <"$TMP/rows.csv"
is "$rc" 2 "a detached HEAD: exit 2"
git checkout -q main

run lp-evidence import --title x </dev/null
is "$rc:$(printf '%s\n' "$err" | head -1)" "2:lp-evidence: --title does not apply to import (it is for add)" "import takes no item options"

done_testing
