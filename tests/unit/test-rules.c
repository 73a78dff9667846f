/*
 * test-rules.c - SPEC section 6, checked directly against lib/rules.c.
 *
 * Every program takes its numbers from these functions, so the edge
 * cases the contract names (29 February, a deadline on the day a window
 * closes, no window left, a window open today, expiry boundaries, the
 * stage order) are pinned down here once.  Prints TAP.
 */
#include <stdlib.h>
#include <string.h>

#include "lp.h"

static int ntests, nfail;

static void
ok(int cond, const char *name)
{
	ntests++;
	if (!cond)
		nfail++;
	printf("%sok %d - %s\n", cond ? "" : "not ", ntests, name);
}

static lp_date
D(const char *s)
{
	lp_date d;

	if (lp_date_parse(s, &d) < 0) {
		fprintf(stderr, "bad test date %s\n", s);
		exit(2);
	}
	return d;
}

static void
is_date(lp_date got, const char *want, const char *name)
{
	char buf[11];

	lp_date_format(got, buf);
	ok(strcmp(buf, want) == 0, name);
	if (strcmp(buf, want) != 0)
		printf("#   got %s, want %s\n", buf, want);
}

static void
is_window(const struct lp_window *w, const char *want, const char *name)
{
	const char *got = w ? w->id : "";

	ok(strcmp(got, want) == 0, name);
	if (strcmp(got, want) != 0)
		printf("#   got '%s', want '%s'\n", got, want);
}

static void
test_deadlines(void)
{
	is_date(lp_deadline(D("2024-02-29")), "2026-02-28", "deadline of 29 February is 28 February");
	is_date(lp_deadline(D("2024-03-01")), "2026-03-01", "deadline two years on");
	is_date(lp_expiry(D("2024-02-29")), "2027-02-28", "expiry of a 29 February award");
	is_date(lp_expiry(D("2025-06-15")), "2028-06-15", "expiry three years on");
	is_date(lp_date_add_years(D("2024-02-29"), 4), "2028-02-29", "29 February to a leap year stays");
}

static void
test_timeline(const struct lp_calendar *cal)
{
	struct lp_timeline t;

	/* Deadline 2026-11-30 is the day 2026-11 closes: that window is usable. */
	lp_timeline(cal, D("2024-11-30"), D("2026-01-15"), &t);
	is_date(t.deadline, "2026-11-30", "deadline on a closing day");
	is_window(t.next, "2026-03", "next window is the first usable one");
	is_window(t.last, "2026-11", "a window closing on the deadline is the last");
	ok(t.windows_left == 3, "three windows left (2026-03, 2026-06, 2026-11)");

	/* Deadline the day before a window closes: that window is out. */
	lp_timeline(cal, D("2024-11-29"), D("2026-01-15"), &t);
	is_window(t.last, "2026-06", "a window closing after the deadline is not usable");
	ok(t.windows_left == 2, "two windows left");

	/* Today is a closing day: still usable. */
	lp_timeline(cal, D("2025-01-10"), D("2026-03-31"), &t);
	is_window(t.next, "2026-03", "a window closing today is usable");

	/* Open today. */
	ok(lp_window_is_open(lp_calendar_window(cal, "2026-03"), D("2026-03-01")),
	    "a window is open on its first day");
	ok(!lp_window_is_open(lp_calendar_window(cal, "2026-03"), D("2026-04-01")),
	    "and not the day after it closes");

	/* Deadline passed: nothing left, last window in the past. */
	lp_timeline(cal, D("2023-01-10"), D("2026-01-15"), &t);
	ok(t.next == NULL && t.windows_left == 0, "no window left after the deadline");
	is_window(t.last, "2024-11", "last window is in the past");

	/* Commenced before the calendar starts: no window before 2024-03. */
	lp_timeline(cal, D("2021-06-01"), D("2026-01-15"), &t);
	ok(t.last == NULL, "no last window when none closes by the deadline");
}

static void
init_portfolio(struct lp_portfolio *p)
{
	memset(p, 0, sizeof *p);
	p->commenced = D("2025-01-10");
	p->submitted = p->accredited = LP_DATE_NONE;
	for (int i = 0; i < LP_NSTANDARDS; i++)
		p->assess[i].date = LP_DATE_NONE;
}

