/*
 * lp-reaccredit - the three-year cycle after accreditation: when each
 * award expires, and the case study that renews it.
 *
 *   status     per portfolio: accredited, expires, days left, status
 *   due        for cron: the due and expired ones only
 *   annotate   a filter adding expiry columns to rows with `accredited`
 *   init       write case-study.md with every section and a hint under each
 *   check      is the case study complete (sections, LP1..LP10, sources, sign-off)
 *   submit     record the submission of the case study, commit and tag it
 *
 * Expiry and the due/expired rule come from lib/rules.c (lp_renewal_of).
 * The sections and their hints live in one table below, used both to
 * write the template and to recognise a hint nobody has replaced yet.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark.h>

#include "lp.h"

static const char usage_text[] =
    "usage: lp-reaccredit status [--within DAYS] [--at REV] [-o FORMAT] [PORTFOLIO ...]\n"
    "       lp-reaccredit due [--within DAYS] [-q] [--at REV] [-o FORMAT] [PORTFOLIO ...]\n"
    "       lp-reaccredit annotate [--within DAYS] [--keep-going] [-o FORMAT] [FILE]\n"
    "       lp-reaccredit init [--theme THEME] [--no-commit] [PORTFOLIO]\n"
    "       lp-reaccredit check [-q] [--at REV] [-o FORMAT] [PORTFOLIO]\n"
    "       lp-reaccredit submit [--no-commit] [-q] [PORTFOLIO]\n"
    "       lp-reaccredit COMMAND [-C DIR] [--today DATE] [--raw] ...\n"
    "       lp-reaccredit -h | --version\n";

enum {
	OPT_THEME = LP_OPT_PROGRAM,
	OPT_KEEP_GOING
};

enum {
	CMD_STATUS = 1 << 0,
	CMD_DUE = 1 << 1,
	CMD_ANNOTATE = 1 << 2,
	CMD_INIT = 1 << 3,
	CMD_CHECK = 1 << 4,
	CMD_SUBMIT = 1 << 5
};

static const struct option long_opts[] = {
	{ "theme", required_argument, 0, OPT_THEME },
	{ "keep-going", no_argument, 0, OPT_KEEP_GOING },
	LP_LONGOPTS
};

struct opts {
	unsigned cmd;
	const char *theme;		/* init */
	int keep_going;			/* annotate */
	char **operands;
	size_t noperands;
};

#define CASE_STUDY "case-study.md"

/*
 * The sections of a case study (SPEC 5.5), in the order the template
 * writes them, each with the hint that stands under it until the
 * practitioner writes the section.  check recognises a line holding
 * "> " and one of these hints as untouched.
 */
