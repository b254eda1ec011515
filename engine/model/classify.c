/* classify.c - from the distinct texts of each column to its type and scale:
 * Likert labels through the built-in lexicon, codes labelled by a legend in
 * the question text, numbers, dates, ids, open text (also by the question
 * asked) and categories; columns sharing a stem and a scale form a block,
 * and a block ends where its statements repeat; then the text counts fold
 * into code tallies.  Reads the counts made by survey.c. */
#define _GNU_SOURCE         /* qsort_r: no comparison state in statics */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/dict_int.h"
#include "ky_buf.h"
#include "base/lexmask_int.h"
#include "count/survey_int.h"
#include "model/model_int.h"

_Static_assert(sizeof(uint64_t) * 8 >= 40, "lexicon mask width");

/* What one column's distinct texts look like. */
struct colinfo {
	size_t n;                 /* distinct texts */
	char **norm;              /* [n] normalised texts */
	int *nonsub;              /* [n] non-substantive answer */
	uint64_t *mask;           /* [n] lex_mask of a substantive text, else 0 */
	double *num;              /* [n] numeric value or NaN */
	uint64_t cand;            /* lexicon scales accepting every substantive text */
	int has_subst, numeric, integer, n_dates;
	double min, max, avg_len, avg_words;
	uint64_t nonempty;
};

static uint64_t value_count(const struct ky_column *c, size_t slot, size_t v)
{
	const struct ky_vslot *vs = &c->slot[slot];
	return v < vs->cap ? vs->count[v] : 0;
}

static int parse_number(const char *s, double *out)
{
	char tmp[64];
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof(tmp))
		return 0;
	memcpy(tmp, s, n + 1);
	char *comma = strchr(tmp, ',');
	if (comma && !strchr(tmp, '.') && !strchr(comma + 1, ','))
		*comma = '.';               /* decimal comma */
	char *end;
	double x = strtod(tmp, &end);
	if (end == tmp || !isfinite(x))
		return 0;
	if (*end == '.' && end[1] == '\0')
		end++;                      /* "1." as Webropol writes ranks */
	if (*end)
		return 0;
	for (const char *p = tmp; *p; p++)  /* no hex, inf or nan words */
		if (isalpha((unsigned char)*p) && *p != 'e' && *p != 'E')
			return 0;
	*out = x;
	return 1;
}

/* A time of day or a duration: H:MM or H:MM:SS (Webropol's and Forms'
 * response times, "00:04:31"). */
static int looks_like_time(const char *s)
{
	int fields = 0;
	while (isdigit((unsigned char)*s)) {
		int digits = 0;
		while (isdigit((unsigned char)*s))
			s++, digits++;
		if ((fields == 0 && digits > 3) || (fields > 0 && digits != 2))
			return 0;
		fields++;
		if (*s != ':')
			break;
		s++;
	}
	return !*s && fields >= 2 && fields <= 3;
}

static int looks_like_date(const char *s)
{
	if (looks_like_time(s))
		return 1;
	int parts = 0, digits = 0;
	const char *p = s;
	for (; *p && parts < 3; p++) {
		if (isdigit((unsigned char)*p)) {
			digits++;
		} else if ((*p == '.' || *p == '-' || *p == '/') && digits) {
			parts++;
			digits = 0;
		} else {
			break;
		}
	}
	if (parts == 2 && digits)
		parts++;
	return parts >= 3 && (*p == '\0' || *p == ' ' || *p == 'T' || parts == 3);
}

static uint64_t lex_mask(const char *norm)
{
	const char *stripped = ky_label_strip_number(norm);
	return ky_lex_mask(norm) | (stripped ? ky_lex_mask(stripped) : 0);
}

static int is_nonsub(const char *norm)
{
	const char *stripped = ky_label_strip_number(norm);
	return ky_label_is_nonsubstantive(norm) || (stripped && ky_label_is_nonsubstantive(stripped));
}

static void info_build(const struct ky_column *c, struct colinfo *in)
{
	memset(in, 0, sizeof(*in));
	in->n = ky_column_n_values(c);
	in->norm = ky_xcalloc(in->n, sizeof(*in->norm));
	in->nonsub = ky_xcalloc(in->n, sizeof(*in->nonsub));
	in->mask = ky_xcalloc(in->n, sizeof(*in->mask));
	in->num = ky_xcalloc(in->n, sizeof(*in->num));
	in->cand = ~0ull;
	in->numeric = in->integer = 1;
	in->min = INFINITY;
	in->max = -INFINITY;
	struct ky_buf b = KY_BUF_INIT;
	double len_sum = 0, word_sum = 0;
	for (size_t v = 0; v < in->n; v++) {
		uint64_t cnt = value_count(c, 0, v);
		in->nonempty += cnt;
		len_sum += (double)cnt * (double)strlen(ky_column_value(c, v));
		size_t words = 1;
		for (const char *p = ky_column_value(c, v); *p; p++)
			words += *p == ' ' && p[1] && p[1] != ' ';
		word_sum += (double)cnt * (double)words;
		in->norm[v] = ky_xstrdup(ky_label_normalize(&b, ky_column_value(c, v)));
		in->num[v] = NAN;
		if (is_nonsub(in->norm[v])) {
			in->nonsub[v] = 1;
			continue;
		}
		in->has_subst = 1;
		in->mask[v] = lex_mask(in->norm[v]);
		in->cand &= in->mask[v];
		double x;
		if (parse_number(in->norm[v], &x)) {
			in->num[v] = x;
			in->min = fmin(in->min, x);
			in->max = fmax(in->max, x);
			if (x != floor(x))
				in->integer = 0;
		} else {
			in->numeric = in->integer = 0;
		}
		if (looks_like_date(in->norm[v]))
			in->n_dates++;
	}
	if (!in->has_subst)
		in->cand = 0, in->numeric = in->integer = 0;
	in->avg_len = in->nonempty ? len_sum / (double)in->nonempty : 0;
	in->avg_words = in->nonempty ? word_sum / (double)in->nonempty : 0;
	ky_buf_release(&b);
}

static void info_release(struct colinfo *in)
{
	for (size_t v = 0; v < in->n; v++)
		free(in->norm[v]);
	free(in->norm);
	free(in->nonsub);
	free(in->mask);
	free(in->num);
}

static void set_note(struct ky_column *c, const char *note)
{
	free(c->note);
	c->note = ky_xstrdup(note);
}

/* Smallest lexicon scale in MASK (fewest levels, then lexicon order). */
static size_t pick_scale(uint64_t mask)
{
	size_t best = (size_t)-1;
	for (size_t L = 0; L < ky_lexicon_size(); L++)
		if ((mask >> L) & 1 &&
		    (best == (size_t)-1 || ky_lexicon_get(L)->n_levels < ky_lexicon_get(best)->n_levels))
			best = L;
	return best;
}

/* Display label of a lexicon level: first letter upper-cased. */
static char *lex_display(const char *alias)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)alias, -1, &cp);
	if (n <= 0)
		return ky_xstrdup(alias);
	utf8proc_uint8_t enc[4];
	utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), enc);
	struct ky_buf b = KY_BUF_INIT;
	ky_buf_add(&b, enc, (size_t)m);
	ky_buf_adds(&b, alias + n);
	return ky_buf_detach(&b, NULL);
}

static void scale_alloc(struct ky_scale *sc, const char *id, const char *family, size_t n)
{
	sc->id = ky_xstrdup(id);
	sc->family = family;
	sc->n_levels = n;
	sc->label = ky_xcalloc(n, sizeof(*sc->label));
	sc->value = ky_xcalloc(n, sizeof(*sc->value));
}

