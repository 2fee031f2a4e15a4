/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cli: the command line. One file per subcommand (src/cli/cmd_*.c), each
 * exporting a struct cli_command that main.c lists in its table. Only cli
 * prints and exits.
 */
#ifndef SECCOMPDBG_CLI_H
#define SECCOMPDBG_CLI_H

#include "seccompdbg/util.h"

/* Exit statuses shared by the commands (run follows env/timeout). */
enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_UNUSABLE = 1, /* check/explain: the profile has errors */
	CLI_EXIT_USAGE = 2,    /* bad invocation or unreadable file */
	CLI_EXIT_FAILED = 125, /* run: seccompdbg itself failed */
	CLI_EXIT_NOEXEC = 126, /* run: CMD found but not executable */
	CLI_EXIT_NOTFOUND = 127, /* run: CMD not found */
};

struct cli_command {
	const char *name;
	const char *usage;   /* what follows the name in a usage line */
	const char *summary; /* one line for `seccompdbg --help` */
	int (*run)(int argc, char **argv); /* argv[0] is the name */
};

/* "seccompdbg: MESSAGE\n" on stderr. */
void cli_error(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* "usage: seccompdbg NAME USAGE" and a pointer to --help, on stderr. */
void cli_usage(const struct cli_command *cmd);

extern const struct cli_command cli_cmd_version;

#endif
