/*
 * calendar.c - the window calendar: the built-in one, windows.csv, and
 * finding the right one for a portfolio.
 *
 * A windows.csv is found the way SPEC 4 asks of any file lp searches
 * for: from the portfolio's directory upwards, opened beneath the
 * directory it is in, stopping where git's discovery stops and at a
 * directory owned by someone else (discover.c).  What the windows mean
 * for a portfolio (usable, open, the timeline) is rules.c's.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "discover.h"
#include "lp.h"

static int
cmp_window(const void *a, const void *b)
{
	const struct lp_window *x = a, *y = b;

	if (x->closes != y->closes)
		return x->closes < y->closes ? -1 : 1;
	return strcmp(x->id, y->id);
}

static void
calendar_add(struct lp_calendar *cal, size_t *cap, const char *id,
    const char *term, lp_date opens, lp_date closes)
{
	struct lp_window *w;

	if (cal->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		cal->w = lp_xreallocarray(cal->w, *cap, sizeof *cal->w);
	}
	w = &cal->w[cal->n++];
	memset(w, 0, sizeof *w);
	snprintf(w->id, sizeof w->id, "%s", id);
	w->term = lp_xstrdup(term);
	w->opens = opens;
	w->closes = closes;
}

/* One gateway a term: spring closes in March, summer in June, autumn in November. */
void
lp_calendar_builtin(struct lp_calendar *cal)
{
	static const struct { int month, last; const char *term; } terms[] = {
		{ 3, 31, "spring" }, { 6, 30, "summer" }, { 11, 30, "autumn" },
	};
	size_t cap = 0;

	memset(cal, 0, sizeof *cal);
	for (int y = 2024; y <= 2040; y++) {
		for (size_t t = 0; t < sizeof terms / sizeof terms[0]; t++) {
			char id[8];

			snprintf(id, sizeof id, "%04d-%02d", y, terms[t].month);
			calendar_add(cal, &cap, id, terms[t].term,
			    lp_date_from_ymd(y, terms[t].month, 1),
			    lp_date_from_ymd(y, terms[t].month, terms[t].last));
		}
	}
	cal->source = lp_xstrdup("built-in");
}

/* A window id is YYYY-MM with a real month. */
static int
window_id_valid(const char *s)
{
	if (strlen(s) != 7 || s[4] != '-')
		return 0;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return (s[5] == '0' && s[6] >= '1') || (s[5] == '1' && s[6] <= '2');
}

/* Dates a spreadsheet rewrote (02/12/2026): counted, and said once for the file. */
struct sheet_dates {
	long line;	/* of the first */
	char *first;
	int n;
};

/* A date cell: 0 and *d, 1 when a spreadsheet rewrote it (counted), -1 when bad (said). */
static int
window_date(const char *v, const char *what, const char *path, long line,
    struct sheet_dates *sd, lp_date *d)
{
	long a, b, y;

	if (v && lp_date_parse(v, d) == 0)
		return 0;
	if (v && lp_date_spreadsheet(v, &a, &b, &y)) {
		if (sd->n++ == 0) {
			sd->line = line;
			sd->first = lp_xstrdup(v);
		}
		return 1;
	}
	lp_errorat(path, line, "%s: expected a date YYYY-MM-DD, got '%s'", what, v ? v : "");
	return -1;
}

static int
calendar_row(struct lp_calendar *cal, size_t *cap, struct lp_reader *r,
    const struct lp_row *row, const char *path, struct sheet_dates *sd)
{
	const char *id = lp_row_get(r, row, "id");
	const char *term = lp_row_get(r, row, "term");
	const char *opens = lp_row_get(r, row, "opens");
	const char *closes = lp_row_get(r, row, "closes");
	lp_date o, c;
	int ro, rc;

	if (!id || !window_id_valid(id)) {
		lp_errorat(path, row->line, "expected a window id YYYY-MM, got '%s'", id ? id : "");
		return -1;
	}
	if (lp_calendar_window(cal, id)) {
		lp_errorat(path, row->line, "window %s is listed twice", id);
		return -1;
	}
	if ((ro = window_date(opens, "opens", path, row->line, sd, &o)) < 0 ||
	    (rc = window_date(closes, "closes", path, row->line, sd, &c)) < 0)
		return -1;
	if (ro || rc)
		return 0;	/* said once for the whole file, at the end */
	if (o > c) {
		lp_errorat(path, row->line, "window %s opens (%s) after it closes (%s)", id, opens, closes);
		return -1;
	}
	calendar_add(cal, cap, id, term ? term : "", o, c);
	return 0;
}

