/*
 * rows.c - rows in and out: CSV, TSV, JSON, JSON Lines, tables and xlsx.
 *
 * Every lp program prints through one writer and reads through one
 * reader, so that `lp-x -o json | lp-y`, spreadsheets and jq all agree on
 * what a row is.
 *
 * The reader streams: memory stays flat however many rows come, and one
 * field, the number of columns and so one row are bounded (lp.h), checked
 * while the bytes arrive so that hostile input never becomes a large
 * allocation.  Every diagnostic names the line where the problem is.
 *
 * This file holds what the parts share: the format names, the formula
 * rule the writer and the CSV reader keep in step, the byte source both
 * readers pull from (counting lines for the diagnostics), and the
 * reader's interface, which detects the form and hands out rows.  The
 * parts are listed in rows-int.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rows-int.h"

/* A CSV cell beginning with one of these is a formula to a spreadsheet. */
#define FORMULA_LEAD	"=+-@\t\r"

/* ------------------------------------------------------------------ */
/* formats                                                             */

static const char *const format_names[] = {
	[LP_FMT_TABLE] = "table",
	[LP_FMT_CSV] = "csv",
	[LP_FMT_TSV] = "tsv",
	[LP_FMT_JSON] = "json",
	[LP_FMT_JSONL] = "jsonl",
	[LP_FMT_MD] = "md",
	[LP_FMT_HTML] = "html",
	[LP_FMT_XLSX] = "xlsx",
};
#define NFORMATS (sizeof format_names / sizeof *format_names)

int
lp_format_parse(const char *s, enum lp_format *out)
{
	for (size_t i = 0; s && i < NFORMATS; i++)
		if (strcmp(s, format_names[i]) == 0) {
			*out = (enum lp_format)i;
			return 0;
		}
	return -1;
}

const char *
lp_format_name(enum lp_format f)
{
	return (unsigned)f < NFORMATS ? format_names[f] : "unknown";
}

int
lp_format_binary(enum lp_format f)
{
	return f == LP_FMT_XLSX;
}

/* ------------------------------------------------------------------ */
/* numbers and formula neutralisation                                  */

static const char *
skip_digits(const char *p)
{
	while (is_digit((unsigned char)*p))
		p++;
	return p;
}

/* RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
int
lp_rows_is_json_number(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (is_digit((unsigned char)*p))
		p = skip_digits(p);
	else
		return 0;
	if (*p == '.') {
		if (!is_digit((unsigned char)p[1]))
			return 0;
		p = skip_digits(p + 1);
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!is_digit((unsigned char)*p))
			return 0;
		p = skip_digits(p);
	}
	return *p == '\0';
}

/*
 * What a spreadsheet reads as a number rather than a formula: a sign,
 * digits with at most one point (-3, +1.5, -.5), an optional exponent.
 */
static int
is_plain_number(const char *p)
{
	const char *start;

	if (*p == '+' || *p == '-')
		p++;
	start = p;
	p = skip_digits(p);
	if (*p == '.')
		p = skip_digits(p + 1);
	if (p == start || (p == start + 1 && *start == '.'))
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!is_digit((unsigned char)*p))
			return 0;
		p = skip_digits(p);
	}
	return *p == '\0';
}

/*
 * A cell a spreadsheet would run: a formula lead that is not a plain
 * number.  A cell that is a ' before such a cell needs it too, so that
 * the reader, which strips one ' exactly when the rest needs
 * neutralising, gives back what was written ('=1 is written ''=1).
 */
int
lp_rows_needs_neutralising(const char *s)
{
	while (*s == '\'')	/* a loop: a field may hold a million of them */
		s++;
	return s[0] != '\0' && strchr(FORMULA_LEAD, s[0]) && !is_plain_number(s);
}

char *
lp_cell_neutralise(const char *s)
{
	if (!s)
		s = "";
	return lp_rows_needs_neutralising(s) ? lp_xasprintf("'%s", s) : lp_xstrdup(s);
}

/* ------------------------------------------------------------------ */
/* the reader's byte source                                            */

int
lp_rows_error(struct lp_reader *r, long line, const char *fmt, ...)
{
	va_list ap;

	if (r->failed)
		return -1;
	r->failed = 1;
	va_start(ap, fmt);
	lp_verrorat(r->name, line, fmt, ap);
	va_end(ap);
	return -1;
}

/* Unread bytes available: 1; at the end: 0; read error: -1 (reported). */
int
lp_rows_fill(struct lp_reader *r)
{
	size_t n;

	if (r->p < r->end)
		return 1;
	if (r->eof || !r->in) {
		r->eof = 1;
		return 0;
	}
	n = fread(r->buf, 1, READ_CHUNK, r->in);
	if (n == 0) {
		r->eof = 1;
		if (ferror(r->in))
			return lp_rows_error(r, r->line, "read error: %s",
			    strerror(errno));
		return 0;
	}
	r->p = r->buf;
	r->end = r->buf + n;
	return 1;
}

/* The next byte, or -1 at the end (or after a read error). */
int
lp_rows_peek(struct lp_reader *r)
{
	if (r->p == r->end && lp_rows_fill(r) <= 0)
		return -1;
	return *r->p;
}

