/* report_open.c - open answers analysed once for every output: personal
 * data and people's names masked (ky_mask.h, ky_text.h), and the terms of
 * each question by group (keywords.csv, the report, summary.json). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/dict_int.h"
#include "ky_mask.h"
#include "ky_report.h"
#include "ky_text.h"

/* ---- masked answers --------------------------------------------------- */

struct ky_masked_answers {
	size_t n_columns;
	size_t **off;                /* [column][value] into text; NULL: not open */
	uint64_t *names;             /* [column] names masked, answers counted */
	struct ky_buf text;
	struct ky_text *tx;          /* the analyser, lent to ky_report_terms */
	const char *skip[5];         /* the placeholders, not words */
};

static int has_open(const struct ky_survey *s)
{
	for (size_t i = 0; i < s->n_columns; i++)
		if (s->col[i].type == KY_COL_OPEN && ky_column_n_values(&s->col[i]))
			return 1;
	return 0;
}

static void set_skip(const char **skip, const struct ky_words *w)
{
	skip[0] = w->mask_email;
	skip[1] = w->mask_phone;
	skip[2] = w->mask_hetu;
	skip[3] = w->mask_name;
	skip[4] = NULL;
}

struct ky_masked_answers *ky_report_mask_answers(const struct ky_survey *s, enum ky_lang lang,
						 struct ky_error *err)
{
	const struct ky_words *w = ky_words(lang);
	const struct ky_mask_words mw = { w->mask_email, w->mask_phone, w->mask_hetu };
	struct ky_masked_answers *m = ky_xcalloc(1, sizeof(*m));
	m->n_columns = s->n_columns;
	m->off = ky_xcalloc(s->n_columns ? s->n_columns : 1, sizeof(*m->off));
	m->names = ky_xcalloc(s->n_columns ? s->n_columns : 1, sizeof(*m->names));
	set_skip(m->skip, w);
	ky_buf_init(&m->text);
	if (has_open(s)) {
		m->tx = ky_text_new();
		if (ky_text_load(m->tx, 1, s->path, err) < 0) {
			ky_report_masked_free(m);
			return NULL;
		}
	}
	struct ky_buf tmp = KY_BUF_INIT;
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *col = &s->col[i];
		if (col->type != KY_COL_OPEN)
			continue;
		size_t nv = ky_column_n_values(col);
		m->off[i] = ky_xcalloc(nv ? nv : 1, sizeof(size_t));
		for (size_t v = 0; v < nv; v++) {
			ky_buf_reset(&tmp);
			ky_mask_personal(&tmp, ky_column_value(col, v), &mw);
			m->off[i][v] = m->text.len;
			unsigned k = ky_text_mask_names(m->tx, &m->text, tmp.buf, lang, w->mask_name,
							m->skip);
			m->names[i] += (uint64_t)k * col->slot[0].count[v];
			ky_buf_add(&m->text, "", 1);   /* the NUL ending this one */
		}
	}
	ky_buf_release(&tmp);
	return m;
}

const char *ky_report_masked(const struct ky_masked_answers *m, size_t column, size_t v)
{
	return m->text.buf + m->off[column][v];
}

uint64_t ky_report_masked_names(const struct ky_masked_answers *m, size_t column)
{
	return column < m->n_columns ? m->names[column] : 0;
}

void ky_report_masked_free(struct ky_masked_answers *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n_columns; i++)
		free(m->off[i]);
	free(m->off);
	free(m->names);
	ky_buf_release(&m->text);
	ky_text_free(m->tx);
	free(m);
}

/* ---- terms ------------------------------------------------------------ */

/* The words of one question: per distinct answer the terms it mentions. */
struct qterms {
	struct ky_dict key;          /* term keys -> term ids */
	size_t n_values;
	size_t *vstart;              /* [n_values + 1] into vterm */
	size_t *vterm;               /* term ids, each once per answer */
	size_t n_vterm, cap_vterm;
	size_t *tstart, *tval;       /* term -> answers (CSR) */
	unsigned *n_words;           /* [n_values] words of each answer */
	size_t *vlen;                /* [n_values] bytes of each answer */
	char **display;              /* [n terms] */
};

