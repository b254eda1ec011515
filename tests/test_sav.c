/* test_sav.c - the SPSS reader: .sav files written here with ReadStat's
 * writer (labels, value labels, user-missing values, dates, UTF-8, long
 * strings), read back through ky_reader; a truncated file, a file that is
 * no .sav and the limits, each with its code, message and position. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readstat.h>

#include "ky_buf.h"
#include "ky_ingest.h"
#include "ky_table.h"
#include "ky_test.h"

static char g_dir[64];
static char g_path[128];
static char g_enc[64];
static struct ky_error g_err;

static const char *tmp_path(const char *name)
{
	snprintf(g_path, sizeof(g_path), "%s/%s", g_dir, name);
	return g_path;
}

static ssize_t write_bytes(const void *data, size_t len, void *ctx)
{
	return (ssize_t)fwrite(data, 1, len, ctx);
}

/* Reads every record of g_path as "line:f1|f2|...\n", or NULL on error
 * (g_err set).  The declared encoding goes to g_enc.  Removes the file. */
static char *read_all(const struct ky_reader_options *o)
{
	return ky_test_records(g_path, o, "SPSS", ky_reader_encoding, g_enc, sizeof(g_enc), &g_err);
}

static void expect_error(const struct ky_reader_options *o, enum ky_code code,
			 unsigned long line, unsigned long column, const char *needle)
{
	char path[128];
	snprintf(path, sizeof(path), "%s", g_path);
	char *got = read_all(o);
	if (got)
		fail_msg("expected an error, read:\n%s", got);
	assert_int_equal(g_err.code, code);
	assert_string_equal(g_err.path, path);
	assert_int_equal(g_err.line, line);
	assert_int_equal(g_err.column, column);
	if (!strstr(g_err.msg, needle))
		fail_msg("message '%s' lacks '%s'", g_err.msg, needle);
	assert_null(strchr(g_err.msg, '\n'));
}

/* Seconds since 1582-10-14 of a civil date and time. */
static double spss_time(int y, int m, int d, int hh, int mm, int ss)
{
	/* days from 1970-01-01 (the same algorithm run backwards) */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long days = era * 146097 + doe - 719468;
	return (double)days * 86400.0 + 12219379200.0 + hh * 3600 + mm * 60 + ss;
}

/* A small survey: a labelled scale with a user-missing code, a grouping
 * string, a number, a date, a datetime and an open answer. */
static void write_survey(const char *path, long rows_declared, int compress)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	readstat_writer_t *w = readstat_writer_init();
	readstat_set_data_writer(w, write_bytes);
	readstat_writer_set_file_timestamp(w, 1726000000);
	if (compress)
		readstat_writer_set_compression(w, READSTAT_COMPRESS_ROWS);
	readstat_label_set_t *ls = readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, "samaa");
	readstat_label_double_value(ls, 1, "Täysin eri mieltä");
	readstat_label_double_value(ls, 2, "Jokseenkin eri mieltä");
	readstat_label_double_value(ls, 3, "Jokseenkin samaa mieltä");
	readstat_label_double_value(ls, 4, "Täysin samaa mieltä");
	readstat_label_double_value(ls, 9, "En osaa sanoa");
	readstat_label_set_t *gs = readstat_add_label_set(w, READSTAT_TYPE_STRING, "ryhma");
	readstat_label_string_value(gs, "A", "Asukas");
	readstat_label_string_value(gs, "H", "Henkilöstö");

	readstat_variable_t *q1 = readstat_add_variable(w, "Q1", READSTAT_TYPE_DOUBLE, 0);
	readstat_variable_set_label(q1, "Palvelut ovat saatavilla\xc2\xa0?");
	readstat_variable_set_format(q1, "F1.0");
	readstat_variable_set_label_set(q1, ls);
	assert_int_equal(readstat_variable_add_missing_double_value(q1, 9), READSTAT_OK);
	assert_int_equal(readstat_variable_add_missing_double_value(q1, 8), READSTAT_OK);
	readstat_variable_t *grp = readstat_add_variable(w, "ryhma", READSTAT_TYPE_STRING, 4);
	readstat_variable_set_label(grp, "Vastaajaryhmä");
	readstat_variable_set_label_set(grp, gs);
	readstat_variable_t *num = readstat_add_variable(w, "ika", READSTAT_TYPE_DOUBLE, 0);
	readstat_variable_set_format(num, "F8.2");     /* no label: the name is the header */
	readstat_variable_t *day = readstat_add_variable(w, "pvm", READSTAT_TYPE_DOUBLE, 0);
	readstat_variable_set_label(day, "Päivä");
	readstat_variable_set_format(day, "EDATE10");
	readstat_variable_t *at = readstat_add_variable(w, "aika", READSTAT_TYPE_DOUBLE, 0);
	readstat_variable_set_label(at, "Vastausaika");
	readstat_variable_set_format(at, "DATETIME20");
	readstat_variable_t *txt = readstat_add_variable(w, "avoin", READSTAT_TYPE_STRING, 300);
	readstat_variable_set_label(txt, "Mitä muuta? €");

	assert_int_equal(readstat_begin_writing_sav(w, f, rows_declared), READSTAT_OK);
	struct {
		double q;
		const char *g;
		double n, d, t;
		const char *o;
	} rows[] = {
		{ 4, "A", 34, spss_time(2024, 9, 17, 0, 0, 0), spss_time(2024, 9, 17, 14, 30, 0),
		  "ä ö € ok" },
		{ 9, "H", 0.1 + 0.2, spss_time(1582, 10, 14, 0, 0, 0),
		  spss_time(2000, 2, 29, 0, 0, 0), "" },
		{ 8, "X", -12.5, spss_time(2024, 2, 29, 23, 0, 0), spss_time(2024, 12, 31, 23, 59, 59),
		  "rivi\nkaksi; \"lainaus\"" },
		{ NAN, "", 1e17, NAN, NAN, "  " },
	};
	char longtext[301];
	memset(longtext, 'x', 300);
	longtext[300] = '\0';
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_int_equal(readstat_begin_row(w), READSTAT_OK);
		if (isnan(rows[i].q))
			readstat_insert_missing_value(w, q1);
		else
			readstat_insert_double_value(w, q1, rows[i].q);
		readstat_insert_string_value(w, grp, rows[i].g);
		readstat_insert_double_value(w, num, rows[i].n);
		if (isnan(rows[i].d))
			readstat_insert_missing_value(w, day);
		else
			readstat_insert_double_value(w, day, rows[i].d);
		if (isnan(rows[i].t))
			readstat_insert_missing_value(w, at);
		else
			readstat_insert_double_value(w, at, rows[i].t);
		readstat_insert_string_value(w, txt, i == 3 ? longtext : rows[i].o);
		assert_int_equal(readstat_end_row(w), READSTAT_OK);
	}
	readstat_error_t rc = readstat_end_writing(w);
	readstat_writer_free(w);
	fclose(f);
	if (rows_declared == 4)
		assert_int_equal(rc, READSTAT_OK);
}

