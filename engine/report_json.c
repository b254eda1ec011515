/* report_json.c - summary.json: the input, every column and what kysely made
 * of it, scales, blocks, groupings, and per item and group the frequencies
 * and statistics.  Written with jansson; undefined numbers are null. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ky_mask.h"
#include "ky_report.h"
#include "ky_stats.h"

#define KY_VERSION "0.1.0"

static json_t *jnum(double x)
{
	return isfinite(x) ? json_real(x == 0 ? 0 : x) : json_null();
}

static json_t *jint(uint64_t x)
{
	return json_integer((json_int_t)x);
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *scale_json(const struct ky_column *c)
{
	json_t *levels = json_array();
	for (size_t k = 0; k < c->scale.n_levels; k++)
		json_array_append_new(levels, json_pack("{s:o,s:s}", "code",
							jnum(c->scale.value[k]), "label",
							c->scale.label[k]));
	json_t *ns = json_array();
	for (size_t k = 0; k < c->n_nonsub; k++)
		json_array_append_new(ns, json_string(c->nonsub_label[k]));
	return json_pack("{s:s,s:s,s:s,s:b,s:o,s:o}", "id", c->scale.id, "family",
			 c->scale.family, "polarity",
			 c->scale.polarity == KY_BIPOLAR ? "bipolar" : "unipolar", "ordinal",
			 c->scale.ordinal, "levels", levels, "nonsubstantive", ns);
}

static json_t *stats_json(const struct ky_survey *s, const struct ky_column *c,
			  const struct ky_slotref *r)
{
	if (ky_survey_suppressed(c, r->slot)) {
		struct ky_buf note = KY_BUF_INIT;
		ky_report_suppressed_note(s, &note);
		json_t *o = json_pack("{s:s,s:s,s:b,s:s}", "grouping", r->grouping, "group",
				      r->group, "suppressed", 1, "note", note.buf);
		ky_buf_release(&note);
		return o;
	}
	const struct ky_tally *t = &c->tally[r->slot];
	struct ky_describe d;
	ky_stats_describe(t, c->scale.value, c->scale.ordinal, &d);
	if (!c->scale.has_top2)
		d.top2_pct = d.top2_ci_low = d.top2_ci_high = NAN;
	json_t *freq = json_array();
	for (size_t k = 0; k < c->scale.n_levels; k++)
		json_array_append_new(freq, json_pack("{s:o,s:s,s:o,s:o}", "code",
						      jnum(c->scale.value[k]), "label",
						      c->scale.label[k], "count", jint(t->count[k]),
						      "percent_valid",
						      jnum(d.n_valid ? 100.0 * (double)t->count[k] /
									(double)d.n_valid : NAN)));
	json_t *ns = json_array();
	for (size_t k = 0; k < c->n_nonsub; k++)
		json_array_append_new(ns, json_pack("{s:s,s:o}", "label", c->nonsub_label[k],
						    "count", jint(c->nonsub_count[r->slot][k])));
	enum ky_undef u = d.undef ? d.undef : d.undef_sd;
	json_t *o = json_pack("{s:s,s:s,s:o,s:o,s:o}", "grouping", r->grouping, "group", r->group,
			      "n_valid", jint(d.n_valid), "n_nonsubstantive",
			      jint(d.n_nonsubstantive), "n_missing", jint(d.n_missing));
	json_object_set_new(o, "mean", jnum(d.mean));
	json_object_set_new(o, "sd", jnum(d.sd));
	json_object_set_new(o, "median", jnum(d.median));
	json_object_set_new(o, "q1", jnum(d.q1));
	json_object_set_new(o, "q3", jnum(d.q3));
	json_object_set_new(o, "mean_ci_low", jnum(d.mean_ci_low));
	json_object_set_new(o, "mean_ci_high", jnum(d.mean_ci_high));
	json_object_set_new(o, "top2_pct", jnum(d.top2_pct));
	json_object_set_new(o, "top2_ci_low", jnum(d.top2_ci_low));
	json_object_set_new(o, "top2_ci_high", jnum(d.top2_ci_high));
	json_object_set_new(o, "note", u ? json_string(ky_undef_reason(u)) : json_null());
	json_object_set_new(o, "frequencies", freq);
	json_object_set_new(o, "nonsubstantive", ns);
	return o;
}

/* Open answers with the groups (first grouping) that gave them; groups
 * hidden for anonymity are not named.  MASK: personal data replaced. */
