// SPDX-License-Identifier: Apache-2.0
/*
 * From wait statuses to events. trace_next() pops a queue; when it is
 * empty it takes the next status with waitpid(-1, __WALL | WNOHANG),
 * the first of a round after a read of the signalfd, and classifies it
 * (the shape of strace's next_event): one status gives zero or more
 * events, and every stop that needs no decision is restarted here, at
 * once, so a tracee never sits stopped waiting for the session unless it
 * has something to decide (a seccomp stop, a held signal) or is stopped
 * on purpose (group-stop, in PTRACE_LISTEN). The caller must call it
 * until it returns 0 before it polls trace_fd() again: a round that is
 * not over may hold statuses whose SIGCHLD was already read.
 *
 * Orderings the kernel allows and we handle:
 * - an auto-attached child may report its first stop before or after
 *   its parent's fork/vfork/clone event: whichever comes first registers
 *   it (reading its Tgid and PPid from /proc) and emits TRACE_EV_NEW;
 *   its whole life may come first, and then the event names a zombie,
 *   which is not registered (trace_proc_ids);
 * - after an exec from a non-leader thread, the thread reports with the
 *   leader's id and PTRACE_GETEVENTMSG gives its former id; the other
 *   threads are gone, and their death reports may come before the exec
 *   event (then they are ordinary exits) or after it (then they name
 *   threads we already forgot: reaped silently).
 */
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

/* Statuses per drain: a program that stops without end (a signal storm)
 * must not keep the session from its terminal. */
#define DRAIN_MAX 256

static void event_init(struct trace_event *ev, enum trace_event_kind kind,
		       const struct trace_tracee *th)
{
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->tid = th->pub.tid;
	ev->pid = th->pub.pid;
}

static void event_queue(struct trace *t, const struct trace_event *ev)
{
	xgrow(&t->queue, &t->qcap, t->qlen + 1, sizeof(*t->queue));
	t->queue[t->qlen++] = *ev;
}

struct trace_event *trace_event_push(struct trace *t, enum trace_event_kind k,
				     const struct trace_tracee *th)
{
	xgrow(&t->queue, &t->qcap, t->qlen + 1, sizeof(*t->queue));
	event_init(&t->queue[t->qlen], k, th);
	return &t->queue[t->qlen++];
}

/* A thread that is gone without a status of its own (exec took it). */
static void vanish(struct trace *t, struct trace_tracee *th)
{
	struct trace_event ev;

	event_init(&ev, TRACE_EV_EXIT, th);
	trace_tracee_remove(t, th);
	event_queue(t, &ev);
}

/* Some thread of th's process other than th, or NULL. */
static struct trace_tracee *other_thread(const struct trace_tracee *th)
{
	struct trace_tracee *o = th->proc->threads;

	return o != th ? o : th->sibling;
}

/* A tracee we see for the first time: table, then TRACE_EV_NEW. */
static struct trace_tracee *adopt(struct trace *t, pid_t tid,
				  enum trace_state state)
{
	struct trace_tracee *th = trace_tracee_add(t, tid, state);
	struct trace_event ev;

	if (!th)
		return NULL;
	event_init(&ev, TRACE_EV_NEW, th);
	ev.new.ppid = th->proc->pub.ppid;
	ev.new.is_thread = tid != th->pub.pid;
	event_queue(t, &ev);
	return th;
}

static void on_exit_status(struct trace *t, pid_t tid, int status)
{
	struct trace_tracee *th = trace_tracee_get(t, tid), *o;
	struct trace_event ev;

	/* Unknown: a thread an exec took, or an untraced orphan. */
	if (!th)
		return;
	event_init(&ev, TRACE_EV_EXIT, th);
	ev.exit.reaped = true;
	ev.exit.status = status;
	if (th->pub.launching)
		trace_launch_result(t, &ev.exit.launch_stage,
				    &ev.exit.launch_errno);
	if (tid == th->pub.pid) {
		/* The leader reports last: its process is over. */
		while ((o = other_thread(th)))
			vanish(t, o);
		ev.exit.process_gone = true;
		if (tid == t->first_pid) {
			t->first_exited = true;
			t->first_status = status;
		}
	}
	trace_tracee_remove(t, th);
	event_queue(t, &ev);
}

static void on_new_child(struct trace *t, struct trace_tracee *th)
{
	unsigned long msg;

	struct trace_tracee *child = NULL;

	if (ptrace(PTRACE_GETEVENTMSG, th->pub.tid, 0L, &msg) == 0) {
		child = trace_tracee_get(t, (pid_t)msg);
		if (!child)
			child = adopt(t, (pid_t)msg, TRACE_STARTING);
	}
	if (child)
		trace_sigsys_inherit(th, child);
	trace_resume(th, 0);
}

