/* ky_plot.h - charts through one gnuplot process fed by a pipe.
 *
 * C code sends only data and safely quoted strings; all styling lives in the
 * gnuplot templates under the plots directory (plots/NAME.gp).  User text
 * reaches gnuplot only through ky_plot_quote(), as variable assignments that
 * templates use as expressions (never as @macros) with `noenhanced`.
 * Datablocks carry numbers only.  Output file names are built from sanitised
 * ids, never from user text.
 */
#ifndef KY_PLOT_H
#define KY_PLOT_H

#include <stddef.h>
#include <stdint.h>

#include "ky_buf.h"
#include "ky_error.h"

enum ky_chart_kind {
	KY_CHART_DIVERGING,    /* bipolar scale: negative left of 0, neutral centred */
	KY_CHART_STACKED100,   /* stacked bars on 0-100 %, levels in order (a unipolar
				  scale; ranks; one level: plain bars of a share) */
	KY_CHART_MEANS,        /* a dot with its interval per (item, series), items
				  as rows, series (groups) in colours and shapes */
	KY_CHART_DUMBBELL,     /* as KY_CHART_MEANS, each item's dots joined by a
				  line: change between rounds (series = rounds) */
	KY_CHART_TREND,        /* one line per item over the rounds (x: series =
				  round, LEVEL_LABEL the round names) with its
				  95 % band; AXIS_* the y axis, XLABEL its title */
	KY_CHART_BARS          /* plain bars of a share (one level), the axis from
				  0 to AXIS_MAX % in steps of AXIS_STEP (terms of
				  open answers) */
};

/* One bar (or, for KY_CHART_MEANS, one dot): an item, optionally for one group.
 * Rows of one item are consecutive and share LABEL. */
struct ky_chart_row {
	const char *label;          /* item text (statement), any UTF-8 */
	const char *group;          /* group name, or NULL for all respondents */
	uint64_t n_valid;           /* n shown beside the bar */
	const double *pct;          /* [n_levels] percent (bars) */
	uint64_t n_nonsub;          /* non-substantive answers, shown apart */
	double nonsub_pct;          /* percent of all answers (valid + non-substantive) */
	int suppressed;             /* hidden for anonymity: the bar is empty and says so */
	const char *tail;           /* appended to the bar's n text (e.g. "NPS -31.6"), or NULL */
	size_t series;              /* KY_CHART_MEANS: series index */
	double est, est_lo, est_hi; /* KY_CHART_MEANS: the dot and its interval */
};

struct ky_chart {
	enum ky_chart_kind kind;
	const char *id;             /* file stem; sanitised again by the plotter */
	const char *title;          /* block question text, any UTF-8 */
	const char *note;           /* footnote line (n, scale), any UTF-8; may be NULL */
	size_t n_levels;
	const char *const *level_label;   /* [n_levels] scale labels, low to high; for
					     KY_CHART_MEANS the series' legend texts */
	const char *nonsub_label;   /* legend text for the apart bar, e.g. "En osaa sanoa"; NULL if none */
	size_t n_rows;
	const struct ky_chart_row *rows;
	const char *xlabel;         /* x axis title, any UTF-8 */
	const char *suppressed_text;/* "suppressed" in the chart's language */
	int dark_first;             /* sequential colours from dark (ranks: 1st darkest) */
	double axis_min, axis_max, axis_step;  /* KY_CHART_MEANS: x axis */
	int slide;                  /* a slide's chart: PNG only, no title, note or axis
				       title, sized so its text is at least 12 pt on the
				       content area of kysely's reference deck (9.4 x 4.3 in) */
};

struct ky_plotter;

/* Starts one gnuplot process (GNUPLOT may be NULL for "gnuplot" on PATH),
 * with templates read from PLOTS_DIR. */
struct ky_plotter *ky_plot_open(const char *gnuplot, const char *plots_dir,
				struct ky_error *err);

/* Renders chart C into OUT_DIR as OUT_DIR/<id>.png and/or .svg (FORMATS is a
 * comma list of "png", "svg", "pdf").  Returns 0, or -1 with ERR holding the
 * gnuplot message for this chart. */
int ky_plot_render(struct ky_plotter *p, const struct ky_chart *c, const char *out_dir,
		   const char *formats, struct ky_error *err);

/* Whether slide chart C (its rows) fits the slide's content area. */
int ky_plot_slide_fits(const struct ky_chart *c);
/* Whether chart C (PNG) fits one printed A4 page with a heading above it:
 * at most 1150 px tall (about 127 mm as the report prints it: two to a
 * page, the first below the title and key findings). */
int ky_plot_page_fits(const struct ky_chart *c);

/* Ends the gnuplot process; returns -1 if it did not exit cleanly. NULL ok. */
int ky_plot_close(struct ky_plotter *p, struct ky_error *err);

/* For a signal handler: kills the running gnuplot (async-signal-safe). */
void ky_plot_kill_from_signal(void);

/* Appends S to OUT as a gnuplot string expression: single-quoted literals,
 * a quote inside S joined in as "'" (e.g. it's -> 'it'."'".'s'),
 * control bytes become spaces. */
void ky_plot_quote(struct ky_buf *out, const char *s);

/* Writes into OUT a file-name-safe version of ID: [a-z0-9_-], at most 64 bytes. */
void ky_plot_sanitize_id(struct ky_buf *out, const char *id);

#endif
