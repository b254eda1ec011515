/* report_charts.c - the charts of a run, built from the tallies and handed
 * to the plotter: per block the distribution (bars split by the first
 * grouping) and the means with their intervals per group; per multi-select
 * the share choosing each option; per ranking the rank positions; per NPS
 * question detractors, passives and promoters.  Groups hidden for anonymity
 * keep their row, marked, with nothing drawn. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ky_report.h"
#include "ky_stats.h"

/* The slots a chart shows: everybody (WITH_ALL, or when there is no
 * grouping), then the first grouping's groups in report order. */
struct chart_slots {
	size_t n;
	size_t *slot;
	const char **name;           /* NULL for everybody without a grouping */
};

static struct chart_slots *chart_slots(const struct ky_survey *s, int with_all, const char *all)
{
	const struct ky_grouping *gr = s->n_groupings ? &s->grouping[0] : NULL;
	size_t cap = 1 + (gr ? gr->n_groups : 0);
	struct chart_slots *cs = ky_xcalloc(1, sizeof(*cs));
	cs->slot = ky_xcalloc(cap, sizeof(*cs->slot));
	cs->name = ky_xcalloc(cap, sizeof(*cs->name));
	if (with_all || !gr) {
		cs->slot[cs->n] = 0;
		cs->name[cs->n++] = gr ? all : NULL;
	}
	for (size_t j = 0; gr && j < gr->n_groups; j++) {
		cs->slot[cs->n] = ky_survey_slot(s, 0, gr->order[j]);
		cs->name[cs->n++] = ky_survey_group_name(s, 0, gr->order[j]);
	}
	return cs;
}

static void chart_slots_free(struct chart_slots *cs)
{
	free(cs->slot);
	free(cs->name);
	free(cs);
}

/* Joins the distinct non-substantive labels of a block ("En osaa sanoa"). */
static char *nonsub_legend(const struct ky_survey *s, const struct ky_block *b)
{
	struct ky_buf out = KY_BUF_INIT, norm = KY_BUF_INIT, seen = KY_BUF_INIT;
	ky_buf_addch(&seen, '\n');
	for (size_t i = 0; i < b->n_items; i++) {
		const struct ky_column *c = &s->col[b->items[i]];
		for (size_t k = 0; k < c->n_nonsub; k++) {
			ky_label_normalize(&norm, c->nonsub_label[k]);
			ky_buf_addch(&norm, '\n');
			struct ky_buf key = KY_BUF_INIT;
			ky_buf_addf(&key, "\n%s", norm.buf);
			int dup = strstr(seen.buf, key.buf) != NULL;
			ky_buf_release(&key);
			if (dup)
				continue;
			ky_buf_adds(&seen, norm.buf);
			if (out.len)
				ky_buf_adds(&out, " / ");
			ky_buf_adds(&out, c->nonsub_label[k]);
		}
	}
	ky_buf_release(&norm);
	ky_buf_release(&seen);
	return out.len ? ky_buf_detach(&out, NULL) : (ky_buf_release(&out), NULL);
}

struct run {
	const struct ky_survey *s;
	struct ky_plotter *p;
	const char *dir, *formats;
	const struct ky_words *w;
	struct ky_chart_file *files;
	size_t n_files;
	int slides;                  /* also render the charts for slides */
	int pages;                   /* PNG: tall charts also in page parts */
};

/* DIR/NAME, made when first needed. */
static int mkdir_parts(const char *dir, const char *name)
{
	struct ky_buf p = KY_BUF_INIT;
	ky_buf_addf(&p, "%s/%s", dir, name);
	int rc = mkdir(p.buf, 0777) < 0 && errno != EEXIST ? -1 : 0;
	ky_buf_release(&p);
	return rc;
}

