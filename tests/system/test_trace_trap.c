// SPDX-License-Identifier: Apache-2.0
/*
 * trace in TRAP mode: SECCOMP_RET_TRAP's SIGSYS held and reported as a
 * seccomp stop; allowed calls re-run with seccomp suspended for the
 * thread must return exactly their native results (x86_64, i386 through
 * sysenter, int 0x80 from either build), denied ones our errno, and the
 * kill must end the program as the kernel's KILL_PROCESS does.
 */
#include <errno.h>
#include <linux/audit.h>
#include <seccomp.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "test_trace.h"

/* Allowing (and killing) a trapped call needs PTRACE_O_SUSPEND_SECCOMP:
 * CAP_SYS_ADMIN, and no seccomp filter on the tracer itself. */
static void require_trap(void)
{
	struct err err = {""};

	if (trace_probe(true, &err) < 0)
		test_skip("TRAP mode cannot work here: %s", err.msg);
}

/* Runs ARGV under F in TRAP mode, allowing every trapped call. */
static size_t run_allowing(const char *const *argv, const struct tt_filter *f,
			   struct strbuf *out, int *code)
{
	struct trace_event ev;
	size_t trapped = 0;
	struct tt h;

	tt_start(&h, argv, f);
	trace_set_trap(h.t, true);
	while (tt_next(&h, &ev)) {
		if (ev.kind == TRACE_EV_SECCOMP && !ev.seccomp.launching) {
			CHECK(ev.seccomp.trapped);
			trapped++;
		}
		tt_default(&h, &ev);
	}
	REQUIRE(trace_program_exited(h.t, code));
	strbuf_adds(out, strbuf_str(&h.output));
	tt_free(&h);
	return trapped;
}

static void check_same_as_native(const char *prog, const char *const *ops,
				 const struct tt_filter *f, size_t calls)
{
	const char *argv[16] = {tt_prog(prog)};
	struct strbuf out = STRBUF_INIT;
	char *native;
	size_t i;
	int code;

	for (i = 0; ops[i] && i < ARRAY_SIZE(argv) - 2; i++)
		argv[i + 1] = ops[i];
	native = tt_native(argv, NULL, &code);
	CHECK_INT(code, 0);
	CHECK_INT(run_allowing(argv, f, &out, &code), calls);
	CHECK_INT(code, 0);
	CHECK_STR(strbuf_str(&out), native);
	strbuf_release(&out);
	free(native);
}

static const struct tt_rule trap_rules[] = {
	{.name = "getppid", .action = SCMP_ACT_TRAP},
	{.name = "getuid", .action = SCMP_ACT_TRAP},
	{.name = "dup", .action = SCMP_ACT_TRAP},
};
static const char *const trap_ops[] = {"getppid", "getuid",  "dup:1",
				       "dup:999", "getppid", NULL};
static const char *const trap_int80[] = {"int80:getppid", "int80:dup:1",
					 "getppid", NULL};

TEST(trap_allowed_calls_return_native_results)
{
	struct tt_filter f = TT_FILTER(trap_rules);

	require_trap();
	check_same_as_native("trace_calls", trap_ops, &f, 5);
}

TEST(trap_allowed_calls_return_native_results_i386)
{
	struct tt_filter f = TT_FILTER(trap_rules);

	require_trap();
	REQUIRE_IA32_PROGRAMS();
	f.x86 = true;
	/* sysenter through the vDSO: re-run from its int 0x80 */
	check_same_as_native("trace_calls-32", trap_ops, &f, 5);
	check_same_as_native("trace_calls-32", trap_int80, &f, 3);
}

TEST(trap_allowed_int80_from_a_64bit_program)
{
	struct tt_filter f = TT_FILTER(trap_rules);

	require_trap();
	REQUIRE_INT80();
	f.x86 = true;
	check_same_as_native("trace_calls", trap_int80, &f, 3);
}

/* The first trapped stop that is not the launcher's. */
static void expect_trapped(struct tt *h, struct trace_event *ev)
{
	tt_expect_seccomp(h, ev);
	CHECK(ev->seccomp.trapped);
}

