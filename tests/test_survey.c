/* test_survey.c - the survey model: classification of columns, lexicon
 * matching, blocks, code tallies, groups, and the errors of the pass. */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ky_test.h"
#include "ky_scale.h"
#include "ky_survey.h"

static char tmpdir[] = "/tmp/ky_test_survey.XXXXXX";

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

static struct ky_survey *read_ok(const char *name, const char *text, size_t n_groups,
				 const char **groups)
{
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_survey_options o = { .n_groups = n_groups, .groups = groups };
	struct ky_survey *s = ky_survey_read(write_file(name, text), &o, &err);
	if (!s)
		fail_msg("unexpected error: %s", err.msg);
	return s;
}

static void read_fails(const char *name, const char *text, const char *group,
		       unsigned long line, unsigned long col, const char *msg)
{
	struct ky_error err;
	ky_error_clear(&err);
	const char *groups[] = { group };
	struct ky_survey_options o = { .n_groups = group ? 1 : 0, .groups = groups };
	struct ky_survey *s = ky_survey_read(write_file(name, text), &o, &err);
	assert_null(s);
	assert_int_not_equal(err.code, KY_OK);
	assert_int_equal(err.line, line);
	assert_int_equal(err.column, col);
	assert_string_equal(err.msg, msg);
}

static void test_normalize(void **state)
{
	(void)state;
	struct ky_buf b = KY_BUF_INIT;
	assert_string_equal(ky_label_normalize(&b, "  Täysin \t SAMAA\xC2\xA0mieltä "),
			    "täysin samaa mieltä");
	assert_string_equal(ky_label_normalize(&b, "DON\xE2\x80\x99T KNOW"), "don't know");
	assert_string_equal(ky_label_normalize(&b, "ÄÖÅ"), "äöå");
	assert_true(ky_label_is_nonsubstantive("en osaa sanoa"));
	assert_true(ky_label_is_nonsubstantive("vet ej"));
	assert_false(ky_label_is_nonsubstantive("ei vaikutusta"));
	assert_string_equal(ky_label_strip_number("5 = erittäin hyvä"), "erittäin hyvä");
	assert_string_equal(ky_label_strip_number("1. täysin eri mieltä"), "täysin eri mieltä");
	assert_null(ky_label_strip_number("12"));
	assert_null(ky_label_strip_number("2.5"));
	ky_buf_release(&b);
}

static const struct ky_column *col(const struct ky_survey *s, size_t i)
{
	assert_true(i < s->n_columns);
	return &s->col[i];
}

/* A Webropol-style export: id, time, group, an agreement block with "En osaa
 * sanoa", an impact item with "En ole käyttänyt", an open question. */
static const char *webropol =
	"\xEF\xBB\xBFVastaajanumero;Vastausaika;Ryhmä;"
	"Mitä mieltä olet?:Palvelu on hyvä;Mitä mieltä olet?:Sain apua;"
	"Vaikutus?:Chat;Terveiset\r\n"
	"1;1.9.2024 10:00;Asukas;Täysin samaa mieltä;En osaa sanoa;Ei vaikutusta;\"Hyvä; kiitos\"\r\n"
	"2;1.9.2024 10:05;Asukas;Jokseenkin eri mieltä;Täysin eri mieltä;En ole käyttänyt;\r\n"
	"3;2.9.2024 11:00;Henkilöstö;täysin samaa mieltä ;Jokseenkin samaa mieltä;Merkittävä vaikutus;Jatkakaa samaan malliin\r\n"
	"4;2.9.2024 12:00;;Ei samaa eikä eri mieltä;;Erittäin merkittävä vaikutus;\"Monta\nriviä\"\r\n"
	"5;3.9.2024 12:00;Henkilöstö;Täysin eri mieltä;Jokseenkin samaa mieltä;Kohtalainen vaikutus;Lisää resursseja\r\n";

