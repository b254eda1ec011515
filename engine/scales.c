/* scales.c - a block of two or more ordinal items as a multi-item scale:
 * Cronbach's alpha (raw and standardised), corrected item-total
 * correlations and alpha if an item is deleted, on the respondents who
 * answered every item; and the scale score (mean of the items) per
 * respondent as a count table per group slot, so that scale scores are
 * described and compared exactly like items.  Everything comes from the
 * answer patterns of the block's segment (pattern.c): no rows are kept.
 * Formulas: docs/statistics.md, "Multi-item scales". */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ky_buf.h"
#include "survey_int.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The (reverse-keyed) values of one pattern's items; 0 if incomplete. */
static int pattern_values(const struct ky_survey *s, const struct ky_block *b,
			  const struct ky_segment *seg, const unsigned char *key, double *x)
{
	(void)seg;
	for (size_t i = 0; i < b->n_items; i++) {
		const struct ky_column *c = &s->col[b->items[i]];
		unsigned char v = key[c->seg_pos];
		if (v == KY_PATTERN_EMPTY || v == KY_PATTERN_OTHER)
			return 0;
		int code = c->code_of[v];
		if (code < 0)
			return 0;
		double y = c->scale.value[code];
		if (c->reversed)
			y = c->scale.value[0] + c->scale.value[c->scale.n_levels - 1] - y;
		x[i] = y;
	}
	return 1;
}

static const char *usable(const struct ky_survey *s, const struct ky_block *b,
			  const struct ky_segment **segp)
{
	const struct ky_segment *seg = ky_survey_segment_of(s, b->items[0]);
	*segp = seg;
	for (size_t i = 0; i < b->n_items; i++)
		if (!seg || ky_survey_segment_of(s, b->items[i]) != seg)
			return "items are not under one question stem: no answer patterns";
	if (seg->full)
		return "answer patterns incomplete (limit of distinct patterns reached)";
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

static void score_tallies(const struct ky_survey *s, const struct ky_block *b,
			  const struct ky_segment *seg, struct ky_block_scale *r, double *x)
{
	size_t np = ky_segment_n(seg);
	double *sums = ky_xmalloc((np + 1) * sizeof(double));
	size_t m = 0;
	for (size_t p = 0; p < np; p++)
		if (pattern_values(s, b, seg, ky_segment_key(seg, p), x)) {
			double t = 0;
			for (size_t i = 0; i < b->n_items; i++)
				t += x[i];
			sums[m++] = t;
		}
	qsort(sums, m, sizeof(double), cmp_double);
	size_t u = 0;
	for (size_t i = 0; i < m; i++)
		if (!u || sums[u - 1] != sums[i])
			sums[u++] = sums[i];
	r->n_scores = u;
	r->score = ky_xmalloc((u + 1) * sizeof(double));
	for (size_t i = 0; i < u; i++)
		r->score[i] = sums[i] / (double)b->n_items;
	r->tally = ky_xcalloc(s->n_slots, sizeof(*r->tally));
	for (size_t sl = 0; sl < s->n_slots; sl++)
		ky_tally_init(&r->tally[sl], u);
	for (size_t p = 0; p < np; p++) {
		const unsigned char *key = ky_segment_key(seg, p);
		if (!pattern_values(s, b, seg, key, x))
			continue;
		double t = 0;
		for (size_t i = 0; i < b->n_items; i++)
			t += x[i];
		double *hit = bsearch(&t, sums, u, sizeof(double), cmp_double);
		size_t code = (size_t)(hit - sums);
		uint64_t n = seg->count[p];
		r->tally[0].count[code] += n;
		for (size_t g = 0; g < s->n_groupings; g++) {
			size_t v = ky_pattern_group(seg, key, g);
			if (v != (size_t)-1)
				r->tally[ky_survey_slot(s, g, v)].count[code] += n;
		}
	}
	free(sums);
	uint64_t *n = ky_xcalloc(s->n_slots, sizeof(uint64_t));
	for (size_t sl = 0; sl < s->n_slots; sl++)
		n[sl] = ky_tally_n(&r->tally[sl]);
	r->suppressed = ky_xcalloc(s->n_slots, 1);
	ky_survey_hide_small(s, n, n, r->suppressed);
	free(n);
}

static struct ky_block_scale *block_scale(const struct ky_survey *s, const struct ky_block *b)
{
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
	r->note = usable(s, b, &seg);
	if (r->note)
		return r;
	double *x = ky_xmalloc(k * sizeof(double));
	double *mean = ky_xcalloc(k, sizeof(double));
	double *C = ky_xcalloc(k * k, sizeof(double));
	size_t np = ky_segment_n(seg);
	uint64_t n = 0;
	for (size_t p = 0; p < np; p++)
		if (pattern_values(s, b, seg, ky_segment_key(seg, p), x)) {
			n += seg->count[p];
			for (size_t i = 0; i < k; i++)
				mean[i] += (double)seg->count[p] * x[i];
		}
	r->n_complete = n;
	if (n >= 2) {
		for (size_t i = 0; i < k; i++)
			mean[i] /= (double)n;
		/* centred cross-products: no cancellation for large n */
		for (size_t p = 0; p < np; p++)
			if (pattern_values(s, b, seg, ky_segment_key(seg, p), x)) {
				double w = (double)seg->count[p];
				for (size_t i = 0; i < k; i++)
					for (size_t j = i; j < k; j++)
						C[i * k + j] += w * (x[i] - mean[i]) * (x[j] - mean[j]);
			}
		for (size_t i = 0; i < k; i++)
			for (size_t j = i; j < k; j++)
				C[j * k + i] = C[i * k + j] /= (double)(n - 1);
		reliability(r, k, C);
	} else {
		r->note = "fewer than two respondents answered every item";
	}
	score_tallies(s, b, seg, r, x);
	free(x);
	free(mean);
	free(C);
	return r;
}

void ky_survey_block_scales(struct ky_survey *s)
{
	for (size_t i = 0; i < s->n_blocks; i++) {
		struct ky_block *b = &s->block[i];
		int ok = b->n_items >= 2;
		for (size_t j = 0; j < b->n_items && ok; j++) {
			const struct ky_column *c = &s->col[b->items[j]];
			ok = ky_column_is_item(c) && c->scale.ordinal && c->code_of;
		}
		if (ok)
			b->scale = block_scale(s, b);
	}
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
