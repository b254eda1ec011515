/* test_rounds.c - survey rounds: matching of items across rounds and the
 * change statistics, against R.
 *
 * Reference values:
 *  - interval functions: the R one-liners beside each test (R 4.2);
 *  - the bundled sample's three rounds: tests/ref/rounds/changes.csv, made by
 *      Rscript tests/ref/rounds.R tests/ref/rounds surveys/asukas-henkilosto-2023.csv \
 *        surveys/asukas-henkilosto-2024.csv surveys/asukas-henkilosto-2025.csv \
 *        --group Vastaajaryhmä --names 2023,2024,2025 \
 *        --was "<stem>:Suora puhelinlinja ja chat|<stem>:Puhelinpalvelu ja chat"
 *    (make refs); every number R gives must agree to 1e-9 relative. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ky_def.h"
#include "ky_ingest.h"
#include "ky_report.h"
#include "ky_stats.h"
#include "ky_report_rounds.h"
#include "ky_survey.h"
#include "ky_table.h"
#include "ky_test.h"

static const char *srcdir(void)
{
	const char *d = getenv("KY_SRCDIR");
	return d && *d ? d : ".";
}

/* R: wa <- prop.test(12, 40, correct = FALSE)$conf.int; wb <- prop.test(25, 50, ...);
 *    (pb - pa) -/+ sqrt((pb - wb[1 or 2])^2 + (wa[2 or 1] - pa)^2) */
static void test_newcombe(void **state)
{
	(void)state;
	double lo, hi;
	ky_newcombe(12, 40, 25, 50, 0.95, &lo, &hi);
	assert_close(lo, -0.0040721633544622826, 1e-12);
	assert_close(hi, 0.37904700894678356, 1e-12);
	ky_newcombe(0, 10, 10, 10, 0.95, &lo, &hi);   /* from none to all */
	assert_close(lo, 0.60750935043052434, 1e-12);
	assert_close(hi, 1, 1e-12);
	ky_newcombe(0, 0, 3, 5, 0.95, &lo, &hi);
	assert_true(isnan(lo) && isnan(hi));
}

/* R: a <- rep(1:5, c(3,5,8,6,2)); b <- rep(1:5, c(1,2,6,9,7)); t.test(b, a)$conf.int */
static void test_welch_ci(void **state)
{
	(void)state;
	struct ky_tally a, b;
	ky_tally_init(&a, 5);
	ky_tally_init(&b, 5);
	const uint64_t ca[] = { 3, 5, 8, 6, 2 }, cb[] = { 1, 2, 6, 9, 7 };
	memcpy(a.count, ca, sizeof(ca));
	memcpy(b.count, cb, sizeof(cb));
	const double v[] = { 1, 2, 3, 4, 5 };
	double lo, hi;
	ky_welch_ci(&a, &b, v, 0.95, &lo, &hi);
	assert_close(lo, 0.15370451772752894, 1e-12);
	assert_close(hi, 1.4496288156058035, 1e-12);
	memset(b.count, 0, 5 * sizeof(uint64_t));
	b.count[2] = 1;                                /* n = 1: no interval */
	ky_welch_ci(&a, &b, v, 0.95, &lo, &hi);
	assert_true(isnan(lo));
	ky_tally_release(&a);
	ky_tally_release(&b);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static struct ky_survey *read_round(const char *path, const char *group)
{
	struct ky_error err;
	ky_error_clear(&err);
	const char *groups[] = { group };
	struct ky_survey_options so = { .n_groups = group ? 1 : 0, .groups = groups };
	struct ky_def *d = NULL;
	if (ky_def_sniff(path)) {
		d = ky_def_read(path, &err);
		if (!d)
			fail_msg("%s: %s", path, err.msg);
		so.def = d;
		path = d->export_path;
	}
	struct ky_survey *s = ky_survey_read(path, &so, &err);
	if (!s)
		fail_msg("%s: %s", path, err.msg);
	ky_def_free(d);
	return s;
}

static const char AGREE[] = "Täysin eri mieltä|Jokseenkin eri mieltä|Jokseenkin samaa mieltä|"
			    "Täysin samaa mieltä";

/* Rows of an export: N respondents answering label (i % 4) + shift. */
static void export(const char *path, const char *header, size_t n_items, size_t n, int shift)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%s\n", header);
	char labels[4][40];
	sscanf(AGREE, "%39[^|]|%39[^|]|%39[^|]|%39[^|]", labels[0], labels[1], labels[2], labels[3]);
	for (size_t r = 0; r < n; r++)
		for (size_t i = 0; i < n_items; i++) {
			size_t k = (r + i + (size_t)shift) % 4;
			fprintf(f, "%s%s", labels[k], i + 1 < n_items ? ";" : "\n");
		}
	fclose(f);
}

