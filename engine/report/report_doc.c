/* report_doc.c - the report's content, written once through ky_doc for
 * report.md and report.html: per block its charts, a compact table and the
 * group comparisons in plain words; other questions; multi-item scales;
 * multi-select, ranking and NPS questions; open answers per group with
 * personal data masked; a methods note.  Wording in the run's language,
 * numbers with a decimal comma in Finnish and Swedish.
 *
 * The report room (engine/report) owns every output: tables, summary.json,
 * the report, charts through the gnuplot pipe, and the output folder.  It
 * uses every room below it and neither prints nor exits. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ky_doc.h"
#include "ky_report.h"
#include "ky_stats.h"

struct ctx {
	const struct ky_survey *s;
	const struct ky_report_opts *o;
	const struct ky_words *w;
	struct ky_doc *d;
	struct ky_slotref *slots;
	size_t n_slots;
	const struct ky_comparison *cmp;
	size_t n_cmp;
	struct ky_comparison *own_cmp;   /* computed here when O has none */
	const struct ky_masked_answers *masked;   /* with O's mask */
	struct ky_masked_answers *own_masked;     /* computed here when O has none */
	const char *mask_failed;                  /* why the answers could not be masked */
};

/* X with DECIMALS decimals ("–" when undefined), decimal comma unless English. */
static const char *num(const struct ctx *c, char buf[48], double x, int decimals)
{
	if (!isfinite(x))
		return "–";
	int len = (int)ky_fmt_fixed(buf, 48, x == 0 ? 0.0 : x, decimals);
	if (len < 0 || len > 44)   /* a huge value: %f would be cut, and the minus needs 2 more */
		snprintf(buf, 48, "%.6g", x);
	if (c->o->lang != KY_LANG_EN)
		for (char *p = buf; *p; p++)
			if (*p == '.')
				*p = ',';
	if (buf[0] == '-' && strspn(buf + 1, "0.,") == strlen(buf + 1))
		memmove(buf, buf + 1, strlen(buf));   /* -0.00 rounds to 0.00 */
	if (buf[0] == '-') {                        /* a typographic minus */
		memmove(buf + 3, buf + 1, strlen(buf));
		memcpy(buf, "−", 3);
	}
	return buf;
}

static void cell_num(struct ctx *c, double x, int decimals)
{
	char b[48];
	ky_doc_cell(c->d, num(c, b, x, decimals));
}

static void cell_count(struct ctx *c, uint64_t v)
{
	char b[24];
	ky_fmt_u64(b, v);
	ky_doc_cell(c->d, b);
}

static void cell_interval(struct ctx *c, double lo, double hi, int decimals)
{
	char a[48], b[48];
	if (!isfinite(lo) || !isfinite(hi))
		ky_doc_cell(c->d, "–");
	else
		ky_doc_cell_parts(c->d, 3, (const char *const[]){ num(c, a, lo, decimals), " … ",
								   num(c, b, hi, decimals) });
}

static const char *slot_name(const struct ctx *c, const struct ky_slotref *r)
{
	return r->slot == 0 ? c->w->all : r->group;
}

static void image(struct ctx *c, enum ky_chart_about about, size_t index, const char *alt)
{
	const char *stem = ky_report_chart_for(c->o->charts, c->o->n_charts, about, index);
	if (!stem || !c->o->chart_ext)
		return;
	const char *ext = c->o->chart_ext;
	/* printed (HTML, Word): a chart taller than a page as its page parts */
	const struct ky_chart_file *f = NULL;
	for (size_t i = 0; i < c->o->n_charts && !f; i++)
		if (c->o->charts[i].about == about && c->o->charts[i].index == index)
			f = &c->o->charts[i];
	if (f && f->n_pages && !strcmp(ext, "png") && (c->d->fmt == KY_DOC_HTML || c->d->pandoc)) {
		for (size_t k = 0; k < f->n_pages; k++) {
			char rel[256], path[4352];
			snprintf(rel, sizeof(rel), "charts/pages/%s.png", f->pages[k]);
			snprintf(path, sizeof(path), "%s/pages/%s.png",
				 c->o->chart_dir ? c->o->chart_dir : ".", f->pages[k]);
			ky_doc_image(c->d, alt, rel, path, "image/png");
		}
		return;
	}
	char rel[256], path[4352];
	snprintf(rel, sizeof(rel), "charts/%s.%s", stem, ext);
	snprintf(path, sizeof(path), "%s/%s.%s", c->o->chart_dir ? c->o->chart_dir : ".", stem,
		 ext);
	ky_doc_image(c->d, alt, rel, path,
		     !strcmp(ext, "png") ? "image/png" : !strcmp(ext, "svg") ? "image/svg+xml"
									: "application/pdf");
}

/* ---- blocks ---------------------------------------------------------- */

static int show_levels(const struct ky_column *c)
{
	return c->scale.ordinal && c->scale.n_levels <= 7;
}

