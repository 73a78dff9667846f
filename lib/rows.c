/*
 * rows.c - rows in and out: CSV, TSV, JSON, JSON Lines and tables.
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
 * CSV goes through libcsv in strict mode, fed a line at a time so that
 * line numbers are exact.  A leading ' that neutralised a formula is
 * taken off again, except in lp's own files (LP_READ_CSV_ONLY), which are
 * written raw.
 *
 * JSON is parsed by cJSON, one row at a time.  A small scanner in front
 * of it cuts each row's object out of the stream (a JSON Lines value,
 * which may span lines as jq prints them, or an element of a JSON array,
 * so that a million-row array never sits in memory whole), counts lines
 * for the diagnostics, and refuses what cJSON 1.7 accepts although
 * RFC 8259 forbids it:
 *   - control characters (below 0x20) raw inside strings, and outside
 *     them any but space, tab, CR and LF (cJSON skips them as blanks);
 *   - numbers outside -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
 *     (cJSON lets strtod read 012, -01, 2., 2.e3, -.5);
 *   - NUL bytes anywhere, and \u0000 (cJSON would cut the string there);
 *   - \u escapes without four hex digits (cJSON reads \uqqqq as NUL);
 *   - invalid UTF-8 in strings;
 *   - anything but blanks after an array's ']' or between JSON Lines
 *     objects;
 *   - nesting deeper than JSON_DEPTH_MAX, and row texts longer than
 *     JSON_TEXT_MAX, before cJSON allocates anything for them.
 * The scanner builds no values: cJSON decides what the text means, and
 * the scanner only words cJSON's refusals (what was expected, where).
 * cJSON keeps numbers as doubles, so they come out normalised: 1.50 is
 * read as 1.5, 1e2 as 100, -0.0 as -0 (number_text); one too large for a
 * double (1e400) is refused.
 */
#include <cjson/cJSON.h>
#include <csv.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lp.h"

#define READ_CHUNK	(64u << 10)
/* libcsv grows its field buffer by this much at a time. */
#define CSV_BLOCK	(64u << 10)
/*
 * The most libcsv's field buffer may hold: a field at the limit, its NUL,
 * and the closing quote libcsv stores before it knows the field ended.
 * Refusing to grow further is how a 100 MB field fails at 1 MB.
 */
#define CSV_BUF_MAX	((size_t)LP_FIELD_MAX + 8)

/* Brackets a row's JSON may nest (a row needs two: itself and a list). */
#define JSON_DEPTH_MAX	64
/* The JSON text of one row, blanks and escapes included. */
#define JSON_TEXT_MAX	(64u << 20)

/* A CSV cell beginning with one of these is a formula to a spreadsheet. */
#define FORMULA_LEAD	"=+-@\t\r"

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

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
static int
is_json_number(const char *p)
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
static int
needs_neutralising(const char *s)
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
	return needs_neutralising(s) ? lp_xasprintf("'%s", s) : lp_xstrdup(s);
}

/* ------------------------------------------------------------------ */
/* writer                                                              */

struct lp_writer {
	FILE *out;
	enum lp_format fmt;
	char **names;		/* our copies of the column names */
	enum lp_coltype *types;
	size_t ncols;
	int raw;
	size_t nrows;
	int started;		/* the csv or tsv header is written */
	int failed;		/* a write failed */
	int werrno;		/* its errno */
	struct lp_buf line;	/* the row being formatted */
	/* table: every cell is kept until finish, to know the widths */
	char **cells;		/* nrows * ncols display texts */
	size_t cellcap;
	size_t *width;
};

/* One write per row: one place to catch a full disk or a closed pipe. */
static void
writer_emit(struct lp_writer *w)
{
	if (w->line.len &&
	    fwrite(w->line.data, 1, w->line.len, w->out) != w->line.len &&
	    !w->failed) {
		w->failed = 1;
		w->werrno = errno;
	}
	lp_buf_reset(&w->line);
}

/*
 * RFC 4180, quoting only what needs it.  Leading and trailing blanks are
 * quoted too, since many readers trim them.  alone: the only cell of its
 * line, where an empty cell must be "" or the line would be blank and
 * skipped by readers.
 */
static void
csv_cell(struct lp_buf *b, const char *s, int raw, int alone)
{
	size_t n = strlen(s);
	int tick = !raw && needs_neutralising(s);
	int quote;

	if (n == 0)
		quote = alone;
	else
		/* { and [ first would make a header read back as JSON. */
		quote = strpbrk(s, ",\"\r\n") != NULL || s[0] == '{' || s[0] == '[' ||
		    (!tick && (s[0] == ' ' || s[0] == '\t')) ||
		    s[n - 1] == ' ' || s[n - 1] == '\t';
	if (!quote) {
		if (tick)
			lp_buf_addc(b, '\'');
		lp_buf_add(b, s, n);
		return;
	}
	lp_buf_addc(b, '"');
	if (tick)
		lp_buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			lp_buf_addc(b, '"');
		lp_buf_addc(b, *s);
	}
	lp_buf_addc(b, '"');
}

static void
tsv_cell(struct lp_buf *b, const char *s, int raw)
{
	if (!raw && needs_neutralising(s))
		lp_buf_addc(b, '\'');
	for (; *s; s++)
		switch (*s) {
		case '\t': lp_buf_adds(b, "\\t"); break;
		case '\n': lp_buf_adds(b, "\\n"); break;
		case '\r': lp_buf_adds(b, "\\r"); break;
		case '\\': lp_buf_adds(b, "\\\\"); break;
		default: lp_buf_addc(b, *s);
		}
}

/*
 * A JSON string.  Output must stay valid JSON whatever the cell holds, so
 * a byte that is not part of valid UTF-8 becomes U+FFFD.
 */
