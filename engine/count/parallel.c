/* parallel.c - the streaming pass over one large CSV file on two cores.
 *
 * The data rows left after the header are split in two at a record
 * boundary.  The split is a guess: the first line end after the middle of
 * the rest of the file with an even number of quotes before it.  The
 * caller's reader (chunk 1) is told to stop feeding at that offset and must
 * then be between two records, in exactly the state a reader opened there
 * starts in; otherwise the guess was wrong (stray quotes) and the thread's
 * work is thrown away.  Meanwhile a thread reads chunk 2 with its own
 * reader into its own tally state (a struct ky_survey holding only what
 * ky_survey_count_record touches), with group slots, value ids and pattern
 * keys numbered in its own first-seen order.
 *
 * The merge gives exactly the state a sequential pass would have: chunk 2's
 * new group values, texts and patterns are appended in its first-seen order
 * (which is the order they would have been first seen in), its ids are
 * remapped and its counts added.  It is planned first without changing
 * anything, and the caller reads chunk 2 itself, sequentially, whenever a
 * part cannot be made exact:
 *  - chunk 2 ended in an error (the error is then reported by the
 *    sequential read, with its own line numbers);
 *  - a column passed KY_MAX_DISTINCT distinct texts within chunk 2 alone
 *    (which of its later cells were texts already known to chunk 1 is not
 *    known; when only the merged column passes the limit, the texts beyond
 *    it are exactly chunk 2's new texts after the first KY_MAX_DISTINCT - n,
 *    and all their cells go to n_overflow, as sequentially);
 *  - a column of a segment still counting patterns would get a value id of
 *    KY_PATTERN_VALUES or more from chunk 2 (pattern_lost would be set in
 *    the middle of chunk 2);
 *  - the merged patterns would pass KY_MAX_PATTERNS or the memory bound
 *    (the segment would become full in the middle of chunk 2), or chunk 2's
 *    own patterns of a segment passed half the bound.  A segment already
 *    full after chunk 1 counts nothing of chunk 2, so its chunk 2 patterns
 *    are simply dropped.
 *
 * The thread shares nothing mutable with the caller: it has its own reader,
 * tally state, error and scratch buffers; dict.c, buf.c and pattern.c keep
 * no mutable statics (buf.c's out-of-memory hook is set once, before).
 * KY_PARALLEL_MIN (bytes of data rows, default 8 MiB; "off" never) decides
 * which files are split. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "base/dict_int.h"
#include "ingest/ingest_int.h"
#include "ky_buf.h"
#include "survey_int.h"
#include "link_int.h"

#define DEFAULT_MIN (8ull << 20)
#define OFF ((unsigned long long)-1)
#define OVER ((size_t)-2)            /* a text beyond KY_MAX_DISTINCT */

static unsigned long long min_bytes(void)
{
	const char *e = getenv("KY_PARALLEL_MIN");
	if (!e || !*e)
		return DEFAULT_MIN;
	if (!strcmp(e, "off"))
		return OFF;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(e, &end, 10);
	return *end || errno ? DEFAULT_MIN : v;
}

/* Whether S[0..N) holds an odd number of '"': with SSE2 sixteen bytes at a
 * time, else (and for the rest) eight bytes at a time: a
 * byte of x = w ^ "..." is zero exactly where w has a quote, and
 * ((x & 0x7F..) + 0x7F..) | x has its high bit clear exactly in the zero
 * bytes of x; the flags of all words are XORed, and their parity is the
 * parity of the count. */
static unsigned odd_quotes(const unsigned char *s, size_t n)
{
	const uint64_t q = 0x2222222222222222ull, low7 = 0x7F7F7F7F7F7F7F7Full;
	uint64_t acc = 0;
	size_t i = 0;
#ifdef __SSE2__
	/* sixteen bytes at a time: one bit per quote from the byte compare */
	const __m128i qq = _mm_set1_epi8('"');
	unsigned bits = 0;
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		bits ^= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, qq));
	}
	acc = bits;
#endif
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		uint64_t x = w ^ q;
		acc ^= ~(((x & low7) + low7) | x | low7);
	}
	unsigned odd = (unsigned)__builtin_parityll(acc);
	for (; i < n; i++)
		odd ^= s[i] == '"';
	return odd;
}

