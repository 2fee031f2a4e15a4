// SPDX-License-Identifier: Apache-2.0
/*
 * seccompdbg: run a program under a seccomp profile, catch every call the
 * profile refuses, decide, and write the profile back.
 *
 * main() finds the subcommand in a table and hands it argv.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/cli.h"

static const struct cli_command *const commands[] = {
	&cli_cmd_run,  &cli_cmd_record, &cli_cmd_check,	      &cli_cmd_explain,
	&cli_cmd_diff, &cli_cmd_export, &cli_cmd_from_strace, &cli_cmd_version,
};

static void print_help(FILE *f)
{
	size_t i;

	fprintf(f,
		"usage: seccompdbg COMMAND [OPTION]... [ARG]...\n\n"
		"Debug seccomp profiles (Docker, podman, OCI): run a program under one,\ncatch every call it refuses, allow or deny it, save the profile.\n\nCommands:\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-12s %s\n", commands[i]->name,
			commands[i]->summary);
	fprintf(f,
		"\n`seccompdbg COMMAND --help` describes a command; man seccompdbg has it all.\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		print_help(stderr);
		return CLI_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		print_help(stdout);
		return CLI_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version"))
		return cli_cmd_version.run(argc - 1, argv + 1);
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[1], commands[i]->name))
			return commands[i]->run(argc - 1, argv + 1);
	cli_error("unknown command '%s' (see seccompdbg --help)", argv[1]);
	return CLI_EXIT_USAGE;
}
