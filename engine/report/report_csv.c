/* report_csv.c - frequencies.csv and descriptives.csv from the tallies.
 * UTF-8, comma-separated, RFC 4180 quoting, '.' decimal point, 15
 * significant digits; undefined statistics are empty cells. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ky_report.h"
#include "ky_stats.h"

size_t ky_report_slots(const struct ky_survey *s, struct ky_slotref **out)
{
	size_t n = 1;
	for (size_t g = 0; g < s->n_groupings; g++)
		n += s->grouping[g].n_groups;
	struct ky_slotref *r = ky_xcalloc(n, sizeof(*r));
	r[0] = (struct ky_slotref){ 0, "*", "*", (size_t)-1 };
	size_t k = 1;
	for (size_t g = 0; g < s->n_groupings; g++) {
		const struct ky_grouping *gr = &s->grouping[g];
		for (size_t i = 0; i < gr->n_groups; i++) {
			size_t v = gr->order[i];
			r[k++] = (struct ky_slotref){ ky_survey_slot(s, g, v), gr->name,
						      ky_survey_group_name(s, g, v), g };
		}
	}
	*out = r;
	return n;
}

void ky_csv_text(struct ky_buf *out, const char *s)
{
	int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
		      s[0] == '\t' || s[0] == '\r';
	size_t n = strlen(s);
	int quote = formula || (n && (s[0] == ' ' || s[n - 1] == ' ')) ||
		    strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		ky_buf_add(out, s, n);
		return;
	}
	ky_buf_grow(out, 2 * n + 3);
	char *p = out->buf + out->len;
	*p++ = '"';
	if (formula)
		*p++ = '\'';
	for (const char *q = s, *end = s + n; q < end;) {   /* each '"' doubled */
		const char *dq = memchr(q, '"', (size_t)(end - q));
		size_t k = dq ? (size_t)(dq - q) + 1 : (size_t)(end - q);
		memcpy(p, q, k);
		p += k;
		if (dq)
			*p++ = '"';
		q += k;
	}
	*p++ = '"';
	*p = '\0';
	out->len = (size_t)(p - out->buf);
}

void ky_csv_num(struct ky_buf *out, double x)
{
	ky_buf_addch(out, ',');
	ky_buf_add_double(out, x);
}

void ky_csv_count(struct ky_buf *out, uint64_t x)
{
	ky_buf_addch(out, ',');
	ky_buf_add_u64(out, x);
}

static void item_prefix(struct ky_buf *out, const struct ky_column *c, const struct ky_slotref *r)
{
	ky_csv_text(out, c->id);
	ky_buf_addch(out, ',');
	ky_csv_text(out, c->header);
	ky_buf_addch(out, ',');
	ky_csv_text(out, r->grouping);
	ky_buf_addch(out, ',');
	ky_csv_text(out, r->group);
}

void ky_report_suppressed_note(const struct ky_survey *s, struct ky_buf *out)
{
	ky_buf_addf(out, "suppressed for anonymity: fewer than %u answers, or hidden so that a "
			 "smaller group cannot be recovered by subtraction", s->min_n);
}

void ky_csv_suppressed_note(struct ky_buf *out, const struct ky_survey *s)
{
	struct ky_buf note = KY_BUF_INIT;
	ky_report_suppressed_note(s, &note);
	ky_csv_text(out, note.buf);
	ky_buf_release(&note);
}

static const char *level_kind(const struct ky_column *c)
{
	return c->type == KY_COL_CATEGORICAL ? "category" : "scale";
}

