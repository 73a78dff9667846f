#!/bin/sh
. "$(dirname "$0")/lib.sh"
# The dashboard in Debian's headless chromium: it renders (a screenshot),
# its Progress chart is drawn from the cohort's git history, and it prints
# to PDF (A4 landscape) with no table wider than the page.  Needs what
# tests/525-a11y.t needs; skips saying why, or fails under CI=true.

A11Y="$TESTS_DIR/a11y"
missing() {
	if [ "${CI:-}" = true ]; then
		not_ok "dashboard in chromium: $1 (CI=true: it must run)"
		done_testing
		exit 1
	fi
	echo "1..0 # SKIP dashboard in chromium: $1"
	exit 0
}
command -v node >/dev/null 2>&1 || missing "node is not installed (scripts/install-deps)"
command -v python3 >/dev/null 2>&1 || missing "python3 is not installed"
CHROMIUM=${LP_CHROMIUM:-}
for c in chromium chromium-browser google-chrome; do
	[ -z "$CHROMIUM" ] && command -v "$c" >/dev/null 2>&1 && CHROMIUM=$(command -v "$c")
done
[ -n "$CHROMIUM" ] || missing "chromium is not installed (scripts/install-deps)"
[ -d "$A11Y/node_modules/puppeteer-core" ] || missing "tests/a11y/node_modules is missing (npm ci)"

"$SRC_DIR/scripts/gen-progress" -n 30 -c 10 --seed 11 --one-repo cohort
run lp-report html cohort
is_rc 0 "lp-report html on a cohort with history: exit 0"
printf '%s\n' "$out" >dash.html
like "$out" '<section id="progress">' "the dashboard has a Progress section"
mkdir shots
run node "$A11Y/print.js" "$CHROMIUM" dash.html shots
is_rc 0 "chromium renders and prints the page"
fact() { printf '%s\n' "$out" | awk -v k="$1" '$1 == k { print $2 }'; }
[ "$(fact progress-rects)" -gt 50 ] && ok "the progress chart is drawn ($(fact progress-rects) columns)" ||
    not_ok "the progress chart is drawn" "$out"
is "$(fact progress-rows)" 10 "a row per standard in the Progress table"
is "$(fact clipped)" 0 "printed, no table is wider than the page"
[ "$(fact screenshot)" -gt 20000 ] && ok "the screenshot is a real picture ($(fact screenshot) bytes)" ||
    not_ok "the screenshot is a real picture" "$out"
like "$(printf '%s\n' "$out" | grep '^pdf ')" ' %PDF-$' "it prints to a PDF"
[ "$(fact pdf-pages)" -ge 2 ] && ok "the PDF has $(fact pdf-pages) pages" || not_ok "the PDF has pages" "$out"

done_testing
