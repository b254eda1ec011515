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
};

/* Allocates a zeroed tally with N_CODES codes (N_CODES may be 0). */
void ky_tally_init(struct ky_tally *t, size_t n_codes);
void ky_tally_release(struct ky_tally *t);
/* Adds SRC into DST; both must have the same n_codes (asserted). */
void ky_tally_merge(struct ky_tally *dst, const struct ky_tally *src);
/* Number of valid (coded) answers. */
uint64_t ky_tally_n(const struct ky_tally *t);

#endif
