/*
 * report-html.c - lp-report's cohort dashboard: stages, coverage, a
 * practitioners x standards heatmap (per group, and per practitioner up
 * to a limit), coming deadlines, windows and expiries, and what could
 * not be read (report-problems.c).
 *
 * The page and its stylesheet are in report-page.c, rows as a page in
 * report-render.c, the moderation pack in report-pack.c.
 *
 * Every string that comes from a portfolio or from input rows goes
 * through html_text().  Every chart has its numbers in a table beside it
 * or a text alternative, and colour is never the only signal: cells carry
 * the level's letter, unsupported claims a "!".
 *
 * Nothing here decides a rule: the dashboard works only on the answers
 * the program got from lib/rules.c.
 */
#include <stdlib.h>
#include <string.h>

#include "lp.h"
#include "palette.h"
#include "report.h"
#include "report-progress.h"

#define html_text lp_report_html_escape
#define count_str lp_report_count_str

static const char *
date_str(lp_date d, char buf[11])
{
	lp_date_format(d, buf);
	return buf;
}

/* ---- levels, stages ---- */

const char lp_report_level_letter[LP_NLEVELS][4] = { "\xe2\x80\x93", "U", "D", "E", "T" };
#define level_letter lp_report_level_letter

static const char *const stage_colour[] = {
	[LP_STAGE_NOT_STARTED] = "#bdbdbd",
	[LP_STAGE_IN_PROGRESS] = "#6baed6",
	[LP_STAGE_READY] = "#31a354",
	[LP_STAGE_SUBMITTED] = "#756bb1",
	[LP_STAGE_REFERRED] = "#fd8d3c",
	[LP_STAGE_OVERDUE] = "#de2d26",
	[LP_STAGE_ACCREDITED] = "#006d2c",
	[LP_STAGE_DUE] = "#d4a000",
	[LP_STAGE_EXPIRED] = "#7f0000",
	[LP_STAGE_WITHDRAWN] = "#636363",
};
#define NSTAGES (LP_STAGE_WITHDRAWN + 1)


static void
level_legend(FILE *out, int min_level)
{
	fputs("<p class=\"meta\">Levels: ", out);
	for (int lv = 0; lv < LP_NLEVELS; lv++)
		fprintf(out, "<span class=\"key l%d\">%s</span>%s%s ", lv, level_letter[lv],
		    lp_level_name(lv), lv < LP_NLEVELS - 1 ? "," : ".");
	fprintf(out, "A <strong>!</strong> and a red frame mark a claimed level that the "
	    "evidence does not support. The minimum for moderation is %s.</p>\n",
	    lp_level_name(min_level));
}

/* ---- persons ---- */

void
lp_report_person_free(struct lp_report_person *p)
{
	free(p->id);
	free(p->name);
	free(p->school);
	free(p->cohort);
	free(p->label);
	memset(p, 0, sizeof *p);
}

void
lp_report_cov_add(struct lp_report_cov *cov, const struct lp_report_person *p)
{
	cov->n++;
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		int lv = p->level[i] < LP_NLEVELS ? p->level[i] : 0;

		cov->level[i][lv]++;
		if (lv > LP_LEVEL_NONE && !(p->unsupported & (1u << i)))
			cov->supported[i]++;
		if (p->ok & (1u << i))
			cov->ok[i]++;
	}
}

void
lp_report_cohort_add(struct lp_report_cohort *c, struct lp_report_person *p)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = lp_xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	c->v[c->n++] = *p;
	memset(p, 0, sizeof *p);
}

