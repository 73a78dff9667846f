/*
 * proc.c - running other programs: the editor, the tools of the toolkit.
 *
 * lp never runs git or a shell; it runs the user's editor and its own
 * tools (lp TOOL, and lp completion asking each tool for its tables).
 * A tool is looked for first beside the running program (the directory
 * of /proc/self/exe), so that one installation is used whole even when
 * an older one is on PATH, and then on PATH.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"

extern char **environ;

char *
lp_self_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	if (!(slash = strrchr(buf, '/')))
		return NULL;
	*slash = '\0';
	return lp_xstrdup(*buf ? buf : "/");
}

static int
is_program(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

char *
lp_tool_path(const char *prog)
{
	char *dir = lp_self_dir(), *path;
	const char *env = getenv("PATH");

	if (dir) {
		path = lp_xasprintf("%s/%s", dir, prog);
		free(dir);
		if (is_program(path))
			return path;
		free(path);
	}
	for (const char *p = env; p && *p;) {
		size_t len = strcspn(p, ":");
		char *cand = len ? lp_xasprintf("%.*s/%s", (int)len, p, prog) :
		    lp_xasprintf("./%s", prog);

		if (is_program(cand))
			return cand;
		free(cand);
		p += len;
		p += *p == ':';
	}
	return NULL;
}

static int
wait_child(pid_t pid, const char *what)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			lp_error("waiting for %s: %s", what, strerror(errno));
			return -1;
		}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	lp_error("%s was killed by signal %d", what, WTERMSIG(status));
	return -1;
}

int
lp_proc_run(char *const argv[], struct lp_buf *out)
{
	posix_spawn_file_actions_t fa;
	int fds[2] = { -1, -1 }, err, rc;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	if (out && pipe(fds) < 0) {
		lp_error("cannot run %s: %s", argv[0], strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	if (out) {
		posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
		posix_spawn_file_actions_addclose(&fa, fds[0]);
		posix_spawn_file_actions_addclose(&fa, fds[1]);
	}
	err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (out)
		close(fds[1]);
	if (err) {
		lp_error("cannot run %s: %s", argv[0], strerror(err));
		if (out)
			close(fds[0]);
		return -1;
	}
	if (out) {
		if (lp_fd_read(fds[0], argv[0], LP_FILE_MAX, out) < 0) {
			close(fds[0]);
			wait_child(pid, argv[0]);
			return -1;
		}
		close(fds[0]);
	}
	rc = wait_child(pid, argv[0]);
	return rc;
}
