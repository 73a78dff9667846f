#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Hostile input: portfolio files written by someone trying to make lp
# read or write outside the portfolio, run out of memory, or run code in
# a spreadsheet or a browser; and git repositories in states lp must not
# make worse.  Each case: a clear message, the right exit status, and
# nothing changed.

SECRET=TOPSECRET-4c7e1
mkdir -p "$TMP/outside/ev"
echo "$SECRET" >"$TMP/outside/secret.txt"
echo "What happened." >"$TMP/body"

# --------------------------------------------------------------------
# 1. Attachment paths and links that lead out of the portfolio.

P=$TMP/paths
mkportfolio "$P" paths "Pat Paths" 2024-09-01
mkdir -p "$P/attachments"
echo "fine" >"$P/attachments/real.txt"
ln -s real.txt "$P/attachments/in.txt"
ln -s "$TMP/outside/secret.txt" "$P/attachments/out.txt"
ln -s ../../outside/secret.txt "$P/attachments/out-rel.txt"
ln -s "$TMP/outside" "$P/attachments/outdir"
long=$(printf 'x%.0s' $(seq 300))
deep=$(printf 'd/%.0s' $(seq 2100))

attach_case() {	# attach_case NAME PATH WANT-RC MESSAGE-PATTERN
	mkevidence "$P" 2025-03-01-item "An item" 2025-03-01 LP1 team "attachments: [\"$2\"]"
	unchanged "$P" "attachment $1: nothing changed" lp-evidence check -C "$P"
	is_rc "$3" "attachment $1: lp-evidence check exits $3"
	[ -n "$4" ] && like "$err" "$4" "attachment $1: the message says why"
	run lp-report pack -C "$P"
	case "$out$err" in
	*"$SECRET"*) not_ok "attachment $1: nothing from outside is shown" ;;
	*) ok "attachment $1: nothing from outside is shown" ;;
	esac
	rm -f "$P/evidence/2025-03-01-item.md"
}
attach_case "absolute" "$TMP/outside/secret.txt" 1 "evidence/2025-03-01-item.md:[0-9]+: .*absolute"
attach_case "/etc/passwd" "/etc/passwd" 1 "absolute"
attach_case "with .." "../outside/secret.txt" 1 "evidence/2025-03-01-item.md:[0-9]+: .*'\.\.'"
attach_case "climbing inside" "attachments/../../outside/secret.txt" 1 "'\.\.'"
attach_case "symlink out" "attachments/out.txt" 1 "outside the portfolio"
attach_case "relative symlink out" "attachments/out-rel.txt" 1 "outside the portfolio"
attach_case "through a linked directory" "attachments/outdir/secret.txt" 1 "outside the portfolio"
attach_case "a long name" "attachments/$long.txt" 1 "too long"
attach_case "a very deep path" "$deep" 1 ""
attach_case "empty" "" 1 ""
attach_case "only a dot" "." 1 ""
attach_case "symlink inside" "attachments/in.txt" 0 ""
attach_case "plain" "attachments/real.txt" 0 ""

# The evidence directory, or one evidence file, is a link out.
mkevidence "$TMP/outside" 2025-03-02-outside "Planted" 2025-03-02 LP1 team
mv "$TMP/outside/evidence/2025-03-02-outside.md" "$TMP/outside/ev/"
echo "$SECRET" >>"$TMP/outside/ev/2025-03-02-outside.md"
rmdir "$P/evidence" 2>/dev/null || rm -rf "$P/evidence"
for target in "$TMP/outside/ev" ../outside/ev; do
	ln -s "$target" "$P/evidence"
	unchanged "$P" "evidence/ -> $target: nothing changed" lp-evidence list -C "$P"
	is_rc 2 "evidence/ -> $target: lp-evidence list exits 2"
	like "$err" "evidence: leads outside the portfolio" "evidence/ -> $target: the message says why"
	# SPEC 4: in a validator a problem in the portfolio's files is a finding, as under lp check.
	run lp-evidence check -C "$P"
	is_rc 1 "evidence/ -> $target: lp-evidence check exits 1"
	run lp-report pack -C "$P"
	case "$out" in *Planted*|*"$SECRET"*) not_ok "evidence/ -> $target: pack shows nothing from outside" ;;
	*) ok "evidence/ -> $target: pack shows nothing from outside" ;; esac
	rm "$P/evidence"
