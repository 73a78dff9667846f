/*
 * lp-report - cohort views for data managers and senior leaders.
 *
 *   summary    one row per practitioner: stage, dates, readiness, counts
 *   coverage   one row per standard: practitioners by level, supported
 *   html       the cohort dashboard, one self-contained HTML file
 *   pack       one portfolio as one HTML document for moderation
 *   render     any lp rows from standard input as a table, Markdown or HTML
 *
 * Cohort work goes through lp_cohort_each (or lp_cohort_each_git for
 * --git): one portfolio in memory at a time, and what is kept of it is
 * only the answers of the rules (lib/rules.c) that the output needs.
 * Nothing here decides a stage, a deadline or what counts as supported.
 * The HTML itself is written by lib/report-html.c.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"
#include "report.h"

static const char usage_text[] =
    "usage: lp-report summary [--within DAYS] [--min LEVEL] [COHORT ...]\n"
    "       lp-report coverage [--min LEVEL] [COHORT ...]\n"
    "       lp-report html [--title TITLE] [--rows N] [--group school|cohort] [--within DAYS] [--min LEVEL] [COHORT ...]\n"
    "       lp-report pack [--within DAYS] [--min LEVEL] [PORTFOLIO]\n"
    "       lp-report render [--title TITLE] [-o table|csv|tsv|json|jsonl|md|html] [FILE]\n"
    "       reading portfolios: [--at REV] [--git PATH [--ref GLOB]]\n"
    "       common: [-C DIR] [-o FORMAT] [--raw] [--today DATE] [--framework FILE] [--windows FILE] [-q] [-h | --help] [--version]\n";

enum {
	OPT_GIT = LP_OPT_PROGRAM,
	OPT_REF,
	OPT_TITLE,
	OPT_ROWS,
	OPT_GROUP
};

static const struct option long_opts[] = {
	{ "git", required_argument, 0, OPT_GIT },
	{ "ref", required_argument, 0, OPT_REF },
	{ "title", required_argument, 0, OPT_TITLE },
	{ "rows", required_argument, 0, OPT_ROWS },
	{ "group", required_argument, 0, OPT_GROUP },
	LP_LONGOPTS
};

enum {
	CMD_SUMMARY = 1 << 0,
	CMD_COVERAGE = 1 << 1,
	CMD_HTML = 1 << 2,
	CMD_PACK = 1 << 3,
	CMD_RENDER = 1 << 4,
	CMD_PORTFOLIOS = CMD_SUMMARY | CMD_COVERAGE | CMD_HTML | CMD_PACK
};

struct opts {
	unsigned cmd;
	const char *git, *ref;		/* --git PATH [--ref GLOB] */
	const char *title;		/* html, render */
	size_t rows;			/* html: per-practitioner rows shown */
	enum lp_report_group group;	/* html */
	enum lp_format render_fmt;	/* render: -o, which may be md or html */
	char **operands;
	size_t noperands;
};

#define DEFAULT_ROWS 1000

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

/* --within for the expiry part of a stage (SPEC 6 rule 2), and the html horizon. */
static long
within_days(const struct lp_ctx *ctx)
{
	return ctx->within >= 0 ? ctx->within : LP_WITHIN_REACCREDIT;
}

/* ---- calendars ---- */

/*
 * A calendar named by --windows or LP_WINDOWS is the same for every
 * portfolio, so it is read once.  Otherwise each portfolio gets the
 * windows.csv in its directory or the nearest one above it, as lp-window
 * does, so that the two agree on next_window.  Portfolios come sorted, so
 * siblings are met one after another: the calendar of their common parent
 * is looked up once and kept until the parent changes.
 */
struct calendars {
	const struct lp_ctx *ctx;
	struct lp_calendar fixed;
	int have_fixed;
	char *parent;			/* directory the kept calendar is for */
	struct lp_calendar kept;
	int kept_bad;			/* its windows.csv is malformed (reported once) */
};

