/*
 * evidence-rows.c - what lp-evidence prints: the items made, list and
 * show rows, and the standards by reach matrix.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"

const struct lp_col lp_evidence_cols[LP_EVIDENCE_NCOLS + 1] = {
	{ "portfolio", LP_COL_STR },
	{ "id", LP_COL_STR },
	{ "date", LP_COL_DATE },
	{ "title", LP_COL_STR },
	{ "standards", LP_COL_LIST },
	{ "reach", LP_COL_STR },
	{ "type", LP_COL_STR },
	{ "colleagues", LP_COL_INT },
	{ "where", LP_COL_STR },
	{ "attachments", LP_COL_LIST },
	{ "body", LP_COL_STR },		/* show only */
};

void
lp_evidence_row(const struct lp_portfolio *p, const struct lp_evidence *e,
    const char *row[LP_EVIDENCE_NCOLS], struct lp_buf *buf, char d[11], char n[24])
{
	size_t standards_end;

	lp_buf_reset(buf);
	for (int k = 0; k < LP_NSTANDARDS; k++)
		if (e->standards & (1u << k)) {
			if (buf->len)
				lp_buf_addc(buf, ' ');
			lp_buf_adds(buf, lp_standard_id(k));
		}
	/* Both lists live in buf, each ending in a NUL. */
	lp_buf_addc(buf, '\0');
	standards_end = buf->len;
	for (size_t i = 0; i < e->attachments.n; i++) {
		if (i)
			lp_buf_addc(buf, ' ');
		lp_buf_adds(buf, e->attachments.v[i]);
	}
	lp_date_format(e->date, d);
	snprintf(n, 24, "%ld", e->colleagues);
	row[0] = p->id;
	row[1] = e->id;
	row[2] = d;
	row[3] = e->title;
	row[4] = lp_buf_str(buf);
	row[8] = e->where && *e->where ? e->where : NULL;
	row[9] = e->attachments.n ? lp_buf_str(buf) + standards_end : NULL;
	row[5] = lp_reach_name(e->reach);
	row[6] = e->type && *e->type ? e->type : NULL;
	row[7] = e->colleagues >= 0 ? n : NULL;
}

/* ---- the items add and import made ---- */

static const struct lp_col made_cols[] = {
	{ "id", LP_COL_STR },
	{ "date", LP_COL_DATE },
	{ "title", LP_COL_STR },
	{ "file", LP_COL_STR },
};

int
lp_items_print(const struct lp_ctx *ctx, const struct lp_item *items, size_t n)
{
	struct lp_writer *w;

	w = lp_ctx_writer(ctx, made_cols, 4);
	for (size_t i = 0; i < n; i++) {
		char d[11], *file = lp_xasprintf("evidence/%s.md", items[i].id);
		const char *row[4] = { items[i].id, d, lp_doc_get(&items[i].doc, "title"), file };

		lp_date_format(items[i].date, d);
		lp_writer_row(w, row);
		free(file);
	}
	return lp_writer_finish(w);
}

