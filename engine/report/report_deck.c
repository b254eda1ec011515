/* report_deck.c - the Markdown kysely writes for pandoc to make report.pptx:
 * a title slide (survey, round, respondents, response rate), the key
 * findings, one slide per chart part (charts/slides/, text 12 pt or more),
 * the group differences, open answers per question and group (masked,
 * hidden groups pooled as in the report) and the methods.  Every text from
 * the input is Markdown-escaped by ky_doc, so it stays text on the slides. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ky_doc.h"
#include "ky_report.h"

#define TITLE_CHARS 70         /* a slide title's characters (two lines at 24 pt) */
#define QUOTE_CHARS 400        /* an open answer on a slide; longer ones are cut */
#define SLIDE_CHARS 700        /* text on one slide of findings or quotes */
#define SLIDE_ITEMS 6          /* bullets on one slide */
#define TABLE_ROWS 7           /* rows of a table on one slide */

struct deck {
	const struct ky_survey *s;
	const struct ky_report_opts *o;
	const struct ky_words *w;
	struct ky_doc *d;
	struct ky_buf tmp;
};

/* S cut to at most MAX characters at a character boundary, with "…". */
static const char *cut(struct ky_buf *out, const char *s, size_t max)
{
	ky_buf_reset(out);
	size_t chars = 0;
	const char *p = s;
	for (; *p; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80 && ++chars > max)
			break;
	}
	ky_buf_add(out, s, (size_t)(p - s));
	if (*p)
		ky_buf_adds(out, "…");
	return out->buf;
}

