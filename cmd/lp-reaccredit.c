/*
 * lp-reaccredit - the three-year cycle after accreditation: when each
 * award expires, and the case study that renews it.
 *
 *   status     per portfolio: accredited, expires, days left, status
 *   due        for cron: the due and expired ones only
 *   annotate   a filter adding expiry columns to rows with `accredited`
 *   init       write case-study.md with every section and a hint under each
 *   check      a validator: is the case study complete (findings only)
 *   show       the case study's sections: words and state of each
 *   submit     record the submission of the case study, commit and tag it
 *
 * Expiry and the due/expired rule come from lib/rules.c (lp_renewal_of);
 * the case study is read and checked by lib/casestudy.c, the one reader
 * that lp check uses too.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casestudy.h"
#include "cli.h"
#include "docwrite.h"
#include "lp.h"
#include "submit.h"

struct opts {
	const char *theme;		/* init */
	int keep_going;			/* annotate */
};

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
run_status(struct lp_ctx *ctx, int due_only)
{
	static const struct lp_col cols[] = {
		{ "id", LP_COL_STR }, { "name", LP_COL_STR },
		{ "accredited", LP_COL_DATE }, { "expires", LP_COL_DATE },
		{ "days_left", LP_COL_INT }, { "status", LP_COL_STR },
	};
	struct status_run run = { .ctx = ctx, .due_only = due_only };
	struct lp_writer *w;
	int rc;

	lp_rowset_init(&run.rows, 6);
	rc = lp_cohort_each(ctx, ctx->operands, ctx->noperands, 0, status_one, &run);
	w = lp_ctx_writer(ctx, cols, 6);
	lp_rowset_sort(&run.rows);
	lp_rowset_write(&run.rows, w);
	if (lp_writer_finish(w) < 0)
		rc = -1;
	lp_rowset_free(&run.rows);
	if (rc < 0)
		return LP_EXIT_ERROR;
	return due_only && run.found ? LP_EXIT_FOUND : LP_EXIT_OK;
}

static int
cmd_status(struct lp_ctx *ctx, void *arg)
{
	(void)arg;
	return run_status(ctx, 0);
}

