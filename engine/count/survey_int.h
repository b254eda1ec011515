/* survey_int.h - the count room's private interface: what the streaming
 * pass, the answer patterns and the model built on them (engine/model) share. */
#ifndef KY_SURVEY_INT_H
#define KY_SURVEY_INT_H

#include "ky_survey.h"
#include "base/words_int.h"     /* ky_word_in, ky_header_is_metadata */

/* Trims ASCII blanks (and NBSP) around a cell; returns its new length.
 * Most cells start and end with neither: one test of each end byte. */
#define KY_TRIM_EDGE(c, first) \
	((unsigned char)(c) <= ' ' || (unsigned char)(c) == ((first) ? 0xC2 : 0xA0))
size_t ky_trim_cell_slow(const char **s, size_t len);
static inline size_t ky_trim_cell(const char **s, size_t len)
{
	if (len && !KY_TRIM_EDGE((*s)[0], 1) && !KY_TRIM_EDGE((*s)[len - 1], 0))
		return len;
	return ky_trim_cell_slow(s, len);
}
/* Whether every cell of REC is blank (such a record is skipped). */
struct ky_record;
int ky_record_blank(const struct ky_record *rec);

/* Classifies every column, resolves scales and blocks, folds the text
 * counts into code tallies and orders the groups. */
int ky_survey_classify(struct ky_survey *s, struct ky_error *err);

/* Weights (weight.c): set up after the header (the weight column, and for
 * raking the margins file, the pre-pass over the export and the raking),
 * each record's weight into s->record_w before it is counted, the check
 * once the pass is done (ky_survey_free releases it). */
struct ky_reader_options;
int ky_weight_setup(struct ky_survey *s, const struct ky_survey_options *o,
		    const struct ky_reader_options *ropts, struct ky_error *err);
int ky_weight_record(struct ky_survey *s, const struct ky_record *rec, struct ky_error *err);
int ky_weight_finish(struct ky_survey *s, struct ky_error *err);

