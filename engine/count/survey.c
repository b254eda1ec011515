/* survey.c - the count room's main file: the header rows read into columns
 * (stems split, ids given), then each record counted as distinct texts per
 * column and group slot, plus its answer pattern (pattern.c).  The count
 * room (engine/count) owns the streaming pass and its count tables: this
 * file, pass.c (the loop over records), parallel.c and link.c (a large file
 * on two cores), pattern.c, segment.c, spill.c and scale_acc.c (answer
 * patterns and their exact sums), summary.c (tables of counts instead of
 * rows) and columns.c (accessors).  It knows nothing of classification:
 * engine/model/build.c runs the phases. */
#include "ky_survey.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/dict_int.h"
#include "ingest/ingest_int.h"
#include "ky_buf.h"
#include "ky_scale.h"
#include "survey_int.h"

/* Header text: NBSP to space, whitespace trimmed. */
static char *clean_header(const char *h, size_t len)
{
	struct ky_buf b = KY_BUF_INIT;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)h[i];
		if (c == 0xC2 && i + 1 < len && (unsigned char)h[i + 1] == 0xA0) {
			ky_buf_addch(&b, ' ');
			i++;
		} else if (c == '\r' || c == '\n' || c == '\t') {
			ky_buf_addch(&b, ' ');
		} else {
			ky_buf_addch(&b, (char)c);
		}
	}
	size_t a = 0, z = b.len;
	while (a < z && b.buf[a] == ' ')
		a++;
	while (z > a && b.buf[z - 1] == ' ')
		z--;
	char *out = ky_xstrndup(b.buf + a, z - a);
	ky_buf_release(&b);
	return out;
}

int ky_header_is_code(const char *h)
{
	size_t n = strlen(h);
	if (n == 0 || n > 32 || !isalpha((unsigned char)h[0]))
		return 0;
	for (const char *p = h; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("_.[]-", *p))
			return 0;
	return 1;
}

/* Splits "Question:Statement" (Webropol) or "Question - Statement". */
static void split_stem(struct ky_column *c)
{
	const char *h = c->header, *cut = NULL;
	size_t skip = 0;
	for (const char *p = h + 1; *p; p++)
		if (*p == ':' && p[1] && p[1] != ' ' && p[1] != ':') {
			cut = p;
			skip = 1;
			break;
		}
	if (!cut) {
		const char *p = strstr(h, " - ");
		for (const char *q = p; q; q = strstr(q + 1, " - "))
			p = q;
		if (!p) {
			p = strstr(h, " \xE2\x80\x93 ");   /* en dash */
			skip = 5;
		} else {
			skip = 3;
		}
		cut = p;
	}
	if (!cut || cut == h || !cut[skip])
		return;
	c->stem = clean_header(h, (size_t)(cut - h));
	c->statement = clean_header(cut + skip, strlen(cut + skip));
	if (!*c->stem || !*c->statement) {
		free(c->stem);
		free(c->statement);
		c->stem = c->statement = NULL;
	}
}

void ky_survey_assign_ids(struct ky_survey *s)
{
	struct ky_dict seen;
	ky_dict_init(&seen);
	struct ky_buf b = KY_BUF_INIT;
	for (size_t i = 0; i < s->n_columns; i++) {
		struct ky_column *c = &s->col[i];
		ky_buf_reset(&b);
		if (ky_header_is_code(c->header))
			ky_buf_adds(&b, c->header);
		else
			ky_buf_addf(&b, "Q%zu", i + 1);
		size_t base = b.len;
		for (unsigned k = 2; ky_dict_find(&seen, b.buf, b.len) != (size_t)-1; k++) {
			b.len = base;
			ky_buf_addf(&b, "_%u", k);
		}
		ky_dict_intern(&seen, b.buf, b.len, NULL);
		c->id = ky_xstrdup(b.buf);
	}
	ky_buf_release(&b);
	ky_dict_release(&seen);
}

void ky_survey_column_init(struct ky_column *c, size_t index, const char *header)
{
	c->index = index;
	c->header = clean_header(header, strlen(header));
	if (!*c->header) {
		free(c->header);
		struct ky_buf b = KY_BUF_INIT;
		ky_buf_addf(&b, "Column %zu", index + 1);
		c->header = ky_buf_detach(&b, NULL);
	}
	c->values = ky_xcalloc(1, sizeof(struct ky_dict));
	c->block = c->def_block = c->seg = c->seg_pos = KY_NO_BLOCK;
	split_stem(c);
}

