/* weight.c - respondent weights: a weight column, raking to population
 * margins, or raking that starts from the column's weights.
 *
 * Raking needs the joint distribution of the margin variables over the
 * respondents before the counting pass knows any weight.  So a raking run
 * reads the export twice: a pre-pass that only counts respondents (and sums
 * their base weights) per raking cell - one cell per combination of the
 * margin variables' categories - and rakes those cell sums to the
 * population margins; then the ordinary pass, where every respondent's
 * weight is the base weight times the factor of their cell.  Memory is the
 * cells, not the respondents.  Weighted files are read by one reader (no
 * two-core split), so every floating sum is added in file order and the
 * output is the same on every run. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ky_buf.h"
#include "survey_int.h"

#define MAX_CELLS 1000000
#define RAKE_MAX_ITER 1000
#define RAKE_EPS 1e-13       /* converged: every margin this close (relative) */
#define RAKE_ACCEPT 1e-9     /* or rounding stops the progress this close */

/* A weight cell: a finite number >= 0, '.' or ',' as the decimal mark. */
static int parse_weight(const char *cell, size_t len, double *out)
{
	char tmp[64];
	len = ky_trim_cell(&cell, len);
	if (!len || len >= sizeof(tmp))
		return len ? -2 : -1;
	memcpy(tmp, cell, len);
	tmp[len] = 0;
	if (!strchr(tmp, '.')) {
		char *comma = strchr(tmp, ',');
		if (comma && !strchr(comma + 1, ','))
			*comma = '.';
	}
	char *end;
	double v = strtod(tmp, &end);
	if (*end || end == tmp || !isfinite(v))
		return -2;
	if (v < 0)
		return -3;
	*out = v;
	return 0;
}

static int weight_of(const struct ky_survey *s, const struct ky_record *rec, double *w,
		     struct ky_error *err)
{
	const struct ky_weighting *wt = s->weighting;
	size_t c = wt->column;
	const char *cell = c < rec->n_fields ? rec->field[c] : "";
	size_t len = c < rec->n_fields ? rec->len[c] : 0;
	int rc = parse_weight(cell, len, w);
	if (rc == 0)
		return 0;
	const char *t = cell;
	size_t tl = ky_trim_cell(&t, len);
	if (rc == -1)
		return ky_error_set(err, KY_ERR_DATA, s->path, rec->line, c + 1,
				    "no weight for this respondent: the weight column '%s' is "
				    "empty (every respondent needs a weight, 0 or more)",
				    wt->column_name);
	return ky_error_set(err, KY_ERR_DATA, s->path, rec->line, c + 1,
			    "weight '%.*s' in column '%s' is %s", (int)(tl > 40 ? 40 : tl), t,
			    wt->column_name, rc == -3 ? "negative (weights are 0 or more)"
			    : "not a number (weights are numbers such as 1.25 or 1,25)");
}

/* The raking cell of REC, or (size_t)-1 with ERR set. */
static size_t cell_of(const struct ky_survey *s, const struct ky_record *rec,
		      struct ky_error *err)
{
	const struct ky_weighting *wt = s->weighting;
	size_t cell = 0;
	for (size_t m = 0; m < wt->n_margins; m++) {
		const struct ky_margin *mg = &wt->margin[m];
		size_t c = mg->column;
		const char *t = c < rec->n_fields ? rec->field[c] : "";
		size_t len = ky_trim_cell(&t, c < rec->n_fields ? rec->len[c] : 0), k;
		for (k = 0; k < mg->n_cats; k++)
			if (strlen(mg->cat[k]) == len && !memcmp(mg->cat[k], t, len))
				break;
		if (k == mg->n_cats) {
			struct ky_buf cats = KY_BUF_INIT;
			for (size_t j = 0; j < mg->n_cats; j++)
				ky_buf_addf(&cats, "%s'%s'", j ? ", " : "", mg->cat[j]);
			if (!len)
				ky_error_set(err, KY_ERR_DATA, s->path, rec->line, c + 1,
					     "no value of the margin variable '%s' for this "
					     "respondent: raking to %s needs one of %s",
					     mg->name, wt->margins_path, cats.buf);
			else
				ky_error_set(err, KY_ERR_DATA, s->path, rec->line, c + 1,
					     "'%.*s' of the margin variable '%s' is not a category "
					     "of %s (categories: %s)", (int)(len > 60 ? 60 : len), t,
					     mg->name, wt->margins_path, cats.buf);
			ky_buf_release(&cats);
			return (size_t)-1;
		}
		cell = cell * mg->n_cats + k;
	}
	return cell;
}

