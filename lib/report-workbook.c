/*
 * report-workbook.c - lp-report workbook: the cohort as one Excel
 * workbook for a head teacher or a data manager (SPEC 5.6), a sheet each
 * for the summary, coverage, levels (practitioners x standards, coloured
 * as the dashboard colours them), deadlines, expiries and progress (term
 * by term).
 *
 * The practitioners are the same struct lp_report_person the dashboard
 * holds; each sheet only lays out what the rules answered.
 */
#include <stdlib.h>
#include <string.h>

#include "report-cohort.h"
#include "report-progress.h"
#include "workbook.h"

static int
by_id(const void *a, const void *b)
{
	const struct lp_report_person *x = a, *y = b;

	return strcmp(x->id, y->id);
}

static void
summary_sheet(struct lp_workbook *wb, const struct lp_report_cohort *c)
{
	struct lp_sheet *sh = lp_workbook_sheet(wb, "summary", lp_report_summary_cols,
	    lp_report_summary_ncols);

	for (size_t i = 0; i < c->n; i++) {
		struct lp_report_summary_row row;

		lp_report_summary_row(&c->v[i], &row);
		lp_sheet_row(sh, row.v);
	}
}

static void
coverage_sheet(struct lp_workbook *wb, const struct lp_report_cohort *c)
{
	struct lp_sheet *sh = lp_workbook_sheet(wb, "coverage", lp_report_coverage_cols,
	    lp_report_coverage_ncols);
	struct lp_report_cov cov = {0};

	for (size_t i = 0; i < c->n; i++)
		lp_report_cov_add(&cov, &c->v[i]);
	for (int s = 0; s < LP_NSTANDARDS; s++) {
		struct lp_report_coverage_row row;

		lp_report_coverage_row(&cov, s, &row);
		lp_sheet_row(sh, row.v);
	}
}

/*
 * Practitioners x standards: each cell the level's name, filled with its
 * colour; a claim the evidence does not support says so in its text and
 * gets the red frame, so colour is never the only signal.
 */
static void
levels_sheet(struct lp_workbook *wb, const struct lp_report_cohort *c)
{
	struct lp_col cols[2 + LP_NSTANDARDS] = {
		{ "id", LP_COL_STR }, { "name", LP_COL_STR },
	};
	struct lp_sheet *sh;

	for (int s = 0; s < LP_NSTANDARDS; s++)
		cols[2 + s] = (struct lp_col){ lp_standard_id(s), LP_COL_STR };
	sh = lp_workbook_sheet(wb, "levels", cols, 2 + LP_NSTANDARDS);
	for (size_t i = 0; i < c->n; i++) {
		const struct lp_report_person *pp = &c->v[i];
		const char *v[2 + LP_NSTANDARDS];
		char *text[LP_NSTANDARDS];

		v[0] = pp->id;
		v[1] = pp->name;
		for (int s = 0; s < LP_NSTANDARDS; s++) {
			int unsupported = pp->unsupported >> s & 1;

			text[s] = lp_xasprintf("%s%s", lp_level_name(pp->level[s]),
			    unsupported ? " (unsupported)" : "");
			v[2 + s] = text[s];
		}
		lp_sheet_row(sh, v);
		for (int s = 0; s < LP_NSTANDARDS; s++) {
			lp_sheet_level(sh, (size_t)(2 + s), pp->level[s]);
			if (pp->unsupported >> s & 1)
				lp_sheet_unsupported(sh, (size_t)(2 + s));
			free(text[s]);
		}
	}
}

/* Still to submit: the stages whose deadline matters. */
static int
to_submit(const struct lp_report_person *pp)
{
	switch (pp->stage) {
	case LP_STAGE_NOT_STARTED:
	case LP_STAGE_IN_PROGRESS:
	case LP_STAGE_READY:
	case LP_STAGE_REFERRED:
	case LP_STAGE_OVERDUE:
		return 1;
	default:
		return 0;
	}
}

/* Indices of the people keep() takes, ordered by key() then id. */
struct order {
	const struct lp_report_person *v;
	lp_date (*key)(const struct lp_report_person *);
};

static int
by_key(const void *a, const void *b, void *arg)
{
	const struct order *ordering = arg;
	const struct lp_report_person *x = &ordering->v[*(const size_t *)a];
	const struct lp_report_person *y = &ordering->v[*(const size_t *)b];
	lp_date kx = ordering->key(x), ky = ordering->key(y);

	if (kx != ky)
		return kx < ky ? -1 : 1;
	return strcmp(x->id, y->id);
}

static size_t
select_people(const struct lp_report_cohort *c, int (*keep)(const struct lp_report_person *),
    lp_date (*key)(const struct lp_report_person *), size_t *idx)
{
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++)
		if (keep(&c->v[i]))
			idx[n++] = i;
	struct order ordering = { c->v, key };

	if (n > 1)
		qsort_r(idx, n, sizeof *idx, by_key, &ordering);
	return n;
}

static lp_date
deadline_of(const struct lp_report_person *pp)
{
	return pp->deadline;
}

static const char *
date_cell(lp_date d, char buf[11])
{
	if (d == LP_DATE_NONE)
		return NULL;
	lp_date_format(d, buf);
	return buf;
}

