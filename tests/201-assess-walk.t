#!/bin/sh
. "$(dirname "$0")/lib.sh"

# The interactive walk-through of lp-assess.
#
# It runs on a pseudo-terminal made by the ptyrun driver
# (tests/unit/ptyrun.c): the answers are typed in up front with echo off,
# followed by an end of file, and the terminal's output is compared
# whole.  ptyrun is used rather than script(1) or tmux because with echo
# on, the typed answers appear among the program's output in an order
# that depends on scheduling; with echo off from the start there is
# nothing to race, and no sleeps are needed.  Standard error is not the
# terminal, so it is captured apart.

mkframework() {	# mkframework FILE: a framework with short, predictable text
	{
		echo "standard,name,group,level,descriptor,prompt"
		for i in 1 2 3 4 5 6 7 8 9 10; do
			case $i in
			1|2|3|4) g=Attributes ;;
			5|6|7) g=Expertise ;;
			*) g=Leadership ;;
			esac
			for l in underlying developing extending transforming; do
				d="What LP$i looks like at $l."
				[ "$i$l" = 1underlying ] &&
					d="A long descriptor that has to be wrapped at the width of the terminal (eighty columns in ptyrun) so that it reads well."
				echo "LP$i,Standard $i,$g,$l,$d,Have you thought about LP$i at $l?"
			done
		done
	} >"$1"
}
mkframework "$TMP/fw.csv"
export LP_FRAMEWORK="$TMP/fw.csv"

mkportfolio ada ada "Ada Lovelace" 2025-09-01
mkassessment ada "LP1,developing,2025-10-01,first try" "LP3,extending,2025-10-01,keep me"
mkevidence ada 2025-10-02-pairs "Pairs" 2025-10-02 "LP1, LP2" team
mkevidence ada 2025-11-02-trust "Trust day" 2025-11-02 "LP1" beyond
git -C ada init -q && git -C ada add -A && git -C ada commit -qm init

# walk ANSWERS: run the walk-through in ada with these lines typed
walk() {
	printf "$1" >"$TMP/answers"
	shift
	out=$(ptyrun lp-assess -C ada "$@" <"$TMP/answers" 2>"$TMP/.err"); rc=$?
	err=$(cat "$TMP/.err")
}

# --- no terminal ---------------------------------------------------------

unchanged ada "without a terminal nothing happens" lp-assess -C ada </dev/null
is_rc 2 "without a terminal: exit 2"
is "$err" "lp-assess: the walk-through needs a terminal; use lp-assess set LP1=extending ..." \
	"without a terminal: the message points at set"

# --- a whole session -----------------------------------------------------

# LP1: help, then extending.  LP2: a bad answer, then 2.  LP3: back to
# LP2.  LP2: keep.  LP3: 0 (none).  LP4..LP10: keep.  Save?: a bad answer,
# then y.
walk '?\nextending\nx\n2\nb\n\n0\n\n\n\n\n\n\n\nmaybe\ny\n'
is_rc 0 "the session exits 0"
is "$err" "" "nothing on stderr"
same_text "the whole session" <<'EOF'
Self-assessment of Ada Lovelace (ada) against the ten standards.
Answer 0-4 or a level name to set a level, Enter to keep it, b to go back,
q to quit without saving, ? for help.

LP1  Standard 1  (Attributes)
  1 underlying    A long descriptor that has to be wrapped at the width of the
                  terminal (eighty columns in ptyrun) so that it reads well.
  2 developing    What LP1 looks like at developing.
  3 extending     What LP1 looks like at extending.
  4 transforming  What LP1 looks like at transforming.
  Now: developing.  Evidence supports: transforming (2 items, best reach beyond).
LP1 [developing]:   0-4 or a level name  set the level (0 none, 1 underlying, 2 developing,
                       3 extending, 4 transforming)
  Enter                keep the level and go on
  b                    go back to the previous standard
  q                    quit without saving
  ?                    this help
LP1 [developing]: 
LP2  Standard 2  (Attributes)
  1 underlying    What LP2 looks like at underlying.
  2 developing    What LP2 looks like at developing.
  3 extending     What LP2 looks like at extending.
  4 transforming  What LP2 looks like at transforming.
  Now: none.  Evidence supports: developing (1 item, best reach team).
LP2 [none]: Expected 0-4, a level name, Enter, b, q or ?; got 'x'.
LP2 [none]: 
LP3  Standard 3  (Attributes)
  1 underlying    What LP3 looks like at underlying.
  2 developing    What LP3 looks like at developing.
  3 extending     What LP3 looks like at extending.
  4 transforming  What LP3 looks like at transforming.
  Now: extending.  Evidence: none yet.
LP3 [extending]: 
LP2  Standard 2  (Attributes)
  1 underlying    What LP2 looks like at underlying.
  2 developing    What LP2 looks like at developing.
  3 extending     What LP2 looks like at extending.
  4 transforming  What LP2 looks like at transforming.
  Now: developing (was none).  Evidence supports: developing (1 item, best reach team).
LP2 [developing]: 
LP3  Standard 3  (Attributes)
  1 underlying    What LP3 looks like at underlying.
  2 developing    What LP3 looks like at developing.
  3 extending     What LP3 looks like at extending.
  4 transforming  What LP3 looks like at transforming.
  Now: extending.  Evidence: none yet.
