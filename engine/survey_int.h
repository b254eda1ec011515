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

#endif
