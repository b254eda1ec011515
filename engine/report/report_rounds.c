/* report_rounds.c - the outputs of `kysely compare`: charts per block (the
 * change between rounds as a dumbbell of means with 95 % intervals, and the
 * distributions of every round side by side), summary.json and the report. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ky_doc.h"
#include "ky_report_rounds.h"
#include "ky_stats.h"

struct rwords {
	const char *title, *rounds, *respondents, *changes, *unmatched, *rescaled, *only_in,
		*method, *method_text, *no_changes, *round_col, *item, *diff, *top2, *p_holm,
		*effect, *all_items_matched, *change_title;
};

static const struct rwords words_fi = {
	"Kyselykierrosten vertailu", "Kierrokset", "vastaajaa", "Muutokset",
	"Vain yhdellä kierroksella olevat kysymykset", "Kysymykset, joiden asteikko muuttui",
	"vain kierroksella", "Menetelmät",
	"Muutos on aina myöhempi kierros miinus aiempi. Keskiarvojen erotuksen 95 %:n "
	"luottamusväli on Welchin, kahden parhaan vaihtoehdon osuuden erotuksen (prosenttiyksikköä) "
	"Newcomben (Wilsonin rajoista). p on Mann–Whitneyn testistä, korjattu Holmin menetelmällä "
	"lohkon kysymysten yli; efekti on rank-biserial-korrelaatio (positiivinen: myöhempi korkeampi).",
	"Ei vertailtavia kysymyksiä.", "Kierros", "Kysymys", "Muutos (95 % LV)",
	"Top-2 muutos, %-yks. (95 % LV)", "p (Holm)", "Efekti", "Kaikki kysymykset löytyivät joka kierrokselta.",
	"Keskiarvot kierroksittain: %s"
};
static const struct rwords words_sv = {
	"Jämförelse av enkätomgångar", "Omgångar", "svarande", "Förändringar",
	"Frågor som bara finns i en omgång", "Frågor vars skala har ändrats", "bara i omgång",
	"Metoder",
	"Förändringen är alltid senare omgång minus tidigare. Medelvärdesskillnadens 95 % "
	"konfidensintervall är Welchs, skillnaden i andelen för de två högsta alternativen "
	"(procentenheter) Newcombes (från Wilsons gränser). p är från Mann–Whitneys test, justerat "
	"med Holms metod över blockets frågor; effekten är rank-biserial-korrelationen (positiv: "
	"senare högre).",
	"Inga jämförbara frågor.", "Omgång", "Fråga", "Förändring (95 % KI)",
	"Topp-2 förändring, %-enh. (95 % KI)", "p (Holm)", "Effekt", "Alla frågor finns i varje omgång.",
	"Medelvärden per omgång: %s"
};
static const struct rwords words_en = {
	"Survey rounds compared", "Rounds", "respondents", "Changes",
	"Questions in one round only", "Questions whose scale changed", "only in round", "Methods",
	"A change is always the later round minus the earlier. The 95 % interval of the difference "
	"in means is Welch's, of the difference in the top-2 share (percentage points) Newcombe's "
	"hybrid score interval (from Wilson limits). p is from the Mann–Whitney test, adjusted by "
	"Holm over the items of a block; the effect is the rank-biserial correlation (positive: the "
	"later round higher).",
	"No comparable questions.", "Round", "Question", "Change (95 % CI)",
	"Top-2 change, pp (95 % CI)", "p (Holm)", "Effect", "Every question is in every round.",
	"Means by round: %s"
};

static const struct rwords *rwords(enum ky_lang l)
{
	return l == KY_LANG_SV ? &words_sv : l == KY_LANG_EN ? &words_en : &words_fi;
}

static const struct rwords *rwords_of(const struct ky_words *w)
{
	return !strcmp(w->code, "sv") ? &words_sv : !strcmp(w->code, "en") ? &words_en : &words_fi;
}

/* Lines of block B of the latest round that are compared (ordinal, in two
 * or more rounds, same scale), in the block's item order. */
