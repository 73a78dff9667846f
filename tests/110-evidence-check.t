#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-evidence check: every problem in the evidence, once, with its file
# and line; exit 1 on findings.  The same problems stop list and matrix
# (exit 2), which cannot report on what they cannot read.

mkportfolio p pat Pat 2025-09-01
mkdir p/attachments
printf 'x\n' >p/attachments/ok.pdf
mkevidence p 2025-01-01-good 'Good' 2025-01-01 'LP1' team 'attachments: [attachments/ok.pdf]'

run lp-evidence check p
is "$rc:$out:$err" "0::" "a clean portfolio: exit 0, nothing printed"

# Each bad file alone: check finds it (1), list and matrix stop (2).
bad() {	# bad NAME STEM WANT-ERR  (file on stdin)
	cat >"p/evidence/$2.md"
	unchanged p "$1: check changes nothing" lp-evidence check p
	is "$rc:$out:$err" "1::lp-evidence: p/evidence/$2.md:$3" "$1: check exit 1, file:line"
	run lp-evidence list p
	is "$rc:$err" "2:lp-evidence: p/evidence/$2.md:$3" "$1: list exit 2"
	run lp-evidence matrix p
	is "$rc" 2 "$1: matrix exit 2"
	rm "p/evidence/$2.md"
}
bad 'not a flat mapping' 2025-02-01-nested "4: key 'where': expected a value or a list of values, found a nested mapping" <<'W'
---
title: x
where:
  room: 12
date: 2025-02-01
standards: [LP1]
reach: team
---
W
bad 'a list inside a list' 2025-02-01-lists "4: key 'standards': expected a list of plain or quoted values, found a nested list inside it" <<'W'
---
title: x
date: 2025-02-01
standards: [[LP1]]
reach: team
---
W
bad 'tab in indentation' 2025-02-01-tab "5: tab in indentation: expected spaces" <<'W'
---
title: x
date: 2025-02-01
standards:
	- LP1
reach: team
---
W
bad 'unterminated front matter' 2025-02-01-open "1: unterminated front matter: expected a '---' or '...' line to close it" <<'W'
---
title: x
date: 2025-02-01
standards: [LP1]
reach: team
W
bad 'missing required key' 2025-02-01-missing "1: missing required key 'reach' (colleague, team, institution or beyond)" <<'W'
---
title: x
date: 2025-02-01
standards: [LP1]
---
W
bad 'impossible date' 2025-02-01-date "3: date: expected a date YYYY-MM-DD, got '2025-02-30'" <<'W'
---
title: x
date: 2025-02-30
standards: [LP1]
reach: team
---
W
bad 'unknown standard' 2025-02-01-lp11 "4: standards: expected LP1..LP10, got 'LP11'" <<'W'
---
title: x
date: 2025-02-01
standards: [LP1, LP11]
reach: team
---
W
bad 'unknown reach' 2025-02-01-reach "5: reach: expected colleague, team, institution or beyond, got 'trust'" <<'W'
---
title: x
date: 2025-02-01
standards: [LP1]
reach: trust
---
W
bad 'colleagues not a count' 2025-02-01-count "6: colleagues: expected a count (a whole number), got '-3'" <<'W'
---
title: x
date: 2025-02-01
standards: [LP1]
reach: team
colleagues: -3
---
W
printf -- '---\ntitle: caf\351\ndate: 2025-02-01\nstandards: [LP1]\nreach: team\n---\n' >"$TMP/in"
bad 'a byte that is not UTF-8' 2025-02-01-latin1 "2: invalid UTF-8: expected UTF-8 text" <"$TMP/in"
printf -- '---\ntitle: x\ndate: 2025-02-01\nstandards: [LP1]\nreach: team\n---\nA\0B\n' >"$TMP/in"
bad 'a NUL byte' 2025-02-01-nul "7: NUL byte: expected text" <"$TMP/in"
printf -- '---\r\ntitle: x\r\ndate: 2025-02-01\r\nstandards: [LP1]\r\nreach: nowhere\r\n---\r\n' >"$TMP/in"
bad 'CRLF lines keep their numbers' 2025-02-01-crlf "5: reach: expected colleague, team, institution or beyond, got 'nowhere'" <"$TMP/in"

# Attachments: only list and matrix ignore them (they do not read them).
attach() {	# attach NAME PATH WANT-ERR
	mkevidence p 2025-03-01-att 'Att' 2025-03-01 LP2 team "attachments: [attachments/ok.pdf, $2]"
	unchanged p "$1: check changes nothing" lp-evidence check p
	is "$rc:$out:$err" "1::lp-evidence: $3" "$1: check exit 1"
	run lp-evidence list p
	is "$rc" 0 "$1: list does not read attachments"
	rm p/evidence/2025-03-01-att.md
}
attach 'an absolute attachment' /etc/passwd \
    "p/evidence/2025-03-01-att.md:6: attachment '/etc/passwd': is an absolute path"
