/*
 * lp-assess - the self-assessment against the ten standards.
 *
 * The practitioner's claimed level on each of LP1..LP10 lives in
 * assessment.csv; this program records it (set, or an interactive walk
 * through the standards on a terminal), compares it with what the
 * evidence supports (show, check), coaches toward the next level from
 * what this portfolio's evidence actually shows (coach), reads how it
 * changed from git history (history) and prints the framework itself
 * (framework).  Every rule about levels, reach and readiness comes from
 * lib/rules.c; this file only asks the questions and phrases the answers.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "assessment.h"
#include "cli.h"
#include "coach.h"
#include "history.h"
#include "lp.h"
#include "term.h"

/* The program's own options (the common ones live in the context). */
struct opts {
	const char *note;	/* --note, NULL when not given */
	const char *date;	/* --date, NULL when not given */
};

/* --date, else today, into *date; -1 after a diagnostic. */
static int
record_date(const struct lp_ctx *ctx, const struct opts *o, lp_date *date)
{
	*date = ctx->today;
	if (o->date && lp_date_parse(o->date, date) < 0) {
		lp_error("--date: expected a date YYYY-MM-DD, got '%s'", o->date);
		return -1;
	}
	return 0;
}

/* An operand relative to -C, as lp_cohort_find treats operands. */
static char *
operand_path(const struct lp_ctx *ctx, const char *op)
{
	if (!ctx->dir || op[0] == '/')
		return lp_xstrdup(op);
	return lp_xasprintf("%s/%s", ctx->dir, op);
}

/* The one portfolio a single-portfolio command works on. */
static int
find_one(const struct lp_ctx *ctx, char **root)
{
	char *start;
	int rc;

	if (ctx->noperands == 0)
		return lp_portfolio_find(ctx->dir, root);
	start = operand_path(ctx, ctx->operands[0]);
	rc = lp_portfolio_find(start, root);
	free(start);
	return rc;
}

/* ------------------------------------------------------------------ */
/* set                                                                  */

static int
cmd_set(struct lp_ctx *ctx, void *arg)
{
	const struct opts *o = arg;
	struct lp_assessment_change ch;
	lp_date date;
	char *root = NULL;
	int wrote, rc = LP_EXIT_ERROR;

	memset(&ch, 0, sizeof ch);
	if (ctx->noperands == 0)
		return lp_usage_error(ctx, "set: expected one or more STANDARD=LEVEL");
	for (size_t k = 0; k < ctx->noperands; k++)
		if (lp_assessment_change_parse(&ch, ctx->operands[k]) < 0)
			return LP_EXIT_ERROR;
	if (record_date(ctx, o, &date) < 0)
		return LP_EXIT_ERROR;
	if (lp_portfolio_find(ctx->dir, &root) < 0)
		goto out;
	if (lp_assessment_record(ctx, root, &ch, date, o->note, &wrote) < 0)
		goto out;
	if (!wrote && !ctx->quiet)
		lp_error("%s/assessment.csv already records this; nothing to commit", root);
	rc = LP_EXIT_OK;
out:
	free(root);
	return rc;
}

/* ------------------------------------------------------------------ */
/* show                                                                 */

static const struct lp_col show_cols[] = {
	{ "id", LP_COL_STR },
	{ "standard", LP_COL_STR },
	{ "group", LP_COL_STR },
	{ "level", LP_COL_STR },
	{ "evidence_level", LP_COL_STR },
	{ "evidence_count", LP_COL_INT },
	{ "supported", LP_COL_STR },
	{ "status", LP_COL_STR },
	{ "assessed", LP_COL_DATE },	/* the row's own date; missing when none */
};
#define NSHOW (sizeof show_cols / sizeof show_cols[0])

struct show_walk {
	const struct lp_ctx *ctx;
	struct lp_rowset rows;
};

