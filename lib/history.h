/*
 * history.h - a file's history in git, and the levels of assessment.csv
 * along it (lp-assess history; the progress report).
 */
#ifndef LP_HISTORY_H
#define LP_HISTORY_H

#include "lp.h"

struct lp_git;

/* One version of a file on the first-parent line. */
struct lp_file_version {
	char commit[8];		/* the commit's short id, 7 hex digits */
	lp_date day;		/* its committer date, in UTC */
	int present;		/* 0: the file is absent (or not a file) here */
	size_t blob;		/* distinct blobs numbered 0, 1, ... as first met */
	int repeat;		/* this blob was met before: data is NULL */
	const char *data;	/* the content, for a blob met for the first time */
	size_t len;
};

/* Return 0 to go on, -1 to stop the walk. */
typedef int (*lp_file_version_fn)(const struct lp_file_version *v, void *arg);

/*
 * Walk the first-parent line from rev (NULL: HEAD) back to the root (or
 * to where a shallow clone's objects end) and call fn, oldest first, for
 * the first commit holding path and for each later commit where path's
 * blob id differs from the commit before: tree entries are compared, no
 * diffs are made, and each distinct blob is loaded once.  A blob larger
 * than LP_FILE_MAX is never loaded (its size comes from the object
 * header): it is reported, skipped, and makes the result -1 once the walk
 * is over.  Returns 0; 1 when the branch has no commits yet; -1 after a
 * diagnostic (an unknown rev, a git failure, a skipped version).
 */
int lp_history_walk(struct lp_git *g, const char *rev, const char *path,
    lp_file_version_fn fn, void *arg);

/* A change of one standard's level in the history of assessment.csv. */
struct lp_level_change {
	lp_date day;		/* the commit's date (UTC) */
	char commit[8];
	int standard;		/* 0..LP_NSTANDARDS-1 */
	int level;		/* the new level; none when the row or the file went */
	lp_date assessed;	/* the row's own date, LP_DATE_NONE when it has none */
};

struct lp_level_history {
	struct lp_level_change *v;	/* oldest first, LP1..LP10 within a commit */
	size_t n, cap;
};

/*
 * The level changes in the history of assessment.csv of the portfolio at
 * root, up to rev (NULL: HEAD).  Every version is read by
 * lp_assessment_parse, the reader every command uses: a version it
 * rejects is reported (as COMMIT:PATH:LINE) and skipped, the next
 * compared with the last good one.  Returns 0; 1 when root is not in a
 * git work tree (nothing printed); -1 after a diagnostic, with the
 * changes found so far in out.
 */
int lp_level_history(const char *root, const char *rev, struct lp_level_history *out);
/*
 * The same in any repository, bare or not (for --git): the portfolio at
 * subdir of its tree ("" for the root, else "a/b/" or "a/b").  0, or -1.
 */
int lp_level_history_git(struct lp_git *g, const char *rev, const char *subdir,
    struct lp_level_history *out);
void lp_level_history_free(struct lp_level_history *h);

#endif
