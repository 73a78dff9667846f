/*
 * rows-csv.c - the CSV reader.
 *
 * CSV goes through libcsv in strict mode, fed a line at a time so that
 * line numbers are exact.  A leading ' that neutralised a formula is
 * taken off again, except in lp's own files (LP_READ_CSV_ONLY), which are
 * written raw.
 *
 * libcsv's callbacks check each field as it completes (size, NUL bytes,
 * UTF-8) and the first row becomes the header.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rows-int.h"

/* libcsv grows its field buffer by this much at a time. */
#define CSV_BLOCK	(64u << 10)
/*
 * The most libcsv's field buffer may hold: a field at the limit, its NUL,
 * and the closing quote libcsv stores before it knows the field ended.
 * Refusing to grow further is how a 100 MB field fails at 1 MB.
 */
#define CSV_BUF_MAX	((size_t)LP_FIELD_MAX + 8)

/* RFC 4180: spaces are part of a field; libcsv would trim them. */
static int
csv_no_space(unsigned char c)
{
	return 0;
}

static void *
csv_capped_realloc(void *p, size_t n)
{
	if (n > CSV_BUF_MAX)
		return NULL;	/* libcsv reports CSV_ENOMEM: the field is too big */
	return lp_xrealloc(p, n);
}

/* Field i of the row being parsed. */
static const char *
field_at(const struct lp_reader *r, size_t i)
{
	return r->fieldtext.data + r->fieldstart[i];
}

static void
field_keep(struct lp_reader *r, const char *s, size_t len)
{
	if (r->nkept == r->keptcap) {
		r->keptcap = r->keptcap ? r->keptcap * 2 : 16;
		r->fieldstart = lp_xreallocarray(r->fieldstart, r->keptcap,
		    sizeof *r->fieldstart);
	}
	r->fieldstart[r->nkept++] = r->fieldtext.len;
	lp_buf_add(&r->fieldtext, s, len);
	lp_buf_addc(&r->fieldtext, '\0');
}

static void
fields_reset(struct lp_reader *r)
{
	lp_buf_reset(&r->fieldtext);
	r->nkept = 0;
}

/* The row's fields as lp_reader_next hands them out: one block, NULL-ended. */
static char **
row_block(const struct lp_reader *r)
{
	size_t n = r->nkept, bytes = r->fieldtext.len;
	char **v = lp_xmalloc((n + 1) * sizeof *v + bytes);
	char *text = (char *)(v + n + 1);

	if (bytes)
		memcpy(text, r->fieldtext.data, bytes);
	for (size_t i = 0; i < n; i++)
		v[i] = text + r->fieldstart[i];
	v[n] = NULL;
	return v;
}

/* libcsv's field callback: check the field, keep it for the row. */
static void
csv_field(void *data, size_t len, void *arg)
{
	struct lp_reader *r = arg;
	const char *s = data;
	size_t limit = r->have_header ? r->cols.n : LP_COLS_MAX;
	size_t bad;
	long line;
	const char *nul;

	r->fields_seen++;
	if (r->failed)
		return;
	/* The field ends on the current line; it began this many breaks earlier. */
	line = r->line - lp_rows_count_breaks(s, len);
	if (r->nfields++ == 0)
		r->row_line = line;
	if (r->nfields > limit)
		return;		/* counted only: the end of the row reports it */
	if (len > LP_FIELD_MAX) {
		lp_rows_error(r, line, "field too large: expected at most %u bytes",
		    LP_FIELD_MAX);
		return;
	}
	if ((nul = memchr(s, '\0', len)) != NULL) {
		lp_rows_error(r, line + lp_rows_count_breaks(s, (size_t)(nul - s)),
		    "NUL byte in a field: expected text without NUL bytes");
		return;
	}
	if ((bad = lp_utf8_invalid_at(s, len)) < len) {
		lp_rows_error(r, line + lp_rows_count_breaks(s, bad),
		    "invalid UTF-8 in a field: expected UTF-8 text");
		return;
	}
	/*
	 * The inverse of lp_cell_neutralise.  lp's own files are written
	 * raw, so there a leading ' is the user's.
	 */
	if (!(r->flags & LP_READ_CSV_ONLY) && len >= 2 && s[0] == '\'' &&
	    lp_rows_needs_neutralising(s + 1)) {
		s++;
		len--;
	}
	field_keep(r, s, len);
}

static int
csv_header(struct lp_reader *r, size_t n)
{
	if (n > LP_COLS_MAX)
		return lp_rows_error(r, r->row_line,
		    "header has %zu columns: expected at most %d", n, LP_COLS_MAX);
	for (size_t i = 0; i < r->nkept; i++) {
		if (field_at(r, i)[0] == '\0')
			return lp_rows_error(r, r->row_line,
			    "column %zu of the header has no name: "
			    "a column name must not be empty", i + 1);
		for (size_t j = 0; j < i; j++)
			if (strcmp(field_at(r, i), field_at(r, j)) == 0)
				return lp_rows_error(r, r->row_line,
				    "column \"%s\" twice in the header: "
				    "expected each name once", field_at(r, i));
	}
	for (size_t i = 0; i < r->nkept; i++)
		lp_strv_push(&r->cols, field_at(r, i));
	r->have_header = 1;
	return 0;
}

