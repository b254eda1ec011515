/* summary.c - summary tables: counts per item, answer label and group instead
 * of one row per respondent.
 *
 * kysely computes everything from count tables, so a table of counts feeds
 * the same model as the streaming pass: one column per item whose distinct
 * texts are the labels (in the table's order) with their counts per group
 * slot, and one grouping column per grouping the table has.  Layouts, told
 * from content:
 *  - long:  a header naming item, label and n columns (optional item_id and
 *           percent); any other column is a grouping whose cells name the
 *           group, empty or '*' meaning all respondents;
 *  - wide:  "Item,<label1>,...,<labelK>" with counts in the cells;
 *  - wide-grouped: "<grouping>,Item,<label1>,...";
 *  - webropol-report: per question a title row, optionally a respondents
 *           row and a header row, then "option;n;%" rows (and a total row),
 *           or a matrix: a header of labels and one row of counts per
 *           statement.
 * An empty label (long) or a "missing" column (wide) counts the respondents
 * who left the item empty.  Counts that cannot be (negative, fractional, a
 * percentage off by more than its rounding, a total that is not the sum,
 * groups adding up to more than all respondents) are errors naming the cell.
 * Respondent-level results (reliability, scale scores, multi-select and
 * ranking questions) are not computed: the table cannot tell who answered
 * what together. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/dict_int.h"
#include "ky_buf.h"
#include "survey_int.h"

#define SNIFF_ROWS 40
#define MAX_ROWS 100000    /* rows of a summary table */

const char *ky_summary_layout_name(int layout)
{
	switch (layout) {
	case KY_SUMMARY_LONG: return "long";
	case KY_SUMMARY_WIDE: return "wide";
	case KY_SUMMARY_WIDE_GROUPED: return "wide-grouped";
	case KY_SUMMARY_REPORT: return "webropol-report";
	}
	return NULL;
}

/* ---- words ---- */

static const char *const ITEM_W[] = { "item", "kysymys", "question", "väittämä", "statement",
				      "muuttuja", "variable", "fråga", "påstående", NULL };
static const char *const LABEL_W[] = { "label", "vastaus", "answer", "option", "vaihtoehto",
				       "vastausvaihtoehto", "category", "luokka", "value",
				       "svar", "svarsalternativ", "response", NULL };
static const char *const N_W[] = { "n", "count", "lkm", "lukumäärä", "frequency", "freq",
				   "määrä", "antal", "vastaajia", "vastaukset", NULL };
static const char *const ID_W[] = { "item_id", "item id", "id", "tunnus", NULL };
static const char *const PCT_W[] = { "percent", "%", "prosentti", "prosenttia", "pct", "osuus",
				     "percentage", "procent", "osuus %", "prosentti %", NULL };
static const char *const TOTAL_W[] = { "yhteensä", "total", "summa", "sum", "totalt",
				       "kaikki", NULL };
static const char *const STAT_W[] = { "keskiarvo", "mean", "average", "mediaani", "median",
				      "keskihajonta", "sd", "std", "medelvärde", "tunnusluvut",
				      NULL };
static const char *const MISSING_W[] = { "missing", "(missing)", "puuttuu", "puuttuva",
					 "ei vastannut", "no answer", NULL };
static const char *const RESP_W[] = { "vastaajien määrä", "vastaajia", "number of respondents",
				      "respondents", "n", "antal svarande", NULL };

static int blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return !*s;
}

static char *trimmed(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return ky_xstrndup(s, n);
}

/* A number as written in a table: optional sign, digits, '.' or ',' as the
 * decimal mark, optional trailing '%' (when PCT), spaces (also NBSP) around
 * and as thousands separators.  Sets *DECIMALS to the digits after the mark. */
static int parse_num(const char *s, int pct, double *out, int *decimals)
{
	struct ky_buf b = KY_BUF_INIT;
	int dec = -1, digits = 0, ok = 1;
	const char *p = s;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '-' || *p == '+')
		ky_buf_addch(&b, *p++);
	else if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x88 &&
		 (unsigned char)p[2] == 0x92) {   /* U+2212 minus */
		ky_buf_addch(&b, '-');
		p += 3;
	}
	for (; *p && ok; p++) {
		if (isdigit((unsigned char)*p)) {
			ky_buf_addch(&b, *p);
			digits++;
			if (dec >= 0)
				dec++;
		} else if ((*p == '.' || *p == ',') && dec < 0 && digits) {
			ky_buf_addch(&b, '.');
			dec = 0;
		} else if (*p == ' ' || (unsigned char)*p == 0xC2 || (unsigned char)*p == 0xA0) {
			;   /* spaces, NBSP */
		} else if (*p == '%' && pct) {
			const char *q = p + 1;
			while (*q == ' ')
				q++;
			ok = !*q;
			break;
		} else {
			ok = 0;
		}
	}
	if (ok && digits)
		*out = strtod(b.buf, NULL);
	ky_buf_release(&b);
	if (decimals)
		*decimals = dec < 0 ? 0 : dec;
	return ok && digits;
}

/* ---- rows held in memory (summary tables are small) ---- */

struct row {
	size_t n;
	char **cell;
	unsigned long line;
};

struct table {
	struct row *row;
	size_t n, cap;
};

