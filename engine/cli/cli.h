/* cli.h - the subcommand table shared by main.c and the cmd_*.c files. */
#ifndef KY_CLI_H
#define KY_CLI_H

#include "ky_outdir.h"

#define KY_CLI_VERSION "0.1.0"

struct ky_command {
	const char *name;
	const char *usage;
	const char *summary;
	int (*run)(const struct ky_command *cmd, int argc, char **argv);
};

int ky_cmd_analyze(const struct ky_command *cmd, int argc, char **argv);

/* Where the gnuplot templates are: $KYSELY_PLOTS, else the compiled-in path. */
const char *ky_cli_plots_dir(void);

#endif
