/* spill.c - answer patterns beyond their memory bound.
 *
 * The answer patterns of a segment (pattern.c) are counted in memory while
 * they fit in KY_MAX_PATTERN_BYTES.  A large survey passes that bound;
 * from then on each respondent's key of a full segment is appended, with
 * weight 1, to one temporary file per survey (unlinked at once, so nothing
 * is left behind however the process ends), and memory stays where it
 * was.  What the patterns are for (reliability and scale scores of a
 * block, who answered a multi-select question) is known only once the
 * columns are classified; then the records of the segments those need are
 * read back once, in the order written, and added into exact integer sums
 * (scales.c) and counts per slot.  Added to what the in-memory patterns
 * give, they are exactly what patterns without a bound would give.
 *
 * A record: the segment (4 bytes), its key (key_len bytes), the weight (8
 * bytes), in this machine's byte order: the file never outlives the
 * process.  A survey read on two cores has a second file, the second
 * chunk's, in that chunk's value and group ids; it is re-keyed as it is
 * read back, on a thread of its own while the first file is read, each
 * into sums of its own that are then added (exact, so in any order).  The file is in $TMPDIR (else /tmp).  When it cannot be made or
 * written (no space), the records are dropped, the blocks concerned say
 * "answer patterns incomplete" and the survey has a warning. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ky_buf.h"
#include "survey_int.h"

#define SPILL_BUF (256u << 10)

struct ky_spill {
	int fd;                      /* the unlinked file, -1 when failed or read */
	unsigned char *buf;          /* [SPILL_BUF] records not yet written */
	size_t used;
	uint64_t records;
	int failed;                  /* records were lost */
	/* a chunk's file (parallel.c), its keys in the chunk's ids: per
	 * segment the byte map of each column (NULL: records skipped), per
	 * grouping the group ids; NULL for the survey's own file */
	unsigned char **bmap;
	size_t **gmap;
	size_t n_maps, n_gmaps;
	off_t size;                  /* bytes written */
	off_t *mark;                 /* [n_marks] where each write began: a record boundary */
	size_t n_marks, mark_cap;
	struct ky_spill *next;       /* the next file of the survey */
};

static int open_tmp(void)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
	size_t n = strlen(dir) + 32;
	char *path = ky_xmalloc(n);
	snprintf(path, n, "%s/kysely-patterns.XXXXXX", dir);
	fd = mkostemp(path, O_CLOEXEC);
	if (fd >= 0)
		unlink(path);
	free(path);
	return fd;
}

static void fail(struct ky_spill *sp)
{
	if (sp->fd >= 0)
		close(sp->fd);
	sp->fd = -1;
	sp->failed = 1;
	sp->used = 0;
}

