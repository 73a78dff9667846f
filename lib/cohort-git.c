/*
 * cohort-git.c - a cohort read from git objects (see cohort-git.h).
 *
 * Three passes, so that "the newest ref wins" can be decided before any
 * portfolio is loaded in full:
 *   1. find: for each repository and each ref to read, walk the commit's
 *      tree for directories holding portfolio.md, and read only that
 *      file's front matter (its id, and its window for old-style tags);
 *   2. choose: per id, the best candidate by the rules of the mode;
 *      another candidate as good as the best is a duplicate id;
 *   3. load the chosen ones, repository by repository.
 * Passes 1 and 3 run on the ordered pool (pool.h), -j threads: a worker
 * opens a repository handle of its own, finds (at HEAD: and loads) its
 * portfolios, and the calling thread takes them in order, so the output
 * is the same whatever the number of threads.  A git_repository is used
 * by one thread at a time: the handle goes with the slot to the taker,
 * which frees it after the portfolios read through it.  At most CHUNK
 * portfolios ride in one slot, so memory stays flat for a cohort kept
 * in one repository.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "cohort-git.h"
#include "gitsafe.h"
#include "idset.h"
#include "pool.h"

/* Portfolios loaded per slot of the pool. */
#define CHUNK 16

#define SUBMITTED "refs/tags/lp/submitted/"

/* A portfolio at one ref of one repository. */
struct cand {
	size_t repo;		/* index into the repositories */
	char *ref;		/* full ref name, or "HEAD" */
	char commit[GIT_OID_HEXSZ + 1];	/* what ref named when it was found */
	char *subdir;		/* "" or "a/b" */
	char *id;		/* NULL when portfolio.md could not be read (reported) */
	char *label;
	git_time_t when;	/* tagger or committer time */
	long window;		/* submitted: YYYYMM * 1000 + N */
	int newstyle;		/* submitted: the tag names the id */
	int chosen;
};

/* Candidates, in the order found. */
struct cands {
	struct cand *v;
	size_t n, cap;
};

/* A portfolio loaded by a worker, and what loading it said. */
struct loaded {
	struct lp_portfolio p;
	int ok;
	struct lp_findings said;
};

/* One repository's pass 1, done by a worker. */
struct found {
	struct lp_findings said;
	int failed;
	struct cands c;
	struct lp_git *git;	/* with loaded: the handle they were read through */
	struct loaded *loaded;	/* at HEAD, with at most CHUNK found: each of them */
};

struct run {
	const struct lp_ctx *ctx;
	const struct lp_git_cohort *src;
	struct lp_strv repos;
	struct cands all;	/* not at HEAD: every repository's, to choose among */
	int failed;
	int jobs;
	/* Loading: what, and whom to hand each portfolio to. */
	unsigned what;
	lp_cohort_fn fn;
	void *arg;
	size_t done;
	struct lp_idset ids;	/* seen while loading at HEAD: the duplicate-id check */
};

/* Is every repository read at HEAD (no choice between refs to make)? */
static int
at_head(const struct run *r)
{
	return !r->src->glob && !r->src->submitted;
}


static const char *
git_message(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown git error";
}

/* ---- which repositories ---- */

/* A repository at exactly path: bare (HEAD and objects/) or with a .git inside. */
static int
is_repository(const char *path)
{
	char *head = lp_xasprintf("%s/HEAD", path);
	char *objects = lp_xasprintf("%s/objects", path);
	char *dotgit = lp_xasprintf("%s/.git", path);
	struct stat st;
	int yes = (stat(head, &st) == 0 && stat(objects, &st) == 0 && S_ISDIR(st.st_mode)) ||
	    stat(dotgit, &st) == 0;

	free(head);
	free(objects);
	free(dotgit);
	return yes;
}

