// SPDX-License-Identifier: Apache-2.0
/*
 * Which rule id a rule carries in the catching filters.
 *
 * libseccomp builds one decision tree per system call and architecture
 * and then one program from all of them. Both steps compare actions, and
 * only for equality: adding a rule to a tree merges it with equal actions
 * (the earlier leaf stays, a shorter rule prunes the longer ones it
 * covers) and refuses different actions on the same conditions
 * (-EEXIST); generating the program shares identical blocks of code,
 * return instructions included, which decides where libseccomp's code
 * generator reloads the accumulator and where it (wrongly) does not
 * (docs/filters.md). So if every action that refuses is relabelled
 * SCMP_ACT_TRACE(id) with ONE id per original action, every comparison
 * gives the answer it gives for the profile's own actions, and the
 * catching program is the original program with other return values:
 * it decides exactly as the filter runc would load, quirks included.
 * One id per rule would break this: two ERRNO(EPERM) rules with the same
 * conditions merge in the original and collide in the copy, and blocks
 * shared in the original would be apart in the copy.
 *
 * The id of an action is the id of the first rule, in profile order,
 * with that action (as libseccomp compares it: the errno truncated to 16
 * bits, KILL and KILL_THREAD the same). eval names the very rule that
 * decided a call; the id only tells the action apart.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

uint32_t compile_verdict_action(const struct profile_verdict *v)
{
	switch (v->action) {
	case PROFILE_ACT_KILL:
	case PROFILE_ACT_KILL_THREAD:
		return SCMP_ACT_KILL_THREAD;
	case PROFILE_ACT_KILL_PROCESS:
		return SCMP_ACT_KILL_PROCESS;
	case PROFILE_ACT_TRAP:
		return SCMP_ACT_TRAP;
	case PROFILE_ACT_ERRNO:
		return SCMP_ACT_ERRNO(v->data);
	case PROFILE_ACT_TRACE:
		return SCMP_ACT_TRACE(v->data);
	case PROFILE_ACT_LOG:
		return SCMP_ACT_LOG;
	case PROFILE_ACT_NOTIFY:
		return SCMP_ACT_NOTIFY;
	case PROFILE_ACT_ALLOW:
		return SCMP_ACT_ALLOW;
	case PROFILE_ACT_NONE:
		break;
	}
	return COMPILE_ACT_INVALID;
}

size_t compile_rule_index(const struct resolve_result *r, size_t i)
{
	const struct resolve_rule *rule = &r->rules[i];

	return rule->rule ? rule->rule->index : rule->id - 1;
}

static int pair_cmp(const void *pa, const void *pb)
{
	const struct {
		uint32_t action;
		size_t rule;
	} *a = pa, *b = pb;

	if (a->action != b->action)
		return a->action < b->action ? -1 : 1;
	return a->rule < b->rule ? -1 : a->rule > b->rule;
}

unsigned *compile_catch_ids(const struct resolve_result *r)
{
	struct {
		uint32_t action;
		size_t rule;
	} *order = xcalloc(r->nrules + 1, sizeof(*order));
	size_t *first = xcalloc(r->nrules + 1, sizeof(*first));
	unsigned *ids;
	size_t n = 0, i, j, k, leader = 0;

	/* The first rule of each action: sort by (action, position). */
	for (i = 0; i < r->nrules; i++) {
		order[i].action = compile_verdict_action(&r->rules[i].verdict);
		order[i].rule = i;
		n += r->rules[i].nnames;
	}
	qsort(order, r->nrules, sizeof(*order), pair_cmp);
	for (i = 0; i < r->nrules; i++) {
		if (i == 0 || order[i].action != order[i - 1].action)
			leader = order[i].rule;
		first[order[i].rule] = leader;
	}
	ids = xcalloc(n ? n : 1, sizeof(*ids));
	for (i = 0, k = 0; i < r->nrules; i++) {
		const struct resolve_rule *rule = &r->rules[i];
		unsigned id = profile_action_is_allow(rule->verdict.action)
				      ? rule->id
				      : r->rules[first[i]].id;

		for (j = 0; j < rule->nnames; j++, k++)
			ids[k] = id;
	}
	free(first);
	free(order);
	return ids;
}