void
lp_report_cohort_free(struct lp_report_cohort *c)
{
	for (size_t i = 0; i < c->n; i++)
		lp_report_person_free(&c->v[i]);
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

static const char *
group_of(const struct lp_report_cohort *c, const struct lp_report_person *p)
{
	return c->group == LP_REPORT_BY_COHORT ? p->cohort : p->school;
}

/* Group names sort in byte order; people without one come last. */
static int
group_cmp(const char *a, const char *b)
{
	if (!*a || !*b)
		return !*a - !*b;
	return strcmp(a, b);
}

/* qsort has no context argument: the grouping rides along in each element. */
struct ref {
	const struct lp_report_person *p;
	const char *group;
};

static int
cmp_group_id(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	int c = group_cmp(x->group, y->group);

	return c ? c : strcmp(x->p->id, y->p->id);
}

static int
cmp_deadline(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;

	if (x->p->deadline != y->p->deadline)
		return x->p->deadline < y->p->deadline ? -1 : 1;
	return strcmp(x->p->id, y->p->id);
}

static int
cmp_expires(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;

	if (x->p->expires != y->p->expires)
		return x->p->expires < y->p->expires ? -1 : 1;
	return strcmp(x->p->id, y->p->id);
}

static int
cmp_next_window(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;

	if (x->p->next_closes != y->p->next_closes)
		return x->p->next_closes < y->p->next_closes ? -1 : 1;
	return strcmp(x->p->next_window, y->p->next_window);
}

/*
 * Still to submit: not awaiting an outcome, not accredited, not
 * withdrawn.  These are the people a deadline or a window concerns.
 */
static int
still_to_submit(enum lp_stage s)
{
	return s == LP_STAGE_NOT_STARTED || s == LP_STAGE_IN_PROGRESS ||
	    s == LP_STAGE_READY || s == LP_STAGE_REFERRED || s == LP_STAGE_OVERDUE;
}

static void
group_label(FILE *out, const struct lp_report_cohort *c, const char *g)
{
	if (*g)
		html_text(out, g);
	else
		fputs(c->group == LP_REPORT_BY_COHORT ? "(no cohort)" : "(no school)", out);
}

/* "12 of 40 shown" note under a table cut at rows_max. */
static void
cut_note(FILE *out, size_t shown, size_t total, const char *what)
{
	char a[32], b[32];

	if (shown >= total)
		return;
	fprintf(out, "<p class=\"meta\">Showing the first %s of %s %s. "
	    "<code>lp-report summary</code> lists them all; <code>--rows N</code> shows more here.</p>\n",
	    count_str(shown, a), count_str(total, b), what);
}

/* ---- the dashboard: stages ---- */

static void
html_stages(FILE *out, const struct lp_report_cohort *c)
{
	size_t count[NSTAGES] = {0}, max = 0;
	double x = 0;
	char a[32];
	const double width = 900;

	for (size_t i = 0; i < c->n; i++)
		count[c->v[i].stage]++;
	for (int s = 0; s < NSTAGES; s++)
		if (count[s] > max)
			max = count[s];

	fputs("<section id=\"stages\">\n<h2>Stages</h2>\n", out);
	/* The whole cohort in one bar, described in words for screen readers. */
	fprintf(out, "<svg class=\"bar\" role=\"img\" aria-labelledby=\"stages-title\" "
	    "width=\"100%%\" height=\"28\" viewBox=\"0 0 %.0f 28\" preserveAspectRatio=\"none\">\n"
	    "<title id=\"stages-title\">Practitioners by stage:", width);
	for (int s = 0; s < NSTAGES; s++)
		if (count[s])
			fprintf(out, " %s %zu;", lp_stage_name(s), count[s]);
	fputs("</title>\n", out);
	for (int s = 0; s < NSTAGES && c->n; s++) {
		double w = width * (double)count[s] / (double)c->n;

		if (!count[s])
			continue;
		fprintf(out, "<rect x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"28\" fill=\"%s\"/>\n",
		    x, w, stage_colour[s]);
		x += w;
	}
	fputs("</svg>\n", out);

	fputs("<table class=\"stages\">\n<caption>The stage is the first rule of the "
	    "stage list that holds (see lp-report(1)).</caption>\n<thead><tr>"
	    "<th scope=\"col\">Stage</th><th scope=\"col\" class=\"n\">Practitioners</th>"
	    "<th scope=\"col\" class=\"n\">Share</th><th scope=\"col\"><span class=\"vh\">Bar</span></th>"
	    "</tr></thead>\n<tbody>\n", out);
	for (int s = 0; s < NSTAGES; s++) {
		fprintf(out, "<tr><th scope=\"row\"><svg class=\"bar\" width=\"12\" height=\"12\" "
		    "aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"%s\"/></svg> %s</th>",
		    stage_colour[s], lp_stage_name(s));
		fprintf(out, "<td class=\"n\">%s</td><td class=\"n\">%.0f%%</td>",
		    count_str(count[s], a), c->n ? 100.0 * (double)count[s] / (double)c->n : 0.0);
		fprintf(out, "<td><svg class=\"bar\" width=\"240\" height=\"12\" aria-hidden=\"true\">"
		    "<rect width=\"%.1f\" height=\"12\" fill=\"%s\"/></svg></td></tr>\n",
		    max ? 240.0 * (double)count[s] / (double)max : 0.0, stage_colour[s]);
	}
	fprintf(out, "</tbody>\n<tfoot><tr><th scope=\"row\">all</th><td class=\"n\">%s</td>"
	    "<td></td><td></td></tr></tfoot>\n</table>\n</section>\n", count_str(c->n, a));
}

/* ---- the dashboard: coverage ---- */

static void
html_coverage(FILE *out, const struct lp_report_cohort *c)
{
	struct lp_report_cov cov;
	char a[32];

	memset(&cov, 0, sizeof cov);
	for (size_t i = 0; i < c->n; i++)
		lp_report_cov_add(&cov, &c->v[i]);

	fputs("<section id=\"coverage\">\n<h2>Coverage by standard</h2>\n", out);
	fprintf(out, "<p>How many practitioners claim each level on each standard. "
	    "<em>Supported</em> counts claims above none that the evidence supports; "
	    "<em>at %s+</em> counts practitioners at the minimum level or above "
	    "<em>and</em> supported. The narrow bar under each standard is the supported share.</p>\n",
	    lp_level_name(c->min_level));
	level_legend(out, c->min_level);
	fputs("<table class=\"cov\">\n<caption>Practitioners by the level they claim on each "
	    "standard, with the claims the evidence supports.</caption>\n"
	    "<thead><tr><th scope=\"col\">Standard</th>"
	    "<th scope=\"col\">Name</th><th scope=\"col\">Levels claimed</th>", out);
	for (int lv = 0; lv < LP_NLEVELS; lv++)
		fprintf(out, "<th scope=\"col\" class=\"n\"><span class=\"key l%d\" aria-hidden=\"true\">%s</span>"
		    "<span class=\"vh\">%s</span></th>", lv, level_letter[lv], lp_level_name(lv));
	fprintf(out, "<th scope=\"col\" class=\"n\">Supported</th><th scope=\"col\" class=\"n\">At %s+</th>"
	    "</tr></thead>\n<tbody>\n", lp_level_name(c->min_level));
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		const struct lp_standard *st = &c->fw->std[i];
		double x = 0, w;

		fputs("<tr><th scope=\"row\">", out);
		html_text(out, st->id);
		fputs("</th><td class=\"name\">", out);
		html_text(out, st->name);
		fputs("</td><td>", out);
		fputs("<svg class=\"bar\" width=\"260\" height=\"22\" aria-hidden=\"true\">", out);
		for (int lv = 0; lv < LP_NLEVELS && cov.n; lv++) {
			w = 260.0 * (double)cov.level[i][lv] / (double)cov.n;
			if (w > 0)
				fprintf(out, "<rect x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"14\" fill=\"%s\"/>",
				    x, w, lp_level_colours[lv].fill);
			x += w;
		}
		w = cov.n ? 260.0 * (double)cov.supported[i] / (double)cov.n : 0;
		fprintf(out, "<rect x=\"0\" y=\"17\" width=\"260\" height=\"4\" fill=\"#eee\"/>"
		    "<rect x=\"0\" y=\"17\" width=\"%.2f\" height=\"4\" fill=\"#1a6e2e\"/></svg></td>", w);
		for (int lv = 0; lv < LP_NLEVELS; lv++)
			fprintf(out, "<td class=\"n\">%s</td>", count_str(cov.level[i][lv], a));
		fprintf(out, "<td class=\"n\">%s</td>", count_str(cov.supported[i], a));
		fprintf(out, "<td class=\"n\">%s</td></tr>\n", count_str(cov.ok[i], a));
	}
	fputs("</tbody>\n</table>\n", out);
	fputs("</section>\n", out);
}