static int
find_repositories(const char *path, struct lp_strv *repos)
{
	DIR *d;
	struct dirent *de;

	if (is_repository(path)) {
		lp_strv_push(repos, path);
		return 0;
	}
	if (!(d = opendir(path))) {
		lp_error("%s: %s", path, strerror(errno));
		lp_diag_fail();
		return -1;
	}
	while ((de = readdir(d))) {
		char *sub;

		if (de->d_name[0] == '.')
			continue;
		sub = lp_xasprintf("%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", de->d_name);
		if (is_repository(sub))
			lp_strv_push(repos, sub);
		free(sub);
	}
	closedir(d);
	lp_strv_sort(repos);
	return 0;
}

/* ---- which refs ---- */

struct refs {
	const char *glob;
	struct lp_strv names;
};

static int
collect_ref(git_reference *ref, void *arg)
{
	struct refs *refs = arg;
	const char *name = git_reference_name(ref);

	if (fnmatch(refs->glob, name, 0) == 0)
		lp_strv_push(&refs->names, name);
	git_reference_free(ref);
	return 0;
}

static int
refs_to_read(const struct run *r, git_repository *repo, const char *path, struct lp_strv *names)
{
	struct refs refs = { r->src->submitted ? SUBMITTED "*" : r->src->glob, {0} };

	if (!refs.glob) {
		lp_strv_push(names, r->src->rev ? r->src->rev : "HEAD");
		return 0;
	}
	if (lp_git_guard(git_repository_path(repo), LP_GUARD_REFS) < 0) {
		lp_strv_free(&refs.names);
		return -1;
	}
	if (git_reference_foreach(repo, collect_ref, &refs) < 0) {
		lp_error("%s: cannot list refs: %s", path, git_message());
		lp_strv_free(&refs.names);
		return -1;
	}
	lp_strv_sort(&refs.names);
	*names = refs.names;
	return 0;
}

/* When a ref was made: an annotated tag's tagger date, else its commit's. */
static git_time_t
ref_time(git_object *obj, git_commit *commit)
{
	if (git_object_type(obj) == GIT_OBJECT_TAG) {
		const git_signature *s = git_tag_tagger((git_tag *)obj);

		if (s)
			return s->when.time;
	}
	return git_commit_time(commit);
}

/*
 * A submission tag's window and resubmission count as one number
 * (YYYYMM * 1000 + N, N 1 when absent), and the id it names (NULL for
 * the old form).  -1 when the tag is not one.
 */
static long
submission_of(const char *ref, char **id)
{
	const char *rest = ref + strlen(SUBMITTED), *w = strrchr(rest, '/');
	int y, m, used = 0;
	long n = 1;

	*id = NULL;
	if (w)
		*id = lp_xstrndup(rest, (size_t)(w - rest));
	w = w ? w + 1 : rest;
	if (sscanf(w, "%4d-%2d%n", &y, &m, &used) != 2 || used != 7 || m < 1 || m > 12)
		goto bad;
	if (w[7] == '-') {
		char *end;

		n = strtol(w + 8, &end, 10);
		if (*end || n < 1 || n > 999)
			goto bad;
	} else if (w[7]) {
		goto bad;
	}
	return (y * 100L + m) * 1000 + n;
bad:
	free(*id);
	*id = NULL;
	return -1;
}

/* ---- pass 1: find ---- */

/* The id and window of the portfolio.md at subdir, read from the tree. */
static void
read_head(struct lp_git *git, const char *ref, const char *subdir, struct cand *c,
    char **window)
{
	struct lp_tree *tree = NULL;
	struct lp_buf text = {0};
	struct lp_doc doc;
	char *path;

	memset(&doc, 0, sizeof doc);
	*window = NULL;
	if (lp_tree_open_git_at(git, ref, c->commit, subdir, &tree) < 0)
		return;
	c->label = lp_xstrdup(lp_tree_label(tree));
	path = lp_tree_path(tree, "portfolio.md");
	if (lp_tree_read(tree, "portfolio.md", &text) == 0 &&
	    lp_doc_parse_head(&doc, path, lp_buf_str(&text), text.len) == 0) {
		const char *id = lp_doc_get(&doc, "id"), *w = lp_doc_get(&doc, "window");

		c->id = lp_xstrdup(id ? id : "");
		*window = w ? lp_xstrdup(w) : NULL;
	}
	lp_doc_free(&doc);
	lp_buf_free(&text);
	free(path);
	lp_tree_free(tree);
}

