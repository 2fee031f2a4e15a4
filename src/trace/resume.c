// SPDX-License-Identifier: Apache-2.0
/*
 * Answering a stop: allow, deny, kill, or deliver a held signal.
 *
 * Allow is a plain PTRACE_CONT: since Linux 4.8 the kernel runs the
 * filters again after the tracer, and a second SECCOMP_RET_TRACE then
 * counts as allowed. Deny sets the call number to -1 (the kernel skips
 * it without re-running the filters) and the return register to -errno.
 *
 * Kill emulates the kernel's SECCOMP_RET_KILL_THREAD / KILL_PROCESS by
 * having the kernel do it: the stopped call becomes seccomp() loading a
 * one-instruction filter that returns the kill action, the ip goes back
 * onto the syscall instruction, and PTRACE_SYSCALL stops the thread once
 * more at the exit of that seccomp() call (trace_kill_step). If the
 * filter went in, the thread re-executes its syscall instruction and the
 * kernel kills exactly as a profile's KILL would: SIGSYS, a core dump
 * where allowed, only the thread for KILL_THREAD while others live. If
 * anything failed (a foreign ABI, an unwritable stack, a second filter
 * of the program's that refuses seccomp()), the process gets SIGKILL.
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <sys/ptrace.h>

#include "internal.h"

static int cont(struct trace_tracee *th, int sig)
{
	if (ptrace(PTRACE_CONT, th->pub.tid, 0L, (long)sig) < 0)
		return -errno;
	th->pub.state = TRACE_RUNNING;
	th->held_gone = false;
	return 0;
}

int trace_syscall_info(pid_t tid, struct __ptrace_syscall_info *info)
{
	if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof(*info), info) < 0)
		return -errno;
	return 0;
}

int trace_resume(struct trace_tracee *th, int sig)
{
	int rc = cont(th, sig);

	/* Vanished: a SIGKILL took it out of the stop; its exit follows. */
	return rc == -ESRCH ? 0 : rc;
}

/* The thread if it is in state; else NULL and *rc = -ESRCH / -EINVAL. */
static struct trace_tracee *stopped(struct trace *t, pid_t tid,
				    enum trace_state state, int *rc)
{
	struct trace_tracee *th = trace_tracee_get(t, tid);

	*rc = !th ? -ESRCH : th->pub.state != state ? -EINVAL : 0;
	return *rc ? NULL : th;
}

/* A thread held at the SIGSYS of a trapped call (TRAP mode), or NULL. */
static struct trace_tracee *trapped(struct trace *t, pid_t tid)
{
	struct trace_tracee *th = trace_tracee_get(t, tid);

	return th && trace_is_trapped(th) ? th : NULL;
}

int trace_allow(struct trace *t, pid_t tid)
{
	int rc;
	struct trace_tracee *th = stopped(t, tid, TRACE_SECCOMP_STOPPED, &rc);

	if (!th && rc == -EINVAL && (th = trapped(t, tid)))
		return trace_trap_allow(t, th);
	if (th)
		trace_sigsys_commit(th, true);
	return th ? cont(th, 0) : rc;
}

int trace_deny(struct trace *t, pid_t tid, int err)
{
	struct trace_tracee *th = trace_tracee_get(t, tid);
	bool skip;
	int rc;

	if (err < 0 || err > 4095)
		return -EINVAL;
	if (!th)
		return -ESRCH;
	trace_sigsys_commit(th, false);
	/* A held SIGSYS of SECCOMP_RET_TRAP: the kernel skipped the call
	 * already. Any other signal has no call to answer. */
	if (th->pub.state == TRACE_SIGNAL_STOPPED && th->held_sig == SIGSYS &&
	    th->held_code == SYS_SECCOMP)
		skip = false;
	else if (th->pub.state == TRACE_SECCOMP_STOPPED)
		skip = true;
	else
		return -EINVAL;
	rc = trace_regs_set_return(tid, -(int64_t)err, skip);
	if (rc < 0)
		return rc;
	return cont(th, 0);
}

int trace_signal_resume(struct trace *t, pid_t tid, int sig)
{
	int rc;
	struct trace_tracee *th = stopped(t, tid, TRACE_SIGNAL_STOPPED, &rc);

	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	if (th && sig == SIGSYS && t->trap)
		trace_sigsys_delivered(th);
	return th ? cont(th, sig) : rc;
}

/* The fallback: the whole process, at once. */
static int kill_hard(struct trace_tracee *th)
{
	if (kill(th->pub.pid, SIGKILL) < 0 && errno != ESRCH)
		return -errno;
	/* SIGKILL takes it out of its stop; resuming is harmless. */
	cont(th, 0);
	return 0;
}

int trace_kill(struct trace *t, pid_t tid, enum trace_kill_mode mode)
{
	uint32_t action = mode == TRACE_KILL_THREAD ? SECCOMP_RET_KILL_THREAD
						    : SECCOMP_RET_KILL_PROCESS;
	struct trace_tracee *th;
	int rc;

	if (mode == TRACE_KILL_PROGRAM) {
		trace_kill_all(t);
		return 0;
	}
	th = stopped(t, tid, TRACE_SECCOMP_STOPPED, &rc);
	if (!th && rc == -EINVAL && (th = trapped(t, tid))) {
		rc = trace_trap_kill(t, th, action);
		return rc == -ESRCH ? rc : rc < 0 ? kill_hard(th) : 0;
	}
	if (!th)
		return rc;
	rc = trace_regs_setup_kill(tid, th->arch, th->nr, action);
	if (rc == -ESRCH)
		return rc;
	if (rc < 0)
		return kill_hard(th);
	if (ptrace(PTRACE_SYSCALL, tid, 0L, 0L) < 0)
		return -errno;
	th->pub.state = TRACE_KILLING;
	return 0;
}

void trace_kill_step(struct trace_tracee *th)
{
	struct __ptrace_syscall_info info = {0};

	if (trace_syscall_info(th->pub.tid, &info) == -ESRCH)
		return;
	if (info.op != PTRACE_SYSCALL_INFO_EXIT || info.exit.rval != 0) {
		kill_hard(th);
		return;
	}
	/* The filter is in: the next instruction is the syscall again. */
	cont(th, 0);
	th->pub.state = TRACE_KILLING;
}
