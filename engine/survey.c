/* survey.c - the streaming pass (records -> distinct-text counts per group
 * slot) and the survey model built from it.  Classification of columns lives
 * in classify.c; this file owns reading, counting and the object lifetime. */
#include "ky_survey.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict_int.h"
#include "ky_buf.h"
#include "survey_int.h"

const char *ky_coltype_name(enum ky_coltype t)
{
	static const char *const names[] = { "empty", "metadata", "group", "scale",
					     "numeric", "categorical", "open", "choice" };
	return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] : "?";
}

int ky_column_is_item(const struct ky_column *c)
{
	return c->type == KY_COL_SCALE || c->type == KY_COL_NUMERIC ||
	       c->type == KY_COL_CATEGORICAL;
}

size_t ky_column_n_values(const struct ky_column *c)
{
	return ((const struct ky_dict *)c->values)->n;
}

const char *ky_column_value(const struct ky_column *c, size_t i)
{
	return ((const struct ky_dict *)c->values)->str[i];
}

size_t ky_survey_slot(const struct ky_survey *s, size_t g, size_t value_id)
{
	return s->grouping[g].slot_of[value_id];
}

const char *ky_survey_group_name(const struct ky_survey *s, size_t g, size_t value_id)
{
	return ((const struct ky_dict *)s->grouping[g].values)->str[value_id];
}

void ky_survey_warn(struct ky_survey *s, const char *fmt, ...)
{
	struct ky_buf b = KY_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ky_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	s->warning = ky_xrealloc(s->warning, (s->n_warnings + 1) * sizeof(*s->warning));
	s->warning[s->n_warnings++] = ky_buf_detach(&b, NULL);
}

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

static int is_code_like(const char *h)
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

