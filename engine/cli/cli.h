/* cli.h - the subcommand table shared by main.c and the cmd_*.c files. */
#ifndef KY_CLI_H
#define KY_CLI_H

#include "ky_outdir.h"
#include "ky_survey.h"

#define KY_CLI_VERSION "0.1.0"

struct ky_command {
	const char *name;
	const char *usage;
	const char *summary;
	int (*run)(const struct ky_command *cmd, int argc, char **argv);
};

int ky_cmd_analyze(const struct ky_command *cmd, int argc, char **argv);
int ky_cmd_inspect(const struct ky_command *cmd, int argc, char **argv);
int ky_cmd_compare(const struct ky_command *cmd, int argc, char **argv);
int ky_cmd_batch(const struct ky_command *cmd, int argc, char **argv);
/* The command table, for batch's child processes. */
void ky_batch_commands(const struct ky_command *c, size_t n);

/* What a survey definition sets for the command line: "" when it does not. */
struct ky_cli_defaults {
	char lang[4];                /* lang = */
	char report[64];             /* report = html, md, pptx, docx */
};

/* Reads INPUT: an export, or a survey definition (its export, with its
 * groups, min_n unless MIN_N_SET, population unless given; its lang and
 * report copied to DEF). */
struct ky_survey *ky_cli_read(const char *input, struct ky_survey_options *so, int min_n_set,
			      struct ky_cli_defaults *def, struct ky_error *err);

/* The reports a --report list or report = asks for (KY_CLI_REPORT_* bits);
 * -1 for a name that is none of html, md, pptx, docx. */
enum { KY_CLI_REPORT_HTML = 1, KY_CLI_REPORT_MD = 2, KY_CLI_REPORT_PPTX = 4,
       KY_CLI_REPORT_DOCX = 8 };
int ky_cli_reports(const char *list, unsigned *mask);
/* --template FILE: a readable .pptx (slide master) or .docx (styles) made
 * absolute into *PPTX or *DOCX (static storage); -1 after printing a usage
 * error. */
int ky_cli_template(const char *path, const char **pptx, const char **docx);

/* Reads N inputs (exports or definitions) of the same statements, one per
 * audience, as one survey (ky_survey_read_audiences); the first
 * definition's settings apply.  N = 1: ky_cli_read. */
struct ky_survey *ky_cli_read_many(const char *const *inputs, size_t n,
				   struct ky_survey_options *so, int min_n_set,
				   struct ky_cli_defaults *def, struct ky_error *err);

/* The reader limits --max-cell BYTES, --max-columns N, --max-unzipped BYTES:
 * OPT is the option's name, ARG its value (a positive whole number, with an
 * optional k, M or G suffix for bytes).  Returns 0, or 2 after printing a
 * usage error. */
int ky_cli_limit(const char *opt, const char *arg, struct ky_reader_options *ro);

/* TARGET's path relative to the folder of FILE (malloc'd). */
char *ky_cli_relative(const char *target, const char *file);

/* Where the gnuplot templates are: $KYSELY_PLOTS, else the compiled-in path. */
const char *ky_cli_plots_dir(void);

#endif