int ky_survey_find_column(struct ky_survey *s, const char *name, const char *flag,
			  const char *path, struct ky_error *err)
{
	struct ky_buf want = KY_BUF_INIT, have = KY_BUF_INIT;
	ky_label_normalize(&want, name);
	int found = -1;
	for (size_t i = 0; i < s->n_columns && found < 0; i++) {
		const struct ky_column *c = &s->col[i];
		if (strcmp(c->id, name) == 0 ||
		    strcmp(ky_label_normalize(&have, c->header), want.buf) == 0 ||
		    (c->statement && strcmp(ky_label_normalize(&have, c->statement), want.buf) == 0))
			found = (int)i;
	}
	char *end;
	unsigned long n = strtoul(name, &end, 10);
	if (found < 0 && *name && !*end && n >= 1 && n <= s->n_columns)
		found = (int)(n - 1);
	ky_buf_release(&want);
	ky_buf_release(&have);
	if (found < 0)
		return ky_error_set(err, KY_ERR_USAGE, path, 1, 0,
				    "no column '%s' for %s (give its header text, its id "
				    "such as Q3, or its 1-based number; `kysely analyze --list` "
				    "shows them)", name, flag);
	return found;
}

static void hold(struct ky_held *h, const struct ky_record *rec)
{
	h->n = rec->n_fields;
	h->field = ky_xcalloc(h->n + 1, sizeof(*h->field));
	h->len = ky_xcalloc(h->n + 1, sizeof(*h->len));
	for (size_t i = 0; i < h->n; i++) {
		h->field[i] = ky_xstrndup(rec->field[i], rec->len[i]);
		h->len[i] = rec->len[i];
	}
	h->line = rec->line;
	h->number = rec->number;
	h->used = 1;
}

void ky_held_release(struct ky_held *h)
{
	for (size_t i = 0; h->field && i < h->n; i++)
		free(h->field[i]);
	free(h->field);
	free(h->len);
	memset(h, 0, sizeof(*h));
}

static const char *held_cell(const struct ky_held *h, size_t i)
{
	return i < h->n ? h->field[i] : "";
}

static int blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return !*s;
}

/* SurveyMonkey's second header row says only this for one-answer questions. */
static int plain_response(const char *s)
{
	return !strcmp(s, "Response") || !strcmp(s, "Open-Ended Response") ||
	       !strcmp(s, "Vastaus") || !strcmp(s, "Avoin vastaus");
}

/* Whether row 2 continues the header of row 1: row 1 leaves cells empty
 * (or repeats a merged question text) where row 2 names the statements or
 * options, and row 2 has text under every such gap. */
/* Whether a cell reads as an answer: a number, a label of a known scale or a
 * non-substantive answer ("En osaa sanoa"). */
static int looks_like_answer(const char *cell)
{
	char *end;
	strtod(cell, &end);
	if (*cell && !*end)
		return 1;
	struct ky_buf b = KY_BUF_INIT;
	const char *norm = ky_label_normalize(&b, cell);
	int hit = ky_label_is_nonsubstantive(norm);
	for (size_t i = 0; i < ky_lexicon_size() && !hit; i++)
		hit = ky_lex_level_of(ky_lexicon_get(i), norm) >= 0;
	ky_buf_release(&b);
	return hit;
}

