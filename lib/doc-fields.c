/*
 * doc-fields.c - a document's fields: looking them up, setting them,
 * finding a key given twice, and writing the document back as front
 * matter and body.
 *
 * Writing is the inverse of parsing (doc.c): one "key: value" line per
 * field, quoted only where a plain scalar would read back differently,
 * lists in flow style, so that parsing what lp_doc_format wrote gives
 * back the same fields and the same body.  A rewrite of a file a person
 * wrote goes through docwrite.c, which changes only the lines it must.
 */
#include <stdlib.h>
#include <string.h>

#include "doc-internal.h"
#include "lp.h"

struct lp_field *
lp_doc_field_take(struct lp_doc *doc, char *key)
{
	struct lp_field *f;

	if (doc->nfields == doc->cap) {
		doc->cap = doc->cap ? doc->cap * 2 : 16;
		doc->fields = lp_xreallocarray(doc->fields, doc->cap, sizeof *doc->fields);
	}
	f = &doc->fields[doc->nfields++];
	memset(f, 0, sizeof *f);
	f->key = key;
	return f;
}

struct lp_field *
lp_doc_field_add(struct lp_doc *doc, const char *key)
{
	return lp_doc_field_take(doc, lp_xstrdup(key));
}

void
lp_doc_field_clear(struct lp_field *f)
{
	free(f->value);
	f->value = NULL;
	lp_strv_free(&f->list);
}

const struct lp_field *
lp_doc_field(const struct lp_doc *doc, const char *key)
{
	for (size_t i = 0; i < doc->nfields; i++)
		if (doc->fields[i].key[0] == key[0] && strcmp(doc->fields[i].key, key) == 0)
			return &doc->fields[i];
	return NULL;
}

const char *
lp_doc_get(const struct lp_doc *doc, const char *key)
{
	const struct lp_field *f = lp_doc_field(doc, key);

	return f ? f->value : NULL;
}

/* The field for key, emptied for a new value, or a new one at the end. */
static struct lp_field *
field_for_set(struct lp_doc *doc, const char *key)
{
	struct lp_field *f = (struct lp_field *)lp_doc_field(doc, key);

	if (!f)
		return lp_doc_field_add(doc, key);
	lp_doc_field_clear(f);
	f->line = 0;
	return f;
}

void
lp_doc_set(struct lp_doc *doc, const char *key, const char *value)
{
	struct lp_field *f = field_for_set(doc, key);

	f->value = lp_xstrdup(value ? value : "");
}

void
lp_doc_set_list(struct lp_doc *doc, const char *key, char *const *items, size_t n)
{
	struct lp_field *f = field_for_set(doc, key);

	for (size_t i = 0; i < n; i++)
		lp_strv_push(&f->list, items[i]);
}

void
lp_doc_unset(struct lp_doc *doc, const char *key)
{
	const struct lp_field *f = lp_doc_field(doc, key);
	size_t i;

	if (!f)
		return;
	i = (size_t)(f - doc->fields);
	lp_doc_field_clear(&doc->fields[i]);
	free(doc->fields[i].key);
	memmove(&doc->fields[i], &doc->fields[i + 1],
	    (doc->nfields - i - 1) * sizeof *doc->fields);
	doc->nfields--;
}

/* The body as given, except that CRLF becomes LF: lp writes LF files. */
void
lp_doc_set_body(struct lp_doc *doc, const char *body, size_t len)
{
	free(doc->body);
	doc->body = lp_doc_crlf_to_lf(body ? body : "", body ? len : 0, &doc->body_len);
}

/* Code point of the valid UTF-8 sequence of k bytes at s. */
static unsigned long
decode(const unsigned char *s, size_t k)
{
	switch (k) {
	case 2:
		return (s[0] & 0x1fUL) << 6 | (s[1] & 0x3f);
	case 3:
		return (s[0] & 0x0fUL) << 12 | (s[1] & 0x3fUL) << 6 | (s[2] & 0x3f);
	case 4:
		return (s[0] & 0x07UL) << 18 | (s[1] & 0x3fUL) << 12 |
		    (s[2] & 0x3fUL) << 6 | (s[3] & 0x3f);
	default:
		return s[0];
	}
}

/* Length of the valid sequence at s, or 0 when it is not valid UTF-8. */
static size_t
valid_seq(const char *s)
{
	size_t k = lp_doc_utf8_step((unsigned char)*s);

	for (size_t i = 1; i < k; i++)
		if (!s[i])
			return 0;
	return lp_utf8_invalid_at(s, k) == k ? k : 0;
}

/*
 * Characters that a YAML reader refuses raw, or reads as a line break:
 * C1 controls (NEL among them), LS, PS, and the BOM and non-characters.
 */
static int
needs_escape(unsigned long cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0xfeff || cp == 0xfffe || cp == 0xffff;
}

/*
 * Whether s must be double-quoted to read back as the same text.  This
 * errs towards quoting: a value that YAML would resolve to a number, a
 * date or a boolean stays plain, because lp reads every value as text,
 * but the null words must be quoted, since a plain null reads back as "".
 */
static int
needs_quotes(const char *s, int flow)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	if (n == 0 || lp_doc_is_null_word(s))
		return 1;
	if (strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]))
		return 1;
	if (strncmp(s, "...", 3) == 0)	/* a document end at column 0 */
		return 1;
	if (s[n - 1] == ' ' || s[n - 1] == '\t')
		return 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];

		if (c < 0x20 || c == 0x7f)
			return 1;
		if (c == ':' && (flow || p[i + 1] == ' ' || p[i + 1] == '\0'))
			return 1;
		if (c == '#' && p[i - 1] == ' ')	/* i > 0: s[0] is not '#' */
			return 1;
		if (flow && strchr(",[]{}", c))
			return 1;
		if (c >= 0x80) {
			size_t k = valid_seq(s + i);

			if (k == 0 || needs_escape(decode(p + i, k)))
				return 1;
			i += k - 1;
		}
	}
	return 0;
}

