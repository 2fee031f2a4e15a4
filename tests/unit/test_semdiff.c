// SPDX-License-Identifier: Apache-2.0
/*
 * semdiff held to the compiled filters: on Docker's and podman's default
 * profiles and an edited copy, every change it reports is a call the two
 * filters (as runc builds them, run in the BPF interpreter) answer
 * differently, as reported; and every call the filters answer
 * differently, for zero arguments and for generated ones, is reported.
 */
#include <linux/audit.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/bpf.h"
#include "seccompdbg/compile.h"
#include "seccompdbg/resolve.h"
#include "seccompdbg/semdiff.h"
#include "seccompdbg/sysent.h"
#include "test.h"
#include "test_profile.h"

struct side {
	struct profile *p;
	struct resolve_result *r;
	struct compile_bpf bpf; /* COMPILE_ORIGINAL */
};

static void side_open(struct side *s, struct profile *p)
{
	struct resolve_env env;
	struct err err = {""};

	resolve_env_default(&env);
	env.arch = AUDIT_ARCH_X86_64;
	env.kernel[0] = 6;
	env.kernel[1] = 18;
	s->p = p;
	if (resolve_profile(p, &env, &s->r, &err) < 0 ||
	    compile_filter(s->r, COMPILE_ORIGINAL, &s->bpf, &err) < 0) {
		test_fail(__FILE__, __LINE__, "%s: %s", p->file, err.msg);
		test_end();
	}
}

static void side_close(struct side *s)
{
	compile_bpf_release(&s->bpf);
	resolve_result_free(s->r);
	profile_free(s->p);
}

static uint32_t filter(const struct side *s, uint32_t arch, int nr,
		       const uint64_t args[6])
{
	struct seccomp_data d = {.nr = nr, .arch = arch};

	memcpy(d.args, args, sizeof(d.args));
	return bpf_run(s->bpf.insns, s->bpf.len, &d);
}

/* The kernel's return value of a verdict, as the original filter has it. */
static uint32_t ret_of(const struct profile_verdict *v)
{
	switch (v->action) {
	case PROFILE_ACT_ALLOW:
		return SECCOMP_RET_ALLOW;
	case PROFILE_ACT_ERRNO:
		return SECCOMP_RET_ERRNO | (v->data & SECCOMP_RET_DATA);
	case PROFILE_ACT_KILL:
	case PROFILE_ACT_KILL_THREAD:
		return SECCOMP_RET_KILL_THREAD;
	case PROFILE_ACT_KILL_PROCESS:
		return SECCOMP_RET_KILL_PROCESS;
	case PROFILE_ACT_TRAP:
		return SECCOMP_RET_TRAP;
	case PROFILE_ACT_LOG:
		return SECCOMP_RET_LOG;
	default:
		return 0xdead;
	}
}

static bool reported(const struct semdiff *d, uint32_t arch, int nr,
		     const uint64_t args[6])
{
	size_t i;

	for (i = 0; i < d->nchanges; i++) {
		const struct semdiff_change *c = &d->changes[i];

		if (c->arch == arch && c->nr == nr &&
		    (c->any_args || !memcmp(c->args, args, sizeof(c->args))))
			return true;
	}
	return false;
}

static bool call_reported(const struct semdiff *d, uint32_t arch, int nr)
{
	size_t i;

	for (i = 0; i < d->nchanges; i++)
		if (d->changes[i].arch == arch && d->changes[i].nr == nr)
			return true;
	return false;
}

/* Calls of an ABI only one filter lets in are reported as the ABI. */
static bool abi_reported(const struct semdiff *d, size_t k)
{
	const char *names[3] = {"SCMP_ARCH_X86_64", "SCMP_ARCH_X86",
				"SCMP_ARCH_X32"};
	uint32_t token = sysent_arch_by_scmp(names[k])->token;
	size_t i;

	for (i = 0; i < d->nabis; i++)
		if (d->abis[i].abi == token)
			return true;
	return false;
}