static void test_webropol_classification(void **state)
{
	(void)state;
	const char *groups[] = { "Ryhmä" };
	struct ky_survey *s = read_ok("w.csv", webropol, 1, groups);
	assert_int_equal(s->n_respondents, 5);
	assert_int_equal(s->n_columns, 7);
	assert_int_equal(col(s, 0)->type, KY_COL_METADATA);
	assert_int_equal(col(s, 1)->type, KY_COL_METADATA);
	assert_int_equal(col(s, 2)->type, KY_COL_GROUP);
	assert_int_equal(col(s, 3)->type, KY_COL_SCALE);
	assert_int_equal(col(s, 4)->type, KY_COL_SCALE);
	assert_int_equal(col(s, 5)->type, KY_COL_SCALE);
	assert_int_equal(col(s, 6)->type, KY_COL_OPEN);
	/* the agreement pair shares a stem and the 5-point scale (neutral seen in col 3 only) */
	assert_string_equal(col(s, 3)->scale.id, "agreement-5-fi");
	assert_string_equal(col(s, 4)->scale.id, "agreement-5-fi");
	assert_string_equal(col(s, 3)->stem, "Mitä mieltä olet?");
	assert_string_equal(col(s, 4)->statement, "Sain apua");
	assert_int_equal(col(s, 3)->block, col(s, 4)->block);
	assert_int_equal(s->n_blocks, 2);
	assert_string_equal(col(s, 5)->scale.id, "impact-5-fi");
	/* ids: Q<position> for headers that are not short codes */
	assert_string_equal(col(s, 3)->id, "Q4");
	assert_string_equal(col(s, 2)->id, "Q3");
	/* codes 1..5 from the negative pole; display labels as written in the data */
	const struct ky_column *c = col(s, 3);
	assert_string_equal(c->scale.label[0], "Täysin eri mieltä");
	assert_string_equal(c->scale.label[4], "Täysin samaa mieltä");
	assert_string_equal(c->scale.label[3], "Jokseenkin samaa mieltä"); /* unseen: lexicon text */
	assert_close(c->scale.value[4], 5, 0);
	const struct ky_tally *all = &c->tally[0];
	uint64_t expect_all[5] = { 1, 1, 1, 0, 2 };
	for (int k = 0; k < 5; k++)
		assert_int_equal(all->count[k], expect_all[k]);
	/* item 2: one "En osaa sanoa" and one empty cell */
	assert_int_equal(col(s, 4)->tally[0].n_nonsubstantive, 1);
	assert_int_equal(col(s, 4)->tally[0].n_missing, 1);
	assert_int_equal(col(s, 4)->n_nonsub, 1);
	assert_string_equal(col(s, 4)->nonsub_label[0], "En osaa sanoa");
	/* impact: "En ole käyttänyt" is non-substantive, never a code */
	assert_int_equal(col(s, 5)->tally[0].n_nonsubstantive, 1);
	assert_int_equal(ky_tally_n(&col(s, 5)->tally[0]), 4);
	/* groups: Asukas and Henkilöstö in byte order; respondent 4 has no group */
	const struct ky_grouping *g = &s->grouping[0];
	assert_int_equal(g->n_groups, 2);
	assert_int_equal(g->n_empty, 1);
	assert_string_equal(ky_survey_group_name(s, 0, g->order[0]), "Asukas");
	assert_string_equal(ky_survey_group_name(s, 0, g->order[1]), "Henkilöstö");
	ky_survey_free(s);
}

/* The all-respondents tally equals the sum of the group tallies plus the
 * respondents without a group, and a direct count. */
static void test_all_equals_sum_of_groups(void **state)
{
	(void)state;
	const char *groups[] = { "Ryhmä" };
	struct ky_survey *s = read_ok("w2.csv", webropol, 1, groups);
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		if (!ky_column_is_item(c))
			continue;
		struct ky_tally sum;
		ky_tally_init(&sum, c->scale.n_levels);
		const struct ky_grouping *g = &s->grouping[0];
		for (size_t v = 0; v < g->n_groups; v++)
			ky_tally_merge(&sum, &c->tally[ky_survey_slot(s, 0, v)]);
		/* respondent 4 (no group) answered every closed item once */
		uint64_t n_all = ky_tally_n(&c->tally[0]) + c->tally[0].n_nonsubstantive +
				 c->tally[0].n_missing;
		uint64_t n_sum = ky_tally_n(&sum) + sum.n_nonsubstantive + sum.n_missing;
		assert_int_equal(n_all, 5);
		assert_int_equal(n_sum, 4);
		ky_tally_release(&sum);
	}
	ky_survey_free(s);
}

/* PISA-style English 4-point agreement, with the real data's "Strong agree". */
static void test_english_four_point(void **state)
{
	(void)state;
	struct ky_survey *s = read_ok("pisa.csv",
		"ID;Country;Q?:A;Q?:B\n"
		"1;Canada;Strongly disagree;Strong agree\n"
		"2;Mexico;Disagree;Agree\n"
		"3;Canada;Agree;Strongly disagree\n"
		"4;Mexico;Strongly agree;\n", 0, NULL);
	assert_string_equal(col(s, 2)->scale.id, "agreement-4-en");
	assert_string_equal(col(s, 3)->scale.id, "agreement-4-en");
	assert_int_equal(col(s, 3)->tally[0].count[3], 1);       /* Strong agree = 4 */
	assert_int_equal(col(s, 3)->tally[0].n_missing, 1);
	assert_int_equal(col(s, 1)->type, KY_COL_CATEGORICAL);
	ky_survey_free(s);
}

