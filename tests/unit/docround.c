/*
 * docround.c - round-trip and robustness test for lib/doc.c.
 *
 * Tools rewrite portfolio.md and evidence files through lp_doc_format and
 * read them back with lp_doc_parse; a value that comes back different is
 * a silently corrupted portfolio.  This checks, for a table of awkward
 * values and for many documents built from random awkward pieces (a fixed
 * seed, so every run tests the same documents), that parse(format(doc))
 * gives the same fields in the same order and the same body, and that
 * formatting again gives the same text.  It then mutates formatted
 * documents at random and parses them: any that are accepted must round
 * trip too, and none may crash (run it under the sanitizers).
 *
 * Prints one summary line; exits 1 naming the first failure.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

#include "lp.h"

static const char *const tricky[] = {
	"", " ", "  lead", "trail ", "\t", "a\tb", "plain", "two words",
	"12", "-5", "0x1F", "1e3", ".5", "2025-03-12", "true", "no", "yes",
	"~", "null", "Null", "NULL", "nulls", "~x",
	"a: b", "a:b", "a:", ":a", "::", "http://example.org/a?b=c#d",
	"# not a comment", "a #b", "a#b", "C#",
	"- item", "-", "--", "---", "--- x", "...", "... x", "?", "? x", "?x",
	",", "a, b", "[a]", "a]", "{a: b}", "}", "&anchor", "*alias", "!tag",
	"!!str", "|", ">", "'single'", "\"double\"", "it's", "say \"hi\"",
	"%YAML", "@at", "`tick`", "back\\slash", "\\n", "\\",
	"line\nbreak", "\n", "\n\n", "trailing\n", "cr\rlf", "crlf\r\n",
	"caf\xc3\xa9", "\xe2\x82\xac 12", "\xf0\x9f\x98\x80", "\xc2\xa0nbsp",
	"nel\xc2\x85x", "ls\xe2\x80\xa8ps\xe2\x80\xa9", "\357\273\277bom",
	"ctl\x01\x1f\x7f", "c1\xc2\x80\xc2\x9f", "nonchar\xef\xbf\xbe\xef\xbf\xbf",
	"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e: \xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88",
	"<<", "=", "a = b", "50%", "a | b", "a > b", "a - b", "a ? b",
};

static const char *const pieces[] = {
	"a", "b", "z", "0", "9", " ", "  ", ":", ": ", "#", " #", "-", "- ",
	"'", "\"", "\\", "\n", "\t", "\r", ",", "[", "]", "{", "}", "~",
	"null", "true", "12", "2025-03-12", "---", "...", "?", "&", "*", "!",
	"|", ">", "%", "@", "`", "caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
	"\xc2\x85", "\xe2\x80\xa8", "\xef\xbb\xbf", "\xc2\xa0", "\x01", "\x7f",
	"\xc2\x80", "\r\n", "\n---\n", "\n...\n",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

/* Key pieces: lower case, as keys must be. */
static const char *const kpieces[] = {
	"a", "k", "title", "-", "_", ".", " ", ":", "#", "'", "\"", "\xc3\xa9",
	"1", "null", "~", "?", "[", "...",
};
#define NKPIECES (sizeof kpieces / sizeof kpieces[0])

static unsigned long long rng_state = 0x2545F4914F6CDD1DULL;

static unsigned
rnd(unsigned n)
{
	/* xorshift64: fixed seed, the same documents on every run. */
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

static void
random_text(struct lp_buf *b, const char *const *from, size_t nfrom, unsigned maxparts)
{
	unsigned n = rnd(maxparts + 1);

	lp_buf_reset(b);
	lp_buf_adds(b, "");
	for (unsigned i = 0; i < n; i++)
		lp_buf_adds(b, from[rnd((unsigned)nfrom)]);
}

static void
show(const char *what, const char *s, size_t n)
{
	fprintf(stderr, "  %s: \"", what);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
			fprintf(stderr, "\\x%02x", c);
		else
			fputc(c, stderr);
	}
	fprintf(stderr, "\"\n");
}

/* 0 when a and b hold the same fields in the same order and the same body. */
static int
same_doc(const struct lp_doc *a, const struct lp_doc *b)
{
	if (a->nfields != b->nfields)
		return -1;
	for (size_t i = 0; i < a->nfields; i++) {
		const struct lp_field *f = &a->fields[i], *g = &b->fields[i];

		if (strcmp(f->key, g->key) != 0 || !f->value != !g->value)
			return -1;
		if (f->value && strcmp(f->value, g->value) != 0)
			return -1;
		if (f->value)
			continue;
		if (f->list.n != g->list.n)
			return -1;
		for (size_t j = 0; j < f->list.n; j++)
			if (strcmp(f->list.v[j], g->list.v[j]) != 0)
				return -1;
	}
	if (a->body_len != b->body_len ||
	    (a->body_len && memcmp(a->body, b->body, a->body_len) != 0))
		return -1;
	return 0;
}

