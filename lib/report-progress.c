/*
 * report-progress.c - the cohort's levels at the end of each period, read
 * from each portfolio's git history (see report-progress.h).
 *
 * One walk per portfolio, from the tip back along the first-parent
 * line, while the period ends are taken newest first too: the state at a
 * period's end is that of the first commit made on or before it.  A
 * portfolio is loaded again only when its directory's tree changed, and
 * only the counts are kept, so memory does not grow with the commits.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <git2.h>

#include "report-progress.h"

static const char *const term_names[3] = { "spring", "summer", "autumn" };

/* The period holding day d: months since year 0, or terms (3 a year). */
static long
period_of(const struct lp_progress *pg, lp_date d)
{
	int y, m, dd;

	lp_date_to_ymd(d, &y, &m, &dd);
	if (pg->by == LP_PROGRESS_MONTH)
		return y * 12L + (m - 1);
	return y * 3L + (m <= 3 ? 0 : m <= 8 ? 1 : 2);
}

/* The last day of period k, or until when it ends later. */
static lp_date
period_end(const struct lp_progress *pg, long k)
{
	lp_date end;

	if (pg->by == LP_PROGRESS_MONTH) {
		long next = k + 1;

		end = lp_date_from_ymd((int)(next / 12), (int)(next % 12) + 1, 1) - 1;
	} else {
		static const int last_month[3] = { 3, 8, 12 };
		int y = (int)(k / 3), m = last_month[k % 3];

		end = m == 12 ? lp_date_from_ymd(y, 12, 31) : lp_date_from_ymd(y, m + 1, 1) - 1;
	}
	return end < pg->until_day ? end : pg->until_day;
}

void
lp_progress_period_id(const struct lp_progress *pg, long k, char out[16])
{
	if (pg->by == LP_PROGRESS_MONTH)
		snprintf(out, 16, "%04d-%02d", (int)(k / 12 % 10000), (int)(k % 12 + 1));
	else
		snprintf(out, 16, "%04d-%s", (int)(k / 3 % 10000), term_names[k % 3]);
}

void
lp_progress_init(struct lp_progress *pg, enum lp_progress_by by, lp_date since,
    lp_date until, lp_date today)
{
	memset(pg, 0, sizeof *pg);
	pg->by = by;
	pg->until_day = until != LP_DATE_NONE ? until : today;
	pg->until = period_of(pg, pg->until_day);
	pg->since = -1;
	if (since != LP_DATE_NONE) {
		pg->since = period_of(pg, since);
		pg->since_fixed = 1;
		if (pg->since > pg->until)
			pg->since = pg->until + 1;	/* an empty range */
		pg->v = lp_xcalloc((size_t)(pg->until - pg->since + 2), sizeof *pg->v);
	}
}

/* Make room for periods from k on, when it is earlier than any so far. */
static void
extend_to(struct lp_progress *pg, long k)
{
	size_t have, more;

	if (pg->since >= 0 && k >= pg->since)
		return;
	if (pg->since < 0) {
		pg->since = k;
		pg->v = lp_xcalloc((size_t)(pg->until - k + 1), sizeof *pg->v);
		return;
	}
	have = (size_t)(pg->until - pg->since + 1);
	more = (size_t)(pg->since - k);
	pg->v = lp_xreallocarray(pg->v, have + more, sizeof *pg->v);
	memmove(pg->v + more, pg->v, have * sizeof *pg->v);
	memset(pg->v, 0, more * sizeof *pg->v);
	pg->since = k;
}

/* A practitioner's claims at one moment. */
struct state {
	unsigned char level[LP_NSTANDARDS];
	unsigned short supported;	/* bit i: claimed above none and supported */
};

static void
state_of(const struct lp_portfolio *p, struct state *st)
{
	memset(st, 0, sizeof *st);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		st->level[i] = (unsigned char)p->assess[i].level;
		if (p->assess[i].level > LP_LEVEL_NONE && lp_supported(p, i))
			st->supported |= (unsigned short)(1u << i);
	}
}

static void
count(struct lp_progress *pg, long k, const struct state *st)
{
	struct lp_progress_period *per = &pg->v[k - pg->since];

	for (int i = 0; i < LP_NSTANDARDS; i++) {
		per->level[i][st->level[i] < LP_NLEVELS ? st->level[i] : 0]++;
		per->supported[i] += st->supported >> i & 1;
	}
}

/*
 * The portfolio at subdir as of commit c, into st; the tree id it was
 * read from in *seen, so that an unchanged one is not read again.  An
 * old state that no longer loads counts as none (its problems were
 * reported when they were made, and are not today's).
 */
static void
state_at(struct lp_git *git, git_commit *c, const char *subdir, git_oid *seen, int *have,
    struct state *st)
{
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	git_oid id;
	struct lp_findings quiet = {0}, *was;
	struct lp_tree *tree = NULL;
	struct lp_portfolio p;
	char hex[GIT_OID_HEXSZ + 1];
	size_t n = strlen(subdir);
	char *path = lp_xstrndup(subdir, n && subdir[n - 1] == '/' ? n - 1 : n);
	int found = 0;

