/* compare.c - group comparisons from count tables (see ky_compare.h). */
#include "ky_compare.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ky_buf.h"
#include "ky_stats.h"

const char *ky_test_name(enum ky_test_kind k)
{
	switch (k) {
	case KY_TEST_MANN_WHITNEY: return "mann_whitney";
	case KY_TEST_WELCH_T: return "welch_t";
	case KY_TEST_KRUSKAL_WALLIS: return "kruskal_wallis";
	case KY_TEST_CHI_SQUARE: return "chi_square";
	case KY_TEST_FISHER_EXACT: return "fisher_exact";
	}
	return "";
}

const char *ky_test_effect_name(enum ky_test_kind k)
{
	switch (k) {
	case KY_TEST_MANN_WHITNEY: return "rank_biserial";
	case KY_TEST_WELCH_T: return "cohens_d";
	case KY_TEST_KRUSKAL_WALLIS: return "epsilon_squared";
	case KY_TEST_CHI_SQUARE:
	case KY_TEST_FISHER_EXACT: return "cramers_v";
	}
	return "";
}

static void init(struct ky_test *t, enum ky_test_kind kind)
{
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->statistic = t->df = t->p = t->effect = t->df2 = NAN;
}

/* Mid-rank of every code in the pooled counts of the N groups, and the tie
 * term sum(t^3 - t).  Returns the pooled n. */
static double midranks(const struct ky_tally *const *g, size_t n, double *rank, double *ties)
{
	size_t k_codes = g[0]->n_codes;
	double below = 0;
	*ties = 0;
	for (size_t k = 0; k < k_codes; k++) {
		double t = 0;
		for (size_t i = 0; i < n; i++)
			t += (double)g[i]->count[k];
		rank[k] = below + (t + 1) / 2;
		*ties += t * t * t - t;
		below += t;
	}
	return below;
}

static double rank_sum(const struct ky_tally *t, const double *rank)
{
	double r = 0;
	for (size_t k = 0; k < t->n_codes; k++)
		r += (double)t->count[k] * rank[k];
	return r;
}

void ky_test_mann_whitney(const struct ky_tally *a, const struct ky_tally *b,
			  const double *value, struct ky_test *out)
{
	(void)value;        /* ranks depend only on the order of the codes */
	init(out, KY_TEST_MANN_WHITNEY);
	if (ky_tally_weighted(a)) {
		ky_wtest_ranks2(a, b, out);
		return;
	}
	out->n_a = ky_tally_n(a);
	out->n_b = ky_tally_n(b);
	if (!out->n_a || !out->n_b) {
		out->note = "a group has no valid answers";
		return;
	}
	const struct ky_tally *g[2] = { a, b };
	double *rank = ky_xcalloc(a->n_codes, sizeof(double)), ties;
	double n = midranks(g, 2, rank, &ties), na = (double)out->n_a, nb = (double)out->n_b;
	double u = rank_sum(a, rank) - na * (na + 1) / 2;
	free(rank);
	out->statistic = u;
	out->effect = 2 * u / (na * nb) - 1;
	double sigma = sqrt(na * nb / 12 * ((n + 1) - ties / (n * (n - 1))));
	if (!(sigma > 0)) {
		out->note = "all answers identical: no p-value";
		return;
	}
	double z = u - na * nb / 2;
	z = (z - (z > 0 ? 0.5 : z < 0 ? -0.5 : 0)) / sigma;
	double p = 2 * (z < 0 ? gsl_cdf_ugaussian_P(z) : gsl_cdf_ugaussian_Q(z));
	out->p = p > 1 ? 1 : p;
}

