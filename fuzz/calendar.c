/*
 * calendar.c - fuzz target: windows.csv (lp_calendar_parse).
 *
 * A calendar that parses is sorted by closing date, has unique ids and
 * opens <= closes, and the timeline rules run over it without harm.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lp.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lp_calendar cal;
	struct lp_timeline t;

	memset(&cal, 0, sizeof(cal));
	if (lp_calendar_parse(&cal, "windows.csv", (const char *)data, size) == -1)
		goto out;
	for (size_t i = 0; i < cal.n; i++) {
		const struct lp_window *w = &cal.w[i];

		if (w->opens > w->closes ||
		    (i > 0 && cal.w[i - 1].closes > w->closes) ||
		    lp_calendar_window(&cal, w->id) != w) {
			fprintf(stderr, "fuzz-calendar: window %s breaks the rules\n", w->id);
			abort();
		}
	}
	lp_timeline(&cal, lp_date_from_ymd(2024, 9, 1), lp_date_from_ymd(2025, 1, 15), &t);
	lp_timeline(&cal, lp_date_from_ymd(1000, 1, 1), lp_date_from_ymd(9999, 12, 31), &t);
out:
	lp_calendar_free(&cal);
	return 0;
}
