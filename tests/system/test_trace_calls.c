// SPDX-License-Identifier: Apache-2.0
/*
 * trace: seccomp stops and their answers, on our own test program
 * (tests/progs/trace_calls.c) built 64-bit and 32-bit. An allowed call
 * must return what it returns natively; a denied one the errno we chose,
 * for x86_64 calls, i386 calls (sysenter and int 0x80) and int 0x80 from
 * a 64-bit program; memory reads see the program's strings.
 */
#include <errno.h>
#include <linux/audit.h>
#include <seccomp.h>
#include <stdlib.h>
#include <unistd.h>

#include "test.h"
#include "test_trace.h"

/* Runs trace_calls OPS... allowing everything; compares with native. */
static void check_same_as_native(const char *prog, const char *const *ops,
				 const struct tt_filter *f)
{
	const char *argv[16] = {tt_prog(prog)};
	char *native;
	size_t i;
	int code;
	struct tt h;

	for (i = 0; ops[i] && i < ARRAY_SIZE(argv) - 2; i++)
		argv[i + 1] = ops[i];
	native = tt_native(argv, NULL, &code);
	CHECK_INT(code, 0);
	tt_start(&h, argv, f);
	CHECK_INT(tt_finish(&h), 0);
	CHECK_STR(strbuf_str(&h.output), native);
	tt_free(&h);
	free(native);
}

static const struct tt_rule allowed_rules[] = {
	{.name = "getppid", .action = SCMP_ACT_TRACE(7)},
	{.name = "getuid", .action = SCMP_ACT_TRACE(8)},
	{.name = "dup", .action = SCMP_ACT_TRACE(9)},
};
static const char *const allowed_ops[] = {"getppid", "getuid", "dup:1",
					  "dup:999", NULL};

TEST(trace_allowed_calls_return_native_results)
{
	struct tt_filter f = TT_FILTER(allowed_rules);

	check_same_as_native("trace_calls", allowed_ops, &f);
}

TEST(trace_allowed_calls_return_native_results_i386)
{
	struct tt_filter f = TT_FILTER(allowed_rules);

	REQUIRE_IA32_PROGRAMS();
	f.x86 = true;
	check_same_as_native("trace_calls-32", allowed_ops, &f);
}

TEST(trace_seccomp_stop_carries_the_call)
{
	static const struct tt_rule rules[] = {
		{.name = "dup",
		 .action = SCMP_ACT_TRACE(42),
		 .has_arg0 = true,
		 .arg0 = 1000},
	};
	struct tt_filter f = TT_FILTER(rules);
	const char *argv[] = {tt_prog("trace_calls"), "dup:999", "dup:1000",
			      NULL};
	const struct trace_thread *th;
	struct trace_event ev;
	struct tt h;

	tt_start(&h, argv, &f);
	tt_expect_seccomp(&h, &ev);
	/* Only the call the rule names stops: dup(999) ran unseen. */
	CHECK_U64(ev.seccomp.arch, AUDIT_ARCH_X86_64);
	CHECK_INT(ev.seccomp.nr, tt_nr(SCMP_ARCH_X86_64, "dup"));
	CHECK_U64(ev.seccomp.args[0], 1000);
	CHECK_INT(ev.seccomp.ret_data, 42);
	CHECK(ev.seccomp.ip != 0 && ev.seccomp.sp != 0);
	CHECK_INT(ev.tid, h.pid);
	CHECK_INT(ev.pid, h.pid);
	th = trace_thread(h.t, ev.tid);
	REQUIRE(th);
	CHECK_INT(th->state, TRACE_SECCOMP_STOPPED);
	CHECK(!th->launching);
	CHECK_CONTAINS(trace_process(h.t, h.pid)->exe, "/trace_calls");
	CHECK_STR(trace_process(h.t, h.pid)->comm, "trace_calls");
	/* Answers that do not fit are refused. */
	CHECK_INT(trace_deny(h.t, ev.tid, -1), -EINVAL);
	CHECK_INT(trace_deny(h.t, ev.tid, 5000), -EINVAL);
	CHECK_INT(trace_allow(h.t, 1), -ESRCH);
	CHECK_INT(trace_deny(h.t, ev.tid, E2BIG), 0);
	CHECK_INT(trace_allow(h.t, ev.tid), -EINVAL);
	CHECK_INT(tt_finish(&h), 0);
	CHECK_STR(tt_line(&h, "dup:999"), "dup:999 -> -1 errno 9");
	CHECK_STR(tt_line(&h, "dup:1000"), "dup:1000 -> -1 errno 7");
	tt_free(&h);
}

/* Allows getppid, denies dup with EACCES, counts the stops. */
static void deny_dups(struct tt *h, uint32_t arch, size_t expected)
{
	struct trace_event ev;
	size_t stops = 0;

	while (tt_next(h, &ev)) {
		if (ev.kind != TRACE_EV_SECCOMP || ev.seccomp.launching) {
			tt_default(h, &ev);
			continue;
		}
		stops++;
		CHECK_U64(ev.seccomp.arch, arch);
		/* SCMP_ARCH_* are the AUDIT_ARCH_* tokens. */
		if (ev.seccomp.nr == tt_nr(arch, "dup"))
			CHECK_INT(trace_deny(h->t, ev.tid, EACCES), 0);
		else
			CHECK_INT(trace_allow(h->t, ev.tid), 0);
	}
	CHECK_INT(stops, expected);
}

