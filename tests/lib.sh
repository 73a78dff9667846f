# tests/lib.sh - hermetic TAP helpers for lp's shell tests.
#
# Source it first thing in a tests/NNN-name.t script.  It gives each test
# file a fresh temporary directory with its own HOME, a fixed git identity
# and clock, LC_ALL=C and TZ=UTC, and git never looks above it.  Tests are
# TAP: call ok/not_ok helpers, then done_testing.
#
#   run CMD ARGS...        run, capturing $out, $err and $rc
#   is   GOT WANT NAME     string equality
#   is_rc WANT NAME        $rc of the last run
#   same_file WANT GOT NAME   whole-output comparison (diff shown on failure)
#   like TEXT PATTERN NAME    grep -E on TEXT
#   unchanged DIR CMD...   run CMD, check DIR's files and git HEAD did not change

set -u

if [ -z "${LP_BUILD:-}" ]; then
	echo "Bail out! LP_BUILD is not set (run through make check)"
	exit 1
fi
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
SRC_DIR=$(cd "$TESTS_DIR/.." && pwd)
PATH="$LP_BUILD/bin:$LP_BUILD/tests:$PATH"
export PATH

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lp-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export HOME="$TMP/home"
mkdir -p "$HOME"
export LC_ALL=C TZ=UTC
export GIT_CONFIG_NOSYSTEM=1
export GIT_CEILING_DIRECTORIES="$TMP"
export GIT_AUTHOR_NAME="Ada Tester" GIT_AUTHOR_EMAIL="ada@example.org"
export GIT_COMMITTER_NAME="Ada Tester" GIT_COMMITTER_EMAIL="ada@example.org"
export GIT_AUTHOR_DATE="2026-01-15T10:00:00Z" GIT_COMMITTER_DATE="2026-01-15T10:00:00Z"
export LP_TODAY=2026-01-15
unset LP_WINDOWS LP_FRAMEWORK VISUAL EDITOR NO_COLOR 2>/dev/null || true
git config --global user.name "Ada Tester"
git config --global user.email "ada@example.org"
git config --global init.defaultBranch main
cd "$TMP" || exit 1

_ntests=0
_nfail=0

ok() {	# ok NAME
	_ntests=$((_ntests + 1))
	echo "ok $_ntests - $1"
}

not_ok() {	# not_ok NAME [DETAIL...]
	_ntests=$((_ntests + 1))
	_nfail=$((_nfail + 1))
	echo "not ok $_ntests - $1"
	shift
	for d in "$@"; do printf '%s\n' "$d" | sed 's/^/#   /'; done
}

run() {
	out=$("$@" 2>"$TMP/.err"); rc=$?
	err=$(cat "$TMP/.err")
}

# run with stdin from a file or a string: run_in FILE CMD...
run_in() {
	_in=$1; shift
	out=$("$@" <"$_in" 2>"$TMP/.err"); rc=$?
	err=$(cat "$TMP/.err")
}

is() {
	if [ "$1" = "$2" ]; then ok "$3"; else
		not_ok "$3" "got:  $1" "want: $2" "stderr: ${err:-}"; fi
}

is_rc() {
	if [ "$rc" = "$1" ]; then ok "$2"; else
		not_ok "$2" "exit $rc, want $1" "stdout: ${out:-}" "stderr: ${err:-}"; fi
}

like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then ok "$3"; else
		not_ok "$3" "no match for /$2/ in:" "$1"; fi
}

unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		not_ok "$3" "unexpected match for /$2/ in:" "$1"; else ok "$3"; fi
}

same_file() {	# same_file WANT GOT NAME
	if diff -u "$1" "$2" >"$TMP/.diff" 2>&1; then ok "$3"; else
		not_ok "$3" "$(cat "$TMP/.diff")"; fi
}

# same_text NAME <<EOF ... EOF : compare $out with the here-document
same_text() {
	cat >"$TMP/.want"
	printf '%s\n' "$out" >"$TMP/.got"
	same_file "$TMP/.want" "$TMP/.got" "$1"
}

# A fingerprint of every file under DIR (names, modes, contents) and of
# its git HEAD, to show that a failing command changed nothing.
tree_sum() {
	(cd "$1" && find . -path ./.git -prune -o -type f -print0 | sort -z |
		xargs -0 sha256sum 2>/dev/null
	 git -C "$1" rev-parse HEAD 2>/dev/null
	 git -C "$1" status --porcelain 2>/dev/null) | sha256sum
}

# unchanged DIR NAME CMD... : run CMD and check DIR did not change.
unchanged() {
	_dir=$1; _name=$2; shift 2
	_before=$(tree_sum "$_dir")
	run "$@"
	_after=$(tree_sum "$_dir")
	if [ "$_before" = "$_after" ]; then ok "$_name"; else
		not_ok "$_name" "files or git state changed"; fi
}

# mkportfolio DIR ID NAME COMMENCED [extra front matter lines...]
# A portfolio written by hand (no git), for tests that read.
mkportfolio() {
	_d=$1; _id=$2; _name=$3; _c=$4; shift 4
	mkdir -p "$_d/evidence"
	{
		echo "---"
		echo "name: $_name"
		echo "id: $_id"
		echo "commenced: $_c"
		for l in "$@"; do echo "$l"; done
		echo "---"
	} >"$_d/portfolio.md"
}

# mkevidence DIR FILE-STEM TITLE DATE STANDARDS REACH [extra lines...]
mkevidence() {
	_d=$1; _s=$2; _t=$3; _dt=$4; _st=$5; _r=$6; shift 6
	mkdir -p "$_d/evidence"
	{
		echo "---"
		echo "title: $_t"
		echo "date: $_dt"
		echo "standards: [$_st]"
		echo "reach: $_r"
		for l in "$@"; do echo "$l"; done
		echo "---"
		echo "What happened with $_t."
	} >"$_d/evidence/$_s.md"
}

# mkassessment DIR "LP1,extending,," "LP2,developing,2025-10-01,a note" ...
# (every row has the four columns standard,level,date,note)
mkassessment() {
	_d=$1; shift
	{
		echo "standard,level,date,note"
		for r in "$@"; do echo "$r"; done
	} >"$_d/assessment.csv"
}

done_testing() {
	echo "1..$_ntests"
	[ "$_nfail" -eq 0 ]
}
