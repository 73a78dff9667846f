/*
 * report-pack.c - lp-report's moderation pack: one portfolio as one HTML
 * document.
 *
 * The practitioner, the self-assessment with each claim's support, the
 * evidence by standard, then every item with its facts, its narrative and
 * its attachments (size and SHA-256, so that a moderator can check a file
 * they were sent), and the re-accreditation case study when there is one.
 *
 * Portfolio text is untrusted.  Front matter and notes are HTML-escaped;
 * narratives are Markdown rendered by cmark in safe mode (raw HTML
 * dropped, javascript:, vbscript:, file: and data: links emptied), and
 * images are turned into plain links first, so that opening the pack
 * fetches nothing.  Attachments are read through the portfolio's tree,
 * never through a path or link that leaves it.
 *
 * The numbers are the rule functions' (lib/rules.c), called here on the
 * loaded portfolio; nothing is recomputed.
 */
#include <cmark.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"
#include "report.h"
#include "sha256.h"

#define html_text lp_report_html_escape
#define level_letter lp_report_level_letter

static const char *
date_str(lp_date d, char buf[11])
{
	lp_date_format(d, buf);
	return buf;
}

/* ---- Markdown ---- */

/*
 * A narrative rendered by cmark in safe mode.  Images become links to
 * the same address, so that opening the pack never fetches anything.
 * Its highest heading becomes level top and the others follow (under an
 * h3, "# A" and "## B" become h4 and h5), and none is more than one
 * level below the one before it, so that the pack's headings stay in
 * order for a screen reader.
 */
static void
markdown(FILE *out, const char *text, size_t len, int top)
{
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_node **images = NULL, **heads = NULL, *node;
	size_t nimages = 0, nheads = 0;
	int highest = 6;
	cmark_event_type ev;
	char *html;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_IMAGE) {
			images = lp_xreallocarray(images, nimages + 1, sizeof *images);
			images[nimages++] = node;
		}
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
			heads = lp_xreallocarray(heads, nheads + 1, sizeof *heads);
			heads[nheads++] = node;
			if (cmark_node_get_heading_level(node) < highest)
				highest = cmark_node_get_heading_level(node);
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0, prev = (size_t)top - 1; i < nheads; i++) {
		size_t level = (size_t)(cmark_node_get_heading_level(heads[i]) - highest + top);

		if (level > prev + 1)
			level = prev + 1;
		if (level > 6)
			level = 6;
		cmark_node_set_heading_level(heads[i], (int)level);
		prev = level;
	}
	free(heads);
	for (size_t i = 0; i < nimages; i++) {
		cmark_node *img = images[i], *link = cmark_node_new(CMARK_NODE_LINK), *child;

		cmark_node_set_url(link, cmark_node_get_url(img));
		cmark_node_set_title(link, cmark_node_get_title(img));
		while ((child = cmark_node_first_child(img)))
			cmark_node_append_child(link, child);
		cmark_node_insert_before(img, link);
		cmark_node_free(img);
	}
	free(images);
	html = cmark_render_html(doc, CMARK_OPT_SAFE);
	fputs("<div class=\"narrative\">\n", out);
	fputs(html, out);
	fputs("</div>\n", out);
	free(html);
	cmark_node_free(doc);
}

/* ---- the moderation pack ---- */

static void
fact(FILE *out, const char *term, const char *value)
{
	if (!value || !*value)
		return;
	fputs("<dt>", out);
	html_text(out, term);
	fputs("</dt><dd>", out);
	html_text(out, value);
	fputs("</dd>\n", out);
}

static void
fact_date(FILE *out, const char *term, lp_date d)
{
	char s[11];

	if (d != LP_DATE_NONE)
		fact(out, term, date_str(d, s));
}

static void
pack_person(FILE *out, const struct lp_portfolio *p, const struct lp_report_person *pp)
{
	char left[64];

	fputs("<section id=\"practitioner\">\n<h2>The practitioner</h2>\n<dl class=\"facts\">\n", out);
	fact(out, "Name", p->name);
	fact(out, "Id", p->id);
	fact(out, "Role", p->role);
	fact(out, "School", p->school);
	fact(out, "Cohort", p->cohort);
	fact(out, "Email", p->email);
	fact(out, "Focus", p->focus);
	fact(out, "Theme", p->theme);
	fact(out, "Framework", *p->framework ? p->framework : NULL);
	fact(out, "Stage", lp_stage_name(pp->stage));
	fact_date(out, "Commenced", p->commenced);
	fact_date(out, "Deadline", pp->deadline);
	fact(out, "Next window", pp->next_window);
	fact(out, "Last window", pp->last_window);
	snprintf(left, sizeof left, "%d", pp->windows_left);
	fact(out, "Windows left", left);
	fact_date(out, "Submitted", p->submitted);
	fact(out, "Submitted into", p->window);
	fact(out, "Outcome", lp_outcome_name(p->outcome));
	fact_date(out, "Accredited", p->accredited);
	fact_date(out, "Expires", pp->expires);
	fputs("</dl>\n", out);
	if (p->doc.body_len > 0)
		markdown(out, p->doc.body, p->doc.body_len, 3);
	fputs("</section>\n", out);
}

