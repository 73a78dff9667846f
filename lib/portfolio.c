/*
 * portfolio.c - loading a portfolio.
 *
 * The loader validates portfolio.md, assessment.csv and every evidence
 * file against SPEC 2, reading through an lp_tree so that the same code
 * reads a directory or a git commit.  Finding portfolios and walking a
 * cohort are cohort.c's.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "assessment.h"
#include "lp.h"

int
lp_outcome_parse(const char *s)
{
	if (!*s)
		return LP_OUTCOME_NONE;
	if (strcmp(s, "accredited") == 0)
		return LP_OUTCOME_ACCREDITED;
	if (strcmp(s, "referred") == 0)
		return LP_OUTCOME_REFERRED;
	if (strcmp(s, "withdrawn") == 0)
		return LP_OUTCOME_WITHDRAWN;
	return -1;
}

const char *
lp_outcome_name(int o)
{
	static const char *const names[] = { "", "accredited", "referred", "withdrawn" };

	return o >= 0 && o <= LP_OUTCOME_WITHDRAWN ? names[o] : "";
}

/* ---- portfolio.md ---- */

int
lp_id_valid(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

/* A scalar key of a document: "" when absent; a list is an error. */
static int
doc_scalar(const struct lp_doc *doc, const char *key, const char **out)
{
	const struct lp_field *f = lp_doc_field(doc, key);

	*out = "";
	if (!f)
		return 0;
	if (!f->value) {
		lp_errorat(doc->path, f->line, "%s: expected a single value, not a list", key);
		return -1;
	}
	*out = f->value;
	return 0;
}

static int
doc_date(const struct lp_doc *doc, const char *key, int required, lp_date *out)
{
	const struct lp_field *f = lp_doc_field(doc, key);
	const char *v;

	*out = LP_DATE_NONE;
	if (doc_scalar(doc, key, &v) < 0)
		return -1;
	if (!*v) {
		if (required) {
			lp_errorat(doc->path, f ? f->line : 1, "missing required key '%s' (a date YYYY-MM-DD)", key);
			return -1;
		}
		return 0;
	}
	if (lp_date_parse(v, out) < 0) {
		lp_errorat(doc->path, f->line, "%s: expected a date YYYY-MM-DD, got '%s'", key, v);
		return -1;
	}
	return 0;
}

static int
portfolio_meta(struct lp_portfolio *p)
{
	static const struct { const char *key; size_t off; } text[] = {
		{ "name", offsetof(struct lp_portfolio, name) },
		{ "id", offsetof(struct lp_portfolio, id) },
		{ "school", offsetof(struct lp_portfolio, school) },
		{ "role", offsetof(struct lp_portfolio, role) },
		{ "cohort", offsetof(struct lp_portfolio, cohort) },
		{ "email", offsetof(struct lp_portfolio, email) },
		{ "focus", offsetof(struct lp_portfolio, focus) },
		{ "theme", offsetof(struct lp_portfolio, theme) },
		{ "framework", offsetof(struct lp_portfolio, framework) },
		{ "window", offsetof(struct lp_portfolio, window) },
	};
	const struct lp_doc *doc = &p->doc;
	const char *outcome;
	int bad = 0;

	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (doc_scalar(doc, text[i].key, (const char **)((char *)p + text[i].off)) < 0)
			bad = 1;
	if (!bad && !*p->name) {
		lp_errorat(doc->path, 1, "missing required key 'name' (the practitioner)");
		bad = 1;
	}
	if (!bad && !*p->id) {
		lp_errorat(doc->path, 1, "missing required key 'id'");
		bad = 1;
	} else if (!bad && !lp_id_valid(p->id)) {
		lp_errorat(doc->path, lp_doc_field(doc, "id")->line,
		    "id: expected letters, digits, '.', '_' or '-', got '%s'", p->id);
		bad = 1;
	}
	if (doc_date(doc, "commenced", 1, &p->commenced) < 0 ||
	    doc_date(doc, "submitted", 0, &p->submitted) < 0 ||
	    doc_date(doc, "accredited", 0, &p->accredited) < 0)
		bad = 1;
	if (doc_scalar(doc, "outcome", &outcome) < 0) {
		bad = 1;
	} else if ((p->outcome = lp_outcome_parse(outcome)) < 0) {
		lp_errorat(doc->path, lp_doc_field(doc, "outcome")->line,
		    "outcome: expected accredited, referred or withdrawn, got '%s'", outcome);
		p->outcome = LP_OUTCOME_NONE;
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* ---- assessment.csv ---- */

/* Read through lib/assessment.c, the file's one reader, into p. */
static int
load_assessment(struct lp_portfolio *p, unsigned what)
{
	struct lp_assessment a;
	struct lp_buf b = {0};
	char *path = lp_tree_path(p->tree, "assessment.csv");
	int rc;

	lp_assessment_init(&a);
	rc = lp_tree_read(p->tree, "assessment.csv", &b);
	if (rc != 0) {
		rc = rc == 1 ? 0 : -1;	/* no file yet: nothing assessed */
		goto out;
	}
	rc = lp_assessment_parse(&a, lp_buf_str(&b), b.len, path,
	    what & LP_LOAD_KEEP_GOING ? LP_ASSESSMENT_KEEP_GOING : 0);
	p->problems += a.problems;
	/* The rows move into p; a leaves with empty notes to free. */
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		struct lp_assessed t = p->assess[i];

		p->assess[i] = a.row[i];
		a.row[i] = t;
		p->assess_extra[i] = a.extra[i];
		memset(&a.extra[i], 0, sizeof a.extra[i]);
	}
	p->assess_extra_cols = a.extra_cols;
	memset(&a.extra_cols, 0, sizeof a.extra_cols);
out:
	lp_assessment_free(&a);
	lp_buf_free(&b);
	free(path);
	return rc;
}

/* ---- evidence ---- */

/* The stem of an evidence file: YYYY-MM-DD-slug. */
static int
evidence_name_valid(const char *stem, lp_date *date)
{
	char ymd[11];

	if (strlen(stem) < 12 || stem[10] != '-')
		return 0;
	memcpy(ymd, stem, 10);
	ymd[10] = '\0';
	return lp_date_parse(ymd, date) == 0 && lp_id_valid(stem + 11);
}

/* Standards as a list, or one scalar holding ids separated by commas or spaces. */
static int
evidence_standards(struct lp_evidence *e, const struct lp_doc *doc)
{
	const struct lp_field *f = lp_doc_field(doc, "standards");
	struct lp_strv ids = {0};
	int rc = -1;

	if (!f) {
		lp_errorat(doc->path, 1, "missing required key 'standards' (a list of LP1..LP10)");
		return -1;
	}
	if (f->value) {
		const char *s = f->value;

		while (*s) {
			size_t n = strcspn(s, ", ");

			if (n)
				lp_strv_pushn(&ids, s, n);
			s += n;
			s += strspn(s, ", ");
		}
	} else {
		for (size_t i = 0; i < f->list.n; i++)
			lp_strv_push(&ids, f->list.v[i]);
	}
	if (ids.n == 0) {
		lp_errorat(doc->path, f->line, "standards: expected one or more of LP1..LP10");
		goto out;
	}
	for (size_t i = 0; i < ids.n; i++) {
		int k = lp_standard_parse(ids.v[i]);

		if (k < 0) {
			lp_errorat(doc->path, f->line, "standards: expected LP1..LP10, got '%s'", ids.v[i]);
			goto out;
		}
		e->standards |= 1u << k;
	}
	rc = 0;
out:
	lp_strv_free(&ids);
	return rc;
}

static int
evidence_optional(struct lp_evidence *e, const struct lp_doc *doc)
{
	const struct lp_field *f;
	const char *v;

	if (doc_scalar(doc, "type", &v) < 0)
		return -1;
	e->type = lp_xstrdup(v);
	if (doc_scalar(doc, "where", &v) < 0)
		return -1;
	e->where = lp_xstrdup(v);
	if (doc_scalar(doc, "colleagues", &v) < 0)
		return -1;
	if (*v) {
		long n = lp_parse_count(v);

		if (n < 0) {
			lp_errorat(doc->path, lp_doc_field(doc, "colleagues")->line,
			    "colleagues: expected a count (a whole number), got '%s'", v);
			return -1;
		}
		e->colleagues = n;
	}
	if ((f = lp_doc_field(doc, "attachments"))) {
		if (f->value) {
			if (*f->value)
				lp_strv_push(&e->attachments, f->value);
		} else {
			for (size_t i = 0; i < f->list.n; i++)
				lp_strv_push(&e->attachments, f->list.v[i]);
		}
	}
	return 0;
}

int
lp_evidence_from_doc(struct lp_evidence *e, const char *file, struct lp_doc *doc)
{
	const struct lp_field *f;
	const char *v, *base = strrchr(file, '/');
	lp_date named;
	size_t blen;

	memset(e, 0, sizeof *e);
	e->colleagues = -1;
	e->reach = 0;
	e->date = LP_DATE_NONE;
	base = base ? base + 1 : file;
	blen = strlen(base);
	e->file = lp_xstrdup(file);
	e->id = lp_xstrndup(base, blen > 3 && strcmp(base + blen - 3, ".md") == 0 ? blen - 3 : blen);

	if (!evidence_name_valid(e->id, &named)) {
		lp_errorat(doc->path, 0, "expected an evidence file name YYYY-MM-DD-slug.md");
		return -1;
	}
	if (doc_scalar(doc, "title", &v) < 0)
		return -1;
	if (!*v) {
		lp_errorat(doc->path, 1, "missing required key 'title'");
		return -1;
	}
	e->title = lp_xstrdup(v);
	if (doc_date(doc, "date", 1, &e->date) < 0 || evidence_standards(e, doc) < 0)
		return -1;
	if (doc_scalar(doc, "reach", &v) < 0)
		return -1;
	f = lp_doc_field(doc, "reach");
	if (!*v) {
		lp_errorat(doc->path, f ? f->line : 1, "missing required key 'reach' (colleague, team, institution or beyond)");
		return -1;
	}
	if ((e->reach = lp_reach_parse(v)) < 0) {
		lp_errorat(doc->path, f->line, "reach: expected colleague, team, institution or beyond, got '%s'", v);
		e->reach = 0;
		return -1;
	}
	if (evidence_optional(e, doc) < 0)
		return -1;
	if (named != e->date) {
		char d[11];

		lp_date_format(e->date, d);
		lp_warnat(doc->path, lp_doc_field(doc, "date")->line,
		    "the file name's date differs from date: %s", d);
	}
	return 0;
}

void
lp_evidence_free(struct lp_evidence *e)
{
	free(e->id);
	free(e->file);
	free(e->title);
	free(e->type);
	free(e->where);
	lp_strv_free(&e->attachments);
	lp_doc_free(&e->doc);
	memset(e, 0, sizeof *e);
}

static int
check_attachments(const struct lp_portfolio *p, const struct lp_evidence *e)
{
	const struct lp_field *f = lp_doc_field(&e->doc, "attachments");
	char *path = lp_tree_path(p->tree, e->file);
	int bad = 0;

	for (size_t i = 0; i < e->attachments.n; i++) {
		const char *a = e->attachments.v[i], *why;
		uint64_t size;
		int rc;

		if (lp_relpath_check(a, &why) < 0) {
			lp_errorat(path, f ? f->line : 0, "attachment '%s': %s", a, why);
			bad = 1;
			continue;
		}
		rc = lp_tree_size(p->tree, a, &size);
		if (rc == 1) {
			lp_errorat(path, f ? f->line : 0, "attachment '%s': no such file in the portfolio", a);
			bad = 1;
		} else if (rc < 0) {
			/* The tree said why (it leads outside, it is not a file); say where. */
			lp_errorat(path, f ? f->line : 0, "attachment '%s': cannot be used", a);
			bad = 1;
		}
	}
	free(path);
	return bad ? -1 : 0;
}

static int
cmp_evidence(const void *a, const void *b)
{
	const struct lp_evidence *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->id, y->id);
}

/*
 * One evidence file, rel its path in the portfolio ("evidence/...").  b
 * holds its text while it is parsed: one buffer serves every file of a
 * portfolio, rather than an allocation each.
 */
static int
load_one_evidence(struct lp_portfolio *p, const char *rel, unsigned what,
    struct lp_buf *text)
{
	struct lp_evidence e;
	struct lp_doc doc = {0};
	char *path = lp_tree_path(p->tree, rel);
	int rc;

	memset(&e, 0, sizeof e);
	lp_buf_reset(text);
	rc = lp_tree_read(p->tree, rel, text);
	if (rc == 1) {
		lp_errorat(path, 0, "vanished while reading");
		rc = -1;
	}
	if (rc == 0 && (what & LP_LOAD_BODIES))
		rc = lp_doc_parse(&doc, path, text->data ? text->data : "", text->len);
	else if (rc == 0)
		rc = lp_doc_parse_head(&doc, path, text->data ? text->data : "", text->len);
	if (rc == 0)
		rc = lp_evidence_from_doc(&e, rel, &doc);
	e.doc = doc;	/* e owns it from here, on success or failure */
	if (rc == 0 && (what & LP_LOAD_ATTACHMENTS))
		rc = check_attachments(p, &e);
	if (rc == 0) {
		if (!(what & LP_LOAD_BODIES))
			lp_doc_free(&e.doc);
		if (p->nev % 16 == 0)
			p->ev = lp_xreallocarray(p->ev, p->nev + 16, sizeof *p->ev);
		p->ev[p->nev++] = e;
	} else {
		lp_evidence_free(&e);
	}
	free(path);
	return rc;
}

/* How deep evidence/ may nest (evidence/2025/autumn/x.md is 2). */
#define EVIDENCE_DEPTH	8

static int
evidence_walk(const struct lp_tree *t, const char *reldir, int depth, struct lp_strv *rels)
{
	struct lp_strv names = {0};
	int rc = lp_tree_list(t, reldir, &names);

	if (rc != 0) {
		lp_strv_free(&names);
		return rc == 1 ? 0 : -1;	/* no evidence/ yet */
	}
	for (size_t i = 0; rc == 0 && i < names.n; i++) {
		const char *name = names.v[i];
		size_t len = strlen(name);
		char *rel;
		int dir;

		/* Hidden files include our own temporaries; README.md is for people. */
		if (name[0] == '.' || strcmp(name, "README.md") == 0)
			continue;
		rel = lp_xasprintf("%s/%s", reldir, name);
		if (len >= 4 && strcmp(name + len - 3, ".md") == 0)
			lp_strv_push(rels, rel);
		else if (depth < EVIDENCE_DEPTH && (dir = lp_tree_is_dir(t, rel)) != 0)
			rc = dir < 0 ? -1 : evidence_walk(t, rel, depth + 1, rels);
		free(rel);
	}
	lp_strv_free(&names);
	return rc;
}

int
lp_evidence_files(const struct lp_tree *t, struct lp_strv *rels)
{
	int rc = evidence_walk(t, "evidence", 0, rels);

	lp_strv_sort(rels);
	return rc;
}

static int
load_evidence(struct lp_portfolio *p, unsigned what)
{
	struct lp_strv names = {0};
	struct lp_buf text = {0};
	int bad = 0;

	if (lp_evidence_files(p->tree, &names) < 0) {
		lp_strv_free(&names);
		return -1;
	}
	for (size_t i = 0; i < names.n; i++) {
		if (load_one_evidence(p, names.v[i], what, &text) < 0) {
			bad = 1;
			p->problems++;
			if (!(what & LP_LOAD_KEEP_GOING))
				break;
		}
	}
	lp_buf_free(&text);
	lp_strv_free(&names);
	if (p->nev > 1)
		qsort(p->ev, p->nev, sizeof *p->ev, cmp_evidence);
	return bad && !(what & LP_LOAD_KEEP_GOING) ? -1 : 0;
}

/* ---- the whole portfolio ---- */

static void
portfolio_reset(struct lp_portfolio *p, struct lp_tree *tree)
{
	memset(p, 0, sizeof *p);
	p->tree = tree;
	p->label = lp_xstrdup(lp_tree_label(tree));
	p->name = p->id = p->school = p->role = p->cohort = p->email = "";
	p->focus = p->theme = p->framework = p->window = "";
	p->commenced = p->submitted = p->accredited = LP_DATE_NONE;
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		p->assess[i].date = LP_DATE_NONE;
		p->assess[i].note = lp_xstrdup("");
	}
}

