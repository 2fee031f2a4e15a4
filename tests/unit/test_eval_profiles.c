// SPDX-License-Identifier: Apache-2.0
/*
 * eval and compile on the real profiles (tests/data/profiles): loaded and
 * resolved for an x86_64 host on Linux 6.18, with Docker's capabilities
 * and with every capability. Verdict vectors for Docker's and podman's
 * defaults; then every profile, every system call number of x86_64, x86
 * and x32, with generated arguments: eval and the four compiled programs
 * must agree on each call.
 */
#include <linux/audit.h>
#include <linux/sched.h>
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "seccompdbg/resolve.h"
#include "seccompdbg/sysent.h"
#include "test_eval_rules.h"
#include "test_profile.h"

#define X64   AUDIT_ARCH_X86_64
#define I386  AUDIT_ARCH_I386
#define ALLOW PROFILE_ACT_ALLOW
#define ERRNO PROFILE_ACT_ERRNO

/* Resolve P on x86_64, Linux 6.18, with Docker's caps or all of them. */
static struct resolve_result *resolve_for(const struct profile *p,
					  bool all_caps)
{
	struct resolve_result *r = NULL;
	struct resolve_env env;
	struct err err = {""};

	resolve_env_default(&env);
	if (all_caps)
		env.caps = resolve_all_caps(&env.ncaps);
	env.arch = X64;
	env.kernel[0] = 6;
	env.kernel[1] = 18;
	if (resolve_profile(p, &env, &r, &err) < 0) {
		test_fail(__FILE__, __LINE__, "%s: %s", p->file, err.msg);
		test_end();
	}
	return r;
}

/* Ids are the rule's index in syscalls[] plus one. */
TEST(eval_profile_docker_default)
{
	const uint32_t x32 = sysent_arch_by_scmp("SCMP_ARCH_X32")->token;
	const struct tvector v[] = {
		{X64, "read", 0, {0}, ALLOW, 0, 1},
		{I386, "read", 0, {0}, ALLOW, 0, 1},
		{X64, NULL, 0x40000000, {0}, ALLOW, 0, 1},
		{x32,
		 "read",
		 0,
		 {0},
		 PROFILE_ACT_KILL_THREAD,
		 0,
		 RESOLVE_ID_BADARCH},
		{AUDIT_ARCH_AARCH64,
		 "read",
		 0,
		 {0},
		 PROFILE_ACT_KILL_THREAD,
		 0,
		 RESOLVE_ID_BADARCH},
		/* socket: every family but 38 and 40 (AF_VSOCK). */
		{X64, "socket", 0, {2, 1, 0}, ALLOW, 0, 3},
		{X64, "socket", 0, {39, 1, 0}, ALLOW, 0, 4},
		{X64, "socket", 0, {41, 1, 0}, ALLOW, 0, 5},
		{X64, "socket", 0, {0x100000002ull}, ALLOW, 0, 5},
		{X64, "socket", 0, {40, 1, 0}, ERRNO, 1, 0},
		{X64, "socket", 0, {38, 1, 0}, ERRNO, 1, 0},
		{I386, "socket", 0, {40, 1, 0}, ERRNO, 1, 0},
		/* i386 socketcall is allowed outright: its arguments are in
		   memory, out of the filter's reach, AF_VSOCK included. */
		{I386, NULL, 102, {1, 0, 0}, ALLOW, 0, 1},
		{X64, "personality", 0, {8}, ALLOW, 0, 7},
		{X64, "personality", 0, {0x12345}, ERRNO, 1, 0},
		/* clone without namespaces only; clone3 is ENOSYS. */
		{X64, "clone", 0, {SIGCHLD}, ALLOW, 0, 19},
		{X64, "clone", 0, {CLONE_NEWUSER | SIGCHLD}, ERRNO, 1, 0},
		{X64, "clone3", 0, {0}, ERRNO, 38, 21},
		{X64, "bpf", 0, {0}, ERRNO, 1, 0},
		{X64, "arch_prctl", 0, {0}, ALLOW, 0, 13},
		{I386, "arch_prctl", 0, {0}, ALLOW, 0, 13},
	};
	struct profile *p = tp_load("moby-default.json");
	struct resolve_result *r = resolve_for(p, false);

	TVECTORS_CHECK(r, v);
	resolve_result_free(r);
	/* With CAP_SYS_ADMIN the namespace rule gives way to allowing. */
	{
		const struct tvector va[] = {
			{X64, "clone", 0, {CLONE_NEWUSER}, ALLOW, 0, 18},
			{X64, "clone3", 0, {0}, ALLOW, 0, 18},
			{X64, "bpf", 0, {0}, ALLOW, 0, 18},
		};

		r = resolve_for(p, true);
		TVECTORS_CHECK(r, va);
		resolve_result_free(r);
	}
	profile_free(p);
}

