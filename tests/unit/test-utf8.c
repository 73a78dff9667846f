/*
 * test-utf8.c - lib/utf8.c's display width and control-character
 * quoting, checked directly: the table writer aligns by the one and
 * diagnostics and tables print through the other, so the edge cases
 * (a byte that is not UTF-8, C1 controls, joiners) are pinned here.
 * Prints TAP.
 */
#include <stdlib.h>
#include <string.h>

#include "lp.h"

static int ntests, nfail;

static void
ok(int cond, const char *name)
{
	ntests++;
	if (!cond)
		nfail++;
	printf("%sok %d - %s\n", cond ? "" : "not ", ntests, name);
}

static void
width(const char *s, size_t want, const char *name)
{
	size_t got = lp_utf8_width(s);

	ok(got == want, name);
	if (got != want)
		printf("#   got %zu, want %zu\n", got, want);
}

static void
quoted(const char *s, const char *want, const char *name)
{
	char *got = lp_str_quote_ctrl(s);

	ok(strcmp(got, want) == 0, name);
	if (strcmp(got, want) != 0)
		printf("#   got [%s], want [%s]\n", got, want);
	free(got);
}

int
main(void)
{
	width("", 0, "width: empty");
	width("Ada", 3, "width: ASCII, one column a character");
	width("Z\xc3\xab", 2, "width: a precomposed accent is one character");
	width("e\xcc\x81", 1, "width: a combining acute takes no column");
	width("\xe6\x9d\x8e", 2, "width: a CJK ideograph takes two");
	width("\xef\xbc\xa1", 2, "width: a fullwidth letter takes two");
	width("\xea\xb0\x80", 2, "width: a Hangul syllable takes two");
	width("\xf0\x9f\x98\x80", 2, "width: an emoji takes two");
	width("\xf0\x9f\xa7\x91", 2, "width: a supplemental-symbols emoji takes two");
	width("a\xe2\x80\x8b" "b", 2, "width: a zero-width space takes none");
	width("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", 4,
	    "width: ZWJ takes none (each emoji of a sequence is counted)");
	width("\xe2\x9d\xa4\xef\xb8\x8f", 1, "width: U+FE0F takes none");
	width("\xe2\x82\xac", 1, "width: the euro sign is one");
	width("a\x1b" "b", 2, "width: a control character takes none");
	width("a\xff" "b", 3, "width: a byte that is not UTF-8 is one column");
	width("\xf0\x9f", 2, "width: a cut sequence is a column a byte");

	quoted("plain \xc3\xa9 text", "plain \xc3\xa9 text", "quote: text is kept");
	quoted(NULL, "", "quote: NULL is empty");
	quoted("a\tb\nc\rd", "a\\tb\\nc\\rd", "quote: tab, newline, CR");
	quoted("\x1b[31mred", "\\e[31mred", "quote: ESC is \\e");
	quoted("\x01\x7f", "\\x01\\x7f", "quote: other C0 and DEL as \\xHH");
	quoted("x\xc2\x9by", "x\\u{9b}y", "quote: a C1 control (CSI) as \\u{9b}");
	quoted("\xc2\x80\xc2\x9f\xc2\xa0", "\\u{80}\\u{9f}\xc2\xa0",
	    "quote: C1 is U+0080..U+009F, no-break space kept");
	quoted("a\xe2\x80\xae" "b", "a\\u{202e}b", "quote: a right-to-left override");
	quoted("a\xe2\x81\xa6" "b", "a\\u{2066}b", "quote: a directional isolate");
	quoted("\x9b" "2J", "\\x9b2J", "quote: a lone byte 0x9b (not UTF-8) as \\x9b");
	quoted("\xff\xfe", "\\xff\\xfe", "quote: bytes that are not UTF-8");
	quoted("back\\slash", "back\\slash", "quote: a backslash is kept");
	printf("1..%d\n", ntests);
	return nfail != 0;
}
