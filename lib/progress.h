/*
 * progress.h - where each standard stood at the end of each period, from
 * a portfolio's history (for lp-report progress, SPEC 5.6).
 */
#ifndef LP_PROGRESS_H
#define LP_PROGRESS_H

#include "history.h"
#include "lp.h"

enum lp_period_by {
	LP_PERIOD_MONTH,	/* calendar months: "2025-09" */
	LP_PERIOD_TERM		/* school terms in England: "2025-autumn" */
};

/*
 * A period, both ends included.  Terms (DOMAIN.md): autumn is 1 September
 * to 31 December, spring 1 January to the day before Easter Sunday,
 * summer Easter Sunday to 31 August (the holiday is counted with the
 * term before it, so that the periods cover every day).
 */
struct lp_period {
	char label[16];
	lp_date start, end;
};

/* "month" or "term": 0, or -1 (nothing printed). */
int lp_period_by_parse(const char *s, enum lp_period_by *by);
/* The period holding d. */
void lp_period_of(enum lp_period_by by, lp_date d, struct lp_period *p);
/* Easter Sunday of year y (Gregorian). */
lp_date lp_easter(int y);
/*
 * The periods from the one holding since to the one holding until, in
 * order, into *out (the caller frees); returns how many (0 when since is
 * after until).
 */
size_t lp_periods(enum lp_period_by by, lp_date since, lp_date until, struct lp_period **out);

/*
 * The level of each standard at the end of each period, from one
 * portfolio's level history h (oldest first, as lp_level_history gives
 * it): levels[k * LP_NSTANDARDS + i] is the level of standard i set by
 * the last change committed on or before periods[k].end, LP_LEVEL_NONE
 * before any.  A change counts by its commit's date, as the repository
 * stood then; periods must be in order.
 */
void lp_progress_levels(const struct lp_level_history *h, const struct lp_period *periods,
    size_t n, int *levels);

#endif
