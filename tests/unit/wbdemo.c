/*
 * wbdemo - write a small workbook with lib/workbook.c, for
 * tests/015-xlsx.t to open with openpyxl.
 *
 *   wbdemo levels      two sheets: "levels" (practitioners x standards,
 *                      coloured by level, one claim unsupported) and
 *                      "deadlines" (dates, counts, text, blanks)
 *   wbdemo twice       two sheets whose names differ only in case
 *   wbdemo empty       a workbook without sheets
 *
 * The workbook goes to standard output.  Exit 0, or 2 when writing it
 * failed (the diagnostic is printed).
 */
#include <stdlib.h>
#include <string.h>

#include "lp.h"
#include "workbook.h"

static const struct lp_col level_cols[] = {
	{ "portfolio", LP_COL_STR },
	{ "LP1", LP_COL_STR },
	{ "LP2", LP_COL_STR },
	{ "LP3", LP_COL_STR },
};

static const struct lp_col deadline_cols[] = {
	{ "id", LP_COL_STR },
	{ "deadline", LP_COL_DATE },
	{ "windows_left", LP_COL_INT },
	{ "note", LP_COL_STR },
};

/* One practitioner: a level rank per standard, -1 for no claim. */
static void
level_row(struct lp_sheet *sh, const char *id, const int *rank, int unsup)
{
	static const char *const names[] = { "none", "underlying",
	    "developing", "extending", "transforming" };
	const char *v[4] = { id, NULL, NULL, NULL };
	char *text[3] = { NULL, NULL, NULL };

	for (int i = 0; i < 3; i++)
		if (rank[i] >= 0)
			v[i + 1] = text[i] = lp_xasprintf("%s%s", names[rank[i]],
			    i == unsup ? " (unsupported)" : "");
	lp_sheet_row(sh, v);
	for (int i = 0; i < 3; i++) {
		if (rank[i] >= 0)
			lp_sheet_level(sh, (size_t)i + 1, rank[i]);
		if (i == unsup)
			lp_sheet_unsupported(sh, (size_t)i + 1);
		free(text[i]);
	}
}

static void
levels(struct lp_workbook *wb)
{
	static const int amy[] = { 0, 1, 2 }, bob[] = { 3, 4, -1 };
	struct lp_sheet *sh;

	sh = lp_workbook_sheet(wb, "levels", level_cols, 4);
	level_row(sh, "amy", amy, -1);
	level_row(sh, "bob", bob, 1);
	sh = lp_workbook_sheet(wb, "deadlines", deadline_cols, 4);
	lp_sheet_row(sh, (const char *[]){ "amy", "2026-02-28", "3", "=1+1" });
	lp_sheet_row(sh, (const char *[]){ "bob", "", NULL, "-x" });
	lp_sheet_row(sh, (const char *[]){ "cy", "2025-02-30", "many", "" });
	lp_sheet_row(sh, (const char *[]){ "dee", "1899-12-31", "-12", "0012" });
}

int
main(int argc, char **argv)
{
	struct lp_workbook *wb;
	int status;

	lp_setprogname(argv[0]);
	if (argc != 2) {
		fputs("usage: wbdemo levels|twice|empty\n", stderr);
		return 2;
	}
	wb = lp_workbook_new();
	if (strcmp(argv[1], "levels") == 0) {
		levels(wb);
	} else if (strcmp(argv[1], "twice") == 0) {
		lp_workbook_sheet(wb, "Levels", level_cols, 4);
		lp_workbook_sheet(wb, "levels", level_cols, 4);
	} else if (strcmp(argv[1], "empty") != 0) {
		fputs("usage: wbdemo levels|twice|empty\n", stderr);
		lp_workbook_free(wb);
		return 2;
	}
	status = lp_workbook_write(wb, stdout);
	lp_workbook_free(wb);
	return status < 0 ? 2 : 0;
}