/* Rows [from, to) of C as the next slide chart part of F, into DIR/slides. */
static int slide_part(struct ky_plotter *p, const char *dir, const struct ky_chart *c,
		      struct ky_chart_file *f, size_t from, size_t to, struct ky_error *err)
{
	struct ky_chart part = *c;
	struct ky_buf id = KY_BUF_INIT, sdir = KY_BUF_INIT;
	ky_buf_addf(&id, "%s-s%zu", f->stem, f->n_parts + 1);
	ky_buf_addf(&sdir, "%s/slides", dir);
	part.id = id.buf;
	part.rows = c->rows + from;
	part.n_rows = to - from;
	part.slide = 1;
	int rc = ky_plot_render(p, &part, sdir.buf, "png", err);
	if (rc == 0) {
		struct ky_buf stem = KY_BUF_INIT;
		ky_plot_sanitize_id(&stem, id.buf);
		f->parts = ky_xrealloc(f->parts, (f->n_parts + 1) * sizeof(*f->parts));
		f->parts[f->n_parts++] = ky_buf_detach(&stem, NULL);
	}
	ky_buf_release(&id);
	ky_buf_release(&sdir);
	return rc;
}

static int fits(const struct ky_chart *c, size_t from, size_t to)
{
	struct ky_chart part = *c;
	part.rows = c->rows + from;
	part.n_rows = to - from;
	part.slide = 1;
	return ky_plot_slide_fits(&part);
}

/* Cuts C's rows into parts of whole items (rows sharing a label), each
 * as full as FITS allows; an item that does not fit alone is cut between
 * its rows (at least one row a part).  Returns the number of parts n, with
 * their bounds in (*CUT)[0..n] (the caller frees *CUT). */
static size_t cut_parts(const struct ky_chart *c,
			int (*fit)(const struct ky_chart *c, size_t from, size_t to), size_t **cutp)
{
	size_t *cut = ky_xcalloc(c->n_rows + 1, sizeof(size_t)), n = 0, from = 0;
	while (from < c->n_rows) {
		size_t to = from;
		for (;;) {   /* add the next item while the part fits */
			size_t end = to + 1;
			while (end < c->n_rows && !strcmp(c->rows[end].label, c->rows[to].label))
				end++;
			if (to > from && !fit(c, from, end))
				break;
			if (to == from && !fit(c, from, end)) {
				/* one item too tall: as many of its rows as fit (at least one) */
				end = from + 1;
				while (end < c->n_rows && !strcmp(c->rows[end].label, c->rows[from].label) &&
				       fit(c, from, end + 1))
					end++;
				to = end;
				break;
			}
			to = end;
			if (to >= c->n_rows)
				break;
		}
		cut[n++] = from;
		from = to;
	}
	cut[n] = c->n_rows;
	*cutp = cut;
	return n;
}

/* C for slides: whole items while they fit on a slide (cut_parts). */
int ky_report_slide_parts(struct ky_plotter *p, const char *dir, const struct ky_chart *c,
			  struct ky_chart_file *f, struct ky_error *err)
{
	if (c->kind == KY_CHART_TREND)
		return 0;            /* trend lines have no slide layout: shown as drawn */
	size_t *cut, n = cut_parts(c, fits, &cut);
	int rc = 0;
	for (size_t k = 0; k < n && rc == 0; k++)
		rc = slide_part(p, dir, c, f, cut[k], cut[k + 1], err);
	free(cut);
	return rc;
}

/* Rows [from, to) of C as page part K (1-based) of N of F: the normal
 * layout, its title saying "(K/N)". */
