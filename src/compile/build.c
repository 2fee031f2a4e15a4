// SPDX-License-Identifier: Apache-2.0
/*
 * A resolved profile -> a libseccomp filter, the way runc builds it:
 * seccomp_init with the default action, every architecture (EEXIST is
 * fine: the native one is there already), then the rules in profile
 * order, one libseccomp rule per name (and per condition when an
 * argument index repeats). Names go through the non-exact
 * seccomp_rule_add, which puts a rule on the architectures where the
 * call exists and accepts names that exist only elsewhere.
 *
 * In the catching modes every action that refuses becomes
 * SCMP_ACT_TRACE(id) (ids.c says which id) and so does the bad-arch
 * action, so nothing the profile refuses runs unseen.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/sysent.h"

static int arches_add(scmp_filter_ctx ctx, const struct resolve_result *r,
		      struct err *err)
{
	size_t i;
	int rc;

	for (i = 0; i < r->narches; i++) {
		const struct sysent_arch *a =
			sysent_arch_by_token(r->arches[i]);
		const char *name = a ? a->scmp : "?";

		rc = seccomp_arch_add(ctx, r->arches[i]);
		if (rc == -EEXIST)
			continue;
		if (rc == -EDOM)
			return err_set(
				err, EINVAL,
				"architecture %s cannot share a filter with %s (the other byte order)",
				name, sysent_arch_native()->scmp);
		if (rc < 0)
			return err_set(
				err, EINVAL,
				"libseccomp refuses architecture %s (%#x): %s",
				name, r->arches[i], strerror(-rc));
	}
	return 0;
}

static struct scmp_arg_cmp arg_cmp(const struct profile_arg *a)
{
	/* MASKED_EQ: datum_a is the mask, datum_b the value (as runc). */
	return (struct scmp_arg_cmp){
		.arg = a->index,
		.op = (enum scmp_compare)a->op,
		.datum_a = a->value,
		.datum_b = a->value_two,
	};
}

/* One name of one rule: one libseccomp rule, or one per condition. */
static int rule_add(scmp_filter_ctx ctx, uint32_t action, int nr,
		    const struct resolve_rule *rule)
{
	struct scmp_arg_cmp cmp[6];
	size_t i;
	int rc;

	if (rule->nargs == 0)
		return seccomp_rule_add_array(ctx, action, nr, 0, NULL);
	if (rule->args_or) {
		for (i = 0; i < rule->nargs; i++) {
			cmp[0] = arg_cmp(&rule->args[i]);
			rc = seccomp_rule_add_array(ctx, action, nr, 1, cmp);
			if (rc < 0)
				return rc;
		}
		return 0;
	}
	if (rule->nargs > ARRAY_SIZE(cmp))
		return -EINVAL;
	for (i = 0; i < rule->nargs; i++)
		cmp[i] = arg_cmp(&rule->args[i]);
	return seccomp_rule_add_array(ctx, action, nr, rule->nargs, cmp);
}

static int rule_error(const struct resolve_result *r, size_t i,
		      const char *name, int rc, struct err *err)
{
	size_t index = compile_rule_index(r, i);

	if (rc == -EEXIST)
		return err_set(
			err, EEXIST,
			"syscalls[%zu]: %s: an earlier rule has the same conditions and another action (libseccomp refuses it and so does runc: \"file exists\")",
			index, name);
	return err_set(
		err, EINVAL,
		"syscalls[%zu]: %s: libseccomp refuses the rule: %s%s", index,
		name, strerror(-rc),
		rc == -EINVAL && r->rules[i].nargs
			? " (two conditions on one argument, an index past 5 or an unknown operator?)"
			: "");
}

/*
 * libseccomp takes an errno below MAX_ERRNO (4095) once cut to 16 bits
 * (runc cuts it the same way); refuse the rest with a clear word.
 */
static int errno_check(const struct profile_verdict *v, const char *where,
		       struct err *err)
{
	uint32_t cut = v->data & 0xffff;

	if (v->action != PROFILE_ACT_ERRNO || cut < 4095)
		return 0;
	return err_set(
		err, EINVAL,
		"%s: errno %u%s is beyond what libseccomp accepts (at most 4094)",
		where, v->data, cut != v->data ? " (cut to 16 bits)" : "");
}