static int
calendars_init(struct calendars *cs, const struct lp_ctx *ctx)
{
	const char *env = getenv("LP_WINDOWS");

	memset(cs, 0, sizeof *cs);
	cs->ctx = ctx;
	if (ctx->windows_path || (env && *env)) {
		if (lp_calendar_for(&cs->fixed, ctx->windows_path, NULL) < 0)
			return -1;
		cs->have_fixed = 1;
	}
	return 0;
}

/* The calendar for a portfolio directory with no windows.csv of its own. */
static int
calendars_parent(struct calendars *cs, const char *dir, const struct lp_calendar **cal)
{
	const char *slash = strrchr(dir, '/');
	char *parent = slash ? lp_xstrndup(dir, (size_t)(slash - dir + 1)) : lp_xstrdup(".");

	if (!cs->parent || strcmp(cs->parent, parent) != 0) {
		free(cs->parent);
		lp_calendar_free(&cs->kept);
		cs->kept_bad = lp_calendar_for(&cs->kept, NULL, parent) < 0;
		cs->parent = parent;
	} else {
		free(parent);
	}
	*cal = &cs->kept;
	return cs->kept_bad ? -1 : 0;
}

/* p's calendar: a shared one, or *mine filled in (release with calendars_put). */
static int
calendars_get(struct calendars *cs, const struct lp_portfolio *p,
    struct lp_calendar *mine, const struct lp_calendar **cal)
{
	const char *dir;
	char *own;
	int has_own;

	memset(mine, 0, sizeof *mine);
	if (cs->have_fixed) {
		*cal = &cs->fixed;
		return 0;
	}
	/*
	 * A portfolio read from git has no directory: --at uses the one we
	 * run in; --git the built-in calendar (or --windows).
	 */
	dir = lp_tree_dir(p->tree);
	if (!dir && cs->ctx->at)
		dir = cs->ctx->dir ? cs->ctx->dir : ".";
	if (!dir) {
		lp_calendar_builtin(mine);
		*cal = mine;
		return 0;
	}
	own = lp_xasprintf("%s/windows.csv", dir);
	has_own = access(own, F_OK) == 0;
	free(own);
	if (!has_own)
		return calendars_parent(cs, dir, cal);
	if (lp_calendar_for(mine, NULL, dir) < 0)
		return -1;
	*cal = mine;
	return 0;
}

static void
calendars_put(struct calendars *cs, struct lp_calendar *mine)
{
	lp_calendar_free(mine);
}

static void
calendars_free(struct calendars *cs)
{
	if (cs->have_fixed)
		lp_calendar_free(&cs->fixed);
	lp_calendar_free(&cs->kept);
	free(cs->parent);
}

/* ---- one practitioner, as the rules see them ---- */

/* Everything the cohort outputs show about p, asked of lib/rules.c. */
static int
person_of(const struct lp_ctx *ctx, struct calendars *cs, const struct lp_portfolio *p,
    struct lp_report_person *pp)
{
	const struct lp_calendar *cal;
	struct lp_calendar mine;
	struct lp_timeline t;

	memset(pp, 0, sizeof *pp);
	if (calendars_get(cs, p, &mine, &cal) < 0)
		return -1;
	pp->id = lp_xstrdup(p->id);
	pp->name = lp_xstrdup(p->name);
	pp->school = lp_xstrdup(p->school);
	pp->cohort = lp_xstrdup(p->cohort);
	pp->label = lp_xstrdup(p->label);
	pp->stage = lp_stage_of(p, ctx->today, ctx->min_level, within_days(ctx));
	pp->commenced = p->commenced;
	pp->accredited = p->accredited;
	lp_timeline(cal, p->commenced, ctx->today, &t);
	pp->deadline = t.deadline;
	if (t.next) {
		memcpy(pp->next_window, t.next->id, sizeof pp->next_window);
		pp->next_closes = t.next->closes;
	}
	if (t.last) {
		memcpy(pp->last_window, t.last->id, sizeof pp->last_window);
		pp->last_closes = t.last->closes;
	}
	pp->windows_left = t.windows_left;
	pp->expires = LP_DATE_NONE;
	pp->renewal = lp_renewal_of(p->accredited, ctx->today, within_days(ctx),
	    &pp->expires, &pp->days_left);
	if (p->accredited == LP_DATE_NONE)
		pp->expires = LP_DATE_NONE;
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		pp->level[i] = (unsigned char)p->assess[i].level;
		if (!lp_supported(p, i))
			pp->unsupported |= (unsigned short)(1u << i);
		if (lp_standard_status(p, i, ctx->min_level) == LP_STATUS_OK)
			pp->ok |= (unsigned short)(1u << i);
	}
	pp->assessed = lp_assessed_count(p);
	pp->nunsupported = lp_unsupported_count(p);
	pp->nev = (int)p->nev;
	pp->ready = lp_ready(p, ctx->min_level);
	calendars_put(cs, &mine);
	return 0;
}