static void stats_head(struct ctx *c, const struct ky_column *col)
{
	const struct ky_words *w = c->w;
	const char *head[32];
	char align[33], lev[7][16];
	int n = 0;
	head[n] = w->col_item, align[n++] = 'l';
	head[n] = w->col_group, align[n++] = 'l';
	head[n] = w->col_n, align[n++] = 'r';
	for (size_t k = 0; show_levels(col) && k < col->scale.n_levels; k++) {
		snprintf(lev[k], sizeof(lev[k]), "%g %%", col->scale.value[k]);
		head[n] = lev[k], align[n++] = 'r';
	}
	head[n] = w->col_mean, align[n++] = 'r';
	head[n] = w->col_ci, align[n++] = 'r';
	head[n] = w->col_top2, align[n++] = 'r';
	head[n] = w->col_nonsub, align[n++] = 'r';
	head[n] = w->col_missing, align[n++] = 'r';
	align[n] = '\0';
	ky_doc_table_begin(c->d, n, head, align);
}

static void stats_row(struct ctx *c, const struct ky_column *col, const struct ky_slotref *r,
		      const char *label)
{
	struct ky_describe d;
	ky_report_describe(c->o->describe, c->s, (size_t)(col - c->s->col), r->slot, &d);
	if (!col->scale.has_top2)
		d.top2_pct = NAN;
	ky_doc_cell(c->d, label);
	ky_doc_cell(c->d, slot_name(c, r));
	if (ky_survey_suppressed(col, r->slot)) {
		ky_doc_cell(c->d, c->w->suppressed);
		ky_doc_row_end(c->d);
		return;
	}
	cell_count(c, d.n_valid);
	const struct ky_tally *t = &col->tally[r->slot];
	for (size_t k = 0; show_levels(col) && k < col->scale.n_levels; k++)
		cell_num(c, ky_tally_pct(t, k), 0);
	cell_num(c, d.mean, 2);
	cell_interval(c, d.mean_ci_low, d.mean_ci_high, 2);
	cell_num(c, d.top2_pct, 0);
	cell_count(c, d.n_nonsubstantive);
	cell_count(c, d.n_missing);
	ky_doc_row_end(c->d);
}

static void scale_line(struct ctx *c, const struct ky_column *col)
{
	const struct ky_words *w = c->w;
	ky_doc_para_begin(c->d);
	ky_doc_textf(c->d, "%s: %s (%s), %s ", w->scale, col->scale.family,
		     col->scale.polarity == KY_BIPOLAR ? w->bipolar : w->unipolar, w->codes);
	for (size_t k = 0; k < col->scale.n_levels; k++)
		ky_doc_textf(c->d, "%s%g = %s", k ? ", " : "", col->scale.value[k],
			     col->scale.label[k]);
	ky_doc_text(c->d, ".");
	ky_doc_para_end(c->d);
}

static void effect_cell(struct ctx *c, const struct ky_comparison *x)
{
	char b[48];
	int k = ky_effect_size_class(x->t.kind, x->t.effect);
	if (k < 0)
		ky_doc_cell(c->d, "–");
	else
		ky_doc_cell_parts(c->d, 3, (const char *const[]){ num(c, b, x->t.effect, 2), ": ",
								   c->w->effect_word[k] });
}

static void p_cell(struct ctx *c, double p)
{
	char b[48];
	if (p < 0.001)
		ky_doc_cell_parts(c->d, 2, (const char *const[]){ "< ", num(c, b, 0.001, 3) });
	else
		cell_num(c, p, 3);
}

/* The row label of comparison X in the report: an item's text, or the
 * block's scale score in the report's language (comparisons.csv keeps
 * English). */
static const char *comparison_label(const struct ctx *c, const struct ky_comparison *x,
				    struct ky_buf *text)
{
	if (x->column != (size_t)-1)
		return ky_comparison_text(c->s, x, text);
	struct ky_buf label = KY_BUF_INIT;
	const char *l = ky_block_label(c->s, &c->s->block[x->block], &label);
	ky_buf_reset(text);
	ky_buf_addf(text, "%s: %s", c->w->scale_score, l);
	ky_buf_release(&label);
	return text->buf;
}

/* The rank test a reader needs per item and grouping: Mann-Whitney for two
 * groups, Kruskal-Wallis for more. */
static int headline_test(const struct ky_survey *s, const struct ky_comparison *x)
{
	const struct ky_grouping *gr = &s->grouping[x->g];
	return x->t.kind == (gr->n_groups >= 3 ? KY_TEST_KRUSKAL_WALLIS : KY_TEST_MANN_WHITNEY);
}