/* Store the items (lib/evidence-write.c), then print what was made. */
int
lp_items_store_print(const struct lp_ctx *ctx, const char *root, int rootfd,
    struct lp_item *items, size_t n, int import, int dry_run)
{
	if (lp_items_store(ctx, root, rootfd, items, n, import, dry_run) < 0)
		return LP_EXIT_ERROR;
	return lp_items_print(ctx, items, n) < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ---- show ---- */

int
lp_evidence_show(const struct lp_ctx *ctx, const struct lp_portfolio *p, const char *rel)
{
	char *path = lp_tree_path(p->tree, rel);
	struct lp_buf text = {0}, buf = {0};
	struct lp_evidence e;
	struct lp_doc doc;
	int rc = LP_EXIT_ERROR;

	memset(&e, 0, sizeof e);
	if (lp_tree_read(p->tree, rel, &text) != 0) {
		lp_error("%s: cannot read the item", path);
		goto out;
	}
	if (lp_doc_parse(&doc, path, lp_buf_str(&text), text.len) < 0)
		goto out;
	if (lp_evidence_from_doc(&e, rel, &doc) < 0) {
		lp_doc_free(&doc);
		goto out;
	}
	e.doc = doc;
	if (!ctx->format_set) {
		/* As stored: the bytes of the file. */
		fwrite(text.data ? text.data : "", 1, text.len, stdout);
		rc = LP_EXIT_OK;
	} else {
		struct lp_writer *w = lp_ctx_writer(ctx, lp_evidence_cols, LP_EVIDENCE_NCOLS + 1);
		const char *row[LP_EVIDENCE_NCOLS + 1];
		char d[11], n[24];

		lp_evidence_row(p, &e, row, &buf, d, n);
		row[LP_EVIDENCE_NCOLS] = e.doc.body ? e.doc.body : "";
		lp_writer_row(w, row);
		rc = lp_writer_finish(w) < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
	}
out:
	lp_evidence_free(&e);
	lp_buf_free(&text);
	lp_buf_free(&buf);
	free(path);
	return rc;
}

/* ---- matrix ---- */

struct matrix_state {
	int min_level;
	long count[LP_NSTANDARDS][LP_NREACH + 1];
	int lowest[LP_NSTANDARDS];
	long below[LP_NSTANDARDS];
	size_t portfolios;
};

static int
matrix_one(struct lp_portfolio *p, void *arg)
{
	struct matrix_state *st = arg;

	for (int i = 0; i < LP_NSTANDARDS; i++) {
		int level = lp_evidence_level(p, i);

		for (size_t k = 0; k < p->nev; k++)
			if (p->ev[k].standards & (1u << i))
				st->count[i][p->ev[k].reach]++;
		if (st->portfolios == 0 || level < st->lowest[i])
			st->lowest[i] = level;
		if (level < st->min_level)
			st->below[i]++;
	}
	st->portfolios++;
	return 0;
}

static const struct lp_col matrix_cols[] = {
	{ "standard", LP_COL_STR },
	{ "colleague", LP_COL_INT },
	{ "team", LP_COL_INT },
	{ "institution", LP_COL_INT },
	{ "beyond", LP_COL_INT },
	{ "total", LP_COL_INT },
	{ "evidence_level", LP_COL_STR },
	{ "below_min", LP_COL_INT },
};

#define NMATRIX_COLS (sizeof matrix_cols / sizeof matrix_cols[0])

int
lp_evidence_matrix(const struct lp_ctx *ctx)
{
	struct matrix_state st;
	struct lp_writer *w;
	int rc;

	memset(&st, 0, sizeof st);
	st.min_level = ctx->min_level;
	rc = lp_cohort_each(ctx, ctx->operands, ctx->noperands, LP_LOAD_EVIDENCE, matrix_one, &st);
	w = lp_ctx_writer(ctx, matrix_cols, NMATRIX_COLS);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		char cells[LP_NREACH + 2][24];
		const char *row[NMATRIX_COLS];
		long total = 0;

		row[0] = lp_standard_id(i);
		for (int r = 1; r <= LP_NREACH; r++) {
			snprintf(cells[r], sizeof cells[r], "%ld", st.count[i][r]);
			row[r] = cells[r];
			total += st.count[i][r];
		}
		snprintf(cells[0], sizeof cells[0], "%ld", total);
		row[5] = cells[0];
		row[6] = lp_level_name(st.portfolios ? st.lowest[i] : LP_LEVEL_NONE);
		snprintf(cells[LP_NREACH + 1], sizeof cells[0], "%ld", st.below[i]);
		row[7] = cells[LP_NREACH + 1];
		lp_writer_row(w, row);
	}
	if (lp_writer_finish(w) < 0)
		rc = -1;
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}