/*
 * Is ref a submission tag of the portfolio c (read at it, with its window
 * key)?  The new form names its id; the old form, one repository per
 * practitioner, names only the window, which the portfolio recorded.
 */
static int
submission_tag_for(const char *ref, struct cand *c, const char *window)
{
	const char *last = strrchr(ref, '/') + 1;
	char *tag_id;
	int yes;

	if ((c->window = submission_of(ref, &tag_id)) < 0)
		return 0;
	c->newstyle = tag_id != NULL;
	if (tag_id)
		yes = strcmp(tag_id, c->id) == 0;
	else
		yes = window && strlen(window) == 7 && strncmp(window, last, 7) == 0;
	free(tag_id);
	return yes;
}

static void
cands_push(struct cands *cs, const struct cand *c)
{
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 16;
		cs->v = lp_xreallocarray(cs->v, cs->cap, sizeof *cs->v);
	}
	cs->v[cs->n++] = *c;
}

static void
cand_free(struct cand *c)
{
	free(c->ref);
	free(c->subdir);
	free(c->id);
	free(c->label);
}

static void
add_candidate(const struct run *r, struct found *f, struct lp_git *git, size_t repo,
    const char *ref, const git_oid *commit, const char *subdir, git_time_t when)
{
	struct cand c = { .repo = repo, .when = when };
	char *window = NULL;

	git_oid_tostr(c.commit, sizeof c.commit, commit);
	if (at_head(r)) {
		/* Nothing to choose: loaded at once, its id checked then. */
		c.chosen = 1;
		goto add;
	}
	read_head(git, ref, subdir, &c, &window);
	if (r->src->submitted && c.id && !submission_tag_for(ref, &c, window)) {
		free(window);
		free(c.id);
		free(c.label);
		return;
	}
	free(window);
	if (!c.id)
		f->failed = 1;	/* reported while reading it */
add:
	if (!c.label)
		c.label = lp_xasprintf("%s@%s", r->repos.v[repo], ref);
	c.ref = lp_xstrdup(ref);
	c.subdir = lp_xstrdup(subdir);
	cands_push(&f->c, &c);
}

static int
holds_portfolio(const git_tree *t)
{
	const git_tree_entry *e = git_tree_entry_byname(t, "portfolio.md");

	return e && git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
	    git_tree_entry_filemode(e) != GIT_FILEMODE_LINK;
}

/* Depth-first, as the checkout walk: a portfolio is not searched further. */
static void
walk_tree(const struct run *r, struct found *f, struct lp_git *git, size_t repo,
    const char *ref, const git_oid *commit, git_time_t when, git_tree *t,
    const char *subdir, int depth)
{
	git_repository *grepo = lp_git_repo(git);

	if (holds_portfolio(t)) {
		add_candidate(r, f, git, repo, ref, commit, subdir, when);
		return;
	}
	if (depth > 64)
		return;
	for (size_t i = 0; i < git_tree_entrycount(t); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(t, i);
		const char *name = git_tree_entry_name(e);
		git_tree *sub = NULL;
		char *path;

		if (name[0] == '.' || git_tree_entry_type(e) != GIT_OBJECT_TREE)
			continue;
		if (git_tree_lookup(&sub, grepo, git_tree_entry_id(e)) < 0) {
			lp_error("%s@%s: %s: %s", r->repos.v[repo], ref, name, git_message());
			f->failed = 1;
			continue;
		}
		path = *subdir ? lp_xasprintf("%s/%s", subdir, name) : lp_xstrdup(name);
		walk_tree(r, f, git, repo, ref, commit, when, sub, path, depth + 1);
		free(path);
		git_tree_free(sub);
	}
}

