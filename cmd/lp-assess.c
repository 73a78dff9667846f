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
#include <sys/ioctl.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <git2.h>

#include "cli.h"
#include "lp.h"

/* The program's own options (the common ones live in the context). */
struct opts {
	const char *note;	/* --note, NULL when not given */
	const char *date;	/* --date, NULL when not given */
};

/* What set and the walk-through record: the note and the date of the rows set. */
struct args {
	struct lp_ctx *ctx;
	const char *note;
	lp_date date;
};

/* --date, else today; -1 after a diagnostic. */
static int
args_init(struct args *a, struct lp_ctx *ctx, const struct opts *o)
{
	a->ctx = ctx;
	a->note = o->note;
	a->date = ctx->today;
	if (o->date && lp_date_parse(o->date, &a->date) < 0) {
		lp_error("--date: expected a date YYYY-MM-DD, got '%s'", o->date);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */

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

static const char *
yes_no(int b)
{
	return b ? "yes" : "no";
}

/* "one".."ten" read better in a sentence than digits; beyond, digits. */
static char *
count_words(int n)
{
	static const char *const words[] = {
		"no", "one", "two", "three", "four", "five", "six", "seven",
		"eight", "nine", "ten"
	};

	if (n >= 0 && n <= 10)
		return lp_xstrdup(words[n]);
	return lp_xasprintf("%d", n);
}

static const char *
plural(int n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* ------------------------------------------------------------------ */
/* Writing assessment.csv (set and the walk-through)                   */

/* The levels a command is about to record. */
struct change {
	int set[LP_NSTANDARDS];		/* 1 when standard i is being set */
	int level[LP_NSTANDARDS];
};

static int
change_count(const struct change *ch)
{
	int n = 0;

	for (int i = 0; i < LP_NSTANDARDS; i++)
		n += ch->set[i] != 0;
	return n;
}

/* "assess: LP5 extending, LP6 developing" */
static char *
change_message(const struct change *ch)
{
	struct lp_buf b = {0};
	const char *sep = "";

	lp_buf_adds(&b, "assess: ");
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		if (!ch->set[i])
			continue;
		lp_buf_addf(&b, "%s%s %s", sep, lp_standard_id(i), lp_level_name(ch->level[i]));
		sep = ", ";
	}
	return lp_buf_detach(&b);
}

/*
 * The new assessment.csv: p's rows with ch applied, LP1..LP10, plain RFC
 * 4180 (raw: no spreadsheet quote, so that a note such as "-ve feedback"
 * reads back as it was written), every extra column kept.
 */
static int
assessment_format(const struct lp_portfolio *p, const struct change *ch,
    lp_date date, const char *note, struct lp_buf *out)
{
	static const char *const base[] = { "standard", "level", "date", "note" };
	size_t nextra = p->assess_extra_cols.n, ncols = 4 + nextra;
	struct lp_col *cols = lp_xcalloc(ncols, sizeof *cols);
	const char **v = lp_xcalloc(ncols, sizeof *v);
	struct lp_writer *w;
	char *data = NULL;
	size_t len = 0;
	FILE *mem;
	int rc = -1;

	for (size_t k = 0; k < ncols; k++) {
		cols[k].name = k < 4 ? base[k] : p->assess_extra_cols.v[k - 4];
		cols[k].type = LP_COL_STR;
	}
	if (!(mem = open_memstream(&data, &len))) {
		lp_error("cannot format assessment.csv: %s", strerror(errno));
		goto out;
	}
	w = lp_writer_new(mem, LP_FMT_CSV, cols, ncols, 1);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		const struct lp_assessed *a = &p->assess[i];
		char day[11];

		if (!a->line && !ch->set[i])
			continue;
		lp_date_format(ch->set[i] ? date : a->date, day);
		v[0] = lp_standard_id(i);
		v[1] = lp_level_name(ch->set[i] ? ch->level[i] : a->level);
		v[2] = day;
		v[3] = ch->set[i] && note ? note : a->note;
		for (size_t k = 0; k < nextra; k++)
			v[4 + k] = k < p->assess_extra[i].n ? p->assess_extra[i].v[k] : "";
		lp_writer_row(w, v);
	}
	rc = lp_writer_finish(w);
	if (fclose(mem) != 0 || rc < 0) {
		lp_error("cannot format assessment.csv");
		rc = -1;
		goto out;
	}
	lp_buf_add(out, data, len);
	rc = 0;
out:
	free(data);
	free(v);
	free(cols);
	return rc;
}

/*
 * Record ch in root's assessment.csv under the portfolio lock, reading
 * the file afresh so that nothing another command wrote meanwhile is
 * lost, and commit it.  *wrote is 0 when the file already said all this.
 */
static int
assessment_save(const struct args *a, const char *root, const struct change *ch, int *wrote)
{
	struct lp_lock *lock = NULL;
	struct lp_portfolio p;
	struct lp_buf old = {0}, new = {0};
	char *path = lp_xasprintf("%s/assessment.csv", root), *msg = NULL;
	char *files[] = { "assessment.csv" };
	int rc = -1, got;

	memset(&p, 0, sizeof p);
	*wrote = 0;
	if (lp_lock_take(root, &lock) < 0)
		goto out;
	if (lp_portfolio_open(a->ctx, root, LP_LOAD_ASSESSMENT, &p) < 0)
		goto out;
	if ((got = lp_file_read(path, LP_FILE_MAX, &old)) < 0)
		goto out;
	if (assessment_format(&p, ch, a->date, a->note, &new) < 0)
		goto out;
	if (got == 0 && old.len == new.len && memcmp(lp_buf_str(&old), lp_buf_str(&new), new.len) == 0) {
		rc = 0;
		goto out;
	}
	if (lp_portfolio_commit_ready(a->ctx, root) < 0 ||
	    lp_file_write(path, lp_buf_str(&new), new.len, 0644) < 0)
		goto out;
	*wrote = 1;
	msg = change_message(ch);
	if (lp_portfolio_commit(a->ctx, root, files, 1, msg) < 0)
		goto out;
	rc = 0;
out:
	free(msg);
	lp_buf_free(&old);
	lp_buf_free(&new);
	lp_portfolio_free(&p);
	lp_lock_release(lock);
	free(path);
	return rc;
}

/* ------------------------------------------------------------------ */
/* set                                                                  */

/* "0" means none in answers and operands alike; lp_level_parse has 1-4. */
static int
level_answer(const char *s)
{
	if (strcmp(s, "0") == 0)
		return LP_LEVEL_NONE;
	return *s ? lp_level_parse(s) : -1;
}

/* "LP5=extending" into ch; a diagnostic naming the operand on error. */
static int
parse_assignment(const char *op, struct change *ch)
{
	const char *eq = strchr(op, '=');
	char *std;
	int i, level;

	if (!eq || eq == op) {
		lp_error("set: expected STANDARD=LEVEL (e.g. LP5=extending), got '%s'", op);
		return -1;
	}
	std = lp_xstrndup(op, (size_t)(eq - op));
	i = lp_standard_parse(std);
	free(std);
	if (i < 0) {
		lp_error("set: '%s': expected a standard LP1..LP10 before '='", op);
		return -1;
	}
	/* lp_level_parse reads "" as none; here an empty level is a slip. */
	if ((level = level_answer(eq + 1)) < 0) {
		lp_error("set: '%s': expected a level (none, underlying, developing, extending, transforming or 0-4)", op);
		return -1;
	}
	if (ch->set[i]) {
		lp_error("set: %s is given twice", lp_standard_id(i));
		return -1;
	}
	ch->set[i] = 1;
	ch->level[i] = level;
	return 0;
}

static int
cmd_set(struct lp_ctx *ctx, void *arg)
{
	struct args a;
	struct change ch;
	char *root = NULL;
	int wrote, rc = LP_EXIT_ERROR;

	memset(&ch, 0, sizeof ch);
	if (ctx->noperands == 0)
		return lp_usage_error(ctx, "set: expected one or more STANDARD=LEVEL");
	for (size_t k = 0; k < ctx->noperands; k++)
		if (parse_assignment(ctx->operands[k], &ch) < 0)
			return LP_EXIT_ERROR;
	if (args_init(&a, ctx, arg) < 0)
		return LP_EXIT_ERROR;
	if (lp_portfolio_find(ctx->dir, &root) < 0)
		goto out;
	if (assessment_save(&a, root, &ch, &wrote) < 0)
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
		v[6] = yes_no(lp_supported(p, i));
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

	(void)arg;
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

	(void)arg;
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

/* Where the best item's impact stopped, as a verb phrase. */
static const char *
reach_stops(int reach, int n)
{
	switch (reach) {
	case LP_REACH_COLLEAGUE:
		return n == 1 ? "stays with a single colleague" : "stay with single colleagues";
	case LP_REACH_TEAM:
		return n == 1 ? "stays within your own team" : "stay within your own team";
	case LP_REACH_INSTITUTION:
		return n == 1 ? "stays within your school or college" : "stay within your school or college";
	}
	return n == 1 ? "reaches beyond your institution" : "reach beyond your institution";
}

/* What a level asks of the evidence, in reach. */
static const char *
level_asks(int level)
{
	switch (level) {
	case LP_LEVEL_UNDERLYING:
		return "underlying asks for one colleague who has taken up something from your practice";
	case LP_LEVEL_DEVELOPING:
		return "developing asks for your own team to take it up in its planning or teaching";
	case LP_LEVEL_EXTENDING:
		return "extending asks for colleagues beyond your team, elsewhere in your school or college, to change what they do";
	}
	return "transforming asks for practitioners in other institutions to adopt your work";
}

/* What this portfolio's evidence for standard i looks like. */
struct coach_facts {
	int i;
	int level;		/* claimed */
	int ev;			/* evidence level */
	int n;			/* items naming it */
	int counted;		/* items that say how many colleagues took part */
	const struct lp_evidence *all_ten;	/* an item naming every standard */
};

static void
coach_facts(const struct lp_portfolio *p, int i, struct coach_facts *f)
{
	memset(f, 0, sizeof *f);
	f->i = i;
	f->level = p->assess[i].level;
	f->ev = lp_evidence_level(p, i);
	f->n = lp_evidence_count(p, i);
	for (size_t k = 0; k < p->nev; k++) {
		const struct lp_evidence *e = &p->ev[k];

		if (!(e->standards & (1u << i)))
			continue;
		if (e->colleagues >= 0)
			f->counted++;
		if (!f->all_ten && e->standards == (1u << LP_NSTANDARDS) - 1)
			f->all_ten = e;
	}
}

/*
 * The level the prompt works toward: an unsupported claim must be earned
 * first; an unassessed standard starts from what the evidence shows.
 */
static int
coach_target(const struct coach_facts *f)
{
	int base = f->level ? f->level : f->ev;

	if (f->level > f->ev)
		return f->level;
	return base < LP_LEVEL_TRANSFORMING ? base + 1 : LP_LEVEL_TRANSFORMING;
}

/* "Your two LP8 items both stay within your own team" */
static void
add_reach_sentence(struct lp_buf *b, const struct coach_facts *f)
{
	const char *id = lp_standard_id(f->i);
	char *words = count_words(f->n);

	if (f->n == 1)
		lp_buf_addf(b, "your only %s item %s", id, reach_stops(f->ev, 1));
	else if (f->n == 2)
		lp_buf_addf(b, "your two %s items both %s", id, reach_stops(f->ev, 2));
	else
		lp_buf_addf(b, "all %s of your %s items %s", words, id, reach_stops(f->ev, f->n));
	free(words);
}

static void
add_capital(struct lp_buf *b, size_t from)
{
	if (b->len > from && b->data[from] >= 'a' && b->data[from] <= 'z')
		b->data[from] -= 'a' - 'A';
}

/*
 * The sentence about this standard's situation.  Returns 1 when it
 * already ends in the question to ask (nothing for the framework's
 * prompt to add), else 0.
 */
static int
coach_situation(struct lp_buf *b, const struct coach_facts *f, int target)
{
	const char *id = lp_standard_id(f->i);
	const char *lv = lp_level_name(f->level), *ev = lp_level_name(f->ev);
	char *words = count_words(f->n);
	size_t at = b->len;
	int asked = 0;

	if (f->level == LP_LEVEL_NONE && f->n == 0) {
		lp_buf_addf(b, "%s is not assessed yet, and no evidence item names it: "
		    "start with something small that one colleague could take up.", id);
	} else if (f->level == LP_LEVEL_NONE) {
		lp_buf_addf(b, "%s is not assessed yet, but your %s %s %s already %s %s. "
		    "Record it with 'lp-assess set %s=%s'",
		    id, words, id, plural(f->n, "item", "items"),
		    plural(f->n, "supports", "support"), ev, id, ev);
		if (f->ev == LP_LEVEL_TRANSFORMING) {
			lp_buf_adds(b, ": have you thought about doing that now?");
			asked = 1;
		} else {
			lp_buf_addf(b, ", then aim for %s.", lp_level_name(target));
		}
	} else if (f->n == 0) {
		lp_buf_addf(b, "You rate %s at %s, but no evidence item names %s yet, "
		    "so nothing supports the claim; %s.", id, lv, id, level_asks(target));
	} else if (f->level > f->ev) {
		lp_buf_addf(b, "You rate %s at %s, but ", id, lv);
		add_reach_sentence(b, f);
		lp_buf_addf(b, ", which supports only %s; %s.", ev, level_asks(target));
	} else if (f->ev >= target) {
		lp_buf_addf(b, "Your evidence for %s already supports %s, above your claim of %s: "
		    "have you thought about raising it with 'lp-assess set %s=%s'?",
		    id, ev, lv, id, ev);
		asked = 1;
	} else if (f->n >= 3 && f->ev == LP_LEVEL_EXTENDING) {
		lp_buf_addf(b, "You have %s %s items, but none reaches beyond your school or "
		    "college; %s.", words, id, level_asks(target));
	} else {
		add_reach_sentence(b, f);
		lp_buf_addf(b, ", which supports %s; %s.", ev, level_asks(target));
	}
	add_capital(b, at);
	free(words);
	return asked;
}

/* Remarks that hold whatever the reach: thin, uncounted or sprawling evidence. */
static void
coach_remarks(struct lp_buf *b, const struct coach_facts *f)
{
	if (f->n == 1)
		lp_buf_adds(b, " One item is thin evidence for a whole standard; a second, "
		    "different activity would make it sturdier.");
	if (f->n > 0 && f->counted == 0)
		lp_buf_addf(b, " %s how many colleagues took part; adding 'colleagues:' "
		    "would show the scale of the impact.",
		    f->n == 1 ? "It does not say" : f->n == 2 ? "Neither says" : "None of them says");
	if (f->all_ten)
		lp_buf_addf(b, " '%s' names all ten standards; one piece of work rarely "
		    "evidences them all well, so say which it really shows.", f->all_ten->title);
}

static int
cmd_coach(struct lp_ctx *ctx, void *arg)
{
	const struct lp_framework *fw = ctx->fw;
	struct lp_portfolio p;
	struct lp_writer *w;
	char *root = NULL;
	int rc = LP_EXIT_ERROR;

	memset(&p, 0, sizeof p);
	(void)arg;
	if (find_one(ctx, &root) < 0 ||
	    lp_portfolio_open(ctx, root, LP_LOAD_ASSESSMENT | LP_LOAD_EVIDENCE, &p) < 0)
		goto out;
	w = lp_ctx_writer(ctx, coach_cols, NCOACH);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		struct coach_facts f;
		struct lp_buf prompt = {0};
		const char *v[NCOACH];
		int target;

		coach_facts(&p, i, &f);
		if (f.level == LP_LEVEL_TRANSFORMING && f.ev >= f.level)
			continue;	/* nothing left to reach for */
		target = coach_target(&f);
		if (!coach_situation(&prompt, &f, target)) {
			coach_remarks(&prompt, &f);
			lp_buf_addf(&prompt, " %s", fw->std[i].prompt[target]);
		} else {
			coach_remarks(&prompt, &f);
		}
		v[0] = lp_standard_id(i);
		v[1] = lp_level_name(f.level);
		v[2] = lp_level_name(target);
		v[3] = lp_buf_str(&prompt);
		lp_writer_row(w, v);
		lp_buf_free(&prompt);
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
	{ "date", LP_COL_DATE },
	{ "commit", LP_COL_STR },
	{ "standard", LP_COL_STR },
	{ "level", LP_COL_STR },
};
#define NHISTORY (sizeof history_cols / sizeof history_cols[0])

static int
git_failed(const char *where)
{
	const git_error *e = git_error_last();

	lp_error("%s: %s", where, e && e->message ? e->message : "unknown git error");
	return -1;
}

/*
 * The levels in one version of assessment.csv.  Only what history needs
 * (standard and level) is read, with the same rules as the loader's.
 */
static int
parse_levels(const char *data, size_t len, const char *name, int level[LP_NSTANDARDS])
{
	static const char *const header[] = { "standard", "level", "date", "note" };
	struct lp_reader *r = lp_reader_new_mem(data, len, name, LP_READ_CSV_ONLY);
	const struct lp_strv *cols;
	const struct lp_row *row;
	long seen[LP_NSTANDARDS] = {0};
	int got, rc = -1;

	for (int i = 0; i < LP_NSTANDARDS; i++)
		level[i] = LP_LEVEL_NONE;
	got = lp_reader_next(r, &row);
	if (got < 0)
		goto out;
	cols = lp_reader_columns(r);
	for (size_t k = 0; k < 4; k++) {
		if (k >= cols->n || strcmp(cols->v[k], header[k]) != 0) {
			lp_errorat(name, 1, "expected the header standard,level,date,note");
			goto out;
		}
	}
	for (; got == 1; got = lp_reader_next(r, &row)) {
		const char *s = row->values[0] ? row->values[0] : "";
		const char *l = row->n > 1 && row->values[1] ? row->values[1] : "";
		int i = lp_standard_parse(s), lv;

		if (i < 0) {
			lp_errorat(name, row->line, "expected a standard LP1..LP10, got '%s'", s);
			goto out;
		}
		if (seen[i]) {
			lp_errorat(name, row->line, "%s is assessed twice (first on line %ld)",
			    lp_standard_id(i), seen[i]);
			goto out;
		}
		if ((lv = lp_level_parse(l)) < 0) {
			lp_errorat(name, row->line, "%s: expected a level (none, underlying, "
			    "developing, extending, transforming), got '%s'", lp_standard_id(i), l);
			goto out;
		}
		seen[i] = row->line;
		level[i] = lv;
	}
	rc = got < 0 ? -1 : 0;
out:
	lp_reader_free(r);
	return rc;
}

/* What history keeps of each commit on the first-parent line. */
struct hist_commit {
	git_oid id;
	git_oid tree;
	lp_date day;		/* committer date, UTC */
};

struct history {
	git_repository *repo;
	char *path;		/* prefix + "assessment.csv" */
	struct lp_writer *w;
	struct hist_commit *line;	/* newest first, as walked */
	size_t n;
	int level[LP_NSTANDARDS];
	git_oid blob;		/* the version the levels came from */
	int present;
	int failed;
};

/* The committer date in UTC, whatever the committer's zone. */
static lp_date
commit_day(const git_commit *c)
{
	git_time_t t = git_commit_time(c);

	return (lp_date)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

/*
 * The first-parent line from start back to the root commit, in one walk.
 * libgit2 1.5's git_revwalk fails on the first missing parent of a
 * shallow clone, so the line is followed here: in a shallow repository
 * it ends where the objects end, as `git log` does.
 */
static int
history_line(struct history *h, const git_oid *start)
{
	int shallow = git_repository_is_shallow(h->repo) == 1;
	size_t cap = 0;
	git_oid next;
	int r;

	git_oid_cpy(&next, start);
	for (;;) {
		git_commit *c = NULL;
		struct hist_commit *hc;

		if ((r = git_commit_lookup(&c, h->repo, &next)) < 0) {
			if (r == GIT_ENOTFOUND && shallow && h->n > 0) {
				git_error_clear();
				return 0;
			}
			return git_failed(git_oid_tostr_s(&next));
		}
		if (h->n == cap) {
			cap = cap ? cap * 2 : 256;
			h->line = lp_xreallocarray(h->line, cap, sizeof *h->line);
		}
		hc = &h->line[h->n++];
		git_oid_cpy(&hc->id, git_commit_id(c));
		git_oid_cpy(&hc->tree, git_commit_tree_id(c));
		hc->day = commit_day(c);
		r = git_commit_parentcount(c) > 0;
		if (r)
			git_oid_cpy(&next, git_commit_parent_id(c, 0));
		git_commit_free(c);
		if (!r)
			return 0;
	}
}

/* The blob of assessment.csv in a commit's tree: 1 found, 0 absent, -1 error. */
static int
history_blob(struct history *h, const struct hist_commit *hc, git_oid *blob)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	int rc;

	if (git_tree_lookup(&tree, h->repo, &hc->tree) < 0)
		return git_failed(git_oid_tostr_s(&hc->id));
	rc = git_tree_entry_bypath(&e, tree, h->path);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		rc = 0;
	} else if (rc < 0) {
		rc = git_failed(git_oid_tostr_s(&hc->id));
	} else if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		rc = 0;		/* a directory of that name is no assessment */
	} else {
		git_oid_cpy(blob, git_tree_entry_id(e));
		rc = 1;
	}
	git_tree_entry_free(e);
	git_tree_free(tree);
	return rc;
}

