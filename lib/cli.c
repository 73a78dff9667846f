/*
 * cli.c - one parser for every program's command line (see cli.h).
 *
 * The rules, the same everywhere:
 *  - the subcommand is the first word that is neither an option nor an
 *    option's value; options may come before or after it;
 *  - "--name=value", "--name value", "-xvalue", "-x value" and clusters
 *    of flags ("-qC DIR") all work; "--" ends the options;
 *  - -h/--help and --version anywhere before "--" win over everything;
 *  - an unknown option, an option the subcommand does not take, a
 *    missing value, a value given to a flag and a wrong number of
 *    operands are usage errors (exit 2) that name the option, never its
 *    value, followed by the subcommand's synopsis.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define HELP_COLUMN 24	/* where option help starts, as in most GNU tools */
#define WRAP 78

const char *
lp_cli_optname(const struct lp_cli_opt *o, char buf[64])
{
	if (o->longname)
		snprintf(buf, 64, "--%s", o->longname);
	else
		snprintf(buf, 64, "-%c", o->shortname);
	return buf;
}

static int
applies(const struct lp_cli_opt *o, int cmd)
{
	return cmd >= 0 && cmd < 32 && (o->cmds >> cmd & 1u);
}

/* ---- help and synopsis ---- */

/* One synopsis word of an option: "[-C DIR]", "[--force]", "--name NAME". */
static void
synopsis_word(const struct lp_cli_opt *o, struct lp_buf *b)
{
	int required = o->flags & LP_CLI_REQUIRED;

	if (!required)
		lp_buf_addc(b, '[');
	if (o->shortname)
		lp_buf_addf(b, "-%c", o->shortname);
	else
		lp_buf_addf(b, "--%s", o->longname);
	if (o->arg)
		lp_buf_addf(b, " %s", o->arg);
	if (o->kind == LP_CLI_LIST)
		lp_buf_adds(b, " ...");
	if (!required)
		lp_buf_addc(b, ']');
}

/* Add word to the line in b, wrapping before WRAP columns. */
static void
add_wrapped(struct lp_buf *b, size_t *col, size_t indent, const char *word)
{
	size_t n = strlen(word);

	if (*col > indent && *col + 1 + n > WRAP) {
		lp_buf_addc(b, '\n');
		for (size_t i = 0; i < indent; i++)
			lp_buf_addc(b, ' ');
		*col = indent;
	} else if (*col > 0) {
		lp_buf_addc(b, ' ');
		(*col)++;
	}
	lp_buf_adds(b, word);
	*col += n;
}

static void
usage_line(const struct lp_cli_prog *prog, int cmd, const char *lead, FILE *f)
{
	const struct lp_cli_cmd *c = &prog->cmds[cmd];
	struct lp_buf line = {0}, word = {0};
	size_t col = 0, indent = strlen(lead) + strlen(prog->name) + 1;

	lp_buf_adds(&line, lead);
	lp_buf_adds(&line, prog->name);
	col = strlen(lead) + strlen(prog->name);
	if (*c->name) {
		add_wrapped(&line, &col, indent, c->name);
		indent += strlen(c->name) + 1;
	}
	for (size_t i = 0; i < prog->nopts; i++) {
		const struct lp_cli_opt *o = &prog->opts[i];

		if (!applies(o, cmd) || (o->flags & LP_CLI_HIDDEN))
			continue;
		lp_buf_reset(&word);
		synopsis_word(o, &word);
		add_wrapped(&line, &col, indent, lp_buf_str(&word));
	}
	if (c->operands && *c->operands)
		add_wrapped(&line, &col, indent, c->operands);
	lp_buf_addc(&line, '\n');
	fputs(lp_buf_str(&line), f);
	lp_buf_free(&line);
	lp_buf_free(&word);
}

void
lp_cli_usage(const struct lp_cli_prog *prog, int cmd, FILE *f)
{
	if (cmd >= 0) {
		usage_line(prog, cmd, "usage: ", f);
		return;
	}
	for (size_t i = 0; i < prog->ncmds; i++)
		usage_line(prog, (int)i, i == 0 ? "usage: " : "       ", f);
	if (prog->usage_extra)
		fprintf(f, "       %s %s\n", prog->name, prog->usage_extra);
	fprintf(f, "       %s -h | --version\n", prog->name);
}

