/*
 * portfolio.c - fuzz target: a whole portfolio on disk.
 *
 * The input is split at lines "--8<--" into portfolio.md,
 * assessment.csv, evidence/2025-03-12-item.md and case-study.md (a
 * missing part is a missing file), written into a scratch portfolio
 * beside a few fixed attachments and links that lead out of it, and
 * loaded the way `lp-evidence check` loads (every part, keep going,
 * attachments checked), then once more the way `lp-assess show` loads.
 * The rules of SPEC 6 then run over whatever loaded.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"
#include "fuzz.h"

static const char cut[] = "\n--8<--\n";
static const char *const parts[] = {
	"portfolio.md", "assessment.csv", "evidence/2025-03-12-item.md", "case-study.md"
};
#define NPARTS (sizeof(parts) / sizeof(parts[0]))

static void
make_fixtures(const char *dir)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/evidence", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/attachments", dir);
	if (mkdir(path, 0755) == -1)
		return;		/* made by an earlier run */
	fuzz_put(dir, "attachments/ok.txt", "slides\n", 7);
	/* Attachments that must be refused: they resolve outside. */
	snprintf(path, sizeof(path), "%s/attachments/out", dir);
	if (symlink("/etc/hostname", path) == -1)
		perror(path);
	snprintf(path, sizeof(path), "%s/attachments/up", dir);
	if (symlink("../..", path) == -1)
		perror(path);
}

static void
use_rules(const struct lp_portfolio *p)
{
	lp_date today = lp_date_from_ymd(2026, 1, 15);

	for (int i = 0; i < LP_NSTANDARDS; i++) {
		int ev = lp_evidence_level(p, i);

		if (ev < LP_LEVEL_NONE || ev > LP_LEVEL_TRANSFORMING)
			abort();
		(void)lp_standard_status(p, i, LP_LEVEL_EXTENDING);
		(void)lp_evidence_count(p, i);
	}
	(void)lp_stage_of(p, today, LP_LEVEL_EXTENDING, LP_WITHIN_REACCREDIT);
	(void)lp_ready(p, LP_LEVEL_EXTENDING);
	(void)lp_unsupported_count(p);
	for (size_t i = 0; i < p->nev; i++)
		for (size_t j = 0; j < p->ev[i].attachments.n; j++) {
			const char *why;

			(void)lp_relpath_check(p->ev[i].attachments.v[j], &why);
		}
}

static void
load(const char *dir, unsigned what)
{
	struct lp_portfolio p;
	struct lp_tree *tree;

	memset(&p, 0, sizeof(p));
	if (lp_tree_open_dir(dir, &tree) == -1)
		abort();	/* the scratch directory is always there */
	if (lp_portfolio_load(&p, tree, what) == 0)
		use_rules(&p);
	lp_portfolio_free(&p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_scratch();
	const char *p = (const char *)data, *end = p + size;
	size_t i;

	make_fixtures(dir);
	for (i = 0; i < NPARTS; i++)
		fuzz_drop(dir, parts[i]);
	for (i = 0; i < NPARTS && p <= end; i++) {
		const char *next = memmem(p, (size_t)(end - p), cut, sizeof(cut) - 1);
		size_t len = next ? (size_t)(next - p) : (size_t)(end - p);

		fuzz_put(dir, parts[i], p, len);
		if (next == NULL)
			break;
		p = next + sizeof(cut) - 1;
	}
	load(dir, LP_LOAD_ALL | LP_LOAD_KEEP_GOING | LP_LOAD_ATTACHMENTS | LP_LOAD_BODIES);
	load(dir, LP_LOAD_ALL);
	return 0;
}