static int page_part(struct run *r, const struct ky_chart *c, struct ky_chart_file *f,
		     size_t from, size_t to, size_t k, size_t n, struct ky_error *err)
{
	struct ky_chart part = *c;
	struct ky_buf id = KY_BUF_INIT, dir = KY_BUF_INIT, title = KY_BUF_INIT;
	ky_buf_addf(&id, "%s-p%zu", f->stem, k);
	ky_buf_addf(&dir, "%s/pages", r->dir);
	ky_buf_addf(&title, "%s (%zu/%zu)", c->title ? c->title : "", k, n);
	part.id = id.buf;
	part.title = title.buf;
	part.rows = c->rows + from;
	part.n_rows = to - from;
	int rc = ky_plot_render(r->p, &part, dir.buf, "png", err);
	if (rc == 0) {
		struct ky_buf stem = KY_BUF_INIT;
		ky_plot_sanitize_id(&stem, id.buf);
		f->pages = ky_xrealloc(f->pages, (f->n_pages + 1) * sizeof(*f->pages));
		f->pages[f->n_pages++] = ky_buf_detach(&stem, NULL);
	}
	ky_buf_release(&id);
	ky_buf_release(&dir);
	ky_buf_release(&title);
	return rc;
}

static int page_fits(const struct ky_chart *c, size_t from, size_t to)
{
	struct ky_chart part = *c;
	part.rows = c->rows + from;
	part.n_rows = to - from;
	return ky_plot_page_fits(&part);
}

/* A PNG chart taller than a printed page in parts of whole items
 * (cut_parts), each as full as a page allows. */
static int page_parts(struct run *r, const struct ky_chart *c, struct ky_chart_file *f,
		      struct ky_error *err)
{
	if (ky_plot_page_fits(c))
		return 0;
	size_t *cut, n = cut_parts(c, page_fits, &cut);
	if (mkdir_parts(r->dir, "pages") < 0) {
		free(cut);
		return ky_error_set(err, KY_ERR_IO, r->dir, 0, 0, "cannot create pages/: %s",
				    strerror(errno));
	}
	int rc = 0;
	for (size_t k = 0; k < n && rc == 0; k++)
		rc = page_part(r, c, f, cut[k], cut[k + 1], k + 1, n, err);
	free(cut);
	return rc;
}

static int render(struct run *r, struct ky_chart *c, enum ky_chart_about about, size_t index,
		  struct ky_error *err)
{
	if (!c->n_rows)
		return 0;
	c->suppressed_text = r->w->suppressed;
	if (ky_plot_render(r->p, c, r->dir, r->formats, err) < 0)
		return -1;
	struct ky_buf stem = KY_BUF_INIT;
	ky_plot_sanitize_id(&stem, c->id);
	struct ky_chart_file *f = &r->files[r->n_files++];
	f->about = about;
	f->index = index;
	f->stem = ky_buf_detach(&stem, NULL);
	if (r->pages && page_parts(r, c, f, err) < 0)
		return -1;
	if (r->slides)
		return ky_report_slide_parts(r->p, r->dir, c, f, err);
	return 0;
}

static void suppressed_note(struct run *r, struct ky_buf *note, size_t n_hidden)
{
	if (!n_hidden)
		return;
	ky_buf_adds(note, "; ");
	ky_buf_addf(note, r->w->note_suppressed, r->s->min_n);
}