attach 'an attachment climbing out' attachments/../../secret \
    "p/evidence/2025-03-01-att.md:6: attachment 'attachments/../../secret': climbs out with '..'"
attach 'a missing attachment' attachments/gone.pdf \
    "p/evidence/2025-03-01-att.md:6: attachment 'attachments/gone.pdf': no such file in the portfolio"
ln -s /etc p/attachments/etc
ln -s ../../outside.txt p/attachments/out.txt
printf 'secret\n' >outside.txt
mkevidence p 2025-03-01-att 'Att' 2025-03-01 LP2 team "attachments: [attachments/etc/passwd]"
run lp-evidence check p
is "$rc" 1 "an attachment through a symbolic link to a directory outside: exit 1"
like "$err" "attachments/etc/passwd.*leads outside the portfolio" "it is named"
mkevidence p 2025-03-01-att 'Att' 2025-03-01 LP2 team "attachments: [attachments/out.txt]"
run lp-evidence check p
is "$rc" 1 "an attachment that is a symbolic link to a file outside: exit 1"
like "$err" "attachments/out.txt.*leads outside the portfolio" "it is named"
rm p/evidence/2025-03-01-att.md

# Several problems at once: each reported once, in file order.
mkevidence p 2025-04-01-a 'A' 2025-04-01 LP11 team
mkevidence p 2025-04-02-b 'B' 2025-04-02 LP1 school
mkevidence p 2025-04-03-c 'C' 2025-04-03 LP1 team 'attachments: [attachments/none.pdf]'
run lp-evidence check p
is "$rc:$err" "1:lp-evidence: p/evidence/2025-04-01-a.md:4: standards: expected LP1..LP10, got 'LP11'
lp-evidence: p/evidence/2025-04-02-b.md:5: reach: expected colleague, team, institution or beyond, got 'school'
lp-evidence: p/evidence/2025-04-03-c.md:6: attachment 'attachments/none.pdf': no such file in the portfolio" \
    "several problems: each once"
rm p/evidence/2025-04-0*

# A cohort: problems anywhere make exit 1, and the clean ones pass.
mkportfolio cohort/q quin Quin 2025-09-01
mkevidence cohort/q 2025-01-01-ok 'Fine' 2025-01-01 LP3 institution
mkportfolio cohort/r rio Rio 2025-09-01
mkevidence cohort/r 2025-01-01-bad 'Bad' 2025-01-01 LP3 galaxy
run lp-evidence check cohort
is "$rc:$err" "1:lp-evidence: cohort/r/evidence/2025-01-01-bad.md:5: reach: expected colleague, team, institution or beyond, got 'galaxy'" \
    "a cohort with one bad item: exit 1"
rm cohort/r/evidence/2025-01-01-bad.md
run lp-evidence check cohort
is "$rc:$err" "0:" "a clean cohort: exit 0"

# ---- warnings do not change the status ----

mkevidence p 2025-05-01-everything 'Everything' 2025-05-01 \
    'LP1, LP2, LP3, LP4, LP5, LP6, LP7, LP8, LP9, LP10' institution
run lp-evidence check p
is "$rc:$err" "0:lp-evidence: p/evidence/2025-05-01-everything.md:4: warning: names all ten standards: one activity rarely shows them all; name the ones it shows best" \
    "an item naming all ten standards: a warning, exit 0"
run lp-evidence check -q p
is "$rc:$err" "0:" "-q: no such warning"
rm p/evidence/2025-05-01-everything.md
mkevidence p 2025-06-01-moved 'Moved' 2025-07-01 LP1 team
run lp-evidence check p
is "$rc:$err" "0:lp-evidence: p/evidence/2025-06-01-moved.md:3: warning: the file name's date differs from date: 2025-07-01" \
    "a file name whose date differs from date: a warning, exit 0"
run lp-evidence list -o tsv p
is "$rc" 0 "list reads it"
rm p/evidence/2025-06-01-moved.md

# Hidden files and other files in evidence/ are not items.
printf 'junk' >p/evidence/.2025-01-01-x.md.swp
printf 'junk' >p/evidence/README.txt
run lp-evidence check p
is "$rc:$err" "0:" "hidden and non-.md files are ignored"

# ---- errors that are not findings ----

run lp-evidence check nowhere
is "$rc" 2 "a missing operand: exit 2"
printf -- '---\nname: X\n---\n' >p/portfolio.md
run lp-evidence check p
# SPEC 4: in a validator a malformed file of the portfolio is a finding.
is "$rc" 1 "a portfolio.md that cannot be used: a finding, exit 1"
like "$err" "^lp-evidence: p/portfolio.md:1: missing required key 'id'" "and the problem is named"
run lp-evidence check --bogus p
is "$rc:$(printf '%s\n' "$err" | head -1)" "2:lp-evidence: --bogus: unknown option" "an unknown option: exit 2"

done_testing
