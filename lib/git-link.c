/*
 * git-link.c - a `.git` file is trusted only when its repository agrees.
 *
 * A `.git` file ("gitdir: /elsewhere/.git") or a `.git` symbolic link
 * sends git to another repository.  git itself writes one for a linked
 * worktree (the repository's worktrees/NAME/gitdir names this .git file
 * back) and for a submodule (the repository's core.worktree names this
 * directory back).  A portfolio cloned or unpacked from someone else can
 * carry one pointing anywhere, and lp would then stage into and commit to
 * that repository.  So lp honours a .git file only when the repository it
 * names points back at the work tree holding it.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "lp.h"
#include "gitsafe.h"
#include "discover.h"

/* realpath(a) == realpath(b); a missing path matches nothing. */
static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/*
 * The first .git entry from dir upwards, as git's discovery finds it;
 * NULL when there is none.
 */
static char *
first_dotgit(const char *dir, struct stat *st)
{
	char *cur = realpath(dir, NULL);

	while (cur) {
		char *g = lp_xasprintf("%s/.git", strcmp(cur, "/") ? cur : "");
		char *slash;

		if (lstat(g, st) == 0) {
			free(cur);
			return g;
		}
		free(g);
		slash = strrchr(cur, '/');
		if (!slash || strcmp(cur, "/") == 0)
			break;
		if (slash == cur)
			slash[1] = '\0';
		else
			*slash = '\0';
		if (lp_is_ceiling(cur))
			break;
	}
	free(cur);
	return NULL;
}

/* A linked worktree: <gitdir>/gitdir holds the path of this .git file. */
static int
worktree_points_back(const char *gitdir, const char *dotgit)
{
	char *file = lp_xasprintf("%sgitdir", gitdir);
	struct lp_buf b = {0};
	int yes = 0;

	if (access(file, F_OK) == 0 && lp_file_read(file, PATH_MAX + 1, &b) == 0) {
		while (b.len > 0 && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == '\r'))
			b.data[--b.len] = '\0';
		yes = b.len > 0 && same_file(b.data, dotgit);
	}
	lp_buf_free(&b);
	free(file);
	return yes;
}

/* A submodule: core.worktree, relative to the repository, names this directory. */
static int
config_points_back(git_repository *repo, const char *gitdir, const char *wd)
{
	git_config *cfg = NULL;
	const char *v = NULL;
	char *path;
	int yes = 0;

	if (git_repository_config_snapshot(&cfg, repo) < 0) {
		git_error_clear();
		return 0;
	}
	if (git_config_get_string(&v, cfg, "core.worktree") == 0 && v && *v) {
		path = v[0] == '/' ? lp_xstrdup(v) : lp_xasprintf("%s%s", gitdir, v);
		yes = same_file(path, wd);
		free(path);
	}
	git_error_clear();
	git_config_free(cfg);
	return yes;
}

int
lp_git_link_check(git_repository *repo, const char *dir)
{
	const char *gitdir = git_repository_path(repo);
	struct stat st;
	char *dotgit = first_dotgit(dir, &st), *wd;
	int rc = 0;

	if (!dotgit || S_ISDIR(st.st_mode)) {
		free(dotgit);
		return 0;
	}
	wd = lp_xstrndup(dotgit, strlen(dotgit) - 5);
	if (!*wd) {
		free(wd);
		wd = lp_xstrdup("/");
	}
	if (!worktree_points_back(gitdir, dotgit) &&
	    !config_points_back(repo, gitdir, wd)) {
		lp_error("%s: names the repository %s, which does not point back at "
		    "this work tree (neither a linked worktree nor a submodule); "
		    "lp will not use it", dotgit, gitdir);
		rc = -1;
	}
	free(wd);
	free(dotgit);
	return rc;
}

int
lp_git_link_dangling(const char *dir)
{
	struct stat st;
	char *dotgit = first_dotgit(dir, &st);
	int rc = 0;

	if (dotgit && !S_ISDIR(st.st_mode)) {
		lp_error("%s: names no git repository lp can open; "
		    "lp will not write beside it as if it were not in git", dotgit);
		rc = -1;
	}
	free(dotgit);
	return rc;
}
