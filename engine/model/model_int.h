/* model_int.h - the model room's private interface (classify.c), for
 * the model's own files and the rooms above it. */
#ifndef KY_MODEL_INT_H
#define KY_MODEL_INT_H

#include "ky_survey.h"

/* Repeated statements (classify.c; the audiences of #22 build on them):
 * the text a column states (its statement, else its header); whether
 * column J repeats the statement of a column in [FIRST, J) (a block's run
 * of statements ends there: Microsoft Forms' copies of one question over
 * the same statements); and, once the blocks are made, each block's
 * `repeats` (the earlier block with the same statements in the same order,
 * or KY_NO_BLOCK). */
const char *ky_column_statement(const struct ky_column *c);
int ky_statement_repeats(const struct ky_survey *s, size_t first, size_t j);
void ky_blocks_mark_repeats(struct ky_survey *s);

/* Questions asking for a written answer ("Kerro...", "Vapaa sana",
 * "Comments") and the "other, what?" text of a choice ("Muu, mikä?",
 * "Other (please specify)"), from a header or statement (classify.c). */
int ky_open_question(const char *text);
int ky_other_question(const char *text);

#endif
