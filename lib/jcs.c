/*
 * jcs.c - RFC 8785 JSON Canonicalization Scheme over cJSON values, and
 * base58-btc.
 *
 * A Data Integrity proof signs the hash of a document's canonical form,
 * so two programs agree on a signature only when they agree on every
 * byte of that form: member order by UTF-16 code units (not bytes, not
 * code points), numbers printed as ECMAScript prints them, strings with
 * exactly the escapes JSON requires.  The text we canonicalise comes
 * from anyone (lp-report verify), so lp_jcs_parse first holds it to
 * RFC 8259 itself: cJSON 1.7 reads 012, 1., \u0000 and other things that
 * another verifier would read differently or refuse.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "credential.h"

/* ---- numbers ---- */

/* Does the decimal mant x 10^exp10 read back as d? */
static int
round_trips(unsigned long long mant, int exp10, double d)
{
	char buf[48];

	snprintf(buf, sizeof buf, "%llue%d", mant, exp10);
	return strtod(buf, NULL) == d;
}

/*
 * The shortest decimal digits of positive d that read back as d:
 * digits (no trailing zeros) and the ECMAScript n, the position of the
 * decimal point (value = 0.digits x 10^n).  At each length the correctly
 * rounded candidate is tried, then its neighbours: where the gap below a
 * power of two is half the gap above, the nearest decimal may miss while
 * the next one up still reads back.
 */
static void
shortest(double d, char digits[24], int *k, int *n)
{
	char buf[48];
	unsigned long long mant = 0;
	int exp10 = 0;

	for (int p = 1; p <= 17; p++) {
		char *e;
		int x;

		snprintf(buf, sizeof buf, "%.*e", p - 1, d);
		e = strchr(buf, 'e');
		x = atoi(e + 1);
		mant = 0;
		for (char *c = buf; c < e; c++)
			if (*c >= '0' && *c <= '9')
				mant = mant * 10 + (unsigned long long)(*c - '0');
		exp10 = x - (p - 1);
		if (round_trips(mant, exp10, d))
			break;
		if (round_trips(mant + 1, exp10, d)) {
			mant++;
			break;
		}
		if (mant > 1 && round_trips(mant - 1, exp10, d)) {
			mant--;
			break;
		}
	}
	while (mant % 10 == 0 && mant > 0) {
		mant /= 10;
		exp10++;
	}
	*k = snprintf(digits, 24, "%llu", mant);
	*n = exp10 + *k;
}

int
lp_jcs_number(double d, char out[32])
{
	char s[24], *o = out;
	int k, n, e;

	if (!isfinite(d))
		return -1;
	if (d == 0) {
		strcpy(out, "0");
		return 0;
	}
	if (d < 0) {
		*o++ = '-';
		d = -d;
	}
	shortest(d, s, &k, &n);
	if (k <= n && n <= 21) {
		memcpy(o, s, (size_t)k);
		memset(o + k, '0', (size_t)(n - k));
		o[n] = '\0';
	} else if (0 < n && n <= 21) {
		memcpy(o, s, (size_t)n);
		o[n] = '.';
		memcpy(o + n + 1, s + n, (size_t)(k - n));
		o[k + 1] = '\0';
	} else if (-6 < n && n <= 0) {
		memcpy(o, "0.", 2);
		memset(o + 2, '0', (size_t)-n);
		memcpy(o + 2 - n, s, (size_t)k);
		o[2 - n + k] = '\0';
	} else {
		e = n - 1;
		*o++ = s[0];
		if (k > 1) {
			*o++ = '.';
			memcpy(o, s + 1, (size_t)(k - 1));
			o += k - 1;
		}
		/* |e| <= 324 for a double. */
		snprintf(o, 8, "e%c%d", e < 0 ? '-' : '+', (e < 0 ? -e : e) % 1000);
	}
	return 0;
}

/* ---- strings ---- */

static int
put_string(struct lp_buf *out, const char *s, const char **why)
{
	static const char hex[] = "0123456789abcdef";
	size_t len = strlen(s), run = 0;

	if (!lp_utf8_valid(s, len)) {
		*why = "a string that is not valid UTF-8";
		return -1;
	}
	lp_buf_addc(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[7];

		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			if (c < 0x20) {
				memcpy(u, "\\u00", 4);
				u[4] = hex[c >> 4];
				u[5] = hex[c & 15];
				u[6] = '\0';
				esc = u;
			}
		}
		if (!esc) {
			run++;
			continue;
		}
		lp_buf_add(out, s + i - run, run);
		run = 0;
		lp_buf_adds(out, esc);
	}
	lp_buf_add(out, s + len - run, run);
	lp_buf_addc(out, '"');
	return 0;
}