static void comparison_row(struct ctx *c, const struct ky_comparison *x, const char *label)
{
	ky_doc_cell(c->d, label);
	if (x->a != (size_t)-1)
		ky_doc_cell_parts(c->d, 5, (const char *const[]){ x->group_a, " ", c->w->vs, " ",
								   x->group_b });
	else
		ky_doc_cell_parts(c->d, 4, (const char *const[]){ c->w->all_groups, " (",
								   c->s->grouping[x->g].name, ")" });
	ky_doc_cell(c->d, c->s->weighting ? c->w->wrank
			  : x->t.kind == KY_TEST_MANN_WHITNEY ? c->w->mw : c->w->kw);
	if (x->suppressed) {
		ky_doc_cell(c->d, c->w->suppressed);
	} else {
		p_cell(c, x->p_holm);
		effect_cell(c, x);
	}
	ky_doc_row_end(c->d);
}

static void block_comparisons(struct ctx *c, size_t b)
{
	const struct ky_words *w = c->w;
	int head = 0;
	struct ky_buf text = KY_BUF_INIT;
	for (size_t i = 0; i < c->n_cmp; i++) {
		const struct ky_comparison *x = &c->cmp[i];
		if (x->block != b && (x->column == (size_t)-1 || c->s->col[x->column].block != b))
			continue;
		if (!headline_test(c->s, x))
			continue;
		if (!head++) {
			const char *h[] = { w->col_item, w->col_groups, w->col_test, w->col_p_holm,
					    w->col_effect };
			ky_doc_table_begin(c->d, 5, h, "lllrl");
		}
		const char *label = x->column == (size_t)-1
			? comparison_label(c, x, &text)
			: (c->s->col[x->column].statement ? c->s->col[x->column].statement
							  : c->s->col[x->column].header);
		comparison_row(c, x, label);
	}
	if (head)
		ky_doc_table_end(c->d);
	ky_buf_release(&text);
}

static void block_section(struct ctx *c, size_t b)
{
	const struct ky_survey *s = c->s;
	const struct ky_block *bl = &s->block[b];
	const struct ky_column *first = &s->col[bl->items[0]];
	const char *title = bl->title ? bl->title : first->header;
	ky_doc_headingf(c->d, 2, "%s. %s", bl->id, title);
	scale_line(c, first);
	image(c, KY_ABOUT_BLOCK, b, title);
	image(c, KY_ABOUT_MEANS, b, title);
	stats_head(c, first);
	for (size_t i = 0; i < bl->n_items; i++) {
		const struct ky_column *col = &s->col[bl->items[i]];
		for (size_t r = 0; r < c->n_slots; r++)   /* the item named on its first row */
			stats_row(c, col, &c->slots[r],
				  r ? "" : col->statement ? col->statement : col->header);
	}
	ky_doc_table_end(c->d);
	if (s->n_groupings)
		block_comparisons(c, b);
}

/* "Other answers among the open answers: Q3. Muu, mikä?" under a question
 * in columns [FIRST, FIRST + N) whose "Muu, mikä?" column follows it. */
static void other_answers_note(struct ctx *c, size_t first, size_t n)
{
	size_t o = ky_survey_other_answers(c->s, first, n);
	if (o == KY_NO_BLOCK)
		return;
	ky_doc_para_begin(c->d);
	ky_doc_textf(c->d, c->w->other_answers_in, c->s->col[o].id, c->s->col[o].header);
	ky_doc_para_end(c->d);
}

static void categorical_section(struct ctx *c, const struct ky_column *col)
{
	const struct ky_words *w = c->w;
	ky_doc_headingf(c->d, 3, "%s. %s", col->id, col->header);
	other_answers_note(c, col->index, 1);
	const char *h[] = { w->col_answer, w->col_n, w->col_pct_valid };
	ky_doc_table_begin(c->d, 3, h, "lrr");
	const struct ky_tally *t = &col->tally[0];
	uint64_t n = ky_tally_n(t);
	for (size_t k = 0; k < col->scale.n_levels; k++) {
		ky_doc_cell(c->d, col->scale.label[k]);
		cell_count(c, t->count[k]);
		cell_num(c, ky_tally_pct(t, k), 1);
		ky_doc_row_end(c->d);
	}
	(void)n;
	for (size_t k = 0; k < col->n_nonsub; k++) {
		ky_doc_cellf(c->d, "%s%s", col->nonsub_label[k], w->nonsub_suffix);
		cell_count(c, col->nonsub_count[0][k]);
		ky_doc_row_end(c->d);
	}
	ky_doc_cell(c->d, w->no_answer);
	cell_count(c, t->n_missing);
	ky_doc_row_end(c->d);
	ky_doc_table_end(c->d);
}

static void other_questions(struct ctx *c)
{
	const struct ky_survey *s = c->s;
	int head = 0;
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *col = &s->col[i];
		if (!ky_column_is_item(col) || col->block != KY_NO_BLOCK)
			continue;
		if (!head++)
			ky_doc_heading(c->d, 2, c->w->sec_other);
		if (col->type == KY_COL_CATEGORICAL) {
			categorical_section(c, col);
			continue;
		}
		ky_doc_headingf(c->d, 3, "%s. %s", col->id, col->header);
		stats_head(c, col);
		for (size_t r = 0; r < c->n_slots; r++)
			stats_row(c, col, &c->slots[r], r ? "" : col->header);
		ky_doc_table_end(c->d);
	}
}

