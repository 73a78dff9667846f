/*
 * lp-evidence - the evidence items of a Lead Practitioner portfolio.
 *
 *   add      write one item, from options, from a file, or in an editor
 *   import   many items from rows, all or nothing, in one commit
 *   list     the items of a portfolio or a cohort, filtered
 *   show     one item as stored, or as a row
 *   check    every item and attachment valid; exit 1 on findings
 *   matrix   standards by reach: the counts behind each evidence level
 *
 * A new item is built as a front matter document and checked key by key,
 * with messages that name where each value came from (an option, a line
 * of the input rows, a line of the edited file).  Only when every item is
 * good is anything written, and each one is formatted and parsed back
 * through the loader that `check` uses before it is, so that lp never
 * writes an item it would later reject.  A failure after the first write
 * removes what was written: an add or an import happens whole or not at
 * all.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "evidence.h"
#include "lp.h"

#define SLUG_MAX	50

/* This program's own options (lib/cli stores them here). */
struct opts {
	const char *title, *standards, *reach, *date, *type, *colleagues, *where;
	struct lp_strv attach;
	int dry_run;
	const char *standard, *since, *until;
};

static const struct lp_col made_cols[] = {
	{ "id", LP_COL_STR },
	{ "date", LP_COL_DATE },
	{ "title", LP_COL_STR },
	{ "file", LP_COL_STR },
};

