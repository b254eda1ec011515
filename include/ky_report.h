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
#include "ky_lang.h"
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

/* Which respondent counts of grouping G may not be shown: HIDE[i] for the
 * group at report position i, HIDE[n_groups] for those without a group.  A
 * count below min_n is hidden, and when only one is, the smallest other one
 * too, so that none can be recovered from the total. */
void ky_grouping_hidden(const struct ky_survey *s, size_t g, unsigned char *hide);

/* The note of a row hidden for anonymity (one text for every output). */
void ky_report_suppressed_note(const struct ky_survey *s, struct ky_buf *out);
/* CSV cells with their leading comma: a number (15 significant digits,
 * empty when NaN), a count, the anonymity note. */
void ky_csv_num(struct ky_buf *out, double x);
void ky_csv_count(struct ky_buf *out, uint64_t x);
void ky_csv_suppressed_note(struct ky_buf *out, const struct ky_survey *s);
/* mean,sd,median,q1,q3,mean_ci_low,mean_ci_high of D, each with its comma. */
struct ky_describe;
void ky_csv_describe(struct ky_buf *out, const struct ky_describe *d);

/* ky_stats_describe of the columns' tallies (their scale's values and
 * ordinal flag), each computed when first asked for and then kept, so the
 * outputs of one run share them. */
struct ky_describe_cache;
struct ky_describe_cache *ky_describe_cache_new(const struct ky_survey *s);
void ky_describe_cache_free(struct ky_describe_cache *cache);
/* Column COLUMN in SLOT into D; CACHE NULL: computed each time. */
void ky_report_describe(struct ky_describe_cache *cache, const struct ky_survey *s,
			size_t column, size_t slot, struct ky_describe *d);

void ky_report_frequencies_csv(const struct ky_survey *s, struct ky_buf *out);
void ky_report_descriptives_csv(const struct ky_survey *s, struct ky_buf *out);
/* The same with the statistics from CACHE (NULL: computed). */
void ky_report_descriptives_csv_with(const struct ky_survey *s, struct ky_describe_cache *cache,
				     struct ky_buf *out);

/* One test of one item within one grouping.  Pairs name both groups (A, B:
 * positions in the grouping's report order); tests over all groups have
 * A = B = (size_t)-1 and empty names. */
struct ky_comparison {
	size_t column;                   /* the item, or (size_t)-1 for a scale score */
	size_t block;                    /* the block of a scale score, else KY_NO_BLOCK */
	size_t g, a, b;
	const char *group_a, *group_b;   /* borrowed from the survey */
	struct ky_test t;
	double p_holm, p_bh;             /* adjusted over the items of the block */
	int suppressed;                  /* a group of the pair is hidden: nothing shown */
};

/* Every comparison of the survey: items in column order; per item and
 * grouping the Mann-Whitney pairs, the Welch pairs, Kruskal-Wallis (3+
 * groups), chi-square and Fisher (when it applies); then the scale score of
 * each multi-item block (rank and t tests, no chi-square).  Groups hidden for
 * anonymity take part in no test: their pairs are rows without numbers,
 * tests over all groups run on the shown groups.  Caller frees *OUT. */
size_t ky_report_comparisons(const struct ky_survey *s, struct ky_comparison **out);
/* Id and text of what row C tests: the item's, or for a scale score the
 * block id and "Scale score: <block title>" (written into TEXT). */
const char *ky_comparison_id(const struct ky_survey *s, const struct ky_comparison *c);
const char *ky_comparison_text(const struct ky_survey *s, const struct ky_comparison *c,
			       struct ky_buf *text);
void ky_report_comparisons_csv(const struct ky_survey *s, struct ky_buf *out);
/* The same from comparisons already computed by ky_report_comparisons(). */
void ky_report_comparisons_csv_rows(const struct ky_survey *s, const struct ky_comparison *cmp,
				    size_t n, struct ky_buf *out);

/* A block's name in tables: its question stem, or "Items Q7–Q11" for
 * statements without one (written into BUF). */
const char *ky_block_label(const struct ky_survey *s, const struct ky_block *b,
			   struct ky_buf *buf);
/* Multi-item scales: reliability.csv (one row per block, then per item) and
 * scales.csv (the scale score described per group). */
void ky_report_reliability_csv(const struct ky_survey *s, struct ky_buf *out);
void ky_report_scales_csv(const struct ky_survey *s, struct ky_buf *out);
/* multiselect.csv and ranking.csv; options sorted by importance. */
void ky_report_multiselect_csv(const struct ky_survey *s, struct ky_buf *out);
void ky_report_ranking_csv(const struct ky_survey *s, struct ky_buf *out);
/* Option order of choice question Q: most chosen first (multi-select),
 * highest Borda score first (ranking), over all respondents.  Caller frees. */