static void table_release(struct table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t j = 0; j < t->row[i].n; j++)
			free(t->row[i].cell[j]);
		free(t->row[i].cell);
	}
	free(t->row);
	memset(t, 0, sizeof(*t));
}

static const char *cell(const struct row *r, size_t i)
{
	return i < r->n ? r->cell[i] : "";
}

static size_t n_nonblank(const struct row *r)
{
	size_t k = 0;
	for (size_t i = 0; i < r->n; i++)
		k += !blank(r->cell[i]);
	return k;
}

/* Reads up to MAX records of R into T; returns -1 on a reader error. */
static int read_rows(struct ky_reader *r, struct table *t, size_t max, struct ky_error *err)
{
	struct ky_record rec;
	int rc = 0;
	while (t->n < max && (rc = ky_reader_next(r, &rec, err)) > 0) {
		ky_xgrow((void **)&t->row, &t->cap, t->n + 1, sizeof(*t->row));
		struct row *w = &t->row[t->n++];
		w->n = rec.n_fields;
		while (w->n > 1 && !rec.len[w->n - 1])
			w->n--;
		w->cell = ky_xcalloc(w->n + 1, sizeof(char *));
		for (size_t i = 0; i < w->n; i++)
			w->cell[i] = trimmed(rec.field[i]);
		w->line = rec.line;
	}
	if (t->n >= max && rc > 0)
		return 1;   /* more rows follow */
	return rc < 0 ? -1 : 0;
}

static int is_count(const char *s)
{
	double x;
	return !blank(s) && parse_num(s, 0, &x, NULL);
}

/* ---- detection ---- */

struct long_cols {
	long item, label, n, id, pct;
};

static int long_header(const struct row *h, struct long_cols *lc)
{
	lc->item = lc->label = lc->n = lc->id = lc->pct = -1;
	struct ky_buf b = KY_BUF_INIT;
	for (size_t i = 0; i < h->n; i++) {
		size_t len = ky_word_key(&b, h->cell[i]);
		if (lc->item < 0 && ky_word_is(b.buf, len, ITEM_W))
			lc->item = (long)i;
		else if (lc->label < 0 && ky_word_is(b.buf, len, LABEL_W))
			lc->label = (long)i;
		else if (lc->n < 0 && ky_word_is(b.buf, len, N_W))
			lc->n = (long)i;
		else if (lc->id < 0 && ky_word_is(b.buf, len, ID_W))
			lc->id = (long)i;
		else if (lc->pct < 0 && ky_word_is(b.buf, len, PCT_W))
			lc->pct = (long)i;
	}
	ky_buf_release(&b);
	return lc->item >= 0 && lc->label >= 0 && lc->n >= 0;
}

/* Wide: from column FIRST on every cell of the data rows is a count or empty. */
static int counts_from(const struct table *t, size_t first)
{
	if (t->n < 2 || t->row[0].n < first + 2)
		return 0;
	size_t seen = 0;
	for (size_t i = 1; i < t->n; i++) {
		const struct row *r = &t->row[i];
		if (!n_nonblank(r))
			continue;
		if (blank(cell(r, first - 1)))
			return 0;
		for (size_t j = first; j < r->n; j++)
			if (!blank(r->cell[j]) && !is_count(r->cell[j]))
				return 0;
		seen++;
	}
	return seen > 0;
}

/* A question block of a report: a row with only its first cell, followed
 * within a few rows by an "option, count" row. */
static int report_shape(const struct table *t)
{
	if (!t->n || n_nonblank(&t->row[0]) != 1 || blank(cell(&t->row[0], 0)))
		return 0;
	for (size_t i = 1; i < t->n && i < 6; i++) {
		const struct row *r = &t->row[i];
		if (n_nonblank(r) >= 2 && !blank(cell(r, 0)) && is_count(cell(r, 1)))
			return 1;
	}
	return 0;
}

/* Whether header row H allows one of the layouts ky_summary_sniff tells
 * (each of them tests the header first; see there). */
static int header_may_fit(const struct row *h)
{
	struct long_cols lc;
	return long_header(h, &lc) || ky_word_in(cell(h, 0), ITEM_W) ||
	       (!blank(cell(h, 0)) && ky_word_in(cell(h, 1), ITEM_W)) ||
	       (n_nonblank(h) == 1 && !blank(cell(h, 0)));
}

int ky_summary_sniff(const char *path, const struct ky_reader_options *opts)
{
	struct ky_error e;
	ky_error_clear(&e);
	struct ky_reader *r = ky_reader_open(path, opts, &e);
	if (!r)
		return 0;
	struct table t = {0};
	int layout = 0;
	/* the header alone rules out every layout for most exports: the other
	 * rows are read only when it does not */
	if (read_rows(r, &t, 1, &e) > 0 && header_may_fit(&t.row[0]) &&
	    read_rows(r, &t, SNIFF_ROWS, &e) >= 0 && t.n >= 2) {
		struct long_cols lc;
		const struct row *h = &t.row[0];
		if (long_header(h, &lc) && is_count(cell(&t.row[1], (size_t)lc.n)))
			layout = KY_SUMMARY_LONG;
		else if (ky_word_in(cell(h, 0), ITEM_W) && counts_from(&t, 1))
			layout = KY_SUMMARY_WIDE;
		else if (!blank(cell(h, 0)) && ky_word_in(cell(h, 1), ITEM_W) && counts_from(&t, 2))
			layout = KY_SUMMARY_WIDE_GROUPED;
		else if (report_shape(&t))
			layout = KY_SUMMARY_REPORT;
	}
	table_release(&t);
	ky_reader_free(r);
	return layout;
}

