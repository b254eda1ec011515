/* rounds.c - items matched across survey rounds and their changes, from the
 * rounds' count tables (see ky_rounds.h). */
#include "ky_rounds.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ky_report.h"
#include "ky_scale.h"
#include "ky_stats.h"

char *ky_match_text(const char *s)
{
	struct ky_buf b = KY_BUF_INIT;
	ky_label_normalize(&b, s);
	while (b.len && (b.buf[b.len - 1] == ':' || b.buf[b.len - 1] == ' '))
		b.buf[--b.len] = 0;
	if (!b.len)
		ky_buf_adds(&b, "");
	return ky_buf_detach(&b, NULL);
}

/* An id that the export itself gave (a short code header), not a position. */
static int own_id(const struct ky_column *c)
{
	return strcmp(c->id, c->header) == 0;
}

static int comparable(const struct ky_column *a, const struct ky_column *b, struct ky_buf *why)
{
	const struct ky_scale *x = &a->scale, *y = &b->scale;
	int same = strcmp(x->family, y->family) == 0 && x->n_levels == y->n_levels &&
		   x->ordinal == y->ordinal;
	for (size_t k = 0; same && k < x->n_levels; k++)
		same = x->value[k] == y->value[k];
	if (!same)
		ky_buf_addf(why, "scale changed: %s (%zu levels) -> %s (%zu levels)", x->id,
			    x->n_levels, y->id, y->n_levels);
	return same;
}

/* Line L's text and match key in its latest round before R (that round's
 * survey in *SP). */
static const struct ky_column *latest_before(const struct ky_rounds *r, size_t l, size_t round,
					     const struct ky_survey **sp)
{
	for (size_t k = round; k-- > 0;)
		if (r->line[l].col[k] != KY_NO_COL) {
			*sp = r->round[k].s;
			return &r->round[k].s->col[r->line[l].col[k]];
		}
	return NULL;
}

/* The statement of item C (the text after its stem, else its header). */
static const char *statement_of(const struct ky_column *c)
{
	return c->statement ? c->statement : c->header;
}

/* Whether STATEMENT (a match key) is the statement of exactly one item of S. */
static int unique_statement(const struct ky_survey *s, const char *key)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n_columns && n < 2; i++) {
		if (!ky_column_is_item(&s->col[i]))
			continue;
		char *q = ky_match_text(statement_of(&s->col[i]));
		n += strcmp(q, key) == 0;
		free(q);
	}
	return n == 1;
}

/* Whether column C of a later round is line L's continuation, by HOW. */
static int matches(const struct ky_column *prev, const struct ky_column *c, enum ky_match_how how,
		   const struct ky_survey *prev_s, const struct ky_survey *s)
{
	if (how == KY_MATCH_ID)
		return own_id(prev) && own_id(c) && strcmp(prev->id, c->id) == 0;
	if (how == KY_MATCH_STATEMENT) {
		if (!prev->statement && !c->statement)
			return 0;
		char *p = ky_match_text(statement_of(prev)), *q = ky_match_text(statement_of(c));
		int hit = !strcmp(p, q) && unique_statement(prev_s, p) && unique_statement(s, q);
		free(p);
		free(q);
		return hit;
	}
	char *p = ky_match_text(prev->header);
	int hit = 0;
	if (how == KY_MATCH_TEXT) {
		char *q = ky_match_text(c->header);
		hit = strcmp(p, q) == 0;
		free(q);
	} else {
		for (size_t k = 0; k < c->n_was && !hit; k++) {
			char *q = ky_match_text(c->was[k]);
			hit = strcmp(p, q) == 0 || strcmp(prev->id, c->was[k]) == 0;
			free(q);
		}
	}
	free(p);
	return hit;
}

