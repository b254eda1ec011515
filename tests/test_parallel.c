/* test_parallel.c - the pass over one CSV file in two chunks (parallel.c)
 * gives exactly the state of the sequential pass: every count table, text
 * dict, first line, group slot and answer pattern, or the same error.
 * KY_PARALLEL_MIN=0 splits every file; "off" reads it with one reader.  Each
 * case also checks which way it went: merged, or split and read on
 * sequentially (the fallback). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ky_test.h"

#include <gsl/gsl_errno.h>

#include "base/dict_int.h"
#include "ingest/ingest_int.h"
#include "ky_buf.h"
#include "ky_survey.h"

static char tmpdir[] = "/tmp/kysely-par.XXXXXX";

static const char *write_file(const char *name, const char *text, size_t len)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void same_dict(const struct ky_dict *a, const struct ky_dict *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		assert_int_equal(a->len[i], b->len[i]);
		assert_memory_equal(a->str[i], b->str[i], a->len[i]);
	}
}

static uint64_t count_at(const struct ky_column *c, size_t slot, size_t v)
{
	return slot < c->slot_cap && v < c->slot[slot].cap ? c->slot[slot].count[v] : 0;
}

/* Everything the streaming pass fills, and what classification made of it. */
static void same_results(const struct ky_survey *a, const struct ky_survey *b);

static void same_survey(const struct ky_survey *a, const struct ky_survey *b)
{
	assert_int_equal(a->n_records, b->n_records);
	assert_int_equal(a->n_respondents, b->n_respondents);
	assert_int_equal(a->n_slots, b->n_slots);
	assert_int_equal(a->n_columns, b->n_columns);
	assert_int_equal(a->n_groupings, b->n_groupings);
	for (size_t g = 0; g < a->n_groupings; g++) {
		const struct ky_grouping *x = &a->grouping[g], *y = &b->grouping[g];
		same_dict(x->values, y->values);
		assert_int_equal(x->n_groups, y->n_groups);
		assert_int_equal(x->n_empty, y->n_empty);
		for (size_t v = 0; v < x->n_groups; v++) {
			assert_int_equal(x->slot_of[v], y->slot_of[v]);
			assert_int_equal(x->n_respondents[v], y->n_respondents[v]);
			assert_int_equal(x->order[v], y->order[v]);
		}
	}
	for (size_t i = 0; i < a->n_columns; i++) {
		const struct ky_column *x = &a->col[i], *y = &b->col[i];
		same_dict(x->values, y->values);
		size_t n = ((const struct ky_dict *)x->values)->n;
		for (size_t v = 0; v < n; v++)
			assert_int_equal(x->first_line[v], y->first_line[v]);
		assert_int_equal(x->n_overflow, y->n_overflow);
		assert_int_equal(x->pattern_lost, y->pattern_lost);
		assert_int_equal(x->type, y->type);
		for (size_t sl = 0; sl < a->n_slots; sl++) {
			assert_int_equal(x->slot[sl].n_missing, y->slot[sl].n_missing);
			for (size_t v = 0; v < n; v++)
				assert_int_equal(count_at(x, sl, v), count_at(y, sl, v));
		}
	}
	assert_int_equal(a->n_segments, b->n_segments);
	assert_int_equal(a->n_patterns, b->n_patterns);
	assert_int_equal(a->pattern_bytes, b->pattern_bytes);
	for (size_t k = 0; k < a->n_segments; k++) {
		const struct ky_segment *x = &a->segment[k], *y = &b->segment[k];
		assert_int_equal(x->full, y->full);
		same_dict(x->patterns, y->patterns);
		for (size_t p = 0; p < ky_segment_n(x); p++)
			assert_int_equal(x->count[p], y->count[p]);
	}
	same_results(a, b);
}

/* What A and B report from their answer patterns: scales and who answered
 * each choice question, to the last bit. */