int ky_weight_record(struct ky_survey *s, const struct ky_record *rec, struct ky_error *err)
{
	struct ky_weighting *wt = s->weighting;
	double w = 1;
	if (wt->column != (size_t)-1 && weight_of(s, rec, &w, err) < 0)
		return -1;
	if (wt->n_margins) {
		size_t cell = cell_of(s, rec, err);
		if (cell == (size_t)-1)
			return -1;
		w *= wt->factor[cell];
	}
	s->record_w = w;
	wt->sum_w += w;
	wt->sum_w2 += w * w;
	wt->n_pos += w > 0;
	if (w < wt->min_w)
		wt->min_w = w;
	if (w > wt->max_w)
		wt->max_w = w;
	return 0;
}

/* ---- the margins file ------------------------------------------------- */

static int header_is(const struct ky_record *rec, size_t i, const char *name)
{
	if (i >= rec->n_fields)
		return 0;
	const char *t = rec->field[i];
	size_t len = ky_trim_cell(&t, rec->len[i]);
	return len == strlen(name) && !strncasecmp(t, name, len);
}

static int load_margins(struct ky_survey *s, const char *path, unsigned long def_line,
			const char *def_path, struct ky_error *err)
{
	struct ky_weighting *wt = s->weighting;
	struct ky_reader *r = ky_reader_open(path, NULL, err);
	if (!r) {
		struct ky_error e = *err;
		ky_error_clear(err);
		return ky_error_set(err, KY_ERR_IO, def_path, def_line, 0,
				    "[weighting] margins = %s: %s", path, e.msg);
	}
	struct ky_record rec;
	int rc = ky_reader_next(r, &rec, err);
	if (rc == 0)
		rc = ky_error_set(err, KY_ERR_DATA, path, 1, 0, "the margins file is empty "
				  "(expected the header variable,category,population)");
	if (rc > 0 && !(header_is(&rec, 0, "variable") && header_is(&rec, 1, "category") &&
			header_is(&rec, 2, "population")))
		rc = ky_error_set(err, KY_ERR_DATA, path, rec.line, 1, "the margins file must "
				  "start with the header variable,category,population");
	while (rc > 0 && (rc = ky_reader_next(r, &rec, err)) > 0) {
		if (ky_record_blank(&rec))
			continue;
		if (rec.n_fields < 3) {
			rc = ky_error_set(err, KY_ERR_DATA, path, rec.line, rec.n_fields,
					  "expected three fields: variable,category,population");
			break;
		}
		const char *var = rec.field[0], *cat = rec.field[1], *pop = rec.field[2];
		size_t vl = ky_trim_cell(&var, rec.len[0]), cl = ky_trim_cell(&cat, rec.len[1]);
		char *vname = ky_xstrndup(var, vl);
		double p;
		int prc = parse_weight(pop, rec.len[2], &p);
		if (!vl || !cl) {
			rc = ky_error_set(err, KY_ERR_DATA, path, rec.line, vl ? 2 : 1,
					  "empty %s", vl ? "category" : "variable");
		} else if (prc < 0 || !(p > 0)) {
			rc = ky_error_set(err, KY_ERR_DATA, path, rec.line, 3,
					  "population of '%s' = '%s' is not a positive number",
					  vname, rec.field[2]);
		}
		size_t m = 0;
		for (; rc > 0 && m < wt->n_margins; m++)
			if (!strcmp(wt->margin[m].name, vname))
				break;
		if (rc > 0 && m == wt->n_margins) {
			int col = ky_survey_find_column(s, vname, "[weighting] margins", path, err);
			if (col < 0) {
				struct ky_error e = *err;
				ky_error_clear(err);
				rc = ky_error_set(err, KY_ERR_DATA, path, rec.line, 1,
						  "%s", e.msg);
			} else {
				wt->margin = ky_xrealloc(wt->margin, (m + 1) * sizeof(*wt->margin));
				memset(&wt->margin[m], 0, sizeof(wt->margin[m]));
				wt->margin[m].name = ky_xstrdup(vname);
				wt->margin[m].column = (size_t)col;
				wt->n_margins++;
				if ((size_t)col == wt->column)
					rc = ky_error_set(err, KY_ERR_DATA, path, rec.line, 1,
							  "'%s' is the weight column", vname);
			}
		}
		if (rc > 0) {
			struct ky_margin *mg = &wt->margin[m];
			for (size_t k = 0; k < mg->n_cats && rc > 0; k++)
				if (strlen(mg->cat[k]) == cl && !memcmp(mg->cat[k], cat, cl))
					rc = ky_error_set(err, KY_ERR_DATA, path, rec.line, 2,
							  "category '%s' of '%s' is given twice (line "
							  "%lu)", mg->cat[k], vname, mg->line[k]);
			if (rc > 0) {
				size_t k = mg->n_cats++;
				mg->cat = ky_xrealloc(mg->cat, mg->n_cats * sizeof(*mg->cat));
				mg->population = ky_xrealloc(mg->population,
							     mg->n_cats * sizeof(double));
				mg->line = ky_xrealloc(mg->line, mg->n_cats * sizeof(*mg->line));
				mg->cat[k] = ky_xstrndup(cat, cl);
				mg->population[k] = p;
				mg->line[k] = rec.line;
			}
		}
		free(vname);
	}
	ky_reader_free(r);
	if (rc < 0)
		return -1;
	if (!wt->n_margins)
		return ky_error_set(err, KY_ERR_DATA, path, 0, 0, "the margins file has no rows");
	/* every margin must describe the same population */
	double total0 = 0;
	for (size_t k = 0; k < wt->margin[0].n_cats; k++)
		total0 += wt->margin[0].population[k];
	size_t cells = 1;
	for (size_t m = 0; m < wt->n_margins; m++) {
		double total = 0;
		for (size_t k = 0; k < wt->margin[m].n_cats; k++)
			total += wt->margin[m].population[k];
		if (fabs(total - total0) > 1e-9 * total0)
			return ky_error_set(err, KY_ERR_DATA, path, wt->margin[m].line[0], 3,
					    "the populations of '%s' add up to %.15g but those of "
					    "'%s' to %.15g: every margin must describe the same "
					    "population", wt->margin[m].name, total,
					    wt->margin[0].name, total0);
		if (cells > MAX_CELLS / wt->margin[m].n_cats)
			return ky_error_set(err, KY_ERR_LIMIT, path, 0, 0, "over %d raking cells "
					    "(the product of the numbers of categories)", MAX_CELLS);
		cells *= wt->margin[m].n_cats;
	}
	wt->n_cells = cells;
	return 0;
}