/* Adds non-substantive text V to the column's list, merging equal spellings. */
static int add_nonsub(struct ky_column *c, struct colinfo *in, size_t v)
{
	for (size_t k = 0; k < c->n_nonsub; k++) {
		struct ky_buf b = KY_BUF_INIT;
		int same = strcmp(ky_label_normalize(&b, c->nonsub_label[k]), in->norm[v]) == 0;
		ky_buf_release(&b);
		if (same)
			return -1 - (int)k;
	}
	c->nonsub_label = ky_xrealloc(c->nonsub_label, (c->n_nonsub + 1) * sizeof(char *));
	c->nonsub_label[c->n_nonsub] = ky_xstrdup(ky_column_value(c, v));
	return -1 - (int)c->n_nonsub++;
}

static void map_lexicon(struct ky_column *c, struct colinfo *in, size_t L)
{
	const struct ky_lex_scale *lx = ky_lexicon_get(L);
	scale_alloc(&c->scale, lx->id, lx->family, lx->n_levels);
	c->scale.polarity = lx->polarity;
	c->scale.ordinal = 1;
	c->scale.has_top2 = lx->n_levels >= 3;
	for (size_t k = 0; k < lx->n_levels; k++)
		c->scale.value[k] = (double)(k + 1);
	for (size_t v = 0; v < in->n; v++) {
		if (in->nonsub[v]) {
			c->code_of[v] = add_nonsub(c, in, v);
			continue;
		}
		int k = ky_lex_level_of(lx, in->norm[v]);
		if (k < 0)
			k = ky_lex_level_of(lx, ky_label_strip_number(in->norm[v]));
		c->code_of[v] = k;
		if (!c->scale.label[k])
			c->scale.label[k] = ky_xstrdup(ky_column_value(c, v));
	}
	for (size_t k = 0; k < lx->n_levels; k++)
		if (!c->scale.label[k])
			c->scale.label[k] = lex_display(lx->level[k].alias[0]);
}

static void map_numeric(struct ky_column *c, struct colinfo *in, double lo, double hi)
{
	struct ky_buf b = KY_BUF_INIT;
	int rating = in->integer && hi - lo <= 10;
	if (rating) {
		size_t n = (size_t)(hi - lo) + 1;
		ky_buf_addf(&b, "rating-%g-%g", lo, hi);
		scale_alloc(&c->scale, b.buf, "rating", n);
		for (size_t k = 0; k < n; k++) {
			c->scale.value[k] = lo + (double)k;
			ky_buf_reset(&b);
			ky_buf_add_double(&b, lo + (double)k);
			c->scale.label[k] = ky_xstrdup(b.buf);
		}
		c->scale.has_top2 = n >= 3;
	} else {
		/* a measurement: its distinct values, ascending */
		double *vals = ky_xmalloc((in->n + 1) * sizeof(double));
		size_t n = 0;
		for (size_t v = 0; v < in->n; v++)
			if (!in->nonsub[v])
				vals[n++] = in->num[v];
		for (size_t i = 1; i < n; i++)          /* insertion sort: n is small */
			for (size_t j = i; j > 0 && vals[j - 1] > vals[j]; j--) {
				double t = vals[j];
				vals[j] = vals[j - 1];
				vals[j - 1] = t;
			}
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (!m || vals[m - 1] != vals[i])
				vals[m++] = vals[i];
		scale_alloc(&c->scale, "numeric", "numeric", m);
		for (size_t k = 0; k < m; k++) {
			c->scale.value[k] = vals[k];
			ky_buf_reset(&b);
			ky_buf_add_double(&b, vals[k]);
			c->scale.label[k] = ky_xstrdup(b.buf);
		}
		free(vals);
	}
	c->scale.polarity = KY_UNIPOLAR;
	c->scale.ordinal = 1;
	for (size_t v = 0; v < in->n; v++) {
		if (in->nonsub[v]) {
			c->code_of[v] = add_nonsub(c, in, v);
			continue;
		}
		size_t k = 0;
		while (k + 1 < c->scale.n_levels && c->scale.value[k] != in->num[v])
			k++;
		c->code_of[v] = (int)k;
	}
	ky_buf_release(&b);
}

/* Categories ordered by overall count (descending), then by text. */
static int by_count(const void *a, const void *b, void *ctx)
{
	const struct ky_column *sort_col = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	uint64_t cx = value_count(sort_col, 0, x), cy = value_count(sort_col, 0, y);
	if (cx != cy)
		return cx > cy ? -1 : 1;
	return strcmp(ky_column_value(sort_col, x), ky_column_value(sort_col, y));
}

static void map_categorical(struct ky_column *c, struct colinfo *in)
{
	size_t *order = ky_xmalloc((in->n + 1) * sizeof(size_t));
	size_t n = 0;
	for (size_t v = 0; v < in->n; v++) {
		if (in->nonsub[v])
			c->code_of[v] = add_nonsub(c, in, v);
		else
			order[n++] = v;
	}
	qsort_r(order, n, sizeof(*order), by_count, c);
	scale_alloc(&c->scale, "categorical", "categorical", n);
	for (size_t k = 0; k < n; k++) {
		c->code_of[order[k]] = (int)k;
		c->scale.label[k] = ky_xstrdup(ky_column_value(c, order[k]));
		c->scale.value[k] = (double)(k + 1);
	}
	free(order);
}

/* The lexicon scale that accepts the most distinct texts of the column
 * (at least two), or -1. */
static long best_partial_scale(const struct colinfo *in)
{
	long best = -1;
	size_t best_hits = 1;
	for (size_t L = 0; L < ky_lexicon_size(); L++) {
		size_t hits = 0;
		for (size_t v = 0; v < in->n; v++)
			if (!in->nonsub[v] && ((in->mask[v] >> L) & 1))
				hits++;
		if (hits > best_hits)
			best = (long)L, best_hits = hits;
	}
	return best;
}

/* Tells the user about the texts that keep a column from fitting scale L. */
static void warn_unknown_labels(struct ky_survey *s, struct ky_column *c, struct colinfo *in,
				size_t best)
{
	const struct ky_lex_scale *lx = ky_lexicon_get(best);
	for (size_t v = 0; v < in->n; v++) {
		if (in->nonsub[v] || ((in->mask[v] >> best) & 1))
			continue;
		struct ky_buf exp = KY_BUF_INIT;
		for (size_t k = 0; k < lx->n_levels; k++)
			ky_buf_addf(&exp, "%s'%s'", k ? ", " : "", lx->level[k].alias[0]);
		unsigned long line = c->first_line[v];
		size_t field;
		const char *path = ky_survey_where(s, c->index, &line, &field);
		ky_survey_warn(s, "%s:%lu:%zu: unknown answer '%s' in column %zu '%s' (expected "
			       "one of %s, or a non-substantive answer); the column is analysed "
			       "as categorical", path, line, field,
			       ky_column_value(c, v), field, c->header, exp.buf);
		ky_buf_release(&exp);
	}
}


static int recommend_words(const char *header);

/* ---- Code legends in question texts (point 2 of issue #21) ----
 *
 * A header may say what the codes in its cells mean ("(0=En ole käyttänyt,
 * 1=Ei vaikutusta, ..., 5=Erittäin merkittävä vaikutus)"); survey.c takes
 * the legend out of the header (c->legend).  When every answer is a code
 * of the legend, the codes get its labels: codes labelled with a
 * non-substantive answer are counted apart (never in means, tests or
 * top-2), the others form the scale lo..hi. */