/* A split guessed from the bytes after the middle of [START, SIZE) alone:
 * the first line end there outside quotes, supposing the middle is outside
 * quotes, or else inside them, where the GUESS_RECORDS records after it
 * (blank lines aside) all have N_COLS fields separated by DELIM.  Counting
 * the quotes before the middle (find_split) reads half the file; this reads
 * a few records, and where it is wrong chunk 1 finds out (it is not between
 * two records there).  The offset after the line end, or 0 when neither
 * supposition fits (few or long records, ragged rows). */
#define GUESS_WINDOW (1u << 20)
#define GUESS_RECORDS 64
static unsigned long long guess_split(const char *path, unsigned long long start,
				      unsigned long long size, char delim, size_t n_cols)
{
	unsigned long long mid = start + (size - start) / 2;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	unsigned char *buf = ky_xmalloc(GUESS_WINDOW);
	ssize_t got = pread(fd, buf, GUESS_WINDOW, (off_t)mid);
	close(fd);
	unsigned long long split = 0;
	for (int inside = 0; inside < 2 && !split && got > 0; inside++) {
		size_t i = 0, n = (size_t)got;
		int q = inside;
		for (; i < n && (q || buf[i] != '\n'); i++)
			q ^= buf[i] == '"';
		if (i >= n)
			continue;
		size_t at = ++i, fields = 1, records = 0;
		int ok = 1, blank = 1;
		q = 0;
		for (; i < n && ok && records < GUESS_RECORDS; i++) {
			unsigned char ch = buf[i];
			if (ch == '"')
				q ^= 1, blank = 0;
			else if (!q && ch == (unsigned char)delim)
				fields++, blank = 0;
			else if (!q && ch == '\n') {
				if (!blank) {
					ok = fields == n_cols;
					records++;
				}
				fields = 1, blank = 1;
			} else if (ch != '\r') {
				blank = 0;
			}
		}
		if (ok && (records == GUESS_RECORDS || (i == n && mid + n == size && records >= 4)))
			split = mid + at;
	}
	free(buf);
	return split < size ? split : 0;
}

/* The first line end at or after the middle of [START, SIZE) with an even
 * number of quotes in [START, there]; the offset after it, or 0. */
static unsigned long long find_split(const char *path, unsigned long long start,
				     unsigned long long size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	if (fseeko(f, (off_t)start, SEEK_SET) != 0) {
		fclose(f);
		return 0;
	}
	enum { CAP = 1 << 20 };
	unsigned char *buf = ky_xmalloc(CAP);
	unsigned long long mid = start + (size - start) / 2, pos = start, split = 0;
	unsigned odd = 0;
	size_t n;
	while (!split && (n = fread(buf, 1, CAP, f)) > 0) {
		size_t i = 0;
		if (pos < mid) {
			size_t m = mid - pos < n ? (size_t)(mid - pos) : n;
			odd ^= odd_quotes(buf, m);
			i = m;
		}
		for (; i < n; i++) {
			if (buf[i] == '"') {
				odd ^= 1;
			} else if (buf[i] == '\n' && !odd) {
				split = pos + i + 1;
				break;
			}
		}
		pos += n;
	}
	free(buf);
	fclose(f);
	return split < size ? split : 0;
}

/* Whether what is left of reader R over file PATH (its CSV reader in *CSV,
 * from *START to *SIZE) is to be split: a large UTF-8 CSV file. */
static int splittable(struct ky_reader *r, const char *path, struct ky_csv **csv,
		      unsigned long long *start, unsigned long long *size)
{
	*csv = ky_reader_csv(r);
	if (!*csv || !ky_csv_splittable(*csv))
		return 0;
	unsigned long long min = min_bytes();
	struct stat st;
	*start = ky_csv_offset(*csv);
	if (min == OFF || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size <= *start ||
	    (unsigned long long)st.st_size - *start < min)
		return 0;
	*size = (unsigned long long)st.st_size;
	return 1;
}

/* ---- chunk 2: its own tally state, filled by a thread -------------------- */

struct chunk {
	struct ky_survey t;               /* what ky_survey_count_record touches */
	const char *path;
	const struct ky_reader_options *ropts;
	char delim;
	unsigned long long offset;
	unsigned long long start, size;   /* the data rows left when chunk 2 began */
	atomic_ullong split_at;           /* the split once found, NO_SPLIT, or 0 */
	struct ky_error err;
	unsigned char *lost0;             /* [column] pattern_lost when chunk 2 began */
	int rc;                           /* 0: read to the end, -1: an error or cancelled */
	atomic_int cancel;
	atomic_size_t main_bytes;         /* chunk 1's pattern_bytes, now and then */
	size_t max_bytes;                 /* the survey's pattern memory bound */
};

