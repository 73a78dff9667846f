#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-report render: any rows (CSV, JSON, JSON Lines) as aligned text, a
# Markdown table or an HTML page; every other lp format too.
. "$TESTS_DIR/report-lib.sh"

printf 'id,note,n\nx1,"a|b",3\nx2,"two\nlines",-4\nx3,*stars* and [l](u),\n' >rows.csv

run_in rows.csv lp-report render
is_rc 0 "render: exit 0"
same_text "default: an aligned table (numbers to the right), also when not on a terminal" <<'W'
id  note                 n
x1  a|b                  3
x2  two lines           -4
x3  *stars* and [l](u)
W

run_in rows.csv lp-report render -o md --title 'Notes | all'
same_text "md: a pipe table, | and Markdown escaped, line breaks as spaces" <<'W'
# Notes \| all

| id | note | n |
| --- | --- | --- |
| x1 | a\|b | 3 |
| x2 | two lines | -4 |
| x3 | \*stars\* and \[l\](u) |  |
W

run_in rows.csv lp-report render -o html --title 'Notes & more'
is_rc 0 "html: exit 0"
printf '%s\n' "$out" >rows.html
htmlcheck rows.html "html: well-formed, nothing that runs or fetches"
like "$out" '<title>Notes &amp; more</title>' "html: the title, escaped"
like "$out" '<h1 id="rows-title">Notes &amp; more</h1>' "html: the heading"
like "$out" '<th scope="col">id</th><th scope="col">note</th><th scope="col" class="n">n</th>' \
	"html: header cells; a numeric column is right-aligned"
like "$out" '<tr><td>x2</td><td>two
lines</td><td class="n">-4</td></tr>' "html: cells as they are, escaped"
like "$out" '3 rows' "html: the count of rows"

run_in rows.csv lp-report render -o json
same_text "json: whole-number columns stay numbers" <<'W'
[
{"id":"x1","note":"a|b","n":3},
{"id":"x2","note":"two\nlines","n":-4},
{"id":"x3","note":"*stars* and [l](u)","n":null}
]
W
run_in rows.csv lp-report render -o tsv
same_text "tsv" <<'W'
id	note	n
x1	a|b	3
x2	two\nlines	-4
x3	*stars* and [l](u)	
W

# JSON Lines whose later objects add columns: earlier rows get empty cells.
printf '{"a":1}\n{"a":2,"b":"new"}\n' >late.jsonl
run_in late.jsonl lp-report render -o csv
same_text "jsonl: columns that appear later are added" <<'W'
a,b
1,
2,new
W

# A round trip: the summary's JSON Lines come back as they went.
mkcohort c
lp-report summary -o jsonl c >s.jsonl
run_in s.jsonl lp-report render -o jsonl
printf '%s\n' "$out" >back.jsonl
same_file s.jsonl back.jsonl "summary -o jsonl | render -o jsonl: the same rows"
lp-report summary c | lp-report render -o md --title Cohort >md.txt
like "$(sed -n 3,4p md.txt)" '^\| id \| name \| school \| cohort \| stage \| commenced \| deadline \| next_window \|' \
	"the pipeline summary | render -o md: an underscore inside a word is left alone"
like "$(cat md.txt)" "\\| b2 \\| O'Neill, Ben \\| Oak School \\|" "... a name with a comma in one cell"

# A file operand, and - for standard input.
run lp-report render rows.csv
like "$out" '^id  note' "a file operand"
run_in rows.csv lp-report render -
like "$out" '^id  note' "- is standard input"

# Empty input: nothing, exit 0; a header alone: the header.
: >empty.csv
run_in empty.csv lp-report render
is "$rc:$out" "0:" "empty input: nothing, exit 0"
printf 'a,b\n' >head.csv
run_in head.csv lp-report render -o md
same_text "a header and no rows" <<'W'
| a | b |
| --- | --- |
W

# Malformed input: its line named, nothing written, exit 2.
printf 'a,b\n1,2\n3,4,5\n' >ragged.csv
run_in ragged.csv lp-report render -o html
is_rc 2 "a ragged row: exit 2"
is "$out" "" "... nothing written"
like "$err" '<stdin>:3: ' "... the line named"
printf '[{"a":1},\n' >broken.json
run_in broken.json lp-report render
is_rc 2 "broken JSON: exit 2"
run lp-report render nosuch.csv
is_rc 2 "a missing file: exit 2"
like "$err" 'nosuch.csv' "... named"

# Usage.
run_in rows.csv lp-report render -o yaml
is_rc 2 "-o yaml: exit 2"
like "$err" 'expected table, csv, tsv, json, jsonl, xlsx, md or html' "... lists the formats"
run_in rows.csv lp-report render --at HEAD
is_rc 2 "--at does not apply to render"
run_in rows.csv lp-report render --git x.git
is_rc 2 "--git does not apply to render"
run_in rows.csv lp-report render a.csv b.csv
is_rc 2 "render reads one file"

done_testing
