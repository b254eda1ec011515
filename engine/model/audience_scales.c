/* audience_scales.c - whether the audiences of a statement answered on one
 * scale.  Each audience's own answers (the texts counted in its group) are
 * read against the lexicon: the scales that take all of them.  When one
 * scale takes every audience's answers they are one scale: residents' 0-5
 * with 0 = "En ole käyttänyt" and staff's 1-5 (the non-substantive answer is
 * no level), or a 4-point agreement scale beside the 5-point one (the same
 * labels are the same levels).  A 5-point and a 7-point scale, two families,
 * or labels beside numbers are not: such a statement is shown per audience
 * and not tested between them (ky_audience.differ). */
#include <stdlib.h>
#include <string.h>

#include "base/dict_int.h"
#include "count/survey_int.h"
#include "ky_buf.h"
#include "ky_scale.h"

/* What one audience's answers to a statement are: none (nothing to
 * tell), numbers only, or labels that the lexicon scales in MASK take
 * (0: no lexicon scale takes them all). */
enum kind { NOTHING, NUMBERS, LABELS };

static enum kind answers_of(const struct ky_column *c, size_t slot, struct ky_buf *b,
			    uint64_t *mask)
{
	size_t n_lex = ky_lexicon_size() < 64 ? ky_lexicon_size() : 64;
	*mask = n_lex == 64 ? ~0ull : (1ull << n_lex) - 1;
	if (slot >= c->slot_cap)
		return NOTHING;
	const struct ky_vslot *v = &c->slot[slot];
	const struct ky_dict *d = c->values;
	int numbers = 0, words = 0;
	for (size_t i = 0; i < d->n && i < v->cap; i++) {
		if (!v->count[i])
			continue;
		const char *norm = ky_label_normalize(b, d->str[i]);
		if (ky_label_is_nonsubstantive(norm))
			continue;
		char *end;
		strtod(norm, &end);
		if (*norm && !*end) {
			numbers = 1;
			continue;
		}
		words = 1;
		const char *bare = ky_label_strip_number(norm);
		for (size_t l = 0; l < n_lex; l++)
			if (((*mask >> l) & 1) && ky_lex_level_of(ky_lexicon_get(l), norm) < 0 &&
			    !(bare && ky_lex_level_of(ky_lexicon_get(l), bare) >= 0))
				*mask &= ~(1ull << l);
	}
	if (words && numbers)
		*mask = 0;
	return words ? LABELS : numbers ? NUMBERS : NOTHING;
}

/* The smallest lexicon scale of MASK, for the warning. */
static const char *describe(enum kind k, uint64_t mask)
{
	if (k == NUMBERS)
		return "numbers";
	const struct ky_lex_scale *best = NULL;
	for (size_t l = 0; l < 64 && l < ky_lexicon_size(); l++)
		if (((mask >> l) & 1) && (!best || ky_lexicon_get(l)->n_levels < best->n_levels))
			best = ky_lexicon_get(l);
	return best ? best->id : "labels of no known scale";
}

void ky_audience_scales(struct ky_survey *s)
{
	struct ky_audience *A = s->audience;
	if (!A)
		return;
	size_t g = (size_t)-1;   /* the grouping whose groups are the audiences */
	for (size_t k = 0; k < s->n_groupings; k++)
		if (s->grouping[k].column == A->column ||
		    (A->column == KY_NO_BLOCK && A->route && !strcmp(s->grouping[k].name, A->route)))
			g = k;
	if (g == (size_t)-1)
		return;
	const struct ky_grouping *gr = &s->grouping[g];
	struct ky_buf b = KY_BUF_INIT;
	for (size_t i = 0; i < A->n_items; i++) {
		const struct ky_column *c = &s->col[A->item[i].column];
		if (!ky_column_is_item(c))
			continue;
		/* one scale when some lexicon scale takes every audience's
		 * labels (or all answered in numbers, or in the same unknown
		 * labels); not when one audience's labels are a scale and
		 * another's are numbers or another scale */
		enum kind k0 = NOTHING;
		uint64_t m0 = 0;
		size_t g0 = 0;
		for (size_t v = 0; v < gr->n_groups; v++) {
			uint64_t m;
			enum kind k = answers_of(c, ky_survey_slot(s, g, gr->order[v]), &b, &m);
			if (k == NOTHING)
				continue;
			if (k0 == NOTHING) {
				k0 = k, m0 = m, g0 = v;
				continue;
			}
			if (k == k0 && (k == NUMBERS || (m & m0) || (!m && !m0))) {
				m0 &= m;
				continue;
			}
			A->differ = ky_xrealloc(A->differ, (A->n_differ + 1) * sizeof(size_t));
			A->differ[A->n_differ++] = A->item[i].column;
			ky_survey_warn(s, "%s '%s': the audiences answered on different scales "
				       "(%s: %s, %s: %s); shown per audience, not tested between "
				       "them", c->id, c->header,
				       ky_survey_group_name(s, g, gr->order[g0]), describe(k0, m0),
				       ky_survey_group_name(s, g, gr->order[v]), describe(k, m));
			break;
		}
	}
	ky_buf_release(&b);
}
