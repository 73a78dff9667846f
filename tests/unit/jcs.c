/*
 * jcs.c - unit tests for lib/jcs.c: RFC 8785 canonical JSON and base58.
 *
 *   jcs              the vectors below, as TAP lines
 *   jcs FILE|-       the canonical form of a JSON file, for the shell tests
 *
 * Vectors, copied as data with their sources named:
 *  - RFC 8785 Appendix B, the number serialisation table, and section
 *    3.2.3, the member ordering example (UTF-16 code units);
 *  - github.com/cyberphone/json-canonicalization testdata/input and
 *    testdata/output (Apache-2.0, commit 19d51d7f), and the deterministic
 *    ES6 number sequence of its testdata/numgen.go, whose output file's
 *    SHA-256 after 1,000, 10,000 and 100,000 lines testdata/README.md
 *    records: every one of those numbers must print as ECMAScript
 *    prints it;
 *  - base58: draft-msporny-base58's examples.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lp.h"
#include "credential.h"
#include "sha256.h"

static int ntests, nfail;

static void
ok(int cond, const char *name)
{
	ntests++;
	if (!cond)
		nfail++;
	printf("%sok %d - %s\n", cond ? "" : "not ", ntests, name);
}

static void
is(const char *got, const char *want, const char *name)
{
	ok(strcmp(got, want) == 0, name);
	if (strcmp(got, want) != 0)
		printf("#   got:  %s\n#   want: %s\n", got, want);
}

static double
from_bits(uint64_t u)
{
	double d;

	memcpy(&d, &u, sizeof d);
	return d;
}

/* RFC 8785, Appendix B. */
static const struct {
	uint64_t bits;
	const char *text;
} appendix_b[] = {
	{ 0x0000000000000000, "0" },
	{ 0x8000000000000000, "0" },
	{ 0x0000000000000001, "5e-324" },
	{ 0x8000000000000001, "-5e-324" },
	{ 0x7fefffffffffffff, "1.7976931348623157e+308" },
	{ 0xffefffffffffffff, "-1.7976931348623157e+308" },
	{ 0x4340000000000000, "9007199254740992" },
	{ 0xc340000000000000, "-9007199254740992" },
	{ 0x4430000000000000, "295147905179352830000" },
	{ 0x44b52d02c7e14af5, "9.999999999999997e+22" },
	{ 0x44b52d02c7e14af6, "1e+23" },
	{ 0x44b52d02c7e14af7, "1.0000000000000001e+23" },
	{ 0x444b1ae4d6e2ef4e, "999999999999999700000" },
	{ 0x444b1ae4d6e2ef4f, "999999999999999900000" },
	{ 0x444b1ae4d6e2ef50, "1e+21" },
	{ 0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7" },
	{ 0x3eb0c6f7a0b5ed8d, "0.000001" },
	{ 0x41b3de4355555553, "333333333.3333332" },
	{ 0x41b3de4355555554, "333333333.33333325" },
	{ 0x41b3de4355555555, "333333333.3333333" },
	{ 0x41b3de4355555556, "333333333.3333334" },
	{ 0x41b3de4355555557, "333333333.33333343" },
	{ 0xbecbf647612f3696, "-0.0000033333333333333333" },
	{ 0x43143ff3c1cb0959, "1424953923781206.2" },
};

static void
numbers(void)
{
	char buf[32], name[64];

	for (size_t i = 0; i < sizeof appendix_b / sizeof appendix_b[0]; i++) {
		snprintf(name, sizeof name, "RFC 8785 B: %016llx", (unsigned long long)appendix_b[i].bits);
		if (lp_jcs_number(from_bits(appendix_b[i].bits), buf) < 0)
			strcpy(buf, "(refused)");
		is(buf, appendix_b[i].text, name);
	}
	ok(lp_jcs_number(from_bits(0x7fffffffffffffff), buf) < 0, "RFC 8785 B: NaN is refused");
	ok(lp_jcs_number(from_bits(0x7ff0000000000000), buf) < 0, "RFC 8785 B: Infinity is refused");
	ok(lp_jcs_number(-INFINITY, buf) < 0, "-Infinity is refused");
	lp_jcs_number(1e21, buf);
	is(buf, "1e+21", "1e21 is the first number in exponent form");
	lp_jcs_number(1e20, buf);
	is(buf, "100000000000000000000", "1e20 is written out");
	lp_jcs_number(1e-7, buf);
	is(buf, "1e-7", "1e-7 is in exponent form");
	lp_jcs_number(-1.5, buf);
	is(buf, "-1.5", "a negative fraction");
}

/* cyberphone/json-canonicalization testdata/numgen.go, the number sequence. */
static const uint64_t numgen_static[] = {
	0x0000000000000000, 0x8000000000000000, 0x0000000000000001, 0x8000000000000001,
	0xc46696695dbd1cc3, 0xc43211ede4974a35, 0xc3fce97ca0f21056, 0xc3c7213080c1a6ac,
	0xc39280f39a348556, 0xc35d9b1f5d20d557, 0xc327af4c4a80aaac, 0xc2f2f2a36ecd5556,
	0xc2be51057e155558, 0xc28840d131aaaaac, 0xc253670dc1555557, 0xc21f0b4935555557,
	0xc1e8d5d42aaaaaac, 0xc1b3de4355555556, 0xc17fca0555555556, 0xc1496e6aaaaaaaab,
	0xc114585555555555, 0xc0e046aaaaaaaaab, 0xc0aa0aaaaaaaaaaa, 0xc074d55555555555,
	0xc040aaaaaaaaaaab, 0xc00aaaaaaaaaaaab, 0xbfd5555555555555, 0xbfa1111111111111,
	0xbf6b4e81b4e81b4f, 0xbf35d867c3ece2a5, 0xbf0179ec9cbd821e, 0xbecbf647612f3696,
	0xbe965e9f80f29212, 0xbe61e54c672874db, 0xbe2ca213d840baf8, 0xbdf6e80fe033c8c6,
	0xbdc2533fe68fd3d2, 0xbd8d51ffd74c861c, 0xbd5774ccac3d3817, 0xbd22c3d6f030f9ac,
	0xbcee0624b3818f79, 0xbcb804ea293472c7, 0xbc833721ba905bd3, 0xbc4ebe9c5db3c61e,
	0xbc18987d17c304e5, 0xbbe3ad30dfcf371d, 0xbbaf7b816618582f, 0xbb792f9ab81379bf,
	0xbb442615600f9499, 0xbb101e77800c76e1, 0xbad9ca58cce0be35, 0xbaa4a1e0a3e6fe90,
	0xba708180831f320d, 0xba3a68cd9e985016, 0x446696695dbd1cc3, 0x443211ede4974a35,
	0x43fce97ca0f21056, 0x43c7213080c1a6ac, 0x439280f39a348556, 0x435d9b1f5d20d557,
	0x4327af4c4a80aaac, 0x42f2f2a36ecd5556, 0x42be51057e155558, 0x428840d131aaaaac,
	0x4253670dc1555557, 0x421f0b4935555557, 0x41e8d5d42aaaaaac, 0x41b3de4355555556,
	0x417fca0555555556, 0x41496e6aaaaaaaab, 0x4114585555555555, 0x40e046aaaaaaaaab,
	0x40aa0aaaaaaaaaaa, 0x4074d55555555555, 0x4040aaaaaaaaaaab, 0x400aaaaaaaaaaaab,
	0x3fd5555555555555, 0x3fa1111111111111, 0x3f6b4e81b4e81b4f, 0x3f35d867c3ece2a5,
	0x3f0179ec9cbd821e, 0x3ecbf647612f3696, 0x3e965e9f80f29212, 0x3e61e54c672874db,
	0x3e2ca213d840baf8, 0x3df6e80fe033c8c6, 0x3dc2533fe68fd3d2, 0x3d8d51ffd74c861c,
	0x3d5774ccac3d3817, 0x3d22c3d6f030f9ac, 0x3cee0624b3818f79, 0x3cb804ea293472c7,
	0x3c833721ba905bd3, 0x3c4ebe9c5db3c61e, 0x3c18987d17c304e5, 0x3be3ad30dfcf371d,
	0x3baf7b816618582f, 0x3b792f9ab81379bf, 0x3b442615600f9499, 0x3b101e77800c76e1,
	0x3ad9ca58cce0be35, 0x3aa4a1e0a3e6fe90, 0x3a708180831f320d, 0x3a3a68cd9e985016,
	0x4024000000000000, 0x4014000000000000, 0x3fe0000000000000, 0x3fa999999999999a,
	0x3f747ae147ae147b, 0x3f40624dd2f1a9fc, 0x3f0a36e2eb1c432d, 0x3ed4f8b588e368f1,
	0x3ea0c6f7a0b5ed8d, 0x3e6ad7f29abcaf48, 0x3e35798ee2308c3a, 0x3ed539223589fa95,
	0x3ed4ff26cd5a7781, 0x3ed4f95a762283ff, 0x3ed4f8c60703520c, 0x3ed4f8b72f19cd0d,
	0x3ed4f8b5b31c0c8d, 0x3ed4f8b58d1c461a, 0x3ed4f8b5894f7f0e, 0x3ed4f8b588ee37f3,
	0x3ed4f8b588e47da4, 0x3ed4f8b588e3849c, 0x3ed4f8b588e36bb5, 0x3ed4f8b588e36937,
	0x3ed4f8b588e368f8, 0x3ed4f8b588e368f1, 0x3ff0000000000000, 0xbff0000000000000,
	0xbfeffffffffffffa, 0xbfeffffffffffffb, 0x3feffffffffffffa, 0x3feffffffffffffb,
	0x3feffffffffffffc, 0x3feffffffffffffe, 0xbfefffffffffffff, 0xbfefffffffffffff,
	0x3fefffffffffffff, 0x3fefffffffffffff, 0x3fd3333333333332, 0x3fd3333333333333,
	0x3fd3333333333334, 0x0010000000000000, 0x000ffffffffffffd, 0x000fffffffffffff,
	0x7fefffffffffffff, 0xffefffffffffffff, 0x4340000000000000, 0xc340000000000000,
	0x4430000000000000, 0x44b52d02c7e14af5, 0x44b52d02c7e14af6, 0x44b52d02c7e14af7,
	0x444b1ae4d6e2ef4e, 0x444b1ae4d6e2ef4f, 0x444b1ae4d6e2ef50, 0x3eb0c6f7a0b5ed8c,
	0x3eb0c6f7a0b5ed8d, 0x41b3de4355555553, 0x41b3de4355555554, 0x41b3de4355555555,
	0x41b3de4355555556, 0x41b3de4355555557, 0xbecbf647612f3696, 0x43143ff3c1cb0959,
};
#define NSTATIC (sizeof numgen_static / sizeof numgen_static[0])

struct numgen {
	size_t idx;
	unsigned char block[LP_SHA256_LEN];
	size_t used;		/* bytes of block already taken */
};

static uint64_t
numgen_next(struct numgen *g)
{
	uint64_t u = 0;
	double f = 0;

	if (g->idx < NSTATIC) {
		u = numgen_static[g->idx++];
		return u;
	}
	if (g->idx < NSTATIC + 2000)
		return 0x0010000000000000ull + (uint64_t)(g->idx++ - NSTATIC);
	g->idx++;
	while (f == 0 || !isfinite(f)) {
		if (g->used == sizeof g->block) {
			struct lp_sha256 c;

			lp_sha256_init(&c);
			lp_sha256_update(&c, g->block, sizeof g->block);
			lp_sha256_final(&c, g->block);
			g->used = 0;
		}
		u = 0;
		for (int i = 7; i >= 0; i--)	/* little-endian */
			u = u << 8 | g->block[g->used + (size_t)i];
		g->used += 8;
		f = from_bits(u);
	}
	return u;
}

static void
es6_sequence(void)
{
	static const struct {
		size_t lines;
		const char *sha256;
	} want[] = {
		{ 1000, "be18b62b6f69cdab33a7e0dae0d9cfa869fda80ddc712221570f9f40a5878687" },
		{ 10000, "b9f7a8e75ef22a835685a52ccba7f7d6bdc99e34b010992cbc5864cd12be6892" },
		{ 100000, "22776e6d4b49fa294a0d0f349268e5c28808fe7e0cb2bcbe28f63894e494d4c7" },
	};
	struct numgen g = { .used = LP_SHA256_LEN };
	struct lp_sha256 c;
	size_t w = 0;

	memset(g.block, 0, sizeof g.block);
	lp_sha256_init(&c);
	for (size_t n = 1; w < sizeof want / sizeof want[0]; n++) {
		uint64_t u = numgen_next(&g);
		char line[64], num[32];
		int len;

		if (lp_jcs_number(from_bits(u), num) < 0)
			strcpy(num, "(refused)");
		len = snprintf(line, sizeof line, "%llx,%s\n", (unsigned long long)u, num);
		lp_sha256_update(&c, line, (size_t)len);
		if (n == want[w].lines) {
			struct lp_sha256 copy = c;
			unsigned char d[LP_SHA256_LEN];
			char hex[65], name[96];

			lp_sha256_final(&copy, d);
			lp_sha256_tohex(d, hex);
			snprintf(name, sizeof name, "the first %zu numbers of numgen print as ECMAScript does", n);
			is(hex, want[w].sha256, name);
			w++;
		}
	}
}

/* cyberphone/json-canonicalization testdata: input, expected output. */
static const struct {
	const char *name, *in, *out;
} files[] = {
	{ "arrays",
	    "[\n  56,\n  {\n    \"d\": true,\n    \"10\": null,\n    \"1\": [ ]\n  }\n]\n",
	    "[56,{\"1\":[],\"10\":null,\"d\":true}]" },
	{ "french",
	    "{\n  \"peach\": \"This sorting order\",\n  \"p\xc3""\xa9""ch\xc3""\xa9""\": \"is wrong according to French\",\n  \"p\xc3""\xaa""che\": \"but canonicalization MUST\",\n  \"sin\":   \"ignore locale\"\n}\n",
	    "{\"peach\":\"This sorting order\",\"p\xc3""\xa9""ch\xc3""\xa9""\":\"is wrong according to French\",\"p\xc3""\xaa""che\":\"but canonicalization MUST\",\"sin\":\"ignore locale\"}" },
	{ "structures",
	    "{\n  \"1\": {\"f\": {\"f\": \"hi\",\"F\": 5} ,\"\\n\": 56.0},\n  \"10\": { },\n  \"\": \"empty\",\n  \"a\": { },\n  \"111\": [ {\"e\": \"yes\",\"E\": \"no\" } ],\n  \"A\": { }\n}",
	    "{\"\":\"empty\",\"1\":{\"\\n\":56,\"f\":{\"F\":5,\"f\":\"hi\"}},\"10\":{},\"111\":[{\"E\":\"no\",\"e\":\"yes\"}],\"A\":{},\"a\":{}}" },
	{ "unicode",
	    "{\n  \"Unnormalized Unicode\":\"A\\u030a\"\n}\n",
	    "{\"Unnormalized Unicode\":\"A\xcc""\x8a""\"}" },
	{ "values",
	    "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n  \"literals\": [null, true, false]\n}",
	    "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"\xe2""\x82""\xac""$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}" },
	{ "weird",
	    "{\n  \"\\u20ac\": \"Euro Sign\",\n  \"\\r\": \"Carriage Return\",\n  \"\\u000a\": \"Newline\",\n  \"1\": \"One\",\n  \"\\u0080\": \"Control\\u007f\",\n  \"\\ud83d\\ude02\": \"Smiley\",\n  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\",\n  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n  \"</script>\": \"Browser Challenge\"\n}\n",
	    "{\"\\n\":\"Newline\",\"\\r\":\"Carriage Return\",\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\xc2""\x80""\":\"Control\x7f""\",\"\xc3""\xb6""\":\"Latin Small Letter O With Diaeresis\",\"\xe2""\x82""\xac""\":\"Euro Sign\",\"\xf0""\x9f""\x98""\x82""\":\"Smiley\",\"\xef""\xac""\xb3""\":\"Hebrew Letter Dalet With Dagesh\"}" },
};

static void
canonical(const char *name, const char *in, const char *want)
{
	struct lp_buf b = { 0 };
	const char *why = "";
	cJSON *v;

	if (lp_jcs_parse(in, strlen(in), &v, &why) < 0 || lp_jcs(v, &b, &why) < 0) {
		ok(0, name);
		printf("#   refused: %s\n", why);
	} else {
		is(lp_buf_str(&b), want, name);
	}
	cJSON_Delete(v);
	lp_buf_free(&b);
}

static void
testdata(void)
{
	char name[96];

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(name, sizeof name, "cyberphone testdata %s.json", files[i].name);
		canonical(name, files[i].in, files[i].out);
	}
	/* RFC 8785 3.2.3: U+1F600 sorts before U+FB33 in UTF-16, after it in UTF-8. */
	canonical("RFC 8785 3.2.3: members in UTF-16 order",
	    "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", "
	    "\"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\", \"1\": \"One\", "
	    "\"\\ud83d\\ude00\": \"Emoji: Grinning Face\", \"\\u0080\": \"Control\", "
	    "\"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}",
	    "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xc2\x80\":\"Control\","
	    "\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\",\"\xe2\x82\xac\":\"Euro Sign\","
	    "\"\xf0\x9f\x98\x80\":\"Emoji: Grinning Face\",\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}");
	canonical("control characters: short escapes and lower-case \\u00xx",
	    "[\"\\u0001\\u001f\\b\\f\\n\\r\\t\\u007f\\u2028/\"]",
	    "[\"\\u0001\\u001f\\b\\f\\n\\r\\t\x7f\xe2\x80\xa8/\"]");
	canonical("a name that is a prefix sorts first", "{\"ab\":1,\"a\":2,\"\":3}",
	    "{\"\":3,\"a\":2,\"ab\":1}");
}

