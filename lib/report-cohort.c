/*
 * report-cohort.c - a cohort read as practitioners, for lp-report (see
 * report-cohort.h).
 *
 * Cohort work goes through lp_cohort_each (or the git walk for --git):
 * one portfolio in memory at a time, and what is kept of it is only the
 * answers of the rules (lib/rules.c) that the output needs.  Nothing here
 * decides a stage, a deadline or what counts as supported.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "activity.h"
#include "cohort-git.h"
#include "calendars.h"
#include "casestudy.h"
#include "report-cohort.h"
#include "report-progress.h"

long
lp_report_within(const struct lp_ctx *ctx)
{
	return ctx->within >= 0 ? ctx->within : LP_WITHIN_REACCREDIT;
}

int
lp_report_reader_init(struct lp_report_reader *r, const struct lp_ctx *ctx,
    const struct lp_report_source *src)
{
	memset(r, 0, sizeof *r);
	r->ctx = ctx;
	if (src)
		r->src = *src;
	return lp_calendars_init(&r->cals, ctx);
}

void
lp_report_reader_free(struct lp_report_reader *r)
{
	lp_calendars_free(&r->cals);
	if (r->git)
		lp_git_free(r->git);
	free(r->git_workdir);
	lp_activity_free(r->activity);
	lp_git_outside_free(&r->outside);
}

/* ---- last activity ---- */