static const struct section {
	const char *name;
	const char *hint;
} sections[] = {
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
#define NSECTIONS (sizeof sections / sizeof sections[0])
#define REFERENCES (NSECTIONS - 1)

static void
usage(FILE *f)
{
	fputs(usage_text, f);
}

static int
usage_error(void)
{
	usage(stderr);
	return LP_EXIT_ERROR;
}

static long
renewal_within(const struct lp_ctx *ctx)
{
	return ctx->within >= 0 ? ctx->within : LP_WITHIN_REACCREDIT;
}

/* ---- status and due ---- */

struct status_run {
	const struct lp_ctx *ctx;
	struct lp_rowset rows;
	int due_only;
	size_t found;
};

static int
status_one(struct lp_portfolio *p, void *arg)
{
	struct status_run *run = arg;
	char accredited[11], expires[11], left[24];
	const char *v[6];
	lp_date exp;
	long days;
	enum lp_renewal r = lp_renewal_of(p->accredited, run->ctx->today,
	    renewal_within(run->ctx), &exp, &days);

	if (run->due_only && r != LP_RENEWAL_DUE && r != LP_RENEWAL_EXPIRED)
		return 0;
	lp_date_format(p->accredited, accredited);
	lp_date_format(exp, expires);
	snprintf(left, sizeof left, "%ld", days);
	v[0] = p->id;
	v[1] = p->name;
	v[2] = accredited;
	v[3] = expires;
	v[4] = r == LP_RENEWAL_NOT_ACCREDITED ? NULL : left;
	v[5] = lp_renewal_name(r);
	lp_rowset_add(&run->rows, p->id, v);
	run->found++;
	return 0;
}

static int
run_status(struct lp_ctx *ctx, const struct opts *o, int due_only)
{
	static const struct lp_col cols[] = {
		{ "id", LP_COL_STR }, { "name", LP_COL_STR },
		{ "accredited", LP_COL_DATE }, { "expires", LP_COL_DATE },
		{ "days_left", LP_COL_INT }, { "status", LP_COL_STR },
	};
	struct status_run run = { .ctx = ctx, .due_only = due_only };
	int rc;

	lp_rowset_init(&run.rows, 6);
	rc = lp_cohort_each(ctx, o->operands, o->noperands, 0, status_one, &run);
	if (!(due_only && ctx->quiet)) {
		struct lp_writer *w = lp_ctx_writer(ctx, cols, 6);

		lp_rowset_sort(&run.rows);
		lp_rowset_write(&run.rows, w);
		if (lp_writer_finish(w) < 0)
			rc = -1;
	}
	lp_rowset_free(&run.rows);
	if (rc < 0)
		return LP_EXIT_ERROR;
	return due_only && run.found ? LP_EXIT_FOUND : LP_EXIT_OK;
}

static int
cmd_status(struct lp_ctx *ctx, const struct opts *o)
{
	return run_status(ctx, o, 0);
}

static int
cmd_due(struct lp_ctx *ctx, const struct opts *o)
{
	return run_status(ctx, o, 1);
}

/* ---- annotate ---- */

static const struct lp_col annotate_cols[] = {
	{ "expires", LP_COL_DATE }, { "days_left", LP_COL_INT },
	{ "status", LP_COL_STR },
};

struct expiry_row {
	const struct lp_ctx *ctx;
	char expires[11];
	char left[24];
};

/* An empty accredited is someone not (yet) accredited. */
static void
annotate_expiry(void *arg, lp_date accredited, const char **out, const char *name, long line)
{
	struct expiry_row *e = arg;
	enum lp_renewal r;
	lp_date exp;
	long days;

	(void)name;
	(void)line;
	r = lp_renewal_of(accredited, e->ctx->today, renewal_within(e->ctx), &exp, &days);
	if (r != LP_RENEWAL_NOT_ACCREDITED) {
		lp_date_format(exp, e->expires);
		snprintf(e->left, sizeof e->left, "%ld", days);
		out[0] = e->expires;
		out[1] = e->left;
	}
	out[2] = lp_renewal_name(r);
}

static int
cmd_annotate(struct lp_ctx *ctx, const struct opts *o)
{
	struct expiry_row e = { .ctx = ctx };
	struct lp_annotate spec = {
		.key = "accredited",
		.key_desc = "an 'accredited' column (a date YYYY-MM-DD, or empty)",
		.cols = annotate_cols,
		.ncols = sizeof annotate_cols / sizeof annotate_cols[0],
		.keep_going = o->keep_going,
		.compute = annotate_expiry,
		.arg = &e,
	};

	if (o->noperands > 1) {
		lp_error("annotate reads one input: a FILE or - (standard input)");
		return usage_error();
	}
	return lp_annotate(ctx, &spec, o->noperands ? o->operands[0] : NULL);
}

/* ---- reading a case study ---- */

/* What check found for one section. */
struct found {
	long line;		/* file line of its heading; 0 when missing */
	long dup_line;		/* a second heading of the same name */
	size_t words;		/* words other than the hint */
	int hint;		/* the untouched hint is there */
	int sources;		/* References: lines that cite a source */
};

/* One line of the body. */
struct line {
	const char *s;
	size_t n;
};

struct study {
	struct lp_doc doc;
	char *path;		/* for diagnostics */
	struct line *lines;	/* the body's lines */
	size_t nlines;
	unsigned char *is_hint;	/* per line: an untouched hint */
	struct found found[NSECTIONS];
	unsigned refs;		/* bit i: LP(i+1) is referred to */
	int quiet;		/* check -q: the exit status says it all */
};

static void
study_free(struct study *st)
{
	lp_doc_free(&st->doc);
	free(st->path);
	free(st->lines);
	free(st->is_hint);
	memset(st, 0, sizeof *st);
}

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
	for (size_t i = 0; i < NSECTIONS; i++)
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
study_lines(struct study *st)
{
	const char *s = st->doc.body ? st->doc.body : "";
	const char *end = s + st->doc.body_len;
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
	for (size_t i = 0; i < NSECTIONS; i++)
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
study_sections(struct study *st)
{
	cmark_node *root = cmark_parse_document(st->doc.body ? st->doc.body : "",
	    st->doc.body_len, CMARK_OPT_DEFAULT);
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
		struct found *f;
		size_t from = (size_t)heads[h].end;	/* 0-based index of the next line */
		size_t to = h + 1 < nheads ? (size_t)heads[h + 1].start - 1 : st->nlines;

		if (heads[h].sec < 0)
			continue;
		f = &st->found[heads[h].sec];
		if (f->line) {
			if (!f->dup_line)
				f->dup_line = st->doc.body_line + heads[h].start - 1;
		} else {
			f->line = st->doc.body_line + heads[h].start - 1;
		}
		for (size_t i = from; i < to && i < st->nlines; i++) {
			const struct line *l = &st->lines[i];

			if (st->is_hint[i]) {
				f->hint = 1;
				continue;
			}
			f->words += count_words(l->s, l->n);
			if ((size_t)heads[h].sec == REFERENCES && cites_source(l->s, l->n))
				f->sources++;
		}
	}
	for (size_t i = 0; i < st->nlines; i++)
		if (!st->is_hint[i])
			st->refs |= standards_named(st->lines[i].s, st->lines[i].n);
	free(heads);
	cmark_node_free(root);
}

/* Read and parse case-study.md of p.  0, 1 when there is none, -1 on error. */
static int
study_load(const struct lp_portfolio *p, struct study *st)
{
	struct lp_buf b = {0};
	int rc;

	memset(st, 0, sizeof *st);
	st->path = lp_tree_path(p->tree, CASE_STUDY);
	rc = lp_tree_read(p->tree, CASE_STUDY, &b);
	if (rc == 0 && lp_doc_parse(&st->doc, st->path, b.data ? b.data : "", b.len) < 0)
		rc = -1;
	lp_buf_free(&b);
	if (rc != 0)
		return rc;
	study_lines(st);
	study_sections(st);
	return 0;
}

/* ---- check ---- */

static const char *
section_status(const struct found *f)
{
	if (!f->line)
		return "missing";
	if (f->words > 0)
		return "ok";
	return f->hint ? "hint-only" : "empty";
}

/* One problem found in the case study: a diagnostic, unless check -q. */
static void
finding(const struct study *st, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
finding(const struct study *st, long line, const char *fmt, ...)
{
	va_list ap;

	if (st->quiet)
		return;
	va_start(ap, fmt);
	lp_verrorat(st->path, line, fmt, ap);
	va_end(ap);
}

/* A warning about the case study, unless check -q. */
static void
note(const struct study *st, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
note(const struct study *st, long line, const char *fmt, ...)
{
	struct lp_buf b = {0};
	va_list ap;

	if (st->quiet)
		return;
	lp_buf_adds(&b, "warning: ");
	lp_buf_adds(&b, fmt);
	va_start(ap, fmt);
	lp_verrorat(st->path, line, lp_buf_str(&b), ap);
	va_end(ap);
	lp_buf_free(&b);
}

static int
check_sections(const struct study *st)
{
	int problems = 0;

	for (size_t i = 0; i < NSECTIONS; i++) {
		const struct found *f = &st->found[i];

		if (!f->line) {
			finding(st, 0, "missing section: expected a heading '## %s'", sections[i].name);
			problems++;
			continue;
		}
		if (f->dup_line) {
			finding(st, f->dup_line, "section '%s' appears again (first on line %ld): expected it once",
			    sections[i].name, f->line);
			problems++;
		}
		if (f->words == 0) {
			finding(st, f->line, f->hint ?
			    "section '%s' holds only its hint: expected your own text in place of the hint" :
			    "section '%s' is empty: expected some text under it", sections[i].name);
			problems++;
		} else if (i == REFERENCES && f->sources == 0) {
			finding(st, f->line, "section 'References' cites no source: expected a list item, "
			    "a year in brackets such as (2019), or a URL");
			problems++;
		}
	}
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		if (!(st->refs & (1u << i))) {
			finding(st, 0, "%s is not referred to: expected '%s' where the work shows it",
			    lp_standard_id(i), lp_standard_id(i));
			problems++;
		}
	}
	return problems;
}

/* A scalar key of the case study, or NULL after a diagnostic when it is a list. */
static const char *
study_scalar(const struct study *st, const char *key, int *problems)
{
	const struct lp_field *f = lp_doc_field(&st->doc, key);

	if (!f)
		return "";
	if (!f->value) {
		finding(st, f->line, "%s: expected a single value, not a list", key);
		(*problems)++;
		return NULL;
	}
	return f->value;
}

static long
key_line(const struct study *st, const char *key)
{
	const struct lp_field *f = lp_doc_field(&st->doc, key);

	return f ? f->line : 0;
}

/* The head teacher's sign-off: who, and a date between the award and today. */
static int
check_signoff(const struct lp_ctx *ctx, const struct lp_portfolio *p, const struct study *st)
{
	const char *by, *on;
	char d[11], t[11];
	lp_date when;
	int problems = 0;

	if ((by = study_scalar(st, "signed-off-by", &problems)) && !*by) {
		finding(st, key_line(st, "signed-off-by"),
		    "signed-off-by: expected the name of the head teacher or principal who signed the case study off");
		problems++;
	}
	if (!(on = study_scalar(st, "signed-off-on", &problems)))
		return problems;
	if (!*on) {
		finding(st, key_line(st, "signed-off-on"),
		    "signed-off-on: expected the date of the sign-off (YYYY-MM-DD)");
		return problems + 1;
	}
	if (lp_date_parse(on, &when) < 0) {
		finding(st, key_line(st, "signed-off-on"),
		    "signed-off-on: expected a date YYYY-MM-DD, got '%s'", on);
		return problems + 1;
	}
	if (when > ctx->today) {
		lp_date_format(ctx->today, t);
		finding(st, key_line(st, "signed-off-on"),
		    "signed-off-on: %s is after today (%s): expected the date it was signed", on, t);
		problems++;
	}
	if (p->accredited != LP_DATE_NONE && when < p->accredited) {
		lp_date_format(p->accredited, d);
		finding(st, key_line(st, "signed-off-on"),
		    "signed-off-on: %s is before the accreditation it renews (accredited: %s in portfolio.md)", on, d);
		problems++;
	}
	return problems;
}

/* Every check on a loaded study; the number of problems (each reported). */
static int
study_check(const struct lp_ctx *ctx, const struct lp_portfolio *p, const struct study *st)
{
	int problems = check_sections(st) + check_signoff(ctx, p, st);
	const char *v;

	/* Not in SPEC's list of requirements, but worth saying. */
	if ((v = lp_doc_get(&st->doc, "title")) && !*v)
		note(st, key_line(st, "title"), "title is empty");
	if ((v = lp_doc_get(&st->doc, "theme")) && !*v)
		note(st, key_line(st, "theme"), "theme is empty: the case study has an overarching theme");
	return problems;
}

/* The portfolio named by the operand (relative to -C) or around -C / ".". */
static int
portfolio_root(const struct lp_ctx *ctx, const struct opts *o, char **root)
{
	char *dir;
	int rc;

	if (o->noperands > 1) {
		lp_error("expected one PORTFOLIO, got %zu", o->noperands);
		return -2;
	}
	if (o->noperands == 0)
		return lp_portfolio_find(ctx->dir, root);
	if (ctx->dir && o->operands[0][0] != '/')
		dir = lp_xasprintf("%s/%s", ctx->dir, o->operands[0]);
	else
		dir = lp_xstrdup(o->operands[0]);
	rc = lp_portfolio_find(dir, root);
	free(dir);
	return rc;
}

static int
no_case_study(const struct study *st)
{
	lp_errorat(st->path, 0, "no such file: there is no case study yet (lp-reaccredit init writes one)");
	return LP_EXIT_ERROR;
}

static int
cmd_check(struct lp_ctx *ctx, const struct opts *o)
{
	static const struct lp_col cols[] = {
		{ "section", LP_COL_STR }, { "words", LP_COL_INT }, { "status", LP_COL_STR },
	};
	struct lp_portfolio p;
	struct study st;
	char *root = NULL;
	int rc = LP_EXIT_ERROR, r, problems;

	memset(&p, 0, sizeof p);
	memset(&st, 0, sizeof st);
	if ((r = portfolio_root(ctx, o, &root)) < 0)
		return r == -2 ? usage_error() : LP_EXIT_ERROR;
	if (lp_portfolio_open(ctx, root, 0, &p) < 0)
		goto out;
	if ((r = study_load(&p, &st)) != 0) {
		if (r == 1)
			rc = no_case_study(&st);
		goto out;
	}
	/* -q: the exit status alone, as lp-assess check -q and lp check -q. */
	st.quiet = ctx->quiet;
	problems = study_check(ctx, &p, &st);
	if (!ctx->quiet) {
		struct lp_writer *w = lp_ctx_writer(ctx, cols, 3);

		for (size_t i = 0; i < NSECTIONS; i++) {
			char words[24];
			const char *v[3];

			snprintf(words, sizeof words, "%zu", st.found[i].words);
			v[0] = sections[i].name;
			v[1] = words;
			v[2] = section_status(&st.found[i]);
			lp_writer_row(w, v);
		}
		if (lp_writer_finish(w) < 0)
			goto out;
	}
	rc = problems ? LP_EXIT_FOUND : LP_EXIT_OK;
out:
	study_free(&st);
	lp_portfolio_free(&p);
	free(root);
	return rc;
}

/* ---- init and submit: commands that write ---- */

static void
template_body(struct lp_buf *b)
{
	for (size_t i = 0; i < NSECTIONS; i++)
		lp_buf_addf(b, "%s## %s\n\n> %s\n", i ? "\n" : "", sections[i].name, sections[i].hint);
}

static int
cmd_init(struct lp_ctx *ctx, const struct opts *o)
{
	char *paths[] = { CASE_STUDY };
	struct lp_portfolio p;
	struct lp_lock *lock = NULL;
	struct lp_doc doc = {0};
	struct lp_buf body = {0};
	char *root = NULL, *path = NULL;
	int rc = LP_EXIT_ERROR, r;

	memset(&p, 0, sizeof p);
	if (ctx->at) {
		lp_error("--at reads a past revision; init writes, so it takes no --at");
		return usage_error();
	}
	if ((r = portfolio_root(ctx, o, &root)) < 0)
		return r == -2 ? usage_error() : LP_EXIT_ERROR;
	if (lp_lock_take(root, &lock) < 0 || lp_portfolio_open(ctx, root, 0, &p) < 0)
		goto out;
	path = lp_xasprintf("%s/%s", root, CASE_STUDY);
	if (access(path, F_OK) == 0 || errno != ENOENT) {
		lp_error("%s: already exists: refusing to overwrite a case study", path);
		goto out;
	}
	if (p.accredited == LP_DATE_NONE && !ctx->quiet)
		lp_warnat(p.doc.path, 0, "no accredited date yet: the case study renews an accreditation");
	lp_doc_set(&doc, "title", "");
	lp_doc_set(&doc, "theme", o->theme ? o->theme : p.theme);
	lp_doc_set(&doc, "signed-off-by", "");
	lp_doc_set(&doc, "signed-off-on", "");
	template_body(&body);
	lp_doc_set_body(&doc, lp_buf_str(&body), body.len);
	if (lp_portfolio_commit_ready(ctx, root) < 0 ||
	    lp_portfolio_write_doc(root, CASE_STUDY, &doc) < 0 ||
	    lp_portfolio_commit(ctx, root, paths, 1, "reaccredit: start case study") < 0)
		goto out;
	rc = LP_EXIT_OK;
out:
	lp_buf_free(&body);
	lp_doc_free(&doc);
	lp_portfolio_free(&p);
	lp_lock_release(lock);
	free(path);
	free(root);
	return rc;
}

static int
cmd_submit(struct lp_ctx *ctx, const struct opts *o)
{
	char *paths[] = { CASE_STUDY };
	struct lp_portfolio p;
	struct study st;
	struct lp_git *git = NULL;
	struct lp_lock *lock = NULL;
	char *root = NULL, *prefix = NULL, *tagname = NULL, *tagmsg = NULL, *made = NULL;
	char today[11];
	int rc = LP_EXIT_ERROR, refused = 0, clean = 0, r;

	memset(&p, 0, sizeof p);
	memset(&st, 0, sizeof st);
	if (ctx->at) {
		lp_error("--at reads a past revision; submit writes, so it takes no --at");
		return usage_error();
	}
	if ((r = portfolio_root(ctx, o, &root)) < 0)
		return r == -2 ? usage_error() : LP_EXIT_ERROR;
	if ((r = lp_git_open(root, &git)) != 0) {
		if (r == 1)
			lp_error("%s: not in a git work tree: a submission is a commit and a tag "
			    "(lp init, or git init, makes one)", root);
		goto out;
	}
	if (lp_lock_take(root, &lock) < 0 || lp_portfolio_open(ctx, root, 0, &p) < 0 ||
	    lp_git_prefix(git, root, &prefix) < 0)
		goto out;
	if ((r = study_load(&p, &st)) != 0) {
		if (r == 1)
			rc = no_case_study(&st);
		goto out;
	}
	if (p.accredited == LP_DATE_NONE) {
		lp_error("%s: refusing to submit: portfolio.md has no accredited date, so there is nothing to renew",
		    p.label);
		refused = 1;
	}
	if (lp_git_clean(git, prefix, &clean) < 0)
		goto out;
	if (!clean) {
		lp_error("%s: refusing to submit: the work tree has changes that are not committed "
		    "(commit them, or move them away, first)", p.label);
		refused = 1;
	}
	if (study_check(ctx, &p, &st) > 0) {
		lp_error("%s: refusing to submit: the case study does not pass lp-reaccredit check (above)",
		    p.label);
		refused = 1;
	}
	if (refused) {
		rc = LP_EXIT_FOUND;
		goto out;
	}
	lp_date_format(ctx->today, today);
	lp_doc_set(&st.doc, "submitted", today);
	tagname = lp_xasprintf("lp/reaccreditation/%s", today);
	tagmsg = lp_xasprintf("%s (%s) submitted the re-accreditation case study on %s", p.name, p.id, today);
	if (lp_portfolio_commit_ready(ctx, root) < 0 ||
	    lp_portfolio_write_doc(root, CASE_STUDY, &st.doc) < 0 ||
	    lp_portfolio_commit(ctx, root, paths, 1, "reaccredit: submit case study") < 0)
		goto out;
	if (!ctx->no_commit && lp_git_tag(git, tagname, tagmsg, &made) < 0)
		goto out;
	if (!ctx->quiet) {
		if (made)
			printf("%s: case study submitted on %s, tagged %s\n", p.id, today, made);
		else
			printf("%s: case study submitted on %s, not committed\n", p.id, today);
	}
	rc = LP_EXIT_OK;
out:
	study_free(&st);
	lp_portfolio_free(&p);
	lp_lock_release(lock);
	lp_git_free(git);
	free(prefix);
	free(tagname);
	free(tagmsg);
	free(made);
	free(root);
	return rc;
}

/* ---- main ---- */

static const struct {
	const char *name;
	unsigned bit;
	int (*run)(struct lp_ctx *, const struct opts *);
} commands[] = {
	{ "status", CMD_STATUS, cmd_status },
	{ "due", CMD_DUE, cmd_due },
	{ "annotate", CMD_ANNOTATE, cmd_annotate },
	{ "init", CMD_INIT, cmd_init },
	{ "check", CMD_CHECK, cmd_check },
	{ "submit", CMD_SUBMIT, cmd_submit },
};

static int
option_applies(int opt, unsigned cmd)
{
	switch (opt) {
	case OPT_THEME:
		return cmd & CMD_INIT;
	case OPT_KEEP_GOING:
		return cmd & CMD_ANNOTATE;
	}
	return 1;
}

static int
parse_options(struct lp_ctx *ctx, struct opts *o, int argc, char **argv)
{
	int c, r;

	/* argv[0] is the subcommand; getopt permutes operands to the end. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":" LP_SHORTOPTS, long_opts, NULL)) != -1) {
		if (c == '?' || c == ':') {
			if (optopt > 0 && optopt < 256)
				lp_error("-%c: %s", optopt, c == ':' ? "expected a value" : "unknown option");
			else
				lp_error("%s: %s", argv[optind - 1], c == ':' ? "expected a value" : "unknown option");
			return -1;
		}
		if (!option_applies(c, o->cmd)) {
			lp_error("%s does not apply to %s", argv[optind - 1], argv[0]);
			return -1;
		}
		switch (c) {
		case OPT_THEME:
			o->theme = optarg;
			continue;
		case OPT_KEEP_GOING:
			o->keep_going = 1;
			continue;
		}
		if ((r = lp_ctx_option(ctx, c, optarg)) < 0)
			return -1;
		if (r == 0) {
			lp_error("%s: unknown option", argv[optind - 1]);
			return -1;
		}
	}
	o->operands = argv + optind;
	o->noperands = (size_t)(argc - optind);
	return 0;
}

int
main(int argc, char **argv)
{
	struct lp_ctx ctx;
	struct opts o;
	int status;

	lp_ctx_init(&ctx, argv[0]);
	if ((status = lp_early_options(argc, argv, usage)) >= 0)
		return lp_exit(status);
	status = LP_EXIT_ERROR;
	memset(&o, 0, sizeof o);
	if (!lp_subcommand_first(argc, argv, LP_SHORTOPTS, long_opts)) {
		lp_error("expected a command: status, due, annotate, init, check or submit");
		usage(stderr);
		return lp_exit(LP_EXIT_ERROR);
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			o.cmd = commands[i].bit;
	if (!o.cmd) {
		lp_error("unknown command '%s'", argv[1]);
		usage(stderr);
		return lp_exit(LP_EXIT_ERROR);
	}
	lp_git_global_init();
	if (parse_options(&ctx, &o, argc - 1, argv + 1) < 0) {
		usage(stderr);
		goto out;
	}
	if (lp_ctx_ready(&ctx) < 0)
		goto out;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (commands[i].bit == o.cmd)
			status = commands[i].run(&ctx, &o);
out:
	lp_ctx_free(&ctx);
	lp_git_global_shutdown();
	return lp_exit(status);
}