static int second_header_row(const struct ky_held *r1, const struct ky_held *r2, size_t n)
{
	/* a header repeated over answers is a duplicate header, not a question
	 * over its statements: the cells under it read as answers */
	size_t repeats = 0, answers = 0;
	for (size_t i = 1; i < n; i++)
		if (!blank(held_cell(r1, i)) && !strcmp(held_cell(r1, i), held_cell(r1, i - 1))) {
			repeats++;
			answers += looks_like_answer(held_cell(r2, i)) &&
				   looks_like_answer(held_cell(r2, i - 1));
		}
	int dup_only = repeats && answers == repeats;
	size_t gaps = 0, last = 0;
	for (size_t i = 0; i < n; i++)
		if (!blank(held_cell(r1, i)))
			last = i;
	for (size_t i = 1; i <= last; i++) {
		const char *a = held_cell(r1, i), *prev = held_cell(r1, i - 1);
		int gap = blank(a) || (!dup_only && !strcmp(a, prev) &&
				       strcmp(held_cell(r2, i), held_cell(r2, i - 1)));
		if (!gap)
			continue;
		if (blank(held_cell(r2, i)))
			return 0;
		gaps++;
	}
	/* Webropol 2021: row 1 ends with a question's title over its first
	 * statement and empty cells (or none at all) over the rest; row 2
	 * names every statement in words, and no cell of it reads as an
	 * answer (a number, a scale label), as a first data row's would */
	if (last + 1 < n && !blank(held_cell(r2, last))) {
		for (size_t i = 0; i < n; i++)
			if (looks_like_answer(held_cell(r2, i)))
				return 0;
		for (size_t i = last + 1; i < n; i++)
			if (blank(held_cell(r2, i)))
				return 0;
		gaps += n - last - 1;
	}
	size_t plain = 0;
	for (size_t i = 0; i < n; i++)
		plain += plain_response(held_cell(r2, i));
	return gaps > 0 || plain >= 2;
}

/* Qualtrics' third header row: {"ImportId":"QID1"} in (nearly) every cell. */
static int import_id_row(const struct ky_held *r3, size_t n)
{
	size_t hits = 0;
	for (size_t i = 0; i < n; i++)
		hits += strncmp(held_cell(r3, i), "{\"ImportId\"", 12) == 0;
	return n && hits * 2 >= n;
}

/* The header text of column I from ROWS header rows. */
static char *combine_header(const struct ky_held *r1, const struct ky_held *r2, unsigned rows,
			    size_t i, const char **carry)
{
	if (rows == 3)                    /* Qualtrics: row 2 holds the question texts */
		return ky_xstrdup(held_cell(r2, i));
	const char *a = held_cell(r1, i);
	if (rows == 1)
		return ky_xstrdup(a);
	const char *b = held_cell(r2, i);
	if (!blank(a))
		*carry = a;
	const char *q = blank(a) ? *carry : a;
	struct ky_buf h = KY_BUF_INIT;
	if (!q || blank(q))
		ky_buf_adds(&h, b);
	else if (blank(b) || plain_response(b) || !strcmp(a, b))
		ky_buf_adds(&h, q);
	else
		ky_buf_addf(&h, "%s:%s", q, b);
	return ky_buf_detach(&h, NULL);
}

/* Fields up to the last non-empty one (trailing separators dropped); 1 at least. */
static size_t width(const struct ky_held *h)
{
	size_t n = h->n;
	while (n > 1 && h->len[n - 1] == 0)
		n--;
	return n;
}

static int next_held(struct ky_reader *r, struct ky_held *h, struct ky_error *err)
{
	struct ky_record rec;
	int rc = ky_reader_next(r, &rec, err);
	if (rc > 0)
		hold(h, &rec);
	return rc;
}

/* Reads the header row(s): ROWS (1-3) from the definition, else detected.
 * Rows read ahead that hold answers are left in PENDING. */
int ky_survey_read_header(struct ky_survey *s, struct ky_reader *r, unsigned rows,
			  struct ky_held *pending, struct ky_error *err)
{
	struct ky_held h[3] = {{0}};
	int rc = next_held(r, &h[0], err);
	if (rc == 0)
		rc = ky_error_set(err, KY_ERR_DATA, s->path, 0, 0, "file is empty");
	for (int k = 1; k < 3 && rc > 0 && (!rows || (unsigned)k < rows); k++)
		rc = next_held(r, &h[k], err);
	if (rc < 0)
		goto out;
	size_t n = width(&h[0]), n2 = n > width(&h[1]) ? n : width(&h[1]);
	if (!rows)
		rows = h[2].used && import_id_row(&h[2], n2) ? 3
		     : h[1].used && second_header_row(&h[0], &h[1], n2) ? 2 : 1;
	if (rows > 1)
		n = n2;
	if (rows > 1 && !h[rows - 1].used) {
		rc = ky_error_set(err, KY_ERR_DATA, s->path, 0, 0, "the file ends within its "
				  "%u header rows", rows);
		goto out;
	}
	s->header_rows = rows;
	for (unsigned k = rows, p = 0; k < 3; k++)
		if (h[k].used)
			pending[p++] = h[k], h[k].used = 0, h[k].field = NULL, h[k].len = NULL;
	s->n_columns = n;
	s->col = ky_xcalloc(n, sizeof(*s->col));
	const char *carry = NULL;
	for (size_t i = 0; i < n; i++) {
		char *text = combine_header(&h[0], &h[1], rows, i, &carry);
		ky_survey_column_init(&s->col[i], i, text);
		free(text);
	}
	ky_survey_assign_ids(s);
	rc = 0;
out:
	for (int k = 0; k < 3; k++)
		ky_held_release(&h[k]);
	return rc < 0 ? -1 : 0;
}

