#!/bin/sh
# lp-window list: the built-in calendar, windows.csv, and --since/--until.
. "$(dirname "$0")/lib.sh"

run lp-window list
is_rc 0 "list exits 0"
is "$(printf '%s\n' "$out" | sed -n 1p)" "id,term,opens,closes" "list: header"
is "$(printf '%s\n' "$out" | sed 1d | wc -l | tr -d ' ')" 51 "built-in: 17 years x 3 terms"
is "$(printf '%s\n' "$out" | sed -n 2p)" "2024-03,spring,2024-03-01,2024-03-31" "built-in: first window"
is "$(printf '%s\n' "$out" | tail -n 1)" "2040-11,autumn,2040-11-01,2040-11-30" "built-in: last window"

run lp-window list --since 2026-01-01 --until 2026-12-31
same_text "a year of windows" <<'W'
id,term,opens,closes
2026-03,spring,2026-03-01,2026-03-31
2026-06,summer,2026-06-01,2026-06-30
2026-11,autumn,2026-11-01,2026-11-30
W

# SPEC 5.4: the windows that close in the range, both ends included; a
# window open on --until but closing after it is not listed.
run lp-window list --since 2026-03-31 --until 2026-06-30
same_text "closing in the range, both ends included" <<'W'
id,term,opens,closes
2026-03,spring,2026-03-01,2026-03-31
2026-06,summer,2026-06-01,2026-06-30
W
run lp-window list --since 2026-04-01 --until 2026-06-29
same_text "open on --until but closing after it: not listed" <<'W'
id,term,opens,closes
W
run lp-window list --since 2026-04-01 --until 2026-05-31
same_text "a gap between windows lists nothing" <<'W'
id,term,opens,closes
W
run lp-window list --until 2024-06-30
same_text "--until alone" <<'W'
id,term,opens,closes
2024-03,spring,2024-03-01,2024-03-31
2024-06,summer,2024-06-01,2024-06-30
W

# Every output format.
run lp-window list --since 2026-03-01 --until 2026-06-30 -o tsv
same_text "tsv" <<'W'
id	term	opens	closes
2026-03	spring	2026-03-01	2026-03-31
2026-06	summer	2026-06-01	2026-06-30
W
run lp-window list --since 2026-03-01 --until 2026-06-30 -o json
same_text "json" <<'W'
[
{"id":"2026-03","term":"spring","opens":"2026-03-01","closes":"2026-03-31"},
{"id":"2026-06","term":"summer","opens":"2026-06-01","closes":"2026-06-30"}
]
W
run lp-window list --since 2026-03-01 --until 2026-06-30 -o jsonl
same_text "jsonl" <<'W'
{"id":"2026-03","term":"spring","opens":"2026-03-01","closes":"2026-03-31"}
{"id":"2026-06","term":"summer","opens":"2026-06-01","closes":"2026-06-30"}
W
run lp-window list --since 2026-03-01 --until 2026-06-30 -o table
same_text "table" <<'W'
id       term    opens       closes
2026-03  spring  2026-03-01  2026-03-31
2026-06  summer  2026-06-01  2026-06-30
W

# A cohort's windows.csv replaces the calendar whole; output is sorted.
mkdir -p cohort/sub
cat >cohort/windows.csv <<'W'
id,term,opens,closes
2026-07,summer,2026-07-01,2026-07-15
2026-02,spring,2026-02-02,2026-02-27
2025-12,autumn,2025-12-01,2025-12-12
W
same_cal() {
	same_text "$1" <<'W'
id,term,opens,closes
2025-12,autumn,2025-12-01,2025-12-12
2026-02,spring,2026-02-02,2026-02-27
2026-07,summer,2026-07-01,2026-07-15
W
}
(cd cohort && lp-window list) >got 2>&1; out=$(cat got)
same_cal "windows.csv in the current directory"
(cd cohort/sub && lp-window list) >got 2>&1; out=$(cat got)
same_cal "windows.csv in a directory above"
run lp-window list -C cohort/sub
same_cal "windows.csv found from -C"
run lp-window list --windows cohort/windows.csv
same_cal "--windows FILE"
out=$(LP_WINDOWS=cohort/windows.csv lp-window list)
same_cal "LP_WINDOWS"
cp cohort/windows.csv other.csv
sed -i 's/2026-07-15/2026-07-16/' other.csv
out=$(LP_WINDOWS=cohort/windows.csv lp-window list --windows other.csv | tail -n 1)
is "$out" "2026-07,summer,2026-07-01,2026-07-16" "--windows wins over LP_WINDOWS"

# Malformed calendars: exit 2, file:line, nothing printed.
bad() {	# bad NAME EXPECTED-STDERR  (after writing bad.csv)
	run lp-window list --windows bad.csv
	is_rc 2 "$1: exit 2"
	is "$err" "$2" "$1: message"
	is "$out" "" "$1: no output"
}
printf 'id,term,opens,closes\n2026-13,x,2026-01-01,2026-01-02\n' >bad.csv
bad "bad id" "lp-window: bad.csv:2: expected a window id YYYY-MM, got '2026-13'"
printf 'id,term,opens,closes\n2026-03,x,2026-03-01,2026-03-31\n2026-03,y,2026-04-01,2026-04-30\n' >bad.csv
bad "duplicate id" "lp-window: bad.csv:3: window 2026-03 is listed twice"
printf 'id,term,opens,closes\n2026-03,x,2026-03-31,2026-03-01\n' >bad.csv
bad "opens after closes" "lp-window: bad.csv:2: window 2026-03 opens (2026-03-31) after it closes (2026-03-01)"
printf 'id,term,opens,closes\n2026-03,x,2026-03-01,2026-02-30\n' >bad.csv
bad "impossible date" "lp-window: bad.csv:2: closes: expected a date YYYY-MM-DD, got '2026-02-30'"
printf 'id,term,start,end\n2026-03,x,2026-03-01,2026-03-31\n' >bad.csv
bad "wrong header" "lp-window: bad.csv:1: expected the header id,term,opens,closes; no 'opens' column"
run lp-window list --windows missing.csv
is_rc 2 "a missing --windows file: exit 2"
like "$err" "missing.csv" "a missing --windows file: named"

# Usage errors.
run lp-window list --since 2026-13-01
is_rc 2 "bad --since: exit 2"
is "$err" "lp-window: --since: expected a date YYYY-MM-DD, got '2026-13-01'" "bad --since: message"
run lp-window list --since 2026-06-01 --until 2026-05-01
is_rc 2 "--since after --to: exit 2"
is "$err" "lp-window: --since 2026-06-01 is after --until 2026-05-01" "--since after --to: message"
run lp-window list --force
is_rc 2 "an option of another subcommand: exit 2"
like "$err" "^lp-window: --force does not apply to list" "an option of another subcommand: message"
run lp-window lst
is_rc 2 "unknown command: exit 2"
like "$err" "^lp-window: unknown command 'lst'" "unknown command: message"
like "$err" "usage: lp-window list" "unknown command: usage on stderr"
run lp-window
is_rc 2 "no command: exit 2"
run lp-window list -h
is_rc 0 "-h: exit 0"
like "$out" "^usage: lp-window list" "-h: usage on stdout"
run lp-window --version
is "$out" "lp-window 0.1.0" "--version"

done_testing
