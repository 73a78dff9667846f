#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Evidence as people keep it (issue 12, SPEC 2.1 and 5.3): names with
# accents and other scripts, --slug, items filed in subdirectories with a
# README beside them, where and attachments in list and show, and an
# editor flow that behaves like git commit's.

mkportfolio ada ada 'Ada Lovelace' 2025-09-01
mkdir ada/attachments && printf 'pdf\n' >ada/attachments/slides.pdf
git -C ada init -q && git -C ada add -A && git -C ada commit -qm start
cd ada

# ---- slugs ----

add() {	# add TITLE [OPTIONS...]: the new item's id
	_t=$1; shift
	run lp-evidence add -o tsv --title "$_t" --standards LP1 --reach team --date 2025-10-01 "$@"
	printf '%s\n' "$out" | sed -n '2s/\t.*//p'
}
is "$(add 'Café with Siân & Łukasz')" "2025-10-01-cafe-with-sian-lukasz" "accents and Ł transliterated"
is "$(add 'Συνάντηση ομάδας')" "2025-10-01-synantisi-omadas" "Greek spelt in Latin letters"
is "$(add 'Встреча команды')" "2025-10-01-vstrecha-komandy" "Cyrillic spelt in Latin letters"
is "$(add '🎉')" "2025-10-01-party" "an emoji-only title: named from the emoji"
is "$(add '🦄✨')" "2025-10-01-u1f984-u2728" "unknown emoji: their code points, still told apart"
is "$(add '中文 会议')" "2025-10-01-u4e2d-u6587-u4f1a" "a script without a table: code points, never 'item'"
is "$(add 'Straße, Ærø & naïve façade')" "2025-10-01-strasse-aero-naive-facade" "ß, Æ, ø, ï, ç"
is "$(add 'Twilight' --slug phonics-twilight)" "2025-10-01-phonics-twilight" "--slug sets the slug"
[ -f evidence/2025-10-01-phonics-twilight.md ] && ok "--slug: the file is named by it" || not_ok "--slug: the file"
is "$(add 'Twilight again' --slug phonics-twilight)" "2025-10-01-phonics-twilight-2" "--slug taken: -2, as for a title"
for bad in 'Phonics' 'a--b' '-a' 'a b' 'é' ''; do
	unchanged . "--slug '$bad': nothing changed" \
	    lp-evidence add --title T --standards LP1 --reach team --slug "$bad"
	is "$rc:$err" "2:lp-evidence: --slug: expected lower-case letters, digits and single dashes (at most 50), got '$bad'" \
	    "--slug '$bad': refused, exit 2"
done

# ---- subdirectories of evidence/ ----

mkdir -p evidence/2024/autumn
mkevidence . 2024-10-01-old-network 'Old network' 2024-10-01 LP7 beyond 'where: national conference' \
    'attachments: [attachments/slides.pdf]'
mv evidence/2024-10-01-old-network.md evidence/2024/autumn/
printf '# Evidence from 2024\n\nThese are last year'"'"'s items.\n' >evidence/2024/README.md
printf '# Our evidence\n' >evidence/README.md
run lp-evidence list -o csv --until 2024-12-31
is "$rc:$err" "0:" "items in subdirectories are read; README.md is skipped, not an error"
same_text "list: where and attachments columns" <<'W'
portfolio,id,date,title,standards,reach,type,colleagues,where,attachments
ada,2024-10-01-old-network,2024-10-01,Old network,LP7,beyond,,,national conference,attachments/slides.pdf
W
run lp-evidence check
is "$rc:$err" "0:" "check: a README.md in evidence/ is not a finding"
run lp-evidence show 2024-10-01-old-network
like "$out" "^title: Old network$" "show finds an item in a subdirectory"
run lp-evidence show evidence/2024/autumn/2024-10-01-old-network.md
is "$rc" 0 "show takes its path too"
run lp-evidence show -o json 2024-10-01-old
same_text "show -o json: where and attachments" <<'W'
[
{"portfolio":"ada","id":"2024-10-01-old-network","date":"2024-10-01","title":"Old network","standards":["LP7"],"reach":"beyond","type":null,"colleagues":null,"where":"national conference","attachments":["attachments/slides.pdf"],"body":"What happened with Old network.\n"}
]
W
run lp-evidence matrix -o csv
like "$out" "^LP7,0,0,0,1,1," "matrix counts an item in a subdirectory"
run lp-evidence add -o tsv --no-commit --title 'Old network' --date 2024-10-01 --standards LP7 --reach beyond
is "$(printf '%s\n' "$out" | sed -n '2s/\t.*//p')" 2024-10-01-old-network-2 \
    "a new item does not take the id of one filed in a subdirectory"
