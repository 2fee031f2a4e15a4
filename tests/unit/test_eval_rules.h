/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Rule sets for the bpf, compile and eval tests: resolved profiles built
 * from C arrays (the profile module is not needed), the three-way check
 * that eval, the compiled filters and their return values agree on a call,
 * verdict vectors, and a seeded generator of rule sets and calls.
 *
 * The vector runner takes any resolve_result, so vectors over the real
 * profiles (loaded and resolved) can use it as they are.
 */
#ifndef SECCOMPDBG_TEST_EVAL_RULES_H
#define SECCOMPDBG_TEST_EVAL_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "seccompdbg/compile.h"
#include "seccompdbg/eval.h"
#include "seccompdbg/resolve.h"

/* A rule as a test writes it. An index repeating sets args_or (as
   resolve does). */
struct trule {
	const char *names; /* separated by spaces */
	enum profile_action action;
	uint32_t data;
	size_t nargs;
	struct profile_arg args[8];
};

#define T_ARG(i, o, v)                                           \
	{                                                        \
		.index = (i), .op = PROFILE_OP_##o, .value = (v) \
	}
#define T_MASKED(i, m, v)                                               \
	{                                                               \
		.index = (i), .op = PROFILE_OP_MASKED_EQ, .value = (m), \
		.value_two = (v)                                        \
	}

/*
 * A resolved profile: the native architecture then ARCHES (tokens), the
 * default DEF, and RULES with ids 1, 2, ... Free with tset_free.
 */
struct resolve_result *tset_build(const uint32_t *arches, size_t narches,
				  struct profile_verdict def,
				  const struct trule *rules, size_t nrules);
void tset_free(struct resolve_result *r);
/*
 * libseccomp's faults (docs/filters.md), as rule sets for getppid:
 * SLIP: ERRNO(2) if a2 <= 0x7fffffff, ALLOW if a2 > 0x500000000 (the
 * stale accumulator allows a2 = 0xffffffff). RING: two ERRNO(3) rules
 * "a0 != 5 && a1 == 1", "a0 != 5 && a2 == 2" (libseccomp never returns).
 */
extern const struct trule tset_slip_rules[2];
extern const struct trule tset_ring_rules[2];

/* The rule set as text, for failure messages. */
void tset_describe(const struct resolve_result *r, struct strbuf *out);

/* A call as the kernel reports it. */
struct tcall {
	uint32_t arch;
	int nr;
	uint64_t args[6];
};

/* Every compiled form of one rule set, and its eval. */
struct tfilters {
	const struct resolve_result *r;
	struct compile_bpf orig, trace, trap, notify;
	struct eval *e;
};

/* Compile R in every mode; the rc of the ORIGINAL compile (all four must
   agree on success). */
int tfilters_init(struct tfilters *f, const struct resolve_result *r,
		  struct err *err);
void tfilters_release(struct tfilters *f);

/*
 * Run C through eval and the four programs. True when they agree: the
 * original program returns the verdict eval gives, and the catching ones
 * return ALLOW/LOG for it or TRACE / TRAP | eval's id / USER_NOTIF. Else
 * WHY says what differed.
 */
bool tfilters_agree(const struct tfilters *f, const struct tcall *c,
		    struct strbuf *why);

/* A verdict vector: a call and the verdict and id it must get. NAME is
   looked up on ARCH when set (else NR is used). */
struct tvector {
	uint32_t arch;
	const char *name;
	int nr;
	uint64_t args[6];
	enum profile_action action;
	uint32_t data;
	unsigned id;
};

/* Check every vector with eval and with the compiled filters. */
#define TVECTORS_CHECK(r, v) \
	tvectors_check((r), (v), ARRAY_SIZE(v), __FILE__, __LINE__)
void tvectors_check(const struct resolve_result *r, const struct tvector *v,
		    size_t n, const char *file, int line);

/* A deterministic generator (splitmix64). */
struct trand {
	uint64_t state;
};
uint64_t trand_next(struct trand *t);
size_t trand_below(struct trand *t, size_t n);

/* Options of a random rule set. */
struct trand_spec {
	const char *const *names; /* the calls the rules name */
	size_t nnames;
	const uint32_t *arches; /* besides the native one */
	size_t narches;
	size_t max_rules; /* at most 16 */
	bool only_errno;  /* ALLOW and ERRNO(k) only (for the kernel) */
	size_t max_names; /* names per rule, at most (0: 2) */
	/* only_errno: the default is ERRNO(10) or ALLOW, ERRNO rules use
	   11 to 14; a first rule allows these names (exit_group...). */
	const char *always_allow;
};

/* A random rule set whose conditions overlap often. */
struct resolve_result *trand_ruleset(struct trand *t,
				     const struct trand_spec *spec);
/* Random arguments, mostly the values of R's conditions and neighbours. */
void trand_args(struct trand *t, const struct resolve_result *r,
		uint64_t args[6]);

#endif
