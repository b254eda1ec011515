/* test_anonymity.c - groups with fewer than min_n answers are hidden in
 * every table and test, and so is the smallest other group when subtracting
 * the shown groups from all respondents would reveal a hidden one. */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ky_buf.h"
#include "ky_report.h"
#include "ky_survey.h"
#include "ky_test.h"

static const char *const A[] = { "Täysin eri mieltä", "Jokseenkin eri mieltä",
				 "Ei samaa eikä eri mieltä", "Jokseenkin samaa mieltä",
				 "Täysin samaa mieltä" };

/* A survey of one agreement item: group NAMES[i] has SIZES[i] respondents,
 * of whom DONT_KNOW[i] answer "En osaa sanoa"; answers cycle over the
 * scale.  NO_GROUP respondents leave the group empty. */
static struct ky_survey *survey(const char *const *names, const int *sizes, const int *dont_know,
				size_t n, int no_group, unsigned min_n)
{
	struct ky_buf csv = KY_BUF_INIT;
	ky_buf_adds(&csv, "Yksikkö;Kysymys:Väite\n");
	int k = 0;
	for (size_t i = 0; i <= n; i++) {
		int m = i < n ? sizes[i] : no_group;
		for (int j = 0; j < m; j++) {
			const char *answer = i < n && j < dont_know[i] ? "En osaa sanoa" : A[k++ % 5];
			ky_buf_addf(&csv, "%s;%s\n", i < n ? names[i] : "", answer);
		}
	}
	char path[] = "/tmp/ky_anon.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, csv.buf, csv.len), (ssize_t)csv.len);
	close(fd);
	ky_buf_release(&csv);
	const char *groups[] = { "Yksikkö" };
	struct ky_survey_options o = { .n_groups = 1, .groups = groups, .min_n = min_n };
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_survey *s = ky_survey_read(path, &o, &err);
	unlink(path);
	if (!s)
		fail_msg("%s", err.msg);
	return s;
}

static const struct ky_column *item(const struct ky_survey *s)
{
	for (size_t i = 0; i < s->n_columns; i++)
		if (s->col[i].type == KY_COL_SCALE)
			return &s->col[i];
	fail_msg("no scale item");
	return NULL;
}

/* Whether group NAME is hidden. */
static int hidden(const struct ky_survey *s, const char *name)
{
	const struct ky_grouping *gr = &s->grouping[0];
	for (size_t v = 0; v < gr->n_groups; v++)
		if (!strcmp(ky_survey_group_name(s, 0, v), name))
			return ky_survey_suppressed(item(s), ky_survey_slot(s, 0, v));
	fail_msg("no group %s", name);
	return -1;
}

static void test_small_groups_and_subtraction(void **state)
{
	(void)state;
	static const char *const names[] = { "A", "B", "C", "D", "E" };
	static const int sizes[] = { 10, 7, 5, 1, 2 }, dk[] = { 0, 0, 0, 0, 0 };
	struct ky_survey *s = survey(names, sizes, dk, 5, 1, 5);
	/* D (1) and E (2) are small; with the one respondent without a group they
	 * make 4 < 5, so C, the smallest shown group, is hidden too */
	assert_false(hidden(s, "A"));
	assert_false(hidden(s, "B"));
	assert_true(hidden(s, "C"));
	assert_true(hidden(s, "D"));
	assert_true(hidden(s, "E"));
	assert_false(ky_survey_suppressed(item(s), 0));

	/* descriptives: hidden rows keep their keys, lose every number */
	struct ky_buf b = KY_BUF_INIT;
	ky_report_descriptives_csv(s, &b);
	ky_buf_addch(&b, '\0');
	assert_non_null(strstr(b.buf, ",Yksikkö,D,,,,,,,,,,,,,,scale,agreement-5-fi,\"suppressed for anonymity: fewer than 5 answers, or hidden"));
	assert_non_null(strstr(b.buf, ",Yksikkö,A,10,0,0,"));
	assert_non_null(strstr(b.buf, ",*,*,26,0,0,"));

	/* comparisons: pairs with a hidden group have no numbers, not even n;
	 * Kruskal-Wallis and chi-square run on A and B only */
	ky_buf_reset(&b);
	ky_report_comparisons_csv(s, &b);
	ky_buf_addch(&b, '\0');
	assert_non_null(strstr(b.buf, ",mann_whitney,A,D,,,,,,,,,rank_biserial,a group is suppressed"));
	assert_non_null(strstr(b.buf, ",mann_whitney,A,B,10,7,"));
	assert_non_null(strstr(b.buf, ",kruskal_wallis,,,17,,,,,,,,epsilon_squared,fewer than 3"));
	assert_non_null(strstr(b.buf, ",chi_square,,,17,,"));
	assert_null(strstr(b.buf, ",A,C,10,"));
	ky_buf_release(&b);
	ky_survey_free(s);
}

/* "En osaa sanoa" counts as an answer, but valid answers are checked too: C
 * has 6 answers, 4 of them valid, so it is hidden, and B must follow. */
static void test_valid_answers_count_too(void **state)
{
	(void)state;
	static const char *const names[] = { "A", "B", "C" };
	static const int sizes[] = { 10, 8, 6 }, dk[] = { 0, 0, 2 };
	struct ky_survey *s = survey(names, sizes, dk, 3, 0, 5);
	assert_false(hidden(s, "A"));
	assert_true(hidden(s, "B"));
	assert_true(hidden(s, "C"));
	ky_survey_free(s);
}

static void test_nothing_hidden_when_big_enough_or_off(void **state)
{
	(void)state;
	static const char *const names[] = { "A", "B" };
	static const int sizes[] = { 5, 9 }, dk[] = { 0, 0 };
	struct ky_survey *s = survey(names, sizes, dk, 2, 0, 5);
	assert_false(hidden(s, "A"));
	assert_false(hidden(s, "B"));
	ky_survey_free(s);
	static const int tiny[] = { 1, 9 };
	s = survey(names, tiny, dk, 2, 0, 0);
	assert_false(hidden(s, "A"));
	assert_int_equal(s->min_n, 0);
	ky_survey_free(s);
}

static void test_everything_hidden_when_all_are_few(void **state)
{
	(void)state;
	static const char *const names[] = { "A", "B" };
	static const int sizes[] = { 2, 2 }, dk[] = { 0, 0 };
	struct ky_survey *s = survey(names, sizes, dk, 2, 0, 5);
	assert_true(ky_survey_suppressed(item(s), 0));
	assert_true(hidden(s, "A"));
	assert_true(hidden(s, "B"));
	struct ky_buf b = KY_BUF_INIT;
	ky_report_frequencies_csv(s, &b);
	ky_buf_addch(&b, '\0');
	/* no count anywhere: every row of the item ends in the note */
	assert_null(strstr(b.buf, ",category,"));
	assert_non_null(strstr(b.buf, ",*,*,1,Täysin eri mieltä,,,scale,,\"suppressed for anonymity: fewer than 5 answers, or hidden"));
	ky_buf_release(&b);
	ky_survey_free(s);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_groups_and_subtraction),
		cmocka_unit_test(test_valid_answers_count_too),
		cmocka_unit_test(test_nothing_hidden_when_big_enough_or_off),
		cmocka_unit_test(test_everything_hidden_when_all_are_few),
	};
	return cmocka_run_group_tests_name("anonymity", tests, NULL, NULL);
}