size_t *ky_choice_order(const struct ky_choice *q);
/* Respondents in SLOT who ranked option O, and their mean rank (NaN if none). */
uint64_t ky_choice_ranked(const struct ky_choice *q, size_t slot, size_t o, double *mean_rank);
/* Borda points of option O in SLOT: a rank r gives n_positions - r + 1. */
uint64_t ky_choice_borda(const struct ky_choice *q, size_t slot, size_t o);
/* Detractors (0-6), passives (7-8), promoters (9-10) of NPS column C in
 * SLOT, into GRP[0..2], and the score with its interval. */
struct ky_nps;
void ky_report_nps(const struct ky_column *c, size_t slot, uint64_t grp[3], struct ky_nps *nps);
/* nps.csv: promoters (9-10), passives (7-8), detractors (0-6) and the score. */
void ky_report_nps_csv(const struct ky_survey *s, struct ky_buf *out);

/* A rendered chart, for the JSON, Markdown and HTML reports. */
enum ky_chart_about {
	KY_ABOUT_BLOCK,              /* distribution of a block's items (index: block) */
	KY_ABOUT_MEANS,              /* a block's means by group (index: block) */
	KY_ABOUT_CHOICE,             /* multi-select or ranking (index: choice) */
	KY_ABOUT_NPS,                /* NPS question (index: column) */
	KY_ABOUT_TERMS               /* terms of an open question (index: column) */
};
struct ky_chart_file {
	enum ky_chart_about about;
	size_t index;
	char *stem;                  /* file name without extension, in charts/ */
	size_t n_parts;              /* with "slides" in FORMATS: the chart for slides, */
	char **parts;                /* in parts that fit one each: charts/slides/PART.png */
	size_t n_pages;              /* a PNG chart taller than a printed page: the same */
	char **pages;                /* in parts that fit one each: charts/pages/PART.png */
};

/* Renders every chart of the survey into DIR in LANG's wording (a PNG
 * chart too tall for a printed page also in parts, into DIR/pages, for
 * report.html and report.docx).  Fills
 * *FILES (caller frees with ky_report_free_charts).  A "slides" item in
 * FORMATS also renders each chart for slides into DIR/slides (which must
 * exist), split into parts that each fit a slide with text of 12 pt or more
 * (ky_chart.slide): an item's rows stay together unless one item alone does
 * not fit. */
int ky_report_charts(const struct ky_survey *s, struct ky_plotter *p, const char *dir,
		     const char *formats, enum ky_lang lang, struct ky_chart_file **files,
		     size_t *n_files, struct ky_error *err);
/* The chart of each open question's terms (struct ky_terms, below),
 * appended to *FILES. */
struct ky_terms;
int ky_report_term_charts(const struct ky_survey *s, const struct ky_terms *terms,
			  struct ky_plotter *p, const char *dir, const char *formats,
			  enum ky_lang lang, struct ky_chart_file **files, size_t *n_files,
			  struct ky_error *err);
/* The stem of the chart about ABOUT/INDEX, or NULL. */
/* Chart C (rendered as F) again for slides into DIR/slides, in parts that
 * fit a slide (see above); compare's charts use it too.  Trend charts are
 * left as drawn. */
struct ky_chart;
int ky_report_slide_parts(struct ky_plotter *p, const char *dir, const struct ky_chart *c,
			  struct ky_chart_file *f, struct ky_error *err);
const char *ky_report_chart_for(const struct ky_chart_file *files, size_t n,
				enum ky_chart_about about, size_t index);
void ky_report_free_charts(struct ky_chart_file *files, size_t n);


/* The open answers with personal data (ky_mask.h) and people's names
 * (ky_text.h) masked in LANG's placeholders, computed once for every
 * output.  Opens Voikko when the survey has open answers: NULL with ERR when
 * it (or its Finnish dictionary) cannot be loaded, for names must not be
 * left unmasked. */
struct ky_masked_answers;
struct ky_masked_answers *ky_report_mask_answers(const struct ky_survey *s, enum ky_lang lang,
						 struct ky_error *err);
/* The masked text of value V of open column COLUMN. */
const char *ky_report_masked(const struct ky_masked_answers *m, size_t column, size_t v);
/* Names masked in the answers to COLUMN (each answer counted as often as it
 * was given). */
