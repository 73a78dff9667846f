/*
 * lp-evidence - the evidence items of a Lead Practitioner portfolio.
 *
 *   add      write one item, from options, from a file, or in an editor
 *   import   many items from rows, all or nothing, in one commit
 *   list     the items of a portfolio or a cohort, filtered
 *   show     one item as stored, or as a row
 *   check    every item and attachment valid; exit 1 on findings
 *   matrix   standards by reach: the counts behind each evidence level
 *
 * A new item is built as a front matter document and checked key by key,
 * with messages that name where each value came from (an option, a line
 * of the input rows, a line of the edited file).  Only when every item is
 * good is anything written, and each one is formatted and parsed back
 * through the loader that `check` uses before it is, so that lp never
 * writes an item it would later reject.  A failure after the first write
 * removes what was written: an add or an import happens whole or not at
 * all.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "lp.h"

/* The narrative of an item written without one: plainly a gap to fill. */
static const char placeholder[] =
    "(To be written: what was done, with whom, and what changed for "
    "colleagues and their learners.)\n";

/* The body of the editor's template: what a narrative should cover. */
static const char template_hints[] =
    "Replace these lines with the story of the activity.\n"
    "\n"
    "What did you do, and why? Which colleagues took part, and what do they\n"
    "now do differently? What changed for their learners, and how do you\n"
    "know: observations, pupils' work, data, what colleagues told you?\n"
    "\n"
    "In the keys above: standards is a list such as [LP5, LP6]; reach is\n"
    "colleague, team, institution or beyond; colleagues is a number;\n"
    "attachments lists files in the portfolio, such as\n"
    "[attachments/slides.pdf].\n";

#define SLUG_MAX	50

/* This program's own options (lib/cli stores them here). */
struct opts {
	const char *title, *standards, *reach, *date, *type, *colleagues, *where;
	struct lp_strv attach;
	int dry_run;
	const char *standard, *since, *until;
};

/* ------------------------------------------------------------------ */
/* Small text helpers                                                   */

/* A control character (a line break among them) anywhere in s. */
static int
has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* s without blanks at either end; caller frees. */
static char *
trimmed(const char *s)
{
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return lp_xstrndup(s, n);
}

/* Split s at commas and blanks into sv (empty pieces dropped). */
static void
split_words(const char *s, struct lp_strv *sv)
{
	while (*s) {
		size_t n = strcspn(s, ", \t");

		if (n)
			lp_strv_pushn(sv, s, n);
		s += n;
		s += strspn(s, ", \t");
	}
}

