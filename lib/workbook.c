/*
 * workbook.c - Excel workbooks of rows, through libxlsxwriter.
 *
 * The sheets keep their cells (text and a style byte) until
 * lp_workbook_write, because a column's width is known only when every
 * cell is in and because libxlsxwriter writes to a file name, not to a
 * stream: the workbook is made in a temporary file, copied to the
 * caller's stream, and removed.  What a cell becomes is decided here
 * once, for `-o xlsx` (one sheet, rows-write.c) and for `lp-report
 * workbook` alike; see workbook.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "palette.h"
#include "workbook.h"

/* What Excel holds: characters in a cell, rows in a sheet, name length. */
#define CELL_MAX	32767
#define SHEET_ROWS_MAX	1048576
#define SHEET_NAME_MAX	31
/* Column widths, in characters: at most this wide, a little padding. */
#define WIDTH_MAX	60
#define WIDTH_PAD	2
/* Room for the filter button beside a header name. */
#define FILTER_PAD	3

/* A cell's style byte: level rank + 1 in the low bits (0: no colour). */
#define STYLE_LEVEL	0x07
#define STYLE_UNSUP	0x08
#define NSTYLES		16

struct cell {
	char *text;		/* NULL: empty */
	unsigned char style;
};

struct lp_sheet {
	char *name;
	struct lp_col *cols;	/* names are our copies */
	size_t ncols;
	struct cell *cells;	/* nrows * ncols */
	size_t nrows;
	size_t cap;		/* rows room is made for */
	struct lp_sheet *next;
};

struct lp_workbook {
	struct lp_sheet *first, **tail;
};

/* While writing: the formats, made once each when first needed. */
struct xlsx {
	lxw_workbook *wb;
	lxw_format *header;
	lxw_format *fmt[2][NSTYLES];	/* [is a date][style] */
	int cut;			/* a cell was cut to CELL_MAX */
};

struct lp_workbook *
lp_workbook_new(void)
{
	struct lp_workbook *wb = lp_xcalloc(1, sizeof *wb);

	wb->tail = &wb->first;
	return wb;
}

