/*
 * discover.c - searching upwards for portfolio.md or windows.csv.
 *
 * A search that climbs to / reads whatever anyone planted above the
 * user's directory: a windows.csv in a world-writable /tmp, or a
 * portfolio.md owned by someone else that a root cron job then writes
 * to.  git's discovery has the rules for this already, so lp's follows
 * them: stop at the work tree's root, at a file-system boundary, at
 * GIT_CEILING_DIRECTORIES, and before a directory owned by another user
 * unless LP_SAFE_DIRECTORY names it.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"
#include "discover.h"

/* Whether path is listed in the colon-separated list (trailing slashes ignored). */
static int
in_list(const char *list, const char *path)
{
	size_t plen = strlen(path);

	while (plen > 1 && path[plen - 1] == '/')
		plen--;
	while (list && *list) {
		const char *end = strchrnul(list, ':');
		size_t n = (size_t)(end - list);

		while (n > 1 && list[n - 1] == '/')
			n--;
		if ((n == 1 && list[0] == '*') || (n == plen && strncmp(list, path, n) == 0))
			return 1;
		list = *end ? end + 1 : end;
	}
	return 0;
}

int
lp_is_ceiling(const char *dir)
{
	return in_list(getenv("GIT_CEILING_DIRECTORIES"), dir);
}

int
lp_owner_trusted(const struct stat *st, const char *path)
{
	if (st->st_uid == geteuid())
		return 1;
	return path && in_list(getenv("LP_SAFE_DIRECTORY"), path);
}

int
lp_climb_start(struct lp_climb *c, const char *dir)
{
	struct stat st;

	memset(c, 0, sizeof *c);
	if (!(c->cur = realpath(dir, NULL)) || stat(c->cur, &st) < 0) {
		lp_error("%s: %s", dir, strerror(errno));
		free(c->cur);
		c->cur = NULL;
		return -1;
	}
	c->dev = st.st_dev;
	return 0;
}

int
lp_climb_up(struct lp_climb *c)
{
	char *slash, *parent, *git;
	struct stat st;
	int root;

	if (!c->cur || strcmp(c->cur, "/") == 0)
		return 0;
	/* A directory holding .git is a work tree's root: git looks no higher. */
	git = lp_xasprintf("%s/.git", c->cur);
	root = lstat(git, &st) == 0;
	free(git);
	if (root)
		return 0;
	slash = strrchr(c->cur, '/');
	parent = slash == c->cur ? lp_xstrdup("/") : lp_xstrndup(c->cur, (size_t)(slash - c->cur));
	if (lstat(parent, &st) < 0 || st.st_dev != c->dev ||
	    in_list(getenv("GIT_CEILING_DIRECTORIES"), parent)) {
		free(parent);
		return 0;
	}
	if (!lp_owner_trusted(&st, parent)) {
		free(c->stopped_at);
		c->stopped_at = parent;
		return 0;
	}
	free(c->cur);
	c->cur = parent;
	c->depth++;
	return 1;
}

void
lp_climb_free(struct lp_climb *c)
{
	free(c->cur);
	free(c->stopped_at);
	memset(c, 0, sizeof *c);
}

int
lp_open_regular_beneath(int dirfd, const char *name, struct stat *st)
{
	int fd = lp_open_beneath(dirfd, name, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	int flags;

	if (fd < 0 && errno == ENXIO)
		errno = EINVAL;		/* a socket: not a regular file */
	if (fd < 0)
		return -1;
	if (fstat(fd, st) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	if ((flags = fcntl(fd, F_GETFL)) >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}
