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

# The usage lines of --help, one form a line ("usage: " dropped, the
# continuation lines joined), as lib/cli.c prints them.
help_forms() {
	"$1" --help | awk '
		/^$/ { exit }
		/^usage: / { if (l != "") print l; l = substr($0, 8); next }
		/^       [^ ]/ { if (l != "") print l; l = $0; sub(/^ +/, "", l); next }
		{ sub(/^ +/, " "); l = l $0 }
		END { if (l != "") print l }'
}

for src in "$SRC_DIR"/cmd/*.c; do
	prog=${src##*/}
	prog=${prog%.c}
	page="$SRC_DIR/man/$prog.1"
	if [ ! -f "$page" ]; then
		not_ok "$prog has a manual page man/$prog.1"
		continue
	fi
	help_forms "$LP_BUILD/bin/$prog" >"$TMP/help.forms"
	synopsis "$page" | sed -E 's/^ +//; s/ +/ /g; s/ $//' | grep . >"$TMP/man.forms"
	if [ ! -s "$TMP/help.forms" ]; then
		not_ok "$prog --help prints its usage"
		continue
	fi
	same_file "$TMP/man.forms" "$TMP/help.forms" \
	    "$prog: the SYNOPSIS of its page is --help's usage, line by line"
	# Every option line of --help has its own entry in the page's OPTIONS,
	# opening with the same words.
	groff -mandoc -Tascii -P-cbou -rLL=1000n "$page" 2>/dev/null | sed -E 's/ +/ /g' >"$TMP/page.txt"
	"$LP_BUILD/bin/$prog" --help | sed -n '/^options:/,/^$/p' | grep -E '^  ' |
	    grep -vE -- '--help|--version' >"$TMP/help.opts"
	missing=""
	while IFS= read -r line; do
		words=$(printf '%s' "$line" | sed -E 's/^ +(-[A-Za-z], )?(--?[A-Za-z][A-Za-z-]*)( [A-Z][A-Z|_]*| [a-z]+(\|[a-z]+)+)? +//')
		grep -qF -- "$words" "$TMP/page.txt" || missing="$missing
$line"
	done <"$TMP/help.opts"
	if [ -z "$missing" ]; then ok "$prog: every --help option line is in the page, same words"
	else not_ok "$prog: every --help option line is in the page, same words" "missing:$missing"; fi
	run "$LP_BUILD/bin/$prog" --help
	is "$rc" 0 "$prog --help exits 0"
	run "$LP_BUILD/bin/$prog" --version
	is "$rc:$out" "0:$prog 0.1.0" "$prog --version"
done

done_testing
