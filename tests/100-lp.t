#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp: init, check and the dispatch to lp-TOOL.

# ---- lp init in a fresh directory ----

run lp init ada --name 'Ada Lovelace' --id ada-lovelace --commenced 2025-09-01 \
    --focus 'Reading for pleasure in KS2' --email ada@example.org \
    --cohort 2025-north --role 'Year 5 teacher' --school 'Hilltop Primary'
is_rc 0 "init in a new directory"
is "$out" "" "init prints nothing on stdout"
is "$err" "lp: made the portfolio ada-lovelace in ada, a new git repository" "init says what it made"
cat >"$TMP/want" <<'W'
---
name: Ada Lovelace
id: ada-lovelace
school: Hilltop Primary
role: Year 5 teacher
cohort: 2025-north
email: ada@example.org
commenced: 2025-09-01
focus: Reading for pleasure in KS2
---
## My context

Describe where you work and what you do: your school or college, your
role, and the colleagues and learners your work reaches. Say which
school improvement priority your work serves, why you chose it, and
what you hope will change, for colleagues and for their learners.
W
same_file "$TMP/want" ada/portfolio.md "portfolio.md: keys in order, then the invitation"
printf 'standard,level,date,note\n' >"$TMP/want"
same_file "$TMP/want" ada/assessment.csv "assessment.csv: the header alone"
[ -d ada/.git ] && ok "init made a git repository" || not_ok "init made a git repository"
run git -C ada show --stat --format=%s HEAD
same_text "the first commit: its message and exactly the two files" <<'W'
init: portfolio ada-lovelace

 assessment.csv |  1 +
 portfolio.md   | 16 ++++++++++++++++
 2 files changed, 17 insertions(+)
W
run git -C ada rev-list --count HEAD
is "$out" 1 "one commit"
run git -C ada status --porcelain
is "$out" "" "nothing left uncommitted"
run lp-evidence list -C ada -o csv
is_rc 0 "the new portfolio loads"

# Only the required keys; the current directory by default.
mkdir bob && cd bob
run lp init --name Bob --id bob --commenced 2024-02-29 -q
is_rc 0 "init in the current directory"
is "$err" "" "-q: no note"
cd "$TMP"
cat >"$TMP/want" <<'W'
---
name: Bob
id: bob
commenced: 2024-02-29
---
W
run sed -n 1,5p bob/portfolio.md
printf '%s\n' "$out" >"$TMP/got"
same_file "$TMP/want" "$TMP/got" "only the keys given"

# -C: DIR is relative to it; parents are made.
mkdir cohort
run lp init -C cohort x/carol --name Carol --id carol --commenced 2025-01-06
is_rc 0 "init -C DIR a/b makes the parents"
[ -f cohort/x/carol/portfolio.md ] && ok "written under -C" || not_ok "written under -C"

# ---- lp init inside an existing repository ----

mkdir trust && git -C trust init -q && echo '# Trust cohort' >trust/README.md &&
    git -C trust add README.md && git -C trust commit -qm start
run lp init trust/2025/dan --name Dan --id dan --commenced 2025-09-01
is_rc 0 "init in a subdirectory of a repository"
is "$err" "lp: made the portfolio dan in trust/2025/dan" "no new repository is mentioned"
[ ! -e trust/2025/dan/.git ] && ok "no nested git init" || not_ok "no nested git init"
run git -C trust show --stat --format=%s HEAD
same_text "committed in the enclosing repository, with the prefix" <<'W'
init: portfolio dan

 2025/dan/assessment.csv |  1 +
 2025/dan/portfolio.md   | 11 +++++++++++
 2 files changed, 12 insertions(+)
W
run git -C trust rev-list --count HEAD
is "$out" 2 "one commit added to the repository"

# Whatever else is staged stays out of the commit.
echo change >>trust/README.md && git -C trust add README.md
run lp init trust/2025/eve --name Eve --id eve --commenced 2025-09-01 -q
run git -C trust show --name-only --format=%s HEAD
same_text "a staged file elsewhere is not committed" <<'W'
init: portfolio eve

2025/eve/assessment.csv
2025/eve/portfolio.md
W
git -C trust reset -q --hard