static void
add_quoted(struct lp_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	lp_buf_addc(out, '"');
	while (*p) {
		unsigned char c = *p;
		size_t k;
		unsigned long cp;

		switch (c) {
		case '"':
			lp_buf_adds(out, "\\\"");
			p++;
			continue;
		case '\\':
			lp_buf_adds(out, "\\\\");
			p++;
			continue;
		case '\n':
			lp_buf_adds(out, "\\n");
			p++;
			continue;
		case '\t':
			lp_buf_adds(out, "\\t");
			p++;
			continue;
		case '\r':
			lp_buf_adds(out, "\\r");
			p++;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			lp_buf_addf(out, "\\x%02X", c);
			p++;
			continue;
		}
		if (c < 0x80) {
			lp_buf_addc(out, (char)c);
			p++;
			continue;
		}
		if ((k = valid_seq((const char *)p)) == 0) {
			/* Not text: write U+FFFD so that the file at least parses. */
			lp_buf_adds(out, "\\uFFFD");
			p++;
			continue;
		}
		cp = decode(p, k);
		if (cp == 0x85)
			lp_buf_adds(out, "\\N");
		else if (cp == 0x2028)
			lp_buf_adds(out, "\\L");
		else if (cp == 0x2029)
			lp_buf_adds(out, "\\P");
		else if (needs_escape(cp))
			lp_buf_addf(out, cp > 0xff ? "\\u%04lX" : "\\x%02lX", cp);
		else
			lp_buf_add(out, p, k);
		p += k;
	}
	lp_buf_addc(out, '"');
}

static void
add_scalar(struct lp_buf *out, const char *s, int flow)
{
	if (needs_quotes(s, flow))
		add_quoted(out, s);
	else
		lp_buf_adds(out, s);
}

void
lp_doc_format(const struct lp_doc *doc, struct lp_buf *out)
{
	lp_buf_adds(out, "---\n");
	for (size_t i = 0; i < doc->nfields; i++) {
		const struct lp_field *f = &doc->fields[i];

		add_scalar(out, f->key, 0);
		lp_buf_adds(out, ": ");
		if (f->value) {
			add_scalar(out, f->value, 0);
		} else {
			lp_buf_addc(out, '[');
			for (size_t j = 0; j < f->list.n; j++) {
				if (j)
					lp_buf_adds(out, ", ");
				add_scalar(out, f->list.v[j], 1);
			}
			lp_buf_addc(out, ']');
		}
		lp_buf_addc(out, '\n');
	}
	lp_buf_adds(out, "---\n");
	if (doc->body)
		lp_buf_add(out, doc->body, doc->body_len);
}

void
lp_doc_free(struct lp_doc *doc)
{
	for (size_t i = 0; i < doc->nfields; i++) {
		lp_doc_field_clear(&doc->fields[i]);
		free(doc->fields[i].key);
	}
	free(doc->fields);
	free(doc->body);
	free(doc->path);
	memset(doc, 0, sizeof *doc);
}

/* ---- duplicate keys ---- */

static unsigned long
hash_key(const char *s)
{
	unsigned long h = 2166136261UL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619UL;
	return h;
}

/* keyset_add through the hash table. */
static long
keyset_add_hashed(struct lp_keyset *ks, const struct lp_field *fields, size_t i)
{
	size_t mask, j;

	if (2 * (ks->n + 1) > ks->cap) {
		size_t ncap = ks->cap ? ks->cap * 2 : 64;
		size_t *nslot = lp_xcalloc(ncap, sizeof *nslot);

		for (size_t k = 0; k < ks->cap; k++) {
			size_t f = ks->slot[k];

			if (!f)
				continue;
			j = hash_key(fields[f - 1].key) & (ncap - 1);
			while (nslot[j])
				j = (j + 1) & (ncap - 1);
			nslot[j] = f;
		}
		free(ks->slot);
		ks->slot = nslot;
		ks->cap = ncap;
	}
	mask = ks->cap - 1;
	for (j = hash_key(fields[i].key) & mask; ks->slot[j]; j = (j + 1) & mask)
		if (strcmp(fields[ks->slot[j] - 1].key, fields[i].key) == 0)
			return (long)ks->slot[j] - 1;
	ks->slot[j] = i + 1;
	ks->n++;
	return -1;
}

/* Up to this many keys a document is searched for a duplicate directly. */
#define KEYSET_LINEAR 16

/*
 * Add field i (whose key is fields[i].key) to the set.  Returns the index
 * of an earlier field with the same key, or -1 when the key is new.  A
 * front matter has a dozen keys: they are compared directly, and only a
 * document with more (a hostile one) gets the hash table, so that every
 * file does not pay for one.
 */
long
lp_doc_keyset_add(struct lp_keyset *ks, const struct lp_field *fields, size_t i)
{
	size_t j;

	if (i < KEYSET_LINEAR) {
		for (j = 0; j < i; j++)
			if (fields[j].key[0] == fields[i].key[0] &&
			    strcmp(fields[j].key, fields[i].key) == 0)
				return (long)j;
		return -1;
	}
	if (ks->n == 0)		/* the table starts with the keys compared so far */
		for (j = 0; j < KEYSET_LINEAR; j++)
			(void)keyset_add_hashed(ks, fields, j);
	return keyset_add_hashed(ks, fields, i);
}

void
lp_doc_keyset_free(struct lp_keyset *ks)
{
	free(ks->slot);
	memset(ks, 0, sizeof *ks);
}
