/*
 * cli.h - the command-line layer every program shares.
 *
 * A program declares what it takes, as git's parse-options does: a
 * table of subcommands and a table of options, each option naming the
 * subcommands it applies to, its argument and its one-line help.  One
 * parser reads every command line from those tables, so that options
 * may come before or after the subcommand, -h prints the same kind of
 * help everywhere (the synopsis, then a line per option), and a mistake
 * gets the same message in every program.  Completion scripts are made
 * from the same tables (lp completion), so nothing can drift.
 */
#ifndef LP_CLI_H
#define LP_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "lp.h"

/* How an option's value is stored. */
enum lp_cli_kind {
	LP_CLI_CTX,	/* a common option: lp_ctx_option(ctx, id, value) */
	LP_CLI_FLAG,	/* int at off in the program's options, set to 1 */
	LP_CLI_STR,	/* const char * at off; given twice, the last wins */
	LP_CLI_LIST	/* struct lp_strv at off; each use appends */
};

/* Option flags. */
enum {
	LP_CLI_REQUIRED = 1,	/* the subcommands it applies to refuse to run without it */
	LP_CLI_HIDDEN = 2	/* parsed, but not in help or completion */
};

/* Which values complete an option's argument or an operand. */
enum lp_cli_values {
	LP_CLI_V_NONE,
	LP_CLI_V_FILE,
	LP_CLI_V_DIR,
	LP_CLI_V_DATE,
	LP_CLI_V_FORMAT,
	LP_CLI_V_LEVEL,
	LP_CLI_V_REACH,
	LP_CLI_V_STANDARD,
	LP_CLI_V_WINDOW,
	LP_CLI_V_WORDS,	/* the words of the argument's name: "month|term" */
	LP_CLI_V_ASSIGN	/* STANDARD=LEVEL */
};

struct lp_cli_opt {
	char shortname;		/* 'C', or 0 */
	const char *longname;	/* "directory", or NULL */
	const char *arg;	/* "DIR"; NULL for an option that takes no value */
	const char *help;	/* one line, the same words as the man page */
	unsigned cmds;		/* bit i: subcommand i takes it */
	enum lp_cli_kind kind;
	int id;			/* LP_CLI_CTX: the LP_OPT_* code */
	size_t off;		/* LP_CLI_FLAG/STR/LIST: offsetof in the program's options */
	unsigned flags;
	enum lp_cli_values values;
};

#define LP_CLI_ALL (~0u)

/*
 * A subcommand.  A program without subcommands, or with a form that
 * takes none (lp-assess alone walks through the standards), has one
 * with name "".
 */
struct lp_cli_cmd {
	const char *name;
	const char *operands;	/* synopsis of the operands: "[PORTFOLIO ...]" */
	const char *help;	/* one line */
	int min_operands;
	int max_operands;	/* -1: any number */
	int (*run)(struct lp_ctx *ctx, void *opts);
	enum lp_cli_values values;	/* what its operands complete as */
	unsigned flags;		/* LP_CLI_CMD_* */
};

enum {
	LP_CLI_CMD_RENDER = 1	/* -o also takes md and html */
};

struct lp_cli_prog {
	const char *name;	/* "lp-window" */
	const char *about;	/* one line: what the program is for */
	const struct lp_cli_cmd *cmds;
	size_t ncmds;
	const struct lp_cli_opt *opts;
	size_t nopts;
	const char *epilog;	/* more text for the program's -h, or NULL */
	const char *usage_extra;	/* a form the tables do not make: "TOOL [ARG ...]" */
};

/*
 * Parse argv against prog's tables into ctx (common options, operands,
 * the subcommand) and opts (the program's own).  Returns -1 when the
 * command should run, or an exit status: 0 after -h or --version, 2 after
 * a usage error (named on stderr, with the subcommand's synopsis).
 */
int lp_cli_parse(const struct lp_cli_prog *prog, struct lp_ctx *ctx, void *opts,
    int argc, char **argv);
/*
 * The whole of a program's main: parse, resolve the context, run the
 * subcommand, free, flush standard output and return the exit status.
 */
int lp_cli_main(const struct lp_cli_prog *prog, void *opts, int argc, char **argv);

/*
 * A usage error found after parsing (a bad operand): the message (fmt may
 * be NULL when one was printed already), then the subcommand's synopsis.
 * Returns 2.
 */