static void
option_help(const struct lp_cli_opt *o, FILE *f)
{
	struct lp_buf b = {0};

	lp_buf_adds(&b, "  ");
	if (o->shortname && o->longname)
		lp_buf_addf(&b, "-%c, --%s", o->shortname, o->longname);
	else if (o->shortname)
		lp_buf_addf(&b, "-%c", o->shortname);
	else
		lp_buf_addf(&b, "    --%s", o->longname);
	if (o->arg)
		lp_buf_addf(&b, " %s", o->arg);
	if (b.len + 2 > HELP_COLUMN)
		lp_buf_adds(&b, "  ");
	while (b.len < HELP_COLUMN)
		lp_buf_addc(&b, ' ');
	fprintf(f, "%s%s\n", lp_buf_str(&b), o->help);
	lp_buf_free(&b);
}

/* Is o the first entry with its name among the options shown for cmd? */
static int
first_of_name(const struct lp_cli_prog *prog, size_t at, int cmd)
{
	const struct lp_cli_opt *o = &prog->opts[at];

	for (size_t i = 0; i < at; i++) {
		const struct lp_cli_opt *p = &prog->opts[i];

		if ((cmd < 0 || applies(p, cmd)) && p->shortname == o->shortname &&
		    ((!p->longname && !o->longname) ||
		    (p->longname && o->longname && strcmp(p->longname, o->longname) == 0)))
			return 0;
	}
	return 1;
}

void
lp_cli_help(const struct lp_cli_prog *prog, int cmd, FILE *f)
{
	lp_cli_usage(prog, cmd, f);
	fputc('\n', f);
	if (cmd >= 0) {
		fprintf(f, "%s\n", prog->cmds[cmd].help);
	} else {
		fprintf(f, "%s\n", prog->about);
		if (prog->ncmds > 1 || *prog->cmds[0].name) {
			fputs("\ncommands:\n", f);
			for (size_t i = 0; i < prog->ncmds; i++) {
				const struct lp_cli_cmd *c = &prog->cmds[i];

				fprintf(f, "  %-12s%s\n", *c->name ? c->name : "(none)", c->help);
			}
		}
	}
	fputs("\noptions:\n", f);
	for (size_t i = 0; i < prog->nopts; i++) {
		const struct lp_cli_opt *o = &prog->opts[i];

		if ((cmd >= 0 && !applies(o, cmd)) || (o->flags & LP_CLI_HIDDEN) ||
		    !first_of_name(prog, i, cmd))
			continue;
		option_help(o, f);
	}
	fputs("  -h, --help            show this help\n", f);
	fputs("      --version         print the version\n", f);
	if (cmd < 0 && prog->epilog)
		fprintf(f, "\n%s", prog->epilog);
}

/* ---- parsing ---- */

struct parse {
	const struct lp_cli_prog *prog;
	int cmd;		/* index, or -1 before the subcommand is known */
};

/* The options named by a word, for any subcommand: the first match. */
static const struct lp_cli_opt *
find_long(const struct lp_cli_prog *prog, const char *name, size_t n, int cmd)
{
	const struct lp_cli_opt *any = NULL;

	for (size_t i = 0; i < prog->nopts; i++) {
		const struct lp_cli_opt *o = &prog->opts[i];

		if (!o->longname || strlen(o->longname) != n || strncmp(o->longname, name, n) != 0)
			continue;
		if (cmd < 0 || applies(o, cmd))
			return o;
		if (!any)
			any = o;
	}
	return any;
}

static const struct lp_cli_opt *
find_short(const struct lp_cli_prog *prog, char c, int cmd)
{
	const struct lp_cli_opt *any = NULL;

	for (size_t i = 0; i < prog->nopts; i++) {
		const struct lp_cli_opt *o = &prog->opts[i];

		if (o->shortname != c)
			continue;
		if (cmd < 0 || applies(o, cmd))
			return o;
		if (!any)
			any = o;
	}
	return any;
}

/* The subcommands that take an option named like o, for the message. */
static void
takers(const struct lp_cli_prog *prog, const struct lp_cli_opt *o, struct lp_buf *b)
{
	for (size_t c = 0; c < prog->ncmds; c++)
		for (size_t i = 0; i < prog->nopts; i++) {
			const struct lp_cli_opt *p = &prog->opts[i];

			/* A hidden entry (a form's private use of an option) is not advertised. */
			if (applies(p, (int)c) && !(p->flags & LP_CLI_HIDDEN) &&
			    p->shortname == o->shortname &&
			    (p->longname == o->longname ||
			    (p->longname && o->longname && strcmp(p->longname, o->longname) == 0))) {
				if (b->len)
					lp_buf_adds(b, ", ");
				lp_buf_adds(b, *prog->cmds[c].name ? prog->cmds[c].name : prog->name);
				break;
			}
		}
}

