#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-report workbook (SPEC 5.6): the cohort as one xlsx workbook, read
# back with openpyxl, a reader lp does not share: sheet names, headers,
# date cells, numbers, one row per practitioner, level colours.
. "$TESTS_DIR/report-lib.sh"

PY=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import openpyxl' 2>/dev/null; then
		PY=$p
		break
	fi
done
if [ -z "$PY" ]; then
	echo "# SKIP: python3 with openpyxl is missing (scripts/install-deps)"
	done_testing
	exit 0
fi

mkcohort c

# facts.py FILE SHEET: each row of SHEET as kind:value cells, then the
# fills and marks of the levels sheet.
cat >facts.py <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
if sys.argv[2] == "sheets":
    print(" ".join(wb.sheetnames))
    sys.exit()
ws = wb[sys.argv[2]]
print("freeze", ws.freeze_panes, "filter", ws.auto_filter.ref)
for row in ws.iter_rows():
    out = []
    for c in row:
        v = c.value
        k = type(v).__name__
        if k == "datetime":
            v = v.strftime("%Y-%m-%d")
        cell = "%s:%s" % (k, v)
        if c.fill.fill_type == "solid":
            cell += "/" + c.fill.fgColor.rgb[-6:].lower()
        if c.border.left.style:
            cell += "/frame-" + c.border.left.color.rgb[-6:].lower()
        out.append(cell)
    print(" ".join(out))
PY
facts() {	# facts SHEET: the facts of cohort.xlsx
	"$PY" facts.py cohort.xlsx "$1"
}

run lp-report workbook c
is_rc 0 "workbook: exit 0"
lp-report workbook c >cohort.xlsx
like "$(head -c 2 cohort.xlsx)" '^PK$' "a zip file"
is "$(facts sheets)" "summary coverage levels deadlines expiries progress" "the sheets, in order"

facts summary >summary.facts
is "$(sed -n 2p summary.facts)" "$(lp-report summary -o csv c | head -1 | sed 's/\([^,]*\)/str:\1/g; s/,/ /g')" \
	"summary: the header of lp-report summary"
like "$(sed -n 1p summary.facts)" '^freeze A2 filter A1:R11$' "summary: header frozen and filtered"
is "$(sed 1,2d summary.facts | wc -l | tr -d ' ')" 10 "summary: one row per practitioner"
like "$(grep '^str:c3 ' summary.facts)" '^str:c3 str:Cat Clever str:Elm Academy str:south str:ready datetime:2024-10-01 datetime:2026-10-01 str:2026-03 int:10 str:yes int:0 int:2 NoneType:None NoneType:None str:c/cat datetime:2025-02-10 NoneType:None NoneType:None$' \
	"summary: dates are date cells, counts numbers, missing values blank"
like "$(sed -n 3p summary.facts)" '^str:Z10 ' "summary: sorted by id"

facts coverage >coverage.facts
like "$(sed -n 3p coverage.facts)" '^str:LP1 int:[0-9]+ int:' "coverage: counts are numbers"
is "$(sed 1,2d coverage.facts | wc -l | tr -d ' ')" 10 "coverage: one row per standard"

facts levels >levels.facts
like "$(sed -n 2p levels.facts)" '^str:id str:name str:LP1 str:LP2 .* str:LP10$' "levels: practitioners x standards"
is "$(sed 1,2d levels.facts | wc -l | tr -d ' ')" 10 "levels: one row per practitioner"
colour() {	# colour RANK: palette.h's fill for that level
	sed -n 's/.*{ "#\([0-9a-f]*\)", "#\([0-9a-f]*\)".*/\1/p' "$SRC_DIR/lib/palette.h" | sed -n "$(($1 + 1))p"
}
unsup=$(sed -n 's/^#define LP_UNSUPPORTED_HEX "#\(.*\)"/\1/p' "$SRC_DIR/lib/palette.h")
ben=$(grep '^str:b2 ' levels.facts)
like "$ben" "str:developing/$(colour 2) str:extending \\(unsupported\\)/$(colour 3)/frame-$unsup " \
	"levels: coloured by level, an unsupported claim said and framed"
like "$ben" "str:none/$(colour 0) " "levels: none has its colour too"
cat=$(grep '^str:c3 ' levels.facts)
like "$cat" "/$(colour 4)" "levels: transforming in the darkest colour"

facts deadlines >deadlines.facts
is "$(sed 1,2d deadlines.facts | cut -d' ' -f1 | tr '\n' ' ')" "str:f6 str:e5 str:c3 str:b2 str:a1 " \
	"deadlines: those still to submit (not withdrawn, submitted or accredited), the earliest deadline first"
like "$(grep '^str:f6 ' deadlines.facts)" 'str:overdue datetime:2025-06-01 int:-228 ' "deadlines: a date and days left (negative: past)"

facts expiries >expiries.facts
is "$(sed 1,2d expiries.facts | cut -d' ' -f1 | tr '\n' ' ')" "str:i9 str:h8 str:g7 " \
	"expiries: the accredited, the soonest (or longest past) expiry first"
like "$(grep '^str:h8 ' expiries.facts)" 'str:due datetime:2023-03-01 datetime:2026-03-01 int:45 str:due$' \
	"expiries: dates, days left, and renewal as lp-reaccredit says"
like "$(grep '^str:i9 ' expiries.facts)" 'str:expired datetime:2022-06-01 datetime:2025-06-01 int:-228 str:expired$' \
	"expiries: an expired one, days negative"

facts progress >progress.facts
like "$(sed -n 2p progress.facts)" '^str:period str:standard str:none str:underlying str:developing str:extending str:transforming str:supported$' \
	"progress: the columns of lp-report progress"
# Outside git only the present counts, in the term holding today.
is "$(sed 1,2d progress.facts | grep -c '^str:2025-autumn ')" 10 "progress: term by term, ten standards a term"
is "$(sed 1,2d progress.facts | cut -d' ' -f1 | uniq | tr '\n' ' ')" \
    "str:2024-spring str:2024-summer str:2024-autumn str:2025-spring str:2025-summer str:2025-autumn " \
    "progress: the terms whose windows closed in the two years up to today"
like "$(grep '^str:2025-autumn str:LP1 ' progress.facts)" '^str:2025-autumn str:LP1 int:[0-9]+ int:' "progress: counts are numbers"

lp-report workbook --school 'Oak School' c >cohort.xlsx
is "$(facts summary | sed 1,2d | cut -d' ' -f1 | tr '\n' ' ')" "str:a1 str:b2 str:f6 " "--school: that school only"
lp-report workbook --cohort north c >cohort.xlsx
is "$(facts levels | sed 1,2d | cut -d' ' -f1 | tr '\n' ' ')" "str:a1 str:b2 " "--cohort: that cohort only"

# Refused on a terminal, before anything is read.
if command -v script >/dev/null 2>&1; then
	script -qec "lp-report workbook c; echo rc=\$?" /dev/null >tty.txt 2>&1
	like "$(tr -d '\r' <tty.txt)" 'not for a terminal' "on a terminal: refused, saying why"
	like "$(tr -d '\r' <tty.txt)" 'rc=2' "... exit 2"
else
	ok "terminal # SKIP no script(1)"
	ok "terminal status # SKIP no script(1)"
fi
run lp-report workbook -o csv c
is_rc 2 "-o does not apply to workbook"
run lp-report workbook empty-nothing
is_rc 2 "no such cohort: exit 2"

done_testing