/* ---- the dashboard: progress ---- */

/* One standard's levels at each period end, as stacked columns (the table beside carries the numbers). */
static void
progress_chart(FILE *out, const struct lp_cohort_progress *pr, int i, unsigned long most)
{
	const double h = 36.0, cw = 6.0, gap = 2.0;

	fprintf(out, "<svg class=\"bar\" width=\"%.0f\" height=\"%.0f\" aria-hidden=\"true\">",
	    (double)pr->n * (cw + gap), h);
	for (size_t k = 0; k < pr->n; k++) {
		double y = h;

		for (int lv = 0; lv < LP_NLEVELS && most; lv++) {
			double bh = h * (double)pr->count[k][i][lv] / (double)most;

			if (bh <= 0)
				continue;
			y -= bh;
			fprintf(out, "<rect x=\"%.1f\" y=\"%.2f\" width=\"%.1f\" height=\"%.2f\" fill=\"%s\"/>",
			    (double)k * (cw + gap), y, cw, bh, lp_level_colours[lv].fill);
		}
	}
	fputs("</svg>", out);
}

static unsigned long
progress_total(const struct lp_cohort_progress *pr, size_t k, int i, int from)
{
	unsigned long n = 0;

	for (int lv = from; lv < LP_NLEVELS; lv++)
		n += pr->count[k][i][lv];
	return n;
}

