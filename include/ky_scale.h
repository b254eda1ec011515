/* ky_scale.h - answer scales and the built-in label lexicon.
 *
 * A lexicon scale is an ordered list of levels, lowest / most negative first,
 * each with the label spellings it accepts (Finnish, Swedish or English).
 * Labels are compared after normalisation: Unicode NFKC, case folding,
 * whitespace collapsed and trimmed, typographic apostrophes made plain.
 * Codes run 1..k in level order, so a higher mean always means more
 * agreement, impact, satisfaction, frequency or quality.
 */
#ifndef KY_SCALE_H
#define KY_SCALE_H

#include <stddef.h>

#include "ky_buf.h"

enum ky_polarity { KY_UNIPOLAR, KY_BIPOLAR };

#define KY_SCALE_MAX_LEVELS 11
#define KY_SCALE_MAX_ALIASES 6

struct ky_lex_level {
	const char *alias[KY_SCALE_MAX_ALIASES];   /* alias[0] is the display label */
};

struct ky_lex_scale {
	const char *id;            /* "agreement-5-fi" */
	const char *family;        /* "agreement", "impact", ... */
	const char *lang;          /* "fi", "sv", "en" */
	enum ky_polarity polarity;
	size_t n_levels;
	struct ky_lex_level level[KY_SCALE_MAX_LEVELS];
};

/* The built-in lexicon, in preference order. */
size_t ky_lexicon_size(void);
const struct ky_lex_scale *ky_lexicon_get(size_t i);

/* Normalises label S into OUT (replacing its contents).  Returns OUT->buf. */
const char *ky_label_normalize(struct ky_buf *out, const char *s);

/* The key two texts of one statement or question are compared by: S
 * normalised (as above) and without trailing ':' '.' '?' '!' or blanks, into
 * OUT.  Returns OUT->buf. */
const char *ky_text_key(struct ky_buf *out, const char *s);

/* Index of the level of SCALE that accepts normalised label NORM, or -1. */
int ky_lex_level_of(const struct ky_lex_scale *scale, const char *norm);

/* Whether normalised label NORM is a non-substantive answer ("En osaa sanoa",
 * "Vet ej", "Don't know", "En ole käyttänyt", "Ei koske minua", ...). */
int ky_label_is_nonsubstantive(const char *norm);

/* If NORM starts with a numeric prefix such as "1 ", "1 = ", "1. ", "1) ",
 * "1 - ", returns the rest (a pointer into NORM); otherwise NULL. */
const char *ky_label_strip_number(const char *norm);

#endif
