/*
 * doc.c - fuzz target: Markdown documents with YAML front matter.
 *
 * Any input either fails to parse (with a diagnostic) or parses to a
 * document that lp_doc_format writes back in a form that parses again
 * to the same fields and body, and formats to the same bytes: a tool
 * that rewrites a file never loses or changes what it did not own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docwrite.h"
#include "lp.h"
#include "fuzz.h"

static int
same_field(const struct lp_field *a, const struct lp_field *b)
{
	if (strcmp(a->key, b->key) != 0)
		return 0;
	if ((a->value == NULL) != (b->value == NULL))
		return 0;
	if (a->value)
		return strcmp(a->value, b->value) == 0;
	if (a->list.n != b->list.n)
		return 0;
	for (size_t i = 0; i < a->list.n; i++)
		if (strcmp(a->list.v[i], b->list.v[i]) != 0)
			return 0;
	return 1;
}

static void
check_same(const struct lp_doc *a, const struct lp_doc *b)
{
	if (a->nfields != b->nfields) {
		fprintf(stderr, "fuzz-doc: %zu fields became %zu\n", a->nfields, b->nfields);
		abort();
	}
	for (size_t i = 0; i < a->nfields; i++)
		if (!same_field(&a->fields[i], &b->fields[i])) {
			fprintf(stderr, "fuzz-doc: field %zu (%s) changed\n", i, a->fields[i].key);
			abort();
		}
	if (a->body_len != b->body_len ||
	    (a->body_len && memcmp(a->body, b->body, a->body_len) != 0)) {
		fprintf(stderr, "fuzz-doc: the body changed\n");
		abort();
	}
}

/*
 * Set a key, add one and drop one, surgically: the text parses to the
 * edited fields and the same body.
 */
static void
rewrite_edited(const char *text, size_t len, const struct lp_doc *orig)
{
	struct lp_doc ed, back;
	struct lp_buf out = {0};

	memset(&ed, 0, sizeof ed);
	memset(&back, 0, sizeof back);
	if (lp_doc_parse(&ed, "edit.md", text, len) < 0)
		abort();
	lp_doc_set(&ed, "outcome", "referred # not a comment");
	lp_doc_set(&ed, "submitted", "2026-01-15");
	if (orig->nfields)
		lp_doc_unset(&ed, orig->fields[0].key);
	/*
	 * Surgical where the line edit can be trusted; where it cannot (an
	 * indented mapping losing its first key, say) lp_doc_rewrite says so
	 * and lp writes the document whole: either way it must read back.
	 */
	if (lp_doc_rewrite(text, len, &ed, &out) < 0) {
		lp_buf_reset(&out);
		lp_doc_format(&ed, &out);
	}
	if (lp_doc_parse(&back, "rewritten.md", out.data, out.len) < 0) {
		fprintf(stderr, "fuzz-doc: the rewritten document does not parse:\n%s\n", lp_buf_str(&out));
		abort();
	}
	check_same(&ed, &back);
	lp_doc_free(&ed);
	lp_doc_free(&back);
	lp_buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lp_doc doc, again;
	struct lp_buf out = {0}, out2 = {0};

	memset(&doc, 0, sizeof(doc));
	memset(&again, 0, sizeof(again));
	if (lp_doc_parse(&doc, "fuzz.md", (const char *)data, size) == -1)
		goto out;
	/* The accessors every loader uses. */
	(void)lp_doc_get(&doc, "title");
	(void)lp_doc_field(&doc, "standards");
	lp_doc_format(&doc, &out);
	if (lp_doc_parse(&again, "formatted.md", out.data, out.len) == -1) {
		fprintf(stderr, "fuzz-doc: lp_doc_format wrote what lp_doc_parse refuses:\n%s\n",
		    lp_buf_str(&out));
		abort();
	}
	check_same(&doc, &again);
	lp_doc_format(&again, &out2);
	if (out.len != out2.len || memcmp(out.data, out2.data, out.len) != 0) {
		fprintf(stderr, "fuzz-doc: formatting is not stable\n");
		abort();
	}
	/* A surgical rewrite that changes nothing changes no byte. */
	lp_buf_reset(&out2);
	if (lp_doc_rewrite((const char *)data, size, &doc, &out2) < 0 ||
	    out2.len != size || (size && memcmp(out2.data, data, size) != 0)) {
		fprintf(stderr, "fuzz-doc: rewriting with nothing changed changed the text\n");
		abort();
	}
	rewrite_edited((const char *)data, size, &doc);
	/* Editing keeps the document writable. */
	lp_doc_set(&again, "title", "edited: \"quoted\" # not a comment");
	lp_doc_unset(&again, "date");
	lp_buf_reset(&out2);
	lp_doc_format(&again, &out2);
	lp_doc_free(&doc);
	memset(&doc, 0, sizeof(doc));
	if (lp_doc_parse(&doc, "edited.md", out2.data, out2.len) == -1) {
		fprintf(stderr, "fuzz-doc: an edited document does not parse\n");
		abort();
	}
out:
	lp_doc_free(&doc);
	lp_doc_free(&again);
	lp_buf_free(&out);
	lp_buf_free(&out2);
	return 0;
}
