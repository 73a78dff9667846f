#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-evidence add: from options, from a whole item file; names, copies,
# commits, and refusals that change nothing.

# A portfolio in its own git repository.
newportfolio() {
	mkportfolio "$1" "$2" "$3" 2025-09-01
	git -C "$1" init -q && git -C "$1" add -A && git -C "$1" commit -qm start
}
newportfolio ada ada 'Ada Lovelace'
cd ada

printf 'slides\n' >"$TMP/phonics-slides.pdf"
printf 'What we did.\r\nWhat changed.\r\n' >"$TMP/body.md"

# ---- a full item ----

run lp-evidence add --title 'Phonics twilight for the KS1 team' \
    --date 2025-03-12 --standards 'lp7, LP5 LP6,LP5' --reach Institution \
    --type training --colleagues 012 --where 'across the trust' \
    --attach "$TMP/phonics-slides.pdf" "$TMP/body.md"
is_rc 0 "add with every option"
is "$err" "" "add: nothing on stderr"
same_text "add prints the new item as a row" <<'W'
id,date,title,file
2025-03-12-phonics-twilight-for-the-ks1-team,2025-03-12,Phonics twilight for the KS1 team,evidence/2025-03-12-phonics-twilight-for-the-ks1-team.md
W
cat >"$TMP/want" <<'W'
---
title: Phonics twilight for the KS1 team
date: 2025-03-12
standards: [LP5, LP6, LP7]
reach: institution
type: training
colleagues: 12
where: across the trust
attachments: [attachments/phonics-slides.pdf]
---
What we did.
What changed.
W
same_file "$TMP/want" evidence/2025-03-12-phonics-twilight-for-the-ks1-team.md \
    "the item: canonical keys in order, the body with LF line ends"
same_file "$TMP/phonics-slides.pdf" attachments/phonics-slides.pdf "the attachment is copied"
run git show --stat --format=%s HEAD
same_text "one commit: the message and exactly the item and its attachment" <<'W'
evidence: add 2025-03-12-phonics-twilight-for-the-ks1-team

 attachments/phonics-slides.pdf                           |  1 +
 evidence/2025-03-12-phonics-twilight-for-the-ks1-team.md | 12 ++++++++++++
 2 files changed, 13 insertions(+)
W
run git status --porcelain
is "$out" "" "nothing left uncommitted"
run lp-evidence check
is "$rc:$err" "0:" "what add writes, check accepts"

# ---- names ----

run lp-evidence add --title 'Phonics twilight for the KS1 team' --date 2025-03-12 \
    --standards LP1 --reach team --attach "$TMP/phonics-slides.pdf" \
    --attach "$TMP/phonics-slides.pdf" -o tsv
is_rc 0 "the same title on the same day"
same_text "it gets -2, and -o tsv applies" <<'W'
id	date	title	file
2025-03-12-phonics-twilight-for-the-ks1-team-2	2025-03-12	Phonics twilight for the KS1 team	evidence/2025-03-12-phonics-twilight-for-the-ks1-team-2.md
W
run sed -n 6p evidence/2025-03-12-phonics-twilight-for-the-ks1-team-2.md
is "$out" "attachments: [attachments/phonics-slides-2.pdf, attachments/phonics-slides-3.pdf]" \
    "a taken attachment name gets -2, -3 before the extension"
[ -f attachments/phonics-slides-2.pdf ] && [ -f attachments/phonics-slides-3.pdf ] &&
    ok "both copies are there" || not_ok "both copies are there"

printf 'notes\n' >"$TMP/NOTES"
mkdir "$TMP/b" && printf 'other\n' >"$TMP/b/NOTES"
run lp-evidence add --title 'Notes' --standards LP1 --reach team -q \
    --attach "$TMP/NOTES" --attach "$TMP/b/NOTES"
is "$rc:$out" "0:" "-q: nothing printed"
run sed -n 6p evidence/2026-01-15-notes.md
is "$out" "attachments: [attachments/NOTES, attachments/NOTES-2]" "a name without an extension gets -2 at the end"
is "$(cat attachments/NOTES-2)" other "each copy has its own file's bytes"

run lp-evidence add --title 'Slides again' --standards LP1 --reach team -q \
    --attach attachments/phonics-slides.pdf --attach ./attachments/NOTES
run sed -n 6p evidence/2026-01-15-slides-again.md
is "$out" "attachments: [attachments/phonics-slides.pdf, attachments/NOTES]" \
    "a file already in the portfolio is listed where it is"
run git show --name-only --format=%s HEAD
same_text "and not copied again" <<'W'
evidence: add 2026-01-15-slides-again

evidence/2026-01-15-slides-again.md
W

