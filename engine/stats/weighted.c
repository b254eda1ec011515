/* weighted.c - weighted statistics and tests from count tables that carry,
 * per code, the sum of the respondents' weights (W_k), of their squares
 * (Q_k) and the number with a positive weight.
 *
 * They equal R's survey package for svydesign(ids = ~1, weights = ~w) with
 * linearisation (docs/statistics.md has the R calls).  A respondent i with
 * weight w_i enters a linearised variance only as w_i^2 times a function of
 * their code, so sum_i w_i^2 f(code_i) = sum_k Q_k f(k): nothing else about
 * the respondents is needed.  N below is every respondent of the design
 * (R's n/(n-1) on a subset keeps the full design's count: domain
 * estimation); m counts valid answers with a positive weight (R's degf
 * counts only those). */
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ky_buf.h"
#include "ky_compare.h"
#include "ky_stats.h"

static double ncorr(const struct ky_tally *t)
{
	double n = (double)t->n_design;
	return n > 1 ? n / (n - 1) : NAN;
}

double ky_wstats_mean(const struct ky_tally *t, const double *value)
{
	double w = ky_tally_wn(t), sum = 0, corr = 0;
	if (!(w > 0))
		return NAN;
	for (size_t k = 0; k < t->n_codes; k++)
		sum += t->wsum[k] * value[k];
	double mean = sum / w;
	for (size_t k = 0; k < t->n_codes; k++)
		corr += t->wsum[k] * (value[k] - mean);
	return mean + corr / w;
}

/* svymean(~x, design, na.rm = TRUE)'s SE: the influence of respondent i is
 * w_i (x_i - mean) / W, so Var = N/(N-1) sum_k Q_k (v_k - mean)^2 / W^2. */
double ky_wstats_mean_se(const struct ky_tally *t, const double *value, double mean)
{
	double w = ky_tally_wn(t), ss = 0;
	if (!(w > 0) || isnan(mean))
		return NAN;
	for (size_t k = 0; k < t->n_codes; k++) {
		double d = value[k] - mean;
		ss += t->wsum2[k] * d * d;
	}
	return sqrt(ncorr(t) * ss) / w;
}

/* sqrt(svyvar(~x, subset(design, valid))): m/(m-1) sum w (x - mean)^2 / W. */
double ky_wstats_sd(const struct ky_tally *t, const double *value, double mean)
{
	double w = ky_tally_wn(t), m = (double)ky_tally_npos(t), ss = 0, comp = 0;
	if (!(w > 0) || m < 2)
		return NAN;
	for (size_t k = 0; k < t->n_codes; k++) {
		double d = value[k] - mean;
		ss += t->wsum[k] * d * d;
		comp += t->wsum[k] * d;
	}
	double var = (ss - comp * comp / w) / w * m / (m - 1);
	return sqrt(var > 0 ? var : 0);
}

/* svyquantile's default qrule "math": the smallest value whose cumulative
 * weight reaches p times the total (R's last(cumw <= p W), then the next
 * value unless it is met exactly). */
static double wquantile(const struct ky_tally *t, const double *value, double p)
{
	double w = ky_tally_wn(t), cum = 0, target = p * w;
	for (size_t k = 0; k < t->n_codes; k++) {
		if (!(t->wsum[k] > 0))
			continue;
		cum += t->wsum[k];
		if (cum >= target * (1 - 1e-12))
			return value[k];
	}
	return NAN;
}

