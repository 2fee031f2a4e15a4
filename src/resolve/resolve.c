// SPDX-License-Identifier: Apache-2.0
/*
 * A profile as the runtime gets it on one host.
 *
 * Docker's setupSeccomp (or podman's) comes first: archMap picks the
 * architectures for the host, excludes then includes drop rules for the
 * capability set, architecture and kernel. Then runc's InitSeccomp: an
 * ERRNO or TRACE without errno gets EPERM, a rule with the default's
 * verdict is skipped, names libseccomp does not know are skipped, and a
 * rule testing one argument twice becomes an OR of single conditions.
 * OCI config.json profiles have no conditions and no archMap: only the
 * runc part applies.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/resolve.h"
#include "seccompdbg/sysent.h"

/*
 * The hosts whose archMap entry Docker looks up: the keys of moby's
 * nativeToSeccomp that its goToNative can produce. It also has "loong64"
 * and "mipsle", which goToNative spells "loongarch64" and "mipsel": on
 * those hosts Docker finds no entry (an upstream slip we keep).
 */
static const char *const moby_archmap_hosts[] = {
	"x86",	     "amd64",	 "arm",		"arm64", "mips64",
	"mips64n32", "mipsel64", "mips3l64n32", "ppc",	 "ppc64",
	"ppc64le",   "riscv64",	 "s390",	"s390x",
};

/* containers/common's smaller table, keyed by libseccomp's names. */
static const char *const podman_archmap_hosts[] = {
	"amd64",    "arm64",	   "mips64", "mips64n32",
	"mipsel64", "mipsel64n32", "s390x",
};