/* Numeric codes: a rating block 1..4 even when a column never used 1. */
static void test_numeric_ratings(void **state)
{
	(void)state;
	struct ky_survey *s = read_ok("codes.csv",
		"ID,Country,S1,S2,Age\n"
		"1,Canada,2,4,15\n2,Canada,3,2,16\n3,Mexico,4,3,15\n4,Mexico,1,2,\n", 0, NULL);
	assert_int_equal(col(s, 0)->type, KY_COL_METADATA);
	assert_int_equal(col(s, 2)->type, KY_COL_NUMERIC);
	assert_string_equal(col(s, 2)->scale.id, "rating-1-4");
	assert_string_equal(col(s, 3)->scale.id, "rating-1-4");
	assert_int_equal(col(s, 3)->tally[0].count[0], 0);
	assert_int_equal(col(s, 3)->tally[0].count[1], 2);
	assert_int_equal(col(s, 2)->block, col(s, 3)->block);
	assert_int_equal(col(s, 4)->type, KY_COL_NUMERIC);       /* 15..16: numbers, not a code range from 1 */
	ky_survey_free(s);
}

/* An answer outside a known scale: categorical, with a positioned warning. */
static void test_unknown_label_warns(void **state)
{
	(void)state;
	struct ky_survey *s = read_ok("unk.csv",
		"Q;Kysymys\n1;Täysin samaa mieltä\n2;Täysin eri mieltä\n3;Melko hyvin\n"
		"4;Jokseenkin samaa mieltä\n", 0, NULL);
	assert_int_equal(col(s, 1)->type, KY_COL_CATEGORICAL);
	assert_int_equal(s->n_warnings, 1);
	assert_non_null(strstr(s->warning[0], "unk.csv:4:2: unknown answer 'Melko hyvin' in "
					      "column 2 'Kysymys'"));
	ky_survey_free(s);
}

static void test_errors(void **state)
{
	(void)state;
	read_fails("header_only.csv", "a;b;c\r\n", NULL, 1, 0,
		   "no answers: the file has a header row but no data rows");
	read_fails("ragged.csv", "a;b;c\n1;2;3\n1;2\n", NULL, 3, 2,
		   "record has 2 fields but the header has 3 (ragged row)");
	read_fails("ragged2.csv", "a;b;c\n1;2;3;4\n", NULL, 2, 4,
		   "record has 4 fields but the header has 3 (ragged row)");
	read_fails("nogroup.csv", "a;b\nx;y\n", "Ryhmä", 1, 0,
		   "no column 'Ryhmä' for --group (give its header text, its id such as Q3, or "
		   "its 1-based number; `kysely analyze --list` shows them)");
	read_fails("nothing.csv", "Vastaajanumero;Kommentti\n1;\n2;\n", NULL, 0, 0,
		   "nothing to analyse: no column holds scale answers, numbers, categories or "
		   "open answers (only empty, metadata or grouping columns)");
}

/* Trailing separators (empty extra fields) are tolerated. */
static void test_trailing_separator(void **state)
{
	(void)state;
	struct ky_survey *s = read_ok("trail.csv", "A,B,\nEi koskaan,Aina,\nUsein,Joskus,\n"
				      "Aina,Harvoin,\n", 0, NULL);
	assert_int_equal(s->n_columns, 2);
	assert_string_equal(col(s, 0)->scale.family, "frequency");
	ky_survey_free(s);
}

/* The answer patterns stop at their memory bound: each pattern of a
 * three-item block with one grouping costs its 3-byte key, 4 bytes of group
 * id, its NUL and KY_PATTERN_COST bytes, so a bound of 10 such costs keeps
 * 10 of the 30 distinct patterns and the segment is full.  What the
 * patterns were for then comes from the keys beyond the bound, written to a
 * temporary file (spill.c): alpha, the item statistics, the scale scores
 * per group and who answered the multi-select question are the same, to the
 * last bit, as with every pattern kept.  Without room for that file they
 * are missing, and say why. */
