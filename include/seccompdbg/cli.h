/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cli: the command line. One file per subcommand (src/cli/cmd_*.c), each
 * exporting a struct cli_command that main.c lists in its table. Only cli
 * prints and exits.
 */
#ifndef SECCOMPDBG_CLI_H
#define SECCOMPDBG_CLI_H

#include <getopt.h>
#include <stdbool.h>

#include "seccompdbg/resolve.h"
#include "seccompdbg/util.h"

/* Exit statuses shared by the commands (run follows env/timeout). */
enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_UNUSABLE = 1,	 /* check/explain: the profile has errors */
	CLI_EXIT_USAGE = 2,	 /* bad invocation or unreadable file */
	CLI_EXIT_FAILED = 125,	 /* run: seccompdbg itself failed */
	CLI_EXIT_NOEXEC = 126,	 /* run: CMD found but not executable */
	CLI_EXIT_NOTFOUND = 127, /* run: CMD not found */
};

struct cli_command {
	const char *name;
	const char *usage;   /* what follows the name in a usage line */
	const char *summary; /* one line for `seccompdbg --help` */
	const char *help;    /* the options, for `seccompdbg NAME --help` */
	int (*run)(int argc, char **argv); /* argv[0] is the name */
};

/* "seccompdbg: MESSAGE\n" on stderr. */
void cli_error(const char *fmt, ...) PRINTF_LIKE(1, 2);
/*
 * Before the work: can OPT's file PATH be written (write_file_check)? 0,
 * or -1 after "seccompdbg: CMD: OPT: why" (CMD may be NULL). A NULL PATH
 * (the option not given) is fine.
 */
int cli_check_output(const char *cmd, const char *opt, const char *path);
/* "usage: seccompdbg NAME USAGE" and a pointer to --help, on stderr. */
void cli_usage(const struct cli_command *cmd);
/* The usage, the summary and the options, on stdout. */
void cli_help(const struct cli_command *cmd);

/*
 * --cap CAP (added to Docker's default bounding set; ALL for every one),
 * --cap-drop CAP, --arch ARCH and --kernel X.Y: the host a profile is
 * resolved for. Defaults: Docker's caps, this machine's arch and kernel.
 */
enum {
	CLI_OPT_CAP = 0x100,
	CLI_OPT_CAP_DROP,
	CLI_OPT_ARCH,
	CLI_OPT_KERNEL,
	CLI_OPT_FIRST_FREE, /* commands number their own long options here */
};

/* clang-format off */
#define CLI_ENV_OPTIONS \
	{ "cap", required_argument, NULL, CLI_OPT_CAP }, \
	{ "cap-drop", required_argument, NULL, CLI_OPT_CAP_DROP }, \
	{ "arch", required_argument, NULL, CLI_OPT_ARCH }, \
	{ "kernel", required_argument, NULL, CLI_OPT_KERNEL }
/* clang-format on */

struct cli_env {
	struct resolve_env env; /* env.caps points into caps */
	const char **caps;	/* owned array of static names */
	size_t ncaps;
};

void cli_env_init(struct cli_env *ce);
void cli_env_release(struct cli_env *ce);
/*
 * Apply one getopt result: 1 when OPT was one of CLI_ENV_OPTIONS, 0 when
 * it is not, -1 when its value is bad (the message is printed).
 */
int cli_env_option(struct cli_env *ce, int opt, const char *arg);

extern const struct cli_command cli_cmd_check;
extern const struct cli_command cli_cmd_explain;
extern const struct cli_command cli_cmd_diff;
extern const struct cli_command cli_cmd_export;
extern const struct cli_command cli_cmd_version;
extern const struct cli_command cli_cmd_from_strace;
extern const struct cli_command cli_cmd_run;
extern const struct cli_command cli_cmd_record;

/* run and record: their options, the session, the summary, the exit
   status (cmd_run.c). RECORD: record's options and summary. */
int cli_run_command(int argc, char **argv, bool record);

#endif