/* ---- member order ---- */

/* The next code point of valid UTF-8 as its UTF-16 units, high << 16 | low. */
static uint32_t
next_units(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	uint32_t cp;

	if (p[0] < 0x80) {
		cp = p[0];
		*pp = p + 1;
	} else if (p[0] < 0xe0) {
		cp = (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
		*pp = p + 2;
	} else if (p[0] < 0xf0) {
		cp = (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
		*pp = p + 3;
	} else {
		cp = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) << 12 |
		    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
		*pp = p + 4;
	}
	if (cp < 0x10000)
		return cp << 16;
	cp -= 0x10000;
	return (0xd800 + (cp >> 10)) << 16 | (0xdc00 + (cp & 0x3ff));
}

/*
 * UTF-16 order of two valid UTF-8 names.  A unit of the basic plane
 * never equals a high surrogate, so comparing (high, low) pairs, with
 * low 0 for the basic plane, is comparing the unit sequences.
 */
static int
utf16_cmp(const void *a, const void *b)
{
	const unsigned char *p = (const unsigned char *)(*(const cJSON *const *)a)->string;
	const unsigned char *q = (const unsigned char *)(*(const cJSON *const *)b)->string;

	while (*p && *q) {
		uint32_t u = next_units(&p), v = next_units(&q);

		if (u != v)
			return u < v ? -1 : 1;
	}
	return *p ? 1 : *q ? -1 : 0;
}

/* ---- values ---- */

static int put_value(const cJSON *v, struct lp_buf *out, const char **why, int pretty, int depth);

static void
newline(struct lp_buf *out, int depth)
{
	lp_buf_addc(out, '\n');
	for (int i = 0; i < depth; i++)
		lp_buf_adds(out, "  ");
}

static int
scalars_only(const cJSON *v)
{
	for (const cJSON *c = v->child; c; c = c->next)
		if (cJSON_IsArray(c) || cJSON_IsObject(c))
			return 0;
	return 1;
}

static int
put_members(const cJSON *v, struct lp_buf *out, const char **why, int pretty, int depth)
{
	const cJSON **m = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	for (const cJSON *c = v->child; c; c = c->next) {
		if (!c->string || !lp_utf8_valid(c->string, strlen(c->string))) {
			*why = "a member name that is not valid UTF-8";
			free(m);
			return -1;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			m = lp_xreallocarray(m, cap, sizeof *m);
		}
		m[n++] = c;
	}
	if (!pretty && n > 1) {
		/* n > 1: qsort must not be given the NULL of an empty object. */
		qsort(m, n, sizeof *m, utf16_cmp);
		for (size_t i = 1; i < n; i++)
			if (utf16_cmp(&m[i - 1], &m[i]) == 0) {
				*why = "two members of one object with the same name";
				free(m);
				return -1;
			}
	}
	lp_buf_addc(out, '{');
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (i > 0)
			lp_buf_addc(out, ',');
		if (pretty)
			newline(out, depth + 1);
		rc = put_string(out, m[i]->string, why);
		lp_buf_adds(out, pretty ? ": " : ":");
		if (rc == 0)
			rc = put_value(m[i], out, why, pretty, depth + 1);
	}
	if (pretty && n > 0)
		newline(out, depth);
	lp_buf_addc(out, '}');
	free(m);
	return rc;
}

static int
put_value(const cJSON *v, struct lp_buf *out, const char **why, int pretty, int depth)
{
	char num[32];
	int rc = 0;

	switch (v->type & 0xff) {
	case cJSON_NULL:
		lp_buf_adds(out, "null");
		return 0;
	case cJSON_True:
		lp_buf_adds(out, "true");
		return 0;
	case cJSON_False:
		lp_buf_adds(out, "false");
		return 0;
	case cJSON_Number:
		if (lp_jcs_number(v->valuedouble, num) < 0) {
			*why = "a number that is not finite";
			return -1;
		}
		lp_buf_adds(out, num);
		return 0;
	case cJSON_String:
		return put_string(out, v->valuestring ? v->valuestring : "", why);
	case cJSON_Array:
		/* For people, an array of strings and numbers stays on one line. */
		if (pretty && scalars_only(v))
			pretty = -1;
		lp_buf_addc(out, '[');
		for (const cJSON *c = v->child; c && rc == 0; c = c->next) {
			if (c != v->child)
				lp_buf_adds(out, pretty < 0 ? ", " : ",");
			if (pretty > 0)
				newline(out, depth + 1);
			rc = put_value(c, out, why, pretty, depth + 1);
		}
		if (pretty > 0 && v->child)
			newline(out, depth);
		lp_buf_addc(out, ']');
		return rc;
	case cJSON_Object:
		return put_members(v, out, why, pretty, depth);
	default:
		*why = "a value that is not JSON";
		return -1;
	}
}

