/* ingest_csv.c - decode and tokenise a CSV export into UTF-8 records.
 *
 * Bytes are read in large blocks, decoded to UTF-8 when the file is UTF-16
 * (by its BOM) or Windows-1252 (no BOM and not valid UTF-8), split into
 * physical lines, and each line is fed to the tokenizer (csvtok.c, libcsv's
 * semantics, checked against libcsv by tests/test_csvtok.c), so that the
 * current line number is known in every callback.  A record can only end at
 * a line end, so one line completes at most one record.
 */
#include "ingest_int.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvtok_int.h"
#include "ky_buf.h"

#define BLOCK (256 * 1024)

struct ky_csv {
	FILE *f;
	char *path;
	char delim;
	int bom, cr_only, eof, fini_done;
	char encoding[16];
	iconv_t cd;                    /* (iconv_t)-1 for UTF-8 input */
	struct ky_buf raw;             /* undecoded bytes not yet converted */
	struct ky_buf data;            /* decoded UTF-8 not yet fed */
	size_t pos;                    /* next byte of data to feed */
	unsigned long long base;       /* file offset of data.buf[0] (UTF-8 input) */
	unsigned long long stop;       /* ky_csv_stop_at: feed nothing from here; 0 = none */
	int stopped;                   /* the last ky_csv_next ended at STOP */
	struct ky_csvtok tok;
	size_t max_cell, max_columns;

	unsigned long line;            /* physical line being fed (1-based) */
	unsigned long rec_line;        /* where the current record started */
	unsigned long number;          /* records completed */
	int in_record, have_record;

	int defer;                     /* cells are checked by the caller (ky_csv_defer_checks) */

	size_t *off, *len;             /* the record's fields in tok.buf */
	size_t n_fields, cap_fields;
	const char **ptr;
	size_t cap_ptr;

	struct ky_error *err;          /* set by callbacks */
};

/* ---- decoding ---------------------------------------------------------- */

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Checks S for a NUL byte and for invalid UTF-8 in one pass, eight ASCII
 * bytes at a time: 0 if neither, 1 if S has a NUL byte anywhere (which
 * takes precedence), 2 if it is invalid UTF-8 from byte *BAD on. */
static int cell_check(const unsigned char *s, size_t n, int want_nul, size_t *bad)
{
	size_t i = 0;
	while (i < n) {
		if (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			uint64_t hi = w & HIGHS;
			uint64_t zero = want_nul ? (w - ONES) & ~w & HIGHS : 0;
			if (!hi && !zero) {
				i += 8;
				continue;
			}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* the lowest flagged byte is exact for both: skip the
			 * ASCII bytes before the first NUL or non-ASCII byte */
			uint64_t lh = hi & -hi, lz = zero & -zero;
			uint64_t first = !lh ? lz : !lz ? lh : lh < lz ? lh : lz;
			i += (size_t)__builtin_ctzll(first) / 8;
#endif
		}
		unsigned char c = s[i];
		size_t k;
		if (c < 0x80) {
			if (c == 0 && want_nul)
				return 1;
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
			i += 2;      /* the common case: a two-byte character (ä, ö) */
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			k = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
		} else {
			goto invalid;
		}
		for (size_t j = 1; j <= k; j++)
			if (i + j >= n || (s[i + j] & 0xC0) != 0x80)
				goto invalid;
		if (c == 0xE0 && s[i + 1] < 0xA0)
			goto invalid;
		if (c == 0xED && s[i + 1] >= 0xA0)
			goto invalid;
		if (c == 0xF0 && s[i + 1] < 0x90)
			goto invalid;
		if (c == 0xF4 && s[i + 1] >= 0x90)
			goto invalid;
		i += k + 1;
	}
	return 0;
invalid:
	if (want_nul && memchr(s + i, 0, n - i))
		return 1;
	if (bad)
		*bad = i;
	return 2;
}

static int utf8_valid(const unsigned char *s, size_t n, size_t *bad)
{
	return cell_check(s, n, 0, bad) == 0;
}

/* Whether the sample is UTF-8: valid, damaged after real UTF-8 characters,
 * or cut inside a character at the end of an incomplete sample. */
