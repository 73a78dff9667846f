/*
 * lp-report - cohort views for data managers and senior leaders.
 *
 *   summary    one row per practitioner: stage, dates, readiness, counts
 *   coverage   one row per standard: practitioners by level, supported
 *   progress   the same at the end of each month or term, from git history
 *   html       the cohort dashboard, one self-contained HTML file
 *   workbook   the cohort as one Excel workbook, a sheet per view
 *   pack       one portfolio as one HTML document for moderation
 *   render     any lp rows from standard input as a table, Markdown or HTML
 *   credential an accredited portfolio as a signed Open Badges 3.0 credential
 *   verify     check such a credential's signature and dates
 *
 * The cohort is read as practitioners by lib/report-cohort.c, the HTML
 * written by lib/report-html.c and lib/report-pack.c, and credentials
 * made and checked by lib/credential.c: this file is the tables and the
 * choice of what to print.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "credential.h"
#include "lp.h"
#include "report-cohort.h"
#include "report-progress.h"
#include "report.h"

struct opts {
	const char *git, *ref;		/* --git PATH [--ref GLOB] */
	int submitted;			/* --git PATH --submitted */
	const char *title;		/* html, render */
	const char *rows;		/* html: per-practitioner rows shown */
	const char *group;		/* html: school or cohort */
	const char *key, *new_key;	/* credential */
	const char *issuer_name, *issuer_url;
	const char *by, *since, *until;	/* progress */
};

#define DEFAULT_ROWS 1000

enum {
	CMD_SUMMARY, CMD_COVERAGE, CMD_PROGRESS, CMD_HTML, CMD_WORKBOOK, CMD_PACK, CMD_RENDER,
	CMD_CREDENTIAL, CMD_VERIFY
};
#define B(c) (1u << (c))
#define COHORT (B(CMD_SUMMARY) | B(CMD_COVERAGE) | B(CMD_PROGRESS) | B(CMD_HTML) | B(CMD_WORKBOOK))
#define PORTFOLIOS (COHORT | B(CMD_PACK))
#define ROWS (B(CMD_SUMMARY) | B(CMD_COVERAGE) | B(CMD_PROGRESS) | B(CMD_RENDER))

/* --git, --ref; a usage error for what does not go together. */
static int
source_of(const struct lp_ctx *ctx, const struct opts *o, struct lp_report_source *src)
{
	memset(src, 0, sizeof *src);
	if (o->ref && !o->git)
		return lp_usage_error(ctx, "--ref needs --git PATH");
	if (o->submitted && !o->git)
		return lp_usage_error(ctx, "--submitted needs --git PATH");
	if (o->submitted && o->ref)
		return lp_usage_error(ctx, "--submitted chooses the refs itself: not with --ref");
	if (o->git && ctx->at)
		return lp_usage_error(ctx, "--git reads each repository at HEAD or at --ref GLOB: "
		    "use --ref, not --at");
	if (o->git && ctx->noperands > 0)
		return lp_usage_error(ctx, "--git PATH names the portfolios: no operands with it");
	src->git = o->git;
	src->ref = o->ref;
	src->submitted = o->submitted;
	return 0;
}

/* A reader for the cohort commands: LP_EXIT_OK, or the status to exit with. */
static int
reader_open(struct lp_report_reader *r, struct lp_ctx *ctx, const struct opts *o)
{
	struct lp_report_source src;
	int rc;

	if ((rc = source_of(ctx, o, &src)))
		return rc;
	if (lp_report_reader_init(r, ctx, &src) < 0) {
		lp_report_reader_free(r);
		return LP_EXIT_ERROR;
	}
	return LP_EXIT_OK;
}

/* ---- summary ---- */

static int
summary_one(struct lp_report_person *pp, void *arg)
{
	struct lp_rowset *rows = arg;
	struct lp_report_summary_row row;

	lp_report_summary_row(pp, &row);
	lp_rowset_add(rows, pp->id, row.v);
	return 0;
}