void ky_test_welch(const struct ky_tally *a, const struct ky_tally *b, const double *value,
		   struct ky_test *out)
{
	init(out, KY_TEST_WELCH_T);
	if (ky_tally_weighted(a)) {
		ky_wtest_t(a, b, value, out);
		return;
	}
	out->n_a = ky_tally_n(a);
	out->n_b = ky_tally_n(b);
	double na = (double)out->n_a, nb = (double)out->n_b;
	if (out->n_a < 2 || out->n_b < 2) {
		out->note = "a group has fewer than 2 valid answers";
		if (out->n_a + out->n_b < 3)
			return;
	}
	double ma = ky_stats_mean(a, value), mb = ky_stats_mean(b, value);
	double sa = out->n_a >= 2 ? ky_stats_sd(a, value) : 0;
	double sb = out->n_b >= 2 ? ky_stats_sd(b, value) : 0;
	double pooled = sqrt(((na - 1) * sa * sa + (nb - 1) * sb * sb) / (na + nb - 2));
	if (pooled > 0)
		out->effect = (ma - mb) / pooled;
	if (out->note)
		return;
	double va = sa * sa / na, vb = sb * sb / nb, se = sqrt(va + vb);
	/* R's t.test refuses data whose standard error is this small */
	double big = fabs(ma) > fabs(mb) ? fabs(ma) : fabs(mb);
	if (!(se > 10 * 2.220446049250313e-16 * big) || se == 0) {
		out->note = "all answers identical in both groups: no t-test";
		return;
	}
	out->statistic = (ma - mb) / se;
	out->df = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1));
	double t = fabs(out->statistic);
	out->p = 2 * gsl_cdf_tdist_Q(t, out->df);
}

void ky_test_kruskal_wallis(const struct ky_tally *const *g, size_t n, const double *value,
			    struct ky_test *out)
{
	(void)value;
	init(out, KY_TEST_KRUSKAL_WALLIS);
	if (n && ky_tally_weighted(g[0])) {
		ky_wtest_ranks_k(g, n, out);
		return;
	}
	const struct ky_tally **use = ky_xcalloc(n ? n : 1, sizeof(*use));
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		out->n_a += ky_tally_n(g[i]);
		if (ky_tally_n(g[i]))
			use[m++] = g[i];
	}
	if (m < 3) {
		out->note = "fewer than 3 groups with answers";
		free(use);
		return;
	}
	double *rank = ky_xcalloc(use[0]->n_codes, sizeof(double)), ties;
	/* sum of n_i (mean rank_i - (N+1)/2)^2: the same H as
	 * 12/(N(N+1)) sum R_i^2/n_i - 3(N+1) without its cancellation */
	double nn = midranks(use, m, rank, &ties), sum = 0;
	for (size_t i = 0; i < m; i++) {
		double ni = (double)ky_tally_n(use[i]);
		double dev = rank_sum(use[i], rank) / ni - (nn + 1) / 2;
		sum += ni * dev * dev;
	}
	free(rank);
	free(use);
	double corr = 1 - ties / (nn * nn * nn - nn);
	if (!(corr > 0)) {
		out->note = "all answers identical: no test";
		return;
	}
	out->df = (double)(m - 1);
	double h = 12 / (nn * (nn + 1)) * sum / corr;
	out->statistic = h;
	out->p = gsl_cdf_chisq_Q(h, out->df);
	out->effect = h / (nn - 1);
}

/* Two-sided Fisher exact p of [[x, r1 - x], [c1 - x, r2 - c1 + x]] as R's
 * fisher.test: the sum of the probabilities of tables no more likely than
 * the observed one (relative tolerance 1e-7). */
static double fisher_2x2(double x, double r1, double r2, double c1)
{
	double lo = c1 - r2 > 0 ? c1 - r2 : 0, hi = c1 < r1 ? c1 : r1;
	size_t n = (size_t)(hi - lo) + 1;
	double *d = ky_xcalloc(n, sizeof(double)), max = -INFINITY, total = 0, p = 0;
	for (size_t i = 0; i < n; i++) {
		double k = lo + (double)i;
		d[i] = gsl_sf_lnchoose((unsigned)r1, (unsigned)k) +
		       gsl_sf_lnchoose((unsigned)r2, (unsigned)(c1 - k));
		if (d[i] > max)
			max = d[i];
	}
	for (size_t i = 0; i < n; i++) {
		d[i] = exp(d[i] - max);
		total += d[i];
	}
	double obs = d[(size_t)(x - lo)] * (1 + 1e-7);
	for (size_t i = 0; i < n; i++)
		if (d[i] <= obs)
			p += d[i];
	free(d);
	p /= total;
	return p > 1 ? 1 : p;
}

