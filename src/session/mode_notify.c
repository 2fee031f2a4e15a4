// SPDX-License-Identifier: Apache-2.0
/*
 * NOTIFY mode in the session: the listener is one more descriptor of
 * the loop, and each notification becomes the seccomp event a TRACE
 * stop would have given, so stop.c and decide.c handle it the same way.
 *
 * What ptrace gave for free is rebuilt from /proc: the process (tgid,
 * parent, name, executable), the stack pointer (/proc/TID/syscall) and
 * a backtrace walked from the stack alone (unwind_blocked), or at least
 * the call site (unwind_ip). Memory is read with process_vm_readv while
 * the thread waits, so the denial is marked racy: the program's other
 * threads can change it after we read and before the call runs.
 *
 * A waiting call can go away without a word (a signal interrupts it, a
 * SIGKILL ends it): the same thread's next notification, a failed
 * answer, or a look at every waiting call after each wake-up of the loop
 * (every 100 ms while some wait) turns its denial GONE.
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* How often waiting calls are checked for having gone away (ms). */
#define SWEEP_MS 100

static void on_call(struct session *s, const struct notify_call *c)
{
	struct trace_event ev = {.kind = TRACE_EV_SECCOMP, .tid = c->tid};
	pid_t ppid;

	/* one notification at a time per thread: the last one is over */
	if (c->replaced)
		session_on_exit(s, c->tid);
	if (trace_proc_ids(c->tid, &ev.pid, &ppid) < 0) {
		notify_deny(s->notify, c->tid, ENOSYS); /* gone: drop it */
		return;
	}
	ev.seccomp.arch = c->arch;
	ev.seccomp.nr = c->nr;
	memcpy(ev.seccomp.args, c->args, sizeof(ev.seccomp.args));
	ev.seccomp.ip = c->ip;
	ev.seccomp.ret_data = (uint16_t)(session_filter_says(&s->ids, &ev) &
					 SECCOMP_RET_DATA);
	ev.seccomp.launching = c->tid == s->pid && trace_is_launching(s->trace);
	session_on_seccomp(s, &ev);
}

static void on_listener(void *ctx, int fd)
{
	struct session *s = ctx;
	struct notify_call c;
	int rc;

	while ((rc = notify_recv(s->notify, &c)) == 1)
		on_call(s, &c);
	/* no process uses the filter any more: stop polling it */
	if (rc == -EPIPE)
		session_watch(s, fd, NULL, NULL);
}

int session_mode_spawned(struct session *s, struct err *err)
{
	int fd, rc;

	if (s->cfg.mode != SESSION_NOTIFY)
		return 0;
	close(s->sync[0]);
	s->sync[0] = -1;
	rc = notify_take_listener(s->pid, &fd, err);
	/* -ESRCH: the child ended first; its exit event says why */
	if (rc == 0) {
		s->notify = notify_new(fd);
		session_watch(s, fd, on_listener, s);
		if (write(s->sync[1], "g", 1) != 1)
			rc = err_set(err, errno, "starting the program: %s",
				     strerror(errno));
	}
	close(s->sync[1]);
	s->sync[1] = -1;
	return rc == -ESRCH ? 0 : rc;
}

int session_mode_timeout(const struct session *s)
{
	return s->notify && notify_waiting(s->notify) ? SWEEP_MS : -1;
}

void session_mode_sweep(struct session *s)
{
	pid_t tid;

	if (!s->notify)
		return;
	while ((tid = notify_next_gone(s->notify)))
		session_on_exit(s, tid);
}

/* Frame #0 alone, from the address the notification gave. */
static int unwind_call_site(struct session *s, const struct session_entry *e,
			    struct unwind_backtrace *t)
{
	struct unwind_frame f;

	if (unwind_ip(s->unwind, e->pub.pid, e->pub.ip, &f, NULL) < 0)
		return -ESRCH;
	t->frames = xmalloc(sizeof(*t->frames));
	t->frames[0] = f;
	t->nframes = 1;
	t->stopped = xstrdup("no stack walk: only the call site");
	return 0;
}

int session_mode_unwind(struct session *s, struct session_entry *e,
			struct unwind_backtrace *t)
{
	int rc;

	if (!s->notify)
		return unwind_thread(s->unwind, e->pub.pid, e->pub.tid, t,
				     NULL);
	e->pub.racy = true;
	notify_thread_sp(e->pub.tid, &e->pub.sp);
	/* no exec event without ptrace: what is cached of the process may
	 * be an earlier program's (its maps are read again: denials pay,
	 * remembered calls never unwind) */
	unwind_forget(s->unwind, e->pub.pid);
	rc = unwind_blocked(s->unwind, e->pub.pid, e->pub.tid, t, NULL);
	e->pub.degraded =
		"no ptrace: the backtrace is walked from the stack alone, and may stop early";
	if (rc < 0) {
		rc = unwind_call_site(s, e, t);
		e->pub.degraded = "no ptrace: no backtrace, only the call site";
	}
	/* after every read, before any answer: was it still this call? */
	if (!notify_is_waiting(s->notify, e->pub.tid))
		e->pub.degraded =
			"the thread left the call while it was read: the arguments shown may not be what it passed";
	return rc;
}
