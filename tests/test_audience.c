/* test_audience.c - the same statements asked of residents and staff
 * (tests/data/audience/, made by tests/data/gen_audience.py): kysely's
 * tables against an independent computation in base R, in every shape the
 * exports come in, and how the audiences were found.  The references:
 *   Rscript tests/ref/audience.R tests/ref/audience/exports exports \
 *           tests/data/audience/asukkaat.csv tests/data/audience/henkilosto.csv -- Palvelualue
 *   Rscript tests/ref/audience.R tests/ref/audience/blocks blocks \
 *           tests/data/audience/yhdessa.csv "Vastaan kyselyyn" -- Palvelualue
 *   Rscript tests/ref/audience.R tests/ref/audience/three exports \
 *           tests/data/audience/{asukkaat,henkilosto,johto}.csv -- Palvelualue
 * (R stacks the audiences itself, matching statements by the text after the
 * stem, and runs describe.R and groups.R on the stack: wilcox.test(exact =
 * FALSE, correct = TRUE), t.test (Welch), chisq.test, p.adjust over the
 * twelve statements.)  Rows are matched by their keys; every number must
 * agree to 1e-9 relative and every empty cell must be empty in both. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ky_ingest.h"
#include "ky_report.h"
#include "ky_survey.h"
#include "ky_table.h"
#include "ky_test.h"

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static const char *srcdir(void)
{
	const char *d = getenv("KY_SRCDIR");
	return d ? d : ".";
}

struct shape {
	const char *files[3];
	size_t n_files;
	const char *refdir;
	char delimiter;
};

/* labels in cells, `Question:Statement` headers with differing stems */
static const struct shape exports = {
	{ "tests/data/audience/asukkaat.csv", "tests/data/audience/henkilosto.csv" }, 2,
	"tests/ref/audience/exports", 0 };
/* the same answers as codes, the legend (0 = En ole käyttänyt) in the stem */
static const struct shape coded = {
	{ "tests/data/audience/koodit/asukkaat.csv", "tests/data/audience/koodit/henkilosto.csv" },
	2, "tests/ref/audience/exports", ';' };
/* one export, a routing question and a block per audience */
static const struct shape blocks = { { "tests/data/audience/yhdessa.csv" }, 1,
				     "tests/ref/audience/blocks", 0 };
/* three audiences (Kruskal-Wallis; one statement not asked of the third) */
static const struct shape three = {
	{ "tests/data/audience/asukkaat.csv", "tests/data/audience/henkilosto.csv",
	  "tests/data/audience/johto.csv" }, 3, "tests/ref/audience/three", 0 };
/* Microsoft Forms: statement-only headers, repeated */
static const struct shape forms = { { "tests/data/audience/forms.csv" }, 1,
				    "tests/ref/audience/blocks", 0 };

static struct ky_survey *read_shape(const struct shape *sh, size_t n_groups,
				    const char *const *groups, unsigned min_n)
{
	char path[3][1024];
	const char *p[3];
	for (size_t i = 0; i < sh->n_files; i++) {
		snprintf(path[i], sizeof(path[i]), "%s/%s", srcdir(), sh->files[i]);
		p[i] = path[i];
	}
	struct ky_survey_options o = { .n_groups = n_groups, .groups = groups, .min_n = min_n };
	o.reader.delimiter = sh->delimiter;
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_survey *s = sh->n_files == 1 ? ky_survey_read(p[0], &o, &err)
					       : ky_survey_read_audiences(p, NULL, sh->n_files, &o, &err);
	if (!s)
		fail_msg("%s: %s", sh->files[0], err.msg);
	return s;
}

static void as_table(const struct ky_survey *s, void (*write)(const struct ky_survey *, struct ky_buf *),
		     struct table *t)
{
	struct ky_buf b = KY_BUF_INIT;
	write(s, &b);
	char tmp[] = "/tmp/ky_aud.XXXXXX";
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	assert_int_equal(write_all(fd, b.buf, b.len), 0);
	close(fd);
	table_read(tmp, t);
	unlink(tmp);
	ky_buf_release(&b);
}

/* Every R row has a kysely row with the same numbers; every kysely row of
 * a statement R knows is one of R's. */
static void compare(const struct table *ours, const struct table *ref, const char *const *keys,
		    size_t n_keys, size_t min_numbers)
{
	size_t compared = table_compare_keyed(ours, ref, keys, n_keys, 1e-9, 0);
	assert_true(compared >= min_numbers);
	int ko0 = col_index(ours, keys[0]), kr0 = col_index(ref, keys[0]);
	size_t known = 0;
	for (size_t m = 0; m < ours->n_rows; m++) {
		size_t r = 0;
		while (r < ref->n_rows && strcmp(ref->cell[r][kr0], ours->cell[m][ko0]))
			r++;
		known += r < ref->n_rows;
	}
	assert_int_equal(known, ref->n_rows);
}

