/* buf.c - growable NUL-terminated buffer and the allocation wrappers with one
 * out-of-memory hook (git strbuf / jq nomem handler style). */
#include "ky_buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char ky_buf_empty[1];

static void default_oom(size_t size)
{
	(void)size;
	abort();
}

static ky_oom_fn oom_hook = default_oom;

void ky_set_oom_hook(ky_oom_fn fn)
{
	oom_hook = fn ? fn : default_oom;
}

void *ky_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		oom_hook(size);
	return p;
}

void *ky_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom_hook(n * size);
	return p;
}

void *ky_xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);
	if (!q)
		oom_hook(size);
	return q;
}

void ky_xgrow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap : 8;
	while (n < need)
		n = n + n / 2 + 8;
	*p = ky_xrealloc(*p, n * size);
	*cap = n;
}

char *ky_xstrndup(const char *s, size_t n)
{
	char *p = ky_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ky_xstrdup(const char *s)
{
	return ky_xstrndup(s, strlen(s));
}

void ky_buf_init(struct ky_buf *b)
{
	b->buf = ky_buf_empty;
	b->len = b->cap = 0;
}

void ky_buf_release(struct ky_buf *b)
{
	if (b->cap)
		free(b->buf);
	ky_buf_init(b);
}

void ky_buf_reset(struct ky_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->buf[0] = '\0';
}

void ky_buf_grow(struct ky_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	char *old = b->cap ? b->buf : NULL;
	size_t cap = b->cap;
	ky_xgrow((void **)&old, &cap, need, 1);
	if (!b->cap)
		old[0] = '\0';
	b->buf = old;
	b->cap = cap;
}

void ky_buf_add(struct ky_buf *b, const void *data, size_t n)
{
	ky_buf_grow(b, n);
	memcpy(b->buf + b->len, data, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void ky_buf_adds(struct ky_buf *b, const char *s)
{
	ky_buf_add(b, s, strlen(s));
}

void ky_buf_addch(struct ky_buf *b, char c)
{
	ky_buf_grow(b, 1);
	b->buf[b->len++] = c;
	b->buf[b->len] = '\0';
}

void ky_buf_vaddf(struct ky_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	ky_buf_grow(b, (size_t)n);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void ky_buf_addf(struct ky_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ky_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void ky_buf_add_double(struct ky_buf *b, double x)
{
	if (!isfinite(x))
		return;
	if (x == 0)
		x = 0; /* no "-0" */
	ky_buf_addf(b, "%.15g", x);
}

char *ky_buf_detach(struct ky_buf *b, size_t *len)
{
	char *s = b->cap ? b->buf : ky_xstrdup("");
	if (len)
		*len = b->len;
	ky_buf_init(b);
	return s;
}
