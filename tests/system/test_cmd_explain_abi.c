// SPDX-License-Identifier: Apache-2.0
/*
 * explain and check on the compat ABIs of an x86_64 host: a call named
 * with its ABI (x86:socket) keeps the host's reading of the profile, and
 * every i386 call of Docker's default gets from explain the verdict the
 * real compiled filter (as runc builds it, run in the BPF interpreter)
 * gives it, directly and through socketcall / ipc.
 */
#include <linux/audit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/bpf.h"
#include "seccompdbg/compile.h"
#include "seccompdbg/resolve.h"
#include "seccompdbg/sysent.h"
#include "seccompdbg/profile.h"
#include "test_cli.h"

#define MOBY "profiles/moby-default.json"

TEST(explain_names_the_calls_abi)
{
	char *args =
		xasprintf("explain %s x86:socket AF_VSOCK", test_data(MOBY));

	CHECK_INT(tc_run("%s", args), 0);
	/* Docker's includes.arches and caps stay the host's: the direct call
	   is refused for AF_VSOCK, socketcall(SYS_SOCKET) cannot be. */
	CHECK_CONTAINS(tc_out,
		       "socket(AF_VSOCK, 0, 0) on x86: SCMP_ACT_ERRNO(EPERM)\n"
		       "  call: x86 nr 359 args 0x28 ");
	CHECK_CONTAINS(
		tc_out,
		"socket through socketcall: the filter sees only socketcall's first argument (1)");
	CHECK_CONTAINS(tc_out,
		       "socketcall(SYS_SOCKET, NULL) on x86: SCMP_ACT_ALLOW\n"
		       "  call: x86 nr 102 args 0x1 ");
	free(args);
	args = xasprintf("explain %s i386:shmget", test_data(MOBY));
	CHECK_INT(tc_run("%s", args), 0);
	CHECK_CONTAINS(tc_out, "shmget(0, 0, 000) on x86: SCMP_ACT_ALLOW\n"
			       "  call: x86 nr 395 ");
	CHECK_CONTAINS(tc_out,
		       "ipc(SHMGET, 0, 0, 0, NULL, 0) on x86: SCMP_ACT_ALLOW\n"
		       "  call: x86 nr 117 args 0x17 ");
	free(args);
	args = xasprintf("explain %s x32:read", test_data(MOBY));
	CHECK_INT(tc_run("%s", args), 0);
	CHECK_CONTAINS(tc_out, "read(0, NULL, 0) on x32: SCMP_ACT_ALLOW\n"
			       "  call: x32 nr 0 (0x40000000) ");
	free(args);
	/* The host's own ABI needs no prefix, and x86 socket is a call. */
	args = xasprintf("explain --arch x86 %s socket 2", test_data(MOBY));
	CHECK_INT(tc_run("%s", args), 0);
	CHECK_CONTAINS(tc_out,
		       "socket(AF_INET, 0, IPPROTO_IP): SCMP_ACT_ALLOW\n");
	free(args);
	args = xasprintf("explain %s nope:read", test_data(MOBY));
	CHECK_INT(tc_run("%s", args), 2);
	CHECK_CONTAINS(tc_err, "nope:read: unknown ABI 'nope'");
	free(args);
	args = xasprintf("explain %s x86:newfstatat", test_data(MOBY));
	CHECK_INT(tc_run("%s", args), 2);
	CHECK_CONTAINS(
		tc_err,
		"newfstatat: not a system call on x86 (it exists on others)");
	free(args);
}

TEST(explain_abi_missing_from_the_profile)
{
	CHECK_INT(tc_run("explain tests/data/check/no-exit.json x86:read"), 0);
	CHECK_CONTAINS(tc_out,
		       "read(0, NULL, 0) on x86: SCMP_ACT_KILL_THREAD\n");
	CHECK_CONTAINS(tc_out, "  rule: badArch\n");
}

/* An ABI the host never runs: refused (before, mips:read on x86_64 got a
 * verdict and a note about 32-bit programs and int 0x80). */
TEST(explain_abi_the_host_does_not_run)
{
	CHECK_INT(tc_run("explain --arch x86_64 %s mips:read",
			 "tests/data/profiles/moby-default.json"),
		  2);
	CHECK_CONTAINS(
		tc_err,
		"mips:read: mips calls do not run on a host of x86_64 (it runs x86, x86_64, x32; --arch names another host)");
	CHECK_INT(tc_run("explain --arch aarch64 %s x86:read",
			 "tests/data/profiles/moby-default.json"),
		  2);
	CHECK_INT(tc_run("explain --arch aarch64 %s arm:read",
			 "tests/data/profiles/moby-default.json"),
		  0);
	CHECK_CONTAINS(tc_out, "read(0, NULL, 0) on arm: SCMP_ACT_ALLOW\n");
}