struct ky_vslot *ky_survey_col_slot(struct ky_column *c, size_t slot)
{
	if (slot >= c->slot_cap) {
		size_t old = c->slot_cap;
		ky_xgrow((void **)&c->slot, &c->slot_cap, slot + 1, sizeof(*c->slot));
		memset(c->slot + old, 0, (c->slot_cap - old) * sizeof(*c->slot));
	}
	return &c->slot[slot];
}

static void count_value_grow(struct ky_column *c, size_t slot, size_t id)
{
	struct ky_vslot *v = ky_survey_col_slot(c, slot);
	if (id >= v->cap) {
		size_t old = v->cap;
		ky_xgrow((void **)&v->count, &v->cap, id + 1, sizeof(*v->count));
		memset(v->count + old, 0, (v->cap - old) * sizeof(*v->count));
	}
	v->count[id]++;
}

/* The counter of value ID in SLOT + 1; the common case (both exist) inline. */
static inline void count_value(struct ky_column *c, size_t slot, size_t id)
{
	if (slot < c->slot_cap && id < c->slot[slot].cap)
		c->slot[slot].count[id]++;
	else
		count_value_grow(c, slot, id);
}

void ky_survey_add_count(struct ky_column *c, size_t slot, size_t id, uint64_t n)
{
	count_value(c, slot, id);
	c->slot[slot].count[id] += n - 1;
}

void ky_survey_add_missing(struct ky_column *c, size_t slot, uint64_t n)
{
	ky_survey_col_slot(c, slot)->n_missing += n;
}

/* ky_trim_cell (survey_int.h) when an end byte may be blank: KY_TRIM_EDGE
 * tells whether byte C may start (FIRST) or end a blank it removes (every
 * ASCII blank is at most ' '; NBSP is C2 A0). */
size_t ky_trim_cell_slow(const char **s, size_t len)
{
	const char *p = *s;
	for (;;) {
		if (len && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
			p++, len--;
		} else if (len >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
			p += 2, len -= 2;
		} else {
			break;
		}
	}
	for (;;) {
		if (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r' ||
			    p[len - 1] == '\n'))
			len--;
		else if (len >= 2 && (unsigned char)p[len - 2] == 0xC2 &&
			 (unsigned char)p[len - 1] == 0xA0)
			len -= 2;
		else
			break;
	}
	*s = p;
	return len;
}

/* A cell of an unchecked record failed the check (or is the one the width
 * check failed at): reports the first bad cell of the record before field
 * TO, as the reader would have. */
static int first_bad(struct ky_survey *s, const struct ky_record *rec, size_t to,
		     struct ky_error *err)
{
	return ky_record_check_cells(s->path, rec, 0, to, err);
}

/* Group slots of this record: slots[0] = 0 (all), then one per grouping
 * whose cell is non-empty.  Returns how many, 0 if a new group's text is
 * not valid (ERR set). */
static size_t record_slots(struct ky_survey *s, const struct ky_record *rec, size_t *slots,
			   size_t *gid, int unchecked, struct ky_error *err)
{
	size_t n = 0;
	slots[n++] = 0;
	for (size_t g = 0; g < s->n_groupings; g++) {
		struct ky_grouping *gr = &s->grouping[g];
		const char *cell = rec->field[gr->column];
		size_t len = ky_trim_cell(&cell, rec->len[gr->column]);
		gid[g] = (size_t)-1;
		if (!len) {
			gr->n_empty++;
			continue;
		}
		struct ky_dict *d = gr->values;
		size_t id = ky_dict_find(d, cell, len);
		if (id == (size_t)-1) {
			if (unchecked && !ky_cell_valid(rec->field[gr->column], rec->len[gr->column])) {
				first_bad(s, rec, gr->column + 1, err);
				return 0;
			}
			id = ky_dict_intern(d, cell, len, NULL);
			gr->slot_of = ky_xrealloc(gr->slot_of, d->n * sizeof(*gr->slot_of));
			gr->n_respondents = ky_xrealloc(gr->n_respondents,
							d->n * sizeof(*gr->n_respondents));
			gr->slot_of[id] = s->n_slots++;
			gr->n_respondents[id] = 0;
			gr->n_groups = d->n;
		}
		gr->n_respondents[id]++;
		gid[g] = id;
		slots[n++] = gr->slot_of[id];
	}
	return n;
}