/* Whether every answer of C is a code of its legend; warns when one is not. */
static int legend_covers(struct ky_survey *s, struct ky_column *c, const struct colinfo *in)
{
	const struct ky_legend *lg = c->legend;
	if (!in->integer)
		return 0;
	for (size_t v = 0; v < in->n; v++) {
		if (in->nonsub[v])
			continue;
		long code = (long)in->num[v];
		const struct ky_legend_entry *e = ky_legend_find(lg, code);
		if (e || (code >= lg->lo && code <= lg->hi && (double)code == in->num[v]))
			continue;
		ky_survey_warn(s, "%s:%lu:%zu: answer '%s' in column %zu '%s' is not a code of the "
			       "legend '%s' in its header; the column is analysed as numbers",
			       s->path, c->first_line[v], c->index + 1, ky_column_value(c, v),
			       c->index + 1, c->header, lg->text);
		return 0;
	}
	return 1;
}

/* The substantive codes of legend LG in order (the scale's levels). */
static size_t legend_levels(const struct ky_legend *lg, long *codes)
{
	size_t n = 0;
	for (long k = lg->lo; k <= lg->hi; k++) {
		const struct ky_legend_entry *e = ky_legend_find(lg, k);
		if (!e || !e->nonsub)
			codes[n++] = k;
	}
	return n;
}

/* The lexicon scale whose levels the legend's labels name in order (only
 * the labelled codes need to match: end points suffice), or -1. */
static long legend_lexicon(const struct ky_legend *lg)
{
	long codes[KY_SCALE_MAX_LEVELS + 1];
	size_t n = legend_levels(lg, codes);
	struct ky_buf b = KY_BUF_INIT;
	long found = -1;
	for (size_t L = 0; L < ky_lexicon_size() && found < 0; L++) {
		const struct ky_lex_scale *lx = ky_lexicon_get(L);
		if (lx->n_levels != n)
			continue;
		int ok = 1;
		for (size_t k = 0; k < n && ok; k++) {
			const struct ky_legend_entry *e = ky_legend_find(lg, codes[k]);
			if (!e)
				continue;
			const char *norm = ky_label_normalize(&b, e->label);
			ok = ky_lex_level_of(lx, norm) == (int)k;
		}
		if (ok)
			found = (long)L;
	}
	ky_buf_release(&b);
	return found;
}

/* Non-substantive answer LABEL in the column's list (merging spellings). */
static int add_nonsub_label(struct ky_column *c, const char *label)
{
	struct ky_buf a = KY_BUF_INIT, b = KY_BUF_INIT;
	ky_label_normalize(&a, label);
	int found = 0;
	for (size_t k = 0; k < c->n_nonsub && !found; k++)
		if (!strcmp(ky_label_normalize(&b, c->nonsub_label[k]), a.buf))
			found = -1 - (int)k;
	ky_buf_release(&a);
	ky_buf_release(&b);
	if (found)
		return found;
	c->nonsub_label = ky_xrealloc(c->nonsub_label, (c->n_nonsub + 1) * sizeof(char *));
	c->nonsub_label[c->n_nonsub] = ky_xstrdup(label);
	return -1 - (int)c->n_nonsub++;
}

/* Scale and codes of column C from its legend. */
static void map_legend(struct ky_column *c, struct colinfo *in)
{
	const struct ky_legend *lg = c->legend;
	long codes[KY_SCALE_MAX_LEVELS + 1];
	size_t n = legend_levels(lg, codes);
	long L = legend_lexicon(lg);
	struct ky_buf b = KY_BUF_INIT;
	if (L >= 0) {
		const struct ky_lex_scale *lx = ky_lexicon_get((size_t)L);
		scale_alloc(&c->scale, lx->id, lx->family, n);
		c->scale.polarity = lx->polarity;
	} else {
		ky_buf_addf(&b, "legend-%ld-%ld", lg->lo, lg->hi);
		scale_alloc(&c->scale, b.buf, "rating", n);
		c->scale.polarity = KY_UNIPOLAR;
	}
	c->scale.ordinal = 1;
	c->scale.has_top2 = n >= 3;
	for (size_t k = 0; k < n; k++) {
		const struct ky_legend_entry *e = ky_legend_find(lg, codes[k]);
		c->scale.value[k] = (double)codes[k];
		ky_buf_reset(&b);
		ky_buf_addf(&b, "%ld", codes[k]);
		c->scale.label[k] = e ? lex_display(e->label) : ky_xstrdup(b.buf);
	}
	c->code_of = ky_xcalloc(in->n + 1, sizeof(int));
	for (size_t v = 0; v < in->n; v++) {
		if (in->nonsub[v]) {
			c->code_of[v] = add_nonsub(c, in, v);
			continue;
		}
		long code = (long)in->num[v];
		const struct ky_legend_entry *e = ky_legend_find(lg, code);
		if (e && e->nonsub) {
			char *lab = lex_display(e->label);
			c->code_of[v] = add_nonsub_label(c, lab);
			free(lab);
			continue;
		}
		size_t k = 0;
		while (k + 1 < n && codes[k] != code)
			k++;
		c->code_of[v] = (int)k;
	}
	c->type = KY_COL_SCALE;
	c->legend_applied = 1;
	set_note(c, "codes labelled by the legend in the question text");
	ky_buf_release(&b);
}

/* ---- Open answers by their question (point 6 of issue #21) ---- */

/* Whether normalised TEXT has word PAT (a prefix of a word when PAT ends
 * in '*'; a phrase may hold spaces and punctuation). */
static int has_word(const char *text, const char *pat)
{
	size_t n = strlen(pat);
	int prefix = n && pat[n - 1] == '*';
	n -= (size_t)prefix;
	for (const char *p = text; *p; p++) {
		if (strncmp(p, pat, n) || (p > text && (isalnum((unsigned char)p[-1]) ||
						       (unsigned char)p[-1] >= 0x80)))
			continue;
		unsigned char after = (unsigned char)p[n];
		if (prefix || !(isalnum(after) || after >= 0x80))
			return 1;
	}
	return 0;
}

/* "Muu, mikä?", "Annat, vad?", "Other (please specify)": the free-text
 * answer of a choice question's "other" option. */
int ky_other_question(const char *text)
{
	static const char *const pats[] = {
		"muu, mikä", "muu mikä", "muu, mitä", "muu, kuka", "muu, missä", "muu, mihin",
		"jokin muu, mikä", "muut, mitkä", "muu:", "muu (mikä", "muu, kerro",
		"annat, vad", "annat, vilket", "annan, vad", "annan, vilken", "annat:", "annat (vad",
		"other (please specify)", "other, please specify", "other (specify)", "other:",
		"other - please specify", "other (please explain)", "other, specify",
	};
	struct ky_buf b = KY_BUF_INIT;
	const char *t = ky_label_normalize(&b, text);
	int hit = 0;
	for (size_t i = 0; i < sizeof(pats) / sizeof(pats[0]) && !hit; i++)
		hit = !strncmp(t, pats[i], strlen(pats[i]));
	ky_buf_release(&b);
	return hit;
}

/* A question that asks for a written answer ("Kerro...", "Mitä muuta...",
 * "Vapaa sana", "Perustele", "Övriga kommentarer", "Comments"): its column
 * is free text even when its few answers repeat. */
