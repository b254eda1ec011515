/* test_stats.c - statistics from count tables against base R on the expanded
 * answers.  Every expected number is in tests/ref/stats.out, made by
 *   Rscript tests/ref/stats.R > tests/ref/stats.out
 * (mean, sd, quantile(type = 7), t.test()$conf.int,
 * prop.test(correct = FALSE)$conf.int; see the header of stats.R).
 * Also: tallies merge by addition, and a split tally gives the statistics of
 * the whole. */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ky_compare.h"
#include "ky_stats.h"
#include "ky_tally.h"
#include "ky_test.h"

#define TOL 1e-12
#define MAX_K 16

struct ref_case {
	char tag, name[64];
	size_t k;
	double value[MAX_K];
	uint64_t count[MAX_K];
};

static double num(const char *s)
{
	return !strcmp(s, "NA") ? NAN : strtod(s, NULL);
}

/* Parses "TAG name k values counts" and leaves the rest in *REST. */
static int parse_case(char *line, struct ref_case *c, char **rest)
{
	char *save = NULL, *tok = strtok_r(line, " \n", &save);
	if (!tok)
		return 0;
	c->tag = tok[0];
	snprintf(c->name, sizeof(c->name), "%s", strtok_r(NULL, " \n", &save));
	c->k = strtoul(strtok_r(NULL, " \n", &save), NULL, 10);
	assert_true(c->k >= 1 && c->k <= MAX_K);
	for (size_t i = 0; i < c->k; i++)
		c->value[i] = num(strtok_r(NULL, " \n", &save));
	for (size_t i = 0; i < c->k; i++)
		c->count[i] = strtoull(strtok_r(NULL, " \n", &save), NULL, 10);
	*rest = save;
	return 1;
}

static void to_tally(const struct ref_case *c, struct ky_tally *t)
{
	ky_tally_init(t, c->k);
	memcpy(t->count, c->count, c->k * sizeof(uint64_t));
}

static FILE *open_ref(void)
{
	char path[1024];
	const char *d = getenv("KY_SRCDIR");
	snprintf(path, sizeof(path), "%s/tests/ref/stats.out", d ? d : ".");
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	return f;
}

static void test_describe_matches_r(void **state)
{
	(void)state;
	FILE *f = open_ref();
	char line[4096];
	int n_desc = 0, n_quant = 0, n_t = 0;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] != 'D' && line[0] != 'Q' && line[0] != 'T')
			continue;
		struct ref_case c;
		char *rest = NULL, *save = NULL;
		assert_true(parse_case(line, &c, &rest));
		struct ky_tally t;
		to_tally(&c, &t);
		double e[16];
		size_t ne = 0;
		for (char *tok = strtok_r(rest, " \n", &save); tok && ne < 16;
		     tok = strtok_r(NULL, " \n", &save))
			e[ne++] = num(tok);
		if (c.tag == 'D') {
			assert_int_equal(ne, 11);
			struct ky_describe d;
			ky_stats_describe(&t, c.value, 1, &d);
			print_message("  %s: n=%.0f\n", c.name, e[0]);
			assert_int_equal(d.n_valid, (uint64_t)e[0]);
			double got[] = { d.mean, d.sd, d.median, d.q1, d.q3, d.mean_ci_low,
					 d.mean_ci_high, d.top2_pct, d.top2_ci_low, d.top2_ci_high };
			for (size_t i = 0; i < 10; i++)
				assert_close(got[i], e[i + 1], TOL);
			if (d.n_valid == 0)
				assert_int_equal(d.undef, KY_UNDEF_EMPTY);
			else if (d.n_valid == 1)
				assert_int_equal(d.undef_sd, KY_UNDEF_N1);
			n_desc++;
		} else if (c.tag == 'Q') {
			assert_int_equal(ne, 2);
			assert_close(ky_stats_quantile7(&t, c.value, e[0]), e[1], TOL);
			n_quant++;
		} else {
			assert_int_equal(ne, 3);
			double m = ky_stats_mean(&t, c.value), s = ky_stats_sd(&t, c.value), lo, hi;
			ky_stats_mean_ci(m, s, ky_tally_n(&t), e[0], &lo, &hi);
			assert_close(lo, e[1], TOL);
			assert_close(hi, e[2], TOL);
			n_t++;
		}
		ky_tally_release(&t);
	}
	fclose(f);
	/* the reference file really was read */
	assert_int_equal(n_desc, 12);
	assert_true(n_quant >= 80);
	assert_true(n_t >= 18);
}

