#!/bin/sh
. "$(dirname "$0")/lib.sh"

# Dates, levels, reach, standards and the framework: the unit tests in
# tests/unit/test-dates.c (forwarded case by case), then framework files
# loaded through the fwcat driver.

# --- unit tests --------------------------------------------------------

test-dates >"$TMP/unit.out" 2>"$TMP/unit.err"
unit_rc=$?
unit_n=0
while IFS= read -r line; do
	case $line in
	"ok "*)
		unit_n=$((unit_n + 1))
		ok "unit: ${line#* - }" ;;
	"not ok "*)
		unit_n=$((unit_n + 1))
		not_ok "unit: ${line#* - }" ;;
	"# "*)
		echo "$line" ;;
	esac
done <"$TMP/unit.out"
is "$unit_rc" 0 "test-dates exits 0"
is "$(tail -n 1 "$TMP/unit.out")" "1..$unit_n" "test-dates ran its whole plan"
out=$(cat "$TMP/unit.err")
same_text "bad --today and LP_TODAY values are named with what was expected" <<'EOF'
test-dates: --today: expected a date YYYY-MM-DD, got '2025-02-30'
test-dates: LP_TODAY: expected a date YYYY-MM-DD, got '15/01/2026'
test-dates: --today: expected a date YYYY-MM-DD, got ''
EOF

# --- the built-in framework -------------------------------------------

run fwcat
is_rc 0 "fwcat prints the built-in framework"
printf '%s\n' "$out" >builtin.csv
is "$(head -n 1 builtin.csv)" "standard,name,group,level,descriptor,prompt,framework" \
	"framework rows have the documented columns"
is "$(fwcat -o tsv | sed 1d | cut -f1,4 | sort -u | wc -l | tr -d ' ')" 40 \
	"the built-in has 40 distinct standard/level rows"
is "$(grep -c '^LP8,Coaching to lead,Leadership,extending,' builtin.csv)" 1 \
	"LP8 extending is in the Leadership group"
is "$(grep -c ',LPS1$' builtin.csv)" 40 "every built-in row names LPS1"

run fwcat builtin.csv
is_rc 0 "the built-in framework, printed as CSV, loads back"
printf '%s\n' "$out" >again.csv
same_file builtin.csv again.csv "CSV round trip gives identical output"

fwcat -o json >builtin.json
run fwcat builtin.json
is_rc 0 "the built-in framework as a JSON array loads"
printf '%s\n' "$out" >fromjson.csv
same_file builtin.csv fromjson.csv "JSON round trip gives identical output"

fwcat -o jsonl >builtin.jsonl
run fwcat builtin.jsonl
printf '%s\n' "$out" >fromjsonl.csv
same_file builtin.csv fromjsonl.csv "JSON Lines round trip gives identical output"

# --- a framework of our own -------------------------------------------

levels="underlying developing extending transforming"

# mkfw FILE: a complete framework without prompt or framework columns.
# Row N+1 is standard (N-1)/4+1 at level (N-1)%4+1.
mkfw() {
	{
		echo "standard,name,group,level,descriptor"
		for i in 1 2 3 4 5 6 7 8 9 10; do
			for l in $levels; do
				echo "LP$i,Standard $i,Group $(((i + 3) / 4)),$l,Reach $l on standard $i."
			done
		done
	} >"$1"
}

# The rows fwcat prints for mkfw's framework, loaded from a file with stem $1.
want_fw() {
	echo "standard,name,group,level,descriptor,prompt,framework"
	for i in 1 2 3 4 5 6 7 8 9 10; do
		for l in $levels; do
			d="Reach $l on standard $i."
			echo "LP$i,Standard $i,Group $(((i + 3) / 4)),$l,$d,Have you thought about what it would take to meet this: $d,$1"
		done
	done
}

mkfw custom.csv
want_fw custom >want.csv
run fwcat custom.csv
is_rc 0 "a framework without prompts loads"
printf '%s\n' "$out" >got.csv
same_file want.csv got.csv "missing prompts are built from the descriptor; the id is the file stem"

run env LP_FRAMEWORK="$TMP/custom.csv" fwcat
printf '%s\n' "$out" >got.csv
same_file want.csv got.csv "LP_FRAMEWORK names the framework file"

run env LP_FRAMEWORK= fwcat
printf '%s\n' "$out" >got.csv
same_file builtin.csv got.csv "an empty LP_FRAMEWORK means the built-in"

# Aliases and case on input, canonical names on output, 'none' rows ignored,
# rows in any order.
{
	echo "level,standard,descriptor,group,name,framework"
	for i in 10 9 8 7 6 5 4 3 2 1; do
		set -- Beginning 2 EXTENDING transforming-and-leading
		for l in $levels; do
			d="Reach $l on standard $i."
			echo "$1,lp$i,$d,Group $(((i + 3) / 4)),Standard $i,"
			shift
		done
		echo "none,LP$i,Nothing yet.,Group $(((i + 3) / 4)),Standard $i,"
	done
} >aliases.csv
sed -i '5s/,$/,KS2/' aliases.csv
want_fw KS2 >want.csv
run fwcat aliases.csv
printf '%s\n' "$out" >got.csv
same_file want.csv got.csv "level aliases, lower-case ids and the framework column are accepted"

