/*
 * assessment.c - assessment.csv, read and written in one place.
 *
 * SPEC 2.2: RFC 4180 CSV with the header standard,level,date,note, one
 * row per standard assessed, any order on input, LP1..LP10 on output.
 * Every reader of the file (the portfolio loader, lp-assess history over
 * each version in git) parses it here, with the same rules, so the
 * readers cannot drift apart again; every writer formats it here.
 *
 * Files a spreadsheet has saved are read as a person would hope: the
 * blank ",,," rows Excel leaves at the end are skipped, and dates it
 * rewrote as dd/mm/yyyy are reported once for the file, saying what
 * probably happened, instead of once per standard.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assessment.h"

static const char *const header[] = { "standard", "level", "date", "note" };
#define NHEADER 4

void
lp_assessment_init(struct lp_assessment *a)
{
	memset(a, 0, sizeof *a);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		a->row[i].date = LP_DATE_NONE;
		a->row[i].note = lp_xstrdup("");
	}
}

void
lp_assessment_free(struct lp_assessment *a)
{
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		free(a->row[i].note);
		lp_strv_free(&a->extra[i]);
	}
	lp_strv_free(&a->extra_cols);
	memset(a, 0, sizeof *a);
}

/* ---- reading ---- */

/* Spreadsheet dates seen in one file, reported once at the end. */
struct sheet_dates {
	long first_line;
	char *first;
	int n;
};

static const char *
cell(const struct lp_row *row, size_t k)
{
	return k < row->n && row->values[k] ? row->values[k] : "";
}

static int
read_header(struct lp_assessment *a, const struct lp_strv *cols, const char *name)
{
	for (size_t k = 0; k < NHEADER; k++) {
		if (k >= cols->n || strcmp(cols->v[k], header[k]) != 0) {
			lp_errorat(name, 1, "expected the header standard,level,date,note");
			return -1;
		}
	}
	for (size_t k = NHEADER; k < cols->n; k++)
		lp_strv_push(&a->extra_cols, cols->v[k]);
	return 0;
}

static int
read_row(struct lp_assessment *a, const struct lp_row *row, const char *name,
    struct sheet_dates *sd)
{
	const char *std = cell(row, 0), *level = cell(row, 1), *date = cell(row, 2);
	struct lp_assessed *r;
	lp_date day = LP_DATE_NONE;
	int i = lp_standard_parse(std), lv;

	if (i < 0) {
		lp_errorat(name, row->line, "expected a standard LP1..LP10, got '%s'", std);
		return -1;
	}
	r = &a->row[i];
	if (a->present & (1u << i)) {
		lp_errorat(name, row->line, "%s is assessed twice (first on line %ld)",
		    lp_standard_id(i), r->line);
		return -1;
	}
	if ((lv = lp_level_parse(level)) < 0) {
		lp_errorat(name, row->line, "%s: expected a level (none, underlying, developing, "
		    "extending, transforming), got '%s'", lp_standard_id(i), level);
		return -1;
	}
	if (*date && lp_date_parse(date, &day) < 0) {
		long x, y, z;

		if (!lp_date_spreadsheet(date, &x, &y, &z)) {
			lp_errorat(name, row->line, "%s: expected a date YYYY-MM-DD, got '%s'",
			    lp_standard_id(i), date);
			return -1;
		}
		/* The level still counts; the file gets one finding for all such dates. */
		if (sd->n++ == 0) {
			sd->first_line = row->line;
			sd->first = lp_xstrdup(date);
		}
	}
	a->present |= 1u << i;
	r->level = lv;
	r->date = day;
	r->line = row->line;
	free(r->note);
	r->note = lp_xstrdup(cell(row, 3));
	for (size_t k = NHEADER; k < row->n; k++)
		lp_strv_push(&a->extra[i], cell(row, k));
	return 0;
}

static void
report_sheet_dates(const struct sheet_dates *sd, const char *name)
{
	lp_errorat(name, sd->first_line,
	    "%d date%s like '%s' instead of YYYY-MM-DD: a spreadsheet (Excel) probably "
	    "changed the date format when it saved this file; write the dates as "
	    "YYYY-MM-DD again (in Excel, format the date column as yyyy-mm-dd before "
	    "saving as CSV)", sd->n, sd->n == 1 ? "" : "s", sd->first);
}

