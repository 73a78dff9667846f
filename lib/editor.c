/*
 * editor.c - running the user's editor on a file, as git does.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

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

/*
 * Where the item is edited: beside COMMIT_EDITMSG in the portfolio's git
 * directory, as git keeps a message being written, so that a failed
 * attempt leaves the text in the portfolio and nothing in /tmp.  Outside
 * git, a hidden file at the portfolio's root.
 */
char *
lp_editor_path(const char *root)
{
	struct lp_git *g = NULL;
	char *path;
	int rc = lp_git_open(root, &g);

	if (rc < 0)
		return NULL;
	if (rc == 1)
		return lp_path_join(root, ".EVIDENCE_EDITMSG.md");
	path = lp_xasprintf("%sEVIDENCE_EDITMSG.md",
	    git_repository_path((git_repository *)lp_git_repo(g)));
	lp_git_free(g);
	return path;
}

int
lp_editor_file_new(const char *path, const char *text, size_t len, struct lp_buf *kept)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

	if (fd < 0 && errno == EEXIST) {
		/* An earlier attempt's text: the user gets it back, not a new template. */
		if (lp_file_read(path, LP_FILE_MAX, kept) != 0) {
			lp_error("%s: cannot read the item kept from an earlier attempt", path);
			return -1;
		}
		lp_warn("%s: the item kept from an earlier attempt is opened again", path);
		return 1;
	}
	if (fd < 0) {
		lp_error("cannot create %s for the editor: %s", path, strerror(errno));
		return -1;
	}
	if (lp_write_all(fd, text, len) < 0 || close(fd) < 0) {
		lp_error("cannot write %s: %s", path, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

int
lp_editor_empty(const struct lp_buf *edited, const struct lp_buf *tmpl)
{
	size_t i = 0;

	if (tmpl->len && edited->len == tmpl->len &&
	    memcmp(edited->data, tmpl->data, tmpl->len) == 0)
		return 1;
	while (i < edited->len && strchr(" \t\r\n", edited->data[i]))
		i++;
	return i == edited->len;
}

void
lp_editor_forget(const char *root, const char *path)
{
	char *kept = lp_editor_path(root);
	struct stat a, b;

	if (kept && stat(kept, &a) == 0 && stat(path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		unlink(kept);
	free(kept);
}

/* ---- an item from a whole document ---- */

static void
kept_note(const char *path)
{
	lp_error("the item is kept in %s; once it is fixed, run: lp-evidence add %s",
	    path, path);
}

/*
 * add from a whole document: ITEM.md, or the template after the editor.
 * from/to are the --attach files planned for a template.
 */
int
lp_item_add_document(const struct lp_ctx *ctx, const char *path, const struct lp_buf *text,
    const struct lp_strv *from, const struct lp_strv *to, int edited, const char *slug)
{
	struct lp_lock *lock = NULL;
	struct lp_item it;
	char *root = NULL, *body;
	const char *title;
	int rootfd = -1, rc = LP_EXIT_ERROR;

	memset(&it, 0, sizeof it);
	it.src = path;
	it.slug = slug;
	it.date = LP_DATE_NONE;
	if (lp_doc_parse(&it.doc, path, text->data ? text->data : "", text->len) < 0) {
		if (edited)
			kept_note(path);
		goto out;
	}
	title = lp_doc_get(&it.doc, "title");
	if (edited && (!title || !title[strspn(title, " \t")])) {
		lp_error("aborting: the item has no title; nothing was written (your text is kept in %s)",
		    path);
		goto out;
	}
	body = lp_xstrndup(it.doc.body ? it.doc.body : "", it.doc.body_len);
	if (edited && strcmp(body, lp_item_template_hints) == 0)
		lp_item_set_body(&it, NULL, 0);
	else
		lp_item_set_body(&it, body, strlen(body));
	free(body);
	if (lp_evidence_open_for_writing(ctx, &root, &lock, &rootfd) < 0)
		goto fail;
	if (lp_item_replan_copies(&it, root, from, to) < 0)
		goto fail;
	rc = lp_items_store_print(ctx, root, rootfd, &it, 1, 0, 0);
fail:
	if (rc != LP_EXIT_OK && edited)
		kept_note(path);
	if (rc == LP_EXIT_OK && edited)
		unlink(path);
	else if (rc == LP_EXIT_OK)
		lp_editor_forget(root, path);
out:
	lp_item_free(&it);
	lp_evidence_close_for_writing(root, lock, rootfd);
	return rc;
}
