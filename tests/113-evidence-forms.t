#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-evidence import of a form's export (issue 13, SPEC 5.3): the files
# below are written by hand the way Microsoft Forms (through Excel) and
# Google Forms lay theirs out: a header of questions, columns of the
# form's own, a byte order mark, CRLF, answers over several lines,
# spreadsheet dates, and Excel's trailing rows of commas.

mkportfolio ada ada 'Ada Lovelace' 2025-09-01
git -C ada init -q && git -C ada add -A && git -C ada commit -qm start
cd ada

# Microsoft Forms, opened in Excel (US) and saved as CSV UTF-8.
printf '\357\273\277' >"$TMP/ms.csv"
tr '\n' '\001' <<'W' | sed 's/\x01/\r\n/g; s/~NL~/\n/g' >>"$TMP/ms.csv"
ID,Start time,Completion time,Email,Name,Title of the activity,Date of the activity,Which standards does it show?,How far did it reach?,What happened?
1,12/2/2026 14:05:00,12/2/2026 14:09:31,ada@school.example,Ada Lovelace,Phonics twilight,12/2/2026,LP5;LP6;,Institution,"We ran a twilight on phonics.~NL~~NL~Twelve colleagues came, and the Year 1 team changed its plans."
2,12/3/2026 09:00:12,12/3/2026 09:02:40,ada@school.example,Ada Lovelace,"Coaching Sam, week 1",11/28/2026,LP8;,Colleague,"Coaching, with ""quotes""."
,,,,,,,,,
,,,,,,,,,
W
MAP='Title of the activity=title,Date of the activity=date,Which standards does it show?=standards'
MAP2='How far did it reach?=reach,What happened?=body'

run lp-evidence import --dry-run --map "$MAP" --map "$MAP2" --ignore-unknown --date-format mdy "$TMP/ms.csv"
is "$rc:$err" "0:" "Microsoft Forms: BOM, CRLF, multi-line answers, trailing ,,, rows"
same_text "the items it would make" <<'W'
id,date,title,file
2026-12-02-phonics-twilight,2026-12-02,Phonics twilight,evidence/2026-12-02-phonics-twilight.md
2026-11-28-coaching-sam-week-1,2026-11-28,"Coaching Sam, week 1",evidence/2026-11-28-coaching-sam-week-1.md
W

# Without --date-format: the row is named, and the option suggested.
unchanged . "a spreadsheet's date without --date-format: nothing changed" \
    lp-evidence import --map "$MAP" --map "$MAP2" --ignore-unknown "$TMP/ms.csv"
is "$rc:$err" "2:lp-evidence: $TMP/ms.csv:2: date: '12/2/2026' looks like a spreadsheet's date: give --date-format dmy (day first, 02/12/2026 is 2 December) or mdy (month first)
lp-evidence: $TMP/ms.csv:5: date: '11/28/2026' looks like a spreadsheet's date: give --date-format dmy (day first, 02/12/2026 is 2 December) or mdy (month first)" \
    "a spreadsheet's date: an error per row, naming it and the option"

# The wrong order: 28 is no month.
unchanged . "--date-format dmy on month-first dates: nothing changed" \
    lp-evidence import --map "$MAP" --map "$MAP2" --ignore-unknown --date-format dmy "$TMP/ms.csv"
is "$rc:$err" "2:lp-evidence: $TMP/ms.csv:5: date: expected DD/MM/YYYY (--date-format dmy), got '11/28/2026'" \
    "--date-format dmy on a month-first date: refused, the row named"

# Without --ignore-unknown: the form's own columns are named, with the way out.
unchanged . "a form's own columns: nothing changed" \
    lp-evidence import --map "$MAP" --map "$MAP2" --date-format mdy "$TMP/ms.csv"
is "$rc:$(printf '%s\n' "$err" | head -1)" "2:lp-evidence: $TMP/ms.csv:1: unknown column 'ID': expected title, date, standards, reach, type, colleagues, where, attachments or body (--map renames a column, --ignore or --ignore-unknown drops it)" \
    "a form's own columns: named, and how to drop them"
run lp-evidence import --dry-run --map "$MAP" --map "$MAP2" --date-format mdy \
    --ignore ID --ignore 'Start time' --ignore 'Completion time' --ignore Email --ignore Name "$TMP/ms.csv"
