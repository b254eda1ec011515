/* ky_table.h - a CSV table read whole (header + rows) through kysely's own
 * reader, for the tests that compare tables with R's. */
#ifndef KY_TABLE_H
#define KY_TABLE_H

#include <stdlib.h>
#include <string.h>

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

#endif
