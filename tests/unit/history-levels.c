/*
 * history-levels.c - print the level history of a portfolio in any
 * repository, bare or not, through lp_level_history_git:
 *
 *   history-levels REPO SUBDIR [REV]
 *
 * one line date,commit,standard,level,assessed per change, for
 * tests/207-assess-history-git.t to compare with lp-assess history.
 */
#include <stdio.h>

#include "history.h"
#include "lp.h"

int
main(int argc, char **argv)
{
	struct lp_level_history h = {0};
	struct lp_git *g = NULL;
	int rc;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: history-levels REPO SUBDIR [REV]\n");
		return 2;
	}
	lp_setprogname("history-levels");
	if (lp_git_open_bare(argv[1], &g) < 0)
		return 2;
	rc = lp_level_history_git(g, argc > 3 ? argv[3] : NULL, argv[2], &h);
	for (size_t k = 0; k < h.n; k++) {
		char d[11], a[11];

		lp_date_format(h.v[k].day, d);
		lp_date_format(h.v[k].assessed, a);
		printf("%s,%s,%s,%s,%s\n", d, h.v[k].commit, lp_standard_id(h.v[k].standard),
		    lp_level_name(h.v[k].level), a);
	}
	lp_level_history_free(&h);
	lp_git_free(g);
	lp_git_global_shutdown();
	return rc < 0 ? 2 : 0;
}
