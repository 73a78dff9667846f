#!/bin/sh
. "$(dirname "$0")/lib.sh"

# lp-assess history: one row per change of a standard's level along the
# first-parent history of assessment.csv, oldest first.

mkdir repo
git -C repo init -q
P=repo/sub/ada		# a portfolio below the work tree's root
mkportfolio $P ada "Ada Lovelace" 2025-09-01

commit() {	# commit DATE MESSAGE: commit everything with this committer date
	git -C repo add -A
	GIT_COMMITTER_DATE=$1 git -C repo commit -qm "$2" --allow-empty
}
short() {
	git -C repo rev-parse --short=7 "$1"
}

commit 2025-09-01T12:00:00Z "portfolio only"
mkassessment $P "LP5,developing,," "LP2,none,," "LP1,Beginning,,"
commit 2025-09-10T23:30:00-03:00 "first assessment"	# 2025-09-11 in UTC
c2=$(short HEAD)
mkevidence $P 2025-09-20-talk "Talk" 2025-09-20 LP1 team
commit 2025-10-01T00:30:00+02:00 "evidence only"
mkassessment $P "LP1,underlying,,now with a note" "LP2,none,," "LP5,2,,"
commit 2025-10-02T09:00:00Z "notes and spelling only"
mkassessment $P "LP1,developing,," "LP2,extending,,"
commit 2025-11-05T09:00:00Z "LP5 row removed"
c5=$(short HEAD)
# A side branch merged back: only the merge, on the first-parent line, counts.
git -C repo checkout -q -b side
mkassessment $P "LP1,developing,," "LP2,extending,," "LP9,transforming,,"
commit 2025-11-10T09:00:00Z "side: LP9"
git -C repo checkout -q main
mkassessment $P "LP1,developing,," "LP2,extending,," "LP3,underlying,,"
commit 2025-11-12T09:00:00Z "main: LP3"
c6=$(short HEAD)
# Both sides changed the file: the merge conflicts and is resolved by hand.
git -C repo merge -q --no-ff --no-commit side >/dev/null 2>&1
mkassessment $P "LP1,developing,," "LP2,extending,," "LP3,underlying,," "LP9,transforming,,"
commit 2025-11-20T09:00:00Z "merge side"
c7=$(short HEAD)
rm $P/assessment.csv
commit 2025-12-01T09:00:00Z "assessment removed"
c8=$(short HEAD)
mkassessment $P "LP1,extending,,"
commit 2025-12-02T09:00:00Z "assessment back"
c9=$(short HEAD)
GIT_COMMITTER_DATE=2026-01-02T09:00:00Z lp-assess -C $P set LP4=transforming LP1=extending
c10=$(short HEAD)

run lp-assess history -C $P
is_rc 0 "history exits 0"
same_text "history: each change once, oldest first, UTC dates, none when a row or the file goes" <<EOF
date,commit,standard,level,id,assessed
2025-09-11,$c2,LP1,underlying,ada,
2025-09-11,$c2,LP5,developing,ada,
2025-11-05,$c5,LP1,developing,ada,
2025-11-05,$c5,LP2,extending,ada,
2025-11-05,$c5,LP5,none,ada,
2025-11-12,$c6,LP3,underlying,ada,
2025-11-20,$c7,LP9,transforming,ada,
2025-12-01,$c8,LP1,none,ada,
2025-12-01,$c8,LP2,none,ada,
2025-12-01,$c8,LP3,none,ada,
2025-12-01,$c8,LP9,none,ada,
2025-12-02,$c9,LP1,extending,ada,
2026-01-02,$c10,LP4,transforming,ada,2026-01-15
EOF
is "$(git -C repo rev-list --count --merges HEAD)" 1 "(the history holds a merge)"

(cd $P/evidence && lp-assess history) >"$TMP/inside"
same_file "$TMP/.got" "$TMP/inside" "history from inside the portfolio"

run lp-assess history --at "$c5" $P
is_rc 0 "history --at"
same_text "history --at: up to that commit" <<EOF
date,commit,standard,level,id,assessed
2025-09-11,$c2,LP1,underlying,ada,
2025-09-11,$c2,LP5,developing,ada,
2025-11-05,$c5,LP1,developing,ada,
2025-11-05,$c5,LP2,extending,ada,
2025-11-05,$c5,LP5,none,ada,
EOF

