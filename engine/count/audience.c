/* audience.c - the same statements asked of several audiences, read as one
 * survey whose audience is a grouping.
 *
 * Two shapes: one export per audience (`kysely analyze residents.csv
 * staff.csv`), or one export with parallel blocks (a routing question, then
 * one block of statements per audience, each respondent answering one).
 * From the headers alone a plan is made: which columns of each export (or
 * block) are one statement - matched by a short-code id, or by the text
 * after the question stem (ky_text_key: Unicode normalisation, case folding)
 * within the blocks that share most statements, or by the whole header -
 * and one unified header, the union.  Then every record is mapped onto it
 * with a synthesised audience cell and counted as any record: everything
 * downstream (frequencies, tests, charts, anonymity) sees a grouping.
 *
 * Parallel blocks are believed only when the respondents say so: a first
 * pass over the export (counts only) finds who answered which block, and
 * blocks that the same people answered (importance and satisfaction of the
 * same services) stay two questions.  The same pass finds a routing column
 * whose every answer leads to one block. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/dict_int.h"
#include "ky_buf.h"
#include "ky_scale.h"
#include "survey_int.h"

#define NONE ((size_t)-1)
#define ROUTE_MAX_VALUES 32     /* a routing column has few answers */

/* Codes of a column's legend ("(0=En ole käyttänyt, 1=Ei vaikutusta, ...)")
 * read as their labels (column_legend: the non-substantive ones always, the
 * others when the lexicon knows them all), so that 0 = not used is no point
 * of the scale and coded exports align with labelled ones. */
struct legend {
	size_t n;
	char **code, **label;
};

struct src {
	const char *path;
	struct ky_reader *r;
	struct ky_survey *h;         /* its header (columns with stem and statement) */
	size_t nc;                   /* its columns */
	struct ky_held own[2], *pending;
	size_t *to;                  /* [n_columns] unified column, or NONE */
	size_t *aud;                 /* [n_columns] parallel blocks: the audience whose block */
	struct legend *leg;          /* [n_columns] */
};

struct ucol {
	char *header, *stem, *statement, *id;
	const char *how;             /* how the others were matched to it, or NULL */
	size_t *member;              /* [n_aud] its column in each audience's export */
};

struct ky_aud_plan {
	int blocks;
	size_t n_src, n_aud, n_u;
	struct src *src;
	struct ucol *u;
	size_t aud_col;
	char **name;                 /* [n_aud] */
	uint64_t n_multi, n_none, *n_resp;
	const char **field;          /* [n_u] the mapped record */
	size_t *len;
	size_t route;                /* the routing column, or NONE */
	unsigned long *line0;        /* [n_src + 1] line offset of each export */
	struct ky_dict route_vals;   /* its answers */
	size_t *route_aud;           /* [answers] the audience each leads to */
};

/* ---- keys and runs ------------------------------------------------------ */

static char *col_key(const struct ky_column *c)
{
	struct ky_buf b = KY_BUF_INIT;
	ky_text_key(&b, c->stem ? c->statement : c->header);
	return ky_buf_detach(&b, NULL);
}

/* A run: adjacent columns of one stem (or, without stems, adjacent columns
 * without one), cut where a statement repeats one of the run's own. */
struct run {
	size_t first, end;
	size_t cluster, member;      /* parallel blocks: its cluster and place in it */
};

static size_t find_runs(const struct ky_survey *h, char **key, struct run **out)
{
	struct run *r = NULL;
	size_t n = 0;
	struct ky_dict seen;     /* the run's statements so far */
	for (size_t i = 0; i < h->n_columns;) {
		const char *stem = h->col[i].stem;
		ky_dict_init(&seen);
		ky_dict_intern(&seen, key[i], strlen(key[i]), NULL);
		size_t j = i + 1;
		for (; j < h->n_columns; j++) {
			const char *st = h->col[j].stem;
			if ((stem == NULL) != (st == NULL) || (stem && strcmp(stem, st)))
				break;
			int added = 0;
			ky_dict_intern(&seen, key[j], strlen(key[j]), &added);
			if (!added)
				break;
		}
		ky_dict_release(&seen);
		r = ky_xrealloc(r, (n + 1) * sizeof(*r));
		r[n++] = (struct run){ i, j, NONE, 0 };
		i = j;
	}
	*out = r;
	return n;
}

/* Statements of run B that match one of run A (one to one, in order: the
 * statements of a run are distinct); MATCH[k - b.first] gets the column of
 * A, or NONE. */
static size_t match_runs(char **key, const struct run *a, const struct run *b, char **bkey,
			 size_t *match)
{
	struct ky_dict d;
	ky_dict_init(&d);
	for (size_t j = a->first; j < a->end; j++)
		ky_dict_intern(&d, key[j], strlen(key[j]), NULL);
	size_t m = 0;
	for (size_t k = b->first; k < b->end; k++) {
		size_t id = ky_dict_find(&d, bkey[k], strlen(bkey[k]));
		if (match)
			match[k - b->first] = id == NONE ? NONE : a->first + id;
		m += id != NONE;
	}
	ky_dict_release(&d);
	return m;
}

/* ---- legends -------------------------------------------------------------- */

static void legend_add(struct legend *lg, long code, const char *label)
{
	char num[32];
	snprintf(num, sizeof(num), "%ld", code);
	lg->code = ky_xrealloc(lg->code, (lg->n + 1) * sizeof(char *));
	lg->label = ky_xrealloc(lg->label, (lg->n + 1) * sizeof(char *));
	lg->code[lg->n] = ky_xstrdup(num);
	lg->label[lg->n++] = ky_xstrdup(label);
}

/* The lexicon scale whose first and last levels are the labels of a legend
 * that names only its end points (1 = Ei vaikutusta, 5 = Erittäin
 * merkittävä vaikutus), with one level per code between them; or NULL. */
static const struct ky_lex_scale *ends_scale(const struct ky_legend *L, struct ky_buf *b)
{
	const struct ky_legend_entry *lo = ky_legend_find(L, L->lo), *hi = ky_legend_find(L, L->hi);
	if (!lo || !hi || L->hi <= L->lo)
		return NULL;
	for (size_t l = 0; l < ky_lexicon_size(); l++) {
		const struct ky_lex_scale *x = ky_lexicon_get(l);
		if (x->n_levels != (size_t)(L->hi - L->lo + 1) ||
		    ky_lex_level_of(x, ky_label_normalize(b, lo->label)) != 0 ||
		    ky_lex_level_of(x, ky_label_normalize(b, hi->label)) != (int)x->n_levels - 1)
			continue;
		return x;
	}
	return NULL;
}

