/* report_xlsx.c - tables.xlsx: every CSV table of the run as a worksheet.
 *
 * The workbook is made from the CSV texts themselves, so its cells are the
 * CSVs' cells: a column that holds numbers (every column but the named text
 * columns) gets each cell that is a number as a number, everything else is
 * written as a string (never as a formula: worksheet_write_string), with the
 * CSV's formula guard (a leading ') taken off again.  libxlsxwriter is opened
 * with dlopen() when the first workbook is written (as the readers open
 * libxml2 and libzip), so a run does not pay for loading it and libcrypto at
 * start-up. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/dynlib_int.h"
#include "ky_buf.h"
#include "ky_lang.h"
#include "ky_report.h"

#define XLSX_FUNCS(F) \
	F(workbook_new_opt) F(workbook_add_worksheet) F(workbook_add_format) \
	F(workbook_set_properties) F(workbook_close) F(format_set_bold) \
	F(format_set_num_format) F(format_set_text_wrap) F(format_set_align) \
	F(worksheet_write_string) F(worksheet_write_number) F(worksheet_freeze_panes) \
	F(worksheet_autofilter) F(worksheet_set_column) F(lxw_strerror)
static struct {
#define SLOT(f) __typeof__(f) *f;
	XLSX_FUNCS(SLOT)
#undef SLOT
} xl;
#define SYM(f) { #f, (void **)&xl.f },
static const struct ky_dynsym xlsx_syms[] = { XLSX_FUNCS(SYM) };
#undef SYM
static const char *const xlsx_names[] = { "libxlsxwriter.so.4", "libxlsxwriter.so", NULL };
static struct ky_dynlib xlsx_lib = { "libxlsxwriter", "libxlsxwriter4", xlsx_names, xlsx_syms,
				     sizeof(xlsx_syms) / sizeof(xlsx_syms[0]), 0, "" };

/* Columns that always hold text, whatever their cells look like. */
static int text_column(const char *name)
{
	static const char *const text[] = {
		"item_id", "item_text", "question_id", "question_text", "grouping", "group",
		"label", "kind", "note", "type", "scale", "test", "group_a", "group_b",
		"effect_name", "block", "block_text", "option", "round_a", "round_b",
	};
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		if (!strcmp(name, text[i]))
			return 1;
	size_t n = strlen(name);
	return (n > 3 && !strcmp(name + n - 3, "_id")) || (n > 5 && !strcmp(name + n - 5, "_text"));
}

enum numfmt { NF_TEXT, NF_COUNT, NF_PCT, NF_P, NF_DEC, NF_DF, NF_GENERAL };

