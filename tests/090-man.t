#!/bin/sh
. "$(dirname "$0")/lib.sh"
# Every manual page is clean mdoc, and every program's --help lists the
# same options as the SYNOPSIS of its page, so that neither drifts.

# The option words of a text: -x and --word, not the dash inside lp-evidence.
option_words() {
	grep -oE '(^|[^A-Za-z0-9_-])--?[A-Za-z][A-Za-z0-9-]*' |
	sed -E 's/^[^-]*//' | sort -u
}

# The SYNOPSIS section of a page, rendered as plain ASCII on long lines.
synopsis() {
	groff -mandoc -Tascii -P-cbou -rLL=1000n "$1" 2>/dev/null |
	awk '/^SYNOPSIS/ { on = 1; next } /^[A-Z]/ { on = 0 } on'
}

for page in "$SRC_DIR"/man/*.[1-9]; do
	name=${page##*/}
	run groff -mandoc -ww -z -Tutf8 "$page"
	is "$rc:$out$err" "0:" "$name: groff -ww finds nothing to warn about"
	case $name in
	*.1)
		synopsis "$page" >"$TMP/synopsis"
		if [ -s "$TMP/synopsis" ]; then ok "$name: has a SYNOPSIS"; else
			not_ok "$name: has a SYNOPSIS"; fi
	esac
done

for src in "$SRC_DIR"/cmd/*.c; do
	prog=${src##*/}
	prog=${prog%.c}
	page="$SRC_DIR/man/$prog.1"
	if [ ! -f "$page" ]; then
		ok "$prog --help matches its SYNOPSIS # SKIP no man/$prog.1 yet"
		continue
	fi
	if [ ! -x "$LP_BUILD/bin/$prog" ]; then
		ok "$prog --help matches its SYNOPSIS # SKIP $prog is not built"
		continue
	fi
	"$LP_BUILD/bin/$prog" --help 2>&1 | option_words >"$TMP/help.words"
	synopsis "$page" | option_words >"$TMP/man.words"
	if [ ! -s "$TMP/help.words" ]; then
		not_ok "$prog --help lists options"
		continue
	fi
	same_file "$TMP/man.words" "$TMP/help.words" \
	    "$prog: the options of --help are those of the SYNOPSIS"
	run "$LP_BUILD/bin/$prog" --help
	is "$rc" 0 "$prog --help exits 0"
	run "$LP_BUILD/bin/$prog" --version
	is "$rc:$out" "0:$prog 0.1.0" "$prog --version"
done

done_testing
