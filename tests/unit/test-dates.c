/*
 * test-dates.c - unit tests for lib/date.c and the parsing half of
 * lib/framework.c, printed as TAP.
 *
 * These are the rules every deadline, expiry and level in lp rests on,
 * so they are tested as tables: each row a case a user could type.
 * tests/040-dates-framework.t runs this program and forwards its lines.
 * Diagnostics the library prints (lp_today's) go to stderr, where the
 * shell test compares them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lp.h"

struct tap {
	int n;
	int failed;
};

static void ok(struct tap *t, int cond, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
ok(struct tap *t, int cond, const char *fmt, ...)
{
	va_list ap;

	t->n++;
	if (!cond)
		t->failed++;
	printf("%s %d - ", cond ? "ok" : "not ok", t->n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void
diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* A date string and the day number it parses to, or INVALID. */
#define INVALID INT32_MAX

static const struct {
	const char *text;
	int32_t day;
} parse_cases[] = {
	{ "1970-01-01", 0 },
	{ "1969-12-31", -1 },
	{ "1900-01-01", -25567 },
	{ "2000-03-01", 11017 },
	{ "2026-01-15", 20468 },
	{ "1000-01-01", -354285 },
	{ "9999-12-31", 2932896 },
	{ "2024-02-29", 19782 },
	{ "2000-02-29", 11016 },
	{ "2025-12-31", 20453 },
	{ "2025-04-30", 20208 },
	{ "0999-01-01", INVALID },
	{ "0000-01-01", INVALID },
	{ "2023-02-29", INVALID },
	{ "2025-02-29", INVALID },
	{ "2025-02-30", INVALID },
	{ "2025-04-31", INVALID },
	{ "2100-02-29", INVALID },
	{ "1900-02-29", INVALID },
	{ "2025-13-01", INVALID },
	{ "2025-00-10", INVALID },
	{ "2025-01-00", INVALID },
	{ "2025-01-32", INVALID },
	{ "2025-1-01", INVALID },
	{ "2025-01-1", INVALID },
	{ " 2025-01-01", INVALID },
	{ "2025-01-01 ", INVALID },
	{ "2025-01-01x", INVALID },
	{ "2025-01-01T00:00", INVALID },
	{ "2025/01/01", INVALID },
	{ "20250101", INVALID },
	{ "25-01-01", INVALID },
	{ "+2025-01-01", INVALID },
	{ "2025-+1-01", INVALID },
	{ "2025-01--1", INVALID },
	{ "２０２５-01-01", INVALID },
	{ "", INVALID },
	{ "10000-01-01", INVALID },
	{ "01/05/2025", INVALID },
};

static void
test_parse(struct tap *t)
{
	for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
		const char *s = parse_cases[i].text;
		int32_t want = parse_cases[i].day;
		lp_date got = 12345;
		int rc = lp_date_parse(s, &got);

		if (want == INVALID)
			ok(t, rc == -1 && got == 12345,
			    "date_parse rejects '%s'", s);
		else
			ok(t, rc == 0 && got == want,
			    "date_parse '%s' is day %d", s, (int)want);
	}
	ok(t, lp_date_parse(NULL, &(lp_date){0}) == -1, "date_parse rejects NULL");
}

/*
 * Walk the calendar one day at a time with a counter of our own and
 * check that conversion, formatting and parsing agree on every day.
 */
static void
test_round_trip(struct tap *t)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	lp_date day = lp_date_from_ymd(1900, 1, 1);
	long bad = 0, days = 0;

	for (int y = 1900; y <= 2100; y++) {
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

		for (int m = 1; m <= 12; m++) {
			int last = mdays[m - 1] + (m == 2 && leap);

			for (int d = 1; d <= last; d++, day++, days++) {
				char want[40], got[11];
				lp_date back = LP_DATE_NONE;
				int yy, mm, dd;

				snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
				lp_date_format(day, got);
				lp_date_to_ymd(day, &yy, &mm, &dd);
				if (strcmp(want, got) != 0 ||
				    lp_date_parse(want, &back) != 0 || back != day ||
				    lp_date_from_ymd(y, m, d) != day ||
				    yy != y || mm != m || dd != d) {
					if (bad++ < 5)
						diag("day %d: want %s, got %s",
						    (int)day, want, got);
				}
			}
		}
	}
	ok(t, bad == 0 && days == 73414,
	    "format/parse/ymd round trip over %ld days 1900..2100", days);
	ok(t, day == lp_date_from_ymd(2101, 1, 1), "day numbers are consecutive");
}

