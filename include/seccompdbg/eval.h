/* SPDX-License-Identifier: Apache-2.0 */
/*
 * eval: the verdict a resolved profile gives one system call, and which
 * rule gave it, worked out from the rules the way libseccomp combines
 * them (docs/profile-semantics.md, "How rules combine").
 *
 * This is the model's own reading, independent of compile: the tests run
 * the compiled BPF through the bpf interpreter on the same calls and the
 * two must agree. The supervisor also asks eval at every stop whether the
 * profile as edited so far allows the call ("allow always").
 */
#ifndef SECCOMPDBG_EVAL_H
#define SECCOMPDBG_EVAL_H

#include <stdint.h>

#include "seccompdbg/resolve.h"

struct eval;

struct eval_result {
	struct profile_verdict verdict;
	unsigned id;			 /* RESOLVE_ID_DEFAULT, _BADARCH, or
					    the rule's id */
	const struct resolve_rule *rule; /* NULL for default and bad arch */
};

/*
 * Index R for fast lookups (per architecture and number). R is borrowed
 * and must outlive the eval.
 */
struct eval *eval_new(const struct resolve_result *r);
void eval_free(struct eval *e);

/*
 * Judge a call as the kernel reports it: ARCH is seccomp_data.arch
 * (AUDIT_ARCH_*), NR may carry the x32 bit. Never fails.
 */
void eval_call(const struct eval *e, uint32_t arch, int nr,
	       const uint64_t args[6], struct eval_result *out);

#endif
