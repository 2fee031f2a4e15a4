// SPDX-License-Identifier: Apache-2.0
/*
 * TRAP mode in the tracer. The filter answers refused calls with
 * SECCOMP_RET_TRAP: the kernel skips the call, puts the registers back
 * as they were at the syscall instruction (rax holds the number again)
 * and sends SIGSYS (si_code SYS_SECCOMP, si_errno the filter's data).
 * We hold that signal-delivery stop and report it as a seccomp stop, so
 * the session treats it like a TRACE stop.
 *
 * Denying is setting rax and suppressing the signal (trace_deny). Allowing
 * needs the call to run after all, and a loaded filter cannot be relaxed:
 * the call would trap again. So the thread re-runs it with seccomp
 * suspended for that thread alone (PTRACE_O_SUSPEND_SECCOMP, which needs
 * CAP_SYS_ADMIN): the ip goes back onto the syscall instruction (2 bytes
 * for syscall, int 0x80 and, through the vDSO's landing pad, sysenter),
 * PTRACE_SYSCALL stops it at the entry of exactly that call and once
 * more after it, and there the suspension ends. Any other stop in
 * between ends it too: a signal that came first, an exec or a fork
 * during the call. A signal that came before the call's entry is
 * delivered (its handler judged by the filters), and the call, rewound
 * and not yet run, traps again on the way back: that trap, with the same
 * registers, is stepped at once and not reported a second time. Children
 * inherit the flag with the rest of
 * task->ptrace, so every new tracee drops it at its first stop, before
 * it runs a single instruction. docs/modes.md tells what this costs.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

#ifndef PTRACE_O_SUSPEND_SECCOMP
#define PTRACE_O_SUSPEND_SECCOMP (1 << 21)
#endif

void trace_set_trap(struct trace *t, bool on)
{
	t->trap = on;
	trace_hold_signal(t, SIGSYS, on);
}

static int set_suspended(pid_t tid, bool on)
{
	long opts = TRACE_PTRACE_OPTIONS | (on ? PTRACE_O_SUSPEND_SECCOMP : 0);

	return ptrace(PTRACE_SETOPTIONS, tid, 0L, opts) < 0 ? -errno : 0;
}

/* The six arguments of the call in the registers, per ABI. */
static void regs_args(const struct user_regs_struct *r, uint32_t arch,
		      uint64_t args[6])
{
	if (arch == AUDIT_ARCH_I386) {
		args[0] = (uint32_t)r->rbx;
		args[1] = (uint32_t)r->rcx;
		args[2] = (uint32_t)r->rdx;
		args[3] = (uint32_t)r->rsi;
		args[4] = (uint32_t)r->rdi;
		args[5] = (uint32_t)r->rbp;
		return;
	}
	args[0] = r->rdi;
	args[1] = r->rsi;
	args[2] = r->rdx;
	args[3] = r->r10;
	args[4] = r->r8;
	args[5] = r->r9;
}

/* What tells a trapped call from another: number, where, arguments. */
static void call_key(const struct user_regs_struct *r, uint32_t arch, int nr,
		     uint64_t key[9])
{
	key[0] = (uint64_t)(uint32_t)nr;
	key[1] = r->rip;
	key[2] = r->rsp;
	regs_args(r, arch, key + 3);
}

/* Is this trap the allowed call again, after a signal came before its
 * step? Then it runs now, as decided, without a second report. */
static bool is_retrap(struct trace *t, struct trace_tracee *th,
		      const struct user_regs_struct *r, const siginfo_t *si)
{
	uint64_t key[9];

	if (!th->retrap)
		return false;
	th->retrap = false;
	call_key(r, si->si_arch, si->si_syscall, key);
	if (memcmp(key, th->retrap_regs, sizeof(key)))
		return false;
	th->pub.state = TRACE_SIGNAL_STOPPED;
	th->held_sig = SIGSYS;
	th->held_code = SYS_SECCOMP;
	if (trace_trap_allow(t, th) < 0)
		return false; /* then it is asked about again */
	return true;
}