/* ---- entries: one count of one label of one item in one group ---- */

struct entry {
	size_t item;
	size_t grouping;             /* (size_t)-1: all respondents */
	size_t group;                /* value id in the grouping's names */
	char *label;                 /* NULL: missing (left empty) */
	uint64_t n;
	unsigned long line, col;
};

struct build {
	struct ky_survey *s;
	const char *path;
	struct ky_dict items;        /* item texts */
	char **item_id;              /* [items] explicit id or NULL */
	size_t id_cap;
	struct ky_dict gnames;       /* grouping names */
	struct ky_dict *groups;      /* [gnames] group names */
	size_t groups_cap;
	struct entry *e;
	size_t n, cap;
};

static size_t item_of(struct build *b, const char *text, const char *id)
{
	int added;
	size_t i = ky_dict_intern(&b->items, text, strlen(text), &added);
	if (added) {
		ky_xgrow((void **)&b->item_id, &b->id_cap, i + 1, sizeof(char *));
		b->item_id[i] = id && *id ? ky_xstrdup(id) : NULL;
	}
	return i;
}

static size_t grouping_of(struct build *b, const char *name)
{
	int added;
	size_t g = ky_dict_intern(&b->gnames, name, strlen(name), &added);
	if (added) {
		ky_xgrow((void **)&b->groups, &b->groups_cap, g + 1, sizeof(*b->groups));
		ky_dict_init(&b->groups[g]);
	}
	return g;
}

/* A count cell: a non-negative integer.  Empty is 0 when EMPTY_OK. */
static int count_cell(struct build *b, const struct row *r, size_t col, int empty_ok,
		      uint64_t *out, struct ky_error *err)
{
	const char *c = cell(r, col);
	double x;
	if (blank(c)) {
		if (empty_ok) {
			*out = 0;
			return 0;
		}
		return ky_error_set(err, KY_ERR_PARSE, b->path, r->line, col + 1,
				    "the count is empty (write 0 for a label nobody chose)");
	}
	if (!parse_num(c, 0, &x, NULL))
		return ky_error_set(err, KY_ERR_PARSE, b->path, r->line, col + 1,
				    "'%s' is not a count (a summary table holds whole numbers "
				    "of respondents here)", c);
	if (x < 0)
		return ky_error_set(err, KY_ERR_PARSE, b->path, r->line, col + 1,
				    "negative count %s", c);
	if (x != floor(x))
		return ky_error_set(err, KY_ERR_PARSE, b->path, r->line, col + 1,
				    "count %s is not a whole number", c);
	if (x > 1e15)
		return ky_error_set(err, KY_ERR_LIMIT, b->path, r->line, col + 1,
				    "count %s is too large", c);
	*out = (uint64_t)x;
	return 0;
}

static void add_entry(struct build *b, size_t item, size_t grouping, size_t group,
		      const char *label, uint64_t n, unsigned long line, unsigned long col)
{
	ky_xgrow((void **)&b->e, &b->cap, b->n + 1, sizeof(*b->e));
	struct entry *e = &b->e[b->n++];
	e->item = item;
	e->grouping = grouping;
	e->group = group;
	e->label = label ? ky_xstrdup(label) : NULL;
	e->n = n;
	e->line = line;
	e->col = col;
}

static size_t group_id(struct build *b, size_t g, const char *name)
{
	return ky_dict_intern(&b->groups[g], name, strlen(name), NULL);
}

/* A percentage against count N of TOTAL: off by more than its rounding? */
static int pct_check(struct build *b, const struct row *r, size_t col, uint64_t n,
		     uint64_t total, struct ky_error *err)
{
	const char *c = cell(r, col);
	double p;
	int dec;
	if (blank(c))
		return 0;
	if (!parse_num(c, 1, &p, &dec))
		return ky_error_set(err, KY_ERR_PARSE, b->path, r->line, col + 1,
				    "'%s' is not a percentage", c);
	double want = total ? 100.0 * (double)n / (double)total : 0;
	double tol = 0.5 * pow(10, -dec) + 1e-9;
	if (fabs(p - want) > tol)
		return ky_error_set(err, KY_ERR_PARSE, b->path, r->line, col + 1,
				    "percentage %s disagrees with the count %llu of %llu "
				    "(%.2f %%) by more than rounding", c, (unsigned long long)n,
				    (unsigned long long)total, want);
	return 0;
}

/* ---- layouts ---- */