/* ---- raking ----------------------------------------------------------- */

/* Iterative proportional fitting of the cell sums to the margins, as R's
 * rake(): each margin in turn, until every margin total is within
 * RAKE_EPS (relative) of its population. */
static int rake(struct ky_survey *s, struct ky_error *err)
{
	struct ky_weighting *wt = s->weighting;
	size_t nc = wt->n_cells;
	wt->factor = ky_xcalloc(nc, sizeof(double));
	for (size_t c = 0; c < nc; c++)
		wt->factor[c] = 1;
	size_t maxcat = 0;
	for (size_t m = 0; m < wt->n_margins; m++)
		if (wt->margin[m].n_cats > maxcat)
			maxcat = wt->margin[m].n_cats;
	double *tot = ky_xcalloc(maxcat, sizeof(double));
	/* stride of margin m in the mixed-radix cell index */
	size_t *stride = ky_xcalloc(wt->n_margins, sizeof(size_t));
	for (size_t m = wt->n_margins, st = 1; m-- > 0;) {
		stride[m] = st;
		st *= wt->margin[m].n_cats;
	}
	int rc = 0;
	unsigned it;
	double prev = INFINITY;
	for (it = 1; it <= RAKE_MAX_ITER; it++) {
		for (size_t m = 0; m < wt->n_margins && rc == 0; m++) {
			const struct ky_margin *mg = &wt->margin[m];
			memset(tot, 0, maxcat * sizeof(double));
			for (size_t c = 0; c < nc; c++)
				tot[(c / stride[m]) % mg->n_cats] += wt->cell_w[c] * wt->factor[c];
			for (size_t k = 0; k < mg->n_cats && rc == 0; k++)
				if (!(tot[k] > 0))
					rc = ky_error_set(err, KY_ERR_DATA, wt->margins_path,
							  mg->line[k], 2, "no respondent (with a "
							  "positive weight) in category '%s' of '%s': "
							  "cannot rake to its population", mg->cat[k],
							  mg->name);
			for (size_t c = 0; rc == 0 && c < nc; c++) {
				size_t k = (c / stride[m]) % mg->n_cats;
				wt->factor[c] *= mg->population[k] / tot[k];
			}
		}
		if (rc)
			break;
		/* after a full sweep: how far is every margin from its population */
		double worst = 0;
		for (size_t m = 0; m < wt->n_margins; m++) {
			const struct ky_margin *mg = &wt->margin[m];
			memset(tot, 0, maxcat * sizeof(double));
			for (size_t c = 0; c < nc; c++)
				tot[(c / stride[m]) % mg->n_cats] += wt->cell_w[c] * wt->factor[c];
			for (size_t k = 0; k < mg->n_cats; k++) {
				double d = fabs(tot[k] - mg->population[k]) / mg->population[k];
				if (d > worst)
					worst = d;
			}
		}
		wt->max_rel_diff = worst;
		if (worst < RAKE_EPS || (worst < RAKE_ACCEPT && worst >= prev))
			break;
		prev = worst;
	}
	free(tot);
	free(stride);
	if (rc)
		return -1;
	if (it > RAKE_MAX_ITER && wt->max_rel_diff >= RAKE_ACCEPT)
		return ky_error_set(err, KY_ERR_DATA, wt->margins_path, 0, 0,
				    "raking did not converge in %d iterations (largest relative "
				    "difference from a margin %.3g): the margins may contradict "
				    "each other for the respondents' combinations", RAKE_MAX_ITER,
				    wt->max_rel_diff);
	wt->iterations = it > RAKE_MAX_ITER ? RAKE_MAX_ITER : it;
	return 0;
}