static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Both directions of the check on one pair; returns the changes. */
static size_t hold(struct profile *pa, struct profile *pb)
{
	const uint32_t abis[3][2] = {{AUDIT_ARCH_X86_64, 0},
				     {AUDIT_ARCH_I386, 0},
				     {AUDIT_ARCH_X86_64, 0x40000000}};
	struct side a, b;
	struct semdiff d;
	struct err err = {""};
	uint64_t seed = 0x9e3779b97f4a7c15ull, args[6];
	size_t i, k, missed = 0, n;
	int nr, j;

	side_open(&a, pa);
	side_open(&b, pb);
	REQUIRE(semdiff_run(a.r, b.r, &d, &err) == 0);
	for (i = 0; i < d.nchanges; i++) {
		const struct semdiff_change *c = &d.changes[i];
		uint32_t ra = filter(&a, c->arch, c->nr, c->args);
		uint32_t rb = filter(&b, c->arch, c->nr, c->args);

		if (ra == rb || ra != ret_of(&c->a.verdict) ||
		    rb != ret_of(&c->b.verdict))
			test_fail(
				__FILE__, __LINE__,
				"%s nr %d: reported %#x -> %#x, the filters say %#x -> %#x",
				c->name, c->nr, ret_of(&c->a.verdict),
				ret_of(&c->b.verdict), ra, rb);
	}
	for (k = 0; k < 3; k++) {
		for (nr = 0; nr < 1024 && !abi_reported(&d, k); nr++) {
			int n_ = nr | (int)abis[k][1];

			if (!sysent_name(abis[k][0], n_))
				continue;
			memset(args, 0, sizeof(args));
			if (filter(&a, abis[k][0], n_, args) !=
				    filter(&b, abis[k][0], n_, args) &&
			    !reported(&d, abis[k][0], n_, args))
				missed++,
					test_fail(
						__FILE__, __LINE__,
						"nr %d: zero arguments differ, not reported",
						n_);
			for (j = 0; j < 16; j++) {
				for (i = 0; i < 6; i++) {
					uint64_t r = next_rand(&seed);

					args[i] = j < 8 ? r & (1ull << (r % 64))
							: r >> (r % 64);
					if (k == 1)
						args[i] &= 0xffffffffu;
				}
				if (filter(&a, abis[k][0], n_, args) !=
					    filter(&b, abis[k][0], n_, args) &&
				    !call_reported(&d, abis[k][0], n_))
					missed++,
						test_fail(
							__FILE__, __LINE__,
							"nr %d: generated arguments differ, call not reported",
							n_);
			}
		}
	}
	CHECK_INT(missed, 0);
	n = d.nchanges;
	semdiff_release(&d);
	side_close(&a);
	side_close(&b);
	return n;
}

TEST(semdiff_docker_and_podman_defaults_as_the_filters)
{
	CHECK(hold(tp_load("moby-default.json"),
		   tp_load("podman-default.json")) > 40);
	CHECK(hold(tp_load("podman-default.json"),
		   tp_load("moby-default.json")) > 40);
	CHECK_INT(hold(tp_load("moby-default.json"),
		       tp_load("moby-default.json")),
		  0);
}

/* Docker's default with a call added, one taken out, clone allowed
 * with CLONE_NEWUSER and socket's family rules left out. */
static struct profile *edited(void)
{
	struct profile *p = tp_load("moby-default.json");
	struct profile_arg userns = {0, PROFILE_OP_MASKED_EQ, 0x10000000,
				     0x10000000};
	struct err err;

	REQUIRE(profile_allow_syscall(p, "unshare", &err) == 0);
	REQUIRE(profile_allow_with_args(p, "clone", &userns, 1, NULL, &err) ==
		0);
	return p;
}

TEST(semdiff_edited_copy_as_the_filters)
{
	CHECK(hold(tp_load("moby-default.json"), edited()) >= 2);
	CHECK(hold(edited(), tp_load("podman-default.json")) > 40);
	CHECK(hold(tp_load("runc-seccomp_syscall_test1.json"),
		   tp_load("moby-default.json")) > 40);
}
