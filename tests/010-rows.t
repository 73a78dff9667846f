#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lib/rows.c: the row reader and writer, through the rowcat driver.

# A fixture with what spreadsheets and parsers trip on: commas, quotes,
# a newline inside a cell, UTF-8 names, formula-like cells, plain
# numbers with signs, and an empty trailing cell.
cat >people.csv <<'EOF'
name,note,phone,score
Ada Lovelace,"Hello, world",+44 7700 900123,-3
"Zoë ""Z"" Ørsted","line one
line two",=SUM(A1),+1.5
Élodie,@cmd,-x,-0.25e3
Bo,,,
EOF

# same_as FILE NAME: $out is FILE's content
same_as() {
	printf '%s\n' "$out" >"$TMP/.same"
	same_file "$1" "$TMP/.same" "$2"
}

# --- the five formats -------------------------------------------------

run rowcat -o table people.csv
same_text "table: aligned by display width, newline shown as a space, no trailing blanks" <<'EOF'
name            note               phone            score
Ada Lovelace    Hello, world       +44 7700 900123  -3
Zoë "Z" Ørsted  line one line two  =SUM(A1)         +1.5
Élodie          @cmd               -x               -0.25e3
Bo
EOF

run rowcat -o csv people.csv
same_text "csv: quotes only where needed, formulas neutralised, plain numbers kept" <<'EOF'
name,note,phone,score
Ada Lovelace,"Hello, world",'+44 7700 900123,-3
"Zoë ""Z"" Ørsted","line one
line two",'=SUM(A1),+1.5
Élodie,'@cmd,'-x,-0.25e3
Bo,,,
EOF

run rowcat -o csv --raw people.csv
same_as people.csv "csv --raw: the input comes back byte for byte"

run rowcat -o tsv people.csv
same_text "tsv: newline escaped, formulas neutralised" <<'EOF'
name	note	phone	score
Ada Lovelace	Hello, world	'+44 7700 900123	-3
Zoë "Z" Ørsted	line one\nline two	'=SUM(A1)	+1.5
Élodie	'@cmd	'-x	-0.25e3
Bo			
EOF

run rowcat -o tsv --raw people.csv
same_text "tsv --raw: no neutralisation" <<'EOF'
name	note	phone	score
Ada Lovelace	Hello, world	+44 7700 900123	-3
Zoë "Z" Ørsted	line one\nline two	=SUM(A1)	+1.5
Élodie	@cmd	-x	-0.25e3
Bo			
EOF

run rowcat -o json people.csv
same_text "json: one array, one object a line, keys in column order, never neutralised" <<'EOF'
[
{"name":"Ada Lovelace","note":"Hello, world","phone":"+44 7700 900123","score":"-3"},
{"name":"Zoë \"Z\" Ørsted","note":"line one\nline two","phone":"=SUM(A1)","score":"+1.5"},
{"name":"Élodie","note":"@cmd","phone":"-x","score":"-0.25e3"},
{"name":"Bo","note":null,"phone":null,"score":null}
]
EOF

run rowcat -o jsonl people.csv
same_text "jsonl: one object a line" <<'EOF'
{"name":"Ada Lovelace","note":"Hello, world","phone":"+44 7700 900123","score":"-3"}
{"name":"Zoë \"Z\" Ørsted","note":"line one\nline two","phone":"=SUM(A1)","score":"+1.5"}
{"name":"Élodie","note":"@cmd","phone":"-x","score":"-0.25e3"}
{"name":"Bo","note":null,"phone":null,"score":null}
EOF

# --- round trips --------------------------------------------------------

rowcat -o csv people.csv >neutral.csv
rowcat -o json neutral.csv >people.json
rowcat -o jsonl neutral.csv >people.jsonl
run rowcat -o csv --raw neutral.csv
same_as people.csv "reading CSV strips the ' that neutralised a formula"
run rowcat -o csv people.json
same_as neutral.csv "round trip csv -> json -> csv is stable"
run rowcat -o csv people.jsonl
same_as neutral.csv "round trip csv -> jsonl -> csv is stable"
run rowcat -o json people.json
same_as people.json "json -> json is stable"
run rowcat --mem -o csv people.json
same_as neutral.csv "reading from memory gives the same rows as a stream"