uint64_t ky_report_masked_names(const struct ky_masked_answers *m, size_t column);
void ky_report_masked_free(struct ky_masked_answers *m);

/* The terms of open answers (keywords.csv, the report, the deck): per open
 * question and group, the words mentioned by base form (Finnish by Voikko,
 * Swedish and English by Snowball stem, shown by their most frequent
 * form), stop words and numbers left out. */
struct ky_term {
	const char *term;            /* base form, or the stem's most frequent form */
	uint64_t n_answers;          /* answers mentioning it in any form */
	double pct_answers;          /* of the group's answers to the question */
	const char *example;         /* a short (masked) answer using it */
};
struct ky_term_group {
	const char *grouping;        /* "*" or the grouping column's header */
	const char *group;           /* "*", the group, or the pool (ky_words others) */
	size_t g;                    /* grouping index, (size_t)-1 for everybody */
	size_t slot;                 /* survey slot, (size_t)-1 for the pool */
	uint64_t n_answers;          /* the group's answers to the question */
	int hidden;                  /* below min_n: no terms */
	size_t n_terms;
	struct ky_term *term;        /* most mentioned first, ties by term */
};
struct ky_term_question {
	size_t column;
	size_t n_groups;             /* everybody; per grouping its groups in report */
	struct ky_term_group *group; /* order, then its hidden groups and those
					without a group pooled (when any) */
};
struct ky_terms {
	size_t n_questions;
	struct ky_term_question *q;  /* open columns in column order */
	int voikko;                  /* Finnish by Voikko (0: Snowball's stemmer) */
};
/* The terms of every open question: of the masked answers M, or of the
 * answers as given when M is NULL (--no-mask).  A term is listed for a
 * group when at least ky_terms_threshold() answers mention it.  NULL with
 * ERR when libstemmer cannot be loaded.  Free with ky_terms_free. */
struct ky_terms *ky_report_terms(const struct ky_survey *s, enum ky_lang lang,
				 struct ky_masked_answers *m, struct ky_error *err);
void ky_terms_free(struct ky_terms *t);
/* 2; or min_n when the group gave fewer than 4 x min_n answers. */
uint64_t ky_terms_threshold(unsigned min_n, uint64_t n_answers);
/* Up to three quotes of a group: the distinct examples of its first terms,
 * into QUOTES; returns how many (the report's and the deck's choice). */
size_t ky_terms_quotes(const struct ky_term_group *g, const char *quotes[3]);
/* The terms of open column COLUMN, or NULL. */
const struct ky_term_question *ky_terms_for(const struct ky_terms *t, size_t column);
/* keywords.csv: item_id,item_text,grouping,group,term,n_answers,
 * pct_answers,example; groups in the order above, hidden ones left out. */
void ky_report_keywords_csv(const struct ky_survey *s, const struct ky_terms *t,
			    struct ky_buf *out);

/* The report (report.md, report.html): the same content in both. */
struct ky_report_opts {
	enum ky_lang lang;
	int mask;                    /* mask personal data in open answers */
	const struct ky_chart_file *charts;
	size_t n_charts;
	const char *chart_ext;       /* "png", "svg" or "pdf" charts to show; NULL: none */
	const char *chart_dir;       /* where they are, for embedding in HTML */
	/* ky_report_comparisons() of the survey when HAS_CMP (computed once for
	 * all outputs); else each output computes them itself. */
	int has_cmp;
	const struct ky_comparison *cmp;
	size_t n_cmp;
	/* with MASK: the masked open answers in LANG's wording, or NULL (each
	 * output masks them itself) */
	const struct ky_masked_answers *masked;
	struct ky_describe_cache *describe;   /* or NULL */
	/* the terms of the open answers (ky_report_terms), or NULL: none shown */
	const struct ky_terms *terms;
	const struct ky_findings *findings;   /* or NULL: computed by each output */
};
struct ky_doc;
void ky_report_document(const struct ky_survey *s, const struct ky_report_opts *o,
			struct ky_doc *d);
/* summary.json: every table's numbers in one document; open answers masked
 * as O says (O's charts fields are not used). */
int ky_report_summary_json(const struct ky_survey *s, const struct ky_chart_file *charts,
			   size_t n_charts, const struct ky_report_opts *o, struct ky_buf *out,
			   struct ky_error *err);
/* Plain words for the size of a test's effect: 0 negligible .. 3 large. */
int ky_effect_size_class(enum ky_test_kind kind, double effect);