static void
html_progress(FILE *out, const struct lp_report_cohort *c)
{
	const struct lp_cohort_progress *pr = c->progress;
	unsigned long most = 0;
	char a[32];

	for (size_t k = 0; k < pr->n; k++)
		if (progress_total(pr, k, 0, 0) > most)
			most = progress_total(pr, k, 0, 0);
	fputs("<section id=\"progress\">\n<h2>Progress</h2>\n", out);
	if (!most) {
		fputs("<p>No history to show: no portfolio was in git, or assessed, in the year up to "
		    "today.</p>\n</section>\n", out);
		return;
	}
	fprintf(out, "<p>Distance travelled: at the end of each month of the last year, how many "
	    "practitioners stood at each level of each standard, as their git history records it "
	    "(a practitioner counts from their first commit). Each column of a chart stacks the "
	    "levels, none at the bottom; the numbers are practitioners at %s or above, of those "
	    "counted that month.", lp_level_name(c->min_level));
	if (pr->without_history)
		fprintf(out, " %s portfolio%s outside git %s counted as %s now, each standard from the "
		    "date it was assessed.", count_str(pr->without_history, a),
		    pr->without_history == 1 ? "" : "s", pr->without_history == 1 ? "is" : "are",
		    pr->without_history == 1 ? "it is" : "they are");
	fputs("</p>\n", out);
	level_legend(out, c->min_level);
	fprintf(out, "<table class=\"prog\">\n<caption>Practitioners at %s or above on each standard "
	    "at the end of each month, of those counted then.</caption>\n<thead><tr>"
	    "<th scope=\"col\">Standard</th><th scope=\"col\">Levels over time</th>",
	    lp_level_name(c->min_level));
	for (size_t k = 0; k < pr->n; k++) {
		fputs("<th scope=\"col\" class=\"n\">", out);
		html_text(out, pr->periods[k].label);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		fputs("<tr><th scope=\"row\"><abbr title=\"", out);
		html_text(out, c->fw->std[i].name);
		fputs("\">", out);
		html_text(out, c->fw->std[i].id);
		fputs("</abbr></th><td>", out);
		progress_chart(out, pr, i, most);
		fputs("</td>", out);
		for (size_t k = 0; k < pr->n; k++) {
			char b[32];

			fprintf(out, "<td class=\"n\">%s/", count_str(progress_total(pr, k, i, c->min_level), a));
			fprintf(out, "%s</td>", count_str(progress_total(pr, k, i, 0), b));
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</section>\n", out);
}

/* ---- the dashboard: heatmaps ---- */

static void
standards_head(FILE *out, const struct lp_report_cohort *c)
{
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		fputs("<th scope=\"col\" class=\"n\"><abbr title=\"", out);
		html_text(out, c->fw->std[i].name);
		fputs("\">", out);
		html_text(out, c->fw->std[i].id);
		fputs("</abbr></th>", out);
	}
}

/* One group's aggregate row: mean level per standard, unsupported claims marked. */
static void
group_row(FILE *out, const struct lp_report_cohort *c, const struct ref *r, size_t n)
{
	size_t ready = 0;
	char a[32];

	for (size_t k = 0; k < n; k++)
		ready += r[k].p->ready != 0;
	fputs("<tr><th scope=\"row\">", out);
	group_label(out, c, r[0].group);
	fprintf(out, "</th><td class=\"n\">%s</td>", count_str(n, a));
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		size_t sum = 0, unsup = 0;
		double mean;
		int shade;

		for (size_t k = 0; k < n; k++) {
			sum += r[k].p->level[i];
			unsup += (r[k].p->unsupported >> i) & 1;
		}
		mean = (double)sum / (double)n;
		shade = (int)(mean + 0.5);
		fprintf(out, "<td class=\"l l%d\" title=\"", shade);
		group_label(out, c, r[0].group);
		fprintf(out, ", %s: mean level %.1f of %zu; %zu claim%s not supported by evidence\">%.1f",
		    c->fw->std[i].id, mean, n, unsup, unsup == 1 ? "" : "s", mean);
		if (unsup)
			fprintf(out, "<small><span aria-hidden=\"true\">!%zu</span><span class=\"vh\">, "
			    "%zu not supported by evidence</span></small>", unsup, unsup);
		fputs("</td>", out);
	}
	fprintf(out, "<td class=\"n\">%s</td></tr>\n", count_str(ready, a));
}

