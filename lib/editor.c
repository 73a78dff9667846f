/*
 * editor.c - running the user's editor on a file, as git does.
 */
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "evidence.h"

/* $VISUAL, else $EDITOR, else vi, through the shell as git runs it. */
int
lp_editor_run(const char *path)
{
	const char *editor = getenv("VISUAL");
	struct sigaction ign, oldint, oldquit;
	char *cmd;
	pid_t pid;
	int status;

	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	cmd = lp_xasprintf("%s \"$@\"", editor);
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0) {
		lp_error("cannot start the editor: %s", strerror(errno));
		free(cmd);
		return -1;
	}
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, editor, path, (char *)NULL);
		_exit(127);
	}
	/* ^C belongs to the editor while it runs, as with git. */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &oldint);
	sigaction(SIGQUIT, &ign, &oldquit);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &oldint, NULL);
	sigaction(SIGQUIT, &oldquit, NULL);
	free(cmd);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		lp_error("the editor '%s' exited with status %d; nothing was written",
		    editor, WEXITSTATUS(status));
	else
		lp_error("the editor '%s' was killed by signal %d; nothing was written",
		    editor, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return -1;
}