static void
find_at_ref(const struct run *r, struct found *f, struct lp_git *git, size_t repo,
    const char *ref)
{
	git_repository *grepo = lp_git_repo(git);
	git_object *obj = NULL, *commit = NULL;
	git_tree *tree = NULL;
	size_t before = f->c.n;

	if (lp_git_revparse(&obj, grepo, ref) < 0 ||
	    git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0 ||
	    git_commit_tree(&tree, (git_commit *)commit) < 0) {
		lp_error("%s: cannot read %s: %s", r->repos.v[repo], ref, git_message());
		lp_diag_fail();
		f->failed = 1;
	} else {
		walk_tree(r, f, git, repo, ref, git_object_id(commit),
		    ref_time(obj, (git_commit *)commit), tree, "", 0);
		/* A repository read at HEAD must hold a portfolio, as an operand must. */
		if (f->c.n == before && !r->src->glob && !r->src->submitted) {
			lp_error("no portfolio found in %s at %s (a directory holding portfolio.md)",
			    r->repos.v[repo], ref);
			lp_diag_fail();
			f->failed = 1;
		}
	}
	git_tree_free(tree);
	git_object_free(commit);
	git_object_free(obj);
}

/* On a worker: c's portfolio, read through git, into l. */
static void
load_one(const struct run *r, struct lp_git *git, const struct cand *c, struct loaded *l)
{
	struct lp_findings *old = lp_diag_capture(&l->said);
	struct lp_tree *tree = NULL;

	memset(&l->p, 0, sizeof l->p);
	l->ok = lp_tree_open_git_at(git, c->ref, c->commit, c->subdir, &tree) == 0 &&
	    lp_portfolio_load(&l->p, tree, r->what) == 0;
	lp_diag_capture(old);
}

/* On the calling thread, in order: hand l's portfolio on. */
static void
visit(struct run *r, struct loaded *l)
{
	const char *seen;

	lp_diag_replay(&l->said);
	if (!l->ok) {
		r->failed = 1;
	} else if (!lp_portfolio_selected(r->ctx, &l->p)) {
		/* not asked for */
	} else if (at_head(r) && (seen = lp_idset_add(&r->ids, l->p.id, l->p.label))) {
		lp_error("two portfolios have the id '%s': %s and %s", l->p.id, seen, l->p.label);
		r->failed = 1;
	} else if (r->fn(&l->p, r->arg) < 0) {
		r->failed = 1;
	}
	if (++r->done % 50 == 0 && r->ctx->progress && !r->ctx->quiet)
		lp_progress_show("%zu portfolios", r->done);
}

/* What load_one put in l, freed on the thread that loaded it. */
static void
unload(struct loaded *l)
{
	lp_portfolio_free(&l->p);
	lp_findings_free(&l->said);
}

/* Pass 1 for repository i, on a worker: its candidates, at HEAD loaded too. */
static void
find_one(void *arg, void **state, size_t i, void *slot)
{
	const struct run *r = arg;
	struct found *f = slot;
	struct lp_findings *old = lp_diag_capture(&f->said);
	struct lp_git *git = NULL;
	struct lp_strv refs = {0};

	(void)state;
	if (lp_git_open_bare(r->repos.v[i], &git) < 0) {
		lp_diag_fail();
		f->failed = 1;
		goto out;
	}
	if (refs_to_read(r, lp_git_repo(git), r->repos.v[i], &refs) < 0) {
		lp_diag_fail();
		f->failed = 1;
	}
	for (size_t k = 0; k < refs.n; k++)
		find_at_ref(r, f, git, i, refs.v[k]);
	lp_strv_free(&refs);
	if (at_head(r) && f->c.n > 0 && f->c.n <= CHUNK) {
		f->loaded = lp_xcalloc(f->c.n, sizeof *f->loaded);
		for (size_t k = 0; k < f->c.n; k++)
			load_one(r, git, &f->c.v[k], &f->loaded[k]);
		f->git = git;
		git = NULL;
	}
out:
	if (git)
		lp_git_free(git);
	lp_diag_capture(old);
}

static void load_chunks(struct run *r, struct cand *v, size_t n);