run lp-assess history -o jsonl -C $P --at "$c2"
same_text "history -o jsonl" <<EOF
{"date":"2025-09-11","commit":"$c2","standard":"LP1","level":"underlying","id":"ada","assessed":null}
{"date":"2025-09-11","commit":"$c2","standard":"LP5","level":"developing","id":"ada","assessed":null}
EOF
run lp-assess history -o table -C $P --at "$c2"
same_text "history -o table" <<EOF
date        commit   standard  level       id   assessed
2025-09-11  $c2  LP1       underlying  ada
2025-09-11  $c2  LP5       developing  ada
EOF

run lp-assess history -C $P --at nosuch
is_rc 2 "history --at naming no commit: exit 2"
like "$err" "unknown revision nosuch" "history --at naming no commit: message"
is "$out" "" "history --at naming no commit: nothing on stdout"

# --- shallow and small repositories --------------------------------------

git clone -q --depth 4 "file://$TMP/repo" shallow 2>/dev/null
is "$(git -C shallow rev-list --count HEAD)" 4 "(a shallow clone of four commits)"
run lp-assess history -C shallow/sub/ada
is_rc 0 "history in a shallow clone"
same_text "shallow: the oldest commit there reports what it holds" <<EOF
date,commit,standard,level,id,assessed
2025-11-20,$c7,LP1,developing,ada,
2025-11-20,$c7,LP2,extending,ada,
2025-11-20,$c7,LP3,underlying,ada,
2025-11-20,$c7,LP9,transforming,ada,
2025-12-01,$c8,LP1,none,ada,
2025-12-01,$c8,LP2,none,ada,
2025-12-01,$c8,LP3,none,ada,
2025-12-01,$c8,LP9,none,ada,
2025-12-02,$c9,LP1,extending,ada,
2026-01-02,$c10,LP4,transforming,ada,2026-01-15
EOF

git clone -q --depth 1 "file://$TMP/repo" one 2>/dev/null
run lp-assess history -C one/sub/ada
same_text "a single commit reports every standard above none" <<EOF
date,commit,standard,level,id,assessed
2026-01-02,$c10,LP1,extending,ada,2026-01-15
2026-01-02,$c10,LP4,transforming,ada,2026-01-15
EOF

mkportfolio unborn unborn "Una Born" 2025-01-01
mkassessment unborn "LP1,extending,,"
git -C unborn init -q
run lp-assess history -C unborn
is_rc 0 "history on a branch with no commits: exit 0"
is "$out" "date,commit,standard,level,id,assessed" "history on a branch with no commits: no rows"

mkportfolio loose loose "Lou Reed" 2025-01-01
mkassessment loose "LP1,extending,,"
run lp-assess history -C loose
is_rc 2 "history outside git: exit 2"
is "$err" "lp-assess: loose: not in a git work tree, so there is no history" \
	"history outside git: message"

# --- a version that does not parse -----------------------------------------

mkportfolio bad bad "Bad Version" 2025-01-01
git -C bad init -q
mkassessment bad "LP1,developing,,"
git -C bad add -A && git -C bad commit -qm one
mkassessment bad "LP1,extending,," "LP7,expert,,"
git -C bad commit -qam two
b2=$(git -C bad rev-parse --short=7 HEAD)
git -C bad commit -q --allow-empty -m "still bad"
mkassessment bad "LP1,extending,," "LP7,developing,,"
git -C bad commit -qam three
b3=$(git -C bad rev-parse --short=7 HEAD)
b1=$(git -C bad rev-parse --short=7 HEAD~3)
run lp-assess history -C bad
is_rc 2 "a malformed version: exit 2"
is "$err" "lp-assess: $b2:assessment.csv:3: LP7: expected a level (none, underlying, developing, extending, transforming), got 'expert'" \
	"a malformed version: named once, by commit, path and line"
same_text "a malformed version is skipped; the rest is printed" <<EOF
date,commit,standard,level,id,assessed
2026-01-15,$b1,LP1,developing,bad,
2026-01-15,$b3,LP1,extending,bad,
2026-01-15,$b3,LP7,developing,bad,
EOF

