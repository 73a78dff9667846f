/*
 * test-progress.c - unit tests for lib/progress.c, printed as TAP:
 * Easter, months and terms, and the level of each standard at the end of
 * each period from a portfolio's level history.  tests/207-assess-progress.t
 * runs it.  With operands REPO SUBDIR [REV] it prints instead the level
 * history of the portfolio at SUBDIR of the repository REPO (bare or not)
 * as date,commit,standard,level,assessed lines, for the test to compare
 * with lp-assess history.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "progress.h"

static int n, failed;

static void ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	n++;
	if (!cond)
		failed++;
	printf("%s %d - ", cond ? "ok" : "not ok", n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static lp_date
day(const char *s)
{
	lp_date d;

	if (lp_date_parse(s, &d) < 0)
		abort();
	return d;
}

static void
test_easter(void)
{
	static const struct { int y; const char *want; } cases[] = {
		{ 2000, "2000-04-23" }, { 2024, "2024-03-31" }, { 2025, "2025-04-20" },
		{ 2026, "2026-04-05" }, { 2038, "2038-04-25" }, { 2285, "2285-03-22" },
	};

	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char got[11];

		lp_date_format(lp_easter(cases[k].y), got);
		ok(strcmp(got, cases[k].want) == 0, "Easter %d is %s (got %s)",
		    cases[k].y, cases[k].want, got);
	}
}

static void
test_period_of(void)
{
	static const struct { enum lp_period_by by; const char *d, *label, *start, *end; } cases[] = {
		{ LP_PERIOD_MONTH, "2025-02-14", "2025-02", "2025-02-01", "2025-02-28" },
		{ LP_PERIOD_MONTH, "2024-02-29", "2024-02", "2024-02-01", "2024-02-29" },
		{ LP_PERIOD_MONTH, "2025-12-31", "2025-12", "2025-12-01", "2025-12-31" },
		{ LP_PERIOD_TERM, "2025-09-01", "2025-autumn", "2025-09-01", "2025-12-31" },
		{ LP_PERIOD_TERM, "2025-12-31", "2025-autumn", "2025-09-01", "2025-12-31" },
		{ LP_PERIOD_TERM, "2026-01-01", "2026-spring", "2026-01-01", "2026-04-04" },
		{ LP_PERIOD_TERM, "2026-04-04", "2026-spring", "2026-01-01", "2026-04-04" },
		{ LP_PERIOD_TERM, "2026-04-05", "2026-summer", "2026-04-05", "2026-08-31" },
		{ LP_PERIOD_TERM, "2026-08-31", "2026-summer", "2026-04-05", "2026-08-31" },
	};

	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct lp_period p;
		char s[11], e[11];

		lp_period_of(cases[k].by, day(cases[k].d), &p);
		lp_date_format(p.start, s);
		lp_date_format(p.end, e);
		ok(strcmp(p.label, cases[k].label) == 0 && strcmp(s, cases[k].start) == 0 &&
		    strcmp(e, cases[k].end) == 0, "%s is in %s, %s to %s (got %s, %s to %s)",
		    cases[k].d, cases[k].label, cases[k].start, cases[k].end, p.label, s, e);
	}
}

static void
test_periods(void)
{
	struct lp_period *v;
	enum lp_period_by by;
	size_t m;

	m = lp_periods(LP_PERIOD_TERM, day("2025-09-01"), day("2026-09-01"), &v);
	ok(m == 4 && strcmp(v[0].label, "2025-autumn") == 0 && strcmp(v[1].label, "2026-spring") == 0 &&
	    strcmp(v[2].label, "2026-summer") == 0 && strcmp(v[3].label, "2026-autumn") == 0,
	    "terms from 2025-09-01 to 2026-09-01: autumn, spring, summer, autumn");
	free(v);
	m = lp_periods(LP_PERIOD_MONTH, day("2025-11-15"), day("2026-02-01"), &v);
	ok(m == 4 && strcmp(v[0].label, "2025-11") == 0 && strcmp(v[3].label, "2026-02") == 0 &&
	    v[0].start == day("2025-11-01"), "months: the one holding since to the one holding until");
	for (size_t k = 1; k < m; k++)
		ok(v[k].start == v[k - 1].end + 1, "month %zu starts the day after the one before", k);
	free(v);
	m = lp_periods(LP_PERIOD_MONTH, day("2026-02-01"), day("2025-11-15"), &v);
	ok(m == 0 && v == NULL, "since after until: no periods");
	ok(lp_period_by_parse("term", &by) == 0 && by == LP_PERIOD_TERM, "--by term");
	ok(lp_period_by_parse("month", &by) == 0 && by == LP_PERIOD_MONTH, "--by month");
	ok(lp_period_by_parse("week", &by) < 0, "--by week is refused");
}

static void
change(struct lp_level_history *h, const char *d, int i, int level)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 8;
		h->v = realloc(h->v, h->cap * sizeof *h->v);
	}
	memset(&h->v[h->n], 0, sizeof h->v[h->n]);
	h->v[h->n].day = day(d);
	h->v[h->n].standard = i;
	h->v[h->n].level = level;
	h->v[h->n].assessed = LP_DATE_NONE;
	h->n++;
}

static void
test_levels(void)
{
	struct lp_level_history h = {0};
	struct lp_period *v;
	int *lv;
	size_t m;

	change(&h, "2025-09-11", 0, LP_LEVEL_UNDERLYING);
	change(&h, "2025-10-02", 0, LP_LEVEL_DEVELOPING);
	change(&h, "2025-10-31", 1, LP_LEVEL_EXTENDING);	/* the period's last day counts */
	change(&h, "2025-12-01", 1, LP_LEVEL_NONE);
	m = lp_periods(LP_PERIOD_MONTH, day("2025-08-01"), day("2025-12-31"), &v);
	lv = calloc(m * LP_NSTANDARDS, sizeof *lv);
	lp_progress_levels(&h, v, m, lv);
	ok(m == 5, "five months");
	ok(lv[0 * LP_NSTANDARDS + 0] == LP_LEVEL_NONE, "August: LP1 none, before any change");
	ok(lv[1 * LP_NSTANDARDS + 0] == LP_LEVEL_UNDERLYING, "September: LP1 underlying");
	ok(lv[2 * LP_NSTANDARDS + 0] == LP_LEVEL_DEVELOPING, "October: LP1 developing");
	ok(lv[2 * LP_NSTANDARDS + 1] == LP_LEVEL_EXTENDING, "October: LP2 extending (set on the 31st)");
	ok(lv[3 * LP_NSTANDARDS + 0] == LP_LEVEL_DEVELOPING && lv[3 * LP_NSTANDARDS + 1] == LP_LEVEL_EXTENDING,
	    "November: nothing changed, the levels stay");
	ok(lv[4 * LP_NSTANDARDS + 1] == LP_LEVEL_NONE, "December: LP2 back to none");
	ok(lv[4 * LP_NSTANDARDS + 9] == LP_LEVEL_NONE, "LP10, never assessed: none");
	free(lv);
	free(v);
	m = lp_periods(LP_PERIOD_TERM, day("2025-09-01"), day("2026-01-10"), &v);
	lv = calloc(m * LP_NSTANDARDS, sizeof *lv);
	lp_progress_levels(&h, v, m, lv);
	ok(m == 2 && lv[0] == LP_LEVEL_DEVELOPING && lv[1] == LP_LEVEL_NONE &&
	    lv[LP_NSTANDARDS] == LP_LEVEL_DEVELOPING,
	    "terms: the end of autumn 2025 and of spring 2026");
	free(lv);
	free(v);
	free(h.v);
	h = (struct lp_level_history){0};
	m = lp_periods(LP_PERIOD_MONTH, day("2025-01-01"), day("2025-02-01"), &v);
	lv = calloc(m * LP_NSTANDARDS, sizeof *lv);
	lv[0] = 3;
	lp_progress_levels(&h, v, m, lv);
	ok(lv[0] == LP_LEVEL_NONE && lv[LP_NSTANDARDS + 9] == LP_LEVEL_NONE, "no history: none everywhere");
	free(lv);
	free(v);
}

static int
print_history(const char *repo, const char *subdir, const char *rev)
{
	struct lp_level_history h = {0};
	struct lp_git *g = NULL;
	int rc;

	lp_git_global_init();
	if (lp_git_open_bare(repo, &g) < 0)
		return 2;
	rc = lp_level_history_git(g, rev, subdir, &h);
	for (size_t k = 0; k < h.n; k++) {
		char d[11], a[11];

		lp_date_format(h.v[k].day, d);
		lp_date_format(h.v[k].assessed, a);
		printf("%s,%s,%s,%s,%s\n", d, h.v[k].commit, lp_standard_id(h.v[k].standard),
		    lp_level_name(h.v[k].level), a);
	}
	lp_level_history_free(&h);
	lp_git_free(g);
	lp_git_global_shutdown();
	return rc < 0 ? 2 : 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 3)
		return print_history(argv[1], argv[2], argc > 3 ? argv[3] : NULL);
	test_easter();
	test_period_of();
	test_periods();
	test_levels();
	printf("1..%d\n", n);
	return failed != 0;
}