static int sample_is_utf8(const unsigned char *s, size_t n, int complete)
{
	size_t bad;
	if (utf8_valid(s, n, &bad))
		return 1;
	/* valid multi-byte characters before the bad byte: a UTF-8 file with a
	 * damaged byte (reported at its position), not Windows-1252 */
	for (size_t i = 0; i < bad; i++)
		if (s[i] >= 0x80)
			return 1;
	if (complete || n - bad >= 4 || s[bad] < 0xC2)
		return 0;
	/* the block may end inside a character: only continuation bytes follow */
	for (size_t i = bad + 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return 1;
}

static int read_raw(struct ky_csv *r)
{
	ky_buf_grow(&r->raw, BLOCK);
	size_t got = fread(r->raw.buf + r->raw.len, 1, BLOCK, r->f);
	r->raw.len += got;
	r->raw.buf[r->raw.len] = '\0';
	if (got == 0) {
		if (ferror(r->f))
			return ky_error_set(r->err, KY_ERR_IO, r->path, 0, 0, "cannot read: %s",
					    strerror(errno));
		r->eof = 1;
	}
	return 0;
}

/* Moves decoded UTF-8 from raw into data. */
static int decode(struct ky_csv *r)
{
	if (r->cd == (iconv_t)-1) {
		if (r->data.len == 0) {     /* compact() moved what was left to raw */
			struct ky_buf t = r->data;
			r->data = r->raw;
			r->raw = t;
			ky_buf_reset(&r->raw);
			return 0;
		}
		ky_buf_add(&r->data, r->raw.buf, r->raw.len);
		r->raw.len = 0;
		return 0;
	}
	char *in = r->raw.buf;
	size_t in_left = r->raw.len;
	while (in_left) {
		ky_buf_grow(&r->data, in_left * 3 + 16);
		char *out = r->data.buf + r->data.len;
		size_t out_left = r->data.cap - r->data.len - 1;
		size_t rc = iconv(r->cd, &in, &in_left, &out, &out_left);
		r->data.len = (size_t)(out - r->data.buf);
		r->data.buf[r->data.len] = '\0';
		if (rc == (size_t)-1 && errno == EINVAL && !r->eof)
			break;                  /* a character cut at the block end */
		if (rc == (size_t)-1 && errno != E2BIG)
			return ky_error_set(r->err, KY_ERR_PARSE, r->path, r->line, 0,
					    "cannot decode the file as %s (byte %zu of this block is "
					    "invalid)", r->encoding, (size_t)(in - r->raw.buf));
	}
	memmove(r->raw.buf, in, in_left);
	r->raw.len = in_left;
	return 0;
}

static int sniff(struct ky_csv *r)
{
	if (read_raw(r) < 0)
		return -1;
	/* a short first block: learn now whether it is the whole file */
	if (!r->eof && r->raw.len < BLOCK && read_raw(r) < 0)
		return -1;
	const unsigned char *b = (const unsigned char *)r->raw.buf;
	size_t n = r->raw.len, skip = 0;
	const char *enc = "UTF-8";
	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
		skip = 3;
		r->bom = 1;
	} else if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
		skip = 2;
		r->bom = 1;
		enc = "UTF-16LE";
	} else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
		skip = 2;
		r->bom = 1;
		enc = "UTF-16BE";
	} else if (memchr(b, 0, n)) {
		size_t at = (size_t)((const unsigned char *)memchr(b, 0, n) - b);
		unsigned long line = 1;
		for (size_t i = 0; i < at; i++)
			line += b[i] == '\n';
		return ky_error_set(r->err, KY_ERR_PARSE, r->path, line, 0,
				    "NUL byte in the file (is it UTF-16 without a byte-order mark, "
				    "or not a text file?)");
	} else if (!sample_is_utf8(b, n, r->eof)) {
		enc = "WINDOWS-1252";
	}
	memmove(r->raw.buf, r->raw.buf + skip, n - skip);
	r->raw.len = n - skip;
	r->base = skip;
	snprintf(r->encoding, sizeof(r->encoding), "%s", enc);
	if (strcmp(enc, "UTF-8")) {
		r->cd = iconv_open("UTF-8", enc);
		if (r->cd == (iconv_t)-1)
			return ky_error_set(r->err, KY_ERR_INTERNAL, r->path, 0, 0,
					    "iconv cannot convert from %s", enc);
	}
	return decode(r);
}

/* ---- dialect ----------------------------------------------------------- */

