#!/bin/sh
# lp-reaccredit check: sections present and written, LP1..LP10 named,
# References citing a source, sign-off set (today is 2026-01-15).  A
# validator: findings only.  lp-reaccredit show: the sections as rows.
. "$(dirname "$0")/lib.sh"

mkportfolio ada ada "Ada Lovelace" 2020-01-10 "accredited: 2023-07-01"
cat >good.md <<'W'
---
title: Talk that teaches
theme: Oracy across the trust
signed-off-by: Jo Head
signed-off-on: 2025-12-01
---
# Talk that teaches

## Focus and rationale

Our trust priority was oracy in Key Stage 2 (LP1, lp2).

## What was done and how

> Walk through the work: what you did, with which colleagues, in what order, and how it spread.

I coached six colleagues (LP8) and ran a network of four schools: LP9, LP10.

### Term one

Research lessons (LP5) on how pupils learn to talk (LP6).

## Problems encountered

Timetables; we challenged an old routine (LP3).

## Impact

Colleagues adopted talk partners, and I shared the resources — LP7.

## What was learned

I kept learning (LP4).

## How others could benefit

Schools can reuse the toolkit.

## Less successful elements and continuing challenges

Secondary uptake was slow.

## References

- Mercer, N. Oracy and learning.
W
cp good.md ada/case-study.md

run lp-reaccredit check ada
is_rc 0 "a complete case study: exit 0"
is "$out$err" "" "a complete case study: nothing on stdout or stderr"
run lp-reaccredit show ada
is_rc 0 "show: exit 0"
same_text "show: words per section" <<'W'
id,section,words,status
ada,Focus and rationale,11,ok
ada,What was done and how,26,ok
ada,Problems encountered,7,ok
ada,Impact,11,ok
ada,What was learned,4,ok
ada,How others could benefit,5,ok
ada,Less successful elements and continuing challenges,4,ok
ada,References,5,ok
W
is "$err" "" "show: nothing on stderr"
run lp-reaccredit check -q ada
is "$out$err" "" "-q: silent when all is well"
run lp-reaccredit show -o json -C ada
is "$(printf '%s\n' "$out" | sed -n 2p)" '{"id":"ada","section":"Focus and rationale","words":11,"status":"ok"},' "json: words a number"
run lp-reaccredit show -o table ada
is "$(printf '%s\n' "$out" | sed -n 1p)" "id   section                                             words  status" "table: header"

# check_with NAME SED-SCRIPT: run check on good.md edited by sed; $shown
# holds what show prints for it.
check_with() {
	sed "$2" good.md >ada/case-study.md
	run lp-reaccredit show ada
	shown=$out
	run lp-reaccredit check ada
}
# row SECTION: the show row of that section, without the id.
row() {
	printf '%s\n' "$shown" | grep "^ada,$1," | cut -d, -f2-
}

check_with "quiet" 's/(LP1, lp2)/(lp2)/'
run lp-reaccredit check -q ada
is_rc 1 "-q with a problem: exit 1"
is "$out$err" "" "-q with a problem: silent"

check_with "order and case" '/^## Impact$/s/.*/## IMPACT/; /^## Focus and rationale$/s/.*/##   focus AND   rationale/'
is_rc 0 "headings in any case, blanks squeezed: exit 0"
# The Focus section moved to the end.
{ sed -n '1,8p' good.md; sed -n '/^## What was done/,$p' good.md; echo
  sed -n '/^## Focus/,/^## What was done/p' good.md | sed '$d'; } >ada/case-study.md
run lp-reaccredit check ada
is_rc 0 "sections in another order: exit 0"

check_with "setext" 's/^## Impact$/Impact\n------/'
is_rc 0 "a setext heading counts"

check_with "missing" '/^## Impact$/,/^## What was learned$/{/^## What was learned$/!d}'
is_rc 1 "a missing section: exit 1"
is "$(row Impact)" "Impact,0,missing" "a missing section: status missing"
like "$err" "^lp-reaccredit: ada/case-study.md: missing section: expected a heading '## Impact'" "a missing section: message"
like "$err" "LP7 is not referred to" "a missing section: its standard goes with it"

check_with "in code" 's/^## Impact$/```\n## Impact\n```/'
is "$(row Impact)" "Impact,0,missing" "## inside a code block is not a heading"

check_with "empty" '/^Colleagues adopted/d'
is_rc 1 "an empty section: exit 1"
is "$(row Impact)" "Impact,0,empty" "an empty section: status empty"
like "$err" "^lp-reaccredit: ada/case-study.md:27: section 'Impact' is empty: expected some text under it" \
	"an empty section: file:line of its heading"

