/*
 * docwrite.c - surgical rewrites of front matter documents (SPEC 2.1).
 *
 * lp_doc_format writes a document lp makes from nothing.  A document
 * that exists is someone's: here it is rewritten line by line.  Each key
 * of the old front matter owns its line (and the indented lines of a
 * block list under it); a key whose value changed gets a new line in
 * place, keeping a trailing `# comment`; a key dropped loses its lines;
 * a new key is added before the closing delimiter.  Everything else is
 * copied byte for byte, line endings included.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docwrite.h"

/* One line of the old text: its bytes without the line end, and the end. */
struct line {
	const char *s;
	size_t n;	/* without the line end */
	size_t eol;	/* bytes of the line end: 0, 1 (LF), 2 (CRLF), more (CR...CRLF) */
};

static size_t
split_lines(const char *text, size_t len, struct line **out)
{
	const char *p = text, *end = text + len;
	struct line *v = NULL;
	size_t n = 0, cap = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t k = (size_t)((nl ? nl : end) - p);

		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = lp_xreallocarray(v, cap, sizeof *v);
		}
		v[n].s = p;
		v[n].n = k;
		v[n].eol = nl ? 1 : 0;
		/* The CRs before an LF are the line end, as the parser reads them. */
		while (nl && v[n].n > 0 && p[v[n].n - 1] == '\r') {
			v[n].n--;
			v[n].eol++;
		}
		n++;
		p += k + (nl != NULL);
	}
	*out = v;
	return n;
}

/* "---" or "..." then blanks, as the parser reads a delimiter. */
static int
is_delim(const struct line *l, const char *mark)
{
	if (l->n < 3 || memcmp(l->s, mark, 3) != 0)
		return 0;
	for (size_t i = 3; i < l->n; i++)
		if (l->s[i] != ' ' && l->s[i] != '\t')
			return 0;
	return 1;
}

static int
same_field(const struct lp_field *a, const struct lp_field *b)
{
	if ((a->value == NULL) != (b->value == NULL))
		return 0;
	if (a->value)
		return strcmp(a->value, b->value) == 0;
	if (a->list.n != b->list.n)
		return 0;
	for (size_t i = 0; i < a->list.n; i++)
		if (strcmp(a->list.v[i], b->list.v[i]) != 0)
			return 0;
	return 1;
}

static const struct lp_field *
find_field(const struct lp_doc *doc, const char *key)
{
	for (size_t i = 0; i < doc->nfields; i++)
		if (strcmp(doc->fields[i].key, key) == 0)
			return &doc->fields[i];
	return NULL;
}

/* "key: value" as lp_doc_format writes it, without the line end. */
static void
format_field(const struct lp_field *f, struct lp_buf *out)
{
	struct lp_doc one;
	struct lp_buf b = {0};

	memset(&one, 0, sizeof one);
	if (f->value)
		lp_doc_set(&one, f->key, f->value);
	else
		lp_doc_set_list(&one, f->key, f->list.v, f->list.n);
	lp_doc_format(&one, &b);
	/* "---\n" KEY ": " VALUE "\n---\n" */
	lp_buf_add(out, b.data + 4, b.len - 4 - 5);
	lp_buf_free(&b);
	lp_doc_free(&one);
}

/* Past a quoted scalar that opens at s[i] (" or '); n when it never closes. */
static size_t
skip_quoted(const char *s, size_t n, size_t i)
{
	char q = s[i++];

	while (i < n) {
		if (q == '"' && s[i] == '\\') {
			i += 2;
			continue;
		}
		if (s[i] == q) {
			if (q == '\'' && i + 1 < n && s[i + 1] == '\'') {
				i += 2;
				continue;
			}
			return i + 1;
		}
		i++;
	}
	return n;
}

/*
 * Where the trailing comment of a one-line "key: value  # comment" begins
 * (at the blanks before its '#'), or n when there is none.
 */
static size_t
comment_at(const char *s, size_t n)
{
	size_t i = 0;
	int depth = 0;

	if (n && (s[0] == '"' || s[0] == '\''))
		i = skip_quoted(s, n, 0);
	while (i < n && s[i] != ':')
		i++;
	for (i++; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i < n && (s[i] == '"' || s[i] == '\''))
		i = skip_quoted(s, n, i);
	for (; i < n; i++) {
		if (s[i] == '[' || s[i] == '{')
			depth++;
		else if ((s[i] == ']' || s[i] == '}') && depth > 0)
			depth--;
		else if (depth > 0 && (s[i] == '"' || s[i] == '\''))
			i = skip_quoted(s, n, i) - 1;
		else if (s[i] == '#' && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
			while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
				i--;
			return i;
		}
	}
	return n;
}

