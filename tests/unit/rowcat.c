/*
 * rowcat - read rows with lp_reader and write them with lp_writer.
 *
 * The test driver for lib/rows.c, and a small tool in its own right:
 * it converts between the row formats lp reads and prints.
 *
 *   rowcat [-o FORMAT] [--raw] [--bom] [--sheet NAME] [--csv-only]
 *          [--json-only] [--mem]
 *          [--type NAME=TYPE]... [--columns | --count | --get NAME] [FILE]
 *   rowcat --each [options] FILE...
 *
 * --bom    start csv or tsv with a UTF-8 BOM.  --sheet  the xlsx sheet name.
 * -o       output format (default csv); every column is a string unless
 *          --type NAME=str|int|date|list says otherwise.
 * --columns  print the detected form, then the columns, one a line.
 * --count  print the number of rows (streams: memory stays flat).
 * --get    print "LINE<TAB>VALUE" for each row ("-" when absent).
 * --csv-only  LP_READ_CSV_ONLY.  --mem  read FILE whole and use
 *          lp_reader_new_mem.  --json-only  refuse input whose first
 *          non-blank byte is not '[' or '{' (how the JSON corpora are
 *          judged: a bare JSON value is not rows).
 * --each   treat every FILE on its own, ending each one's output with
 *          "\036STATUS\n" on stdout and "\036\n" on stderr.
 * Exit 0, or 2 on a usage, read or write error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "lp.h"

enum { MODE_COPY, MODE_COLUMNS, MODE_COUNT, MODE_GET };
enum { OPT_RAW = 256, OPT_CSV_ONLY, OPT_JSON_ONLY, OPT_MEM, OPT_TYPE,
	OPT_COLUMNS, OPT_COUNT, OPT_GET, OPT_EACH, OPT_BOM, OPT_SHEET };

struct opts {
	enum lp_format fmt;
	int raw;
	int bom;		/* LP_WRITE_BOM */
	const char *sheet;	/* xlsx sheet name */
	unsigned flags;
	int json_only;
	int mem;
	int each;
	int mode;
	const char *get;
	struct lp_strv types;	/* "NAME=TYPE" */
};

static void
usage(void)
{
	fputs("usage: rowcat [-o FORMAT] [--raw] [--bom] [--sheet NAME] [--csv-only]\n"
	    "              [--json-only] [--mem]\n"
	    "              [--type NAME=TYPE]... [--columns | --count | --get NAME] [FILE]\n"
	    "       rowcat --each [options] FILE...\n",
	    stderr);
}

static int
parse_type(const char *s, enum lp_coltype *out)
{
	static const char *const names[] = { "str", "int", "date", "list" };

	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum lp_coltype)i;
			return 0;
		}
	return -1;
}

static enum lp_coltype
column_type(const struct opts *o, const char *name)
{
	enum lp_coltype t = LP_COL_STR;

	for (size_t i = 0; i < o->types.n; i++) {
		const char *eq = strchr(o->types.v[i], '=');

		if ((size_t)(eq - o->types.v[i]) == strlen(name) &&
		    strncmp(o->types.v[i], name, strlen(name)) == 0)
			parse_type(eq + 1, &t);
	}
	return t;
}

/* Read all of in (for --mem and --json-only). */
static int
slurp(FILE *in, const char *name, struct lp_buf *b)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
		lp_buf_add(b, chunk, n);
	if (ferror(in)) {
		lp_error("%s: read error", name);
		return -1;
	}
	return 0;
}

static int
looks_like_json(const struct lp_buf *b)
{
	size_t i = 0;

	if (b->len >= 3 && memcmp(b->data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < b->len && strchr(" \t\r\n", b->data[i]) && b->data[i])
		i++;
	return i < b->len && (b->data[i] == '[' || b->data[i] == '{');
}

/* Rows kept whole, for JSON input whose columns grow as rows come. */
struct kept {
	struct lp_row *rows;
	size_t n, cap;
};

static void
keep_row(struct kept *k, const struct lp_row *row)
{
	char **v = lp_xcalloc(row->n + 1, sizeof *v);

	for (size_t i = 0; i < row->n; i++)
		v[i] = row->values[i] ? lp_xstrdup(row->values[i]) : NULL;
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 16;
		k->rows = lp_xreallocarray(k->rows, k->cap, sizeof *k->rows);
	}
	k->rows[k->n].values = v;
	k->rows[k->n].n = row->n;
	k->n++;
}

