/*
 * lp-window - the calendar of an accreditation: assessment windows, the
 * two-year deadline, submission into a window and the moderation outcome.
 *
 *   list       the windows of the calendar (built in, or windows.csv)
 *   status     per portfolio: deadline, next and last window, stage
 *   check      for cron: who must act before the deadline or the last window
 *   annotate   a filter adding deadline columns to rows with `commenced`
 *   submit     record a submission, commit and tag it
 *   outcome    record what moderation decided
 *
 * Every date rule (deadline, usable window, stage) comes from lib/rules.c;
 * this file only chooses what to ask and prints the answers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendars.h"
#include "cli.h"
#include "docwrite.h"
#include "lp.h"
#include "submit.h"

struct opts {
	const char *since, *until;	/* list */
	const char *window;		/* submit */
	int force;			/* submit */
	const char *date;		/* outcome */
	int keep_going;			/* annotate */
};

/* --within for the expiry part of a stage (SPEC 6 rule 2). */
static long
stage_within(const struct lp_ctx *ctx)
{
	return ctx->within >= 0 ? ctx->within : LP_WITHIN_REACCREDIT;
}

/* A window's id, or "" when there is none. */
static const char *
window_id(const struct lp_window *w)
{
	return w ? w->id : "";
}

/* People register ahead of their start: a warning, not an error. */
static void
warn_future_commenced(const struct lp_ctx *ctx, const struct lp_portfolio *p)
{
	const struct lp_field *f;
	char c[11], t[11];

	if (p->commenced <= ctx->today || ctx->quiet)
		return;
	f = lp_doc_field(&p->doc, "commenced");
	lp_date_format(p->commenced, c);
	lp_date_format(ctx->today, t);
	lp_warnat(p->doc.path, f ? f->line : 0, "commenced %s is after today (%s)", c, t);
}

/* ---- list ---- */

static int
parse_date_opt(const char *opt, const char *arg, lp_date *out)
{
	if (lp_date_parse(arg, out) < 0) {
		lp_error("%s: expected a date YYYY-MM-DD, got '%s'", opt, arg);
		return -1;
	}
	return 0;
}

