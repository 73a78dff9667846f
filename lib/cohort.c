/*
 * cohort.c - finding portfolios and walking a cohort.
 *
 * A portfolio is a directory holding portfolio.md, found the way git
 * finds a repository (upwards from the current directory) or named as an
 * operand; a cohort is a directory searched recursively for them.  A
 * walk reads the portfolios on -j threads (pool.c) and hands them to the
 * caller in order, one at a time, so a cohort of any size runs in flat
 * memory and prints the same whatever the number of threads.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "discover.h"
#include "gitsafe.h"
#include "idset.h"
#include "lp.h"
#include "pool.h"

/*
 * Load root as it was at ctx->at through git, which the caller owns and
 * which must be the repository holding root.
 */
static int
portfolio_open_at(const struct lp_ctx *ctx, struct lp_git *git, const char *root,
    unsigned what, struct lp_portfolio *p)
{
	struct lp_tree *tree = NULL;
	char *prefix = NULL;
	int rc = -1;

	memset(p, 0, sizeof *p);
	if (lp_git_prefix(git, root, &prefix) == 0 &&
	    (ctx->staged ? lp_tree_open_index(git, prefix, &tree) :
	    lp_tree_open_git(git, ctx->at, prefix, &tree)) == 0)
		rc = lp_portfolio_load(p, tree, what);
	else
		lp_diag_fail();	/* git's failure, not a finding: a validator exits 2 */
	free(prefix);
	return rc;
}

static int
open_repository(const char *root, struct lp_git **git)
{
	int rc = lp_git_open(root, git);

	if (rc == 1)
		lp_error("%s: --at and --staged need a portfolio in a git work tree", root);
	return rc == 0 ? 0 : -1;
}

int
lp_portfolio_open(const struct lp_ctx *ctx, const char *root, unsigned what,
    struct lp_portfolio *p)
{
	struct lp_tree *tree = NULL;
	struct lp_git *git = NULL;
	int rc;

	memset(p, 0, sizeof *p);
	if (!ctx->at && !ctx->staged) {
		if (lp_tree_open_dir(root, &tree) < 0)
			return -1;
		return lp_portfolio_load(p, tree, what);
	}
	if (open_repository(root, &git) < 0) {
		lp_diag_fail();
		return -1;
	}
	rc = portfolio_open_at(ctx, git, root, what, p);
	p->git = git;	/* freed after the tree, in lp_portfolio_free */
	return rc;
}

/* ---- finding portfolios ---- */

static int
has_portfolio(const char *dir)
{
	char *f = lp_xasprintf("%s/portfolio.md", dir);
	struct stat st;
	int yes = stat(f, &st) == 0 && S_ISREG(st.st_mode);

	free(f);
	return yes;
}

/* A portfolio.md above the user's directory must be theirs too. */
static int
has_own_portfolio(const char *dir)
{
	char *f = lp_xasprintf("%s/portfolio.md", strcmp(dir, "/") ? dir : "");
	struct stat st;
	int yes = lstat(f, &st) == 0 && S_ISREG(st.st_mode) &&
	    lp_owner_trusted(&st, dir);

	free(f);
	return yes;
}

/* The portfolio at or above start, climbing as git would; NULL when none (c says why). */
static char *
portfolio_around(const char *start, struct lp_climb *c, int *failed)
{
	*failed = 0;
	if (has_portfolio(start))
		return lp_xstrdup(start);
	/* Upwards as git searches for a repository (lib/discover.c). */
	if (lp_climb_start(c, start) < 0) {
		*failed = 1;
		return NULL;
	}
	while (lp_climb_up(c)) {
		if (has_own_portfolio(c->cur)) {
			char *root = c->cur;

			c->cur = NULL;
			return root;
		}
	}
	return NULL;
}

char *
lp_portfolio_around(const char *dir)
{
	struct lp_climb c;
	struct lp_findings quiet = {0}, *old = lp_diag_capture(&quiet);
	int failed;
	char *root;

	memset(&c, 0, sizeof c);
	root = portfolio_around(dir ? dir : ".", &c, &failed);
	if (!failed)
		lp_climb_free(&c);
	lp_diag_capture(old);
	lp_findings_free(&quiet);
	return root;
}