static void
refused(const char *name, const char *in, size_t len)
{
	struct lp_buf b = { 0 };
	const char *why = NULL;
	cJSON *v = NULL;
	int rc = lp_jcs_parse(in, len, &v, &why);

	if (rc == 0)
		rc = lp_jcs(v, &b, &why);
	ok(rc < 0 && why && *why, name);
	if (why)
		printf("#   %s\n", why);
	cJSON_Delete(v);
	lp_buf_free(&b);
}

static void
refusals(void)
{
	struct lp_buf b = { 0 };
	const char *why = NULL;
	cJSON *o;

	refused("a lone high surrogate", "[\"\\ud800\"]", 10);
	refused("a lone low surrogate", "[\"\\udc00x\"]", 11);
	refused("invalid UTF-8 in a string", "[\"\xc3\x28\"]", 6);
	refused("an encoded surrogate in UTF-8", "[\"\xed\xa0\x80\"]", 7);
	refused("\\u0000, which cJSON would cut the string at", "[\"a\\u0000b\"]", 12);
	refused("a NUL byte", "[1]\0", 4);
	refused("a duplicate member name", "{\"a\":1,\"b\":2,\"a\":3}", 19);
	refused("a leading zero", "[012]", 5);
	refused("a bare decimal point", "[1.]", 4);
	refused("a leading decimal point", "[.5]", 4);
	refused("a plus sign", "[+1]", 4);
	refused("a number too large for a double", "[1e400]", 7);
	refused("text after the value", "{} {}", 5);
	refused("a trailing comma", "[1,]", 4);
	refused("a raw control character in a string", "[\"a\tb\"]", 7);
	refused("single quotes", "['a']", 5);
	refused("an unterminated string", "[\"abc", 5);
	refused("nothing", "", 0);

	o = cJSON_CreateArray();
	cJSON_AddItemToArray(o, cJSON_CreateNumber(NAN));
	ok(lp_jcs(o, &b, &why) < 0, "a NaN built in memory is refused");
	cJSON_Delete(o);
	lp_buf_free(&b);
}

