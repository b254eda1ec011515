/* test_csvtok.c - engine/ingest/csvtok.c against libcsv 3.0.3 configured as
 * ingest_csv.c configured it (CSV_STRICT | CSV_STRICT_FINI, 256 KB blocks,
 * space or space and tab as trimmed space): on edge cases and on many
 * generated inputs, each fed whole, a byte at a time and in random pieces,
 * both must report the same fields, the same record ends, the same bytes
 * consumed by every call, the same open-cell length after every call
 * (ingest checks it against the cell limit) and the same errors. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/csvtok_int.h"
#include "ky_buf.h"
#include "ky_test.h"

#define BLK (256 * 1024)

static int space_only(unsigned char c)
{
	return c == ' ' ? CSV_SPACE : 0;
}

static int space_or_tab(unsigned char c)
{
	return c == ' ' || c == '\t' ? CSV_SPACE : 0;
}

/* The event log: "F<len>:<bytes>" per field, "R<c>" per record end,
 * "P<consumed>/<status>/<entry_pos>" per parse call, "E<rc>/<status>" for
 * the final call. */
static void log_field(void *s, size_t len, void *data)
{
	struct ky_buf *b = data;
	ky_buf_addf(b, "F%zu:", len);
	ky_buf_add(b, s ? s : "", len);
}

static void log_record(int c, void *data)
{
	ky_buf_addf(data, "R%d", c);
}

static unsigned long g_seed = 12345;

static unsigned long rnd(void)
{
	g_seed = g_seed * 6364136223846793005UL + 1442695040888963407UL;
	return g_seed >> 33;
}

/* Feeds DATA in pieces: PIECE bytes at a time, 0 = whole, -1 = random. */
static void run_libcsv(const char *d, size_t n, char delim, long piece, struct ky_buf *log)
{
	struct csv_parser p;
	assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
	csv_set_delim(&p, (unsigned char)delim);
	csv_set_blk_size(&p, BLK);
	csv_set_space_func(&p, delim == '\t' ? space_only : space_or_tab);
	size_t at = 0;
	unsigned long seed = g_seed;
	while (at < n) {
		size_t k = piece > 0 ? (size_t)piece : piece == 0 ? n : 1 + rnd() % 64;
		if (k > n - at)
			k = n - at;
		size_t done = csv_parse(&p, d + at, k, log_field, log_record, log);
		ky_buf_addf(log, "P%zu/%d/%zu", done, csv_error(&p) == CSV_EPARSE, p.entry_pos);
		if (done < k)
			goto out;
		at += k;
	}
	int rc = csv_fini(&p, log_field, log_record, log);
	ky_buf_addf(log, "E%d/%d", rc, csv_error(&p) == CSV_EPARSE);
out:
	g_seed = seed;
	csv_free(&p);
}

static void run_csvtok(const char *d, size_t n, char delim, long piece, struct ky_buf *log)
{
	struct ky_csvtok t;
	ky_csvtok_init(&t, (unsigned char)delim, delim != '\t', BLK);
	size_t at = 0;
	while (at < n) {
		size_t k = piece > 0 ? (size_t)piece : piece == 0 ? n : 1 + rnd() % 64;
		if (k > n - at)
			k = n - at;
		size_t done = ky_csvtok_parse(&t, d + at, k, log_field, log_record, log);
		ky_buf_addf(log, "P%zu/%d/%zu", done, t.status == KY_CSVTOK_EPARSE, t.entry_pos);
		if (done < k)
			goto out;
		at += k;
	}
	int rc = ky_csvtok_fini(&t, log_field, log_record, log);
	ky_buf_addf(log, "E%d/%d", rc, t.status == KY_CSVTOK_EPARSE);
out:
	ky_csvtok_free(&t);
}

/* The same with the sink on, three fields of up to five bytes at a time:
 * what it recorded is logged before each callback and after each call, so
 * the log must read as with callbacks only. */
struct sinklog {
	struct ky_csvtok *t;
	struct ky_buf *log;
	size_t off[3], len[3], n;
};