int ky_test_chi_square(const struct ky_tally *const *g, size_t n, struct ky_test *chi,
		       struct ky_test *fisher)
{
	init(chi, KY_TEST_CHI_SQUARE);
	init(fisher, KY_TEST_FISHER_EXACT);
	if (n && ky_tally_weighted(g[0])) {
		ky_wtest_chisq(g, n, chi);
		return 0;
	}
	size_t k_codes = n ? g[0]->n_codes : 0, rows = 0, cols = 0;
	double *col = ky_xcalloc(k_codes ? k_codes : 1, sizeof(double)), total = 0;
	for (size_t i = 0; i < n; i++) {
		double r = (double)ky_tally_n(g[i]);
		rows += r > 0;
		total += r;
		for (size_t k = 0; k < k_codes; k++)
			col[k] += (double)g[i]->count[k];
	}
	for (size_t k = 0; k < k_codes; k++)
		cols += col[k] > 0;
	chi->n_a = (uint64_t)total;
	if (rows < 2 || cols < 2) {
		chi->note = rows < 2 ? "fewer than 2 groups with answers"
				     : "a single answer category used: no test";
		free(col);
		return 0;
	}
	double x2 = 0, min_e = INFINITY;
	for (size_t i = 0; i < n; i++) {
		double r = (double)ky_tally_n(g[i]);
		if (r == 0)
			continue;
		for (size_t k = 0; k < k_codes; k++) {
			if (col[k] == 0)
				continue;
			double e = r * col[k] / total, d = (double)g[i]->count[k] - e;
			x2 += d * d / e;
			if (e < min_e)
				min_e = e;
		}
	}
	chi->statistic = x2;
	chi->df = (double)((rows - 1) * (cols - 1));
	chi->p = gsl_cdf_chisq_Q(x2, chi->df);
	size_t small = rows < cols ? rows : cols;
	chi->effect = sqrt(x2 / (total * (double)(small - 1)));
	int want_fisher = rows == 2 && cols == 2 && min_e < 5;
	if (want_fisher) {
		/* the 2x2 cells after dropping empty rows and columns */
		double cell[2][2];
		size_t ri = 0;
		for (size_t i = 0; i < n && ri < 2; i++) {
			if (!ky_tally_n(g[i]))
				continue;
			size_t ci = 0;
			for (size_t k = 0; k < k_codes && ci < 2; k++)
				if (col[k] > 0)
					cell[ri][ci++] = (double)g[i]->count[k];
			ri++;
		}
		fisher->n_a = chi->n_a;
		fisher->p = fisher_2x2(cell[0][0], cell[0][0] + cell[0][1],
				       cell[1][0] + cell[1][1], cell[0][0] + cell[1][0]);
		fisher->effect = chi->effect;
	}
	free(col);
	return want_fisher;
}

struct pidx {
	double p;
	size_t i;
};

static int by_p(const void *a, const void *b)
{
	const struct pidx *x = a, *y = b;
	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

void ky_p_adjust(const double *p, size_t n, double *holm, double *bh)
{
	struct pidx *s = ky_xcalloc(n ? n : 1, sizeof(*s));
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		holm[i] = bh[i] = NAN;
		if (!isnan(p[i]))
			s[m++] = (struct pidx){ p[i], i };
	}
	qsort(s, m, sizeof(*s), by_p);
	double run = 0;
	for (size_t j = 0; j < m; j++) {             /* Holm: step down, cumulative max */
		double v = (double)(m - j) * s[j].p;
		if (v > run)
			run = v;
		holm[s[j].i] = run < 1 ? run : 1;
	}
	run = 1;
	for (size_t j = m; j-- > 0;) {               /* BH: step up, cumulative min */
		double v = (double)m / (double)(j + 1) * s[j].p;
		if (v < run)
			run = v;
		bh[s[j].i] = run;
	}
	free(s);
}