#define CELL_BAD ((size_t)-3)

/* Looks one cell up (the first half of counting it); returns its value id,
 * (size_t)-1 when empty (its missing counts done here), (size_t)-2 beyond
 * the distinct-text limit (in the second chunk of a split pass, a text of
 * the first chunk's is KY_MAX_DISTINCT + its id there: parallel.c), CELL_BAD if UNCHECKED and a text not seen
 * before is not valid (a text equal to a value, after trimming blanks, was
 * checked when the value was added).  The caller counts an id in its slots
 * (count_ids) once every cell of the record is looked up: the lookups of a
 * record are then independent of each other and of the counters, and the
 * loads of several are in flight at once. */
static inline size_t lookup_cell(struct ky_survey *s, struct ky_column *c, const char *cell,
				 size_t len, unsigned long line, const size_t *slots,
				 size_t n_slots, int unchecked)
{
	const char *raw = cell;
	size_t raw_len = len;
	len = ky_trim_cell(&cell, len);
	if (!len) {
		for (size_t i = 0; i < n_slots; i++)
			ky_survey_col_slot(c, slots[i])->n_missing++;
		return (size_t)-1;
	}
	struct ky_dict *d = c->values;
	size_t id = d->n <= KY_DICT_SCAN ? ky_dict_find_small(d, cell, len)
					 : ky_dict_find(d, cell, len);
	if (id == (size_t)-1) {
		if (unchecked && !ky_cell_valid(raw, raw_len))
			return CELL_BAD;
		if (d->n >= KY_MAX_DISTINCT) {
			/* the second chunk of a split pass: maybe one of the first's */
			if (s->link && (id = ky_parallel_other(s, c->index, cell, len)) != (size_t)-1)
				return KY_MAX_DISTINCT + id;
			c->n_overflow++;
			return (size_t)-2;
		}
		id = ky_dict_intern(d, cell, len, NULL);
		c->first_line = ky_xrealloc(c->first_line, d->n * sizeof(*c->first_line));
		c->first_line[id] = line;
		if (d->n == KY_MAX_DISTINCT && s->link)
			ky_parallel_final(s, c->index);
	}
	return id;
}

static void wcount_grow(struct ky_vslot *v, size_t id)
{
	size_t old = v->wcap, cap = v->wcap;
	ky_xgrow((void **)&v->wsum, &cap, id + 1, sizeof(*v->wsum));
	v->wsum2 = ky_xrealloc(v->wsum2, cap * sizeof(*v->wsum2));
	v->npos = ky_xrealloc(v->npos, cap * sizeof(*v->npos));
	memset(v->wsum + old, 0, (cap - old) * sizeof(*v->wsum));
	memset(v->wsum2 + old, 0, (cap - old) * sizeof(*v->wsum2));
	memset(v->npos + old, 0, (cap - old) * sizeof(*v->npos));
	v->wcap = cap;
}

/* Weighted runs: the record's weight W added to the sums of each cell's
 * value id in its slots (after count_ids, so every slot exists). */
static void wcount_ids(struct ky_survey *s, const size_t *vid, const size_t *slots,
		       size_t n_slots, double w)
{
	double w2 = w * w;
	uint64_t pos = w > 0;
	for (size_t i = 0; i < s->n_columns; i++) {
		size_t id = vid[i];
		if (id >= KY_MAX_DISTINCT)    /* empty or beyond the limit */
			continue;
		struct ky_column *c = &s->col[i];
		for (size_t k = 0; k < n_slots; k++) {
			struct ky_vslot *v = &c->slot[slots[k]];
			if (id >= v->wcap)
				wcount_grow(v, id);
			v->wsum[id] += w;
			v->wsum2[id] += w2;
			v->npos[id] += pos;
		}
	}
}

/* The second half: each cell's value id VID[i] counted in the record's
 * slots (below KY_MAX_DISTINCT, or in a split pass's second chunk
 * KY_MAX_DISTINCT + an id of the first chunk's). */
