/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Helpers of the from-strace tests. They run the built program
 * (TEST_BUILDDIR/seccompdbg) in the stracelog tests' temporary directory
 * (slt_dir, test_stracelog.h), on logs strace writes there during the
 * test, and hold the profile it writes against strace's own -c table of
 * the same run.
 */
#ifndef SECCOMPDBG_TEST_CMD_FROM_STRACE_H
#define SECCOMPDBG_TEST_CMD_FROM_STRACE_H

#include <stdbool.h>
#include <stddef.h>

#include "seccompdbg/profile.h"
#include "test_stracelog_live.h"

/* The shell line FMT... run in slt_dir; its exit status (-1 when it did
 * not exit). */
int fst_sh(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* `seccompdbg from-strace ARGS` in slt_dir, its stdout and stderr to the
 * files "stdout" and "stderr" there; its exit status. */
int fst_run(const char *args);
/* slt_dir/NAME's contents (heap), or NULL when there is no such file. */
char *fst_read(const char *name);
/* slt_dir/NAME through the profile loader; the test fails on any
 * diagnostic. Format AUTO detects it. */
struct profile *fst_load(const char *name, enum profile_format format);
/* The profile is ours: one rule, SCMP_ACT_ALLOW without conditions, the
 * default ERRNO(EPERM), the host's family; returns that rule's names. */
const struct profile_rule *fst_allow_rule(const struct profile *p);
/* The names of the -c table at the end of slt_dir/LOG that libseccomp
 * knows, any ABI, each once, plus the baseline when asked; compared
 * with RULE's, which must also be sorted. */
void fst_check_names(const struct profile_rule *rule, const char *log,
		     bool baseline);
/* RULE lists NAME. */
bool fst_has_name(const struct profile_rule *rule, const char *name);
/* Nothing in TEXT a terminal would act on: no controls but newlines,
 * nothing past ASCII. */
void fst_check_printable(const char *text);

#endif
