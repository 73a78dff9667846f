/*
 * rules.c - the rules the numbers follow (SPEC section 6), in one place.
 *
 * Deadlines, expiry, evidence levels, readiness, windows and stages are
 * computed here and nowhere else, so that lp-window, lp-assess,
 * lp-reaccredit and lp-report always agree about a portfolio.
 */
#include <stdlib.h>
#include <string.h>

#include "lp.h"

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

/* ---- windows: the rules (the calendar itself is calendar.c's) ---- */

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
