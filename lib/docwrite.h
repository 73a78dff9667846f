/*
 * docwrite.h - surgical rewrites of a document a person may have written
 * by hand (SPEC 2.1).
 *
 * A tool that sets keys in portfolio.md or case-study.md changes only the
 * lines of those keys (adding a key's line before the closing `---`, or
 * removing the lines of a key it drops).  Comments, quoting, blank lines,
 * key order, unknown keys, every other line, the body and the file's line
 * endings (LF or CRLF) stay byte for byte, so that `git diff` after the
 * command shows the changed lines and nothing else.
 */
#ifndef LP_DOCWRITE_H
#define LP_DOCWRITE_H

#include "lp.h"

/*
 * The bytes of old (a document as it is on disk) with its front matter
 * brought to doc's fields and its body to doc's body, changing only what
 * differs.  0; -1 when old does not parse (nothing printed: the caller
 * then writes lp_doc_format(doc) whole).
 */
int lp_doc_rewrite(const char *old, size_t oldlen, const struct lp_doc *doc, struct lp_buf *out);

/*
 * Write doc to root/relpath, surgically when the file exists (whole when
 * it does not, or does not parse), and commit it with message as
 * lp_portfolio_commit does.  When the commit fails the file is put back
 * as it was (removed when it was new), so a retry finds nothing half
 * done.  *changed (may be NULL) tells whether the file's bytes changed;
 * when they did not, nothing is written or committed.  0 or -1.
 */
int lp_portfolio_save_doc(const struct lp_ctx *ctx, const char *root, const char *relpath,
    const struct lp_doc *doc, const char *message, int *changed);

#endif