static size_t block_lines(const struct ky_rounds *r, size_t b, size_t *out)
{
	size_t last = r->n_rounds - 1, n = 0;
	const struct ky_survey *s = r->round[last].s;
	for (size_t i = 0; i < s->block[b].n_items; i++)
		for (size_t l = 0; l < r->n_lines; l++) {
			if (r->line[l].col[last] != s->block[b].items[i] || r->line[l].rescaled)
				continue;
			size_t in = 0;
			for (size_t k = 0; k < r->n_rounds; k++)
				in += r->line[l].col[k] != KY_NO_COL;
			if (in >= 2 && s->col[s->block[b].items[i]].scale.ordinal)
				out[n++] = l;
		}
	return n;
}

static const char *label_of(const struct ky_column *c)
{
	return c->statement ? c->statement : c->header;
}

/* "slides" in the comma list FORMATS: the charts also for report.pptx. */
static int slides_wanted(const char *formats)
{
	for (const char *q = formats; *q;) {
		size_t m = strcspn(q, ",");
		if (m == 6 && !strncmp(q, "slides", 6))
			return 1;
		q += m + (q[m] == ',');
	}
	return 0;
}

/* Renders CHART into DIR and records it as F (about ABOUT, block B), with
 * its slide parts when slides are wanted. */
static int render_file(struct ky_plotter *p, const struct ky_chart *chart, const char *dir,
		       const char *formats, struct ky_chart_file *f, enum ky_chart_about about,
		       size_t b, struct ky_error *err)
{
	int rc = ky_plot_render(p, chart, dir, formats, err);
	if (rc == 0) {
		struct ky_buf stem = KY_BUF_INIT;
		ky_plot_sanitize_id(&stem, chart->id);
		f->about = about;
		f->index = b;
		f->stem = ky_buf_detach(&stem, NULL);
		if (slides_wanted(formats))
			rc = ky_report_slide_parts(p, dir, chart, f, err);
	}
	return rc;
}