static size_t key_len(const struct ky_segment *seg, size_t n_groupings)
{
	return seg->n_cols + 4 * n_groupings;
}

/* Records between looks at the other thread's answer-pattern memory. */
#define LOOK 1024

/* When chunk 1's answer patterns and chunk 2's together pass the bound, the
 * merged ones would too unless the chunks share many: chunk 2 stops counting
 * the patterns of its largest segments, and frees them, until the two fit
 * (segments holding less than 1/64 of the bound are kept: they save little,
 * and as chunk 1 ends close to the bound they would always go).
 * Such a segment counts as full in chunk 2: the merge takes nothing of it if
 * it is full in chunk 1 too (it then counts nothing of chunk 2 anyway), and
 * otherwise leaves chunk 2 to the caller.  Peak memory then stays near the
 * sequential pass's (L: 50 MB -> 38 MB). */
static void drop_patterns(struct chunk *c)
{
	struct ky_survey *t = &c->t;
	size_t main_bytes = atomic_load_explicit(&c->main_bytes, memory_order_relaxed);
	int dropped = 0;
	while (main_bytes + t->pattern_bytes > c->max_bytes) {
		size_t best = KY_NO_BLOCK, most = 0;
		for (size_t k = 0; k < t->n_segments; k++) {
			const struct ky_segment *seg = &t->segment[k];
			size_t n = ((const struct ky_dict *)seg->patterns)->n;
			size_t bytes = n * (key_len(seg, t->n_groupings) + 1 + KY_PATTERN_COST);
			if (bytes > most && bytes >= c->max_bytes / 64)   /* small ones stay */
				best = k, most = bytes;
		}
		if (best == KY_NO_BLOCK)
			break;
		struct ky_segment *seg = &t->segment[best];
		const struct ky_dict *d = seg->patterns;
		for (size_t i = 0; i < d->n; i++)      /* to the file, with their counts */
			ky_spill_add(t, best, (const unsigned char *)d->str[i], d->len[i],
				     seg->count[i]);
		t->n_patterns -= d->n;
		t->pattern_bytes -= most;
		seg->full = 1;
		ky_dict_release(seg->patterns);
		free(seg->count);
		seg->count = NULL;
		seg->cap = 0;
		dropped = 1;
	}
	/* chunk 1's patterns grow in another malloc arena: give the pages of
	 * these back, or both count in peak memory (M: +2 MB) */
	if (dropped)
		malloc_trim(0);
}

static void shadow_init(struct ky_survey *t, const struct ky_survey *s)
{
	memset(t, 0, sizeof(*t));
	t->path = s->path;            /* borrowed */
	t->n_columns = s->n_columns;
	t->col = ky_xcalloc(s->n_columns + 1, sizeof(*t->col));
	for (size_t i = 0; i < s->n_columns; i++) {
		struct ky_column *c = &t->col[i];
		const struct ky_column *sc = &s->col[i];
		c->index = i;
		c->type = sc->type;
		c->values = ky_xcalloc(1, sizeof(struct ky_dict));
		c->dropped = sc->dropped;
		c->seg = sc->seg;
		c->seg_pos = sc->seg_pos;
		c->pattern_lost = sc->pattern_lost;
		c->block = c->def_block = KY_NO_BLOCK;
	}
	t->n_groupings = s->n_groupings;
	t->grouping = ky_xcalloc(s->n_groupings + 1, sizeof(*t->grouping));
	for (size_t g = 0; g < s->n_groupings; g++) {
		t->grouping[g].column = s->grouping[g].column;
		t->grouping[g].values = ky_xcalloc(1, sizeof(struct ky_dict));
	}
	t->n_slots = 1;
	t->n_segments = s->n_segments;
	t->segment = ky_xcalloc(s->n_segments + 1, sizeof(*t->segment));
	for (size_t k = 0; k < s->n_segments; k++) {
		struct ky_segment *g = &t->segment[k];
		const struct ky_segment *sg = &s->segment[k];
		g->first = sg->first;
		g->end = sg->end;
		g->cols = sg->cols;       /* borrowed */
		g->n_cols = sg->n_cols;
		g->defined = sg->defined;
		g->patterns = ky_xcalloc(1, sizeof(struct ky_dict));
		g->full = sg->full;       /* full stays full: nothing more is counted */
	}
	size_t max = s->max_pattern_bytes ? s->max_pattern_bytes : KY_MAX_PATTERN_BYTES;
	t->max_pattern_bytes = max / 2 ? max / 2 : 1;
}

