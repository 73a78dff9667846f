/*
 * rows-write.c - the row writer: every lp program prints rows through it,
 * as a table, CSV, TSV, JSON, JSON Lines or an xlsx workbook.
 *
 * Every format but the table streams a row at a time; the table keeps
 * its cells until the end to know the column widths.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rows-int.h"
#include "workbook.h"

/* The UTF-8 byte order mark --bom puts before CSV and TSV. */
#define BOM	"\xef\xbb\xbf"

struct lp_writer {
	FILE *out;
	enum lp_format fmt;
	char **names;		/* our copies of the column names */
	enum lp_coltype *types;
	size_t ncols;
	int raw;
	unsigned flags;		/* LP_WRITE_* */
	size_t nrows;
	int started;		/* the csv or tsv header is written */
	int failed;		/* a write failed */
	int werrno;		/* its errno */
	struct lp_buf line;	/* the row being formatted */
	/* table: every cell is kept until finish, to know the widths */
	char **cells;		/* nrows * ncols display texts */
	size_t cellcap;
	size_t *width;
	/* xlsx: a workbook of one sheet, made by finish */
	struct lp_workbook *wb;
	struct lp_sheet *sheet;
	char *sheet_name;
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
	int tick = !raw && lp_rows_needs_neutralising(s);
	int quote;

	if (n == 0)
		quote = alone;
	else
		/*
		 * { and [ first would make a header read back as JSON, and
		 * a U+FEFF first would be taken for a byte order mark and
		 * dropped: quoted, neither is the first byte of the output.
		 */
		quote = strpbrk(s, ",\"\r\n") != NULL || s[0] == '{' || s[0] == '[' ||
		    strncmp(s, "\xef\xbb\xbf", 3) == 0 ||
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
	if (!raw && lp_rows_needs_neutralising(s))
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

/* SPEC 4: a missing value is null in JSON, whatever the column's type. */
static void
json_cell(struct lp_buf *b, const char *s, enum lp_coltype type)
{
	const char *end;
	int first = 1;

	if (*s == '\0') {
		lp_buf_adds(b, "null");
		return;
	}
	switch (type) {
	case LP_COL_INT:
		if (lp_rows_is_json_number(s))
			lp_buf_adds(b, s);
		else
			json_str(b, s);	/* keep what we were given */
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
 * A cell as a table shows it: on one line, so line ends (CRLF as one)
 * and tabs become spaces, and any other control character is quoted
 * (\e, \x01, \u{9b}), so that escape sequences in untrusted text never
 * reach the terminal raw.
 */
static char *
table_text(const char *s)
{
	struct lp_buf b = {0};
	char *quoted;

	for (; *s; s++) {
		if (*s == '\r' && s[1] == '\n')
			continue;
		lp_buf_addc(&b, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
	}
	quoted = lp_str_quote_ctrl(lp_buf_str(&b));
	lp_buf_free(&b);
	return quoted;
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
	if ((w->fmt == LP_FMT_CSV || w->fmt == LP_FMT_TSV) &&
	    (w->flags & LP_WRITE_BOM))
		lp_buf_adds(&w->line, BOM);
	/* Without columns a header would be a blank line. */
	if ((w->fmt == LP_FMT_CSV || w->fmt == LP_FMT_TSV) && w->ncols > 0)
		format_line(w, (const char *const *)w->names);
	writer_emit(w);
}

struct lp_writer *
lp_writer_new_flags(FILE *out, enum lp_format fmt, const struct lp_col *cols,
    size_t ncols, unsigned flags)
{
	struct lp_writer *w;

	/* md and html are lp-report's own renderings, not row formats. */
	if (fmt != LP_FMT_TABLE && fmt != LP_FMT_CSV && fmt != LP_FMT_TSV &&
	    fmt != LP_FMT_JSON && fmt != LP_FMT_JSONL && fmt != LP_FMT_XLSX)
		lp_die("no row writer for the %s format", lp_format_name(fmt));
	w = lp_xcalloc(1, sizeof *w);
	w->out = out;
	w->fmt = fmt;
	w->flags = flags;
	w->raw = (flags & LP_WRITE_RAW) != 0;
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

struct lp_writer *
lp_writer_new(FILE *out, enum lp_format fmt, const struct lp_col *cols,
    size_t ncols, int raw)
{
	return lp_writer_new_flags(out, fmt, cols, ncols,
	    raw ? LP_WRITE_RAW : 0);
}

void
lp_writer_sheet(struct lp_writer *w, const char *name)
{
	free(w->sheet_name);
	w->sheet_name = name ? lp_xstrdup(name) : NULL;
}

/* The one sheet of -o xlsx, made with the first row or by finish. */
static struct lp_sheet *
xlsx_sheet(struct lp_writer *w)
{
	struct lp_col *cols;

	if (w->sheet)
		return w->sheet;
	cols = lp_xcalloc(w->ncols + 1, sizeof *cols);
	for (size_t i = 0; i < w->ncols; i++) {
		cols[i].name = w->names[i];
		cols[i].type = w->types[i];
	}
	w->wb = lp_workbook_new();
	w->sheet = lp_workbook_sheet(w->wb,
	    w->sheet_name ? w->sheet_name : "rows", cols, w->ncols);
	free(cols);
	return w->sheet;
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
	if (w->fmt == LP_FMT_XLSX) {
		lp_sheet_row(xlsx_sheet(w), values);
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
	lp_workbook_free(w->wb);
	free(w->sheet_name);
	lp_buf_free(&w->line);
	free(w);
}

int
lp_writer_finish(struct lp_writer *w)
{
	int status = 0;

	if (!w)
		return 0;
	if (w->fmt == LP_FMT_XLSX) {
		/* lp_workbook_write reports its own errors. */
		xlsx_sheet(w);	/* a workbook without rows still has its sheet */
		status = lp_workbook_write(w->wb, w->out);
		writer_free(w);
		return status;
	}
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
		lp_write_error(w->out, w->werrno);
		status = -1;
	}
	writer_free(w);
	return status;
}
