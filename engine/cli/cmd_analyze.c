/* cmd_analyze.c - `kysely analyze`: read and tally one export, then write
 * tables, summary.json, charts and report.md into a staged output directory
 * that replaces OUTDIR only when everything succeeded. */
#define _GNU_SOURCE
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "ky_doc.h"
#include "ky_ingest.h"
#include "ky_lang.h"
#include "ky_plot.h"
#include "ky_report.h"
#include "ky_survey.h"

static void help(const struct ky_command *cmd)
{
	printf("usage: kysely %s\n\n"
	       "Analyses one survey export (CSV: UTF-8 with or without BOM, ';' ',' or tab\n"
	       "separated, one header row of question texts, one row per respondent).\n"
	       "Several exports (or definitions) of the same statements, one per audience\n"
	       "(residents, staff), are read as one survey with the grouping 'audience';\n"
	       "statements are matched by the text after the question stem.\n"
	       "Likert columns are recognised from their labels (Finnish, Swedish, English),\n"
	       "numbers as ratings, short texts as categories, long texts as open answers.\n\n"
	       "options:\n"
	       "  -g, --group COLUMN   a background column to compare groups by (header text,\n"
	       "                       id such as Q3, or 1-based number); repeatable; the first\n"
	       "                       one splits the chart bars\n"
	       "  -o, --output OUTDIR  where to write the results (default: out/<file name>);\n"
	       "                       replaced as a whole only when the run succeeds\n"
	       "      --min-n N        hide results of any group with fewer than N answers to\n"
	       "                       an item, and of groups that would reveal it by\n"
	       "                       subtraction (default 5; 0 shows every group)\n"
	       "      --reverse ITEM   a reverse-keyed item of a multi-item scale (header, id\n"
	       "                       or number); repeatable; used for reliability and scale\n"
	       "                       scores only\n"
	       "      --population N   how many were invited, for the response rate\n"
	       "      --weight COLUMN  weight the respondents by this column (survey package\n"
	       "                       estimates; counts stay unweighted)\n"
	       "      --lang fi|sv|en  wording of charts and reports (default fi)\n"
	       "      --no-mask        keep e-mail addresses, phone numbers, personal identity\n"
	       "                       codes and people's names in open answers (masked by\n"
	       "                       default; masking names needs Voikko and voikko-fi)\n"
	       "      --no-charts      skip chart rendering (no gnuplot needed)\n"
	       "      --format LIST    chart formats, comma-separated: png,svg,pdf (default png,svg)\n"
	       "      --report LIST    reports, comma-separated: html,md,pptx,docx (default\n"
	       "                       html,md; pptx and docx are made by pandoc)\n"
	       "      --template FILE  the county's .pptx (slide master: logos, footer) or\n"
	       "                       .docx (styles) for report.pptx / report.docx\n"
	       "      --delimiter C    force the field separator: ';' ',' '|' or 'tab'\n"
	       "      --max-cell BYTES     refuse a cell larger than this (default 16M)\n"
	       "      --max-columns N      refuse a row with more fields (default 20000)\n"
	       "      --max-unzipped BYTES refuse an XLSX that decompresses to more (default 1G)\n"
	       "      --list           only list the columns and what kysely made of them\n"
	       "      --gnuplot PATH   the gnuplot program (default: gnuplot on PATH)\n"
	       "      --no-fsync       do not fsync each output (the caller syncs; kysely\n"
	       "                       batch does, once for all its surveys)\n"
	       "  -q, --quiet          print only errors\n"
	       "  -h, --help           this text\n\n"
	       "outputs in OUTDIR: summary.json, frequencies.csv, descriptives.csv,\n"
	       "comparisons.csv, reliability.csv, scales.csv, multiselect.csv, ranking.csv,\n"
	       "nps.csv, keywords.csv (with open questions), tables.xlsx (every table),\n"
	       "report.html (self-contained), report.md, report.pptx and report.docx when\n"
	       "asked for, charts/*.png|svg|pdf.\n"
	       "Exit status: 0 ok, 2 usage, 3 file error, 4 malformed input, 5 nothing to\n"
	       "analyse, 6 over a limit, 7 gnuplot failed.\n",
	       cmd->usage);
}

