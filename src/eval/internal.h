/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the files of the eval module share (eval.c judges calls, rules.c
 * builds the tables from the rules). Not a contract with other modules.
 */
#ifndef SECCOMPDBG_EVAL_INTERNAL_H
#define SECCOMPDBG_EVAL_INTERNAL_H

#include "seccompdbg/eval.h"
#include "tree.h"

struct eval_arch {
	uint32_t token;
	bool is64;
	int socketcall;	       /* >= 0 where the architecture multiplexes */
	bool nr_unloaded;      /* the program never loads the number here */
	struct eval_sys **sys; /* sorted by nr */
	size_t nsys, capsys;
};

/* One seccomp_rule_add: the name as every architecture resolves it. */
struct eval_call {
	const char *name;
	int native_nr;
	struct eval_leaf leaf;
	struct eval_cond conds[6];
};

struct eval {
	const struct resolve_result *r;
	uint32_t native;
	struct eval_arch *arches;
	size_t narches;
	unsigned *ids;	   /* per pair: the id the catching filter returns */
	size_t *pair_rule; /* per pair: index of its rule */
	size_t npairs;
	struct eval_call *calls; /* those libseccomp accepted */
	size_t ncalls, capcalls;
	struct eval_node *arena; /* every tree node */
	size_t nnodes;
	bool loops; /* libseccomp would never return from some rule */
	struct eval_blocks *blocks; /* every block of the program */
};

/*
 * Replay every rule of E->r into E's per-architecture tables, as compile
 * hands them to libseccomp (rules.c). E->r and E->native are set.
 */
void eval_rules_add(struct eval *e);
/* Forget A's tables (their nodes stay in the arena until eval_free). */
void eval_arch_clear(struct eval_arch *a);
/* The kernel's return value of a verdict; *valid false for no action. */
uint32_t eval_verdict_ret(const struct profile_verdict *v, bool *valid);
const struct eval_arch *eval_arch_find(const struct eval *e, uint32_t token);
/* The entry of NR on A, or NULL (then *at is where it would go). */
struct eval_sys *eval_sys_find(const struct eval_arch *a, int nr, size_t *at);

#endif