static void
pack_assessment(FILE *out, const struct lp_ctx *ctx, const struct lp_portfolio *p)
{
	char d[11];

	fputs("<section id=\"assessment\">\n<h2>Self-assessment</h2>\n", out);
	fprintf(out, "<p>A claimed level is <em>supported</em> when an evidence item naming the "
	    "standard has a reach that supports that level. Minimum for moderation: %s.</p>\n",
	    lp_level_name(ctx->min_level));
	fputs("<table>\n<caption>Each standard: the level claimed, the level the evidence "
	    "supports, and the status for moderation.</caption>\n"
	    "<thead><tr><th scope=\"col\">Standard</th><th scope=\"col\">Level</th>"
	    "<th scope=\"col\">Evidence level</th><th scope=\"col\" class=\"n\">Items</th>"
	    "<th scope=\"col\">Supported</th><th scope=\"col\">Status</th><th scope=\"col\">Assessed</th>"
	    "<th scope=\"col\">Note</th></tr></thead>\n<tbody>\n", out);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		const struct lp_assessed *a = &p->assess[i];
		int sup = lp_supported(p, i), lv = a->level;
		enum lp_status st = lp_standard_status(p, i, ctx->min_level);

		fputs("<tr><th scope=\"row\"><a href=\"#std-", out);
		html_text(out, ctx->fw->std[i].id);
		fputs("\">", out);
		html_text(out, ctx->fw->std[i].id);
		fputs("</a> ", out);
		html_text(out, ctx->fw->std[i].name);
		fprintf(out, "</th><td class=\"l l%d%s\">%s %s%s</td><td>%s</td><td class=\"n\">%d</td>",
		    lv, lv && !sup ? " u" : "", level_letter[lv], lp_level_name(lv), lv && !sup ? " !" : "",
		    lp_level_name(lp_evidence_level(p, i)), lp_evidence_count(p, i));
		if (lv == LP_LEVEL_NONE)
			fputs("<td>\xe2\x80\x93</td>", out);
		else
			fprintf(out, "<td class=\"%s\">%s</td>", sup ? "yes" : "no",
			    sup ? "\xe2\x9c\x93 yes" : "\xe2\x9c\x97 no");
		fprintf(out, "<td class=\"s\">%s</td><td class=\"d\">%s</td><td>", lp_status_name(st),
		    date_str(a->date, d));
		html_text(out, a->note);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
	fputs("</section>\n", out);
}

static void
pack_by_standard(FILE *out, const struct lp_ctx *ctx, const struct lp_portfolio *p)
{
	char d[11];

	fputs("<section id=\"standards\">\n<h2>Evidence by standard</h2>\n", out);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		int any = 0;

		fputs("<h3 id=\"std-", out);
		html_text(out, ctx->fw->std[i].id);
		fputs("\">", out);
		html_text(out, ctx->fw->std[i].id);
		fputs(" ", out);
		html_text(out, ctx->fw->std[i].name);
		fprintf(out, "</h3>\n<p class=\"meta\">Claimed %s; the evidence supports %s.</p>\n",
		    lp_level_name(p->assess[i].level), lp_level_name(lp_evidence_level(p, i)));
		for (size_t k = 0; k < p->nev; k++) {
			const struct lp_evidence *e = &p->ev[k];

			if (!(e->standards & (1u << i)))
				continue;
			fputs(any ? "" : "<ul>\n", out);
			any = 1;
			/* dir=auto isolates the title: right-to-left text keeps its place. */
			fprintf(out, "<li>%s <a dir=\"auto\" href=\"#ev-", date_str(e->date, d));
			html_text(out, e->id);
			fputs("\">", out);
			html_text(out, e->title);
			fprintf(out, "</a> <span class=\"meta\">(reach %s, supports up to %s)</span></li>\n",
			    lp_reach_name(e->reach), lp_level_name(lp_reach_supports(e->reach)));
		}
		fputs(any ? "</ul>\n" : "<p>No evidence item names this standard.</p>\n", out);
	}
	fputs("</section>\n", out);
}

/*
 * Size and SHA-256 of an attachment, read through the portfolio's tree
 * (so never from outside it).  0, 1 when missing, -1 on error; *why says
 * why no digest was made when it returns 0 with hex empty.
 */