/* Length of the UTF-8 sequence that starts with byte c (1 for a stray byte). */
static size_t
seq_len(unsigned char c)
{
	return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* The sheet name rules of workbook.h. */
static char *
sheet_name(const char *name)
{
	struct lp_buf b = {0};
	size_t chars = 0;
	const char *p = name ? name : "";

	while (*p == '\'')
		p++;
	while (*p && chars < SHEET_NAME_MAX) {
		size_t k = seq_len((unsigned char)*p);

		if ((unsigned char)*p < 0x20 || strchr("[]:*?/\\", *p)) {
			lp_buf_addc(&b, '_');
			k = 1;
		} else {
			for (size_t i = 0; i < k && p[i]; i++)
				lp_buf_addc(&b, p[i]);
		}
		for (size_t i = 0; i < k && *p; i++)
			p++;
		chars++;
	}
	while (b.len > 0 && b.data[b.len - 1] == '\'')
		b.len--;
	if (b.len == 0)
		lp_buf_adds(&b, "rows");
	return lp_buf_detach(&b);
}

struct lp_sheet *
lp_workbook_sheet(struct lp_workbook *wb, const char *name,
    const struct lp_col *cols, size_t ncols)
{
	struct lp_sheet *sh = lp_xcalloc(1, sizeof *sh);

	sh->name = sheet_name(name);
	sh->ncols = ncols;
	sh->cols = lp_xcalloc(ncols + 1, sizeof *sh->cols);
	for (size_t i = 0; i < ncols; i++) {
		sh->cols[i].name = lp_xstrdup(cols[i].name ? cols[i].name : "");
		sh->cols[i].type = cols[i].type;
	}
	*wb->tail = sh;
	wb->tail = &sh->next;
	return sh;
}

void
lp_sheet_row(struct lp_sheet *sh, const char *const *values)
{
	struct cell *row;

	if (sh->nrows == sh->cap) {
		sh->cap = sh->cap ? sh->cap * 2 : 64;
		sh->cells = lp_xreallocarray(sh->cells, sh->cap * (sh->ncols + 1),
		    sizeof *sh->cells);
	}
	row = sh->cells + sh->nrows * sh->ncols;
	for (size_t i = 0; i < sh->ncols; i++) {
		const char *v = values[i];

		row[i].text = v && *v ? lp_xstrdup(v) : NULL;
		row[i].style = 0;
	}
	sh->nrows++;
}

/* The cell col of the row added last, or NULL. */
static struct cell *
last_cell(struct lp_sheet *sh, size_t col)
{
	if (sh->nrows == 0 || col >= sh->ncols)
		return NULL;
	return &sh->cells[(sh->nrows - 1) * sh->ncols + col];
}

void
lp_sheet_level(struct lp_sheet *sh, size_t col, int level)
{
	struct cell *c = last_cell(sh, col);

	if (c && level >= 0 && level < 5)
		c->style = (unsigned char)((c->style & ~STYLE_LEVEL) | (level + 1));
}

void
lp_sheet_unsupported(struct lp_sheet *sh, size_t col)
{
	struct cell *c = last_cell(sh, col);

	if (c)
		c->style |= STYLE_UNSUP;
}

size_t
lp_sheet_rows(const struct lp_sheet *sh)
{
	return sh->nrows;
}

static void
sheet_free(struct lp_sheet *sh)
{
	for (size_t i = 0; i < sh->nrows * sh->ncols; i++)
		free(sh->cells[i].text);
	free(sh->cells);
	for (size_t i = 0; i < sh->ncols; i++)
		free((char *)sh->cols[i].name);
	free(sh->cols);
	free(sh->name);
	free(sh);
}

void
lp_workbook_free(struct lp_workbook *wb)
{
	struct lp_sheet *sh, *next;

	if (!wb)
		return;
	for (sh = wb->first; sh; sh = next) {
		next = sh->next;
		sheet_free(sh);
	}
	free(wb);
}

/* ------------------------------------------------------------------ */
/* writing                                                             */

static lxw_format *
cell_format(struct xlsx *x, int date, unsigned style)
{
	lxw_format *f = x->fmt[date][style];
	unsigned level = style & STYLE_LEVEL;

	if (f || (!date && style == 0))
		return f;	/* a plain string or number needs none */
	f = x->fmt[date][style] = workbook_add_format(x->wb);
	if (date)
		format_set_num_format(f, "yyyy-mm-dd");
	if (level) {
		format_set_pattern(f, LXW_PATTERN_SOLID);
		format_set_bg_color(f, lp_level_colours[level - 1].fill_rgb);
		format_set_font_color(f, lp_level_colours[level - 1].text_rgb);
	}
	if (style & STYLE_UNSUP) {
		format_set_border(f, LXW_BORDER_THICK);
		format_set_border_color(f, LP_UNSUPPORTED_RGB);
	}
	return f;
}

/* -?(0|[1-9][0-9]*) with at most 15 digits: a double holds it exactly. */
static int
parse_int(const char *s, double *out)
{
	const char *p = s + (*s == '-');
	size_t n = strspn(p, "0123456789");

	if (n == 0 || n > 15 || p[n] != '\0' || (p[0] == '0' && n > 1))
		return 0;
	*out = strtod(s, NULL);
	return 1;
}

/* A YYYY-MM-DD Excel can show as a date (its calendar starts in 1900). */
static int
parse_date(const char *s, lxw_datetime *dt)
{
	lp_date d;

	if (lp_date_parse(s, &d) < 0)
		return 0;
	memset(dt, 0, sizeof *dt);
	lp_date_to_ymd(d, &dt->year, &dt->month, &dt->day);
	return dt->year >= 1900;
}

/* The text of a cell as Excel can hold it: cut at a character boundary. */
static char *
cell_text(struct xlsx *x, const char *s)
{
	size_t n = strlen(s);

	if (n <= CELL_MAX)
		return NULL;
	n = CELL_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	x->cut = 1;
	return lp_xstrndup(s, n);
}

static lxw_error
write_cell(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
    const struct cell *c, enum lp_coltype type)
{
	lxw_datetime dt;
	double num;
	char *cut;
	lxw_error err;

	if (!c->text)
		return c->style ? worksheet_write_blank(ws, row, col,
		    cell_format(x, 0, c->style)) : LXW_NO_ERROR;
	if (type == LP_COL_DATE && parse_date(c->text, &dt))
		return worksheet_write_datetime(ws, row, col, &dt,
		    cell_format(x, 1, c->style));
	if (type == LP_COL_INT && parse_int(c->text, &num))
		return worksheet_write_number(ws, row, col, num,
		    cell_format(x, 0, c->style));
	/* A string, even one that starts with '=': never a formula. */
	cut = cell_text(x, c->text);
	err = worksheet_write_string(ws, row, col, cut ? cut : c->text,
	    cell_format(x, 0, c->style));
	free(cut);
	return err;
}

/* Width in characters of column col: its widest cell, capped. */
static double
column_width(const struct lp_sheet *sh, size_t col)
{
	size_t w = lp_utf8_width(sh->cols[col].name) + FILTER_PAD;

	for (size_t r = 0; r < sh->nrows && w < WIDTH_MAX; r++) {
		const char *s = sh->cells[r * sh->ncols + col].text;
		size_t cw = s ? lp_utf8_width(s) : 0;

		if (cw > w)
			w = cw;
	}
	return (double)((w < WIDTH_MAX ? w : WIDTH_MAX) + WIDTH_PAD);
}

static lxw_error
write_sheet(struct xlsx *x, const struct lp_sheet *sh)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, sh->name);
	lxw_error err = LXW_NO_ERROR;

	if (!ws)
		return LXW_ERROR_SHEETNAME_ALREADY_USED;
	for (size_t i = 0; i < sh->ncols && !err; i++) {
		err = worksheet_write_string(ws, 0, (lxw_col_t)i,
		    sh->cols[i].name, x->header);
		if (!err)
			err = worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
			    column_width(sh, i), NULL);
	}
	for (size_t r = 0; r < sh->nrows && !err; r++)
		for (size_t i = 0; i < sh->ncols && !err; i++)
			err = write_cell(x, ws, (lxw_row_t)(r + 1), (lxw_col_t)i,
			    &sh->cells[r * sh->ncols + i], sh->cols[i].type);
	if (!err && sh->ncols > 0) {
		worksheet_freeze_panes(ws, 1, 0);
		err = worksheet_autofilter(ws, 0, 0, (lxw_row_t)sh->nrows,
		    (lxw_col_t)(sh->ncols - 1));
	}
	return err;
}

