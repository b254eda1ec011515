/* main.c - the kysely command line: the only code that prints or exits.
 * Subcommands are rows of a table; --help is printed from it.
 *
 * The cli room (engine/cli) owns options, messages and exit codes, and is
 * linked only into build/kysely; the rooms below it are libkysely.a. */
#define _GNU_SOURCE
#include <getopt.h>
#include <gsl/gsl_errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "ky_buf.h"
#include "ky_plot.h"

#ifndef KY_PLOTS_DIR
#define KY_PLOTS_DIR "plots"
#endif

static const struct ky_command commands[] = {
	{ "analyze", "analyze EXPORT|DEFINITION.ini [MORE...] [--group COLUMN]... [--no-charts] [-o OUTDIR]",
	  "analyse one survey export: tables, statistics, charts and a report", ky_cmd_analyze },
	{ "inspect", "inspect EXPORT|DEFINITION.ini [--group COLUMN]... [--write-definition F.ini]",
	  "show what kysely understood of an export; write it as a definition", ky_cmd_inspect },
	{ "compare", "compare ROUND_A ROUND_B [ROUND_C...] [--group COLUMN]... [-o OUTDIR]",
	  "compare rounds of a survey: the change of every matched item", ky_cmd_compare },
	{ "batch", "batch DIR [-o OUTDIR] [-j N]",
	  "analyse every survey definition under DIR; compare the rounds of each series",
	  ky_cmd_batch },
};

static void oom(size_t size)
{
	fprintf(stderr, "kysely: out of memory (allocating %zu bytes)\n", size);
	ky_plot_kill_from_signal();
	ky_outdir_abort_from_signal();
	_exit(71);
}

static void on_signal(int sig)
{
	ky_plot_kill_from_signal();
	ky_outdir_abort_from_signal();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: kysely COMMAND [OPTIONS]\n\n"
		   "kysely turns survey exports (Webropol, Microsoft Forms, any CSV with one row per\n"
		   "respondent) into frequency tables, statistics, charts and a report.\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n`kysely COMMAND --help` explains a command's options.\n"
		   "Options for every command: --help, --version.\n");
}

int main(int argc, char **argv)
{
	gsl_set_error_handler_off();
	ky_set_oom_hook(oom);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("kysely %s\n", KY_CLI_VERSION);
		return 0;
	}
	ky_batch_commands(commands, sizeof(commands) / sizeof(commands[0]));
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(&commands[i], argc - 1, argv + 1);
	fprintf(stderr, "kysely: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
