/* ky_report_rounds.h - the outputs of `kysely compare`: changes.csv (in
 * ky_rounds.h), charts, summary.json and the report. */
#ifndef KY_REPORT_ROUNDS_H
#define KY_REPORT_ROUNDS_H

#include "ky_report.h"
#include "ky_rounds.h"

/* Per block of the latest round: the dumbbell of means with 95 % intervals
 * (bN-change) and the distributions of every round side by side
 * (bN-rounds), for all respondents. */
int ky_rounds_charts(const struct ky_rounds *r, struct ky_plotter *p, const char *dir,
		     const char *formats, enum ky_lang lang, struct ky_chart_file **files,
		     size_t *n_files, struct ky_error *err);
struct ky_findings;
int ky_rounds_summary_json(const struct ky_rounds *r, const struct ky_change *c, size_t n,
			   const struct ky_chart_file *charts, size_t n_charts, const struct ky_findings *findings,
			   struct ky_buf *out);
/* Rounds, charts, the table of changes for all respondents, unmatched and
 * rescaled items, methods; closes D. */
void ky_rounds_document(const struct ky_rounds *r, const struct ky_change *c, size_t n,
			const struct ky_report_opts *o, struct ky_doc *d);
const char *ky_rounds_title(enum ky_lang lang);
/* changes.csv: one row per matched item, grouping, group and pair of rounds. */
void ky_rounds_changes_csv(const struct ky_rounds *r, const struct ky_change *c, size_t n,
			   struct ky_buf *out);

/* The Markdown of compare's report.pptx: title, findings, one slide per
 * chart (its PNG), methods. */
void ky_rounds_deck(const struct ky_rounds *r, const struct ky_report_opts *o, const char *title,
		    struct ky_buf *out);

#endif
