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
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"

static const char usage_text[] =
"usage: lp init [DIR] --name NAME --id ID --commenced DATE [--school S] [--role R]\n"
"           [--cohort C] [--email E] [--focus F] [-C DIR] [--no-commit] [-q]\n"
"       lp check [-C DIR] [--today DATE] [--min LEVEL] [--framework FILE] [-q]\n"
"           [PORTFOLIO ...]\n"
"       lp TOOL [ARG ...]\n"
"       lp -h | --help | --version\n"
"\n"
"tools:\n"
"   assess      the self-assessment against the ten standards\n"
"   evidence    evidence items: add, import, list, show, check, matrix\n"
"   window      assessment windows, the deadline, submission, the outcome\n"
"   reaccredit  the three-year cycle and the case study for renewal\n"
"   report      cohort summaries, coverage, the dashboard, the moderation pack\n"
"\n"
"lp TOOL runs lp-TOOL; see lp-TOOL(1), and lp(7) for the ideas behind them.\n";

/* The body of a new portfolio.md: an invitation, in lp's own words. */
static const char portfolio_body[] =
    "## My context\n"
    "\n"
    "Describe where you work and what you do: your school or college, your\n"
    "role, and the colleagues and learners your work reaches. Say which\n"
    "school improvement priority your work serves, why you chose it, and\n"
    "what you hope will change, for colleagues and for their learners.\n";

/* Roots handed to one run of a cohort-capable check; keeps argv modest. */
#define CHECK_BATCH	256

enum {
	OPT_NAME = LP_OPT_PROGRAM,
	OPT_ID,
	OPT_COMMENCED,
	OPT_SCHOOL,
	OPT_ROLE,
	OPT_COHORT,
	OPT_EMAIL,
	OPT_FOCUS
};

static const struct option longopts[] = {
	{ "name", required_argument, 0, OPT_NAME },
	{ "id", required_argument, 0, OPT_ID },
	{ "commenced", required_argument, 0, OPT_COMMENCED },
	{ "school", required_argument, 0, OPT_SCHOOL },
	{ "role", required_argument, 0, OPT_ROLE },
	{ "cohort", required_argument, 0, OPT_COHORT },
	{ "email", required_argument, 0, OPT_EMAIL },
	{ "focus", required_argument, 0, OPT_FOCUS },
	LP_LONGOPTS
};

/* Indexes into init_keys of the values init checks. */
enum { KEY_NAME = 0, KEY_ID = 1, KEY_COMMENCED = 6 };

/* The keys of portfolio.md that init writes, in the order it writes them. */
static const struct {
	const char *key;
	int opt;
} init_keys[] = {
	{ "name", OPT_NAME },
	{ "id", OPT_ID },
	{ "school", OPT_SCHOOL },
	{ "role", OPT_ROLE },
	{ "cohort", OPT_COHORT },
	{ "email", OPT_EMAIL },
	{ "commenced", OPT_COMMENCED },
	{ "focus", OPT_FOCUS },
};
#define NINIT_KEYS (sizeof init_keys / sizeof init_keys[0])

struct args {
	const char *cmd;
	const char *value[NINIT_KEYS];	/* init's keys, by init_keys index */
	int min_given;
	char **operands;
	size_t noperands;
};

static int
usage_error(void)
{
	fputs(usage_text, stderr);
	return LP_EXIT_ERROR;
}

/* ------------------------------------------------------------------ */
/* Finding tools                                                        */

/* The directory lp was run from, or NULL. */
static char *
self_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	if (!(slash = strrchr(buf, '/')))
		return NULL;
	*slash = '\0';
	return lp_xstrdup(*buf ? buf : "/");
}

