// SPDX-License-Identifier: Apache-2.0
/*
 * TRAP mode keeps SIGSYS the program's (docs/modes.md, "The program's
 * SIGSYS handler"). Our filter traps with SIGSYS; when the thread blocks
 * it, or the process ignores it, the kernel first puts its action back
 * to the default for the whole process and unblocks it in the thread
 * (force_sig_info_to_task, kernel/signal.c). We answer that SIGSYS
 * ourselves, so all the program would get of it is the damage: its own
 * handler gone, and a core dump at the next SIGSYS of its own filter.
 * glibc blocks every signal around the clone of pthread_create, and
 * Chromium's sandbox handles its own SIGSYS and makes threads.
 *
 * So the tracer keeps each process's SIGSYS action as the program set
 * it: every call that may set it stops at the watch of the TRAP filter
 * (compile_watch_sigsys), where the new action is read, and kept if the
 * call is let run; a forked child starts with its parent's; an exec drops
 * a handler, as the kernel does. After each trap of ours, /proc/TID/status
 * tells whether the process still catches (or ignores) SIGSYS as kept.
 * When it does not, a trap of ours reset it (this one, or another
 * thread's just before): the thread runs rt_sigaction(SIGSYS, the kept
 * action) at its syscall instruction, with seccomp suspended as an
 * allowed call is re-run (trap.c), its registers go back to the trap's,
 * and only then is the trap reported (repaired set), or, when the trap
 * was the program's own, the call is made again, to trap again and reach
 * the handler with the kernel's own siginfo.
 *
 * What is not put back: SIGSYS stays unblocked in the thread whose trap
 * reset it (which thread that was is lost: the kernel unblocks it as it
 * resets), until the program sets its mask again (glibc does, right
 * after its clone).
 */
#include <errno.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>

#include "internal.h"

#define X32_SYSCALL_BIT 0x40000000
#define SIGSYS_BIT	(1ull << (SIGSYS - 1))
#define HANDLER_DFL	0u
#define HANDLER_IGN	1u

/* --- the action a call sets ------------------------------------------------ */

