/*
 * doc.c - Markdown documents with a YAML front matter block.
 *
 * portfolio.md, the evidence items and the case study are Markdown files
 * that open with a "---" block of "key: value" lines, the convention of
 * pandoc, Jekyll and Hugo.  The block is parsed with libyaml's event API,
 * and only the flat shape lp needs is accepted: lower-case keys, each
 * mapped to a scalar or to a list of scalars.  Anything richer (nesting,
 * anchors and aliases, tags, directives, a second document) is an error
 * naming the file and line, so a hostile file can neither expand (the
 * "billion laughs") nor hide structure from the tools.  Values are kept as
 * the text written: 12, 2025-03-12 and true are strings, and each caller
 * decides what they mean.
 *
 * The fields and their writer are doc-fields.c's.
 */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "doc-internal.h"
#include "lp.h"

static const char bom[] = "\xef\xbb\xbf";

/* The front matter being parsed, and how to find a file line in it. */
struct fm {
	const char *path;
	const char *text;	/* the block between the delimiter lines */
	size_t len;
	long first_line;	/* file line of text[0] */
	/*
	 * libyaml marks count characters, not bytes, and count every YAML
	 * line break.  A cursor walks the text forward to turn a mark into a
	 * file line; events arrive in order, so the walk is linear overall.
	 */
	size_t at_char, at_byte;
	long at_line;
	/*
	 * Set when the text has no line break but LF (no NEL, LS or PS):
	 * then libyaml's own line count is the file's, and no walk is needed.
	 */
	int lf_only;
};

static long
line_at(const char *text, size_t off)
{
	long line = 1;
	const char *p = text, *end = text + off;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p++;
	}
	return line;
}

size_t
lp_doc_utf8_step(unsigned char c)
{
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;
}

/* The file line of libyaml's character index into the front matter. */
static long
fm_line(struct fm *m, size_t index)
{
	if (index < m->at_char) {
		m->at_char = m->at_byte = 0;
		m->at_line = 0;
	}
	while (m->at_char < index && m->at_byte < m->len) {
		if (m->text[m->at_byte] == '\n')
			m->at_line++;
		m->at_byte += lp_doc_utf8_step((unsigned char)m->text[m->at_byte]);
		m->at_char++;
	}
	return m->first_line + m->at_line;
}

static size_t
fm_byte(struct fm *m, size_t index)
{
	fm_line(m, index);
	return m->at_byte < m->len ? m->at_byte : m->len;
}

static long
fm_mark_line(struct fm *m, const yaml_mark_t *mark)
{
	if (m->lf_only)
		return m->first_line + (long)mark->line;
	return fm_line(m, mark->index);
}

/* Whether text holds a line break YAML counts and a file line does not. */
static int
has_yaml_only_break(const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while ((p = memchr(p, 0xc2, (size_t)(end - p))) != NULL && ++p < end)
		if ((unsigned char)*p == 0x85)	/* NEL */
			return 1;
	for (p = text; (p = memchr(p, 0xe2, (size_t)(end - p))) != NULL && ++p + 1 < end; )
		if ((unsigned char)p[0] == 0x80 &&
		    ((unsigned char)p[1] == 0xa8 || (unsigned char)p[1] == 0xa9))	/* LS, PS */
			return 1;
	return 0;
}

static const char *
event_name(yaml_event_type_t t)
{
	switch (t) {
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_MAPPING_START_EVENT:
		return "a nested mapping";
	case YAML_SCALAR_EVENT:
		return "a value";
	case YAML_DOCUMENT_START_EVENT:
		return "a second YAML document";
	default:
		return "the end of the block";
	}
}

/* A tag as it was probably written: "!!str" rather than its long form. */
static void
report_tag(struct fm *m, long line, const char *tag)
{
	static const char core[] = "tag:yaml.org,2002:";

	if (strncmp(tag, core, sizeof core - 1) == 0)
		lp_errorat(m->path, line,
		    "tag '!!%s': expected a plain or quoted value without a YAML tag",
		    tag + sizeof core - 1);
	else
		lp_errorat(m->path, line,
		    "tag '%s': expected a plain or quoted value without a YAML tag", tag);
}