/* Pass 1 for repository i, taken in order. */
static void
take_found(void *arg, size_t i, void *slot)
{
	struct run *r = arg;
	struct found *f = slot;

	(void)i;
	lp_diag_replay(&f->said);
	if (f->failed)
		r->failed = 1;
	if (!at_head(r)) {
		/* Chosen among all repositories' candidates once all are found. */
		for (size_t k = 0; k < f->c.n; k++)
			cands_push(&r->all, &f->c.v[k]);
		f->c.n = 0;	/* the strings are the run's now */
	} else if (f->loaded) {
		for (size_t k = 0; k < f->c.n; k++)
			visit(r, &f->loaded[k]);
	} else {
		/* A cohort in one repository: loaded in chunks, side by side. */
		load_chunks(r, f->c.v, f->c.n);
	}
}

/* Pass 1's slot, once taken, on the thread that filled it. */
static void
clean_found(void *arg, void *slot)
{
	struct found *f = slot;

	(void)arg;
	if (f->loaded) {
		for (size_t k = 0; k < f->c.n; k++)
			unload(&f->loaded[k]);
		free(f->loaded);
	}
	if (f->git)
		lp_git_free(f->git);
	for (size_t k = 0; k < f->c.n; k++)
		cand_free(&f->c.v[k]);
	free(f->c.v);
	lp_findings_free(&f->said);
}

static void
find_all(struct run *r)
{
	struct lp_pool_job job = {
		.n = r->repos.n, .slot_size = sizeof(struct found),
		.work = find_one, .take = take_found, .clean = clean_found, .arg = r,
	};

	lp_pool_run(&job, r->jobs);
}

/* ---- pass 2: choose ---- */

/* Which of two candidates for one id is better: < 0 when a is. */
static int
rank_cmp(const struct lp_git_cohort *src, const struct cand *a, const struct cand *b)
{
	if (src->submitted) {
		if (a->window != b->window)
			return a->window > b->window ? -1 : 1;
		if (a->newstyle != b->newstyle)
			return a->newstyle ? -1 : 1;
	}
	if (src->glob || src->submitted) {
		if (a->when != b->when)
			return a->when > b->when ? -1 : 1;
		return -strcmp(a->ref, b->ref);
	}
	return 0;	/* HEAD of every repository: all alike, so two are a duplicate */
}

/* By id (unreadable ones last), then best first, then where. */
static int
by_id(const void *pa, const void *pb, void *src)
{
	const struct cand *a = pa, *b = pb;
	int c;

	if (!a->id || !b->id)
		return a->id ? -1 : b->id ? 1 : 0;
	if ((c = strcmp(a->id, b->id)) || (c = rank_cmp(src, a, b)))
		return c;
	return strcmp(a->label, b->label);
}

/* The order of the checkout walk: repository, then directory. */
static int
by_place(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	int c;

	if (a->repo != b->repo)
		return a->repo < b->repo ? -1 : 1;
	if ((c = strcmp(a->subdir, b->subdir)))
		return c;
	return strcmp(a->ref, b->ref);
}

static void
choose(struct run *r)
{
	if (r->all.n > 1)
		qsort_r(r->all.v, r->all.n, sizeof *r->all.v, by_id, (void *)r->src);
	for (size_t i = 0; i < r->all.n; i++) {
		struct cand *c = &r->all.v[i];
		const struct cand *best;
		size_t k = i;

		if (!c->id || !*c->id) {
			/* Unreadable (reported), or no id: loaded to say so. */
			c->chosen = c->id != NULL;
			continue;
		}
		while (k > 0 && r->all.v[k - 1].id && strcmp(r->all.v[k - 1].id, c->id) == 0)
			k--;
		best = &r->all.v[k];
		if (best == c) {
			c->chosen = 1;
			continue;
		}
		if (rank_cmp(r->src, best, c) == 0) {
			lp_error("two portfolios have the id '%s': %s and %s", c->id, best->label,
			    c->label);
			r->failed = 1;
		}
	}
	if (r->all.n > 1)
		qsort(r->all.v, r->all.n, sizeof *r->all.v, by_place);
}

/* ---- pass 3: load ---- */