static void count_ids(struct ky_survey *s, const size_t *vid, const size_t *slots,
		      size_t n_slots)
{
	for (size_t i = 0; i < s->n_columns; i++) {
		size_t id = vid[i];
		if (id >= 2 * KY_MAX_DISTINCT)    /* empty or beyond the limit */
			continue;
		struct ky_column *c = &s->col[i];
		for (size_t k = 0; k < n_slots; k++)
			count_value(c, slots[k], id);
	}
}

int ky_record_blank(const struct ky_record *rec)
{
	for (size_t i = 0; i < rec->n_fields; i++) {
		const char *p = rec->field[i];
		if (ky_trim_cell(&p, rec->len[i]))
			return 0;
	}
	return 1;
}

static int check_width(struct ky_survey *s, const struct ky_record *rec, struct ky_error *err)
{
	if (rec->n_fields == s->n_columns)
		return 0;
	if (rec->n_fields < s->n_columns)
		return ky_error_set(err, KY_ERR_PARSE, s->path, rec->line, rec->n_fields,
				    "record has %zu fields but the header has %zu (ragged row)",
				    rec->n_fields, s->n_columns);
	for (size_t i = s->n_columns; i < rec->n_fields; i++)
		if (rec->len[i])
			return ky_error_set(err, KY_ERR_PARSE, s->path, rec->line, i + 1,
					    "record has %zu fields but the header has %zu "
					    "(ragged row)", rec->n_fields, s->n_columns);
	return 0;
}

int ky_survey_count_record(struct ky_survey *s, const struct ky_record *rec,
			   struct ky_scanbuf *b, struct ky_error *err)
{
	if (ky_record_blank(rec))     /* blanks only: valid */
		return 0;
	if (check_width(s, rec, NULL) < 0) {
		if (b->unchecked && first_bad(s, rec, rec->n_fields, err) < 0)
			return -1;
		return check_width(s, rec, err);
	}
	s->n_records++;
	s->n_respondents++;
	size_t n = record_slots(s, rec, b->slots, b->gid, b->unchecked, err);
	if (!n)
		return -1;
	for (size_t i = 0; i < s->n_columns; i++) {
		struct ky_column *c = &s->col[i];
		if (c->dropped && c->values) {
			if (b->unchecked && !ky_cell_valid(rec->field[i], rec->len[i]))
				return first_bad(s, rec, i + 1, err);
			ky_survey_col_slot(c, 0)->n_missing++;
			b->vid[i] = (size_t)-1;
			continue;
		}
		b->vid[i] = lookup_cell(s, c, rec->field[i], rec->len[i], rec->line, b->slots, n,
					b->unchecked);
		if (b->vid[i] == CELL_BAD)
			return first_bad(s, rec, i + 1, err);
	}
	count_ids(s, b->vid, b->slots, n);
	if (s->weighting)
		wcount_ids(s, b->vid, b->slots, n, s->record_w);
	ky_segments_count(s, b->vid, b->gid);
	return 0;
}

int ky_survey_suppressed(const struct ky_column *c, size_t slot)
{
	return c->suppressed && c->suppressed[slot];
}

/* Both counts the threshold looks at: valid answers, and all answers
 * (valid + non-substantive).  Either being 1..min_n-1 identifies people. */
static int small(uint64_t valid, uint64_t answered, unsigned min_n)
{
	return (valid > 0 && valid < min_n) || (answered > 0 && answered < min_n);
}

/* Anonymity: per grouping, hide the groups with 1..min_n-1 valid answers or
 * answers; then, while the hidden groups together with the respondents who
 * gave no group are still that small (so that all minus the shown groups
 * would reveal them), hide the smallest shown group as well.  Everything is
 * hidden when all respondents together are that small. */
