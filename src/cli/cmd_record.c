// SPDX-License-Identifier: Apache-2.0
/*
 * seccompdbg record: learn a profile. It is `run --batch allow` (every
 * call the base profile refuses is allowed always and added to it) with
 * -o required and a summary of what was added; cmd_run.c does the work.
 */
#include "seccompdbg/cli.h"

static int cmd_record(int argc, char **argv)
{
	return cli_run_command(argc, argv, true);
}

const struct cli_command cli_cmd_record = {
	.name = "record",
	.usage =
		"[-p BASE] -o OUT [--cap CAP]... [--mode MODE] [--events FILE] -- CMD [ARG]...",
	.summary = "run a program and learn the profile it needs",
	.run = cmd_record,
};
