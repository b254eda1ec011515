/* cmd_inspect.c - `kysely inspect`: what kysely understood of an export, in
 * words, and optionally that understanding written as a survey definition. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ky_def.h"
#include "ky_outdir.h"
#include "ky_survey.h"

static void help(const struct ky_command *cmd)
{
	printf("usage: kysely %s\n\n"
	       "Prints what kysely understood of an export (or of a survey definition and\n"
	       "its export): format, encoding, respondents, every column with its type and\n"
	       "scale, answers it did not recognise, blocks, multi-select and ranking\n"
	       "questions, and candidate scales.\n\n"
	       "options:\n"
	       "  -g, --group COLUMN         a grouping column (repeatable), as in analyze\n"
	       "  -w, --write-definition F   write the understanding as a survey definition\n"
	       "                             (INI) to edit; F must not exist yet\n"
	       "      --delimiter C          force the field separator: ';' ',' '|' or 'tab'\n"
	       "      --max-cell BYTES       refuse a cell larger than this (default 16M)\n"
	       "      --max-columns N        refuse a row with more fields (default 20000)\n"
	       "      --max-unzipped BYTES   refuse an XLSX that decompresses to more (1G)\n"
	       "  -h, --help                 this text\n", cmd->usage);
}

static uint64_t answered(const struct ky_column *c)
{
	uint64_t n = 0;
	if (!c->slot_cap)
		return 0;
	for (size_t v = 0; v < c->slot[0].cap; v++)
		n += c->slot[0].count[v];
	return n + c->n_overflow;
}

/* The tool that most likely wrote the export, by its layout. */
static const char *guess_tool(const struct ky_survey *s)
{
	if (s->header_rows == 3)
		return "Qualtrics (three header rows)";
	if (!strcmp(s->format, "SPSS"))
		return "an SPSS file (Webropol's SPSS export or another tool's)";
	if (s->summary)
		return !strcmp(s->summary, "webropol-report")
		       ? "a summary table: Webropol's report (counts per question, no respondent rows)"
		       : "a summary table of counts (no respondent rows)";
	int forms = s->n_columns >= 5;
	static const char *const en[] = { "id", "start time", "completion time", "email", "name" };
	for (size_t i = 0; i < 5 && forms; i++)
		forms = !strcasecmp(s->col[i].header, en[i]) ||
			(i >= 1 && i <= 2 && s->col[i].type == KY_COL_METADATA) ||
			(i != 1 && i != 2 && s->col[i].dropped);
	if (forms)
		return "Microsoft Forms (ID, start and completion time, e-mail and name first)";
	for (size_t i = 0; i < s->n_columns; i++)
		if (!strcasecmp(s->col[i].header, "Vastausaika"))
			return "Webropol (response-time column Vastausaika)";
	if (s->header_rows == 2)
		return "a two-header-row export (Webropol 2021 or SurveyMonkey layout)";
	return "a generic one-row-per-respondent export";
}

static void print_source(const struct ky_survey *s)
{
	printf("%s\n", s->path);
	if (s->def_path)
		printf("  definition:  %s%s%s\n", s->def_path, s->round ? ", round " : "",
		       s->round ? s->round : "");
	if (!strcmp(s->format, "CSV"))
		printf("  format:      CSV, %s%s, separator '%s', %u header row%s\n", s->encoding,
		       s->bom ? " with byte-order mark" : "",
		       s->delimiter == '\t' ? "tab" : (char[]){ s->delimiter, 0 }, s->header_rows,
		       s->header_rows > 1 ? "s" : "");
	else if (!strcmp(s->format, "XLSX"))
		printf("  format:      XLSX workbook, sheet '%s', %u header row%s\n",
		       s->sheet ? s->sheet : "?", s->header_rows, s->header_rows > 1 ? "s" : "");
	else
		printf("  format:      SPSS system file (%s), variable labels as questions, value "
		       "labels as answers\n", s->encoding);
	printf("  looks like:  %s\n", guess_tool(s));
	printf("  respondents: %llu\n", (unsigned long long)s->n_respondents);
}