/* A column's legend as survey.c read it from the header (ky_legend.h).  The
 * codes of non-substantive labels are kept; so are all the others when each
 * of them is a level of one scale of the lexicon (the cells then read as the
 * labels they stand for, as a labelled export of the same answers).  A
 * legend of end points only is read the same way when its ends are the ends
 * of a lexicon scale with one level per code (the codes between take that
 * scale's labels), so that the staff's "1 = Ei vaikutusta … 5 = Erittäin
 * merkittävä vaikutus" aligns with the residents' full legend; else only its
 * non-substantive codes are read, never some codes as labels and the others
 * as numbers. */
static void column_legend(const struct ky_column *c, struct legend *lg)
{
	const struct ky_legend *L = c->legend;
	if (!L)
		return;
	struct ky_buf b = KY_BUF_INIT;
	const struct ky_lex_scale *ends = L->ends_only ? ends_scale(L, &b) : NULL;
	int known = 0;        /* one lexicon scale knows every substantive label */
	for (size_t l = 0; l < ky_lexicon_size() && !known && !L->ends_only; l++) {
		known = 1;
		for (size_t k = 0; k < L->n && known; k++)
			known = L->e[k].nonsub || ky_lex_level_of(ky_lexicon_get(l),
						ky_label_normalize(&b, L->e[k].label)) >= 0;
	}
	for (size_t k = 0; k < L->n; k++)
		if (L->e[k].nonsub || (known && !ends))
			legend_add(lg, L->e[k].code, L->e[k].label);
	for (long code = L->lo; ends && code <= L->hi; code++) {
		const struct ky_legend_entry *e = ky_legend_find(L, code);
		legend_add(lg, code, e ? e->label : ends->level[code - L->lo].alias[0]);
	}
	ky_buf_release(&b);
}

/* ---- the plan --------------------------------------------------------------- */

static size_t add_u(struct ky_aud_plan *p, const struct ky_column *c)
{
	p->u = ky_xrealloc(p->u, (p->n_u + 1) * sizeof(*p->u));
	struct ucol *u = &p->u[p->n_u];
	memset(u, 0, sizeof(*u));
	u->header = ky_xstrdup(c->header);
	u->stem = c->stem ? ky_xstrdup(c->stem) : NULL;
	u->statement = c->statement ? ky_xstrdup(c->statement) : NULL;
	u->id = ky_xstrdup(c->id);
	u->member = ky_xmalloc(p->n_aud * sizeof(size_t));
	for (size_t a = 0; a < p->n_aud; a++)
		u->member[a] = NONE;
	return p->n_u++;
}

/* A statement asked with different question texts: its header is the
 * statement, its stem the question texts of its block joined (every
 * question any of the block's statements was asked with, so that the
 * block stays one, with its p-values adjusted together). */
static void unify_texts(struct ky_aud_plan *p)
{
	int *differ = ky_xcalloc(p->n_u + 1, sizeof(int));
	char **stems = ky_xcalloc(p->n_u + 1, sizeof(char *));
	for (size_t i = 0; i < p->n_u; i++) {
		struct ucol *u = &p->u[i];
		if (!u->how || !u->stem)
			continue;
		for (size_t a = 0; a < p->n_aud; a++)
			if (u->member[a] != NONE) {
				const struct src *sr = &p->src[p->blocks ? 0 : a];
				differ[i] |= strcmp(sr->h->col[u->member[a]].header, u->header) != 0;
			}
	}
	/* the stems of the block: of every matched column sharing the first
	 * export's stem */
	for (size_t i = 0; i < p->n_u; i++) {
		if (!differ[i] || stems[i])
			continue;
		struct ky_buf b = KY_BUF_INIT;
		for (size_t j = i; j < p->n_u; j++) {
			struct ucol *u = &p->u[j];
			if (!differ[j] || strcmp(u->stem, p->u[i].stem))
				continue;
			for (size_t a = 0; a < p->n_aud; a++) {
				if (u->member[a] == NONE)
					continue;
				const struct src *sr = &p->src[p->blocks ? 0 : a];
				const char *st = sr->h->col[u->member[a]].stem;
				if (!st)
					continue;
				int seen = 0;   /* whole stems between " / " */
				for (const char *q = b.buf; q && *q && !seen;) {
					size_t n = strlen(st);
					seen = !strncmp(q, st, n) && (!q[n] || !strncmp(q + n, " / ", 3));
					q = strstr(q, " / ");
					q = q ? q + 3 : NULL;
				}
				if (seen)
					continue;
				if (b.len)
					ky_buf_adds(&b, " / ");
				ky_buf_adds(&b, st);
			}
		}
		char *joined = ky_buf_detach(&b, NULL);
		/* and the block's statements asked of one audience only */
		for (size_t j = 0; j < p->n_u; j++)
			if ((differ[j] || (!p->u[j].how && p->u[j].stem && p->u[j].statement)) &&
			    !stems[j] && !strcmp(p->u[j].stem, p->u[i].stem))
				stems[j] = ky_xstrdup(joined);
		free(joined);
	}
	for (size_t i = 0; i < p->n_u; i++) {
		struct ucol *u = &p->u[i];
		if (!stems[i])
			continue;
		free(u->header);
		u->header = ky_xstrdup(u->statement ? u->statement : stems[i]);
		free(u->stem);
		u->stem = stems[i];
	}
	free(stems);
	free(differ);
}

/* Several exports: file 0's columns, then each other file's matched to
 * them (ids, then the statements of the block sharing most of them, then
 * the whole header) or added. */
