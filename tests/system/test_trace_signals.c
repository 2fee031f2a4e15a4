// SPDX-License-Identifier: Apache-2.0
/*
 * trace: signals. Signals pass through unchanged unless held; a refused
 * call inside a handler; a call interrupted by a signal that came while
 * it waited in its stop; job control (SIGSTOP / SIGCONT) behaving as it
 * does without a debugger, seen from the program and from outside; and
 * SIGSYS of a real TRAP filter, held and answered (what TRAP mode needs).
 */
#include <errno.h>
#include <linux/audit.h>
#include <seccomp.h>
#include <stdlib.h>
#include <unistd.h>

#include "test.h"
#include "test_trace.h"

#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1 /* si_code of a seccomp SIGSYS */
#endif

TEST(trace_refused_call_in_a_signal_handler)
{
	static const struct tt_rule rules[] = {
		{.name = "getuid", .action = SCMP_ACT_TRACE(6)},
	};
	struct tt_filter f = TT_FILTER(rules);
	const char *argv[] = {tt_prog("trace_signals"), "handler", NULL};
	struct trace_event ev;
	struct tt h;

	tt_start(&h, argv, &f);
	tt_expect(&h, TRACE_EV_SIGNAL, &ev);
	CHECK_INT(ev.signal.sig, SIGUSR1);
	CHECK(!ev.signal.held);
	tt_expect_seccomp(&h, &ev);
	CHECK_INT(ev.seccomp.nr, tt_nr(SCMP_ARCH_X86_64, "getuid"));
	CHECK_INT(trace_deny(h.t, ev.tid, EPERM), 0);
	CHECK_INT(tt_finish(&h), 0);
	CHECK_STR(tt_line(&h, "handler"), "handler: getuid -> -1 errno 1");
	CHECK(tt_line(&h, "after raise") != NULL);
	tt_free(&h);
}

TEST(trace_held_signal_can_be_suppressed)
{
	const char *argv[] = {tt_prog("trace_signals"), "handler", NULL};
	struct trace_event ev;
	struct tt h;

	tt_start(&h, argv, NULL);
	trace_hold_signal(h.t, SIGUSR1, true);
	tt_expect(&h, TRACE_EV_SIGNAL, &ev);
	CHECK(ev.signal.held);
	CHECK_INT(ev.signal.info.si_signo, SIGUSR1);
	CHECK_INT(trace_thread(h.t, ev.tid)->state, TRACE_SIGNAL_STOPPED);
	CHECK_INT(trace_allow(h.t, ev.tid), -EINVAL);
	CHECK_INT(trace_signal_resume(h.t, ev.tid, 0), 0);
	CHECK_INT(tt_finish(&h), 0);
	CHECK(tt_line(&h, "handler") == NULL);
	CHECK(tt_line(&h, "after raise") != NULL);
	tt_free(&h);
}

/* read(100) stops; a SIGUSR1 comes while it waits; then answer. */
static void interrupted_read(bool deny, const char *expect)
{
	static const struct tt_rule rules[] = {
		{.name = "read",
		 .action = SCMP_ACT_TRACE(6),
		 .has_arg0 = true,
		 .arg0 = 100},
	};
	struct tt_filter f = TT_FILTER(rules);
	const char *argv[] = {tt_prog("trace_signals"), "interrupt", NULL};
	struct trace_event ev;
	struct tt h;

	tt_start(&h, argv, &f);
	tt_expect_seccomp(&h, &ev);
	/* A thread in a ptrace stop does not take signals: it stays. */
	CHECK_INT(kill(ev.pid, SIGUSR1), 0);
	CHECK_INT(trace_thread(h.t, ev.tid)->state, TRACE_SECCOMP_STOPPED);
	if (deny)
		CHECK_INT(trace_deny(h.t, ev.tid, EACCES), 0);
	else
		CHECK_INT(trace_allow(h.t, ev.tid), 0);
	tt_expect(&h, TRACE_EV_SIGNAL, &ev);
	CHECK_INT(ev.signal.sig, SIGUSR1);
	CHECK_INT(tt_finish(&h), 0);
	CHECK(tt_line(&h, "handler ran") != NULL);
	CHECK_STR(tt_line(&h, "read"), expect);
	tt_free(&h);
}

TEST(trace_call_interrupted_while_it_waits)
{
	/* Allowed: the read meets the pending signal, no SA_RESTART. */
	interrupted_read(false, "read -> -1 errno 4");
	/* Denied: our errno, and the handler still runs. */
	interrupted_read(true, "read -> -1 errno 13");
}