static int dumbbell(const struct ky_rounds *r, size_t b, struct ky_plotter *p, const char *dir,
		    const char *formats, const struct ky_words *w, struct ky_chart_file *f,
		    int trend, struct ky_error *err)
{
	const struct ky_survey *s = r->round[r->n_rounds - 1].s;
	size_t *lines = ky_xcalloc(s->block[b].n_items + 1, sizeof(size_t));
	size_t n = block_lines(r, b, lines), R = r->n_rounds, n_rows = 0, n_hidden = 0;
	if (!n) {
		free(lines);
		return 0;
	}
	struct ky_chart_row *rows = ky_xcalloc(n * R, sizeof(*rows));
	uint64_t *lo = ky_xcalloc(R, sizeof(uint64_t)), *hi = ky_xcalloc(R, sizeof(uint64_t));
	const struct ky_column *first = ky_rounds_latest(r, lines[0]);
	for (size_t i = 0; i < n; i++) {
		const struct ky_column *label = ky_rounds_latest(r, lines[i]);
		for (size_t k = 0; k < R; k++) {
			const struct ky_column *c = ky_rounds_col(r, lines[i], k);
			struct ky_chart_row *row = &rows[n_rows++];
			row->label = label_of(label);
			row->series = k;
			row->est = row->est_lo = row->est_hi = NAN;
			if (!c)
				continue;
			row->suppressed = ky_survey_suppressed(c, 0);
			n_hidden += (size_t)row->suppressed;
			struct ky_describe d;
			ky_stats_describe(&c->tally[0], c->scale.value, 1, &d);
			if (row->suppressed || !d.n_valid)
				continue;
			row->est = d.mean;
			row->est_lo = d.mean_ci_low;
			row->est_hi = d.mean_ci_high;
			if (!lo[k] || d.n_valid < lo[k])
				lo[k] = d.n_valid;
			if (d.n_valid > hi[k])
				hi[k] = d.n_valid;
		}
	}
	char **series = ky_xcalloc(R, sizeof(char *));
	for (size_t k = 0; k < R; k++) {
		struct ky_buf t = KY_BUF_INIT;
		ky_buf_adds(&t, r->round[k].name);
		if (lo[k] == hi[k])
			ky_buf_addf(&t, " (n = %llu)", (unsigned long long)lo[k]);
		else
			ky_buf_addf(&t, " (n = %llu–%llu)", (unsigned long long)lo[k],
				    (unsigned long long)hi[k]);
		series[k] = ky_buf_detach(&t, NULL);
	}
	size_t L = first->scale.n_levels;
	struct ky_buf note = KY_BUF_INIT, id = KY_BUF_INIT, title = KY_BUF_INIT;
	ky_buf_adds(&note, w->note_means);
	ky_buf_addf(&note, "; %g = %s … %g = %s", first->scale.value[0], first->scale.label[0],
		    first->scale.value[L - 1], first->scale.label[L - 1]);
	if (n_hidden) {
		ky_buf_adds(&note, "; ");
		ky_buf_addf(&note, w->note_suppressed, s->min_n);
	}
	ky_buf_addf(&id, "%s-%s", s->block[b].id, trend ? "trend" : "change");
	ky_buf_addf(&title, rwords_of(w)->change_title,
		    s->block[b].title ? s->block[b].title : first->scale.family);
	double a = first->scale.value[0], z = first->scale.value[L - 1];
	if (trend) {       /* the x axis names the rounds; n is in the note */
		ky_buf_reset(&note);
		ky_buf_adds(&note, w->note_means);
		for (size_t k = 0; k < R; k++)
			ky_buf_addf(&note, "; %s", series[k]);
		ky_buf_addf(&note, "; %g = %s … %g = %s", first->scale.value[0],
			    first->scale.label[0], first->scale.value[L - 1],
			    first->scale.label[L - 1]);
		for (size_t k = 0; k < R; k++) {
			free(series[k]);
			series[k] = ky_xstrdup(r->round[k].name);
		}
	}
	struct ky_chart chart = {
		.kind = trend ? KY_CHART_TREND : KY_CHART_DUMBBELL, .id = id.buf,
		.title = title.buf, .note = note.buf,
		.n_levels = R, .level_label = (const char *const *)series, .n_rows = n_rows,
		.rows = rows, .xlabel = w->x_mean_ci, .suppressed_text = w->suppressed,
		.axis_min = a, .axis_max = z,
		.axis_step = z - a <= 12 ? 1 : pow(10, floor(log10((z - a) / 2))),
	};
	int rc = render_file(p, &chart, dir, formats, f, KY_ABOUT_MEANS, b, err);
	for (size_t k = 0; k < R; k++)
		free(series[k]);
	free(series);
	ky_buf_release(&note);
	ky_buf_release(&id);
	ky_buf_release(&title);
	free(rows);
	free(lo);
	free(hi);
	free(lines);
	return rc == 0 ? 1 : -1;
}

