/* ky_compare.h - tests between groups, computed from count tables.
 *
 * Every function takes the tallies of the groups (codes in ascending value
 * order, values in VALUE) and never sees rows.  Ties are handled with
 * mid-ranks of the pooled counts.  Conventions follow R (docs/statistics.md):
 *   mann_whitney   wilcox.test(exact = FALSE, correct = TRUE); statistic U of
 *                  group a (R's W); effect rank-biserial r = 2U/(n_a n_b) - 1
 *   welch_t        t.test (Welch), t for mean_a - mean_b; effect Cohen's d
 *                  with the pooled SD
 *   kruskal_wallis kruskal.test; effect epsilon^2 = H / (n - 1)
 *   chi_square     chisq.test(correct = FALSE) on groups x codes with all-zero
 *                  rows and columns dropped; effect Cramer's V
 *   fisher_exact   fisher.test, two-sided, for a 2x2 table (after dropping)
 *                  with an expected count below 5; effect Cramer's V (phi)
 * A result that cannot be computed has NaN numbers and a NOTE saying why.
 */
#ifndef KY_COMPARE_H
#define KY_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "ky_tally.h"

enum ky_test_kind {
	KY_TEST_MANN_WHITNEY,
	KY_TEST_WELCH_T,
	KY_TEST_KRUSKAL_WALLIS,
	KY_TEST_CHI_SQUARE,
	KY_TEST_FISHER_EXACT
};

struct ky_test {
	enum ky_test_kind kind;
	uint64_t n_a, n_b;          /* pairs: the two groups; others: n_a = n used, n_b = 0 */
	double statistic, df, p, effect;
	double df2;                 /* weighted runs: the denominator df of an F (else NaN) */
	const char *note;           /* static English text when something is undefined, else NULL */
};

const char *ky_test_name(enum ky_test_kind k);        /* "mann_whitney", ... */
const char *ky_test_effect_name(enum ky_test_kind k); /* "rank_biserial", ... */

void ky_test_mann_whitney(const struct ky_tally *a, const struct ky_tally *b,
			  const double *value, struct ky_test *out);
void ky_test_welch(const struct ky_tally *a, const struct ky_tally *b, const double *value,
		   struct ky_test *out);
/* Over the N groups with at least one answer; needs 3 or more such groups. */
void ky_test_kruskal_wallis(const struct ky_tally *const *g, size_t n, const double *value,
			    struct ky_test *out);
/* Chi-square of the N groups; returns 1 and fills FISHER when the dropped
 * table is 2x2 with an expected count below 5, else 0. */
int ky_test_chi_square(const struct ky_tally *const *g, size_t n, struct ky_test *chi,
		       struct ky_test *fisher);

/* The weighted tests (weighted.c), which the functions above run when the
 * tallies carry weighted sums: svyranktest (two groups: t; three or more:
 * F), svyttest and svychisq's Rao-Scott F; docs/statistics.md. */
void ky_wtest_ranks2(const struct ky_tally *a, const struct ky_tally *b, struct ky_test *out);
void ky_wtest_t(const struct ky_tally *a, const struct ky_tally *b, const double *value,
		struct ky_test *out);
void ky_wtest_ranks_k(const struct ky_tally *const *g, size_t n, struct ky_test *out);
void ky_wtest_chisq(const struct ky_tally *const *g, size_t n, struct ky_test *out);
/* The same when each group is a design of its own (rounds: a stratum each). */
void ky_wtest_chisq_strata(const struct ky_tally *const *g, size_t n, struct ky_test *out);

/* Holm and Benjamini-Hochberg adjustment of the N p-values P (NaN entries
 * are left out of the family and stay NaN), as R's p.adjust. */
void ky_p_adjust(const double *p, size_t n, double *holm, double *bh);

#endif
