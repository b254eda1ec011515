/* ky_tally.h - count tables: the only thing statistics are computed from.
 *
 * A tally holds exact integer counts per scale code for one (item, group,
 * round).  Codes are dense indices 0 .. n_codes-1 in scale order (lowest or
 * most negative first); the numeric value of each code lives beside the
 * scale (`value[k]`, e.g. 1..k for a labelled Likert scale, the number itself
 * for a numeric rating).  Tallies merge by element-wise addition.
 */
#ifndef KY_TALLY_H
#define KY_TALLY_H

#include <stddef.h>
#include <stdint.h>

struct ky_tally {
	size_t n_codes;              /* scale codes 0 .. n_codes-1, dense */
	uint64_t *count;             /* exact integer counts; merge = element-wise + */
	uint64_t n_missing;          /* empty cells */
	uint64_t n_nonsubstantive;   /* "Don't know", "Not used", ... (no code) */
	/* Weighted runs only (NULL / 0 in an unweighted run): per code the sum
	 * of the respondents' weights, of their squares, and how many of them
	 * have a positive weight; every weighted estimator of docs/statistics.md
	 * depends on the respondents only through these. */
	double *wsum;                /* [n_codes] sum of w */
	double *wsum2;               /* [n_codes] sum of w^2 */
	uint64_t *npos;              /* [n_codes] answers with w > 0 */
	double w_nonsubstantive;     /* sum of w over the non-substantive answers */
	uint64_t n_design;           /* respondents of the whole design (N of N/(N-1)) */
	uint64_t n_design_pos;       /* of them with w > 0 (R's degf(design) + 1) */
};

/* Allocates a zeroed tally with N_CODES codes (N_CODES may be 0). */
void ky_tally_init(struct ky_tally *t, size_t n_codes);
/* The same with the weighted sums (zeroed) as well. */
void ky_tally_init_weighted(struct ky_tally *t, size_t n_codes);
void ky_tally_release(struct ky_tally *t);
/* Whether T carries weighted sums. */
static inline int ky_tally_weighted(const struct ky_tally *t) { return t->wsum != NULL; }
/* Adds SRC into DST; both must have the same n_codes (asserted). */
void ky_tally_merge(struct ky_tally *dst, const struct ky_tally *src);
/* Number of valid (coded) answers. */
uint64_t ky_tally_n(const struct ky_tally *t);
/* Weighted: the sum of weights (and of squared weights) of the valid answers,
 * and the valid answers with a positive weight. */
double ky_tally_wn(const struct ky_tally *t);
double ky_tally_wn2(const struct ky_tally *t);
uint64_t ky_tally_npos(const struct ky_tally *t);
/* Percent of the valid answers at code K: of the weights when T is
 * weighted, else of the counts; NaN when there are none. */
double ky_tally_pct(const struct ky_tally *t, size_t k);

#endif
