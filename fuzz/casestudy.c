/*
 * casestudy.c - fuzz target: the re-accreditation case study.
 *
 * Any input either fails to parse (with a diagnostic) or gives a case
 * study whose checks run to the end, and whose section table agrees with
 * them: `lp-reaccredit show` never says ok about a section that
 * `lp-reaccredit check` finds fault with (SPEC 5.5).  The template that
 * init writes always reads back as hint-only, whatever front matter the
 * input had.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casestudy.h"
#include "fuzz.h"

/*
 * A finding about section i begins "section 'NAME'" or "missing section:
 * ... '## NAME'" (a value quoted from the file may hold the name too).
 */
static int
names_section(const struct lp_finding *x, size_t i)
{
	char want[160];

	snprintf(want, sizeof want, "section '%s'", lp_cs_section_name(i));
	if (strncmp(x->message, want, strlen(want)) == 0)
		return 1;
	snprintf(want, sizeof want, "missing section: expected a heading '## %s'",
	    lp_cs_section_name(i));
	return strcmp(x->message, want) == 0;
}

static void
table_agrees(const struct lp_case_study *cs, const struct lp_findings *f)
{
	for (size_t i = 0; i < LP_CS_NSECTIONS; i++) {
		if (strcmp(lp_cs_section_status(cs, i), "ok") != 0)
			continue;
		for (size_t k = 0; k < f->n; k++)
			if (f->v[k].severity == LP_SEV_ERROR && names_section(&f->v[k], i)) {
				fprintf(stderr, "fuzz-casestudy: section '%s' is ok, but: %s\n",
				    lp_cs_section_name(i), f->v[k].message);
				abort();
			}
	}
}

/* The template under the input's front matter: every section hint-only. */
static void
template_reads_back(const struct lp_case_study *cs)
{
	struct lp_case_study again;
	struct lp_doc doc;
	struct lp_buf body = {0}, text = {0};

	memset(&doc, 0, sizeof doc);
	for (size_t i = 0; i < cs->doc.nfields; i++)
		if (cs->doc.fields[i].value)
			lp_doc_set(&doc, cs->doc.fields[i].key, cs->doc.fields[i].value);
	lp_case_study_template(&body);
	lp_doc_set_body(&doc, lp_buf_str(&body), body.len);
	lp_doc_format(&doc, &text);
	if (lp_case_study_parse(&again, "template.md", text.data, text.len) < 0) {
		fprintf(stderr, "fuzz-casestudy: the template does not parse:\n%s\n", lp_buf_str(&text));
		abort();
	}
	for (size_t i = 0; i < LP_CS_NSECTIONS; i++)
		if (strcmp(lp_cs_section_status(&again, i), "hint-only") != 0) {
			fprintf(stderr, "fuzz-casestudy: template section '%s' reads as %s\n",
			    lp_cs_section_name(i), lp_cs_section_status(&again, i));
			abort();
		}
	lp_case_study_free(&again);
	lp_doc_free(&doc);
	lp_buf_free(&body);
	lp_buf_free(&text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lp_findings diags = {0}, found = {0};
	struct lp_findings *old = lp_diag_capture(&diags);
	struct lp_case_study cs;
	lp_date today = lp_date_from_ymd(2026, 1, 15);
	lp_date accredited = lp_date_from_ymd(2023, 7, 1);

	if (lp_case_study_parse(&cs, "case-study.md", (const char *)data, size) == 0) {
		lp_case_study_check(&cs, "case-study.md", today, accredited, &found);
		table_agrees(&cs, &found);
		lp_case_study_check(&cs, "case-study.md", today, LP_DATE_NONE, &found);
		template_reads_back(&cs);
	} else if (diags.n == 0) {
		fprintf(stderr, "fuzz-casestudy: refused without a diagnostic\n");
		abort();
	}
	lp_case_study_free(&cs);
	lp_diag_capture(old);
	lp_findings_free(&diags);
	lp_findings_free(&found);
	return 0;
}
