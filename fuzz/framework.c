/*
 * framework.c - fuzz target: framework files (lp_framework_load).
 *
 * The input is written to a file, as a user's --framework file would
 * be, and loaded; a framework that loads has every standard and level.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lp.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lp_framework fw;
	char path[512];
	const char *dir = fuzz_scratch();

	memset(&fw, 0, sizeof(fw));
	fuzz_put(dir, "fuzz-fw.csv", data, size);
	snprintf(path, sizeof(path), "%s/fuzz-fw.csv", dir);
	if (lp_framework_load(path, &fw) == 0) {
		if (fw.id == NULL || fw.id[0] == '\0')
			abort();
		for (int i = 0; i < LP_NSTANDARDS; i++)
			for (int l = LP_LEVEL_UNDERLYING; l <= LP_LEVEL_TRANSFORMING; l++)
				if (fw.std[i].descriptor[l] == NULL || fw.std[i].prompt[l] == NULL) {
					fprintf(stderr, "fuzz-framework: %s level %d missing\n",
					    lp_standard_id(i), l);
					abort();
				}
	}
	lp_framework_free(&fw);
	return 0;
}