done
mkdir "$P/evidence"
ln -s "$TMP/outside/ev/2025-03-02-outside.md" "$P/evidence/2025-03-02-outside.md"
run lp-evidence list -C "$P"
is_rc 2 "a linked evidence file: lp-evidence list exits 2"
like "$err" "2025-03-02-outside.md: leads outside the portfolio" "a linked evidence file: the message names it"
unlike "$out" "Planted" "a linked evidence file: it is not listed"
rm "$P/evidence/2025-03-02-outside.md"
ln -s "$TMP/outside/secret.txt" "$P/case-study.md"
run lp-reaccredit check -C "$P"
unlike "$out$err" "$SECRET" "a linked case-study.md: nothing from outside is shown"
rm "$P/case-study.md"
mv "$P/portfolio.md" "$TMP/outside/portfolio.md"
ln -s "$TMP/outside/portfolio.md" "$P/portfolio.md"
run lp-assess show -C "$P"
is_rc 2 "a linked portfolio.md: lp-assess show exits 2"
like "$err" "portfolio.md: leads outside the portfolio" "a linked portfolio.md: the message says why"

# Writers never write through a link out of the portfolio.
W=$TMP/writes
mkportfolio "$W" writes "Wyn Writes" 2024-09-01
mkdir -p "$TMP/outside/wev" "$TMP/outside/watt"
printf 'standard,level,date,note\n' >"$TMP/outside/assessment.csv"
cp "$W/portfolio.md" "$TMP/outside/portfolio.md"
echo "slides" >"$TMP/slides.txt"
outside_sum() { (cd "$TMP/outside" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum; }
write_case() {	# write_case NAME PATTERN CMD...
	_wn=$1 _wp=$2; shift 2
	_before=$(outside_sum)
	run "$@"
	is_rc 2 "$_wn: exit 2"
	like "$err" "$_wp" "$_wn: the message says why"
	is "$(outside_sum)" "$_before" "$_wn: nothing outside changed"
}
rmdir "$W/evidence" && ln -s "$TMP/outside/wev" "$W/evidence"
write_case "lp-evidence add into a linked evidence/" "evidence.*(symbolic link|outside)" \
    lp-evidence add -C "$W" --title "Escape" --standards LP1 --reach team --date 2025-03-01 "$TMP/body"
rm "$W/evidence" && mkdir "$W/evidence"
ln -s "$TMP/outside/watt" "$W/attachments"
write_case "lp-evidence add --attach into a linked attachments/" "attachments.*(symbolic link|outside)" \
    lp-evidence add -C "$W" --title "Escape" --standards LP1 --reach team --date 2025-03-01 \
    --attach "$TMP/slides.txt" "$TMP/body"
rm "$W/attachments"
ln -s "$TMP/outside/assessment.csv" "$W/assessment.csv"
write_case "lp-assess set on a linked assessment.csv" "assessment\.csv.*outside" \
    lp-assess set -C "$W" LP1=developing
rm "$W/assessment.csv"
rm "$W/portfolio.md" && ln -s "$TMP/outside/portfolio.md" "$W/portfolio.md"
write_case "lp-window outcome on a linked portfolio.md" "portfolio\.md.*outside" \
    lp-window outcome -C "$W" withdrawn
ln -s "$TMP/outside/portfolio.md" "$TMP/outside/case-target.md"
rm "$W/portfolio.md" && cp "$TMP/outside/portfolio.md" "$W/portfolio.md"
ln -s "$TMP/outside/case-target.md" "$W/case-study.md"
_before=$(outside_sum)
run lp-reaccredit init -C "$W" --theme "Escape"
is "$(outside_sum)" "$_before" "lp-reaccredit init over a linked case-study.md: nothing outside changed"

# --------------------------------------------------------------------
# 2. Malformed and oversized documents, as portfolio.md and as evidence.

D=$TMP/docs
mkportfolio "$D" docs "Dee Docs" 2024-09-01
mkevidence "$D" 2025-03-01-good "Good item" 2025-03-01 LP1 team
git -C "$D" init -q && git -C "$D" add -A && git -C "$D" commit -q -m fixture
cp "$D/portfolio.md" "$TMP/portfolio.good"

laughs() {
	printf -- '---\nname: Laughs\nid: laughs\ncommenced: 2024-09-01\n'
	printf 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
	prev=a
	for k in b c d e f g h i j; do
		printf '%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n' $k $k \
		    $prev $prev $prev $prev $prev $prev $prev $prev $prev
		prev=$k
	done
	printf -- '---\n'
}
head_ok() { printf -- '---\nname: Dee\nid: docs\ncommenced: 2024-09-01\n'; }

doc_case() {	# doc_case NAME WANT(ok|bad) PATTERN; the document in $TMP/doc.md
	cp "$TMP/doc.md" "$D/portfolio.md"
	if [ "$2" = ok ]; then
		run lp-assess show -C "$D"
		is_rc 0 "$1 in portfolio.md: accepted"
	else
		unchanged "$D" "$1 in portfolio.md: lp-assess set changes nothing" \
		    lp-assess set -C "$D" LP1=developing
		is_rc 2 "$1 in portfolio.md: lp-assess set exits 2"
		run lp-assess show -C "$D"
		is_rc 2 "$1 in portfolio.md: lp-assess show exits 2"
		like "$err" "portfolio\.md(:[0-9]+)?: .*$3" "$1 in portfolio.md: the message names the file and says why"
	fi
	cp "$TMP/portfolio.good" "$D/portfolio.md"
	# The same document as an evidence file: a finding of lp-evidence check.
	cp "$TMP/doc.md" "$D/evidence/2025-04-01-hostile.md"
	run lp-evidence check -C "$D"
	if [ "$2" = ok ]; then
		# A valid portfolio.md is not a valid evidence item (no title).
		is_rc 1 "$1 in an evidence file: checked as an evidence item"
	else
		case $rc in 1|2) ok "$1 in an evidence file: lp-evidence check exits $rc" ;;
		*) not_ok "$1 in an evidence file: lp-evidence check exits 1 or 2" "exit $rc: $err" ;; esac
		like "$err" "evidence/2025-04-01-hostile\.md(:[0-9]+)?: " "$1 in an evidence file: the message names it"
	fi
	rm -f "$D/evidence/2025-04-01-hostile.md"
	git -C "$D" checkout -q -- .
}

