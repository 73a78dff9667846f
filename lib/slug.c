/*
 * slug.c - the slug of an evidence item's file name, made from its title.
 */
#include <string.h>

#include "evidence.h"

#define SLUG_MAX	50

static int
is_ascii_alnum(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/*
 * Non-ASCII characters that separate words (spaces, dashes, quotes,
 * punctuation and symbols) and so become '-' in a slug, as ASCII
 * punctuation does; other non-ASCII characters, letters above all, are
 * left out.
 */
static int
is_separator(unsigned long cp)
{
	return (cp >= 0x80 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7 ||
	    (cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f);
}

/* The code point of the UTF-8 sequence at p (valid text); *len its length. */
static unsigned long
utf8_decode(const unsigned char *p, size_t *len)
{
	if (p[0] < 0xe0) {
		*len = 2;
		return (p[0] & 0x1fUL) << 6 | (p[1] & 0x3f);
	}
	if (p[0] < 0xf0) {
		*len = 3;
		return (p[0] & 0x0fUL) << 12 | (p[1] & 0x3fUL) << 6 | (p[2] & 0x3f);
	}
	*len = 4;
	return (p[0] & 0x07UL) << 18 | (p[1] & 0x3fUL) << 12 |
	    (p[2] & 0x3fUL) << 6 | (p[3] & 0x3f);
}

/*
 * The slug of a title, for the file name: lower-case ASCII letters and
 * digits, every other run of characters one '-', trimmed, at most
 * SLUG_MAX bytes, cut at a dash when one falls in the last third.
 */
char *
lp_slug(const char *title)
{
	const unsigned char *p = (const unsigned char *)title;
	struct lp_buf b = {0};
	int dash = 0;

	while (*p) {
		size_t len = 1;

		if (is_ascii_alnum(*p)) {
			if (dash && b.len)
				lp_buf_addc(&b, '-');
			dash = 0;
			lp_buf_addc(&b, (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p));
		} else if (*p < 0x80) {
			dash = 1;
		} else if (is_separator(utf8_decode(p, &len))) {
			dash = 1;
		}
		p += len;
	}
	if (b.len > SLUG_MAX) {
		size_t cut = SLUG_MAX;

		for (size_t i = SLUG_MAX; i > SLUG_MAX * 2 / 3; i--)
			if (b.data[i] == '-') {
				cut = i;
				break;
			}
		b.len = cut;
		b.data[cut] = '\0';
	}
	while (b.len > 0 && b.data[b.len - 1] == '-')
		b.data[--b.len] = '\0';
	if (b.len == 0)
		lp_buf_adds(&b, "item");
	return lp_buf_detach(&b);
}
