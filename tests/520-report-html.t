#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-report html: one self-contained, script-free, well-formed page with
# the stages, coverage, the heatmaps, deadlines, windows and expiries.
# Structure is checked without a browser (tests/report-htmlcheck.py).
. "$TESTS_DIR/report-lib.sh"

mkcohort c

run lp-report html c
is_rc 0 "html: exit 0"
printf '%s\n' "$out" >c.html
htmlcheck c.html "html: well-formed, nothing that runs or fetches"
like "$(head -1 c.html)" '^<!DOCTYPE html>$' "starts with the doctype"
is "$(count '<script|<iframe|<img|<link|https?:' c.html)" 0 "no script, frame, image, stylesheet link or URL"
like "$out" "Content-Security-Policy\" content=\"default-src 'none'" "a CSP that forbids scripts and requests"
like "$out" '@media print' "a print stylesheet"
like "$out" '<title>Lead Practitioner cohort report</title>' "the default title"
like "$out" '10 practitioners' "the count of practitioners"

# Stages: one table row per stage with its count.
for s in withdrawn not-started in-progress ready submitted referred overdue accredited due expired; do
	like "$out" "</svg> $s</th><td class=\"n\">1</td>" "stages: $s counted once"
done
like "$out" '<title id="stages-title">Practitioners by stage: not-started 1; in-progress 1;' \
	"the stage bar has a text alternative"

# Coverage: the numbers of lp-report coverage, in the same rows.
like "$out" '<th scope="row">LP1</th><td class="name">Communicating and presenting</td>.*<td class="n">8</td><td class="n">0</td><td class="n">1</td><td class="n">1</td><td class="n">0</td><td class="n">2</td><td class="n">1</td></tr>' \
	"coverage: LP1 as lp-report coverage counts it"

# The group heatmap: schools in order, people without one last.
sed -n '/id="by-group"/,/id="by-practitioner"/p' c.html |
	grep -oE '<tr><th scope="row">[^<]*</th><td class="n">[0-9]+</td>' >groups.txt
same_file - groups.txt "groups: by school, byte order, (no school) last, then the cohort" <<'W'
<tr><th scope="row">Elm Academy</th><td class="n">2</td>
<tr><th scope="row">Oak School</th><td class="n">3</td>
<tr><th scope="row">(no school)</th><td class="n">5</td>
<tr><th scope="row">all practitioners</th><td class="n">10</td>
W
like "$out" '<td class="l l1" title="Oak School, LP2: mean level 1.0 of 3; 1 claim not supported by evidence">1.0<small><span aria-hidden="true">!1</span><span class="vh">, 1 not supported by evidence</span></small></td>' \
	"a group cell: mean level, shade, unsupported count"

# The per-practitioner heatmap: a letter in every cell, ! where unsupported.
like "$out" '<tr><td>b2</td><td>O&#39;Neill, Ben</td><td>in-progress</td><td class="l l2" title="LP1 developing"><span aria-hidden="true">D</span><span class="vh">developing</span></td><td class="l l3 u" title="LP2 extending, not supported by evidence"><span aria-hidden="true">E!</span><span class="vh">extending, not supported by evidence</span></td><td class="l l0" title="LP3 none">' \
	"a practitioner row: levels as letters, unsupported marked with ! as well as colour"
# practitioner rows: the lines of the by-practitioner table that start with a cell
people() {
	sed -n '/id="by-practitioner"/,/<\/table>/p' "$1" | grep -c '^<tr><td>'
}
is "$(people c.html)" 10 "one row per practitioner"
like "$out" '<tr><th class="g" scope="rowgroup" colspan="14">Oak School</th></tr>' "practitioners grouped under their school"