{ head_ok; echo '---'; head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' 'a'; } >"$TMP/doc.md"
doc_case "a 17 MB file" bad "larger than"
{ head_ok; printf 'x: '; printf '[%.0s' $(seq 20000); printf ']%.0s' $(seq 20000); printf '\n---\n'; } >"$TMP/doc.md"
doc_case "lists nested 20000 deep" bad ""
{ head_ok; printf 'x: '; printf '{a: %.0s' $(seq 5000); printf '}%.0s' $(seq 5000); printf '\n---\n'; } >"$TMP/doc.md"
doc_case "mappings nested 5000 deep" bad ""
laughs >"$TMP/doc.md"; doc_case "a billion laughs (aliases)" bad "alias|anchor"
{ head_ok; printf 'school: &s Hill\nrole: *s\n---\n'; } >"$TMP/doc.md"; doc_case "an anchor and an alias" bad "alias|anchor"
{ head_ok; printf 'school: !!python/object/apply:os.system ["touch %s/pwned"]\n---\n' "$TMP"; } >"$TMP/doc.md"
doc_case "a language tag" bad "tag"
{ head_ok; printf 'school: !!str Hill\n---\n'; } >"$TMP/doc.md"; doc_case "a !!str tag" bad "tag"
{ head_ok; printf 'name: Eve\n---\n'; } >"$TMP/doc.md"; doc_case "a duplicate key" bad "duplicate"
{ head_ok; printf 'school:\n  name: Hill\n---\n'; } >"$TMP/doc.md"; doc_case "a nested mapping" bad ""
{ head_ok; printf 'school: \377\376Hill\n---\n'; } >"$TMP/doc.md"; doc_case "invalid UTF-8" bad "UTF-8"
{ head_ok; printf 'school: \355\240\200\n---\n'; } >"$TMP/doc.md"; doc_case "a UTF-8 surrogate" bad "UTF-8"
{ head_ok; printf 'school: \300\257\n---\n'; } >"$TMP/doc.md"; doc_case "an overlong UTF-8 sequence" bad "UTF-8"
{ head_ok; printf 'school: Hi\000ll\n---\n'; } >"$TMP/doc.md"; doc_case "a NUL byte" bad "NUL"
{ head_ok; printf 'school: "Hi\\0ll"\n---\n'; } >"$TMP/doc.md"; doc_case "a NUL escape" bad ""
{ head_ok; printf -- '---\nbody\000with a NUL\n'; } >"$TMP/doc.md"; doc_case "a NUL byte in the body" bad "NUL"
{ head_ok; printf 'school: Hill\n'; } >"$TMP/doc.md"; doc_case "no closing ---" bad ""
{ head_ok; printf 'school:\n\t- Hill\n---\n'; } >"$TMP/doc.md"; doc_case "a tab in the indentation" bad ""
printf '\357\273\277---\nname: Dee\nid: docs\ncommenced: 2024-09-01\n---\nbody\n' >"$TMP/doc.md"; doc_case "a BOM" ok
printf -- '---\r\nname: Dee\r\nid: docs\r\ncommenced: 2024-09-01\r\n---\r\nbody\r\n' >"$TMP/doc.md"; doc_case "CRLF line ends" ok
if [ -e "$TMP/pwned" ]; then not_ok "no tag ran a command"; else ok "no tag ran a command"; fi

# A huge assessment.csv and a huge evidence list entry.
head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$D/assessment.csv"
run lp-assess show -C "$D"
is_rc 2 "a 17 MB assessment.csv: exit 2"
like "$err" "assessment\.csv: .*larger than" "a 17 MB assessment.csv: the message says why"
git -C "$D" checkout -q -- . && rm -f "$D/assessment.csv"

# --------------------------------------------------------------------
# 3. Formula cells: every text field starts with = + - or @, and every
# CSV and TSV output must neutralise every such cell with a '.

cat >"$TMP/cells.awk" <<'AWK'
# Print every cell that a spreadsheet would run as a formula: starting
# with = + - @ tab or CR and not a plain number.  -v tsv=1 for TSV.
function check(cell) {
	if (cell ~ /^[-=+@\t\r]/ && cell !~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/)
		print "formula cell: " cell
}
BEGIN { RS = "\001" }
{
	text = $0; n = length(text); cell = ""; q = 0; start = 1
	for (i = 1; i <= n; i++) {
		c = substr(text, i, 1)
		if (tsv) {
			if (c == "\t" || c == "\n") { check(cell); cell = "" } else cell = cell c
			continue
		}
		if (q) {
			if (c == "\"") {
				if (substr(text, i + 1, 1) == "\"") { cell = cell "\""; i++ }
				else q = 0
			} else cell = cell c
		} else if (c == "\"" && start) { q = 1; start = 0 }
		else if (c == "," || c == "\n") { check(cell); cell = ""; start = 1 }
		else { cell = cell c; start = 0 }
	}
	if (cell != "") check(cell)
}
AWK

F=$TMP/cohort/formula
mkportfolio "$F" "-formula" "=HYPERLINK(\"http://evil.example\")" 2024-09-01 \
    'school: "+SCHOOL(1)"' 'cohort: "@COHORT"' 'role: "-ROLE"' 'email: "=EMAIL()"' \
    'focus: "@FOCUS"' 'theme: "+THEME"' 'accredited: 2023-03-01' 'outcome: accredited'
mkevidence "$F" 2025-03-01-formula "=TITLE()" 2025-03-01 LP1,LP5 institution \
    'type: "+TYPE"' 'where: "@WHERE"' 'colleagues: 3'
mkevidence "$F" 2025-03-02-minus "-MINUS-TITLE" 2025-03-02 LP2 beyond 'type: "-TYPE"'
mkassessment "$F" "LP1,extending,2025-03-01,=NOTE()" "LP5,developing,2025-03-01,@NOTE" \
    "LP2,transforming,,-NOTE"
printf -- '---\ntitle: "=CASE"\ntheme: "@THEME"\nsigned-off-by: "=HEAD()"\nsigned-off-on: 2025-06-01\n---\n## Focus and rationale\n=CELL\n' \
    >"$F/case-study.md"
git -C "$F" init -q && git -C "$F" add -A && git -C "$F" commit -q -m fixture
# A second practitioner, overdue, so that lp-window check has a row.
mkportfolio "$TMP/cohort/late" "-late" '"@LATE"' 2023-01-01 'school: "=SCHOOL"'
printf 'id,term,opens,closes\n2026-03,=TERM(),2026-03-01,2026-03-31\n2026-06,@TERM,2026-06-01,2026-06-30\n' \
    >"$TMP/windows.csv"
printf 'standard,name,group,level,descriptor,prompt\n' >"$TMP/fw.csv"
for s in 1 2 3 4 5 6 7 8 9 10; do
	for l in underlying developing extending transforming; do
		printf 'LP%s,=NAME%s,@GROUP,%s,+DESC %s,-PROMPT\n' $s $s $l $l >>"$TMP/fw.csv"
	done
done
printf 'id,name,commenced,accredited,note\n-x,=NAME(),2024-09-01,2023-03-01,@NOTE\n' >"$TMP/rows.csv"

formula_case() {	# formula_case CMD... (run twice: -o csv and -o tsv)
	# NOTEXT=1: the output has no text from the files (only lp's own).
	for fmt in csv tsv; do
		if [ -n "${STDIN:-}" ]; then run_in "$STDIN" "$@" -o $fmt; else run "$@" -o $fmt; fi
		case $rc in 0|1) ;; *) not_ok "$1 -o $fmt runs" "exit $rc: $err"; continue ;; esac
		if [ "$fmt" = tsv ]; then bad=$(printf '%s\n' "$out" | awk -v tsv=1 -f "$TMP/cells.awk")
		else bad=$(printf '%s\n' "$out" | awk -f "$TMP/cells.awk"); fi
		is "$bad" "" "$* -o $fmt: no formula cell"
		[ -n "${NOTEXT:-}" ] ||
		    like "$out" "'[=+@-]" "$* -o $fmt: hostile cells are there, neutralised"
	done
}
formula_case lp-evidence list "$F"
formula_case lp-evidence show 2025-03-01-formula "$F"
formula_case lp-assess show "$F"
NOTEXT=1 formula_case lp-assess coach "$F"
formula_case lp-assess framework --framework "$TMP/fw.csv"
formula_case lp-window status "$F"
formula_case lp-window check --within 100000 "$TMP/cohort"
formula_case lp-window list --windows "$TMP/windows.csv"
formula_case lp-reaccredit status "$F"
formula_case lp-reaccredit due --within 100000 "$F"
NOTEXT=1 formula_case lp-reaccredit check "$F"
formula_case lp-report summary "$TMP/cohort"
STDIN=$TMP/rows.csv formula_case lp-report render
STDIN=$TMP/rows.csv formula_case lp-window annotate
STDIN=$TMP/rows.csv formula_case lp-reaccredit annotate
unset STDIN
# --raw is the way to get the cells as they are.
run lp-evidence list -o csv --raw "$F"
like "$out" ",=TITLE\(\)," "--raw leaves cells as they are"