rm -f evidence/2024-10-01-old-network-2.md
git add -A && git commit -qm filed

# ---- the editor ----

cat >"$TMP/ed.sh" <<'S'
#!/bin/sh
printf '%s\n' "$1" >"$TMP_/path"
case ${ED_DO:-write} in
empty) : >"$1" ;;
blank) printf '\n  \n\n' >"$1" ;;
same) ;;
write) cp "$TMP_/edit.md" "$1" ;;
esac
S
chmod +x "$TMP/ed.sh"
export TMP_="$TMP" EDITOR="$TMP/ed.sh" TMPDIR="$TMP/tmp"
mkdir "$TMPDIR"
kept=.git/EVIDENCE_EDITMSG.md

for how in empty blank same; do
	unchanged . "editor, $how buffer: nothing changed" env ED_DO=$how ptyrun lp-evidence add </dev/null
	is "$rc:$err" "1:lp-evidence: aborting: the evidence item is empty" "editor, $how buffer: aborts like git commit, exit 1"
	[ -e "$kept" ] && not_ok "editor, $how buffer: the file is removed" || ok "editor, $how buffer: the file is removed"
done
like "$(cat "$TMP/path")" "/ada/\\.git/EVIDENCE_EDITMSG\\.md$" "the item is edited in the portfolio's git directory"
is "$(ls "$TMPDIR")" "" "nothing is left in TMPDIR"

cat >"$TMP/edit.md" <<'W'
---
title: Moderation day
standards: [LP4]
reach: trust
---
Three paragraphs I do not want to type again.
W
unchanged . "a failed check: nothing changed" ptyrun lp-evidence add </dev/null
is "$rc:$(printf '%s\n' "$err" | tail -1)" \
    "2:lp-evidence: the item is kept in $(cat "$TMP/path"); once it is fixed, run: lp-evidence add $(cat "$TMP/path")" \
    "a failed check: exit 2, the path of the kept text printed"
same_file "$TMP/edit.md" "$kept" "the text is kept where it was edited"
is "$(git status --porcelain)" "" "the kept text is not in the work tree"

# Running add again opens the kept text, not a new template.
sed 's/^reach: trust$/reach: beyond/' "$TMP/edit.md" >"$TMP/fixed.md"
cat >"$TMP/ed2.sh" <<'S'
#!/bin/sh
cp "$1" "$TMP_/seen.md"
cp "$TMP_/fixed.md" "$1"
S
chmod +x "$TMP/ed2.sh"
run env EDITOR="$TMP/ed2.sh" ptyrun lp-evidence add </dev/null
is "$rc" 0 "add again: the kept item, fixed, is saved"
same_file "$TMP/edit.md" "$TMP/seen.md" "add again: the editor is given the kept text"
like "$err" "EVIDENCE_EDITMSG.md: the item kept from an earlier attempt is opened again" "add again: and says so"
[ -e "$kept" ] && not_ok "saved: the kept file is removed" || ok "saved: the kept file is removed"
[ -f evidence/2026-01-15-moderation-day.md ] && ok "saved: the item is there" || not_ok "saved: the item is there"

# Fixed by hand and added as a file: removed too.
unchanged . "a failed check again" ptyrun lp-evidence add </dev/null
sed -i 's/^reach: trust$/reach: team/; s/^title: .*/title: Moderation day two/' "$kept"
run lp-evidence add -q "$kept"
is "$rc:$err" "0:" "lp-evidence add PATH adds the fixed item"
[ -e "$kept" ] && not_ok "lp-evidence add PATH: the kept file is removed" || ok "lp-evidence add PATH: the kept file is removed"

# Outside git: a hidden file at the root, never /tmp.
cd "$TMP"
mkportfolio plain plain 'Plain' 2025-09-01
cd plain
run env ED_DO=same ptyrun lp-evidence add </dev/null
is "$rc" 1 "outside git: an untouched template aborts"
like "$(cat "$TMP/path")" "(^|/plain/)\\.EVIDENCE_EDITMSG\\.md$" "outside git: edited in a hidden file at the root"
is "$(ls -A "$TMPDIR")" "" "outside git: nothing in TMPDIR"

done_testing
