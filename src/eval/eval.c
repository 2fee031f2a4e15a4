// SPDX-License-Identifier: Apache-2.0
/*
 * eval: the verdict of a resolved profile for one call, from our own
 * model of what libseccomp builds (rules.c, tree.c, merge.c, blocks.c),
 * without libseccomp's filter code.
 *
 * eval_call follows the filter libseccomp generates: the architecture
 * check (x86_64 and x32 share AUDIT_ARCH_X86_64 and are told apart by
 * the x32 bit of the number), the number, then the blocks of the call's
 * tree; what nothing decides gets the default action.
 */
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/compile.h"
#include "seccompdbg/sysent.h"

/* The verdict as the filter carries it: 16 bits of data, if any. */
static struct profile_verdict verdict_effective(struct profile_verdict v)
{
	if (v.action == PROFILE_ACT_ERRNO || v.action == PROFILE_ACT_TRACE)
		v.data &= SECCOMP_RET_DATA;
	else
		v.data = 0;
	return v;
}

/* The calls of one architecture's part of the program, in list order. */
struct layout {
	struct eval_sys **sys;
	size_t n, cap;
	bool bintree;
};

/* In number order, as libseccomp keeps them (pseudo-numbers last). */
static void layout_add(struct layout *l, const struct eval_arch *a)
{
	size_t i, first = l->n;

	for (i = 0; i < a->nsys; i++) {
		xgrow(&l->sys, &l->cap, l->n + 1, sizeof(*l->sys));
		l->sys[l->n++] = a->sys[i];
	}
	/* a->sys is in signed order: move the negative ones to the end. */
	for (i = first; i < l->n && l->sys[first]->nr < 0; i++) {
		struct eval_sys *neg = l->sys[first];

		memmove(&l->sys[first], &l->sys[first + 1],
			(l->n - first - 1) * sizeof(*l->sys));
		l->sys[l->n - 1] = neg;
	}
}

/*
 * libseccomp's list order: by priority, highest first, ties in number
 * order (first architecture first); with the binary tree, by number,
 * highest first. A stable insertion sort, as libseccomp's.
 */
static void layout_sort(struct layout *l)
{
	size_t i, j;

	for (i = 1; i < l->n; i++) {
		struct eval_sys *s = l->sys[i];

		for (j = i; j > 0; j--) {
			const struct eval_sys *p = l->sys[j - 1];
			bool before =
				l->bintree ? (uint32_t)s->nr > (uint32_t)p->nr
					   : s->priority > p->priority;

			if (!before)
				break;
			l->sys[j] = l->sys[j - 1];
		}
		l->sys[j] = s;
	}
}

/* The number is never loaded in A's part of the program (and x32's). */
static void unloaded_mark(struct eval *e, const struct eval_arch *a,
			  uint32_t x32)
{
	size_t i;

	for (i = 0; i < e->narches; i++)
		if (&e->arches[i] == a || (a->token == AUDIT_ARCH_X86_64 &&
					   e->arches[i].token == x32))
			e->arches[i].nr_unloaded = true;
}

/*
 * Build every block, then walk them as libseccomp lays the program out:
 * the architectures last to first, and in each the calls from the end
 * of its list (x86_64 and x32 share one list). Pseudo-calls make no
 * code, which matters once: unless the architecture check loads the
 * number itself (x86_64 without x32 does, for its ABI test) or the
 * binary tree does, the first call of the list loads it; when that call
 * is a pseudo-call (highest priority: few conditions) no code loads it,
 * every check compares the architecture token instead, and every call
 * of the architecture gets the default action.
 */
static void blocks_layout(struct eval *e)
{
	const struct eval_arch *x64 = eval_arch_find(e, AUDIT_ARCH_X86_64);
	uint32_t x32 = sysent_arch_by_scmp("SCMP_ARCH_X32")->token;
	struct layout l = {NULL, 0, 0, e->npairs > COMPILE_BINTREE_PAST};
	size_t i, j;

	e->blocks = eval_blocks_new();
	for (i = 0; i < e->narches; i++)
		for (j = 0; j < e->arches[i].nsys; j++)
			e->arches[i].sys[j]->head = eval_blocks_build(
				e->blocks, e->arches[i].sys[j]);
	for (i = e->narches; i-- > 0;) {
		const struct eval_arch *a = &e->arches[i];

		if (a->token == x32 && x64)
			continue;
		l.n = 0;
		layout_add(&l, a);
		if (a == x64 && eval_arch_find(e, x32))
			layout_add(&l, eval_arch_find(e, x32));
		layout_sort(&l);
		if (!l.bintree && (a != x64 || eval_arch_find(e, x32)) && l.n &&
		    l.sys[0]->nr < 0)
			unloaded_mark(e, a, x32);
		for (j = l.n; j-- > 0;)
			if (l.sys[j]->nr >= 0)
				eval_blocks_place(l.sys[j]->head);
	}
	free(l.sys);
}