void ky_report_frequencies_csv(const struct ky_survey *s, struct ky_buf *out)
{
	struct ky_slotref *slots;
	size_t n_slots = ky_report_slots(s, &slots);
	int wtd = ky_survey_weighted(s);
	ky_buf_adds(out, wtd ? "item_id,item_text,grouping,group,code,label,count,percent_valid,"
			       "kind,percent_of_answers,note,weighted_count\r\n"
			     : "item_id,item_text,grouping,group,code,label,count,percent_valid,"
			       "kind,percent_of_answers,note\r\n");
	struct ky_buf pre = KY_BUF_INIT;   /* the item and group cells, the same on each row */
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		if (!ky_column_is_item(c))
			continue;
		for (size_t r = 0; r < n_slots; r++) {
			const struct ky_tally *t = &c->tally[slots[r].slot];
			uint64_t n = ky_tally_n(t), answered = n + t->n_nonsubstantive;
			/* weighted: the percentages of the weights, the counts as they are */
			double wn = wtd ? ky_tally_wn(t) : 0, wans = wn + (wtd ? t->w_nonsubstantive : 0);
			int hide = ky_survey_suppressed(c, slots[r].slot);
			ky_buf_reset(&pre);
			item_prefix(&pre, c, &slots[r]);
			for (size_t k = 0; k < c->scale.n_levels; k++) {
				ky_buf_add(out, pre.buf, pre.len);
				ky_buf_addch(out, ',');
				ky_buf_add_double(out, c->scale.value[k]);
				ky_buf_addch(out, ',');
				ky_csv_text(out, c->scale.label[k]);
				if (hide) {
					ky_buf_adds(out, ",,,");
					ky_buf_adds(out, level_kind(c));
					ky_buf_adds(out, ",,");
					ky_csv_suppressed_note(out, s);
					ky_buf_adds(out, wtd ? ",\r\n" : "\r\n");
					continue;
				}
				ky_csv_count(out, t->count[k]);
				if (wtd)
					ky_csv_num(out, wn > 0 ? 100.0 * t->wsum[k] / wn : NAN);
				else
					ky_csv_num(out, n ? 100.0 * (double)t->count[k] / (double)n : NAN);
				ky_buf_addch(out, ',');
				ky_buf_adds(out, level_kind(c));
				if (wtd)
					ky_csv_num(out, wans > 0 ? 100.0 * t->wsum[k] / wans : NAN);
				else
					ky_csv_num(out, answered ? 100.0 * (double)t->count[k] / (double)answered : NAN);
				ky_buf_addch(out, ',');
				if (wtd)
					ky_csv_num(out, t->wsum[k]);
				ky_buf_adds(out, "\r\n");
			}
			for (size_t k = 0; k < c->n_nonsub; k++) {
				uint64_t cnt = c->nonsub_count[slots[r].slot][k];
				ky_buf_add(out, pre.buf, pre.len);
				ky_buf_adds(out, ",,");
				ky_csv_text(out, c->nonsub_label[k]);
				if (hide) {
					ky_buf_adds(out, ",,,nonsubstantive,,");
					ky_csv_suppressed_note(out, s);
					ky_buf_adds(out, wtd ? ",\r\n" : "\r\n");
					continue;
				}
				ky_csv_count(out, cnt);
				ky_buf_adds(out, ",,nonsubstantive");
				if (wtd) {
					double wk = c->nonsub_wsum ? c->nonsub_wsum[slots[r].slot][k] : NAN;
					ky_csv_num(out, wans > 0 ? 100.0 * wk / wans : NAN);
					ky_buf_addch(out, ',');
					ky_csv_num(out, wk);
				} else {
					ky_csv_num(out, answered ? 100.0 * (double)cnt / (double)answered : NAN);
					ky_buf_addch(out, ',');
				}
				ky_buf_adds(out, "\r\n");
			}
		}
	}
	ky_buf_release(&pre);
	free(slots);
}

void ky_csv_describe(struct ky_buf *out, const struct ky_describe *d)
{
	ky_csv_num(out, d->mean);
	ky_csv_num(out, d->sd);
	ky_csv_num(out, d->median);
	ky_csv_num(out, d->q1);
	ky_csv_num(out, d->q3);
	ky_csv_num(out, d->mean_ci_low);
	ky_csv_num(out, d->mean_ci_high);
}

struct ky_describe_cache {
	size_t n_columns, n_slots;
	struct ky_describe *d;       /* [column * n_slots + slot] */
	unsigned char *done;         /* the same: 1 once d is filled */
};