static void check_tables(const struct shape *sh)
{
	static const char *const groups[] = { "Palvelualue" };
	struct ky_survey *s = read_shape(sh, 1, groups, 0);
	static const struct {
		const char *file;
		void (*write)(const struct ky_survey *, struct ky_buf *);
		const char *keys[5];
		size_t n_keys, min_numbers;
	} t[] = {
		/* 12 statements x (all + 2 audiences + 3 areas) rows */
		{ "descriptives.csv", ky_report_descriptives_csv,
		  { "item_text", "grouping", "group" }, 3, 900 },
		{ "frequencies.csv", ky_report_frequencies_csv,
		  { "item_text", "grouping", "group", "label" }, 4, 1100 },
		/* per statement: audiences MW, Welch, chi-square; areas 3 MW,
		 * 3 Welch, KW, chi-square; Holm and BH over the 12 */
		{ "comparisons.csv", ky_report_comparisons_csv,
		  { "item_text", "grouping", "test", "group_a", "group_b" }, 5, 950 },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct table ours, ref;
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s/%s", srcdir(), sh->refdir, t[i].file);
		as_table(s, t[i].write, &ours);
		table_read(path, &ref);
		compare(&ours, &ref, t[i].keys, t[i].n_keys, t[i].min_numbers);
		table_free(&ours);
		table_free(&ref);
	}
	ky_survey_free(s);
}

static void test_exports_against_r(void **state) { (void)state; check_tables(&exports); }
static void test_coded_against_r(void **state) { (void)state; check_tables(&coded); }
static void test_blocks_against_r(void **state) { (void)state; check_tables(&blocks); }
static void test_forms_against_r(void **state) { (void)state; check_tables(&forms); }
static void test_three_against_r(void **state) { (void)state; check_tables(&three); }

/* 0 = En ole käyttänyt in the residents' codes: the same tables, byte for
 * byte, as the labelled exports give (comparisons without the scale score,
 * whose title carries the legends). */
static void test_coded_same_as_labels(void **state)
{
	(void)state;
	static const char *const groups[] = { "Palvelualue" };
	struct ky_survey *a = read_shape(&exports, 1, groups, 5);
	struct ky_survey *b = read_shape(&coded, 1, groups, 5);
	void (*const w[])(const struct ky_survey *, struct ky_buf *) = {
		ky_report_descriptives_csv, ky_report_frequencies_csv,
	};
	for (size_t i = 0; i < 2; i++) {
		struct ky_buf x = KY_BUF_INIT, y = KY_BUF_INIT;
		w[i](a, &x);
		w[i](b, &y);
		assert_int_equal(x.len, y.len);
		assert_memory_equal(x.buf, y.buf, x.len);
		ky_buf_release(&x);
		ky_buf_release(&y);
	}
	for (size_t i = 0; i < a->n_columns; i++)
		if (a->col[i].type == KY_COL_SCALE) {
			assert_int_equal(b->col[i].type, KY_COL_SCALE);
			assert_string_equal(a->col[i].scale.id, b->col[i].scale.id);
			assert_int_equal(b->col[i].n_nonsub, a->col[i].n_nonsub);
		}
	ky_survey_free(a);
	ky_survey_free(b);
}

static void test_what_was_found(void **state)
{
	(void)state;
	struct ky_survey *s = read_shape(&exports, 0, NULL, 5);
	const struct ky_audience *A = s->audience;
	assert_non_null(A);
	assert_int_equal(A->blocks, 0);
	assert_int_equal(A->n, 2);
	assert_string_equal(A->name[0], "asukkaat");
	assert_string_equal(A->name[1], "henkilosto");
	/* 12 statements; Vastaajanumero, Palvelualue and the open question */
	assert_int_equal(A->n_items, 15);
	size_t by_statement = 0, by_header = 0, by_id = 0;
	for (size_t i = 0; i < A->n_items; i++) {
		by_statement += !strcmp(A->item[i].how, "statement");
		by_header += !strcmp(A->item[i].how, "header");
		by_id += !strcmp(A->item[i].how, "id");   /* a short code is an id */
	}
	assert_int_equal(by_statement, 12);
	assert_int_equal(by_id, 2);
	assert_int_equal(by_header, 1);
	assert_int_equal(s->n_groupings, 1);
	assert_string_equal(s->grouping[0].name, "audience");
	assert_int_equal(s->n_respondents, 64 + 59);
	assert_int_equal(s->n_blocks, 1);
	assert_int_equal(s->block[0].n_items, 12);
	assert_non_null(strstr(A->question[0], "perheesi arkeen"));
	assert_non_null(strstr(A->question[1], "kannalta"));
	ky_survey_free(s);

	s = read_shape(&blocks, 0, NULL, 5);
	A = s->audience;
	assert_non_null(A);
	assert_int_equal(A->blocks, 1);
	assert_string_equal(A->route, "Vastaan kyselyyn");
	assert_string_equal(A->name[0], "asukkaana");
	assert_string_equal(A->name[1], "työntekijänä");
	assert_string_equal(A->source[0], "Q4-Q15");
	assert_int_equal(A->n_items, 12);
	assert_int_equal(A->n_multi, 0);
	assert_int_equal(s->n_groupings, 1);
	assert_string_equal(s->grouping[0].name, "audience");
	ky_survey_free(s);

	/* --group with the routing column: its groups are the audiences */
	static const char *const route[] = { "Vastaan kyselyyn", "Palvelualue" };
	s = read_shape(&blocks, 2, route, 5);
	assert_non_null(s->audience);
	assert_int_equal(s->audience->column, KY_NO_BLOCK);
	assert_int_equal(s->n_groupings, 2);
	assert_string_equal(s->grouping[0].name, "Vastaan kyselyyn");
	ky_survey_free(s);
}