static void shadow_free(struct ky_survey *t)
{
	for (size_t i = 0; i < t->n_columns; i++) {
		struct ky_column *c = &t->col[i];
		ky_dict_release(c->values);
		free(c->values);
		free(c->first_line);
		for (size_t k = 0; k < c->slot_cap; k++)
			free(c->slot[k].count);
		free(c->slot);
	}
	free(t->col);
	for (size_t g = 0; g < t->n_groupings; g++) {
		ky_dict_release(t->grouping[g].values);
		free(t->grouping[g].values);
		free(t->grouping[g].slot_of);
		free(t->grouping[g].n_respondents);
	}
	free(t->grouping);
	for (size_t k = 0; k < t->n_segments; k++) {
		ky_dict_release(t->segment[k].patterns);
		free(t->segment[k].patterns);
		free(t->segment[k].count);
	}
	free(t->segment);
	ky_spill_free(t);
	memset(t, 0, sizeof(*t));
}

#define NO_SPLIT ULLONG_MAX

static void *chunk_main(void *arg)
{
	struct chunk *c = arg;
	/* the split, found here while chunk 1 is read: it learns it below */
	c->offset = guess_split(c->path, c->start, c->size, c->delim, c->t.n_columns);
	if (!c->offset)
		c->offset = find_split(c->path, c->start, c->size);
	atomic_store_explicit(&c->split_at, c->offset ? c->offset : NO_SPLIT, memory_order_release);
	if (!c->offset) {
		c->rc = -1;
		return NULL;
	}
	struct ky_csv *r = ky_csv_open_at(c->path, c->ropts, c->delim, c->offset, &c->err);
	if (!r) {
		c->rc = -1;
		return NULL;
	}
	struct ky_survey *t = &c->t;
	struct ky_scanbuf b;
	ky_csv_defer_checks(r);     /* as the caller's reader: cells checked when new */
	b.unchecked = 1;
	b.slots = ky_xmalloc((t->n_groupings + 1) * sizeof(*b.slots));
	b.gid = ky_xmalloc((t->n_groupings + 1) * sizeof(*b.gid));
	b.vid = ky_xmalloc((t->n_columns + 1) * sizeof(*b.vid));
	struct ky_record rec;
	int rc;
	size_t n = 0;
	while ((rc = ky_csv_next(r, &rec, &c->err)) > 0) {
		if (atomic_load_explicit(&c->cancel, memory_order_relaxed) ||
		    ky_survey_count_record(t, &rec, &b, &c->err) < 0) {
			rc = -1;
			break;
		}
		if (++n % LOOK == 0)
			drop_patterns(c);
	}
	c->rc = rc < 0 ? -1 : 0;
	free(b.slots);
	free(b.gid);
	free(b.vid);
	ky_csv_free(r);
	return NULL;
}

/* ---- the merge: planned, then applied ------------------------------------ */

struct plan {
	size_t **gmap;                    /* [g][chunk 2 group id] merged id */
	size_t *slot_g, *slot_v;          /* [chunk 2 slot] its grouping and group id */
	size_t *smap;                     /* [chunk 2 slot] merged slot */
	size_t **vmap;                    /* [column][chunk 2 value id] merged id or OVER */
	size_t **pmap;                    /* [segment][chunk 2 pattern] merged id, or NEW;
					   * NULL: the segment is full */
	size_t *n_new;                    /* [segment] patterns new to S */
	struct ky_dict *fresh;            /* [segment] new patterns in first-seen order, when
					   * re-keying can map two of chunk 2's to one */
};

#define NEW ((size_t)-1)

static void plan_free(struct plan *p, const struct ky_survey *s)
{
	for (size_t g = 0; p->gmap && g < s->n_groupings; g++)
		free(p->gmap[g]);
	free(p->gmap);
	free(p->slot_g);
	free(p->slot_v);
	free(p->smap);
	for (size_t i = 0; p->vmap && i < s->n_columns; i++)
		free(p->vmap[i]);
	free(p->vmap);
	for (size_t k = 0; p->pmap && k < s->n_segments; k++)
		free(p->pmap[k]);
	free(p->pmap);
	free(p->n_new);
	for (size_t k = 0; p->fresh && k < s->n_segments; k++)
		ky_dict_release(&p->fresh[k]);
	free(p->fresh);
}

