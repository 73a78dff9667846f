#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Concurrency: several writers adding evidence to one portfolio at the
# same time.  The portfolio lock (flock) makes them take turns, so every
# add must succeed, every item must be on disk and committed, one commit
# each, and no index.lock may be left behind.  LP_CONC_PROCS writers
# (4) share LP_CONC_ADDS adds (52 here; scripts/concurrency-soak runs
# a few hundred).

PROCS=${LP_CONC_PROCS:-4}
ADDS=${LP_CONC_ADDS:-52}
PER=$(( (ADDS + PROCS - 1) / PROCS ))
TOTAL=$((PER * PROCS))
echo "# $PROCS writers, $PER adds each, $TOTAL in all"

P=$TMP/p
run lp init "$P" --name "Ada Busy" --id ada --commenced 2024-09-01
is_rc 0 "lp init makes the portfolio"
echo "What happened." >"$TMP/body"
# A shared attachment: each add copies it into attachments/.
echo "slides" >"$TMP/slides.txt"

writer() {	# writer N: PER adds, logging failures
	w=$1 k=0 fails=0
	while [ "$k" -lt "$PER" ]; do
		k=$((k + 1))
		if [ $((k % 3)) = 0 ]; then
			set -- --attach "$TMP/slides.txt"
		else
			set --
		fi
		if ! lp-evidence add -C "$P" --title "Writer $w item $k" \
		    --standards "LP$((w % 10 + 1)),LP$((k % 10 + 1))" --reach institution \
		    --date "2025-$(printf %02d $((w % 12 + 1)))-$(printf %02d $((k % 28 + 1)))" \
		    "$@" "$TMP/body" >/dev/null 2>>"$TMP/writer$w.err"; then
			fails=$((fails + 1))
		fi
	done
	echo "$fails" >"$TMP/writer$w.fails"
}

w=0
while [ "$w" -lt "$PROCS" ]; do
	w=$((w + 1))
	writer "$w" &
done
wait

fails=$(cat "$TMP"/writer*.fails | awk '{ s += $1 } END { print s }')
is "$fails" 0 "every one of $TOTAL concurrent adds succeeded"
[ "$fails" = 0 ] || echo "# $(cat "$TMP"/writer*.err | sort | uniq -c | head -5)"
run sh -c "ls '$P/evidence' | grep -c '^2025-.*-writer-.*-item-.*\.md\$'"
is "$out" "$TOTAL" "every item is on disk"
run sh -c "git -C '$P' ls-files evidence | wc -l"
is "$(echo $out)" "$TOTAL" "every item is committed"
run sh -c "git -C '$P' log --oneline | wc -l"
is "$(echo $out)" "$((TOTAL + 1))" "one commit per add, none lost (and the init)"
run sh -c "git -C '$P' log --format=%s | grep -c '^evidence: add '"
is "$out" "$TOTAL" "every commit is an evidence add"
run git -C "$P" status --porcelain --untracked-files=all
is "$out" "" "nothing is left uncommitted or untracked"
if [ -e "$P/.git/index.lock" ]; then not_ok "no index.lock is left behind"; else
	ok "no index.lock is left behind"; fi
run sh -c "find '$P' -name '.*.lp-tmp-*' | wc -l"
is "$(echo $out)" 0 "no temporary file is left behind"
# Each item's commit holds exactly that item (and its attachment).
run sh -c "git -C '$P' log --format= --name-only | grep -c '^evidence/'"
is "$out" "$TOTAL" "each evidence file was committed once"
run git -C "$P" fsck --strict --no-progress
is_rc 0 "git fsck is clean"
run lp-evidence check -C "$P"
is_rc 0 "lp-evidence check passes on the result"

done_testing