int ky_open_question(const char *text)
{
	static const char *const words[] = {
		"kerro", "kerrotko", "kertokaa", "kertoisitko", "kuvaile", "mitä muuta",
		"vapaa sana", "vapaat kommentit", "perustel*", "kommentit", "kommentteja",
		"kommentoi*", "terveiset", "risuja ja ruusuja", "ruusuja ja risuja",
		"kehittämisehdotu*", "kehitysehdotu*", "muuta kommentoitavaa", "berätta*",
		"övriga kommentarer", "övriga synpunkter", "kommentarer", "motivera*", "fritt ord",
		"comments", "comment", "please specify", "please explain", "tell us",
		"anything else", "suggestions for",
	};
	if (ky_other_question(text))
		return 1;
	struct ky_buf b = KY_BUF_INIT;
	const char *t = ky_label_normalize(&b, text);
	int hit = 0;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]) && !hit; i++)
		hit = has_word(t, words[i]);
	ky_buf_release(&b);
	return hit;
}

enum kind { K_NONE, K_SCALE, K_NONSUB_ONLY, K_RATING, K_NUMERIC, K_OTHER, K_LEGEND };

static enum kind first_pass(struct ky_survey *s, struct ky_column *c, struct colinfo *in)
{
	if (c->type == KY_COL_GROUP || c->type == KY_COL_CHOICE)
		return K_NONE;
	if (c->dropped) {
		c->type = KY_COL_METADATA;
		set_note(c, c->dropped);
		return K_NONE;
	}
	if (c->weight_role) {
		c->type = KY_COL_METADATA;
		set_note(c, "the respondents' weights (not analysed)");
		return K_NONE;
	}
	if (c->def_ignored) {
		c->type = KY_COL_METADATA;
		set_note(c, "ignored (listed in ignore = of the survey definition)");
		return K_NONE;
	}
	if (in->nonempty == 0 && c->n_overflow == 0) {
		c->type = KY_COL_EMPTY;
		set_note(c, "no answers");
		return K_NONE;
	}
	if (c->def_scale)
		return K_SCALE;
	if (ky_header_is_metadata(c->header)) {
		c->type = KY_COL_METADATA;
		set_note(c, "respondent metadata (by its header); not analysed");
		return K_NONE;
	}
	if (c->n_overflow) {
		c->type = KY_COL_OPEN;
		set_note(c, "free text (more distinct answers than are counted)");
		return K_NONE;
	}
	if (in->has_subst && in->cand) {
		/* "Vapaa sana" answered "Hyvä" twice is a written answer, not a
		 * quality scale: one or two distinct labels do not outweigh it */
		if (in->n < 3 && ky_open_question(ky_column_statement(c))) {
			c->type = KY_COL_OPEN;
			set_note(c, "free text (by its question)");
			return K_NONE;
		}
		return K_SCALE;
	}
	if (!in->has_subst)
		return K_NONSUB_ONLY;
	/* a 0-10 recommendation keeps its eleven points and its NPS */
	if (in->numeric && c->legend && !(c->legend->lo == 0 && c->legend->hi == 10 &&
					  recommend_words(c->header)) && legend_covers(s, c, in))
		return K_LEGEND;
	if (in->numeric) {
		if (in->integer && in->n >= 10 && in->nonempty == in->n && in->max - in->min >= in->n - 1 &&
		    in->max - in->min > 10) {
			c->type = KY_COL_METADATA;
			set_note(c, "respondent identifier (every value distinct); not analysed");
			return K_NONE;
		}
		return in->integer && in->max - fmin(in->min, 1) <= 10 ? K_RATING : K_NUMERIC;
	}
	if ((double)in->n_dates >= 0.9 * (double)in->n) {
		c->type = KY_COL_METADATA;
		set_note(c, "dates or timestamps; not analysed");
		return K_NONE;
	}
	/* a question asking for a written answer: free text even when its few
	 * answers repeat ("Muu, mikä?" answered "Kirjasto" three times) */
	int by_question = ky_open_question(ky_column_statement(c)) ||
			  (c->statement && ky_open_question(c->header));
	long partial = best_partial_scale(in);
	if (partial >= 0 && !by_question) {
		warn_unknown_labels(s, c, in, (size_t)partial);
		return K_OTHER;
	}
	double distinct_share = in->nonempty ? (double)in->n / (double)in->nonempty : 0;
	/* free text: mostly distinct answers that are long or many, or every
	 * answer different and written in words (small surveys) */
	if ((distinct_share >= 0.5 && (in->n > 10 || in->avg_len > 30)) || in->avg_len >= 60 ||
	    (distinct_share == 1 && in->n >= 3 && in->avg_words >= 2)) {
		c->type = KY_COL_OPEN;
		set_note(c, "free text");
		return K_NONE;
	}
	if (by_question) {
		c->type = KY_COL_OPEN;
		set_note(c, "free text (by its question)");
		return K_NONE;
	}
	return K_OTHER;
}


/* ---- Repeated statements (point 5 of issue #21; the audiences of #22
 * build on these) ----
 *
 * Microsoft Forms writes only the statement texts, so two Likert questions
 * over the same statements (before / now, importance / satisfaction,
 * residents' / staff's question) give identical headers side by side.  A
 * run of items ends where one of its statements comes again: the copy
 * starts a new block.  Afterwards every block that repeats an earlier one
 * (the same statements in the same order) says which: block->repeats. */

const char *ky_column_statement(const struct ky_column *c)
{
	return c->statement ? c->statement : c->header;
}

/* Whether normalised LATER repeats EARLIER: the same text, or (Excel's
 * unique table headers in a Forms workbook: "Name", "Name2") the same text
 * with one to three digits glued to its end. */
static int same_or_suffixed(const char *earlier, const char *later)
{
	size_t n = strlen(earlier), m = strlen(later);
	if (n == m)
		return !strcmp(earlier, later);
	if (m <= n || m > n + 3 || !n || strncmp(earlier, later, n) ||
	    isdigit((unsigned char)earlier[n - 1]) || earlier[n - 1] == ' ')
		return 0;
	for (size_t i = n; i < m; i++)
		if (!isdigit((unsigned char)later[i]))
			return 0;
	return 1;
}

int ky_statement_repeats(const struct ky_survey *s, size_t first, size_t j)
{
	struct ky_buf a = KY_BUF_INIT, b = KY_BUF_INIT;
	ky_label_normalize(&a, ky_column_statement(&s->col[j]));
	int hit = 0;
	for (size_t i = first; i < j && !hit; i++)
		hit = same_or_suffixed(ky_label_normalize(&b, ky_column_statement(&s->col[i])), a.buf);
	ky_buf_release(&a);
	ky_buf_release(&b);
	return hit;
}

/* ky_statement_repeats for the run loops, in time linear in the run: the
 * statements of the run [first, upto) so far in a dict, added as J moves on. */
struct run_seen {
	size_t first, upto;
	struct ky_dict d;
	struct ky_buf b;
};

static void seen_init(struct run_seen *r)
{
	r->first = r->upto = (size_t)-1;
	ky_dict_init(&r->d);
	ky_buf_init(&r->b);
}

static void seen_release(struct run_seen *r)
{
	ky_dict_release(&r->d);
	ky_buf_release(&r->b);
}

static int seen_repeats(struct run_seen *r, const struct ky_survey *s, size_t first, size_t j)
{
	if (r->first != first) {
		ky_dict_release(&r->d);
		ky_dict_init(&r->d);
		r->first = r->upto = first;
	}
	for (; r->upto < j; r->upto++) {
		ky_label_normalize(&r->b, ky_column_statement(&s->col[r->upto]));
		ky_dict_intern(&r->d, r->b.buf, r->b.len, NULL);
	}
	const char *t = ky_label_normalize(&r->b, ky_column_statement(&s->col[j]));
	size_t n = r->b.len, m = n;
	if (ky_dict_find(&r->d, t, n) != (size_t)-1)
		return 1;
	while (m && n - m < 3 && isdigit((unsigned char)t[m - 1]))
		m--;
	return m < n && m && !isdigit((unsigned char)t[m - 1]) && t[m - 1] != ' ' &&
	       ky_dict_find(&r->d, t, m) != (size_t)-1;
}

