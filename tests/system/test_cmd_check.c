// SPDX-License-Identifier: Apache-2.0
/*
 * The check and explain commands, run as a person would: the verdicts the
 * issue names on Docker's default profile, exit statuses, diagnostics and
 * the baseline warnings.
 */
#include <errno.h>
#include <linux/audit.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "seccompdbg/bpf.h"
#include "seccompdbg/util.h"
#include "test.h"

static char *out, *err;

static int run(const char *args)
{
	char cmd[4096];

	free(out);
	free(err);
	snprintf(cmd, sizeof(cmd), "%s %s", test_seccompdbg(), args);
	return test_sh(cmd, &out, &err);
}

/* explain on Docker's default; the first line must end with VERDICT. */
static void expect(const char *opts, const char *call, const char *verdict,
		   const char *rule)
{
	char args[1024], want[256];

	snprintf(args, sizeof(args), "explain %s %s %s", opts,
		 test_data("profiles/moby-default.json"), call);
	CHECK_INT(run(args), 0);
	snprintf(want, sizeof(want), ": %s\n", verdict);
	if (!out || !strstr(out, want) || strchr(out, '\n') < strstr(out, want))
		test_fail(__FILE__, __LINE__, "explain %s %s: got\n%s", opts,
			  call, out ? out : "(null)");
	CHECK_CONTAINS(out, rule);
}

TEST(explain_docker_default_verdicts)
{
	expect("", "unshare", "SCMP_ACT_ERRNO(EPERM)", "rule: defaultAction");
	expect("", "clone 0x10000000", "SCMP_ACT_ERRNO(EPERM)",
	       "rule: defaultAction");
	expect("", "clone3", "SCMP_ACT_ERRNO(ENOSYS)", "rule: syscalls[20]");
	expect("", "clone 0x11", "SCMP_ACT_ALLOW", "rule: syscalls[18]");
	expect("", "read", "SCMP_ACT_ALLOW", "rule: syscalls[0]");
	expect("--cap CAP_SYS_ADMIN", "unshare", "SCMP_ACT_ALLOW",
	       "rule: syscalls[17]");
	expect("--cap sys_admin", "clone CLONE_NEWUSER", "SCMP_ACT_ALLOW",
	       "rule: syscalls[17]");
	expect("", "personality 0x1234", "SCMP_ACT_ERRNO(EPERM)",
	       "rule: defaultAction");
	expect("", "personality 0xffffffff", "SCMP_ACT_ALLOW",
	       "rule: syscalls[9]");
	expect("--kernel 4.4", "ptrace", "SCMP_ACT_ERRNO(EPERM)",
	       "includes minKernel 4.8");
	expect("--kernel 4.8", "ptrace", "SCMP_ACT_ALLOW", "rule: syscalls[1]");
}

TEST(explain_parses_symbolic_arguments)
{
	expect("", "clone 'CLONE_NEWUSER|CLONE_NEWNS'", "SCMP_ACT_ERRNO(EPERM)",
	       "args 0x10020000 ");
	expect("", "socket AF_VSOCK SOCK_STREAM 0", "SCMP_ACT_ERRNO(EPERM)",
	       "why:");
	expect("", "socket AF_INET SOCK_STREAM 0", "SCMP_ACT_ALLOW",
	       "args 0x2 0x1 0x0");
	expect("", "openat -100", "SCMP_ACT_ALLOW", "0xffffffffffffff9c");
	CHECK_INT(
		run("explain tests/data/profiles/moby-default.json clone CLONE_BOGUS"),
		2);
	CHECK_CONTAINS(err, "'CLONE_BOGUS' is neither a number nor a name");
	CHECK_INT(run("explain tests/data/profiles/moby-default.json nosuch"),
		  2);
	CHECK_CONTAINS(err, "nosuch: not a system call on x86_64");
	CHECK_INT(
		run("explain tests/data/profiles/moby-default.json socketcall"),
		2);
	CHECK_CONTAINS(err, "(it exists on others)");
}

TEST(explain_other_architecture)
{
	expect("--arch x86", "socketcall", "SCMP_ACT_ALLOW", "x86 nr 102 ");
}

