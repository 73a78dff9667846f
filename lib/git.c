/*
 * git.c - everything lp does with git, through libgit2.
 *
 * A portfolio is normally a git work tree.  lp commits exactly the files a
 * command wrote, whatever else the user has staged, so that its commits
 * never sweep up someone's half-done work; it reads old versions straight
 * from the object database.  Every libgit2 failure becomes one message
 * naming the repository, and the awkward states a real repository can be
 * in (a held index.lock, a detached or unborn HEAD, another user's
 * repository) are told apart, because the user has to act on each
 * differently.
 */
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "lp.h"
#include "gitsafe.h"

struct lp_git {
	git_repository *repo;
	char *where;	/* the work tree or repository, for messages */
};


static int
git_fail(const char *what)
{
	const git_error *e = git_error_last();

	lp_error("%s: %s", what, e && e->message ? e->message : "unknown git error");
	return -1;
}

static int git_started;
static pthread_once_t git_once = PTHREAD_ONCE_INIT;

/*
 * lp opens no network connection, so the CA bundle libgit2 1.5 (built
 * with mbedTLS, as Debian builds it) parses in git_libgit2_init is never
 * used: 5-25 ms of every git command's start, most of lp-assess
 * history's start-up (issue 17).  No libgit2 option skips it, so lp
 * provides the one mbedTLS call that loads a bundle file: the executable's
 * definition comes first when libgit2's reference is bound.  It fails
 * safe: were a TLS connection ever made, no root would be trusted and
 * verification would fail, never pass.  (A libgit2 built with OpenSSL
 * does not call it, and nothing changes.)
 */
int mbedtls_x509_crt_parse_file(void *chain, const char *path);

int
mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

static void
git_start(void)
{
	if (git_libgit2_init() < 0)
		lp_die("cannot initialise libgit2");
	git_started = 1;
	/*
	 * libgit2 caches no tree over 4 KiB, and a cohort repository's root
	 * tree lists thousands of portfolios: without this, reading each
	 * portfolio at a revision would parse that tree again.
	 */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
	    (size_t)(16u << 20));
	/*
	 * Like git, do not hash every object again as it is read: zlib's
	 * checksum catches a corrupt object, and the bounded loose reader
	 * (git-odb.c) a truncated one.  A history reads thousands of commits
	 * and trees, a --git report thousands of blobs.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

/*
 * libgit2 costs 10-30 ms to start (libgit2 1.5.1 as Debian builds it
 * seeds mbedTLS and parses the whole CA bundle in git_libgit2_init, and
 * no option turns that off), so it is started on first use, not at
 * start-up: annotate, framework, render and a portfolio outside git
 * never pay for it.  Once, whichever thread of a cohort read asks first.
 */
void
lp_git_need(void)
{
	pthread_once(&git_once, git_start);
}

/*
 * In libgit2's order (a full object id, then a reference, then the rest
 * of the revision syntax), but a reference is looked up once and its
 * object here: libgit2 1.5's git_revparse_single keeps the reference
 * when the object is missing, a leak a repository cut short would cause
 * on every read.
 */
int
lp_git_revparse(git_object **out, git_repository *repo, const char *spec)
{
	git_reference *ref = NULL;
	git_oid id;
	int rc;

	*out = NULL;
	if (strlen(spec) == GIT_OID_HEXSZ && git_oid_fromstr(&id, spec) == 0)
		return git_object_lookup(out, repo, &id, GIT_OBJECT_ANY);
	/* git_reference_dwim resolves a symbolic reference (HEAD) to the end. */
	if (git_reference_dwim(&ref, repo, spec) == 0 &&
	    git_reference_type(ref) == GIT_REFERENCE_DIRECT) {
		rc = git_object_lookup(out, repo, git_reference_target(ref), GIT_OBJECT_ANY);
		git_reference_free(ref);
		return rc;
	}
	git_reference_free(ref);
	return git_revparse_single(out, repo, spec);
}

