/*
 * finding.c - what a validator found, collected and printed once.
 *
 * SPEC 4: a validator (lp check, lp-evidence check, lp-assess check,
 * lp-reaccredit check) reports every problem in the portfolio's own
 * files as a finding, all of them in one run, each once.  Findings are
 * collected here (the loaders' diagnostics arrive through the diag.c
 * sink) and printed by one printer: as diagnostics on stderr, or with
 * -o as rows portfolio,file,line,severity,message on stdout, the same
 * columns in every validator so that CI can turn them into annotations.
 */
#include <stdlib.h>
#include <string.h>

#include "lp.h"

void
lp_findings_add_text(struct lp_findings *f, const char *file, long line,
    enum lp_severity sev, const char *message)
{
	struct lp_finding *x;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->v = lp_xreallocarray(f->v, f->cap, sizeof *f->v);
	}
	x = &f->v[f->n++];
	x->portfolio = f->portfolio ? lp_xstrdup(f->portfolio) : NULL;
	x->file = file && *file ? lp_xstrdup(file) : NULL;
	x->line = line > 0 ? line : 0;
	x->severity = sev;
	x->message = lp_xstrdup(message);
	x->fatal = 0;
}

void
lp_findings_add(struct lp_findings *f, const char *file, long line,
    enum lp_severity sev, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = lp_xmalloc(n > 0 ? (size_t)n + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	va_end(ap);
	lp_findings_add_text(f, file, line, sev, msg);
	free(msg);
}

void
lp_findings_set_portfolio(struct lp_findings *f, size_t from, const char *id)
{
	free(f->portfolio);
	f->portfolio = id ? lp_xstrdup(id) : NULL;
	for (size_t i = from; i < f->n; i++)
		if (!f->v[i].portfolio && id)
			f->v[i].portfolio = lp_xstrdup(id);
}

size_t
lp_findings_count(const struct lp_findings *f, enum lp_severity sev)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n; i++)
		n += f->v[i].severity == sev;
	return n;
}

void
lp_findings_fail(struct lp_findings *f, const char *file)
{
	f->failed = 1;
	for (size_t i = 0; i < f->n; i++)
		if (file && f->v[i].file && strcmp(f->v[i].file, file) == 0)
			f->v[i].fatal = 1;
}

void
lp_findings_move(struct lp_findings *to, struct lp_findings *from)
{
	for (size_t i = 0; i < from->n; i++) {
		if (to->n == to->cap) {
			to->cap = to->cap ? to->cap * 2 : 16;
			to->v = lp_xreallocarray(to->v, to->cap, sizeof *to->v);
		}
		to->v[to->n++] = from->v[i];
	}
	to->failed |= from->failed;
	from->n = 0;
}

/* Print every finding: diagnostics, or rows with -o.  -q prints nothing. */
int
lp_findings_print(const struct lp_ctx *ctx, const struct lp_findings *f)
{
	static const struct lp_col cols[] = {
		{ "portfolio", LP_COL_STR }, { "file", LP_COL_STR },
		{ "line", LP_COL_INT }, { "severity", LP_COL_STR },
		{ "message", LP_COL_STR },
	};
	struct lp_writer *w;

	if (ctx->quiet) {
		/* -q: the exit status speaks, but an error that makes it 2 is still said. */
		for (size_t i = 0; i < f->n; i++)
			if (f->v[i].fatal)
				lp_diag_print(f->v[i].file, f->v[i].line, 0, f->v[i].message);
		return 0;
	}
	if (!ctx->format_set) {
		for (size_t i = 0; i < f->n; i++)
			lp_diag_print(f->v[i].file, f->v[i].line,
			    f->v[i].severity == LP_SEV_WARNING, f->v[i].message);
		return 0;
	}
	w = lp_ctx_writer(ctx, cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < f->n; i++) {
		char line[24];
		const char *row[5];

		snprintf(line, sizeof line, "%ld", f->v[i].line);
		row[0] = f->v[i].portfolio;
		row[1] = f->v[i].file;
		row[2] = f->v[i].line > 0 ? line : NULL;
		row[3] = f->v[i].severity == LP_SEV_WARNING ? "warning" : "error";
		row[4] = f->v[i].message;
		lp_writer_row(w, row);
	}
	return lp_writer_finish(w);
}

int
lp_findings_status(const struct lp_findings *f)
{
	if (f->failed)
		return LP_EXIT_ERROR;
	return lp_findings_count(f, LP_SEV_ERROR) ? LP_EXIT_FOUND : LP_EXIT_OK;
}

void
lp_findings_free(struct lp_findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].portfolio);
		free(f->v[i].file);
		free(f->v[i].message);
	}
	free(f->v);
	free(f->portfolio);
	memset(f, 0, sizeof *f);
}