static void
test_format(struct tap *t)
{
	char out[11];

	memcpy(out, "xxxxxxxxxx", 11);
	lp_date_format(LP_DATE_NONE, out);
	ok(t, out[0] == '\0', "LP_DATE_NONE formats as empty");
	lp_date_format(lp_date_from_ymd(1000, 1, 1), out);
	ok(t, strcmp(out, "1000-01-01") == 0, "format 1000-01-01");
	lp_date_format(lp_date_from_ymd(9999, 12, 31), out);
	ok(t, strcmp(out, "9999-12-31") == 0, "format 9999-12-31");
	lp_date_format(lp_date_from_ymd(10002, 6, 1), out);
	ok(t, out[0] == '\0', "a year past 9999 formats as empty, not truncated");
}

static const struct {
	const char *from;
	int years;
	const char *want;
} add_cases[] = {
	{ "2024-02-29", 2, "2026-02-28" },
	{ "2024-02-29", 4, "2028-02-29" },
	{ "2024-02-29", 1, "2025-02-28" },
	{ "2024-02-29", 3, "2027-02-28" },
	{ "2096-02-29", 4, "2100-02-28" },
	{ "2000-02-29", -100, "1900-02-28" },
	{ "2023-03-01", 3, "2026-03-01" },
	{ "2025-12-31", 2, "2027-12-31" },
	{ "2025-02-28", 3, "2028-02-28" },
	{ "2026-01-15", 0, "2026-01-15" },
	{ "2025-09-01", 2, "2027-09-01" },
	{ "2024-03-01", -1, "2023-03-01" },
};

static void
test_add_years(struct tap *t)
{
	for (size_t i = 0; i < sizeof add_cases / sizeof add_cases[0]; i++) {
		lp_date d = 0;
		char got[11] = "";

		if (lp_date_parse(add_cases[i].from, &d) == 0)
			lp_date_format(lp_date_add_years(d, add_cases[i].years), got);
		ok(t, strcmp(got, add_cases[i].want) == 0,
		    "%s %+d years is %s (got %s)", add_cases[i].from,
		    add_cases[i].years, add_cases[i].want, got);
	}
	ok(t, lp_date_add_years(LP_DATE_NONE, 2) == LP_DATE_NONE,
	    "adding years to LP_DATE_NONE keeps it none");
}

static void
check_today(struct tap *t, const char *opt, const char *env, int want_rc,
    const char *want, const char *name)
{
	lp_date d = LP_DATE_NONE;
	char got[11];
	int rc;

	if (env)
		setenv("LP_TODAY", env, 1);
	else
		unsetenv("LP_TODAY");
	rc = lp_today(opt, &d);
	lp_date_format(d, got);
	ok(t, rc == want_rc && (want_rc < 0 || strcmp(got, want) == 0),
	    "today: %s (rc %d, got '%s')", name, rc, got);
}

/* The diagnostics these print are checked by the shell test. */
static void
test_today(struct tap *t)
{
	struct tm tm;
	time_t now;
	lp_date d = LP_DATE_NONE, sys;

	check_today(t, "2025-03-01", "2026-01-15", 0, "2025-03-01",
	    "--today wins over LP_TODAY");
	check_today(t, NULL, "2026-01-15", 0, "2026-01-15", "LP_TODAY");
	check_today(t, "2025-02-30", "2026-01-15", -1, NULL,
	    "a bad --today is an error, not a fallback");
	check_today(t, NULL, "15/01/2026", -1, NULL, "a bad LP_TODAY is an error");
	check_today(t, "", NULL, -1, NULL, "an empty --today is an error");

	/* Unset or empty LP_TODAY: the local date.  Allow for midnight. */
	unsetenv("LP_TODAY");
	now = time(NULL);
	localtime_r(&now, &tm);
	sys = lp_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	ok(t, lp_today(NULL, &d) == 0 && d >= sys && d <= sys + 1,
	    "today: the local date without LP_TODAY");
	setenv("LP_TODAY", "", 1);
	d = LP_DATE_NONE;
	ok(t, lp_today(NULL, &d) == 0 && d >= sys && d <= sys + 1,
	    "today: an empty LP_TODAY means the local date");
	unsetenv("LP_TODAY");
}