/* The distributions of every round side by side: one bar per item and round. */
static int distributions(const struct ky_rounds *r, size_t b, struct ky_plotter *p,
			 const char *dir, const char *formats, const struct ky_words *w,
			 struct ky_chart_file *f, struct ky_error *err)
{
	const struct ky_survey *s = r->round[r->n_rounds - 1].s;
	size_t *lines = ky_xcalloc(s->block[b].n_items + 1, sizeof(size_t));
	size_t n = block_lines(r, b, lines), R = r->n_rounds, n_rows = 0, n_hidden = 0;
	if (!n) {
		free(lines);
		return 0;
	}
	const struct ky_column *first = ky_rounds_latest(r, lines[0]);
	size_t L = first->scale.n_levels;
	struct ky_chart_row *rows = ky_xcalloc(n * R, sizeof(*rows));
	double *pct = ky_xcalloc(n * R * L, sizeof(double));
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < R; k++) {
			const struct ky_column *c = ky_rounds_col(r, lines[i], k);
			if (!c || !ky_tally_n(&c->tally[0]))
				continue;
			struct ky_chart_row *row = &rows[n_rows];
			row->label = label_of(ky_rounds_latest(r, lines[i]));
			row->group = r->round[k].name;
			double *row_pct = pct + n_rows * L;
			row->pct = row_pct;
			row->suppressed = ky_survey_suppressed(c, 0);
			n_hidden += (size_t)row->suppressed;
			n_rows++;
			if (row->suppressed)
				continue;
			const struct ky_tally *t = &c->tally[0];
			uint64_t nv = ky_tally_n(t);
			for (size_t k2 = 0; k2 < L && k2 < t->n_codes; k2++)
				row_pct[k2] = ky_tally_pct(t, k2);
			row->n_valid = nv;
			row->n_nonsub = t->n_nonsubstantive;
			row->nonsub_pct = 100.0 * (double)t->n_nonsubstantive /
					  (double)(nv + t->n_nonsubstantive);
		}
	struct ky_buf note = KY_BUF_INIT, id = KY_BUF_INIT;
	ky_buf_addf(&note, "%s; ", w->note_n_bar);
	ky_buf_addf(&note, w->note_scale, first->scale.family, L);
	if (n_hidden) {
		ky_buf_adds(&note, "; ");
		ky_buf_addf(&note, w->note_suppressed, s->min_n);
	}
	ky_buf_addf(&id, "%s-rounds", s->block[b].id);
	int bipolar = first->scale.polarity == KY_BIPOLAR;
	struct ky_chart chart = {
		.kind = bipolar ? KY_CHART_DIVERGING : KY_CHART_STACKED100, .id = id.buf,
		.title = s->block[b].title ? s->block[b].title : first->scale.family,
		.note = note.buf, .n_levels = L,
		.level_label = (const char *const *)first->scale.label, .n_rows = n_rows,
		.rows = rows, .xlabel = bipolar ? w->x_diverging : w->x_valid_pct,
		.suppressed_text = w->suppressed,
	};
	int rc = render_file(p, &chart, dir, formats, f, KY_ABOUT_BLOCK, b, err);
	ky_buf_release(&note);
	ky_buf_release(&id);
	free(rows);
	free(pct);
	free(lines);
	return rc == 0 ? 1 : -1;
}

int ky_rounds_charts(const struct ky_rounds *r, struct ky_plotter *p, const char *dir,
		     const char *formats, enum ky_lang lang, struct ky_chart_file **files,
		     size_t *n_files, struct ky_error *err)
{
	const struct ky_survey *s = r->round[r->n_rounds - 1].s;
	const struct ky_words *w = ky_words(lang);
	struct ky_chart_file *f = ky_xcalloc(3 * s->n_blocks + 1, sizeof(*f));
	size_t n = 0;
	int rc = 0;
	for (size_t b = 0; b < s->n_blocks && rc >= 0; b++) {
		rc = dumbbell(r, b, p, dir, formats, w, &f[n], 0, err);
		n += rc > 0;
		if (rc >= 0 && r->n_rounds >= 3) {
			rc = dumbbell(r, b, p, dir, formats, w, &f[n], 1, err);
			n += rc > 0;
		}
		if (rc >= 0) {
			rc = distributions(r, b, p, dir, formats, w, &f[n], err);
			n += rc > 0;
		}
	}
	*files = f;
	*n_files = n;
	return rc < 0 ? -1 : 0;
}

static json_t *jnum(double x)
{
	return isfinite(x) ? json_real(x == 0 ? 0 : x) : json_null();
}

static const char *how_name(enum ky_match_how h)
{
	static const char *const n[] = { "first", "definition", "id", "text", "statement" };
	return n[h];
}