static void plan_exports(struct ky_aud_plan *p, const struct ky_def *d)
{
	const struct ky_survey *h0 = p->src[0].h;
	char **key0 = ky_xcalloc(h0->n_columns + 1, sizeof(char *));
	for (size_t i = 0; i < h0->n_columns; i++) {
		key0[i] = col_key(&h0->col[i]);
		p->src[0].to[i] = add_u(p, &h0->col[i]);
		p->u[i].member[0] = i;
	}
	struct run *r0;
	size_t n0 = find_runs(h0, key0, &r0);
	struct ky_buf b = KY_BUF_INIT, hb = KY_BUF_INIT;
	for (size_t f = 1; f < p->n_src; f++) {
		struct src *sf = &p->src[f];
		const struct ky_survey *h = sf->h;
		char **key = ky_xcalloc(h->n_columns + 1, sizeof(char *));
		for (size_t i = 0; i < h->n_columns; i++)
			key[i] = col_key(&h->col[i]);
		struct run *r;
		size_t nr = find_runs(h, key, &r);
		unsigned char *taken = ky_xcalloc(n0 + 1, 1);
		size_t *match = ky_xmalloc((h->n_columns + 1) * sizeof(size_t));
		/* ids first: a short code names the same item in every export */
		for (size_t i = 0; i < h->n_columns; i++) {
			if (!ky_header_is_code(h->col[i].header))
				continue;
			for (size_t u = 0; u < p->n_u; u++)
				if (p->u[u].member[f] == NONE && ky_header_is_code(p->u[u].header) &&
				    !strcmp(p->u[u].header, h->col[i].header)) {
					p->u[u].member[f] = i;
					p->u[u].how = "id";
					sf->to[i] = u;
					break;
				}
		}
		/* a definition's [item] was = names the item's text in another
		 * export (or an earlier round: then nothing here has it) */
		for (size_t k = 0; d && k < d->n_items; k++) {
			struct ky_error e;
			ky_error_clear(&e);
			int u = ky_survey_find_column(p->src[0].h, d->item[k].ref, "[item]", "", &e);
			if (u < 0 || p->u[u].member[f] != NONE)
				continue;
			for (size_t w = 0; w < d->item[k].was.n; w++) {
				int i = ky_survey_find_column(sf->h, d->item[k].was.s[w], "was", "", &e);
				if (i < 0 || sf->to[i] != NONE)
					continue;
				p->u[u].member[f] = (size_t)i;
				p->u[u].how = "was";
				sf->to[i] = (size_t)u;
				break;
			}
		}
		/* blocks of statements: each with the block of file 0 sharing most */
		for (size_t k = 0; k < nr; k++) {
			if (!h->col[r[k].first].stem)
				continue;
			size_t best = NONE, best_m = 0;
			for (size_t j = 0; j < n0; j++) {
				if (taken[j] || !h0->col[r0[j].first].stem)
					continue;
				size_t m = match_runs(key0, &r0[j], &r[k], key, NULL);
				if (m > best_m)
					best = j, best_m = m;
			}
			size_t la = r0[best == NONE ? 0 : best].end - r0[best == NONE ? 0 : best].first;
			size_t lb = r[k].end - r[k].first;
			if (best == NONE || 2 * best_m < (la < lb ? la : lb))
				continue;
			taken[best] = 1;
			match_runs(key0, &r0[best], &r[k], key, match);
			for (size_t i = r[k].first; i < r[k].end; i++) {
				size_t u = match[i - r[k].first];
				if (u == NONE || sf->to[i] != NONE || p->u[u].member[f] != NONE)
					continue;
				p->u[u].member[f] = i;
				p->u[u].how = "statement";
				sf->to[i] = u;
			}
		}
		/* the rest by the whole header (background questions), else added */
		for (size_t i = 0; i < h->n_columns; i++) {
			if (sf->to[i] != NONE)
				continue;
			ky_text_key(&hb, h->col[i].header);
			for (size_t u = 0; u < p->n_u; u++)
				if (p->u[u].member[f] == NONE &&
				    !strcmp(ky_text_key(&b, p->u[u].header), hb.buf)) {
					p->u[u].member[f] = i;
					p->u[u].how = "header";
					sf->to[i] = u;
					break;
				}
			if (sf->to[i] == NONE) {
				sf->to[i] = add_u(p, &h->col[i]);
				p->u[sf->to[i]].member[f] = i;
			}
		}
		for (size_t i = 0; i < h->n_columns; i++)
			free(key[i]);
		free(key);
		free(r);
		free(taken);
		free(match);
	}
	ky_buf_release(&b);
	ky_buf_release(&hb);
	for (size_t i = 0; i < h0->n_columns; i++)
		free(key0[i]);
	free(key0);
	free(r0);
	/* a column matched in one export only is no audience item */
	for (size_t u = 0; u < p->n_u; u++) {
		size_t m = 0;
		for (size_t a = 0; a < p->n_aud; a++)
			m += p->u[u].member[a] != NONE;
		if (m < 2)
			p->u[u].how = NULL;
	}
}

/* Parallel blocks of one export: runs of two or more statements matching
 * an earlier run's (at least half of the shorter one), gathered in
 * clusters; the audiences are the places in a cluster, so every cluster
 * must have as many runs as the first.  0 when there are none. */
static size_t find_parallel(const struct ky_survey *h, char **key, struct run **runs,
			    size_t *n_runs)
{
	struct run *r;
	size_t nr = find_runs(h, key, &r);
	size_t n_clusters = 0, *size = NULL;
	for (size_t k = 0; k < nr; k++) {
		if (r[k].end - r[k].first < 2 || r[k].cluster != NONE)
			continue;
		for (size_t j = 0; j < k; j++) {
			if (r[j].member != 0 || r[j].end - r[j].first < 2 ||
			    ((h->col[r[j].first].stem == NULL) != (h->col[r[k].first].stem == NULL)))
				continue;
			size_t m = match_runs(key, &r[j], &r[k], key, NULL);
			size_t la = r[j].end - r[j].first, lb = r[k].end - r[k].first;
			if (m < 2 || 2 * m < (la < lb ? la : lb))
				continue;
			if (r[j].cluster == NONE) {
				r[j].cluster = n_clusters++;
				size = ky_xrealloc(size, n_clusters * sizeof(*size));
				size[r[j].cluster] = 1;
			}
			r[k].cluster = r[j].cluster;
			r[k].member = size[r[j].cluster]++;
			break;
		}
	}
	size_t n_aud = n_clusters ? size[0] : 0;
	for (size_t k = 0; k < nr; k++)      /* clusters of another size stay questions */
		if (r[k].cluster != NONE && size[r[k].cluster] != n_aud)
			r[k].cluster = NONE, r[k].member = 0;
	free(size);
	*runs = r;
	*n_runs = nr;
	return n_aud;
}

static void unify_blocks(struct ky_aud_plan *p, const char *how);

static void plan_blocks(struct ky_aud_plan *p, char **key, struct run *r, size_t nr)
{
	struct src *sr = &p->src[0];
	const struct ky_survey *h = sr->h;
	size_t *match = ky_xmalloc((h->n_columns + 1) * sizeof(size_t));
	/* the first run of each cluster: its place */
	for (size_t k = 0; k < nr; k++) {
		if (r[k].cluster == NONE || r[k].member == 0)
			continue;
		size_t j = 0;
		while (r[j].cluster != r[k].cluster || r[j].member != 0)
			j++;
		match_runs(key, &r[j], &r[k], key, match);
		for (size_t i = r[k].first; i < r[k].end; i++)
			if (match[i - r[k].first] != NONE) {
				sr->aud[i] = r[k].member;
				sr->aud[match[i - r[k].first]] = 0;
				sr->to[i] = match[i - r[k].first];  /* a column of file 0, for now */
			}
	}
	free(match);
	unify_blocks(p, NULL);
}

/* The columns of the first audience's block (SR->aud 0) become the
 * statements; the others' (aud > 0, with SR->to the first one's column)
 * are counted into them; HOW: how they were matched (NULL: by the text). */
