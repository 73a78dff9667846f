#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lib/rows-write.c and lib/utf8.c: tables align by display width, and
# control characters in a cell are quoted before they reach a terminal.

# same_as FILE NAME: $out is FILE's content
same_as() {
	printf '%s\n' "$out" >"$TMP/.same"
	same_file "$1" "$TMP/.same" "$2"
}

# An emoji and a CJK name take two columns a character; a combining
# accent (e + U+0301) none; U+FE0F (emoji presentation), a zero-width
# joiner and a zero-width space none.
printf 'name,n\n' >wide.csv
printf 'Ann,1\n' >>wide.csv
printf '\346\235\216\345\260\217\351\276\231,2\n' >>wide.csv		# 李小龙
printf 'Rene\314\201e,3\n' >>wide.csv				# Renée, decomposed
printf '\360\237\230\200 smile,4\n' >>wide.csv			# 😀 smile
printf '\342\235\244\357\270\217 x,5\n' >>wide.csv		# ❤️ x
printf 'a\342\200\213b\342\200\215c,6\n' >>wide.csv		# a ZWSP b ZWJ c
printf '\357\274\241\357\274\242,7\n' >>wide.csv			# ＡＢ fullwidth
run rowcat -o table --type n=int wide.csv
# Made byte for byte: ❤️ is U+2764 U+FE0F, one column (U+FE0F none, as
# wcwidth counts it); a ZWSP and a ZWJ sit between a, b and c.
printf 'name      n\nAnn       1\n\346\235\216\345\260\217\351\276\231    2\nRene\314\201e     3\n\360\237\230\200 smile  4\n\342\235\244\357\270\217 x       5\na\342\200\213b\342\200\215c       6\n\357\274\241\357\274\242      7\n' >wide.want
same_as wide.want "table: CJK and emoji take two columns, combining marks and joiners none"

# Control characters: ESC, a C1 CSI (U+009B), BEL and DEL are quoted;
# a tab and line ends are shown as spaces, as before.
printf '[{"a": "\\u001b[31mred\\u001b[0m", "b": "x\\u009by", "c": "bell\\u0007\\u007f", "d": "t\\tu\\r\\nv"}]\n' >ctl.json
run rowcat -o table ctl.json
printf '%s\n' 'a               b         c             d' \
	'\e[31mred\e[0m  x\u{9b}y  bell\x07\x7f  t u v' >ctl.want
same_as ctl.want "table: ESC, C1, BEL and DEL quoted, tabs and line ends spaces"
run rowcat -o table ctl.json
unlike "$out" "$(printf '\033')" "table: no raw ESC reaches the terminal"
unlike "$out" "$(printf '\302\233')" "table: no raw CSI (U+009B) reaches the terminal"

# The header is a cell like any other.
printf '{"\\u001b]0;title\\u0007": 1}\n' >ctlhead.jsonl
run rowcat -o table ctlhead.jsonl
is "$out" '\e]0;title\x07
1' "table: control characters in a column name are quoted too"

# Bidirectional overrides could show a cell's text in another order.
printf 'a\nx\342\200\256cba\n' >bidi.csv
run rowcat -o table bidi.csv
is "$out" 'a
x\u{202e}cba' "table: a right-to-left override is quoted"

# The other formats carry the text as it is: they are read by programs.
run rowcat -o jsonl ctl.json
is "$out" '{"a":"\u001b[31mred\u001b[0m","b":"x'"$(printf '\302\233')"'y","c":"bell\u0007'"$(printf '\177')"'","d":"t\tu\r\nv"}' \
	"json: control characters escaped as JSON, C1 and DEL kept"

done_testing
