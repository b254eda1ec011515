/* choice.c - multi-select and ranking questions.
 *
 * Two shapes are recognised from the distinct texts alone:
 *  - one column per option under one question stem ("Question:Option"), as
 *    Webropol writes them: a choice is marked with 1, x or the option's own
 *    text (0 for an option not chosen); a rank with "1.", "2.", ...;
 *  - one column whose cells list the chosen options joined by ';' with a
 *    trailing ';' (Microsoft Forms' multiple answers), or the same options in
 *    different orders in every cell (Forms' ranking).
 * Counts come from the text counts per group slot; "answered the question"
 * for the one-column-per-option shape comes from the answer patterns. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/dict_int.h"
#include "ky_buf.h"
#include "count/survey_int.h"

enum mark { M_NONE, M_CHOSEN, M_NOT_CHOSEN };

static uint64_t vcount(const struct ky_column *c, size_t slot, size_t v)
{
	if (slot >= c->slot_cap)
		return 0;
	const struct ky_vslot *vs = &c->slot[slot];
	return v < vs->cap ? vs->count[v] : 0;
}

static int same_text(const char *a, const char *b)
{
	struct ky_buf x = KY_BUF_INIT, y = KY_BUF_INIT;
	int same = strcmp(ky_label_normalize(&x, a), ky_label_normalize(&y, b)) == 0;
	ky_buf_release(&x);
	ky_buf_release(&y);
	return same;
}

static const char *option_text(const struct ky_column *c)
{
	return c->statement ? c->statement : c->header;
}

static enum mark mark_of(const struct ky_column *c, const char *text)
{
	if (!strcmp(text, "1") || !strcmp(text, "x") || !strcmp(text, "X") ||
	    same_text(text, option_text(c)))
		return M_CHOSEN;
	if (!strcmp(text, "0"))
		return M_NOT_CHOSEN;
	return M_NONE;
}

/* "3." -> 3; 0 for anything else */
static unsigned rank_of(const char *text)
{
	unsigned r = 0;
	const char *p = text;
	while (isdigit((unsigned char)*p) && p - text < 3)
		r = r * 10 + (unsigned)(*p++ - '0');
	return p > text && p[0] == '.' && p[1] == '\0' ? r : 0;
}

/* What a column may be part of: 'm' multi-select option, 'r' rank, 0 none. */
static int column_shape(const struct ky_column *c)
{
	size_t n = ky_column_n_values(c);
	if (!n || c->n_overflow || c->pattern_lost || c->type == KY_COL_GROUP)
		return 0;
	int multi = 1, rank = 1, chosen = 0;
	for (size_t v = 0; v < n; v++) {
		const char *t = ky_column_value(c, v);
		enum mark m = mark_of(c, t);
		multi &= m != M_NONE;
		chosen |= m == M_CHOSEN;
		rank &= rank_of(t) > 0;
	}
	return multi && chosen ? 'm' : rank ? 'r' : 0;
}

static struct ky_choice *add_choice(struct ky_survey *s, enum ky_choice_kind kind, size_t first,
				    size_t n_cols, const char *title)
{
	s->choice = ky_xrealloc(s->choice, (s->n_choices + 1) * sizeof(*s->choice));
	struct ky_choice *q = &s->choice[s->n_choices++];
	memset(q, 0, sizeof(*q));
	q->kind = kind;
	q->first_col = first;
	q->n_cols = n_cols;
	q->title = ky_xstrdup(title);
	q->id = ky_xstrdup(s->col[first].id);
	for (size_t i = first; i < first + n_cols; i++) {
		free(s->col[i].note);
		s->col[i].note = ky_xstrdup(kind == KY_CHOICE_MULTI ? "multi-select question"
					    : "ranking question");
		s->col[i].type = KY_COL_CHOICE;
	}
	return q;
}

static void add_option(struct ky_choice *q, const char *text)
{
	q->option = ky_xrealloc(q->option, (q->n_options + 1) * sizeof(char *));
	q->option[q->n_options++] = ky_xstrdup(text);
}

/* Splits a joined answer into its trimmed, non-empty options. */
static size_t split_list(const char *text, struct ky_dict *into, size_t *ids, size_t max)
{
	size_t n = 0;
	const char *p = text;
	while (*p) {
		size_t len = strcspn(p, ";");
		const char *a = p;
		size_t l = len;
		while (l && isspace((unsigned char)*a))
			a++, l--;
		while (l && isspace((unsigned char)a[l - 1]))
			l--;
		if (l && n < max)
			ids[n++] = ky_dict_intern(into, a, l, NULL);
		p += len + (p[len] == ';');
	}
	return n;
}

/* Microsoft Forms: a multi-select when most non-empty cells end in ';', a
 * ranking when every cell orders the same set of two or more options. */