static void flush(struct ky_spill *sp)
{
	if (!sp->failed && sp->used) {
		if (sp->n_marks == sp->mark_cap)
			ky_xgrow((void **)&sp->mark, &sp->mark_cap, sp->n_marks + 1, sizeof(*sp->mark));
		sp->mark[sp->n_marks++] = sp->size;
		sp->size += (off_t)sp->used;
	}
	size_t off = 0;
	while (!sp->failed && off < sp->used) {
		ssize_t w = write(sp->fd, sp->buf + off, sp->used - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			fail(sp);
		else
			off += (size_t)w;
	}
	sp->used = 0;
}

static size_t key_len(const struct ky_survey *s, size_t seg)
{
	return s->segment[seg].n_cols + 4 * s->n_groupings;
}

void ky_spill_add(struct ky_survey *s, size_t seg, const unsigned char *key, size_t len,
		  uint64_t w)
{
	struct ky_spill *sp = s->spill;
	if (!sp) {
		sp = s->spill = ky_xcalloc(1, sizeof(*sp));
		sp->fd = open_tmp();
		if (sp->fd < 0)
			sp->failed = 1;
		else
			sp->buf = ky_xmalloc(SPILL_BUF);
	}
	size_t need = 4 + len + 8;
	if (sp->failed || need > SPILL_BUF) {
		fail(sp);
		return;
	}
	if (sp->used + need > SPILL_BUF)
		flush(sp);
	if (sp->failed)
		return;
	uint32_t k = (uint32_t)seg;
	unsigned char *p = sp->buf + sp->used;
	memcpy(p, &k, 4);
	memcpy(p + 4, key, len);
	memcpy(p + 4 + len, &w, 8);
	sp->used += need;
	sp->records++;
}

void ky_spill_lost(struct ky_survey *s)
{
	if (!s->spill) {
		s->spill = ky_xcalloc(1, sizeof(*s->spill));
		s->spill->fd = -1;
	}
	fail(s->spill);
}

int ky_spill_failed(const struct ky_survey *s)
{
	for (const struct ky_spill *sp = s->spill; sp; sp = sp->next)
		if (sp->failed)
			return 1;
	return 0;
}

static void free_one(struct ky_spill *sp)
{
	if (sp->fd >= 0)
		close(sp->fd);
	free(sp->buf);
	for (size_t k = 0; k < sp->n_maps; k++)
		free(sp->bmap[k]);
	for (size_t g = 0; g < sp->n_gmaps; g++)
		free(sp->gmap[g]);
	free(sp->bmap);
	free(sp->gmap);
	free(sp->mark);
	free(sp);
}

void ky_spill_adopt(struct ky_survey *s, struct ky_survey *t, unsigned char **bmap,
		    size_t **gmap)
{
	struct ky_spill *sp = t->spill;
	t->spill = NULL;
	if (!sp) {                   /* nothing was spilled: the maps are not needed */
		sp = ky_xcalloc(1, sizeof(*sp));
		sp->fd = -1;
	}
	sp->bmap = bmap;
	sp->gmap = gmap;
	sp->n_maps = s->n_segments;
	sp->n_gmaps = s->n_groupings;
	if (!sp->records && !sp->failed) {
		free_one(sp);
		return;
	}
	struct ky_spill **end = &s->spill;
	while (*end)
		end = &(*end)->next;
	*end = sp;
}

/* The records of flushed file SP from byte FROM to TO (record boundaries),
 * in the order written, re-keyed when it is a chunk's; *N counts them.  0,
 * or -1 when they could not be read (SP is not changed: two threads may
 * read one file). */
static int each_range(const struct ky_survey *s, const struct ky_spill *sp, off_t from,
		      off_t to, void (*fn)(void *ctx, size_t seg, const unsigned char *key, uint64_t w),
		      void *ctx, uint64_t *n_out)
{
	int bad = 0;
	unsigned char *out = NULL;
	if (sp->bmap) {
		size_t longest = 1;
		for (size_t k = 0; k < s->n_segments; k++)
			longest = key_len(s, k) > longest ? key_len(s, k) : longest;
		out = ky_xmalloc(longest);
	}
	unsigned char *buf = ky_xmalloc(SPILL_BUF);
	size_t have = 0;
	off_t at = from;
	uint64_t n = 0;
	while (!bad) {
		size_t want = SPILL_BUF - have;
		if ((off_t)want > to - at)
			want = (size_t)(to - at);
		ssize_t r = want ? pread(sp->fd, buf + have, want, at) : 0;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			bad = 1;
			break;
		}
		at += r;
		have += (size_t)r;
		size_t p = 0;
		while (have - p >= 4) {
			uint32_t k;
			memcpy(&k, buf + p, 4);
			if (k >= s->n_segments) {
				bad = 1;
				break;
			}
			size_t len = key_len(s, k);
			if (have - p < 4 + len + 8)
				break;
			uint64_t w;
			memcpy(&w, buf + p + 4 + len, 8);
			const unsigned char *key = buf + p + 4;
			if (!sp->bmap)
				fn(ctx, k, key, w);
			else if (sp->bmap[k]) {
				ky_pattern_rekey(&s->segment[k], s->n_groupings, sp->bmap[k], sp->gmap,
						 key, out);
				fn(ctx, k, out, w);
			}
			n++;
			p += 4 + len + 8;
		}
		memmove(buf, buf + p, have - p);
		have -= p;
		if (r == 0)
			break;
	}
	free(buf);
	free(out);
	*n_out = n;
	return bad || have || at != to ? -1 : 0;
}

/* ---- the sums of the classified survey ----------------------------------- */

struct ky_spill_sums {
	struct ky_scale_acc **acc;   /* [n_blocks] spilled part of the blocks' sums */
	uint64_t **answered;         /* [n_choices][n_slots] spilled respondents who answered */
	size_t **blocks_of;          /* [n_segments] blocks summed, ending with (size_t)-1 */
	size_t **choices_of;         /* [n_segments] choice questions counted, likewise */
	size_t *vid, *slots;         /* scratch */
	const struct ky_survey *s;
};

static const char *const LOST =
	"answer patterns incomplete: no room for the patterns beyond the memory bound";

