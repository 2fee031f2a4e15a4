/* SPDX-License-Identifier: Apache-2.0 */
/*
 * semdiff: what two profiles decide differently, by meaning rather than
 * by text.
 *
 * Both resolved profiles are judged on every system call of every ABI
 * either lists (x86_64, and the compat x86 and x32 on an x86_64 host),
 * each call with the argument values the rules of either single out: for
 * each argument a condition of either tests, the condition's value and
 * its neighbours, each bit of a mask on its own, combined across the
 * arguments. Both verdicts come from eval and are held to the compiled
 * filters (the bpf module runs them); a disagreement is a bug, reported
 * as -EPROTO.
 */
#ifndef SECCOMPDBG_SEMDIFF_H
#define SECCOMPDBG_SEMDIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seccompdbg/eval.h"
#include "seccompdbg/resolve.h"

/* One call (or one set of its arguments) the two profiles judge apart. */
struct semdiff_change {
	uint32_t abi;  /* sysent token of the call's ABI (x32's own) */
	uint32_t arch; /* seccomp_data.arch (AUDIT_ARCH_X86_64 for x32) */
	int nr;	       /* as the kernel reports it (x32 bit included) */
	const char *name;
	/*
	 * True when every argument set tried changed the same way: the
	 * call changed whatever its arguments. Otherwise ARGS is one set
	 * that changed (arguments the rules do not test are 0).
	 */
	bool any_args;
	uint64_t args[6];
	struct eval_result a, b;
};

/* An ABI one profile's filter lets in and the other's sends to the
   bad-architecture action: its calls are not listed one by one. */
struct semdiff_abi {
	uint32_t abi;
	bool in_a, in_b;
};

/* Changes as a person reads them: one call with one argument set (or
   any) and one pair of verdicts, on every ABI where it changed so. */
struct semdiff_group {
	const struct semdiff_change *c; /* the first ABI's */
	char *args;			/* semdiff_args_text, "" for any */
	char *va, *vb;			/* the verdicts as text */
	uint32_t abis[8];
	size_t nabis;
};

struct semdiff {
	struct semdiff_change *changes; /* by ABI, then number */
	size_t nchanges;
	struct semdiff_abi *abis;
	size_t nabis;
	size_t ncalls, nprobes;	      /* calls judged, argument sets tried */
	struct semdiff_group *groups; /* the changes grouped, in order */
	size_t ngroups;
};

/*
 * Compare A and B (resolved for the same host). Returns 0 with OUT
 * filled (semdiff_release it); -EPROTO when eval and a compiled filter
 * disagree (err names the call); the errors of compile_filter when a
 * filter cannot be built.
 */
int semdiff_run(const struct resolve_result *a, const struct resolve_result *b,
		struct semdiff *out, struct err *err);
void semdiff_release(struct semdiff *d);

/*
 * The arguments of C that its rules single out, as text: "CLONE_NEWUSER"
 * (one argument with a name for its value), "arg0=AF_VSOCK, arg2=5", or
 * "every argument 0"; nothing for a change of any arguments.
 */
void semdiff_args_text(const struct semdiff_change *c, struct strbuf *out);

/*
 * The changes as `seccompdbg diff` prints them, A and B naming the two
 * profiles: the ABIs one lets in and the other does not, then each pair
 * of verdicts ("SCMP_ACT_ERRNO(EPERM) -> SCMP_ACT_ALLOW") and the calls
 * under it, wrapped. Nothing when the profiles agree.
 */
void semdiff_text(const struct semdiff *d, const char *a, const char *b,
		  struct strbuf *out);

#endif
