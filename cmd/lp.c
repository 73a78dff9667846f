/*
 * lp - the front door to the toolkit, in the manner of git.
 *
 *   lp init [DIR] --name N --id ID --commenced DATE ...   a new portfolio
 *   lp check [PORTFOLIO ...]                               every check, for CI
 *   lp TOOL [ARGS]                                         runs lp-TOOL ARGS
 *
 * A tool is looked for first beside lp itself (the directory of
 * /proc/self/exe), so that one installation is used whole even when an
 * older one is on PATH, and then on PATH.  `lp check` finds the
 * portfolios once, reports any that cannot be read or share an id, and
 * runs each program's own check on the rest; the worst exit status wins.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casestudy.h"
#include "cli.h"
#include "lp.h"

/* The body of a new portfolio.md: an invitation, in lp's own words. */
static const char portfolio_body[] =
    "## My context\n"
    "\n"
    "Describe where you work and what you do: your school or college, your\n"
    "role, and the colleagues and learners your work reaches. Say which\n"
    "school improvement priority your work serves, why you chose it, and\n"
    "what you hope will change, for colleagues and for their learners.\n";

/* Indexes into init_keys of the values init checks. */
enum { KEY_NAME = 0, KEY_ID = 1, KEY_COMMENCED = 6 };

/* The keys of portfolio.md that init writes, in the order it writes them. */
static const char *const init_keys[] = {
	"name", "id", "school", "role", "cohort", "email", "commenced", "focus", "target",
};
#define NINIT_KEYS (sizeof init_keys / sizeof init_keys[0])

struct args {
	const char *value[NINIT_KEYS];	/* init's keys, by init_keys index */
	const char *git;		/* check --git REPO */
	int staged;			/* check --staged */
	const char *shell;		/* completion */
};

/* ------------------------------------------------------------------ */
/* Finding tools                                                        */

/* A tool's name is a word: no path, no option. */
static int
tool_name_valid(const char *s)
{
	if (!*s || *s == '-')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

/* lp TOOL ARGS: become lp-TOOL.  Returns only on failure. */
static int
run_tool(char **argv)
{
	char *prog, *path;

	if (!tool_name_valid(argv[0])) {
		lp_error("'%s' is not an lp command", argv[0]);
		return LP_EXIT_ERROR;
	}
	prog = lp_xasprintf("lp-%s", argv[0]);
	argv[0] = prog;
	fflush(stdout);
	if ((path = lp_tool_path(prog)))
		execv(path, argv);
	else
		errno = ENOENT;
	if (errno == ENOENT)
		lp_error("'%s' is not an lp command", prog + 3);
	else
		lp_error("cannot run %s: %s", path ? path : prog, strerror(errno));
	free(path);
	free(prog);
	return LP_EXIT_ERROR;
}

/* ------------------------------------------------------------------ */
/* lp init                                                              */

/* A value init writes: one line of UTF-8. */
static int
check_value(const char *opt, const char *v)
{
	if (!lp_utf8_valid(v, strlen(v))) {
		lp_error("init: --%s: expected UTF-8 text", opt);
		return -1;
	}
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			lp_error("init: --%s: expected one line of text", opt);
			return -1;
		}
	return 0;
}

static int
init_values_valid(const struct args *a)
{
	static const int required[] = { KEY_NAME, KEY_ID, KEY_COMMENCED };
	lp_date d;
	int bad = 0;

	for (size_t i = 0; i < NINIT_KEYS; i++)
		if (a->value[i] && check_value(init_keys[i], a->value[i]) < 0)
			bad = 1;
	for (size_t k = 0; k < sizeof required / sizeof required[0]; k++) {
		const char *v = a->value[required[k]];

		if (!v || !v[strspn(v, " \t")]) {
			lp_error("init: --%s is required", init_keys[required[k]]);
			bad = 1;
		}
	}
	if (bad)
		return -1;
	if (!lp_id_valid(a->value[KEY_ID])) {
		lp_error("init: --id: expected letters, digits, '.', '_' or '-', got '%s'",
		    a->value[KEY_ID]);
		bad = 1;
	}
	if (lp_date_parse(a->value[KEY_COMMENCED], &d) < 0) {
		lp_error("init: --commenced: expected a date YYYY-MM-DD, got '%s'",
		    a->value[KEY_COMMENCED]);
		bad = 1;
	}
	return bad ? -1 : 0;
}

