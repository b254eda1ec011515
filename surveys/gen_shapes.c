/* gen_shapes.c - writes the bundled sample survey in the other shapes an
 * analyst gets, with real writers: Excel's "Unicode text" (UTF-16LE with a
 * BOM, tab-separated), a Windows-1252 ';' CSV, an XLSX workbook
 * (libxlsxwriter) and an SPSS system file (ReadStat).  Every file is
 * byte-deterministic (fixed creation times).
 *
 * The SPSS file takes its scales from kysely's own survey model
 * (ky_survey_read): a scale column becomes numeric codes 1..k with the scale's
 * labels as value labels in scale order, its non-substantive answers codes
 * 9, 8, ... (labelled and declared user-missing); other columns whose every
 * answer is an integer become numbers, answer times DATETIME values; the
 * rest stay strings.  Each header
 * is the variable's label; the names are Q1, Q2, ...
 *
 * usage: gen_shapes SAMPLE.csv OUTDIR  (build with `make shapes`)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <readstat.h>
#include <xlsxwriter.h>

#include "ky_buf.h"
#include "ky_ingest.h"
#include "ky_survey.h"

#define FIXED_TIME 1726531200   /* 2024-09-17 00:00:00 UTC */

struct table {
	size_t n_cols, n_rows;
	char **header;
	char ***cell;           /* [n_rows][n_cols] */
};

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "gen_shapes: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	exit(1);
}

/* The sample is 125 rows: kept whole here (a generator, not the engine). */
static void load(const char *path, struct table *t)
{
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_reader *r = ky_reader_open(path, NULL, &err);
	if (!r)
		die("cannot read the sample", err.msg);
	struct ky_record rec;
	int rc;
	memset(t, 0, sizeof(*t));
	while ((rc = ky_reader_next(r, &rec, &err)) > 0) {
		char **row = ky_xcalloc(rec.n_fields, sizeof(*row));
		for (size_t i = 0; i < rec.n_fields; i++)
			row[i] = ky_xstrndup(rec.field[i], rec.len[i]);
		if (!t->header) {
			t->header = row;
			t->n_cols = rec.n_fields;
			continue;
		}
		if (rec.n_fields != t->n_cols)
			die("ragged sample", NULL);
		t->cell = ky_xrealloc(t->cell, (t->n_rows + 1) * sizeof(*t->cell));
		t->cell[t->n_rows++] = row;
	}
	if (rc < 0)
		die("cannot read the sample", err.msg);
	ky_reader_free(r);
}

