/*
 * palette.h - the colours of the level scale, shared by every report
 * that colours levels (the HTML dashboard, the moderation pack and the
 * xlsx workbook), so that a level looks the same everywhere.
 *
 * One hue, lightness falling with the level: a sequential scale stays
 * ordered for the common colour-vision deficiencies (protan, deutan,
 * tritan) and in greyscale print.  Every text colour keeps at least
 * 4.5:1 contrast on its fill (WCAG 2.2 AA for normal text):
 *   none          #1b1b1b on #efefef  15.0:1
 *   underlying    #1b1b1b on #deebf7  14.2:1
 *   developing    #1b1b1b on #9ecae1   9.8:1
 *   extending     #ffffff on #2166ac   5.9:1
 *   transforming  #ffffff on #08306b  12.8:1
 * Colour is never the only signal: every cell also carries the level's
 * name or initial.
 */
#ifndef LP_PALETTE_H
#define LP_PALETTE_H

struct lp_level_colour {
	const char *fill;	/* "#rrggbb" */
	const char *text;
	unsigned fill_rgb;	/* 0xRRGGBB, for libxlsxwriter */
	unsigned text_rgb;
};

/* Indexed by level rank, none (0) .. transforming (4). */
static const struct lp_level_colour lp_level_colours[5] = {
	{ "#efefef", "#1b1b1b", 0xefefef, 0x1b1b1b },
	{ "#deebf7", "#1b1b1b", 0xdeebf7, 0x1b1b1b },
	{ "#9ecae1", "#1b1b1b", 0x9ecae1, 0x1b1b1b },
	{ "#2166ac", "#ffffff", 0x2166ac, 0xffffff },
	{ "#08306b", "#ffffff", 0x08306b, 0xffffff },
};

/* The mark of a claim its evidence does not support (border or outline). */
#define LP_UNSUPPORTED_RGB 0xb2182b
#define LP_UNSUPPORTED_HEX "#b2182b"

#endif