/* A blank line, or a comment alone on its line. */
static int
is_note(const struct line *l)
{
	size_t i = 0;

	while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	return i == l->n || l->s[i] == '#';
}

/*
 * The lines a key owns: its own, and those below it up to the next key's
 * line or the closing delimiter (a block list, a value folded over
 * lines), less the blank and comment lines at the end, which stay.
 */
static size_t
field_span(const struct lp_doc *was, const struct line *lines, size_t first, size_t close)
{
	size_t end = close;

	for (size_t k = 0; k < was->nfields; k++) {
		size_t at = (size_t)was->fields[k].line - 1;

		if (was->fields[k].line > 0 && at > first && at < end)
			end = at;
	}
	while (end > first + 1 && is_note(&lines[end - 1]))
		end--;
	return end - first;
}

struct rewrite {
	const struct line *lines;
	const char *eol;	/* the file's line end: "\n" or "\r\n" */
	struct lp_buf *out;
};

static void
put_line(struct rewrite *rw, const struct line *l)
{
	lp_buf_add(rw->out, l->s, l->n + l->eol);
}

/* text with its LF line ends written as the file's. */
static void
put_text(struct rewrite *rw, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			lp_buf_adds(rw->out, rw->eol);
		else
			lp_buf_addc(rw->out, s[i]);
	}
}

/* A changed key's new line, keeping the comment of a one-line value. */
static void
put_changed(struct rewrite *rw, const struct lp_field *f, const struct line *l, size_t span)
{
	size_t c = span == 1 ? comment_at(l->s, l->n) : l->n;

	format_field(f, rw->out);
	lp_buf_add(rw->out, l->s + c, l->n - c);
	lp_buf_adds(rw->out, rw->eol);
}

/*
 * The rewritten text reads back as doc: the same fields, in any order,
 * and the same body.  A hand-made file can hold what this line-wise
 * editing does not foresee; then the caller writes the file whole
 * rather than write something wrong.
 */
static int
reads_back(const struct lp_buf *text, const struct lp_doc *doc)
{
	struct lp_doc back;
	int ok;

	memset(&back, 0, sizeof back);
	if (lp_doc_parse(&back, "rewritten", text->data ? text->data : "", text->len) < 0)
		return 0;
	ok = back.nfields == doc->nfields && back.body_len == doc->body_len &&
	    (doc->body_len == 0 || memcmp(back.body, doc->body, doc->body_len) == 0);
	for (size_t i = 0; ok && i < doc->nfields; i++) {
		const struct lp_field *f = find_field(&back, doc->fields[i].key);

		ok = f && same_field(f, &doc->fields[i]);
	}
	lp_doc_free(&back);
	return ok;
}