static int
cmd_due(struct lp_ctx *ctx, void *arg)
{
	(void)arg;
	return run_status(ctx, 1);
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
cmd_annotate(struct lp_ctx *ctx, void *arg)
{
	const struct opts *o = arg;
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

	return lp_annotate(ctx, &spec, ctx->noperands ? ctx->operands[0] : NULL);
}

/* ---- check and show: the case study, read by lib/casestudy.c ---- */

static void
say_no_case_study(const struct lp_portfolio *p, struct lp_findings *f)
{
	char *file = lp_tree_path(p->tree, LP_CASE_STUDY);

	if (f) {
		lp_findings_add(f, file, 0, LP_SEV_ERROR,
		    "no such file: there is no case study yet (lp-reaccredit init writes one)");
		lp_findings_fail(f, file);
	} else {
		lp_errorat(file, 0, "no such file: there is no case study yet (lp-reaccredit init writes one)");
	}
	free(file);
}

/* lp check skips a portfolio without a case study; this validator is asked for one. */
static void
check_required(const struct lp_ctx *ctx, const struct lp_portfolio *p, struct lp_findings *f)
{
	if (p->has_case_study == 0) {
		say_no_case_study(p, f);
		return;
	}
	lp_check_case_study(ctx, p, f);
}

static int
cmd_check(struct lp_ctx *ctx, void *arg)
{
	static const lp_check_fn checks[] = { check_required };

	(void)arg;
	return lp_validate(ctx, 0, checks, 1);
}

struct show_run {
	struct lp_rowset rows;
	size_t portfolios, studies;
	char *missing;		/* the first case-study.md that is not there */
};

static int
show_one(struct lp_portfolio *p, void *arg)
{
	struct show_run *run = arg;
	struct lp_case_study cs;
	int rc;

	run->portfolios++;
	if (p->has_case_study == 0) {
		if (!run->missing)
			run->missing = lp_tree_path(p->tree, LP_CASE_STUDY);
		return 0;
	}
	if ((rc = lp_case_study_load(&cs, p->tree)) != 0)
		return rc == 1 ? 0 : -1;
	run->studies++;
	for (size_t i = 0; i < LP_CS_NSECTIONS; i++) {
		char words[24];
		const char *v[4];

		snprintf(words, sizeof words, "%zu", cs.sec[i].words);
		v[0] = p->id;
		v[1] = lp_cs_section_name(i);
		v[2] = words;
		v[3] = lp_cs_section_status(&cs, i);
		lp_rowset_add(&run->rows, p->id, v);
	}
	lp_case_study_free(&cs);
	return 0;
}

static int
cmd_show(struct lp_ctx *ctx, void *arg)
{
	static const struct lp_col cols[] = {
		{ "id", LP_COL_STR }, { "section", LP_COL_STR },
		{ "words", LP_COL_INT }, { "status", LP_COL_STR },
	};
	struct show_run run = {0};
	struct lp_writer *w;
	int rc;

	(void)arg;
	lp_rowset_init(&run.rows, 4);
	rc = lp_cohort_each(ctx, ctx->operands, ctx->noperands, 0, show_one, &run);
	/* One portfolio, and no case study in it: an error, as in check. */
	if (rc == 0 && run.portfolios == 1 && run.studies == 0 && run.missing) {
		lp_errorat(run.missing, 0, "no such file: there is no case study yet "
		    "(lp-reaccredit init writes one)");
		rc = -1;
	}
	w = lp_ctx_writer(ctx, cols, 4);
	lp_rowset_sort(&run.rows);
	lp_rowset_write(&run.rows, w);
	if (lp_writer_finish(w) < 0)
		rc = -1;
	lp_rowset_free(&run.rows);
	free(run.missing);
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ---- init and submit: commands that write ---- */

/* The portfolio named by the operand (relative to -C) or around -C / ".". */
static int
portfolio_root(const struct lp_ctx *ctx, char **root)
{
	char *dir;
	int rc;

	if (ctx->at) {
		lp_error("--at reads a past revision; this command writes, so it takes no --at");
		return -2;
	}
	if (ctx->noperands == 0)
		return lp_portfolio_find(ctx->dir, root);
	if (ctx->dir && ctx->operands[0][0] != '/')
		dir = lp_xasprintf("%s/%s", ctx->dir, ctx->operands[0]);
	else
		dir = lp_xstrdup(ctx->operands[0]);
	rc = lp_portfolio_find(dir, root);
	free(dir);
	return rc;
}

static int
cmd_init(struct lp_ctx *ctx, void *arg)
{
	const struct opts *o = arg;
	struct lp_portfolio p;
	struct lp_lock *lock = NULL;
	struct lp_doc doc = {0};
	struct lp_buf body = {0};
	char *root = NULL, *path = NULL;
	int rc = LP_EXIT_ERROR, r;

	memset(&p, 0, sizeof p);
	if ((r = portfolio_root(ctx, &root)) < 0)
		return r == -2 ? lp_usage_error(ctx, NULL) : LP_EXIT_ERROR;
	if (lp_lock_take(root, &lock) < 0 || lp_portfolio_open(ctx, root, 0, &p) < 0)
		goto out;
	path = lp_xasprintf("%s/%s", root, LP_CASE_STUDY);
	if (access(path, F_OK) == 0 || errno != ENOENT) {
		lp_error("%s: already exists: refusing to overwrite a case study", path);
		goto out;
	}
	if (p.accredited == LP_DATE_NONE)
		lp_warnat(p.doc.path, 0, "no accredited date yet: the case study renews an accreditation");
	lp_doc_set(&doc, "title", "");
	lp_doc_set(&doc, "theme", o->theme ? o->theme : p.theme);
	lp_doc_set(&doc, "signed-off-by", "");
	lp_doc_set(&doc, "signed-off-on", "");
	lp_case_study_template(&body);
	lp_doc_set_body(&doc, lp_buf_str(&body), body.len);
	/* A failed commit removes the file again: a retry starts afresh. */
	if (lp_portfolio_save_doc(ctx, root, LP_CASE_STUDY, &doc, "reaccredit: start case study", NULL) < 0)
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

/*
 * A submission whose commit was made but whose tag is missing: tag it
 * now.  1 when there was one (finished, or -1 on failure), 0 when not.
 */
static int
finish_unfinished(struct lp_git *git, const char *root, const struct lp_portfolio *p,
    const struct lp_case_study *cs, int *rc)
{
	const char *date = lp_doc_get(&cs->doc, "submitted");
	struct lp_submission s = { .root = root, .file = LP_CASE_STUDY,
	    .unfinished = "reaccredit: submit case study" };
	char *tag, *msg, *made = NULL;
	int r;

	if (!date || !*date)
		return 0;
	tag = lp_xasprintf("lp/reaccreditation/%s/%s", p->id, date);
	msg = lp_xasprintf("%s (%s) submitted the re-accreditation case study on %s", p->name, p->id, date);
	s.tag = tag;
	s.tag_message = msg;
	if ((r = lp_submit_unfinished(git, &s)) == 1) {
		if (lp_submit_finish(git, &s, &made) == 0) {
			printf("%s: case study submitted on %s (committed before), tagged %s\n",
			    p->id, date, made);
			*rc = LP_EXIT_OK;
		}
	} else if (r < 0) {
		r = 1;
	}
	free(made);
	free(tag);
	free(msg);
	return r;
}

/* The case study's problems, shown; 1 when they rule the submission out. */
static int
study_refused(const struct lp_ctx *ctx, const struct lp_portfolio *p, const struct lp_case_study *cs)
{
	struct lp_findings found = {0};
	char *file = lp_tree_path(p->tree, LP_CASE_STUDY);
	int refused;

	lp_case_study_check(cs, file, ctx->today, p->accredited, &found);
	for (size_t i = 0; i < found.n; i++)
		lp_diag_print(found.v[i].file, found.v[i].line,
		    found.v[i].severity == LP_SEV_WARNING, found.v[i].message);
	refused = lp_findings_status(&found) != 0;
	if (refused)
		lp_error("%s: refusing to submit: the case study does not pass lp-reaccredit check (above)",
		    p->label);
	lp_findings_free(&found);
	free(file);
	return refused;
}

static int
cmd_submit(struct lp_ctx *ctx, void *arg)
{
	struct lp_portfolio p;
	struct lp_case_study cs;
	struct lp_submission s = { .file = LP_CASE_STUDY,
	    .message = "reaccredit: submit case study" };
	struct lp_git *git = NULL;
	struct lp_lock *lock = NULL;
	char *root = NULL, *prefix = NULL, *tag = NULL, *tagmsg = NULL, *made = NULL;
	char today[11];
	int rc = LP_EXIT_ERROR, refused = 0, clean = 0, r;

	(void)arg;
	memset(&p, 0, sizeof p);
	memset(&cs, 0, sizeof cs);
	if ((r = portfolio_root(ctx, &root)) < 0)
		return r == -2 ? lp_usage_error(ctx, NULL) : LP_EXIT_ERROR;
	if ((r = lp_git_open(root, &git)) != 0) {
		if (r == 1)
			lp_error("%s: not in a git work tree: a submission is a commit and a tag "
			    "(lp init, or git init, makes one)", root);
		goto out;
	}
	if (lp_lock_take(root, &lock) < 0 || lp_portfolio_open(ctx, root, 0, &p) < 0 ||
	    lp_git_prefix(git, root, &prefix) < 0)
		goto out;
	if ((r = lp_case_study_load(&cs, p.tree)) != 0) {
		if (r == 1)
			say_no_case_study(&p, NULL);
		goto out;
	}
	if (!ctx->no_commit && finish_unfinished(git, root, &p, &cs, &rc))
		goto out;
	if (p.accredited == LP_DATE_NONE) {
		lp_error("%s: refusing to submit: portfolio.md has no accredited date, so there is nothing to renew",
		    p.label);
		refused = 1;
	}
	if (lp_git_is_clean(git, prefix, &clean) < 0)
		goto out;
	if (!clean) {
		lp_error("%s: refusing to submit: the work tree has changes that are not committed "
		    "(commit them, or move them away, first)", p.label);
		refused = 1;
	}
	if (study_refused(ctx, &p, &cs))
		refused = 1;
	if (refused) {
		rc = LP_EXIT_FOUND;
		goto out;
	}
	lp_date_format(ctx->today, today);
	lp_doc_set(&cs.doc, "submitted", today);
	tag = lp_xasprintf("lp/reaccreditation/%s/%s", p.id, today);
	tagmsg = lp_xasprintf("%s (%s) submitted the re-accreditation case study on %s", p.name, p.id, today);
	s.root = root;
	s.doc = &cs.doc;
	s.tag = tag;
	s.tag_message = tagmsg;
	if (lp_submit_record(ctx, git, &s, &made) < 0)
		goto out;
	if (made)
		printf("%s: case study submitted on %s, tagged %s\n", p.id, today, made);
	else
		printf("%s: case study submitted on %s, not committed\n", p.id, today);
	rc = LP_EXIT_OK;
out:
	lp_case_study_free(&cs);
	lp_portfolio_free(&p);
	lp_lock_release(lock);
	lp_git_free(git);
	free(prefix);
	free(tag);
	free(tagmsg);
	free(made);
	free(root);
	return rc;
}

/* ---- main ---- */

enum { CMD_STATUS, CMD_DUE, CMD_ANNOTATE, CMD_INIT, CMD_CHECK, CMD_SHOW, CMD_SUBMIT };
#define B(c) (1u << (c))
#define ROWS (B(CMD_STATUS) | B(CMD_DUE) | B(CMD_ANNOTATE) | B(CMD_CHECK) | B(CMD_SHOW))
#define PORTFOLIOS (B(CMD_STATUS) | B(CMD_DUE) | B(CMD_CHECK) | B(CMD_SHOW))
#define WRITERS (B(CMD_INIT) | B(CMD_SUBMIT))

static const struct lp_cli_cmd commands[] = {
	{ "status", "[PORTFOLIO ...]", "each portfolio's accreditation, expiry and days left",
	    0, -1, cmd_status, LP_CLI_V_DIR, 0 },
	{ "due", "[PORTFOLIO ...]", "for cron: the accreditations due or expired (exit 1 if any)",
	    0, -1, cmd_due, LP_CLI_V_DIR, 0 },
	{ "annotate", "[FILE]", "append expiry columns to rows that have an accredited column",
	    0, 1, cmd_annotate, LP_CLI_V_FILE, 0 },
	{ "init", "[PORTFOLIO]", "write case-study.md from the template and commit it",
	    0, 1, cmd_init, LP_CLI_V_DIR, 0 },
	{ "check", "[PORTFOLIO ...]", "check the case study: sections, standards, sources, sign-off",
	    0, -1, cmd_check, LP_CLI_V_DIR, 0 },
	{ "show", "[PORTFOLIO ...]", "the case study's sections: words and state of each",
	    0, -1, cmd_show, LP_CLI_V_DIR, 0 },
	{ "submit", "[PORTFOLIO]", "record the submission of the case study, commit and tag it",
	    0, 1, cmd_submit, LP_CLI_V_DIR, 0 },
};

static const struct lp_cli_opt options[] = {
	LP_CLI_OPT_WITHIN(B(CMD_STATUS) | B(CMD_DUE) | B(CMD_ANNOTATE),
	    "due within DAYS days (default 180)"),
	LP_CLI_FLAG(0, "keep-going", "a row with a bad date gets empty columns and a warning",
	    B(CMD_ANNOTATE), struct opts, keep_going),
	LP_CLI_STR(0, "theme", "THEME", "the case study's overarching theme (default: the portfolio's)",
	    B(CMD_INIT), struct opts, theme, LP_CLI_V_NONE),
	LP_CLI_OPT_AT(PORTFOLIOS),
	LP_CLI_OPT_JOBS(PORTFOLIOS),
	LP_CLI_OPT_SCHOOL(PORTFOLIOS),
	LP_CLI_OPT_COHORT(PORTFOLIOS),
	LP_CLI_OPT_C(LP_CLI_ALL),
	LP_CLI_OPT_O(ROWS),
	LP_CLI_OPT_BOM(ROWS),
	LP_CLI_OPT_RAW(ROWS),
	LP_CLI_OPT_Q(LP_CLI_ALL),
	LP_CLI_OPT_TODAY(LP_CLI_ALL),
	LP_CLI_OPT_NO_COMMIT(WRITERS),
};

static const struct lp_cli_prog prog = {
	"lp-reaccredit", "The three-year cycle: expiry, and the case study that renews "
	"an accreditation.",
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