/* tables.xlsx: one worksheet per table, NAME its sheet ("frequencies")
 * and CSV the table's CSV text as the run wrote it; a first sheet explains
 * every sheet and column in LANG.  Numbers are written as numbers, other
 * cells as strings (never formulas).  Deterministic bytes.  Opens
 * libxlsxwriter with dlopen() (KY_ERR_TOOL naming the package if missing). */
struct ky_xlsx_table {
	const char *name;
	const char *csv;
	size_t len;
};
int ky_report_tables_xlsx(const char *path, enum ky_lang lang, const char *title,
			  const struct ky_xlsx_table *tables, size_t n, struct ky_error *err);
/* The same written to TMP_PATH, read into OUT and removed (thread-safe:
 * the caller writes OUT as tables.xlsx into its output folder). */
int ky_report_tables_xlsx_buf(const char *tmp_path, enum ky_lang lang, const char *title,
			      const struct ky_xlsx_table *tables, size_t n, struct ky_buf *out,
			      struct ky_error *err);

/* The key findings in words (docs/findings.md), in LANG: KIND
 * "response_rate", "highest_top2", "lowest_top2", "difference",
 * "nonsubstantive" or "change"; ITEM_ID borrowed (NULL for the response
 * rate); the numbers as named fields (a number, or a string when S). */
#define KY_FINDING_FIELDS 12
struct ky_finding_field {
	const char *key;
	const char *s;               /* a string field, or NULL for the number X */
	double x;
	int integer;                 /* X is a count: written without decimals */
};
struct ky_finding {
	const char *kind;
	const char *item_id;
	char *text;
	size_t n_fields;
	struct ky_finding_field field[KY_FINDING_FIELDS];
};
struct ky_findings {
	size_t n, cap;
	struct ky_finding *f;
};
struct ky_findings *ky_report_findings(const struct ky_survey *s, const struct ky_comparison *cmp,
				       size_t n_cmp, struct ky_describe_cache *cache,
				       enum ky_lang lang);
struct ky_rounds;
struct ky_change;
struct ky_findings *ky_rounds_findings(const struct ky_rounds *r, const struct ky_change *ch,
				       size_t n, enum ky_lang lang);
void ky_findings_free(struct ky_findings *f);
/* A level-2 heading and the findings as a list. */
void ky_findings_document(const struct ky_findings *f, enum ky_lang lang, struct ky_doc *d);

/* X with DECIMALS decimals as the reports write it: "–" when undefined,
 * a decimal comma unless English, a typographic minus.  Returns BUF. */
const char *ky_report_fmt_num(enum ky_lang lang, char buf[48], double x, int decimals);

/* The Markdown of report.pptx (for pandoc, gfm+yaml_metadata_block,
 * --slide-level=2): title slide, key findings (O->findings), every chart's
 * slide parts (O->charts, rendered with "slides"), group differences
 * (O->cmp), open answers and methods. */
void ky_report_deck(const struct ky_survey *s, const struct ky_report_opts *o, const char *title,
		    struct ky_buf *out);

struct ky_outdir;
/* Pieces of a deck, also for compare's: the YAML title block, a slide
 * heading ("TITLE (PART/N_PARTS)", cut to fit), the findings over as many
 * slides as they need. */
void ky_report_deck_header(struct ky_buf *out, const char *title, const char *subtitle,
			   enum ky_lang lang);
void ky_report_deck_slide(struct ky_doc *d, const char *title, size_t part, size_t n_parts);
void ky_report_deck_findings(struct ky_doc *d, const struct ky_findings *f, enum ky_lang lang);

/* pandoc as a child process (fork/exec, no shell): converts Markdown file
 * MD (gfm) to OUT (".pptx" or ".docx" decides the format), both absolute
 * paths, images found under RESOURCE_DIR; REFERENCE (or NULL) is the
 * --reference-doc.  SOURCE_DATE_EPOCH is fixed, so the same input gives the
 * same bytes.  A missing pandoc is KY_ERR_TOOL naming the Debian package. */
int ky_pandoc_check(struct ky_error *err);
int ky_pandoc_convert(const char *md, const char *out, const char *resource_dir,
		      const char *reference, struct ky_error *err);
/* NAME (report.pptx, report.docx) into OD's staging folder from the
 * Markdown MD (LEN bytes; its images relative to the folder): the Markdown
 * and pandoc's file are temporary files of the folder, removed after. */
int ky_pandoc_output(struct ky_outdir *od, const char *name, const char *md, size_t len,
		     const char *reference, struct ky_error *err);

#endif
