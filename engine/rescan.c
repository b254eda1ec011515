/* rescan.c - a second read of the input for the answer patterns that
 * stopped at their memory bound.
 *
 * The answer patterns of a segment (pattern.c) are kept while they fit in
 * KY_MAX_PATTERN_BYTES; a large survey passes that bound, and then what
 * the patterns were for (reliability and scale scores of a block, who
 * answered a multi-select question) cannot come from them.  Once the
 * columns are classified, what each of those needs is known: which value
 * of which column is which scale value, and which columns form a question.
 * This pass reads the input again from its first data row and adds every
 * respondent straight into exact integer sums (scales.c) and counts per
 * slot, looking each cell up in the texts the first pass found.  Memory is
 * that of the sums, not of the rows; the results are the same, to the
 * last bit, as those the patterns would have given.
 *
 * The input is read again by path.  Should it differ from what the first
 * pass read (a text that pass never saw, a different number of
 * respondents, a read error), everything of this pass is dropped and the
 * outputs say that the input changed while it was read. */
#include <stdlib.h>
#include <string.h>

#include "dict_int.h"
#include "ingest_int.h"
#include "ky_buf.h"
#include "survey_int.h"

struct ky_rescan {
	struct ky_scale_acc **acc;   /* [n_blocks] sums of the blocks read again */
	const char **note;           /* [n_blocks] why a block has none */
	uint64_t **answered;         /* [n_choices][n_slots] respondents who answered */
	const char *note_all;        /* why nothing was read again, or NULL */
};

static const char *const INCOMPLETE =
	"answer patterns incomplete (limit of distinct patterns reached)";
static const char *const CHANGED =
	"answer patterns incomplete: the input changed while it was read a second time";
static const char *const UNREADABLE =
	"answer patterns incomplete: the input could not be read a second time";

#define CHANGE ((size_t)-3)          /* a text the first pass did not see */

/* Value id of cell I of REC in column C (as the first pass gave it, with
 * KY_PATTERN_VALUES for a text beyond the kept ones), or (size_t)-1 when
 * empty, or CHANGE. */
static size_t cell_id(const struct ky_column *c, const struct ky_record *rec, size_t i)
{
	if (c->dropped)
		return (size_t)-1;
	const char *cell = rec->field[i];
	size_t len = ky_trim_cell(&cell, rec->len[i]);
	if (!len)
		return (size_t)-1;
	const struct ky_dict *d = c->values;
	size_t id = d->n <= KY_DICT_SCAN ? ky_dict_find_small(d, cell, len)
					 : ky_dict_find(d, cell, len);
	if (id == (size_t)-1)
		return c->n_overflow ? KY_PATTERN_VALUES : CHANGE;
	return id < KY_PATTERN_VALUES ? id : KY_PATTERN_VALUES;
}

/* Whether column C has more texts than answer patterns keep (as the first
 * pass would have found, had the patterns not stopped). */
static int lost(const struct ky_column *c)
{
	return c->pattern_lost || c->n_overflow || ky_column_n_values(c) > KY_PATTERN_VALUES;
}

/* What is read again, shared read-only by both chunks. */
struct plan {
	const struct ky_survey *s;
	size_t *blocks, n_blocks;    /* blocks read again */
	size_t *choices, n_choices;  /* choice questions read again */
	unsigned char *need;         /* [column] looked up */
	size_t widest;               /* items in the largest block */
};

/* The sums and counts of one chunk of the rows, and its scratch space. */
struct part {
	const struct plan *p;
	struct ky_scale_acc **acc;   /* [n_blocks] */
	uint64_t **answered;         /* [n_choices][n_slots] */
	uint64_t n;                  /* respondents */
	size_t *vid;                 /* [column] */
	size_t *item;                /* [widest] value ids of a block's items */
	size_t *slots;
};

static void part_init(struct part *x, const struct plan *p)
{
	const struct ky_survey *s = p->s;
	memset(x, 0, sizeof(*x));
	x->p = p;
	x->acc = ky_xcalloc(s->n_blocks + 1, sizeof(*x->acc));
	x->answered = ky_xcalloc(s->n_choices + 1, sizeof(*x->answered));
	for (size_t k = 0; k < p->n_blocks; k++) {
		const char *note;
		x->acc[p->blocks[k]] = ky_scale_acc_new(s, &s->block[p->blocks[k]], &note);
	}
	for (size_t k = 0; k < p->n_choices; k++)
		x->answered[p->choices[k]] = ky_xcalloc(s->n_slots, sizeof(uint64_t));
	x->vid = ky_xmalloc((s->n_columns + 1) * sizeof(*x->vid));
	x->item = ky_xmalloc(p->widest * sizeof(*x->item));
	x->slots = ky_xmalloc((s->n_groupings + 1) * sizeof(*x->slots));
}