/* Items whose groups differ: the headline rank test with Holm p < 0.05. */
static void differences_section(struct ctx *c)
{
	const struct ky_words *w = c->w;
	if (!c->s->n_groupings)
		return;
	ky_doc_heading(c->d, 2, w->sec_differences);
	ky_doc_para(c->d, w->diff_intro);
	struct ky_buf text = KY_BUF_INIT;
	int shown = 0;
	for (size_t i = 0; i < c->n_cmp; i++) {
		const struct ky_comparison *x = &c->cmp[i];
		if (!headline_test(c->s, x) || x->suppressed || !(x->p_holm < 0.05))
			continue;
		if (!shown++) {
			const char *h[] = { w->col_item, w->col_groups, w->col_test, w->col_p_holm,
					    w->col_effect };
			ky_doc_table_begin(c->d, 5, h, "lllrl");
		}
		comparison_row(c, x, comparison_label(c, x, &text));
	}
	if (shown) {
		ky_doc_table_end(c->d);
		ky_doc_para(c->d, w->diff_more);
	} else {
		ky_doc_para(c->d, w->diff_none);
	}
	ky_buf_release(&text);
}

static void scales_section(struct ctx *c)
{
	const struct ky_survey *s = c->s;
	const struct ky_words *w = c->w;
	int head = 0;
	struct ky_buf label = KY_BUF_INIT;
	for (size_t b = 0; b < s->n_blocks; b++) {
		const struct ky_block *bl = &s->block[b];
		const struct ky_block_scale *r = bl->scale;
		if (!r)
			continue;
		if (!head++) {
			ky_doc_heading(c->d, 2, w->sec_scales);
			ky_doc_para(c->d, w->scales_intro);
			const char *h[] = { w->col_block, w->col_items, w->col_complete, w->col_alpha,
					    w->col_alpha_std, w->col_reversed };
			ky_doc_table_begin(c->d, 6, h, "lrrrrl");
		}
		ky_doc_cell(c->d, ky_block_label(s, bl, &label));
		ky_doc_cellf(c->d, "%zu", bl->n_items);
		if (r->suppressed && r->suppressed[0]) {
			ky_doc_cell(c->d, w->suppressed);
			ky_doc_row_end(c->d);
			continue;
		}
		cell_count(c, r->n_complete);
		cell_num(c, r->alpha, 2);
		cell_num(c, r->alpha_std, 2);
		struct ky_buf rev = KY_BUF_INIT;
		for (size_t k = 0; k < bl->n_items; k++)
			if (s->col[bl->items[k]].reversed)
				ky_buf_addf(&rev, "%s%s", rev.len ? ", " : "", s->col[bl->items[k]].id);
		ky_doc_cell(c->d, rev.len ? rev.buf : "–");
		ky_buf_release(&rev);
		ky_doc_row_end(c->d);
	}
	if (head)
		ky_doc_table_end(c->d);
	ky_buf_release(&label);
}

static void choices_section(struct ctx *c)
{
	const struct ky_survey *s = c->s;
	const struct ky_words *w = c->w;
	for (size_t i = 0; i < s->n_choices; i++) {
		const struct ky_choice *q = &s->choice[i];
		int rank = q->kind == KY_CHOICE_RANKING;
		ky_doc_headingf(c->d, 2, "%s: %s", rank ? w->sec_ranking : w->sec_multiselect,
				q->title);
		ky_doc_para(c->d, rank ? w->ranking_intro : w->multiselect_intro);
		other_answers_note(c, q->first_col, q->n_cols);
		image(c, KY_ABOUT_CHOICE, i, q->title);
		if (rank) {
			const char *h[] = { w->col_group, w->col_option, w->col_ranked_pct,
					    w->col_mean_rank, w->col_borda };
			ky_doc_table_begin(c->d, 5, h, "llrrr");
		} else {
			const char *h[] = { w->col_group, w->col_option, w->col_n, w->col_pct_resp };
			ky_doc_table_begin(c->d, 4, h, "llrr");
		}
		size_t *order = ky_choice_order(q);
		for (size_t k = 0; k < c->n_slots; k++) {
			size_t sl = c->slots[k].slot;
			uint64_t n = q->n_respondents[sl];
			for (size_t j = 0; j < q->n_options; j++) {
				size_t o = order[j];
				ky_doc_cell(c->d, slot_name(c, &c->slots[k]));
				ky_doc_cell(c->d, q->option[o]);
				if (q->suppressed[sl]) {
					ky_doc_cell(c->d, w->suppressed);
				} else if (!rank) {
					cell_count(c, q->count[sl][o]);
					cell_num(c, n ? 100.0 * (double)q->count[sl][o] / (double)n : NAN, 1);
				} else {
					double mean_rank;
					uint64_t ranked = ky_choice_ranked(q, sl, o, &mean_rank);
					cell_num(c, n ? 100.0 * (double)ranked / (double)n : NAN, 1);
					cell_num(c, mean_rank, 2);
					cell_count(c, ky_choice_borda(q, sl, o));
				}
				ky_doc_row_end(c->d);
			}
		}
		ky_doc_table_end(c->d);
		free(order);
	}
}