static int has_prefix(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

static int has_suffix(const char *s, const char *x)
{
	size_t n = strlen(s), k = strlen(x);
	return n >= k && !strcmp(s + n - k, x);
}

static enum numfmt column_format(const char *name)
{
	if (text_column(name))
		return NF_TEXT;
	if (!strcmp(name, "p") || has_prefix(name, "p_") || has_suffix(name, "_p"))
		return NF_P;
	if (has_prefix(name, "percent") || has_prefix(name, "pct_") || has_prefix(name, "top2_") ||
	    !strcmp(name, "top2_pct"))
		return NF_PCT;
	if (!strcmp(name, "weighted_count") || !strcmp(name, "weighted_n") ||
	    !strcmp(name, "n_eff") || !strcmp(name, "mean_se"))
		return NF_DEC;
	if (!strcmp(name, "count") || !strcmp(name, "n") || has_prefix(name, "n_") ||
	    has_prefix(name, "rank_") || !strcmp(name, "promoters") || !strcmp(name, "passives") ||
	    !strcmp(name, "detractors") || !strcmp(name, "borda") || !strcmp(name, "reversed"))
		return NF_COUNT;
	if (has_suffix(name, "df") || !strcmp(name, "df2"))
		return NF_DF;
	if (!strcmp(name, "code"))
		return NF_GENERAL;
	return NF_DEC;
}

/* One field of CSV text at *P (our own output: RFC 4180, CRLF records).
 * Sets *END_OF_RECORD when the record ends after it. */
static void csv_field(const char **p, const char *end, struct ky_buf *out, int *quoted,
		      int *end_of_record)
{
	const char *s = *p;
	ky_buf_reset(out);
	*quoted = s < end && *s == '"';
	if (*quoted) {
		s++;
		while (s < end) {
			if (*s == '"') {
				if (s + 1 < end && s[1] == '"') {
					ky_buf_addch(out, '"');
					s += 2;
					continue;
				}
				s++;
				break;
			}
			ky_buf_addch(out, *s++);
		}
	} else {
		const char *e = s;
		while (e < end && *e != ',' && *e != '\r' && *e != '\n')
			e++;
		ky_buf_add(out, s, (size_t)(e - s));
		s = e;
	}
	*end_of_record = 1;
	if (s < end && *s == ',') {
		s++;
		*end_of_record = 0;
	} else {
		if (s < end && *s == '\r')
			s++;
		if (s < end && *s == '\n')
			s++;
	}
	*p = s;
}

/* The text a CSV cell stands for: the formula guard ky_csv_text() adds
 * (a quoted cell starting with ' and one of = + - @ tab CR) taken off. */
static const char *cell_text(const struct ky_buf *f, int quoted)
{
	const char *s = f->buf ? f->buf : "";
	if (quoted && s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]))
		return s + 1;
	return s;
}

static int cell_number(const char *s, double *v)
{
	if (!*s || strspn(s, "0123456789.eE+-") != strlen(s))
		return 0;
	char *e;
	errno = 0;
	*v = strtod(s, &e);
	return *e == '\0' && errno == 0 && isfinite(*v);
}

/* Display width of S in characters (UTF-8 lead bytes). */
static size_t text_width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Excel's limit for a cell; longer texts are cut at a character boundary. */
#define CELL_MAX 32767
static const char *fit_cell(const char *s, struct ky_buf *tmp)
{
	size_t n = strlen(s);
	if (n <= CELL_MAX)
		return s;
	size_t k = CELL_MAX - 3;
	while (k && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	ky_buf_reset(tmp);
	ky_buf_add(tmp, s, k);
	ky_buf_adds(tmp, "\xE2\x80\xA6");
	return tmp->buf;
}

struct book {
	lxw_workbook *wb;
	lxw_format *head, *wrap, *fmt[NF_GENERAL + 1];
	lxw_error rc;
};

static void check(struct book *b, lxw_error e)
{
	if (e != LXW_NO_ERROR && b->rc == LXW_NO_ERROR)
		b->rc = e;
}

static void set_width(struct book *b, lxw_worksheet *ws, size_t col, size_t width,
		      lxw_format *f)
{
	double w = (double)(width < 6 ? 6 : width > 60 ? 60 : width) + 2;
	check(b, xl.worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col, w, f));
}

#define MAX_COLS 256