static size_t chars_of(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* "## TITLE" or "## TITLE (K/N)" */
void ky_report_deck_slide(struct ky_doc *d, const char *title, size_t part, size_t n_parts)
{
	struct ky_buf t = KY_BUF_INIT;
	cut(&t, title, TITLE_CHARS);
	if (n_parts > 1)
		ky_buf_addf(&t, " (%zu/%zu)", part, n_parts);
	ky_doc_heading(d, 2, t.buf);
	ky_buf_release(&t);
}

static void slide(struct deck *k, const char *title, size_t part, size_t n_parts)
{
	ky_report_deck_slide(k->d, title, part, n_parts);
}

/* YAML double-quoted scalar of Markdown-escaped S (pandoc reads metadata
 * values as Markdown). */
static void yaml_text(struct ky_buf *out, const char *s)
{
	struct ky_buf md = KY_BUF_INIT;
	ky_md_escape(&md, s);
	ky_buf_addch(out, '"');
	for (const char *p = md.buf; *p; p++) {
		if (*p == '"' || *p == '\\')
			ky_buf_addch(out, '\\');
		ky_buf_addch(out, *p);
	}
	ky_buf_addch(out, '"');
	ky_buf_release(&md);
}

void ky_report_deck_header(struct ky_buf *out, const char *title, const char *subtitle,
			   enum ky_lang lang)
{
	ky_buf_adds(out, "---\ntitle: ");
	yaml_text(out, title);
	ky_buf_adds(out, "\nsubtitle: ");
	yaml_text(out, subtitle);
	ky_buf_addf(out, "\nlang: %s\n---\n\n", ky_words(lang)->code);
}

static void title_slide(struct deck *k, const char *title, struct ky_buf *out)
{
	const struct ky_survey *s = k->s;
	const struct ky_words *w = k->w;
	struct ky_buf sub = KY_BUF_INIT;
	if (s->round)
		ky_buf_addf(&sub, "%s · ", s->round);
	ky_buf_addf(&sub, "%s: %llu", w->respondents, (unsigned long long)s->n_respondents);
	if (s->population && s->population >= s->n_respondents) {
		char rate[48];
		ky_report_fmt_num(k->o->lang, rate, 100.0 * (double)s->n_respondents /
						    (double)s->population, 1);
		ky_buf_addf(&sub, " · %s %s %%", w->response_rate, rate);
	}
	ky_report_deck_header(out, title, sub.buf, k->o->lang);
	ky_buf_release(&sub);
}

/* Bullets over as many slides as they need, titled TITLE (k/n). */
static void bullet_slides(struct deck *k, const char *title, const char *const *items, size_t n)
{
	size_t n_slides = 0, i = 0;
	size_t *start = ky_xcalloc(n + 1, sizeof(size_t));
	while (i < n) {   /* first the cuts, so every slide can say k/n */
		start[n_slides++] = i;
		size_t chars = 0, m = 0;
		while (i < n && m < SLIDE_ITEMS &&
		       (m == 0 || chars + chars_of(items[i]) <= SLIDE_CHARS))
			chars += chars_of(items[i++]), m++;
	}
	start[n_slides] = n;
	for (size_t j = 0; j < n_slides; j++) {
		slide(k, title, j + 1, n_slides);
		for (size_t t = start[j]; t < start[j + 1]; t++) {
			ky_doc_item_begin(k->d);
			ky_doc_text(k->d, items[t]);
			ky_doc_item_end(k->d);
		}
	}
	free(start);
}

static void findings_slides(struct deck *k);

void ky_report_deck_findings(struct ky_doc *d, const struct ky_findings *f, enum ky_lang lang)
{
	struct deck k = { .w = ky_words(lang), .d = d };
	struct ky_report_opts o = { .lang = lang, .findings = f };
	k.o = &o;
	findings_slides(&k);
}

static void findings_slides(struct deck *k)
{
	const struct ky_findings *f = k->o->findings;
	if (!f || !f->n) {
		slide(k, k->w->sec_findings, 1, 1);
		ky_doc_para(k->d, k->w->find_none);
		return;
	}
	const char **items = ky_xcalloc(f->n, sizeof(char *));
	for (size_t i = 0; i < f->n; i++)
		items[i] = f->f[i].text;
	bullet_slides(k, k->w->sec_findings, items, f->n);
	free(items);
}

static const char *chart_title(struct deck *k, const struct ky_chart_file *c, struct ky_buf *t)
{
	const struct ky_survey *s = k->s;
	ky_buf_reset(t);
	switch (c->about) {
	case KY_ABOUT_BLOCK:
	case KY_ABOUT_MEANS: {
		const struct ky_block *b = &s->block[c->index];
		struct ky_buf label = KY_BUF_INIT;
		const char *l = b->title ? b->title : ky_block_label(s, b, &label);
		if (c->about == KY_ABOUT_MEANS)
			ky_buf_addf(t, k->w->means_title, l);
		else
			ky_buf_addf(t, "%s. %s", b->id, l);
		ky_buf_release(&label);
		break;
	}
	case KY_ABOUT_CHOICE:
		ky_buf_adds(t, s->choice[c->index].title ? s->choice[c->index].title
							: s->choice[c->index].id);
		break;
	case KY_ABOUT_NPS:
		ky_buf_adds(t, s->col[c->index].header);
		break;
	case KY_ABOUT_TERMS:
		ky_buf_addf(t, "%s: %s", k->w->sec_open, s->col[c->index].header);
		break;
	}
	return t->buf;
}

static void chart_slides(struct deck *k)
{
	struct ky_buf t = KY_BUF_INIT, rel = KY_BUF_INIT;
	for (size_t i = 0; i < k->o->n_charts; i++) {
		const struct ky_chart_file *c = &k->o->charts[i];
		chart_title(k, c, &t);
		for (size_t p = 0; p < c->n_parts; p++) {
			slide(k, t.buf, p + 1, c->n_parts);
			ky_buf_reset(&rel);
			ky_buf_addf(&rel, "charts/slides/%s.png", c->parts[p]);
			ky_doc_image(k->d, "", rel.buf, rel.buf, "image/png");
		}
	}
	ky_buf_release(&t);
	ky_buf_release(&rel);
}

/* The differences the report lists: the rank test of each item and
 * grouping (Mann-Whitney, Kruskal-Wallis for 3+ groups) with Holm p < 0.05. */
static void differences_slides(struct deck *k)
{
	const struct ky_survey *s = k->s;
	const struct ky_words *w = k->w;
	if (!s->n_groupings)
		return;
	size_t n = 0, *pick = ky_xcalloc(k->o->n_cmp + 1, sizeof(size_t));
	for (size_t i = 0; i < k->o->n_cmp; i++) {
		const struct ky_comparison *x = &k->o->cmp[i];
		enum ky_test_kind want = s->grouping[x->g].n_groups >= 3 ? KY_TEST_KRUSKAL_WALLIS
									  : KY_TEST_MANN_WHITNEY;
		if (x->t.kind == want && !x->suppressed && x->p_holm < 0.05)
			pick[n++] = i;
	}
	if (!n) {
		slide(k, w->sec_differences, 1, 1);
		ky_doc_para(k->d, w->diff_none);
		free(pick);
		return;
	}
	size_t n_slides = (n + TABLE_ROWS - 1) / TABLE_ROWS;
	struct ky_buf text = KY_BUF_INIT, c1 = KY_BUF_INIT;
	for (size_t j = 0; j < n_slides; j++) {
		slide(k, w->sec_differences, j + 1, n_slides);
		const char *h[] = { w->col_item, w->col_groups, w->col_p_holm, w->col_effect };
		ky_doc_table_begin(k->d, 4, h, "llrl");
		for (size_t r = j * TABLE_ROWS; r < n && r < (j + 1) * TABLE_ROWS; r++) {
			const struct ky_comparison *x = &k->o->cmp[pick[r]];
			const char *label;
			if (x->column == (size_t)-1) {   /* a block's scale score */
				struct ky_buf bl = KY_BUF_INIT;
				ky_buf_reset(&text);
				ky_buf_addf(&text, "%s: %s", w->scale_score,
					    ky_block_label(s, &s->block[x->block], &bl));
				ky_buf_release(&bl);
				label = text.buf;
			} else {
				label = s->col[x->column].statement ? s->col[x->column].statement
								    : s->col[x->column].header;
			}
			ky_doc_cell(k->d, cut(&c1, label, 60));
			if (x->a != (size_t)-1)
				ky_doc_cell_parts(k->d, 5, (const char *const[]){ x->group_a, " ", w->vs,
										   " ", x->group_b });
			else
				ky_doc_cell_parts(k->d, 4, (const char *const[]){ w->all_groups, " (",
										   s->grouping[x->g].name, ")" });
			char p[48];
			if (x->p_holm < 0.001)
				ky_doc_cell_parts(k->d, 2, (const char *const[]){
					"< ", ky_report_fmt_num(k->o->lang, p, 0.001, 3) });
			else
				ky_doc_cell(k->d, ky_report_fmt_num(k->o->lang, p, x->p_holm, 3));
			int e = ky_effect_size_class(x->t.kind, x->t.effect);
			char ef[48];
			if (e < 0)
				ky_doc_cell(k->d, "–");
			else
				ky_doc_cell_parts(k->d, 3, (const char *const[]){
					ky_report_fmt_num(k->o->lang, ef, x->t.effect, 2), ": ",
					w->effect_word[e] });
			ky_doc_row_end(k->d);
		}
		ky_doc_table_end(k->d);
	}
	ky_buf_release(&text);
	ky_buf_release(&c1);
	free(pick);
}

/* One open answer as a bullet text: masked as the report is, cut to
 * QUOTE_CHARS, with "(×N)" for repeats. */
static char *quote_text(struct deck *k, const struct ky_column *col, size_t v, uint64_t count)
{
	const struct ky_survey *s = k->s;
	struct ky_buf m = KY_BUF_INIT, c = KY_BUF_INIT;
	const char *text = ky_column_value(col, v);
	if (k->o->mask && k->o->masked) {
		ky_buf_adds(&m, ky_report_masked(k->o->masked, (size_t)(col - s->col), v));
	} else if (k->o->mask) {   /* names cannot be masked here: not shown */
		ky_buf_release(&m);
		ky_buf_release(&c);
		return NULL;
	} else {
		ky_buf_adds(&m, text);
	}
	ky_buf_adds(&c, k->o->lang == KY_LANG_EN ? "“" : "”");
	struct ky_buf q = KY_BUF_INIT;
	ky_buf_adds(&c, cut(&q, m.buf, QUOTE_CHARS));
	ky_buf_release(&q);
	ky_buf_adds(&c, "”");
	if (count > 1)
		ky_buf_addf(&c, " (×%llu)", (unsigned long long)count);
	ky_buf_release(&m);
	return ky_buf_detach(&c, NULL);
}

struct quotes {
	char **text;
	size_t n, cap;
};

static void quotes_add(struct quotes *q, char *t)
{
	if (!t)
		return;
	if (q->n == q->cap) {
		q->cap = q->cap ? 2 * q->cap : 16;
		q->text = ky_xrealloc(q->text, q->cap * sizeof(char *));
	}
	q->text[q->n++] = t;
}

static void quotes_slides(struct deck *k, const struct ky_column *col, const char *group,
			  struct quotes *q)
{
	if (q->n) {
		struct ky_buf t = KY_BUF_INIT, h = KY_BUF_INIT;
		ky_buf_addf(&t, "%s: %s – %s", k->w->sec_open, cut(&h, col->header, 32), group);
		bullet_slides(k, t.buf, (const char *const *)q->text, q->n);
		ky_buf_release(&t);
		ky_buf_release(&h);
	}
	for (size_t i = 0; i < q->n; i++)
		free(q->text[i]);
	q->n = 0;
}

/* The terms of an open question (ky_report_terms): everybody's and the
 * first grouping's groups' most mentioned, then the quotes the report
 * shows (ky_terms_quotes). */
static void terms_slides(struct deck *k, const struct ky_column *col)
{
	const struct ky_words *w = k->w;
	const struct ky_term_question *q = ky_terms_for(k->o->terms, (size_t)(col - k->s->col));
	if (!q)
		return;
	struct ky_buf t = KY_BUF_INIT, h = KY_BUF_INIT, c1 = KY_BUF_INIT;
	ky_buf_addf(&t, "%s: %s – %s", w->sec_open, cut(&h, col->header, 32), w->col_term);
	size_t rows = 0;
	for (size_t g = 0; g < q->n_groups; g++)
		if ((q->group[g].g == (size_t)-1 || q->group[g].g == 0) && !q->group[g].hidden)
			rows += q->group[g].n_terms < 3 ? q->group[g].n_terms : 3;
	size_t n_slides = (rows + TABLE_ROWS - 1) / TABLE_ROWS, done = 0, j = 0;
	for (size_t g = 0; g < q->n_groups; g++) {
		const struct ky_term_group *gt = &q->group[g];
		if ((gt->g != (size_t)-1 && gt->g != 0) || gt->hidden)
			continue;
		for (size_t r = 0; r < gt->n_terms && r < 3; r++, done++) {
			if (done % TABLE_ROWS == 0) {
				if (done)
					ky_doc_table_end(k->d);
				slide(k, t.buf, ++j, n_slides);
				const char *hd[] = { w->col_group, w->col_term, w->col_answers,
						     w->col_pct_answers };
				ky_doc_table_begin(k->d, 4, hd, "llrr");
			}
			ky_doc_cell(k->d, cut(&c1, gt->g == (size_t)-1 ? w->all : gt->group, 30));
			ky_doc_cell(k->d, gt->term[r].term);
			char n[32], p[48];
			snprintf(n, sizeof(n), "%llu", (unsigned long long)gt->term[r].n_answers);
			ky_doc_cell(k->d, n);
			ky_doc_cell(k->d, ky_report_fmt_num(k->o->lang, p, gt->term[r].pct_answers, 0));
			ky_doc_row_end(k->d);
		}
	}
	if (done)
		ky_doc_table_end(k->d);
	struct quotes qs = {0};
	for (size_t g = 0; g < q->n_groups; g++) {
		const struct ky_term_group *gt = &q->group[g];
		if (gt->g != (size_t)-1 && gt->g != 0)
			continue;
		const char *shown[3];
		size_t n = ky_terms_quotes(gt, shown);
		for (size_t j2 = 0; j2 < n; j2++) {
			struct ky_buf b = KY_BUF_INIT, cq = KY_BUF_INIT;
			ky_buf_addf(&b, "%s: %s%s%s", gt->g == (size_t)-1 ? w->all : gt->group,
				    w->quote_open, cut(&cq, shown[j2], QUOTE_CHARS), w->quote_close);
			ky_buf_release(&cq);
			quotes_add(&qs, ky_buf_detach(&b, NULL));
		}
	}
	ky_buf_reset(&t);
	ky_buf_addf(&t, "%s: %s – %s", w->sec_open, cut(&h, col->header, 32), w->quotes);
	if (qs.n)
		bullet_slides(k, t.buf, (const char *const *)qs.text, qs.n);
	for (size_t i = 0; i < qs.n; i++)
		free(qs.text[i]);
	free(qs.text);
	ky_buf_release(&t);
	ky_buf_release(&h);
	ky_buf_release(&c1);
}

/* Per open question its terms (terms_slides), then per shown group of the
 * first grouping its answers; hidden groups and respondents without a
 * group pooled, shown only when the pool reaches the threshold (as the
 * report does). */
static void open_slides(struct deck *k)
{
	const struct ky_survey *s = k->s;
	struct quotes q = {0};
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *col = &s->col[i];
		if (col->type != KY_COL_OPEN)
			continue;
		terms_slides(k, col);
		size_t nv = ky_column_n_values(col);
		if (!s->n_groupings) {
			for (size_t v = 0; v < nv; v++)
				if (col->slot[0].count[v])
					quotes_add(&q, quote_text(k, col, v, col->slot[0].count[v]));
			quotes_slides(k, col, k->w->all, &q);
			continue;
		}
		const struct ky_grouping *gr = &s->grouping[0];
		uint64_t *rest = ky_xcalloc(nv + 1, sizeof(uint64_t)), n_rest = 0;
		for (size_t v = 0; v < nv; v++)
			rest[v] = col->slot[0].count[v];
		for (size_t g = 0; g < gr->n_groups; g++) {
			size_t sl = ky_survey_slot(s, 0, gr->order[g]);
			if (sl >= col->slot_cap || ky_survey_suppressed(col, sl))
				continue;
			const struct ky_vslot *vs = &col->slot[sl];
			for (size_t v = 0; v < nv && v < vs->cap; v++) {
				if (!vs->count[v])
					continue;
				rest[v] -= vs->count[v];
				quotes_add(&q, quote_text(k, col, v, vs->count[v]));
			}
			quotes_slides(k, col, ky_survey_group_name(s, 0, gr->order[g]), &q);
		}
		for (size_t v = 0; v < nv; v++)
			n_rest += rest[v];
		if (n_rest && (s->min_n == 0 || n_rest >= s->min_n)) {
			for (size_t v = 0; v < nv; v++)
				if (rest[v])
					quotes_add(&q, quote_text(k, col, v, rest[v]));
			quotes_slides(k, col, k->w->others, &q);
		}
		free(rest);
	}
	free(q.text);
}