static int
file_exists(const char *dir, const char *name)
{
	char *p = lp_xasprintf("%s/%s", dir, name);
	struct stat st;
	int yes = lstat(p, &st) == 0;

	free(p);
	return yes;
}

/* The nearest directory at or above dir that exists (dir may not yet). */
static char *
existing_ancestor(const char *dir)
{
	char *cur = lp_xstrdup(dir);
	struct stat st;

	for (;;) {
		char *slash;

		if (stat(cur, &st) == 0)
			return cur;
		slash = strrchr(cur, '/');
		if (!slash) {
			free(cur);
			return lp_xstrdup(".");
		}
		if (slash == cur) {
			cur[1] = '\0';
			continue;
		}
		*slash = '\0';
	}
}

static void
init_undo(const char *dir, int made_repo, const struct lp_strv *made)
{
	char *p = lp_xasprintf("%s/portfolio.md", dir);

	unlink(p);
	free(p);
	p = lp_xasprintf("%s/assessment.csv", dir);
	unlink(p);
	free(p);
	if (made_repo) {
		p = lp_xasprintf("%s/.git", dir);
		lp_remove_tree(p);
		free(p);
	}
	lp_mkdir_undo(made);
}

static int
write_portfolio(const char *dir, const struct args *a)
{
	static const char header[] = "standard,level,date,note\n";
	struct lp_doc doc;
	char *csv;
	int rc;

	memset(&doc, 0, sizeof doc);
	for (size_t i = 0; i < NINIT_KEYS; i++)
		if (a->value[i])
			lp_doc_set(&doc, init_keys[i], a->value[i]);
	lp_doc_set_body(&doc, portfolio_body, strlen(portfolio_body));
	rc = lp_portfolio_write_doc(dir, "portfolio.md", &doc);
	lp_doc_free(&doc);
	if (rc < 0)
		return -1;
	csv = lp_xasprintf("%s/assessment.csv", dir);
	rc = lp_file_write(csv, header, strlen(header), 0644);
	free(csv);
	return rc;
}

static int
cmd_init(struct lp_ctx *ctx, void *arg)
{
	const struct args *a = arg;
	static char *const files[] = { "portfolio.md", "assessment.csv" };
	struct lp_strv made = {0};
	struct lp_git *git = NULL;
	struct lp_lock *lock = NULL;
	char *dir, *base = NULL, *inside = NULL, *msg = NULL;
	int rc = LP_EXIT_ERROR, in_git, made_repo = 0, written = 0;

	if (init_values_valid(a) < 0)
		return LP_EXIT_ERROR;
	if (ctx->noperands && ctx->dir && ctx->operands[0][0] != '/')
		dir = lp_xasprintf("%s/%s", ctx->dir, ctx->operands[0]);
	else
		dir = lp_xstrdup(ctx->noperands ? ctx->operands[0] : ctx->dir ? ctx->dir : ".");

	/* Everything that can refuse does so before anything is made. */
	base = existing_ancestor(dir);
	if (strcmp(base, dir) == 0 && file_exists(dir, "assessment.csv") &&
	    !file_exists(dir, "portfolio.md")) {
		lp_error("init: %s already holds an assessment.csv; move it away first", dir);
		goto out;
	}
	if ((inside = lp_portfolio_around(base))) {
		if (strcmp(base, dir) == 0 && file_exists(dir, "portfolio.md"))
			lp_error("init: %s already holds a portfolio.md", dir);
		else
			lp_error("init: %s would be inside the portfolio %s", dir, inside);
		goto out;
	}
	if ((in_git = lp_git_open(base, &git)) < 0)
		goto out;
	lp_git_free(git);
	git = NULL;
	if (lp_mkdir_p(dir, &made) < 0)
		goto undo;
	if (lp_lock_take(dir, &lock) < 0)
		goto undo;
	/* Another init may have run since the checks above. */
	if (file_exists(dir, "portfolio.md") || file_exists(dir, "assessment.csv")) {
		lp_error("init: %s already holds a portfolio", dir);
		goto undo;
	}
	written = 1;
	if (write_portfolio(dir, a) < 0)
		goto undo;
	if (in_git == 1) {
		if (lp_git_init(dir, &git) < 0)
			goto undo;
		made_repo = 1;
		lp_git_free(git);
		git = NULL;
	}
	msg = lp_xasprintf("init: portfolio %s", a->value[KEY_ID]);
	if (lp_portfolio_commit(ctx, dir, files, 2, msg) < 0)
		goto undo;
	if (!ctx->quiet)
		fprintf(stderr, "%s: made the portfolio %s in %s%s%s\n", lp_progname(),
		    a->value[KEY_ID], dir, made_repo ? ", a new git repository" : "",
		    ctx->no_commit ? " (not committed)" : "");
	rc = LP_EXIT_OK;
	goto out;
undo:
	if (written)
		init_undo(dir, made_repo, &made);
	else
		for (size_t i = made.n; i-- > 0;)
			rmdir(made.v[i]);
out:
	lp_lock_release(lock);
	lp_git_free(git);
	lp_strv_free(&made);
	free(msg);
	free(inside);
	free(base);
	free(dir);
	return rc;
}