static int
show_one(struct lp_portfolio *p, void *arg)
{
	struct show_walk *sw = arg;

	for (int i = 0; i < LP_NSTANDARDS; i++) {
		char count[16], day[11];
		const char *v[NSHOW];

		snprintf(count, sizeof count, "%d", lp_evidence_count(p, i));
		v[0] = p->id;
		v[1] = lp_standard_id(i);
		v[2] = sw->ctx->fw->std[i].group;
		v[3] = lp_level_name(p->assess[i].level);
		v[4] = lp_level_name(lp_evidence_level(p, i));
		v[5] = count;
		v[6] = lp_supported(p, i) ? "yes" : "no";
		v[7] = lp_status_name(lp_standard_status(p, i, sw->ctx->min_level));
		lp_date_format(p->assess[i].date, day);
		v[8] = p->assess[i].date == LP_DATE_NONE ? NULL : day;
		lp_rowset_add(&sw->rows, p->id, v);
	}
	return 0;
}

static int
cmd_show(struct lp_ctx *ctx, void *arg)
{
	struct show_walk sw = { .ctx = ctx };
	struct lp_writer *w;
	int failed, rc;

	lp_rowset_init(&sw.rows, NSHOW);
	failed = lp_cohort_each(ctx, ctx->operands, ctx->noperands,
	    LP_LOAD_ASSESSMENT | LP_LOAD_EVIDENCE, show_one, &sw) < 0;
	lp_rowset_sort(&sw.rows);
	w = lp_ctx_writer(ctx, show_cols, NSHOW);
	lp_rowset_write(&sw.rows, w);
	rc = lp_writer_finish(w);
	lp_rowset_free(&sw.rows);
	return failed || rc < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* check                                                                */

/*
 * The validator: every problem in assessment.csv and the evidence is a
 * finding, printed once by the shared printer (SPEC 4), as lp check does.
 */
static int
cmd_check(struct lp_ctx *ctx, void *arg)
{
	static const lp_check_fn checks[] = { lp_check_assessment };

	return lp_validate(ctx, LP_LOAD_ASSESSMENT | LP_LOAD_EVIDENCE, checks, 1);
}

/* ------------------------------------------------------------------ */
/* coach                                                                */

static const struct lp_col coach_cols[] = {
	{ "standard", LP_COL_STR },
	{ "level", LP_COL_STR },
	{ "next_level", LP_COL_STR },
	{ "prompt", LP_COL_STR },
};
#define NCOACH (sizeof coach_cols / sizeof coach_cols[0])

static int
cmd_coach(struct lp_ctx *ctx, void *arg)
{
	const struct lp_framework *fw = ctx->fw;
	struct lp_portfolio p;
	struct lp_writer *w;
	char *root = NULL;
	int rc = LP_EXIT_ERROR;

	memset(&p, 0, sizeof p);
	if (find_one(ctx, &root) < 0 ||
	    lp_portfolio_open(ctx, root, LP_LOAD_ASSESSMENT | LP_LOAD_EVIDENCE, &p) < 0)
		goto out;
	w = lp_ctx_writer(ctx, coach_cols, NCOACH);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		const char *v[NCOACH];
		char *prompt;
		int target;

		if (!(prompt = lp_coach_prompt(fw, &p, i, &target)))
			continue;	/* nothing left to reach for */
		v[0] = lp_standard_id(i);
		v[1] = lp_level_name(p.assess[i].level);
		v[2] = lp_level_name(target);
		v[3] = prompt;
		lp_writer_row(w, v);
		free(prompt);
	}
	rc = lp_writer_finish(w) < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
out:
	lp_portfolio_free(&p);
	free(root);
	return rc;
}

/* ------------------------------------------------------------------ */
/* history                                                              */