/* At exit only: libgit2 is not started a second time after this. */
void
lp_git_global_shutdown(void)
{
	if (!git_started)
		return;
	git_libgit2_shutdown();
	git_started = 0;
}

/* The path without the trailing slash libgit2 keeps on directories. */
static char *
strip_slash(const char *path)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	return lp_xstrndup(path, n);
}

static struct lp_git *
git_new(git_repository *repo)
{
	struct lp_git *g = lp_xcalloc(1, sizeof *g);
	const char *wd = git_repository_workdir(repo);

	g->repo = repo;
	g->where = strip_slash(wd ? wd : git_repository_path(repo));
	if (lp_git_odb_guard(repo) < 0) {
		git_fail(g->where);
		lp_git_free(g);
		return NULL;
	}
	return g;
}

/*
 * libgit2 1.5.1 reports a repository owned by someone else as GIT_EOWNER,
 * or, when the global configuration exists but has no safe.directory, as
 * GIT_ENOTFOUND with a configuration error.  A plain "no repository here"
 * is GIT_ENOTFOUND with a repository error.
 */
static int
not_owned(int rc)
{
	const git_error *e = git_error_last();

	return rc == GIT_EOWNER ||
	    (rc == GIT_ENOTFOUND && e && e->klass == GIT_ERROR_CONFIG);
}

static int
open_failed(const char *dir, int rc)
{
	if (not_owned(rc)) {
		lp_error("%s: the git repository is owned by another user; "
		    "lp will not use it (see git's safe.directory)", dir);
		return -1;
	}
	return git_fail(dir);
}

/*
 * Whether git's discovery could find anything from dir: a .git entry, or
 * a directory that is itself a repository (HEAD and objects), in dir or
 * above it.  When not, a portfolio outside git is told so without
 * starting libgit2 at all.  outside, when set, holds a directory already
 * found to have no such entry at or above it (a cohort's portfolios are
 * siblings: the search up to / is done once), and learns the parent of
 * dir when nothing is found.
 */
static int
maybe_in_git(const char *dir, struct lp_git_outside *outside)
{
	char *cur = realpath(dir, NULL), *parent = NULL;
	int found = cur == NULL;	/* unsure: let libgit2 say */

	while (cur && !found) {
		const char *base = strcmp(cur, "/") ? cur : "";
		char *git, *head, *objects, *slash;
		struct stat st;

		if (outside && outside->dir && strcmp(cur, outside->dir) == 0)
			break;
		git = lp_xasprintf("%s/.git", base);
		head = lp_xasprintf("%s/HEAD", base);
		objects = lp_xasprintf("%s/objects", base);
		found = lstat(git, &st) == 0 ||
		    (lstat(head, &st) == 0 && lstat(objects, &st) == 0);
		free(git);
		free(head);
		free(objects);
		slash = strrchr(cur, '/');
		if (found || !slash || strcmp(cur, "/") == 0)
			break;
		if (slash == cur)
			slash[1] = '\0';
		else
			*slash = '\0';
		if (!parent)
			parent = lp_xstrdup(cur);
	}
	if (outside && !found && parent) {
		free(outside->dir);
		outside->dir = parent;
		parent = NULL;
	}
	free(parent);
	free(cur);
	return found;
}

void
lp_git_outside_free(struct lp_git_outside *outside)
{
	free(outside->dir);
	outside->dir = NULL;
}

int
lp_git_open(const char *dir, struct lp_git **out)
{
	return lp_git_open_near(dir, NULL, out);
}