static const char *answer_text(const struct ky_survey *s, const struct ky_masked_answers *m,
			       size_t column, size_t v)
{
	return m ? ky_report_masked(m, column, v) : ky_column_value(&s->col[column], v);
}

static void qterms_build(struct qterms *q, const struct ky_survey *s, size_t column,
			 const struct ky_masked_answers *m, struct ky_text *tx, enum ky_lang lang,
			 const char *const *skip)
{
	const struct ky_column *col = &s->col[column];
	memset(q, 0, sizeof(*q));
	ky_dict_init(&q->key);
	q->n_values = ky_column_n_values(col);
	q->vstart = ky_xcalloc(q->n_values + 1, sizeof(size_t));
	q->n_words = ky_xcalloc(q->n_values + 1, sizeof(unsigned));
	q->vlen = ky_xcalloc(q->n_values + 1, sizeof(size_t));
	struct ky_dict surf;         /* "term id\tsurface form" */
	ky_dict_init(&surf);
	uint64_t *surf_n = NULL;
	size_t surf_cap = 0, *last = NULL, last_cap = 0;
	struct ky_word *w = NULL;
	size_t wcap = 0;
	struct ky_buf key = KY_BUF_INIT, sk = KY_BUF_INIT;
	for (size_t v = 0; v < q->n_values; v++) {
		const char *text = answer_text(s, m, column, v);
		uint64_t weight = col->slot[0].count[v];
		q->vstart[v] = q->n_vterm;
		size_t n = ky_text_words(text, skip, &w, &wcap);
		for (size_t i = 0; i < n; i++)   /* words, not numbers */
			q->n_words[v] += !w[i].digit;
		q->vlen[v] = strlen(text);
		enum ky_lang l = ky_text_guess_lang(text, lang);
		for (size_t i = 0; i < n; i++) {
			if (w[i].digit || ky_text_term(tx, l, text + w[i].off, w[i].len, &key) < 0)
				continue;
			int added;
			size_t id = ky_dict_intern(&q->key, key.buf, key.len, &added);
			if (id >= last_cap) {
				size_t old = last_cap;
				ky_xgrow((void **)&last, &last_cap, id + 1, sizeof(size_t));
				for (size_t k = old; k < last_cap; k++)
					last[k] = (size_t)-1;
			}
			if (key.buf[0] == '~') {   /* a stem: count its surface forms */
				ky_buf_reset(&sk);
				ky_buf_addf(&sk, "%zu\t", id);
				ky_text_lower(&sk, text + w[i].off, w[i].len);
				size_t sid = ky_dict_intern(&surf, sk.buf, sk.len, &added);
				if (sid >= surf_cap) {
					size_t old = surf_cap;
					ky_xgrow((void **)&surf_n, &surf_cap, sid + 1, sizeof(uint64_t));
					memset(surf_n + old, 0, (surf_cap - old) * sizeof(uint64_t));
				}
				surf_n[sid] += weight;
			}
			if (last[id] == v)
				continue;
			last[id] = v;
			if (q->n_vterm == q->cap_vterm)
				ky_xgrow((void **)&q->vterm, &q->cap_vterm, q->n_vterm + 1, sizeof(size_t));
			q->vterm[q->n_vterm++] = id;
		}
	}
	q->vstart[q->n_values] = q->n_vterm;
	size_t nt = q->key.n;
	/* display: the base form, or the most frequent surface form of a stem
	 * (ties: the first in byte order) */
	q->display = ky_xcalloc(nt ? nt : 1, sizeof(char *));
	uint64_t *best = ky_xcalloc(nt ? nt : 1, sizeof(uint64_t));
	for (size_t sid = 0; sid < surf.n; sid++) {
		const char *e = surf.str[sid];
		size_t id = strtoul(e, NULL, 10);
		const char *form = strchr(e, '\t') + 1;
		if (!q->display[id] || surf_n[sid] > best[id] ||
		    (surf_n[sid] == best[id] && strcmp(form, q->display[id]) < 0)) {
			q->display[id] = (char *)form;
			best[id] = surf_n[sid];
		}
	}
	for (size_t id = 0; id < nt; id++)
		q->display[id] = ky_xstrdup(q->display[id] ? q->display[id] : q->key.str[id]);
	free(best);
	/* term -> answers */
	q->tstart = ky_xcalloc(nt + 1, sizeof(size_t));
	q->tval = ky_xcalloc(q->n_vterm ? q->n_vterm : 1, sizeof(size_t));
	for (size_t k = 0; k < q->n_vterm; k++)
		q->tstart[q->vterm[k] + 1]++;
	for (size_t id = 0; id < nt; id++)
		q->tstart[id + 1] += q->tstart[id];
	size_t *fill = ky_xcalloc(nt + 1, sizeof(size_t));
	for (size_t v = 0; v < q->n_values; v++)
		for (size_t k = q->vstart[v]; k < q->vstart[v + 1]; k++) {
			size_t id = q->vterm[k];
			q->tval[q->tstart[id] + fill[id]++] = v;
		}
	free(fill);
	free(last);
	free(surf_n);
	free(w);
	ky_dict_release(&surf);
	ky_buf_release(&key);
	ky_buf_release(&sk);
}

