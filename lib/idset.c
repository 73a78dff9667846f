/*
 * idset.c - the portfolio ids a cohort walk has seen, and where: a second
 * portfolio with one id is an error naming both (checkout and --git walks
 * alike).  Open addressing, FNV-1a: a cohort of 10,000 ids is looked up
 * in constant time with no allocation per lookup.
 */
#include <stdlib.h>
#include <string.h>

#include "idset.h"
#include "lp.h"

static size_t
hash_str(const char *s)
{
	size_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* NULL when id is new (and now recorded), else where it was first seen. */
const char *
lp_idset_add(struct lp_idset *set, const char *id, const char *where)
{
	size_t i;

	if (set->n * 2 >= set->cap) {
		struct lp_idset big = { 0 };

		big.cap = set->cap ? set->cap * 2 : 256;
		big.ids = lp_xcalloc(big.cap, sizeof *big.ids);
		big.where = lp_xcalloc(big.cap, sizeof *big.where);
		for (size_t k = 0; k < set->cap; k++) {
			if (!set->ids[k])
				continue;
			for (i = hash_str(set->ids[k]) & (big.cap - 1); big.ids[i]; i = (i + 1) & (big.cap - 1))
				;
			big.ids[i] = set->ids[k];
			big.where[i] = set->where[k];
		}
		big.n = set->n;
		free(set->ids);
		free(set->where);
		*set = big;
	}
	for (i = hash_str(id) & (set->cap - 1); set->ids[i]; i = (i + 1) & (set->cap - 1))
		if (strcmp(set->ids[i], id) == 0)
			return set->where[i];
	set->ids[i] = lp_xstrdup(id);
	set->where[i] = lp_xstrdup(where);
	set->n++;
	return NULL;
}

void
lp_idset_free(struct lp_idset *set)
{
	for (size_t i = 0; i < set->cap; i++) {
		free(set->ids[i]);
		free(set->where[i]);
	}
	free(set->ids);
	free(set->where);
}
