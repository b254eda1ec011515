/* buf.c - growable NUL-terminated buffer and the allocation wrappers with one
 * out-of-memory hook (git strbuf / jq nomem handler style).
 *
 * The base room (engine/base) owns what every stage uses and that knows no
 * stage: buffers, errors, dictionaries, count tables (tally.c), the label
 * lexicon and normalisation (scale.c), word lists, kysely's own words,
 * text masking and libraries opened on first use.  It calls no other room. */
#include "ky_buf.h"

#include <math.h>
#include <stdint.h>
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

static const uint64_t pow10_u64[20] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
	100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
	10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL
};

static const char digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/* Eight digits of R (< 10^8) at P, leading zeros included. */
static void put_8(char *p, uint32_t r)
{
	uint32_t hi = r / 10000, lo = r % 10000;
	memcpy(p, digit_pairs + 2 * (hi / 100), 2);
	memcpy(p + 2, digit_pairs + 2 * (hi % 100), 2);
	memcpy(p + 4, digit_pairs + 2 * (lo / 100), 2);
	memcpy(p + 6, digit_pairs + 2 * (lo % 100), 2);
}

/* Writes the decimal digits of V (at most 20) at P from the end: eight at a
 * time while V has more, then two at a time in 32 bits; returns their
 * number (from the bit length: floor(bits * log10(2)) is N or N - 1). */
static size_t put_u64(char *p, uint64_t v)
{
	unsigned bits = 64 - (unsigned)__builtin_clzll(v | 1);
	size_t t = (bits * 1233) >> 12;
	size_t n = t + (v >= pow10_u64[t]);
	if (n == 0)
		n = 1;
	char *e = p + n;
	while (v >= 100000000) {
		e -= 8;
		put_8(e, (uint32_t)(v % 100000000));
		v /= 100000000;
	}
	uint32_t w = (uint32_t)v;
	while (w >= 100) {
		e -= 2;
		memcpy(e, digit_pairs + 2 * (w % 100), 2);
		w /= 100;
	}
	if (w >= 10) {
		e -= 2;
		memcpy(e, digit_pairs + 2 * w, 2);
	} else {
		*--e = (char)('0' + w);
	}
	return n;
}

size_t ky_fmt_u64(char *out, uint64_t v)
{
	size_t n = put_u64(out, v);
	out[n] = '\0';
	return n;
}

/* floor(M * 10^K / 2^SH) for K <= 38, 1 <= SH < 192, when it is below
 * 2^64; *HALF says how the remainder compares with 2^(SH-1): -1, 0 or 1.
 * M * 10^K (M < 2^53, 10^K < 2^127) is held exactly in three 64-bit limbs. */
static uint64_t scaled(uint64_t m, int k, int sh, int *half)
{
	unsigned __int128 t = k <= 19 ? pow10_u64[k]
			    : (unsigned __int128)pow10_u64[19] * pow10_u64[k - 19];
	unsigned __int128 a = (unsigned __int128)m * (uint64_t)t,
			  b = (unsigned __int128)m * (uint64_t)(t >> 64);
	unsigned __int128 mid = (a >> 64) + (uint64_t)b;
	uint64_t l[4] = { (uint64_t)a, (uint64_t)mid, (uint64_t)(b >> 64) + (uint64_t)(mid >> 64),
			  0 };
	int i = sh / 64, off = sh % 64;
	uint64_t q = off ? (l[i] >> off) | (l[i + 1] << (64 - off)) : l[i];
	int hb = sh - 1, hi = hb / 64, ho = hb % 64;   /* the one-half bit */
	int below = (l[hi] & ((1ULL << ho) - 1)) != 0;
	for (int j = 0; j < hi && !below; j++)
		below = l[j] != 0;
	*half = !((l[hi] >> ho) & 1) ? -1 : below ? 1 : 0;
	return q;
}

/* "%.15g" without printf, where it can be done exactly; 0 where not (the
 * caller then uses snprintf).  |X| = M / 2^SH exactly.  With the decimal
 * exponent D (10^D <= |X| < 10^(D+1)), floor(|X| * 10^(14-D)) has 15
 * digits and the remainder tells how to round; both are computed exactly
 * in integers (M < 2^53, 10^(14-D) < 2^127 for 10^-24 <= |X| < 10^15), so
 * the digits are the correctly rounded ones that glibc prints (ties to
 * even, as glibc rounds in the default rounding mode).  Then %g's rules:
 * the exponent X of the rounded value picks the style (fixed for
 * -4 <= X < 15, else d.ddde-XX with at least two exponent digits), and
 * trailing zeros of the fraction and a bare point go. */
