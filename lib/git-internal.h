/*
 * git-internal.h - what git.c and git-commit.c share: the handle lp
 * passes around.  (A libgit2 failure is told by lp_git_fail, gitsafe.h.)
 */
#ifndef LP_GIT_INTERNAL_H
#define LP_GIT_INTERNAL_H

#include <git2.h>

struct lp_git {
	git_repository *repo;
	char *where;	/* the work tree or repository, for messages */
};

#endif
