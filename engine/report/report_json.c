/* report_json.c - summary.json: the input, every column and what kysely made
 * of it, scales, blocks, groupings, and per item and group the frequencies
 * and statistics.  Undefined numbers are null.
 *
 * Written straight into the buffer by a small writer that produces exactly
 * what jansson's json_dumps(JSON_INDENT(2) | JSON_REAL_PRECISION(15)) made of
 * the tree this file used to build (tests/test_summary_json.c parses the
 * output with jansson and dumps it again to check): insertion order, two
 * spaces a level, ": " after keys, "[]"/"{}" when empty, strings escaped as
 * jansson does (\" \\ \b \f \n \r \t, other controls \u00XX, the rest as
 * is), reals "%.15g" with ".0" added to integral values and the exponent
 * without '+' or leading zeros, integers "%lld".
 *
 * JSON text must be UTF-8: a string that is not (e.g. the path of an export
 * whose file name is Latin-1) is written with each byte that is not part of
 * a strict UTF-8 sequence replaced by U+FFFD.  (jansson refused such strings
 * and the old code dropped whatever held them, e.g. the whole "input"
 * object.)  A NULL string still behaves as in the old code: every
 * json_pack() there is a pack here (jw_begin .. jw_end), and a NULL given as
 * a member ("s") removes the whole pack, as a NULL from json_pack did; set
 * on its own (json_object_set_new of json_string(NULL)) it leaves out just
 * that member. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ky_report.h"
#include "ky_stats.h"

#define KY_VERSION "0.1.0"

#define JW_DEPTH 16
#define JW_PACKS 16

struct jw {
	struct ky_buf *out;
	int depth;                  /* of the container being written */
	size_t n[JW_DEPTH];         /* members written so far, by depth */
	struct {
		size_t len, n;      /* where the pack began: buffer length, members */
		int depth, bad;
	} pk[JW_PACKS];
	int n_pk;
	struct ky_describe_cache *describe;   /* the run's statistics, or NULL */
};

/* Indentation: a fixed 2 * JW_DEPTH spaces are stored and the buffer moves
 * on by 2 * DEPTH of them (depth < JW_DEPTH), so no memset per line. */
static const char jw_spaces[2 * JW_DEPTH + 1] = "                                ";

static char *jw_indent(char *p, int depth)
{
	*p++ = '\n';
	memcpy(p, jw_spaces, 2 * JW_DEPTH);
	return p + 2 * depth;
}

static void jw_newline(struct jw *w, int depth)
{
	struct ky_buf *b = w->out;
	if (b->len + 2 + 2 * JW_DEPTH > b->cap)
		ky_buf_grow(b, 1 + 2 * JW_DEPTH);
	char *p = jw_indent(b->buf + b->len, depth);
	*p = '\0';
	b->len = (size_t)(p - b->buf);
}

/* The separator before a member and its key (KEY NULL: an array element). */
static void jw_key(struct jw *w, const char *key)
{
	struct ky_buf *b = w->out;
	size_t n = key ? strlen(key) : 0;   /* keys are plain ASCII literals */
	size_t need = 2 + 2 * JW_DEPTH + n + 4;   /* ",\n", spaces, "KEY": */
	if (b->len + need + 1 > b->cap)
		ky_buf_grow(b, need);
	char *p = b->buf + b->len;
	if (w->n[w->depth]++)
		*p++ = ',';
	p = jw_indent(p, w->depth);
	if (key) {
		*p++ = '"';
		memcpy(p, key, n);
		p += n;
		memcpy(p, "\": ", 3);
		p += 3;
	}
	*p = '\0';
	b->len = (size_t)(p - b->buf);
}

static void jw_open(struct jw *w, const char *key, char c)
{
	jw_key(w, key);
	ky_buf_addch(w->out, c);
	w->depth++;
	w->n[w->depth] = 0;
}

static void jw_close(struct jw *w, char c)
{
	if (w->n[w->depth])
		jw_newline(w, w->depth - 1);
	w->depth--;
	ky_buf_addch(w->out, c);
}

/* A pack: what one json_pack() of the old code made. */
static void jw_begin(struct jw *w)
{
	if (w->n_pk < JW_PACKS)
		w->pk[w->n_pk].len = w->out->len, w->pk[w->n_pk].n = w->n[w->depth],
		w->pk[w->n_pk].depth = w->depth, w->pk[w->n_pk].bad = 0;
	w->n_pk++;
}

static void jw_end(struct jw *w)
{
	w->n_pk--;
	if (w->n_pk < JW_PACKS && w->pk[w->n_pk].bad) {
		w->out->len = w->pk[w->n_pk].len;
		w->out->buf[w->out->len] = '\0';
		w->depth = w->pk[w->n_pk].depth;
		w->n[w->depth] = w->pk[w->n_pk].n;
	}
}