static void unify_blocks(struct ky_aud_plan *p, const char *how)
{
	struct src *sr = &p->src[0];
	const struct ky_survey *h = sr->h;
	/* A question repeated once in each audience's part of the export (the
	 * open question after each block): one question, the K-th copy the
	 * K-th audience's.  Audience A's part runs from its block's first
	 * column to the next audience's. */
	size_t *start = ky_xmalloc((p->n_aud + 1) * sizeof(size_t));
	for (size_t a = 0; a <= p->n_aud; a++)
		start[a] = a < p->n_aud ? NONE : h->n_columns;
	for (size_t i = 0; i < h->n_columns; i++)
		if (sr->aud[i] != NONE && start[sr->aud[i]] == NONE)
			start[sr->aud[i]] = i;
	int ordered = 1;
	for (size_t a = 0; a < p->n_aud; a++)
		ordered &= start[a] != NONE && start[a] < start[a + 1];
	struct ky_buf b = KY_BUF_INIT, c = KY_BUF_INIT;
	size_t *at = ky_xmalloc((p->n_aud + 1) * sizeof(size_t));
	unsigned char *repeated = ky_xcalloc(h->n_columns + 1, 1);
	for (size_t i = 0; ordered && i < h->n_columns; i++) {
		if (sr->aud[i] != NONE || i < start[0] || i >= start[1])
			continue;
		ky_text_key(&b, h->col[i].header);
		size_t n = 0;
		for (size_t j = start[0]; j < h->n_columns; j++)
			if (sr->aud[j] == NONE && !strcmp(ky_text_key(&c, h->col[j].header), b.buf)) {
				if (n == p->n_aud || j < start[n] || j >= start[n + 1]) {
					n = NONE;
					break;
				}
				at[n++] = j;
			}
		if (n != p->n_aud)
			continue;
		for (size_t a = 0; a < p->n_aud; a++) {
			sr->aud[at[a]] = a;
			sr->to[at[a]] = at[0];
		}
		repeated[at[0]] = 1;
	}
	ky_buf_release(&b);
	ky_buf_release(&c);
	free(at);
	free(start);
	for (size_t i = 0; i < h->n_columns; i++) {
		if (sr->aud[i] != NONE && sr->aud[i] != 0)
			continue;
		size_t u = add_u(p, &h->col[i]);
		if (sr->aud[i] == 0) {
			p->u[u].member[0] = i;
			p->u[u].how = repeated[i] ? "repeated" : how ? how
				    : h->col[i].stem ? "statement" : "header";
		}
		sr->to[i] = u;
	}
	for (size_t i = 0; i < h->n_columns; i++)
		if (sr->aud[i] != NONE && sr->aud[i] != 0) {
			size_t u = sr->to[sr->to[i]];
			p->u[u].member[sr->aud[i]] = i;
			sr->to[i] = u;
		}
	free(repeated);
}

/* ---- records ---------------------------------------------------------------- */

static int cell_empty(const char *s, size_t len)
{
	return ky_trim_cell(&s, len) == 0;
}

/* The audience of a record of parallel blocks: the one whose block has the
 * most answers (the first on a tie); NONE when it answered none.  *MULTI:
 * it answered in more than one block. */
static size_t record_audience(const struct ky_aud_plan *p, const struct ky_record *rec, size_t *cnt,
			      int *multi)
{
	const struct src *sr = &p->src[0];
	memset(cnt, 0, p->n_aud * sizeof(*cnt));
	for (size_t i = 0; i < sr->h->n_columns && i < rec->n_fields; i++)
		if (sr->aud[i] != NONE && !cell_empty(rec->field[i], rec->len[i]))
			cnt[sr->aud[i]]++;
	size_t best = NONE, answered = 0;
	for (size_t a = 0; a < p->n_aud; a++) {
		answered += cnt[a] > 0;
		if (cnt[a] && (best == NONE || cnt[a] > cnt[best]))
			best = a;
	}
	*multi = answered > 1;
	return best;
}

static int check_width(const struct src *sr, const struct ky_record *rec, struct ky_error *err)
{
	size_t n = sr->h->n_columns;
	if (rec->n_fields < n)
		return ky_error_set(err, KY_ERR_PARSE, sr->path, rec->line, rec->n_fields,
				    "record has %zu fields but the header has %zu (ragged row)",
				    rec->n_fields, n);
	for (size_t i = n; i < rec->n_fields; i++)
		if (rec->len[i])
			return ky_error_set(err, KY_ERR_PARSE, sr->path, rec->line, i + 1,
					    "record has %zu fields but the header has %zu "
					    "(ragged row)", rec->n_fields, n);
	return 0;
}

static int count_mapped(struct ky_survey *s, struct ky_aud_plan *p, size_t f, const struct ky_record *rec,
			struct ky_scanbuf *b, size_t *cnt, struct ky_error *err)
{
	if (ky_record_blank(rec))
		return 0;
	const struct src *sr = &p->src[f];
	if (check_width(sr, rec, err) < 0)
		return -1;
	for (size_t u = 0; u < p->n_u; u++)
		p->field[u] = "", p->len[u] = 0;
	int multi = 0;
	size_t a = p->blocks ? record_audience(p, rec, cnt, &multi) : f;
	p->n_none += a == NONE;
	if (p->blocks && p->route != NONE && p->route < rec->n_fields) {
		/* the routing answer, where there is one, says whose block */
		const char *cell = rec->field[p->route];
		size_t len = ky_trim_cell(&cell, rec->len[p->route]);
		size_t id = len ? ky_dict_find(&p->route_vals, cell, len) : NONE;
		if (id != NONE)
			a = p->route_aud[id];
	}
	p->n_multi += (uint64_t)multi;
	if (a != NONE)
		p->n_resp[a]++;
	for (size_t i = 0; i < sr->h->n_columns; i++) {
		size_t u = sr->to[i];
		if (u == NONE || (sr->aud[i] != NONE && sr->aud[i] != a))
			continue;
		const char *cell = rec->field[i];
		size_t len = rec->len[i];
		const struct legend *lg = &sr->leg[i];
		if (lg->n) {
			const char *t = cell;
			size_t tl = ky_trim_cell(&t, len);
			for (size_t k = 0; k < lg->n; k++)
				if (tl == strlen(lg->code[k]) && !memcmp(t, lg->code[k], tl)) {
					cell = lg->label[k];
					len = strlen(cell);
					break;
				}
		}
		p->field[u] = cell;
		p->len[u] = len;
	}
	if (p->aud_col != NONE && a != NONE) {
		p->field[p->aud_col] = p->name[a];
		p->len[p->aud_col] = strlen(p->name[a]);
	}
	struct ky_record m = { .n_fields = p->n_u, .field = p->field, .len = p->len,
			       .line = p->line0[f] + rec->line, .number = rec->number };
	if (rec->line >= p->line0[f + 1] - p->line0[f])
		p->line0[f + 1] = p->line0[f] + rec->line + 1;
	if (s->weighting && ky_weight_record(s, &m, err) < 0)   /* its weight first */
		return -1;
	return ky_survey_count_record(s, &m, b, err);
}