/* The exec'ing thread takes over the leader's id; drop the others. */
static struct trace_tracee *exec_take_leader(struct trace *t,
					     struct trace_tracee *leader,
					     pid_t tid, pid_t former)
{
	struct trace_tracee *th = trace_tracee_get(t, former);

	if (!th)
		return leader;
	if (leader)
		vanish(t, leader);
	hmap_remove(&t->threads, (uint64_t)former, NULL);
	th->pub.tid = tid;
	hmap_add(&t->threads, (uint64_t)tid, th);
	return th;
}

static void on_exec(struct trace *t, struct trace_tracee *th)
{
	struct trace_tracee *o;
	struct trace_event ev;
	unsigned long former;
	pid_t tid = th->pub.tid;

	if (ptrace(PTRACE_GETEVENTMSG, tid, 0L, &former) < 0)
		former = (unsigned long)tid;
	if ((pid_t)former != tid)
		th = exec_take_leader(t, th, tid, (pid_t)former);
	while ((o = other_thread(th)))
		vanish(t, o);
	if (th->pub.launching) {
		th->pub.launching = false;
		trace_launch_done(t);
	}
	trace_trap_exec(th);
	trace_sigsys_exec(th->proc);
	trace_proc_refresh(th->proc);
	event_init(&ev, TRACE_EV_EXEC, th);
	ev.exec.former_tid = (pid_t)former;
	event_queue(t, &ev);
	trace_resume(th, 0);
}

static void on_seccomp(struct trace *t, struct trace_tracee *th)
{
	struct __ptrace_syscall_info info = {0};
	struct trace_event ev;

	th->pub.state = TRACE_SECCOMP_STOPPED;
	if (trace_syscall_info(th->pub.tid, &info) == -ESRCH)
		return; /* killed meanwhile: its exit follows */
	if (info.op != PTRACE_SYSCALL_INFO_SECCOMP) {
		/* A call we cannot describe: refuse it as the kernel does
		 * without a tracer, never let it through unseen. */
		trace_deny(t, th->pub.tid, ENOSYS);
		return;
	}
	th->arch = info.arch;
	th->nr = (int)info.seccomp.nr;
	event_init(&ev, TRACE_EV_SECCOMP, th);
	ev.seccomp.arch = info.arch;
	ev.seccomp.nr = (int)info.seccomp.nr;
	memcpy(ev.seccomp.args, info.seccomp.args, sizeof(ev.seccomp.args));
	ev.seccomp.ip = info.instruction_pointer;
	ev.seccomp.sp = info.stack_pointer;
	ev.seccomp.ret_data = (uint16_t)info.seccomp.ret_data;
	ev.seccomp.launching = th->pub.launching;
	event_queue(t, &ev);
}

