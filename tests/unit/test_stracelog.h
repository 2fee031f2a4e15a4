/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Helpers of the stracelog tests: reading a log from a string and
 * looking things up. The live tests' own are in
 * tests/system/test_stracelog_live.h.
 */
#ifndef SECCOMPDBG_TEST_STRACELOG_H
#define SECCOMPDBG_TEST_STRACELOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seccompdbg/stracelog.h"

/* A finished log of TEXT (called NAME), starting in ARCH (NULL: native). */
struct stracelog *slt_read_text(const struct sysent_arch *arch,
				const char *name, const char *text);
/* Calls of NAME on ARCH (a token); 0 when not found. */
unsigned long slt_calls(const struct stracelog *log, uint32_t arch,
			const char *name);
/* The process PID, or NULL. */
const struct stracelog_process *slt_proc(const struct stracelog *log, long pid);
/* The first note of KIND whose text contains WORDS, or NULL. */
const struct stracelog_note *slt_note(const struct stracelog *log,
				      enum stracelog_note_kind kind,
				      const char *words);

#endif
