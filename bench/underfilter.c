// SPDX-License-Identifier: Apache-2.0
/*
 * bench/underfilter [-m MODE] [-f FLAGS] [-q NAME]... [-u] PROFILE PROG...:
 * run PROG under a seccomp filter built from PROFILE, with no tracer.
 * bench/run uses it to tell the kernel's cost of a filter (what Docker
 * costs too) from the supervisor's.
 *
 *   -m trace     the filter seccompdbg loads (COMPILE_TRACE; the default)
 *   -m original  the filter runc builds from the same profile
 *   -m allow     one instruction, `ret ALLOW`: the cost of having a filter
 *   -f FLAGS     load with these SECCOMP_FILTER_FLAG_* bits instead of the
 *                ones compile chose (0: without SPEC_ALLOW)
 *   -q NAME      print on stderr whether the kernel's constant-action
 *                cache answers NAME (x86_64) without running the filter
 *   -u           print on stderr every number below 512 the cache does
 *                not answer, for x86_64 and i386 (compare two filters)
 *
 * Before the exec it prints one line on stderr: the length of the filter,
 * its flags, and the cache's answer for each -q name. The check repeats
 * the kernel's emulation (seccomp_cache_prepare, Linux 5.11 and later):
 * with only nr and arch known, a call is cached when every path the
 * filter takes for it loads nothing else and ends in `ret ALLOW`.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/compile.h"
#include "seccompdbg/profile.h"
#include "seccompdbg/resolve.h"
#include "seccompdbg/sysent.h"

/* Whether the kernel would cache NR of ARCH as always allowed. */
static int cache_allows(const struct sock_filter *f, size_t len, uint32_t arch,
			int nr)
{
	uint32_t a = 0;
	size_t pc;

	for (pc = 0; pc < len; pc++) {
		const struct sock_filter *i = &f[pc];

		switch (i->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (i->k == offsetof(struct seccomp_data, nr))
				a = (uint32_t)nr;
			else if (i->k == offsetof(struct seccomp_data, arch))
				a = arch;
			else
				return 0; /* an argument or the ip */
			break;
		case BPF_RET | BPF_K:
			return i->k == SECCOMP_RET_ALLOW;
		case BPF_JMP | BPF_JA:
			pc += i->k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += a == i->k ? i->jt : i->jf;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			pc += a >= i->k ? i->jt : i->jf;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
			pc += a > i->k ? i->jt : i->jf;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += (a & i->k) ? i->jt : i->jf;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= i->k;
			break;
		default:
			return 0;
		}
	}
	return 0;
}

/* Every number below 512 of ARCH the cache leaves to the filter. */
static void print_uncached(const struct compile_bpf *bpf, uint32_t arch,
			   const char *name)
{
	int nr;

	fprintf(stderr, "%s not cached:", name);
	for (nr = 0; nr < 512; nr++)
		if (!cache_allows(bpf->insns, bpf->len, arch, nr))
			fprintf(stderr, " %d", nr);
	fprintf(stderr, "\n");
}

static int build(const char *path, const char *mode, struct compile_bpf *bpf)
{
	static struct sock_filter allow[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct resolve_result *r = NULL;
	struct profile *p = NULL;
	struct resolve_env env;
	struct err err = {""};
	int rc;

	if (!strcmp(mode, "allow")) {
		bpf->insns = allow;
		bpf->len = 1;
		bpf->flags = SECCOMP_FILTER_FLAG_SPEC_ALLOW;
		return 0;
	}
	resolve_env_default(&env);
	rc = profile_load(path, PROFILE_FORMAT_AUTO, &p, &err);
	if (rc == 0)
		rc = resolve_profile(p, &env, &r, &err);
	if (rc == 0)
		rc = compile_filter(r,
				    strcmp(mode, "original") ? COMPILE_TRACE
							     : COMPILE_ORIGINAL,
				    bpf, &err);
	if (rc < 0)
		fprintf(stderr, "underfilter: %s: %s\n", path, err.msg);
	/* bpf owns its instructions; the profile is not needed any more */
	resolve_result_free(r);
	profile_free(p);
	return rc;
}

int main(int argc, char **argv)
{
	const char *mode = "trace", *queries[16];
	struct compile_bpf bpf = {0};
	long flags = -1;
	size_t nq = 0, i;
	bool uncached = false;
	int opt, rc;

	while ((opt = getopt(argc, argv, "+m:f:q:u")) != -1) {
		if (opt == 'u')
			uncached = true;
		else if (opt == 'm')
			mode = optarg;
		else if (opt == 'f')
			flags = strtol(optarg, NULL, 0);
		else if (opt == 'q' && nq < ARRAY_SIZE(queries))
			queries[nq++] = optarg;
		else
			goto usage;
	}
	if (argc - optind < 2)
		goto usage;
	if (build(argv[optind], mode, &bpf) < 0)
		return 125;
	if (flags >= 0)
		bpf.flags = (unsigned)flags;
	fprintf(stderr, "filter %s: %zu insns, flags %#x", mode, bpf.len,
		bpf.flags);
	for (i = 0; i < nq; i++)
		fprintf(stderr, ", %s cached %s", queries[i],
			cache_allows(bpf.insns, bpf.len, AUDIT_ARCH_X86_64,
				     sysent_nr(AUDIT_ARCH_X86_64, queries[i]))
				? "yes"
				: "no");
	fprintf(stderr, "\n");
	if (uncached) {
		print_uncached(&bpf, AUDIT_ARCH_X86_64, "x86_64");
		print_uncached(&bpf, AUDIT_ARCH_I386, "i386");
	}
	rc = compile_install(&bpf, true);
	if (rc < 0) {
		fprintf(stderr, "underfilter: loading the filter: %s\n",
			strerror(-rc));
		return 125;
	}
	execv(argv[optind + 1], argv + optind + 1);
	fprintf(stderr, "underfilter: %s: %s\n", argv[optind + 1],
		strerror(errno));
	return 127;
usage:
	fprintf(stderr, "usage: underfilter [-m trace|original|allow] "
			"[-f FLAGS] [-q NAME]... [-u] PROFILE PROG [ARG]...\n");
	return 2;
}
