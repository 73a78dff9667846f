#!/bin/sh
# lp-window outcome: records the moderation outcome and commits.
. "$(dirname "$0")/lib.sh"

mkportfolio ada ada "Ada Lovelace" 2024-06-30 "submitted: 2025-11-10" "window: 2025-11" "theme: Oracy"
printf 'Notes.\n' >>ada/portfolio.md
git init -q ada && git -C ada add -A && git -C ada commit -q -m start

run lp-window outcome accredited --date 2026-01-10 ada
is_rc 0 "accredited: exit 0"
is "$out$err" "" "accredited: silent"
cat >want <<'W'
---
name: Ada Lovelace
id: ada
commenced: 2024-06-30
submitted: 2025-11-10
window: 2025-11
theme: Oracy
outcome: accredited
accredited: 2026-01-10
---
Notes.
W
same_file want ada/portfolio.md "outcome and accredited appended, the rest kept"
out=$(git -C ada show --stat --format=%s HEAD)
same_text "commit: message and exactly portfolio.md" <<'W'
window: outcome accredited

 portfolio.md | 2 ++
 1 file changed, 2 insertions(+)
W
run lp-window status ada
is "$(printf '%s\n' "$out" | tail -n 1 | cut -d, -f8)" "accredited" "the stage follows"

unchanged ada "the same outcome again: nothing changes" lp-window outcome accredited --date 2026-01-10 ada
is_rc 0 "the same outcome again: exit 0"

run lp-window outcome accredited -C ada
is_rc 0 "accredited without --date: today"
is "$(grep '^accredited:' ada/portfolio.md)" "accredited: 2026-01-15" "accredited without --date: today's date, in place"
is "$(git -C ada log --format=%s | head -n 1)" "window: outcome accredited" "a second commit"

mkportfolio bea bea "Bea Referred" 2024-06-30 "submitted: 2025-11-10"
git init -q bea && git -C bea add -A && git -C bea commit -q -m start
run lp-window outcome referred bea
is_rc 0 "referred: exit 0"
is "$(grep '^outcome:' bea/portfolio.md)" "outcome: referred" "referred recorded"
is "$(grep -c '^accredited:' bea/portfolio.md)" 0 "referred: no accredited date"
is "$(git -C bea log --format=%s | head -n 1)" "window: outcome referred" "referred: committed"
run lp-window status bea
is "$(printf '%s\n' "$out" | tail -n 1 | cut -d, -f8)" "referred" "referred: the stage follows"
run lp-window outcome withdrawn bea
is "$(grep '^outcome:' bea/portfolio.md)" "outcome: withdrawn" "withdrawn replaces referred in place"
is "$(git -C bea log --format=%s | head -n 1)" "window: outcome withdrawn" "withdrawn: committed"

# Bad input: exit 2 and nothing changes.
unchanged bea "an unknown word: nothing changes" lp-window outcome passed bea
is_rc 2 "an unknown word: exit 2"
like "$err" "^lp-window: outcome: expected accredited, referred or withdrawn, got 'passed'" "an unknown word: message"
unchanged bea "no word: nothing changes" lp-window outcome
is_rc 2 "no word: exit 2"
unchanged bea "a bad --date: nothing changes" lp-window outcome accredited --date 2026-02-30 bea
is_rc 2 "a bad --date: exit 2"
is "$err" "lp-window: --date: expected a date YYYY-MM-DD, got '2026-02-30'" "a bad --date: message"
unchanged bea "--date with referred: nothing changes" lp-window outcome referred --date 2026-01-01 bea
is_rc 2 "--date with referred: exit 2"
printf -- '---\nname: Cy\nid: cy\ncommenced: 2024-06-31\n---\n' >cy.md
mkdir cy && mv cy.md cy/portfolio.md
unchanged cy "a malformed portfolio.md: nothing changes" lp-window outcome accredited cy
is_rc 2 "a malformed portfolio.md: exit 2"
like "$err" "cy/portfolio.md:4: commenced: expected a date YYYY-MM-DD, got '2024-06-31'" "a malformed portfolio.md: file:line"

# A date in the future is a warning.
run lp-window outcome accredited --date 2026-02-01 bea
is_rc 0 "a future award date: exit 0"
is "$err" "lp-window: warning: --date 2026-02-01 is after today (2026-01-15)" "a future award date: warning"

# Outside git: the file is written and nothing else happens.
mkportfolio dan dan "Dan Loose" 2024-06-30
run lp-window outcome withdrawn dan
is_rc 0 "outside git: exit 0"
is "$(grep '^outcome:' dan/portfolio.md)" "outcome: withdrawn" "outside git: written"
run lp-window outcome referred --no-commit bea
is "$(git -C bea status --porcelain)" " M portfolio.md" "--no-commit: written, not committed"

done_testing