static void
json_strn(struct lp_buf *b, const char *s, size_t n)
{
	size_t i = 0;

	lp_buf_addc(b, '"');
	while (i < n) {
		size_t good = i + lp_utf8_invalid_at(s + i, n - i);

		for (; i < good; i++) {
			unsigned char c = (unsigned char)s[i];

			switch (c) {
			case '"': lp_buf_adds(b, "\\\""); break;
			case '\\': lp_buf_adds(b, "\\\\"); break;
			case '\n': lp_buf_adds(b, "\\n"); break;
			case '\r': lp_buf_adds(b, "\\r"); break;
			case '\t': lp_buf_adds(b, "\\t"); break;
			default:
				if (c < 0x20)
					lp_buf_addf(b, "\\u%04x", c);
				else
					lp_buf_addc(b, (char)c);
			}
		}
		if (i < n) {
			lp_buf_adds(b, "\xef\xbf\xbd");
			i++;
		}
	}
	lp_buf_addc(b, '"');
}

static void
json_str(struct lp_buf *b, const char *s)
{
	json_strn(b, s, strlen(s));
}

static void
json_cell(struct lp_buf *b, const char *s, enum lp_coltype type)
{
	const char *end;
	int first = 1;

	switch (type) {
	case LP_COL_INT:
		if (*s == '\0')
			lp_buf_adds(b, "null");
		else if (is_json_number(s))
			lp_buf_adds(b, s);
		else
			json_str(b, s);	/* keep what we were given */
		break;
	case LP_COL_DATE:
		if (*s == '\0')
			lp_buf_adds(b, "null");
		else
			json_str(b, s);
		break;
	case LP_COL_LIST:
		lp_buf_addc(b, '[');
		for (;;) {
			while (*s == ' ')
				s++;
			if (*s == '\0')
				break;
			end = s + strcspn(s, " ");
			if (!first)
				lp_buf_addc(b, ',');
			json_strn(b, s, (size_t)(end - s));
			first = 0;
			s = end;
		}
		lp_buf_addc(b, ']');
		break;
	default:
		json_str(b, s);
	}
}

static void
json_object(struct lp_writer *w, const char *const *values)
{
	lp_buf_addc(&w->line, '{');
	for (size_t i = 0; i < w->ncols; i++) {
		if (i)
			lp_buf_addc(&w->line, ',');
		json_str(&w->line, w->names[i]);
		lp_buf_addc(&w->line, ':');
		json_cell(&w->line, values[i] ? values[i] : "", w->types[i]);
	}
	lp_buf_addc(&w->line, '}');
}

/*
 * A cell as a table shows it: on one line, so line ends (CRLF as one),
 * tabs and other control characters become spaces.  That also keeps
 * escape sequences in untrusted text away from the terminal.
 */
static char *
table_text(const char *s)
{
	struct lp_buf b = {0};

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\r' && s[1] == '\n')
			continue;
		lp_buf_addc(&b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
	}
	return lp_buf_detach(&b);
}

/* One CSV or TSV line, the header's or a row's. */
static void
format_line(struct lp_writer *w, const char *const *cells)
{
	struct lp_buf *b = &w->line;

	for (size_t i = 0; i < w->ncols; i++) {
		const char *s = cells[i] ? cells[i] : "";

		if (w->fmt == LP_FMT_CSV) {
			if (i)
				lp_buf_addc(b, ',');
			csv_cell(b, s, w->raw, w->ncols == 1);
		} else {
			if (i)
				lp_buf_addc(b, '\t');
			tsv_cell(b, s, w->raw);
		}
	}
	lp_buf_addc(b, '\n');
}

/*
 * The header is written with the first row, or by finish when there is
 * none, so that a program failing before any output prints nothing.
 */
static void
writer_start(struct lp_writer *w)
{
	if (w->started)
		return;
	w->started = 1;
	/* Without columns a header would be a blank line. */
	if ((w->fmt == LP_FMT_CSV || w->fmt == LP_FMT_TSV) && w->ncols > 0) {
		format_line(w, (const char *const *)w->names);
		writer_emit(w);
	}
}

struct lp_writer *
lp_writer_new(FILE *out, enum lp_format fmt, const struct lp_col *cols,
    size_t ncols, int raw)
{
	struct lp_writer *w;

	/* md and html are lp-report's own renderings, not row formats. */
	if (fmt != LP_FMT_TABLE && fmt != LP_FMT_CSV && fmt != LP_FMT_TSV &&
	    fmt != LP_FMT_JSON && fmt != LP_FMT_JSONL)
		lp_die("no row writer for the %s format", lp_format_name(fmt));
	w = lp_xcalloc(1, sizeof *w);
	w->out = out;
	w->fmt = fmt;
	w->raw = raw;
	w->ncols = ncols;
	w->names = lp_xcalloc(ncols + 1, sizeof *w->names);
	w->types = lp_xcalloc(ncols + 1, sizeof *w->types);
	for (size_t i = 0; i < ncols; i++) {
		w->names[i] = lp_xstrdup(cols[i].name);
		w->types[i] = cols[i].type;
	}
	if (fmt == LP_FMT_TABLE)
		w->width = lp_xcalloc(ncols + 1, sizeof *w->width);
	return w;
}

static void
table_add(struct lp_writer *w, const char *const *values)
{
	size_t need = (w->nrows + 1) * w->ncols;

	if (need > w->cellcap) {
		w->cellcap = need * 2;
		w->cells = lp_xreallocarray(w->cells, w->cellcap, sizeof *w->cells);
	}
	for (size_t i = 0; i < w->ncols; i++) {
		char *t = table_text(values[i] ? values[i] : "");
		size_t width = lp_utf8_width(t);

		w->cells[w->nrows * w->ncols + i] = t;
		if (width > w->width[i])
			w->width[i] = width;
	}
}