int
lp_git_open_near(const char *dir, struct lp_git_outside *outside, struct lp_git **out)
{
	git_repository *repo = NULL;
	int rc;

	*out = NULL;
	if (!maybe_in_git(dir, outside))
		return 1;
	lp_git_need();
	/* Flags 0: search upwards, but take no GIT_DIR from the environment. */
	git_error_clear();
	rc = git_repository_open_ext(&repo, dir, 0,
	    getenv("GIT_CEILING_DIRECTORIES"));
	if (rc == GIT_ENOTFOUND && !not_owned(rc))
		return lp_git_link_dangling(dir) < 0 ? -1 : 1;
	if (rc < 0)
		return open_failed(dir, rc);
	if (git_repository_is_bare(repo)) {
		lp_error("%s: %s is a bare repository; lp needs a work tree", dir,
		    git_repository_path(repo));
		git_repository_free(repo);
		return -1;
	}
	if (lp_git_link_check(repo, dir) < 0) {
		git_repository_free(repo);
		return -1;
	}
	return (*out = git_new(repo)) ? 0 : -1;
}

/*
 * Inside a pre-receive hook, the objects being pushed wait in a
 * quarantine directory that git names in GIT_QUARANTINE_PATH (and
 * GIT_OBJECT_DIRECTORY) until the hook accepts them.  lp takes no
 * repository from the environment, but to check a push it must see
 * them: the quarantine is added as an alternate object directory of the
 * repository that holds it, and only then.
 */
static int
add_quarantine(git_repository *repo, const char *path)
{
	const char *q = getenv("GIT_QUARANTINE_PATH");
	char *objects, *real_q, *real_o;
	git_odb *odb = NULL;
	int inside, rc = 0;

	if (!q || !*q)
		return 0;
	objects = lp_xasprintf("%sobjects", git_repository_path(repo));
	real_q = realpath(q, NULL);
	real_o = realpath(objects, NULL);
	/* git puts the quarantine inside the repository's objects directory. */
	inside = real_q && real_o && strncmp(real_q, real_o, strlen(real_o)) == 0 &&
	    real_q[strlen(real_o)] == '/';
	if (inside && (git_repository_odb(&odb, repo) < 0 ||
	    git_odb_add_disk_alternate(odb, real_q) < 0)) {
		const git_error *e = git_error_last();

		lp_error("%s: cannot read the pushed objects in %s: %s", path, q,
		    e && e->message ? e->message : "unknown git error");
		rc = -1;
	}
	git_odb_free(odb);
	free(objects);
	free(real_q);
	free(real_o);
	return rc;
}

int
lp_git_open_bare(const char *path, struct lp_git **out)
{
	git_repository *repo = NULL;
	int rc;

	*out = NULL;
	lp_git_need();
	git_error_clear();
	rc = git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH,
	    NULL);
	if (rc == GIT_ENOTFOUND && !not_owned(rc)) {
		lp_error("%s: not a git repository", path);
		return -1;
	}
	if (rc < 0)
		return open_failed(path, rc);
	if ((!git_repository_is_bare(repo) && lp_git_link_check(repo, path) < 0) ||
	    add_quarantine(repo, path) < 0) {
		git_repository_free(repo);
		return -1;
	}
	return (*out = git_new(repo)) ? 0 : -1;
}

int
lp_git_init(const char *dir, struct lp_git **out)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	git_buf branch = GIT_BUF_INIT;
	char *head = NULL;
	int rc = -1;

	*out = NULL;
	lp_git_need();
	/* git's own default branch is "master"; lp's is "main" unless configured. */
	if (git_config_open_default(&cfg) == 0 &&
	    git_config_get_string_buf(&branch, cfg, "init.defaultBranch") == 0 &&
	    branch.size > 0)
		head = lp_xasprintf("refs/heads/%s", branch.ptr);
	else
		head = lp_xstrdup("refs/heads/main");
	git_error_clear();
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = head;
	if (git_repository_init_ext(&repo, dir, &opts) < 0) {
		git_fail(dir);
		goto out;
	}
	if (!(*out = git_new(repo)))
		goto out;
	rc = 0;
out:
	git_buf_dispose(&branch);
	git_config_free(cfg);
	free(head);
	return rc;
}

const char *
lp_git_workdir(const struct lp_git *g)
{
	return git_repository_workdir(g->repo);
}

void *
lp_git_repo(struct lp_git *g)
{
	return g->repo;
}

