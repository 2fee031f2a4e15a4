// SPDX-License-Identifier: Apache-2.0
/*
 * The conditions of both profiles, filed under the calls they test.
 *
 * A rule reaches a call on every ABI of the filter (libseccomp adds it to
 * each architecture), by the number the name has there; on an ABI that
 * multiplexes the call (i386 socket through socketcall), also on the
 * multiplexer, whose first argument is then the call's code and whose
 * other conditions stay. Unconditional rules add nothing: the zero
 * argument set covers them.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/sysent.h"

static void add(struct semdiff_conds *c, size_t abi, int nr,
		const struct profile_arg *arg)
{
	xgrow(&c->v, &c->cap, c->n + 1, sizeof(*c->v));
	c->v[c->n++] = (struct semdiff_cond){abi, nr, *arg};
}

/* RULE's conditions for NAME on the ABI at index ABI. */
static void add_name(struct semdiff_conds *c, const struct resolve_rule *rule,
		     const char *name, uint32_t token, size_t abi)
{
	struct profile_arg code = {0, PROFILE_OP_EQ, 0, 0};
	struct sysent_mux m;
	int nr = sysent_nr(token, name);
	size_t i;

	if (sysent_multiplexed(token, name, &m)) {
		code.value = m.code;
		add(c, abi, m.mux, &code);
		for (i = 0; i < rule->nargs; i++)
			if (rule->args[i].index != 0)
				add(c, abi, m.mux, &rule->args[i]);
		nr = m.direct;
	}
	for (i = 0; nr >= 0 && i < rule->nargs; i++)
		add(c, abi, nr, &rule->args[i]);
}

void semdiff_conds_add(struct semdiff_conds *c, const struct resolve_result *r,
		       const uint32_t *abis, size_t nabis)
{
	size_t i, j, k;

	for (i = 0; i < r->nrules; i++)
		for (j = 0; j < r->rules[i].nnames; j++)
			for (k = 0; k < nabis; k++)
				add_name(c, &r->rules[i], r->rules[i].names[j],
					 abis[k], k);
}

static int by_call(const void *x, const void *y)
{
	const struct semdiff_cond *a = x, *b = y;

	if (a->abi != b->abi)
		return a->abi < b->abi ? -1 : 1;
	return a->nr < b->nr ? -1 : a->nr > b->nr;
}

void semdiff_conds_sort(struct semdiff_conds *c)
{
	if (c->n)
		qsort(c->v, c->n, sizeof(*c->v), by_call);
}

const struct semdiff_cond *semdiff_conds_of(const struct semdiff_conds *c,
					    size_t abi, int nr, size_t *n)
{
	struct semdiff_cond key = {abi, nr, {0, 0, 0, 0}};
	size_t lo = 0, hi = c->n, mid, end;

	*n = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (by_call(&c->v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < c->n && !by_call(&c->v[end], &key); end++)
		;
	*n = end - lo;
	return *n ? &c->v[lo] : NULL;
}

void semdiff_conds_release(struct semdiff_conds *c)
{
	free(c->v);
	memset(c, 0, sizeof(*c));
}
