#!/bin/sh
. "$(dirname "$0")/lib.sh"

# lp-assess framework: the framework as rows, in the form --framework
# reads back.

run lp-assess framework
is_rc 0 "framework exits 0"
printf '%s\n' "$out" >builtin.csv
is "$(head -n 1 builtin.csv)" "standard,name,group,level,descriptor,prompt,framework" \
	"the SPEC's columns, then prompt and framework"
is "$(sed 1d builtin.csv | wc -l | tr -d ' ')" 40 "four rows for each of ten standards"
is "$(sed 1d builtin.csv | cut -d, -f1 | uniq | tr '\n' ' ')" "LP1 LP2 LP3 LP4 LP5 LP6 LP7 LP8 LP9 LP10 " \
	"LP1..LP10 in order"
is "$(grep '^LP8,' builtin.csv | cut -d, -f4 | tr '\n' ' ')" "underlying developing extending transforming " \
	"levels underlying..transforming"
is "$(grep -c '^LP5,Undertaking research to improve specialist expertise,Expertise,' builtin.csv)" 4 \
	"name and group on every row"
fwcat >fwcat.csv
same_file fwcat.csv builtin.csv "the same rows as the library's own framework printer"

# Round trips: what -o json, jsonl and csv print loads again, unchanged.
for f in json jsonl csv; do
	lp-assess framework -o $f >fw.$f
	run lp-assess framework -o csv --framework fw.$f
	is_rc 0 "the -o $f output loads through --framework"
	printf '%s\n' "$out" >again.csv
	same_file builtin.csv again.csv "-o $f round trip is exact"
done
LP_FRAMEWORK=fw.json; export LP_FRAMEWORK
run lp-assess framework -o csv
unset LP_FRAMEWORK
printf '%s\n' "$out" >again.csv
same_file builtin.csv again.csv "LP_FRAMEWORK names it too"

# An edited framework: its text is what the other subcommands show.
sed 's/Coaching to lead/Coaching others to lead/' fw.json >edited.json
run lp-assess framework --framework edited.json -o tsv
is "$(printf '%s\n' "$out" | grep -c '^LP8	Coaching others to lead	')" 4 "an edited name is used"
mkportfolio ada ada "Ada Lovelace" 2025-09-01
run lp-assess show --framework edited.json -o csv ada
is "$(printf '%s\n' "$out" | grep -c ',Leadership,')" 3 "show takes its groups from the framework"

run lp-assess framework -o json
like "$(printf '%s' "$out" | head -c 1)" '^\[$' "-o json is one array"

# --- a framework file with holes -------------------------------------------

grep -v '^LP7,' builtin.csv >nolp7.csv
run lp-assess framework --framework nolp7.csv
is_rc 2 "a framework without LP7: exit 2"
like "$err" "^lp-assess: nolp7.csv(:[0-9]+)?: LP7 has no rows" "a framework without LP7: message"
is "$out" "" "a framework without LP7: nothing printed"

grep -v '^LP2,Negotiating and influencing,Attributes,extending,' builtin.csv >nolevel.csv
run lp-assess framework --framework nolevel.csv
is_rc 2 "a framework without LP2 extending: exit 2"
like "$err" "nolevel.csv(:[0-9]+)?: LP2 has no row for level extending" "a missing level: message"

run lp-assess framework --framework nosuch.json
is_rc 2 "a framework file that does not exist: exit 2"

done_testing
