/* cmd_compare.c - `kysely compare`: two or more rounds of a survey (exports
 * or definitions), items matched across them, the change of each matched
 * item in changes.csv, summary.json, charts and a report, written into a
 * staged output directory that replaces OUTDIR only when all succeeded. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ky_doc.h"
#include "ky_lang.h"
#include "ky_plot.h"
#include "ky_report.h"
#include "ky_report_rounds.h"

static void help(const struct ky_command *cmd)
{
	printf("usage: kysely %s\n\n"
	       "Compares rounds of one survey (2023, 2024, ...), each an export or a survey\n"
	       "definition (its `round =` names the round, else the file name does), given\n"
	       "from the earliest to the latest.  Items are matched by the definition's\n"
	       "`[item] was =`, else by the export's own ids, else by question text;\n"
	       "changes are always the later round minus the earlier.\n\n"
	       "options:\n"
	       "  -g, --group COLUMN   compare every group of this background column too\n"
	       "                       (repeatable; it must be in every round)\n"
	       "  -o, --output OUTDIR  where to write (default: out/compare-<last round>)\n"
	       "      --min-n N        anonymity threshold, as in analyze (default 5)\n"
	       "      --lang fi|sv|en  wording of charts and report (default fi)\n"
	       "      --no-charts      skip the charts\n"
	       "      --no-fsync       do not fsync each output (the caller syncs)\n"
	       "      --format LIST    chart formats: png,svg,pdf (default png,svg)\n"
	       "      --gnuplot PATH   the gnuplot program\n"
	       "      --report LIST    reports: html,md,pptx,docx (default html,md; pptx and\n"
	       "                       docx need pandoc); tables.xlsx is always written\n"
	       "      --template FILE  a .pptx or .docx whose slide master or styles to use\n"
	       "  -q, --quiet          print only errors\n\n"
	       "outputs: changes.csv, summary.json, report.html, report.md, charts/.\n",
	       cmd->usage);
}

static int fail(const struct ky_error *err)
{
	char msg[1024];
	fprintf(stderr, "kysely: %s\n", ky_error_format(err, msg, sizeof(msg)));
	return ky_error_exit_status(err->code);
}

static char *file_round(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	return strndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

int ky_cmd_compare(const struct ky_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "group", required_argument, 0, 'g' }, { "output", required_argument, 0, 'o' },
		{ "no-charts", no_argument, 0, 'n' },   { "format", required_argument, 0, 'f' },
		{ "gnuplot", required_argument, 0, 'G' }, { "quiet", no_argument, 0, 'q' },
		{ "help", no_argument, 0, 'h' },        { "min-n", required_argument, 0, 'm' },
		{ "lang", required_argument, 0, 'L' },  { "no-fsync", no_argument, 0, 'S' },
		{ "report", required_argument, 0, 'R' }, { "template", required_argument, 0, 'T' },
		{ 0, 0, 0, 0 },
	};
	const char **groups = calloc((size_t)argc + 1, sizeof(char *));
	size_t n_groups = 0;
	const char *outdir = NULL, *formats = "png,svg", *gnuplot = NULL;
	int charts = 1, quiet = 0, min_n_set = 0, lang_set = 0, no_fsync = 0, ch;
	unsigned min_n = 5;
	enum ky_lang lang = KY_LANG_FI;
	unsigned reports = KY_CLI_REPORT_HTML | KY_CLI_REPORT_MD;
	int report_set = 0;
	const char *template_pptx = NULL, *template_docx = NULL;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "g:o:qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'g': groups[n_groups++] = optarg; break;
		case 'o': outdir = optarg; break;
		case 'n': charts = 0; break;
		case 'S': no_fsync = 1; break;
		case 'f': formats = optarg; break;
		case 'G': gnuplot = optarg; break;
		case 'q': quiet = 1; break;
		case 'm': {
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);
			if (!*optarg || *end || v > 1000000 || optarg[0] == '-') {
				fprintf(stderr, "kysely: --min-n takes a whole number\n");
				free(groups);
				return 2;
			}
			min_n = (unsigned)v;
			min_n_set = 1;
			break;
		}
		case 'L':
			if (ky_lang_parse(optarg, &lang) < 0) {
				fprintf(stderr, "kysely: --lang takes fi, sv or en\n");
				free(groups);
				return 2;
			}
			lang_set = 1;
			break;
		case 'R':
			if (ky_cli_reports(optarg, &reports) < 0) {
				fprintf(stderr, "kysely: --report takes html, md, pptx and docx, "
						"comma-separated\n");
				free(groups);
				return 2;
			}
			report_set = 1;
			break;
		case 'T':
			if (ky_cli_template(optarg, &template_pptx, &template_docx) < 0) {
				free(groups);
				return 2;
			}
			break;
		case 'h': help(cmd); free(groups); return 0;
		default:
			fprintf(stderr, "usage: kysely %s\n", cmd->usage);
			free(groups);
			return 2;
		}
	}
	size_t n = (size_t)(argc - optind);
	if (n < 2) {
		fprintf(stderr, "kysely: compare takes two or more rounds (exports or "
				"definitions), earliest first\nusage: kysely %s\n", cmd->usage);
		free(groups);
		return 2;
	}
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_survey **s = calloc(n, sizeof(*s));
	struct ky_round *rounds = calloc(n, sizeof(*rounds));
	char **names = calloc(n, sizeof(char *));
	int rc = 0;
	for (size_t k = 0; k < n && rc == 0; k++) {
		struct ky_survey_options so = { .n_groups = n_groups, .groups = groups,
						.min_n = min_n };
		struct ky_cli_defaults def;
		s[k] = ky_cli_read(argv[optind + (int)k], &so, min_n_set, &def, &err);
		if (!s[k]) {
			rc = -1;
			break;
		}
		if (def.lang[0] && !lang_set && k == n - 1)
			ky_lang_parse(def.lang, &lang);
		if (def.report[0] && !report_set && k == n - 1)
			ky_cli_reports(def.report, &reports);
		names[k] = s[k]->round ? strdup(s[k]->round) : file_round(argv[optind + (int)k]);
		for (size_t j = 0; j < k && rc == 0; j++)
			if (!strcmp(names[j], names[k]))
				rc = ky_error_set(&err, KY_ERR_USAGE, argv[optind + (int)k], 0, 0,
						  "round '%s' is given twice (name the rounds with "
						  "round = in their definitions)", names[k]);
		rounds[k] = (struct ky_round){ s[k], names[k] };
		for (size_t i = 0; i < s[k]->n_warnings && !quiet; i++)
			fprintf(stderr, "kysely: warning: %s\n", s[k]->warning[i]);
	}
	struct ky_rounds *r = NULL;
	struct ky_change *changes = NULL;
	size_t n_changes = 0;
	char *out = NULL;
	struct ky_outdir *od = NULL;
	struct ky_chart_file *files = NULL;
	size_t n_files = 0;
	if (rc == 0) {
		r = ky_rounds_match(rounds, n);
		for (size_t g = 0; g < n_groups; g++) {
			int found = 0;
			for (size_t h = 0; h < r->n_groupings; h++)
				found |= strcmp(r->grouping[h].name, s[n - 1]->grouping[g].name) == 0;
			if (!found && !quiet)
				fprintf(stderr, "kysely: warning: grouping '%s' is not in every round: "
						"not compared\n", groups[g]);
		}
		n_changes = ky_rounds_changes(r, &changes);
		if ((reports & (KY_CLI_REPORT_PPTX | KY_CLI_REPORT_DOCX)) && ky_pandoc_check(&err) < 0)
			rc = -1;
		if (outdir)
			out = strdup(outdir);
		else if (asprintf(&out, "out/compare-%s", names[n - 1]) < 0)
			out = NULL;
		od = rc == 0 ? ky_outdir_begin(out, &err) : NULL;
		if (od && no_fsync)
			ky_outdir_set_fsync(od, 0);
		rc = od ? 0 : -1;
	}
	char dir[4200] = "";
	if (rc == 0 && charts) {
		rc = ky_outdir_mkdir(od, "charts", &err);
		struct ky_plotter *p = rc ? NULL : ky_plot_open(gnuplot, ky_cli_plots_dir(), &err);
		snprintf(dir, sizeof(dir), "%s/charts", ky_outdir_stage(od));
		char fmts[64];   /* report.pptx and report.docx take PNG charts */
		snprintf(fmts, sizeof(fmts), "%s%s%s", formats,
			 (reports & (KY_CLI_REPORT_PPTX | KY_CLI_REPORT_DOCX)) &&
			 !strstr(formats, "png") ? ",png" : "",
			 reports & KY_CLI_REPORT_PPTX ? ",slides" : "");
		if (rc == 0 && (reports & KY_CLI_REPORT_PPTX))
			rc = ky_outdir_mkdir(od, "charts/slides", &err);
		rc = p ? ky_rounds_charts(r, p, dir, fmts, lang, &files, &n_files, &err) : -1;
		if (p && ky_plot_close(p, &err) < 0)
			rc = -1;
	}
	struct ky_buf b = KY_BUF_INIT;
	struct ky_findings *findings = rc == 0 ? ky_rounds_findings(r, changes, n_changes, lang)
					       : NULL;
	if (rc == 0) {
		ky_rounds_changes_csv(r, changes, n_changes, &b);
		rc = ky_outdir_write(od, "changes.csv", b.buf, b.len, &err);
	}
	if (rc == 0) {   /* tables.xlsx: the changes as a worksheet */
		struct ky_xlsx_table t = { "changes", b.buf, b.len };
		struct ky_buf path = KY_BUF_INIT, x = KY_BUF_INIT;
		ky_buf_addf(&path, "%s/.tables.xlsx.tmp", ky_outdir_stage(od));
		ky_outdir_track(od, ".tables.xlsx.tmp");
		rc = ky_report_tables_xlsx_buf(path.buf, lang, s[n - 1]->title, &t, 1, &x, &err);
		if (rc == 0)
			rc = ky_outdir_write(od, "tables.xlsx", x.buf, x.len, &err);
		ky_buf_release(&path);
		ky_buf_release(&x);
	}
	for (int html = 0; html <= 3 && rc == 0; html++) {   /* md, html, docx, pptx */
		static const unsigned want[] = { KY_CLI_REPORT_MD, KY_CLI_REPORT_HTML,
						 KY_CLI_REPORT_DOCX, KY_CLI_REPORT_PPTX };
		if (!(reports & want[html]))
			continue;
		ky_buf_reset(&b);
		const char *ext = NULL;
		if (charts && n_files)
			ext = html >= 2 ? "png"
			      : html ? (strstr(formats, "png") ? "png" : strstr(formats, "svg") ? "svg" : NULL)
				   : (!strncmp(formats, "pdf", 3) ? "pdf" : !strncmp(formats, "svg", 3) ? "svg" : "png");
		struct ky_report_opts ro = { .lang = lang, .mask = 1, .charts = files,
					     .n_charts = n_files, .chart_ext = ext, .chart_dir = dir,
					     .findings = findings };
		struct ky_buf title = KY_BUF_INIT;
		ky_buf_addf(&title, "%s: %s", ky_rounds_title(lang),
			    s[n - 1]->title ? s[n - 1]->title : names[n - 1]);
		char ref[4200];
		snprintf(ref, sizeof(ref), "%s/reference.%s", ky_cli_plots_dir(),
			 html == 3 ? "pptx" : "docx");
		if (html == 3) {
			ky_rounds_deck(r, &ro, title.buf, &b);
			ky_buf_release(&title);
			rc = ky_pandoc_output(od, "report.pptx", b.buf, b.len,
					      template_pptx ? template_pptx : ref, &err);
			continue;
		}
		struct ky_doc d;
		ky_doc_begin(&d, html == 1 ? KY_DOC_HTML : KY_DOC_MARKDOWN, &b, ky_words(lang)->code,
			     title.buf);
		d.pandoc = html == 2;
		ky_buf_release(&title);
		ky_rounds_document(r, changes, n_changes, &ro, &d);
		if (d.failed)
			rc = ky_error_set(&err, KY_ERR_IO, d.failed_path, 0, 0,
					  "cannot read the chart to embed in report.html");
		else if (html == 2)
			rc = ky_pandoc_output(od, "report.docx", b.buf, b.len,
					      template_docx ? template_docx : ref, &err);
		else
			rc = ky_outdir_write(od, html ? "report.html" : "report.md", b.buf, b.len, &err);
	}
	if (rc == 0) {
		ky_buf_reset(&b);
		ky_rounds_summary_json(r, changes, n_changes, files, n_files, findings, &b);
		rc = ky_outdir_write(od, "summary.json", b.buf, b.len, &err);
	}
	ky_buf_release(&b);
	ky_findings_free(findings);
	if (rc == 0)
		rc = ky_outdir_commit(od, &err);
	else if (od)
		ky_outdir_abort(od);
	if (rc == 0 && !quiet) {
		size_t compared = 0, only = 0, re = 0;
		for (size_t l = 0; l < r->n_lines; l++) {
			size_t in = 0;
			for (size_t k = 0; k < n; k++)
				in += r->line[l].col[k] != KY_NO_COL;
			compared += in >= 2 && !r->line[l].rescaled;
			only += in < n;
			re += r->line[l].rescaled != NULL;
		}
		printf("kysely: %zu rounds, %zu items compared, %zu not in every round, %zu with a "
		       "changed scale, %zu charts\nresults: %s/ (changes.csv, tables.xlsx, reports, "
		       "summary.json)\n", n, compared, only, re, n_files, out);
	}
	ky_report_free_charts(files, n_files);
	free(changes);
	ky_rounds_free(r);
	for (size_t k = 0; k < n; k++) {
		ky_survey_free(s[k]);
		free(names[k]);
	}
	free(s);
	free(rounds);
	free(names);
	free(out);
	free(groups);
	return rc == 0 ? 0 : fail(&err);
}
