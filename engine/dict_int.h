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
	uint32_t *slot;      /* open addressing: id + 1, 0 = empty */
	size_t n_slots;      /* power of two */
	/* the first KY_DICT_SCAN strings' head and tail words (ky_dict_words):
	 * a lookup among them compares a length and two words, and memcmp
	 * only the middle of strings longer than 16 bytes */
	uint64_t head[8], tail[8];
};

#define KY_DICT_SCAN 8

void ky_dict_init(struct ky_dict *d);
void ky_dict_release(struct ky_dict *d);
/* Returns the id of S (LEN bytes), adding it if new; *ADDED tells which. */
size_t ky_dict_intern(struct ky_dict *d, const char *s, size_t len, int *added);
/* Returns the id of S or (size_t)-1. */
size_t ky_dict_find(const struct ky_dict *d, const char *s, size_t len);

/* Two words that, with LEN, determine a string of up to 16 bytes: its
 * first and last 8 bytes (overlapping when shorter); below 8 bytes, bytes
 * gathered by overlapping 4-byte or single loads. */
static inline void ky_dict_words(const char *s, size_t len, uint64_t *head, uint64_t *tail)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len >= 8) {
		__builtin_memcpy(head, u, 8);
		__builtin_memcpy(tail, u + len - 8, 8);
	} else if (len >= 4) {
		uint32_t a, b;
		__builtin_memcpy(&a, u, 4);
		__builtin_memcpy(&b, u + len - 4, 4);
		*head = a;
		*tail = b;
	} else {
		*head = len ? (uint64_t)u[0] | (uint64_t)u[len / 2] << 8 | (uint64_t)u[len - 1] << 16
			    : 0;
		*tail = 0;
	}
}

/* ky_dict_find for a dict of at most KY_DICT_SCAN strings, inline. */
static inline size_t ky_dict_find_small(const struct ky_dict *d, const char *s, size_t len)
{
	uint64_t h, t;
	ky_dict_words(s, len, &h, &t);
	for (size_t i = 0; i < d->n; i++)
		if (d->head[i] == h && d->tail[i] == t && d->len[i] == len) {
			/* the middle, 8 bytes at a time; the tail word covers the rest */
			size_t k = 8;
			for (; k + 8 < len; k += 8) {
				uint64_t a, b;
				__builtin_memcpy(&a, d->str[i] + k, 8);
				__builtin_memcpy(&b, s + k, 8);
				if (a != b)
					break;
			}
			if (k + 8 >= len)
				return i;
		}
	return (size_t)-1;
}

#endif