static int read_long(struct build *b, const struct table *t, struct ky_error *err)
{
	struct long_cols lc;
	long_header(&t->row[0], &lc);
	const struct row *h = &t->row[0];
	size_t ng = 0;
	size_t *gcol = ky_xcalloc(h->n + 1, sizeof(size_t)), *gidx = ky_xcalloc(h->n + 1, sizeof(size_t));
	for (size_t i = 0; i < h->n; i++)
		if ((long)i != lc.item && (long)i != lc.label && (long)i != lc.n &&
		    (long)i != lc.id && (long)i != lc.pct && !blank(h->cell[i])) {
			gcol[ng] = i;
			gidx[ng++] = grouping_of(b, h->cell[i]);
		}
	int rc = 0;
	/* percentages: checked per item and group once the counts are known */
	for (size_t i = 1; i < t->n && rc == 0; i++) {
		const struct row *r = &t->row[i];
		if (!n_nonblank(r))
			continue;
		const char *it = cell(r, (size_t)lc.item);
		if (blank(it)) {
			rc = ky_error_set(err, KY_ERR_PARSE, b->path, r->line, (unsigned long)lc.item + 1,
					  "the item is empty");
			break;
		}
		size_t item = item_of(b, it, lc.id >= 0 ? cell(r, (size_t)lc.id) : NULL);
		size_t grouping = (size_t)-1, group = 0;
		for (size_t k = 0; k < ng && rc == 0; k++) {
			const char *gv = cell(r, gcol[k]);
			if (blank(gv) || !strcmp(gv, "*"))
				continue;
			if (grouping != (size_t)-1)
				rc = ky_error_set(err, KY_ERR_PARSE, b->path, r->line, gcol[k] + 1,
						  "a row counts one group of one grouping: '%s' and "
						  "'%s' are both given (leave the others empty or '*')",
						  cell(r, gcol[grouping]), gv);
			grouping = k;
			group = group_id(b, gidx[k], gv);
		}
		uint64_t n = 0;
		if (rc == 0)
			rc = count_cell(b, r, (size_t)lc.n, 0, &n, err);
		if (rc == 0) {
			const char *lab = cell(r, (size_t)lc.label);
			add_entry(b, item, grouping == (size_t)-1 ? (size_t)-1 : gidx[grouping], group,
				  blank(lab) || ky_word_in(lab, MISSING_W) ? NULL : lab, n, r->line,
				  (unsigned long)lc.n + 1);
		}
	}
	if (rc == 0 && lc.pct >= 0) {
		/* per item and group: the answered total (labels, not missing) */
		for (size_t i = 1, k = 0; i < t->n && rc == 0; i++) {
			const struct row *r = &t->row[i];
			if (!n_nonblank(r))
				continue;
			const struct entry *e = &b->e[k++];
			uint64_t total = 0;
			for (size_t j = 0; j < b->n; j++)
				if (b->e[j].item == e->item && b->e[j].grouping == e->grouping &&
				    b->e[j].group == e->group && b->e[j].label)
					total += b->e[j].n;
			if (e->label)
				rc = pct_check(b, r, (size_t)lc.pct, e->n, total, err);
		}
	}
	free(gcol);
	free(gidx);
	return rc;
}

/* Wide: labels are the header cells from FIRST on; a total column is
 * checked, statistics columns are skipped, a missing column counts blanks. */
static int wide_rows(struct build *b, const struct table *t, size_t from, size_t to,
		     const struct row *h, size_t first, const char *stem, size_t grouping_col,
		     size_t grouping, struct ky_error *err)
{
	for (size_t i = from; i < to; i++) {
		const struct row *r = &t->row[i];
		if (!n_nonblank(r))
			continue;
		if (r->n > h->n)
			for (size_t j = h->n; j < r->n; j++)
				if (!blank(r->cell[j]))
					return ky_error_set(err, KY_ERR_PARSE, b->path, r->line, j + 1,
							    "a count without a label in the header row");
		const char *it = cell(r, first - 1);
		struct ky_buf text = KY_BUF_INIT;
		if (stem)
			ky_buf_addf(&text, "%s:%s", stem, it);
		else
			ky_buf_adds(&text, it);
		size_t item = item_of(b, text.buf, NULL);
		ky_buf_release(&text);
		size_t group = 0, g = (size_t)-1;
		if (grouping_col != (size_t)-1) {
			const char *gv = cell(r, grouping_col);
			if (!blank(gv) && strcmp(gv, "*")) {
				g = grouping;
				group = group_id(b, g, gv);
			}
		}
		uint64_t sum = 0, total = 0;
		long total_col = -1;
		for (size_t j = first; j < h->n; j++) {
			const char *lab = h->cell[j];
			if (ky_word_in(lab, STAT_W) || ky_word_in(lab, PCT_W))
				continue;
			uint64_t n;
			if (count_cell(b, r, j, 1, &n, err) < 0)
				return -1;
			if (ky_word_in(lab, TOTAL_W)) {
				total = n;
				total_col = (long)j;
				continue;
			}
			int missing = ky_word_in(lab, MISSING_W);
			if (!missing)
				sum += n;
			add_entry(b, item, g, group, missing ? NULL : lab, n, r->line, j + 1);
		}
		if (total_col >= 0 && !blank(cell(r, (size_t)total_col)) && total != sum)
			return ky_error_set(err, KY_ERR_PARSE, b->path, r->line,
					    (unsigned long)total_col + 1,
					    "the total %llu is not the sum of the counts (%llu)",
					    (unsigned long long)total, (unsigned long long)sum);
	}
	return 0;
}