# --no-commit: the files and the repository, no commit.
run lp init fay --name Fay --id fay --commenced 2025-09-01 --no-commit
is_rc 0 "init --no-commit"
is "$err" "lp: made the portfolio fay in fay, a new git repository (not committed)" "--no-commit note"
run git -C fay rev-parse -q --verify HEAD
is "$out" "" "no commit was made"
run git -C fay status --porcelain
same_text "both files are there, untracked" <<'W'
?? assessment.csv
?? portfolio.md
W

# ---- lp init refuses, and makes nothing ----

unchanged ada "init where portfolio.md exists changes nothing" \
    lp init ada --name X --id x --commenced 2025-09-01
is_rc 2 "init where portfolio.md exists: exit 2"
is "$err" "lp: init: ada already holds a portfolio.md" "init names the existing portfolio"

unchanged ada "init inside a portfolio changes nothing" \
    lp init ada/sub --name X --id x --commenced 2025-09-01
is_rc 2 "init inside a portfolio: exit 2"
like "$err" "^lp: init: ada/sub would be inside the portfolio (.*/)?ada$" "init names the enclosing portfolio"

for bad in 'ada lovelace' 'ada/x' '' 'é'; do
	run lp init new --name X --id "$bad" --commenced 2025-09-01
	is_rc 2 "init --id '$bad': exit 2"
	[ ! -e new ] && ok "init --id '$bad': nothing made" || not_ok "init --id '$bad': nothing made"
done
run lp init new --name X --id 'a b' --commenced 2025-09-01
is "$err" "lp: init: --id: expected letters, digits, '.', '_' or '-', got 'a b'" "bad id message"
run lp init new --name X --id x --commenced 2025-02-30
is "$rc:$err" "2:lp: init: --commenced: expected a date YYYY-MM-DD, got '2025-02-30'" "impossible date"
run lp init new --name X --id x --commenced 2025-9-1
is_rc 2 "a date not written YYYY-MM-DD"
run lp init new --id x --commenced 2025-09-01
is "$rc:$(printf '%s' "$err" | head -1)" "2:lp: --name: required" "--name is required"
run lp init new --name "$(printf 'two\nlines')" --id x --commenced 2025-09-01
is "$rc:$err" "2:lp: init: --name: expected one line of text" "a name of two lines"
run lp init new --name "$(printf 'caf\351')" --id x --commenced 2025-09-01
is "$rc:$err" "2:lp: init: --name: expected UTF-8 text" "a name that is not UTF-8"
run lp init new --name X --id x --commenced 2025-09-01 --colour blue
is_rc 2 "an unknown option: exit 2"
like "$err" "^lp: --colour: unknown option" "an unknown option is named"
like "$err" "usage: lp init" "and the usage follows"
run lp init new --name X --id x --commenced 2025-09-01 -o json
is "$rc:$(printf '%s' "$err" | head -1)" "2:lp: --format does not apply to init (it is for check)" "an option of other commands"
mkdir half && echo 'standard,level,date,note' >half/assessment.csv
unchanged half "init beside an assessment.csv changes nothing" \
    lp init half --name X --id x --commenced 2025-09-01
is "$rc:$err" "2:lp: init: half already holds an assessment.csv; move it away first" "init keeps an existing assessment.csv"

# A commit that cannot be made takes everything back.
: >trust/.git/index.lock
unchanged trust "a failed commit in a repository: nothing left" \
    lp init trust/2026/gus --name Gus --id gus --commenced 2025-09-01
is "$rc" 2 "a failed commit: exit 2"
[ ! -e trust/2026 ] && ok "the directories made are removed" || not_ok "the directories made are removed"
rm trust/.git/index.lock
mkdir nohome
run env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME -u GIT_COMMITTER_EMAIL \
    HOME="$TMP/nohome" lp init new --name X --id x --commenced 2025-09-01
is "$rc" 2 "no git identity: exit 2"
like "$err" "user.name|GIT_AUTHOR_NAME" "no git identity: says what to set"
[ ! -e new ] && ok "no git identity: the new directory and repository are removed" ||
    not_ok "no git identity: the new directory and repository are removed"

