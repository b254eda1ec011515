/* ky_stats.h - statistics computed from count tables (never from rows).
 *
 * Conventions (written out in docs/statistics.md):
 * - mean and SD (n-1) by two exact passes over the codes, weighting by count;
 * - quantiles are R's type 7, walking cumulative counts;
 * - 95 % mean interval: mean +- t(0.975, n-1) * sd / sqrt(n);
 * - top-2-box: share of valid answers in the two highest codes, with the
 *   95 % Wilson score interval (no continuity correction), in percent.
 * Undefined results are NaN together with a reason (enum ky_undef), so that
 * tables print an empty cell with an explanation and never a bare "nan".
 */
#ifndef KY_STATS_H
#define KY_STATS_H

#include <stdint.h>

#include "ky_tally.h"

enum ky_undef {
	KY_DEFINED = 0,
	KY_UNDEF_EMPTY,           /* n = 0 */
	KY_UNDEF_N1,              /* n = 1: no SD, no interval */
	KY_UNDEF_ZERO_VARIANCE,   /* all answers identical (interval has width 0) */
	KY_UNDEF_NOT_ORDINAL,     /* categorical: no mean, quantiles or top-2 */
	KY_SUPPRESSED             /* below the anonymity threshold */
};

/* Human-readable reason, in English, for notes ("no valid answers"). */
const char *ky_undef_reason(enum ky_undef u);

struct ky_describe {
	uint64_t n_valid, n_nonsubstantive, n_missing;
	double mean, sd, median, q1, q3;
	double mean_ci_low, mean_ci_high;
	double top2_pct, top2_ci_low, top2_ci_high;    /* percent, 0..100 */
	enum ky_undef undef;        /* why mean/quantiles/top-2 are NaN */
	enum ky_undef undef_sd;     /* why sd/mean CI are NaN (n<2) */
	/* weighted tallies only (else NaN): the sum of the weights of the
	 * valid answers, Kish's effective n (sum w)^2 / sum w^2, and the
	 * standard error of the mean (svymean, domain estimation) */
	double weighted_n, n_eff, mean_se;
};

/* Fills OUT from tally T whose code k has numeric value VALUE[k] (ascending).
 * ORDINAL = 0 gives counts only (mean, quantiles and top-2 NaN with
 * KY_UNDEF_NOT_ORDINAL).  Top-2 needs at least 2 codes. */
void ky_stats_describe(const struct ky_tally *t, const double *value, int ordinal,
		       struct ky_describe *out);

/* The weighted statistics of a tally with weighted sums (weighted.c):
 * what ky_stats_describe gives for such a tally.  R's survey package for
 * svydesign(ids = ~1, weights = ~w): svymean (domain), svyvar, svyquantile
 * (qrule "math"), svyciprop(method = "logit"); docs/statistics.md. */
void ky_wstats_describe(const struct ky_tally *t, const double *value, int ordinal,
			struct ky_describe *out);
/* Weighted mean and its standard error (svymean, na.rm = TRUE). */
double ky_wstats_mean(const struct ky_tally *t, const double *value);
double ky_wstats_mean_se(const struct ky_tally *t, const double *value, double mean);
/* Weighted SD: sqrt(svyvar) on the valid answers of the tally. */
double ky_wstats_sd(const struct ky_tally *t, const double *value, double mean);

/* Mean and SD (n-1) of a tally; NaN when n = 0 (mean) or n < 2 (sd). */
double ky_stats_mean(const struct ky_tally *t, const double *value);
double ky_stats_sd(const struct ky_tally *t, const double *value);

/* Quantile, R type 7: 0-based position h = (n-1)p.  NaN if n = 0 or p
 * outside [0,1]. */
double ky_stats_quantile7(const struct ky_tally *t, const double *value, double p);

/* Wilson score interval for X successes of N at confidence CONF (0.95),
 * as proportions 0..1.  N = 0 gives NaN. */
void ky_stats_wilson(uint64_t x, uint64_t n, double conf, double *lo, double *hi);

/* t-interval for a mean: MEAN +- t(1-(1-CONF)/2, n-1) * SD/sqrt(N). */
void ky_stats_mean_ci(double mean, double sd, uint64_t n, double conf, double *lo, double *hi);

/* Net Promoter Score from the counts of promoters, passives and detractors:
 * the mean of respondent scores +100 / 0 / -100, with the t interval of
 * that mean (R: t.test(score)$conf.int).  NaN interval when n < 2 or all
 * respondents are in one category. */
struct ky_nps {
	uint64_t n;
	double score, ci_low, ci_high;
	enum ky_undef undef_ci;
};
void ky_stats_nps(uint64_t promoters, uint64_t passives, uint64_t detractors, double conf,
		  struct ky_nps *out);

#endif
