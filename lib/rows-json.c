/*
 * rows-json.c - the JSON and JSON Lines reader: rows from cJSON.
 *
 * The scanner (rows-json-scan.c) cuts each row's object out of the
 * stream and words what cJSON refuses; cJSON parses the object; this
 * file turns its members into the row's columns.  A member is a scalar,
 * or a list of scalars joined with spaces; a key not seen before becomes
 * a new column.  cJSON keeps numbers as doubles, so they come out
 * normalised: 1.50 is read as 1.5, 1e2 as 100, -0.0 as -0 (number_text);
 * one too large for a double (1e400) is refused.
 */
#include <cjson/cJSON.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rows-int.h"

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
		/* CSV could not carry it back: no header cell may be empty. */
		if (key[0] == '\0')
			return lp_rows_error(r, r->row_line, "a key is \"\": "
			    "a column name must not be empty");
		if (r->cols.n >= LP_COLS_MAX)
			return lp_rows_error(r, r->row_line,
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
			line = lp_json_text_where(r, sc->nested, &col);
		return lp_rows_error(r, line, "%s inside \"%.60s\" at column %ld: "
		    "expected a string, number, true, false or null",
		    cJSON_IsObject(v) ? "nested object" : "nested list", key, col);
	}
	if (cJSON_IsString(v)) {
		lp_buf_adds(&r->cell, v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		if (!isfinite(v->valuedouble))
			return lp_rows_error(r, r->row_line, "number out of range "
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
		return lp_rows_error(r, r->row_line, "value too large: "
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

	if (lp_json_cut(r, &sc) < 0)
		return -1;
	obj = cJSON_ParseWithLengthOpts(r->text.data, r->text.len + 1, &end, 1);
	if (!obj)
		return lp_json_refused(r, end ? (size_t)(end - r->text.data) : 0);
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
	lp_rows_advance(r);
	lp_rows_skip_blanks(r);
	if (lp_rows_peek(r) >= 0)
		return lp_json_syntax(r, "the end of input after the closing ']'");
	r->done = 1;
	return 0;
}

int
lp_rows_json_next(struct lp_reader *r)
{
	if (r->done)
		return 0;
	if (r->fmt == LP_FMT_JSONL) {
		/* One object a line; an object may span lines, as jq prints them. */
		lp_rows_skip_blanks(r);
		if (lp_rows_peek(r) < 0)
			return 0;
	} else if (!r->opened) {
		r->opened = 1;
		lp_rows_advance(r);	/* '[' */
		lp_rows_skip_blanks(r);
		if (lp_rows_peek(r) == ']')
			return json_array_end(r);
	} else {
		lp_rows_skip_blanks(r);
		if (lp_rows_peek(r) == ']')
			return json_array_end(r);
		if (lp_rows_peek(r) != ',')
			return lp_json_syntax(r, "',' or ']' after a row");
		lp_rows_advance(r);
		lp_rows_skip_blanks(r);
	}
	if (lp_rows_peek(r) != '{')
		return lp_json_want_object(r);
	if (json_row(r) < 0)
		return -1;
	r->row.values = r->cur;
	r->row.n = r->cols.n;
	r->row.line = r->row_line;
	return 1;
}