#define SNIFF_RECORDS 50
#define SNIFF_BYTES (64 * 1024)

/* The separators tried, in the order a tie is named. */
static const char candidates[] = { ';', ',', '\t', '|' };
#define N_CAND (sizeof(candidates) / sizeof(candidates[0]))

/* Field counts of the first records of D[0..N) split at DELIM, quotes
 * respected as the tokenizer does: a quote opens a quoted field only where
 * a field begins (after spaces), "" inside it is a quote, and a quote
 * anywhere else or text after a closing quote is a stray quote, which
 * makes the record count as a misfit (-1).  Blank lines are skipped.  A
 * record cut by the end of the sample counts only when the sample is the
 * whole file (COMPLETE).  Stops after SNIFF_RECORDS records, or after
 * SNIFF_BYTES once two records are complete.  Returns the number of
 * records put in COUNT. */
static size_t sniff_counts(const char *d, size_t n, int complete, char delim, long *count)
{
	size_t nrec = 0;
	long fields = 1;
	int bad = 0, begun = 0;
	enum { START, PLAIN, QUOTED, CLOSED } st = START;
	for (size_t i = 0; i < n && nrec < SNIFF_RECORDS; i++) {
		char c = d[i];
		if (st == QUOTED) {
			if (c == '"') {
				if (i + 1 < n && d[i + 1] == '"')
					i++;
				else
					st = CLOSED;
			}
			continue;
		}
		if (c == '\n' || c == '\r') {
			if (c == '\r' && i + 1 < n && d[i + 1] == '\n')
				i++;
			if (begun)
				count[nrec++] = bad ? -1 : fields;
			fields = 1, bad = 0, begun = 0, st = START;
			if (i >= SNIFF_BYTES && nrec >= 2)
				break;
			continue;
		}
		begun = 1;
		if (c == delim) {
			fields++;
			st = START;
		} else if (c == ' ' || (c == '\t' && delim != '\t')) {
			/* spaces around a field are trimmed */
		} else if (c == '"') {
			if (st == START)
				st = QUOTED;
			else
				bad = 1;
		} else if (st == CLOSED) {
			bad = 1;
		} else {
			st = PLAIN;
		}
	}
	if (begun && complete && st != QUOTED && nrec < SNIFF_RECORDS)
		count[nrec++] = bad ? -1 : fields;
	return nrec;
}

/* How well DELIM fits: the most common field count of the sampled records
 * (*MODE, the larger one on a tie) and how many records have it. */
static size_t fit(const long *count, size_t nrec, long *mode)
{
	size_t best = 0;
	*mode = 0;
	for (size_t i = 0; i < nrec; i++) {
		if (count[i] < 0)
			continue;
		size_t same = 0;
		for (size_t j = 0; j < nrec; j++)
			same += count[j] == count[i];
		if (same > best || (same == best && count[i] > *mode))
			best = same, *mode = count[i];
	}
	return best;
}

/* The separator of the first record alone: the most frequent of ';' ','
 * and tab outside quotes (',' when none), for a file of one record. */
static char header_delim(const char *d, size_t n)
{
	size_t count[3] = { 0, 0, 0 };
	int quoted = 0;
	for (size_t i = 0; i < n; i++) {
		char c = d[i];
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted)
			count[0] += c == ';', count[1] += c == ',', count[2] += c == '\t';
	}
	if (count[0] > count[1] && count[0] >= count[2])
		return ';';
	if (count[2] > count[1] && count[2] > count[0])
		return '\t';
	return ',';
}

static const char *delim_name(char c)
{
	return c == '\t' ? "tab" : c == ';' ? "';'" : c == ',' ? "','" : "'|'";
}

/* Whether every ',' outside quotes in the records after the first of the
 * sample (D, N) stands between two digits, as in Finnish decimal numbers
 * ("3,5"), and there is at least one. */
static int decimal_commas(const char *d, size_t n)
{
	size_t commas = 0, decimal = 0, lines = 0;
	int quoted = 0;
	for (size_t i = 0; i < n && i < SNIFF_BYTES; i++) {
		char c = d[i];
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			lines += c == '\n' || (c == '\r' && (i + 1 >= n || d[i + 1] != '\n'));
		else if (!quoted && c == ',' && lines) {
			commas++;
			decimal += i > 0 && i + 1 < n && d[i - 1] >= '0' && d[i - 1] <= '9' &&
				   d[i + 1] >= '0' && d[i + 1] <= '9';
		}
	}
	return commas && decimal == commas;
}

