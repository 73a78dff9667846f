/*
 * calendars.c - the window calendar of each portfolio of a cohort.
 *
 * A calendar named by --windows or LP_WINDOWS is the same for everyone
 * and read once; otherwise each portfolio gets the windows.csv nearest to
 * it (or the built-in calendar).  Portfolios come sorted, so siblings
 * share their parent's calendar, looked up once while they come.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendars.h"
#include "lp.h"

int
lp_calendars_init(struct lp_calendars *cs, const struct lp_ctx *ctx)
{
	const char *env = getenv("LP_WINDOWS");

	memset(cs, 0, sizeof *cs);
	cs->ctx = ctx;
	if (ctx->windows_path || (env && *env)) {
		if (lp_calendar_for(&cs->fixed, ctx->windows_path, NULL) < 0)
			return -1;
		cs->have_fixed = 1;
	}
	return 0;
}

/*
 * The calendar for a portfolio directory with no windows.csv of its own.
 * Portfolios come sorted, so siblings are met one after another: the
 * calendar of their common parent is looked up once and kept until the
 * parent changes.
 */
static int
parent_calendar(struct lp_calendars *cs, const char *dir, const struct lp_calendar **cal)
{
	const char *slash = strrchr(dir, '/');
	char *parent = slash ? lp_xstrndup(dir, (size_t)(slash - dir + 1)) : lp_xstrdup(".");

	if (!cs->parent || strcmp(cs->parent, parent) != 0) {
		free(cs->parent);
		lp_calendar_free(&cs->kept);
		cs->kept_bad = lp_calendar_for(&cs->kept, NULL, parent) < 0;
		cs->parent = parent;
	} else {
		free(parent);
	}
	*cal = &cs->kept;
	return cs->kept_bad ? -1 : 0;
}

/* p's calendar: a shared one, or *mine filled in (free it with lp_calendar_free). */
int
lp_calendars_get(struct lp_calendars *cs, const struct lp_portfolio *p,
    struct lp_calendar *mine, const struct lp_calendar **cal)
{
	const char *dir;
	char *own;
	int has_own;

	memset(mine, 0, sizeof *mine);
	if (cs->have_fixed) {
		*cal = &cs->fixed;
		return 0;
	}
	/*
	 * A portfolio read from git has no directory: --at uses the one we
	 * run in; --git the built-in calendar (or --windows).
	 */
	dir = lp_tree_dir(p->tree);
	if (!dir && cs->ctx->at)
		dir = cs->ctx->dir ? cs->ctx->dir : ".";
	if (!dir) {
		if (!cs->have_builtin)
			lp_calendar_builtin(&cs->builtin);
		cs->have_builtin = 1;
		*cal = &cs->builtin;
		return 0;
	}
	own = lp_xasprintf("%s/windows.csv", dir);
	has_own = access(own, F_OK) == 0;
	free(own);
	if (!has_own)
		return parent_calendar(cs, dir, cal);
	if (lp_calendar_for(mine, NULL, dir) < 0)
		return -1;
	*cal = mine;
	return 0;
}

void
lp_calendars_free(struct lp_calendars *cs)
{
	if (cs->have_fixed)
		lp_calendar_free(&cs->fixed);
	lp_calendar_free(&cs->kept);
	if (cs->have_builtin)
		lp_calendar_free(&cs->builtin);
	free(cs->parent);
}