/* The first pass over an export with parallel blocks: who answered which
 * block, and which column routes to them.  Returns -1 on a read error, 0
 * when the blocks are not answered by different people, 1 when they are
 * (with *ROUTE the routing column or NONE, and its values per audience
 * joined into NAMES[a] when it routes). */
static int first_pass(struct ky_aud_plan *p, const struct ky_reader_options *ropts,
		      const char *const *groups, size_t n_groups, size_t *route, char **names,
		      int declared, struct ky_error *err)
{
	const struct src *sr = &p->src[0];
	const struct ky_survey *h = sr->h;
	size_t nc = h->n_columns;
	struct ky_reader *r = ky_reader_open(sr->path, ropts, err);
	if (!r)
		return -1;
	struct ky_dict *vals = ky_xcalloc(nc + 1, sizeof(*vals));
	uint32_t **mask = ky_xcalloc(nc + 1, sizeof(*mask));
	uint64_t *filled = ky_xcalloc(nc + 1, sizeof(*filled));
	unsigned char *cand = ky_xcalloc(nc + 1, 1);
	for (size_t i = 0; i < nc; i++) {
		ky_dict_init(&vals[i]);
		mask[i] = ky_xcalloc(ROUTE_MAX_VALUES, sizeof(uint32_t));
		cand[i] = sr->aud[i] == NONE && p->n_aud <= 32;
	}
	size_t *cnt = ky_xcalloc(p->n_aud, sizeof(size_t));
	uint64_t any = 0, multi_n = 0, *per = ky_xcalloc(p->n_aud, sizeof(uint64_t));
	struct ky_record rec;
	int rc;
	unsigned long skip = h->header_rows;
	while ((rc = ky_reader_next(r, &rec, err)) > 0) {
		if (skip) {
			skip--;
			continue;
		}
		if (ky_record_blank(&rec))
			continue;
		int multi;
		size_t a = record_audience(p, &rec, cnt, &multi);
		if (a == NONE)
			continue;
		any++;
		per[a]++;
		multi_n += (uint64_t)multi;
		if (multi)
			continue;
		for (size_t i = 0; i < nc && i < rec.n_fields; i++) {
			if (!cand[i])
				continue;
			const char *cell = rec.field[i];
			size_t len = ky_trim_cell(&cell, rec.len[i]);
			if (!len)
				continue;
			filled[i]++;
			size_t id = ky_dict_intern(&vals[i], cell, len, NULL);
			if (id >= ROUTE_MAX_VALUES) {
				cand[i] = 0;
				continue;
			}
			mask[i][id] |= 1u << a;
		}
	}
	ky_reader_free(r);
	int ok = rc == 0 ? 1 : -1;
	size_t with = 0;
	for (size_t a = 0; a < p->n_aud; a++)
		with += per[a] > 0;
	/* blocks the same people answered are two questions, not audiences */
	if (ok == 1 && !declared && (with < 2 || multi_n * 10 > any))
		ok = 0;
	*route = NONE;
	for (size_t pass = 0; ok == 1 && pass < 2 && *route == NONE; pass++)
		for (size_t i = 0; i < nc && *route == NONE; i++) {
			if (!cand[i] || !vals[i].n || vals[i].n > 3 * p->n_aud ||
			    filled[i] * 10 < (any - multi_n) * 9)
				continue;
			int named = 0;   /* first pass: the columns named with --group */
			for (size_t g = 0; g < n_groups; g++) {
				struct ky_buf x = KY_BUF_INIT, y = KY_BUF_INIT;
				named |= !strcmp(groups[g], h->col[i].id) ||
					 !strcmp(ky_label_normalize(&x, groups[g]),
						 ky_label_normalize(&y, h->col[i].header));
				ky_buf_release(&x);
				ky_buf_release(&y);
			}
			if (pass == 0 && !named)
				continue;
			uint32_t all = 0;
			int single = 1;
			for (size_t v = 0; v < vals[i].n; v++) {
				single &= mask[i][v] && !(mask[i][v] & (mask[i][v] - 1));
				all |= mask[i][v];
			}
			if (single && all == (p->n_aud >= 32 ? 0xFFFFFFFFu : (1u << p->n_aud) - 1))
				*route = i;
		}
	if (*route != NONE)
		for (size_t a = 0; a < p->n_aud; a++) {
			struct ky_buf b = KY_BUF_INIT;
			for (size_t v = 0; v < vals[*route].n; v++)
				if (mask[*route][v] & (1u << a)) {
					if (b.len)
						ky_buf_adds(&b, " / ");
					ky_buf_adds(&b, vals[*route].str[v]);
				}
			names[a] = ky_buf_detach(&b, NULL);
		}
	if (*route != NONE) {
		p->route_vals = vals[*route];        /* kept: it routes each record */
		ky_dict_init(&vals[*route]);
		p->route_aud = ky_xcalloc(p->route_vals.n + 1, sizeof(size_t));
		for (size_t v = 0; v < p->route_vals.n; v++)
			for (size_t a = 0; a < p->n_aud; a++)
				if (mask[*route][v] & (1u << a))
					p->route_aud[v] = a;
	}
	for (size_t i = 0; i < nc; i++) {
		ky_dict_release(&vals[i]);
		free(mask[i]);
	}
	free(vals);
	free(mask);
	free(filled);
	free(cand);
	free(cnt);
	free(per);
	return ok;
}

/* Whether NAME (as given to --group) names column C. */
static int names_column(const char *name, const struct ky_column *c)
{
	struct ky_buf x = KY_BUF_INIT, y = KY_BUF_INIT;
	int hit = !strcmp(name, c->id) || !strcmp(ky_label_normalize(&x, name),
						  ky_label_normalize(&y, c->header));
	ky_buf_release(&x);
	ky_buf_release(&y);
	return hit;
}

/* ---- the pass ---------------------------------------------------------------- */

static char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	const char *dot = strrchr(b, '.');
	return ky_xstrndup(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}