/* Per column of segment K, chunk 2's key byte -> the merged one. */
static unsigned char *byte_maps(const struct ky_survey *s, const struct ky_survey *t,
				const struct plan *p, size_t k)
{
	const struct ky_segment *seg = &s->segment[k];
	unsigned char *m = ky_xmalloc(seg->n_cols * 256 + 1);
	for (size_t i = 0; i < seg->n_cols; i++) {
		size_t c = seg->cols[i], n = ((const struct ky_dict *)t->col[c].values)->n;
		for (size_t v = 0; v < 256; v++)
			m[i * 256 + v] = v == KY_PATTERN_EMPTY ? KY_PATTERN_EMPTY
				       : v < n && !s->col[c].pattern_lost
				       ? (unsigned char)p->vmap[c][v] : KY_PATTERN_OTHER;
	}
	return m;
}

/* Chunk 2's pattern KEY of segment K in merged ids, into OUT (BMAP from
 * byte_maps). */
static void recode_key(const struct ky_survey *s, const struct plan *p, size_t k,
		       const unsigned char *bmap, const unsigned char *key, unsigned char *out)
{
	ky_pattern_rekey(&s->segment[k], s->n_groupings, bmap, p->gmap, key, out);
}

/* Whether chunk 2's state T merges into S exactly; fills P.  LOST0: each
 * column's pattern_lost when chunk 2 began. */
static int plan_merge(const struct ky_survey *s, const struct ky_survey *t,
		      const unsigned char *lost0, struct plan *p)
{
	memset(p, 0, sizeof(*p));
	p->gmap = ky_xcalloc(s->n_groupings + 1, sizeof(*p->gmap));
	p->slot_g = ky_xcalloc(t->n_slots, sizeof(*p->slot_g));
	p->slot_v = ky_xcalloc(t->n_slots, sizeof(*p->slot_v));
	p->smap = ky_xcalloc(t->n_slots, sizeof(*p->smap));
	for (size_t g = 0; g < s->n_groupings; g++) {
		const struct ky_dict *ld = t->grouping[g].values, *gd = s->grouping[g].values;
		p->gmap[g] = ky_xcalloc(ld->n + 1, sizeof(**p->gmap));
		size_t added = 0;
		for (size_t v = 0; v < ld->n; v++) {
			size_t id = ky_dict_find(gd, ld->str[v], ld->len[v]);
			p->gmap[g][v] = id != (size_t)-1 ? id : gd->n + added++;
			p->slot_g[t->grouping[g].slot_of[v]] = g;
			p->slot_v[t->grouping[g].slot_of[v]] = v;
		}
	}
	size_t next = s->n_slots;
	for (size_t ls = 1; ls < t->n_slots; ls++) {
		size_t g = p->slot_g[ls], id = p->gmap[g][p->slot_v[ls]];
		const struct ky_dict *gd = s->grouping[g].values;
		p->smap[ls] = id < gd->n ? s->grouping[g].slot_of[id] : next++;
	}
	p->vmap = ky_xcalloc(s->n_columns + 1, sizeof(*p->vmap));
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i], *lc = &t->col[i];
		const struct ky_dict *ld = lc->values, *gd = c->values;
		p->vmap[i] = ky_xcalloc(ld->n + 1, sizeof(**p->vmap));
		size_t added = 0;
		for (size_t v = 0; v < ld->n; v++) {
			size_t id = ky_dict_find(gd, ld->str[v], ld->len[v]);
			if (id == (size_t)-1)
				id = gd->n + added < KY_MAX_DISTINCT ? gd->n + added++ : OVER;
			p->vmap[i][v] = id;
			/* pattern_lost would be set within chunk 2 */
			if (id >= KY_PATTERN_VALUES && c->seg != KY_NO_BLOCK &&
			    !s->segment[c->seg].full && !c->pattern_lost)
				return 0;
		}
	}
	p->pmap = ky_xcalloc(s->n_segments + 1, sizeof(*p->pmap));
	p->fresh = ky_xcalloc(s->n_segments + 1, sizeof(*p->fresh));
	p->n_new = ky_xcalloc(s->n_segments + 1, sizeof(*p->n_new));
	size_t n_new = 0, bytes_new = 0;
	for (size_t k = 0; k < s->n_segments; k++) {
		const struct ky_segment *seg = &s->segment[k], *lseg = &t->segment[k];
		if (seg->full)
			continue;     /* counts nothing more */
		if (lseg->full)
			return 0;
		const struct ky_dict *ld = lseg->patterns, *gd = seg->patterns;
		size_t len = key_len(seg, s->n_groupings);
		unsigned char *key = ky_xmalloc(len + 1), *bmap = byte_maps(s, t, p, k);
		p->pmap[k] = ky_xcalloc(ld->n + 1, sizeof(**p->pmap));
		/* a column that became pattern_lost during chunk 1 had its value ids
		 * in chunk 2's keys and KY_PATTERN_OTHER in the merged ones: two
		 * keys may become one.  Otherwise re-keying is one-to-one (value and
		 * group ids map one-to-one, below KY_PATTERN_VALUES), and every key
		 * not in S is a distinct new one. */
		int one_to_one = 1;
		for (size_t i = 0; i < seg->n_cols; i++)
			if (s->col[seg->cols[i]].pattern_lost && !lost0[seg->cols[i]])
				one_to_one = 0;
		for (size_t i = 0; i < ld->n; i++) {
			recode_key(s, p, k, bmap, (const unsigned char *)ld->str[i], key);
			size_t id = ky_dict_find(gd, (const char *)key, len);
			if (id == (size_t)-1 && one_to_one)
				id = NEW, p->n_new[k]++;
			else if (id == (size_t)-1)
				id = gd->n + ky_dict_intern(&p->fresh[k], (const char *)key, len, NULL);
			p->pmap[k][i] = id;
		}
		free(key);
		free(bmap);
		if (!one_to_one)
			p->n_new[k] = p->fresh[k].n;
		n_new += p->n_new[k];
		bytes_new += p->n_new[k] * (len + 1 + KY_PATTERN_COST);
	}
	size_t max = s->max_pattern_bytes ? s->max_pattern_bytes : KY_MAX_PATTERN_BYTES;
	/* no new pattern of chunk 2 would have found the bound reached */
	return s->n_patterns + n_new <= KY_MAX_PATTERNS && s->pattern_bytes + bytes_new <= max;
}

