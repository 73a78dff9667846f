/*
 * rules.c - the rules the numbers follow (SPEC section 6), in one place.
 *
 * Deadlines, expiry, evidence levels, readiness, windows and stages are
 * computed here and nowhere else, so that lp-window, lp-assess,
 * lp-reaccredit and lp-report always agree about a portfolio.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"
#include "discover.h"

lp_date
lp_deadline(lp_date commenced)
{
	return lp_date_add_years(commenced, 2);
}

lp_date
lp_expiry(lp_date accredited)
{
	return lp_date_add_years(accredited, 3);
}

/* The evidence level of a standard: the best reach among the items naming it. */
int
lp_evidence_level(const struct lp_portfolio *p, int i)
{
	int best = LP_LEVEL_NONE;

	for (size_t k = 0; k < p->nev; k++) {
		const struct lp_evidence *e = &p->ev[k];

		if ((e->standards & (1u << i)) && lp_reach_supports(e->reach) > best)
			best = lp_reach_supports(e->reach);
	}
	return best;
}

int
lp_evidence_count(const struct lp_portfolio *p, int i)
{
	int n = 0;

	for (size_t k = 0; k < p->nev; k++)
		if (p->ev[k].standards & (1u << i))
			n++;
	return n;
}

int
lp_supported(const struct lp_portfolio *p, int i)
{
	return lp_evidence_level(p, i) >= p->assess[i].level;
}

enum lp_status
lp_standard_status(const struct lp_portfolio *p, int i, int min_level)
{
	int level = p->assess[i].level;

	if (level == LP_LEVEL_NONE)
		return LP_STATUS_NOT_ASSESSED;
	if (level < min_level)
		return LP_STATUS_BELOW_MIN;
	if (!lp_supported(p, i))
		return LP_STATUS_UNSUPPORTED;
	return LP_STATUS_OK;
}

const char *
lp_status_name(enum lp_status s)
{
	static const char *const names[] = {
		[LP_STATUS_OK] = "ok",
		[LP_STATUS_BELOW_MIN] = "below-min",
		[LP_STATUS_UNSUPPORTED] = "unsupported",
		[LP_STATUS_NOT_ASSESSED] = "not-assessed",
	};

	return names[s];
}

/*
 * Ready: every standard at least the minimum and supported.  A minimum
 * of none still needs each claimed level to be supported.
 */
int
lp_ready(const struct lp_portfolio *p, int min_level)
{
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		if (p->assess[i].level < min_level || !lp_supported(p, i))
			return 0;
	}
	return 1;
}

int
lp_assessed_count(const struct lp_portfolio *p)
{
	int n = 0;

	for (int i = 0; i < LP_NSTANDARDS; i++)
		if (p->assess[i].level > LP_LEVEL_NONE)
			n++;
	return n;
}

int
lp_unsupported_count(const struct lp_portfolio *p)
{
	int n = 0;

	for (int i = 0; i < LP_NSTANDARDS; i++)
		if (p->assess[i].level > lp_evidence_level(p, i))
			n++;
	return n;
}

/* ---- the window calendar ---- */

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

