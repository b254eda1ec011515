/* test_weights.c - weighted runs against R's survey package.
 *
 * The export tests/data/weights.csv (made by `python3 tests/data/gen_weights.py
 * tests/data`: 90 respondents, a weight column Paino with one weight 0 and
 * one written with a decimal comma, three agreement items with
 * non-substantive and empty answers, groupings Alue and Rooli, margin
 * variables Ikäryhmä and Sukupuoli) is analysed three ways and compared
 * with the tables R wrote (survey 4.1):
 *   given       Rscript tests/ref/weights.R tests/data/weights.csv tests/ref/weights/given \
 *                       --weight Paino Alue Rooli
 *   raked       ... tests/ref/weights/raked --margins tests/data/weights_margins.csv Alue Rooli
 *   raked_base  ... tests/ref/weights/raked_base --margins tests/data/weights_margins.csv \
 *                       --weight Paino Alue Rooli
 *   rounds      Rscript tests/ref/weights_rounds.R tests/data/weights_r1.csv \
 *                       tests/data/weights_r2.csv R1 R2 Paino tests/ref/weights/rounds Rooli Alue
 * Every number must agree to 1e-8 relative (R's svyciprop point estimate
 * comes from glm's iterations and differs from the exact share by up to
 * 1e-8); empty cells must be empty in both.  Plus the formulas on a
 * hand-made weighted tally, and the errors for bad weights. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ky_compare.h"
#include "ky_def.h"
#include "ky_ingest.h"
#include "ky_report.h"
#include "ky_report_rounds.h"
#include "ky_stats.h"
#include "ky_survey.h"
#include "ky_table.h"
#include "ky_test.h"

#define TOL 1e-8

static const char *srcdir(void)
{
	const char *d = getenv("KY_SRCDIR");
	return d && *d ? d : ".";
}

static const char *const groups[] = { "Alue", "Rooli" };

/* The export with --weight Paino, or a definition (weights_rake*.ini). */
static struct ky_survey *read_weighted(const char *what)
{
	char path[1024];
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_survey_options o = { .n_groups = 2, .groups = groups, .min_n = 0 };
	struct ky_def *d = NULL;
	if (!strcmp(what, "given")) {
		snprintf(path, sizeof(path), "%s/tests/data/weights.csv", srcdir());
		o.weight = "Paino";
	} else {
		snprintf(path, sizeof(path), "%s/tests/data/%s.ini", srcdir(),
			 !strcmp(what, "raked") ? "weights_rake" : "weights_rake_base");
		d = ky_def_read(path, &err);
		if (!d)
			fail_msg("%s", err.msg);
		o.def = d;
		snprintf(path, sizeof(path), "%s", d->export_path);
	}
	struct ky_survey *s = ky_survey_read(path, &o, &err);
	if (!s)
		fail_msg("%s: %s", path, err.msg);
	ky_def_free(d);
	return s;
}

static void to_table(const struct ky_buf *b, struct table *t)
{
	char tmp[] = "/tmp/ky_w.XXXXXX";
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, b->buf, b->len), (ssize_t)b->len);
	close(fd);
	table_read(tmp, t);
	unlink(tmp);
}

/* Rows matched by KEYS; returns the numbers compared. */
static size_t compare(const struct table *ours, const struct table *ref, const char *const *keys,
		      size_t n_keys)
{
	return table_compare_keyed(ours, ref, keys, n_keys, TOL, 1);
}

static void check(const char *what)
{
	static const char *const names[] = { "descriptives.csv", "frequencies.csv",
					     "comparisons.csv" };
	static const char *const keys[][5] = {
		{ "item_text", "grouping", "group" },
		{ "item_text", "grouping", "group", "label" },
		{ "item_text", "grouping", "test", "group_a", "group_b" },
	};
	static const size_t n_keys[] = { 3, 4, 5 };
	void (*const writer[])(const struct ky_survey *, struct ky_buf *) = {
		ky_report_descriptives_csv, ky_report_frequencies_csv, ky_report_comparisons_csv,
	};
	struct ky_survey *s = read_weighted(what);
	size_t total = 0;
	for (int k = 0; k < 3; k++) {
		struct ky_buf b = KY_BUF_INIT;
		writer[k](s, &b);
		struct table ours, ref;
		to_table(&b, &ours);
		ky_buf_release(&b);
		char path[1024];
		snprintf(path, sizeof(path), "%s/tests/ref/weights/%s/%s", srcdir(), what, names[k]);
		table_read(path, &ref);
		size_t n = compare(&ours, &ref, keys[k], n_keys[k]);
		assert_true(n >= 200);      /* every table holds a couple of hundred numbers */
		total += n;
		table_free(&ours);
		table_free(&ref);
	}
	assert_true(total >= 800);
	ky_survey_free(s);
}

static void test_given(void **state) { (void)state; check("given"); }
static void test_raked(void **state) { (void)state; check("raked"); }
static void test_raked_base(void **state) { (void)state; check("raked_base"); }

/* Raking: the weights add up to the population and every margin is met.
 * R: weights(rake(...)) of tests/ref/weights.R: sum 130000, Kish deff
 * 1.163730356, n_eff 77.3375031 (raked); 1.44728734, 62.18530177 (raked_base). */
