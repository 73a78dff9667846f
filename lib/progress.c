/*
 * progress.c - the levels of a portfolio at the end of each month or term.
 *
 * lp-report progress counts, at the end of each period, how many
 * practitioners stood at each level: that needs, per portfolio, its
 * level per standard at each period end.  It comes from one walk of the
 * portfolio's history (lp_level_history) and one pass over its changes
 * here, whatever the number of periods.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "progress.h"

int
lp_period_by_parse(const char *s, enum lp_period_by *by)
{
	if (strcmp(s, "month") == 0)
		*by = LP_PERIOD_MONTH;
	else if (strcmp(s, "term") == 0)
		*by = LP_PERIOD_TERM;
	else
		return -1;
	return 0;
}

/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
lp_date
lp_easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;

	return lp_date_from_ymd(y, month, day);
}

static void
month_of(lp_date d, struct lp_period *p)
{
	int y, m, dd;

	lp_date_to_ymd(d, &y, &m, &dd);
	snprintf(p->label, sizeof p->label, "%04d-%02d", y, m);
	p->start = lp_date_from_ymd(y, m, 1);
	p->end = (m == 12 ? lp_date_from_ymd(y + 1, 1, 1) : lp_date_from_ymd(y, m + 1, 1)) - 1;
}

static void
term_of(lp_date d, struct lp_period *p)
{
	int y, m, dd;
	lp_date easter;

	lp_date_to_ymd(d, &y, &m, &dd);
	easter = lp_easter(y);
	if (m >= 9) {
		snprintf(p->label, sizeof p->label, "%04d-autumn", y);
		p->start = lp_date_from_ymd(y, 9, 1);
		p->end = lp_date_from_ymd(y, 12, 31);
	} else if (d < easter) {
		snprintf(p->label, sizeof p->label, "%04d-spring", y);
		p->start = lp_date_from_ymd(y, 1, 1);
		p->end = easter - 1;
	} else {
		snprintf(p->label, sizeof p->label, "%04d-summer", y);
		p->start = easter;
		p->end = lp_date_from_ymd(y, 8, 31);
	}
}

void
lp_period_of(enum lp_period_by by, lp_date d, struct lp_period *p)
{
	if (by == LP_PERIOD_TERM)
		term_of(d, p);
	else
		month_of(d, p);
}

size_t
lp_periods(enum lp_period_by by, lp_date since, lp_date until, struct lp_period **out)
{
	struct lp_period *v = NULL;
	size_t n = 0, cap = 0;

	*out = NULL;
	if (since > until)
		return 0;
	for (lp_date d = since; d <= until;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = lp_xreallocarray(v, cap, sizeof *v);
		}
		lp_period_of(by, d, &v[n]);
		d = v[n++].end + 1;
	}
	*out = v;
	return n;
}

void
lp_progress_levels(const struct lp_level_history *h, const struct lp_period *periods,
    size_t n, int *levels)
{
	int now[LP_NSTANDARDS];
	size_t c = 0;

	for (int i = 0; i < LP_NSTANDARDS; i++)
		now[i] = LP_LEVEL_NONE;
	for (size_t k = 0; k < n; k++) {
		/* Changes come oldest first: apply those up to this period's end. */
		for (; c < h->n && h->v[c].day <= periods[k].end; c++)
			now[h->v[c].standard] = h->v[c].level;
		memcpy(levels + k * LP_NSTANDARDS, now, sizeof now);
	}
}
