/* columns.c - the survey's columns and group slots as the rest of the
 * engine reads them (types, distinct texts, slots, group names) and its
 * warnings for the user. */
#include "ky_survey.h"

#include <stdarg.h>

#include "base/dict_int.h"
#include "ky_buf.h"
#include "survey_int.h"

const char *ky_coltype_name(enum ky_coltype t)
{
	static const char *const names[] = { "empty", "metadata", "group", "scale",
					     "numeric", "categorical", "open", "choice" };
	return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] : "?";
}

int ky_column_is_item(const struct ky_column *c)
{
	return c->type == KY_COL_SCALE || c->type == KY_COL_NUMERIC ||
	       c->type == KY_COL_CATEGORICAL;
}

size_t ky_column_n_values(const struct ky_column *c)
{
	return ((const struct ky_dict *)c->values)->n;
}

const char *ky_column_value(const struct ky_column *c, size_t i)
{
	return ((const struct ky_dict *)c->values)->str[i];
}

size_t ky_survey_slot(const struct ky_survey *s, size_t g, size_t value_id)
{
	return s->grouping[g].slot_of[value_id];
}

const char *ky_survey_group_name(const struct ky_survey *s, size_t g, size_t value_id)
{
	return ((const struct ky_dict *)s->grouping[g].values)->str[value_id];
}

void ky_survey_warn(struct ky_survey *s, const char *fmt, ...)
{
	struct ky_buf b = KY_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ky_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	s->warning = ky_xrealloc(s->warning, (s->n_warnings + 1) * sizeof(*s->warning));
	s->warning[s->n_warnings++] = ky_buf_detach(&b, NULL);
}
