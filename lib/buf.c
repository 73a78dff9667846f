/*
 * buf.c - a growable byte buffer and a vector of strings.
 *
 * The two containers the rest of the library builds text and lists with.
 * Both grow geometrically and die on allocation failure (lp_x*).
 */
#include <stdlib.h>
#include <string.h>

#include "lp.h"

static void
buf_grow(struct lp_buf *b, size_t extra)
{
	size_t need;

	if (extra > SIZE_MAX - b->len - 1)
		lp_die("out of memory");
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	if (b->cap < 64)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->data = lp_xrealloc(b->data, b->cap);
}

/* p may be NULL: the space is reserved (and zeroed) for the caller to fill. */
void
lp_buf_add(struct lp_buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (p)
		memcpy(b->data + b->len, p, n);
	else
		memset(b->data + b->len, 0, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
lp_buf_adds(struct lp_buf *b, const char *s)
{
	lp_buf_add(b, s, strlen(s));
}

void
lp_buf_addc(struct lp_buf *b, char c)
{
	buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
lp_buf_addf(struct lp_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
lp_buf_reset(struct lp_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

const char *
lp_buf_str(struct lp_buf *b)
{
	return b->data ? b->data : "";
}

char *
lp_buf_detach(struct lp_buf *b)
{
	char *p = b->data ? b->data : lp_xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
lp_buf_free(struct lp_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
lp_strv_take(struct lp_strv *sv, char *s)
{
	if (sv->n + 1 >= sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = lp_xreallocarray(sv->v, sv->cap, sizeof *sv->v);
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void
lp_strv_pushn(struct lp_strv *sv, const char *s, size_t n)
{
	lp_strv_take(sv, lp_xstrndup(s, n));
}

void
lp_strv_push(struct lp_strv *sv, const char *s)
{
	lp_strv_pushn(sv, s, strlen(s));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
lp_strv_sort(struct lp_strv *sv)
{
	if (sv->n > 1)
		qsort(sv->v, sv->n, sizeof *sv->v, cmp_str);
}

int
lp_strv_find(const struct lp_strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return (int)i;
	return -1;
}

void
lp_strv_free(struct lp_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}