/* The separator: Excel's "sep=" line or FORCED if given; otherwise the
 * candidate that splits the most of the first records (up to 50, or 64 kB)
 * into the same number of fields, two or more.  Two candidates that fit
 * equally well are an error naming both, except ';' against ',' when every
 * comma of the data rows is a decimal comma. */
static int detect_dialect(struct ky_csv *r, char forced)
{
	const char *d = r->data.buf;
	size_t n = r->data.len;
	if (n > 5 && !strncmp(d, "sep=", 4) && (d[5] == '\n' || d[5] == '\r')) {
		r->delim = d[4];            /* Excel's hint line */
		r->pos = d[5] == '\r' && n > 6 && d[6] == '\n' ? 7 : 6;
		r->line = 2;
	}
	int has_lf = memchr(d, '\n', n) != NULL, has_cr = memchr(d, '\r', n) != NULL;
	r->cr_only = has_cr && !has_lf;
	if (forced)
		r->delim = forced;
	if (r->delim)
		return 0;
	d += r->pos;
	n -= r->pos;
	long count[SNIFF_RECORDS];
	size_t agree[N_CAND], nrec = 0;
	long mode[N_CAND];
	for (size_t k = 0; k < N_CAND; k++) {
		size_t m = sniff_counts(d, n, r->eof, candidates[k], count);
		nrec = m > nrec ? m : nrec;
		agree[k] = fit(count, m, &mode[k]);
		if (mode[k] < 2)
			agree[k] = 0;
	}
	size_t best = N_CAND, second = N_CAND;
	for (size_t k = 0; k < N_CAND; k++) {
		if (!agree[k])
			continue;
		if (best == N_CAND || agree[k] > agree[best])
			second = best, best = k;
		else if (second == N_CAND || agree[k] > agree[second])
			second = k;
	}
	if (nrec < 2 || best == N_CAND) {
		r->delim = header_delim(d, n);   /* one record, or one column */
		return 0;
	}
	if (second != N_CAND && agree[second] == agree[best] &&
	    candidates[best] == ';' && candidates[second] == ',' && decimal_commas(d, n)) {
		r->delim = ';';   /* "Arvosana, 4-10;8,5": ',' splits numbers */
		return 0;
	}
	if (second != N_CAND && agree[second] == agree[best])
		return ky_error_set(r->err, KY_ERR_DATA, r->path, 1, 0,
				    "cannot tell the field separator: %s (%ld fields) and %s (%ld "
				    "fields) both split %zu of the first %zu records evenly; give "
				    "--delimiter %s or --delimiter %s",
				    delim_name(candidates[best]), mode[best],
				    delim_name(candidates[second]), mode[second], agree[best], nrec,
				    delim_name(candidates[best]), delim_name(candidates[second]));
	r->delim = candidates[best];
	return 0;
}

/* ---- tokenizer callbacks ------------------------------------------------ */

/* Sets ERR for field I (0-based) of the record at LINE if its text has a
 * NUL character or invalid UTF-8; returns 0 or -1. */
static int check_cell(const char *path, unsigned long line, size_t i, const char *s, size_t len,
		      struct ky_error *err)
{
	size_t bad;
	int check = cell_check((const unsigned char *)s, len, 1, &bad);
	if (check == 1)      /* U+0000 decoded from UTF-16 */
		return ky_error_set(err, KY_ERR_PARSE, path, line, i + 1,
				    "NUL character in field %zu", i + 1);
	if (check == 2)
		return ky_error_set(err, KY_ERR_PARSE, path, line, i + 1,
				    "invalid UTF-8 in field %zu (byte %zu); save the file as UTF-8",
				    i + 1, bad + 1);
	return 0;
}

int ky_cell_valid(const char *s, size_t len)
{
	return cell_check((const unsigned char *)s, len, 1, NULL) == 0;
}

int ky_record_check_cells(const char *path, const struct ky_record *rec, size_t from, size_t to,
			  struct ky_error *err)
{
	for (size_t i = from; i < to && i < rec->n_fields; i++)
		if (check_cell(path, rec->line, i, rec->field[i], rec->len[i], err) < 0)
			return -1;
	return 0;
}