static int
cmd_summary(struct lp_ctx *ctx, void *arg)
{
	struct lp_report_reader r;
	struct lp_rowset rows;
	struct lp_writer *w;
	int rc;

	if ((rc = reader_open(&r, ctx, arg)))
		return rc;
	lp_rowset_init(&rows, lp_report_summary_ncols);
	rc = lp_report_each(&r, summary_one, &rows);
	lp_rowset_sort(&rows);
	w = lp_ctx_writer(ctx, lp_report_summary_cols, lp_report_summary_ncols);
	lp_rowset_write(&rows, w);
	if (lp_writer_finish(w) < 0)
		rc = -1;
	lp_rowset_free(&rows);
	lp_report_reader_free(&r);
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ---- coverage ---- */

static int
coverage_one(struct lp_report_person *pp, void *arg)
{
	lp_report_cov_add(arg, pp);
	return 0;
}

static int
cmd_coverage(struct lp_ctx *ctx, void *arg)
{
	struct lp_report_reader r;
	struct lp_report_cov cov = {0};
	struct lp_writer *w;
	int rc;

	if ((rc = reader_open(&r, ctx, arg)))
		return rc;
	rc = lp_report_each(&r, coverage_one, &cov);
	w = lp_ctx_writer(ctx, lp_report_coverage_cols, lp_report_coverage_ncols);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		struct lp_report_coverage_row row;

		lp_report_coverage_row(&cov, i, &row);
		lp_writer_row(w, row.v);
	}
	if (lp_writer_finish(w) < 0)
		rc = -1;
	lp_report_reader_free(&r);
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ---- progress ---- */

static int
progress_one(struct lp_portfolio *p, void *arg)
{
	return lp_cohort_progress_add(arg, p);
}

/* --by, --since, --until: 0, or a usage error. */
static int
progress_options(struct lp_ctx *ctx, const struct opts *o, enum lp_period_kind *by,
    lp_date *since, lp_date *until)
{
	*by = LP_BY_MONTH;
	if (o->by && strcmp(o->by, "term") == 0)
		*by = LP_BY_TERM;
	else if (o->by && strcmp(o->by, "month") != 0)
		return lp_usage_error(ctx, "--by: expected month or term, got '%s'", o->by);
	*until = ctx->today;
	if (o->until && lp_date_parse(o->until, until) < 0)
		return lp_usage_error(ctx, "--until: expected a date YYYY-MM-DD, got '%s'", o->until);
	/* A year of periods by default: the last twelve months or three terms. */
	*since = lp_date_add_years(*until, -1) + 1;
	if (o->since && lp_date_parse(o->since, since) < 0)
		return lp_usage_error(ctx, "--since: expected a date YYYY-MM-DD, got '%s'", o->since);
	if (*since > *until)
		return lp_usage_error(ctx, "--since %s is after --until %s",
		    o->since ? o->since : "(a year before --until)", o->until ? o->until : "(today)");
	return 0;
}

static int
cmd_progress(struct lp_ctx *ctx, void *arg)
{
	const struct opts *o = arg;
	struct lp_cohort_progress pr;
	struct lp_report_reader r;
	struct lp_calendar cal;
	enum lp_period_kind by;
	lp_date since, until;
	struct lp_writer *w;
	int rc;

	if ((rc = progress_options(ctx, o, &by, &since, &until)))
		return rc;
	if (lp_calendar_for(&cal, ctx->windows_path, ctx->dir) < 0)
		return LP_EXIT_ERROR;
	rc = lp_cohort_progress_init(&pr, by, &cal, since, until);
	lp_calendar_free(&cal);
	if (rc < 0)
		return LP_EXIT_ERROR;
	if ((rc = reader_open(&r, ctx, o))) {
		lp_cohort_progress_free(&pr);
		return rc;
	}
	rc = lp_report_each_portfolio(&r, LP_LOAD_ALL, progress_one, &pr);
	w = lp_ctx_writer(ctx, lp_progress_cols, LP_PROGRESS_NCOLS);
	lp_cohort_progress_write(&pr, w);
	if (lp_writer_finish(w) < 0)
		rc = -1;
	lp_cohort_progress_free(&pr);
	lp_report_reader_free(&r);
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ---- html ---- */

static int
html_one(struct lp_report_person *pp, void *arg)
{
	lp_report_cohort_add(arg, pp);
	return 0;
}

/* --rows and --group: 0, or a usage error. */
static int
html_options(struct lp_ctx *ctx, const struct opts *o, struct lp_report_cohort *c)
{
	long n = DEFAULT_ROWS;

	if (o->rows && (n = lp_parse_count(o->rows)) < 0)
		return lp_usage_error(ctx, "--rows: expected a number of rows (0 or more), got '%s'",
		    o->rows);
	c->rows_max = (size_t)n;
	c->group = LP_REPORT_BY_SCHOOL;
	if (o->group && strcmp(o->group, "cohort") == 0)
		c->group = LP_REPORT_BY_COHORT;
	else if (o->group && strcmp(o->group, "school") != 0)
		return lp_usage_error(ctx, "--group: expected school or cohort, got '%s'", o->group);
	return 0;
}

static int
cmd_html(struct lp_ctx *ctx, void *arg)
{
	const struct opts *o = arg;
	struct lp_report_reader r;
	struct lp_report_cohort c;
	struct lp_findings problems = {0}, *old;
	struct lp_cohort_progress progress = {0};
	char *source = NULL;
	int rc;

	memset(&c, 0, sizeof c);
	if ((rc = html_options(ctx, o, &c)) || (rc = reader_open(&r, ctx, o)))
		return rc;
	c.title = o->title ? o->title : "Lead Practitioner cohort report";
	c.fw = ctx->fw;
	c.today = ctx->today;
	c.min_level = ctx->min_level;
	c.within = lp_report_within(ctx);
	if (o->git)
		source = lp_xasprintf("git %s%s%s", o->git, o->ref ? " refs " : o->submitted ?
		    " at each portfolio's latest submission" : "", o->ref ? o->ref : "");
	else if (ctx->at)
		source = lp_xasprintf("git revision %s", ctx->at);
	c.source = source;
	/* The Progress section: the year up to today, a month at a time. */
	if (lp_cohort_progress_init(&progress, LP_BY_MONTH, NULL,
	    lp_date_add_years(ctx->today, -1) + 1, ctx->today) == 0) {
		r.progress = &progress;
		c.progress = &progress;
	}
	/* What could not be read is named on the page too (lib/report-problems.c). */
	old = lp_diag_capture(&problems);
	rc = lp_report_each(&r, html_one, &c);
	lp_report_problems_replay(&problems, old);
	c.incomplete = rc < 0;
	c.problems = &problems;
	lp_report_html_cohort(stdout, &c);
	lp_report_cohort_free(&c);
	lp_report_reader_free(&r);
	lp_findings_free(&problems);
	lp_cohort_progress_free(&progress);
	free(source);
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ---- workbook ---- */

static int
cmd_workbook(struct lp_ctx *ctx, void *arg)
{
	struct lp_report_reader r;
	struct lp_report_cohort c;
	struct lp_cohort_progress progress = {0};
	struct lp_calendar cal;
	int rc;

	/* Refused before any portfolio is read, as -o xlsx is (SPEC 4). */
	if (isatty(STDOUT_FILENO)) {
		lp_error("workbook: a workbook is not for a terminal; redirect standard output "
		    "to a file (> cohort.xlsx)");
		return LP_EXIT_ERROR;
	}
	if ((rc = reader_open(&r, ctx, arg)))
		return rc;
	memset(&c, 0, sizeof c);
	c.today = ctx->today;
	/* The progress sheet: term by term over the two years up to today. */
	if (lp_calendar_for(&cal, ctx->windows_path, ctx->dir) == 0) {
		if (lp_cohort_progress_init(&progress, LP_BY_TERM, &cal,
		    lp_date_add_years(ctx->today, -2) + 1, ctx->today) == 0)
			r.progress = &progress;
		lp_calendar_free(&cal);
	}
	rc = lp_report_each(&r, html_one, &c);
	if (lp_report_workbook(&c, r.progress, stdout) < 0)
		rc = -1;
	lp_report_cohort_free(&c);
	lp_report_reader_free(&r);
	lp_cohort_progress_free(&progress);
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ---- pack ---- */

struct pack_run {
	struct lp_report_reader *r;
	char *html;		/* the first portfolio's pack */
	size_t len;
	size_t count;
	int rc;
};

static int
pack_into(struct lp_report_reader *r, const struct lp_portfolio *p, FILE *out)
{
	struct lp_report_person pp;
	int rc;

	if (lp_report_person_of(r, p, &pp) < 0)
		return -1;
	rc = lp_report_html_pack(out, r->ctx, p, &pp);
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
	pr->rc = pack_into(pr->r, p, mem);
	if (fclose(mem) != 0)
		lp_die("out of memory");
	return 0;
}

static int
pack_git(struct lp_report_reader *r, const char *git)
{
	struct pack_run pr = { .r = r };
	int rc = lp_report_each_portfolio(r, LP_LOAD_ALL | LP_LOAD_BODIES, pack_git_one, &pr);

	if (pr.count > 1)
		lp_error("%s: pack takes one portfolio, and --git found %zu (name one repository, "
		    "and a --ref that matches one ref)", git, pr.count);
	if (pr.count == 0 && rc == 0)
		lp_error("%s: no portfolio found", git);
	if (pr.count == 1 && rc == 0)
		fwrite(pr.html, 1, pr.len, stdout);
	free(pr.html);
	return rc == 0 && pr.count == 1 && pr.rc == 0 ? LP_EXIT_OK : LP_EXIT_ERROR;
}

static int
cmd_pack(struct lp_ctx *ctx, void *arg)
{
	const struct opts *o = arg;
	struct lp_report_reader r;
	struct lp_portfolio p;
	char *root = NULL;
	int rc;

	if ((rc = reader_open(&r, ctx, o)))
		return rc;
	if (o->git) {
		rc = pack_git(&r, o->git);
		lp_report_reader_free(&r);
		return rc;
	}
	rc = lp_portfolio_find(ctx->noperands ? ctx->operands[0] : ctx->dir, &root);
	if (rc == 0) {
		rc = lp_portfolio_open(ctx, root, LP_LOAD_ALL | LP_LOAD_BODIES, &p);
		if (rc == 0)
			rc = pack_into(&r, &p, stdout);
		lp_portfolio_free(&p);
	}
	free(root);
	lp_report_reader_free(&r);
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ---- render ---- */

static int
cmd_render(struct lp_ctx *ctx, void *arg)
{
	const struct opts *o = arg;
	const char *name = ctx->noperands ? ctx->operands[0] : "-";
	/* Rows to be read by people: a table unless asked, also into a pipe. */
	enum lp_format fmt = ctx->format_set ? ctx->format : LP_FMT_TABLE;
	FILE *in = stdin;
	int rc;

	if (strcmp(name, "-") != 0 && !(in = fopen(name, "r"))) {
		lp_error("%s: %s", name, strerror(errno));
		return LP_EXIT_ERROR;
	}
	rc = lp_report_render(ctx, in, name, fmt, o->title, stdout);
	if (in != stdin)
		fclose(in);
	return rc;
}

/* ---- credential, verify ---- */

static int
new_key(struct lp_ctx *ctx, const struct opts *o)
{
	struct lp_buf did = {0};
	int rc;

	if (o->key || o->issuer_name || o->issuer_url || ctx->noperands)
		return lp_usage_error(ctx, "--new-key FILE makes a key, and takes nothing else");
	rc = lp_credential_new_key(o->new_key, &did);
	if (rc == 0)
		printf("%s\n", lp_buf_str(&did));
	lp_buf_free(&did);
	return rc == 0 ? LP_EXIT_OK : LP_EXIT_ERROR;
}

static int
cmd_credential(struct lp_ctx *ctx, void *arg)
{
	const struct opts *o = arg;
	struct lp_portfolio p;
	struct lp_buf out = {0};
	char *root = NULL;
	int rc;

	if (o->new_key)
		return new_key(ctx, o);
	if (!o->key || !o->issuer_name)
		return lp_usage_error(ctx, "credential needs --key FILE and --issuer-name NAME "
		    "(or --new-key FILE)");
	if (lp_portfolio_find(ctx->noperands ? ctx->operands[0] : ctx->dir, &root) < 0)
		return LP_EXIT_ERROR;
	rc = lp_portfolio_open(ctx, root, LP_LOAD_ALL | LP_LOAD_BODIES, &p);
	if (rc == 0)
		rc = lp_credential_issue(&p, ctx->fw, ctx->today, o->key, o->issuer_name,
		    o->issuer_url, &out);
	if (rc == 0)
		fwrite(out.data, 1, out.len, stdout);
	lp_portfolio_free(&p);
	lp_buf_free(&out);
	free(root);
	return rc == 0 ? LP_EXIT_OK : rc == 1 ? LP_EXIT_FOUND : LP_EXIT_ERROR;
}

static int
cmd_verify(struct lp_ctx *ctx, void *arg)
{
	const char *name = ctx->noperands ? ctx->operands[0] : "-";
	int from_stdin = strcmp(name, "-") == 0;
	struct lp_buf in = {0}, why = {0};
	int rc;

	if (from_stdin)
		rc = lp_fd_read(0, "<stdin>", LP_FILE_MAX, &in);
	else if ((rc = lp_file_read(name, LP_FILE_MAX, &in)) == 1)
		lp_error("%s: %s", name, strerror(ENOENT));
	if (rc != 0) {
		lp_buf_free(&in);
		return LP_EXIT_ERROR;
	}
	rc = lp_credential_verify(lp_buf_str(&in), in.len, ctx->today, &why);
	if (rc < 0)
		lp_error("%s: %s", from_stdin ? "<stdin>" : name, lp_buf_str(&why));
	else
		printf("%s%s\n", rc ? "invalid: " : "", lp_buf_str(&why));
	lp_buf_free(&in);
	lp_buf_free(&why);
	return rc == 0 ? LP_EXIT_OK : rc == 1 ? LP_EXIT_FOUND : LP_EXIT_ERROR;
}

/* ---- the tables ---- */

static const struct lp_cli_cmd commands[] = {
	[CMD_SUMMARY] = { "summary", "[COHORT ...]",
	    "one row per practitioner: stage, dates, readiness, counts",
	    0, -1, cmd_summary, LP_CLI_V_DIR, 0 },
	[CMD_COVERAGE] = { "coverage", "[COHORT ...]",
	    "one row per standard: practitioners at each level, and supported",
	    0, -1, cmd_coverage, LP_CLI_V_DIR, 0 },
	[CMD_PROGRESS] = { "progress", "[COHORT ...]",
	    "at the end of each month or term, practitioners at each level of each standard",
	    0, -1, cmd_progress, LP_CLI_V_DIR, 0 },
	[CMD_HTML] = { "html", "[COHORT ...]", "the cohort dashboard as one self-contained HTML file",
	    0, -1, cmd_html, LP_CLI_V_DIR, 0 },
	[CMD_WORKBOOK] = { "workbook", "[COHORT ...]",
	    "the cohort as one Excel workbook: summary, coverage, levels, deadlines, expiries",
	    0, -1, cmd_workbook, LP_CLI_V_DIR, 0 },
	[CMD_PACK] = { "pack", "[PORTFOLIO]", "one portfolio as one HTML document for moderation",
	    0, 1, cmd_pack, LP_CLI_V_DIR, 0 },
	[CMD_RENDER] = { "render", "[FILE]", "rows from standard input as a table, Markdown or HTML",
	    0, 1, cmd_render, LP_CLI_V_FILE, LP_CLI_CMD_RENDER },
	[CMD_CREDENTIAL] = { "credential", "[PORTFOLIO]",
	    "an accredited portfolio as a signed Open Badges 3.0 credential",
	    0, 1, cmd_credential, LP_CLI_V_DIR, 0 },
	[CMD_VERIFY] = { "verify", "[FILE]", "check a credential's signature and dates",
	    0, 1, cmd_verify, LP_CLI_V_FILE, 0 },
};

static const struct lp_cli_opt options[] = {
	LP_CLI_STR(0, "title", "TITLE", "the title and heading of the html page (also render -o html)",
	    B(CMD_HTML) | B(CMD_RENDER), struct opts, title, LP_CLI_V_NONE),
	LP_CLI_STR(0, "rows", "N", "the most rows each per-practitioner table of html shows (default 1000)",
	    B(CMD_HTML), struct opts, rows, LP_CLI_V_NONE),
	LP_CLI_STR(0, "group", "GROUP", "what html groups practitioners by: school (the default) or cohort",
	    B(CMD_HTML), struct opts, group, LP_CLI_V_NONE),
	LP_CLI_STR(0, "by", "month|term", "progress: a row per standard at the end of each month or term",
	    B(CMD_PROGRESS), struct opts, by, LP_CLI_V_WORDS),
	LP_CLI_STR(0, "since", "DATE", "progress: periods that end on or after DATE (default: a year before --until)",
	    B(CMD_PROGRESS), struct opts, since, LP_CLI_V_DATE),
	LP_CLI_STR(0, "until", "DATE", "progress: periods that end on or before DATE (default: today)",
	    B(CMD_PROGRESS), struct opts, until, LP_CLI_V_DATE),
	LP_CLI_OPT_WITHIN(B(CMD_SUMMARY) | B(CMD_HTML) | B(CMD_WORKBOOK) | B(CMD_PACK),
	    "how close an expiry makes the stage due, and how far ahead html looks (default 180)"),
	LP_CLI_OPT_MIN(PORTFOLIOS & ~B(CMD_PROGRESS)),
	LP_CLI_STR(0, "key", "FILE", "the credential's signing key, as --new-key writes it",
	    B(CMD_CREDENTIAL), struct opts, key, LP_CLI_V_FILE),
	LP_CLI_STR(0, "issuer-name", "NAME", "the issuer's name in the credential, for example the school or trust",
	    B(CMD_CREDENTIAL), struct opts, issuer_name, LP_CLI_V_NONE),
	LP_CLI_STR(0, "issuer-url", "URL", "the issuer's web address (https://...), put in the credential",
	    B(CMD_CREDENTIAL), struct opts, issuer_url, LP_CLI_V_NONE),
	LP_CLI_STR(0, "new-key", "FILE", "make a new signing key in FILE (mode 0600), never replacing a file",
	    B(CMD_CREDENTIAL), struct opts, new_key, LP_CLI_V_FILE),
	LP_CLI_OPT_AT(PORTFOLIOS | B(CMD_CREDENTIAL)),
	LP_CLI_STR(0, "git", "PATH", "read portfolios from the git repositories at PATH instead of directories",
	    PORTFOLIOS, struct opts, git, LP_CLI_V_DIR),
	LP_CLI_STR(0, "ref", "GLOB", "with --git: read every ref whose full name matches GLOB",
	    PORTFOLIOS, struct opts, ref, LP_CLI_V_NONE),
	LP_CLI_FLAG(0, "submitted", "with --git: each portfolio as at its latest submission tag",
	    PORTFOLIOS, struct opts, submitted),
	LP_CLI_OPT_JOBS(COHORT),
	LP_CLI_OPT_SCHOOL(COHORT),
	LP_CLI_OPT_COHORT(COHORT),
	LP_CLI_OPT_WINDOWS(PORTFOLIOS),
	LP_CLI_OPT_C(LP_CLI_ALL),
	LP_CLI_OPT_O(ROWS),
	LP_CLI_OPT_BOM(ROWS),
	LP_CLI_OPT_RAW(ROWS),
	LP_CLI_OPT_Q(LP_CLI_ALL),
	LP_CLI_OPT_TODAY(LP_CLI_ALL),
	LP_CLI_OPT_FRAMEWORK(PORTFOLIOS | B(CMD_CREDENTIAL)),
};

static const struct lp_cli_prog prog = {
	"lp-report", "Cohort views for data managers and senior leaders, moderation packs "
	"and signed credentials.",
	commands, sizeof commands / sizeof commands[0],
	options, sizeof options / sizeof options[0],
	NULL, NULL,
};

int
main(int argc, char **argv)
{
	struct opts o = {0};

	return lp_cli_main(&prog, &o, argc, argv);
}
