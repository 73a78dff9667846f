/*
 * submit.c - a submission's commit and tag, tied together (SPEC 5.4,
 * 5.5; issue 16: "submit commits, then tags, with nothing tying the
 * two").  See submit.h.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "docwrite.h"
#include "gitsafe.h"
#include "submit.h"

extern char **environ;

/* name is tag or tag-N (N a number of 2 or more). */
static int
is_tag_or_suffixed(const char *name, const char *tag)
{
	size_t n = strlen(tag);
	const char *s;

	if (strncmp(name, tag, n) != 0)
		return 0;
	if (name[n] == '\0')
		return 1;
	if (name[n] != '-' || !name[n + 1])
		return 0;
	for (s = name + n + 1; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* Some tag tag or tag-N points at the commit oid. */
static int
tagged(git_repository *repo, const git_oid *commit, const char *tag, int *found)
{
	git_strarray names = {0};
	char *pattern = lp_xasprintf("%s*", tag);
	int rc = 0;

	*found = 0;
	if (git_tag_list_match(&names, pattern, repo) < 0) {
		free(pattern);
		return lp_git_fail("listing tags");
	}
	for (size_t i = 0; i < names.count && !*found; i++) {
		git_object *obj = NULL, *peeled = NULL;
		char *ref;

		if (!is_tag_or_suffixed(names.strings[i], tag))
			continue;
		ref = lp_xasprintf("refs/tags/%s", names.strings[i]);
		if (lp_git_revparse(&obj, repo, ref) == 0 &&
		    git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) == 0)
			*found = git_oid_equal(git_object_id(peeled), commit);
		git_object_free(peeled);
		git_object_free(obj);
		free(ref);
	}
	git_strarray_dispose(&names);
	free(pattern);
	return rc;
}

/* HEAD's commit changed path (relative to the work tree) from its parent. */
static int
commit_touches(git_repository *repo, git_commit *c, const char *path, int *yes)
{
	git_tree *tree = NULL, *ptree = NULL;
	git_tree_entry *e = NULL, *pe = NULL;
	git_commit *parent = NULL;
	int rc = -1;

	*yes = 0;
	if (git_commit_tree(&tree, c) < 0)
		return lp_git_fail("reading HEAD");
	if (git_tree_entry_bypath(&e, tree, path) < 0) {
		git_error_clear();
		rc = 0;		/* not in HEAD at all */
		goto out;
	}
	if (git_commit_parentcount(c) == 0) {
		*yes = 1;
		rc = 0;
		goto out;
	}
	if (git_commit_parent(&parent, c, 0) < 0 || git_commit_tree(&ptree, parent) < 0) {
		lp_git_fail("reading HEAD's parent");
		goto out;
	}
	if (git_tree_entry_bypath(&pe, ptree, path) < 0) {
		git_error_clear();
		*yes = 1;
	} else {
		*yes = !git_oid_equal(git_tree_entry_id(e), git_tree_entry_id(pe));
	}
	rc = 0;
out:
	git_tree_entry_free(e);
	git_tree_entry_free(pe);
	git_tree_free(tree);
	git_tree_free(ptree);
	git_commit_free(parent);
	(void)repo;
	return rc;
}

int
lp_submit_unfinished(struct lp_git *g, const struct lp_submission *s)
{
	git_repository *repo = lp_git_repo(g);
	git_reference *head = NULL;
	git_commit *c = NULL;
	char *prefix = NULL, *path = NULL;
	const char *msg;
	int rc = -1, touched, found;

	if (git_repository_head_unborn(repo) == 1)
		return 0;
	if (git_repository_head(&head, repo) < 0 ||
	    git_commit_lookup(&c, repo, git_reference_target(head)) < 0) {
		lp_git_fail("reading HEAD");
		goto out;
	}
	msg = git_commit_message(c);
	if (!msg || strncmp(msg, s->unfinished, strlen(s->unfinished)) != 0) {
		rc = 0;
		goto out;
	}
	if (lp_git_prefix(g, s->root, &prefix) < 0)
		goto out;
	path = lp_xasprintf("%s%s", prefix, s->file);
	if (commit_touches(repo, c, path, &touched) < 0 ||
	    tagged(repo, git_commit_id(c), s->tag, &found) < 0)
		goto out;
	rc = touched && !found;
out:
	free(prefix);
	free(path);
	git_commit_free(c);
	git_reference_free(head);
	return rc;
}

int
lp_submit_tag_ok(struct lp_git *g, const struct lp_submission *s)
{
	git_repository *repo = lp_git_repo(g);
	char *ref = lp_xasprintf("refs/tags/%s", s->tag);
	char *dir = NULL, *slash;
	int valid = 0, rc = -1;

	if (git_reference_name_is_valid(&valid, ref) < 0 || !valid) {
		lp_error("cannot tag the submission: '%s' is not a valid tag name "
		    "(the portfolio id names it)", s->tag);
		goto out;
	}
	/* A reference at a parent of the name (refs/tags/lp) stands where a directory must be. */
	for (slash = strchr(ref + strlen("refs/tags/"), '/'); slash; slash = strchr(slash + 1, '/')) {
		git_reference *r = NULL;
		char *up = lp_xstrndup(ref, (size_t)(slash - ref));
		int e = git_reference_lookup(&r, repo, up);

		git_reference_free(r);
		git_error_clear();
		if (e == 0) {
			lp_error("cannot tag the submission %s: the reference %s is in the way", s->tag, up);
			free(up);
			goto out;
		}
		free(up);
	}
	/* The deepest directory of the name that exists must be a writable directory. */
	dir = lp_xasprintf("%s/%s", git_repository_commondir(repo), ref);
	while ((slash = strrchr(dir, '/')) != NULL) {
		struct stat st;

		*slash = '\0';
		if (stat(dir, &st) < 0) {
			if (errno == ENOENT || errno == ENOTDIR)
				continue;
			lp_error("cannot tag the submission: %s: %s", dir, strerror(errno));
			goto out;
		}
		if (!S_ISDIR(st.st_mode) || access(dir, W_OK | X_OK) < 0) {
			lp_error("cannot tag the submission %s: %s is not a directory git can write",
			    s->tag, dir);
			goto out;
		}
		break;
	}
	rc = 0;
out:
	free(dir);
	free(ref);
	return rc;
}

int
lp_submit_finish(struct lp_git *g, const struct lp_submission *s, char **made)
{
	return lp_git_tag(g, s->tag, s->tag_message, made);
}

int
lp_submit_record(const struct lp_ctx *ctx, struct lp_git *g, const struct lp_submission *s,
    char **made)
{
	*made = NULL;
	if (!ctx->no_commit && lp_submit_tag_ok(g, s) < 0)
		return -1;
	if (lp_portfolio_save_doc(ctx, s->root, s->file, s->doc, s->message, NULL) < 0)
		return -1;
	if (ctx->no_commit)
		return 0;
	if (lp_git_tag(g, s->tag, s->tag_message, made) < 0) {
		lp_error("the submission is committed but not tagged: run submit again to tag it");
		return -1;
	}
	return 0;
}

/* ---- the check a submission runs first ---- */

/*
 * Our own `lp`: the one beside this program, or one on PATH that has
 * lp-window beside it.  (A bare `lp` on PATH may be the CUPS print
 * command, which must never be handed a portfolio.)
 */
static char *
find_lp(void)
{
	char *self = lp_self_dir();
	const char *path = getenv("PATH");

	if (self) {
		char *lp = lp_xasprintf("%s/lp", self);

		free(self);
		if (access(lp, X_OK) == 0)
			return lp;
		free(lp);
	}
	while (path && *path) {
		size_t len = strcspn(path, ":");
		char *dir = len ? lp_xstrndup(path, len) : lp_xstrdup(".");
		char *lp = lp_xasprintf("%s/lp", dir);
		char *sib = lp_xasprintf("%s/lp-window", dir);
		int ours = access(lp, X_OK) == 0 && access(sib, X_OK) == 0;

		free(dir);
		free(sib);
		if (ours)
			return lp;
		free(lp);
		path += len;
		path += *path == ':';
	}
	return NULL;
}

/*
 * `lp check` on the portfolio, as a child, its stdout sent to our stderr
 * so that our own output stays ours.  Not -q: that would hide the very
 * findings that explain a refusal.  0 ready, 1 not ready, -1 when the
 * checks could not run (diagnostic printed).
 */
int
lp_submit_run_check(const struct lp_ctx *ctx, const char *root)
{
	char *lp = find_lp();
	char today[11];
	const char *argv[12];
	size_t n = 0;
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status, err;

	if (!lp) {
		lp_error("cannot find lp (beside this program, or on PATH beside lp-window) to run lp check; "
		    "--force submits without the check");
		return -1;
	}
	lp_date_format(ctx->today, today);
	argv[n++] = lp;
	argv[n++] = "check";
	argv[n++] = "--today";
	argv[n++] = today;
	if (ctx->framework_path) {
		argv[n++] = "--framework";
		argv[n++] = ctx->framework_path;
	}
	if (ctx->min_set) {
		argv[n++] = "--min";
		argv[n++] = lp_level_name(ctx->min_level);
	}
	argv[n++] = "--";
	argv[n++] = root;
	argv[n] = NULL;
	fflush(stdout);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);
	err = posix_spawn(&pid, lp, &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err) {
		lp_error("cannot run %s: %s", lp, strerror(err));
		free(lp);
		return -1;
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			lp_error("waiting for %s: %s", lp, strerror(errno));
			free(lp);
			return -1;
		}
	}
	free(lp);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 1)
		return 1;
	lp_error("lp check could not check the portfolio (%s %d)",
	    WIFEXITED(status) ? "exit" : "signal",
	    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	return -1;
}
