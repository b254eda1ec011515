/* ky_survey.h - the survey model: columns -> questions, scales, blocks and
 * groups, with their count tables.
 *
 * ky_survey_read() makes ONE streaming pass over the export: every cell is
 * counted by its distinct text per group slot (slot 0 = all respondents, then
 * one slot per value of each grouping column).  No rows are kept.  After the
 * pass, columns are classified from their distinct texts (scale labels,
 * numbers, categories, open text, metadata), distinct texts are mapped to
 * scale codes and the text counts fold into code tallies (struct ky_tally).
 */
#ifndef KY_SURVEY_H
#define KY_SURVEY_H

#include <stddef.h>
#include <stdint.h>

#include "ky_def.h"
#include "ky_error.h"
#include "ky_ingest.h"
#include "ky_scale.h"
#include "ky_tally.h"

#define KY_MAX_DISTINCT 10000   /* distinct texts counted per column; more -> open text */

enum ky_coltype {
	KY_COL_EMPTY,          /* no answers at all */
	KY_COL_METADATA,       /* respondent id, timestamps, e-mail: not analysed */
	KY_COL_GROUP,          /* a grouping column named with --group */
	KY_COL_SCALE,          /* labelled ordinal scale (Likert), codes 1..k */
	KY_COL_NUMERIC,        /* numbers: a rating (integer range) or a measurement */
	KY_COL_CATEGORICAL,    /* unordered categories: frequencies only */
	KY_COL_OPEN,           /* free text */
	KY_COL_CHOICE          /* part of a multi-select or ranking question (struct ky_choice) */
};

const char *ky_coltype_name(enum ky_coltype t);

/* A resolved answer scale of one column (owned by the column). */
struct ky_scale {
	char *id;                    /* "agreement-5-fi", "rating-1-5", "numeric", "categorical" */
	const char *family;          /* "agreement", "impact", ..., "rating", "numeric", "categorical" */
	enum ky_polarity polarity;
	int ordinal;                 /* 0 for categorical */
	int has_top2;                /* top-2-box is meaningful */
	size_t n_levels;
	char **label;                /* [n_levels] display labels */
	double *value;               /* [n_levels] numeric value of each code, ascending */
};

/* Counts of one distinct text in every slot. */
struct ky_vslot {
	uint64_t *count;             /* [cap] per value id */
	size_t cap;
	uint64_t n_missing;          /* empty cells */
	/* weighted runs only: per value id the sum of weights, of squared
	 * weights and the count of positive weights ([wcap]) */
	double *wsum, *wsum2;
	uint64_t *npos;
	size_t wcap;
};

struct ky_column {
	/* what counting a cell reads (survey.c count_record, pattern.c), side
	 * by side at the start: one cache line a column and record */
	void *values;                /* struct ky_dict of distinct non-empty texts */
	struct ky_vslot *slot;       /* [survey n_slots] */
	size_t slot_cap;
	const char *dropped;         /* personal data dropped at ingestion: why, or NULL */
	int pattern_lost;            /* too many distinct texts for answer patterns */
	size_t seg, seg_pos;         /* its segment and place in the pattern key, or KY_NO_BLOCK */

	size_t index;                /* 0-based position in the export */
	char *header;                /* header text (NBSP -> space, trimmed) */
	char *id;                    /* stable identifier: short code header or "Q<position>" */
	char *stem, *statement;      /* "Question:Statement" split; stem NULL if none */
	enum ky_coltype type;
	char *note;                  /* why it got its type, for listings */

	/* the streaming pass (and values, slot, slot_cap above) */
	unsigned long *first_line;   /* [n distinct] line where each text first appeared */
	uint64_t n_overflow;         /* non-empty cells beyond KY_MAX_DISTINCT distinct texts */

	/* classification */
	struct ky_scale scale;
	int *code_of;                /* [n distinct] >= 0 code, -1 - k: non-substantive k, KY_CODE_NONE */
	size_t n_nonsub;
	char **nonsub_label;         /* [n_nonsub] display labels */
	struct ky_tally *tally;      /* [n_slots] */
	uint64_t **nonsub_count;     /* [n_slots][n_nonsub] */
	double **nonsub_wsum;        /* weighted: [n_slots][n_nonsub] sums of weights, else NULL */
	size_t block;                /* index of its block, or KY_NO_BLOCK */
	unsigned char *suppressed;   /* [n_slots] 1: hidden for anonymity (min_n), or NULL */
	int reversed;                /* reverse-keyed in its scale (--reverse) */
	int nps;                     /* a 0-10 recommendation question (Net Promoter) */
	int weight_role;             /* 1: the weight column (not analysed) */

