/*
 * history.c - a file's history along git's first-parent line.
 *
 * lp-assess history (and the progress report after it) wants each
 * version of one small file, oldest first.  `git log -p` would diff every
 * commit's tree; here the line is followed commit by commit and only the
 * blob id of the file's tree entry is compared, so a commit that does not
 * touch the file costs one tree lookup.  Each distinct blob is loaded
 * once (a level set and then reverted brings an old blob back: it is not
 * read again), and never when its object header says it is larger than
 * LP_FILE_MAX, so that a hostile history cannot make lp load a huge blob.
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "assessment.h"
#include "gitsafe.h"
#include "history.h"

/* What the walk keeps of each commit on the first-parent line. */
struct line_commit {
	git_oid id;
	git_oid tree;
	lp_date day;
};

/* The distinct blobs met so far: open addressing on the oid. */
struct blob_set {
	git_oid *ids;
	size_t *index;
	size_t cap, n;
};

static size_t
blob_hash(const git_oid *id, size_t cap)
{
	size_t h;

	memcpy(&h, id->id, sizeof h);
	return h & (cap - 1);
}

static void blob_set_grow(struct blob_set *s);

/* The number of id among the blobs met, adding it when new (*is_new set). */
static size_t
blob_set_find(struct blob_set *s, const git_oid *id, int *is_new)
{
	size_t k;

	if ((s->n + 1) * 2 > s->cap)
		blob_set_grow(s);
	for (k = blob_hash(id, s->cap);; k = (k + 1) & (s->cap - 1)) {
		if (s->index[k] == 0) {
			git_oid_cpy(&s->ids[k], id);
			s->index[k] = ++s->n;
			*is_new = 1;
			return s->n - 1;
		}
		if (git_oid_equal(&s->ids[k], id)) {
			*is_new = 0;
			return s->index[k] - 1;
		}
	}
}

static void
blob_set_grow(struct blob_set *s)
{
	struct blob_set t = { 0 };

	t.cap = s->cap ? s->cap * 2 : 64;
	t.ids = lp_xcalloc(t.cap, sizeof *t.ids);
	t.index = lp_xcalloc(t.cap, sizeof *t.index);
	for (size_t k = 0; k < s->cap; k++) {
		size_t j;

		if (!s->index[k])
			continue;
		for (j = blob_hash(&s->ids[k], t.cap); t.index[j]; j = (j + 1) & (t.cap - 1))
			;
		git_oid_cpy(&t.ids[j], &s->ids[k]);
		t.index[j] = s->index[k];
	}
	t.n = s->n;
	free(s->ids);
	free(s->index);
	*s = t;
}

struct walk {
	git_repository *repo;
	git_odb *odb;
	const char *path;
	struct line_commit *line;	/* newest first, as walked */
	size_t n;
	struct blob_set blobs;
	int skipped;
};

/* The committer date in UTC, whatever the committer's zone. */
static lp_date
commit_day(const git_commit *c)
{
	git_time_t t = git_commit_time(c);

	return (lp_date)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

/*
 * The first-parent line from start back to the root commit.  libgit2
 * 1.5's git_revwalk fails on the first missing parent of a shallow clone,
 * so the line is followed here: in a shallow repository it ends where the
 * objects end, as `git log` does.
 */
static int
walk_line(struct walk *w, const git_oid *start)
{
	int shallow = git_repository_is_shallow(w->repo) == 1;
	size_t cap = 0;
	git_oid next;
	int r;

	git_oid_cpy(&next, start);
	for (;;) {
		git_commit *c = NULL;
		struct line_commit *lc;

		if ((r = git_commit_lookup(&c, w->repo, &next)) < 0) {
			if (r == GIT_ENOTFOUND && shallow && w->n > 0) {
				git_error_clear();
				return 0;
			}
			return lp_git_fail(git_oid_tostr_s(&next));
		}
		if (w->n == cap) {
			cap = cap ? cap * 2 : 256;
			w->line = lp_xreallocarray(w->line, cap, sizeof *w->line);
		}
		lc = &w->line[w->n++];
		git_oid_cpy(&lc->id, git_commit_id(c));
		git_oid_cpy(&lc->tree, git_commit_tree_id(c));
		lc->day = commit_day(c);
		r = git_commit_parentcount(c) > 0;
		if (r)
			git_oid_cpy(&next, git_commit_parent_id(c, 0));
		git_commit_free(c);
		if (!r)
			return 0;
	}
}

/* The file's blob in a commit's tree: 1 found, 0 absent, -1 error. */
static int
entry_blob(struct walk *w, const struct line_commit *lc, git_oid *blob)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	int rc;

	if (git_tree_lookup(&tree, w->repo, &lc->tree) < 0)
		return lp_git_fail(git_oid_tostr_s(&lc->id));
	rc = git_tree_entry_bypath(&e, tree, w->path);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		rc = 0;
	} else if (rc < 0) {
		rc = lp_git_fail(git_oid_tostr_s(&lc->id));
	} else if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		rc = 0;		/* a directory of that name is not the file */
	} else {
		git_oid_cpy(blob, git_tree_entry_id(e));
		rc = 1;
	}
	git_tree_entry_free(e);
	git_tree_free(tree);
	return rc;
}