int ky_rounds_summary_json(const struct ky_rounds *r, const struct ky_change *c, size_t n,
			   const struct ky_chart_file *charts, size_t n_charts,
			   const struct ky_findings *findings, struct ky_buf *out)
{
	json_t *root = json_object(), *rounds = json_array(), *items = json_array();
	json_t *unmatched = json_array(), *rescaled = json_array(), *changes = json_array();
	json_object_set_new(root, "kysely", json_string("compare"));
	for (size_t k = 0; k < r->n_rounds; k++) {
		const struct ky_survey *s = r->round[k].s;
		json_array_append_new(rounds, json_pack("{s:s,s:s,s:s,s:I}", "name",
							r->round[k].name, "export", s->path,
							"definition", s->def_path ? s->def_path : "",
							"respondents", (json_int_t)s->n_respondents));
	}
	json_object_set_new(root, "rounds", rounds);
	json_t *fa = json_array();
	for (size_t i = 0; findings && i < findings->n; i++) {
		const struct ky_finding *x = &findings->f[i];
		json_t *o = json_pack("{s:s,s:s,s:s}", "kind", x->kind, "item_id",
				      x->item_id ? x->item_id : "", "text", x->text);
		for (size_t k = 0; o && k < x->n_fields; k++)
			json_object_set_new(o, x->field[k].key,
					    x->field[k].s ? json_string(x->field[k].s)
					    : x->field[k].integer ? json_integer((json_int_t)x->field[k].x)
					    : jnum(x->field[k].x));
		if (o)
			json_array_append_new(fa, o);
	}
	json_object_set_new(root, "findings", fa);
	for (size_t l = 0; l < r->n_lines; l++) {
		const struct ky_item_line *line = &r->line[l];
		const struct ky_column *lc = ky_rounds_latest(r, l);
		json_t *cols = json_array();
		size_t in = 0;
		for (size_t k = 0; k < r->n_rounds; k++) {
			const struct ky_column *cc = ky_rounds_col(r, l, k);
			in += cc != NULL;
			json_array_append_new(cols, cc ? json_pack("{s:s,s:s,s:s,s:s}", "round",
								  r->round[k].name, "id", cc->id,
								  "text", cc->header, "matched_by",
								  how_name(line->how[k]))
						       : json_null());
		}
		json_t *it = json_pack("{s:s,s:s,s:o}", "id", lc->id, "text", lc->header, "rounds",
				       cols);
		if (line->rescaled) {
			json_object_set_new(it, "rescaled", json_string(line->rescaled));
			json_array_append_new(rescaled, json_pack("{s:s,s:s,s:s}", "id", lc->id, "text",
								   lc->header, "why", line->rescaled));
		}
		if (in < r->n_rounds) {
			json_t *where = json_array();
			for (size_t k = 0; k < r->n_rounds; k++)
				if (line->col[k] != KY_NO_COL)
					json_array_append_new(where, json_string(r->round[k].name));
			json_array_append_new(unmatched, json_pack("{s:s,s:s,s:o}", "id", lc->id,
								    "text", lc->header, "in_rounds",
								    where));
		}
		json_array_append_new(items, it);
	}
	json_object_set_new(root, "items", items);
	json_object_set_new(root, "unmatched", unmatched);
	json_object_set_new(root, "rescaled", rescaled);
	for (size_t i = 0; i < n; i++) {
		const struct ky_change *x = &c[i];
		const struct ky_column *lc = ky_rounds_latest(r, x->line);
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s}", "item_id", lc->id, "grouping",
				      x->grouping == (size_t)-1 ? "*" : r->grouping[x->grouping].name,
				      "group", x->group, "round_a", r->round[r->pair[x->pair][0]].name,
				      "round_b", r->round[r->pair[x->pair][1]].name);
		if (x->suppressed) {
			json_object_set_new(o, "suppressed", json_true());
		} else {
			json_object_set_new(o, "n_a", json_integer((json_int_t)x->n_a));
			json_object_set_new(o, "n_b", json_integer((json_int_t)x->n_b));
			const struct { const char *k; double v; } f[] = {
				{ "mean_a", x->mean_a }, { "mean_b", x->mean_b }, { "diff", x->diff },
				{ "diff_ci_low", x->diff_lo }, { "diff_ci_high", x->diff_hi },
				{ "top2_a", x->top2_a }, { "top2_b", x->top2_b },
				{ "top2_diff", x->top2_diff }, { "top2_diff_ci_low", x->top2_lo },
				{ "top2_diff_ci_high", x->top2_hi }, { "u", x->mw.statistic },
				{ "p", x->mw.p }, { "p_holm", x->p_holm }, { "p_bh", x->p_bh },
				{ "effect", x->mw.effect }, { "chi2", x->chi.statistic },
				{ "chi2_df", x->chi.df }, { "chi2_p", x->chi.p },
			};
			for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++)
				json_object_set_new(o, f[k].k, jnum(f[k].v));
		}
		if (x->note)
			json_object_set_new(o, "note", json_string(x->note));
		json_array_append_new(changes, o);
	}
	json_object_set_new(root, "changes", changes);
	json_t *ch = json_array();
	for (size_t i = 0; i < n_charts; i++)
		json_array_append_new(ch, json_string(charts[i].stem));
	json_object_set_new(root, "charts", ch);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(root);
	if (!text)
		return -1;
	ky_buf_adds(out, text);
	ky_buf_addch(out, '\n');
	free(text);
	return 0;
}