static void qterms_free(struct qterms *q)
{
	for (size_t id = 0; id < q->key.n; id++)
		free(q->display[id]);
	free(q->display);
	ky_dict_release(&q->key);
	free(q->vstart);
	free(q->vterm);
	free(q->tstart);
	free(q->tval);
	free(q->n_words);
	free(q->vlen);
}

struct rank {
	size_t id;
	uint64_t n;
	const char *display;
};

static int by_count(const void *a, const void *b)
{
	const struct rank *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	int c = strcmp(x->display, y->display);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

#define EXAMPLE_MAX 200   /* bytes of an example before it is cut with … */

/* A short answer of the group (answers counted in CNT) that uses term ID:
 * the shortest with at least three words, else the shortest; ties: the
 * first given. */
static char *example(const struct qterms *q, const struct ky_survey *s,
		     const struct ky_masked_answers *m, size_t column, const uint64_t *cnt,
		     size_t id)
{
	size_t best = (size_t)-1, best_len = 0;
	int best_long = 0;
	for (size_t k = q->tstart[id]; k < q->tstart[id + 1]; k++) {
		size_t v = q->tval[k];
		if (!cnt[v])
			continue;
		size_t len = q->vlen[v];
		int lng = q->n_words[v] >= 3;
		if (best == (size_t)-1 || (lng && !best_long) ||
		    (lng == best_long && len < best_len)) {
			best = v;
			best_len = len;
			best_long = lng;
		}
	}
	if (best == (size_t)-1)
		return ky_xstrdup("");
	const char *t = answer_text(s, m, column, best);
	struct ky_buf out = KY_BUF_INIT;
	size_t n = strlen(t);
	if (n <= EXAMPLE_MAX) {
		ky_buf_add(&out, t, n);
	} else {   /* cut at a space, never inside a character */
		size_t cut = EXAMPLE_MAX;
		while (cut > EXAMPLE_MAX / 2 && t[cut] != ' ')
			cut--;
		while (cut > 0 && ((unsigned char)t[cut] & 0xC0) == 0x80)
			cut--;
		ky_buf_add(&out, t, cut);
		ky_buf_adds(&out, " …");
	}
	for (char *p = out.buf; *p; p++)   /* one line */
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return ky_buf_detach(&out, NULL);
}

/* The terms of one group, whose answers are counted in CNT; examples are
 * taken from the answers counted in QUOTABLE (CNT, or for everybody those
 * the report lists). */
static void group_terms(struct ky_term_group *gt, const struct qterms *q,
			const struct ky_survey *s, const struct ky_masked_answers *m,
			size_t column, const uint64_t *cnt, const uint64_t *quotable, uint64_t *tc)
{
	uint64_t total = 0;
	for (size_t v = 0; v < q->n_values; v++)
		total += cnt[v];
	gt->n_answers = total;
	if (gt->hidden || !total)
		return;
	size_t nt = q->key.n;
	memset(tc, 0, (nt ? nt : 1) * sizeof(uint64_t));
	for (size_t v = 0; v < q->n_values; v++)
		if (cnt[v])
			for (size_t k = q->vstart[v]; k < q->vstart[v + 1]; k++)
				tc[q->vterm[k]] += cnt[v];
	uint64_t thr = ky_terms_threshold(s->min_n, total);
	struct rank *r = ky_xcalloc(nt ? nt : 1, sizeof(*r));
	size_t n = 0;
	for (size_t id = 0; id < nt; id++)
		if (tc[id] >= thr)
			r[n++] = (struct rank){ id, tc[id], q->display[id] };
	qsort(r, n, sizeof(*r), by_count);
	gt->n_terms = n;
	gt->term = ky_xcalloc(n ? n : 1, sizeof(*gt->term));
	for (size_t i = 0; i < n; i++) {
		struct ky_term *t = &gt->term[i];
		t->term = ky_xstrdup(r[i].display);
		t->n_answers = r[i].n;
		t->pct_answers = 100.0 * (double)r[i].n / (double)total;
		t->example = example(q, s, m, column, quotable, r[i].id);
	}
	free(r);
}

uint64_t ky_terms_threshold(unsigned min_n, uint64_t n_answers)
{
	uint64_t thr = 2;
	if (min_n && n_answers < 4 * (uint64_t)min_n && min_n > thr)
		thr = min_n;
	return thr;
}

struct ky_terms *ky_report_terms(const struct ky_survey *s, enum ky_lang lang,
				 struct ky_masked_answers *m, struct ky_error *err)
{
	const struct ky_words *w = ky_words(lang);
	struct ky_terms *T = ky_xcalloc(1, sizeof(*T));
	size_t n_open = 0;
	for (size_t i = 0; i < s->n_columns; i++)
		n_open += s->col[i].type == KY_COL_OPEN;
	T->q = ky_xcalloc(n_open ? n_open : 1, sizeof(*T->q));
	T->voikko = 1;
	if (!has_open(s)) {
		for (size_t i = 0; i < s->n_columns; i++)
			if (s->col[i].type == KY_COL_OPEN)
				T->q[T->n_questions++].column = i;
		return T;
	}
	struct ky_text *own = NULL, *tx = m ? m->tx : NULL;
	if (!tx) {
		tx = own = ky_text_new();
		if (ky_text_load(tx, 0, s->path, err) < 0) {
			ky_text_free(own);
			ky_terms_free(T);
			return NULL;
		}
	}
	T->voikko = ky_text_has_voikko(tx);
	const char *skip[5];
	set_skip(skip, w);
	struct ky_slotref *slots;
	size_t n_slots = ky_report_slots(s, &slots);
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *col = &s->col[i];
		if (col->type != KY_COL_OPEN)
			continue;
		struct ky_term_question *tq = &T->q[T->n_questions++];
		tq->column = i;
		struct qterms q;
		qterms_build(&q, s, i, m, tx, lang, skip);
		size_t nv = q.n_values;
		uint64_t *cnt = ky_xcalloc(nv + 1, sizeof(uint64_t));
		uint64_t *pool = ky_xcalloc(nv + 1, sizeof(uint64_t));
		uint64_t *tc = ky_xcalloc(q.key.n + 1, sizeof(uint64_t));
		tq->group = ky_xcalloc(n_slots + s->n_groupings, sizeof(*tq->group));
		/* everybody's examples only from the answers the report lists:
		 * not those of the first grouping's hidden groups and respondents
		 * without a group when they are too few to be listed pooled */
		uint64_t *quotable = ky_xcalloc(nv + 1, sizeof(uint64_t)), unlisted = 0;
		for (size_t v = 0; v < nv; v++)
			quotable[v] = col->slot[0].count[v];
		for (size_t r = 1; r < n_slots && slots[r].g == 0; r++) {
			size_t sl = slots[r].slot;
			if (ky_survey_suppressed(col, sl))
				continue;
			for (size_t v = 0; v < nv; v++)
				pool[v] += sl < col->slot_cap && v < col->slot[sl].cap
					   ? col->slot[sl].count[v] : 0;
		}
		for (size_t v = 0; s->n_groupings && v < nv; v++)
			unlisted += quotable[v] - pool[v];
		if (s->n_groupings && unlisted && s->min_n && unlisted < s->min_n)
			for (size_t v = 0; v < nv; v++)
				quotable[v] = pool[v];   /* the shown groups' answers */
		for (size_t r = 0; r < n_slots; r++) {
			size_t sl = slots[r].slot, g = slots[r].g;
			if (r == 0 || slots[r - 1].g != g)   /* a grouping starts: the pool is everybody */
				for (size_t v = 0; v < nv; v++)
					pool[v] = col->slot[0].count[v];
			struct ky_term_group *gt = &tq->group[tq->n_groups++];
			gt->grouping = slots[r].grouping;
			gt->group = slots[r].group;
			gt->g = g;
			gt->slot = sl;
			gt->hidden = ky_survey_suppressed(col, sl);
			for (size_t v = 0; v < nv; v++)
				cnt[v] = sl < col->slot_cap && v < col->slot[sl].cap ? col->slot[sl].count[v]
										 : 0;
			if (r > 0 && !gt->hidden)
				for (size_t v = 0; v < nv; v++)
					pool[v] -= cnt[v];
			group_terms(gt, &q, s, m, i, cnt, r == 0 ? quotable : cnt, tc);
			/* the grouping's last group: its hidden groups and those
			 * without a group, pooled */
			if (r > 0 && (r + 1 == n_slots || slots[r + 1].g != g)) {
				uint64_t left = 0;
				for (size_t v = 0; v < nv; v++)
					left += pool[v];
				if (!left)
					continue;
				struct ky_term_group *pg = &tq->group[tq->n_groups++];
				pg->grouping = slots[r].grouping;
				pg->group = w->others;
				pg->g = g;
				pg->slot = (size_t)-1;
				pg->hidden = s->min_n && left < s->min_n;
				group_terms(pg, &q, s, m, i, pool, pool, tc);
			}
		}
		free(cnt);
		free(pool);
		free(tc);
		free(quotable);
		qterms_free(&q);
	}
	free(slots);
	ky_text_free(own);
	return T;
}

