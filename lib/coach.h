/*
 * coach.h - coaching toward the next level (lp-assess coach).
 */
#ifndef LP_COACH_H
#define LP_COACH_H

#include "lp.h"

/*
 * The prompt for standard i of p (loaded with its assessment and
 * evidence): what this portfolio's evidence shows for the standard, then
 * the framework's question for the level it works toward, in *target.
 * NULL when there is nothing left to reach for (transforming, and
 * supported).  The caller frees the text.
 */
char *lp_coach_prompt(const struct lp_framework *fw, const struct lp_portfolio *p,
    int i, int *target);

#endif