/* KEY of segment SEG with weight W into the sums of the segment's blocks;
 * with CHOICES into its choice questions' counts too (X->slots and
 * X->vid are scratch). */
static void add_key(struct ky_spill_sums *x, size_t seg, const unsigned char *key, uint64_t w,
		    int choices)
{
	const struct ky_survey *s = x->s;
	const struct ky_segment *sg = &s->segment[seg];
	size_t n = 0;
	x->slots[n++] = 0;
	for (size_t g = 0; g < s->n_groupings; g++) {
		size_t v = ky_pattern_group(sg, key, g);
		if (v != (size_t)-1)
			x->slots[n++] = ky_survey_slot(s, g, v);
	}
	for (size_t *b = x->blocks_of[seg]; b && *b != (size_t)-1; b++) {
		const struct ky_block *bl = &s->block[*b];
		for (size_t i = 0; i < bl->n_items; i++) {
			unsigned char v = key[s->col[bl->items[i]].seg_pos];
			x->vid[i] = v == KY_PATTERN_EMPTY || v == KY_PATTERN_OTHER ? KY_PATTERN_VALUES
										   : v;
		}
		ky_scale_acc_add(x->acc[*b], x->vid, x->slots, n, w);
	}
	for (size_t *q = choices ? x->choices_of[seg] : NULL; q && *q != (size_t)-1; q++) {
		const struct ky_choice *c = &s->choice[*q];
		size_t off = c->first_col - sg->first;
		int any = 0;
		for (size_t o = 0; o < c->n_cols && !any; o++)
			any = key[off + o] != KY_PATTERN_EMPTY;
		if (any)
			for (size_t i = 0; i < n; i++)
				x->answered[*q][x->slots[i]] += w;
	}
}

static void add_spilled(void *ctx, size_t seg, const unsigned char *key, uint64_t w)
{
	struct ky_spill_sums *x = ctx;
	if (x->blocks_of[seg] || x->choices_of[seg])
		add_key(x, seg, key, w, 1);
}

/* Pattern P of full segment SEG, kept in memory, into the block sums
 * (its choice questions count it in choice.c). */
static void add_pattern(struct ky_spill_sums *x, size_t seg, size_t p)
{
	const struct ky_segment *sg = &x->s->segment[seg];
	add_key(x, seg, ky_segment_key(sg, p), sg->count[p], 0);
}

static void push(size_t **list, size_t v)
{
	size_t n = 0;
	while (*list && (*list)[n] != (size_t)-1)
		n++;
	*list = ky_xrealloc(*list, (n + 2) * sizeof(**list));
	(*list)[n] = v;
	(*list)[n + 1] = (size_t)-1;
}

/* A thread's share of the records: from file FIRST at byte FROM to file
 * LAST at byte TO (exclusive; a file before LAST to its end). */
struct replay_job {
	const struct ky_survey *s;
	struct ky_spill *first, *last;
	off_t from, to;
	struct ky_spill_sums *x;
	uint64_t *n;                 /* [file] records read */
	int rc;
	struct ky_spill *shared;     /* the file both jobs read, closed by the last */
	atomic_int *shared_left;
	int memory;                  /* and the patterns kept in memory */
};

/* A file read is closed at once by its job, so that its pages go while the
 * other job still reads, not after. */
static void done_with(struct replay_job *j, struct ky_spill *sp)
{
	if (sp == j->shared && atomic_fetch_sub(j->shared_left, 1) != 1)
		return;
	if (sp->fd >= 0) {
		close(sp->fd);
		sp->fd = -1;
	}
}

static void *replay_main(void *arg)
{
	struct replay_job *j = arg;
	size_t f = 0;
	struct ky_spill *sp = j->s->spill;
	while (sp != j->first)
		sp = sp->next, f++;
	for (; sp; sp = sp->next, f++) {
		off_t from = sp == j->first ? j->from : 0;
		off_t to = sp == j->last ? j->to : sp->size;
		uint64_t n = 0;
		if (from < to && each_range(j->s, sp, from, to, add_spilled, j->x, &n) < 0)
			j->rc = -1;
		j->n[f] = n;
		done_with(j, sp);
		if (sp == j->last)
			break;
	}
	for (size_t k = 0; j->memory && k < j->s->n_segments; k++)
		if (j->x->blocks_of[k])
			for (size_t p = 0; p < ky_segment_n(&j->s->segment[k]); p++)
				add_pattern(j->x, k, p);
	return NULL;
}

