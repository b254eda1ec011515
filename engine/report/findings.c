/* findings.c - the key findings in words, chosen by the fixed rules of
 * docs/findings.md: the response rate, per block the items with the highest
 * and the lowest top-2 share, differences between the groups of the first
 * grouping (Mann-Whitney, Holm p < 0.05), items with 30 % or more
 * non-substantive answers; for compare, changes with Holm p < 0.05.  The same
 * list goes first into the reports, onto slide 2 and into summary.json. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ky_doc.h"
#include "ky_report.h"
#include "ky_rounds.h"
#include "ky_stats.h"

struct fctx {
	enum ky_lang lang;
	const struct ky_words *w;
	struct ky_findings *out;
};

/* X with DECIMALS decimals, decimal comma unless English, typographic minus. */
const char *ky_report_fmt_num(enum ky_lang lang, char buf[48], double x, int decimals)
{
	if (!isfinite(x))
		return "–";
	int len = (int)ky_fmt_fixed(buf, 48, x == 0 ? 0.0 : x, decimals);
	if (len < 0 || len > 44)
		snprintf(buf, 48, "%.6g", x);
	if (lang != KY_LANG_EN)
		for (char *p = buf; *p; p++)
			if (*p == '.')
				*p = ',';
	if (buf[0] == '-' && strspn(buf + 1, "0.,") == strlen(buf + 1))
		memmove(buf, buf + 1, strlen(buf));
	if (buf[0] == '-') {
		memmove(buf + 3, buf + 1, strlen(buf));
		memcpy(buf, "−", 3);
	}
	return buf;
}

static const char *fpct(enum ky_lang lang, char buf[48], double x)
{
	ky_report_fmt_num(lang, buf, x, 1);
	strcat(buf, lang == KY_LANG_EN ? "%" : " %");
	return buf;
}

/* "= 0,012" or "< 0,001" */
static const char *fp(enum ky_lang lang, char buf[56], double p)
{
	char n[48];
	snprintf(buf, 56, "%s %s", p < 0.001 ? "<" : "=", ky_report_fmt_num(lang, n, p < 0.001 ? 0.001 : p, 3));
	return buf;
}

/* Cut-offs of docs/statistics.md: 0 negligible, 1 small, 2 medium, 3 large. */
int ky_effect_size_class(enum ky_test_kind kind, double effect)
{
	static const double cut[][3] = {
		[KY_TEST_MANN_WHITNEY] = { 0.1, 0.3, 0.5 },     /* rank-biserial r */
		[KY_TEST_WELCH_T] = { 0.2, 0.5, 0.8 },          /* Cohen's d */
		[KY_TEST_KRUSKAL_WALLIS] = { 0.01, 0.08, 0.26 },/* epsilon squared */
		[KY_TEST_CHI_SQUARE] = { 0.1, 0.3, 0.5 },       /* Cramer's V */
		[KY_TEST_FISHER_EXACT] = { 0.1, 0.3, 0.5 },
	};
	double e = fabs(effect);
	if (!isfinite(e))
		return -1;
	int k = 0;
	while (k < 3 && e >= cut[kind][k])
		k++;
	return k;
}

static const char *fcount(char buf[24], uint64_t v)
{
	ky_fmt_u64(buf, v);
	return buf;
}

static struct ky_finding *add(struct fctx *c, const char *kind, const char *item_id)
{
	struct ky_findings *f = c->out;
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 16;
		f->f = ky_xrealloc(f->f, f->cap * sizeof(*f->f));
	}
	struct ky_finding *x = &f->f[f->n++];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->item_id = item_id;
	return x;
}

