// SPDX-License-Identifier: Apache-2.0
/*
 * TRACE and TRAP, the two modes under ptrace (docs/modes.md). The tracer
 * follows every process of the program, answers every call, and the
 * stopped thread's registers give a full backtrace; the two differ in
 * how a refused call reaches the tracer:
 *
 *   TRACE  the filter returns SCMP_ACT_TRACE(id): a seccomp stop;
 *   TRAP   it returns SECCOMP_RET_TRAP | id: a SIGSYS the tracer holds
 *          (trace/trap.c), which may also be the program's own.
 */
#include <linux/seccomp.h>
#include <signal.h>

#include "internal.h"

static int trace_mode_probe(struct err *err)
{
	return trace_probe(false, err);
}

static int trap_mode_probe(struct err *err)
{
	return trace_probe(true, err);
}

static int trace_mode_prepare(struct session *s, struct err *err)
{
	return compile_filter(s->resolved, COMPILE_TRACE, &s->bpf, err);
}

static int trap_mode_prepare(struct session *s, struct err *err)
{
	return compile_filter(s->resolved, COMPILE_TRAP, &s->bpf, err);
}

static int load_filter(const struct session *s)
{
	return compile_install(&s->bpf, s->cfg.no_new_privs);
}

static int trap_mode_start(struct session *s, struct err *err)
{
	(void)err;
	trace_set_trap(s->trace, true);
	return 0;
}

/* A held SIGSYS: ours (a denial) or the program's (delivered). */
static void trap_mode_stopped(struct session *s, const struct trace_event *ev)
{
	uint32_t ret;

	if (!ev->seccomp.trapped) {
		session_on_seccomp(s, ev);
		return;
	}
	ret = session_filter_says(&s->bpf, ev);
	/*
	 * A filter the program stacked itself trapped this call (ours
	 * allows it, or traps with other data: on a tie the newest filter
	 * wins): its SIGSYS, for its own handler, untouched.
	 */
	if ((ret & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_TRAP ||
	    (ret & SECCOMP_RET_DATA) != ev->seccomp.ret_data) {
		trace_signal_resume(s->trace, ev->tid, SIGSYS);
		return;
	}
	session_on_seccomp(s, ev);
}

static int ptrace_allow(struct session *s, pid_t tid)
{
	return trace_allow(s->trace, tid);
}

static int ptrace_deny(struct session *s, pid_t tid, int err)
{
	return trace_deny(s->trace, tid, err);
}

static int ptrace_kill(struct session *s, pid_t pid, pid_t tid,
		       enum trace_kill_mode how)
{
	(void)pid;
	return trace_kill(s->trace, tid, how);
}

/* The kernel's own SIGSYS where we hold one (TRAP), else tgkill. */
static int ptrace_trap(struct session *s, pid_t pid, pid_t tid, uint16_t data)
{
	const struct trace_thread *th = trace_thread(s->trace, tid);

	if (th && th->state == TRACE_SIGNAL_STOPPED)
		return trace_trap_signal(s->trace, tid, data);
	return session_mode_trap_by_tgkill(s, pid, tid, data);
}

static int ptrace_unwind(struct session *s, struct session_entry *e,
			 struct unwind_capture *cap)
{
	return unwind_capture_thread(s->unwind, e->pub.pid, e->pub.tid, cap,
				     NULL);
}

const struct session_mode_ops session_mode_trace = {
	.name = "trace",
	.instead = "use --mode notify",
	.traced = true,
	.probe = trace_mode_probe,
	.prepare = trace_mode_prepare,
	.child = load_filter,
	.stopped = session_on_seccomp,
	.allow = ptrace_allow,
	.deny = ptrace_deny,
	.kill = ptrace_kill,
	.trap = ptrace_trap,
	.unwind = ptrace_unwind,
};

const struct session_mode_ops session_mode_trap = {
	.name = "trap",
	.instead = "use --mode notify",
	.traced = true,
	.probe = trap_mode_probe,
	.prepare = trap_mode_prepare,
	.start = trap_mode_start,
	.child = load_filter,
	.stopped = trap_mode_stopped,
	.allow = ptrace_allow,
	.deny = ptrace_deny,
	.kill = ptrace_kill,
	.trap = ptrace_trap,
	.unwind = ptrace_unwind,
};
