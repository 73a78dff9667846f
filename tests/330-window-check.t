#!/bin/sh
# lp-window check: who must act before the deadline or the last window
# closes; exit 1 when anyone must (today is 2026-01-15).
. "$(dirname "$0")/lib.sh"

mkportfolio c/leap a-leap "Ann Leap" 2024-02-29
mkportfolio c/close b-close "Ben Close" 2024-06-30
mkportfolio c/march c-march "Cal March" 2024-03-31
mkportfolio c/sub d-sub "Dev Sent" 2023-06-01 "submitted: 2025-03-03" "window: 2025-03"
mkportfolio c/acc e-acc "Eve Award" 2023-01-10 "outcome: accredited" "accredited: 2025-03-10"
mkportfolio c/ref f-ref "Fay Again" 2024-02-01 "submitted: 2025-06-02" "outcome: referred"
mkportfolio c/over g-over "Gus Late" 2023-10-01
mkportfolio c/wd h-wd "Hal Gone" 2023-09-01 "outcome: withdrawn"
mkportfolio c/refover i-refover "Ivy Over" 2023-12-01 "submitted: 2025-06-02" "outcome: referred"

run lp-window check c
is_rc 1 "findings: exit 1"
same_text "deadline passed, no window left; submitted, accredited and withdrawn left out" <<'W'
id,name,deadline,last_window,days_left,reason,stage
a-leap,Ann Leap,2026-02-28,2025-11,44,no-window-left,not-started
f-ref,Fay Again,2026-02-01,2025-11,17,no-window-left,referred
g-over,Gus Late,2025-10-01,2025-06,-106,deadline-passed,overdue
i-refover,Ivy Over,2025-12-01,2025-11,-45,deadline-passed,overdue
W
cat >want.err <<'W'
lp-window: c/leap: a-leap (Ann Leap): no window left before the deadline 2026-02-28: the last, 2025-11, closed on 2025-11-30
lp-window: c/over: g-over (Gus Late): the deadline 2025-10-01 passed 106 days ago
lp-window: c/ref: f-ref (Fay Again): no window left before the deadline 2026-02-01: the last, 2025-11, closed on 2025-11-30
lp-window: c/refover: i-refover (Ivy Over): the deadline 2025-12-01 passed 45 days ago
W
printf '%s\n' "$err" >got.err
same_file want.err got.err "one line per finding on stderr"

# The last window: within DAYS, the boundary included.
run lp-window check --within 75 c/march
is_rc 1 "last window 75 days away, --within 75: exit 1"
same_text "last window 75 days away, --within 75: reported" <<'W'
id,name,deadline,last_window,days_left,reason,stage
c-march,Cal March,2026-03-31,2026-03,75,last-window,not-started
W
is "$err" "lp-window: c/march: c-march (Cal March): the last window before the deadline 2026-03-31, 2026-03, closes in 75 days (2026-03-31)" \
	"last window: message"
run lp-window check --within 74 c/march
is_rc 0 "last window 75 days away, --within 74: exit 0"
same_text "nothing found: the header only" <<'W'
id,name,deadline,last_window,days_left,reason,stage
W
is "$err" "" "nothing found: nothing on stderr"
run lp-window check c/march
is_rc 0 "default --within 60: 75 days is not yet"
run lp-window check --today 2026-03-31 c/march
is_rc 1 "the last window closes today: exit 1"
is "$(printf '%s\n' "$out" | tail -n 1)" "c-march,Cal March,2026-03-31,2026-03,0,last-window,not-started" \
	"the last window closes today: days_left 0"
is "$err" "lp-window: c/march: c-march (Cal March): the last window before the deadline 2026-03-31, 2026-03, closes today" \
	"the last window closes today: message"
run lp-window check --within 0 --today 2026-03-31 c/march
is_rc 1 "--within 0 still reports a window closing today"
run lp-window check --today 2026-04-01 c/march
is "$(printf '%s\n' "$out" | tail -n 1)" "c-march,Cal March,2026-03-31,2026-03,-1,deadline-passed,overdue" \
	"the day after the deadline: deadline-passed"

# -q: nothing on stdout, the findings still on stderr and in the status.
run lp-window check -q c
is_rc 1 "-q: exit 1"
is "$out" "" "-q: nothing on stdout"
printf '%s\n' "$err" >got.err
same_file want.err got.err "-q: findings still on stderr"
run lp-window check -q c/close c/sub c/acc c/wd
is_rc 0 "-q, nothing due: exit 0"
is "$out$err" "" "-q, nothing due: silent"

run lp-window check -o json c/leap c/over
same_text "json" <<'W'
[
{"id":"a-leap","name":"Ann Leap","deadline":"2026-02-28","last_window":"2025-11","days_left":44,"reason":"no-window-left","stage":"not-started"},
{"id":"g-over","name":"Gus Late","deadline":"2025-10-01","last_window":"2025-06","days_left":-106,"reason":"deadline-passed","stage":"overdue"}
]
W
run lp-window check -o table c/leap c/over
same_text "table" <<'W'
id      name      deadline    last_window  days_left  reason           stage
a-leap  Ann Leap  2026-02-28  2025-11             44  no-window-left   not-started
g-over  Gus Late  2025-10-01  2025-06           -106  deadline-passed  overdue
W

# No window at all before the deadline (a cohort calendar starting later).
printf 'id,term,opens,closes\n2027-03,spring,2027-03-01,2027-03-31\n' >cal.csv
run lp-window check --windows cal.csv c/close
is_rc 1 "no window in the calendar before the deadline: exit 1"
is "$(printf '%s\n' "$out" | tail -n 1)" "b-close,Ben Close,2026-06-30,,166,no-window-left,not-started" \
	"no window in the calendar before the deadline: row"
is "$err" "lp-window: c/close: b-close (Ben Close): no window of the calendar closes before the deadline 2026-06-30" \
	"no window in the calendar before the deadline: message"

# Errors: exit 2, whatever was found.
printf 'id,term,opens,closes\n2026-3,x,2026-03-01,2026-03-31\n' >bad.csv
run lp-window check --windows bad.csv c
is_rc 2 "a malformed calendar: exit 2"
is "$err" "lp-window: bad.csv:2: expected a window id YYYY-MM, got '2026-3'" "a malformed calendar: file:line"
run lp-window check --within -3 c
is_rc 2 "a negative --within: exit 2"

done_testing
