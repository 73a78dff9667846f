#!/bin/sh
. "$(dirname "$0")/lib.sh"

# lp-assess show and check: claimed levels against the evidence, for one
# portfolio and for a cohort.

# amy: a bit of everything a check finds.
mkportfolio cohort/north/amy-dir amy "Amy Johnson" 2025-09-01
mkassessment cohort/north/amy-dir \
	"LP10,extending,2025-12-01," "LP1,transforming,2025-12-01," "LP2,none,," \
	"LP3,extending,2025-12-01,-ve at first" "LP4,extending,,"  "LP5,extending,," \
	"LP6,extending,," "LP7,developing,," "LP8,extending,,"
mkevidence cohort/north/amy-dir 2025-10-01-trust-talk "Trust talk" 2025-10-01 LP1 beyond "colleagues: 40"
mkevidence cohort/north/amy-dir 2025-10-05-team-a "Team A" 2025-10-05 "LP3, LP4" team
mkevidence cohort/north/amy-dir 2025-10-06-team-b "Team B" 2025-10-06 LP3 team
mkevidence cohort/north/amy-dir 2025-11-01-inset "INSET day" 2025-11-01 \
	"LP4, LP5, LP6, LP7, LP8, LP10" institution

# zed: ready, in a directory that sorts after amy's but an id that sorts after too.
mkportfolio cohort/south/a-zed zed "Zed Zeppelin" 2025-01-10
mkassessment cohort/south/a-zed \
	"LP1,extending,," "LP2,extending,," "LP3,extending,," "LP4,extending,," \
	"LP5,extending,," "LP6,extending,," "LP7,extending,," "LP8,extending,," \
	"LP9,extending,," "LP10,transforming,,"
mkevidence cohort/south/a-zed 2025-03-01-everything "Everything" 2025-03-01 \
	"LP1, LP2, LP3, LP4, LP5, LP6, LP7, LP8, LP9" institution
mkevidence cohort/south/a-zed 2025-04-01-network "Network" 2025-04-01 "LP10" beyond

git -C cohort init -q && git -C cohort add -A && git -C cohort commit -qm init

# --- show ----------------------------------------------------------------

run lp-assess show cohort
is_rc 0 "show over a cohort"
same_text "show: rows by id, LP1..LP10 each" <<'EOF'
id,standard,group,level,evidence_level,evidence_count,supported,status,assessed
amy,LP1,Attributes,transforming,transforming,1,yes,ok,2025-12-01
amy,LP2,Attributes,none,none,0,yes,not-assessed,
amy,LP3,Attributes,extending,developing,2,no,unsupported,2025-12-01
amy,LP4,Attributes,extending,extending,2,yes,ok,
amy,LP5,Expertise,extending,extending,1,yes,ok,
amy,LP6,Expertise,extending,extending,1,yes,ok,
amy,LP7,Expertise,developing,extending,1,yes,below-min,
amy,LP8,Leadership,extending,extending,1,yes,ok,
amy,LP9,Leadership,none,none,0,yes,not-assessed,
amy,LP10,Leadership,extending,extending,1,yes,ok,2025-12-01
zed,LP1,Attributes,extending,extending,1,yes,ok,
zed,LP2,Attributes,extending,extending,1,yes,ok,
zed,LP3,Attributes,extending,extending,1,yes,ok,
zed,LP4,Attributes,extending,extending,1,yes,ok,
zed,LP5,Expertise,extending,extending,1,yes,ok,
zed,LP6,Expertise,extending,extending,1,yes,ok,
zed,LP7,Expertise,extending,extending,1,yes,ok,
zed,LP8,Leadership,extending,extending,1,yes,ok,
zed,LP9,Leadership,extending,extending,1,yes,ok,
zed,LP10,Leadership,transforming,transforming,1,yes,ok,
EOF

run lp-assess show --min developing -o csv cohort/north/amy-dir
is "$(printf '%s\n' "$out" | grep '^amy,LP7,')" "amy,LP7,Expertise,developing,extending,1,yes,ok," \
	"--min developing: LP7 is ok"
run lp-assess -C cohort/north show -o csv
is "$(printf '%s\n' "$out" | sed -n 2p)" "amy,LP1,Attributes,transforming,transforming,1,yes,ok,2025-12-01" \
	"-C: the cohort below DIR"