static void
html_groups(FILE *out, const struct lp_report_cohort *c, const struct ref *r)
{
	const char *what = c->group == LP_REPORT_BY_COHORT ? "cohort" : "school";
	const char *head = c->group == LP_REPORT_BY_COHORT ? "Cohort" : "School";

	fprintf(out, "<h3 id=\"by-group\">By %s</h3>\n", what);
	fprintf(out, "<p>Each cell is the mean level claimed on the standard by the %s's "
	    "practitioners (0 none to 4 transforming), shaded by the nearest level; "
	    "<strong>!N</strong> counts the claims there that the evidence does not support.</p>\n", what);
	fprintf(out, "<table class=\"hm\">\n<caption>Mean level claimed on each standard, by %s; "
	    "the last row is every practitioner.</caption>\n<thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\" class=\"n\">People</th>", what, head);
	standards_head(out, c);
	fputs("<th scope=\"col\" class=\"n\">Ready</th></tr></thead>\n<tbody>\n", out);
	for (size_t k = 0; k < c->n;) {
		size_t end = k + 1;

		while (end < c->n && group_cmp(r[end].group, r[k].group) == 0)
			end++;
		group_row(out, c, r + k, end - k);
		k = end;
	}
	fputs("</tbody>\n", out);
	if (c->n > 0) {
		struct ref *all = lp_xcalloc(c->n, sizeof *all);

		for (size_t k = 0; k < c->n; k++) {
			all[k] = r[k];
			all[k].group = "all practitioners";
		}
		fputs("<tfoot>", out);
		group_row(out, c, all, c->n);
		fputs("</tfoot>\n", out);
		free(all);
	}
	fputs("</table>\n", out);
}

static void
person_cells(FILE *out, const struct lp_report_cohort *c, const struct lp_report_person *p)
{
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		int lv = p->level[i] < LP_NLEVELS ? p->level[i] : 0;
		int unsup = (p->unsupported >> i) & 1;

		/* The letter for the eye, the level's name for a screen reader. */
		fprintf(out, "<td class=\"l l%d%s\" title=\"%s %s%s\"><span aria-hidden=\"true\">%s%s</span>"
		    "<span class=\"vh\">%s%s</span></td>", lv, unsup ? " u" : "",
		    c->fw->std[i].id, lp_level_name(lv), unsup ? ", not supported by evidence" : "",
		    level_letter[lv], unsup ? "!" : "",
		    lp_level_name(lv), unsup ? ", not supported by evidence" : "");
	}
}

