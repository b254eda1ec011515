/* ky_legend.h - code legends written into question texts.
 *
 * Numeric exports (Webropol "answers as numbers") hold codes; the question
 * text often says what they mean: "(0=En ole käyttänyt, 1=Ei vaikutusta,
 * ..., 5=Erittäin merkittävä vaikutus)", "asteikolla 1–5, jossa 1 = täysin
 * eri mieltä ja 5 = täysin samaa mieltä", "(1 = Strongly disagree,
 * 5 = Strongly agree)".  ky_legend_parse() finds such a legend (two or more
 * "CODE = label" entries with increasing codes, joined by commas, semicolons,
 * "…" or ja/och/and), returns its entries and the text without it.
 */
#ifndef KY_LEGEND_H
#define KY_LEGEND_H

#include <stddef.h>

struct ky_legend_entry {
	long code;
	char *label;              /* as written */
	int nonsub;               /* a non-substantive answer (lexicon's words) */
};

struct ky_legend {
	char *text;               /* the legend as it stood (taken out of the display text) */
	char *header;             /* the whole header it stood in */
	size_t n;
	struct ky_legend_entry *e;   /* [n] in code order */
	long lo, hi;              /* substantive code range: "1–5" stated, else the end points */
	int ends_only;            /* some codes in lo..hi have no label of their own */
};

/* Finds a legend in TEXT.  Returns NULL when there is none; else the legend
 * and, in *STRIPPED (malloc'd), TEXT without it (punctuation tidied). */
struct ky_legend *ky_legend_parse(const char *text, char **stripped);
void ky_legend_free(struct ky_legend *lg);
/* Same codes and the same labels (after normalisation). */
int ky_legend_equal(const struct ky_legend *a, const struct ky_legend *b);
/* A copy of LG for another column whose header is HEADER. */
struct ky_legend *ky_legend_copy(const struct ky_legend *lg, const char *header);
/* The entry for CODE, or NULL. */
const struct ky_legend_entry *ky_legend_find(const struct ky_legend *lg, long code);

#endif