static void nps_section(struct ctx *c)
{
	const struct ky_survey *s = c->s;
	const struct ky_words *w = c->w;
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *col = &s->col[i];
		if (!col->nps)
			continue;
		ky_doc_headingf(c->d, 2, "%s: %s", w->sec_nps, col->header);
		ky_doc_para(c->d, w->nps_intro);
		image(c, KY_ABOUT_NPS, i, col->header);
		const char *h[] = { w->col_group, w->col_n, w->col_promoters, w->col_passives,
				    w->col_detractors, w->col_nps, w->col_ci };
		ky_doc_table_begin(c->d, 7, h, "lrrrrrr");
		for (size_t k = 0; k < c->n_slots; k++) {
			ky_doc_cell(c->d, slot_name(c, &c->slots[k]));
			if (ky_survey_suppressed(col, c->slots[k].slot)) {
				ky_doc_cell(c->d, w->suppressed);
				ky_doc_row_end(c->d);
				continue;
			}
			uint64_t grp[3];
			struct ky_nps x;
			ky_report_nps(col, c->slots[k].slot, grp, &x);
			cell_count(c, x.n);
			for (int g = 2; g >= 0; g--)
				cell_num(c, x.n ? 100.0 * (double)grp[g] / (double)x.n : NAN, 1);
			cell_num(c, x.score, 1);
			cell_interval(c, x.ci_low, x.ci_high, 1);
			ky_doc_row_end(c->d);
		}
		ky_doc_table_end(c->d);
	}
}

/* ---- open answers ---------------------------------------------------- */

static void open_answer(struct ctx *c, const struct ky_column *col, size_t v, uint64_t count)
{
	ky_doc_item_begin(c->d);
	if (c->o->mask)
		ky_doc_text(c->d, ky_report_masked(c->masked, (size_t)(col - c->s->col), v));
	else
		ky_doc_text(c->d, ky_column_value(col, v));
	if (count > 1) {
		char n[32] = " (×";
		size_t k = strlen(n);
		k += ky_fmt_u64(n + k, count);
		memcpy(n + k, ")", 2);
		ky_doc_text(c->d, n);
	}
	ky_doc_item_end(c->d);
}

/* The terms of an open question: the chart, a table of the ten most
 * mentioned per group (everybody and the first grouping's groups), and up
 * to three quotes per group (the examples of its first terms). */
static void open_terms(struct ctx *c, const struct ky_column *col)
{
	const struct ky_words *w = c->w;
	const struct ky_term_question *q = ky_terms_for(c->o->terms, (size_t)(col - c->s->col));
	if (!q)
		return;
	int any = 0;
	for (size_t g = 0; g < q->n_groups; g++)
		any |= q->group[g].n_terms > 0;
	ky_doc_para(c->d, w->terms_intro);
	if (!c->o->terms->voikko)
		ky_doc_para(c->d, w->terms_snowball);
	if (!any) {
		ky_doc_para(c->d, w->terms_none);
		return;
	}
	image(c, KY_ABOUT_TERMS, (size_t)(col - c->s->col), col->header);
	const char *h[] = { w->col_group, w->col_term, w->col_answers, w->col_pct_answers };
	ky_doc_table_begin(c->d, 4, h, "llrr");
	for (size_t g = 0; g < q->n_groups; g++) {
		const struct ky_term_group *gt = &q->group[g];
		if (gt->g != (size_t)-1 && gt->g != 0)
			continue;
		const char *name = gt->g == (size_t)-1 ? w->all : gt->group;
		if (gt->hidden) {
			ky_doc_cell(c->d, name);
			ky_doc_cell(c->d, w->suppressed);
			ky_doc_row_end(c->d);
			continue;
		}
		for (size_t k = 0; k < gt->n_terms && k < 10; k++) {
			ky_doc_cell(c->d, k ? "" : name);
			ky_doc_cell(c->d, gt->term[k].term);
			cell_count(c, gt->term[k].n_answers);
			cell_num(c, gt->term[k].pct_answers, 0);
			ky_doc_row_end(c->d);
		}
	}
	ky_doc_table_end(c->d);
	ky_doc_para_begin(c->d);
	ky_doc_strong(c->d, w->quotes);
	ky_doc_para_end(c->d);
	for (size_t g = 0; g < q->n_groups; g++) {
		const struct ky_term_group *gt = &q->group[g];
		if ((gt->g != (size_t)-1 && gt->g != 0) || gt->hidden || !gt->n_terms)
			continue;
		const char *shown[3];
		size_t n = ky_terms_quotes(gt, shown);
		for (size_t j = 0; j < n; j++) {
			ky_doc_item_begin(c->d);
			ky_doc_em(c->d, gt->g == (size_t)-1 ? w->all : gt->group);
			ky_doc_text(c->d, ": ");
			ky_doc_text(c->d, w->quote_open);
			ky_doc_text(c->d, shown[j]);
			ky_doc_text(c->d, w->quote_close);
			ky_doc_item_end(c->d);
		}
	}
	ky_doc_para_begin(c->d);
	ky_doc_strong(c->d, w->all_answers);
	ky_doc_para_end(c->d);
}