# A one-column row whose cell is empty must not become a blank line,
# which readers skip.
printf 'a\n""\nx\n' >onecol.csv
run rowcat onecol.csv
same_text "an empty cell alone on its line is written \"\"" <<'EOF'
a
""
x
EOF

# --- what the reader detects and where rows start -------------------------

run rowcat --columns people.csv
same_text "--columns: the form and the header" <<'EOF'
csv
name
note
phone
score
EOF

run rowcat --get note people.csv
same_text "CSV rows know their first line, past a newline in a cell" <<'EOF'
2	Hello, world
3	line one
line two
5	@cmd
6	
EOF

printf '\357\273\277name,n\r\n"a\r\nb",1\r\nc,2\r\n' >bom-crlf.csv
run rowcat -o jsonl bom-crlf.csv
same_text "a BOM is skipped and CRLF accepted" <<'EOF'
{"name":"a\r\nb","n":"1"}
{"name":"c","n":"2"}
EOF
run rowcat --get n bom-crlf.csv
same_text "CRLF inside a quoted cell counts as one line" <<'EOF'
2	1
4	2
EOF

printf 'a,b\r1,2\r3,4\r' >cr.csv
run rowcat --get b cr.csv
same_text "old Mac line ends (CR alone) end rows and count lines" <<'EOF'
2	2
3	4
EOF

cat >rows.jsonl <<'EOF'

{"id": "a", "n": 1}

{"id": "b", "n": 2.50, "extra": true}
{
  "n": -0, "id": "c", "list": ["LP5", "LP6", null, 7]
}
{"id": "d", "n": null, "extra": false}
EOF
run rowcat --columns rows.jsonl
same_text "JSON Lines: keys first seen in later objects are appended" <<'EOF'
jsonl
id
n
extra
list
EOF
run rowcat -o csv rows.jsonl
same_text "JSON Lines: numbers normalised, lists joined, null absent" <<'EOF'
id,n,extra,list
a,1,,
b,2.5,true,
c,-0,,LP5 LP6 7
d,,false,
EOF
run rowcat --get id rows.jsonl
same_text "JSON Lines: blank lines skipped, each row knows its line" <<'EOF'
2	a
4	b
5	c
8	d
EOF

cat >rows.json <<'EOF'
[
  {
    "id": "a",
    "t": "x\u00e9\ud83d\ude00"
  },
  {"id": "b", "t": "tab\tand \"quote\" and \\ and \/"}
]
EOF
run rowcat --get id rows.json
same_text "JSON array: each row knows the line of its object" <<'EOF'
2	a
6	b
EOF
run rowcat --columns rows.json
like "$out" '^json$' "a JSON array is detected as json"
run rowcat -o jsonl rows.json
same_text "JSON escapes decoded, surrogate pairs joined" <<'EOF'
{"id":"a","t":"xé😀"}
{"id":"b","t":"tab\tand \"quote\" and \\ and /"}
EOF

# cJSON keeps numbers as doubles: they come back in the shortest form
# that reads as the same double, integers without a point.
cat >numbers.jsonl <<'EOF'
{"n": 1.50, "l": [1.0, 2E0, -0.0]}
{"n": 1e2, "l": [1E+2, 0.1, 1e-7]}
{"n": 9007199254740991, "l": [9007199254740993, 12345678901234567890]}
{"n": -1.5e300, "l": [2.5E-3, 100000000000000000000000, 3.14159265358979323846]}
EOF
run rowcat -o tsv numbers.jsonl
same_text "JSON numbers are normalised: the shortest text of the same double" <<'EOF'
n	l
1.5	1 2 -0
100	100 0.1 1e-7
9007199254740991	9007199254740992 1.2345678901234567e19
-1.5e300	0.0025 1e23 3.141592653589793
EOF

# --- escaping in tsv and json; table cells on one line --------------------