/* Consume the byte lp_rows_peek returned, counting lines: LF, CRLF or a lone CR. */
void
lp_rows_advance(struct lp_reader *r)
{
	int c = *r->p++;

	if (c == '\n' || (c == '\r' && lp_rows_peek(r) != '\n')) {
		r->line++;
		r->col = 1;
	} else {
		r->col++;
	}
}

void
lp_rows_skip_blanks(struct lp_reader *r)
{
	int c;

	while ((c = lp_rows_peek(r)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		lp_rows_advance(r);
}

/* Line breaks in s[0..n), counted as lp_rows_advance() counts them. */
long
lp_rows_count_breaks(const char *s, size_t n)
{
	long k = 0;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' ||
		    (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')))
			k++;
	return k;
}

/* Free the values of the row handed out last. */
static void
release_row(struct lp_reader *r)
{
	if (r->fmt == LP_FMT_CSV) {
		free(r->cur);	/* one block: the pointers and the text */
		r->cur = NULL;
	} else if (r->cur) {
		for (size_t i = 0; i < r->row.n; i++) {
			free(r->cur[i]);
			r->cur[i] = NULL;
		}
	}
	r->row.values = NULL;
	r->row.n = 0;
}

/* ---- the reader's interface ---- */

/* Skip a BOM and blank lines; the first byte left names the form. */
static void
reader_detect(struct lp_reader *r)
{
	int c;

	if (lp_rows_fill(r) > 0 && r->end - r->p >= 3 &&
	    memcmp(r->p, "\xef\xbb\xbf", 3) == 0)
		r->p += 3;
	lp_rows_skip_blanks(r);
	c = lp_rows_peek(r);
	if (r->flags & LP_READ_CSV_ONLY)
		r->fmt = LP_FMT_CSV;
	else
		r->fmt = c == '{' ? LP_FMT_JSONL :
		    c == '[' ? LP_FMT_JSON : LP_FMT_CSV;
	if (r->fmt == LP_FMT_CSV)
		lp_rows_csv_start(r);
}

static struct lp_reader *
reader_new(FILE *in, const char *data, size_t len, const char *name,
    unsigned flags)
{
	struct lp_reader *r = lp_xcalloc(1, sizeof *r);

	if (!name || strcmp(name, "-") == 0)
		name = "<stdin>";
	r->name = lp_xstrdup(name);
	r->flags = flags;
	r->line = 1;
	r->col = 1;
	r->in = in;
	if (in) {
		r->buf = lp_xmalloc(READ_CHUNK);
		r->p = r->end = r->buf;
	} else {
		/* Our own copy: the caller's buffer need not outlive us. */
		r->buf = lp_xmalloc(len);
		if (len)
			memcpy(r->buf, data, len);
		r->p = r->buf;
		r->end = r->buf + len;
	}
	reader_detect(r);
	return r;
}

struct lp_reader *
lp_reader_new(FILE *in, const char *name, unsigned flags)
{
	return reader_new(in, NULL, 0, name, flags);
}

struct lp_reader *
lp_reader_new_mem(const char *data, size_t len, const char *name, unsigned flags)
{
	return reader_new(NULL, data, len, name, flags);
}

int
lp_reader_next(struct lp_reader *r, const struct lp_row **row)
{
	int k;

	*row = NULL;
	if (r->failed)
		return -1;
	release_row(r);
	k = r->fmt == LP_FMT_CSV ? lp_rows_csv_next(r) : lp_rows_json_next(r);
	if (r->failed)
		return -1;
	if (k == 1)
		*row = &r->row;
	return k;
}

const struct lp_strv *
lp_reader_columns(const struct lp_reader *r)
{
	return &r->cols;
}

enum lp_format
lp_reader_format(const struct lp_reader *r)
{
	return r->fmt;
}

int
lp_reader_column(const struct lp_reader *r, const char *name)
{
	return lp_strv_find(&r->cols, name);
}

const char *
lp_row_get(const struct lp_reader *r, const struct lp_row *row, const char *name)
{
	int i = lp_reader_column(r, name);

	if (i < 0 || (size_t)i >= row->n)
		return NULL;
	return row->values[i];
}

const char *
lp_reader_name(const struct lp_reader *r)
{
	return r->name;
}

void
lp_reader_free(struct lp_reader *r)
{
	if (!r)
		return;
	release_row(r);
	if (r->fmt != LP_FMT_CSV && r->cur) {
		for (size_t i = 0; i < r->curcap; i++)
			free(r->cur[i]);
		free(r->cur);
	}
	free(r->ready);		/* a CSV row block */
	lp_buf_free(&r->fieldtext);
	free(r->fieldstart);
	lp_strv_free(&r->cols);
	if (r->csv_ready)
		csv_free(&r->csv);
	lp_buf_free(&r->text);
	lp_buf_free(&r->cell);
	free(r->buf);
	free(r->name);
	free(r);
}

int
lp_row_blank(const struct lp_row *row)
{
	for (size_t k = 0; k < row->n; k++)
		if (row->values[k] && row->values[k][strspn(row->values[k], " \t\r\n")])
			return 0;
	return 1;
}