/* A number in the report's language: decimal comma in fi and sv. */
static void num(struct ky_buf *b, double x, int decimals, enum ky_lang lang, int sign)
{
	size_t at = b->len;
	if (!isfinite(x)) {
		ky_buf_adds(b, "–");
		return;
	}
	if (fabs(x) < 0.5 * pow(10, -decimals))
		x = 0;
	struct ky_buf t = KY_BUF_INIT;
	ky_buf_addf(&t, sign ? "%+.*f" : "%.*f", decimals, x);
	for (const char *p = t.buf; *p; p++) {
		if (*p == '.' && lang != KY_LANG_EN)
			ky_buf_addch(b, ',');
		else if (*p == '-' && lang != KY_LANG_EN)
			ky_buf_adds(b, "−");     /* typographic minus in fi and sv */
		else
			ky_buf_addch(b, *p);
	}
	ky_buf_release(&t);
	(void)at;
}

static void interval(struct ky_buf *b, double d, double lo, double hi, int dec, enum ky_lang l)
{
	num(b, d, dec, l, 1);
	if (isfinite(lo)) {
		ky_buf_adds(b, " (");
		num(b, lo, dec, l, 0);
		ky_buf_adds(b, " … ");
		num(b, hi, dec, l, 0);
		ky_buf_adds(b, ")");
	}
}