static int joined_shape(const struct ky_column *c, struct ky_dict *opts)
{
	size_t n = ky_column_n_values(c);
	if (!n || c->n_overflow || c->type == KY_COL_GROUP || ky_header_is_metadata(c->header))
		return 0;
	uint64_t total = 0, trailing = 0;
	int same_set = 1, any_semicolon = 0;
	size_t set_size = 0;
	size_t *ids = ky_xmalloc(256 * sizeof(size_t));
	unsigned char *seen = NULL;
	for (size_t v = 0; v < n; v++) {
		const char *t = ky_column_value(c, v);
		uint64_t cnt = vcount(c, 0, v);
		size_t len = strlen(t);
		total += cnt;
		any_semicolon |= strchr(t, ';') != NULL;
		if (len && t[len - 1] == ';')
			trailing += cnt;
		size_t k = split_list(t, opts, ids, 256);
		seen = ky_xrealloc(seen, opts->n + 1);
		memset(seen, 0, opts->n + 1);
		size_t distinct = 0;
		for (size_t i = 0; i < k; i++)
			distinct += !seen[ids[i]], seen[ids[i]] = 1;
		if (v == 0)
			set_size = distinct;
		if (distinct != k || distinct != set_size || opts->n != set_size)
			same_set = 0;
	}
	free(ids);
	free(seen);
	if (!any_semicolon || !total)
		return 0;
	if (same_set && set_size >= 2 && (n >= 2 || trailing == 0))
		return 'r';
	return trailing * 10 >= total * 8 ? 'm' : 0;
}

void ky_survey_find_choices(struct ky_survey *s)
{
	if (s->summary)     /* who chose what together is not in a summary table */
		return;
	/* one column per option, within one stem */
	for (size_t k = 0; k < s->n_segments; k++) {
		const struct ky_segment *seg = &s->segment[k];
		if (seg->defined || !s->col[seg->first].stem)
			continue;
		size_t i = seg->first;
		while (i < seg->end) {
			int shape = column_shape(&s->col[i]);
			size_t j = i + 1;
			while (shape && j < seg->end && column_shape(&s->col[j]) == shape)
				j++;
			if (shape && j - i >= 2) {
				struct ky_choice *q = add_choice(s, shape == 'm' ? KY_CHOICE_MULTI
								 : KY_CHOICE_RANKING, i, j - i,
								 s->col[i].stem);
				for (size_t c = i; c < j; c++)
					add_option(q, option_text(&s->col[c]));
			}
			i = j;
		}
	}
	/* options joined in one cell */
	for (size_t i = 0; i < s->n_columns; i++) {
		struct ky_column *c = &s->col[i];
		if (c->type == KY_COL_CHOICE)
			continue;
		struct ky_dict opts;
		ky_dict_init(&opts);
		int shape = joined_shape(c, &opts);
		if (shape) {
			struct ky_choice *q = add_choice(s, shape == 'm' ? KY_CHOICE_MULTI
							 : KY_CHOICE_RANKING, i, 1, c->header);
			for (size_t o = 0; o < opts.n; o++)
				add_option(q, opts.str[o]);
		}
		ky_dict_release(&opts);
	}
}

static void alloc_counts(struct ky_survey *s, struct ky_choice *q)
{
	q->n_respondents = ky_xcalloc(s->n_slots, sizeof(uint64_t));
	q->count = ky_xcalloc(s->n_slots, sizeof(uint64_t *));
	if (q->kind == KY_CHOICE_RANKING)
		q->rank = ky_xcalloc(s->n_slots, sizeof(uint64_t *));
	for (size_t sl = 0; sl < s->n_slots; sl++) {
		q->count[sl] = ky_xcalloc(q->n_options + 1, sizeof(uint64_t));
		if (q->rank)
			q->rank[sl] = ky_xcalloc(q->n_options * q->n_positions + 1, sizeof(uint64_t));
	}
}

/* Respondents with any answer in the question's columns, per slot, from
 * the answer patterns of its segment. */
static void answered_from_patterns(const struct ky_survey *s, struct ky_choice *q)
{
	const struct ky_segment *seg = ky_survey_segment_of(s, q->first_col);
	const char *why = NULL;
	const uint64_t *spilled = seg && seg->full
				  ? ky_spill_answered(s, (size_t)(q - s->choice), &why) : NULL;
	(void)why;
	if (spilled)           /* the patterns beyond the bound (spill.c), then the rest */
		memcpy(q->n_respondents, spilled, s->n_slots * sizeof(uint64_t));
	if (!seg || (seg->full && !spilled)) {
		q->note = "answer patterns incomplete (pattern limit): respondents who "
			  "answered are estimated by the most chosen option";
		for (size_t sl = 0; sl < s->n_slots; sl++)
			for (size_t o = 0; o < q->n_options; o++) {
				const struct ky_column *c = &s->col[q->first_col + o];
				uint64_t n = 0;
				for (size_t v = 0; v < ky_column_n_values(c); v++)
					n += vcount(c, sl, v);
				if (n > q->n_respondents[sl])
					q->n_respondents[sl] = n;
			}
		return;
	}
	size_t off = q->first_col - seg->first;
	for (size_t i = 0; i < ky_segment_n(seg); i++) {
		const unsigned char *key = ky_segment_key(seg, i);
		int any = 0;
		for (size_t o = 0; o < q->n_cols && !any; o++)
			any = key[off + o] != KY_PATTERN_EMPTY;
		if (!any)
			continue;
		uint64_t n = seg->count[i];
		q->n_respondents[0] += n;
		for (size_t g = 0; g < s->n_groupings; g++) {
			size_t v = ky_pattern_group(seg, key, g);
			if (v != (size_t)-1)
				q->n_respondents[ky_survey_slot(s, g, v)] += n;
		}
	}
}