(cd cohort/north/amy-dir/evidence && lp-assess show) >"$TMP/inside" 2>&1
is "$(sed -n 2p "$TMP/inside")" "amy,LP1,Attributes,transforming,transforming,1,yes,ok,2025-12-01" \
	"inside a portfolio: that portfolio"

run lp-assess show -o table cohort/south
same_text "show -o table" <<'EOF'
id   standard  group       level         evidence_level  evidence_count  supported  status  assessed
zed  LP1       Attributes  extending     extending                    1  yes        ok
zed  LP2       Attributes  extending     extending                    1  yes        ok
zed  LP3       Attributes  extending     extending                    1  yes        ok
zed  LP4       Attributes  extending     extending                    1  yes        ok
zed  LP5       Expertise   extending     extending                    1  yes        ok
zed  LP6       Expertise   extending     extending                    1  yes        ok
zed  LP7       Expertise   extending     extending                    1  yes        ok
zed  LP8       Leadership  extending     extending                    1  yes        ok
zed  LP9       Leadership  extending     extending                    1  yes        ok
zed  LP10      Leadership  transforming  transforming                 1  yes        ok
EOF
run lp-assess show -o tsv cohort/south
is "$(printf '%s\n' "$out" | sed -n '1p;11p')" "id	standard	group	level	evidence_level	evidence_count	supported	status	assessed
zed	LP10	Leadership	transforming	transforming	1	yes	ok	" "show -o tsv"
run lp-assess show -o jsonl cohort/south
is "$(printf '%s\n' "$out" | sed -n 1p)" \
	'{"id":"zed","standard":"LP1","group":"Attributes","level":"extending","evidence_level":"extending","evidence_count":1,"supported":"yes","status":"ok","assessed":null}' \
	"show -o jsonl: evidence_count is a number"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 10 "show -o jsonl: ten lines"
run lp-assess show -o json cohort/south
like "$(printf '%s' "$out" | head -c 1)" '^\[$' "show -o json is one array"
is "$(printf '%s' "$out" | grep -o '"standard":"LP[0-9]*"' | tr '\n' ' ')" \
	'"standard":"LP1" "standard":"LP2" "standard":"LP3" "standard":"LP4" "standard":"LP5" "standard":"LP6" "standard":"LP7" "standard":"LP8" "standard":"LP9" "standard":"LP10" ' \
	"show -o json: LP1..LP10"

# --at reads a commit, not the work tree.
lp-assess -C cohort/north/amy-dir set LP9=extending LP3=developing
run lp-assess show --at HEAD~1 -o csv cohort/north/amy-dir
is "$(printf '%s\n' "$out" | grep -E '^amy,LP(3|9),' | tr '\n' ' ')" \
	"amy,LP3,Attributes,extending,developing,2,no,unsupported,2025-12-01 amy,LP9,Leadership,none,none,0,yes,not-assessed, " \
	"show --at: the portfolio as it was"
run lp-assess show --at nosuch cohort/north/amy-dir
is_rc 2 "show --at naming no commit: exit 2"
like "$err" "nosuch" "show --at naming no commit: message names it"
git -C cohort reset -q --hard HEAD~1

# --- check ---------------------------------------------------------------

run lp-assess check cohort/north/amy-dir
is_rc 1 "check finds problems: exit 1"
is "$out" "" "check prints nothing on stdout"
out=$err
same_text "check: one diagnostic per problem, with file and line where there is a row" <<'EOF'
lp-assess: cohort/north/amy-dir/assessment.csv:4: LP2 is not assessed
lp-assess: cohort/north/amy-dir/assessment.csv:5: LP3 is claimed at extending but the evidence supports only developing (2 items, best reach team)
lp-assess: cohort/north/amy-dir/assessment.csv:9: LP7 is developing, below the minimum extending
lp-assess: cohort/north/amy-dir/assessment.csv: LP9 is not assessed
EOF

run lp-assess check -q cohort/north/amy-dir
is_rc 1 "check -q: exit 1"
is "$err" "" "check -q: no diagnostics"

run lp-assess check --min none cohort/north/amy-dir
is_rc 1 "check --min none: still exit 1"
is "$err" "lp-assess: cohort/north/amy-dir/assessment.csv:5: LP3 is claimed at extending but the evidence supports only developing (2 items, best reach team)" \
	"check --min none: a level that is not assessed is no problem; an unsupported claim is"

