/* lexmask.c - which built-in scales have a given normalised label as one of
 * their aliases, as a bit mask (bit L = ky_lexicon_get(L)).
 *
 * Classification asks this for every distinct text of every column (up to
 * 10 000 per column), and comparing each text with every alias of every
 * scale was the largest cost of a small run.  The aliases are sorted once
 * into a table of (alias, mask of the scales that have it) and each question
 * is one binary search.  The answer is the same as testing
 * ky_lex_level_of(scale, norm) >= 0 for every scale. */
#include "ky_scale.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexmask_int.h"

struct alias_mask {
	const char *alias;
	uint64_t mask;
};

#define MAX_ALIASES 4096

static struct alias_mask table[MAX_ALIASES];
static size_t n_table;
static int usable;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int by_alias(const void *a, const void *b)
{
	return strcmp(((const struct alias_mask *)a)->alias, ((const struct alias_mask *)b)->alias);
}

static void build(void)
{
	size_t n = 0;
	if (ky_lexicon_size() > 64)
		return;                          /* masks have 64 bits: fall back */
	for (size_t L = 0; L < ky_lexicon_size(); L++) {
		const struct ky_lex_scale *sc = ky_lexicon_get(L);
		for (size_t k = 0; k < sc->n_levels; k++)
			for (size_t a = 0; a < KY_SCALE_MAX_ALIASES && sc->level[k].alias[a]; a++) {
				if (n == MAX_ALIASES)
					return;
				table[n].alias = sc->level[k].alias[a];
				table[n++].mask = 1ull << L;
			}
	}
	qsort(table, n, sizeof(*table), by_alias);
	/* one entry per distinct alias, with the scales that share it */
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		if (w && !strcmp(table[w - 1].alias, table[i].alias))
			table[w - 1].mask |= table[i].mask;
		else
			table[w++] = table[i];
	}
	n_table = w;
	usable = 1;
}

static uint64_t slow(const char *norm)
{
	uint64_t m = 0;
	for (size_t L = 0; L < ky_lexicon_size() && L < 64; L++)
		if (ky_lex_level_of(ky_lexicon_get(L), norm) >= 0)
			m |= 1ull << L;
	return m;
}

uint64_t ky_lex_mask(const char *norm)
{
	pthread_once(&once, build);
	if (!usable)
		return slow(norm);
	struct alias_mask key = { norm, 0 };
	const struct alias_mask *hit = bsearch(&key, table, n_table, sizeof(*table), by_alias);
	return hit ? hit->mask : 0;
}