void
lp_git_free(struct lp_git *g)
{
	if (!g)
		return;
	git_repository_free(g->repo);
	free(g->where);
	free(g);
}

int
lp_git_prefix(const struct lp_git *g, const char *dir, char **out)
{
	const char *wd = git_repository_workdir(g->repo);
	char *rdir = NULL, *rwd = NULL;
	size_t n;
	int rc = -1;

	*out = NULL;
	if (!wd) {
		lp_error("%s: a bare repository has no work tree", g->where);
		return -1;
	}
	if (!(rdir = realpath(dir, NULL))) {
		lp_error("%s: %s", dir, strerror(errno));
		goto out;
	}
	if (!(rwd = realpath(wd, NULL))) {
		lp_error("%s: %s", wd, strerror(errno));
		goto out;
	}
	n = strlen(rwd);
	if (strcmp(rdir, rwd) == 0)
		*out = lp_xstrdup("");
	else if (strncmp(rdir, rwd, n) == 0 && (rdir[n] == '/' || n == 1))
		*out = lp_xasprintf("%s/", rdir + n + (rwd[n - 1] != '/'));
	else {
		lp_error("%s: not inside the work tree %s", dir, rwd);
		goto out;
	}
	rc = 0;
out:
	free(rdir);
	free(rwd);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Committing exactly the given paths                                   */

/* git's message clean-up: trailing spaces and blank lines go, one newline ends it. */
static int
clean_message(const char *message, git_buf *out)
{
	if (git_message_prettify(out, message, 0, '#') < 0)
		return git_fail("commit message");
	if (out->size == 0) {
		lp_error("the message is empty");
		return -1;
	}
	return 0;
}

/*
 * The branch HEAD names and its tip; *parent stays NULL on an unborn
 * branch.  A detached HEAD is refused: a commit there is easily lost.
 */
static int
head_branch(struct lp_git *g, git_commit **parent)
{
	git_reference *head = NULL;
	git_oid oid;
	int rc = -1, r;

	*parent = NULL;
	if (git_reference_lookup(&head, g->repo, "HEAD") < 0)
		return git_fail(g->where);
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		lp_error("%s: HEAD is detached; check out a branch before lp commits",
		    g->where);
		goto out;
	}
	r = git_reference_name_to_id(&oid, g->repo, git_reference_symbolic_target(head));
	if (r == GIT_ENOTFOUND) {
		git_error_clear();
		rc = 0;
		goto out;
	}
	if (r < 0 || git_commit_lookup(parent, g->repo, &oid) < 0) {
		git_fail(g->where);
		goto out;
	}
	rc = 0;
out:
	git_reference_free(head);
	return rc;
}

static int
index_locked(const struct lp_git *g)
{
	lp_error("%sindex.lock exists: another git process is running, "
	    "or one crashed; remove the file if not",
	    git_repository_path(g->repo));
	return -1;
}

/*
 * The lock git (or libgit2) takes on the branch while moving it, left
 * behind by a kill: the same message as for index.lock, since the user
 * acts on it the same way.  0 when there is none.
 */
static int
branch_locked(const struct lp_git *g)
{
	git_reference *head = NULL;
	char *lock = NULL;
	int rc = 0;

	if (git_reference_lookup(&head, g->repo, "HEAD") < 0) {
		git_error_clear();
		return 0;
	}
	if (git_reference_type(head) == GIT_REFERENCE_SYMBOLIC) {
		lock = lp_xasprintf("%s%s.lock", git_repository_commondir(g->repo),
		    git_reference_symbolic_target(head));
		if (access(lock, F_OK) == 0) {
			lp_error("%s exists: another git process is running, "
			    "or one crashed; remove the file if not", lock);
			rc = -1;
		}
	}
	free(lock);
	git_reference_free(head);
	return rc;
}

/*
 * What lp_git_commit would refuse, checked before a command writes
 * anything: a refused commit must not leave a changed file behind.
 */