is "$rc" 0 "--ignore, repeated, drops them one by one"

# The import itself: one commit.
run lp-evidence import --map "$MAP" --map "$MAP2" --ignore-unknown --date-format mdy "$TMP/ms.csv"
is "$rc" 0 "Microsoft Forms: imported"
is "$(git log --format=%s -1)" "evidence: import 2 items" "in one commit"
cat >"$TMP/want" <<'W'
---
title: Phonics twilight
date: 2026-12-02
standards: [LP5, LP6]
reach: institution
---
We ran a twilight on phonics.

Twelve colleagues came, and the Year 1 team changed its plans.
W
same_file "$TMP/want" evidence/2026-12-02-phonics-twilight.md "the item: canonical keys, the answer as its body"

# Google Forms (UK locale): a timestamp, dd/mm/yyyy dates, a date-time
# answer, no BOM, LF, standards as a comma list.
cat >"$TMP/google.csv" <<'W'
Timestamp,Email address,Title,When was it?,Standards,Reach,Where,Tell us about it
02/12/2026 14:05:00,ada@school.example,Trust network,01/12/2026 16:30:00,"LP7, LP10",Beyond,across the trust,"Met the trust's English leads.
We agreed a shared assessment."
03/12/2026 08:00:00,ada@school.example,Reading club,30/11/2026,LP1,Team,,
W
GMAP='Title=title,When was it?=date,Standards=standards,Reach=reach,Where=where,Tell us about it=body'
run lp-evidence import -o tsv --map "$GMAP" --ignore Timestamp --ignore 'Email address' --date-format dmy "$TMP/google.csv"
is "$rc:$err" "0:" "Google Forms: imported"
is "$(printf '%s\n' "$out" | cut -f1,2 | sed 1d | tr '\n' ' ')" \
    "2026-12-01-trust-network	2026-12-01 2026-11-30-reading-club	2026-11-30 " \
    "a date-time keeps its date; day first"
like "$(cat evidence/2026-12-01-trust-network.md)" "^where: across the trust$" "a mapped optional key"

# An ISO date-time needs no option.
printf 'title,date,standards,reach\nT,2026-12-02T14:05:00Z,LP1,team\n' >"$TMP/iso.csv"
run lp-evidence import --dry-run -o tsv "$TMP/iso.csv"
is "$(printf '%s\n' "$out" | sed -n 2p | cut -f2)" 2026-12-02 "an ISO date-time keeps its date"

# Excel's trailing rows in a plain import.
printf 'title,standards,reach\r\nA,LP1,team\r\n,,\r\n,,\r\n' >"$TMP/blank.csv"
run lp-evidence import --dry-run -o tsv "$TMP/blank.csv"
is "$rc:$(printf '%s\n' "$out" | sed 1d | wc -l)" "0:1" "blank ,,, rows are ignored"

# Mistakes in the options.
unchanged . "--map to no key: nothing changed" lp-evidence import --map 'Title=name' "$TMP/ms.csv"
is "$rc:$err" "2:lp-evidence: --map: 'Title=name': expected 'Column=key' with a key of title, date, standards, reach, type, colleagues, where, attachments or body" \
    "--map to no key: refused"
unchanged . "--map without =: nothing changed" lp-evidence import --map 'Title' "$TMP/ms.csv"
is "$rc:$err" "2:lp-evidence: --map: expected 'Column=key', got 'Title'" "--map without =: refused"
run lp-evidence import --dry-run -o tsv --map 'Where, if anywhere=where,T=title' --ignore-unknown - <<'W'
T,"Where, if anywhere",standards,reach
X,the trust,LP1,team
W
is "$rc" 0 "--map: a column name with a comma is taken whole"
unchanged . "--date-format ymd: nothing changed" lp-evidence import --date-format ymd "$TMP/iso.csv"
is "$rc:$err" "2:lp-evidence: --date-format: expected dmy, mdy or iso, got 'ymd'" "--date-format: a bad order"
run lp-evidence list --date-format dmy
is "$rc:$(printf '%s\n' "$err" | head -1)" "2:lp-evidence: --date-format does not apply to list (it is for import)" \
    "--date-format is import's"

done_testing