/* Whether blocks X and Y state the same statements in the same order
 * (NORM: the normalised statement of each column, or NULL). */
static int same_statements(char *const *norm, const struct ky_block *x, const struct ky_block *y)
{
	if (x->n_items != y->n_items || x->n_items < 2)
		return 0;
	for (size_t i = 0; i < x->n_items; i++)
		if (!same_or_suffixed(norm[x->items[i]], norm[y->items[i]]))
			return 0;
	return 1;
}

void ky_blocks_mark_repeats(struct ky_survey *s)
{
	char **norm = ky_xcalloc(s->n_columns + 1, sizeof(*norm));
	struct ky_buf b = KY_BUF_INIT;
	for (size_t i = 0; i < s->n_blocks; i++) {
		const struct ky_block *bl = &s->block[i];
		for (size_t k = 0; bl->n_items >= 2 && k < bl->n_items; k++)
			norm[bl->items[k]] = ky_xstrdup(ky_label_normalize(&b,
				ky_column_statement(&s->col[bl->items[k]])));
	}
	for (size_t i = 0; i < s->n_blocks; i++) {
		s->block[i].repeats = KY_NO_BLOCK;
		for (size_t j = 0; j < i && s->block[i].repeats == KY_NO_BLOCK; j++)
			if (same_statements(norm, &s->block[j], &s->block[i]))
				s->block[i].repeats = s->block[j].repeats == KY_NO_BLOCK ? j
						      : s->block[j].repeats;
	}
	for (size_t i = 0; i < s->n_columns; i++)
		free(norm[i]);
	free(norm);
	ky_buf_release(&b);
}

static int same_stem(const struct ky_column *a, const struct ky_column *b)
{
	if (!a->stem || !b->stem)
		return !a->stem && !b->stem;
	return strcmp(a->stem, b->stem) == 0;
}

static void add_block_list(struct ky_survey *s, const size_t *cols, size_t n, const char *title)
{
	s->block = ky_xrealloc(s->block, (s->n_blocks + 1) * sizeof(*s->block));
	struct ky_block *b = &s->block[s->n_blocks];
	struct ky_buf id = KY_BUF_INIT;
	ky_buf_addf(&id, "b%zu", s->n_blocks + 1);
	b->id = ky_buf_detach(&id, NULL);
	b->title = title ? ky_xstrdup(title) : NULL;
	b->scale = NULL;
	b->n_items = n;
	b->items = ky_xmalloc(n * sizeof(*b->items));
	for (size_t i = 0; i < n; i++) {
		b->items[i] = cols[i];
		s->col[cols[i]].block = s->n_blocks;
	}
	s->n_blocks++;
}

static void add_block(struct ky_survey *s, size_t first, size_t end, const char *title)
{
	size_t *cols = ky_xmalloc((end - first) * sizeof(*cols));
	for (size_t i = first; i < end; i++)
		cols[i - first] = i;
	add_block_list(s, cols, end - first, title);
	free(cols);
}

/* Runs of adjacent labelled-scale columns with one stem and a common scale. */
static void resolve_scales(struct ky_survey *s, struct colinfo *info, enum kind *kind)
{
	struct run_seen seen;
	seen_init(&seen);
	size_t i = 0;
	while (i < s->n_columns) {
		if ((kind[i] != K_SCALE && kind[i] != K_NONSUB_ONLY) ||
		    s->col[i].def_block != KY_NO_BLOCK) {
			i++;
			continue;
		}
		uint64_t mask = kind[i] == K_SCALE ? info[i].cand : ~0ull;
		size_t j = i + 1;
		while (j < s->n_columns && (kind[j] == K_SCALE || kind[j] == K_NONSUB_ONLY) &&
		       same_stem(&s->col[i], &s->col[j]) && s->col[j].def_block == KY_NO_BLOCK &&
		       !seen_repeats(&seen, s, i, j)) {
			uint64_t m = kind[j] == K_SCALE ? info[j].cand : ~0ull;
			if (!(mask & m))
				break;
			mask &= m;
			j++;
		}
		if (mask == ~0ull) {            /* only non-substantive answers: no scale known */
			for (size_t k = i; k < j; k++)
				kind[k] = K_OTHER;
			i = j;
			continue;
		}
		size_t L = pick_scale(mask);
		for (size_t k = i; k < j; k++) {
			struct ky_column *c = &s->col[k];
			c->type = KY_COL_SCALE;
			c->code_of = ky_xcalloc(info[k].n + 1, sizeof(int));
			map_lexicon(c, &info[k], L);
			set_note(c, "labelled scale");
		}
		add_block(s, i, j, s->col[i].stem);
		i = j;
	}
	seen_release(&seen);
}

/* "How likely are you to recommend ..." on 0-10: a Net Promoter question. */
static int recommend_words(const char *header)
{
	static const char *const words[] = { "suosittel", "recommend", "rekommender",
					     "net promoter", "nps" };
	struct ky_buf b = KY_BUF_INIT;
	const char *h = ky_label_normalize(&b, header);
	int hit = 0;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]) && !hit; i++)
		hit = strstr(h, words[i]) != NULL;
	ky_buf_release(&b);
	return hit;
}

/* Lowest code of a rating: 1, or 0 / a negative number when those occur. */
static double eff_lo(const struct colinfo *in)
{
	return fmin(in->min, 1);
}

/* Runs of adjacent integer rating columns sharing a stem (or, without
 * stems, the same range) share one range of codes. */
static void resolve_numeric(struct ky_survey *s, struct colinfo *info, enum kind *kind)
{
	struct run_seen seen;
	seen_init(&seen);
	size_t i = 0;
	while (i < s->n_columns) {
		if ((kind[i] != K_RATING && kind[i] != K_NUMERIC) ||
		    s->col[i].def_block != KY_NO_BLOCK) {
			i++;
			continue;
		}
		size_t j = i + 1;
		double lo = eff_lo(&info[i]);
		double hi = info[i].max;
		if (kind[i] == K_RATING && info[i].min >= 0 && hi <= 10 && hi >= 9 &&
		    recommend_words(s->col[i].header)) {
			/* a 0-10 recommendation scale: all eleven points, used or not */
			s->col[i].code_of = ky_xcalloc(info[i].n + 1, sizeof(int));
			map_numeric(&s->col[i], &info[i], 0, 10);
			s->col[i].type = KY_COL_NUMERIC;
			set_note(&s->col[i], "numeric rating");
			i++;
			continue;
		}
		if (kind[i] == K_RATING)
			while (j < s->n_columns && kind[j] == K_RATING &&
			       same_stem(&s->col[i], &s->col[j]) && s->col[j].def_block == KY_NO_BLOCK &&
			       !seen_repeats(&seen, s, i, j) &&
			       (s->col[i].stem || (eff_lo(&info[j]) == eff_lo(&info[i]) &&
						    info[j].max == info[i].max))) {
				double l2 = eff_lo(&info[j]);
				if (fmax(hi, info[j].max) - fmin(lo, l2) > 10)
					break;
				lo = fmin(lo, l2);
				hi = fmax(hi, info[j].max);
				j++;
			}
		for (size_t k = i; k < j; k++) {
			struct ky_column *c = &s->col[k];
			c->type = KY_COL_NUMERIC;
			c->code_of = ky_xcalloc(info[k].n + 1, sizeof(int));
			if (kind[k] == K_RATING) {
				map_numeric(c, &info[k], lo, hi);
				set_note(c, "numeric rating");
			} else {
				map_numeric(c, &info[k], info[k].min, info[k].max);
				set_note(c, "numbers");
			}
		}
		if (kind[i] == K_RATING)
			add_block(s, i, j, s->col[i].stem);
		i = j;
	}
	seen_release(&seen);
}

