/*
 * casestudy.c - the one reader of case-study.md (SPEC 2.1, 5.5).
 *
 * A case study is a Markdown document with front matter (title, theme,
 * signed-off-by, signed-off-on) and one `##` section for each heading
 * of SPEC 5.5.  The reader finds the sections with cmark (so that a
 * "## " inside a code block is not one), counts each section's words
 * (not counting the template's hint), notes which of LP1..LP10 the body
 * refers to and whether References cites a source.  The checks turn
 * that into findings; lp-reaccredit show prints it as rows.
 *
 * The sections and their hints live in one table, used both to write
 * the template and to recognise a hint nobody has replaced yet.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "casestudy.h"

static const struct section {
	const char *name;
	const char *hint;
} sections[LP_CS_NSECTIONS] = {
	{ "Focus and rationale",
	  "Which school priority did the work serve, and why did you choose this focus?" },
	{ "What was done and how",
	  "Walk through the work: what you did, with which colleagues, in what order, and how it spread." },
	{ "Problems encountered",
	  "Name the obstacles you met on the way and what you did about each of them." },
	{ "Impact",
	  "Show what changed in colleagues' practice and, through them, for learners, and point to the evidence." },
	{ "What was learned",
	  "Reflect on what the work taught you about leading the development of other people." },
	{ "How others could benefit",
	  "Explain how another team or school could take the work up, and what they would need to do so." },
	{ "Less successful elements and continuing challenges",
	  "Be candid about the parts that worked less well and the challenges that remain open." },
	{ "References",
	  "Give each source the work drew on as a list item: author, year in brackets, title, and where to find it." },
};

const char *
lp_cs_section_name(size_t i)
{
	return i < LP_CS_NSECTIONS ? sections[i].name : NULL;
}

const char *
lp_cs_section_hint(size_t i)
{
	return i < LP_CS_NSECTIONS ? sections[i].hint : NULL;
}

/* ---- reading ---- */

/* One line of the body. */
struct line {
	const char *s;
	size_t n;
};

/* The body while it is being read: its lines, and which are hints. */
struct scan {
	struct lp_case_study *cs;
	struct line *lines;
	size_t nlines;
	unsigned char *is_hint;
};

/* s[0..n) without leading and trailing blanks. */
static void
trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'))
		(*n)--;
}

/* "> " and one of the hints, exactly: the template's text, untouched. */
static int
line_is_hint(const char *s, size_t n)
{
	trim(&s, &n);
	if (n < 2 || s[0] != '>' || s[1] != ' ')
		return 0;
	s += 2;
	n -= 2;
	for (size_t i = 0; i < LP_CS_NSECTIONS; i++)
		if (strlen(sections[i].hint) == n && memcmp(sections[i].hint, s, n) == 0)
			return 1;
	return 0;
}

static int
is_word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Words: runs of non-blanks holding a letter or a digit ("-" and "|" are not words). */
static size_t
count_words(const char *s, size_t n)
{
	size_t words = 0;
	int in = 0, letter = 0;

	for (size_t i = 0; i <= n; i++) {
		int blank = i == n || s[i] == ' ' || s[i] == '\t' || s[i] == '\r';

		if (!blank) {
			in = 1;
			letter |= is_word_byte((unsigned char)s[i]);
			continue;
		}
		if (in && letter)
			words++;
		in = letter = 0;
	}
	return words;
}

/*
 * LP1..LP10 written as words: "LP7", "lp7", "(LP7)", "LP7," but not
 * "LP70", "HELP7" or the "LP1" inside "LP10".
 */
static unsigned
standards_named(const char *s, size_t n)
{
	unsigned bits = 0;

	for (size_t i = 0; i + 2 < n; i++) {
		size_t k = i + 2;
		int num = 0;

		if ((s[i] != 'L' && s[i] != 'l') || (s[i + 1] != 'P' && s[i + 1] != 'p'))
			continue;
		if (i > 0 && is_word_byte((unsigned char)s[i - 1]))
			continue;
		while (k < n && k < i + 4 && isdigit((unsigned char)s[k]))
			num = num * 10 + (s[k++] - '0');
		if (k == i + 2 || (k < n && is_word_byte((unsigned char)s[k])))
			continue;
		if (s[i + 2] != '0' && num >= 1 && num <= LP_NSTANDARDS)
			bits |= 1u << (num - 1);
	}
	return bits;
}