int lp_usage_error(const struct lp_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The help of prog (cmd < 0) or of one subcommand, as -h prints it. */
void lp_cli_help(const struct lp_cli_prog *prog, int cmd, FILE *f);
/* The synopsis line(s) of one subcommand (or every one, cmd < 0). */
void lp_cli_usage(const struct lp_cli_prog *prog, int cmd, FILE *f);
/*
 * PROG --lp-cli-tables prints the tables for lp completion, a line each:
 *   cmd TAB NAME TAB OPERAND-VALUES TAB OPERANDS
 *   opt TAB CMD TAB -x|--long TAB ARG-VALUES TAB ARG
 * ("-" where there is none).
 */
#define LP_CLI_DUMP "--lp-cli-tables"
void lp_cli_dump(const struct lp_cli_prog *prog, FILE *f);
/* "-C" or "--within": how messages name an option. */
const char *lp_cli_optname(const struct lp_cli_opt *o, char buf[64]);

/* ---- the common options, the same words in every program ---- */

#define LP_CLI_COMMON(sh, lo, ar, id, help, cmds, v) \
	{ sh, lo, ar, help, cmds, LP_CLI_CTX, id, 0, 0, v }

#define LP_CLI_OPT_C(cmds) LP_CLI_COMMON('C', "directory", "DIR", LP_OPT_DIR, \
	"run as if started in DIR", cmds, LP_CLI_V_DIR)
#define LP_CLI_OPT_O(cmds) LP_CLI_COMMON('o', "format", "FORMAT", LP_OPT_FORMAT, \
	"output format: table, csv, tsv, json, jsonl or xlsx", cmds, LP_CLI_V_FORMAT)
#define LP_CLI_OPT_Q(cmds) LP_CLI_COMMON('q', "quiet", NULL, LP_OPT_QUIET, \
	"print nothing; the exit status speaks", cmds, LP_CLI_V_NONE)
#define LP_CLI_OPT_TODAY(cmds) LP_CLI_COMMON(0, "today", "DATE", LP_OPT_TODAY, \
	"count from DATE instead of today (or LP_TODAY)", cmds, LP_CLI_V_DATE)
#define LP_CLI_OPT_NO_COMMIT(cmds) LP_CLI_COMMON(0, "no-commit", NULL, LP_OPT_NO_COMMIT, \
	"write the files but do not commit them", cmds, LP_CLI_V_NONE)
#define LP_CLI_OPT_RAW(cmds) LP_CLI_COMMON(0, "raw", NULL, LP_OPT_RAW, \
	"do not neutralise spreadsheet formulas in CSV and TSV", cmds, LP_CLI_V_NONE)
#define LP_CLI_OPT_BOM(cmds) LP_CLI_COMMON(0, "bom", NULL, LP_OPT_BOM, \
	"start CSV and TSV output with a byte order mark, for Excel", cmds, LP_CLI_V_NONE)
#define LP_CLI_OPT_AT(cmds) LP_CLI_COMMON(0, "at", "REV", LP_OPT_AT, \
	"read the portfolio as it was at git revision REV", cmds, LP_CLI_V_NONE)
#define LP_CLI_OPT_FRAMEWORK(cmds) LP_CLI_COMMON(0, "framework", "FILE", LP_OPT_FRAMEWORK, \
	"read the framework from FILE instead of LPS1 (or LP_FRAMEWORK)", cmds, LP_CLI_V_FILE)
#define LP_CLI_OPT_WINDOWS(cmds) LP_CLI_COMMON(0, "windows", "FILE", LP_OPT_WINDOWS, \
	"read the window calendar from FILE (or LP_WINDOWS)", cmds, LP_CLI_V_FILE)
#define LP_CLI_OPT_MIN(cmds) LP_CLI_COMMON(0, "min", "LEVEL", LP_OPT_MIN, \
	"the level every standard must reach (default extending, or LP_MIN)", cmds, LP_CLI_V_LEVEL)
#define LP_CLI_OPT_WITHIN(cmds, help) LP_CLI_COMMON(0, "within", "DAYS", LP_OPT_WITHIN, \
	help, cmds, LP_CLI_V_NONE)
#define LP_CLI_OPT_JOBS(cmds) LP_CLI_COMMON('j', "jobs", "N", LP_OPT_JOBS, \
	"read portfolios on N threads (default: the processors)", cmds, LP_CLI_V_NONE)
#define LP_CLI_OPT_SCHOOL(cmds) LP_CLI_COMMON(0, "school", "S", LP_OPT_SCHOOL, \
	"only practitioners of school S (repeatable)", cmds, LP_CLI_V_NONE)
#define LP_CLI_OPT_COHORT(cmds) LP_CLI_COMMON(0, "cohort", "C", LP_OPT_COHORT, \
	"only practitioners of cohort C (repeatable)", cmds, LP_CLI_V_NONE)

/* A program's own option: flag, string or list stored in its options. */
#define LP_CLI_FLAG(sh, lo, help, cmds, type, member) \
	{ sh, lo, NULL, help, cmds, LP_CLI_FLAG, 0, offsetof(type, member), 0, LP_CLI_V_NONE }
#define LP_CLI_STR(sh, lo, ar, help, cmds, type, member, v) \
	{ sh, lo, ar, help, cmds, LP_CLI_STR, 0, offsetof(type, member), 0, v }
#define LP_CLI_LIST(sh, lo, ar, help, cmds, type, member, v) \
	{ sh, lo, ar, help, cmds, LP_CLI_LIST, 0, offsetof(type, member), 0, v }

#endif