void
lp_writer_row(struct lp_writer *w, const char *const *values)
{
	if (w->fmt == LP_FMT_TABLE) {
		table_add(w, values);
		w->nrows++;
		return;
	}
	writer_start(w);
	switch (w->fmt) {
	case LP_FMT_JSON:
		lp_buf_adds(&w->line, w->nrows ? ",\n" : "[\n");
		json_object(w, values);
		break;
	case LP_FMT_JSONL:
		json_object(w, values);
		lp_buf_addc(&w->line, '\n');
		break;
	default:
		if (w->ncols > 0)
			format_line(w, values);
	}
	w->nrows++;
	writer_emit(w);
}

/* Columns two spaces apart; numbers to the right; no trailing blanks. */
static void
table_line(struct lp_writer *w, char *const *cells)
{
	struct lp_buf *b = &w->line;

	for (size_t i = 0; i < w->ncols; i++) {
		size_t pad = w->width[i] - lp_utf8_width(cells[i]);
		int right = w->types[i] == LP_COL_INT;

		if (i)
			lp_buf_adds(b, "  ");
		for (size_t k = 0; right && k < pad; k++)
			lp_buf_addc(b, ' ');
		lp_buf_adds(b, cells[i]);
		for (size_t k = 0; !right && k < pad; k++)
			lp_buf_addc(b, ' ');
	}
	while (b->len > 0 && b->data[b->len - 1] == ' ')
		b->len--;
	lp_buf_addc(b, '\n');
	writer_emit(w);
}

static void
table_print(struct lp_writer *w)
{
	char **head;

	if (w->ncols == 0)
		return;
	head = lp_xcalloc(w->ncols, sizeof *head);
	for (size_t i = 0; i < w->ncols; i++) {
		size_t width;

		head[i] = table_text(w->names[i]);
		width = lp_utf8_width(head[i]);
		if (width > w->width[i])
			w->width[i] = width;
	}
	table_line(w, head);
	for (size_t r = 0; r < w->nrows; r++)
		table_line(w, w->cells + r * w->ncols);
	for (size_t i = 0; i < w->ncols; i++)
		free(head[i]);
	free(head);
}

static void
writer_free(struct lp_writer *w)
{
	if (w->cells)
		for (size_t i = 0; i < w->nrows * w->ncols; i++)
			free(w->cells[i]);
	free(w->cells);
	for (size_t i = 0; i < w->ncols; i++)
		free(w->names[i]);
	free(w->names);
	free(w->types);
	free(w->width);
	lp_buf_free(&w->line);
	free(w);
}

int
lp_writer_finish(struct lp_writer *w)
{
	int status = 0;

	if (!w)
		return 0;
	if (w->fmt == LP_FMT_TABLE)
		table_print(w);
	else
		writer_start(w);
	if (w->fmt == LP_FMT_JSON)
		lp_buf_adds(&w->line, w->nrows ? "\n]\n" : "[]\n");
	writer_emit(w);
	if (fflush(w->out) != 0 && !w->failed) {
		w->failed = 1;
		w->werrno = errno;
	}
	if (w->failed || ferror(w->out)) {
		/* A reader that went away is not ours to report (see lp_exit). */
		if (w->werrno != EPIPE)
			lp_error("write error: %s",
			    w->werrno ? strerror(w->werrno) : "output stream failed");
		status = -1;
	}
	writer_free(w);
	return status;
}

/* ------------------------------------------------------------------ */
/* reader                                                              */

struct lp_reader {
	char *name;		/* for diagnostics */
	unsigned flags;
	enum lp_format fmt;
	int failed;		/* a diagnostic was printed; every call is -1 now */
	int done;

	/* input: unread bytes are p..end */
	FILE *in;		/* NULL when reading memory */
	unsigned char *buf;	/* read buffer, or our copy of the memory */
	const unsigned char *p, *end;
	int eof;
	long line;		/* line of the byte at p */
	long col;		/* its column in bytes (JSON diagnostics) */

	struct lp_strv cols;
	struct lp_row row;	/* what lp_reader_next hands out */
	char **cur;		/* the values behind row */
	size_t curcap;

	/* CSV */
	struct csv_parser csv;
	int csv_ready;
	int have_header;
	int pending_cr;		/* the last piece ended with CR: is LF next? */
	struct lp_strv fields;	/* fields of the row being parsed */
	size_t nfields;		/* its fields, counted past what is kept */
	size_t fields_seen;	/* every field so far, to notice a new one */
	long row_line;		/* line where that row (or JSON object) began */
	long row_col;		/* column where the JSON object began */
	long quote_line;	/* line where the open quoted field began */
	char **ready;		/* a row parsed, not yet handed out */
	long ready_line;

	/* JSON */
	int opened;		/* the array's '[' was read */
	size_t hint;		/* the column the next key probably names */
	struct lp_buf text;	/* the JSON text of the row being read */
	struct lp_buf cell;	/* a value's text */
};

static int
reader_error(struct lp_reader *r, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
reader_error(struct lp_reader *r, long line, const char *fmt, ...)
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
static int
src_fill(struct lp_reader *r)
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
			return reader_error(r, r->line, "read error: %s",
			    strerror(errno));
		return 0;
	}
	r->p = r->buf;
	r->end = r->buf + n;
	return 1;
}

/* The next byte, or -1 at the end (or after a read error). */
static int
peek(struct lp_reader *r)
{
	if (r->p == r->end && src_fill(r) <= 0)
		return -1;
	return *r->p;
}

/* Consume the byte peek returned, counting lines: LF, CRLF or a lone CR. */
static void
advance(struct lp_reader *r)
{
	int c = *r->p++;

	if (c == '\n' || (c == '\r' && peek(r) != '\n')) {
		r->line++;
		r->col = 1;
	} else {
		r->col++;
	}
}

