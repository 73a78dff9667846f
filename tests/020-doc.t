#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Front matter documents (lib/doc.c) through the doccat driver: what is
# accepted and how it reads, what is rejected and where, and that writing
# a document back keeps every field, in order, and the body byte for byte.

# --- valid documents ------------------------------------------------------

cat >ev.md <<'EOF'
---
title: Phonics twilight for the KS1 team
date: 2025-03-12
standards: [LP5, LP6, "LP7"]
reach: institution
colleagues: 12
attachments:
  - attachments/phonics-slides.pdf
  - 'attachments/notes, week 2.txt'
zeta: unknown keys stay where they were
where: "across the trust: three schools"
shared: true
note: 'it''s # not a comment'
empty:
tilde: ~
null-word: null
quoted-null: "null"
block: |
  two
  lines
alpha: last
---
What I did, and why.
EOF
run doccat ev.md
is_rc 0 "a typical evidence file parses"
same_text "fields in file order, values as written, lists from flow and block style" <<'EOF'
title=Phonics twilight for the KS1 team
date=2025-03-12
standards=[LP5|LP6|LP7]
reach=institution
colleagues=12
attachments=[attachments/phonics-slides.pdf|attachments/notes, week 2.txt]
zeta=unknown keys stay where they were
where=across the trust: three schools
shared=true
note=it's # not a comment
empty=
tilde=
null-word=
quoted-null=null
block=two
lines

alpha=last
--body--
What I did, and why.
EOF

run doccat --format ev.md
is_rc 0 "--format succeeds"
same_text "format: plain where safe, double-quoted where YAML needs it, flow lists" <<'EOF'
---
title: Phonics twilight for the KS1 team
date: 2025-03-12
standards: [LP5, LP6, LP7]
reach: institution
colleagues: 12
attachments: [attachments/phonics-slides.pdf, "attachments/notes, week 2.txt"]
zeta: unknown keys stay where they were
where: "across the trust: three schools"
shared: true
note: "it's # not a comment"
empty: ""
tilde: ""
null-word: ""
quoted-null: "null"
block: "two\nlines\n"
alpha: last
---
What I did, and why.
EOF

doccat --format ev.md >ev2.md
doccat --format ev2.md >ev3.md
same_file ev2.md ev3.md "formatting what format wrote changes nothing"
doccat ev.md >fields1
doccat ev2.md >fields2
same_file fields1 fields2 "the formatted file reads back as the same fields and body"

# Body byte for byte: trailing blanks, blank lines, '---' lines inside,
# no final newline.
printf -- '---\ntitle: x\n---\n\n  indented  \n---\n...\ntail no newline  ' >body.md
printf -- 'title=x\n--body--\n\n  indented  \n---\n...\ntail no newline  ' >body.want
doccat body.md >body.got
same_file body.want body.got "the body is kept byte for byte"
printf -- '---\ntitle: x\n---\n\n  indented  \n---\n...\ntail no newline  ' >body.want
doccat --format body.md >body.got
same_file body.want body.got "format writes the body back byte for byte"

# CRLF line ends and a UTF-8 BOM: read as if LF, written with LF.
printf '\357\273\277---\r\ntitle: CRLF file\r\nlist:\r\n  - a\r\n  - b\r\n---\r\nline one\r\nline two  \r\nlast' >crlf.md
printf 'title=CRLF file\nlist=[a|b]\n--body--\nline one\nline two  \nlast' >crlf.want
doccat crlf.md >crlf.got
is "$?" 0 "a CRLF file with a BOM parses"
same_file crlf.want crlf.got "CRLF and BOM: fields as usual, the body with LF ends"
printf -- '---\ntitle: CRLF file\nlist: [a, b]\n---\nline one\nline two  \nlast' >crlf.want
doccat --format crlf.md >crlf.got
same_file crlf.want crlf.got "a CRLF file is written back with LF and no BOM"

printf -- '---\n---\n' >empty.md
run doccat empty.md
is_rc 0 "an empty front matter block is valid"
is "$out" "--body--" "an empty block has no fields and an empty body"
run doccat --format empty.md
is "$out" "$(printf -- '---\n---')" "an empty block formats as two delimiters"

printf -- '---\n# just a comment\n\n---\nbody\n' >comment.md
run doccat comment.md
is "$out" "$(printf -- '--body--\nbody')" "comments and blank lines alone are no fields"

printf -- '---  \nid: a\n...\nbody\n' >dots.md
run doccat dots.md
is "$out" "$(printf -- 'id=a\n--body--\nbody')" "'...' closes the block; blanks after '---' are fine"

printf -- '---\nid: a\n---' >nobody.md
run doccat nobody.md
is "$out" "$(printf -- 'id=a\n--body--')" "a closing line at the end of the file gives an empty body"

cat >uni.md <<'EOF'
---
name: Zoë Ångström-Ōtsuka
school: 東京学園
focus: "naïve \"quotes\" and €"
---
EOF
run doccat uni.md
same_text "UTF-8 text is kept as it is" <<'EOF'
name=Zoë Ångström-Ōtsuka
school=東京学園
focus=naïve "quotes" and €
--body--
EOF