int
lp_assessment_parse(struct lp_assessment *a, const char *data, size_t len,
    const char *name, unsigned flags)
{
	struct lp_reader *r = lp_reader_new_mem(data, len, name, LP_READ_CSV_ONLY);
	struct sheet_dates sd = { 0, NULL, 0 };
	const struct lp_row *row;
	int got, first = 1, bad = 0, fatal = 0;

	while ((got = lp_reader_next(r, &row)) == 1) {
		if (first && read_header(a, lp_reader_columns(r), name) < 0) {
			fatal = 1;
			break;
		}
		first = 0;
		if (lp_row_blank(row))
			continue;
		if (read_row(a, row, name, &sd) < 0) {
			bad = 1;
			a->problems++;
			if (!(flags & LP_ASSESSMENT_KEEP_GOING))
				break;
		}
	}
	if (!fatal && got == 0 && first && read_header(a, lp_reader_columns(r), name) < 0)
		fatal = 1;
	if (got < 0)
		fatal = 1;
	if (fatal)
		a->problems++;
	if (sd.n && !fatal && (!bad || (flags & LP_ASSESSMENT_KEEP_GOING))) {
		report_sheet_dates(&sd, name);
		a->problems++;
		bad = 1;
	}
	free(sd.first);
	lp_reader_free(r);
	if (fatal)
		return -1;
	return bad && !(flags & LP_ASSESSMENT_KEEP_GOING) ? -1 : 0;
}

/* ---- writing ---- */

void
lp_assessment_set(struct lp_assessment *a, int i, int level, lp_date date, const char *note)
{
	a->present |= 1u << i;
	a->row[i].level = level;
	a->row[i].date = date;
	if (note) {
		free(a->row[i].note);
		a->row[i].note = lp_xstrdup(note);
	}
}

int
lp_assessment_format(const struct lp_assessment *a, struct lp_buf *out)
{
	size_t nextra = a->extra_cols.n, ncols = NHEADER + nextra;
	struct lp_col *cols = lp_xcalloc(ncols, sizeof *cols);
	const char **v = lp_xcalloc(ncols, sizeof *v);
	struct lp_writer *w;
	char *data = NULL;
	size_t len = 0;
	FILE *mem;
	int rc = -1;

	for (size_t k = 0; k < ncols; k++) {
		cols[k].name = k < NHEADER ? header[k] : a->extra_cols.v[k - NHEADER];
		cols[k].type = LP_COL_STR;
	}
	if (!(mem = open_memstream(&data, &len))) {
		lp_error("cannot format assessment.csv: %s", strerror(errno));
		goto out;
	}
	w = lp_writer_new(mem, LP_FMT_CSV, cols, ncols, 1);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		const struct lp_assessed *r = &a->row[i];
		char day[11];

		if (!(a->present & (1u << i)))
			continue;
		lp_date_format(r->date, day);
		v[0] = lp_standard_id(i);
		v[1] = lp_level_name(r->level);
		v[2] = day;
		v[3] = r->note;
		for (size_t k = 0; k < nextra; k++)
			v[NHEADER + k] = k < a->extra[i].n ? a->extra[i].v[k] : "";
		lp_writer_row(w, v);
	}
	rc = lp_writer_finish(w);
	if (fclose(mem) != 0 || rc < 0) {
		lp_error("cannot format assessment.csv");
		rc = -1;
		goto out;
	}
	lp_buf_add(out, data, len);
	rc = 0;
out:
	free(data);
	free(v);
	free(cols);
	return rc;
}

/* ---- recording a change (set and the walk-through) ---- */

int
lp_assessment_change_count(const struct lp_assessment_change *ch)
{
	int n = 0;

	for (int i = 0; i < LP_NSTANDARDS; i++)
		n += ch->set[i] != 0;
	return n;
}

