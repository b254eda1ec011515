/* dict_int.h - string interning: distinct strings -> dense ids 0..n-1 in
 * first-seen order.  Used for the distinct cell texts of a column and the
 * values of a grouping column, so that counting a cell is one hash lookup. */
#ifndef KY_DICT_INT_H
#define KY_DICT_INT_H

#include <stddef.h>
#include <stdint.h>

struct ky_dict {
	/* A lookup among the first KY_DICT_SCAN strings (ky_dict_find_small)
	 * reads n and tag, side by side, and then the entry of small[] whose
	 * tag matches: mostly two cache lines (a string of up to 32 bytes;
	 * longer ones compare the rest in str[]). */
	size_t n;
	uint64_t tag;        /* byte i: ky_dict_tag of small string i, 0 = none */
	char **str;          /* [n] owned copies, NUL-terminated */
	size_t *len;         /* [n] */
	struct ky_dict_small {
		uint64_t w[4];   /* ky_dict_words */
		size_t len;
	} small[8];
	size_t cap;
	uint32_t *slot;      /* open addressing: id + 1 and hash bits (dict.c), 0 = empty */
	size_t n_slots;      /* power of two */
};

#define KY_DICT_SCAN 8

void ky_dict_init(struct ky_dict *d);
void ky_dict_release(struct ky_dict *d);
/* Returns the id of S (LEN bytes), adding it if new; *ADDED tells which. */
size_t ky_dict_intern(struct ky_dict *d, const char *s, size_t len, int *added);
/* Returns the id of S or (size_t)-1. */
size_t ky_dict_find(const struct ky_dict *d, const char *s, size_t len);

/* ky_dict_find that remembers where S would go in HINT; ky_dict_add then
 * adds S (which must not be in D) without hashing and probing again,
 * provided D did not change in between. */
struct ky_dict_hint {
	uint64_t hash;
	size_t slot;
	int hashed;
};
size_t ky_dict_lookup(const struct ky_dict *d, const char *s, size_t len,
		      struct ky_dict_hint *hint);
size_t ky_dict_add(struct ky_dict *d, const char *s, size_t len, const struct ky_dict_hint *hint);

/* Four words that, with LEN, determine a string of up to 32 bytes: its
 * bytes 0-8, 8-16 and 16-24 and its last 8 (a word that would reach past
 * the end starts where the last one does); below 8 bytes, the bytes
 * gathered by overlapping 4-byte or single loads.  Beyond 32 bytes they
 * leave bytes 24 to LEN - 8 out. */
static inline void ky_dict_words(const char *s, size_t len, uint64_t w[4])
{
	const unsigned char *u = (const unsigned char *)s;
	w[1] = w[2] = 0;
	if (len >= 8) {
		/* without branches on the length (it varies from cell to
		 * cell): the middle words start at 8 and 16 or, in a shorter
		 * string, where the last one does */
		size_t last = len - 8;
		__builtin_memcpy(&w[0], u, 8);
		__builtin_memcpy(&w[1], u + (last < 8 ? last : 8), 8);
		__builtin_memcpy(&w[2], u + (last < 16 ? last : 16), 8);
		__builtin_memcpy(&w[3], u + last, 8);
	} else if (len >= 4) {
		uint32_t a, b;
		__builtin_memcpy(&a, u, 4);
		__builtin_memcpy(&b, u + len - 4, 4);
		w[0] = a;
		w[3] = b;
	} else {
		w[0] = len ? (uint64_t)u[0] | (uint64_t)u[len / 2] << 8 | (uint64_t)u[len - 1] << 16
			   : 0;
		w[3] = 0;
	}
}

#define KY_DICT_ONES 0x0101010101010101ull

/* A byte, never 0, that tells most small strings apart (their words and
 * length mixed). */
static inline uint64_t ky_dict_tag(uint64_t w0, uint64_t w1, uint64_t w3, size_t len)
{
	uint64_t x = (w0 ^ (w3 * 0x9E3779B97F4A7C15ull) ^ w1 ^ len) * 0xBF58476D1CE4E5B9ull;
	return (x >> 57) | 0x80;
}

/* Whether small string I of D equals S (LEN bytes, words W0-W3). */
static inline int ky_dict_small_is(const struct ky_dict *d, size_t i, const char *s, size_t len,
				   uint64_t w0, uint64_t w1, uint64_t w2, uint64_t w3)
{
	const struct ky_dict_small *e = &d->small[i];
	if (((e->w[0] ^ w0) | (e->w[1] ^ w1) | (e->w[2] ^ w2) | (e->w[3] ^ w3) | (e->len ^ len)) != 0)
		return 0;
	/* beyond 32 bytes, the middle the words do not cover */
	return len <= 32 || __builtin_memcmp(d->str[i] + 24, s + 24, len - 32) == 0;
}

/* The other strings flagged in M (dict.c). */
size_t ky_dict_find_small_rest(const struct ky_dict *d, const char *s, size_t len, uint64_t m);

/* ky_dict_find for a dict of at most KY_DICT_SCAN strings, inline: the
 * strings whose tag equals that of S are flagged eight at a time in one
 * word, and nearly always there is one, compared by length and four words
 * (beyond 32 bytes, the middle they do not cover too).  Which string a
 * cell holds is unpredictable, so a scan through the strings would
 * mispredict its exit about once a cell; this does not. */
static inline size_t ky_dict_find_small(const struct ky_dict *d, const char *s, size_t len)
{
	uint64_t w[4];
	ky_dict_words(s, len, w);
	uint64_t x = d->tag ^ (ky_dict_tag(w[0], w[1], w[3], len) * KY_DICT_ONES);
	/* a flag at each zero byte of x (the lowest exact; any above it only
	 * cost a compare) */
	uint64_t m = (x - KY_DICT_ONES) & ~x & (KY_DICT_ONES << 7);
	if (!m)
		return (size_t)-1;
	size_t i = (size_t)__builtin_ctzll(m) / 8;
	if (__builtin_expect(ky_dict_small_is(d, i, s, len, w[0], w[1], w[2], w[3]), 1))
		return i;
	return ky_dict_find_small_rest(d, s, len, m & (m - 1));
}

#endif
