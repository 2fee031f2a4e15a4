// SPDX-License-Identifier: Apache-2.0
/*
 * Building eval's tables: the rules replayed as compile hands them to
 * libseccomp. One call of seccomp_rule_add per name (per condition when
 * an argument index repeats), each going to every architecture of the
 * filter, in profile order. On each architecture a name becomes a number
 * (or a pseudo-number when the call does not exist there, or, on the
 * architectures that multiplex sockets and IPC, a socketcall / ipc rule
 * on its first argument plus the direct call) and the rule joins that
 * number's tree (merge.c). A call that fails on any architecture is
 * undone on all of them, as libseccomp's transactions do.
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/compile.h"
#include "seccompdbg/sysent.h"

/* What libseccomp compares: the kernel's return value. */
uint32_t eval_verdict_ret(const struct profile_verdict *v, bool *valid)
{
	*valid = true;
	switch (v->action) {
	case PROFILE_ACT_KILL:
	case PROFILE_ACT_KILL_THREAD:
		return SECCOMP_RET_KILL_THREAD;
	case PROFILE_ACT_KILL_PROCESS:
		return SECCOMP_RET_KILL_PROCESS;
	case PROFILE_ACT_TRAP:
		return SECCOMP_RET_TRAP;
	case PROFILE_ACT_ERRNO:
		/* libseccomp refuses errnos from MAX_ERRNO up (compile
		   fails): such a rule is left out. */
		*valid = (v->data & SECCOMP_RET_DATA) < 4095;
		return SECCOMP_RET_ERRNO | (v->data & SECCOMP_RET_DATA);
	case PROFILE_ACT_TRACE:
		return SECCOMP_RET_TRACE | (v->data & SECCOMP_RET_DATA);
	case PROFILE_ACT_LOG:
		return SECCOMP_RET_LOG;
	case PROFILE_ACT_NOTIFY:
		return SECCOMP_RET_USER_NOTIF;
	case PROFILE_ACT_ALLOW:
		return SECCOMP_RET_ALLOW;
	case PROFILE_ACT_NONE:
		break;
	}
	*valid = false;
	return 0;
}

/* ---- the per-architecture tables ------------------------------------- */

struct eval_sys *eval_sys_find(const struct eval_arch *a, int nr, size_t *at)
{
	size_t lo = 0, hi = a->nsys;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a->sys[mid]->nr == nr)
			return a->sys[mid];
		if (a->sys[mid]->nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (at)
		*at = lo;
	return NULL;
}

/* libseccomp's db_rule_add on one architecture. */
static int sys_add(struct eval *e, struct eval_arch *a, int nr,
		   const struct eval_cond conds[6], struct eval_leaf leaf)
{
	size_t before = e->nnodes, at = 0;
	struct eval_node *chain =
		eval_chain_new(conds, a->is64, leaf, &e->arena, &e->nnodes);
	unsigned count = (unsigned)(e->nnodes - before);
	struct eval_sys *s;

	s = eval_sys_find(a, nr, &at);
	if (s)
		return eval_sys_add(s, chain, count, leaf, e->nnodes);
	s = xcalloc(1, sizeof(*s));
	s->nr = nr;
	s->chains = chain;
	s->action = leaf;
	s->node_cnt = count;
	s->priority = EVAL_PRI_CHAIN - count;
	xgrow(&a->sys, &a->capsys, a->nsys + 1, sizeof(*a->sys));
	memmove(a->sys + at + 1, a->sys + at, (a->nsys - at) * sizeof(*a->sys));
	a->sys[at] = s;
	a->nsys++;
	return 0;
}

void eval_arch_clear(struct eval_arch *a)
{
	size_t i;

	for (i = 0; i < a->nsys; i++)
		free(a->sys[i]);
	a->nsys = 0;
}

/*
 * A socket or IPC call on an architecture that multiplexes them (x86,
 * ppc, s390, mips): a rule for the multiplexer whose first argument is
 * the call's code (replacing any condition the rule had on it), then
 * the rule for the direct call (or for the pseudo-number when there is
 * none: never in the BPF, but it can still conflict).
 */
static int mux_add(struct eval *e, struct eval_arch *a,
		   const struct sysent_mux *m, int pnr,
		   const struct eval_cond conds[6], struct eval_leaf leaf)
{
	struct eval_cond first[6];
	int rc;

	memcpy(first, conds, sizeof(first));
	first[0] = (struct eval_cond){true, PROFILE_OP_EQ, UINT64_MAX,
				      (uint64_t)m->code};
	rc = sys_add(e, a, m->mux, first, leaf);
	if (rc < 0)
		return rc;
	return sys_add(e, a, m->direct >= 0 ? m->direct : pnr, conds, leaf);
}

/* One seccomp_rule_add on one architecture (arch_filter_rule_add). */
static int arch_add(struct eval *e, struct eval_arch *a, const char *name,
		    int native_nr, const struct eval_cond conds[6],
		    struct eval_leaf leaf)
{
	int nr = a->token == e->native ? native_nr : sysent_nr(a->token, name);

	if (nr == SYSENT_NR_UNKNOWN)
		return -EFAULT;
	if (a->socketcall >= 0) {
		struct sysent_mux m;

		if (nr < 0 && sysent_multiplexed(a->token, name, &m))
			return mux_add(e, a, &m, nr, conds, leaf);
		/* Pseudo-numbers are dropped here, kept elsewhere. */
		if (nr < 0)
			return 0;
	}
	return sys_add(e, a, nr, conds, leaf);
}