/* Format doc, parse it, compare, format again and compare the text. */
static int
round_trip(const struct lp_doc *doc, const char *label)
{
	struct lp_buf once = {0}, twice = {0};
	struct lp_doc back = {0};
	int rc = -1;

	lp_doc_format(doc, &once);
	if (lp_doc_parse(&back, label, once.data, once.len) < 0) {
		fprintf(stderr, "docround: %s: formatted text does not parse\n", label);
		goto fail;
	}
	if (same_doc(doc, &back) < 0) {
		fprintf(stderr, "docround: %s: fields or body changed\n", label);
		goto fail;
	}
	lp_doc_format(&back, &twice);
	if (once.len != twice.len || memcmp(once.data, twice.data, once.len) != 0) {
		fprintf(stderr, "docround: %s: formatting is not stable\n", label);
		show("second", twice.data, twice.len);
		goto fail;
	}
	rc = 0;
	goto out;
fail:
	show("formatted", once.data, once.len);
out:
	lp_doc_free(&back);
	lp_buf_free(&once);
	lp_buf_free(&twice);
	return rc;
}

static int
test_table(void)
{
	size_t n = sizeof tricky / sizeof tricky[0];
	struct lp_doc doc = {0};
	int rc = 0;

	/* Each value alone as a scalar, as a list item, and all in one list. */
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *items[2] = { (char *)tricky[i], "after" };

		lp_doc_set(&doc, "value", tricky[i]);
		lp_doc_set_list(&doc, "list", items, 2);
		lp_doc_set_body(&doc, tricky[i], strlen(tricky[i]));
		if ((rc = round_trip(&doc, "table")) < 0)
			show("value", tricky[i], strlen(tricky[i]));
		lp_doc_free(&doc);
	}
	if (rc == 0) {
		lp_doc_set_list(&doc, "all", (char *const *)tricky, n);
		lp_doc_set_list(&doc, "none", NULL, 0);
		rc = round_trip(&doc, "table-list");
		lp_doc_free(&doc);
	}
	return rc;
}

static int
test_random(unsigned ndocs)
{
	struct lp_buf key = {0}, val = {0}, body = {0};
	struct lp_strv items = {0};
	int rc = 0;

	for (unsigned d = 0; d < ndocs && rc == 0; d++) {
		struct lp_doc doc = {0};
		unsigned nf = rnd(6);

		for (unsigned f = 0; f < nf; f++) {
			random_text(&key, kpieces, NKPIECES, 3);
			/* Keys must be unique and not empty. */
			lp_buf_addf(&key, "%u", f);
			if (rnd(3)) {
				random_text(&val, pieces, NPIECES, 6);
				lp_doc_set(&doc, key.data, lp_buf_str(&val));
			} else {
				unsigned ni = rnd(4);

				for (unsigned i = 0; i < ni; i++) {
					random_text(&val, pieces, NPIECES, 4);
					lp_strv_push(&items, lp_buf_str(&val));
				}
				lp_doc_set_list(&doc, key.data, items.v, items.n);
				lp_strv_free(&items);
			}
		}
		random_text(&body, pieces, NPIECES, 12);
		lp_doc_set_body(&doc, lp_buf_str(&body), body.len);
		rc = round_trip(&doc, "random");
		lp_doc_free(&doc);
	}
	lp_buf_free(&key);
	lp_buf_free(&val);
	lp_buf_free(&body);
	return rc;
}

/* Mutate formatted documents; whatever parses must round-trip. */
static int
test_mutants(unsigned nmut, unsigned *accepted, int saved, int devnull)
{
	static const char seed[] =
	    "---\ntitle: \"a: b\"\ndate: 2025-03-12\nstandards: [LP5, \"x,y\"]\n"
	    "list:\n  - a\n  - 'b c'\nempty:\n---\nBody\n";
	struct lp_buf text = {0};
	int rc = 0;

	for (unsigned i = 0; i < nmut && rc == 0; i++) {
		struct lp_doc doc = {0};
		unsigned nedits = 1 + rnd(4);
		int ok;

		lp_buf_reset(&text);
		lp_buf_adds(&text, seed);
		for (unsigned e = 0; e < nedits; e++) {
			size_t at = rnd((unsigned)text.len + 1);
			const char *ins = pieces[rnd(NPIECES)];
			struct lp_buf next = {0};

			lp_buf_add(&next, text.data, at);
			if (rnd(2))
				lp_buf_adds(&next, ins);
			else if (at < text.len)
				at++;	/* delete one byte */
			lp_buf_add(&next, text.data + at, text.len - at);
			lp_buf_free(&text);
			text = next;
		}
		/* Most mutants are rejected, each with a diagnostic nobody needs. */
		fflush(stderr);
		dup2(devnull, 2);
		ok = lp_doc_parse(&doc, "mutant", text.data, text.len) == 0;
		dup2(saved, 2);
		if (ok) {
			(*accepted)++;
			rc = round_trip(&doc, "mutant");
			if (rc < 0)
				show("input", text.data, text.len);
		}
		lp_doc_free(&doc);
	}
	lp_buf_free(&text);
	return rc;
}

int
main(int argc, char **argv)
{
	unsigned ndocs = 4000, nmut = 20000, accepted = 0;
	int saved, devnull;

	lp_setprogname(argv[0]);
	if (argc > 1)
		ndocs = nmut = (unsigned)strtoul(argv[1], NULL, 10);
	if (test_table() < 0 || test_random(ndocs) < 0)
		return 1;
	saved = dup(2);
	devnull = open("/dev/null", O_WRONLY);
	if (saved < 0 || devnull < 0)
		lp_die("cannot open /dev/null");
	if (test_mutants(nmut, &accepted, saved, devnull) < 0)
		return 1;
	close(devnull);
	close(saved);
	printf("docround: %zu values, %u documents, %u mutants round-tripped\n",
	    sizeof tricky / sizeof tricky[0], ndocs, accepted);
	return lp_close_stdout(0);
}