static void plan_free(struct ky_aud_plan *p)
{
	if (!p)
		return;
	for (size_t f = 0; f < p->n_src; f++) {
		struct src *sr = &p->src[f];
		for (size_t i = 0; sr->leg && i < sr->nc; i++) {
			for (size_t k = 0; k < sr->leg[i].n; k++) {
				free(sr->leg[i].code[k]);
				free(sr->leg[i].label[k]);
			}
			free(sr->leg[i].code);
			free(sr->leg[i].label);
		}
		free(sr->leg);
		free(sr->to);
		free(sr->aud);
		ky_held_release(&sr->own[0]);
		ky_held_release(&sr->own[1]);
		if (sr->h) {
			sr->h->path = NULL;
			ky_survey_release(sr->h);
		}
	}
	free(p->src);
	for (size_t u = 0; u < p->n_u; u++) {
		free(p->u[u].header);
		free(p->u[u].stem);
		free(p->u[u].statement);
		free(p->u[u].id);
		free(p->u[u].member);
	}
	free(p->u);
	for (size_t a = 0; p->name && a < p->n_aud; a++)
		free(p->name[a]);
	free(p->name);
	free(p->n_resp);
	free(p->field);
	free(p->len);
	ky_dict_release(&p->route_vals);
	free(p->route_aud);
	free(p->line0);
	free(p);
}

void ky_audience_free(struct ky_audience *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++) {
		free(a->name[i]);
		free(a->source[i]);
		free(a->question[i]);
	}
	free(a->name);
	free(a->source);
	free(a->question);
	free(a->n_respondents);
	free(a->route);
	for (size_t i = 0; i < a->n_items; i++)
		free(a->item[i].src);
	free(a->item);
	free(a->differ);
	free(a->src_col);
	free(a->line0);
	free(a);
}

/* The unified columns into S, with ids kept from the exports (made unique). */
static void build_columns(struct ky_survey *s, struct ky_aud_plan *p)
{
	s->n_columns = p->n_u;
	s->col = ky_xcalloc(p->n_u, sizeof(*s->col));
	struct ky_dict seen;
	ky_dict_init(&seen);
	struct ky_buf b = KY_BUF_INIT;
	for (size_t u = 0; u < p->n_u; u++) {
		struct ky_column *c = &s->col[u];
		ky_survey_column_init(c, u, p->u[u].header);
		free(c->stem);
		free(c->statement);
		c->stem = p->u[u].stem ? ky_xstrdup(p->u[u].stem) : NULL;
		c->statement = p->u[u].statement && p->u[u].stem ? ky_xstrdup(p->u[u].statement)
								  : NULL;
		if (c->stem && !*c->stem) {
			free(c->stem);
			free(c->statement);
			c->stem = c->statement = NULL;
		}
		ky_buf_reset(&b);
		ky_buf_adds(&b, p->u[u].id);
		size_t base = b.len;
		for (unsigned k = 2; ky_dict_find(&seen, b.buf, b.len) != NONE; k++) {
			b.len = base;
			ky_buf_addf(&b, "_%u", k);
		}
		ky_dict_intern(&seen, b.buf, b.len, NULL);
		c->id = ky_xstrdup(b.buf);
	}
	ky_buf_release(&b);
	ky_dict_release(&seen);
}

/* What summary.json and inspect tell: audiences, their questions and
 * exports, how each statement was matched. */
static struct ky_audience *describe(struct ky_aud_plan *p, struct ky_survey *s, size_t route)
{
	struct ky_audience *A = ky_xcalloc(1, sizeof(*A));
	A->blocks = p->blocks;
	A->n = p->n_aud;
	A->name = ky_xcalloc(p->n_aud, sizeof(char *));
	A->source = ky_xcalloc(p->n_aud, sizeof(char *));
	A->question = ky_xcalloc(p->n_aud, sizeof(char *));
	A->n_respondents = ky_xcalloc(p->n_aud, sizeof(uint64_t));
	A->column = p->aud_col;
	A->n_multi = p->n_multi;
	A->n_none = p->n_none;
	if (route != NONE)
		A->route = ky_xstrdup(p->src[0].h->col[route].header);
	for (size_t a = 0; a < p->n_aud; a++) {
		A->name[a] = ky_xstrdup(p->name[a] ? p->name[a] : "");
		A->n_respondents[a] = p->n_resp[a];
		struct ky_buf q = KY_BUF_INIT, src = KY_BUF_INIT;
		const struct src *sr = &p->src[p->blocks ? 0 : a];
		size_t lo = NONE, hi = NONE;
		for (size_t u = 0; u < p->n_u; u++) {
			size_t m = p->u[u].how ? p->u[u].member[a] : NONE;
			if (m == NONE || !strcmp(p->u[u].how, "repeated"))
				continue;
			const struct ky_column *c = &sr->h->col[m];
			if (lo == NONE)
				lo = m;
			hi = m;
			if (c->stem && !strstr(q.buf ? q.buf : "", c->stem)) {
				if (q.len)
					ky_buf_adds(&q, " / ");
				ky_buf_adds(&q, c->stem);
			}
		}
		if (p->blocks && lo != NONE)
			ky_buf_addf(&src, "%s-%s", sr->h->col[lo].id, sr->h->col[hi].id);
		else
			ky_buf_adds(&src, sr->path);
		A->question[a] = q.len ? ky_buf_detach(&q, NULL) : NULL;
		A->source[a] = ky_buf_detach(&src, NULL);
		ky_buf_release(&q);
	}
	A->n_src = p->n_src;
	A->src_col = ky_xmalloc((p->n_u * p->n_src + 1) * sizeof(size_t));
	for (size_t u = 0; u < p->n_u; u++)
		for (size_t f = 0; f < p->n_src; f++) {
			/* one export per audience: the audience's column; parallel
			 * blocks: the first block's (or the column itself) */
			size_t m = p->blocks ? p->u[u].member[0] : p->u[u].member[f];
			if (p->blocks && m == NONE)
				for (size_t i = 0; i < p->src[0].nc && m == NONE; i++)
					if (p->src[0].to[i] == u)
						m = i;
			A->src_col[u * p->n_src + f] = m;
		}
	A->line0 = ky_xcalloc(p->n_src + 1, sizeof(unsigned long));
	if (p->line0)
		memcpy(A->line0, p->line0, (p->n_src + 1) * sizeof(unsigned long));
	for (size_t u = 0; u < p->n_u; u++) {
		if (!p->u[u].how)
			continue;
		A->item = ky_xrealloc(A->item, (A->n_items + 1) * sizeof(*A->item));
		struct ky_audience_item *it = &A->item[A->n_items++];
		it->column = u;
		it->how = p->u[u].how;
		it->src = ky_xmalloc(p->n_aud * sizeof(size_t));
		memcpy(it->src, p->u[u].member, p->n_aud * sizeof(size_t));
	}
	(void)s;
	return A;
}