/* Answers of the shown groups of the first grouping, each group's in input
 * order; answers of hidden groups and of respondents without a group are
 * pooled, and listed only when the pool itself is not small. */
static void open_section(struct ctx *c, const struct ky_column *col)
{
	const struct ky_survey *s = c->s;
	size_t nv = ky_column_n_values(col);
	ky_doc_headingf(c->d, 3, "%s. %s", col->id, col->header);
	if (col->other_of != KY_NO_BLOCK) {   /* "Muu, mikä?" of a choice question */
		const char *qid = ky_survey_question_id(s, col->other_of);
		const char *qtext = s->col[col->other_of].header;
		for (size_t i = 0; i < s->n_choices; i++)
			if (!strcmp(s->choice[i].id, qid) && s->choice[i].title)
				qtext = s->choice[i].title;
		ky_doc_para_begin(c->d);
		ky_doc_textf(c->d, c->w->other_answers_of, qid, qtext);
		ky_doc_para_end(c->d);
	}
	if (c->mask_failed) {
		ky_doc_para(c->d, c->mask_failed);
		return;
	}
	open_terms(c, col);
	if (!s->n_groupings) {
		for (size_t v = 0; v < nv; v++)
			open_answer(c, col, v, col->slot[0].count[v]);
	} else {
		const struct ky_grouping *gr = &s->grouping[0];
		uint64_t *rest = ky_xcalloc(nv + 1, sizeof(uint64_t)), n_rest = 0;
		for (size_t v = 0; v < nv; v++)
			rest[v] = col->slot[0].count[v];
		for (size_t i = 0; i < gr->n_groups; i++) {
			size_t sl = ky_survey_slot(s, 0, gr->order[i]);
			if (sl >= col->slot_cap || ky_survey_suppressed(col, sl))
				continue;
			const struct ky_vslot *vs = &col->slot[sl];
			int head = 0;
			for (size_t v = 0; v < nv && v < vs->cap; v++) {
				if (!vs->count[v])
					continue;
				rest[v] -= vs->count[v];
				if (!head++) {
					ky_doc_para_begin(c->d);
					ky_doc_strong(c->d, ky_survey_group_name(s, 0, gr->order[i]));
					ky_doc_para_end(c->d);
				}
				open_answer(c, col, v, vs->count[v]);
			}
		}
		for (size_t v = 0; v < nv; v++)
			n_rest += rest[v];
		if (n_rest && (s->min_n == 0 || n_rest >= s->min_n)) {
			ky_doc_para_begin(c->d);
			ky_doc_strong(c->d, c->w->others);
			ky_doc_para_end(c->d);
			for (size_t v = 0; v < nv; v++)
				if (rest[v])
					open_answer(c, col, v, rest[v]);
		} else if (n_rest) {
			ky_doc_para_begin(c->d);
			ky_doc_textf(c->d, c->w->open_hidden, (unsigned long long)n_rest);
			ky_doc_para_end(c->d);
		}
		free(rest);
	}
	if (col->n_overflow) {
		ky_doc_para_begin(c->d);
		ky_doc_textf(c->d, c->w->open_more, (unsigned long long)col->n_overflow,
			     KY_MAX_DISTINCT);
		ky_doc_para_end(c->d);
	}
}

static void open_answers(struct ctx *c)
{
	int head = 0;
	for (size_t i = 0; i < c->s->n_columns; i++) {
		if (c->s->col[i].type != KY_COL_OPEN)
			continue;
		if (!head++) {
			ky_doc_heading(c->d, 2, c->w->sec_open);
			ky_doc_para_begin(c->d);
			ky_doc_text(c->d, c->w->open_intro);
			ky_doc_text(c->d, " ");
			ky_doc_text(c->d, c->o->mask ? c->w->open_masked : c->w->open_unmasked);
			ky_doc_para_end(c->d);
		}
		open_section(c, &c->s->col[i]);
	}
}

/* The masked answers when O has none: computed here; when that fails the
 * answers are not listed (names must not be shown unmasked). */