static void set_text(struct ky_finding *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void set_text(struct ky_finding *x, const char *fmt, ...)
{
	struct ky_buf b = KY_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ky_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	x->text = ky_buf_detach(&b, NULL);
}

static void num_field(struct ky_finding *x, const char *key, double v)
{
	if (x->n_fields < KY_FINDING_FIELDS)
		x->field[x->n_fields++] = (struct ky_finding_field){ key, NULL, v, 0 };
}

static void count_field(struct ky_finding *x, const char *key, uint64_t v)
{
	if (x->n_fields < KY_FINDING_FIELDS)
		x->field[x->n_fields++] = (struct ky_finding_field){ key, NULL, (double)v, 1 };
}

static void str_field(struct ky_finding *x, const char *key, const char *s)
{
	if (x->n_fields < KY_FINDING_FIELDS)
		x->field[x->n_fields++] = (struct ky_finding_field){ key, s ? s : "", NAN, 0 };
}

static const char *item_label(const struct ky_column *col)
{
	return col->statement ? col->statement : col->header;
}

static void response_rate(struct fctx *c, const struct ky_survey *s)
{
	if (!s->population || s->population < s->n_respondents)
		return;
	double rate = 100.0 * (double)s->n_respondents / (double)s->population;
	char a[48], b[24], d[24];
	struct ky_finding *x = add(c, "response_rate", NULL);
	set_text(x, c->w->find_rate, fpct(c->lang, a, rate), fcount(b, s->n_respondents),
		 fcount(d, s->population));
	num_field(x, "rate_pct", rate);
	count_field(x, "respondents", s->n_respondents);
	count_field(x, "population", s->population);
}

static void extreme(struct fctx *c, const struct ky_survey *s, const struct ky_block *bl,
		    size_t col, const struct ky_describe *d, int lowest)
{
	const struct ky_column *cc = &s->col[col];
	char t2[48], m[48], lo[48], hi[48], n[24];
	struct ky_buf label = KY_BUF_INIT;
	const char *block = bl->title ? bl->title : ky_block_label(s, bl, &label);
	struct ky_finding *x = add(c, lowest ? "lowest_top2" : "highest_top2", cc->id);
	set_text(x, lowest ? c->w->find_lowest : c->w->find_highest, block, item_label(cc),
		 fpct(c->lang, t2, d->top2_pct), ky_report_fmt_num(c->lang, m, d->mean, 2),
		 ky_report_fmt_num(c->lang, lo, d->mean_ci_low, 2), ky_report_fmt_num(c->lang, hi, d->mean_ci_high, 2),
		 fcount(n, d->n_valid));
	ky_buf_release(&label);
	str_field(x, "block", bl->id);
	num_field(x, "top2_pct", d->top2_pct);
	num_field(x, "mean", d->mean);
	num_field(x, "mean_ci_low", d->mean_ci_low);
	num_field(x, "mean_ci_high", d->mean_ci_high);
	count_field(x, "n", d->n_valid);
}

/* Per block: the items with the highest and the lowest top-2 share of all
 * respondents (the first in block order on a tie; one finding when they are
 * the same item). */
static void block_extremes(struct fctx *c, const struct ky_survey *s,
			   struct ky_describe_cache *cache)
{
	for (size_t b = 0; b < s->n_blocks; b++) {
		const struct ky_block *bl = &s->block[b];
		size_t hi = (size_t)-1, lo = (size_t)-1;
		struct ky_describe dh = {0}, dl = {0};
		for (size_t i = 0; i < bl->n_items; i++) {
			size_t col = bl->items[i];
			if (ky_survey_suppressed(&s->col[col], 0))
				continue;
			struct ky_describe d;
			ky_report_describe(cache, s, col, 0, &d);
			if (!isfinite(d.top2_pct))
				continue;
			if (hi == (size_t)-1 || d.top2_pct > dh.top2_pct)
				hi = col, dh = d;
			if (lo == (size_t)-1 || d.top2_pct < dl.top2_pct)
				lo = col, dl = d;
		}
		if (hi == (size_t)-1)
			continue;
		extreme(c, s, bl, hi, &dh, 0);
		if (lo != hi)
			extreme(c, s, bl, lo, &dl, 1);
	}
}

/* Mann-Whitney pairs of the first grouping with Holm p < 0.05: the items'
 * and the scale scores', in the order of comparisons.csv. */
static void differences(struct fctx *c, const struct ky_survey *s, const struct ky_comparison *cmp,
			size_t n_cmp, struct ky_describe_cache *cache)
{
	struct ky_buf text = KY_BUF_INIT;
	for (size_t i = 0; i < n_cmp; i++) {
		const struct ky_comparison *x = &cmp[i];
		if (x->g != 0 || x->t.kind != KY_TEST_MANN_WHITNEY || x->suppressed ||
		    x->a == (size_t)-1 || !(x->p_holm < 0.05))
			continue;
		int a_higher = x->t.effect > 0;
		const char *higher = a_higher ? x->group_a : x->group_b;
		const char *lower = a_higher ? x->group_b : x->group_a;
		int k = ky_effect_size_class(x->t.kind, x->t.effect);
		const char *label;
		if (x->column == (size_t)-1) {   /* a block's scale score */
			struct ky_buf bl = KY_BUF_INIT;
			ky_buf_reset(&text);
			ky_buf_addf(&text, "%s: %s", c->w->scale_score,
				    ky_block_label(s, &s->block[x->block], &bl));
			ky_buf_release(&bl);
			label = text.buf;
		} else {
			label = item_label(&s->col[x->column]);
		}
		char p[56], r[48];
		struct ky_finding *f = add(c, "difference", ky_comparison_id(s, x));
		struct ky_buf b = KY_BUF_INIT;
		ky_buf_addf(&b, c->w->find_diff, label, higher, lower, fp(c->lang, p, x->p_holm),
			    k >= 0 ? c->w->effect_word[k] : "–", ky_report_fmt_num(c->lang, r, fabs(x->t.effect), 2));
		double ma = NAN, mb = NAN;
		if (x->column != (size_t)-1) {
			const struct ky_grouping *gr = &s->grouping[x->g];
			struct ky_describe da, db;
			ky_report_describe(cache, s, x->column,
					   ky_survey_slot(s, x->g, gr->order[x->a]), &da);
			ky_report_describe(cache, s, x->column,
					   ky_survey_slot(s, x->g, gr->order[x->b]), &db);
			ma = da.mean, mb = db.mean;
			char m1[48], m2[48];
			if (isfinite(ma) && isfinite(mb))
				ky_buf_addf(&b, c->w->find_diff_means,
					    ky_report_fmt_num(c->lang, m1, a_higher ? ma : mb, 2),
					    ky_report_fmt_num(c->lang, m2, a_higher ? mb : ma, 2));
		}
		f->text = ky_buf_detach(&b, NULL);
		str_field(f, "grouping", s->grouping[x->g].name);
		str_field(f, "group_a", x->group_a);
		str_field(f, "group_b", x->group_b);
		str_field(f, "higher", higher);
		num_field(f, "mean_a", ma);
		num_field(f, "mean_b", mb);
		num_field(f, "p_holm", x->p_holm);
		num_field(f, "effect", x->t.effect);
		str_field(f, "effect_name", "rank_biserial");
		str_field(f, "effect_size", k >= 0 ? (const char *[]){ "negligible", "small", "medium",
								       "large" }[k] : "");
	}
	ky_buf_release(&text);
}

/* Items whose non-substantive answers are 30 % or more of their answers
 * (all respondents; answers = substantive + non-substantive). */
static void nonsubstantive(struct fctx *c, const struct ky_survey *s)
{
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *col = &s->col[i];
		if (!ky_column_is_item(col) || !col->n_nonsub || ky_survey_suppressed(col, 0))
			continue;
		const struct ky_tally *t = &col->tally[0];
		uint64_t ns = t->n_nonsubstantive, answers = ky_tally_n(t) + ns;
		if (!answers || 10 * ns < 3 * answers)
			continue;
		struct ky_buf labels = KY_BUF_INIT;
		for (size_t k = 0; k < col->n_nonsub; k++)
			if (col->nonsub_count[0][k]) {
				if (labels.len)
					ky_buf_adds(&labels, " / ");
				ky_buf_adds(&labels, col->nonsub_label[k]);
			}
		double pct = 100.0 * (double)ns / (double)answers;
		char a[48], b[24], d[24];
		struct ky_finding *f = add(c, "nonsubstantive", col->id);
		set_text(f, c->w->find_nonsub, item_label(col), fpct(c->lang, a, pct), labels.buf,
			 fcount(b, ns), fcount(d, answers));
		ky_buf_release(&labels);
		num_field(f, "pct_of_answers", pct);
		count_field(f, "n_nonsubstantive", ns);
		count_field(f, "n_answers", answers);
	}
}

