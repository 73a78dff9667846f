#!/bin/sh
. "$(dirname "$0")/lib.sh"

# lp-assess set: recording levels in assessment.csv, the commit it makes,
# and bad input that must leave the portfolio untouched.

mkrepo() {	# mkrepo DIR: DIR becomes a git work tree with one commit
	git -C "$1" init -q && git -C "$1" add -A && git -C "$1" commit -qm init
}

mkportfolio ada ada "Ada Lovelace" 2025-09-01
# Any order, any case, older names; notes that a spreadsheet would take
# for formulas; extra columns after note.
cat >ada/assessment.csv <<'EOF'
standard,level,date,note,evidence_ref,reviewer
LP3,Developing,2025-11-02,-ve feedback at first,"a,b",Sam
LP1,beginning,2025-10-01,=SUM(A1) was a joke,,Kim
LP9,none,,,x,
EOF
mkrepo ada

# --- recording levels ------------------------------------------------------

run lp-assess -C ada set LP5=Extending lp6=2 LP1=LEADING
is_rc 0 "set exits 0"
is "$err" "" "set prints nothing on success"
out=$(cat ada/assessment.csv)
same_text "rewritten in LP1..LP10 order, canonical names, notes and extra columns kept" <<'EOF'
standard,level,date,note,evidence_ref,reviewer
LP1,transforming,2026-01-15,=SUM(A1) was a joke,,Kim
LP3,developing,2025-11-02,-ve feedback at first,"a,b",Sam
LP5,extending,2026-01-15,,,
LP6,developing,2026-01-15,,,
LP9,none,,,x,
EOF
run git -C ada show --name-only --format=%s HEAD
same_text "one commit of exactly assessment.csv, standards in order" <<'EOF'
assess: LP1 transforming, LP5 extending, LP6 developing

assessment.csv
EOF
is "$(git -C ada rev-list --count HEAD)" 2 "exactly one commit was made"

run lp-assess -C ada set LP3=none LP9=1 --note '-ve start; "quoted", then better' --date 2025-12-24
is_rc 0 "set to none with --note and --date"
out=$(cat ada/assessment.csv)
same_text "none keeps its row; --note and --date apply to the rows set" <<'EOF'
standard,level,date,note,evidence_ref,reviewer
LP1,transforming,2026-01-15,=SUM(A1) was a joke,,Kim
LP3,none,2025-12-24,"-ve start; ""quoted"", then better","a,b",Sam
LP5,extending,2026-01-15,,,
LP6,developing,2026-01-15,,,
LP9,underlying,2025-12-24,"-ve start; ""quoted"", then better",x,
EOF
is "$(git -C ada log -1 --format=%s)" "assess: LP3 none, LP9 underlying" "commit message names none"

run lp-assess -C ada set LP5=3 LP6=developing --date 2026-01-15
is_rc 0 "setting what is already recorded is not an error"
like "$err" "already records this; nothing to commit" "and says so"
is "$(git -C ada rev-list --count HEAD)" 3 "no empty commit"
run lp-assess -q -C ada set LP5=3 --date 2026-01-15
is "$err" "" "-q silences the note"

run lp-assess -C ada set LP2=0
is_rc 0 "0 is accepted for none"
is "$(grep '^LP2,' ada/assessment.csv)" "LP2,none,2026-01-15,,," "LP2 gets a row at none"

(cd ada/evidence && lp-assess set LP4="transforming-and-leading") 2>"$TMP/e"
is "$(grep '^LP4,' ada/assessment.csv)" "LP4,transforming,2026-01-15,,," \
	"the portfolio is found from a subdirectory; the long older name is read"

run lp-assess set --no-commit -C ada LP7=Beginning
is_rc 0 "--no-commit (options may come anywhere)"
is "$(git -C ada status --porcelain)" " M assessment.csv" "--no-commit leaves the file modified"
is "$(git -C ada log -1 --format=%s)" "assess: LP4 transforming" "and makes no commit"
git -C ada commit -qam "by hand"

