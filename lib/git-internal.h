/*
 * git-internal.h - what git.c and git-commit.c share: the handle lp
 * passes around, and the one way a libgit2 failure is told.
 */
#ifndef LP_GIT_INTERNAL_H
#define LP_GIT_INTERNAL_H

#include <git2.h>

struct lp_git {
	git_repository *repo;
	char *where;	/* the work tree or repository, for messages */
};

/* "WHAT: libgit2's last error"; returns -1. */
int lp_git_fail(const char *what);

#endif