TEST(trace_job_control_of_a_child_as_without_debugger)
{
	const char *argv[] = {tt_prog("trace_signals"), "stopchild", NULL};
	struct trace_event ev;
	bool group_stop = false;
	char *native;
	int code;
	struct tt h;

	native = tt_native(argv, NULL, &code);
	CHECK_INT(code, 0);
	CHECK_STR(native, "after SIGSTOP: stopped by 19\n"
			  "after SIGCONT: continued\n"
			  "after SIGTERM: killed by 15\n");
	tt_start(&h, argv, NULL);
	while (tt_next(&h, &ev)) {
		if (ev.kind == TRACE_EV_GROUP_STOP) {
			CHECK(ev.pid != h.pid);
			CHECK_INT(ev.group_stop.sig, SIGSTOP);
			group_stop = true;
		}
		tt_default(&h, &ev);
	}
	CHECK(group_stop);
	CHECK_STR(strbuf_str(&h.output), native);
	tt_free(&h);
	free(native);
}

/* Stopped as by a SIGSTOP without a debugger (PTRACE_LISTEN shows as a
 * tracing stop). */
static bool is_stopped(pid_t pid)
{
	struct tt_stat st;

	return tt_stat(pid, &st) && (st.state == 't' || st.state == 'T');
}

static void say(struct tt *h, const char *line)
{
	CHECK_INT(write(h->in, line, strlen(line)), (long)strlen(line));
}

TEST(trace_sigstop_and_sigcont_from_outside)
{
	const char *argv[] = {tt_prog("trace_signals"), "echo", NULL};
	struct trace_event ev;
	struct tt h;

	tt_start_stdin(&h, argv, NULL);
	say(&h, "one\n");
	CHECK(tt_wait_line(&h, "echo: one") != NULL);
	CHECK_INT(kill(h.pid, SIGSTOP), 0);
	tt_expect(&h, TRACE_EV_GROUP_STOP, &ev);
	CHECK_INT(ev.group_stop.sig, SIGSTOP);
	CHECK_INT(trace_thread(h.t, h.pid)->state, TRACE_GROUP_STOPPED);
	/* Stopped, it does not read what we write. */
	CHECK(is_stopped(h.pid));
	say(&h, "two\n");
	CHECK(is_stopped(h.pid));
	CHECK_INT(kill(h.pid, SIGCONT), 0);
	CHECK(tt_wait_line(&h, "echo: two") != NULL);
	CHECK_INT(trace_thread(h.t, h.pid)->state, TRACE_RUNNING);
	close(h.in);
	h.in = -1;
	CHECK_INT(tt_finish(&h), 0);
	tt_free(&h);
}

TEST(trace_held_sigsys_of_a_trap_filter)
{
	static const struct tt_rule rules[] = {
		{.name = "getppid", .action = SCMP_ACT_TRAP},
		{.name = "dup", .action = SCMP_ACT_TRAP},
	};
	struct tt_filter f = TT_FILTER(rules);
	const char *argv[] = {tt_prog("trace_calls"), "getppid", "dup:1004",
			      NULL};
	struct trace_event ev;
	struct tt h;

	tt_start(&h, argv, &f);
	trace_hold_signal(h.t, SIGSYS, true);
	tt_expect(&h, TRACE_EV_SIGNAL, &ev);
	REQUIRE(ev.signal.held);
	CHECK_INT(ev.signal.info.si_code, SYS_SECCOMP);
	CHECK_INT(ev.signal.info.si_syscall,
		  tt_nr(SCMP_ARCH_X86_64, "getppid"));
	CHECK_U64(ev.signal.info.si_arch, AUDIT_ARCH_X86_64);
	/* TRAP skipped the call: deny only sets what it returns. */
	CHECK_INT(trace_deny(h.t, ev.tid, EACCES), 0);
	tt_expect(&h, TRACE_EV_SIGNAL, &ev);
	CHECK_INT(ev.signal.info.si_syscall, tt_nr(SCMP_ARCH_X86_64, "dup"));
	/* Delivered, SIGSYS kills as TRAP does without a handler. */
	CHECK_INT(trace_signal_resume(h.t, ev.tid, SIGSYS), 0);
	CHECK_INT(tt_finish(&h), 128 + SIGSYS);
	CHECK_STR(tt_line(&h, "getppid"), "getppid -> -1 errno 13");
	CHECK(tt_line(&h, "dup") == NULL);
	tt_free(&h);
}