cat >esc.json <<'EOF'
[{"name": "tab\there", "path": "C:\\dir", "cr": "a\r\nb"},
 {"name": "\tlead", "path": "x", "cr": "=1+1"}]
EOF
run rowcat -o tsv esc.json
same_text "tsv: tab, newline, CR and backslash escaped; a leading tab neutralised" <<'EOF'
name	path	cr
tab\there	C:\\dir	a\r\nb
'\tlead	x	'=1+1
EOF
run rowcat -o table esc.json
same_text "table: tabs and line ends shown as spaces" <<'EOF'
name      path    cr
tab here  C:\dir  a b
 lead     x       =1+1
EOF

cat >ctl.json <<'EOF'
[{"a": "ctl\u0001", "b": "\u001f\b\f\n", "c": "\u007f"}]
EOF
run rowcat -o jsonl ctl.json
printf '{"a":"ctl\\u0001","b":"\\u001f\\u0008\\u000c\\n","c":"\177"}\n' >ctl.want
same_as ctl.want "json: control characters escaped"
run rowcat -o table ctl.json
same_text "table: control characters quoted, a line end shown as a space" <<'EOF'
a        b              c
ctl\x01  \x1f\x08\x0c   \x7f
EOF

# --- column types in JSON and tables --------------------------------------

cat >typed.csv <<'EOF'
id,count,when,tags
a,3,2025-03-12,LP5 LP6
b,,,
c,many,2025-01-01, LP1  LP2 
d,-0.5e2,,LP10
EOF
run rowcat -o json --type count=int --type when=date --type tags=list typed.csv
same_text "json: int as number (null when empty, string when not a number), date null when empty, list as array" <<'EOF'
[
{"id":"a","count":3,"when":"2025-03-12","tags":["LP5","LP6"]},
{"id":"b","count":null,"when":null,"tags":null},
{"id":"c","count":"many","when":"2025-01-01","tags":["LP1","LP2"]},
{"id":"d","count":-0.5e2,"when":null,"tags":["LP10"]}
]
EOF
run rowcat -o table --type count=int typed.csv
same_text "table: number columns align right" <<'EOF'
id   count  when        tags
a        3  2025-03-12  LP5 LP6
b
c     many  2025-01-01   LP1  LP2
d   -0.5e2              LP10
EOF
run rowcat -o csv typed.csv
same_text "csv: cells with leading or trailing spaces are quoted" <<'EOF'
id,count,when,tags
a,3,2025-03-12,LP5 LP6
b,,,
c,many,2025-01-01," LP1  LP2 "
d,-0.5e2,,LP10
EOF

# --- empty inputs ------------------------------------------------------

: >empty.csv
run rowcat -o json empty.csv
is "$rc:$out" "0:[]" "empty input: no rows, no error"
printf '\n  \n' >blank.csv
run rowcat blank.csv
is "$rc:$out" "0:" "blank input: no rows, no error"
printf 'a,b\n' >header.csv
run rowcat -o tsv header.csv
is "$rc:$out" "0:a	b" "header only: the header, no rows"
printf '[ ]\n' >empty.json
run rowcat -o jsonl empty.json
is "$rc:$out" "0:" "an empty JSON array: no rows"

# --- malformed input: exit 2, NAME:LINE: and what was expected ----------

bad() {	# bad NAME FILE PATTERN [rowcat options]
	_n=$1 _f=$2 _p=$3
	shift 3
	run rowcat "$@" "$_f"
	is_rc 2 "$_n: exit 2"
	like "$err" "$_p" "$_n: message"
}