static int
is_program(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* lp-NAME beside lp; NULL when it is not there. */
static char *
tool_beside(const char *prog)
{
	char *dir = self_dir(), *path;

	if (!dir)
		return NULL;
	path = lp_xasprintf("%s/%s", dir, prog);
	free(dir);
	if (is_program(path))
		return path;
	free(path);
	return NULL;
}

/* lp-NAME beside lp, else on PATH; NULL when neither has it. */
static char *
tool_path(const char *prog)
{
	const char *path = getenv("PATH"), *p;
	char *found = tool_beside(prog);

	if (found || !path)
		return found;
	for (p = path;; p++) {
		const char *end = strchrnul(p, ':');
		char *cand = end == p ? lp_xasprintf("./%s", prog) :
		    lp_xasprintf("%.*s/%s", (int)(end - p), p, prog);

		if (is_program(cand))
			return cand;
		free(cand);
		if (!*end)
			break;
		p = end;
	}
	return NULL;
}

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
	if ((path = tool_beside(prog)))
		execv(path, argv);
	else
		execvp(prog, argv);
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
		if (a->value[i] && check_value(init_keys[i].key, a->value[i]) < 0)
			bad = 1;
	for (size_t k = 0; k < sizeof required / sizeof required[0]; k++) {
		const char *v = a->value[required[k]];

		if (!v || !v[strspn(v, " \t")]) {
			lp_error("init: --%s is required", init_keys[required[k]].key);
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

/* A portfolio holding dir (at or above it), or NULL. */
static char *
enclosing_portfolio(const char *dir)
{
	char *cur = realpath(dir, NULL);

	while (cur) {
		char *slash;

		if (file_exists(cur, "portfolio.md"))
			return cur;
		slash = strrchr(cur, '/');
		if (!slash || strcmp(cur, "/") == 0)
			break;
		if (slash == cur)
			cur[1] = '\0';
		else
			*slash = '\0';
	}
	free(cur);
	return NULL;
}

/* mkdir -p, remembering what was made so that a failure can take it back. */
static int
make_dirs(const char *dir, struct lp_strv *made)
{
	char *p = lp_xstrdup(dir);
	struct stat st;
	int rc = 0;

	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s)
			continue;
		{
			char c = *s;

			*s = '\0';
			if (stat(p, &st) < 0) {
				if (lp_mkdir(p) < 0) {
					rc = -1;
					break;
				}
				lp_strv_push(made, p);
			} else if (!S_ISDIR(st.st_mode)) {
				lp_error("%s: not a directory", p);
				rc = -1;
				break;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return rc;
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
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
		nftw(p, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
		free(p);
	}
	for (size_t i = made->n; i-- > 0;)
		rmdir(made->v[i]);
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
			lp_doc_set(&doc, init_keys[i].key, a->value[i]);
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
cmd_init(const struct lp_ctx *ctx, const struct args *a)
{
	static char *const files[] = { "portfolio.md", "assessment.csv" };
	struct lp_strv made = {0};
	struct lp_git *git = NULL;
	struct lp_lock *lock = NULL;
	char *dir, *base = NULL, *inside = NULL, *msg = NULL;
	int rc = LP_EXIT_ERROR, in_git, made_repo = 0, written = 0;

	if (a->noperands > 1) {
		lp_error("init: expected at most one DIR, got %zu", a->noperands);
		return usage_error();
	}
	if (init_values_valid(a) < 0)
		return LP_EXIT_ERROR;
	if (a->noperands && ctx->dir && a->operands[0][0] != '/')
		dir = lp_xasprintf("%s/%s", ctx->dir, a->operands[0]);
	else
		dir = lp_xstrdup(a->noperands ? a->operands[0] : ctx->dir ? ctx->dir : ".");

	/* Everything that can refuse does so before anything is made. */
	base = existing_ancestor(dir);
	if (strcmp(base, dir) == 0 && file_exists(dir, "assessment.csv") &&
	    !file_exists(dir, "portfolio.md")) {
		lp_error("init: %s already holds an assessment.csv; move it away first", dir);
		goto out;
	}
	if ((inside = enclosing_portfolio(base))) {
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
	if (make_dirs(dir, &made) < 0)
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

struct found {
	struct lp_strv roots;
	struct lp_strv case_study;	/* the roots that have one */
};

static int
collect(struct lp_portfolio *p, void *arg)
{
	struct found *f = arg;

	lp_strv_push(&f->roots, p->label);
	if (p->has_case_study)
		lp_strv_push(&f->case_study, p->label);
	return 0;
}

/* Run argv (argv[0] is the program's path) and wait: its exit status, 2 if it could not run. */
static int
run_child(char *const *argv)
{
	pid_t pid;
	int status;

	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0) {
		lp_error("cannot run %s: %s", argv[0], strerror(errno));
		return LP_EXIT_ERROR;
	}
	if (pid == 0) {
		execv(argv[0], argv);
		lp_error("cannot run %s: %s", argv[0], strerror(errno));
		_exit(LP_EXIT_ERROR);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			lp_error("waiting for %s: %s", argv[0], strerror(errno));
			return LP_EXIT_ERROR;
		}
	if (WIFEXITED(status))
		return WEXITSTATUS(status) <= LP_EXIT_ERROR ? WEXITSTATUS(status) : LP_EXIT_ERROR;
	lp_error("%s was killed by signal %d", argv[0], WTERMSIG(status));
	return LP_EXIT_ERROR;
}

/* The worse of two statuses: 2 over 1 over 0. */
static int
worse(int a, int b)
{
	return a > b ? a : b;
}

/* PROG check COMMON... -- ROOTS..., in batches; the worst status. */
static int
run_check(const char *prog, const struct lp_strv *common, char *const *roots, size_t n, size_t batch)
{
	char *path = tool_path(prog);
	int status = LP_EXIT_OK;

	if (!path) {
		fprintf(stderr, "%s: note: %s is not installed; its checks were skipped\n",
		    lp_progname(), prog);
		return LP_EXIT_OK;
	}
	for (size_t at = 0; at < n; at += batch) {
		size_t k = n - at < batch ? n - at : batch, argc = 0;
		char **argv = lp_xcalloc(common->n + k + 4, sizeof *argv);

		argv[argc++] = path;
		argv[argc++] = "check";
		for (size_t i = 0; i < common->n; i++)
			argv[argc++] = common->v[i];
		argv[argc++] = "--";
		for (size_t i = 0; i < k; i++)
			argv[argc++] = roots[at + i];
		status = worse(status, run_child(argv));
		free(argv);
	}
	free(path);
	return status;
}

static int
cmd_check(const struct lp_ctx *ctx, const struct args *a)
{
	struct found f = {0};
	struct lp_strv common = {0};
	int status = LP_EXIT_OK;

	if (ctx->today_opt) {
		lp_strv_push(&common, "--today");
		lp_strv_push(&common, ctx->today_opt);
	}
	if (a->min_given) {
		lp_strv_push(&common, "--min");
		lp_strv_push(&common, lp_level_name(ctx->min_level));
	}
	if (ctx->framework_path) {
		lp_strv_push(&common, "--framework");
		lp_strv_push(&common, ctx->framework_path);
	}
	if (ctx->quiet)
		lp_strv_push(&common, "-q");
	/* portfolio.md alone: enough to know each portfolio, its id and whether it has a case study. */
	if (lp_cohort_each(ctx, a->operands, a->noperands, 0, collect, &f) < 0)
		status = LP_EXIT_ERROR;
	if (f.roots.n) {
		status = worse(status, run_check("lp-evidence", &common, f.roots.v, f.roots.n, CHECK_BATCH));
		status = worse(status, run_check("lp-assess", &common, f.roots.v, f.roots.n, CHECK_BATCH));
	}
	/* lp-reaccredit check takes one portfolio at a time. */
	if (f.case_study.n)
		status = worse(status, run_check("lp-reaccredit", &common, f.case_study.v,
		    f.case_study.n, 1));
	lp_strv_free(&f.roots);
	lp_strv_free(&f.case_study);
	lp_strv_free(&common);
	return status;
}

/* ------------------------------------------------------------------ */

/* How the user wrote option c: "-o" or "--today". */
static const char *
option_text(int c)
{
	static char buf[64];

	if (c < 256) {
		snprintf(buf, sizeof buf, "-%c", c);
		return buf;
	}
	for (size_t i = 0; longopts[i].name; i++)
		if (longopts[i].val == c) {
			snprintf(buf, sizeof buf, "--%s", longopts[i].name);
			return buf;
		}
	return "?";
}

/* Options of init and check: 0 to run, 1 after -h or --version, -1 after a usage error. */
static int
parse_args(int argc, char **argv, struct lp_ctx *ctx, struct args *a, int init)
{
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":" LP_SHORTOPTS, longopts, NULL)) != -1) {
		int ok = 1;

		switch (c) {
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		case LP_OPT_VERSION:
			lp_print_version(ctx->prog);
			return 1;
		case ':':
			lp_error("%s: option '%s' needs a value", a->cmd, argv[optind - 1]);
			usage_error();
			return -1;
		case '?':
			if (optopt)
				lp_error("%s: unknown option '-%c'", a->cmd, optopt);
			else
				lp_error("%s: unknown option '%s'", a->cmd, argv[optind - 1]);
			usage_error();
			return -1;
		case 'C':
		case 'q':
			break;
		case LP_OPT_NO_COMMIT:
			ok = init;
			break;
		case LP_OPT_TODAY:
		case LP_OPT_FRAMEWORK:
			ok = !init;
			break;
		case LP_OPT_MIN:
			ok = !init;
			a->min_given = 1;
			break;
		default:
			ok = init && c >= OPT_NAME && c <= OPT_FOCUS;
			for (size_t i = 0; ok && i < NINIT_KEYS; i++)
				if (init_keys[i].opt == c)
					a->value[i] = optarg;
			if (ok)
				continue;
			break;
		}
		if (!ok) {
			lp_error("%s: '%s' is not one of its options", a->cmd, option_text(c));
			usage_error();
			return -1;
		}
		if (lp_ctx_option(ctx, c, optarg) < 0) {
			usage_error();
			return -1;
		}
	}
	a->operands = argv + optind;
	a->noperands = (size_t)(argc - optind);
	return 0;
}

int
main(int argc, char **argv)
{
	struct lp_ctx ctx;
	struct args a;
	int status = LP_EXIT_ERROR, init, rc;

	memset(&a, 0, sizeof a);
	lp_ctx_init(&ctx, argv[0]);
	if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		fputs(usage_text, stdout);
		return lp_exit(LP_EXIT_OK);
	}
	if (strcmp(argv[1], "--version") == 0) {
		lp_print_version(ctx.prog);
		return lp_exit(LP_EXIT_OK);
	}
	if (argv[1][0] == '-') {
		lp_error("unknown option '%s': expected init, check or a tool first", argv[1]);
		return lp_exit(usage_error());
	}
	a.cmd = argv[1];
	init = strcmp(argv[1], "init") == 0;
	if (!init && strcmp(argv[1], "check") != 0)
		return lp_exit(run_tool(argv + 1));

	lp_git_global_init();
	rc = parse_args(argc - 1, argv + 1, &ctx, &a, init);
	if (rc != 0) {
		status = rc > 0 ? LP_EXIT_OK : LP_EXIT_ERROR;
		goto out;
	}
	if (lp_ctx_ready(&ctx) < 0)
		goto out;
	status = init ? cmd_init(&ctx, &a) : cmd_check(&ctx, &a);
out:
	lp_ctx_free(&ctx);
	lp_git_global_shutdown();
	return lp_exit(status);
}