static void jw_fail(struct jw *w)
{
	if (w->n_pk > 0 && w->n_pk <= JW_PACKS)
		w->pk[w->n_pk - 1].bad = 1;
}

static void jw_raw(struct jw *w, const char *key, const char *text)
{
	jw_key(w, key);
	ky_buf_adds(w->out, text);
}

static void jw_null(struct jw *w, const char *key)
{
	jw_raw(w, key, "null");
}

static void jw_bool(struct jw *w, const char *key, int b)
{
	jw_raw(w, key, b ? "true" : "false");
}

/* json_integer: "%lld" */
static void jw_int(struct jw *w, const char *key, long long v)
{
	jw_key(w, key);
	if (v < 0) {
		ky_buf_addch(w->out, '-');
		ky_buf_add_u64(w->out, -(uint64_t)v);
	} else {
		ky_buf_add_u64(w->out, (uint64_t)v);
	}
}

/* jint() of the old code */
static void jw_u(struct jw *w, const char *key, uint64_t v)
{
	jw_int(w, key, (long long)v);
}

/* jnum() of the old code: json_real, or null when not finite */
static void jw_num(struct jw *w, const char *key, double x)
{
	if (!isfinite(x)) {
		jw_null(w, key);
		return;
	}
	char t[40];
	size_t n = ky_fmt_json_real(t, x == 0 ? 0 : x);
	jw_key(w, key);
	ky_buf_add(w->out, t, n);
}

/* S[0..N) as a JSON string; bytes that are not UTF-8 become U+FFFD. */
static void jw_string(struct jw *w, const char *s, size_t n)
{
	if (ky_buf_add_json_utf8(w->out, s, n))
		return;
	struct ky_buf fixed = KY_BUF_INIT;
	ky_utf8_repair(&fixed, s, n);
	ky_buf_add_json_string(w->out, fixed.buf, fixed.len);
	ky_buf_release(&fixed);
}

/* A string member of a pack ("s"): NULL fails the pack. */
static void jw_s(struct jw *w, const char *key, const char *s)
{
	if (!s) {
		jw_fail(w);
		return;
	}
	jw_key(w, key);
	jw_string(w, s, strlen(s));
}

/* jstr() as a member of a pack: NULL is null. */
static void jw_js(struct jw *w, const char *key, const char *s)
{
	if (s)
		jw_s(w, key, s);
	else
		jw_null(w, key);
}

/* json_string() set on its own: NULL leaves the member out. */
static void jw_set_s(struct jw *w, const char *key, const char *s)
{
	if (!s)
		return;
	jw_key(w, key);
	jw_string(w, s, strlen(s));
}

/* jstr() set on its own: NULL is null. */
static void jw_set_js(struct jw *w, const char *key, const char *s)
{
	if (s)
		jw_set_s(w, key, s);
	else
		jw_null(w, key);
}

