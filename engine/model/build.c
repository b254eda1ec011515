/* build.c - the survey model made in explicit phases: read the header and
 * apply the definition (columns, groupings, blocks), mark personal data,
 * count every record (engine/count), classify the columns into items,
 * scales, blocks and questions, then fold what the answer patterns give
 * (multi-select counts, reliability and scale scores) and apply the
 * anonymity threshold.  Owns ky_survey_read() and ky_survey_free().
 *
 * The model room (engine/model) owns what the counted columns mean: items,
 * scales, blocks, groupings, multi-select and ranking questions, personal
 * data, multi-item scales, and the words of open answers (text.c: base
 * forms, stems, stop words; names.c: people's names).  It uses base, ingest
 * and count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ky_buf.h"
#include "ky_def.h"
#include "ky_scale.h"
#include "base/dict_int.h"
#include "count/survey_int.h"

static void apply_min_n(struct ky_survey *s, unsigned min_n)
{
	s->min_n = min_n;
	uint64_t *valid = ky_xcalloc(s->n_slots, sizeof(*valid));
	uint64_t *answered = ky_xcalloc(s->n_slots, sizeof(*answered));
	for (size_t i = 0; i < s->n_columns; i++) {
		struct ky_column *c = &s->col[i];
		if (!ky_column_is_item(c) && c->type != KY_COL_OPEN)
			continue;
		for (size_t sl = 0; sl < s->n_slots; sl++) {
			if (c->type == KY_COL_OPEN) {   /* open answers listed by group */
				valid[sl] = 0;
				for (size_t v = 0; sl < c->slot_cap && v < c->slot[sl].cap; v++)
					valid[sl] += c->slot[sl].count[v];
				answered[sl] = valid[sl];
				continue;
			}
			valid[sl] = ky_tally_n(&c->tally[sl]);
			answered[sl] = valid[sl] + c->tally[sl].n_nonsubstantive;
		}
		c->suppressed = ky_xcalloc(s->n_slots, 1);
		ky_survey_hide_small(s, valid, answered, c->suppressed);
	}
	free(valid);
	free(answered);
}

/* --reverse: the named columns must be items of a multi-item block. */
static int mark_reversed(struct ky_survey *s, const struct ky_survey_options *o,
			 struct ky_error *err)
{
	for (size_t k = 0; k < o->n_reverse; k++) {
		int c = ky_survey_find_column(s, o->reverse[k], "--reverse", s->path, err);
		if (c < 0)
			return -1;
		struct ky_column *col = &s->col[c];
		if (!ky_column_is_item(col) || !col->scale.ordinal || col->block == KY_NO_BLOCK)
			return ky_error_set(err, KY_ERR_USAGE, s->path, 0, (size_t)c + 1,
					    "--reverse '%s': column %d '%s' is not an item of a "
					    "multi-item scale (it is %s)", o->reverse[k], c + 1,
					    col->header, ky_coltype_name(col->type));
		col->reversed = 1;
	}
	return 0;
}

/* reliability = no in a [block]: no alpha and no scale score for it. */
static void drop_unwanted_reliability(struct ky_survey *s, const struct ky_def *d)
{
	for (size_t b = 0; b < d->n_blocks; b++) {
		if (d->block[b].reliability != 0 || !s->def_n[b])
			continue;
		size_t blk = s->col[s->def_cols[b][0]].block;
		if (blk != KY_NO_BLOCK && s->block[blk].scale) {
			ky_block_scale_free(s->block[blk].scale, s->n_slots);
			s->block[blk].scale = NULL;
		}
	}
}

/* find_column for a reference in the survey definition: errors name the
 * definition's line. */
static int def_column(struct ky_survey *s, const char *ref, const char *what, unsigned long line,
		      struct ky_error *err)
{
	struct ky_error e;
	ky_error_clear(&e);
	int c = ky_survey_find_column(s, ref, what, s->path, &e);
	if (c == -2)            /* identical headers: the message says which */
		ky_error_set(err, KY_ERR_DATA, s->def->path, line, 0, "%s", e.msg);
	else if (c < 0)
		ky_error_set(err, KY_ERR_DATA, s->def->path, line, 0,
			     "%s: no column '%s' in %s (give its header text, its id such as Q3, "
			     "or its 1-based number; `kysely inspect` lists them)", what, ref, s->path);
	return c;
}