slug() {
	run lp-evidence add --title "$1" --standards LP1 --reach team --no-commit -o tsv
	printf '%s\n' "$out" | sed -n '2s/\t.*//p'
	git clean -qfd evidence
}
is "$(slug 'Café culture: a—b')" "2026-01-15-caf-culture-a-b" "slug: letters outside ASCII left out, punctuation a dash"
is "$(slug '  --Hello,   World!--  ')" "2026-01-15-hello-world" "slug: runs of other characters one dash, trimmed"
is "$(slug '???')" "2026-01-15-item" "slug: nothing left is 'item'"
is "$(slug 'Ωμέγα')" "2026-01-15-item" "slug: no ASCII at all is 'item'"
is "$(slug 'Developing a whole-school approach to retrieval practice across every key stage')" \
    "2026-01-15-developing-a-whole-school-approach-to-retrieval" "slug: at most 50 characters, cut at a dash"
is "$(slug 'Abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefgh')" \
    "2026-01-15-abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwx" "slug: a long word is cut at 50"
git clean -qfd evidence

# ---- bodies ----

printf 'From standard input, no newline' |
    lp-evidence add --title 'Stdin body' --standards LP2 --reach colleague -q -
run tail -n 1 evidence/2026-01-15-stdin-body.md
is "$out" "From standard input, no newline" "the body from standard input"
is "$(tail -c 1 evidence/2026-01-15-stdin-body.md | od -An -c | tr -d ' ')" '\n' "a body always ends with a newline"
run lp-evidence add --title 'No body' --standards LP2 --reach colleague -q
run sed -n '6,$p' evidence/2026-01-15-no-body.md
same_text "without a body: the placeholder" <<'W'
---
(To be written: what was done, with whom, and what changed for colleagues and their learners.)
W

# ---- outside git, and --no-commit ----

cd "$TMP"
mkportfolio plain plain Plain 2025-09-01
run lp-evidence add -C plain --title 'Outside git' --standards LP3 --reach beyond -q
is "$rc:$err" "0:" "add outside a git work tree"
[ -f plain/evidence/2026-01-15-outside-git.md ] && ok "the file is written" || not_ok "the file is written"
[ ! -e plain/.git ] && ok "no repository is made" || not_ok "no repository is made"
cd ada
head=$(git rev-parse HEAD)
run lp-evidence add --title 'Not yet' --standards LP3 --reach team --no-commit -q
is "$rc:$(git rev-parse HEAD)" "0:$head" "--no-commit: no commit"
run git status --porcelain
is "$out" "?? evidence/2026-01-15-not-yet.md" "--no-commit: the file is written"
rm evidence/2026-01-15-not-yet.md

# ---- two writers at once: both succeed, one after the other ----

git commit -qm . --allow-empty
lp-evidence add --title 'At once' --standards LP4 --reach team -q 2>"$TMP/e1" &
lp-evidence add --title 'At once' --standards LP4 --reach team -q 2>"$TMP/e2" &
wait
is "$(cat "$TMP/e1" "$TMP/e2")" "" "two adds at once: no errors"
run git log -2 --format=%s
is "$(printf '%s\n' "$out" | sort | tr '\n' ' ')" \
    "evidence: add 2026-01-15-at-once evidence: add 2026-01-15-at-once-2 " "two adds at once: two items, two commits"
run git status --porcelain
is "$out" "" "two adds at once: nothing left over"

# ---- refusals: exit 2, a message, nothing changed ----

refuse() {	# refuse NAME WANT-ERR ARGS...
	_n=$1 _w=$2; shift 2
	unchanged . "$_n: nothing changed" lp-evidence "$@"
	is "$rc:$err" "2:$_w" "$_n: exit 2 and the message"
}
refuse 'unknown standard' "lp-evidence: --standards: expected LP1..LP10, got 'LP11'" \
    add --title T --standards LP5,LP11 --reach team
refuse 'unknown reach' "lp-evidence: --reach: expected colleague, team, institution or beyond, got 'school'" \
    add --title T --standards LP5 --reach school
refuse 'impossible date' "lp-evidence: --date: expected a date YYYY-MM-DD, got '2025-02-30'" \
    add --title T --standards LP5 --reach team --date 2025-02-30
refuse 'colleagues not a count' "lp-evidence: --colleagues: expected a count (a whole number), got 'twelve'" \
    add --title T --standards LP5 --reach team --colleagues twelve
refuse 'empty title' "lp-evidence: --title: missing: expected what the activity was" \
    add --title '  ' --standards LP5 --reach team
refuse 'title of two lines' "lp-evidence: --title: expected one line of text" \
    add --title "$(printf 'a\nb')" --standards LP5 --reach team
refuse 'no standards' "lp-evidence: --standards: missing: expected one or more of LP1..LP10" \
    add --title T --reach team