static void method_slides(struct deck *k)
{
	const struct ky_words *w = k->w;
	size_t n = sizeof(w->method) / sizeof(w->method[0]);
	struct ky_buf sup = KY_BUF_INIT;
	if (k->s->min_n)
		ky_buf_addf(&sup, w->method_suppression, k->s->min_n);
	else
		ky_buf_adds(&sup, w->method_no_suppression);
	const char *para[8];
	size_t m = 0;
	for (size_t i = 0; i < n && m < 7; i++)
		para[m++] = w->method[i];
	para[m++] = sup.buf;
	size_t n_slides = (m + 1) / 2;
	for (size_t j = 0; j < n_slides; j++) {
		slide(k, w->sec_method, j + 1, n_slides);
		for (size_t t = 2 * j; t < m && t < 2 * j + 2; t++)
			ky_doc_para(k->d, para[t]);
	}
	ky_buf_release(&sup);
}

void ky_report_deck(const struct ky_survey *s, const struct ky_report_opts *o, const char *title,
		    struct ky_buf *out)
{
	struct ky_doc d;
	struct deck k = { .s = s, .o = o, .w = ky_words(o->lang), .d = &d, .tmp = KY_BUF_INIT };
	title_slide(&k, title, out);
	ky_doc_begin(&d, KY_DOC_MARKDOWN, out, k.w->code, title);
	d.pandoc = 1;
	findings_slides(&k);
	chart_slides(&k);
	differences_slides(&k);
	open_slides(&k);
	method_slides(&k);
	ky_doc_end(&d);
	ky_buf_release(&k.tmp);
}