/* Is path (absolute) inside the work tree wd ("/a/b/")? */
static int
inside(const char *path, const char *wd)
{
	size_t n = strlen(wd);

	if (n > 0 && wd[n - 1] == '/')
		n--;
	return strncmp(path, wd, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* Keep git (opened for key) in r, in place of the one kept before. */
static void
reader_keep(struct lp_report_reader *r, struct lp_git *git, const char *key)
{
	if (r->git)
		lp_git_free(r->git);
	free(r->git_workdir);
	r->git = git;
	r->git_workdir = git ? lp_xstrdup(key) : NULL;
}

/*
 * The repository whose work tree holds dir, kept for the next portfolio:
 * 0 with *git set, 1 outside git (or in one that cannot be opened).
 */
static int
reader_repository(struct lp_report_reader *r, const char *dir, struct lp_git **git)
{
	struct lp_git *g = NULL;
	struct lp_findings quiet = {0}, *was;
	int rc;

	if (r->git) {
		char *abs = realpath(dir, NULL);
		int same = abs && inside(abs, r->git_workdir);

		free(abs);
		if (same) {
			*git = r->git;
			return 0;
		}
	}
	reader_keep(r, NULL, NULL);
	/*
	 * Quietly: a report reads directories, and a repository it cannot
	 * open (another user's, say) only means no history to show.
	 */
	was = lp_diag_capture(&quiet);
	rc = lp_git_open_near(dir, &r->outside, &g);
	lp_diag_capture(was);
	lp_findings_free(&quiet);
	if (rc != 0)
		return 1;
	reader_keep(r, g, lp_git_workdir(g));
	*git = g;
	return 0;
}

/* The newest evidence date, for a portfolio outside git. */
static lp_date
newest_evidence(const struct lp_portfolio *p)
{
	lp_date d = LP_DATE_NONE;

	for (size_t i = 0; i < p->nev; i++)
		if (p->ev[i].date != LP_DATE_NONE && (d == LP_DATE_NONE || p->ev[i].date > d))
			d = p->ev[i].date;
	return d;
}

/*
 * Where p's history is: its repository (a git_repository *), the
 * revision and p's directory in it.  A portfolio read from git is asked
 * of the repository it was read from (the caller's, in use on this
 * thread until p is freed); one in a directory, of its work tree's
 * (kept in r for the next portfolio).  0, 1 outside git, -1.
 */
static int
history_of(struct lp_report_reader *r, const struct lp_portfolio *p,
    void **repo, const char **rev, char **subdir)
{
	const char *dir = lp_tree_dir(p->tree), *sub;
	struct lp_git *git;
	int rc;

	*subdir = NULL;
	if (dir) {
		if ((rc = reader_repository(r, dir, &git)) != 0)
			return rc;
		*repo = lp_git_repo(git);
		*rev = "HEAD";
		return lp_git_prefix(git, dir, subdir) < 0 ? -1 : 0;
	}
	if (lp_tree_git_source(p->tree, repo, rev, &sub) < 0)
		return 1;
	*subdir = lp_xstrdup(sub);
	return 0;
}

/*
 * last_activity (SPEC 5.6): the date of the newest commit touching the
 * portfolio (as of the revision it was read at), or of its newest
 * evidence outside git.
 */
static lp_date
last_activity(struct lp_report_reader *r, const struct lp_portfolio *p)
{
	void *repo;
	const char *rev;
	char *subdir = NULL;
	lp_date d = LP_DATE_NONE;
	int rc = 1;

	if (!r->activity)
		r->activity = lp_activity_new();
	if (history_of(r, p, &repo, &rev, &subdir) == 0)
		rc = lp_activity_of(r->activity, repo, rev, subdir, &d);
	free(subdir);
	return rc == 0 ? d : newest_evidence(p);
}

/*
 * Whether the re-accreditation case study is signed off (issue 14): a
 * head teacher's name and a sign-off date that is a date, not after
 * today.  -1 when there is no case study; what is wrong with one is
 * lp-reaccredit check's to say, so nothing is said here.
 */
static signed char
case_study_signed(const struct lp_portfolio *p, lp_date today)
{
	struct lp_case_study cs;
	struct lp_findings quiet = {0}, *old;
	const char *by, *on;
	lp_date d;
	signed char yes = 0;

	if (!p->has_case_study)
		return -1;
	old = lp_diag_capture(&quiet);
	if (lp_case_study_load(&cs, p->tree) == 0) {
		by = lp_doc_get(&cs.doc, "signed-off-by");
		on = lp_doc_get(&cs.doc, "signed-off-on");
		yes = by && *by && on && lp_date_parse(on, &d) == 0 && d <= today;
	}
	lp_case_study_free(&cs);
	lp_diag_capture(old);
	lp_findings_free(&quiet);
	return yes;
}

/* target: a window id, as lp-window writes them (YYYY-MM). */
static void
target_of(const struct lp_portfolio *p, char out[8])
{
	const struct lp_field *f = lp_doc_field(&p->doc, "target");
	const char *v = f ? f->value : NULL;

	out[0] = '\0';
	if (!v || !*v)
		return;
	if (strlen(v) >= 8) {
		lp_warnat(p->doc.path, f->line, "target: expected a window id (YYYY-MM), got '%s'", v);
		return;
	}
	memcpy(out, v, strlen(v) + 1);
}

/* ---- one practitioner, as the rules see them ---- */

static void
person_timeline(const struct lp_calendar *cal, const struct lp_ctx *ctx,
    const struct lp_portfolio *p, struct lp_report_person *pp)
{
	struct lp_timeline t;

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
}

int
lp_report_person_of(struct lp_report_reader *r, const struct lp_portfolio *p,
    struct lp_report_person *pp)
{
	const struct lp_ctx *ctx = r->ctx;
	const struct lp_calendar *cal;
	struct lp_calendar mine;
	long within = lp_report_within(ctx);

	memset(pp, 0, sizeof *pp);
	if (lp_calendars_get(&r->cals, p, &mine, &cal) < 0)
		return -1;
	pp->id = lp_xstrdup(p->id);
	pp->name = lp_xstrdup(p->name);
	pp->school = lp_xstrdup(p->school);
	pp->cohort = lp_xstrdup(p->cohort);
	pp->label = lp_xstrdup(p->label);
	pp->stage = lp_stage_of(p, ctx->today, ctx->min_level, within);
	pp->commenced = p->commenced;
	pp->accredited = p->accredited;
	person_timeline(cal, ctx, p, pp);
	pp->expires = LP_DATE_NONE;
	pp->renewal = lp_renewal_of(p->accredited, ctx->today, within, &pp->expires, &pp->days_left);
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
	pp->last_activity = last_activity(r, p);
	target_of(p, pp->target_window);
	pp->signed_off = case_study_signed(p, ctx->today);
	lp_calendar_free(&mine);
	return 0;
}

/* ---- walking the cohort ---- */

struct visit {
	struct lp_report_reader *r;
	lp_report_person_fn fn;
	void *arg;
};

static int
visit_one(struct lp_portfolio *p, void *arg)
{
	struct visit *v = arg;
	struct lp_report_person pp;
	int rc, history = 0;

	if (lp_report_person_of(v->r, p, &pp) < 0)
		return -1;
	if (v->r->progress)
		history = lp_cohort_progress_add(v->r->progress, p);
	rc = v->fn(&pp, v->arg);
	lp_report_person_free(&pp);
	/* Shown without its bad files, but the run still ends with status 2. */
	return rc < 0 || history < 0 || p->problems ? -1 : 0;
}

int
lp_report_each_portfolio(struct lp_report_reader *r, unsigned what, lp_cohort_fn fn, void *arg)
{
	const struct lp_ctx *ctx = r->ctx;

	if (r->src.git) {
		struct lp_git_cohort src = { r->src.git, r->src.ref, r->src.submitted, NULL };

		return lp_cohort_git_each(ctx, &src, what, fn, arg);
	}
	return lp_cohort_each(ctx, ctx->operands, ctx->noperands, what, fn, arg);
}

int
lp_report_each(struct lp_report_reader *r, lp_report_person_fn fn, void *arg)
{
	struct visit v = { r, fn, arg };

	return lp_report_each_portfolio(r, LP_LOAD_ALL | LP_LOAD_KEEP_GOING, visit_one, &v);
}

/* ---- summary and coverage rows ---- */

const struct lp_col lp_report_summary_cols[] = {
	{ "id", LP_COL_STR }, { "name", LP_COL_STR }, { "school", LP_COL_STR },
	{ "cohort", LP_COL_STR }, { "stage", LP_COL_STR },
	{ "commenced", LP_COL_DATE }, { "deadline", LP_COL_DATE },
	{ "next_window", LP_COL_STR }, { "assessed", LP_COL_INT },
	{ "ready", LP_COL_STR }, { "unsupported", LP_COL_INT },
	{ "evidence", LP_COL_INT }, { "accredited", LP_COL_DATE },
	{ "expires", LP_COL_DATE }, { "path", LP_COL_STR },
	{ "last_activity", LP_COL_DATE }, { "target_window", LP_COL_STR },
	{ "signed_off", LP_COL_STR },
};
const size_t lp_report_summary_ncols = sizeof lp_report_summary_cols / sizeof lp_report_summary_cols[0];

/* A missing value is NULL: empty in CSV, null in JSON (SPEC 4). */
static const char *
or_null(const char *s)
{
	return s && *s ? s : NULL;
}

static const char *
date_or_null(lp_date d, char buf[11])
{
	if (d == LP_DATE_NONE)
		return NULL;
	lp_date_format(d, buf);
	return buf;
}

void
lp_report_summary_row(const struct lp_report_person *pp, struct lp_report_summary_row *row)
{
	const char **v = row->v;

	snprintf(row->assessed, sizeof row->assessed, "%d", pp->assessed);
	snprintf(row->unsupported, sizeof row->unsupported, "%d", pp->nunsupported);
	snprintf(row->evidence, sizeof row->evidence, "%d", pp->nev);
	v[0] = pp->id;
	v[1] = pp->name;
	v[2] = or_null(pp->school);
	v[3] = or_null(pp->cohort);
	v[4] = lp_stage_name(pp->stage);
	v[5] = date_or_null(pp->commenced, row->commenced);
	v[6] = date_or_null(pp->deadline, row->deadline);
	v[7] = or_null(pp->next_window);
	v[8] = row->assessed;
	v[9] = pp->ready ? "yes" : "no";
	v[10] = row->unsupported;
	v[11] = row->evidence;
	v[12] = date_or_null(pp->accredited, row->accredited);
	v[13] = date_or_null(pp->expires, row->expires);
	v[14] = pp->label;
	v[15] = date_or_null(pp->last_activity, row->last_activity);
	v[16] = or_null(pp->target_window);
	v[17] = pp->signed_off < 0 ? NULL : pp->signed_off ? "yes" : "no";
}

const struct lp_col lp_report_coverage_cols[] = {
	{ "standard", LP_COL_STR }, { "none", LP_COL_INT },
	{ "underlying", LP_COL_INT }, { "developing", LP_COL_INT },
	{ "extending", LP_COL_INT }, { "transforming", LP_COL_INT },
	{ "supported", LP_COL_INT }, { "ok", LP_COL_INT },
};
const size_t lp_report_coverage_ncols = sizeof lp_report_coverage_cols / sizeof lp_report_coverage_cols[0];

void
lp_report_coverage_row(const struct lp_report_cov *cov, int i, struct lp_report_coverage_row *row)
{
	row->v[0] = lp_standard_id(i);
	for (int lv = 0; lv < LP_NLEVELS; lv++) {
		snprintf(row->n[lv], sizeof row->n[lv], "%zu", cov->level[i][lv]);
		row->v[1 + lv] = row->n[lv];
	}
	snprintf(row->n[5], sizeof row->n[5], "%zu", cov->supported[i]);
	snprintf(row->n[6], sizeof row->n[6], "%zu", cov->ok[i]);
	row->v[6] = row->n[5];
	row->v[7] = row->n[6];
}