static struct lp_writer *
make_writer(const struct opts *o, const struct lp_strv *cols)
{
	struct lp_col *c = lp_xcalloc(cols->n + 1, sizeof *c);
	struct lp_writer *w;

	for (size_t i = 0; i < cols->n; i++) {
		c[i].name = cols->v[i];
		c[i].type = column_type(o, cols->v[i]);
	}
	w = lp_writer_new_flags(stdout, o->fmt, c, cols->n,
	    (o->raw ? LP_WRITE_RAW : 0) | (o->bom ? LP_WRITE_BOM : 0));
	if (o->sheet)
		lp_writer_sheet(w, o->sheet);
	free(c);
	return w;
}

/* Write a row that may have fewer values than there are columns now. */
static void
write_row(struct lp_writer *w, size_t ncols, char *const *values, size_t n)
{
	const char **v = lp_xcalloc(ncols + 1, sizeof *v);

	for (size_t i = 0; i < n && i < ncols; i++)
		v[i] = values[i];
	lp_writer_row(w, v);
	free(v);
}

static int
copy_rows(struct lp_reader *r, const struct opts *o)
{
	struct lp_writer *w = NULL;
	struct kept k = {0};
	const struct lp_row *row;
	int stream = lp_reader_format(r) == LP_FMT_CSV;
	int status = 0, got;
	size_t ncols;

	while ((got = lp_reader_next(r, &row)) == 1) {
		if (!stream) {
			keep_row(&k, row);
			continue;
		}
		if (!w)
			w = make_writer(o, lp_reader_columns(r));
		write_row(w, lp_reader_columns(r)->n, row->values, row->n);
	}
	if (got < 0)
		status = LP_EXIT_ERROR;
	ncols = lp_reader_columns(r)->n;
	if (!w && status == 0)
		w = make_writer(o, lp_reader_columns(r));
	for (size_t i = 0; i < k.n; i++) {
		if (w)
			write_row(w, ncols, k.rows[i].values, k.rows[i].n);
		for (size_t j = 0; j < k.rows[i].n; j++)
			free(k.rows[i].values[j]);
		free(k.rows[i].values);
	}
	free(k.rows);
	if (w && lp_writer_finish(w) < 0)
		status = LP_EXIT_ERROR;
	return status;
}

static int
run(struct lp_reader *r, const struct opts *o)
{
	const struct lp_row *row;
	const struct lp_strv *cols;
	unsigned long count = 0;
	int got;

	switch (o->mode) {
	case MODE_COPY:
		return copy_rows(r, o);
	case MODE_COUNT:
		while ((got = lp_reader_next(r, &row)) == 1)
			count++;
		if (got < 0)
			return LP_EXIT_ERROR;
		printf("%lu\n", count);
		return 0;
	case MODE_GET:
		while ((got = lp_reader_next(r, &row)) == 1) {
			const char *v = lp_row_get(r, row, o->get);

			printf("%ld\t%s\n", row->line, v ? v : "-");
		}
		return got < 0 ? LP_EXIT_ERROR : 0;
	default:
		while ((got = lp_reader_next(r, &row)) == 1)
			;
		if (got < 0)
			return LP_EXIT_ERROR;
		cols = lp_reader_columns(r);
		printf("%s\n", lp_format_name(lp_reader_format(r)));
		for (size_t i = 0; i < cols->n; i++)
			printf("%s\n", cols->v[i]);
		return 0;
	}
}

