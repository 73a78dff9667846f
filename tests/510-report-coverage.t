#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-report coverage: per standard, practitioners by claimed level, how
# many claims are supported (never a `none`), and how many are ok at --min.
. "$TESTS_DIR/report-lib.sh"

mkcohort c

run lp-report coverage c
is_rc 0 "coverage: exit 0"
same_text "coverage: LP1..LP10, the level columns add up to the cohort" <<'W'
standard,none,underlying,developing,extending,transforming,supported,ok
LP1,8,0,1,1,0,2,1
LP2,8,0,0,2,0,1,1
LP3,9,0,0,1,0,1,1
LP4,9,0,0,1,0,1,1
LP5,9,0,0,1,0,1,1
LP6,9,0,0,1,0,1,1
LP7,9,0,0,1,0,1,1
LP8,9,0,0,1,0,1,1
LP9,9,0,0,1,0,1,1
LP10,9,0,0,0,1,1,1
W

# b2 claims LP1 developing (team evidence: supported) and LP2 extending
# (unsupported); with --min developing, LP1 is ok for both b2 and c3.
run lp-report coverage --min developing c
like "$out" '^LP1,8,0,1,1,0,2,2$' "--min developing: LP1 ok for two"
like "$out" '^LP2,8,0,0,2,0,1,1$' "--min developing: an unsupported claim is never ok"

run lp-report coverage -o json c/ben
same_text "json: counts are numbers" <<'W'
[
{"standard":"LP1","none":0,"underlying":0,"developing":1,"extending":0,"transforming":0,"supported":1,"ok":0},
{"standard":"LP2","none":0,"underlying":0,"developing":0,"extending":1,"transforming":0,"supported":0,"ok":0},
{"standard":"LP3","none":1,"underlying":0,"developing":0,"extending":0,"transforming":0,"supported":0,"ok":0},
{"standard":"LP4","none":1,"underlying":0,"developing":0,"extending":0,"transforming":0,"supported":0,"ok":0},
{"standard":"LP5","none":1,"underlying":0,"developing":0,"extending":0,"transforming":0,"supported":0,"ok":0},
{"standard":"LP6","none":1,"underlying":0,"developing":0,"extending":0,"transforming":0,"supported":0,"ok":0},
{"standard":"LP7","none":1,"underlying":0,"developing":0,"extending":0,"transforming":0,"supported":0,"ok":0},
{"standard":"LP8","none":1,"underlying":0,"developing":0,"extending":0,"transforming":0,"supported":0,"ok":0},
{"standard":"LP9","none":1,"underlying":0,"developing":0,"extending":0,"transforming":0,"supported":0,"ok":0},
{"standard":"LP10","none":1,"underlying":0,"developing":0,"extending":0,"transforming":0,"supported":0,"ok":0}
]
W

run lp-report coverage -o table c/cat
same_text "table" <<'W'
standard  none  underlying  developing  extending  transforming  supported  ok
LP1          0           0           0          1             0          1   1
LP2          0           0           0          1             0          1   1
LP3          0           0           0          1             0          1   1
LP4          0           0           0          1             0          1   1
LP5          0           0           0          1             0          1   1
LP6          0           0           0          1             0          1   1
LP7          0           0           0          1             0          1   1
LP8          0           0           0          1             0          1   1
LP9          0           0           0          1             0          1   1
LP10         0           0           0          0             1          1   1
W

# An empty cohort: no portfolio found is exit 2 (SPEC 4), the table still zeros.
mkdir -p empty/none
run lp-report coverage empty/none
is_rc 2 "an empty cohort: exit 2"
like "$err" 'no portfolio found in empty/none' "an empty cohort: says so"
like "$out" '^LP10,0,0,0,0,0,0,0$' "an empty cohort: zeros"

# A broken portfolio is left out of the counts; the rest are counted; exit 2.
mkcohort bad
printf -- '---\nname: [a, b]\nid: x\ncommenced: 2025-01-01\n---\n' >bad/cat/portfolio.md
run lp-report coverage bad
is_rc 2 "a broken portfolio: exit 2"
like "$err" 'bad/cat/portfolio.md:2: name: expected a single value' "... reported with file:line"
like "$out" '^LP1,8,0,1,0,0,1,0$' "... and left out of the counts"

run lp-report coverage --title x c
is_rc 2 "--title does not apply to coverage"

done_testing