/* ------------------------------------------------------------------ */
/* lp check                                                             */

/*
 * Every validator of the toolkit, in this one process: each portfolio is
 * read once and each finding printed once (SPEC 4, 5.1).
 */
static int
cmd_check(struct lp_ctx *ctx, void *arg)
{
	static const lp_check_fn checks[] = {
		lp_check_lifecycle, lp_check_evidence, lp_check_assessment,
		lp_check_case_study,	/* where there is one */
	};

	const struct args *a = arg;

	if (a->staged && ctx->at)
		return lp_usage_error(ctx, "--staged and --at name two different versions; give one");
	if (a->git && (a->staged || ctx->noperands > 0))
		return lp_usage_error(ctx, "--git REPO names the portfolios: no operands or --staged with it");
	ctx->staged = a->staged;
	if (a->git)
		return lp_validate_git(ctx, a->git, LP_LOAD_ALL | LP_LOAD_BODIES,
		    checks, sizeof checks / sizeof checks[0]);
	return lp_validate(ctx, LP_LOAD_ALL | LP_LOAD_BODIES | LP_LOAD_ATTACHMENTS,
	    checks, sizeof checks / sizeof checks[0]);
}

/* ------------------------------------------------------------------ */
/* lp completion                                                        */

static const char *const tools[] = { "assess", "evidence", "window", "reaccredit", "report" };
#define NTOOLS (sizeof tools / sizeof tools[0])

static const struct lp_cli_prog prog;

/* The tables of lp itself and of every tool it can find. */
static int
cmd_completion(struct lp_ctx *ctx, void *arg)
{
	char *names[NTOOLS + 1], *tables[NTOOLS + 1];
	struct lp_buf script = {0};
	size_t n = 0;
	int rc = LP_EXIT_ERROR;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	(void)arg;
	if (!mem) {
		lp_error("completion: %s", strerror(errno));
		return LP_EXIT_ERROR;
	}
	lp_cli_dump(&prog, mem);
	fclose(mem);
	names[n] = lp_xstrdup("lp");
	tables[n++] = buf;
	for (size_t i = 0; i < NTOOLS; i++) {
		char *name = lp_xasprintf("lp-%s", tools[i]);
		char *path = lp_tool_path(name);
		struct lp_buf out = {0};
		char *argv[] = { path, LP_CLI_DUMP, NULL };

		if (!path || lp_proc_run(argv, &out) != 0) {
			lp_error("completion: cannot read the options of %s%s", name,
			    path ? "" : " (not beside lp nor on PATH)");
			free(name);
			free(path);
			lp_buf_free(&out);
			goto out;
		}
		names[n] = name;
		tables[n++] = lp_buf_detach(&out);
		free(path);
	}
	if (lp_completion_script(ctx->operands[0], lp_progname(), names, tables, n, &script) < 0) {
		rc = lp_usage_error(ctx, NULL);
		goto out;
	}
	fputs(lp_buf_str(&script), stdout);
	rc = LP_EXIT_OK;
out:
	for (size_t i = 0; i < n; i++) {
		free(names[i]);
		free(tables[i]);
	}
	lp_buf_free(&script);
	return rc;
}

