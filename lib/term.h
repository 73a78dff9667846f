/*
 * term.h - talking with a person at a terminal (the walk-through).
 */
#ifndef LP_TERM_H
#define LP_TERM_H

#include <stdio.h>

/* The width of standard output's terminal, kept between 40 and 120; 80 when unknown. */
size_t lp_term_width(void);
/*
 * Print text to f word-wrapped at width (display columns), the cursor
 * being at column col, continuation lines indented to indent; ends the line.
 */
void lp_term_wrap(FILE *f, const char *text, size_t col, size_t indent, size_t width);
/*
 * Print prompt on standard output and read one answer from standard
 * input, trimmed of blanks and the line end; NULL at end of input.
 * *line and *cap are getline's buffer (the caller frees *line).
 */
char *lp_term_ask(const char *prompt, char **line, size_t *cap);

#endif
