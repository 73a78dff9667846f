#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Crash safety: kill -9 writers at random moments and check that the
# portfolio survives every time.  The writers are `lp-evidence add`,
# `lp-assess set` and `lp-window outcome`; each is killed after a random
# time between 0 and 30 ms, or between 0 and 1.25 times as long as an
# unhurried run of that writer took here, when that is longer (on a loaded
# machine startup alone can take 30 ms, and a kill should be able to land
# in every phase: before the write, between write and rename, inside the
# commit, after it).  After every kill:
#  - every file parses: lp-assess show (which loads portfolio.md,
#    assessment.csv and every evidence file, and fails on any bad one)
#    exits 0, and every tenth time lp-evidence check exits 0 (all the
#    items we add are valid, so any finding is a half-written file);
#  - a temporary file (.NAME.lp-tmp-XXXXXX) left by the kill does not
#    stop the next command (they are counted and reported);
#  - nothing blocks the next command for ever: the portfolio lock is a
#    flock and goes with the process; a git index.lock left by a kill
#    inside libgit2 makes the next command fail with a message that
#    names the file and says what to do, and once it is removed the
#    commands work again; the same for a lock on a ref
#    (.git/refs/heads/main.lock), left by a kill while the branch moved.
# At the end git fsck is clean and one more write of each kind works.
# LP_CRASH_KILLS (100 here; scripts/crash-soak runs more) and
# LP_CRASH_SEED (printed, to replay a run) tune it.

KILLS=${LP_CRASH_KILLS:-100}
SEED=${LP_CRASH_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
echo "# $KILLS kills, LP_CRASH_SEED=$SEED"

P=$TMP/p
run lp init "$P" --name "Ada Crash" --id ada --commenced 2024-09-01
is_rc 0 "lp init makes the portfolio"
echo "What happened." >"$TMP/body"

now_us() {
	echo $(($(date +%s%N) / 1000))
}
# How long each writer takes when left alone: its kill window.
# (The second of two runs, once the caches are warm.)
k=0
for w in evidence evidence assess assess outcome outcome; do
	t0=$(now_us)
	case $w in
	evidence) lp-evidence add -C "$P" --title "Timing run $k" --standards LP1 --reach team \
		    --date 2025-01-02 "$TMP/body" >/dev/null 2>&1 ;;
	assess)	lp-assess set -C "$P" LP10=underlying >/dev/null 2>&1 ;;
	outcome) lp-window outcome -C "$P" referred >/dev/null 2>&1 ;;
	esac
	t=$(( ($(now_us) - t0) * 5 / 4 ))
	[ "$t" -lt 30000 ] && t=30000
	eval "window$((k / 2))=$t"
	k=$((k + 1))
done
echo "# kill windows: evidence add 0-${window0}us, assess set 0-${window1}us, window outcome 0-${window2}us"

# One line per kill: which writer, how long to let it run (microseconds).
awk -v seed="$SEED" -v n="$KILLS" 'BEGIN {
	srand(seed)
	for (i = 1; i <= n; i++)
		printf "%d %d %d\n", int(rand() * 3), int(rand() * 1000), int(rand() * 4)
}' >"$TMP/plan"