/* With deferred checks: the cells of the record being read that the
 * caller has not seen yet are checked before any later error is reported,
 * so that the first bad cell in file order is the one reported. */
static int check_pending(struct ky_csv *r)
{
	if (!r->defer || !r->in_record)
		return 0;
	for (size_t i = 0; i < r->n_fields; i++)
		if (check_cell(r->path, r->rec_line, i, (char *)r->tok.buf + r->off[i], r->len[i],
			       r->err) < 0)
			return -1;
	return 0;
}

/* The tokenizer records a field itself (its sink) exactly when on_field
 * would take its fast path: deferred checks, no error, within the limits
 * and the room of off[] and len[]. */
static void sync_sink(struct ky_csv *r)
{
	struct ky_csvtok *t = &r->tok;
	t->f_off = r->off;
	t->f_len = r->len;
	t->f_n = &r->n_fields;
	t->f_cap = !r->defer || r->err->code ? 0
		   : r->cap_fields < r->max_columns ? r->cap_fields : r->max_columns;
	t->f_max = r->max_cell;
}

void ky_csv_defer_checks(struct ky_csv *r)
{
	r->defer = 1;
}

/* on_field, all of it: limits, the cell check unless deferred, growth. */
static void on_field_slow(struct ky_csv *r, void *s, size_t len)
{
	if (r->err->code)
		return;
	if (len > r->max_cell) {
		if (check_pending(r) < 0)
			return;
		ky_error_set(r->err, KY_ERR_LIMIT, r->path, r->rec_line, r->n_fields + 1,
			     "cell is larger than the limit of %zu bytes", r->max_cell);
		return;
	}
	if (r->n_fields >= r->max_columns) {
		if (check_pending(r) < 0)
			return;
		ky_error_set(r->err, KY_ERR_LIMIT, r->path, r->rec_line, r->n_fields + 1,
			     "record has more than %zu fields (limit)", r->max_columns);
		return;
	}
	if (!r->defer && check_cell(r->path, r->rec_line, r->n_fields, s, len, r->err) < 0)
		return;
	if (r->n_fields == r->cap_fields) {
		size_t cap = r->cap_fields;
		ky_xgrow((void **)&r->off, &cap, r->n_fields + 1, sizeof(*r->off));
		ky_xgrow((void **)&r->len, &r->cap_fields, r->n_fields + 1, sizeof(*r->len));
	}
	/* the text and its NUL stay in the tokenizer's buffer until the record
	 * ends; it may move while a record spans lines: keep the offset */
	r->off[r->n_fields] = (size_t)((unsigned char *)s - r->tok.buf);
	r->len[r->n_fields] = len;
	r->n_fields++;
}

/* A field the sink did not take (sync_sink): all of it in on_field_slow,
 * which also sets the sink again (an error turns it off, growth moves it). */
static void on_field(void *s, size_t len, void *data)
{
	on_field_slow(data, s, len);
	sync_sink(data);
}

static void on_record(int c, void *data)
{
	struct ky_csv *r = data;
	(void)c;
	if (r->err->code)
		return;
	r->in_record = 0;
	r->have_record = 1;
	r->number++;
}

/* ---- feeding ------------------------------------------------------------- */

/* Feeds the next physical line to the tokenizer.  Returns 1 if a line was
 * fed, 0 if no complete line is buffered (more input needed), -1 on error. */