/* Chunk 2's keys of the segments full in S: those in its dicts are added to
 * its file, which becomes one of S's (spill.c) with the maps that re-key it
 * as it is read back, as the sequential pass would have written the keys
 * to S's file (in another order, which the sums do not see).  A column
 * given a merged value id of KY_PATTERN_VALUES or more by chunk 2 is lost
 * to patterns, as sequentially. */
static void spill_merge(struct ky_survey *s, struct ky_survey *t, const struct plan *p)
{
	unsigned char **bmap = ky_xcalloc(s->n_segments + 1, sizeof(*bmap));
	int any = 0;
	for (size_t k = 0; k < s->n_segments; k++) {
		const struct ky_segment *seg = &s->segment[k];
		if (!seg->full)
			continue;
		for (size_t i = 0; i < seg->n_cols; i++) {
			size_t c = seg->cols[i], n = ((const struct ky_dict *)t->col[c].values)->n;
			for (size_t v = 0; v < n && !s->col[c].pattern_lost; v++)
				if (p->vmap[c][v] >= KY_PATTERN_VALUES)
					s->col[c].pattern_lost = 1;
		}
		bmap[k] = byte_maps(s, t, p, k);
		any = 1;
	}
	if (!any) {
		free(bmap);
		return;
	}
	for (size_t k = 0; k < s->n_segments; k++) {
		struct ky_segment *lseg = &t->segment[k];
		const struct ky_dict *ld = lseg->patterns;
		if (!bmap[k])      /* a dropped segment's dict is empty: all in its file */
			continue;
		for (size_t i = 0; i < ld->n; i++)
			ky_spill_add(t, k, (const unsigned char *)ld->str[i], ld->len[i],
				     lseg->count[i]);
	}
	size_t **gmap = ky_xcalloc(s->n_groupings + 1, sizeof(*gmap));
	for (size_t g = 0; g < s->n_groupings; g++) {
		size_t n = ((const struct ky_dict *)t->grouping[g].values)->n;
		gmap[g] = ky_xmalloc((n + 1) * sizeof(**gmap));
		memcpy(gmap[g], p->gmap[g], n * sizeof(**gmap));
	}
	ky_spill_adopt(s, t, bmap, gmap);
}

