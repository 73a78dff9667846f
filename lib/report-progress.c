/*
 * report-progress.c - distance travelled, from git history.
 *
 * A portfolio's state at a period's end is its tree in the latest
 * first-parent commit on or before that day (lp_tree_history, which
 * walks each repository once for all its portfolios); each distinct
 * state is loaded once.  The counts are per period and standard, so
 * memory is flat in the cohort and its history.
 */
#include <stdlib.h>
#include <string.h>

#include "lp.h"
#include "report-progress.h"

const struct lp_col lp_progress_cols[LP_PROGRESS_NCOLS] = {
	{ "period", LP_COL_STR }, { "standard", LP_COL_STR },
	{ "none", LP_COL_INT }, { "underlying", LP_COL_INT },
	{ "developing", LP_COL_INT }, { "extending", LP_COL_INT },
	{ "transforming", LP_COL_INT }, { "supported", LP_COL_INT },
};

static void
push_period(struct lp_cohort_progress *pr, size_t *cap, const char *label, lp_date end)
{
	if (pr->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		pr->periods = lp_xreallocarray(pr->periods, *cap, sizeof *pr->periods);
	}
	snprintf(pr->periods[pr->n].label, sizeof pr->periods[pr->n].label, "%s", label);
	pr->periods[pr->n++].end = end;
}

static void
month_periods(struct lp_cohort_progress *pr, size_t *cap, lp_date since, lp_date until)
{
	int y, m, d;

	lp_date_to_ymd(since, &y, &m, &d);
	for (;;) {
		int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
		lp_date end = lp_date_from_ymd(ny, nm, 1) - 1;
		char label[16];

		if (end > until)
			break;
		snprintf(label, sizeof label, "%04d-%02d", y, m);
		push_period(pr, cap, label, end);
		y = ny;
		m = nm;
	}
}

static void
term_periods(struct lp_cohort_progress *pr, size_t *cap, const struct lp_calendar *cal,
    lp_date since, lp_date until)
{
	for (size_t i = 0; i < cal->n; i++) {
		const struct lp_window *w = &cal->w[i];
		char label[24];

		if (w->closes < since || w->closes > until)
			continue;
		snprintf(label, sizeof label, "%.4s-%.14s", w->id, w->term);
		push_period(pr, cap, label, w->closes);
	}
}

int
lp_cohort_progress_init(struct lp_cohort_progress *pr, enum lp_period_kind by,
    const struct lp_calendar *cal, lp_date since, lp_date until)
{
	size_t cap = 0;

	memset(pr, 0, sizeof *pr);
	if (by == LP_BY_MONTH)
		month_periods(pr, &cap, since, until);
	else
		term_periods(pr, &cap, cal, since, until);
	if (pr->n == 0) {
		char s[11], u[11];

		lp_date_format(since, s);
		lp_date_format(until, u);
		lp_error("no %s ends between %s and %s", by == LP_BY_MONTH ? "month" : "term", s, u);
		return -1;
	}
	pr->count = lp_xcalloc(pr->n, sizeof *pr->count);
	pr->ends = lp_xcalloc(pr->n, sizeof *pr->ends);
	for (size_t k = 0; k < pr->n; k++)
		pr->ends[k] = pr->periods[k].end;
	pr->history = lp_history_new(pr->ends, pr->n);
	return 0;
}

/* Count p's state into period k; only standards assessed by day asof (LP_DATE_NONE: all). */
static void
count_state(struct lp_cohort_progress *pr, size_t k, const struct lp_portfolio *p, lp_date asof)
{
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		const struct lp_assessed *as = &p->assess[i];
		int level = as->level;

		if (asof != LP_DATE_NONE && as->date != LP_DATE_NONE && as->date > asof)
			level = LP_LEVEL_NONE;
		pr->count[k][i][level]++;
		if (level != LP_LEVEL_NONE && lp_supported(p, i))
			pr->count[k][i][LP_NLEVELS]++;
	}
}

/* A state of the portfolio, counted at the period ends it held at. */
static int
on_state(struct lp_tree *at, size_t first, size_t last, void *arg)
{
	struct lp_cohort_progress *pr = arg;
	struct lp_portfolio p;
	struct lp_findings quiet = {0};
	struct lp_findings *old;

	/*
	 * A state that cannot be read (a file broken at the time) counts for
	 * nobody: what was wrong then is history, not a finding today.
	 */
	old = lp_diag_capture(&quiet);
	memset(&p, 0, sizeof p);
	if (lp_portfolio_load(&p, at, LP_LOAD_ALL | LP_LOAD_KEEP_GOING) == 0)
		for (size_t k = first; k <= last; k++)
			count_state(pr, k, &p, LP_DATE_NONE);
	lp_portfolio_free(&p);
	lp_diag_capture(old);
	lp_findings_free(&quiet);
	return 0;
}

/* Outside git: the portfolio as it is, each standard from the day it was assessed. */
static void
add_without_history(struct lp_cohort_progress *pr, const struct lp_portfolio *p)
{
	for (size_t k = 0; k < pr->n; k++)
		if (p->commenced == LP_DATE_NONE || pr->periods[k].end >= p->commenced)
			count_state(pr, k, p, pr->periods[k].end);
	pr->without_history++;
}

int
lp_cohort_progress_add(struct lp_cohort_progress *pr, const struct lp_portfolio *p)
{
	int rc = lp_tree_history(p->tree, pr->history, on_state, pr);

	if (rc == 1)
		add_without_history(pr, p);
	return rc < 0 ? -1 : 0;
}

void
lp_cohort_progress_free(struct lp_cohort_progress *pr)
{
	lp_history_free(pr->history);
	free(pr->ends);
	free(pr->periods);
	free(pr->count);
	memset(pr, 0, sizeof *pr);
}

void
lp_cohort_progress_row(const struct lp_cohort_progress *pr, size_t k, int i,
    struct lp_progress_row *row)
{
	row->v[0] = pr->periods[k].label;
	row->v[1] = lp_standard_id(i);
	for (int c = 0; c < LP_PROGRESS_NCOUNTS; c++) {
		snprintf(row->n[c], sizeof row->n[c], "%lu", pr->count[k][i][c]);
		row->v[2 + c] = row->n[c];
	}
}

int
lp_cohort_progress_write(const struct lp_cohort_progress *pr, struct lp_writer *w)
{
	for (size_t k = 0; k < pr->n; k++)
		for (int i = 0; i < LP_NSTANDARDS; i++) {
			struct lp_progress_row row;

			lp_cohort_progress_row(pr, k, i, &row);
			lp_writer_row(w, row.v);
		}
	return 0;
}
