/*
 * submit.h - recording a submission: one commit and one tag, shared by
 * lp-window submit and lp-reaccredit submit (SPEC 5.4, 5.5).
 *
 * A submission is a surgical rewrite of one document (portfolio.md or
 * case-study.md), its commit, and an annotated tag on that commit named
 * for whose it is: lp/submitted/PORTFOLIO-ID/WINDOW or
 * lp/reaccreditation/PORTFOLIO-ID/DATE (-2, -3 when that name is taken).
 * The two steps are tied together: the tag is checked to be writable
 * before anything is written; when the commit fails the file is put back;
 * and a submission whose commit was made but whose tag is missing (the
 * tag could not be written, a kill between the two) is finished by the
 * next run, which makes only the tag.
 */
#ifndef LP_SUBMIT_H
#define LP_SUBMIT_H

#include "lp.h"

struct lp_submission {
	const char *root;		/* the portfolio's directory */
	const char *file;		/* the document, relative to root */
	const struct lp_doc *doc;	/* as it is to be written */
	const char *message;		/* the commit's message */
	const char *unfinished;		/* what the message of a submission commit starts with */
	const char *tag;		/* the tag's name, before any -2 */
	const char *tag_message;
};

/*
 * 1 when HEAD is a submission commit (its message starts with
 * s->unfinished) that touched s->file and that no tag named s->tag or
 * s->tag-N points at: a submission to finish.  0 when not, -1 on error.
 */
int lp_submit_unfinished(struct lp_git *g, const struct lp_submission *s);
/* The tag s->tag (or s->tag-N) can be written in g: 0, or -1 saying why. */
int lp_submit_tag_ok(struct lp_git *g, const struct lp_submission *s);
/*
 * Write s->doc, commit it and tag the commit.  With --no-commit the file
 * is written only, and *made is NULL.  0 with *made the tag made (caller
 * frees), or -1 after a diagnostic: nothing changed when the commit
 * failed; when only the tag failed, the message says that submit again
 * finishes it.
 */
int lp_submit_record(const struct lp_ctx *ctx, struct lp_git *g, const struct lp_submission *s,
    char **made);
/*
 * `lp check` on the portfolio at root, as a child (our own lp: the one
 * beside the running program, or one on PATH with lp-window beside it,
 * never the CUPS print command), its output sent to our stderr.  0 when
 * it passes, 1 when it finds problems, -1 when it could not run.
 */
int lp_submit_run_check(const struct lp_ctx *ctx, const char *root);
/* Make only the tag of an unfinished submission.  0 with *made, or -1. */
int lp_submit_finish(struct lp_git *g, const struct lp_submission *s, char **made);

#endif
