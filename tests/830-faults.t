#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Fault injection: a write that fails (a full disk, a failing disk, a
# read-only directory, permission denied) must leave the old files
# intact, leave no temporary file, and exit 2 with a message naming the
# file and the reason.
#
# How the faults are made: mostly with tests/faults/faultfs.c, an
# LD_PRELOAD shim that fails write, fsync, rename, file creation, close
# or mkdir with a chosen errno.  The shim works for any user and on any
# file system, and can aim at exactly one step of lp's atomic write
# (temporary file, data, fsync, rename), which a real full disk cannot.
# Root ignores permissions, so a read-only directory is faked the same
# way (EACCES/EROFS on create).  Where mounting is allowed (root, not in a
# restricted container) a real 64 KiB tmpfs is filled up as well, to
# check the shim's picture against the kernel's; elsewhere that part is
# skipped, and as a non-root user a chmod'ed read-only directory is used.

SHIM=$LP_BUILD/tests/faultfs.so
if [ ! -f "$SHIM" ]; then
	echo "Bail out! $SHIM is not built"
	exit 1
fi
# A sanitizer build wants its runtime first; the shim comes before it.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

P=$TMP/p
run lp init "$P" --name "Ada Faulty" --id ada --commenced 2024-09-01
is_rc 0 "lp init makes the portfolio"
echo "What happened." >"$TMP/body"
echo "slides" >"$TMP/slides.txt"
run lp-evidence add -C "$P" --title "First item" --standards LP1,LP5 --reach team \
    --date 2025-03-01 "$TMP/body"
run lp-assess set -C "$P" LP1=developing LP5=developing --note "start"
is_rc 0 "the fixture has evidence and an assessment"
printf 'title,date,standards,reach,body\nImported one,2025-05-01,LP3,team,Text one\nImported two,2025-05-02,LP4,team,Text two\n' \
    >"$TMP/import.csv"

# faulted NAME ERRNO OP SKIP -- CMD... : run CMD with the fault and
# check exit 2, a message, nothing changed and no temporary file left.
# With TODO set, "nothing changed" is a known failure (a TODO test).
faulted() {
	f_name=$1 f_errno=$2 f_op=$3 f_skip=$4; shift 5
	: >"$TMP/fault.log"
	f_before=$(tree_sum "$P")
	LD_PRELOAD=$SHIM LP_FAULT=$f_errno LP_FAULT_OP=$f_op LP_FAULT_SKIP=$f_skip \
	    LP_FAULT_MATCH=${MATCH:-$P/} LP_FAULT_LOG=$TMP/fault.log run "$@"
	f_after=$(tree_sum "$P")
	if [ ! -s "$TMP/fault.log" ]; then
		not_ok "$f_name: the fault was injected" "the command made no $f_op call to fail"
		return
	fi
	if [ "$f_before" = "$f_after" ]; then
		ok "$f_name: nothing changed${TODO:+ # TODO $TODO}"
	elif [ -n "${TODO:-}" ]; then
		_ntests=$((_ntests + 1))
		echo "not ok $_ntests - $f_name: nothing changed # TODO $TODO"
	else
		not_ok "$f_name: nothing changed" "files or git state changed" \
		    "$(git -C "$P" status --porcelain)"
	fi
	is_rc 2 "$f_name: exit 2"
	like "$err" "$(reason "$f_errno")" "$f_name: the message says why"
	like "$err" "^[a-z-]+: .*(portfolio\.md|assessment\.csv|evidence|attachments|case-study\.md|index|\.git|$P)" \
	    "$f_name: the message names the file"
	f_left=$(find "$P" -name '.*.lp-tmp-*' | wc -l)
	is "$(echo $f_left)" 0 "$f_name: no temporary file is left"
	find "$P" -name '.*.lp-tmp-*' -delete
	# Every file still parses.
	run lp-assess show -C "$P"
	is_rc 0 "$f_name: the portfolio still loads"
}

reason() {
	case $1 in
	ENOSPC) echo "No space left on device" ;;
	EIO) echo "Input/output error" ;;
	EACCES) echo "Permission denied" ;;
	EROFS) echo "Read-only file system" ;;
	EDQUOT) echo "quota exceeded" ;;
	EPERM) echo "Operation not permitted" ;;
	esac
}

