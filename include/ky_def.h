/* ky_def.h - survey definitions: a small INI file that
 * completes or overrides what kysely detects in an export.
 *
 *   [survey]       export, title, round, series, population, lang, report, group,
 *                  min_n, ignore, header_rows, weight, audience, exports,
 *                  audiences
 *   [weighting]    margins (population.csv: variable,category,population)
 *   [scale NAME]   kind (unipolar | bipolar), labels, codes, nonsubstantive
 *   [block NAME]   scale, items, reverse, reliability (yes | no), title
 *   [item ID]      text, was, scale
 *   [audience NAME] items (one audience's parallel block, in a common order)
 *
 * Lists are separated by `|` (labels and question texts contain commas); a
 * list may go on over indented continuation lines.  A nonsubstantive entry
 * "CODE = label" (0 = En ole käyttänyt) also takes cells holding CODE.  A
 * [block NAME] is called NAME in the outputs (struct ky_block's id).  Unknown sections and
 * keys, a key given twice and unknown scales are errors naming file:line;
 * lines may be of any length.  Items are column ids (Q3,
 * ST24Q01), header texts or 1-based column numbers, resolved against the
 * export by ky_survey_read().
 */
#ifndef KY_DEF_H
#define KY_DEF_H

#include <stddef.h>
#include <stdint.h>

#include "ky_error.h"

#define KY_DEF_WRITE_WIDTH 199       /* def_write.c keeps its lines this short */

struct ky_def_list {
	size_t n;
	char **s;
};

struct ky_def_scale {
	char *name;
	int bipolar;
	struct ky_def_list labels;     /* lowest / most negative level first */
	double *codes;                 /* [labels.n]: the value of each level (default 1..k) */
	struct ky_def_list codes_text; /* as written */
	struct ky_def_list nonsub;     /* non-substantive answers, counted apart (labels;
					* "CODE = label" entries lose their code here) */
	double *nonsub_codes;          /* [nonsub.n]: the code a cell may hold for it, NaN: none */
	unsigned long line;            /* of its section header */
};

struct ky_def_block {
	char *name, *title;
	char *scale;                   /* a [scale] name, or NULL: detected */
	struct ky_def_list items, reverse;
	int reliability;               /* 1 yes, 0 no, -1 not stated */
	unsigned long line;
};

struct ky_def_item {
	char *ref;                     /* its column: id, header text or number */
	char *text;                    /* display text, or NULL */
	char *scale;                   /* a [scale] name, or NULL */
	struct ky_def_list was;        /* its texts in earlier rounds */
	unsigned long line;
};

/* [audience NAME]: one audience's block of a single export, its items in
 * the order of every other [audience]'s (item k of each is one statement). */
struct ky_def_aud {
	char *name;
	struct ky_def_list items;
};

struct ky_def {
	char *path;                    /* of the definition file */
	char *dir;                     /* its folder: relative paths start here */
	char *export_path;             /* resolved; NULL when not given */
	char *title, *round, *lang;
	char *report;                /* report = html, md, pptx, docx; or NULL */
	char *series;                  /* rounds of one survey share it (kysely batch) */
	char *audience;                /* who answered this export (several exports: one survey) */
	struct ky_def_list exports;    /* one export per audience (resolved), or none */
	struct ky_def_list audiences;  /* names of the parallel blocks' audiences, in block order */
	uint64_t population;
	int min_n;                     /* -1: not stated */
	unsigned header_rows;          /* 0: detect */
	struct ky_def_list groups, ignore;
	char *weight;                  /* weight = COLUMN, or NULL */
	char *margins;                 /* [weighting] margins = FILE (resolved), or NULL */
	size_t n_scales, n_blocks, n_items;
	struct ky_def_scale *scale;
	struct ky_def_block *block;
	struct ky_def_item *item;
	size_t n_auds;
	struct ky_def_aud *aud;        /* parallel blocks declared, or none */
	char *text;                    /* the file, for finding lines of keys */
};

/* Whether PATH looks like a definition rather than an export: its first
 * non-blank, non-comment line is an INI section header. */
int ky_def_sniff(const char *path);

/* Reads and checks the definition at PATH.  NULL with ERR set (file:line). */
struct ky_def *ky_def_read(const char *path, struct ky_error *err);
void ky_def_free(struct ky_def *d);

/* The scale named NAME, or NULL. */
const struct ky_def_scale *ky_def_find_scale(const struct ky_def *d, const char *name);

/* The line of KEY in section SECTION ("survey", "block palvelut"), or of
 * the section header when KEY is NULL; 0 when absent. */
unsigned long ky_def_line(const struct ky_def *d, const char *section, const char *key);

/* Writes what kysely understood of survey S as a definition to edit:
 * [survey] with EXPORT (as the definition will name it), the groupings and
 * min_n; a [scale] per scale the blocks use; a [block] per block; candidate
 * scales (columns sharing one set of unknown labels) commented out, to be
 * put in order and switched on. */
struct ky_survey;
struct ky_buf;
void ky_def_write(const struct ky_survey *s, const char *export, struct ky_buf *out);

#endif
