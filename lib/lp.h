/*
 * lp.h - the shared library of the lp toolkit.
 *
 * Every program in cmd/ includes this one header.  The rules that the
 * numbers follow (deadlines, windows, stages, evidence levels) live here
 * and in lib/rules.c only, so that every program agrees.
 *
 * Conventions:
 *  - Functions that can fail print their own diagnostic through lp_error()
 *    (or lp_errorat() with a file and line) and return -1.  Callers only
 *    propagate.  A return of 1 is reserved for "not found" where the header
 *    says so, and prints nothing.
 *  - Allocation failure is fatal (exit 2) through the lp_x* wrappers, so
 *    callers never check for NULL from them.
 *  - Types come in _init/_free pairs; _free on a zeroed struct is safe.
 */
#ifndef LP_H
#define LP_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define LP_VERSION "0.1.0"

/* Exit status, the same in every program. */
enum {
	LP_EXIT_OK = 0,		/* success, nothing found */
	LP_EXIT_FOUND = 1,	/* a check found problems, a cron query found something */
	LP_EXIT_ERROR = 2	/* usage, malformed input, I/O or git failure */
};

/* Upper bounds that keep hostile input from becoming huge allocations. */
#define LP_FILE_MAX	(16u << 20)	/* a document or CSV file we read whole */
#define LP_FIELD_MAX	(1u << 20)	/* one CSV/JSON field */
#define LP_COLS_MAX	1024		/* columns in one row */

/* ------------------------------------------------------------------ */
/* diag.c: diagnostics and allocation                                  */

/* Set once by main; every diagnostic starts with it. */
void lp_setprogname(const char *argv0);
const char *lp_progname(void);

/* "PROGRAM: message" on stderr. */
void lp_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void lp_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * "PROGRAM: FILE:LINE: message".  file may be NULL (omitted), line <= 0 is
 * omitted.  lp_warnat prefixes the message with "warning: ".
 */
