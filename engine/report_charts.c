/* report_charts.c - one chart per block of scale items: the bars are the
 * block's items, split by the first grouping column when one is given.
 * Builds struct ky_chart from the tallies and hands it to the plotter. */
#include <stdlib.h>
#include <string.h>

#include "ky_report.h"
#include "ky_stats.h"

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

static int render_block(const struct ky_survey *s, size_t bi, struct ky_plotter *p,
			const char *dir, const char *formats, struct ky_chart_file *file,
			struct ky_error *err)
{
	const struct ky_block *b = &s->block[bi];
	const struct ky_column *first = &s->col[b->items[0]];
	const struct ky_grouping *gr = s->n_groupings ? &s->grouping[0] : NULL;
	size_t per_item = gr ? gr->n_groups : 1;
	size_t cap = b->n_items * per_item, n_rows = 0, L = first->scale.n_levels;
	struct ky_chart_row *rows = ky_xcalloc(cap, sizeof(*rows));
	double *pct = ky_xcalloc(cap * L, sizeof(double));
	uint64_t n_total = 0;
	size_t n_hidden = 0;
	for (size_t i = 0; i < b->n_items; i++) {
		const struct ky_column *c = &s->col[b->items[i]];
		for (size_t j = 0; j < per_item; j++) {
			size_t slot = gr ? ky_survey_slot(s, 0, gr->order[j]) : 0;
			const struct ky_tally *t = &c->tally[slot];
			uint64_t n = ky_tally_n(t);
			if (ky_survey_suppressed(c, slot))
				n_hidden++;    /* hidden for anonymity: left out */
			if (n == 0 || ky_survey_suppressed(c, slot))
				continue;      /* nobody in this group answered this item */
			struct ky_chart_row *r = &rows[n_rows];
			double *row_pct = pct + n_rows * L;
			for (size_t k = 0; k < L && k < t->n_codes; k++)
				row_pct[k] = 100.0 * (double)t->count[k] / (double)n;
			r->label = c->statement ? c->statement : c->header;
			r->group = gr ? ky_survey_group_name(s, 0, gr->order[j]) : NULL;
			r->n_valid = n;
			r->pct = row_pct;
			r->n_nonsub = t->n_nonsubstantive;
			r->nonsub_pct = 100.0 * (double)t->n_nonsubstantive /
					(double)(n + t->n_nonsubstantive);
			n_rows++;
		}
		n_total += ky_tally_n(&c->tally[0]);
	}
	struct ky_buf note = KY_BUF_INIT, id = KY_BUF_INIT;
	ky_buf_addf(&note, "n = valid answers per bar; %s scale, codes 1-%zu", first->scale.family,
		    L);
	char *legend = nonsub_legend(s, b);
	if (legend)
		ky_buf_addf(&note, "; '%s' shown apart, as %% of all answers", legend);
	if (n_hidden)
		ky_buf_addf(&note, "; for anonymity, groups with fewer than %u answers (and any group "
				   "that would reveal one by subtraction) are not shown", s->min_n);
	ky_buf_addf(&id, "%s-%s", b->id, first->scale.family);
	struct ky_chart chart = {
		.kind = first->scale.polarity == KY_BIPOLAR ? KY_CHART_DIVERGING : KY_CHART_STACKED100,
		.id = id.buf,
		.title = b->title ? b->title : (b->n_items == 1 ? first->header : first->scale.family),
		.note = note.buf,
		.n_levels = L,
		.level_label = (const char *const *)first->scale.label,
		.nonsub_label = legend,
		.n_rows = n_rows,
		.rows = rows,
	};
	int rc = 0;
	if (n_rows) {
		rc = ky_plot_render(p, &chart, dir, formats, err);
		struct ky_buf stem = KY_BUF_INIT;
		ky_plot_sanitize_id(&stem, id.buf);
		file->block = bi;
		file->stem = ky_buf_detach(&stem, NULL);
	}
	(void)n_total;
	free(legend);
	ky_buf_release(&note);
	ky_buf_release(&id);
	free(rows);
	free(pct);
	return rc;
}

int ky_report_charts(const struct ky_survey *s, struct ky_plotter *p, const char *dir,
		     const char *formats, struct ky_chart_file **files, size_t *n_files,
		     struct ky_error *err)
{
	*files = ky_xcalloc(s->n_blocks + 1, sizeof(**files));
	*n_files = 0;
	for (size_t bi = 0; bi < s->n_blocks; bi++) {
		struct ky_chart_file f = { 0 };
		if (render_block(s, bi, p, dir, formats, &f, err) < 0) {
			free(f.stem);
			return -1;
		}
		if (f.stem)
			(*files)[(*n_files)++] = f;
	}
	return 0;
}

void ky_report_free_charts(struct ky_chart_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(files[i].stem);
	free(files);
}