printf 'a,b\n1,2\n3\n' >ragged.csv
bad "ragged row" ragged.csv '^rowcat: ragged\.csv:3: row has 1 field: expected 2, as in the header$'
printf 'a,b\n1,2,3\n' >ragged2.csv
bad "row with a field too many" ragged2.csv '^rowcat: ragged2\.csv:2: row has 3 fields: expected 2'
printf 'a,b\n1,2\n3,"open\n\nstill open\n' >unterminated.csv
bad "unterminated quoted field" unterminated.csv '^rowcat: unterminated\.csv:3: unterminated quoted field: expected a closing'
printf 'a,b\n1,2\n3,x"y\n' >stray.csv
bad "stray quote in an unquoted field" stray.csv '^rowcat: stray\.csv:3: stray quote in an unquoted field: expected the whole field in quotes'
printf 'a,b\n"multi\nline",x\n3,"y"z\n' >stray2.csv
bad "stray quote after a quoted field" stray2.csv '^rowcat: stray2\.csv:4: stray quote after a quoted field: expected'
printf 'a,b\n1,2\n3,"y" \n' >stray3.csv
bad "blank after a closing quote" stray3.csv '^rowcat: stray3\.csv:3: stray quote after a quoted field'
printf '[{"a": 1},\n {"a": }]\n' >invalid.json
bad "invalid JSON" invalid.json '^rowcat: invalid\.json:2: invalid JSON at column 8: expected a value, got .\}.$'
printf '{"a": 1}\n{"a": 01}\n' >zero.jsonl
bad "number with a leading zero" zero.jsonl '^rowcat: zero\.jsonl:2: invalid JSON at column 8: expected .,. or .\}. after a value'
printf '{"a": 1}\n{"a": "x\tb"}\n' >ctl.jsonl
bad "raw tab in a JSON string" ctl.jsonl '^rowcat: ctl\.jsonl:2: invalid JSON at column 9: expected a character or an escape'
printf '[{"a": 1}] []\n' >trailing.json
bad "text after the JSON array" trailing.json '^rowcat: trailing\.json:1: invalid JSON at column 12: expected the end of input'
printf '[{"a": 1},\n 2]\n' >notobj.json
bad "JSON array element not an object" notobj.json '^rowcat: notobj\.json:2: expected a JSON object for each row, got a number$'
printf '{"a": 1}\n["a"]\n' >notobj.jsonl
bad "JSON Lines row not an object" notobj.jsonl '^rowcat: notobj\.jsonl:2: expected a JSON object for each row, got a list$'
printf '{"a": 1}\n{"a": {"b": 1}}\n' >nested.jsonl
bad "nested object" nested.jsonl '^rowcat: nested\.jsonl:2: nested object inside "a" at column 7: expected a string, number, true, false or null$'
printf '{"a": [1, [2]]}\n' >nested2.jsonl
bad "nested list" nested2.jsonl '^rowcat: nested2\.jsonl:1: nested list inside "a" at column 11'
printf 'a\nok\n\303\n' >utf8.csv
bad "invalid UTF-8 in CSV" utf8.csv '^rowcat: utf8\.csv:3: invalid UTF-8 in a field: expected UTF-8 text$'
printf 'a\n"one\ntwo \355\240\200"\n' >utf8b.csv
bad "a surrogate in CSV, on the cell's second line" utf8b.csv '^rowcat: utf8b\.csv:3: invalid UTF-8'
printf '{"a": "ok"}\n{"a": "\300\257"}\n' >utf8.jsonl
bad "invalid UTF-8 in JSON" utf8.jsonl '^rowcat: utf8\.jsonl:2: invalid UTF-8 at column 8: expected UTF-8 text$'
printf 'a,b\n1,x\000y\n' >nul.csv
bad "NUL byte in CSV" nul.csv '^rowcat: nul\.csv:2: NUL byte in a field: expected text without NUL bytes$'
printf '{"a": "x\\u0000"}\n' >nul.jsonl
bad "NUL escape in JSON" nul.jsonl '^rowcat: nul\.jsonl:1: NUL character .* expected text without NUL bytes$'
printf '{"a": "\\ud800x"}\n' >surrogate.jsonl
bad "lone surrogate escape in JSON" surrogate.jsonl '^rowcat: surrogate\.jsonl:1: invalid JSON at column 14: expected a \\u escape for the low surrogate'

