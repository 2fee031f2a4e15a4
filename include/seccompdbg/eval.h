/* SPDX-License-Identifier: Apache-2.0 */
/*
 * eval: the verdict a resolved profile gives one system call, and which
 * rule gave it, worked out from the rules the way libseccomp 2.5.4
 * combines them and generates code from them (docs/filters.md, "How
 * rules combine"), faults included: eval decides as the filter the kernel
 * runs, not as the rules read.
 *
 * This is the model's own reading, independent of libseccomp's filter
 * code: the tests run the compiled BPF through the bpf interpreter on the
 * same calls and the two must agree. (From compile it takes only the ids
 * the catching filter returns, compile_catch_ids.) The supervisor also
 * asks eval at every stop which rule refused the call, and whether the
 * profile as edited so far allows it ("allow always").
 */
#ifndef SECCOMPDBG_EVAL_H
#define SECCOMPDBG_EVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "seccompdbg/resolve.h"

struct eval;

struct eval_result {
	struct profile_verdict verdict; /* errno and data cut to 16 bits */
	/*
	 * What the catching filter returns as data: RESOLVE_ID_DEFAULT,
	 * RESOLVE_ID_BADARCH, or a rule id, the one of the FIRST rule with
	 * this action (compile_catch_ids), which may not be `rule`. For
	 * ALLOW and LOG, which it does not catch, `rule`'s own id.
	 */
	unsigned id;
	/* The rule that decided; NULL for the default and bad arch. */
	const struct resolve_rule *rule;
};

/*
 * Index R for fast lookups (per architecture and number). R is borrowed
 * and must outlive the eval.
 */
struct eval *eval_new(const struct resolve_result *r);
void eval_free(struct eval *e);

/*
 * True when libseccomp would never return from building R's filter (it
 * loops on some rule sets, docs/filters.md): compile_filter then fails
 * with -ETIME. eval leaves the rule that loops out and goes on.
 */
bool eval_libseccomp_hangs(const struct eval *e);

/*
 * Judge a call as the kernel reports it: ARCH is seccomp_data.arch
 * (AUDIT_ARCH_*), NR may carry the x32 bit. Never fails.
 */
void eval_call(const struct eval *e, uint32_t arch, int nr,
	       const uint64_t args[6], struct eval_result *out);

/*
 * True when RET, what the catching filter (COMPILE_TRACE) returned for a
 * call, says what EV, eval's verdict on the same call, says: the call
 * runs, or it is caught with EV's id.
 */
bool eval_matches_filter(const struct eval_result *ev, uint32_t ret);

/*
 * True when the filter tests the arguments of this call (ARCH and NR as
 * for eval_call): its verdict may then depend on them. False when one
 * verdict holds whatever they are.
 */
bool eval_call_has_conditions(const struct eval *e, uint32_t arch, int nr);

#endif
