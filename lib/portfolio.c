/*
 * portfolio.c - finding portfolios and loading them.
 *
 * A portfolio is a directory holding portfolio.md, found the way git
 * finds a repository (upwards from the current directory) or named as an
 * operand; a cohort is a directory searched recursively for them.  The
 * loader validates portfolio.md, assessment.csv and every evidence file
 * against SPEC 2, reading through an lp_tree so that the same code reads
 * a directory or a git commit.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "assessment.h"
#include "lp.h"
#include "discover.h"
#include "pool.h"

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

static int
load_one_evidence(struct lp_portfolio *p, const char *name, unsigned what)
{
	struct lp_buf b = {0};
	struct lp_evidence e;
	struct lp_doc doc = {0};
	char *rel = lp_xasprintf("evidence/%s", name);
	char *path = lp_tree_path(p->tree, rel);
	int rc;

	memset(&e, 0, sizeof e);
	rc = lp_tree_read(p->tree, rel, &b);
	if (rc == 1) {
		lp_errorat(path, 0, "vanished while reading");
		rc = -1;
	}
	if (rc == 0 && (what & LP_LOAD_BODIES))
		rc = lp_doc_parse(&doc, path, b.data ? b.data : "", b.len);
	else if (rc == 0)
		rc = lp_doc_parse_head(&doc, path, b.data ? b.data : "", b.len);
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
	lp_buf_free(&b);
	free(path);
	free(rel);
	return rc;
}

static int
load_evidence(struct lp_portfolio *p, unsigned what)
{
	struct lp_strv names = {0};
	int rc = lp_tree_list(p->tree, "evidence", &names), bad = 0;

	if (rc != 0) {
		lp_strv_free(&names);
		return rc == 1 ? 0 : -1;	/* no evidence/ yet */
	}
	for (size_t i = 0; i < names.n; i++) {
		size_t len = strlen(names.v[i]);

		/* Hidden files include our own temporaries; only *.md are items. */
		if (names.v[i][0] == '.' || len < 4 || strcmp(names.v[i] + len - 3, ".md") != 0)
			continue;
		if (load_one_evidence(p, names.v[i], what) < 0) {
			bad = 1;
			p->problems++;
			if (!(what & LP_LOAD_KEEP_GOING))
				break;
		}
	}
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

/*
 * Load root as it was at ctx->at through git, which the caller owns and
 * which must be the repository holding root.
 */
static int
portfolio_open_at(const struct lp_ctx *ctx, struct lp_git *git, const char *root,
    unsigned what, struct lp_portfolio *p)
{
	struct lp_tree *tree = NULL;
	char *prefix = NULL;
	int rc = -1;

	memset(p, 0, sizeof *p);
	if (lp_git_prefix(git, root, &prefix) == 0 &&
	    (ctx->staged ? lp_tree_open_index(git, prefix, &tree) :
	    lp_tree_open_git(git, ctx->at, prefix, &tree)) == 0)
		rc = lp_portfolio_load(p, tree, what);
	free(prefix);
	return rc;
}

static int
open_repository(const char *root, struct lp_git **git)
{
	int rc = lp_git_open(root, git);

	if (rc == 1)
		lp_error("%s: --at and --staged need a portfolio in a git work tree", root);
	return rc == 0 ? 0 : -1;
}

int
lp_portfolio_open(const struct lp_ctx *ctx, const char *root, unsigned what,
    struct lp_portfolio *p)
{
	struct lp_tree *tree = NULL;
	struct lp_git *git = NULL;
	int rc;

	memset(p, 0, sizeof *p);
	if (!ctx->at && !ctx->staged) {
		if (lp_tree_open_dir(root, &tree) < 0)
			return -1;
		return lp_portfolio_load(p, tree, what);
	}
	if (open_repository(root, &git) < 0)
		return -1;
	rc = portfolio_open_at(ctx, git, root, what, p);
	p->git = git;	/* freed after the tree, in lp_portfolio_free */
	return rc;
}

/* ---- finding portfolios ---- */

static int
has_portfolio(const char *dir)
{
	char *f = lp_xasprintf("%s/portfolio.md", dir);
	struct stat st;
	int yes = stat(f, &st) == 0 && S_ISREG(st.st_mode);

	free(f);
	return yes;
}

/* A portfolio.md above the user's directory must be theirs too. */
static int
has_own_portfolio(const char *dir)
{
	char *f = lp_xasprintf("%s/portfolio.md", strcmp(dir, "/") ? dir : "");
	struct stat st;
	int yes = lstat(f, &st) == 0 && S_ISREG(st.st_mode) &&
	    lp_owner_trusted(&st, dir);

	free(f);
	return yes;
}

