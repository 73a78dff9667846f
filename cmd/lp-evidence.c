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
 * This file is the command line (lib/cli tables) and the flow of each
 * subcommand.  Making an item lives in lib/ (lib/evidence.h): evidence.c
 * checks it key by key, slug.c names it, evidence-write.c writes and
 * commits it whole or not at all, import.c reads rows and form exports,
 * editor.c runs the editor, evidence-rows.c prints.  check is
 * lp_validate with lp_check_evidence, the same findings as lp check.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "evidence.h"
#include "lp.h"

/* This program's own options (lib/cli stores them here). */
struct opts {
	const char *title, *standards, *reach, *date, *type, *colleagues, *where;
	struct lp_strv attach;
	int dry_run;
	const char *standard, *since, *until;
	const char *slug;
	struct lp_strv map, ignore;	/* import */
	int ignore_unknown;
	const char *date_format;
};





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
	if (ctx->noperands == 1 && lp_body_read(ctx->operands[0], &body) < 0)
		goto out;
	if (lp_evidence_open_for_writing(ctx, &root, &lock, &rootfd) < 0)
		goto out;
	lp_item_init(&it, NULL, 0);
	it.from_options = 1;
	it.slug = a->slug;
	item_set_options(&it, a);
	lp_item_set_body(&it, ctx->noperands ? lp_buf_str(&body) : NULL, body.len);
	if (plan_attachments(&it, root, a) < 0)
		goto out;
	rc = lp_items_store_print(ctx, root, rootfd, &it, 1, 0, 0);
out:
	lp_item_free(&it);
	lp_buf_free(&body);
	lp_evidence_close_for_writing(root, lock, rootfd);
	return rc;
}



/*
 * add on a terminal without --title: the template in $VISUAL or $EDITOR,
 * as git commit does.  An empty buffer or the template left as it was
 * aborts quietly (exit 1, nothing written); a failed check keeps the
 * text where it was edited and says so.
 */