void ky_rounds_document(const struct ky_rounds *r, const struct ky_change *c, size_t n,
			const struct ky_report_opts *o, struct ky_doc *d)
{
	const struct rwords *rw = rwords(o->lang);
	const struct ky_words *w = ky_words(o->lang);
	const struct ky_survey *last = r->round[r->n_rounds - 1].s;
	ky_doc_headingf(d, 1, "%s: %s", rw->title, last->title ? last->title : r->round[r->n_rounds - 1].name);
	ky_doc_heading(d, 2, rw->rounds);
	ky_doc_item_begin(d);
	for (size_t k = 0; k < r->n_rounds; k++) {
		if (k)
			ky_doc_item_begin(d);
		ky_doc_strong(d, r->round[k].name);
		ky_doc_textf(d, ": %llu %s", (unsigned long long)r->round[k].s->n_respondents,
			     rw->respondents);
		ky_doc_item_end(d);
	}
	ky_findings_document(o->findings, o->lang, d);
	ky_doc_heading(d, 2, rw->changes);
	struct ky_buf cell = KY_BUF_INIT;
	int any = 0;
	for (size_t b = 0; b < last->n_blocks; b++) {
		for (size_t i = 0; i < o->n_charts; i++) {
			if (o->charts[i].index != b || !o->chart_ext)
				continue;
			ky_buf_reset(&cell);
			ky_buf_addf(&cell, "charts/%s.%s", o->charts[i].stem, o->chart_ext);
			struct ky_buf path = KY_BUF_INIT;
			ky_buf_addf(&path, "%s/%s.%s", o->chart_dir, o->charts[i].stem, o->chart_ext);
			ky_doc_image(d, last->block[b].title ? last->block[b].title : last->block[b].id,
				     cell.buf, path.buf,
				     !strcmp(o->chart_ext, "png") ? "image/png" : "image/svg+xml");
			ky_buf_release(&path);
		}
	}
	const char *head[] = { rw->item, rw->round_col, "n", w->col_mean, rw->diff, rw->top2,
			       rw->p_holm, rw->effect };
	for (size_t i = 0; i < n; i++) {
		const struct ky_change *x = &c[i];
		if (x->grouping != (size_t)-1 || !ky_rounds_latest(r, x->line)->scale.ordinal)
			continue;     /* the table: all respondents, ordinal items */
		if (!any++)
			ky_doc_table_begin(d, 8, head, "llrrrrrr");
		const struct ky_column *lc = ky_rounds_latest(r, x->line);
		ky_doc_cell(d, label_of(lc));
		ky_buf_reset(&cell);
		ky_buf_addf(&cell, "%s → %s", r->round[r->pair[x->pair][0]].name,
			    r->round[r->pair[x->pair][1]].name);
		ky_doc_cell(d, cell.buf);
		if (x->suppressed) {
			ky_doc_cell(d, w->suppressed);
			ky_doc_row_end(d);
			continue;
		}
		ky_doc_cellf(d, "%llu → %llu", (unsigned long long)x->n_a, (unsigned long long)x->n_b);
		ky_buf_reset(&cell);
		num(&cell, x->mean_a, 2, o->lang, 0);
		ky_buf_adds(&cell, " → ");
		num(&cell, x->mean_b, 2, o->lang, 0);
		ky_doc_cell(d, cell.buf);
		ky_buf_reset(&cell);
		interval(&cell, x->diff, x->diff_lo, x->diff_hi, 2, o->lang);
		ky_doc_cell(d, cell.buf);
		ky_buf_reset(&cell);
		interval(&cell, x->top2_diff, x->top2_lo, x->top2_hi, 1, o->lang);
		ky_doc_cell(d, cell.buf);
		ky_buf_reset(&cell);
		num(&cell, x->p_holm, 3, o->lang, 0);
		ky_doc_cell(d, cell.buf);
		ky_buf_reset(&cell);
		num(&cell, x->mw.effect, 2, o->lang, 1);
		ky_doc_cell(d, cell.buf);
		ky_doc_row_end(d);
	}
	if (any)
		ky_doc_table_end(d);
	else
		ky_doc_para(d, rw->no_changes);
	int n_un = 0, n_re = 0;
	for (size_t l = 0; l < r->n_lines; l++) {
		size_t in = 0;
		for (size_t k = 0; k < r->n_rounds; k++)
			in += r->line[l].col[k] != KY_NO_COL;
		n_un += in < r->n_rounds;
		n_re += r->line[l].rescaled != NULL;
	}
	ky_doc_heading(d, 2, rw->unmatched);
	if (!n_un)
		ky_doc_para(d, rw->all_items_matched);
	for (size_t l = 0; l < r->n_lines; l++) {
		size_t in = 0;
		for (size_t k = 0; k < r->n_rounds; k++)
			in += r->line[l].col[k] != KY_NO_COL;
		if (in == r->n_rounds)
			continue;
		ky_doc_item_begin(d);
		ky_doc_text(d, ky_rounds_latest(r, l)->header);
		ky_doc_textf(d, " (%s", rw->only_in);
		for (size_t k = 0, m = 0; k < r->n_rounds; k++)
			if (r->line[l].col[k] != KY_NO_COL)
				ky_doc_textf(d, "%s %s", m++ ? "," : "", r->round[k].name);
		ky_doc_text(d, ")");
		ky_doc_item_end(d);
	}
	if (n_re) {
		ky_doc_heading(d, 2, rw->rescaled);
		for (size_t l = 0; l < r->n_lines; l++) {
			if (!r->line[l].rescaled)
				continue;
			ky_doc_item_begin(d);
			ky_doc_text(d, ky_rounds_latest(r, l)->header);
			ky_doc_textf(d, ": %s", r->line[l].rescaled);
			ky_doc_item_end(d);
		}
	}
	ky_doc_heading(d, 2, rw->method);
	ky_doc_para(d, rw->method_text);
	ky_buf_release(&cell);
	ky_doc_end(d);
}

const char *ky_rounds_title(enum ky_lang lang)
{
	return rwords(lang)->title;
}

