#!/bin/sh
# lp-window status: deadline, next and last window, windows left, stage,
# and the calendar edge cases of SPEC 6 (today is 2026-01-15).
. "$(dirname "$0")/lib.sh"

mkportfolio c/leap a-leap "Ann Leap" 2024-02-29
mkportfolio c/close b-close "Ben Close" 2024-06-30
mkportfolio c/future c-future "Cat Future" 2026-09-01
mkportfolio c/sub d-sub "Dev Sent" 2024-09-01 "submitted: 2025-11-10" "window: 2025-11"
mkportfolio c/acc e-acc "Eve Award" 2023-01-10 "submitted: 2024-11-05" "outcome: accredited" "accredited: 2025-03-10"
mkportfolio c/ref f-ref "Fay Again" 2024-05-01 "submitted: 2025-06-02" "outcome: referred"
mkportfolio c/over g-over "Gus Late" 2023-10-01
mkportfolio c/wd h-wd "Hal Gone" 2024-09-01 "outcome: withdrawn"
mkportfolio c/prog i-prog "Ida Busy" 2025-01-20
mkevidence c/prog 2025-03-01-twilight "Twilight" 2025-03-01 "LP1" team

run lp-window status c
is_rc 0 "status: exit 0"
same_text "status of a cohort, sorted by id" <<'W'
id,name,commenced,deadline,next_window,last_window,windows_left,stage
a-leap,Ann Leap,2024-02-29,2026-02-28,,2025-11,0,not-started
b-close,Ben Close,2024-06-30,2026-06-30,2026-03,2026-06,2,not-started
c-future,Cat Future,2026-09-01,2028-09-01,2026-03,2028-06,8,not-started
d-sub,Dev Sent,2024-09-01,2026-09-01,2026-03,2026-06,2,submitted
e-acc,Eve Award,2023-01-10,2025-01-10,,2024-11,0,accredited
f-ref,Fay Again,2024-05-01,2026-05-01,2026-03,2026-03,1,referred
g-over,Gus Late,2023-10-01,2025-10-01,,2025-06,0,overdue
h-wd,Hal Gone,2024-09-01,2026-09-01,2026-03,2026-06,2,withdrawn
i-prog,Ida Busy,2025-01-20,2027-01-20,2026-03,2026-11,3,in-progress
W
is "$err" "lp-window: c/future/portfolio.md:4: warning: commenced 2026-09-01 is after today (2026-01-15)" \
	"a commencement after today is a warning"

run lp-window status -o json c/leap c/close
same_text "json: numbers and dates typed" <<'W'
[
{"id":"a-leap","name":"Ann Leap","commenced":"2024-02-29","deadline":"2026-02-28","next_window":null,"last_window":"2025-11","windows_left":0,"stage":"not-started"},
{"id":"b-close","name":"Ben Close","commenced":"2024-06-30","deadline":"2026-06-30","next_window":"2026-03","last_window":"2026-06","windows_left":2,"stage":"not-started"}
]
W
run lp-window status -o jsonl c/close
same_text "jsonl" <<'W'
{"id":"b-close","name":"Ben Close","commenced":"2024-06-30","deadline":"2026-06-30","next_window":"2026-03","last_window":"2026-06","windows_left":2,"stage":"not-started"}
W
run lp-window status -o tsv c/leap
same_text "tsv" <<'W'
id	name	commenced	deadline	next_window	last_window	windows_left	stage
a-leap	Ann Leap	2024-02-29	2026-02-28		2025-11	0	not-started
W
run lp-window status -o table c/leap c/close
same_text "table" <<'W'
id       name       commenced   deadline    next_window  last_window  windows_left  stage
a-leap   Ann Leap   2024-02-29  2026-02-28               2025-11                 0  not-started
b-close  Ben Close  2024-06-30  2026-06-30  2026-03      2026-06                 2  not-started
W

# Inside a portfolio, with no operand: that portfolio.
mkdir -p c/close/evidence/deep
out=$(cd c/close/evidence/deep && lp-window status | tail -n 1)
is "$out" "b-close,Ben Close,2024-06-30,2026-06-30,2026-03,2026-06,2,not-started" "no operand: the portfolio around us"
run lp-window status -C c/close
is "$(printf '%s\n' "$out" | tail -n 1 | cut -d, -f1)" "b-close" "-C DIR"

