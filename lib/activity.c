/*
 * activity.c - the date a portfolio last changed in git (see activity.h).
 *
 * A commit touched a directory when the directory's tree id differs from
 * the one in its first parent (or it has no parent and the directory is
 * there): the same object id means the same content, so no diff is made.
 * Commits come newest first, as git log lists them, and the first that
 * touched the directory ends the walk.
 */
#include <string.h>
#include <time.h>

#include <git2.h>

#include "activity.h"

/* The id of path in commit's tree ("" the root tree); 0 when absent. */
static int
path_id(git_commit *c, const char *path, git_oid *out)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	int found = 0;

	if (!*path) {
		git_oid_cpy(out, git_commit_tree_id(c));
		return 1;
	}
	if (git_commit_tree(&tree, c) < 0)
		return 0;
	if (git_tree_entry_bypath(&e, tree, path) == 0) {
		git_oid_cpy(out, git_tree_entry_id(e));
		found = 1;
		git_tree_entry_free(e);
	}
	git_tree_free(tree);
	return found;
}

static int
touched(git_commit *c, const char *path)
{
	git_commit *parent = NULL;
	git_oid mine, theirs;
	int have_mine = path_id(c, path, &mine), have_theirs = 0, rc;

	if (git_commit_parentcount(c) == 0)
		return have_mine;
	if (git_commit_parent(&parent, c, 0) < 0)
		return have_mine;
	have_theirs = path_id(parent, path, &theirs);
	git_commit_free(parent);
	if (have_mine != have_theirs)
		return 1;
	rc = have_mine && !git_oid_equal(&mine, &theirs);
	return rc;
}

/* The committer's calendar day: the time in the committer's own zone. */
static lp_date
commit_day(const git_commit *c)
{
	time_t t = (time_t)git_commit_time(c) + (time_t)git_commit_time_offset(c) * 60;
	struct tm tm;

	gmtime_r(&t, &tm);
	return lp_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int
lp_git_last_change(void *repop, const char *rev, const char *subdir, lp_date *out)
{
	git_repository *repo = repop;
	git_revwalk *walk = NULL;
	git_object *obj = NULL, *commit = NULL;
	char path[4096];
	size_t n = strlen(subdir);
	git_oid id;
	int rc = 1;

	if (n >= sizeof path)
		return 1;
	memcpy(path, subdir, n + 1);
	if (n > 0 && path[n - 1] == '/')
		path[n - 1] = '\0';
	if (git_revparse_single(&obj, repo, rev) < 0)
		return 1;	/* an unborn HEAD has no history yet: no date, not an error */
	if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		git_object_free(obj);
		return 1;
	}
	git_object_free(obj);
	obj = commit;
	if (git_revwalk_new(&walk, repo) < 0 ||
	    git_revwalk_push(walk, git_object_id(obj)) < 0) {
		git_object_free(obj);
		git_revwalk_free(walk);
		lp_error("%s: cannot walk the history: %s", rev,
		    git_error_last() ? git_error_last()->message : "unknown error");
		return -1;
	}
	git_object_free(obj);
	git_revwalk_sorting(walk, GIT_SORT_TIME);
	while (rc == 1 && git_revwalk_next(&id, walk) == 0) {
		git_commit *c = NULL;

		if (git_commit_lookup(&c, repo, &id) < 0)
			continue;
		if (touched(c, path)) {
			*out = commit_day(c);
			rc = 0;
		}
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	return rc;
}
