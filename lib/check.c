/*
 * check.c - the validators, as library calls.
 *
 * lp check, lp-evidence check, lp-assess check and lp-reaccredit check
 * all run lp_validate with the checks they own, so that lp check runs
 * them all in one process, reading each portfolio once, and every
 * finding is printed once (SPEC 4).  While a portfolio is loaded and
 * checked, diagnostics are captured as findings: a malformed file is a
 * finding (exit 1) like any other problem; exit 2 is left for usage,
 * I/O and git failures and for operands that hold no portfolio.
 */
#include <stdlib.h>
#include <string.h>

#include "cohort-git.h"
#include "gitsafe.h"
#include "lp.h"
#include "pool.h"

/* ---- assessment.csv against the threshold and the evidence ---- */

void
lp_check_assessment(const struct lp_ctx *ctx, const struct lp_portfolio *p,
    struct lp_findings *f)
{
	int min = ctx->min_level;
	char *path = lp_tree_path(p->tree, "assessment.csv");

	for (int i = 0; i < LP_NSTANDARDS; i++) {
		const struct lp_assessed *as = &p->assess[i];
		const char *id = lp_standard_id(i);
		int level = as->level, ev = lp_evidence_level(p, i);
		int n = lp_evidence_count(p, i);

		if (level == LP_LEVEL_NONE) {
			if (min > LP_LEVEL_NONE)
				lp_findings_add(f, path, as->line, LP_SEV_ERROR, "%s is not assessed", id);
			continue;
		}
		if (level < min)
			lp_findings_add(f, path, as->line, LP_SEV_ERROR,
			    "%s is %s, below the minimum %s",
			    id, lp_level_name(level), lp_level_name(min));
		if (lp_supported(p, i))
			continue;
		if (n == 0)
			lp_findings_add(f, path, as->line, LP_SEV_ERROR,
			    "%s is claimed at %s but no evidence item names it",
			    id, lp_level_name(level));
		else
			lp_findings_add(f, path, as->line, LP_SEV_ERROR,
			    "%s is claimed at %s but the evidence supports only %s (%d %s, best reach %s)",
			    id, lp_level_name(level), lp_level_name(ev), n,
			    n == 1 ? "item" : "items", lp_reach_name(ev));
	}
	free(path);
}

/* ---- evidence items: what the loader does not already refuse ---- */

void
lp_check_evidence(const struct lp_ctx *ctx, const struct lp_portfolio *p,
    struct lp_findings *f)
{
	unsigned all = (1u << LP_NSTANDARDS) - 1;

	for (size_t i = 0; i < p->nev; i++) {
		const struct lp_evidence *e = &p->ev[i];
		const struct lp_field *fd;
		char *path = lp_tree_path(p->tree, e->file);

		if ((e->standards & all) == all) {
			fd = lp_doc_field(&e->doc, "standards");
			lp_findings_add(f, path, fd ? fd->line : 0, LP_SEV_WARNING,
			    "names all ten standards: one activity rarely shows them all; "
			    "name the ones it shows best");
		}
		if (e->date > ctx->today) {
			char d[11], t[11];

			fd = lp_doc_field(&e->doc, "date");
			lp_date_format(e->date, d);
			lp_date_format(ctx->today, t);
			lp_findings_add(f, path, fd ? fd->line : 0, LP_SEV_WARNING,
			    "dated %s, after today (%s)", d, t);
		}
		free(path);
	}
}

/* ---- portfolio.md: the lifecycle dates must tell one story ---- */

static long
key_line(const struct lp_portfolio *p, const char *key)
{
	const struct lp_field *fd = lp_doc_field(&p->doc, key);

	return fd ? fd->line : 0;
}

static void
date_after_commenced(const struct lp_portfolio *p, const char *path, const char *key,
    lp_date d, struct lp_findings *f)
{
	char a[11], c[11];

	if (d == LP_DATE_NONE || p->commenced == LP_DATE_NONE || d >= p->commenced)
		return;
	lp_date_format(d, a);
	lp_date_format(p->commenced, c);
	lp_findings_add(f, path, key_line(p, key), LP_SEV_ERROR,
	    "%s %s is before commenced %s", key, a, c);
}

static void
check_window(const struct lp_ctx *ctx, const struct lp_portfolio *p, const char *path,
    struct lp_findings *f)
{
	struct lp_calendar cal;
	const struct lp_window *w;
	const char *dir = lp_tree_dir(p->tree);