bool trace_trap_event(struct trace *t, struct trace_tracee *th, int sig,
		      const siginfo_t *si)
{
	struct user_regs_struct regs;
	struct trace_event *ev;

	if (!t->trap || sig != SIGSYS || si->si_code != SYS_SECCOMP)
		return false;
	if (ptrace(PTRACE_GETREGS, th->pub.tid, 0L, &regs) < 0)
		return true; /* killed meanwhile: its exit follows */
	th->arch = si->si_arch;
	th->nr = si->si_syscall;
	if (is_retrap(t, th, &regs, si))
		return true;
	th->pub.state = TRACE_SIGNAL_STOPPED;
	th->held_sig = SIGSYS;
	th->held_code = SYS_SECCOMP;
	ev = trace_event_push(t, TRACE_EV_SECCOMP, th);
	ev->seccomp.arch = si->si_arch;
	ev->seccomp.nr = si->si_syscall;
	regs_args(&regs, si->si_arch, ev->seccomp.args);
	ev->seccomp.ip = regs.rip;
	ev->seccomp.sp = regs.rsp;
	/* the filter's 16 bits of data: a rule id */
	ev->seccomp.ret_data = (uint16_t)si->si_errno;
	ev->seccomp.launching = th->pub.launching;
	ev->seccomp.trapped = true;
	return true;
}

/* Resume at the syscall instruction, seccomp suspended, to its entry. */
int trace_trap_step(struct trace *t, struct trace_tracee *th,
		    enum trace_step kind, int nr, uint64_t ip)
{
	int rc;

	rc = set_suspended(th->pub.tid, true);
	if (rc < 0)
		return rc;
	t->suspend_used = true;
	/* data 0: the SIGSYS is suppressed */
	if (ptrace(PTRACE_SYSCALL, th->pub.tid, 0L, 0L) < 0) {
		rc = -errno;
		set_suspended(th->pub.tid, false);
		return rc;
	}
	th->step = kind;
	th->held_gone = false;
	th->step_entered = false;
	th->step_nr = nr;
	th->step_ip = ip;
	th->pub.state = kind == TRACE_STEP_KILL ? TRACE_KILLING : TRACE_RUNNING;
	return 0;
}

int trace_trap_allow(struct trace *t, struct trace_tracee *th)
{
	const struct trace_abi *abi = trace_regs_abi(th->arch, th->nr);
	struct user_regs_struct regs;
	uint64_t ip;
	int rc;

	if (!abi)
		return -EOPNOTSUPP;
	if (ptrace(PTRACE_GETREGS, th->pub.tid, 0L, &regs) < 0)
		return -errno;
	ip = regs.rip;
	call_key(&regs, th->arch, th->nr, th->retrap_regs);
	regs.rip -= abi->insn_len;
	/* the number, which the kernel's rollback put there already */
	regs.rax = regs.orig_rax;
	if (ptrace(PTRACE_SETREGS, th->pub.tid, 0L, &regs) < 0)
		return -errno;
	rc = trace_trap_step(t, th, TRACE_STEP_ALLOW, th->nr, ip);
	if (rc < 0) {
		/* leave it as it was: a deny can still answer it */
		regs.rip = ip;
		ptrace(PTRACE_SETREGS, th->pub.tid, 0L, &regs);
	}
	return rc;
}

/*
 * The kill of docs/tracing.md from a trapped call: trace_regs_setup_kill
 * makes the call seccomp(SET_MODE_FILTER, kill filter) at the syscall
 * instruction; here nothing runs on resume unless the instruction does,
 * so the number goes in rax as well, and the suspended step runs it.
 */