void ky_wstats_describe(const struct ky_tally *t, const double *value, int ordinal,
			struct ky_describe *d)
{
	memset(d, 0, sizeof(*d));
	d->n_valid = ky_tally_n(t);
	d->n_nonsubstantive = t->n_nonsubstantive;
	d->n_missing = t->n_missing;
	d->mean = d->sd = d->median = d->q1 = d->q3 = NAN;
	d->mean_ci_low = d->mean_ci_high = d->mean_se = NAN;
	d->top2_pct = d->top2_ci_low = d->top2_ci_high = NAN;
	double w = ky_tally_wn(t), q = ky_tally_wn2(t);
	uint64_t m = ky_tally_npos(t);
	d->weighted_n = w;
	d->n_eff = q > 0 ? w * w / q : NAN;
	if (!ordinal) {
		d->undef = d->undef_sd = KY_UNDEF_NOT_ORDINAL;
		return;
	}
	if (d->n_valid == 0 || !(w > 0)) {
		d->undef = d->undef_sd = KY_UNDEF_EMPTY;
		return;
	}
	d->mean = ky_wstats_mean(t, value);
	d->median = wquantile(t, value, 0.5);
	d->q1 = wquantile(t, value, 0.25);
	d->q3 = wquantile(t, value, 0.75);
	d->mean_se = ky_wstats_mean_se(t, value, d->mean);
	if (t->n_codes >= 2) {
		size_t a = t->n_codes - 2, b = t->n_codes - 1;
		double wt = t->wsum[a] + t->wsum[b], qt = t->wsum2[a] + t->wsum2[b];
		double p = wt / w;
		d->top2_pct = 100 * p;
		/* svyciprop(~I(top2), subset(design, valid), method = "logit"):
		 * a Wald interval on the logit with the delta-method SE of the
		 * domain proportion and t on the subset's degf = m - 1 */
		if (p <= 0 || p >= 1) {
			d->top2_ci_low = d->top2_ci_high = d->top2_pct;
		} else if (m >= 2) {
			double se_p = sqrt(ncorr(t) * (qt * (1 - p) * (1 - p) + (q - qt) * p * p)) / w;
			double se_l = se_p / (p * (1 - p)), l = log(p / (1 - p));
			double tq = gsl_cdf_tdist_Qinv(0.025, (double)(m - 1));
			d->top2_ci_low = 100 / (1 + exp(-(l - tq * se_l)));
			d->top2_ci_high = 100 / (1 + exp(-(l + tq * se_l)));
		}
	}
	if (m < 2) {
		d->undef_sd = KY_UNDEF_N1;
		return;
	}
	d->sd = ky_wstats_sd(t, value, d->mean);
	if (d->sd == 0 || !(d->mean_se > 0)) {
		d->undef_sd = KY_UNDEF_ZERO_VARIANCE;
		return;
	}
	/* t on degf(design) = respondents with a positive weight - 1 */
	double tq = gsl_cdf_tdist_Qinv(0.025, (double)(t->n_design_pos - 1));
	d->mean_ci_low = d->mean - tq * d->mean_se;
	d->mean_ci_high = d->mean + tq * d->mean_se;
}

/* ---- tests ------------------------------------------------------------ */

/* Upper tail of F(a, b) through the regularised incomplete beta function:
 * gsl_cdf_fdist_Q underflows to 0 far above 1e-300 (R's pf does not). */
static double f_upper(double x, double a, double b)
{
	if (!(x > 0))
		return 1;
	return gsl_sf_beta_inc(b / 2, a / 2, b / (b + a * x));
}

static double two_sided_t(double t, double df)
{
	return 2 * gsl_cdf_tdist_Q(fabs(t), df);
}