/* ---- walking the cohort ---- */

struct run {
	const struct lp_ctx *ctx;
	const struct opts *o;
	struct calendars cals;
	struct lp_rowset rows;		/* summary */
	struct lp_report_cov cov;	/* coverage */
	struct lp_report_cohort cohort;	/* html */
};

typedef int (*person_fn)(struct run *run, struct lp_report_person *pp);

struct visit {
	struct run *run;
	person_fn fn;
};

static int
visit_one(struct lp_portfolio *p, void *arg)
{
	struct visit *v = arg;
	struct lp_report_person pp;
	int rc;

	if (person_of(v->run->ctx, &v->run->cals, p, &pp) < 0)
		return -1;
	rc = v->fn(v->run, &pp);
	lp_report_person_free(&pp);
	/* Shown without its bad files, but the run still ends with status 2. */
	return rc < 0 || p->problems ? -1 : 0;
}

/*
 * Every portfolio of the operands (or of --git), handed to fn as a
 * person.  A bad evidence file or assessment row is reported and left
 * out; a portfolio whose portfolio.md is unusable is reported and
 * skipped.  0, or -1 when anything was reported.
 */
static int
each_person(struct run *run, person_fn fn)
{
	const struct lp_ctx *ctx = run->ctx;
	const struct opts *o = run->o;
	struct visit v = { run, fn };
	unsigned what = LP_LOAD_ALL | LP_LOAD_KEEP_GOING;

	if (o->git)
		return lp_cohort_each_git(ctx, o->git, o->ref, what, visit_one, &v);
	return lp_cohort_each(ctx, o->operands, o->noperands, what, visit_one, &v);
}

/* ---- summary ---- */

static const struct lp_col summary_cols[] = {
	{ "id", LP_COL_STR }, { "name", LP_COL_STR }, { "school", LP_COL_STR },
	{ "cohort", LP_COL_STR }, { "stage", LP_COL_STR },
	{ "commenced", LP_COL_DATE }, { "deadline", LP_COL_DATE },
	{ "next_window", LP_COL_STR }, { "assessed", LP_COL_INT },
	{ "ready", LP_COL_STR }, { "unsupported", LP_COL_INT },
	{ "evidence", LP_COL_INT }, { "accredited", LP_COL_DATE },
	{ "expires", LP_COL_DATE }, { "portfolio", LP_COL_STR },
};
#define NSUMMARY (sizeof summary_cols / sizeof summary_cols[0])

static int
summary_one(struct run *run, struct lp_report_person *pp)
{
	char commenced[11], deadline[11], accredited[11], expires[11];
	char assessed[16], unsupported[16], evidence[16];
	const char *v[NSUMMARY];

	lp_date_format(pp->commenced, commenced);
	lp_date_format(pp->deadline, deadline);
	lp_date_format(pp->accredited, accredited);
	lp_date_format(pp->expires, expires);
	snprintf(assessed, sizeof assessed, "%d", pp->assessed);
	snprintf(unsupported, sizeof unsupported, "%d", pp->nunsupported);
	snprintf(evidence, sizeof evidence, "%d", pp->nev);
	v[0] = pp->id;
	v[1] = pp->name;
	v[2] = pp->school;
	v[3] = pp->cohort;
	v[4] = lp_stage_name(pp->stage);
	v[5] = commenced;
	v[6] = deadline;
	v[7] = pp->next_window;
	v[8] = assessed;
	v[9] = pp->ready ? "yes" : "no";
	v[10] = unsupported;
	v[11] = evidence;
	v[12] = accredited;
	v[13] = expires;
	v[14] = pp->label;
	lp_rowset_add(&run->rows, pp->id, v);
	return 0;
}