# --------------------------------------------------------------------
# 4. HTML and script in every text field of every HTML output.

H=$TMP/htmlcohort/html
mkportfolio "$H" html '<script>alert(1)</script>' 2024-09-01 \
    "school: '<img src=x onerror=alert(2)>'" "cohort: '\"><svg onload=alert(3)>'" \
    "role: '<iframe src=javascript:alert(4)>'" "focus: '<a href=\"javascript:alert(5)\">f</a>'" \
    "theme: '</style><script>alert(6)</script>'" "email: 'javascript:alert(7)'"
cat >>"$H/portfolio.md" <<'MD'
<script>alert(8)</script>
[click](javascript:alert(9)) ![img](javascript:alert(10)) <javascript:alert(11)>
[mixed](JaVaScRiPt:alert(12)) <img src=x onerror=alert(13)>
<a href="javascript:alert(14)">raw link</a> <div onclick="alert(15)">x</div>
MD
mkevidence "$H" 2025-03-01-html '<b onmouseover=alert(16)>title</b>' 2025-03-01 LP1,LP5 institution \
    "type: '<script>alert(17)</script>'" "where: '\" onfocus=\"alert(18)'" 
cat >>"$H/evidence/2025-03-01-html.md" <<'MD'
<script>alert(19)</script>
[x](javascript:alert(20)) [y](vbscript:msgbox(21)) [z](data:text/html;base64,PHNjcmlwdD4=)
<svg><script>alert(22)</script></svg> <style>body{background:url(javascript:alert(23))}</style>
MD
mkassessment "$H" "LP1,extending,2025-03-01,</td><script>alert(24)</script>" \
    "LP5,developing,,<img src=x onerror=alert(25)>"
