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

/* How many taken names in a row end the search for a free one. */
#define NAME_TRIES	1000

/* What lstat found where a directory belongs, as a message ends. */
static const char *
kind_of(mode_t m)
{
	if (S_ISREG(m))
		return "found a file";
	if (S_ISFIFO(m))
		return "found a FIFO";
	if (S_ISLNK(m))
		return "not a symbolic link";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "found a device";
	if (S_ISSOCK(m))
		return "found a socket";
	return "found something else";
}

int
lp_portfolio_dir_check(const char *root, const char *name)
{
	char *p = lp_path_join(root, name);
	struct stat st;
	int rc = 0;

	if (lstat(p, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			lp_error("%s: expected a directory inside the portfolio, %s",
			    p, kind_of(st.st_mode));
			rc = -1;
		}
	} else if (errno != ENOENT) {
		lp_error("%s: %s", p, strerror(errno));
		rc = -1;
	}
	free(p);
	return rc;
}

/*
 * 1 when nothing occupies root/rel (not even a dangling link), 0 when
 * something does, -1 (reported) when it cannot be known: a file where a
 * directory belongs must end a search for a free name, not prolong it.
 */
int
lp_path_unused(const char *root, const char *rel)
{
	char *p = lp_path_join(root, rel);
	struct stat st;
	int rc = 0;

	if (lstat(p, &st) == 0)
		rc = 0;
	else if (errno == ENOENT)
		rc = 1;
	else {
		lp_error("%s: %s", p, errno == ENOTDIR ?
		    "a file stands where a directory belongs" : strerror(errno));
		rc = -1;
	}
	free(p);
	return rc;
}

/* ---- the names given in one run ---- */

