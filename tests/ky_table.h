/* ky_table.h - files read whole through kysely's own reader: a CSV table
 * (header + rows) for the tests that compare tables with R's, and any
 * export's records as text for the reader tests. */
#ifndef KY_TABLE_H
#define KY_TABLE_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "ky_buf.h"
#include "ky_ingest.h"
#include "ky_test.h"

struct table {
	size_t n_cols, n_rows;
	char **head;
	char ***cell;
};

static inline void table_free(struct table *t)
{
	for (size_t r = 0; r < t->n_rows; r++) {
		for (size_t c = 0; c < t->n_cols; c++)
			free(t->cell[r][c]);
		free(t->cell[r]);
	}
	for (size_t c = 0; c < t->n_cols; c++)
		free(t->head[c]);
	free(t->cell);
	free(t->head);
}

static inline void table_read(const char *path, struct table *t)
{
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_reader_options o = { .delimiter = ',' };
	struct ky_reader *r = ky_reader_open(path, &o, &err);
	if (!r)
		fail_msg("%s: %s", path, err.msg);
	struct ky_record rec;
	memset(t, 0, sizeof(*t));
	int rc;
	while ((rc = ky_reader_next(r, &rec, &err)) > 0) {
		char **row = calloc(rec.n_fields, sizeof(char *));
		for (size_t i = 0; i < rec.n_fields; i++)
			row[i] = strdup(rec.field[i]);
		if (!t->head) {
			t->head = row;
			t->n_cols = rec.n_fields;
			continue;
		}
		assert_true(rec.n_fields >= t->n_cols);
		t->cell = realloc(t->cell, (t->n_rows + 1) * sizeof(*t->cell));
		t->cell[t->n_rows++] = row;
	}
	if (rc < 0)
		fail_msg("%s: %s", path, err.msg);
	ky_reader_free(r);
}

static inline int col_index(const struct table *t, const char *name)
{
	for (size_t c = 0; c < t->n_cols; c++)
		if (!strcmp(t->head[c], name))
			return (int)c;
	return -1;
}

/* Every row of REF (R's table) against the row of OURS with the same
 * N_KEYS key columns (at most 5): each of REF's columns must exist in OURS,
 * numbers equal within TOL (relative to the expected value, or to 1 when
 * that is smaller, as assert_close; STRICT: relative only), other texts
 * equal, an empty or NA cell of R's empty in ours.  Fails the test at the
 * first difference; returns how many numbers were compared. */
static inline size_t table_compare_keyed(const struct table *ours, const struct table *ref,
					 const char *const *keys, size_t n_keys, double tol,
					 int strict)
{
	int ko[5], kr[5];
	for (size_t k = 0; k < n_keys; k++) {
		ko[k] = col_index(ours, keys[k]);
		kr[k] = col_index(ref, keys[k]);
		assert_true(ko[k] >= 0 && kr[k] >= 0);
	}
	size_t compared = 0;
	for (size_t r = 0; r < ref->n_rows; r++) {
		size_t m = 0;
		for (; m < ours->n_rows; m++) {
			size_t k = 0;
			while (k < n_keys && !strcmp(ours->cell[m][ko[k]], ref->cell[r][kr[k]]))
				k++;
			if (k == n_keys)
				break;
		}
		if (m == ours->n_rows)
			fail_msg("R row %zu (%s | %s | %s) has no kysely row", r + 2,
				 ref->cell[r][kr[0]], n_keys > 1 ? ref->cell[r][kr[1]] : "",
				 n_keys > 2 ? ref->cell[r][kr[2]] : "");
		for (size_t c = 0; c < ref->n_cols; c++) {
			int oc = col_index(ours, ref->head[c]);
			if (oc < 0)
				fail_msg("kysely has no column '%s'", ref->head[c]);
			const char *a = ours->cell[m][oc], *e = ref->cell[r][c];
			if (!*e || !*a || !strcmp(e, "NA")) {
				if (strcmp(a, !strcmp(e, "NA") ? "" : e))
					fail_msg("row %zu column %s: kysely '%s', R '%s'", r + 2,
						 ref->head[c], a, e);
				continue;
			}
			char *end_a, *end_e;
			double x = strtod(a, &end_a), y = strtod(e, &end_e);
			if (*end_a || *end_e) {
				if (strcmp(a, e))
					fail_msg("row %zu column %s: kysely '%s', R '%s'", r + 2,
						 ref->head[c], a, e);
				continue;
			}
			if (strict && !(fabs(x - y) <= tol * fabs(y)) && !(x == y))
				fail_msg("row %zu column %s: kysely %.17g, R %.17g", r + 2,
					 ref->head[c], x, y);
			if (!strict)
				assert_close(x, y, tol);
			compared++;
		}
	}
	return compared;
}

/* Every record of PATH as "line:f1|f2|...\n", checking record numbers and
 * field lengths, or NULL with ERR set.  The reader must report FORMAT; INFO
 * (ky_reader_sheet, ky_reader_encoding, ...) is copied into OUT.  PATH is
 * removed afterwards. */
static inline char *ky_test_records(const char *path, const struct ky_reader_options *o,
				    const char *format,
				    const char *(*info)(const struct ky_reader *), char *out,
				    size_t out_n, struct ky_error *err)
{
	ky_error_clear(err);
	out[0] = '\0';
	struct ky_reader *r = ky_reader_open(path, o, err);
	if (!r) {
		unlink(path);
		return NULL;
	}
	assert_string_equal(ky_reader_format(r), format);
	snprintf(out, out_n, "%s", info(r) ? info(r) : "");
	struct ky_buf b = KY_BUF_INIT;
	struct ky_record rec;
	unsigned long number = 0;
	int rc;
	while ((rc = ky_reader_next(r, &rec, err)) > 0) {
		assert_int_equal(rec.number, ++number);
		ky_buf_addf(&b, "%lu:", rec.line);
		for (size_t i = 0; i < rec.n_fields; i++) {
			assert_int_equal(strlen(rec.field[i]), rec.len[i]);
			ky_buf_addf(&b, "%s%s", i ? "|" : "", rec.field[i]);
		}
		ky_buf_addch(&b, '\n');
	}
	ky_reader_free(r);
	unlink(path);
	if (rc < 0) {
		ky_buf_release(&b);
		return NULL;
	}
	ky_buf_addch(&b, '\0');
	return b.buf;
}

#endif