/* Sums of the same blocks and questions as X, all zero, sharing X's lists. */
static struct ky_spill_sums *sums_like(const struct ky_spill_sums *x, size_t widest)
{
	const struct ky_survey *s = x->s;
	struct ky_spill_sums *y = ky_xcalloc(1, sizeof(*y));
	y->s = s;
	y->acc = ky_xcalloc(s->n_blocks + 1, sizeof(*y->acc));
	y->answered = ky_xcalloc(s->n_choices + 1, sizeof(*y->answered));
	for (size_t b = 0; b < s->n_blocks; b++) {
		const char *note;
		if (x->acc[b])
			y->acc[b] = ky_scale_acc_new(s, &s->block[b], &note);
	}
	for (size_t q = 0; q < s->n_choices; q++)
		if (x->answered[q])
			y->answered[q] = ky_xcalloc(s->n_slots, sizeof(uint64_t));
	y->blocks_of = x->blocks_of;
	y->choices_of = x->choices_of;
	y->vid = ky_xmalloc(widest * sizeof(*y->vid));
	y->slots = ky_xmalloc((s->n_groupings + 1) * sizeof(*y->slots));
	return y;
}

/* Y added into X, and freed. */
static void sums_add(struct ky_spill_sums *x, struct ky_spill_sums *y)
{
	const struct ky_survey *s = x->s;
	for (size_t b = 0; b < s->n_blocks; b++)
		if (y->acc[b]) {
			ky_scale_acc_merge(x->acc[b], y->acc[b]);
			ky_scale_acc_free(y->acc[b]);
		}
	for (size_t q = 0; q < s->n_choices; q++)
		if (y->answered[q]) {
			for (size_t sl = 0; sl < s->n_slots; sl++)
				x->answered[q][sl] += y->answered[q][sl];
			free(y->answered[q]);
		}
	free(y->acc);
	free(y->answered);
	free(y->vid);
	free(y->slots);
	free(y);
}

/* Every file's records and the patterns of the full segments kept in
 * memory into X, in two halves of about the same work cut at a write
 * boundary: the first records on a thread into X, the rest and the
 * patterns here into sums of its own, added to X once the thread is
 * joined.  A chunk's file, re-keyed as it is read, costs about 1.4 times
 * the bytes of the survey's own (L: 0.71 against 0.99 MB per ms); a pattern
 * in memory about a record. */
#define WORK(sp, bytes) ((double)(bytes) * ((sp)->bmap ? 1.4 : 1.0))

static int replay(struct ky_survey *s, struct ky_spill_sums *x, size_t widest)
{
	size_t n_files = 0;
	double work = 0;
	for (struct ky_spill *sp = s->spill; sp; sp = sp->next, n_files++) {
		flush(sp);
		if (sp->failed)
			return -1;
		work += WORK(sp, sp->size);
	}
	for (size_t k = 0; k < s->n_segments; k++)
		if (x->blocks_of[k])
			work += (double)ky_segment_n(&s->segment[k]) * (double)(4 + key_len(s, k) + 8);
	/* the cut: the first write boundary at or past the middle of the work */
	struct ky_spill *cut = NULL, *lastf = NULL;
	off_t at = 0;
	double seen = 0;
	for (struct ky_spill *sp = s->spill; sp && !cut; sp = sp->next) {
		lastf = sp;
		for (size_t m = 0; m < sp->n_marks && !cut; m++)
			if (seen + WORK(sp, sp->mark[m]) >= work / 2)
				cut = sp, at = sp->mark[m];
		seen += WORK(sp, sp->size);
	}
	if (!cut)
		cut = lastf, at = lastf ? lastf->size : 0;
	uint64_t *n1 = ky_xcalloc(n_files + 1, sizeof(uint64_t));
	uint64_t *n2 = ky_xcalloc(n_files + 1, sizeof(uint64_t));
	atomic_int left;
	atomic_init(&left, 2);
	struct replay_job one = { .s = s, .first = s->spill, .last = cut, .from = 0, .to = at,
				  .x = x, .n = n1, .shared = cut, .shared_left = &left };
	struct replay_job two = { .s = s, .first = cut, .last = NULL, .from = at, .to = 0,
				  .n = n2, .shared = cut, .shared_left = &left, .memory = 1 };
	for (struct ky_spill *sp = cut; sp; sp = sp->next)
		two.last = sp;
	two.to = two.last->size;
	pthread_t th;
	int threaded = work >= 2 * SPILL_BUF && pthread_create(&th, NULL, replay_main, &one) == 0;
	if (!threaded)
		replay_main(&one);
	two.x = sums_like(x, widest);
	replay_main(&two);
	if (threaded)
		pthread_join(th, NULL);
	sums_add(x, two.x);       /* only now: X is the thread's until it is joined */
	int rc = one.rc | two.rc;
	size_t f = 0;
	for (struct ky_spill *sp = s->spill; sp; sp = sp->next, f++) {
		if (rc == 0 && n1[f] + n2[f] != sp->records)
			rc = -1;
		if (rc < 0)
			fail(sp);
	}
	free(n1);
	free(n2);
	return rc;
}

