/* scale_acc_int.h - the exact sums of a block's complete cases, as
 * scale_acc.c adds them and scales.c reads them (engine-internal). */
#ifndef KY_SCALE_ACC_INT_H
#define KY_SCALE_ACC_INT_H

#include <stdint.h>
#include <stddef.h>

/* Every item value times DEN is an integer (DEN the smallest of a few
 * powers of 2, 5 and 10 that makes it one), so the sums, the sums of
 * products and the score sums are exact integers: they do not depend on
 * the order the respondents are added in, and merge by addition.  Whether
 * they come from the patterns in memory or partly from those spilled to a
 * file (spill.c), the results are the same to the last bit. */
#define ACC_MAX 10000           /* |value x DEN|: the sums of products fit int64 */
#define ACC_SMALL 2047          /* |value x DEN| for the int16 batch (256 products fit int32) */
#define ACC_BATCH 256           /* respondents per batch of sums of products */
#define ACC_RANGE (1u << 20)    /* score sums from lowest to highest at most */
#define ACC_NONE INT32_MIN      /* a value id that is not a scale value */


struct ky_scale_acc {
	size_t k;                   /* items */
	size_t n_slots;
	long den;
	int32_t *x;                 /* [k * KY_PATTERN_VALUES] item value x DEN per value id */
	int64_t lo;                 /* the lowest possible score sum */
	size_t range;               /* score sums lo .. lo + range - 1 */
	uint64_t n;                 /* complete cases */
	int64_t *s, *ss;            /* [k] sums, [k * k] sums of products (i <= j) */
	uint64_t *score;            /* [n_slots * range] respondents per slot and score sum */
	int small;                  /* every |value x DEN| <= ACC_SMALL: batches */
	int16_t *batch;             /* [k * ACC_BATCH] item-major */
	size_t nb;
	int32_t *row;               /* [k] scratch */
};

/* Adds the batch of sums of products still pending into a->ss. */
void ky_scale_acc_flush(struct ky_scale_acc *a);

#endif
