/*
 * ctx.c - the options every program shares (SPEC 4).
 *
 * -C, -o, --today, --no-commit, -q, --raw, --at, --framework, --windows,
 * --min and --within mean the same in every program, so they are parsed
 * here once; a program's main handles its own options and hands the rest
 * to lp_ctx_option.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"

void
lp_ctx_init(struct lp_ctx *ctx, const char *argv0)
{
	memset(ctx, 0, sizeof *ctx);
	lp_setprogname(argv0);
	ctx->prog = lp_progname();
	ctx->today = LP_DATE_NONE;
	ctx->min_level = LP_LEVEL_EXTENDING;
	ctx->within = -1;
	ctx->progress = isatty(STDERR_FILENO);
	ctx->color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
}

long
lp_parse_count(const char *s)
{
	char *end;
	long v;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v > 1000000)
		return -1;
	return v;
}

/* A moderation threshold from --min or LP_MIN; the empty string is no level. */
static int
min_parse(struct lp_ctx *ctx, const char *from, const char *arg)
{
	int level = lp_level_parse(arg);

	if (level < 0 || !*arg) {
		lp_error("%s: expected a level (underlying, developing, extending, transforming), got '%s'",
		    from, arg);
		return -1;
	}
	ctx->min_level = level;
	return 0;
}

int
lp_ctx_option(struct lp_ctx *ctx, int opt, const char *arg)
{
	switch (opt) {
	case 'C':
	case LP_OPT_DIR:
		ctx->dir = arg;
		return 1;
	case 'o':
	case LP_OPT_FORMAT:
		if (lp_format_parse(arg, &ctx->format) < 0 ||
		    ((ctx->format == LP_FMT_MD || ctx->format == LP_FMT_HTML) &&
		    !ctx->render_formats)) {
			lp_error("-o: expected %s, got '%s'", ctx->render_formats ?
			    "table, csv, tsv, json, jsonl, xlsx, md or html" :
			    "table, csv, tsv, json, jsonl or xlsx", arg);
			return -1;
		}
		ctx->format_set = 1;
		return 1;
	case 'q':
	case LP_OPT_QUIET:
		ctx->quiet = 1;
		return 1;
	case LP_OPT_BOM:
		ctx->bom = 1;
		return 1;
	case LP_OPT_JOBS:
		if ((ctx->jobs = (int)lp_parse_count(arg)) < 1 || ctx->jobs > 1024) {
			lp_error("-j: expected a number of threads from 1 to 1024, got '%s'", arg);
			return -1;
		}
		return 1;
	case LP_OPT_SCHOOL:
		lp_strv_push(&ctx->schools, arg);
		return 1;
	case LP_OPT_COHORT:
		lp_strv_push(&ctx->cohorts, arg);
		return 1;
	case LP_OPT_TODAY:
		ctx->today_opt = arg;
		return 1;
	case LP_OPT_NO_COMMIT:
		ctx->no_commit = 1;
		return 1;
	case LP_OPT_RAW:
		ctx->raw = 1;
		return 1;
	case LP_OPT_AT:
		ctx->at = arg;
		return 1;
	case LP_OPT_FRAMEWORK:
		ctx->framework_path = arg;
		return 1;
	case LP_OPT_WINDOWS:
		ctx->windows_path = arg;
		return 1;
	case LP_OPT_MIN:
		if (min_parse(ctx, "--min", arg) < 0)
			return -1;
		ctx->min_set = 1;
		return 1;
	case LP_OPT_WITHIN:
		if ((ctx->within = lp_parse_count(arg)) < 0) {
			lp_error("--within: expected a number of days (0 or more), got '%s'", arg);
			return -1;
		}
		return 1;
	}
	return 0;
}

int
lp_ctx_resolve(struct lp_ctx *ctx)
{
	const char *env_min = getenv("LP_MIN");

	if (lp_today(ctx->today_opt, &ctx->today) < 0)
		return -1;
	if (!ctx->min_set && env_min && *env_min && min_parse(ctx, "LP_MIN", env_min) < 0)
		return -1;
	if (!ctx->format_set)
		ctx->format = isatty(STDOUT_FILENO) ? LP_FMT_TABLE : LP_FMT_CSV;
	if (lp_format_binary(ctx->format) && isatty(STDOUT_FILENO)) {
		lp_error("-o %s: a workbook is not for a terminal; redirect standard output "
		    "to a file (> cohort.xlsx)", lp_format_name(ctx->format));
		return -1;
	}
	if (!ctx->fw && lp_framework_get(ctx->framework_path, &ctx->fw) < 0)
		return -1;
	return 0;
}

struct lp_writer *
lp_ctx_writer(const struct lp_ctx *ctx, const struct lp_col *cols, size_t ncols)
{
	return lp_writer_new_flags(stdout, ctx->format, cols, ncols,
	    (ctx->raw ? LP_WRITE_RAW : 0) | (ctx->bom ? LP_WRITE_BOM : 0));
}


void
lp_print_version(const char *prog)
{
	printf("%s %s\n", prog, LP_VERSION);
}

void
lp_ctx_free(struct lp_ctx *ctx)
{
	if (ctx->fw && !ctx->fw->builtin) {
		lp_framework_free((struct lp_framework *)ctx->fw);
		free((void *)ctx->fw);
	}
	ctx->fw = NULL;
	lp_strv_free(&ctx->schools);
	lp_strv_free(&ctx->cohorts);
	free(ctx->operands);
	ctx->operands = NULL;
}