LP3 [extending]: 
LP4  Standard 4  (Attributes)
  1 underlying    What LP4 looks like at underlying.
  2 developing    What LP4 looks like at developing.
  3 extending     What LP4 looks like at extending.
  4 transforming  What LP4 looks like at transforming.
  Now: none.  Evidence: none yet.
LP4 [none]: 
LP5  Standard 5  (Expertise)
  1 underlying    What LP5 looks like at underlying.
  2 developing    What LP5 looks like at developing.
  3 extending     What LP5 looks like at extending.
  4 transforming  What LP5 looks like at transforming.
  Now: none.  Evidence: none yet.
LP5 [none]: 
LP6  Standard 6  (Expertise)
  1 underlying    What LP6 looks like at underlying.
  2 developing    What LP6 looks like at developing.
  3 extending     What LP6 looks like at extending.
  4 transforming  What LP6 looks like at transforming.
  Now: none.  Evidence: none yet.
LP6 [none]: 
LP7  Standard 7  (Expertise)
  1 underlying    What LP7 looks like at underlying.
  2 developing    What LP7 looks like at developing.
  3 extending     What LP7 looks like at extending.
  4 transforming  What LP7 looks like at transforming.
  Now: none.  Evidence: none yet.
LP7 [none]: 
LP8  Standard 8  (Leadership)
  1 underlying    What LP8 looks like at underlying.
  2 developing    What LP8 looks like at developing.
  3 extending     What LP8 looks like at extending.
  4 transforming  What LP8 looks like at transforming.
  Now: none.  Evidence: none yet.
LP8 [none]: 
LP9  Standard 9  (Leadership)
  1 underlying    What LP9 looks like at underlying.
  2 developing    What LP9 looks like at developing.
  3 extending     What LP9 looks like at extending.
  4 transforming  What LP9 looks like at transforming.
  Now: none.  Evidence: none yet.
LP9 [none]: 
LP10  Standard 10  (Leadership)
  1 underlying    What LP10 looks like at underlying.
  2 developing    What LP10 looks like at developing.
  3 extending     What LP10 looks like at extending.
  4 transforming  What LP10 looks like at transforming.
  Now: none.  Evidence: none yet.
LP10 [none]: 
Changes:
  LP1   developing -> extending
  LP2   none -> developing
  LP3   extending -> none
Save? [Y/n] Expected y (save), n (do not save) or b (back to LP10).
Save? [Y/n] Saved ada/assessment.csv (assess: LP1 extending, LP2 developing, LP3 none).
EOF
out=$(cat ada/assessment.csv)
same_text "the answers are saved; other rows and notes kept" <<'EOF'
standard,level,date,note
LP1,extending,2026-01-15,first try
LP2,developing,2026-01-15,
LP3,none,2026-01-15,keep me
EOF
run git -C ada show --name-only --format=%s HEAD
same_text "one commit of assessment.csv" <<'EOF'
assess: LP1 extending, LP2 developing, LP3 none

assessment.csv
EOF
is "$(git -C ada rev-list --count HEAD)" 2 "exactly one commit"

# --- leaving without saving ----------------------------------------------

before=$(tree_sum ada)
walk '4\n4\nq\n'
is_rc 0 "q exits 0"
like "$(printf "%s\n" "$out" | tail -n 1)" "Nothing saved.$" "q says nothing was saved"
is "$(tree_sum ada)" "$before" "q changes nothing"

walk '4\n\n\n\n\n\n\n\n\n\nn\n'
is_rc 0 "n at Save? exits 0"
is "$(printf '%s\n' "$out" | tail -n 3)" "Changes:
  LP1   extending -> transforming
Save? [Y/n] Nothing saved." "n at Save? shows the changes and saves nothing"
is "$(tree_sum ada)" "$before" "n changes nothing"

walk '4\n3\n'
is_rc 0 "end of input exits 0"
is "$(printf '%s\n' "$out" | tail -n 2)" "LP3 [none]: 
Nothing saved." "end of input is quitting"
is "$(tree_sum ada)" "$before" "end of input changes nothing"

walk '\n\n\n\n\n\n\n\n\n\n'
is_rc 0 "keeping everything exits 0"
is "$(printf '%s\n' "$out" | tail -n 1)" "No changes; nothing saved." \
	"keeping everything saves nothing"
is "$(tree_sum ada)" "$before" "keeping everything changes nothing"

# --- back from Save?, with --note and --date ------------------------------

walk 'b\n\n\n\n\n\n\n\n\n\nleading\nb\nTRANSFORMING\n\n' --note "-ve at first" --date 2026-01-10
is_rc 0 "b at Save? goes back to LP10"
is "$(printf '%s\n' "$out" | grep -c '^LP10  Standard 10')" 2 "LP10 is shown again"
is "$(printf '%s\n' "$out" | grep -c '^LP1 \[extending\]: This is the first standard.$')" 1 \
	"b at LP1 stays at LP1"
is "$(printf '%s\n' "$out" | tail -n 3)" "Changes:
  LP10  none -> transforming
Save? [Y/n] Saved ada/assessment.csv (assess: LP10 transforming)." \
	"only the last answer for LP10 counts"
is "$(tail -n 1 ada/assessment.csv)" "LP10,transforming,2026-01-10,-ve at first" \
	"--note and --date apply to what the walk-through changed"

run lp-assess --at HEAD -C ada
is_rc 2 "the walk-through does not take --at"
like "$err" "^lp-assess: --at does not apply to lp-assess \(it is for show, check, coach, history\)" "and says so"

done_testing