static void
html_people(FILE *out, const struct lp_report_cohort *c, const struct ref *r)
{
	size_t shown = c->n < c->rows_max ? c->n : c->rows_max;
	const char *prev = NULL;

	fputs("<h3 id=\"by-practitioner\">By practitioner</h3>\n", out);
	level_legend(out, c->min_level);
	cut_note(out, shown, c->n, "practitioners, in the order of the table");
	if (shown == 0) {
		fputs("<p>No practitioners to show.</p>\n", out);
		return;
	}
	fprintf(out, "<table class=\"hm\">\n<caption>The level each practitioner claims on each "
	    "standard, grouped by %s.</caption>\n<thead><tr><th scope=\"col\">Id</th>"
	    "<th scope=\"col\">Name</th><th scope=\"col\">Stage</th>",
	    c->group == LP_REPORT_BY_COHORT ? "cohort" : "school");
	standards_head(out, c);
	fputs("<th scope=\"col\">Ready</th></tr></thead>\n", out);
	for (size_t k = 0; k < shown; k++) {
		const struct lp_report_person *p = r[k].p;

		if (!prev || group_cmp(prev, r[k].group) != 0) {
			fputs(prev ? "</tbody>\n<tbody>\n" : "<tbody>\n", out);
			fprintf(out, "<tr><th class=\"g\" scope=\"rowgroup\" colspan=\"%d\">", LP_NSTANDARDS + 4);
			group_label(out, c, r[k].group);
			fputs("</th></tr>\n", out);
			prev = r[k].group;
		}
		fputs("<tr><td>", out);
		html_text(out, p->id);
		fputs("</td><td>", out);
		html_text(out, p->name);
		fprintf(out, "</td><td>%s</td>", lp_stage_name(p->stage));
		person_cells(out, c, p);
		fprintf(out, "<td class=\"%s\">%s</td></tr>\n", p->ready ? "yes" : "no", p->ready ? "yes" : "no");
	}
	fputs("</tbody>\n</table>\n", out);
}

static void
html_heatmap(FILE *out, const struct lp_report_cohort *c, struct ref *r)
{
	fputs("<section id=\"levels\">\n<h2>Levels: practitioners \xc3\x97 standards</h2>\n", out);
	html_groups(out, c, r);
	html_people(out, c, r);
	fputs("</section>\n", out);
}

/* ---- the dashboard: dates ---- */

static void
person_ident(FILE *out, const struct lp_report_cohort *c, const struct lp_report_person *p)
{
	fputs("<td>", out);
	html_text(out, p->id);
	fputs("</td><td>", out);
	html_text(out, p->name);
	fputs("</td><td>", out);
	group_label(out, c, group_of(c, p));
	fputs("</td>", out);
}