static size_t new_line(struct ky_rounds *r, size_t *cap)
{
	ky_xgrow((void **)&r->line, cap, r->n_lines + 1, sizeof(*r->line));
	struct ky_item_line *l = &r->line[r->n_lines];
	memset(l, 0, sizeof(*l));
	l->col = ky_xcalloc(r->n_rounds, sizeof(size_t));
	l->how = ky_xcalloc(r->n_rounds, sizeof(*l->how));
	for (size_t k = 0; k < r->n_rounds; k++)
		l->col[k] = KY_NO_COL;
	return r->n_lines++;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void match_groupings(struct ky_rounds *r)
{
	const struct ky_survey *last = r->round[r->n_rounds - 1].s;
	r->grouping = ky_xcalloc(last->n_groupings + 1, sizeof(*r->grouping));
	for (size_t g = 0; g < last->n_groupings; g++) {
		char *want = ky_match_text(last->grouping[g].name);
		size_t *in = ky_xcalloc(r->n_rounds, sizeof(size_t));
		int all = 1;
		for (size_t k = 0; k < r->n_rounds && all; k++) {
			const struct ky_survey *s = r->round[k].s;
			in[k] = KY_NO_COL;
			for (size_t h = 0; h < s->n_groupings && in[k] == KY_NO_COL; h++) {
				char *have = ky_match_text(s->grouping[h].name);
				if (!strcmp(have, want))
					in[k] = h;
				free(have);
			}
			all = in[k] != KY_NO_COL;
		}
		free(want);
		if (!all) {
			free(in);
			continue;
		}
		struct ky_rounds_grouping *rg = &r->grouping[r->n_groupings++];
		rg->name = last->grouping[g].name;
		rg->g = in;
		size_t cap = 0;
		for (size_t k = 0; k < r->n_rounds; k++) {
			const struct ky_grouping *gr = &r->round[k].s->grouping[in[k]];
			for (size_t v = 0; v < gr->n_groups; v++) {
				const char *name = ky_survey_group_name(r->round[k].s, in[k], v);
				int seen = 0;
				for (size_t j = 0; j < rg->n_groups && !seen; j++)
					seen = !strcmp(rg->group[j], name);
				if (seen)
					continue;
				ky_xgrow((void **)&rg->group, &cap, rg->n_groups + 1, sizeof(char *));
				rg->group[rg->n_groups++] = ky_xstrdup(name);
			}
		}
		if (rg->n_groups > 1)
			qsort(rg->group, rg->n_groups, sizeof(char *), by_name);
	}
}

struct ky_rounds *ky_rounds_match(const struct ky_round *rounds, size_t n)
{
	struct ky_rounds *r = ky_xcalloc(1, sizeof(*r));
	r->n_rounds = n;
	r->round = rounds;
	size_t cap = 0;
	for (size_t k = 0; k < n; k++) {
		const struct ky_survey *s = rounds[k].s;
		size_t lines_before = r->n_lines;
		char *taken = ky_xcalloc(s->n_columns + 1, 1);
		/* explicit mappings first, then ids, then texts: a weaker rule never
		 * takes a line that a stronger one claims */
		static const enum ky_match_how order[] = { KY_MATCH_WAS, KY_MATCH_ID, KY_MATCH_TEXT,
							   KY_MATCH_STATEMENT };
		for (size_t o = 0; o < 4 && k > 0; o++)
			for (size_t i = 0; i < s->n_columns; i++) {
				const struct ky_column *c = &s->col[i];
				if (taken[i] || !ky_column_is_item(c))
					continue;
				for (size_t l = 0; l < lines_before; l++) {
					if (r->line[l].col[k] != KY_NO_COL)
						continue;
					const struct ky_survey *ps = NULL;
					const struct ky_column *prev = latest_before(r, l, k, &ps);
					if (prev && matches(prev, c, order[o], ps, s)) {
						r->line[l].col[k] = i;
						r->line[l].how[k] = order[o];
						taken[i] = 1;
						break;
					}
				}
			}
		for (size_t i = 0; i < s->n_columns; i++)
			if (!taken[i] && ky_column_is_item(&s->col[i])) {
				size_t l = new_line(r, &cap);
				r->line[l].col[k] = i;
				r->line[l].how[k] = KY_MATCH_FIRST;
			}
		free(taken);
	}
	for (size_t l = 0; l < r->n_lines; l++) {
		struct ky_item_line *line = &r->line[l];
		const struct ky_column *prev = NULL;
		struct ky_buf why = KY_BUF_INIT;
		for (size_t k = 0; k < n; k++) {
			if (line->col[k] == KY_NO_COL)
				continue;
			const struct ky_column *c = &rounds[k].s->col[line->col[k]];
			if (prev && !line->rescaled && !comparable(prev, c, &why))
				line->rescaled = ky_buf_detach(&why, NULL);
			prev = c;
			line->last = k;
		}
		ky_buf_release(&why);
	}
	/* lines in the latest round's column order, then lines that left earlier */
	for (size_t a = 1; a < r->n_lines; a++) {
		struct ky_item_line x = r->line[a];
		size_t b = a;
		while (b > 0) {
			const struct ky_item_line *y = &r->line[b - 1];
			int later = x.last > y->last ||
				    (x.last == y->last && x.col[x.last] < y->col[y->last]);
			if (!later)
				break;
			r->line[b] = r->line[b - 1];
			b--;
		}
		r->line[b] = x;
	}
	r->pair = ky_xcalloc(n, sizeof(*r->pair));
	for (size_t k = 1; k < n; k++) {
		r->pair[r->n_pairs][0] = k - 1;
		r->pair[r->n_pairs++][1] = k;
	}
	if (n >= 3) {
		r->pair[r->n_pairs][0] = 0;
		r->pair[r->n_pairs++][1] = n - 1;
	}
	match_groupings(r);
	return r;
}

void ky_rounds_free(struct ky_rounds *r)
{
	if (!r)
		return;
	for (size_t l = 0; l < r->n_lines; l++) {
		free(r->line[l].col);
		free(r->line[l].how);
		free(r->line[l].rescaled);
	}
	free(r->line);
	for (size_t g = 0; g < r->n_groupings; g++) {
		for (size_t j = 0; j < r->grouping[g].n_groups; j++)
			free(r->grouping[g].group[j]);
		free(r->grouping[g].group);
		free(r->grouping[g].g);
	}
	free(r->grouping);
	free(r->pair);
	free(r);
}

const struct ky_column *ky_rounds_col(const struct ky_rounds *r, size_t line, size_t round)
{
	size_t c = r->line[line].col[round];
	return c == KY_NO_COL ? NULL : &r->round[round].s->col[c];
}

const struct ky_column *ky_rounds_latest(const struct ky_rounds *r, size_t line)
{
	return ky_rounds_col(r, line, r->line[line].last);
}

void ky_newcombe(uint64_t xa, uint64_t na, uint64_t xb, uint64_t nb, double conf, double *lo,
		 double *hi)
{
	*lo = *hi = NAN;
	if (!na || !nb)
		return;
	double la, ua, lb, ub;
	ky_stats_wilson(xa, na, conf, &la, &ua);
	ky_stats_wilson(xb, nb, conf, &lb, &ub);
	double pa = (double)xa / (double)na, pb = (double)xb / (double)nb, d = pb - pa;
	*lo = d - sqrt((pb - lb) * (pb - lb) + (ua - pa) * (ua - pa));
	*hi = d + sqrt((ub - pb) * (ub - pb) + (pa - la) * (pa - la));
}

void ky_welch_ci(const struct ky_tally *a, const struct ky_tally *b, const double *value,
		 double conf, double *lo, double *hi)
{
	*lo = *hi = NAN;
	uint64_t na = ky_tally_n(a), nb = ky_tally_n(b);
	if (na < 2 || nb < 2)
		return;
	double ma = ky_stats_mean(a, value), mb = ky_stats_mean(b, value);
	double sa = ky_stats_sd(a, value), sb = ky_stats_sd(b, value);
	double va = sa * sa / (double)na, vb = sb * sb / (double)nb, se = sqrt(va + vb);
	double big = fmax(fabs(ma), fabs(mb));
	if (!(se > 10 * 2.220446049250313e-16 * big) || se == 0)
		return;   /* R's t.test: "data are essentially constant" */
	double df = (va + vb) * (va + vb) / (va * va / ((double)na - 1) + vb * vb / ((double)nb - 1));
	double t = gsl_cdf_tdist_Pinv(1 - (1 - conf) / 2, df);
	*lo = mb - ma - t * se;
	*hi = mb - ma + t * se;
}

/* The slot of group NAME of rounds grouping G in round K, or KY_NO_COL. */
static size_t group_slot(const struct ky_rounds *r, size_t g, size_t k, const char *name)
{
	const struct ky_survey *s = r->round[k].s;
	size_t h = r->grouping[g].g[k];
	for (size_t v = 0; v < s->grouping[h].n_groups; v++)
		if (!strcmp(ky_survey_group_name(s, h, v), name))
			return ky_survey_slot(s, h, v);
	return KY_NO_COL;
}

static uint64_t top2(const struct ky_tally *t)
{
	size_t k = t->n_codes;
	return k >= 2 ? t->count[k - 1] + t->count[k - 2] : 0;
}

/* Both rounds weighted: one design with a stratum per round (R:
 * svydesign(ids = ~1, strata = ~round, weights = ~w, data = rbind(a, b))).
 * Mean and top-2 differences with their linearised SEs (each round's own
 * N/(N-1)) and t on degf = respondents with w > 0 - 2; the rank test and
 * Rao-Scott F of that design. */
static void weighted_change(struct ky_change *x, const struct ky_tally *a,
			    const struct ky_tally *b, const struct ky_column *cb)
{
	const double *v = cb->scale.value;
	const struct ky_tally *both[2] = { a, b };
	struct ky_test fisher;
	ky_test_chi_square(both, 2, &x->chi, &fisher);   /* the kind and its n */
	x->chi.statistic = x->chi.df = x->chi.p = x->chi.effect = x->chi.df2 = NAN;
	x->chi.note = NULL;
	ky_wtest_chisq_strata(both, 2, &x->chi);
	if (!cb->scale.ordinal) {
		x->note = "categorical: chi-square only";
		return;
	}
	double df = (double)(a->n_design_pos + b->n_design_pos) - 2;
	double tq = df >= 1 ? gsl_cdf_tdist_Qinv(0.025, df) : NAN;
	x->mean_a = ky_wstats_mean(a, v);
	x->mean_b = ky_wstats_mean(b, v);
	x->diff = x->mean_b - x->mean_a;
	double ea = ky_wstats_mean_se(a, v, x->mean_a), eb = ky_wstats_mean_se(b, v, x->mean_b);
	double se = sqrt(ea * ea + eb * eb);
	if (ky_tally_npos(a) >= 2 && ky_tally_npos(b) >= 2 && se > 0) {
		x->diff_lo = x->diff - tq * se;
		x->diff_hi = x->diff + tq * se;
	}
	ky_test_mann_whitney(b, a, v, &x->mw);
	if (!isnan(x->mw.df)) {
		x->mw.df -= 1;          /* one stratum more than a single design */
		x->mw.p = x->mw.df >= 1 ? 2 * gsl_cdf_tdist_Q(fabs(x->mw.statistic), x->mw.df) : NAN;
	}
	size_t k = a->n_codes;
	if (cb->scale.has_top2 && k >= 2 && ky_tally_wn(a) > 0 && ky_tally_wn(b) > 0) {
		double *top = ky_xcalloc(k, sizeof(double));
		top[k - 1] = top[k - 2] = 1;
		double pa = ky_wstats_mean(a, top), pb = ky_wstats_mean(b, top);
		double sa = ky_wstats_mean_se(a, top, pa), sb = ky_wstats_mean_se(b, top, pb);
		free(top);
		x->top2_a = 100 * pa;
		x->top2_b = 100 * pb;
		x->top2_diff = x->top2_b - x->top2_a;
		double st = sqrt(sa * sa + sb * sb);
		if (st > 0) {
			x->top2_lo = x->top2_diff - 100 * tq * st;
			x->top2_hi = x->top2_diff + 100 * tq * st;
		}
	}
	x->note = x->mw.note;
	if (!x->note && isnan(x->diff_lo))
		x->note = ky_tally_npos(a) < 2 || ky_tally_npos(b) < 2
			  ? "fewer than 2 valid answers in a round" : "all answers identical: no interval";
}

static void change(struct ky_change *x, const struct ky_column *ca, const struct ky_column *cb,
		   size_t sa, size_t sb)
{
	x->mean_a = x->mean_b = x->diff = x->diff_lo = x->diff_hi = NAN;
	x->top2_a = x->top2_b = x->top2_diff = x->top2_lo = x->top2_hi = NAN;
	x->p_holm = x->p_bh = NAN;
	memset(&x->mw, 0, sizeof(x->mw));
	memset(&x->chi, 0, sizeof(x->chi));
	x->mw.statistic = x->mw.p = x->mw.effect = x->mw.df = NAN;
	x->chi.statistic = x->chi.p = x->chi.effect = x->chi.df = NAN;
	if (sa == KY_NO_COL || sb == KY_NO_COL) {
		x->note = "the group is not in both rounds";
		x->absent = 1;
		return;
	}
	if (ky_survey_suppressed(ca, sa) || ky_survey_suppressed(cb, sb)) {
		x->suppressed = 1;
		return;
	}
	const struct ky_tally *a = &ca->tally[sa], *b = &cb->tally[sb];
	const double *v = cb->scale.value;
	x->n_a = ky_tally_n(a);
	x->n_b = ky_tally_n(b);
	if (ky_tally_weighted(a) && ky_tally_weighted(b)) {
		weighted_change(x, a, b, cb);
		return;
	}
	if (ky_tally_weighted(a) || ky_tally_weighted(b)) {
		x->note = "weighted in one round only: no comparison";
		return;
	}
	struct ky_test fisher;
	const struct ky_tally *both[2] = { a, b };
	ky_test_chi_square(both, 2, &x->chi, &fisher);
	if (!cb->scale.ordinal) {
		x->note = "categorical: chi-square only";
		return;
	}
	x->mean_a = ky_stats_mean(a, v);
	x->mean_b = ky_stats_mean(b, v);
	x->diff = x->mean_b - x->mean_a;
	ky_welch_ci(a, b, v, 0.95, &x->diff_lo, &x->diff_hi);
	ky_test_mann_whitney(b, a, v, &x->mw);
	if (cb->scale.has_top2 && x->n_a && x->n_b) {
		x->top2_a = 100.0 * (double)top2(a) / (double)x->n_a;
		x->top2_b = 100.0 * (double)top2(b) / (double)x->n_b;
		x->top2_diff = x->top2_b - x->top2_a;
		ky_newcombe(top2(a), x->n_a, top2(b), x->n_b, 0.95, &x->top2_lo, &x->top2_hi);
		x->top2_lo *= 100;
		x->top2_hi *= 100;
	}
	x->note = x->mw.note;
	if (!x->note && isnan(x->diff_lo))
		x->note = x->n_a < 2 || x->n_b < 2 ? "fewer than 2 valid answers in a round"
						   : "all answers identical: no interval";
}

struct fam {
	size_t block, pair, grouping, group, row;
};

static int by_fam(const void *x, const void *y)
{
	const size_t *p = x, *q = y;
	for (int i = 0; i < 5; i++)
		if (p[i] != q[i])
			return p[i] < q[i] ? -1 : 1;
	return 0;
}

size_t ky_rounds_changes(const struct ky_rounds *r, struct ky_change **out)
{
	struct ky_change *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t l = 0; l < r->n_lines; l++) {
		if (r->line[l].rescaled)
			continue;
		for (size_t p = 0; p < r->n_pairs; p++) {
			size_t ka = r->pair[p][0], kb = r->pair[p][1];
			const struct ky_column *ca = ky_rounds_col(r, l, ka), *cb = ky_rounds_col(r, l, kb);
			if (!ca || !cb)
				continue;
			for (size_t g = (size_t)-1; g == (size_t)-1 || g < r->n_groupings; g++) {
				size_t ng = g == (size_t)-1 ? 1 : r->grouping[g].n_groups;
				for (size_t j = 0; j < ng; j++) {
					ky_xgrow((void **)&v, &cap, n + 1, sizeof(*v));
					struct ky_change *x = &v[n++];
					memset(x, 0, sizeof(*x));
					x->line = l;
					x->pair = p;
					x->grouping = g;
					x->group = g == (size_t)-1 ? "*" : r->grouping[g].group[j];
					size_t sa = g == (size_t)-1 ? 0 : group_slot(r, g, ka, x->group);
					size_t sb = g == (size_t)-1 ? 0 : group_slot(r, g, kb, x->group);
					change(x, ca, cb, sa, sb);
				}
			}
		}
	}
	/* Holm and BH over the items of a block (the later round's block; an
	 * item in no block is its own family) per pair, grouping and group */
	struct fam *f = ky_xcalloc(n ? n : 1, sizeof(*f));
	for (size_t i = 0; i < n; i++) {
		const struct ky_column *cb = ky_rounds_col(r, v[i].line, r->pair[v[i].pair][1]);
		size_t grp = 0;
		if (v[i].grouping != (size_t)-1)
			for (size_t j = 0; j < r->grouping[v[i].grouping].n_groups; j++)
				if (!strcmp(r->grouping[v[i].grouping].group[j], v[i].group))
					grp = j + 1;
		f[i] = (struct fam){ cb->block != KY_NO_BLOCK ? cb->block : 1000000 + v[i].line,
				     v[i].pair, v[i].grouping + 1, grp, i };
	}
	qsort(f, n, sizeof(*f), by_fam);
	double *p = ky_xcalloc(n ? n : 1, sizeof(double)), *holm = ky_xcalloc(n ? n : 1, sizeof(double));
	double *bh = ky_xcalloc(n ? n : 1, sizeof(double));
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && !memcmp(&f[j], &f[i], 4 * sizeof(size_t)))
			j++;
		for (size_t k = i; k < j; k++)
			p[k - i] = v[f[k].row].mw.p;
		ky_p_adjust(p, j - i, holm, bh);
		for (size_t k = i; k < j; k++) {
			v[f[k].row].p_holm = holm[k - i];
			v[f[k].row].p_bh = bh[k - i];
		}
		i = j;
	}
	free(f);
	free(p);
	free(holm);
	free(bh);
	*out = v;
	return n;
}
