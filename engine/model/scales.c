/* scales.c - a block of two or more ordinal items as a multi-item scale:
 * Cronbach's alpha (raw and standardised), corrected item-total
 * correlations and alpha if an item is deleted, on the respondents who
 * answered every item; and the scale score (mean of the items) per
 * respondent as a count table per group slot, so that scale scores are
 * described and compared exactly like items.  Everything comes from exact
 * integer sums over the complete cases, added up from the answer patterns
 * of the block's segment (pattern.c) and those beyond their memory bound
 * (spill.c): no rows are kept.  Formulas: docs/statistics.md, "Multi-item scales". */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ky_buf.h"
#include "count/survey_int.h"

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

/* Alpha from the covariance matrix C (k x k) of the complete cases.  Items
 * that do not vary are left out, as psych::alpha does; the rest is the
 * scale.  NaN where undefined, with a note. */
static void reliability(struct ky_block_scale *r, size_t k, const double *C)
{
	size_t m = 0;                       /* items that vary */
	for (size_t i = 0; i < k; i++)
		m += C[i * k + i] > 0;
	if (m < k)
		r->note = "an item does not vary and is left out of alpha (as psych::alpha does)";
	for (size_t i = 0; i < k; i++)
		r->item_sd[i] = sqrt(C[i * k + i]);
	if (m < 2) {
		r->note = "fewer than two items vary: alpha undefined";
		return;
	}
	double V = 0, sumvar = 0, rsum = 0;
	for (size_t i = 0; i < k; i++) {
		if (!(C[i * k + i] > 0))
			continue;
		sumvar += C[i * k + i];
		for (size_t j = 0; j < k; j++) {
			if (!(C[j * k + j] > 0))
				continue;
			V += C[i * k + j];
			if (j > i)
				rsum += C[i * k + j] / sqrt(C[i * k + i] * C[j * k + j]);
		}
	}
	double mm = (double)m;
	r->alpha = V > 0 ? mm / (mm - 1) * (1 - sumvar / V) : NAN;
	double rbar = rsum / (mm * (mm - 1) / 2);
	r->alpha_std = mm * rbar / (1 + (mm - 1) * rbar);
	if (!(V > 0)) {
		r->note = "the scale score does not vary: alpha undefined";
		return;
	}
	for (size_t i = 0; i < k; i++) {
		double cii = C[i * k + i];
		if (!(cii > 0))
			continue;
		double row = 0;
		for (size_t j = 0; j < k; j++)
			if (C[j * k + j] > 0)
				row += C[i * k + j];
		double Vd = V - 2 * row + cii, sd = sumvar - cii;
		r->r_drop[i] = Vd > 0 ? (row - cii) / sqrt(cii * Vd) : NAN;
		r->alpha_if_deleted[i] = m > 2 && Vd > 0 ? (mm - 1) / (mm - 2) * (1 - sd / Vd) : NAN;
	}
}

/* ---- exact sums over the complete cases ---------------------------------- */

/* Every item value times DEN is an integer (DEN the smallest of a few
 * powers of 2, 5 and 10 that makes it one), so the sums, the sums of
 * products and the score sums are exact integers: they do not depend on
 * the order the respondents are added in, and merge by addition.  Whether
 * they come from the patterns in memory or partly from those spilled to a
 * file (spill.c), the results are the same to the last bit. */
#define ACC_MAX 10000           /* |value x DEN|: the sums of products fit int64 */
#define ACC_SMALL 2047          /* |value x DEN| for the int16 batch (256 products fit int32) */
#define ACC_BATCH 256           /* respondents per batch of sums of products */
#define ACC_RANGE (1u << 20)    /* score sums from lowest to highest at most */
#define ACC_NONE INT32_MIN      /* a value id that is not a scale value */

struct ky_scale_acc {
	size_t k;                   /* items */
	size_t n_slots;
	long den;
	int32_t *x;                 /* [k * KY_PATTERN_VALUES] item value x DEN per value id */
	int64_t lo;                 /* the lowest possible score sum */
	size_t range;               /* score sums lo .. lo + range - 1 */
	uint64_t n;                 /* complete cases */
	int64_t *s, *ss;            /* [k] sums, [k * k] sums of products (i <= j) */
	uint64_t *score;            /* [n_slots * range] respondents per slot and score sum */
	int small;                  /* every |value x DEN| <= ACC_SMALL: batches */
	int16_t *batch;             /* [k * ACC_BATCH] item-major */
	size_t nb;
	int32_t *row;               /* [k] scratch */
};

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

static void flush(struct ky_scale_acc *a)
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
			flush(a);
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
	flush(src);
	dst->n += src->n;
	for (size_t i = 0; i < dst->k; i++)
		dst->s[i] += src->s[i];
	for (size_t i = 0; i < dst->k * dst->k; i++)
		dst->ss[i] += src->ss[i];
	for (size_t i = 0; i < dst->n_slots * dst->range; i++)
		dst->score[i] += src->score[i];
}

