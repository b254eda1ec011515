/* survey_int.h - shared between the survey pass and the classifier. */
#ifndef KY_SURVEY_INT_H
#define KY_SURVEY_INT_H

#include "ky_survey.h"

/* Classifies every column, resolves scales and blocks, folds the text
 * counts into code tallies and orders the groups. */
int ky_survey_classify(struct ky_survey *s, struct ky_error *err);

/* Adds a warning line for the user. */
void ky_survey_warn(struct ky_survey *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Whether a header names respondent metadata (id, timestamps, e-mail). */
int ky_header_is_metadata(const char *header);

/* Answer patterns (pattern.c): segments are set up after the header (one
 * per block of the definition, DEF_COLS[b] with DEF_N[b] columns, then the
 * runs of one stem among the other columns), each
 * record is counted with the value id of each column (VID, (size_t)-1 for an
 * empty cell, (size_t)-2 beyond the distinct-text limit) and of each
 * grouping (GID, (size_t)-1 for none). */
void ky_segments_init(struct ky_survey *s, const size_t *const *def_cols, const size_t *def_n,
		      size_t n_def);
void ky_segments_count(struct ky_survey *s, const size_t *vid, const size_t *gid);
void ky_segments_free(struct ky_survey *s);

/* Multi-select and ranking questions (choice.c), found before the columns
 * are classified: their columns get KY_COL_CHOICE. */
void ky_survey_find_choices(struct ky_survey *s);
/* Counts of the choice questions, after the groups are known. */
void ky_survey_count_choices(struct ky_survey *s);
void ky_choices_free(struct ky_survey *s);

/* Multi-item scales (scales.c): reliability and scale scores per block. */
void ky_survey_block_scales(struct ky_survey *s);
void ky_block_scale_free(struct ky_block_scale *b, size_t n_slots);

/* Anonymity rule applied to one count per slot (answered) and its valid
 * part: sets HIDE[slot] (see ky_survey_suppressed). */
void ky_survey_hide_small(const struct ky_survey *s, const uint64_t *valid,
			  const uint64_t *answered, unsigned char *hide);

#endif
