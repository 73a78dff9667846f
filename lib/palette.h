/*
 * palette.h - the colours of the level scale, shared by every report
 * that colours levels (the HTML dashboard, the moderation pack and the
 * xlsx workbook), so that a level looks the same everywhere.
 *
 * One hue, lightness falling with the level: a sequential scale stays
 * ordered for the common colour-vision deficiencies (protan, deutan,
 * tritan) and in greyscale print.  Every text colour keeps at least
 * 4.5:1 contrast on its fill (WCAG 2.2 AA for normal text):
 *                 text on fill       contrast  CIE L* of the fill
 *   none          #1b1b1b on #f8f8f8  16.2:1   98
 *   underlying    #1b1b1b on #c6dbef  12.1:1   87
 *   developing    #1b1b1b on #6baed6   7.1:1   68
 *   extending     #ffffff on #2166ac   5.9:1   43
 *   transforming  #ffffff on #08306b  12.8:1   21
 * Neighbouring fills differ by at least 15 in CIELAB (delta E 1976) for
 * normal vision and under full protanopia, deuteranopia and tritanopia
 * (Machado 2009 simulation); tests/526-palette.t checks all this.  The
 * old none and underlying (#efefef, #deebf7) differed by 7 to 8, too
 * little to tell apart in a small cell.
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
	{ "#f8f8f8", "#1b1b1b", 0xf8f8f8, 0x1b1b1b },
	{ "#c6dbef", "#1b1b1b", 0xc6dbef, 0x1b1b1b },
	{ "#6baed6", "#1b1b1b", 0x6baed6, 0x1b1b1b },
	{ "#2166ac", "#ffffff", 0x2166ac, 0xffffff },
	{ "#08306b", "#ffffff", 0x08306b, 0xffffff },
};

/* The mark of a claim its evidence does not support (border or outline). */
#define LP_UNSUPPORTED_RGB 0xb2182b
#define LP_UNSUPPORTED_HEX "#b2182b"

#endif