# --- changing fields ------------------------------------------------------

run doccat --set reach=beyond --set new-key=': x' --unset colleagues \
	--set-list standards='LP1|a, b|#c' --set-list attachments= ev.md
is_rc 0 "set, set-list and unset succeed"
same_text "set keeps a key's place, new keys go last, unset removes, body unchanged" <<'EOF'
---
title: Phonics twilight for the KS1 team
date: 2025-03-12
standards: [LP1, "a, b", "#c"]
reach: beyond
attachments: []
zeta: unknown keys stay where they were
where: "across the trust: three schools"
shared: true
note: "it's # not a comment"
empty: ""
tilde: ""
null-word: ""
quoted-null: "null"
block: "two\nlines\n"
alpha: last
new-key: ": x"
---
What I did, and why.
EOF

run doccat --set title=' - lead, trail ' --set 'x=say "hi"\' --set 'y=a #b' \
	--set z=null --set w=~ --set v='@at' --set u='-5' --set t='10:30' empty.md
same_text "values that YAML would misread are quoted" <<'EOF'
---
title: " - lead, trail "
x: say "hi"\
y: "a #b"
z: "null"
w: "~"
v: "@at"
u: "-5"
t: 10:30
---
EOF

# The unit test builds documents from awkward values (and random mixes of
# them) and checks that parse(format(doc)) gives them back.
run docround
is_rc 0 "round trip over tricky and random values"
like "$out" "^docround: [0-9]+ values, [0-9]+ documents, [0-9]+ mutants round-tripped$" \
	"round trip summary"

# --- rejected input: exit 2, a diagnostic naming file, line and what was expected

bad() {	# bad NAME PRINTF-TEXT EXPECTED-STDERR
	printf -- "$2" >bad.md
	run doccat bad.md
	if [ "$rc" = 2 ] && [ "$err" = "$3" ] && [ -z "$out" ]; then ok "$1"; else
		not_ok "$1" "exit $rc" "stderr: $err" "want:   $3" "stdout: $out"; fi
}

bad "no opening delimiter" 'title: x\n---\n' \
	"doccat: bad.md:1: expected '---' on the first line to open the front matter"
bad "an empty file" '' \
	"doccat: bad.md:1: expected '---' on the first line to open the front matter"
bad "text before the opening delimiter" '\n---\ntitle: x\n---\n' \
	"doccat: bad.md:1: expected '---' on the first line to open the front matter"
bad "unterminated block" '---\ntitle: x\nbody\n' \
	"doccat: bad.md:1: unterminated front matter: expected a '---' or '...' line to close it"
bad "only an opening delimiter" '---' \
	"doccat: bad.md:1: unterminated front matter: expected a '---' or '...' line to close it"
bad "nested mapping" '---\ntitle: x\nwhere:\n  school: a\n---\n' \
	"doccat: bad.md:4: key 'where': expected a value or a list of values, found a nested mapping"
bad "flow mapping" '---\nwhere: {school: a}\n---\n' \
	"doccat: bad.md:2: key 'where': expected a value or a list of values, found a nested mapping"
bad "list of lists" '---\nstandards: [LP1, [LP2]]\n---\n' \
	"doccat: bad.md:2: key 'standards': expected a list of plain or quoted values, found a nested list inside it"
bad "block list of mappings" '---\nstandards:\n  - LP1\n  - id: LP2\n---\n' \
	"doccat: bad.md:4: key 'standards': expected a list of plain or quoted values, found a nested mapping inside it"
bad "anchor" '---\na: &x LP1\n---\n' \
	"doccat: bad.md:2: anchor '&x': expected a plain or quoted value (anchors are not allowed)"
bad "alias" '---\na: LP1\nb: *x\n---\n' \
	"doccat: bad.md:3: alias '*x': expected a plain or quoted value (aliases are not allowed)"
bad "core tag" '---\ncolleagues: !!int 12\n---\n' \
	"doccat: bad.md:2: tag '!!int': expected a plain or quoted value without a YAML tag"
bad "local tag" '---\ncolleagues: !n 12\n---\n' \
	"doccat: bad.md:2: tag '!n': expected a plain or quoted value without a YAML tag"
bad "duplicate key" '---\ntitle: a\ndate: 2025-01-01\ntitle: b\n---\n' \
	"doccat: bad.md:4: duplicate key 'title': expected each key once (first at line 2)"
# Past 16 keys the duplicate check moves to a hash table: a key given
# again there is still found, whether its first copy came before or after.
many=$(i=1; while [ $i -le 40 ]; do printf 'k%d: v\\n' $i; i=$((i + 1)); done)
bad "duplicate key among many, first seen early" "---\\n${many}k3: again\\n---\\n" \
	"doccat: bad.md:42: duplicate key 'k3': expected each key once (first at line 4)"