/* Runs of adjacent columns labelled by one legend (and one stem): a block. */
static void resolve_legends(struct ky_survey *s, struct colinfo *info, enum kind *kind)
{
	struct run_seen seen;
	seen_init(&seen);
	size_t i = 0;
	while (i < s->n_columns) {
		if (kind[i] != K_LEGEND || s->col[i].def_block != KY_NO_BLOCK) {
			i++;
			continue;
		}
		size_t j = i + 1;
		while (j < s->n_columns && kind[j] == K_LEGEND && s->col[j].def_block == KY_NO_BLOCK &&
		       same_stem(&s->col[i], &s->col[j]) &&
		       ky_legend_equal(s->col[i].legend, s->col[j].legend) &&
		       !seen_repeats(&seen, s, i, j))
			j++;
		for (size_t k = i; k < j; k++) {
			map_legend(&s->col[k], &info[k]);
			kind[k] = K_NONE;
		}
		add_block(s, i, j, s->col[i].stem);
		i = j;
	}
	seen_release(&seen);
}

static void find_nps(struct ky_survey *s)
{
	for (size_t i = 0; i < s->n_columns; i++) {
		struct ky_column *c = &s->col[i];
		const struct ky_scale *sc = &c->scale;
		if (c->type != KY_COL_NUMERIC || strcmp(sc->family, "rating") != 0 ||
		    sc->value[0] < 0 || sc->value[sc->n_levels - 1] > 10 ||
		    sc->value[sc->n_levels - 1] < 9 || !recommend_words(c->header))
			continue;
		c->nps = 1;
		set_note(c, "0-10 recommendation (Net Promoter)");
	}
}

static void fold_tallies(struct ky_survey *s, struct ky_column *c)
{
	size_t nv = ky_column_n_values(c);
	c->tally = ky_xcalloc(s->n_slots, sizeof(*c->tally));
	c->nonsub_count = ky_xcalloc(s->n_slots, sizeof(*c->nonsub_count));
	for (size_t sl = 0; sl < s->n_slots; sl++) {
		struct ky_tally *t = &c->tally[sl];
		const struct ky_vslot *vs = &c->slot[sl];
		if (s->weighting) {
			ky_tally_init_weighted(t, c->scale.n_levels);
			t->n_design = s->n_respondents;
			t->n_design_pos = s->weighting->n_pos;
		} else {
			ky_tally_init(t, c->scale.n_levels);
		}
		c->nonsub_count[sl] = ky_xcalloc(c->n_nonsub + 1, sizeof(uint64_t));
		if (s->weighting) {
			if (!c->nonsub_wsum)
				c->nonsub_wsum = ky_xcalloc(s->n_slots, sizeof(*c->nonsub_wsum));
			c->nonsub_wsum[sl] = ky_xcalloc(c->n_nonsub + 1, sizeof(double));
		}
		t->n_missing = c->slot[sl].n_missing;
		for (size_t v = 0; v < nv; v++) {
			uint64_t n = value_count(c, sl, v);
			int code = c->code_of[v];
			int w = t->wsum && v < vs->wcap;
			if (code >= 0) {
				t->count[code] += n;
				if (w) {
					t->wsum[code] += vs->wsum[v];
					t->wsum2[code] += vs->wsum2[v];
					t->npos[code] += vs->npos[v];
				}
			} else if (code != KY_CODE_NONE) {
				t->n_nonsubstantive += n;
				c->nonsub_count[sl][-1 - code] += n;
				if (w) {
					t->w_nonsubstantive += vs->wsum[v];
					c->nonsub_wsum[sl][-1 - code] += vs->wsum[v];
				}
			}
		}
	}
}

/* Group order: the grouping column's own scale order when it has one,
 * otherwise the group names in byte order. */
struct group_sort {
	const struct ky_dict *dict;
	const struct ky_column *gcol;
};

static int group_cmp(const void *a, const void *b, void *ctx)
{
	const struct group_sort *gs = ctx;
	const struct ky_dict *sort_dict = gs->dict;
	const struct ky_column *sort_gcol = gs->gcol;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const char *sx = sort_dict->str[x], *sy = sort_dict->str[y];
	if (sort_gcol && sort_gcol->code_of && sort_gcol->scale.ordinal) {
		size_t vx = ky_dict_find(sort_gcol->values, sx, strlen(sx));
		size_t vy = ky_dict_find(sort_gcol->values, sy, strlen(sy));
		int cx = vx == (size_t)-1 ? KY_CODE_NONE : sort_gcol->code_of[vx];
		int cy = vy == (size_t)-1 ? KY_CODE_NONE : sort_gcol->code_of[vy];
		if (cx >= 0 && cy >= 0 && cx != cy)
			return cx < cy ? -1 : 1;
	}
	return strcmp(sx, sy);
}

static void order_groups(struct ky_survey *s, struct colinfo *info)
{
	for (size_t g = 0; g < s->n_groupings; g++) {
		struct ky_grouping *gr = &s->grouping[g];
		struct ky_column *c = &s->col[gr->column];
		gr->order = ky_xmalloc((gr->n_groups + 1) * sizeof(size_t));
		for (size_t i = 0; i < gr->n_groups; i++)
			gr->order[i] = i;
		struct colinfo *in = &info[gr->column];
		c->code_of = ky_xcalloc(in->n + 1, sizeof(int));
		if (in->has_subst && in->cand)
			map_lexicon(c, in, pick_scale(in->cand));
		else if (in->numeric)
			map_numeric(c, in, in->min, in->max);
		else
			map_categorical(c, in);
		set_note(c, "grouping column");
		struct group_sort gs = { gr->values, c };
		qsort_r(gr->order, gr->n_groups, sizeof(size_t), group_cmp, &gs);
	}
}

/* Level of normalised text NORM in defined scale SC: by label (with or
 * without a number prefix), or by code when the export holds the codes. */
static int def_level(const struct ky_def_scale *sc, const char *norm, double num)
{
	struct ky_buf b = KY_BUF_INIT;
	int found = -1;
	const char *bare = ky_label_strip_number(norm);
	for (size_t k = 0; k < sc->labels.n && found < 0; k++) {
		const char *lab = ky_label_normalize(&b, sc->labels.s[k]);
		if (!strcmp(lab, norm) || (bare && !strcmp(lab, bare)))
			found = (int)k;
	}
	for (size_t k = 0; k < sc->labels.n && found < 0; k++)
		if (num == num && sc->codes[k] == num)
			found = (int)k;
	ky_buf_release(&b);
	return found;
}

/* Non-substantive answer of defined scale SC: by its text (with or without
 * a number prefix, "0 = En ole käyttänyt"), or by its code when one is
 * given and the cell holds it. */
