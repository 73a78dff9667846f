#!/bin/sh
# lp-reaccredit submit: a clean tree and a passing check, then the date in
# case-study.md, a commit and the tag lp/reaccreditation/PORTFOLIO-ID/DATE.
. "$(dirname "$0")/lib.sh"

# write_study DIR: a case study that passes check.
write_study() {
	cat >"$1/case-study.md" <<'W'
---
title: Talk that teaches
theme: Oracy across the trust
signed-off-by: Jo Head
signed-off-on: 2025-12-01
---
## Focus and rationale

Oracy (LP1, LP2, LP3).

## What was done and how

Coaching (LP8) and a network (LP9, LP10).

## Problems encountered

Time (LP4).

## Impact

Talk partners everywhere (LP5, LP6, LP7).

## What was learned

Patience.

## How others could benefit

Reuse the toolkit.

## Less successful elements and continuing challenges

Secondary uptake.

## References

- Mercer, N. (2019). Oracy.
W
}

mkportfolio ada ada "Ada Lovelace" 2020-01-10 "accredited: 2023-07-01"
write_study ada
git init -q ada && git -C ada add -A && git -C ada commit -q -m study

run lp-reaccredit submit ada
is_rc 0 "a complete case study: exit 0"
is "$out" "ada: case study submitted on 2026-01-15, tagged lp/reaccreditation/ada/2026-01-15" "one line naming the tag"
is "$(sed -n 6p ada/case-study.md)" "submitted: 2026-01-15" "submitted recorded in the front matter"
is "$(sed -n 7,8p ada/case-study.md)" "---
## Focus and rationale" "the body kept"
out=$(git -C ada show --stat --format=%s HEAD)
same_text "commit: message and exactly case-study.md" <<'W'
reaccredit: submit case study

 case-study.md | 1 +
 1 file changed, 1 insertion(+)
W
is "$(git -C ada cat-file -t lp/reaccreditation/ada/2026-01-15)" "tag" "an annotated tag"
is "$(git -C ada rev-parse 'lp/reaccreditation/ada/2026-01-15^{commit}')" "$(git -C ada rev-parse HEAD)" "the tag is on the commit"
run lp-reaccredit submit -q ada
is_rc 0 "the same day again: exit 0"
is "$(git -C ada tag -l | sort | tr '\n' ' ')" "lp/reaccreditation/ada/2026-01-15 lp/reaccreditation/ada/2026-01-15-2 " "the same day again: -2"

# Refusals: exit 1, nothing changed.
mkportfolio bea bea "Bea Draft" 2020-01-10 "accredited: 2023-07-01"
write_study bea
sed -i 's/^Patience\.$//' bea/case-study.md
git init -q bea && git -C bea add -A && git -C bea commit -q -m study
unchanged bea "check fails: nothing changes" lp-reaccredit submit bea
is_rc 1 "check fails: exit 1"
like "$err" "bea/case-study.md:23: section 'What was learned' is empty" "check fails: the problem shown"
like "$err" "lp-reaccredit: bea: refusing to submit: the case study does not pass lp-reaccredit check \(above\)" "check fails: says why"
is "$(git -C bea tag -l)" "" "check fails: no tag"

mkportfolio cal cal "Cal Dirty" 2020-01-10 "accredited: 2023-07-01"
write_study cal
git init -q cal && git -C cal add -A && git -C cal commit -q -m study
echo "more" >>cal/case-study.md
unchanged cal "uncommitted changes: nothing changes" lp-reaccredit submit cal
is_rc 1 "uncommitted changes: exit 1"
is "$err" "lp-reaccredit: cal: refusing to submit: the work tree has changes that are not committed (commit them, or move them away, first)" \
	"uncommitted changes: says why"

mkportfolio dan dan "Dan New" 2024-01-10
write_study dan
sed -i 's/^signed-off-on: .*/signed-off-on: 2026-01-01/' dan/case-study.md
git init -q dan && git -C dan add -A && git -C dan commit -q -m study
unchanged dan "not accredited: nothing changes" lp-reaccredit submit dan
is_rc 1 "not accredited: exit 1"
is "$err" "lp-reaccredit: dan: refusing to submit: portfolio.md has no accredited date, so there is nothing to renew" \
	"not accredited: says why"

# Errors: exit 2, nothing changed.
mkportfolio eve eve "Eve Loose" 2020-01-10 "accredited: 2023-07-01"
write_study eve
unchanged eve "outside git: nothing changes" lp-reaccredit submit eve
is_rc 2 "outside git: exit 2"
like "$err" "^lp-reaccredit: eve: not in a git work tree" "outside git: says so"
mkportfolio fay fay "Fay None" 2020-01-10 "accredited: 2023-07-01"
git init -q fay && git -C fay add -A && git -C fay commit -q -m start
unchanged fay "no case study: nothing changes" lp-reaccredit submit fay
is_rc 2 "no case study: exit 2"
printf -- '---\ntitle: [a\n---\n' >fay/case-study.md
git -C fay add -A && git -C fay commit -q -m broken
unchanged fay "malformed front matter: nothing changes" lp-reaccredit submit fay
is_rc 2 "malformed front matter: exit 2"
like "$err" "fay/case-study.md:2" "malformed front matter: file:line"

# --no-commit: written, neither committed nor tagged.
mkportfolio gil gil "Gil Draft" 2020-01-10 "accredited: 2023-07-01"
write_study gil
git init -q gil && git -C gil add -A && git -C gil commit -q -m study
run lp-reaccredit submit --no-commit gil
is_rc 0 "--no-commit: exit 0"
is "$out" "gil: case study submitted on 2026-01-15, not committed" "--no-commit: says so"
is "$(git -C gil status --porcelain)" " M case-study.md" "--no-commit: written, not committed"
is "$(git -C gil tag -l)" "" "--no-commit: no tag"

done_testing