/* ------------------------------------------------------------------ */
/* lp hook                                                              */

static int
cmd_hook(struct lp_ctx *ctx, void *arg)
{
	const char *verb = ctx->operands[0];
	const char *name = ctx->noperands > 1 ? ctx->operands[1] : "pre-commit";
	const char *dir = ctx->dir ? ctx->dir : ".";
	char *self = lp_self_dir(), *front;
	int rc;

	(void)arg;
	front = self ? lp_xasprintf("%s/%s", self, lp_progname()) : lp_xstrdup(lp_progname());
	free(self);
	if (strcmp(verb, "install") == 0) {
		rc = lp_hook_install(dir, name, front) < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
	} else if (strcmp(verb, "uninstall") == 0) {
		rc = lp_hook_uninstall(dir, name);
		if (rc == 1 && !ctx->quiet)
			fprintf(stderr, "%s: hook: no %s hook of lp's to remove\n", lp_progname(), name);
		rc = rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
	} else {
		rc = lp_usage_error(ctx, "hook: expected install or uninstall, got '%s'", verb);
	}
	free(front);
	return rc;
}

/* ------------------------------------------------------------------ */
/* main                                                                 */

enum { CMD_INIT, CMD_CHECK, CMD_COMPLETION, CMD_HOOK };
#define B(c) (1u << (c))

static const struct lp_cli_cmd commands[] = {
	{ "init", "[DIR]", "make a new portfolio (and a git repository when DIR is in none)",
	    0, 1, cmd_init, LP_CLI_V_DIR, 0 },
	{ "check", "[PORTFOLIO ...]", "run every check on the portfolios, for people and CI",
	    0, -1, cmd_check, LP_CLI_V_DIR, 0 },
	{ "completion", "bash|zsh", "print a completion script for every lp program",
	    1, 1, cmd_completion, LP_CLI_V_WORDS, 0 },
	{ "hook", "install|uninstall [pre-commit]",
	    "install or remove a git pre-commit hook that runs lp check --staged",
	    1, 2, cmd_hook, LP_CLI_V_WORDS, 0 },
};

#define INIT_VALUE(lo, ar, help, i, flags) \
	{ 0, lo, ar, help, B(CMD_INIT), LP_CLI_STR, 0, \
	  offsetof(struct args, value) + (i) * sizeof(const char *), flags, LP_CLI_V_NONE }