int
lp_doc_rewrite(const char *old, size_t oldlen, const struct lp_doc *doc, struct lp_buf *out)
{
	struct lp_findings quiet = {0};
	struct lp_findings *sink = lp_diag_capture(&quiet);
	struct lp_doc was;
	struct line *lines = NULL;
	struct rewrite rw = { .out = out };
	size_t n, close, i;
	int rc = -1;

	memset(&was, 0, sizeof was);
	if (lp_doc_parse(&was, "old", old, oldlen) < 0)
		goto out;
	n = split_lines(old, oldlen, &lines);
	for (close = 1; close < n; close++)
		if (is_delim(&lines[close], "---") || is_delim(&lines[close], "..."))
			break;
	if (n == 0 || close >= n)
		goto out;
	rw.lines = lines;
	rw.eol = lines[0].eol >= 2 ? "\r\n" : "\n";
	put_line(&rw, &lines[0]);
	for (i = 1; i < close;) {
		const struct lp_field *mine = NULL, *theirs;
		size_t span = 1;

		/* Is line i+1 (1-based) the line of a key? */
		for (size_t k = 0; k < was.nfields; k++)
			if (was.fields[k].line == (long)(i + 1))
				mine = &was.fields[k];
		if (!mine) {
			put_line(&rw, &lines[i++]);
			continue;
		}
		span = field_span(&was, lines, i, close);
		theirs = find_field(doc, mine->key);
		if (theirs && same_field(mine, theirs)) {
			for (size_t k = 0; k < span; k++)
				put_line(&rw, &lines[i + k]);
		} else if (theirs) {
			put_changed(&rw, theirs, &lines[i], span);
		}
		i += span;
	}
	for (size_t k = 0; k < doc->nfields; k++) {
		if (find_field(&was, doc->fields[k].key))
			continue;
		/* A new key goes at the indentation of the keys already there. */
		if (was.nfields && was.fields[0].line >= 2 && (size_t)was.fields[0].line <= n) {
			const struct line *first = &lines[was.fields[0].line - 1];

			lp_buf_add(out, first->s, strspn(first->s, " ") < first->n ?
			    strspn(first->s, " ") : 0);
		}
		format_field(&doc->fields[k], out);
		lp_buf_adds(out, rw.eol);
	}
	put_line(&rw, &lines[close]);
	if (doc->body_len == was.body_len &&
	    (was.body_len == 0 || memcmp(doc->body, was.body, was.body_len) == 0)) {
		for (i = close + 1; i < n; i++)
			put_line(&rw, &lines[i]);
	} else if (doc->body) {
		put_text(&rw, doc->body, doc->body_len);
	}
	rc = reads_back(out, doc) ? 0 : -1;
out:
	lp_diag_capture(sink);
	lp_findings_free(&quiet);
	lp_doc_free(&was);
	free(lines);
	return rc;
}

/* What is at root/relpath now: 0 with its bytes, 1 when there is none, -1. */
static int
read_current(const char *root, const char *relpath, struct lp_buf *out)
{
	struct lp_tree *t = NULL;
	int rc;

	if (lp_tree_open_dir(root, &t) < 0)
		return -1;
	rc = lp_tree_read(t, relpath, out);
	lp_tree_free(t);
	return rc;
}

/*
 * The file as it is (*had 0, or 1 when there is none) and as doc makes
 * it: surgically, or whole when it is new or does not parse.  0 or -1.
 */
static int
old_and_new(const char *root, const char *relpath, const struct lp_doc *doc,
    struct lp_buf *before, struct lp_buf *after, int *had)
{
	if ((*had = read_current(root, relpath, before)) < 0)
		return -1;
	if (*had == 1 || lp_doc_rewrite(before->data ? before->data : "", before->len, doc, after) < 0) {
		lp_buf_reset(after);
		lp_doc_format(doc, after);
	}
	return 0;
}

int
lp_portfolio_write_doc(const char *root, const char *relpath, const struct lp_doc *doc)
{
	struct lp_buf before = {0}, after = {0};
	char *path = lp_xasprintf("%s/%s", root, relpath);
	int rc = -1, had;

	if (old_and_new(root, relpath, doc, &before, &after, &had) == 0)
		rc = lp_file_write(path, lp_buf_str(&after), after.len, 0644);
	lp_buf_free(&before);
	lp_buf_free(&after);
	free(path);
	return rc;
}

int
lp_portfolio_save_doc(const struct lp_ctx *ctx, const char *root, const char *relpath,
    const struct lp_doc *doc, const char *message, int *changed)
{
	struct lp_buf before = {0}, after = {0};
	char *paths[1] = { (char *)relpath };
	char *path = lp_xasprintf("%s/%s", root, relpath);
	int rc = -1, had;

	if (changed)
		*changed = 0;
	if (old_and_new(root, relpath, doc, &before, &after, &had) < 0)
		goto out;
	if (had == 0 && before.len == after.len &&
	    (before.len == 0 || memcmp(before.data, after.data, before.len) == 0)) {
		rc = 0;		/* already so: nothing to write or commit */
		goto out;
	}
	if (changed)
		*changed = 1;
	if (lp_portfolio_can_commit(ctx, root) < 0 ||
	    lp_file_write(path, lp_buf_str(&after), after.len, 0644) < 0)
		goto out;
	if (lp_portfolio_commit(ctx, root, paths, 1, message) < 0) {
		/* Put the old file back, so that a retry starts from where we did. */
		if (had == 0)
			lp_file_write(path, lp_buf_str(&before), before.len, 0644);
		else
			unlink(path);
		goto out;
	}
	rc = 0;
out:
	lp_buf_free(&before);
	lp_buf_free(&after);
	free(path);
	return rc;
}