/* A new blob's content, its size checked from the header first: 0, or -1 (skipped). */
static int
load_blob(struct walk *w, const struct line_commit *lc, const git_oid *id,
    git_odb_object **obj)
{
	char where[64];
	git_object_t type;
	size_t size;

	snprintf(where, sizeof where, "%.7s:%s", git_oid_tostr_s(&lc->id), w->path);
	if (git_odb_read_header(&size, &type, w->odb, id) < 0)
		return lp_git_fail(where);
	if (size > LP_FILE_MAX) {
		lp_error("%s: the file is %zu bytes, over the limit of %u: not read",
		    where, size, LP_FILE_MAX);
		return -1;
	}
	if (git_odb_read(obj, w->odb, id) < 0)
		return lp_git_fail(where);
	return 0;
}

/* One commit, oldest first; prev holds the blob before it (present 0 or 1). */
static int
walk_step(struct walk *w, const struct line_commit *lc, int *present, git_oid *prev,
    lp_file_version_fn fn, void *arg)
{
	struct lp_file_version v;
	git_odb_object *obj = NULL;
	git_oid now;
	int got, rc;

	if ((got = entry_blob(w, lc, &now)) < 0)
		return -1;
	if (got == *present && (!got || git_oid_equal(&now, prev)))
		return 0;
	memset(&v, 0, sizeof v);
	git_oid_tostr(v.commit, sizeof v.commit, &lc->id);
	v.day = lc->day;
	v.present = got;
	*present = got;
	if (got) {
		int is_new;

		git_oid_cpy(prev, &now);
		v.blob = blob_set_find(&w->blobs, &now, &is_new);
		v.repeat = !is_new;
		if (is_new && load_blob(w, lc, &now, &obj) < 0) {
			w->skipped = 1;
			/* Never met again as "seen": a later commit with it is skipped too. */
			return 0;
		}
		if (obj) {
			v.data = git_odb_object_data(obj);
			v.len = git_odb_object_size(obj);
		}
	}
	rc = fn(&v, arg);
	git_odb_object_free(obj);
	return rc;
}

/* The commit history starts from: rev, else HEAD; 1 when the branch has none yet. */
static int
walk_start(struct lp_git *g, const char *rev, git_oid *start)
{
	git_repository *repo = lp_git_repo(g);
	git_object *obj = NULL, *commit = NULL;
	char shortid[16];
	int rc = -1;

	if (!rev) {
		if (git_repository_head_unborn(repo) == 1)
			return 1;
		rev = "HEAD";
	} else if (lp_git_resolve(g, rev, shortid) < 0) {
		return -1;	/* named: "unknown revision" */
	}
	if (lp_git_revparse(&obj, repo, rev) < 0 ||
	    git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		lp_git_fail(rev);
		goto out;
	}
	git_oid_cpy(start, git_object_id(commit));
	rc = 0;
out:
	git_object_free(commit);
	git_object_free(obj);
	return rc;
}

int
lp_history_walk(struct lp_git *g, const char *rev, const char *path,
    lp_file_version_fn fn, void *arg)
{
	struct walk w;
	git_oid start, prev;
	int rc, present = 0;

	memset(&w, 0, sizeof w);
	w.repo = lp_git_repo(g);
	w.path = path;
	if ((rc = walk_start(g, rev, &start)) != 0)
		return rc;
	rc = -1;
	if (git_repository_odb(&w.odb, w.repo) < 0) {
		lp_git_fail(path);
		goto out;
	}
	if (walk_line(&w, &start) < 0)
		goto out;
	memset(&prev, 0, sizeof prev);
	for (size_t k = w.n; k-- > 0;)
		if (walk_step(&w, &w.line[k], &present, &prev, fn, arg) < 0)
			goto out;
	rc = w.skipped ? -1 : 0;
out:
	git_odb_free(w.odb);
	free(w.blobs.ids);
	free(w.blobs.index);
	free(w.line);
	return rc;
}

