#!/bin/sh
. "$(dirname "$0")/lib.sh"
# lib/sha256.c, which lp-report pack uses for attachment digests: the
# FIPS 180-4 vectors (tests/unit/sha256-vectors.c), then files of awkward
# sizes against sha256sum.

run sha256-vectors
is_rc 0 "the FIPS 180-4 and NIST vectors"
printf '%s\n' "$out" | grep '^not ok' | sed 's/^/# /'
is "$(printf '%s\n' "$out" | grep -c '^ok')" 9 "all nine vectors pass"

if command -v sha256sum >/dev/null 2>&1; then
	for n in 0 1 55 56 63 64 65 119 120 128 4095 65537; do
		head -c "$n" /dev/urandom >"f$n"
	done
	run sha256-vectors f0 f1 f55 f56 f63 f64 f65 f119 f120 f128 f4095 f65537
	printf '%s\n' "$out" >ours.txt
	sha256sum f0 f1 f55 f56 f63 f64 f65 f119 f120 f128 f4095 f65537 >theirs.txt
	same_file theirs.txt ours.txt "files around the block and padding boundaries agree with sha256sum"
else
	ok "files agree with sha256sum # SKIP no sha256sum"
fi

done_testing
