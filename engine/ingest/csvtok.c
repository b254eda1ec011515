/* csvtok.c - CSV tokenizer with libcsv's semantics (see csvtok_int.h).
 *
 * The state machine is libcsv's, transition for transition; what differs is
 * that the entry buffer is grown once per call (to hold everything the call
 * could add) instead of being checked before every byte, that a quoted
 * field's text up to the next quote is copied 16 (SSE2) or 8 bytes at a
 * time while the quote is searched for, that an unquoted field's run of ordinary bytes
 * (not the delimiter, quote, CR, LF or a space character) is copied in one
 * piece, and that the fields of a record stay side by side in the buffer,
 * each followed by a NUL, until the record ends (the reader hands them out
 * from there instead of copying each). */
#include "csvtok_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define ROW_NOT_BEGUN 0
#define FIELD_NOT_BEGUN 1
#define FIELD_BEGUN 2
#define FIELD_MIGHT_HAVE_ENDED 3

#define QUOTE '"'

void ky_csvtok_init(struct ky_csvtok *t, unsigned char delim, int tab_is_space,
		    size_t blk_size)
{
	memset(t, 0, sizeof(*t));
	t->delim = delim;
	t->tab_is_space = tab_is_space;
	t->blk_size = blk_size ? blk_size : 128;
	for (int c = 0; c < 256; c++)
		t->plain[c] = 1;
	t->plain[delim] = t->plain[QUOTE] = t->plain['\r'] = t->plain['\n'] = 0;
	t->plain[' '] = t->plain['\t'] = 0;
}

int ky_csvtok_between_rows(const struct ky_csvtok *t)
{
	return t->pstate == ROW_NOT_BEGUN && !t->quoted && !t->entry_pos && !t->spaces &&
	       !t->base && !t->status;
}

void ky_csvtok_free(struct ky_csvtok *t)
{
	free(t->buf);
	t->buf = NULL;
	t->entry_size = 0;
}

/* The entry buffer holds at least NEED bytes (grown in blk_size steps). */
static int reserve(struct ky_csvtok *t, size_t need)
{
	if (need <= t->entry_size)
		return 0;
	size_t steps = (need - t->entry_size + t->blk_size - 1) / t->blk_size;
	if (steps > (SIZE_MAX - t->entry_size) / t->blk_size) {
		t->status = KY_CSVTOK_ENOMEM;
		return -1;
	}
	size_t size = t->entry_size + steps * t->blk_size;
	unsigned char *b = realloc(t->buf, size);
	if (!b) {
		t->status = KY_CSVTOK_ENOMEM;
		return -1;
	}
	t->buf = b;
	t->entry_size = size;
	return 0;
}

#define IS_SPACE(c) ((c) == ' ' || ((c) == '\t' && tab_is_space))
#define IS_TERM(c) ((c) == '\r' || (c) == '\n')

/* The sink's state in locals for the length of a call (stores to the
 * buffer could alias it otherwise): loaded at the start and after a
 * callback (which may change it), stored before a callback and a return. */
#define SINK_LOCALS                                                          \
	size_t *f_off = t->f_off, *f_len = t->f_len;                         \
	size_t f_cap = t->f_cap, f_max = t->f_max, nf = f_cap ? *t->f_n : 0; \
	unsigned char *const start0 = t->buf
#define SINK_LOAD()                                                          \
	(f_off = t->f_off, f_len = t->f_len, f_cap = t->f_cap, f_max = t->f_max, \
	 nf = f_cap ? *t->f_n : 0)
#define SINK_STORE()                                                         \
	do {                                                                 \
		if (f_cap)                                                   \
			*t->f_n = nf;                                        \
	} while (0)

/* The field ends: its NUL, the sink or the callback, and the next field
 * starts after it in the buffer. */
#define SUBMIT_FIELD()                                                       \
	do {                                                                 \
		if (!quoted)                                                 \
			entry_pos -= spaces;                                 \
		buf[entry_pos] = '\0';                                       \
		if (nf < f_cap && entry_pos <= f_max) {                      \
			f_off[nf] = (size_t)(buf - start0);                  \
			f_len[nf++] = entry_pos;                             \
		} else if (on_field) {                                       \
			SINK_STORE();                                        \
			on_field(buf, entry_pos, data);                      \
			SINK_LOAD();                                         \
		}                                                            \
		buf += entry_pos + 1;                                        \
		pstate = FIELD_NOT_BEGUN;                                    \
		entry_pos = spaces = 0;                                      \
		quoted = 0;                                                  \
	} while (0)