static const struct lp_col history_cols[] = {
	{ "date", LP_COL_DATE },	/* the commit's, UTC */
	{ "commit", LP_COL_STR },
	{ "standard", LP_COL_STR },
	{ "level", LP_COL_STR },
	{ "id", LP_COL_STR },
	{ "assessed", LP_COL_DATE },	/* the row's own date: a back-filled --date shows */
};
#define NHISTORY (sizeof history_cols / sizeof history_cols[0])

/* One portfolio's level changes into rows, keyed by its id: 0, or -1 (reported). */
static int
history_one(const struct lp_ctx *ctx, const char *root, struct lp_rowset *rows)
{
	struct lp_level_history h = {0};
	struct lp_portfolio p;
	int r;

	memset(&p, 0, sizeof p);
	if (lp_portfolio_open(ctx, root, 0, &p) < 0) {
		lp_portfolio_free(&p);
		return -1;
	}
	if (!lp_portfolio_selected(ctx, &p)) {
		lp_portfolio_free(&p);
		return 0;
	}
	if ((r = lp_level_history(root, ctx->at, &h)) == 1)
		lp_error("%s: not in a git work tree, so there is no history", root);
	/* A version that does not parse is skipped: the rows found are still shown. */
	for (size_t k = 0; k < h.n; k++) {
		const struct lp_level_change *c = &h.v[k];
		const char *v[NHISTORY];
		char day[11], assessed[11];

		lp_date_format(c->day, day);
		lp_date_format(c->assessed, assessed);
		v[0] = day;
		v[1] = c->commit;
		v[2] = lp_standard_id(c->standard);
		v[3] = lp_level_name(c->level);
		v[4] = p.id;
		v[5] = c->assessed == LP_DATE_NONE ? NULL : assessed;
		lp_rowset_add(rows, p.id, v);
	}
	lp_level_history_free(&h);
	lp_portfolio_free(&p);
	return r == 0 ? 0 : -1;
}

/*
 * Each portfolio's history, by id then date (SPEC 5.2).  When nothing
 * could be read at all (an unknown --at, say) nothing is printed.
 */
static int
cmd_history(struct lp_ctx *ctx, void *arg)
{
	struct lp_strv roots = {0};
	struct lp_rowset rows;
	int failed = 0, rc = LP_EXIT_ERROR;

	lp_rowset_init(&rows, NHISTORY);
	if (lp_cohort_find(ctx->operands, ctx->noperands, ctx->dir, &roots) < 0)
		goto out;
	for (size_t k = 0; k < roots.n; k++) {
		if (history_one(ctx, roots.v[k], &rows) < 0)
			failed++;
		if (ctx->progress && !ctx->quiet && (k + 1) % 50 == 0)
			lp_progress_show("%zu/%zu portfolios", k + 1, roots.n);
	}
	if (ctx->progress && !ctx->quiet)
		lp_progress_clear();
	if (failed && (size_t)failed == roots.n && rows.n == 0)
		goto out;
	lp_rowset_sort(&rows);
	{
		struct lp_writer *w = lp_ctx_writer(ctx, history_cols, NHISTORY);

		lp_rowset_write(&rows, w);
		if (lp_writer_finish(w) == 0 && !failed)
			rc = LP_EXIT_OK;
	}
out:
	lp_rowset_free(&rows);
	lp_strv_free(&roots);
	return rc;
}

/* ------------------------------------------------------------------ */
/* framework                                                            */

static const struct lp_col framework_cols[] = {
	{ "standard", LP_COL_STR },
	{ "name", LP_COL_STR },
	{ "group", LP_COL_STR },
	{ "level", LP_COL_STR },
	{ "descriptor", LP_COL_STR },
	{ "prompt", LP_COL_STR },
	{ "framework", LP_COL_STR },
};
#define NFRAMEWORK (sizeof framework_cols / sizeof framework_cols[0])

