/*
 * report.h - the HTML that lp-report writes: the cohort dashboard and
 * rows rendered as a page (lib/report-html.c), and the moderation pack of
 * one portfolio (lib/report-pack.c).
 *
 * Only lp-report uses it, so it is not part of lp.h; it lives in lib/
 * because it is too big to share one file with the program.  Nothing here
 * decides a rule: the program fills the structures below from lib/rules.c
 * and these functions only lay the answers out.
 */
#ifndef LP_REPORT_H
#define LP_REPORT_H

#include "lp.h"

/*
 * One practitioner as a cohort report shows them: the answers of the
 * rules, kept small, because the dashboard holds every practitioner of a
 * cohort of 10,000 at once while a portfolio is in memory only during its
 * own callback.
 */
struct lp_report_person {
	char *id, *name, *school, *cohort, *label;
	enum lp_stage stage;
	lp_date commenced, deadline, accredited, expires;	/* LP_DATE_NONE when absent */
	enum lp_renewal renewal;
	long days_left;			/* to expiry, when accredited */
	char next_window[8];		/* "" when no usable window is left */
	lp_date next_closes;
	char last_window[8];
	lp_date last_closes;
	int windows_left;
	unsigned char level[LP_NSTANDARDS];	/* claimed, enum lp_level */
	unsigned short unsupported;	/* bit i: level above the evidence level (lp_supported) */
	unsigned short ok;		/* bit i: lp_standard_status is ok */
	int assessed;			/* lp_assessed_count */
	int nunsupported;		/* lp_unsupported_count */
	int nev;			/* evidence items */
	int ready;			/* lp_ready */
	lp_date last_activity;		/* newest commit touching it, else newest evidence */
	char target_window[8];		/* portfolio.md's target, "" when none */
	signed char signed_off;		/* case study signed off: 1, 0 not yet, -1 no case study */
};

void lp_report_person_free(struct lp_report_person *p);

/* The coverage of a cohort: per standard, practitioners by level. */
struct lp_report_cov {
	size_t n;				/* practitioners */
	size_t level[LP_NSTANDARDS][LP_NLEVELS];
	size_t supported[LP_NSTANDARDS];	/* above none and supported */
	size_t ok[LP_NSTANDARDS];		/* at least --min and supported */
};

void lp_report_cov_add(struct lp_report_cov *cov, const struct lp_report_person *p);

enum lp_report_group {
	LP_REPORT_BY_SCHOOL,
	LP_REPORT_BY_COHORT
};

/* Everything the dashboard shows, and how it was asked for. */
struct lp_cohort_progress;

struct lp_report_cohort {
	struct lp_report_person *v;
	size_t n, cap;
	const char *title;
	const struct lp_framework *fw;
	lp_date today;
	int min_level;
	long within;		/* days: deadlines and expiries shown, and the due stage */
	size_t rows_max;	/* per-practitioner rows shown in each table */
	enum lp_report_group group;
	const char *source;	/* "--at REV", "git PATH" or NULL, for the header */
	int incomplete;		/* some portfolios could not be read */
	const struct lp_findings *problems;	/* why, listed on the page (or NULL) */
	const struct lp_cohort_progress *progress;	/* the Progress section, or NULL */
};

/* Append a person (ownership of its strings passes to c). */
void lp_report_cohort_add(struct lp_report_cohort *c, struct lp_report_person *p);
void lp_report_cohort_free(struct lp_report_cohort *c);
/* The dashboard as one HTML document on out. */
void lp_report_html_cohort(FILE *out, struct lp_report_cohort *c);

/*
 * The moderation pack of p, loaded with LP_LOAD_ALL | LP_LOAD_BODIES.
 * person holds the rules' answers for p; cal is p's calendar.  Attachments
 * are read through p's tree to list their size and SHA-256.  0, or -1 when
 * a file could not be read (diagnostic printed; the pack is still whole).
 */
int lp_report_html_pack(FILE *out, const struct lp_ctx *ctx, const struct lp_portfolio *p,
    const struct lp_report_person *person);

/* Rows as one HTML page: cols[0..ncols), rows[i][0..ncols) (NULL: empty). */
void lp_report_html_rows(FILE *out, const char *title, lp_date today, char *const *cols,
    size_t ncols, char **const *rows, size_t nrows);

/*
 * The diagnostics of a cohort walk, kept to be named on the dashboard:
 *   struct lp_findings kept = {0}, *old = lp_diag_capture(&kept);
 *   ...walk...
 *   lp_report_problems_replay(&kept, old);   (stderr, or the old sink)
 * then c->problems = &kept, and lp_findings_free(&kept) after the page.
 */
void lp_report_problems_replay(const struct lp_findings *kept, struct lp_findings *old_sink);
/* The section of the dashboard that names what could not be read. */
void lp_report_html_problems(FILE *out, const struct lp_findings *f);

/* HTML-escape s onto out: & < > " ' and control characters. */
void lp_report_html_escape(FILE *out, const char *s);

/* Shared by report-html.c and report-pack.c: the page around a document. */
void lp_report_page_start(FILE *out, const char *title, const char *extra_css);
void lp_report_page_end(FILE *out, lp_date today);
/* A focusable, named region around a table that may scroll sideways. */
void lp_report_scroll_start(FILE *out, const char *label);
void lp_report_scroll_end(FILE *out);
/* A count with thousands separators (10,000), in buf. */
const char *lp_report_count_str(size_t n, char buf[32]);
/* A level as one letter (an en dash for none), shown beside its colour. */
extern const char lp_report_level_letter[LP_NLEVELS][4];

#endif