static void sink_flush(struct sinklog *s)
{
	for (size_t i = 0; i < s->n; i++) {
		assert_true(s->len[i] <= 5);
		assert_int_equal(s->t->buf[s->off[i] + s->len[i]], '\0');
		log_field(s->t->buf + s->off[i], s->len[i], s->log);
	}
	s->n = 0;
}

static void sink_field(void *f, size_t len, void *data)
{
	struct sinklog *s = data;
	sink_flush(s);
	log_field(f, len, s->log);
}

static void sink_record(int c, void *data)
{
	struct sinklog *s = data;
	sink_flush(s);
	log_record(c, s->log);
}

static void run_csvtok_sink(const char *d, size_t n, char delim, long piece, struct ky_buf *log)
{
	struct ky_csvtok t;
	ky_csvtok_init(&t, (unsigned char)delim, delim != '\t', BLK);
	struct sinklog s = { &t, log, { 0 }, { 0 }, 0 };
	t.f_off = s.off;
	t.f_len = s.len;
	t.f_n = &s.n;
	t.f_cap = 3;
	t.f_max = 5;
	size_t at = 0;
	while (at < n) {
		size_t k = piece > 0 ? (size_t)piece : piece == 0 ? n : 1 + rnd() % 64;
		if (k > n - at)
			k = n - at;
		size_t done = ky_csvtok_parse(&t, d + at, k, sink_field, sink_record, &s);
		sink_flush(&s);
		ky_buf_addf(log, "P%zu/%d/%zu", done, t.status == KY_CSVTOK_EPARSE, t.entry_pos);
		if (done < k)
			goto out;
		at += k;
	}
	int rc = ky_csvtok_fini(&t, sink_field, sink_record, &s);
	sink_flush(&s);
	ky_buf_addf(log, "E%d/%d", rc, t.status == KY_CSVTOK_EPARSE);
out:
	ky_csvtok_free(&t);
}

/* Both tokenizers, whole, byte by byte and in random pieces; returns the
 * number of fields seen (so that callers can check the input was real). */
static size_t same(const char *d, size_t n, char delim)
{
	size_t fields = 0;
	long pieces[] = { 0, 1, 2, 3, 7, -1 };
	for (size_t i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++) {
		struct ky_buf a = KY_BUF_INIT, b = KY_BUF_INIT;
		run_libcsv(d, n, delim, pieces[i], &a);
		unsigned long seed = g_seed;   /* the same pieces for the sink run */
		run_csvtok(d, n, delim, pieces[i], &b);
		if (a.len != b.len || memcmp(a.buf, b.buf, a.len)) {
			fail_msg("delim '%c', pieces %ld, input [%.*s]:\nlibcsv  %s\ncsvtok  %s",
				 delim, pieces[i], (int)(n > 200 ? 200 : n), d, a.buf, b.buf);
		}
		ky_buf_reset(&b);
		g_seed = seed;
		run_csvtok_sink(d, n, delim, pieces[i], &b);
		if (a.len != b.len || memcmp(a.buf, b.buf, a.len)) {
			fail_msg("sink, delim '%c', pieces %ld, input [%.*s]:\nlibcsv  %s\ncsvtok  %s",
				 delim, pieces[i], (int)(n > 200 ? 200 : n), d, a.buf, b.buf);
		}
		if (i == 0)
			for (size_t j = 0; j < a.len; j++)
				fields += a.buf[j] == 'F';
		ky_buf_release(&a);
		ky_buf_release(&b);
	}
	return fields;
}

static void same_str(const char *s, char delim)
{
	same(s, strlen(s), delim);
}

