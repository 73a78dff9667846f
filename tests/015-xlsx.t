#!/bin/sh
. "$(dirname "$0")/lib.sh"
# xlsx: the row writer's -o xlsx (through rowcat) and the workbook API
# of lib/workbook.c (through wbdemo), read back with openpyxl.  Also
# --bom (LP_WRITE_BOM) for CSV and TSV.

# --- --bom --------------------------------------------------------------

printf 'id,note\na,x\n' >bom.csv
run rowcat --bom -o csv bom.csv
is "$(printf '%s\n' "$out" | od -An -c | head -n 1 | tr -s ' ')" \
	' 357 273 277 i d , n o t e \n a , x \n' "--bom: CSV starts with a UTF-8 BOM"
run rowcat --bom -o tsv bom.csv
is "$(printf '%s' "$out" | head -c 3 | od -An -c | tr -s ' ')" ' 357 273 277' \
	"--bom: TSV starts with a UTF-8 BOM"
run rowcat --bom -o jsonl bom.csv
is "$out" '{"id":"a","note":"x"}' "--bom: JSON has none"
rowcat --bom -o csv bom.csv >bom2.csv
run rowcat -o jsonl bom2.csv
is "$out" '{"id":"a","note":"x"}' "--bom: lp reads its own BOM output back"
: >none.csv
run rowcat --bom -o csv none.csv
is "$rc:$(printf '%s' "$out" | od -An -c | tr -s ' ')" '0: 357 273 277' \
	"--bom: empty input still gives the BOM, and nothing else"

# --- xlsx -----------------------------------------------------------------

PY=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import openpyxl' 2>/dev/null; then
		PY=$p
		break
	fi
done
if [ -z "$PY" ]; then
	echo "# SKIP xlsx checks: python3 with openpyxl is missing (scripts/install-deps)"
	done_testing
	exit 0
fi

# check.py FILE: what openpyxl sees, one fact a line.
cat >check.py <<'EOF'
import re, sys, openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
print("sheets", " ".join(wb.sheetnames))
for ws in wb.worksheets:
    print("sheet", ws.title, "freeze", ws.freeze_panes,
          "filter", ws.auto_filter.ref)
    for row in ws.iter_rows():
        for c in row:
            v = c.value
            kind = type(v).__name__
            if kind == "datetime":
                v = v.strftime("%Y-%m-%d")
            facts = [c.coordinate, kind, repr(v), c.data_type]
            if c.font.b:
                facts.append("bold")
            if c.number_format != "General":
                facts.append("format=" + c.number_format)
            if c.fill.fill_type == "solid":
                facts.append("fill=" + c.fill.fgColor.rgb[-6:].lower())
                facts.append("text=" + c.font.color.rgb[-6:].lower())
            if c.border.left.style:
                facts.append("border=%s/%s" % (c.border.left.style,
                             c.border.left.color.rgb[-6:].lower()))
            print(" ".join(facts))
    for k in sorted(ws.column_dimensions):
        print("width", ws.title, k, int(ws.column_dimensions[k].width))
EOF
xlsx_facts() {	# xlsx_facts FILE: check.py's lines in $out
	run "$PY" check.py "$1"
}

cat >people.csv <<'EOF'
id,count,deadline,note
amy,3,2026-02-28,=SUM(A1)
bob,,,
李小龙,many,2025-02-30,-x
EOF
rowcat -o xlsx --sheet people --type count=int --type deadline=date \
	people.csv >people.xlsx
is "$?" 0 "-o xlsx: written"
like "$(head -c 2 people.xlsx)" '^PK$' "-o xlsx: a zip file"
xlsx_facts people.xlsx
same_text "-o xlsx: bold frozen filtered header, date cells, numbers, text never a formula, blanks" <<'EOF'
sheets people
sheet people freeze A2 filter A1:D4
A1 str 'id' s bold
B1 str 'count' s bold
C1 str 'deadline' s bold
D1 str 'note' s bold
A2 str 'amy' s
B2 int 3 n
C2 datetime '2026-02-28' d format=yyyy-mm-dd
D2 str '=SUM(A1)' s
A3 str 'bob' s
B3 NoneType None n
C3 NoneType None n
D3 NoneType None n
A4 str '李小龙' s
B4 str 'many' s
C4 str '2025-02-30' s
D4 str '-x' s
width people A 8
width people B 10
width people C 13
width people D 10
EOF

rowcat -o xlsx people.csv >default.xlsx
xlsx_facts default.xlsx
like "$out" '^sheets rows$' "-o xlsx: the sheet is called rows by default"
like "$out" "^C2 str '2026-02-28' s$" "-o xlsx: a date in a string column stays a string"

