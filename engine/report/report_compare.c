/* report_compare.c - which tests run for which item and grouping, and the
 * p-value adjustment across the items of a block. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ky_buf.h"
#include "ky_compare.h"
#include "ky_report.h"

const char *ky_block_label(const struct ky_survey *s, const struct ky_block *b,
			   struct ky_buf *buf)
{
	if (b->title)
		return b->title;
	ky_buf_reset(buf);
	ky_buf_addf(buf, "Items %s\xE2\x80\x93%s", s->col[b->items[0]].id,
		    s->col[b->items[b->n_items - 1]].id);
	return buf->buf;
}

#define NO_GROUP ((size_t)-1)

struct rows {
	struct ky_comparison *v;
	size_t n, cap;
};

/* What is tested: an item (its column) or a block's scale score. */
struct unit {
	size_t column, block;
	const struct ky_tally *tally;      /* [n_slots] */
	const unsigned char *hidden;       /* [n_slots] or NULL */
	const double *value;
	int ordinal, chi;
};

static struct ky_comparison *add(struct rows *r, const struct ky_survey *s,
				 const struct unit *u, size_t g, size_t a, size_t b)
{
	ky_xgrow((void **)&r->v, &r->cap, r->n + 1, sizeof(*r->v));
	struct ky_comparison *c = &r->v[r->n++];
	memset(c, 0, sizeof(*c));
	const struct ky_grouping *gr = &s->grouping[g];
	c->column = u->column;
	c->block = u->block;
	c->g = g;
	c->a = a;
	c->b = b;
	c->group_a = a == NO_GROUP ? "" : ky_survey_group_name(s, g, gr->order[a]);
	c->group_b = b == NO_GROUP ? "" : ky_survey_group_name(s, g, gr->order[b]);
	c->p_holm = c->p_bh = NAN;
	return c;
}

/* A pair with a hidden group: no numbers at all, not even its n. */
static void hide_pair(struct ky_comparison *x)
{
	x->suppressed = 1;
	x->t.n_a = x->t.n_b = 0;
	x->t.statistic = x->t.df = x->t.p = x->t.effect = NAN;
	x->t.note = "a group is suppressed for anonymity: no test";
}

/* Chi-square is for labelled scales, ratings and categories, not for
 * measurements with many distinct values. */
static int wants_chi(const struct ky_column *c)
{
	return strcmp(c->scale.family, "numeric") != 0;
}

/* Whether grouping G is the audiences' and the unit a statement they
 * answered on different scales: not tested between them. */
static int audiences_differ(const struct ky_survey *s, const struct unit *u, size_t g)
{
	const struct ky_audience *A = s->audience;
	if (!A || !A->n_differ)
		return 0;
	const struct ky_grouping *gr = &s->grouping[g];
	if (!(gr->column == A->column ||
	      (A->column == KY_NO_BLOCK && A->route && !strcmp(gr->name, A->route))))
		return 0;
	for (size_t k = 0; k < A->n_differ; k++) {
		if (A->differ[k] == u->column)
			return 1;
		if (u->column == (size_t)-1 && s->col[A->differ[k]].block == u->block)
			return 1;     /* a scale score over them */
	}
	return 0;
}

static void unit_tests(struct rows *r, const struct ky_survey *s, const struct unit *u)
{
	for (size_t g = 0; g < s->n_groupings; g++) {
		const struct ky_grouping *gr = &s->grouping[g];
		if (audiences_differ(s, u, g))
			continue;
		size_t cap = gr->n_groups ? gr->n_groups : 1;
		const struct ky_tally **t = ky_xcalloc(cap, sizeof(*t));
		const struct ky_tally **shown = ky_xcalloc(cap, sizeof(*shown));
		char *hide = ky_xcalloc(cap, 1);
		size_t n_shown = 0;
		for (size_t i = 0; i < gr->n_groups; i++) {
			size_t slot = ky_survey_slot(s, g, gr->order[i]);
			t[i] = &u->tally[slot];
			hide[i] = (char)(u->hidden && u->hidden[slot]);
			if (!hide[i])
				shown[n_shown++] = t[i];
		}
		if (u->ordinal) {
			for (int welch = 0; welch < 2; welch++)
				for (size_t a = 0; a < gr->n_groups; a++)
					for (size_t b = a + 1; b < gr->n_groups; b++) {
						struct ky_comparison *x = add(r, s, u, g, a, b);
						if (welch)
							ky_test_welch(t[a], t[b], u->value, &x->t);
						else
							ky_test_mann_whitney(t[a], t[b], u->value, &x->t);
						if (hide[a] || hide[b])
							hide_pair(x);
					}
			if (gr->n_groups >= 3)
				ky_test_kruskal_wallis(shown, n_shown, u->value,
						       &add(r, s, u, g, NO_GROUP, NO_GROUP)->t);
		}
		if (u->chi) {
			struct ky_test chi, fisher;
			int f = ky_test_chi_square(shown, n_shown, &chi, &fisher);
			add(r, s, u, g, NO_GROUP, NO_GROUP)->t = chi;
			if (f)
				add(r, s, u, g, NO_GROUP, NO_GROUP)->t = fisher;
		}
		free(t);
		free(shown);
		free(hide);
	}
}

