/*
 * rows-int.h - what the parts of the row reader and writer share, and
 * nothing any other file should see: the reader's state, the byte source
 * the CSV and JSON readers pull from, and the number and formula rules
 * the writer and the CSV reader must agree on.
 *
 *   rows.c        formats, formula neutralisation, the byte source and
 *                 the reader's interface (detection, lp_reader_next)
 *   rows-csv.c    CSV through libcsv
 *   rows-json.c   JSON and JSON Lines: rows from cJSON's objects
 *   rows-json-scan.c  the scanner in front of cJSON: one row's object
 *                 cut out of the stream, and what cJSON refuses worded
 *   rows-write.c  the writer: table, CSV, TSV, JSON, JSON Lines, xlsx
 */
#ifndef LP_ROWS_INT_H
#define LP_ROWS_INT_H

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>

#include "lp.h"

#define READ_CHUNK	(64u << 10)

static inline int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* The reader: one stream of rows, CSV or JSON. */
struct lp_reader {
	char *name;		/* for diagnostics */
	unsigned flags;
	enum lp_format fmt;
	int failed;		/* a diagnostic was printed; every call is -1 now */
	int done;

	/* input: unread bytes are p..end */
	FILE *in;		/* NULL when reading memory */
	unsigned char *buf;	/* read buffer, or our copy of the memory */
	const unsigned char *p, *end;
	int eof;
	long line;		/* line of the byte at p */
	long col;		/* its column in bytes (JSON diagnostics) */

	struct lp_strv cols;
	struct lp_row row;	/* what lp_reader_next hands out */
	char **cur;		/* the values behind row */
	size_t curcap;

	/* CSV */
	struct csv_parser csv;
	int csv_ready;
	int have_header;
	int pending_cr;		/* the last piece ended with CR: is LF next? */
	int no_cr;		/* in memory, and not one CR in it: lines end at LF */
	/*
	 * The fields of the row being parsed, each ended by a NUL, in one
	 * buffer: a row is handed out as one block (its pointers, then this
	 * text), not an allocation per field.
	 */
	struct lp_buf fieldtext;
	size_t *fieldstart;	/* where each kept field begins in fieldtext */
	size_t nkept, keptcap;
	size_t nfields;		/* its fields, counted past what is kept */
	size_t fields_seen;	/* every field so far, to notice a new one */
	long row_line;		/* line where that row (or JSON object) began */
	long row_col;		/* column where the JSON object began */
	long quote_line;	/* line where the open quoted field began */
	char **ready;		/* a row parsed, not yet handed out */
	long ready_line;

	/* JSON */
	int opened;		/* the array's '[' was read */
	size_t hint;		/* the column the next key probably names */
	struct lp_buf text;	/* the JSON text of the row being read */
	struct lp_buf cell;	/* a value's text */
};


/* Print "NAME:LINE: message" once; every later call is -1 too. */
int lp_rows_error(struct lp_reader *r, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Unread bytes available: 1; at the end: 0; read error: -1 (reported). */
int lp_rows_fill(struct lp_reader *r);
/* The next byte, or -1 at the end (or after a read error). */
int lp_rows_peek(struct lp_reader *r);
/* Consume the byte lp_rows_peek returned, counting lines. */
void lp_rows_advance(struct lp_reader *r);
/* Skip spaces, tabs and line ends. */
void lp_rows_skip_blanks(struct lp_reader *r);
/* Line breaks in s[0..n), counted as lp_rows_advance counts them. */
long lp_rows_count_breaks(const char *s, size_t n);

/* A cell a spreadsheet would run as a formula (see rows.c). */
int lp_rows_needs_neutralising(const char *s);
/* RFC 8259's number syntax, the whole of p. */
int lp_rows_is_json_number(const char *p);

/* rows-csv.c: set libcsv up; the next row (1), the end (0), -1. */
void lp_rows_csv_start(struct lp_reader *r);
int lp_rows_csv_next(struct lp_reader *r);
/* rows-json.c: the next row of a JSON array or of JSON Lines. */
int lp_rows_json_next(struct lp_reader *r);

/* rows-json-scan.c: where the scanner is in the row's text (r->text). */
struct json_scan {
	size_t pos;		/* next byte of r->text to look at */
	int depth;		/* brackets open */
	int instr;		/* inside a string */
	size_t strstart;	/* where it began */
	size_t slen;		/* its length once decoded */
	int num;		/* where in a number (NUM_NONE: not in one) */
	size_t nested;		/* first bracket nested in a value, or SIZE_MAX */
};

/* The object that begins at the next byte, read into r->text; 0 or -1 (said). */
int lp_json_cut(struct lp_reader *r, struct json_scan *sc);
/* cJSON refused r->text, stopping at off: what was expected there (-1). */
int lp_json_refused(struct lp_reader *r, size_t off);
/* A syntax error at the next unread byte, between rows (-1). */
int lp_json_syntax(struct lp_reader *r, const char *expected);
/* The next value should begin a row but is not an object (-1). */
int lp_json_want_object(struct lp_reader *r);
/* Line and column of byte off of the row's text. */
long lp_json_text_where(const struct lp_reader *r, size_t off, long *col);

#endif
