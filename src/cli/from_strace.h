/* SPDX-License-Identifier: Apache-2.0 */
/*
 * from-strace's two halves: cmd_from_strace.c runs the command (options,
 * logs, profile, writes); from_strace_names.c decides which system calls
 * the profile allows and writes the report's words about them.
 */
#ifndef SECCOMPDBG_CLI_FROM_STRACE_H
#define SECCOMPDBG_CLI_FROM_STRACE_H

#include <stdbool.h>
#include <stddef.h>

#include "seccompdbg/profile.h"
#include "seccompdbg/stracelog.h"

/* One system call of the allow list. */
struct cli_strace_name {
	const char *name; /* borrowed from the log or a static table */
	bool seen;	  /* in the logs (else only in the baseline) */
	bool added;	  /* allowing it changed the profile: set by the
			     caller */
};

/*
 * The names to allow: every call of LOG (finished) once, whatever its
 * ABI, and with BASELINE the first call of each every-architecture need
 * of why_baseline() that the logs do not meet; sorted by bytes, without
 * repeats. Returns a heap array of *N (free it); its strings live as long
 * as LOG.
 */
struct cli_strace_name *cli_strace_names(const struct stracelog *log,
					 bool baseline, size_t *n);

/*
 * The profile part of the report, to REP: the baseline calls added (or
 * left out, NO_BASELINE), how many calls the profile P allows and how
 * many are new to BASE (the --base path, or NULL for a new profile), its
 * architectures and each ABI of LOG it does not list.
 */
void cli_strace_report_profile(const char *base, bool no_baseline,
			       const struct stracelog *log,
			       const struct profile *p,
			       const struct cli_strace_name *names, size_t n,
			       struct strbuf *rep);
/* Where the profile went (OUT, or NULL for stdout) and the next step. */
void cli_strace_report_next(const char *out, const struct stracelog *log,
			    struct strbuf *rep);

#endif