static int block_bars(struct run *r, size_t bi, struct ky_error *err)
{
	const struct ky_survey *s = r->s;
	const struct ky_block *b = &s->block[bi];
	const struct ky_column *first = &s->col[b->items[0]];
	struct chart_slots *cs = chart_slots(s, 0, r->w->all);
	size_t cap = b->n_items * cs->n, n_rows = 0, L = first->scale.n_levels, n_hidden = 0;
	struct ky_chart_row *rows = ky_xcalloc(cap, sizeof(*rows));
	double *pct = ky_xcalloc(cap * L, sizeof(double));
	for (size_t i = 0; i < b->n_items; i++) {
		const struct ky_column *c = &s->col[b->items[i]];
		for (size_t j = 0; j < cs->n; j++) {
			const struct ky_tally *t = &c->tally[cs->slot[j]];
			uint64_t n = ky_tally_n(t);
			int hidden = ky_survey_suppressed(c, cs->slot[j]);
			n_hidden += (size_t)hidden;
			if (n == 0 && !hidden)
				continue;      /* nobody in this group answered this item */
			struct ky_chart_row *row = &rows[n_rows];
			double *row_pct = pct + n_rows * L;
			row->label = c->statement ? c->statement : c->header;
			row->group = cs->name[j];
			row->pct = row_pct;
			row->suppressed = hidden;
			n_rows++;
			if (hidden)
				continue;
			for (size_t k = 0; k < L && k < t->n_codes; k++)
				row_pct[k] = ky_tally_pct(t, k);
			row->n_valid = n;
			row->n_nonsub = t->n_nonsubstantive;
			row->nonsub_pct = 100.0 * (double)t->n_nonsubstantive /
					  (double)(n + t->n_nonsubstantive);
		}
	}
	struct ky_buf note = KY_BUF_INIT, id = KY_BUF_INIT;
	ky_buf_addf(&note, "%s; ", r->w->note_n_bar);
	ky_buf_addf(&note, r->w->note_scale, first->scale.family, L);
	char *legend = nonsub_legend(s, b);
	if (legend) {
		ky_buf_adds(&note, "; ");
		ky_buf_addf(&note, r->w->note_nonsub, legend);
	}
	suppressed_note(r, &note, n_hidden);
	ky_buf_addf(&id, "%s-%s", b->id, first->scale.family);
	int bipolar = first->scale.polarity == KY_BIPOLAR;
	struct ky_chart chart = {
		.kind = bipolar ? KY_CHART_DIVERGING : KY_CHART_STACKED100,
		.id = id.buf,
		.title = b->title ? b->title : (b->n_items == 1 ? first->header : first->scale.family),
		.note = note.buf,
		.n_levels = L,
		.level_label = (const char *const *)first->scale.label,
		.nonsub_label = legend,
		.n_rows = n_rows,
		.rows = rows,
		.xlabel = bipolar ? r->w->x_diverging : r->w->x_valid_pct,
	};
	int rc = render(r, &chart, KY_ABOUT_BLOCK, bi, err);
	free(legend);
	ky_buf_release(&note);
	ky_buf_release(&id);
	free(rows);
	free(pct);
	chart_slots_free(cs);
	return rc;
}

static int by_mean_desc(const void *a, const void *b)
{
	const double *x = a, *y = b;   /* {mean, index} pairs */
	if (x[0] != y[0])
		return isnan(x[0]) ? 1 : isnan(y[0]) ? -1 : (x[0] < y[0]) - (x[0] > y[0]);
	return (x[1] > y[1]) - (x[1] < y[1]);
}

/* Means with 95 % intervals: everybody and each group, items sorted by the
 * overall mean, highest first. */