static void print_column(const struct ky_survey *s, const struct ky_column *c)
{
	uint64_t n = answered(c);
	printf("  %3zu %-10s %-11s", c->index + 1, c->id, ky_coltype_name(c->type));
	if (ky_column_is_item(c))
		printf(" %-18s", c->scale.id);
	else
		printf(" %-18s", "-");
	printf(" %5llu answered  %s\n", (unsigned long long)n, c->header);
	if (c->note)
		printf("  %26s%s\n", "", c->note);
	if (ky_column_is_item(c) && c->n_nonsub) {
		printf("  %26snon-substantive:", "");
		for (size_t k = 0; k < c->n_nonsub; k++) {
			uint64_t cnt = c->nonsub_count ? c->nonsub_count[0][k] : 0;
			printf("%s '%s' %llu", k ? "," : "", c->nonsub_label[k],
			       (unsigned long long)cnt);
		}
		printf("\n");
	}
	(void)s;
}

static void print_questions(const struct ky_survey *s)
{
	if (s->n_blocks)
		printf("\nblocks (items sharing one scale; charts and reliability per block):\n");
	for (size_t i = 0; i < s->n_blocks; i++) {
		const struct ky_block *b = &s->block[i];
		const struct ky_column *c = &s->col[b->items[0]];
		printf("  %s  %zu item%s, %s", b->id, b->n_items, b->n_items > 1 ? "s" : "",
		       c->scale.id);
		if (c->scale.n_levels <= 11) {
			printf(":");
			for (size_t k = 0; k < c->scale.n_levels; k++)
				printf("%s %s", k ? " <" : "", c->scale.label[k]);
		}
		printf("\n      %s\n", b->title ? b->title : c->header);
	}
	if (s->n_choices)
		printf("\nmulti-select and ranking questions:\n");
	for (size_t i = 0; i < s->n_choices; i++) {
		const struct ky_choice *q = &s->choice[i];
		printf("  %s  %s, %zu options%s: %s\n", q->id,
		       q->kind == KY_CHOICE_MULTI ? "multi-select" : "ranking", q->n_options,
		       q->n_cols == 1 ? " in one cell" : "", q->title ? q->title : "");
	}
}

/* Several audiences: the parallel blocks (or exports) and how each
 * statement was matched. */
static void print_audiences(const struct ky_survey *s)
{
	const struct ky_audience *A = s->audience;
	if (!A)
		return;
	printf("\naudiences (%s; grouping '%s'):\n",
	       A->blocks ? "parallel blocks of one export" : "one export each",
	       A->column != KY_NO_BLOCK ? s->col[A->column].header : A->route);
	for (size_t a = 0; a < A->n; a++)
		printf("  %zu  %s: %s\n      %s\n", a + 1, A->name[a], A->source[a],
		       A->question[a] ? A->question[a] : "(no question text)");
	if (A->route)
		printf("  the block is determined by '%s'\n", A->route);
	if (A->blocks && A->n_multi)
		printf("  %llu respondent%s answered more than one block (counted in the block "
		       "with the most answers)\n", (unsigned long long)A->n_multi,
		       A->n_multi == 1 ? "" : "s");
	printf("  statements matched (%zu):\n", A->n_items);
	for (size_t i = 0; i < A->n_items; i++) {
		const struct ky_audience_item *it = &A->item[i];
		printf("    %-8s by %-9s", s->col[it->column].id, it->how);
		for (size_t a = 0; a < A->n; a++) {
			if (it->src[a] == KY_NO_BLOCK)
				printf(" %6s", "-");
			else
				printf(" %6zu", it->src[a] + 1);
		}
		int differ = 0;
		for (size_t k = 0; k < A->n_differ; k++)
			differ |= A->differ[k] == it->column;
		printf("  %s%s\n", s->col[it->column].header,
		       differ ? "  [scales differ: not tested]" : "");
	}
}

