/*
 * report-page.c - the page around every HTML document of lp-report: the
 * escaping of text, the stylesheet (with the level classes from
 * palette.h), the skip link, the footer, and the focusable region a wide
 * table scrolls in.
 *
 * Every page is one self-contained HTML5 file: inline CSS and SVG, no
 * script, no external request (a Content-Security-Policy meta element
 * says so to the browser too), readable in print, and meant to pass
 * WCAG 2.2 AA (tests/525-a11y.t audits it with axe-core in chromium).
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
const char *
lp_report_count_str(size_t n, char buf[32])
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
/* A year of months beside a chart: compact, so that it fits a landscape page. */
"table.prog{font-size:.85em}\n"
"table.prog th,table.prog td{padding:.2em .35em}\n"
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
 * named, so that a screen reader says what it holds.  Only rows of any
 * width use it: the dashboard's and the pack's tables stay in the page's
 * flow, where their sticky headers follow the page as it scrolls (inside
 * a scroll container they would stick to it instead, that is not at all).
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