# Deadlines: still to submit, deadline passed or within 180 days, earliest first.
# who: the id and name cells that follow the days-left cell
who() {
	sed -n "/<section id=\"$1\">/,/<\/section>/p" "$2" |
	grep -oE '">-?[0-9]+</td><td>[A-Za-z0-9]+</td><td>[^<]*</td>' | sed 's/^[^<]*<\/td>//'
}
who deadlines c.html >deadlines.txt
same_file - deadlines.txt "deadlines: overdue first, then the referred one" <<'W'
<td>f6</td><td>Fay Late</td>
<td>e5</td><td>Eve Again</td>
W
who expiries c.html >expiries.txt
same_file - expiries.txt "expiries: expired, then due" <<'W'
<td>i9</td><td>Ida Lapsed</td>
<td>h8</td><td>Hal Renew</td>
W
like "$out" '<tr><td>2026-03</td><td class="d">2026-03-31</td><td class="n">4</td><td class="n">1</td></tr>' \
	"windows: four still to submit have 2026-03 next, one of them ready"

# Options.
run lp-report html --group cohort --title "Trust report" c
like "$out" '<h3 id="by-group">By cohort</h3>' "--group cohort"
like "$out" '<tr><th scope="row">north</th><td class="n">2</td>' "--group cohort: the north cohort"
like "$out" '<title>Trust report</title>' "--title"
run lp-report html --rows 3 c
like "$out" 'Showing the first 3 of 10 practitioners' "--rows 3: says how many are left out"
printf '%s\n' "$out" >rows.html
is "$(people rows.html)" 3 "--rows 3: three practitioner rows"
htmlcheck rows.html "--rows 3: still well-formed"
run lp-report html --rows 0 c
printf '%s\n' "$out" >rows0.html
is "$(people rows0.html)" 0 "--rows 0: no per-practitioner rows"
run lp-report html --within 30 c
unlike "$(printf '%s\n' "$out" | sed -n '/id="expiries"/,/<\/section>/p')" '<td>h8</td>' \
	"--within 30: an expiry 45 days away is not listed"
run lp-report html --group year c
is_rc 2 "--group takes school or cohort"

# A directory that holds no portfolio is exit 2 (SPEC 4).
mkdir -p empty/none
run lp-report html empty/none
is_rc 2 "a directory without a portfolio: exit 2"
like "$err" 'no portfolio found in empty/none' "... says so (SPEC 4)"

# A cohort none of which could be read still makes a valid page.
mkdir -p unread/x
printf 'not front matter\n' >unread/x/portfolio.md
run lp-report html unread
is_rc 2 "nothing readable: exit 2"
printf '%s\n' "$out" >empty.html
htmlcheck empty.html "an empty cohort: well-formed"
like "$out" '0 practitioners' "an empty cohort says so"
like "$out" '<li><code>unread/x/portfolio.md</code>' "... and names what it could not read"

# A broken portfolio: the page says the report is incomplete; exit 2.
mkcohort bad
printf 'not front matter\n' >bad/cat/portfolio.md
run lp-report html bad
is_rc 2 "a broken portfolio: exit 2"
like "$err" 'bad/cat/portfolio.md' "... named on stderr"
like "$out" '<strong>Incomplete:</strong>' "... and the page says it is incomplete"
like "$out" '<li><code>bad/cat/portfolio.md</code>, line 1: expected' "... naming the portfolio it could not read, with the reason"
like "$out" '<li><a href="#problems">Not read</a></li>' "... linked from the contents"
like "$out" '9 practitioners' "... the others are reported"

# Volume: a generated cohort stays well-formed, and the tables are cut.
gen-cohort -n 120 -e 4 big
run lp-report html --rows 50 big
is_rc 0 "a generated cohort of 120: exit 0"
printf '%s\n' "$out" >big.html
htmlcheck big.html "a generated cohort: well-formed"
like "$out" 'Showing the first 50 of 120 practitioners' "a generated cohort: the heatmap is cut at --rows"
is "$(people big.html)" 50 "a generated cohort: 50 practitioner rows"

done_testing