static int
print_made(const struct lp_ctx *ctx, const struct lp_item *items, size_t n)
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
static int
store_items(const struct lp_ctx *ctx, const char *root, int rootfd,
    struct lp_item *items, size_t n, int import, int dry_run)
{
	if (lp_items_store(ctx, root, rootfd, items, n, import, dry_run) < 0)
		return LP_EXIT_ERROR;
	return print_made(ctx, items, n) < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* The body from BODYFILE or standard input ("-"). */
static int
read_body(const char *operand, struct lp_buf *body)
{
	int stdin_ = strcmp(operand, "-") == 0;
	const char *name = stdin_ ? "<stdin>" : operand;
	int rc;

	if (stdin_)
		rc = lp_fd_read(STDIN_FILENO, name, LP_FILE_MAX, body);
	else if ((rc = lp_file_read(operand, LP_FILE_MAX, body)) == 1)
		lp_error("%s: no such file", operand);
	if (rc != 0)
		return -1;
	return lp_text_check(name, lp_buf_str(body), body->len);
}

/* Options hold text that goes into a file: it must be UTF-8. */
static int
check_option_text(const struct opts *a)
{
	const char *vals[] = { a->title, a->standards, a->reach, a->date, a->type,
	    a->colleagues, a->where };
	static const char *const names[] = { "--title", "--standards", "--reach",
	    "--date", "--type", "--colleagues", "--where" };

	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
		if (vals[i] && !lp_utf8_valid(vals[i], strlen(vals[i]))) {
			lp_error("%s: expected UTF-8 text", names[i]);
			return -1;
		}
	return 0;
}

/* The keys given as options, set in an item made by lp_item_init. */
static void
item_set_options(struct lp_item *it, const struct opts *a)
{
	const char *vals[] = { a->title, a->date, a->standards, a->reach, a->type,
	    a->colleagues, a->where };

	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
		if (vals[i])
			lp_doc_set(&it->doc, lp_item_keys[i], vals[i]);
}

/* Plan every --attach; list the paths in the item (also when there are none). */
static int
plan_attachments(struct lp_item *it, const char *root, const struct opts *a)
{
	struct lp_strv listed = {0}, taken = {0};
	int bad = 0;

	for (size_t i = 0; i < a->attach.n; i++) {
		char *path;

		if (lp_item_plan_attachment(it, root, a->attach.v[i], &taken, &path) < 0) {
			bad = 1;
			continue;
		}
		lp_strv_push(&listed, path);
		free(path);
	}
	lp_doc_set_list(&it->doc, "attachments", listed.v, listed.n);
	lp_strv_free(&listed);
	lp_strv_free(&taken);
	return bad ? -1 : 0;
}

static int
add_from_options(const struct lp_ctx *ctx, const struct opts *a)
{
	struct lp_buf body = {0};
	struct lp_lock *lock = NULL;
	struct lp_item it;
	char *root = NULL;
	int rootfd = -1, rc = LP_EXIT_ERROR;

	memset(&it, 0, sizeof it);
	if (ctx->noperands > 1) {
		lp_error("add: expected at most one BODYFILE, got %zu operands", ctx->noperands);
		return LP_EXIT_ERROR;
	}
	if (check_option_text(a) < 0)
		return LP_EXIT_ERROR;
	/* Standard input is read first: the lock is not held while waiting for it. */
	if (ctx->noperands == 1 && read_body(ctx->operands[0], &body) < 0)
		goto out;
	if (lp_evidence_open_for_writing(ctx, &root, &lock, &rootfd) < 0)
		goto out;
	lp_item_init(&it, NULL, 0);
	it.from_options = 1;
	item_set_options(&it, a);
	lp_item_set_body(&it, ctx->noperands ? lp_buf_str(&body) : NULL, body.len);
	if (plan_attachments(&it, root, a) < 0)
		goto out;
	rc = store_items(ctx, root, rootfd, &it, 1, 0, 0);
out:
	lp_item_free(&it);
	lp_buf_free(&body);
	lp_evidence_close_for_writing(root, lock, rootfd);
	return rc;
}

static void
kept_note(const char *path)
{
	lp_error("the item is kept in %s; once it is fixed, run: lp-evidence add %s",
	    path, path);
}

/*
 * add from a whole document: ITEM.md, or the template after the editor.
 * from/to are the --attach files planned for a template.
 */
static int
add_from_document(const struct lp_ctx *ctx, const char *path, const struct lp_buf *text,
    const struct lp_strv *from, const struct lp_strv *to, int edited)
{
	struct lp_lock *lock = NULL;
	struct lp_item it;
	char *root = NULL, *body;
	const char *title;
	int rootfd = -1, rc = LP_EXIT_ERROR;

	memset(&it, 0, sizeof it);
	it.src = path;
	it.date = LP_DATE_NONE;
	if (lp_doc_parse(&it.doc, path, text->data ? text->data : "", text->len) < 0) {
		if (edited)
			kept_note(path);
		goto out;
	}
	title = lp_doc_get(&it.doc, "title");
	if (edited && (!title || !title[strspn(title, " \t")])) {
		lp_error("aborting: the item has no title; nothing was written (your text is kept in %s)",
		    path);
		goto out;
	}
	body = lp_xstrndup(it.doc.body ? it.doc.body : "", it.doc.body_len);
	if (edited && strcmp(body, lp_item_template_hints) == 0)
		lp_item_set_body(&it, NULL, 0);
	else
		lp_item_set_body(&it, body, strlen(body));
	free(body);
	if (lp_evidence_open_for_writing(ctx, &root, &lock, &rootfd) < 0)
		goto fail;
	if (lp_item_replan_copies(&it, root, from, to) < 0)
		goto fail;
	rc = store_items(ctx, root, rootfd, &it, 1, 0, 0);
fail:
	if (rc != LP_EXIT_OK && edited)
		kept_note(path);
	if (rc == LP_EXIT_OK && edited)
		unlink(path);
out:
	lp_item_free(&it);
	lp_evidence_close_for_writing(root, lock, rootfd);
	return rc;
}

static int
add_with_editor(const struct lp_ctx *ctx, const struct opts *a)
{
	const char *tmpdir = getenv("TMPDIR");
	struct lp_buf tmpl = {0}, edited = {0};
	struct lp_portfolio p;
	struct lp_item it;
	char *root = NULL, *path = NULL;
	int fd = -1, rc = LP_EXIT_ERROR, keep = 0;

	memset(&it, 0, sizeof it);
	if (check_option_text(a) < 0)
		return LP_EXIT_ERROR;
	/* A bad portfolio is better found before the user has written anything. */
	if (lp_portfolio_find(ctx->dir, &root) < 0)
		goto out;
	rc = lp_portfolio_open(ctx, root, 0, &p);
	lp_portfolio_free(&p);
	if (rc < 0) {
		rc = LP_EXIT_ERROR;
		goto out;
	}
	rc = LP_EXIT_ERROR;
	lp_item_init(&it, NULL, 0);
	item_set_options(&it, a);
	if (plan_attachments(&it, root, a) < 0)
		goto out;
	lp_item_template(&it, ctx->today, a->date != NULL, a->standards, &tmpl);

	path = lp_xasprintf("%s/lp-evidence-XXXXXX.md", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if ((fd = mkstemps(path, 3)) < 0) {
		lp_error("cannot create a file for the editor in %s: %s",
		    tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
		free(path);
		path = NULL;
		goto out;
	}
	if (lp_write_all(fd, tmpl.data, tmpl.len) < 0 || close(fd) < 0) {
		fd = -1;
		lp_error("cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (lp_editor_run(path) < 0)
		goto out;
	if (lp_file_read(path, LP_FILE_MAX, &edited) != 0) {
		lp_error("%s: the edited item has gone; nothing was written", path);
		goto out;
	}
	if (edited.len == tmpl.len && memcmp(edited.data, tmpl.data, tmpl.len) == 0) {
		lp_error("aborting: the template was left unchanged; nothing was written");
		goto out;
	}
	keep = 1;	/* from here the file holds the user's work */
	rc = add_from_document(ctx, path, &edited, &it.copy_from, &it.copy_to, 1);
out:
	if (fd >= 0)
		close(fd);
	if (path && !keep)
		unlink(path);
	free(path);
	lp_item_free(&it);
	lp_buf_free(&tmpl);
	lp_buf_free(&edited);
	free(root);
	return rc;
}

static int
cmd_add(struct lp_ctx *ctx, void *arg)
{
	const struct opts *a = arg;
	struct lp_buf text = {0};
	struct lp_strv none = {0};
	int rc;

	if (a->title)
		return add_from_options(ctx, a);
	if (ctx->noperands > 1) {
		lp_error("add: expected at most one ITEM.md, got %zu operands", ctx->noperands);
		return LP_EXIT_ERROR;
	}
	if (ctx->noperands == 1) {
		if (read_body(ctx->operands[0], &text) < 0) {
			lp_buf_free(&text);
			return LP_EXIT_ERROR;
		}
		if (text.len < 3 || memcmp(text.data, "---", 3) != 0) {
			lp_error("add: without --title, %s must be a whole item beginning with a '---' line",
			    ctx->operands[0]);
			lp_buf_free(&text);
			return LP_EXIT_ERROR;
		}
		if (a->attach.n || a->standards || a->reach || a->date || a->type ||
		    a->colleagues || a->where) {
			lp_error("add: with ITEM.md every key comes from the file; "
			    "give no other options of an item");
			rc = LP_EXIT_ERROR;
		} else {
			rc = add_from_document(ctx, strcmp(ctx->operands[0], "-") ?
			    ctx->operands[0] : "<stdin>", &text, &none, &none, 0);
		}
		lp_buf_free(&text);
		return rc;
	}
	/* Under -q standard output is /dev/null (lib/cli): the terminal is stdin's. */
	if (isatty(STDIN_FILENO) && (ctx->quiet || isatty(STDOUT_FILENO)))
		return add_with_editor(ctx, a);
	return lp_usage_error(ctx,
	    "add: --title is needed (or run it on a terminal to write the item in an editor)");
}

static int
cmd_import(struct lp_ctx *ctx, void *arg)
{
	const struct opts *a = arg;
	const char *name = ctx->noperands ? ctx->operands[0] : "-";
	struct lp_reader *r = NULL;
	const struct lp_row *row;
	struct lp_lock *lock = NULL;
	struct lp_item *items = NULL;
	size_t n = 0, checked = 0;
	FILE *in = stdin;
	char *root = NULL;
	int got, bad = 0, rootfd = -1, rc = LP_EXIT_ERROR;

	if (ctx->noperands > 1) {
		lp_error("import: expected at most one file of rows, got %zu operands", ctx->noperands);
		return LP_EXIT_ERROR;
	}
	if (strcmp(name, "-") != 0 && !(in = fopen(name, "r"))) {
		lp_error("cannot read %s: %s", name, strerror(errno));
		return LP_EXIT_ERROR;
	}
	/* Every row is read before the lock is taken: input may be slow to come. */
	r = lp_reader_new(in, name, 0);
	while ((got = lp_reader_next(r, &row)) == 1) {
		if (lp_import_check_columns(r, &checked, row->line) < 0)
			bad = 1;
		if (n == LP_IMPORT_MAX_ROWS) {
			lp_errorat(lp_reader_name(r), row->line,
			    "more than %d rows: import them in parts", LP_IMPORT_MAX_ROWS);
			bad = 1;
			break;
		}
		if (n % 64 == 0)
			items = lp_xreallocarray(items, n + 64, sizeof *items);
		lp_item_from_row(&items[n++], r, row);
	}
	if (got == 0 && lp_import_check_columns(r, &checked, 1) < 0)
		bad = 1;
	if (got < 0 || bad)
		goto out;
	if (a->dry_run) {
		if (lp_portfolio_find(ctx->dir, &root) < 0)
			goto out;
		if ((rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
			lp_error("%s: %s", root, strerror(errno));
			goto out;
		}
	} else if (lp_evidence_open_for_writing(ctx, &root, &lock, &rootfd) < 0) {
		goto out;
	}
	rc = store_items(ctx, root, rootfd, items, n, 1, a->dry_run);
out:
	for (size_t i = 0; i < n; i++)
		lp_item_free(&items[i]);
	free(items);
	lp_evidence_close_for_writing(root, lock, rootfd);
	lp_reader_free(r);
	if (in != stdin)
		fclose(in);
	return rc;
}

struct list_state {
	int standard;		/* index, or -1 */
	int reach;		/* rank, or -1 */
	const char *type;
	lp_date since, until;
	struct lp_rowset rows;
};

static int
list_one(struct lp_portfolio *p, void *arg)
{
	struct list_state *st = arg;
	struct lp_buf buf = {0};
	char d[11], n[24];

	for (size_t i = 0; i < p->nev; i++) {
		const struct lp_evidence *e = &p->ev[i];
		const char *row[LP_EVIDENCE_NCOLS];

		if ((st->standard >= 0 && !(e->standards & (1u << st->standard))) ||
		    (st->reach > 0 && e->reach != st->reach) ||
		    (st->type && strcasecmp(e->type, st->type) != 0) ||
		    (st->since != LP_DATE_NONE && e->date < st->since) ||
		    (st->until != LP_DATE_NONE && e->date > st->until))
			continue;
		lp_evidence_row(p, e, row, &buf, d, n);
		lp_rowset_add(&st->rows, p->id, row);
	}
	lp_buf_free(&buf);
	return 0;
}

static int
parse_date_option(const char *opt, const char *v, lp_date *out)
{
	*out = LP_DATE_NONE;
	if (v && lp_date_parse(v, out) < 0) {
		lp_error("%s: expected a date YYYY-MM-DD, got '%s'", opt, v);
		return -1;
	}
	return 0;
}

static int
cmd_list(struct lp_ctx *ctx, void *arg)
{
	const struct opts *a = arg;
	struct list_state st = { .standard = -1, .reach = -1, .type = a->type };
	struct lp_writer *w;
	int rc;

	if (a->standard && (st.standard = lp_standard_parse(a->standard)) < 0) {
		lp_error("--standard: expected LP1..LP10, got '%s'", a->standard);
		return LP_EXIT_ERROR;
	}
	if (a->reach && (st.reach = lp_reach_parse(a->reach)) < 0) {
		lp_error("--reach: expected colleague, team, institution or beyond, got '%s'", a->reach);
		return LP_EXIT_ERROR;
	}
	if (parse_date_option("--since", a->since, &st.since) < 0 ||
	    parse_date_option("--until", a->until, &st.until) < 0)
		return LP_EXIT_ERROR;
	lp_rowset_init(&st.rows, LP_EVIDENCE_NCOLS);
	rc = lp_cohort_each(ctx, ctx->operands, ctx->noperands, LP_LOAD_EVIDENCE, list_one, &st);
	lp_rowset_sort(&st.rows);
	w = lp_ctx_writer(ctx, lp_evidence_cols, LP_EVIDENCE_NCOLS);
	lp_rowset_write(&st.rows, w);
	if (lp_writer_finish(w) < 0)
		rc = -1;
	lp_rowset_free(&st.rows);
	return rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

static int
show_item(const struct lp_ctx *ctx, const struct lp_portfolio *p, const char *id)
{
	char *rel = lp_xasprintf("evidence/%s.md", id), *path = lp_tree_path(p->tree, rel);
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
	free(rel);
	return rc;
}

static int
cmd_show(struct lp_ctx *ctx, void *unused)
{
	struct lp_portfolio p;
	struct lp_strv names = {0};
	char *dir = NULL, *root = NULL, *id = NULL;
	int rc = LP_EXIT_ERROR, got;

	memset(&p, 0, sizeof p);
	if (ctx->noperands == 2)
		dir = ctx->dir && ctx->operands[1][0] != '/' ?
		    lp_path_join(ctx->dir, ctx->operands[1]) : lp_xstrdup(ctx->operands[1]);
	if (lp_portfolio_find(dir ? dir : ctx->dir, &root) < 0)
		goto out;
	if (lp_portfolio_open(ctx, root, 0, &p) < 0)
		goto out;
	if ((got = lp_tree_list(p.tree, "evidence", &names)) < 0)
		goto out;
	if (lp_evidence_find_id(&names, p.label, ctx->operands[0], &id) < 0)
		goto out;
	rc = show_item(ctx, &p, id);
out:
	lp_portfolio_free(&p);
	lp_strv_free(&names);
	free(id);
	free(root);
	free(dir);
	return rc;
}

/*
 * The loader refuses what is malformed; lp_check_evidence adds the
 * warnings.  lp check runs the same check, so each problem is printed
 * once whichever command finds it.  assessment.csv is lp-assess's.
 */
static int
cmd_check(struct lp_ctx *ctx, void *arg)
{
	static const lp_check_fn checks[] = { lp_check_evidence };

	(void)arg;
	return lp_validate(ctx, LP_LOAD_EVIDENCE | LP_LOAD_ATTACHMENTS | LP_LOAD_BODIES,
	    checks, 1);
}

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

static int
cmd_matrix(struct lp_ctx *ctx, void *unused)
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

enum { CMD_ADD, CMD_IMPORT, CMD_LIST, CMD_SHOW, CMD_CHECK, CMD_MATRIX };
#define B(c) (1u << (c))
#define WRITERS (B(CMD_ADD) | B(CMD_IMPORT))
#define READERS (B(CMD_LIST) | B(CMD_SHOW) | B(CMD_CHECK) | B(CMD_MATRIX))
#define COHORT (B(CMD_LIST) | B(CMD_CHECK) | B(CMD_MATRIX))

static const struct lp_cli_cmd commands[] = {
	{ "add", "[BODYFILE | ITEM.md | -]",
	    "write one item: from options and a body, from a whole item, or in an editor",
	    0, 1, cmd_add, LP_CLI_V_FILE, 0 },
	{ "import", "[ROWS | -]", "one item per input row, all in one commit",
	    0, 1, cmd_import, LP_CLI_V_FILE, 0 },
	{ "list", "[PORTFOLIO ...]", "the evidence items, filtered",
	    0, -1, cmd_list, LP_CLI_V_DIR, 0 },
	{ "show", "ID [PORTFOLIO]", "one item as stored, or as a row with -o",
	    1, 2, cmd_show, LP_CLI_V_WORDS, 0 },
	{ "check", "[PORTFOLIO ...]", "every evidence item and attachment valid; exit 1 on findings",
	    0, -1, cmd_check, LP_CLI_V_DIR, 0 },
	{ "matrix", "[PORTFOLIO ...]", "standards by reach: the counts behind each evidence level",
	    0, -1, cmd_matrix, LP_CLI_V_DIR, 0 },
};

static const struct lp_cli_opt options[] = {
	LP_CLI_STR(0, "title", "TEXT", "what the activity was",
	    B(CMD_ADD), struct opts, title, LP_CLI_V_NONE),
	LP_CLI_STR(0, "standards", "LIST", "the standards it shows: LP5,LP6",
	    B(CMD_ADD), struct opts, standards, LP_CLI_V_NONE),
	LP_CLI_STR(0, "reach", "REACH", "colleague, team, institution or beyond (list: only those)",
	    B(CMD_ADD) | B(CMD_LIST), struct opts, reach, LP_CLI_V_REACH),
	LP_CLI_STR(0, "date", "DATE", "when it happened (default today)",
	    B(CMD_ADD), struct opts, date, LP_CLI_V_DATE),
	LP_CLI_STR(0, "type", "TYPE", "the kind of activity (list: only that kind)",
	    B(CMD_ADD) | B(CMD_LIST), struct opts, type, LP_CLI_V_NONE),
	LP_CLI_STR(0, "colleagues", "N", "how many colleagues took part",
	    B(CMD_ADD), struct opts, colleagues, LP_CLI_V_NONE),
	LP_CLI_STR(0, "where", "TEXT", "where it happened: \"across the trust\"",
	    B(CMD_ADD), struct opts, where, LP_CLI_V_NONE),
	LP_CLI_LIST(0, "attach", "FILE", "copy FILE into attachments/ and list it (repeatable)",
	    B(CMD_ADD), struct opts, attach, LP_CLI_V_FILE),
	LP_CLI_FLAG(0, "dry-run", "check the rows and print what would be made; write nothing",
	    B(CMD_IMPORT), struct opts, dry_run),
	LP_CLI_STR(0, "standard", "S", "only items that name standard S",
	    B(CMD_LIST), struct opts, standard, LP_CLI_V_STANDARD),
	LP_CLI_STR(0, "since", "DATE", "only items dated on or after DATE",
	    B(CMD_LIST), struct opts, since, LP_CLI_V_DATE),
	LP_CLI_STR(0, "until", "DATE", "only items dated on or before DATE",
	    B(CMD_LIST), struct opts, until, LP_CLI_V_DATE),
	LP_CLI_OPT_MIN(B(CMD_MATRIX)),
	LP_CLI_OPT_AT(READERS),
	LP_CLI_OPT_JOBS(COHORT),
	LP_CLI_OPT_SCHOOL(COHORT),
	LP_CLI_OPT_COHORT(COHORT),
	LP_CLI_OPT_C(LP_CLI_ALL),
	LP_CLI_OPT_O(LP_CLI_ALL),
	LP_CLI_OPT_BOM(LP_CLI_ALL),
	LP_CLI_OPT_RAW(LP_CLI_ALL),
	LP_CLI_OPT_Q(LP_CLI_ALL),
	LP_CLI_OPT_TODAY(LP_CLI_ALL),
	LP_CLI_OPT_NO_COMMIT(WRITERS),
};

static const struct lp_cli_prog prog = {
	"lp-evidence", "The evidence items of a portfolio: add, import, list, show, "
	"check, and the standards by reach matrix.",
	commands, sizeof commands / sizeof commands[0],
	options, sizeof options / sizeof options[0],
	NULL, NULL,
};

int
main(int argc, char **argv)
{
	struct opts o = {0};
	int rc = lp_cli_main(&prog, &o, argc, argv);

	lp_strv_free(&o.attach);
	return rc;
}
