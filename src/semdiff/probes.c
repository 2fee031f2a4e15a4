// SPDX-License-Identifier: Apache-2.0
/*
 * The argument sets a call is judged with: what its conditions single
 * out. A comparison with V splits the values at V, so V - 1, V and V + 1
 * stand for every value (with 0 for the bottom); a masked comparison
 * (arg & M) == V is met by V and missed by V with any one bit of M
 * flipped, so each bit is tried on its own (clone with CLONE_NEWUSER,
 * with CLONE_NEWNS...) besides all of M. Arguments no condition tests
 * stay 0.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Values tried for one argument, and argument sets in all. */
#define MAX_VALUES 96
#define MAX_SETS   4096

struct values {
	uint64_t v[MAX_VALUES];
	size_t n;
};

static void value_add(struct values *vs, uint64_t v, bool is32)
{
	size_t i;

	if (is32)
		v &= 0xffffffffu;
	for (i = 0; i < vs->n; i++)
		if (vs->v[i] == v)
			return;
	if (vs->n < MAX_VALUES)
		vs->v[vs->n++] = v;
}

static void values_of(struct values *vs, const struct profile_arg *a, bool is32)
{
	uint64_t bit;

	if (a->op != PROFILE_OP_MASKED_EQ) {
		value_add(vs, a->value, is32);
		if (a->value)
			value_add(vs, a->value - 1, is32);
		if (a->value != UINT64_MAX)
			value_add(vs, a->value + 1, is32);
		return;
	}
	value_add(vs, a->value_two, is32);
	value_add(vs, a->value_two | a->value, is32);
	for (bit = 1; bit; bit <<= 1)
		if (a->value & bit)
			value_add(vs, a->value_two ^ bit, is32);
}

static void set_add(struct semdiff_probes *p, const uint64_t v[6])
{
	xgrow(&p->v, &p->cap, p->n + 1, sizeof(*p->v));
	memcpy(p->v[p->n++], v, sizeof(*p->v));
}

/* Every combination, odometer-wise. */
static void product(struct semdiff_probes *p, const struct values vs[6])
{
	size_t at[6] = {0}, i;
	uint64_t v[6];

	for (;;) {
		for (i = 0; i < 6; i++)
			v[i] = vs[i].v[at[i]];
		set_add(p, v);
		for (i = 0; i < 6 && ++at[i] == vs[i].n; i++)
			at[i] = 0;
		if (i == 6)
			return;
	}
}

/* Zero, then one argument at a time. */
static void one_at_a_time(struct semdiff_probes *p, const struct values vs[6])
{
	uint64_t v[6] = {0};
	size_t i, j;

	set_add(p, v);
	for (i = 0; i < 6; i++) {
		for (j = 0; j < vs[i].n; j++) {
			if (!vs[i].v[j])
				continue;
			v[i] = vs[i].v[j];
			set_add(p, v);
		}
		v[i] = 0;
	}
}

void semdiff_probes_make(struct semdiff_probes *p,
			 const struct semdiff_cond *conds, size_t n, bool is32)
{
	struct values vs[6];
	size_t i, sets = 1;

	p->n = 0;
	for (i = 0; i < 6; i++) {
		vs[i].n = 0;
		value_add(&vs[i], 0, is32);
	}
	for (i = 0; i < n; i++)
		if (conds[i].arg.index < 6)
			values_of(&vs[conds[i].arg.index], &conds[i].arg, is32);
	for (i = 0; i < 6 && sets <= MAX_SETS; i++)
		sets *= vs[i].n;
	if (sets <= MAX_SETS)
		product(p, vs);
	else
		one_at_a_time(p, vs);
}

void semdiff_probes_release(struct semdiff_probes *p)
{
	free(p->v);
	memset(p, 0, sizeof(*p));
}