# --- broken framework files -------------------------------------------

# bad NAME FILE MESSAGE: fwcat FILE fails with exit 2, no output, MESSAGE.
bad() {
	run fwcat "$2"
	if [ "$rc" = 2 ] && [ -z "$out" ] && [ "$err" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "exit $rc (want 2)" "stdout: $out" "stderr: $err" "want:   $3"
	fi
}

mkfw f.csv && sed -i 28d f.csv
bad "a missing level is named at the standard's first row" f.csv \
	"fwcat: f.csv:26: LP7 has no row for level extending"

mkfw f.csv && sed -i '/^LP9,/d' f.csv
bad "a standard with no rows is named" f.csv \
	"fwcat: f.csv: LP9 has no rows (expected one for each level: underlying, developing, extending or transforming)"

mkfw f.csv && sed -i '5s/^LP1,/LP11,/' f.csv
bad "an unknown standard names FILE:LINE" f.csv \
	"fwcat: f.csv:5: unknown standard 'LP11' (expected LP1..LP10)"

mkfw f.csv && sed -i '5s/^LP1,/LP01,/' f.csv
bad "a standard with a leading zero is unknown" f.csv \
	"fwcat: f.csv:5: unknown standard 'LP01' (expected LP1..LP10)"

mkfw f.csv && sed -n 11p f.csv >>f.csv
bad "a duplicate row names both lines" f.csv \
	"fwcat: f.csv:42: duplicate row for LP3 developing (first on line 11)"

mkfw f.csv && sed -i '10s/,underlying,/,beginning,/; 10s/Reach/Again/' f.csv
sed -n 10p f.csv | sed 's/,beginning,/,1,/' >>f.csv
bad "an alias of a level already given is a duplicate" f.csv \
	"fwcat: f.csv:42: duplicate row for LP3 underlying (first on line 10)"

mkfw f.csv && sed -i '20s/,extending,/,expanding,/' f.csv
bad "an unknown level names FILE:LINE and the levels expected" f.csv \
	"fwcat: f.csv:20: unknown level 'expanding' (expected underlying, developing, extending or transforming)"

mkfw f.csv && sed -i '20s/,extending,/,,/' f.csv
bad "an empty level is an error, not 'none'" f.csv \
	"fwcat: f.csv:20: unknown level '' (expected underlying, developing, extending or transforming)"

mkfw f.csv && sed -i '3s/Standard 1/Standard one/' f.csv
bad "a standard's name must agree across its rows" f.csv \
	"fwcat: f.csv:3: LP1: name 'Standard one' differs from 'Standard 1' on line 2"

mkfw f.csv && sed -i '7s/Group 1/Group 2/' f.csv
bad "a standard's group must agree across its rows" f.csv \
	"fwcat: f.csv:7: LP2: group 'Group 2' differs from 'Group 1' on line 6"

mkfw f.csv && sed -i '9s/,Reach .*/,/' f.csv
bad "an empty descriptor names FILE:LINE" f.csv \
	"fwcat: f.csv:9: LP2 transforming: empty descriptor"

mkfw f.csv && sed -i '2s/Standard 1//' f.csv
bad "an empty name names FILE:LINE" f.csv \
	"fwcat: f.csv:2: LP1: empty name"

mkfw f.csv && cut -d, -f1-4 f.csv >g.csv
bad "a missing column is named" g.csv \
	"fwcat: g.csv:1: missing column 'descriptor' (a framework needs standard,name,group,level,descriptor)"

mkfw f.csv && sed -i '1s/$/,framework/; 2,$s/$/,A/; 30s/,A$/,B/' f.csv
bad "the framework column must agree across rows" f.csv \
	"fwcat: f.csv:30: framework 'B' differs from 'A' on line 2"

: >empty.csv
bad "an empty file lacks the columns" empty.csv \
	"fwcat: empty.csv:1: missing column 'standard' (a framework needs standard,name,group,level,descriptor)"

bad "a missing file is named" nosuch.csv \
	"fwcat: nosuch.csv: cannot open framework: No such file or directory"

run env LP_FRAMEWORK=nosuch.csv fwcat
is "$rc:$out:$err" "2::fwcat: nosuch.csv: cannot open framework: No such file or directory" \
	"a bad LP_FRAMEWORK is an error, not the built-in"

cat >f.jsonl <<'EOF'
{"standard": "LP1", "name": "Standard 1", "group": "G", "level": "underlying", "descriptor": "One."}

{"standard": "LP1", "name": "Standard 1", "group": "G", "level": "developping", "descriptor": "Two."}
EOF
bad "JSON Lines errors name the object's line" f.jsonl \
	"fwcat: f.jsonl:3: unknown level 'developping' (expected underlying, developing, extending or transforming)"

done_testing
