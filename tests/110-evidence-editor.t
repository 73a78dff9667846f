#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-evidence add on a terminal with no --title: the item is written in
# $VISUAL or $EDITOR, as git commit does, and checked when the editor ends.
# ptyrun gives the program a terminal; the "editor" is a script.

mkportfolio ada ada 'Ada Lovelace' 2025-09-01
git -C ada init -q && git -C ada add -A && git -C ada commit -qm start
cd ada
export TMPDIR="$TMP/tmp"
mkdir "$TMPDIR"

# The editor records the file it was given and what it held, then writes
# $TMP/edit.md over it (or leaves it alone when there is none).
cat >"$TMP/ed.sh" <<'S'
#!/bin/sh
[ "$1" = --flag ] && { echo flag >"$TMP_/flag"; shift; }
printf '%s\n' "$1" >"$TMP_/path"
cp "$1" "$TMP_/seen.md"
[ -f "$TMP_/edit.md" ] && cp "$TMP_/edit.md" "$1"
exit "${ED_RC:-0}"
S
chmod +x "$TMP/ed.sh"
export TMP_="$TMP" EDITOR="$TMP/ed.sh"

printf 'slides\n' >"$TMP/slides.pdf"

# ---- the template ----

run ptyrun lp-evidence add --reach team --standards 'LP5,lp6' --type coaching \
    --attach "$TMP/slides.pdf" </dev/null
# SPEC 5.3 / issue 12: like git commit, an abort is exit 1 and quiet.
is "$rc" 1 "an untouched template aborts"
is "$err" "lp-evidence: aborting: the evidence item is empty" "and says so"
cat >"$TMP/want" <<'W'
---
title:
date: 2026-01-15
standards: [LP5, lp6]
reach: team
type: coaching
colleagues:
where:
attachments: [attachments/slides.pdf]
---
Replace these lines with the story of the activity.

What did you do, and why? Which colleagues took part, and what do they
now do differently? What changed for their learners, and how do you
know: observations, pupils' work, data, what colleagues told you?

In the keys above: standards is a list such as [LP5, LP6]; reach is
colleague, team, institution or beyond; colleagues is a number;
attachments lists files in the portfolio, such as
[attachments/slides.pdf].
W
same_file "$TMP/want" "$TMP/seen.md" "the template: every key, the options given, today's date, hints"
like "$(cat "$TMP/path")" "/ada/\\.git/EVIDENCE_EDITMSG\\.md$" "the item is edited in the portfolio's git directory"
run ls "$TMPDIR"
is "$out" "" "nothing in TMPDIR"
[ -e .git/EVIDENCE_EDITMSG.md ] && not_ok "an aborted edit leaves no file" || ok "an aborted edit leaves no file"
run git status --porcelain
is "$out" "" "an aborted edit writes nothing"

# ---- a good edit ----

cat >"$TMP/edit.md" <<'W'
---
title: Coaching Sam on retrieval practice
date: 2025-10-02
standards: [LP5, lp6]
reach: team
type: coaching
colleagues: 1
where:
attachments: [attachments/slides.pdf]
phase: explore
---
Six weekly sessions.
W
run ptyrun lp-evidence add --attach "$TMP/slides.pdf" </dev/null
is "$rc:$err" "0:" "a good edit is added"
same_text "on a terminal the new item prints as a table" <<'W'
id                                             date        title                               file
2025-10-02-coaching-sam-on-retrieval-practice  2025-10-02  Coaching Sam on retrieval practice  evidence/2025-10-02-coaching-sam-on-retrieval-practice.md
W
cat >"$TMP/want" <<'W'
---
title: Coaching Sam on retrieval practice
date: 2025-10-02
standards: [LP5, LP6]
reach: team
type: coaching
colleagues: 1
attachments: [attachments/slides.pdf]
phase: explore
---
Six weekly sessions.
W
same_file "$TMP/want" evidence/2025-10-02-coaching-sam-on-retrieval-practice.md \
    "the item as edited: empty keys dropped, unknown keys kept"
run git show --stat --format=%s HEAD
same_text "committed with its attachment" <<'W'
evidence: add 2025-10-02-coaching-sam-on-retrieval-practice

 attachments/slides.pdf                                    |  1 +
 evidence/2025-10-02-coaching-sam-on-retrieval-practice.md | 11 +++++++++++
 2 files changed, 12 insertions(+)
W
run ls "$TMPDIR"
is "$out" "" "the temporary file is removed after success"

# The same --attach again: the template names the next free copy; an
# attachment removed from the list in the editor is not copied.
rm "$TMP/edit.md"
run ptyrun lp-evidence add --attach "$TMP/slides.pdf" </dev/null
like "$(cat "$TMP/seen.md")" "^attachments: \\[attachments/slides-2.pdf\\]$" "a taken name: the template offers slides-2.pdf"
cat >"$TMP/edit.md" <<'W'
---
title: Without the slides
standards: LP7
reach: institution
---
Replace these lines with the story of the activity.