static void apply_merge(struct ky_survey *s, struct ky_survey *t, const struct plan *p,
			unsigned long line_off)
{
	/* group values new to S, slots numbered in chunk 2's first-seen order */
	for (size_t ls = 1; ls < t->n_slots; ls++) {
		size_t g = p->slot_g[ls], v = p->slot_v[ls];
		struct ky_grouping *gr = &s->grouping[g];
		struct ky_dict *gd = gr->values;
		const struct ky_dict *ld = t->grouping[g].values;
		if (p->gmap[g][v] < gd->n)
			continue;
		size_t id = ky_dict_intern(gd, ld->str[v], ld->len[v], NULL);
		gr->slot_of = ky_xrealloc(gr->slot_of, gd->n * sizeof(*gr->slot_of));
		gr->n_respondents = ky_xrealloc(gr->n_respondents, gd->n * sizeof(*gr->n_respondents));
		gr->slot_of[id] = s->n_slots++;
		gr->n_respondents[id] = 0;
		gr->n_groups = gd->n;
	}
	for (size_t g = 0; g < s->n_groupings; g++) {
		const struct ky_grouping *lg = &t->grouping[g];
		for (size_t v = 0; v < ((const struct ky_dict *)lg->values)->n; v++)
			s->grouping[g].n_respondents[p->gmap[g][v]] += lg->n_respondents[v];
		s->grouping[g].n_empty += lg->n_empty;
	}
	for (size_t i = 0; i < s->n_columns; i++) {
		struct ky_column *c = &s->col[i];
		const struct ky_column *lc = &t->col[i];
		struct ky_dict *gd = c->values;
		const struct ky_dict *ld = lc->values;
		for (size_t v = 0; v < ld->n; v++) {
			size_t id = p->vmap[i][v];
			if (id == OVER || id < gd->n)
				continue;
			id = ky_dict_intern(gd, ld->str[v], ld->len[v], NULL);
			c->first_line = ky_xrealloc(c->first_line, gd->n * sizeof(*c->first_line));
			c->first_line[id] = lc->first_line[v] + line_off;
		}
		for (size_t ls = 0; ls < lc->slot_cap && ls < t->n_slots; ls++) {
			const struct ky_vslot *vs = &lc->slot[ls];
			if (vs->n_missing)
				ky_survey_add_missing(c, p->smap[ls], vs->n_missing);
			for (size_t v = 0; v < vs->cap; v++) {
				if (!vs->count[v])
					continue;
				/* KY_MAX_DISTINCT + id: a text of chunk 1's (ky_parallel_other) */
				size_t id = v >= KY_MAX_DISTINCT ? v - KY_MAX_DISTINCT : p->vmap[i][v];
				if (id != OVER)
					ky_survey_add_count(c, p->smap[ls], id, vs->count[v]);
				else if (ls == 0)
					c->n_overflow += vs->count[v];  /* slot 0: every cell */
			}
		}
		c->n_overflow += lc->n_overflow;   /* in no text of either chunk's */
	}
	spill_merge(s, t, p);
	for (size_t k = 0; k < s->n_segments; k++) {
		struct ky_segment *seg = &s->segment[k];
		const struct ky_segment *lseg = &t->segment[k];
		if (!p->pmap[k])
			continue;
		struct ky_dict *gd = seg->patterns;
		const struct ky_dict *fd = &p->fresh[k], *ld = lseg->patterns;
		size_t len = key_len(seg, s->n_groupings);
		size_t n = gd->n + p->n_new[k];
		if (n > seg->cap) {
			size_t old = seg->cap;
			ky_xgrow((void **)&seg->count, &seg->cap, n, sizeof(*seg->count));
			memset(seg->count + old, 0, (seg->cap - old) * sizeof(*seg->count));
		}
		s->n_patterns += p->n_new[k];
		s->pattern_bytes += p->n_new[k] * (len + 1 + KY_PATTERN_COST);
		for (size_t f = 0; f < fd->n; f++)
			ky_dict_intern(gd, fd->str[f], fd->len[f], NULL);
		unsigned char *key = ky_xmalloc(len + 1), *bmap = byte_maps(s, t, p, k);
		for (size_t i = 0; i < ld->n; i++) {
			size_t id = p->pmap[k][i];
			if (id == NEW) {     /* appended in chunk 2's first-seen order */
				recode_key(s, p, k, bmap, (const unsigned char *)ld->str[i], key);
				id = ky_dict_intern(gd, (const char *)key, len, NULL);
			}
			seg->count[id] += lseg->count[i];
		}
		free(key);
		free(bmap);
	}
	s->n_records += t->n_records;
	s->n_respondents += t->n_respondents;
}