static void
report_yaml_error(struct fm *m, const yaml_parser_t *parser)
{
	const yaml_mark_t *mark;
	size_t off;
	long line;
	const char *p;

	if (parser->error == YAML_MEMORY_ERROR)
		lp_die("out of memory");
	if (parser->error == YAML_READER_ERROR) {
		/* The reader counts bytes, and only stops on characters YAML forbids. */
		off = parser->problem_offset < m->len ? parser->problem_offset : m->len;
		lp_errorat(m->path, m->first_line + line_at(m->text, off) - 1,
		    "control character U+%04X: expected printable text (write it as an escape in a double-quoted value)",
		    (unsigned)parser->problem_value);
		return;
	}
	/*
	 * Where libyaml noticed the problem, unless that is the end of the
	 * block (an unclosed quote or bracket): then where the construct began.
	 */
	mark = &parser->problem_mark;
	if (parser->context && fm_byte(m, mark->index) >= m->len)
		mark = &parser->context_mark;
	line = fm_mark_line(m, mark);
	off = fm_byte(m, mark->index);
	/* Back to the start of the problem's line: is it indented with a tab? */
	while (off > 0 && m->text[off - 1] != '\n')
		off--;
	for (p = m->text + off; p < m->text + m->len && (*p == ' ' || *p == '\t'); p++)
		if (*p == '\t') {
			lp_errorat(m->path, line, "tab in indentation: expected spaces");
			return;
		}
	if (parser->problem && strstr(parser->problem, "tab")) {
		lp_errorat(m->path, line, "tab in indentation: expected spaces");
		return;
	}
	if (parser->context)
		lp_errorat(m->path, line, "malformed YAML: %s (%s)",
		    parser->problem ? parser->problem : "error", parser->context);
	else
		lp_errorat(m->path, line, "malformed YAML: %s",
		    parser->problem ? parser->problem : "error");
}

/*
 * The next event, with the checks that hold everywhere: no aliases, no
 * anchors, no explicit tags.  0, or -1 after a diagnostic (ev is then
 * empty and need not be deleted).
 */
static int
next_event(struct fm *m, yaml_parser_t *parser, yaml_event_t *ev)
{
	const char *anchor = NULL, *tag = NULL;
	long line;

	if (!yaml_parser_parse(parser, ev)) {
		report_yaml_error(m, parser);
		return -1;
	}
	line = fm_mark_line(m, &ev->start_mark);
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		lp_errorat(m->path, line,
		    "alias '*%s': expected a plain or quoted value (aliases are not allowed)",
		    (const char *)ev->data.alias.anchor);
		goto fail;
	case YAML_SCALAR_EVENT:
		anchor = (const char *)ev->data.scalar.anchor;
		tag = (const char *)ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = (const char *)ev->data.sequence_start.anchor;
		tag = (const char *)ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = (const char *)ev->data.mapping_start.anchor;
		tag = (const char *)ev->data.mapping_start.tag;
		break;
	default:
		break;
	}
	if (anchor) {
		lp_errorat(m->path, line,
		    "anchor '&%s': expected a plain or quoted value (anchors are not allowed)",
		    anchor);
		goto fail;
	}
	if (tag) {
		report_tag(m, line, tag);
		goto fail;
	}
	return 0;
fail:
	yaml_event_delete(ev);
	return -1;
}

int
lp_doc_is_null_word(const char *s)
{
	switch (*s) {
	case '\0':
		return 1;
	case '~':
		return s[1] == '\0';
	case 'n':
	case 'N':
		return strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
		    strcmp(s, "NULL") == 0;
	default:
		return 0;
	}
}

/*
 * A scalar event's text, taken from it: libyaml allocates an event's
 * text with malloc (yaml_malloc) and frees it with free, so a document
 * can own it instead of a copy, two allocations fewer for every
 * "key: value" line of 150,000 files.  The event no longer holds it, and
 * yaml_event_delete frees the rest.
 */
static char *
take_scalar(yaml_event_t *ev)
{
	char *s = (char *)ev->data.scalar.value;

	ev->data.scalar.value = NULL;
	return s;
}

/*
 * The text of a scalar event: plain nulls become "", and text that a C
 * string cannot hold (a "\0" escape) is refused.
 */
static int
scalar_text(struct fm *m, const yaml_event_t *ev, const char *key, const char **out)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;

	if (memchr(s, '\0', n) || !lp_utf8_valid(s, n)) {
		lp_errorat(m->path, fm_mark_line(m, &ev->start_mark),
		    "%s%s%sNUL or invalid character in value: expected text",
		    key ? "key '" : "", key ? key : "", key ? "': " : "");
		return -1;
	}
	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && lp_doc_is_null_word(s))
		s = "";
	*out = s;
	return 0;
}

