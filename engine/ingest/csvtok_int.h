/* csvtok_int.h - a CSV tokenizer with libcsv 3.0.3's semantics as kysely
 * configures it (CSV_STRICT | CSV_STRICT_FINI, quote '"', CR and LF as
 * terminators, empty rows skipped, space, or space and tab, trimmed around
 * unquoted fields and after closing quotes), but scanning runs of ordinary
 * bytes in bulk instead of one byte and one function call at a time.
 * tests/test_csvtok.c checks it against libcsv itself. */
#ifndef KY_CSVTOK_INT_H
#define KY_CSVTOK_INT_H

#include <stddef.h>

enum { KY_CSVTOK_OK = 0, KY_CSVTOK_EPARSE = 1, KY_CSVTOK_ENOMEM = 2 };

typedef void (*ky_csvtok_field_fn)(void *s, size_t len, void *data);
typedef void (*ky_csvtok_record_fn)(int c, void *data);

struct ky_csvtok {
	int pstate, quoted, status;
	size_t spaces, entry_pos, entry_size, blk_size;
	size_t base;                /* where the current field starts in buf */
	unsigned char *buf;         /* the record's fields so far, each + NUL */
	unsigned char delim;
	int tab_is_space;
	unsigned char plain[256];   /* 1: a byte with no meaning to the grammar */
	/* The sink: while *f_n < f_cap, a field of at most f_max bytes is not
	 * handed to on_field but recorded as its offset from buf in
	 * f_off[*f_n], its length in f_len[*f_n], and *f_n is incremented.
	 * Off (f_cap 0) after init; the caller sets and resets it, also from
	 * inside on_field. */
	size_t *f_off, *f_len, *f_n;
	size_t f_cap, f_max;
};

void ky_csvtok_init(struct ky_csvtok *t, unsigned char delim, int tab_is_space,
		    size_t blk_size);
/* As csv_parse: returns the bytes consumed; fewer than LEN on an error
 * (status set), the position of the offending byte.  A field's bytes are
 * NUL-terminated and stay where they are, with the record's other fields,
 * until the record ends or the next parse call (which may move the buffer:
 * keep offsets from t->buf, not pointers, across calls). */
size_t ky_csvtok_parse(struct ky_csvtok *t, const void *s, size_t len,
		       ky_csvtok_field_fn on_field, ky_csvtok_record_fn on_record, void *data);
/* As csv_fini: 0, or -1 if a quoted field is still open. */
int ky_csvtok_fini(struct ky_csvtok *t, ky_csvtok_field_fn on_field,
		   ky_csvtok_record_fn on_record, void *data);
/* Whether T is between records, as a new tokenizer is. */
int ky_csvtok_between_rows(const struct ky_csvtok *t);
void ky_csvtok_free(struct ky_csvtok *t);

#endif