void ky_survey_hide_small(const struct ky_survey *s, const uint64_t *valid,
			  const uint64_t *answered, unsigned char *hide)
{
	unsigned min_n = s->min_n;
	memset(hide, 0, s->n_slots);
	if (!min_n)
		return;
	if (small(valid[0], answered[0], min_n)) {
		memset(hide, 1, s->n_slots);
		return;
	}
	for (size_t g = 0; g < s->n_groupings; g++) {
		const struct ky_grouping *gr = &s->grouping[g];
		uint64_t rest_v = valid[0], rest_a = answered[0];  /* no group + hidden groups */
		size_t n_hidden = 0;
		for (size_t v = 0; v < gr->n_groups; v++) {
			size_t slot = ky_survey_slot(s, g, v);
			if (small(valid[slot], answered[slot], min_n)) {
				hide[slot] = 1;
				n_hidden++;
			} else {
				rest_v -= valid[slot];
				rest_a -= answered[slot];
			}
		}
		while (n_hidden && small(rest_v, rest_a, min_n)) {
			size_t best = (size_t)-1;
			for (size_t v = 0; v < gr->n_groups; v++) {
				size_t slot = ky_survey_slot(s, g, v);
				if (!hide[slot] && answered[slot] &&
				    (best == (size_t)-1 || answered[slot] < answered[best]))
					best = slot;
			}
			if (best == (size_t)-1)
				break;
			hide[best] = 1;
			rest_v += valid[best];
			rest_a += answered[best];
			n_hidden++;
		}
	}
}

static void scale_release(struct ky_scale *sc)
{
	for (size_t k = 0; k < sc->n_levels; k++)
		free(sc->label[k]);
	free(sc->label);
	free(sc->value);
	free(sc->id);
	memset(sc, 0, sizeof(*sc));
}

/* The weighting (weight.c makes it). */
static void margin_free(struct ky_margin *m)
{
	free(m->name);
	for (size_t k = 0; k < m->n_cats; k++)
		free(m->cat[k]);
	free(m->cat);
	free(m->population);
	free(m->line);
}

static void weighting_free(struct ky_weighting *w)
{
	if (!w)
		return;
	free(w->column_name);
	free(w->margins_path);
	for (size_t i = 0; i < w->n_margins; i++)
		margin_free(&w->margin[i]);
	free(w->margin);
	free(w->cell_w);
	free(w->cell_n);
	free(w->factor);
	free(w->buf_w);
	free(w);
}

static void column_release(struct ky_column *c, size_t n_slots)
{
	free(c->header);
	free(c->id);
	free(c->stem);
	free(c->statement);
	free(c->note);
	if (c->values)
		ky_dict_release(c->values);
	free(c->values);
	free(c->first_line);
	free(c->suppressed);
	for (size_t i = 0; i < c->slot_cap; i++) {
		free(c->slot[i].count);
		free(c->slot[i].wsum);
		free(c->slot[i].wsum2);
		free(c->slot[i].npos);
	}
	free(c->slot);
	scale_release(&c->scale);
	free(c->code_of);
	for (size_t k = 0; k < c->n_nonsub; k++)
		free(c->nonsub_label[k]);
	free(c->nonsub_label);
	if (c->tally)
		for (size_t i = 0; i < n_slots; i++)
			ky_tally_release(&c->tally[i]);
	free(c->tally);
	if (c->nonsub_count)
		for (size_t i = 0; i < n_slots; i++)
			free(c->nonsub_count[i]);
	free(c->nonsub_count);
	if (c->nonsub_wsum)
		for (size_t i = 0; i < n_slots; i++)
			free(c->nonsub_wsum[i]);
	free(c->nonsub_wsum);
	for (size_t k = 0; k < c->n_was; k++)
		free(c->was[k]);
	free(c->was);
}

void ky_survey_release(struct ky_survey *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_columns; i++)
		column_release(&s->col[i], s->n_slots);
	free(s->col);
	for (size_t g = 0; g < s->n_groupings; g++) {
		struct ky_grouping *gr = &s->grouping[g];
		free(gr->name);
		if (gr->values)
			ky_dict_release(gr->values);
		free(gr->values);
		free(gr->slot_of);
		free(gr->order);
		free(gr->n_respondents);
	}
	free(s->grouping);
	for (size_t b = 0; b < s->n_blocks; b++) {
		free(s->block[b].id);
		free(s->block[b].title);
		free(s->block[b].items);
	}
	free(s->block);
	for (size_t b = 0; s->def_cols && b < s->n_def; b++)
		free(s->def_cols[b]);
	free(s->def_cols);
	free(s->def_n);
	free(s->dropped);
	free(s->sheet);
	free(s->def_path);
	free(s->title);
	free(s->round);
	for (size_t i = 0; i < s->n_warnings; i++)
		free(s->warning[i]);
	free(s->warning);
	weighting_free(s->weighting);
	free(s->path);
	free(s);
}