static void from_patterns(const struct ky_survey *s, const struct ky_block *b,
			  const struct ky_segment *seg, struct ky_scale_acc *a)
{
	size_t *vid = ky_xmalloc((b->n_items + 1) * sizeof(*vid));
	size_t *slots = ky_xmalloc((s->n_groupings + 1) * sizeof(*slots));
	for (size_t p = 0; p < ky_segment_n(seg); p++) {
		const unsigned char *key = ky_segment_key(seg, p);
		for (size_t i = 0; i < b->n_items; i++) {
			unsigned char v = key[s->col[b->items[i]].seg_pos];
			vid[i] = v == KY_PATTERN_EMPTY || v == KY_PATTERN_OTHER ? KY_PATTERN_VALUES : v;
		}
		size_t n = 0;
		slots[n++] = 0;
		for (size_t g = 0; g < s->n_groupings; g++) {
			size_t v = ky_pattern_group(seg, key, g);
			if (v != (size_t)-1)
				slots[n++] = ky_survey_slot(s, g, v);
		}
		ky_scale_acc_add(a, vid, slots, n, seg->count[p]);
	}
	free(vid);
	free(slots);
}

/* Alpha, item statistics and the scale scores per slot from the sums. */
static void finish(const struct ky_survey *s, struct ky_scale_acc *a, struct ky_block_scale *r)
{
	flush(a);
	size_t k = a->k;
	r->n_complete = a->n;
	if (a->n >= 2) {
		double *C = ky_xcalloc(k * k, sizeof(double));
		double n = (double)a->n, d = (double)a->den * (double)a->den;
		for (size_t i = 0; i < k; i++)
			for (size_t j = i; j < k; j++) {
				/* n^2 times the covariance, exactly, then rounded once */
				__int128 m = (__int128)a->n * a->ss[i * k + j] -
					     (__int128)a->s[i] * a->s[j];
				C[i * k + j] = C[j * k + i] = (double)m / (n * (n - 1)) / d;
			}
		reliability(r, k, C);
		free(C);
	} else {
		r->note = "fewer than two respondents answered every item";
	}
	size_t u = 0;
	for (size_t t = 0; t < a->range; t++)
		u += a->score[t] > 0;          /* slot 0: everyone */
	r->n_scores = u;
	r->score = ky_xmalloc((u + 1) * sizeof(double));
	r->tally = ky_xcalloc(s->n_slots, sizeof(*r->tally));
	for (size_t sl = 0; sl < s->n_slots; sl++)
		ky_tally_init(&r->tally[sl], u);
	for (size_t t = 0, code = 0; t < a->range; t++) {
		if (!a->score[t])
			continue;
		r->score[code] = (double)(a->lo + (int64_t)t) / ((double)k * (double)a->den);
		for (size_t sl = 0; sl < s->n_slots; sl++)
			r->tally[sl].count[code] = a->score[sl * a->range + t];
		code++;
	}
	uint64_t *n = ky_xcalloc(s->n_slots, sizeof(uint64_t));
	for (size_t sl = 0; sl < s->n_slots; sl++)
		n[sl] = ky_tally_n(&r->tally[sl]);
	r->suppressed = ky_xcalloc(s->n_slots, 1);
	ky_survey_hide_small(s, n, n, r->suppressed);
	free(n);
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

static struct ky_block_scale *block_scale(const struct ky_survey *s, size_t bi)
{
	const struct ky_block *b = &s->block[bi];
	struct ky_block_scale *r = ky_xcalloc(1, sizeof(*r));
	size_t k = b->n_items;
	r->r_drop = ky_xcalloc(k, sizeof(double));
	r->alpha_if_deleted = ky_xcalloc(k, sizeof(double));
	r->item_sd = ky_xcalloc(k, sizeof(double));
	r->alpha = r->alpha_std = NAN;
	for (size_t i = 0; i < k; i++)
		r->r_drop[i] = r->alpha_if_deleted[i] = r->item_sd[i] = NAN;
	const struct ky_segment *seg;
	if (s->summary) {
		r->note = "needs respondent-level rows (the input is a summary table)";
		return r;
	}
	r->note = ky_block_unusable(s, b, &seg);
	if (r->note)
		return r;
	struct ky_scale_acc *a;
	if (seg->full) {       /* its patterns in memory and beyond the bound (spill.c) */
		if (!(a = ky_spill_take(s, bi, &r->note))) {
			/* lost, or no sums made for these values: which, says new */
			struct ky_scale_acc *t = ky_scale_acc_new(s, b, &r->note);
			ky_scale_acc_free(t);
			return r;
		}
	} else {
		if (!(a = ky_scale_acc_new(s, b, &r->note)))
			return r;
		from_patterns(s, b, seg, a);
	}
	finish(s, a, r);
	ky_scale_acc_free(a);
	return r;
}

void ky_survey_block_scales(struct ky_survey *s)
{
	for (size_t i = 0; i < s->n_blocks; i++)
		if (ky_block_is_scale(s, &s->block[i]))
			s->block[i].scale = block_scale(s, i);
}

void ky_block_scale_free(struct ky_block_scale *b, size_t n_slots)
{
	if (!b)
		return;
	free(b->r_drop);
	free(b->alpha_if_deleted);
	free(b->item_sd);
	free(b->score);
	if (b->tally)
		for (size_t i = 0; i < n_slots; i++)
			ky_tally_release(&b->tally[i]);
	free(b->tally);
	free(b->suppressed);
	free(b);
}
