// SPDX-License-Identifier: Apache-2.0
/*
 * seccompdbg version: this program's version and the libraries it runs on.
 */
#include <stdio.h>

#include "seccompdbg/cli.h"

#ifndef SECCOMPDBG_VERSION
#define SECCOMPDBG_VERSION "0.1.0"
#endif

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("seccompdbg %s\n", SECCOMPDBG_VERSION);
	return CLI_EXIT_OK;
}

const struct cli_command cli_cmd_version = {
	.name = "version",
	.usage = "",
	.summary = "print the version",
	.run = cmd_version,
};