struct ky_describe_cache *ky_describe_cache_new(const struct ky_survey *s)
{
	struct ky_describe_cache *c = ky_xcalloc(1, sizeof(*c));
	c->n_columns = s->n_columns;
	c->n_slots = s->n_slots;
	size_t n = c->n_columns * c->n_slots;
	c->d = ky_xcalloc(n ? n : 1, sizeof(*c->d));
	c->done = ky_xcalloc(n ? n : 1, 1);
	return c;
}

void ky_describe_cache_free(struct ky_describe_cache *c)
{
	if (!c)
		return;
	free(c->d);
	free(c->done);
	free(c);
}

void ky_report_describe(struct ky_describe_cache *cache, const struct ky_survey *s,
			size_t column, size_t slot, struct ky_describe *d)
{
	const struct ky_column *c = &s->col[column];
	if (!cache || column >= cache->n_columns || slot >= cache->n_slots) {
		ky_stats_describe(&c->tally[slot], c->scale.value, c->scale.ordinal, d);
		return;
	}
	size_t k = column * cache->n_slots + slot;
	if (!cache->done[k]) {
		ky_stats_describe(&c->tally[slot], c->scale.value, c->scale.ordinal, &cache->d[k]);
		cache->done[k] = 1;
	}
	*d = cache->d[k];
}

void ky_report_descriptives_csv(const struct ky_survey *s, struct ky_buf *out)
{
	ky_report_descriptives_csv_with(s, NULL, out);
}

void ky_report_descriptives_csv_with(const struct ky_survey *s, struct ky_describe_cache *cache,
				     struct ky_buf *out)
{
	struct ky_slotref *slots;
	size_t n_slots = ky_report_slots(s, &slots);
	int wtd = ky_survey_weighted(s);
	ky_buf_adds(out, "item_id,item_text,grouping,group,n_valid,n_nonsubstantive,n_missing,"
			 "mean,sd,median,q1,q3,mean_ci_low,mean_ci_high,top2_pct,top2_ci_low,"
			 "top2_ci_high,type,scale,note");
	ky_buf_adds(out, wtd ? ",weighted_n,n_eff,mean_se\r\n" : "\r\n");
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		if (!ky_column_is_item(c))
			continue;
		for (size_t r = 0; r < n_slots; r++) {
			if (ky_survey_suppressed(c, slots[r].slot)) {
				item_prefix(out, c, &slots[r]);
				ky_buf_adds(out, ",,,,,,,,,,,,,");
				ky_buf_addch(out, ',');
				ky_buf_adds(out, ky_coltype_name(c->type));
				ky_buf_addch(out, ',');
				ky_csv_text(out, c->scale.id);
				ky_buf_addch(out, ',');
				ky_csv_suppressed_note(out, s);
				ky_buf_adds(out, wtd ? ",,,\r\n" : "\r\n");
				continue;
			}
			struct ky_describe d;
			ky_report_describe(cache, s, i, slots[r].slot, &d);
			if (!c->scale.has_top2)
				d.top2_pct = d.top2_ci_low = d.top2_ci_high = NAN;
			item_prefix(out, c, &slots[r]);
			ky_csv_count(out, d.n_valid);
			ky_csv_count(out, d.n_nonsubstantive);
			ky_csv_count(out, d.n_missing);
			ky_csv_describe(out, &d);
			ky_csv_num(out, d.top2_pct);
			ky_csv_num(out, d.top2_ci_low);
			ky_csv_num(out, d.top2_ci_high);
			ky_buf_addch(out, ',');
			ky_buf_adds(out, ky_coltype_name(c->type));
			ky_buf_addch(out, ',');
			ky_csv_text(out, c->scale.id);
			ky_buf_addch(out, ',');
			enum ky_undef u = d.undef ? d.undef : d.undef_sd;
			if (u)
				ky_csv_text(out, ky_undef_reason(u));
			if (wtd) {
				ky_csv_num(out, d.weighted_n);
				ky_csv_num(out, d.n_eff);
				ky_csv_num(out, d.mean_se);
			}
			ky_buf_adds(out, "\r\n");
		}
	}
	free(slots);
}