static char *write_tmp(const char *text)
{
	char *p = strdup("/tmp/ky_aud_in.XXXXXX");
	int fd = mkstemp(p);
	assert_true(fd >= 0);
	assert_int_equal(write_all(fd, text, strlen(text)), 0);
	close(fd);
	return p;
}

/* Two questions about the same services that everyone answered
 * (importance, then satisfaction) are two questions, not two audiences. */
static void test_same_people_are_no_audiences(void **state)
{
	(void)state;
	struct ky_buf b = KY_BUF_INIT;
	ky_buf_adds(&b, "Tärkeys:A;Tärkeys:B;Tärkeys:C;Tyytyväisyys:A;Tyytyväisyys:B;"
			"Tyytyväisyys:C\n");
	static const char *const lv[] = { "Täysin eri mieltä", "Jokseenkin eri mieltä",
					  "Jokseenkin samaa mieltä", "Täysin samaa mieltä" };
	for (int r = 0; r < 30; r++)
		for (int k = 0; k < 6; k++)
			ky_buf_addf(&b, "%s%c", lv[(r + k * 3) % 4], k == 5 ? '\n' : ';');
	char *p = write_tmp(b.buf);
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_survey_options o = { 0 };
	struct ky_survey *s = ky_survey_read(p, &o, &err);
	assert_non_null(s);
	assert_null(s->audience);
	assert_int_equal(s->n_columns, 6);
	ky_survey_free(s);
	unlink(p);
	free(p);
	ky_buf_release(&b);
}

/* A respondent who answered both blocks is counted once, in the block with
 * more answers, and said so. */
static void test_both_blocks(void **state)
{
	(void)state;
	struct ky_buf b = KY_BUF_INIT;
	ky_buf_adds(&b, "Ryhmä;Asukkaiden arki?:A;Asukkaiden arki?:B;Asukkaiden arki?:C;"
			"Henkilöstön työ?:A;Henkilöstön työ?:B;Henkilöstön työ?:C\n");
	static const char *const lv[] = { "Ei vaikutusta", "Vähäinen vaikutus",
					  "Kohtalainen vaikutus", "Merkittävä vaikutus" };
	for (int r = 0; r < 40; r++) {
		int staff = r % 2;
		ky_buf_adds(&b, staff ? "työntekijä" : "asukas");
		for (int k = 0; k < 6; k++) {
			int mine = (k >= 3) == staff || (r == 7 && k == 0);
			ky_buf_addf(&b, ";%s", mine ? lv[(r + k) % 4] : "");
		}
		ky_buf_addch(&b, '\n');
	}
	char *p = write_tmp(b.buf);
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_survey_options o = { 0 };
	struct ky_survey *s = ky_survey_read(p, &o, &err);
	assert_non_null(s);
	assert_non_null(s->audience);
	assert_int_equal(s->audience->n_multi, 1);
	/* r = 7 (staff) also answered A of the residents' block: not a
	 * reason to doubt the routing column */
	assert_string_equal(s->audience->route, "Ryhmä");
	assert_string_equal(s->audience->name[0], "asukas");
	assert_string_equal(s->audience->name[1], "työntekijä");
	int warned = 0;
	for (size_t i = 0; i < s->n_warnings; i++)
		warned |= strstr(s->warning[i], "answered more than one") != NULL;
	assert_true(warned);
	/* counted once: 20 + 20 respondents, the staff one in the staff block */
	assert_int_equal(s->n_respondents, 40);
	assert_int_equal(s->grouping[0].n_groups, 2);
	ky_survey_free(s);
	unlink(p);
	free(p);
	ky_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exports_against_r),
		cmocka_unit_test(test_coded_against_r),
		cmocka_unit_test(test_blocks_against_r),
		cmocka_unit_test(test_forms_against_r),
		cmocka_unit_test(test_three_against_r),
		cmocka_unit_test(test_coded_same_as_labels),
		cmocka_unit_test(test_what_was_found),
		cmocka_unit_test(test_same_people_are_no_audiences),
		cmocka_unit_test(test_both_blocks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