	if (!*p->window)
		return;
	if (lp_calendar_for(&cal, ctx->windows_path, dir ? dir : ctx->dir ? ctx->dir : ".") < 0)
		return;	/* the calendar's own problem was captured as a finding */
	if (!(w = lp_calendar_window(&cal, p->window))) {
		lp_findings_add(f, path, key_line(p, "window"), LP_SEV_ERROR,
		    "window %s is not in the calendar (%s)", p->window, cal.source);
	} else if (p->submitted != LP_DATE_NONE && p->submitted > w->closes) {
		/*
		 * Only a submission after the window closed is wrong: one made
		 * before a window opens waits for it (lp-window submit chooses
		 * the next usable window when none is open).
		 */
		char s[11], c[11];

		lp_date_format(p->submitted, s);
		lp_date_format(w->closes, c);
		lp_findings_add(f, path, key_line(p, "submitted"), LP_SEV_ERROR,
		    "submitted %s is after window %s closed (%s)", s, w->id, c);
	}
	lp_calendar_free(&cal);
}

void
lp_check_lifecycle(const struct lp_ctx *ctx, const struct lp_portfolio *p,
    struct lp_findings *f)
{
	char *path = lp_tree_path(p->tree, "portfolio.md");

	if (p->outcome == LP_OUTCOME_ACCREDITED && p->accredited == LP_DATE_NONE)
		lp_findings_add(f, path, key_line(p, "outcome"), LP_SEV_ERROR,
		    "outcome is accredited but there is no accredited date "
		    "(lp-window outcome accredited --date DATE records both)");
	if (p->accredited != LP_DATE_NONE && p->outcome != LP_OUTCOME_ACCREDITED)
		lp_findings_add(f, path, key_line(p, "accredited"), LP_SEV_ERROR,
		    "an accredited date is set but the outcome is %s",
		    p->outcome == LP_OUTCOME_NONE ? "not recorded" : lp_outcome_name(p->outcome));
	if ((p->outcome == LP_OUTCOME_ACCREDITED || p->outcome == LP_OUTCOME_REFERRED) &&
	    p->submitted == LP_DATE_NONE)
		lp_findings_add(f, path, key_line(p, "outcome"), LP_SEV_ERROR,
		    "outcome %s but nothing was submitted (no submitted date)",
		    lp_outcome_name(p->outcome));
	if (*p->window && p->submitted == LP_DATE_NONE)
		lp_findings_add(f, path, key_line(p, "window"), LP_SEV_ERROR,
		    "window %s is set but there is no submitted date", p->window);
	date_after_commenced(p, path, "submitted", p->submitted, f);
	date_after_commenced(p, path, "accredited", p->accredited, f);
	if (p->accredited != LP_DATE_NONE && p->submitted != LP_DATE_NONE &&
	    p->accredited < p->submitted) {
		char a[11], s[11];

		lp_date_format(p->accredited, a);
		lp_date_format(p->submitted, s);
		/* A re-accreditation awards without a new window submission: only a warning. */
		lp_findings_add(f, path, key_line(p, "accredited"), LP_SEV_WARNING,
		    "accredited %s is before submitted %s", a, s);
	}
	check_window(ctx, p, path, f);
	free(path);
}

/* ---- the loop every validator shares ---- */

struct validate {
	const struct lp_ctx *ctx;
	const lp_check_fn *checks;
	size_t nchecks;
	struct lp_findings all;
	struct lp_strv ids;	/* sorted as seen: duplicates are findings */
	struct lp_strv where;
	const struct lp_strv *roots;
	unsigned what;
};

/*
 * One portfolio, on a reading thread: load it with its diagnostics
 * captured, then run the checks.  Whether its id was seen before is
 * known only in order, so that finding is added when it is taken.
 */
struct checked {
	struct lp_findings loading;	/* what loading said */
	struct lp_findings found;	/* what the checks found */
	char *id, *label, *path;	/* NULL when it did not load or is not selected */
	long id_line;
};

static void
check_one(void *arg, void **state, size_t i, void *slot)
{
	struct validate *v = arg;
	struct checked *c = slot;
	struct lp_findings *old = lp_diag_capture(&c->loading);
	struct lp_portfolio p;
	int loaded;

	(void)state;
	loaded = lp_portfolio_open(v->ctx, v->roots->v[i], v->what, &p) == 0;
	if (loaded && lp_portfolio_selected(v->ctx, &p)) {
		lp_findings_set_portfolio(&c->loading, 0, p.id);
		lp_findings_set_portfolio(&c->found, 0, p.id);
		lp_diag_capture(&c->found);
		for (size_t k = 0; k < v->nchecks; k++)
			v->checks[k](v->ctx, &p, &c->found);
		c->id = lp_xstrdup(p.id);
		c->label = lp_xstrdup(p.label);
		c->path = lp_tree_path(p.tree, "portfolio.md");
		c->id_line = key_line(&p, "id");
	} else if (loaded) {
		/* Not selected: what loading said is not this run's business. */
		lp_findings_free(&c->loading);
	}
	lp_portfolio_free(&p);
	lp_diag_capture(old);
}

