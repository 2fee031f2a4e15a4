// SPDX-License-Identifier: Apache-2.0
/*
 * NOTIFY mode in the session: the listener is one more descriptor of
 * the loop, and each notification becomes the seccomp event a TRACE
 * stop would have given, so stop.c and decide.c handle it the same way.
 *
 * What ptrace gave for free is rebuilt from /proc: the process (tgid,
 * parent, name, executable), the stack pointer (/proc/TID/syscall) and
 * a backtrace walked from the stack alone (unwind_capture_blocked), or
 * at least the call site (unwind_capture_ip). Memory is read with process_vm_readv while
 * the thread waits, so the denial is marked racy: the program's other
 * threads can change it after we read and before the call runs.
 *
 * A waiting call can go away without a word (a signal interrupts it, a
 * SIGKILL ends it). A call that comes back (a restart after a handler or
 * a stop) is the same denial; one whose thread went on without it
 * (EINTR) or ended is GONE, seen by the same thread's next call, or by a
 * look at every waiting call after each wake-up of the loop (every
 * 100 ms while some wait: notify_next_gone).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "internal.h"
#include "seccompdbg/notify.h"

/* How often waiting calls are checked for having gone away (ms). */
#define SWEEP_MS 100

/* What the mode keeps (s->mode_data). */
struct listening {
	struct notify *listener; /* once taken from the child */
	struct compile_bpf ids;	 /* the TRAP program: rule ids of calls */
	int sync[2];		 /* the child waits on it for the take */
	pid_t parent;		 /* us, for the child's PDEATHSIG check */
};

static struct listening *state(const struct session *s)
{
	return s->mode_data;
}

static int notify_mode_prepare(struct session *s, struct err *err)
{
	struct listening *l = xcalloc(1, sizeof(*l));
	int rc;

	l->sync[0] = l->sync[1] = -1;
	s->mode_data = l;
	rc = compile_filter(s->resolved, COMPILE_NOTIFY, &s->bpf, err);
	/* A notification carries no rule id: the TRAP program, run on the
	 * call, names the one the loaded filter decided by. */
	if (rc == 0)
		rc = compile_filter(s->resolved, COMPILE_TRAP, &l->ids, err);
	return rc;
}

static int notify_mode_start(struct session *s, struct err *err)
{
	struct listening *l = state(s);

	l->parent = getpid();
	if (pipe2(l->sync, O_CLOEXEC) < 0)
		return err_set(err, errno, "pipe: %s", strerror(errno));
	return 0;
}

static int notify_mode_child(const struct session *s)
{
	const struct listening *l = state(s);
	char go;
	int fd;

	/* Without ptrace nothing takes the program with us if we are
	 * killed: this does for the first process (not past a setuid
	 * exec, and not for its children: docs/modes.md). */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != l->parent)
		return -ESRCH;
	close(l->sync[1]);
	fd = compile_install(&s->bpf, s->cfg.no_new_privs);
	if (fd < 0)
		return fd;
	/* Wait for the parent to take the listener (notify.h); this read
	 * is filtered already, and may be a notification itself. */
	if (read(l->sync[0], &go, 1) != 1)
		return -EPIPE;
	return 0;
}

/* Is the newest denial of C's thread pending, and C's very call? */
static bool is_pending(const struct session *s, const struct notify_call *c)
{
	size_t i;

	for (i = s->nentries; i-- > 0;) {
		const struct session_denial *d = &s->entries[i]->pub;

		if (d->tid != c->tid)
			continue;
		return d->state == SESSION_PENDING && d->arch == c->arch &&
		       d->nr == c->nr &&
		       !memcmp(d->args, c->args, sizeof(d->args));
	}
	return false;
}

int session_notify_event(struct session *s, struct notify *n,
			 const struct compile_bpf *ids,
			 const struct notify_call *c, struct trace_event *ev)
{
	pid_t ppid;

	*ev = (struct trace_event){.kind = TRACE_EV_SECCOMP, .tid = c->tid};
	/* A signal interrupted the waiting call and the call came back (a
	 * handler with SA_RESTART, a stop and continue, Go's SIGURG): the
	 * same denial, still pending, answered once, through this
	 * notification (notify.h keeps one per thread). */
	if (c->restarted && is_pending(s, c))
		return -EALREADY;
	/* one notification at a time per thread: the last one is over */
	if (c->replaced)
		session_on_exit(s, c->tid);
	if (trace_proc_ids(c->tid, &ev->pid, &ppid) < 0) {
		/* gone: drop it */
		notify_deny(n, c->tid, ENOSYS);
		return -ESRCH;
	}
	ev->seccomp.arch = c->arch;
	ev->seccomp.nr = c->nr;
	memcpy(ev->seccomp.args, c->args, sizeof(ev->seccomp.args));
	ev->seccomp.ip = c->ip;
	ev->seccomp.ret_data =
		(uint16_t)(session_filter_says(ids, ev) & SECCOMP_RET_DATA);
	return 0;
}

