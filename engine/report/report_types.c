/* report_types.c - tables of the question types beyond single items:
 * multi-item scales (reliability.csv, scales.csv), multi-select
 * (multiselect.csv), ranking (ranking.csv) and Net Promoter (nps.csv).
 * Row order: as everywhere, all respondents first, then each grouping's
 * groups in report order; hidden groups keep their rows with empty numbers
 * and the anonymity note. */
#define _GNU_SOURCE         /* qsort_r: no comparison state in statics */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ky_report.h"
#include "ky_stats.h"

static void text_cell(struct ky_buf *out, const char *s)
{
	ky_buf_addch(out, ',');
	ky_csv_text(out, s);
}

static void block_title(struct ky_buf *out, const struct ky_survey *s, const struct ky_block *b)
{
	struct ky_buf label = KY_BUF_INIT;
	ky_csv_text(out, ky_block_label(s, b, &label));
	ky_buf_release(&label);
}

void ky_report_reliability_csv(const struct ky_survey *s, struct ky_buf *out)
{
	ky_buf_adds(out, "block,item_id,item_text,n_items,n_complete,alpha,alpha_std,"
			 "r_item_total,alpha_if_deleted,reversed,note\r\n");
	for (size_t i = 0; i < s->n_blocks; i++) {
		const struct ky_block *b = &s->block[i];
		const struct ky_block_scale *r = b->scale;
		if (!r)
			continue;
		int hide = r->suppressed && r->suppressed[0];
		ky_csv_text(out, b->id);
		ky_buf_adds(out, ",,");
		block_title(out, s, b);
		ky_buf_addf(out, ",%zu", b->n_items);
		if (hide) {
			ky_buf_adds(out, ",,,,,,,");
			ky_csv_suppressed_note(out, s);
			ky_buf_adds(out, "\r\n");
			continue;
		}
		ky_csv_count(out, r->n_complete);
		ky_csv_num(out, r->alpha);
		ky_csv_num(out, r->alpha_std);
		ky_buf_adds(out, ",,,");
		if (r->note)
			text_cell(out, r->note);
		else
			ky_buf_addch(out, ',');
		ky_buf_adds(out, "\r\n");
		for (size_t k = 0; k < b->n_items; k++) {
			const struct ky_column *c = &s->col[b->items[k]];
			ky_csv_text(out, b->id);
			text_cell(out, c->id);
			text_cell(out, c->header);
			ky_buf_addf(out, ",%zu", b->n_items);
			ky_csv_count(out, r->n_complete);
			ky_buf_adds(out, ",,");
			ky_csv_num(out, r->r_drop[k]);
			ky_csv_num(out, r->alpha_if_deleted[k]);
			ky_buf_addf(out, ",%d,", c->reversed);
			if (r->n_complete >= 2 && !(r->item_sd[k] > 0))
				ky_csv_text(out, "the item does not vary: left out of alpha");
			else if (isnan(r->alpha_if_deleted[k]) && !isnan(r->alpha))
				ky_csv_text(out, "alpha if deleted needs three or more varying items");
			else if (isnan(r->r_drop[k]) && r->n_complete >= 2)
				ky_csv_text(out, "the rest of the scale does not vary");
			ky_buf_adds(out, "\r\n");
		}
	}
}

void ky_report_scales_csv(const struct ky_survey *s, struct ky_buf *out)
{
	struct ky_slotref *slots;
	size_t n_slots = ky_report_slots(s, &slots);
	ky_buf_adds(out, "block,block_text,n_items,grouping,group,n,mean,sd,median,q1,q3,"
			 "mean_ci_low,mean_ci_high,note\r\n");
	for (size_t i = 0; i < s->n_blocks; i++) {
		const struct ky_block *b = &s->block[i];
		const struct ky_block_scale *r = b->scale;
		if (!r || !r->tally)
			continue;
		for (size_t k = 0; k < n_slots; k++) {
			ky_csv_text(out, b->id);
			ky_buf_addch(out, ',');
			block_title(out, s, b);
			ky_buf_addf(out, ",%zu", b->n_items);
			text_cell(out, slots[k].grouping);
			text_cell(out, slots[k].group);
			if (r->suppressed[slots[k].slot]) {
				ky_buf_adds(out, ",,,,,,,,,");
				ky_csv_suppressed_note(out, s);
				ky_buf_adds(out, "\r\n");
				continue;
			}
			struct ky_describe d;
			ky_stats_describe(&r->tally[slots[k].slot], r->score, 1, &d);
			ky_csv_count(out, d.n_valid);
			ky_csv_describe(out, &d);
			ky_buf_addch(out, ',');
			enum ky_undef u = d.undef ? d.undef : d.undef_sd;
			if (u)
				ky_csv_text(out, ky_undef_reason(u));
			ky_buf_adds(out, "\r\n");
		}
	}
	free(slots);
}

