/*
 * fwcat - print a framework as rows, for the tests of lp_framework_load.
 *
 *   fwcat [-o FORMAT] [FILE]
 *
 * The framework is the one lp_framework_get picks: FILE, else
 * $LP_FRAMEWORK, else the built-in one; a file that does not load is
 * exit 2 with the loader's diagnostic.  The rows are
 * standard,name,group,level,descriptor,prompt,framework in LP1..LP10,
 * underlying..transforming order: the form a framework file takes, so
 * that fwcat's output loads back and prints the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lp.h"

static const struct lp_col cols[] = {
	{ "standard", LP_COL_STR },
	{ "name", LP_COL_STR },
	{ "group", LP_COL_STR },
	{ "level", LP_COL_STR },
	{ "descriptor", LP_COL_STR },
	{ "prompt", LP_COL_STR },
	{ "framework", LP_COL_STR },
};

static int
print_framework(const struct lp_framework *fw, enum lp_format fmt)
{
	struct lp_writer *w;

	w = lp_writer_new(stdout, fmt, cols, sizeof cols / sizeof cols[0], 1);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		const struct lp_standard *st = &fw->std[i];

		for (int l = LP_LEVEL_UNDERLYING; l < LP_NLEVELS; l++) {
			const char *v[] = {
				st->id, st->name, st->group, lp_level_name(l),
				st->descriptor[l], st->prompt[l], fw->id
			};

			lp_writer_row(w, v);
		}
	}
	return lp_writer_finish(w) < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

int
main(int argc, char **argv)
{
	const struct lp_framework *fw;
	enum lp_format fmt = LP_FMT_CSV;
	int c, status;

	lp_setprogname(argv[0]);
	while ((c = getopt(argc, argv, "o:")) != -1) {
		if (c != 'o' || lp_format_parse(optarg, &fmt) < 0) {
			fputs("usage: fwcat [-o FORMAT] [FILE]\n", stderr);
			return LP_EXIT_ERROR;
		}
	}
	if (argc - optind > 1) {
		fputs("usage: fwcat [-o FORMAT] [FILE]\n", stderr);
		return LP_EXIT_ERROR;
	}
	if (lp_framework_get(optind < argc ? argv[optind] : NULL, &fw) < 0)
		return LP_EXIT_ERROR;
	status = print_framework(fw, fmt);
	if (!fw->builtin) {
		lp_framework_free((struct lp_framework *)fw);
		free((void *)fw);
	}
	return lp_close_stdout(status);
}