/* Candidates of one repository, up to CHUNK of them chosen. */
struct chunk {
	const struct cand *v;
	size_t n;
	size_t chosen;
};

struct chunks {
	struct run *r;
	struct chunk *v;
	size_t n;
};

/* One chunk's slot: the handle its portfolios were read through, and them. */
struct chunk_slot {
	struct lp_findings said;	/* opening the repository */
	int failed;
	struct lp_git *git;
	struct loaded l[CHUNK];
	size_t n;
};

static void
load_chunk(void *arg, void **state, size_t i, void *slot)
{
	const struct chunks *cs = arg;
	const struct chunk *ch = &cs->v[i];
	struct chunk_slot *s = slot;
	struct lp_findings *old = lp_diag_capture(&s->said);

	(void)state;
	if (lp_git_open_bare(cs->r->repos.v[ch->v[0].repo], &s->git) < 0) {
		lp_diag_fail();
		s->failed = 1;
	}
	lp_diag_capture(old);
	if (s->failed)
		return;
	for (size_t k = 0; k < ch->n; k++)
		if (ch->v[k].chosen)
			load_one(cs->r, s->git, &ch->v[k], &s->l[s->n++]);
}

static void
take_chunk(void *arg, size_t i, void *slot)
{
	const struct chunks *cs = arg;
	struct chunk_slot *s = slot;

	(void)i;
	lp_diag_replay(&s->said);
	if (s->failed)
		cs->r->failed = 1;
	for (size_t k = 0; k < s->n; k++)
		visit(cs->r, &s->l[k]);
}

static void
clean_chunk(void *arg, void *slot)
{
	struct chunk_slot *s = slot;

	(void)arg;
	for (size_t k = 0; k < s->n; k++)
		unload(&s->l[k]);
	if (s->git)
		lp_git_free(s->git);
	lp_findings_free(&s->said);
}

/*
 * Load the chosen ones of v (n, in the order of the checkout walk), in
 * chunks of one repository, on the pool.
 */
static void
load_chunks(struct run *r, struct cand *v, size_t n)
{
	struct chunks cs = { .r = r };
	struct lp_pool_job job = {
		.slot_size = sizeof(struct chunk_slot), .work = load_chunk,
		.take = take_chunk, .clean = clean_chunk, .arg = &cs,
	};
	size_t cap = 0;

	for (size_t i = 0; i < n; i++) {
		struct chunk *last = cs.n ? &cs.v[cs.n - 1] : NULL;

		if (!v[i].chosen)
			continue;
		if (last && last->v[0].repo == v[i].repo && last->chosen < CHUNK) {
			last->n = (size_t)(&v[i] - last->v) + 1;
			last->chosen++;
			continue;
		}
		if (cs.n == cap) {
			cap = cap ? cap * 2 : 64;
			cs.v = lp_xreallocarray(cs.v, cap, sizeof *cs.v);
		}
		cs.v[cs.n++] = (struct chunk){ .v = &v[i], .n = 1, .chosen = 1 };
	}
	job.n = cs.n;
	lp_pool_run(&job, r->jobs);
	free(cs.v);
}

int
lp_cohort_git_each(const struct lp_ctx *ctx, const struct lp_git_cohort *src,
    unsigned what, lp_cohort_fn fn, void *arg)
{
	struct run r = { .ctx = ctx, .src = src, .what = what, .fn = fn, .arg = arg,
	    .jobs = lp_cohort_jobs(ctx) };

	if (find_repositories(src->path, &r.repos) < 0)
		return -1;
	/* Started here, before the threads, rather than by whichever asks first. */
	lp_git_need();
	find_all(&r);
	if (!at_head(&r)) {
		choose(&r);
		load_chunks(&r, r.all.v, r.all.n);
	}
	if (ctx->progress && !ctx->quiet)
		lp_progress_clear();
	for (size_t i = 0; i < r.all.n; i++)
		cand_free(&r.all.v[i]);
	free(r.all.v);
	lp_idset_free(&r.ids);
	lp_strv_free(&r.repos);
	return r.failed ? -1 : 0;
}