static int
is_ascii_alnum(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/*
 * Non-ASCII characters that separate words (spaces, dashes, quotes,
 * punctuation and symbols) and so become '-' in a slug, as ASCII
 * punctuation does; other non-ASCII characters, letters above all, are
 * left out.
 */
static int
is_separator(unsigned long cp)
{
	return (cp >= 0x80 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7 ||
	    (cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f);
}

/* The code point of the UTF-8 sequence at p (valid text); *len its length. */
static unsigned long
utf8_decode(const unsigned char *p, size_t *len)
{
	if (p[0] < 0xe0) {
		*len = 2;
		return (p[0] & 0x1fUL) << 6 | (p[1] & 0x3f);
	}
	if (p[0] < 0xf0) {
		*len = 3;
		return (p[0] & 0x0fUL) << 12 | (p[1] & 0x3fUL) << 6 | (p[2] & 0x3f);
	}
	*len = 4;
	return (p[0] & 0x07UL) << 18 | (p[1] & 0x3fUL) << 12 |
	    (p[2] & 0x3fUL) << 6 | (p[3] & 0x3f);
}

/*
 * The slug of a title, for the file name: lower-case ASCII letters and
 * digits, every other run of characters one '-', trimmed, at most
 * SLUG_MAX bytes, cut at a dash when one falls in the last third.
 */
static char *
slugify(const char *title)
{
	const unsigned char *p = (const unsigned char *)title;
	struct lp_buf b = {0};
	int dash = 0;

	while (*p) {
		size_t len = 1;

		if (is_ascii_alnum(*p)) {
			if (dash && b.len)
				lp_buf_addc(&b, '-');
			dash = 0;
			lp_buf_addc(&b, (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p));
		} else if (*p < 0x80) {
			dash = 1;
		} else if (is_separator(utf8_decode(p, &len))) {
			dash = 1;
		}
		p += len;
	}
	if (b.len > SLUG_MAX) {
		size_t cut = SLUG_MAX;

		for (size_t i = SLUG_MAX; i > SLUG_MAX * 2 / 3; i--)
			if (b.data[i] == '-') {
				cut = i;
				break;
			}
		b.len = cut;
		b.data[cut] = '\0';
	}
	while (b.len > 0 && b.data[b.len - 1] == '-')
		b.data[--b.len] = '\0';
	if (b.len == 0)
		lp_buf_adds(&b, "item");
	return lp_buf_detach(&b);
}

/* The line (1-based) of byte offset off in text. */
static long
line_of(const char *text, size_t off)
{
	long line = 1;

	for (size_t i = 0; i < off; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

/* Text read from a file: no NUL bytes, valid UTF-8.  0 or -1 with a diagnostic. */
static int
check_text_file(const char *name, const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len);
	size_t bad;

	if (nul) {
		lp_errorat(name, line_of(text, (size_t)(nul - text)), "NUL byte: expected text");
		return -1;
	}
	if ((bad = lp_utf8_invalid_at(text, len)) < len) {
		lp_errorat(name, line_of(text, bad), "invalid UTF-8: expected UTF-8 text");
		return -1;
	}
	return 0;
}

static char *
path_join(const char *dir, const char *name)
{
	if (strcmp(dir, ".") == 0)
		return lp_xstrdup(name);
	return lp_xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
}

/* ------------------------------------------------------------------ */
/* A new item: its document, where its values came from, what to copy   */

struct item {
	struct lp_doc doc;	/* keys in the order they will be written, and the body */
	const char *src;	/* file that named the values, for diagnostics; NULL for options */
	long line;		/* the input row's line; 0 when each key has its own */
	int from_options;	/* name keys by their options in messages */
	int split_lists;	/* a scalar attachments value holds several paths */
	struct lp_strv copy_from;	/* attachments to copy into the portfolio */
	struct lp_strv copy_to;		/* their paths there, as listed in the item */
	char *id;		/* DATE-slug[-N], once named */
	lp_date date;
};

static void
item_free(struct item *it)
{
	lp_doc_free(&it->doc);
	lp_strv_free(&it->copy_from);
	lp_strv_free(&it->copy_to);
	free(it->id);
	memset(it, 0, sizeof *it);
}

/* Keys in the order a new item gets them. */
static const char *const item_keys[] = {
	"title", "date", "standards", "reach", "type", "colleagues", "where", "attachments"
};

static const char *
key_label(const struct item *it, const char *key)
{
	static const struct { const char *key, *opt; } opts[] = {
		{ "title", "--title" }, { "date", "--date" },
		{ "standards", "--standards" }, { "reach", "--reach" },
		{ "type", "--type" }, { "colleagues", "--colleagues" },
		{ "where", "--where" }, { "attachments", "--attach" },
	};

	if (it->from_options)
		for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
			if (strcmp(opts[i].key, key) == 0)
				return opts[i].opt;
	return key;
}

/*
 * "FILE:LINE: key: message": the row's line for input rows, the key's
 * own line in a document (line 1 when it is missing, as the loader
 * says), nothing for options.
 */
static void
item_error(const struct item *it, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
item_error(const struct item *it, const char *key, const char *fmt, ...)
{
	const struct lp_field *f = lp_doc_field(&it->doc, key);
	char *msg;
	long line = it->line;
	va_list ap;

	if (!line && it->src && !it->from_options)
		line = f && f->line ? f->line : 1;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		lp_die("out of memory");
	va_end(ap);
	lp_errorat(it->src, line, "%s: %s", key_label(it, key), msg);
	free(msg);
}

/*
 * The value of a one-line key, trimmed, or NULL when it is absent or
 * empty.  A list, or a value with a line break, is an error.
 */
static int
item_scalar(const struct item *it, const char *key, char **out)
{
	const struct lp_field *f = lp_doc_field(&it->doc, key);

	*out = NULL;
	if (!f)
		return 0;
	if (!f->value) {
		item_error(it, key, "expected one value, not a list");
		return -1;
	}
	if (has_control(f->value)) {
		item_error(it, key, "expected one line of text");
		return -1;
	}
	*out = trimmed(f->value);
	if (!**out) {
		free(*out);
		*out = NULL;
	}
	return 0;
}

/* The words of a key that may be a list or one value of words. */
static void
item_words(const struct item *it, const char *key, int split, struct lp_strv *words)
{
	const struct lp_field *f = lp_doc_field(&it->doc, key);

	if (!f)
		return;
	if (f->value) {
		if (split)
			split_words(f->value, words);
		else if (*f->value)
			lp_strv_push(words, f->value);
		return;
	}
	for (size_t i = 0; i < f->list.n; i++) {
		if (split)
			split_words(f->list.v[i], words);
		else if (*f->list.v[i])
			lp_strv_push(words, f->list.v[i]);
	}
}

static int
check_title(struct item *it)
{
	char *v;

	if (item_scalar(it, "title", &v) < 0)
		return -1;
	if (!v) {
		item_error(it, "title", "missing: expected what the activity was");
		return -1;
	}
	lp_doc_set(&it->doc, "title", v);
	free(v);
	return 0;
}

static int
check_date(struct item *it, lp_date today)
{
	char *v, d[11];

	if (item_scalar(it, "date", &v) < 0)
		return -1;
	if (!v) {
		it->date = today;
	} else if (lp_date_parse(v, &it->date) < 0) {
		item_error(it, "date", "expected a date YYYY-MM-DD, got '%s'", v);
		free(v);
		return -1;
	}
	free(v);
	lp_date_format(it->date, d);
	lp_doc_set(&it->doc, "date", d);
	return 0;
}

static int
check_standards(struct item *it)
{
	struct lp_strv words = {0}, ids = {0};
	unsigned bits = 0;
	int rc = -1;

	item_words(it, "standards", 1, &words);
	if (words.n == 0) {
		item_error(it, "standards", "missing: expected one or more of LP1..LP10");
		goto out;
	}
	for (size_t i = 0; i < words.n; i++) {
		int k = lp_standard_parse(words.v[i]);

		if (k < 0) {
			item_error(it, "standards", "expected LP1..LP10, got '%s'", words.v[i]);
			goto out;
		}
		bits |= 1u << k;
	}
	for (int k = 0; k < LP_NSTANDARDS; k++)
		if (bits & (1u << k))
			lp_strv_push(&ids, lp_standard_id(k));
	lp_doc_set_list(&it->doc, "standards", ids.v, ids.n);
	rc = 0;
out:
	lp_strv_free(&words);
	lp_strv_free(&ids);
	return rc;
}

static int
check_reach(struct item *it)
{
	char *v;
	int r;

	if (item_scalar(it, "reach", &v) < 0)
		return -1;
	if (!v) {
		item_error(it, "reach", "missing: expected colleague, team, institution or beyond");
		return -1;
	}
	if ((r = lp_reach_parse(v)) < 0) {
		item_error(it, "reach", "expected colleague, team, institution or beyond, got '%s'", v);
		free(v);
		return -1;
	}
	free(v);
	lp_doc_set(&it->doc, "reach", lp_reach_name(r));
	return 0;
}

/* type and where: optional one-line text. */
static int
check_optional_text(struct item *it, const char *key)
{
	char *v;

	if (item_scalar(it, key, &v) < 0)
		return -1;
	if (v)
		lp_doc_set(&it->doc, key, v);
	else
		lp_doc_unset(&it->doc, key);
	free(v);
	return 0;
}

static int
check_colleagues(struct item *it)
{
	char *v, n[24];
	long count;

	if (item_scalar(it, "colleagues", &v) < 0)
		return -1;
	if (!v) {
		lp_doc_unset(&it->doc, "colleagues");
		return 0;
	}
	/* The loader's own rule, so that what is written reads back. */
	if ((count = lp_parse_count(v)) < 0) {
		item_error(it, "colleagues", "expected a count (a whole number), got '%s'", v);
		free(v);
		return -1;
	}
	free(v);
	snprintf(n, sizeof n, "%ld", count);
	lp_doc_set(&it->doc, "colleagues", n);
	return 0;
}

/* One attachment path already in the portfolio: inside it, a file. */
static int
check_attachment_file(const struct item *it, int rootfd, const char *path)
{
	const char *why;
	struct stat st;
	int fd, rc = 0;

	if (lp_relpath_check(path, &why) < 0) {
		item_error(it, "attachments", "'%s' %s: expected a path inside the portfolio, such as attachments/%s",
		    path, why, "slides.pdf");
		return -1;
	}
	fd = lp_open_beneath(rootfd, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			item_error(it, "attachments", "'%s': no such file in the portfolio%s", path,
			    it->from_options ? "" : " (copy it into attachments/ first)");
		else if (errno == EXDEV || errno == ELOOP)
			item_error(it, "attachments", "'%s' leads outside the portfolio through a symbolic link", path);
		else
			item_error(it, "attachments", "'%s': %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		item_error(it, "attachments", "'%s': expected a file", path);
		rc = -1;
	}
	close(fd);
	return rc;
}

static int
check_attachments(struct item *it, int rootfd)
{
	struct lp_strv words = {0}, keep = {0};
	int bad = 0;

	item_words(it, "attachments", it->split_lists, &words);
	for (size_t i = 0; i < words.n; i++) {
		if (lp_strv_find(&keep, words.v[i]) >= 0)
			continue;
		if (lp_strv_find(&it->copy_to, words.v[i]) < 0 &&
		    check_attachment_file(it, rootfd, words.v[i]) < 0)
			bad = 1;
		lp_strv_push(&keep, words.v[i]);
	}
	if (!bad) {
		if (keep.n)
			lp_doc_set_list(&it->doc, "attachments", keep.v, keep.n);
		else
			lp_doc_unset(&it->doc, "attachments");
	}
	lp_strv_free(&words);
	lp_strv_free(&keep);
	return bad ? -1 : 0;
}

/*
 * Every key of an item, normalised in place: canonical standards, reach
 * and date; empty optional keys dropped; unknown keys left as they are.
 * Each bad key is reported; -1 when any was.
 */
static int
item_check(struct item *it, int rootfd, lp_date today)
{
	int bad = 0;

	bad |= check_title(it) < 0;
	bad |= check_date(it, today) < 0;
	bad |= check_standards(it) < 0;
	bad |= check_reach(it) < 0;
	bad |= check_optional_text(it, "type") < 0;
	bad |= check_colleagues(it) < 0;
	bad |= check_optional_text(it, "where") < 0;
	bad |= check_attachments(it, rootfd) < 0;
	return bad ? -1 : 0;
}

/* The narrative, or the placeholder when there is none; always ending in a newline. */
static void
item_set_body(struct item *it, const char *body, size_t len)
{
	size_t blank = 0;

	while (blank < len && strchr(" \t\r\n", body[blank]))
		blank++;
	if (!body || blank == len) {
		lp_doc_set_body(&it->doc, placeholder, strlen(placeholder));
		return;
	}
	lp_doc_set_body(&it->doc, body, len);
	if (it->doc.body_len == 0 || it->doc.body[it->doc.body_len - 1] != '\n') {
		it->doc.body = lp_xrealloc(it->doc.body, it->doc.body_len + 2);
		it->doc.body[it->doc.body_len++] = '\n';
		it->doc.body[it->doc.body_len] = '\0';
	}
}

/* A new item with every key of item_keys in order, empty where not given. */
static void
item_init(struct item *it, const char *src, long line)
{
	memset(it, 0, sizeof *it);
	it->src = src;
	it->line = line;
	it->date = LP_DATE_NONE;
	for (size_t i = 0; i < sizeof item_keys / sizeof item_keys[0]; i++)
		lp_doc_set(&it->doc, item_keys[i], "");
}

/* ------------------------------------------------------------------ */
/* Names: the item's file, the attachments' copies                      */

/* A path under root that nothing occupies (not even a dangling link). */
static int
path_free(const char *root, const char *rel)
{
	char *p = path_join(root, rel);
	struct stat st;
	int free_ = lstat(p, &st) < 0 && errno == ENOENT;

	free(p);
	return free_;
}

/*
 * Name the item evidence/DATE-slug.md, or DATE-slug-N.md when that is
 * taken on disk or by an item named earlier in this run (taken).
 */
static void
item_name(struct item *it, const char *root, struct lp_strv *taken)
{
	char d[11], *slug = slugify(lp_doc_get(&it->doc, "title"));

	lp_date_format(it->date, d);
	for (int n = 1;; n++) {
		char *id = n == 1 ? lp_xasprintf("%s-%s", d, slug) :
		    lp_xasprintf("%s-%s-%d", d, slug, n);
		char *rel = lp_xasprintf("evidence/%s.md", id);
		int ok = lp_strv_find(taken, id) < 0 && path_free(root, rel);

		free(rel);
		if (ok) {
			it->id = id;
			break;
		}
		free(id);
	}
	lp_strv_push(taken, it->id);
	free(slug);
}

/* attachments/NAME, or NAME-2.ext, NAME-3.ext ... when that is taken. */
static char *
copy_name(const char *root, const char *name, const struct lp_strv *taken)
{
	const char *dot = strrchr(name, '.');
	size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);

	for (int n = 1;; n++) {
		char *rel = n == 1 ? lp_xasprintf("attachments/%s", name) :
		    lp_xasprintf("attachments/%.*s-%d%s", (int)stem, name, n, name + stem);

		if (lp_strv_find(taken, rel) < 0 && path_free(root, rel))
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
static int
plan_attachment(struct item *it, const char *root, const char *src,
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
	if (!*name || !lp_utf8_valid(name, n) || has_control(name)) {
		lp_error("--attach: '%s': expected a file name of UTF-8 text", src);
		free(name);
		return -1;
	}
	rel = copy_name(root, name, taken);
	free(name);
	lp_strv_push(taken, rel);
	lp_strv_push(&it->copy_from, src);
	lp_strv_push(&it->copy_to, rel);
	*listed = rel;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Writing, and undoing a write                                         */

/* What a run has written so far, so that a failure can take it back. */
struct written {
	struct lp_strv files;	/* paths on disk */
	struct lp_strv rel;	/* the same, relative to the portfolio root */
	struct lp_strv dirs;	/* directories this run created */
};

static void
written_undo(struct written *w)
{
	for (size_t i = w->files.n; i-- > 0;)
		unlink(w->files.v[i]);
	for (size_t i = w->dirs.n; i-- > 0;)
		rmdir(w->dirs.v[i]);
}

static void
written_free(struct written *w)
{
	lp_strv_free(&w->files);
	lp_strv_free(&w->rel);
	lp_strv_free(&w->dirs);
}

static void
written_add(struct written *w, const char *root, const char *rel)
{
	char *p = path_join(root, rel);

	lp_strv_push(&w->files, p);
	lp_strv_push(&w->rel, rel);
	free(p);
}

/* root/name as a real directory of the portfolio, made when missing. */
static int
ensure_dir(const char *root, const char *name, struct written *w)
{
	char *p = path_join(root, name);
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

static int
write_all(int fd, const char *p, size_t n)
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
		if (write_all(out, buf, (size_t)n) < 0) {
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
static int
item_text(const struct item *it, struct lp_buf *out)
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
static int
write_items(const char *root, struct item *items, size_t n, struct written *w)
{
	int need_attachments = 0;

	for (size_t i = 0; i < n; i++)
		if (items[i].copy_from.n)
			need_attachments = 1;
	if (ensure_dir(root, "evidence", w) < 0 ||
	    (need_attachments && ensure_dir(root, "attachments", w) < 0))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		struct item *it = &items[i];
		struct lp_buf text = {0};
		char *rel, *path;
		int rc;

		for (size_t k = 0; k < it->copy_from.n; k++) {
			path = path_join(root, it->copy_to.v[k]);
			rc = copy_file(it->copy_from.v[k], path);
			free(path);
			if (rc < 0)
				goto fail;
			written_add(w, root, it->copy_to.v[k]);
		}
		if (item_text(it, &text) < 0) {
			lp_buf_free(&text);
			goto fail;
		}
		rel = lp_xasprintf("evidence/%s.md", it->id);
		path = path_join(root, rel);
		rc = lp_file_write(path, lp_buf_str(&text), text.len, 0644);
		if (rc == 0)
			written_add(w, root, rel);
		free(path);
		free(rel);
		lp_buf_free(&text);
		if (rc < 0)
			goto fail;
	}
	return 0;
fail:
	written_undo(w);
	return -1;
}

/* ------------------------------------------------------------------ */
/* The rows add and import print                                        */

static const struct lp_col made_cols[] = {
	{ "id", LP_COL_STR },
	{ "date", LP_COL_DATE },
	{ "title", LP_COL_STR },
	{ "file", LP_COL_STR },
};

static int
print_made(const struct lp_ctx *ctx, const struct item *items, size_t n)
{
	struct lp_writer *w;

	w = lp_ctx_writer(ctx, made_cols, 4);
	for (size_t i = 0; i < n; i++) {
		char d[11], *file = lp_xasprintf("evidence/%s.md", items[i].id);
		const char *row[4] = { items[i].id, d, lp_doc_get(&items[i].doc, "title"), file };

		lp_date_format(items[i].date, d);
		lp_writer_row(w, row);
		free(file);
	}
	return lp_writer_finish(w);
}

/* ------------------------------------------------------------------ */
/* add and import: the part they share                                  */

/* The portfolio to write: found, locked, and its portfolio.md valid. */
static int
open_for_writing(const struct lp_ctx *ctx, char **root, struct lp_lock **lock, int *rootfd)
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

static void
close_for_writing(char *root, struct lp_lock *lock, int rootfd)
{
	if (rootfd >= 0)
		close(rootfd);
	lp_lock_release(lock);
	free(root);
}


/*
 * Check and name the items, write them and commit them in one commit,
 * then print what was made.  Nothing is written unless every item is
 * good; with dry_run nothing is written at all.
 */
static int
store_items(const struct lp_ctx *ctx, const char *root, int rootfd,
    struct item *items, size_t n, int import, int dry_run)
{
	struct lp_strv taken = {0};
	struct written w = {0};
	char *message = NULL;
	int bad = 0, rc = LP_EXIT_ERROR;

	for (size_t i = 0; i < n; i++)
		if (item_check(&items[i], rootfd, ctx->today) < 0)
			bad = 1;
	if (bad)
		goto out;
	for (size_t i = 0; i < n; i++)
		item_name(&items[i], root, &taken);
	if (dry_run) {
		/* Formatting proves that each item would read back. */
		for (size_t i = 0; i < n; i++) {
			struct lp_buf text = {0};

			bad |= item_text(&items[i], &text) < 0;
			lp_buf_free(&text);
		}
		if (!bad)
			rc = print_made(ctx, items, n) < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
		goto out;
	}
	if (n > 0) {
		if (write_items(root, items, n, &w) < 0)
			goto out;
		if (!import)
			message = lp_xasprintf("evidence: add %s", items[0].id);
		else
			message = lp_xasprintf("evidence: import %zu item%s", n, n == 1 ? "" : "s");
		if (lp_portfolio_commit(ctx, root, w.rel.v, w.rel.n, message) < 0) {
			written_undo(&w);
			lp_error("nothing was added");
			goto out;
		}
	}
	rc = print_made(ctx, items, n) < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
out:
	free(message);
	lp_strv_free(&taken);
	written_free(&w);
	return rc;
}

/* ------------------------------------------------------------------ */
/* add                                                                  */

/* The body from BODYFILE or standard input ("-"). */
static int
read_body(const char *operand, struct lp_buf *body)
{
	int stdin_ = strcmp(operand, "-") == 0;
	const char *name = stdin_ ? "<stdin>" : operand;
	int rc;

	if (stdin_)
		rc = lp_fd_read(STDIN_FILENO, name, LP_FILE_MAX, body);
	else if ((rc = lp_file_read(operand, LP_FILE_MAX, body)) == 1)
		lp_error("%s: no such file", operand);
	if (rc != 0)
		return -1;
	return check_text_file(name, lp_buf_str(body), body->len);
}

/* Options hold text that goes into a file: it must be UTF-8. */
static int
check_option_text(const struct opts *a)
{
	const char *vals[] = { a->title, a->standards, a->reach, a->date, a->type,
	    a->colleagues, a->where };
	static const char *const names[] = { "--title", "--standards", "--reach",
	    "--date", "--type", "--colleagues", "--where" };

	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
		if (vals[i] && !lp_utf8_valid(vals[i], strlen(vals[i]))) {
			lp_error("%s: expected UTF-8 text", names[i]);
			return -1;
		}
	return 0;
}

/* The keys given as options, set in an item made by item_init. */
static void
item_set_options(struct item *it, const struct opts *a)
{
	const char *vals[] = { a->title, a->date, a->standards, a->reach, a->type,
	    a->colleagues, a->where };

	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
		if (vals[i])
			lp_doc_set(&it->doc, item_keys[i], vals[i]);
}

/* Plan every --attach; list the paths in the item (also when there are none). */
static int
plan_attachments(struct item *it, const char *root, const struct opts *a)
{
	struct lp_strv listed = {0}, taken = {0};
	int bad = 0;

	for (size_t i = 0; i < a->attach.n; i++) {
		char *path;

		if (plan_attachment(it, root, a->attach.v[i], &taken, &path) < 0) {
			bad = 1;
			continue;
		}
		lp_strv_push(&listed, path);
		free(path);
	}
	lp_doc_set_list(&it->doc, "attachments", listed.v, listed.n);
	lp_strv_free(&listed);
	lp_strv_free(&taken);
	return bad ? -1 : 0;
}

static int
add_from_options(const struct lp_ctx *ctx, const struct opts *a)
{
	struct lp_buf body = {0};
	struct lp_lock *lock = NULL;
	struct item it;
	char *root = NULL;
	int rootfd = -1, rc = LP_EXIT_ERROR;

	memset(&it, 0, sizeof it);
	if (ctx->noperands > 1) {
		lp_error("add: expected at most one BODYFILE, got %zu operands", ctx->noperands);
		return LP_EXIT_ERROR;
	}
	if (check_option_text(a) < 0)
		return LP_EXIT_ERROR;
	/* Standard input is read first: the lock is not held while waiting for it. */
	if (ctx->noperands == 1 && read_body(ctx->operands[0], &body) < 0)
		goto out;
	if (open_for_writing(ctx, &root, &lock, &rootfd) < 0)
		goto out;
	item_init(&it, NULL, 0);
	it.from_options = 1;
	item_set_options(&it, a);
	item_set_body(&it, ctx->noperands ? lp_buf_str(&body) : NULL, body.len);
	if (plan_attachments(&it, root, a) < 0)
		goto out;
	rc = store_items(ctx, root, rootfd, &it, 1, 0, 0);
out:
	item_free(&it);
	lp_buf_free(&body);
	close_for_writing(root, lock, rootfd);
	return rc;
}

/*
 * Under the lock, the copies planned for the template get their final
 * names (another writer may have taken one meanwhile); a planned copy
 * whose path the user removed from attachments is dropped.
 */
static void
replan_copies(struct item *it, const char *root, const struct lp_strv *from,
    const struct lp_strv *to)
{
	struct lp_strv words = {0}, taken = {0};
	int renamed = 0;

	item_words(it, "attachments", 0, &words);
	for (size_t i = 0; i < to->n; i++) {
		int at = lp_strv_find(&words, to->v[i]);
		char *rel, *base;

		if (at < 0)
			continue;
		/* The name as the source has it, before any -N was added. */
		base = strrchr(from->v[i], '/') ? lp_xstrdup(strrchr(from->v[i], '/') + 1) :
		    lp_xstrdup(from->v[i]);
		rel = path_free(root, to->v[i]) && lp_strv_find(&taken, to->v[i]) < 0 ?
		    lp_xstrdup(to->v[i]) : copy_name(root, base, &taken);
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
static int
add_from_document(const struct lp_ctx *ctx, const char *path, const struct lp_buf *text,
    const struct lp_strv *from, const struct lp_strv *to, int edited)
{
	struct lp_lock *lock = NULL;
	struct item it;
	char *root = NULL, *body;
	const char *title;
	int rootfd = -1, rc = LP_EXIT_ERROR;

	memset(&it, 0, sizeof it);
	it.src = path;
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
	if (edited && strcmp(body, template_hints) == 0)
		item_set_body(&it, NULL, 0);
	else
		item_set_body(&it, body, strlen(body));
	free(body);
	if (open_for_writing(ctx, &root, &lock, &rootfd) < 0)
		goto fail;
	replan_copies(&it, root, from, to);
	rc = store_items(ctx, root, rootfd, &it, 1, 0, 0);
fail:
	if (rc != LP_EXIT_OK && edited)
		kept_note(path);
	if (rc == LP_EXIT_OK && edited)
		unlink(path);
out:
	item_free(&it);
	close_for_writing(root, lock, rootfd);
	return rc;
}

/* The template: every key, the options given, the date, and hints for the body. */
static void
template_text(const struct lp_ctx *ctx, const struct opts *a, struct item *it,
    struct lp_buf *out)
{
	struct lp_buf b = {0};
	char d[11];
	const char *p;

	if (!a->date) {
		lp_date_format(ctx->today, d);
		lp_doc_set(&it->doc, "date", d);
	}
	if (a->standards) {
		struct lp_strv words = {0};

		split_words(a->standards, &words);
		lp_doc_set_list(&it->doc, "standards", words.v, words.n);
		lp_strv_free(&words);
	} else {
		lp_doc_set_list(&it->doc, "standards", NULL, 0);
	}
	lp_doc_set_body(&it->doc, template_hints, strlen(template_hints));
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
static int
run_editor(const char *path)
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

static int
add_with_editor(const struct lp_ctx *ctx, const struct opts *a)
{
	const char *tmpdir = getenv("TMPDIR");
	struct lp_buf tmpl = {0}, edited = {0};
	struct lp_portfolio p;
	struct item it;
	char *root = NULL, *path = NULL;
	int fd = -1, rc = LP_EXIT_ERROR, keep = 0;

	memset(&it, 0, sizeof it);
	if (check_option_text(a) < 0)
		return LP_EXIT_ERROR;
	/* A bad portfolio is better found before the user has written anything. */
	if (lp_portfolio_find(ctx->dir, &root) < 0)
		goto out;
	rc = lp_portfolio_open(ctx, root, 0, &p);
	lp_portfolio_free(&p);
	if (rc < 0) {
		rc = LP_EXIT_ERROR;
		goto out;
	}
	rc = LP_EXIT_ERROR;
	item_init(&it, NULL, 0);
	item_set_options(&it, a);
	if (plan_attachments(&it, root, a) < 0)
		goto out;
	template_text(ctx, a, &it, &tmpl);

	path = lp_xasprintf("%s/lp-evidence-XXXXXX.md", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if ((fd = mkstemps(path, 3)) < 0) {
		lp_error("cannot create a file for the editor in %s: %s",
		    tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
		free(path);
		path = NULL;
		goto out;
	}
	if (write_all(fd, tmpl.data, tmpl.len) < 0 || close(fd) < 0) {
		fd = -1;
		lp_error("cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (run_editor(path) < 0)
		goto out;
	if (lp_file_read(path, LP_FILE_MAX, &edited) != 0) {
		lp_error("%s: the edited item has gone; nothing was written", path);
		goto out;
	}
	if (edited.len == tmpl.len && memcmp(edited.data, tmpl.data, tmpl.len) == 0) {
		lp_error("aborting: the template was left unchanged; nothing was written");
		goto out;
	}
	keep = 1;	/* from here the file holds the user's work */
	rc = add_from_document(ctx, path, &edited, &it.copy_from, &it.copy_to, 1);
out:
	if (fd >= 0)
		close(fd);
	if (path && !keep)
		unlink(path);
	free(path);
	item_free(&it);
	lp_buf_free(&tmpl);
	lp_buf_free(&edited);
	free(root);
	return rc;
}

static int
cmd_add(struct lp_ctx *ctx, void *arg)
{
	const struct opts *a = arg;
	struct lp_buf text = {0};
	struct lp_strv none = {0};
	int rc;

	if (a->title)
		return add_from_options(ctx, a);
	if (ctx->noperands > 1) {
		lp_error("add: expected at most one ITEM.md, got %zu operands", ctx->noperands);
		return LP_EXIT_ERROR;
	}
	if (ctx->noperands == 1) {
		if (read_body(ctx->operands[0], &text) < 0) {
			lp_buf_free(&text);
			return LP_EXIT_ERROR;
		}
		if (text.len < 3 || memcmp(text.data, "---", 3) != 0) {
			lp_error("add: without --title, %s must be a whole item beginning with a '---' line",
			    ctx->operands[0]);
			lp_buf_free(&text);
			return LP_EXIT_ERROR;
		}
		if (a->attach.n || a->standards || a->reach || a->date || a->type ||
		    a->colleagues || a->where) {
			lp_error("add: with ITEM.md every key comes from the file; "
			    "give no other options of an item");
			rc = LP_EXIT_ERROR;
		} else {
			rc = add_from_document(ctx, strcmp(ctx->operands[0], "-") ?
			    ctx->operands[0] : "<stdin>", &text, &none, &none, 0);
		}
		lp_buf_free(&text);
		return rc;
	}
	/* Under -q standard output is /dev/null (lib/cli): the terminal is stdin's. */
	if (isatty(STDIN_FILENO) && (ctx->quiet || isatty(STDOUT_FILENO)))
		return add_with_editor(ctx, a);
	return lp_usage_error(ctx,
	    "add: --title is needed (or run it on a terminal to write the item in an editor)");
}

/* ------------------------------------------------------------------ */
/* import                                                               */

static const char *const import_cols[] = {
	"title", "date", "standards", "reach", "type", "colleagues", "where",
	"attachments", "body"
};
/* What list and show print beyond the keys: their output imports cleanly. */
static const char *const ignored_cols[] = { "portfolio", "id" };

static int
known_column(const char *name)
{
	for (size_t i = 0; i < sizeof import_cols / sizeof import_cols[0]; i++)
		if (strcmp(name, import_cols[i]) == 0)
			return 1;
	for (size_t i = 0; i < sizeof ignored_cols / sizeof ignored_cols[0]; i++)
		if (strcmp(name, ignored_cols[i]) == 0)
			return 1;
	return 0;
}

/* Columns not yet checked (JSON Lines may add some on any row). */
static int
check_columns(struct lp_reader *r, size_t *checked, long line)
{
	static const char *const required[] = { "title", "standards", "reach" };
	const struct lp_strv *cols = lp_reader_columns(r);
	int csv = lp_reader_format(r) == LP_FMT_CSV, bad = 0;

	if (csv)
		line = 1;
	if (csv && *checked == 0 && cols->n > 0)
		for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
			if (lp_strv_find(cols, required[i]) < 0) {
				lp_errorat(lp_reader_name(r), 1,
				    "missing column '%s' (title, standards and reach are needed)",
				    required[i]);
				bad = 1;
			}
	for (size_t i = *checked; i < cols->n; i++)
		if (!known_column(cols->v[i])) {
			lp_errorat(lp_reader_name(r), line,
			    "unknown column '%s': expected title, date, standards, reach, type, colleagues, where, attachments or body",
			    cols->v[i]);
			bad = 1;
		}
	*checked = cols->n;
	return bad ? -1 : 0;
}

static void
item_from_row(struct item *it, struct lp_reader *r, const struct lp_row *row)
{
	const char *body = lp_row_get(r, row, "body");

	item_init(it, lp_reader_name(r), row->line);
	it->split_lists = 1;
	for (size_t i = 0; i < sizeof item_keys / sizeof item_keys[0]; i++) {
		const char *v = lp_row_get(r, row, item_keys[i]);

		if (v)
			lp_doc_set(&it->doc, item_keys[i], v);
	}
	item_set_body(it, body, body ? strlen(body) : 0);
}

static int
cmd_import(struct lp_ctx *ctx, void *arg)
{
	const struct opts *a = arg;
	const char *name = ctx->noperands ? ctx->operands[0] : "-";
	struct lp_reader *r = NULL;
	const struct lp_row *row;
	struct lp_lock *lock = NULL;
	struct item *items = NULL;
	size_t n = 0, checked = 0;
	FILE *in = stdin;
	char *root = NULL;
	int got, bad = 0, rootfd = -1, rc = LP_EXIT_ERROR;

	if (ctx->noperands > 1) {
		lp_error("import: expected at most one file of rows, got %zu operands", ctx->noperands);
		return LP_EXIT_ERROR;
	}
	if (strcmp(name, "-") != 0 && !(in = fopen(name, "r"))) {
		lp_error("cannot read %s: %s", name, strerror(errno));
		return LP_EXIT_ERROR;
	}
	/* Every row is read before the lock is taken: input may be slow to come. */
	r = lp_reader_new(in, name, 0);
	while ((got = lp_reader_next(r, &row)) == 1) {
		if (check_columns(r, &checked, row->line) < 0)
			bad = 1;
		if (n % 64 == 0)
			items = lp_xreallocarray(items, n + 64, sizeof *items);
		item_from_row(&items[n++], r, row);
	}
	if (got == 0 && check_columns(r, &checked, 1) < 0)
		bad = 1;
	if (got < 0 || bad)
		goto out;
	if (a->dry_run) {
		if (lp_portfolio_find(ctx->dir, &root) < 0)
			goto out;
		if ((rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
			lp_error("%s: %s", root, strerror(errno));
			goto out;
		}
	} else if (open_for_writing(ctx, &root, &lock, &rootfd) < 0) {
		goto out;
	}
	rc = store_items(ctx, root, rootfd, items, n, 1, a->dry_run);
out:
	for (size_t i = 0; i < n; i++)
		item_free(&items[i]);
	free(items);
	close_for_writing(root, lock, rootfd);
	lp_reader_free(r);
	if (in != stdin)
		fclose(in);
	return rc;
}

/* ------------------------------------------------------------------ */
/* list and show                                                        */

static const struct lp_col list_cols[] = {
	{ "portfolio", LP_COL_STR },
	{ "id", LP_COL_STR },
	{ "date", LP_COL_DATE },
	{ "title", LP_COL_STR },
	{ "standards", LP_COL_LIST },
	{ "reach", LP_COL_STR },
	{ "type", LP_COL_STR },
	{ "colleagues", LP_COL_INT },
	{ "body", LP_COL_STR },		/* show only */
};
#define NLIST_COLS 8

/* The cells of an item's row; the strings live in buf and d until the next call. */
static void
evidence_row(const struct lp_portfolio *p, const struct lp_evidence *e,
    const char *row[NLIST_COLS], struct lp_buf *buf, char d[11], char n[24])
{
	lp_buf_reset(buf);
	for (int k = 0; k < LP_NSTANDARDS; k++)
		if (e->standards & (1u << k)) {
			if (buf->len)
				lp_buf_addc(buf, ' ');
			lp_buf_adds(buf, lp_standard_id(k));
		}
	lp_date_format(e->date, d);
	snprintf(n, 24, "%ld", e->colleagues);
	row[0] = p->id;
	row[1] = e->id;
	row[2] = d;
	row[3] = e->title;
	row[4] = lp_buf_str(buf);
	row[5] = lp_reach_name(e->reach);
	row[6] = e->type;
	row[7] = e->colleagues >= 0 ? n : NULL;
}

struct list_state {
	int standard;		/* index, or -1 */
	int reach;		/* rank, or -1 */
	const char *type;
	lp_date since, until;
	struct lp_rowset rows;
};

static int
list_one(struct lp_portfolio *p, void *arg)
{
	struct list_state *st = arg;
	struct lp_buf buf = {0};
	char d[11], n[24];

	for (size_t i = 0; i < p->nev; i++) {
		const struct lp_evidence *e = &p->ev[i];
		const char *row[NLIST_COLS];

		if ((st->standard >= 0 && !(e->standards & (1u << st->standard))) ||
		    (st->reach > 0 && e->reach != st->reach) ||
		    (st->type && strcasecmp(e->type, st->type) != 0) ||
		    (st->since != LP_DATE_NONE && e->date < st->since) ||
		    (st->until != LP_DATE_NONE && e->date > st->until))
			continue;
		evidence_row(p, e, row, &buf, d, n);
		lp_rowset_add(&st->rows, p->id, row);
	}
	lp_buf_free(&buf);
	return 0;
}

static int
parse_date_option(const char *opt, const char *v, lp_date *out)
{
	*out = LP_DATE_NONE;
	if (v && lp_date_parse(v, out) < 0) {
		lp_error("%s: expected a date YYYY-MM-DD, got '%s'", opt, v);
		return -1;
	}
	return 0;
}

static int
cmd_list(struct lp_ctx *ctx, void *arg)
{
	const struct opts *a = arg;
	struct list_state st = { .standard = -1, .reach = -1, .type = a->type };
	struct lp_writer *w;
	int rc;

	if (a->standard && (st.standard = lp_standard_parse(a->standard)) < 0) {
		lp_error("--standard: expected LP1..LP10, got '%s'", a->standard);
		return LP_EXIT_ERROR;
	}
	if (a->reach && (st.reach = lp_reach_parse(a->reach)) < 0) {
		lp_error("--reach: expected colleague, team, institution or beyond, got '%s'", a->reach);
		return LP_EXIT_ERROR;
	}
	if (parse_date_option("--since", a->since, &st.since) < 0 ||
	    parse_date_option("--until", a->until, &st.until) < 0)
		return LP_EXIT_ERROR;
	lp_rowset_init(&st.rows, NLIST_COLS);
	rc = lp_cohort_each(ctx, ctx->operands, ctx->noperands, LP_LOAD_EVIDENCE, list_one, &st);
	lp_rowset_sort(&st.rows);
	w = lp_ctx_writer(ctx, list_cols, NLIST_COLS);
	lp_rowset_write(&st.rows, w);
	if (lp_writer_finish(w) < 0)
		rc = -1;
	lp_rowset_free(&st.rows);
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/*
 * The item an id names: its file's stem exactly, or else the one stem
 * that starts with it.  "evidence/" before it and ".md" after it are
 * allowed, so that a path completed by the shell works.
 */
static int
find_item(const struct lp_strv *names, const char *label, const char *arg, char **out)
{
	struct lp_strv hits = {0};
	const char *want = arg;
	size_t n;
	int rc = -1;

	*out = NULL;
	if (strncmp(want, "./", 2) == 0)
		want += 2;
	if (strncmp(want, "evidence/", 9) == 0)
		want += 9;
	n = strlen(want);
	if (n > 3 && strcmp(want + n - 3, ".md") == 0)
		n -= 3;
	for (size_t i = 0; n > 0 && i < names->n; i++) {
		const char *s = names->v[i];
		size_t len = strlen(s);

		if (s[0] == '.' || len < 4 || strcmp(s + len - 3, ".md") != 0)
			continue;
		if (len - 3 == n && strncmp(s, want, n) == 0) {
			lp_strv_free(&hits);
			lp_strv_pushn(&hits, s, len - 3);
			break;
		}
		if (len - 3 > n && strncmp(s, want, n) == 0)
			lp_strv_pushn(&hits, s, len - 3);
	}
	if (hits.n == 1) {
		*out = lp_xstrdup(hits.v[0]);
		rc = 0;
	} else if (hits.n == 0) {
		lp_error("%s: no evidence item '%s'", label, arg);
	} else {
		struct lp_buf b = {0};

		for (size_t i = 0; i < hits.n; i++)
			lp_buf_addf(&b, "%s%s", i ? ", " : "", hits.v[i]);
		lp_error("%s: '%s' could be any of %s", label, arg, lp_buf_str(&b));
		lp_buf_free(&b);
	}
	lp_strv_free(&hits);
	return rc;
}

static int
show_item(const struct lp_ctx *ctx, const struct lp_portfolio *p, const char *id)
{
	char *rel = lp_xasprintf("evidence/%s.md", id), *path = lp_tree_path(p->tree, rel);
	struct lp_buf text = {0}, buf = {0};
	struct lp_evidence e;
	struct lp_doc doc;
	int rc = LP_EXIT_ERROR;

	memset(&e, 0, sizeof e);
	if (lp_tree_read(p->tree, rel, &text) != 0) {
		lp_error("%s: cannot read the item", path);
		goto out;
	}
	if (lp_doc_parse(&doc, path, lp_buf_str(&text), text.len) < 0)
		goto out;
	if (lp_evidence_from_doc(&e, rel, &doc) < 0) {
		lp_doc_free(&doc);
		goto out;
	}
	e.doc = doc;
	if (!ctx->format_set) {
		/* As stored: the bytes of the file. */
		fwrite(text.data ? text.data : "", 1, text.len, stdout);
		rc = LP_EXIT_OK;
	} else {
		struct lp_writer *w = lp_ctx_writer(ctx, list_cols, NLIST_COLS + 1);
		const char *row[NLIST_COLS + 1];
		char d[11], n[24];

		evidence_row(p, &e, row, &buf, d, n);
		row[NLIST_COLS] = e.doc.body ? e.doc.body : "";
		lp_writer_row(w, row);
		rc = lp_writer_finish(w) < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
	}
out:
	lp_evidence_free(&e);
	lp_buf_free(&text);
	lp_buf_free(&buf);
	free(path);
	free(rel);
	return rc;
}

static int
cmd_show(struct lp_ctx *ctx, void *unused)
{
	struct lp_portfolio p;
	struct lp_strv names = {0};
	char *dir = NULL, *root = NULL, *id = NULL;
	int rc = LP_EXIT_ERROR, got;

	memset(&p, 0, sizeof p);
	if (ctx->noperands == 2)
		dir = ctx->dir && ctx->operands[1][0] != '/' ?
		    path_join(ctx->dir, ctx->operands[1]) : lp_xstrdup(ctx->operands[1]);
	if (lp_portfolio_find(dir ? dir : ctx->dir, &root) < 0)
		goto out;
	if (lp_portfolio_open(ctx, root, 0, &p) < 0)
		goto out;
	if ((got = lp_tree_list(p.tree, "evidence", &names)) < 0)
		goto out;
	if (find_item(&names, p.label, ctx->operands[0], &id) < 0)
		goto out;
	rc = show_item(ctx, &p, id);
out:
	lp_portfolio_free(&p);
	lp_strv_free(&names);
	free(id);
	free(root);
	free(dir);
	return rc;
}

/* ------------------------------------------------------------------ */
/* check and matrix                                                     */

/*
 * The loader refuses what is malformed; lp_check_evidence adds the
 * warnings.  lp check runs the same check, so each problem is printed
 * once whichever command finds it.  assessment.csv is lp-assess's.
 */
static int
cmd_check(struct lp_ctx *ctx, void *arg)
{
	static const lp_check_fn checks[] = { lp_check_evidence };

	(void)arg;
	return lp_validate(ctx, LP_LOAD_EVIDENCE | LP_LOAD_ATTACHMENTS | LP_LOAD_BODIES,
	    checks, 1);
}

struct matrix_state {
	int min_level;
	long count[LP_NSTANDARDS][LP_NREACH + 1];
	int lowest[LP_NSTANDARDS];
	long below[LP_NSTANDARDS];
	size_t portfolios;
};

static int
matrix_one(struct lp_portfolio *p, void *arg)
{
	struct matrix_state *st = arg;

	for (int i = 0; i < LP_NSTANDARDS; i++) {
		int level = lp_evidence_level(p, i);

		for (size_t k = 0; k < p->nev; k++)
			if (p->ev[k].standards & (1u << i))
				st->count[i][p->ev[k].reach]++;
		if (st->portfolios == 0 || level < st->lowest[i])
			st->lowest[i] = level;
		if (level < st->min_level)
			st->below[i]++;
	}
	st->portfolios++;
	return 0;
}

static const struct lp_col matrix_cols[] = {
	{ "standard", LP_COL_STR },
	{ "colleague", LP_COL_INT },
	{ "team", LP_COL_INT },
	{ "institution", LP_COL_INT },
	{ "beyond", LP_COL_INT },
	{ "total", LP_COL_INT },
	{ "evidence_level", LP_COL_STR },
	{ "below_min", LP_COL_INT },
};
#define NMATRIX_COLS (sizeof matrix_cols / sizeof matrix_cols[0])

static int
cmd_matrix(struct lp_ctx *ctx, void *unused)
{
	struct matrix_state st;
	struct lp_writer *w;
	int rc;

	memset(&st, 0, sizeof st);
	st.min_level = ctx->min_level;
	rc = lp_cohort_each(ctx, ctx->operands, ctx->noperands, LP_LOAD_EVIDENCE, matrix_one, &st);
	w = lp_ctx_writer(ctx, matrix_cols, NMATRIX_COLS);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		char cells[LP_NREACH + 2][24];
		const char *row[NMATRIX_COLS];
		long total = 0;

		row[0] = lp_standard_id(i);
		for (int r = 1; r <= LP_NREACH; r++) {
			snprintf(cells[r], sizeof cells[r], "%ld", st.count[i][r]);
			row[r] = cells[r];
			total += st.count[i][r];
		}
		snprintf(cells[0], sizeof cells[0], "%ld", total);
		row[5] = cells[0];
		row[6] = lp_level_name(st.portfolios ? st.lowest[i] : LP_LEVEL_NONE);
		snprintf(cells[LP_NREACH + 1], sizeof cells[0], "%ld", st.below[i]);
		row[7] = cells[LP_NREACH + 1];
		lp_writer_row(w, row);
	}
	if (lp_writer_finish(w) < 0)
		rc = -1;
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* main                                                                 */

enum { CMD_ADD, CMD_IMPORT, CMD_LIST, CMD_SHOW, CMD_CHECK, CMD_MATRIX };
#define B(c) (1u << (c))
#define WRITERS (B(CMD_ADD) | B(CMD_IMPORT))
#define READERS (B(CMD_LIST) | B(CMD_SHOW) | B(CMD_CHECK) | B(CMD_MATRIX))
#define COHORT (B(CMD_LIST) | B(CMD_CHECK) | B(CMD_MATRIX))

static const struct lp_cli_cmd commands[] = {
	{ "add", "[BODYFILE | ITEM.md | -]",
	    "write one item: from options and a body, from a whole item, or in an editor",
	    0, 1, cmd_add, LP_CLI_V_FILE, 0 },
	{ "import", "[ROWS | -]", "one item per input row, all in one commit",
	    0, 1, cmd_import, LP_CLI_V_FILE, 0 },
	{ "list", "[PORTFOLIO ...]", "the evidence items, filtered",
	    0, -1, cmd_list, LP_CLI_V_DIR, 0 },
	{ "show", "ID [PORTFOLIO]", "one item as stored, or as a row with -o",
	    1, 2, cmd_show, LP_CLI_V_WORDS, 0 },
	{ "check", "[PORTFOLIO ...]", "every evidence item and attachment valid; exit 1 on findings",
	    0, -1, cmd_check, LP_CLI_V_DIR, 0 },
	{ "matrix", "[PORTFOLIO ...]", "standards by reach: the counts behind each evidence level",
	    0, -1, cmd_matrix, LP_CLI_V_DIR, 0 },
};

static const struct lp_cli_opt options[] = {
	LP_CLI_STR(0, "title", "TEXT", "what the activity was",
	    B(CMD_ADD), struct opts, title, LP_CLI_V_NONE),
	LP_CLI_STR(0, "standards", "LIST", "the standards it shows: LP5,LP6",
	    B(CMD_ADD), struct opts, standards, LP_CLI_V_NONE),
	LP_CLI_STR(0, "reach", "REACH", "colleague, team, institution or beyond (list: only those)",
	    B(CMD_ADD) | B(CMD_LIST), struct opts, reach, LP_CLI_V_REACH),
	LP_CLI_STR(0, "date", "DATE", "when it happened (default today)",
	    B(CMD_ADD), struct opts, date, LP_CLI_V_DATE),
	LP_CLI_STR(0, "type", "TYPE", "the kind of activity (list: only that kind)",
	    B(CMD_ADD) | B(CMD_LIST), struct opts, type, LP_CLI_V_NONE),
	LP_CLI_STR(0, "colleagues", "N", "how many colleagues took part",
	    B(CMD_ADD), struct opts, colleagues, LP_CLI_V_NONE),
	LP_CLI_STR(0, "where", "TEXT", "where it happened: \"across the trust\"",
	    B(CMD_ADD), struct opts, where, LP_CLI_V_NONE),
	LP_CLI_LIST(0, "attach", "FILE", "copy FILE into attachments/ and list it (repeatable)",
	    B(CMD_ADD), struct opts, attach, LP_CLI_V_FILE),
	LP_CLI_FLAG(0, "dry-run", "check the rows and print what would be made; write nothing",
	    B(CMD_IMPORT), struct opts, dry_run),
	LP_CLI_STR(0, "standard", "S", "only items that name standard S",
	    B(CMD_LIST), struct opts, standard, LP_CLI_V_STANDARD),
	LP_CLI_STR(0, "since", "DATE", "only items dated on or after DATE",
	    B(CMD_LIST), struct opts, since, LP_CLI_V_DATE),
	LP_CLI_STR(0, "until", "DATE", "only items dated on or before DATE",
	    B(CMD_LIST), struct opts, until, LP_CLI_V_DATE),
	LP_CLI_OPT_MIN(B(CMD_MATRIX)),
	LP_CLI_OPT_AT(READERS),
	LP_CLI_OPT_JOBS(COHORT),
	LP_CLI_OPT_SCHOOL(COHORT),
	LP_CLI_OPT_COHORT(COHORT),
	LP_CLI_OPT_C(LP_CLI_ALL),
	LP_CLI_OPT_O(LP_CLI_ALL),
	LP_CLI_OPT_BOM(LP_CLI_ALL),
	LP_CLI_OPT_RAW(LP_CLI_ALL),
	LP_CLI_OPT_Q(LP_CLI_ALL),
	LP_CLI_OPT_TODAY(LP_CLI_ALL),
	LP_CLI_OPT_NO_COMMIT(WRITERS),
};

static const struct lp_cli_prog prog = {
	"lp-evidence", "The evidence items of a portfolio: add, import, list, show, "
	"check, and the standards by reach matrix.",
	commands, sizeof commands / sizeof commands[0],
	options, sizeof options / sizeof options[0],
	NULL, NULL,
};

int
main(int argc, char **argv)
{
	struct opts o = {0};
	int rc = lp_cli_main(&prog, &o, argc, argv);

	lp_strv_free(&o.attach);
	return rc;
}