static int
cmd_framework(struct lp_ctx *ctx, void *arg)
{
	const struct lp_framework *fw = ctx->fw;
	struct lp_writer *w = lp_ctx_writer(ctx, framework_cols, NFRAMEWORK);

	for (int i = 0; i < LP_NSTANDARDS; i++) {
		const struct lp_standard *st = &fw->std[i];

		for (int l = LP_LEVEL_UNDERLYING; l < LP_NLEVELS; l++) {
			const char *v[NFRAMEWORK] = {
				st->id, st->name, st->group, lp_level_name(l),
				st->descriptor[l], st->prompt[l], fw->id
			};

			lp_writer_row(w, v);
		}
	}
	return lp_writer_finish(w) < 0 ? LP_EXIT_ERROR : LP_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* The walk-through                                                     */

static const char walk_help[] =
	"  0-4 or a level name  set the level (0 none, 1 underlying, 2 developing,\n"
	"                       3 extending, 4 transforming)\n"
	"  Enter                keep the level and go on\n"
	"  b                    go back to the previous standard\n"
	"  q                    quit without saving\n"
	"  ?                    this help\n";

static void
walk_show(const struct lp_ctx *ctx, const struct lp_portfolio *p, int i,
    int level, size_t width)
{
	const struct lp_standard *st = &ctx->fw->std[i];
	int ev = lp_evidence_level(p, i), n = lp_evidence_count(p, i);

	printf("\n%s  %s  (%s)\n", lp_standard_id(i), st->name, st->group);
	for (int l = LP_LEVEL_UNDERLYING; l < LP_NLEVELS; l++) {
		printf("  %d %-12s  ", l, lp_level_name(l));
		lp_term_wrap(stdout, st->descriptor[l], 18, 18, width);
	}
	printf("  Now: %s", lp_level_name(level));
	if (level != p->assess[i].level)
		printf(" (was %s)", lp_level_name(p->assess[i].level));
	if (n == 0)
		printf(".  Evidence: none yet.\n");
	else
		printf(".  Evidence supports: %s (%d %s, best reach %s).\n",
		    lp_level_name(ev), n, n == 1 ? "item" : "items", lp_reach_name(ev));
}

enum walk_end { WALK_SAVE, WALK_QUIT };

/* Ask for each standard in turn from start; level[] holds the answers. */
static enum walk_end
walk_questions(const struct lp_ctx *ctx, const struct lp_portfolio *p,
    int level[LP_NSTANDARDS], int start)
{
	size_t width = lp_term_width(), cap = 0;
	char *line = NULL, *ans, prompt[64];
	enum walk_end end = WALK_QUIT;
	int i = start, shown = -1;

	while (i < LP_NSTANDARDS) {
		int l;

		if (shown != i)
			walk_show(ctx, p, i, level[i], width);
		shown = i;
		snprintf(prompt, sizeof prompt, "%s [%s]: ", lp_standard_id(i), lp_level_name(level[i]));
		if (!(ans = lp_term_ask(prompt, &line, &cap)))
			goto out;
		if (!*ans) {
			i++;
		} else if (strcasecmp(ans, "b") == 0) {
			if (i == 0)
				printf("This is the first standard.\n");
			else
				i--;
		} else if (strcasecmp(ans, "q") == 0) {
			goto out;
		} else if (strcmp(ans, "?") == 0) {
			fputs(walk_help, stdout);
		} else if ((l = lp_level_answer(ans)) >= 0) {
			level[i++] = l;
		} else {
			printf("Expected 0-4, a level name, Enter, b, q or ?; got '%s'.\n", ans);
		}
	}
	end = WALK_SAVE;
out:
	free(line);
	return end;
}

/* The summary and "Save? [Y/n]": 1 save, 0 not, -1 back to the questions. */
static int
walk_confirm(const struct lp_portfolio *p, const struct lp_assessment_change *ch)
{
	size_t cap = 0;
	char *line = NULL, *ans;
	int rc = 0;

	printf("\nChanges:\n");
	for (int i = 0; i < LP_NSTANDARDS; i++)
		if (ch->set[i])
			printf("  %-4s  %s -> %s\n", lp_standard_id(i),
			    lp_level_name(p->assess[i].level), lp_level_name(ch->level[i]));
	for (;;) {
		if (!(ans = lp_term_ask("Save? [Y/n] ", &line, &cap)))
			break;
		if (!*ans || strcasecmp(ans, "y") == 0 || strcasecmp(ans, "yes") == 0) {
			rc = 1;
			break;
		}
		if (strcasecmp(ans, "n") == 0 || strcasecmp(ans, "no") == 0 ||
		    strcasecmp(ans, "q") == 0)
			break;
		if (strcasecmp(ans, "b") == 0) {
			rc = -1;
			break;
		}
		printf("Expected y (save), n (do not save) or b (back to %s).\n",
		    lp_standard_id(LP_NSTANDARDS - 1));
	}
	free(line);
	return rc;
}

static int
cmd_walk(struct lp_ctx *ctx, void *arg)
{
	const struct opts *o = arg;
	struct lp_portfolio p;
	struct lp_assessment_change ch;
	lp_date date;
	int level[LP_NSTANDARDS];
	char *root = NULL, *msg = NULL;
	int rc = LP_EXIT_ERROR, wrote, saving;

	memset(&p, 0, sizeof p);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		lp_error("the walk-through needs a terminal; use lp-assess set LP1=extending ...");
		return LP_EXIT_ERROR;
	}
	if (record_date(ctx, o, &date) < 0)
		return LP_EXIT_ERROR;
	if (lp_portfolio_find(ctx->dir, &root) < 0 ||
	    lp_portfolio_open(ctx, root, LP_LOAD_ASSESSMENT | LP_LOAD_EVIDENCE, &p) < 0)
		goto out;
	printf("Self-assessment of %s (%s) against the ten standards.\n"
	    "Answer 0-4 or a level name to set a level, Enter to keep it, b to go back,\n"
	    "q to quit without saving, ? for help.\n", p.name, p.id);
	for (int i = 0; i < LP_NSTANDARDS; i++)
		level[i] = p.assess[i].level;
	for (int start = 0;; start = LP_NSTANDARDS - 1) {
		if (walk_questions(ctx, &p, level, start) == WALK_QUIT) {
			printf("Nothing saved.\n");
			rc = LP_EXIT_OK;
			goto out;
		}
		memset(&ch, 0, sizeof ch);
		for (int i = 0; i < LP_NSTANDARDS; i++) {
			ch.set[i] = level[i] != p.assess[i].level;
			ch.level[i] = level[i];
		}
		if (lp_assessment_change_count(&ch) == 0) {
			printf("\nNo changes; nothing saved.\n");
			rc = LP_EXIT_OK;
			goto out;
		}
		if ((saving = walk_confirm(&p, &ch)) >= 0)
			break;
	}
	if (!saving) {
		printf("Nothing saved.\n");
		rc = LP_EXIT_OK;
		goto out;
	}
	if (lp_assessment_record(ctx, root, &ch, date, o->note, &wrote) < 0)
		goto out;
	msg = lp_assessment_change_message(&ch);
	if (wrote)
		printf("Saved %s/assessment.csv (%s).\n", root, msg);
	else	/* another command recorded the same meanwhile */
		printf("%s/assessment.csv already records this; nothing saved.\n", root);
	rc = LP_EXIT_OK;
out:
	free(msg);
	lp_portfolio_free(&p);
	free(root);
	return rc;
}

