/*
 * cohort-git.h - a cohort read from git repositories without a checkout
 * (lp-report --git), in any layout a checkout can have: one portfolio at
 * the root of each repository, or a whole cohort at any depth of one.
 */
#ifndef LP_COHORT_GIT_H
#define LP_COHORT_GIT_H

#include "lp.h"

struct lp_git_cohort {
	const char *path;	/* a repository (bare or not), or a directory of them */
	const char *glob;	/* --ref GLOB: fnmatch on full ref names; NULL for HEAD */
	int submitted;		/* --submitted: each portfolio at its latest submission tag */
	const char *rev;	/* without glob: the revision to read (lp check --at); NULL for HEAD */
};

/*
 * Every portfolio of src, loaded with what, handed to fn as
 * lp_cohort_each does (selection by --school/--cohort, progress, one in
 * memory at a time), in the order of the checkout walk (repository, then
 * directory).  A portfolio is a directory of a commit's tree holding a
 * portfolio.md file; hidden directories are not searched, nor a
 * portfolio's own subdirectories.
 *
 * Without glob each repository is read at HEAD, and two portfolios with
 * one id are an error naming both.  With glob, each matching ref is read,
 * and where several hold one portfolio id the newest wins (tagger date,
 * or committer date for a branch or lightweight tag; a tie goes to the
 * later ref name in byte order).  With submitted, each portfolio is read
 * at its own latest submission tag: refs/tags/lp/submitted/ID/WINDOW[-N]
 * (the newest window, then the highest N), or the old form
 * refs/tags/lp/submitted/WINDOW[-N] for a portfolio whose window key at
 * that tag is WINDOW; a portfolio never submitted is left out.
 * Returns 0, or -1 when anything was reported.
 */
int lp_cohort_git_each(const struct lp_ctx *ctx, const struct lp_git_cohort *src,
    unsigned what, lp_cohort_fn fn, void *arg);

#endif
