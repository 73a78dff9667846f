/*
 * tree.c - a portfolio's files, from a directory or from a git tree.
 *
 * The portfolio loader reads through this one interface, so that the
 * same code checks a portfolio on disk and one as it was at a tag, read
 * straight from the object database without a checkout.  Paths are
 * relative to the portfolio root and never leave it: on disk every file
 * is opened beneath the root's descriptor; in git a symbolic link is not
 * followed at all.
 *
 * A cohort can be ten thousand portfolios of a dozen files each, so a
 * tree opens its directory once and reads every file relative to it.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "lp.h"
#include "gitsafe.h"
#include "activity.h"
#include "tree-internal.h"

enum tree_kind { TREE_DIR, TREE_GIT };

struct lp_tree {
	enum tree_kind kind;
	char *label;
	/* TREE_DIR */
	char *dir;		/* as given, without a trailing slash */
	int fd;			/* the directory; -1 when out of descriptors */
	/* TREE_GIT */
	git_repository *repo;	/* borrowed from the struct lp_git */
	git_odb *odb;
	git_tree *root;		/* the portfolio's tree; NULL when it did not exist */
	char *rev;
	char commit[GIT_OID_HEXSZ + 1];	/* the commit rev named, when read at one */
	char *subdir;		/* "" or "a/b/" */
};

static const char outside[] = "leads outside the portfolio";

/*
 * A path that is absolute or climbs with ".." is refused before any
 * lookup, the same way in both kinds of tree.
 */
