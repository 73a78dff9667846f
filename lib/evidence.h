/*
 * evidence.h - new evidence items: built, checked, named, written and
 * committed (lp-evidence add and import), and the helpers they need.
 *
 * The loader (portfolio.c) reads items; this part makes them.  Every
 * function returns 0 or -1 after a diagnostic unless it says otherwise.
 */
#ifndef LP_EVIDENCE_H
#define LP_EVIDENCE_H

#include "lp.h"

/* ---- evidence.c: an item being made ---- */

struct lp_item {
	struct lp_doc doc;	/* keys in the order they will be written, and the body */
	const char *src;	/* file that named the values, for diagnostics; NULL for options */
	long line;		/* the input row's line; 0 when each key has its own */
	int from_options;	/* name keys by their options in messages */
	int split_lists;	/* a scalar attachments value holds several paths */
	struct lp_strv copy_from;	/* attachments to copy into the portfolio */
	struct lp_strv copy_to;		/* their paths there, as listed in the item */
	char *id;		/* DATE-slug[-N], once named */
	const char *slug;	/* --slug, or NULL to make one from the title */
	lp_date date;
};

/* The keys of an item in the order a new item gets them. */
#define LP_ITEM_NKEYS 8
extern const char *const lp_item_keys[LP_ITEM_NKEYS];
/* The body of the editor's template: what a narrative should cover. */
extern const char lp_item_template_hints[];

/* A new item with every key of lp_item_keys in order, empty where not given. */
void lp_item_init(struct lp_item *it, const char *src, long line);
void lp_item_free(struct lp_item *it);
/* The narrative, or a placeholder when it is blank; always ending in a newline. */
void lp_item_set_body(struct lp_item *it, const char *body, size_t len);
/* The words of a key that may be a list or one value (split at commas and blanks). */
void lp_item_words(const struct lp_item *it, const char *key, int split, struct lp_strv *words);
/*
 * Every key checked and made canonical in place (standards, reach, date;
 * empty optional keys dropped; unknown keys kept); each bad key reported.
 */
int lp_item_check(struct lp_item *it, int rootfd, lp_date today);
/*
 * The item an id names among the file names of evidence/: its stem, or
 * the one stem starting with it ("evidence/" and ".md" allowed).
 */
int lp_evidence_find_id(const struct lp_strv *names, const char *label, const char *arg,
    char **out);

/* A control character (a line break among them) anywhere in s. */
int lp_has_control(const char *s);
/* Split s at commas, semicolons and blanks into sv (empty pieces dropped). */
void lp_words_split(const char *s, struct lp_strv *sv);
/* Text read from a file: no NUL bytes, valid UTF-8. */
int lp_text_check(const char *name, const char *text, size_t len);
/* dir/name ("name" for dir "."); caller frees. */
char *lp_path_join(const char *dir, const char *name);

/* ---- slug.c ---- */

/*
 * The slug of a title for a file name: lower-case ASCII letters and
 * digits and single dashes, at most 50 bytes; never empty.  Caller frees.
 */
char *lp_slug(const char *title);
/* 1 when s is a slug lp_slug could make ([a-z0-9]+(-[a-z0-9]+)*, at most 50). */
int lp_slug_valid(const char *s);

/* The text of a file or of standard input ("-"), checked as text. */
int lp_body_read(const char *operand, struct lp_buf *body);

/* ---- evidence-write.c: naming, writing, undoing ---- */

/* What a run has written so far, so that a failure can take it back. */
struct lp_written {
	struct lp_strv files;	/* paths on disk */
	struct lp_strv rel;	/* the same, relative to the portfolio root */
	struct lp_strv dirs;	/* directories this run created */
};

/* All of p[0..n) to fd, retrying short writes and EINTR. */
int lp_write_all(int fd, const char *p, size_t n);

void lp_written_add(struct lp_written *w, const char *root, const char *rel);
void lp_written_undo(struct lp_written *w);
void lp_written_free(struct lp_written *w);

/*
 * 1 when nothing occupies root/rel (not even a dangling link), 0 when
 * something does, -1 (reported) when that cannot be known (a file where
 * a directory belongs).
 */
int lp_path_unused(const char *root, const char *rel);
/* root/name is a directory, or absent; anything else is an error. */
int lp_portfolio_dir_check(const char *root, const char *name);

/* The ids given in one run, and the next N to try for each DATE-slug. */
struct lp_namer {
	struct lp_strv ids;	/* sorted */
	struct lp_strv bases;	/* sorted */
	int *next;		/* parallel to bases */
};
int lp_namer_taken(const struct lp_namer *nm, const char *id);
void lp_namer_free(struct lp_namer *nm);
/*
 * Name the item evidence/DATE-slug.md (it->slug, or one made from the
 * title), or DATE-slug-N.md when that is taken on disk or in nm; a
 * bounded search, not quadratic in the items of a run.
 */
int lp_item_name(struct lp_item *it, const char *root, struct lp_namer *nm);
/* attachments/NAME, or NAME-2.ext ... when taken; caller frees; NULL (reported) on failure. */
char *lp_attachment_name(const char *root, const char *name, const struct lp_strv *taken);
/*
 * Plan the copy of a file given with --attach; *listed gets the path to
 * put in the item (where it is, for a file already in the portfolio).
 */
int lp_item_plan_attachment(struct lp_item *it, const char *root, const char *src,
    struct lp_strv *taken, char **listed);