static size_t fmt_g15_fast(char *out, double x)
{
	uint64_t bits;
	memcpy(&bits, &x, sizeof(bits));
	double ax = fabs(x);
	if (!(ax >= 1e-24 && ax < 1e15))   /* also NaN, inf, 0 and subnormals */
		return 0;
	char *p = out;
	if (bits >> 63)
		*p++ = '-';
	uint64_t m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
	int be = (int)((bits >> 52) & 0x7ff);
	int sh = 1075 - be;   /* |X| = M / 2^SH, 3 <= SH <= 132 here */
	if (sh <= 52 && !(m & ((1ULL << sh) - 1))) {     /* an integer below 10^15 */
		p += put_u64(p, m >> sh);
		*p = '\0';
		return (size_t)(p - out);
	}
	/* floor(log10(2^(BE-1023))), off by at most one; corrected exactly below */
	int d = ((be - 1023) * 1233) >> 12, half;
	if (d > 14)
		d = 14;
	if (d < -24)
		d = -24;
	uint64_t q;
	for (;;) {
		q = scaled(m, 14 - d, sh, &half);
		if (q < pow10_u64[14] && d > -24)
			d--;
		else if (q >= pow10_u64[15] && d < 14)
			d++;
		else
			break;
	}
	if (q < pow10_u64[14] || q >= pow10_u64[15])
		return 0;   /* below 10^-24 after all */
	if (half > 0 || (half == 0 && (q & 1)))
		q++;
	if (q == pow10_u64[15]) {
		q = pow10_u64[14];
		d++;
	}
	if (d >= 15)
		return 0;   /* exponent style for large values: left to snprintf */
	char dig[16];
	put_u64(dig, q);   /* exactly 15 digits */
	size_t nd = 15;
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	if (d < -4) {   /* d.ddd e-XX */
		*p++ = dig[0];
		if (nd > 1) {
			*p++ = '.';
			memcpy(p, dig + 1, nd - 1);
			p += nd - 1;
		}
		*p++ = 'e';
		*p++ = '-';
		*p++ = (char)('0' + -d / 10);
		*p++ = (char)('0' + -d % 10);
	} else if (d >= 0) {
		memcpy(p, dig, (size_t)d + 1);
		p += d + 1;
		if (nd > (size_t)d + 1) {
			*p++ = '.';
			memcpy(p, dig + d + 1, nd - (size_t)d - 1);
			p += nd - (size_t)d - 1;
		}
	} else {
		*p++ = '0';
		*p++ = '.';
		for (int z = -1; z > d; z--)
			*p++ = '0';
		memcpy(p, dig, nd);
		p += nd;
	}
	*p = '\0';
	return (size_t)(p - out);
}

size_t ky_fmt_g15(char *out, double x)
{
	size_t n = fmt_g15_fast(out, x);
	if (n)
		return n;
	int k = snprintf(out, 32, "%.15g", x);
	return k > 0 ? (size_t)k : 0;
}

/* "%.*f" for 0 <= DEC <= 6 and |X| < 10^12 without printf: |X| * 10^DEC =
 * M * 10^DEC / 2^SH exactly in 128 bits, rounded to an integer with ties to
 * even (as glibc does), printed with DEC decimals; the sign of a negative X
 * stays even when it rounds to zero ("-0.00", as printf). */
static size_t fmt_fixed_fast(char *out, double x, int dec)
{
	uint64_t bits;
	memcpy(&bits, &x, sizeof(bits));
	double ax = fabs(x);
	if (dec < 0 || dec > 6 || !(ax < 1e12))   /* also NaN and inf; X * 10^6 < 2^64 */
		return 0;
	char *p = out;
	if (bits >> 63)
		*p++ = '-';
	int be = (int)((bits >> 52) & 0x7ff);
	uint64_t m = bits & ((1ULL << 52) - 1);
	if (be)
		m |= 1ULL << 52;
	else
		be = 1;   /* subnormal (or zero) */
	int sh = 1075 - be;   /* |X| = M / 2^SH; SH >= 13 below 10^12 */
	unsigned __int128 prod = (unsigned __int128)m * pow10_u64[dec];
	uint64_t q;
	if (sh >= 128) {
		q = 0;   /* far below one half of the last decimal */
	} else {
		q = (uint64_t)(prod >> sh);
		unsigned __int128 rem = prod & (((unsigned __int128)1 << sh) - 1),
				  half = (unsigned __int128)1 << (sh - 1);
		if (rem > half || (rem == half && (q & 1)))
			q++;
	}
	char dig[24];
	size_t nd = put_u64(dig, q);
	size_t d = (size_t)dec;
	if (nd <= d) {   /* 0.00ddd */
		*p++ = '0';
		if (d) {
			*p++ = '.';
			for (size_t z = nd; z < d; z++)
				*p++ = '0';
			memcpy(p, dig, nd);
			p += nd;
		}
	} else {
		memcpy(p, dig, nd - d);
		p += nd - d;
		if (d) {
			*p++ = '.';
			memcpy(p, dig + nd - d, d);
			p += d;
		}
	}
	*p = '\0';
	return (size_t)(p - out);
}

size_t ky_fmt_fixed(char *out, size_t size, double x, int decimals)
{
	if (size >= 40) {
		size_t n = fmt_fixed_fast(out, x, decimals);
		if (n)
			return n;
	}
	int k = snprintf(out, size, "%.*f", decimals, x);
	return k > 0 ? (size_t)k : 0;
}

