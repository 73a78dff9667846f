/*
 * roundtrip.c - fuzz target: rows read, written, and read again.
 *
 * Whatever lp reads as rows it must be able to write as CSV, JSON and
 * JSON Lines and read back as the same columns and the same values
 * (an absent value and an empty one are the same thing in CSV), so that
 * a pipeline of lp filters never alters a cell.  CSV is written with
 * formula neutralisation on, as lp writes by default: the reader's
 * stripping of the ' must undo exactly what the writer added.  It is
 * written with a BOM too (--bom): only that BOM may be stripped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lp.h"
#include "fuzz.h"

struct table {
	struct lp_strv cols;
	char ***rows;		/* rows[i][j], NULL when absent */
	size_t *widths;		/* values in rows[i] */
	size_t n;
};

static void
table_free(struct table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t j = 0; j < t->widths[i]; j++)
			free(t->rows[i][j]);
		free(t->rows[i]);
	}
	free(t->rows);
	free(t->widths);
	lp_strv_free(&t->cols);
	memset(t, 0, sizeof(*t));
}

/* 0, or -1 when the input is not rows (a diagnostic was printed). */
static int
table_read(struct table *t, const char *data, size_t len, const char *name)
{
	struct lp_reader *r;
	const struct lp_row *row;
	const struct lp_strv *cols;
	int rc;

	memset(t, 0, sizeof(*t));
	if ((r = lp_reader_new_mem(data, len, name, 0)) == NULL)
		return -1;
	while ((rc = lp_reader_next(r, &row)) == 1) {
		t->rows = lp_xreallocarray(t->rows, t->n + 1, sizeof(*t->rows));
		t->widths = lp_xreallocarray(t->widths, t->n + 1, sizeof(*t->widths));
		t->rows[t->n] = lp_xcalloc(row->n ? row->n : 1, sizeof(char *));
		t->widths[t->n] = row->n;
		for (size_t j = 0; j < row->n; j++)
			if (row->values[j])
				t->rows[t->n][j] = lp_xstrdup(row->values[j]);
		t->n++;
	}
	if (rc == 0) {
		cols = lp_reader_columns(r);
		for (size_t j = 0; j < cols->n; j++)
			lp_strv_push(&t->cols, cols->v[j]);
	}
	lp_reader_free(r);
	if (rc == -1)
		table_free(t);
	return rc;
}

static const char *
cell(const struct table *t, size_t i, size_t j)
{
	const char *v = j < t->widths[i] ? t->rows[i][j] : NULL;

	return v ? v : "";
}

static void
table_write(const struct table *t, enum lp_format fmt, unsigned flags,
    char **text, size_t *len)
{
	struct lp_col *cols = lp_xcalloc(t->cols.n ? t->cols.n : 1, sizeof(*cols));
	const char **values = lp_xcalloc(t->cols.n ? t->cols.n : 1, sizeof(char *));
	struct lp_writer *w;
	FILE *f;

	if ((f = open_memstream(text, len)) == NULL)
		abort();
	for (size_t j = 0; j < t->cols.n; j++) {
		cols[j].name = t->cols.v[j];
		cols[j].type = LP_COL_STR;
	}
	w = lp_writer_new_flags(f, fmt, cols, t->cols.n, flags);
	for (size_t i = 0; i < t->n; i++) {
		for (size_t j = 0; j < t->cols.n; j++)
			values[j] = j < t->widths[i] ? t->rows[i][j] : NULL;
		lp_writer_row(w, values);
	}
	if (lp_writer_finish(w) == -1)
		abort();
	fclose(f);
	free(cols);
	free(values);
}

static void
fail(const char *fmt_name, const char *what, const char *text)
{
	fprintf(stderr, "fuzz-roundtrip: %s: %s; written:\n%s\n", fmt_name, what, text);
	abort();
}

static void
round_trip(const struct table *t, enum lp_format fmt, unsigned flags)
{
	struct table back;
	char *text = NULL;
	size_t len = 0;
	const char *name = lp_format_name(fmt);

	table_write(t, fmt, flags, &text, &len);
	if (table_read(&back, text, len, name) == -1)
		fail(name, "lp reads back what it wrote as an error", text);
	if (back.n != t->n)
		fail(name, "the number of rows changed", text);
	/* JSON without a row carries no column names. */
	if (t->n == 0 && fmt != LP_FMT_CSV)
		goto out;
	if (back.cols.n != t->cols.n)
		fail(name, "the number of columns changed", text);
	for (size_t j = 0; j < t->cols.n; j++)
		if (strcmp(back.cols.v[j], t->cols.v[j]) != 0)
			fail(name, "a column name changed", text);
	for (size_t i = 0; i < t->n; i++)
		for (size_t j = 0; j < t->cols.n; j++)
			if (strcmp(cell(&back, i, j), cell(t, i, j)) != 0) {
				fprintf(stderr, "fuzz-roundtrip: row %zu column %s: [%s] became [%s]\n",
				    i + 1, t->cols.v[j], cell(t, i, j), cell(&back, i, j));
				fail(name, "a value changed", text);
			}
out:
	table_free(&back);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct table t;

	if (table_read(&t, (const char *)data, size, "fuzz") == -1)
		return 0;
	/* Rows without columns have nothing to write. */
	if (t.cols.n > 0) {
		round_trip(&t, LP_FMT_CSV, 0);
		round_trip(&t, LP_FMT_CSV, LP_WRITE_BOM);
		round_trip(&t, LP_FMT_JSON, 0);
		round_trip(&t, LP_FMT_JSONL, 0);
	}
	table_free(&t);
	return 0;
}