static const struct {
	const char *text;
	int level;
} level_cases[] = {
	{ "none", 0 }, { "NONE", 0 }, { "not assessed", 0 },
	{ "Not Assessed", 0 }, { "", 0 },
	{ "underlying", 1 }, { "Underlying", 1 }, { "beginning", 1 },
	{ "BEGINNING", 1 }, { "1", 1 },
	{ "developing", 2 }, { "Developing", 2 }, { "2", 2 },
	{ "extending", 3 }, { "EXTENDING", 3 }, { "3", 3 },
	{ "transforming", 4 }, { "Transforming", 4 },
	{ "transforming-and-leading", 4 }, { "Transforming-And-Leading", 4 },
	{ "leading", 4 }, { "4", 4 },
	{ "0", -1 }, { "5", -1 }, { "01", -1 }, { " extending", -1 },
	{ "extending ", -1 }, { "extend", -1 }, { "not-assessed", -1 },
	{ "transforming and leading", -1 }, { "level 3", -1 },
	{ "extendingx", -1 },
};

static void
test_levels(struct tap *t)
{
	static const char *const names[] = {
		"none", "underlying", "developing", "extending", "transforming"
	};

	for (size_t i = 0; i < sizeof level_cases / sizeof level_cases[0]; i++)
		ok(t, lp_level_parse(level_cases[i].text) == level_cases[i].level,
		    "level_parse '%s' is %d", level_cases[i].text,
		    level_cases[i].level);
	ok(t, lp_level_parse(NULL) == -1, "level_parse NULL is -1");
	for (int l = 0; l < LP_NLEVELS; l++) {
		const char *n = lp_level_name(l);

		ok(t, n && strcmp(n, names[l]) == 0 && lp_level_parse(n) == l,
		    "level_name %d is %s and parses back", l, names[l]);
	}
	ok(t, !lp_level_name(-1) && !lp_level_name(LP_NLEVELS),
	    "level_name out of range is NULL");
}

