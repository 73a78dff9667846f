/*
 * evidence-rows.c - an evidence item as a row of lp-evidence list and show.
 */
#include <stdio.h>

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
	{ "body", LP_COL_STR },		/* show only */
};

void
lp_evidence_row(const struct lp_portfolio *p, const struct lp_evidence *e,
    const char *row[LP_EVIDENCE_NCOLS], struct lp_buf *buf, char d[11], char n[24])
{
	lp_buf_reset(buf);
	for (int k = 0; k < LP_NSTANDARDS; k++)
		if (e->standards & (1u << k)) {
			if (buf->len)
				lp_buf_addc(buf, ' ');
			lp_buf_adds(buf, lp_standard_id(k));
		}
	lp_date_format(e->date, d);
	snprintf(n, 24, "%ld", e->colleagues);
	row[0] = p->id;
	row[1] = e->id;
	row[2] = d;
	row[3] = e->title;
	row[4] = lp_buf_str(buf);
	row[5] = lp_reach_name(e->reach);
	row[6] = e->type;
	row[7] = e->colleagues >= 0 ? n : NULL;
}