struct analyze_opts {
	const char *input, *outdir, *formats, *gnuplot, *weight;
	const char *const *inputs;   /* [n_inputs] one per audience (input = inputs[0]) */
	size_t n_inputs;
	const char **groups, **reverse;
	size_t n_groups, n_reverse;
	unsigned long long population;
	int charts, list, quiet, mask, no_fsync;
	enum ky_lang lang;
	unsigned min_n;
	char delimiter;
	int min_n_set, lang_set;
	unsigned reports;            /* KY_CLI_REPORT_* */
	int report_set;
	const char *template_pptx, *template_docx;
	struct ky_reader_options limits;
};

static int parse(const struct ky_command *cmd, int argc, char **argv, struct analyze_opts *o)
{
	static const struct option longopts[] = {
		{ "group", required_argument, 0, 'g' },  { "output", required_argument, 0, 'o' },
		{ "no-charts", no_argument, 0, 'n' },    { "format", required_argument, 0, 'f' },
		{ "delimiter", required_argument, 0, 'd' }, { "list", no_argument, 0, 'l' },
		{ "gnuplot", required_argument, 0, 'G' }, { "quiet", no_argument, 0, 'q' },
		{ "help", no_argument, 0, 'h' },         { "min-n", required_argument, 0, 'm' },
		{ "reverse", required_argument, 0, 'r' }, { "population", required_argument, 0, 'P' },
		{ "lang", required_argument, 0, 'L' },   { "no-mask", no_argument, 0, 'M' },
		{ "max-cell", required_argument, 0, 'C' }, { "max-columns", required_argument, 0, 'K' },
		{ "max-unzipped", required_argument, 0, 'Z' },
		{ "no-fsync", no_argument, 0, 'S' },      { "weight", required_argument, 0, 'W' },
		{ "report", required_argument, 0, 'R' }, { "template", required_argument, 0, 'T' },
		{ 0, 0, 0, 0 },
	};
	memset(o, 0, sizeof(*o));
	o->charts = 1;
	o->mask = 1;
	o->lang = KY_LANG_FI;
	o->formats = "png,svg";
	o->min_n = 5;
	o->reports = KY_CLI_REPORT_HTML | KY_CLI_REPORT_MD;
	o->groups = calloc((size_t)argc + 1, sizeof(char *));
	o->reverse = calloc((size_t)argc + 1, sizeof(char *));
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "g:o:qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'g': o->groups[o->n_groups++] = optarg; break;
		case 'r': o->reverse[o->n_reverse++] = optarg; break;
		case 'P': {
			char *end;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (!*optarg || *end || !v || optarg[0] == '-') {
				fprintf(stderr, "kysely: --population takes a positive whole number "
						"(how many were invited)\n");
				return 2;
			}
			o->population = v;
			break;
		}
		case 'o': o->outdir = optarg; break;
		case 'W': o->weight = optarg; break;
		case 'C':
		case 'K':
		case 'Z':
			if (ky_cli_limit(ch == 'C' ? "max-cell" : ch == 'K' ? "max-columns"
					 : "max-unzipped", optarg, &o->limits))
				return 2;
			break;
		case 'n': o->charts = 0; break;
		case 'M': o->mask = 0; break;
		case 'S': o->no_fsync = 1; break;
		case 'L':
			if (ky_lang_parse(optarg, &o->lang) < 0) {
				fprintf(stderr, "kysely: --lang takes fi, sv or en\n");
				return 2;
			}
			o->lang_set = 1;
			break;
		case 'f': o->formats = optarg; break;
		case 'R':
			if (ky_cli_reports(optarg, &o->reports) < 0) {
				fprintf(stderr, "kysely: --report takes html, md, pptx and docx, "
						"comma-separated\n");
				return 2;
			}
			o->report_set = 1;
			break;
		case 'T':
			if (ky_cli_template(optarg, &o->template_pptx, &o->template_docx) < 0)
				return 2;
			break;
		case 'l': o->list = 1; break;
		case 'G': o->gnuplot = optarg; break;
		case 'q': o->quiet = 1; break;
		case 'd':
			if (!strcmp(optarg, "tab") || !strcmp(optarg, "\\t"))
				o->delimiter = '\t';
			else if (strlen(optarg) == 1 && strchr(";,|", optarg[0]))
				o->delimiter = optarg[0];
			else {
				fprintf(stderr, "kysely: --delimiter takes ';' ',' '|' or 'tab'\n");
				return 2;
			}
			break;
		case 'm': {
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);
			if (!*optarg || *end || v > 1000000 || optarg[0] == '-') {
				fprintf(stderr, "kysely: --min-n takes a whole number (0 shows every "
						"group)\n");
				return 2;
			}
			o->min_n = (unsigned)v;
			o->min_n_set = 1;
			break;
		}
		case 'h': help(cmd); return 0;
		default:
			fprintf(stderr, "usage: kysely %s\n(`kysely analyze --help` explains the "
					"options)\n", cmd->usage);
			return 2;
		}
	}
	int missing = 0;     /* `--group A B`: B is no file, the flag was meant */
	for (int k = optind + 1; k < argc; k++)
		missing |= access(argv[k], F_OK) != 0;
	if (optind >= argc || missing) {
		fprintf(stderr, "kysely: analyze takes one export file or survey definition "
				"(or several, one per audience)%s\nusage: kysely %s\n",
			missing ? " (give each --group its own flag)" : "", cmd->usage);
		return 2;
	}
	o->input = argv[optind];
	o->inputs = (const char *const *)argv + optind;
	o->n_inputs = (size_t)(argc - optind);
	for (const char *p = o->formats; *p;) {
		size_t n = strcspn(p, ",");
		if (!((n == 3 && (!strncmp(p, "png", 3) || !strncmp(p, "svg", 3) ||
				  !strncmp(p, "pdf", 3))))) {
			fprintf(stderr, "kysely: --format takes png, svg and pdf, comma-separated\n");
			return 2;
		}
		p += n + (p[n] == ',');
	}
	return -1;
}