/* What Excel cannot hold is refused before anything is made. */
static int
check_sheets(const struct lp_workbook *wb)
{
	for (const struct lp_sheet *sh = wb->first; sh; sh = sh->next) {
		if (sh->nrows >= SHEET_ROWS_MAX) {
			lp_error("sheet \"%s\" has %zu rows: an xlsx sheet holds "
			    "at most %d besides the header", sh->name, sh->nrows,
			    SHEET_ROWS_MAX - 1);
			return -1;
		}
		for (const struct lp_sheet *o = wb->first; o != sh; o = o->next)
			if (strcasecmp(o->name, sh->name) == 0) {
				lp_error("two sheets named \"%s\": expected a "
				    "name for each", sh->name);
				return -1;
			}
	}
	return 0;
}

/* Make the workbook in the file at path. */
static int
make_xlsx(const struct lp_workbook *wb, const char *path, char *tmpdir)
{
	/*
	 * Constant memory: libxlsxwriter streams each row to a temporary
	 * file instead of keeping its own copy of every cell (rows must
	 * come in order, and do).  200,000 rows of 4 cells: 45 MB and 4 s
	 * instead of 200 MB and 11 s.  Strings are then stored inline,
	 * which Excel, LibreOffice and openpyxl all read.
	 */
	lxw_workbook_options opt = { .constant_memory = 1, .tmpdir = tmpdir };
	struct xlsx x = {0};
	lxw_error err = LXW_NO_ERROR;

	if ((x.wb = workbook_new_opt(path, &opt)) == NULL) {
		lp_error("cannot make the workbook in %s", path);
		return -1;
	}
	x.header = workbook_add_format(x.wb);
	format_set_bold(x.header);
	for (const struct lp_sheet *sh = wb->first; sh && !err; sh = sh->next)
		err = write_sheet(&x, sh);
	if (!wb->first && !err)	/* a workbook needs a sheet */
		err = workbook_add_worksheet(x.wb, "rows") ? LXW_NO_ERROR :
		    LXW_ERROR_MEMORY_MALLOC_FAILED;
	if (err) {
		lp_error("cannot make the workbook: %s", lxw_strerror(err));
		workbook_close(x.wb);
		return -1;
	}
	if ((err = workbook_close(x.wb)) != LXW_NO_ERROR) {
		lp_error("cannot write the workbook: %s", lxw_strerror(err));
		return -1;
	}
	if (x.cut)
		lp_warn("a cell longer than %d characters was cut: an xlsx "
		    "cell holds no more", CELL_MAX);
	return 0;
}

/* Copy what fd holds, from its start, to out. */
static int
copy_out(int fd, FILE *out)
{
	char buf[64 << 10];
	ssize_t n;
	int werr = 0;

	if (lseek(fd, 0, SEEK_SET) < 0) {
		lp_error("cannot read the workbook back: %s", strerror(errno));
		return -1;
	}
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			lp_error("cannot read the workbook back: %s",
			    strerror(errno));
			return -1;
		}
		if (fwrite(buf, 1, (size_t)n, out) != (size_t)n) {
			werr = errno;
			break;
		}
	}
	if (!werr && fflush(out) != 0)
		werr = errno;
	if (werr || ferror(out)) {
		lp_write_error(out, werr);
		return -1;
	}
	return 0;
}

int
lp_workbook_write(struct lp_workbook *wb, FILE *out)
{
	const char *dir = getenv("TMPDIR");
	char *path, *tmpdir;
	int fd, status = -1;

	/*
	 * The caller refuses -o xlsx on a terminal as a usage error; this
	 * is the last guard, so that binary never reaches a terminal raw.
	 */
	if (isatty(fileno(out))) {
		lp_error("not writing an xlsx workbook to a terminal: "
		    "expected standard output redirected to a file");
		return -1;
	}
	if (check_sheets(wb) < 0)
		return -1;
	if (!dir || !*dir)
		dir = "/tmp";
	tmpdir = lp_xstrdup(dir);
	path = lp_xasprintf("%s/lp-xlsx-XXXXXX", dir);
	if ((fd = mkstemp(path)) < 0) {
		lp_error("cannot make a temporary file in %s: %s", dir,
		    strerror(errno));
		goto out;
	}
	/*
	 * libxlsxwriter opens the name again and writes through it; our
	 * descriptor reads the same file back, so the name can go at once
	 * after, and a failure never leaves it behind.
	 */
	if (make_xlsx(wb, path, tmpdir) == 0)
		status = copy_out(fd, out);
	unlink(path);
	close(fd);
out:
	free(path);
	free(tmpdir);
	return status;
}