/* Family key of a row: the block (or the column alone when it is in no
 * block), grouping, test and pair; rows of one family are adjusted together. */
struct fkey {
	size_t unit, g, kind, a, b, row;
};

static int by_key(const void *x, const void *y)
{
	const struct fkey *p = x, *q = y;
	const size_t *u = &p->unit, *v = &q->unit;
	for (int i = 0; i < 6; i++)
		if (u[i] != v[i])
			return u[i] < v[i] ? -1 : 1;
	return 0;
}

size_t ky_report_comparisons(const struct ky_survey *s, struct ky_comparison **out)
{
	struct rows r = { 0 };
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		if (!ky_column_is_item(c))
			continue;
		struct unit u = { i, KY_NO_BLOCK, c->tally, c->suppressed, c->scale.value,
				  c->scale.ordinal, wants_chi(c) };
		unit_tests(&r, s, &u);
	}
	/* scale scores: many distinct values, so rank and t tests only */
	for (size_t b = 0; b < s->n_blocks; b++) {
		const struct ky_block_scale *sc = s->block[b].scale;
		if (!sc || !sc->tally)
			continue;
		struct unit u = { (size_t)-1, b, sc->tally, sc->suppressed, sc->score, 1, 0 };
		unit_tests(&r, s, &u);
	}
	/* adjust within each family: same test, grouping and pair, items of one block */
	size_t cap = r.n ? r.n : 1;
	struct fkey *key = ky_xcalloc(cap, sizeof(*key));
	double *p = ky_xcalloc(cap, sizeof(double)), *holm = ky_xcalloc(cap, sizeof(double));
	double *bh = ky_xcalloc(cap, sizeof(double));
	for (size_t i = 0; i < r.n; i++) {
		const struct ky_comparison *c = &r.v[i];
		/* items of a block together; each lone item and each scale score alone */
		size_t unit;
		if (c->column == (size_t)-1)
			unit = s->n_blocks + s->n_columns + c->block;
		else if (s->col[c->column].block != KY_NO_BLOCK)
			unit = s->col[c->column].block;
		else
			unit = s->n_blocks + c->column;
		key[i] = (struct fkey){ unit, c->g, (size_t)c->t.kind, c->a, c->b, i };
	}
	qsort(key, r.n, sizeof(*key), by_key);   /* ties broken by row: stable families */
	for (size_t i = 0; i < r.n;) {
		size_t j = i;
		while (j < r.n && !memcmp(&key[j], &key[i], 5 * sizeof(size_t)))
			j++;
		for (size_t k = i; k < j; k++)
			p[k - i] = r.v[key[k].row].t.p;
		ky_p_adjust(p, j - i, holm, bh);
		for (size_t k = i; k < j; k++) {
			r.v[key[k].row].p_holm = holm[k - i];
			r.v[key[k].row].p_bh = bh[k - i];
		}
		i = j;
	}
	free(key);
	free(p);
	free(holm);
	free(bh);
	*out = r.v;
	return r.n;
}

const char *ky_comparison_id(const struct ky_survey *s, const struct ky_comparison *c)
{
	return c->column == (size_t)-1 ? s->block[c->block].id : s->col[c->column].id;
}

const char *ky_comparison_text(const struct ky_survey *s, const struct ky_comparison *c,
			       struct ky_buf *text)
{
	if (c->column != (size_t)-1)
		return s->col[c->column].header;
	struct ky_buf label = KY_BUF_INIT;
	const char *l = ky_block_label(s, &s->block[c->block], &label);
	ky_buf_reset(text);
	ky_buf_addf(text, "Scale score: %s", l);
	ky_buf_release(&label);
	return text->buf;
}
