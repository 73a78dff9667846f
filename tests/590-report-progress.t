#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Cohort work shows progress on standard error when it is a terminal,
# and none when it is not, or with -q.

gen-cohort -n 120 -e 2 big

run lp-report summary big
is "$err" "" "not a terminal: no progress"

if ! command -v script >/dev/null 2>&1; then
	ok "progress on a terminal # SKIP no script(1)"
	ok "-q on a terminal # SKIP no script(1)"
	done_testing
	exit
fi
# script(1) gives the command a terminal; its output (stderr) is the typescript.
script -qec "lp-report summary big >out.csv" /dev/null >tty.txt 2>&1
like "$(tr '\r' '\n' <tty.txt | sed 's/^.\[K//')" '^lp-report: 100/120 portfolios' "a terminal: progress counts the portfolios"
is "$(wc -l <out.csv | tr -d ' ')" 121 "... and the rows still go to standard output"
script -qec "lp-report summary -q big >out.csv" /dev/null >tty-q.txt 2>&1
is "$(tr -d '\r\n' <tty-q.txt)" "" "-q: no progress on a terminal"

done_testing
