/* test_reference.c - kysely's tables against an independent computation in
 * base R, on the bundled sample and on tests/data/groups_edge.csv.  The
 * reference files are made by `make refs`:
 *   Rscript tests/ref/describe.R surveys/asukas-henkilosto-2024.csv tests/ref/sample \
 *           Vastaajaryhmä Palvelualue
 *   Rscript tests/ref/groups.R   (same arguments)
 *   Rscript tests/ref/describe.R tests/data/groups_edge.csv tests/ref/edge Yksikkö Rooli Kaikki
 *   Rscript tests/ref/groups.R   (same arguments)
 * (see tests/ref/README.md).  Rows are matched by their keys; every number
 * must agree to 1e-9 relative and every empty cell must be empty in both. */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ky_ingest.h"
#include "ky_report.h"
#include "ky_survey.h"
#include "ky_table.h"
#include "ky_test.h"

static const char *srcdir(void)
{
	const char *d = getenv("KY_SRCDIR");
	return d ? d : ".";
}

struct dataset {
	const char *csv, *refdir;
	size_t n_groups;
	const char *groups[3];
	size_t n_reverse;
	const char *reverse[2];
};

/* The bundled sample; and a small file of edge cases for the group tests:
 * a group with one answer, a group with no answers, an item everyone
 * answered alike, an item with two answers only (Fisher), a grouping with
 * one group. */
static const struct dataset sample = { "surveys/asukas-henkilosto-2024.csv", "tests/ref/sample",
				       2, { "Vastaajaryhmä", "Palvelualue" } };
static const struct dataset edge = { "tests/data/groups_edge.csv", "tests/ref/edge",
				     3, { "Yksikkö", "Rooli", "Kaikki" }, 0, { 0 } };
/* The question types of tests/ref/types.R: the sample with its reversed
 * statement; and a Forms-shaped export (joined multi-select and ranking,
 * statements without a stem, an item nobody varies on, four groups, one of
 * two people). */
static const char sample_reversed[] =
	"Mitä mieltä olet seuraavista väittämistä?:Asiointi on muuttunut hankalammaksi";
static const struct dataset sample_types = { "surveys/asukas-henkilosto-2024.csv",
					     "tests/ref/sample_types", 2,
					     { "Vastaajaryhmä", "Palvelualue" }, 1,
					     { sample_reversed } };
static const struct dataset forms = { "tests/data/forms_export.csv", "tests/ref/forms", 1,
				      { "Unit" }, 1, { "Waiting times have grown longer" } };

enum table_kind { DESCRIPTIVES, FREQUENCIES, COMPARISONS, RELIABILITY, SCALES, MULTISELECT,
		  RANKING, NPS };
static const char *const table_file[] = { "descriptives.csv", "frequencies.csv",
					  "comparisons.csv", "reliability.csv", "scales.csv",
					  "multiselect.csv", "ranking.csv", "nps.csv" };
static void (*const writer[])(const struct ky_survey *, struct ky_buf *) = {
	ky_report_descriptives_csv, ky_report_frequencies_csv, ky_report_comparisons_csv,
	ky_report_reliability_csv, ky_report_scales_csv, ky_report_multiselect_csv,
	ky_report_ranking_csv, ky_report_nps_csv,
};

/* Writes kysely's table for a dataset to a temp file and reads it back. */
static void kysely_table(const struct dataset *ds, enum table_kind which, struct table *t)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", srcdir(), ds->csv);
	struct ky_survey_options o = { .n_groups = ds->n_groups, .groups = ds->groups,
				       .n_reverse = ds->n_reverse, .reverse = ds->reverse };
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_survey *s = ky_survey_read(path, &o, &err);
	if (!s)
		fail_msg("%s: %s", ds->csv, err.msg);
	struct ky_buf b = KY_BUF_INIT;
	writer[which](s, &b);
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
		    size_t n_keys, size_t min_numbers)
{
	size_t compared = table_compare_keyed(ours, ref, keys, n_keys, 1e-9, 0);
	assert_true(compared >= min_numbers);
	/* every kysely row of an item R knows is in R's table too */
	int text = col_index(ours, keys[0]), rtext = col_index(ref, keys[0]);
	size_t known_rows = 0;
	for (size_t m = 0; m < ours->n_rows; m++) {
		size_t r = 0;
		while (r < ref->n_rows && strcmp(ref->cell[r][rtext], ours->cell[m][text]))
			r++;
		known_rows += r < ref->n_rows;
	}
	assert_int_equal(known_rows, ref->n_rows);
}

static void check(const struct dataset *ds, enum table_kind which, size_t min_numbers)
{
	static const char *const keys[][5] = {
		{ "item_text", "grouping", "group" },
		{ "item_text", "grouping", "group", "label" },
		{ "item_text", "grouping", "test", "group_a", "group_b" },
		{ "item_text", "item_id" },
		{ "block_text", "grouping", "group" },
		{ "question_text", "grouping", "group", "option" },
		{ "question_text", "grouping", "group", "option" },
		{ "item_text", "grouping", "group" },
	};
	static const size_t n_keys[] = { 3, 4, 5, 2, 3, 4, 4, 3 };
	struct table ours, ref;
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s/%s", srcdir(), ds->refdir, table_file[which]);
	kysely_table(ds, which, &ours);
	table_read(path, &ref);
	compare(&ours, &ref, keys[which], n_keys[which], min_numbers);
	table_free(&ours);
	table_free(&ref);
}

static void test_sample_descriptives(void **state) { (void)state; check(&sample, DESCRIPTIVES, 100); }
static void test_sample_frequencies(void **state) { (void)state; check(&sample, FREQUENCIES, 100); }
static void test_sample_comparisons(void **state) { (void)state; check(&sample, COMPARISONS, 100); }
static void test_edge_descriptives(void **state) { (void)state; check(&edge, DESCRIPTIVES, 100); }
static void test_edge_frequencies(void **state) { (void)state; check(&edge, FREQUENCIES, 100); }
static void test_edge_comparisons(void **state) { (void)state; check(&edge, COMPARISONS, 100); }

/* reliability, scale scores (described and compared), multi-select,
 * ranking and NPS on both datasets of tests/ref/types.R */
static void test_types(void **state)
{
	(void)state;
	const struct dataset *ds[] = { &sample_types, &forms };
	for (size_t i = 0; i < 2; i++) {
		check(ds[i], RELIABILITY, 20);
		check(ds[i], SCALES, 20);
		check(ds[i], COMPARISONS, 20);
		check(ds[i], MULTISELECT, 50);
		check(ds[i], RANKING, 50);
		check(ds[i], NPS, 20);
	}
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_descriptives),
		cmocka_unit_test(test_sample_frequencies),
		cmocka_unit_test(test_sample_comparisons),
		cmocka_unit_test(test_edge_descriptives),
		cmocka_unit_test(test_edge_frequencies),
		cmocka_unit_test(test_edge_comparisons),
		cmocka_unit_test(test_types),
	};
	return cmocka_run_group_tests_name("reference", tests, NULL, NULL);
}