static size_t
sorted_at(const struct lp_strv *sv, const char *s, int *found)
{
	size_t lo = 0, hi = sv->n;

	*found = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(sv->v[mid], s);

		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
sorted_insert(struct lp_strv *sv, size_t at, const char *s)
{
	lp_strv_push(sv, s);	/* grows the array; then move it into place */
	if (at < sv->n - 1) {
		char *last = sv->v[sv->n - 1];

		memmove(sv->v + at + 1, sv->v + at, (sv->n - 1 - at) * sizeof *sv->v);
		sv->v[at] = last;
	}
}

int
lp_namer_taken(const struct lp_namer *nm, const char *id)
{
	int found;

	sorted_at(&nm->ids, id, &found);
	return found;
}

/* The N to try first for base: one past the last given in this run. */
static int *
namer_next(struct lp_namer *nm, const char *base)
{
	int found;
	size_t at = sorted_at(&nm->bases, base, &found);

	if (!found) {
		sorted_insert(&nm->bases, at, base);
		nm->next = lp_xreallocarray(nm->next, nm->bases.n, sizeof *nm->next);
		memmove(nm->next + at + 1, nm->next + at, (nm->bases.n - 1 - at) * sizeof *nm->next);
		nm->next[at] = 1;
	}
	return &nm->next[at];
}

static void
namer_add(struct lp_namer *nm, const char *id)
{
	int found;
	size_t at = sorted_at(&nm->ids, id, &found);

	if (!found)
		sorted_insert(&nm->ids, at, id);
}

/*
 * The ids of the items already filed, in evidence/ and its subdirectories
 * (SPEC 2.1): a new item must not share one, though its own file goes in
 * evidence/.  Read once, so that a title used thousands of times costs a
 * look-up in memory per name, not a walk of the disk per item.
 */
static int
namer_add_filed(struct lp_namer *nm, const char *root)
{
	struct lp_strv rels = {0};
	struct lp_tree *t = NULL;
	int rc = lp_tree_open_dir(root, &t) < 0 ? -1 : lp_evidence_files(t, &rels);

	for (size_t i = 0; rc == 0 && i < rels.n; i++) {
		const char *base = strrchr(rels.v[i], '/') + 1;
		char *id;

		id = lp_xstrndup(base, strlen(base) - 3);
		namer_add(nm, id);
		free(id);
	}
	lp_strv_free(&rels);
	lp_tree_free(t);
	return rc;
}

void
lp_namer_free(struct lp_namer *nm)
{
	lp_strv_free(&nm->ids);
	lp_strv_free(&nm->bases);
	free(nm->next);
	memset(nm, 0, sizeof *nm);
}

/*
 * Name the item evidence/DATE-slug.md, or DATE-slug-N.md when that is
 * taken on disk or earlier in this run.  Each base remembers the last N
 * it gave, so that many rows with one title cost one look each, not a
 * walk over all the names before them; at most NAME_TRIES names taken on
 * disk in a row are tried.
 */
int
lp_item_name(struct lp_item *it, const char *root, struct lp_namer *nm)
{
	char d[11], *slug = it->slug ? lp_xstrdup(it->slug) : lp_slug(lp_doc_get(&it->doc, "title"));
	char *base;
	int *next, rc = -1;

	lp_date_format(it->date, d);
	base = lp_xasprintf("%s-%s", d, slug);
	next = namer_next(nm, base);
	/* Ids known in nm are skipped in memory; only NAME_TRIES others may be taken. */
	for (int tries = 0; tries < NAME_TRIES && *next < INT_MAX; (*next)++) {
		char *id = *next == 1 ? lp_xstrdup(base) : lp_xasprintf("%s-%d", base, *next);
		char *rel;
		int unused;

		if (lp_namer_taken(nm, id)) {
			free(id);
			continue;
		}
		rel = lp_xasprintf("evidence/%s.md", id);
		unused = lp_path_unused(root, rel);
		free(rel);
		tries++;
		if (unused < 0) {
			free(id);
			goto out;
		}
		if (unused) {
			it->id = id;
			namer_add(nm, id);
			(*next)++;
			rc = 0;
			goto out;
		}
		free(id);
	}
	lp_error("evidence/%s.md: %d names in a row are taken; choose another title or --slug",
	    base, NAME_TRIES);
out:
	free(base);
	free(slug);
	return rc;
}

/* attachments/NAME, or NAME-2.ext, NAME-3.ext ... when that is taken; NULL (reported) when none is free. */
char *
lp_attachment_name(const char *root, const char *name, const struct lp_strv *taken)
{
	const char *dot = strrchr(name, '.');
	size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);

	for (int n = 1; n <= NAME_TRIES; n++) {
		char *rel = n == 1 ? lp_xasprintf("attachments/%s", name) :
		    lp_xasprintf("attachments/%.*s-%d%s", (int)stem, name, n, name + stem);
		int unused = lp_strv_find(taken, rel) >= 0 ? 0 : lp_path_unused(root, rel);

		if (unused > 0)
			return rel;
		free(rel);
		if (unused < 0)
			return NULL;
	}
	lp_error("attachments/%s: %d names in a row are taken", name, NAME_TRIES);
	return NULL;
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
	rel = lp_portfolio_dir_check(root, "attachments") < 0 ? NULL :
	    lp_attachment_name(root, name, taken);
	free(name);
	if (!rel)
		return -1;
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

/*
 * The bytes of a new file in a temporary file beside dst, written but not
 * yet flushed; *tmp gets its path.  flush_and_link puts it in place.
 */
static int
write_temp(const char *dst, const char *data, size_t len, char **tmp)
{
	const char *slash = strrchr(dst, '/');
	mode_t mask;
	int fd;

	*tmp = lp_xasprintf("%.*s/.%s.lp-tmp-XXXXXX", (int)(slash - dst), dst, slash + 1);
	if ((fd = mkostemp(*tmp, O_CLOEXEC)) < 0) {
		lp_error("cannot write %s: %s", dst, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	mask = umask(022);
	umask(mask);
	if (lp_write_all(fd, data, len) < 0 || fchmod(fd, 0644 & ~mask) < 0) {
		lp_error("cannot write %s: %s", dst, strerror(errno));
		close(fd);
		return -1;
	}
	if (close(fd) < 0) {
		lp_error("cannot write %s: %s", dst, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Every temporary file flushed at once (one syncfs, not an fsync per
 * item: an import of thousands of rows would spend minutes under the
 * lock), then linked to its name, which link refuses to replace; so no
 * item's name appears before its bytes are on disk.
 */
static int
flush_and_link(const char *root, const struct lp_strv *tmps, const struct lp_strv *rels,
    struct lp_written *w)
{
	int fd, rc = 0;

	if (tmps->n == 0)
		return 0;
	/* Any descriptor on the file system will do: the first new file's. */
	fd = open(tmps->v[0], O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 || syncfs(fd) < 0) {
		lp_error("%s: cannot flush the new items: %s", root, strerror(errno));
		rc = -1;
	}
	if (fd >= 0)
		close(fd);
	for (size_t i = 0; rc == 0 && i < tmps->n; i++) {
		char *path = lp_path_join(root, rels->v[i]);

		if (link(tmps->v[i], path) < 0) {
			lp_error("cannot write %s: %s", path, strerror(errno));
			rc = -1;
		} else {
			lp_written_add(w, root, rels->v[i]);
		}
		free(path);
	}
	if (rc == 0) {
		char *dir = lp_path_join(root, "evidence");

		if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
			if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS) {
				lp_error("%s: %s", dir, strerror(errno));
				rc = -1;
			}
			close(fd);
		}
		free(dir);
	}
	return rc;
}

/* Write every item and its copies; on failure take everything back. */
int
lp_items_write(const char *root, struct lp_item *items, size_t n, struct lp_written *w)
{
	struct lp_strv tmps = {0}, rels = {0};
	int need_attachments = 0, rc = -1;

	for (size_t i = 0; i < n; i++)
		if (items[i].copy_from.n)
			need_attachments = 1;
	if (ensure_dir(root, "evidence", w) < 0 ||
	    (need_attachments && ensure_dir(root, "attachments", w) < 0))
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct lp_item *it = &items[i];
		struct lp_buf text = {0};
		char *rel, *path, *tmp = NULL;
		int bad;

		for (size_t k = 0; k < it->copy_from.n; k++) {
			path = lp_path_join(root, it->copy_to.v[k]);
			bad = copy_file(it->copy_from.v[k], path) < 0;
			free(path);
			if (bad)
				goto out;
			lp_written_add(w, root, it->copy_to.v[k]);
		}
		if (lp_item_text(it, &text) < 0) {
			lp_buf_free(&text);
			goto out;
		}
		rel = lp_xasprintf("evidence/%s.md", it->id);
		path = lp_path_join(root, rel);
		bad = write_temp(path, lp_buf_str(&text), text.len, &tmp) < 0;
		if (tmp) {
			lp_strv_push(&tmps, tmp);
			lp_strv_push(&rels, rel);
		}
		free(tmp);
		free(path);
		free(rel);
		lp_buf_free(&text);
		if (bad)
			goto out;
	}
	rc = flush_and_link(root, &tmps, &rels, w);
out:
	for (size_t i = 0; i < tmps.n; i++)
		unlink(tmps.v[i]);
	lp_strv_free(&tmps);
	lp_strv_free(&rels);
	if (rc < 0)
		lp_written_undo(w);
	return rc;
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
	if (lp_journal_recover(*root) < 0)
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
int
lp_item_replan_copies(struct lp_item *it, const char *root, const struct lp_strv *from,
    const struct lp_strv *to)
{
	struct lp_strv words = {0}, taken = {0};
	int renamed = 0, rc = 0;

	if (to->n && lp_portfolio_dir_check(root, "attachments") < 0)
		return -1;
	lp_item_words(it, "attachments", 0, &words);
	for (size_t i = 0; i < to->n; i++) {
		int at = lp_strv_find(&words, to->v[i]);
		char *rel, *base;

		if (at < 0)
			continue;
		/* The name as the source has it, before any -N was added. */
		base = strrchr(from->v[i], '/') ? lp_xstrdup(strrchr(from->v[i], '/') + 1) :
		    lp_xstrdup(from->v[i]);
		rel = lp_path_unused(root, to->v[i]) > 0 && lp_strv_find(&taken, to->v[i]) < 0 ?
		    lp_xstrdup(to->v[i]) : lp_attachment_name(root, base, &taken);
		if (!rel) {
			free(base);
			rc = -1;
			break;
		}
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
	return rc;
}

int
lp_items_store(const struct lp_ctx *ctx, const char *root, int rootfd,
    struct lp_item *items, size_t n, int import, int dry_run)
{
	struct lp_namer names = {0};
	struct lp_written w = {0};
	char *message = NULL;
	int bad = 0, rc = -1;

	for (size_t i = 0; i < n; i++)
		if (lp_item_check(&items[i], rootfd, ctx->today) < 0)
			bad = 1;
	if (bad)
		goto out;
	/* A file or FIFO where evidence/ belongs: an error now, not an endless search. */
	if (lp_portfolio_dir_check(root, "evidence") < 0)
		goto out;
	if (namer_add_filed(&names, root) < 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (lp_item_name(&items[i], root, &names) < 0)
			goto out;
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
		struct lp_strv planned = {0};

		/* A kill from here on is undone by the next writer (evidence-journal.c). */
		for (size_t i = 0; i < n; i++) {
			char *rel = lp_xasprintf("evidence/%s.md", items[i].id);

			lp_strv_push(&planned, rel);
			free(rel);
			for (size_t k = 0; k < items[i].copy_to.n; k++)
				lp_strv_push(&planned, items[i].copy_to.v[k]);
		}
		bad = lp_journal_write(root, &planned) < 0;
		lp_strv_free(&planned);
		if (bad)
			goto out;
		if (lp_items_write(root, items, n, &w) < 0) {
			lp_journal_clear(root);
			goto out;
		}
		if (!import)
			message = lp_xasprintf("evidence: add %s", items[0].id);
		else
			message = lp_xasprintf("evidence: import %zu item%s", n, n == 1 ? "" : "s");
		if (lp_portfolio_commit(ctx, root, w.rel.v, w.rel.n, message) < 0) {
			lp_written_undo(&w);
			/* The commit may have staged them: the journal's undo unstages too. */
			lp_journal_recover(root);
			lp_error("nothing was added");
			goto out;
		}
		lp_journal_clear(root);
	}
	rc = 0;
out:
	free(message);
	lp_namer_free(&names);
	lp_written_free(&w);
	return rc;
}