static int
usage_error(const struct lp_cli_prog *prog, int cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
usage_error(const struct lp_cli_prog *prog, int cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lp_verrorat(NULL, 0, fmt, ap);
	va_end(ap);
	lp_cli_usage(prog, cmd, stderr);
	return LP_EXIT_ERROR;
}

/* Store a value (NULL for a flag) where the option says. */
static int
store(const struct lp_cli_opt *o, struct lp_ctx *ctx, void *opts, const char *value)
{
	char *base = opts;

	switch (o->kind) {
	case LP_CLI_CTX:
		return lp_ctx_option(ctx, o->id, value) < 0 ? -1 : 0;
	case LP_CLI_FLAG:
		*(int *)(base + o->off) = 1;
		return 0;
	case LP_CLI_STR:
		*(const char **)(base + o->off) = value;
		return 0;
	case LP_CLI_LIST:
		lp_strv_push((struct lp_strv *)(base + o->off), value);
		return 0;
	}
	return -1;
}

/*
 * One pass over argv.  With store_values 0 it only finds the subcommand
 * (the first operand); with 1 it checks and stores every option and
 * collects the operands into ctx.
 */
struct scan {
	const struct lp_cli_prog *prog;
	struct lp_ctx *ctx;
	void *opts;
	int cmd;
	int store_values;
	int sub_at;		/* argv index of the subcommand word, or -1 */
	const struct lp_cli_opt **seen;	/* options given, for LP_CLI_REQUIRED */
	size_t nseen;
};

static int
check_applies(struct scan *s, const struct lp_cli_opt *o, const char *word)
{
	struct lp_buf who = {0};
	char name[64];
	int rc;

	if (!s->store_values || applies(o, s->cmd))
		return 0;
	takers(s->prog, o, &who);
	lp_cli_optname(o, name);
	(void)word;
	rc = usage_error(s->prog, s->cmd, "%s does not apply to %s%s%s%s", name,
	    *s->prog->cmds[s->cmd].name ? s->prog->cmds[s->cmd].name : s->prog->name,
	    who.len ? " (it is for " : "", lp_buf_str(&who), who.len ? ")" : "");
	lp_buf_free(&who);
	return rc;
}

static int
take(struct scan *s, const struct lp_cli_opt *o, const char *value)
{
	if (!s->store_values)
		return 0;
	s->seen[s->nseen++] = o;
	return store(o, s->ctx, s->opts, value) < 0 ? LP_EXIT_ERROR : 0;
}

/* A long option at argv[*i]; returns 0, or an exit status. */
static int
scan_long(struct scan *s, int argc, char **argv, int *i)
{
	const char *word = argv[*i] + 2;
	const char *eq = strchr(word, '=');
	size_t n = eq ? (size_t)(eq - word) : strlen(word);
	const struct lp_cli_opt *o = find_long(s->prog, word, n, s->cmd);
	int rc;

	if (!o)
		return s->store_values ? usage_error(s->prog, s->cmd,
		    "--%.*s: unknown option", (int)n, word) : 0;
	if ((rc = check_applies(s, o, argv[*i])))
		return rc;
	if (!o->arg) {
		if (eq && s->store_values)
			return usage_error(s->prog, s->cmd, "--%s: takes no value", o->longname);
		return take(s, o, NULL);
	}
	if (eq)
		return take(s, o, eq + 1);
	if (*i + 1 >= argc) {
		if (!s->store_values)
			return 0;
		return usage_error(s->prog, s->cmd, "--%s: expected a value (%s)", o->longname, o->arg);
	}
	return take(s, o, argv[++*i]);
}

/* A cluster of short options at argv[*i]. */
static int
scan_short(struct scan *s, int argc, char **argv, int *i)
{
	for (const char *c = argv[*i] + 1; *c; c++) {
		const struct lp_cli_opt *o = find_short(s->prog, *c, s->cmd);
		int rc;

		if (!o)
			return s->store_values ? usage_error(s->prog, s->cmd,
			    "-%c: unknown option", *c) : 0;
		if ((rc = check_applies(s, o, argv[*i])))
			return rc;
		if (!o->arg) {
			if ((rc = take(s, o, NULL)))
				return rc;
			continue;
		}
		if (c[1])
			return take(s, o, c + 1);
		if (*i + 1 >= argc) {
			if (!s->store_values)
				return 0;
			return usage_error(s->prog, s->cmd, "-%c: expected a value (%s)", *c, o->arg);
		}
		return take(s, o, argv[++*i]);
	}
	return 0;
}

static int
scan_argv(struct scan *s, int argc, char **argv)
{
	int rc, dashdash = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!dashdash && strcmp(a, "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (!dashdash && a[0] == '-' && a[1]) {
			rc = a[1] == '-' ? scan_long(s, argc, argv, &i) : scan_short(s, argc, argv, &i);
			if (rc)
				return rc;
			continue;
		}
		if (s->sub_at < 0 && !s->store_values) {
			s->sub_at = i;
			return 0;
		}
		if (s->store_values && i != s->sub_at)
			s->ctx->operands[s->ctx->noperands++] = argv[i];
	}
	return 0;
}

