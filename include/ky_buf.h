/* ky_buf.h - growable byte buffer and the allocation wrappers.
 *
 * A `struct ky_buf` is never NULL after ky_buf_init(): `buf` always points to
 * a NUL-terminated string (possibly the shared empty string).  Allocation
 * failure goes through ky_xmalloc's out-of-memory hook, so callers need not
 * check for NULL.
 */
#ifndef KY_BUF_H
#define KY_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Out-of-memory hook: called with the failed size; must not return.
 * The default hook aborts.  The CLI installs one that prints and exits. */
typedef void (*ky_oom_fn)(size_t size);
void ky_set_oom_hook(ky_oom_fn fn);

void *ky_xmalloc(size_t size);
void *ky_xcalloc(size_t n, size_t size);
void *ky_xrealloc(void *p, size_t size);
/* Grows *P (holding *CAP elements of SIZE) so it holds at least NEED. */
void ky_xgrow(void **p, size_t *cap, size_t need, size_t size);
char *ky_xstrdup(const char *s);
char *ky_xstrndup(const char *s, size_t n);

struct ky_buf {
	char *buf;
	size_t len, cap;
};

#define KY_BUF_INIT { ky_buf_empty, 0, 0 }
extern char ky_buf_empty[];

void ky_buf_init(struct ky_buf *b);
/* Frees memory; B is reusable (empty) afterwards. */
void ky_buf_release(struct ky_buf *b);
/* Empties B, keeping its memory. */
void ky_buf_reset(struct ky_buf *b);
void ky_buf_grow(struct ky_buf *b, size_t extra);
/* Inline, as the writers call these for most bytes they write. */
static inline void ky_buf_add(struct ky_buf *b, const void *data, size_t n)
{
	if (b->len + n + 1 > b->cap)
		ky_buf_grow(b, n);
	memcpy(b->buf + b->len, data, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

/* Inline, so that the length of a literal is known when compiling. */
static inline void ky_buf_adds(struct ky_buf *b, const char *s)
{
	ky_buf_add(b, s, strlen(s));
}

static inline void ky_buf_addch(struct ky_buf *b, char c)
{
	if (b->len + 2 > b->cap)
		ky_buf_grow(b, 1);
	b->buf[b->len++] = c;
	b->buf[b->len] = '\0';
}
/* printf into B, always in the C locale's number format (kysely never calls
 * setlocale(LC_NUMERIC)). */
void ky_buf_addf(struct ky_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ky_buf_vaddf(struct ky_buf *b, const char *fmt, va_list ap);
/* Appends a double with 15 significant digits ("%.15g"); NaN/inf append
 * nothing, -0 is "0". */
void ky_buf_add_double(struct ky_buf *b, double x);
/* Appends V in decimal ("%llu"). */
void ky_buf_add_u64(struct ky_buf *b, uint64_t v);
/* Writes "%.15g" of X into OUT (32 bytes), NUL-terminated, byte for byte as
 * snprintf in the C locale does (most values without printf); returns the
 * length. */
size_t ky_fmt_g15(char *out, double x);
/* snprintf(OUT, SIZE, "%.*f", DECIMALS, X), byte for byte, without printf
 * for 0 <= DECIMALS <= 6 and |X| < 10^12 (SIZE >= 40); returns what snprintf
 * returns (the length it needed). */
size_t ky_fmt_fixed(char *out, size_t size, double x, int decimals);
/* Writes a real as jansson 2.14 dumps it with JSON_REAL_PRECISION(15):
 * "%.15g", ".0" added when that has neither '.' nor 'e', the exponent
 * without '+' and leading zeros.  OUT: 40 bytes. */
size_t ky_fmt_json_real(char *out, double x);
/* Whether S[0..N) is strict UTF-8 (no overlong forms, surrogates or code
 * points above U+10FFFF): what jansson accepts as a string. */
int ky_utf8_strict(const char *s, size_t n);
/* Appends S[0..N) with each byte that is not part of a strict UTF-8
 * sequence (as ky_utf8_strict defines it) replaced by U+FFFD (EF BF BD);
 * valid text is copied as it is. */
void ky_utf8_repair(struct ky_buf *b, const char *s, size_t n);
/* Appends S[0..N) (UTF-8) as a JSON string the way jansson's json_dumps
 * writes it without escaping flags: quotes, \" \\ \b \f \n \r \t, other
 * bytes below 0x20 as \u00XX, everything else as is. */
void ky_buf_add_json_string(struct ky_buf *b, const char *s, size_t n);
/* The same in one pass that also checks S as ky_utf8_strict does: returns 1
 * when S is strict UTF-8 (and appended), else 0 with B as it was. */
int ky_buf_add_json_utf8(struct ky_buf *b, const char *s, size_t n);
/* Writes V in decimal into OUT (21 bytes), NUL-terminated; returns the length. */
size_t ky_fmt_u64(char *out, uint64_t v);
/* Hands the string over to the caller (who frees it); B becomes empty. */
char *ky_buf_detach(struct ky_buf *b, size_t *len);

#endif
