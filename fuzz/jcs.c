/*
 * jcs.c - fuzz target: RFC 8785 canonicalisation, base58 and the
 * credential verifier, on text from anyone.
 *
 * lp-report verify reads documents lp did not make, so every input must
 * end in a result or a reason, never a crash.  Beyond that, what a
 * signature depends on is checked: the canonical form of an accepted
 * value is itself accepted and canonical (canonicalising twice changes
 * nothing), the form for people reads back to the same canonical form,
 * and a base58 string that decodes encodes back to itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lp.h"
#include "credential.h"
#include "fuzz.h"

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz-jcs: %s\n", what);
	abort();
}

/* text canonicalised, or NULL when refused; the caller frees. */
static char *
canon(const char *text, size_t len, size_t *out_len)
{
	struct lp_buf b = { 0 };
	const char *why = NULL;
	cJSON *v;

	if (lp_jcs_parse(text, len, &v, &why) < 0) {
		if (!why || !*why)
			fail("refused without a reason");
		return NULL;
	}
	if (lp_jcs(v, &b, &why) < 0) {
		cJSON_Delete(v);
		lp_buf_free(&b);
		return NULL;
	}
	cJSON_Delete(v);
	*out_len = b.len;
	return lp_buf_detach(&b);
}

static void
check_canonical(const char *text, size_t len)
{
	size_t n1, n2;
	char *c1 = canon(text, len, &n1), *c2;
	struct lp_buf pretty = { 0 };
	cJSON *v;

	if (!c1)
		return;
	if (!(c2 = canon(c1, n1, &n2)))
		fail("a canonical form is refused");
	if (n1 != n2 || memcmp(c1, c2, n1) != 0)
		fail("canonicalising twice changed the text");
	free(c2);
	if (lp_jcs_parse(text, len, &v, &(const char *){ NULL }) == 0) {
		if (lp_jcs_pretty(v, &pretty, NULL) == 0) {
			if (!(c2 = canon(pretty.data, pretty.len, &n2)))
				fail("the form for people is refused");
			if (n1 != n2 || memcmp(c1, c2, n1) != 0)
				fail("the form for people reads back differently");
			free(c2);
		}
		cJSON_Delete(v);
	}
	lp_buf_free(&pretty);
	free(c1);
}

static void
check_base58(const char *text, size_t len)
{
	struct lp_buf dec = { 0 }, enc = { 0 };

	if (len > 256)
		return;	/* quadratic by design: keys and signatures are short */
	if (lp_base58_decode(text, len, &dec) == 0) {
		lp_base58_encode((const unsigned char *)dec.data, dec.len, &enc);
		if (enc.len != len || (len && memcmp(enc.data, text, len) != 0))
			fail("base58 decode then encode changed the text");
	}
	lp_buf_free(&dec);
	lp_buf_free(&enc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct lp_buf why = { 0 };
	int rc;

	check_canonical(text, size);
	check_base58(text, size);
	rc = lp_credential_verify(text, size, lp_date_from_ymd(2026, 1, 15), &why);
	if (rc < -1 || rc > 1 || why.len == 0)
		fail("verify gave no result or no reason");
	lp_buf_free(&why);
	return 0;
}
