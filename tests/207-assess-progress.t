#!/bin/sh
# lib/progress.c: months, terms and the levels at the end of each
# (tests/unit/test-progress.c), then lp_level_history_git on a bare
# repository against lp-assess history on its checkout.
. "$(dirname "$0")/lib.sh"

"$LP_BUILD/tests/test-progress" >"$TMP/unit.out" 2>"$TMP/unit.err"
unit_rc=$?
unit_n=0
while IFS= read -r line; do
	case $line in
	"ok "*) unit_n=$((unit_n + 1)); ok "unit: ${line#* - }" ;;
	"not ok "*) unit_n=$((unit_n + 1)); not_ok "unit: ${line#* - }" ;;
	esac
done <"$TMP/unit.out"
is "$unit_rc" 0 "test-progress exits 0"
is "$(tail -n 1 "$TMP/unit.out")" "1..$unit_n" "test-progress ran its whole plan"

mkdir co && git -C co init -q
mkportfolio co/sub/ada ada "Ada Lovelace" 2025-09-01
mkassessment co/sub/ada "LP1,developing,2025-09-20,"
git -C co add -A && GIT_COMMITTER_DATE=2025-10-01T10:00:00Z git -C co commit -qm one
mkassessment co/sub/ada "LP1,extending,2025-11-02," "LP4,underlying,,"
git -C co add -A && GIT_COMMITTER_DATE=2025-11-03T10:00:00Z git -C co commit -qm two
git clone -q --bare co bare.git
lp-assess history -C co/sub/ada -o csv | tail -n +2 | cut -d, -f1-4,6 >want
"$LP_BUILD/tests/test-progress" bare.git sub/ada >got
same_file want got "--git: the history read from a bare repository is the checkout's"
"$LP_BUILD/tests/test-progress" bare.git sub/ada/ >got
same_file want got "... with the subdirectory written with a slash"
"$LP_BUILD/tests/test-progress" bare.git sub/ada HEAD~1 >got
is "$(cat got)" "2025-10-01,$(git -C co rev-parse --short=7 HEAD~1),LP1,developing,2025-09-20" "--git at a revision"

done_testing