static json_t *open_answers_json(const struct ky_survey *s, const struct ky_column *c,
				 const struct ky_mask_words *mask)
{
	json_t *arr = json_array();
	size_t nv = ky_column_n_values(c);
	struct ky_buf text = KY_BUF_INIT;
	for (size_t v = 0; v < nv; v++) {
		json_t *groups = json_array();
		for (size_t g = 0; g < s->n_groupings && g < 1; g++) {
			const struct ky_grouping *gr = &s->grouping[g];
			for (size_t i = 0; i < gr->n_groups; i++) {
				size_t sl = ky_survey_slot(s, g, gr->order[i]);
				if (sl >= c->slot_cap || ky_survey_suppressed(c, sl))
					continue;
				const struct ky_vslot *vs = &c->slot[sl];
				if (v < vs->cap && vs->count[v])
					json_array_append_new(groups, json_pack(
						"{s:s,s:o}", "group", ky_survey_group_name(s, g, gr->order[i]),
						"count", jint(vs->count[v])));
			}
		}
		ky_buf_reset(&text);
		if (mask)
			ky_mask_personal(&text, ky_column_value(c, v), mask);
		else
			ky_buf_adds(&text, ky_column_value(c, v));
		json_array_append_new(arr, json_pack("{s:s,s:o,s:o}", "text", text.buf,
						     "count", jint(c->slot[0].count[v]), "groups",
						     groups));
	}
	ky_buf_release(&text);
	return arr;
}

static json_t *columns_json(const struct ky_survey *s)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		json_t *o = json_pack("{s:I,s:s,s:s,s:o,s:o,s:s,s:o}", "position", (json_int_t)(i + 1),
				      "id", c->id, "header", c->header, "stem", jstr(c->stem),
				      "statement", jstr(c->statement), "type",
				      ky_coltype_name(c->type), "note", jstr(c->note));
		json_object_set_new(o, "block", c->block == KY_NO_BLOCK ? json_null()
					: json_string(s->block[c->block].id));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *groupings_json(const struct ky_survey *s)
{
	json_t *arr = json_array();
	for (size_t g = 0; g < s->n_groupings; g++) {
		const struct ky_grouping *gr = &s->grouping[g];
		json_t *groups = json_array();
		unsigned char *hide = ky_xcalloc(gr->n_groups + 1, 1);
		ky_grouping_hidden(s, g, hide);
		for (size_t i = 0; i < gr->n_groups; i++) {
			json_t *o = json_pack("{s:s,s:o}", "group",
					      ky_survey_group_name(s, g, gr->order[i]), "respondents",
					      hide[i] ? json_null() : jint(gr->n_respondents[gr->order[i]]));
			if (hide[i])
				json_object_set_new(o, "suppressed", json_true());
			json_array_append_new(groups, o);
		}
		json_array_append_new(arr, json_pack("{s:s,s:s,s:o,s:o}", "column", gr->name, "id",
						     s->col[gr->column].id, "groups", groups,
						     "respondents_without_group",
						     hide[gr->n_groups] ? json_null() : jint(gr->n_empty)));
		free(hide);
	}
	return arr;
}

static json_t *blocks_json(const struct ky_survey *s, const struct ky_chart_file *charts,
			   size_t n_charts)
{
	json_t *arr = json_array();
	for (size_t b = 0; b < s->n_blocks; b++) {
		const struct ky_block *bl = &s->block[b];
		json_t *items = json_array();
		for (size_t i = 0; i < bl->n_items; i++)
			json_array_append_new(items, json_string(s->col[bl->items[i]].id));
		json_t *chart = jstr(ky_report_chart_for(charts, n_charts, KY_ABOUT_BLOCK, b));
		json_array_append_new(arr, json_pack("{s:s,s:o,s:s,s:o,s:o,s:o}", "id", bl->id,
						     "title", jstr(bl->title), "scale",
						     s->col[bl->items[0]].scale.id, "items", items,
						     "chart", chart, "means_chart",
						     jstr(ky_report_chart_for(charts, n_charts,
									      KY_ABOUT_MEANS, b))));
	}
	return arr;
}