static void part_release(struct part *x)
{
	const struct ky_survey *s = x->p->s;
	for (size_t b = 0; b < s->n_blocks; b++)
		ky_scale_acc_free(x->acc[b]);
	for (size_t q = 0; q < s->n_choices; q++)
		free(x->answered[q]);
	free(x->acc);
	free(x->answered);
	free(x->vid);
	free(x->item);
	free(x->slots);
}

/* Adds SRC's sums and counts into DST. */
static void part_merge(struct part *dst, struct part *src)
{
	const struct plan *p = dst->p;
	for (size_t k = 0; k < p->n_blocks; k++)
		ky_scale_acc_merge(dst->acc[p->blocks[k]], src->acc[p->blocks[k]]);
	for (size_t k = 0; k < p->n_choices; k++)
		for (size_t sl = 0; sl < p->s->n_slots; sl++)
			dst->answered[p->choices[k]][sl] += src->answered[p->choices[k]][sl];
	dst->n += src->n;
}

/* One record into part ARG: 0, or -1 when it holds something the first
 * pass did not see. */
static int add_record(void *arg, const struct ky_record *rec)
{
	struct part *x = arg;
	const struct plan *p = x->p;
	const struct ky_survey *s = p->s;
	if (ky_record_blank(rec))
		return 0;
	if (rec->n_fields < s->n_columns)
		return -1;
	size_t n = 0;
	x->slots[n++] = 0;
	for (size_t g = 0; g < s->n_groupings; g++) {
		const struct ky_grouping *gr = &s->grouping[g];
		const char *cell = rec->field[gr->column];
		size_t len = ky_trim_cell(&cell, rec->len[gr->column]);
		if (!len)
			continue;
		size_t id = ky_dict_find(gr->values, cell, len);
		if (id == (size_t)-1)
			return -1;
		x->slots[n++] = gr->slot_of[id];
	}
	for (size_t i = 0; i < s->n_columns; i++)
		if (p->need[i] && (x->vid[i] = cell_id(&s->col[i], rec, i)) == CHANGE)
			return -1;
	for (size_t k = 0; k < p->n_blocks; k++) {
		const struct ky_block *bl = &s->block[p->blocks[k]];
		for (size_t i = 0; i < bl->n_items; i++)
			x->item[i] = x->vid[bl->items[i]];
		ky_scale_acc_add(x->acc[p->blocks[k]], x->item, x->slots, n, 1);
	}
	for (size_t k = 0; k < p->n_choices; k++) {
		const struct ky_choice *q = &s->choice[p->choices[k]];
		int any = 0;
		for (size_t o = 0; o < q->n_cols && !any; o++)
			any = x->vid[q->first_col + o] != (size_t)-1;
		if (any)
			for (size_t i = 0; i < n; i++)
				x->answered[p->choices[k]][x->slots[i]]++;
	}
	x->n++;
	return 0;
}

static int full_segment(const struct ky_survey *s, size_t col)
{
	const struct ky_segment *seg = ky_survey_segment_of(s, col);
	return seg && seg->full;
}

/* Reads the input again into X (both cores for a large CSV file); the note
 * of what went wrong, or NULL. */
static const char *read_again(struct ky_survey *s, const struct ky_survey_options *opts,
			      const struct plan *p, struct part *x)
{
	struct ky_reader_options ro = opts ? opts->reader : (struct ky_reader_options){ 0 };
	ro.delimiter = s->delimiter;
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_reader *r = ky_reader_open(s->path, &ro, &err);
	if (!r)
		return UNREADABLE;
	ky_reader_defer_checks(r);   /* every text is looked up among checked ones */
	struct ky_record rec;
	int rc = 1;
	for (unsigned h = 0; h < s->header_rows && rc > 0; h++)
		rc = ky_reader_next(r, &rec, &err);
	if (rc > 0) {
		struct part x2;
		part_init(&x2, p);
		rc = ky_parallel_records(r, s->path, &ro, add_record, x, &x2, &err);
		if (rc > 0)
			part_merge(x, &x2);
		part_release(&x2);
		if (rc == 0)         /* not split: the rest, here */
			while ((rc = ky_reader_next(r, &rec, &err)) > 0)
				if (add_record(x, &rec) < 0) {
					rc = -1;
					break;
				}
	}
	ky_reader_free(r);
	return rc < 0 || x->n != s->n_respondents ? CHANGED : NULL;
}

