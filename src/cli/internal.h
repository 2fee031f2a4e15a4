/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the commands that read one profile share (check, explain): their
 * options, loading with every diagnostic printed, and resolving for the
 * host the options describe.
 */
#ifndef SECCOMPDBG_CLI_INTERNAL_H
#define SECCOMPDBG_CLI_INTERNAL_H

#include <stdbool.h>

#include "seccompdbg/cli.h"
#include "seccompdbg/profile.h"
#include "seccompdbg/resolve.h"

struct cli_profile {
	struct cli_env env;
	enum profile_format format; /* --format, or AUTO */
	struct profile *profile;
	struct resolve_result *resolved;
	int argc; /* the operands after the options */
	char **argv;
};

#define CLI_PROFILE_HELP                                                                          \
	"  --cap CAP         add CAP to Docker's default bounding set (ALL: every one)\n"         \
	"  --cap-drop CAP    remove CAP from the set (ALL: every one)\n"                          \
	"  --arch ARCH       resolve for ARCH (x86_64, aarch64, x86...; default: this machine)\n" \
	"  --kernel X.Y      resolve for kernel X.Y (default: this machine's)\n"                  \
	"  --format FORMAT   docker, containers, oci or kubernetes (default:\n"                   \
	"                    detected)\n"                                                         \
	"  --help            this text\n"

/*
 * A command's own options, beside the shared ones: EXTRA (ending in a zero
 * entry, numbered from CLI_OPT_FIRST_FREE + 8, or short letters) and the
 * function that takes them, returning 0 or -1 after printing why.
 */
struct cli_profile_extra {
	const struct option *options;
	int (*take)(void *ctx, int opt, const char *arg);
	void *ctx;
	const char *short_opts; /* getopt's letters ("o:"), or NULL */
};

/*
 * Parse the options of CMD into CP (EXTRA may be NULL). Returns -1 to go
 * on (release CP then), or the exit status to return at once (--help
 * printed, or a usage error; CP is released already).
 */
int cli_profile_options(struct cli_profile *cp, const struct cli_command *cmd,
			int argc, char **argv,
			const struct cli_profile_extra *extra);
/*
 * Load PATH, print its diagnostics on stderr (warnings and notes only with
 * ALL), and resolve it. Returns CLI_EXIT_OK, CLI_EXIT_UNUSABLE when it has
 * errors, or CLI_EXIT_USAGE when it cannot be read.
 */
int cli_profile_open(struct cli_profile *cp, const char *path, bool all);
void cli_profile_release(struct cli_profile *cp);
/*
 * Between MIN and MAX arguments after the options: 0; else CMD's usage is
 * printed, CP released, and CLI_EXIT_USAGE returned.
 */
int cli_profile_args(struct cli_profile *cp, const struct cli_command *cmd,
		     int min, int max);

/* "includes caps CAP_SYS_ADMIN; excludes arches s390x" on stdout. */
void cli_print_conditions(const struct profile_rule *rule);
/* "LABEL: syscalls[3] (line 12): SCMP_ACT_ALLOW "comment"" on stdout. */
void cli_print_rule_line(const char *label, const struct profile *p,
			 const struct profile_rule *rule);

#endif
