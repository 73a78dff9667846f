/*
 * rows-json-scan.c - the scanner in front of cJSON (rows-json.c).
 *
 * JSON is parsed by cJSON, one row at a time.  This scanner in front
 * of it cuts each row's object out of the stream (a JSON Lines value,
 * which may span lines as jq prints them, or an element of a JSON array,
 * so that a million-row array never sits in memory whole), counts lines
 * for the diagnostics, and refuses what cJSON 1.7 accepts although
 * RFC 8259 forbids it:
 *   - control characters (below 0x20) raw inside strings, and outside
 *     them any but space, tab, CR and LF (cJSON skips them as blanks);
 *   - numbers outside -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
 *     (cJSON lets strtod read 012, -01, 2., 2.e3, -.5);
 *   - NUL bytes anywhere, and \u0000 (cJSON would cut the string there);
 *   - \u escapes without four hex digits (cJSON reads \uqqqq as NUL);
 *   - invalid UTF-8 in strings;
 *   - anything but blanks after an array's ']' or between JSON Lines
 *     objects;
 *   - nesting deeper than JSON_DEPTH_MAX, and row texts longer than
 *     JSON_TEXT_MAX, before cJSON allocates anything for them.
 * The scanner builds no values: cJSON decides what the text means, and
 * the scanner only words cJSON's refusals (what was expected, where).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rows-int.h"

/* Brackets a row's JSON may nest (a row needs two: itself and a list). */
#define JSON_DEPTH_MAX	64
/* The JSON text of one row, blanks and escapes included. */
#define JSON_TEXT_MAX	(64u << 20)

/* A byte as diagnostics name it: 'x', byte 0x0c, or the end of input (-1). */
static const char *
describe_byte(int c, char buf[24])
{
	if (c < 0)
		return "the end of input";
	if (c > 0x20 && c < 0x7f)
		snprintf(buf, 24, "'%c'", c);
	else
		snprintf(buf, 24, "byte 0x%02x", (unsigned)c);
	return buf;
}

/* A syntax error at the next unread byte (between rows). */
int
lp_json_syntax(struct lp_reader *r, const char *expected)
{
	char buf[24];
	int c = lp_rows_peek(r);

	return lp_rows_error(r, r->line,
	    "invalid JSON at column %ld: expected %s, got %s",
	    r->col, expected, describe_byte(c, buf));
}

/* What a value starting with c is, for "expected an object, got ...". */
static const char *
json_kind(int c)
{
	switch (c) {
	case '[': return "a list";
	case '{': return "an object";
	case '"': return "a string";
	case 't': return "true";
	case 'f': return "false";
	case 'n': return "null";
	default: return c == '-' || is_digit(c) ? "a number" : NULL;
	}
}

/* The next value should begin a row: an object. */
int
lp_json_want_object(struct lp_reader *r)
{
	const char *kind = json_kind(lp_rows_peek(r));

	if (!kind)
		return lp_json_syntax(r, "an object");
	return lp_rows_error(r, r->line,
	    "expected a JSON object for each row, got %s", kind);
}

/*
 * Line and column of byte off of the row's text: the text began at
 * row_line, row_col, and lines break as lp_rows_advance() breaks them.
 */
long
lp_json_text_where(const struct lp_reader *r, size_t off, long *col)
{
	const char *s = r->text.data;
	long line = r->row_line;
	size_t bol = 0;
	int broke = 0;

	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n' || (s[i] == '\r' &&
		    (i + 1 >= r->text.len || s[i + 1] != '\n'))) {
			line++;
			bol = i + 1;
			broke = 1;
		}
	*col = broke ? (long)(off - bol) + 1 : r->row_col + (long)off;
	return line;
}

/* The byte at off of the row's text, or -1 past what has been read. */
static int
text_at(const struct lp_reader *r, size_t off)
{
	return off < r->text.len ? (unsigned char)r->text.data[off] : -1;
}

static const char expect_key[] = "a string key";

/* Is the innermost of depth open brackets a '['? */
static int
in_list(uint64_t lists, int depth)
{
	return depth > 0 && depth <= 64 && (lists >> (depth - 1) & 1);
}

/*
 * What JSON wants at byte off of a row's text, judged from the tokens
 * before it.  This only words a refusal (cJSON's, or the scanner's); it
 * never decides whether text is valid.
 */
