/*
 * report-html.c - the HTML documents of lp-report.
 *
 * Every document is one self-contained HTML5 file: inline CSS and SVG,
 * no script, no external request (a Content-Security-Policy meta element
 * says so to the browser too), readable in print.  This file has the page
 * and its stylesheet, and two of the documents:
 *
 *   the cohort dashboard   stages, coverage, a practitioners x standards
 *                          heatmap (per group, and per practitioner up to
 *                          a limit), coming deadlines, windows and expiries
 *   rows                   any lp rows as a table
 *
 * The moderation pack is in report-pack.c.
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

/* ---- text ---- */

/* s[0..n) escaped for text and for quoted attribute values alike. */
static void
html_textn(FILE *out, const char *s, size_t n)
{
	const char *run = s;

	for (size_t i = 0; i < n; i++) {
		const char *rep = NULL;
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			/* Control characters are not allowed in HTML text. */
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
				rep = "\xef\xbf\xbd";
		}
		if (rep) {
			fwrite(run, 1, (size_t)(s + i - run), out);
			fputs(rep, out);
			run = s + i + 1;
		}
	}
	fwrite(run, 1, (size_t)(s + n - run), out);
}

static void
html_text(FILE *out, const char *s)
{
	if (s)
		html_textn(out, s, strlen(s));
}

void
lp_report_html_escape(FILE *out, const char *s)
{
	html_text(out, s);
}

/* A count with thousands separators: 10,000. */
static const char *
count_str(size_t n, char buf[32])
{
	char tmp[32];
	int len = snprintf(tmp, sizeof tmp, "%zu", n), k = 0;

	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = tmp[i];
	}
	buf[k] = '\0';
	return buf;
}

static const char *
date_str(lp_date d, char buf[11])
{
	lp_date_format(d, buf);
	return buf;
}

/* ---- the page ---- */

static const char css[] =
":root{--fg:#1b1b1b;--muted:#555;--line:#ccc;--head:#f3f3f3}\n"
"*{box-sizing:border-box}\n"
"body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;"
"color:var(--fg);background:#fff;margin:0 auto;max-width:1200px;padding:24px}\n"
"h1{font-size:1.7em;margin:0 0 .2em;overflow-wrap:anywhere}\n"
"h2{font-size:1.3em;margin:1.8em 0 .5em;padding-bottom:.2em;border-bottom:2px solid #333}\n"
"h3{font-size:1.1em;margin:1.4em 0 .4em}\n"
"p.meta,.meta{color:var(--muted);margin:.2em 0}\n"
"nav ul{list-style:none;padding:0;margin:1em 0;display:flex;flex-wrap:wrap;gap:.4em 1.2em}\n"
"a{color:#0b5394}\n"
/* The skip link: out of sight until the keyboard reaches it. */
".skip{position:absolute;left:8px;top:-40em;background:#fff;padding:.3em .6em;border:2px solid #0b5394}\n"
".skip:focus{top:8px}\n"
/* A wide table scrolls sideways in its own region, which the keyboard can reach. */
".scroll{overflow-x:auto;max-width:100%}\n"
".scroll:focus{outline:2px solid #0b5394;outline-offset:2px}\n"
".warn{border-left:4px solid #b00;background:#fff4f4;padding:.5em .8em}\n"
"table{border-collapse:collapse;margin:.5em 0 1em}\n"
"th,td{padding:3px 8px;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}\n"
"thead th{background:var(--head);border-bottom:2px solid #999;position:sticky;top:0}\n"
"th[scope=row]{font-weight:normal}\n"
"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
"td.d{white-space:nowrap;font-variant-numeric:tabular-nums}\n"
"td.l,td.s{white-space:nowrap}\n"
"caption{caption-side:bottom;text-align:left;color:var(--muted);padding-top:4px}\n"
"tbody th.g{background:#fafafa;border-top:2px solid #999;font-weight:600}\n"
"table.hm td.l{min-width:2.6em;text-align:center;font-weight:600;border:1px solid #fff;"
"font-variant-numeric:tabular-nums}\n"
"table.hm td.l small{font-weight:normal;margin-left:.25em}\n"
/* A white ring inside the red one keeps the mark visible on the darkest fills. */
"td.u{box-shadow:inset 0 0 0 3px " LP_UNSUPPORTED_HEX ",inset 0 0 0 5px #fff}\n"
".key{display:inline-block;min-width:2em;text-align:center;font-weight:600;padding:0 .3em;margin-right:.2em}\n"
"svg.bar{vertical-align:middle}\n"
".vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;"
"clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}\n"
"td.l{position:relative}\n"
"table.cov td.name{min-width:16em}\n"
"dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1.2em;margin:.5em 0}\n"
"dl.facts dt{color:var(--muted)}\n"
"dl.facts dd{margin:0}\n"
"article.ev{border-top:1px solid var(--line);margin-top:1.2em}\n"
".narrative{max-width:50em}\n"
".narrative pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em}\n"
"code.sha{font-size:.85em;word-break:break-all}\n"
".yes{color:#1a6e2e;font-weight:600}\n"
".no{color:#b00;font-weight:600}\n"
"footer{margin-top:3em;color:var(--muted);font-size:.9em;border-top:1px solid var(--line);padding-top:.5em}\n"
"@media print{\n"
"body{max-width:none;padding:0;font-size:9.5pt}\n"
"nav,.skip{display:none}\n"
/* Nothing clipped on paper: no scroll region, long words broken. */
".scroll{overflow:visible}\n"
"dd,h2,h3,.narrative,td.w{overflow-wrap:anywhere}\n"
"h2{break-after:avoid}\n"
"tr,article.ev h3{break-inside:avoid}\n"
"thead th{position:static}\n"
"thead{display:table-header-group}\n"
"*{print-color-adjust:exact;-webkit-print-color-adjust:exact}\n"
"a{color:inherit;text-decoration:none}\n"
".narrative a[href^=\"http\"]::after{content:\" (\" attr(href) \")\";font-size:.9em}\n"
"}\n";

