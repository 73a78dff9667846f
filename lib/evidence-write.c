/*
 * evidence-write.c - naming, writing and committing new evidence items.
 *
 * Only when every item is good is anything written, and each one is
 * formatted and parsed back through the loader that `check` uses before
 * it is, so that lp never writes an item it would later reject.  A
 * failure after the first write removes what was written: an add or an
 * import happens whole or not at all.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "evidence.h"

/* A path under root that nothing occupies (not even a dangling link). */
int
lp_path_unused(const char *root, const char *rel)
{
	char *p = lp_path_join(root, rel);
	struct stat st;
	int free_ = lstat(p, &st) < 0 && errno == ENOENT;

	free(p);
	return free_;
}

/*
 * Name the item evidence/DATE-slug.md, or DATE-slug-N.md when that is
 * taken on disk or by an item named earlier in this run (taken).
 */
int
lp_item_name(struct lp_item *it, const char *root, struct lp_strv *taken)
{
	char d[11], *slug = lp_slug(lp_doc_get(&it->doc, "title"));

	lp_date_format(it->date, d);
	for (int n = 1;; n++) {
		char *id = n == 1 ? lp_xasprintf("%s-%s", d, slug) :
		    lp_xasprintf("%s-%s-%d", d, slug, n);
		char *rel = lp_xasprintf("evidence/%s.md", id);
		int ok = lp_strv_find(taken, id) < 0 && lp_path_unused(root, rel);

		free(rel);
		if (ok) {
			it->id = id;
			break;
		}
		free(id);
	}
	lp_strv_push(taken, it->id);
	free(slug);
	return 0;
}

/* attachments/NAME, or NAME-2.ext, NAME-3.ext ... when that is taken. */
char *
lp_attachment_name(const char *root, const char *name, const struct lp_strv *taken)
{
	const char *dot = strrchr(name, '.');
	size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);

	for (int n = 1;; n++) {
		char *rel = n == 1 ? lp_xasprintf("attachments/%s", name) :
		    lp_xasprintf("attachments/%.*s-%d%s", (int)stem, name, n, name + stem);

		if (lp_strv_find(taken, rel) < 0 && lp_path_unused(root, rel))
			return rel;
		free(rel);
	}
}

/* realpath(path) when it lies inside root: its path relative to root. */
static char *
inside_portfolio(const char *root, const char *path)
{
	char *rroot = realpath(root, NULL), *rpath = realpath(path, NULL), *rel = NULL;
	size_t n;

	if (rroot && rpath) {
		n = strlen(rroot);
		if (strncmp(rpath, rroot, n) == 0 && rpath[n] == '/' && rpath[n + 1])
			rel = lp_xstrdup(rpath + n + 1);
	}
	free(rroot);
	free(rpath);
	return rel;
}

/*
 * Plan the copy of a file given with --attach: check it can be read and
 * choose its name in attachments/.  A file already in the portfolio is
 * listed where it is.  *listed gets the path to put in the item.
 */
int
lp_item_plan_attachment(struct lp_item *it, const char *root, const char *src,
    struct lp_strv *taken, char **listed)
{
	const char *base = strrchr(src, '/');
	struct stat st;
	char *rel, *name;
	size_t n;

