/*
 * diag.c - diagnostics, allocation wrappers and the exit path.
 *
 * Every message a program prints about a problem goes through here, so
 * they all read "PROGRAM: FILE:LINE: message" and the exit status means
 * the same in every tool.  Allocation failure is not worth recovering
 * from in a command-line tool: it ends the program with status 2.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lp.h"

/*
 * The program name, set once by main before anything else runs, and
 * whether a progress line is showing on stderr, so that a diagnostic
 * can clear it first.  These are the process-wide state the library
 * keeps: both describe the one stderr a process has.
 */
static const char *progname = "lp";
static int progress_showing;
static int quiet;		/* -q: warnings are not printed */

void
lp_diag_quiet(int on)
{
	quiet = on;
}

/*
 * Where this thread's diagnostics go: stderr, or a findings list while a
 * validator (or a reader thread of a cohort walk) collects them to print
 * once, in order.  Thread-local, so that threads reading portfolios side
 * by side never mix their findings.
 */
static _Thread_local struct lp_findings *sink;

struct lp_findings *
lp_diag_capture(struct lp_findings *f)
{
	struct lp_findings *old = sink;

	sink = f;
	return old;
}

void
lp_progress_show(const char *fmt, ...)
{
	struct lp_buf b = {0};
	va_list ap;
	int n;

	lp_buf_adds(&b, "\r\033[K");
	lp_buf_addf(&b, "%s: ", progname);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		size_t at = b.len;

		lp_buf_add(&b, NULL, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b.data + at, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	fwrite(b.data, 1, b.len, stderr);
	fflush(stderr);
	progress_showing = 1;
	lp_buf_free(&b);
}

void
lp_progress_clear(void)
{
	if (progress_showing)
		fputs("\r\033[K", stderr);
	progress_showing = 0;
}

void
lp_setprogname(const char *argv0)
{
	const char *slash = argv0 ? strrchr(argv0, '/') : NULL;

	if (argv0 && *argv0)
		progname = slash ? slash + 1 : argv0;
}

const char *
lp_progname(void)
{
	return progname;
}

/* The message of a diagnostic, formatted. */
static char *
vformat(const char *fmt, va_list ap)
{
	struct lp_buf b = {0};
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	lp_buf_add(&b, NULL, 0);
	if (n > 0) {
		lp_buf_add(&b, NULL, (size_t)n);
		vsnprintf(b.data, (size_t)n + 1, fmt, ap);
	}
	return lp_buf_detach(&b);
}

void
lp_diag_print(const char *file, long line, int warning, const char *message)
{
	/* One fwrite keeps messages whole when two tools share stderr. */
	struct lp_buf b = {0};

	lp_buf_addf(&b, "%s: ", progname);
	/*
	 * Control characters from files never reach a terminal raw: a file
	 * name with a newline cannot forge a diagnostic line, an escape in a
	 * field cannot drive the terminal (as git quotes a path).
	 */
	if (file && *file) {
		char *q = lp_str_quote_ctrl(file);

		lp_buf_adds(&b, q);
		free(q);
		lp_buf_addc(&b, ':');
		if (line > 0)
			lp_buf_addf(&b, "%ld:", line);
		lp_buf_addc(&b, ' ');
	}
	if (warning)
		lp_buf_adds(&b, "warning: ");
	{
		char *q = lp_str_quote_ctrl(message);

		lp_buf_adds(&b, q);
		free(q);
	}
	lp_buf_addc(&b, '\n');
	lp_progress_clear();
	fwrite(b.data, 1, b.len, stderr);
	lp_buf_free(&b);
}

void
lp_diag_fail(void)
{
	/* The diagnostic just said is why: it is printed even with -q. */
	if (sink) {
		sink->failed = 1;
		if (sink->n)
			sink->v[sink->n - 1].fatal = 1;
	}
}

void
lp_diag_replay(const struct lp_findings *f)
{
	if (sink && f->failed)
		sink->failed = 1;
	for (size_t i = 0; i < f->n; i++) {
		const struct lp_finding *d = &f->v[i];
		int warning = d->severity == LP_SEV_WARNING;

		if (sink) {
			lp_findings_add_text(sink, d->file, d->line, d->severity, d->message);
			sink->v[sink->n - 1].fatal = d->fatal;
		}
		else if (!(warning && quiet))
			lp_diag_print(d->file, d->line, warning, d->message);
	}
}

static void
vdiag(const char *file, long line, int warning, const char *fmt, va_list ap)
{
	char *msg = vformat(fmt, ap);

	if (sink)
		lp_findings_add_text(sink, file, line,
		    warning ? LP_SEV_WARNING : LP_SEV_ERROR, msg);
	else if (!(warning && quiet))
		lp_diag_print(file, line, warning, msg);
	free(msg);
}

void
lp_verrorat(const char *file, long line, const char *fmt, va_list ap)
{
	vdiag(file, line, 0, fmt, ap);
}

void
lp_errorat(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lp_verrorat(file, line, fmt, ap);
	va_end(ap);
}

void
lp_warnat(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(file, line, 1, fmt, ap);
	va_end(ap);
}

void
lp_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lp_verrorat(NULL, 0, fmt, ap);
	va_end(ap);
}

void
lp_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(NULL, 0, 1, fmt, ap);
	va_end(ap);
}

void
lp_die(const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = vformat(fmt, ap);
	va_end(ap);
	lp_diag_print(NULL, 0, 0, msg);
	free(msg);
	exit(LP_EXIT_ERROR);
}

static _Noreturn void
out_of_memory(void)
{
	/* No allocation here: the message is a constant. */
	fputs(progname, stderr);
	fputs(": out of memory\n", stderr);
	exit(LP_EXIT_ERROR);
}

void *
lp_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *
lp_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *
lp_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		out_of_memory();
	return q;
}

void *
lp_xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		out_of_memory();
	return lp_xrealloc(p, n * size);
}

char *
lp_xstrdup(const char *s)
{
	return lp_xstrndup(s, strlen(s));
}

char *
lp_xstrndup(const char *s, size_t n)
{
	char *p = lp_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
lp_xasprintf(const char *fmt, ...)
{
	char small[256], *out;
	va_list ap;
	int n;

	/* Most results are paths and labels: formatted once, on the stack. */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	out = lp_xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof small) {
		memcpy(out, small, (size_t)n + 1);
		return out;
	}
	va_start(ap, fmt);
	vsnprintf(out, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return out;
}

/*
 * The one stdout can fail once: the row writer that sees it and lp_close_stdout
 * at the end would both say so, so it is said once per process.
 */
static int stdout_error_said;

void
lp_write_error(FILE *f, int err)
{
	/* A reader that went away (head, a closed pager) is not our error to report. */
	if (err == EPIPE)
		return;
	if (f == stdout) {
		if (stdout_error_said)
			return;
		stdout_error_said = 1;
	}
	lp_error("write error%s: %s", f == stdout ? " on standard output" : "",
	    err ? strerror(err) : "output stream failed");
}

int
lp_close_stdout(int status)
{
	int failed = ferror(stdout);

	if (fflush(stdout) != 0)
		failed = 1;
	if (fclose(stdout) != 0)
		failed = 1;
	if (!failed)
		return status;
	lp_write_error(stdout, errno);
	return LP_EXIT_ERROR;
}