static void test_raking_summary(void **state)
{
	(void)state;
	struct ky_survey *s = read_weighted("raked");
	const struct ky_weighting *w = s->weighting;
	assert_non_null(w);
	assert_int_equal(w->n_margins, 2);
	assert_close(w->sum_w, 130000, 1e-12);
	double n = (double)s->n_respondents;
	assert_close(n * w->sum_w2 / (w->sum_w * w->sum_w), 1.163730356, 1e-9);
	assert_close(w->sum_w * w->sum_w / w->sum_w2, 77.3375031, 1e-9);
	assert_true(w->max_rel_diff < 1e-9);
	ky_survey_free(s);
	s = read_weighted("raked_base");
	w = s->weighting;
	n = (double)s->n_respondents;
	assert_close(n * w->sum_w2 / (w->sum_w * w->sum_w), 1.44728734, 1e-8);
	assert_close(w->sum_w * w->sum_w / w->sum_w2, 62.18530177, 1e-9);
	assert_int_equal(w->n_pos, 89);          /* one weight 0 stays 0 */
	assert_true(w->min_w == 0);
	ky_survey_free(s);
}

static void test_rounds(void **state)
{
	(void)state;
	struct ky_survey *s[2];
	struct ky_round rounds[2];
	const char *names[] = { "R1", "R2" };
	const char *g[] = { "Rooli", "Alue" };
	for (int k = 0; k < 2; k++) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/tests/data/weights_r%d.csv", srcdir(), k + 1);
		struct ky_error err;
		ky_error_clear(&err);
		struct ky_survey_options so = { .n_groups = 2, .groups = g, .weight = "Paino" };
		s[k] = ky_survey_read(path, &so, &err);
		if (!s[k])
			fail_msg("%s", err.msg);
		rounds[k] = (struct ky_round){ s[k], names[k] };
	}
	struct ky_rounds *r = ky_rounds_match(rounds, 2);
	struct ky_change *c;
	size_t n = ky_rounds_changes(r, &c);
	struct ky_buf csv = KY_BUF_INIT;
	ky_rounds_changes_csv(r, c, n, &csv);
	struct table ours, ref;
	to_table(&csv, &ours);
	char path[1024];
	snprintf(path, sizeof(path), "%s/tests/ref/weights/rounds/changes.csv", srcdir());
	table_read(path, &ref);
	static const char *const keys[] = { "item_text", "grouping", "group", "round_a", "round_b" };
	assert_true(compare(&ours, &ref, keys, 5) >= 250);
	table_free(&ours);
	table_free(&ref);
	ky_buf_release(&csv);
	free(c);
	ky_rounds_free(r);
	ky_survey_free(s[0]);
	ky_survey_free(s[1]);
}

/* A hand-made weighted tally: three codes 1, 2, 3 answered by respondents
 * with weights {1, 2} | {3} | {0.5, 0.5, 4}; N = 10 respondents in the
 * design (9 with w > 0).  R:
 *   d <- data.frame(x = c(1,1,2,3,3,3,NA,NA,NA,NA), w = c(1,2,3,.5,.5,4,1,1,1,0))
 *   des <- svydesign(ids = ~1, weights = ~w, data = d)
 *   svymean(~x, des, na.rm = TRUE)            # 2.1818181818181817, SE 0.41022789564284939
 *   sqrt(svyvar(~x, subset(des, !is.na(x))))  # 0.91272002894626425
 *   svyquantile(~x, subset(des, !is.na(x)), c(.25, .5, .75))   # 1, 2, 3 */
static void test_formulas(void **state)
{
	(void)state;
	struct ky_tally t;
	ky_tally_init_weighted(&t, 3);
	const uint64_t cnt[] = { 2, 1, 3 };
	const double ws[] = { 3, 3, 5 }, ws2[] = { 5, 9, 16.5 };
	for (int k = 0; k < 3; k++) {
		t.count[k] = cnt[k];
		t.wsum[k] = ws[k];
		t.wsum2[k] = ws2[k];
		t.npos[k] = cnt[k];
	}
	t.n_design = 10;
	t.n_design_pos = 9;
	const double v[] = { 1, 2, 3 };
	struct ky_describe d;
	ky_stats_describe(&t, v, 1, &d);
	assert_close(d.mean, 2.1818181818181817, 1e-14);
	assert_close(d.mean_se, 0.41022789564284939, 1e-13);
	assert_close(d.sd, 0.91272002894626425, 1e-13);
	assert_close(d.q1, 1, 0);
	assert_close(d.median, 2, 0);
	assert_close(d.q3, 3, 0);
	assert_close(d.weighted_n, 11, 0);
	assert_close(d.n_eff, 121 / 30.5, 1e-14);
	assert_int_equal(d.n_valid, 6);
	ky_tally_release(&t);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Bad weights name the file, line and column. */
static void test_bad_weights(void **state)
{
	(void)state;
	static const struct { const char *csv, *msg; unsigned long line; } cases[] = {
		{ "a;w\nKyllä;1\nEi;-2\n", "negative", 3 },
		{ "a;w\nKyllä;1\nEi;paljon\n", "not a number", 3 },
		{ "a;w\nKyllä;\nEi;1\n", "no weight", 2 },
		{ "a;w\nKyllä;0\nEi;0\n", "every weight in column 'w' is 0", 0 },
	};
	char tmp[] = "/tmp/ky_wbad.XXXXXX";
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	close(fd);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		write_file(tmp, cases[i].csv);
		struct ky_error err;
		ky_error_clear(&err);
		struct ky_survey_options o = { .weight = "w" };
		struct ky_survey *s = ky_survey_read(tmp, &o, &err);
		assert_null(s);
		if (!strstr(err.msg, cases[i].msg))
			fail_msg("case %zu: '%s'", i, err.msg);
		assert_int_equal(err.line, cases[i].line);
		if (cases[i].line)
			assert_int_equal(err.column, 2);
	}
	unlink(tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formulas),
		cmocka_unit_test(test_given),
		cmocka_unit_test(test_raked),
		cmocka_unit_test(test_raked_base),
		cmocka_unit_test(test_raking_summary),
		cmocka_unit_test(test_rounds),
		cmocka_unit_test(test_bad_weights),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
