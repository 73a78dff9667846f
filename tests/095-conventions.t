#!/bin/sh
# The conventions of SPEC 4 that every program keeps: -h/--help on stdout
# with exit 0, --version, options before or after the subcommand, unknown
# options and commands as usage errors (exit 2), bad --today, LP_TODAY
# and -o values named in the message.
. "$(dirname "$0")/lib.sh"

mkportfolio ada ada-lovelace "Ada Lovelace" 2025-09-01
mkevidence ada 2025-10-01-maths-club "Maths club" 2025-10-01 "LP1, LP2" team
mkassessment ada "LP1,developing,2025-10-02,"

# program, a read-only subcommand that works on one portfolio
for pair in lp-evidence:list lp-assess:show lp-window:status lp-reaccredit:status lp-report:summary; do
	prog=${pair%%:*} sub=${pair#*:}
	command -v "$prog" >/dev/null 2>&1 || { ok "# SKIP $prog not built"; continue; }

	run "$prog" --help
	is_rc 0 "$prog --help exits 0"
	like "$out" "^usage: $prog " "$prog --help prints the usage on stdout"

	run "$prog" "$sub" -h
	is_rc 0 "$prog $sub -h exits 0"

	run "$prog" --version
	is "$out" "$prog 0.1.0" "$prog --version"

	run "$prog" "$sub" -C ada -o csv
	is_rc 0 "$prog $sub -C DIR (options after the subcommand)"
	after=$out
	run "$prog" -C ada -o csv "$sub"
	is_rc 0 "$prog -C DIR $sub (options before the subcommand)"
	is "$out" "$after" "$prog: the same output either way"

	run "$prog" "$sub" -C ada --no-such-option
	is_rc 2 "$prog: an unknown option is a usage error"
	like "$err" "no-such-option" "$prog: the message names the option"

	run "$prog" frobnicate
	is_rc 2 "$prog: an unknown command is a usage error"
	like "$err" "frobnicate" "$prog: the message names the command"

	run "$prog" "$sub" -C ada --today 2025-02-30
	is_rc 2 "$prog: an impossible --today is an error"
	like "$err" "^$prog: --today: expected a date YYYY-MM-DD, got '2025-02-30'" "$prog: and says what was expected"

	LP_TODAY=tomorrow run "$prog" "$sub" -C ada
	is_rc 2 "$prog: a bad LP_TODAY is an error"
	like "$err" "LP_TODAY: expected a date" "$prog: naming LP_TODAY"

	run "$prog" "$sub" -C ada -o xml
	is_rc 2 "$prog: an unknown -o format is a usage error"
	like "$err" "xml" "$prog: naming the format"

	run "$prog" "$sub" -C nowhere
	is_rc 2 "$prog: -C to a missing directory is an error"
done

run lp --version
is "$out" "lp 0.1.0" "lp --version"
run lp nosuchtool
is_rc 2 "lp: an unknown tool is an error"

done_testing
