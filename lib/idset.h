/*
 * idset.h - a set of portfolio ids, each with where it was first seen.
 */
#ifndef LP_IDSET_H
#define LP_IDSET_H

#include <stddef.h>

struct lp_idset {
	char **ids;
	char **where;
	size_t cap;
	size_t n;
};

/* NULL when id is new (and now recorded with where), else where it was first seen. */
const char *lp_idset_add(struct lp_idset *set, const char *id, const char *where);
void lp_idset_free(struct lp_idset *set);

#endif