printf 'id,name,note\nx,<script>alert(26)</script>,"<img src=x onerror=alert(27)>"\n' >"$TMP/html-rows.csv"

html_case() {	# html_case NAME CMD...
	_n=$1; shift
	if [ -n "${STDIN:-}" ]; then run_in "$STDIN" "$@"; else run "$@"; fi
	case $rc in 0|1) ok "$_n: runs (exit $rc)" ;; *) not_ok "$_n: runs" "exit $rc: $err" ;; esac
	# The real tags (escaped text has no "<"), and their attributes
	# (a quoted value is taken whole, so text inside title="..." is not
	# mistaken for an attribute).
	_tags=$(printf '%s\n' "$out" | grep -o '<[a-zA-Z][^>]*>')
	_attrs=$(printf '%s\n' "$_tags" |
	    grep -o -E "[[:space:]][a-zA-Z:-]+[[:space:]]*=[[:space:]]*(\"[^\"]*\"|'[^']*'|[^[:space:]>\"']+)")
	unlike "$_tags" "^<(script|SCRIPT|[sS][cC][rR][iI][pP][tT])" "$_n: no <script element"
	unlike "$_attrs" "^[[:space:]][oO][nN][a-zA-Z]+[[:space:]]*=" "$_n: no on...= event attribute"
	unlike "$_attrs" "^[[:space:]]([hH][rR][eE][fF]|[sS][rR][cC]|[aA][cC][tT][iI][oO][nN]|[fF][oO][rR][mM][aA][cC][tT][iI][oO][nN]|xlink:href)[[:space:]]*=[[:space:]]*[\"']?[[:space:]]*([jJ][aA][vV][aA]|[vV][bB])[sS][cC][rR][iI][pP][tT]:" \
	    "$_n: no javascript: or vbscript: link"
	unlike "$_tags" "^<([iI][fF][rR][aA][mM][eE]|[oO][bB][jJ][eE][cC][tT]|[eE][mM][bB][eE][dD])" "$_n: no iframe, object or embed"
	like "$out" "&lt;(script|img|b|iframe)" "$_n: the hostile text is shown, escaped"
}
html_case "lp-report html" lp-report html "$TMP/htmlcohort"
html_case "lp-report pack" lp-report pack "$H"
STDIN=$TMP/html-rows.csv html_case "lp-report render -o html" lp-report render -o html
STDIN=$TMP/html-rows.csv html_case "lp-report render -o html --title" \
    lp-report render -o html --title '<script>alert(28)</script>'