refuse 'no reach' "lp-evidence: --reach: missing: expected colleague, team, institution or beyond" \
    add --title T --standards LP5
refuse 'title not UTF-8' "lp-evidence: --title: expected UTF-8 text" \
    add --title "$(printf 'caf\351')" --standards LP5 --reach team
refuse 'missing attachment' "lp-evidence: --attach: cannot read '$TMP/nope.pdf': No such file or directory" \
    add --title T --standards LP5 --reach team --attach "$TMP/nope.pdf"
refuse 'attachment a directory' "lp-evidence: --attach: '$TMP/b' is not a file" \
    add --title T --standards LP5 --reach team --attach "$TMP/b"
printf 'caf\351\n' >"$TMP/latin1.md"
refuse 'body not UTF-8' "lp-evidence: $TMP/latin1.md:1: invalid UTF-8: expected UTF-8 text" \
    add --title T --standards LP5 --reach team "$TMP/latin1.md"
printf 'one\ntwo\0three\n' >"$TMP/nul.md"
refuse 'body with a NUL byte' "lp-evidence: $TMP/nul.md:2: NUL byte: expected text" \
    add --title T --standards LP5 --reach team "$TMP/nul.md"
refuse 'missing body file' "lp-evidence: $TMP/nope.md: no such file" \
    add --title T --standards LP5 --reach team "$TMP/nope.md"
unchanged . 'unknown option: nothing changed' lp-evidence add --title T --standards LP5 --reach team --colour red
is "$rc:$(printf '%s\n' "$err" | head -1)" "2:lp-evidence: --colour: unknown option" "unknown option: exit 2"
like "$err" "^usage: lp-evidence add" "unknown option: the usage follows"
unchanged . 'an option of another command' lp-evidence add --title T --standards LP5 --reach team --dry-run
is "$rc:$(printf '%s\n' "$err" | head -1)" "2:lp-evidence: --dry-run does not apply to add (it is for import)" "--dry-run is import's"
unchanged . '--at cannot write' lp-evidence add --title T --standards LP5 --reach team --at HEAD
is "$rc:$(printf '%s\n' "$err" | head -1)" "2:lp-evidence: --at does not apply to add (it is for list, show, check, matrix)" "--at with add"
refuse 'no title off a terminal' "lp-evidence: add: --title is needed (or run it on a terminal to write the item in an editor)
$(lp-evidence add --help | sed -n '/^$/q;p')" add --standards LP5 --reach team </dev/null
run lp-evidence add -C "$TMP" --title T --standards LP5 --reach team
is "$rc:$err" "2:lp-evidence: no portfolio found in $TMP (nor in a directory above it holding portfolio.md; use -C DIR)" \
    "not in a portfolio"
run lp-evidence frobnicate
is "$rc:$(printf '%s\n' "$err" | head -1)" "2:lp-evidence: unknown command 'frobnicate' (expected add, import, list, show, check, matrix)" "an unknown command"
run lp-evidence
is "$rc:$(printf '%s\n' "$err" | head -1)" "2:lp-evidence: expected a command: add, import, list, show, check, matrix" "no command"

# evidence/ must be the portfolio's own directory.
mkdir "$TMP/elsewhere" && mv evidence "$TMP/moved" && ln -s "$TMP/elsewhere" evidence
unchanged . 'evidence/ a symbolic link: nothing changed' lp-evidence add --title T --standards LP5 --reach team
is "$rc:$err" "2:lp-evidence: evidence: expected a directory inside the portfolio, not a symbolic link" \
    "evidence/ a symbolic link: refused"
is "$(ls "$TMP/elsewhere")" "" "nothing was written through the link"
rm evidence && mv "$TMP/moved" evidence

# A commit that cannot be made takes the files back.
: >.git/index.lock
unchanged . 'a failed commit leaves nothing behind' \
    lp-evidence add --title 'Locked out' --standards LP5 --reach team --attach "$TMP/NOTES"
is "$rc" 2 "a failed commit: exit 2"
like "$err" "nothing was added" "a failed commit: says nothing was added"
[ ! -e attachments/NOTES-3 ] && [ ! -e evidence/2026-01-15-locked-out.md ] &&
    ok "no copy and no item left" || not_ok "no copy and no item left"
rm .git/index.lock

# ---- add ITEM.md: a whole item from a file ----

cat >"$TMP/item.md" <<'W'
---
title: Coaching a new colleague on questioning
phase: deliver
date: 2025-11-20
standards: lp8, LP1
reach: Colleague
mood: [good, better]
colleagues: 1
---
Weekly coaching over a half term.

