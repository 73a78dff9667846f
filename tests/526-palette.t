#!/bin/sh
. "$(dirname "$0")/lib.sh"
# The level palette (lib/palette.h): 4.5:1 for the letters on every fill,
# neighbouring fills apart for the common colour-vision deficiencies, and
# the HTML reports colour levels with it (the xlsx workbook's use is in
# tests/015-xlsx.t).
. "$TESTS_DIR/report-lib.sh"

if command -v python3 >/dev/null 2>&1; then
	if r=$(python3 "$TESTS_DIR/526-palette.py" "$SRC_DIR/lib/palette.h" 2>&1); then
		ok "palette: contrast and colour-vision deficiencies"
	else
		not_ok "palette: contrast and colour-vision deficiencies" "$r"
	fi
else
	ok "palette # SKIP python3 is not installed"
fi

mkcohort c
lp-report html c >c.html 2>/dev/null
rank=0
sed -n 's/.*{ "\(#[0-9a-f]*\)", "\(#[0-9a-f]*\)".*/\1 \2/p' "$SRC_DIR/lib/palette.h" |
while read -r fill text; do
	if grep -q "^\.l$rank{background:$fill;color:$text}$" c.html; then
		echo "ok - html: level $rank is $text on $fill"
	else
		echo "not ok - html: level $rank is $text on $fill"
	fi
	rank=$((rank + 1))
done >levels.tap
while read -r line; do
	case $line in
	"ok - "*) ok "${line#ok - }" ;;
	*) not_ok "${line#not ok - }" ;;
	esac
done <levels.tap
is "$(grep -c '^ok' levels.tap)" 5 "html: the five levels"

done_testing