struct eval *eval_new(const struct resolve_result *r)
{
	struct eval *e = xcalloc(1, sizeof(*e));

	e->r = r;
	e->native = sysent_arch_native()->token;
	eval_rules_add(e);
	blocks_layout(e);
	return e;
}

bool eval_libseccomp_hangs(const struct eval *e)
{
	return e->loops;
}

void eval_free(struct eval *e)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->narches; i++) {
		eval_arch_clear(&e->arches[i]);
		free(e->arches[i].sys);
	}
	free(e->arches);
	eval_arena_free(&e->arena);
	eval_blocks_free(e->blocks);
	free(e->ids);
	free(e->pair_rule);
	free(e->calls);
	free(e);
}

/* ---- judging a call -------------------------------------------------- */

const struct eval_arch *eval_arch_find(const struct eval *e, uint32_t token)
{
	size_t i;

	for (i = 0; i < e->narches; i++)
		if (e->arches[i].token == token)
			return &e->arches[i];
	return NULL;
}

/*
 * The architecture part of the filter. x86_64 and x32 both report
 * AUDIT_ARCH_X86_64; x32 numbers carry SYSENT_X32_BIT. With only one of
 * the two in the filter, a number of the other goes to the bad-arch
 * action, except -1 (a tracer's "skip this call"), which goes on to the
 * default. Returns NULL for bad arch.
 */
static const struct eval_arch *arch_route(const struct eval *e, uint32_t arch,
					  int nr)
{
	const struct sysent_arch *x32 = sysent_arch_by_scmp("SCMP_ARCH_X32");
	const struct eval_arch *a64, *a32;
	bool x32_nr = (uint32_t)nr >= SYSENT_X32_BIT;

	if (arch == x32->token)
		return NULL; /* x32 never reports its own token */
	if (arch != AUDIT_ARCH_X86_64)
		return eval_arch_find(e, arch);
	a64 = eval_arch_find(e, AUDIT_ARCH_X86_64);
	a32 = eval_arch_find(e, x32->token);
	if (a64 && a32)
		return x32_nr ? a32 : a64;
	if (a64)
		return !x32_nr || nr == -1 ? a64 : NULL;
	return x32_nr ? a32 : NULL;
}

static void result_default(const struct eval *e, struct eval_result *out)
{
	out->verdict = verdict_effective(e->r->default_verdict);
	out->id = RESOLVE_ID_DEFAULT;
	out->rule = NULL;
}

/* The rule that put LEAF there decided; the filter returns its label. */
static void result_leaf(const struct eval *e, const struct eval_leaf *leaf,
			struct eval_result *out)
{
	out->rule = &e->r->rules[e->pair_rule[leaf->pair]];
	out->id = e->ids[leaf->pair];
	out->verdict = verdict_effective(out->rule->verdict);
}

void eval_call(const struct eval *e, uint32_t arch, int nr,
	       const uint64_t args[6], struct eval_result *out)
{
	const struct eval_arch *a = arch_route(e, arch, nr);
	const struct eval_leaf *leaf;
	const struct eval_sys *s;

	if (!a) {
		out->verdict =
			(struct profile_verdict){PROFILE_ACT_KILL_THREAD, 0};
		out->id = RESOLVE_ID_BADARCH;
		out->rule = NULL;
		return;
	}
	/* Negative numbers are libseccomp's pseudo-calls: never in BPF. */
	s = nr >= 0 && !a->nr_unloaded ? eval_sys_find(a, nr, NULL) : NULL;
	leaf = !s	   ? NULL
	       : s->chains ? eval_blocks_judge(s->head, args)
			   : &s->action;
	if (leaf)
		result_leaf(e, leaf, out);
	else
		result_default(e, out);
}

bool eval_call_has_conditions(const struct eval *e, uint32_t arch, int nr)
{
	const struct eval_arch *a = arch_route(e, arch, nr);
	const struct eval_sys *s;

	if (!a || nr < 0 || a->nr_unloaded)
		return false;
	s = eval_sys_find(a, nr, NULL);
	return s && s->chains;
}

bool eval_matches_filter(const struct eval_result *ev, uint32_t ret)
{
	bool allowed = profile_action_is_allow(ev->verdict.action);

	if ((ret & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_TRACE)
		return allowed;
	return !allowed && (ret & SECCOMP_RET_DATA) == ev->id;
}
