/*
 * assessment.h - assessment.csv: its one reader and its one writer.
 *
 * The portfolio loader, lp-assess set and the walk-through, and the git
 * history of the file all go through these, so that a row one command
 * rejects every command rejects (SPEC 5.2), and the file lp writes is the
 * file lp reads.
 */
#ifndef LP_ASSESSMENT_H
#define LP_ASSESSMENT_H

#include "lp.h"

struct lp_assessment {
	struct lp_assessed row[LP_NSTANDARDS];	/* level none, no date, "" note when absent */
	unsigned present;		/* bit i: standard i has a row */
	struct lp_strv extra_cols;	/* columns after note, kept on rewrite */
	struct lp_strv extra[LP_NSTANDARDS];	/* their values, per standard */
	int problems;			/* diagnostics printed while reading */
};

void lp_assessment_init(struct lp_assessment *a);
void lp_assessment_free(struct lp_assessment *a);

enum {
	/*
	 * Report a bad row, count it in problems and go on with the next,
	 * so that a validator reports everything at once.  Without it the
	 * first bad row ends the read.
	 */
	LP_ASSESSMENT_KEEP_GOING = 1
};

/*
 * Parse the text of an assessment.csv (name is how diagnostics call
 * it): the header standard,level,date,note (more columns may follow),
 * then a row per standard, in any order, each standard once.  Rows whose
 * cells are all empty (the ",,," a spreadsheet leaves) are skipped.
 * Dates that a spreadsheet rewrote as dd/mm/yyyy are one diagnostic for
 * the whole file, saying so and how to fix it, not one per row.
 * Returns 0, or -1 after diagnostics (with KEEP_GOING, -1 only when the
 * file as a whole is unreadable: a bad header or broken CSV).
 */
int lp_assessment_parse(struct lp_assessment *a, const char *data, size_t len,
    const char *name, unsigned flags);

/* Record standard i at level with date and note (NULL keeps the row's note). */
void lp_assessment_set(struct lp_assessment *a, int i, int level, lp_date date,
    const char *note);

/*
 * The file's text: the header (with the extra columns), then a row for
 * each standard present, LP1..LP10, canonical level names, plain RFC 4180
 * (no spreadsheet quote, so a note such as "-ve feedback" reads back as
 * written).  0 or -1.
 */
int lp_assessment_format(const struct lp_assessment *a, struct lp_buf *out);

/* The levels set or the walk-through is about to record. */
struct lp_assessment_change {
	int set[LP_NSTANDARDS];		/* 1 when standard i is being set */
	int level[LP_NSTANDARDS];
};

/* A level as a person types it: a name (lp_level_parse) or 0-4; -1 when neither, or empty. */
int lp_level_answer(const char *s);
/*
 * Add "LP5=extending" (an operand of set) to ch: 0, or -1 after a
 * diagnostic naming the operand (no =, unknown standard or level, a
 * standard given twice).
 */
int lp_assessment_change_parse(struct lp_assessment_change *ch, const char *op);
/* How many standards ch sets. */
int lp_assessment_change_count(const struct lp_assessment_change *ch);
/* The commit message: "assess: LP5 extending, LP6 developing". */
char *lp_assessment_change_message(const struct lp_assessment_change *ch);

/*
 * Record ch (with date, and note unless NULL) in root's assessment.csv:
 * under the portfolio lock, the file is read afresh (so nothing another
 * command wrote meanwhile is lost), rewritten atomically and committed
 * as lp_portfolio_commit does; a commit that fails puts the old file
 * back.  *wrote is 0 when the file already said all this (nothing
 * written or committed).  0 or -1 after a diagnostic, nothing changed.
 */
int lp_assessment_record(const struct lp_ctx *ctx, const char *root,
    const struct lp_assessment_change *ch, lp_date date, const char *note, int *wrote);

#endif