static int
calendar_row(struct lp_calendar *cal, size_t *cap, struct lp_reader *r,
    const struct lp_row *row, const char *path)
{
	const char *id = lp_row_get(r, row, "id");
	const char *term = lp_row_get(r, row, "term");
	const char *opens = lp_row_get(r, row, "opens");
	const char *closes = lp_row_get(r, row, "closes");
	lp_date o, c;

	if (!id || !window_id_valid(id)) {
		lp_errorat(path, row->line, "expected a window id YYYY-MM, got '%s'", id ? id : "");
		return -1;
	}
	if (lp_calendar_window(cal, id)) {
		lp_errorat(path, row->line, "window %s is listed twice", id);
		return -1;
	}
	if (!opens || lp_date_parse(opens, &o) < 0) {
		lp_errorat(path, row->line, "opens: expected a date YYYY-MM-DD, got '%s'", opens ? opens : "");
		return -1;
	}
	if (!closes || lp_date_parse(closes, &c) < 0) {
		lp_errorat(path, row->line, "closes: expected a date YYYY-MM-DD, got '%s'", closes ? closes : "");
		return -1;
	}
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
	size_t cap = 0;
	int rc = -1, got;

	memset(cal, 0, sizeof *cal);
	cal->source = lp_xstrdup(path);
	r = lp_reader_new_mem(data, len, path, LP_READ_CSV_ONLY);
	while ((got = lp_reader_next(r, &row)) == 1) {
		if (cal->n == 0) {
			for (size_t i = 0; i < 4; i++) {
				if (lp_reader_column(r, need[i]) < 0) {
					lp_errorat(path, 1, "expected the header id,term,opens,closes; no '%s' column", need[i]);
					goto out;
				}
			}
		}
		if (calendar_row(cal, &cap, r, row, path) < 0)
			goto out;
	}
	if (got < 0)
		goto out;
	if (cal->n == 0) {
		lp_errorat(path, 0, "expected at least one window after the header id,term,opens,closes");
		goto out;
	}
	if (cal->n > 1)
		qsort(cal->w, cal->n, sizeof *cal->w, cmp_window);
	rc = 0;
out:
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

int
lp_window_usable(const struct lp_window *w, lp_date deadline, lp_date today)
{
	return today <= w->closes && w->closes <= deadline;
}

int
lp_window_is_open(const struct lp_window *w, lp_date today)
{
	return w->opens <= today && today <= w->closes;
}

/* The calendar is sorted by closes, so one pass finds next, last and the count. */
void
lp_timeline(const struct lp_calendar *cal, lp_date commenced, lp_date today,
    struct lp_timeline *t)
{
	memset(t, 0, sizeof *t);
	t->deadline = lp_deadline(commenced);
	for (size_t i = 0; i < cal->n; i++) {
		const struct lp_window *w = &cal->w[i];

		if (w->closes > t->deadline)
			break;
		t->last = w;
		if (lp_window_usable(w, t->deadline, today)) {
			if (!t->next)
				t->next = w;
			t->windows_left++;
		}
	}
}

/* ---- stages ---- */

const char *
lp_stage_name(enum lp_stage s)
{
	static const char *const names[] = {
		[LP_STAGE_NOT_STARTED] = "not-started",
		[LP_STAGE_IN_PROGRESS] = "in-progress",
		[LP_STAGE_READY] = "ready",
		[LP_STAGE_SUBMITTED] = "submitted",
		[LP_STAGE_REFERRED] = "referred",
		[LP_STAGE_OVERDUE] = "overdue",
		[LP_STAGE_ACCREDITED] = "accredited",
		[LP_STAGE_DUE] = "due",
		[LP_STAGE_EXPIRED] = "expired",
		[LP_STAGE_WITHDRAWN] = "withdrawn",
	};

	return names[s];
}

const char *
lp_renewal_name(enum lp_renewal r)
{
	static const char *const names[] = {
		[LP_RENEWAL_NOT_ACCREDITED] = "not-accredited",
		[LP_RENEWAL_CURRENT] = "current",
		[LP_RENEWAL_DUE] = "due",
		[LP_RENEWAL_EXPIRED] = "expired",
	};

	return names[r];
}

enum lp_renewal
lp_renewal_of(lp_date accredited, lp_date today, long within_days,
    lp_date *expires, long *days_left)
{
	lp_date exp;
	long left;

	if (accredited == LP_DATE_NONE) {
		if (expires)
			*expires = LP_DATE_NONE;
		if (days_left)
			*days_left = 0;
		return LP_RENEWAL_NOT_ACCREDITED;
	}
	exp = lp_expiry(accredited);
	left = (long)exp - (long)today;
	if (expires)
		*expires = exp;
	if (days_left)
		*days_left = left;
	if (today > exp)
		return LP_RENEWAL_EXPIRED;
	if (left <= within_days)
		return LP_RENEWAL_DUE;
	return LP_RENEWAL_CURRENT;
}

/* SPEC 6: the first rule that holds, in this order. */
enum lp_stage
lp_stage_of(const struct lp_portfolio *p, lp_date today, int min_level, long within_days)
{
	if (p->outcome == LP_OUTCOME_WITHDRAWN)
		return LP_STAGE_WITHDRAWN;
	if (p->accredited != LP_DATE_NONE) {
		switch (lp_renewal_of(p->accredited, today, within_days, NULL, NULL)) {
		case LP_RENEWAL_EXPIRED:
			return LP_STAGE_EXPIRED;
		case LP_RENEWAL_DUE:
			return LP_STAGE_DUE;
		default:
			return LP_STAGE_ACCREDITED;
		}
	}
	if (p->submitted != LP_DATE_NONE && p->outcome == LP_OUTCOME_NONE)
		return LP_STAGE_SUBMITTED;
	if (p->commenced != LP_DATE_NONE && lp_deadline(p->commenced) < today)
		return LP_STAGE_OVERDUE;
	if (p->outcome == LP_OUTCOME_REFERRED)
		return LP_STAGE_REFERRED;
	if (lp_ready(p, min_level))
		return LP_STAGE_READY;
	if (lp_assessed_count(p) > 0 || p->nev > 0)
		return LP_STAGE_IN_PROGRESS;
	return LP_STAGE_NOT_STARTED;
}