int
lp_portfolio_load(struct lp_portfolio *p, struct lp_tree *tree, unsigned what)
{
	struct lp_buf b = {0};
	char *path;
	int rc;

	portfolio_reset(p, tree);
	path = lp_tree_path(tree, "portfolio.md");
	rc = lp_tree_read(tree, "portfolio.md", &b);
	if (rc == 1) {
		lp_errorat(path, 0, "no such file: not a portfolio");
		lp_diag_fail();		/* no portfolio at all (SPEC 4): 2, not a finding */
		rc = -1;
	}
	if (rc == 0)
		rc = lp_doc_parse(&p->doc, path, b.data ? b.data : "", b.len);
	if (rc == 0)
		rc = portfolio_meta(p);
	if (rc == 0 && (what & LP_LOAD_ASSESSMENT))
		rc = load_assessment(p, what);
	if (rc == 0 && (what & LP_LOAD_EVIDENCE))
		rc = load_evidence(p, what);
	if (rc == 0) {
		uint64_t size;
		int got = lp_tree_size(tree, "case-study.md", &size);

		/*
		 * A FIFO or directory there is an error, as for any other
		 * file of the portfolio (lp_tree_size said which): every
		 * program that reads the portfolio stops on it alike.
		 */
		p->has_case_study = got == 0;
		if (got < 0)
			rc = -1;
	}
	lp_buf_free(&b);
	free(path);
	return rc;
}

void
lp_portfolio_free(struct lp_portfolio *p)
{
	for (size_t i = 0; i < p->nev; i++)
		lp_evidence_free(&p->ev[i]);
	free(p->ev);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		free(p->assess[i].note);
		lp_strv_free(&p->assess_extra[i]);
	}
	lp_strv_free(&p->assess_extra_cols);
	lp_doc_free(&p->doc);
	if (p->tree)
		lp_tree_free(p->tree);
	if (p->git)
		lp_git_free(p->git);
	free(p->label);
	memset(p, 0, sizeof *p);
}

