/*
 * import.c - evidence items from rows (CSV, JSON, JSON Lines), including
 * the exports of Microsoft Forms and Google Forms.
 *
 * A form's export has columns named after its questions ("Title of the
 * activity"), columns of its own (Timestamp, Email), dates the way a
 * spreadsheet writes them (02/12/2026 14:05:00) and, from Excel, blank
 * rows of commas at the end.  SPEC 5.3: --map renames columns to keys,
 * --ignore and --ignore-unknown drop columns, --date-format reads day-
 * or month-first dates (a date-time keeps its date).  A spreadsheet's
 * date without --date-format is an error that says which to give,
 * because guessing day or month first silently files items in the wrong
 * month.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"

static const char *const import_cols[] = {
	"title", "date", "standards", "reach", "type", "colleagues", "where",
	"attachments", "body"
};
#define NIMPORT_COLS (sizeof import_cols / sizeof import_cols[0])

/* What list and show print beyond the keys: their output imports cleanly. */
static const char *const ignored_cols[] = { "portfolio", "id" };

static int
is_key(const char *name)
{
	for (size_t i = 0; i < NIMPORT_COLS; i++)
		if (strcmp(name, import_cols[i]) == 0)
			return 1;
	return 0;
}

static char *
trimmed_n(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return lp_xstrndup(s, n);
}

/*
 * One --map value: "Column=key,Column=key".  A question may hold a comma
 * ("Where, if anywhere=where"): a piece without '=' joins the next one.
 */
static int
map_parse(struct lp_import *im, const char *spec)
{
	struct lp_buf cur = {0};
	const char *p = spec;
	int rc = 0;

	while (rc == 0 && *p) {
		size_t n = strcspn(p, ",");

		if (cur.len)
			lp_buf_addc(&cur, ',');
		lp_buf_add(&cur, p, n);
		p += n + (p[n] == ',');
		if (!memchr(lp_buf_str(&cur), '=', cur.len) && *p)
			continue;
		{
			const char *s = lp_buf_str(&cur), *eq = strrchr(s, '=');
			char *from, *to;

			if (!eq) {
				lp_error("--map: expected 'Column=key', got '%s'", s);
				rc = -1;
				break;
			}
			from = trimmed_n(s, (size_t)(eq - s));
			to = trimmed_n(eq + 1, strlen(eq + 1));
			if (!*from || !is_key(to)) {
				lp_error("--map: '%s': expected 'Column=key' with a key of title, date, "
				    "standards, reach, type, colleagues, where, attachments or body", s);
				rc = -1;
			} else {
				lp_strv_push(&im->from, from);
				lp_strv_push(&im->to, to);
			}
			free(from);
			free(to);
		}
		lp_buf_reset(&cur);
	}
	lp_buf_free(&cur);
	return rc;
}

int
lp_import_init(struct lp_import *im, const struct lp_strv *maps, const struct lp_strv *ignore,
    int ignore_unknown, const char *date_format)
{
	memset(im, 0, sizeof *im);
	im->ignore = ignore;
	im->ignore_unknown = ignore_unknown;
	im->dates = LP_DATES_ISO;
	if (date_format) {
		if (strcmp(date_format, "dmy") == 0)
			im->dates = LP_DATES_DMY;
		else if (strcmp(date_format, "mdy") == 0)
			im->dates = LP_DATES_MDY;
		else if (strcmp(date_format, "iso") != 0) {
			lp_error("--date-format: expected dmy, mdy or iso, got '%s'", date_format);
			return -1;
		}
	}
	for (size_t i = 0; maps && i < maps->n; i++)
		if (map_parse(im, maps->v[i]) < 0)
			return -1;
	return 0;
}

void
lp_import_free(struct lp_import *im)
{
	lp_strv_free(&im->from);
	lp_strv_free(&im->to);
}

static int
ignored(const struct lp_import *im, const char *col)
{
	return im->ignore && lp_strv_find(im->ignore, col) >= 0;
}

/* The column that gives key: one mapped to it, else one named so (not ignored or mapped away). */
static const char *
column_for(const struct lp_import *im, const struct lp_strv *cols, const char *key)
{
	for (size_t i = 0; i < im->to.n; i++)
		if (strcmp(im->to.v[i], key) == 0 && lp_strv_find(cols, im->from.v[i]) >= 0)
			return im->from.v[i];
	if (lp_strv_find(cols, key) >= 0 && !ignored(im, key) && lp_strv_find(&im->from, key) < 0)
		return key;
	return NULL;
}