static int feed_line(struct ky_csv *r)
{
	if (r->stop && r->base + r->pos >= r->stop)
		return 2;
	const char *start = r->data.buf + r->pos;
	size_t left = r->data.len - r->pos;
	const char *nl = memchr(start, r->cr_only ? '\r' : '\n', left);
	if (!nl && !r->eof && left < BLOCK)
		return 0;   /* a long line is fed in pieces: memory stays bounded */
	size_t n = nl ? (size_t)(nl - start) + 1 : left;
	if (n == 0)
		return 0;
	if (!r->cr_only) {
		/* a lone CR also ends a record (the tokenizer's rule): the line
		 * ends there, so that one line still completes at most one */
		const char *cr = memchr(start, '\r', n);
		while (cr && cr + 1 < start + n && cr[1] == '\n')
			cr = memchr(cr + 1, '\r', (size_t)(start + n - cr - 1));
		if (cr && cr + 1 < start + n) {
			n = (size_t)(cr - start) + 1;
			nl = cr;
		} else if (cr && !nl && !r->eof) {
			return 0;   /* a CR at the end of the buffer: is an LF next? */
		}
	}
	if (!r->in_record) {
		int blank = 1;
		for (size_t i = 0; i < n && blank; i++)
			blank = start[i] == '\n' || start[i] == '\r';
		if (!blank) {
			r->in_record = 1;
			r->rec_line = r->line;
			r->n_fields = 0;
		}
	}
	sync_sink(r);
	size_t done = ky_csvtok_parse(&r->tok, start, n, on_field, on_record, r);
	if (r->err->code)
		return -1;
	if (r->tok.entry_pos > r->max_cell) { /* a cell still open, already too large */
		if (check_pending(r) < 0)
			return -1;
		return ky_error_set(r->err, KY_ERR_LIMIT, r->path, r->rec_line, r->n_fields + 1,
				    "cell is larger than the limit of %zu bytes", r->max_cell);
	}
	if (done < n) {
		if (check_pending(r) < 0)
			return -1;
		size_t field = r->n_fields + 1;
		unsigned long line = r->line;
		if (r->tok.status == KY_CSVTOK_ENOMEM)
			return ky_error_set(r->err, KY_ERR_LIMIT, r->path, line, field,
					    "field too large to hold in memory");
		return ky_error_set(r->err, KY_ERR_PARSE, r->path, line, field,
				    "stray quote in field %zu: a quote inside an unquoted field, or "
				    "text after the closing quote (double a quote inside a quoted "
				    "field: \"\")", field);
	}
	r->pos += n;
	r->line += nl ? 1 : 0;
	return 1;
}

static int finish(struct ky_csv *r)
{
	r->fini_done = 1;
	sync_sink(r);
	if (ky_csvtok_fini(&r->tok, on_field, on_record, r) != 0) {
		r->have_record = 0;
		if (check_pending(r) < 0)
			return -1;
		return ky_error_set(r->err, KY_ERR_PARSE, r->path, r->rec_line, r->n_fields + 1,
				    "quoted field opened here is never closed");
	}
	return r->err->code ? -1 : 0;
}

static void compact(struct ky_csv *r)
{
	if (r->cd == (iconv_t)-1 && r->raw.len == 0) {
		/* UTF-8: the unfed rest goes to raw, the next block is read after
		 * it, and decode() swaps the buffers instead of copying the block */
		ky_buf_add(&r->raw, r->data.buf + r->pos, r->data.len - r->pos);
		ky_buf_reset(&r->data);
		r->base += r->pos;
		r->pos = 0;
		return;
	}
	memmove(r->data.buf, r->data.buf + r->pos, r->data.len - r->pos);
	r->data.len -= r->pos;
	r->base += r->pos;
	r->data.buf[r->data.len] = '\0';
	r->pos = 0;
}

int ky_csv_next(struct ky_csv *r, struct ky_record *rec, struct ky_error *err)
{
	r->err = err;
	r->have_record = 0;
	r->stopped = 0;
	while (!r->have_record) {
		int fed = feed_line(r);
		if (fed < 0)
			return -1;
		if (fed == 2) {
			r->stopped = 1;
			return 0;
		}
		if (fed)
			continue;
		if (r->eof) {
			if (r->fini_done)
				return 0;
			if (finish(r) < 0)
				return -1;
			if (!r->have_record)
				return 0;
			break;
		}
		compact(r);
		if (check_pending(r) < 0)    /* before any error of the next block */
			return -1;
		if (read_raw(r) < 0 || decode(r) < 0)
			return -1;
		if (r->eof && r->raw.len)
			return ky_error_set(err, KY_ERR_PARSE, r->path, r->line, 0,
					    "file ends inside a %s character", r->encoding);
		if (r->cd == (iconv_t)-1 && memchr(r->data.buf, 0, r->data.len))
			return ky_error_set(err, KY_ERR_PARSE, r->path, r->line, 0,
					    "NUL byte in the file (is it UTF-16 without a "
					    "byte-order mark, or not a text file?)");
	}
	if (r->cap_ptr < r->n_fields) {
		ky_xgrow((void **)&r->ptr, &r->cap_ptr, r->n_fields, sizeof(*r->ptr));
	}
	for (size_t i = 0; i < r->n_fields; i++)
		r->ptr[i] = (const char *)r->tok.buf + r->off[i];
	rec->n_fields = r->n_fields;
	rec->field = r->ptr;
	rec->len = r->len;
	rec->line = r->rec_line;
	rec->number = r->number;
	return 1;
}