/* Who still has to submit, the earliest deadline first, with their windows. */
static void
deadlines_sheet(struct lp_workbook *wb, const struct lp_report_cohort *c, size_t *idx)
{
	static const struct lp_col cols[] = {
		{ "id", LP_COL_STR }, { "name", LP_COL_STR }, { "school", LP_COL_STR },
		{ "cohort", LP_COL_STR }, { "stage", LP_COL_STR },
		{ "deadline", LP_COL_DATE }, { "days_left", LP_COL_INT },
		{ "next_window", LP_COL_STR }, { "next_closes", LP_COL_DATE },
		{ "last_window", LP_COL_STR }, { "last_closes", LP_COL_DATE },
		{ "windows_left", LP_COL_INT }, { "target_window", LP_COL_STR },
	};
	struct lp_sheet *sh = lp_workbook_sheet(wb, "deadlines", cols, sizeof cols / sizeof cols[0]);
	size_t n = select_people(c, to_submit, deadline_of, idx);

	for (size_t k = 0; k < n; k++) {
		const struct lp_report_person *pp = &c->v[idx[k]];
		char deadline[11], next[11], last[11], days[16], left[16];
		const char *v[13];

		snprintf(days, sizeof days, "%ld", (long)pp->deadline - (long)c->today);
		snprintf(left, sizeof left, "%d", pp->windows_left);
		v[0] = pp->id;
		v[1] = pp->name;
		v[2] = pp->school;
		v[3] = pp->cohort;
		v[4] = lp_stage_name(pp->stage);
		v[5] = date_cell(pp->deadline, deadline);
		v[6] = pp->deadline == LP_DATE_NONE ? NULL : days;
		v[7] = pp->next_window;
		v[8] = *pp->next_window ? date_cell(pp->next_closes, next) : NULL;
		v[9] = pp->last_window;
		v[10] = *pp->last_window ? date_cell(pp->last_closes, last) : NULL;
		v[11] = left;
		v[12] = pp->target_window;
		lp_sheet_row(sh, v);
	}
}

static int
accredited(const struct lp_report_person *pp)
{
	return pp->accredited != LP_DATE_NONE && pp->stage != LP_STAGE_WITHDRAWN;
}

static lp_date
expiry_of(const struct lp_report_person *pp)
{
	return pp->expires;
}

/* Everyone accredited, the soonest (or longest past) expiry first. */
static void
expiries_sheet(struct lp_workbook *wb, const struct lp_report_cohort *c, size_t *idx)
{
	static const struct lp_col cols[] = {
		{ "id", LP_COL_STR }, { "name", LP_COL_STR }, { "school", LP_COL_STR },
		{ "cohort", LP_COL_STR }, { "stage", LP_COL_STR },
		{ "accredited", LP_COL_DATE }, { "expires", LP_COL_DATE },
		{ "days_left", LP_COL_INT }, { "renewal", LP_COL_STR },
	};
	struct lp_sheet *sh = lp_workbook_sheet(wb, "expiries", cols, sizeof cols / sizeof cols[0]);
	size_t n = select_people(c, accredited, expiry_of, idx);

	for (size_t k = 0; k < n; k++) {
		const struct lp_report_person *pp = &c->v[idx[k]];
		char acc[11], exp[11], days[16];
		const char *v[9];

		snprintf(days, sizeof days, "%ld", pp->days_left);
		v[0] = pp->id;
		v[1] = pp->name;
		v[2] = pp->school;
		v[3] = pp->cohort;
		v[4] = lp_stage_name(pp->stage);
		v[5] = date_cell(pp->accredited, acc);
		v[6] = date_cell(pp->expires, exp);
		v[7] = days;
		v[8] = lp_renewal_name(pp->renewal);
		lp_sheet_row(sh, v);
	}
}

/* The cohort's levels term by term, as lp-report progress --by term. */
static void
progress_sheet(struct lp_workbook *wb, const struct lp_cohort_progress *pg)
{
	struct lp_sheet *sh = lp_workbook_sheet(wb, "progress", lp_progress_cols, LP_PROGRESS_NCOLS);

	for (size_t k = 0; k < pg->n; k++)
		for (int i = 0; i < LP_NSTANDARDS; i++) {
			struct lp_progress_row row;

			lp_cohort_progress_row(pg, k, i, &row);
			lp_sheet_row(sh, row.v);
		}
}

int
lp_report_workbook(struct lp_report_cohort *c, const struct lp_cohort_progress *pg, FILE *out)
{
	struct lp_workbook *wb = lp_workbook_new();
	size_t *idx = lp_xcalloc(c->n ? c->n : 1, sizeof *idx);
	int rc;

	if (c->n > 1)
		qsort(c->v, c->n, sizeof *c->v, by_id);
	summary_sheet(wb, c);
	coverage_sheet(wb, c);
	levels_sheet(wb, c);
	deadlines_sheet(wb, c, idx);
	expiries_sheet(wb, c, idx);
	if (pg)
		progress_sheet(wb, pg);
	rc = lp_workbook_write(wb, out);
	lp_workbook_free(wb);
	free(idx);
	return rc;
}