static int
check_key(struct fm *m, long line, const char *key)
{
	const char *p;

	if (!*key) {
		lp_errorat(m->path, line, "empty key: expected a name before ':'");
		return -1;
	}
	for (p = key; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			lp_errorat(m->path, line,
			    "key with a line break or control character: expected a name");
			return -1;
		}
	for (p = key; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			break;
	if (*p) {
		char *lower = lp_xstrdup(key);

		for (char *q = lower; *q; q++)
			if (*q >= 'A' && *q <= 'Z')
				*q = (char)(*q - 'A' + 'a');
		lp_errorat(m->path, line, "key '%s' is not lower case: expected '%s'",
		    key, lower);
		free(lower);
		return -1;
	}
	return 0;
}

/* The items of a list, up to its end event. */
static int
parse_list(struct fm *m, yaml_parser_t *parser, struct lp_field *f)
{
	yaml_event_t ev;
	const char *s;

	for (;;) {
		if (next_event(m, parser, &ev) < 0)
			return -1;
		if (ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (ev.type != YAML_SCALAR_EVENT) {
			lp_errorat(m->path, fm_mark_line(m, &ev.start_mark),
			    "key '%s': expected a list of plain or quoted values, found %s inside it",
			    f->key, ev.type == YAML_SEQUENCE_START_EVENT ?
			    "a nested list" : event_name(ev.type));
			yaml_event_delete(&ev);
			return -1;
		}
		if (scalar_text(m, &ev, f->key, &s) < 0) {
			yaml_event_delete(&ev);
			return -1;
		}
		if (s == (const char *)ev.data.scalar.value)
			lp_strv_take(&f->list, take_scalar(&ev));
		else
			lp_strv_push(&f->list, s);
		yaml_event_delete(&ev);
	}
	yaml_event_delete(&ev);
	return 0;
}

/* One key and its value; *done is set at the end of the mapping. */
static int
parse_pair(struct fm *m, yaml_parser_t *parser, struct lp_doc *doc,
    struct lp_keyset *ks, int *done)
{
	yaml_event_t ev;
	struct lp_field *f;
	const char *s;
	long line, first;
	int rc = -1;

	if (next_event(m, parser, &ev) < 0)
		return -1;
	line = fm_mark_line(m, &ev.start_mark);
	if (ev.type == YAML_MAPPING_END_EVENT) {
		*done = 1;
		rc = 0;
		goto out;
	}
	if (ev.type != YAML_SCALAR_EVENT) {
		lp_errorat(m->path, line, "expected a key, found %s", event_name(ev.type));
		goto out;
	}
	s = (const char *)ev.data.scalar.value;
	if (memchr(s, '\0', ev.data.scalar.length)) {
		lp_errorat(m->path, line, "NUL in key: expected a name");
		goto out;
	}
	if (check_key(m, line, s) < 0)
		goto out;
	f = lp_doc_field_take(doc, take_scalar(&ev));
	s = f->key;
	f->line = line;
	if ((first = lp_doc_keyset_add(ks, doc->fields, doc->nfields - 1)) >= 0) {
		lp_errorat(m->path, line,
		    "duplicate key '%s': expected each key once (first at line %ld)",
		    s, doc->fields[first].line);
		goto out;
	}
	yaml_event_delete(&ev);

	if (next_event(m, parser, &ev) < 0)
		return -1;
	switch (ev.type) {
	case YAML_SCALAR_EVENT:
		if (scalar_text(m, &ev, f->key, &s) < 0)
			goto out;
		f->value = s == (const char *)ev.data.scalar.value ? take_scalar(&ev) :
		    lp_xstrdup(s);
		rc = 0;
		break;
	case YAML_SEQUENCE_START_EVENT:
		rc = parse_list(m, parser, f);
		break;
	default:
		lp_errorat(m->path, fm_mark_line(m, &ev.start_mark),
		    "key '%s': expected a value or a list of values, found %s",
		    f->key, event_name(ev.type));
		break;
	}
out:
	yaml_event_delete(&ev);
	return rc;
}

static int
expect_event(struct fm *m, yaml_parser_t *parser, yaml_event_type_t want,
    const char *what)
{
	yaml_event_t ev;
	int rc = 0;

	if (next_event(m, parser, &ev) < 0)
		return -1;
	if (ev.type != want) {
		lp_errorat(m->path, fm_mark_line(m, &ev.start_mark),
		    "expected %s, found %s", what, event_name(ev.type));
		rc = -1;
	}
	yaml_event_delete(&ev);
	return rc;
}

/* The whole stream: nothing at all, or one document holding one mapping. */
static int
parse_stream(struct fm *m, yaml_parser_t *parser, struct lp_doc *doc)
{
	yaml_event_t ev;
	struct lp_keyset ks = {0};
	long line;
	int done = 0, rc = -1;

	if (expect_event(m, parser, YAML_STREAM_START_EVENT, "a YAML stream") < 0)
		return -1;
	if (next_event(m, parser, &ev) < 0)
		return -1;
	if (ev.type == YAML_STREAM_END_EVENT) {	/* blank lines and comments only */
		yaml_event_delete(&ev);
		return 0;
	}
	line = fm_mark_line(m, &ev.start_mark);
	if (ev.data.document_start.version_directive ||
	    ev.data.document_start.tag_directives.start !=
	    ev.data.document_start.tag_directives.end) {
		lp_errorat(m->path, line,
		    "%%YAML or %%TAG directive: expected 'key: value' lines");
		goto out;
	}
	yaml_event_delete(&ev);

	if (next_event(m, parser, &ev) < 0)
		return -1;
	line = fm_mark_line(m, &ev.start_mark);
	if (ev.type == YAML_SCALAR_EVENT &&
	    ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    ev.data.scalar.length == 0) {
		/* An explicit "--- # comment" start with nothing after it. */
	} else if (ev.type != YAML_MAPPING_START_EVENT) {
		lp_errorat(m->path, line, "expected 'key: value' lines, found %s",
		    event_name(ev.type));
		goto out;
	} else {
		while (!done)
			if (parse_pair(m, parser, doc, &ks, &done) < 0)
				goto out;
	}
	yaml_event_delete(&ev);

	if (expect_event(m, parser, YAML_DOCUMENT_END_EVENT, "the end of the block") < 0)
		goto out_ks;
	if (next_event(m, parser, &ev) < 0)
		goto out_ks;
	if (ev.type != YAML_STREAM_END_EVENT) {
		lp_errorat(m->path, fm_mark_line(m, &ev.start_mark),
		    "second YAML document: expected one front matter block");
		goto out;
	}
	rc = 0;
out:
	yaml_event_delete(&ev);
out_ks:
	lp_doc_keyset_free(&ks);
	return rc;
}

/* A delimiter line: exactly `mark` ("---" or "..."), then blanks. */
static int
is_delim(const char *line, size_t n, const char *mark)
{
	if (n < 3 || memcmp(line, mark, 3) != 0)
		return 0;
	for (size_t i = 3; i < n; i++)
		if (line[i] != ' ' && line[i] != '\t')
			return 0;
	return 1;
}

/*
 * Text with every CRLF turned into LF; lines stay where they were.  A run
 * of CRs before an LF goes with it, so that doing this twice changes
 * nothing more than doing it once.
 */
char *
lp_doc_crlf_to_lf(const char *text, size_t len, size_t *outlen)
{
	char *out = lp_xmalloc(len + 1);
	size_t j = 0, k;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r') {
			for (k = i; k < len && text[k] == '\r'; k++)
				;
			if (k == len || text[k] != '\n') {
				memcpy(out + j, text + i, k - i);
				j += k - i;
			}
			i = k - 1;
			continue;
		}
		out[j++] = text[i];
	}
	out[j] = '\0';
	*outlen = j;
	return out;
}

