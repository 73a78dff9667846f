/*
 * report-progress.h - distance travelled: how many practitioners stood at
 * each level of each standard at the end of each month or term, read
 * from each portfolio's git history (lp-report progress, the dashboard's
 * Progress section, the workbook's progress sheet).
 */
#ifndef LP_REPORT_PROGRESS_H
#define LP_REPORT_PROGRESS_H

#include "lp.h"

enum lp_period_kind { LP_BY_MONTH, LP_BY_TERM };

struct lp_period {
	char label[24];		/* "2026-01", or "2025-autumn" */
	lp_date end;		/* the last day of the period */
};

/* Counts per period and standard: [0..4] levels none..transforming, [5] supported. */
#define LP_PROGRESS_NCOUNTS (LP_NLEVELS + 1)

struct lp_cohort_progress {
	struct lp_period *periods;	/* ascending by end */
	size_t n;
	unsigned long (*count)[LP_NSTANDARDS][LP_PROGRESS_NCOUNTS];	/* [n] */
	size_t without_history;	/* portfolios outside git, counted as they are now */
	lp_date *ends;		/* the periods' ends, for lp_tree_history */
	struct lp_history *history;
};

/*
 * The periods ending in [since, until]: months, or terms (one per window
 * of cal, named YEAR-TERM and ending the day the window closes).  0, or
 * -1 when there is none (said).
 */
int lp_cohort_progress_init(struct lp_cohort_progress *pr, enum lp_period_kind by,
    const struct lp_calendar *cal, lp_date since, lp_date until);
/*
 * Add one portfolio: at each period end, the state of its latest commit
 * on or before that day (nothing before its first commit).  A portfolio
 * outside git counts as it is now from the day each standard was
 * assessed.  0, or -1 when its history could not be read (said).
 */
int lp_cohort_progress_add(struct lp_cohort_progress *pr, const struct lp_portfolio *p);
void lp_cohort_progress_free(struct lp_cohort_progress *pr);

/* The columns of the rows: period,standard,none,...,transforming,supported. */
#define LP_PROGRESS_NCOLS 8
extern const struct lp_col lp_progress_cols[LP_PROGRESS_NCOLS];
/* One row: period k, standard i; v points into the row and pr. */
struct lp_progress_row {
	char n[LP_PROGRESS_NCOUNTS][24];
	const char *v[LP_PROGRESS_NCOLS];
};
void lp_cohort_progress_row(const struct lp_cohort_progress *pr, size_t k, int i,
    struct lp_progress_row *row);
/* Write the rows, a row per period and standard. */
int lp_cohort_progress_write(const struct lp_cohort_progress *pr, struct lp_writer *w);

#endif
