/* ingest.c - ky_reader: picks the backend for a file by its first bytes.
 *
 * The ingest room (engine/ingest) owns file -> records: decoding, the CSV
 * tokenizer and the CSV, XLSX and .sav readers, and survey definitions.
 * It uses only engine/base. */
#include "ingest_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ky_buf.h"

/* The backends, tried in order on the file's first bytes: the first whose
 * SNIFF accepts them reads it (CSV, last, takes anything).  A new input
 * format is a file with its open/next/free (ingest_int.h), one BACKEND()
 * line and one row here (docs/architecture.md). */
struct backend {
	const char *name;                                    /* ky_reader_format() */
	int (*sniff)(const unsigned char *b, size_t n);      /* NULL: any file */
	void *(*open)(const char *path, const struct ky_reader_options *opts,
		      struct ky_error *err);
	int (*next)(void *r, struct ky_record *rec, struct ky_error *err);
	void (*free)(void *r);
	const char *(*encoding)(const void *r);              /* NULL: UTF-8 */
	const char *(*sheet)(const void *r);                 /* NULL: none */
};

/* Typed backend functions seen through void pointers. */
#define BACKEND(T, pfx)                                                                  \
	static void *pfx##_open(const char *p, const struct ky_reader_options *o,        \
				struct ky_error *e) { return ky_##pfx##_open(p, o, e); }         \
	static int pfx##_next(void *r, struct ky_record *rec, struct ky_error *e)        \
	{ return ky_##pfx##_next((T *)r, rec, e); }                                      \
	static void pfx##_free(void *r) { ky_##pfx##_free((T *)r); }
BACKEND(struct ky_csv, csv)
BACKEND(struct ky_xlsx, xlsx)
BACKEND(struct ky_sav, sav)

static const char *csv_encoding(const void *r) { return ky_csv_encoding(r); }
static const char *sav_encoding(const void *r) { return ky_sav_encoding(r); }
static const char *xlsx_sheet(const void *r) { return ky_xlsx_sheet(r); }

static int is_zip(const unsigned char *b, size_t n)
{
	return n >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5) &&
	       (b[3] == 4 || b[3] == 6);
}

static int is_sav(const unsigned char *b, size_t n)
{
	return n >= 4 && memcmp(b, "$FL", 3) == 0 && (b[3] == '2' || b[3] == '3');
}

static const struct backend backends[] = {
	{ "XLSX", is_zip, xlsx_open, xlsx_next, xlsx_free, NULL, xlsx_sheet },
	{ "SPSS", is_sav, sav_open, sav_next, sav_free, sav_encoding, NULL },
	{ "CSV", NULL, csv_open, csv_next, csv_free, csv_encoding, NULL },
};
#define CSV_BACKEND (&backends[sizeof(backends) / sizeof(backends[0]) - 1])

struct ky_reader {
	const struct backend *be;
	void *impl;
	char *path;
};

static int sniff_format(const char *path, const struct backend **be, struct ky_error *err)
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
	if (n >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return ky_error_set(err, KY_ERR_PARSE, path, 0, 0,
				    "an old binary Excel (.xls) or other OLE file: save it as "
				    ".xlsx or CSV");
	*be = backends;
	while ((*be)->sniff && !(*be)->sniff(b, n))
		(*be)++;
	return 0;
}

struct ky_reader *ky_reader_open(const char *path, const struct ky_reader_options *opts,
				 struct ky_error *err)
{
	const struct backend *be = NULL;
	if (sniff_format(path, &be, err) < 0)
		return NULL;
	void *impl = be->open(path, opts, err);
	if (!impl)
		return NULL;
	struct ky_reader *r = ky_xcalloc(1, sizeof(*r));
	r->be = be;
	r->impl = impl;
	r->path = ky_xstrdup(path);
	return r;
}

int ky_reader_next(struct ky_reader *r, struct ky_record *rec, struct ky_error *err)
{
	return r->be->next(r->impl, rec, err);
}

int ky_reader_defer_checks(struct ky_reader *r)
{
	if (r->be != CSV_BACKEND)
		return 0;
	ky_csv_defer_checks(r->impl);
	return 1;
}

const char *ky_reader_format(const struct ky_reader *r)
{
	return r->be->name;
}

const char *ky_reader_sheet(const struct ky_reader *r)
{
	return r->be->sheet ? r->be->sheet(r->impl) : NULL;
}

char ky_reader_delimiter(const struct ky_reader *r)
{
	return r->be == CSV_BACKEND ? ky_csv_delimiter(r->impl) : 0;
}

int ky_reader_had_bom(const struct ky_reader *r)
{
	return r->be == CSV_BACKEND ? ky_csv_had_bom(r->impl) : 0;
}

const char *ky_reader_encoding(const struct ky_reader *r)
{
	return r->be->encoding ? r->be->encoding(r->impl) : "UTF-8";
}

struct ky_csv *ky_reader_csv(struct ky_reader *r)
{
	return r->be == CSV_BACKEND ? r->impl : NULL;
}

const char *ky_reader_path(const struct ky_reader *r)
{
	return r->path;
}

void ky_reader_free(struct ky_reader *r)
{
	if (!r)
		return;
	r->be->free(r->impl);
	free(r->path);
	free(r);
}
