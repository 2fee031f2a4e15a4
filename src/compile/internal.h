/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the files of the compile module share; not a contract with other
 * modules (that is include/seccompdbg/compile.h).
 */
#ifndef SECCOMPDBG_COMPILE_INTERNAL_H
#define SECCOMPDBG_COMPILE_INTERNAL_H

#include <seccomp.h>
#include <stdbool.h>
#include <stdint.h>

#include "seccompdbg/compile.h"

/* No libseccomp action: the verdict has no action (PROFILE_ACT_NONE). */
#define COMPILE_ACT_INVALID 0xffffffffu

/*
 * The libseccomp action (SCMP_ACT_*) for a profile verdict: the errno of
 * ERRNO and the data of TRACE truncated to 16 bits, as libseccomp does.
 */
uint32_t compile_verdict_action(const struct profile_verdict *v);
/* "syscalls[N]" of rule I of R, for messages. */
size_t compile_rule_index(const struct resolve_result *r, size_t i);

/*
 * Build the libseccomp filter of R in MODE (TRAP and NOTIFY build the
 * TRACE filter: program.c rewrites its return values). *ctx is released by
 * the caller with seccomp_release.
 */
int compile_build(const struct resolve_result *r, enum compile_mode mode,
		  scmp_filter_ctx *ctx, struct err *err);

#endif
