/*
 * rows.c - fuzz target: the row reader (CSV, JSON array, JSON Lines).
 *
 * Every input is read twice, once detecting the form and once as
 * CSV only (the form of assessment.csv and windows.csv); each must end
 * in rows or one diagnostic, never a crash or a read out of bounds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lp.h"
#include "fuzz.h"

static void
read_all(const uint8_t *data, size_t size, unsigned flags)
{
	struct lp_reader *r;
	const struct lp_row *row;
	int rc;

	r = lp_reader_new_mem((const char *)data, size, "fuzz", flags);
	if (r == NULL)
		return;
	while ((rc = lp_reader_next(r, &row)) == 1) {
		const struct lp_strv *cols = lp_reader_columns(r);

		if (row->n > cols->n) {
			fprintf(stderr, "fuzz-rows: row of %zu values, %zu columns\n",
			    row->n, cols->n);
			abort();
		}
		for (size_t i = 0; i < row->n; i++)
			if (row->values[i] && !lp_utf8_valid(row->values[i],
			    strlen(row->values[i]))) {
				fprintf(stderr, "fuzz-rows: invalid UTF-8 let through\n");
				abort();
			}
		for (size_t i = 0; i < cols->n; i++)
			(void)lp_row_get(r, row, cols->v[i]);
		(void)lp_row_get(r, row, "no such column");
	}
	if (rc == 0)
		(void)lp_reader_format(r);
	lp_reader_free(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_all(data, size, 0);
	read_all(data, size, LP_READ_CSV_ONLY);
	return 0;
}
