/*
 * utf8.c - strict UTF-8 validation and display width.
 *
 * Input text must be UTF-8: we reject overlong forms, surrogates, code
 * points above U+10FFFF and truncated sequences, the same set the
 * utf8tests corpus and RFC 3629 reject.
 */
#include <string.h>

#include "lp.h"

/* Length of the valid sequence at p (1..4), or 0 when it is invalid. */
static size_t
seq_len(const unsigned char *p, size_t left)
{
	unsigned char c = p[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return left >= 2 && (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (left < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && p[1] < 0xa0)	/* overlong */
			return 0;
		if (c == 0xed && p[1] >= 0xa0)	/* surrogate */
			return 0;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (left < 4 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 ||
		    (p[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && p[1] < 0x90)	/* overlong */
			return 0;
		if (c == 0xf4 && p[1] >= 0x90)	/* above U+10FFFF */
			return 0;
		return 4;
	}
	return 0;
}

size_t
lp_utf8_invalid_at(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t k;

		/* Fast path over ASCII, the common case: eight bytes at a time. */
		if (p[i] < 0x80) {
			uint64_t w;

			while (i + 8 <= n) {
				memcpy(&w, p + i, 8);
				if (w & UINT64_C(0x8080808080808080))
					break;
				i += 8;
			}
			while (i < n && p[i] < 0x80)
				i++;
			continue;
		}
		k = seq_len(p + i, n - i);
		if (k == 0)
			return i;
		i += k;
	}
	return n;
}

int
lp_utf8_valid(const char *p, size_t n)
{
	return lp_utf8_invalid_at(p, n) == n;
}

/* Combining marks that take no column: the common blocks are enough for names. */
static int
zero_width(unsigned long cp)
{
	return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
	    (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
	    (cp >= 0xfe20 && cp <= 0xfe2f) || cp == 0x200b || cp == 0x200d;
}

size_t
lp_utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;

	while (*p) {
		unsigned long cp;
		size_t k = seq_len(p, 4);

		if (k == 0) {	/* shown as one replacement column */
			w++;
			p++;
			continue;
		}
		cp = k == 1 ? p[0] : k == 2 ? (p[0] & 0x1fUL) << 6 | (p[1] & 0x3f) :
		    k == 3 ? (p[0] & 0x0fUL) << 12 | (p[1] & 0x3fUL) << 6 | (p[2] & 0x3f) :
		    (p[0] & 0x07UL) << 18 | (p[1] & 0x3fUL) << 12 |
		    (p[2] & 0x3fUL) << 6 | (p[3] & 0x3f);
		if (!zero_width(cp))
			w++;
		p += k;
	}
	return w;
}