static int
attachment_digest(const struct lp_portfolio *p, const char *rel, uint64_t *size,
    char hex[2 * LP_SHA256_LEN + 1], const char **why)
{
	struct lp_buf b = {0};
	const char *dir;
	int rc;

	hex[0] = '\0';
	*why = NULL;
	if (lp_relpath_check(rel, why) < 0)
		return -1;
	if ((rc = lp_tree_size(p->tree, rel, size)) != 0)
		return rc;
	if (*size <= LP_FILE_MAX) {
		if ((rc = lp_tree_read(p->tree, rel, &b)) == 0)
			lp_sha256_hex(b.data ? b.data : "", b.len, hex);
		lp_buf_free(&b);
		return rc;
	}
	/* Too big to read whole: stream it, when it is on disk. */
	if (!(dir = lp_tree_dir(p->tree))) {
		*why = "larger than 16 MiB in git: no digest";
		return 0;
	} else {
		int rootfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), fd;
		struct lp_sha256 c;
		unsigned char buf[65536], dg[LP_SHA256_LEN];
		ssize_t n;

		if (rootfd < 0 || (fd = lp_open_beneath(rootfd, rel, O_RDONLY | O_CLOEXEC)) < 0) {
			*why = strerror(errno);
			if (rootfd >= 0)
				close(rootfd);
			return -1;
		}
		close(rootfd);
		lp_sha256_init(&c);
		while ((n = read(fd, buf, sizeof buf)) > 0)
			lp_sha256_update(&c, buf, (size_t)n);
		rc = n < 0 ? -1 : 0;
		if (n < 0)
			*why = strerror(errno);
		close(fd);
		lp_sha256_final(&c, dg);
		if (rc == 0)
			lp_sha256_tohex(dg, hex);
		return rc;
	}
}

static const char *
size_str(uint64_t n, char buf[64])
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	double v = (double)n;
	int u = -1;

	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, 64, "%" PRIu64 " byte%s", n, n == 1 ? "" : "s");
	else
		snprintf(buf, 64, "%" PRIu64 " bytes (%.1f %s)", n, v, units[u]);
	return buf;
}

static int
pack_attachments(FILE *out, const struct lp_portfolio *p, const struct lp_evidence *e)
{
	int bad = 0;

	if (e->attachments.n == 0)
		return 0;
	fputs("<table class=\"att\">\n<caption>Attachments: a moderator can check a file they "
	    "were sent against its SHA-256 (sha256sum FILE).</caption>\n<thead><tr>"
	    "<th scope=\"col\">File</th><th scope=\"col\" class=\"n\">Size</th>"
	    "<th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n", out);
	for (size_t i = 0; i < e->attachments.n; i++) {
		const char *rel = e->attachments.v[i], *why;
		char hex[2 * LP_SHA256_LEN + 1], sz[64];
		uint64_t size = 0;
		int rc = attachment_digest(p, rel, &size, hex, &why);

		fputs("<tr><td>", out);
		html_text(out, rel);
		fputs("</td>", out);
		if (rc == 0) {
			fprintf(out, "<td class=\"n\">%s</td><td>", size_str(size, sz));
			if (*hex)
				fprintf(out, "<code class=\"sha\">%s</code>", hex);
			else
				html_text(out, why);
			fputs("</td></tr>\n", out);
			continue;
		}
		bad = 1;
		fputs("<td class=\"no\" colspan=\"2\">", out);
		if (rc == 1)
			fputs("missing: no such file in the portfolio", out);
		else {
			fputs("not read: ", out);
			html_text(out, why ? why : "refused or unreadable (see the error messages)");
		}
		fputs("</td></tr>\n", out);
		/* The tree reported its own errors (why == NULL); say the rest. */
		if (rc == 1 || why) {
			char *path = lp_tree_path(p->tree, e->file);

			lp_errorat(path, 0, "attachment '%s': %s", rel,
			    rc == 1 ? "no such file in the portfolio" : why);
			free(path);
		}
	}
	fputs("</tbody>\n</table>\n", out);
	return bad ? -1 : 0;
}