TEST(trace_deny_on_i386_tracees)
{
	static const struct tt_rule rules[] = {
		{.name = "getppid", .action = SCMP_ACT_TRACE(1)},
		{.name = "dup", .action = SCMP_ACT_TRACE(2)},
	};
	struct tt_filter f = TT_FILTER(rules);
	const char *argv[] = {
		tt_prog("trace_calls-32"), "getppid",	     "dup:1001",
		"int80:getppid",	   "int80:dup:1002", NULL};
	char ppid[64];
	struct tt h;

	REQUIRE_IA32_PROGRAMS();
	/* A 32-bit program: glibc enters through sysenter, then int 0x80. */
	f.x86 = true;
	tt_start(&h, argv, &f);
	deny_dups(&h, AUDIT_ARCH_I386, 4);
	snprintf(ppid, sizeof(ppid), "getppid -> %d", (int)getpid());
	CHECK_STR(tt_line(&h, "getppid"), ppid);
	CHECK_STR(tt_line(&h, "dup:1001"), "dup:1001 -> -1 errno 13");
	snprintf(ppid, sizeof(ppid), "int80:getppid -> %d", (int)getpid());
	CHECK_STR(tt_line(&h, "int80:getppid"), ppid);
	CHECK_STR(tt_line(&h, "int80:dup"), "int80:dup:1002 -> -13");
	tt_free(&h);
}

TEST(trace_deny_int80_from_a_64bit_program)
{
	static const struct tt_rule rules[] = {
		{.name = "dup", .action = SCMP_ACT_TRACE(2)},
	};
	struct tt_filter f = TT_FILTER(rules);
	const char *argv[] = {tt_prog("trace_calls"), "int80:dup:1003", NULL};
	struct tt h;

	REQUIRE_INT80();
	f.x86 = true;
	tt_start(&h, argv, &f);
	deny_dups(&h, AUDIT_ARCH_I386, 1);
	CHECK_STR(tt_line(&h, "int80:dup"), "int80:dup:1003 -> -13");
	tt_free(&h);
}

TEST(trace_badarch_trace_catches_int80)
{
	struct tt_filter f = {.badarch = SCMP_ACT_TRACE(0xffff)};
	const char *argv[] = {tt_prog("trace_calls"), "int80:getppid", NULL};
	struct trace_event ev;
	char ppid[64];
	struct tt h;

	REQUIRE_INT80();
	/* The filter knows only x86_64: an i386 call hits bad-arch. */
	tt_start(&h, argv, &f);
	tt_expect_seccomp(&h, &ev);
	CHECK_U64(ev.seccomp.arch, AUDIT_ARCH_I386);
	CHECK_INT(ev.seccomp.nr, tt_nr(SCMP_ARCH_X86, "getppid"));
	CHECK_INT(ev.seccomp.ret_data, 0xffff);
	CHECK_INT(trace_allow(h.t, ev.tid), 0);
	CHECK_INT(tt_finish(&h), 0);
	snprintf(ppid, sizeof(ppid), "int80:getppid -> %d", (int)getpid());
	CHECK_STR(tt_line(&h, "int80:getppid"), ppid);
	tt_free(&h);
}

/* The next openat whose path is not a library of the loader's. */
static void expect_open(struct tt *h, struct trace_event *ev, size_t max,
			struct strbuf *path, bool *truncated)
{
	for (;;) {
		tt_expect_seccomp(h, ev);
		strbuf_reset(path);
		REQUIRE(trace_mem_read_str(ev->tid, ev->seccomp.args[1], max,
					   path, truncated) == 0);
		if (!str_has_prefix(strbuf_str(path), "/etc/ld.so") &&
		    !strstr(strbuf_str(path), "/lib"))
			return;
		CHECK_INT(trace_allow(h->t, ev->tid), 0);
	}
}

TEST(trace_memory_reads_see_the_program)
{
	static const struct tt_rule rules[] = {
		{.name = "openat", .action = SCMP_ACT_TRACE(3)},
	};
	struct tt_filter f = TT_FILTER(rules);
	const char *argv[] = {tt_prog("trace_calls"),
			      "open:/nonexistent/tt\x1b[2Jpath",
			      "longpath:6000", NULL};
	struct strbuf path = STRBUF_INIT;
	struct trace_event ev;
	bool truncated;
	char buf[16];
	struct tt h;

	tt_start(&h, argv, &f);
	expect_open(&h, &ev, 4096, &path, &truncated);
	/* Raw bytes, escape sequence included: escaping is the caller's. */
	CHECK_STR(strbuf_str(&path), "/nonexistent/tt\x1b[2Jpath");
	CHECK(!truncated);
	CHECK_INT(trace_mem_read(ev.tid, ev.seccomp.args[1], buf, 4), 4);
	CHECK(!memcmp(buf, "/non", 4));
	CHECK_INT(trace_mem_read(ev.tid, 0, buf, 4), -EFAULT);
	CHECK_INT(trace_mem_read(ev.tid, 8, buf, 0), 0);
	CHECK_INT(trace_allow(h.t, ev.tid), 0);

	/* 6000 bytes span two pages or more: read whole, or cut at max. */
	expect_open(&h, &ev, 8192, &path, &truncated);
	CHECK_INT(path.len, 6000);
	CHECK(!truncated);
	strbuf_reset(&path);
	CHECK_INT(trace_mem_read_str(ev.tid, ev.seccomp.args[1], 100, &path,
				     &truncated),
		  0);
	CHECK_INT(path.len, 100);
	CHECK(truncated);
	CHECK_INT(trace_allow(h.t, ev.tid), 0);
	CHECK_INT(tt_finish(&h), 0);
	CHECK_STR(tt_line(&h, "longpath"), "longpath -> -1 errno 36");
	CHECK_INT(trace_mem_read(h.pid, ev.seccomp.args[1], buf, 4), -ESRCH);
	strbuf_release(&path);
	tt_free(&h);
}