static void need_masked(struct ctx *c, struct ky_error *err)
{
	c->masked = c->o->masked;
	if (!c->o->mask || c->masked)
		return;
	for (size_t i = 0; i < c->s->n_columns; i++)
		if (c->s->col[i].type == KY_COL_OPEN) {
			c->masked = c->own_masked = ky_report_mask_answers(c->s, c->o->lang, err);
			if (!c->masked)
				c->mask_failed = err->msg;
			return;
		}
}

/* ---- front and back matter ------------------------------------------- */

/* Margin variables joined with ", ". */
static void margin_names(const struct ky_weighting *wt, struct ky_buf *out)
{
	for (size_t m = 0; m < wt->n_margins; m++)
		ky_buf_addf(out, "%s%s", m ? ", " : "", wt->margin[m].name);
}

/* Where the weights come from, in words. */
static void weight_source(const struct ky_survey *s, const struct ky_words *w, struct ky_buf *out)
{
	const struct ky_weighting *wt = s->weighting;
	struct ky_buf names = KY_BUF_INIT;
	margin_names(wt, &names);
	if (wt->n_margins && wt->column_name)
		ky_buf_addf(out, w->weights_raked_base, wt->column_name, names.buf);
	else if (wt->n_margins)
		ky_buf_addf(out, w->weights_raked, names.buf);
	else
		ky_buf_addf(out, w->weights_column, wt->column_name);
	ky_buf_release(&names);
}

static void front(struct ctx *c)
{
	const struct ky_survey *s = c->s;
	const struct ky_words *w = c->w;
	const char *base = strrchr(s->path, '/');
	base = base ? base + 1 : s->path;
	struct ky_buf names = KY_BUF_INIT;   /* several exports: every one's name */
	ky_buf_adds(&names, base);
	for (size_t k = 1; k < s->n_paths; k++) {
		const char *b = strrchr(s->paths[k], '/');
		ky_buf_addf(&names, ", %s", b ? b + 1 : s->paths[k]);
	}
	if (s->title)   /* the definition's title, else the exports' names */
		ky_doc_heading(c->d, 1, s->title);
	else
		ky_doc_headingf(c->d, 1, "%s: %s", w->title, names.buf);
	ky_buf_release(&names);
	ky_doc_para_begin(c->d);
	if (s->round)
		ky_doc_textf(c->d, "%s. ", s->round);
	ky_doc_textf(c->d, "%s: ", w->respondents);
	char n[32], rate[48];
	snprintf(n, sizeof(n), "%llu", (unsigned long long)s->n_respondents);
	ky_doc_strong(c->d, n);
	ky_doc_text(c->d, ". ");
	if (s->population && s->population >= s->n_respondents) {
		ky_doc_textf(c->d, "%s: %llu, %s ", w->invited, (unsigned long long)s->population,
			     w->response_rate);
		num(c, rate, 100.0 * (double)s->n_respondents / (double)s->population, 1);
		ky_doc_strong(c->d, strcat(rate, " %"));
		ky_doc_text(c->d, ". ");
	}
	ky_doc_textf(c->d, "%s: %s, %s%s%s.", w->input, s->encoding,
		     s->delimiter == '\t' ? w->sep_tab : s->delimiter == ';' ? w->sep_semicolon
		     : s->delimiter == '|' ? w->sep_pipe : w->sep_comma,
		     s->bom ? ", " : "", s->bom ? w->with_bom : "");
	ky_doc_para_end(c->d);
	for (size_t g = 0; g < s->n_groupings; g++) {
		const struct ky_grouping *gr = &s->grouping[g];
		ky_doc_para_begin(c->d);
		ky_doc_textf(c->d, "%s ", w->groups_by);
		ky_doc_em(c->d, gr->name);
		ky_doc_text(c->d, ": ");
		unsigned char *hide = ky_xcalloc(gr->n_groups + 1, 1);
		ky_grouping_hidden(s, g, hide);
		for (size_t i = 0; i < gr->n_groups; i++) {
			ky_doc_textf(c->d, "%s%s ", i ? ", " : "",
				     ky_survey_group_name(s, g, gr->order[i]));
			if (hide[i])
				ky_doc_text(c->d, w->suppressed);
			else
				ky_doc_textf(c->d, "%llu", (unsigned long long)gr->n_respondents[gr->order[i]]);
		}
		if (gr->n_empty && hide[gr->n_groups])
			ky_doc_textf(c->d, "; %s: %s", w->no_group, w->suppressed);
		else if (gr->n_empty)
			ky_doc_textf(c->d, "; %s: %llu", w->no_group, (unsigned long long)gr->n_empty);
		free(hide);
		ky_doc_text(c->d, ".");
		ky_doc_para_end(c->d);
	}
	if (s->weighting) {
		struct ky_buf src = KY_BUF_INIT;
		weight_source(s, w, &src);
		ky_doc_para_begin(c->d);
		ky_doc_textf(c->d, w->weighted_front, src.buf);
		ky_doc_para_end(c->d);
		ky_buf_release(&src);
	}
	const struct ky_audience *A = s->audience;
	if (!A)
		return;
	/* several audiences: what each was asked (the statements' items say
	 * only the statement) */
	ky_doc_para_begin(c->d);
	ky_doc_textf(c->d, "%s (%s): ", w->audiences_asked,
		     A->blocks ? w->audiences_blocks : w->audiences_exports);
	for (size_t a = 0; a < A->n; a++) {
		ky_doc_textf(c->d, "%s", a ? "; " : "");
		ky_doc_em(c->d, A->name[a]);
		ky_doc_textf(c->d, " \xE2\x80\x93 %s", A->question[a] ? A->question[a] : A->source[a]);
	}
	const char *last = A->question[A->n - 1] ? A->question[A->n - 1] : A->source[A->n - 1];
	if (!*last || !strchr("?.!", last[strlen(last) - 1]))
		ky_doc_text(c->d, ".");
	ky_doc_para_end(c->d);
}