static void scale_json(struct jw *w, const struct ky_column *c)
{
	jw_begin(w);
	jw_open(w, "scale", '{');
	jw_s(w, "id", c->scale.id);
	jw_s(w, "family", c->scale.family);
	jw_s(w, "polarity", c->scale.polarity == KY_BIPOLAR ? "bipolar" : "unipolar");
	jw_bool(w, "ordinal", c->scale.ordinal);
	jw_open(w, "levels", '[');
	for (size_t k = 0; k < c->scale.n_levels; k++) {
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_num(w, "code", c->scale.value[k]);
		jw_s(w, "label", c->scale.label[k]);
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
	jw_open(w, "nonsubstantive", '[');
	for (size_t k = 0; k < c->n_nonsub; k++)
		jw_set_s(w, NULL, c->nonsub_label[k]);
	jw_close(w, ']');
	jw_close(w, '}');
	jw_end(w);
}

static void stats_json(struct jw *w, const struct ky_survey *s, const struct ky_column *c,
		       const struct ky_slotref *r)
{
	jw_begin(w);
	jw_open(w, NULL, '{');
	jw_s(w, "grouping", r->grouping);
	jw_s(w, "group", r->group);
	if (ky_survey_suppressed(c, r->slot)) {
		struct ky_buf note = KY_BUF_INIT;
		ky_report_suppressed_note(s, &note);
		jw_bool(w, "suppressed", 1);
		jw_s(w, "note", note.buf);
		ky_buf_release(&note);
		jw_close(w, '}');
		jw_end(w);
		return;
	}
	const struct ky_tally *t = &c->tally[r->slot];
	struct ky_describe d;
	ky_report_describe(w->describe, s, (size_t)(c - s->col), r->slot, &d);
	if (!c->scale.has_top2)
		d.top2_pct = d.top2_ci_low = d.top2_ci_high = NAN;
	enum ky_undef u = d.undef ? d.undef : d.undef_sd;
	jw_u(w, "n_valid", d.n_valid);
	jw_u(w, "n_nonsubstantive", d.n_nonsubstantive);
	jw_u(w, "n_missing", d.n_missing);
	jw_num(w, "mean", d.mean);
	jw_num(w, "sd", d.sd);
	jw_num(w, "median", d.median);
	jw_num(w, "q1", d.q1);
	jw_num(w, "q3", d.q3);
	jw_num(w, "mean_ci_low", d.mean_ci_low);
	jw_num(w, "mean_ci_high", d.mean_ci_high);
	jw_num(w, "top2_pct", d.top2_pct);
	jw_num(w, "top2_ci_low", d.top2_ci_low);
	jw_num(w, "top2_ci_high", d.top2_ci_high);
	if (t->wsum) {
		jw_num(w, "weighted_n", d.weighted_n);
		jw_num(w, "n_eff", d.n_eff);
		jw_num(w, "mean_se", d.mean_se);
	}
	if (u)
		jw_set_s(w, "note", ky_undef_reason(u));
	else
		jw_null(w, "note");
	jw_open(w, "frequencies", '[');
	for (size_t k = 0; k < c->scale.n_levels; k++) {
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_num(w, "code", c->scale.value[k]);
		jw_s(w, "label", c->scale.label[k]);
		jw_u(w, "count", t->count[k]);
		jw_num(w, "percent_valid", ky_tally_pct(t, k));
		if (t->wsum)
			jw_num(w, "weighted_count", t->wsum[k]);
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
	jw_open(w, "nonsubstantive", '[');
	for (size_t k = 0; k < c->n_nonsub; k++) {
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_s(w, "label", c->nonsub_label[k]);
		jw_u(w, "count", c->nonsub_count[r->slot][k]);
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
	jw_close(w, '}');
	jw_end(w);
}

/* Open answers with the groups (first grouping) that gave them; groups
 * hidden for anonymity are not named.  MASKED: the texts with personal data
 * and names replaced (NULL: as given). */
static void open_answers_json(struct jw *w, const struct ky_survey *s, const struct ky_column *c,
			      const struct ky_masked_answers *masked)
{
	jw_open(w, "answers", '[');
	size_t nv = ky_column_n_values(c);
	for (size_t v = 0; v < nv; v++) {
		const char *tx = masked ? ky_report_masked(masked, (size_t)(c - s->col), v)
					: ky_column_value(c, v);
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_s(w, "text", tx);
		jw_u(w, "count", c->slot[0].count[v]);
		jw_open(w, "groups", '[');
		for (size_t g = 0; g < s->n_groupings && g < 1; g++) {
			const struct ky_grouping *gr = &s->grouping[g];
			for (size_t i = 0; i < gr->n_groups; i++) {
				size_t sl = ky_survey_slot(s, g, gr->order[i]);
				if (sl >= c->slot_cap || ky_survey_suppressed(c, sl))
					continue;
				const struct ky_vslot *vs = &c->slot[sl];
				if (v < vs->cap && vs->count[v]) {
					jw_begin(w);
					jw_open(w, NULL, '{');
					jw_s(w, "group", ky_survey_group_name(s, g, gr->order[i]));
					jw_u(w, "count", vs->count[v]);
					jw_close(w, '}');
					jw_end(w);
				}
			}
		}
		jw_close(w, ']');
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
}

/* The terms of an open question per group (ky_report_terms). */
static void terms_json(struct jw *w, const struct ky_term_question *q)
{
	jw_open(w, "terms", '[');
	for (size_t g = 0; q && g < q->n_groups; g++) {
		const struct ky_term_group *gt = &q->group[g];
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_s(w, "grouping", gt->grouping);
		jw_s(w, "group", gt->group);
		if (gt->hidden) {
			jw_null(w, "answers");
			jw_bool(w, "suppressed", 1);
		} else {
			jw_u(w, "answers", gt->n_answers);
		}
		jw_open(w, "terms", '[');
		for (size_t k = 0; k < gt->n_terms; k++) {
			jw_begin(w);
			jw_open(w, NULL, '{');
			jw_s(w, "term", gt->term[k].term);
			jw_u(w, "n_answers", gt->term[k].n_answers);
			jw_num(w, "pct_answers", gt->term[k].pct_answers);
			jw_s(w, "example", gt->term[k].example);
			jw_close(w, '}');
			jw_end(w);
		}
		jw_close(w, ']');
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
}

/* The code legend read from a column's header (only when there is one). */
static void legend_json(struct jw *w, const struct ky_column *c)
{
	const struct ky_legend *lg = c->legend;
	if (!lg)
		return;
	jw_open(w, "legend", '{');
	jw_s(w, "text", lg->text);
	jw_s(w, "header", lg->header);
	jw_bool(w, "applied", c->legend_applied);
	jw_bool(w, "ends_only", lg->ends_only);
	jw_int(w, "lo", lg->lo);
	jw_int(w, "hi", lg->hi);
	jw_open(w, "codes", '[');
	for (size_t k = 0; k < lg->n; k++) {
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_int(w, "code", lg->e[k].code);
		jw_s(w, "label", lg->e[k].label);
		jw_bool(w, "nonsubstantive", lg->e[k].nonsub);
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
	jw_close(w, '}');
}

static void columns_json(struct jw *w, const struct ky_survey *s)
{
	jw_open(w, "columns", '[');
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_int(w, "position", (long long)(i + 1));
		jw_s(w, "id", c->id);
		jw_s(w, "header", c->header);
		jw_js(w, "stem", c->stem);
		jw_js(w, "statement", c->statement);
		jw_s(w, "type", ky_coltype_name(c->type));
		jw_js(w, "note", c->note);
		if (c->block == KY_NO_BLOCK)
			jw_null(w, "block");
		else
			jw_set_s(w, "block", s->block[c->block].id);
		legend_json(w, c);
		if (c->other_of != KY_NO_BLOCK)
			jw_s(w, "other_answers_of", ky_survey_question_id(s, c->other_of));
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
}

static void groupings_json(struct jw *w, const struct ky_survey *s)
{
	jw_open(w, "groupings", '[');
	for (size_t g = 0; g < s->n_groupings; g++) {
		const struct ky_grouping *gr = &s->grouping[g];
		unsigned char *hide = ky_xcalloc(gr->n_groups + 1, 1);
		ky_grouping_hidden(s, g, hide);
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_s(w, "column", gr->name);
		jw_s(w, "id", s->col[gr->column].id);
		jw_open(w, "groups", '[');
		for (size_t i = 0; i < gr->n_groups; i++) {
			jw_begin(w);
			jw_open(w, NULL, '{');
			jw_s(w, "group", ky_survey_group_name(s, g, gr->order[i]));
			if (hide[i])
				jw_null(w, "respondents");
			else
				jw_u(w, "respondents", gr->n_respondents[gr->order[i]]);
			if (hide[i])
				jw_bool(w, "suppressed", 1);
			jw_close(w, '}');
			jw_end(w);
		}
		jw_close(w, ']');
		if (hide[gr->n_groups])
			jw_null(w, "respondents_without_group");
		else
			jw_u(w, "respondents_without_group", gr->n_empty);
		jw_close(w, '}');
		jw_end(w);
		free(hide);
	}
	jw_close(w, ']');
}

/* Several audiences: who they are, what they were asked, how each
 * statement was matched (only with several audiences). */
static void audiences_json(struct jw *w, const struct ky_survey *s)
{
	const struct ky_audience *A = s->audience;
	if (!A)
		return;
	jw_begin(w);
	jw_open(w, "audiences", '{');
	jw_s(w, "shape", A->blocks ? "parallel_blocks" : "exports");
	jw_s(w, "grouping", A->column != KY_NO_BLOCK ? s->col[A->column].header : A->route);
	jw_js(w, "route", A->route);
	if (A->blocks) {
		jw_u(w, "respondents_in_no_block", A->n_none);
		jw_u(w, "respondents_in_several_blocks", A->n_multi);
	}
	jw_open(w, "audiences", '[');
	for (size_t a = 0; a < A->n; a++) {
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_s(w, "name", A->name[a]);
		jw_s(w, A->blocks ? "columns" : "export", A->source[a]);
		jw_js(w, "question", A->question[a]);
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
	jw_open(w, "items", '[');
	for (size_t i = 0; i < A->n_items; i++) {
		const struct ky_audience_item *it = &A->item[i];
		const struct ky_column *c = &s->col[it->column];
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_s(w, "id", c->id);
		jw_s(w, "text", c->header);
		jw_s(w, "matched_by", it->how);
		jw_open(w, "positions", '[');
		for (size_t a = 0; a < A->n; a++) {
			if (it->src[a] == KY_NO_BLOCK)
				jw_null(w, NULL);
			else
				jw_int(w, NULL, (long long)it->src[a] + 1);
		}
		jw_close(w, ']');
		int differ = 0;
		for (size_t k = 0; k < A->n_differ; k++)
			differ |= A->differ[k] == it->column;
		if (differ)
			jw_s(w, "not_compared", "the audiences' answers do not fit one scale: "
			     "shown per audience, not tested between them");
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
	jw_close(w, '}');
	jw_end(w);
}

static void blocks_json(struct jw *w, const struct ky_survey *s,
			const struct ky_chart_file *charts, size_t n_charts)
{
	jw_open(w, "blocks", '[');
	for (size_t b = 0; b < s->n_blocks; b++) {
		const struct ky_block *bl = &s->block[b];
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_s(w, "id", bl->id);
		jw_js(w, "title", bl->title);
		jw_s(w, "scale", s->col[bl->items[0]].scale.id);
		jw_open(w, "items", '[');
		for (size_t i = 0; i < bl->n_items; i++)
			jw_set_s(w, NULL, s->col[bl->items[i]].id);
		jw_close(w, ']');
		jw_js(w, "chart", ky_report_chart_for(charts, n_charts, KY_ABOUT_BLOCK, b));
		jw_js(w, "means_chart", ky_report_chart_for(charts, n_charts, KY_ABOUT_MEANS, b));
		if (bl->repeats != KY_NO_BLOCK)   /* only when it does: older outputs unchanged */
			jw_s(w, "repeats", s->block[bl->repeats].id);
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
}

static void comparisons_json(struct jw *w, const struct ky_survey *s,
			     const struct ky_report_opts *o)
{
	struct ky_comparison *own = NULL;
	const struct ky_comparison *cmp = o->cmp;
	size_t n = o->has_cmp ? o->n_cmp : ky_report_comparisons(s, &own);
	if (!o->has_cmp)
		cmp = own;
	jw_open(w, "comparisons", '[');
	for (size_t i = 0; i < n; i++) {
		const struct ky_comparison *c = &cmp[i];
		int pair = c->a != (size_t)-1;
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_s(w, "item_id", ky_comparison_id(s, c));
		jw_s(w, "grouping", s->grouping[c->g].name);
		jw_s(w, "test", ky_test_name(c->t.kind));
		if (pair) {
			jw_s(w, "group_a", c->group_a);
			jw_s(w, "group_b", c->group_b);
		} else {
			jw_null(w, "group_a");
			jw_null(w, "group_b");
		}
		if (c->suppressed)
			jw_null(w, "n_a");
		else
			jw_u(w, "n_a", c->t.n_a);
		if (pair && !c->suppressed)
			jw_u(w, "n_b", c->t.n_b);
		else
			jw_null(w, "n_b");
		jw_num(w, "statistic", c->t.statistic);
		jw_num(w, "df", c->t.df);
		jw_num(w, "p", c->t.p);
		jw_num(w, "p_holm", c->p_holm);
		jw_num(w, "p_bh", c->p_bh);
		jw_num(w, "effect", c->t.effect);
		jw_set_s(w, "effect_name", ky_test_effect_name(c->t.kind));
		jw_set_js(w, "note", c->t.note);
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
	free(own);
}

static void scales_json(struct jw *w, const struct ky_survey *s, const struct ky_slotref *slots,
			size_t n_slots)
{
	jw_open(w, "scales", '[');
	for (size_t b = 0; b < s->n_blocks; b++) {
		const struct ky_block *bl = &s->block[b];
		const struct ky_block_scale *r = bl->scale;
		if (!r)
			continue;
		int hide = r->suppressed && r->suppressed[0];
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_s(w, "block", bl->id);
		jw_int(w, "n_items", (long long)bl->n_items);
		if (hide) {
			jw_null(w, "n_complete");
			jw_null(w, "alpha");
			jw_null(w, "alpha_std");
		} else {
			jw_u(w, "n_complete", r->n_complete);
			jw_num(w, "alpha", r->alpha);
			jw_num(w, "alpha_std", r->alpha_std);
		}
		jw_open(w, "items", '[');
		for (size_t k = 0; k < bl->n_items; k++) {
			const struct ky_column *c = &s->col[bl->items[k]];
			jw_begin(w);
			jw_open(w, NULL, '{');
			jw_s(w, "id", c->id);
			jw_bool(w, "reversed", c->reversed);
			if (hide) {
				jw_null(w, "r_item_total");
				jw_null(w, "alpha_if_deleted");
			} else {
				jw_num(w, "r_item_total", r->r_drop[k]);
				jw_num(w, "alpha_if_deleted", r->alpha_if_deleted[k]);
			}
			jw_close(w, '}');
			jw_end(w);
		}
		jw_close(w, ']');
		jw_open(w, "scores", '[');
		for (size_t k = 0; r->tally && k < n_slots; k++) {
			size_t sl = slots[k].slot;
			int h = r->suppressed[sl];
			const struct ky_tally *t = &r->tally[sl];
			jw_begin(w);
			jw_open(w, NULL, '{');
			jw_s(w, "grouping", slots[k].grouping);
			jw_s(w, "group", slots[k].group);
			if (h) {
				jw_null(w, "n");
				jw_null(w, "mean");
				jw_null(w, "sd");
			} else {
				jw_u(w, "n", ky_tally_n(t));
				jw_num(w, "mean", ky_stats_mean(t, r->score));
				jw_num(w, "sd", ky_stats_sd(t, r->score));
			}
			jw_close(w, '}');
			jw_end(w);
		}
		jw_close(w, ']');
		jw_js(w, "note", r->note);
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
}

static void choices_json(struct jw *w, const struct ky_survey *s, const struct ky_slotref *slots,
			 size_t n_slots)
{
	jw_open(w, "choices", '[');
	for (size_t i = 0; i < s->n_choices; i++) {
		const struct ky_choice *q = &s->choice[i];
		size_t *order = ky_choice_order(q);
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_s(w, "id", q->id);
		jw_s(w, "text", q->title);
		jw_s(w, "kind", q->kind == KY_CHOICE_MULTI ? "multiselect" : "ranking");
		jw_int(w, "positions", (long long)q->n_positions);
		size_t other = ky_survey_other_answers(s, q->first_col, q->n_cols);
		if (other != KY_NO_BLOCK)
			jw_s(w, "other_answers", s->col[other].id);
		jw_open(w, "results", '[');
		for (size_t k = 0; k < n_slots; k++) {
			size_t sl = slots[k].slot;
			int h = q->suppressed[sl];
			jw_begin(w);
			jw_open(w, NULL, '{');
			jw_s(w, "grouping", slots[k].grouping);
			jw_s(w, "group", slots[k].group);
			if (h)
				jw_null(w, "n_respondents");
			else
				jw_u(w, "n_respondents", q->n_respondents[sl]);
			jw_open(w, "options", '[');
			for (size_t j = 0; j < q->n_options; j++) {
				size_t o = order[j];
				jw_begin(w);
				jw_open(w, NULL, '{');
				jw_s(w, "option", q->option[o]);
				if (h)
					jw_null(w, "count");
				else
					jw_u(w, "count", q->count[sl][o]);
				if (q->kind == KY_CHOICE_RANKING) {
					if (h)
						jw_null(w, "borda");
					else
						jw_u(w, "borda", ky_choice_borda(q, sl, o));
				}
				jw_close(w, '}');
				jw_end(w);
			}
			jw_close(w, ']');
			jw_close(w, '}');
			jw_end(w);
		}
		jw_close(w, ']');
		jw_js(w, "note", q->note);
		jw_close(w, '}');
		jw_end(w);
		free(order);
	}
	jw_close(w, ']');
}

/* Every chart file of the run: what it shows and of which question. */
static void charts_json(struct jw *w, const struct ky_survey *s,
			const struct ky_chart_file *charts, size_t n_charts)
{
	static const char *const about[] = { "distribution", "means", "choice", "nps", "terms" };
	jw_open(w, "charts", '[');
	for (size_t k = 0; k < n_charts; k++) {
		const struct ky_chart_file *f = &charts[k];
		const char *of = f->about == KY_ABOUT_CHOICE ? s->choice[f->index].id
			       : f->about == KY_ABOUT_NPS || f->about == KY_ABOUT_TERMS
				 ? s->col[f->index].id
			       : s->block[f->index].id;
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_s(w, "file", f->stem);
		jw_s(w, "shows", about[f->about]);
		jw_s(w, "of", of);
		if (f->n_pages) {   /* the same in parts that each fit a printed page */
			jw_open(w, "pages", '[');
			for (size_t j = 0; j < f->n_pages; j++)
				jw_set_s(w, NULL, f->pages[j]);
			jw_close(w, ']');
		}
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
}

/* How the respondents were weighted: only in weighted runs. */
static void weighting_json(struct jw *w, const struct ky_survey *s)
{
	const struct ky_weighting *wt = s->weighting;
	double n = (double)s->n_respondents;
	jw_begin(w);
	jw_open(w, "weighting", '{');
	jw_set_js(w, "weight_column", wt->column_name);
	if (wt->n_margins) {
		jw_begin(w);
		jw_open(w, "raking", '{');
		jw_s(w, "margins", wt->margins_path);
		jw_open(w, "variables", '[');
		for (size_t m = 0; m < wt->n_margins; m++)
			jw_s(w, NULL, wt->margin[m].name);
		jw_close(w, ']');
		jw_int(w, "iterations", (long long)wt->iterations);
		jw_num(w, "max_relative_margin_difference", wt->max_rel_diff);
		jw_close(w, '}');
		jw_end(w);
	} else {
		jw_null(w, "raking");
	}
	jw_num(w, "sum_of_weights", wt->sum_w);
	jw_num(w, "min_weight", wt->min_w);
	jw_num(w, "max_weight", wt->max_w);
	jw_u(w, "respondents_with_positive_weight", wt->n_pos);
	/* Kish: deff = n sum w^2 / (sum w)^2, effective n = (sum w)^2 / sum w^2 */
	jw_num(w, "kish_design_effect", n * wt->sum_w2 / (wt->sum_w * wt->sum_w));
	jw_num(w, "effective_n", wt->sum_w * wt->sum_w / wt->sum_w2);
	jw_s(w, "standard_errors", "linearisation for svydesign(ids = ~1, weights = ~w): the "
	     "weights taken as given (raking not accounted for: no calibration residuals)");
	jw_close(w, '}');
	jw_end(w);
}

static void input_json(struct jw *w, const struct ky_survey *s)
{
	char delim[2] = { s->delimiter, 0 };
	jw_begin(w);   /* the members after the pack go with it: set on a NULL object */
	jw_open(w, "input", '{');
	jw_s(w, "path", s->path);
	if (s->n_paths > 1) {        /* one export per audience */
		jw_open(w, "paths", '[');
		for (size_t k = 0; k < s->n_paths; k++)
			jw_s(w, NULL, s->paths[k]);
		jw_close(w, ']');
	}
	jw_s(w, "encoding", s->encoding);
	jw_s(w, "delimiter", s->delimiter == '\t' ? "tab" : delim);
	jw_bool(w, "bom", s->bom);
	jw_u(w, "respondents", s->n_respondents);
	jw_int(w, "columns", (long long)s->n_columns);
	jw_set_s(w, "format", s->format);
	jw_set_js(w, "sheet", s->sheet);
	jw_int(w, "header_rows", (long long)s->header_rows);
	jw_set_js(w, "definition", s->def_path);
	jw_set_js(w, "title", s->title);
	jw_set_js(w, "round", s->round);
	if (s->summary) {
		jw_begin(w);
		jw_open(w, "summary_table", '{');
		jw_s(w, "layout", s->summary);
		jw_open(w, "needs_respondent_rows", '[');
		jw_s(w, NULL, "reliability");
		jw_s(w, NULL, "scale scores");
		jw_s(w, NULL, "multi-select questions");
		jw_s(w, NULL, "ranking questions");
		jw_close(w, ']');
		jw_close(w, '}');
		jw_end(w);
	} else {
		jw_null(w, "summary_table");
	}
	jw_open(w, "dropped", '[');
	for (size_t k = 0; k < s->n_dropped; k++) {
		const struct ky_column *c = &s->col[s->dropped[k]];
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_int(w, "position", (long long)(s->dropped[k] + 1));
		jw_s(w, "header", c->header);
		jw_s(w, "why", c->dropped);
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
	jw_close(w, '}');
	jw_end(w);
}

static void item_json(struct jw *w, const struct ky_survey *s, const struct ky_column *c,
		      const struct ky_slotref *slots, size_t n_slots)
{
	jw_begin(w);   /* the members after the pack go with it: set on a NULL object */
	jw_open(w, NULL, '{');
	jw_s(w, "id", c->id);
	jw_s(w, "text", c->header);
	jw_js(w, "stem", c->stem);
	jw_js(w, "statement", c->statement);
	jw_s(w, "type", ky_coltype_name(c->type));
	if (c->block == KY_NO_BLOCK)
		jw_null(w, "block");
	else
		jw_set_s(w, "block", s->block[c->block].id);
	size_t other = ky_survey_other_answers(s, c->index, 1);
	if (other != KY_NO_BLOCK)
		jw_s(w, "other_answers", s->col[other].id);
	scale_json(w, c);
	jw_open(w, "statistics", '[');
	for (size_t r = 0; r < n_slots; r++)
		stats_json(w, s, c, &slots[r]);
	jw_close(w, ']');
	if (c->nps) {
		jw_open(w, "nps", '[');
		for (size_t r = 0; r < n_slots; r++) {
			uint64_t grp[3];
			struct ky_nps x;
			int h = ky_survey_suppressed(c, slots[r].slot);
			ky_report_nps(c, slots[r].slot, grp, &x);
			jw_begin(w);
			jw_open(w, NULL, '{');
			jw_s(w, "grouping", slots[r].grouping);
			jw_s(w, "group", slots[r].group);
			if (h) {
				jw_null(w, "n");
				jw_null(w, "nps");
				jw_null(w, "ci_low");
				jw_null(w, "ci_high");
			} else {
				jw_u(w, "n", x.n);
				jw_num(w, "nps", x.score);
				jw_num(w, "ci_low", x.ci_low);
				jw_num(w, "ci_high", x.ci_high);
			}
			jw_close(w, '}');
			jw_end(w);
		}
		jw_close(w, ']');
	}
	jw_close(w, '}');
	jw_end(w);
}

static void findings_json(struct jw *w, const struct ky_survey *s,
			  const struct ky_report_opts *o)
{
	struct ky_findings *own = NULL;
	const struct ky_findings *f = o->findings;
	struct ky_comparison *own_cmp = NULL;
	if (!f) {
		const struct ky_comparison *cmp = o->cmp;
		size_t n = o->has_cmp ? o->n_cmp
			   : s->n_groupings ? ky_report_comparisons(s, &own_cmp) : 0;
		if (!o->has_cmp)
			cmp = own_cmp;
		f = own = ky_report_findings(s, cmp, n, w->describe, o->lang);
	}
	jw_open(w, "findings", '[');
	for (size_t i = 0; i < f->n; i++) {
		const struct ky_finding *x = &f->f[i];
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_s(w, "kind", x->kind);
		if (x->item_id)
			jw_set_s(w, "item_id", x->item_id);
		else
			jw_null(w, "item_id");
		jw_set_s(w, "text", x->text);
		for (size_t k = 0; k < x->n_fields; k++)
			if (x->field[k].s)
				jw_set_s(w, x->field[k].key, x->field[k].s);
			else if (x->field[k].integer)
				jw_u(w, x->field[k].key, (uint64_t)x->field[k].x);
			else
				jw_num(w, x->field[k].key, x->field[k].x);
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
	ky_findings_free(own);
	free(own_cmp);
}

int ky_report_summary_json(const struct ky_survey *s, const struct ky_chart_file *charts,
			   size_t n_charts, const struct ky_report_opts *o, struct ky_buf *out,
			   struct ky_error *err)
{
	const struct ky_words *wd = ky_words(o->lang);
	/* masked here when O has none: an error rather than names unmasked */
	const struct ky_masked_answers *masked = o->masked;
	struct ky_masked_answers *own_masked = NULL;
	for (size_t i = 0; o->mask && !masked && i < s->n_columns; i++)
		if (s->col[i].type == KY_COL_OPEN) {
			masked = own_masked = ky_report_mask_answers(s, o->lang, err);
			if (!masked)
				return -1;
			break;
		}
	struct ky_slotref *slots;
	size_t n_slots = ky_report_slots(s, &slots);
	struct jw jw = { .out = out, .describe = o->describe }, *w = &jw;
	ky_buf_grow(out, 4096);
	ky_buf_addch(out, '{');
	w->depth = 1;
	jw_begin(w);
	jw_open(w, "kysely", '{');
	jw_s(w, "version", KY_VERSION);
	jw_close(w, '}');
	jw_end(w);
	jw_begin(w);
	jw_open(w, "anonymity", '{');
	jw_int(w, "min_n", (long long)s->min_n);
	jw_close(w, '}');
	jw_end(w);
	input_json(w, s);
	if (s->population && s->population >= s->n_respondents) {
		jw_begin(w);
		jw_open(w, "response_rate", '{');
		jw_u(w, "population", s->population);
		jw_u(w, "respondents", s->n_respondents);
		jw_num(w, "percent", 100.0 * (double)s->n_respondents / (double)s->population);
		jw_close(w, '}');
		jw_end(w);
	} else {
		jw_null(w, "response_rate");
	}
	findings_json(w, s, o);
	if (s->weighting)
		weighting_json(w, s);
	groupings_json(w, s);
	audiences_json(w, s);
	columns_json(w, s);
	blocks_json(w, s, charts, n_charts);
	charts_json(w, s, charts, n_charts);
	jw_begin(w);
	jw_open(w, "report", '{');
	jw_s(w, "lang", wd->code);
	jw_bool(w, "open_answers_masked", o->mask);
	jw_close(w, '}');
	jw_end(w);
	jw_open(w, "items", '[');
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		if (c->type != KY_COL_OPEN && ky_column_is_item(c))
			item_json(w, s, c, slots, n_slots);
	}
	jw_close(w, ']');
	comparisons_json(w, s, o);
	scales_json(w, s, slots, n_slots);
	choices_json(w, s, slots, n_slots);
	jw_open(w, "open_answers", '[');
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		if (c->type != KY_COL_OPEN)
			continue;
		jw_begin(w);
		jw_open(w, NULL, '{');
		jw_s(w, "id", c->id);
		jw_s(w, "text", c->header);
		if (c->other_of != KY_NO_BLOCK)
			jw_s(w, "other_answers_of", ky_survey_question_id(s, c->other_of));
		open_answers_json(w, s, c, o->mask ? masked : NULL);
		jw_u(w, "answers_not_listed", c->n_overflow);
		if (o->mask)
			jw_u(w, "names_masked", ky_report_masked_names(masked, i));
		else
			jw_null(w, "names_masked");
		if (o->terms)
			terms_json(w, ky_terms_for(o->terms, i));
		jw_close(w, '}');
		jw_end(w);
	}
	jw_close(w, ']');
	jw_open(w, "warnings", '[');
	for (size_t i = 0; i < s->n_warnings; i++)
		jw_set_s(w, NULL, s->warning[i]);
	jw_close(w, ']');
	jw_close(w, '}');
	ky_buf_addch(out, '\n');
	free(slots);
	ky_report_masked_free(own_masked);
	return 0;
}