struct ky_aud_plan *ky_audience_plan(struct ky_survey *s, struct ky_reader **r,
				     const char *const *paths, const char *const *names, size_t n,
				     struct ky_held *pending, const struct ky_reader_options *ropts,
				     const char *const *groups, size_t n_groups, int *rcp,
				     struct ky_error *err)
{
	const struct ky_def *d = s->def;
	struct ky_aud_plan *p = ky_xcalloc(1, sizeof(*p));
	ky_dict_init(&p->route_vals);
	p->n_src = n;
	p->src = ky_xcalloc(n, sizeof(*p->src));
	p->aud_col = NONE;
	p->route = NONE;
	size_t route = NONE;
	int rc = 0;
	struct run *runs = NULL;
	size_t n_runs = 0;
	char **key = NULL;
	size_t n_key = 0, *dcol = NULL;  /* declared: [a * items + k] the column */
	int declared = 0;
	if (n == 1) {                  /* parallel blocks in the header of S? */
		n_key = s->n_columns;
		key = ky_xcalloc(s->n_columns + 1, sizeof(char *));
		for (size_t i = 0; i < s->n_columns; i++)
			key[i] = col_key(&s->col[i]);
		declared = d && d->n_auds >= 2 && !s->summary;
		p->n_aud = s->summary ? 0 : declared ? d->n_auds : find_parallel(s, key, &runs, &n_runs);
		if (p->n_aud < 2) {
			rc = 1;
			goto out;
		}
		p->blocks = 1;
		struct src *sr = &p->src[0];
		sr->path = s->path;
		sr->r = r[0];
		sr->h = ky_xcalloc(1, sizeof(*sr->h));
		sr->h->col = s->col;
		sr->h->n_columns = s->n_columns;
		sr->h->header_rows = s->header_rows;
		sr->pending = pending;
	} else {
		p->n_aud = n;
		for (size_t f = 0; f < n && rc == 0; f++) {
			struct src *sr = &p->src[f];
			sr->path = paths[f];
			sr->r = r[f];
			sr->h = ky_xcalloc(1, sizeof(*sr->h));
			sr->h->path = (char *)paths[f];
			sr->pending = sr->own;
			rc = ky_survey_read_header(sr->h, r[f], f == 0 && d ? d->header_rows : 0,
						   sr->pending, err);
		}
		if (rc < 0)
			goto out;
		if (!s->header_rows)
			s->header_rows = p->src[0].h->header_rows;
	}
	for (size_t f = 0; f < n; f++) {
		struct src *sr = &p->src[f];
		size_t nc = sr->nc = sr->h->n_columns;
		sr->to = ky_xmalloc((nc + 1) * sizeof(size_t));
		sr->aud = ky_xmalloc((nc + 1) * sizeof(size_t));
		sr->leg = ky_xcalloc(nc + 1, sizeof(*sr->leg));
		for (size_t i = 0; i < nc; i++) {
			sr->to[i] = sr->aud[i] = NONE;
			column_legend(&sr->h->col[i], &sr->leg[i]);
		}
	}
	p->name = ky_xcalloc(p->n_aud, sizeof(char *));
	p->n_resp = ky_xcalloc(p->n_aud, sizeof(uint64_t));
	if (declared) {
		/* [audience NAME] items = : the blocks as the definition gives them */
		size_t k_n = d->aud[0].items.n;
		dcol = ky_xcalloc(p->n_aud * k_n + 1, sizeof(size_t));
		for (size_t a = 0; a < p->n_aud && rc == 0; a++) {
			struct ky_buf sect = KY_BUF_INIT, what = KY_BUF_INIT;
			ky_buf_addf(&sect, "audience %s", d->aud[a].name);
			ky_buf_addf(&what, "[audience %s] items", d->aud[a].name);
			unsigned long line = ky_def_line(d, sect.buf, "items");
			for (size_t k = 0; k < k_n && rc == 0; k++) {
				struct ky_error e;
				ky_error_clear(&e);
				int c = ky_survey_find_column(s, d->aud[a].items.s[k], what.buf,
							      s->path, &e);
				if (c < 0)
					rc = ky_error_set(err, KY_ERR_DATA, d->path, line, 0, "%s: no "
							  "column '%s' in %s (give its header text, its "
							  "id such as Q3, or its 1-based number)", what.buf,
							  d->aud[a].items.s[k], s->path);
				else if (p->src[0].aud[c] != NONE)
					rc = ky_error_set(err, KY_ERR_DATA, d->path, line, 0, "%s: "
							  "column %d '%s' is in two audiences' blocks",
							  what.buf, c + 1, s->col[c].header);
				else
					p->src[0].aud[c] = a, dcol[a * k_n + k] = (size_t)c;
			}
			ky_buf_release(&sect);
			ky_buf_release(&what);
		}
		if (rc < 0) {
			p->src[0].h->col = NULL;
			p->src[0].h->n_columns = 0;
			goto out;
		}
	}
	if (p->blocks) {
		/* the columns of each block, so that the first pass can tell */
		struct src *sr = &p->src[0];
		size_t *match = ky_xmalloc((s->n_columns + 1) * sizeof(size_t));
		for (size_t k = 0; k < n_runs; k++) {
			if (runs[k].cluster == NONE)
				continue;
			size_t j = 0;
			while (runs[j].cluster != runs[k].cluster || runs[j].member != 0)
				j++;
			if (j == k)
				continue;
			match_runs(key, &runs[j], &runs[k], key, match);
			for (size_t i = runs[k].first; i < runs[k].end; i++)
				if (match[i - runs[k].first] != NONE) {
					sr->aud[i] = runs[k].member;
					sr->aud[match[i - runs[k].first]] = 0;
				}
		}
		free(match);
		rc = first_pass(p, ropts, groups, n_groups, &route, p->name, declared, err);
		for (size_t i = 0; i < s->n_columns && !declared; i++)
			sr->aud[i] = NONE;
		if (rc <= 0) {
			sr->h->col = NULL;      /* S keeps its columns: one export as always */
			sr->h->n_columns = 0;
			rc = rc < 0 ? -1 : 1;
			goto out;
		}
		rc = 0;
		s->col = NULL;
		s->n_columns = 0;
		if (declared) {
			size_t k_n = d->aud[0].items.n;
			for (size_t a = 1; a < p->n_aud; a++)
				for (size_t k = 0; k < k_n; k++)
					sr->to[dcol[a * k_n + k]] = dcol[k];
			unify_blocks(p, "definition");
		} else {
			plan_blocks(p, key, runs, n_runs);
		}
	} else {
		plan_exports(p, d);
	}
	p->route = route;
	unify_texts(p);
	/* names: the definition's, else the routing answers, else the question
	 * texts or the block's columns; or the files' names */
	for (size_t a = 0; a < p->n_aud; a++) {
		const char *given = NULL;
		if (!p->blocks && names && names[a])
			given = names[a];
		if (p->blocks && d && d->audiences.n == p->n_aud)
			given = d->audiences.s[a];
		if (declared)
			given = d->aud[a].name;
		if (given) {
			free(p->name[a]);
			p->name[a] = ky_xstrdup(given);
		} else if (!p->name[a] && !p->blocks) {
			p->name[a] = base_name(p->src[a].path);
		}
	}
	if (p->blocks && !declared && d && d->audiences.n && d->audiences.n != p->n_aud)
		ky_survey_warn(s, "%s:%lu: audiences = names %zu audiences, but %zu parallel "
			       "blocks were found; the names are not used", d->path,
			       ky_def_line(d, "survey", "audiences"), d->audiences.n, p->n_aud);
	if (p->blocks && route == NONE && !declared && !(d && d->audiences.n == p->n_aud)) {
		struct ky_audience *A = describe(p, s, NONE);
		int distinct = 1;
		for (size_t a = 0; a < p->n_aud; a++)
			for (size_t b = 0; b < a; b++)
				distinct &= A->question[a] && A->question[b] &&
					    strcmp(A->question[a], A->question[b]);
		for (size_t a = 0; a < p->n_aud; a++) {
			free(p->name[a]);
			p->name[a] = ky_xstrdup(distinct ? A->question[a] : A->source[a]);
		}
		ky_audience_free(A);
	}
	for (size_t a = 0; a < p->n_aud; a++)   /* two audiences of one name stay two */
		for (size_t b = 0; b < a; b++)
			if (!strcmp(p->name[a], p->name[b])) {
				struct ky_buf x = KY_BUF_INIT;
				ky_buf_addf(&x, "%s (%zu)", p->name[a], a + 1);
				free(p->name[a]);
				p->name[a] = ky_buf_detach(&x, NULL);
				b = (size_t)-1;
			}
	/* the audience column, unless a routing column named with --group is it */
	int route_named = 0;
	if (route != NONE)
		for (size_t g = 0; g < n_groups; g++)
			route_named |= names_column(groups[g], &p->src[0].h->col[route]);
	if (!route_named) {
		struct ky_column c;
		memset(&c, 0, sizeof(c));
		c.header = c.id = (char *)"audience";
		p->aud_col = add_u(p, &c);
	}
	build_columns(s, p);
	p->field = ky_xcalloc(p->n_u + 1, sizeof(char *));
	p->len = ky_xcalloc(p->n_u + 1, sizeof(size_t));
	p->line0 = ky_xcalloc(n + 1, sizeof(unsigned long));
out:
	if (key) {
		for (size_t i = 0; i < n_key; i++)
			free(key[i]);
		free(key);
	}
	free(runs);
	free(dcol);
	*rcp = rc < 0 ? -1 : 0;
	if (rc != 0) {
		plan_free(p);
		return NULL;
	}
	return p;
}

