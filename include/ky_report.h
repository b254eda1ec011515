/* ky_report.h - the outputs of `kysely analyze`: tables (CSV), everything
 * (JSON), charts and a Markdown report, all computed from the survey's tallies.
 *
 * Row order everywhere: items in column order; for each item first all
 * respondents (grouping "*", group "*"), then each grouping column in the
 * order given, its groups in report order.
 */
#ifndef KY_REPORT_H
#define KY_REPORT_H

#include <stddef.h>

#include "ky_buf.h"
#include "ky_compare.h"
#include "ky_error.h"
#include "ky_plot.h"
#include "ky_survey.h"

/* One (grouping, group) combination: slot 0 is everybody. */
struct ky_slotref {
	size_t slot;
	const char *grouping;        /* "*" or the grouping column's header */
	const char *group;           /* "*" or the group name */
	size_t g;                    /* grouping index, or (size_t)-1 for "*" */
};

/* All slots in report order; the caller frees the array. */
size_t ky_report_slots(const struct ky_survey *s, struct ky_slotref **out);

/* Appends S to OUT as one RFC 4180 CSV field.  Text that a spreadsheet would
 * run as a formula (starting with = + - @, tab or CR) is prefixed with '. */
void ky_csv_text(struct ky_buf *out, const char *s);

/* The note of a row hidden for anonymity (one text for every output). */
void ky_report_suppressed_note(const struct ky_survey *s, struct ky_buf *out);

void ky_report_frequencies_csv(const struct ky_survey *s, struct ky_buf *out);
void ky_report_descriptives_csv(const struct ky_survey *s, struct ky_buf *out);

/* One test of one item within one grouping.  Pairs name both groups (A, B:
 * positions in the grouping's report order); tests over all groups have
 * A = B = (size_t)-1 and empty names. */
struct ky_comparison {
	size_t column, g, a, b;
	const char *group_a, *group_b;   /* borrowed from the survey */
	struct ky_test t;
	double p_holm, p_bh;             /* adjusted over the items of the block */
	int suppressed;                  /* a group of the pair is hidden: nothing shown */
};

/* Every comparison of the survey: items in column order; per item and
 * grouping the Mann-Whitney pairs, the Welch pairs, Kruskal-Wallis (3+
 * groups), chi-square and Fisher (when it applies).  Groups hidden for
 * anonymity take part in no test: their pairs are rows without numbers,
 * tests over all groups run on the shown groups.  Caller frees *OUT. */
size_t ky_report_comparisons(const struct ky_survey *s, struct ky_comparison **out);
void ky_report_comparisons_csv(const struct ky_survey *s, struct ky_buf *out);

/* A rendered chart, for the JSON and Markdown reports. */
struct ky_chart_file {
	size_t block;                /* block index */
	char *stem;                  /* file name without extension, in charts/ */
};

/* Renders one chart per block (the first grouping splits the bars) into
 * DIR/charts.  Fills *FILES (caller frees with ky_report_free_charts). */
int ky_report_charts(const struct ky_survey *s, struct ky_plotter *p, const char *dir,
		     const char *formats, struct ky_chart_file **files, size_t *n_files,
		     struct ky_error *err);
void ky_report_free_charts(struct ky_chart_file *files, size_t n);

int ky_report_summary_json(const struct ky_survey *s, const struct ky_chart_file *charts,
			   size_t n_charts, struct ky_buf *out, struct ky_error *err);
void ky_report_markdown(const struct ky_survey *s, const struct ky_chart_file *charts,
			size_t n_charts, const char *chart_ext, struct ky_buf *out);

#endif
