// SPDX-License-Identifier: Apache-2.0
/*
 * What every subcommand shares: error and usage lines.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "seccompdbg/cli.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("seccompdbg: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_usage(const struct cli_command *cmd)
{
	fprintf(stderr, "usage: seccompdbg %s %s\n", cmd->name, cmd->usage);
	fprintf(stderr, "Try 'seccompdbg %s --help'.\n", cmd->name);
}

void cli_help(const struct cli_command *cmd)
{
	printf("usage: seccompdbg %s %s\n\n%s.\n", cmd->name, cmd->usage,
	       cmd->summary);
	if (cmd->help)
		printf("\n%s", cmd->help);
}

int cli_check_output(const char *cmd, const char *opt, const char *path)
{
	struct err err;

	if (!path || write_file_check(path, &err) == 0)
		return 0;
	cli_error("%s%s%s: %s", cmd ? cmd : "", cmd ? ": " : "", opt, err.msg);
	return -1;
}
