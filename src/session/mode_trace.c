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
#include <errno.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/bpf.h"

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

/*
 * TRAP mode's own (s->mode_data): which of the program's filters
 * bpf_verify passed, by address (trace_filters keeps each program once
 * for the session): 1 runs, 2 refused.
 */
struct trap_data {
	struct hmap checked;
};

static int trap_mode_prepare(struct session *s, struct err *err)
{
	int rc;

	s->mode_data = xcalloc(1, sizeof(struct trap_data));
	rc = compile_filter(s->resolved, COMPILE_TRAP, &s->bpf, err);
	return rc < 0 ? rc : compile_watch_sigsys(&s->bpf, err);
}

static void trap_mode_release(struct session *s)
{
	struct trap_data *d = s->mode_data;

	if (!d)
		return;
	hmap_release(&d->checked);
	free(d);
	s->mode_data = NULL;
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

static bool filter_runs(struct trap_data *d, const struct trace_filter *f)
{
	uintptr_t v = (uintptr_t)hmap_get(&d->checked, (uintptr_t)f);

	if (!v) {
		v = bpf_verify(f->insns, f->len, NULL) == 0 ? 1 : 2;
		hmap_add(&d->checked, (uintptr_t)f, (void *)v);
	}
	return v == 1;
}

static bool is_ours(const struct trace_filter *f, const struct compile_bpf *bpf)
{
	return f->len == bpf->len &&
	       !memcmp(f->insns, bpf->insns, bpf->len * sizeof(*bpf->insns));
}

/*
 * What the program's own filters, every one it stacked on ours, return
 * for the call of EV, combined the way the kernel combines a thread's
 * filters: the action first in the kernel's order wins (KILL_PROCESS,
 * KILL_THREAD, TRAP, ERRNO, USER_NOTIF, TRACE, LOG, ALLOW: compared as
 * signed numbers), and among equals the newest filter's. ALLOW when it
 * stacked none; false when they cannot be read or run (then the old
 * rule alone tells ours from theirs).
 */
static bool program_says(struct session *s, const struct trace_event *ev,
			 uint32_t *out)
{
	const struct trace_filter *const *f;
	uint32_t ret = SECCOMP_RET_ALLOW, r;
	struct seccomp_data data;
	size_t n, i;

	if (trace_filters(s->trace, ev->tid, &f, &n) < 0 || n == 0 ||
	    !is_ours(f[0], &s->bpf))
		return false;
	session_call_data(ev, &data);
	for (i = n - 1; i >= 1; i--) {
		if (!filter_runs(s->mode_data, f[i]))
			return false;
		r = bpf_run(f[i]->insns, f[i]->len, &data);
		if ((int32_t)(r & SECCOMP_RET_ACTION_FULL) <
		    (int32_t)(ret & SECCOMP_RET_ACTION_FULL))
			ret = r;
	}
	*out = ret;
	return true;
}

/* The program's ERRNO as the kernel applies it: data above MAX_ERRNO
 * is MAX_ERRNO, 0 returns 0. */
static int program_errno(uint32_t ret)
{
	uint32_t data = ret & SECCOMP_RET_DATA;

	return data > 4095 ? 4095 : (int)data;
}

/*
 * A stop of the SIGSYS watch (compile_watch_sigsys): the action the call
 * sets is noted; then the call is what the filter proper says of it, let
 * run at once when it allows it, a refused call otherwise.
 */
static void on_watch(struct session *s, const struct trace_event *ev)
{
	struct seccomp_data d;
	uint32_t ret;

	trace_sigsys_seen(s->trace, ev);
	session_call_data(ev, &d);
	ret = bpf_run(s->bpf.insns + COMPILE_WATCH_LEN,
		      s->bpf.len - COMPILE_WATCH_LEN, &d);
	if ((ret & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_TRAP)
		trace_allow(s->trace, ev->tid);
	else
		session_on_seccomp(s, ev);
}

/* True when ACTION outranks or ties TRAP in the kernel's order. */
static bool is_trap_or_kill(uint32_t ret)
{
	return (int32_t)(ret & SECCOMP_RET_ACTION_FULL) <=
	       (int32_t)SECCOMP_RET_TRAP;
}

/*
 * A held SIGSYS: the program's (delivered untouched), or one our filter
 * caused. Ours may first need the program's SIGSYS handler put back
 * (trace_trap_repair: the event comes again); then it is a refused call,
 * unless the program's own filter refuses it with an errno, which is
 * answered with that errno, unreported.
 */
static void trap_mode_stopped(struct session *s, const struct trace_event *ev)
{
	uint32_t ret, prog = SECCOMP_RET_ALLOW;
	bool known;

	if (!ev->seccomp.trapped) {
		/* a TRAP filter returns TRACE at its SIGSYS watch only */
		if (ev->seccomp.ret_data == COMPILE_WATCH_ID)
			on_watch(s, ev);
		else
			session_on_seccomp(s, ev);
		return;
	}
	ret = session_filter_says(&s->bpf, ev);
	known = program_says(s, ev, &prog);
	/*
	 * A filter the program stacked itself trapped this call (ours
	 * allows it, or traps with other data, or, read from the kernel,
	 * theirs traps too: on a tie the newest filter wins): its SIGSYS,
	 * for its own handler, untouched.
	 */
	if ((ret & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_TRAP ||
	    (ret & SECCOMP_RET_DATA) != ev->seccomp.ret_data ||
	    (known && is_trap_or_kill(prog))) {
		/* a handler a trap of ours just reset is put back first */
		if (trace_trap_repair(s->trace, ev, true) <= 0)
			trace_signal_resume(s->trace, ev->tid, SIGSYS);
		return;
	}
	if (!ev->seccomp.repaired && trace_trap_repair(s->trace, ev, false) > 0)
		return;
	if (known && (prog & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO) {
		/*
		 * Our TRAP outranks the program's ERRNO; had ours been TRACE
		 * or USER_NOTIF, as in the other modes, the kernel would have
		 * refused the call with the program's errno and nobody would
		 * have seen it. So: not ours to report, and allowing it would
		 * skip the program's own refusal.
		 */
		trace_deny(s->trace, ev->tid, program_errno(prog));
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

	int rc = -EAGAIN;

	if (th && th->state == TRACE_SIGNAL_STOPPED)
		rc = trace_trap_signal(s->trace, tid, data);
	return rc == -EAGAIN ? session_mode_trap_by_tgkill(s, pid, tid, data)
			     : rc;
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
	.release = trap_mode_release,
	.allow = ptrace_allow,
	.deny = ptrace_deny,
	.kill = ptrace_kill,
	.trap = ptrace_trap,
	.unwind = ptrace_unwind,
};