static int def_blocks(struct ky_survey *s, const struct ky_def *d, struct ky_error *err)
{
	s->def_cols = ky_xcalloc(d->n_blocks + 1, sizeof(*s->def_cols));
	s->def_n = ky_xcalloc(d->n_blocks + 1, sizeof(*s->def_n));
	s->n_def = d->n_blocks;
	for (size_t b = 0; b < d->n_blocks; b++) {
		const struct ky_def_block *db = &d->block[b];
		struct ky_buf sect = KY_BUF_INIT, what = KY_BUF_INIT;
		ky_buf_addf(&sect, "block %s", db->name);
		ky_buf_addf(&what, "[block %s] items", db->name);
		unsigned long line = ky_def_line(d, sect.buf, "items");
		s->def_cols[b] = ky_xcalloc(db->items.n + 1, sizeof(size_t));
		int rc = 0;
		for (size_t i = 0; i < db->items.n && rc == 0; i++) {
			int c = def_column(s, db->items.s[i], what.buf, line, err);
			if (c < 0) {
				rc = -1;
				break;
			}
			struct ky_column *col = &s->col[c];
			if (col->def_block != KY_NO_BLOCK)
				rc = ky_error_set(err, KY_ERR_DATA, d->path, line, 0,
						  "%s: column %d '%s' is already in [block %s]",
						  what.buf, c + 1, col->header,
						  d->block[col->def_block].name);
			else if (col->def_ignored || col->type == KY_COL_GROUP)
				rc = ky_error_set(err, KY_ERR_DATA, d->path, line, 0,
						  "%s: column %d '%s' is %s", what.buf, c + 1,
						  col->header, col->def_ignored ? "ignored"
						  : "a grouping column");
			col->def_block = b;
			if (db->scale)
				col->def_scale = ky_def_find_scale(d, db->scale);
			s->def_cols[b][s->def_n[b]++] = (size_t)c;
		}
		ky_buf_reset(&what);
		ky_buf_addf(&what, "[block %s] reverse", db->name);
		line = ky_def_line(d, sect.buf, "reverse");
		for (size_t i = 0; i < db->reverse.n && rc == 0; i++) {
			int c = def_column(s, db->reverse.s[i], what.buf, line, err);
			if (c < 0)
				rc = -1;
			else if (s->col[c].def_block != b)
				rc = ky_error_set(err, KY_ERR_DATA, d->path, line, 0,
						  "%s: column %d '%s' is not one of the block's items",
						  what.buf, c + 1, s->col[c].header);
			else
				s->col[c].reversed = 1;
		}
		ky_buf_release(&sect);
		ky_buf_release(&what);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Applies the definition to the columns before the pass: ignored columns,
 * blocks (with their scales and reversed items) and item scales. */
static int apply_definition(struct ky_survey *s, const struct ky_def *d, struct ky_error *err)
{
	unsigned long line = ky_def_line(d, "survey", "ignore");
	for (size_t i = 0; i < d->ignore.n; i++) {
		int c = def_column(s, d->ignore.s[i], "ignore", line, err);
		if (c < 0)
			return -1;
		if (s->col[c].type == KY_COL_GROUP)
			return ky_error_set(err, KY_ERR_DATA, d->path, line, 0, "ignore: column %d "
					    "'%s' is a grouping column", c + 1, s->col[c].header);
		s->col[c].def_ignored = 1;
	}
	if (def_blocks(s, d, err) < 0)
		return -1;
	for (size_t i = 0; i < d->n_items; i++) {
		const struct ky_def_item *it = &d->item[i];
		struct ky_buf what = KY_BUF_INIT;
		ky_buf_addf(&what, "[item %s]", it->ref);
		int c = def_column(s, it->ref, what.buf, it->line, err);
		ky_buf_release(&what);
		if (c < 0)
			return -1;
		if (it->scale)
			s->col[c].def_scale = ky_def_find_scale(d, it->scale);
	}
	return 0;
}

/* Display texts from [item] text =, after classification (which reads the
 * export's own headers). */
static void apply_item_texts(struct ky_survey *s, const struct ky_def *d)
{
	for (size_t i = 0; i < d->n_items; i++) {
		if (!d->item[i].text && !d->item[i].was.n)
			continue;
		struct ky_error e;
		ky_error_clear(&e);
		int c = ky_survey_find_column(s, d->item[i].ref, "[item]", s->path, &e);
		if (c < 0)
			continue;
		struct ky_column *col = &s->col[c];
		for (size_t k = 0; k < d->item[i].was.n; k++) {
			col->was = ky_xrealloc(col->was, (col->n_was + 1) * sizeof(char *));
			col->was[col->n_was++] = ky_xstrdup(d->item[i].was.s[k]);
		}
		if (!d->item[i].text)
			continue;
		free(col->header);
		col->header = ky_xstrdup(d->item[i].text);
		if (col->statement) {
			free(col->statement);
			col->statement = ky_xstrdup(d->item[i].text);
		}
	}
}

static int set_groupings(struct ky_survey *s, size_t n, const char *const *names,
			 const char *flag, struct ky_error *err)
{
	s->grouping = ky_xcalloc(n + 1, sizeof(*s->grouping));
	unsigned long line = s->def && !strcmp(flag, "group") ? ky_def_line(s->def, "survey", "group") : 0;
	for (size_t g = 0; g < n; g++) {
		int c = line ? def_column(s, names[g], "group", line, err)
			     : ky_survey_find_column(s, names[g], flag, s->path, err);
		if (c < 0)
			return -1;
		for (size_t h = 0; h < s->n_groupings; h++)
			if (s->grouping[h].column == (size_t)c)
				return ky_error_set(err, KY_ERR_USAGE, s->path, 0, 0,
						    "column '%s' is given twice as a grouping",
						    s->col[c].header);
		struct ky_grouping *gr = &s->grouping[s->n_groupings++];
		gr->column = (size_t)c;
		gr->name = ky_xstrdup(s->col[c].header);
		gr->values = ky_xcalloc(1, sizeof(struct ky_dict));
		s->col[c].type = KY_COL_GROUP;
	}
	return 0;
}

/* The groupings asked for: --group, else the definition's group =. */
static const char *const *group_names(const struct ky_survey *s,
				      const struct ky_survey_options *opts)
{
	return opts && opts->n_groups ? opts->groups
	       : s->def ? (const char *const *)s->def->groups.s : NULL;
}

static size_t n_group_names(const struct ky_survey *s, const struct ky_survey_options *opts)
{
	return opts && opts->n_groups ? opts->n_groups : s->def ? s->def->groups.n : 0;
}

/* After the header: groupings (with several audiences, theirs first), the
 * definition, personal data and the answer patterns' segments. */
static int setup(struct ky_survey *s, const struct ky_aud_plan *plan,
		 const struct ky_survey_options *opts, struct ky_error *err)
{
	const struct ky_def *d = s->def;
	const char *const *groups = group_names(s, opts);
	size_t n = n_group_names(s, opts);
	const char *flag = opts && opts->n_groups ? "--group" : "group";
	int rc = 0;
	if (plan) {
		const char **names = ky_xcalloc(n + 2, sizeof(char *));
		char num[32];
		size_t k = ky_audience_groupings(plan, groups, n, names, num);
		rc = set_groupings(s, k, names, flag, err);
		free(names);
	} else if (n) {
		rc = set_groupings(s, n, groups, flag, err);
	}
	if (rc == 0 && d)
		rc = apply_definition(s, d, err);
	if (rc == 0 && plan && d && d->margins)   /* raking re-reads the one export */
		rc = ky_error_set(err, KY_ERR_USAGE, d->path, ky_def_line(d, "weighting",
				  "margins"), 0, "raking to population margins is not done "
				  "for several audiences (give a weight column)");
	if (rc == 0)
		rc = ky_weight_setup(s, opts, opts ? &opts->reader : NULL, err);
	if (rc == 0) {
		ky_personal_by_header(s);
		ky_segments_init(s, (const size_t *const *)s->def_cols, s->def_n, d ? d->n_blocks : 0);
	}
	return rc;
}

static int read_pass(struct ky_survey *s, struct ky_reader *r, const struct ky_survey_options *opts,
		     struct ky_error *err)
{
	const struct ky_def *d = s->def;
	struct ky_held pending[2] = {{0}};
	int rc = ky_survey_read_header(s, r, d ? d->header_rows : 0, pending, err);
	struct ky_aud_plan *plan = NULL;
	if (rc == 0) {     /* parallel blocks answered by different audiences? */
		const char *path = s->path;
		plan = ky_audience_plan(s, &r, &path, NULL, 1, pending,
					opts ? &opts->reader : NULL, group_names(s, opts),
					n_group_names(s, opts), &rc, err);
	}
	if (rc == 0)
		rc = setup(s, plan, opts, err);
	if (rc == 0 && plan)
		rc = ky_audience_scan(s, plan, err);
	else if (rc == 0)
		rc = ky_survey_scan(s, r, pending, opts ? &opts->reader : NULL, err);
	if (rc == 0)
		ky_personal_by_content(s);
	ky_audience_finish(s, plan);
	ky_held_release(&pending[0]);
	ky_held_release(&pending[1]);
	return rc;
}

/* Several exports of the same statements, one per audience: their
 * headers matched into one set of columns, their records counted onto
 * it with the audience as a grouping. */
static int audiences_pass(struct ky_survey *s, struct ky_reader **r, const char *const *paths,
			  const char *const *names, size_t n, const struct ky_survey_options *opts,
			  struct ky_error *err)
{
	int rc = 0;
	struct ky_aud_plan *plan = ky_audience_plan(s, r, paths, names, n, NULL,
						    opts ? &opts->reader : NULL,
						    group_names(s, opts), n_group_names(s, opts),
						    &rc, err);
	if (rc == 0)
		rc = setup(s, plan, opts, err);
	if (rc == 0)
		rc = ky_audience_scan(s, plan, err);
	if (rc == 0)
		ky_personal_by_content(s);
	ky_audience_finish(s, plan);
	return rc;
}

/* A summary table (summary.c) instead of rows: the columns, groupings and
 * counts come from it; the definition applies as for an export. */
static int summary_pass(struct ky_survey *s, struct ky_reader *r, int layout,
			const struct ky_survey_options *opts, struct ky_error *err)
{
	const struct ky_def *d = s->def;
	size_t n_groups = opts && opts->n_groups ? opts->n_groups : d ? d->groups.n : 0;
	const char *const *groups = opts && opts->n_groups ? opts->groups
				  : d ? (const char *const *)d->groups.s : NULL;
	s->header_rows = 1;
	if ((opts && opts->weight) || (d && (d->weight || d->margins)))
		return ky_error_set(err, KY_ERR_USAGE, s->path, 0, 0, "weights need the "
				    "respondents' rows; this file is a summary table of counts");
	int rc = ky_summary_read(s, r, layout, n_groups, groups, err);
	if (rc == 0 && d)
		rc = apply_definition(s, d, err);
	return rc;
}

static struct ky_survey *survey_new(const char *path, struct ky_reader *r,
				    const struct ky_survey_options *opts)
{
	struct ky_survey *s = ky_xcalloc(1, sizeof(*s));
	const struct ky_def *d = opts ? opts->def : NULL;
	s->path = ky_xstrdup(path);
	s->def = d;
	if (d) {
		s->def_path = ky_xstrdup(d->path);
		s->title = d->title ? ky_xstrdup(d->title) : NULL;
		s->round = d->round ? ky_xstrdup(d->round) : NULL;
	}
	snprintf(s->format, sizeof(s->format), "%s", ky_reader_format(r));
	if (ky_reader_sheet(r))
		s->sheet = ky_xstrdup(ky_reader_sheet(r));
	s->delimiter = ky_reader_delimiter(r);
	s->bom = ky_reader_had_bom(r);
	s->n_slots = 1;
	s->max_pattern_bytes = opts ? opts->max_pattern_bytes : 0;
	return s;
}

/* After the pass (RC its result): classification and what is made from it. */
static struct ky_survey *survey_finish(struct ky_survey *s, int rc,
				       const struct ky_survey_options *opts, struct ky_error *err)
{
	const struct ky_def *d = s->def;
	if (rc == 0)
		rc = ky_survey_classify(s, err);
	if (rc == 0)
		ky_audience_scales(s);
	if (rc == 0 && opts && opts->n_reverse)
		rc = mark_reversed(s, opts, err);
	if (rc == 0) {
		s->population = opts ? opts->population : 0;
		if (s->population && s->population < s->n_respondents)
			ky_survey_warn(s, "%s: the stated population (%llu) is smaller than the %llu "
				       "respondents; no response rate is given", s->path,
				       (unsigned long long)s->population,
				       (unsigned long long)s->n_respondents);
		if (opts && opts->min_n)
			apply_min_n(s, opts->min_n);
		ky_survey_spill_sums(s);
		ky_survey_count_choices(s);
		ky_survey_block_scales(s);
		ky_spill_free(s);
		if (!(opts && opts->keep_patterns))
			ky_segments_release_patterns(s);
		if (d)
			drop_unwanted_reliability(s, d);
	}
	if (rc == 0 && d)
		apply_item_texts(s, d);
	s->def = NULL;
	if (rc < 0) {
		ky_survey_free(s);
		return NULL;
	}
	return s;
}

struct ky_survey *ky_survey_read(const char *path, const struct ky_survey_options *opts,
				 struct ky_error *err)
{
	struct ky_reader *r = ky_reader_open(path, opts ? &opts->reader : NULL, err);
	if (!r)
		return NULL;
	struct ky_survey *s = survey_new(path, r, opts);
	int layout = ky_summary_sniff(path, opts ? &opts->reader : NULL);
	int rc = layout ? summary_pass(s, r, layout, opts, err) : read_pass(s, r, opts, err);
	snprintf(s->encoding, sizeof(s->encoding), "%s", ky_reader_encoding(r));
	ky_reader_free(r);
	return survey_finish(s, rc, opts, err);
}

struct ky_survey *ky_survey_read_audiences(const char *const *paths, const char *const *names,
					   size_t n, const struct ky_survey_options *opts,
					   struct ky_error *err)
{
	if (n == 1 && !(names && names[0]))
		return ky_survey_read(paths[0], opts, err);
	struct ky_reader **r = ky_xcalloc(n, sizeof(*r));
	struct ky_survey *s = NULL;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		r[i] = ky_reader_open(paths[i], opts ? &opts->reader : NULL, err);
		if (!r[i])
			rc = -1;
		else if (ky_summary_sniff(paths[i], opts ? &opts->reader : NULL))
			rc = ky_error_set(err, KY_ERR_USAGE, paths[i], 0, 0, "a summary table "
					  "cannot be one audience of several exports (give the "
					  "exports with one row per respondent)");
	}
	if (rc == 0) {
		s = survey_new(paths[0], r[0], opts);
		rc = audiences_pass(s, r, paths, names, n, opts, err);
		snprintf(s->encoding, sizeof(s->encoding), "%s", ky_reader_encoding(r[0]));
	}
	for (size_t i = 0; i < n; i++)
		if (r[i])
			ky_reader_free(r[i]);
	free(r);
	if (!s)
		return NULL;
	return survey_finish(s, rc, opts, err);
}

void ky_survey_free(struct ky_survey *s)
{
	if (!s)
		return;
	for (size_t b = 0; b < s->n_blocks; b++) {
		ky_block_scale_free(s->block[b].scale, s->n_slots);
		s->block[b].scale = NULL;
	}
	ky_choices_free(s);
	ky_spill_free(s);
	ky_segments_free(s);
	ky_audience_free(s->audience);
	for (size_t i = 0; i < s->n_paths; i++)
		free(s->paths[i]);
	free(s->paths);
	ky_survey_release(s);
}