static void same_results(const struct ky_survey *a, const struct ky_survey *b)
{
	assert_int_equal(a->n_blocks, b->n_blocks);
	for (size_t k = 0; k < a->n_blocks; k++) {
		const struct ky_block_scale *x = a->block[k].scale, *y = b->block[k].scale;
		assert_true(!x == !y);
		if (x) {
			assert_int_equal(x->n_complete, y->n_complete);
			assert_true((!x->note && !y->note) || (x->note && y->note && !strcmp(x->note, y->note)));
			assert_memory_equal(&x->alpha, &y->alpha, sizeof(double));
			assert_memory_equal(&x->alpha_std, &y->alpha_std, sizeof(double));
			size_t ni = a->block[k].n_items;
			assert_memory_equal(x->r_drop, y->r_drop, ni * sizeof(double));
			assert_memory_equal(x->item_sd, y->item_sd, ni * sizeof(double));
			assert_int_equal(x->n_scores, y->n_scores);
			if (x->n_scores)
				assert_memory_equal(x->score, y->score, x->n_scores * sizeof(double));
			for (size_t sl = 0; x->tally && sl < a->n_slots; sl++)
				assert_memory_equal(x->tally[sl].count, y->tally[sl].count,
						    x->n_scores * sizeof(uint64_t));
		}
	}
	assert_int_equal(a->n_choices, b->n_choices);
	for (size_t k = 0; k < a->n_choices; k++)
		for (size_t sl = 0; sl < a->n_slots; sl++)
			assert_int_equal(a->choice[k].n_respondents[sl], b->choice[k].n_respondents[sl]);
}

/* Reads PATH both ways; WANT: 1 merged, -1 split but read on sequentially,
 * 0 not split, 3 merged or not split (a file too small to split), 2 an
 * error (the same one both ways). */
static void both_ways(const char *path, size_t n_groups, const char *const *groups,
		      size_t max_pattern_bytes, int want)
{
	struct ky_survey_options o = { .n_groups = n_groups, .groups = groups,
				       .max_pattern_bytes = max_pattern_bytes, .keep_patterns = 1 };
	struct ky_error e1, e2;
	ky_error_clear(&e1);
	ky_error_clear(&e2);
	setenv("KY_PARALLEL_MIN", "off", 1);
	struct ky_survey *a = ky_survey_read(path, &o, &e1);
	setenv("KY_PARALLEL_MIN", "0", 1);
	struct ky_survey *b = ky_survey_read(path, &o, &e2);
	unsetenv("KY_PARALLEL_MIN");
	if (want == 2) {
		assert_null(a);
		assert_null(b);
		assert_int_equal(e1.code, e2.code);
		assert_int_equal(e1.line, e2.line);
		assert_int_equal(e1.column, e2.column);
		assert_string_equal(e1.path, e2.path);
		assert_string_equal(e1.msg, e2.msg);
		return;
	}
	if (!a || !b)
		fail_msg("%s: unexpected error: %s / %s", path, e1.msg, e2.msg);
	assert_int_equal(a->parallel, 0);
	if (b->parallel != want && !(want == 3 && b->parallel >= 0))
		fail_msg("%s: parallel = %d, expected %d", path, b->parallel, want);
	same_survey(a, b);
	ky_survey_free(a);
	ky_survey_free(b);
}

static const char *const LV[6] = { "En ole käyttänyt", "Ei vaikutusta", "Vähäinen vaikutus",
				   "Kohtalainen vaikutus", "Merkittävä vaikutus",
				   "Erittäin merkittävä vaikutus" };

static uint64_t rnd_state = 88172645463325252ull;
static unsigned rnd(unsigned n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (unsigned)(rnd_state % n);
}

/* A Webropol-like export: BOM, ';', two groupings whose values keep
 * appearing (new ones in the second half too, interleaved), items of one
 * stem, an open text with ';' quotes and line breaks, CRLF or LF. */
static void webropol(struct ky_buf *b, size_t rows, int crlf, int bom)
{
	const char *nl = crlf ? "\r\n" : "\n";
	if (bom)
		ky_buf_adds(b, "\xEF\xBB\xBF");
	ky_buf_addf(b, "\"Vastaajanumero\";\"Alue\";\"Rooli\"");
	for (int k = 0; k < 6; k++)
		ky_buf_addf(b, ";\"Miten \"\"arvioit\"\" palveluja, kun mietit vuotta?:Palvelu %d\"", k + 1);
	ky_buf_addf(b, ";\"Kerro vapaasti; mitä muuta?\"%s", nl);
	for (size_t r = 0; r < rows; r++) {
		/* Alue: a new value every rows/7 rows; Rooli: new ones at other points */
		ky_buf_addf(b, "\"%zu\";\"Alue %zu\";\"%s%zu\"", r + 1, (r * 7 / rows + rnd(2)) % 8,
			    rnd(10) ? "Rooli " : "", (r * 5 / rows) * 2 + rnd(2));
		for (int k = 0; k < 6; k++) {
			if (!rnd(30))
				ky_buf_adds(b, ";\"\"");
			else
				ky_buf_addf(b, ";\"%s\"", LV[rnd(6)]);
		}
		unsigned t = rnd(5);
		if (t == 0)
			ky_buf_addf(b, ";\"Kaksi asiaa:\n1) \"\"aukiolo\"\"; %zu\n2) pysäköinti\"%s", r % 13, nl);
		else if (t == 1)
			ky_buf_addf(b, ";\"Ok %zu\"%s", r % 5, nl);
		else
			ky_buf_addf(b, ";%s", nl);
	}
}