static const char *
json_expected(const char *s, size_t off)
{
	uint64_t lists = 0;	/* bit d: the d-th open bracket (from 0) is '[' */
	int depth = 0, inlist;
	int last = 0;		/* { [ : , k(ey) v(alue), or 0: nothing yet */

	for (size_t i = 0; i < off; i++) {
		switch (s[i]) {
		case '"':
			last = (last == '{' || last == ',') &&
			    !in_list(lists, depth) ? 'k' : 'v';
			for (i++; i < off && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
			break;
		case '{':
		case '[':
			if (depth < 64 && s[i] == '[')
				lists |= (uint64_t)1 << depth;
			else if (depth < 64)
				lists &= ~((uint64_t)1 << depth);
			depth++;
			last = s[i];
			break;
		case '}':
		case ']':
			if (depth > 0)
				depth--;
			last = 'v';
			break;
		case ':':
		case ',':
			last = s[i];
			break;
		case ' ': case '\t': case '\n': case '\r':
			break;
		default:	/* a number or a word: true, false, null */
			last = 'v';
			break;
		}
	}
	inlist = in_list(lists, depth);
	switch (last) {
	case 0:
		return "an object";
	case '{':
		return expect_key;
	case ',':
		return inlist ? "a value" : expect_key;
	case '[':
	case ':':
		return "a value";
	case 'k':
		return "':' after the key";
	default:
		return depth == 0 ? "the end of the row" :
		    inlist ? "',' or ']' in a list" : "',' or '}' after a value";
	}
}

/* "WHAT at column N: expected ..." for byte off of the row's text. */
static int
json_error_at(struct lp_reader *r, size_t off, const char *what,
    const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
json_error_at(struct lp_reader *r, size_t off, const char *what,
    const char *fmt, ...)
{
	char expected[160];
	va_list ap;
	long col, line = lp_json_text_where(r, off, &col);

	va_start(ap, fmt);
	vsnprintf(expected, sizeof expected, fmt, ap);
	va_end(ap);
	return lp_rows_error(r, line, "%s at column %ld: expected %s",
	    what, col, expected);
}

/* A syntax error at byte off of the row's text. */
static int
json_syntax_at(struct lp_reader *r, size_t off, const char *expected)
{
	char buf[24];

	return json_error_at(r, off, "invalid JSON", "%s, got %s", expected,
	    describe_byte(text_at(r, off), buf));
}

/*
 * The scanner.  It reads a row's text into r->text a piece at a time and
 * stops after the '}' that closes it, so that cJSON gets one object and
 * the rest of the stream stays unread.  It decodes nothing and builds
 * nothing; it follows strings (quotes, escapes), numbers and brackets,
 * and refuses what cJSON 1.7 lets through though RFC 8259 forbids it.
 * It resumes where it stopped when more bytes arrive: an escape or a
 * UTF-8 sequence cut by the end of the bytes read is looked at again.
 */
enum { NUM_NONE, NUM_SIGN, NUM_ZERO, NUM_INT, NUM_DOT, NUM_FRAC, NUM_E,
	NUM_ESIGN, NUM_EXP };

/* What a step of the scanner found: go on, more bytes needed, the row ends. */
enum { SCAN_ON, SCAN_MORE, SCAN_DONE };

static int
json_too_large(struct lp_reader *r, size_t off)
{
	long col, line = lp_json_text_where(r, off, &col);

	return lp_rows_error(r, line,
	    "value too large: expected at most %u bytes", LP_FIELD_MAX);
}

static int
hex_value(int c)
{
	return is_digit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The four hex digits of a \u escape at off. */
static int
scan_hex4(struct lp_reader *r, size_t off, long *cp)
{
	*cp = 0;
	for (size_t i = off; i < off + 4; i++) {
		int v = hex_value(text_at(r, i));

		if (v < 0)
			return json_syntax_at(r, i, "a hex digit of a \\u escape");
		*cp = *cp << 4 | v;
	}
	return 0;
}

/* Bytes of UTF-8 for a code point. */
static size_t
utf8_len(long cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/*
 * The escape at off (a backslash): its length, 0 when more bytes are
 * needed to judge it, -1.  cJSON reads \uqqqq as \u0000 and keeps
 * \u0000 itself, which would cut the value short: both are refused here.
 */
static int
scan_escape(struct lp_reader *r, struct json_scan *sc, size_t off, int eof)
{
	size_t len = r->text.len;
	long cp, lo;
	int c;

	if (off + 2 > len && !eof)
		return 0;
	c = text_at(r, off + 1);
	if (c != 'u') {
		if (c <= 0 || !strchr("\"\\/bfnrt", c))
			return json_syntax_at(r, off + 1, "an escape "
			    "(\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
		sc->slen++;
		return 2;
	}
	if (off + 6 > len && !eof)
		return 0;
	if (scan_hex4(r, off + 2, &cp) < 0)
		return -1;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return json_error_at(r, off, "invalid JSON",
		    "a high surrogate before \\u%04lX", cp);
	if (cp == 0)
		return json_error_at(r, off, "NUL character (\\u0000)",
		    "text without NUL bytes");
	if (cp < 0xd800 || cp > 0xdbff) {
		sc->slen += utf8_len(cp);
		return 6;
	}
	if (off + 12 > len && !eof)
		return 0;
	if (text_at(r, off + 6) != '\\' || text_at(r, off + 7) != 'u')
		return json_syntax_at(r, off + 6 + (text_at(r, off + 6) == '\\'),
		    "a \\u escape for the low surrogate");
	if (scan_hex4(r, off + 8, &lo) < 0)
		return -1;
	if (lo < 0xdc00 || lo > 0xdfff)
		return json_error_at(r, off, "invalid JSON",
		    "a low surrogate after \\u%04lX", cp);
	sc->slen += 4;
	return 12;
}

/* The UTF-8 sequence at off: its length, 0 when more bytes are needed, -1. */
static int
scan_utf8(struct lp_reader *r, struct json_scan *sc, size_t off, int eof)
{
	int c = text_at(r, off);
	size_t need = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 :
	    c >= 0xf0 && c <= 0xf4 ? 4 : 0;

	if (need && off + need > r->text.len && !eof)
		return 0;
	if (!need || off + need > r->text.len ||
	    !lp_utf8_valid(r->text.data + off, need))
		return json_error_at(r, off, "invalid UTF-8", "UTF-8 text");
	sc->slen += need;
	return (int)need;
}

/* Inside a string: on to its closing quote or the end of the bytes read. */
static int
scan_string(struct lp_reader *r, struct json_scan *sc, int eof)
{
	const unsigned char *s = (const unsigned char *)r->text.data;
	size_t len = r->text.len, i = sc->pos;
	int k = 1;

	while (i < len && sc->slen <= LP_FIELD_MAX) {
		size_t run = i;

		/* The common case: a run of plain ASCII. */
		while (i < len && s[i] >= 0x20 && s[i] < 0x80 &&
		    s[i] != '"' && s[i] != '\\')
			i++;
		sc->slen += i - run;
		if (i == len)
			break;
		if (s[i] == '"') {
			sc->instr = 0;
			i++;
			break;
		}
		if (s[i] == 0)
			return json_error_at(r, i, "NUL byte",
			    "text without NUL bytes");
		if (s[i] < 0x20)
			return json_syntax_at(r, i, "a character or an escape "
			    "(control characters are written \\n, \\t, \\u00XX)");
		k = s[i] == '\\' ? scan_escape(r, sc, i, eof) :
		    scan_utf8(r, sc, i, eof);
		if (k <= 0)
			break;
		i += (size_t)k;
	}
	sc->pos = i;
	if (k < 0)
		return -1;
	if (sc->slen > LP_FIELD_MAX)
		return json_too_large(r, sc->strstart);
	if (sc->instr && eof && i >= len)
		return json_syntax_at(r, i, "a closing '\"'");
	return k == 0 ? SCAN_MORE : SCAN_ON;
}

/*
 * One byte of a number: RFC 8259's -?(0|[1-9][0-9]*)(\.[0-9]+)?
 * ([eE][+-]?[0-9]+)?, where cJSON (strtod) also takes 01, 2. and -.5.
 */
static int
num_next(int state, int c)
{
	int digit = is_digit(c);

	switch (state) {
	case NUM_SIGN:
		return c == '0' ? NUM_ZERO : digit ? NUM_INT : -1;
	case NUM_INT:
		if (digit)
			return NUM_INT;
		/* FALLTHROUGH */
	case NUM_ZERO:
		return c == '.' ? NUM_DOT : c == 'e' || c == 'E' ? NUM_E : -1;
	case NUM_DOT:
		return digit ? NUM_FRAC : -1;
	case NUM_FRAC:
		return digit ? NUM_FRAC : c == 'e' || c == 'E' ? NUM_E : -1;
	case NUM_E:
		return c == '+' || c == '-' ? NUM_ESIGN : digit ? NUM_EXP : -1;
	case NUM_ESIGN:
	case NUM_EXP:
		return digit ? NUM_EXP : -1;
	default:
		return -1;
	}
}

/* The byte at off does not continue the number: is that where it may end? */
static int
num_end(struct lp_reader *r, struct json_scan *sc, size_t off)
{
	int c = text_at(r, off);

	switch (sc->num) {
	case NUM_SIGN:
		return json_syntax_at(r, off, "a digit");
	case NUM_DOT:
		return json_syntax_at(r, off, "a digit after '.'");
	case NUM_E:
	case NUM_ESIGN:
		return json_syntax_at(r, off, "a digit in the exponent");
	}
	/* 01, 1.5.2, 1e5e5: a number ended, and more of one follows */
	if (c >= 0 && (is_digit(c) || strchr("+-.eE", c)))
		return json_syntax_at(r, off,
		    json_expected(r->text.data, off));
	sc->num = NUM_NONE;
	return 0;
}

/* Outside strings: brackets, numbers, and bytes that are never JSON. */
static int
scan_byte(struct lp_reader *r, struct json_scan *sc, size_t i)
{
	int c = (unsigned char)r->text.data[i];

	switch (c) {
	case ' ': case '\t': case '\n': case '\r':
		return SCAN_ON;
	case '"':
		sc->instr = 1;
		sc->strstart = i;
		sc->slen = 0;
		return SCAN_ON;
	case '{':
	case '[':
		if (sc->depth == JSON_DEPTH_MAX)
			return json_error_at(r, i, "nested too deep", "at most "
			    "%d levels of brackets (a row holds strings, numbers, "
			    "true, false, null and lists of them)", JSON_DEPTH_MAX);
		/* An object in the row, or a list in a list. */
		if (sc->nested == SIZE_MAX && sc->depth >= (c == '{' ? 1 : 2))
			sc->nested = i;
		sc->depth++;
		return SCAN_ON;
	case '}':
	case ']':
		return --sc->depth == 0 ? SCAN_DONE : SCAN_ON;
	case '\0':
		return json_error_at(r, i, "NUL byte", "text without NUL bytes");
	default:
		if (c == '-' || is_digit(c)) {
			sc->num = c == '-' ? NUM_SIGN : num_next(NUM_SIGN, c);
			return SCAN_ON;
		}
		/* cJSON takes every byte below 0x20 for a blank */
		if (c < 0x20)
			return json_syntax_at(r, i,
			    json_expected(r->text.data, i));
		return SCAN_ON;	/* words, ':' and ',': cJSON judges them */
	}
}

/*
 * Scan on from sc->pos: SCAN_DONE at the end of the row's object (or of
 * the input), SCAN_MORE when more bytes are needed, -1.
 */
static int
json_scan(struct lp_reader *r, struct json_scan *sc, int eof)
{
	size_t len = r->text.len;
	int k;

	while (sc->pos < len) {
		if (sc->instr) {
			if ((k = scan_string(r, sc, eof)) != SCAN_ON)
				return k;
			continue;
		}
		if (sc->num != NUM_NONE) {
			int next = num_next(sc->num, text_at(r, sc->pos));

			if (next >= 0) {
				sc->num = next;
				sc->pos++;
				continue;
			}
			if (num_end(r, sc, sc->pos) < 0)
				return -1;
		}
		k = scan_byte(r, sc, sc->pos++);
		if (k != SCAN_ON)
			return k;
	}
	if (!eof)
		return SCAN_MORE;
	if (sc->num != NUM_NONE && num_end(r, sc, len) < 0)
		return -1;
	return SCAN_DONE;	/* cut short: cJSON names what is missing */
}

/*
 * Read the object that begins at the next byte into r->text.  Pieces end
 * at a '}' so that little is read past the object; what is, is given
 * back to the input (it is still in the read buffer).
 */
int
lp_json_cut(struct lp_reader *r, struct json_scan *sc)
{
	const unsigned char *q;
	size_t n, back;
	int k, eof;

	memset(sc, 0, sizeof *sc);
	sc->nested = SIZE_MAX;
	lp_buf_reset(&r->text);
	r->row_line = r->line;
	r->row_col = r->col;
	do {
		if ((k = lp_rows_fill(r)) < 0)
			return -1;
		eof = k == 0;
		if (!eof) {
			q = memchr(r->p, '}', (size_t)(r->end - r->p));
			n = q ? (size_t)(q + 1 - r->p) : (size_t)(r->end - r->p);
			lp_buf_add(&r->text, r->p, n);
			r->p += n;
		}
		if (r->text.len > JSON_TEXT_MAX)
			return lp_rows_error(r, r->row_line, "row too large: "
			    "expected at most %u bytes of JSON for one row",
			    JSON_TEXT_MAX);
		if ((k = json_scan(r, sc, eof)) < 0)
			return -1;
	} while (k == SCAN_MORE);
	back = r->text.len - sc->pos;
	r->p -= back;
	r->text.len = sc->pos;
	r->text.data[r->text.len] = '\0';
	r->line = lp_json_text_where(r, r->text.len, &r->col);
	return 0;
}

/*
 * cJSON refused the text; off is where it stopped.  It stops one byte
 * late when a key is not a string (it has stepped over the quote it
 * wanted), so a non-blank byte just before where a key belongs is the one.
 */
int
lp_json_refused(struct lp_reader *r, size_t off)
{
	const char *s = r->text.data;

	if (off > r->text.len)
		off = r->text.len;
	if (off > 0 && !strchr(" \t\n\r\"", s[off - 1]) &&
	    json_expected(s, off - 1) == expect_key)
		off--;
	return json_syntax_at(r, off, json_expected(s, off));
}