static int
cmd_list(struct lp_ctx *ctx, void *arg)
{
	const struct opts *o = arg;
	static const struct lp_col cols[] = {
		{ "id", LP_COL_STR }, { "term", LP_COL_STR },
		{ "opens", LP_COL_DATE }, { "closes", LP_COL_DATE },
	};
	struct lp_calendar cal;
	struct lp_writer *w;
	lp_date from = INT32_MIN + 1, to = INT32_MAX;

	if (o->since && parse_date_opt("--since", o->since, &from) < 0)
		return LP_EXIT_ERROR;
	if (o->until && parse_date_opt("--until", o->until, &to) < 0)
		return LP_EXIT_ERROR;
	if (from > to) {
		lp_error("--since %s is after --until %s", o->since, o->until);
		return LP_EXIT_ERROR;
	}
	if (lp_calendar_for(&cal, ctx->windows_path, ctx->dir ? ctx->dir : ".") < 0)
		return LP_EXIT_ERROR;
	w = lp_ctx_writer(ctx, cols, 4);
	for (size_t i = 0; i < cal.n; i++) {
		const struct lp_window *win = &cal.w[i];
		char opens[11], closes[11];
		const char *v[4];

		/* SPEC 5.4: the windows that close in [since, until]. */
		if (win->closes < from || win->closes > to)
			continue;
		lp_date_format(win->opens, opens);
		lp_date_format(win->closes, closes);
		v[0] = win->id;
		v[1] = win->term;
		v[2] = opens;
		v[3] = closes;
		lp_writer_row(w, v);
	}
	lp_calendar_free(&cal);
	return lp_writer_finish(w) < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ---- status ---- */

struct status_run {
	const struct lp_ctx *ctx;
	struct lp_calendars cals;
	struct lp_rowset rows;
};

static int
status_one(struct lp_portfolio *p, void *arg)
{
	struct status_run *run = arg;
	const struct lp_ctx *ctx = run->ctx;
	const struct lp_calendar *cal;
	struct lp_calendar mine;
	struct lp_timeline t;
	char commenced[11], deadline[11], left[24];
	const char *v[8];

	if (lp_calendars_get(&run->cals, p, &mine, &cal) < 0)
		return -1;
	warn_future_commenced(ctx, p);
	lp_timeline(cal, p->commenced, ctx->today, &t);
	lp_date_format(p->commenced, commenced);
	lp_date_format(t.deadline, deadline);
	snprintf(left, sizeof left, "%d", t.windows_left);
	v[0] = p->id;
	v[1] = p->name;
	v[2] = commenced;
	v[3] = deadline;
	v[4] = window_id(t.next);
	v[5] = window_id(t.last);
	v[6] = left;
	v[7] = lp_stage_name(lp_stage_of(p, ctx->today, ctx->min_level, stage_within(ctx)));
	lp_rowset_add(&run->rows, p->id, v);
	lp_calendar_free(&mine);
	/* The row is shown, but a portfolio with bad files is still an error. */
	return p->problems ? -1 : 0;
}

static int
cmd_status(struct lp_ctx *ctx, void *arg)
{
	static const struct lp_col cols[] = {
		{ "id", LP_COL_STR }, { "name", LP_COL_STR },
		{ "commenced", LP_COL_DATE }, { "deadline", LP_COL_DATE },
		{ "next_window", LP_COL_STR }, { "last_window", LP_COL_STR },
		{ "windows_left", LP_COL_INT }, { "stage", LP_COL_STR },
	};
	struct status_run run = { .ctx = ctx };
	struct lp_writer *w;
	int rc;

	if (lp_calendars_init(&run.cals, ctx) < 0)
		return LP_EXIT_ERROR;
	lp_rowset_init(&run.rows, 8);
	rc = lp_cohort_each(ctx, ctx->operands, ctx->noperands,
	    LP_LOAD_ALL | LP_LOAD_KEEP_GOING, status_one, &run);
	lp_rowset_sort(&run.rows);
	w = lp_ctx_writer(ctx, cols, 8);
	lp_rowset_write(&run.rows, w);
	if (lp_writer_finish(w) < 0)
		rc = -1;
	lp_rowset_free(&run.rows);
	lp_calendars_free(&run.cals);
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ---- check ---- */

struct check_run {
	const struct lp_ctx *ctx;
	struct lp_calendars cals;
	struct lp_rowset rows;
	long within;
	size_t found;
};

/*
 * Who still has to submit: not awaiting an outcome, not accredited, not
 * withdrawn.  A referred portfolio has to submit again, so it counts.
 */
static int
must_submit(enum lp_stage s)
{
	switch (s) {
	case LP_STAGE_NOT_STARTED:
	case LP_STAGE_IN_PROGRESS:
	case LP_STAGE_READY:
	case LP_STAGE_REFERRED:
	case LP_STAGE_OVERDUE:
		return 1;
	default:
		return 0;
	}
}

static int
check_one(struct lp_portfolio *p, void *arg)
{
	struct check_run *run = arg;
	const struct lp_ctx *ctx = run->ctx;
	const struct lp_calendar *cal;
	struct lp_calendar mine;
	struct lp_timeline t;
	enum lp_stage stage = lp_stage_of(p, ctx->today, ctx->min_level, stage_within(ctx));
	const char *reason = NULL;
	char deadline[11], closes[11], left[24];
	const char *v[7];
	long days = 0;

	if (!must_submit(stage))
		return p->problems ? -1 : 0;
	if (lp_calendars_get(&run->cals, p, &mine, &cal) < 0)
		return -1;
	lp_timeline(cal, p->commenced, ctx->today, &t);
	lp_date_format(t.deadline, deadline);
	lp_date_format(t.last ? t.last->closes : LP_DATE_NONE, closes);
	if (t.deadline < ctx->today) {
		reason = "deadline-passed";
		days = (long)t.deadline - ctx->today;
		lp_errorat(p->label, 0, "%s (%s): the deadline %s passed %ld day%s ago",
		    p->id, p->name, deadline, -days, days == -1 ? "" : "s");
	} else if (t.windows_left == 0) {
		reason = "no-window-left";
		days = (long)t.deadline - ctx->today;
		if (t.last)
			lp_errorat(p->label, 0, "%s (%s): no window left before the deadline %s: the last, %s, closed on %s",
			    p->id, p->name, deadline, t.last->id, closes);
		else
			lp_errorat(p->label, 0, "%s (%s): no window of the calendar closes before the deadline %s",
			    p->id, p->name, deadline);
	} else if ((long)t.last->closes - ctx->today <= run->within) {
		reason = "last-window";
		days = (long)t.last->closes - ctx->today;
		if (days == 0)
			lp_errorat(p->label, 0, "%s (%s): the last window before the deadline %s, %s, closes today",
			    p->id, p->name, deadline, t.last->id);
		else
			lp_errorat(p->label, 0, "%s (%s): the last window before the deadline %s, %s, closes in %ld day%s (%s)",
			    p->id, p->name, deadline, t.last->id, days, days == 1 ? "" : "s", closes);
	}
	if (reason) {
		snprintf(left, sizeof left, "%ld", days);
		v[0] = p->id;
		v[1] = p->name;
		v[2] = deadline;
		v[3] = window_id(t.last);
		v[4] = left;
		v[5] = reason;
		v[6] = lp_stage_name(stage);
		lp_rowset_add(&run->rows, p->id, v);
		run->found++;
	}
	lp_calendar_free(&mine);
	return p->problems ? -1 : 0;
}

static int
cmd_check(struct lp_ctx *ctx, void *arg)
{
	static const struct lp_col cols[] = {
		{ "id", LP_COL_STR }, { "name", LP_COL_STR },
		{ "deadline", LP_COL_DATE }, { "last_window", LP_COL_STR },
		{ "days_left", LP_COL_INT }, { "reason", LP_COL_STR },
		{ "stage", LP_COL_STR },
	};
	struct check_run run = { .ctx = ctx };
	int rc = 0;

	run.within = ctx->within >= 0 ? ctx->within : LP_WITHIN_WINDOW;
	if (lp_calendars_init(&run.cals, ctx) < 0)
		return LP_EXIT_ERROR;
	lp_rowset_init(&run.rows, 7);
	rc = lp_cohort_each(ctx, ctx->operands, ctx->noperands,
	    LP_LOAD_ALL | LP_LOAD_KEEP_GOING, check_one, &run);
	if (!ctx->quiet) {
		struct lp_writer *w = lp_ctx_writer(ctx, cols, 7);

		lp_rowset_sort(&run.rows);
		lp_rowset_write(&run.rows, w);
		if (lp_writer_finish(w) < 0)
			rc = -1;
	}
	lp_rowset_free(&run.rows);
	lp_calendars_free(&run.cals);
	if (rc < 0)
		return LP_EXIT_ERROR;
	return run.found ? LP_EXIT_FOUND : LP_EXIT_OK;
}

/* ---- annotate ---- */

static const struct lp_col annotate_cols[] = {
	{ "deadline", LP_COL_DATE }, { "next_window", LP_COL_STR },
	{ "last_window", LP_COL_STR }, { "windows_left", LP_COL_INT },
};

struct deadline_row {
	const struct lp_ctx *ctx;
	const struct lp_calendar *cal;
	char deadline[11];
	char left[24];
};

/* An empty commenced is someone not yet started: empty columns. */
static void
annotate_deadline(void *arg, lp_date commenced, const char **out, const char *name, long line)
{
	struct deadline_row *d = arg;
	struct lp_timeline t;

	if (commenced == LP_DATE_NONE)
		return;
	if (commenced > d->ctx->today && !d->ctx->quiet) {
		char c[11], today[11];

		lp_date_format(commenced, c);
		lp_date_format(d->ctx->today, today);
		lp_warnat(name, line, "commenced %s is after today (%s)", c, today);
	}
	lp_timeline(d->cal, commenced, d->ctx->today, &t);
	lp_date_format(t.deadline, d->deadline);
	snprintf(d->left, sizeof d->left, "%d", t.windows_left);
	out[0] = d->deadline;
	out[1] = window_id(t.next);
	out[2] = window_id(t.last);
	out[3] = d->left;
}

static int
cmd_annotate(struct lp_ctx *ctx, void *arg)
{
	const struct opts *o = arg;
	struct lp_calendar cal;
	struct deadline_row d = { .ctx = ctx, .cal = &cal };
	struct lp_annotate spec = {
		.key = "commenced",
		.key_desc = "a 'commenced' column (a date YYYY-MM-DD)",
		.cols = annotate_cols,
		.ncols = sizeof annotate_cols / sizeof annotate_cols[0],
		.keep_going = o->keep_going,
		.compute = annotate_deadline,
		.arg = &d,
	};
	int rc;

	/* A filter has no portfolio: the calendar is --windows, LP_WINDOWS or built in. */
	if (lp_calendar_for(&cal, ctx->windows_path, NULL) < 0)
		return LP_EXIT_ERROR;
	rc = lp_annotate(ctx, &spec, ctx->noperands ? ctx->operands[0] : NULL);
	lp_calendar_free(&cal);
	return rc;
}

/* ---- submit and outcome: commands that write ---- */

/* The portfolio named by the operand (relative to -C) or around -C / ".". */
static int
portfolio_root(const struct lp_ctx *ctx, const struct opts *o, size_t first, char **root)
{
	char *dir;
	int rc;

	if (ctx->noperands > first + 1) {
		lp_error("expected one PORTFOLIO, got %zu", ctx->noperands - first);
		return -2;
	}
	if (ctx->at) {
		lp_error("--at reads a past revision; this command writes, so it takes no --at");
		return -2;
	}
	if (ctx->noperands == first)
		return lp_portfolio_find(ctx->dir, root);
	if (ctx->dir && ctx->operands[first][0] != '/')
		dir = lp_xasprintf("%s/%s", ctx->dir, ctx->operands[first]);
	else
		dir = lp_xstrdup(ctx->operands[first]);
	rc = lp_portfolio_find(dir, root);
	free(dir);
	return rc;
}

/* The state of p that rules a submission out, or NULL. */
static const char *
not_submittable(const struct lp_portfolio *p)
{
	if (p->outcome == LP_OUTCOME_WITHDRAWN)
		return "the practitioner has withdrawn (outcome: withdrawn)";
	if (p->outcome == LP_OUTCOME_ACCREDITED || p->accredited != LP_DATE_NONE)
		return "the portfolio is already accredited (re-accreditation is lp-reaccredit submit)";
	if (p->submitted != LP_DATE_NONE && p->outcome == LP_OUTCOME_NONE)
		return "the portfolio is submitted and awaits its outcome (record it with lp-window outcome)";
	return NULL;
}

/*
 * Which window, and whether the dates allow it.  Returns 0 with *win set,
 * 1 after saying why not (exit 1), -1 for an unknown window id (exit 2).
 */
static int
choose_window(const struct lp_ctx *ctx, const struct opts *o, const struct lp_portfolio *p,
    const struct lp_calendar *cal, const struct lp_window **win)
{
	struct lp_timeline t;
	char deadline[11], closes[11];

	lp_timeline(cal, p->commenced, ctx->today, &t);
	lp_date_format(t.deadline, deadline);
	*win = NULL;
	if (o->window && !(*win = lp_calendar_window(cal, o->window))) {
		lp_error("--window: no window '%s' in the calendar (%s); lp-window list shows them",
		    o->window, cal->source);
		return -1;
	}
	if (t.deadline < ctx->today) {
		lp_error("%s: refusing to submit: the deadline %s has passed", p->label, deadline);
		return 1;
	}
	if (!*win) {
		if (!t.next) {
			lp_error("%s: refusing to submit: no window is left before the deadline %s",
			    p->label, deadline);
			return 1;
		}
		*win = t.next;
		return 0;
	}
	if (lp_window_usable(*win, t.deadline, ctx->today))
		return 0;
	lp_date_format((*win)->closes, closes);
	if ((*win)->closes < ctx->today)
		lp_error("%s: refusing to submit: window %s closed on %s", p->label, (*win)->id, closes);
	else
		lp_error("%s: refusing to submit: window %s closes on %s, after the deadline %s",
		    p->label, (*win)->id, closes, deadline);
	return 1;
}

/* Record the submission in portfolio.md, commit and tag (lib/submit.c).  Exit status. */
static int
record_submission(const struct lp_ctx *ctx, const struct opts *o, struct lp_portfolio *p,
    const char *root, struct lp_git *git, const struct lp_window *win)
{
	struct lp_submission s = { .root = root, .file = "portfolio.md", .doc = &p->doc };
	char today[11], closes[11];
	char *msg, *tag, *tagmsg, *made = NULL;
	int rc = LP_EXIT_ERROR;

	lp_date_format(ctx->today, today);
	lp_date_format(win->closes, closes);
	lp_doc_set(&p->doc, "submitted", today);
	lp_doc_set(&p->doc, "window", win->id);
	if (p->outcome == LP_OUTCOME_REFERRED)
		lp_doc_unset(&p->doc, "outcome");	/* SPEC 6: a new submission clears it */
	msg = lp_xasprintf("window: submit into %s%s", win->id, o->force ? " (forced: not ready)" : "");
	/* SPEC 5.4: whose and which window, so a cohort's repository keeps them apart. */
	tag = lp_xasprintf("lp/submitted/%s/%s", p->id, win->id);
	tagmsg = lp_xasprintf("%s (%s) submitted into window %s on %s%s",
	    p->name, p->id, win->id, today, o->force ? ", forced: not checked for readiness" : "");
	s.message = msg;
	s.tag = tag;
	s.tag_message = tagmsg;
	if (lp_submit_record(ctx, git, &s, &made) < 0)
		goto out;
	if (made)
		printf("%s: submitted into %s (closes %s), tagged %s\n", p->id, win->id, closes, made);
	else
		printf("%s: submitted into %s (closes %s), not committed\n", p->id, win->id, closes);
	rc = LP_EXIT_OK;
out:
	free(made);
	free(msg);
	free(tag);
	free(tagmsg);
	return rc;
}

/*
 * A submission whose commit was made but whose tag is missing (the tag
 * could not be written, or a kill came between): tag it now.  1 when
 * there was one (*rc says how finishing went), 0 when not.
 */
static int
finish_unfinished(struct lp_git *git, const char *root, const struct lp_portfolio *p, int *rc)
{
	struct lp_submission s = { .root = root, .file = "portfolio.md" };
	char submitted[11];
	char *tag, *msg, *prefix, *made = NULL;
	int r;

	if (p->submitted == LP_DATE_NONE || !*p->window || p->outcome != LP_OUTCOME_NONE)
		return 0;
	lp_date_format(p->submitted, submitted);
	tag = lp_xasprintf("lp/submitted/%s/%s", p->id, p->window);
	msg = lp_xasprintf("%s (%s) submitted into window %s on %s", p->name, p->id, p->window, submitted);
	prefix = lp_xasprintf("window: submit into %s", p->window);
	s.tag = tag;
	s.tag_message = msg;
	s.unfinished = prefix;
	if ((r = lp_submit_unfinished(git, &s)) == 1) {
		if (lp_submit_finish(git, &s, &made) == 0) {
			printf("%s: submitted into %s (committed before), tagged %s\n", p->id, p->window, made);
			*rc = LP_EXIT_OK;
		}
	} else if (r < 0) {
		r = 1;
	}
	free(made);
	free(tag);
	free(msg);
	free(prefix);
	return r;
}

static int
cmd_submit(struct lp_ctx *ctx, void *arg)
{
	const struct opts *o = arg;
	struct lp_portfolio p;
	struct lp_calendar cal = {0};
	struct lp_git *git = NULL;
	struct lp_lock *lock = NULL;
	const struct lp_window *win = NULL;
	const char *why;
	char *root = NULL, *prefix = NULL;
	int rc = LP_EXIT_ERROR, refused = 0, clean = 0, r;

	memset(&p, 0, sizeof p);
	if ((r = portfolio_root(ctx, o, 0, &root)) < 0)
		return r == -2 ? lp_usage_error(ctx, NULL) : LP_EXIT_ERROR;
	if ((r = lp_git_open(root, &git)) != 0) {
		if (r == 1)
			lp_error("%s: not in a git work tree: a submission is a commit and a tag "
			    "(lp init, or git init, makes one)", root);
		goto out;
	}
	if (lp_lock_take(root, &lock) < 0 ||
	    lp_portfolio_open(ctx, root, 0, &p) < 0 ||
	    lp_calendar_for(&cal, ctx->windows_path, root) < 0 ||
	    lp_git_prefix(git, root, &prefix) < 0)
		goto out;
	if (!ctx->no_commit && finish_unfinished(git, root, &p, &rc))
		goto out;
	if ((r = choose_window(ctx, o, &p, &cal, &win)) < 0)
		goto out;
	refused = r;
	if ((why = not_submittable(&p))) {
		lp_error("%s: refusing to submit: %s", p.label, why);
		refused = 1;
	}
	if (lp_git_is_clean(git, prefix, &clean) < 0)
		goto out;
	if (!clean) {
		lp_error("%s: refusing to submit: the work tree has changes that are not committed "
		    "(commit them, or move them away, first)", p.label);
		refused = 1;
	}
	/* The slow check last, and only when nothing else stands in the way. */
	if (!refused && !o->force) {
		if ((r = lp_submit_run_check(ctx, root)) < 0)
			goto out;
		if (r == 1) {
			lp_error("%s: refusing to submit: lp check found problems (above); "
			    "--force submits anyway", p.label);
			refused = 1;
		}
	}
	if (refused) {
		rc = LP_EXIT_FOUND;
		goto out;
	}
	rc = record_submission(ctx, o, &p, root, git, win);
out:
	lp_portfolio_free(&p);
	lp_calendar_free(&cal);
	lp_lock_release(lock);
	lp_git_free(git);
	free(prefix);
	free(root);
	return rc;
}

static int
cmd_outcome(struct lp_ctx *ctx, void *arg)
{
	const struct opts *o = arg;
	struct lp_portfolio p;
	struct lp_lock *lock = NULL;
	char *root = NULL, *msg = NULL;
	char date[11];
	lp_date when = ctx->today;
	int rc = LP_EXIT_ERROR, outcome, r;

	memset(&p, 0, sizeof p);
	outcome = lp_outcome_parse(ctx->operands[0]);
	if (outcome <= LP_OUTCOME_NONE) {
		return lp_usage_error(ctx, "outcome: expected accredited, referred or withdrawn, got '%s'",
		    ctx->operands[0]);
	}
	if (o->date && outcome != LP_OUTCOME_ACCREDITED) {
		return lp_usage_error(ctx, "--date is the date of an award: it goes with accredited only");
	}
	if (o->date && parse_date_opt("--date", o->date, &when) < 0)
		return LP_EXIT_ERROR;
	if ((r = portfolio_root(ctx, o, 1, &root)) < 0)
		return r == -2 ? lp_usage_error(ctx, NULL) : LP_EXIT_ERROR;
	if (lp_lock_take(root, &lock) < 0 || lp_portfolio_open(ctx, root, 0, &p) < 0)
		goto out;
	lp_date_format(when, date);
	if (when > ctx->today && !ctx->quiet) {
		char t[11];

		lp_date_format(ctx->today, t);
		lp_warn("--date %s is after today (%s)", date, t);
	}
	lp_doc_set(&p.doc, "outcome", lp_outcome_name(outcome));
	if (outcome == LP_OUTCOME_ACCREDITED)
		lp_doc_set(&p.doc, "accredited", date);
	/* Only the lines of outcome and accredited change (SPEC 2.1); none when already so. */
	msg = lp_xasprintf("window: outcome %s", lp_outcome_name(outcome));
	if (lp_portfolio_save_doc(ctx, root, "portfolio.md", &p.doc, msg, NULL) < 0)
		goto out;
	rc = LP_EXIT_OK;
out:
	lp_portfolio_free(&p);
	lp_lock_release(lock);
	free(msg);
	free(root);
	return rc;
}

/* ---- main ---- */

enum { CMD_LIST, CMD_STATUS, CMD_CHECK, CMD_ANNOTATE, CMD_SUBMIT, CMD_OUTCOME };
#define B(c) (1u << (c))
#define READERS (B(CMD_LIST) | B(CMD_STATUS) | B(CMD_CHECK) | B(CMD_ANNOTATE))
#define PORTFOLIOS (B(CMD_STATUS) | B(CMD_CHECK))
#define WRITERS (B(CMD_SUBMIT) | B(CMD_OUTCOME))

static const struct lp_cli_cmd commands[] = {
	{ "list", "", "the windows of the calendar that close in a date range",
	    0, 0, cmd_list, LP_CLI_V_NONE, 0 },
	{ "status", "[PORTFOLIO ...]", "each portfolio's deadline, next and last window, and stage",
	    0, -1, cmd_status, LP_CLI_V_DIR, 0 },
	{ "check", "[PORTFOLIO ...]", "the portfolios whose deadline or last window is near or past",
	    0, -1, cmd_check, LP_CLI_V_DIR, 0 },
	{ "annotate", "[FILE]", "append deadline columns to rows that have a commenced column",
	    0, 1, cmd_annotate, LP_CLI_V_FILE, 0 },
	{ "submit", "[PORTFOLIO]", "record a submission into a window, commit and tag it",
	    0, 1, cmd_submit, LP_CLI_V_DIR, 0 },
	{ "outcome", "accredited|referred|withdrawn [PORTFOLIO]", "record the moderation outcome",
	    1, 2, cmd_outcome, LP_CLI_V_WORDS, 0 },
};

static const struct lp_cli_opt options[] = {
	LP_CLI_STR(0, "since", "DATE", "only windows that close on or after DATE",
	    B(CMD_LIST), struct opts, since, LP_CLI_V_DATE),
	LP_CLI_STR(0, "until", "DATE", "only windows that close on or before DATE",
	    B(CMD_LIST), struct opts, until, LP_CLI_V_DATE),
	LP_CLI_OPT_WITHIN(B(CMD_STATUS) | B(CMD_CHECK),
	    "check: how many days ahead to look (60); status: expiry window (180)"),
	LP_CLI_OPT_MIN(B(CMD_STATUS) | B(CMD_SUBMIT)),
	LP_CLI_FLAG(0, "keep-going", "a row with a bad date gets empty columns and a warning",
	    B(CMD_ANNOTATE), struct opts, keep_going),
	LP_CLI_STR(0, "window", "ID", "the window to submit into (default: the next usable one)",
	    B(CMD_SUBMIT), struct opts, window, LP_CLI_V_WINDOW),
	LP_CLI_FLAG(0, "force", "submit without running lp check first",
	    B(CMD_SUBMIT), struct opts, force),
	LP_CLI_STR(0, "date", "DATE", "the date of the award (default today)",
	    B(CMD_OUTCOME), struct opts, date, LP_CLI_V_DATE),
	LP_CLI_OPT_AT(PORTFOLIOS),
	LP_CLI_OPT_JOBS(PORTFOLIOS),
	LP_CLI_OPT_SCHOOL(PORTFOLIOS),
	LP_CLI_OPT_COHORT(PORTFOLIOS),
	LP_CLI_OPT_WINDOWS(LP_CLI_ALL),
	LP_CLI_OPT_C(LP_CLI_ALL),
	LP_CLI_OPT_O(READERS),
	LP_CLI_OPT_BOM(READERS),
	LP_CLI_OPT_RAW(READERS),
	LP_CLI_OPT_Q(LP_CLI_ALL),
	LP_CLI_OPT_TODAY(LP_CLI_ALL),
	LP_CLI_OPT_FRAMEWORK(PORTFOLIOS | B(CMD_SUBMIT)),
	LP_CLI_OPT_NO_COMMIT(WRITERS),
};

static const struct lp_cli_prog prog = {
	"lp-window", "The calendar: assessment windows, the two-year deadline, "
	"submission and the outcome.",
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