run lp-assess check cohort/south
is_rc 0 "check a ready portfolio: exit 0"
is "$out$err" "" "check a ready portfolio: silent"

run lp-assess check --min transforming cohort/south/a-zed
is_rc 1 "check --min transforming: exit 1"
is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 9 "nine standards below transforming"
like "$err" "a-zed/assessment.csv:2: LP1 is extending, below the minimum transforming" "--min names the minimum"

run lp-assess check cohort
is_rc 1 "check a cohort: exit 1"
is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 4 "check a cohort: amy's four problems, none for zed"

run lp-assess check --min expert cohort
is_rc 2 "check --min that is not a level: exit 2"
like "$err" "^lp-assess: --min: expected a level" "--min: message"

# Below the minimum and unsupported: two problems, two diagnostics.
mkportfolio both both "Both Ways" 2025-01-01
mkassessment both "LP1,developing,," "LP2,underlying,,"
mkevidence both 2025-02-01-one "One" 2025-02-01 LP1 colleague
run lp-assess check --min developing both
is_rc 1 "check --min developing: exit 1"
out=$err
same_text "below the minimum and unsupported are two problems" <<'EOF'
lp-assess: both/assessment.csv:2: LP1 is claimed at developing but the evidence supports only underlying (1 item, best reach colleague)
lp-assess: both/assessment.csv:3: LP2 is underlying, below the minimum developing
lp-assess: both/assessment.csv:3: LP2 is claimed at underlying but no evidence item names it
lp-assess: both/assessment.csv: LP3 is not assessed
lp-assess: both/assessment.csv: LP4 is not assessed
lp-assess: both/assessment.csv: LP5 is not assessed
lp-assess: both/assessment.csv: LP6 is not assessed
lp-assess: both/assessment.csv: LP7 is not assessed
lp-assess: both/assessment.csv: LP8 is not assessed
lp-assess: both/assessment.csv: LP9 is not assessed
lp-assess: both/assessment.csv: LP10 is not assessed
EOF

# Problems in the files are findings of check (exit 1), each reported with
# its file and line, and the rest is still checked.
cp -R cohort/south/a-zed broken
sed -i 's/^LP5,extending/LP5,expert/' broken/assessment.csv
printf -- '---\ntitle: Bad\ndate: 2025-05-01\nstandards: [LP42]\nreach: team\n---\n' \
	>broken/evidence/2025-05-01-bad.md
run lp-assess check broken
is_rc 1 "check: a bad row and a bad evidence file are findings"
like "$err" "broken/assessment.csv:6: .*expert" "the bad row is named with its line"
like "$err" "broken/evidence/2025-05-01-bad.md:4: .*LP42" "the bad evidence file is named with its line"
like "$err" "broken/assessment.csv: LP5 is not assessed" "and the rest is still checked"

run lp-assess show broken
is_rc 2 "show: a bad portfolio is an error"

printf 'standard,level\nLP1,extending\n' >broken/assessment.csv
run lp-assess check broken
is_rc 1 "check: an assessment.csv without the header is a finding (SPEC 4: a validator)"
like "$err" "broken/assessment.csv:1: expected the header standard,level,date,note" \
	"the header: message"

run lp-assess check nowhere
is_rc 2 "check: a missing operand is an error"
run lp-assess check --at HEAD cohort/south/a-zed
is_rc 0 "check --at"
# A revision git cannot give is git's failure, not a finding (SPEC 4): 2.
# So is a revision at which the directory holds no portfolio yet.
mkdir -p cohort/later
git -C cohort commit -q --allow-empty -m "before later"
mkportfolio cohort/later late "Lay Tur" 2025-02-01
git -C cohort add later && git -C cohort commit -qm later
for v in "lp-assess check" "lp-evidence check -C" "lp-reaccredit check -C" "lp check"; do
	run $v cohort/south/a-zed --at nosuch
	is "$rc" 2 "$v --at an unknown revision: exit 2, not 1"
	like "$err" "unknown revision nosuch" "... and says so"
	run $v cohort/later --at HEAD~1
	is "$rc" 2 "$v --at a revision before the portfolio: exit 2 (no portfolio), not 1"
	like "$err" "later/portfolio.md: no such file: not a portfolio" "... and says so"
done
mkdir empty
run lp-assess check empty
is_rc 2 "check: no portfolio at all is an error"

done_testing