static void
test_reach(struct tap *t)
{
	static const struct {
		const char *text;
		int reach;
	} cases[] = {
		{ "colleague", 1 }, { "Colleague", 1 }, { "team", 2 },
		{ "TEAM", 2 }, { "institution", 3 }, { "Institution", 3 },
		{ "beyond", 4 }, { "BEYOND", 4 }, { "", -1 }, { "school", -1 },
		{ "colleagues", -1 }, { " team", -1 }, { "1", -1 },
	};
	static const char *const names[] = {
		"colleague", "team", "institution", "beyond"
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ok(t, lp_reach_parse(cases[i].text) == cases[i].reach,
		    "reach_parse '%s' is %d", cases[i].text, cases[i].reach);
	for (int r = 1; r <= LP_NREACH; r++) {
		const char *n = lp_reach_name(r);

		ok(t, n && strcmp(n, names[r - 1]) == 0 &&
		    lp_reach_parse(n) == r && lp_reach_supports(r) == r,
		    "reach %s supports %s", names[r - 1], lp_level_name(r));
	}
	ok(t, !lp_reach_name(0) && !lp_reach_name(5) &&
	    lp_reach_supports(0) == 0 && lp_reach_supports(5) == 0,
	    "reach out of range has no name and supports nothing");
}

static void
test_standards(struct tap *t)
{
	static const struct {
		const char *text;
		int index;
	} cases[] = {
		{ "LP1", 0 }, { "lp1", 0 }, { "Lp2", 1 }, { "lP3", 2 },
		{ "LP9", 8 }, { "LP10", 9 }, { "lp10", 9 },
		{ "LP0", -1 }, { "LP11", -1 }, { "LP01", -1 }, { "LP010", -1 },
		{ "LP", -1 }, { "LP 1", -1 }, { " LP1", -1 }, { "LP1 ", -1 },
		{ "LP-1", -1 }, { "LP+1", -1 }, { "1", -1 }, { "", -1 },
		{ "LPS1", -1 }, { "L1", -1 }, { "LP100", -1 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ok(t, lp_standard_parse(cases[i].text) == cases[i].index,
		    "standard_parse '%s' is %d", cases[i].text, cases[i].index);
	ok(t, lp_standard_parse(NULL) == -1, "standard_parse NULL is -1");
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		char want[8];
		const char *id = lp_standard_id(i);

		snprintf(want, sizeof want, "LP%d", i + 1);
		ok(t, id && strcmp(id, want) == 0 && lp_standard_parse(id) == i,
		    "standard_id %d is %s", i, want);
	}
	ok(t, !lp_standard_id(-1) && !lp_standard_id(10),
	    "standard_id out of range is NULL");
}

static int
distinct(const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (strcmp(v[i], v[j]) == 0)
				return 0;
	return 1;
}

static void
test_builtin(struct tap *t)
{
	static const char *const groups[LP_NSTANDARDS] = {
		"Attributes", "Attributes", "Attributes", "Attributes",
		"Expertise", "Expertise", "Expertise",
		"Leadership", "Leadership", "Leadership"
	};
	static const char prefix[] = "Have you thought about ";
	const struct lp_framework *fw = lp_framework_builtin();
	const struct lp_framework *got = NULL;
	const char *desc[40], *prompt[40], *names[LP_NSTANDARDS];
	size_t n = 0;
	int good_std = 1, good_text = 1, good_prompt = 1;

	ok(t, fw && fw->builtin == 1 && strcmp(fw->id, "LPS1") == 0,
	    "built-in framework is LPS1");
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		const struct lp_standard *st = &fw->std[i];

		names[i] = st->name ? st->name : "";
		if (!st->id || strcmp(st->id, lp_standard_id(i)) != 0 ||
		    !st->name || !*st->name || !st->group ||
		    strcmp(st->group, groups[i]) != 0 ||
		    st->descriptor[0] || st->prompt[0])
			good_std = 0;
		for (int l = 1; l < LP_NLEVELS; l++) {
			const char *d = st->descriptor[l], *p = st->prompt[l];

			if (!d || strlen(d) < 40 || !p || strlen(p) < 40) {
				good_text = 0;
				continue;
			}
			if (strncmp(p, prefix, sizeof prefix - 1) != 0 ||
			    p[strlen(p) - 1] != '?') {
				good_prompt = 0;
				diag("%s %s: %s", st->id, lp_level_name(l), p);
			}
			desc[n] = d;
			prompt[n] = p;
			n++;
		}
	}
	ok(t, good_std, "built-in: 10 standards with ids, names and groups");
	ok(t, distinct(names, LP_NSTANDARDS), "built-in: standard names are distinct");
	ok(t, good_text && n == 40, "built-in: 40 descriptors and 40 prompts");
	ok(t, distinct(desc, n), "built-in: descriptors are distinct");
	ok(t, distinct(prompt, n), "built-in: prompts are distinct");
	ok(t, good_prompt, "built-in: every prompt asks 'Have you thought about ...?'");
	ok(t, strcmp(fw->std[7].name, "Coaching to lead") == 0 &&
	    strcmp(fw->std[0].name, "Communicating and presenting") == 0 &&
	    strcmp(fw->std[9].name, "Networking to lead") == 0,
	    "built-in: names of LP1, LP8, LP10");

	unsetenv("LP_FRAMEWORK");
	ok(t, lp_framework_get(NULL, &got) == 0 && got == fw,
	    "framework_get with nothing set is the built-in");
	setenv("LP_FRAMEWORK", "", 1);
	got = NULL;
	ok(t, lp_framework_get(NULL, &got) == 0 && got == fw,
	    "framework_get with an empty LP_FRAMEWORK is the built-in");
	unsetenv("LP_FRAMEWORK");
	lp_framework_free((struct lp_framework *)fw);
	ok(t, fw->id && strcmp(fw->id, "LPS1") == 0,
	    "framework_free leaves the built-in alone");
}

int
main(int argc, char **argv)
{
	struct tap t = {0};

	lp_setprogname(argc > 0 ? argv[0] : "test-dates");
	test_parse(&t);
	test_round_trip(&t);
	test_format(&t);
	test_add_years(&t);
	test_today(&t);
	test_levels(&t);
	test_reach(&t);
	test_standards(&t);
	test_builtin(&t);
	printf("1..%d\n", t.n);
	return t.failed ? 1 : 0;
}