	*listed = NULL;
	if (stat(src, &st) < 0) {
		lp_error("--attach: cannot read '%s': %s", src, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		lp_error("--attach: '%s' is not a file", src);
		return -1;
	}
	if ((rel = inside_portfolio(root, src))) {
		*listed = rel;
		return 0;
	}
	name = lp_xstrdup(base ? base + 1 : src);
	n = strlen(name);
	while (n > 0 && name[n - 1] == '/')
		name[--n] = '\0';
	if (!*name || !lp_utf8_valid(name, n) || lp_has_control(name)) {
		lp_error("--attach: '%s': expected a file name of UTF-8 text", src);
		free(name);
		return -1;
	}
	rel = lp_attachment_name(root, name, taken);
	free(name);
	lp_strv_push(taken, rel);
	lp_strv_push(&it->copy_from, src);
	lp_strv_push(&it->copy_to, rel);
	*listed = rel;
	return 0;
}

void
lp_written_undo(struct lp_written *w)
{
	for (size_t i = w->files.n; i-- > 0;)
		unlink(w->files.v[i]);
	for (size_t i = w->dirs.n; i-- > 0;)
		rmdir(w->dirs.v[i]);
}

void
lp_written_free(struct lp_written *w)
{
	lp_strv_free(&w->files);
	lp_strv_free(&w->rel);
	lp_strv_free(&w->dirs);
}

void
lp_written_add(struct lp_written *w, const char *root, const char *rel)
{
	char *p = lp_path_join(root, rel);

	lp_strv_push(&w->files, p);
	lp_strv_push(&w->rel, rel);
	free(p);
}

/* root/name as a real directory of the portfolio, made when missing. */
static int
ensure_dir(const char *root, const char *name, struct lp_written *w)
{
	char *p = lp_path_join(root, name);
	struct stat st;
	int rc = 0;

	if (lstat(p, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			lp_error("%s: expected a directory inside the portfolio%s", p,
			    S_ISLNK(st.st_mode) ? ", not a symbolic link" : "");
			rc = -1;
		}
	} else if (errno != ENOENT) {
		lp_error("%s: %s", p, strerror(errno));
		rc = -1;
	} else if ((rc = lp_mkdir(p)) == 0) {
		lp_strv_push(&w->dirs, p);
	}
	free(p);
	return rc;
}

int
lp_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/*
 * Copy src to dst, a path that must not exist: through a temporary file
 * beside dst, flushed, then linked into place (link refuses to replace
 * anything), so that dst is never seen half written.
 */
static int
copy_file(const char *src, const char *dst)
{
	const char *slash = strrchr(dst, '/');
	char *tmp = lp_xasprintf("%.*s/.%s.lp-tmp-XXXXXX", (int)(slash - dst), dst, slash + 1);
	char buf[65536];
	int in = -1, out = -1, rc = -1;
	mode_t mask;
	ssize_t n;

	if ((in = open(src, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0) {
		lp_error("cannot read %s: %s", src, strerror(errno));
		goto out;
	}
	if ((out = mkostemp(tmp, O_CLOEXEC)) < 0) {
		lp_error("cannot write %s: %s", dst, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	while ((n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			lp_error("cannot read %s: %s", src, strerror(errno));
			goto out;
		}
		if (lp_write_all(out, buf, (size_t)n) < 0) {
			lp_error("cannot write %s: %s", dst, strerror(errno));
			goto out;
		}
	}
	mask = umask(022);
	umask(mask);
	if (fchmod(out, 0644 & ~mask) < 0 || fsync(out) < 0 || close(out) < 0) {
		out = -1;
		lp_error("cannot write %s: %s", dst, strerror(errno));
		goto out;
	}
	out = -1;
	if (link(tmp, dst) < 0) {
		lp_error("cannot write %s: %s", dst, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	if (tmp)
		unlink(tmp);
	free(tmp);
	return rc;
}

/*
 * The item as it will be stored, checked by the loader's own rules: a
 * failure here is a bug in this program, never the user's input.
 */
int
lp_item_text(const struct lp_item *it, struct lp_buf *out)
{
	char *rel = lp_xasprintf("evidence/%s.md", it->id);
	struct lp_evidence e;
	struct lp_doc doc;
	int rc;

	lp_doc_format(&it->doc, out);
	rc = lp_doc_parse(&doc, rel, lp_buf_str(out), out->len);
	if (rc == 0) {
		rc = lp_evidence_from_doc(&e, rel, &doc);
		lp_evidence_free(&e);
		lp_doc_free(&doc);
	}
	if (rc < 0)
		lp_error("%s: internal error: the item would not read back; nothing was written", rel);
	free(rel);
	return rc;
}

/* Write every item and its copies; on failure take everything back. */
int
lp_items_write(const char *root, struct lp_item *items, size_t n, struct lp_written *w)
{
	int need_attachments = 0;

	for (size_t i = 0; i < n; i++)
		if (items[i].copy_from.n)
			need_attachments = 1;
	if (ensure_dir(root, "evidence", w) < 0 ||
	    (need_attachments && ensure_dir(root, "attachments", w) < 0))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		struct lp_item *it = &items[i];
		struct lp_buf text = {0};
		char *rel, *path;
		int rc;

		for (size_t k = 0; k < it->copy_from.n; k++) {
			path = lp_path_join(root, it->copy_to.v[k]);
			rc = copy_file(it->copy_from.v[k], path);
			free(path);
			if (rc < 0)
				goto fail;
			lp_written_add(w, root, it->copy_to.v[k]);
		}
		if (lp_item_text(it, &text) < 0) {
			lp_buf_free(&text);
			goto fail;
		}
		rel = lp_xasprintf("evidence/%s.md", it->id);
		path = lp_path_join(root, rel);
		rc = lp_file_write(path, lp_buf_str(&text), text.len, 0644);
		if (rc == 0)
			lp_written_add(w, root, rel);
		free(path);
		free(rel);
		lp_buf_free(&text);
		if (rc < 0)
			goto fail;
	}
	return 0;
fail:
	lp_written_undo(w);
	return -1;
}

/* The portfolio to write: found, locked, and its portfolio.md valid. */
int
lp_evidence_open_for_writing(const struct lp_ctx *ctx, char **root, struct lp_lock **lock, int *rootfd)
{
	struct lp_portfolio p;

	*root = NULL;
	*lock = NULL;
	*rootfd = -1;
	if (lp_portfolio_find(ctx->dir, root) < 0)
		return -1;
	if (lp_lock_take(*root, lock) < 0)
		return -1;
	if (lp_portfolio_open(ctx, *root, 0, &p) < 0) {
		lp_portfolio_free(&p);
		return -1;
	}
	lp_portfolio_free(&p);
	if ((*rootfd = open(*root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		lp_error("%s: %s", *root, strerror(errno));
		return -1;
	}
	return 0;
}

void
lp_evidence_close_for_writing(char *root, struct lp_lock *lock, int rootfd)
{
	if (rootfd >= 0)
		close(rootfd);
	lp_lock_release(lock);
	free(root);
}

/*
 * Under the lock, the copies planned for the template get their final
 * names (another writer may have taken one meanwhile); a planned copy
 * whose path the user removed from attachments is dropped.
 */
void
lp_item_replan_copies(struct lp_item *it, const char *root, const struct lp_strv *from,
    const struct lp_strv *to)
{
	struct lp_strv words = {0}, taken = {0};
	int renamed = 0;

	lp_item_words(it, "attachments", 0, &words);
	for (size_t i = 0; i < to->n; i++) {
		int at = lp_strv_find(&words, to->v[i]);
		char *rel, *base;

		if (at < 0)
			continue;
		/* The name as the source has it, before any -N was added. */
		base = strrchr(from->v[i], '/') ? lp_xstrdup(strrchr(from->v[i], '/') + 1) :
		    lp_xstrdup(from->v[i]);
		rel = lp_path_unused(root, to->v[i]) && lp_strv_find(&taken, to->v[i]) < 0 ?
		    lp_xstrdup(to->v[i]) : lp_attachment_name(root, base, &taken);
		if (strcmp(rel, words.v[at]) != 0) {
			free(words.v[at]);
			words.v[at] = lp_xstrdup(rel);
			renamed = 1;
		}
		lp_strv_push(&taken, rel);
		lp_strv_push(&it->copy_from, from->v[i]);
		lp_strv_push(&it->copy_to, rel);
		free(rel);
		free(base);
	}
	if (renamed)
		lp_doc_set_list(&it->doc, "attachments", words.v, words.n);
	lp_strv_free(&words);
	lp_strv_free(&taken);
}

int
lp_items_store(const struct lp_ctx *ctx, const char *root, int rootfd,
    struct lp_item *items, size_t n, int import, int dry_run)
{
	struct lp_strv taken = {0};
	struct lp_written w = {0};
	char *message = NULL;
	int bad = 0, rc = -1;

	for (size_t i = 0; i < n; i++)
		if (lp_item_check(&items[i], rootfd, ctx->today) < 0)
			bad = 1;
	if (bad)
		goto out;
	for (size_t i = 0; i < n; i++)
		lp_item_name(&items[i], root, &taken);
	if (dry_run) {
		/* Formatting proves that each item would read back. */
		for (size_t i = 0; i < n; i++) {
			struct lp_buf text = {0};

			bad |= lp_item_text(&items[i], &text) < 0;
			lp_buf_free(&text);
		}
		rc = bad ? -1 : 0;
		goto out;
	}
	if (n > 0) {
		if (lp_items_write(root, items, n, &w) < 0)
			goto out;
		if (!import)
			message = lp_xasprintf("evidence: add %s", items[0].id);
		else
			message = lp_xasprintf("evidence: import %zu item%s", n, n == 1 ? "" : "s");
		if (lp_portfolio_commit(ctx, root, w.rel.v, w.rel.n, message) < 0) {
			lp_written_undo(&w);
			lp_error("nothing was added");
			goto out;
		}
	}
	rc = 0;
out:
	free(message);
	lp_strv_free(&taken);
	lp_written_free(&w);
	return rc;
}
