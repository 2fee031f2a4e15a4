/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the unwind tests know of tests/progs/unwind_target: where its
 * marked lines are, and what a hint for one of them looks like.
 */
#ifndef SECCOMPDBG_TEST_UNWIND_TARGET_H
#define SECCOMPDBG_TEST_UNWIND_TARGET_H

#include <stdint.h>

#define TARGET "progs/unwind_target"

/*
 * In the child, before it execs the target: load a filter that answers
 * every unshare with ACTION on both x86 ABIs (the 32-bit target too).
 * Returns the listener fd for SCMP_ACT_NOTIFY, else 0; _exit(122) when
 * the filter cannot be loaded.
 */
int target_filter(uint32_t action);

/* The line of unwind_target.c that carries MARK ("UNWIND_MARK_SPAWN"). */
unsigned target_line(const char *mark);

/*
 * HINT names FUNC at the line marked MARK, called through libc:
 * "unwind_target.c:33 in spawn_sandbox (called unshare via libc unshare+7)"
 * (a test failure at FILE:LINE otherwise).
 */
void target_check_hint(const char *file, int line, const char *hint,
		       const char *func, const char *mark);
#define CHECK_TARGET_HINT(hint, func, mark) \
	target_check_hint(__FILE__, __LINE__, hint, func, mark)

#endif
