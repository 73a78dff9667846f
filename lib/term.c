/*
 * term.c - talking with a person at a terminal.
 *
 * The interactive walk-through of lp-assess shows long descriptors and
 * asks short questions; the wrapping is by display width (lp_utf8_width)
 * so that a descriptor with accents or CJK text lines up.
 */
#include <sys/ioctl.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lp.h"
#include "term.h"

size_t
lp_term_width(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
		return ws.ws_col > 120 ? 120 : ws.ws_col;
	return 80;
}

void
lp_term_wrap(FILE *f, const char *text, size_t col, size_t indent, size_t width)
{
	const char *s = text;
	int first = 1;

	while (*s) {
		size_t n = strcspn(s, " \n"), w;
		char *word = lp_xstrndup(s, n);

		w = lp_utf8_width(word);
		if (!first && col + 1 + w > width) {
			fprintf(f, "\n%*s", (int)indent, "");
			col = indent;
		} else if (!first) {
			fputc(' ', f);
			col++;
		}
		fputs(word, f);
		col += w;
		first = 0;
		free(word);
		s += n;
		s += strspn(s, " \n");
	}
	fputc('\n', f);
}

char *
lp_term_ask(const char *prompt, char **line, size_t *cap)
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