void ky_wtest_t(const struct ky_tally *a, const struct ky_tally *b, const double *value,
		struct ky_test *out)
{
	out->n_a = ky_tally_n(a);
	out->n_b = ky_tally_n(b);
	double ma = (double)ky_tally_npos(a), mb = (double)ky_tally_npos(b);
	if (ma < 2 || mb < 2) {
		out->note = "a group has fewer than 2 valid answers";
		return;
	}
	double ya = ky_wstats_mean(a, value), yb = ky_wstats_mean(b, value);
	double sa = ky_wstats_sd(a, value, ya), sb = ky_wstats_sd(b, value, yb);
	double pooled = sqrt(((ma - 1) * sa * sa + (mb - 1) * sb * sb) / (ma + mb - 2));
	if (pooled > 0)
		out->effect = (ya - yb) / pooled;
	double ea = ky_wstats_mean_se(a, value, ya), eb = ky_wstats_mean_se(b, value, yb);
	double se = sqrt(ea * ea + eb * eb);
	if (!(se > 0)) {
		out->note = "all answers identical in both groups: no t-test";
		return;
	}
	/* svyttest(x ~ g, subset(design, g %in% c(a, b))): the coefficient of
	 * the group over its sandwich SE, df = degf - 1 */
	out->statistic = (ya - yb) / se;
	out->df = ma + mb - 2;
	out->p = two_sided_t(out->statistic, out->df);
}

/* Weighted mid-rank scores of the pooled groups: code k gets
 * (weight below it + half its own weight) / total weight. */
static double wranks(const struct ky_tally *const *g, size_t n, double *score)
{
	size_t kc = g[0]->n_codes;
	double below = 0;
	for (size_t k = 0; k < kc; k++) {
		double tk = 0;
		for (size_t i = 0; i < n; i++)
			tk += g[i]->wsum[k];
		score[k] = below + tk / 2;
		below += tk;
	}
	for (size_t k = 0; k < kc; k++)
		score[k] /= below;
	return below;
}

/* Mean rank score of a group and the variance of that domain mean. */
static void rank_mean_var(const struct ky_tally *t, const double *score, double *mean,
			  double *var)
{
	*mean = ky_wstats_mean(t, score);
	double se = ky_wstats_mean_se(t, score, *mean);
	*var = se * se;
}

void ky_wtest_ranks2(const struct ky_tally *a, const struct ky_tally *b, struct ky_test *out)
{
	out->n_a = ky_tally_n(a);
	out->n_b = ky_tally_n(b);
	double wa = ky_tally_wn(a), wb = ky_tally_wn(b);
	if (!(wa > 0) || !(wb > 0)) {
		out->note = "a group has no valid answers";
		return;
	}
	const struct ky_tally *g[2] = { a, b };
	double *score = ky_xcalloc(a->n_codes ? a->n_codes : 1, sizeof(double));
	double total = wranks(g, 2, score), ra, rb, va, vb;
	rank_mean_var(a, score, &ra, &va);
	rank_mean_var(b, score, &rb, &vb);
	free(score);
	/* weighted probability that a answers higher (ties half) */
	double theta = (ra * total - wa / 2) / wb;
	out->effect = 2 * theta - 1;
	double se = sqrt(va + vb);
	if (!(se > 0)) {
		out->note = "all answers identical: no p-value";
		return;
	}
	out->statistic = (ra - rb) / se;
	out->df = (double)(ky_tally_npos(a) + ky_tally_npos(b)) - 2;
	if (out->df >= 1)
		out->p = two_sided_t(out->statistic, out->df);
}