#define SUBMIT_ROW(c)                                        \
	do {                                                 \
		if (on_record) {                             \
			SINK_STORE();                        \
			on_record((c), data);                \
			SINK_LOAD();                         \
		}                                            \
		buf = t->buf;                                \
		pstate = ROW_NOT_BEGUN;                      \
		entry_pos = spaces = 0;                      \
		quoted = 0;                                  \
	} while (0)

#define SAVE()                                                            \
	do {                                                              \
		SINK_STORE();                                             \
		t->quoted = quoted, t->pstate = pstate, t->spaces = spaces;  \
		t->entry_pos = entry_pos, t->base = (size_t)(buf - t->buf);  \
	} while (0)

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
#define QUOTES (ONES * QUOTE)

size_t ky_csvtok_parse(struct ky_csvtok *t, const void *s, size_t len,
		       ky_csvtok_field_fn on_field, ky_csvtok_record_fn on_record, void *data)
{
	const unsigned char *us = s;
	const unsigned char *plain = t->plain;
	const unsigned char delim = t->delim;
	const int tab_is_space = t->tab_is_space;
	int quoted = t->quoted, pstate = t->pstate;
	size_t spaces = t->spaces, entry_pos = t->entry_pos;
	size_t pos = 0;

	if (len == 0)
		return 0;
	/* at most one byte of input adds one byte to the record (a field's NUL
	 * takes the place of the delimiter or line end that ends it); 16 more
	 * for the word copy and the NUL at the end (ky_csvtok_fini) */
	size_t used = t->base + entry_pos;
	if (used > SIZE_MAX - 16 - len || reserve(t, used + len + 16) < 0)
		return 0;
	unsigned char *buf = t->buf + t->base;   /* the current field */
	SINK_LOCALS;

	while (pos < len) {
		unsigned char c;
		switch (pstate) {
		case ROW_NOT_BEGUN:
		case FIELD_NOT_BEGUN:
			c = us[pos++];
			if (IS_SPACE(c) && c != delim) {
				continue;
			} else if (IS_TERM(c)) {
				if (pstate == FIELD_NOT_BEGUN) {
					SUBMIT_FIELD();
					SUBMIT_ROW(c);
				}
				continue;
			} else if (c == delim) {
				SUBMIT_FIELD();
			} else if (c == QUOTE) {
				pstate = FIELD_BEGUN;
				quoted = 1;
				goto quoted_text;
			} else {
				pstate = FIELD_BEGUN;
				quoted = 0;
				buf[entry_pos++] = c;
			}
			break;
		case FIELD_BEGUN:
			if (quoted) {
			quoted_text:
				/* everything up to the next quote is text: copied 32, 16
				 * or 8 bytes at a time while looking for the quote in
				 * them (a store of N bytes is made only with N bytes of
				 * input left, each of which adds at most one byte: the
				 * buffer has room) */
#ifdef __SSE2__
				/* 32 at a time first: most answers end within the first
				 * 32 bytes, so whether they end in the first 16 does not
				 * have to be predicted */
				while (pos + 32 <= len) {
					__m128i v0 = _mm_loadu_si128((const __m128i *)(us + pos));
					__m128i v1 = _mm_loadu_si128((const __m128i *)(us + pos + 16));
					_mm_storeu_si128((__m128i *)(buf + entry_pos), v0);
					_mm_storeu_si128((__m128i *)(buf + entry_pos + 16), v1);
					const __m128i q = _mm_set1_epi8(QUOTE);
					unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v0, q)) |
						     (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v1, q)) << 16;
					if (m) {
						size_t k = (size_t)__builtin_ctz(m);
						pos += k;
						entry_pos += k;
						goto quote;
					}
					pos += 32;
					entry_pos += 32;
				}
				while (pos + 16 <= len) {
					__m128i v = _mm_loadu_si128((const __m128i *)(us + pos));
					_mm_storeu_si128((__m128i *)(buf + entry_pos), v);
					unsigned m = (unsigned)_mm_movemask_epi8(
						_mm_cmpeq_epi8(v, _mm_set1_epi8(QUOTE)));
					if (m) {
						size_t k = (size_t)__builtin_ctz(m);
						pos += k;
						entry_pos += k;
						goto quote;
					}
					pos += 16;
					entry_pos += 16;
				}
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
				while (pos + 8 <= len) {
					uint64_t w, x;
					memcpy(&w, us + pos, 8);
					memcpy(buf + entry_pos, &w, 8);
					x = w ^ QUOTES;
					x = (x - ONES) & ~x & HIGHS;   /* lowest flag exact */
					if (x) {
						size_t k = (size_t)__builtin_ctzll(x) / 8;
						pos += k;
						entry_pos += k;
						goto quote;
					}
					pos += 8;
					entry_pos += 8;
				}
#endif
				const unsigned char *q = memchr(us + pos, QUOTE, len - pos);
				size_t n = q ? (size_t)(q - (us + pos)) : len - pos;
				memcpy(buf + entry_pos, us + pos, n);
				entry_pos += n;
				pos += n;
				if (!q)
					break;
#if defined(__SSE2__) || \
	(defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
			quote:
#endif
				/* the closing quote (mostly) and the delimiter right
				 * after it: FIELD_MIGHT_HAVE_ENDED's step taken here
				 * (spaces is 0 in a quoted field's text) */
				if (pos + 1 < len && us[pos + 1] == delim) {
					pos += 2;
					SUBMIT_FIELD();
					break;
				}
				buf[entry_pos++] = QUOTE;
				pos++;
				pstate = FIELD_MIGHT_HAVE_ENDED;
				break;
			}
			{
				size_t start = pos;
				while (pos < len && plain[us[pos]])
					pos++;
				if (pos > start) {
					memcpy(buf + entry_pos, us + start, pos - start);
					entry_pos += pos - start;
					spaces = 0;
				}
				if (pos == len)
					break;
			}
			c = us[pos++];
			if (c == QUOTE) {
				t->status = KY_CSVTOK_EPARSE;
				SAVE();
				return pos - 1;
			} else if (c == delim) {
				SUBMIT_FIELD();
			} else if (IS_TERM(c)) {
				SUBMIT_FIELD();
				SUBMIT_ROW(c);
			} else if (IS_SPACE(c)) {
				buf[entry_pos++] = c;
				spaces++;
			} else {
				buf[entry_pos++] = c;
				spaces = 0;
			}
			break;
		case FIELD_MIGHT_HAVE_ENDED:
			c = us[pos++];
			if (c == delim) {
				entry_pos -= spaces + 1;
				SUBMIT_FIELD();
			} else if (IS_TERM(c)) {
				entry_pos -= spaces + 1;
				SUBMIT_FIELD();
				SUBMIT_ROW(c);
			} else if (IS_SPACE(c)) {
				buf[entry_pos++] = c;
				spaces++;
			} else if (c == QUOTE && !spaces) {
				pstate = FIELD_BEGUN;   /* a doubled quote */
			} else {
				t->status = KY_CSVTOK_EPARSE;
				SAVE();
				return pos - 1;
			}
			break;
		default:
			break;
		}
	}
	SAVE();
	return pos;
}

int ky_csvtok_fini(struct ky_csvtok *t, ky_csvtok_field_fn on_field,
		   ky_csvtok_record_fn on_record, void *data)
{
	int quoted = t->quoted, pstate = t->pstate;
	size_t spaces = t->spaces, entry_pos = t->entry_pos;
	if (pstate == FIELD_BEGUN && quoted) {
		t->status = KY_CSVTOK_EPARSE;
		return -1;
	}
	/* a field is open only after a parse call, which left room for its NUL
	 * (with no call yet there is no buffer, and nothing to submit) */
	unsigned char *buf = t->buf ? t->buf + t->base : NULL;
	SINK_LOCALS;
	switch (pstate) {
	case FIELD_MIGHT_HAVE_ENDED:
		entry_pos -= spaces + 1;
		/* fall through */
	case FIELD_NOT_BEGUN:
	case FIELD_BEGUN:
		SUBMIT_FIELD();
		SUBMIT_ROW(-1);
		break;
	default:
		break;
	}
	SINK_STORE();
	(void)pstate;
	(void)buf;
	t->spaces = t->entry_pos = t->base = 0;
	t->quoted = t->status = 0;
	t->pstate = ROW_NOT_BEGUN;
	return 0;
}