char *
lp_assessment_change_message(const struct lp_assessment_change *ch)
{
	struct lp_buf b = {0};
	const char *sep = "";

	lp_buf_adds(&b, "assess: ");
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		if (!ch->set[i])
			continue;
		lp_buf_addf(&b, "%s%s %s", sep, lp_standard_id(i), lp_level_name(ch->level[i]));
		sep = ", ";
	}
	return lp_buf_detach(&b);
}

/* ---- the operands of set: STANDARD=LEVEL ---- */

/* "0" means none in answers and operands alike; lp_level_parse has 1-4. */
int
lp_level_answer(const char *s)
{
	if (strcmp(s, "0") == 0)
		return LP_LEVEL_NONE;
	return *s ? lp_level_parse(s) : -1;
}

int
lp_assessment_change_parse(struct lp_assessment_change *ch, const char *op)
{
	const char *eq = strchr(op, '=');
	char *std;
	int i, level;

	if (!eq || eq == op) {
		lp_error("set: expected STANDARD=LEVEL (e.g. LP5=extending), got '%s'", op);
		return -1;
	}
	std = lp_xstrndup(op, (size_t)(eq - op));
	i = lp_standard_parse(std);
	free(std);
	if (i < 0) {
		lp_error("set: '%s': expected a standard LP1..LP10 before '='", op);
		return -1;
	}
	/* lp_level_parse reads "" as none; here an empty level is a slip. */
	if ((level = lp_level_answer(eq + 1)) < 0) {
		lp_error("set: '%s': expected a level (none, underlying, developing, extending, transforming or 0-4)", op);
		return -1;
	}
	if (ch->set[i]) {
		lp_error("set: %s is given twice", lp_standard_id(i));
		return -1;
	}
	ch->set[i] = 1;
	ch->level[i] = level;
	return 0;
}

/* A commit that failed must not leave the new file behind (issue 16). */
static void
restore(const char *path, struct lp_buf *old, int existed)
{
	if (existed)
		(void)lp_file_write(path, lp_buf_str(old), old->len, 0644);
	else
		(void)unlink(path);
}

int
lp_assessment_record(const struct lp_ctx *ctx, const char *root,
    const struct lp_assessment_change *ch, lp_date date, const char *note, int *wrote)
{
	struct lp_lock *lock = NULL;
	struct lp_portfolio p;
	struct lp_assessment as;
	struct lp_buf old = {0}, new = {0};
	char *path = lp_xasprintf("%s/assessment.csv", root), *msg = NULL;
	char *files[] = { "assessment.csv" };
	int rc = -1, got;

	memset(&p, 0, sizeof p);
	lp_assessment_init(&as);
	*wrote = 0;
	if (lp_lock_take(root, &lock) < 0)
		goto out;
	/* portfolio.md must be sound before anything is written beside it. */
	if (lp_portfolio_open(ctx, root, 0, &p) < 0)
		goto out;
	/* Through the portfolio's tree: beneath root, never a link out. */
	if ((got = lp_tree_read(p.tree, "assessment.csv", &old)) < 0)
		goto out;
	if (got == 0 && lp_assessment_parse(&as, lp_buf_str(&old), old.len, path, 0) < 0)
		goto out;
	for (int i = 0; i < LP_NSTANDARDS; i++)
		if (ch->set[i])
			lp_assessment_set(&as, i, ch->level[i], date, note);
	if (lp_assessment_format(&as, &new) < 0)
		goto out;
	if (got == 0 && old.len == new.len && memcmp(lp_buf_str(&old), lp_buf_str(&new), new.len) == 0) {
		rc = 0;
		goto out;
	}
	if (lp_portfolio_can_commit(ctx, root) < 0 ||
	    lp_file_write(path, lp_buf_str(&new), new.len, 0644) < 0)
		goto out;
	msg = lp_assessment_change_message(ch);
	if (lp_portfolio_commit(ctx, root, files, 1, msg) < 0) {
		restore(path, &old, got == 0);
		goto out;
	}
	*wrote = 1;
	rc = 0;
out:
	free(msg);
	lp_buf_free(&old);
	lp_buf_free(&new);
	lp_assessment_free(&as);
	lp_portfolio_free(&p);
	lp_lock_release(lock);
	free(path);
	return rc;
}
