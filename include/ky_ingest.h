/* ky_ingest.h - decode and read: file bytes -> UTF-8 records with positions.
 *
 * The reader streams records one at a time; it never holds the whole file.
 * It detects and strips a UTF-8 BOM, detects the delimiter (';' ',' or tab)
 * from the first record, accepts CRLF or LF record ends and quoted fields
 * with embedded delimiters, doubled quotes and line breaks (RFC 4180).
 *
 * Positions: a record's `line` is the 1-based physical line where it starts;
 * in errors `column` is the 1-based field index within the record.
 */
#ifndef KY_INGEST_H
#define KY_INGEST_H

#include <stddef.h>

#include "ky_error.h"

/* Documented limits, checked before allocating (overridable by options). */
#define KY_DEFAULT_MAX_CELL    (16u * 1024u * 1024u)  /* bytes in one cell */
#define KY_DEFAULT_MAX_COLUMNS 20000u                  /* fields in one record */

struct ky_reader_options {
	char delimiter;         /* 0 = detect from the first record */
	size_t max_cell;        /* 0 = KY_DEFAULT_MAX_CELL */
	size_t max_columns;     /* 0 = KY_DEFAULT_MAX_COLUMNS */
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
const char *ky_reader_encoding(const struct ky_reader *r);  /* "UTF-8" */
const char *ky_reader_path(const struct ky_reader *r);

void ky_reader_free(struct ky_reader *r);

#endif
