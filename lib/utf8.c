/*
 * utf8.c - strict UTF-8 validation, display width, and quoting of
 * control characters.
 *
 * Input text must be UTF-8: we reject overlong forms, surrogates, code
 * points above U+10FFFF and truncated sequences, the same set the
 * utf8tests corpus and RFC 3629 reject.
 *
 * Width is what a terminal gives a character, as wcwidth(3) does but
 * without the locale: East Asian Wide and Fullwidth characters and
 * emoji take two columns, combining marks and zero-width characters
 * none, everything else one.  The tables are our own, compact ranges
 * from Unicode 15's EastAsianWidth.txt and emoji-data.txt, enough for
 * names and titles; a character they miss is counted as one column.
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

struct range {
	unsigned long lo, hi;
};

/* Two columns: East Asian Wide (W) and Fullwidth (F), and emoji. */
static const struct range wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x3029 },
	{ 0x302e, 0x303e }, { 0x3041, 0x3098 }, { 0x309b, 0x33ff },
	{ 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xa000, 0xa4cf },
	{ 0xa960, 0xa97f }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff },
	{ 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f }, { 0xff00, 0xff60 },
	{ 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe4 }, { 0x17000, 0x18cff },
	{ 0x1b000, 0x1b2ff }, { 0x1f004, 0x1f004 }, { 0x1f0cf, 0x1f0cf },
	{ 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a }, { 0x1f200, 0x1f202 },
	{ 0x1f210, 0x1f23b }, { 0x1f240, 0x1f248 }, { 0x1f250, 0x1f251 },
	{ 0x1f260, 0x1f265 }, { 0x1f300, 0x1f320 }, { 0x1f32d, 0x1f335 },
	{ 0x1f337, 0x1f37c }, { 0x1f37e, 0x1f393 }, { 0x1f3a0, 0x1f3ca },
	{ 0x1f3cf, 0x1f3d3 }, { 0x1f3e0, 0x1f3f0 }, { 0x1f3f4, 0x1f3f4 },
	{ 0x1f3f8, 0x1f43e }, { 0x1f440, 0x1f440 }, { 0x1f442, 0x1f4fc },
	{ 0x1f4ff, 0x1f53d }, { 0x1f54b, 0x1f54e }, { 0x1f550, 0x1f567 },
	{ 0x1f57a, 0x1f57a }, { 0x1f595, 0x1f596 }, { 0x1f5a4, 0x1f5a4 },
	{ 0x1f5fb, 0x1f64f }, { 0x1f680, 0x1f6c5 }, { 0x1f6cc, 0x1f6cc },
	{ 0x1f6d0, 0x1f6d2 }, { 0x1f6d5, 0x1f6d7 }, { 0x1f6dc, 0x1f6df },
	{ 0x1f6eb, 0x1f6ec }, { 0x1f6f4, 0x1f6fc }, { 0x1f7e0, 0x1f7eb },
	{ 0x1f7f0, 0x1f7f0 }, { 0x1f90c, 0x1f93a }, { 0x1f93c, 0x1f945 },
	{ 0x1f947, 0x1f9ff }, { 0x1fa70, 0x1faff }, { 0x20000, 0x2fffd },
	{ 0x30000, 0x3fffd },
};

/*
 * No column: combining marks (Mn, Me), the zero-width space, joiners and
 * direction marks, variation selectors (U+FE0F turns a character into
 * its emoji form, which the base character's width already counts),
 * Hangul medial and final jamo, tags.
 */
static const struct range zero[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x05bf, 0x05bf }, { 0x05c1, 0x05c2 }, { 0x05c4, 0x05c5 },
	{ 0x05c7, 0x05c7 }, { 0x0610, 0x061a }, { 0x064b, 0x065f },
	{ 0x0670, 0x0670 }, { 0x06d6, 0x06dc }, { 0x06df, 0x06e4 },
	{ 0x06e7, 0x06e8 }, { 0x06ea, 0x06ed }, { 0x0900, 0x0902 },
	{ 0x093a, 0x093a }, { 0x093c, 0x093c }, { 0x0941, 0x0948 },
	{ 0x094d, 0x094d }, { 0x0951, 0x0957 }, { 0x0962, 0x0963 },
	{ 0x0e31, 0x0e31 }, { 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e },
	{ 0x1160, 0x11ff }, { 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff },
	{ 0x200b, 0x200f }, { 0x202a, 0x202e }, { 0x2060, 0x2064 },
	{ 0x2066, 0x206f }, { 0x20d0, 0x20ff }, { 0x302a, 0x302d },
	{ 0x3099, 0x309a }, { 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f },
	{ 0xfeff, 0xfeff }, { 0xe0000, 0xe007f }, { 0xe0100, 0xe01ef },
};

static int
in_table(unsigned long cp, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

#define NELEM(a) (sizeof (a) / sizeof *(a))

/* The code point of the valid k-byte sequence at p. */
static unsigned long
decode(const unsigned char *p, size_t k)
{
	switch (k) {
	case 1:
		return p[0];
	case 2:
		return (p[0] & 0x1fUL) << 6 | (p[1] & 0x3f);
	case 3:
		return (p[0] & 0x0fUL) << 12 | (p[1] & 0x3fUL) << 6 | (p[2] & 0x3f);
	default:
		return (p[0] & 0x07UL) << 18 | (p[1] & 0x3fUL) << 12 |
		    (p[2] & 0x3fUL) << 6 | (p[3] & 0x3f);
	}
}

/* A control character: C0, DEL or C1. */
static int
is_control(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

int
lp_utf8_cpwidth(unsigned long cp)
{
	if (is_control(cp) || in_table(cp, zero, NELEM(zero)))
		return 0;
	return in_table(cp, wide, NELEM(wide)) ? 2 : 1;
}

size_t
lp_utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;

	while (*p) {
		/* seq_len stops at the NUL: a continuation byte is never 0. */
		size_t k = seq_len(p, 4);

		if (k == 0) {	/* shown as one replacement column */
			w++;
			p++;
			continue;
		}
		w += (size_t)lp_utf8_cpwidth(decode(p, k));
		p += k;
	}
	return w;
}

/*
 * Characters that move the cursor or change how text reads on a
 * terminal: controls, and the bidirectional overrides and isolates that
 * can make text display in an order other than its bytes'.
 */
static int
needs_quoting(unsigned long cp)
{
	return is_control(cp) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

char *
lp_str_quote_ctrl(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	struct lp_buf b = {0};

	while (*p) {
		size_t k = seq_len(p, 4);
		unsigned long cp;

		if (k == 0) {	/* not UTF-8: the byte, as a byte */
			lp_buf_addf(&b, "\\x%02x", *p++);
			continue;
		}
		cp = decode(p, k);
		if (!needs_quoting(cp)) {
			lp_buf_add(&b, p, k);
		} else if (cp == '\t') {
			lp_buf_adds(&b, "\\t");
		} else if (cp == '\n') {
			lp_buf_adds(&b, "\\n");
		} else if (cp == '\r') {
			lp_buf_adds(&b, "\\r");
		} else if (cp == 0x1b) {
			lp_buf_adds(&b, "\\e");
		} else if (cp < 0x80) {
			lp_buf_addf(&b, "\\x%02lx", cp);
		} else {
			lp_buf_addf(&b, "\\u{%lx}", cp);
		}
		p += k;
	}
	if (!b.data)
		return lp_xstrdup("");
	return lp_buf_detach(&b);
}
