/* segment.c - a segment's answer patterns as keys: how many, the I-th, the
 * group id a key holds, and a key of another chunk's ids in this survey's
 * (pattern.c counts them, spill.c and parallel.c read them). */
#include <stdint.h>

#include "base/dict_int.h"
#include "survey_int.h"

size_t ky_segment_n(const struct ky_segment *seg)
{
	return ((const struct ky_dict *)seg->patterns)->n;
}

const unsigned char *ky_segment_key(const struct ky_segment *seg, size_t i)
{
	return (const unsigned char *)((const struct ky_dict *)seg->patterns)->str[i];
}

void ky_pattern_rekey(const struct ky_segment *seg, size_t n_groupings,
		      const unsigned char *bmap, size_t *const *gmap, const unsigned char *key,
		      unsigned char *out)
{
	size_t q = 0;
	for (; q < seg->n_cols; q++)
		out[q] = bmap[q * 256 + key[q]];
	for (size_t g = 0; g < n_groupings; g++, q += 4) {
		uint32_t x = (uint32_t)key[q] | (uint32_t)key[q + 1] << 8 |
			     (uint32_t)key[q + 2] << 16 | (uint32_t)key[q + 3] << 24;
		if (x != UINT32_MAX)
			x = (uint32_t)gmap[g][x];
		for (int b = 0; b < 4; b++)
			out[q + b] = (unsigned char)(x >> (8 * b));
	}
}

size_t ky_pattern_group(const struct ky_segment *seg, const unsigned char *key, size_t g)
{
	const unsigned char *p = key + seg->n_cols + 4 * g;
	uint32_t x = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
		     (uint32_t)p[3] << 24;
	return x == UINT32_MAX ? (size_t)-1 : (size_t)x;
}

const struct ky_segment *ky_survey_segment_of(const struct ky_survey *s, size_t col)
{
	size_t k = s->col[col].seg;
	return k == KY_NO_BLOCK ? NULL : &s->segment[k];
}
