/*
 * framework-load.c - a framework read from a file (lp-assess framework's
 * form), instead of the built-in one of framework.c.
 *
 * The loader insists on a complete grid, every standard at every level
 * exactly once, so that no program ever meets a hole in it; each fault
 * is told with the file and line.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "discover.h"
#include "lp.h"

#define LEVELS_EXPECTED "underlying, developing, extending or transforming"

/* What the loader remembers about the rows it has seen, for diagnostics. */
struct fw_load {
	const char *path;
	struct lp_reader *r;
	struct lp_framework *fw;
	long pair_line[LP_NSTANDARDS][LP_NLEVELS];	/* row of each pair, 0 if none yet */
	long std_line[LP_NSTANDARDS];	/* row that set the standard's name and group */
	long id_line;			/* row that set the framework id */
};

static const char *const required_cols[] = {
	"standard", "name", "group", "level", "descriptor"
};

static int
check_columns(struct fw_load *ld, long line)
{
	for (size_t i = 0; i < sizeof required_cols / sizeof required_cols[0]; i++) {
		if (lp_reader_column(ld->r, required_cols[i]) >= 0)
			continue;
		lp_errorat(ld->path, line, "missing column '%s' (a framework "
		    "needs standard,name,group,level,descriptor)",
		    required_cols[i]);
		return -1;
	}
	return 0;
}

/* The value of a column, "" when the row has none. */
static const char *
cell(struct fw_load *ld, const struct lp_row *row, const char *col)
{
	const char *v = lp_row_get(ld->r, row, col);

	return v ? v : "";
}

/* A text field a row must have, the same on every row of its standard. */
static int
same_text(struct fw_load *ld, const struct lp_row *row, int i,
    const char *col, char **have)
{
	const char *v = cell(ld, row, col);

	if (!*v) {
		lp_errorat(ld->path, row->line, "%s: empty %s",
		    lp_standard_id(i), col);
		return -1;
	}
	if (!*have) {
		*have = lp_xstrdup(v);
		return 0;
	}
	if (strcmp(*have, v) != 0) {
		lp_errorat(ld->path, row->line, "%s: %s '%s' differs from "
		    "'%s' on line %ld", lp_standard_id(i), col, v, *have,
		    ld->std_line[i]);
		return -1;
	}
	return 0;
}

static int
framework_id(struct fw_load *ld, const struct lp_row *row)
{
	const char *v = cell(ld, row, "framework");

	if (!*v)
		return 0;
	if (!ld->fw->id) {
		ld->fw->id = lp_xstrdup(v);
		ld->id_line = row->line;
		return 0;
	}
	if (strcmp(ld->fw->id, v) != 0) {
		lp_errorat(ld->path, row->line, "framework '%s' differs from "
		    "'%s' on line %ld", v, ld->fw->id, ld->id_line);
		return -1;
	}
	return 0;
}

static int
load_row(struct fw_load *ld, const struct lp_row *row)
{
	const char *sv = cell(ld, row, "standard");
	const char *lv = cell(ld, row, "level");
	const char *desc, *prompt;
	struct lp_standard *st;
	int i, level;

	if ((i = lp_standard_parse(sv)) < 0) {
		lp_errorat(ld->path, row->line, "unknown standard '%s' "
		    "(expected LP1..LP10)", sv);
		return -1;
	}
	level = *lv ? lp_level_parse(lv) : -1;
	if (level < 0) {
		lp_errorat(ld->path, row->line, "unknown level '%s' "
		    "(expected " LEVELS_EXPECTED ")", lv);
		return -1;
	}
	/* A "none" row describes nothing to reach; files may list it. */
	if (level == LP_LEVEL_NONE)
		return 0;
	if (ld->pair_line[i][level]) {
		lp_errorat(ld->path, row->line, "duplicate row for %s %s "
		    "(first on line %ld)", lp_standard_id(i), lp_level_name(level),
		    ld->pair_line[i][level]);
		return -1;
	}
	ld->pair_line[i][level] = row->line;
	st = &ld->fw->std[i];
	if (same_text(ld, row, i, "name", &st->name) < 0 ||
	    same_text(ld, row, i, "group", &st->group) < 0)
		return -1;
	if (!ld->std_line[i]) {
		ld->std_line[i] = row->line;
		st->id = lp_xstrdup(lp_standard_id(i));
	}
	if (!*(desc = cell(ld, row, "descriptor"))) {
		lp_errorat(ld->path, row->line, "%s %s: empty descriptor",
		    lp_standard_id(i), lp_level_name(level));
		return -1;
	}
	st->descriptor[level] = lp_xstrdup(desc);
	/*
	 * Without a prompt of its own, a level still gets a coaching
	 * question, built from what the file does say about it.
	 */
	if (*(prompt = cell(ld, row, "prompt")))
		st->prompt[level] = lp_xstrdup(prompt);
	else
		st->prompt[level] = lp_xasprintf("Have you thought about what "
		    "it would take to meet this: %s", desc);
	return framework_id(ld, row);
}