static int def_nonsub(const struct ky_def_scale *sc, const char *norm, double num)
{
	struct ky_buf b = KY_BUF_INIT;
	int found = -1;
	const char *bare = ky_label_strip_number(norm);
	for (size_t k = 0; k < sc->nonsub.n && found < 0; k++) {
		const char *lab = ky_label_normalize(&b, sc->nonsub.s[k]);
		if (!strcmp(lab, norm) || (bare && !strcmp(lab, bare)) ||
		    (sc->nonsub_codes && num == num && sc->nonsub_codes[k] == num))
			found = (int)k;
	}
	ky_buf_release(&b);
	return found;
}

/* Maps column C's texts onto its defined scale; an answer that is neither
 * a level nor a non-substantive answer is an error (no silent dropping). */
static int map_defined(struct ky_survey *s, struct ky_column *c, struct colinfo *in,
		       struct ky_error *err)
{
	const struct ky_def_scale *sc = c->def_scale;
	c->type = KY_COL_SCALE;
	c->code_of = ky_xcalloc(in->n + 1, sizeof(int));
	scale_alloc(&c->scale, sc->name, NULL, sc->labels.n);
	c->scale.family = c->scale.id;
	for (size_t L = 0; L < ky_lexicon_size(); L++)   /* a built-in scale's name */
		if (!strcmp(ky_lexicon_get(L)->id, sc->name))
			c->scale.family = ky_lexicon_get(L)->family;
	c->scale.polarity = sc->bipolar ? KY_BIPOLAR : KY_UNIPOLAR;
	c->scale.ordinal = 1;
	c->scale.has_top2 = sc->labels.n >= 3;
	for (size_t k = 0; k < sc->labels.n; k++) {
		c->scale.label[k] = ky_xstrdup(sc->labels.s[k]);
		c->scale.value[k] = sc->codes[k];
	}
	for (size_t k = 0; k < sc->nonsub.n; k++) {   /* the definition's order and spelling */
		c->nonsub_label = ky_xrealloc(c->nonsub_label, (k + 1) * sizeof(char *));
		c->nonsub_label[k] = ky_xstrdup(sc->nonsub.s[k]);
		c->n_nonsub = k + 1;
	}
	set_note(c, "scale from the survey definition");
	for (size_t v = 0; v < in->n; v++) {
		int k = def_level(sc, in->norm[v], in->num[v]);
		if (k >= 0) {
			c->code_of[v] = k;
			continue;
		}
		k = def_nonsub(sc, in->norm[v], in->num[v]);
		if (k >= 0) {
			c->code_of[v] = -1 - k;
			continue;
		}
		if (in->nonsub[v]) {
			c->code_of[v] = add_nonsub(c, in, v);
			continue;
		}
		unsigned long line = c->first_line[v];
		size_t field;
		const char *path = ky_survey_where(s, c->index, &line, &field);
		return ky_error_set(err, KY_ERR_DATA, path, line, field,
				    "unknown answer '%s' in column %zu '%s': not a label of scale "
				    "'%s' (%s:%lu) nor a non-substantive answer; add it to labels "
				    "or nonsubstantive there", ky_column_value(c, v), field,
				    c->header, sc->name, s->def->path, sc->line);
	}
	return 0;
}

static const char *kind_name(enum kind k, const struct ky_column *c)
{
	switch (k) {
	case K_SCALE: return "scale labels";
	case K_NONSUB_ONLY: return "only non-substantive answers";
	case K_RATING: return "whole numbers";
	case K_NUMERIC: return "numbers";
	case K_OTHER: return "texts of no known scale";
	case K_LEGEND: return "codes of a legend";
	default: return c->type == KY_COL_SCALE ? "a defined scale" : ky_coltype_name(c->type);
	}
}

static int mixed(struct ky_survey *s, const struct ky_def_block *db, const struct ky_column *a,
		 const char *wa, const struct ky_column *b, const char *wb, struct ky_error *err)
{
	return ky_error_set(err, KY_ERR_DATA, s->def->path, db->line, 0,
			    "[block %s] mixes scales: column %zu '%s' holds %s, column %zu '%s' "
			    "holds %s; give the block a scale = or split it", db->name,
			    a->index + 1, a->header, wa, b->index + 1, b->header, wb);
}

/* Two items of a block whose labels fit no common built-in scale. */
static int mixed_labels(struct ky_survey *s, const struct ky_def_block *db, const size_t *cols,
			size_t n, const struct colinfo *info, const enum kind *kind,
			struct ky_error *err)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			if (kind[cols[i]] != K_SCALE || kind[cols[j]] != K_SCALE ||
			    (info[cols[i]].cand & info[cols[j]].cand))
				continue;
			struct ky_buf a = KY_BUF_INIT, b = KY_BUF_INIT;
			ky_buf_addf(&a, "%s labels", ky_lexicon_get(pick_scale(info[cols[i]].cand))->family);
			ky_buf_addf(&b, "%s labels", ky_lexicon_get(pick_scale(info[cols[j]].cand))->family);
			mixed(s, db, &s->col[cols[i]], a.buf, &s->col[cols[j]], b.buf, err);
			ky_buf_release(&a);
			ky_buf_release(&b);
			return -1;
		}
	return mixed(s, db, &s->col[cols[0]], "scale labels", &s->col[cols[n - 1]],
		     "labels of no common scale", err);
}

/* The blocks of the definition: their items share one scale, defined or
 * detected for the whole block; anything else is an error. */
static int resolve_def_blocks(struct ky_survey *s, struct colinfo *info, enum kind *kind,
			      struct ky_error *err)
{
	for (size_t bi = 0; s->def && bi < s->def->n_blocks; bi++) {
		const struct ky_def_block *db = &s->def->block[bi];
		size_t n = s->def_n[bi], *cols = s->def_cols[bi];
		uint64_t mask = ~0ull;
		int all_scale = 1, all_rating = 1, all_legend = 1;
		double lo = INFINITY, hi = -INFINITY;
		for (size_t i = 0; i < n; i++) {
			enum kind k = kind[cols[i]];
			all_scale &= k == K_SCALE || k == K_NONSUB_ONLY;
			all_rating &= k == K_RATING;
			all_legend &= k == K_LEGEND &&
				      ky_legend_equal(s->col[cols[i]].legend, s->col[cols[0]].legend);
			if (k == K_SCALE)
				mask &= info[cols[i]].cand;
			if (k == K_RATING) {
				lo = fmin(lo, eff_lo(&info[cols[i]]));
				hi = fmax(hi, info[cols[i]].max);
			}
		}
		for (size_t i = 0; i < n; i++) {
			struct ky_column *c = &s->col[cols[i]];
			if (kind[cols[i]] == K_NONE)
				continue;
			if (all_legend) {
				map_legend(c, &info[cols[i]]);
				kind[cols[i]] = K_NONE;
				continue;
			}
			c->code_of = ky_xcalloc(info[cols[i]].n + 1, sizeof(int));
			if (all_scale && mask && mask != ~0ull) {
				map_lexicon(c, &info[cols[i]], pick_scale(mask));
				c->type = KY_COL_SCALE;
				set_note(c, "labelled scale");
			} else if (all_rating && hi - lo <= 10) {
				map_numeric(c, &info[cols[i]], lo, hi);
				c->type = KY_COL_NUMERIC;
				set_note(c, "numeric rating");
			} else {
				free(c->code_of);
				c->code_of = NULL;
				if (all_scale && !mask)
					return mixed_labels(s, db, cols, n, info, kind, err);
				for (size_t j = 0; j < n; j++)
					if (j != i && kind[cols[j]] != kind[cols[i]])
						return mixed(s, db, c, kind_name(kind[cols[i]], c),
							     &s->col[cols[j]],
							     kind_name(kind[cols[j]], &s->col[cols[j]]), err);
				return mixed(s, db, c, kind_name(kind[cols[i]], c), c,
					     "answers of no common scale", err);
			}
			kind[cols[i]] = K_NONE;
		}
		for (size_t i = 1; i < n; i++) {
			const struct ky_column *a = &s->col[cols[0]], *b = &s->col[cols[i]];
			if (!ky_column_is_item(a) || !ky_column_is_item(b) ||
			    strcmp(a->scale.id, b->scale.id) || a->scale.n_levels != b->scale.n_levels)
				return mixed(s, db, a, ky_column_is_item(a) ? a->scale.id : ky_coltype_name(a->type),
					     b, ky_column_is_item(b) ? b->scale.id : ky_coltype_name(b->type), err);
		}
		add_block_list(s, cols, n, db->title ? db->title : s->col[cols[0]].stem);
	}
	return 0;
}