static void assign_ids(struct ky_survey *s)
{
	struct ky_dict seen;
	ky_dict_init(&seen);
	struct ky_buf b = KY_BUF_INIT;
	for (size_t i = 0; i < s->n_columns; i++) {
		struct ky_column *c = &s->col[i];
		ky_buf_reset(&b);
		if (is_code_like(c->header))
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

static int find_column(struct ky_survey *s, const char *name, const char *flag,
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

static int read_header(struct ky_survey *s, struct ky_reader *r, struct ky_error *err)
{
	struct ky_record rec;
	int rc = ky_reader_next(r, &rec, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return ky_error_set(err, KY_ERR_DATA, s->path, 0, 0, "file is empty");
	size_t n = rec.n_fields;
	while (n > 1 && rec.len[n - 1] == 0)    /* trailing separators */
		n--;
	s->n_columns = n;
	s->col = ky_xcalloc(n, sizeof(*s->col));
	for (size_t i = 0; i < n; i++) {
		struct ky_column *c = &s->col[i];
		c->index = i;
		c->header = clean_header(rec.field[i], rec.len[i]);
		if (!*c->header) {
			free(c->header);
			struct ky_buf b = KY_BUF_INIT;
			ky_buf_addf(&b, "Column %zu", i + 1);
			c->header = ky_buf_detach(&b, NULL);
		}
		c->values = ky_xcalloc(1, sizeof(struct ky_dict));
		c->block = KY_NO_BLOCK;
		split_stem(c);
	}
	assign_ids(s);
	return 0;
}

static struct ky_vslot *col_slot(struct ky_column *c, size_t slot)
{
	if (slot >= c->slot_cap) {
		size_t old = c->slot_cap;
		ky_xgrow((void **)&c->slot, &c->slot_cap, slot + 1, sizeof(*c->slot));
		memset(c->slot + old, 0, (c->slot_cap - old) * sizeof(*c->slot));
	}
	return &c->slot[slot];
}

static void count_value(struct ky_column *c, size_t slot, size_t id)
{
	struct ky_vslot *v = col_slot(c, slot);
	if (id >= v->cap) {
		size_t old = v->cap;
		ky_xgrow((void **)&v->count, &v->cap, id + 1, sizeof(*v->count));
		memset(v->count + old, 0, (v->cap - old) * sizeof(*v->count));
	}
	v->count[id]++;
}

/* Trims ASCII blanks (and NBSP) around a cell; returns its new length. */
static size_t trim_cell(const char **s, size_t len)
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

/* Group slots of this record: slots[0] = 0 (all), then one per grouping
 * whose cell is non-empty.  Returns how many. */
static size_t record_slots(struct ky_survey *s, const struct ky_record *rec, size_t *slots,
			   size_t *gid)
{
	size_t n = 0;
	slots[n++] = 0;
	for (size_t g = 0; g < s->n_groupings; g++) {
		struct ky_grouping *gr = &s->grouping[g];
		const char *cell = rec->field[gr->column];
		size_t len = trim_cell(&cell, rec->len[gr->column]);
		gid[g] = (size_t)-1;
		if (!len) {
			gr->n_empty++;
			continue;
		}
		int added;
		struct ky_dict *d = gr->values;
		size_t id = ky_dict_intern(d, cell, len, &added);
		if (added) {
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

/* Counts one cell; returns its value id, (size_t)-1 when empty, (size_t)-2
 * beyond the distinct-text limit. */
static size_t count_cell(struct ky_column *c, const char *cell, size_t len, unsigned long line,
			 const size_t *slots, size_t n_slots)
{
	len = trim_cell(&cell, len);
	if (!len) {
		for (size_t i = 0; i < n_slots; i++)
			col_slot(c, slots[i])->n_missing++;
		return (size_t)-1;
	}
	struct ky_dict *d = c->values;
	size_t id = ky_dict_find(d, cell, len);
	if (id == (size_t)-1) {
		if (d->n >= KY_MAX_DISTINCT) {
			c->n_overflow++;
			return (size_t)-2;
		}
		id = ky_dict_intern(d, cell, len, NULL);
		c->first_line = ky_xrealloc(c->first_line, d->n * sizeof(*c->first_line));
		c->first_line[id] = line;
	}
	for (size_t i = 0; i < n_slots; i++)
		count_value(c, slots[i], id);
	return id;
}

static int all_empty(const struct ky_record *rec)
{
	for (size_t i = 0; i < rec->n_fields; i++) {
		const char *p = rec->field[i];
		if (trim_cell(&p, rec->len[i]))
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

static int scan(struct ky_survey *s, struct ky_reader *r, struct ky_error *err)
{
	size_t *slots = ky_xmalloc((s->n_groupings + 1) * sizeof(*slots));
	size_t *gid = ky_xmalloc((s->n_groupings + 1) * sizeof(*gid));
	size_t *vid = ky_xmalloc(s->n_columns * sizeof(*vid));
	ky_segments_init(s);
	struct ky_record rec;
	int rc;
	while ((rc = ky_reader_next(r, &rec, err)) > 0) {
		if (all_empty(&rec))
			continue;
		if (check_width(s, &rec, err) < 0) {
			rc = -1;
			break;
		}
		s->n_records++;
		s->n_respondents++;
		size_t n = record_slots(s, &rec, slots, gid);
		for (size_t i = 0; i < s->n_columns; i++)
			vid[i] = count_cell(&s->col[i], rec.field[i], rec.len[i], rec.line, slots, n);
		ky_segments_count(s, vid, gid);
	}
	free(slots);
	free(gid);
	free(vid);
	if (rc < 0)
		return -1;
	if (s->n_respondents == 0)
		return ky_error_set(err, KY_ERR_DATA, s->path, 1, 0,
				    "no answers: the file has a header row but no data rows");
	/* every column has a counter for every slot */
	for (size_t i = 0; i < s->n_columns; i++)
		col_slot(&s->col[i], s->n_slots - 1);
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
		int c = find_column(s, o->reverse[k], "--reverse", s->path, err);
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

struct ky_survey *ky_survey_read(const char *path, const struct ky_survey_options *opts,
				 struct ky_error *err)
{
	struct ky_reader *r = ky_reader_open(path, opts ? &opts->reader : NULL, err);
	if (!r)
		return NULL;
	struct ky_survey *s = ky_xcalloc(1, sizeof(*s));
	s->path = ky_xstrdup(path);
	snprintf(s->encoding, sizeof(s->encoding), "%s", ky_reader_encoding(r));
	s->delimiter = ky_reader_delimiter(r);
	s->bom = ky_reader_had_bom(r);
	s->n_slots = 1;
	int rc = read_header(s, r, err);
	if (rc == 0 && opts && opts->n_groups) {
		s->grouping = ky_xcalloc(opts->n_groups, sizeof(*s->grouping));
		for (size_t g = 0; g < opts->n_groups && rc == 0; g++) {
			int c = find_column(s, opts->groups[g], "--group", path, err);
			if (c < 0) {
				rc = -1;
				break;
			}
			for (size_t h = 0; h < s->n_groupings; h++)
				if (s->grouping[h].column == (size_t)c)
					rc = ky_error_set(err, KY_ERR_USAGE, path, 0, 0,
							  "column '%s' is given twice with --group",
							  s->col[c].header);
			struct ky_grouping *gr = &s->grouping[s->n_groupings++];
			gr->column = (size_t)c;
			gr->name = ky_xstrdup(s->col[c].header);
			gr->values = ky_xcalloc(1, sizeof(struct ky_dict));
		}
	}
	if (rc == 0)
		rc = scan(s, r, err);
	snprintf(s->encoding, sizeof(s->encoding), "%s", ky_reader_encoding(r));
	ky_reader_free(r);
	if (rc == 0)
		rc = ky_survey_classify(s, err);
	if (rc == 0 && opts && opts->n_reverse)
		rc = mark_reversed(s, opts, err);
	if (rc == 0) {
		s->population = opts ? opts->population : 0;
		if (s->population && s->population < s->n_respondents)
			ky_survey_warn(s, "%s: the stated population (%llu) is smaller than the %llu "
				       "respondents; no response rate is given", path,
				       (unsigned long long)s->population,
				       (unsigned long long)s->n_respondents);
		if (opts && opts->min_n)
			apply_min_n(s, opts->min_n);
		ky_survey_count_choices(s);
		ky_survey_block_scales(s);
	}
	if (rc < 0) {
		ky_survey_free(s);
		return NULL;
	}
	return s;
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
	for (size_t i = 0; i < c->slot_cap; i++)
		free(c->slot[i].count);
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
}

void ky_survey_free(struct ky_survey *s)
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
		ky_block_scale_free(s->block[b].scale, s->n_slots);
	}
	free(s->block);
	ky_segments_free(s);
	ky_choices_free(s);
	for (size_t i = 0; i < s->n_warnings; i++)
		free(s->warning[i]);
	free(s->warning);
	free(s->path);
	free(s);
}
