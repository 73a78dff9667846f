/*
 * assessment.c - fuzz target: assessment.csv.
 *
 * The input is the assessment.csv of an otherwise valid portfolio with
 * one evidence item; it loads with a level per standard in range, or
 * fails with a diagnostic.  What lib/assessment.c reads, it writes back
 * so that it reads back the same (the file lp-assess set rewrites).
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessment.h"
#include "lp.h"
#include "fuzz.h"

static const char portfolio_md[] =
    "---\nname: Ada Fuzz\nid: fuzz\ncommenced: 2024-09-01\n---\n";
static const char evidence_md[] =
    "---\ntitle: Phonics twilight\ndate: 2025-03-12\n"
    "standards: [LP5, LP6]\nreach: institution\n---\nWhat happened.\n";

static int
same_row(const struct lp_assessment *a, const struct lp_assessment *b, int i)
{
	const struct lp_assessed *x = &a->row[i], *y = &b->row[i];

	if (x->level != y->level || x->date != y->date || strcmp(x->note, y->note) != 0 ||
	    a->extra[i].n != b->extra[i].n)
		return 0;
	for (size_t k = 0; k < a->extra[i].n; k++)
		if (strcmp(a->extra[i].v[k], b->extra[i].v[k]) != 0)
			return 0;
	return 1;
}

/* parse, format, parse again: the same rows, or the writer lost something. */
static void
round_trip(const uint8_t *data, size_t size)
{
	struct lp_assessment a, b;
	struct lp_buf out = {0};

	lp_assessment_init(&a);
	lp_assessment_init(&b);
	if (lp_assessment_parse(&a, (const char *)data, size, "in.csv", 0) == 0 &&
	    lp_assessment_format(&a, &out) == 0) {
		if (lp_assessment_parse(&b, lp_buf_str(&out), out.len, "out.csv", 0) != 0 ||
		    a.present != b.present || a.extra_cols.n != b.extra_cols.n) {
			fprintf(stderr, "fuzz-assessment: what was written does not read back\n");
			abort();
		}
		for (int i = 0; i < LP_NSTANDARDS; i++)
			if ((a.present >> i & 1) && !same_row(&a, &b, i)) {
				fprintf(stderr, "fuzz-assessment: %s changed on the way back\n",
				    lp_standard_id(i));
				abort();
			}
	}
	lp_buf_free(&out);
	lp_assessment_free(&a);
	lp_assessment_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_scratch();
	struct lp_portfolio p;
	struct lp_tree *tree;
	char path[512];

	snprintf(path, sizeof(path), "%s/evidence", dir);
	if (mkdir(path, 0755) == 0) {
		fuzz_put(dir, "portfolio.md", portfolio_md, sizeof(portfolio_md) - 1);
		fuzz_put(dir, "evidence/2025-03-12-phonics.md", evidence_md,
		    sizeof(evidence_md) - 1);
	}
	fuzz_put(dir, "assessment.csv", data, size);
	for (unsigned what = LP_LOAD_ASSESSMENT; what <= (LP_LOAD_ASSESSMENT | LP_LOAD_KEEP_GOING);
	    what += LP_LOAD_KEEP_GOING) {
		memset(&p, 0, sizeof(p));
		if (lp_tree_open_dir(dir, &tree) == -1)
			abort();
		if (lp_portfolio_load(&p, tree, what) == 0) {
			for (int i = 0; i < LP_NSTANDARDS; i++) {
				if (p.assess[i].level < LP_LEVEL_NONE ||
				    p.assess[i].level > LP_LEVEL_TRANSFORMING ||
				    p.assess[i].note == NULL)
					abort();
				if (p.assess_extra[i].n > p.assess_extra_cols.n) {
					fprintf(stderr, "fuzz-assessment: %s has %zu extra values, %zu extra columns\n",
					    lp_standard_id(i), p.assess_extra[i].n,
					    p.assess_extra_cols.n);
					abort();
				}
				(void)lp_standard_status(&p, i, LP_LEVEL_EXTENDING);
			}
			(void)lp_assessed_count(&p);
		}
		lp_portfolio_free(&p);
	}
	round_trip(data, size);
	return 0;
}