static int block_means(struct run *r, size_t bi, struct ky_error *err)
{
	const struct ky_survey *s = r->s;
	const struct ky_block *b = &s->block[bi];
	const struct ky_column *first = &s->col[b->items[0]];
	if (!first->scale.ordinal || first->scale.n_levels < 2)
		return 0;
	struct chart_slots *cs = chart_slots(s, 1, r->w->all);
	double *order = ky_xcalloc(2 * b->n_items, sizeof(double));
	for (size_t i = 0; i < b->n_items; i++) {
		const struct ky_column *c = &s->col[b->items[i]];
		order[2 * i] = ky_stats_mean(&c->tally[0], c->scale.value);
		order[2 * i + 1] = (double)i;
	}
	qsort(order, b->n_items, 2 * sizeof(double), by_mean_desc);
	struct ky_chart_row *rows = ky_xcalloc(b->n_items * cs->n, sizeof(*rows));
	uint64_t *n_lo = ky_xcalloc(cs->n, sizeof(uint64_t)), *n_hi = ky_xcalloc(cs->n, sizeof(uint64_t));
	size_t *shown = ky_xcalloc(cs->n, sizeof(size_t));
	size_t n_rows = 0, n_hidden = 0;
	for (size_t k = 0; k < b->n_items; k++) {
		const struct ky_column *c = &s->col[b->items[(size_t)order[2 * k + 1]]];
		for (size_t j = 0; j < cs->n; j++) {
			struct ky_describe d;
			ky_stats_describe(&c->tally[cs->slot[j]], c->scale.value, 1, &d);
			struct ky_chart_row *row = &rows[n_rows++];
			row->label = c->statement ? c->statement : c->header;
			row->series = j;
			row->suppressed = ky_survey_suppressed(c, cs->slot[j]);
			n_hidden += (size_t)row->suppressed;
			row->est = row->est_lo = row->est_hi = NAN;
			if (row->suppressed || d.n_valid == 0)
				continue;
			row->est = d.mean;
			row->est_lo = d.mean_ci_low;
			row->est_hi = d.mean_ci_high;
			if (!shown[j]++ || d.n_valid < n_lo[j])
				n_lo[j] = d.n_valid;
			if (d.n_valid > n_hi[j])
				n_hi[j] = d.n_valid;
		}
	}
	char **series = ky_xcalloc(cs->n, sizeof(char *));
	for (size_t j = 0; j < cs->n; j++) {
		struct ky_buf t = KY_BUF_INIT;
		ky_buf_adds(&t, cs->name[j] ? cs->name[j] : r->w->all);
		if (!shown[j])
			ky_buf_addf(&t, ": %s", r->w->suppressed);
		else if (n_lo[j] == n_hi[j])
			ky_buf_addf(&t, " (n = %llu)", (unsigned long long)n_lo[j]);
		else
			ky_buf_addf(&t, " (n = %llu–%llu)", (unsigned long long)n_lo[j],
				    (unsigned long long)n_hi[j]);
		series[j] = ky_buf_detach(&t, NULL);
	}
	size_t L = first->scale.n_levels;
	struct ky_buf note = KY_BUF_INIT, id = KY_BUF_INIT, title = KY_BUF_INIT;
	ky_buf_adds(&note, r->w->note_means);
	ky_buf_addf(&note, "; %g = %s … %g = %s", first->scale.value[0], first->scale.label[0],
		    first->scale.value[L - 1], first->scale.label[L - 1]);
	suppressed_note(r, &note, n_hidden);
	ky_buf_addf(&id, "%s-means", b->id);
	ky_buf_addf(&title, r->w->means_title,
		    b->title ? b->title : (b->n_items == 1 ? first->header : first->scale.family));
	double lo = first->scale.value[0], hi = first->scale.value[L - 1];
	double step = hi - lo <= 12 ? 1 : pow(10, floor(log10((hi - lo) / 2)));
	struct ky_chart chart = {
		.kind = KY_CHART_MEANS,
		.id = id.buf,
		.title = title.buf,
		.note = note.buf,
		.n_levels = cs->n,
		.level_label = (const char *const *)series,
		.n_rows = n_rows,
		.rows = rows,
		.xlabel = r->w->x_mean_ci,
		.axis_min = lo,
		.axis_max = hi,
		.axis_step = step,
	};
	int rc = render(r, &chart, KY_ABOUT_MEANS, bi, err);
	for (size_t j = 0; j < cs->n; j++)
		free(series[j]);
	free(series);
	ky_buf_release(&note);
	ky_buf_release(&id);
	ky_buf_release(&title);
	free(rows);
	free(n_lo);
	free(n_hi);
	free(shown);
	free(order);
	chart_slots_free(cs);
	return rc;
}

/* Multi-select: % of those who answered choosing each option; ranking: % of
 * them giving each rank, stacked (1st darkest).  Options by importance. */