/* A reader of the open file F, before anything is read (ky_csv_open and
 * ky_csv_open_at). */
static struct ky_csv *csv_new(FILE *f, const char *path, const struct ky_reader_options *opts,
			      struct ky_error *err)
{
	struct ky_csv *r = ky_xcalloc(1, sizeof(*r));
	r->f = f;
	r->path = ky_xstrdup(path);
	r->cd = (iconv_t)-1;
	r->err = err;
	r->line = 1;
	r->max_cell = opts && opts->max_cell ? opts->max_cell : KY_DEFAULT_MAX_CELL;
	r->max_columns = opts && opts->max_columns ? opts->max_columns : KY_DEFAULT_MAX_COLUMNS;
	ky_buf_init(&r->raw);
	ky_buf_init(&r->data);
	return r;
}

struct ky_csv *ky_csv_open(const char *path, const struct ky_reader_options *opts,
				 struct ky_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct ky_csv *r = csv_new(f, path, opts, err);
	if (sniff(r) < 0) {
		ky_csv_free(r);
		return NULL;
	}
	if (r->data.len == 0 && r->eof) {
		ky_error_set(err, KY_ERR_DATA, path, 0, 0, "file is empty");
		ky_csv_free(r);
		return NULL;
	}
	if (detect_dialect(r, opts ? opts->delimiter : 0) < 0) {
		ky_csv_free(r);
		return NULL;
	}
	/* space and tab are trimmed around unquoted cells, only space in
	 * tab-separated files */
	ky_csvtok_init(&r->tok, (unsigned char)r->delim, r->delim != '\t', BLOCK);
	return r;
}

char ky_csv_delimiter(const struct ky_csv *r)
{
	return r->delim;
}

int ky_csv_had_bom(const struct ky_csv *r)
{
	return r->bom;
}

const char *ky_csv_encoding(const struct ky_csv *r)
{
	return r->encoding;
}

const char *ky_csv_path(const struct ky_csv *r)
{
	return r->path;
}

/* ---- chunks of one file (parallel.c) ------------------------------------ */

int ky_csv_splittable(const struct ky_csv *r)
{
	return r->cd == (iconv_t)-1 && !r->cr_only && !r->stop;
}

unsigned long long ky_csv_offset(const struct ky_csv *r)
{
	return r->base + r->pos;
}

unsigned long ky_csv_line(const struct ky_csv *r)
{
	return r->line;
}

void ky_csv_stop_at(struct ky_csv *r, unsigned long long offset)
{
	r->stop = offset;
	r->stopped = 0;
}

int ky_csv_between_records(const struct ky_csv *r)
{
	return r->stopped && r->base + r->pos == r->stop && !r->in_record &&
	       ky_csvtok_between_rows(&r->tok);
}

struct ky_csv *ky_csv_open_at(const char *path, const struct ky_reader_options *opts, char delim,
			      unsigned long long offset, struct ky_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fseeko(f, (off_t)offset, SEEK_SET) != 0) {
		ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot seek: %s", strerror(errno));
		fclose(f);
		return NULL;
	}
	struct ky_csv *r = csv_new(f, path, opts, err);
	r->base = offset;
	r->delim = delim;
	snprintf(r->encoding, sizeof(r->encoding), "UTF-8");
	ky_csvtok_init(&r->tok, (unsigned char)r->delim, r->delim != '\t', BLOCK);
	if (read_raw(r) < 0 || decode(r) < 0 ||
	    (memchr(r->data.buf, 0, r->data.len) &&
	     ky_error_set(err, KY_ERR_PARSE, path, 0, 0, "NUL byte in the file") < 0)) {
		ky_csv_free(r);
		return NULL;
	}
	return r;
}

void ky_csv_free(struct ky_csv *r)
{
	if (!r)
		return;
	if (r->f)
		fclose(r->f);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	ky_csvtok_free(&r->tok);
	ky_buf_release(&r->raw);
	ky_buf_release(&r->data);
	free(r->off);
	free(r->len);
	free(r->ptr);
	free(r->path);
	free(r);
}