uint64_t ky_choice_borda(const struct ky_choice *q, size_t slot, size_t o)
{
	uint64_t pts = 0;
	for (size_t r = 0; r < q->n_positions; r++)
		pts += (uint64_t)(q->n_positions - r) * q->rank[slot][o * q->n_positions + r];
	return pts;
}

uint64_t ky_choice_ranked(const struct ky_choice *q, size_t slot, size_t o, double *mean_rank)
{
	const uint64_t *rk = &q->rank[slot][o * q->n_positions];
	uint64_t ranked = 0;
	double sum = 0;
	for (size_t r = 0; r < q->n_positions; r++) {
		ranked += rk[r];
		sum += (double)(r + 1) * (double)rk[r];
	}
	*mean_rank = ranked ? sum / (double)ranked : NAN;
	return ranked;
}

static int by_importance(const void *a, const void *b, void *ctx)
{
	const struct ky_choice *sort_q = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	uint64_t vx, vy;
	if (sort_q->kind == KY_CHOICE_RANKING) {
		vx = ky_choice_borda(sort_q, 0, x);
		vy = ky_choice_borda(sort_q, 0, y);
	} else {
		vx = sort_q->count[0][x];
		vy = sort_q->count[0][y];
	}
	if (vx != vy)
		return vx > vy ? -1 : 1;
	return x < y ? -1 : x > y;      /* ties: questionnaire order */
}

size_t *ky_choice_order(const struct ky_choice *q)
{
	size_t *order = ky_xmalloc((q->n_options + 1) * sizeof(size_t));
	for (size_t o = 0; o < q->n_options; o++)
		order[o] = o;
	qsort_r(order, q->n_options, sizeof(size_t), by_importance, (void *)q);
	return order;
}

static void choice_prefix(struct ky_buf *out, const struct ky_choice *q,
			  const struct ky_slotref *r, const char *option)
{
	ky_csv_text(out, q->id);
	text_cell(out, q->title);
	text_cell(out, r->grouping);
	text_cell(out, r->group);
	text_cell(out, option);
}

void ky_report_multiselect_csv(const struct ky_survey *s, struct ky_buf *out)
{
	struct ky_slotref *slots;
	size_t n_slots = ky_report_slots(s, &slots);
	ky_buf_adds(out, "question_id,question_text,grouping,group,option,n_respondents,count,"
			 "pct_respondents,pct_selections,note\r\n");
	for (size_t i = 0; i < s->n_choices; i++) {
		const struct ky_choice *q = &s->choice[i];
		if (q->kind != KY_CHOICE_MULTI)
			continue;
		size_t *order = ky_choice_order(q);
		for (size_t k = 0; k < n_slots; k++) {
			size_t sl = slots[k].slot;
			uint64_t total = 0;
			for (size_t o = 0; o < q->n_options; o++)
				total += q->count[sl][o];
			for (size_t j = 0; j < q->n_options; j++) {
				size_t o = order[j];
				choice_prefix(out, q, &slots[k], q->option[o]);
				if (q->suppressed[sl]) {
					ky_buf_adds(out, ",,,,");
					ky_csv_suppressed_note(out, s);
					ky_buf_adds(out, "\r\n");
					continue;
				}
				uint64_t n = q->n_respondents[sl];
				ky_csv_count(out, n);
				ky_csv_count(out, q->count[sl][o]);
				ky_csv_num(out, n ? 100.0 * (double)q->count[sl][o] / (double)n : NAN);
				ky_csv_num(out, total ? 100.0 * (double)q->count[sl][o] / (double)total
						      : NAN);
				ky_buf_addch(out, ',');
				if (!n)
					ky_csv_text(out, ky_undef_reason(KY_UNDEF_EMPTY));
				else if (q->note)
					ky_csv_text(out, q->note);
				ky_buf_adds(out, "\r\n");
			}
		}
		free(order);
	}
	free(slots);
}