int
lp_portfolio_find(const char *dir, char **root)
{
	const char *start = dir ? dir : ".";
	struct lp_climb c;
	int failed;

	memset(&c, 0, sizeof c);
	if ((*root = portfolio_around(start, &c, &failed)) || failed) {
		if (!failed)
			lp_climb_free(&c);
		return *root ? 0 : -1;
	}
	if (c.stopped_at)
		lp_error("no portfolio found in %s (the search upwards stopped at %s, "
		    "owned by another user; set LP_SAFE_DIRECTORY=%s to trust it, "
		    "or use -C DIR)", start, c.stopped_at, c.stopped_at);
	else
		lp_error("no portfolio found in %s (nor in a directory above it holding "
		    "portfolio.md; use -C DIR)", start);
	lp_climb_free(&c);
	return -1;
}

static char *
join(const char *dir, const char *name)
{
	if (strcmp(dir, ".") == 0)
		return lp_xstrdup(name);
	return lp_xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
}

/* Depth-first: a directory holding portfolio.md is a portfolio, and is not searched further. */
static int
cohort_walk(const char *dir, struct lp_strv *roots, int depth)
{
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if (has_portfolio(dir)) {
		lp_strv_push(roots, dir);
		return 0;
	}
	if (depth > 64)
		return 0;
	if (!(d = opendir(dir))) {
		lp_error("%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		char *sub;
		struct stat st;
		int isdir;

		if (de->d_name[0] == '.')	/* hidden, and .git */
			continue;
		if (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
			continue;	/* files, and symlinks (never followed) */
		sub = join(dir, de->d_name);
		isdir = de->d_type == DT_DIR ||
		    (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode));
		if (isdir && cohort_walk(sub, roots, depth + 1) < 0)
			rc = -1;
		free(sub);
	}
	closedir(d);
	return rc;
}

static void
strv_uniq(struct lp_strv *sv)
{
	size_t k = 0;

	lp_strv_sort(sv);
	for (size_t i = 0; i < sv->n; i++) {
		if (k > 0 && strcmp(sv->v[k - 1], sv->v[i]) == 0) {
			free(sv->v[i]);
			continue;
		}
		sv->v[k++] = sv->v[i];
	}
	sv->n = k;
	if (sv->v)
		sv->v[k] = NULL;
}

int
lp_cohort_find(char *const *operands, size_t n, const char *cdir, struct lp_strv *roots)
{
	int rc = 0;

	if (n == 0) {
		const char *start = cdir ? cdir : ".";
		char *root;

		if (has_portfolio(start)) {
			lp_strv_push(roots, start);
			return 0;
		}
		/* Inside a portfolio: that one.  Else the directory as a cohort. */
		if (cohort_walk(start, roots, 0) < 0)
			return -1;
		if (roots->n > 0) {
			strv_uniq(roots);
			return 0;
		}
		if (lp_portfolio_find(start, &root) < 0)
			return -1;
		lp_strv_push(roots, root);
		free(root);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		char *op = cdir && operands[i][0] != '/' ? join(cdir, operands[i]) : lp_xstrdup(operands[i]);
		struct stat st;

		if (stat(op, &st) < 0) {
			lp_error("%s: %s", op, strerror(errno));
			rc = -1;
		} else if (!S_ISDIR(st.st_mode)) {
			lp_error("%s: expected a portfolio or a directory of portfolios", op);
			rc = -1;
		} else {
			size_t before = roots->n;

			if (cohort_walk(op, roots, 0) < 0)
				rc = -1;
			else if (roots->n == before) {
				/* A CI job pointed at the wrong path must not pass. */
				lp_error("no portfolio found in %s (a directory holding portfolio.md)", op);
				rc = -1;
			}
		}
		free(op);
	}
	strv_uniq(roots);
	return rc;
}

/* ---- walking a cohort ---- */

struct walk {
	const struct lp_ctx *ctx;
	struct lp_idset ids;
	lp_cohort_fn fn;
	void *arg;
	size_t done;
	size_t total;	/* 0 when unknown */
	int failed;
};

static void
progress(struct walk *w, int last)
{
	if (!w->ctx->progress || w->ctx->quiet)
		return;
	if (last) {
		lp_progress_clear();
		return;
	}
	if (w->done % 50 == 0 && w->done > 0) {
		if (w->total)
			lp_progress_show("%zu/%zu portfolios", w->done, w->total);
		else
			lp_progress_show("%zu portfolios", w->done);
	}
}

static int
listed(const struct lp_strv *sv, const char *value)
{
	return sv->n == 0 || lp_strv_find(sv, value) >= 0;
}

int
lp_portfolio_selected(const struct lp_ctx *ctx, const struct lp_portfolio *p)
{
	return listed(&ctx->schools, p->school) && listed(&ctx->cohorts, p->cohort);
}

/* Hand one loaded portfolio to fn, unless its id was seen before. */
static void
walk_visit(struct walk *w, struct lp_portfolio *p, int loaded)
{
	const char *seen;

	w->done++;
	progress(w, 0);
	if (!loaded) {
		w->failed = 1;
		return;
	}
	if (!lp_portfolio_selected(w->ctx, p))
		return;
	if ((seen = lp_idset_add(&w->ids, p->id, p->label))) {
		lp_error("two portfolios have the id '%s': %s and %s", p->id, seen, p->label);
		w->failed = 1;
		return;
	}
	if (w->fn(p, w->arg) < 0)
		w->failed = 1;
}

/*
 * --at over a cohort: a cohort usually lives in one repository, and
 * opening it costs far more than reading one portfolio from it, so each
 * reading thread keeps the repository open while the portfolios are
 * inside its work tree.
 */
static int
cohort_open_at(const struct lp_ctx *ctx, struct lp_git **git, const char *root,
    unsigned what, struct lp_portfolio *p)
{
	char *abs = realpath(root, NULL);
	const char *wd = *git ? lp_git_workdir(*git) : NULL;
	int rc;

	if (!wd || !abs || strncmp(abs, wd, strlen(wd) - 1) != 0 ||
	    (abs[strlen(wd) - 1] != '/' && abs[strlen(wd) - 1] != '\0')) {
		if (*git)
			lp_git_free(*git);
		*git = NULL;
		if (open_repository(root, git) < 0) {
			memset(p, 0, sizeof *p);
			free(abs);
			return -1;
		}
	}
	free(abs);
	rc = portfolio_open_at(ctx, *git, root, what, p);
	return rc;
}

/* One portfolio read by a worker: the portfolio and what reading it said. */
struct loaded {
	struct lp_portfolio p;
	int ok;
	struct lp_findings said;
};

struct cohort_read {
	struct walk *w;
	const struct lp_strv *roots;
	unsigned what;
	int threaded;
};

static void
read_one(void *arg, void **state, size_t i, void *slot)
{
	struct cohort_read *r = arg;
	struct loaded *l = slot;
	struct lp_findings *old = lp_diag_capture(&l->said);
	const char *root = r->roots->v[i];

	/*
	 * A git_repository is used by one thread at a time, and the taker
	 * reads the portfolio's tree after this worker has moved on, so on
	 * threads each portfolio read from git gets a repository of its own.
	 */
	if ((r->w->ctx->at || r->w->ctx->staged) && !r->threaded)
		l->ok = cohort_open_at(r->w->ctx, (struct lp_git **)state, root, r->what, &l->p) == 0;
	else
		l->ok = lp_portfolio_open(r->w->ctx, root, r->what, &l->p) == 0;
	lp_diag_capture(old);
}

static void
take_one(void *arg, size_t i, void *slot)
{
	struct cohort_read *r = arg;
	struct loaded *l = slot;

	(void)i;
	lp_diag_replay(&l->said);
	walk_visit(r->w, &l->p, l->ok);
}

/* On the thread that read it: the portfolio and what reading it said. */
static void
clean_one(void *arg, void *slot)
{
	struct loaded *l = slot;

	(void)arg;
	lp_portfolio_free(&l->p);
	lp_findings_free(&l->said);
}

static void
free_git(void *git)
{
	lp_git_free(git);
}

int
lp_cohort_jobs(const struct lp_ctx *ctx)
{
	return ctx->jobs > 0 ? ctx->jobs : lp_pool_default_jobs();
}

int
lp_cohort_each(const struct lp_ctx *ctx, char *const *operands, size_t n,
    unsigned what, lp_cohort_fn fn, void *arg)
{
	struct walk w = { .ctx = ctx, .fn = fn, .arg = arg };
	struct lp_strv roots = {0};
	struct cohort_read r = { .w = &w, .roots = &roots, .what = what };
	struct lp_pool_job job = {
		.slot_size = sizeof(struct loaded), .work = read_one, .take = take_one,
		.clean = clean_one, .state_free = free_git, .arg = &r,
	};

	if (lp_cohort_find(operands, n, ctx->dir, &roots) < 0)
		w.failed = 1;
	w.total = job.n = roots.n;
	r.threaded = lp_cohort_jobs(ctx) > 1 && roots.n > 1;
	/* Reading at a revision: libgit2 started here, before the threads. */
	if (ctx->at || ctx->staged)
		lp_git_need();
	lp_pool_run(&job, lp_cohort_jobs(ctx));
	progress(&w, 1);
	lp_idset_free(&w.ids);
	lp_strv_free(&roots);
	return w.failed ? -1 : 0;
}