static FILE *create(const char *dir, const char *name, char *path, size_t n)
{
	snprintf(path, n, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		die(path, strerror(errno));
	return f;
}

/* ---- delimited text ------------------------------------------------------ */

/* Cell S quoted when it holds the delimiter, a quote or a line break. */
static void put_cell(struct ky_buf *b, const char *s, char delim)
{
	if (!strchr(s, delim) && !strpbrk(s, "\"\r\n")) {
		ky_buf_adds(b, s);
		return;
	}
	ky_buf_addch(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			ky_buf_addch(b, '"');
		ky_buf_addch(b, *s);
	}
	ky_buf_addch(b, '"');
}

static void delimited(const struct table *t, char delim, struct ky_buf *b)
{
	for (size_t r = 0; r <= t->n_rows; r++) {
		char **row = r ? t->cell[r - 1] : t->header;
		for (size_t c = 0; c < t->n_cols; c++) {
			if (c)
				ky_buf_addch(b, delim);
			put_cell(b, row[c], delim);
		}
		ky_buf_adds(b, "\r\n");
	}
}

/* The next code point of UTF-8 text S (valid: it came from the reader). */
static unsigned long next_cp(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned long c = *p++;
	int k = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
	if (k)
		c &= 0x3F >> k;
	while (k--)
		c = (c << 6) | (*p++ & 0x3F);
	*s = p;
	return c;
}

static void write_utf16(const struct table *t, const char *dir)
{
	struct ky_buf b = KY_BUF_INIT;
	delimited(t, '\t', &b);
	char path[512];
	FILE *f = create(dir, "asukas-henkilosto-2024-utf16.txt", path, sizeof(path));
	fputc(0xFF, f), fputc(0xFE, f);
	for (const unsigned char *s = (const unsigned char *)b.buf; *s;) {
		unsigned long c = next_cp(&s);
		if (c >= 0x10000) {
			c -= 0x10000;
			unsigned long hi = 0xD800 + (c >> 10), lo = 0xDC00 + (c & 0x3FF);
			fputc((int)(hi & 0xFF), f), fputc((int)(hi >> 8), f);
			fputc((int)(lo & 0xFF), f), fputc((int)(lo >> 8), f);
		} else {
			fputc((int)(c & 0xFF), f), fputc((int)(c >> 8), f);
		}
	}
	if (fclose(f))
		die(path, strerror(errno));
	ky_buf_release(&b);
}

/* Windows-1252 byte of code point C, or -1. */
static int cp1252(unsigned long c)
{
	static const unsigned short hi[32] = {
		0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030,
		0x0160, 0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D,
		0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
		0x0178 };
	if (c < 0x80 || (c >= 0xA0 && c <= 0xFF))
		return (int)c;
	for (int i = 0; i < 32; i++)
		if (hi[i] && hi[i] == c)
			return 0x80 + i;
	return -1;
}

static void write_cp1252(const struct table *t, const char *dir)
{
	struct ky_buf b = KY_BUF_INIT;
	delimited(t, ';', &b);
	char path[512];
	FILE *f = create(dir, "asukas-henkilosto-2024-cp1252.csv", path, sizeof(path));
	for (const unsigned char *s = (const unsigned char *)b.buf; *s;) {
		int c = cp1252(next_cp(&s));
		if (c < 0)
			die("a character Windows-1252 cannot hold", NULL);
		fputc(c, f);
	}
	if (fclose(f))
		die(path, strerror(errno));
	ky_buf_release(&b);
}

/* ---- XLSX ---------------------------------------------------------------------- */

/* Whether S is an integer without sign or leading zero ("0" allowed). */
static int is_int(const char *s)
{
	if (!*s || (s[0] == '0' && s[1]))
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static void write_xlsx(const struct table *t, const char *dir)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/asukas-henkilosto-2024.xlsx", dir);
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		die(path, "cannot create");
	lxw_doc_properties props = { 0 };
	props.title = "asukas-henkilosto-2024";
	props.author = "kysely gen_shapes";
	props.created = FIXED_TIME;
	workbook_set_properties(wb, &props);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Vastaukset");
	for (size_t r = 0; r <= t->n_rows; r++) {
		char **row = r ? t->cell[r - 1] : t->header;
		for (size_t c = 0; c < t->n_cols; c++) {
			if (!row[c][0])
				continue;
			if (r && is_int(row[c]))
				worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, atof(row[c]), NULL);
			else
				worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, row[c], NULL);
		}
	}
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR)
		die(path, lxw_strerror(e));
}

/* "d.m.yyyy hh:mm" (Webropol's answer time) as seconds since 1582-10-14,
 * or -1 when S is not one. */
static double spss_moment(const char *s)
{
	int d, m, y, hh, mm, n = 0;
	if (sscanf(s, "%d.%d.%d %d:%d%n", &d, &m, &y, &hh, &mm, &n) != 5 || s[n] || m < 1 ||
	    m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59)
		return -1;
	/* days from 1970-01-01 of a proleptic Gregorian date */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
	return (double)days * 86400.0 + 12219379200.0 + hh * 3600.0 + mm * 60.0;
}

/* ---- SPSS ---------------------------------------------------------------------- */

static ssize_t sav_out(const void *data, size_t len, void *ctx)
{
	return (ssize_t)fwrite(data, 1, len, ctx);
}

/* The code of TEXT in scale column C: 1..k, 9, 8, ... for non-substantive
 * answers, 0 when empty, -1 when unknown. */
static int code_of(const struct ky_column *c, const char *text)
{
	if (!*text)
		return 0;
	for (size_t i = 0; i < c->scale.n_levels; i++)
		if (!strcmp(c->scale.label[i], text))
			return (int)i + 1;
	for (size_t i = 0; i < c->n_nonsub; i++)
		if (!strcmp(c->nonsub_label[i], text))
			return 9 - (int)i;
	return -1;
}

