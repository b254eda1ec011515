/* ingest_int.h - the readers behind ky_reader (engine-internal).
 *
 * ky_reader_open() looks at a file's first bytes and hands it to one of these
 * backends.  Every backend yields the same thing: records of NUL-terminated
 * UTF-8 fields, borrowed until its next call, with `line` the position a
 * person finds the record at (the CSV line, the sheet's row number, the case
 * number of an SPSS file + 1 for its header) and errors as ky_error values.
 * The first record a backend yields is the header row.
 */
#ifndef KY_INGEST_INT_H
#define KY_INGEST_INT_H

#include "ky_ingest.h"
#include "base/dynlib_int.h"    /* ky_dynlib_load: the XLSX and .sav readers */

/* CSV / delimited text (ingest_csv.c) */
struct ky_csv;
struct ky_csv *ky_csv_open(const char *path, const struct ky_reader_options *opts,
			   struct ky_error *err);
int ky_csv_next(struct ky_csv *r, struct ky_record *rec, struct ky_error *err);
char ky_csv_delimiter(const struct ky_csv *r);
int ky_csv_had_bom(const struct ky_csv *r);
const char *ky_csv_encoding(const struct ky_csv *r);
const char *ky_csv_path(const struct ky_csv *r);
void ky_csv_free(struct ky_csv *r);
/* From the next record on, the reader leaves the NUL and UTF-8 check of
 * each cell to the caller, who runs ky_record_check_cells on every cell it
 * has not seen valid before (the reader still checks the cells of a record
 * it fails inside, before that error). */
void ky_csv_defer_checks(struct ky_csv *r);

/* Turns on ky_csv_defer_checks for a CSV file; returns whether it did
 * (the other backends check their cells themselves). */
int ky_reader_defer_checks(struct ky_reader *r);
/* Checks fields FROM..TO-1 of REC (read from PATH) in order for NUL
 * characters and invalid UTF-8, with the reader's errors; 0 or -1. */
int ky_record_check_cells(const char *path, const struct ky_record *rec, size_t from, size_t to,
			  struct ky_error *err);
/* Whether S (LEN bytes) passes that check. */
int ky_cell_valid(const char *s, size_t len);
/* Chunks of one UTF-8 file read in parallel (parallel.c): whether R can be
 * split (UTF-8, LF or CRLF line ends); the file offset and physical line of
 * the next byte to be fed; stop feeding at file offset OFFSET (0: never),
 * after which ky_csv_next returns 0; whether R stopped there between two
 * records, in the state a reader opened there is in; a reader from OFFSET to
 * the end (UTF-8, delimiter DELIM, lines counted from 1). */
int ky_csv_splittable(const struct ky_csv *r);
unsigned long long ky_csv_offset(const struct ky_csv *r);
unsigned long ky_csv_line(const struct ky_csv *r);
void ky_csv_stop_at(struct ky_csv *r, unsigned long long offset);
int ky_csv_between_records(const struct ky_csv *r);
struct ky_csv *ky_csv_open_at(const char *path, const struct ky_reader_options *opts, char delim,
			      unsigned long long offset, struct ky_error *err);
/* The CSV backend of R, or NULL for another format. */
struct ky_csv *ky_reader_csv(struct ky_reader *r);

/* Office Open XML workbook (ingest_xlsx.c): the first worksheet. */
struct ky_xlsx;
struct ky_xlsx *ky_xlsx_open(const char *path, const struct ky_reader_options *opts,
			     struct ky_error *err);
int ky_xlsx_next(struct ky_xlsx *x, struct ky_record *rec, struct ky_error *err);
const char *ky_xlsx_sheet(const struct ky_xlsx *x);     /* the sheet's name */
void ky_xlsx_free(struct ky_xlsx *x);

/* SPSS system file (ingest_sav.c, ReadStat): value labels as cell
 * texts, variable labels as headers. */
struct ky_sav;
struct ky_sav *ky_sav_open(const char *path, const struct ky_reader_options *opts,
			   struct ky_error *err);
int ky_sav_next(struct ky_sav *s, struct ky_record *rec, struct ky_error *err);
const char *ky_sav_encoding(const struct ky_sav *s);    /* the file's declared encoding */
void ky_sav_free(struct ky_sav *s);

#endif
