/*
 * report-render.c - lp-report render: rows read from standard input (the
 * output of any lp tool) written again as a table, any row format, a
 * Markdown table or an HTML page.
 */
#include <stdlib.h>
#include <string.h>

#include "report-cohort.h"

static int
is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * A Markdown table cell: | and the characters Markdown acts on are
 * escaped, so that a cell can neither end the table nor become a link,
 * emphasis or HTML.  An underscore inside a word (next_window) cannot
 * start emphasis and is left alone, for readers of the plain text.
 */
static void
md_cell(FILE *out, const char *s)
{
	for (const char *p = s; p && *p; p++) {
		if (*p == '\n' || *p == '\r') {
			fputc(' ', out);
			continue;
		}
		if (*p == '_' && p > s && is_alnum(p[-1]) && is_alnum(p[1])) {
			fputc('_', out);
			continue;
		}
		if (strchr("\\|`*_[]<>&#!~", *p))
			fputc('\\', out);
		fputc(*p, out);
	}
}

static void
md_row(FILE *out, char *const *cells, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		fputs("| ", out);
		md_cell(out, cells[j]);
		fputc(' ', out);
	}
	fputs("|\n", out);
}

static void
render_md(FILE *out, const struct lp_strv *cols, char ***rows, size_t nrows, const char *title)
{
	if (title) {
		fputs("# ", out);
		md_cell(out, title);
		fputs("\n\n", out);
	}
	if (cols->n == 0)
		return;
	md_row(out, cols->v, cols->n);
	for (size_t j = 0; j < cols->n; j++)
		fputs("| --- ", out);
	fputs("|\n", out);
	for (size_t i = 0; i < nrows; i++)
		md_row(out, rows[i], cols->n);
}

/*
 * The type a column of input rows had when an lp tool wrote it, so that
 * JSON output keeps numbers as numbers: whole numbers in every non-empty
 * cell make an INT column, dates a DATE column, anything else text.
 */
static enum lp_coltype
column_type(char **const *rows, size_t nrows, size_t col)
{
	int ints = 1, dates = 1, any = 0;

	for (size_t i = 0; i < nrows && (ints || dates); i++) {
		const char *v = rows[i][col], *d = v;
		lp_date date;

		if (!v || !*v)
			continue;
		any = 1;
		if (*d == '-')
			d++;
		if (!*d || strspn(d, "0123456789") != strlen(d) || strlen(d) > 15)
			ints = 0;
		if (lp_date_parse(v, &date) < 0)
			dates = 0;
	}
	if (!any)
		return LP_COL_STR;
	return ints ? LP_COL_INT : dates ? LP_COL_DATE : LP_COL_STR;
}

/* The rows read, every row as wide as the header. */
struct table {
	char ***rows;
	size_t *widths;
	size_t n, cap;
};

static int
table_read(struct lp_reader *r, struct table *t)
{
	const struct lp_row *row;
	const struct lp_strv *cols;
	int got;

	while ((got = lp_reader_next(r, &row)) == 1) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 64;
			t->rows = lp_xreallocarray(t->rows, t->cap, sizeof *t->rows);
			t->widths = lp_xreallocarray(t->widths, t->cap, sizeof *t->widths);
		}
		t->rows[t->n] = lp_xcalloc(row->n ? row->n : 1, sizeof **t->rows);
		for (size_t j = 0; j < row->n; j++)
			t->rows[t->n][j] = row->values[j] ? lp_xstrdup(row->values[j]) : NULL;
		t->widths[t->n++] = row->n;
	}
	/*
	 * JSON Lines may add columns as it goes: the header is known only
	 * now, and earlier rows get empty cells for the columns they lacked.
	 */
	cols = lp_reader_columns(r);
	for (size_t i = 0; i < t->n; i++) {
		if (t->widths[i] >= cols->n)
			continue;
		t->rows[i] = lp_xreallocarray(t->rows[i], cols->n, sizeof **t->rows);
		memset(t->rows[i] + t->widths[i], 0, (cols->n - t->widths[i]) * sizeof **t->rows);
		t->widths[i] = cols->n;
	}
	return got < 0 ? -1 : 0;
}

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
}

static int
render_rows(const struct lp_ctx *ctx, const struct lp_strv *cols, const struct table *t,
    enum lp_format fmt, FILE *out)
{
	struct lp_col *wc = lp_xcalloc(cols->n ? cols->n : 1, sizeof *wc);
	struct lp_writer *w;
	int rc = LP_EXIT_OK;

	for (size_t j = 0; j < cols->n; j++)
		wc[j] = (struct lp_col){ cols->v[j], column_type(t->rows, t->n, j) };
	w = lp_writer_new_flags(out, fmt, wc, cols->n,
	    (ctx->raw ? LP_WRITE_RAW : 0) | (ctx->bom ? LP_WRITE_BOM : 0));
	for (size_t i = 0; i < t->n; i++)
		lp_writer_row(w, (const char *const *)t->rows[i]);
	if (lp_writer_finish(w) < 0)
		rc = LP_EXIT_ERROR;
	free(wc);
	return rc;
}

int
lp_report_render(const struct lp_ctx *ctx, FILE *in, const char *name,
    enum lp_format fmt, const char *title, FILE *out)
{
	struct lp_reader *r = lp_reader_new(in, name, 0);
	struct table t = {0};
	const struct lp_strv *cols;
	int rc = LP_EXIT_OK;

	if (table_read(r, &t) < 0)
		rc = LP_EXIT_ERROR;
	cols = lp_reader_columns(r);
	if (rc == LP_EXIT_OK) {
		if (fmt == LP_FMT_MD)
			render_md(out, cols, t.rows, t.n, title);
		else if (fmt == LP_FMT_HTML)
			lp_report_html_rows(out, title ? title : "lp rows", ctx->today,
			    cols->v, cols->n, t.rows, t.n);
		else
			rc = render_rows(ctx, cols, &t, fmt, out);
	}
	table_free(&t);
	lp_reader_free(r);
	return rc;
}