static void write_sav(const struct table *t, const struct ky_survey *sv, const char *dir)
{
	char path[512];
	FILE *f = create(dir, "asukas-henkilosto-2024.sav", path, sizeof(path));
	readstat_writer_t *w = readstat_writer_init();
	readstat_set_data_writer(w, sav_out);
	readstat_writer_set_file_timestamp(w, FIXED_TIME);
	readstat_writer_set_file_label(w, "asukas-henkilosto-2024 (synthetic)");
	readstat_writer_set_compression(w, READSTAT_COMPRESS_ROWS);
	enum { K_STRING, K_NUMBER, K_SCALE, K_MOMENT } *kind = ky_xcalloc(t->n_cols, sizeof(*kind));
	readstat_variable_t **var = ky_xcalloc(t->n_cols, sizeof(*var));
	for (size_t c = 0; c < t->n_cols; c++) {
		const struct ky_column *col = &sv->col[c];
		char name[32];
		snprintf(name, sizeof(name), "Q%zu", c + 1);
		size_t width = 1, ints = 1, moments = 1;
		for (size_t r = 0; r < t->n_rows; r++) {
			size_t n = strlen(t->cell[r][c]);
			width = n > width ? n : width;
			ints = ints && (!n || is_int(t->cell[r][c]));
			moments = moments && (!n || spss_moment(t->cell[r][c]) >= 0);
		}
		kind[c] = col->type == KY_COL_SCALE ? K_SCALE : ints ? K_NUMBER
			: moments ? K_MOMENT : K_STRING;
		if (kind[c] == K_STRING) {
			var[c] = readstat_add_variable(w, name, READSTAT_TYPE_STRING, width);
			readstat_variable_set_measure(var[c], READSTAT_MEASURE_NOMINAL);
		} else {
			var[c] = readstat_add_variable(w, name, READSTAT_TYPE_DOUBLE, 0);
			readstat_variable_set_format(var[c], kind[c] == K_MOMENT ? "DATETIME20"
									     : "F8.0");
			readstat_variable_set_measure(var[c], kind[c] == K_SCALE ? READSTAT_MEASURE_ORDINAL
								      : READSTAT_MEASURE_SCALE);
		}
		readstat_variable_set_label(var[c], t->header[c]);
		if (kind[c] != K_SCALE)
			continue;
		readstat_label_set_t *ls = readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, name);
		for (size_t i = 0; i < col->scale.n_levels; i++)
			readstat_label_double_value(ls, (double)i + 1, col->scale.label[i]);
		for (size_t i = 0; i < col->n_nonsub; i++) {
			readstat_label_double_value(ls, 9.0 - (double)i, col->nonsub_label[i]);
			if (readstat_variable_add_missing_double_value(var[c], 9.0 - (double)i))
				die("cannot declare a missing value", name);
		}
		readstat_variable_set_label_set(var[c], ls);
	}
	if (readstat_begin_writing_sav(w, f, (long)t->n_rows) != READSTAT_OK)
		die(path, "ReadStat refused the dictionary");
	for (size_t r = 0; r < t->n_rows; r++) {
		readstat_begin_row(w);
		for (size_t c = 0; c < t->n_cols; c++) {
			const char *s = t->cell[r][c];
			if (kind[c] == K_STRING) {
				readstat_insert_string_value(w, var[c], s);
			} else if (!*s) {
				readstat_insert_missing_value(w, var[c]);
			} else if (kind[c] == K_MOMENT) {
				readstat_insert_double_value(w, var[c], spss_moment(s));
			} else if (kind[c] == K_NUMBER) {
				readstat_insert_double_value(w, var[c], atof(s));
			} else {
				int k = code_of(&sv->col[c], s);
				if (k < 0)
					die("an answer outside its scale", s);
				readstat_insert_double_value(w, var[c], k);
			}
		}
		if (readstat_end_row(w) != READSTAT_OK)
			die(path, "ReadStat refused a case");
	}
	readstat_error_t rc = readstat_end_writing(w);
	if (rc != READSTAT_OK)
		die(path, readstat_error_message(rc));
	readstat_writer_free(w);
	if (fclose(f))
		die(path, strerror(errno));
	free(kind);
	free(var);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: gen_shapes SAMPLE.csv OUTDIR\n");
		return 2;
	}
	struct table t;
	load(argv[1], &t);
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_survey_options o;
	memset(&o, 0, sizeof(o));
	struct ky_survey *sv = ky_survey_read(argv[1], &o, &err);
	if (!sv)
		die("cannot read the sample's survey model", err.msg);
	if (sv->n_columns != t.n_cols)
		die("the survey model and the records disagree", NULL);
	write_utf16(&t, argv[2]);
	write_cp1252(&t, argv[2]);
	write_xlsx(&t, argv[2]);
	write_sav(&t, sv, argv[2]);
	ky_survey_free(sv);
	for (size_t r = 0; r <= t.n_rows; r++) {
		char **row = r ? t.cell[r - 1] : t.header;
		for (size_t c = 0; c < t.n_cols; c++)
			free(row[c]);
		free(row);
	}
	free(t.cell);
	return 0;
}