static void test_wilson_matches_r(void **state)
{
	(void)state;
	FILE *f = open_ref();
	char line[512];
	int n = 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long x, nn;
		double conf, elo, ehi, lo, hi;
		if (sscanf(line, "W %llu %llu %lf %lf %lf", &x, &nn, &conf, &elo, &ehi) != 5)
			continue;
		ky_stats_wilson(x, nn, conf, &lo, &hi);
		assert_close(lo, elo, TOL);
		assert_close(hi, ehi, TOL);
		n++;
	}
	fclose(f);
	assert_int_equal(n, 27);
	double lo, hi;
	ky_stats_wilson(0, 0, 0.95, &lo, &hi);
	assert_true(isnan(lo) && isnan(hi));
}

static void test_p_adjust_matches_r(void **state)
{
	(void)state;
	FILE *f = open_ref();
	char line[1024];
	int cases = 0;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] != 'P')
			continue;
		char *save = NULL;
		strtok_r(line, " \n", &save);
		size_t n = strtoul(strtok_r(NULL, " \n", &save), NULL, 10);
		double v[3][8], holm[8], bh[8];
		assert_true(n <= 8);
		for (int k = 0; k < 3; k++)
			for (size_t i = 0; i < n; i++)
				v[k][i] = num(strtok_r(NULL, " \n", &save));
		ky_p_adjust(v[0], n, holm, bh);
		for (size_t i = 0; i < n; i++) {
			assert_close(holm[i], v[1][i], TOL);
			assert_close(bh[i], v[2][i], TOL);
		}
		cases++;
	}
	fclose(f);
	assert_int_equal(cases, 5);
}

/* Tallies merge by addition: two halves give the statistics of the whole. */
static void test_merge(void **state)
{
	(void)state;
	const double value[] = { 1, 2, 3, 4, 5 };
	const uint64_t a[] = { 5, 9, 14, 12, 3 }, b[] = { 6, 11, 14, 11, 7 };
	struct ky_tally ta, tb, whole;
	ky_tally_init(&ta, 5);
	ky_tally_init(&tb, 5);
	ky_tally_init(&whole, 5);
	for (size_t k = 0; k < 5; k++) {
		ta.count[k] = a[k];
		tb.count[k] = b[k];
		whole.count[k] = a[k] + b[k];
	}
	ta.n_missing = 2;
	tb.n_missing = 1;
	tb.n_nonsubstantive = 4;
	ky_tally_merge(&ta, &tb);
	assert_int_equal(ta.n_missing, 3);
	assert_int_equal(ta.n_nonsubstantive, 4);
	assert_memory_equal(ta.count, whole.count, 5 * sizeof(uint64_t));
	struct ky_describe d1, d2;
	ky_stats_describe(&ta, value, 1, &d1);
	ky_stats_describe(&whole, value, 1, &d2);
	assert_int_equal(d1.n_valid, 92);
	/* the counts equal the sample_item case: R gives mean 3.0108695652173911 */
	assert_close(d1.mean, 3.0108695652173911, TOL);
	assert_close(d1.mean, d2.mean, 0);
	assert_close(d1.sd, d2.sd, 0);
	ky_tally_release(&ta);
	ky_tally_release(&tb);
	ky_tally_release(&whole);
}

/* Categorical columns give counts only. */
static void test_not_ordinal(void **state)
{
	(void)state;
	const double value[] = { 1, 2, 3 };
	struct ky_tally t;
	ky_tally_init(&t, 3);
	t.count[0] = 4;
	t.count[2] = 6;
	struct ky_describe d;
	ky_stats_describe(&t, value, 0, &d);
	assert_int_equal(d.n_valid, 10);
	assert_true(isnan(d.mean) && isnan(d.median) && isnan(d.top2_pct));
	assert_int_equal(d.undef, KY_UNDEF_NOT_ORDINAL);
	ky_tally_release(&t);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_describe_matches_r),
		cmocka_unit_test(test_wilson_matches_r),
		cmocka_unit_test(test_p_adjust_matches_r),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_not_ordinal),
	};
	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