static int wide_header_ok(struct build *b, const struct row *h, size_t first, struct ky_error *err)
{
	struct ky_dict seen;
	ky_dict_init(&seen);
	int rc = 0;
	for (size_t j = first; j < h->n && rc == 0; j++) {
		int added;
		if (blank(h->cell[j]))
			rc = ky_error_set(err, KY_ERR_PARSE, b->path, h->line, j + 1,
					  "a count column without a label in the header row");
		else if (ky_dict_intern(&seen, h->cell[j], strlen(h->cell[j]), &added), !added)
			rc = ky_error_set(err, KY_ERR_PARSE, b->path, h->line, j + 1,
					  "label '%s' is given twice", h->cell[j]);
	}
	ky_dict_release(&seen);
	return rc;
}

static int read_wide(struct build *b, const struct table *t, int grouped, struct ky_error *err)
{
	const struct row *h = &t->row[0];
	size_t first = grouped ? 2 : 1;
	if (wide_header_ok(b, h, first, err) < 0)
		return -1;
	size_t g = grouped ? grouping_of(b, h->cell[0]) : (size_t)-1;
	return wide_rows(b, t, 1, t->n, h, first, NULL, grouped ? 0 : (size_t)-1, g, err);
}

/* Webropol's report: "1. Title" -> "Title". */
static const char *strip_number(const char *s)
{
	const char *p = s;
	while (isdigit((unsigned char)*p))
		p++;
	if (p > s && *p == '.' && p[1] == ' ')
		return p + 2;
	return s;
}

/* "Vastaajien määrä: 20" -> 1 with *N. */
static int respondents_row(const struct row *r, uint64_t *n)
{
	const char *c = cell(r, 0);
	const char *colon = strrchr(c, ':');
	const char *num = colon ? colon + 1 : NULL;
	char *word = colon ? ky_xstrndup(c, (size_t)(colon - c)) : NULL;
	double x;
	int ok = 0;
	if (word && ky_word_in(word, RESP_W) && parse_num(num, 0, &x, NULL)) {
		*n = (uint64_t)x;
		ok = 1;
	} else if (!colon && ky_word_in(c, RESP_W) && n_nonblank(r) == 2) {
		for (size_t j = 1; j < r->n && !ok; j++)
			if (!blank(r->cell[j]) && parse_num(r->cell[j], 0, &x, NULL))
				*n = (uint64_t)x, ok = 1;
	}
	free(word);
	return ok;
}

static int read_report(struct build *b, const struct table *t, struct ky_error *err)
{
	size_t i = 0;
	int rc = 0;
	while (i < t->n && rc == 0) {
		const struct row *r = &t->row[i];
		if (!n_nonblank(r)) {
			i++;
			continue;
		}
		if (n_nonblank(r) != 1 || blank(cell(r, 0)))
			return ky_error_set(err, KY_ERR_PARSE, b->path, r->line, 1,
					    "expected a question title (a row with only its first "
					    "cell) before the counts");
		char *title = ky_xstrdup(strip_number(cell(r, 0)));
		size_t title_line = i;
		uint64_t resp = 0;
		int has_resp = 0;
		i++;
		/* a respondents row ("Vastaajien määrä: 20") may follow */
		while (i < t->n && respondents_row(&t->row[i], &resp)) {
			has_resp = 1;
			i++;
		}
		/* an optional header row: first cell empty or an option word */
		long ncol = 1, pcol = -1;
		int matrix = 0;
		const struct row *h = NULL;
		if (i < t->n && n_nonblank(&t->row[i]) >= 2 &&
		    (blank(cell(&t->row[i], 0)) || ky_word_in(cell(&t->row[i], 0), LABEL_W)) &&
		    !is_count(cell(&t->row[i], 1))) {
			h = &t->row[i];
			long nn = -1, pp = -1, other = 0;
			for (size_t j = 1; j < h->n; j++) {
				if (blank(h->cell[j]))
					continue;
				if (nn < 0 && ky_word_in(h->cell[j], N_W))
					nn = (long)j;
				else if (pp < 0 && ky_word_in(h->cell[j], PCT_W))
					pp = (long)j;
				else if (!ky_word_in(h->cell[j], TOTAL_W) && !ky_word_in(h->cell[j], STAT_W))
					other++;
			}
			if (other >= 2) {
				matrix = 1;
			} else {
				ncol = nn >= 0 ? nn : 1;
				pcol = pp;
			}
			i++;
		}
		size_t start = i;
		while (i < t->n && n_nonblank(&t->row[i]) >= 2)
			i++;
		if (start == i) {
			rc = ky_error_set(err, KY_ERR_PARSE, b->path, t->row[title_line].line, 1,
					  "question '%s' has no counts under it", title);
			free(title);
			break;
		}
		if (matrix) {
			if (wide_header_ok(b, h, 1, err) < 0)
				rc = -1;
			else
				rc = wide_rows(b, t, start, i, h, 1, title, (size_t)-1, (size_t)-1, err);
			free(title);
			continue;
		}
		/* a single question: option rows, an optional total row */
		size_t item = item_of(b, title, NULL);
		uint64_t sum = 0;
		long total_row = -1;
		uint64_t total = 0;
		for (size_t k = start; k < i && rc == 0; k++) {
			const struct row *o = &t->row[k];
			uint64_t n;
			if (count_cell(b, o, (size_t)ncol, 0, &n, err) < 0) {
				rc = -1;
				break;
			}
			if (ky_word_in(cell(o, 0), TOTAL_W)) {
				total_row = (long)k;
				total = n;
				continue;
			}
			if (ky_word_in(cell(o, 0), STAT_W))
				continue;
			int missing = ky_word_in(cell(o, 0), MISSING_W);
			if (!missing)
				sum += n;
			add_entry(b, item, (size_t)-1, 0, missing ? NULL : cell(o, 0), n, o->line,
				  (unsigned long)ncol + 1);
		}
		if (rc == 0 && total_row >= 0 && total != sum)
			rc = ky_error_set(err, KY_ERR_PARSE, b->path, t->row[total_row].line,
					  (unsigned long)ncol + 1,
					  "the total %llu is not the sum of the counts (%llu)",
					  (unsigned long long)total, (unsigned long long)sum);
		if (rc == 0 && has_resp && resp < sum)
			rc = ky_error_set(err, KY_ERR_PARSE, b->path, t->row[title_line].line + 1, 1,
					  "%llu respondents stated but the counts add up to %llu",
					  (unsigned long long)resp, (unsigned long long)sum);
		/* percentages: of the total row when given, else of the answers */
		uint64_t denom = total_row >= 0 ? total : sum;
		for (size_t k = start; k < i && rc == 0 && pcol < 0; k++) {
			/* no header: a third cell is the percentage */
			if (!blank(cell(&t->row[k], 2)))
				pcol = 2;
		}
		for (size_t k = start; k < i && rc == 0 && pcol >= 0; k++) {
			const struct row *o = &t->row[k];
			if (ky_word_in(cell(o, 0), STAT_W) || ky_word_in(cell(o, 0), MISSING_W))
				continue;
			uint64_t n = 0;
			count_cell(b, o, (size_t)ncol, 0, &n, err);
			rc = pct_check(b, o, (size_t)pcol, n, denom, err);
		}
		if (rc == 0 && has_resp && resp > sum)
			add_entry(b, item, (size_t)-1, 0, NULL, resp - sum, t->row[title_line].line, 1);
		free(title);
	}
	return rc;
}