/* A list item: up to three spaces, then -, *, + or a number with . or ), then a blank. */
static int
is_list_item(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i < n && (s[i] == '-' || s[i] == '*' || s[i] == '+'))
		i++;
	else {
		size_t d = i;

		while (i < n && i - d < 9 && isdigit((unsigned char)s[i]))
			i++;
		if (i == d || i >= n || (s[i] != '.' && s[i] != ')'))
			return 0;
		i++;
	}
	return i < n && (s[i] == ' ' || s[i] == '\t') && count_words(s + i, n - i) > 0;
}

static int
has_text(const char *s, size_t n, const char *what)
{
	size_t m = strlen(what);

	for (size_t i = 0; i + m <= n; i++)
		if (strncasecmp(s + i, what, m) == 0)
			return 1;
	return 0;
}

/* A year 1900..2099 between brackets on the line: "(2019)", "(Smith, 2019a)". */
static int
has_bracketed_year(const char *s, size_t n)
{
	int depth = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && depth > 0)
			depth--;
		else if (depth > 0 && i + 4 <= n &&
		    ((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')) &&
		    isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]) &&
		    (i == 0 || !isdigit((unsigned char)s[i - 1])) &&
		    (i + 4 == n || !isdigit((unsigned char)s[i + 4])))
			return 1;
	}
	return 0;
}

/* A line that cites a source: a list item, a URL or DOI, or a bracketed year. */
static int
cites_source(const char *s, size_t n)
{
	return is_list_item(s, n) || has_text(s, n, "http://") || has_text(s, n, "https://") ||
	    has_text(s, n, "doi:") || has_bracketed_year(s, n);
}

/* Split the body into lines and mark the untouched hints. */
static void
study_lines(struct scan *st)
{
	const char *s = st->cs->doc.body ? st->cs->doc.body : "";
	const char *end = s + st->cs->doc.body_len;
	size_t cap = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = (size_t)((nl ? nl : end) - s);

		if (st->nlines == cap) {
			cap = cap ? cap * 2 : 64;
			st->lines = lp_xreallocarray(st->lines, cap, sizeof *st->lines);
		}
		st->lines[st->nlines].s = s;
		st->lines[st->nlines++].n = n;
		s += n + (nl != NULL);
	}
	st->is_hint = lp_xcalloc(st->nlines + 1, 1);
	for (size_t i = 0; i < st->nlines; i++)
		st->is_hint[i] = (unsigned char)line_is_hint(st->lines[i].s, st->lines[i].n);
}

/* The plain text of a heading: its text and code spans, blanks squeezed. */
static char *
heading_text(cmark_node *h)
{
	cmark_iter *it = cmark_iter_new(h);
	struct lp_buf b = {0};
	struct lp_buf out = {0};
	cmark_event_type ev;
	const char *s;
	int blank = 1;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			lp_buf_adds(&b, cmark_node_get_literal(n));
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			lp_buf_addc(&b, ' ');
	}
	cmark_iter_free(it);
	for (s = lp_buf_str(&b); *s; s++) {
		if (*s == ' ' || *s == '\t') {
			blank = 1;
			continue;
		}
		if (blank && out.len)
			lp_buf_addc(&out, ' ');
		blank = 0;
		lp_buf_addc(&out, *s);
	}
	lp_buf_free(&b);
	return lp_buf_detach(&out);
}

static int
section_index(const char *text)
{
	for (size_t i = 0; i < LP_CS_NSECTIONS; i++)
		if (strcasecmp(text, sections[i].name) == 0)
			return (int)i;
	return -1;
}

/*
 * Sections are the `##` headings at the top level of the body (cmark
 * finds them, so a "## " inside a code block is not one).  A section
 * runs to the next heading of level 1 or 2; `###` and below are inside.
 */
