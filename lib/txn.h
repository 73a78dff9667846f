/*
 * txn.h - a command's writes, undone when its commit fails.
 *
 * Every file lp replaces (lp_file_write) is first journalled: its old
 * bytes, or that it did not exist.  lp_portfolio_commit then either
 * commits the files and forgets them, or, when the commit fails (a
 * corrupt index, a full disk while git writes its objects, a held lock),
 * puts every one of them back as it was, so that a retry sees the change
 * still to be made.  Writers need do nothing more than write their files
 * and call lp_portfolio_commit; the explicit calls below are for a
 * command that must undo its writes for a reason of its own.
 */
#ifndef LP_TXN_H
#define LP_TXN_H

#include <stddef.h>

/* Called by lp_file_write before it replaces path: keep what was there. */
void lp_journal_note(const char *path);

/*
 * Forget every journalled file: a new unit of work starts (taking the
 * portfolio lock, or lp_txn_begin, does this).
 */
void lp_journal_reset(void);

/*
 * The explicit form.  lp_txn_begin starts with an empty journal;
 * lp_txn_write writes relpath beneath root, journalled; lp_txn_commit
 * commits the files written (restoring them all if that fails) and
 * lp_txn_abort restores them without committing.  0 or -1.
 */
struct lp_ctx;
struct lp_txn;
int lp_txn_begin(const struct lp_ctx *ctx, const char *root, struct lp_txn **out);
int lp_txn_write(struct lp_txn *t, const char *relpath, const void *data, size_t len,
    int mode);
int lp_txn_commit(struct lp_txn *t, const char *message);
void lp_txn_abort(struct lp_txn *t);

/*
 * Restore (undo = 1) or forget (undo = 0) the journalled files among
 * relpaths beneath root.  The number restored, or -1 when one could not be.
 */
int lp_journal_settle(const char *root, char *const *relpaths, size_t n, int undo);

#endif