static void write_table(struct book *b, const struct ky_xlsx_table *t)
{
	lxw_worksheet *ws = xl.workbook_add_worksheet(b->wb, t->name);
	if (!ws) {
		check(b, LXW_ERROR_SHEETNAME_ALREADY_USED);
		return;
	}
	const char *p = t->csv, *end = t->csv + t->len;
	struct ky_buf f = KY_BUF_INIT, tmp = KY_BUF_INIT;
	enum numfmt fmt[MAX_COLS];
	size_t width[MAX_COLS] = {0}, n_cols = 0, row = 0;
	int quoted, eor;
	do {   /* the header row */
		csv_field(&p, end, &f, &quoted, &eor);
		if (n_cols < MAX_COLS) {
			const char *name = cell_text(&f, quoted);
			fmt[n_cols] = column_format(name);
			width[n_cols] = text_width(name);
			check(b, xl.worksheet_write_string(ws, 0, (lxw_col_t)n_cols, name, b->head));
			n_cols++;
		}
	} while (!eor && p < end);
	while (p < end) {
		row++;
		if (row >= LXW_ROW_MAX) {
			check(b, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
			break;
		}
		size_t c = 0;
		do {
			csv_field(&p, end, &f, &quoted, &eor);
			if (c < n_cols) {
				const char *s = cell_text(&f, quoted);
				double v;
				size_t w = text_width(s);
				if (!*s) {
					/* an empty cell stays empty */
				} else if (fmt[c] != NF_TEXT && !quoted && cell_number(s, &v)) {
					check(b, xl.worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)c,
									  v, NULL));
					w = fmt[c] == NF_GENERAL ? w : 8;
				} else {
					check(b, xl.worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)c,
									  fit_cell(s, &tmp), NULL));
				}
				if (w > width[c])
					width[c] = w;
			}
			c++;
		} while (!eor && p < end);
	}
	for (size_t c = 0; c < n_cols; c++)
		set_width(b, ws, c, width[c], fmt[c] == NF_TEXT ? NULL : b->fmt[fmt[c]]);
	xl.worksheet_freeze_panes(ws, 1, 0);
	if (n_cols)
		check(b, xl.worksheet_autofilter(ws, 0, 0, (lxw_row_t)row, (lxw_col_t)(n_cols - 1)));
	ky_buf_release(&f);
	ky_buf_release(&tmp);
}

/* The first sheet: what each sheet and each of its columns means. */
static void write_about(struct book *b, enum ky_lang lang, const char *title,
			const struct ky_xlsx_table *t, size_t n)
{
	static const char *const sheet_name[] = { "Selitykset", "Förklaringar", "About" };
	static const char *const head[3][3] = {
		{ "Taulukko", "Sarake", "Selitys" },
		{ "Tabell", "Kolumn", "Förklaring" },
		{ "Sheet", "Column", "Meaning" },
	};
	static const char *const intro[] = {
		"Jokainen taulukko on oma välilehtensä; sarakkeet ovat samat kuin CSV-tiedostoissa. "
		"Prosentit ovat 0–100, tyhjä solu tarkoittaa, ettei lukua voi laskea tai se on "
		"piilotettu (ks. note).",
		"Varje tabell är ett eget blad; kolumnerna är desamma som i CSV-filerna. Procent är "
		"0–100, en tom cell betyder att talet inte kan beräknas eller är dolt (se note).",
		"Each table is a sheet of its own, with the same columns as the CSV files. Percentages "
		"are 0–100; an empty cell is a number that cannot be computed or is hidden (see note).",
	};
	lxw_worksheet *ws = xl.workbook_add_worksheet(b->wb, sheet_name[lang]);
	if (!ws) {
		check(b, LXW_ERROR_SHEETNAME_ALREADY_USED);
		return;
	}
	struct ky_buf tmp = KY_BUF_INIT;
	lxw_row_t row = 0;
	if (title && *title)
		check(b, xl.worksheet_write_string(ws, row++, 0, fit_cell(title, &tmp), b->head));
	check(b, xl.worksheet_write_string(ws, row++, 0, intro[lang], NULL));
	row++;
	for (int c = 0; c < 3; c++)
		check(b, xl.worksheet_write_string(ws, row, (lxw_col_t)c, head[lang][c], b->head));
	row++;
	for (size_t i = 0; i < n; i++) {
		const char *m = ky_table_meaning(lang, t[i].name);
		check(b, xl.worksheet_write_string(ws, row, 0, t[i].name, b->head));
		check(b, xl.worksheet_write_string(ws, row, 2, m ? m : "", b->wrap));
		row++;
		const char *p = t[i].csv, *end = t[i].csv + t[i].len;
		struct ky_buf f = KY_BUF_INIT;
		int quoted, eor;
		do {
			csv_field(&p, end, &f, &quoted, &eor);
			const char *name = cell_text(&f, quoted);
			const char *cm = ky_column_meaning(lang, name);
			check(b, xl.worksheet_write_string(ws, row, 0, t[i].name, NULL));
			check(b, xl.worksheet_write_string(ws, row, 1, name, NULL));
			check(b, xl.worksheet_write_string(ws, row, 2, cm ? cm : "", b->wrap));
			row++;
		} while (!eor && p < end);
		ky_buf_release(&f);
	}
	check(b, xl.worksheet_set_column(ws, 0, 0, 16, NULL));
	check(b, xl.worksheet_set_column(ws, 1, 1, 20, NULL));
	check(b, xl.worksheet_set_column(ws, 2, 2, 90, NULL));
	ky_buf_release(&tmp);
}