static void test_webropol_shapes(void **state)
{
	(void)state;
	static const char *const g2[] = { "Alue", "Rooli" };
	static const char *const g1[] = { "Rooli" };
	size_t rows[] = { 2, 3, 40, 1000, 5001 };
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		for (int shape = 0; shape < 4; shape++) {
			struct ky_buf b = KY_BUF_INIT;
			webropol(&b, rows[i], shape & 1, shape & 2);
			const char *p = write_file("w.csv", b.buf, b.len);
			int want = rows[i] >= 40 ? 1 : 3;
			both_ways(p, 2, g2, 0, want);
			both_ways(p, 1, g1, 0, want);
			both_ways(p, 0, NULL, 0, want);
			ky_buf_release(&b);
		}
}

static void test_sample_and_data(void **state)
{
	(void)state;
	const char *src = getenv("KY_SRCDIR") ? getenv("KY_SRCDIR") : ".";
	static const char *const g[] = { "Vastaajaryhmä", "Palvelualue" };
	char path[1024];
	snprintf(path, sizeof(path), "%s/surveys/asukas-henkilosto-2024.csv", src);
	both_ways(path, 2, g, 0, 1);
	both_ways(path, 0, NULL, 0, 1);
	snprintf(path, sizeof(path), "%s/tests/data/groups_edge.csv", src);
	static const char *const ge[] = { "Yksikkö", "Rooli" };
	both_ways(path, 2, ge, 0, 1);
}

/* A column of distinct texts: past KY_MAX_DISTINCT only in the merged
 * column (exact: chunk 2's later new texts overflow), or within chunk 2
 * alone (its cells beyond its own limit looked up among chunk 1's texts once
 * those are final: when chunk 1 reached the limit too, or, in the third
 * file, where chunk 1 has only 100 texts, when it has read up to the split;
 * after 12 000 new texts, chunk 2's rows alternate between those 100 and
 * new ones). */
static void test_distinct_limit(void **state)
{
	(void)state;
	static const char *const g[] = { "Ryhmä" };
	size_t rows[] = { 15000, 26000 };
	int want[] = { 1, 1 };
	for (int i = 0; i < 2; i++) {
		struct ky_buf b = KY_BUF_INIT;
		ky_buf_adds(&b, "Ryhmä;Koodi;Q:a;Q:b\n");
		for (size_t r = 0; r < rows[i]; r++)   /* codes repeat a little, across the split */
			ky_buf_addf(&b, "R%u;k%zu;%s;%s\n", rnd(3), (r * 7919) % (rows[i] - 500),
				    LV[rnd(6)], LV[rnd(6)]);
		both_ways(write_file("d.csv", b.buf, b.len), 1, g, 0, want[i]);
		ky_buf_release(&b);
	}
	struct ky_buf b = KY_BUF_INIT;
	ky_buf_adds(&b, "Ryhmä;Koodi;Q:a;Q:b\n");
	for (size_t r = 0; r < 30000; r++)
		if (r < 15000 || (r >= 27000 && r % 2))
			ky_buf_addf(&b, "R%u;k%zu;%s;%s\n", rnd(3), r % 100, LV[rnd(6)], LV[rnd(6)]);
		else
			ky_buf_addf(&b, "R%u;u%zu;%s;%s\n", rnd(3), r, LV[rnd(6)], LV[rnd(6)]);
	both_ways(write_file("d2.csv", b.buf, b.len), 1, g, 0, 1);
	ky_buf_release(&b);
}

/* The middle of the file inside a quoted cell of many lines: the split is
 * the next record boundary; quotes inside quoted cells keep their parity. */