void ky_wtest_ranks_k(const struct ky_tally *const *g, size_t n, struct ky_test *out)
{
	const struct ky_tally **use = ky_xcalloc(n ? n : 1, sizeof(*use));
	size_t m = 0;
	double npos = 0;
	for (size_t i = 0; i < n; i++) {
		out->n_a += ky_tally_n(g[i]);
		if (ky_tally_wn(g[i]) > 0) {
			use[m++] = g[i];
			npos += (double)ky_tally_npos(g[i]);
		}
	}
	if (m < 3) {
		out->note = "fewer than 3 groups with answers";
		free(use);
		return;
	}
	size_t kc = use[0]->n_codes;
	double *score = ky_xcalloc(kc ? kc : 1, sizeof(double));
	double total = wranks(use, m, score);
	/* Wald chi-square of the group differences of svyglm(score ~ g):
	 * with v_j the variance of group j's domain mean rank score, it is
	 * sum r_j^2/v_j - (sum r_j/v_j)^2 / sum 1/v_j */
	double s0 = 0, s1 = 0, s2 = 0, ssb = 0, sst = 0, grand = 0;
	int zero = 0;
	for (size_t k = 0; k < kc; k++) {
		double tk = 0;
		for (size_t i = 0; i < m; i++)
			tk += use[i]->wsum[k];
		grand += tk * score[k];
	}
	grand /= total;
	for (size_t k = 0; k < kc; k++) {
		double tk = 0;
		for (size_t i = 0; i < m; i++)
			tk += use[i]->wsum[k];
		sst += tk * (score[k] - grand) * (score[k] - grand);
	}
	for (size_t i = 0; i < m; i++) {
		double r, v;
		rank_mean_var(use[i], score, &r, &v);
		ssb += ky_tally_wn(use[i]) * (r - grand) * (r - grand);
		if (!(v > 0)) {
			zero = 1;
			continue;
		}
		s0 += 1 / v;
		s1 += r / v;
		s2 += r * r / v;
	}
	free(score);
	free(use);
	if (sst > 0)
		out->effect = ssb / sst;
	if (zero || !(sst > 0)) {
		out->note = zero && sst > 0 ? "a group's answers are all alike: no test"
					    : "all answers identical: no test";
		return;
	}
	double chisq = s2 - s1 * s1 / s0, ndf = (double)(m - 1);
	out->statistic = chisq / ndf;
	out->df = ndf;
	out->df2 = npos - 1 - ndf;
	if (out->df2 >= 1)
		out->p = f_upper(out->statistic, out->df, out->df2);
}

/* svychisq(~x + g, subset(design, valid & group shown)), statistic "F":
 * Pearson's X^2 of the weighted table scaled to the n of the subset,
 * divided by the trace of the design-effect matrix Delta (Rao & Scott),
 * F on d0 = tr(Delta)^2 / tr(Delta^2) and d0 (n - 1) degrees of freedom. */
static void chisq(const struct ky_tally *const *g, size_t n, int strata, struct ky_test *out);

void ky_wtest_chisq(const struct ky_tally *const *g, size_t n, struct ky_test *out)
{
	chisq(g, n, 0, out);
}

void ky_wtest_chisq_strata(const struct ky_tally *const *g, size_t n, struct ky_test *out)
{
	chisq(g, n, 1, out);
}

/* STRATA: every group is its own design (a survey round): its own
 * N_h/(N_h - 1), the influences centred within it over its N_h
 * respondents, and one degree of freedom less per stratum. */
