/* scale_acc.c - exact integer sums over the complete cases of a block (the
 * raw material of reliability and scale scores, scales.c), added one
 * respondent or answer pattern at a time and merged by addition; and
 * whether a block's answer patterns can give them. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ky_buf.h"
#include "survey_int.h"
#include "scale_acc_int.h"

const char *ky_block_unusable(const struct ky_survey *s, const struct ky_block *b,
			      const struct ky_segment **segp)
{
	const struct ky_segment *seg = ky_survey_segment_of(s, b->items[0]);
	*segp = seg;
	for (size_t i = 0; i < b->n_items; i++)
		if (!seg || ky_survey_segment_of(s, b->items[i]) != seg)
			return "items are not under one question stem: no answer patterns";
	for (size_t i = 0; i < b->n_items; i++)
		if (s->col[b->items[i]].pattern_lost)
			return "an item has too many distinct answers for answer patterns";
	return NULL;
}

int ky_block_is_scale(const struct ky_survey *s, const struct ky_block *b)
{
	int ok = b->n_items >= 2;
	for (size_t j = 0; j < b->n_items && ok; j++) {
		const struct ky_column *c = &s->col[b->items[j]];
		ok = ky_column_is_item(c) && c->scale.ordinal && c->code_of;
	}
	return ok;
}

static const long dens[] = { 1, 2, 4, 5, 10, 20, 25, 50, 100, 1000 };

static int whole(double v, long den)
{
	double y = v * (double)den, r = nearbyint(y);
	return fabs(y - r) <= 1e-9 * (fabs(r) > 1 ? fabs(r) : 1) && fabs(r) <= ACC_MAX;
}

/* The (reverse-keyed) value of code CODE of item column C. */
static double item_value(const struct ky_column *c, int code)
{
	double y = c->scale.value[code];
	if (c->reversed)
		y = c->scale.value[0] + c->scale.value[c->scale.n_levels - 1] - y;
	return y;
}

struct ky_scale_acc *ky_scale_acc_new(const struct ky_survey *s, const struct ky_block *b,
				      const char **note)
{
	size_t k = b->n_items;
	long den = 0;
	for (size_t d = 0; d < sizeof(dens) / sizeof(*dens) && !den; d++) {
		int ok = 1;
		for (size_t i = 0; i < k && ok; i++) {
			const struct ky_column *c = &s->col[b->items[i]];
			for (size_t l = 0; l < c->scale.n_levels && ok; l++)
				ok = whole(item_value(c, (int)l), dens[d]);
		}
		if (ok)
			den = dens[d];
	}
	if (!den) {
		*note = "item values are not multiples of 0.001 up to 10: no reliability";
		return NULL;
	}
	struct ky_scale_acc *a = ky_xcalloc(1, sizeof(*a));
	a->k = k;
	a->n_slots = s->n_slots;
	a->den = den;
	a->small = 1;
	a->x = ky_xmalloc(k * KY_PATTERN_VALUES * sizeof(*a->x));
	int64_t lo = 0, hi = 0;
	for (size_t i = 0; i < k; i++) {
		const struct ky_column *c = &s->col[b->items[i]];
		int32_t *xi = a->x + i * KY_PATTERN_VALUES;
		size_t nv = ky_column_n_values(c);
		int32_t mn = INT32_MAX, mx = INT32_MIN;
		for (size_t v = 0; v < KY_PATTERN_VALUES; v++) {
			int code = v < nv ? c->code_of[v] : -1;
			xi[v] = ACC_NONE;
			if (code < 0)
				continue;
			xi[v] = (int32_t)nearbyint(item_value(c, code) * (double)den);
			mn = xi[v] < mn ? xi[v] : mn;
			mx = xi[v] > mx ? xi[v] : mx;
			if (xi[v] > ACC_SMALL || xi[v] < -ACC_SMALL)
				a->small = 0;
		}
		if (mn <= mx)
			lo += mn, hi += mx;
	}
	if (hi - lo + 1 > (int64_t)ACC_RANGE) {
		*note = "too many possible scale scores: no reliability";
		free(a->x);
		free(a);
		return NULL;
	}
	a->lo = lo;
	a->range = (size_t)(hi - lo + 1);
	a->s = ky_xcalloc(k, sizeof(*a->s));
	a->ss = ky_xcalloc(k * k, sizeof(*a->ss));
	a->score = ky_xcalloc(a->n_slots * a->range, sizeof(*a->score));
	a->row = ky_xmalloc(k * sizeof(*a->row));
	if (a->small)
		a->batch = ky_xcalloc(k * ACC_BATCH, sizeof(*a->batch));
	return a;
}