void ky_survey_spill_sums(struct ky_survey *s)
{
	if (!s->spill || s->sums)
		return;
	struct ky_spill_sums *x = ky_xcalloc(1, sizeof(*x));
	x->s = s;
	x->acc = ky_xcalloc(s->n_blocks + 1, sizeof(*x->acc));
	x->answered = ky_xcalloc(s->n_choices + 1, sizeof(*x->answered));
	x->blocks_of = ky_xcalloc(s->n_segments + 1, sizeof(*x->blocks_of));
	x->choices_of = ky_xcalloc(s->n_segments + 1, sizeof(*x->choices_of));
	s->sums = x;
	size_t widest = 1, needed = 0;
	for (size_t b = 0; b < s->n_blocks; b++) {
		const struct ky_block *bl = &s->block[b];
		const struct ky_segment *seg;
		const char *note;
		if (!ky_block_is_scale(s, bl) || ky_block_unusable(s, bl, &seg) || !seg->full ||
		    !(x->acc[b] = ky_scale_acc_new(s, bl, &note)))
			continue;
		push(&x->blocks_of[s->col[bl->items[0]].seg], b);
		widest = bl->n_items > widest ? bl->n_items : widest;
		needed++;
	}
	for (size_t k = 0; k < s->n_choices; k++) {
		const struct ky_choice *q = &s->choice[k];
		const struct ky_segment *seg = ky_survey_segment_of(s, q->first_col);
		if (q->n_cols < 2 || !seg || !seg->full)
			continue;
		x->answered[k] = ky_xcalloc(s->n_slots, sizeof(uint64_t));
		push(&x->choices_of[s->col[q->first_col].seg], k);
		needed++;
	}
	x->vid = ky_xmalloc(widest * sizeof(*x->vid));
	x->slots = ky_xmalloc((s->n_groupings + 1) * sizeof(*x->slots));
	if (needed && (ky_spill_failed(s) || replay(s, x, widest) < 0))
		ky_survey_warn(s, "%s: no room in %s for the answer patterns beyond the memory "
			       "bound: reliability, scale scores and who answered a multi-select "
			       "question are missing for the largest blocks", s->path,
			       getenv("TMPDIR") && *getenv("TMPDIR") ? "$TMPDIR" : "/tmp");
}

struct ky_scale_acc *ky_spill_take(const struct ky_survey *s, size_t bi, const char **note)
{
	struct ky_spill_sums *x = s->sums;
	struct ky_scale_acc *a = x && !ky_spill_failed(s) ? x->acc[bi] : NULL;
	if (x)
		x->acc[bi] = a ? NULL : x->acc[bi];
	if (!a)
		*note = LOST;
	return a;
}

const uint64_t *ky_spill_answered(const struct ky_survey *s, size_t q, const char **note)
{
	const struct ky_spill_sums *x = s->sums;
	if (x && !ky_spill_failed(s) && x->answered[q])
		return x->answered[q];
	*note = LOST;
	return NULL;
}

void ky_spill_free(struct ky_survey *s)
{
	struct ky_spill_sums *x = s->sums;
	if (x) {
		for (size_t b = 0; b < s->n_blocks; b++)
			ky_scale_acc_free(x->acc[b]);
		for (size_t q = 0; q < s->n_choices; q++)
			free(x->answered[q]);
		for (size_t k = 0; k < s->n_segments; k++) {
			free(x->blocks_of[k]);
			free(x->choices_of[k]);
		}
		free(x->acc);
		free(x->answered);
		free(x->blocks_of);
		free(x->choices_of);
		free(x->vid);
		free(x->slots);
		free(x);
		s->sums = NULL;
	}
	while (s->spill) {
		struct ky_spill *sp = s->spill;
		s->spill = sp->next;
		free_one(sp);
	}
}