int
lp_jcs(const cJSON *v, struct lp_buf *out, const char **why)
{
	const char *dummy;

	return put_value(v, out, why ? why : &dummy, 0, 0);
}

int
lp_jcs_pretty(const cJSON *v, struct lp_buf *out, const char **why)
{
	const char *dummy;

	if (put_value(v, out, why ? why : &dummy, 1, 0) < 0)
		return -1;
	lp_buf_addc(out, '\n');
	return 0;
}

/* ---- strict parsing ---- */

#define JSON_DEPTH_MAX 200

struct scan {
	const char *p, *end;
	const char *why;
};

static void
skip_ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

static int
fail(struct scan *s, const char *why)
{
	s->why = why;
	return -1;
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static long
hex4(const char *p)
{
	long v = 0;

	for (int i = 0; i < 4; i++)
		v = v * 16 + (p[i] <= '9' ? p[i] - '0' : (p[i] | 0x20) - 'a' + 10);
	return v;
}

/* At the 'u' of a \u escape: a surrogate must be a high one followed by a low one. */
static int
scan_surrogate(struct scan *s)
{
	long u = hex4(s->p + 1);

	if (u < 0xd800 || u > 0xdfff)
		return 0;
	if (u >= 0xdc00 || s->end - s->p < 11 || s->p[5] != '\\' || s->p[6] != 'u' ||
	    !is_hex(s->p[7]) || !is_hex(s->p[8]) || !is_hex(s->p[9]) || !is_hex(s->p[10]) ||
	    hex4(s->p + 7) < 0xdc00 || hex4(s->p + 7) > 0xdfff)
		return fail(s, "a lone surrogate escape (\\ud800-\\udfff) in a string");
	s->p += 6;	/* the low half is checked here, and skipped */
	return 0;
}

static int
scan_string(struct scan *s)
{
	for (s->p++; s->p < s->end; s->p++) {
		unsigned char c = (unsigned char)*s->p;

		if (c == '"') {
			s->p++;
			return 0;
		}
		if (c < 0x20)
			return fail(s, "a control character inside a string");
		if (c != '\\')
			continue;
		if (++s->p >= s->end)
			break;
		if (strchr("\"\\/bfnrt", *s->p) && *s->p)
			continue;
		if (*s->p != 'u')
			return fail(s, "an unknown escape in a string");
		if (s->end - s->p < 5 || !is_hex(s->p[1]) || !is_hex(s->p[2]) ||
		    !is_hex(s->p[3]) || !is_hex(s->p[4]))
			return fail(s, "a \\u escape without four hex digits");
		if (memcmp(s->p + 1, "0000", 4) == 0)
			return fail(s, "a \\u0000 escape");
		if (scan_surrogate(s) < 0)
			return -1;
		s->p += 4;
	}
	return fail(s, "an unterminated string");
}

static size_t
digits(const char *p, const char *end)
{
	size_t n = 0;

	while (p + n < end && p[n] >= '0' && p[n] <= '9')
		n++;
	return n;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int
scan_number(struct scan *s)
{
	size_t n;

	if (*s->p == '-')
		s->p++;
	n = digits(s->p, s->end);
	if (n == 0 || (n > 1 && *s->p == '0'))
		return fail(s, "a number that RFC 8259 does not allow");
	s->p += n;
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		if ((n = digits(s->p, s->end)) == 0)
			return fail(s, "a number that RFC 8259 does not allow");
		s->p += n;
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if ((n = digits(s->p, s->end)) == 0)
			return fail(s, "a number that RFC 8259 does not allow");
		s->p += n;
	}
	return 0;
}

static int scan_value(struct scan *s, int depth);

/* The members of an object or the elements of an array, from after the bracket. */
static int
scan_container(struct scan *s, char close, int depth)
{
	s->p++;
	skip_ws(s);
	if (s->p < s->end && *s->p == close) {
		s->p++;
		return 0;
	}
	for (;;) {
		if (close == '}') {
			if (s->p >= s->end || *s->p != '"')
				return fail(s, "a member name where one was expected");
			if (scan_string(s) < 0)
				return -1;
			skip_ws(s);
			if (s->p >= s->end || *s->p != ':')
				return fail(s, "no ':' after a member name");
			s->p++;
		}
		if (scan_value(s, depth + 1) < 0)
			return -1;
		skip_ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			skip_ws(s);
			continue;
		}
		if (s->p < s->end && *s->p == close) {
			s->p++;
			return 0;
		}
		return fail(s, close == '}' ? "no ',' or '}' after a member" :
		    "no ',' or ']' after an element");
	}
}

