/*
 * git.c - finding and opening repositories, through libgit2.
 *
 * A portfolio is normally a git work tree.  lp reads old versions straight
 * from the object database and commits exactly the files a command wrote
 * (git-commit.c).  Every libgit2 failure becomes one message naming the
 * repository, and the awkward states a real repository can be in
 * (another user's, a bare one where a work tree is needed, a .git file
 * leading elsewhere) are told apart, because the user has to act on each
 * differently.
 */
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/repository.h>

#include "git-internal.h"
#include "gitsafe.h"
#include "lp.h"

int
lp_git_fail(const char *what)
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
 * Whether the loose refs spec can lead libgit2 to are safe to open
 * (lp_git_guard_rev).  A FIFO or device among them becomes libgit2's
 * error, so that every caller says what it was reading and then why,
 * once.
 */
static int
rev_guard(git_repository *repo, const char *spec)
{
	struct lp_findings said = {0}, *was = lp_diag_capture(&said);
	int rc = lp_git_guard_rev(git_repository_path(repo),
	    git_repository_commondir(repo), spec);

	lp_diag_capture(was);
	if (rc < 0)
		git_error_set_str(GIT_ERROR_REFERENCE, said.n ? said.v[0].message :
		    "a special file where git reads a ref");
	lp_findings_free(&said);
	return rc < 0 ? GIT_ERROR : 0;
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
	if (rev_guard(repo, spec) < 0)
		return -1;
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

static struct lp_git *
git_new(git_repository *repo)
{
	struct lp_git *g = lp_xcalloc(1, sizeof *g);
	const char *wd = git_repository_workdir(repo);

	g->repo = repo;
	g->where = lp_path_unslash(wd ? wd : git_repository_path(repo));
	if (lp_git_odb_guard(repo) < 0) {
		lp_git_fail(g->where);
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
	return lp_git_fail(dir);
}

/*
 * The repository format its config gives, judged as libgit2 1.5 judges it
 * (format version 1 at most; in version 1, no extension but "noop"), so
 * that libgit2 never has to refuse one: its check of a version-1
 * repository's extensions leaks pcre2 match data for every config entry
 * (git_regexp_match returns before freeing it on no match), some 20 KiB
 * each.  0 when libgit2 may open it (or when the config cannot be read:
 * libgit2 then says why), -1 after libgit2's own message when not.
 */
static int
format_ok(const char *where, git_config *cfg)
{
	git_config_iterator *it = NULL;
	git_config_entry *e;
	int version = 0, rc = 0;

	if (git_config_get_int32(&version, cfg, "core.repositoryformatversion") < 0 ||
	    version < 1)
		return 0;
	if (version > 1) {
		lp_error("%s: unsupported repository version %d; only versions up to 1 "
		    "are supported", where, version);
		return -1;
	}
	if (git_config_iterator_new(&it, cfg) < 0)
		return 0;
	while (rc == 0 && git_config_next(&e, it) == 0) {
		if (strncmp(e->name, "extensions.", 11) == 0 && strcmp(e->name + 11, "noop") != 0) {
			lp_error("%s: unsupported extension name %s", where, e->name);
			rc = -1;
		}
	}
	git_config_iterator_free(it);
	return rc;
}

/* format_ok for the config file at path (absent: nothing to judge). */
static int
format_ok_file(const char *where, const char *path)
{
	git_config *cfg = NULL;
	int rc = 0;

	if (path && access(path, F_OK) == 0 && git_config_open_ondisk(&cfg, path) == 0)
		rc = format_ok(where, cfg);
	git_config_free(cfg);
	git_error_clear();
	return rc;
}

/*
 * Whether git's discovery could find anything from dir: a .git entry, or
 * a directory that is itself a repository (HEAD and objects), in dir or
 * above it.  When not, a portfolio outside git is told so without
 * starting libgit2 at all.  outside, when set, holds a directory already
 * found to have no such entry at or above it (a cohort's portfolios are
 * siblings: the search up to / is done once), and learns the parent of
 * dir when nothing is found.  When found, *where is the directory the
 * entry is in (allocated).
 */
static int
maybe_in_git(const char *dir, struct lp_git_outside *outside, char **where)
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
	if (found && cur)
		*where = cur;
	else
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
	char *where = NULL, *config = NULL;
	int rc;

	*out = NULL;
	if (!maybe_in_git(dir, outside, &where))
		return 1;
	/* What libgit2 is about to open there holds no FIFO or device. */
	rc = where ? lp_git_guard_at(where, 0, &config) : 0;
	free(where);
	if (rc == 0) {
		lp_git_need();
		rc = format_ok_file(dir, config);
	}
	free(config);
	if (rc < 0)
		return -1;
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
	if (inside && lp_git_guard_objects(real_q) < 0) {
		rc = -1;
	} else if (inside && (git_repository_odb(&odb, repo) < 0 ||
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

/*
 * The plain case of a cohort's server-side repository, opened without
 * libgit2's full open: that reads the system, XDG and global git
 * configuration again for every repository (three files parsed and
 * stat'ed again on later reads), a fifth of the cost of reading a small
 * portfolio from a bare repository.  Taken only when the answer is sure
 * to be what git_repository_open_ext would give: a directory owned by
 * the user running lp (so safe.directory is not consulted), whose own
 * config says core.bare and a format version libgit2 reads (format_ok).
 * The repository then has that file alone as its configuration, which
 * is all that reading objects and refs consults.  Returns 0 when open,
 * -1 (said) for a format libgit2 would refuse, 1 for anything else, left
 * to git_repository_open_ext.
 */
static int
open_bare_quick(const char *path, git_repository **out)
{
	char *file = lp_xasprintf("%s/config", path);
	git_config *cfg = NULL;
	int bare = 0, version = 0, rc = 1;
	struct stat st;

	*out = NULL;
	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
	    git_config_open_ondisk(&cfg, file) < 0 ||
	    git_config_get_bool(&bare, cfg, "core.bare") < 0 || !bare ||
	    git_config_get_int32(&version, cfg, "core.repositoryformatversion") < 0 ||
	    version > 1)
		goto out;
	if (format_ok(path, cfg) < 0) {
		rc = -1;
		goto out;
	}
	if (git_repository_open_bare(out, path) < 0)
		goto out;
	git_repository_set_config(*out, cfg);
	rc = 0;
out:
	git_error_clear();
	git_config_free(cfg);
	free(file);
	return rc;
}

int
lp_git_open_bare(const char *path, struct lp_git **out)
{
	git_repository *repo = NULL;
	char *config = NULL;
	int rc;

	*out = NULL;
	if (lp_git_guard_at(path, 0, &config) < 0) {
		free(config);
		return -1;
	}
	lp_git_need();
	git_error_clear();
	rc = open_bare_quick(path, &repo);
	/* Not the plain case: libgit2's open, once the format is one it takes. */
	if (rc == 1 && format_ok_file(path, config) < 0)
		rc = -1;
	free(config);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return add_quarantine(repo, path) < 0 ? (git_repository_free(repo), -1) :
		    (*out = git_new(repo)) ? 0 : -1;
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
		lp_git_fail(dir);
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
		spec = lp_path_unslash(prefix);
		opts.pathspec.strings = &spec;
		opts.pathspec.count = 1;
	}
	if (git_status_list_new(&list, g->repo, &opts) < 0) {
		free(spec);
		return lp_git_fail(g->where);
	}
	*clean = git_status_list_entrycount(list) == 0;
	git_status_list_free(list);
	free(spec);
	return 0;
}