static void on_call(struct session *s, const struct notify_call *c)
{
	struct trace_event ev;

	if (session_notify_event(s, state(s)->listener, &state(s)->ids, c,
				 &ev) < 0)
		return;
	ev.seccomp.launching = c->tid == s->pid && trace_is_launching(s->trace);
	session_on_seccomp(s, &ev);
}

static void on_listener(void *ctx, int fd)
{
	struct session *s = ctx;
	struct notify_call c;
	size_t n = 0;
	int rc = 0;

	/* a bounded drain: under a storm of calls the loop must come back
	 * to its signals and its other descriptors (the fd stays ready) */
	while (n++ < SESSION_DRAIN_MAX &&
	       (rc = notify_recv(state(s)->listener, &c)) == 1)
		on_call(s, &c);
	/* no process uses the filter any more: stop polling it */
	if (rc == -EPIPE)
		session_watch(s, fd, NULL, NULL);
}

static int notify_mode_spawned(struct session *s, struct err *err)
{
	struct listening *l = state(s);
	int fd, rc;

	close(l->sync[0]);
	l->sync[0] = -1;
	rc = notify_take_listener(s->pid, &fd, err);
	/* -ESRCH: the child ended first; its exit event says why */
	if (rc == 0) {
		l->listener = notify_new(fd);
		session_watch(s, fd, on_listener, s);
		if (write(l->sync[1], "g", 1) != 1)
			rc = err_set(err, errno, "starting the program: %s",
				     strerror(errno));
	}
	close(l->sync[1]);
	l->sync[1] = -1;
	return rc == -ESRCH ? 0 : rc;
}

static int notify_mode_timeout(const struct session *s)
{
	const struct listening *l = state(s);

	return l->listener && notify_waiting(l->listener) ? SWEEP_MS : -1;
}

static void notify_mode_sweep(struct session *s)
{
	struct listening *l = state(s);
	pid_t tid;

	if (!l->listener)
		return;
	while ((tid = notify_next_gone(l->listener)))
		session_on_exit(s, tid);
}

static int notify_mode_allow(struct session *s, pid_t tid)
{
	return notify_allow(state(s)->listener, tid);
}

static int notify_mode_deny(struct session *s, pid_t tid, int err)
{
	return notify_deny(state(s)->listener, tid, err);
}

static int notify_mode_kill(struct session *s, pid_t pid, pid_t tid,
			    enum trace_kill_mode how)
{
	(void)how;
	return notify_kill(state(s)->listener, pid, tid);
}

/* Frame #0 alone, from the address the notification gave. */
static int unwind_call_site(struct session *s, const struct session_entry *e,
			    struct unwind_capture *cap)
{
	if (unwind_capture_ip(s->unwind, e->pub.pid, e->pub.ip, cap, NULL) < 0)
		return -ESRCH;
	cap->stopped = xstrdup("no stack walk: only the call site");
	return 0;
}

int session_notify_unwind(struct session *s, struct notify *n,
			  struct session_entry *e, struct unwind_capture *cap)
{
	int rc;

	e->pub.racy = true;
	notify_thread_sp(e->pub.tid, &e->pub.sp);
	/* no exec event without ptrace: what is cached of the process may
	 * be an earlier program's (its maps are read again: denials pay,
	 * remembered calls never unwind) */
	unwind_forget(s->unwind, e->pub.pid);
	rc = unwind_capture_blocked(s->unwind, e->pub.pid, e->pub.tid, cap,
				    NULL);
	e->pub.degraded =
		"no ptrace: the backtrace is walked from the stack alone, and may stop early";
	if (rc < 0) {
		rc = unwind_call_site(s, e, cap);
		e->pub.degraded = "no ptrace: no backtrace, only the call site";
	}
	/* after every read, before any answer: was it still this call? */
	if (!n || !notify_is_waiting(n, e->pub.tid))
		e->pub.degraded =
			"the thread left the call while it was read: the arguments shown may not be what it passed";
	return rc;
}

static int notify_mode_unwind(struct session *s, struct session_entry *e,
			      struct unwind_capture *cap)
{
	return session_notify_unwind(s, state(s)->listener, e, cap);
}

static void notify_mode_release(struct session *s)
{
	struct listening *l = state(s);

	if (!l)
		return;
	if (l->sync[0] >= 0)
		close(l->sync[0]);
	if (l->sync[1] >= 0)
		close(l->sync[1]);
	notify_free(l->listener);
	compile_bpf_release(&l->ids);
	free(l);
	s->mode_data = NULL;
}

const struct session_mode_ops session_mode_notify = {
	.name = "notify",
	.instead = "use --mode trace (or trap as root)",
	.traced = false,
	.probe = notify_probe,
	.prepare = notify_mode_prepare,
	.start = notify_mode_start,
	.child = notify_mode_child,
	.spawned = notify_mode_spawned,
	.stopped = session_on_seccomp,
	.timeout = notify_mode_timeout,
	.sweep = notify_mode_sweep,
	.allow = notify_mode_allow,
	.deny = notify_mode_deny,
	.kill = notify_mode_kill,
	.trap = session_mode_trap_by_tgkill,
	.unwind = notify_mode_unwind,
	.release = notify_mode_release,
};
