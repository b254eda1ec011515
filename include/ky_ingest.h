/* ky_ingest.h - decode and read: file bytes -> UTF-8 records with positions.
 *
 * The reader streams records one at a time; it never holds the whole file.
 * The format is detected from the first bytes, never the file name:
 *  - CSV: UTF-8 (BOM stripped), UTF-16LE/BE with a BOM, or Windows-1252
 *    when not valid UTF-8; delimiter (';' ',' tab or '|') from the first records;
 *    CRLF or LF record ends; quoted fields with embedded delimiters, doubled
 *    quotes and line breaks (RFC 4180).
 *  - XLSX (a zip): the first worksheet, streamed row by row; shared and inline
 *    strings, numbers, dates as ISO text, merged cells filled.
 *  - SPSS .sav: variable labels as headers, value labels as cell texts.
 *
 * Positions: a record's `line` is the 1-based physical line where it starts
 * (CSV), the sheet's row number (XLSX) or the case number + 1 (SPSS); in
 * errors `column` is the 1-based field index within the record.
 */
#ifndef KY_INGEST_H
#define KY_INGEST_H

#include <stddef.h>

#include "ky_error.h"

/* Documented limits, checked before allocating (overridable by options). */
#define KY_DEFAULT_MAX_CELL    (16u * 1024u * 1024u)  /* bytes in one cell */
#define KY_DEFAULT_MAX_COLUMNS 20000u                  /* fields in one record */
#define KY_DEFAULT_MAX_UNZIPPED (1024ull * 1024u * 1024u) /* XLSX: bytes decompressed */

struct ky_reader_options {
	char delimiter;         /* 0 = detect from the first records */
	size_t max_cell;        /* 0 = KY_DEFAULT_MAX_CELL */
	size_t max_columns;     /* 0 = KY_DEFAULT_MAX_COLUMNS */
	unsigned long long max_unzipped;  /* 0 = KY_DEFAULT_MAX_UNZIPPED */
};

/* One record.  Field pointers are borrowed: valid until the next
 * ky_reader_next() or ky_reader_free().  Each field is NUL-terminated valid
 * UTF-8 (the reader rejects invalid UTF-8 and NUL bytes with an error). */
struct ky_record {
	size_t n_fields;
	const char *const *field;
	const size_t *len;
	unsigned long line;        /* physical line where the record starts */
	unsigned long number;      /* 1-based record number (header = 1) */
};

struct ky_reader;

/* Opens PATH ("-" is not supported).  OPTS may be NULL for defaults.
 * Returns NULL and sets ERR on failure (missing file, unreadable, empty). */
struct ky_reader *ky_reader_open(const char *path, const struct ky_reader_options *opts,
				 struct ky_error *err);

/* Reads the next record into REC.  Returns 1 when a record was read, 0 at the
 * end of the input, -1 on error (ERR set with path:line:column).  Completely
 * empty lines between records are skipped.  Errors: an unterminated quoted
 * field (positioned where the quote opened), a stray quote inside a quoted
 * field, invalid UTF-8, a NUL byte, a cell or record over the limits. */
int ky_reader_next(struct ky_reader *r, struct ky_record *rec, struct ky_error *err);

/* What was detected (valid after open). */
char ky_reader_delimiter(const struct ky_reader *r);
int ky_reader_had_bom(const struct ky_reader *r);
const char *ky_reader_encoding(const struct ky_reader *r);  /* "UTF-8", "UTF-16LE", ... */
const char *ky_reader_format(const struct ky_reader *r);    /* "CSV", "XLSX", "SPSS" */
const char *ky_reader_sheet(const struct ky_reader *r);     /* XLSX sheet name, else NULL */
const char *ky_reader_path(const struct ky_reader *r);

void ky_reader_free(struct ky_reader *r);

#endif