int
lp_git_can_commit(struct lp_git *g)
{
	git_signature *author = NULL, *committer = NULL;
	git_commit *parent = NULL;
	char *lock;
	int rc = -1;

	if (!git_repository_workdir(g->repo)) {
		lp_error("%s: a bare repository has no work tree to commit from",
		    g->where);
		return -1;
	}
	if (head_branch(g, &parent) < 0 || lp_git_signatures(g->repo, &author, &committer) < 0)
		goto out;
	lock = lp_xasprintf("%sindex.lock", git_repository_path(g->repo));
	rc = access(lock, F_OK) == 0 ? index_locked(g) : branch_locked(g);
	free(lock);
out:
	git_signature_free(author);
	git_signature_free(committer);
	git_commit_free(parent);
	return rc;
}

/* The paths sorted, without duplicates, each checked to stay in the work tree. */
static int
commit_paths(struct lp_git *g, char *const *paths, size_t npaths, struct lp_strv *out)
{
	const char *why;

	for (size_t i = 0; i < npaths; i++) {
		if (lp_relpath_check(paths[i], &why) < 0) {
			lp_error("%s: cannot commit %s: the path %s", g->where,
			    paths[i], why);
			return -1;
		}
		lp_strv_push(out, paths[i]);
	}
	lp_strv_sort(out);
	for (size_t i = 1; i < out->n; ) {
		if (strcmp(out->v[i - 1], out->v[i]) == 0) {
			free(out->v[i]);
			memmove(out->v + i, out->v + i + 1, (out->n - i) * sizeof *out->v);
			out->n--;
		} else
			i++;
	}
	return 0;
}

/* Bring each path's index entry in line with the work tree, and save the index. */
static int
stage_paths(struct lp_git *g, git_index *index, const struct lp_strv *paths)
{
	const char *wd = git_repository_workdir(g->repo);
	struct stat st;
	int r;

	if (git_index_read(index, 0) < 0)
		return git_fail(g->where);
	for (size_t i = 0; i < paths->n; i++) {
		char *full = lp_xasprintf("%s%s", wd, paths->v[i]);
		int exists = lstat(full, &st) == 0;

		free(full);
		if (exists && S_ISDIR(st.st_mode)) {
			lp_error("%s: cannot commit %s: it is a directory", g->where,
			    paths->v[i]);
			return -1;
		}
		if (exists)
			r = git_index_add_bypath(index, paths->v[i]);
		else
			r = git_index_remove_bypath(index, paths->v[i]);
		if (r < 0) {
			const git_error *e = git_error_last();

			lp_error("%s: cannot stage %s: %s", g->where, paths->v[i],
			    e && e->message ? e->message : "unknown git error");
			return -1;
		}
	}
	r = git_index_write(index);
	if (r == GIT_ELOCKED)
		return index_locked(g);
	if (r < 0)
		return git_fail(g->where);
	return 0;
}

/*
 * HEAD's tree with only these paths changed to their index entries, so
 * that whatever else the user staged stays out of lp's commit.
 */
static int
commit_tree(struct lp_git *g, git_index *index, git_tree *base,
    const struct lp_strv *paths, git_oid *out)
{
	git_tree_update *upd = lp_xcalloc(paths->n, sizeof *upd);
	size_t n = 0;
	int rc = -1;

	for (size_t i = 0; i < paths->n; i++) {
		const git_index_entry *e = git_index_get_bypath(index, paths->v[i], 0);
		git_tree_entry *te = NULL;

		if (e) {
			upd[n].action = GIT_TREE_UPDATE_UPSERT;
			git_oid_cpy(&upd[n].id, &e->id);
			upd[n].filemode = (git_filemode_t)e->mode;
			upd[n++].path = paths->v[i];
		} else if (base && git_tree_entry_bypath(&te, base, paths->v[i]) == 0) {
			upd[n].action = GIT_TREE_UPDATE_REMOVE;
			upd[n++].path = paths->v[i];
			git_tree_entry_free(te);
		}
	}
	git_error_clear();
	if (git_tree_create_updated(out, g->repo, base, n, upd) < 0) {
		git_fail(g->where);
		goto out;
	}
	rc = 0;
out:
	free(upd);
	return rc;
}