/* Renamed (by was =), added, removed and rescaled items; texts that differ
 * only in case, spaces and a trailing colon; ids the export gave. */
static void test_matching(void **state)
{
	(void)state;
	char dir[] = "/tmp/ky-rounds-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char a[256], b[256], bdef[256];
	snprintf(a, sizeof(a), "%s/a.csv", dir);
	snprintf(b, sizeof(b), "%s/b.csv", dir);
	snprintf(bdef, sizeof(bdef), "%s/b.ini", dir);
	export(a, "Väite:Palvelu on hyvä;Väite:Puhelin toimii;Väite:Poistunut asia;Asteikko", 4,
	       30, 0);
	/* b: a case/space variant, the renamed item, a new item, and "Asteikko"
	 * on a 5-point scale (alone: a stem shares one scale) */
	FILE *f = fopen(b, "w");
	assert_non_null(f);
	fprintf(f, "väite:palvelu  on hyvä:;Väite:Puhelinpalvelu toimii;Väite:Uusi asia;Asteikko\n");
	const char *l4[] = { "Täysin eri mieltä", "Jokseenkin eri mieltä", "Jokseenkin samaa mieltä",
			     "Täysin samaa mieltä" };
	const char *l5[] = { "Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä",
			     "Jokseenkin samaa mieltä", "Täysin samaa mieltä" };
	for (int r = 0; r < 30; r++)
		fprintf(f, "%s;%s;%s;%s\n", l4[(r + 1) % 4], l4[r % 4], l4[(r + 2) % 4], l5[r % 5]);
	fclose(f);
	char ini[512];
	snprintf(ini, sizeof(ini), "[survey]\nexport = b.csv\nround = 2024\n\n[item Q2]\n"
		 "was = Väite:Puhelin toimii\n");
	write_file(bdef, ini);
	struct ky_survey *sa = read_round(a, NULL), *sb = read_round(bdef, NULL);
	struct ky_round rounds[2] = { { sa, "2023" }, { sb, "2024" } };
	struct ky_rounds *r = ky_rounds_match(rounds, 2);
	/* lines: the 4 of b in its order, then the removed one */
	assert_int_equal(r->n_lines, 5);
	assert_int_equal(r->line[0].col[0], 0);
	assert_int_equal(r->line[0].how[1], KY_MATCH_TEXT);
	assert_int_equal(r->line[1].col[0], 1);
	assert_int_equal(r->line[1].how[1], KY_MATCH_WAS);
	assert_int_equal(r->line[2].col[0], KY_NO_COL);       /* added */
	assert_int_equal(r->line[2].col[1], 2);
	assert_int_equal(r->line[3].col[0], 3);               /* rescaled: 4 -> 5 levels */
	assert_non_null(r->line[3].rescaled);
	assert_non_null(strstr(r->line[3].rescaled, "4 levels"));
	assert_int_equal(r->line[4].col[0], 2);               /* removed */
	assert_int_equal(r->line[4].col[1], KY_NO_COL);
	struct ky_change *c;
	size_t n = ky_rounds_changes(r, &c);
	if (n != 2)
		fail_msg("%zu changes; rescaled 0: %s, 1: %s", n, r->line[0].rescaled ? r->line[0].rescaled : "-", r->line[1].rescaled ? r->line[1].rescaled : "-");
	assert_int_equal(c[0].line, 0);
	assert_int_equal(c[1].line, 1);
	assert_close(c[0].diff, ky_stats_mean(&sb->col[0].tally[0], sb->col[0].scale.value) -
				ky_stats_mean(&sa->col[0].tally[0], sa->col[0].scale.value), 1e-15);
	/* Holm within the later round's block: over both when they share it */
	int together = sb->col[0].block == sb->col[1].block && sb->col[0].block != KY_NO_BLOCK;
	for (int i = 0; i < 2; i++) {
		double other = c[1 - i].mw.p, p = c[i].mw.p;
		double want = !together ? p : p <= other ? fmin(1, 2 * p) : fmax(fmin(1, 2 * other), p);
		assert_close(c[i].p_holm, want, 1e-12);
	}
	free(c);
	ky_rounds_free(r);
	ky_survey_free(sa);
	ky_survey_free(sb);

	/* own ids (short code headers) match even when the columns move */
	export(a, "ST01;ST02;ST03", 3, 20, 0);
	export(b, "ST03;ST01;ST02", 3, 20, 1);
	sa = read_round(a, NULL);
	sb = read_round(b, NULL);
	struct ky_round r2[2] = { { sa, "a" }, { sb, "b" } };
	r = ky_rounds_match(r2, 2);
	assert_int_equal(r->n_lines, 3);
	for (size_t l = 0; l < 3; l++) {
		assert_int_equal(r->line[l].how[1], KY_MATCH_ID);
		assert_string_equal(sa->col[r->line[l].col[0]].id, sb->col[r->line[l].col[1]].id);
	}
	ky_rounds_free(r);
	ky_survey_free(sa);
	ky_survey_free(sb);
	unlink(a);
	unlink(b);
	unlink(bdef);
	rmdir(dir);
}