# What cJSON alone would accept, though RFC 8259 forbids it: the scanner
# in front of it refuses these, naming the line and column.
printf '{"a": 1}\n{"a": 2.}\n' >dot.jsonl
bad "a number ending in a point" dot.jsonl '^rowcat: dot\.jsonl:2: invalid JSON at column 9: expected a digit after .\.., got .\}.$'
printf '[{"a": -}]\n' >minus.json
bad "a minus sign alone" minus.json '^rowcat: minus\.json:1: invalid JSON at column 9: expected a digit, got .\}.$'
printf '{"a": [1, -.5]}\n' >negdot.jsonl
bad "a number without its integer part" negdot.jsonl '^rowcat: negdot\.jsonl:1: invalid JSON at column 12: expected a digit, got .\..$'
printf '{"a": 2.e3}\n' >dote.jsonl
bad "a point without digits before an exponent" dote.jsonl '^rowcat: dote\.jsonl:1: invalid JSON at column 9: expected a digit after'
printf '{"a": "\\uqqqq"}\n' >hex.jsonl
bad "a \\u escape without hex digits" hex.jsonl '^rowcat: hex\.jsonl:1: invalid JSON at column 10: expected a hex digit of a \\u escape, got .q.$'
printf '{"a": 1}\n{"a":\0001}\n' >nul2.jsonl
bad "a NUL byte outside a string" nul2.jsonl '^rowcat: nul2\.jsonl:2: NUL byte at column 6: expected text without NUL bytes$'
printf '[{"a":\f1}]\n' >ff.json
bad "a form feed where a blank may be" ff.json '^rowcat: ff\.json:1: invalid JSON at column 7: expected a value, got byte 0x0c$'
printf '{"a": 1e400}\n' >huge.jsonl
bad "a number too large for a double" huge.jsonl '^rowcat: huge\.jsonl:1: number out of range in "a": expected at most'
printf '{"a": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1' >deep.jsonl
bad "nesting too deep" deep.jsonl '^rowcat: deep\.jsonl:1: nested too deep at column 70: expected at most 64 levels'

# What cJSON refuses is worded from the tokens before the place it stopped.
printf '{"a": 1}\n{"a" 1}\n' >colon.jsonl
bad "no colon after a key" colon.jsonl '^rowcat: colon\.jsonl:2: invalid JSON at column 6: expected .:. after the key, got .1.$'
printf '[\n  {"a": [1 2]}\n]\n' >list.json
bad "no comma in a list" list.json '^rowcat: list\.json:2: invalid JSON at column 12: expected .,. or .\]. in a list, got .2.$'
printf '{"a": 1,\n "b": 2,\n  3: 4}\n' >key.jsonl
bad "a key that is not a string" key.jsonl '^rowcat: key\.jsonl:3: invalid JSON at column 3: expected a string key, got .3.$'
printf '{"a": 1}\n{"a": tru}\n' >word.jsonl
bad "a misspelt word" word.jsonl '^rowcat: word\.jsonl:2: invalid JSON at column 7: expected a value, got .t.$'
printf '[{"a": 1},\n {"a": [1,\n' >cut.json
bad "input cut short inside a row" cut.json '^rowcat: cut\.json:3: invalid JSON at column 1: expected a value, got the end of input$'
printf '{"a": "open\n' >open.jsonl
bad "an unterminated string" open.jsonl '^rowcat: open\.jsonl:1: invalid JSON at column 12: expected a character or an escape'
printf '{"a": 1}\n{"a": 2} x\n' >after.jsonl
bad "text between JSON Lines objects" after.jsonl '^rowcat: after\.jsonl:2: invalid JSON at column 10: expected an object, got .x.$'
printf 'a,b,a\n1,2,3\n' >dup.csv
bad "duplicate header column" dup.csv '^rowcat: dup\.csv:1: column "a" twice in the header: expected each name once$'
printf '\n\na,,c\n1,2,3\n' >emptyname.csv
bad "empty header name" emptyname.csv '^rowcat: emptyname\.csv:3: column 2 of the header has no name: a column name must not be empty$'
printf '""\nx\n' >emptyhead.csv
bad "empty header" emptyhead.csv '^rowcat: emptyhead\.csv:1: column 1 of the header has no name'