	/* from the survey definition */
	int def_ignored;             /* listed in ignore = */
	const struct ky_def_scale *def_scale;  /* its scale, or NULL: detected */
	size_t def_block;            /* its [block], or KY_NO_BLOCK */
	char **was;                  /* [n_was] its texts in earlier rounds ([item] was =) */
	size_t n_was;
};

#define KY_CODE_NONE INT32_MIN
#define KY_NO_BLOCK ((size_t)-1)

struct ky_grouping {
	size_t column;               /* index of the grouping column */
	char *name;                  /* its header */
	void *values;                /* struct ky_dict of group names */
	size_t *slot_of;             /* [n groups] value id -> slot */
	size_t *order;               /* [n groups] value ids in report order */
	size_t n_groups;
	uint64_t *n_respondents;     /* [n groups] by value id */
	uint64_t n_empty;            /* respondents with an empty group cell */
};

/* A block scored as a multi-item scale (2+ ordinal items from one
 * segment): reliability on complete cases and the scale score (mean of the
 * items, reversed items recoded) as a count table per slot. */
struct ky_block_scale {
	const char *note;            /* why nothing was computed, or NULL */
	uint64_t n_complete;         /* respondents who answered every item */
	double alpha, alpha_std;
	double *r_drop;              /* [n_items] corrected item-total correlation */
	double *alpha_if_deleted;    /* [n_items] raw alpha without the item */
	double *item_sd;             /* [n_items] on complete cases */
	size_t n_scores;
	double *score;               /* [n_scores] distinct scale scores, ascending */
	struct ky_tally *tally;      /* [n_slots] counts per scale score */
	unsigned char *suppressed;   /* [n_slots] hidden for anonymity */
};

struct ky_block {
	char *id;                    /* "b1", "b2", ... */
	char *title;                 /* the shared question stem, or NULL */
	size_t n_items;
	size_t *items;               /* column indices */
	struct ky_block_scale *scale; /* NULL when not a multi-item scale */
};

/* Columns [first, end) that share one question stem (or have none), or the
 * items of a block of the survey definition, wherever they stand: every
 * respondent's answers to them are counted as one answer pattern (value ids
 * per column, then the group of each grouping), which is what reliability,
 * scale scores and "answered the question" need.  Patterns merge by
 * addition like tallies; their number is bounded by KY_MAX_PATTERNS and
 * their memory by KY_MAX_PATTERN_BYTES. */
#define KY_PATTERN_VALUES 64         /* distinct texts a column may have in patterns */
#define KY_PATTERN_EMPTY 0xFF        /* pattern byte of an empty cell */
#define KY_PATTERN_OTHER 0xFE        /* of a text beyond KY_PATTERN_VALUES or not kept */
#define KY_MAX_PATTERNS 1000000      /* distinct patterns kept per survey */
/* and at most this much memory for them (each counted as its key plus
 * KY_PATTERN_COST bytes of bookkeeping), so that peak memory does not grow
 * with the rows: with a 50-item block about 290 000 respondents */
#define KY_MAX_PATTERN_BYTES (4u * 1024u * 1024u)
#define KY_PATTERN_COST 56
struct ky_segment {
	size_t first, end;           /* a stem run [first, end); both 0 when defined */
	size_t *cols;                /* [n_cols] its columns, in key order */
	size_t n_cols;
	int defined;                 /* a block of the survey definition */
	void *patterns;              /* struct ky_dict of pattern keys */
	uint64_t *count;             /* [patterns] respondents */
	size_t cap;
	int full;                    /* stopped at KY_MAX_PATTERNS: patterns incomplete */
};

/* A multi-select or ranking question: Webropol's one column per option
 * (1 / option text / 0 for a choice, "1." "2." ... for a rank) or one cell
 * listing the choices joined by ';' (Microsoft Forms). */
enum ky_choice_kind { KY_CHOICE_MULTI, KY_CHOICE_RANKING };
struct ky_choice {
	enum ky_choice_kind kind;
	char *id, *title;
	size_t first_col, n_cols;    /* its columns */
	size_t n_options;
	char **option;               /* [n_options] in questionnaire / first-seen order */
	size_t n_positions;          /* ranking: positions 1..n_positions */
	uint64_t *n_respondents;     /* [n_slots] who answered the question */
	uint64_t **count;            /* [n_slots][n_options] chosen (multi) or ranked */
	uint64_t **rank;             /* ranking: [n_slots][n_options * n_positions] */
	unsigned char *suppressed;   /* [n_slots] */
	const char *note;            /* e.g. patterns incomplete, or NULL */
};