void ky_survey_rescan(struct ky_survey *s, const struct ky_survey_options *opts)
{
	if (s->summary || s->rescan)
		return;
	struct plan p = { .s = s, .widest = 1 };
	p.blocks = ky_xmalloc((s->n_blocks + 1) * sizeof(*p.blocks));
	p.choices = ky_xmalloc((s->n_choices + 1) * sizeof(*p.choices));
	p.need = ky_xcalloc(s->n_columns + 1, 1);
	struct ky_rescan *x = ky_xcalloc(1, sizeof(*x));
	x->acc = ky_xcalloc(s->n_blocks + 1, sizeof(*x->acc));
	x->note = ky_xcalloc(s->n_blocks + 1, sizeof(*x->note));
	x->answered = ky_xcalloc(s->n_choices + 1, sizeof(*x->answered));
	s->rescan = x;
	for (size_t b = 0; b < s->n_blocks; b++) {
		const struct ky_block *bl = &s->block[b];
		const struct ky_segment *seg;
		if (!ky_block_is_scale(s, bl) || ky_block_unusable(s, bl, &seg) || !seg->full)
			continue;
		int ok = 1;
		for (size_t i = 0; i < bl->n_items && ok; i++)
			ok = !lost(&s->col[bl->items[i]]);
		struct ky_scale_acc *a = ok ? ky_scale_acc_new(s, bl, &x->note[b]) : NULL;
		if (!ok)
			x->note[b] = "an item has too many distinct answers for answer patterns";
		if (!a)
			continue;
		ky_scale_acc_free(a);
		p.blocks[p.n_blocks++] = b;
		for (size_t i = 0; i < bl->n_items; i++)
			p.need[bl->items[i]] = 1;
		p.widest = bl->n_items > p.widest ? bl->n_items : p.widest;
	}
	for (size_t k = 0; k < s->n_choices; k++) {
		const struct ky_choice *q = &s->choice[k];
		if (q->n_cols < 2 || !full_segment(s, q->first_col))
			continue;
		p.choices[p.n_choices++] = k;
		for (size_t o = 0; o < q->n_cols; o++)
			p.need[q->first_col + o] = 1;
	}
	if (p.n_blocks || p.n_choices) {
		struct part part;
		part_init(&part, &p);
		x->note_all = read_again(s, opts, &p, &part);
		if (x->note_all)
			ky_survey_warn(s, "%s: %s; reliability, scale scores and who answered a "
				       "multi-select question are missing where their answer patterns "
				       "did not fit in memory", s->path,
				       x->note_all == UNREADABLE ? "the file could not be read a second time"
				       : "the file changed while it was read a second time");
		else    /* the results, handed over */
			for (size_t b = 0; b < s->n_blocks; b++) {
				x->acc[b] = part.acc[b], part.acc[b] = NULL;
			}
		for (size_t q = 0; !x->note_all && q < s->n_choices; q++)
			x->answered[q] = part.answered[q], part.answered[q] = NULL;
		part_release(&part);
	}
	free(p.blocks);
	free(p.choices);
	free(p.need);
}

struct ky_scale_acc *ky_rescan_take(const struct ky_survey *s, size_t bi, const char **note)
{
	struct ky_rescan *x = s->rescan;
	if (!x) {
		*note = INCOMPLETE;
		return NULL;
	}
	struct ky_scale_acc *a = x->acc[bi];
	x->acc[bi] = NULL;
	if (!a)
		*note = x->note[bi] ? x->note[bi] : x->note_all ? x->note_all : INCOMPLETE;
	return a;
}

const uint64_t *ky_rescan_answered(const struct ky_survey *s, size_t q, const char **note)
{
	const struct ky_rescan *x = s->rescan;
	if (x && x->answered[q])
		return x->answered[q];
	*note = x && x->note_all ? x->note_all : INCOMPLETE;
	return NULL;
}

void ky_rescan_free(struct ky_survey *s)
{
	struct ky_rescan *x = s->rescan;
	if (!x)
		return;
	for (size_t b = 0; b < s->n_blocks; b++)
		ky_scale_acc_free(x->acc[b]);
	for (size_t q = 0; q < s->n_choices; q++)
		free(x->answered[q]);
	free(x->acc);
	free(x->note);
	free(x->answered);
	free(x);
	s->rescan = NULL;
}
