/*
 * commit.c - the last step of every command that changes a portfolio.
 *
 * Files are written first (atomically, under the portfolio lock), then,
 * when the portfolio lives in a git work tree, exactly those files are
 * committed.  Keeping this in one place means every program stages the
 * same way, honours --no-commit the same way, and leaves the work tree as
 * it found it when the commit fails (see txn.h): otherwise the file
 * stays changed, the retry says "nothing to commit", and HEAD never gets
 * the change.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"
#include "txn.h"

struct saved;
static void journal_drop(struct saved *s);

struct saved {
	char *key;		/* realpath of the directory, '/', the name */
	char *path;		/* as written, to write it back */
	int existed;
	struct lp_buf old;
};

static struct {
	struct saved *v;
	size_t n, cap;
	int restoring;		/* a restore's own writes are not journalled */
} journal;

/* The directory resolved, so that "p/x" and "./p/x" are one file. */
static char *
file_key(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? lp_xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
	    : lp_xstrdup(".");
	char *real = realpath(dir, NULL), *key = NULL;

	if (real)
		key = lp_xasprintf("%s/%s", strcmp(real, "/") ? real : "",
		    slash ? slash + 1 : path);
	free(real);
	free(dir);
	return key;
}

static struct saved *
journal_find(const char *key)
{
	for (size_t i = 0; i < journal.n; i++)
		if (strcmp(journal.v[i].key, key) == 0)
			return &journal.v[i];
	return NULL;
}

void
lp_journal_note(const char *path)
{
	struct saved s = {0};
	struct stat st;
	int fd;

	if (journal.restoring || !(s.key = file_key(path)))
		return;
	if (journal_find(s.key)) {	/* the oldest version is the one to restore */
		free(s.key);
		return;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW);
	if (fd < 0 && errno != ENOENT)
		goto skip;
	if (fd >= 0) {
		if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
		    lp_fd_read_stat(fd, &st, LP_FILE_MAX, &s.old) < 0) {
			close(fd);
			goto skip;	/* cannot be restored: nothing to promise */
		}
		close(fd);
		s.existed = 1;
	}
	s.path = lp_xstrdup(path);
	if (journal.n == journal.cap) {
		journal.cap = journal.cap ? 2 * journal.cap : 8;
		journal.v = lp_xrealloc(journal.v, journal.cap * sizeof *journal.v);
	}
	journal.v[journal.n++] = s;
	return;
skip:
	lp_buf_free(&s.old);
	free(s.key);
}

void
lp_journal_reset(void)
{
	while (journal.n > 0)
		journal_drop(&journal.v[journal.n - 1]);
	free(journal.v);
	memset(&journal, 0, sizeof journal);
}

static int
restore(const struct saved *s)
{
	int rc = 0;

	journal.restoring = 1;
	if (s->existed)
		rc = lp_file_write(s->path, s->old.data ? s->old.data : "", s->old.len, 0644);
	else if (unlink(s->path) < 0 && errno != ENOENT) {
		lp_error("cannot remove %s: %s", s->path, strerror(errno));
		rc = -1;
	}
	journal.restoring = 0;
	return rc;
}

static void
journal_drop(struct saved *s)
{
	free(s->key);
	free(s->path);
	lp_buf_free(&s->old);
	*s = journal.v[--journal.n];
}

int
lp_journal_settle(const char *root, char *const *relpaths, size_t n, int undo)
{
	int rc = 0, failed = 0;

	for (size_t i = 0; i < n; i++) {
		char *path = lp_xasprintf("%s/%s", root, relpaths[i]);
		char *key = file_key(path);
		struct saved *s = key ? journal_find(key) : NULL;

		if (s) {
			if (undo && restore(s) < 0)
				failed = 1;
			else if (undo)
				rc++;
			journal_drop(s);
		}
		free(key);
		free(path);
	}
	if (journal.n == 0) {
		free(journal.v);
		memset(&journal, 0, sizeof journal);
	}
	return failed ? -1 : rc;
}

static int
commit_paths(const struct lp_ctx *ctx, const char *root,
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
lp_portfolio_commit(const struct lp_ctx *ctx, const char *root,
    char *const *paths, size_t n, const char *message)
{
	int rc = commit_paths(ctx, root, paths, n, message);
	int restored = lp_journal_settle(root, paths, n, rc < 0);

	if (restored < 0)
		rc = -1;
	else if (rc < 0 && restored > 0)
		lp_error("%s: the commit failed, so the %s lp wrote %s put back as %s %s",
		    root, restored == 1 ? "file" : "files", restored == 1 ? "is" : "are",
		    restored == 1 ? "it" : "they", restored == 1 ? "was" : "were");
	return rc;
}

int
lp_portfolio_can_commit(const struct lp_ctx *ctx, const char *root)
{
	struct lp_git *git = NULL;
	int rc;

	if (ctx->no_commit)
		return 0;
	rc = lp_git_open(root, &git);
	if (rc != 0)
		return rc == 1 ? 0 : -1;	/* 1: not in git, nothing to commit */
	rc = lp_git_can_commit(git);
	lp_git_free(git);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The explicit transaction                                             */

struct lp_txn {
	const struct lp_ctx *ctx;
	char *root;
	struct lp_strv rel;
};

int
lp_txn_begin(const struct lp_ctx *ctx, const char *root, struct lp_txn **out)
{
	struct lp_txn *t = lp_xcalloc(1, sizeof *t);

	lp_journal_reset();
	t->ctx = ctx;
	t->root = lp_xstrdup(root);
	*out = t;
	return 0;
}

int
lp_txn_write(struct lp_txn *t, const char *relpath, const void *data, size_t len,
    int mode)
{
	char *path = lp_xasprintf("%s/%s", t->root, relpath);
	int rc;

	lp_strv_push(&t->rel, relpath);
	rc = lp_file_write(path, data, len, mode);
	free(path);
	return rc;
}

static void
txn_free(struct lp_txn *t)
{
	lp_strv_free(&t->rel);
	free(t->root);
	free(t);
}

int
lp_txn_commit(struct lp_txn *t, const char *message)
{
	int rc = lp_portfolio_commit(t->ctx, t->root, t->rel.v, t->rel.n, message);

	txn_free(t);
	return rc;
}

void
lp_txn_abort(struct lp_txn *t)
{
	if (!t)
		return;
	lp_journal_settle(t->root, t->rel.v, t->rel.n, 1);
	txn_free(t);
}