What did you do, and why? Which colleagues took part, and what do they
now do differently? What changed for their learners, and how do you
know: observations, pupils' work, data, what colleagues told you?

In the keys above: standards is a list such as [LP5, LP6]; reach is
colleague, team, institution or beyond; colleagues is a number;
attachments lists files in the portfolio, such as
[attachments/slides.pdf].
W
run ptyrun lp-evidence add --attach "$TMP/slides.pdf" -q </dev/null
is "$rc:$out" "0:" "an edit without the date and the attachment"
run git show --name-only --format=%s HEAD
same_text "the dropped attachment is not copied" <<'W'
evidence: add 2026-01-15-without-the-slides

evidence/2026-01-15-without-the-slides.md
W
cat >"$TMP/want" <<'W'
---
title: Without the slides
standards: [LP7]
reach: institution
date: 2026-01-15
---
(To be written: what was done, with whom, and what changed for colleagues and their learners.)
W
same_file "$TMP/want" evidence/2026-01-15-without-the-slides.md \
    "hints left as they were become the placeholder; a missing date is today"

# ---- edits that are refused ----

cat >"$TMP/edit.md" <<'W'
---
title:
date: 2025-10-02
standards: [LP5]
reach: team
---
I wrote a lot here but forgot the title.
W
unchanged . "no title: nothing changed" ptyrun lp-evidence add </dev/null
path=$(cat "$TMP/path")
is "$rc:$err" "2:lp-evidence: aborting: the item has no title; nothing was written (your text is kept in $path)" \
    "no title: exit 2, and the text is kept"
same_file "$TMP/edit.md" "$path" "the kept file holds the edit"
rm -f "$TMPDIR"/* .git/EVIDENCE_EDITMSG.md

cat >"$TMP/edit.md" <<'W'
---
title: Trust network meeting
date: 2025-10-02
standards: [LP10]
reach: trust
---
Body.
W
unchanged . "an invalid edit: nothing changed" ptyrun lp-evidence add </dev/null
path=$(cat "$TMP/path")
is "$rc:$err" "2:lp-evidence: $path:5: reach: expected colleague, team, institution or beyond, got 'trust'
lp-evidence: the item is kept in $path; once it is fixed, run: lp-evidence add $path" \
    "an invalid edit: the line in the edited file, and how to try again"
sed -i 's/^reach: trust$/reach: beyond/' "$path"
run lp-evidence add -q "$path"
is "$rc:$err" "0:" "the fixed file is added with lp-evidence add FILE"
[ -f evidence/2025-10-02-trust-network-meeting.md ] && ok "and the item is there" || not_ok "and the item is there"
rm -f "$TMPDIR"/* .git/EVIDENCE_EDITMSG.md

printf -- '---\ntitle: T\nwhere:\n  a: b\n---\n' >"$TMP/edit.md"
unchanged . "front matter that does not parse: nothing changed" ptyrun lp-evidence add </dev/null
path=$(cat "$TMP/path")
is "$rc:$err" "2:lp-evidence: $path:4: key 'where': expected a value or a list of values, found a nested mapping
lp-evidence: the item is kept in $path; once it is fixed, run: lp-evidence add $path" \
    "front matter that does not parse: the line, and the file kept"
rm -f "$TMPDIR"/* .git/EVIDENCE_EDITMSG.md

cp "$TMP/want" "$TMP/edit.md"
unchanged . "a failing editor: nothing changed" env ED_RC=3 ptyrun lp-evidence add </dev/null
is "$rc:$err" "2:lp-evidence: the editor '$EDITOR' exited with status 3; nothing was written" "a failing editor: exit 2"
run ls "$TMPDIR"
is "$out" "" "a failing editor: no temporary file left"

# ---- which editor ----

printf -- '---\ntitle: Picked by VISUAL\nstandards: [LP1]\nreach: colleague\n---\nB.\n' >"$TMP/edit.md"
run env VISUAL="$TMP/ed.sh --flag" EDITOR=false ptyrun lp-evidence add -q </dev/null
is "$rc:$(cat "$TMP/flag" 2>/dev/null)" "0:flag" "VISUAL wins over EDITOR, and may hold arguments"
unset EDITOR
mkdir "$TMP/bin"
ln -s "$TMP/ed.sh" "$TMP/bin/vi"
printf -- '---\ntitle: Picked by default\nstandards: [LP1]\nreach: colleague\n---\nB.\n' >"$TMP/edit.md"
run env PATH="$TMP/bin:$PATH" ptyrun lp-evidence add -q </dev/null
is "$rc" 0 "with neither set: vi"
[ -f evidence/2026-01-15-picked-by-default.md ] && ok "vi's edit was added" || not_ok "vi's edit was added"

# Standard output not a terminal: no editor, a usage error.
export EDITOR="$TMP/ed.sh"
run lp-evidence add </dev/null
is "$rc" 2 "not on a terminal: no editor"

done_testing