static void
study_sections(struct scan *st)
{
	cmark_node *root = cmark_parse_document(st->cs->doc.body ? st->cs->doc.body : "",
	    st->cs->doc.body_len, CMARK_OPT_DEFAULT);
	struct { int level, sec; long start, end; } *heads = NULL;
	size_t nheads = 0, cap = 0;

	for (cmark_node *n = cmark_node_first_child(root); n; n = cmark_node_next(n)) {
		char *text;

		if (cmark_node_get_type(n) != CMARK_NODE_HEADING || cmark_node_get_heading_level(n) > 2)
			continue;
		if (nheads == cap) {
			cap = cap ? cap * 2 : 16;
			heads = lp_xreallocarray(heads, cap, sizeof *heads);
		}
		text = heading_text(n);
		heads[nheads].level = cmark_node_get_heading_level(n);
		heads[nheads].sec = heads[nheads].level == 2 ? section_index(text) : -1;
		heads[nheads].start = cmark_node_get_start_line(n);
		heads[nheads].end = cmark_node_get_end_line(n);
		nheads++;
		free(text);
	}
	for (size_t h = 0; h < nheads; h++) {
		struct lp_cs_section *f;
		size_t from = (size_t)heads[h].end;	/* 0-based index of the next line */
		size_t to = h + 1 < nheads ? (size_t)heads[h + 1].start - 1 : st->nlines;

		if (heads[h].sec < 0)
			continue;
		f = &st->cs->sec[heads[h].sec];
		if (f->line) {
			if (!f->dup_line)
				f->dup_line = st->cs->doc.body_line + heads[h].start - 1;
		} else {
			f->line = st->cs->doc.body_line + heads[h].start - 1;
		}
		for (size_t i = from; i < to && i < st->nlines; i++) {
			const struct line *l = &st->lines[i];

			if (st->is_hint[i]) {
				f->hint = 1;
				continue;
			}
			f->words += count_words(l->s, l->n);
			if ((size_t)heads[h].sec == LP_CS_REFERENCES && cites_source(l->s, l->n))
				f->sources++;
		}
	}
	for (size_t i = 0; i < st->nlines; i++)
		if (!st->is_hint[i])
			st->cs->refs |= standards_named(st->lines[i].s, st->lines[i].n);
	free(heads);
	cmark_node_free(root);
}


int
lp_case_study_parse(struct lp_case_study *cs, const char *path, const char *text, size_t len)
{
	struct scan st = { .cs = cs };

	memset(cs, 0, sizeof *cs);
	if (lp_doc_parse(&cs->doc, path, text, len) < 0)
		return -1;
	study_lines(&st);
	study_sections(&st);
	free(st.lines);
	free(st.is_hint);
	return 0;
}

int
lp_case_study_load(struct lp_case_study *cs, const struct lp_tree *t)
{
	struct lp_buf b = {0};
	char *path = lp_tree_path(t, LP_CASE_STUDY);
	int rc;

	memset(cs, 0, sizeof *cs);
	rc = lp_tree_read(t, LP_CASE_STUDY, &b);
	if (rc < 0)
		rc = -2;
	else if (rc == 0)
		rc = lp_case_study_parse(cs, path, b.data ? b.data : "", b.len);
	lp_buf_free(&b);
	free(path);
	return rc;
}

void
lp_case_study_free(struct lp_case_study *cs)
{
	lp_doc_free(&cs->doc);
	memset(cs, 0, sizeof *cs);
}

void
lp_case_study_template(struct lp_buf *out)
{
	for (size_t i = 0; i < LP_CS_NSECTIONS; i++)
		lp_buf_addf(out, "%s## %s\n\n> %s\n", i ? "\n" : "", sections[i].name, sections[i].hint);
}

/* ---- checking ---- */

const char *
lp_cs_section_status(const struct lp_case_study *cs, size_t i)
{
	const struct lp_cs_section *s = &cs->sec[i];

	if (!s->line)
		return "missing";
	if (s->words == 0)
		return s->hint ? "hint-only" : "empty";
	if (i == LP_CS_REFERENCES && s->sources == 0)
		return "no-source";
	if (s->dup_line)
		return "duplicate";
	return "ok";
}

static void
check_sections(const struct lp_case_study *cs, const char *file, struct lp_findings *f)
{
	for (size_t i = 0; i < LP_CS_NSECTIONS; i++) {
		const struct lp_cs_section *s = &cs->sec[i];

		if (!s->line) {
			lp_findings_add(f, file, 0, LP_SEV_ERROR,
			    "missing section: expected a heading '## %s'", sections[i].name);
			continue;
		}
		if (s->dup_line)
			lp_findings_add(f, file, s->dup_line, LP_SEV_ERROR,
			    "section '%s' appears again (first on line %ld): expected it once",
			    sections[i].name, s->line);
		if (s->words == 0)
			lp_findings_add(f, file, s->line, LP_SEV_ERROR, s->hint ?
			    "section '%s' holds only its hint: expected your own text in place of the hint" :
			    "section '%s' is empty: expected some text under it", sections[i].name);
		else if (i == LP_CS_REFERENCES && s->sources == 0)
			lp_findings_add(f, file, s->line, LP_SEV_ERROR,
			    "section 'References' cites no source: expected a list item, "
			    "a year in brackets such as (2019), or a URL");
	}
	for (int i = 0; i < LP_NSTANDARDS; i++)
		if (!(cs->refs & (1u << i)))
			lp_findings_add(f, file, 0, LP_SEV_ERROR,
			    "%s is not referred to: expected '%s' where the work shows it",
			    lp_standard_id(i), lp_standard_id(i));
}

