/* tally.c - count tables: exact integer counts per code; merge by addition. */
#include "ky_tally.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ky_buf.h"

void ky_tally_init(struct ky_tally *t, size_t n_codes)
{
	memset(t, 0, sizeof(*t));
	t->n_codes = n_codes;
	t->count = ky_xcalloc(n_codes ? n_codes : 1, sizeof(*t->count));
}

void ky_tally_init_weighted(struct ky_tally *t, size_t n_codes)
{
	ky_tally_init(t, n_codes);
	t->wsum = ky_xcalloc(n_codes ? n_codes : 1, sizeof(*t->wsum));
	t->wsum2 = ky_xcalloc(n_codes ? n_codes : 1, sizeof(*t->wsum2));
	t->npos = ky_xcalloc(n_codes ? n_codes : 1, sizeof(*t->npos));
}

void ky_tally_release(struct ky_tally *t)
{
	free(t->count);
	free(t->wsum);
	free(t->wsum2);
	free(t->npos);
	memset(t, 0, sizeof(*t));
}

void ky_tally_merge(struct ky_tally *dst, const struct ky_tally *src)
{
	assert(dst->n_codes == src->n_codes);
	for (size_t k = 0; k < dst->n_codes; k++)
		dst->count[k] += src->count[k];
	dst->n_missing += src->n_missing;
	dst->n_nonsubstantive += src->n_nonsubstantive;
	assert(!dst->wsum == !src->wsum);
	if (dst->wsum) {
		for (size_t k = 0; k < dst->n_codes; k++) {
			dst->wsum[k] += src->wsum[k];
			dst->wsum2[k] += src->wsum2[k];
			dst->npos[k] += src->npos[k];
		}
		dst->w_nonsubstantive += src->w_nonsubstantive;
	}
}

uint64_t ky_tally_n(const struct ky_tally *t)
{
	uint64_t n = 0;
	for (size_t k = 0; k < t->n_codes; k++)
		n += t->count[k];
	return n;
}

double ky_tally_wn(const struct ky_tally *t)
{
	double w = 0;
	for (size_t k = 0; t->wsum && k < t->n_codes; k++)
		w += t->wsum[k];
	return w;
}

double ky_tally_wn2(const struct ky_tally *t)
{
	double w = 0;
	for (size_t k = 0; t->wsum2 && k < t->n_codes; k++)
		w += t->wsum2[k];
	return w;
}

uint64_t ky_tally_npos(const struct ky_tally *t)
{
	uint64_t n = 0;
	for (size_t k = 0; t->npos && k < t->n_codes; k++)
		n += t->npos[k];
	return n;
}

double ky_tally_pct(const struct ky_tally *t, size_t k)
{
	if (t->wsum) {
		double w = ky_tally_wn(t);
		return w > 0 && k < t->n_codes ? 100.0 * t->wsum[k] / w : NAN;
	}
	uint64_t n = ky_tally_n(t);
	return n && k < t->n_codes ? 100.0 * (double)t->count[k] / (double)n : NAN;
}
