/* pattern.c - answer patterns per segment (columns sharing a question stem).
 *
 * Reliability, scale scores and "who answered this question" depend on
 * which answers one respondent gave together, which count tables per column
 * cannot tell.  Rows are not kept: each record adds one to the count of its
 * pattern in each segment, the pattern being the value ids of the segment's
 * columns plus the respondent's groups.  Patterns are counts, so they merge
 * by addition; how many distinct patterns exist is bounded by the
 * respondents and, for the whole survey, by KY_MAX_PATTERNS and by
 * KY_MAX_PATTERN_BYTES of memory (a key of n_cols + 4 bytes per grouping, its
 * NUL, and KY_PATTERN_COST for the malloc header, the dict's pointer, length
 * and hash slots and the count), so peak memory stops growing with the rows. */
#include <stdlib.h>
#include <string.h>

#include "base/dict_int.h"
#include "ky_buf.h"
#include "survey_int.h"

static int same_stem(const struct ky_column *a, const struct ky_column *b)
{
	if (!a->stem || !b->stem)
		return !a->stem && !b->stem;
	return strcmp(a->stem, b->stem) == 0;
}

static void add_segment(struct ky_survey *s, const size_t *cols, size_t n, size_t first,
			size_t end, int defined)
{
	s->segment = ky_xrealloc(s->segment, (s->n_segments + 1) * sizeof(*s->segment));
	struct ky_segment *seg = &s->segment[s->n_segments];
	memset(seg, 0, sizeof(*seg));
	seg->first = first;
	seg->end = end;
	seg->defined = defined;
	seg->n_cols = n;
	seg->cols = ky_xmalloc(n * sizeof(*seg->cols));
	memcpy(seg->cols, cols, n * sizeof(*cols));
	for (size_t i = 0; i < n; i++) {
		s->col[cols[i]].seg = s->n_segments;
		s->col[cols[i]].seg_pos = i;
	}
	seg->patterns = ky_xcalloc(1, sizeof(struct ky_dict));
	s->n_segments++;
}

void ky_segments_init(struct ky_survey *s, const size_t *const *def_cols, const size_t *def_n,
		      size_t n_def)
{
	for (size_t c = 0; c < s->n_columns; c++)
		s->col[c].seg = s->col[c].seg_pos = KY_NO_BLOCK;
	for (size_t b = 0; b < n_def; b++)
		if (def_n[b] >= 2)
			add_segment(s, def_cols[b], def_n[b], 0, 0, 1);
	size_t *run = ky_xmalloc((s->n_columns + 1) * sizeof(*run));
	size_t i = 0;
	while (i < s->n_columns) {
		if (s->col[i].def_block != KY_NO_BLOCK) {
			i++;
			continue;
		}
		size_t j = i + 1;
		while (j < s->n_columns && same_stem(&s->col[i], &s->col[j]) &&
		       s->col[j].def_block == KY_NO_BLOCK)
			j++;
		size_t n = 0;
		for (size_t c = i; c < j; c++)
			if (s->col[c].def_block == KY_NO_BLOCK)
				run[n++] = c;
		if (n >= 2 && n == j - i)
			add_segment(s, run, n, i, j, 0);
		i = j;
	}
	free(run);
	for (size_t c = 0; c < s->n_columns; c++)  /* ids and timestamps only multiply patterns */
		if (ky_header_is_metadata(s->col[c].header))
			s->col[c].pattern_lost = 1;
}

static size_t key_len(const struct ky_segment *seg, size_t n_groupings)
{
	return seg->n_cols + 4 * n_groupings;
}

void ky_segments_count(struct ky_survey *s, const size_t *vid, const size_t *gid)
{
	unsigned char stackkey[512];
	for (size_t k = 0; k < s->n_segments; k++) {
		struct ky_segment *seg = &s->segment[k];
		size_t len = key_len(seg, s->n_groupings);
		unsigned char *key = len <= sizeof(stackkey) ? stackkey : ky_xmalloc(len);
		size_t p = 0;
		for (size_t i = 0; i < seg->n_cols; i++) {
			struct ky_column *col = &s->col[seg->cols[i]];
			size_t v = vid[seg->cols[i]];
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
		struct ky_dict_hint hint;
		size_t id = seg->full ? (size_t)-1 : ky_dict_lookup(d, (const char *)key, len, &hint);
		if (id == (size_t)-1) {
			size_t cost = len + 1 + KY_PATTERN_COST;
			if (seg->full || s->n_patterns >= KY_MAX_PATTERNS ||
			    s->pattern_bytes + cost > (s->max_pattern_bytes ? s->max_pattern_bytes
								     : KY_MAX_PATTERN_BYTES)) {
				seg->full = 1;     /* from now on every key to the file */
				ky_spill_add(s, k, key, len, 1);
				if (key != stackkey)
					free(key);
				continue;
			}
			id = ky_dict_add(d, (const char *)key, len, &hint);
			s->n_patterns++;
			s->pattern_bytes += cost;
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

void ky_segments_release_patterns(struct ky_survey *s)
{
	for (size_t k = 0; k < s->n_segments; k++) {
		struct ky_segment *seg = &s->segment[k];
		ky_dict_release(seg->patterns);
		free(seg->count);
		seg->count = NULL;
		seg->cap = 0;
	}
	s->n_patterns = 0;
	s->pattern_bytes = 0;
}

void ky_segments_free(struct ky_survey *s)
{
	for (size_t k = 0; k < s->n_segments; k++) {
		if (s->segment[k].patterns)
			ky_dict_release(s->segment[k].patterns);
		free(s->segment[k].patterns);
		free(s->segment[k].count);
		free(s->segment[k].cols);
	}
	free(s->segment);
	s->segment = NULL;
	s->n_segments = 0;
}