# Columns are sized by display width, and capped.
{ echo 'name,long'; printf '😀😀😀😀😀,'; head -c 200 /dev/zero | tr '\0' x; echo; } >wide.csv
rowcat -o xlsx wide.csv >wide.xlsx
xlsx_facts wide.xlsx
like "$out" '^width rows A 12$' "-o xlsx: an emoji is two columns wide"
like "$out" '^width rows B 62$' "-o xlsx: a long column is capped"

printf 'a,b\n' >header.csv
rowcat -o xlsx header.csv >header.xlsx
xlsx_facts header.xlsx
like "$out" '^sheet rows freeze A2 filter A1:B1$' "-o xlsx: no rows, the header and its filter"

# The workbook API: sheets in order, level fills and the unsupported
# mark as palette.h gives them.
wbdemo levels >levels.xlsx
is "$?" 0 "workbook: written"
xlsx_facts levels.xlsx
printf '%s\n' "$out" >levels.facts
fill() {	# fill RANK: "fill=rrggbb text=rrggbb" from palette.h
	sed -n 's/.*{ "#\([0-9a-f]*\)", "#\([0-9a-f]*\)".*/fill=\1 text=\2/p' \
		"$SRC_DIR/lib/palette.h" | sed -n "$(($1 + 1))p"
}
unsup=$(sed -n 's/^#define LP_UNSUPPORTED_HEX "#\(.*\)"/\1/p' "$SRC_DIR/lib/palette.h")
is "$(fill 0)" "fill=f8f8f8 text=1b1b1b" "palette.h is read as the test expects"
cat >levels.want <<EOF
sheets levels deadlines
sheet levels freeze A2 filter A1:D3
A1 str 'portfolio' s bold
B1 str 'LP1' s bold
C1 str 'LP2' s bold
D1 str 'LP3' s bold
A2 str 'amy' s
B2 str 'none' s $(fill 0)
C2 str 'underlying' s $(fill 1)
D2 str 'developing' s $(fill 2)
A3 str 'bob' s
B3 str 'extending' s $(fill 3)
C3 str 'transforming (unsupported)' s $(fill 4) border=thick/$unsup
D3 NoneType None n
EOF
sed -n '/^sheet levels/,/^width levels/p' levels.facts | sed '$d' >levels.got
sed -i '1i sheets levels deadlines' levels.got
same_file levels.want levels.got "workbook: level fills and the unsupported mark from palette.h"
sed -n '/^sheet deadlines/,$p' levels.facts | grep -v '^width' >deadlines.got
cat >deadlines.want <<'EOF'
sheet deadlines freeze A2 filter A1:D5
A1 str 'id' s bold
B1 str 'deadline' s bold
C1 str 'windows_left' s bold
D1 str 'note' s bold
A2 str 'amy' s
B2 datetime '2026-02-28' d format=yyyy-mm-dd
C2 int 3 n
D2 str '=1+1' s
A3 str 'bob' s
B3 NoneType None n
C3 NoneType None n
D3 str '-x' s
A4 str 'cy' s
B4 str '2025-02-30' s
C4 str 'many' s
D4 NoneType None n
A5 str 'dee' s
B5 str '1899-12-31' s
C5 int -12 n
D5 str '0012' s
EOF
same_file deadlines.want deadlines.got "workbook: a second sheet; dates Excel cannot hold stay text"

run wbdemo twice
is_rc 2 "workbook: two sheets named alike: exit 2"
like "$err" '^wbdemo: two sheets named "levels": expected a name for each$' \
	"workbook: two sheets named alike: the message"
is "$out" "" "workbook: and nothing written"

wbdemo empty >empty.xlsx
xlsx_facts empty.xlsx
like "$out" '^sheets rows$' "workbook: without sheets, one empty sheet"

# Temporary files: made in $TMPDIR, gone afterwards, or a clear error.
mkdir scratch
TMPDIR=$TMP/scratch rowcat -o xlsx people.csv >/dev/null
is "$(ls -A scratch)" "" "xlsx: no temporary file is left behind"
TMPDIR=$TMP/missing run rowcat -o xlsx people.csv
is_rc 2 "xlsx: no temporary directory: exit 2"
like "$err" "cannot make a temporary file in $TMP/missing" "xlsx: no temporary directory: the message"
is "$out" "" "xlsx: no temporary directory: nothing on standard output"
run ptyrun rowcat -o xlsx "$TMP/people.csv"
is_rc 2 "xlsx: a terminal is refused: exit 2"
like "$err" '^rowcat: not writing an xlsx workbook to a terminal' "xlsx: a terminal is refused: the message"
is "$out" "" "xlsx: a terminal is refused: nothing reaches it"
if [ -w /dev/full ]; then
	rowcat -o xlsx people.csv >/dev/full 2>full.err
	is "$?" 2 "xlsx: a full disk: exit 2"
	like "$(cat full.err)" 'write error on standard output: No space left on device' "xlsx: a full disk: the write error"
fi

done_testing