static void test_newlines_at_split(void **state)
{
	(void)state;
	for (int lines = 1; lines < 40; lines += 7) {
		struct ky_buf b = KY_BUF_INIT;
		ky_buf_adds(&b, "Ryhmä,Vapaa,Q:a\r\n");
		for (int r = 0; r < 21; r++) {
			ky_buf_addf(&b, "R%d,\"", r % 4);
			for (int l = 0; l < lines * (r == 10 ? 50 : 1); l++)
				ky_buf_addf(&b, "rivi %d \"\"lainaus\"\", pilkku\r\n", l);
			ky_buf_addf(&b, "\",%s\r\n", LV[r % 6]);
		}
		static const char *const g[] = { "Ryhmä" };
		both_ways(write_file("n.csv", b.buf, b.len), 1, g, 0, 1);
		ky_buf_release(&b);
	}
}

/* Errors: the first one in file order, with its line, whichever chunk it is
 * in.  A stray quote before the split misleads the parity guess. */
static void test_errors(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"ok ab\"c",         /* stray quote in an unquoted cell */
		"\"x\"y",           /* text after a closing quote */
		"\xC3(",            /* invalid UTF-8 */
		"",                 /* a ragged row (one field short) */
		"\"never closed",   /* a quote never closed */
	};
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		for (int where = 0; where < 3; where++) {   /* early, late, last row */
			struct ky_buf b = KY_BUF_INIT;
			ky_buf_adds(&b, "Ryhmä;Vapaa;Q:a;Q:b\n");
			size_t at = where == 0 ? 30 : where == 1 ? 700 : 999;
			for (size_t r = 0; r < 1000; r++) {
				if (r == at && !*bad[k])
					ky_buf_addf(&b, "R1;x;%s\n", LV[1]);
				else if (r == at)
					ky_buf_addf(&b, "R1;%s;%s;%s\n", bad[k], LV[1], LV[2]);
				else
					ky_buf_addf(&b, "R%zu;\"t\n%zu\";%s;%s\n", r % 3, r % 9, LV[r % 6],
						    LV[(r / 6) % 6]);
			}
			static const char *const g[] = { "Ryhmä" };
			both_ways(write_file("e.csv", b.buf, b.len), 1, g, 0, 2);
			ky_buf_release(&b);
		}
}

/* PATH read on two cores with pattern bound BOUND: merged, its one block's
 * segment full, and its scale on N_COMPLETE complete cases. */
static void split_scale(const char *path, size_t n_groups, const char *const *groups,
			size_t bound, uint64_t n_complete)
{
	struct ky_survey_options o = { .n_groups = n_groups, .groups = groups,
				       .max_pattern_bytes = bound };
	struct ky_error e;
	ky_error_clear(&e);
	setenv("KY_PARALLEL_MIN", "0", 1);
	struct ky_survey *s = ky_survey_read(path, &o, &e);
	unsetenv("KY_PARALLEL_MIN");
	assert_non_null(s);
	assert_int_equal(s->parallel, 1);
	assert_int_equal(s->n_blocks, 1);
	assert_true(ky_survey_segment_of(s, s->block[0].items[0])->full);
	assert_non_null(s->block[0].scale);
	assert_null(s->block[0].scale->note);
	assert_int_equal(s->block[0].scale->n_complete, n_complete);
	ky_survey_free(s);
}

/* Answer patterns: a segment column's 65th text first seen in chunk 2
 * (pattern_lost set there: read on sequentially), or in chunk 1 (merged; as
 * the column was lost only after chunk 2 began, chunk 2's keys with its value
 * ids and with KY_PATTERN_OTHER become one merged key, and from row 1200 on
 * Q:c has new texts, so such keys are new to the merged patterns); the
 * memory bound reached in chunk 2 (read on) or in chunk 1 (merged). */