int ky_cmd_inspect(const struct ky_command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "group", required_argument, 0, 'g' },
		{ "write-definition", required_argument, 0, 'w' },
		{ "delimiter", required_argument, 0, 'd' },
		{ "help", no_argument, 0, 'h' },
		{ "max-cell", required_argument, 0, 'C' }, { "max-columns", required_argument, 0, 'K' },
		{ "max-unzipped", required_argument, 0, 'Z' },
		{ 0, 0, 0, 0 },
	};
	const char **groups = calloc((size_t)argc + 1, sizeof(*groups));
	size_t n_groups = 0;
	const char *write_def = NULL;
	char delim = 0;
	struct ky_reader_options limits = { 0 };
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "g:w:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'g': groups[n_groups++] = optarg; break;
		case 'w': write_def = optarg; break;
		case 'C':
		case 'K':
		case 'Z':
			if (ky_cli_limit(ch == 'C' ? "max-cell" : ch == 'K' ? "max-columns"
					 : "max-unzipped", optarg, &limits)) {
				free(groups);
				return 2;
			}
			break;
		case 'd':
			delim = !strcmp(optarg, "tab") ? '\t' : optarg[0];
			if (!strchr(";,|\t", delim) || !delim) {
				fprintf(stderr, "kysely: --delimiter takes ';' ',' '|' or 'tab'\n");
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
	if (optind >= argc) {
		fprintf(stderr, "kysely: inspect takes one export or definition (or several, "
				"one per audience)\nusage: kysely %s\n", cmd->usage);
		free(groups);
		return 2;
	}
	struct ky_error err;
	ky_error_clear(&err);
	limits.delimiter = delim;
	struct ky_survey_options so = { .reader = limits, .n_groups = n_groups,
					.groups = groups, .min_n = 5 };
	struct ky_cli_defaults def;
	struct ky_survey *s = ky_cli_read_many((const char *const *)argv + optind,
					       (size_t)(argc - optind), &so, 0, &def, &err);
	free(groups);
	if (!s) {
		char msg[1024];
		fprintf(stderr, "kysely: %s\n", ky_error_format(&err, msg, sizeof(msg)));
		return ky_error_exit_status(err.code);
	}
	print_source(s);
	printf("\ncolumns (# id type scale answered header):\n");
	for (size_t i = 0; i < s->n_columns; i++)
		print_column(s, &s->col[i]);
	print_questions(s);
	print_audiences(s);
	if (s->n_warnings)
		printf("\nto check:\n");
	for (size_t i = 0; i < s->n_warnings; i++)
		printf("  %s\n", s->warning[i]);
	int rc = 0;
	if (write_def) {
		struct ky_buf b = KY_BUF_INIT;
		struct ky_buf ex = KY_BUF_INIT;   /* several exports: exports = a | b */
		for (size_t k = 0; k < (s->n_paths > 1 ? s->n_paths : 1); k++) {
			char *export = ky_cli_relative(s->n_paths > 1 ? s->paths[k] : s->path,
						       write_def);
			ky_buf_addf(&ex, "%s%s", k ? " | " : "", export);
			free(export);
		}
		ky_def_write(s, ex.buf, &b);
		ky_buf_release(&ex);
		rc = ky_write_new_file(write_def, b.buf, b.len, &err);
		ky_buf_release(&b);
		if (rc == 0)
			printf("\nwrote %s: edit it, then run `kysely analyze %s`\n", write_def,
			       write_def);
	}
	ky_survey_free(s);
	if (rc < 0) {
		char msg[1024];
		fprintf(stderr, "kysely: %s\n", ky_error_format(&err, msg, sizeof(msg)));
		return ky_error_exit_status(err.code);
	}
	return 0;
}