int ky_report_tables_xlsx(const char *path, enum ky_lang lang, const char *title,
			  const struct ky_xlsx_table *tables, size_t n, struct ky_error *err)
{
	if (ky_dynlib_load(&xlsx_lib, path, "tables.xlsx", err) < 0)
		return -1;
	if (lang > KY_LANG_EN)
		lang = KY_LANG_FI;
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE, .tmpdir = NULL,
				     .use_zip64 = LXW_FALSE };
	struct book b = { .wb = xl.workbook_new_opt(path, &opt), .rc = LXW_NO_ERROR };
	if (!b.wb)
		return ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot create the workbook");
	/* a fixed creation time (the ZIP epoch), so that reruns are byte-identical */
	lxw_doc_properties props = { .title = (char *)(title ? title : ""),
				     .author = (char *)"kysely", .created = 315532800 };
	check(&b, xl.workbook_set_properties(b.wb, &props));
	b.head = xl.workbook_add_format(b.wb);
	xl.format_set_bold(b.head);
	b.wrap = xl.workbook_add_format(b.wb);
	xl.format_set_text_wrap(b.wrap);
	xl.format_set_align(b.wrap, LXW_ALIGN_VERTICAL_TOP);
	static const char *const num[] = {
		[NF_COUNT] = "0", [NF_PCT] = "0.0", [NF_P] = "[<0.001]\"<0.001\";0.000",
		[NF_DEC] = "0.00", [NF_DF] = "0.0#", [NF_GENERAL] = "General",
	};
	for (int k = NF_COUNT; k <= NF_GENERAL; k++) {
		b.fmt[k] = xl.workbook_add_format(b.wb);
		xl.format_set_num_format(b.fmt[k], num[k]);
	}
	write_about(&b, lang, title, tables, n);
	for (size_t i = 0; i < n; i++)
		write_table(&b, &tables[i]);
	lxw_error rc = xl.workbook_close(b.wb);
	if (b.rc == LXW_NO_ERROR)
		b.rc = rc;
	if (b.rc != LXW_NO_ERROR) {
		unlink(path);
		return ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot write the workbook: %s",
				    xl.lxw_strerror(b.rc));
	}
	return 0;
}

int ky_report_tables_xlsx_buf(const char *tmp_path, enum ky_lang lang, const char *title,
			      const struct ky_xlsx_table *tables, size_t n, struct ky_buf *out,
			      struct ky_error *err)
{
	int rc = ky_report_tables_xlsx(tmp_path, lang, title, tables, n, err);
	if (rc != 0)
		return rc;
	FILE *f = fopen(tmp_path, "rb");
	if (!f)
		return ky_error_set(err, KY_ERR_IO, tmp_path, 0, 0, "cannot open: %s",
				    strerror(errno));
	char chunk[65536];
	size_t k;
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ky_buf_add(out, chunk, k);
	if (ferror(f))
		rc = ky_error_set(err, KY_ERR_IO, tmp_path, 0, 0, "cannot read");
	fclose(f);
	unlink(tmp_path);
	return rc;
}