check_with "hint" 's/^I kept learning (LP4)\.$/> Reflect on what the work taught you about leading the development of other people./'
is "$(row 'What was learned')" "What was learned,0,hint-only" "only the hint: hint-only"
like "$err" "ada/case-study.md:31: section 'What was learned' holds only its hint" "only the hint: file:line"
check_with "edited hint" 's/^I kept learning (LP4)\.$/> Reflect on what the work taught me, LP4./'
is "$(row 'What was learned')" "What was learned,8,ok" "an edited hint is text"

check_with "duplicate" 's/^## How others could benefit$/## Impact/'
is_rc 1 "a section twice: exit 1"
like "$err" "ada/case-study.md:35: section 'Impact' appears again \(first on line 27\): expected it once" "a section twice: message"
is "$(row Impact)" "Impact,16,duplicate" "a section twice: show never says ok"

# The standards, as words.
check_with "LP10 is not LP1" 's/(LP1, lp2)/(lp2)/'
is_rc 1 "LP1 only inside LP10: exit 1"
is "$err" "lp-reaccredit: ada/case-study.md: LP1 is not referred to: expected 'LP1' where the work shows it" \
	"LP1 only inside LP10: reported"
check_with "range" 's/(LP8)/(LP7-LP9)/; s/LP9, LP10/LP10/'
is "$err" "lp-reaccredit: ada/case-study.md: LP8 is not referred to: expected 'LP8' where the work shows it" \
	"a range names only its ends"
check_with "not words" 's/(LP3)/(HELP3, LP 3, LP30, LP3x)/'
is "$err" "lp-reaccredit: ada/case-study.md: LP3 is not referred to: expected 'LP3' where the work shows it" \
	"HELP3, LP 3, LP30, LP3x are not LP3"
check_with "in a heading" 's/(LP4)//; s/^## What was learned$/## What was learned/; s/^# Talk that teaches$/# Talk that teaches (LP4)/'
is_rc 0 "a standard named in any heading counts"

# References.
check_with "no source" 's/^- Mercer, N. Oracy and learning.$/Mercer on oracy./'
is_rc 1 "References without a source: exit 1"
is "$err" "lp-reaccredit: ada/case-study.md:43: section 'References' cites no source: expected a list item, a year in brackets such as (2019), or a URL" \
	"References without a source: message"
is "$(row References)" "References,3,no-source" "References without a source: show says no-source"
for ref in "Mercer, N. (2019). Oracy." "As Mercer argued (Mercer, 2019a)." "See https://example.org/oracy" \
	"doi:10.1000/182" "1. Mercer on oracy" "* Mercer on oracy" "2) Mercer on oracy"; do
	check_with "source" "s|^- Mercer, N. Oracy and learning.\$|$ref|"
	is_rc 0 "a source: $ref"
done
check_with "bare year" 's/^- Mercer, N. Oracy and learning.$/Mercer 2019 on oracy./'
is_rc 1 "a year outside brackets is not a source"

# The sign-off.
check_with "unsigned" 's/^signed-off-by: Jo Head$/signed-off-by: ""/; s/^signed-off-on: 2025-12-01$/signed-off-on:/'
is_rc 1 "unsigned: exit 1"
cat >want.err <<'W'
lp-reaccredit: ada/case-study.md:4: signed-off-by: expected the name of the head teacher or principal who signed the case study off
lp-reaccredit: ada/case-study.md:5: signed-off-on: expected the date of the sign-off (YYYY-MM-DD)
W
printf '%s\n' "$err" >got.err
same_file want.err got.err "unsigned: a diagnostic for each key, with its line"
check_with "no keys" '/^signed-off/d'
is_rc 1 "no sign-off keys: exit 1"
like "$err" "^lp-reaccredit: ada/case-study.md: signed-off-by: expected the name" "no sign-off keys: the file named"
check_with "bad date" 's/^signed-off-on: 2025-12-01$/signed-off-on: 1 December 2025/'
is "$err" "lp-reaccredit: ada/case-study.md:5: signed-off-on: expected a date YYYY-MM-DD, got '1 December 2025'" "a sign-off date that is not a date"
check_with "future" 's/^signed-off-on: 2025-12-01$/signed-off-on: 2026-01-16/'
is "$err" "lp-reaccredit: ada/case-study.md:5: signed-off-on: 2026-01-16 is after today (2026-01-15): expected the date it was signed" \
	"a sign-off tomorrow"