int trace_trap_kill(struct trace *t, struct trace_tracee *th, uint32_t action)
{
	const struct trace_abi *abi = trace_regs_kill_abi(th->arch, th->nr);
	pid_t tid = th->pub.tid;
	long rip;
	int rc;

	if (!abi)
		return -EOPNOTSUPP;
	rc = trace_regs_setup_kill(tid, th->arch, th->nr, action);
	if (rc < 0)
		return rc;
	errno = 0;
	rip = ptrace(PTRACE_PEEKUSER, tid,
		     offsetof(struct user_regs_struct, rip), 0L);
	if (errno)
		return -errno;
	if (ptrace(PTRACE_POKEUSER, tid, offsetof(struct user_regs_struct, rax),
		   (long)abi->nr_seccomp) < 0)
		return -errno;
	return trace_trap_step(t, th, TRACE_STEP_KILL, abi->nr_seccomp,
			       (uint64_t)rip + abi->insn_len);
}

/* The kill filter is in (rval 0): run the syscall instruction again. */
static void kill_finish(struct trace_tracee *th, int64_t rval)
{
	const struct trace_abi *abi = trace_regs_abi(th->arch, th->nr);
	pid_t tid = th->pub.tid;
	long rip;

	errno = 0;
	rip = ptrace(PTRACE_PEEKUSER, tid,
		     offsetof(struct user_regs_struct, rip), 0L);
	if (rval != 0 || errno || !abi ||
	    ptrace(PTRACE_POKEUSER, tid, offsetof(struct user_regs_struct, rip),
		   rip - (long)abi->insn_len) < 0) {
		kill(th->pub.pid, SIGKILL);
		trace_resume(th, 0);
		return;
	}
	trace_resume(th, 0);
	th->pub.state = TRACE_KILLING;
}

bool trace_trap_stop(struct trace *t, struct trace_tracee *th, int status)
{
	bool sysstop =
		(status >> 16) == 0 && WSTOPSIG(status) == (SIGTRAP | 0x80);
	struct __ptrace_syscall_info info = {0};
	enum trace_step kind = th->step;
	pid_t tid = th->pub.tid;

	if (sysstop && trace_syscall_info(tid, &info) == -ESRCH)
		return true; /* killed meanwhile: its exit follows */
	if (sysstop && !th->step_entered &&
	    info.op == PTRACE_SYSCALL_INFO_ENTRY &&
	    (int)info.entry.nr == th->step_nr &&
	    info.instruction_pointer == th->step_ip) {
		/* our call, past seccomp: stop once more after it */
		th->step_entered = true;
		if (ptrace(PTRACE_SYSCALL, tid, 0L, 0L) < 0)
			set_suspended(tid, false);
		return true;
	}
	/* Any other stop ends the suspension, before the thread runs on:
	 * a call of its own from here on is judged by the filters. */
	th->step = TRACE_STEP_NONE;
	set_suspended(tid, false);
	if (kind == TRACE_STEP_REPAIR)
		return trace_repair_stop(t, th, sysstop, &info);
	if (kind == TRACE_STEP_KILL) {
		if (sysstop && th->step_entered &&
		    info.op == PTRACE_SYSCALL_INFO_EXIT) {
			kill_finish(th, info.exit.rval);
		} else {
			/* something came first: the fallback */
			kill(th->pub.pid, SIGKILL);
			trace_resume(th, 0);
		}
		return true;
	}
	if (!sysstop) {
		/* A signal before our call's entry: it is delivered, and the
		 * call, not yet run, traps again on the way back. */
		th->retrap = !th->step_entered;
		return false; /* exec, fork, a signal: handled as usual */
	}
	/* the exit of our call, or the entry of another call (a signal
	 * handler's) that seccomp now judges */
	trace_resume(th, 0);
	return true;
}

void trace_trap_exec(struct trace_tracee *th)
{
	if (th->step == TRACE_STEP_NONE)
		return;
	th->step = TRACE_STEP_NONE;
	set_suspended(th->pub.tid, false);
}

void trace_trap_first_stop(struct trace *t, pid_t tid)
{
	if (t->suspend_used)
		set_suspended(tid, false);
}