static void
skip_blanks(struct lp_reader *r)
{
	int c;

	while ((c = peek(r)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		advance(r);
}

/* Line breaks in s[0..n), counted as advance() counts them. */
static long
count_breaks(const char *s, size_t n)
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
	if (r->cur)
		for (size_t i = 0; i < r->row.n; i++) {
			free(r->cur[i]);
			r->cur[i] = NULL;
		}
	if (r->fmt == LP_FMT_CSV) {
		free(r->cur);
		r->cur = NULL;
	}
	r->row.values = NULL;
	r->row.n = 0;
}

/* ---- CSV through libcsv ---- */

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
	line = r->line - count_breaks(s, len);
	if (r->nfields++ == 0)
		r->row_line = line;
	if (r->nfields > limit)
		return;		/* counted only: the end of the row reports it */
	if (len > LP_FIELD_MAX) {
		reader_error(r, line, "field too large: expected at most %u bytes",
		    LP_FIELD_MAX);
		return;
	}
	if ((nul = memchr(s, '\0', len)) != NULL) {
		reader_error(r, line + count_breaks(s, (size_t)(nul - s)),
		    "NUL byte in a field: expected text without NUL bytes");
		return;
	}
	if ((bad = lp_utf8_invalid_at(s, len)) < len) {
		reader_error(r, line + count_breaks(s, bad),
		    "invalid UTF-8 in a field: expected UTF-8 text");
		return;
	}
	/*
	 * The inverse of lp_cell_neutralise.  lp's own files are written
	 * raw, so there a leading ' is the user's.
	 */
	if (!(r->flags & LP_READ_CSV_ONLY) && len >= 2 && s[0] == '\'' &&
	    needs_neutralising(s + 1)) {
		s++;
		len--;
	}
	lp_strv_pushn(&r->fields, s, len);
}

static int
csv_header(struct lp_reader *r, size_t n)
{
	if (n > LP_COLS_MAX)
		return reader_error(r, r->row_line,
		    "header has %zu columns: expected at most %d", n, LP_COLS_MAX);
	for (size_t i = 0; i < r->fields.n; i++) {
		if (r->fields.v[i][0] == '\0')
			return reader_error(r, r->row_line,
			    "empty name for column %zu of the header: "
			    "expected a column name", i + 1);
		for (size_t j = 0; j < i; j++)
			if (strcmp(r->fields.v[i], r->fields.v[j]) == 0)
				return reader_error(r, r->row_line,
				    "column \"%s\" twice in the header: "
				    "expected each name once", r->fields.v[i]);
	}
	r->cols = r->fields;
	memset(&r->fields, 0, sizeof r->fields);
	r->have_header = 1;
	return 0;
}

/* libcsv's row callback: the first row names the columns. */
static void
csv_row(int term, void *arg)
{
	struct lp_reader *r = arg;
	size_t n = r->nfields;

	r->nfields = 0;
	if (!r->failed && !r->have_header) {
		csv_header(r, n);
	} else if (!r->failed && n != r->cols.n) {
		reader_error(r, r->row_line,
		    "row has %zu field%s: expected %zu, as in the header",
		    n, n == 1 ? "" : "s", r->cols.n);
	} else if (!r->failed) {
		/* One piece holds one line break at most: one row at a time. */
		r->ready = r->fields.v;
		r->ready_line = r->row_line;
		memset(&r->fields, 0, sizeof r->fields);
	}
	lp_strv_free(&r->fields);
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
		return reader_error(r, r->csv.quoted ? r->quote_line : r->line,
		    "field too large: expected at most %u bytes", LP_FIELD_MAX);
	if (r->csv.quoted)
		return reader_error(r, r->line,
		    "stray quote after a quoted field: expected ',' or the end "
		    "of the line after the closing quote (a quote inside a "
		    "quoted field is written \"\")");
	return reader_error(r, r->line,
	    "stray quote in an unquoted field: expected the whole field "
	    "in quotes, with \"\" for each quote inside");
}

/* End of input: libcsv finishes a last row that has no line end. */
static int
csv_end(struct lp_reader *r)
{
	r->done = 1;
	if (csv_fini(&r->csv, csv_field, csv_row, r) != 0)
		return reader_error(r, r->quote_line,
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
	int k = src_fill(r);

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
	for (q = p; q < r->end && *q != '\n' && *q != '\r'; q++)
		;
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

static int
csv_next(struct lp_reader *r)
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

/* ---- JSON: the scanner cuts rows out, cJSON parses them ---- */

/* A byte as diagnostics name it: 'x', byte 0x0c, or the end of input (-1). */
static const char *
describe_byte(int c, char buf[24])
{
	if (c < 0)
		return "the end of input";
	if (c > 0x20 && c < 0x7f)
		snprintf(buf, 24, "'%c'", c);
	else
		snprintf(buf, 24, "byte 0x%02x", (unsigned)c);
	return buf;
}

/* A syntax error at the next unread byte (between rows). */
static int
json_syntax(struct lp_reader *r, const char *expected)
{
	char buf[24];
	int c = peek(r);

	return reader_error(r, r->line,
	    "invalid JSON at column %ld: expected %s, got %s",
	    r->col, expected, describe_byte(c, buf));
}

/* What a value starting with c is, for "expected an object, got ...". */
static const char *
json_kind(int c)
{
	switch (c) {
	case '[': return "a list";
	case '{': return "an object";
	case '"': return "a string";
	case 't': return "true";
	case 'f': return "false";
	case 'n': return "null";
	default: return c == '-' || is_digit(c) ? "a number" : NULL;
	}
}

/* The next value should begin a row: an object. */
static int
json_want_object(struct lp_reader *r)
{
	const char *kind = json_kind(peek(r));

	if (!kind)
		return json_syntax(r, "an object");
	return reader_error(r, r->line,
	    "expected a JSON object for each row, got %s", kind);
}

/*
 * Line and column of byte off of the row's text: the text began at
 * row_line, row_col, and lines break as advance() breaks them.
 */
static long
text_where(const struct lp_reader *r, size_t off, long *col)
{
	const char *s = r->text.data;
	long line = r->row_line;
	size_t bol = 0;
	int broke = 0;

	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n' || (s[i] == '\r' &&
		    (i + 1 >= r->text.len || s[i + 1] != '\n'))) {
			line++;
			bol = i + 1;
			broke = 1;
		}
	*col = broke ? (long)(off - bol) + 1 : r->row_col + (long)off;
	return line;
}