/* The pre-pass: respondents and base weights per raking cell. */
static int count_cells(struct ky_survey *s, const struct ky_reader_options *ropts,
		       struct ky_error *err)
{
	struct ky_weighting *wt = s->weighting;
	wt->cell_w = ky_xcalloc(wt->n_cells, sizeof(double));
	wt->cell_n = ky_xcalloc(wt->n_cells, sizeof(uint64_t));
	struct ky_reader *r = ky_reader_open(s->path, ropts, err);
	if (!r)
		return -1;
	struct ky_record rec;
	int rc;
	unsigned skip = s->header_rows;
	while ((rc = ky_reader_next(r, &rec, err)) > 0) {
		if (skip) {
			skip--;
			continue;
		}
		if (ky_record_blank(&rec) || rec.n_fields < s->n_columns)
			continue;      /* the counting pass reports a ragged row */
		double w = 1;
		if (wt->column != (size_t)-1 && weight_of(s, &rec, &w, err) < 0) {
			rc = -1;
			break;
		}
		size_t cell = cell_of(s, &rec, err);
		if (cell == (size_t)-1) {
			rc = -1;
			break;
		}
		wt->cell_w[cell] += w;
		wt->cell_n[cell]++;
	}
	ky_reader_free(r);
	return rc < 0 ? -1 : 0;
}

int ky_weight_setup(struct ky_survey *s, const struct ky_survey_options *o,
		    const struct ky_reader_options *ropts, struct ky_error *err)
{
	const struct ky_def *d = s->def;
	const char *col = o && o->weight ? o->weight : d ? d->weight : NULL;
	const char *margins = d ? d->margins : NULL;
	if (!col && !margins)
		return 0;
	struct ky_weighting *wt = ky_xcalloc(1, sizeof(*wt));
	s->weighting = wt;
	wt->column = (size_t)-1;
	wt->min_w = INFINITY;
	wt->max_w = -INFINITY;
	if (col) {
		int c;
		if (o && o->weight) {
			c = ky_survey_find_column(s, col, "--weight", s->path, err);
		} else {
			c = ky_survey_find_column(s, col, "weight", s->path, err);
			if (c < 0) {
				struct ky_error e = *err;
				ky_error_clear(err);
				ky_error_set(err, KY_ERR_DATA, d->path, ky_def_line(d, "survey",
					     "weight"), 0, "weight = %s: %s", col, e.msg);
			}
		}
		if (c < 0)
			return -1;
		if (s->col[c].type == KY_COL_GROUP)
			return ky_error_set(err, KY_ERR_USAGE, s->path, 0, (size_t)c + 1,
					    "the weight column '%s' is also a grouping column",
					    s->col[c].header);
		wt->column = (size_t)c;
		wt->column_name = ky_xstrdup(s->col[c].header);
		s->col[c].weight_role = 1;
	}
	if (margins) {
		wt->margins_path = ky_xstrdup(margins);
		if (load_margins(s, margins, ky_def_line(d, "weighting", "margins"), d->path,
				 err) < 0 ||
		    count_cells(s, ropts, err) < 0 || rake(s, err) < 0)
			return -1;
	}
	return 0;
}

int ky_weight_finish(struct ky_survey *s, struct ky_error *err)
{
	struct ky_weighting *wt = s->weighting;
	if (!wt)
		return 0;
	if (!(wt->sum_w > 0))
		return ky_error_set(err, KY_ERR_DATA, s->path, 0,
				    wt->column != (size_t)-1 ? wt->column + 1 : 0,
				    "every weight%s%s%s is 0: nothing to estimate",
				    wt->column_name ? " in column '" : "",
				    wt->column_name ? wt->column_name : "", wt->column_name ? "'" : "");
	return 0;
}
