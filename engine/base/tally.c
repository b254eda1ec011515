/* tally.c - count tables: exact integer counts per code; merge by addition. */
#include "ky_tally.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "ky_buf.h"

void ky_tally_init(struct ky_tally *t, size_t n_codes)
{
	memset(t, 0, sizeof(*t));
	t->n_codes = n_codes;
	t->count = ky_xcalloc(n_codes ? n_codes : 1, sizeof(*t->count));
}

void ky_tally_release(struct ky_tally *t)
{
	free(t->count);
	memset(t, 0, sizeof(*t));
}

void ky_tally_merge(struct ky_tally *dst, const struct ky_tally *src)
{
	assert(dst->n_codes == src->n_codes);
	for (size_t k = 0; k < dst->n_codes; k++)
		dst->count[k] += src->count[k];
	dst->n_missing += src->n_missing;
	dst->n_nonsubstantive += src->n_nonsubstantive;
}

uint64_t ky_tally_n(const struct ky_tally *t)
{
	uint64_t n = 0;
	for (size_t k = 0; k < t->n_codes; k++)
		n += t->count[k];
	return n;
}
