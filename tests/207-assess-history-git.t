#!/bin/sh
# lp_level_history_git reads a portfolio's level history from a bare
# repository (for --git), the same as lp-assess history on the checkout.
. "$(dirname "$0")/lib.sh"

mkdir co && git -C co init -q
mkportfolio co/sub/ada ada "Ada Lovelace" 2025-09-01
mkassessment co/sub/ada "LP1,developing,2025-09-20,"
git -C co add -A && GIT_COMMITTER_DATE=2025-10-01T10:00:00Z git -C co commit -qm one
mkassessment co/sub/ada "LP1,extending,2025-11-02," "LP4,underlying,,"
git -C co add -A && GIT_COMMITTER_DATE=2025-11-03T10:00:00Z git -C co commit -qm two
git clone -q --bare co bare.git
lp-assess history -C co/sub/ada -o csv | tail -n +2 | cut -d, -f1-4,6 >want
is "$(wc -l <want | tr -d ' ')" 3 "(three changes in the checkout)"
history-levels bare.git sub/ada >got
same_file want got "--git: the history read from a bare repository is the checkout's"
history-levels bare.git sub/ada/ >got
same_file want got "... with the subdirectory written with a slash"
history-levels bare.git sub/ada HEAD~1 >got
is "$(cat got)" "2025-10-01,$(git -C co rev-parse --short=7 HEAD~1),LP1,developing,2025-09-20" "--git at a revision"

done_testing