static void count_per_option(struct ky_survey *s, struct ky_choice *q)
{
	if (q->kind == KY_CHOICE_RANKING)
		for (size_t o = 0; o < q->n_options; o++) {
			const struct ky_column *c = &s->col[q->first_col + o];
			for (size_t v = 0; v < ky_column_n_values(c); v++) {
				unsigned r = rank_of(ky_column_value(c, v));
				if (r > q->n_positions)
					q->n_positions = r;
			}
		}
	alloc_counts(s, q);
	answered_from_patterns(s, q);
	for (size_t o = 0; o < q->n_options; o++) {
		const struct ky_column *c = &s->col[q->first_col + o];
		for (size_t v = 0; v < ky_column_n_values(c); v++) {
			const char *t = ky_column_value(c, v);
			unsigned r = q->kind == KY_CHOICE_RANKING ? rank_of(t) : 0;
			if (q->kind == KY_CHOICE_MULTI && mark_of(c, t) != M_CHOSEN)
				continue;
			for (size_t sl = 0; sl < s->n_slots; sl++) {
				uint64_t n = vcount(c, sl, v);
				q->count[sl][o] += n;
				if (r)
					q->rank[sl][o * q->n_positions + r - 1] += n;
			}
		}
	}
}

static void count_joined(struct ky_survey *s, struct ky_choice *q)
{
	const struct ky_column *c = &s->col[q->first_col];
	struct ky_dict opts;
	ky_dict_init(&opts);
	for (size_t o = 0; o < q->n_options; o++)
		ky_dict_intern(&opts, q->option[o], strlen(q->option[o]), NULL);
	size_t *ids = ky_xmalloc(256 * sizeof(size_t));
	if (q->kind == KY_CHOICE_RANKING)
		for (size_t v = 0; v < ky_column_n_values(c); v++) {
			size_t k = split_list(ky_column_value(c, v), &opts, ids, 256);
			if (k > q->n_positions)
				q->n_positions = k;
		}
	alloc_counts(s, q);
	for (size_t v = 0; v < ky_column_n_values(c); v++) {
		size_t k = split_list(ky_column_value(c, v), &opts, ids, 256);
		for (size_t sl = 0; sl < s->n_slots; sl++) {
			uint64_t n = vcount(c, sl, v);
			if (!n)
				continue;
			q->n_respondents[sl] += n;
			for (size_t i = 0; i < k; i++) {
				/* an option listed twice in one cell counts once, at its first place */
				int dup = 0;
				for (size_t j = 0; j < i && !dup; j++)
					dup = ids[j] == ids[i];
				if (dup || ids[i] >= q->n_options)
					continue;
				q->count[sl][ids[i]] += n;
				if (q->rank)
					q->rank[sl][ids[i] * q->n_positions + i] += n;
			}
		}
	}
	free(ids);
	ky_dict_release(&opts);
}

void ky_survey_count_choices(struct ky_survey *s)
{
	for (size_t k = 0; k < s->n_choices; k++) {
		struct ky_choice *q = &s->choice[k];
		if (q->n_cols == 1)
			count_joined(s, q);
		else
			count_per_option(s, q);
		q->suppressed = ky_xcalloc(s->n_slots, 1);
		ky_survey_hide_small(s, q->n_respondents, q->n_respondents, q->suppressed);
	}
}

void ky_choices_free(struct ky_survey *s)
{
	for (size_t k = 0; k < s->n_choices; k++) {
		struct ky_choice *q = &s->choice[k];
		free(q->id);
		free(q->title);
		for (size_t o = 0; o < q->n_options; o++)
			free(q->option[o]);
		free(q->option);
		for (size_t sl = 0; q->count && sl < s->n_slots; sl++) {
			free(q->count[sl]);
			if (q->rank)
				free(q->rank[sl]);
		}
		free(q->count);
		free(q->rank);
		free(q->n_respondents);
		free(q->suppressed);
	}
	free(s->choice);
	s->choice = NULL;
	s->n_choices = 0;
}
