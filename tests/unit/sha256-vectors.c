/*
 * sha256-vectors.c - test driver for lib/sha256.c.
 *
 *   sha256-vectors          the FIPS 180-4 / NIST vectors, as TAP lines
 *   sha256-vectors FILE ... "DIGEST  FILE" per file, like sha256sum
 *
 * The vectors include the empty message, messages that end on each side
 * of the 56-byte padding boundary, and a million bytes fed in uneven
 * pieces, so that block carry-over is exercised.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lp.h"
#include "sha256.h"

static int ntests, nfail;

static void
check(const char *name, const char *got, const char *want)
{
	ntests++;
	if (strcmp(got, want) == 0) {
		printf("ok %d - %s\n", ntests, name);
	} else {
		nfail++;
		printf("not ok %d - %s\n#   got:  %s\n#   want: %s\n", ntests, name, got, want);
	}
}

static void
vector(const char *name, const char *msg, const char *want)
{
	char hex[65];

	lp_sha256_hex(msg, strlen(msg), hex);
	check(name, hex, want);
}

static void
million(void)
{
	static char chunk[997];
	struct lp_sha256 c;
	unsigned char d[LP_SHA256_LEN];
	char hex[65];
	size_t left = 1000000;

	memset(chunk, 'a', sizeof chunk);
	lp_sha256_init(&c);
	for (size_t n = 1; left > 0; n = (n * 7 + 3) % sizeof chunk) {
		size_t take = n < left ? n : left;

		lp_sha256_update(&c, chunk, take);
		left -= take;
	}
	lp_sha256_final(&c, d);
	lp_sha256_tohex(d, hex);
	check("one million 'a' in uneven pieces", hex,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static int
file_digest(const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct lp_sha256 c;
	unsigned char d[LP_SHA256_LEN], buf[8192];
	char hex[65];
	size_t n;

	if (!fp) {
		lp_error("%s: %s", path, strerror(errno));
		return -1;
	}
	lp_sha256_init(&c);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		lp_sha256_update(&c, buf, n);
	fclose(fp);
	lp_sha256_final(&c, d);
	lp_sha256_tohex(d, hex);
	printf("%s  %s\n", hex, path);
	return 0;
}

int
main(int argc, char **argv)
{
	char s55[56], s56[57], s64[65];

	lp_setprogname(argv[0]);
	if (argc > 1) {
		int rc = 0;

		for (int i = 1; i < argc; i++)
			if (file_digest(argv[i]) < 0)
				rc = 2;
		return rc;
	}
	vector("empty message", "",
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	vector("abc", "abc",
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	vector("448-bit message", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	vector("896-bit message",
	    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
	memset(s55, 'a', 55); s55[55] = '\0';
	memset(s56, 'a', 56); s56[56] = '\0';
	memset(s64, 'a', 64); s64[64] = '\0';
	vector("55 bytes (padding fits the block)", s55,
	    "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
	vector("56 bytes (padding needs a second block)", s56,
	    "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
	vector("64 bytes (one whole block)", s64,
	    "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
	vector("the quick brown fox", "The quick brown fox jumps over the lazy dog",
	    "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
	million();
	printf("1..%d\n", ntests);
	return nfail ? 1 : 0;
}
