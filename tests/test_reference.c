/* test_reference.c - kysely's tables on the bundled sample survey against an
 * independent computation in R.  The reference files were made by
 *   Rscript tests/ref/describe.R surveys/asukas-henkilosto-2024.csv tests/ref/sample \
 *           Vastaajaryhmä Palvelualue
 * (see tests/ref/README.md).  Rows are matched by item text, grouping, group
 * (and label for frequencies); every number must agree to 1e-9 relative and
 * every empty cell must be empty in both. */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ky_ingest.h"
#include "ky_report.h"
#include "ky_survey.h"
#include "ky_test.h"

struct table {
	size_t n_cols, n_rows;
	char **head;
	char ***cell;
};

static void table_free(struct table *t)
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

static void table_read(const char *path, struct table *t)
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

static int col_index(const struct table *t, const char *name)
{
	for (size_t c = 0; c < t->n_cols; c++)
		if (!strcmp(t->head[c], name))
			return (int)c;
	return -1;
}

static const char *srcdir(void)
{
	const char *d = getenv("KY_SRCDIR");
	return d ? d : ".";
}

/* Writes kysely's table for the sample to a temp file and reads it back. */
static void kysely_table(int which, struct table *t)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/surveys/asukas-henkilosto-2024.csv", srcdir());
	const char *groups[] = { "Vastaajaryhmä", "Palvelualue" };
	struct ky_survey_options o = { .n_groups = 2, .groups = groups };
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_survey *s = ky_survey_read(path, &o, &err);
	if (!s)
		fail_msg("sample: %s", err.msg);
	struct ky_buf b = KY_BUF_INIT;
	if (which)
		ky_report_frequencies_csv(s, &b);
	else
		ky_report_descriptives_csv(s, &b);
	char tmp[] = "/tmp/ky_ref.XXXXXX";
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, b.buf, b.len), (ssize_t)b.len);
	close(fd);
	table_read(tmp, t);
	unlink(tmp);
	ky_buf_release(&b);
	ky_survey_free(s);
}

static void compare(const struct table *ours, const struct table *ref, const char *const *keys,
		    size_t n_keys)
{
	int key_ours[4], key_ref[4];
	for (size_t k = 0; k < n_keys; k++) {
		key_ours[k] = col_index(ours, keys[k]);
		key_ref[k] = col_index(ref, keys[k]);
		assert_true(key_ours[k] >= 0 && key_ref[k] >= 0);
	}
	size_t compared = 0;
	for (size_t r = 0; r < ref->n_rows; r++) {
		size_t m = 0;
		for (; m < ours->n_rows; m++) {
			size_t k = 0;
			while (k < n_keys && !strcmp(ours->cell[m][key_ours[k]], ref->cell[r][key_ref[k]]))
				k++;
			if (k == n_keys)
				break;
		}
		if (m == ours->n_rows)
			fail_msg("R row %zu (%s | %s | %s) has no kysely row", r + 2,
				 ref->cell[r][key_ref[0]], ref->cell[r][key_ref[1]],
				 ref->cell[r][key_ref[2]]);
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
			} else {
				assert_close(x, y, 1e-9);
				compared++;
			}
		}
	}
	assert_true(compared > 100);
	/* every kysely row of a scale item is in R's table too */
	int type = col_index(ours, "type"), kind = col_index(ours, "kind");
	assert_true(type >= 0 || kind >= 0);
	size_t scale_rows = 0;
	for (size_t m = 0; m < ours->n_rows; m++)
		scale_rows += type >= 0 ? !strcmp(ours->cell[m][type], "scale")
					: strcmp(ours->cell[m][kind], "category") != 0;
	assert_int_equal(scale_rows, ref->n_rows);
}

static void test_descriptives_match_r(void **state)
{
	(void)state;
	struct table ours, ref;
	char path[1024];
	snprintf(path, sizeof(path), "%s/tests/ref/sample/descriptives.csv", srcdir());
	kysely_table(0, &ours);
	table_read(path, &ref);
	static const char *const keys[] = { "item_text", "grouping", "group" };
	compare(&ours, &ref, keys, 3);
	table_free(&ours);
	table_free(&ref);
}

static void test_frequencies_match_r(void **state)
{
	(void)state;
	struct table ours, ref;
	char path[1024];
	snprintf(path, sizeof(path), "%s/tests/ref/sample/frequencies.csv", srcdir());
	kysely_table(1, &ours);
	table_read(path, &ref);
	static const char *const keys[] = { "item_text", "grouping", "group", "label" };
	compare(&ours, &ref, keys, 4);
	table_free(&ours);
	table_free(&ref);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_descriptives_match_r),
		cmocka_unit_test(test_frequencies_match_r),
	};
	return cmocka_run_group_tests_name("reference", tests, NULL, NULL);
}
