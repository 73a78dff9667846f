/*
 * hook.c - lp hook install|uninstall: a git pre-commit hook that runs
 * `lp check --staged`, so that a commit which would break a portfolio is
 * refused on the practitioner's own machine.
 *
 * A hook is a user's file: lp writes one only where there is none, or
 * where the one there is its own (it carries LP_HOOK_MARK), and removes
 * only its own.
 */
#include <sys/stat.h>

#include <errno.h>
#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"

#define LP_HOOK_MARK "# lp-hook: written by lp hook install"

/* The hooks directory of the repository holding dir: core.hooksPath, or .git/hooks. */
static int
hooks_dir(const char *dir, char **out)
{
	struct lp_git *g = NULL;
	git_repository *repo;
	git_config *cfg = NULL;
	git_buf buf = GIT_BUF_INIT;
	const char *custom = NULL;
	int rc;

	if ((rc = lp_git_open(dir, &g)) != 0) {
		if (rc == 1)
			lp_error("%s: not in a git work tree: a hook belongs to a repository", dir);
		return -1;
	}
	repo = lp_git_repo(g);
	rc = -1;
	if (git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_get_string(&custom, cfg, "core.hooksPath") == 0 && *custom) {
		/* As git does: relative to the top of the work tree. */
		*out = custom[0] == '/' ? lp_xstrdup(custom) :
		    lp_xasprintf("%s%s", lp_git_workdir(g), custom);
		rc = 0;
	} else if (git_repository_item_path(&buf, repo, GIT_REPOSITORY_ITEM_HOOKS) == 0) {
		*out = lp_xstrdup(buf.ptr);
		rc = 0;
	} else {
		const git_error *e = git_error_last();

		lp_error("%s: cannot find the hooks directory: %s", dir, e ? e->message : "unknown error");
	}
	git_buf_dispose(&buf);
	git_config_free(cfg);
	lp_git_free(g);
	return rc;
}

/* 1 when path holds a hook lp wrote, 0 when it holds another, -1 when absent. */
static int
hook_is_ours(const char *path)
{
	struct lp_buf b = {0};
	int rc = lp_file_read(path, 1 << 20, &b);
	int ours;

	if (rc == 1)
		return -1;
	ours = rc == 0 && b.data && strstr(b.data, LP_HOOK_MARK) != NULL;
	lp_buf_free(&b);
	return ours;
}

static char *
hook_path(const char *dir, const char *name)
{
	char *hooks = NULL, *path;

	if (hooks_dir(dir, &hooks) < 0)
		return NULL;
	path = lp_xasprintf("%s%s%s", hooks, hooks[strlen(hooks) - 1] == '/' ? "" : "/", name);
	free(hooks);
	return path;
}

/* A word for a POSIX shell, in single quotes. */
static void
sh_quote(struct lp_buf *b, const char *s)
{
	lp_buf_addc(b, '\'');
	for (; *s; s++)
		if (*s == '\'')
			lp_buf_adds(b, "'\\''");
		else
			lp_buf_addc(b, *s);
	lp_buf_addc(b, '\'');
}

int
lp_hook_install(const char *dir, const char *name, const char *front)
{
	struct lp_buf text = {0};
	char *path, *slash;
	int rc = -1;

	if (strcmp(name, "pre-commit") != 0) {
		lp_error("hook: expected pre-commit, got '%s'", name);
		return -1;
	}
	if (!(path = hook_path(dir, name)))
		return -1;
	if (hook_is_ours(path) == 0) {
		lp_error("%s: a hook lp did not write is there; it was left as it is "
		    "(call lp check --staged from it yourself)", path);
		goto out;
	}
	slash = strrchr(path, '/');
	*slash = '\0';
	if (mkdir(path, 0777) < 0 && errno != EEXIST) {
		lp_error("%s: %s", path, strerror(errno));
		goto out;
	}
	*slash = '/';
	/*
	 * --min none: a commit may record a portfolio that is still growing
	 * (standards not yet at the minimum), but never a broken one.
	 */
	lp_buf_adds(&text, "#!/bin/sh\n" LP_HOOK_MARK "\n"
	    "# Refuses a commit whose staged portfolio files are broken (malformed,\n"
	    "# lifecycle nonsense, claims the evidence does not support); a portfolio\n"
	    "# still short of the minimum level may be committed.\n"
	    "# `lp hook uninstall` removes this file, `git commit --no-verify` skips it.\n"
	    "exec ");
	sh_quote(&text, front);
	lp_buf_adds(&text, " check --staged --min none\n");
	rc = lp_file_write(path, text.data, text.len, 0755);
	if (rc == 0 && chmod(path, 0755) < 0) {
		lp_error("%s: %s", path, strerror(errno));
		rc = -1;
	}
out:
	lp_buf_free(&text);
	free(path);
	return rc;
}

int
lp_hook_uninstall(const char *dir, const char *name)
{
	char *path;
	int rc = -1, ours;

	if (strcmp(name, "pre-commit") != 0) {
		lp_error("hook: expected pre-commit, got '%s'", name);
		return -1;
	}
	if (!(path = hook_path(dir, name)))
		return -1;
	if ((ours = hook_is_ours(path)) == 0)
		lp_error("%s: a hook lp did not write is there; it was left as it is", path);
	else if (ours < 0)
		rc = 1;	/* nothing to remove */
	else if (unlink(path) < 0)
		lp_error("%s: %s", path, strerror(errno));
	else
		rc = 0;
	free(path);
	return rc;
}
