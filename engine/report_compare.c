/* report_compare.c - which tests run for which item and grouping, and the
 * p-value adjustment across the items of a block. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ky_buf.h"
#include "ky_compare.h"
#include "ky_report.h"

#define NO_GROUP ((size_t)-1)

struct rows {
	struct ky_comparison *v;
	size_t n, cap;
};

static struct ky_comparison *add(struct rows *r, const struct ky_survey *s, size_t col,
				 size_t g, size_t a, size_t b)
{
	ky_xgrow((void **)&r->v, &r->cap, r->n + 1, sizeof(*r->v));
	struct ky_comparison *c = &r->v[r->n++];
	memset(c, 0, sizeof(*c));
	const struct ky_grouping *gr = &s->grouping[g];
	c->column = col;
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

static void item_tests(struct rows *r, const struct ky_survey *s, size_t col)
{
	const struct ky_column *c = &s->col[col];
	for (size_t g = 0; g < s->n_groupings; g++) {
		const struct ky_grouping *gr = &s->grouping[g];
		const struct ky_tally **t = ky_xcalloc(gr->n_groups ? gr->n_groups : 1, sizeof(*t));
		const struct ky_tally **shown = ky_xcalloc(gr->n_groups ? gr->n_groups : 1,
							   sizeof(*shown));
		char *hide = ky_xcalloc(gr->n_groups ? gr->n_groups : 1, 1);
		size_t n_shown = 0;
		for (size_t i = 0; i < gr->n_groups; i++) {
			size_t slot = ky_survey_slot(s, g, gr->order[i]);
			t[i] = &c->tally[slot];
			hide[i] = (char)ky_survey_suppressed(c, slot);
			if (!hide[i])
				shown[n_shown++] = t[i];
		}
		if (c->scale.ordinal) {
			for (int welch = 0; welch < 2; welch++)
				for (size_t a = 0; a < gr->n_groups; a++)
					for (size_t b = a + 1; b < gr->n_groups; b++) {
						struct ky_comparison *x = add(r, s, col, g, a, b);
						if (welch)
							ky_test_welch(t[a], t[b], c->scale.value, &x->t);
						else
							ky_test_mann_whitney(t[a], t[b], c->scale.value,
									     &x->t);
						if (hide[a] || hide[b])
							hide_pair(x);
					}
			if (gr->n_groups >= 3)
				ky_test_kruskal_wallis(shown, n_shown, c->scale.value,
						       &add(r, s, col, g, NO_GROUP, NO_GROUP)->t);
		}
		if (wants_chi(c)) {
			struct ky_test chi, fisher;
			int f = ky_test_chi_square(shown, n_shown, &chi, &fisher);
			add(r, s, col, g, NO_GROUP, NO_GROUP)->t = chi;
			if (f)
				add(r, s, col, g, NO_GROUP, NO_GROUP)->t = fisher;
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
	for (size_t i = 0; i < s->n_columns; i++)
		if (ky_column_is_item(&s->col[i]))
			item_tests(&r, s, i);
	/* adjust within each family: same test, grouping and pair, items of one block */
	size_t cap = r.n ? r.n : 1;
	struct fkey *key = ky_xcalloc(cap, sizeof(*key));
	double *p = ky_xcalloc(cap, sizeof(double)), *holm = ky_xcalloc(cap, sizeof(double));
	double *bh = ky_xcalloc(cap, sizeof(double));
	for (size_t i = 0; i < r.n; i++) {
		const struct ky_comparison *c = &r.v[i];
		size_t block = s->col[c->column].block;
		key[i] = (struct fkey){ block == KY_NO_BLOCK ? s->n_blocks + c->column : block, c->g,
					(size_t)c->t.kind, c->a, c->b, i };
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