size_t ky_fmt_json_real(char *out, double x)
{
	size_t n = ky_fmt_g15(out, x);
	char *e = memchr(out, 'e', n);
	if (!e && !memchr(out, '.', n)) {
		memcpy(out + n, ".0", 3);
		n += 2;
	} else if (e) {   /* "e+05" -> "e5", "e-05" -> "e-5" */
		char *from = e + 1, *to = e + 1;
		if (*from == '-')
			*to++ = *from++;
		else if (*from == '+')
			from++;
		while (*from == '0' && from[1])
			from++;
		memmove(to, from, (size_t)(out + n - from) + 1);
		n = strlen(out);
	}
	return n;
}

void ky_buf_add_double(struct ky_buf *b, double x)
{
	if (!isfinite(x))
		return;
	if (x == 0)
		x = 0; /* no "-0" */
	ky_buf_grow(b, 32);
	b->len += ky_fmt_g15(b->buf + b->len, x);
}

void ky_buf_add_u64(struct ky_buf *b, uint64_t v)
{
	ky_buf_grow(b, 20);
	b->len += ky_fmt_u64(b->buf + b->len, v);
}

/* Length of the strict UTF-8 sequence starting at S[0] (N >= 1 bytes
 * available): 1-4, or 0 when none starts there. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	size_t k;
	unsigned lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		k = 1;
	else if (c >= 0xE0 && c <= 0xEF) {
		k = 2;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		k = 3;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (n <= k || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t j = 2; j <= k; j++)
		if (s[j] < 0x80 || s[j] > 0xBF)
			return 0;
	return k + 1;
}

int ky_utf8_strict(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		while (i + 8 <= n) {
			uint64_t v;
			memcpy(&v, s + i, 8);
			if (v & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		size_t k = utf8_seq(s + i, n - i);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

void ky_utf8_repair(struct ky_buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, from = 0;
	while (i < n) {
		size_t k = utf8_seq(s + i, n - i);
		if (k) {
			i += k;
			continue;
		}
		ky_buf_add(b, str + from, i - from);
		ky_buf_add(b, "\xEF\xBF\xBD", 3);
		from = ++i;
	}
	ky_buf_add(b, str + from, n - from);
}

/* The JSON escape of byte C below 0x20, '"' or '\\' into ESC; its length. */
static size_t json_escape(unsigned char c, char esc[8])
{
	esc[0] = '\\';
	switch (c) {
	case '"': esc[1] = '"'; return 2;
	case '\\': esc[1] = '\\'; return 2;
	case '\b': esc[1] = 'b'; return 2;
	case '\f': esc[1] = 'f'; return 2;
	case '\n': esc[1] = 'n'; return 2;
	case '\r': esc[1] = 'r'; return 2;
	case '\t': esc[1] = 't'; return 2;
	default:
		memcpy(esc + 1, "u00", 3);
		esc[4] = "0123456789ABCDEF"[c >> 4];
		esc[5] = "0123456789ABCDEF"[c & 15];
		return 6;
	}
}

void ky_buf_add_json_string(struct ky_buf *b, const char *s, size_t n)
{
	ky_buf_grow(b, n + 2);
	b->buf[b->len++] = '"';
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		ky_buf_add(b, s + from, i - from);
		char esc[8];
		ky_buf_add(b, esc, json_escape(c, esc));
		from = i + 1;
	}
	ky_buf_add(b, s + from, n - from);
	ky_buf_addch(b, '"');
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

int ky_buf_add_json_utf8(struct ky_buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t start = b->len, from = 0, i = 0;
	ky_buf_grow(b, n + 2);
	b->buf[b->len++] = '"';
	while (i < n) {
		/* eight plain bytes at a time: none >= 0x80, < 0x20, '"' or '\\' */
		while (i + 8 <= n) {
			uint64_t v, q, k;
			memcpy(&v, s + i, 8);
			q = v ^ (ONES * '"');
			k = v ^ (ONES * '\\');
			if ((v | ((v - ONES * 0x20) & ~v) | ((q - ONES) & ~q) | ((k - ONES) & ~k)) & HIGHS)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned c = s[i];
		if (c >= 0x80) {
			size_t k = utf8_seq(s + i, n - i);
			if (!k) {
				b->len = start;
				b->buf[b->len] = '\0';
				return 0;
			}
			i += k;
			continue;
		}
		if (c >= 0x20 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		ky_buf_add(b, str + from, i - from);
		char esc[8];
		ky_buf_add(b, esc, json_escape((unsigned char)c, esc));
		from = ++i;
	}
	ky_buf_add(b, str + from, n - from);
	ky_buf_addch(b, '"');
	return 1;
}

char *ky_buf_detach(struct ky_buf *b, size_t *len)
{
	char *s = b->cap ? b->buf : ky_xstrdup("");
	if (len)
		*len = b->len;
	ky_buf_init(b);
	return s;
}