static void
base58(void)
{
	static const struct {
		const char *bytes;
		size_t n;
		const char *text;
	} v[] = {
		{ "Hello World!", 12, "2NEpo7TZRRrLZSi2U" },
		{ "The quick brown fox jumps over the lazy dog.", 44,
		  "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z" },
		{ "\0\0\x28\x7f\xb4\xcd", 6, "11233QC4" },
		{ "", 0, "" },
		{ "\0", 1, "1" },
	};
	unsigned char rnd[67];
	unsigned x = 12345;
	int round = 1;

	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct lp_buf enc = { 0 }, dec = { 0 };
		char name[96];

		lp_base58_encode((const unsigned char *)v[i].bytes, v[i].n, &enc);
		snprintf(name, sizeof name, "base58 encodes to %s", *v[i].text ? v[i].text : "nothing");
		is(lp_buf_str(&enc), v[i].text, name);
		snprintf(name, sizeof name, "base58 decodes %s", *v[i].text ? v[i].text : "nothing");
		ok(lp_base58_decode(v[i].text, strlen(v[i].text), &dec) == 0 && dec.len == v[i].n &&
		    (v[i].n == 0 || memcmp(dec.data, v[i].bytes, v[i].n) == 0), name);
		lp_buf_free(&enc);
		lp_buf_free(&dec);
	}
	for (size_t n = 0; n < sizeof rnd; n++) {
		struct lp_buf enc = { 0 }, dec = { 0 };

		for (size_t i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			rnd[i] = (unsigned char)(i < n / 4 ? 0 : x >> 16);
		}
		lp_base58_encode(rnd, n, &enc);
		if (lp_base58_decode(lp_buf_str(&enc), enc.len, &dec) < 0 || dec.len != n ||
		    (n && memcmp(dec.data, rnd, n) != 0))
			round = 0;
		lp_buf_free(&enc);
		lp_buf_free(&dec);
	}
	ok(round, "base58 round trip of 0..66 bytes, with leading zero bytes");
	{
		struct lp_buf dec = { 0 };

		ok(lp_base58_decode("abc0", 4, &dec) < 0, "base58 refuses 0 (not in the alphabet)");
		ok(lp_base58_decode("abIl", 4, &dec) < 0, "base58 refuses I and l");
		lp_buf_free(&dec);
	}
}

/* jcs FILE: the canonical form of FILE ("-" for stdin), for the shell tests. */
static int
canonical_file(const char *path)
{
	struct lp_buf in = { 0 }, out = { 0 };
	const char *why;
	cJSON *v;
	int rc;

	rc = strcmp(path, "-") == 0 ? lp_fd_read(0, "<stdin>", LP_FILE_MAX, &in) :
	    lp_file_read(path, LP_FILE_MAX, &in);
	if (rc != 0)
		return 2;
	if (lp_jcs_parse(lp_buf_str(&in), in.len, &v, &why) < 0 || lp_jcs(v, &out, &why) < 0) {
		fprintf(stderr, "jcs: %s: %s\n", path, why);
		return 2;
	}
	fwrite(out.data, 1, out.len, stdout);
	cJSON_Delete(v);
	lp_buf_free(&in);
	lp_buf_free(&out);
	return 0;
}

int
main(int argc, char **argv)
{
	lp_setprogname(argv[0]);
	if (argc > 1)
		return canonical_file(argv[1]);
	numbers();
	es6_sequence();
	testdata();
	refusals();
	base58();
	printf("1..%d\n", ntests);
	return nfail ? 1 : 0;
}