/* ------------------------------------------------------------------ */
/* main                                                                 */

enum { CMD_WALK, CMD_SET, CMD_SHOW, CMD_CHECK, CMD_COACH, CMD_HISTORY, CMD_FRAMEWORK };
#define B(c) (1u << (c))
#define WRITERS (B(CMD_WALK) | B(CMD_SET))
#define READERS (B(CMD_SHOW) | B(CMD_CHECK) | B(CMD_COACH) | B(CMD_HISTORY) | B(CMD_FRAMEWORK))
#define PORTFOLIOS (B(CMD_SHOW) | B(CMD_CHECK) | B(CMD_COACH) | B(CMD_HISTORY))
#define COHORTS (B(CMD_SHOW) | B(CMD_CHECK) | B(CMD_HISTORY))

static const struct lp_cli_cmd commands[] = {
	{ "", "", "walk through the ten standards on a terminal and save the levels",
	    0, 0, cmd_walk, LP_CLI_V_NONE, 0 },
	{ "set", "STANDARD=LEVEL ...", "record levels in assessment.csv and commit",
	    0, -1, cmd_set, LP_CLI_V_ASSIGN, 0 },
	{ "show", "[PORTFOLIO ...]", "each standard's claimed level against what the evidence supports",
	    0, -1, cmd_show, LP_CLI_V_DIR, 0 },
	{ "check", "[PORTFOLIO ...]", "find every standard below the minimum or not supported by evidence",
	    0, -1, cmd_check, LP_CLI_V_DIR, 0 },
	{ "coach", "[PORTFOLIO]", "a prompt toward the next level for each standard",
	    0, 1, cmd_coach, LP_CLI_V_DIR, 0 },
	{ "history", "[PORTFOLIO ...]", "each change of a standard's level in the git history",
	    0, -1, cmd_history, LP_CLI_V_DIR, 0 },
	{ "framework", "", "the standards, levels, descriptors and coaching prompts",
	    0, 0, cmd_framework, LP_CLI_V_NONE, 0 },
};

