/*
 * import.c - evidence items from rows (CSV, JSON, JSON Lines).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "evidence.h"


static const char *const import_cols[] = {
	"title", "date", "standards", "reach", "type", "colleagues", "where",
	"attachments", "body"
};

/* What list and show print beyond the keys: their output imports cleanly. */
static const char *const ignored_cols[] = { "portfolio", "id" };

static int
known_column(const char *name)
{
	for (size_t i = 0; i < sizeof import_cols / sizeof import_cols[0]; i++)
		if (strcmp(name, import_cols[i]) == 0)
			return 1;
	for (size_t i = 0; i < sizeof ignored_cols / sizeof ignored_cols[0]; i++)
		if (strcmp(name, ignored_cols[i]) == 0)
			return 1;
	return 0;
}

/* Columns not yet checked (JSON Lines may add some on any row). */
int
lp_import_check_columns(struct lp_reader *r, size_t *checked, long line)
{
	static const char *const required[] = { "title", "standards", "reach" };
	const struct lp_strv *cols = lp_reader_columns(r);
	int csv = lp_reader_format(r) == LP_FMT_CSV, bad = 0;

	if (csv)
		line = 1;
	if (csv && *checked == 0 && cols->n > 0)
		for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
			if (lp_strv_find(cols, required[i]) < 0) {
				lp_errorat(lp_reader_name(r), 1,
				    "missing column '%s' (title, standards and reach are needed)",
				    required[i]);
				bad = 1;
			}
	for (size_t i = *checked; i < cols->n; i++)
		if (!known_column(cols->v[i])) {
			lp_errorat(lp_reader_name(r), line,
			    "unknown column '%s': expected title, date, standards, reach, type, colleagues, where, attachments or body",
			    cols->v[i]);
			bad = 1;
		}
	*checked = cols->n;
	return bad ? -1 : 0;
}

void
lp_item_from_row(struct lp_item *it, struct lp_reader *r, const struct lp_row *row)
{
	const char *body = lp_row_get(r, row, "body");

	lp_item_init(it, lp_reader_name(r), row->line);
	it->split_lists = 1;
	for (size_t i = 0; i < sizeof lp_item_keys / sizeof lp_item_keys[0]; i++) {
		const char *v = lp_row_get(r, row, lp_item_keys[i]);

		if (v)
			lp_doc_set(&it->doc, lp_item_keys[i], v);
	}
	lp_item_set_body(it, body, body ? strlen(body) : 0);
}