printf '{"a": 1}\n{"a": 2, "": 3}\n' >emptykey.jsonl
bad "an empty JSON key, as an empty header name" emptykey.jsonl '^rowcat: emptykey\.jsonl:2: a key is "": a column name must not be empty$'

# Only a BOM at the very first byte is one.  A U+FEFF anywhere else in
# a header is part of the name, and the writer quotes a cell that
# starts with one, so that it is never taken for a BOM when read back.
printf '\n\n\357\273\277a,b\n1,2\n' >bomlate.csv
run rowcat -o csv bomlate.csv
printf '"\357\273\277a",b\n1,2\n' >bomlate.want
same_as bomlate.want "a U+FEFF after blank lines is kept, and written quoted"
printf '%s\n' "$out" >bomlate2.csv
run rowcat --columns bomlate2.csv
printf 'csv\n\357\273\277a\nb\n' >bomlate.cols
same_as bomlate.cols "and it reads back as the same column name"
printf '\357\273\277\357\273\277x\n1\n' >bom2.csv
run rowcat -o jsonl bom2.csv
printf '{"\357\273\277x":"1"}\n' >bom2.want
same_as bom2.want "a second U+FEFF at the start is not a BOM"

# Excel appends rows of empty cells when it saves a sheet: in lp's own
# files (--csv-only) they are skipped; elsewhere they are rows.
printf 'id,date,note\na,2025-01-01,x\n,,\n,,\r\nb,2025-02-01,\n,,\n' >excel.csv
run rowcat --csv-only --get id excel.csv
same_text "--csv-only: rows of empty cells are skipped" <<'EOF'
2	a
5	b
EOF
run rowcat --count excel.csv
is "$rc:$out" "0:5" "without --csv-only they are rows"
printf 'id,n\n"",""\nx,1\n' >emptyrow.csv
run rowcat --csv-only -o jsonl emptyrow.csv
is "$out" '{"id":"x","n":"1"}' "--csv-only: quoted empty cells are empty too"

# Field size: the limit is LP_FIELD_MAX (1 MiB) bytes.
field() {	# field N: N bytes of x
	head -c "$1" /dev/zero | tr '\0' x
}
{ echo 'a,b'; printf '1,'; field 1048576; echo; } >limit.csv
run rowcat --count limit.csv
is "$rc:$out" "0:1" "a field of exactly LP_FIELD_MAX bytes is accepted"
{ echo 'a,b'; printf '1,2\n3,"'; field 1048577; echo '"'; } >over.csv
bad "a quoted field one byte over the limit" over.csv '^rowcat: over\.csv:3: field too large: expected at most 1048576 bytes$'
{ echo 'a,b'; printf '1,2\n3,"\n'; field 8000000; echo '"'; } >huge.csv
bad "an 8 MB quoted field, named by its first line" huge.csv '^rowcat: huge\.csv:3: field too large'
{ echo 'a'; field 8000000; echo; } >huge2.csv
run_in huge2.csv rowcat --count
is_rc 2 "an 8 MB field on standard input: exit 2"
like "$err" '^rowcat: <stdin>:2: field too large' "standard input is named <stdin>"
{ printf '{"a": "'; field 1048576; printf '"}\n'; } >limit.jsonl
run rowcat --count limit.jsonl
is "$rc:$out" "0:1" "a JSON value of exactly LP_FIELD_MAX bytes is accepted"
{ printf '{"a": "'; field 1048577; printf '"}\n'; } >over.jsonl
bad "a JSON value over the limit" over.jsonl '^rowcat: over\.jsonl:1: value too large: expected at most 1048576 bytes$'

# Columns: at most LP_COLS_MAX (1024).
seq 1 1024 | sed 's/^/c/' | paste -sd, - >cols1024.csv
run rowcat --count cols1024.csv
is "$rc:$out" "0:0" "a header of 1024 columns is accepted"
seq 1 1025 | sed 's/^/c/' | paste -sd, - >cols1025.csv
bad "a header of 1025 columns" cols1025.csv '^rowcat: cols1025\.csv:1: header has 1025 columns: expected at most 1024$'
{ printf '{"c0": 0'; seq 1 1024 | sed 's/.*/, "c&": 0/' | tr -d '\n'; echo '}'; } >cols1025.jsonl
bad "a JSON row of 1025 keys" cols1025.jsonl '^rowcat: cols1025\.jsonl:1: more than 1024 columns: expected at most 1024$'