void ky_report_ranking_csv(const struct ky_survey *s, struct ky_buf *out)
{
	size_t max_pos = 0;
	for (size_t i = 0; i < s->n_choices; i++)
		if (s->choice[i].kind == KY_CHOICE_RANKING && s->choice[i].n_positions > max_pos)
			max_pos = s->choice[i].n_positions;
	struct ky_slotref *slots;
	size_t n_slots = ky_report_slots(s, &slots);
	ky_buf_adds(out, "question_id,question_text,grouping,group,option,n_respondents,n_ranked,"
			 "pct_ranked,mean_rank,borda,borda_mean");
	for (size_t r = 0; r < max_pos; r++)
		ky_buf_addf(out, ",rank_%zu", r + 1);
	ky_buf_adds(out, ",note\r\n");
	for (size_t i = 0; i < s->n_choices; i++) {
		const struct ky_choice *q = &s->choice[i];
		if (q->kind != KY_CHOICE_RANKING)
			continue;
		size_t *order = ky_choice_order(q);
		for (size_t k = 0; k < n_slots; k++) {
			size_t sl = slots[k].slot;
			for (size_t j = 0; j < q->n_options; j++) {
				size_t o = order[j];
				choice_prefix(out, q, &slots[k], q->option[o]);
				if (q->suppressed[sl]) {
					for (size_t c = 0; c < 7 + max_pos; c++)
						ky_buf_addch(out, ',');
					ky_csv_suppressed_note(out, s);
					ky_buf_adds(out, "\r\n");
					continue;
				}
				const uint64_t *rk = &q->rank[sl][o * q->n_positions];
				uint64_t n = q->n_respondents[sl];
				double mean_rank;
				uint64_t ranked = ky_choice_ranked(q, sl, o, &mean_rank);
				uint64_t borda = ky_choice_borda(q, sl, o);
				ky_csv_count(out, n);
				ky_csv_count(out, ranked);
				ky_csv_num(out, n ? 100.0 * (double)ranked / (double)n : NAN);
				ky_csv_num(out, mean_rank);
				ky_csv_count(out, borda);
				ky_csv_num(out, n ? (double)borda / (double)n : NAN);
				for (size_t r = 0; r < max_pos; r++) {
					if (r < q->n_positions)
						ky_csv_count(out, rk[r]);
					else
						ky_buf_addch(out, ',');
				}
				ky_buf_addch(out, ',');
				if (!n)
					ky_csv_text(out, ky_undef_reason(KY_UNDEF_EMPTY));
				else if (!ranked)
					ky_csv_text(out, "never ranked: no mean rank");
				else if (q->note)
					ky_csv_text(out, q->note);
				ky_buf_adds(out, "\r\n");
			}
		}
		free(order);
	}
	free(slots);
}

void ky_report_nps(const struct ky_column *c, size_t slot, uint64_t grp[3], struct ky_nps *nps)
{
	const struct ky_tally *t = &c->tally[slot];
	grp[0] = grp[1] = grp[2] = 0;
	for (size_t v = 0; v < t->n_codes; v++) {
		double x = c->scale.value[v];
		grp[x >= 9 ? 2 : x >= 7 ? 1 : 0] += t->count[v];
	}
	ky_stats_nps(grp[2], grp[1], grp[0], 0.95, nps);
}

void ky_report_nps_csv(const struct ky_survey *s, struct ky_buf *out)
{
	struct ky_slotref *slots;
	size_t n_slots = ky_report_slots(s, &slots);
	ky_buf_adds(out, "item_id,item_text,grouping,group,n,promoters,passives,detractors,"
			 "pct_promoters,pct_passives,pct_detractors,nps,nps_ci_low,nps_ci_high,"
			 "note\r\n");
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		if (!c->nps)
			continue;
		for (size_t k = 0; k < n_slots; k++) {
			size_t sl = slots[k].slot;
			ky_csv_text(out, c->id);
			text_cell(out, c->header);
			text_cell(out, slots[k].grouping);
			text_cell(out, slots[k].group);
			if (ky_survey_suppressed(c, sl)) {
				ky_buf_adds(out, ",,,,,,,,,,,");
				ky_csv_suppressed_note(out, s);
				ky_buf_adds(out, "\r\n");
				continue;
			}
			uint64_t grp[3];
			struct ky_nps nps;
			ky_report_nps(c, sl, grp, &nps);
			double n = (double)nps.n;
			ky_csv_count(out, nps.n);
			ky_csv_count(out, grp[2]);
			ky_csv_count(out, grp[1]);
			ky_csv_count(out, grp[0]);
			ky_csv_num(out, nps.n ? 100.0 * (double)grp[2] / n : NAN);
			ky_csv_num(out, nps.n ? 100.0 * (double)grp[1] / n : NAN);
			ky_csv_num(out, nps.n ? 100.0 * (double)grp[0] / n : NAN);
			ky_csv_num(out, nps.score);
			ky_csv_num(out, nps.ci_low);
			ky_csv_num(out, nps.ci_high);
			ky_buf_addch(out, ',');
			if (nps.undef_ci)
				ky_csv_text(out, ky_undef_reason(nps.undef_ci));
			ky_buf_adds(out, "\r\n");
		}
	}
	free(slots);
}