levels="underlying developing extending transforming"
outcomes="referred withdrawn accredited"
state() {
	git -C "$P" rev-parse HEAD
	git -C "$P" status --porcelain --untracked-files=all | grep -v 'lp-tmp-'
}
before=$(state)
done_n=0 dirty_n=0 none_n=0 killed=0 finished=0 failed=0
i=0 parse_bad=0 check_bad=0 tmp_left=0 locks=0 lock_msg_bad=0
reflocks=0 reflock_msg_bad=0
while read -r kind permille pick; do
	i=$((i + 1))
	eval "usec=\$((permille * window$kind / 1000))"
	case $kind in
	0)	lp-evidence add -C "$P" --title "Crash item $i" --standards LP$((pick + 1)),LP5 \
		    --reach team --date 2025-03-$(printf %02d $((i % 28 + 1))) "$TMP/body" \
		    >/dev/null 2>"$TMP/writer.err" &
		;;
	1)	lp-assess set -C "$P" LP$((i % 10 + 1))=$(echo $levels | cut -d' ' -f$((pick + 1))) \
		    --note "note $i, with a comma" >/dev/null 2>"$TMP/writer.err" &
		;;
	2)	o=$(echo $outcomes | cut -d' ' -f$((pick % 3 + 1)))
		if [ "$o" = accredited ]; then
			lp-window outcome -C "$P" accredited --date 2025-07-$(printf %02d $((i % 28 + 1))) \
			    >/dev/null 2>"$TMP/writer.err" &
		else
			lp-window outcome -C "$P" "$o" >/dev/null 2>"$TMP/writer.err" &
		fi
		;;
	esac
	pid=$!
	sleep "$(printf '%d.%06d' $((usec / 1000000)) $((usec % 1000000)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	wrc=$?
	case $wrc in
	137) killed=$((killed + 1)) ;;
	0) finished=$((finished + 1)) ;;
	*) failed=$((failed + 1))
	   echo "# kill $i: the writer failed by itself, exit $wrc: $(cat "$TMP/writer.err")" ;;
	esac

	# Any lock file git left: index.lock, or a ref's lock (a kill while
	# libgit2 moved the branch), which would stop every later commit.
	glocks=$(cd "$P/.git" && find . -name '*.lock' | sed 's|^\./||')
	if [ -n "$glocks" ]; then
		run lp-assess set -C "$P" LP1=developing --note "probe $i"
		for l in $glocks; do
			case $l in
			index.lock) locks=$((locks + 1)) ;;
			*) reflocks=$((reflocks + 1)) ;;
			esac
			base=$(basename "$l" | sed 's/\./\\./g')
			case $rc in
			2) printf '%s\n' "$err" | grep -Eq "$base.*(remove|delete)" && continue ;;
			esac
			case $l in
			index.lock) lock_msg_bad=$((lock_msg_bad + 1)) ;;
			*) reflock_msg_bad=$((reflock_msg_bad + 1)) ;;
			esac
			echo "# with .git/$l left: exit $rc: $err"
		done
		(cd "$P/.git" && rm -f $glocks)
	fi
	n=$(find "$P" -name '.*.lp-tmp-*' | wc -l)
	if [ "$n" -gt 0 ]; then
		tmp_left=$((tmp_left + n))
		find "$P" -name '.*.lp-tmp-*' -delete
	fi
	after=$(state)
	if [ "$(echo "$after" | head -1)" != "$(echo "$before" | head -1)" ]; then
		done_n=$((done_n + 1))
	elif [ "$after" != "$before" ]; then
		dirty_n=$((dirty_n + 1))
	else
		none_n=$((none_n + 1))
	fi
	before=$after
	run lp-assess show -C "$P" -o csv
	if [ "$rc" != 0 ]; then
		parse_bad=$((parse_bad + 1))
		echo "# kill $i (writer $kind after ${usec}us): lp-assess show exit $rc: $err"
	fi
	if [ $((i % 10)) = 0 ] || [ "$i" = "$KILLS" ]; then
		run lp-evidence check -C "$P"
		if [ "$rc" != 0 ]; then
			check_bad=$((check_bad + 1))
			echo "# kill $i: lp-evidence check exit $rc: $err"
		fi
	fi
done <"$TMP/plan"

echo "# writers killed $killed, finished before the kill $finished, failed by themselves $failed"
is "$failed" 0 "no writer failed by itself (a lock or state left by an earlier kill)"
is "$parse_bad" 0 "every file parses after each of $KILLS kills"
is "$check_bad" 0 "lp-evidence check finds nothing half-written"
is "$lock_msg_bad" 0 "a left index.lock ($locks times) is explained by name"
is "$reflock_msg_bad" 0 "a left ref lock ($reflocks times) is explained by name"
echo "# temporary files left by kills (removed; see the last test): $tmp_left"
echo "# kills that left: a new commit $done_n, files written but not committed $dirty_n, no change $none_n"

# Whatever the kills left, the next writes work and commit.
run lp-evidence add -C "$P" --title "After the storm" --standards LP2 --reach colleague \
    --date 2025-04-01 "$TMP/body"
is_rc 0 "lp-evidence add works after the kills"
run lp-assess set -C "$P" LP9=extending --note "after"
is_rc 0 "lp-assess set works after the kills"
run lp-window outcome -C "$P" accredited --date 2025-12-01
is_rc 0 "lp-window outcome works after the kills"
run git -C "$P" log -1 --format=%s
is "$out" "window: outcome accredited" "the last write is committed"
run git -C "$P" fsck --strict --no-progress
is_rc 0 "git fsck is clean"
is "$(printf '%s' "$err" | grep -v -e '^dangling' -e '^notice' | head -3)" "" "git fsck reports nothing wrong"
commits=$(git -C "$P" rev-list --count HEAD)
files=$(ls "$P/evidence" | wc -l)
echo "# $commits commits, $files evidence files after $KILLS kills"

# A temporary file that a kill left behind must not block anything: in
# particular not `lp-window submit`, which wants a clean work tree.
Q=$TMP/q
run lp init "$Q" --name "Quin Stale" --id quin --commenced 2024-09-01
echo "half of an assessment" >"$Q/.assessment.csv.lp-tmp-Ab12Cd"
mkdir -p "$Q/evidence"
echo "half of an item" >"$Q/evidence/.2025-01-01-x.md.lp-tmp-Zz99Yy"
run lp-window submit -C "$Q" --force
is_rc 0 "a stale temporary file does not block lp-window submit"
if [ -e "$Q/.assessment.csv.lp-tmp-Ab12Cd" ] || [ -e "$Q/evidence/.2025-01-01-x.md.lp-tmp-Zz99Yy" ]; then
	not_ok "stale temporary files are removed under the lock"
else
	ok "stale temporary files are removed under the lock"
fi

done_testing
