/* test_xlsx.c - the XLSX reader: workbooks written by libxlsxwriter (shared
 * strings, numbers, dates, booleans, merged headers, gaps) and small zips
 * built here with libzip for what a writer library will not produce (inline
 * strings, cells without r=, _xHHHH_ escapes, 1900/1904 date corners) and
 * for the errors, each with its code and position. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zip.h>

#include "ky_buf.h"
#include "ky_ingest.h"
#include "ky_table.h"
#include "ky_test.h"

static char g_dir[64];
static char g_path[128];
static char g_sheet[64];
static struct ky_error g_err;

/* Sets g_path to NAME inside the temp directory. */
static const char *tmp_path(const char *name)
{
	snprintf(g_path, sizeof(g_path), "%s/%s", g_dir, name);
	return g_path;
}

/* Reads every record of g_path as "line:f1|f2|...\n" lines, or returns NULL
 * on error (g_err set).  The sheet name goes to g_sheet.  Removes the file. */
static char *read_all(const struct ky_reader_options *o)
{
	return ky_test_records(g_path, o, "XLSX", ky_reader_sheet, g_sheet, sizeof(g_sheet), &g_err);
}

static void expect_records(const struct ky_reader_options *o, const char *sheet,
			   const char *expected)
{
	char *got = read_all(o);
	if (!got)
		fail_msg("unexpected error: %s", g_err.msg);
	assert_string_equal(got, expected);
	assert_string_equal(g_sheet, sheet);
	free(got);
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

/* ---- hand-built workbooks -------------------------------------------------- */

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	   "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define SHEET(body) "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet " NS ">" body \
		    "</worksheet>"
#define SST(body) "<?xml version=\"1.0\"?><sst " NS ">" body "</sst>"

/* Writes a zip of the NULL-terminated name/content pairs to g_path. */
static void make_zip(const char *const *parts)
{
	int code;
	zip_t *z = zip_open(g_path, ZIP_CREATE | ZIP_TRUNCATE, &code);
	assert_non_null(z);
	for (; parts[0]; parts += 2) {
		zip_source_t *src = zip_source_buffer(z, parts[1], strlen(parts[1]), 0);
		assert_non_null(src);
		assert_true(zip_file_add(z, parts[0], src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
}

/* A workbook whose first sheet "S" is SHEET_XML at TARGET, with optional
 * shared strings, styles and <workbookPr> attributes. */
static void make_book(const char *sheet_xml, const char *sst, const char *styles,
		      const char *pr, const char *target)
{
	char wb[1024], rels[1024];
	snprintf(wb, sizeof(wb),
		 "<?xml version=\"1.0\"?><workbook " NS "><workbookPr %s/><sheets>"
		 "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId7\"/>"
		 "<sheet name=\"Other\" sheetId=\"2\" r:id=\"rId8\"/></sheets></workbook>",
		 pr ? pr : "");
	snprintf(rels, sizeof(rels),
		 "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats."
		 "org/package/2006/relationships\"><Relationship Id=\"rId8\" Type=\"ws\" "
		 "Target=\"worksheets/other.xml\"/><Relationship Id=\"rId7\" Type=\"ws\" "
		 "Target=\"%s\"/></Relationships>", target ? target : "worksheets/sheet1.xml");
	const char *name = "xl/worksheets/sheet1.xml";
	if (target && target[0] == '/')
		name = target + 1;
	const char *parts[16] = {
		"xl/workbook.xml", wb, "xl/_rels/workbook.xml.rels", rels, name, sheet_xml,
		"xl/worksheets/other.xml", SHEET("<sheetData><row r=\"1\"><c r=\"A1\"><v>9</v>"
						 "</c></row></sheetData>"),
	};
	int n = 8;
	if (sst)
		parts[n++] = "xl/sharedStrings.xml", parts[n++] = sst;
	if (styles)
		parts[n++] = "xl/styles.xml", parts[n++] = styles;
	make_zip(parts);
}

static void test_inline_strings_and_escapes(void **state)
{
	(void)state;
	tmp_path("inline.xlsx");
	make_book(SHEET("<sheetData>"
			"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Nimi</t></is></c>"
			"<c t=\"inlineStr\"><is><r><t>Ri</t></r><r><rPr><b/></rPr><t>ch</t></r>"
			"<rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh></is></c>"
			"<c r=\"D1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">a_x000D_\nb "
			"_x00E4_ _x005F_x _xD83D__xDE00_</t></is></c></row>"
			/* no r= on the third cell: it follows B2 */
			"<row r=\"2\"><c r=\"B2\"><v>1</v></c><c><v>2</v></c></row>"
			"<row r=\"3\"><c r=\"A3\" t=\"str\"><f>A1</f><v>x_x000D__x000A_y</v></c>"
			"</row></sheetData>"),
		  NULL, NULL, NULL, NULL);
	expect_records(NULL, "S", "1:Nimi|Rich||a\nb ä _x 😀\n2:|1|2|\n3:x\ny|||\n");
}

static void test_numbers_and_types(void **state)
{
	(void)state;
	tmp_path("types.xlsx");
	make_book(SHEET("<sheetData>"
			"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v>"
			"</c><c r=\"C1\" t=\"s\"><v>2</v></c></row>"
			"<row r=\"2\"><c r=\"A2\"><v>0.30000000000000004</v></c><c r=\"B2\"><v>5"
			"</v></c><c r=\"C2\" t=\"n\"><v>1E-3</v></c><c r=\"D2\"><v>-12.50</v></c>"
			"<c r=\"E2\"><v>123456789012345678</v></c></row>"
			"<row r=\"3\"><c r=\"A3\" t=\"b\"><v>0</v></c><c r=\"B3\" t=\"e\"><v>#N/A"
			"</v></c><c r=\"C3\" t=\"str\"><v>abc</v></c><c r=\"D3\"/></row>"
			"</sheetData>"),
		  SST("<si><t>Kysymys ä</t></si>"
		      "<si><r><t>ö</t></r><r><rPr><i/></rPr><t xml:space=\"preserve\"> €</t></r>"
		      "<rPh sb=\"0\" eb=\"1\"><t>フリガナ</t></rPh></si>"
		      "<si><t>&lt;tag&gt; &amp;</t></si>"),
		  NULL, NULL, NULL);
	expect_records(NULL, "S",
		       "1:Kysymys ä|ö €|<tag> &\n"
		       "2:0.3|5|0.001|-12.5|1.23456789012346e+17\n"
		       "3:FALSE|#N/A|abc\n");
}

#define STYLES                                                                        \
	"<?xml version=\"1.0\"?><styleSheet " NS "><numFmts count=\"3\">"                \
	"<numFmt numFmtId=\"164\" formatCode=\"d\\.m\\.yyyy\"/>"                          \
	"<numFmt numFmtId=\"165\" formatCode=\"&quot;Day&quot; 0\"/>"                     \
	"<numFmt numFmtId=\"166\" formatCode=\"[Red]0.00\"/></numFmts>"                   \
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"                  \
	"<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"                  \
	"<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/>"              \
	"<xf numFmtId=\"22\"/><xf numFmtId=\"20\"/></cellXfs></styleSheet>"

static void test_dates(void **state)
{
	(void)state;
	tmp_path("dates.xlsx");
	make_book(SHEET("<sheetData><row r=\"1\">"
			"<c r=\"A1\" s=\"1\"><v>60</v></c><c r=\"B1\" s=\"1\"><v>59</v></c>"
			"<c r=\"C1\" s=\"1\"><v>61</v></c><c r=\"D1\" s=\"2\"><v>45552.5</v></c>"
			"<c r=\"E1\" s=\"3\"><v>7</v></c><c r=\"F1\" s=\"4\"><v>1.5</v></c>"
			"<c r=\"G1\" s=\"6\"><v>0.75</v></c>"
			"<c r=\"H1\" s=\"5\"><v>45552.60416666666</v></c>"
			"<c r=\"I1\" s=\"1\"><v>1</v></c><c r=\"J1\" s=\"5\"><v>45552.99999999</v>"
			"</c><c r=\"K1\" s=\"0\"><v>45552</v></c><c r=\"L1\" s=\"99\"><v>2</v>"
			"</c></row></sheetData>"),
		  NULL, STYLES, NULL, NULL);
	expect_records(NULL, "S",
		       "1:1900-02-29|1900-02-28|1900-03-01|2024-09-17 12:00:00|7|1.5|18:00:00|"
		       "2024-09-17 14:30:00|1900-01-01|2024-09-18|45552|2\n");

	tmp_path("dates1904.xlsx");
	make_book(SHEET("<sheetData><row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c>"
			"<c r=\"B1\" s=\"1\"><v>43920</v></c><c r=\"C1\" s=\"5\"><v>43920.25</v>"
			"</c></row></sheetData>"),
		  NULL, STYLES, "date1904=\"1\"", NULL);
	expect_records(NULL, "S", "1:1904-01-01|2024-03-31|2024-03-31 06:00:00\n");
}

static void test_merged_header(void **state)
{
	(void)state;
	tmp_path("merged.xlsx");
	make_book(SHEET("<sheetData>"
			"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Q1</t></is></c>"
			"<c r=\"B1\" t=\"inlineStr\"><is><t>Q2</t></is></c><c r=\"C1\" s=\"1\"/>"
			"</row><row r=\"2\"><c r=\"A2\" s=\"1\"/><c r=\"B2\" t=\"inlineStr\"><is>"
			"<t>a</t></is></c><c r=\"C2\" t=\"inlineStr\"><is><t>b</t></is></c></row>"
			"<row r=\"3\"><c r=\"A3\"><v>1</v></c><c r=\"B3\"><v>2</v></c>"
			"<c r=\"C3\"><v>3</v></c></row>"
			"<row r=\"10\"><c r=\"A10\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
			"</sheetData><mergeCells count=\"3\"><mergeCell ref=\"A1:A2\"/>"
			"<mergeCell ref=\"B1:C1\"/><mergeCell ref=\"A10:B10\"/></mergeCells>"),
		  NULL, NULL, NULL, "/xl/worksheets/data.xml");
	expect_records(NULL, "S", "1:Q1|Q2|Q2\n2:Q1|a|b\n3:1|2|3\n10:x||\n");
}

static void test_sheet_without_workbook(void **state)
{
	(void)state;
	tmp_path("bare.xlsx");
	const char *parts[] = { "xl/worksheets/sheet1.xml",
				SHEET("<sheetData><row><c><v>1</v></c></row></sheetData>"), NULL };
	make_zip(parts);
	expect_records(NULL, "Sheet1", "1:1\n");
}

/* ---- libxlsxwriter workbooks ---------------------------------------------- */

static void write_survey(const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	assert_non_null(wb);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Vastaukset");
	lxw_format *dt = workbook_add_format(wb);
	format_set_num_format(dt, "yyyy-mm-dd hh:mm");
	lxw_format *d = workbook_add_format(wb);
	format_set_num_format_index(d, 14);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_datetime when = { 2024, 9, 17, 14, 30, 0 }, day = { 2024, 9, 17, 0, 0, 0 };

	worksheet_merge_range(ws, 0, 0, 0, 1, "Kysymys ä/ö", bold);
	worksheet_write_string(ws, 0, 2, "Hinta €", NULL);
	worksheet_write_string(ws, 0, 3, "Aika", NULL);
	worksheet_write_string(ws, 0, 4, "Päivä", NULL);
	worksheet_write_string(ws, 0, 5, "OK", NULL);
	worksheet_write_string(ws, 1, 0, "ä", NULL);
	worksheet_write_number(ws, 1, 1, 3, NULL);
	worksheet_write_number(ws, 1, 2, 2.5, NULL);
	worksheet_write_datetime(ws, 1, 3, &when, dt);
	worksheet_write_datetime(ws, 1, 4, &day, d);
	worksheet_write_boolean(ws, 1, 5, 1, NULL);
	worksheet_write_string(ws, 2, 0, "x", NULL);
	worksheet_write_number(ws, 2, 2, 0.1 + 0.2, NULL);
	worksheet_write_blank(ws, 2, 5, bold);          /* a styled empty cell */
	worksheet_write_string(ws, 4, 0, "€", NULL);   /* row 4 is missing */
	worksheet_write_boolean(ws, 4, 5, 0, NULL);
	worksheet_write_string(ws, 5, 1, "y", NULL);
	worksheet_write_string(ws, 6, 7, "z", NULL);    /* beyond the header */
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void test_written_workbook(void **state)
{
	(void)state;
	write_survey(tmp_path("survey.xlsx"));
	expect_records(NULL, "Vastaukset",
		       "1:Kysymys ä/ö|Kysymys ä/ö|Hinta €|Aika|Päivä|OK\n"
		       "2:ä|3|2.5|2024-09-17 14:30:00|2024-09-17|TRUE\n"
		       "3:x||0.3|||\n"
		       "5:€|||||FALSE\n"
		       "6:|y||||\n"
		       "7:|||||||z\n");
}

/* ---- errors ------------------------------------------------------------------ */

static void write_file(const char *data, size_t n)
{
	FILE *f = fopen(g_path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

static void test_not_a_workbook(void **state)
{
	(void)state;
	tmp_path("garbage.xlsx");
	write_file("PK\x03\x04garbage", 11);
	expect_error(NULL, KY_ERR_PARSE, 0, 0, "not an XLSX workbook");

	/* the first half of a real workbook */
	write_survey(tmp_path("whole.xlsx"));
	FILE *f = fopen(g_path, "rb");
	assert_non_null(f);
	char buf[65536];
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_true(n > 1000 && n < sizeof(buf));
	unlink(g_path);
	tmp_path("half.xlsx");
	write_file(buf, n / 2);
	expect_error(NULL, KY_ERR_PARSE, 0, 0, "not an XLSX workbook");

	tmp_path("nosheet.xlsx");
	const char *parts[] = { "hello.txt", "hello", NULL };
	make_zip(parts);
	expect_error(NULL, KY_ERR_PARSE, 0, 0, "no worksheet in the workbook");
}

static void test_bad_cells(void **state)
{
	(void)state;
	tmp_path("range.xlsx");
	make_book(SHEET("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
			"<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"C2\" t=\"s\"><v>5</v></c>"
			"</row></sheetData>"),
		  SST("<si><t>a</t></si><si><t>b</t></si>"), NULL, NULL, NULL);
	expect_error(NULL, KY_ERR_PARSE, 2, 3, "sheet 'S': shared string index '5' out of range");

	tmp_path("nosst.xlsx");
	make_book(SHEET("<sheetData><row r=\"4\"><c r=\"B4\" t=\"s\"><v>0</v></c></row>"
			"</sheetData>"), NULL, NULL, NULL, NULL);
	expect_error(NULL, KY_ERR_PARSE, 4, 2, "no shared strings");

	tmp_path("malformed.xlsx");
	make_book(SHEET("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
			"<row r=\"2\"><c r=\"B2\"><v>2</v></c><c r=\"C2\"><v>3</x></c>"),
		  NULL, NULL, NULL, NULL);
	expect_error(NULL, KY_ERR_PARSE, 2, 3, "sheet 'S': malformed XML");

	tmp_path("truncated.xlsx");
	make_book("<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
		  "<row r=\"2\"><c r=\"B2\"><v>2", NULL, NULL, NULL, NULL);
	expect_error(NULL, KY_ERR_PARSE, 2, 2, "sheet 'S': malformed XML");

	tmp_path("empty.xlsx");
	make_book(SHEET("<sheetData><row r=\"1\"><c r=\"A1\" s=\"1\"/></row></sheetData>"),
		  NULL, NULL, NULL, NULL);
	expect_error(NULL, KY_ERR_DATA, 0, 0, "the first sheet 'S' is empty");
}

/* Rewrites the uncompressed size that g_path's local and central headers
 * declare for the entry NAME. */
static void declare_size(const char *name, unsigned size)
{
	static unsigned char b[65536];
	FILE *f = fopen(g_path, "rb");
	assert_non_null(f);
	size_t n = fread(b, 1, sizeof(b), f), len = strlen(name), patched = 0;
	fclose(f);
	for (size_t q = 46; q + len <= n; q++) {
		if (memcmp(b + q, name, len))
			continue;
		size_t at = !memcmp(b + q - 30, "PK\x03\x04", 4) ? q - 30 + 22
			  : !memcmp(b + q - 46, "PK\x01\x02", 4) ? q - 46 + 24 : 0;
		for (int i = 0; at && i < 4; i++)
			b[at + i] = (unsigned char)(size >> (8 * i));
		patched += at != 0;
	}
	assert_int_equal(patched, 2);
	write_file((const char *)b, n);
}

static void test_limits(void **state)
{
	(void)state;
	struct ky_reader_options o = { 0 };
	struct ky_buf s = KY_BUF_INIT;
	ky_buf_adds(&s, SHEET("<sheetData>"));
	for (int i = 1; i <= 100; i++)
		ky_buf_addf(&s, "<row r=\"%d\"><c r=\"A%d\"><v>%d</v></c></row>", i, i, i);
	ky_buf_adds(&s, "</sheetData></worksheet>");
	tmp_path("big.xlsx");
	make_book(s.buf, NULL, NULL, NULL, NULL);
	o.max_unzipped = 2000;
	expect_error(&o, KY_ERR_LIMIT, 0, 0, "xl/worksheets/sheet1.xml decompresses to");

	/* a zip that declares a small sheet part but inflates to more: the
	 * bytes read are counted */
	tmp_path("liar.xlsx");
	make_book(s.buf, NULL, NULL, NULL, NULL);
	declare_size("xl/worksheets/sheet1.xml", 100);
	o.max_unzipped = 3000;
	expect_error(&o, KY_ERR_LIMIT, 0, 0, "decompresses to more than 3000 bytes");
	ky_buf_release(&s);

	tmp_path("longcell.xlsx");
	make_book(SHEET("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
			"<row r=\"2\"><c r=\"C2\" t=\"inlineStr\"><is><t>"
			"0123456789012345678901234567890123456789012345678901234567890"
			"</t></is></c></row></sheetData>"), NULL, NULL, NULL, NULL);
	o.max_unzipped = 0;
	o.max_cell = 50;
	expect_error(&o, KY_ERR_LIMIT, 2, 3, "larger than the limit of 50 bytes");

	lxw_workbook *wb = workbook_new(tmp_path("longshared.xlsx"));
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Pitkä");
	worksheet_write_string(ws, 0, 0, "id", NULL);
	worksheet_write_string(ws, 2, 1, "ääääääääääääääääääääääääääääääääääääää", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	expect_error(&o, KY_ERR_LIMIT, 3, 2, "sheet 'Pitkä': cell is larger");

	tmp_path("wide.xlsx");
	make_book(SHEET("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c>"
			"<c r=\"L1\"><v>2</v></c></row></sheetData>"), NULL, NULL, NULL, NULL);
	o.max_cell = 0;
	o.max_columns = 10;
	expect_error(&o, KY_ERR_LIMIT, 1, 12, "beyond the limit of 10 columns");
}

int main(void)
{
	strcpy(g_dir, "/tmp/ky_xlsx.XXXXXX");
	if (!mkdtemp(g_dir)) {
		perror("mkdtemp");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inline_strings_and_escapes),
		cmocka_unit_test(test_numbers_and_types),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_merged_header),
		cmocka_unit_test(test_sheet_without_workbook),
		cmocka_unit_test(test_written_workbook),
		cmocka_unit_test(test_not_a_workbook),
		cmocka_unit_test(test_bad_cells),
		cmocka_unit_test(test_limits),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(g_dir);
	return rc;
}
