/*
 * calendars.h - the window calendar of each portfolio of a cohort
 * (lp-window, lp-report).
 */
#ifndef LP_CALENDARS_H
#define LP_CALENDARS_H

#include "lp.h"

struct lp_calendars {
	const struct lp_ctx *ctx;
	struct lp_calendar fixed;	/* --windows or LP_WINDOWS, read once */
	int have_fixed;
	char *parent;		/* directory the kept calendar is for */
	struct lp_calendar kept;
	int kept_bad;		/* its windows.csv is malformed (reported once) */
	struct lp_calendar builtin;	/* for portfolios read from git, made once */
	int have_builtin;
};

/* 0, or -1 when the fixed calendar is unusable (said). */
int lp_calendars_init(struct lp_calendars *cs, const struct lp_ctx *ctx);
/*
 * p's calendar in *cal: a shared one, or *mine filled in (free it with
 * lp_calendar_free; it is zeroed when not used).  A portfolio read --at
 * REV has no directory: the calendar of the one lp runs in; one read
 * with --git, the built-in calendar (or --windows).  0 or -1 (said).
 */
int lp_calendars_get(struct lp_calendars *cs, const struct lp_portfolio *p,
    struct lp_calendar *mine, const struct lp_calendar **cal);
void lp_calendars_free(struct lp_calendars *cs);

#endif
