/*
 * casestudy.h - the re-accreditation case study (SPEC 2.1, 5.5): its one
 * reader, its template and its checks.
 *
 * lp-reaccredit (init, check, show, submit), lp check and the fuzz
 * target all read case-study.md through lp_case_study_parse, so that
 * what `show` counts and what `check` reports cannot drift apart.
 */
#ifndef LP_CASESTUDY_H
#define LP_CASESTUDY_H

#include "lp.h"

#define LP_CASE_STUDY "case-study.md"
#define LP_CS_NSECTIONS 8
#define LP_CS_REFERENCES (LP_CS_NSECTIONS - 1)

/* What the reader found for one section. */
struct lp_cs_section {
	long line;		/* file line of its heading; 0 when missing */
	long dup_line;		/* a second heading of the same name, or 0 */
	size_t words;		/* words other than the hint */
	int hint;		/* the untouched hint is there */
	int sources;		/* References: lines that cite a source */
};

struct lp_case_study {
	struct lp_doc doc;
	struct lp_cs_section sec[LP_CS_NSECTIONS];
	unsigned refs;		/* bit i: LP(i+1) is referred to in the body */
};

/* The name of section i ("Focus and rationale"), and its template hint. */
const char *lp_cs_section_name(size_t i);
const char *lp_cs_section_hint(size_t i);
/*
 * The state of a section, naming what the check reports about it:
 * ok, missing, empty, hint-only, no-source or duplicate.
 */
const char *lp_cs_section_status(const struct lp_case_study *cs, size_t i);

/* Parse text as a case study at path (for diagnostics).  0, or -1 after a diagnostic. */
int lp_case_study_parse(struct lp_case_study *cs, const char *path, const char *text, size_t len);
/*
 * Read and parse case-study.md of a portfolio tree.  0; 1 when there is
 * none; -1 after a diagnostic (unreadable: a FIFO, too big; malformed).
 */
int lp_case_study_load(struct lp_case_study *cs, const struct lp_tree *t);
void lp_case_study_free(struct lp_case_study *cs);

/* The body of a new case study: every section with its hint under it. */
void lp_case_study_template(struct lp_buf *out);

/*
 * Every check of SPEC 5.5 on a parsed case study, as findings against
 * file: the sections, LP1..LP10, the sources, the sign-off (dated no
 * later than today and not before accredited, when that is set).
 */
void lp_case_study_check(const struct lp_case_study *cs, const char *file, lp_date today,
    lp_date accredited, struct lp_findings *f);

/*
 * The lp_check_fn of lp check: the case study of p, where there is one.
 * One that exists but cannot be read (a FIFO, a directory) makes the
 * run fail (exit 2), as any I/O failure does.
 */
void lp_check_case_study(const struct lp_ctx *ctx, const struct lp_portfolio *p,
    struct lp_findings *f);

#endif
