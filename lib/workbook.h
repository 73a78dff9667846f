/*
 * workbook.h - Excel workbooks (xlsx) of rows: one sheet for `-o xlsx`,
 * several for `lp-report workbook`.
 *
 * A workbook holds its sheets' rows until lp_workbook_write, which makes
 * the file with libxlsxwriter.  Each sheet has a header row that is bold,
 * frozen and filtered, columns sized to their contents, and cells typed
 * by their column (lp_coltype): a valid YYYY-MM-DD in an LP_COL_DATE
 * column is a date cell (shown yyyy-mm-dd), an integer in an LP_COL_INT
 * column a number, anything else a string, never a formula; an empty
 * value is a blank cell.  A cell may be coloured by level, as the HTML
 * dashboard colours it (palette.h), and marked as an unsupported claim.
 */
#ifndef LP_WORKBOOK_H
#define LP_WORKBOOK_H

#include <stdio.h>

#include "lp.h"

struct lp_workbook;
struct lp_sheet;

struct lp_workbook *lp_workbook_new(void);
/*
 * A new sheet, after the others.  The name is made fit for Excel: the
 * characters []:*?/\ become _, a leading or trailing ' goes, it is cut
 * to 31 characters, and an empty name becomes "rows".  Two sheets whose
 * names are then the same (ignoring case) make lp_workbook_write fail.
 * The columns are copied.
 */
struct lp_sheet *lp_workbook_sheet(struct lp_workbook *wb, const char *name,
    const struct lp_col *cols, size_t ncols);
/* values[0..ncols); NULL means empty.  The values are copied. */
void lp_sheet_row(struct lp_sheet *sh, const char *const *values);
/*
 * Colour a cell of the row added last by level rank, 0 (none) ..
 * 4 (transforming), with lp_level_colours; a rank out of range is
 * ignored.
 */
void lp_sheet_level(struct lp_sheet *sh, size_t col, int level);
/*
 * Mark a cell of the row added last as an unsupported claim: a thick
 * LP_UNSUPPORTED_RGB border.  Colour is never the only signal, so the
 * caller also says so in the text (e.g. "extending (unsupported)").
 */
void lp_sheet_unsupported(struct lp_sheet *sh, size_t col);
/* Rows in a sheet so far. */
size_t lp_sheet_rows(const struct lp_sheet *sh);

/*
 * Write the workbook to out (through a temporary file in $TMPDIR or
 * /tmp, removed again) and flush it.  0, or -1 with a diagnostic; a
 * closed pipe (EPIPE) is -1 without one, as for the row writer.  A
 * terminal is refused (-1), though callers should refuse -o xlsx there
 * first, as a usage error (lp_format_binary).
 */
int lp_workbook_write(struct lp_workbook *wb, FILE *out);
void lp_workbook_free(struct lp_workbook *wb);

#endif