static void
take_one(void *arg, size_t i, void *slot)
{
	struct validate *v = arg;
	struct checked *c = slot;

	if (c->id) {
		int seen = lp_strv_find(&v->ids, c->id);

		if (seen >= 0) {
			lp_findings_add(&c->loading, c->path, c->id_line, LP_SEV_ERROR,
			    "two portfolios have the id '%s': %s and %s", c->id,
			    v->where.v[seen], c->label);
		} else {
			lp_strv_push(&v->ids, c->id);
			lp_strv_push(&v->where, c->label);
		}
	}
	lp_findings_move(&v->all, &c->loading);
	lp_findings_move(&v->all, &c->found);
	lp_findings_free(&c->loading);
	lp_findings_free(&c->found);
	free(c->id);
	free(c->label);
	free(c->path);
	if (v->ctx->progress && !v->ctx->quiet && (i + 1) % 50 == 0)
		lp_progress_show("%zu/%zu portfolios", i + 1, v->roots->n);
}

int
lp_validate(const struct lp_ctx *ctx, unsigned what, const lp_check_fn *checks, size_t n)
{
	struct lp_strv roots = {0};
	struct validate v = {
		.ctx = ctx, .checks = checks, .nchecks = n, .roots = &roots,
		.what = what | LP_LOAD_KEEP_GOING,
	};
	struct lp_pool_job job = {
		.slot_size = sizeof(struct checked), .work = check_one, .take = take_one,
		.arg = &v,
	};
	int status = LP_EXIT_OK;

	/* Finding the portfolios is not a finding: a wrong path is exit 2. */
	if (lp_cohort_find(ctx->operands, ctx->noperands, ctx->dir, &roots) < 0)
		status = LP_EXIT_ERROR;
	job.n = roots.n;
	/* Reading at a revision: libgit2 started here, before the threads. */
	if (ctx->at || ctx->staged)
		lp_git_need();
	lp_pool_run(&job, lp_cohort_jobs(ctx));
	if (ctx->progress && !ctx->quiet)
		lp_progress_clear();
	if (lp_findings_print(ctx, &v.all) < 0)
		status = LP_EXIT_ERROR;
	if (status == LP_EXIT_OK)
		status = lp_findings_status(&v.all);
	lp_findings_free(&v.all);
	lp_strv_free(&v.ids);
	lp_strv_free(&v.where);
	lp_strv_free(&roots);
	return status;
}

/* ---- the same over a repository's objects (lp check --git) ---- */

struct validate_git {
	struct validate *v;
	size_t mark;	/* findings before this index belong to earlier portfolios */
};

static int
check_git_one(struct lp_portfolio *p, void *arg)
{
	struct validate_git *g = arg;
	struct validate *v = g->v;

	/* What loading it said came just before: it is this portfolio's. */
	lp_findings_set_portfolio(&v->all, g->mark, p->id);
	for (size_t k = 0; k < v->nchecks; k++)
		v->checks[k](v->ctx, p, &v->all);
	lp_findings_set_portfolio(&v->all, v->all.n, NULL);
	g->mark = v->all.n;
	return 0;
}

int
lp_validate_git(const struct lp_ctx *ctx, const char *repo, unsigned what,
    const lp_check_fn *checks, size_t n)
{
	struct validate v = { .ctx = ctx, .checks = checks, .nchecks = n };
	struct validate_git g = { .v = &v };
	struct lp_git_cohort src = { .path = repo, .rev = ctx->at };
	struct lp_findings *old = lp_diag_capture(&v.all);
	int status = LP_EXIT_OK;

	/*
	 * Everything said while the repository is read is a finding, as in
	 * lp_validate, except what cannot be read at all: an unknown
	 * revision or a broken repository is the run's failure.
	 */
	if (lp_cohort_git_each(ctx, &src, what | LP_LOAD_KEEP_GOING, check_git_one, &g) < 0 &&
	    lp_findings_count(&v.all, LP_SEV_ERROR) == 0)
		status = LP_EXIT_ERROR;	/* failed without saying why: never 0 */
	lp_diag_capture(old);
	if (lp_findings_print(ctx, &v.all) < 0)
		status = LP_EXIT_ERROR;
	if (status == LP_EXIT_OK)
		status = lp_findings_status(&v.all);
	lp_findings_free(&v.all);
	return status;
}