static void on_signal(struct trace *t, struct trace_tracee *th, int sig)
{
	struct trace_event ev;

	event_init(&ev, TRACE_EV_SIGNAL, th);
	ev.signal.sig = sig;
	if (ptrace(PTRACE_GETSIGINFO, th->pub.tid, 0L, &ev.signal.info) < 0)
		return; /* killed meanwhile */
	if (trace_trap_event(t, th, sig, &ev.signal.info))
		return;
	ev.signal.held = sigismember(&t->hold, sig) == 1;
	event_queue(t, &ev);
	if (ev.signal.held) {
		th->pub.state = TRACE_SIGNAL_STOPPED;
		th->held_sig = sig;
		th->held_code = ev.signal.info.si_code;
		return;
	}
	trace_resume(th, sig);
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

/*
 * PTRACE_EVENT_STOP: with a stopping signal, a group-stop, which
 * PTRACE_LISTEN keeps (the tracee stays stopped, but a SIGCONT wakes it
 * as it would without us); otherwise (SIGTRAP) the first stop of a new
 * tracee or the notice that a SIGCONT ended the group-stop: run on.
 */
static void on_event_stop(struct trace *t, struct trace_tracee *th, int sig)
{
	struct trace_event ev;

	if (!is_stop_signal(sig)) {
		trace_resume(th, 0);
		return;
	}
	if (ptrace(PTRACE_LISTEN, th->pub.tid, 0L, 0L) < 0)
		return;
	th->pub.state = TRACE_GROUP_STOPPED;
	event_init(&ev, TRACE_EV_GROUP_STOP, th);
	ev.group_stop.sig = sig;
	event_queue(t, &ev);
}

static void on_stop(struct trace *t, pid_t tid, int status)
{
	struct trace_tracee *th = trace_tracee_get(t, tid);
	int sig = WSTOPSIG(status), event = status >> 16;

	if (!th && (th = adopt(t, tid, TRACE_STARTING)) == NULL)
		return;
	if (th->pub.state == TRACE_STARTING) {
		th->pub.state = TRACE_RUNNING;
		trace_trap_first_stop(t, tid);
	}
	if (th->step != TRACE_STEP_NONE && trace_trap_stop(t, th, status))
		return;
	switch (event) {
	case PTRACE_EVENT_SECCOMP:
		on_seccomp(t, th);
		break;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		on_new_child(t, th);
		break;
	case PTRACE_EVENT_EXEC:
		on_exec(t, th);
		break;
	case PTRACE_EVENT_STOP:
		on_event_stop(t, th, sig);
		break;
	case 0:
		if (sig != (SIGTRAP | 0x80))
			on_signal(t, th, sig);
		else if (th->pub.state == TRACE_KILLING)
			trace_kill_step(th);
		else
			trace_resume(th, 0);
		break;
	default:
		trace_resume(th, 0);
		break;
	}
}

/* One status of TID: its events queued, stops that need no decision
 * restarted. */
static void classify(struct trace *t, pid_t tid, int status)
{
	if (WIFSTOPPED(status))
		on_stop(t, tid, status);
	else if (WIFEXITED(status) || WIFSIGNALED(status))
		on_exit_status(t, tid, status);
}

/*
 * Whether the status of TID just taken was the last one the round must
 * take, which saves the waitpid that would find nothing. Every status
 * pending when the round read the signalfd must be taken before the
 * caller polls again; a later one raises a SIGCHLD of its own. A thread
 * has one status pending at most, and a new thread is known from its
 * parent's event before it can be missed (or its first stop came first).
 * So when the table holds a single thread and this round took its
 * status, no thread we know can have an older one. Threads we no longer
 * know (destroyed by an exec, reaped silently) or never knew (untraced
 * orphans) might: the exec's round goes on to reap them, and the others
 * are reaped by a later round or by trace_free. The hot path: one thread
 * that stops again and again.
 */
static bool is_round_done(const struct trace *t, pid_t tid, int status)
{
	return t->nthreads == 1 && trace_tracee_get(t, tid) &&
	       status >> 16 != PTRACE_EVENT_EXEC;
}

/*
 * One status of the current round: 1 when it was taken (its events, if
 * any, are queued), 0 when none is left (the round is over), -errno.
 */
static int take_status(struct trace *t)
{
	int status;
	pid_t tid;

	for (;;) {
		tid = waitpid(-1, &status, __WALL | WNOHANG);
		if (tid > 0)
			break;
		if (tid < 0 && errno == EINTR)
			continue;
		if (tid < 0 && errno != ECHILD)
			return -errno;
		return 0;
	}
	classify(t, tid, status);
	t->round_done = is_round_done(t, tid, status);
	return 1;
}

/*
 * A round starts with a read of the signalfd: a SIGCHLD that comes after
 * it is either for a status this round still takes or keeps the
 * descriptor readable. One read does: SIGCHLD is a standard signal,
 * pending at most once. The round then takes one status per call, so
 * the caller answers a stop before the next waitpid: on the hot path
 * that next waitpid often finds the thread stopped again, with no poll
 * and no read in between, and when it finds nothing the round is over.
 */
static int next_status(struct trace *t)
{
	struct signalfd_siginfo si; /* one: SIGCHLD is all it carries */
	int rc;

	if (t->in_round && t->round_done) {
		t->in_round = false;
		return 0;
	}
	if (!t->in_round) {
		if (read(t->sigfd, &si, sizeof(si)) < 0) {
			/* EAGAIN: nothing pending; waitpid decides anyway */
		}
		t->in_round = true;
		t->round_done = false;
		t->round_statuses = 0;
	}
	do {
		if (t->round_statuses == DRAIN_MAX) {
			/* More may wait: keep trace_fd() readable. */
			kill(getpid(), SIGCHLD);
			rc = 0;
			break;
		}
		rc = take_status(t);
		t->round_statuses += rc == 1;
	} while (rc == 1 && t->qhead == t->qlen);
	if (rc <= 0)
		t->in_round = false;
	return rc;
}

int trace_next(struct trace *t, struct trace_event *ev)
{
	int rc;

	if (t->qhead == t->qlen) {
		t->qhead = t->qlen = 0;
		rc = next_status(t);
		if (rc <= 0)
			return rc;
	}
	*ev = t->queue[t->qhead++];
	return 1;
}

/*
 * The loop of a session that waits for nothing but its tracees sleeps in
 * waitpid itself: one system call to sleep and take a status, where the
 * poll loop makes three (poll, the signalfd's read, waitpid). SIGCHLD
 * stays blocked and pending on the signalfd meanwhile: a standard signal
 * is queued once, so the later ones cost the kernel nothing, and a poll
 * after this finds the descriptor readable and a round with nothing in
 * it.
 */
int trace_wait(struct trace *t, struct trace_event *ev)
{
	int status;
	pid_t tid;

	t->in_round = false;
	if (t->qhead == t->qlen) {
		t->qhead = t->qlen = 0;
		tid = waitpid(-1, &status, __WALL);
		if (tid < 0)
			return -errno;
		classify(t, tid, status);
		if (t->qhead == t->qlen)
			return 0;
	}
	*ev = t->queue[t->qhead++];
	return 1;
}
