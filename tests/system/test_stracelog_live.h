/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Helpers of the stracelog live tests: a temporary directory for the
 * logs, running strace, and strace's own count of a run (the -c table
 * that -C prints after the trace) to hold the reader's against.
 */
#ifndef SECCOMPDBG_TEST_STRACELOG_LIVE_H
#define SECCOMPDBG_TEST_STRACELOG_LIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "test_stracelog.h"

/* One row of strace's -c table. */
struct slt_row {
	uint32_t arch; /* AUDIT_ARCH_*: the table's section */
	char name[48];
	unsigned long calls, errors;
};

/* The test's temporary directory, made by slt_setup, removed by
 * slt_cleanup. */
extern char slt_dir[];
void slt_setup(void);
void slt_cleanup(void);
/* Run the shell line CMD (its stderr to /dev/null, unless CMD says
 * where); the test fails when it could not run. */
void slt_sh(const char *cmd);
/* The -c table at the end of the log slt_dir/NAME, at most MAX rows. */
size_t slt_summary(const char *name, struct slt_row *rows, size_t max);
/* Every row matches the reader's count, and the reader has no call
 * strace did not count. */
void slt_check_counts(const struct stracelog *log, const struct slt_row *rows,
		      size_t nrows);
/* Read slt_dir/NAME (a file or a -ff prefix) and finish. */
struct stracelog *slt_read_logs(const char *name);
/* The log slt_dir/NAME against its own -c table. */
void slt_check_same_run(const char *name);
/* Some process's last execve ran a path ending in SUFFIX. */
bool slt_has_exe(const struct stracelog *log, const char *suffix);

#endif
