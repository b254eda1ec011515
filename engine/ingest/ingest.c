/* ingest.c - ky_reader: picks the backend for a file by its first bytes. */
#include "ingest_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ky_buf.h"

enum format { F_CSV, F_XLSX, F_SAV };

struct ky_reader {
	enum format format;
	char *path;
	struct ky_csv *csv;
	struct ky_xlsx *xlsx;
	struct ky_sav *sav;
};

static int sniff_format(const char *path, enum format *fmt, struct ky_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
	unsigned char b[8] = {0};
	size_t n = fread(b, 1, sizeof(b), f);
	int bad = ferror(f);
	fclose(f);
	if (bad)
		return ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot read");
	*fmt = F_CSV;
	if (n >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5) && (b[3] == 4 || b[3] == 6))
		*fmt = F_XLSX;
	else if (n >= 4 && memcmp(b, "$FL", 3) == 0 && (b[3] == '2' || b[3] == '3'))
		*fmt = F_SAV;
	else if (n >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return ky_error_set(err, KY_ERR_PARSE, path, 0, 0,
				    "an old binary Excel (.xls) or other OLE file: save it as "
				    ".xlsx or CSV");
	return 0;
}

struct ky_reader *ky_reader_open(const char *path, const struct ky_reader_options *opts,
				 struct ky_error *err)
{
	enum format fmt;
	if (sniff_format(path, &fmt, err) < 0)
		return NULL;
	struct ky_reader *r = ky_xcalloc(1, sizeof(*r));
	r->format = fmt;
	r->path = ky_xstrdup(path);
	void *ok = NULL;
	switch (fmt) {
	case F_CSV: ok = r->csv = ky_csv_open(path, opts, err); break;
	case F_XLSX: ok = r->xlsx = ky_xlsx_open(path, opts, err); break;
	case F_SAV: ok = r->sav = ky_sav_open(path, opts, err); break;
	}
	if (!ok) {
		ky_reader_free(r);
		return NULL;
	}
	return r;
}

int ky_reader_next(struct ky_reader *r, struct ky_record *rec, struct ky_error *err)
{
	switch (r->format) {
	case F_CSV: return ky_csv_next(r->csv, rec, err);
	case F_XLSX: return ky_xlsx_next(r->xlsx, rec, err);
	case F_SAV: return ky_sav_next(r->sav, rec, err);
	}
	return -1;
}

int ky_reader_defer_checks(struct ky_reader *r)
{
	if (r->format != F_CSV)
		return 0;
	ky_csv_defer_checks(r->csv);
	return 1;
}

const char *ky_reader_format(const struct ky_reader *r)
{
	static const char *const name[] = {"CSV", "XLSX", "SPSS"};
	return name[r->format];
}

const char *ky_reader_sheet(const struct ky_reader *r)
{
	return r->format == F_XLSX ? ky_xlsx_sheet(r->xlsx) : NULL;
}

char ky_reader_delimiter(const struct ky_reader *r)
{
	return r->format == F_CSV ? ky_csv_delimiter(r->csv) : 0;
}

int ky_reader_had_bom(const struct ky_reader *r)
{
	return r->format == F_CSV ? ky_csv_had_bom(r->csv) : 0;
}

const char *ky_reader_encoding(const struct ky_reader *r)
{
	switch (r->format) {
	case F_CSV: return ky_csv_encoding(r->csv);
	case F_SAV: return ky_sav_encoding(r->sav);
	default: return "UTF-8";
	}
}

struct ky_csv *ky_reader_csv(struct ky_reader *r)
{
	return r->format == F_CSV ? r->csv : NULL;
}

const char *ky_reader_path(const struct ky_reader *r)
{
	return r->path;
}

void ky_reader_free(struct ky_reader *r)
{
	if (!r)
		return;
	ky_csv_free(r->csv);
	ky_xlsx_free(r->xlsx);
	ky_sav_free(r->sav);
	free(r->path);
	free(r);
}