int trace_trap_signal(struct trace *t, pid_t tid, uint16_t data)
{
	struct trace_tracee *th = trace_tracee_get(t, tid);
	siginfo_t si;

	if (!th)
		return -ESRCH;
	if (!trace_is_trapped(th))
		return -EINVAL;
	/* a repair used the signal up: the caller's fallback sends one */
	if (th->held_gone)
		return -EAGAIN;
	if (ptrace(PTRACE_GETSIGINFO, tid, 0L, &si) < 0)
		return -errno;
	/* what the profile's own TRAP would carry, not our rule id */
	si.si_errno = data;
	if (ptrace(PTRACE_SETSIGINFO, tid, 0L, &si) < 0)
		return -errno;
	return trace_signal_resume(t, tid, SIGSYS);
}

/* --- can it work here? ---------------------------------------------------- */

/* A numeric field of /proc/self/status (base 10, or 16 for Cap*). */
static bool self_status(const char *name, int base, unsigned long long *out)
{
	char key[32], *buf, *p;
	bool found;
	size_t len;

	if (read_file("/proc/self/status", 65536, &buf, &len, NULL) < 0)
		return false;
	snprintf(key, sizeof(key), "\n%s:", name);
	p = strstr(buf, key);
	found = p &&
		sscanf(p + strlen(key), base == 16 ? "%llx" : "%llu", out) == 1;
	free(buf);
	return found;
}

static int probe_why(int e, bool suspend, struct err *err)
{
	unsigned long long tracer = 0, caps = 0, mode = 0;

	if (self_status("TracerPid", 10, &tracer) && tracer)
		return err_set(
			err, e,
			"seccompdbg is itself traced (by pid %llu) by a tracer that follows its children: ptrace cannot attach the program",
			tracer);
	if (!suspend || e != EPERM)
		return err_set(
			err, e, "ptrace cannot attach a child here: %s%s",
			strerror(e),
			suspend && e == EINVAL
				? " (no PTRACE_O_SUSPEND_SECCOMP: a kernel without CONFIG_CHECKPOINT_RESTORE)"
				: "");
	if (self_status("CapEff", 16, &caps) && !(caps & (1ull << 21)))
		return err_set(
			err, e,
			"allowing a trapped call needs PTRACE_O_SUSPEND_SECCOMP, which needs CAP_SYS_ADMIN (run as root)");
	if (self_status("Seccomp", 10, &mode) && mode)
		return err_set(
			err, e,
			"allowing a trapped call needs PTRACE_O_SUSPEND_SECCOMP, which the kernel refuses to a tracer under seccomp itself");
	return err_set(err, e, "PTRACE_O_SUSPEND_SECCOMP refused: %s",
		       strerror(e));
}

int trace_probe(bool suspend, struct err *err)
{
	long opts = suspend ? PTRACE_O_SUSPEND_SECCOMP : 0;
	pid_t pid = fork();
	int rc = 0;

	if (pid == 0) {
		pause();
		_exit(0);
	}
	if (pid < 0)
		return err_set(err, errno, "fork: %s", strerror(errno));
	if (ptrace(PTRACE_SEIZE, pid, 0L, opts) < 0)
		rc = -errno;
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, __WALL) < 0 && errno == EINTR)
		;
	return rc < 0 ? probe_why(-rc, suspend, err) : 0;
}

bool trace_runs_i386(struct err *err)
{
	pid_t pid = fork();
	int status = 0;

	if (pid == 0) {
		long ret;

		/* i386 getpid is 20 */
		__asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
		_exit(ret == getpid() ? 0 : 1);
	}
	if (pid < 0) {
		err_set(err, errno, "fork: %s", strerror(errno));
		return false;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return true;
	if (WIFSIGNALED(status))
		err_set(err, ENOEXEC, "int $0x80 was killed by SIG%s",
			sigabbrev_np(WTERMSIG(status)) ?: "?");
	else
		err_set(err, ENOEXEC, "int $0x80 did not return getpid()");
	return false;
}