unset STDIN

# --------------------------------------------------------------------
# 5. Git in awkward states.

G=$TMP/gitp
run lp init "$G" --name "Gil Git" --id gil --commenced 2024-09-01
is_rc 0 "lp init makes a git portfolio"

# A held index.lock: writers refuse, say why, and change nothing.
touch "$G/.git/index.lock"
_ntests=$((_ntests + 1))
before=$(tree_sum "$G")
run lp-assess set -C "$G" LP1=developing
if [ "$(tree_sum "$G")" = "$before" ]; then
	echo "ok $_ntests - held index.lock: lp-assess set changes nothing"
else
	echo "not ok $_ntests - held index.lock: lp-assess set changes nothing"
fi
is_rc 2 "held index.lock: exit 2"
like "$err" "index\.lock.*(remove|delete)" "held index.lock: the message names it and says what to do"
run lp-evidence add -C "$G" --title "Locked out" --standards LP1 --reach team --date 2025-03-01 "$TMP/body"
is_rc 2 "held index.lock: lp-evidence add exits 2"
rm -f "$G/.git/index.lock"
git -C "$G" checkout -q -- . && git -C "$G" clean -q -fd
run lp-assess set -C "$G" LP1=developing
is_rc 0 "with index.lock gone, writes work again"

# A held lock on the branch (left by a kill while libgit2 moved it).
touch "$G/.git/refs/heads/main.lock"
run lp-assess set -C "$G" LP2=developing --note "ref locked"
is_rc 2 "held refs/heads/main.lock: exit 2"
like "$err" "main\.lock" "held refs/heads/main.lock: the message names it"
like "$err" "main\.lock.*(remove|delete)" "held refs/heads/main.lock: the message says what to do"
rm -f "$G/.git/refs/heads/main.lock"
git -C "$G" reset -q && git -C "$G" checkout -q -- .

# No git identity: the commit is refused with a message saying what to set.
_ntests=$((_ntests + 1))
before=$(tree_sum "$G")
run env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME -u GIT_COMMITTER_EMAIL \
    HOME="$TMP/nohome" lp-assess set -C "$G" LP3=developing