/*
 * podman's default refuses with ENOSYS; socket(AF_VSOCK) gets EPERM (the
 * filter returns the id of the first EPERM rule, syscalls[0]), and with
 * CAP_AUDIT_WRITE (Docker's set has it) netlink audit sockets are
 * allowed.
 */
TEST(eval_profile_podman_default)
{
	const struct tvector v[] = {
		{X64, "read", 0, {0}, ALLOW, 0, 2},
		{X64, "socket", 0, {40, 1, 0}, ERRNO, 1, 1},
		{X64, "socket", 0, {16, 3, 9}, ALLOW, 0, 36},
		{X64, "socket", 0, {2, 1, 0}, ALLOW, 0, 36},
		{X64, "personality", 0, {8}, ALLOW, 0, 4},
		{X64, "kexec_load", 0, {0}, ERRNO, 1, 1},
		{X64, NULL, 460, {0}, ERRNO, 38, 0},
	};
	struct profile *p = tp_load("podman-default.json");
	struct resolve_result *r = resolve_for(p, false);
	struct eval *e = eval_new(r);
	struct eval_result ev;
	const uint64_t vsock[6] = {40, 1, 0};

	TVECTORS_CHECK(r, v);
	/* The rule that decided is syscalls[31]. */
	eval_call(e, X64, 41, vsock, &ev);
	REQUIRE(ev.rule != NULL);
	CHECK_INT(ev.rule->rule->index, 31);
	eval_free(e);
	resolve_result_free(r);
	profile_free(p);
}

/*
 * moby's example fixture asks for errno 12345: libseccomp refuses an
 * errno from 4095 up, so runc cannot load it, and compile says so.
 */
TEST(eval_profile_errno_too_big_is_refused)
{
	struct profile *p = tp_load("moby-fixture-example.json");
	struct resolve_result *r = resolve_for(p, false);
	struct compile_bpf b;
	struct err err = {""};

	CHECK_INT(compile_filter(r, COMPILE_TRACE, &b, &err), -EINVAL);
	CHECK_CONTAINS(err.msg, "syscalls[3]: errno 12345 is beyond");
	resolve_result_free(r);
	profile_free(p);
}

/* Every number of the three x86 ABIs, a few argument vectors each. */
static void sweep(const struct resolve_result *r, const char *file)
{
	struct strbuf why = STRBUF_INIT;
	struct trand t = {0x5eedf11e};
	struct tfilters f;
	struct err err = {""};
	size_t calls = 0;
	int nr, k, abi;

	if (tfilters_init(&f, r, &err) < 0) {
		test_fail(__FILE__, __LINE__, "%s: %s", file, err.msg);
		tfilters_release(&f);
		return;
	}
	for (abi = 0; abi < 3; abi++) {
		for (nr = 0; nr < 470; nr++) {
			for (k = 0; k < 8; k++) {
				struct tcall c = {
					.arch = abi == 1 ? I386 : X64,
					.nr = abi == 2 ? nr | SYSENT_X32_BIT
						       : nr,
				};

				trand_args(&t, r, c.args);
				strbuf_reset(&why);
				if (!tfilters_agree(&f, &c, &why)) {
					test_fail(__FILE__, __LINE__, "%s: %s",
						  file, strbuf_str(&why));
					goto out;
				}
				calls++;
			}
		}
	}
out:
	printf("    %s: %zu calls agree\n", file, calls);
	strbuf_release(&why);
	tfilters_release(&f);
}

TEST(eval_agrees_with_bpf_on_the_real_profiles)
{
	size_t i, profiles = 0;

	for (i = 0; i < tp_nfiles; i++) {
		struct profile *p;
		int caps;

		/* Refused by libseccomp: see above. */
		if (!tp_files[i].profile ||
		    !strcmp(tp_files[i].name, "moby-fixture-example.json"))
			continue;
		p = tp_load(tp_files[i].name);
		for (caps = 0; caps < 2; caps++) {
			struct resolve_result *r;

			if (profile_has_errors(p))
				break;
			r = resolve_for(p, caps);
			if (!r->unconfined) {
				sweep(r, tp_files[i].name);
				profiles++;
			}
			resolve_result_free(r);
		}
		profile_free(p);
	}
	CHECK(profiles >= 10);
}