int
lp_calendar_parse(struct lp_calendar *cal, const char *path, const char *data, size_t len)
{
	static const char *const need[] = { "id", "term", "opens", "closes" };
	struct lp_reader *r;
	const struct lp_row *row;
	struct sheet_dates sd = { 0, NULL, 0 };
	size_t cap = 0, rows = 0;
	int rc = -1, got;

	memset(cal, 0, sizeof *cal);
	cal->source = lp_xstrdup(path);
	r = lp_reader_new_mem(data, len, path, LP_READ_CSV_ONLY);
	while ((got = lp_reader_next(r, &row)) == 1) {
		if (lp_row_blank(row))
			continue;	/* the ",,," rows a spreadsheet leaves */
		if (rows++ == 0) {
			for (size_t i = 0; i < 4; i++) {
				if (lp_reader_column(r, need[i]) < 0) {
					lp_errorat(path, 1, "expected the header id,term,opens,closes; no '%s' column", need[i]);
					goto out;
				}
			}
		}
		if (calendar_row(cal, &cap, r, row, path, &sd) < 0)
			goto out;
	}
	if (got < 0)
		goto out;
	if (sd.n) {
		lp_errorat(path, sd.line,
		    "%d date%s like '%s' instead of YYYY-MM-DD: a spreadsheet (Excel) probably "
		    "changed the date format when it saved this file; write the dates as "
		    "YYYY-MM-DD again (in Excel, format the opens and closes columns as "
		    "yyyy-mm-dd before saving as CSV)", sd.n, sd.n == 1 ? "" : "s", sd.first);
		goto out;
	}
	if (cal->n == 0) {
		lp_errorat(path, 0, "expected at least one window after the header id,term,opens,closes");
		goto out;
	}
	if (cal->n > 1)
		qsort(cal->w, cal->n, sizeof *cal->w, cmp_window);
	rc = 0;
out:
	free(sd.first);
	lp_reader_free(r);
	if (rc < 0)
		lp_calendar_free(cal);
	return rc;
}

static int
calendar_file(struct lp_calendar *cal, const char *path)
{
	struct lp_buf b = {0};
	int rc = lp_file_read(path, LP_FILE_MAX, &b);

	if (rc == 1) {
		lp_error("%s: no such windows file", path);
		rc = -1;
	} else if (rc == 0) {
		rc = lp_calendar_parse(cal, path, lp_buf_str(&b), b.len);
	}
	lp_buf_free(&b);
	return rc;
}

/*
 * windows.csv in directory c->cur, opened beneath it (a link out of the
 * directory is refused, never followed) and only if it is a regular file
 * its user may trust.  1 found and parsed into cal, 0 not there, -1 error.
 */
static int
calendar_here(struct lp_calendar *cal, const struct lp_climb *c)
{
	char *path = lp_xasprintf("%s/windows.csv", strcmp(c->cur, "/") ? c->cur : "");
	struct lp_buf b = {0};
	struct stat st;
	int dfd, fd, rc = -1;

	if ((dfd = open(c->cur, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		rc = 0;		/* an unreadable directory on the way holds nothing for us */
		goto out;
	}
	fd = lp_open_regular_beneath(dfd, "windows.csv", &st);
	close(dfd);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			rc = 0;
		else if (errno == ELOOP || errno == EXDEV)
			lp_errorat(path, 0, "leads outside the directory it is in; lp will not follow it");
		else if (errno == EINVAL)
			lp_errorat(path, 0, "not a regular file");
		else
			lp_error("cannot read %s: %s", path, strerror(errno));
		goto out;
	}
	if (c->depth > 0 && !lp_owner_trusted(&st, c->cur)) {
		/* Planted above the user's directory by someone else: not ours. */
		close(fd);
		rc = 0;
		goto out;
	}
	rc = lp_fd_read_stat(fd, &st, LP_FILE_MAX, &b);
	close(fd);
	if (rc < 0)
		lp_fd_read_error(path, LP_FILE_MAX);
	else
		rc = lp_calendar_parse(cal, path, lp_buf_str(&b), b.len) < 0 ? -1 : 1;
out:
	lp_buf_free(&b);
	free(path);
	return rc;
}

/*
 * The nearest windows.csv in dir or above it, searched as git searches
 * for a repository (lib/discover.c).  1 found, 0 none, -1 error.
 */
static int
calendar_search(struct lp_calendar *cal, const char *dir)
{
	struct lp_climb c;
	int rc;

	if (lp_climb_start(&c, dir) < 0)
		return -1;
	do
		rc = calendar_here(cal, &c);
	while (rc == 0 && lp_climb_up(&c));
	if (rc == 0 && c.stopped_at) {
		char *f = lp_xasprintf("%s/windows.csv", c.stopped_at);
		struct stat st;

		/* Say why a calendar the user may expect is not used. */
		if (lstat(f, &st) == 0)
			lp_warn("%s is not used: %s is owned by another user "
			    "(LP_SAFE_DIRECTORY=%s trusts it)", f, c.stopped_at,
			    c.stopped_at);
		free(f);
	}
	lp_climb_free(&c);
	return rc;
}

int
lp_calendar_for(struct lp_calendar *cal, const char *opt, const char *dir)
{
	const char *env = getenv("LP_WINDOWS");
	int rc;

	if (opt)
		return calendar_file(cal, opt);
	if (env && *env)
		return calendar_file(cal, env);
	if (dir && (rc = calendar_search(cal, dir)) != 0)
		return rc < 0 ? -1 : 0;
	lp_calendar_builtin(cal);
	return 0;
}

const struct lp_window *
lp_calendar_window(const struct lp_calendar *cal, const char *id)
{
	for (size_t i = 0; i < cal->n; i++)
		if (strcmp(cal->w[i].id, id) == 0)
			return &cal->w[i];
	return NULL;
}

void
lp_calendar_free(struct lp_calendar *cal)
{
	for (size_t i = 0; i < cal->n; i++)
		free(cal->w[i].term);
	free(cal->w);
	free(cal->source);
	memset(cal, 0, sizeof *cal);
}
