/*
 * tree-history.c - a portfolio's tree through its git history.
 *
 * lp-report progress asks what a portfolio held at the end of each month
 * or term.  One walk of the first-parent history answers it for every
 * period at once: a portfolio's state is the tree of its directory, so
 * consecutive commits with the same tree id are one state, which is
 * loaded once, and the walk stops as soon as the caller has what it
 * needs.  Memory is one commit and one state at a time, whatever the
 * length of the history.
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "activity.h"
#include "lp.h"
#include "tree-internal.h"

struct run {
	git_oid tree;		/* the portfolio's tree in this run of commits */
	int absent;		/* the portfolio did not exist */
	int64_t began;		/* the time of the oldest commit of the run so far */
	git_oid commit;		/* that commit */
	int live;
};

/* The id of the portfolio's tree at commit c; 1 when it is absent. */
static int
subtree_id(git_commit *c, const char *subdir, git_oid *id)
{
	git_tree *top = NULL;
	git_tree_entry *e = NULL;
	size_t n = strlen(subdir);
	char *path;
	int r;

	if (git_commit_tree(&top, c) < 0)
		return -1;
	if (n == 0) {
		git_oid_cpy(id, git_tree_id(top));
		git_tree_free(top);
		return 0;
	}
	path = lp_xstrndup(subdir, n - 1);
	r = git_tree_entry_bypath(&e, top, path);
	free(path);
	git_tree_free(top);
	if (r == GIT_ENOTFOUND) {
		git_error_clear();
		return 1;
	}
	if (r < 0)
		return -1;
	r = git_tree_entry_type(e) == GIT_OBJECT_TREE ? 0 : 1;
	if (r == 0)
		git_oid_cpy(id, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return r;
}

/* Hand a finished run to fn, as a tree like t at that run's tree. */
static int
emit(const struct lp_tree *t, git_repository *repo, const char *subdir,
    const struct run *run, lp_tree_history_fn fn, void *arg)
{
	struct lp_tree *at;
	char hex[GIT_OID_HEXSZ + 1];

	if (run->absent)
		return 0;	/* before the portfolio existed: nothing to say */
	git_oid_tostr(hex, sizeof hex, &run->commit);
	if (lp_tree_git_at(repo, subdir, &run->tree, hex, lp_tree_label(t), &at) < 0)
		return -1;
	return fn(at, run->began, arg);	/* fn owns at */
}

static int
walk(const struct lp_tree *t, git_repository *repo, const char *rev,
    const char *subdir, lp_tree_history_fn fn, void *arg)
{
	git_revwalk *w = NULL;
	git_object *start = NULL;
	struct run run = {0};
	git_oid oid;
	int rc = -1, r;

	if (git_revparse_single(&start, repo, rev) < 0 ||
	    git_revwalk_new(&w, repo) < 0)
		goto fail;
	{
		git_object *c = NULL;

		if (git_object_peel(&c, start, GIT_OBJECT_COMMIT) < 0)
			goto fail;
		r = git_revwalk_push(w, git_object_id(c));
		git_object_free(c);
		if (r < 0)
			goto fail;
	}
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	git_revwalk_simplify_first_parent(w);
	while ((r = git_revwalk_next(&oid, w)) == 0) {
		git_commit *c = NULL;
		git_oid id;
		int absent;

		if (git_commit_lookup(&c, repo, &oid) < 0)
			goto fail;
		absent = subtree_id(c, subdir, &id);
		if (absent < 0) {
			git_commit_free(c);
			goto fail;
		}
		if (run.live && (absent != run.absent || (!absent && !git_oid_equal(&id, &run.tree)))) {
			if ((r = emit(t, repo, subdir, &run, fn, arg)) != 0) {
				git_commit_free(c);
				rc = r < 0 ? -1 : 0;
				goto out;
			}
			run.live = 0;
		}
		if (!run.live) {
			run.live = 1;
			run.absent = absent;
			if (!absent)
				git_oid_cpy(&run.tree, &id);
		}
		run.began = git_commit_time(c);
		git_oid_cpy(&run.commit, &oid);
		git_commit_free(c);
	}
	if (r != GIT_ITEROVER)
		goto fail;
	rc = 0;
	if (run.live && (r = emit(t, repo, subdir, &run, fn, arg)) < 0)
		rc = -1;
	goto out;
fail:
	{
		const git_error *e = git_error_last();

		lp_error("%s: history: %s", lp_tree_label(t),
		    e && e->message ? e->message : "unknown git error");
	}
out:
	git_revwalk_free(w);
	git_object_free(start);
	return rc;
}

int
lp_tree_history(const struct lp_tree *t, lp_tree_history_fn fn, void *arg)
{
	struct lp_git *git = NULL;
	char *prefix = NULL;
	const char *dir = lp_tree_dir(t);
	int rc;

	if (!dir) {
		void *repo;
		const char *rev, *subdir;

		lp_tree_git_source(t, &repo, &rev, &subdir);
		return walk(t, repo, rev, subdir, fn, arg);
	}
	if ((rc = lp_git_open(dir, &git)) != 0)
		return rc;	/* 1: outside git, no history */
	if (lp_git_prefix(git, dir, &prefix) < 0) {
		lp_git_free(git);
		return -1;
	}
	if (git_repository_head_unborn(lp_git_repo(git)) == 1)
		rc = 0;	/* no commit yet: no history */
	else
		rc = walk(t, lp_git_repo(git), "HEAD", prefix, fn, arg);
	free(prefix);
	lp_git_free(git);
	return rc;
}
