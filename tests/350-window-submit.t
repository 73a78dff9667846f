#!/bin/sh
# lp-window submit: refuses unless ready, clean, in time and in a usable
# window; then records, commits and tags (today is 2026-01-15).
. "$(dirname "$0")/lib.sh"

# Until lp itself is built, a stand-in for `lp check` that runs the same
# two checks; lp-window uses an lp found on PATH only with an lp-window
# beside it.
if [ ! -x "$LP_BUILD/bin/lp" ]; then
	mkdir -p "$TMP/bin"
	ln -s "$LP_BUILD/bin/lp-window" "$TMP/bin/lp-window"
	cat >"$TMP/bin/lp" <<'S'
#!/bin/sh
[ "$1" = check ] || exit 2
shift
while [ $# -gt 0 ]; do
	case $1 in
	--) shift; break ;;
	--today|--min|--framework) shift 2 ;;
	-*) shift ;;
	*) break ;;
	esac
done
lp-evidence check "$@" && lp-assess check "$@"
S
	chmod +x "$TMP/bin/lp"
	PATH="$PATH:$TMP/bin"
fi

# mkready DIR ID NAME COMMENCED [front matter...]: a portfolio lp check passes.
mkready() {
	_rd=$1
	mkportfolio "$@"
	mkassessment "$_rd" "LP1,extending,," "LP2,extending,," "LP3,extending,," \
		"LP4,extending,," "LP5,extending,," "LP6,extending,," "LP7,extending,," \
		"LP8,extending,," "LP9,extending,," "LP10,extending,,"
	mkevidence "$_rd" 2025-02-01-coaching "Coaching" 2025-02-01 "LP1, LP2, LP3, LP4, LP5" institution
	mkevidence "$_rd" 2025-02-02-network "Network" 2025-02-02 "LP6, LP7, LP8, LP9, LP10" institution
}
commit_all() {	# commit_all DIR MESSAGE
	git -C "$1" add -A && git -C "$1" commit -q -m "$2"
}
last_commit() {	# the subject and the files of HEAD
	git -C "$1" show --stat --format=%s HEAD
}

mkready ada ada "Ada Lovelace" 2024-06-30 "school: Hilltop"
printf 'Body text, kept byte for byte.\n' >>ada/portfolio.md
git init -q ada && commit_all ada "start"

run lp-window submit ada
is_rc 0 "a ready portfolio: exit 0"
is "$out" "ada: submitted into 2026-03 (closes 2026-03-31), tagged lp/submitted/ada/2026-03" "a ready portfolio: one line"
cat >want <<'W'
---
name: Ada Lovelace
id: ada
commenced: 2024-06-30
school: Hilltop
submitted: 2026-01-15
window: 2026-03
---
Body text, kept byte for byte.
W
same_file want ada/portfolio.md "submitted and window recorded, the rest kept"
out=$(last_commit ada)
same_text "commit: message and exactly portfolio.md" <<'W'
window: submit into 2026-03

 portfolio.md | 2 ++
 1 file changed, 2 insertions(+)
W
is "$(git -C ada cat-file -t lp/submitted/ada/2026-03)" "tag" "an annotated tag"
is "$(git -C ada rev-parse 'lp/submitted/ada/2026-03^{commit}')" "$(git -C ada rev-parse HEAD)" "the tag is on the submission commit"
is "$(git -C ada status --porcelain)" "" "the work tree is clean afterwards"

unchanged ada "submitted, awaiting the outcome: nothing changes" lp-window submit ada
is_rc 1 "submitted, awaiting the outcome: exit 1"
is "$err" "lp-window: ada: refusing to submit: the portfolio is submitted and awaits its outcome (record it with lp-window outcome)" \
	"submitted, awaiting the outcome: says why"

# Referred: a new submission clears the outcome; the tag gets a suffix.
lp-window outcome referred ada
run lp-window submit ada
is_rc 0 "referred: resubmission accepted"
is "$out" "ada: submitted into 2026-03 (closes 2026-03-31), tagged lp/submitted/ada/2026-03-2" "an existing tag: -2"
is "$(grep -c '^outcome:' ada/portfolio.md)" 0 "the referred outcome is cleared"
is "$(git -C ada log -3 --format=%s | tr '\n' '|')" "window: submit into 2026-03|window: outcome referred|window: submit into 2026-03|" \
	"one commit for each step"

# Choosing the window.
mkready bea bea "Bea Window" 2024-06-30
git init -q bea && commit_all bea "start"
unchanged bea "--window closed: nothing changes" lp-window submit --window 2025-11 bea
is_rc 1 "--window closed: exit 1"
is "$err" "lp-window: bea: refusing to submit: window 2025-11 closed on 2025-11-30" "--window closed: says why"
unchanged bea "--window after the deadline: nothing changes" lp-window submit --window 2026-11 bea
is_rc 1 "--window after the deadline: exit 1"
is "$err" "lp-window: bea: refusing to submit: window 2026-11 closes on 2026-11-30, after the deadline 2026-06-30" \
	"--window after the deadline: says why"