void lp_errorat(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void lp_warnat(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void lp_verrorat(const char *file, long line, const char *fmt, va_list ap);
/* lp_error() then exit(2). */
_Noreturn void lp_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* -q: from now on warnings are not printed (errors still are). */
void lp_diag_quiet(int on);
/* Print one diagnostic now, clearing a progress line first. */
void lp_diag_print(const char *file, long line, int warning, const char *message);
/*
 * Progress on stderr ("\r" and an erased line, no newline); the next
 * diagnostic or lp_progress_clear() erases it.  Callers decide whether
 * stderr is a terminal (ctx->progress) and honour -q.
 */
void lp_progress_show(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void lp_progress_clear(void);

/* ------------------------------------------------------------------ */
/* finding.c: what validators find, printed once                       */

enum lp_severity { LP_SEV_ERROR, LP_SEV_WARNING };

struct lp_finding {
	char *portfolio;	/* id, or NULL when not known */
	char *file;		/* as diagnostics name it, or NULL */
	long line;		/* 0 when not known */
	enum lp_severity severity;
	char *message;
	int fatal;		/* makes the run fail (exit 2): printed even with -q */
};

struct lp_findings {
	struct lp_finding *v;
	size_t n, cap;
	char *portfolio;	/* stamped onto findings added from now on */
	int failed;		/* a file could not be read (I/O, a FIFO): exit 2 */
};

/*
 * Send this thread's diagnostics (lp_error, lp_errorat, lp_warn...) to f
 * instead of stderr, as findings; NULL sends them to stderr again.
 * Returns the sink it replaces.
 */
struct lp_findings *lp_diag_capture(struct lp_findings *f);
/*
 * Send findings captured on another thread on as this thread's own
 * diagnostics (to stderr, or to its capture), in their order.
 */
void lp_diag_replay(const struct lp_findings *f);
/*
 * The diagnostic just said is a failure to read (I/O, a FIFO where a
 * file belongs, an unknown revision), not a finding: a capturing
 * validator exits 2 for it and prints it even with -q.
 */
void lp_diag_fail(void);
void lp_findings_add(struct lp_findings *f, const char *file, long line,
    enum lp_severity sev, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void lp_findings_add_text(struct lp_findings *f, const char *file, long line,
    enum lp_severity sev, const char *message);
/* Stamp id on findings [from..n) that have none, and on those added later. */
void lp_findings_set_portfolio(struct lp_findings *f, size_t from, const char *id);
size_t lp_findings_count(const struct lp_findings *f, enum lp_severity sev);
/*
 * The run fails (exit 2, SPEC 4: I/O, a FIFO where a file belongs): the
 * findings about file so far are what made it fail, printed even with -q.
 */
void lp_findings_fail(struct lp_findings *f, const char *file);
/* Append from's findings to to, leaving from empty. */
void lp_findings_move(struct lp_findings *to, struct lp_findings *from);
struct lp_ctx;
/*
 * SPEC 4: as diagnostics on stderr, or, when -o was given, as rows
 * portfolio,file,line,severity,message on stdout; nothing with -q.
 * 0, or -1 on a write error.
 */
int lp_findings_print(const struct lp_ctx *ctx, const struct lp_findings *f);
/* 2 when the run failed, 1 (LP_EXIT_FOUND) when any finding is an error, else 0. */
int lp_findings_status(const struct lp_findings *f);
void lp_findings_free(struct lp_findings *f);

void *lp_xmalloc(size_t n);
void *lp_xcalloc(size_t n, size_t size);
void *lp_xrealloc(void *p, size_t n);
/* Reallocate p to hold n elements of size, checking the multiplication. */
void *lp_xreallocarray(void *p, size_t n, size_t size);
char *lp_xstrdup(const char *s);
char *lp_xstrndup(const char *s, size_t n);
char *lp_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Say that writing to f failed (errno err), once for stdout; nothing for EPIPE. */
void lp_write_error(FILE *f, int err);
/*
 * Flush and close stdout, and return the status to exit with: status
 * unchanged, or 2 after a write error (ENOSPC, EIO: said once) or EPIPE
 * (quietly).  It does not exit: every main ends with
 * `return lp_close_stdout(status);`.
 */
int lp_close_stdout(int status);

/* ------------------------------------------------------------------ */
/* buf.c: growable byte buffer and string vector                       */

struct lp_buf {
	char *data;	/* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

void lp_buf_add(struct lp_buf *b, const void *p, size_t n);
void lp_buf_adds(struct lp_buf *b, const char *s);
void lp_buf_addc(struct lp_buf *b, char c);
void lp_buf_addf(struct lp_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void lp_buf_reset(struct lp_buf *b);	/* len = 0, keeps the memory */
const char *lp_buf_str(struct lp_buf *b);	/* "" when empty, never NULL */
char *lp_buf_detach(struct lp_buf *b);	/* caller owns; b is empty after */
void lp_buf_free(struct lp_buf *b);

struct lp_strv {
	char **v;
	size_t n;
	size_t cap;
};

void lp_strv_push(struct lp_strv *sv, const char *s);	/* copies s */
void lp_strv_pushn(struct lp_strv *sv, const char *s, size_t n);
void lp_strv_take(struct lp_strv *sv, char *s);	/* takes s (from malloc) */
void lp_strv_sort(struct lp_strv *sv);		/* byte order (strcmp) */
int lp_strv_find(const struct lp_strv *sv, const char *s);	/* index or -1 */
void lp_strv_free(struct lp_strv *sv);

/* ------------------------------------------------------------------ */
/* utf8.c: text checks                                                 */

/* 1 when p[0..n) is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
int lp_utf8_valid(const char *p, size_t n);
/* Byte offset of the first invalid sequence, or n when valid. */
size_t lp_utf8_invalid_at(const char *p, size_t n);
/*
 * Display width in columns, as a terminal shows the text: East Asian
 * Wide/Fullwidth characters and emoji 2, combining marks, zero-width
 * characters (U+200B..U+200F, ZWJ, U+FE0F) and control characters 0,
 * others 1; a byte that is not UTF-8 1.
 */
size_t lp_utf8_width(const char *s);
/* The width of one code point: 0, 1 or 2 (as above). */
int lp_utf8_cpwidth(unsigned long cp);
/*
 * A copy of s safe to print on a terminal (caller frees): C0 controls
 * and DEL as \t \n \r \e or \xHH (\x01, \x7f), C1 controls and the
 * bidirectional overrides and isolates (U+202A..U+202E, U+2066..U+2069)
 * as \u{HH} (\u{9b}), a byte that is not UTF-8 as \xHH.  Everything else,
 * backslashes included, is kept: this is for showing, not for reading
 * back.  NULL gives "".
 */
char *lp_str_quote_ctrl(const char *s);

/* ------------------------------------------------------------------ */
/* date.c: ISO calendar dates                                          */

/*
 * A date is a day number: days since 1970-01-01 (proleptic Gregorian).
 * Differences are day counts; comparisons are integer comparisons.
 */
typedef int32_t lp_date;
#define LP_DATE_NONE INT32_MIN

/* Strict YYYY-MM-DD, years 1000..9999, real days only (no 2025-02-30). */
int lp_date_parse(const char *s, lp_date *out);	/* 0 or -1, no diagnostic */
/* Writes "YYYY-MM-DD" and a NUL into out; LP_DATE_NONE writes "". */
void lp_date_format(lp_date d, char out[11]);
lp_date lp_date_from_ymd(int y, int m, int d);	/* no validation */
void lp_date_to_ymd(lp_date d, int *y, int *m, int *dd);
/*
 * "NN/NN/NNNN" (or with - or .), perhaps with a time after it, as a
 * spreadsheet or a form writes a date: 1 and its three numbers in order
 * (day and month, in whichever order the file used; year), else 0.
 */
int lp_date_spreadsheet(const char *s, long *a, long *b, long *y);
/* After a date: 1 when p is empty or a time (" 14:05", "T14:05:00Z"). */
int lp_date_time_tail(const char *p);
/* Same month and day, years later; 29 February becomes 28 February. */
lp_date lp_date_add_years(lp_date d, int years);
/*
 * Today: opt (from --today) if not NULL, else $LP_TODAY if set and not
 * empty, else the local date.  A malformed value is a diagnostic naming
 * where it came from, and -1.
 */
int lp_today(const char *opt, lp_date *out);

/* ------------------------------------------------------------------ */
/* framework.c: standards, levels, reach                               */

#define LP_NSTANDARDS 10

enum lp_level {
	LP_LEVEL_NONE = 0,
	LP_LEVEL_UNDERLYING = 1,
	LP_LEVEL_DEVELOPING = 2,
	LP_LEVEL_EXTENDING = 3,
	LP_LEVEL_TRANSFORMING = 4
};
#define LP_NLEVELS 5	/* including none */

/*
 * Level names and aliases, case-insensitive: none / "not assessed" / "",
 * underlying / beginning / 1, developing / 2, extending / 3,
 * transforming / transforming-and-leading / leading / 4.
 * Returns the rank or -1.  The empty string parses as none.
 */
int lp_level_parse(const char *s);
const char *lp_level_name(int level);	/* canonical lower-case name */

enum lp_reach {
	LP_REACH_COLLEAGUE = 1,
	LP_REACH_TEAM = 2,
	LP_REACH_INSTITUTION = 3,
	LP_REACH_BEYOND = 4
};
#define LP_NREACH 4

/* colleague, team, institution, beyond (case-insensitive); rank or -1. */
int lp_reach_parse(const char *s);
const char *lp_reach_name(int reach);
/* The highest level an item of this reach supports: its rank. */
int lp_reach_supports(int reach);

/* "LP1".."LP10", case-insensitive; returns the index 0..9 or -1. */
int lp_standard_parse(const char *s);
/* Canonical id of index i: "LP1".."LP10". */
const char *lp_standard_id(int i);

struct lp_standard {
	char *id;			/* "LP1" */
	char *name;			/* "Communicating and presenting" */
	char *group;			/* "Attributes" */
	char *descriptor[LP_NLEVELS];	/* [1..4]; [0] unused (NULL) */
	char *prompt[LP_NLEVELS];	/* coaching toward level [1..4] */
};

struct lp_framework {
	char *id;			/* "LPS1" */
	struct lp_standard std[LP_NSTANDARDS];
	int builtin;			/* not to be freed */
};

const struct lp_framework *lp_framework_builtin(void);
/*
 * Load a framework file: rows (CSV, JSON array or JSON Lines, as printed
 * by `lp-assess framework -o FORMAT`) with the columns
 * standard,name,group,level,descriptor[,prompt].  Every standard LP1..LP10
 * must have every level underlying..transforming exactly once.  Rows at
 * level none are ignored.  An absent or empty prompt becomes "Have you
 * thought about what it would take to meet this: DESCRIPTOR".  The id is
 * the optional `framework` column (the same on every row that sets it),
 * else the file name without directory and extension.
 */
int lp_framework_load(const char *path, struct lp_framework *out);
/*
 * --framework PATH if not NULL, else $LP_FRAMEWORK, else the built-in.
 * A loaded framework is allocated with lp_xmalloc: its owner releases it
 * with lp_framework_free() and then free(); the built-in is never freed.
 */
int lp_framework_get(const char *opt_path, const struct lp_framework **out);
/* Frees the members of a loaded framework (not fw itself); no-op for the built-in. */
void lp_framework_free(struct lp_framework *fw);

/* ------------------------------------------------------------------ */
/* doc.c: Markdown documents with YAML front matter                    */

struct lp_field {
	char *key;
	char *value;		/* scalar value ("" for an empty/null scalar); NULL for a list */
	struct lp_strv list;	/* items when value == NULL */
	long line;		/* line of the key in the file, 1-based; 0 if set by us */
};

struct lp_doc {
	char *path;		/* for diagnostics */
	struct lp_field *fields;	/* in file order */
	size_t nfields;
	size_t cap;
	char *body;		/* everything after the closing ---, LF line ends */
	size_t body_len;
	long body_line;		/* file line where the body starts */
};

/*
 * Parse text (len bytes; need not be NUL-terminated).  The file must start
 * with a "---" line (an optional UTF-8 BOM before it is skipped) and the
 * block ends at the next "---" or "..." line.  CRLF is accepted.  Only a
 * flat mapping of lower-case keys to scalars or flow/block lists of
 * scalars is accepted; aliases, anchors, explicit tags (even !!str),
 * nested mappings, duplicate keys, tabs in indentation, NUL bytes and
 * invalid UTF-8 are errors naming path:line.
 */
int lp_doc_parse(struct lp_doc *doc, const char *path, const char *text, size_t len);
/*
 * The same for readers that never show the body: only the front matter
 * block is checked and parsed, and the body is left empty.  A cohort
 * report reads 100,000 evidence files; their narratives are checked by
 * lp-evidence check, not by every report.
 */
int lp_doc_parse_head(struct lp_doc *doc, const char *path, const char *text, size_t len);
const struct lp_field *lp_doc_field(const struct lp_doc *doc, const char *key);
/* Scalar value, or NULL when absent or a list. */
const char *lp_doc_get(const struct lp_doc *doc, const char *key);
/* Replace the value in place (keeping its position) or append the key. */
void lp_doc_set(struct lp_doc *doc, const char *key, const char *value);
void lp_doc_set_list(struct lp_doc *doc, const char *key, char *const *items, size_t n);
void lp_doc_unset(struct lp_doc *doc, const char *key);
/* The body as given, except that CRLF becomes LF (lp writes LF files). */
void lp_doc_set_body(struct lp_doc *doc, const char *body, size_t len);
/*
 * Serialise: "---\n", one "key: value" line per field in order (scalars
 * quoted only when YAML needs it, lists in flow style [a, b]), "---\n",
 * then the body byte for byte.
 */
void lp_doc_format(const struct lp_doc *doc, struct lp_buf *out);
void lp_doc_free(struct lp_doc *doc);

/* ------------------------------------------------------------------ */
/* rows*.c: reading and writing rows (csv, tsv, json, jsonl, table, xlsx) */

enum lp_format {
	LP_FMT_TABLE,
	LP_FMT_CSV,
	LP_FMT_TSV,
	LP_FMT_JSON,
	LP_FMT_JSONL,
	LP_FMT_MD,	/* lp-report render only */
	LP_FMT_HTML,	/* lp-report render only */
	LP_FMT_XLSX	/* an Excel workbook (binary) */
};

/* "table", "csv", "tsv", "json", "jsonl", "xlsx" (and "md", "html"); 0 or -1 (no diagnostic). */
int lp_format_parse(const char *s, enum lp_format *out);
const char *lp_format_name(enum lp_format f);

/*
 * How a column's value appears in JSON: a string, a number, a list.  An
 * empty or NULL value is null in JSON for every type (SPEC 4).
 */
enum lp_coltype {
	LP_COL_STR,	/* JSON string */
	LP_COL_INT,	/* JSON number (a string when not one) */
	LP_COL_DATE,	/* JSON string "YYYY-MM-DD" */
	LP_COL_LIST	/* space-separated in the cell; JSON array of strings */
};

struct lp_col {
	const char *name;
	enum lp_coltype type;
};

struct lp_writer;

/*
 * A writer prints rows in one format.  raw turns formula neutralisation
 * off.  Table output is buffered to align columns and printed by
 * lp_writer_finish; every other format streams.
 * table: columns separated by two spaces, aligned by display width
 * (lp_utf8_width), header first, no trailing blanks, line ends and tabs in
 * cells shown as spaces, other control characters quoted
 * (lp_str_quote_ctrl).
 * csv: RFC 4180, header row, CRLF never (LF line ends), quotes only when
 * needed.  tsv: header row; tab, newline, CR and backslash in a cell are
 * written \t \n \r \\.  json: one array of objects, keys in column order.
 * jsonl: one object a line.  An empty or NULL value is an empty cell, or
 * null in JSON.
 * CSV and TSV cells that start with = + - @ tab or CR and are not a plain
 * number get a leading ' unless raw.
 */
struct lp_writer *lp_writer_new(FILE *out, enum lp_format fmt,
    const struct lp_col *cols, size_t ncols, int raw);
/* values[0..ncols); NULL means empty. */
void lp_writer_row(struct lp_writer *w, const char *const *values);
/* Flush, write the closing bracket (json), free.  0, or -1 on write error. */
int lp_writer_finish(struct lp_writer *w);

/* Neutralised copy of a cell for CSV/TSV (the rule above); caller frees. */
char *lp_cell_neutralise(const char *s);

/* -- writer flags and xlsx (rows-write.c, workbook.c) -- */
enum {
	LP_WRITE_RAW = 1,	/* no formula neutralisation (--raw) */
	LP_WRITE_BOM = 2	/* csv, tsv: start with a UTF-8 BOM (--bom) */
};
/*
 * lp_writer_new with flags.  xlsx: the rows are kept and finish writes
 * one workbook of one sheet to out (see workbook.h for what the cells
 * become).  Refusing -o xlsx on a terminal is the caller's part (a usage
 * error); finish refuses a terminal too, as a last guard.
 */
struct lp_writer *lp_writer_new_flags(FILE *out, enum lp_format fmt,
    const struct lp_col *cols, size_t ncols, unsigned flags);
/* xlsx: the sheet's name (default "rows"); before the first row. */
void lp_writer_sheet(struct lp_writer *w, const char *name);
/* 1 for a format that is not text (xlsx): not for a terminal. */
int lp_format_binary(enum lp_format f);

/*
 * Rows collected to be written in an order other than the one they were
 * made in: each row has a sort key (a portfolio id) and the sort is
 * stable, so rows of one key keep their order (LP1..LP10, date).
 */
struct lp_rowset {
	size_t ncols;
	struct lp_rowset_row *rows;
	size_t n;
	size_t cap;
};

void lp_rowset_init(struct lp_rowset *rs, size_t ncols);
void lp_rowset_add(struct lp_rowset *rs, const char *key, const char *const *values);
void lp_rowset_sort(struct lp_rowset *rs);	/* by key, byte order, stable */
void lp_rowset_write(const struct lp_rowset *rs, struct lp_writer *w);
void lp_rowset_free(struct lp_rowset *rs);

struct lp_reader;

struct lp_row {
	char **values;	/* reader's columns order; NULL where the row has no value */
	size_t n;	/* == number of columns known when the row was read */
	long line;	/* line (CSV: the row's first line; JSONL: its line; JSON array: the object's line) */
};
/* 1 when every cell of row is empty or blank: the ",,," rows spreadsheets leave. */
int lp_row_blank(const struct lp_row *row);

enum {
	/*
	 * lp's own data files (assessment.csv, windows.csv): always CSV, and
	 * written raw, so a leading ' in a cell is kept ("'=x" stays "'=x").
	 */
	LP_READ_CSV_ONLY = 1
};

/*
 * Rows from a stream.  The form is detected from the first non-blank byte:
 * '{' JSON Lines, '[' a JSON array, anything else CSV with a header
 * (libcsv, strict: a ragged row, a stray quote or an unterminated quoted
 * field is an error).  name labels diagnostics ("-" prints "<stdin>").
 * Every field must be valid UTF-8 without NUL bytes and at most
 * LP_FIELD_MAX bytes.  A CSV cell that is ' followed by = + - @ tab or CR
 * loses the ' (not with LP_READ_CSV_ONLY).  JSON (parsed by cJSON, held to
 * RFC 8259) values: strings as they are, numbers normalised (1.50 is 1.5,
 * 1e2 is 100), true/false, null as absent, arrays of scalars joined with
 * one space; objects inside a row are errors.  Blank lines in JSON Lines
 * are skipped.
 * For JSON Lines the columns are the keys of the first object, and keys
 * that first appear in a later object are appended to the columns.
 */
struct lp_reader *lp_reader_new(FILE *in, const char *name, unsigned flags);
struct lp_reader *lp_reader_new_mem(const char *data, size_t len, const char *name, unsigned flags);
/* 1: *row is valid until the next call; 0: end; -1: error (diagnostic printed). */
int lp_reader_next(struct lp_reader *r, const struct lp_row **row);
/* The columns (header), known once lp_reader_next has returned 1 or 0. */
const struct lp_strv *lp_reader_columns(const struct lp_reader *r);
/* The detected form: LP_FMT_CSV, LP_FMT_JSON or LP_FMT_JSONL. */
enum lp_format lp_reader_format(const struct lp_reader *r);
/* Index of a column or -1. */
int lp_reader_column(const struct lp_reader *r, const char *name);
/* Value of a column in a row; NULL when absent. */
const char *lp_row_get(const struct lp_reader *r, const struct lp_row *row, const char *name);
const char *lp_reader_name(const struct lp_reader *r);
void lp_reader_free(struct lp_reader *r);

/* ------------------------------------------------------------------ */
/* fs.c: files, atomic writes, the portfolio lock, safe paths           */

/* Read a whole file of at most max bytes.  0, 1 when it does not exist, -1. */
int lp_file_read(const char *path, size_t max, struct lp_buf *out);
/* path without its trailing slashes ("/" stays "/"), allocated. */
char *lp_path_unslash(const char *path);
/* Append what is left on fd, at most max bytes; name is for diagnostics.  0 or -1. */
int lp_fd_read(int fd, const char *name, size_t max, struct lp_buf *out);
struct stat;
/* The same, silent (errno set; EFBIG when over max), with the file's status if known. */
int lp_fd_read_stat(int fd, const struct stat *st, size_t max, struct lp_buf *out);
/* The diagnostic lp_fd_read prints for the errno lp_fd_read_stat left. */
void lp_fd_read_error(const char *name, size_t max);
/*
 * Replace path atomically: a temporary file in the same directory, write,
 * fsync, rename over path, fsync the directory.  On failure the old file
 * is intact and no temporary is left.  mode applies to a new file.
 */
int lp_file_write(const char *path, const void *data, size_t len, int mode);
/* mkdir -p for one directory level under an existing parent; EEXIST is fine. */
int lp_mkdir(const char *path);
/* mkdir -p, each directory made pushed on made (for lp_mkdir_undo).  0 or -1. */
int lp_mkdir_p(const char *dir, struct lp_strv *made);
/* Remove the directories lp_mkdir_p made, deepest first, if they are empty. */
void lp_mkdir_undo(const struct lp_strv *made);
/* rm -r path, links not followed: only for what lp itself just made. */
void lp_remove_tree(const char *path);

struct lp_lock;
/*
 * Take the portfolio's write lock (flock on the portfolio directory
 * itself, so nothing is left behind by a crash).  Waits up to 30 seconds
 * for another lp writer, then fails with a message saying who holds it.
 */
int lp_lock_take(const char *root, struct lp_lock **out);
void lp_lock_release(struct lp_lock *lk);

/*
 * An attachment path from a file: relative, not empty, no "." or ".."
 * component, no NUL.  0 ok, -1 (no diagnostic; *why gets a static reason).
 */
int lp_relpath_check(const char *path, const char **why);
/*
 * Open relpath beneath the directory rootfd, never leaving it: openat2
 * RESOLVE_BENEATH|RESOLVE_NO_MAGICLINKS, or, where the kernel lacks it, a
 * component walk with O_NOFOLLOW.  -1 with errno (EXDEV or ELOOP when it
 * would leave the root, ENOENT when missing).
 */
int lp_open_beneath(int rootfd, const char *relpath, int flags);

/* ------------------------------------------------------------------ */
/* tree.c, tree-history.c: a portfolio's files, from a directory or git */

struct lp_tree;

/* A directory on disk. */
int lp_tree_open_dir(const char *dir, struct lp_tree **out);
struct lp_git;
/*
 * The portfolio at subdir (relative to the repository root, "" for the
 * root) as it was at rev (any git revision: commit, tag, branch), read
 * from the object database.  An unknown rev is an error naming it.  The
 * tree borrows git's repository: free the tree before git.  Share one
 * struct lp_git across a cohort: its object cache keeps the big trees.
 */
int lp_tree_open_git(struct lp_git *git, const char *rev, const char *subdir, struct lp_tree **out);
/*
 * The same at the commit commit_hex (40 hex digits) that rev was already
 * resolved to: named rev in messages, with no second lookup of the ref
 * (a cohort read finds the portfolios at a ref, then loads each).
 * commit_hex NULL: rev is looked up, as lp_tree_open_git does.
 */
int lp_tree_open_git_at(struct lp_git *git, const char *rev, const char *commit_hex,
    const char *subdir, struct lp_tree **out);
/*
 * The portfolio at subdir as it is staged in git's index (lp check
 * --staged, for a pre-commit hook): files are named ":subdir/file".
 */
int lp_tree_open_index(struct lp_git *git, const char *subdir, struct lp_tree **out);
/*
 * Read a file relative to the portfolio root (beneath it, never following
 * a link out).  0, 1 when missing, -1 on error.  At most LP_FILE_MAX.
 */
int lp_tree_read(const struct lp_tree *t, const char *relpath, struct lp_buf *out);
/* Names in a directory, sorted, without "." and "..".  0, 1 when missing, -1. */
int lp_tree_list(const struct lp_tree *t, const char *reldir, struct lp_strv *names);
/* Size of a file (for attachments); 0, 1 when missing, -1. */
int lp_tree_size(const struct lp_tree *t, const char *relpath, uint64_t *size);
/*
 * Every evidence item file of a tree: *.md under evidence/ at any depth
 * (to 8), README.md and hidden names skipped; paths relative to the
 * portfolio, sorted.  0, or -1 after a diagnostic.
 */
int lp_evidence_files(const struct lp_tree *t, struct lp_strv *rels);
/* 1 when relpath is a directory, 0 when not (or missing), -1 after a diagnostic. */
int lp_tree_is_dir(const struct lp_tree *t, const char *relpath);
/* How diagnostics name a file in this tree: "DIR/relpath" or "REV:subdir/relpath". */
char *lp_tree_path(const struct lp_tree *t, const char *relpath);
/* The label: the directory, or "REPO@REV". */
const char *lp_tree_label(const struct lp_tree *t);
/* The directory on disk, or NULL for a git tree. */
const char *lp_tree_dir(const struct lp_tree *t);
void lp_tree_free(struct lp_tree *t);
/*
 * A portfolio's tree at given days of its git history (lp-report
 * progress).  A struct lp_history holds the day ends (ascending, kept by
 * the caller) and, for the repository walked last, its first-parent
 * commit at each of them, so a cohort in one repository is walked once.
 */
struct lp_history;
struct lp_history *lp_history_new(const lp_date *ends, size_t n);
void lp_history_free(struct lp_history *h);
/*
 * fn gets t as it was at ends[first..last], a run of day ends at which
 * its tree was the same (its state in the latest commit on or before
 * each day); days before it existed are left out.  A directory's
 * history is its work tree's HEAD; a git tree's, its revision's.  fn
 * owns at (lp_portfolio_load may take it, or lp_tree_free) and returns 0
 * to go on, 1 to stop, -1 on error.  Returns 0; 1 when t is a directory
 * outside git (it has no history); -1 on error (said).
 */
typedef int (*lp_history_fn)(struct lp_tree *at, size_t first, size_t last, void *arg);
int lp_tree_history(const struct lp_tree *t, struct lp_history *h, lp_history_fn fn, void *arg);

/* ------------------------------------------------------------------ */
/* git*.c: everything git, through libgit2                              */

/* libgit2 starts on first use (lp_git_need, internal); this ends it, at exit. */
void lp_git_global_shutdown(void);

/*
 * The git work tree holding dir.  0 ok; 1 when dir is not inside a work
 * tree (nothing printed); -1 on error (a repository owned by another
 * user, a bare repository, a broken one: each with a clear message).
 * Honours GIT_CEILING_DIRECTORIES.
 */
int lp_git_open(const char *dir, struct lp_git **out);
/*
 * The same for many directories side by side (a cohort): outside
 * remembers the directories found to be outside git, so that each
 * portfolio's search upwards stops where the last one's did.  Zeroed
 * before first use; lp_git_outside_free after the last.
 */
struct lp_git_outside {
	char *dir;	/* real path: no git entry at or above it */
};
int lp_git_open_near(const char *dir, struct lp_git_outside *outside,
    struct lp_git **out);
void lp_git_outside_free(struct lp_git_outside *outside);
/* A bare or non-bare repository at exactly path (for --git). */
int lp_git_open_bare(const char *path, struct lp_git **out);
/* git init at dir (when it is not already inside a work tree). */
int lp_git_init(const char *dir, struct lp_git **out);
/* The work tree root (absolute, with a trailing slash), NULL for bare. */
const char *lp_git_workdir(const struct lp_git *g);
/* dir's path relative to the work tree root ("" for the root itself, else "a/b/"). */
int lp_git_prefix(const struct lp_git *g, const char *dir, char **out);
/*
 * Stage exactly the given paths (relative to the work tree root; a path
 * that no longer exists is removed from the index) and commit them on the
 * current branch with message.  Author and committer from
 * GIT_AUTHOR_NAME/EMAIL/DATE, GIT_COMMITTER_NAME/EMAIL/DATE, else the
 * configuration's user.name/user.email; none is an error asking to set
 * them.  An unborn branch gets its first commit.  A detached HEAD or a held
 * index.lock is a clear error.  Nothing else in the index is committed.
 */
int lp_git_commit(struct lp_git *g, char *const *paths, size_t npaths, const char *message);
/*
 * Everything lp_git_commit would refuse (a bare repository, a detached
 * HEAD, no identity, a held index.lock), checked before any file is
 * written.  0 or -1.
 */
int lp_git_can_commit(struct lp_git *g);
/* *clean = 1 when nothing under prefix differs from HEAD (untracked files count). */
int lp_git_is_clean(struct lp_git *g, const char *prefix, int *clean);
/*
 * Annotated tag on HEAD.  When name exists, name-2, name-3, ... are tried;
 * *made (if not NULL) receives the name used.
 */
int lp_git_tag(struct lp_git *g, const char *name, const char *message, char **made);
/* Resolve rev to a commit; its short id in shortid (at least 8 bytes + NUL). */
int lp_git_resolve(struct lp_git *g, const char *rev, char shortid[16]);
void *lp_git_repo(struct lp_git *g);	/* the git_repository * */
void lp_git_free(struct lp_git *g);

/* ------------------------------------------------------------------ */
/* portfolio.c: loading a portfolio; cohort.c: finding them, walks     */

enum lp_outcome {
	LP_OUTCOME_NONE = 0,
	LP_OUTCOME_ACCREDITED,
	LP_OUTCOME_REFERRED,
	LP_OUTCOME_WITHDRAWN
};
/* A portfolio id: one or more of [A-Za-z0-9._-]. */
int lp_id_valid(const char *s);
int lp_outcome_parse(const char *s);	/* -1 unknown; "" is NONE */
const char *lp_outcome_name(int o);	/* "" for NONE */

struct lp_evidence {
	char *id;		/* file stem: YYYY-MM-DD-slug */
	char *file;		/* "evidence/ID.md" */
	char *title;
	lp_date date;
	unsigned standards;	/* bit i set: standard index i */
	int reach;		/* enum lp_reach */
	char *type;		/* "" when absent */
	long colleagues;	/* -1 when absent */
	char *where;		/* "" when absent */
	struct lp_strv attachments;
	struct lp_doc doc;
};

struct lp_assessed {
	int level;		/* enum lp_level */
	lp_date date;		/* LP_DATE_NONE when empty */
	char *note;		/* "" when empty */
	long line;		/* row's line in assessment.csv, 0 if absent */
};

struct lp_portfolio {
	struct lp_tree *tree;	/* owned */
	struct lp_git *git;	/* owned when read --at REV, else NULL */
	char *label;		/* directory (or REPO@REV), for output and diagnostics */
	struct lp_doc doc;	/* portfolio.md */
	/* Fields of portfolio.md; strings point into doc and are "" when absent. */
	const char *name, *id, *school, *role, *cohort, *email, *focus, *theme;
	const char *framework, *window;
	lp_date commenced, submitted, accredited;	/* LP_DATE_NONE when absent */
	int outcome;		/* enum lp_outcome */
	/* assessment.csv */
	struct lp_assessed assess[LP_NSTANDARDS];
	struct lp_strv assess_extra_cols;	/* columns after note, kept on rewrite */
	struct lp_strv assess_extra[LP_NSTANDARDS];	/* their values per standard */
	/* evidence/, sorted by date then id */
	struct lp_evidence *ev;
	size_t nev;
	int has_case_study;	/* 1 yes, 0 no, -1 one that is no regular file */
	int problems;		/* diagnostics printed while loading */
};

enum {
	LP_LOAD_ASSESSMENT = 1,
	LP_LOAD_EVIDENCE = 2,	/* without LP_LOAD_BODIES, ev[i].doc is empty */
	LP_LOAD_ALL = 3,
	/* Keep each evidence item's document (front matter and body) in ev[i].doc. */
	LP_LOAD_BODIES = 16,
	/*
	 * Keep going after a bad evidence file (skipping it, counting it in
	 * problems) so that a check reports everything once.  Without it the
	 * first bad file fails the load.
	 */
	LP_LOAD_KEEP_GOING = 4,
	/* Also check attachments exist inside the portfolio. */
	LP_LOAD_ATTACHMENTS = 8
};

/*
 * Load the portfolio in tree (ownership of tree passes to p, also on
 * failure).  portfolio.md must be valid (name, id, commenced required;
 * id [A-Za-z0-9._-]+; dates strict; outcome one of three).  Returns 0, or
 * -1 after diagnostics.  With LP_LOAD_KEEP_GOING an invalid evidence file
 * or assessment row is reported, counted in p->problems and skipped, and
 * the load returns 0 unless portfolio.md itself is unusable.
 */
int lp_portfolio_load(struct lp_portfolio *p, struct lp_tree *tree, unsigned what);
/* Validate one evidence document; prints diagnostics; 0 or -1. */
int lp_evidence_from_doc(struct lp_evidence *e, const char *file, struct lp_doc *doc);
void lp_evidence_free(struct lp_evidence *e);
void lp_portfolio_free(struct lp_portfolio *p);

struct lp_ctx;

/*
 * Open and load the portfolio at root for a program: from the directory,
 * or, when ctx->at is set, as it was at that revision, read from the git
 * object database without a checkout.  0 or -1 (diagnostics printed).
 */
int lp_portfolio_open(const struct lp_ctx *ctx, const char *root, unsigned what,
    struct lp_portfolio *p);

/*
 * Called once per portfolio of a cohort.  p is freed after the call
 * returns.  Return 0 to go on, -1 to count an error and go on.
 */
/* --school and --cohort (each repeatable; none given selects everyone). */
int lp_portfolio_selected(const struct lp_ctx *ctx, const struct lp_portfolio *p);

typedef int (*lp_cohort_fn)(struct lp_portfolio *p, void *arg);

/*
 * Load each portfolio named by operands (see lp_cohort_find) in turn,
 * honouring ctx->dir and ctx->at, and call fn on it.  Only one portfolio
 * is in memory at a time (a few per reading thread), so a cohort of any
 * size runs in flat memory.  Portfolios are read on -j threads, but fn
 * is called on the caller's thread in the order of the roots, after the
 * diagnostics of reading that portfolio, so the output is the same for
 * any -j.
 * A portfolio that fails to load is reported and skipped; a second
 * portfolio with an id already seen is an error naming both directories
 * and is skipped.  Progress goes to stderr when it is a terminal.
 * Returns 0, or -1 when anything was skipped or fn returned -1: the
 * caller still prints what it has, then exits 2.
 */
int lp_cohort_each(const struct lp_ctx *ctx, char *const *operands, size_t n,
    unsigned what, lp_cohort_fn fn, void *arg);
/* The reading threads of a cohort walk: -j N, or the processors online. */
int lp_cohort_jobs(const struct lp_ctx *ctx);

/*
 * The portfolio that dir (or the current directory when NULL) is in: the
 * nearest directory upwards holding portfolio.md.  0 and *root (caller
 * frees), or -1 with a diagnostic.
 */
int lp_portfolio_find(const char *dir, char **root);
/* The same, silently: the portfolio holding dir, or NULL (lp init refuses to nest one). */
char *lp_portfolio_around(const char *dir);
/*
 * Portfolio roots named by operands: each operand is a portfolio or a
 * directory searched recursively (hidden directories and .git skipped; a
 * portfolio's own subdirectories are not searched).  With no operands:
 * the portfolio around cdir (or "."), and failing that, cdir searched as
 * a cohort.  Operands are relative to cdir when it is set.  Roots come
 * sorted and without duplicates.  An operand that does not exist is an
 * error.
 */
int lp_cohort_find(char *const *operands, size_t n, const char *cdir, struct lp_strv *roots);

/*
 * After a command has written files under root (paths relative to the
 * portfolio root): when root is in a git work tree and ctx->no_commit is
 * not set, stage exactly those files and commit them with message.
 * Outside a work tree nothing more happens.  0 or -1.
 */
int lp_portfolio_commit(const struct lp_ctx *ctx, const char *root,
    char *const *paths, size_t n, const char *message);
/*
 * Before writing: when lp_portfolio_commit will commit (root in a git
 * work tree, no --no-commit), what would refuse the commit, so that a
 * refused commit never leaves a changed file behind.  0 or -1.
 */
int lp_portfolio_can_commit(const struct lp_ctx *ctx, const char *root);
/*
 * doc written atomically to root/relpath: surgically over an existing
 * file (only the lines of changed keys change: lib/docwrite.h), whole
 * (lp_doc_format) for a new one.
 */
int lp_portfolio_write_doc(const char *root, const char *relpath, const struct lp_doc *doc);

/* ------------------------------------------------------------------ */
/* proc.c, completion.c: other programs                                 */

/* The directory of the running program, or NULL. */
char *lp_self_dir(void);
/* PROG beside the running program, else on PATH; NULL when neither has it. */
char *lp_tool_path(const char *prog);
/*
 * Run argv (argv[0] a path or a name looked up on PATH) and wait; with out,
 * its standard output is collected there.  Its exit status, or -1 when it
 * could not run or was killed (diagnostic printed).
 */
int lp_proc_run(char *const argv[], struct lp_buf *out);
/*
 * A bash or zsh completion script for the programs progs[0..n), from
 * their tables (PROG --lp-cli-tables; the text is modified).  front is
 * the name the front door is installed as.  0, or -1 on a bad shell.
 */
int lp_completion_script(const char *shell, const char *front, char *const *progs,
    char **tables, size_t n, struct lp_buf *out);

/*
 * hook.c: install a git hook NAME (pre-commit) in the repository holding
 * dir that runs `FRONT check --staged`; refuses to replace a hook lp did
 * not write.  0 or -1.  Uninstall removes only lp's own: 0, 1 when there
 * was none, -1.
 */
int lp_hook_install(const char *dir, const char *name, const char *front);
int lp_hook_uninstall(const char *dir, const char *name);

/* ------------------------------------------------------------------ */
/* check.c: the validators                                             */

/* One check of a loaded portfolio: adds findings, prints nothing. */
typedef void (*lp_check_fn)(const struct lp_ctx *ctx, const struct lp_portfolio *p,
    struct lp_findings *f);

/* assessment.csv: every standard at least ctx->min_level and supported. */
void lp_check_assessment(const struct lp_ctx *ctx, const struct lp_portfolio *p,
    struct lp_findings *f);
/* Evidence items: warnings for an item naming all ten, or dated after today. */
void lp_check_evidence(const struct lp_ctx *ctx, const struct lp_portfolio *p,
    struct lp_findings *f);
/* portfolio.md: outcome, dates and window tell one story (SPEC 5.1). */
void lp_check_lifecycle(const struct lp_ctx *ctx, const struct lp_portfolio *p,
    struct lp_findings *f);
/*
 * The validator loop: the portfolios named by ctx->operands (or around
 * ctx->dir), each loaded with what | LP_LOAD_KEEP_GOING while its
 * diagnostics are captured, then each check run on it; every finding
 * printed once (lp_findings_print).  Returns the exit status: 0, 1 when
 * an error was found, 2 when no portfolio was found or output failed.
 */
/*
 * lp_validate over the portfolios of the git repository repo (bare or
 * not, a portfolio at its root or a cohort at any depth), read at ctx->at
 * or HEAD straight from the object database: for a server's pre-receive
 * hook.  The same findings and exit statuses.
 */
int lp_validate_git(const struct lp_ctx *ctx, const char *repo, unsigned what,
    const lp_check_fn *checks, size_t n);
int lp_validate(const struct lp_ctx *ctx, unsigned what, const lp_check_fn *checks, size_t n);

/* ------------------------------------------------------------------ */
/* annotate.c: the streaming filter behind the annotate subcommands    */

/*
 * Rows in (CSV, JSON array or JSON Lines), every input column out
 * unchanged plus cols computed from one date column.  An input column
 * with an appended column's name is replaced, so annotating twice is
 * harmless.  Output: -o, else a table on a terminal, else the input's
 * own form.  Memory stays flat whatever the number of rows.
 */
struct lp_annotate {
	const char *key;	/* the date column, e.g. "commenced" */
	const char *key_desc;	/* for the missing-column message: "a 'commenced' column (a date YYYY-MM-DD)" */
	const struct lp_col *cols;	/* appended columns */
	size_t ncols;
	int keep_going;		/* a bad date: a warning and empty columns, not an error */
	/*
	 * Fill out[0..ncols) for one row; date is LP_DATE_NONE when the
	 * cell is empty.  Strings must stay valid until the next call.
	 * name and line are for warnings about the row.
	 */
	void (*compute)(void *arg, lp_date date, const char **out, const char *name, long line);
	void *arg;
};

/* Read path ("-" or NULL for stdin) and write the annotated rows; an exit status. */
int lp_annotate(const struct lp_ctx *ctx, const struct lp_annotate *spec, const char *path);

/* ------------------------------------------------------------------ */
/* rules.c, calendar.c: the numbers (SPEC section 6), and the calendar  */

lp_date lp_deadline(lp_date commenced);		/* + 2 years */
lp_date lp_expiry(lp_date accredited);		/* + 3 years */

/* Highest level supported by evidence naming standard i (0 when none). */
int lp_evidence_level(const struct lp_portfolio *p, int i);
/* Number of evidence items naming standard i. */
int lp_evidence_count(const struct lp_portfolio *p, int i);
/* Evidence level >= claimed level. */
int lp_supported(const struct lp_portfolio *p, int i);

enum lp_status {
	LP_STATUS_OK,
	LP_STATUS_BELOW_MIN,
	LP_STATUS_UNSUPPORTED,
	LP_STATUS_NOT_ASSESSED
};
/* not-assessed (level none), else below-min, else unsupported, else ok. */
enum lp_status lp_standard_status(const struct lp_portfolio *p, int i, int min_level);
const char *lp_status_name(enum lp_status s);
/* Every standard >= min_level and supported. */
int lp_ready(const struct lp_portfolio *p, int min_level);
int lp_assessed_count(const struct lp_portfolio *p);	/* level above none */
int lp_unsupported_count(const struct lp_portfolio *p);	/* level above evidence level */

struct lp_window {
	char id[8];	/* YYYY-MM */
	char *term;	/* autumn, spring, summer or the file's text */
	lp_date opens;
	lp_date closes;
};

struct lp_calendar {
	struct lp_window *w;	/* sorted by closes, then id */
	size_t n;
	char *source;		/* file it came from, or "built-in" */
};

/* The built-in calendar: 2024..2040, YYYY-03, YYYY-06, YYYY-11. */
void lp_calendar_builtin(struct lp_calendar *cal);
/*
 * Parse windows.csv (id,term,opens,closes): ids YYYY-MM unique, dates
 * strict, opens <= closes.  Diagnostics name path:line.
 */
int lp_calendar_parse(struct lp_calendar *cal, const char *path, const char *data, size_t len);
/*
 * The calendar for a portfolio directory: opt (--windows) if not NULL,
 * else $LP_WINDOWS, else windows.csv in dir or the nearest directory above
 * it, else the built-in one.  dir may be NULL.
 */
int lp_calendar_for(struct lp_calendar *cal, const char *opt, const char *dir);
const struct lp_window *lp_calendar_window(const struct lp_calendar *cal, const char *id);
void lp_calendar_free(struct lp_calendar *cal);

struct lp_timeline {
	lp_date deadline;
	const struct lp_window *next;	/* first usable window by closes, or NULL */
	const struct lp_window *last;	/* last window closing on or before the deadline, or NULL */
	int windows_left;		/* usable windows */
};
/* usable: today <= closes <= deadline. */
void lp_timeline(const struct lp_calendar *cal, lp_date commenced, lp_date today, struct lp_timeline *t);
int lp_window_usable(const struct lp_window *w, lp_date deadline, lp_date today);
/* 1 when today falls in the window (a test; it opens nothing). */
int lp_window_is_open(const struct lp_window *w, lp_date today);

enum lp_stage {
	LP_STAGE_NOT_STARTED,
	LP_STAGE_IN_PROGRESS,
	LP_STAGE_READY,
	LP_STAGE_SUBMITTED,
	LP_STAGE_REFERRED,
	LP_STAGE_OVERDUE,
	LP_STAGE_ACCREDITED,
	LP_STAGE_DUE,
	LP_STAGE_EXPIRED,
	LP_STAGE_WITHDRAWN
};
const char *lp_stage_name(enum lp_stage s);
/* SPEC 6, the first rule that holds. */
enum lp_stage lp_stage_of(const struct lp_portfolio *p, lp_date today, int min_level, long within_days);

enum lp_renewal {
	LP_RENEWAL_NOT_ACCREDITED,
	LP_RENEWAL_CURRENT,
	LP_RENEWAL_DUE,
	LP_RENEWAL_EXPIRED
};
const char *lp_renewal_name(enum lp_renewal r);	/* not-accredited, current, due, expired */
/*
 * From an accreditation date: expires = accredited + 3 years, days_left =
 * expires - today; expired when today > expires, due when days_left <=
 * within, else current.  LP_DATE_NONE gives not-accredited.
 */
enum lp_renewal lp_renewal_of(lp_date accredited, lp_date today, long within_days,
    lp_date *expires, long *days_left);

#define LP_WITHIN_REACCREDIT 180	/* default --within for expiry */
#define LP_WITHIN_WINDOW 60		/* default --within for deadlines */

/* ------------------------------------------------------------------ */
/* ctx.c: the options every program shares                             */

struct lp_framework;
struct lp_cli_prog;

struct lp_ctx {
	const char *prog;
	const char *dir;	/* -C DIR */
	enum lp_format format;	/* -o; defaults to table on a tty, csv otherwise */
	int format_set;		/* -o was given */
	const char *today_opt;	/* --today */
	lp_date today;		/* resolved by lp_ctx_resolve */
	int raw;		/* --raw */
	int quiet;		/* -q */
	int no_commit;		/* --no-commit */
	const char *at;		/* --at REV */
	int staged;		/* lp check --staged: read the index, not the files */
	const char *framework_path;	/* --framework */
	const struct lp_framework *fw;	/* resolved by lp_ctx_resolve */
	const char *windows_path;	/* --windows */
	int min_level;		/* --min, default extending */
	long within;		/* --within, -1 when not given */
	int color;		/* stderr/stdout is a tty and NO_COLOR unset */
	int progress;		/* stderr is a tty */
	int bom;		/* --bom */
	int jobs;		/* -j, 0 when not given: the online processors */
	struct lp_strv schools;	/* --school, repeatable */
	struct lp_strv cohorts;	/* --cohort, repeatable */
	int min_set;		/* --min was given */
	int render_formats;	/* -o also takes md and html (lp-report render) */
	/* Set by lp_cli_parse: the subcommand and the operands after options. */
	const struct lp_cli_prog *prog_table;	/* the program's tables */
	const char *cmd;	/* "" for a program's bare form */
	int cmd_index;
	char **operands;	/* owned array, borrowed strings */
	size_t noperands;
};

/* Long-only option codes; programs number their own from LP_OPT_PROGRAM. */
enum {
	LP_OPT_TODAY = 256,
	LP_OPT_NO_COMMIT,
	LP_OPT_VERSION,
	LP_OPT_RAW,
	LP_OPT_AT,
	LP_OPT_FRAMEWORK,
	LP_OPT_WINDOWS,
	LP_OPT_MIN,
	LP_OPT_WITHIN,
	LP_OPT_DIR,
	LP_OPT_FORMAT,
	LP_OPT_QUIET,
	LP_OPT_BOM,
	LP_OPT_JOBS,
	LP_OPT_SCHOOL,
	LP_OPT_COHORT,
	LP_OPT_PROGRAM = 300
};

void lp_ctx_init(struct lp_ctx *ctx, const char *argv0);
/*
 * Handle a common option.  Returns 1 when handled, 0 when opt is not a
 * common one, -1 on a bad value (diagnostic printed; exit 2).  -h and
 * --version are the program's to handle (they need its usage text), so
 * they return 0.
 */
int lp_ctx_option(struct lp_ctx *ctx, int opt, const char *arg);
/*
 * After option parsing: resolve today, the framework, LP_MIN, the default
 * format.  0 or -1.
 */
int lp_ctx_resolve(struct lp_ctx *ctx);
/* The output format's writer on stdout. */
struct lp_writer *lp_ctx_writer(const struct lp_ctx *ctx, const struct lp_col *cols, size_t ncols);
/* Print "PROG VERSION" on stdout. */
void lp_print_version(const char *prog);
/* Parse a non-negative whole number (days, counts); -1 if bad (no diagnostic). */
long lp_parse_count(const char *s);
void lp_ctx_free(struct lp_ctx *ctx);

#endif