static void test_sample_against_r(void **state)
{
	(void)state;
	char p[3][1024], ref[1024];
	for (int k = 0; k < 3; k++)
		snprintf(p[k], sizeof(p[k]), "%s/surveys/asukas-henkilosto-%d.ini", srcdir(), 2023 + k);
	snprintf(ref, sizeof(ref), "%s/tests/ref/rounds/changes.csv", srcdir());
	struct ky_survey *s[3];
	struct ky_round rounds[3];
	static const char *const names[] = { "2023", "2024", "2025" };
	for (int k = 0; k < 3; k++) {
		struct ky_error err;
		ky_error_clear(&err);
		struct ky_def *d = ky_def_read(p[k], &err);
		if (!d)
			fail_msg("%s", err.msg);
		const char *g[] = { "Vastaajaryhmä" };
		struct ky_survey_options so = { .n_groups = 1, .groups = g, .min_n = 0, .def = d };
		s[k] = ky_survey_read(d->export_path, &so, &err);
		if (!s[k])
			fail_msg("%s", err.msg);
		ky_def_free(d);
		rounds[k] = (struct ky_round){ s[k], names[k] };
	}
	struct ky_rounds *r = ky_rounds_match(rounds, 3);
	struct ky_change *c;
	size_t n = ky_rounds_changes(r, &c);
	struct ky_buf csv = KY_BUF_INIT;
	ky_rounds_changes_csv(r, c, n, &csv);
	char tmp[] = "/tmp/ky-changes-XXXXXX";
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, csv.buf, csv.len), (ssize_t)csv.len);
	close(fd);
	struct table ours, theirs;
	table_read(tmp, &ours);
	table_read(ref, &theirs);
	unlink(tmp);
	static const char *const keys[] = { "item_text", "grouping", "group", "round_a", "round_b" };
	size_t matched = 0, numbers = 0;
	for (size_t i = 0; i < theirs.n_rows; i++) {
		size_t hit = (size_t)-1;
		for (size_t j = 0; j < ours.n_rows && hit == (size_t)-1; j++) {
			int same = 1;
			for (int k = 0; k < 5 && same; k++)
				same = !strcmp(theirs.cell[i][col_index(&theirs, keys[k])],
					       ours.cell[j][col_index(&ours, keys[k])]);
			if (same)
				hit = j;
		}
		if (hit == (size_t)-1)
			fail_msg("R row %zu (%s %s %s) not in kysely's changes.csv", i + 1,
				 theirs.cell[i][0], theirs.cell[i][2], theirs.cell[i][4]);
		matched++;
		for (size_t k = 5; k < theirs.n_cols; k++) {
			int oc = col_index(&ours, theirs.head[k]);
			assert_true(oc >= 0);
			const char *x = ours.cell[hit][oc], *y = theirs.cell[i][k];
			if (!*y) {
				if (*x)
					fail_msg("%s row %zu: kysely %s, R empty", theirs.head[k], i + 1, x);
				continue;
			}
			if (!*x)
				fail_msg("%s row %zu: kysely empty, R %s", theirs.head[k], i + 1, y);
			assert_close(strtod(x, NULL), strtod(y, NULL), 1e-9);
			numbers++;
		}
	}
	/* every R row found; the renamed item too (9 rows: 3 pairs x all + 2 groups) */
	assert_int_equal(matched, theirs.n_rows);
	assert_true(numbers > 2000);
	size_t renamed = 0;
	for (size_t j = 0; j < ours.n_rows; j++)
		renamed += strstr(ours.cell[j][1], "Suora puhelinlinja") != NULL;
	assert_int_equal(renamed, 9);
	table_free(&ours);
	table_free(&theirs);
	ky_buf_release(&csv);
	free(c);
	ky_rounds_free(r);
	for (int k = 0; k < 3; k++)
		ky_survey_free(s[k]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_newcombe),
		cmocka_unit_test(test_welch_ci),
		cmocka_unit_test(test_matching),
		cmocka_unit_test(test_sample_against_r),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
