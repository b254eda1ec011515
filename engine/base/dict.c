/* dict.c - open-addressing hash of strings to dense first-seen ids. */
#include "dict_int.h"

#include <stdlib.h>
#include <string.h>

#include "ky_buf.h"

/* Eight bytes at a time, multiply-xorshift mixed; only the probe order
 * depends on it (ids are first-seen order), so outputs do not. */
static uint64_t hash(const char *s, size_t len)
{
	const uint64_t k = 0x9E3779B97F4A7C15ull;
	uint64_t h = (uint64_t)len * k, w;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	if (i < len) {
		w = 0;
		memcpy(&w, s + i, len - i);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	h *= 0xBF58476D1CE4E5B9ull;
	return h ^ (h >> 31);
}

void ky_dict_init(struct ky_dict *d)
{
	memset(d, 0, sizeof(*d));
}

void ky_dict_release(struct ky_dict *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->str[i]);
	free(d->str);
	free(d->len);
	free(d->slot);
	ky_dict_init(d);
}

/* A slot holds id + 1 in its low bits (below n_slots, as ids stay under
 * n_slots / 2) and the hash's top bits above them: a probe that meets
 * another string rejects it by those bits, mostly without reading the
 * string (which in a big dict is a cache miss or three). */
static inline uint32_t tag_bits(const struct ky_dict *d, uint64_t h)
{
	return (uint32_t)(h >> 32) & ~(uint32_t)(d->n_slots - 1);
}

static size_t probe(const struct ky_dict *d, const char *s, size_t len, uint64_t h)
{
	size_t mask = d->n_slots - 1;
	uint32_t tag = tag_bits(d, h);
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		uint32_t v = d->slot[i];
		if (!v)
			return i;
		if ((v & ~(uint32_t)mask) != tag)
			continue;
		size_t id = (v & (uint32_t)mask) - 1;
		if (d->len[id] == len && memcmp(d->str[id], s, len) == 0)
			return i;
	}
}

static inline size_t slot_id(const struct ky_dict *d, uint32_t v)
{
	return (size_t)(v & (uint32_t)(d->n_slots - 1)) - 1;
}

static void rehash(struct ky_dict *d)
{
	size_t n = d->n_slots ? d->n_slots * 2 : 64;
	free(d->slot);
	d->slot = ky_xcalloc(n, sizeof(*d->slot));
	d->n_slots = n;
	for (size_t id = 0; id < d->n; id++) {
		uint64_t h = hash(d->str[id], d->len[id]);
		size_t i = probe(d, d->str[id], d->len[id], h);
		d->slot[i] = (uint32_t)(id + 1) | tag_bits(d, h);
	}
}

size_t ky_dict_find_small_rest(const struct ky_dict *d, const char *s, size_t len, uint64_t m)
{
	uint64_t w[4];
	ky_dict_words(s, len, w);
	for (; m; m &= m - 1) {
		size_t i = (size_t)__builtin_ctzll(m) / 8;
		if (ky_dict_small_is(d, i, s, len, w[0], w[1], w[2], w[3]))
			return i;
	}
	return (size_t)-1;
}

/* Up to KY_DICT_SCAN strings a scan by length and words is cheaper than
 * hashing the text (an item column has about six distinct answers). */
size_t ky_dict_find(const struct ky_dict *d, const char *s, size_t len)
{
	if (d->n <= KY_DICT_SCAN)
		return ky_dict_find_small(d, s, len);
	uint32_t v = d->slot[probe(d, s, len, hash(s, len))];
	return v ? slot_id(d, v) : (size_t)-1;
}

size_t ky_dict_lookup(const struct ky_dict *d, const char *s, size_t len,
		      struct ky_dict_hint *hint)
{
	hint->hashed = 0;
	if (d->n <= KY_DICT_SCAN)
		return ky_dict_find_small(d, s, len);
	hint->hash = hash(s, len);
	hint->slot = probe(d, s, len, hint->hash);
	hint->hashed = 1;
	uint32_t v = d->slot[hint->slot];
	return v ? slot_id(d, v) : (size_t)-1;
}

/* Adds S, not in D, at slot I (of a table with room) with hash H. */
static size_t add_at(struct ky_dict *d, const char *s, size_t len, size_t i, uint64_t h)
{
	size_t cap = d->cap;
	ky_xgrow((void **)&d->str, &cap, d->n + 1, sizeof(*d->str));
	ky_xgrow((void **)&d->len, &d->cap, d->n + 1, sizeof(*d->len));
	d->str[d->n] = ky_xstrndup(s, len);
	d->len[d->n] = len;
	if (d->n < KY_DICT_SCAN) {
		struct ky_dict_small *e = &d->small[d->n];
		ky_dict_words(s, len, e->w);
		e->len = len;
		d->tag |= ky_dict_tag(e->w[0], e->w[1], e->w[3], len) << (8 * d->n);
	}
	d->slot[i] = (uint32_t)(d->n + 1) | tag_bits(d, h);
	return d->n++;
}

size_t ky_dict_add(struct ky_dict *d, const char *s, size_t len, const struct ky_dict_hint *hint)
{
	if (!hint->hashed || (d->n + 1) * 2 > d->n_slots)
		return ky_dict_intern(d, s, len, NULL);
	return add_at(d, s, len, hint->slot, hint->hash);
}

size_t ky_dict_intern(struct ky_dict *d, const char *s, size_t len, int *added)
{
	if ((d->n + 1) * 2 > d->n_slots)
		rehash(d);
	uint64_t h = hash(s, len);
	size_t i = probe(d, s, len, h);
	if (d->slot[i]) {
		if (added)
			*added = 0;
		return slot_id(d, d->slot[i]);
	}
	if (added)
		*added = 1;
	return add_at(d, s, len, i, h);
}