static long
key_line(const struct lp_case_study *cs, const char *key)
{
	const struct lp_field *fd = lp_doc_field(&cs->doc, key);

	return fd ? fd->line : 0;
}

/* A scalar key: "" when absent, NULL after a finding when it is a list. */
static const char *
scalar(const struct lp_case_study *cs, const char *file, const char *key, struct lp_findings *f)
{
	const struct lp_field *fd = lp_doc_field(&cs->doc, key);

	if (!fd)
		return "";
	if (!fd->value) {
		lp_findings_add(f, file, fd->line, LP_SEV_ERROR,
		    "%s: expected a single value, not a list", key);
		return NULL;
	}
	return fd->value;
}

/* The head teacher's sign-off: who, and a date between the award and today. */
static void
check_signoff(const struct lp_case_study *cs, const char *file, lp_date today,
    lp_date accredited, struct lp_findings *f)
{
	const char *by, *on;
	long line = key_line(cs, "signed-off-on");
	char d[11], t[11];
	lp_date when;

	if ((by = scalar(cs, file, "signed-off-by", f)) && !*by)
		lp_findings_add(f, file, key_line(cs, "signed-off-by"), LP_SEV_ERROR,
		    "signed-off-by: expected the name of the head teacher or principal "
		    "who signed the case study off");
	if (!(on = scalar(cs, file, "signed-off-on", f)))
		return;
	if (!*on) {
		lp_findings_add(f, file, line, LP_SEV_ERROR,
		    "signed-off-on: expected the date of the sign-off (YYYY-MM-DD)");
		return;
	}
	if (lp_date_parse(on, &when) < 0) {
		lp_findings_add(f, file, line, LP_SEV_ERROR,
		    "signed-off-on: expected a date YYYY-MM-DD, got '%s'", on);
		return;
	}
	if (when > today) {
		lp_date_format(today, t);
		lp_findings_add(f, file, line, LP_SEV_ERROR,
		    "signed-off-on: %s is after today (%s): expected the date it was signed", on, t);
	}
	if (accredited != LP_DATE_NONE && when < accredited) {
		lp_date_format(accredited, d);
		lp_findings_add(f, file, line, LP_SEV_ERROR,
		    "signed-off-on: %s is before the accreditation it renews "
		    "(accredited: %s in portfolio.md)", on, d);
	}
}

void
lp_case_study_check(const struct lp_case_study *cs, const char *file, lp_date today,
    lp_date accredited, struct lp_findings *f)
{
	const char *v;

	check_sections(cs, file, f);
	check_signoff(cs, file, today, accredited, f);
	/* Not among SPEC's requirements, but worth saying. */
	if ((v = lp_doc_get(&cs->doc, "title")) && !*v)
		lp_findings_add(f, file, key_line(cs, "title"), LP_SEV_WARNING, "title is empty");
	if ((v = lp_doc_get(&cs->doc, "theme")) && !*v)
		lp_findings_add(f, file, key_line(cs, "theme"), LP_SEV_WARNING,
		    "theme is empty: the case study has an overarching theme");
}

void
lp_check_case_study(const struct lp_ctx *ctx, const struct lp_portfolio *p,
    struct lp_findings *f)
{
	struct lp_case_study cs;
	char *file;
	int rc = 0;

	if (p->has_case_study == 0)
		return;
	file = lp_tree_path(p->tree, LP_CASE_STUDY);
	/* -1: the loader said why (a FIFO, a directory); -2: the read did. */
	if (p->has_case_study < 0 || (rc = lp_case_study_load(&cs, p->tree)) == -2) {
		lp_findings_fail(f, file);
		free(file);
		return;
	}
	if (rc == 0)
		lp_case_study_check(&cs, file, ctx->today, p->accredited, f);
	lp_case_study_free(&cs);
	free(file);
}