void ky_terms_free(struct ky_terms *T)
{
	if (!T)
		return;
	for (size_t i = 0; i < T->n_questions; i++) {
		struct ky_term_question *q = &T->q[i];
		for (size_t g = 0; g < q->n_groups; g++) {
			for (size_t k = 0; k < q->group[g].n_terms; k++) {
				free((char *)q->group[g].term[k].term);
				free((char *)q->group[g].term[k].example);
			}
			free(q->group[g].term);
		}
		free(q->group);
	}
	free(T->q);
	free(T);
}

size_t ky_terms_quotes(const struct ky_term_group *gt, const char *quotes[3])
{
	size_t n = 0;
	for (size_t k = 0; !gt->hidden && k < gt->n_terms && n < 3; k++) {
		const char *e = gt->term[k].example;
		int dup = !*e;
		for (size_t j = 0; j < n && !dup; j++)
			dup = !strcmp(quotes[j], e);
		if (!dup)
			quotes[n++] = e;
	}
	return n;
}

const struct ky_term_question *ky_terms_for(const struct ky_terms *T, size_t column)
{
	for (size_t i = 0; T && i < T->n_questions; i++)
		if (T->q[i].column == column)
			return &T->q[i];
	return NULL;
}

void ky_report_keywords_csv(const struct ky_survey *s, const struct ky_terms *T,
			    struct ky_buf *out)
{
	ky_buf_adds(out, "item_id,item_text,grouping,group,term,n_answers,pct_answers,example\r\n");
	for (size_t i = 0; T && i < T->n_questions; i++) {
		const struct ky_term_question *q = &T->q[i];
		const struct ky_column *c = &s->col[q->column];
		for (size_t g = 0; g < q->n_groups; g++) {
			const struct ky_term_group *gt = &q->group[g];
			for (size_t k = 0; k < gt->n_terms; k++) {
				const struct ky_term *t = &gt->term[k];
				ky_csv_text(out, c->id);
				ky_buf_addch(out, ',');
				ky_csv_text(out, c->header);
				ky_buf_addch(out, ',');
				ky_csv_text(out, gt->grouping);
				ky_buf_addch(out, ',');
				ky_csv_text(out, gt->group);
				ky_buf_addch(out, ',');
				ky_csv_text(out, t->term);
				ky_csv_count(out, t->n_answers);
				ky_csv_num(out, t->pct_answers);
				ky_buf_addch(out, ',');
				ky_csv_text(out, t->example);
				ky_buf_adds(out, "\r\n");
			}
		}
	}
}
