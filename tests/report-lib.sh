# tests/report-lib.sh - fixtures shared by the lp-report tests (5NN-report-*.t).
#
# Source it after lib.sh.  Today is 2026-01-15 (lib.sh); the built-in
# calendar's next window is 2026-03 (closes 2026-03-31).

# mkcohort DIR: ten portfolios, one at each stage of SPEC 6.  The
# withdrawn one, in directory jo, has the id Z10, which sorts first in byte
# order, so that a test sees rows sorted by id and not by directory.
mkcohort() {
	_rc=$1
	# not-started: nothing assessed, no evidence.
	mkportfolio "$_rc/ann" a1 "Ann Able" 2025-09-01 "school: Oak School" "cohort: north"
	# in-progress: two levels, one item; LP2 claimed above its evidence.
	mkportfolio "$_rc/ben" b2 "O'Neill, Ben" 2025-02-01 "school: Oak School" "cohort: north"
	mkassessment "$_rc/ben" "LP1,developing,2025-03-01," "LP2,extending,2025-03-01,needs a second project"
	mkevidence "$_rc/ben" 2025-03-01-twilight "Twilight on feedback" 2025-03-01 "LP1, LP2" team
	# ready: every standard extending, supported by institution-wide items.
	mkportfolio "$_rc/cat" c3 "Cat Clever" 2024-10-01 "school: Elm Academy" "cohort: south"
	mkassessment "$_rc/cat" LP1,extending,, LP2,extending,, LP3,extending,, LP4,extending,, \
		LP5,extending,, LP6,extending,, LP7,extending,, LP8,extending,, LP9,extending,, LP10,transforming,,
	mkevidence "$_rc/cat" 2025-01-10-inset "Whole-school INSET" 2025-01-10 "LP1, LP2, LP3, LP4, LP5" institution
	mkevidence "$_rc/cat" 2025-02-10-network "Trust network" 2025-02-10 "LP6, LP7, LP8, LP9, LP10" beyond
	# submitted, awaiting the outcome.
	mkportfolio "$_rc/dev" d4 "Dev Sent" 2024-09-01 "school: Elm Academy" "submitted: 2025-11-20" "window: 2025-11"
	mkevidence "$_rc/dev" 2025-05-05-coaching "Coaching" 2025-05-05 LP8 team
	# referred.
	mkportfolio "$_rc/eve" e5 "Eve Again" 2024-05-01 "submitted: 2025-06-02" "outcome: referred"
	# overdue: the deadline 2025-06-01 has passed.
	mkportfolio "$_rc/fay" f6 "Fay Late" 2023-06-01 "school: Oak School"
	# accredited, expires 2028-07-01.
	mkportfolio "$_rc/gus" g7 "Gus Award" 2023-09-01 "outcome: accredited" "accredited: 2025-07-01"
	# due: expires 2026-03-01, within 180 days.
	mkportfolio "$_rc/hal" h8 "Hal Renew" 2021-01-01 "outcome: accredited" "accredited: 2023-03-01"
	# expired on 2025-06-01.
	mkportfolio "$_rc/ida" i9 "Ida Lapsed" 2020-01-01 "outcome: accredited" "accredited: 2022-06-01"
	# withdrawn.
	mkportfolio "$_rc/jo" Z10 "Jo Gone" 2025-01-01 "outcome: withdrawn"
}

# htmlcheck FILE NAME: the structural checks of tests/report-htmlcheck.py.
htmlcheck() {
	if ! command -v python3 >/dev/null 2>&1; then
		ok "$2 # SKIP python3 is not installed"
		return
	fi
	if _hc=$(python3 "$TESTS_DIR/report-htmlcheck.py" "$1" 2>&1); then ok "$2"; else
		not_ok "$2" "$_hc"; fi
}

# count PATTERN FILE: how many times an extended regexp matches in FILE.
count() {
	grep -oE -- "$1" "$2" | wc -l | tr -d ' '
}