#define LONGX "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
#define SURVEY_RECORDS                                                                  \
	"1:Palvelut ovat saatavilla\xc2\xa0?|Vastaajaryhmä|ika|Päivä|Vastausaika|"     \
	"Mitä muuta? €\n"                                                               \
	"2:Täysin samaa mieltä|Asukas|34|2024-09-17|2024-09-17 14:30:00|ä ö € ok\n"    \
	"3:En osaa sanoa|Henkilöstö|0.3|1582-10-14|2000-02-29|\n"                       \
	"4:|X|-12.5|2024-02-29|2024-12-31 23:59:59|rivi\nkaksi; \"lainaus\"\n"          \
	"5:||1e+17|||" LONGX LONGX LONGX LONGX LONGX LONGX "\n"

static void test_survey(void **state)
{
	(void)state;
	write_survey(tmp_path("survey.sav"), 4, 0);
	char *got = read_all(NULL);
	if (!got)
		fail_msg("unexpected error: %s", g_err.msg);
	assert_string_equal(got, SURVEY_RECORDS);
	assert_string_equal(g_enc, "UTF-8");
	free(got);

	/* the same cases from a bytecode-compressed file */
	write_survey(tmp_path("compressed.sav"), 4, 1);
	got = read_all(NULL);
	if (!got)
		fail_msg("unexpected error: %s", g_err.msg);
	assert_string_equal(got, SURVEY_RECORDS);
	free(got);
}

/* Stops after the header: freeing the reader cancels the parse. */
static void test_early_free(void **state)
{
	(void)state;
	write_survey(tmp_path("early.sav"), 4, 0);
	ky_error_clear(&g_err);
	struct ky_reader *r = ky_reader_open(g_path, NULL, &g_err);
	assert_non_null(r);
	struct ky_record rec;
	assert_int_equal(ky_reader_next(r, &rec, &g_err), 1);
	assert_int_equal(rec.n_fields, 6);
	assert_string_equal(rec.field[1], "Vastaajaryhmä");
	assert_int_equal(ky_reader_next(r, &rec, &g_err), 1);
	assert_int_equal(rec.line, 2);
	assert_string_equal(rec.field[0], "Täysin samaa mieltä");
	ky_reader_free(r);
	unlink(g_path);
}

static void write_file(const char *data, size_t n)
{
	FILE *f = fopen(g_path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

static void test_errors(void **state)
{
	(void)state;
	tmp_path("fake.sav");
	write_file("$FL2 this is not an SPSS file at all", 36);
	expect_error(NULL, KY_ERR_PARSE, 0, 0, "not a readable SPSS system file");

	/* a file cut inside its data: the case where it ends */
	write_survey(tmp_path("whole.sav"), 4, 0);
	FILE *f = fopen(g_path, "rb");
	assert_non_null(f);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	unlink(g_path);
	assert_true(n > 1000 && n < sizeof(buf));
	tmp_path("cut.sav");
	write_file(buf, n - 100);       /* each case is 344 bytes: case 4 is cut */
	expect_error(NULL, KY_ERR_PARSE, 5, 0, "case 4");

	/* cut inside the dictionary */
	tmp_path("cutdict.sav");
	write_file(buf, 300);
	expect_error(NULL, KY_ERR_PARSE, 0, 0, "not a readable SPSS system file");
}

static void test_limits(void **state)
{
	(void)state;
	struct ky_reader_options o = { 0 };
	o.max_columns = 5;
	write_survey(tmp_path("wide.sav"), 4, 0);
	expect_error(&o, KY_ERR_LIMIT, 1, 6, "over the limit of 5 columns");

	o.max_columns = 0;
	o.max_cell = 200;
	write_survey(tmp_path("long.sav"), 4, 0);
	expect_error(&o, KY_ERR_LIMIT, 5, 6, "variable 'avoin': cell is larger than the limit of "
		     "200 bytes");
}

int main(void)
{
	strcpy(g_dir, "/tmp/ky_sav.XXXXXX");
	if (!mkdtemp(g_dir)) {
		perror("mkdtemp");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_survey),
		cmocka_unit_test(test_early_free),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_limits),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(g_dir);
	return rc;
}