static void check_deny(const char *prog, uint32_t arch)
{
	static const struct tt_rule rules[] = {
		{.name = "dup",
		 .action = SCMP_ACT_TRAP,
		 .has_arg0 = true,
		 .arg0 = 1000},
	};
	struct tt_filter f = TT_FILTER(rules);
	const char *argv[] = {tt_prog(prog), "dup:999", "dup:1000", "getppid",
			      NULL};
	const struct trace_thread *th;
	struct trace_event ev;
	struct tt h;

	f.x86 = true;
	tt_start(&h, argv, &f);
	trace_set_trap(h.t, true);
	expect_trapped(&h, &ev);
	CHECK_U64(ev.seccomp.arch, arch);
	CHECK_INT(ev.seccomp.nr, tt_nr(arch, "dup"));
	CHECK_U64(ev.seccomp.args[0], 1000);
	CHECK(ev.seccomp.ip != 0 && ev.seccomp.sp != 0);
	th = trace_thread(h.t, ev.tid);
	REQUIRE(th);
	CHECK_INT(th->state, TRACE_SIGNAL_STOPPED);
	CHECK_INT(trace_deny(h.t, ev.tid, EACCES), 0);
	CHECK_INT(tt_finish(&h), 0);
	CHECK_STR(tt_line(&h, "dup:999"), "dup:999 -> -1 errno 9");
	CHECK_STR(tt_line(&h, "dup:1000"), "dup:1000 -> -1 errno 13");
	CHECK(tt_line(&h, "getppid") != NULL);
	tt_free(&h);
}

TEST(trap_stop_carries_the_call_and_deny_sets_the_errno)
{
	check_deny("trace_calls", AUDIT_ARCH_X86_64);
}

TEST(trap_stop_carries_the_call_and_deny_sets_the_errno_i386)
{
	REQUIRE_IA32_PROGRAMS();
	check_deny("trace_calls-32", AUDIT_ARCH_I386);
}

/* A trapped call killed the way KILL_PROCESS kills, not by SIGKILL. */
static void check_kill(const char *prog, enum trace_kill_mode mode)
{
	static const struct tt_rule rules[] = {
		{.name = "getuid", .action = SCMP_ACT_TRAP},
	};
	struct tt_filter f = TT_FILTER(rules);
	const char *argv[] = {tt_prog(prog), "getppid", "getuid", "getgid",
			      NULL};
	struct trace_event ev;
	int status = -1;
	struct tt h;

	f.x86 = true;
	tt_start(&h, argv, &f);
	trace_set_trap(h.t, true);
	while (tt_next(&h, &ev)) {
		if (ev.kind == TRACE_EV_SECCOMP && !ev.seccomp.launching) {
			CHECK_INT(trace_kill(h.t, ev.tid, mode), 0);
			continue;
		}
		if (ev.kind == TRACE_EV_EXIT && ev.tid == h.pid)
			status = ev.exit.status;
		tt_default(&h, &ev);
	}
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS);
	CHECK(tt_line(&h, "getppid") && !tt_line(&h, "getgid"));
	tt_free(&h);
}

TEST(trap_kill_as_the_kernel_does)
{
	require_trap();
	check_kill("trace_calls", TRACE_KILL_PROCESS);
	check_kill("trace_calls", TRACE_KILL_THREAD);
}

TEST(trap_kill_as_the_kernel_does_i386)
{
	require_trap();
	REQUIRE_IA32_PROGRAMS();
	check_kill("trace_calls-32", TRACE_KILL_PROCESS);
}

TEST(trap_profile_trap_gets_the_kernels_sigsys)
{
	static const struct tt_rule rules[] = {
		{.name = "getuid", .action = SCMP_ACT_TRAP},
	};
	struct tt_filter f = TT_FILTER(rules);
	const char *argv[] = {tt_prog("trace_calls"), "getuid", NULL};
	struct trace_event ev;
	struct tt h;

	tt_start(&h, argv, &f);
	trace_set_trap(h.t, true);
	expect_trapped(&h, &ev);
	CHECK_INT(trace_trap_signal(h.t, ev.tid, 0), 0);
	/* no handler: the kernel's SIGSYS kills, as a profile's TRAP would */
	CHECK_INT(tt_finish(&h), 128 + SIGSYS);
	tt_free(&h);
}