/* The index entries of the paths before lp staged them, to put back. */
struct index_before {
	git_index_entry *e;
	int *had;
	size_t n;
};

static void
index_remember(git_index *index, const struct lp_strv *paths, struct index_before *b)
{
	b->n = paths->n;
	b->e = lp_xcalloc(paths->n ? paths->n : 1, sizeof *b->e);
	b->had = lp_xcalloc(paths->n ? paths->n : 1, sizeof *b->had);
	for (size_t i = 0; i < paths->n; i++) {
		const git_index_entry *e = git_index_get_bypath(index, paths->v[i], 0);

		if (e) {
			b->e[i] = *e;
			b->had[i] = 1;
		}
		b->e[i].path = paths->v[i];
	}
}

/*
 * A commit that failed after staging (a held branch lock, a full disk
 * while writing objects) leaves the index as it was, so that git status
 * shows what it showed before lp ran.
 */
static void
index_restore(struct lp_git *g, git_index *index, const struct index_before *b)
{
	for (size_t i = 0; i < b->n; i++) {
		if (b->had[i])
			git_index_add(index, &b->e[i]);
		else
			git_index_remove_bypath(index, b->e[i].path);
	}
	if (git_index_write(index) < 0)
		lp_warn("%s: the index could not be put back: %s", g->where,
		    git_error_last() ? git_error_last()->message : "unknown git error");
	git_error_clear();
}