/* What the catching filter returns for PAIR's ACTION. */
static uint32_t label_of(const struct eval *e, size_t pair, uint32_t action)
{
	const struct resolve_rule *rule = &e->r->rules[e->pair_rule[pair]];

	if (profile_action_is_allow(rule->verdict.action))
		return action;
	return SECCOMP_RET_TRACE | e->ids[pair];
}

static int call_apply(struct eval *e, const struct eval_call *c)
{
	size_t i;
	int rc;

	for (i = 0; i < e->narches; i++) {
		rc = arch_add(e, &e->arches[i], c->name, c->native_nr, c->conds,
			      c->leaf);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * One seccomp_rule_add: every architecture or none. A call that fails
 * (a conflict, -EEXIST) leaves the tables as they were: they are rebuilt
 * from the accepted calls, which libseccomp's transaction amounts to.
 * Names libseccomp does not know are skipped (compile does too).
 */
static void call_add(struct eval *e, size_t pair, const char *name,
		     const struct eval_cond conds[6], uint32_t action)
{
	struct eval_call c = {name,
			      sysent_nr(e->native, name),
			      {action, label_of(e, pair, action), pair},
			      {{0}}};
	size_t i, j;
	int rc;

	if (c.native_nr == SYSENT_NR_UNKNOWN)
		return;
	/* The other architectures get the name back from the native
	   number (the same name but for aliases). */
	if (c.native_nr >= 0)
		c.name = sysent_name(e->native, c.native_nr);
	if (!c.name)
		return;
	memcpy(c.conds, conds, sizeof(c.conds));
	rc = call_apply(e, &c);
	if (rc == -ELOOP)
		e->loops = true;
	if (rc == 0) {
		xgrow(&e->calls, &e->capcalls, e->ncalls + 1,
		      sizeof(*e->calls));
		e->calls[e->ncalls++] = c;
		return;
	}
	for (i = 0; i < e->narches; i++)
		eval_arch_clear(&e->arches[i]);
	for (j = 0; j < e->ncalls; j++)
		call_apply(e, &e->calls[j]);
}

/* The conditions of a call, as libseccomp files them by argument. */
static bool conds_set(struct eval_cond conds[6], const struct profile_arg *args,
		      size_t nargs)
{
	size_t i;

	memset(conds, 0, 6 * sizeof(*conds));
	for (i = 0; i < nargs; i++) {
		const struct profile_arg *a = &args[i];
		bool masked = a->op == PROFILE_OP_MASKED_EQ;

		/* libseccomp refuses these (EINVAL); compile fails. */
		if (a->index >= 6 || conds[a->index].valid ||
		    a->op < PROFILE_OP_NE || a->op > PROFILE_OP_MASKED_EQ)
			return false;
		conds[a->index] = (struct eval_cond){
			.valid = true,
			.op = a->op,
			.mask = masked ? a->value : UINT64_MAX,
			.datum = masked ? a->value_two : a->value,
		};
	}
	return true;
}

/* Every seccomp_rule_add compile makes for one name of one rule. */
static void pair_add(struct eval *e, size_t pair,
		     const struct resolve_rule *rule, const char *name,
		     uint32_t action)
{
	struct eval_cond conds[6];
	size_t i;

	if (!rule->args_or || rule->nargs == 0) {
		if (conds_set(conds, rule->args, rule->nargs))
			call_add(e, pair, name, conds, action);
		return;
	}
	for (i = 0; i < rule->nargs; i++)
		if (conds_set(conds, &rule->args[i], 1))
			call_add(e, pair, name, conds, action);
}

static void arches_init(struct eval *e)
{
	const struct resolve_result *r = e->r;
	size_t i, j;

	e->arches = xcalloc(r->narches + 1, sizeof(*e->arches));
	for (i = 0; i <= r->narches; i++) {
		/* seccomp_init puts the native architecture in first. */
		uint32_t tok = i == 0 ? e->native : r->arches[i - 1];
		const struct sysent_arch *sa = sysent_arch_by_token(tok);
		struct eval_arch *a = &e->arches[e->narches];

		for (j = 0; j < e->narches; j++)
			if (e->arches[j].token == tok)
				break;
		/* Twice (EEXIST), or unknown to libseccomp (compile fails). */
		if (j < e->narches || !sa ||
		    sysent_nr(tok, "read") == SYSENT_NR_UNKNOWN)
			continue;
		a->token = tok;
		a->is64 = sa->bits == 64;
		a->socketcall = sysent_nr(tok, "socketcall");
		e->narches++;
	}
}

/* Each pair's rule, and the id the catching filter returns for it. */
static void pairs_init(struct eval *e)
{
	const struct resolve_result *r = e->r;
	size_t i, j, k = 0;

	for (i = 0; i < r->nrules; i++)
		e->npairs += r->rules[i].nnames;
	e->ids = compile_catch_ids(r);
	e->pair_rule = xcalloc(e->npairs + 1, sizeof(*e->pair_rule));
	for (i = 0; i < r->nrules; i++)
		for (j = 0; j < r->rules[i].nnames; j++, k++)
			e->pair_rule[k] = i;
}

void eval_rules_add(struct eval *e)
{
	const struct resolve_result *r = e->r;
	uint32_t def;
	size_t i, j, k = 0;
	bool valid;

	arches_init(e);
	pairs_init(e);
	def = eval_verdict_ret(&r->default_verdict, &valid);
	for (i = 0; i < r->nrules; i++) {
		const struct resolve_rule *rule = &r->rules[i];
		uint32_t action = eval_verdict_ret(&rule->verdict, &valid);

		/* Like compile (and runc): the default's own rules go. */
		if (!valid || action == def) {
			k += rule->nnames;
			continue;
		}
		for (j = 0; j < rule->nnames; j++, k++)
			pair_add(e, k, rule, rule->names[j], action);
	}
}