/* The same statements asked of several audiences (residents, staff): one
 * export per audience, or parallel blocks of one export that different
 * respondents answered.  Each matched statement is one column of the
 * survey, the audience a grouping (the synthesised column COLUMN, or the
 * routing column ROUTE when that was named with --group). */
struct ky_audience_item {
	size_t column;               /* the survey's column */
	const char *how;             /* "id", "was", "statement", "header" */
	size_t *src;                 /* [n] its column (0-based) in each audience's export, or -1 */
};
struct ky_audience {
	int blocks;                  /* 1: parallel blocks of one export; 0: one export each */
	size_t n;                    /* audiences */
	char **name;                 /* [n] group names */
	char **source;               /* [n] export path, or the block's columns ("Q5-Q16") */
	char **question;             /* [n] the question text(s) they were asked, or NULL */
	uint64_t *n_respondents;     /* [n] */
	char *route;                 /* the column that determines the block, or NULL */
	size_t column;               /* the audience column, or KY_NO_BLOCK (route used) */
	uint64_t n_none, n_multi;    /* respondents who answered no block / more than one */
	size_t n_items;
	struct ky_audience_item *item;
	size_t n_differ;             /* items whose scales differ between audiences */
	size_t *differ;              /* [n_differ] their columns (not tested between them) */
	size_t n_src;                /* exports read (1: parallel blocks) */
	size_t *src_col;             /* [n_columns * n_src] each column's in each export, or -1 */
	unsigned long *line0;        /* [n_src + 1] where each export's lines start in the
				      * survey's line numbers (first_line) */
};

/* How the respondents are weighted (weight.c): a weight column, raking to
 * population margins, or both (raking starts from the column's weights). */
struct ky_margin {
	size_t column;               /* the margin variable's column */
	char *name;                  /* as the margins file names it */
	size_t n_cats;
	char **cat;                  /* [n_cats] categories */
	double *population;          /* [n_cats] population counts */
	unsigned long *line;         /* [n_cats] line in the margins file */
};
struct ky_weighting {
	size_t column;               /* the weight column, or (size_t)-1 */
	char *column_name;
	char *margins_path;          /* the margins file, or NULL */
	size_t n_margins;
	struct ky_margin *margin;
	size_t n_cells;              /* raking cells: the product of n_cats */
	double *cell_w;              /* [n_cells] base weights summed per cell (pre-pass) */
	uint64_t *cell_n;            /* [n_cells] respondents per cell */
	double *factor;              /* [n_cells] raking factor of the cell */
	unsigned iterations;         /* raking iterations to convergence */
	double max_rel_diff;         /* largest relative margin discrepancy at the end */
	/* after the pass */
	double sum_w, sum_w2, min_w, max_w;
	uint64_t n_pos;              /* respondents with w > 0 */
	double *buf_w;               /* scratch */
};

struct ky_survey {
	char *path;
	char format[8];             /* "CSV", "XLSX", "SPSS" */
	char *sheet;                /* XLSX: the sheet read, else NULL */
	unsigned header_rows;       /* 1, or 2-3 (two-row exports, Qualtrics) */
	char *def_path;             /* the survey definition used, or NULL */
	const struct ky_def *def;   /* borrowed while reading, NULL afterwards */
	size_t **def_cols, *def_n;  /* [n_def] the columns of each [block] */
	size_t n_def;
	char *title, *round;        /* from the definition, or NULL */
	const char *summary;        /* a summary table's layout ("long", "wide", ...), or NULL: rows */
	char encoding[24];          /* "UTF-8", "UTF-16LE", "WINDOWS-1252", ... */
	char delimiter;
	int bom;
	uint64_t n_respondents;
	unsigned long n_records;     /* data records read */
	size_t n_columns;
	struct ky_column *col;
	size_t n_groupings;
	struct ky_grouping *grouping;
	size_t n_slots;              /* 1 + total number of groups */
	unsigned min_n;              /* anonymity threshold applied (0: none) */
	size_t n_blocks;
	struct ky_block *block;
	size_t n_segments;
	struct ky_segment *segment;
	size_t n_patterns;           /* over all segments */
	size_t pattern_bytes;        /* their estimated memory */
	size_t max_pattern_bytes;    /* its bound (0 = KY_MAX_PATTERN_BYTES) */
	int parallel;                /* the pass: 0 one reader, 1 two chunks merged,
				      * -1 split but read on by one reader (parallel.c) */
	size_t n_choices;
	struct ky_choice *choice;
	struct ky_spill *spill;      /* answer patterns beyond the bound (spill.c), or NULL */
	struct ky_link *link;        /* the two chunks of a split pass (parallel.c), or NULL */
	struct ky_spill_sums *sums;  /* what the classified survey made of them, while used */
	uint64_t population;         /* invited / target population, 0 = not stated */
	size_t n_dropped;
	size_t *dropped;             /* [n_dropped] columns of personal data, dropped */
	struct ky_audience *audience; /* several audiences, or NULL */
	size_t n_paths;              /* exports read (several: one per audience) */
	char **paths;                /* [n_paths] */
	size_t n_warnings;
	char **warning;              /* "path:line:col: ..." lines for the user */
	struct ky_weighting *weighting; /* NULL: unweighted */
	double record_w;             /* the weight of the record being counted */
};