static void
html_deadlines(FILE *out, const struct lp_report_cohort *c, struct ref *r)
{
	size_t n = 0, shown;
	char d[11], e[11];
	const char *what = c->group == LP_REPORT_BY_COHORT ? "Cohort" : "School";

	for (size_t k = 0; k < c->n; k++) {
		const struct lp_report_person *p = &c->v[k];

		if (still_to_submit(p->stage) && (long)p->deadline - c->today <= c->within)
			r[n++].p = p;
	}
	qsort(r, n, sizeof *r, cmp_deadline);
	shown = n < c->rows_max ? n : c->rows_max;

	fputs("<section id=\"deadlines\">\n<h2>Coming deadlines</h2>\n", out);
	fprintf(out, "<p>Practitioners still to submit whose two-year deadline has passed or falls "
	    "within %ld days, earliest first. The last window is the last one closing before the "
	    "deadline.</p>\n", c->within);
	if (n == 0) {
		fputs("<p>None.</p>\n</section>\n", out);
		return;
	}
	cut_note(out, shown, n, "of them");
	fprintf(out, "<table>\n<caption>Coming deadlines, earliest first; a negative number of days "
	    "is a deadline passed.</caption>\n<thead><tr><th scope=\"col\">Deadline</th><th scope=\"col\" class=\"n\">Days left</th>"
	    "<th scope=\"col\">Id</th><th scope=\"col\">Name</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">Stage</th><th scope=\"col\">Next window</th><th scope=\"col\">Last window</th>"
	    "<th scope=\"col\" class=\"n\">Windows left</th></tr></thead>\n<tbody>\n", what);
	for (size_t k = 0; k < shown; k++) {
		const struct lp_report_person *p = r[k].p;
		long days = (long)p->deadline - c->today;

		fprintf(out, "<tr><td class=\"d\">%s</td><td class=\"n%s\">%ld</td>",
		    date_str(p->deadline, d), days < 0 ? " no" : "", days);
		person_ident(out, c, p);
		fprintf(out, "<td>%s</td><td>%s%s%s%s</td><td>%s%s%s%s</td><td class=\"n\">%d</td></tr>\n",
		    lp_stage_name(p->stage),
		    *p->next_window ? p->next_window : "none",
		    *p->next_window ? " <span class=\"meta\">closes " : "",
		    *p->next_window ? date_str(p->next_closes, e) : "",
		    *p->next_window ? "</span>" : "",
		    *p->last_window ? p->last_window : "none",
		    *p->last_window ? " <span class=\"meta\">closes " : "",
		    *p->last_window ? date_str(p->last_closes, d) : "",
		    *p->last_window ? "</span>" : "",
		    p->windows_left);
	}
	fputs("</tbody>\n</table>\n", out);
	fputs("</section>\n", out);
}

/* How many still to submit have each window as their next usable one. */
static void
html_windows(FILE *out, const struct lp_report_cohort *c, struct ref *r)
{
	size_t n = 0;
	char d[11], a[32], b[32];

	for (size_t k = 0; k < c->n; k++) {
		const struct lp_report_person *p = &c->v[k];

		if (still_to_submit(p->stage) && *p->next_window)
			r[n++].p = p;
	}
	fputs("<section id=\"windows\">\n<h2>Next assessment windows</h2>\n", out);
	if (n == 0) {
		fputs("<p>Nobody still to submit has a usable window ahead.</p>\n</section>\n", out);
		return;
	}
	qsort(r, n, sizeof *r, cmp_next_window);
	fputs("<p>For practitioners still to submit: the first window they can still use, "
	    "and how many of them are ready now.</p>\n", out);
	fputs("<table>\n<caption>Practitioners still to submit by the next window they can "
	    "use.</caption>\n<thead><tr><th scope=\"col\">Window</th><th scope=\"col\">Closes</th>"
	    "<th scope=\"col\" class=\"n\">Practitioners</th><th scope=\"col\" class=\"n\">Ready now</th>"
	    "</tr></thead>\n<tbody>\n", out);
	for (size_t k = 0; k < n;) {
		size_t end = k, ready = 0;

		while (end < n && strcmp(r[end].p->next_window, r[k].p->next_window) == 0)
			ready += r[end++].p->ready != 0;
		fprintf(out, "<tr><td>%s</td><td class=\"d\">%s</td><td class=\"n\">%s</td>"
		    "<td class=\"n\">%s</td></tr>\n", r[k].p->next_window,
		    date_str(r[k].p->next_closes, d), count_str(end - k, a), count_str(ready, b));
		k = end;
	}
	fputs("</tbody>\n</table>\n</section>\n", out);
}

