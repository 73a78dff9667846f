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
 * The program name, set once by main before anything else runs.  It is
 * the one piece of process-wide state the library keeps.
 */
static const char *progname = "lp";

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

void
lp_verrorat(const char *file, long line, const char *fmt, va_list ap)
{
	/* One fputs-sized write keeps messages whole when two tools share stderr. */
	struct lp_buf b = {0};
	va_list aq;
	int n;
	char small[1];

	lp_buf_addf(&b, "%s: ", progname);
	if (file && *file)
		lp_buf_addf(&b, "%s:", file);
	if (file && *file && line > 0)
		lp_buf_addf(&b, "%ld:", line);
	if (file && *file)
		lp_buf_addc(&b, ' ');
	va_copy(aq, ap);
	n = vsnprintf(small, sizeof small, fmt, aq);
	va_end(aq);
	if (n > 0) {
		size_t at = b.len;
		lp_buf_add(&b, NULL, (size_t)n);
		vsnprintf(b.data + at, (size_t)n + 1, fmt, ap);
	}
	lp_buf_addc(&b, '\n');
	fwrite(b.data, 1, b.len, stderr);
	lp_buf_free(&b);
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
	struct lp_buf b = {0};
	va_list ap;

	lp_buf_adds(&b, "warning: ");
	lp_buf_adds(&b, fmt);
	va_start(ap, fmt);
	lp_verrorat(file, line, lp_buf_str(&b), ap);
	va_end(ap);
	lp_buf_free(&b);
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
	struct lp_buf b = {0};
	va_list ap;

	lp_buf_adds(&b, "warning: ");
	lp_buf_adds(&b, fmt);
	va_start(ap, fmt);
	lp_verrorat(NULL, 0, lp_buf_str(&b), ap);
	va_end(ap);
	lp_buf_free(&b);
}

void
lp_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lp_verrorat(NULL, 0, fmt, ap);
	va_end(ap);
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
	struct lp_buf b = {0};
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	lp_buf_add(&b, NULL, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b.data, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return lp_buf_detach(&b);
}

int
lp_exit(int status)
{
	int failed = ferror(stdout);

	if (fflush(stdout) != 0)
		failed = 1;
	if (fclose(stdout) != 0)
		failed = 1;
	if (!failed)
		return status;
	/* A reader that went away (head, a closed pager) is not our error to report. */
	if (errno == EPIPE)
		return LP_EXIT_ERROR;
	lp_error("write error on standard output: %s",
	    errno ? strerror(errno) : "unknown error");
	return LP_EXIT_ERROR;
}
