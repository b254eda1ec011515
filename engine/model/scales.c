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

#include "ky_buf.h"
#include "count/survey_int.h"
#include "count/scale_acc_int.h"

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
	ky_scale_acc_flush(a);
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
