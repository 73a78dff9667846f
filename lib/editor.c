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

void
lp_item_template(struct lp_item *it, lp_date today, int dated, const char *standards,
    struct lp_buf *out)
{
	struct lp_buf b = {0};
	char d[11];
	const char *p;

	if (!dated) {
		lp_date_format(today, d);
		lp_doc_set(&it->doc, "date", d);
	}
	if (standards) {
		struct lp_strv words = {0};

		lp_words_split(standards, &words);
		lp_doc_set_list(&it->doc, "standards", words.v, words.n);
		lp_strv_free(&words);
	} else {
		lp_doc_set_list(&it->doc, "standards", NULL, 0);
	}
	lp_doc_set_body(&it->doc, lp_item_template_hints, strlen(lp_item_template_hints));
	lp_doc_format(&it->doc, &b);
	/* An empty key reads better, and is easier to fill, as "key:" than as 'key: ""'. */
	for (p = lp_buf_str(&b); *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if (n > 4 && memcmp(p + n - 4, ": \"\"", 4) == 0)
			lp_buf_add(out, p, n - 3);
		else
			lp_buf_add(out, p, n);
		lp_buf_addc(out, '\n');
		p += nl ? n + 1 : n;
	}
	lp_buf_free(&b);
}

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
