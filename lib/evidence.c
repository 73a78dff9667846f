/*
 * evidence.c - a new evidence item: its document, where each value came
 * from, and the checks that make it canonical before it is written.
 *
 * An item is built as a front matter document and checked key by key,
 * with messages that name where each value came from (an option, a line
 * of the input rows, a line of the edited file).
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

/* The narrative of an item written without one: plainly a gap to fill. */
static const char placeholder[] =
    "(To be written: what was done, with whom, and what changed for "
    "colleagues and their learners.)\n";

/* The body of the editor's template: what a narrative should cover. */
const char lp_item_template_hints[] =
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

/* A control character (a line break among them) anywhere in s. */
int
lp_has_control(const char *s)
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
void
lp_words_split(const char *s, struct lp_strv *sv)
{
	while (*s) {
		size_t n = strcspn(s, ", \t");

		if (n)
			lp_strv_pushn(sv, s, n);
		s += n;
		s += strspn(s, ", \t");
	}
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
int
lp_text_check(const char *name, const char *text, size_t len)
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

char *
lp_path_join(const char *dir, const char *name)
{
	if (strcmp(dir, ".") == 0)
		return lp_xstrdup(name);
	return lp_xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
}

void
lp_item_free(struct lp_item *it)
{
	lp_doc_free(&it->doc);
	lp_strv_free(&it->copy_from);
	lp_strv_free(&it->copy_to);
	free(it->id);
	memset(it, 0, sizeof *it);
}

/* Keys in the order a new item gets them. */
const char *const lp_item_keys[] = {
	"title", "date", "standards", "reach", "type", "colleagues", "where", "attachments"
};

static const char *
key_label(const struct lp_item *it, const char *key)
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
item_error(const struct lp_item *it, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
item_error(const struct lp_item *it, const char *key, const char *fmt, ...)
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
item_scalar(const struct lp_item *it, const char *key, char **out)
{
	const struct lp_field *f = lp_doc_field(&it->doc, key);

	*out = NULL;
	if (!f)
		return 0;
	if (!f->value) {
		item_error(it, key, "expected one value, not a list");
		return -1;
	}
	if (lp_has_control(f->value)) {
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
void
lp_item_words(const struct lp_item *it, const char *key, int split, struct lp_strv *words)
{
	const struct lp_field *f = lp_doc_field(&it->doc, key);

	if (!f)
		return;
	if (f->value) {
		if (split)
			lp_words_split(f->value, words);
		else if (*f->value)
			lp_strv_push(words, f->value);
		return;
	}
	for (size_t i = 0; i < f->list.n; i++) {
		if (split)
			lp_words_split(f->list.v[i], words);
		else if (*f->list.v[i])
			lp_strv_push(words, f->list.v[i]);
	}
}

static int
check_title(struct lp_item *it)
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
check_date(struct lp_item *it, lp_date today)
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
check_standards(struct lp_item *it)
{
	struct lp_strv words = {0}, ids = {0};
	unsigned bits = 0;
	int rc = -1;

	lp_item_words(it, "standards", 1, &words);
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
check_reach(struct lp_item *it)
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
check_optional_text(struct lp_item *it, const char *key)
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
check_colleagues(struct lp_item *it)
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
check_attachment_file(const struct lp_item *it, int rootfd, const char *path)
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
check_attachments(struct lp_item *it, int rootfd)
{
	struct lp_strv words = {0}, keep = {0};
	int bad = 0;

	lp_item_words(it, "attachments", it->split_lists, &words);
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
int
lp_item_check(struct lp_item *it, int rootfd, lp_date today)
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
void
lp_item_set_body(struct lp_item *it, const char *body, size_t len)
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

/* A new item with every key of lp_item_keys in order, empty where not given. */
void
lp_item_init(struct lp_item *it, const char *src, long line)
{
	memset(it, 0, sizeof *it);
	it->src = src;
	it->line = line;
	it->date = LP_DATE_NONE;
	for (size_t i = 0; i < sizeof lp_item_keys / sizeof lp_item_keys[0]; i++)
		lp_doc_set(&it->doc, lp_item_keys[i], "");
}

/*
 * The item an id names: its file's stem exactly, or else the one stem
 * that starts with it.  "evidence/" before it and ".md" after it are
 * allowed, so that a path completed by the shell works.
 */
int
lp_evidence_find_id(const struct lp_strv *names, const char *label, const char *arg, char **out)
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
