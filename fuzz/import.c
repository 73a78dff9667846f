/*
 * import.c - fuzz target: lp-evidence import's reading of rows and form
 * exports (lib/import.c) and the slug of every title (lib/slug.c).
 *
 * The input's first line is a --map value, the rest the rows.  Each row
 * must become an item, be skipped as blank, or be refused with a
 * diagnostic; every slug made must be one lp_slug_valid accepts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "fuzz.h"

static void
check_slug(const char *title)
{
	char *slug = lp_slug(title);

	if (!lp_slug_valid(slug)) {
		fprintf(stderr, "fuzz-import: lp_slug made '%s'\n", slug);
		abort();
	}
	free(slug);
}

static void
import(const char *data, size_t size, const char *map, int dates)
{
	static const char *const formats[] = { "iso", "dmy", "mdy" };
	struct lp_strv maps = {0}, ignore = {0};
	struct lp_import im;
	struct lp_reader *r;
	const struct lp_row *row;
	size_t checked = 0;

	lp_strv_push(&maps, map);
	lp_strv_push(&ignore, "Timestamp");
	if (lp_import_init(&im, &maps, &ignore, dates == 1, formats[dates]) == 0 &&
	    (r = lp_reader_new_mem(data, size, "fuzz", 0)) != NULL) {
		while (lp_reader_next(r, &row) == 1) {
			struct lp_item it;

			(void)lp_import_check_columns(&im, r, &checked, row->line);
			if (lp_item_from_row(&im, &it, r, row) == 0) {
				check_slug(lp_doc_get(&it.doc, "title"));
				lp_item_free(&it);
			}
		}
		lp_reader_free(r);
	}
	lp_import_free(&im);
	lp_strv_free(&maps);
	lp_strv_free(&ignore);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	size_t first = nl ? (size_t)(nl - (const char *)data) : size;
	char *map = malloc(first + 1), *raw = malloc(size + 1);

	memcpy(map, data, first);
	map[first] = '\0';
	memcpy(raw, data, size);
	raw[size] = '\0';
	/* lp_slug takes any bytes, even ones that are not UTF-8. */
	check_slug(raw);
	for (int dates = 0; dates < 3; dates++)
		import((const char *)data + (nl ? first + 1 : size), nl ? size - first - 1 : 0,
		    map, dates);
	free(map);
	free(raw);
	return 0;
}
