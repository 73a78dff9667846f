/*
 * tree-internal.h - what tree.c lends the other parts of the tree code
 * (tree-history.c), and nothing else should use.
 */
#ifndef LP_TREE_INTERNAL_H
#define LP_TREE_INTERNAL_H

#include <git2.h>

#include "lp.h"

/* A git tree of the portfolio at subdir whose tree object is id, labelled "LABEL@rev". */
int lp_tree_git_at(git_repository *repo, const char *subdir, const git_oid *id,
    const char *rev, const char *label, struct lp_tree **out);

#endif