static int fail(const struct ky_error *err)
{
	char msg[1024];
	fprintf(stderr, "kysely: %s\n", ky_error_format(err, msg, sizeof(msg)));
	return ky_error_exit_status(err->code);
}

static void list_columns(const struct ky_survey *s)
{
	printf("%s: %llu respondents, %zu columns (%s, '%s')\n", s->path,
	       (unsigned long long)s->n_respondents, s->n_columns, s->encoding,
	       s->delimiter == '\t' ? "tab" : (char[]){ s->delimiter, 0 });
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		printf("%4zu %-8s %-11s %-18s %s\n", i + 1, c->id, ky_coltype_name(c->type),
		       ky_column_is_item(c) ? c->scale.id : "-", c->header);
	}
}

static char *default_outdir(const char *input)
{
	const char *base = strrchr(input, '/');
	base = base ? base + 1 : input;
	size_t n = strcspn(base, ".");
	char *out = malloc(n + 5);
	snprintf(out, n + 5, "out/%.*s", (int)n, base);
	return out;
}

/* The chart format a report shows: Markdown links the first one asked for;
 * HTML embeds PNG, else SVG (a PDF cannot be an image in a page). */
static const char *report_format(const char *formats, int html)
{
	static const char *const pref[] = { "png", "svg", "pdf" };
	if (!html) {
		for (size_t i = 0; i < 3; i++)
			if (!strncmp(formats, pref[i], 3))
				return pref[i];
		return NULL;
	}
	for (size_t i = 0; i < 2; i++)
		if (strstr(formats, pref[i]))
			return pref[i];
	return NULL;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* summary.json, the largest output, is made on a thread while the others
 * are made here when the input was read on two cores (a small input does
 * not gain: waking the other core here can take a millisecond, S +0.4 ms);
 * it reads only what it is given, with a describe cache of its own, and is
 * written by the caller. */
struct json_job {
	const struct ky_survey *s;
	const struct ky_chart_file *charts;
	size_t n_charts;
	struct ky_report_opts ro;
	struct ky_buf b;
	struct ky_error err;
	int rc;
};

static void *json_main(void *arg)
{
	struct json_job *j = arg;
	j->rc = ky_report_summary_json(j->s, j->charts, j->n_charts, &j->ro, &j->b, &j->err);
	return NULL;
}

/* tables.xlsx from the CSV texts, on a thread of its own. */
struct xlsx_job {
	enum ky_lang lang;
	const char *title;
	const struct ky_xlsx_table *tables;
	size_t n;
	struct ky_buf path, out;
	struct ky_error err;
	int rc;
};

static void *xlsx_main(void *arg)
{
	struct xlsx_job *j = arg;
	j->rc = ky_report_tables_xlsx_buf(j->path.buf, j->lang, j->title, j->tables, j->n,
					  &j->out, &j->err);
	return NULL;
}

static int write_outputs(const struct ky_survey *s, struct ky_outdir *od,
			 const struct analyze_opts *o, size_t *n_charts_out, double *chart_ms,
			 struct ky_error *err)
{
	struct ky_chart_file *charts = NULL;
	size_t n_charts = 0;
	int rc = 0;
	/* open answers masked and their terms found once for every output
	 * (Voikko and libstemmer are loaded only when there are some) */
	int n_open = 0;
	for (size_t i = 0; i < s->n_columns; i++)
		n_open += s->col[i].type == KY_COL_OPEN;
	struct ky_masked_answers *masked = NULL;
	struct ky_terms *terms = NULL;
	if (n_open && o->mask && !(masked = ky_report_mask_answers(s, o->lang, err)))
		return -1;
	if (n_open && !(terms = ky_report_terms(s, o->lang, masked, err))) {
		ky_report_masked_free(masked);
		return -1;
	}
	int term_charts = 0;
	for (size_t i = 0; terms && i < terms->n_questions; i++)
		term_charts |= terms->q[i].n_groups && terms->q[i].group[0].n_terms;
	/* computed once for comparisons.csv, both reports and summary.json */
	struct ky_comparison *cmp = NULL;
	size_t n_cmp = ky_report_comparisons(s, &cmp);
	struct ky_describe_cache *describe = ky_describe_cache_new(s);
	struct xlsx_job xj = { .lang = o->lang, .title = s->title, .path = KY_BUF_INIT,
			       .out = KY_BUF_INIT };
	ky_error_clear(&xj.err);
	int xlsx_threaded = 0;
	pthread_t xlsx_th;
	/* every table kept for tables.xlsx, made from the same text; keywords
	 * only when the export has open questions */
	enum { N_TABLES = 9 };
	struct ky_buf tb[N_TABLES];
	struct ky_xlsx_table xt[N_TABLES];
	static const char *const table_name[N_TABLES] = {
		"frequencies", "descriptives", "comparisons", "reliability", "scales",
		"multiselect", "ranking", "nps", "keywords",
	};
	static void (*const table_write[N_TABLES])(const struct ky_survey *, struct ky_buf *) = {
		ky_report_frequencies_csv, NULL, NULL, ky_report_reliability_csv,
		ky_report_scales_csv, ky_report_multiselect_csv, ky_report_ranking_csv,
		ky_report_nps_csv, NULL,
	};
	size_t n_tables = terms ? N_TABLES : N_TABLES - 1;
	for (size_t i = 0; i < N_TABLES; i++)
		tb[i] = (struct ky_buf)KY_BUF_INIT;
	for (size_t i = 0; i < n_tables && rc == 0; i++) {
		if (i == 1)
			ky_report_descriptives_csv_with(s, describe, &tb[i]);
		else if (i == 2)
			ky_report_comparisons_csv_rows(s, cmp, n_cmp, &tb[i]);
		else if (i == 8)
			ky_report_keywords_csv(s, terms, &tb[i]);
		else
			table_write[i](s, &tb[i]);
		char name[32];
		snprintf(name, sizeof(name), "%s.csv", table_name[i]);
		rc = ky_outdir_write(od, name, tb[i].buf, tb[i].len, err);
		xt[i] = (struct ky_xlsx_table){ table_name[i], tb[i].buf, tb[i].len };
	}
	/* tables.xlsx is made on a thread while the charts and reports are made */
	if (rc == 0) {
		static const char tmp_name[] = ".tables.xlsx.tmp";
		ky_buf_addf(&xj.path, "%s/%s", ky_outdir_stage(od), tmp_name);
		ky_outdir_track(od, tmp_name);
		xj.tables = xt;
		xj.n = n_tables;
		xlsx_threaded = pthread_create(&xlsx_th, NULL, xlsx_main, &xj) == 0;
		if (!xlsx_threaded)
			xlsx_main(&xj);
	}
	/* report.pptx and report.docx take PNG charts; the deck its slide parts */
	int pptx = (o->reports & KY_CLI_REPORT_PPTX) != 0, docx = (o->reports & KY_CLI_REPORT_DOCX) != 0;
	char formats[64];
	snprintf(formats, sizeof(formats), "%s%s%s", o->formats,
		 (pptx || docx) && !strstr(o->formats, "png") ? ",png" : "", pptx ? ",slides" : "");
	if (rc == 0 && o->charts && (s->n_blocks || term_charts)) {
		rc = ky_outdir_mkdir(od, "charts", err);
		if (rc == 0 && pptx)
			rc = ky_outdir_mkdir(od, "charts/slides", err);
		struct timespec t0;   /* from starting gnuplot to its exit: all charts */
		clock_gettime(CLOCK_MONOTONIC, &t0);
		struct ky_plotter *p = rc ? NULL : ky_plot_open(o->gnuplot, ky_cli_plots_dir(), err);
		if (!p)
			rc = -1;
		char dir[4200];
		snprintf(dir, sizeof(dir), "%s/charts", ky_outdir_stage(od));
		if (p) {
			rc = ky_report_charts(s, p, dir, formats, o->lang, &charts, &n_charts,
					      err);
			if (rc == 0)
				rc = ky_report_term_charts(s, terms, p, dir, formats, o->lang,
							   &charts, &n_charts, err);
			if (ky_plot_close(p, err) < 0)
				rc = -1;
		}
		*chart_ms = ms_since(&t0);
	}
	struct ky_buf b = KY_BUF_INIT;
	char chart_dir[4200];
	snprintf(chart_dir, sizeof(chart_dir), "%s/charts", ky_outdir_stage(od));
	struct ky_report_opts ro = { .lang = o->lang, .mask = o->mask, .charts = charts,
				     .n_charts = n_charts, .chart_dir = chart_dir,
				     .has_cmp = 1, .cmp = cmp, .n_cmp = n_cmp, .terms = terms };
	ro.masked = masked;
	ro.describe = describe;
	/* the key findings: first in both reports and in summary.json */
	struct ky_findings *findings = ky_report_findings(s, cmp, n_cmp, describe, o->lang);
	ro.findings = findings;
	struct json_job json = { .s = s, .charts = charts, .n_charts = n_charts, .ro = ro,
				 .b = KY_BUF_INIT };
	json.ro.describe = rc == 0 ? ky_describe_cache_new(s) : NULL;
	ky_error_clear(&json.err);
	pthread_t json_th;
	int json_threaded = rc == 0 && s->parallel > 0 &&
			    pthread_create(&json_th, NULL, json_main, &json) == 0;
	if (rc == 0 && !json_threaded)
		json_main(&json);
	/* report.md, report.html, then the Markdown pandoc makes report.docx from */
	for (int html = 0; html <= 2 && rc == 0; html++) {
		if (!(o->reports & (html == 0 ? KY_CLI_REPORT_MD : html == 1 ? KY_CLI_REPORT_HTML
							     : KY_CLI_REPORT_DOCX)))
			continue;
		ky_buf_reset(&b);
		ro.chart_ext = !o->charts ? NULL : html == 2 ? "png" : report_format(o->formats, html);
		const struct ky_words *w = ky_words(o->lang);
		const char *base = strrchr(s->path, '/');
		struct ky_buf title = KY_BUF_INIT;
		if (s->title)
			ky_buf_adds(&title, s->title);
		else
			ky_buf_addf(&title, "%s: %s", w->title, base ? base + 1 : s->path);
		for (size_t k = 1; !s->title && k < s->n_paths; k++) {  /* one per audience */
			const char *pb = strrchr(s->paths[k], '/');
			ky_buf_addf(&title, ", %s", pb ? pb + 1 : s->paths[k]);
		}
		struct ky_doc d;
		ky_doc_begin(&d, html == 1 ? KY_DOC_HTML : KY_DOC_MARKDOWN, &b, w->code, title.buf);
		d.pandoc = html == 2;
		ky_report_document(s, &ro, &d);
		if (d.failed)
			rc = ky_error_set(err, KY_ERR_IO, d.failed_path, 0, 0,
					  "cannot read the chart to embed in report.html");
		else if (html == 2) {
			char ref[4200];
			snprintf(ref, sizeof(ref), "%s/reference.docx", ky_cli_plots_dir());
			rc = ky_pandoc_output(od, "report.docx", b.buf, b.len,
					      o->template_docx ? o->template_docx : ref, err);
		}
		else
			rc = ky_outdir_write(od, html ? "report.html" : "report.md", b.buf, b.len,
					     err);
		ky_buf_release(&title);
	}
	if (rc == 0 && pptx) {
		const struct ky_words *w = ky_words(o->lang);
		const char *base = strrchr(s->path, '/');
		struct ky_buf title = KY_BUF_INIT;
		if (s->title)
			ky_buf_adds(&title, s->title);
		else
			ky_buf_addf(&title, "%s: %s", w->title, base ? base + 1 : s->path);
		for (size_t k = 1; !s->title && k < s->n_paths; k++) {  /* one per audience */
			const char *pb = strrchr(s->paths[k], '/');
			ky_buf_addf(&title, ", %s", pb ? pb + 1 : s->paths[k]);
		}
		ky_buf_reset(&b);
		ky_report_deck(s, &ro, title.buf, &b);
		char ref[4200];
		snprintf(ref, sizeof(ref), "%s/reference.pptx", ky_cli_plots_dir());
		rc = ky_pandoc_output(od, "report.pptx", b.buf, b.len,
				      o->template_pptx ? o->template_pptx : ref, err);
		ky_buf_release(&title);
	}
	if (json_threaded)
		pthread_join(json_th, NULL);
	if (rc == 0 && json.ro.describe) {  /* in the stage folder, which appears as a whole */
		rc = json.rc;
		if (rc == 0)
			rc = ky_outdir_write(od, "summary.json", json.b.buf, json.b.len, err);
		else
			*err = json.err;
	}
	if (xlsx_threaded)
		pthread_join(xlsx_th, NULL);
	if (rc == 0 && xj.rc != 0) {
		rc = -1;
		*err = xj.err;
	} else if (rc == 0) {
		rc = ky_outdir_write(od, "tables.xlsx", xj.out.buf, xj.out.len, err);
	}
	for (size_t i = 0; i < N_TABLES; i++)
		ky_buf_release(&tb[i]);
	ky_buf_release(&xj.out);
	ky_buf_release(&xj.path);
	ky_buf_release(&json.b);
	ky_describe_cache_free(json.ro.describe);
	ky_buf_release(&b);
	free(cmp);
	ky_report_masked_free(masked);
	ky_terms_free(terms);
	ky_describe_cache_free(describe);
	ky_findings_free(findings);
	ky_report_free_charts(charts, n_charts);
	*n_charts_out = n_charts;
	return rc;
}

int ky_cmd_analyze(const struct ky_command *cmd, int argc, char **argv)
{
	struct analyze_opts o;
	int prc = parse(cmd, argc, argv, &o);
	if (prc >= 0) {
		free(o.groups);
		free(o.reverse);
		return prc;
	}
	struct ky_error err;
	ky_error_clear(&err);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	o.limits.delimiter = o.delimiter;
	struct ky_survey_options so = { .reader = o.limits,
					.n_groups = o.n_groups, .groups = o.groups,
					.min_n = o.min_n, .n_reverse = o.n_reverse,
					.reverse = o.reverse, .population = o.population,
					.weight = o.weight };
	struct ky_cli_defaults def;
	struct ky_survey *s = ky_cli_read_many(o.inputs, o.n_inputs, &so, o.min_n_set, &def,
					       &err);
	if (s && def.lang[0] && !o.lang_set)
		ky_lang_parse(def.lang, &o.lang);
	if (s && def.report[0] && !o.report_set)
		ky_cli_reports(def.report, &o.reports);
	if (s && (o.reports & (KY_CLI_REPORT_PPTX | KY_CLI_REPORT_DOCX)) &&
	    ky_pandoc_check(&err) < 0) {
		ky_survey_free(s);
		s = NULL;
	}
	free(o.groups);
	free(o.reverse);
	if (!s)
		return fail(&err);
	for (size_t i = 0; i < s->n_warnings && !o.quiet; i++)
		fprintf(stderr, "kysely: warning: %s\n", s->warning[i]);
	if (o.list) {
		list_columns(s);
		ky_survey_free(s);
		return 0;
	}
	char *outdir = o.outdir ? strdup(o.outdir) : default_outdir(o.input);
	const char **inputs = calloc(2 * o.n_inputs + s->n_paths + 2, sizeof(char *));
	size_t n_in = 0;
	for (size_t k = 0; k < o.n_inputs; k++)
		inputs[n_in++] = o.inputs[k];
	inputs[n_in++] = s->path;
	for (size_t k = 0; k < s->n_paths; k++)
		inputs[n_in++] = s->paths[k];
	struct ky_outdir *od = ky_outdir_check_inputs(outdir, (const char *const *)inputs, n_in, &err) < 0 ? NULL
			       : ky_outdir_begin(outdir, &err);
	free(inputs);
	if (od && o.no_fsync)
		ky_outdir_set_fsync(od, 0);
	size_t n_charts = 0;
	double chart_ms = 0;
	int rc = od ? write_outputs(s, od, &o, &n_charts, &chart_ms, &err) : -1;
	if (rc == 0)
		rc = ky_outdir_commit(od, &err);
	else
		ky_outdir_abort(od);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc == 0 && !o.quiet) {
		size_t n_items = 0;
		for (size_t i = 0; i < s->n_columns; i++)
			n_items += ky_column_is_item(&s->col[i]);
		double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		char per_chart[64] = "";
		if (n_charts)
			snprintf(per_chart, sizeof(per_chart), ", %.0f ms per chart",
				 chart_ms / (double)n_charts);
		char reports[64] = "";
		static const char *const rname[] = { "report.html, ", "report.md, ",
						     "report.pptx, ", "report.docx, " };
		for (int i = 0; i < 4; i++)
			if (o.reports & (1u << i))
				strcat(reports, rname[i]);
		printf("kysely: %llu respondent%s, %zu item%s in %zu block%s, %zu chart%s "
		       "(%.0f ms%s)\n"
		       "results: %s/ (%ssummary.json, tables.xlsx, descriptives.csv, "
		       "frequencies.csv%s)\n",
		       (unsigned long long)s->n_respondents, s->n_respondents == 1 ? "" : "s",
		       n_items, n_items == 1 ? "" : "s", s->n_blocks, s->n_blocks == 1 ? "" : "s",
		       n_charts, n_charts == 1 ? "" : "s", ms, per_chart, outdir, reports,
		       n_charts ? ", charts/" : "");
	}
	free(outdir);
	ky_survey_free(s);
	return rc == 0 ? 0 : fail(&err);
}