size_t ky_audience_groupings(const struct ky_aud_plan *p, const char *const *groups,
			     size_t n_groups, const char **out, char num[32])
{
	size_t ng = 0;
	if (p->aud_col != NONE) {
		snprintf(num, 32, "%zu", p->aud_col + 1);
		out[ng++] = num;
	}
	for (size_t g = 0; g < n_groups; g++)
		if (!(p->aud_col != NONE && !strcmp(groups[g], "audience")))
			out[ng++] = groups[g];
	return ng;
}

int ky_audience_scan(struct ky_survey *s, struct ky_aud_plan *p, struct ky_error *err)
{
	struct ky_scanbuf b;
	b.slots = ky_xmalloc((s->n_groupings + 1) * sizeof(*b.slots));
	b.gid = ky_xmalloc((s->n_groupings + 1) * sizeof(*b.gid));
	b.vid = ky_xmalloc((s->n_columns + 1) * sizeof(*b.vid));
	b.unchecked = 0;
	size_t *cnt = ky_xcalloc(p->n_aud, sizeof(size_t));
	int rc = 0;
	for (size_t f = 0; f < p->n_src && rc == 0; f++) {
		struct src *sr = &p->src[f];
		struct ky_record rec;
		p->line0[f + 1] = p->line0[f] + 1;   /* grows with the export's lines */
		for (int k = 0; k < 2 && rc == 0 && sr->pending[k].used; k++) {
			rec.n_fields = sr->pending[k].n;
			rec.field = (const char *const *)sr->pending[k].field;
			rec.len = sr->pending[k].len;
			rec.line = sr->pending[k].line;
			rec.number = sr->pending[k].number;
			rc = count_mapped(s, p, f, &rec, &b, cnt, err);
		}
		while (rc == 0 && (rc = ky_reader_next(sr->r, &rec, err)) > 0)
			rc = count_mapped(s, p, f, &rec, &b, cnt, err);
		if (rc > 0)
			rc = 0;
	}
	free(cnt);
	free(b.slots);
	free(b.gid);
	free(b.vid);
	if (rc == 0 && s->n_respondents == 0)
		rc = ky_error_set(err, KY_ERR_DATA, s->path, s->header_rows, 0,
				  "no answers: the files have header rows but no data rows");
	if (rc == 0)
		for (size_t i = 0; i < s->n_columns; i++)  /* a counter for every slot */
			ky_survey_add_missing(&s->col[i], s->n_slots - 1, 0);
	if (rc == 0)
		rc = ky_weight_finish(s, err);
	return rc;
}

void ky_audience_finish(struct ky_survey *s, struct ky_aud_plan *p)
{
	if (!p)
		return;
	s->audience = describe(p, s, p->route);
	s->n_paths = p->n_src;
	s->paths = ky_xcalloc(p->n_src, sizeof(char *));
	for (size_t f = 0; f < p->n_src; f++)
		s->paths[f] = ky_xstrdup(p->src[f].path);
	if (p->n_multi)
		ky_survey_warn(s, "%s: %llu respondent%s answered more than one of the "
			       "parallel blocks; each is counted in the block %s", s->path,
			       (unsigned long long)p->n_multi, p->n_multi == 1 ? "" : "s",
			       p->route != NONE ? "of their routing answer (else the one with "
			       "the most answers)" : "with the most answers");
	plan_free(p);
}

const char *ky_survey_where(const struct ky_survey *s, size_t col, unsigned long *line,
			    size_t *field)
{
	const struct ky_audience *A = s->audience;
	*field = col + 1;
	if (!A || !A->src_col || col >= s->n_columns)
		return s->path;
	size_t f = 0;
	while (f + 1 < A->n_src && *line >= A->line0[f + 1])
		f++;
	*line -= A->line0[f];
	size_t m = A->src_col[col * A->n_src + f];
	if (m != NONE)
		*field = m + 1;
	return s->n_paths > f ? s->paths[f] : s->path;
}