void ky_rounds_deck(const struct ky_rounds *r, const struct ky_report_opts *o, const char *title,
		    struct ky_buf *out)
{
	const struct rwords *rw = rwords(o->lang);
	const struct ky_survey *last = r->round[r->n_rounds - 1].s;
	struct ky_buf sub = KY_BUF_INIT, rel = KY_BUF_INIT;
	for (size_t k = 0; k < r->n_rounds; k++)
		ky_buf_addf(&sub, "%s%s: %llu %s", k ? " · " : "", r->round[k].name,
			    (unsigned long long)r->round[k].s->n_respondents, rw->respondents);
	ky_report_deck_header(out, title, sub.buf, o->lang);
	struct ky_doc d;
	ky_doc_begin(&d, KY_DOC_MARKDOWN, out, ky_words(o->lang)->code, title);
	d.pandoc = 1;
	ky_report_deck_findings(&d, o->findings, o->lang);
	for (size_t i = 0; i < o->n_charts; i++) {   /* its slide parts, else as drawn */
		const struct ky_chart_file *f = &o->charts[i];
		const struct ky_block *b = &last->block[f->index];
		size_t n = f->n_parts ? f->n_parts : 1;
		for (size_t k = 0; k < n; k++) {
			ky_report_deck_slide(&d, b->title ? b->title : b->id, k + 1, n);
			ky_buf_reset(&rel);
			if (f->n_parts)
				ky_buf_addf(&rel, "charts/slides/%s.png", f->parts[k]);
			else
				ky_buf_addf(&rel, "charts/%s.png", f->stem);
			ky_doc_image(&d, "", rel.buf, rel.buf, "image/png");
		}
	}
	ky_report_deck_slide(&d, rw->method, 1, 1);
	ky_doc_para(&d, rw->method_text);
	ky_doc_end(&d);
	ky_buf_release(&sub);
	ky_buf_release(&rel);
}

/* changes.csv (ky_rounds.h) */
void ky_rounds_changes_csv(const struct ky_rounds *r, const struct ky_change *c, size_t n,
			   struct ky_buf *out)
{
	ky_buf_adds(out, "item_id,item_text,grouping,group,round_a,round_b,n_a,n_b,mean_a,mean_b,"
			 "diff,diff_ci_low,diff_ci_high,top2_a,top2_b,top2_diff,top2_diff_ci_low,"
			 "top2_diff_ci_high,p,p_holm,p_bh,effect,statistic,chi2,chi2_df,chi2_p,"
			 "note\n");
	struct ky_buf note = KY_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const struct ky_change *x = &c[i];
		const struct ky_column *col = ky_rounds_latest(r, x->line);
		ky_csv_text(out, col->id);
		ky_buf_addch(out, ',');
		ky_csv_text(out, col->header);
		ky_buf_addch(out, ',');
		ky_csv_text(out, x->grouping == (size_t)-1 ? "*" : r->grouping[x->grouping].name);
		ky_buf_addch(out, ',');
		ky_csv_text(out, x->group);
		ky_buf_addch(out, ',');
		ky_csv_text(out, r->round[r->pair[x->pair][0]].name);
		ky_buf_addch(out, ',');
		ky_csv_text(out, r->round[r->pair[x->pair][1]].name);
		if (x->suppressed) {
			ky_buf_adds(out, ",,,,,,,,,,,,,,,,,,,,");
			ky_csv_suppressed_note(out, r->round[r->n_rounds - 1].s);
			ky_buf_addch(out, '\n');
			continue;
		}
		int have_n = !x->absent;
		if (have_n) {
			ky_csv_count(out, x->n_a);
			ky_csv_count(out, x->n_b);
		} else {
			ky_buf_adds(out, ",,");
		}
		const double nums[] = { x->mean_a, x->mean_b, x->diff, x->diff_lo, x->diff_hi,
					x->top2_a, x->top2_b, x->top2_diff, x->top2_lo, x->top2_hi,
					x->mw.p, x->p_holm, x->p_bh, x->mw.effect, x->mw.statistic,
					x->chi.statistic, x->chi.df, x->chi.p };
		for (size_t k = 0; k < sizeof(nums) / sizeof(nums[0]); k++)
			ky_csv_num(out, nums[k]);
		ky_buf_reset(&note);
		if (x->note)
			ky_buf_adds(&note, x->note);
		if (x->chi.note && !isnan(x->mw.p) && x->note == NULL)
			ky_buf_addf(&note, "chi-square: %s", x->chi.note);
		ky_buf_addch(out, ',');
		ky_csv_text(out, note.buf);
		ky_buf_addch(out, '\n');
	}
	ky_buf_release(&note);
}