static int
known_column(const struct lp_import *im, const char *name)
{
	if (ignored(im, name) || lp_strv_find(&im->from, name) >= 0 || im->ignore_unknown)
		return 1;
	if (is_key(name))
		return 1;
	for (size_t i = 0; i < sizeof ignored_cols / sizeof ignored_cols[0]; i++)
		if (strcmp(name, ignored_cols[i]) == 0)
			return 1;
	return 0;
}

/* Columns not yet checked (JSON Lines may add some on any row). */
int
lp_import_check_columns(const struct lp_import *im, struct lp_reader *r, size_t *checked,
    long line)
{
	static const char *const required[] = { "title", "standards", "reach" };
	const struct lp_strv *cols = lp_reader_columns(r);
	int csv = lp_reader_format(r) == LP_FMT_CSV, bad = 0;

	if (csv)
		line = 1;
	if (csv && *checked == 0 && cols->n > 0)
		for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
			if (!column_for(im, cols, required[i])) {
				lp_errorat(lp_reader_name(r), 1,
				    "missing column '%s' (title, standards and reach are needed%s)",
				    required[i], im->from.n ? "; --map names the columns that give them" : "");
				bad = 1;
			}
	for (size_t i = *checked; i < cols->n; i++)
		if (!known_column(im, cols->v[i])) {
			lp_errorat(lp_reader_name(r), line,
			    "unknown column '%s': expected title, date, standards, reach, type, colleagues, "
			    "where, attachments or body (--map renames a column, --ignore or "
			    "--ignore-unknown drops it)", cols->v[i]);
			bad = 1;
		}
	*checked = cols->n;
	return bad ? -1 : 0;
}

/*
 * The row's date as YYYY-MM-DD in out (unchanged when it is not one a
 * form writes); -1 after an error naming the row.
 */
static int
convert_date(const struct lp_import *im, struct lp_reader *r, long line, const char *v,
    char out[11])
{
	char *s = trimmed_n(v, strlen(v));
	long a, b, y;
	lp_date d;
	int rc = 0;

	*out = '\0';
	if (lp_date_spreadsheet(s, &a, &b, &y)) {
		if (im->dates == LP_DATES_ISO) {
			lp_errorat(lp_reader_name(r), line,
			    "date: '%s' looks like a spreadsheet's date: give --date-format dmy "
			    "(day first, 02/12/2026 is 2 December) or mdy (month first)", s);
			rc = -1;
		} else {
			char iso[64];	/* room for any long: a bad part fails the parse below */

			snprintf(iso, sizeof iso, "%04ld-%02ld-%02ld", y,
			    im->dates == LP_DATES_DMY ? b : a, im->dates == LP_DATES_DMY ? a : b);
			if (strlen(iso) == 10)
				memcpy(out, iso, 11);
			if (strlen(iso) != 10 || lp_date_parse(out, &d) < 0) {
				lp_errorat(lp_reader_name(r), line, "date: expected %s, got '%s'",
				    im->dates == LP_DATES_DMY ? "DD/MM/YYYY (--date-format dmy)" :
				    "MM/DD/YYYY (--date-format mdy)", s);
				rc = -1;
			}
		}
	} else if (strlen(s) > 10 && lp_date_time_tail(s + 10)) {
		/* 2026-12-02T14:05:00: a date-time keeps its date. */
		memcpy(out, s, 10);
		out[10] = '\0';
		if (lp_date_parse(out, &d) < 0)
			*out = '\0';
	}
	free(s);
	return rc;
}

int
lp_item_from_row(const struct lp_import *im, struct lp_item *it, struct lp_reader *r,
    const struct lp_row *row)
{
	const struct lp_strv *cols = lp_reader_columns(r);
	const char *col = column_for(im, cols, "body");
	const char *body = col ? lp_row_get(r, row, col) : NULL;

	if (lp_row_blank(row))
		return 1;
	lp_item_init(it, lp_reader_name(r), row->line);
	it->split_lists = 1;
	for (size_t i = 0; i < LP_ITEM_NKEYS; i++) {
		const char *v;
		char d[11];

		if (!(col = column_for(im, cols, lp_item_keys[i])) || !(v = lp_row_get(r, row, col)))
			continue;
		if (strcmp(lp_item_keys[i], "date") == 0) {
			if (convert_date(im, r, row->line, v, d) < 0) {
				lp_item_free(it);
				return -1;
			}
			if (*d)
				v = d;
		}
		lp_doc_set(&it->doc, lp_item_keys[i], v);
	}
	lp_item_set_body(it, body, body ? strlen(body) : 0);
	return 0;
}