/* ---- the model ---- */

static const struct entry *find_entry(const struct build *b, size_t item, size_t g, size_t group,
				      const char *label)
{
	for (size_t j = 0; j < b->n; j++) {
		const struct entry *e = &b->e[j];
		if (e->item == item && e->grouping == g && (g == (size_t)-1 || e->group == group) &&
		    (label ? e->label && !strcmp(e->label, label) : !e->label))
			return e;
	}
	return NULL;
}

static int check_entries(const struct build *b, struct ky_error *err)
{
	for (size_t j = 0; j < b->n; j++) {
		const struct entry *e = &b->e[j];
		for (size_t k = 0; k < j; k++) {
			const struct entry *f = &b->e[k];
			if (f->item == e->item && f->grouping == e->grouping && f->group == e->group &&
			    (e->label ? f->label && !strcmp(f->label, e->label) : !f->label))
				return ky_error_set(err, KY_ERR_PARSE, b->path, e->line, e->col,
						    "this count is given twice (first on line %lu)",
						    f->line);
		}
		if (e->grouping == (size_t)-1)
			continue;
		const struct entry *all = find_entry(b, e->item, (size_t)-1, 0, e->label);
		uint64_t groups = 0;
		for (size_t k = 0; k <= j; k++) {
			const struct entry *f = &b->e[k];
			if (f->item == e->item && f->grouping == e->grouping &&
			    (e->label ? f->label && !strcmp(f->label, e->label) : !f->label))
				groups += f->n;
		}
		int has_all = 0;
		for (size_t k = 0; k < b->n && !has_all; k++)
			has_all = b->e[k].item == e->item && b->e[k].grouping == (size_t)-1;
		uint64_t of_all = all ? all->n : 0;
		if (has_all && groups > of_all)
			return ky_error_set(err, KY_ERR_PARSE, b->path, e->line, e->col,
					    "the groups of '%s' count %llu for '%s', more than the "
					    "%llu of all respondents%s%lu",
					    b->gnames.str[e->grouping], (unsigned long long)groups,
					    e->label ? e->label : "(missing)",
					    (unsigned long long)of_all,
					    all ? " on line " : " (no row for it; the item's first is on line ",
					    all ? all->line : e->line);
	}
	return 0;
}

/* The slot of group GROUP of table grouping TG, or (size_t)-1 when that
 * grouping is not used. */
static size_t slot_of(const struct ky_survey *s, const size_t *used, size_t tg, size_t group)
{
	if (used[tg] == (size_t)-1)
		return (size_t)-1;
	return s->grouping[used[tg]].slot_of[group];
}

