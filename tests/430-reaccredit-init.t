#!/bin/sh
# lp-reaccredit init: the case study's skeleton, committed; never over an
# existing one.
. "$(dirname "$0")/lib.sh"

mkportfolio ada ada "Ada Lovelace" 2020-01-10 "accredited: 2023-07-01" "theme: Oracy"
git init -q ada && git -C ada add -A && git -C ada commit -q -m start

run lp-reaccredit init ada
is_rc 0 "init: exit 0"
is "$out$err" "" "init: silent"
cat >want <<'W'
---
title: ""
theme: Oracy
signed-off-by: ""
signed-off-on: ""
---
## Focus and rationale

> Which school priority did the work serve, and why did you choose this focus?

## What was done and how

> Walk through the work: what you did, with which colleagues, in what order, and how it spread.

## Problems encountered

> Name the obstacles you met on the way and what you did about each of them.

## Impact

> Show what changed in colleagues' practice and, through them, for learners, and point to the evidence.

## What was learned

> Reflect on what the work taught you about leading the development of other people.

## How others could benefit

> Explain how another team or school could take the work up, and what they would need to do so.

## Less successful elements and continuing challenges

> Be candid about the parts that worked less well and the challenges that remain open.

## References

> Give each source the work drew on as a list item: author, year in brackets, title, and where to find it.
W
same_file want ada/case-study.md "the template: front matter, eight sections, a hint under each"
out=$(git -C ada show --stat --format=%s HEAD)
same_text "commit: message and exactly case-study.md" <<'W'
reaccredit: start case study

 case-study.md | 37 +++++++++++++++++++++++++++++++++++++
 1 file changed, 37 insertions(+)
W

# The untouched template is recognised by show, section by section, and by check.
run lp-reaccredit show ada
is_rc 0 "show on the template: exit 0"
same_text "show on the template: every section hint-only" <<'W'
id,section,words,status
ada,Focus and rationale,0,hint-only
ada,What was done and how,0,hint-only
ada,Problems encountered,0,hint-only
ada,Impact,0,hint-only
ada,What was learned,0,hint-only
ada,How others could benefit,0,hint-only
ada,Less successful elements and continuing challenges,0,hint-only
ada,References,0,hint-only
W
run lp-reaccredit check ada
is_rc 1 "check on the template: exit 1"
is "$out" "" "check: findings only, nothing on stdout"
like "$err" "ada/case-study.md:7: section 'Focus and rationale' holds only its hint" "check: the hint named with file:line"
like "$err" "ada/case-study.md: LP10 is not referred to" "check: the hints name no standard"

unchanged ada "an existing case study: nothing changes" lp-reaccredit init --theme Other ada
is_rc 2 "an existing case study: exit 2"
like "$err" "^lp-reaccredit: ada/case-study.md: already exists: refusing to overwrite a case study" \
	"an existing case study: message"

# --theme, and a portfolio outside git, not yet accredited.
mkportfolio bea bea "Bea New" 2025-01-10
run lp-reaccredit init --theme "Reading for pleasure" -C bea
is_rc 0 "outside git: exit 0"
is "$(sed -n 3p bea/case-study.md)" "theme: Reading for pleasure" "--theme"
like "$err" "warning: no accredited date yet" "not accredited: a warning"

mkportfolio cy cy "Cy" 2020-01-10 "accredited: 2023-07-01"
run lp-reaccredit init cy
is "$(sed -n 3p cy/case-study.md)" 'theme: ""' "no theme anywhere: empty"
run lp-reaccredit init --theme x --window 2026-03 cy
is_rc 2 "an unknown option: exit 2"
run lp-reaccredit init nowhere
is_rc 2 "no portfolio: exit 2"

done_testing