static int
parse_front_matter(struct lp_doc *doc, const char *path, const char *fmtext,
    size_t fmlen, long first_line)
{
	struct fm m = { .path = path, .text = fmtext, .len = fmlen,
	    .first_line = first_line, .lf_only = !has_yaml_only_break(fmtext, fmlen) };
	yaml_parser_t parser;
	const char *cr;
	int rc;

	/* libyaml would take a lone CR as a line break that nothing else sees. */
	if ((cr = memchr(fmtext, '\r', fmlen)) != NULL) {
		lp_errorat(path, first_line + line_at(fmtext, (size_t)(cr - fmtext)) - 1,
		    "lone CR: expected LF or CRLF line ends");
		return -1;
	}
	if (!yaml_parser_initialize(&parser))
		lp_die("out of memory");
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&parser, (const unsigned char *)fmtext, fmlen);
	rc = parse_stream(&m, &parser, doc);
	yaml_parser_delete(&parser);
	return rc;
}

/* Whether text is free of NUL bytes and valid UTF-8; -1 after a diagnostic. */
static int
check_text(const char *path, const char *text, size_t len)
{
	const char *p;
	size_t off;

	if ((p = memchr(text, '\0', len)) != NULL) {
		lp_errorat(path, line_at(text, (size_t)(p - text)), "NUL byte: expected text");
		return -1;
	}
	if ((off = lp_utf8_invalid_at(text, len)) < len) {
		lp_errorat(path, line_at(text, off), "invalid UTF-8: expected UTF-8 text");
		return -1;
	}
	return 0;
}