# One reader: a row that show rejects, history rejects too, with the same words.
mkportfolio baddate bd "Bad Date" 2025-01-01
git -C baddate init -q
mkassessment baddate "LP1,developing,2025-13-45,"
git -C baddate add -A && git -C baddate commit -qm one
d1=$(git -C baddate rev-parse --short=7 HEAD)
run lp-assess show baddate
is_rc 2 "show: a row dated 2025-13-45 is rejected"
shown=${err#*assessment.csv:}
run lp-assess history -C baddate
is_rc 2 "history: a row dated 2025-13-45 is rejected too"
is "$err" "lp-assess: $d1:assessment.csv:2: LP1: expected a date YYYY-MM-DD, got '2025-13-45'" \
	"history names the commit, the file and the line"
is "${err#*assessment.csv:}" "$shown" "history and show say the same"
is "$out" "" "history: the rejected version gives no rows"

# --- a cohort: rows by id, then date; assessed is the row's own date ------

mkdir co && git -C co init -q
mkportfolio co/zoe zoe "Zoe Zed" 2025-01-01
mkportfolio co/abe abe "Abe Able" 2025-01-01
mkassessment co/zoe "LP1,developing,2025-02-01,"
mkassessment co/abe "LP2,extending,,"
git -C co add -A && GIT_COMMITTER_DATE=2025-03-01T10:00:00Z git -C co commit -qm one
k1=$(git -C co rev-parse --short=7 HEAD)
# A level back-filled with --date: committed in April, assessed in January.
GIT_COMMITTER_DATE=2025-04-01T10:00:00Z lp-assess -C co/zoe set LP1=extending --date 2025-01-20
k2=$(git -C co rev-parse --short=7 HEAD)
run lp-assess history co
is_rc 0 "history over a cohort"
same_text "a cohort: by id, then date; assessed shows when a back-filled level was assessed" <<EOF
date,commit,standard,level,id,assessed
2025-03-01,$k1,LP2,extending,abe,
2025-03-01,$k1,LP1,developing,zoe,2025-02-01
2025-04-01,$k2,LP1,extending,zoe,2025-01-20
EOF
run lp-assess history co/zoe $P
is_rc 0 "history over several portfolios in several repositories"
is "$(printf '%s\n' "$out" | cut -d, -f5 | uniq | tr '\n' ' ')" "id ada zoe " "each portfolio's rows together, by id"
run lp-assess history -o json co/abe
like "$out" '"id":"abe","assessed":null' "a row without a date: assessed is null in JSON"
run lp-assess history co loose
is_rc 2 "a portfolio outside git in a cohort: exit 2"
like "$out" "zoe" "... after the rows of the others"

# --- a version over the 16 MiB limit is never loaded -------------------------

mkportfolio huge huge "Huge Blob" 2025-01-01
git -C huge init -q
mkassessment huge "LP1,developing,,"
git -C huge add -A && git -C huge commit -qm small
{ echo "standard,level,date,note"; printf 'LP1,extending,,'; head -c 17000000 /dev/zero | tr '\0' x; echo; } >huge/assessment.csv
git -C huge commit -qam huge
hb=$(git -C huge rev-parse --short=7 HEAD)
mkassessment huge "LP1,transforming,,"
git -C huge commit -qam small-again
run lp-assess history -C huge
is_rc 2 "a blob over 16 MiB in the history: exit 2"
like "$err" "$hb:assessment.csv: the file is 170000[0-9]* bytes, over the limit of 16777216: not read" \
	"it is named, with its size, and not read"
is "$(printf '%s\n' "$out" | cut -d, -f3,4 | tr '\n' ' ')" "standard,level LP1,developing LP1,transforming " \
	"the other versions are still shown"
# The size comes from the object header: the 17 MB are never inflated.
if [ -x /usr/bin/time ] && case $LP_BUILD in *san*) false ;; esac; then
	/usr/bin/time -f %M -o rss lp-assess history -C huge >/dev/null 2>&1
	rss=$(tail -n 1 rss)
	if [ "$rss" -lt 16000 ]; then ok "the big version is not loaded (max RSS ${rss} KB)"
	else not_ok "the big version is not loaded" "max RSS ${rss} KB"; fi
else
	ok "the big version is not loaded # SKIP no /usr/bin/time, or a sanitizer build"
fi

done_testing
