/* test_summary.c - summary tables read into the count model (layouts,
 * respondents per group, missing answers, the errors of bad counts) and
 * personal-data columns dropped at ingestion. */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ky_test.h"
#include "ky_survey.h"

static char tmpdir[] = "/tmp/ky_test_summary.XXXXXX";

static const char *write_file(const char *name, const char *text)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static struct ky_survey *read_ok(const char *name, const char *text)
{
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_survey_options o = { 0 };
	struct ky_survey *s = ky_survey_read(write_file(name, text), &o, &err);
	if (!s)
		fail_msg("unexpected error: %s", err.msg);
	return s;
}

static void read_fails(const char *name, const char *text, unsigned long line,
		       unsigned long col, const char *msg)
{
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_survey_options o = { 0 };
	assert_null(ky_survey_read(write_file(name, text), &o, &err));
	assert_int_equal(err.code, KY_ERR_PARSE);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, col);
	assert_string_equal(err.msg, msg);
}

static const struct ky_column *item(const struct ky_survey *s, const char *header)
{
	for (size_t i = 0; i < s->n_columns; i++)
		if (!strcmp(s->col[i].header, header))
			return &s->col[i];
	fail_msg("no column %s", header);
	return NULL;
}

/* Long: all-respondents rows, one grouping, an empty label for missing;
 * respondents per group are the most any item has there. */
static void test_long(void **state)
{
	(void)state;
	struct ky_survey *s = read_ok("long.csv",
		"item,Ryhmä,label,n\n"
		"A,*,Täysin eri mieltä,2\nA,*,Täysin samaa mieltä,6\nA,*,,1\n"
		"A,X,Täysin eri mieltä,1\nA,X,Täysin samaa mieltä,4\n"
		"A,Y,Täysin eri mieltä,1\nA,Y,Täysin samaa mieltä,1\nA,Y,,1\n"
		"B,,Jokseenkin eri mieltä,3\nB,,Jokseenkin samaa mieltä,5\n"
		"B,X,Jokseenkin samaa mieltä,5\nB,Y,Jokseenkin eri mieltä,3\n");
	assert_string_equal(s->summary, "long");
	assert_int_equal(s->n_respondents, 9);
	assert_int_equal(s->n_groupings, 1);
	assert_int_equal(s->grouping[0].n_groups, 2);
	assert_int_equal(s->grouping[0].n_respondents[0], 5);   /* X */
	assert_int_equal(s->grouping[0].n_respondents[1], 3);   /* Y */
	assert_int_equal(s->grouping[0].n_empty, 1);
	const struct ky_column *a = item(s, "A"), *b = item(s, "B");
	/* no middle level in the counts: the 4-point scale (a known limitation) */
	assert_string_equal(a->scale.id, "agreement-4-fi");
	assert_int_equal(a->tally[0].count[0], 2);
	assert_int_equal(a->tally[0].count[3], 6);
	assert_int_equal(a->tally[0].n_missing, 1);
	size_t y = ky_survey_slot(s, 0, 1);
	assert_int_equal(a->tally[y].n_missing, 1);
	assert_int_equal(b->tally[0].count[1], 3);
	assert_int_equal(b->tally[0].n_missing, 1);              /* 9 respondents, 8 answers */
	assert_int_equal(b->tally[y].count[1], 3);
	assert_int_equal(s->block[a->block].scale == NULL ||
			 s->block[a->block].scale->note != NULL, 1);
	ky_survey_free(s);
}

/* Grouped wide without all-respondents rows: all = the sum of the groups. */
static void test_wide_grouped(void **state)
{
	(void)state;
	struct ky_survey *s = read_ok("wg.csv",
		"Gender,Item,Strongly Disagree,Disagree,Neutral,Agree,Strongly Agree\n"
		"Female,I like it.,2,2,2,5,3\nMale,I like it.,0,1,0,2,3\n");
	assert_string_equal(s->summary, "wide-grouped");
	const struct ky_column *c = item(s, "I like it.");
	assert_int_equal(ky_tally_n(&c->tally[0]), 20);
	assert_int_equal(c->tally[0].count[3], 7);
	assert_int_equal(c->tally[ky_survey_slot(s, 0, 1)].count[4], 3);
	ky_survey_free(s);
}