static int parse_checked(struct lp_doc *doc, const char *text, size_t len);

int
lp_doc_parse(struct lp_doc *doc, const char *path, const char *text, size_t len)
{
	memset(doc, 0, sizeof *doc);
	doc->path = path ? lp_xstrdup(path) : NULL;
	if (!text) {
		text = "";
		len = 0;
	}
	if (check_text(path, text, len) < 0 || parse_checked(doc, text, len) < 0) {
		lp_doc_free(doc);
		return -1;
	}
	return 0;
}

/* The parse of text already checked by check_text, into doc (path set). */
static int
parse_checked(struct lp_doc *doc, const char *text, size_t len)
{
	const char *path = doc->path, *p, *nl, *fm, *end, *body;
	char *norm = NULL;
	size_t n = len;
	long line;
	int rc = -1;

	/* Most files have no CR at all: they are parsed where they lie. */
	if (memchr(text, '\r', len))
		text = norm = lp_doc_crlf_to_lf(text, len, &n);
	p = text;
	end = text + n;
	if (n >= 3 && memcmp(p, bom, 3) == 0)
		p += 3;

	nl = memchr(p, '\n', (size_t)(end - p));
	if (!is_delim(p, (size_t)((nl ? nl : end) - p), "---")) {
		lp_errorat(path, 1, "expected '---' on the first line to open the front matter");
		goto out;
	}
	if (!nl) {
		lp_errorat(path, 1,
		    "unterminated front matter: expected a '---' or '...' line to close it");
		goto out;
	}
	fm = nl + 1;
	line = 2;
	for (p = fm; p < end; p = nl + 1, line++) {
		size_t linelen;

		nl = memchr(p, '\n', (size_t)(end - p));
		linelen = (size_t)((nl ? nl : end) - p);
		if (is_delim(p, linelen, "---") || is_delim(p, linelen, "..."))
			break;
		if (!nl) {
			p = end;
			break;
		}
	}
	if (p >= end) {
		lp_errorat(path, 1,
		    "unterminated front matter: expected a '---' or '...' line to close it");
		goto out;
	}
	if (parse_front_matter(doc, path, fm, (size_t)(p - fm), 2) < 0)
		goto out;

	body = nl ? nl + 1 : end;
	doc->body_line = line + 1;
	doc->body_len = (size_t)(end - body);
	doc->body = lp_xstrndup(body, doc->body_len);
	rc = 0;
out:
	free(norm);
	return rc;
}

/*
 * Where the front matter block of raw text ends (just after its closing
 * delimiter line), or len when it has none: then the full parse reports
 * the problem as it always does.
 */
static size_t
front_matter_end(const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl;
	int first = 1;

	if (len >= 3 && memcmp(p, bom, 3) == 0)
		p += 3;
	for (; p < end; p = nl + 1, first = 0) {
		size_t n;

		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl ? nl : end) - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (!first && (is_delim(p, n, "---") || is_delim(p, n, "...")))
			return nl ? (size_t)(nl + 1 - text) : len;
		if (first && !is_delim(p, n, "---"))
			return len;
		if (!nl)
			break;
	}
	return len;
}

/*
 * The whole file is still checked for NUL bytes and UTF-8, so that every
 * tool rejects a corrupt file alike; only the copy and parse of the body
 * are skipped.
 */
int
lp_doc_parse_head(struct lp_doc *doc, const char *path, const char *text, size_t len)
{
	memset(doc, 0, sizeof *doc);
	doc->path = path ? lp_xstrdup(path) : NULL;
	if (!text) {
		text = "";
		len = 0;
	}
	if (check_text(path, text, len) < 0 ||
	    parse_checked(doc, text, front_matter_end(text, len)) < 0) {
		lp_doc_free(doc);
		return -1;
	}
	return 0;
}