static void test_patterns(void **state)
{
	(void)state;
	static const char *const g[] = { "Ryhmä" };
	for (int late = 0; late < 2; late++) {
		struct ky_buf b = KY_BUF_INIT;
		ky_buf_adds(&b, "Ryhmä;Q:a;Q:b;Q:c\n");
		for (int r = 0; r < 2000; r++)
			ky_buf_addf(&b, "R%d;%s;n%d;%s\n", r % 2, LV[r % 6],
				    late ? (r < 1500 ? r % 60 : r % 70) : (r / 10) % 70,
				    LV[late ? (r / 7) % 6 : (r / 7) % 3 + (r >= 1200 ? 3 : 0)]);
		both_ways(write_file("p.csv", b.buf, b.len), 1, g, 0, late ? -1 : 1);
		ky_buf_release(&b);
	}
	struct ky_buf b = KY_BUF_INIT;
	ky_buf_adds(&b, "Ryhmä;Q:a;Q:b;Q:c\n");
	for (int r = 0; r < 2000; r++)   /* every row a new pattern */
		ky_buf_addf(&b, "R%d;%s;%s;%d\n", r % 2, LV[r % 6], LV[(r / 6) % 6], r / 36);
	const char *p = write_file("q.csv", b.buf, b.len);
	size_t cost = 3 + 4 + 1 + KY_PATTERN_COST;
	both_ways(p, 1, g, 0, 1);              /* 2000 patterns: no bound reached */
	both_ways(p, 1, g, 1500 * cost, -1);   /* full in chunk 2 */
	both_ways(p, 1, g, 500 * cost, 1);     /* full in chunk 1: chunk 2 adds nothing */
	ky_buf_release(&b);
	/* long enough for chunk 2 to look at chunk 1's pattern memory (every
	 * 1024 records) and drop its own patterns when both pass the bound */
	b = (struct ky_buf)KY_BUF_INIT;
	ky_buf_adds(&b, "Ryhmä;Q:a;Q:b;Q:c;Q:d;Q:e\n");
	for (int r = 0; r < 6000; r++)   /* every row a new pattern */
		ky_buf_addf(&b, "R%d;%s;%s;%s;%s;%s\n", r % 2, LV[r % 6], LV[(r / 6) % 6],
			    LV[(r / 36) % 6], LV[(r / 216) % 6], LV[(r / 1296) % 6]);
	p = write_file("q5.csv", b.buf, b.len);
	cost = 5 + 4 + 1 + KY_PATTERN_COST;
	both_ways(p, 1, g, 2000 * cost, 1);    /* full in chunk 1 */
	both_ways(p, 1, g, 4500 * cost, -1);   /* full in chunk 2 */
	both_ways(p, 1, g, 0, 1);
	/* full in chunk 1: the block's sums come from the second read, which
	 * is split too; the complete cases are the rows without "En ole
	 * käyttänyt" (LV[0]) in any item, 2215 (python3: sum(1 for r in
	 * range(6000) if all((r // d) % 6 for d in (1, 6, 36, 216, 1296)))) */
	split_scale(p, 1, g, 2000 * cost, 2215);
	ky_buf_release(&b);
}

/* Spill files of more than two 256 kB writes: their records are summed on
 * two threads, cut at a write boundary inside a file, and the second
 * chunk's file is re-keyed with group values first seen in it (B0..B4 from
 * row 25 000, in another order than chunk 1 saw A0..A4).  The first 3 000
 * rows repeat 97 answer patterns, so the patterns kept in memory have
 * counts above 1.  The same sums as one reader's and as with every pattern
 * in memory; complete cases 7924 (python3: k = lambda r: r % 97 if r < 3000
 * else r; sum(1 for r in range(40000) if all(((k(r)*2654435761) >> (2*i+5))
 * % 6 for i in range(10)))). */
static void test_spill_halves(void **state)
{
	(void)state;
	static const char *const g[] = { "Alue", "Rooli" };
	struct ky_buf b = KY_BUF_INIT;
	ky_buf_adds(&b, "Alue");      /* the groupings apart: not one segment */
	for (int i = 0; i < 10; i++)
		ky_buf_addf(&b, ";Q:%c", 'a' + i);
	ky_buf_adds(&b, ";Rooli\n");
	for (int r = 0; r < 40000; r++) {
		int k = r < 3000 ? r % 97 : r;
		ky_buf_addf(&b, "%c%d", r >= 25000 && r % 3 ? 'B' : 'A', (k * 7 + r / 5000) % 5);
		for (int i = 0; i < 10; i++)
			ky_buf_addf(&b, ";%s", LV[((unsigned long long)k * 2654435761u >> (2 * i + 5)) % 6]);
		ky_buf_addf(&b, ";%s\n", k % 11 ? (k % 2 ? "asukas" : "henkilöstö") : "");
	}
	const char *p = write_file("h.csv", b.buf, b.len);
	size_t cost = 10 + 8 + 1 + KY_PATTERN_COST;
	both_ways(p, 2, g, 300 * cost, 1);     /* full early in chunk 1 */
	both_ways(p, 2, g, 0, 1);              /* no bound reached */
	split_scale(p, 2, g, 300 * cost, 7924);
	/* the same results as with every pattern in memory (one reader each) */
	struct ky_survey_options lo = { .n_groups = 2, .groups = g,
					.max_pattern_bytes = 300 * cost };
	struct ky_survey_options hi = { .n_groups = 2, .groups = g,
					.max_pattern_bytes = 64u << 20 };
	struct ky_error e1, e2;
	ky_error_clear(&e1);
	ky_error_clear(&e2);
	struct ky_survey *x = ky_survey_read(p, &lo, &e1), *y = ky_survey_read(p, &hi, &e2);
	assert_non_null(x);
	assert_non_null(y);
	assert_true(ky_survey_segment_of(x, x->block[0].items[0])->full);
	assert_false(ky_survey_segment_of(y, y->block[0].items[0])->full);
	same_results(x, y);
	ky_survey_free(x);
	ky_survey_free(y);
	ky_buf_release(&b);
}

