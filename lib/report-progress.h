/*
 * report-progress.h - lp-report progress (SPEC 5.6): the cohort's levels
 * at the end of each month or term, read from each portfolio's history.
 */
#ifndef LP_REPORT_PROGRESS_H
#define LP_REPORT_PROGRESS_H

#include "report-cohort.h"

enum lp_progress_by {
	LP_PROGRESS_MONTH,
	LP_PROGRESS_TERM	/* spring (Jan-Mar), summer (Apr-Aug), autumn (Sep-Dec) */
};

/* What one period saw: per standard, practitioners by level, and supported. */
struct lp_progress_period {
	size_t level[LP_NSTANDARDS][LP_NLEVELS];
	size_t supported[LP_NSTANDARDS];
};

struct lp_progress {
	enum lp_progress_by by;
	long since, until;	/* period indices; since -1 until the first portfolio */
	int since_fixed;	/* --since given: the first period does not move */
	lp_date until_day;	/* --until or today: the last period ends here */
	struct lp_progress_period *v;	/* [since..until] */
};

/* since and until are LP_DATE_NONE when not given (until: today). */
void lp_progress_init(struct lp_progress *pg, enum lp_progress_by by, lp_date since,
    lp_date until, lp_date today);
/*
 * Add one practitioner: for each period from the one holding their
 * commenced date (or since) to until, their levels as of the newest
 * commit made by the period's end (before their first commit: none on
 * everything).  Read from r's portfolios' own git history: HEAD of the
 * work tree, --at, or the --git ref.  A portfolio outside git counts only
 * in the last period, as it is now.  0, or -1 after a diagnostic.
 */
int lp_progress_add(struct lp_progress *pg, struct lp_report_reader *r,
    const struct lp_portfolio *p);
/* The period's id ("2025-10", "2025-autumn") and end day. */
void lp_progress_period_id(const struct lp_progress *pg, long k, char out[16]);
void lp_progress_free(struct lp_progress *pg);

/* The rows: one per period (since..until) and standard. */
extern const struct lp_col lp_progress_cols[];
extern const size_t lp_progress_ncols;

struct lp_progress_row {
	char id[16], n[6][24];
	const char *v[8];
};

void lp_progress_row(const struct lp_progress *pg, long k, int standard,
    struct lp_progress_row *row);

#endif
