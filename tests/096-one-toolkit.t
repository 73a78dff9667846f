#!/bin/sh
# SPEC 4, once for every program: help, version, unknown and misplaced
# options, missing values, no portfolio, -q, nulls in JSON, options before
# the subcommand.  One table, so that no program can drift from the others.
. "$(dirname "$0")/lib.sh"

mkportfolio ada ada-lovelace "Ada Lovelace" 2025-09-01
mkevidence ada 2025-10-01-maths-club "Maths club" 2025-10-01 "LP1, LP2" team
mkassessment ada "LP1,developing,2025-10-02,"
mkdir empty

# program  subcommand  option-of-another-subcommand  its-value  that-subcommand
while read -r prog sub other value owner; do
	run "$prog" --help
	is "$rc" 0 "$prog --help: exit 0"
	like "$out" "^usage: $prog " "$prog --help: the usage on stdout"
	like "$out" "^options:" "$prog --help: then the options"
	like "$out" "^  -C, --directory DIR +run as if started in DIR" "$prog --help: a line per option"
	is "$err" "" "$prog --help: nothing on stderr"

	run "$prog" "$sub" -h
	is "$rc" 0 "$prog $sub -h: exit 0"
	like "$out" "^usage: $prog $sub " "$prog $sub -h: the subcommand's usage"

	run "$prog" --version
	is "$rc:$out" "0:$prog 0.1.0" "$prog --version"

	run "$prog" "$sub" ada --no-such-option
	is "$rc:$(printf '%s' "$err" | head -1)" "2:$prog: --no-such-option: unknown option" \
	    "$prog: an unknown option is named, exit 2"
	like "$err" "^usage: $prog $sub" "$prog: ... then the usage"

	run "$prog" "$sub" ada "$other" "$value"
	is "$rc:$(printf '%s' "$err" | head -1)" \
	    "2:$prog: $other does not apply to $sub (it is for $owner)" \
	    "$prog: a misplaced option names the option and where it belongs"
	case $err in *"$value"*) not_ok "$prog: ... never its value" "$err" ;;
	*) ok "$prog: ... never its value" ;; esac

	run "$prog" "$sub" ada --today
	is "$rc:$(printf '%s' "$err" | head -1)" "2:$prog: --today: expected a value (DATE)" \
	    "$prog: a missing value"

	run "$prog" "$sub" empty
	is "$rc:$err" "2:$prog: no portfolio found in empty (a directory holding portfolio.md)" \
	    "$prog: an operand with no portfolio: exit 2"
	run "$prog" "$sub" -C empty
	is "$rc" 2 "$prog: -C to a directory with no portfolio: exit 2"

	run "$prog" "$sub" -q ada
	is "$out:$err" ":" "$prog $sub -q: nothing on stdout or stderr"
	case $rc in 0|1) ok "$prog $sub -q: the status speaks ($rc)" ;;
	*) not_ok "$prog $sub -q: the status speaks" "exit $rc" ;; esac

	run "$prog" "$sub" -C ada -o csv
	after="$rc:$out"
	run "$prog" -C ada -o csv "$sub"
	is "$rc:$out" "$after" "$prog: options before or after the subcommand"

	run "$prog"
	is "$rc" 2 "$prog alone: a usage error"
done <<'T'
lp check --name Ada init
lp-evidence list --title X add
lp-assess show --note X set
lp-window status --date 2026-01-01 outcome
lp-reaccredit status --theme X init
lp-report summary --rows 9 html
T

# Missing values are null in JSON, never "": a portfolio past its deadline
# has no next window, no accreditation, no school.
mkportfolio old old-timer "Old Timer" 2023-01-01
for cmd in "lp-evidence list" "lp-assess show" "lp-window status" "lp-reaccredit status" \
    "lp-report summary" "lp check"; do
	run $cmd -o json ada old
	like "$out" 'null' "$cmd -o json: a missing value is null"
	case $out in *'""'*) not_ok "$cmd -o json: never \"\"" "$out" ;;
	*) ok "$cmd -o json: never \"\"" ;; esac
done

# One name, one meaning: portfolio is the id, a directory is path.
run lp-report summary -o csv ada
like "$(printf '%s' "$out" | head -1)" '(^|,)path(,|$)' "lp-report summary: the directory column is path"
run lp-evidence list -o csv ada
like "$(printf '%s\n' "$out" | sed -n 2p)" '^ada-lovelace,' "lp-evidence list: portfolio is the id"

# LP_MIN sets the threshold everywhere --min does.
mkassessment ada LP1,developing,, LP2,developing,, LP3,developing,, LP4,developing,, \
    LP5,developing,, LP6,developing,, LP7,developing,, LP8,developing,, LP9,developing,, LP10,developing,,
run lp-assess check ada
is "$rc" 1 "developing everywhere: below the default minimum"
LP_MIN=developing run lp-assess check ada
like "$rc:$err" "^1:.*(no evidence|supports only)" "LP_MIN=developing: only the support findings remain"
LP_MIN=nonsense run lp-assess check ada
is "$rc:$(printf '%s' "$err" | head -1)" "2:lp-assess: LP_MIN: expected a level (underlying, developing, extending, transforming), got 'nonsense'" "a bad LP_MIN is named"

done_testing