static int choice_chart(struct run *r, size_t qi, struct ky_error *err)
{
	const struct ky_survey *s = r->s;
	const struct ky_choice *q = &s->choice[qi];
	int rank = q->kind == KY_CHOICE_RANKING;
	struct chart_slots *cs = chart_slots(s, 0, r->w->all);
	size_t L = rank ? q->n_positions : 1, n_rows = 0, n_hidden = 0;
	size_t *order = ky_choice_order(q);
	struct ky_chart_row *rows = ky_xcalloc(q->n_options * cs->n, sizeof(*rows));
	double *pct = ky_xcalloc(q->n_options * cs->n * L, sizeof(double));
	for (size_t j = 0; j < q->n_options; j++) {
		size_t o = order[j];
		for (size_t g = 0; g < cs->n; g++) {
			size_t sl = cs->slot[g];
			uint64_t n = q->n_respondents[sl];
			int hidden = q->suppressed[sl];
			n_hidden += (size_t)hidden;
			if (!n && !hidden)
				continue;
			struct ky_chart_row *row = &rows[n_rows];
			row->label = q->option[o];
			row->group = cs->name[g];
			double *row_pct = pct + n_rows * L;
			row->pct = row_pct;
			row->suppressed = hidden;
			n_rows++;
			if (hidden)
				continue;
			row->n_valid = n;
			for (size_t k = 0; k < L; k++)
				row_pct[k] = 100.0 * (double)(rank ? q->rank[sl][o * L + k]
								  : q->count[sl][o]) / (double)n;
		}
	}
	char **levels = ky_xcalloc(L, sizeof(char *));
	for (size_t k = 0; k < L; k++) {
		struct ky_buf t = KY_BUF_INIT;
		if (rank)
			ky_buf_addf(&t, r->w->rank_level, k + 1);
		else
			ky_buf_adds(&t, r->w->pct_respondents);
		levels[k] = ky_buf_detach(&t, NULL);
	}
	struct ky_buf note = KY_BUF_INIT, id = KY_BUF_INIT;
	ky_buf_adds(&note, r->w->note_choice);
	suppressed_note(r, &note, n_hidden);
	ky_buf_addf(&id, "%s-%s", q->id, rank ? "ranking" : "multiselect");
	struct ky_chart chart = {
		.kind = KY_CHART_STACKED100,
		.id = id.buf,
		.title = q->title,
		.note = note.buf,
		.n_levels = L,
		.level_label = (const char *const *)levels,
		.n_rows = n_rows,
		.rows = rows,
		.xlabel = r->w->x_respondents_pct,
		.dark_first = rank,
	};
	int rc = render(r, &chart, KY_ABOUT_CHOICE, qi, err);
	for (size_t k = 0; k < L; k++)
		free(levels[k]);
	free(levels);
	ky_buf_release(&note);
	ky_buf_release(&id);
	free(rows);
	free(pct);
	free(order);
	chart_slots_free(cs);
	return rc;
}

/* NPS: detractors left of 0, passives centred, promoters right; the score
 * beside each bar. */