unchanged bea "--window unknown: nothing changes" lp-window submit --window 2026-02 bea
is_rc 2 "--window unknown: exit 2"
is "$err" "lp-window: --window: no window '2026-02' in the calendar (built-in); lp-window list shows them" \
	"--window unknown: message"
run lp-window submit -q --window 2026-06 bea
is_rc 0 "--window on the deadline: exit 0"
is "$out" "" "-q: no confirmation"
is "$(grep '^window:' bea/portfolio.md)" "window: 2026-06" "--window recorded"
is "$(git -C bea tag -l)" "lp/submitted/bea/2026-06" "--window: its tag"

# Refusals: dirty tree, not ready, deadline passed.
mkready cal cal "Cal Dirty" 2024-06-30
git init -q cal && commit_all cal "start"
echo draft >cal/evidence/notes.txt
unchanged cal "an untracked file: nothing changes" lp-window submit cal
is_rc 1 "an untracked file: exit 1"
is "$err" "lp-window: cal: refusing to submit: the work tree has changes that are not committed (commit them, or move them away, first)" \
	"an untracked file: says why"
rm cal/evidence/notes.txt
sed -i 's/^LP4,extending/LP4,developing/' cal/assessment.csv
commit_all cal "LP4 down"
unchanged cal "not ready: nothing changes" lp-window submit cal
is_rc 1 "not ready: exit 1"
like "$err" "LP4" "not ready: lp check says what"
like "$err" "lp-window: cal: refusing to submit: lp check found problems \(above\); --force submits anyway" \
	"not ready: says why"
run lp-window submit --force cal
is_rc 0 "--force: exit 0"
out=$(last_commit cal)
same_text "--force: said in the commit message" <<'W'
window: submit into 2026-03 (forced: not ready)

 portfolio.md | 2 ++
 1 file changed, 2 insertions(+)
W

mkready dan dan "Dan Late" 2023-10-01
git init -q dan && commit_all dan "start"
unchanged dan "deadline passed: nothing changes" lp-window submit --force dan
is_rc 1 "deadline passed: exit 1, even with --force"
is "$err" "lp-window: dan: refusing to submit: the deadline 2025-10-01 has passed" "deadline passed: says why"

mkready eve eve "Eve Leap" 2024-02-29
git init -q eve && commit_all eve "start"
unchanged eve "no window left: nothing changes" lp-window submit eve
is_rc 1 "no window left: exit 1"
is "$err" "lp-window: eve: refusing to submit: no window is left before the deadline 2026-02-28" "no window left: says why"

mkready fay fay "Fay Done" 2022-06-30 "outcome: accredited" "accredited: 2024-07-01"
git init -q fay && commit_all fay "start"
unchanged fay "accredited: nothing changes" lp-window submit --force --today 2024-01-15 fay
is_rc 1 "accredited: exit 1"
mkready gil gil "Gil Gone" 2024-06-30 "outcome: withdrawn"
git init -q gil && commit_all gil "start"
unchanged gil "withdrawn: nothing changes" lp-window submit gil
is_rc 1 "withdrawn: exit 1"

# Outside git: exit 2, nothing written.
mkready hal hal "Hal Loose" 2024-06-30
unchanged hal "outside git: nothing changes" lp-window submit --force hal
is_rc 2 "outside git: exit 2"
like "$err" "^lp-window: hal: not in a git work tree" "outside git: says so"

# A cohort in one repository: the portfolio's own directory must be clean.
mkdir cohort
mkready cohort/ivy ivy "Ivy Shared" 2024-06-30
mkready cohort/jon jon "Jon Shared" 2024-06-30
git init -q cohort && commit_all cohort "cohort"
echo "draft" >cohort/jon/evidence/draft.txt
run lp-window submit -C cohort/ivy
is_rc 0 "changes in another portfolio of the repository do not block"
out=$(last_commit cohort)
same_text "a cohort repository: the portfolio's file, by its path" <<'W'
window: submit into 2026-03

 ivy/portfolio.md | 2 ++
 1 file changed, 2 insertions(+)
W
rm cohort/jon/evidence/draft.txt
run lp-window submit cohort/jon
is "$out" "jon: submitted into 2026-03 (closes 2026-03-31), tagged lp/submitted/jon/2026-03" \
	"a cohort repository: each portfolio's submission has a tag of its own (SPEC 5.4)"
is "$(git -C cohort tag -l | tr '\n' ' ')" "lp/submitted/ivy/2026-03 lp/submitted/jon/2026-03 " \
	"a cohort repository: the tags say whose"

# --no-commit: written, neither committed nor tagged.
mkready kim kim "Kim Draft" 2024-06-30
git init -q kim && commit_all kim "start"
run lp-window submit --no-commit kim
is_rc 0 "--no-commit: exit 0"
is "$out" "kim: submitted into 2026-03 (closes 2026-03-31), not committed" "--no-commit: says so"
is "$(git -C kim log --format=%s | head -n 1)" "start" "--no-commit: no commit"
is "$(git -C kim tag -l)" "" "--no-commit: no tag"
is "$(git -C kim status --porcelain)" " M portfolio.md" "--no-commit: the file is written"

run lp-window submit --at HEAD kim
is_rc 2 "--at: usage error"
run lp-window submit kim bea
is_rc 2 "two portfolios: usage error"

done_testing