struct ky_findings *ky_report_findings(const struct ky_survey *s, const struct ky_comparison *cmp,
				       size_t n_cmp, struct ky_describe_cache *cache,
				       enum ky_lang lang)
{
	struct fctx c = { lang, ky_words(lang), ky_xcalloc(1, sizeof(struct ky_findings)) };
	response_rate(&c, s);
	block_extremes(&c, s, cache);
	if (s->n_groupings)
		differences(&c, s, cmp, n_cmp, cache);
	nonsubstantive(&c, s);
	return c.out;
}

struct ky_findings *ky_rounds_findings(const struct ky_rounds *r, const struct ky_change *ch,
				       size_t n, enum ky_lang lang)
{
	struct fctx c = { lang, ky_words(lang), ky_xcalloc(1, sizeof(struct ky_findings)) };
	for (size_t i = 0; i < n; i++) {
		const struct ky_change *x = &ch[i];
		if (x->suppressed || x->absent || !(x->p_holm < 0.05) || !isfinite(x->diff))
			continue;
		const struct ky_column *col = ky_rounds_latest(r, x->line);
		const char *ra = r->round[r->pair[x->pair][0]].name;
		const char *rb = r->round[r->pair[x->pair][1]].name;
		char a[48], b[48], p[56];
		struct ky_finding *f = add(&c, "change", col->id);
		set_text(f, c.w->find_change, item_label(col),
			 strcmp(x->group, "*") ? x->group : c.w->all,
			 x->diff > 0 ? c.w->find_rose : c.w->find_fell, ky_report_fmt_num(lang, a, x->mean_a, 2),
			 ky_report_fmt_num(lang, b, x->mean_b, 2), ra, rb, fp(lang, p, x->p_holm));
		str_field(f, "grouping", x->grouping == (size_t)-1 ? "*"
					 : r->grouping[x->grouping].name);
		str_field(f, "group", x->group);
		str_field(f, "round_a", ra);
		str_field(f, "round_b", rb);
		str_field(f, "direction", x->diff > 0 ? "up" : "down");
		num_field(f, "mean_a", x->mean_a);
		num_field(f, "mean_b", x->mean_b);
		num_field(f, "diff", x->diff);
		num_field(f, "p_holm", x->p_holm);
		num_field(f, "effect", x->mw.effect);
	}
	return c.out;
}

void ky_findings_free(struct ky_findings *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		free(f->f[i].text);
	free(f->f);
	free(f);
}

void ky_findings_document(const struct ky_findings *f, enum ky_lang lang, struct ky_doc *d)
{
	const struct ky_words *w = ky_words(lang);
	ky_doc_heading(d, 2, w->sec_findings);
	if (!f || !f->n) {
		ky_doc_para(d, w->find_none);
		return;
	}
	for (size_t i = 0; i < f->n; i++) {
		ky_doc_item_begin(d);
		ky_doc_text(d, f->f[i].text);
		ky_doc_item_end(d);
	}
}