TEST(check_summarises_a_usable_profile)
{
	char args[1024];

	snprintf(args, sizeof(args), "check %s",
		 test_data("profiles/moby-default.json"));
	CHECK_INT(run(args), 0);
	CHECK_CONTAINS(out, "docker profile, usable");
	CHECK_CONTAINS(out, "default: SCMP_ACT_ERRNO(EPERM)");
	CHECK_CONTAINS(out, "rules: 15 applied, 18 not applied here");
	CHECK_CONTAINS(out, "  x86_64 ");
	CHECK_CONTAINS(out, "  x32 ");
	CHECK(!strstr(out, "warning: refuses"));
	/* Warnings name file:line:column and the JSON path. */
	CHECK_CONTAINS(
		err,
		"moby-default.json:242:5: warning: syscalls[0].names[178]: unknown system call \"mseal\"");
	snprintf(args, sizeof(args), "check --cap ALL %s",
		 test_data("profiles/podman-default.json"));
	CHECK_INT(run(args), 0);
	CHECK_CONTAINS(out, "containers profile, usable");
	CHECK_CONTAINS(out, "default: SCMP_ACT_ERRNO(ENOSYS)");
}

TEST(check_exit_statuses)
{
	CHECK_INT(run("check tests/data/check/bad-action.json"), 1);
	CHECK_CONTAINS(
		err,
		"bad-action.json:4:34: error: syscalls[0].action: unknown action \"SCMP_ACT_ALOW\" (did you mean \"SCMP_ACT_ALLOW\"?)");
	/* Both errors, not only the first, in the order of the file. */
	CHECK_CONTAINS(
		err,
		"\"SCMP_ACT_ALLOW\"?)\ntests/data/check/bad-action.json:5:73: error: syscalls[1].args[0].index: argument index 7");
	CHECK_INT(run("check /nonexistent/profile.json"), 2);
	CHECK_CONTAINS(err, "/nonexistent/profile.json");
	CHECK_INT(run("check"), 2);
	CHECK_CONTAINS(err, "usage: seccompdbg check");
	CHECK_INT(run("check --bogus x.json"), 2);
	CHECK_INT(run("check --cap NOPE x.json"), 2);
	CHECK_CONTAINS(err, "unknown capability 'NOPE'");
	CHECK_INT(run("check --help"), 0);
	CHECK_CONTAINS(out, "--cap CAP");
	/* Not JSON at all: FILE:LINE:COLUMN and what was expected. */
	CHECK_INT(run("check tests/data/check/no-exit.json tests/Makefile"), 2);
	CHECK_INT(run("check tests/run-all"), 1);
	CHECK_CONTAINS(err, "tests/run-all:1:1:");
}

TEST(check_warns_about_the_baseline)
{
	CHECK_INT(run("check tests/data/check/no-exit.json"), 0);
	CHECK_CONTAINS(
		out,
		"warning: refuses exit_group: every process ends with exit_group");
	CHECK_CONTAINS(out, "warning: refuses exit: ");
	CHECK_CONTAINS(out, "warning: refuses restart_syscall: ");
	CHECK_CONTAINS(out, "warning: refuses pread64: ");
	CHECK(!strstr(out, "refuses execve"));
	CHECK(!strstr(out, "refuses rt_sigreturn"));
	CHECK_INT(run("check tests/data/check/clone3-eperm.json"), 0);
	CHECK_CONTAINS(out, "warning: refuses clone3 other than with ENOSYS");
	CHECK(!strstr(out, "refuses exit"));
}

TEST(check_exports_the_runtime_filter)
{
	char path[] = "/tmp/sdbg-check-bpf-XXXXXX", args[512];
	struct seccomp_data d = {.arch = AUDIT_ARCH_X86_64};
	struct sock_filter *prog = NULL;
	size_t len = 0;
	struct err e;
	int fd = mkstemp(path);

	REQUIRE(fd >= 0);
	close(fd);
	CHECK_INT(run("check --pfc examples/sandbox-demo.json"), 0);
	CHECK_CONTAINS(out, "# pseudo filter code start");
	CHECK_CONTAINS(out, "# filter for syscall \"rseq\" (334)");
	snprintf(args, sizeof(args),
		 "check --bpf %s examples/sandbox-demo.json", path);
	CHECK_INT(run(args), 0);
	REQUIRE(read_file(path, 1 << 20, (char **)&prog, &len, &e) == 0);
	unlink(path);
	REQUIRE(len % sizeof(*prog) == 0 && len > 0);
	len /= sizeof(*prog);
	CHECK_INT(bpf_verify(prog, len, &e), 0);
	d.nr = SYS_read;
	CHECK_U64(bpf_run(prog, len, &d), SECCOMP_RET_ALLOW);
	d.nr = SYS_unshare;
	CHECK_U64(bpf_run(prog, len, &d), SECCOMP_RET_ERRNO | EPERM);
	free(prog);
	CHECK_INT(
		run("check --bpf /nonexistent/dir/x.bpf examples/sandbox-demo.json"),
		2);
	CHECK_CONTAINS(err, "--bpf: /nonexistent/dir/x.bpf");
}