/* The verdict a filter's return value stands for, as explain prints it. */
static void verdict_text(uint32_t ret, struct strbuf *sb)
{
	struct profile_verdict v = {PROFILE_ACT_ALLOW, 0};

	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS:
		v.action = PROFILE_ACT_KILL_PROCESS;
		break;
	case SECCOMP_RET_KILL_THREAD:
		v.action = PROFILE_ACT_KILL_THREAD;
		break;
	case SECCOMP_RET_TRAP:
		v.action = PROFILE_ACT_TRAP;
		break;
	case SECCOMP_RET_ERRNO:
		v = (struct profile_verdict){PROFILE_ACT_ERRNO,
					     ret & SECCOMP_RET_DATA};
		break;
	case SECCOMP_RET_LOG:
		v.action = PROFILE_ACT_LOG;
		break;
	}
	profile_verdict_format(&v, sb);
}

/* What the filter says of (nr, arg0) on i386, as "VERDICT". */
static void expected(const struct compile_bpf *bpf, int nr, uint64_t arg0,
		     struct strbuf *sb)
{
	struct seccomp_data d = {.nr = nr, .arch = AUDIT_ARCH_I386};

	d.args[0] = arg0;
	verdict_text(bpf_run(bpf->insns, bpf->len, &d), sb);
	strbuf_addc(sb, '\n');
}

static bool seen(char **names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

/* Every name of Docker's default that i386 has, what the real filter
 * answers for it, and the script that asks explain the same. */
static size_t plan(const struct profile *p, const struct compile_bpf *bpf,
		   struct strbuf *want, struct strbuf *script)
{
	char **names = xcalloc(4096, sizeof(*names));
	struct sysent_mux m;
	size_t i, j, n = 0;
	const char *name;
	bool muxed;
	int nr;

	for (i = 0; i < p->nrules; i++) {
		for (j = 0; j < p->rules[i].nnames && n < 4096; j++) {
			name = p->rules[i].names[j];
			nr = sysent_nr(AUDIT_ARCH_I386, name);
			muxed = sysent_multiplexed(AUDIT_ARCH_I386, name, &m);
			if (muxed)
				nr = m.direct;
			if ((nr < 0 && !muxed) || seen(names, n, name))
				continue;
			names[n++] = (char *)name;
			strbuf_addf(want, "== %s\n", name);
			if (nr >= 0)
				expected(bpf, nr, 0, want);
			if (muxed)
				expected(bpf, m.mux, m.code, want);
			strbuf_addf(want, "rc=0\n");
			strbuf_addf(
				script,
				"echo '== %s'; \"$S\" explain --kernel 6.18 \"$P\" x86:%s; echo rc=$?\n",
				name, name);
		}
	}
	free(names);
	return n;
}

/* explain's output cut down to the verdict of each way of making a call. */
static void verdicts(const char *text, struct strbuf *got)
{
	const char *line = text, *nl, *on, *last;

	for (; *line; line = *nl ? nl + 1 : nl) {
		nl = strchrnul(line, '\n');
		if (!strncmp(line, "== ", 3) || !strncmp(line, "rc=", 3)) {
			strbuf_add(got, line, (size_t)(nl - line) + 1);
			continue;
		}
		if (line[0] == ' ')
			continue;
		for (last = NULL, on = line;
		     (on = memmem(on, (size_t)(nl - on), " on x86: ", 9)); on++)
			last = on;
		if (last)
			strbuf_add(got, last + 9, (size_t)(nl - last - 9) + 1);
	}
}

TEST(explain_every_i386_call_of_docker_default_as_the_filter)
{
	struct strbuf want = STRBUF_INIT, script = STRBUF_INIT;
	struct strbuf got = STRBUF_INIT;
	struct profile *p = tc_load("moby-default.json");
	struct resolve_result *r = NULL;
	struct compile_bpf bpf;
	struct resolve_env env;
	struct err e;
	char *cmd;
	size_t n;

	resolve_env_default(&env);
	env.arch = AUDIT_ARCH_X86_64;
	env.kernel[0] = 6;
	env.kernel[1] = 18;
	REQUIRE(resolve_profile(p, &env, &r, &e) == 0);
	REQUIRE(compile_filter(r, COMPILE_ORIGINAL, &bpf, &e) == 0);
	n = plan(p, &bpf, &want, &script);
	CHECK(n > 350);
	CHECK_CONTAINS(want.buf, "== socket\nSCMP_ACT_ALLOW\nSCMP_ACT_ALLOW\n");
	cmd = xasprintf("S='%s'; P='%s'\n%s", test_seccompdbg(),
			test_data(MOBY), script.buf);
	free(tc_out);
	tc_out = NULL;
	CHECK_INT(test_sh(cmd, &tc_out, NULL), 0);
	verdicts(tc_out, &got);
	CHECK_STR(got.buf, want.buf);
	free(cmd);
	strbuf_release(&want);
	strbuf_release(&script);
	strbuf_release(&got);
	compile_bpf_release(&bpf);
	resolve_result_free(r);
	profile_free(p);
}

/* check counts each ABI's calls from the filter: socketcall "depends" on
 * its first argument where the profile allows socket calls. */
TEST(check_counts_compat_calls_as_the_filter)
{
	CHECK_INT(tc_run("check tests/data/check/x86-sockets.json"), 0);
	CHECK_CONTAINS(tc_out,
		       "  x86      2 allowed, 1 depending on arguments, ");
}
