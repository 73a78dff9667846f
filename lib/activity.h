/*
 * activity.h - when a portfolio last changed: the date of the newest
 * commit that touched it, read from git history (SPEC 5.6 last_activity).
 */
#ifndef LP_ACTIVITY_H
#define LP_ACTIVITY_H

#include "lp.h"

/*
 * A git tree's source (tree.c): its repository (a git_repository *), the
 * revision it was read at and its subdirectory ("" or "a/b/").  0, or -1
 * for a directory tree.
 */
int lp_tree_git_source(const struct lp_tree *t, void **repo, const char **rev,
    const char **subdir);

/*
 * The date (the committer's own calendar day) of the newest commit
 * reachable from rev that changed subdir ("" or "a/b/": the whole tree or
 * that directory).  repo is a git_repository *.  0 and *out; 1 when rev
 * has no commit that touched it (an unborn branch); -1 after a diagnostic.
 * The walk stops at the first such commit, so its cost is the number of
 * commits since the portfolio last changed.
 */
int lp_git_last_change(void *repo, const char *rev, const char *subdir, lp_date *out);

#endif