/* Adds a warning line for the user. */
void ky_survey_warn(struct ky_survey *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Answer patterns (pattern.c): segments are set up after the header (one
 * per block of the definition, DEF_COLS[b] with DEF_N[b] columns, then the
 * runs of one stem among the other columns), each
 * record is counted with the value id of each column (VID, (size_t)-1 for an
 * empty cell, (size_t)-2 beyond the distinct-text limit) and of each
 * grouping (GID, (size_t)-1 for none). */
void ky_segments_init(struct ky_survey *s, const size_t *const *def_cols, const size_t *def_n,
		      size_t n_def);
void ky_segments_count(struct ky_survey *s, const size_t *vid, const size_t *gid);
void ky_segments_free(struct ky_survey *s);
/* Their patterns forgotten, once the scales and choices are made from them. */
void ky_segments_release_patterns(struct ky_survey *s);

/* Multi-select and ranking questions (choice.c), found before the columns
 * are classified: their columns get KY_COL_CHOICE. */
void ky_survey_find_choices(struct ky_survey *s);
/* Counts of the choice questions, after the groups are known. */
void ky_survey_count_choices(struct ky_survey *s);
void ky_choices_free(struct ky_survey *s);

/* Multi-item scales (scales.c): reliability and scale scores per block. */
void ky_survey_block_scales(struct ky_survey *s);
void ky_block_scale_free(struct ky_block_scale *b, size_t n_slots);
/* Whether block B is a multi-item scale (two or more ordinal items), and
 * why its answer patterns cannot give one (NULL: they can, or would if the
 * segment *SEGP were not full). */
int ky_block_is_scale(const struct ky_survey *s, const struct ky_block *b);
const char *ky_block_unusable(const struct ky_survey *s, const struct ky_block *b,
			      const struct ky_segment **segp);
/* Exact integer sums over the complete cases of a block (scales.c): new
 * (NULL with *NOTE when the item values are not multiples of a small
 * fraction), one respondent or pattern added with its value id per item
 * (KY_PATTERN_VALUES or more: empty or not kept), its slots and weight W,
 * and merged by addition. */
struct ky_scale_acc;
struct ky_scale_acc *ky_scale_acc_new(const struct ky_survey *s, const struct ky_block *b,
				      const char **note);
void ky_scale_acc_add(struct ky_scale_acc *a, const size_t *vid, const size_t *slots,
		      size_t n_slots, uint64_t w);
void ky_scale_acc_merge(struct ky_scale_acc *dst, struct ky_scale_acc *src);
void ky_scale_acc_free(struct ky_scale_acc *a);

/* Pattern KEY of SEG in another chunk's ids into OUT in this survey's:
 * BMAP per column n_cols x 256 key bytes, GMAP per grouping the group ids
 * (pattern.c; parallel.c and spill.c). */
void ky_pattern_rekey(const struct ky_segment *seg, size_t n_groupings,
		      const unsigned char *bmap, size_t *const *gmap, const unsigned char *key,
		      unsigned char *out);

/* Answer patterns beyond the memory bound (spill.c).  Once a segment is
 * full, each further key (and, from a chunk, each of its patterns) goes to
 * one unlinked temporary file per survey with its weight, instead of the
 * segment's dict: ky_spill_add().  ky_spill_adopt() makes chunk T's file
 * (parallel.c) one of S's, re-keyed when read: per segment of S the byte
 * map of each column (n_cols x 256; NULL: its records are not summed), per
 * grouping T's group id -> S's; both owned from then on.
 * ky_spill_failed() tells whether records were lost, ky_spill_lost() says
 * they were.  After the columns are
 * classified, ky_survey_spill_sums() adds the records of the segments that
 * a scale or a multi-select question needs into exact sums and counts;
 * ky_spill_take() hands over block BI's sums (NULL with *NOTE when the
 * records were lost), ky_spill_answered() the respondents per slot who
 * answered choice question Q; ky_spill_free() ends both. */
struct ky_spill;
void ky_spill_add(struct ky_survey *s, size_t seg, const unsigned char *key, size_t len,
		  uint64_t w);
void ky_spill_adopt(struct ky_survey *s, struct ky_survey *t, unsigned char **bmap,
		    size_t **gmap);
int ky_spill_failed(const struct ky_survey *s);
void ky_spill_lost(struct ky_survey *s);
void ky_survey_spill_sums(struct ky_survey *s);
struct ky_scale_acc *ky_spill_take(const struct ky_survey *s, size_t bi, const char **note);
const uint64_t *ky_spill_answered(const struct ky_survey *s, size_t q, const char **note);
void ky_spill_free(struct ky_survey *s);

/* Anonymity rule applied to one count per slot (answered) and its valid
 * part: sets HIDE[slot] (see ky_survey_suppressed). */
void ky_survey_hide_small(const struct ky_survey *s, const uint64_t *valid,
			  const uint64_t *answered, unsigned char *hide);

/* The column NAME names (its id, header text, statement or 1-based
 * number), or -1 with ERR naming FLAG and PATH. */
int ky_survey_find_column(struct ky_survey *s, const char *name, const char *flag,
			  const char *path, struct ky_error *err);

/* A record copied out of the reader (which lends its fields only until the
 * next call): header rows are looked at together, and a row that turns out
 * to hold answers is counted afterwards. */
struct ky_held {
	size_t n;
	char **field;
	size_t *len;
	unsigned long line, number;
	int used;
};

void ky_held_release(struct ky_held *h);

/* The header row(s) of R: ROWS (1-3) from the definition, else detected;
 * sets the columns.  Rows read ahead that hold answers are left in
 * PENDING[0..1] (survey.c). */
int ky_survey_read_header(struct ky_survey *s, struct ky_reader *r, unsigned rows,
			  struct ky_held *pending, struct ky_error *err);
/* Counts PENDING, then every further record of R (pass.c); an error when
 * no data row was counted. */
int ky_survey_scan(struct ky_survey *s, struct ky_reader *r, struct ky_held *pending,
		   const struct ky_reader_options *ropts, struct ky_error *err);
/* Column C's distinct-text counter of SLOT, grown to hold it. */
struct ky_vslot *ky_survey_col_slot(struct ky_column *c, size_t slot);
/* Frees what the count room owns of S (columns, groupings, blocks,
 * patterns, spill); ky_survey_free (model/build.c) frees the rest first. */
void ky_survey_release(struct ky_survey *s);

/* Column I of a survey set up from header text HEADER (cleaned, stem split);
 * ids for every column; counts added without a record (summary tables). */
void ky_survey_column_init(struct ky_column *c, size_t index, const char *header);
void ky_survey_assign_ids(struct ky_survey *s);
void ky_survey_add_count(struct ky_column *c, size_t slot, size_t id, uint64_t n);
void ky_survey_add_missing(struct ky_column *c, size_t slot, uint64_t n);

/* Personal data (forms.c): columns named as e-mail, name, IP address or
 * respondent id are marked before the pass and never counted; after it,
 * Microsoft Forms' fixed block (by position and content, any language) and
 * columns of e-mail or IP addresses are marked and what was counted of them
 * forgotten.  Marked columns are listed in s->dropped. */
void ky_personal_by_header(struct ky_survey *s);
void ky_personal_by_content(struct ky_survey *s);

/* Summary tables (summary.c): counts per item, label and group instead of
 * one row per respondent.  ky_summary_sniff() tells from the first records
 * of PATH whether it is one (a KY_SUMMARY_* layout) or not (0);
 * ky_summary_read() reads all of it from R and sets up the survey's columns,
 * groupings (N_GROUPS named ones, or all the table has) and counts. */
enum { KY_SUMMARY_LONG = 1, KY_SUMMARY_WIDE, KY_SUMMARY_WIDE_GROUPED, KY_SUMMARY_REPORT };
int ky_summary_sniff(const char *path, const struct ky_reader_options *opts);
int ky_summary_read(struct ky_survey *s, struct ky_reader *r, int layout, size_t n_groups,
		    const char *const *groups, struct ky_error *err);
/* The layout's name ("long", "wide", "wide-grouped", "webropol-report"). */
const char *ky_summary_layout_name(int layout);

/* One data record counted into S (the streaming pass): B holds scratch
 * space for n_groupings + 1 slots and group ids and n_columns value ids, and
 * whether the reader left the cell checks to the counting. */
struct ky_scanbuf {
	size_t *slots, *gid, *vid;
	int unchecked;       /* cells not yet checked by the reader (deferred checks) */
};
int ky_survey_count_record(struct ky_survey *s, const struct ky_record *rec,
			   struct ky_scanbuf *b, struct ky_error *err);

/* Between the two chunks of a split pass (parallel.c), for a column whose
 * texts pass KY_MAX_DISTINCT: the first chunk tells when its texts of
 * column I are final (ky_parallel_final), the second looks its texts
 * beyond its own limit up among them (ky_parallel_other: the first chunk's
 * id, or (size_t)-1 when not there), waiting for them to be final. */
void ky_parallel_final(struct ky_survey *s, size_t i);
size_t ky_parallel_other(struct ky_survey *t, size_t i, const char *cell, size_t len);

/* The rest of the pass over reader R in two chunks counted in parallel and
 * merged into exactly what a sequential pass gives (parallel.c): 1 when
 * every record was counted, 0 when the caller is to read the rest itself
 * (not a large UTF-8 CSV file, or the chunks could not be merged exactly),
 * -1 on an error (ERR set, as the sequential pass sets it). */
int ky_parallel_scan(struct ky_survey *s, struct ky_reader *r,
		     const struct ky_reader_options *ropts, struct ky_scanbuf *b,
		     struct ky_error *err);

/* Whether header H is a short code (ST24Q01) that serves as the column's id. */
int ky_header_is_code(const char *h);

/* Audiences (audience.c): one survey from several exports, one for each
 * audience (N > 1 readers R over PATHS, named by NAMES or NULL), or from one
 * export whose parallel blocks of statements were answered by different
 * respondents (N = 1: S holds its header and PENDING its read-ahead rows;
 * a first pass over PATHS[0] tells who answered which block).
 * ky_audience_plan() matches the statements and sets S's columns to the
 * union, with the audience column last; NULL when there is one audience (S
 * untouched) or on an error (*RC -1, else 0).  GROUPS are the groupings to
 * be named (a routing column among them is the audience grouping).
 * ky_audience_groupings() gives the groupings to set up: the audience
 * column (as its 1-based number, in NUM) first, then GROUPS.
 * ky_audience_scan() counts every record mapped onto the columns;
 * ky_audience_finish() tells S what was found (S->audience) and frees P. */
struct ky_aud_plan;
struct ky_aud_plan *ky_audience_plan(struct ky_survey *s, struct ky_reader **r,
				     const char *const *paths, const char *const *names, size_t n,
				     struct ky_held *pending, const struct ky_reader_options *ropts,
				     const char *const *groups, size_t n_groups, int *rc,
				     struct ky_error *err);
size_t ky_audience_groupings(const struct ky_aud_plan *p, const char *const *groups,
			     size_t n_groups, const char **out, char num[32]);
int ky_audience_scan(struct ky_survey *s, struct ky_aud_plan *p, struct ky_error *err);
void ky_audience_finish(struct ky_survey *s, struct ky_aud_plan *p);
void ky_audience_free(struct ky_audience *a);
/* After classification (model/audience_scales.c): the statements whose
 * audiences answered on different scales, into S->audience->differ. */
void ky_audience_scales(struct ky_survey *s);

#endif