static void test_edge_cases(void **state)
{
	(void)state;
	static const char *cases[] = {
		"", "a", "a,b,c\n", "a,b,c\r\n", "a,b,c\r", "a\rb\nc\r\nd", "\n\n\r\n",
		"a,,b\n,,\n", "a,b,\n", ",\n", ",", "\"\"", "\"\",\"\"\n",
		"\"a,b\",\"c\nd\",\"e\r\nf\"\n", "\"a\"\"b\",\"\"\"\"\n", "\"\"\"\"\"\"\"\"",
		"a\"b,c\n", "\"a\"b,c\n", "\"a\" b,c\n", "\"a\"  \"b\"\n", "\"a\" \"\n",
		"\"a\"  ,b\n", "\"a\"\t,b\n", "  a  ,  b  \n", "\ta\t,\tb\t\n", " \" a \" ,b\n",
		"a b  c,d\n", "\"unterminated", "\"unterminated\n,x\n", "a,\"b\n", "\"a\"\"",
		"\"a\"\" ", "x,\"a\" ", "a ", "a\t", " ", "\t", "  \n  \n", "a,b\n\n\nc,d\n",
		"\xef\xbb\xbf" "a,b\n", "\xc3\xa4,\xe2\x82\xac\n", "\"\r\",\"\n\"\r\n",
		"a;b;c\n", "\"a;b\";c\n", "a\tb\tc\n", "\"a\tb\"\tc\n", " a\t b \n",
		"\"a\"\r\n\"b\"\r\n", "\"a\"\r", "a\"", "\"", "\"\"\"", "x,\"y\"z",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		same_str(cases[i], ',');
		same_str(cases[i], ';');
		same_str(cases[i], '\t');
	}
}

/* Cells near and across the entry buffer's growth steps, quoted and not. */
static void test_big_cells(void **state)
{
	(void)state;
	size_t sizes[] = { BLK - 1, BLK, BLK + 1, 3 * BLK + 17 };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = sizes[i];
		char *d = malloc(n + 16);
		memset(d, 'x', n + 16);
		d[n] = ',';
		d[n + 1] = 'y';
		d[n + 2] = '\n';
		assert_int_equal(same(d, n + 3, ','), 2);
		d[0] = '"';
		d[n - 1] = '"';
		d[n / 2] = '\n';
		d[n / 3] = ',';
		assert_int_equal(same(d, n + 3, ','), 2);
		d[n - 1] = 'x';  /* never closed before the end */
		same(d, n + 3, ',');
		free(d);
	}
}

/* Random inputs over the bytes that matter to the grammar. */
static void test_generated(void **state)
{
	(void)state;
	static const char *atoms[] = {
		"a", "bc", "\xc3\xa4", " ", "\t", "\"", "\"\"", ",", ";", "\t", "\r", "\n",
		"\r\n", "\"x,y\"", "\"p\"\"q\"", "Jokseenkin samaa mieltä",
	};
	const size_t n_atoms = sizeof(atoms) / sizeof(atoms[0]);
	const char delims[] = { ',', ';', '\t' };
	size_t fields = 0;
	for (int round = 0; round < 6000; round++) {
		char d[400];
		size_t n = 0, want = rnd() % 60;
		/* mostly well-formed records, some anything-goes */
		int wild = round % 3 == 0;
		for (size_t k = 0; k < want && n < sizeof(d) - 40; k++) {
			const char *s;
			if (wild) {
				s = atoms[rnd() % n_atoms];
			} else {
				static const char *tame[] = { "a", "bc", "\xc3\xa4", " x ", "\"q,\"\"\r\n\"",
							      "", "\"\"" };
				s = tame[rnd() % 7];
			}
			size_t l = strlen(s);
			memcpy(d + n, s, l);
			n += l;
			if (!wild)
				d[n++] = rnd() % 5 ? ',' : rnd() % 2 ? '\n' : '\r';
		}
		char delim = delims[rnd() % 3];
		if (!wild)
			for (size_t k = 0; k < n; k++)
				if (d[k] == ',')
					d[k] = delim;
		fields += same(d, n, delim);
	}
	assert_true(fields > 50000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edge_cases),
		cmocka_unit_test(test_big_cells),
		cmocka_unit_test(test_generated),
	};
	return cmocka_run_group_tests_name("csvtok", tests, NULL, NULL);
}