static void
add_evidence(struct lp_portfolio *p, unsigned standards, int reach)
{
	p->ev = lp_xreallocarray(p->ev, p->nev + 1, sizeof *p->ev);
	memset(&p->ev[p->nev], 0, sizeof *p->ev);
	p->ev[p->nev].standards = standards;
	p->ev[p->nev].reach = reach;
	p->nev++;
}

static void
test_support(void)
{
	struct lp_portfolio p;

	init_portfolio(&p);
	ok(lp_evidence_level(&p, 0) == LP_LEVEL_NONE, "no evidence: level none");
	add_evidence(&p, 1u << 0 | 1u << 4, LP_REACH_TEAM);
	add_evidence(&p, 1u << 4, LP_REACH_BEYOND);
	ok(lp_evidence_level(&p, 0) == LP_LEVEL_DEVELOPING, "team reach supports developing");
	ok(lp_evidence_level(&p, 4) == LP_LEVEL_TRANSFORMING, "the best reach wins");
	ok(lp_evidence_count(&p, 4) == 2, "items naming a standard are counted");
	p.assess[0].level = LP_LEVEL_EXTENDING;
	ok(!lp_supported(&p, 0), "extending is not supported by team reach");
	ok(lp_standard_status(&p, 0, LP_LEVEL_EXTENDING) == LP_STATUS_UNSUPPORTED, "status unsupported");
	ok(lp_standard_status(&p, 1, LP_LEVEL_EXTENDING) == LP_STATUS_NOT_ASSESSED, "status not-assessed");
	p.assess[4].level = LP_LEVEL_DEVELOPING;
	ok(lp_standard_status(&p, 4, LP_LEVEL_EXTENDING) == LP_STATUS_BELOW_MIN, "status below-min");
	ok(lp_standard_status(&p, 4, LP_LEVEL_DEVELOPING) == LP_STATUS_OK, "--min developing makes it ok");
	ok(lp_assessed_count(&p) == 2, "assessed counts levels above none");
	ok(lp_unsupported_count(&p) == 1, "unsupported counts levels above evidence");
	free(p.ev);
}

static void
make_ready(struct lp_portfolio *p)
{
	add_evidence(p, 0x3ff, LP_REACH_INSTITUTION);
	for (int i = 0; i < LP_NSTANDARDS; i++)
		p->assess[i].level = LP_LEVEL_EXTENDING;
}

static void
stage_is(const struct lp_portfolio *p, const char *today, const char *want, const char *name)
{
	const char *got = lp_stage_name(lp_stage_of(p, D(today), LP_LEVEL_EXTENDING, 180));

	ok(strcmp(got, want) == 0, name);
	if (strcmp(got, want) != 0)
		printf("#   got %s, want %s\n", got, want);
}

static void
test_stages(void)
{
	struct lp_portfolio p;

	init_portfolio(&p);
	stage_is(&p, "2026-01-15", "not-started", "nothing done: not-started");
	p.assess[2].level = LP_LEVEL_UNDERLYING;
	stage_is(&p, "2026-01-15", "in-progress", "a level assessed: in-progress");
	p.assess[2].level = LP_LEVEL_NONE;
	add_evidence(&p, 1, LP_REACH_TEAM);
	stage_is(&p, "2026-01-15", "in-progress", "evidence only: in-progress");
	make_ready(&p);
	stage_is(&p, "2026-01-15", "ready", "all extending and supported: ready");
	ok(lp_stage_of(&p, D("2026-01-15"), LP_LEVEL_TRANSFORMING, 180) == LP_STAGE_IN_PROGRESS,
	    "--min transforming: not ready");
	stage_is(&p, "2027-01-10", "ready", "on the deadline day: not overdue");
	stage_is(&p, "2027-01-11", "overdue", "the day after the deadline: overdue");
	p.submitted = D("2026-03-10");
	stage_is(&p, "2027-06-01", "submitted", "submitted without outcome beats overdue");
	p.outcome = LP_OUTCOME_REFERRED;
	stage_is(&p, "2026-05-01", "referred", "referred before the deadline");
	stage_is(&p, "2027-06-01", "overdue", "referred after the deadline: overdue");
	p.outcome = LP_OUTCOME_ACCREDITED;
	p.accredited = D("2026-04-20");
	stage_is(&p, "2026-05-01", "accredited", "accredited");
	stage_is(&p, "2028-10-23", "due", "expiry within 180 days: due");
	stage_is(&p, "2029-04-20", "due", "expiry today: due");
	stage_is(&p, "2029-04-21", "expired", "the day after expiry: expired");
	p.outcome = LP_OUTCOME_WITHDRAWN;
	stage_is(&p, "2029-04-21", "withdrawn", "withdrawn comes first");
	free(p.ev);
}