run lp init a b --name X --id x --commenced 2025-09-01
is_rc 2 "two directories"
[ ! -e new ] && [ ! -e a ] && ok "nothing was made by any refusal" || not_ok "nothing was made by any refusal"

# ---- the front door ----

run lp --help
is_rc 0 "lp --help"
like "$out" "^usage: lp init" "--help: the usage"
for tool in assess evidence window reaccredit report; do
	like "$out" "^  $tool  " "--help lists $tool"
done
run lp
is "$rc" 2 "lp alone: a usage error, as in every program"
like "$err" "^usage: lp init" "lp alone: the usage on stderr"
run lp -h
like "$rc:$out" "^0:usage" "lp -h"
run lp --version
is "$rc:$out" "0:lp 0.1.0" "lp --version"
run lp --bogus
is_rc 2 "lp --bogus: exit 2"
run lp nosuch
is "$rc:$err" "2:lp: 'nosuch' is not an lp command" "an unknown tool"
run lp ../bin/lp-evidence
is "$rc:$err" "2:lp: '../bin/lp-evidence' is not an lp command" "a path is not a tool"

# lp TOOL runs lp-TOOL beside lp first, then on PATH, with the arguments.
mkdir fake other
cp "$LP_BUILD/bin/lp" fake/lp
cat >fake/lp-hello <<'S'
#!/bin/sh
echo "beside: $0 $*"
exit 3
S
cat >other/lp-hello <<'S'
#!/bin/sh
echo "on PATH: $*"
S
cat >other/lp-path <<'S'
#!/bin/sh
echo "on PATH: $*"
S
chmod +x fake/lp-hello other/lp-hello other/lp-path
run env PATH="$TMP/other:$PATH" fake/lp hello a 'b c'
is "$rc:$out" "3:beside: $TMP/fake/lp-hello a b c" "the tool beside lp wins, with its arguments and status"
run env PATH="$TMP/other:$PATH" fake/lp path -x
is "$rc:$out" "0:on PATH: -x" "else the tool on PATH"
run lp evidence --version
is "$rc:$out" "0:lp-evidence 0.1.0" "lp evidence runs lp-evidence"

# ---- lp check: one process, every finding once, the exit status ----

mkportfolio c/p1 p1 One 2025-09-01
mkportfolio c/p2 p2 Two 2025-09-01
mkportfolio c/p3 p3 Three 2025-09-01
run lp check --min none c
is "$rc:$out:$err" "0::" "check: nothing found, exit 0, nothing said"
run lp check c
is_rc 1 "unassessed standards are findings: exit 1"
is "$(printf '%s\n' "$err" | grep -c 'is not assessed')" 30 "each finding once: 10 standards x 3 portfolios"
run lp check -q c
is "$rc:$out:$err" "1::" "-q: nothing printed, the status speaks"
run lp check -o csv c/p1
is "$(printf '%s\n' "$out" | head -2)" "portfolio,file,line,severity,message
p1,c/p1/assessment.csv,,error,LP1 is not assessed" "-o: the findings as rows on stdout"
is "$err" "" "-o: nothing on stderr"
run lp check -o json c/p1
like "$out" '"line":null' "-o json: a missing line is null"

# Inside a portfolio: that one; an empty directory is not a pass.
(cd c/p2 && lp check --min none >/dev/null 2>&1); rc=$?
is "$rc" 0 "check with no operand checks the portfolio around"
mkdir empty
run lp check empty
is "$rc:$err" "2:lp: no portfolio found in empty (a directory holding portfolio.md)" "an operand with no portfolio: exit 2"
run lp check nowhere
is_rc 2 "a missing operand: exit 2"
run lp -C c check --min none p1
is "$rc:$err" "0:" "lp -C DIR check: options before the subcommand"

# Two portfolios with one id, and an unusable portfolio.md, are findings.
mkportfolio c/p4 p1 Impostor 2025-09-01
run lp check --min none c
is_rc 1 "two portfolios with one id: a finding"
like "$err" "two portfolios have the id 'p1': c/p1 and c/p4" "the finding names both directories"
rm -r c/p4
printf -- '---\nname: Bad\n---\n' >c/p2/portfolio.md
run lp check --min none c
is_rc 1 "a portfolio.md that cannot be used: a finding, exit 1"
like "$err" "^lp: c/p2/portfolio.md:1: missing required key 'id'" "the problem is named with file and line"
run lp check --framework /dev/null c/p1
is_rc 2 "a framework file that cannot be read: exit 2"