void ky_report_comparisons_csv(const struct ky_survey *s, struct ky_buf *out)
{
	struct ky_comparison *cmp;
	size_t n = ky_report_comparisons(s, &cmp);
	ky_report_comparisons_csv_rows(s, cmp, n, out);
	free(cmp);
}

void ky_report_comparisons_csv_rows(const struct ky_survey *s, const struct ky_comparison *cmp,
				    size_t n, struct ky_buf *out)
{
	struct ky_buf text = KY_BUF_INIT, pre = KY_BUF_INIT;
	int wtd = ky_survey_weighted(s);
	ky_buf_adds(out, wtd ? "item_id,item_text,grouping,test,group_a,group_b,n_a,n_b,statistic,"
			       "df,p,p_holm,p_bh,effect,effect_name,note,df2\r\n"
			     : "item_id,item_text,grouping,test,group_a,group_b,n_a,n_b,statistic,df,p,"
			       "p_holm,p_bh,effect,effect_name,note\r\n");
	for (size_t i = 0; i < n; i++) {
		const struct ky_comparison *c = &cmp[i];
		/* the id and text cells, once for the rows of one item or scale score */
		if (i == 0 || c->column != cmp[i - 1].column || c->block != cmp[i - 1].block) {
			ky_buf_reset(&pre);
			ky_csv_text(&pre, ky_comparison_id(s, c));
			ky_buf_addch(&pre, ',');
			ky_csv_text(&pre, ky_comparison_text(s, c, &text));
			ky_buf_addch(&pre, ',');
		}
		ky_buf_add(out, pre.buf, pre.len);
		ky_csv_text(out, s->grouping[c->g].name);
		ky_buf_addch(out, ',');
		ky_buf_adds(out, ky_test_name(c->t.kind));
		ky_buf_addch(out, ',');
		ky_csv_text(out, c->group_a);
		ky_buf_addch(out, ',');
		ky_csv_text(out, c->group_b);
		if (c->suppressed)
			ky_buf_adds(out, ",,");
		else if (c->a == (size_t)-1) {
			ky_csv_count(out, c->t.n_a);
			ky_buf_addch(out, ',');
		} else {
			ky_csv_count(out, c->t.n_a);
			ky_csv_count(out, c->t.n_b);
		}
		ky_csv_num(out, c->t.statistic);
		ky_csv_num(out, c->t.df);
		ky_csv_num(out, c->t.p);
		ky_csv_num(out, c->p_holm);
		ky_csv_num(out, c->p_bh);
		ky_csv_num(out, c->t.effect);
		ky_buf_addch(out, ',');
		ky_buf_adds(out, ky_test_effect_name(c->t.kind));
		ky_buf_addch(out, ',');
		if (c->t.note)
			ky_csv_text(out, c->t.note);
		if (wtd)
			ky_csv_num(out, c->t.df2);
		ky_buf_adds(out, "\r\n");
	}
	ky_buf_release(&text);
	ky_buf_release(&pre);
}

void ky_grouping_hidden(const struct ky_survey *s, size_t g, unsigned char *hide)
{
	const struct ky_grouping *gr = &s->grouping[g];
	size_t n = gr->n_groups, hidden = 0, smallest = (size_t)-1;
	for (size_t i = 0; i <= n; i++) {
		uint64_t c = i < n ? gr->n_respondents[gr->order[i]] : gr->n_empty;
		hide[i] = c > 0 && c < s->min_n;
		hidden += hide[i];
	}
	if (hidden != 1)
		return;
	for (size_t i = 0; i <= n; i++) {
		uint64_t c = i < n ? gr->n_respondents[gr->order[i]] : gr->n_empty;
		if (!hide[i] && c > 0 &&
		    (smallest == (size_t)-1 ||
		     c < (smallest < n ? gr->n_respondents[gr->order[smallest]] : gr->n_empty)))
			smallest = i;
	}
	if (smallest != (size_t)-1)
		hide[smallest] = 1;
}
