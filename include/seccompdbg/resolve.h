/* SPDX-License-Identifier: Apache-2.0 */
/*
 * resolve: what a container runtime makes of a profile on one host.
 *
 * Docker's (or podman's) loader first applies the conditions for one
 * capability set, architecture and kernel (includes/excludes, archMap,
 * minKernel); runc then, on its way to libseccomp, defaults errnos to
 * EPERM, drops rules whose action equals the default and skips names
 * libseccomp does not know. The result is what eval judges and compile
 * turns into BPF, so both stand on one reading of the formats.
 * docs/profile-semantics.md has the details and where we differ.
 */
#ifndef SECCOMPDBG_RESOLVE_H
#define SECCOMPDBG_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seccompdbg/profile.h"

/* What the loader resolves conditions against. */
struct resolve_env {
	const char *const *caps; /* the bounding set: "CAP_SYS_ADMIN"... */
	size_t ncaps;
	uint32_t arch;	    /* the host's AUDIT_ARCH (sysent token) */
	unsigned kernel[2]; /* host kernel.major */
};

/* Every capability name, in number order ("CAP_CHOWN" is 0). */
const char *const *resolve_all_caps(size_t *n);
/*
 * The profile spelling of a capability typed any way ("sys_admin",
 * "CAP_SYS_ADMIN"), or NULL when no kernel has it. Static storage.
 */
const char *resolve_cap_lookup(const char *name);
/* Docker's default bounding set (14 capabilities). */
const char *const *resolve_docker_caps(size_t *n);
/*
 * Docker's default caps, this machine's architecture and kernel (uname's
 * release read as moby reads it; 0.0 if it cannot be read).
 */
void resolve_env_default(struct resolve_env *env);
/*
 * A kernel release ("6.18.0-1-amd64") -> {6, 18}, as moby reads it
 * (fmt.Sscanf "%d.%d" into unsigned integers). Returns 0, or -EINVAL
 * with moby's message: failed to parse kernel version "3": unexpected EOF.
 */
int resolve_kernel_parse(const char *release, unsigned out[2], struct err *err);

/* A rule as the runtime gets it. */
struct resolve_rule {
	const struct profile_rule *rule; /* the source rule */
	unsigned id;			 /* rule->index + 1: the TRACE data */
	struct profile_verdict verdict;	 /* errno defaulted like runc */
	const char *const *names;	 /* the names libseccomp knows */
	size_t nnames;
	const struct profile_arg *args;
	size_t nargs;
	bool args_or; /* an index repeats: runc adds every condition as
			 its own rule, so they combine with OR */
};

struct resolve_result {
	const struct profile *profile;
	struct profile_verdict default_verdict;
	uint32_t *arches; /* tokens; always starts with the native one */
	size_t narches;
	struct resolve_rule *rules; /* kept rules, in profile order */
	size_t nrules;
	size_t ndropped;   /* rules dropped by includes/excludes */
	size_t nredundant; /* rules whose action equals the default */
	bool unconfined;
	struct profile_diag *diags; /* what only this host shows (an
				       architecture the profile has no
				       entry for...), with JSON paths;
				       unknown names are the profile's */
	size_t ndiags;
};

/* Rule ids carried in SECCOMP_RET_DATA. */
#define RESOLVE_ID_DEFAULT 0u
#define RESOLVE_ID_BADARCH 0xffffu

/*
 * Resolve P for ENV. Returns 0, or -EINVAL when P has errors or cannot be
 * resolved (err says why). The result borrows from P: it is invalid after
 * P is edited or freed.
 */
int resolve_profile(const struct profile *p, const struct resolve_env *env,
		    struct resolve_result **out, struct err *err);
void resolve_result_free(struct resolve_result *r);
/*
 * "syscalls[3]" for an id, "defaultAction", or "badArch"; with P (may be
 * NULL) an OCI config.json's paths start "linux.seccomp.".
 */
void resolve_id_path(const struct profile *p, unsigned id, struct strbuf *out);

#endif