static int build_model(struct build *b, size_t n_groups, const char *const *names,
		       struct ky_error *err)
{
	struct ky_survey *s = b->s;
	size_t ntg = b->gnames.n;
	size_t *used = ky_xmalloc((ntg + 1) * sizeof(size_t));
	size_t n_used = 0;
	for (size_t g = 0; g < ntg; g++)
		used[g] = (size_t)-1;
	size_t *which = ky_xmalloc((ntg + 1) * sizeof(size_t));
	if (n_groups) {
		for (size_t k = 0; k < n_groups; k++) {
			struct ky_buf want = KY_BUF_INIT, have = KY_BUF_INIT;
			ky_label_normalize(&want, names[k]);
			size_t hit = (size_t)-1;
			for (size_t g = 0; g < ntg && hit == (size_t)-1; g++)
				if (!strcmp(ky_label_normalize(&have, b->gnames.str[g]), want.buf))
					hit = g;
			ky_buf_release(&want);
			ky_buf_release(&have);
			if (hit == (size_t)-1) {
				struct ky_buf list = KY_BUF_INIT;
				for (size_t g = 0; g < ntg; g++)
					ky_buf_addf(&list, "%s'%s'", g ? ", " : "", b->gnames.str[g]);
				ky_error_set(err, KY_ERR_USAGE, b->path, 1, 0,
					     "no grouping '%s' in this summary table (%s%s)", names[k],
					     ntg ? "it has " : "it has none", list.buf ? list.buf : "");
				ky_buf_release(&list);
				free(used);
				free(which);
				return -1;
			}
			if (used[hit] == (size_t)-1) {
				used[hit] = n_used;
				which[n_used++] = hit;
			}
		}
	} else {
		for (size_t g = 0; g < ntg; g++) {
			used[g] = n_used;
			which[n_used++] = g;
		}
	}
	size_t n_items = b->items.n;
	s->n_columns = n_used + n_items;
	s->col = ky_xcalloc(s->n_columns + 1, sizeof(*s->col));
	for (size_t k = 0; k < n_used; k++)
		ky_survey_column_init(&s->col[k], k, b->gnames.str[which[k]]);
	for (size_t i = 0; i < n_items; i++)
		ky_survey_column_init(&s->col[n_used + i], n_used + i, b->items.str[i]);
	ky_survey_assign_ids(s);
	/* explicit item ids win; a derived id equal to one of them gets a suffix */
	for (size_t i = 0; i < n_items; i++) {
		if (!b->item_id[i])
			continue;
		for (size_t j = 0; j < i; j++)
			if (b->item_id[j] && !strcmp(b->item_id[j], b->item_id[i]))
				return ky_error_set(err, KY_ERR_PARSE, b->path, 0, 0,
						    "item id '%s' is given to two items", b->item_id[i]);
		free(s->col[n_used + i].id);
		s->col[n_used + i].id = ky_xstrdup(b->item_id[i]);
	}
	for (size_t j = 0; j < s->n_columns; j++) {
		if (j >= n_used && b->item_id[j - n_used])
			continue;
		for (size_t i = 0; i < n_items; i++)
			if (b->item_id[i] && !strcmp(s->col[j].id, b->item_id[i])) {
				struct ky_buf id = KY_BUF_INIT;
				ky_buf_addf(&id, "%s_%zu", s->col[j].id, j + 1);
				free(s->col[j].id);
				s->col[j].id = ky_buf_detach(&id, NULL);
				break;
			}
	}
	/* groupings and their slots */
	s->grouping = ky_xcalloc(n_used + 1, sizeof(*s->grouping));
	s->n_groupings = n_used;
	s->n_slots = 1;
	for (size_t k = 0; k < n_used; k++) {
		struct ky_grouping *gr = &s->grouping[k];
		struct ky_dict *src = &b->groups[which[k]];
		gr->column = k;
		gr->name = ky_xstrdup(s->col[k].header);
		gr->values = ky_xcalloc(1, sizeof(struct ky_dict));
		gr->n_groups = src->n;
		gr->slot_of = ky_xcalloc(src->n + 1, sizeof(size_t));
		gr->n_respondents = ky_xcalloc(src->n + 1, sizeof(uint64_t));
		for (size_t v = 0; v < src->n; v++) {
			ky_dict_intern(gr->values, src->str[v], src->len[v], NULL);
			gr->slot_of[v] = s->n_slots++;
		}
		s->col[k].type = KY_COL_GROUP;
	}
	/* counts: slot 0 from the all-respondents rows, or, for an item
	 * without them, from the first table grouping that has its rows */
	uint64_t *answered = ky_xcalloc(s->n_slots * (n_items + 1), sizeof(uint64_t));
	for (size_t i = 0; i < n_items; i++) {
		struct ky_column *c = &s->col[n_used + i];
		int has_all = 0;
		size_t base = (size_t)-1;
		for (size_t j = 0; j < b->n; j++)
			if (b->e[j].item == i) {
				if (b->e[j].grouping == (size_t)-1)
					has_all = 1;
				else if (base == (size_t)-1)
					base = b->e[j].grouping;
			}
		struct ky_dict *d = c->values;
		for (size_t j = 0; j < b->n; j++) {
			const struct entry *e = &b->e[j];
			if (e->item != i)
				continue;
			size_t slot = e->grouping == (size_t)-1 ? 0 : slot_of(s, used, e->grouping, e->group);
			int to_all = !has_all && e->grouping == base;
			size_t id = (size_t)-1;
			if (e->label && e->n) {
				int added;
				id = ky_dict_intern(d, e->label, strlen(e->label), &added);
				if (added) {
					c->first_line = ky_xrealloc(c->first_line,
								    d->n * sizeof(*c->first_line));
					c->first_line[id] = e->line;
				}
			}
			for (int pass = 0; pass < 2; pass++) {
				size_t sl = pass == 0 ? slot : (to_all ? 0 : (size_t)-1);
				if (sl == (size_t)-1)
					continue;
				if (!e->label)
					ky_survey_add_missing(c, sl, e->n);
				else if (id != (size_t)-1)
					ky_survey_add_count(c, sl, id, e->n);
				answered[i * s->n_slots + sl] += e->n;
			}
		}
	}
	/* respondents per slot: the most anyone answered (or left empty) */
	uint64_t *resp = ky_xcalloc(s->n_slots, sizeof(uint64_t));
	for (size_t i = 0; i < n_items; i++)
		for (size_t sl = 0; sl < s->n_slots; sl++)
			if (answered[i * s->n_slots + sl] > resp[sl])
				resp[sl] = answered[i * s->n_slots + sl];
	for (size_t k = 0; k < n_used; k++) {
		struct ky_grouping *gr = &s->grouping[k];
		uint64_t sum = 0;
		for (size_t v = 0; v < gr->n_groups; v++) {
			uint64_t n = resp[gr->slot_of[v]];
			gr->n_respondents[v] = n;
			sum += n;
		}
		if (sum > resp[0])   /* groups of different items: all is at least their sum */
			resp[0] = sum;
	}
	for (size_t k = 0; k < n_used; k++) {
		struct ky_grouping *gr = &s->grouping[k];
		struct ky_column *c = &s->col[k];
		uint64_t sum = 0;
		for (size_t v = 0; v < gr->n_groups; v++) {
			uint64_t n = gr->n_respondents[v];
			sum += n;
			size_t id = ky_dict_intern(c->values, gr->values ? ((struct ky_dict *)gr->values)->str[v]
						   : "", ((struct ky_dict *)gr->values)->len[v], NULL);
			c->first_line = ky_xrealloc(c->first_line, (id + 1) * sizeof(*c->first_line));
			c->first_line[id] = 1;
			if (n) {
				ky_survey_add_count(c, 0, id, n);
				ky_survey_add_count(c, gr->slot_of[v], id, n);
			}
		}
		gr->n_empty = resp[0] - sum;
		ky_survey_add_missing(c, 0, gr->n_empty);
	}
	for (size_t i = 0; i < s->n_columns; i++) {
		struct ky_column *c = &s->col[i];
		for (size_t sl = 0; sl < s->n_slots; sl++) {
			uint64_t a = i < n_used ? 0 : answered[(i - n_used) * s->n_slots + sl];
			ky_survey_add_missing(c, sl, 0);
			if (i >= n_used && resp[sl] > a)
				ky_survey_add_missing(c, sl, resp[sl] - a);
		}
	}
	s->n_respondents = resp[0];
	free(resp);
	free(answered);
	free(used);
	free(which);
	if (!s->n_respondents)
		return ky_error_set(err, KY_ERR_DATA, b->path, 1, 0,
				    "no answers: every count of the summary table is 0");
	return 0;
}

