/*
 * doc-internal.h - what doc.c (the parser) and doc-fields.c (the fields
 * and the writer) share, and nothing else uses.
 */
#ifndef LP_DOC_INTERNAL_H
#define LP_DOC_INTERNAL_H

#include "lp.h"

/* A new, empty field key at the end of doc's fields. */
struct lp_field *lp_doc_field_add(struct lp_doc *doc, const char *key);
/* The same, taking key (allocated with malloc) instead of a copy. */
struct lp_field *lp_doc_field_take(struct lp_doc *doc, char *key);
/* Keys seen so far, to find duplicates without a quadratic search. */
struct lp_keyset {
	size_t *slot;		/* field index + 1; 0 is empty */
	size_t cap;		/* a power of two */
	size_t n;
};

/*
 * Add fields[i] to ks: the index of an earlier field with the same key,
 * or -1 when its key is new.
 */
long lp_doc_keyset_add(struct lp_keyset *ks, const struct lp_field *fields, size_t i);
void lp_doc_keyset_free(struct lp_keyset *ks);
/* Drop a field's value and list, keeping its key and line. */
void lp_doc_field_clear(struct lp_field *f);

/* The length of the UTF-8 sequence that starts with byte c (1 for a stray byte). */
size_t lp_doc_utf8_step(unsigned char c);
/* 1 when a plain scalar s reads as YAML's null: "", "~", "null"... */
int lp_doc_is_null_word(const char *s);
/* text with every CRLF (and the CRs before it) as LF; *outlen its length. */
char *lp_doc_crlf_to_lf(const char *text, size_t len, size_t *outlen);

#endif