/*
 * Every standard needs every level; name each gap, at the standard's
 * first row when it has one, so that the user knows where to add it.
 */
static int
check_complete(struct fw_load *ld)
{
	int gaps = 0;

	for (int i = 0; i < LP_NSTANDARDS; i++) {
		if (!ld->std_line[i]) {
			lp_errorat(ld->path, 0, "%s has no rows (expected one "
			    "for each level: " LEVELS_EXPECTED ")",
			    lp_standard_id(i));
			gaps++;
			continue;
		}
		for (int l = LP_LEVEL_UNDERLYING; l < LP_NLEVELS; l++) {
			if (ld->pair_line[i][l])
				continue;
			lp_errorat(ld->path, ld->std_line[i], "%s has no row "
			    "for level %s", lp_standard_id(i), lp_level_name(l));
			gaps++;
		}
	}
	return gaps ? -1 : 0;
}

/* The file name without directory and extension: "cohort/lps1-ks2.csv" is "lps1-ks2". */
static char *
path_stem(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || dot == base)
		dot = base + strlen(base);
	if (dot == base)
		return lp_xstrdup("framework");
	return lp_xstrndup(base, (size_t)(dot - base));
}

int
lp_framework_load(const char *path, struct lp_framework *out)
{
	struct fw_load ld;
	struct lp_framework fw;
	const struct lp_row *row;
	FILE *f = NULL;
	long first_line = 0;
	int got, rc = -1;

	memset(&ld, 0, sizeof ld);
	memset(&fw, 0, sizeof fw);
	memset(out, 0, sizeof *out);
	ld.path = path;
	ld.fw = &fw;
	if (!(f = lp_fopen_regular(path))) {
		lp_errorat(path, 0, "cannot open framework: %s",
		    errno == EINVAL ? "not a regular file" : strerror(errno));
		goto out;
	}
	if (!(ld.r = lp_reader_new(f, path, 0)))
		goto out;
	while ((got = lp_reader_next(ld.r, &row)) == 1) {
		if (!first_line) {
			first_line = row->line > 0 ? row->line : 1;
			if (check_columns(&ld, lp_reader_format(ld.r) ==
			    LP_FMT_CSV ? 1 : first_line) < 0)
				goto out;
		}
		if (load_row(&ld, row) < 0)
			goto out;
	}
	if (got < 0)
		goto out;
	if (!first_line && check_columns(&ld, 1) < 0)
		goto out;
	if (check_complete(&ld) < 0)
		goto out;
	if (!fw.id)
		fw.id = path_stem(path);
	*out = fw;
	memset(&fw, 0, sizeof fw);
	rc = 0;
out:
	lp_framework_free(&fw);
	if (ld.r)
		lp_reader_free(ld.r);
	if (f)
		fclose(f);
	return rc;
}

int
lp_framework_get(const char *opt_path, const struct lp_framework **out)
{
	const char *path = opt_path;
	struct lp_framework *fw;

	if (!path) {
		const char *env = getenv("LP_FRAMEWORK");

		if (env && *env)
			path = env;
	}
	if (!path) {
		*out = lp_framework_builtin();
		return 0;
	}
	fw = lp_xcalloc(1, sizeof *fw);
	if (lp_framework_load(path, fw) < 0) {
		free(fw);
		return -1;
	}
	*out = fw;
	return 0;
}