# Edge cases of the calendar rules.
mkportfolio e/april j-april "Jo April" 2024-04-01
run lp-window status --today 2026-03-31 e/april
is "$(printf '%s\n' "$out" | tail -n 1)" "j-april,Jo April,2024-04-01,2026-04-01,2026-03,2026-03,1,not-started" \
	"today is the day a window closes: still usable"
run lp-window status --today 2026-04-01 e/april
is "$(printf '%s\n' "$out" | tail -n 1)" "j-april,Jo April,2024-04-01,2026-04-01,,2026-03,0,not-started" \
	"the day after: no window left, last window in the past"
run lp-window status --today 2026-03-10 c/close
is "$(printf '%s\n' "$out" | tail -n 1)" "b-close,Ben Close,2024-06-30,2026-06-30,2026-03,2026-06,2,not-started" \
	"a window open today is the next window"
run lp-window status --today 2026-06-30 c/close
is "$(printf '%s\n' "$out" | tail -n 1)" "b-close,Ben Close,2024-06-30,2026-06-30,2026-06,2026-06,1,not-started" \
	"a deadline on the day a window closes: usable on that very day"

# Stage: --within for the expiry part, --min for readiness.
mkportfolio e/due k-due "Kim Due" 2022-01-10 "outcome: accredited" "accredited: 2023-06-01"
run lp-window status e/due
is "$(printf '%s\n' "$out" | tail -n 1 | cut -d, -f8)" "due" "accredited, expiring within 180 days: due"
run lp-window status --within 100 e/due
is "$(printf '%s\n' "$out" | tail -n 1 | cut -d, -f8)" "accredited" "--within 100: accredited"
mkportfolio e/ready l-ready "Lee Ready" 2025-01-10
mkassessment e/ready "LP1,developing,," "LP2,developing,," "LP3,developing,," "LP4,developing,," \
	"LP5,developing,," "LP6,developing,," "LP7,developing,," "LP8,developing,," "LP9,developing,," "LP10,developing,,"
mkevidence e/ready 2025-02-01-a "A" 2025-02-01 "LP1, LP2, LP3, LP4, LP5" team
mkevidence e/ready 2025-02-02-b "B" 2025-02-02 "LP6, LP7, LP8, LP9, LP10" team
run lp-window status e/ready
is "$(printf '%s\n' "$out" | tail -n 1 | cut -d, -f8)" "in-progress" "developing everywhere: in-progress"
run lp-window status --min developing e/ready
is "$(printf '%s\n' "$out" | tail -n 1 | cut -d, -f8)" "ready" "--min developing: ready"

# A cohort's windows.csv is used for the portfolios below it.
cat >c/windows.csv <<'W'
id,term,opens,closes
2026-02,spring,2026-02-01,2026-02-28
W
run lp-window status c/leap
is "$(printf '%s\n' "$out" | tail -n 1)" "a-leap,Ann Leap,2024-02-29,2026-02-28,2026-02,2026-02,1,not-started" \
	"the cohort's windows.csv: a window closing on the 29 February deadline"
run lp-window status --windows /dev/null c/leap
is_rc 2 "an empty --windows file: exit 2"
printf 'id,term,opens,closes\n2026-02,spring,2026-02-01,soon\n' >c/windows.csv
unchanged c "a malformed windows.csv changes nothing" lp-window status c/leap
is_rc 2 "a malformed windows.csv: exit 2"
like "$err" "^lp-window: .*c/windows.csv:2: closes: expected a date YYYY-MM-DD, got 'soon'" \
	"a malformed windows.csv: file:line"
rm c/windows.csv

# A malformed portfolio: exit 2 naming file and line, the others still shown.
mkportfolio bad/x x-bad "Xav Bad" 2024-13-01
mkportfolio bad/y y-good "Yan Good" 2024-06-30
run lp-window status bad
is_rc 2 "a malformed commenced: exit 2"
like "$err" "bad/x/portfolio.md:4: commenced: expected a date YYYY-MM-DD, got '2024-13-01'" \
	"a malformed commenced: file:line"
is "$(printf '%s\n' "$out" | tail -n 1 | cut -d, -f1)" "y-good" "the other portfolios are still listed"

run lp-window status --within soon c
is_rc 2 "a bad --within: exit 2"
run lp-window status nowhere
is_rc 2 "a missing operand: exit 2"

done_testing