static int
cmd_summary(struct run *run)
{
	struct lp_writer *w;
	int rc;

	lp_rowset_init(&run->rows, NSUMMARY);
	rc = each_person(run, summary_one);
	lp_rowset_sort(&run->rows);
	w = lp_ctx_writer(run->ctx, summary_cols, NSUMMARY);
	lp_rowset_write(&run->rows, w);
	if (lp_writer_finish(w) < 0)
		rc = -1;
	lp_rowset_free(&run->rows);
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ---- coverage ---- */

static int
coverage_one(struct run *run, struct lp_report_person *pp)
{
	lp_report_cov_add(&run->cov, pp);
	return 0;
}

static int
cmd_coverage(struct run *run)
{
	static const struct lp_col cols[] = {
		{ "standard", LP_COL_STR }, { "none", LP_COL_INT },
		{ "underlying", LP_COL_INT }, { "developing", LP_COL_INT },
		{ "extending", LP_COL_INT }, { "transforming", LP_COL_INT },
		{ "supported", LP_COL_INT }, { "ok", LP_COL_INT },
	};
	struct lp_writer *w;
	int rc = each_person(run, coverage_one);

	w = lp_ctx_writer(run->ctx, cols, 8);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		char n[7][24];
		const char *v[8];

		v[0] = lp_standard_id(i);
		for (int lv = 0; lv < LP_NLEVELS; lv++) {
			snprintf(n[lv], sizeof n[lv], "%zu", run->cov.level[i][lv]);
			v[1 + lv] = n[lv];
		}
		snprintf(n[5], sizeof n[5], "%zu", run->cov.supported[i]);
		snprintf(n[6], sizeof n[6], "%zu", run->cov.ok[i]);
		v[6] = n[5];
		v[7] = n[6];
		lp_writer_row(w, v);
	}
	if (lp_writer_finish(w) < 0)
		rc = -1;
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ---- html ---- */

static int
html_one(struct run *run, struct lp_report_person *pp)
{
	lp_report_cohort_add(&run->cohort, pp);
	return 0;
}

static int
cmd_html(struct run *run)
{
	const struct lp_ctx *ctx = run->ctx;
	const struct opts *o = run->o;
	struct lp_report_cohort *c = &run->cohort;
	struct lp_findings problems = {0}, *old;
	char *source = NULL;
	int rc;

	memset(c, 0, sizeof *c);
	c->title = o->title ? o->title : "Lead Practitioner cohort report";
	c->fw = ctx->fw;
	c->today = ctx->today;
	c->min_level = ctx->min_level;
	c->within = within_days(ctx);
	c->rows_max = o->rows;
	c->group = o->group;
	if (o->git)
		source = lp_xasprintf("git %s%s%s", o->git, o->ref ? " refs " : "", o->ref ? o->ref : "");
	else if (ctx->at)
		source = lp_xasprintf("git revision %s", ctx->at);
	c->source = source;
	/* What could not be read is named on the page too (lib/report-problems.c). */
	old = lp_diag_capture(&problems);
	rc = each_person(run, html_one);
	lp_report_problems_replay(&problems, old);
	c->incomplete = rc < 0;
	c->problems = &problems;
	lp_report_html_cohort(stdout, c);
	lp_report_cohort_free(c);
	lp_findings_free(&problems);
	free(source);
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ---- pack ---- */

struct pack_run {
	struct run *run;
	char *html;		/* the first portfolio's pack */
	size_t len;
	size_t count;
	int rc;
};

static int
pack_into(struct run *run, const struct lp_portfolio *p, FILE *out)
{
	struct lp_report_person pp;
	int rc;

	if (person_of(run->ctx, &run->cals, p, &pp) < 0)
		return -1;
	rc = lp_report_html_pack(out, run->ctx, p, &pp);
	lp_report_person_free(&pp);
	return rc;
}

/* --git: the pack is made in memory, because a glob may name several refs. */
static int
pack_git_one(struct lp_portfolio *p, void *arg)
{
	struct pack_run *pr = arg;
	FILE *mem;

	if (pr->count++ > 0)
		return 0;
	if (!(mem = open_memstream(&pr->html, &pr->len)))
		lp_die("out of memory");
	pr->rc = pack_into(pr->run, p, mem);
	if (fclose(mem) != 0)
		lp_die("out of memory");
	return 0;
}

static int
cmd_pack(struct run *run)
{
	const struct lp_ctx *ctx = run->ctx;
	const struct opts *o = run->o;
	unsigned what = LP_LOAD_ALL | LP_LOAD_BODIES;
	struct lp_portfolio p;
	char *root = NULL;
	int rc;

	if (o->noperands > 1) {
		lp_error("pack takes one portfolio");
		return usage_error();
	}
	if (o->git) {
		struct pack_run pr = { .run = run };

		rc = lp_cohort_each_git(ctx, o->git, o->ref, what, pack_git_one, &pr);
		if (pr.count > 1)
			lp_error("%s: pack takes one portfolio, and --git found %zu (name one repository, "
			    "and a --ref that matches one ref)", o->git, pr.count);
		if (pr.count == 0 && rc == 0)
			lp_error("%s: no portfolio found", o->git);
		if (pr.count == 1 && rc == 0)
			fwrite(pr.html, 1, pr.len, stdout);
		free(pr.html);
		return rc == 0 && pr.count == 1 && pr.rc == 0 ? LP_EXIT_OK : LP_EXIT_ERROR;
	}
	if (lp_portfolio_find(o->noperands ? o->operands[0] : ctx->dir, &root) < 0)
		return LP_EXIT_ERROR;
	rc = lp_portfolio_open(ctx, root, what, &p);
	if (rc == 0)
		rc = pack_into(run, &p, stdout);
	lp_portfolio_free(&p);
	free(root);
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ---- render ---- */

static int
is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * A Markdown table cell: | and the characters Markdown acts on are
 * escaped, so that a cell can neither end the table nor become a link,
 * emphasis or HTML.  An underscore inside a word (next_window) cannot
 * start emphasis and is left alone, for readers of the plain text.
 */
static void
md_cell(FILE *out, const char *s)
{
	for (const char *p = s; p && *p; p++) {
		if (*p == '\n' || *p == '\r') {
			fputc(' ', out);
			continue;
		}
		if (*p == '_' && p > s && is_alnum(p[-1]) && is_alnum(p[1])) {
			fputc('_', out);
			continue;
		}
		if (strchr("\\|`*_[]<>&#!~", *p))
			fputc('\\', out);
		fputc(*p, out);
	}
}

static void
render_md(FILE *out, const struct lp_strv *cols, char ***rows, size_t nrows, const char *title)
{
	if (title) {
		fputs("# ", out);
		md_cell(out, title);
		fputs("\n\n", out);
	}
	if (cols->n == 0)
		return;
	for (size_t j = 0; j < cols->n; j++) {
		fputs("| ", out);
		md_cell(out, cols->v[j]);
		fputc(' ', out);
	}
	fputs("|\n", out);
	for (size_t j = 0; j < cols->n; j++)
		fputs("| --- ", out);
	fputs("|\n", out);
	for (size_t i = 0; i < nrows; i++) {
		for (size_t j = 0; j < cols->n; j++) {
			fputs("| ", out);
			md_cell(out, rows[i][j]);
			fputc(' ', out);
		}
		fputs("|\n", out);
	}
}

/*
 * The type a column of input rows had when an lp tool wrote it, so that
 * JSON output keeps numbers as numbers: whole numbers in every non-empty
 * cell make an INT column, dates a DATE column, anything else text.
 */
static enum lp_coltype
column_type(char **const *rows, size_t nrows, size_t col)
{
	int ints = 1, dates = 1, any = 0;

	for (size_t i = 0; i < nrows && (ints || dates); i++) {
		const char *v = rows[i][col], *d = v;
		lp_date date;

		if (!v || !*v)
			continue;
		any = 1;
		if (*d == '-')
			d++;
		if (!*d || strspn(d, "0123456789") != strlen(d) || strlen(d) > 15)
			ints = 0;
		if (lp_date_parse(v, &date) < 0)
			dates = 0;
	}
	if (!any)
		return LP_COL_STR;
	return ints ? LP_COL_INT : dates ? LP_COL_DATE : LP_COL_STR;
}

static int
cmd_render(struct run *run)
{
	const struct lp_ctx *ctx = run->ctx;
	const struct opts *o = run->o;
	FILE *in = stdin;
	const char *name = "-";
	struct lp_reader *r;
	const struct lp_row *row;
	const struct lp_strv *cols;
	char ***rows = NULL;
	size_t *widths = NULL, nrows = 0, cap = 0;
	int got, rc = LP_EXIT_OK;

	if (o->noperands > 1) {
		lp_error("render reads one file (or standard input)");
		return usage_error();
	}
	if (o->noperands == 1 && strcmp(o->operands[0], "-") != 0) {
		name = o->operands[0];
		if (!(in = fopen(name, "r"))) {
			lp_error("%s: %s", name, strerror(errno));
			return LP_EXIT_ERROR;
		}
	}
	r = lp_reader_new(in, name, 0);
	while ((got = lp_reader_next(r, &row)) == 1) {
		if (nrows == cap) {
			cap = cap ? cap * 2 : 64;
			rows = lp_xreallocarray(rows, cap, sizeof *rows);
			widths = lp_xreallocarray(widths, cap, sizeof *widths);
		}
		rows[nrows] = lp_xcalloc(row->n ? row->n : 1, sizeof **rows);
		for (size_t j = 0; j < row->n; j++)
			rows[nrows][j] = row->values[j] ? lp_xstrdup(row->values[j]) : NULL;
		widths[nrows++] = row->n;
	}
	if (got < 0)
		rc = LP_EXIT_ERROR;
	/*
	 * JSON Lines may add columns as it goes: the header is known only
	 * now, and earlier rows get empty cells for the columns they lacked.
	 */
	cols = lp_reader_columns(r);
	for (size_t i = 0; i < nrows; i++) {
		if (widths[i] >= cols->n)
			continue;
		rows[i] = lp_xreallocarray(rows[i], cols->n, sizeof **rows);
		memset(rows[i] + widths[i], 0, (cols->n - widths[i]) * sizeof **rows);
		widths[i] = cols->n;
	}
	if (rc == LP_EXIT_OK) {
		switch (o->render_fmt) {
		case LP_FMT_MD:
			render_md(stdout, cols, rows, nrows, o->title);
			break;
		case LP_FMT_HTML:
			lp_report_html_rows(stdout, o->title ? o->title : "lp rows", ctx->today,
			    cols->v, cols->n, rows, nrows);
			break;
		default: {
			struct lp_col *wc = lp_xcalloc(cols->n ? cols->n : 1, sizeof *wc);
			struct lp_writer *w;

			for (size_t j = 0; j < cols->n; j++)
				wc[j] = (struct lp_col){ cols->v[j], column_type(rows, nrows, j) };
			w = lp_writer_new(stdout, o->render_fmt, wc, cols->n, ctx->raw);
			for (size_t i = 0; i < nrows; i++)
				lp_writer_row(w, (const char *const *)rows[i]);
			if (lp_writer_finish(w) < 0)
				rc = LP_EXIT_ERROR;
			free(wc);
		}
		}
	}
	for (size_t i = 0; i < nrows; i++) {
		for (size_t j = 0; j < widths[i]; j++)
			free(rows[i][j]);
		free(rows[i]);
	}
	free(rows);
	free(widths);
	lp_reader_free(r);
	if (in != stdin)
		fclose(in);
	return rc;
}

/* ---- options ---- */

static const struct {
	const char *name;
	unsigned bit;
	int (*run)(struct run *);
} commands[] = {
	{ "summary", CMD_SUMMARY, cmd_summary },
	{ "coverage", CMD_COVERAGE, cmd_coverage },
	{ "html", CMD_HTML, cmd_html },
	{ "pack", CMD_PACK, cmd_pack },
	{ "render", CMD_RENDER, cmd_render },
};

/* Which subcommands an option means something to. */
static int
option_applies(int opt, unsigned cmd)
{
	switch (opt) {
	case OPT_GIT:
	case OPT_REF:
	case LP_OPT_AT:
	case LP_OPT_WINDOWS:
	case LP_OPT_MIN:
		return (cmd & CMD_PORTFOLIOS) != 0;
	case OPT_TITLE:
		return (cmd & (CMD_HTML | CMD_RENDER)) != 0;
	case OPT_ROWS:
	case OPT_GROUP:
		return cmd == CMD_HTML;
	case LP_OPT_WITHIN:
		return (cmd & (CMD_SUMMARY | CMD_HTML | CMD_PACK)) != 0;
	case LP_OPT_NO_COMMIT:
		return 1;	/* nothing is ever committed: accepted, and means nothing */
	default:
		return 1;
	}
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
		case OPT_GIT:
			o->git = optarg;
			continue;
		case OPT_REF:
			o->ref = optarg;
			continue;
		case OPT_TITLE:
			o->title = optarg;
			continue;
		case OPT_ROWS: {
			long n = lp_parse_count(optarg);

			if (n < 0) {
				lp_error("--rows: expected a number of rows (0 or more), got '%s'", optarg);
				return -1;
			}
			o->rows = (size_t)n;
			continue;
		}
		case OPT_GROUP:
			if (strcmp(optarg, "school") == 0)
				o->group = LP_REPORT_BY_SCHOOL;
			else if (strcmp(optarg, "cohort") == 0)
				o->group = LP_REPORT_BY_COHORT;
			else {
				lp_error("--group: expected school or cohort, got '%s'", optarg);
				return -1;
			}
			continue;
		case 'o':
			/* render also writes md and html, which lp_ctx_option refuses. */
			if (o->cmd == CMD_RENDER) {
				if (lp_format_parse(optarg, &o->render_fmt) < 0) {
					lp_error("-o: expected table, csv, tsv, json, jsonl, md or html, got '%s'", optarg);
					return -1;
				}
				continue;
			}
			break;
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
	if (o->ref && !o->git) {
		lp_error("--ref needs --git PATH");
		return -1;
	}
	if (o->git && ctx->at) {
		lp_error("--git reads each repository at HEAD or at --ref GLOB: use --ref, not --at");
		return -1;
	}
	if (o->git && o->noperands > 0 && o->cmd != CMD_RENDER) {
		lp_error("--git PATH names the portfolios: no operands with it");
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct lp_ctx ctx;
	struct opts o;
	struct run run;
	int status;

	lp_ctx_init(&ctx, argv[0]);
	if ((status = lp_early_options(argc, argv, usage)) >= 0)
		return lp_exit(status);
	status = LP_EXIT_ERROR;
	memset(&o, 0, sizeof o);
	o.rows = DEFAULT_ROWS;
	o.render_fmt = LP_FMT_TABLE;
	if (!lp_subcommand_first(argc, argv, LP_SHORTOPTS, long_opts)) {
		lp_error("expected a command: summary, coverage, html, pack or render");
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
	memset(&run, 0, sizeof run);
	if (parse_options(&ctx, &o, argc - 1, argv + 1) < 0) {
		usage(stderr);
		goto out;
	}
	if (lp_ctx_ready(&ctx) < 0)
		goto out;
	run.ctx = &ctx;
	run.o = &o;
	if (calendars_init(&run.cals, &ctx) < 0)
		goto out;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (commands[i].bit == o.cmd)
			status = commands[i].run(&run);
	calendars_free(&run.cals);
out:
	lp_ctx_free(&ctx);
	lp_git_global_shutdown();
	return lp_exit(status);
}