static void weighting_method(struct ctx *c)
{
	const struct ky_weighting *wt = c->s->weighting;
	const struct ky_words *w = c->w;
	ky_doc_para(c->d, w->method_weights);
	if (wt->n_margins) {
		struct ky_buf names = KY_BUF_INIT;
		margin_names(wt, &names);
		ky_doc_para_begin(c->d);
		ky_doc_textf(c->d, w->method_raking, names.buf, wt->iterations);
		ky_doc_para_end(c->d);
		ky_buf_release(&names);
	}
	char a[48], b[48], d[48], e[48];
	double n = (double)c->s->n_respondents;
	num(c, a, wt->min_w, 3);
	num(c, b, wt->max_w, 3);
	num(c, d, n * wt->sum_w2 / (wt->sum_w * wt->sum_w), 2);
	num(c, e, wt->sum_w * wt->sum_w / wt->sum_w2, 1);
	ky_doc_para_begin(c->d);
	ky_doc_textf(c->d, w->method_weights_summary, a, b, d, e);
	ky_doc_para_end(c->d);
}

static void back(struct ctx *c)
{
	const struct ky_survey *s = c->s;
	const struct ky_words *w = c->w;
	ky_doc_heading(c->d, 2, w->sec_not_analysed);
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *col = &s->col[i];
		if (ky_column_is_item(col) || col->type == KY_COL_OPEN)
			continue;
		ky_doc_item_begin(c->d);
		ky_doc_textf(c->d, "%s %s: %s", col->id, col->header,
			     col->note ? col->note : ky_coltype_name(col->type));
		ky_doc_item_end(c->d);
	}
	if (s->n_warnings) {
		ky_doc_heading(c->d, 2, w->sec_warnings);
		for (size_t i = 0; i < s->n_warnings; i++) {
			ky_doc_item_begin(c->d);
			ky_doc_text(c->d, s->warning[i]);
			ky_doc_item_end(c->d);
		}
	}
	ky_doc_heading(c->d, 2, w->sec_method);
	for (size_t i = 0; i < sizeof(w->method) / sizeof(w->method[0]); i++)
		ky_doc_para(c->d, w->method[i]);
	ky_doc_para_begin(c->d);
	if (s->min_n)
		ky_doc_textf(c->d, w->method_suppression, s->min_n);
	else
		ky_doc_text(c->d, w->method_no_suppression);
	ky_doc_para_end(c->d);
	if (s->weighting)
		weighting_method(c);
	ky_doc_para_begin(c->d);
	ky_doc_textf(c->d, "%s: %llu. ", w->respondents, (unsigned long long)s->n_respondents);
	ky_doc_em(c->d, w->generated_by);
	ky_doc_para_end(c->d);
}

void ky_report_document(const struct ky_survey *s, const struct ky_report_opts *o,
			struct ky_doc *d)
{
	struct ctx c = { .s = s, .o = o, .w = ky_words(o->lang), .d = d };
	c.n_slots = ky_report_slots(s, &c.slots);
	if (o->has_cmp) {
		c.cmp = o->cmp;
		c.n_cmp = o->n_cmp;
	} else {
		c.n_cmp = s->n_groupings ? ky_report_comparisons(s, &c.own_cmp) : 0;
		c.cmp = c.own_cmp;
	}
	struct ky_error mask_err;
	ky_error_clear(&mask_err);
	need_masked(&c, &mask_err);
	front(&c);
	struct ky_findings *own = o->findings ? NULL
				  : ky_report_findings(s, c.cmp, c.n_cmp, o->describe, o->lang);
	ky_findings_document(o->findings ? o->findings : own, o->lang, d);
	ky_findings_free(own);
	for (size_t b = 0; b < s->n_blocks; b++)
		block_section(&c, b);
	other_questions(&c);
	differences_section(&c);
	scales_section(&c);
	choices_section(&c);
	nps_section(&c);
	open_answers(&c);
	back(&c);
	ky_doc_end(d);
	free(c.slots);
	free(c.own_cmp);
	ky_report_masked_free(c.own_masked);
}