/* ---- the levels of assessment.csv along its history ---- */

/* What one distinct blob said: parsed once, whatever number of commits bring it back. */
struct version_levels {
	int ok;			/* parsed; otherwise the version is skipped */
	unsigned char level[LP_NSTANDARDS];
	lp_date assessed[LP_NSTANDARDS];
};

struct level_walk {
	const char *path;
	struct version_levels *seen;	/* by blob number */
	size_t nseen, capseen;
	int level[LP_NSTANDARDS];	/* as of the last good version */
	struct lp_level_history *out;
	int failed;
};

static void
add_change(struct lp_level_history *h, const struct lp_file_version *v, int i,
    int level, lp_date assessed)
{
	struct lp_level_change *c;

	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->v = lp_xreallocarray(h->v, h->cap, sizeof *h->v);
	}
	c = &h->v[h->n++];
	c->day = v->day;
	memcpy(c->commit, v->commit, sizeof c->commit);
	c->standard = i;
	c->level = level;
	c->assessed = assessed;
}

/* Parse a blob met for the first time into lw->seen[v->blob]. */
static void
parse_version(struct level_walk *lw, const struct lp_file_version *v)
{
	struct version_levels *vl;
	struct lp_assessment a;
	char *name;

	if (v->blob >= lw->nseen) {
		size_t n = v->blob + 1;

		if (n > lw->capseen) {
			size_t cap = lw->capseen ? lw->capseen * 2 : 64;

			while (cap < n)
				cap *= 2;
			lw->seen = lp_xreallocarray(lw->seen, cap, sizeof *lw->seen);
			lw->capseen = cap;
		}
		memset(lw->seen + lw->nseen, 0, (n - lw->nseen) * sizeof *lw->seen);
		lw->nseen = n;
	}
	vl = &lw->seen[v->blob];
	name = lp_xasprintf("%s:%s", v->commit, lw->path);
	lp_assessment_init(&a);
	vl->ok = lp_assessment_parse(&a, v->data, v->len, name, 0) == 0;
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		vl->level[i] = (unsigned char)a.row[i].level;
		vl->assessed[i] = a.row[i].date;
	}
	lp_assessment_free(&a);
	free(name);
}

static int
level_step(const struct lp_file_version *v, void *arg)
{
	struct level_walk *lw = arg;
	const struct version_levels *vl = NULL;

	if (v->present) {
		if (!v->repeat)
			parse_version(lw, v);
		vl = v->blob < lw->nseen ? &lw->seen[v->blob] : NULL;
		/* A version that does not parse is skipped: the next is compared with the last good one. */
		if (!vl || !vl->ok) {
			lw->failed = 1;
			return 0;
		}
	}
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		int level = vl ? vl->level[i] : LP_LEVEL_NONE;

		if (level == lw->level[i])
			continue;
		add_change(lw->out, v, i, level, vl ? vl->assessed[i] : LP_DATE_NONE);
		lw->level[i] = level;
	}
	return 0;
}

int
lp_level_history_git(struct lp_git *g, const char *rev, const char *subdir,
    struct lp_level_history *out)
{
	struct level_walk lw;
	size_t n = strlen(subdir);
	char *path = lp_xasprintf("%s%sassessment.csv", subdir,
	    n && subdir[n - 1] != '/' ? "/" : "");
	int rc;

	memset(&lw, 0, sizeof lw);
	lw.path = path;
	lw.out = out;
	rc = lp_history_walk(g, rev, path, level_step, &lw);
	if (rc == 1)
		rc = 0;		/* no commits yet: no history */
	if (lw.failed)
		rc = -1;
	free(lw.seen);
	free(path);
	return rc;
}

int
lp_level_history(const char *root, const char *rev, struct lp_level_history *out)
{
	struct lp_git *g = NULL;
	char *prefix = NULL;
	int rc;

	if ((rc = lp_git_open(root, &g)) != 0)
		return rc;
	rc = -1;
	if (lp_git_prefix(g, root, &prefix) == 0)
		rc = lp_level_history_git(g, rev, prefix, out);
	free(prefix);
	lp_git_free(g);
	return rc;
}

void
lp_level_history_free(struct lp_level_history *h)
{
	free(h->v);
	memset(h, 0, sizeof *h);
}
