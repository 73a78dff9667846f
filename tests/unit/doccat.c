/*
 * doccat.c - test driver for lib/doc.c.
 *
 *   doccat FILE            the fields, one a line (key=value, key=[a|b]),
 *                          then "--body--" and the body as stored
 *   doccat --format FILE   what lp_doc_format writes for FILE
 *   doccat [--set KEY=VALUE | --set-list KEY=A|B | --unset KEY]... FILE
 *                          apply the changes in order, then format
 *
 * A parse error prints the library's diagnostic and exits 2.  The file is
 * read here with stdio, so that the driver depends on doc.c alone.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lp.h"

static int
read_file(const char *path, struct lp_buf *out)
{
	FILE *fp = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	int rc = 0;

	if (!fp) {
		lp_error("%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		lp_buf_add(out, chunk, n);
	if (ferror(fp)) {
		lp_error("%s: read error", path);
		rc = -1;
	}
	fclose(fp);
	return rc;
}

/* "a|b|c" as a list; "" is the empty list. */
static void
set_list(struct lp_doc *doc, const char *key, const char *items)
{
	struct lp_strv sv = {0};
	const char *p = items, *bar;

	if (*items)
		for (;;) {
			if (!(bar = strchr(p, '|'))) {
				lp_strv_push(&sv, p);
				break;
			}
			lp_strv_pushn(&sv, p, (size_t)(bar - p));
			p = bar + 1;
		}
	lp_doc_set_list(doc, key, sv.v, sv.n);
	lp_strv_free(&sv);
}

static void
print_fields(const struct lp_doc *doc)
{
	for (size_t i = 0; i < doc->nfields; i++) {
		const struct lp_field *f = &doc->fields[i];

		if (f->value) {
			printf("%s=%s\n", f->key, f->value);
			continue;
		}
		printf("%s=[", f->key);
		for (size_t j = 0; j < f->list.n; j++)
			printf("%s%s", j ? "|" : "", f->list.v[j]);
		printf("]\n");
	}
	printf("--body--\n");
	fwrite(doc->body, 1, doc->body_len, stdout);
}

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: doccat [--format] [--set K=V] [--set-list K=A|B] "
	    "[--unset K]... FILE\n");
	exit(LP_EXIT_ERROR);
}

int
main(int argc, char **argv)
{
	struct lp_buf text = {0}, out = {0};
	struct lp_doc doc = {0};
	const char *path;
	int format = 0, status = LP_EXIT_ERROR, i;

	lp_setprogname(argv[0]);
	for (i = 1; i < argc - 1; i++) {
		if (strcmp(argv[i], "--format") == 0)
			format = 1;
		else if (strcmp(argv[i], "--set") == 0 ||
		    strcmp(argv[i], "--set-list") == 0 ||
		    strcmp(argv[i], "--unset") == 0) {
			format = 1;
			i++;	/* applied once the file is parsed */
		} else
			usage();
	}
	if (i != argc - 1)
		usage();
	path = argv[argc - 1];
	if (read_file(path, &text) < 0)
		goto out;
	if (lp_doc_parse(&doc, path, text.data ? text.data : "", text.len) < 0)
		goto out;

	for (i = 1; i < argc - 1; i++) {
		const char *arg = argv[i + 1], *eq = strchr(arg, '=');
		char *key;

		if (strcmp(argv[i], "--unset") == 0) {
			lp_doc_unset(&doc, arg);
			i++;
			continue;
		}
		if (strcmp(argv[i], "--format") == 0)
			continue;
		if (!eq)
			usage();
		key = lp_xstrndup(arg, (size_t)(eq - arg));
		if (strcmp(argv[i], "--set") == 0)
			lp_doc_set(&doc, key, eq + 1);
		else
			set_list(&doc, key, eq + 1);
		free(key);
		i++;
	}

	if (format) {
		lp_doc_format(&doc, &out);
		fwrite(out.data, 1, out.len, stdout);
	} else
		print_fields(&doc);
	status = LP_EXIT_OK;
out:
	lp_doc_free(&doc);
	lp_buf_free(&text);
	lp_buf_free(&out);
	return lp_close_stdout(status);
}