void ky_scale_acc_free(struct ky_scale_acc *a)
{
	if (!a)
		return;
	free(a->x);
	free(a->s);
	free(a->ss);
	free(a->score);
	free(a->row);
	free(a->batch);
	free(a);
}

/* The sum of A[i] * B[i] for N (a multiple of 8) int16 values. */
static int32_t dot16(const int16_t *a, const int16_t *b, size_t n)
{
#ifdef __SSE2__
	__m128i acc = _mm_setzero_si128();
	for (size_t i = 0; i < n; i += 8)
		acc = _mm_add_epi32(acc, _mm_madd_epi16(_mm_loadu_si128((const void *)(a + i)),
							_mm_loadu_si128((const void *)(b + i))));
	acc = _mm_add_epi32(acc, _mm_shuffle_epi32(acc, 0x4E));
	acc = _mm_add_epi32(acc, _mm_shuffle_epi32(acc, 0xB1));
	return _mm_cvtsi128_si32(acc);
#else
	int32_t t = 0;
	for (size_t i = 0; i < n; i++)
		t += (int32_t)a[i] * b[i];
	return t;
#endif
}

void ky_scale_acc_flush(struct ky_scale_acc *a)
{
	if (!a->nb)
		return;
	size_t n = (a->nb + 7) & ~(size_t)7, k = a->k;
	for (size_t i = 0; i < k; i++)      /* zeros after the last respondent */
		memset(a->batch + i * ACC_BATCH + a->nb, 0, (n - a->nb) * sizeof(*a->batch));
	for (size_t i = 0; i < k; i++)
		for (size_t j = i; j < k; j++)
			a->ss[i * k + j] += dot16(a->batch + i * ACC_BATCH, a->batch + j * ACC_BATCH, n);
	a->nb = 0;
}

void ky_scale_acc_add(struct ky_scale_acc *a, const size_t *vid, const size_t *slots,
		      size_t n_slots, uint64_t w)
{
	size_t k = a->k;
	int64_t t = 0;
	for (size_t i = 0; i < k; i++) {
		if (vid[i] >= KY_PATTERN_VALUES)     /* empty, or beyond the kept texts */
			return;
		int32_t x = a->x[i * KY_PATTERN_VALUES + vid[i]];
		if (x == ACC_NONE)
			return;
		a->row[i] = x;
		t += x;
	}
	a->n += w;
	int64_t iw = (int64_t)w;
	for (size_t i = 0; i < k; i++)
		a->s[i] += iw * a->row[i];
	if (w == 1 && a->small) {
		for (size_t i = 0; i < k; i++)
			a->batch[i * ACC_BATCH + a->nb] = (int16_t)a->row[i];
		if (++a->nb == ACC_BATCH)
			ky_scale_acc_flush(a);
	} else {
		for (size_t i = 0; i < k; i++)
			for (size_t j = i; j < k; j++)
				a->ss[i * k + j] += iw * ((int64_t)a->row[i] * a->row[j]);
	}
	size_t at = (size_t)(t - a->lo);
	for (size_t i = 0; i < n_slots; i++)
		a->score[slots[i] * a->range + at] += w;
}

void ky_scale_acc_merge(struct ky_scale_acc *dst, struct ky_scale_acc *src)
{
	ky_scale_acc_flush(src);
	dst->n += src->n;
	for (size_t i = 0; i < dst->k; i++)
		dst->s[i] += src->s[i];
	for (size_t i = 0; i < dst->k * dst->k; i++)
		dst->ss[i] += src->ss[i];
	for (size_t i = 0; i < dst->n_slots * dst->range; i++)
		dst->score[i] += src->score[i];
}