static int
pack_evidence(FILE *out, const struct lp_portfolio *p)
{
	char d[11], n[32], std[8 * LP_NSTANDARDS];
	int rc = 0;

	fputs("<section id=\"evidence\">\n<h2>Evidence</h2>\n", out);
	if (p->nev == 0)
		fputs("<p>No evidence items yet.</p>\n", out);
	for (size_t k = 0; k < p->nev; k++) {
		const struct lp_evidence *e = &p->ev[k];

		fputs("<article class=\"ev\" id=\"ev-", out);
		html_text(out, e->id);
		fputs("\">\n<h3>", out);
		html_text(out, e->title);
		fputs("</h3>\n<dl class=\"facts\">\n", out);
		fact(out, "Id", e->id);
		fact(out, "Date", date_str(e->date, d));
		std[0] = '\0';
		for (int i = 0; i < LP_NSTANDARDS; i++)
			if (e->standards & (1u << i))
				snprintf(std + strlen(std), sizeof std - strlen(std), "%s%s",
				    *std ? " " : "", lp_standard_id(i));
		fact(out, "Standards", std);
		fputs("<dt>Reach</dt><dd>", out);
		fprintf(out, "%s <span class=\"meta\">(supports up to %s)</span></dd>\n",
		    lp_reach_name(e->reach), lp_level_name(lp_reach_supports(e->reach)));
		fact(out, "Type", e->type);
		if (e->colleagues >= 0) {
			snprintf(n, sizeof n, "%ld", e->colleagues);
			fact(out, "Colleagues", n);
		}
		fact(out, "Where", e->where);
		fputs("</dl>\n", out);
		if (e->doc.body_len > 0)
			markdown(out, e->doc.body, e->doc.body_len, 4);
		if (pack_attachments(out, p, e) < 0)
			rc = -1;
		fputs("</article>\n", out);
	}
	fputs("</section>\n", out);
	return rc;
}

/* The re-accreditation case study, when there is one. */
static int
pack_case_study(FILE *out, const struct lp_portfolio *p)
{
	struct lp_buf b = {0};
	struct lp_doc doc = {0};
	char *path;
	int rc;

	if (!p->has_case_study)
		return 0;
	path = lp_tree_path(p->tree, "case-study.md");
	rc = lp_tree_read(p->tree, "case-study.md", &b);
	if (rc == 0)
		rc = lp_doc_parse(&doc, path, b.data ? b.data : "", b.len);
	fputs("<section id=\"case-study\">\n<h2>Re-accreditation case study</h2>\n", out);
	if (rc == 0) {
		fputs("<dl class=\"facts\">\n", out);
		fact(out, "Title", lp_doc_get(&doc, "title"));
		fact(out, "Theme", lp_doc_get(&doc, "theme"));
		fact(out, "Signed off by", lp_doc_get(&doc, "signed-off-by"));
		fact(out, "Signed off on", lp_doc_get(&doc, "signed-off-on"));
		fputs("</dl>\n", out);
		markdown(out, doc.body ? doc.body : "", doc.body_len, 3);
	} else {
		fputs("<p class=\"warn\">case-study.md could not be read; see the error messages.</p>\n", out);
		rc = -1;
	}
	fputs("</section>\n", out);
	lp_doc_free(&doc);
	lp_buf_free(&b);
	free(path);
	return rc;
}

int
lp_report_html_pack(FILE *out, const struct lp_ctx *ctx, const struct lp_portfolio *p,
    const struct lp_report_person *pp)
{
	char *title = lp_xasprintf("Moderation pack: %s (%s)", p->name, p->id);
	char d[11];
	int rc = 0;

	lp_report_page_start(out, title, NULL);
	/* Isolated, so that a right-to-left name does not carry the id along. */
	fputs("<header>\n<h1>Moderation pack: <bdi>", out);
	html_text(out, p->name);
	fputs("</bdi> (<bdi>", out);
	html_text(out, p->id);
	fprintf(out, "</bdi>)</h1>\n<p class=\"meta\">Prepared %s \xc2\xb7 stage %s \xc2\xb7 %zu evidence item%s",
	    date_str(ctx->today, d), lp_stage_name(pp->stage), p->nev, p->nev == 1 ? "" : "s");
	if (ctx->at) {
		fputs(" \xc2\xb7 as at ", out);
		html_text(out, ctx->at);
	}
	fputs("</p>\n</header>\n", out);
	fputs("<nav aria-label=\"Contents\"><ul><li><a href=\"#practitioner\">Practitioner</a></li>"
	    "<li><a href=\"#assessment\">Self-assessment</a></li>"
	    "<li><a href=\"#standards\">Evidence by standard</a></li>"
	    "<li><a href=\"#evidence\">Evidence</a></li>", out);
	if (p->has_case_study)
		fputs("<li><a href=\"#case-study\">Case study</a></li>", out);
	fputs("</ul></nav>\n<main id=\"main\">\n", out);
	pack_person(out, p, pp);
	pack_assessment(out, ctx, p);
	pack_by_standard(out, ctx, p);
	if (pack_evidence(out, p) < 0)
		rc = -1;
	if (pack_case_study(out, p) < 0)
		rc = -1;
	fputs("</main>\n", out);
	lp_report_page_end(out, ctx->today);
	free(title);
	return rc;
}