static json_t *comparisons_json(const struct ky_survey *s)
{
	struct ky_comparison *cmp;
	size_t n = ky_report_comparisons(s, &cmp);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct ky_comparison *c = &cmp[i];
		int pair = c->a != (size_t)-1;
		json_t *o = json_pack("{s:s,s:s,s:s,s:o,s:o,s:o,s:o}", "item_id", ky_comparison_id(s, c),
				      "grouping", s->grouping[c->g].name, "test",
				      ky_test_name(c->t.kind), "group_a",
				      pair ? json_string(c->group_a) : json_null(), "group_b",
				      pair ? json_string(c->group_b) : json_null(), "n_a",
				      c->suppressed ? json_null() : jint(c->t.n_a), "n_b",
				      pair && !c->suppressed ? jint(c->t.n_b) : json_null());
		json_object_set_new(o, "statistic", jnum(c->t.statistic));
		json_object_set_new(o, "df", jnum(c->t.df));
		json_object_set_new(o, "p", jnum(c->t.p));
		json_object_set_new(o, "p_holm", jnum(c->p_holm));
		json_object_set_new(o, "p_bh", jnum(c->p_bh));
		json_object_set_new(o, "effect", jnum(c->t.effect));
		json_object_set_new(o, "effect_name", json_string(ky_test_effect_name(c->t.kind)));
		json_object_set_new(o, "note", jstr(c->t.note));
		json_array_append_new(arr, o);
	}
	free(cmp);
	return arr;
}

static json_t *scales_json(const struct ky_survey *s, const struct ky_slotref *slots,
			   size_t n_slots)
{
	json_t *arr = json_array();
	for (size_t b = 0; b < s->n_blocks; b++) {
		const struct ky_block *bl = &s->block[b];
		const struct ky_block_scale *r = bl->scale;
		if (!r)
			continue;
		int hide = r->suppressed && r->suppressed[0];
		json_t *items = json_array();
		for (size_t k = 0; k < bl->n_items; k++) {
			const struct ky_column *c = &s->col[bl->items[k]];
			json_array_append_new(items, json_pack("{s:s,s:b,s:o,s:o}", "id", c->id,
							       "reversed", c->reversed,
							       "r_item_total",
							       hide ? json_null() : jnum(r->r_drop[k]),
							       "alpha_if_deleted",
							       hide ? json_null()
							       : jnum(r->alpha_if_deleted[k])));
		}
		json_t *scores = json_array();
		for (size_t k = 0; r->tally && k < n_slots; k++) {
			size_t sl = slots[k].slot;
			int h = r->suppressed[sl];
			const struct ky_tally *t = &r->tally[sl];
			json_array_append_new(scores, json_pack("{s:s,s:s,s:o,s:o,s:o}", "grouping",
								slots[k].grouping, "group",
								slots[k].group, "n",
								h ? json_null() : jint(ky_tally_n(t)),
								"mean", h ? json_null()
								: jnum(ky_stats_mean(t, r->score)),
								"sd", h ? json_null()
								: jnum(ky_stats_sd(t, r->score))));
		}
		json_t *o = json_pack("{s:s,s:I,s:o,s:o,s:o,s:o,s:o,s:o}", "block", bl->id, "n_items",
				      (json_int_t)bl->n_items, "n_complete",
				      hide ? json_null() : jint(r->n_complete), "alpha",
				      hide ? json_null() : jnum(r->alpha), "alpha_std",
				      hide ? json_null() : jnum(r->alpha_std), "items", items,
				      "scores", scores, "note", jstr(r->note));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *choices_json(const struct ky_survey *s, const struct ky_slotref *slots,
			    size_t n_slots)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < s->n_choices; i++) {
		const struct ky_choice *q = &s->choice[i];
		size_t *order = ky_choice_order(q);
		json_t *groups = json_array();
		for (size_t k = 0; k < n_slots; k++) {
			size_t sl = slots[k].slot;
			int h = q->suppressed[sl];
			json_t *counts = json_array();
			for (size_t j = 0; j < q->n_options; j++) {
				size_t o = order[j];
				json_t *x = json_pack("{s:s,s:o}", "option", q->option[o], "count",
						      h ? json_null() : jint(q->count[sl][o]));
				if (q->kind == KY_CHOICE_RANKING)
					json_object_set_new(x, "borda", h ? json_null()
							    : jint(ky_choice_borda(q, sl, o)));
				json_array_append_new(counts, x);
			}
			json_array_append_new(groups, json_pack("{s:s,s:s,s:o,s:o}", "grouping",
								slots[k].grouping, "group",
								slots[k].group, "n_respondents",
								h ? json_null()
								: jint(q->n_respondents[sl]),
								"options", counts));
		}
		free(order);
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:I,s:o,s:o}", "id", q->id, "text",
						     q->title, "kind",
						     q->kind == KY_CHOICE_MULTI ? "multiselect"
						     : "ranking", "positions",
						     (json_int_t)q->n_positions, "results", groups,
						     "note", jstr(q->note)));
	}
	return arr;
}