if [ "$(tree_sum "$G")" = "$before" ]; then
	echo "ok $_ntests - no git identity: lp-assess set changes nothing"
else
	echo "not ok $_ntests - no git identity: lp-assess set changes nothing"
	git -C "$G" checkout -q -- .
fi
is_rc 2 "no git identity: exit 2"
like "$err" "user\.name" "no git identity: the message says what to set"

# No network, and no programs run but lp's own.
if command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null; then
	# (LeakSanitizer cannot work under ptrace: off for this one.)
	ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=socket,connect,execve -o "$TMP/strace.log" \
	    sh -c "lp check -C '$F' >/dev/null 2>&1; lp-report html '$TMP/htmlcohort' >/dev/null;
	    lp-report pack '$H' >/dev/null; lp-assess set -C '$G' LP4=developing >/dev/null 2>&1
	    lp-evidence add -C '$G' --title Traced --standards LP4 --reach team --date 2025-05-01 '$TMP/body' >/dev/null 2>&1"
	unlike "$(grep -E 'socket\(|connect\(' "$TMP/strace.log")" "." "no socket is opened"
	unlike "$(grep -E 'execve\(' "$TMP/strace.log" | grep -v -E 'execve\("[^"]*/(sh|lp|lp-[a-z]+)"')" "." \
	    "no program but lp's own is run"
else
	echo "# skipped the network and exec check: strace is not usable here"
fi

# A repository owned by another user (git's safe.directory rule).
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	cp -R "$G" "$TMP/theirs"
	chown -R nobody "$TMP/theirs"
	_ntests=$((_ntests + 1))
	before=$(tree_sum "$TMP/theirs")
	run lp-assess set -C "$TMP/theirs" LP2=developing
	if [ "$(tree_sum "$TMP/theirs")" = "$before" ]; then
		echo "ok $_ntests - another user's repository: lp-assess set changes nothing"
	else
		echo "not ok $_ntests - another user's repository: lp-assess set changes nothing"
	fi
	is_rc 2 "another user's repository: exit 2"
	like "$err" "(owned by|owner|safe\.directory)" "another user's repository: the message says why"
	run lp-assess show -C "$TMP/theirs"
	is_rc 0 "another user's repository: reading still works"
else
	echo "# skipped another user's repository: needs root and a nobody user"
fi

# A portfolio outside git: writes happen, nothing is committed, --at fails.
N=$TMP/nogit
mkportfolio "$N" nogit "Nia Nogit" 2024-09-01
run lp-assess set -C "$N" LP1=developing
is_rc 0 "not a git repository: lp-assess set writes"
like "$(cat "$N/assessment.csv")" "LP1,developing" "not a git repository: the file is written"
if [ -e "$N/.git" ]; then not_ok "not a git repository: no repository is made"; else
	ok "not a git repository: no repository is made"; fi
run lp-assess show --at HEAD -C "$N"
is_rc 2 "not a git repository: --at exits 2"
like "$err" "git" "not a git repository: --at says it needs git"

# A bare repository where a work tree is expected.
git init -q --bare "$TMP/bare.git"
unchanged "$TMP/bare.git" "a bare repository: lp-assess set changes nothing" \
    lp-assess set -C "$TMP/bare.git" LP1=developing
is_rc 2 "a bare repository: lp-assess set exits 2"
like "$err" "portfolio" "a bare repository: the message says there is no portfolio"
mkportfolio "$TMP/bare.git" bare "Bea Bare" 2024-09-01
_ntests=$((_ntests + 1))
before=$(tree_sum "$TMP/bare.git")
run lp-assess set -C "$TMP/bare.git" LP1=developing
if [ "$(tree_sum "$TMP/bare.git")" = "$before" ]; then
	echo "ok $_ntests - a portfolio inside a bare repository: lp-assess set changes nothing"
else
	echo "not ok $_ntests - a portfolio inside a bare repository: lp-assess set changes nothing"
fi
is_rc 2 "a portfolio inside a bare repository: exit 2"
like "$err" "bare" "a portfolio inside a bare repository: the message says bare"
run lp-report summary --git "$TMP/bare.git"
case $rc in 0|2) ok "lp-report --git on an empty bare repository: exit $rc" ;;
*) not_ok "lp-report --git on an empty bare repository: exit 0 or 2" "exit $rc" ;; esac

done_testing