static void test_pattern_memory_bound(void **state)
{
	(void)state;
	static const char *lv[] = { "Täysin eri mieltä", "Jokseenkin eri mieltä",
				    "Ei samaa eikä eri mieltä", "Jokseenkin samaa mieltä",
				    "Täysin samaa mieltä" };
	static const char *groups[] = { "Ryhmä" };
	char text[16384];
	size_t n = (size_t)snprintf(text, sizeof(text), "Vastaajanumero;Ryhmä;Q?:a;Q?:b;Q?:c;"
				    "Mitä käytit?:Neuvola;Mitä käytit?:Kotihoito;"
				    "Mitä käytit?:Kirjasto\n");
	for (int r = 0; r < 60; r++)   /* 30 distinct (a, b, c): r in base 5; some empty */
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%d;%s;%s;%s;%s;%s;%s;%s\n",
				      r + 1, r % 3 ? "Asukas" : "Henkilöstö",
				      r % 7 == 6 ? "" : lv[r % 5], lv[(r / 5 + r % 5) % 5],
				      lv[(r / 25) % 5], r % 4 == 0 ? "Neuvola" : "",
				      r % 5 == 0 ? "Kotihoito" : "", r % 6 == 1 ? "Kirjasto" : "");
	const char *path = write_file("p.csv", text);
	struct ky_error err;
	struct ky_survey *s[2];
	size_t cost = 3 + 4 + 1 + KY_PATTERN_COST;
	size_t bounds[] = { 0, 10 * cost };
	for (int i = 0; i < 2; i++) {
		ky_error_clear(&err);
		struct ky_survey_options o = { .n_groups = 1, .groups = groups,
					       .max_pattern_bytes = bounds[i], .keep_patterns = 1 };
		s[i] = ky_survey_read(path, &o, &err);
		if (!s[i])
			fail_msg("unexpected error: %s", err.msg);
		assert_int_equal(s[i]->n_respondents, 60);
		const struct ky_segment *seg = ky_survey_segment_of(s[i], 2);
		assert_non_null(seg);
		assert_int_equal(seg->n_cols, 3);
		assert_int_equal(seg->full, i);
		assert_true(i ? ky_segment_n(seg) <= 10 : ky_segment_n(seg) > 10);
		assert_int_equal(s[i]->n_blocks, 1);
		assert_non_null(s[i]->block[0].scale);
		assert_int_equal(s[i]->n_choices, 1);
		assert_null(s[i]->choice[0].note);
	}
	const struct ky_block_scale *x = s[0]->block[0].scale, *y = s[1]->block[0].scale;
	assert_null(x->note);
	assert_null(y->note);
	assert_int_equal(x->n_complete, 52);      /* r % 7 == 6 (8 of 60): no answer to a */
	assert_true(x->alpha > -1 && x->alpha < 1);
	assert_memory_equal(&x->alpha, &y->alpha, sizeof(double));
	assert_memory_equal(&x->alpha_std, &y->alpha_std, sizeof(double));
	assert_int_equal(x->n_complete, y->n_complete);
	assert_memory_equal(x->r_drop, y->r_drop, 3 * sizeof(double));
	assert_memory_equal(x->alpha_if_deleted, y->alpha_if_deleted, 3 * sizeof(double));
	assert_memory_equal(x->item_sd, y->item_sd, 3 * sizeof(double));
	assert_int_equal(x->n_scores, y->n_scores);
	assert_memory_equal(x->score, y->score, x->n_scores * sizeof(double));
	assert_int_equal(s[0]->n_slots, 3);
	assert_int_equal(s[1]->n_slots, 3);
	for (size_t sl = 0; sl < 3; sl++) {
		assert_memory_equal(x->tally[sl].count, y->tally[sl].count,
				    x->n_scores * sizeof(uint64_t));
		assert_int_equal(s[0]->choice[0].n_respondents[sl],
				 s[1]->choice[0].n_respondents[sl]);
	}
	/* r % 4 == 0 or r % 5 == 0 or r % 6 == 1: 15 + 12 + 10 - 3 (r % 20 == 0)
	 * - 2 (r = 25, 55) */
	assert_int_equal(s[0]->choice[0].n_respondents[0], 32);
	ky_survey_free(s[0]);
	ky_survey_free(s[1]);

	/* no temporary file: nothing made up, a note and a warning */
	setenv("TMPDIR", "/nonexistent/kysely-test", 1);
	ky_error_clear(&err);
	struct ky_survey_options o = { .n_groups = 1, .groups = groups,
				       .max_pattern_bytes = 10 * cost };
	struct ky_survey *t = ky_survey_read(path, &o, &err);
	unsetenv("TMPDIR");
	if (!t)
		fail_msg("unexpected error: %s", err.msg);
	assert_non_null(t->block[0].scale);
	assert_non_null(t->block[0].scale->note);
	assert_non_null(strstr(t->block[0].scale->note, "incomplete"));
	assert_int_equal(t->block[0].scale->n_complete, 0);
	assert_non_null(t->choice[0].note);
	assert_non_null(strstr(t->choice[0].note, "incomplete"));
	assert_true(t->n_warnings >= 1);
	assert_non_null(strstr(t->warning[t->n_warnings - 1], "no room in $TMPDIR"));
	ky_survey_free(t);
}

int main(void)
{
	gsl_set_error_handler_off();
	if (!mkdtemp(tmpdir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_webropol_classification),
		cmocka_unit_test(test_all_equals_sum_of_groups),
		cmocka_unit_test(test_english_four_point),
		cmocka_unit_test(test_numeric_ratings),
		cmocka_unit_test(test_unknown_label_warns),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_trailing_separator),
		cmocka_unit_test(test_pattern_memory_bound),
	};
	int rc = cmocka_run_group_tests_name("survey", tests, NULL, NULL);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