static const struct lp_cli_opt options[] = {
	INIT_VALUE("name", "NAME", "the practitioner's name", 0, LP_CLI_REQUIRED),
	INIT_VALUE("id", "ID", "the portfolio id: letters, digits, '.', '_' or '-'", 1, LP_CLI_REQUIRED),
	INIT_VALUE("commenced", "DATE", "the date the journey started", 6, LP_CLI_REQUIRED),
	INIT_VALUE("school", "SCHOOL", "the school or college", 2, 0),
	INIT_VALUE("role", "ROLE", "the practitioner's role", 3, 0),
	INIT_VALUE("cohort", "COHORT", "the cohort the practitioner belongs to", 4, 0),
	INIT_VALUE("email", "EMAIL", "the practitioner's email address", 5, 0),
	INIT_VALUE("focus", "FOCUS", "the school improvement priority the work serves", 7, 0),
	INIT_VALUE("target", "WINDOW", "the window the practitioner aims to submit in", 8, 0),
	LP_CLI_OPT_MIN(B(CMD_CHECK)),
	LP_CLI_OPT_AT(B(CMD_CHECK)),
	LP_CLI_STR(0, "git", "REPO", "check the portfolios in git repository REPO (at --at REV, or HEAD)",
	    B(CMD_CHECK), struct args, git, LP_CLI_V_DIR),
	LP_CLI_FLAG(0, "staged", "check the files as staged in git's index (for a pre-commit hook)",
	    B(CMD_CHECK), struct args, staged),
	LP_CLI_OPT_JOBS(B(CMD_CHECK)),
	LP_CLI_OPT_SCHOOL(B(CMD_CHECK)),
	LP_CLI_OPT_COHORT(B(CMD_CHECK)),
	LP_CLI_OPT_WINDOWS(B(CMD_CHECK)),
	LP_CLI_OPT_FRAMEWORK(B(CMD_CHECK)),
	LP_CLI_OPT_C(B(CMD_INIT) | B(CMD_CHECK) | B(CMD_HOOK)),
	LP_CLI_OPT_O(B(CMD_CHECK)),
	LP_CLI_OPT_BOM(B(CMD_CHECK)),
	LP_CLI_OPT_RAW(B(CMD_CHECK)),
	LP_CLI_OPT_Q(B(CMD_INIT) | B(CMD_CHECK) | B(CMD_HOOK)),
	LP_CLI_OPT_TODAY(B(CMD_CHECK)),
	LP_CLI_OPT_NO_COMMIT(B(CMD_INIT)),
};

static const struct lp_cli_prog prog = {
	"lp", "The front door of the lp toolkit for Lead Practitioner portfolios.",
	commands, sizeof commands / sizeof commands[0],
	options, sizeof options / sizeof options[0],
	"lp TOOL [ARG ...] runs lp-TOOL ARG ...; the tools:\n"
	"  assess      the self-assessment against the ten standards\n"
	"  evidence    evidence items: add, import, list, show, check, matrix\n"
	"  window      assessment windows, the deadline, submission, the outcome\n"
	"  reaccredit  the three-year cycle and the case study for renewal\n"
	"  report      cohort summaries, coverage, the dashboard, the moderation pack\n"
	"See lp-TOOL(1), and lp(7) for the ideas behind them.\n",
	"TOOL [ARG ...]",
};

/*
 * lp [-C DIR]... TOOL ARGS: like git -C, each -C changes directory in
 * turn before the tool runs.  Returns only on failure.
 */
static int
dispatch(int argc, char **argv, int at)
{
	for (int i = 1; i < at; i++) {
		const char *dir = NULL;

		if (strcmp(argv[i], "-C") == 0 || strcmp(argv[i], "--directory") == 0)
			dir = argv[++i];
		else if (strncmp(argv[i], "--directory=", 12) == 0)
			dir = argv[i] + 12;
		else
			dir = argv[i] + 2;	/* -CDIR */
		if (chdir(dir) < 0) {
			lp_error("-C %s: %s", dir, strerror(errno));
			return LP_EXIT_ERROR;
		}
	}
	(void)argc;
	return run_tool(argv + at);
}

/* Where the first word after leading -C options is, or 0; -1 on another option. */
static int
first_word(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-C") == 0 || strcmp(a, "--directory") == 0) {
			if (++i >= argc)
				return 0;
			continue;
		}
		if (strncmp(a, "-C", 2) == 0 || strncmp(a, "--directory=", 12) == 0)
			continue;
		return a[0] == '-' ? -1 : i;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct args a;
	int at = first_word(argc, argv);

	memset(&a, 0, sizeof a);
	lp_setprogname(argv[0]);
	if (at > 0) {
		int own = 0;

		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			own |= strcmp(argv[at], commands[i].name) == 0;
		if (!own)
			return lp_close_stdout(dispatch(argc, argv, at));
	}
	return lp_cli_main(&prog, &a, argc, argv);
}