static int nps_chart(struct run *r, size_t ci, struct ky_error *err)
{
	const struct ky_survey *s = r->s;
	const struct ky_column *c = &s->col[ci];
	struct chart_slots *cs = chart_slots(s, 1, r->w->all);
	struct ky_chart_row *rows = ky_xcalloc(cs->n, sizeof(*rows));
	double *pct = ky_xcalloc(cs->n * 3, sizeof(double));
	char (*tail)[48] = ky_xcalloc(cs->n, sizeof(*tail));
	size_t n_rows = 0, n_hidden = 0;
	for (size_t g = 0; g < cs->n; g++) {
		int hidden = ky_survey_suppressed(c, cs->slot[g]);
		uint64_t grp[3];
		struct ky_nps x;
		ky_report_nps(c, cs->slot[g], grp, &x);
		n_hidden += (size_t)hidden;
		if (!x.n && !hidden)
			continue;
		struct ky_chart_row *row = &rows[n_rows];
		row->label = "";
		row->group = cs->name[g];
		double *row_pct = pct + 3 * n_rows;
		row->pct = row_pct;
		row->suppressed = hidden;
		n_rows++;
		if (hidden)
			continue;
		row->n_valid = x.n;
		for (int k = 0; k < 3; k++)
			row_pct[k] = 100.0 * (double)grp[k] / (double)x.n;
		snprintf(tail[g], sizeof(tail[g]), "NPS %+.0f", x.score);
		row->tail = tail[g];
	}
	struct ky_buf note = KY_BUF_INIT, id = KY_BUF_INIT;
	ky_buf_adds(&note, r->w->note_n_bar);
	suppressed_note(r, &note, n_hidden);
	ky_buf_addf(&id, "%s-nps", c->id);
	struct ky_chart chart = {
		.kind = KY_CHART_DIVERGING,
		.id = id.buf,
		.title = c->header,
		.note = note.buf,
		.n_levels = 3,
		.level_label = r->w->nps_level,
		.n_rows = n_rows,
		.rows = rows,
		.xlabel = r->w->x_valid_pct,
	};
	int rc = render(r, &chart, KY_ABOUT_NPS, ci, err);
	ky_buf_release(&note);
	ky_buf_release(&id);
	free(rows);
	free(pct);
	free(tail);
	chart_slots_free(cs);
	return rc;
}

int ky_report_charts(const struct ky_survey *s, struct ky_plotter *p, const char *dir,
		     const char *formats, enum ky_lang lang, struct ky_chart_file **files,
		     size_t *n_files, struct ky_error *err)
{
	struct run r = { .s = s, .p = p, .dir = dir, .formats = formats, .w = ky_words(lang) };
	for (const char *q = formats; *q;) {   /* "slides" in the comma list */
		size_t m = strcspn(q, ",");
		r.slides |= m == 6 && !strncmp(q, "slides", 6);
		r.pages |= m == 3 && !strncmp(q, "png", 3);
		q += m + (q[m] == ',');
	}
	size_t n_nps = 0;
	for (size_t i = 0; i < s->n_columns; i++)
		n_nps += (size_t)(s->col[i].nps != 0);
	r.files = ky_xcalloc(2 * s->n_blocks + s->n_choices + n_nps + 1, sizeof(*r.files));
	int rc = 0;
	for (size_t bi = 0; bi < s->n_blocks && rc == 0; bi++) {
		rc = block_bars(&r, bi, err);
		if (rc == 0)
			rc = block_means(&r, bi, err);
	}
	for (size_t qi = 0; qi < s->n_choices && rc == 0; qi++)
		rc = choice_chart(&r, qi, err);
	for (size_t ci = 0; ci < s->n_columns && rc == 0; ci++)
		if (s->col[ci].nps)
			rc = nps_chart(&r, ci, err);
	*files = r.files;
	*n_files = r.n_files;
	return rc;
}

const char *ky_report_chart_for(const struct ky_chart_file *files, size_t n,
				enum ky_chart_about about, size_t index)
{
	for (size_t i = 0; i < n; i++)
		if (files[i].about == about && files[i].index == index)
			return files[i].stem;
	return NULL;
}

void ky_report_free_charts(struct ky_chart_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(files[i].stem);
		for (size_t k = 0; k < files[i].n_parts; k++)
			free(files[i].parts[k]);
		free(files[i].parts);
		for (size_t k = 0; k < files[i].n_pages; k++)
			free(files[i].pages[k]);
		free(files[i].pages);
	}
	free(files);
}

/* The terms of each open question: the ten most mentioned by everybody,
 * each with a bar per group of the first grouping that mentions it often
 * enough to be listed (ky_report_terms); hidden groups have no bars. */
