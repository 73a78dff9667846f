#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-report progress (SPEC 5.6): at the end of each month or term, how
# many practitioners stood at each level of each standard, and how many
# of those claims their evidence supported, read from git history; the
# same rows from bare repositories, and from a cohort in one repository.

commit() {	# commit DIR DATE MESSAGE
	git -C "$1" add -A && GIT_COMMITTER_DATE="$2" GIT_AUTHOR_DATE="$2" git -C "$1" commit -q -m "$3"
}
assess() {	# assess DIR LEVEL-OF-LP1 LEVEL-OF-LP2
	printf 'standard,level,date,note\nLP1,%s,,\nLP2,%s,,\n' "$2" "$3" >"$1/assessment.csv"
}

# Ann: starts in September, developing on LP1 in October, evidence (team)
# in November supports it; extending on LP2 in December, unsupported.
mkportfolio c/ann a1 Ann 2025-09-10 "school: Oak"
git -C c/ann init -q
commit c/ann 2025-09-10T10:00:00Z start
assess c/ann developing none
commit c/ann 2025-10-05T10:00:00Z levels
mkevidence c/ann 2025-11-02-x "X" 2025-11-02 LP1 team
commit c/ann 2025-11-02T10:00:00Z evidence
assess c/ann developing extending
commit c/ann 2025-12-20T10:00:00Z more
# Bob: starts in November, underlying on LP1 and LP2 at once, a colleague item.
mkportfolio c/bob b1 Bob 2025-11-01 "school: Elm"
mkevidence c/bob 2025-11-03-y "Y" 2025-11-03 "LP1, LP2" colleague
assess c/bob underlying underlying
git -C c/bob init -q
commit c/bob 2025-11-03T10:00:00Z start
# Work after the last period counted is not seen: Ann's January change.
assess c/ann transforming transforming
commit c/ann 2026-02-01T10:00:00Z later

rows() {	# rows: LP1 and LP2 rows of $out, without the header
	printf '%s\n' "$out" | grep -E '^[^,]*,LP[12],'
}
run lp-report progress -o csv --until 2026-01-31 c
is_rc 0 "progress: exit 0"
like "$(printf '%s\n' "$out" | head -1)" '^period,standard,none,underlying,developing,extending,transforming,supported$' "the columns of SPEC 5.6"
rows >got
cat >want <<'W'
2025-09,LP1,1,0,0,0,0,0
2025-09,LP2,1,0,0,0,0,0
2025-10,LP1,0,0,1,0,0,0
2025-10,LP2,1,0,0,0,0,0
2025-11,LP1,0,1,1,0,0,2
2025-11,LP2,1,1,0,0,0,1
2025-12,LP1,0,1,1,0,0,2
2025-12,LP2,0,1,0,1,0,1
2026-01,LP1,0,1,1,0,0,2
2026-01,LP2,0,1,0,1,0,1
W
same_file want got "per month from the first commenced: each month's end as committed then; before a start, not counted"
is "$(printf '%s\n' "$out" | grep -c '^2025-11,')" 10 "ten standards a period"

run lp-report progress -o csv --by term --until 2026-01-31 c
rows >got
cat >want <<'W'
2025-autumn,LP1,0,1,1,0,0,2
2025-autumn,LP2,0,1,0,1,0,1
2026-spring,LP1,0,1,1,0,0,2
2026-spring,LP2,0,1,0,1,0,1
W
same_file want got "--by term: autumn (to December), then spring, which ends on --until"

run lp-report progress -o csv --since 2025-11-15 --until 2025-11-30 c
is "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1 | sort -u)" "2025-11" "--since and --until: the periods holding them"

run lp-report progress -o csv --school Elm --until 2025-12-31 c
is "$(printf '%s\n' "$out" | grep '^2025-12,LP1,')" "2025-12,LP1,0,1,0,0,0,1" "--school: that school only"

# Bare repositories on a server give the same rows.
mkdir bare
git clone -q --bare c/ann bare/ann.git
git clone -q --bare c/bob bare/bob.git
lp-report progress -o csv --until 2026-01-31 c >dirs.csv
run lp-report progress -o csv --until 2026-01-31 --git bare
is "$out" "$(cat dirs.csv)" "--git on bare repositories: the same rows"

# A cohort in one repository: each portfolio's own history in it.
mkdir mono
cp -r c/ann c/bob mono/ && rm -rf mono/ann/.git mono/bob/.git
git -C mono init -q
assess mono/ann developing none
rm -rf mono/ann/evidence/* mono/bob
commit mono 2025-10-05T10:00:00Z ann
cp -r c/bob mono/bob && rm -rf mono/bob/.git
commit mono 2025-11-03T10:00:00Z bob
run lp-report progress -o csv --since 2025-10-01 --until 2025-11-30 mono
printf '%s\n' "$out" | grep -E '^[^,]*,LP1,' >got
cat >want <<'W'
2025-10,LP1,0,0,1,0,0,0
2025-11,LP1,0,1,1,0,0,1
W
same_file want got "one repository for the cohort: each portfolio as its directory was"

run lp-report progress --by week c
is_rc 2 "--by takes month or term"
run lp-report progress --since yesterday c
is_rc 2 "--since takes a date"

done_testing
