#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Half-done work: a commit that fails after the files are written must
# leave every file as it was (so the retry makes the change and HEAD gets
# it), whichever writer and whatever breaks the commit; what a killed
# writer leaves (a temporary file, a branch lock) must not block the next
# command.

SHIM=$LP_BUILD/tests/faultfs.so
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
echo "What happened." >"$TMP/body"

# fresh: a portfolio with an item, an assessment and a case study, committed.
fresh() {
	rm -rf "$TMP/p"
	run lp init "$TMP/p" --name "Hal F Done" --id half --commenced 2021-09-01
	run lp-evidence add -C "$TMP/p" --title "First" --standards LP1 --reach team \
	    --date 2022-03-01 "$TMP/body"
	run lp-assess set -C "$TMP/p" LP1=developing
	P=$TMP/p
}

# break_commit HOW: make the next commit fail after the files are written.
break_commit() {
	case $1 in
	corrupt-index) printf 'DIRC garbage' >"$P/.git/index" ;;
	index-is-dir) rm -f "$P/.git/index" && mkdir "$P/.git/index" ;;
	objects-blocked)
		# every fan-out directory taken by a file: no new object can be written
		for a in 0 1 2 3 4 5 6 7 8 9 a b c d e f; do for b in 0 1 2 3 4 5 6 7 8 9 a b c d e f; do
			[ -d "$P/.git/objects/$a$b" ] || : >"$P/.git/objects/$a$b"
		done; done ;;
	esac
}
mend_commit() {
	case $1 in
	corrupt-index|index-is-dir) rm -rf "$P/.git/index" && git -C "$P" reset -q ;;
	objects-blocked) find "$P/.git/objects" -maxdepth 1 -type f -size 0 -delete ;;
	esac
}

# writer NAME CMD...: the writers, each with a change still to make.
for how in corrupt-index index-is-dir objects-blocked; do
	while IFS='|' read -r name prep cmd; do
		fresh
		[ -n "$prep" ] && sh -c "$prep" >/dev/null 2>&1
		before=$(cd "$P" && find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 sha256sum)
		head=$(git -C "$P" rev-parse HEAD)
		break_commit "$how"
		run sh -c "$cmd"
		after=$(cd "$P" && find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 sha256sum)
		is_rc 2 "$how: $name exits 2"
		is "$after" "$before" "$how: $name leaves every file as it was"
		is "$(git -C "$P" rev-parse HEAD)" "$head" "$how: $name moves no branch"
		mend_commit "$how"
		run sh -c "$cmd"
		is_rc 0 "$how: once mended, $name works"
		isnt_head=$(git -C "$P" rev-parse HEAD)
		if [ "$isnt_head" != "$head" ] && [ -z "$(git -C "$P" status --porcelain)" ]; then
			ok "$how: once mended, $name's change is committed"
		else
			not_ok "$how: once mended, $name's change is committed" "$(git -C "$P" status --porcelain)"
		fi
	done <<EOF2
lp-assess set||lp-assess set -C $TMP/p LP2=developing --note retry
lp-window outcome||lp-window outcome -C $TMP/p accredited --date 2023-12-01
lp-reaccredit init|lp-window outcome -C $TMP/p accredited --date 2023-12-01|lp-reaccredit init -C $TMP/p
lp-evidence add||lp-evidence add -C $TMP/p --title Second --standards LP2 --reach team --date 2022-04-01 $TMP/body
EOF2
done

# A full disk while git writes its objects (the fault shim), every writer.
if [ -f "$SHIM" ]; then
	for cmd in "lp-assess set -C $TMP/p LP3=developing" \
	    "lp-window outcome -C $TMP/p accredited --date 2023-12-01"; do
		for e in ENOSPC EIO EDQUOT; do
			fresh
			before=$(tree_sum "$P")
			: >"$TMP/fault.log"
			LD_PRELOAD=$SHIM LP_FAULT=$e LP_FAULT_OP=create LP_FAULT_SKIP=0 \
			    LP_FAULT_MATCH=$P/.git/objects LP_FAULT_LOG=$TMP/fault.log run $cmd
			[ -s "$TMP/fault.log" ] || echo "# $e: the shim injected nothing"
			is_rc 2 "$e while git writes objects: $(echo $cmd | cut -d' ' -f1-2) exits 2"
			is "$(tree_sum "$P")" "$before" "$e while git writes objects: $(echo $cmd | cut -d' ' -f1-2) changes nothing"
		done
	done
fi

# Stale temporary files, wherever a kill left them, are removed under the
# lock and never block lp-window submit.
fresh
mkdir -p "$P/attachments/sub"
for f in .portfolio.md.lp-tmp-aB3dE5 .assessment.csv.lp-tmp-000000 \
    evidence/.2022-03-01-first.md.lp-tmp-Qq1Ww2 attachments/sub/.x.pdf.lp-tmp-zzzzzz; do
	echo "half" >"$P/$f"
done
echo "mine" >"$P/.notes.lp-tmp-keep.txt"	# not lp's pattern: kept (and ignored by git below)
echo ".notes.lp-tmp-keep.txt" >>"$P/.git/info/exclude"
run lp-assess set -C "$P" LP4=developing
is_rc 0 "with stale temporary files about: a writer works"
left=$(cd "$P" && find . -path ./.git -prune -o -name '*.lp-tmp-??????' -print)
is "$left" "" "the writer removed every stale temporary file"
is "$(cat "$P/.notes.lp-tmp-keep.txt")" "mine" "a file that only looks like one is kept"
run lp init "$TMP/s" --name "Sub Mit" --id sub --commenced 2024-09-01
mkdir -p "$TMP/s/evidence"
echo "half" >"$TMP/s/evidence/.2022-03-01-first.md.lp-tmp-Rr2Tt3"
echo "half" >"$TMP/s/.portfolio.md.lp-tmp-Rr2Tt4"
run lp-window submit -C "$TMP/s" --force
is_rc 0 "a stale temporary file does not block lp-window submit"
# A link named like a temporary file is not followed, nor what it names removed.
fresh
echo keep >"$TMP/target"
ln -s "$TMP/target" "$P/.x.lp-tmp-LLLLLL"
mkdir -p "$TMP/outdir" && echo keep >"$TMP/outdir/.y.lp-tmp-MMMMMM"
ln -s "$TMP/outdir" "$P/attachments-link"
run lp-assess set -C "$P" LP5=developing
is "$(cat "$TMP/target")" "keep" "a linked temporary file's target is untouched"
[ -e "$TMP/outdir/.y.lp-tmp-MMMMMM" ] && ok "nothing is removed through a linked directory" ||
	not_ok "nothing is removed through a linked directory"

# A branch lock, as a kill during a commit leaves it: every writer says
# which file and what to do, and writes nothing.
for cmd in "lp-assess set -C $TMP/p LP6=developing" \
    "lp-window outcome -C $TMP/p accredited --date 2023-12-01" \
    "lp-evidence add -C $TMP/p --title Locked --standards LP2 --reach team --date 2022-04-01 $TMP/body"; do
	fresh
	touch "$P/.git/refs/heads/main.lock"
	unchanged "$P" "held refs/heads/main.lock: $(echo $cmd | cut -d' ' -f1-2) changes nothing" sh -c "$cmd"
	is_rc 2 "held refs/heads/main.lock: $(echo $cmd | cut -d' ' -f1-2) exits 2"
	like "$err" "refs/heads/main\.lock.*(remove|delete)" "held refs/heads/main.lock: $(echo $cmd | cut -d' ' -f1-2) names it and says what to do"
done

done_testing