/* Every chart file of the run: what it shows and of which question. */
static json_t *charts_json(const struct ky_survey *s, const struct ky_chart_file *charts,
			   size_t n_charts)
{
	static const char *const about[] = { "distribution", "means", "choice", "nps" };
	json_t *arr = json_array();
	for (size_t k = 0; k < n_charts; k++) {
		const struct ky_chart_file *f = &charts[k];
		const char *of = f->about == KY_ABOUT_CHOICE ? s->choice[f->index].id
			       : f->about == KY_ABOUT_NPS ? s->col[f->index].id
			       : s->block[f->index].id;
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s}", "file", f->stem, "shows",
						     about[f->about], "of", of));
	}
	return arr;
}

int ky_report_summary_json(const struct ky_survey *s, const struct ky_chart_file *charts,
			   size_t n_charts, const struct ky_report_opts *o, struct ky_buf *out,
			   struct ky_error *err)
{
	const struct ky_words *w = ky_words(o->lang);
	const struct ky_mask_words mask = { w->mask_email, w->mask_phone, w->mask_hetu };
	struct ky_slotref *slots;
	size_t n_slots = ky_report_slots(s, &slots);
	char delim[2] = { s->delimiter, 0 };
	json_t *root = json_object();
	json_object_set_new(root, "kysely", json_pack("{s:s}", "version", KY_VERSION));
	json_object_set_new(root, "anonymity", json_pack("{s:I}", "min_n", (json_int_t)s->min_n));
	json_object_set_new(root, "input", json_pack("{s:s,s:s,s:s,s:b,s:o,s:I}", "path", s->path,
						     "encoding", s->encoding, "delimiter",
						     s->delimiter == '\t' ? "tab" : delim, "bom",
						     s->bom, "respondents", jint(s->n_respondents),
						     "columns", (json_int_t)s->n_columns));
	json_t *input = json_object_get(root, "input");
	json_object_set_new(input, "format", json_string(s->format));
	json_object_set_new(input, "sheet", jstr(s->sheet));
	json_object_set_new(input, "header_rows", json_integer((json_int_t)s->header_rows));
	json_object_set_new(input, "definition", jstr(s->def_path));
	json_object_set_new(input, "title", jstr(s->title));
	json_object_set_new(input, "round", jstr(s->round));
	json_object_set_new(input, "summary_table", s->summary
			    ? json_pack("{s:s,s:[s,s,s,s]}", "layout", s->summary,
					"needs_respondent_rows", "reliability", "scale scores",
					"multi-select questions", "ranking questions")
			    : json_null());
	json_t *dropped = json_array();
	for (size_t k = 0; k < s->n_dropped; k++) {
		const struct ky_column *c = &s->col[s->dropped[k]];
		json_array_append_new(dropped, json_pack("{s:I,s:s,s:s}", "position",
							 (json_int_t)(s->dropped[k] + 1), "header",
							 c->header, "why", c->dropped));
	}
	json_object_set_new(input, "dropped", dropped);
	json_object_set_new(root, "response_rate",
			    s->population && s->population >= s->n_respondents
			    ? json_pack("{s:o,s:o,s:o}", "population", jint(s->population),
					"respondents", jint(s->n_respondents), "percent",
					jnum(100.0 * (double)s->n_respondents /
					     (double)s->population))
			    : json_null());
	json_object_set_new(root, "groupings", groupings_json(s));
	json_object_set_new(root, "columns", columns_json(s));
	json_object_set_new(root, "blocks", blocks_json(s, charts, n_charts));
	json_object_set_new(root, "charts", charts_json(s, charts, n_charts));
	json_object_set_new(root, "report", json_pack("{s:s,s:b}", "lang", w->code,
						      "open_answers_masked", o->mask));
	json_t *items = json_array(), *open = json_array();
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		if (c->type == KY_COL_OPEN) {
			json_array_append_new(open, json_pack("{s:s,s:s,s:o,s:o}", "id", c->id, "text",
							      c->header, "answers",
							      open_answers_json(s, c, o->mask ? &mask
										       : NULL),
							      "answers_not_listed",
							      jint(c->n_overflow)));
			continue;
		}
		if (!ky_column_is_item(c))
			continue;
		json_t *st = json_array();
		for (size_t r = 0; r < n_slots; r++)
			json_array_append_new(st, stats_json(s, c, &slots[r]));
		json_t *it = json_pack("{s:s,s:s,s:o,s:o,s:s}", "id", c->id, "text", c->header,
				       "stem", jstr(c->stem), "statement", jstr(c->statement),
				       "type", ky_coltype_name(c->type));
		json_object_set_new(it, "block", c->block == KY_NO_BLOCK ? json_null()
					: json_string(s->block[c->block].id));
		json_object_set_new(it, "scale", scale_json(c));
		json_object_set_new(it, "statistics", st);
		if (c->nps) {
			json_t *np = json_array();
			for (size_t r = 0; r < n_slots; r++) {
				uint64_t grp[3];
				struct ky_nps x;
				int h = ky_survey_suppressed(c, slots[r].slot);
				ky_report_nps(c, slots[r].slot, grp, &x);
				json_array_append_new(np, json_pack("{s:s,s:s,s:o,s:o,s:o,s:o}",
								    "grouping", slots[r].grouping,
								    "group", slots[r].group, "n",
								    h ? json_null() : jint(x.n), "nps",
								    h ? json_null() : jnum(x.score),
								    "ci_low", h ? json_null()
								    : jnum(x.ci_low), "ci_high",
								    h ? json_null() : jnum(x.ci_high)));
			}
			json_object_set_new(it, "nps", np);
		}
		json_array_append_new(items, it);
	}
	json_object_set_new(root, "items", items);
	json_object_set_new(root, "comparisons", comparisons_json(s));
	json_object_set_new(root, "scales", scales_json(s, slots, n_slots));
	json_object_set_new(root, "choices", choices_json(s, slots, n_slots));
	json_object_set_new(root, "open_answers", open);
	json_t *warn = json_array();
	for (size_t i = 0; i < s->n_warnings; i++)
		json_array_append_new(warn, json_string(s->warning[i]));
	json_object_set_new(root, "warnings", warn);
	free(slots);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	json_decref(root);
	if (!text)
		return ky_error_set(err, KY_ERR_INTERNAL, NULL, 0, 0,
				    "cannot serialise summary.json (invalid UTF-8 in a text?)");
	ky_buf_adds(out, text);
	ky_buf_addch(out, '\n');
	free(text);
	return 0;
}
