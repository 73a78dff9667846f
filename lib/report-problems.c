/*
 * report-problems.c - what lp-report could not read, named on the page.
 *
 * A dashboard over a cohort with an unreadable portfolio is still made,
 * without it; the reader must be told which portfolios are missing and
 * why, not only that some are.  The diagnostics of the cohort walk are
 * kept (lib/diag.c's capture), printed on stderr as before once the walk
 * is over, and listed on the page.
 */
#include <stdlib.h>

#include "lp.h"
#include "report.h"

#define html_text lp_report_html_escape

/* At most this many problems are listed; the rest are counted. */
#define PROBLEMS_SHOWN 200

void
lp_report_problems_replay(const struct lp_findings *kept, struct lp_findings *old_sink)
{
	lp_diag_capture(old_sink);
	for (size_t i = 0; i < kept->n; i++) {
		const struct lp_finding *x = &kept->v[i];

		if (x->severity == LP_SEV_WARNING)
			lp_warnat(x->file, x->line, "%s", x->message);
		else
			lp_errorat(x->file, x->line, "%s", x->message);
	}
}

void
lp_report_html_problems(FILE *out, const struct lp_findings *f)
{
	size_t nerr = f ? lp_findings_count(f, LP_SEV_ERROR) : 0, shown = 0;

	fputs("<section id=\"problems\" class=\"warn\">\n<h2>Portfolios not read in full</h2>\n"
	    "<p><strong>Incomplete:</strong> ", out);
	if (nerr == 0) {
		fputs("some portfolios could not be read and are left out of this report; the "
		    "command's error messages name them.</p>\n</section>\n", out);
		return;
	}
	fprintf(out, "what could not be read is left out of this report: a portfolio whose "
	    "portfolio.md is unusable is not shown at all, a bad evidence file or assessment "
	    "row is left out of its portfolio. %zu problem%s:</p>\n<ul>\n", nerr, nerr == 1 ? "" : "s");
	for (size_t i = 0; i < f->n && shown < PROBLEMS_SHOWN; i++) {
		const struct lp_finding *x = &f->v[i];

		if (x->severity != LP_SEV_ERROR)
			continue;
		shown++;
		fputs("<li>", out);
		if (x->file) {
			fputs("<code>", out);
			html_text(out, x->file);
			fputs("</code>", out);
			if (x->line > 0)
				fprintf(out, ", line %ld", x->line);
			fputs(": ", out);
		}
		html_text(out, x->message);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
	if (shown < nerr)
		fprintf(out, "<p>and %zu more: the command's error messages list them all.</p>\n",
		    nerr - shown);
	fputs("</section>\n", out);
}