/*
 * A row of empty cells (",,,") in one of lp's own files: Excel appends
 * such rows when it saves a sheet, and they hold nothing (issue 13).
 * One empty cell alone is a row ("" on its line): blank lines are
 * skipped by libcsv already.
 */
static int
csv_blank_row(const struct lp_reader *r, size_t n)
{
	if (!(r->flags & LP_READ_CSV_ONLY) || n < 2 || r->nkept != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (field_at(r, i)[0] != '\0')
			return 0;
	return 1;
}

/* libcsv's row callback: the first row names the columns. */
static void
csv_row(int term, void *arg)
{
	struct lp_reader *r = arg;
	size_t n = r->nfields;

	r->nfields = 0;
	if (!r->failed && r->have_header && csv_blank_row(r, n)) {
		;	/* skipped */
	} else if (!r->failed && !r->have_header) {
		csv_header(r, n);
	} else if (!r->failed && n != r->cols.n) {
		lp_rows_error(r, r->row_line,
		    "row has %zu field%s: expected %zu, as in the header",
		    n, n == 1 ? "" : "s", r->cols.n);
	} else if (!r->failed) {
		/* One piece holds one line break at most: one row at a time. */
		r->ready = row_block(r);
		r->ready_line = r->row_line;
	}
	fields_reset(r);
}

/*
 * Remember where a quoted field opened, for "unterminated" at the end of
 * input.  A piece never spans a line break except as its last byte, so a
 * field that opened during it opened on the current line.
 */
static void
csv_note_quote(struct lp_reader *r, int was_quoted, size_t seen_before)
{
	if (r->csv.quoted && (!was_quoted || r->fields_seen != seen_before))
		r->quote_line = r->line;
}

static int
csv_parse_error(struct lp_reader *r)
{
	if (csv_error(&r->csv) != CSV_EPARSE)
		return lp_rows_error(r, r->csv.quoted ? r->quote_line : r->line,
		    "field too large: expected at most %u bytes", LP_FIELD_MAX);
	if (r->csv.quoted)
		return lp_rows_error(r, r->line,
		    "stray quote after a quoted field: expected ',' or the end "
		    "of the line after the closing quote (a quote inside a "
		    "quoted field is written \"\")");
	return lp_rows_error(r, r->line,
	    "stray quote in an unquoted field: expected the whole field "
	    "in quotes, with \"\" for each quote inside");
}

/* End of input: libcsv finishes a last row that has no line end. */
static int
csv_end(struct lp_reader *r)
{
	r->done = 1;
	if (csv_fini(&r->csv, csv_field, csv_row, r) != 0)
		return lp_rows_error(r, r->quote_line,
		    "unterminated quoted field: expected a closing '\"'");
	return r->failed ? -1 : 0;
}

/*
 * Feed libcsv the next piece: the bytes up to and including the next line
 * break, or what the buffer holds.  Fields complete during a piece end on
 * the current line, which is what makes line numbers exact.
 */
static int
csv_feed(struct lp_reader *r)
{
	const unsigned char *p, *q;
	size_t len, used, seen = r->fields_seen;
	int was_quoted = r->csv.quoted;
	int k = lp_rows_fill(r);

	if (k < 0)
		return -1;
	if (k == 0)
		return csv_end(r);
	p = r->p;
	if (r->pending_cr) {
		r->pending_cr = 0;
		if (*p != '\n')
			r->line++;
	}
	if (r->no_cr) {
		if (!(q = memchr(p, '\n', (size_t)(r->end - p))))
			q = r->end;
	} else {
		for (q = p; q < r->end && *q != '\n' && *q != '\r'; q++)
			;
	}
	len = (size_t)((q < r->end ? q + 1 : q) - p);
	used = csv_parse(&r->csv, p, len, csv_field, csv_row, r);
	if (r->failed)
		return -1;
	csv_note_quote(r, was_quoted, seen);
	if (used < len)
		return csv_parse_error(r);
	r->p = p + len;
	if (q < r->end) {
		if (*q == '\n')
			r->line++;
		else if (r->p == r->end)
			r->pending_cr = 1;
		else if (*r->p != '\n')
			r->line++;
	}
	return 0;
}

int
lp_rows_csv_next(struct lp_reader *r)
{
	while (!r->ready) {
		if (r->done)
			return 0;
		if (csv_feed(r) < 0)
			return -1;
	}
	r->cur = r->ready;
	r->ready = NULL;
	r->row.values = r->cur;
	r->row.n = r->cols.n;
	r->row.line = r->ready_line;
	return 1;
}


void
lp_rows_csv_start(struct lp_reader *r)
{
	csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_space_func(&r->csv, csv_no_space);
	csv_set_realloc_func(&r->csv, csv_capped_realloc);
	/*
	 * In memory no field is longer than the text: a small file (each
	 * version of assessment.csv in a history) gets a small buffer, not
	 * 64 KiB to allocate and touch.  The 8 bytes are the closing quote
	 * and NUL libcsv may store.
	 */
	r->no_cr = !r->in && !memchr(r->p, '\r', (size_t)(r->end - r->p));
	if (!r->in && (size_t)(r->end - r->p) + 8 < CSV_BLOCK)
		csv_set_blk_size(&r->csv, (size_t)(r->end - r->p) + 8);
	else
		csv_set_blk_size(&r->csv, CSV_BLOCK);
	r->csv_ready = 1;
}