/* The byte at off of the row's text, or -1 past what has been read. */
static int
text_at(const struct lp_reader *r, size_t off)
{
	return off < r->text.len ? (unsigned char)r->text.data[off] : -1;
}

static const char expect_key[] = "a string key";

/* Is the innermost of depth open brackets a '['? */
static int
in_list(uint64_t lists, int depth)
{
	return depth > 0 && depth <= 64 && (lists >> (depth - 1) & 1);
}

/*
 * What JSON wants at byte off of a row's text, judged from the tokens
 * before it.  This only words a refusal (cJSON's, or the scanner's); it
 * never decides whether text is valid.
 */
static const char *
json_expected(const char *s, size_t off)
{
	uint64_t lists = 0;	/* bit d: the d-th open bracket (from 0) is '[' */
	int depth = 0, inlist;
	int last = 0;		/* { [ : , k(ey) v(alue), or 0: nothing yet */

	for (size_t i = 0; i < off; i++) {
		switch (s[i]) {
		case '"':
			last = (last == '{' || last == ',') &&
			    !in_list(lists, depth) ? 'k' : 'v';
			for (i++; i < off && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
			break;
		case '{':
		case '[':
			if (depth < 64 && s[i] == '[')
				lists |= (uint64_t)1 << depth;
			else if (depth < 64)
				lists &= ~((uint64_t)1 << depth);
			depth++;
			last = s[i];
			break;
		case '}':
		case ']':
			if (depth > 0)
				depth--;
			last = 'v';
			break;
		case ':':
		case ',':
			last = s[i];
			break;
		case ' ': case '\t': case '\n': case '\r':
			break;
		default:	/* a number or a word: true, false, null */
			last = 'v';
			break;
		}
	}
	inlist = in_list(lists, depth);
	switch (last) {
	case 0:
		return "an object";
	case '{':
		return expect_key;
	case ',':
		return inlist ? "a value" : expect_key;
	case '[':
	case ':':
		return "a value";
	case 'k':
		return "':' after the key";
	default:
		return depth == 0 ? "the end of the row" :
		    inlist ? "',' or ']' in a list" : "',' or '}' after a value";
	}
}

/* "WHAT at column N: expected ..." for byte off of the row's text. */
static int
json_error_at(struct lp_reader *r, size_t off, const char *what,
    const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
json_error_at(struct lp_reader *r, size_t off, const char *what,
    const char *fmt, ...)
{
	char expected[160];
	va_list ap;
	long col, line = text_where(r, off, &col);

	va_start(ap, fmt);
	vsnprintf(expected, sizeof expected, fmt, ap);
	va_end(ap);
	return reader_error(r, line, "%s at column %ld: expected %s",
	    what, col, expected);
}

/* A syntax error at byte off of the row's text. */
static int
json_syntax_at(struct lp_reader *r, size_t off, const char *expected)
{
	char buf[24];

	return json_error_at(r, off, "invalid JSON", "%s, got %s", expected,
	    describe_byte(text_at(r, off), buf));
}

/*
 * The scanner.  It reads a row's text into r->text a piece at a time and
 * stops after the '}' that closes it, so that cJSON gets one object and
 * the rest of the stream stays unread.  It decodes nothing and builds
 * nothing; it follows strings (quotes, escapes), numbers and brackets,
 * and refuses what cJSON 1.7 lets through though RFC 8259 forbids it.
 * It resumes where it stopped when more bytes arrive: an escape or a
 * UTF-8 sequence cut by the end of the bytes read is looked at again.
 */
enum { NUM_NONE, NUM_SIGN, NUM_ZERO, NUM_INT, NUM_DOT, NUM_FRAC, NUM_E,
	NUM_ESIGN, NUM_EXP };

struct json_scan {
	size_t pos;		/* next byte of r->text to look at */
	int depth;		/* brackets open */
	int instr;		/* inside a string */
	size_t strstart;	/* where it began */
	size_t slen;		/* its length once decoded */
	int num;		/* where in a number (NUM_NONE: not in one) */
	size_t nested;		/* first bracket nested in a value, or SIZE_MAX */
};

/* What a step of the scanner found: go on, more bytes needed, the row ends. */
enum { SCAN_ON, SCAN_MORE, SCAN_DONE };

static int
json_too_large(struct lp_reader *r, size_t off)
{
	long col, line = text_where(r, off, &col);

	return reader_error(r, line,
	    "value too large: expected at most %u bytes", LP_FIELD_MAX);
}

static int
hex_value(int c)
{
	return is_digit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The four hex digits of a \u escape at off. */
static int
scan_hex4(struct lp_reader *r, size_t off, long *cp)
{
	*cp = 0;
	for (size_t i = off; i < off + 4; i++) {
		int v = hex_value(text_at(r, i));

		if (v < 0)
			return json_syntax_at(r, i, "a hex digit of a \\u escape");
		*cp = *cp << 4 | v;
	}
	return 0;
}

/* Bytes of UTF-8 for a code point. */
static size_t
utf8_len(long cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/*
 * The escape at off (a backslash): its length, 0 when more bytes are
 * needed to judge it, -1.  cJSON reads \uqqqq as \u0000 and keeps
 * \u0000 itself, which would cut the value short: both are refused here.
 */
static int
scan_escape(struct lp_reader *r, struct json_scan *sc, size_t off, int eof)
{
	size_t len = r->text.len;
	long cp, lo;
	int c;

	if (off + 2 > len && !eof)
		return 0;
	c = text_at(r, off + 1);
	if (c != 'u') {
		if (c <= 0 || !strchr("\"\\/bfnrt", c))
			return json_syntax_at(r, off + 1, "an escape "
			    "(\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
		sc->slen++;
		return 2;
	}
	if (off + 6 > len && !eof)
		return 0;
	if (scan_hex4(r, off + 2, &cp) < 0)
		return -1;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return json_error_at(r, off, "invalid JSON",
		    "a high surrogate before \\u%04lX", cp);
	if (cp == 0)
		return json_error_at(r, off, "NUL character (\\u0000)",
		    "text without NUL bytes");
	if (cp < 0xd800 || cp > 0xdbff) {
		sc->slen += utf8_len(cp);
		return 6;
	}
	if (off + 12 > len && !eof)
		return 0;
	if (text_at(r, off + 6) != '\\' || text_at(r, off + 7) != 'u')
		return json_syntax_at(r, off + 6 + (text_at(r, off + 6) == '\\'),
		    "a \\u escape for the low surrogate");
	if (scan_hex4(r, off + 8, &lo) < 0)
		return -1;
	if (lo < 0xdc00 || lo > 0xdfff)
		return json_error_at(r, off, "invalid JSON",
		    "a low surrogate after \\u%04lX", cp);
	sc->slen += 4;
	return 12;
}

/* The UTF-8 sequence at off: its length, 0 when more bytes are needed, -1. */
static int
scan_utf8(struct lp_reader *r, struct json_scan *sc, size_t off, int eof)
{
	int c = text_at(r, off);
	size_t need = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 :
	    c >= 0xf0 && c <= 0xf4 ? 4 : 0;

	if (need && off + need > r->text.len && !eof)
		return 0;
	if (!need || off + need > r->text.len ||
	    !lp_utf8_valid(r->text.data + off, need))
		return json_error_at(r, off, "invalid UTF-8", "UTF-8 text");
	sc->slen += need;
	return (int)need;
}

/* Inside a string: on to its closing quote or the end of the bytes read. */
static int
scan_string(struct lp_reader *r, struct json_scan *sc, int eof)
{
	const unsigned char *s = (const unsigned char *)r->text.data;
	size_t len = r->text.len, i = sc->pos;
	int k = 1;

	while (i < len && sc->slen <= LP_FIELD_MAX) {
		size_t run = i;

		/* The common case: a run of plain ASCII. */
		while (i < len && s[i] >= 0x20 && s[i] < 0x80 &&
		    s[i] != '"' && s[i] != '\\')
			i++;
		sc->slen += i - run;
		if (i == len)
			break;
		if (s[i] == '"') {
			sc->instr = 0;
			i++;
			break;
		}
		if (s[i] == 0)
			return json_error_at(r, i, "NUL byte",
			    "text without NUL bytes");
		if (s[i] < 0x20)
			return json_syntax_at(r, i, "a character or an escape "
			    "(control characters are written \\n, \\t, \\u00XX)");
		k = s[i] == '\\' ? scan_escape(r, sc, i, eof) :
		    scan_utf8(r, sc, i, eof);
		if (k <= 0)
			break;
		i += (size_t)k;
	}
	sc->pos = i;
	if (k < 0)
		return -1;
	if (sc->slen > LP_FIELD_MAX)
		return json_too_large(r, sc->strstart);
	if (sc->instr && eof && i >= len)
		return json_syntax_at(r, i, "a closing '\"'");
	return k == 0 ? SCAN_MORE : SCAN_ON;
}

/*
 * One byte of a number: RFC 8259's -?(0|[1-9][0-9]*)(\.[0-9]+)?
 * ([eE][+-]?[0-9]+)?, where cJSON (strtod) also takes 01, 2. and -.5.
 */
static int
num_next(int state, int c)
{
	int digit = is_digit(c);

	switch (state) {
	case NUM_SIGN:
		return c == '0' ? NUM_ZERO : digit ? NUM_INT : -1;
	case NUM_INT:
		if (digit)
			return NUM_INT;
		/* FALLTHROUGH */
	case NUM_ZERO:
		return c == '.' ? NUM_DOT : c == 'e' || c == 'E' ? NUM_E : -1;
	case NUM_DOT:
		return digit ? NUM_FRAC : -1;
	case NUM_FRAC:
		return digit ? NUM_FRAC : c == 'e' || c == 'E' ? NUM_E : -1;
	case NUM_E:
		return c == '+' || c == '-' ? NUM_ESIGN : digit ? NUM_EXP : -1;
	case NUM_ESIGN:
	case NUM_EXP:
		return digit ? NUM_EXP : -1;
	default:
		return -1;
	}
}

/* The byte at off does not continue the number: is that where it may end? */
static int
num_end(struct lp_reader *r, struct json_scan *sc, size_t off)
{
	int c = text_at(r, off);

	switch (sc->num) {
	case NUM_SIGN:
		return json_syntax_at(r, off, "a digit");
	case NUM_DOT:
		return json_syntax_at(r, off, "a digit after '.'");
	case NUM_E:
	case NUM_ESIGN:
		return json_syntax_at(r, off, "a digit in the exponent");
	}
	/* 01, 1.5.2, 1e5e5: a number ended, and more of one follows */
	if (c >= 0 && (is_digit(c) || strchr("+-.eE", c)))
		return json_syntax_at(r, off,
		    json_expected(r->text.data, off));
	sc->num = NUM_NONE;
	return 0;
}

/* Outside strings: brackets, numbers, and bytes that are never JSON. */
static int
scan_byte(struct lp_reader *r, struct json_scan *sc, size_t i)
{
	int c = (unsigned char)r->text.data[i];

	switch (c) {
	case ' ': case '\t': case '\n': case '\r':
		return SCAN_ON;
	case '"':
		sc->instr = 1;
		sc->strstart = i;
		sc->slen = 0;
		return SCAN_ON;
	case '{':
	case '[':
		if (sc->depth == JSON_DEPTH_MAX)
			return json_error_at(r, i, "nested too deep", "at most "
			    "%d levels of brackets (a row holds strings, numbers, "
			    "true, false, null and lists of them)", JSON_DEPTH_MAX);
		/* An object in the row, or a list in a list. */
		if (sc->nested == SIZE_MAX && sc->depth >= (c == '{' ? 1 : 2))
			sc->nested = i;
		sc->depth++;
		return SCAN_ON;
	case '}':
	case ']':
		return --sc->depth == 0 ? SCAN_DONE : SCAN_ON;
	case '\0':
		return json_error_at(r, i, "NUL byte", "text without NUL bytes");
	default:
		if (c == '-' || is_digit(c)) {
			sc->num = c == '-' ? NUM_SIGN : num_next(NUM_SIGN, c);
			return SCAN_ON;
		}
		/* cJSON takes every byte below 0x20 for a blank */
		if (c < 0x20)
			return json_syntax_at(r, i,
			    json_expected(r->text.data, i));
		return SCAN_ON;	/* words, ':' and ',': cJSON judges them */
	}
}

/*
 * Scan on from sc->pos: SCAN_DONE at the end of the row's object (or of
 * the input), SCAN_MORE when more bytes are needed, -1.
 */
static int
json_scan(struct lp_reader *r, struct json_scan *sc, int eof)
{
	size_t len = r->text.len;
	int k;

	while (sc->pos < len) {
		if (sc->instr) {
			if ((k = scan_string(r, sc, eof)) != SCAN_ON)
				return k;
			continue;
		}
		if (sc->num != NUM_NONE) {
			int next = num_next(sc->num, text_at(r, sc->pos));

			if (next >= 0) {
				sc->num = next;
				sc->pos++;
				continue;
			}
			if (num_end(r, sc, sc->pos) < 0)
				return -1;
		}
		k = scan_byte(r, sc, sc->pos++);
		if (k != SCAN_ON)
			return k;
	}
	if (!eof)
		return SCAN_MORE;
	if (sc->num != NUM_NONE && num_end(r, sc, len) < 0)
		return -1;
	return SCAN_DONE;	/* cut short: cJSON names what is missing */
}

/*
 * Read the object that begins at the next byte into r->text.  Pieces end
 * at a '}' so that little is read past the object; what is, is given
 * back to the input (it is still in the read buffer).
 */
static int
json_cut(struct lp_reader *r, struct json_scan *sc)
{
	const unsigned char *q;
	size_t n, back;
	int k, eof;

	memset(sc, 0, sizeof *sc);
	sc->nested = SIZE_MAX;
	lp_buf_reset(&r->text);
	r->row_line = r->line;
	r->row_col = r->col;
	do {
		if ((k = src_fill(r)) < 0)
			return -1;
		eof = k == 0;
		if (!eof) {
			q = memchr(r->p, '}', (size_t)(r->end - r->p));
			n = q ? (size_t)(q + 1 - r->p) : (size_t)(r->end - r->p);
			lp_buf_add(&r->text, r->p, n);
			r->p += n;
		}
		if (r->text.len > JSON_TEXT_MAX)
			return reader_error(r, r->row_line, "row too large: "
			    "expected at most %u bytes of JSON for one row",
			    JSON_TEXT_MAX);
		if ((k = json_scan(r, sc, eof)) < 0)
			return -1;
	} while (k == SCAN_MORE);
	back = r->text.len - sc->pos;
	r->p -= back;
	r->text.len = sc->pos;
	r->text.data[r->text.len] = '\0';
	r->line = text_where(r, r->text.len, &r->col);
	return 0;
}

/*
 * cJSON refused the text; off is where it stopped.  It stops one byte
 * late when a key is not a string (it has stepped over the quote it
 * wanted), so a non-blank byte just before where a key belongs is the one.
 */
static int
json_refused(struct lp_reader *r, size_t off)
{
	const char *s = r->text.data;

	if (off > r->text.len)
		off = r->text.len;
	if (off > 0 && !strchr(" \t\n\r\"", s[off - 1]) &&
	    json_expected(s, off - 1) == expect_key)
		off--;
	return json_syntax_at(r, off, json_expected(s, off));
}

/*
 * A number as text: integers below 2^53 in magnitude without a point,
 * others as the shortest of %.15g, %.16g, %.17g that strtod reads back
 * exactly, the exponent without '+' or leading zeros.
 */
static void
number_text(double v, char buf[40])
{
	char *e, *d, *q;

	if (v > -9007199254740992.0 && v < 9007199254740992.0 &&
	    v == (double)(long long)v) {
		snprintf(buf, 40, "%s%lld", signbit(v) && v == 0 ? "-" : "",
		    (long long)v);
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, 40, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	if ((e = strchr(buf, 'e')) == NULL)
		return;
	d = q = e + 1;
	if (*q == '-')
		d = ++q;
	else if (*q == '+')
		q++;
	while (*q == '0' && q[1])
		q++;
	memmove(d, q, strlen(q) + 1);
}

static int
json_column(struct lp_reader *r, const char *key)
{
	int i;

	/* Rows usually repeat the order of their keys: try the next one first. */
	if (r->hint < r->cols.n && strcmp(r->cols.v[r->hint], key) == 0)
		return (int)r->hint++;
	i = lp_strv_find(&r->cols, key);
	if (i >= 0)
		r->hint = (size_t)i + 1;
	return i;
}

/* Room for a value in every known column, all absent. */
static void
json_row_reset(struct lp_reader *r)
{
	if (r->curcap < r->cols.n + 1) {
		size_t old = r->curcap;

		r->curcap = r->cols.n * 2 + 8;
		r->cur = lp_xreallocarray(r->cur, r->curcap, sizeof *r->cur);
		memset(r->cur + old, 0, (r->curcap - old) * sizeof *r->cur);
	}
	r->hint = 0;
}

/* Set a column of the row being read; a new key becomes a new column. */
static int
json_set(struct lp_reader *r, const char *key, const char *value)
{
	int i = json_column(r, key);

	if (i < 0) {
		if (r->cols.n >= LP_COLS_MAX)
			return reader_error(r, r->row_line,
			    "more than %d columns: expected at most %d",
			    LP_COLS_MAX, LP_COLS_MAX);
		lp_strv_push(&r->cols, key);
		json_row_reset(r);
		i = (int)r->cols.n - 1;
		r->hint = r->cols.n;
	}
	/* A key given twice: the later value wins, as in most JSON readers. */
	free(r->cur[i]);
	r->cur[i] = value ? lp_xstrdup(value) : NULL;
	return 0;
}

/* A scalar's text appended to r->cell; null adds nothing. */
static int
json_scalar(struct lp_reader *r, const cJSON *v, const char *key,
    const struct json_scan *sc)
{
	char num[40];
	long col = r->row_col;
	long line = r->row_line;

	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		if (sc->nested != SIZE_MAX)
			line = text_where(r, sc->nested, &col);
		return reader_error(r, line, "%s inside \"%.60s\" at column %ld: "
		    "expected a string, number, true, false or null",
		    cJSON_IsObject(v) ? "nested object" : "nested list", key, col);
	}
	if (cJSON_IsString(v)) {
		lp_buf_adds(&r->cell, v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		if (!isfinite(v->valuedouble))
			return reader_error(r, r->row_line, "number out of range "
			    "in \"%.60s\": expected at most %g in magnitude",
			    key, DBL_MAX);
		number_text(v->valuedouble, num);
		lp_buf_adds(&r->cell, num);
	} else if (cJSON_IsBool(v)) {
		lp_buf_adds(&r->cell, cJSON_IsTrue(v) ? "true" : "false");
	}
	return 0;
}

/* A member of the row: a scalar, or a list of scalars joined with spaces. */
static int
json_member(struct lp_reader *r, const cJSON *m, const struct json_scan *sc)
{
	const cJSON *e;

	lp_buf_reset(&r->cell);
	if (!cJSON_IsArray(m)) {
		if (json_scalar(r, m, m->string, sc) < 0)
			return -1;
	} else {
		cJSON_ArrayForEach(e, m) {
			size_t mark = r->cell.len;

			if (cJSON_IsNull(e))
				continue;
			if (mark)
				lp_buf_addc(&r->cell, ' ');
			if (json_scalar(r, e, m->string, sc) < 0)
				return -1;
		}
	}
	if (r->cell.len > LP_FIELD_MAX)
		return reader_error(r, r->row_line, "value too large: "
		    "expected at most %u bytes", LP_FIELD_MAX);
	return json_set(r, m->string,
	    cJSON_IsNull(m) ? NULL : lp_buf_str(&r->cell));
}

/* One row: cut its object out of the stream, parse it, take its members. */
static int
json_row(struct lp_reader *r)
{
	struct json_scan sc;
	const char *end = NULL;
	const cJSON *m;
	cJSON *obj;
	int status = -1;

	if (json_cut(r, &sc) < 0)
		return -1;
	obj = cJSON_ParseWithLengthOpts(r->text.data, r->text.len + 1, &end, 1);
	if (!obj)
		return json_refused(r, end ? (size_t)(end - r->text.data) : 0);
	json_row_reset(r);
	cJSON_ArrayForEach(m, obj)
		if (json_member(r, m, &sc) < 0)
			goto out;
	status = 0;
out:
	cJSON_Delete(obj);
	return status;
}

/* After the array's closing ']' only blanks may follow. */
static int
json_array_end(struct lp_reader *r)
{
	advance(r);
	skip_blanks(r);
	if (peek(r) >= 0)
		return json_syntax(r, "the end of input after the closing ']'");
	r->done = 1;
	return 0;
}

static int
json_next(struct lp_reader *r)
{
	if (r->done)
		return 0;
	if (r->fmt == LP_FMT_JSONL) {
		/* One object a line; an object may span lines, as jq prints them. */
		skip_blanks(r);
		if (peek(r) < 0)
			return 0;
	} else if (!r->opened) {
		r->opened = 1;
		advance(r);	/* '[' */
		skip_blanks(r);
		if (peek(r) == ']')
			return json_array_end(r);
	} else {
		skip_blanks(r);
		if (peek(r) == ']')
			return json_array_end(r);
		if (peek(r) != ',')
			return json_syntax(r, "',' or ']' after a row");
		advance(r);
		skip_blanks(r);
	}
	if (peek(r) != '{')
		return json_want_object(r);
	if (json_row(r) < 0)
		return -1;
	r->row.values = r->cur;
	r->row.n = r->cols.n;
	r->row.line = r->row_line;
	return 1;
}

/* ---- the reader's interface ---- */

/* Skip a BOM and blank lines; the first byte left names the form. */
static void
reader_detect(struct lp_reader *r)
{
	int c;

	if (src_fill(r) > 0 && r->end - r->p >= 3 &&
	    memcmp(r->p, "\xef\xbb\xbf", 3) == 0)
		r->p += 3;
	skip_blanks(r);
	c = peek(r);
	if (r->flags & LP_READ_CSV_ONLY)
		r->fmt = LP_FMT_CSV;
	else
		r->fmt = c == '{' ? LP_FMT_JSONL :
		    c == '[' ? LP_FMT_JSON : LP_FMT_CSV;
	if (r->fmt == LP_FMT_CSV) {
		csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
		csv_set_space_func(&r->csv, csv_no_space);
		csv_set_realloc_func(&r->csv, csv_capped_realloc);
		csv_set_blk_size(&r->csv, CSV_BLOCK);
		r->csv_ready = 1;
	}
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
	k = r->fmt == LP_FMT_CSV ? csv_next(r) : json_next(r);
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
	for (size_t k = 0; r->ready && r->ready[k]; k++)
		free(r->ready[k]);
	free(r->ready);
	lp_strv_free(&r->fields);
	lp_strv_free(&r->cols);
	if (r->csv_ready)
		csv_free(&r->csv);
	lp_buf_free(&r->text);
	lp_buf_free(&r->cell);
	free(r->buf);
	free(r->name);
	free(r);
}