static int
scan_value(struct scan *s, int depth)
{
	size_t left;

	if (depth > JSON_DEPTH_MAX)
		return fail(s, "values nested too deeply");
	skip_ws(s);
	if (s->p >= s->end)
		return fail(s, "the text ends where a value was expected");
	left = (size_t)(s->end - s->p);
	switch (*s->p) {
	case '{':
		return scan_container(s, '}', depth);
	case '[':
		return scan_container(s, ']', depth);
	case '"':
		return scan_string(s);
	case 't':
	case 'f':
	case 'n':
		for (const char *const *w = (const char *const[]){ "true", "false", "null", NULL }; *w; w++)
			if (left >= strlen(*w) && memcmp(s->p, *w, strlen(*w)) == 0) {
				s->p += strlen(*w);
				return 0;
			}
		return fail(s, "a word that is not true, false or null");
	default:
		if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
			return scan_number(s);
		return fail(s, "something that is not a JSON value");
	}
}

int
lp_jcs_parse(const char *text, size_t len, cJSON **out, const char **why)
{
	struct scan s = { text, text + len, NULL };
	cJSON *v;

	*out = NULL;
	if (!lp_utf8_valid(text, len) || memchr(text, '\0', len))
		return *why = "text that is not valid UTF-8, or holds a NUL byte", -1;
	if (scan_value(&s, 0) < 0)
		return *why = s.why, -1;
	skip_ws(&s);
	if (s.p != s.end)
		return *why = "more text after the JSON value", -1;
	if (!(v = cJSON_ParseWithLength(text, len)))
		return *why = "JSON that cJSON cannot read", -1;
	*out = v;
	return 0;
}

/* ---- base58-btc ---- */

static const char b58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/*
 * Schoolbook base conversion: quadratic, and the inputs are keys and
 * signatures of at most a few dozen bytes.  Leading zero bytes are '1's.
 */
void
lp_base58_encode(const unsigned char *p, size_t n, struct lp_buf *out)
{
	size_t zeros = 0, size, len = 0;
	unsigned char *d;

	while (zeros < n && p[zeros] == 0)
		zeros++;
	size = (n - zeros) * 138 / 100 + 1;
	d = lp_xcalloc(size, 1);
	for (size_t i = zeros; i < n; i++) {
		unsigned carry = p[i];
		size_t j = 0;

		for (; j < len || carry; j++) {
			carry += 256u * d[size - 1 - j];
			d[size - 1 - j] = (unsigned char)(carry % 58);
			carry /= 58;
		}
		len = j;
	}
	for (size_t i = 0; i < zeros; i++)
		lp_buf_addc(out, '1');
	for (size_t i = size - len; i < size; i++)
		lp_buf_addc(out, b58[d[i]]);
	free(d);
}

int
lp_base58_decode(const char *s, size_t n, struct lp_buf *out)
{
	size_t zeros = 0, size, len = 0;
	unsigned char *d;

	while (zeros < n && s[zeros] == '1')
		zeros++;
	size = (n - zeros) * 733 / 1000 + 1;
	d = lp_xcalloc(size, 1);
	for (size_t i = zeros; i < n; i++) {
		const char *at = s[i] ? strchr(b58, s[i]) : NULL;
		unsigned carry;
		size_t j = 0;

		if (!at) {
			free(d);
			return -1;
		}
		carry = (unsigned)(at - b58);
		for (; j < len || carry; j++) {
			carry += 58u * d[size - 1 - j];
			d[size - 1 - j] = (unsigned char)(carry & 0xff);
			carry >>= 8;
		}
		len = j;
	}
	for (size_t i = 0; i < zeros; i++)
		lp_buf_addc(out, '\0');
	lp_buf_add(out, d + size - len, len);
	free(d);
	return 0;
}