void
lp_report_page_start(FILE *out, const char *title, const char *extra_css)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", out);
	/* Belt and braces: even a slip in escaping could run or fetch nothing. */
	fputs("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	    "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n", out);
	fputs("<meta name=\"referrer\" content=\"no-referrer\">\n", out);
	fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", out);
	fprintf(out, "<meta name=\"generator\" content=\"%s %s\">\n<title>", lp_progname(), LP_VERSION);
	html_text(out, title);
	fputs("</title>\n<style>\n", out);
	fputs(css, out);
	/* The level classes .l0 to .l4, from the palette shared with the workbook. */
	for (int lv = 0; lv < LP_NLEVELS; lv++)
		fprintf(out, ".l%d{background:%s;color:%s}\n", lv, lp_level_colours[lv].fill,
		    lp_level_colours[lv].text);
	if (extra_css)
		fputs(extra_css, out);
	fputs("</style>\n</head>\n<body>\n", out);
	/* The first thing the keyboard reaches: past the contents to the report. */
	fputs("<a class=\"skip\" href=\"#main\">Skip to the report</a>\n", out);
}

/*
 * A region that scrolls sideways when its table is wider than the
 * window: focusable (tabindex 0), so that a keyboard can scroll it, and
 * named, so that a screen reader says what it holds.
 */