static int
add_with_editor(const struct lp_ctx *ctx, const struct opts *a)
{
	struct lp_buf tmpl = {0}, edited = {0};
	struct lp_portfolio p;
	struct lp_item it;
	char *root = NULL, *path = NULL;
	int rc = LP_EXIT_ERROR, keep = 0, resumed;

	memset(&it, 0, sizeof it);
	if (check_option_text(a) < 0)
		return LP_EXIT_ERROR;
	/* A bad portfolio is better found before the user has written anything. */
	if (lp_portfolio_find(ctx->dir, &root) < 0)
		goto out;
	if (lp_portfolio_open(ctx, root, 0, &p) < 0) {
		lp_portfolio_free(&p);
		goto out;
	}
	lp_portfolio_free(&p);
	if (!(path = lp_editor_path(root)))
		goto out;
	lp_item_init(&it, NULL, 0);
	item_set_options(&it, a);
	if (plan_attachments(&it, root, a) < 0)
		goto out;
	lp_item_template(&it, ctx->today, a->date != NULL, a->standards, &tmpl);
	if ((resumed = lp_editor_file_new(path, tmpl.data, tmpl.len, &edited)) < 0) {
		free(path);
		path = NULL;
		goto out;
	}
	keep = resumed;	/* an earlier attempt's text outlives a failing editor */
	if (resumed) {
		/* The user's own text: only an empty buffer aborts. */
		lp_buf_free(&tmpl);
		lp_buf_free(&edited);
	}
	if (lp_editor_run(path) < 0)
		goto out;
	if (lp_file_read(path, LP_FILE_MAX, &edited) != 0) {
		lp_error("%s: the edited item has gone; nothing was written", path);
		goto out;
	}
	if (lp_editor_empty(&edited, &tmpl)) {
		lp_error("aborting: the evidence item is empty");
		keep = 0;
		rc = LP_EXIT_FOUND;
		goto out;
	}
	keep = 1;	/* from here the file holds the user's work */
	rc = lp_item_add_document(ctx, path, &edited, &it.copy_from, &it.copy_to, 1, a->slug);
out:
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

	if (a->slug && !lp_slug_valid(a->slug)) {
		lp_error("--slug: expected lower-case letters, digits and single dashes "
		    "(at most 50), got '%s'", a->slug);
		return LP_EXIT_ERROR;
	}
	if (a->title)
		return add_from_options(ctx, a);
	if (ctx->noperands > 1) {
		lp_error("add: expected at most one ITEM.md, got %zu operands", ctx->noperands);
		return LP_EXIT_ERROR;
	}
	if (ctx->noperands == 1) {
		if (lp_body_read(ctx->operands[0], &text) < 0) {
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
			rc = lp_item_add_document(ctx, strcmp(ctx->operands[0], "-") ?
			    ctx->operands[0] : "<stdin>", &text, &none, &none, 0, a->slug);
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
	struct lp_import im;
	size_t n = 0, checked = 0;
	FILE *in = stdin;
	char *root = NULL;
	int got, bad = 0, rootfd = -1, rc = LP_EXIT_ERROR;

	if (ctx->noperands > 1) {
		lp_error("import: expected at most one file of rows, got %zu operands", ctx->noperands);
		return LP_EXIT_ERROR;
	}
	if (lp_import_init(&im, &a->map, &a->ignore, a->ignore_unknown, a->date_format) < 0) {
		lp_import_free(&im);
		return LP_EXIT_ERROR;
	}
	if (strcmp(name, "-") != 0 && !(in = fopen(name, "r"))) {
		lp_error("cannot read %s: %s", name, strerror(errno));
		lp_import_free(&im);
		return LP_EXIT_ERROR;
	}
	/* Every row is read before the lock is taken: input may be slow to come. */
	r = lp_reader_new(in, name, 0);
	while ((got = lp_reader_next(r, &row)) == 1) {
		if (lp_import_check_columns(&im, r, &checked, row->line) < 0)
			bad = 1;
		if (n == LP_IMPORT_MAX_ROWS) {
			lp_errorat(lp_reader_name(r), row->line,
			    "more than %d rows: import them in parts", LP_IMPORT_MAX_ROWS);
			bad = 1;
			break;
		}
		if (n % 64 == 0)
			items = lp_xreallocarray(items, n + 64, sizeof *items);
		if ((got = lp_item_from_row(&im, &items[n], r, row)) == 0)
			n++;
		else if (got < 0)
			bad = 1;	/* go on: every bad row is named */
		got = 1;
	}
	if (got == 0 && lp_import_check_columns(&im, r, &checked, 1) < 0)
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
	rc = lp_items_store_print(ctx, root, rootfd, items, n, 1, a->dry_run);
out:
	for (size_t i = 0; i < n; i++)
		lp_item_free(&items[i]);
	free(items);
	lp_evidence_close_for_writing(root, lock, rootfd);
	lp_reader_free(r);
	lp_import_free(&im);
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
cmd_show(struct lp_ctx *ctx, void *unused)
{
	struct lp_portfolio p;
	struct lp_strv rels = {0}, names = {0};
	char *dir = NULL, *root = NULL, *id = NULL;
	int rc = LP_EXIT_ERROR;

	memset(&p, 0, sizeof p);
	if (ctx->noperands == 2)
		dir = ctx->dir && ctx->operands[1][0] != '/' ?
		    lp_path_join(ctx->dir, ctx->operands[1]) : lp_xstrdup(ctx->operands[1]);
	if (lp_portfolio_find(dir ? dir : ctx->dir, &root) < 0)
		goto out;
	if (lp_portfolio_open(ctx, root, 0, &p) < 0)
		goto out;
	/* Items may sit in subdirectories of evidence/: found by their file's name. */
	if (lp_evidence_files(p.tree, &rels) < 0)
		goto out;
	for (size_t i = 0; i < rels.n; i++)
		lp_strv_push(&names, strrchr(rels.v[i], '/') + 1);
	if (lp_evidence_find_id(&names, p.label, ctx->operands[0], &id) < 0)
		goto out;
	for (size_t i = 0; i < rels.n; i++)
		if (strlen(names.v[i]) == strlen(id) + 3 && strncmp(names.v[i], id, strlen(id)) == 0) {
			rc = lp_evidence_show(ctx, &p, rels.v[i]);
			break;
		}
out:
	lp_portfolio_free(&p);
	lp_strv_free(&rels);
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

static int
cmd_matrix(struct lp_ctx *ctx, void *unused)
{
	return lp_evidence_matrix(ctx);
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
	    1, 2, cmd_show, LP_CLI_V_NONE, 0 },
	{ "check", "[PORTFOLIO ...]", "every evidence item and attachment valid; exit 1 on findings",
	    0, -1, cmd_check, LP_CLI_V_DIR, 0 },
	{ "matrix", "[PORTFOLIO ...]", "standards by reach: the counts behind each evidence level",
	    0, -1, cmd_matrix, LP_CLI_V_DIR, 0 },
};

static const struct lp_cli_opt options[] = {
	LP_CLI_STR(0, "title", "TEXT", "what the activity was",
	    B(CMD_ADD), struct opts, title, LP_CLI_V_NONE),
	LP_CLI_STR(0, "slug", "SLUG", "the file name's slug instead of one made from the title",
	    B(CMD_ADD), struct opts, slug, LP_CLI_V_NONE),
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
	LP_CLI_LIST(0, "map", "MAP", "'Form column=key,...': read a form's columns as keys (repeatable)",
	    B(CMD_IMPORT), struct opts, map, LP_CLI_V_NONE),
	LP_CLI_LIST(0, "ignore", "COLUMN", "drop a column of the rows (repeatable)",
	    B(CMD_IMPORT), struct opts, ignore, LP_CLI_V_NONE),
	LP_CLI_FLAG(0, "ignore-unknown", "drop every column that is not a key",
	    B(CMD_IMPORT), struct opts, ignore_unknown),
	LP_CLI_STR(0, "date-format", "ORDER", "dates as dmy (02/12/2026 is 2 December), mdy or iso (the default)",
	    B(CMD_IMPORT), struct opts, date_format, LP_CLI_V_NONE),
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
	lp_strv_free(&o.map);
	lp_strv_free(&o.ignore);
	return rc;
}