/* Not split: other encodings, and files with no line end to split at. */
static void test_not_split(void **state)
{
	(void)state;
	static const char latin[] = "Ryhm\xE4;Q:a;Q:b\nA;1;2\nB;2;3\nA;3;4\nB;4;5\n";
	both_ways(write_file("l.csv", latin, sizeof(latin) - 1), 0, NULL, 0, 0);
	static const char cr[] = "G;Q:a;Q:b\rA;1;2\rB;2;3\rA;3;4\rB;4;5\r";
	both_ways(write_file("c.csv", cr, sizeof(cr) - 1), 0, NULL, 0, 0);
	static const char one[] = "G;Q:a;Q:b\nA;1;2";
	both_ways(write_file("o.csv", one, sizeof(one) - 1), 0, NULL, 0, 0);
}

/* The check that makes a wrong guess harmless: a reader stopped inside a
 * quoted cell (after a line end with an odd number of quotes before it, or
 * an even one when a stray quote came first) is not between records; one
 * stopped at a record's end is, and reads on to the same records. */
static void test_boundary_check(void **state)
{
	(void)state;
	static const char text[] = "G;Vapaa\nA;\"x\ny\"\nB;\"\"\"q\"\"\n\"\nC;z\n";
	const char *p = write_file("b.csv", text, sizeof(text) - 1);
	/* offsets after each line end: 8 (header), 13 (in a cell), 16 (record
	 * end), 25 (in a cell), 27 (record end), 31 (end) */
	unsigned long long stops[] = { 13, 16, 25, 27 };
	int between[] = { 0, 1, 0, 1 };
	for (int i = 0; i < 4; i++) {
		struct ky_error e;
		ky_error_clear(&e);
		struct ky_reader *r = ky_reader_open(p, NULL, &e);
		assert_non_null(r);
		struct ky_csv *csv = ky_reader_csv(r);
		assert_non_null(csv);
		assert_true(ky_csv_splittable(csv));
		struct ky_record rec;
		assert_int_equal(ky_reader_next(r, &rec, &e), 1);   /* the header */
		assert_int_equal(ky_csv_offset(csv), 8);
		ky_csv_stop_at(csv, stops[i]);
		int n = 0;
		while (ky_reader_next(r, &rec, &e) > 0)
			n++;
		assert_int_equal(e.code, KY_OK);
		assert_int_equal(ky_csv_between_records(csv), between[i]);
		if (between[i]) {
			assert_int_equal(n, i == 1 ? 1 : 2);
			unsigned long off = ky_csv_line(csv) - 1;
			assert_int_equal(off, i == 1 ? 3 : 5);
			/* a reader opened there reads what the stopped one reads on */
			struct ky_csv *c2 = ky_csv_open_at(p, NULL, ';', stops[i], &e);
			assert_non_null(c2);
			ky_csv_stop_at(csv, 0);
			struct ky_record r2;
			int k;
			while ((k = ky_csv_next(c2, &r2, &e)) > 0) {
				assert_int_equal(ky_reader_next(r, &rec, &e), 1);
				assert_int_equal(rec.n_fields, r2.n_fields);
				for (size_t f = 0; f < rec.n_fields; f++)
					assert_string_equal(rec.field[f], r2.field[f]);
				assert_int_equal(rec.line, r2.line + off);
			}
			assert_int_equal(k, 0);
			assert_int_equal(ky_reader_next(r, &rec, &e), 0);
			ky_csv_free(c2);
		}
		ky_reader_free(r);
	}
}

int main(void)
{
	gsl_set_error_handler_off();
	if (!mkdtemp(tmpdir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_webropol_shapes),
		cmocka_unit_test(test_sample_and_data),
		cmocka_unit_test(test_distinct_limit),
		cmocka_unit_test(test_newlines_at_split),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_spill_halves),
		cmocka_unit_test(test_not_split),
		cmocka_unit_test(test_boundary_check),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