static void
history_emit(struct history *h, const struct hist_commit *hc, const int level[LP_NSTANDARDS])
{
	char day[11], id[8];

	lp_date_format(hc->day, day);
	git_oid_tostr(id, sizeof id, &hc->id);
	for (int i = 0; i < LP_NSTANDARDS; i++) {
		const char *v[NHISTORY];

		if (level[i] == h->level[i])
			continue;
		v[0] = day;
		v[1] = id;
		v[2] = lp_standard_id(i);
		v[3] = lp_level_name(level[i]);
		lp_writer_row(h->w, v);
		h->level[i] = level[i];
	}
}

/* One commit, oldest first: the file is read only when its blob changed. */
static int
history_step(struct history *h, const struct hist_commit *hc)
{
	int level[LP_NSTANDARDS] = {0};
	git_blob *blob = NULL;
	git_oid now;
	char id[8], *name;
	int present, parsed;

	if ((present = history_blob(h, hc, &now)) < 0)
		return -1;
	if (present == h->present && (!present || git_oid_equal(&now, &h->blob)))
		return 0;
	h->present = present;
	if (!present) {
		history_emit(h, hc, level);	/* the file went: every standard none */
		return 0;
	}
	git_oid_cpy(&h->blob, &now);
	if (git_blob_lookup(&blob, h->repo, &now) < 0)
		return git_failed(git_oid_tostr_s(&now));
	git_oid_tostr(id, sizeof id, &hc->id);
	name = lp_xasprintf("%s:%s", id, h->path);
	parsed = parse_levels(git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob),
	    name, level);
	free(name);
	git_blob_free(blob);
	/* A version that does not parse is skipped: the next is compared with the last good one. */
	if (parsed < 0)
		h->failed = 1;
	else
		history_emit(h, hc, level);
	return 0;
}

