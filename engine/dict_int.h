/* dict_int.h - string interning: distinct strings -> dense ids 0..n-1 in
 * first-seen order.  Used for the distinct cell texts of a column and the
 * values of a grouping column, so that counting a cell is one hash lookup. */
#ifndef KY_DICT_INT_H
#define KY_DICT_INT_H

#include <stddef.h>
#include <stdint.h>

struct ky_dict {
	char **str;          /* [n] owned copies, NUL-terminated */
	size_t *len;         /* [n] */
	size_t n, cap;
	uint32_t *slot;      /* open addressing: id + 1 and hash bits (dict.c), 0 = empty */
	size_t n_slots;      /* power of two */
	/* The first KY_DICT_SCAN strings in words (ky_dict_words), so that a
	 * lookup among them (ky_dict_find_small) reads one entry and, for a
	 * string of up to 32 bytes, nothing else; bucket[] names the entry a
	 * string's words fall in (ky_dict_bucket): id + 1, 0 = none, or
	 * KY_DICT_SHARED when two share it. */
	unsigned char bucket[64];
	struct ky_dict_small {
		uint64_t w[4];
		size_t len;
	} small[8];
};

#define KY_DICT_SHARED 0xFF

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
 * first 8 bytes, the next 8 and the 8 after (0 unless the string extends
 * past them), and its last 8 (overlapping the others when shorter); below
 * 8 bytes, the bytes gathered by overlapping 4-byte or single loads. */
static inline void ky_dict_words(const char *s, size_t len, uint64_t w[4])
{
	const unsigned char *u = (const unsigned char *)s;
	w[1] = w[2] = 0;
	if (len >= 8) {
		__builtin_memcpy(&w[0], u, 8);
		__builtin_memcpy(&w[3], u + len - 8, 8);
		if (len > 16)
			__builtin_memcpy(&w[1], u + 8, 8);
		if (len > 24)
			__builtin_memcpy(&w[2], u + 16, 8);
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

/* Which of the 64 buckets of a small dict's table the words and length
 * fall in. */
static inline unsigned ky_dict_bucket(const uint64_t w[4], size_t len)
{
	uint64_t x = (w[0] ^ (w[3] * 0x9E3779B97F4A7C15ull) ^ len) * 0xBF58476D1CE4E5B9ull;
	return (unsigned)(x >> 58);
}

/* Whether small string I of D equals S (LEN bytes, words W). */
static inline int ky_dict_equal(const struct ky_dict *d, size_t i, const char *s, size_t len,
				const uint64_t w[4])
{
	const struct ky_dict_small *e = &d->small[i];
	if (((e->w[0] ^ w[0]) | (e->w[1] ^ w[1]) | (e->w[2] ^ w[2]) | (e->w[3] ^ w[3]) |
	     (e->len ^ len)) != 0)
		return 0;
	/* beyond 32 bytes, the middle the words do not cover */
	return len <= 32 || __builtin_memcmp(d->str[i] + 24, s + 24, len - 32) == 0;
}

/* ky_dict_find for a dict of at most KY_DICT_SCAN strings, inline: the
 * bucket of S names the one string it can be, unless two share it (then a
 * scan).  Which string a cell holds is unpredictable, so a scan through
 * the strings mispredicts its exit about once a cell; this does not. */
static inline size_t ky_dict_find_small(const struct ky_dict *d, const char *s, size_t len)
{
	uint64_t w[4];
	ky_dict_words(s, len, w);
	unsigned b = d->bucket[ky_dict_bucket(w, len)];
	if (b == 0)
		return (size_t)-1;
	if (b != KY_DICT_SHARED)
		return ky_dict_equal(d, b - 1, s, len, w) ? b - 1 : (size_t)-1;
	for (size_t i = 0; i < d->n; i++)
		if (ky_dict_equal(d, i, s, len, w))
			return i;
	return (size_t)-1;
}

#endif
