/*
 * annotate.c - the streaming filter behind lp-window annotate and
 * lp-reaccredit annotate.
 *
 * Both read any rows a user has (a spreadsheet export, another lp
 * tool's output), find one date column, and append columns computed from
 * it by the rules in rules.c.  The filter writes each row as soon as it
 * is read, so a million rows take no more memory than one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"
#include "discover.h"

struct filter {
	const struct lp_ctx *ctx;
	const struct lp_annotate *spec;
	struct lp_reader *r;
	struct lp_writer *w;
	enum lp_format fmt;
	struct lp_col *cols;	/* output columns */
	size_t ncols;
	size_t nin;		/* input columns the writer knows */
	size_t *slot;		/* output index of each appended column */
	const char **values;
	const char **add;
	int key;		/* input index of the date column */
};

/* Output columns: the reader's, then the appended ones not among them. */
static void
filter_columns(struct filter *f)
{
	const struct lp_strv *in = lp_reader_columns(f->r);
	const struct lp_annotate *spec = f->spec;

	free(f->cols);
	free(f->values);
	f->nin = in->n;
	f->cols = lp_xcalloc(in->n + spec->ncols, sizeof *f->cols);
	f->values = lp_xcalloc(in->n + spec->ncols, sizeof *f->values);
	for (size_t i = 0; i < in->n; i++) {
		f->cols[i].name = in->v[i];
		f->cols[i].type = LP_COL_STR;
	}
	f->ncols = in->n;
	for (size_t k = 0; k < spec->ncols; k++) {
		int at = lp_reader_column(f->r, spec->cols[k].name);

		if (at >= 0) {
			f->slot[k] = (size_t)at;
			f->cols[at].type = spec->cols[k].type;
		} else {
			f->slot[k] = f->ncols;
			f->cols[f->ncols++] = spec->cols[k];
		}
	}
}

/*
 * JSON Lines may bring a new key in a later object.  JSON Lines output
 * goes on with the wider rows; a format with one header cannot.
 */
static int
filter_widen(struct filter *f, const struct lp_row *row)
{
	const struct lp_strv *in = lp_reader_columns(f->r);
	int rc;

	if (f->fmt != LP_FMT_JSONL) {
		lp_errorat(lp_reader_name(f->r), row->line,
		    "key '%s' is not in the first row: %s output needs every key in the first row (use -o jsonl)",
		    in->v[f->nin], lp_format_name(f->fmt));
		return -1;
	}
	rc = lp_writer_finish(f->w);
	f->w = NULL;
	if (rc < 0)
		return -1;
	filter_columns(f);
	f->w = lp_writer_new(stdout, f->fmt, f->cols, f->ncols, f->ctx->raw);
	return 0;
}

static int
filter_row(struct filter *f, const struct lp_row *row)
{
	const struct lp_annotate *spec = f->spec;
	const char *s = (size_t)f->key < row->n ? row->values[f->key] : NULL;
	lp_date date = LP_DATE_NONE;

	if (row->n > f->nin && filter_widen(f, row) < 0)
		return -1;
	for (size_t i = 0; i < f->nin; i++)
		f->values[i] = i < row->n ? row->values[i] : NULL;
	for (size_t k = 0; k < spec->ncols; k++)
		f->add[k] = NULL;
	if (s && *s && lp_date_parse(s, &date) < 0) {
		if (!spec->keep_going) {
			lp_errorat(lp_reader_name(f->r), row->line,
			    "%s: expected a date YYYY-MM-DD, got '%s'", spec->key, s);
			return -1;
		}
		lp_warnat(lp_reader_name(f->r), row->line,
		    "%s: expected a date YYYY-MM-DD, got '%s'; the row's columns are left empty",
		    spec->key, s);
	} else {
		spec->compute(spec->arg, date, f->add, lp_reader_name(f->r), row->line);
	}
	for (size_t k = 0; k < spec->ncols; k++)
		f->values[f->slot[k]] = f->add[k];
	lp_writer_row(f->w, f->values);
	return 0;
}

/* The input's own form when piped, a table on a terminal, or -o. */
static enum lp_format
filter_format(const struct lp_ctx *ctx, const struct lp_reader *r)
{
	if (ctx->format_set)
		return ctx->format;
	return isatty(STDOUT_FILENO) ? LP_FMT_TABLE : lp_reader_format(r);
}

static int
filter_run(struct filter *f)
{
	const struct lp_annotate *spec = f->spec;
	const struct lp_row *row = NULL;
	int got, rc;

	if ((got = lp_reader_next(f->r, &row)) < 0)
		return LP_EXIT_ERROR;
	f->fmt = filter_format(f->ctx, f->r);
	if (lp_reader_columns(f->r)->n == 0) {
		/* Nothing at all (an empty input, or []): nothing to annotate. */
		if (f->fmt == LP_FMT_JSON &&
		    lp_writer_finish(lp_writer_new(stdout, f->fmt, spec->cols, spec->ncols, f->ctx->raw)) < 0)
			return LP_EXIT_ERROR;
		return LP_EXIT_OK;
	}
	if ((f->key = lp_reader_column(f->r, spec->key)) < 0) {
		lp_errorat(lp_reader_name(f->r),
		    lp_reader_format(f->r) == LP_FMT_CSV ? 1 : got == 1 ? row->line : 0,
		    "expected %s in the input", spec->key_desc);
		return LP_EXIT_ERROR;
	}
	filter_columns(f);
	f->w = lp_writer_new(stdout, f->fmt, f->cols, f->ncols, f->ctx->raw);
	while (got == 1) {
		if (filter_row(f, row) < 0)
			break;
		got = lp_reader_next(f->r, &row);
	}
	/* What was written stays written (a filter streams); the status tells. */
	rc = got == 0 ? LP_EXIT_OK : LP_EXIT_ERROR;
	if (f->w && lp_writer_finish(f->w) < 0)
		rc = LP_EXIT_ERROR;
	return rc;
}

int
lp_annotate(const struct lp_ctx *ctx, const struct lp_annotate *spec, const char *path)
{
	struct filter f = { .ctx = ctx, .spec = spec };
	const char *name = "-";
	FILE *in = stdin;
	int rc;

	if (path && strcmp(path, "-") != 0) {
		name = path;
		if (!(in = lp_fopen_regular(path))) {
			lp_error("%s: %s", path,
			    errno == EINVAL ? "not a regular file" : strerror(errno));
			return LP_EXIT_ERROR;
		}
	}
	f.slot = lp_xcalloc(spec->ncols, sizeof *f.slot);
	f.add = lp_xcalloc(spec->ncols, sizeof *f.add);
	f.r = lp_reader_new(in, name, 0);
	rc = filter_run(&f);
	lp_reader_free(f.r);
	free(f.cols);
	free(f.values);
	free(f.slot);
	free(f.add);
	if (in != stdin)
		fclose(in);
	return rc;
}