static int terms_chart(struct run *r, const struct ky_term_question *q, struct ky_error *err)
{
	const struct ky_survey *s = r->s;
	const struct ky_column *c = &s->col[q->column];
	if (!q->n_groups || q->group[0].hidden || !q->group[0].n_terms)
		return 0;
	const struct ky_term_group *all = &q->group[0];
	size_t n_top = all->n_terms < 10 ? all->n_terms : 10, n_rows = 0, n_hidden = 0;
	struct ky_chart_row *rows = ky_xcalloc(n_top * q->n_groups, sizeof(*rows));
	double *pct = ky_xcalloc(n_top * q->n_groups, sizeof(double));
	for (size_t g = 1; g < q->n_groups; g++)
		n_hidden += q->group[g].g == 0 && q->group[g].hidden;
	for (size_t k = 0; k < n_top; k++) {
		for (size_t g = 0; g < q->n_groups; g++) {
			const struct ky_term_group *gt = &q->group[g];
			if ((g && gt->g != 0) || gt->hidden)
				continue;
			const struct ky_term *t = NULL;
			for (size_t j = 0; j < gt->n_terms && !t; j++)
				if (!strcmp(gt->term[j].term, all->term[k].term))
					t = &gt->term[j];
			if (!t)
				continue;
			struct ky_chart_row *row = &rows[n_rows];
			row->label = all->term[k].term;
			row->group = s->n_groupings ? (g ? gt->group : r->w->all) : NULL;
			row->n_valid = t->n_answers;
			pct[n_rows] = t->pct_answers;
			row->pct = &pct[n_rows];
			n_rows++;
		}
	}
	const char *level[1] = { r->w->x_answers_pct };
	double top = 0;
	for (size_t i = 0; i < n_rows; i++)
		top = fmax(top, pct[i]);
	/* the axis to the next 10 % above the longest bar (25 % at least) */
	double axis = fmin(100, fmax(25, 10 * ceil(top / 10 - 1e-9)));
	struct ky_buf note = KY_BUF_INIT, id = KY_BUF_INIT;
	ky_buf_adds(&note, r->w->note_terms);
	suppressed_note(r, &note, n_hidden);
	ky_buf_addf(&id, "%s-terms", c->id);
	struct ky_chart chart = {
		.kind = KY_CHART_BARS,
		.id = id.buf,
		.title = c->header,
		.note = note.buf,
		.n_levels = 1,
		.level_label = level,
		.n_rows = n_rows,
		.rows = rows,
		.xlabel = r->w->x_answers_pct,
		.axis_min = 0,
		.axis_max = axis,
		.axis_step = axis <= 50 ? 5 : 10,
	};
	int rc = render(r, &chart, KY_ABOUT_TERMS, q->column, err);
	ky_buf_release(&note);
	ky_buf_release(&id);
	free(rows);
	free(pct);
	return rc;
}

int ky_report_term_charts(const struct ky_survey *s, const struct ky_terms *terms,
			  struct ky_plotter *p, const char *dir, const char *formats,
			  enum ky_lang lang, struct ky_chart_file **files, size_t *n_files,
			  struct ky_error *err)
{
	if (!terms || !terms->n_questions)
		return 0;
	struct run r = { .s = s, .p = p, .dir = dir, .formats = formats, .w = ky_words(lang) };
	for (const char *q = formats; *q;) {   /* as ky_report_charts */
		size_t m = strcspn(q, ",");
		r.slides |= m == 6 && !strncmp(q, "slides", 6);
		r.pages |= m == 3 && !strncmp(q, "png", 3);
		q += m + (q[m] == ',');
	}
	r.files = ky_xrealloc(*files, (*n_files + terms->n_questions + 1) * sizeof(*r.files));
	memset(r.files + *n_files, 0, (terms->n_questions + 1) * sizeof(*r.files));
	r.n_files = *n_files;
	int rc = 0;
	for (size_t i = 0; i < terms->n_questions && rc == 0; i++)
		rc = terms_chart(&r, &terms->q[i], err);
	*files = r.files;
	*n_files = r.n_files;
	return rc;
}
