/* stats.c - descriptive statistics from a count table: two exact passes for
 * mean and SD, R type-7 quantiles from cumulative counts, t-interval of the
 * mean and the Wilson interval of the top-2-box share (GSL distributions).
 *
 * The stats room (engine/stats) owns statistics computed from count tables
 * (descriptives, tests between groups, rounds compared), never from rows.
 * It uses base, ingest, count and model, and writes no file. */
#include "ky_stats.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

const char *ky_undef_reason(enum ky_undef u)
{
	switch (u) {
	case KY_DEFINED: return "";
	case KY_UNDEF_EMPTY: return "no valid answers";
	case KY_UNDEF_N1: return "only one valid answer: no SD or interval";
	case KY_UNDEF_ZERO_VARIANCE: return "all valid answers identical: SD 0";
	case KY_UNDEF_NOT_ORDINAL: return "categories without order: counts only";
	case KY_SUPPRESSED: return "suppressed for anonymity";
	}
	return "";
}

double ky_stats_mean(const struct ky_tally *t, const double *value)
{
	uint64_t n = ky_tally_n(t);
	if (n == 0)
		return NAN;
	/* sum of count * value, exact for integer codes far beyond survey sizes */
	double sum = 0;
	for (size_t k = 0; k < t->n_codes; k++)
		sum += (double)t->count[k] * value[k];
	double mean = sum / (double)n;
	/* second pass: correct the rounding of the first (PSPP/GSL practice) */
	double corr = 0;
	for (size_t k = 0; k < t->n_codes; k++)
		corr += (double)t->count[k] * (value[k] - mean);
	return mean + corr / (double)n;
}

double ky_stats_sd(const struct ky_tally *t, const double *value)
{
	uint64_t n = ky_tally_n(t);
	if (n < 2)
		return NAN;
	double mean = ky_stats_mean(t, value), ss = 0, comp = 0;
	for (size_t k = 0; k < t->n_codes; k++) {
		double d = value[k] - mean;
		ss += (double)t->count[k] * d * d;
		comp += (double)t->count[k] * d;
	}
	/* corrected two-pass formula: subtracts the residual of the mean */
	double var = (ss - comp * comp / (double)n) / (double)(n - 1);
	return sqrt(var > 0 ? var : 0);
}

double ky_stats_quantile7(const struct ky_tally *t, const double *value, double p)
{
	uint64_t n = ky_tally_n(t), cum = 0;
	if (n == 0 || !(p >= 0 && p <= 1))
		return NAN;
	double h = (double)(n - 1) * p, frac = h - floor(h), x_lo = NAN;
	uint64_t lo = (uint64_t)floor(h);
	for (size_t k = 0; k < t->n_codes; k++) {
		if (t->count[k] == 0)
			continue;
		cum += t->count[k];           /* positions cum-count .. cum-1 hold value[k] */
		if (isnan(x_lo) && lo < cum) {
			x_lo = value[k];
			if (frac == 0 || lo + 1 < cum)
				return x_lo;
		} else if (!isnan(x_lo)) {
			return x_lo + frac * (value[k] - x_lo);
		}
	}
	return x_lo;
}

void ky_stats_wilson(uint64_t x, uint64_t n, double conf, double *lo, double *hi)
{
	*lo = *hi = NAN;
	if (n == 0 || x > n || !(conf > 0 && conf < 1))
		return;
	double z = gsl_cdf_ugaussian_Pinv(1 - (1 - conf) / 2), nn = (double)n;
	double phat = (double)x / nn, z2 = z * z;
	double centre = (phat + z2 / (2 * nn)) / (1 + z2 / nn);
	double half = z * sqrt(phat * (1 - phat) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
	*lo = x == 0 ? 0 : fmax(0, centre - half);
	*hi = x == n ? 1 : fmin(1, centre + half);
}

void ky_stats_mean_ci(double mean, double sd, uint64_t n, double conf, double *lo, double *hi)
{
	*lo = *hi = NAN;
	if (n < 2 || !isfinite(mean) || !isfinite(sd) || !(conf > 0 && conf < 1))
		return;
	double t = gsl_cdf_tdist_Qinv((1 - conf) / 2, (double)(n - 1));
	double half = t * sd / sqrt((double)n);
	*lo = mean - half;
	*hi = mean + half;
}

void ky_stats_describe(const struct ky_tally *t, const double *value, int ordinal,
		       struct ky_describe *d)
{
	if (ky_tally_weighted(t)) {
		ky_wstats_describe(t, value, ordinal, d);
		return;
	}
	memset(d, 0, sizeof(*d));
	d->weighted_n = d->n_eff = d->mean_se = NAN;
	d->n_valid = ky_tally_n(t);
	d->n_nonsubstantive = t->n_nonsubstantive;
	d->n_missing = t->n_missing;
	d->mean = d->sd = d->median = d->q1 = d->q3 = NAN;
	d->mean_ci_low = d->mean_ci_high = NAN;
	d->top2_pct = d->top2_ci_low = d->top2_ci_high = NAN;
	if (!ordinal) {
		d->undef = d->undef_sd = KY_UNDEF_NOT_ORDINAL;
		return;
	}
	if (d->n_valid == 0) {
		d->undef = d->undef_sd = KY_UNDEF_EMPTY;
		return;
	}
	d->mean = ky_stats_mean(t, value);
	d->median = ky_stats_quantile7(t, value, 0.5);
	d->q1 = ky_stats_quantile7(t, value, 0.25);
	d->q3 = ky_stats_quantile7(t, value, 0.75);
	if (t->n_codes >= 2) {
		uint64_t top = t->count[t->n_codes - 1] + t->count[t->n_codes - 2];
		double lo, hi;
		ky_stats_wilson(top, d->n_valid, 0.95, &lo, &hi);
		d->top2_pct = 100.0 * (double)top / (double)d->n_valid;
		d->top2_ci_low = 100.0 * lo;
		d->top2_ci_high = 100.0 * hi;
	}
	if (d->n_valid == 1) {
		d->undef_sd = KY_UNDEF_N1;
		return;
	}
	d->sd = ky_stats_sd(t, value);
	if (d->sd == 0) {
		/* R's t.test stops with "data are essentially constant": no interval */
		d->undef_sd = KY_UNDEF_ZERO_VARIANCE;
		return;
	}
	ky_stats_mean_ci(d->mean, d->sd, d->n_valid, 0.95, &d->mean_ci_low, &d->mean_ci_high);
}

void ky_stats_nps(uint64_t promoters, uint64_t passives, uint64_t detractors, double conf,
		  struct ky_nps *out)
{
	uint64_t n = promoters + passives + detractors;
	memset(out, 0, sizeof(*out));
	out->n = n;
	out->score = out->ci_low = out->ci_high = NAN;
	if (!n) {
		out->undef_ci = KY_UNDEF_EMPTY;
		return;
	}
	/* the scores as a three-code tally: -100, 0, +100 */
	uint64_t cnt[3] = { detractors, passives, promoters };
	const double value[3] = { -100, 0, 100 };
	struct ky_tally t = { .n_codes = 3, .count = cnt };
	out->score = ky_stats_mean(&t, value);
	if (n < 2) {
		out->undef_ci = KY_UNDEF_N1;
		return;
	}
	double sd = ky_stats_sd(&t, value);
	if (sd == 0) {
		out->undef_ci = KY_UNDEF_ZERO_VARIANCE;
		return;
	}
	ky_stats_mean_ci(out->score, sd, n, conf, &out->ci_low, &out->ci_high);
}