static void
html_expiries(FILE *out, const struct lp_report_cohort *c, struct ref *r)
{
	size_t n = 0, shown;
	char d[11], e[11];
	const char *what = c->group == LP_REPORT_BY_COHORT ? "Cohort" : "School";

	for (size_t k = 0; k < c->n; k++) {
		const struct lp_report_person *p = &c->v[k];

		if (p->renewal == LP_RENEWAL_DUE || p->renewal == LP_RENEWAL_EXPIRED)
			r[n++].p = p;
	}
	qsort(r, n, sizeof *r, cmp_expires);
	shown = n < c->rows_max ? n : c->rows_max;

	fputs("<section id=\"expiries\">\n<h2>Coming expiries</h2>\n", out);
	fprintf(out, "<p>Accredited Lead Practitioners whose three years have run out or end "
	    "within %ld days: time to re-accredit.</p>\n", c->within);
	if (n == 0) {
		fputs("<p>None.</p>\n</section>\n", out);
		return;
	}
	cut_note(out, shown, n, "of them");
	fprintf(out, "<table>\n<caption>Coming expiries, earliest first.</caption>\n"
	    "<thead><tr><th scope=\"col\">Expires</th><th scope=\"col\" class=\"n\">Days left</th>"
	    "<th scope=\"col\">Id</th><th scope=\"col\">Name</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">Accredited</th><th scope=\"col\">Status</th>"
	    "<th scope=\"col\">Case study signed off</th></tr></thead>\n<tbody>\n", what);
	for (size_t k = 0; k < shown; k++) {
		const struct lp_report_person *p = r[k].p;

		fprintf(out, "<tr><td class=\"d\">%s</td><td class=\"n%s\">%ld</td>",
		    date_str(p->expires, d), p->days_left < 0 ? " no" : "", p->days_left);
		person_ident(out, c, p);
		fprintf(out, "<td class=\"d\">%s</td><td>%s</td><td>%s</td></tr>\n",
		    date_str(p->accredited, e), lp_renewal_name(p->renewal),
		    p->signed_off < 0 ? "no case study yet" : p->signed_off ? "yes" : "not yet");
	}
	fputs("</tbody>\n</table>\n", out);
	fputs("</section>\n", out);
}

void
lp_report_html_cohort(FILE *out, struct lp_report_cohort *c)
{
	struct ref *r = lp_xcalloc(c->n ? c->n : 1, sizeof *r);
	char d[11], a[32];

	for (size_t k = 0; k < c->n; k++) {
		r[k].p = &c->v[k];
		r[k].group = group_of(c, &c->v[k]);
	}
	qsort(r, c->n, sizeof *r, cmp_group_id);

	lp_report_page_start(out, c->title, "@media print{@page{size:A4 landscape;margin:10mm}}\n");
	fputs("<header>\n<h1>", out);
	html_text(out, c->title);
	fprintf(out, "</h1>\n<p class=\"meta\">%s practitioner%s \xc2\xb7 as of %s \xc2\xb7 minimum level %s",
	    count_str(c->n, a), c->n == 1 ? "" : "s", date_str(c->today, d), lp_level_name(c->min_level));
	fprintf(out, " \xc2\xb7 looking %ld days ahead", c->within);
	if (c->source) {
		fputs(" \xc2\xb7 read from <bdi>", out);
		html_text(out, c->source);
		fputs("</bdi>", out);
	}
	fputs("</p>\n</header>\n", out);
	fputs("<nav aria-label=\"Contents\"><ul>", out);
	if (c->incomplete)
		fputs("<li><a href=\"#problems\">Not read</a></li>", out);
	fputs("<li><a href=\"#stages\">Stages</a></li>"
	    "<li><a href=\"#coverage\">Coverage</a></li>", out);
	if (c->progress)
		fputs("<li><a href=\"#progress\">Progress</a></li>", out);
	fputs("<li><a href=\"#by-group\">Levels by group</a></li>"
	    "<li><a href=\"#by-practitioner\">Levels by practitioner</a></li>"
	    "<li><a href=\"#deadlines\">Deadlines</a></li><li><a href=\"#windows\">Windows</a></li>"
	    "<li><a href=\"#expiries\">Expiries</a></li></ul></nav>\n<main id=\"main\">\n", out);
	if (c->incomplete)
		lp_report_html_problems(out, c->problems);
	html_stages(out, c);
	html_coverage(out, c);
	if (c->progress)
		html_progress(out, c);
	html_heatmap(out, c, r);
	html_deadlines(out, c, r);
	html_windows(out, c, r);
	html_expiries(out, c, r);
	fputs("</main>\n", out);
	lp_report_page_end(out, c->today);
	free(r);
}
