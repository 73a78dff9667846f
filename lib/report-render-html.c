/*
 * report-render-html.c - lp-report render -o html: any lp rows as one HTML
 * page, a table that scrolls sideways in a focusable region when it is
 * wider than the window, and wraps on paper.
 */
#include <stdlib.h>
#include <string.h>

#include "lp.h"
#include "report.h"

#define html_text lp_report_html_escape
#define count_str lp_report_count_str

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
