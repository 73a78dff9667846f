/*
 * tree-history.c - a portfolio's tree at given days of its git history.
 *
 * lp-report progress asks what each portfolio held at the end of each
 * month or term.  A portfolio's state on a day is its directory's tree in
 * the latest first-parent commit on or before that day, so one walk of a
 * repository's history finds the commit of every period end, for every
 * portfolio in it: a cohort kept in one repository is walked once, not
 * once per practitioner, and each portfolio then costs one tree lookup
 * per period, with each distinct state loaded once.
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "activity.h"
#include "gitsafe.h"
#include "lp.h"
#include "tree-internal.h"

struct lp_history {
	const lp_date *ends;	/* ascending */
	size_t n;
	/* The repository last walked, and its commit at each end. */
	char *key;		/* "GITDIR\nREV" */
	git_oid *commit;	/* [n] */
	unsigned char *has;	/* [n]: a commit on or before ends[k] exists */
	struct lp_git *git;	/* the work tree of the last directory, kept open */
	char *workdir;
};

struct lp_history *
lp_history_new(const lp_date *ends, size_t n)
{
	struct lp_history *h = lp_xcalloc(1, sizeof *h);

	h->ends = ends;
	h->n = n;
	h->commit = lp_xcalloc(n ? n : 1, sizeof *h->commit);
	h->has = lp_xcalloc(n ? n : 1, 1);
	return h;
}

void
lp_history_free(struct lp_history *h)
{
	if (!h)
		return;
	free(h->key);
	free(h->commit);
	free(h->has);
	free(h->workdir);
	if (h->git)
		lp_git_free(h->git);
	free(h);
}

/* Days since 1970 of a time in seconds, rounding down before 1970 too. */
static lp_date
day_of(int64_t t)
{
	return (lp_date)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

static int
history_error(const char *where)
{
	const git_error *e = git_error_last();

	lp_error("%s: history: %s", where, e && e->message ? e->message : "unknown git error");
	return -1;
}

/* Find the commit of rev's first-parent history at each end (once per repository). */
static int
points(struct lp_history *h, git_repository *repo, const char *rev, const char *where)
{
	char *key = lp_xasprintf("%s\n%s", git_repository_path(repo), rev);
	git_object *start = NULL, *c = NULL;
	git_revwalk *w = NULL;
	git_oid oid;
	size_t k = h->n;
	int r, rc = -1;

	if (h->key && strcmp(h->key, key) == 0) {
		free(key);
		return 0;
	}
	free(h->key);
	h->key = key;
	memset(h->has, 0, h->n);
	if (lp_git_revparse(&start, repo, rev) < 0 ||
	    git_object_peel(&c, start, GIT_OBJECT_COMMIT) < 0 ||
	    git_revwalk_new(&w, repo) < 0 || git_revwalk_push(w, git_object_id(c)) < 0) {
		rc = history_error(where);
		goto out;
	}
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	git_revwalk_simplify_first_parent(w);
	while (k > 0 && (r = git_revwalk_next(&oid, w)) == 0) {
		git_commit *commit = NULL;
		lp_date day;

		if (git_commit_lookup(&commit, repo, &oid) < 0) {
			rc = history_error(where);
			goto out;
		}
		day = day_of(git_commit_time(commit));
		git_commit_free(commit);
		for (; k > 0 && h->ends[k - 1] >= day; k--) {
			git_oid_cpy(&h->commit[k - 1], &oid);
			h->has[k - 1] = 1;
		}
	}
	rc = 0;
out:
	if (rc < 0) {
		free(h->key);
		h->key = NULL;
	}
	git_revwalk_free(w);
	git_object_free(c);
	git_object_free(start);
	return rc;
}

/* The id of the tree at subdir ("" or "a/b/") in commit id; 1 when there is none. */
static int
subtree_at(git_repository *repo, const git_oid *id, const char *subdir, git_oid *out)
{
	git_commit *c = NULL;
	git_tree *top = NULL;
	git_tree_entry *e = NULL;
	size_t n = strlen(subdir);
	char *path;
	int r;

	if (git_commit_lookup(&c, repo, id) < 0 || git_commit_tree(&top, c) < 0) {
		git_commit_free(c);
		return -1;
	}
	git_commit_free(c);
	if (n == 0) {
		git_oid_cpy(out, git_tree_id(top));
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
		git_oid_cpy(out, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return r;
}

/* Each run of ends at which the portfolio's tree is the same, to fn. */
static int
runs(const struct lp_tree *t, struct lp_history *h, git_repository *repo, const char *subdir,
    lp_history_fn fn, void *arg)
{
	size_t k = 0;

	while (k < h->n) {
		git_oid id, next;
		size_t last;
		struct lp_tree *at;
		char hex[GIT_OID_HEXSZ + 1];
		int r;

		if (!h->has[k] || (r = subtree_at(repo, &h->commit[k], subdir, &id)) == 1) {
			k++;
			continue;	/* before its first commit, or gone: not counted */
		}
		if (r < 0)
			return history_error(lp_tree_label(t));
		for (last = k; last + 1 < h->n && h->has[last + 1] &&
		    subtree_at(repo, &h->commit[last + 1], subdir, &next) == 0 &&
		    git_oid_equal(&next, &id); last++)
			;
		git_oid_tostr(hex, sizeof hex, &h->commit[last]);
		if (lp_tree_git_at(repo, subdir, &id, hex, lp_tree_label(t), &at) < 0)
			return -1;
		if ((r = fn(at, k, last, arg)) != 0)
			return r < 0 ? -1 : 0;
		k = last + 1;
	}
	return 0;
}

/* The work tree holding dir: the one kept open, or a newly opened one.  0, 1 outside git, -1. */
static int
worktree(struct lp_history *h, const char *dir, char **prefix)
{
	char *abs = realpath(dir, NULL);
	size_t n = h->workdir ? strlen(h->workdir) : 0;
	int rc;

	if (!(abs && h->workdir && strncmp(abs, h->workdir, n) == 0)) {
		if (h->git)
			lp_git_free(h->git);
		h->git = NULL;
		free(h->workdir);
		h->workdir = NULL;
		if ((rc = lp_git_open(dir, &h->git)) != 0) {
			free(abs);
			return rc;
		}
		h->workdir = lp_xstrdup(lp_git_workdir(h->git));
	}
	free(abs);
	return lp_git_prefix(h->git, dir, prefix);
}

int
lp_tree_history(const struct lp_tree *t, struct lp_history *h, lp_history_fn fn, void *arg)
{
	const char *dir = lp_tree_dir(t);
	char *prefix = NULL;
	int rc;

	if (!dir) {
		void *repo;
		const char *rev, *subdir;

		lp_tree_git_source(t, &repo, &rev, &subdir);
		if (points(h, repo, rev, lp_tree_label(t)) < 0)
			return -1;
		return runs(t, h, repo, subdir, fn, arg);
	}
	if ((rc = worktree(h, dir, &prefix)) != 0)
		return rc;	/* 1: outside git, no history */
	if (git_repository_head_unborn(lp_git_repo(h->git)) == 1)
		rc = 0;		/* no commit yet: no history */
	else if ((rc = points(h, lp_git_repo(h->git), "HEAD", dir)) == 0)
		rc = runs(t, h, lp_git_repo(h->git), prefix, fn, arg);
	free(prefix);
	return rc;
}