static uint32_t u32_at(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t u64_at(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/*
 * The action rt_sigaction, sigaction or signal (the watch's calls) of
 * ARCH and NR sets, from ARGS and the tracee's memory: 1 and *out, 0
 * when the call sets none (a NULL act: it only asks), -EFAULT.
 */
static int read_action(pid_t tid, uint32_t arch, int nr, const uint64_t *args,
		       struct trace_sigact *out)
{
	bool compat = arch == AUDIT_ARCH_I386 || (nr & X32_SYSCALL_BIT);
	unsigned char buf[32];
	size_t len;

	memset(out, 0, sizeof(*out));
	if (arch == AUDIT_ARCH_I386 && nr == 48) { /* signal(sig, handler) */
		out->handler = (uint32_t)args[1];
		out->flags = SA_RESETHAND | SA_NODEFER;
		return 1;
	}
	if (!args[1])
		return 0;
	/* compat_old_sigaction (i386's sigaction), compat_sigaction, or
	 * the x86_64 kernel's struct sigaction */
	len = arch == AUDIT_ARCH_I386 && nr == 67 ? 16 : compat ? 20 : 32;
	if (trace_mem_read(tid, args[1], buf, len) != (ssize_t)len)
		return -EFAULT;
	if (len == 16) {
		out->handler = u32_at(buf);
		out->mask = u32_at(buf + 4);
		out->flags = u32_at(buf + 8);
		out->restorer = u32_at(buf + 12);
	} else if (compat) {
		out->handler = u32_at(buf);
		out->flags = u32_at(buf + 4);
		out->restorer = u32_at(buf + 8);
		out->mask = u64_at(buf + 12);
	} else {
		out->handler = u64_at(buf);
		out->flags = u64_at(buf + 8);
		out->restorer = u64_at(buf + 16);
		out->mask = u64_at(buf + 24);
	}
	return 1;
}

int trace_sigsys_seen(struct trace *t, const struct trace_event *ev)
{
	struct trace_tracee *th = trace_tracee_get(t, ev->tid);
	int rc;

	if (!th)
		return -ESRCH;
	th->sigsys_pending = false;
	rc = read_action(ev->tid, ev->seccomp.arch, ev->seccomp.nr,
			 ev->seccomp.args, &th->sigsys_new);
	if (rc < 0)
		return rc;
	th->sigsys_pending = rc == 1;
	return 0;
}

void trace_sigsys_commit(struct trace_tracee *th, bool ran)
{
	if (th->sigsys_pending && ran) {
		th->proc->sigsys = th->sigsys_new;
		th->proc->sigsys_own = true;
		th->proc->sigsys_broken = false;
	}
	th->sigsys_pending = false;
}

void trace_sigsys_inherit(const struct trace_tracee *parent,
			  struct trace_tracee *child)
{
	if (child->proc == parent->proc || child->proc->sigsys_own)
		return;
	child->proc->sigsys = parent->proc->sigsys;
}

void trace_sigsys_exec(struct trace_proc *p)
{
	uint64_t handler = p->sigsys.handler;

	/* flush_signal_handlers: a handler becomes the default, an
	 * ignore stays, the rest is cleared */
	memset(&p->sigsys, 0, sizeof(p->sigsys));
	p->sigsys.handler = handler == HANDLER_IGN ? HANDLER_IGN : HANDLER_DFL;
	p->sigsys_broken = false;
}

void trace_sigsys_delivered(struct trace_tracee *th)
{
	struct trace_sigact *a = &th->proc->sigsys;

	/* SA_RESETHAND: the kernel resets it as it runs the handler */
	if (a->handler > HANDLER_IGN && (a->flags & SA_RESETHAND))
		a->handler = HANDLER_DFL;
}

/* --- putting it back --------------------------------------------------------- */

/* SigIgn and SigCgt of TID's process, from /proc. */
static bool proc_sigs(pid_t tid, uint64_t *ign, uint64_t *cgt)
{
	char path[64], *buf, *p, *q;
	unsigned long long a = 0, b = 0;
	bool ok;
	size_t len;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	if (read_file(path, 65536, &buf, &len, NULL) < 0)
		return false;
	p = strstr(buf, "\nSigIgn:");
	q = strstr(buf, "\nSigCgt:");
	ok = p && q && sscanf(p + 8, "%llx", &a) == 1 &&
	     sscanf(q + 8, "%llx", &b) == 1;
	free(buf);
	*ign = a;
	*cgt = b;
	return ok;
}

/* Is the action kept in WANT no longer the process's? */
static bool was_reset(pid_t tid, const struct trace_sigact *want)
{
	uint64_t ign = 0, cgt = 0;

	if (!proc_sigs(tid, &ign, &cgt))
		return false;
	return want->handler == HANDLER_IGN ? !(ign & SIGSYS_BIT)
					    : !(cgt & SIGSYS_BIT);
}

/* A as the struct rt_sigaction of ABI reads: its length, or 0 when a
 * 32-bit one cannot hold it. */
static size_t action_layout(const struct trace_abi *abi,
			    const struct trace_sigact *a, unsigned char *buf)
{
	uint32_t w[3] = {(uint32_t)a->handler, (uint32_t)a->flags,
			 (uint32_t)a->restorer};

	if (abi->ptr_size == 8) {
		memcpy(buf, &a->handler, 8);
		memcpy(buf + 8, &a->flags, 8);
		memcpy(buf + 16, &a->restorer, 8);
		memcpy(buf + 24, &a->mask, 8);
		return 32;
	}
	if (a->handler > UINT32_MAX || a->restorer > UINT32_MAX)
		return 0;
	memcpy(buf, w, sizeof(w));
	memcpy(buf + 12, &a->mask, 8);
	return 20;
}

/* The trapped call of TH becomes rt_sigaction(SIGSYS, kept, NULL, 8)
 * at its syscall instruction (the kill's way: regs.c). */
static int call_setup(struct trace_tracee *th, const struct trace_abi *abi,
		      struct user_regs_struct *regs)
{
	unsigned char buf[32];
	size_t len = action_layout(abi, &th->proc->sigsys, buf);
	uint64_t at = (regs->rsp - 128 - 64) & ~(uint64_t)15;
	int nr = abi->token == AUDIT_ARCH_I386 ? 174 : 13;

	if (!len || trace_mem_write(th->pub.tid, at, buf, len) != (ssize_t)len)
		return -EFAULT;
	if (abi->token == AUDIT_ARCH_I386) {
		regs->rbx = SIGSYS;
		regs->rcx = at;
		regs->rdx = 0;
		regs->rsi = 8;
	} else {
		regs->rdi = SIGSYS;
		regs->rsi = at;
		regs->rdx = 0;
		regs->r10 = 8;
	}
	regs->rax = regs->orig_rax = (uint64_t)nr;
	regs->rip -= abi->insn_len;
	return nr;
}

int trace_trap_repair(struct trace *t, const struct trace_event *ev, bool rerun)
{
	struct trace_tracee *th = trace_tracee_get(t, ev->tid);
	const struct trace_abi *abi;
	struct user_regs_struct regs;
	struct trace_repair *r;
	int nr, rc;

	if (!th)
		return -ESRCH;
	if (!trace_is_trapped(th) || th->held_gone)
		return -EINVAL;
	if (th->proc->sigsys.handler == HANDLER_DFL ||
	    th->proc->sigsys_broken ||
	    !was_reset(th->pub.tid, &th->proc->sigsys))
		return 0;
	/* x32 calls put it back through x86_64's rt_sigaction, as they
	 * are killed (regs.c) */
	abi = trace_regs_kill_abi(th->arch, th->nr);
	if (!abi)
		return 0;
	r = xcalloc(1, sizeof(*r));
	if (ptrace(PTRACE_GETREGS, th->pub.tid, 0L, &r->regs) < 0) {
		free(r);
		return -errno;
	}
	regs = r->regs;
	nr = call_setup(th, abi, &regs);
	if (nr < 0 || ptrace(PTRACE_SETREGS, th->pub.tid, 0L, &regs) < 0) {
		/* it stays as the kernel left it */
		th->proc->sigsys_broken = true;
		free(r);
		return 0;
	}
	r->ev = *ev;
	r->rerun = rerun;
	r->insn_len = abi->insn_len;
	th->repair = r;
	rc = trace_trap_step(t, th, TRACE_STEP_REPAIR, nr, r->regs.rip);
	if (rc < 0) {
		ptrace(PTRACE_SETREGS, th->pub.tid, 0L, &r->regs);
		th->repair = NULL;
		free(r);
		return rc;
	}
	return 1;
}

bool trace_repair_stop(struct trace *t, struct trace_tracee *th, bool sysstop,
		       const struct __ptrace_syscall_info *info)
{
	struct trace_repair *r = th->repair;
	struct user_regs_struct regs;
	struct trace_event *ev;

	th->repair = NULL;
	if (sysstop && th->step_entered &&
	    info->op == PTRACE_SYSCALL_INFO_EXIT && !r->rerun) {
		if (info->exit.rval != 0)
			th->proc->sigsys_broken = true; /* no second try */
		/* back to the trap, which waits for its answer here, at
		 * the exit of the call we ran in its place */
		if (ptrace(PTRACE_SETREGS, th->pub.tid, 0L, &r->regs) == 0) {
			th->pub.state = TRACE_SIGNAL_STOPPED;
			th->held_sig = SIGSYS;
			th->held_code = SYS_SECCOMP;
			th->held_gone = true;
			ev = trace_event_push(t, TRACE_EV_SECCOMP, th);
			ev->seccomp = r->ev.seccomp;
			ev->seccomp.repaired = true;
		}
		free(r);
		return true;
	}
	if (sysstop && th->step_entered &&
	    info->op == PTRACE_SYSCALL_INFO_EXIT && info->exit.rval != 0)
		th->proc->sigsys_broken = true;
	/* The program's own trap (rerun), or something came first (a
	 * signal, before the call ran): the trapped call goes back onto its
	 * instruction, and traps again. */
	regs = r->regs;
	regs.rip -= r->insn_len;
	regs.rax = regs.orig_rax;
	ptrace(PTRACE_SETREGS, th->pub.tid, 0L, &regs);
	free(r);
	if (!sysstop)
		return false;
	trace_resume(th, 0);
	return true;
}