static int
parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "format", required_argument, 0, 'o' },
		{ "raw", no_argument, 0, OPT_RAW },
		{ "csv-only", no_argument, 0, OPT_CSV_ONLY },
		{ "json-only", no_argument, 0, OPT_JSON_ONLY },
		{ "mem", no_argument, 0, OPT_MEM },
		{ "each", no_argument, 0, OPT_EACH },
		{ "bom", no_argument, 0, OPT_BOM },
		{ "sheet", required_argument, 0, OPT_SHEET },
		{ "type", required_argument, 0, OPT_TYPE },
		{ "columns", no_argument, 0, OPT_COLUMNS },
		{ "count", no_argument, 0, OPT_COUNT },
		{ "get", required_argument, 0, OPT_GET },
		{ 0, 0, 0, 0 }
	};
	enum lp_coltype t;
	const char *eq;
	int c;

	o->fmt = LP_FMT_CSV;
	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1)
		switch (c) {
		case 'o':
			if (lp_format_parse(optarg, &o->fmt) < 0) {
				lp_error("unknown format '%s'", optarg);
				return -1;
			}
			break;
		case OPT_RAW: o->raw = 1; break;
		case OPT_CSV_ONLY: o->flags |= LP_READ_CSV_ONLY; break;
		case OPT_JSON_ONLY: o->json_only = 1; break;
		case OPT_MEM: o->mem = 1; break;
		case OPT_EACH: o->each = 1; break;
		case OPT_BOM: o->bom = 1; break;
		case OPT_SHEET: o->sheet = optarg; break;
		case OPT_COLUMNS: o->mode = MODE_COLUMNS; break;
		case OPT_COUNT: o->mode = MODE_COUNT; break;
		case OPT_GET: o->mode = MODE_GET; o->get = optarg; break;
		case OPT_TYPE:
			eq = strchr(optarg, '=');
			if (!eq || parse_type(eq + 1, &t) < 0) {
				lp_error("--type wants NAME=str|int|date|list, not '%s'",
				    optarg);
				return -1;
			}
			lp_strv_push(&o->types, optarg);
			break;
		default:
			return -1;
		}
	if (argc - optind > 1 && !o->each)
		return -1;
	return 0;
}

/* One input, start to end: what rowcat does for each operand. */
static int
cat_file(const char *path, const struct opts *o)
{
	struct lp_reader *r = NULL;
	struct lp_buf data = {0};
	FILE *in = stdin;
	int status = LP_EXIT_ERROR;

	if (strcmp(path, "-") != 0 && !(in = fopen(path, "rb"))) {
		lp_error("%s: cannot open: %s", path, strerror(errno));
		return status;
	}
	if (o->mem || o->json_only) {
		if (slurp(in, path, &data) < 0)
			goto out;
		if (o->json_only && !looks_like_json(&data)) {
			lp_errorat(path, 1, "expected a JSON object or an array "
			    "of objects");
			goto out;
		}
		r = lp_reader_new_mem(lp_buf_str(&data), data.len, path, o->flags);
	} else {
		r = lp_reader_new(in, path, o->flags);
	}
	status = run(r, o);
out:
	lp_reader_free(r);
	lp_buf_free(&data);
	if (in != stdin)
		fclose(in);
	return status;
}

int
main(int argc, char **argv)
{
	struct opts o = {0};
	int status = LP_EXIT_ERROR;

	lp_setprogname(argv[0]);
	if (parse_opts(argc, argv, &o) < 0) {
		usage();
		goto out;
	}
	if (!o.each) {
		status = cat_file(optind < argc ? argv[optind] : "-", &o);
		goto out;
	}
	/*
	 * --each: every operand on its own, each followed by a record
	 * separator (and its exit status on stdout), so that a test can judge
	 * a thousand small files in one process.
	 */
	status = 0;
	for (int i = optind; i < argc; i++) {
		int st = cat_file(argv[i], &o);

		fflush(stdout);
		printf("\036%d\n", st);
		fflush(stdout);
		fputs("\036\n", stderr);
		if (st)
			status = st;
	}
out:
	lp_strv_free(&o.types);
	return lp_close_stdout(status);
}
