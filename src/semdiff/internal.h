/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the files of semdiff share: the conditions of both profiles filed
 * by call (conds.c), the argument sets made from them (probes.c), and the
 * changes grouped for a person (report.c).
 */
#ifndef SECCOMPDBG_SEMDIFF_INTERNAL_H
#define SECCOMPDBG_SEMDIFF_INTERNAL_H

#include "seccompdbg/profile.h"
#include "seccompdbg/semdiff.h"

/* A condition some rule puts on a call, as the filter tests it. */
struct semdiff_cond {
	size_t abi; /* index in the ABIs walked */
	int nr;
	struct profile_arg arg;
};

/* Every condition of both profiles, sorted by (abi, nr). */
struct semdiff_conds {
	struct semdiff_cond *v;
	size_t n, cap;
};

/*
 * File the conditions of R's rules under each call they reach on each
 * of the NABIS ABIS (sysent tokens), the way libseccomp puts a rule on
 * every architecture: by number, and for a multiplexed call also on the
 * multiplexer with its code as the first argument.
 */
void semdiff_conds_add(struct semdiff_conds *c, const struct resolve_result *r,
		       const uint32_t *abis, size_t nabis);
void semdiff_conds_sort(struct semdiff_conds *c);
/* The conditions of (abi, nr): *n of them from the returned one. */
const struct semdiff_cond *semdiff_conds_of(const struct semdiff_conds *c,
					    size_t abi, int nr, size_t *n);
void semdiff_conds_release(struct semdiff_conds *c);

/* The argument sets to try for one call. */
struct semdiff_probes {
	uint64_t (*v)[6];
	size_t n, cap;
};

/*
 * Argument sets from CONDS (N of them): per argument, 0, every value a
 * condition names and its neighbours, a mask's bits one at a time (cut
 * to 32 bits on a 32-bit ABI, whose arguments the kernel zero-extends);
 * every combination across the arguments when there are few, else one
 * argument varied at a time.
 */
void semdiff_probes_make(struct semdiff_probes *p,
			 const struct semdiff_cond *conds, size_t n, bool is32);
void semdiff_probes_release(struct semdiff_probes *p);

/* report.c: D's changes grouped for a person (D->groups), and freed. */
void semdiff_group(struct semdiff *d);
void semdiff_groups_release(struct semdiff *d);

#endif