struct ky_survey_options {
	struct ky_reader_options reader;
	size_t n_groups;
	const char *const *groups;   /* grouping columns: header, id or 1-based number */
	unsigned min_n;              /* hide groups with fewer answers than this; 0 = none */
	size_t n_reverse;
	const char *const *reverse;  /* reverse-keyed items: header, id or 1-based number */
	uint64_t population;         /* people invited, for the response rate; 0 = unknown */
	const struct ky_def *def;    /* a survey definition, or NULL: detection decides */
	size_t max_pattern_bytes;    /* answer-pattern memory; 0 = KY_MAX_PATTERN_BYTES */
	int keep_patterns;           /* keep them after the scales are made (tests look) */
	const char *weight;          /* --weight COLUMN (else the definition's weight =) */
};

/* Whether the survey is weighted (its tallies carry weighted sums). */
static inline int ky_survey_weighted(const struct ky_survey *s) { return s->weighting != NULL; }

/* Reads and tallies PATH in one pass and classifies its columns.  Returns
 * NULL with ERR set on failure (I/O, CSV syntax, ragged rows, no data rows,
 * unknown --group column, nothing analysable). */
struct ky_survey *ky_survey_read(const char *path, const struct ky_survey_options *opts,
				 struct ky_error *err);
void ky_survey_free(struct ky_survey *s);
/* N exports of the same statements, one per audience, read as one survey
 * with the grouping "audience" (groups named NAMES[i], or when NULL by the
 * file name without its extension); OPTS->def applies to the first. */
struct ky_survey *ky_survey_read_audiences(const char *const *paths, const char *const *names,
					   size_t n, const struct ky_survey_options *opts,
					   struct ky_error *err);

/* Whether the results of column C for SLOT are hidden: fewer than min_n
 * people answered the item in that group (valid or non-substantive), or the
 * group must be hidden too so that a hidden one cannot be recovered by
 * subtracting the shown groups from all respondents. */
int ky_survey_suppressed(const struct ky_column *c, size_t slot);

/* Where line LINE of column COL (as the survey counts them: with several
 * exports, one after the other) is: the export's path, *LINE its line
 * there, *FIELD its 1-based column there. */
const char *ky_survey_where(const struct ky_survey *s, size_t col, unsigned long *line,
			    size_t *field);

/* Slot of group value VALUE_ID of grouping G. */
size_t ky_survey_slot(const struct ky_survey *s, size_t g, size_t value_id);
/* Name of group value VALUE_ID of grouping G (borrowed). */
const char *ky_survey_group_name(const struct ky_survey *s, size_t g, size_t value_id);

/* Answer patterns of segment SEG: how many, the I-th key (one byte per
 * column: value id, KY_PATTERN_EMPTY or KY_PATTERN_OTHER; then per grouping
 * the group's value id, (size_t)-1 for none) and its respondents. */
size_t ky_segment_n(const struct ky_segment *seg);
const unsigned char *ky_segment_key(const struct ky_segment *seg, size_t i);
size_t ky_pattern_group(const struct ky_segment *seg, const unsigned char *key, size_t g);
/* The segment holding column COL, or NULL when it is alone in its segment. */
const struct ky_segment *ky_survey_segment_of(const struct ky_survey *s, size_t col);

/* Whether column C is analysed as an item (scale, numeric or categorical). */
int ky_column_is_item(const struct ky_column *c);

/* Distinct texts of column C: count and the I-th text (borrowed). */
size_t ky_column_n_values(const struct ky_column *c);
const char *ky_column_value(const struct ky_column *c, size_t i);

#endif