static void chisq(const struct ky_tally *const *g, size_t n, int strata, struct ky_test *out)
{
	size_t kc = n ? g[0]->n_codes : 0;
	size_t *row = ky_xcalloc(n ? n : 1, sizeof(size_t)), *col = ky_xcalloc(kc ? kc : 1,
									     sizeof(size_t));
	size_t nr = 0, nc = 0;
	double nsub = 0;
	for (size_t i = 0; i < n; i++) {
		nsub += (double)ky_tally_n(g[i]);
		if (ky_tally_n(g[i]))
			row[nr++] = i;
	}
	for (size_t k = 0; k < kc; k++) {
		uint64_t c = 0;
		for (size_t r = 0; r < nr; r++)
			c += g[row[r]]->count[k];
		if (c)
			col[nc++] = k;
	}
	out->n_a = (uint64_t)nsub;
	if (nr < 2 || nc < 2) {
		out->note = nr < 2 ? "fewer than 2 groups with answers"
				   : "a single answer category used: no test";
		free(row);
		free(col);
		return;
	}
	size_t K = nr * nc, d = (nr - 1) * (nc - 1), p1 = nr + nc - 1;
	double *pc = ky_xcalloc(K, sizeof(double)), *qc = ky_xcalloc(K, sizeof(double));
	double *pr = ky_xcalloc(nr, sizeof(double)), *pk = ky_xcalloc(nc, sizeof(double));
	double wtot = 0, qtot = 0, ndes = (double)g[0]->n_design;
	for (size_t r = 0; r < nr; r++)
		for (size_t j = 0; j < nc; j++) {
			const struct ky_tally *t = g[row[r]];
			pc[r * nc + j] = t->wsum[col[j]];
			qc[r * nc + j] = t->wsum2[col[j]];
			wtot += t->wsum[col[j]];
			qtot += t->wsum2[col[j]];
		}
	for (size_t c = 0; c < K; c++) {
		pc[c] /= wtot;
		pr[c / nc] += pc[c];
		pk[c % nc] += pc[c];
	}
	/* Pearson X^2 of the table scaled to nsub */
	double x2 = 0;
	int bad = 0;
	for (size_t c = 0; c < K; c++) {
		double e = pr[c / nc] * pk[c % nc];
		if (!(e > 0)) {
			bad = 1;
			continue;
		}
		x2 += (pc[c] - e) * (pc[c] - e) / e;
	}
	x2 *= nsub;
	/* X1 = [1, row dummies, column dummies]; the interaction columns X2
	 * made orthogonal to X1 give Cmat */
	gsl_matrix *x1 = gsl_matrix_calloc(K, p1), *c2 = gsl_matrix_calloc(K, d);
	for (size_t r = 0; r < nr; r++)
		for (size_t j = 0; j < nc; j++) {
			size_t c = r * nc + j;
			gsl_matrix_set(x1, c, 0, 1);
			if (r)
				gsl_matrix_set(x1, c, r, 1);
			if (j)
				gsl_matrix_set(x1, c, nr - 1 + j, 1);
			if (r && j)
				gsl_matrix_set(c2, c, (r - 1) * (nc - 1) + (j - 1), 1);
		}
	gsl_matrix *xtx = gsl_matrix_calloc(p1, p1), *xtc = gsl_matrix_calloc(p1, d);
	gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1, x1, x1, 0, xtx);
	gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1, x1, c2, 0, xtc);
	gsl_linalg_cholesky_decomp1(xtx);
	for (size_t j = 0; j < d; j++) {
		gsl_vector_view v = gsl_matrix_column(xtc, j);
		gsl_linalg_cholesky_svx(xtx, &v.vector);
	}
	gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, -1, x1, xtc, 1, c2);   /* C = X2 - X1 b */
	/* A = diag(1/p) C; denom = C' diag(1/p) C / nsub; numr = A' V A with
	 * V = N/(N-1) (diag(Q) - q p' - p q' + Qsum p p') / W^2 */
	gsl_matrix *a = gsl_matrix_calloc(K, d), *den = gsl_matrix_calloc(d, d);
	gsl_matrix *num = gsl_matrix_calloc(d, d);
	for (size_t c = 0; c < K; c++)
		for (size_t j = 0; j < d; j++)
			gsl_matrix_set(a, c, j, pc[c] > 0 ? gsl_matrix_get(c2, c, j) / pc[c] : 0);
	gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1 / nsub, c2, a, 0, den);
	double vf = (ndes > 1 ? ndes / (ndes - 1) : NAN) / (wtot * wtot);
	/* A' V A = vf (A' diag(Q) A - u s' - s u' + Qsum s s'), s = A' p, u = A' q */
	double *sv = ky_xcalloc(d, sizeof(double)), *uv = ky_xcalloc(d, sizeof(double));
	for (size_t j = 0; j < d; j++)
		for (size_t c = 0; c < K; c++) {
			sv[j] += gsl_matrix_get(a, c, j) * pc[c];
			uv[j] += gsl_matrix_get(a, c, j) * qc[c];
		}
	if (!strata) {
		for (size_t i = 0; i < d; i++)
			for (size_t j = 0; j < d; j++) {
				double s = 0;
				for (size_t c = 0; c < K; c++)
					s += gsl_matrix_get(a, c, i) * qc[c] * gsl_matrix_get(a, c, j);
				s += -uv[i] * sv[j] - sv[i] * uv[j] + qtot * sv[i] * sv[j];
				gsl_matrix_set(num, i, j, vf * s);
			}
	} else {
		/* per stratum h (row r): f_h (S_h - N_h zbar zbar') / W^2 with
		 * S_h = A'(diag(Q_h) - q_h p' - p q_h' + Q_h p p')A and
		 * N_h zbar = A'(W_h e_h - W_h p)/... in units of 1/W */
		double *uh = ky_xcalloc(d, sizeof(double)), *zh = ky_xcalloc(d, sizeof(double));
		for (size_t r = 0; r < nr; r++) {
			double nh = (double)g[row[r]]->n_design, qh = 0, wh = 0;
			double fh = nh > 1 ? nh / (nh - 1) : NAN;
			memset(uh, 0, d * sizeof(double));
			memset(zh, 0, d * sizeof(double));
			for (size_t j = 0; j < nc; j++) {
				size_t c = r * nc + j;
				qh += qc[c];
				wh += pc[c] * wtot;
				for (size_t i = 0; i < d; i++) {
					uh[i] += gsl_matrix_get(a, c, i) * qc[c];
					zh[i] += gsl_matrix_get(a, c, i) * pc[c] * wtot;
				}
			}
			for (size_t i = 0; i < d; i++)
				zh[i] -= wh * sv[i];          /* sum of the stratum's influences, times W */
			for (size_t i = 0; i < d; i++)
				for (size_t j = 0; j < d; j++) {
					double s = 0;
					for (size_t jj = 0; jj < nc; jj++) {
						size_t c = r * nc + jj;
						s += gsl_matrix_get(a, c, i) * qc[c] * gsl_matrix_get(a, c, j);
					}
					s += -uh[i] * sv[j] - sv[i] * uh[j] + qh * sv[i] * sv[j];
					s -= zh[i] * zh[j] / nh;
					gsl_matrix_set(num, i, j, gsl_matrix_get(num, i, j) +
						       fh * s / (wtot * wtot));
				}
		}
		free(uh);
		free(zh);
	}
	/* Delta = den^-1 num */
	gsl_permutation *perm = gsl_permutation_alloc(d);
	int sign;
	gsl_linalg_LU_decomp(den, perm, &sign);
	for (size_t j = 0; j < d; j++) {
		gsl_vector_view v = gsl_matrix_column(num, j);
		gsl_linalg_LU_svx(den, perm, &v.vector);
	}
	double tr = 0, tr2 = 0;
	for (size_t i = 0; i < d; i++) {
		tr += gsl_matrix_get(num, i, i);
		for (size_t j = 0; j < d; j++)
			tr2 += gsl_matrix_get(num, i, j) * gsl_matrix_get(num, j, i);
	}
	gsl_permutation_free(perm);
	gsl_matrix_free(x1);
	gsl_matrix_free(c2);
	gsl_matrix_free(xtx);
	gsl_matrix_free(xtc);
	gsl_matrix_free(a);
	gsl_matrix_free(den);
	gsl_matrix_free(num);
	free(sv);
	free(uv);
	free(pc);
	free(qc);
	free(pr);
	free(pk);
	free(row);
	free(col);
	size_t small = nr < nc ? nr : nc;
	if (!bad)
		out->effect = sqrt(x2 / (nsub * (double)(small - 1)));
	if (bad || !(tr > 0) || !(tr2 > 0)) {
		out->note = "no design effect estimable: no test";
		return;
	}
	double d0 = tr * tr / tr2;
	out->statistic = x2 / tr;
	out->df = d0;
	out->df2 = d0 * (nsub - (strata ? (double)nr : 1));
	out->p = f_upper(out->statistic, out->df, out->df2);
}