int ky_summary_read(struct ky_survey *s, struct ky_reader *r, int layout, size_t n_groups,
		    const char *const *groups, struct ky_error *err)
{
	struct table t = {0};
	int rc = read_rows(r, &t, MAX_ROWS, err);
	if (rc > 0)
		rc = ky_error_set(err, KY_ERR_LIMIT, s->path, 0, 0,
				  "a summary table of more than %d rows", MAX_ROWS);
	struct build b;
	memset(&b, 0, sizeof(b));
	b.s = s;
	b.path = s->path;
	ky_dict_init(&b.items);
	ky_dict_init(&b.gnames);
	s->summary = ky_summary_layout_name(layout);
	if (rc == 0) {
		switch (layout) {
		case KY_SUMMARY_LONG: rc = read_long(&b, &t, err); break;
		case KY_SUMMARY_WIDE: rc = read_wide(&b, &t, 0, err); break;
		case KY_SUMMARY_WIDE_GROUPED: rc = read_wide(&b, &t, 1, err); break;
		default: rc = read_report(&b, &t, err); break;
		}
	}
	if (rc == 0 && !b.items.n)
		rc = ky_error_set(err, KY_ERR_DATA, s->path, 1, 0,
				  "no answers: the summary table has a header but no counts");
	if (rc == 0)
		rc = check_entries(&b, err);
	if (rc == 0)
		rc = build_model(&b, n_groups, groups, err);
	if (rc == 0) {
		s->n_records = (unsigned long)(t.n ? t.n - 1 : 0);
		ky_survey_warn(s, "%s: a summary table (%s layout): frequencies, statistics and "
			       "group tests come from its counts; reliability, scale scores, "
			       "multi-select and ranking questions need respondent-level rows and "
			       "are not computed", s->path, s->summary);
	}
	for (size_t j = 0; j < b.n; j++)
		free(b.e[j].label);
	free(b.e);
	for (size_t i = 0; i < b.items.n; i++)
		free(b.item_id[i]);
	free(b.item_id);
	for (size_t g = 0; g < b.gnames.n; g++)
		ky_dict_release(&b.groups[g]);
	free(b.groups);
	ky_dict_release(&b.items);
	ky_dict_release(&b.gnames);
	table_release(&t);
	return rc < 0 ? -1 : 0;
}