# A new assessment.csv, in a portfolio below the work tree's root.
mkdir cohort
mkportfolio cohort/bo bo "Bo Diddley" 2025-01-10
mkportfolio cohort/cy cy "Cy Twombly" 2025-01-10
mkrepo cohort
run lp-assess -C cohort/bo set LP10=developing LP2=extending
is_rc 0 "set creates assessment.csv"
out=$(cat cohort/bo/assessment.csv)
same_text "a new file has the header and the rows set" <<'EOF'
standard,level,date,note
LP2,extending,2026-01-15,
LP10,developing,2026-01-15,
EOF
run git -C cohort show --name-only --format=%s HEAD
same_text "the commit holds exactly the portfolio's file" <<'EOF'
assess: LP2 extending, LP10 developing

bo/assessment.csv
EOF

# Outside git the file is written and nothing else happens.
mkportfolio loose loose "Lou Reed" 2025-03-01
run lp-assess -C loose set LP1=1
is_rc 0 "set outside a git work tree"
is "$(cat loose/assessment.csv)" "standard,level,date,note
LP1,underlying,2026-01-15," "the file is written"
is "$(ls -a loose | tr '\n' ' ')" ". .. assessment.csv evidence portfolio.md " \
	"no repository and no temporary file is left"

# Two writers at once: the lock makes one wait, and neither change is lost.
n0=$(git -C ada rev-list --count HEAD)
lp-assess -C ada set LP7=extending 2>"$TMP/e1" & p1=$!
lp-assess -C ada set LP8=developing 2>"$TMP/e2" & p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
is "$r1:$r2" "0:0" "two concurrent sets both succeed"
is "$(grep -E '^LP(7|8),' ada/assessment.csv | cut -d, -f1,2 | tr '\n' ' ')" \
	"LP7,extending LP8,developing " "both changes are in the file"
is "$(git -C ada rev-list --count HEAD)" $((n0 + 2)) "and in two commits"
is "$(git -C ada status --porcelain)" "" "nothing is left uncommitted"

# --- bad input: exit 2, a message naming what was expected, nothing changed --

unchanged ada "unknown standard" lp-assess -C ada set LP11=extending
is_rc 2 "unknown standard: exit 2"
is "$err" "lp-assess: set: 'LP11=extending': expected a standard LP1..LP10 before '='" \
	"unknown standard: message"

unchanged ada "unknown level" lp-assess -C ada set LP1=expert
is_rc 2 "unknown level: exit 2"
is "$err" "lp-assess: set: 'LP1=expert': expected a level (none, underlying, developing, extending, transforming or 0-4)" \
	"unknown level: message"

unchanged ada "empty level" lp-assess -C ada set LP1=
is_rc 2 "empty level: exit 2"

unchanged ada "no =" lp-assess -C ada set LP1
is_rc 2 "operand without =: exit 2"
is "$err" "lp-assess: set: expected STANDARD=LEVEL (e.g. LP5=extending), got 'LP1'" "operand without =: message"

unchanged ada "standard twice" lp-assess -C ada set LP1=2 lp1=3
is_rc 2 "a standard twice: exit 2"
is "$err" "lp-assess: set: LP1 is given twice" "a standard twice: message"

unchanged ada "set with nothing" lp-assess -C ada set
is_rc 2 "set without operands: exit 2"
like "$err" "^lp-assess: set: expected one or more STANDARD=LEVEL" "set without operands: message"
like "$err" "usage: lp-assess" "and the usage"

unchanged ada "bad --date" lp-assess -C ada set LP1=2 --date 2025-02-30
is_rc 2 "bad --date: exit 2"
is "$err" "lp-assess: --date: expected a date YYYY-MM-DD, got '2025-02-30'" "bad --date: message"