int ky_parallel_scan(struct ky_survey *s, struct ky_reader *r,
		     const struct ky_reader_options *ropts, struct ky_scanbuf *b,
		     struct ky_error *err)
{
	struct ky_csv *csv;
	unsigned long long start, size;
	if (!splittable(r, s->path, &csv, &start, &size))
		return 0;

	struct chunk *c = ky_xcalloc(1, sizeof(*c));
	shadow_init(&c->t, s);
	c->lost0 = ky_xcalloc(s->n_columns + 1, 1);
	for (size_t i = 0; i < s->n_columns; i++)
		c->lost0[i] = (unsigned char)s->col[i].pattern_lost;
	c->path = s->path;
	c->ropts = ropts;
	c->delim = ky_reader_delimiter(r);
	c->start = start;
	c->size = size;
	atomic_init(&c->split_at, 0);
	ky_error_clear(&c->err);
	atomic_init(&c->cancel, 0);
	atomic_init(&c->main_bytes, s->pattern_bytes);
	c->max_bytes = s->max_pattern_bytes ? s->max_pattern_bytes : KY_MAX_PATTERN_BYTES;
	struct ky_link link = { .main = s, .cancel = &c->cancel };
	link.final = ky_xcalloc(s->n_columns + 1, sizeof(*link.final));
	for (size_t i = 0; i < s->n_columns; i++)
		atomic_init(&link.final[i], s->col[i].values &&
				((const struct ky_dict *)s->col[i].values)->n >= KY_MAX_DISTINCT);
	atomic_init(&link.done, 0);
	s->link = c->t.link = &link;
	pthread_t th;
	if (pthread_create(&th, NULL, chunk_main, c) != 0) {
		s->link = NULL;
		free(link.final);
		shadow_free(&c->t);
		free(c->lost0);
		free(c);
		return 0;
	}

	/* chunk 1, here, up to the split, which the thread finds at several
	 * times this reader's speed: it is looked for now and then, and waited
	 * for once a quarter of the rows are read (the split is past the
	 * middle).  A record longer than that quarter could carry this reader
	 * past the split before it knows it; it is then not between two records
	 * there, and reads on alone. */
	struct ky_record rec;
	int rc;
	size_t n = 0;
	unsigned long long split = 0, wait_from = start + (size - start) / 4;
	for (;;) {
		if (!split && (n % LOOK == 0 || ky_csv_offset(csv) >= wait_from)) {
			split = atomic_load_explicit(&c->split_at, memory_order_acquire);
			while (!split && ky_csv_offset(csv) >= wait_from) {
				struct timespec ts = { 0, 20000 };
				nanosleep(&ts, NULL);
				split = atomic_load_explicit(&c->split_at, memory_order_acquire);
			}
			if (split && split != NO_SPLIT)
				ky_csv_stop_at(csv, split);
		}
		if ((rc = ky_reader_next(r, &rec, err)) <= 0 ||
		    (rc = ky_survey_count_record(s, &rec, b, err)) != 0)
			break;
		if (++n % LOOK == 0)
			atomic_store_explicit(&c->main_bytes, s->pattern_bytes, memory_order_relaxed);
	}
	if (!split)
		split = atomic_load_explicit(&c->split_at, memory_order_acquire);
	int at = rc == 0 && split && split != NO_SPLIT && ky_csv_between_records(csv);
	unsigned long line_off = ky_csv_line(csv) - 1;
	ky_csv_stop_at(csv, 0);    /* the caller reads on from here if need be */
	if (!at)
		atomic_store(&c->cancel, 1);
	atomic_store_explicit(&link.done, 1, memory_order_release);
	pthread_join(th, NULL);
	s->link = c->t.link = NULL;
	free(link.final);

	int done = 0;
	s->parallel = split == NO_SPLIT ? 0 : -1;   /* not split, or read on by this reader */
	if (rc < 0) {
		done = -1;
	} else if (at && c->rc == 0) {
		struct plan p;
		if (plan_merge(s, &c->t, c->lost0, &p)) {
			apply_merge(s, &c->t, &p, line_off);
			s->parallel = done = 1;
		}
		plan_free(&p, s);
	}
	shadow_free(&c->t);
	free(c->lost0);
	free(c);
	return done;
}