int
lp_portfolio_find(const char *dir, char **root)
{
	const char *start = dir ? dir : ".";
	struct lp_climb c;

	if (has_portfolio(start)) {
		*root = lp_xstrdup(start);
		return 0;
	}
	/* Upwards as git searches for a repository (lib/discover.c). */
	if (lp_climb_start(&c, start) < 0)
		return -1;
	while (lp_climb_up(&c)) {
		if (has_own_portfolio(c.cur)) {
			*root = c.cur;
			c.cur = NULL;
			lp_climb_free(&c);
			return 0;
		}
	}
	if (c.stopped_at)
		lp_error("no portfolio found in %s (the search upwards stopped at %s, "
		    "owned by another user; set LP_SAFE_DIRECTORY=%s to trust it, "
		    "or use -C DIR)", start, c.stopped_at, c.stopped_at);
	else
		lp_error("no portfolio found in %s (nor in a directory above it holding "
		    "portfolio.md; use -C DIR)", start);
	lp_climb_free(&c);
	return -1;
}

static char *
join(const char *dir, const char *name)
{
	if (strcmp(dir, ".") == 0)
		return lp_xstrdup(name);
	return lp_xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
}

/* Depth-first: a directory holding portfolio.md is a portfolio, and is not searched further. */
static int
cohort_walk(const char *dir, struct lp_strv *roots, int depth)
{
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if (has_portfolio(dir)) {
		lp_strv_push(roots, dir);
		return 0;
	}
	if (depth > 64)
		return 0;
	if (!(d = opendir(dir))) {
		lp_error("%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		char *sub;
		struct stat st;
		int isdir;

		if (de->d_name[0] == '.')	/* hidden, and .git */
			continue;
		if (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
			continue;	/* files, and symlinks (never followed) */
		sub = join(dir, de->d_name);
		isdir = de->d_type == DT_DIR ||
		    (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode));
		if (isdir && cohort_walk(sub, roots, depth + 1) < 0)
			rc = -1;
		free(sub);
	}
	closedir(d);
	return rc;
}

static void
strv_uniq(struct lp_strv *sv)
{
	size_t k = 0;

	lp_strv_sort(sv);
	for (size_t i = 0; i < sv->n; i++) {
		if (k > 0 && strcmp(sv->v[k - 1], sv->v[i]) == 0) {
			free(sv->v[i]);
			continue;
		}
		sv->v[k++] = sv->v[i];
	}
	sv->n = k;
	if (sv->v)
		sv->v[k] = NULL;
}

int
lp_cohort_find(char *const *operands, size_t n, const char *cdir, struct lp_strv *roots)
{
	int rc = 0;

	if (n == 0) {
		const char *start = cdir ? cdir : ".";
		char *root;

		if (has_portfolio(start)) {
			lp_strv_push(roots, start);
			return 0;
		}
		/* Inside a portfolio: that one.  Else the directory as a cohort. */
		if (cohort_walk(start, roots, 0) < 0)
			return -1;
		if (roots->n > 0) {
			strv_uniq(roots);
			return 0;
		}
		if (lp_portfolio_find(start, &root) < 0)
			return -1;
		lp_strv_push(roots, root);
		free(root);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		char *op = cdir && operands[i][0] != '/' ? join(cdir, operands[i]) : lp_xstrdup(operands[i]);
		struct stat st;

		if (stat(op, &st) < 0) {
			lp_error("%s: %s", op, strerror(errno));
			rc = -1;
		} else if (!S_ISDIR(st.st_mode)) {
			lp_error("%s: expected a portfolio or a directory of portfolios", op);
			rc = -1;
		} else {
			size_t before = roots->n;

			if (cohort_walk(op, roots, 0) < 0)
				rc = -1;
			else if (roots->n == before) {
				/* A CI job pointed at the wrong path must not pass. */
				lp_error("no portfolio found in %s (a directory holding portfolio.md)", op);
				rc = -1;
			}
		}
		free(op);
	}
	strv_uniq(roots);
	return rc;
}

/* ---- walking a cohort ---- */

/*
 * Ids seen so far, with where each was seen: an open-addressing hash
 * table, because a cohort can hold 10,000 portfolios.
 */
struct idset {
	char **ids;
	char **where;
	size_t cap;
	size_t n;
};

static size_t
hash_str(const char *s)
{
	size_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* NULL when id is new (and now recorded), else where it was first seen. */
static const char *
idset_add(struct idset *set, const char *id, const char *where)
{
	size_t i;

	if (set->n * 2 >= set->cap) {
		struct idset big = { 0 };

		big.cap = set->cap ? set->cap * 2 : 256;
		big.ids = lp_xcalloc(big.cap, sizeof *big.ids);
		big.where = lp_xcalloc(big.cap, sizeof *big.where);
		for (size_t k = 0; k < set->cap; k++) {
			if (!set->ids[k])
				continue;
			for (i = hash_str(set->ids[k]) & (big.cap - 1); big.ids[i]; i = (i + 1) & (big.cap - 1))
				;
			big.ids[i] = set->ids[k];
			big.where[i] = set->where[k];
		}
		big.n = set->n;
		free(set->ids);
		free(set->where);
		*set = big;
	}
	for (i = hash_str(id) & (set->cap - 1); set->ids[i]; i = (i + 1) & (set->cap - 1))
		if (strcmp(set->ids[i], id) == 0)
			return set->where[i];
	set->ids[i] = lp_xstrdup(id);
	set->where[i] = lp_xstrdup(where);
	set->n++;
	return NULL;
}

static void
idset_free(struct idset *set)
{
	for (size_t i = 0; i < set->cap; i++) {
		free(set->ids[i]);
		free(set->where[i]);
	}
	free(set->ids);
	free(set->where);
}

struct walk {
	const struct lp_ctx *ctx;
	struct idset ids;
	lp_cohort_fn fn;
	void *arg;
	size_t done;
	size_t total;	/* 0 when unknown */
	int failed;
};

static void
progress(struct walk *w, int last)
{
	if (!w->ctx->progress || w->ctx->quiet)
		return;
	if (last) {
		lp_progress_clear();
		return;
	}
	if (w->done % 50 == 0 && w->done > 0) {
		if (w->total)
			lp_progress_show("%zu/%zu portfolios", w->done, w->total);
		else
			lp_progress_show("%zu portfolios", w->done);
	}
}

static int
listed(const struct lp_strv *sv, const char *value)
{
	return sv->n == 0 || lp_strv_find(sv, value) >= 0;
}

int
lp_portfolio_selected(const struct lp_ctx *ctx, const struct lp_portfolio *p)
{
	return listed(&ctx->schools, p->school) && listed(&ctx->cohorts, p->cohort);
}

/* Hand one loaded portfolio to fn, unless its id was seen before. */
static void
walk_visit(struct walk *w, struct lp_portfolio *p, int loaded)
{
	const char *seen;

	w->done++;
	progress(w, 0);
	if (!loaded) {
		w->failed = 1;
		return;
	}
	if (!lp_portfolio_selected(w->ctx, p))
		return;
	if ((seen = idset_add(&w->ids, p->id, p->label))) {
		lp_error("two portfolios have the id '%s': %s and %s", p->id, seen, p->label);
		w->failed = 1;
		return;
	}
	if (w->fn(p, w->arg) < 0)
		w->failed = 1;
}

/*
 * --at over a cohort: a cohort usually lives in one repository, and
 * opening it costs far more than reading one portfolio from it, so each
 * reading thread keeps the repository open while the portfolios are
 * inside its work tree.
 */
static int
cohort_open_at(const struct lp_ctx *ctx, struct lp_git **git, const char *root,
    unsigned what, struct lp_portfolio *p)
{
	char *abs = realpath(root, NULL);
	const char *wd = *git ? lp_git_workdir(*git) : NULL;
	int rc;

	if (!wd || !abs || strncmp(abs, wd, strlen(wd) - 1) != 0 ||
	    (abs[strlen(wd) - 1] != '/' && abs[strlen(wd) - 1] != '\0')) {
		if (*git)
			lp_git_free(*git);
		*git = NULL;
		if (open_repository(root, git) < 0) {
			memset(p, 0, sizeof *p);
			free(abs);
			return -1;
		}
	}
	free(abs);
	rc = portfolio_open_at(ctx, *git, root, what, p);
	return rc;
}

/* One portfolio read by a worker: the portfolio and what reading it said. */
struct loaded {
	struct lp_portfolio p;
	int ok;
	struct lp_findings said;
};

struct cohort_read {
	struct walk *w;
	const struct lp_strv *roots;
	unsigned what;
	int threaded;
};

static void
read_one(void *arg, void **state, size_t i, void *slot)
{
	struct cohort_read *r = arg;
	struct loaded *l = slot;
	struct lp_findings *old = lp_diag_capture(&l->said);
	const char *root = r->roots->v[i];

	/*
	 * A git_repository is used by one thread at a time, and the taker
	 * reads the portfolio's tree after this worker has moved on, so on
	 * threads each portfolio read from git gets a repository of its own.
	 */
	if ((r->w->ctx->at || r->w->ctx->staged) && !r->threaded)
		l->ok = cohort_open_at(r->w->ctx, (struct lp_git **)state, root, r->what, &l->p) == 0;
	else
		l->ok = lp_portfolio_open(r->w->ctx, root, r->what, &l->p) == 0;
	lp_diag_capture(old);
}

static void
take_one(void *arg, size_t i, void *slot)
{
	struct cohort_read *r = arg;
	struct loaded *l = slot;

	(void)i;
	lp_diag_replay(&l->said);
	walk_visit(r->w, &l->p, l->ok);
	lp_portfolio_free(&l->p);
	lp_findings_free(&l->said);
}

static void
free_git(void *git)
{
	lp_git_free(git);
}

int
lp_cohort_jobs(const struct lp_ctx *ctx)
{
	return ctx->jobs > 0 ? ctx->jobs : lp_pool_default_jobs();
}

int
lp_cohort_each(const struct lp_ctx *ctx, char *const *operands, size_t n,
    unsigned what, lp_cohort_fn fn, void *arg)
{
	struct walk w = { .ctx = ctx, .fn = fn, .arg = arg };
	struct lp_strv roots = {0};
	struct cohort_read r = { .w = &w, .roots = &roots, .what = what };
	struct lp_pool_job job = {
		.slot_size = sizeof(struct loaded), .work = read_one, .take = take_one,
		.state_free = free_git, .arg = &r,
	};

	if (lp_cohort_find(operands, n, ctx->dir, &roots) < 0)
		w.failed = 1;
	w.total = job.n = roots.n;
	r.threaded = lp_cohort_jobs(ctx) > 1 && roots.n > 1;
	lp_pool_run(&job, lp_cohort_jobs(ctx));
	progress(&w, 1);
	idset_free(&w.ids);
	lp_strv_free(&roots);
	return w.failed ? -1 : 0;
}

/* A repository at exactly path: bare (HEAD and objects/) or with a .git inside. */
static int
is_repository(const char *path)
{
	char *head = lp_xasprintf("%s/HEAD", path);
	char *objects = lp_xasprintf("%s/objects", path);
	char *dotgit = lp_xasprintf("%s/.git", path);
	struct stat st;
	int yes = (stat(head, &st) == 0 && stat(objects, &st) == 0 && S_ISDIR(st.st_mode)) ||
	    stat(dotgit, &st) == 0;

	free(head);
	free(objects);
	free(dotgit);
	return yes;
}

struct refs {
	const char *glob;
	struct lp_strv names;
};

static int
collect_ref(git_reference *ref, void *arg)
{
	struct refs *refs = arg;
	const char *name = git_reference_name(ref);

	if (fnmatch(refs->glob, name, 0) == 0)
		lp_strv_push(&refs->names, name);
	git_reference_free(ref);
	return 0;
}

/* One repository: its HEAD, or each ref matching glob, as portfolios. */
static void
walk_repository(struct walk *w, const char *path, const char *glob, unsigned what)
{
	struct lp_git *git = NULL;
	struct refs refs = { .glob = glob };

	if (lp_git_open_bare(path, &git) < 0) {
		w->failed = 1;
		return;
	}
	if (glob) {
		if (git_reference_foreach(lp_git_repo(git), collect_ref, &refs) < 0) {
			lp_error("%s: cannot list refs: %s", path, git_error_last() ? git_error_last()->message : "unknown error");
			w->failed = 1;
		}
		lp_strv_sort(&refs.names);
	} else {
		lp_strv_push(&refs.names, "HEAD");
	}
	for (size_t i = 0; i < refs.names.n; i++) {
		struct lp_tree *tree = NULL;
		struct lp_portfolio p;
		int ok = 0;

		memset(&p, 0, sizeof p);
		if (lp_tree_open_git(git, refs.names.v[i], "", &tree) == 0)
			ok = lp_portfolio_load(&p, tree, what) == 0;
		walk_visit(w, &p, ok);
		lp_portfolio_free(&p);
	}
	lp_strv_free(&refs.names);
	lp_git_free(git);
}

int
lp_cohort_each_git(const struct lp_ctx *ctx, const char *path, const char *glob,
    unsigned what, lp_cohort_fn fn, void *arg)
{
	struct walk w = { .ctx = ctx, .fn = fn, .arg = arg };
	struct lp_strv repos = {0};
	DIR *d;
	struct dirent *de;

	if (is_repository(path)) {
		lp_strv_push(&repos, path);
	} else if ((d = opendir(path))) {
		while ((de = readdir(d))) {
			char *sub;

			if (de->d_name[0] == '.')
				continue;
			sub = join(path, de->d_name);
			if (is_repository(sub))
				lp_strv_push(&repos, sub);
			free(sub);
		}
		closedir(d);
		lp_strv_sort(&repos);
	} else {
		lp_error("%s: %s", path, strerror(errno));
		return -1;
	}
	w.total = repos.n;
	for (size_t i = 0; i < repos.n; i++)
		walk_repository(&w, repos.v[i], glob, what);
	progress(&w, 1);
	idset_free(&w.ids);
	lp_strv_free(&repos);
	return w.failed ? -1 : 0;
}
