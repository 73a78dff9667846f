#!/bin/sh
. "$(dirname "$0")/lib.sh"
# A full disk under standard output: every program says so once, naming
# standard output, and exits 2; a reader that goes away (EPIPE) is not an
# error to report.

if [ ! -w /dev/full ]; then
	ok "write errors # SKIP no /dev/full"
	done_testing
	exit
fi
lp init ada --name Ada --id ada --commenced 2025-09-01 -q
cd ada
for cmd in "lp-window list" "lp-window list -o json" "lp-window status -o xlsx" \
    "lp-evidence list" "lp-assess show" "lp-reaccredit status" "lp-report summary" \
    "lp check -o csv" "lp-window list -o table"; do
	$cmd >/dev/full 2>"$TMP/err"; rc=$?
	is "$rc" 2 "$cmd >/dev/full: exit 2"
	is "$(grep -c 'write error' "$TMP/err")" 1 "$cmd >/dev/full: said once"
	like "$(cat "$TMP/err")" "write error on standard output: No space left on device" \
	    "$cmd >/dev/full: names standard output and the cause"
done
# A closed pipe: the status says the output was cut short, nothing is printed.
err=$( (lp-window list --since 2024-01-01 --until 2040-12-31 | head -1 >/dev/null) 2>&1)
is "$err" "" "a reader that goes away: no message"

done_testing
