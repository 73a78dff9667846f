/*
 * evidence-journal.c - an add or import cut short is undone by the next.
 *
 * Issue 16: a kill during import left part of the items on disk,
 * uncommitted, and running it again duplicated them.  Before the first
 * new file is put in place, lp_items_store lists the paths it is about
 * to create in a journal (beside COMMIT_EDITMSG in the git directory, or
 * a hidden file at the portfolio's root outside git); the journal goes
 * once the items are committed or taken back.  The next add or import,
 * under the portfolio's lock, finds a journal left behind and removes
 * every listed file that HEAD does not hold (and its index entry), so the
 * portfolio is as it was before the interrupted command.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "evidence.h"
#include "gitsafe.h"

#define JOURNAL	"LP_EVIDENCE_JOURNAL"

/* The journal's path; *g the repository when there is one (caller frees both). */
static char *
journal_path(const char *root, struct lp_git **g)
{
	int rc = lp_git_open(root, g);

	if (rc < 0)
		return NULL;
	if (rc == 1)
		return lp_path_join(root, "." JOURNAL);
	return lp_xasprintf("%s" JOURNAL, git_repository_path((git_repository *)lp_git_repo(*g)));
}

int
lp_journal_write(const char *root, const struct lp_strv *rels)
{
	struct lp_git *g = NULL;
	struct lp_buf b = {0};
	char *path = journal_path(root, &g);
	int rc = -1;

	if (path) {
		for (size_t i = 0; i < rels->n; i++)
			lp_buf_addf(&b, "%s\n", rels->v[i]);
		rc = lp_file_write(path, b.data ? b.data : "", b.len, 0644);
	}
	lp_buf_free(&b);
	free(path);
	lp_git_free(g);
	return rc;
}

void
lp_journal_clear(const char *root)
{
	struct lp_git *g = NULL;
	char *path = journal_path(root, &g);

	if (path)
		unlink(path);
	free(path);
	lp_git_free(g);
}

/* rel as HEAD holds it: 1, 0 when it does not, -1 on a git error. */
static int
in_head(struct lp_git *g, const char *prefix, const char *rel)
{
	struct lp_tree *t = NULL;
	struct lp_buf b = {0};
	int rc;

	if (git_repository_head_unborn((git_repository *)lp_git_repo(g)) == 1)
		return 0;
	if (lp_tree_open_git(g, "HEAD", prefix, &t) < 0)
		return -1;
	rc = lp_tree_read(t, rel, &b);
	lp_buf_free(&b);
	lp_tree_free(t);
	return rc == 0 ? 1 : rc == 1 ? 0 : -1;
}

/*
 * Whether g's index and what a write opens hold no FIFO or device; the
 * commit that failed has said so when not.
 */
static int
index_safe(struct lp_git *g)
{
	struct lp_findings quiet = {0}, *was = lp_diag_capture(&quiet);
	int safe = lp_git_guard(git_repository_path(lp_git_repo(g)), LP_GUARD_WRITE) == 0;

	lp_diag_capture(was);
	lp_findings_free(&quiet);
	return safe;
}

/* Take back the files of rels that HEAD does not hold, and their index entries. */
static int
undo(const char *root, struct lp_git *g, const struct lp_strv *rels, size_t *undone)
{
	git_index *index = NULL;
	char *prefix = NULL;
	int rc = 0;

	if (g && lp_git_prefix(g, root, &prefix) < 0)
		rc = -1;
	/* The files go all the same when the index is not safe to open. */
	if (rc == 0 && g && index_safe(g) &&
	    git_repository_index(&index, (git_repository *)lp_git_repo(g)) < 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < rels->n; i++) {
		char *path = lp_path_join(root, rels->v[i]);
		int held = g ? in_head(g, prefix, rels->v[i]) : 0;

		if (held < 0) {
			rc = -1;
		} else if (!held) {
			if (unlink(path) == 0)
				(*undone)++;
			else if (errno != ENOENT) {
				lp_error("%s: %s", path, strerror(errno));
				rc = -1;
			}
			if (index) {
				char *inrepo = lp_xasprintf("%s%s", prefix, rels->v[i]);

				git_index_remove_bypath(index, inrepo);
				free(inrepo);
			}
		}
		free(path);
	}
	if (rc == 0 && index && git_index_write(index) < 0) {
		lp_error("%s: cannot write the git index: %s", root,
		    git_error_last() ? git_error_last()->message : "unknown error");
		rc = -1;
	}
	git_index_free(index);
	free(prefix);
	return rc;
}

/*
 * The temporary files of the cut-short command in the directories it
 * wrote to: under the lock no other lp writer is at work, so every
 * .NAME.lp-tmp-* there is stale.
 */
static void
drop_temps(const char *root, const struct lp_strv *rels, size_t *undone)
{
	struct lp_strv dirs = {0};

	for (size_t i = 0; i < rels->n; i++) {
		const char *slash = strrchr(rels->v[i], '/');
		char *dir = slash ? lp_xstrndup(rels->v[i], (size_t)(slash - rels->v[i])) : lp_xstrdup(".");

		if (lp_strv_find(&dirs, dir) < 0)
			lp_strv_push(&dirs, dir);
		free(dir);
	}
	for (size_t i = 0; i < dirs.n; i++) {
		char *path = lp_path_join(root, dirs.v[i]);
		DIR *d = opendir(path);
		struct dirent *de;

		while (d && (de = readdir(d))) {
			if (de->d_name[0] == '.' && strstr(de->d_name, ".lp-tmp-") &&
			    unlinkat(dirfd(d), de->d_name, 0) == 0)
				(*undone)++;
		}
		if (d)
			closedir(d);
		free(path);
	}
	lp_strv_free(&dirs);
}

int
lp_journal_recover(const char *root)
{
	struct lp_git *g = NULL;
	struct lp_buf b = {0};
	struct lp_strv rels = {0};
	char *path = journal_path(root, &g);
	size_t undone = 0;
	int rc = -1, got;

	if (!path)
		goto out;
	if ((got = lp_file_read(path, LP_FILE_MAX, &b)) == 1) {
		rc = 0;	/* nothing was cut short */
		goto out;
	}
	if (got < 0)
		goto out;
	for (const char *p = lp_buf_str(&b); *p;) {
		size_t n = strcspn(p, "\n");
		char *rel = lp_xstrndup(p, n);
		const char *why;

		/* Only paths a writer could have listed: inside the portfolio. */
		if (n && lp_relpath_check(rel, &why) == 0)
			lp_strv_push(&rels, rel);
		free(rel);
		p += n + (p[n] == '\n');
	}
	drop_temps(root, &rels, &undone);
	if ((rc = undo(root, g, &rels, &undone)) == 0) {
		unlink(path);
		if (undone)
			lp_warn("%s: an add or import was cut short before its commit: "
			    "%zu file%s it had written taken back", root, undone, undone == 1 ? "" : "s");
	}
out:
	lp_strv_free(&rels);
	lp_buf_free(&b);
	free(path);
	lp_git_free(g);
	return rc;
}