/* The action rule I carries; its names may differ (ids.c). */
static uint32_t rule_action(const struct resolve_result *r, size_t i,
			    enum compile_mode mode, unsigned id)
{
	const struct resolve_rule *rule = &r->rules[i];

	if (mode == COMPILE_ORIGINAL ||
	    profile_action_is_allow(rule->verdict.action))
		return compile_verdict_action(&rule->verdict);
	return SCMP_ACT_TRACE(id);
}

static int rules_add(scmp_filter_ctx ctx, const struct resolve_result *r,
		     enum compile_mode mode, struct err *err)
{
	uint32_t def = compile_verdict_action(&r->default_verdict);
	uint32_t native = sysent_arch_native()->token;
	unsigned *ids = compile_catch_ids(r);
	size_t i, j, k = 0;
	int rc = 0;

	for (i = 0; i < r->nrules && rc == 0; i++) {
		const struct resolve_rule *rule = &r->rules[i];

		char where[32];

		snprintf(where, sizeof(where), "syscalls[%zu]",
			 compile_rule_index(r, i));
		rc = errno_check(&rule->verdict, where, err);
		if (rc < 0)
			break;
		/* runc skips these; libseccomp would refuse them (EACCES). */
		if (compile_verdict_action(&rule->verdict) == def ||
		    compile_verdict_action(&rule->verdict) ==
			    COMPILE_ACT_INVALID) {
			k += rule->nnames;
			continue;
		}
		for (j = 0; j < rule->nnames && rc == 0; j++, k++) {
			int nr = sysent_nr(native, rule->names[j]);

			/* Unknown to libseccomp: runc skips it too. */
			if (nr == SYSENT_NR_UNKNOWN)
				continue;
			if (mode != COMPILE_ORIGINAL &&
			    !profile_action_is_allow(rule->verdict.action) &&
			    ids[k] >= RESOLVE_ID_BADARCH) {
				rc = err_set(
					err, E2BIG,
					"syscalls[%zu]: rule id %u does not fit in SECCOMP_RET_DATA",
					compile_rule_index(r, i), ids[k]);
				break;
			}
			rc = rule_add(ctx, rule_action(r, i, mode, ids[k]), nr,
				      rule);
			if (rc < 0)
				rc = rule_error(r, i, rule->names[j], rc, err);
		}
	}
	free(ids);
	return rc;
}

static size_t rule_count(const struct resolve_result *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->nrules; i++)
		n += r->rules[i].nnames;
	return n;
}

int compile_build(const struct resolve_result *r, enum compile_mode mode,
		  scmp_filter_ctx *out, struct err *err)
{
	uint32_t def = compile_verdict_action(&r->default_verdict);
	scmp_filter_ctx ctx;
	int rc;

	rc = errno_check(&r->default_verdict, "defaultErrnoRet", err);
	if (rc < 0)
		return rc;
	if (mode != COMPILE_ORIGINAL &&
	    !profile_action_is_allow(r->default_verdict.action))
		def = SCMP_ACT_TRACE(RESOLVE_ID_DEFAULT);
	ctx = def == COMPILE_ACT_INVALID ? NULL : seccomp_init(def);
	if (!ctx)
		return err_set(err, EINVAL,
			       "defaultAction: libseccomp refuses action %#x",
			       def);
	/* The caller sets no_new_privs itself (or not, as runc as root). */
	rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	if (rc == 0 && mode != COMPILE_ORIGINAL)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
				      SCMP_ACT_TRACE(RESOLVE_ID_BADARCH));
	if (rc == 0 && rule_count(r) > COMPILE_BINTREE_PAST)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (rc < 0) {
		rc = err_set(err, EINVAL,
			     "libseccomp: setting an attribute: %s",
			     strerror(-rc));
		goto release_ctx;
	}
	rc = arches_add(ctx, r, err);
	if (rc == 0)
		rc = rules_add(ctx, r, mode, err);
	if (rc < 0)
		goto release_ctx;
	*out = ctx;
	return 0;

release_ctx:
	seccomp_release(ctx);
	return rc;
}