static int
path_escapes(const char *relpath)
{
	const char *p = relpath;

	if (*p == '/')
		return 1;
	while (*p) {
		const char *end = strchrnul(p, '/');

		if (end - p == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		p = *end ? end + 1 : end;
	}
	return 0;
}

char *
lp_tree_path(const struct lp_tree *t, const char *relpath)
{
	if (t->kind == TREE_GIT)
		return lp_xasprintf("%s:%s%s", t->rev, t->subdir, relpath);
	if (!*relpath)
		return lp_xstrdup(t->dir);
	if (strcmp(t->dir, ".") == 0)
		return lp_xstrdup(relpath);
	if (strcmp(t->dir, "/") == 0)
		return lp_xasprintf("/%s", relpath);
	return lp_xasprintf("%s/%s", t->dir, relpath);
}

/* The diagnostic "PATH: message" for relpath in t; returns -1. */
static int
tree_error(const struct lp_tree *t, const char *relpath, const char *msg)
{
	char *path = lp_tree_path(t, relpath);

	lp_errorat(path, 0, "%s", msg);
	free(path);
	return -1;
}

const char *
lp_tree_label(const struct lp_tree *t)
{
	return t->label;
}

const char *
lp_tree_dir(const struct lp_tree *t)
{
	return t->kind == TREE_DIR ? t->dir : NULL;
}

int
lp_tree_git_source(const struct lp_tree *t, void **repo, const char **rev, const char **subdir)
{
	if (t->kind != TREE_GIT)
		return -1;
	*repo = t->repo;
	/* The commit itself: what rev named when the tree was read. */
	*rev = t->commit[0] ? t->commit : t->rev;
	*subdir = t->subdir;
	return 0;
}

void
lp_tree_free(struct lp_tree *t)
{
	if (!t)
		return;
	if (t->kind == TREE_DIR && t->fd >= 0)
		close(t->fd);
	git_tree_free(t->root);
	git_odb_free(t->odb);
	free(t->label);
	free(t->dir);
	free(t->rev);
	free(t->subdir);
	free(t);
}

/* ------------------------------------------------------------------ */
/* A directory on disk                                                   */

int
lp_tree_open_dir(const char *dir, struct lp_tree **out)
{
	struct lp_tree *t;
	size_t n = strlen(dir);
	struct stat st;

	*out = NULL;
	while (n > 1 && dir[n - 1] == '/')
		n--;
	t = lp_xcalloc(1, sizeof *t);
	t->kind = TREE_DIR;
	t->dir = lp_xstrndup(n ? dir : ".", n ? n : 1);
	t->label = lp_xstrdup(t->dir);
	t->fd = open(t->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (t->fd < 0 && (errno == EMFILE || errno == ENFILE) &&
	    stat(t->dir, &st) == 0 && S_ISDIR(st.st_mode)) {
		/*
		 * A caller holding thousands of trees at once: do without the
		 * kept descriptor and open the directory for each access.
		 */
		*out = t;
		return 0;
	}
	if (t->fd < 0) {
		lp_errorat(t->dir, 0, "%s", strerror(errno));
		lp_tree_free(t);
		return -1;
	}
	*out = t;
	return 0;
}

/* The root descriptor to work from: the kept one, or a fresh one in *tmp. */
static int
dir_root(const struct lp_tree *t, int *tmp)
{
	*tmp = -1;
	if (t->fd >= 0)
		return t->fd;
	*tmp = open(t->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*tmp < 0)
		tree_error(t, "", strerror(errno));
	return *tmp;
}

/*
 * A file that cannot be read at all (I/O, a FIFO or device where a file
 * belongs) is not a finding about its content: a validator exits 2 on it
 * (SPEC 4), so the run is marked failed as well as told.
 */
static int
tree_failure(const struct lp_tree *t, const char *relpath, const char *msg)
{
	tree_error(t, relpath, msg);
	lp_diag_fail();
	return -1;
}

/*
 * Open relpath beneath the root.  Returns the descriptor, -2 when
 * missing (nothing printed), -1 after a diagnostic.
 */
static int
dir_open(const struct lp_tree *t, const char *relpath, int flags)
{
	int root, tmp, fd, saved;

	if (path_escapes(relpath))
		return tree_error(t, relpath, outside);
	if ((root = dir_root(t, &tmp)) < 0)
		return -1;
	fd = lp_open_beneath(root, *relpath ? relpath : ".", flags);
	saved = errno;
	if (tmp >= 0)
		close(tmp);
	if (fd >= 0)
		return fd;
	if (saved == ENOENT)
		return -2;
	if (saved == EXDEV || saved == ELOOP)
		return tree_error(t, relpath, outside);
	if (saved == ENOTDIR && (flags & O_DIRECTORY))
		return tree_error(t, relpath, "not a directory");
	if (saved == ENOTDIR)
		return -2;	/* a file where a directory on the way should be */
	/* A name too long is the file's content (a path it names): a finding. */
	if (saved == ENAMETOOLONG)
		return tree_error(t, relpath, strerror(saved));
	return tree_failure(t, relpath, strerror(saved));
}

/* A regular file, opened; -2 missing, -1 error. */
static int
dir_open_file(const struct lp_tree *t, const char *relpath, struct stat *st)
{
	int fd;

	/* O_NONBLOCK: a FIFO planted in a portfolio must not hang the reader. */
	fd = dir_open(t, relpath, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return fd;
	if (fstat(fd, st) < 0) {
		tree_failure(t, relpath, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		tree_failure(t, relpath, "not a regular file");
		close(fd);
		return -1;
	}
	return fd;
}

static int
dir_read(const struct lp_tree *t, const char *relpath, struct lp_buf *out)
{
	struct stat st;
	char *path;
	int fd, rc;

	if ((fd = dir_open_file(t, relpath, &st)) < 0)
		return fd == -2 ? 1 : -1;
	/* The path is built only for a message: a cohort reads 100,000 files. */
	rc = lp_fd_read_stat(fd, &st, LP_FILE_MAX, out);
	if (rc < 0) {
		path = lp_tree_path(t, relpath);
		lp_fd_read_error(path, LP_FILE_MAX);
		free(path);
	}
	close(fd);
	return rc;
}

static int
dir_size(const struct lp_tree *t, const char *relpath, uint64_t *size)
{
	struct stat st;
	int fd;

	if ((fd = dir_open_file(t, relpath, &st)) < 0)
		return fd == -2 ? 1 : -1;
	*size = (uint64_t)st.st_size;
	close(fd);
	return 0;
}

static int
dir_list(const struct lp_tree *t, const char *reldir, struct lp_strv *names)
{
	struct dirent *de;
	DIR *d;
	int fd;

	if ((fd = dir_open(t, reldir, O_RDONLY | O_DIRECTORY)) < 0)
		return fd == -2 ? 1 : -1;
	if (!(d = fdopendir(fd))) {
		tree_error(t, reldir, strerror(errno));
		close(fd);
		return -1;
	}
	errno = 0;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			lp_strv_push(names, de->d_name);
		errno = 0;
	}
	if (errno) {
		tree_error(t, reldir, strerror(errno));
		closedir(d);
		return -1;
	}
	closedir(d);
	lp_strv_sort(names);
	return 0;
}

/* ------------------------------------------------------------------ */
/* A tree in git                                                        */

/* The repository as people name it: relative to the current directory when below it. */
static char *
repo_name(git_repository *repo)
{
	const char *wd = git_repository_workdir(repo);
	const char *path = wd ? wd : git_repository_path(repo);
	char cwd[PATH_MAX];
	size_t n = strlen(path), c;

	while (n > 1 && path[n - 1] == '/')
		n--;
	if (getcwd(cwd, sizeof cwd)) {
		c = strlen(cwd);
		if (c == n && strncmp(cwd, path, n) == 0)
			return lp_xstrdup(".");
		if (c < n && strncmp(cwd, path, c) == 0 && (path[c] == '/' || c == 1))
			return lp_xstrndup(path + c + (c > 1), n - c - (c > 1));
	}
	return lp_xstrndup(path, n);
}

/* The portfolio as people name it: "cohort/ada", or "." for the current directory. */
static char *
git_where(git_repository *repo, const char *subdir)
{
	char *name = repo_name(repo), *where;
	size_t n = strlen(subdir);

	if (n && subdir[n - 1] == '/')
		n--;
	if (!n)
		return name;
	if (strcmp(name, ".") == 0)
		where = lp_xstrndup(subdir, n);
	else
		where = lp_xasprintf("%s/%.*s", name, (int)n, subdir);
	free(name);
	return where;
}

static int
git_fail_tree(const struct lp_tree *t, const char *relpath)
{
	const git_error *e = git_error_last();

	return tree_error(t, relpath, e && e->message ? e->message : "unknown git error");
}

/*
 * Walk relpath's components down from the portfolio's tree.  *entry gets
 * a copy of the last one (caller frees).  0, -2 when missing, -3 when
 * relpath names the portfolio's tree itself ("" or "."), -1 after a
 * diagnostic.  A symbolic link anywhere on the way is refused: where it
 * points is a path on someone's disk, not in this tree.
 */
static int
git_walk(const struct lp_tree *t, const char *relpath, git_tree_entry **entry)
{
	git_tree *cur = t->root, *next = NULL;
	const char *p = relpath;
	char name[NAME_MAX + 1];
	int rc = -2;

	*entry = NULL;
	if (path_escapes(relpath))
		return tree_error(t, relpath, outside);
	if (!cur)
		return -2;
	for (;;) {
		const git_tree_entry *e;
		const char *end;
		size_t n;

		while (*p == '/')
			p++;
		end = strchrnul(p, '/');
		n = (size_t)(end - p);
		if (n > NAME_MAX)
			goto out;
		memcpy(name, p, n);
		name[n] = '\0';
		p = end;
		while (*p == '/')
			p++;
		if (n == 0 || (n == 1 && name[0] == '.')) {
			if (*p)
				continue;
			rc = -3;	/* the portfolio's tree itself */
			goto out;
		}
		if (!(e = git_tree_entry_byname(cur, name)))
			goto out;
		if (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK) {
			rc = tree_error(t, relpath, "is a symbolic link; lp does not "
			    "follow links in git trees");
			goto out;
		}
		if (!*p) {
			if (git_tree_entry_dup(entry, e) < 0) {
				rc = git_fail_tree(t, relpath);
				goto out;
			}
			rc = 0;
			goto out;
		}
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
			goto out;	/* a file where a directory should be */
		if (git_tree_lookup(&next, t->repo, git_tree_entry_id(e)) < 0) {
			rc = git_fail_tree(t, relpath);
			goto out;
		}
		if (cur != t->root)
			git_tree_free(cur);
		cur = next;
		next = NULL;
	}
out:
	if (cur != t->root)
		git_tree_free(cur);
	return rc;
}

/* A file's blob: its size checked against max before it is loaded. */
static int
git_blob_entry(const struct lp_tree *t, const char *relpath, git_tree_entry **e,
    size_t *size)
{
	git_object_t type;
	int rc;

	rc = git_walk(t, relpath, e);
	if (rc == -2)
		return 1;
	if (rc == -1)
		return -1;
	if (rc == -3 || git_tree_entry_type(*e) != GIT_OBJECT_BLOB) {
		git_tree_entry_free(*e);
		*e = NULL;
		return tree_failure(t, relpath, "not a regular file");
	}
	if (git_odb_read_header(size, &type, t->odb, git_tree_entry_id(*e)) < 0) {
		git_tree_entry_free(*e);
		*e = NULL;
		return git_fail_tree(t, relpath);
	}
	return 0;
}

static int
git_read(const struct lp_tree *t, const char *relpath, struct lp_buf *out)
{
	git_tree_entry *e = NULL;
	git_odb_object *obj = NULL;
	size_t size;
	int rc;

	if ((rc = git_blob_entry(t, relpath, &e, &size)) != 0)
		return rc;
	rc = -1;
	if (size > LP_FILE_MAX) {
		char *msg = lp_xasprintf("file is larger than %u bytes", LP_FILE_MAX);

		tree_error(t, relpath, msg);
		free(msg);
		goto out;
	}
	if (git_odb_read(&obj, t->odb, git_tree_entry_id(e)) < 0) {
		git_fail_tree(t, relpath);
		goto out;
	}
	lp_buf_add(out, git_odb_object_data(obj), git_odb_object_size(obj));
	rc = 0;
out:
	git_odb_object_free(obj);
	git_tree_entry_free(e);
	return rc;
}

static int
git_size(const struct lp_tree *t, const char *relpath, uint64_t *out)
{
	git_tree_entry *e = NULL;
	size_t size;
	int rc;

	if ((rc = git_blob_entry(t, relpath, &e, &size)) != 0)
		return rc;
	*out = size;
	git_tree_entry_free(e);
	return 0;
}

static int
git_list(const struct lp_tree *t, const char *reldir, struct lp_strv *names)
{
	git_tree_entry *e = NULL;
	git_tree *tree = NULL;
	const git_tree *dir;
	size_t n;
	int rc;

	rc = git_walk(t, reldir, &e);
	if (rc == -2)
		return 1;
	if (rc == -1)
		return -1;
	if (rc == -3)
		dir = t->root;
	else if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		git_tree_entry_free(e);
		return tree_error(t, reldir, "not a directory");
	} else {
		if (git_tree_lookup(&tree, t->repo, git_tree_entry_id(e)) < 0) {
			git_tree_entry_free(e);
			return git_fail_tree(t, reldir);
		}
		dir = tree;
	}
	/* git orders a directory "a" as "a/"; lp wants plain byte order. */
	n = git_tree_entrycount(dir);
	for (size_t i = 0; i < n; i++)
		lp_strv_push(names, git_tree_entry_name(git_tree_entry_byindex(dir, i)));
	lp_strv_sort(names);
	git_tree_free(tree);
	git_tree_entry_free(e);
	return 0;
}

/* The portfolio's tree at subdir of commit's tree; NULL in *out when absent. */
static int
git_subtree(struct lp_tree *t, git_tree *top, git_tree **out)
{
	git_tree_entry *e = NULL;
	size_t n = strlen(t->subdir);
	char *path;
	int r;

	*out = NULL;
	if (n == 0)
		return git_tree_dup(out, top) < 0 ? git_fail_tree(t, "") : 0;
	path = lp_xstrndup(t->subdir, n - 1);
	r = git_tree_entry_bypath(&e, top, path);
	free(path);
	if (r == GIT_ENOTFOUND) {
		/* The portfolio did not exist yet: every file in it is missing. */
		git_error_clear();
		return 0;
	}
	if (r < 0)
		return git_fail_tree(t, "");
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		git_tree_entry_free(e);
		return tree_error(t, "", "not a directory");
	}
	r = git_tree_lookup(out, t->repo, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return r < 0 ? git_fail_tree(t, "") : 0;
}

/* A git tree of git at subdir, read at rev; its root is looked up by the caller. */
static struct lp_tree *
git_tree_new(struct lp_git *git, const char *rev, const char *subdir)
{
	struct lp_tree *t = lp_xcalloc(1, sizeof *t);
	size_t n;

	t->kind = TREE_GIT;
	t->fd = -1;
	t->repo = lp_git_repo(git);
	t->rev = lp_xstrdup(rev);
	/* Normalise "a/b" and "a/b/" (and "", "/", ".") to "a/b/" or "". */
	while (*subdir == '/' || (subdir[0] == '.' && (subdir[1] == '/' || !subdir[1])))
		subdir++;
	n = strlen(subdir);
	while (n > 0 && subdir[n - 1] == '/')
		n--;
	t->subdir = n ? lp_xasprintf("%.*s/", (int)n, subdir) : lp_xstrdup("");
	return t;
}

/* rev's object: by name, or by commit_hex when the caller resolved it. */
static int
resolve_rev(git_repository *repo, const char *rev, const char *commit_hex, git_object **obj)
{
	git_oid id;

	if (!commit_hex)
		return lp_git_revparse(obj, repo, rev);
	if (git_oid_fromstr(&id, commit_hex) < 0)
		return GIT_EINVALIDSPEC;
	return git_object_lookup(obj, repo, &id, GIT_OBJECT_ANY);
}

int
lp_tree_open_git_at(struct lp_git *git, const char *rev, const char *commit_hex,
    const char *subdir, struct lp_tree **out)
{
	git_object *obj = NULL, *commit = NULL;
	git_tree *top = NULL;
	struct lp_tree *t;
	char *where = NULL;
	int r, rc = -1;

	*out = NULL;
	t = git_tree_new(git, rev, subdir);
	where = git_where(t->repo, t->subdir);
	t->label = lp_xasprintf("%s@%s", where, rev);
	if (path_escapes(t->subdir)) {
		tree_error(t, "", outside);
		goto out;
	}
	r = resolve_rev(t->repo, rev, commit_hex, &obj);
	if (r == GIT_ENOTFOUND || r == GIT_EINVALIDSPEC || r == GIT_EAMBIGUOUS) {
		lp_error("%s: %s revision %s", where,
		    r == GIT_EAMBIGUOUS ? "ambiguous" : "unknown", rev);
		goto out;
	}
	if (r < 0 || git_repository_odb(&t->odb, t->repo) < 0) {
		const git_error *e = git_error_last();

		lp_error("%s: %s", where, e && e->message ? e->message : "unknown git error");
		goto out;
	}
	if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		lp_error("%s: %s is not a commit", where, rev);
		goto out;
	}
	git_oid_tostr(t->commit, sizeof t->commit, git_object_id(commit));
	if (git_commit_tree(&top, (git_commit *)commit) < 0) {
		git_fail_tree(t, "");
		goto out;
	}
	if (git_subtree(t, top, &t->root) < 0)
		goto out;
	*out = t;
	t = NULL;
	rc = 0;
out:
	free(where);
	git_tree_free(top);
	git_object_free(commit);
	git_object_free(obj);
	lp_tree_free(t);
	return rc;
}

int
lp_tree_open_git(struct lp_git *git, const char *rev, const char *subdir,
    struct lp_tree **out)
{
	return lp_tree_open_git_at(git, rev, NULL, subdir, out);
}

/*
 * The index as a tree: git_index_write_tree stores the staged content as
 * tree objects (as `git write-tree` does; objects are content-addressed,
 * so nothing a user sees changes), and the portfolio is read from that.
 * Paths are named as git names staged files, ":subdir/file".
 */
int
lp_tree_open_index(struct lp_git *git, const char *subdir, struct lp_tree **out)
{
	git_index *index = NULL;
	git_tree *top = NULL;
	git_oid oid;
	struct lp_tree *t;
	char *where = NULL;
	int rc = -1;

	*out = NULL;
	t = git_tree_new(git, "", subdir);
	where = git_where(t->repo, t->subdir);
	t->label = lp_xasprintf("%s (staged)", where);
	if (path_escapes(t->subdir)) {
		tree_error(t, "", outside);
		goto out;
	}
	if (git_repository_index(&index, t->repo) < 0 ||
	    git_index_write_tree(&oid, index) < 0 ||
	    git_tree_lookup(&top, t->repo, &oid) < 0 ||
	    git_repository_odb(&t->odb, t->repo) < 0) {
		const git_error *e = git_error_last();

		/* A conflicted index cannot be written as a tree: say so plainly. */
		lp_error("%s: the index: %s", where, e && e->message ? e->message : "unknown git error");
		goto out;
	}
	if (git_subtree(t, top, &t->root) < 0)
		goto out;
	*out = t;
	t = NULL;
	rc = 0;
out:
	free(where);
	git_tree_free(top);
	git_index_free(index);
	lp_tree_free(t);
	return rc;
}

int
lp_tree_git_at(git_repository *repo, const char *subdir, const git_oid *id,
    const char *rev, const char *label, struct lp_tree **out)
{
	struct lp_tree *t = lp_xcalloc(1, sizeof *t);

	*out = NULL;
	t->kind = TREE_GIT;
	t->fd = -1;
	t->repo = repo;
	t->rev = lp_xstrdup(rev);
	t->subdir = lp_xstrdup(subdir);
	t->label = lp_xasprintf("%s@%.12s", label, rev);
	if (git_repository_odb(&t->odb, repo) < 0 || git_tree_lookup(&t->root, repo, id) < 0) {
		git_fail_tree(t, "");
		lp_tree_free(t);
		return -1;
	}
	*out = t;
	return 0;
}

/* ------------------------------------------------------------------ */

int
lp_tree_read(const struct lp_tree *t, const char *relpath, struct lp_buf *out)
{
	return t->kind == TREE_GIT ? git_read(t, relpath, out) : dir_read(t, relpath, out);
}

int
lp_tree_list(const struct lp_tree *t, const char *reldir, struct lp_strv *names)
{
	return t->kind == TREE_GIT ? git_list(t, reldir, names) : dir_list(t, reldir, names);
}

/* Whether relpath is a directory: 1, 0 (not one, or missing), -1 after a diagnostic. */
int
lp_tree_is_dir(const struct lp_tree *t, const char *relpath)
{
	if (t->kind == TREE_GIT) {
		git_tree_entry *e = NULL;
		int rc = git_walk(t, relpath, &e), dir;

		if (rc == -3)
			return 1;
		if (rc < 0)
			return rc == -2 ? 0 : -1;
		dir = git_tree_entry_type(e) == GIT_OBJECT_TREE;
		git_tree_entry_free(e);
		return dir;
	} else {
		int fd = dir_open(t, relpath, O_RDONLY | O_NOCTTY | O_NONBLOCK);
		struct stat st;
		int dir;

		if (fd < 0)
			return fd == -2 ? 0 : -1;
		dir = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
		close(fd);
		return dir;
	}
}

int
lp_tree_size(const struct lp_tree *t, const char *relpath, uint64_t *size)
{
	return t->kind == TREE_GIT ? git_size(t, relpath, size) : dir_size(t, relpath, size);
}