/* A column is in one block at most, so first items never tie. */
static int by_first_item(const void *a, const void *b)
{
	size_t x = ((const struct ky_block *)a)->items[0], y = ((const struct ky_block *)b)->items[0];
	return x < y ? -1 : x > y;
}

/* The id of a block of the survey definition: its [block NAME], with what
 * cannot stand in a file name (charts are named by it) written '_'. */
static void def_block_id(struct ky_buf *id, const char *name)
{
	for (const char *p = name; *p; p++) {
		unsigned char c = (unsigned char)*p;
		int ok = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			 (c >= 'A' && c <= 'Z') || c == '_' || c == '-' || (c == '.' && p != name);
		ky_buf_addch(id, ok ? (char)c : '_');
	}
}

/* Blocks in the order of their first item in the export, numbered b1, b2...;
 * a block of the survey definition is named by its section ([block NAME]),
 * made unique with -2, -3... if it meets another block's id. */
static void order_blocks(struct ky_survey *s)
{
	if (s->n_blocks > 1)
		qsort(s->block, s->n_blocks, sizeof(*s->block), by_first_item);
	for (size_t i = 0; i < s->n_blocks; i++) {
		struct ky_block *b = &s->block[i];
		struct ky_buf id = KY_BUF_INIT;
		size_t db = s->col[b->items[0]].def_block;
		if (s->def && db != KY_NO_BLOCK && db < s->def->n_blocks && *s->def->block[db].name) {
			def_block_id(&id, s->def->block[db].name);
			size_t stem = id.len;
			for (unsigned k = 2;; k++) {
				int taken = 0;
				for (size_t j = 0; j < s->n_blocks && !taken; j++) {
					size_t dj = s->col[s->block[j].items[0]].def_block;
					if (j == i)
						continue;
					if (j < i || dj == KY_NO_BLOCK)   /* ids given, and b<j+1> */
						taken = j < i ? !strcmp(s->block[j].id, id.buf)
							      : (id.buf[0] == 'b' &&
								 strtoul(id.buf + 1, NULL, 10) == j + 1 &&
								 id.buf[1] >= '1' && id.buf[1] <= '9' &&
								 strspn(id.buf + 1, "0123456789") ==
									 id.len - 1);
				}
				if (!taken)
					break;
				id.len = stem;
				ky_buf_addf(&id, "-%u", k);
			}
		} else {
			ky_buf_addf(&id, "b%zu", i + 1);
		}
		free(b->id);
		b->id = ky_buf_detach(&id, NULL);
		for (size_t j = 0; j < b->n_items; j++)
			s->col[b->items[j]].block = i;
	}
}

/* A "Muu, mikä?" free-text column right after a choice question (a
 * single-choice column, or the last column of a multi-select or ranking) holds that
 * question's other-answers: c->other_of. */
static void link_other_answers(struct ky_survey *s)
{
	for (size_t i = 1; i < s->n_columns; i++) {
		struct ky_column *c = &s->col[i];
		const struct ky_column *p = &s->col[i - 1];
		if (c->type != KY_COL_OPEN || !ky_other_question(ky_column_statement(c)))
			continue;
		if (p->type == KY_COL_CHOICE || p->type == KY_COL_CATEGORICAL)
			c->other_of = i - 1;
	}
}

const char *ky_survey_question_id(const struct ky_survey *s, size_t col)
{
	for (size_t i = 0; i < s->n_choices; i++)
		if (col >= s->choice[i].first_col && col < s->choice[i].first_col + s->choice[i].n_cols)
			return s->choice[i].id;
	return s->col[col].id;
}

size_t ky_survey_other_answers(const struct ky_survey *s, size_t first, size_t n)
{
	/* link_other_answers only links a column to the one right before it */
	size_t i = first + n;
	if (i < s->n_columns && s->col[i].other_of != KY_NO_BLOCK && s->col[i].other_of >= first &&
	    s->col[i].other_of < first + n)
		return i;
	return KY_NO_BLOCK;
}

int ky_survey_classify(struct ky_survey *s, struct ky_error *err)
{
	struct colinfo *info = ky_xcalloc(s->n_columns, sizeof(*info));
	enum kind *kind = ky_xcalloc(s->n_columns, sizeof(*kind));
	for (size_t g = 0; g < s->n_groupings; g++)
		s->col[s->grouping[g].column].type = KY_COL_GROUP;
	ky_survey_find_choices(s);
	int rc = 0;
	/* a legend in the first statement's header holds for the statements
	 * after it under the same question stem */
	for (size_t i = 1; i < s->n_columns; i++) {
		struct ky_column *c = &s->col[i], *p = &s->col[i - 1];
		if (!c->legend && p->legend && c->stem && p->stem && !strcmp(c->stem, p->stem))
			c->legend = ky_legend_copy(p->legend, c->header);
	}
	for (size_t i = 0; i < s->n_columns; i++) {
		info_build(&s->col[i], &info[i]);
		kind[i] = first_pass(s, &s->col[i], &info[i]);
		if (kind[i] != K_NONE && s->col[i].def_scale && rc == 0) {
			rc = map_defined(s, &s->col[i], &info[i], err);
			kind[i] = K_NONE;
		}
	}
	if (rc == 0)
		rc = resolve_def_blocks(s, info, kind, err);
	resolve_scales(s, info, kind);
	resolve_numeric(s, info, kind);
	resolve_legends(s, info, kind);
	order_blocks(s);
	ky_blocks_mark_repeats(s);
	find_nps(s);
	for (size_t i = 0; i < s->n_columns; i++) {
		struct ky_column *c = &s->col[i];
		if (kind[i] == K_OTHER) {
			c->type = KY_COL_CATEGORICAL;
			c->code_of = ky_xcalloc(info[i].n + 1, sizeof(int));
			map_categorical(c, &info[i]);
			set_note(c, info[i].has_subst ? "categories (no known scale)"
				    : "only non-substantive answers");
		}
		if (ky_column_is_item(c))
			fold_tallies(s, c);
	}
	order_groups(s, info);
	link_other_answers(s);
	int n_items = 0;   /* items, or open questions with answers (their terms) */
	for (size_t i = 0; i < s->n_columns; i++) {
		n_items += ky_column_is_item(&s->col[i]) ||
			   (s->col[i].type == KY_COL_OPEN && ky_column_n_values(&s->col[i]));
		info_release(&info[i]);
	}
	free(info);
	free(kind);
	if (rc < 0)
		return -1;
	if (!n_items)
		return ky_error_set(err, KY_ERR_DATA, s->path, 0, 0,
				    "nothing to analyse: no column holds scale answers, numbers, "
				    "categories or open answers (only empty, metadata or grouping "
				    "columns)");
	return 0;
}
