/*
 * git-commit.c - the commits and tags lp makes (see git.c).
 *
 * lp commits exactly the files a command wrote, whatever else the user
 * has staged: the index entries of those paths are staged, a tree is
 * written from the branch's tip with only them changed, and the entries
 * are put back as they were if anything fails.  A held index.lock, a
 * detached HEAD and an unborn branch are each told apart, because the
 * user must act on each differently.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "git-internal.h"
#include "gitsafe.h"
#include "lp.h"

/* ------------------------------------------------------------------ */
/* Committing exactly the given paths                                   */

/* git's message clean-up: trailing spaces and blank lines go, one newline ends it. */
static int
clean_message(const char *message, git_buf *out)
{
	if (git_message_prettify(out, message, 0, '#') < 0)
		return lp_git_fail("commit message");
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
		return lp_git_fail(g->where);
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
		lp_git_fail(g->where);
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
		return lp_git_fail(g->where);
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
		return lp_git_fail(g->where);
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
		lp_git_fail(g->where);
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
	if (lp_git_guard(git_repository_path(g->repo), LP_GUARD_WRITE) < 0)
		return -1;
	/* Everything that can be refused is checked before the index changes. */
	if (head_branch(g, &parent) < 0)
		goto out;
	if (parent && git_commit_tree(&base, parent) < 0) {
		lp_git_fail(g->where);
		goto out;
	}
	if (lp_git_signatures(g->repo, &author, &committer) < 0 ||
	    clean_message(message, &msg) < 0 ||
	    commit_paths(g, paths, npaths, &sorted) < 0 ||
	    lp_git_guard_paths(git_repository_workdir(g->repo), sorted.v, sorted.n) < 0)
		goto out;
	if (git_repository_index(&index, g->repo) < 0) {
		lp_git_fail(g->where);
		goto out;
	}
	if (git_index_read(index, 0) < 0) {
		lp_git_fail(g->where);
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
		lp_git_fail(g->where);
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
		lp_git_fail(g->where);
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
		return lp_git_fail(g->where);
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
	if (lp_git_guard(git_repository_path(g->repo), LP_GUARD_WRITE | LP_GUARD_REFS) < 0)
		return -1;
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