/*
 * The history in one pass over the first-parent line, comparing the blob
 * id of assessment.csv from commit to commit: no tree diffs, and only the
 * versions that changed are parsed.
 */
static int
history_walk(struct history *h, const git_oid *start)
{
	if (history_line(h, start) < 0)
		return -1;
	for (size_t k = h->n; k-- > 0;)
		if (history_step(h, &h->line[k]) < 0)
			return -1;
	return 0;
}

/* The commit history starts from: --at, else HEAD; 1 when the branch has none yet. */
static int
history_start(struct lp_git *g, const char *at, git_oid *start)
{
	git_repository *repo = lp_git_repo(g);
	git_object *obj = NULL, *commit = NULL;
	char shortid[16];
	int rc = -1;

	if (!at) {
		if (git_repository_head_unborn(repo) == 1)
			return 1;
		at = "HEAD";
	} else if (lp_git_resolve(g, at, shortid) < 0) {
		return -1;	/* named: "unknown revision" */
	}
	if (git_revparse_single(&obj, repo, at) < 0 ||
	    git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		git_failed(at);
		goto out;
	}
	git_oid_cpy(start, git_object_id(commit));
	rc = 0;
out:
	git_object_free(commit);
	git_object_free(obj);
	return rc;
}

static int
cmd_history(struct lp_ctx *ctx, void *arg)
{
	struct history h;
	struct lp_git *g = NULL;
	char *root = NULL, *prefix = NULL;
	git_oid start;
	int rc = LP_EXIT_ERROR, r;

	(void)arg;
	memset(&h, 0, sizeof h);
	if (find_one(ctx, &root) < 0)
		goto out;
	if ((r = lp_git_open(root, &g)) == 1)
		lp_error("%s: not in a git work tree, so there is no history", root);
	if (r != 0)
		goto out;
	if (lp_git_prefix(g, root, &prefix) < 0)
		goto out;
	h.repo = lp_git_repo(g);
	h.path = lp_xasprintf("%sassessment.csv", prefix);
	if ((r = history_start(g, ctx->at, &start)) < 0)
		goto out;
	h.w = lp_ctx_writer(ctx, history_cols, NHISTORY);
	if (r == 0 && history_walk(&h, &start) < 0)
		h.failed = 1;
	if (lp_writer_finish(h.w) < 0)
		h.failed = 1;
	rc = h.failed ? LP_EXIT_ERROR : LP_EXIT_OK;
out:
	free(h.line);
	free(h.path);
	free(prefix);
	lp_git_free(g);
	free(root);
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

	(void)arg;
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

static size_t
terminal_width(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
		return ws.ws_col > 120 ? 120 : ws.ws_col;
	return 80;
}

/* Print text word-wrapped, the cursor at column col, continuation lines at indent. */
static void
wrap(const char *text, size_t col, size_t indent, size_t width)
{
	const char *s = text;
	int first = 1;

	while (*s) {
		size_t n = strcspn(s, " \n"), w;
		char *word = lp_xstrndup(s, n);

		w = lp_utf8_width(word);
		if (!first && col + 1 + w > width) {
			printf("\n%*s", (int)indent, "");
			col = indent;
		} else if (!first) {
			putchar(' ');
			col++;
		}
		fputs(word, stdout);
		col += w;
		first = 0;
		free(word);
		s += n;
		s += strspn(s, " \n");
	}
	putchar('\n');
}

static void
walk_show(const struct lp_ctx *ctx, const struct lp_portfolio *p, int i,
    int level, size_t width)
{
	const struct lp_standard *st = &ctx->fw->std[i];
	int ev = lp_evidence_level(p, i), n = lp_evidence_count(p, i);

	printf("\n%s  %s  (%s)\n", lp_standard_id(i), st->name, st->group);
	for (int l = LP_LEVEL_UNDERLYING; l < LP_NLEVELS; l++) {
		printf("  %d %-12s  ", l, lp_level_name(l));
		wrap(st->descriptor[l], 18, 18, width);
	}
	printf("  Now: %s", lp_level_name(level));
	if (level != p->assess[i].level)
		printf(" (was %s)", lp_level_name(p->assess[i].level));
	if (n == 0)
		printf(".  Evidence: none yet.\n");
	else
		printf(".  Evidence supports: %s (%d %s, best reach %s).\n",
		    lp_level_name(ev), n, plural(n, "item", "items"), lp_reach_name(ev));
}

/* One answer, trimmed; NULL at end of input. */
static char *
walk_read(const char *prompt, char **line, size_t *cap)
{
	ssize_t n;
	char *s;

	fputs(prompt, stdout);
	fflush(stdout);
	if ((n = getline(line, cap, stdin)) < 0) {
		putchar('\n');
		return NULL;
	}
	s = *line;
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

enum walk_end { WALK_SAVE, WALK_QUIT };

/* Ask for each standard in turn from start; level[] holds the answers. */
static enum walk_end
walk_questions(const struct lp_ctx *ctx, const struct lp_portfolio *p,
    int level[LP_NSTANDARDS], int start)
{
	size_t width = terminal_width(), cap = 0;
	char *line = NULL, *ans, prompt[64];
	enum walk_end end = WALK_QUIT;
	int i = start, shown = -1;

	while (i < LP_NSTANDARDS) {
		int l;

		if (shown != i)
			walk_show(ctx, p, i, level[i], width);
		shown = i;
		snprintf(prompt, sizeof prompt, "%s [%s]: ", lp_standard_id(i), lp_level_name(level[i]));
		if (!(ans = walk_read(prompt, &line, &cap)))
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
		} else if ((l = level_answer(ans)) >= 0) {
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
walk_confirm(const struct lp_portfolio *p, const struct change *ch)
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
		if (!(ans = walk_read("Save? [Y/n] ", &line, &cap)))
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
	struct args a;
	struct lp_portfolio p;
	struct change ch;
	int level[LP_NSTANDARDS];
	char *root = NULL, *msg = NULL;
	int rc = LP_EXIT_ERROR, wrote, saving;

	memset(&p, 0, sizeof p);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		lp_error("the walk-through needs a terminal; use lp-assess set LP1=extending ...");
		return LP_EXIT_ERROR;
	}
	if (args_init(&a, ctx, arg) < 0)
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
		if (change_count(&ch) == 0) {
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
	if (assessment_save(&a, root, &ch, &wrote) < 0)
		goto out;
	msg = change_message(&ch);
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
#define COHORTS (B(CMD_SHOW) | B(CMD_CHECK))

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
	{ "history", "[PORTFOLIO]", "each change of a standard's level in the git history",
	    0, 1, cmd_history, LP_CLI_V_DIR, 0 },
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