# Each writer against each step of the atomic write.
for step in "ENOSPC write" "EIO fsync" "EROFS rename" "EACCES create" "EDQUOT close"; do
	set -- $step
	e=$1 op=$2
	faulted "assess set, $op $e" "$e" "$op" 0 -- \
	    lp-assess set -C "$P" LP2=extending --note "never saved"
	faulted "evidence add, $op $e" "$e" "$op" 0 -- \
	    lp-evidence add -C "$P" --title "Never saved" --standards LP2 --reach team \
	    --date 2025-04-01 "$TMP/body"
	faulted "window outcome, $op $e" "$e" "$op" 0 -- \
	    lp-window outcome -C "$P" accredited --date 2025-07-01
	faulted "reaccredit init, $op $e" "$e" "$op" 0 -- \
	    lp-reaccredit init -C "$P" --theme "Never saved"
done

# Commands that write several files: the second one fails.
faulted "evidence add with an attachment, second write fails" ENOSPC write 1 -- \
    lp-evidence add -C "$P" --title "Half saved" --standards LP2 --reach team \
    --date 2025-04-02 --attach "$TMP/slides.txt" "$TMP/body"
faulted "evidence add with an attachment, second rename fails" EROFS rename 1 -- \
    lp-evidence add -C "$P" --title "Half saved" --standards LP2 --reach team \
    --date 2025-04-02 --attach "$TMP/slides.txt" "$TMP/body"
faulted "evidence add, attachments/ cannot be made" EACCES mkdir 0 -- \
    lp-evidence add -C "$P" --title "Half saved" --standards LP2 --reach team \
    --date 2025-04-02 --attach "$TMP/slides.txt" "$TMP/body"
faulted "evidence import, second item fails" ENOSPC write 1 -- \
    lp-evidence import -C "$P" "$TMP/import.csv"

# The commit fails: git cannot write its objects.  The programs write
# their files first and commit after; lib/commit.c then puts the old file
# back, so nothing is changed.
MATCH=$P/.git/objects faulted "assess set, git object write fails" ENOSPC create 0 -- \
    lp-assess set -C "$P" LP2=extending --note "never committed"

unset MATCH
git -C "$P" checkout -q -- .

# Everything still works without the faults.
run lp-assess set -C "$P" LP2=extending --note "saved at last"
is_rc 0 "with the faults gone, lp-assess set works"
run lp-evidence add -C "$P" --title "Saved at last" --standards LP2 --reach team \
    --date 2025-04-03 --attach "$TMP/slides.txt" "$TMP/body"
is_rc 0 "with the faults gone, lp-evidence add works"
run git -C "$P" status --porcelain --untracked-files=all
is "$out" "" "and the work tree is clean"

# A real full file system, where the kernel allows mounting one.
M=$TMP/full
mkdir -p "$M"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=256k tmpfs "$M" 2>/dev/null; then
	cp -R "$P" "$M/p"
	# Fill it up, leaving less than one block.
	dd if=/dev/zero of="$M/filler" bs=4k 2>/dev/null
	head -c 20000 /dev/urandom | base64 >"$TMP/bigbody"
	unchanged "$M/p" "tmpfs full: evidence add changed nothing" \
	    lp-evidence add -C "$M/p" --title "No room" --standards LP2 --reach team \
	    --date 2025-04-04 "$TMP/bigbody"
	is_rc 2 "tmpfs full: exit 2"
	like "$err" "No space left on device" "tmpfs full: the message says the disk is full"
	unchanged "$M/p" "tmpfs full: assess set changed nothing" \
	    lp-assess set -C "$M/p" LP3=developing --note "$(head -c 3000 "$TMP/bigbody" | tr -d '\n')"
	is_rc 2 "tmpfs full: assess set exits 2"
	is "$(find "$M/p" -name '.*.lp-tmp-*' | wc -l | tr -d ' ')" 0 "tmpfs full: no temporary file left"
	rm -f "$M/filler"
	run lp-assess set -C "$M/p" LP3=developing
	is_rc 0 "tmpfs with room again: assess set works"
	# A read-only mount: EROFS from the kernel.
	mount -o remount,ro "$M"
	unchanged "$M/p" "read-only mount: assess set changed nothing" \
	    lp-assess set -C "$M/p" LP4=developing
	is_rc 2 "read-only mount: exit 2"
	like "$err" "Read-only file system" "read-only mount: the message says so"
	umount "$M"
elif [ "$(id -u)" != 0 ]; then
	cp -R "$P" "$TMP/ro"
	chmod a-w "$TMP/ro" "$TMP/ro/evidence"
	unchanged "$TMP/ro" "read-only directory: assess set changed nothing" \
	    lp-assess set -C "$TMP/ro" LP4=developing
	is_rc 2 "read-only directory: exit 2"
	like "$err" "Permission denied" "read-only directory: the message says so"
	chmod -R u+w "$TMP/ro"
else
	echo "# skipped the real tmpfs: mount is not allowed here"
fi

done_testing
