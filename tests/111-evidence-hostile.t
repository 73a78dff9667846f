#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lp-evidence against a portfolio a clone may bring (issue 16): a file or
# a FIFO where evidence/ or attachments/ belongs is an error at once
# (exit 2, nothing changed), never an endless search for a free name;
# and many rows with one title are named without a quadratic search.

mkportfolio p p 'Pat' 2025-09-01
git -C p init -q && git -C p add -A && git -C p commit -qm start
printf 'Body.\n' >"$TMP/body.md"
printf 'slides\n' >"$TMP/slides.pdf"
printf 'title,standards,reach\nX,LP1,team\n' >"$TMP/rows.csv"

# Each command gets 20 seconds: a hang is a failure, not a stuck test.
T="timeout 60"

for kind in file fifo; do
	for dir in evidence attachments; do
		rm -rf "p/$dir"
		if [ $kind = file ]; then : >"p/$dir"; else mkfifo "p/$dir"; fi
		what="$dir a $kind"
		if [ $kind = file ]; then found="found a file"; else found="found a FIFO"; fi
		if [ $dir = evidence ]; then
			unchanged p "$what: add changes nothing" \
			    $T lp-evidence add -C p --title X --standards LP1 --reach team "$TMP/body.md"
			is "$rc:$err" "2:lp-evidence: p/evidence: expected a directory inside the portfolio, $found" \
			    "$what: add fails at once, exit 2"
			unchanged p "$what: import changes nothing" $T lp-evidence import -C p "$TMP/rows.csv"
			is "$rc:$err" "2:lp-evidence: p/evidence: expected a directory inside the portfolio, $found" \
			    "$what: import fails at once, exit 2"
			unchanged p "$what: import --dry-run changes nothing" \
			    $T lp-evidence import --dry-run -C p "$TMP/rows.csv"
			is "$rc:$err" "2:lp-evidence: p/evidence: expected a directory inside the portfolio, $found" \
			    "$what: import --dry-run fails at once, exit 2"
		fi
		unchanged p "$what: add --attach changes nothing" \
		    $T lp-evidence add -C p --title X --standards LP1 --reach team --attach "$TMP/slides.pdf"
		is "$rc" 2 "$what: add --attach fails at once, exit 2"
		like "$err" "p/(evidence|attachments): expected a directory inside the portfolio, $found" \
		    "$what: add --attach says why"
		rm -f "p/$dir"
		[ $dir = evidence ] && git -C p checkout -q -- evidence 2>/dev/null
		mkdir -p "p/$dir"
	done
done

# A file below evidence/ in the way of a name: the next name is used.
rm -rf p/evidence && mkdir p/evidence && git -C p checkout -q -- . 2>/dev/null
mkdir p/evidence/2025-10-01-x.md
run $T lp-evidence add -C p --no-commit --date 2025-10-01 --title X --standards LP1 --reach team
is "$rc:$out" "0:id,date,title,file
2025-10-01-x-2,2025-10-01,X,evidence/2025-10-01-x-2.md" "a directory with the item's name: the next name"
rmdir p/evidence/2025-10-01-x.md
rm -f p/evidence/2025-10-01-x-2.md

# 4,000 rows with one title: one commit, names -2 .. -4000, in seconds.
{
	echo title,date,standards,reach
	i=0
	while [ $i -lt 4000 ]; do echo "Same title,2025-10-02,LP1,team"; i=$((i + 1)); done
} >"$TMP/many.csv"
start=$(date +%s)
run $T lp-evidence import -C p "$TMP/many.csv"
took=$(( $(date +%s) - start ))
is "$rc" 0 "4,000 rows with one title: imported"
is "$(ls p/evidence | grep -c '^2025-10-02-same-title')" 4000 "4,000 items made"
[ -f p/evidence/2025-10-02-same-title-4000.md ] && ok "the last is -4000" || not_ok "the last is -4000"
[ "$took" -le 30 ] && ok "4,000 rows with one title: $took s" || not_ok "4,000 rows with one title: fast" "took $took s"
is "$(git -C p log --format=%s -1)" "evidence: import 4000 items" "in one commit"

# An add or import cut short (kill -9) before its commit is undone by the
# next one, under the lock: what HEAD does not hold goes, and is unstaged.
mkevidence p 2025-10-04-kept Kept 2025-10-04 LP1 team
git -C p add -A && git -C p commit -qm kept
mkevidence p 2025-10-05-half Half 2025-10-05 LP1 team
git -C p add evidence/2025-10-05-half.md
printf 'evidence/2025-10-04-kept.md\nevidence/2025-10-05-half.md\n../outside.md\n' >p/.git/LP_EVIDENCE_JOURNAL
: >"$TMP/outside.md"
run $T lp-evidence add -C p -o tsv --title Next --date 2025-10-06 --standards LP1 --reach team
is "$rc:$err" "0:lp-evidence: warning: p: an add or import was cut short before its commit: 1 file it had written taken back" \
    "a journal left behind: the next add undoes it, and says so"
[ -e p/evidence/2025-10-05-half.md ] && not_ok "the uncommitted file is gone" || ok "the uncommitted file is gone"
[ -e p/evidence/2025-10-04-kept.md ] && ok "a committed file it lists stays" || not_ok "a committed file it lists stays"
[ -e "$TMP/outside.md" ] && ok "a path outside the portfolio is never touched" || not_ok "outside untouched"
[ -e p/.git/LP_EVIDENCE_JOURNAL ] && not_ok "the journal is gone" || ok "the journal is gone"
is "$(git -C p status --porcelain)" "" "the work tree and index are clean"

# The same with a real kill, wherever it lands: every import is either
# committed whole or gone.
rm -rf p/evidence && git -C p checkout -q -- . 2>/dev/null
before=$(ls p/evidence | wc -l)
n0=$(git -C p log --format=%s | grep -c '^evidence: import 4000 items')
lp-evidence import -C p "$TMP/many.csv" >/dev/null 2>&1 &
pid=$!
sleep 0.1
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
run $T lp-evidence import -C p "$TMP/many.csv"
is "$rc" 0 "after a kill: import again"
n=$(( $(git -C p log --format=%s | grep -c '^evidence: import 4000 items') - n0 ))
is "$(( $(ls p/evidence | wc -l) - before ))" "$((n * 4000))" "after a kill: 4,000 items per import commit ($n), none half-done"
is "$(git -C p status --porcelain)" "" "after a kill: the work tree is clean"

# A row limit: an import of more than 10,000 rows is refused, naming the row.
{
	echo title,date,standards,reach
	i=0
	while [ $i -lt 10001 ]; do echo "Row $i,2025-10-03,LP1,team"; i=$((i + 1)); done
} >"$TMP/huge.csv"
unchanged p "10,001 rows: nothing changed" $T lp-evidence import -C p "$TMP/huge.csv"
is "$rc:$err" "2:lp-evidence: $TMP/huge.csv:10002: more than 10000 rows: import them in parts" \
    "10,001 rows: refused, naming the row"

done_testing
