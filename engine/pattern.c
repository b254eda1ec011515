/* pattern.c - answer patterns per segment (columns sharing a question stem).
 *
 * Reliability, scale scores and "who answered this question" depend on
 * which answers one respondent gave together, which count tables per column
 * cannot tell.  Rows are not kept: each record adds one to the count of its
 * pattern in each segment, the pattern being the value ids of the segment's
 * columns plus the respondent's groups.  Patterns are counts, so they merge
 * by addition; how many distinct patterns exist is bounded by the
 * respondents and by KY_MAX_PATTERNS for the whole survey. */
#include <stdlib.h>
#include <string.h>

#include "dict_int.h"
#include "ky_buf.h"
#include "survey_int.h"

static int same_stem(const struct ky_column *a, const struct ky_column *b)
{
	if (!a->stem || !b->stem)
		return !a->stem && !b->stem;
	return strcmp(a->stem, b->stem) == 0;
}

void ky_segments_init(struct ky_survey *s)
{
	size_t i = 0;
	while (i < s->n_columns) {
		size_t j = i + 1;
		while (j < s->n_columns && same_stem(&s->col[i], &s->col[j]))
			j++;
		if (j - i >= 2) {
			s->segment = ky_xrealloc(s->segment, (s->n_segments + 1) * sizeof(*s->segment));
			struct ky_segment *seg = &s->segment[s->n_segments++];
			memset(seg, 0, sizeof(*seg));
			seg->first = i;
			seg->end = j;
			seg->patterns = ky_xcalloc(1, sizeof(struct ky_dict));
		}
		i = j;
	}
	for (size_t c = 0; c < s->n_columns; c++)  /* ids and timestamps only multiply patterns */
		if (ky_header_is_metadata(s->col[c].header))
			s->col[c].pattern_lost = 1;
}

static size_t key_len(const struct ky_segment *seg, size_t n_groupings)
{
	return (seg->end - seg->first) + 4 * n_groupings;
}

void ky_segments_count(struct ky_survey *s, const size_t *vid, const size_t *gid)
{
	unsigned char stackkey[512];
	for (size_t k = 0; k < s->n_segments; k++) {
		struct ky_segment *seg = &s->segment[k];
		if (seg->full)
			continue;
		size_t len = key_len(seg, s->n_groupings);
		unsigned char *key = len <= sizeof(stackkey) ? stackkey : ky_xmalloc(len);
		size_t p = 0;
		for (size_t c = seg->first; c < seg->end; c++) {
			struct ky_column *col = &s->col[c];
			size_t v = vid[c];
			if (v == (size_t)-1) {
				key[p++] = KY_PATTERN_EMPTY;
				continue;
			}
			if (v >= KY_PATTERN_VALUES)
				col->pattern_lost = 1;
			key[p++] = col->pattern_lost ? KY_PATTERN_OTHER : (unsigned char)v;
		}
		for (size_t g = 0; g < s->n_groupings; g++) {
			uint32_t x = gid[g] == (size_t)-1 ? UINT32_MAX : (uint32_t)gid[g];
			for (int b = 0; b < 4; b++)
				key[p++] = (unsigned char)(x >> (8 * b));
		}
		struct ky_dict *d = seg->patterns;
		size_t id = ky_dict_find(d, (const char *)key, len);
		if (id == (size_t)-1) {
			if (s->n_patterns >= KY_MAX_PATTERNS) {
				seg->full = 1;
				if (key != stackkey)
					free(key);
				continue;
			}
			id = ky_dict_intern(d, (const char *)key, len, NULL);
			s->n_patterns++;
			if (id >= seg->cap) {
				size_t old = seg->cap;
				ky_xgrow((void **)&seg->count, &seg->cap, id + 1, sizeof(*seg->count));
				memset(seg->count + old, 0, (seg->cap - old) * sizeof(*seg->count));
			}
		}
		seg->count[id]++;
		if (key != stackkey)
			free(key);
	}
}

void ky_segments_free(struct ky_survey *s)
{
	for (size_t k = 0; k < s->n_segments; k++) {
		if (s->segment[k].patterns)
			ky_dict_release(s->segment[k].patterns);
		free(s->segment[k].patterns);
		free(s->segment[k].count);
	}
	free(s->segment);
	s->segment = NULL;
	s->n_segments = 0;
}

size_t ky_segment_n(const struct ky_segment *seg)
{
	return ((const struct ky_dict *)seg->patterns)->n;
}

const unsigned char *ky_segment_key(const struct ky_segment *seg, size_t i)
{
	return (const unsigned char *)((const struct ky_dict *)seg->patterns)->str[i];
}

size_t ky_pattern_group(const struct ky_segment *seg, const unsigned char *key, size_t g)
{
	const unsigned char *p = key + (seg->end - seg->first) + 4 * g;
	uint32_t x = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
		     (uint32_t)p[3] << 24;
	return x == UINT32_MAX ? (size_t)-1 : (size_t)x;
}

const struct ky_segment *ky_survey_segment_of(const struct ky_survey *s, size_t col)
{
	for (size_t k = 0; k < s->n_segments; k++)
		if (col >= s->segment[k].first && col < s->segment[k].end)
			return &s->segment[k];
	return NULL;
}
