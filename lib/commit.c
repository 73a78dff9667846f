/*
 * commit.c - the last step of every command that changes a portfolio.
 *
 * Files are written first (atomically, under the portfolio lock), then,
 * when the portfolio lives in a git work tree, exactly those files are
 * committed.  Keeping this in one place means every program stages the
 * same way and honours --no-commit the same way.
 */
#include <stdlib.h>
#include <string.h>

#include "lp.h"

int
lp_portfolio_commit(const struct lp_ctx *ctx, const char *root,
    char *const *paths, size_t n, const char *message)
{
	struct lp_git *git = NULL;
	struct lp_strv full = {0};
	char *prefix = NULL;
	int rc;

	if (ctx->no_commit || n == 0)
		return 0;
	rc = lp_git_open(root, &git);
	if (rc != 0)
		return rc == 1 ? 0 : -1;	/* 1: not in git, nothing to do */
	rc = -1;
	if (lp_git_prefix(git, root, &prefix) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		char *p = lp_xasprintf("%s%s", prefix, paths[i]);

		lp_strv_push(&full, p);
		free(p);
	}
	rc = lp_git_commit(git, full.v, full.n, message);
out:
	lp_strv_free(&full);
	free(prefix);
	lp_git_free(git);
	return rc;
}

int
lp_portfolio_commit_ready(const struct lp_ctx *ctx, const char *root)
{
	struct lp_git *git = NULL;
	int rc;

	if (ctx->no_commit)
		return 0;
	rc = lp_git_open(root, &git);
	if (rc != 0)
		return rc == 1 ? 0 : -1;	/* 1: not in git, nothing to commit */
	rc = lp_git_ready(git);
	lp_git_free(git);
	return rc;
}
