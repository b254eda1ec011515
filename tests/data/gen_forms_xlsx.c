/* gen_forms_xlsx.c - writes tests/data/forms_sample.xlsx: the bundled sample
 * (surveys/asukas-henkilosto-2024.csv) as Microsoft Forms' "Download
 * responses" workbook from a Finnish tenant: ID, Aloitusaika and
 * Valmistumisaika (Excel dates), Sähköposti ("anonymous", every tenth row a
 * made-up address), Nimi (empty, or a made-up name on those rows), then the
 * questions: single choices as text, Likert statements headed by the
 * statement only, the multi-select as one cell joined with ';' and a
 * trailing ';', the ranking as one ';' list in rank order (Forms makes the
 * respondent order every option: the unranked ones follow in questionnaire
 * order), the 0-10 rating as a number, the open answer as text.
 * The sample is read with kysely's own reader.  Deterministic (fixed
 * document dates): make tests/data/forms_sample.xlsx */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "ky_ingest.h"

#define MAXCOL 64

/* days from 1970-01-01 of a civil date (proleptic Gregorian) */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

/* "2.9.2024 9:37" -> Excel serial date (1900 system) */
static double excel_date(const char *s)
{
	unsigned d, m, y, hh, mm;
	if (sscanf(s, "%u.%u.%u %u:%u", &d, &m, &y, &hh, &mm) != 5)
		return 0;
	return (double)(days_from_civil(y, m, d) + 25569) + (hh * 60.0 + mm) / 1440.0;
}

static const char *after_stem(const char *h)
{
	const char *c = strchr(h, ':');
	return c ? c + 1 : h;
}

int main(int argc, char **argv)
{
	const char *in = argc > 1 ? argv[1] : "surveys/asukas-henkilosto-2024.csv";
	const char *out = argc > 2 ? argv[2] : "tests/data/forms_sample.xlsx";
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_reader *r = ky_reader_open(in, NULL, &err);
	if (!r) {
		char msg[1024];
		fprintf(stderr, "%s\n", ky_error_format(&err, msg, sizeof(msg)));
		return 1;
	}
	lxw_workbook_options wo = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
	lxw_workbook *wb = workbook_new_opt(out, &wo);
	lxw_doc_properties props = { .title = "Asukas- ja henkilöstökysely 2024",
				     .created = 1725235200 /* 2024-09-02 */ };
	workbook_set_properties(wb, &props);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Sheet1");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "d.m.yyyy h:mm");
	struct ky_record rec;
	char *header[MAXCOL] = {0};
	size_t nh = 0;
	unsigned row = 0;
	int rc;
	while ((rc = ky_reader_next(r, &rec, &err)) > 0) {
		if (row == 0) {
			nh = rec.n_fields < MAXCOL ? rec.n_fields : MAXCOL;
			for (size_t i = 0; i < nh; i++)
				header[i] = strdup(rec.field[i]);
			const char *fixed[] = { "ID", "Aloitusaika", "Valmistumisaika", "Sähköposti",
						"Nimi", "Vastaajaryhmä", "Palvelualue" };
			lxw_col_t c = 0;
			for (; c < 7; c++)
				worksheet_write_string(ws, 0, c, fixed[c], NULL);
			for (size_t i = 4; i < 21; i++)             /* Likert: statement only */
				worksheet_write_string(ws, 0, c++, after_stem(header[i]), NULL);
			char stem[512];
			snprintf(stem, sizeof(stem), "%.*s", (int)(strchr(header[21], ':') - header[21]),
				 header[21]);
			worksheet_write_string(ws, 0, c++, stem, NULL);
			snprintf(stem, sizeof(stem), "%.*s", (int)(strchr(header[27], ':') - header[27]),
				 header[27]);
			worksheet_write_string(ws, 0, c++, stem, NULL);
			worksheet_write_string(ws, 0, c++, header[35], NULL);
			worksheet_write_string(ws, 0, c++, header[36], NULL);
			row++;
			continue;
		}
		const char *const *f = rec.field;
		double start = excel_date(f[1]);
		worksheet_write_number(ws, row, 0, (double)row, NULL);
		worksheet_write_number(ws, row, 1, start - (3 + row % 9) / 1440.0, date);
		worksheet_write_number(ws, row, 2, start, date);
		char buf[4096];
		if (row % 10 == 0) {
			snprintf(buf, sizeof(buf), "vastaaja%u@example.fi", row);
			worksheet_write_string(ws, row, 3, buf, NULL);
			snprintf(buf, sizeof(buf), "Testi Vastaaja%u", row);
			worksheet_write_string(ws, row, 4, buf, NULL);
		} else {
			worksheet_write_string(ws, row, 3, "anonymous", NULL);
		}
		lxw_col_t c = 5;
		if (*f[2])
			worksheet_write_string(ws, row, c, f[2], NULL);
		c++;
		if (*f[3])
			worksheet_write_string(ws, row, c, f[3], NULL);
		c++;
		for (size_t i = 4; i < 21; i++, c++)
			if (*f[i])
				worksheet_write_string(ws, row, c, f[i], NULL);
		/* multi-select: chosen options joined, trailing ';' */
		buf[0] = 0;
		for (size_t i = 21; i < 27; i++)
			if (*f[i]) {
				strncat(buf, after_stem(header[i]), sizeof(buf) - strlen(buf) - 2);
				strcat(buf, ";");
			}
		if (*buf)
			worksheet_write_string(ws, row, c, buf, NULL);
		c++;
		/* ranking: ranked options by rank, then the rest in order */
		buf[0] = 0;
		int any = 0;
		for (int k = 1; k <= 8; k++)
			for (size_t i = 27; i < 35; i++)
				if (atoi(f[i]) == k) {
					strncat(buf, after_stem(header[i]), sizeof(buf) - strlen(buf) - 2);
					strcat(buf, ";");
					any = 1;
				}
		for (size_t i = 27; i < 35 && any; i++)
			if (!*f[i]) {
				strncat(buf, after_stem(header[i]), sizeof(buf) - strlen(buf) - 2);
				strcat(buf, ";");
			}
		if (any) {
			buf[strlen(buf) - 1] = 0;   /* no trailing ';' in a ranking */
			worksheet_write_string(ws, row, c, buf, NULL);
		}
		c++;
		if (*f[35])
			worksheet_write_number(ws, row, c, atof(f[35]), NULL);
		c++;
		if (*f[36])
			worksheet_write_string(ws, row, c, f[36], NULL);
		row++;
	}
	if (rc < 0) {
		char msg[1024];
		fprintf(stderr, "%s\n", ky_error_format(&err, msg, sizeof(msg)));
		return 1;
	}
	ky_reader_free(r);
	for (size_t i = 0; i < nh; i++)
		free(header[i]);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