int
lp_git_commit(struct lp_git *g, char *const *paths, size_t npaths, const char *message)
{
	struct index_before before = {0};
	int staged = 0;
	git_signature *author = NULL, *committer = NULL;
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_index *index = NULL;
	struct lp_strv sorted = {0};
	git_buf msg = GIT_BUF_INIT;
	git_oid tree_id, commit_id, empty_id;
	int rc = -1, r;

	if (!git_repository_workdir(g->repo)) {
		lp_error("%s: a bare repository has no work tree to commit from",
		    g->where);
		return -1;
	}
	/* Everything that can be refused is checked before the index changes. */
	if (head_branch(g, &parent) < 0)
		goto out;
	if (parent && git_commit_tree(&base, parent) < 0) {
		git_fail(g->where);
		goto out;
	}
	if (lp_git_signatures(g->repo, &author, &committer) < 0 ||
	    clean_message(message, &msg) < 0 ||
	    commit_paths(g, paths, npaths, &sorted) < 0)
		goto out;
	if (git_repository_index(&index, g->repo) < 0) {
		git_fail(g->where);
		goto out;
	}
	if (git_index_read(index, 0) < 0) {
		git_fail(g->where);
		goto out;
	}
	index_remember(index, &sorted, &before);
	if (stage_paths(g, index, &sorted) < 0) {
		/* Drop the unsaved changes: the repository may be used again. */
		git_index_read(index, 1);
		git_error_clear();
		goto out;
	}
	staged = 1;
	if (commit_tree(g, index, base, &sorted, &tree_id) < 0)
		goto out;
	/* Nothing changed: like git, make no empty commit. */
	git_oid_fromstr(&empty_id, "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
	if (git_oid_equal(&tree_id, base ? git_tree_id(base) : &empty_id)) {
		rc = 0;
		goto out;
	}
	if (git_tree_lookup(&tree, g->repo, &tree_id) < 0) {
		git_fail(g->where);
		goto out;
	}
	r = git_commit_create(&commit_id, g->repo, "HEAD", author, committer, NULL,
	    msg.ptr, tree, parent ? 1 : 0, (const git_commit **)&parent);
	if (r == GIT_ELOCKED && branch_locked(g) < 0)
		goto out;
	if (r == GIT_EMODIFIED) {
		lp_error("%s: the branch moved while lp was committing; try again",
		    g->where);
		goto out;
	}
	if (r < 0) {
		git_fail(g->where);
		goto out;
	}
	rc = 0;
out:
	if (rc < 0 && staged)
		index_restore(g, index, &before);
	free(before.e);
	free(before.had);
	git_buf_dispose(&msg);
	lp_strv_free(&sorted);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	git_index_free(index);
	git_signature_free(author);
	git_signature_free(committer);
	return rc;
}

int
lp_git_is_clean(struct lp_git *g, const char *prefix, int *clean)
{
	git_status_options opts;
	git_status_list *list = NULL;
	char *spec = NULL;

	*clean = 0;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	/* Literal paths: a portfolio directory may have '*' in its name. */
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	    GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH;
	if (prefix && *prefix) {
		spec = strip_slash(prefix);
		opts.pathspec.strings = &spec;
		opts.pathspec.count = 1;
	}
	if (git_status_list_new(&list, g->repo, &opts) < 0) {
		free(spec);
		return git_fail(g->where);
	}
	*clean = git_status_list_entrycount(list) == 0;
	git_status_list_free(list);
	free(spec);
	return 0;
}

/* rev as a commit; an unknown rev is named as such. */
static int
rev_commit(struct lp_git *g, const char *rev, git_object **commit)
{
	git_object *obj = NULL;
	int r;

	*commit = NULL;
	r = lp_git_revparse(&obj, g->repo, rev);
	if (r == GIT_ENOTFOUND || r == GIT_EINVALIDSPEC) {
		lp_error("%s: unknown revision %s", g->where, rev);
		return -1;
	}
	if (r < 0)
		return git_fail(g->where);
	r = git_object_peel(commit, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (r < 0) {
		lp_error("%s: %s is not a commit", g->where, rev);
		return -1;
	}
	return 0;
}

int
lp_git_tag(struct lp_git *g, const char *name, const char *message, char **made)
{
	git_signature *author = NULL, *tagger = NULL;
	git_object *head = NULL;
	git_buf msg = GIT_BUF_INIT;
	char *try = NULL;
	git_oid oid;
	int rc = -1, r = GIT_EEXISTS;

	if (made)
		*made = NULL;
	if (git_repository_head_unborn(g->repo) == 1) {
		lp_error("%s: there is no commit to tag yet", g->where);
		return -1;
	}
	if (rev_commit(g, "HEAD", &head) < 0 ||
	    lp_git_signatures(g->repo, &author, &tagger) < 0 ||
	    clean_message(message, &msg) < 0)
		goto out;
	for (int i = 1; i < 10000 && r == GIT_EEXISTS; i++) {
		free(try);
		try = i == 1 ? lp_xstrdup(name) : lp_xasprintf("%s-%d", name, i);
		r = git_tag_create(&oid, g->repo, try, head, tagger, msg.ptr, 0);
	}
	if (r < 0) {
		const git_error *e = git_error_last();

		lp_error("%s: cannot create tag %s: %s", g->where, name,
		    e && e->message ? e->message : "unknown git error");
		goto out;
	}
	if (made) {
		*made = try;
		try = NULL;
	}
	rc = 0;
out:
	free(try);
	git_buf_dispose(&msg);
	git_object_free(head);
	git_signature_free(author);
	git_signature_free(tagger);
	return rc;
}

int
lp_git_resolve(struct lp_git *g, const char *rev, char shortid[16])
{
	git_object *commit = NULL;
	git_buf buf = GIT_BUF_INIT;
	size_t n;

	shortid[0] = '\0';
	if (rev_commit(g, rev, &commit) < 0)
		return -1;
	if (git_object_short_id(&buf, commit) == 0 && buf.size >= 7) {
		n = buf.size < 15 ? buf.size : 15;
		memcpy(shortid, buf.ptr, n);
	} else {
		git_error_clear();
		n = 7;
		memcpy(shortid, git_oid_tostr_s(git_object_id(commit)), n);
	}
	shortid[n] = '\0';
	git_buf_dispose(&buf);
	git_object_free(commit);
	return 0;
}
