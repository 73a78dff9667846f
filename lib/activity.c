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
#include "gitsafe.h"

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
	if (lp_git_revparse(&obj, repo, rev) < 0)
		return 1;	/* an unborn HEAD has no history yet: no date, not an error */
	if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		git_object_free(obj);
		return 1;
	}
	git_object_free(obj);
	obj = commit;
	/*
	 * Most often the commit itself touched the path, and then no walk
	 * is needed (a walk reads the commit again: libgit2's cache holds
	 * it parsed, the walk wants it raw).  The walk starts with it too.
	 */
	if (touched((git_commit *)obj, path)) {
		*out = commit_day((git_commit *)obj);
		git_object_free(obj);
		return 0;
	}
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

/* ---- a repository's index: every directory's newest change ---- */

/*
 * Directory path -> the day of the newest commit that changed something
 * under it: an open-addressing table filled by one walk of the history,
 * newest commit first, so the first date a directory gets is its answer.
 */
struct lp_activity {
	char *key;		/* repository path and revision it was made for */
	char **dirs;
	lp_date *days;
	size_t cap, n;
};

static size_t
hash_str(const char *s, size_t n)
{
	size_t h = 1469598103934665603u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static size_t
slot(const struct lp_activity *a, const char *dir, size_t n)
{
	size_t i = hash_str(dir, n) & (a->cap - 1);

	while (a->dirs[i] && (strlen(a->dirs[i]) != n || memcmp(a->dirs[i], dir, n) != 0))
		i = (i + 1) & (a->cap - 1);
	return i;
}

static void
grow(struct lp_activity *a)
{
	struct lp_activity big = { .cap = a->cap ? a->cap * 2 : 1024 };

	big.dirs = lp_xcalloc(big.cap, sizeof *big.dirs);
	big.days = lp_xcalloc(big.cap, sizeof *big.days);
	for (size_t i = 0; i < a->cap; i++) {
		size_t k;

		if (!a->dirs[i])
			continue;
		k = slot(&big, a->dirs[i], strlen(a->dirs[i]));
		big.dirs[k] = a->dirs[i];
		big.days[k] = a->days[i];
	}
	free(a->dirs);
	free(a->days);
	a->dirs = big.dirs;
	a->days = big.days;
	a->cap = big.cap;
}

/* Record day for the first n bytes of path, unless it has a newer one. */
static void
note(struct lp_activity *a, const char *path, size_t n, lp_date day)
{
	size_t i;

	if ((a->n + 1) * 2 > a->cap)
		grow(a);
	i = slot(a, path, n);
	if (a->dirs[i])
		return;
	a->dirs[i] = lp_xstrndup(path, n);
	a->days[i] = day;
	a->n++;
}

/* Every directory above a changed file: "a/b/c.md" notes "a/b", "a" and "". */
static void
note_path(struct lp_activity *a, const char *path, lp_date day)
{
	for (const char *p = strrchr(path, '/'); p; ) {
		size_t n = (size_t)(p - path);

		note(a, path, n, day);
		p = n ? memrchr(path, '/', n) : NULL;
	}
	note(a, "", 0, day);
}

static int
note_delta(const git_diff_delta *d, float progress, void *arg)
{
	struct lp_activity *a = ((void **)arg)[0];
	lp_date day = *(lp_date *)((void **)arg)[1];

	(void)progress;
	if (d->new_file.path)
		note_path(a, d->new_file.path, day);
	if (d->old_file.path && (!d->new_file.path || strcmp(d->old_file.path, d->new_file.path)))
		note_path(a, d->old_file.path, day);
	return 0;
}

/* What commit c changed against its first parent, noted on its day. */
static int
index_commit(struct lp_activity *a, git_repository *repo, git_commit *c)
{
	git_commit *parent = NULL;
	git_tree *mine = NULL, *theirs = NULL;
	git_diff *diff = NULL;
	lp_date day = commit_day(c);
	void *arg[2] = { a, &day };
	int rc = -1;

	if (git_commit_tree(&mine, c) < 0)
		goto out;
	if (git_commit_parentcount(c) > 0 &&
	    (git_commit_parent(&parent, c, 0) < 0 || git_commit_tree(&theirs, parent) < 0))
		goto out;
	if (git_diff_tree_to_tree(&diff, repo, theirs, mine, NULL) < 0)
		goto out;
	rc = git_diff_foreach(diff, note_delta, NULL, NULL, NULL, arg) < 0 ? -1 : 0;
out:
	git_diff_free(diff);
	git_tree_free(mine);
	git_tree_free(theirs);
	git_commit_free(parent);
	return rc;
}

static int
index_build(struct lp_activity *a, git_repository *repo, const char *rev)
{
	git_revwalk *walk = NULL;
	git_object *obj = NULL, *commit = NULL;
	git_oid id;
	int rc = 0;

	if (lp_git_revparse(&obj, repo, rev) < 0 ||
	    git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		git_object_free(obj);
		return 0;	/* an unborn HEAD: nothing has changed yet */
	}
	if (git_revwalk_new(&walk, repo) < 0 || git_revwalk_push(walk, git_object_id(commit)) < 0)
		rc = -1;
	git_object_free(commit);
	git_object_free(obj);
	if (rc == 0)
		git_revwalk_sorting(walk, GIT_SORT_TIME);
	while (rc == 0 && git_revwalk_next(&id, walk) == 0) {
		git_commit *c = NULL;

		if (git_commit_lookup(&c, repo, &id) < 0 || index_commit(a, repo, c) < 0)
			rc = -1;
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	if (rc < 0)
		lp_error("%s: cannot walk the history: %s", rev,
		    git_error_last() ? git_error_last()->message : "unknown error");
	return rc;
}

static void
index_clear(struct lp_activity *a)
{
	for (size_t i = 0; i < a->cap; i++)
		free(a->dirs[i]);
	free(a->dirs);
	free(a->days);
	free(a->key);
	memset(a, 0, sizeof *a);
}

struct lp_activity *
lp_activity_new(void)
{
	return lp_xcalloc(1, sizeof(struct lp_activity));
}

void
lp_activity_free(struct lp_activity *a)
{
	if (!a)
		return;
	index_clear(a);
	free(a);
}

int
lp_activity_of(struct lp_activity *a, void *repop, const char *rev, const char *subdir,
    lp_date *out)
{
	git_repository *repo = repop;
	char *key = lp_xasprintf("%s\n%s", git_repository_path(repo), rev);
	size_t n = strlen(subdir), i;

	/* A portfolio at the root: its own walk stops at the first commit. */
	if (n == 0 || (n == 1 && *subdir == '/')) {
		free(key);
		return lp_git_last_change(repo, rev, "", out);
	}
	if (!a->key || strcmp(a->key, key) != 0) {
		index_clear(a);
		a->key = key;
		if (index_build(a, repo, rev) < 0)
			return -1;
	} else {
		free(key);
	}
	if (subdir[n - 1] == '/')
		n--;
	if (a->cap == 0)
		return 1;
	i = slot(a, subdir, n);
	if (!a->dirs[i])
		return 1;
	*out = a->days[i];
	return 0;
}