check_with "today" 's/^signed-off-on: 2025-12-01$/signed-off-on: 2026-01-15/'
is_rc 0 "a sign-off today is fine"
check_with "before award" 's/^signed-off-on: 2025-12-01$/signed-off-on: 2023-06-30/'
is "$err" "lp-reaccredit: ada/case-study.md:5: signed-off-on: 2023-06-30 is before the accreditation it renews (accredited: 2023-07-01 in portfolio.md)" \
	"a sign-off before the award"
check_with "on the award" 's/^signed-off-on: 2025-12-01$/signed-off-on: 2023-07-01/'
is_rc 0 "a sign-off on the day of the award is fine"
check_with "list" 's/^signed-off-by: Jo Head$/signed-off-by: [Jo, Al]/'
is "$err" "lp-reaccredit: ada/case-study.md:4: signed-off-by: expected a single value, not a list" "signed-off-by as a list"
check_with "no theme" 's/^theme: .*/theme: ""/'
is_rc 0 "an empty theme: still exit 0"
is "$err" "lp-reaccredit: ada/case-study.md:3: warning: theme is empty: the case study has an overarching theme" "an empty theme: a warning"

# A malformed case study is a finding in the validator (SPEC 4), bad input to show.
check_with "nested" 's/^theme: .*/theme:\n  main: Oracy/'
is_rc 1 "front matter that is not flat: a finding, exit 1"
like "$err" "^lp-reaccredit: ada/case-study.md:4: " "front matter that is not flat: file:line"
is "$out" "" "front matter that is not flat: no rows"
run lp-reaccredit show ada
is_rc 2 "show, front matter that is not flat: exit 2"
run lp-reaccredit check -o csv ada
like "$out" "^ada,ada/case-study.md,4,error," "-o csv: the finding as a row"

# Missing and unreadable: exit 2.
rm ada/case-study.md
run lp-reaccredit check ada
is_rc 2 "no case study: exit 2"
is "$err" "lp-reaccredit: ada/case-study.md: no such file: there is no case study yet (lp-reaccredit init writes one)" "no case study: message"
run lp-reaccredit check -q ada
is "$rc:$err" "2:lp-reaccredit: ada/case-study.md: no such file: there is no case study yet (lp-reaccredit init writes one)" \
	"no case study, -q: still said"
mkportfolio bad bad "Bad" 2020-01-10 "accredited: 2023-13-01"
cp good.md bad/case-study.md
run lp-reaccredit check bad
is_rc 1 "a malformed accredited date: a finding, exit 1"
like "$err" "bad/portfolio.md:5: accredited: expected a date" "a malformed accredited date: file:line"
run lp-reaccredit show bad
is_rc 2 "show, a malformed accredited date: exit 2"
rm bad/case-study.md
mkfifo bad/case-study.md
sed -i 's/2023-13-01/2023-03-01/' bad/portfolio.md
run timeout 10 lp-reaccredit check bad
is_rc 2 "a FIFO case study: exit 2, not a blocked open"
like "$err" "bad/case-study.md: not a regular file" "a FIFO case study: named"
run timeout 10 lp check bad
is_rc 2 "lp check, a FIFO case study: exit 2 too"
like "$err" "bad/case-study.md: not a regular file" "lp check, a FIFO case study: named"
run timeout 10 lp-reaccredit check -q bad
is "$rc:$err" "2:lp-reaccredit: bad/case-study.md: not a regular file" "-q: an error that makes it 2 is still said"
run timeout 10 lp check -q bad
is "$rc:$err" "2:lp: bad/case-study.md: not a regular file" "lp check -q: the same"
run lp-reaccredit show bad
is_rc 2 "show, a FIFO case study: exit 2"
rm bad/case-study.md
run lp-reaccredit show bad
is_rc 2 "show, no case study: exit 2"

# lp check runs the case study's checks where there is one.
check_with "lp check" 's/(LP1, lp2)/(lp2)/'
run lp check ada
like "$err" "lp: ada/case-study.md: LP1 is not referred to" "lp check: the case study's findings"

# --at reads the case study as committed.
cp good.md ada/case-study.md
git init -q ada && git -C ada add -A && git -C ada commit -q -m study
sed -i '/^Secondary uptake/d' ada/case-study.md
run lp-reaccredit check ada
is_rc 1 "the work tree: a finding"
run lp-reaccredit check --at HEAD ada
is_rc 0 "--at HEAD: the committed case study passes"

done_testing