void
lp_report_scroll_start(FILE *out, const char *label)
{
	fputs("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"", out);
	html_text(out, label);
	fputs("\">\n", out);
}

void
lp_report_scroll_end(FILE *out)
{
	fputs("</div>\n", out);
}

void
lp_report_page_end(FILE *out, lp_date today)
{
	char d[11];

	fprintf(out, "<footer>\n<p>Made by %s %s on ", lp_progname(), LP_VERSION);
	fputs(date_str(today, d), out);
	fputs(". Portfolios are personal data: share this file only with those who "
	    "need it.</p>\n</footer>\n</body>\n</html>\n", out);
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
	lp_report_scroll_start(out, "Coverage by standard (table)");
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
	lp_report_scroll_end(out);
	fputs("</section>\n", out);
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
	lp_report_scroll_start(out, c->group == LP_REPORT_BY_COHORT ? "Levels by cohort (table)" :
	    "Levels by school (table)");
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
	lp_report_scroll_end(out);
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
	lp_report_scroll_start(out, "Levels by practitioner (table)");
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
	lp_report_scroll_end(out);
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
	lp_report_scroll_start(out, "Coming deadlines (table)");
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
	lp_report_scroll_end(out);
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
	lp_report_scroll_start(out, "Coming expiries (table)");
	fprintf(out, "<table>\n<caption>Coming expiries, earliest first.</caption>\n"
	    "<thead><tr><th scope=\"col\">Expires</th><th scope=\"col\" class=\"n\">Days left</th>"
	    "<th scope=\"col\">Id</th><th scope=\"col\">Name</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">Accredited</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n", what);
	for (size_t k = 0; k < shown; k++) {
		const struct lp_report_person *p = r[k].p;

		fprintf(out, "<tr><td class=\"d\">%s</td><td class=\"n%s\">%ld</td>",
		    date_str(p->expires, d), p->days_left < 0 ? " no" : "", p->days_left);
		person_ident(out, c, p);
		fprintf(out, "<td class=\"d\">%s</td><td>%s</td></tr>\n",
		    date_str(p->accredited, e), lp_renewal_name(p->renewal));
	}
	fputs("</tbody>\n</table>\n", out);
	lp_report_scroll_end(out);
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
		fputs(" \xc2\xb7 read from ", out);
		html_text(out, c->source);
	}
	fputs("</p>\n</header>\n", out);
	fputs("<nav aria-label=\"Contents\"><ul>", out);
	if (c->incomplete)
		fputs("<li><a href=\"#problems\">Not read</a></li>", out);
	fputs("<li><a href=\"#stages\">Stages</a></li>"
	    "<li><a href=\"#coverage\">Coverage</a></li><li><a href=\"#by-group\">Levels by group</a></li>"
	    "<li><a href=\"#by-practitioner\">Levels by practitioner</a></li>"
	    "<li><a href=\"#deadlines\">Deadlines</a></li><li><a href=\"#windows\">Windows</a></li>"
	    "<li><a href=\"#expiries\">Expiries</a></li></ul></nav>\n<main id=\"main\">\n", out);
	if (c->incomplete)
		lp_report_html_problems(out, c->problems);
	html_stages(out, c);
	html_coverage(out, c);
	html_heatmap(out, c, r);
	html_deadlines(out, c, r);
	html_windows(out, c, r);
	html_expiries(out, c, r);
	fputs("</main>\n", out);
	lp_report_page_end(out, c->today);
	free(r);
}

/* ---- rows ---- */

/* A column is numeric when every value in it is a plain number. */
static int
column_numeric(char **const *rows, size_t nrows, size_t col)
{
	int any = 0;

	for (size_t i = 0; i < nrows; i++) {
		const char *s = rows[i][col];

		if (!s || !*s)
			continue;
		if (*s == '-')
			s++;
		if (!*s || strspn(s, "0123456789.") != strlen(s) || *s == '.')
			return 0;
		any = 1;
	}
	return any;
}

void
lp_report_html_rows(FILE *out, const char *title, lp_date today, char *const *cols,
    size_t ncols, char **const *rows, size_t nrows)
{
	char *num = lp_xcalloc(ncols ? ncols : 1, 1), a[32];

	for (size_t j = 0; j < ncols; j++)
		num[j] = (char)column_numeric(rows, nrows, j);
	/*
	 * Rows can be wide: the page takes the whole window, short cells do
	 * not wrap (a date broken over two lines is hard to read), long ones
	 * do, and the table scrolls sideways rather than overflow.
	 */
	lp_report_page_start(out, title,
	    "body{max-width:none}\n"
	    "table.rows td{white-space:nowrap}\n"
	    "table.rows td.w{white-space:normal;min-width:24em}\n"
	    "@media print{@page{size:A4 landscape;margin:10mm}table.rows td{white-space:normal}}\n");
	fputs("<main id=\"main\">\n<h1 id=\"rows-title\">", out);
	html_text(out, title);
	fprintf(out, "</h1>\n<p class=\"meta\">%s row%s</p>\n", count_str(nrows, a), nrows == 1 ? "" : "s");
	lp_report_scroll_start(out, "The rows (table)");
	fputs("<table class=\"rows\" aria-labelledby=\"rows-title\">\n<thead><tr>", out);
	for (size_t j = 0; j < ncols; j++) {
		fprintf(out, "<th scope=\"col\"%s>", num[j] ? " class=\"n\"" : "");
		html_text(out, cols[j]);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (size_t i = 0; i < nrows; i++) {
		fputs("<tr>", out);
		for (size_t j = 0; j < ncols; j++) {
			const char *v = rows[i][j];

			fputs(num[j] ? "<td class=\"n\">" : v && lp_utf8_width(v) > 40 ? "<td class=\"w\">" : "<td>", out);
			html_text(out, v);
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
	lp_report_scroll_end(out);
	fputs("</main>\n", out);
	lp_report_page_end(out, today);
	free(num);
}