/* Under the lock: final names for copies planned before it (the editor flow). */
int lp_item_replan_copies(struct lp_item *it, const char *root, const struct lp_strv *from,
    const struct lp_strv *to);
/* The item as it will be stored, proved to read back through the loader. */
int lp_item_text(const struct lp_item *it, struct lp_buf *out);
/* Write every item and its copies; on failure everything is taken back. */
int lp_items_write(const char *root, struct lp_item *items, size_t n, struct lp_written *w);
/* The portfolio to write: found, locked, its portfolio.md valid, its root open. */
int lp_evidence_open_for_writing(const struct lp_ctx *ctx, char **root, struct lp_lock **lock,
    int *rootfd);
void lp_evidence_close_for_writing(char *root, struct lp_lock *lock, int rootfd);

/*
 * Check and name the items, write them and commit them in one commit
 * (its message: "evidence: add ID", or "evidence: import N items").
 * Nothing is written unless every item is good; with dry_run nothing is
 * written at all, but each item is proved to read back.
 */
int lp_items_store(const struct lp_ctx *ctx, const char *root, int rootfd,
    struct lp_item *items, size_t n, int import, int dry_run);

/* ---- evidence-journal.c: an add or import cut short ---- */

/* The paths about to be created, listed before the first is. */
int lp_journal_write(const char *root, const struct lp_strv *rels);
/* The items are committed, or taken back: the journal goes. */
void lp_journal_clear(const char *root);
/* Under the lock: undo what a journal left behind lists and HEAD lacks. */
int lp_journal_recover(const char *root);

/* ---- evidence-rows.c: list and show ---- */

/* The columns of list; show appends body. */
#define LP_EVIDENCE_NCOLS 10
extern const struct lp_col lp_evidence_cols[LP_EVIDENCE_NCOLS + 1];
/* The cells of an item's row; the strings live in buf, d and n until the next call. */
void lp_evidence_row(const struct lp_portfolio *p, const struct lp_evidence *e,
    const char *row[LP_EVIDENCE_NCOLS], struct lp_buf *buf, char d[11], char n[24]);

/* The rows id,date,title,file of the items made (add, import). */
int lp_items_print(const struct lp_ctx *ctx, const struct lp_item *items, size_t n);
/* lp_items_store, then lp_items_print: the exit status. */
int lp_items_store_print(const struct lp_ctx *ctx, const char *root, int rootfd,
    struct lp_item *items, size_t n, int import, int dry_run);
/* lp-evidence show: the file at rel as stored, or its row with -o. */
int lp_evidence_show(const struct lp_ctx *ctx, const struct lp_portfolio *p, const char *rel);
/* lp-evidence matrix over ctx's operands: the exit status. */
int lp_evidence_matrix(const struct lp_ctx *ctx);

/* ---- import.c ---- */

/* The most rows one import takes (SECURITY.md: every input is bounded). */
#define LP_IMPORT_MAX_ROWS 10000

/* How import reads a row: --map, --ignore, --ignore-unknown, --date-format. */
enum { LP_DATES_ISO, LP_DATES_DMY, LP_DATES_MDY };
struct lp_import {
	struct lp_strv from, to;	/* --map: column from[i] gives key to[i] */
	const struct lp_strv *ignore;	/* --ignore */
	int ignore_unknown;
	int dates;			/* LP_DATES_* */
};
/* From the options; a bad --map or --date-format is reported: -1. */
int lp_import_init(struct lp_import *im, const struct lp_strv *maps, const struct lp_strv *ignore,
    int ignore_unknown, const char *date_format);
void lp_import_free(struct lp_import *im);
/* Check the columns not yet checked (JSON Lines may add some on any row). */
int lp_import_check_columns(const struct lp_import *im, struct lp_reader *r, size_t *checked,
    long line);
/*
 * An item from one input row: 0; 1 for a blank row (nothing made); -1
 * after an error naming the row (a date a spreadsheet wrote, say).
 */
int lp_item_from_row(const struct lp_import *im, struct lp_item *it, struct lp_reader *r,
    const struct lp_row *row);

/* ---- editor.c ---- */

/*
 * The editor's template: every key, the options given, today's date
 * unless dated, the standards given, and hints for the body.
 */
void lp_item_template(struct lp_item *it, lp_date today, int dated, const char *standards,
    struct lp_buf *out);
/* $VISUAL, else $EDITOR, else vi, on path, through the shell as git runs it. */
int lp_editor_run(const char *path);

/*
 * add from a whole document: ITEM.md, or the file after the editor
 * (edited: kept with a note when refused, removed when saved); from/to
 * are the --attach copies planned for a template.  The exit status.
 */
int lp_item_add_document(const struct lp_ctx *ctx, const char *path, const struct lp_buf *text,
    const struct lp_strv *from, const struct lp_strv *to, int edited, const char *slug);
/* Where an item is edited: in the portfolio's git directory (NULL on a git error). */
char *lp_editor_path(const char *root);
/*
 * Create path for the editor holding text: 0.  When it holds the text of
 * an earlier attempt, that is kept and read into kept instead: 1.
 */
int lp_editor_file_new(const char *path, const char *text, size_t len, struct lp_buf *kept);
/* The item added from path was the one kept by a failed edit: remove it. */
void lp_editor_forget(const char *root, const char *path);
/* 1 when the edit is empty (blank) or the template unchanged: the user aborted. */
int lp_editor_empty(const struct lp_buf *edited, const struct lp_buf *tmpl);

#endif