unchanged ada "--at with set" lp-assess -C ada set LP1=2 --at HEAD
is_rc 2 "set --at: exit 2"
like "$err" "^lp-assess: --at does not apply to set \(it is for show, check, coach, history\)" "set --at: message"

unchanged ada "a bare level" lp-assess -C ada LP1=2
is_rc 2 "a forgotten 'set': exit 2"
like "$err" "^lp-assess: unknown command 'LP1=2' \(expected set, show" \
	"a forgotten 'set' is pointed at set"

cp ada/assessment.csv good.csv
bad_file() {	# bad_file NAME LINE-RE CONTENT
	printf '%s\n' "$3" >ada/assessment.csv
	git -C ada commit -qam "$1" --allow-empty
	unchanged ada "$1: nothing changed" lp-assess -C ada set LP5=transforming
	is_rc 2 "$1: exit 2"
	like "$err" "$2" "$1: message names file and line"
}
bad_file "unknown standard in the file" '^lp-assess: ada/assessment.csv:3: .*LP12' \
'standard,level,date,note
LP1,developing,,
LP12,developing,,'
bad_file "unknown level in the file" '^lp-assess: ada/assessment.csv:2: .*expert' \
'standard,level,date,note
LP1,expert,,'
bad_file "duplicated standard row" '^lp-assess: ada/assessment.csv:4: .*LP2.*twice.*line 2' \
'standard,level,date,note
LP2,developing,,
LP1,developing,,
lp2,extending,,'
bad_file "wrong header" '^lp-assess: ada/assessment.csv:1: .*standard,level,date,note' \
'standard,level,when,note
LP1,developing,,'
bad_file "bad date in the file" '^lp-assess: ada/assessment.csv:2: .*2025-13-01' \
'standard,level,date,note
LP1,developing,2025-13-01,'
cp good.csv ada/assessment.csv
git -C ada commit -qam "restore"

# A framework file with a hole is refused before anything is written.
lp-assess framework -o csv | grep -v '^LP7,' >nolp7.csv
unchanged ada "framework without LP7" lp-assess -C ada --framework nolp7.csv set LP1=2
is_rc 2 "framework without LP7: exit 2"
like "$err" "nolp7.csv.*LP7" "framework without LP7: message names the file and LP7"
lp-assess framework -o csv | grep -v '^LP5,[^,]*,[^,]*,developing,' >nodev.csv
export LP_FRAMEWORK=nodev.csv
run lp-assess -C ada set LP1=2
unset LP_FRAMEWORK
is_rc 2 "framework with a missing level (LP_FRAMEWORK): exit 2"
like "$err" "nodev.csv.*LP5.*developing" "missing level: message names LP5 developing"

# --- usage ---------------------------------------------------------------

run lp-assess --help
is_rc 0 "--help exits 0"
like "$out" "^usage: lp-assess \[-C DIR\]" "--help prints the usage on stdout"
run lp-assess set -h LP1=2
is_rc 0 "-h anywhere"
run lp-assess --version
is "$out" "lp-assess 0.1.0" "--version"
run lp-assess frobnicate
is_rc 2 "unknown command: exit 2"
like "$err" "^lp-assess: unknown command 'frobnicate'" "unknown command: message"
run lp-assess show --bogus
is_rc 2 "unknown option: exit 2"
like "$err" "^lp-assess: --bogus: unknown option" "unknown option: message"
run lp-assess show --within 3
is_rc 2 "an option of another program: exit 2"
run lp-assess show --note x
is_rc 2 "--note with show: exit 2"
like "$err" "^lp-assess: --note does not apply to show \(it is for set\)" "--note with show: message"
run lp-assess coach a b
is_rc 2 "coach with two portfolios: exit 2"
run lp-assess framework x
is_rc 2 "framework with an operand: exit 2"
run lp-assess set LP1=2 --date
is_rc 2 "--date without a value: exit 2"
like "$err" "^lp-assess: --date: expected a value \(DATE\)" "missing value: message"

done_testing