/*
 * --note and --date are set's; the walk-through takes them too, as hidden
 * entries, so that a misplaced --note is said to be for set.
 */
static const struct lp_cli_opt options[] = {
	LP_CLI_STR(0, "note", "TEXT", "the note for every standard being set",
	    B(CMD_SET), struct opts, note, LP_CLI_V_NONE),
	LP_CLI_STR(0, "date", "DATE", "the date recorded on the rows being set (default today)",
	    B(CMD_SET), struct opts, date, LP_CLI_V_DATE),
	{ 0, "note", "TEXT", "the note for every standard being set", B(CMD_WALK),
	    LP_CLI_STR, 0, offsetof(struct opts, note), LP_CLI_HIDDEN, LP_CLI_V_NONE },
	{ 0, "date", "DATE", "the date recorded on the rows being set (default today)", B(CMD_WALK),
	    LP_CLI_STR, 0, offsetof(struct opts, date), LP_CLI_HIDDEN, LP_CLI_V_DATE },
	LP_CLI_OPT_MIN(B(CMD_SHOW) | B(CMD_CHECK)),
	LP_CLI_OPT_AT(PORTFOLIOS),
	LP_CLI_OPT_JOBS(COHORTS),
	LP_CLI_OPT_SCHOOL(COHORTS),
	LP_CLI_OPT_COHORT(COHORTS),
	LP_CLI_OPT_C(LP_CLI_ALL),
	LP_CLI_OPT_O(READERS),
	LP_CLI_OPT_BOM(READERS),
	LP_CLI_OPT_RAW(READERS),
	LP_CLI_OPT_Q(LP_CLI_ALL),
	LP_CLI_OPT_TODAY(LP_CLI_ALL),
	LP_CLI_OPT_FRAMEWORK(LP_CLI_ALL),
	LP_CLI_OPT_NO_COMMIT(WRITERS),
};

static const struct lp_cli_prog prog = {
	"lp-assess", "The self-assessment against the ten standards: record, compare "
	"with the evidence, coach, check, and its history.",
	commands, sizeof commands / sizeof commands[0],
	options, sizeof options / sizeof options[0],
	NULL, NULL,
};

int
main(int argc, char **argv)
{
	struct opts o = {0};

	return lp_cli_main(&prog, &o, argc, argv);
}