/* -h/--help or --version before "--": which, or 0. */
static int
early_word(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 'h';
		if (strcmp(argv[i], "--version") == 0)
			return 'v';
	}
	return 0;
}

static int
find_cmd(const struct lp_cli_prog *prog, const char *name)
{
	for (size_t i = 0; i < prog->ncmds; i++)
		if (strcmp(prog->cmds[i].name, name) == 0)
			return (int)i;
	return -1;
}

static void
command_names(const struct lp_cli_prog *prog, struct lp_buf *b)
{
	for (size_t i = 0; i < prog->ncmds; i++) {
		if (!*prog->cmds[i].name)
			continue;
		if (b->len)
			lp_buf_adds(b, ", ");
		lp_buf_adds(b, prog->cmds[i].name);
	}
}

/* Which subcommand: 0 ok (s->cmd set), or an exit status. */
static int
choose_cmd(struct scan *s, int argc, char **argv, int early)
{
	const struct lp_cli_prog *prog = s->prog;
	int bare = find_cmd(prog, "");
	struct lp_buf names = {0};
	int rc;

	scan_argv(s, argc, argv);
	if (s->sub_at >= 0 && (s->cmd = find_cmd(prog, argv[s->sub_at])) >= 0 &&
	    *argv[s->sub_at])
		return 0;
	if (s->sub_at >= 0 && bare >= 0 && prog->ncmds == 1) {
		s->sub_at = -1;	/* a program without subcommands: an operand */
		s->cmd = bare;
		return 0;
	}
	if (s->sub_at < 0 && bare >= 0) {
		s->cmd = bare;
		return 0;
	}
	if (early)
		return 0;	/* -h with no or an unknown command: the program's help */
	command_names(prog, &names);
	if (s->sub_at < 0)
		lp_error("expected a command: %s", lp_buf_str(&names));
	else
		lp_error("unknown command '%s' (expected %s)", argv[s->sub_at], lp_buf_str(&names));
	lp_buf_free(&names);
	lp_cli_usage(prog, -1, stderr);
	rc = LP_EXIT_ERROR;
	return rc;
}

static int
check_operands(const struct lp_cli_prog *prog, int cmd, const struct lp_ctx *ctx)
{
	const struct lp_cli_cmd *c = &prog->cmds[cmd];
	const char *who = *c->name ? c->name : prog->name;

	if (c->max_operands >= 0 && ctx->noperands > (size_t)c->max_operands)
		return usage_error(prog, cmd, "%s: unexpected operand '%s'", who,
		    ctx->operands[c->max_operands]);
	if (ctx->noperands < (size_t)c->min_operands)
		return usage_error(prog, cmd, "%s: expected %s", who, c->operands);
	return 0;
}

static int
check_required(const struct scan *s)
{
	for (size_t i = 0; i < s->prog->nopts; i++) {
		const struct lp_cli_opt *o = &s->prog->opts[i];
		int given = 0;
		char name[64];

		if (!(o->flags & LP_CLI_REQUIRED) || !applies(o, s->cmd))
			continue;
		for (size_t j = 0; j < s->nseen; j++)
			given |= s->seen[j] == o;
		if (!given)
			return usage_error(s->prog, s->cmd, "%s: required", lp_cli_optname(o, name));
	}
	return 0;
}

static const char *const value_names[] = {
	[LP_CLI_V_NONE] = "none", [LP_CLI_V_FILE] = "file", [LP_CLI_V_DIR] = "dir",
	[LP_CLI_V_DATE] = "date", [LP_CLI_V_FORMAT] = "format", [LP_CLI_V_LEVEL] = "level",
	[LP_CLI_V_REACH] = "reach", [LP_CLI_V_STANDARD] = "standard",
	[LP_CLI_V_WINDOW] = "window", [LP_CLI_V_WORDS] = "words",
	[LP_CLI_V_ASSIGN] = "assign",
};