## Impact
She now plans hinge questions.
W
run lp-evidence add "$TMP/item.md"
is_rc 0 "add ITEM.md"
cat >"$TMP/want" <<'W'
---
title: Coaching a new colleague on questioning
phase: deliver
date: 2025-11-20
standards: [LP1, LP8]
reach: colleague
mood: [good, better]
colleagues: 1
---
Weekly coaching over a half term.

## Impact
She now plans hinge questions.
W
same_file "$TMP/want" evidence/2025-11-20-coaching-a-new-colleague-on-questioning.md \
    "ITEM.md: unknown keys kept in place, known ones made canonical, the body kept"
run git show --format=%s --name-only HEAD
same_text "ITEM.md: committed" <<'W'
evidence: add 2025-11-20-coaching-a-new-colleague-on-questioning

evidence/2025-11-20-coaching-a-new-colleague-on-questioning.md
W
run lp-evidence add --no-commit - <"$TMP/item.md"
is "$rc" 0 "add - reads the item from standard input"
git clean -qfd evidence

printf 'Just a narrative\n' >"$TMP/plain.md"
refuse 'a file that is not an item' "lp-evidence: add: without --title, $TMP/plain.md must be a whole item beginning with a '---' line" \
    add "$TMP/plain.md"

ln -s /etc attachments/etc
git add attachments/etc && git commit -qm link
bad() {	# bad NAME WANT-ERR (the item on stdin)
	cat >"$TMP/bad.md"
	refuse "ITEM.md: $1" "lp-evidence: $TMP/bad.md:$2" add "$TMP/bad.md"
}
bad 'not a flat mapping' "4: key 'where': expected a value or a list of values, found a nested mapping" <<'W'
---
title: T
where:
  room: 12
standards: [LP1]
reach: team
---
W
bad 'tab in indentation' "4: tab in indentation: expected spaces" <<'W'
---
title: T
standards:
	- LP1
reach: team
---
W
bad 'unterminated front matter' "1: unterminated front matter: expected a '---' or '...' line to close it" <<'W'
---
title: T
standards: [LP1]
reach: team
W
bad 'missing standards' "1: standards: missing: expected one or more of LP1..LP10" <<'W'
---
title: T
reach: team
---
W
bad 'impossible date' "3: date: expected a date YYYY-MM-DD, got '2025-02-30'" <<'W'
---
title: T
date: 2025-02-30
standards: [LP1]
reach: team
---
W
bad 'unknown standard' "3: standards: expected LP1..LP10, got 'LP11'" <<'W'
---
title: T
standards: [LP1, LP11]
reach: team
---
W
bad 'unknown reach' "4: reach: expected colleague, team, institution or beyond, got 'school'" <<'W'
---
title: T
standards: [LP1]
reach: school
---
W
printf -- '---\ntitle: T\nstandards: [LP1]\nreach: team\nwhere: caf\351\n---\n' >"$TMP/in"
bad 'a byte that is not UTF-8' "5: invalid UTF-8: expected UTF-8 text" <"$TMP/in"
printf -- '---\ntitle: T\nstandards: [LP1]\nreach: team\n---\nbody\0\n' >"$TMP/in"
bad 'a NUL byte' "6: NUL byte: expected text" <"$TMP/in"
bad 'an absolute attachment' "5: attachments: '/etc/passwd' is an absolute path: expected a path inside the portfolio, such as attachments/slides.pdf" <<'W'
---
title: T
standards: [LP1]
reach: team
attachments: [/etc/passwd]
---
W
bad 'an attachment climbing out' "5: attachments: 'attachments/../../x' climbs out with '..': expected a path inside the portfolio, such as attachments/slides.pdf" <<'W'
---
title: T
standards: [LP1]
reach: team
attachments: [attachments/../../x]
---
W
bad 'an attachment through a symbolic link to outside' "5: attachments: 'attachments/etc/passwd' leads outside the portfolio through a symbolic link" <<'W'
---
title: T
standards: [LP1]
reach: team
attachments: [attachments/etc/passwd]
---
W
bad 'a missing attachment' "5: attachments: 'attachments/nope.pdf': no such file in the portfolio (copy it into attachments/ first)" <<'W'
---
title: T
standards: [LP1]
reach: team
attachments: [attachments/nope.pdf]
---
W
cat >"$TMP/bad.md" <<'W'
---
title: T
standards: [LP11]
reach: school
date: 2025-13-01
---
W
unchanged . 'several problems: nothing changed' lp-evidence add "$TMP/bad.md"
is "$err" "lp-evidence: $TMP/bad.md:5: date: expected a date YYYY-MM-DD, got '2025-13-01'
lp-evidence: $TMP/bad.md:3: standards: expected LP1..LP10, got 'LP11'
lp-evidence: $TMP/bad.md:4: reach: expected colleague, team, institution or beyond, got 'school'" \
    "several problems: each reported, with its line"

done_testing
