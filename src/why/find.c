// SPDX-License-Identifier: Apache-2.0
/*
 * why_find: the first rule of the notes table (notes.c) whose names,
 * argument condition and verdict condition fit a refused call.
 */
#include <stdbool.h>
#include <string.h>

#include "seccompdbg/why.h"

static bool has_name(const struct why_rule *r, const char *name)
{
	const char *const *n;

	for (n = r->names; *n; n++)
		if (!strcmp(*n, name))
			return true;
	return false;
}

static bool is_one_of(const struct why_rule *r, uint64_t value)
{
	size_t i;

	for (i = 0; i < r->nvalues; i++)
		if (r->values[i] == value)
			return true;
	return false;
}

static bool args_fit(const struct why_rule *r, const uint64_t args[6])
{
	uint64_t a;

	if (r->arg_test == WHY_ARG_ANY)
		return true;
	if (!args)
		return false;
	a = args[r->arg];
	switch (r->arg_test) {
	case WHY_ARG_EQ:
		return a == r->values[0];
	case WHY_ARG_HAS_BITS:
		return (a & r->values[0]) != 0;
	case WHY_ARG_NOT_IN:
		return !is_one_of(r, a);
	case WHY_ARG_ANY:
		break;
	}
	return true;
}

static bool is_errno(const struct profile_verdict *v, uint32_t e)
{
	return v->action == PROFILE_ACT_ERRNO && v->data == e;
}

static bool verdict_fits(const struct why_rule *r,
			 const struct profile_verdict *v)
{
	switch (r->verdict) {
	case WHY_REFUSED:
		return true;
	case WHY_ERRNO_IS:
		return v && is_errno(v, r->errno_value);
	case WHY_REFUSED_NOT_ERRNO_IS:
		return v && !is_errno(v, r->errno_value);
	}
	return false;
}

/* ALLOW and LOG let the call run: there is no refusal to explain. */
static bool lets_run(const struct profile_verdict *v)
{
	return v &&
	       (v->action == PROFILE_ACT_ALLOW || v->action == PROFILE_ACT_LOG);
}

const struct why_note *why_find(const char *name, const uint64_t args[6],
				const struct profile_verdict *v)
{
	size_t n, i;
	const struct why_rule *rules = why_rules(&n);

	if (!name || lets_run(v))
		return NULL;
	for (i = 0; i < n; i++) {
		const struct why_rule *r = &rules[i];

		if (has_name(r, name) && args_fit(r, args) &&
		    verdict_fits(r, v))
			return &r->note;
	}
	return NULL;
}
