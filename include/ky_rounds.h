/* ky_rounds.h - survey rounds compared: items matched across rounds and
 * the change of each matched item, computed from the rounds' count tables.
 *
 * Matching (ky_rounds_match), round by round from the first:
 *   1. a definition's [item] was = lists the item's texts in earlier rounds;
 *   2. the same id, when the id is the export's own short code (ST24Q01),
 *      not a position (Q7);
 *   3. the same question text after normalisation (Unicode NFC, case folded,
 *      white space collapsed, NBSP as space, trailing colons dropped).
 * An item matched in two rounds whose scales differ (family, number of
 * levels or values) is "rescaled" and not compared.
 *
 * Changes (ky_rounds_changes) between consecutive rounds, and first vs last
 * when there are three or more; direction always later minus earlier:
 *   mean difference with its 95 % Welch interval   R: t.test(b, a)$conf.int
 *   top-2-box difference (percentage points) with the 95 % Newcombe hybrid
 *   score interval (Newcombe 1998, method 10, from Wilson limits)
 *   Mann-Whitney U of the later round (R: wilcox.test(b, a, exact = FALSE,
 *   correct = TRUE)), rank-biserial r = 2U/(n_a n_b) - 1 (positive: later higher)
 *   chi-square of round x answer (R: chisq.test(correct = FALSE))
 *   Holm and BH over the items of a block (per round pair, grouping, group).
 * A group hidden for anonymity in either round gives a row without numbers.
 */
#ifndef KY_ROUNDS_H
#define KY_ROUNDS_H

#include <stddef.h>
#include <stdint.h>

#include "ky_buf.h"
#include "ky_compare.h"
#include "ky_survey.h"

#define KY_NO_COL ((size_t)-1)

struct ky_round {
	const struct ky_survey *s;
	const char *name;            /* the definition's round, else the file name */
};

/* ... KY_MATCH_STATEMENT: the text after the question stem, when the stems
 * differ (asked of another audience, or reworded) and the statement is one
 * item's only in both rounds. */
enum ky_match_how { KY_MATCH_FIRST, KY_MATCH_WAS, KY_MATCH_ID, KY_MATCH_TEXT,
		    KY_MATCH_STATEMENT };

/* One item followed across the rounds. */
struct ky_item_line {
	size_t *col;                 /* [n_rounds] its column in each round, or KY_NO_COL */
	enum ky_match_how *how;      /* [n_rounds] how it was matched to the round before */
	size_t last;                 /* the latest round that has it */
	char *rescaled;              /* why its scale is not comparable, or NULL */
};

/* The groupings compared: those present (by header) in every round. */
struct ky_rounds_grouping {
	const char *name;            /* the header in the latest round */
	size_t *g;                   /* [n_rounds] grouping index in each round */
	size_t n_groups;
	char **group;                /* [n_groups] names over all rounds, sorted */
};

struct ky_rounds {
	size_t n_rounds;
	const struct ky_round *round;
	size_t n_lines;
	struct ky_item_line *line;
	size_t n_groupings;
	struct ky_rounds_grouping *grouping;
	size_t n_pairs;
	size_t (*pair)[2];           /* [n_pairs] (earlier, later) round indices */
};

/* Matches the items of ROUNDS (N >= 2, in order earlier to later). */
struct ky_rounds *ky_rounds_match(const struct ky_round *rounds, size_t n);
void ky_rounds_free(struct ky_rounds *r);

/* Whether line L is an item of round R analysed in the comparison. */
const struct ky_column *ky_rounds_col(const struct ky_rounds *r, size_t line, size_t round);

/* One row of changes.csv. */
struct ky_change {
	size_t line, pair;
	size_t grouping;             /* index into r->grouping, or (size_t)-1 for all */
	const char *group;           /* "*" or the group's name */
	uint64_t n_a, n_b;
	double mean_a, mean_b, diff, diff_lo, diff_hi;
	double top2_a, top2_b, top2_diff, top2_lo, top2_hi;   /* percent, points */
	struct ky_test mw, chi;
	double p_holm, p_bh;
	int suppressed;
	int absent;                  /* the group is missing from a round */
	const char *note;            /* static English text, or NULL */
};

/* Every change: lines in the latest round's column order, for each the
 * round pairs, then all respondents and every group of every grouping.
 * Caller frees *OUT. */
size_t ky_rounds_changes(const struct ky_rounds *r, struct ky_change **out);

/* Newcombe's hybrid score interval for P_B - P_A (proportions 0..1) from
 * X of N successes each, at confidence CONF; NaN when an N is 0. */
void ky_newcombe(uint64_t xa, uint64_t na, uint64_t xb, uint64_t nb, double conf, double *lo,
		 double *hi);
/* Welch interval of mean B - mean A; NaN when it cannot be computed. */
void ky_welch_ci(const struct ky_tally *a, const struct ky_tally *b, const double *value,
		 double conf, double *lo, double *hi);

/* Normalised question text for matching (NFC, case folded, spaces). */
char *ky_match_text(const char *s);

/* Id and text of line L (from its latest round). */
const struct ky_column *ky_rounds_latest(const struct ky_rounds *r, size_t line);

#endif