static void
test_renewal(void)
{
	lp_date exp;
	long left;

	ok(lp_renewal_of(LP_DATE_NONE, D("2026-01-15"), 180, &exp, &left) == LP_RENEWAL_NOT_ACCREDITED,
	    "no award: not-accredited");
	ok(lp_renewal_of(D("2023-07-19"), D("2026-01-20"), 180, &exp, &left) == LP_RENEWAL_DUE && left == 180,
	    "exactly 180 days left: due");
	ok(lp_renewal_of(D("2023-07-20"), D("2026-01-20"), 180, &exp, &left) == LP_RENEWAL_CURRENT && left == 181,
	    "181 days left: current");
	ok(lp_renewal_of(D("2023-01-20"), D("2026-01-20"), 180, &exp, &left) == LP_RENEWAL_DUE && left == 0,
	    "expires today: due, 0 days left");
	ok(lp_renewal_of(D("2023-01-20"), D("2026-01-21"), 180, &exp, &left) == LP_RENEWAL_EXPIRED && left == -1,
	    "the day after: expired, -1 days");
	ok(lp_renewal_of(D("2024-02-29"), D("2027-02-28"), 0, &exp, &left) == LP_RENEWAL_DUE,
	    "29 February award expires on 28 February");
}

static void
test_windows_file(void)
{
	struct lp_calendar cal;
	const char good[] = "id,term,opens,closes\n2026-07,summer,2026-07-01,2026-07-10\n2026-02,spring,2026-02-01,2026-02-20\n";
	const char dup[] = "id,term,opens,closes\n2026-07,summer,2026-07-01,2026-07-10\n2026-07,x,2026-07-01,2026-07-10\n";
	const char inverted[] = "id,term,opens,closes\n2026-07,summer,2026-07-11,2026-07-10\n";
	const char badid[] = "id,term,opens,closes\n2026-13,summer,2026-07-01,2026-07-10\n";

	ok(lp_calendar_parse(&cal, "w.csv", good, sizeof good - 1) == 0 && cal.n == 2 &&
	    strcmp(cal.w[0].id, "2026-02") == 0, "windows.csv is read and sorted by closes");
	lp_calendar_free(&cal);
	fputs("# (three diagnostics follow, expected)\n", stdout);
	fflush(stdout);
	ok(lp_calendar_parse(&cal, "w.csv", dup, sizeof dup - 1) < 0, "a duplicate window id is an error");
	ok(lp_calendar_parse(&cal, "w.csv", inverted, sizeof inverted - 1) < 0, "opens after closes is an error");
	ok(lp_calendar_parse(&cal, "w.csv", badid, sizeof badid - 1) < 0, "month 13 is not a window id");
}

int
main(int argc, char **argv)
{
	struct lp_calendar cal;

	(void)argc;
	lp_setprogname(argv[0]);
	lp_calendar_builtin(&cal);
	ok(cal.n == 17 * 3, "built-in calendar: three windows a year, 2024 to 2040");
	is_window(&cal.w[0], "2024-03", "it starts with spring 2024");
	is_window(&cal.w[cal.n - 1], "2040-11", "and ends with autumn 2040");
	test_deadlines();
	test_timeline(&cal);
	test_support();
	test_stages();
	test_renewal();
	test_windows_file();
	lp_calendar_free(&cal);
	printf("1..%d\n", ntests);
	return nfail ? 1 : 0;
}