bad "duplicate key among many, first seen late" "---\\n${many}k30: again\\n---\\n" \
	"doccat: bad.md:42: duplicate key 'k30': expected each key once (first at line 31)"
bad "upper-case key" '---\nTitle: a\n---\n' \
	"doccat: bad.md:2: key 'Title' is not lower case: expected 'title'"
bad "empty key" '---\n"": a\n---\n' \
	"doccat: bad.md:2: empty key: expected a name before ':'"
bad "list as a key" '---\n[a]: b\n---\n' \
	"doccat: bad.md:2: expected a key, found a list"
bad "tab indentation of a list" '---\nstandards:\n\t- LP1\n---\n' \
	"doccat: bad.md:3: tab in indentation: expected spaces"
bad "tab indentation of a key" '---\ntitle: a\n\tdate: 2025-01-01\n---\n' \
	"doccat: bad.md:3: tab in indentation: expected spaces"
bad "invalid UTF-8 in the front matter" '---\ntitle: caf\351\n---\n' \
	"doccat: bad.md:2: invalid UTF-8: expected UTF-8 text"
bad "invalid UTF-8 in the body" '---\ntitle: x\n---\nok\n\300\257\n' \
	"doccat: bad.md:5: invalid UTF-8: expected UTF-8 text"
bad "NUL byte" '---\ntitle: x\n---\nbody\0\n' \
	"doccat: bad.md:4: NUL byte: expected text"
bad "NUL escape" '---\ntitle: "a\\0b"\n---\n' \
	"doccat: bad.md:2: key 'title': NUL or invalid character in value: expected text"
bad "control character" '---\ntitle: a\001b\n---\n' \
	"doccat: bad.md:2: control character U+0001: expected printable text (write it as an escape in a double-quoted value)"
bad "lone CR" '---\ntitle: a\rdate: b\n---\n' \
	"doccat: bad.md:2: lone CR: expected LF or CRLF line ends"
bad "second document" '---\ntitle: a\n--- x\n---\n' \
	"doccat: bad.md:3: second YAML document: expected one front matter block"
bad "directive" '---\n%%YAML 1.1\n--- {a: b}\n---\n' \
	"doccat: bad.md:2: %YAML or %TAG directive: expected 'key: value' lines"
bad "a list instead of a mapping" '---\n- a\n- b\n---\n' \
	"doccat: bad.md:2: expected 'key: value' lines, found a list"
bad "a bare value instead of a mapping" '---\njust text\n---\n' \
	"doccat: bad.md:2: expected 'key: value' lines, found a value"
bad "a line without a colon" '---\ntitle: a\nstray\n---\n' \
	"doccat: bad.md:3: malformed YAML: could not find expected ':' (while scanning a simple key)"
bad "unclosed quote" '---\ntitle: "a\ndate: b\n---\n' \
	"doccat: bad.md:2: malformed YAML: found unexpected end of stream (while scanning a quoted scalar)"
bad "unclosed flow list" '---\nstandards: [LP1, LP2\n---\n' \
	"doccat: bad.md:2: malformed YAML: did not find expected ',' or ']' (while parsing a flow sequence)"

run doccat missing.md
is_rc 2 "a missing file is exit 2"

# Billion laughs: the first anchor is refused, so nothing is ever expanded.
{
	echo '---'
	echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
	prev=a
	for x in b c d e f g h i; do
		printf '%s: &%s [' "$x" "$x"
		for n in 1 2 3 4 5 6 7 8; do printf '*%s,' "$prev"; done
		echo "*$prev]"
		prev=$x
	done
	echo '---'
} >laughs.md
run doccat laughs.md
is_rc 2 "billion laughs is rejected"
is "$err" "doccat: laughs.md:2: anchor '&a': expected a plain or quoted value (anchors are not allowed)" \
	"billion laughs: the first anchor is the error"

# Deep nesting: rejected at the first nested level, no recursion to blow up.
deep() {	# deep CHAR PREFIX
	{ echo '---'; printf '%s' "$2"; awk -v c="$1" 'BEGIN { for (i = 0; i < 10000; i++) printf "%s", c; print "" }'; echo '---'; } >deep.md
}
deep '[' 'standards: '
run doccat deep.md
is_rc 2 "10,000 nested [ in a value: exit 2, no crash"
is "$err" "doccat: deep.md:2: key 'standards': expected a list of plain or quoted values, found a nested list inside it" \
	"10,000 nested [ in a value: the nested list is named"
deep '[' ''
run doccat deep.md
is_rc 2 "10,000 nested [ as the block: exit 2, no crash"
is "$err" "doccat: deep.md:2: expected 'key: value' lines, found a list" \
	"10,000 nested [ as the block: expected a mapping"
deep '{' 'where: '
run doccat deep.md
is_rc 2 "10,000 nested { in a value: exit 2, no crash"
is "$err" "doccat: deep.md:2: key 'where': expected a value or a list of values, found a nested mapping" \
	"10,000 nested {: the nested mapping is named"

done_testing
