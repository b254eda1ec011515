/* test_ingest.c - the CSV reader on the edge cases real exports have:
 * BOM or none, ';' ',' or tab, CRLF or LF or CR, quoted delimiters, doubled
 * quotes and line breaks, Excel's sep= line, UTF-16 and Windows-1252
 * encodings, blank lines, a missing final newline; and the errors, each with
 * its file:line:column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ky_buf.h"
#include "ky_ingest.h"
#include "ky_test.h"

static char g_path[64];
static struct ky_error g_err;

/* Writes LEN bytes to a temp file and reads every record from it.  Returns
 * the records as "line:f1|f2|...\n" lines, or NULL on error (g_err set).
 * Also returns the detected delimiter in *DELIM. */
static char *read_all(const char *data, size_t len, const struct ky_reader_options *o,
		      char *delim)
{
	strcpy(g_path, "/tmp/ky_ingest.XXXXXX");
	int fd = mkstemp(g_path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	ky_error_clear(&g_err);
	struct ky_reader *r = ky_reader_open(g_path, o, &g_err);
	if (!r) {
		unlink(g_path);
		return NULL;
	}
	if (delim)
		*delim = ky_reader_delimiter(r);
	struct ky_buf b = KY_BUF_INIT;
	struct ky_record rec;
	int rc;
	while ((rc = ky_reader_next(r, &rec, &g_err)) > 0) {
		char head[32];
		snprintf(head, sizeof(head), "%lu:", rec.line);
		ky_buf_adds(&b, head);
		for (size_t i = 0; i < rec.n_fields; i++) {
			if (i)
				ky_buf_addch(&b, '|');
			assert_int_equal(strlen(rec.field[i]), rec.len[i]);
			ky_buf_adds(&b, rec.field[i]);
		}
		ky_buf_addch(&b, '\n');
	}
	ky_reader_free(r);
	unlink(g_path);
	if (rc < 0) {
		ky_buf_release(&b);
		return NULL;
	}
	ky_buf_addch(&b, '\0');
	return b.buf;
}

#define READS(data, expect_delim, expected)                                          \
	do {                                                                          \
		char d_ = 0;                                                          \
		char *got_ = read_all((data), sizeof(data) - 1, NULL, &d_);           \
		if (!got_)                                                            \
			fail_msg("unexpected error: %s", g_err.msg);                  \
		assert_string_equal(got_, (expected));                                \
		assert_int_equal(d_, (expect_delim));                                 \
		free(got_);                                                           \
	} while (0)

/* The error's text after "path:" */
static void expect_error(const char *data, size_t len, enum ky_code code, unsigned long line,
			 unsigned long column, const char *needle)
{
	char *got = read_all(data, len, NULL, NULL);
	if (got)
		fail_msg("expected an error, read:\n%s", got);
	assert_int_equal(g_err.code, code);
	assert_string_equal(g_err.path, g_path);
	assert_int_equal(g_err.line, line);
	assert_int_equal(g_err.column, column);
	if (!strstr(g_err.msg, needle))
		fail_msg("message '%s' lacks '%s'", g_err.msg, needle);
}

static void test_delimiters(void **state)
{
	(void)state;
	READS("a;b;c\n1;2;3\n", ';', "1:a|b|c\n2:1|2|3\n");
	READS("a,b,c\n1,2,3\n", ',', "1:a|b|c\n2:1|2|3\n");
	READS("a\tb\tc\n1\t2\t3\n", '\t', "1:a|b|c\n2:1|2|3\n");
	/* commas inside a semicolon file do not fool the detection */
	READS("\"x, y\";b\n1;2\n", ';', "1:x, y|b\n2:1|2\n");
	/* a one-column file */
	READS("answer\nyes\n", ',', "1:answer\n2:yes\n");
	/* Excel's sep= line names the delimiter and is not a record */
	READS("sep=;\r\na,b;c\r\n", ';', "2:a,b|c\n");
}

/* The separator from the records (issue #21): the candidate that splits the
 * most records into the same number of fields, not the header's counts. */
static void test_separator_from_records(void **state)
{
	(void)state;
	/* a header with more commas than semicolons */
	READS("Kysymys, jossa, on, pilkkuja;b\n1;2\n3;4\n", ';',
	      "1:Kysymys, jossa, on, pilkkuja|b\n2:1|2\n3:3|4\n");
	/* a comma file whose quoted texts hold semicolons */
	READS("a;x,\"y;z\"\n1,\"p;q;r\"\n2,s\n", ',', "1:a;x|y;z\n2:1|p;q;r\n3:2|s\n");
	READS("a|b, c\n1|2\n", '|', "1:a|b, c\n2:1|2\n");
	/* ';' and ',' both even: the data rows' commas are decimal commas */
	READS("Arvo, 4-10;K\n8,5;A\n9,0;B\n", ';', "1:Arvo, 4-10|K\n2:8,5|A\n3:9,0|B\n");
	/* a quote inside a field under ',' disqualifies it */
	READS("a,b;c,d\n\"x,y\";z,w\n1,2;3,4\n", ';', "1:a,b|c,d\n2:x,y|z,w\n3:1,2|3,4\n");
	/* a lone CR inside an LF file ends its record */
	READS("a;b\n1;2\r3;4\n5;6\n", ';', "1:a|b\n2:1|2\n3:3|4\n4:5|6\n");
	/* the header alone (one record): the header's counts */
	READS("a;b,c;d\n", ';', "1:a|b,c|d\n");
	static const char tie[] = "a,b;c\nx,2;3\ny,5;6\n";
	expect_error(tie, sizeof(tie) - 1, KY_ERR_DATA, 1, 0,
		     "';' (2 fields) and ',' (2 fields) both split 3 of the first 3 records evenly; "
		     "give --delimiter ';' or --delimiter ','");
}

static void test_bom_and_line_ends(void **state)
{
	(void)state;
	READS("\xEF\xBB\xBFKysymys;Vastaus\r\nÄ;ö\r\n", ';', "1:Kysymys|Vastaus\n2:Ä|ö\n");
	READS("a;b\r\n1;2", ';', "1:a|b\n2:1|2\n");           /* no final newline */
	READS("a;b\r1;2\r", ';', "1:a|b\n2:1|2\n");           /* old Mac CR only */
	READS("a;b\n\n\r\n1;2\n\n", ';', "1:a|b\n4:1|2\n");   /* blank lines skipped */
	READS("a;b\n;\n", ';', "1:a|b\n2:|\n");               /* empty cells kept */
}

static void test_quoting(void **state)
{
	(void)state;
	/* embedded delimiter, doubled quotes, line breaks; the next record's
	 * line is its physical line */
	READS("id;text\n1;\"a;b \"\"c\"\"\nline 2\r\nline 3\"\n2;x\n", ';',
	      "1:id|text\n2:1|a;b \"c\"\nline 2\r\nline 3\n5:2|x\n");
	READS("a,b\n\"\",\"\"\"\"\n", ',', "1:a|b\n2:|\"\n");
	/* spaces and tabs around unquoted cells are trimmed; quoted ones kept */
	READS("a;b\n x ;\ty \n\" x \";\"y\t\"\n", ';', "1:a|b\n2:x|y\n3: x |y\t\n");
}

static void test_encodings(void **state)
{
	(void)state;
	/* Windows-1252: ä = E4, ö = F6, € = 80 */
	READS("kys;vas\nT\xE4ysin samaa mielt\xE4;\x80\n", ';',
	      "1:kys|vas\n2:Täysin samaa mieltä|€\n");
	/* a small Windows-1252 file whose only non-ASCII byte is near its end */
	READS("a;b\nx;Kyll\xE4\n", ';', "1:a|b\n2:x|Kyllä\n");
	/* UTF-16LE with BOM: "a;ä\n1;2\n" */
	static const char u16[] = "\xFF\xFE" "a\0;\0\xE4\0\n\0" "1\0;\0" "2\0\n\0";
	char d = 0;
	char *got = read_all(u16, sizeof(u16) - 1, NULL, &d);
	if (!got)
		fail_msg("%s", g_err.msg);
	assert_string_equal(got, "1:a|ä\n2:1|2\n");
	free(got);
}

static void test_errors(void **state)
{
	(void)state;
	static const char unclosed[] = "a;b\n1;2\n3;\"never closed\n4;5\n";
	expect_error(unclosed, sizeof(unclosed) - 1, KY_ERR_PARSE, 3, 2, "never closed");
	static const char stray[] = "a;b\n1;x\"y\n";
	expect_error(stray, sizeof(stray) - 1, KY_ERR_PARSE, 2, 2, "stray quote");
	static const char after[] = "a;b\n1;\"x\"y\n";
	expect_error(after, sizeof(after) - 1, KY_ERR_PARSE, 2, 2, "stray quote");
	/* valid UTF-8 at the start, a broken sequence later */
	static const char bad_utf8[] = "a;b\nä;ö\n1;\xC3\x28\n";
	expect_error(bad_utf8, sizeof(bad_utf8) - 1, KY_ERR_PARSE, 3, 2, "invalid UTF-8");
	static const char nul[] = "a;b\n1;\0\n";
	expect_error(nul, sizeof(nul) - 1, KY_ERR_PARSE, 2, 0, "NUL byte");
	expect_error("", 0, KY_ERR_DATA, 0, 0, "empty");

	ky_error_clear(&g_err);
	assert_null(ky_reader_open("/nonexistent/export.csv", NULL, &g_err));
	assert_int_equal(g_err.code, KY_ERR_IO);
	assert_string_equal(g_err.path, "/nonexistent/export.csv");
	assert_non_null(strstr(g_err.msg, "cannot open"));
}

/* Cells are checked eight ASCII bytes at a time: invalid UTF-8 and NUL
 * characters after, inside and across such runs, with the byte reported. */
static void test_cell_check(void **state)
{
	(void)state;
	READS("a;b\n1;Erittäin merkittävä vaikutus € \xF0\x9D\x84\x9E ok\n", ';',
	      "1:a|b\n2:1|Erittäin merkittävä vaikutus € \xF0\x9D\x84\x9E ok\n");
	static const char late[] = "a;b\n\xC3\xA4;\xC3\xB6\n1;abcdefghijk\xC3\x28\n";
	expect_error(late, sizeof(late) - 1, KY_ERR_PARSE, 3, 2, "(byte 12)");
	static const char surrogate[] = "a;b\n\xC3\xA4;\xC3\xB6\n1;abcdefgh\xED\xA0\x80\n";
	expect_error(surrogate, sizeof(surrogate) - 1, KY_ERR_PARSE, 3, 2, "(byte 9)");
	static const char cut[] = "a;b\n\xC3\xA4;\xC3\xB6\n1;abcdefg\xC3\n";
	expect_error(cut, sizeof(cut) - 1, KY_ERR_PARSE, 3, 2, "(byte 8)");
	/* with a UTF-8 BOM the first block reaches the cells unchecked for NUL */
	static const char nul[] = "\xEF\xBB\xBF" "a;b\n1;abcdefghij\0k\n";
	expect_error(nul, sizeof(nul) - 1, KY_ERR_PARSE, 2, 2, "NUL character in field 2");
	static const char nul_late[] = "\xEF\xBB\xBF" "a;b\n1;\xC3\x28zzzzzzzzz\0\n";
	expect_error(nul_late, sizeof(nul_late) - 1, KY_ERR_PARSE, 2, 2, "NUL character");
}

static void test_limits(void **state)
{
	(void)state;
	struct ky_reader_options o = { .max_cell = 8, .max_columns = 3 };
	char *got = read_all("a;b\n123456789;x\n", 16, &o, NULL);
	assert_null(got);
	assert_int_equal(g_err.code, KY_ERR_LIMIT);
	assert_int_equal(g_err.line, 2);
	assert_int_equal(g_err.column, 1);
	got = read_all("a;b;c;d\n", 8, &o, NULL);
	assert_null(got);
	assert_int_equal(g_err.code, KY_ERR_LIMIT);
	assert_int_equal(g_err.column, 4);
	/* at the limits exactly: fine */
	got = read_all("a;b;c\n12345678;x;y\n", 19, &o, NULL);
	assert_non_null(got);
	assert_string_equal(got, "1:a|b|c\n2:12345678|x|y\n");
	free(got);
}

/* A large field with many line breaks across the reader's block boundary. */
static void test_big_quoted_field(void **state)
{
	(void)state;
	struct ky_buf in = KY_BUF_INIT, want = KY_BUF_INIT;
	ky_buf_adds(&in, "id;open\n1;\"");
	ky_buf_adds(&want, "1:id|open\n2:1|");
	for (int i = 0; i < 40000; i++) {
		ky_buf_adds(&in, "rivi \"\"lainaus\"\"; ja\n");
		ky_buf_adds(&want, "rivi \"lainaus\"; ja\n");
	}
	ky_buf_adds(&in, "\"\n2;x\n");
	ky_buf_adds(&want, "\n40003:2|x\n");     /* header + 40001 lines of the field */
	ky_buf_addch(&want, '\0');
	char *got = read_all(in.buf, in.len, NULL, NULL);
	if (!got)
		fail_msg("%s", g_err.msg);
	size_t at = 0;
	while (got[at] && got[at] == want.buf[at])
		at++;
	if (got[at] != want.buf[at])
		fail_msg("differs at byte %zu of %zu: '%.40s' vs '%.40s'", at, want.len, got + at,
			 want.buf + at);
	free(got);
	ky_buf_release(&in);
	ky_buf_release(&want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delimiters),
		cmocka_unit_test(test_separator_from_records),
		cmocka_unit_test(test_bom_and_line_ends),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_cell_check),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_big_quoted_field),
	};
	return cmocka_run_group_tests_name("ingest", tests, NULL, NULL);
}
