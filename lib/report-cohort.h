/*
 * report-cohort.h - what lp-report's cohort commands share: reading a
 * cohort (from directories, --at or --git) as practitioners, each the
 * answers of the rules about one portfolio (struct lp_report_person), and
 * the rows of the summary and coverage, which both the row output and
 * the workbook print.  Rows rendered from standard input (render) are
 * here too, to keep the program file to its tables.
 */
#ifndef LP_REPORT_COHORT_H
#define LP_REPORT_COHORT_H

#include <stdio.h>

#include "lp.h"
#include "calendars.h"
#include "report.h"

/* Where the portfolios come from, besides the operands and ctx->at. */
struct lp_report_source {
	const char *git;	/* --git PATH: repositories instead of directories */
	const char *ref;	/* --ref GLOB */
	int submitted;		/* --submitted: each at its latest submission tag */
};

struct lp_activity;

/* Reading a cohort as practitioners. */
struct lp_report_reader {
	const struct lp_ctx *ctx;
	struct lp_report_source src;
	struct lp_calendars cals;
	/*
	 * The repository of the last portfolio read from a directory, kept
	 * while the next ones are in its work tree (a cohort in one
	 * repository is opened once), for last_activity.
	 */
	struct lp_git *git;
	char *git_workdir;
	struct lp_activity *activity;	/* that repository's index (activity.h) */
	struct lp_git_outside outside;	/* where portfolios were found outside git */
	/* When set, each portfolio read is also counted here (html, workbook). */
	struct lp_cohort_progress *progress;
};

/* 0, or -1 when the fixed calendar is unusable (diagnostic printed). */
int lp_report_reader_init(struct lp_report_reader *r, const struct lp_ctx *ctx,
    const struct lp_report_source *src);
void lp_report_reader_free(struct lp_report_reader *r);

/* --within for the expiry part of a stage (SPEC 6 rule 2), and the html horizon. */
long lp_report_within(const struct lp_ctx *ctx);

/* Everything the cohort outputs show about p, asked of lib/rules.c.  0 or -1. */
int lp_report_person_of(struct lp_report_reader *r, const struct lp_portfolio *p,
    struct lp_report_person *pp);


/* Called for each practitioner; pp is freed after it returns.  0, or -1. */
typedef int (*lp_report_person_fn)(struct lp_report_person *pp, void *arg);

/*
 * Every portfolio of the operands (ctx->operands, or the source), handed
 * to fn as a person.  A bad evidence file or assessment row is reported
 * and left out; a portfolio whose portfolio.md is unusable is reported
 * and skipped.  0, or -1 when anything was reported.
 */
int lp_report_each(struct lp_report_reader *r, lp_report_person_fn fn, void *arg);
/* The same with the portfolios themselves (loaded with what). */
int lp_report_each_portfolio(struct lp_report_reader *r, unsigned what,
    lp_cohort_fn fn, void *arg);

/* ---- the summary: one row per practitioner ---- */

extern const struct lp_col lp_report_summary_cols[];
extern const size_t lp_report_summary_ncols;

/* One summary row: v[0..lp_report_summary_ncols), pointing into the row and pp. */
struct lp_report_summary_row {
	char commenced[11], deadline[11], accredited[11], expires[11], last_activity[11];
	char assessed[16], unsupported[16], evidence[16];
	const char *v[20];
};

void lp_report_summary_row(const struct lp_report_person *pp, struct lp_report_summary_row *row);

/* ---- coverage: one row per standard ---- */

extern const struct lp_col lp_report_coverage_cols[];
extern const size_t lp_report_coverage_ncols;

struct lp_report_coverage_row {
	char n[7][24];
	const char *v[8];
};

void lp_report_coverage_row(const struct lp_report_cov *cov, int standard,
    struct lp_report_coverage_row *row);

/* ---- workbook ---- */

struct lp_cohort_progress;

/*
 * The cohort c (its people are sorted by id here) as one xlsx workbook on
 * out: sheets summary, coverage, levels, deadlines, expiries and, when pg
 * is not NULL, progress.  0, or -1 after a diagnostic (a terminal is
 * refused).
 */
int lp_report_workbook(struct lp_report_cohort *c, const struct lp_cohort_progress *pg, FILE *out);

/* ---- render: rows from standard input ---- */

/*
 * Read rows (CSV, JSON array or JSON Lines) from in, named name in
 * diagnostics, and write them to out as fmt: any row format, md or html
 * (with title).  LP_EXIT_OK, or LP_EXIT_ERROR after a diagnostic.
 */
int lp_report_render(const struct lp_ctx *ctx, FILE *in, const char *name,
    enum lp_format fmt, const char *title, FILE *out);

#endif
