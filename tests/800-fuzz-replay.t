#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Every fuzz target (fuzz/NAME.c), linked with fuzz/driver.c into
# $LP_BUILD/fuzz/NAME, replays its seed corpus and every crash that
# fuzzing ever found, so a fixed bug stays fixed.  A reproducer whose
# name starts with "open-" is a finding not fixed yet: it is run as a
# TODO test (reported, not failing the suite) until the fix lands and
# the file is renamed.  The long runs are `make fuzz-run`.

FUZZ_DIR=$SRC_DIR/fuzz

replay() {	# replay NAME FILE|DIR LABEL
	"$LP_BUILD/fuzz/$1" "$2" >"$TMP/replay.out" 2>"$TMP/replay.err"
}

for src in "$FUZZ_DIR"/*.c; do
	name=$(basename "$src" .c)
	case $name in driver|scratch) continue ;; esac
	if [ ! -x "$LP_BUILD/fuzz/$name" ]; then
		not_ok "fuzz target $name is built" "missing $LP_BUILD/fuzz/$name"
		continue
	fi
	if [ -d "$FUZZ_DIR/corpus/$name" ]; then
		if replay "$name" "$FUZZ_DIR/corpus/$name"; then
			ok "$name: seed corpus ($(cat "$TMP/replay.out"))"
		else
			not_ok "$name: seed corpus" "$(grep -v '^driver: running' "$TMP/replay.err" | tail -20)" \
			    "last input: $(grep '^driver: running' "$TMP/replay.err" | tail -1)"
		fi
	else
		not_ok "$name has a seed corpus in fuzz/corpus/$name"
	fi
	[ -d "$FUZZ_DIR/crashes/$name" ] || continue
	for f in "$FUZZ_DIR/crashes/$name"/*; do
		[ -f "$f" ] || continue
		base=$(basename "$f")
		case $base in
		*.txt|*.md) continue ;;		# notes beside the reproducers
		open-*)
			_ntests=$((_ntests + 1))
			if replay "$name" "$f"; then
				echo "ok $_ntests - $name: $base # TODO fixed? rename it without open-"
			else
				echo "not ok $_ntests - $name: $base # TODO known finding, see fuzz/crashes/README"
			fi ;;
		*)
			if replay "$name" "$f"; then
				ok "$name: crash $base stays fixed"
			else
				not_ok "$name: crash $base" "$(grep -v '^driver: running' "$TMP/replay.err" | tail -20)"
			fi ;;
		esac
	done
done

done_testing