void
lp_cli_dump(const struct lp_cli_prog *prog, FILE *f)
{
	for (size_t c = 0; c < prog->ncmds; c++) {
		const struct lp_cli_cmd *cmd = &prog->cmds[c];

		fprintf(f, "cmd\t%s\t%s\t%s\n", *cmd->name ? cmd->name : "-",
		    value_names[cmd->values], *cmd->operands ? cmd->operands : "-");
		for (size_t i = 0; i < prog->nopts; i++) {
			const struct lp_cli_opt *o = &prog->opts[i];

			if (!applies(o, (int)c) || (o->flags & LP_CLI_HIDDEN))
				continue;
			if (o->shortname)
				fprintf(f, "opt\t%s\t-%c\t%s\t%s\n", *cmd->name ? cmd->name : "-",
				    o->shortname, o->arg ? value_names[o->values] : "-",
				    o->arg ? o->arg : "-");
			if (o->longname)
				fprintf(f, "opt\t%s\t--%s\t%s\t%s\n", *cmd->name ? cmd->name : "-",
				    o->longname, o->arg ? value_names[o->values] : "-",
				    o->arg ? o->arg : "-");
		}
	}
}

int
lp_cli_parse(const struct lp_cli_prog *prog, struct lp_ctx *ctx, void *opts,
    int argc, char **argv)
{
	struct scan s = { .prog = prog, .ctx = ctx, .opts = opts, .cmd = -1, .sub_at = -1 };
	int early = early_word(argc, argv);
	int rc;

	/* For lp completion: the tables, one line each (not in -h: not for people). */
	if (argc == 2 && strcmp(argv[1], LP_CLI_DUMP) == 0) {
		lp_cli_dump(prog, stdout);
		return LP_EXIT_OK;
	}
	if (early == 'v') {
		printf("%s %s\n", prog->name, LP_VERSION);
		return LP_EXIT_OK;
	}
	if ((rc = choose_cmd(&s, argc, argv, early)))
		return rc;
	if (early == 'h') {
		lp_cli_help(prog, s.cmd >= 0 && *prog->cmds[s.cmd].name ? s.cmd : -1, stdout);
		return LP_EXIT_OK;
	}
	ctx->cmd = prog->cmds[s.cmd].name;
	ctx->prog_table = prog;
	ctx->render_formats = (prog->cmds[s.cmd].flags & LP_CLI_CMD_RENDER) != 0;
	ctx->operands = lp_xcalloc((size_t)argc, sizeof *ctx->operands);
	ctx->noperands = 0;
	s.seen = lp_xcalloc((size_t)argc, sizeof *s.seen);
	s.store_values = 1;
	rc = scan_argv(&s, argc, argv);
	if (!rc)
		rc = check_required(&s);
	free(s.seen);
	if (!rc)
		rc = check_operands(prog, s.cmd, ctx);
	ctx->cmd_index = s.cmd;
	return rc ? rc : -1;
}

int
lp_usage_error(const struct lp_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		lp_verrorat(NULL, 0, fmt, ap);
		va_end(ap);
	}
	if (ctx->prog_table)
		lp_cli_usage(ctx->prog_table, ctx->cmd_index, stderr);
	return LP_EXIT_ERROR;
}

int
lp_cli_main(const struct lp_cli_prog *prog, void *opts, int argc, char **argv)
{
	struct lp_ctx ctx;
	int status;

	lp_ctx_init(&ctx, argv[0]);
	status = lp_cli_parse(prog, &ctx, opts, argc, argv);
	if (status < 0 && ctx.quiet) {
		/*
		 * -q means one thing everywhere (SPEC 4): nothing on standard
		 * output, no warnings or findings on standard error; errors that
		 * make the status 2 still print.  Doing it here, once, keeps
		 * every command honest.
		 */
		lp_diag_quiet(1);
		if (!freopen("/dev/null", "w", stdout)) {
			lp_error("-q: /dev/null: %s", strerror(errno));
			status = LP_EXIT_ERROR;
		}
	}
	if (status < 0) {
		/* libgit2 starts on first use (lp_git_need), not here. */
		if (lp_ctx_resolve(&ctx) < 0)
			status = LP_EXIT_ERROR;
		else
			status = prog->cmds[ctx.cmd_index].run(&ctx, opts);
	}
	lp_ctx_free(&ctx);
	lp_git_global_shutdown();
	return lp_close_stdout(status);
}