/* Webropol's report: a single question with percentages and a total, then
 * a matrix; the title's number is dropped. */
static void test_report(void **state)
{
	(void)state;
	struct ky_survey *s = read_ok("rep.csv",
		"1. Palvelualue;;;\r\nVastaajien määrä: 7;;;\r\nVastausvaihtoehto;n;Prosentti;\r\n"
		"Perhe;2;33,3;\r\nIkääntyneet;4;66,7;\r\nYhteensä;6;100;\r\n;;;\r\n"
		"2. Väitteet;;;\r\n;Ei koskaan;Joskus;Aina\r\nS1;1;2;3\r\nS2;0;4;2\r\n");
	assert_string_equal(s->summary, "webropol-report");
	const struct ky_column *p = item(s, "Palvelualue");
	assert_int_equal(p->type, KY_COL_CATEGORICAL);
	assert_int_equal(p->tally[0].n_missing, 1);
	const struct ky_column *s2 = item(s, "Väitteet:S2");
	assert_string_equal(s2->stem, "Väitteet");
	assert_int_equal(s2->tally[0].count[s2->scale.n_levels - 1], 2);   /* Aina */
	ky_survey_free(s);
}

static void test_errors(void **state)
{
	(void)state;
	read_fails("neg.csv", "item,label,n\nA,Agree,3\nA,Disagree,-1\n", 3, 3, "negative count -1");
	read_fails("frac.csv", "Item,Agree,Disagree\nA,1.5,2\n", 2, 2, "count 1.5 is not a whole number");
	read_fails("text.csv", "item,label,n\nA,Agree,3\nA,Disagree,many\n", 3, 3,
		   "'many' is not a count (a summary table holds whole numbers of respondents here)");
	read_fails("pct.csv", "item,label,n,percent\nA,Agree,1,25\nA,Disagree,2,75\n", 2, 4,
		   "percentage 25 disagrees with the count 1 of 3 (33.33 %) by more than rounding");
	read_fails("two.csv", "item,R,S,label,n\nA,x,y,Agree,1\n", 2, 3,
		   "a row counts one group of one grouping: 'x' and 'y' are both given (leave the "
		   "others empty or '*')");
}

/* Forms' fixed block under headers kysely does not know: id, two
 * timestamps, then e-mail and name dropped by position; their texts gone. */
static void test_forms_by_position(void **state)
{
	(void)state;
	struct ky_survey *s = read_ok("forms.csv",
		"Nro,T1,T2,Posti,Kuka,Arvio\n"
		"1,2024-09-02 10:00:00,2024-09-02 10:04:00,matti@example.org,Matti M,Hyvä\n"
		"2,2024-09-02 11:00:00,2024-09-02 11:03:00,anonymous,,Huono\n"
		"3,2024-09-02 12:00:00,2024-09-02 12:02:00,anonymous,,Hyvä\n");
	assert_int_equal(s->n_dropped, 3);
	for (size_t k = 0; k < 3; k++) {
		const struct ky_column *c = &s->col[s->dropped[k]];
		assert_non_null(c->dropped);
		assert_int_equal(c->type, KY_COL_METADATA);
		assert_int_equal(ky_column_n_values(c), 0);
	}
	assert_int_equal(s->dropped[1], 3);
	assert_int_equal(s->dropped[2], 4);
	assert_true(ky_column_is_item(&s->col[5]));
	ky_survey_free(s);
}

int main(void)
{
	gsl_set_error_handler_off();
	if (!mkdtemp(tmpdir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_wide_grouped),
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_forms_by_position),
	};
	int rc = cmocka_run_group_tests_name("summary", tests, NULL, NULL);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