# --csv-only: lp's own files are written raw, so a leading ' is data.
printf "note,n,q\n'=x,'+1,''=y\n" >own.csv
run rowcat --csv-only -o tsv --raw own.csv
same_text "--csv-only keeps a leading ' (lp's own files are written raw)" <<'EOF'
note	n	q
'=x	'+1	''=y
EOF
# Exactly the inverse of the writer: one ' goes when what follows needs
# neutralising ('=x, ''=y); +1 is a plain number, so lp never writes '+1
# and a ' there is the user's.
run rowcat -o tsv --raw own.csv
same_text "other CSV loses the one ' that neutralised a formula, and only that" <<'EOF'
note	n	q
=x	'+1	'=y
EOF
printf '{"a": "%s"}\n' "'=1+1" >tick.jsonl
run rowcat -o csv tick.jsonl
same_text "a value that starts with ' and a formula is written with its ' doubled" <<'EOF'
a
''=1+1
EOF
printf "%s\n" "$out" >tick.csv
run rowcat -o jsonl tick.csv
is "$out" '{"a":"'"'"'=1+1"}' "and reads back as it was"

# --csv-only: a file with a fixed CSV form is never taken for JSON.
printf '[a],b\n1,2\n' >bracket.csv
run rowcat --csv-only --columns bracket.csv
same_text "--csv-only reads a first '[' as CSV" <<'EOF'
csv
[a]
b
EOF

# --- streaming and output errors -------------------------------------------

# Many rows stream through (memory stays flat; measured by hand, not here).
awk 'BEGIN { print "id,note"; for (i = 1; i <= 200000; i++)
	printf "p%d,\"note, %d\"\n", i, i }' >many.csv
run rowcat --count many.csv
is "$rc:$out" "0:200000" "200000 rows stream through"
run rowcat --get id many.csv
is "$(printf '%s\n' "$out" | tail -n 1)" "200001	p200000" "the last of them knows its line"

# A JSON array is read one element at a time, and its elements cross
# the reader's 64 KiB pieces at every place: inside escapes, UTF-8
# sequences and numbers.  The same rows come from a stream and from memory.
awk 'BEGIN { printf "["; for (i = 1; i <= 100000; i++)
	printf "%s\n {\"id\": \"p%d\", \"t\": \"\\u00e9\\ud83d\\ude00 \\\"%d\\\" é\", \"n\": %d.25e1}",
	    (i > 1 ? "," : ""), i, i, i; print "]" }' >many.json
run rowcat --count many.json
is "$rc:$out" "0:100000" "100000 JSON array elements stream through"
rowcat -o jsonl many.json >many.stream
rowcat --mem -o jsonl many.json >many.mem
same_file many.mem many.stream "a JSON array: the same rows from a stream and from memory"
like "$(tail -n 1 many.stream)" '^\{"id":"p100000","t":"é😀 \\"100000\\" é","n":"1000002\.5"\}$' \
	"the last element is read whole"
run rowcat --get id many.json
is "$(printf '%s\n' "$out" | tail -n 1)" "100001	p100000" "the last element knows its line"

# One row's JSON text is bounded (64 MiB), blanks included.
{ printf '{"a":'; head -c 67108864 /dev/zero | tr '\0' ' '; printf '1}\n'; } >wide.jsonl
bad "a row of more than 64 MiB of JSON" wide.jsonl '^rowcat: wide\.jsonl:1: row too large: expected at most 67108864 bytes of JSON for one row$'
rm -f wide.jsonl

if [ -w /dev/full ]; then
	rowcat people.csv >/dev/full 2>"$TMP/full.err"
	rc=$?
	is "$rc" 2 "a full disk: exit 2"
	like "$(cat "$TMP/full.err")" '^rowcat: write error on standard output: No space left on device' "a full disk: the write error is reported"
fi

done_testing