	if (!*path) {
		git_oid_cpy(&id, git_commit_tree_id(c));
		found = 1;
	} else if (git_commit_tree(&root, c) == 0 && git_tree_entry_bypath(&e, root, path) == 0) {
		git_oid_cpy(&id, git_tree_entry_id(e));
		found = 1;
	}
	git_tree_entry_free(e);
	git_tree_free(root);
	free(path);
	if (!found) {
		memset(st, 0, sizeof *st);
		*have = 0;
		return;
	}
	if (*have && git_oid_equal(&id, seen))
		return;		/* the same files: the same state */
	git_oid_cpy(seen, &id);
	*have = 1;
	memset(st, 0, sizeof *st);
	memset(&p, 0, sizeof p);
	git_oid_tostr(hex, sizeof hex, git_commit_id(c));
	was = lp_diag_capture(&quiet);
	if (lp_tree_open_git(git, hex, subdir, &tree) == 0 &&
	    lp_portfolio_load(&p, tree, LP_LOAD_ALL | LP_LOAD_KEEP_GOING) == 0)
		state_of(&p, st);
	lp_portfolio_free(&p);
	lp_diag_capture(was);
	lp_findings_free(&quiet);
}

/* The committer's calendar day, in the committer's own zone. */
static lp_date
day_of(const git_commit *c)
{
	time_t t = (time_t)git_commit_time(c) + (time_t)git_commit_time_offset(c) * 60;
	struct tm tm;

	gmtime_r(&t, &tm);
	return lp_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * Periods last..first (newest first), each at the newest commit by its
 * end.  The first-parent line is followed by hand, parent after parent:
 * it keeps only the current commit in memory, and commits made within
 * one second (a script's) keep their order, which a sort by time would
 * not promise.
 */
static int
walk_history(struct lp_progress *pg, struct lp_git *git, const char *rev, const char *subdir,
    long first, long last)
{
	git_repository *repo = lp_git_repo(git);
	git_object *obj = NULL, *tip = NULL;
	git_commit *c = NULL;
	git_oid seen;
	struct state st = {0};
	int have = 0;

	if (git_revparse_single(&obj, repo, rev) == 0 &&
	    git_object_peel(&tip, obj, GIT_OBJECT_COMMIT) == 0)
		c = (git_commit *)tip;	/* else an unborn branch: nothing committed yet */
	else
		git_object_free(tip);
	git_object_free(obj);
	for (long k = last; k >= first; k--) {
		lp_date end = period_end(pg, k);

		/* Skip the commits made after this period ended. */
		while (c && day_of(c) > end) {
			git_commit *parent = NULL;

			if (git_commit_parentcount(c) == 0 || git_commit_parent(&parent, c, 0) < 0)
				parent = NULL;
			git_commit_free(c);
			c = parent;
		}
		if (c)
			state_at(git, c, subdir, &seen, &have, &st);
		else
			memset(&st, 0, sizeof st);	/* before the first commit: none */
		count(pg, k, &st);
	}
	git_commit_free(c);
	return 0;
}

int
lp_progress_add(struct lp_progress *pg, struct lp_report_reader *r, const struct lp_portfolio *p)
{
	long first = pg->until, last = pg->until;
	struct lp_git *git;
	const char *rev;
	char *subdir = NULL;
	struct state st;
	int rc;

	if (p->commenced != LP_DATE_NONE && p->commenced <= pg->until_day)
		first = period_of(pg, p->commenced);
	if (pg->since_fixed && first < pg->since)
		first = pg->since;
	if (first > last)
		return 0;
	rc = lp_report_history_of(r, p, &git, &rev, &subdir);
	if (rc == 1) {
		/* Outside git the history is unknown: only the present counts. */
		if (!pg->since_fixed)
			extend_to(pg, last);
		state_of(p, &st);
		count(pg, last, &st);
		return 0;
	}
	if (!pg->since_fixed)
		extend_to(pg, first);
	if (rc == 0)
		rc = walk_history(pg, git, rev, subdir, first, last);
	free(subdir);
	return rc;
}

void
lp_progress_free(struct lp_progress *pg)
{
	free(pg->v);
	pg->v = NULL;
}

const struct lp_col lp_progress_cols[] = {
	{ "period", LP_COL_STR }, { "standard", LP_COL_STR }, { "none", LP_COL_INT },
	{ "underlying", LP_COL_INT }, { "developing", LP_COL_INT },
	{ "extending", LP_COL_INT }, { "transforming", LP_COL_INT },
	{ "supported", LP_COL_INT },
};
const size_t lp_progress_ncols = sizeof lp_progress_cols / sizeof lp_progress_cols[0];

void
lp_progress_row(const struct lp_progress *pg, long k, int i, struct lp_progress_row *row)
{
	const struct lp_progress_period *per = &pg->v[k - pg->since];

	lp_progress_period_id(pg, k, row->id);
	row->v[0] = row->id;
	row->v[1] = lp_standard_id(i);
	for (int lv = 0; lv < LP_NLEVELS; lv++) {
		snprintf(row->n[lv], sizeof row->n[lv], "%zu", per->level[i][lv]);
		row->v[2 + lv] = row->n[lv];
	}
	snprintf(row->n[5], sizeof row->n[5], "%zu", per->supported[i]);
	row->v[7] = row->n[5];
}