static bool list_has(char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

static bool has_cap(const struct resolve_env *env, const char *cap)
{
	size_t i;

	for (i = 0; i < env->ncaps; i++)
		if (!strcmp(env->caps[i], cap))
			return true;
	return false;
}

static bool kernel_at_least(const unsigned host[2], const unsigned min[2])
{
	return host[0] > min[0] || (host[0] == min[0] && host[1] >= min[1]);
}

/* The name includes/excludes "arches" are compared with on this host. */
static const char *host_name(const struct profile *p,
			     const struct sysent_arch *a)
{
	const char *name =
		p->format == PROFILE_FORMAT_CONTAINERS ? a->podman : a->moby;

	return name ? name : "";
}

/* excludes first (any match drops), then includes (all must hold). */
static bool rule_applies(const struct profile *p, const struct profile_rule *r,
			 const struct resolve_env *env, const char *arch)
{
	const struct profile_filter *ex = &r->excludes, *in = &r->includes;
	size_t i;

	if (profile_format_resolved(p->format))
		return true;
	if (list_has(ex->arches, ex->narches, arch))
		return false;
	for (i = 0; i < ex->ncaps; i++)
		if (has_cap(env, ex->caps[i]))
			return false;
	if (ex->has_min_kernel && kernel_at_least(env->kernel, ex->min_kernel))
		return false;
	if (in->narches && !list_has(in->arches, in->narches, arch))
		return false;
	for (i = 0; i < in->ncaps; i++)
		if (!has_cap(env, in->caps[i]))
			return false;
	if (in->has_min_kernel && !kernel_at_least(env->kernel, in->min_kernel))
		return false;
	return true;
}

static void diag_add(struct resolve_result *r, size_t *cap,
		     enum profile_severity sev, char *path, char *message)
{
	xgrow(&r->diags, cap, r->ndiags + 1, sizeof(*r->diags));
	r->diags[r->ndiags++] = (struct profile_diag){sev, path, 0, 0, message};
}

/*
 * Add ARCH (an SCMP name) unless it is there already (libseccomp's
 * EEXIST, which runc and crun ignore). An architecture this machine's
 * libseccomp cannot name is dropped with a warning: the runtime here
 * would refuse it, and no call of it can happen on this host.
 */
static void arch_add(struct resolve_result *r, const char *scmp,
		     const char *path, size_t *dcap)
{
	const struct sysent_arch *a = sysent_arch_by_scmp(scmp);
	size_t i;

	if (!a)
		return; /* the profile has an error for it */
	for (i = 0; i < r->narches; i++)
		if (r->arches[i] == a->token)
			return;
	if (sysent_nr(a->token, "read") == SYSENT_NR_UNKNOWN) {
		diag_add(
			r, dcap, PROFILE_WARNING, xstrdup(path),
			xasprintf(
				"libseccomp here does not know %s: left out (runtimes here would refuse it)",
				scmp));
		return;
	}
	r->arches =
		xreallocarray(r->arches, r->narches + 1, sizeof(*r->arches));
	r->arches[r->narches++] = a->token;
}

static const struct profile_archmap *archmap_entry(const struct profile *p,
						   const struct sysent_arch *a,
						   size_t *index)
{
	bool podman = p->format == PROFILE_FORMAT_CONTAINERS;
	const char *const *hosts =
		podman ? podman_archmap_hosts : moby_archmap_hosts;
	size_t n = podman ? ARRAY_SIZE(podman_archmap_hosts)
			  : ARRAY_SIZE(moby_archmap_hosts);
	const char *key = host_name(p, a);
	size_t i;

	for (i = 0; i < n && strcmp(hosts[i], key); i++)
		;
	if (i == n)
		return NULL;
	/* the first entry naming the host wins; later ones are ignored */
	for (i = 0; i < p->narchmap; i++) {
		if (p->archmap[i].arch &&
		    !strcmp(p->archmap[i].arch, a->scmp)) {
			*index = i;
			return &p->archmap[i];
		}
	}
	return NULL;
}

static void resolve_arches(struct resolve_result *r,
			   const struct sysent_arch *host, size_t *dcap)
{
	const struct profile *p = r->profile;
	const char *prefix = profile_path_prefix(p);
	const struct profile_archmap *m;
	char path[128];
	size_t i, e;

	/* the native ABI is always in (libseccomp's filter starts with it) */
	r->arches = xcalloc(1, sizeof(*r->arches));
	r->arches[r->narches++] = host->token;
	for (i = 0; i < p->narchitectures; i++) {
		snprintf(path, sizeof(path), "%sarchitectures[%zu]", prefix, i);
		arch_add(r, p->architectures[i], path, dcap);
	}
	if (p->narchitectures || !p->narchmap ||
	    profile_format_resolved(p->format))
		return;
	m = archmap_entry(p, host, &e);
	if (!m) {
		diag_add(
			r, dcap, PROFILE_NOTE, xasprintf("%sarchMap", prefix),
			xasprintf(
				"no archMap entry for %s applies: only its native calls pass, other ABIs (such as 32-bit calls) are refused",
				host->scmp));
		return;
	}
	snprintf(path, sizeof(path), "%sarchMap[%zu].architecture", prefix, e);
	arch_add(r, m->arch, path, dcap);
	for (i = 0; i < m->nsubs; i++) {
		snprintf(path, sizeof(path),
			 "%sarchMap[%zu].subArchitectures[%zu]", prefix, e, i);
		arch_add(r, m->subs[i], path, dcap);
	}
}

static bool has_repeated_index(const struct profile_rule *rule)
{
	size_t i, j;

	for (i = 1; i < rule->nargs; i++)
		for (j = 0; j < i; j++)
			if (rule->args[i].index == rule->args[j].index)
				return true;
	return false;
}

static void rule_add(struct resolve_result *r, const struct profile_rule *rule,
		     const struct profile_verdict *v, uint32_t arch)
{
	struct resolve_rule *rr = &r->rules[r->nrules++];
	const char **names = xcalloc(rule->nnames + 1, sizeof(*names));
	size_t i, n = 0;

	/* runc asks libseccomp for each name; unknown ones are skipped
	   (names that exist only on other ABIs resolve and are kept) */
	for (i = 0; i < rule->nnames; i++)
		if (sysent_nr(arch, rule->names[i]) != SYSENT_NR_UNKNOWN)
			names[n++] = rule->names[i];
	*rr = (struct resolve_rule){
		.rule = rule,
		.id = (unsigned)rule->index + 1,
		.verdict = *v,
		.names = names,
		.nnames = n,
		.args = rule->args,
		.nargs = rule->nargs,
		.args_or = has_repeated_index(rule),
	};
}

static void resolve_rules(struct resolve_result *r,
			  const struct resolve_env *env,
			  const struct sysent_arch *host)
{
	const struct profile *p = r->profile;
	const char *arch = host_name(p, host);
	size_t i;

	r->rules = xcalloc(p->nrules + 1, sizeof(*r->rules));
	for (i = 0; i < p->nrules; i++) {
		const struct profile_rule *rule = &p->rules[i];
		struct profile_verdict v;

		if (!rule_applies(p, rule, env, arch)) {
			r->ndropped++;
			continue;
		}
		profile_rule_verdict(rule, &v);
		if (profile_verdict_equal(&v, &r->default_verdict)) {
			r->nredundant++;
			continue;
		}
		rule_add(r, rule, &v, env->arch);
	}
}

int resolve_profile(const struct profile *p, const struct resolve_env *env,
		    struct resolve_result **out, struct err *err)
{
	const struct sysent_arch *host = sysent_arch_by_token(env->arch);
	struct resolve_result *r;
	size_t dcap = 0;

	if (profile_has_errors(p))
		return err_set(
			err, EINVAL,
			"%s: the profile has errors: a runtime would refuse it",
			p->file);
	if (!host)
		return err_set(err, EINVAL, "unknown architecture %#x",
			       env->arch);
	r = xcalloc(1, sizeof(*r));
	r->profile = p;
	if (p->unconfined) {
		r->unconfined = true;
		r->default_verdict.action = PROFILE_ACT_ALLOW;
		r->arches = xcalloc(1, sizeof(*r->arches));
		r->arches[r->narches++] = host->token;
		*out = r;
		return 0;
	}
	profile_default_verdict(p, &r->default_verdict);
	resolve_arches(r, host, &dcap);
	resolve_rules(r, env, host);
	*out = r;
	return 0;
}

void resolve_result_free(struct resolve_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nrules; i++)
		free((void *)r->rules[i].names);
	for (i = 0; i < r->ndiags; i++) {
		free(r->diags[i].path);
		free(r->diags[i].message);
	}
	free(r->diags);
	free(r->rules);
	free(r->arches);
	free(r);
}