# Lifecycle nonsense in portfolio.md (SPEC 5.1), each with file:line.
mkportfolio life l Life 2025-09-01
lifecycle() {	# KEY: VALUE lines appended to the front matter, then check
	mkportfolio life l Life 2025-09-01
	for kv in "$@"; do sed -i "/^commenced:/a $kv" life/portfolio.md; done
	run lp check --min none life
}
lifecycle "outcome: accredited"
is "$rc:$err" "1:lp: life/portfolio.md:5: outcome is accredited but there is no accredited date (lp-window outcome accredited --date DATE records both)
lp: life/portfolio.md:5: outcome accredited but nothing was submitted (no submitted date)" "outcome accredited without a date or a submission"
lifecycle "accredited: 2026-01-01"
like "$rc:$err" "^1:lp: life/portfolio.md:5: an accredited date is set but the outcome is not recorded" "an accredited date without the outcome"
lifecycle "submitted: 2025-03-10" "window: 2025-03"
like "$err" "life/portfolio.md:[0-9]+: submitted 2025-03-10 is before commenced 2025-09-01" "submitted before commenced"
lifecycle "submitted: 2026-03-10" "window: 2099-06"
like "$rc:$err" "^1:.*window 2099-06 is not in the calendar" "a window not in the calendar"
lifecycle "submitted: 2026-04-10" "window: 2026-03"
like "$rc:$err" "^1:.*submitted 2026-04-10 is after window 2026-03 closed \(2026-03-31\)" "a submission after its window closed"
lifecycle "submitted: 2026-01-15" "window: 2026-03"
is "$rc:$err" "0:" "a submission before its window opens waits for it: no finding"
lifecycle "outcome: referred"
like "$rc:$err" "^1:.*outcome referred but nothing was submitted" "an outcome with no submission"
lifecycle "submitted: 2026-03-10" "window: 2026-03" "outcome: accredited" "accredited: 2026-05-01"
is "$rc:$err" "0:" "a consistent lifecycle passes"
mkevidence life 2026-02-01-later 'Later' 2026-02-01 'LP1' team
run lp check --min none life
is "$rc" 0 "evidence dated after today: only a warning, exit 0"
like "$err" "^lp: life/evidence/2026-02-01-later.md:[0-9]+: warning: dated 2026-02-01, after today \(2026-01-15\)" "the warning names the file and line"

# ---- lp check for real: a portfolio that is ready, then one that is not ----

mkportfolio ready r Ready 2025-09-01
mkassessment ready LP1,extending,, LP2,extending,, LP3,extending,, LP4,extending,, \
    LP5,extending,, LP6,extending,, LP7,extending,, LP8,extending,, LP9,extending,, LP10,extending,,
mkevidence ready 2025-10-01-a 'Attributes' 2025-10-01 'LP1, LP2, LP3, LP4' institution
mkevidence ready 2025-11-01-b 'Expertise' 2025-11-01 'LP5, LP6, LP7' institution
mkevidence ready 2025-12-01-c 'Leadership' 2025-12-01 'LP8, LP9, LP10' beyond
run lp check ready
is_rc 0 "a ready portfolio passes lp check"
mkassessment ready LP1,transforming,, LP2,extending,, LP3,extending,, LP4,extending,, \
    LP5,extending,, LP6,extending,, LP7,extending,, LP8,extending,, LP9,extending,, LP10,extending,,
run lp check ready
is_rc 1 "a claim the evidence does not support: exit 1"
mkevidence ready 2025-12-02-d 'Broken' 2025-12-02 'LP11' beyond
run lp check ready
is "$rc" 1 "a broken evidence file is a finding: exit 1"
is "$(printf '%s\n' "$err" | grep -c "2025-12-02-d.md")" 1 "reported once"
like "$err" "^lp: ready/evidence/2025-12-02-d.md:4: standards: expected LP1..LP10, got 'LP11'" "lp check names it"

done_testing
