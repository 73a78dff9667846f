/*
 * rowset.c - rows held back to be written in id order.
 *
 * Cohort commands meet portfolios in directory order but print them
 * sorted by id (SPEC 6).  They keep only the small output rows, never
 * the portfolios, so memory grows with the rows printed and nothing else.
 */
#include <stdlib.h>
#include <string.h>

#include "lp.h"

struct lp_rowset_row {
	char *key;
	size_t seq;	/* insertion order: makes qsort stable */
	char **values;
};

void
lp_rowset_init(struct lp_rowset *rs, size_t ncols)
{
	memset(rs, 0, sizeof *rs);
	rs->ncols = ncols;
}

void
lp_rowset_add(struct lp_rowset *rs, const char *key, const char *const *values)
{
	struct lp_rowset_row *row;

	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		rs->rows = lp_xreallocarray(rs->rows, rs->cap, sizeof *rs->rows);
	}
	row = &rs->rows[rs->n];
	row->key = lp_xstrdup(key ? key : "");
	row->seq = rs->n++;
	row->values = lp_xcalloc(rs->ncols, sizeof *row->values);
	for (size_t i = 0; i < rs->ncols; i++)
		row->values[i] = values[i] ? lp_xstrdup(values[i]) : NULL;
}

static int
cmp_row(const void *a, const void *b)
{
	const struct lp_rowset_row *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
lp_rowset_sort(struct lp_rowset *rs)
{
	if (rs->n > 1)
		qsort(rs->rows, rs->n, sizeof *rs->rows, cmp_row);
}

void
lp_rowset_write(const struct lp_rowset *rs, struct lp_writer *w)
{
	for (size_t i = 0; i < rs->n; i++)
		lp_writer_row(w, (const char *const *)rs->rows[i].values);
}

void
lp_rowset_free(struct lp_rowset *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		for (size_t j = 0; j < rs->ncols; j++)
			free(rs->rows[i].values[j]);
		free(rs->rows[i].values);
		free(rs->rows[i].key);
	}
	free(rs->rows);
	memset(rs, 0, sizeof *rs);
}
