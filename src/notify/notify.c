// SPDX-License-Identifier: Apache-2.0
/*
 * The listener: receiving notifications and answering them. Each thread
 * has at most one call waiting (it is blocked in it), so the waiting
 * calls are kept by thread id, in a small array: a handful wait at once
 * (a person deciding), and a batch answer leaves none.
 *
 * The kernel never tells us that a waiting call went away: a signal
 * interrupts it, or a SIGKILL ends the thread, and its id just stops
 * being valid (SECCOMP_IOCTL_NOTIF_ID_VALID fails, SEND gives ENOENT).
 * An interrupted call is not always over, though. A handler with
 * SA_RESTART, a stop and continue (SIGSTOP, a debugger), or Go's
 * runtime preempting a goroutine with SIGURG make the thread run the
 * same call again, as a new notification: that is still the call the
 * person is looking at. Only a handler without SA_RESTART (the call
 * fails with EINTR and the thread goes on) or the thread's end make it
 * gone. So, for a stale id (notify_next_gone):
 *
 * - the thread has ended: gone;
 * - /proc/TID/syscall shows the thread in the same call, arguments and
 *   all: it is stopped before its restart, or its new notification is
 *   on its way: still waiting;
 * - anything else (running, or in another call): gone, once the same
 *   is seen again STALE_MS later, which is time for a signal handler to
 *   return and the call to come back.
 *
 * An answer that finds the id stale while the thread lives is kept, and
 * given to the same call when it comes back (notify_recv answers it
 * then, unseen by the caller): a decision is about a call, not about
 * one notification of it. It is kept for as long as the thread lives
 * and makes no other call, with no time limit: a handler on a loaded
 * machine may run for seconds.
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/* How long a stale call of a live thread, out of that call, may take to
 * come back before it is gone (ms): a handler's run. */
#define STALE_MS 100

struct notify_wait {
	pid_t tid;
	uint64_t id;
	uint32_t arch;
	int nr;
	uint64_t args[6];
	bool answered; /* resp is for the call's restart */
	struct seccomp_notif_resp resp;
	uint64_t stale_since; /* ms, monotonic; 0: not seen stale */
};

struct notify {
	int fd;
	struct seccomp_notif *req; /* the kernel's size, maybe larger */
	size_t req_size;
	struct notify_wait *waits;
	size_t nwaits, waits_cap;
};

struct notify *notify_new(int fd)
{
	struct seccomp_notif_sizes sizes = {0};
	struct notify *n = xcalloc(1, sizeof(*n));

	n->fd = fd;
	n->req_size = sizeof(*n->req);
	/* a newer kernel may hand out a larger struct than our headers */
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) == 0 &&
	    sizes.seccomp_notif > n->req_size)
		n->req_size = sizes.seccomp_notif;
	n->req = xcalloc(1, n->req_size);
	return n;
}

void notify_free(struct notify *n)
{
	if (!n)
		return;
	if (n->fd >= 0)
		close(n->fd);
	free(n->req);
	free(n->waits);
	free(n);
}

int notify_fd(const struct notify *n)
{
	return n->fd;
}

size_t notify_waiting(const struct notify *n)
{
	return n->nwaits;
}

static struct notify_wait *wait_find(const struct notify *n, pid_t tid)
{
	size_t i;

	for (i = 0; i < n->nwaits; i++)
		if (n->waits[i].tid == tid)
			return &n->waits[i];
	return NULL;
}

static void wait_drop(struct notify *n, struct notify_wait *w)
{
	*w = n->waits[--n->nwaits];
}

static bool is_valid(const struct notify *n, uint64_t id)
{
	return ioctl(n->fd, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0;
}

static bool is_same_call(const struct notify_wait *w,
			 const struct notify_call *c)
{
	return w->arch == c->arch && w->nr == c->nr &&
	       !memcmp(w->args, c->args, sizeof(w->args));
}

/* SEND; -ENOENT when the id is stale. */
static int send_resp(const struct notify *n, struct seccomp_notif_resp *r)
{
	return ioctl(n->fd, SECCOMP_IOCTL_NOTIF_SEND, r) < 0 ? -errno : 0;
}

/*
 * Record the call of C->tid as waiting. A call it had waiting is over:
 * came back (the same call, restarted), it gets the answer kept for it,
 * if any; 1 when that answered C, 0 otherwise.
 */
static int wait_add(struct notify *n, struct notify_call *c)
{
	struct notify_wait *w = wait_find(n, c->tid);

	c->replaced = w != NULL;
	c->restarted = w && is_same_call(w, c);
	if (c->restarted && w->answered) {
		w->resp.id = c->id;
		w->id = c->id;
		w->stale_since = 0;
		/* stale again already: kept for the next restart */
		if (send_resp(n, &w->resp) != -ENOENT)
			wait_drop(n, w);
		return 1;
	}
	if (!w) {
		xgrow(&n->waits, &n->waits_cap, n->nwaits + 1,
		      sizeof(*n->waits));
		w = &n->waits[n->nwaits++];
	}
	*w = (struct notify_wait){
		.tid = c->tid, .id = c->id, .arch = c->arch, .nr = c->nr};
	memcpy(w->args, c->args, sizeof(w->args));
	return 0;
}

/* One RECV: 1 and *out, 0 when there was none after all, -errno. */
static int recv_one(struct notify *n, struct notify_call *out)
{
	const struct seccomp_data *d = &n->req->data;

	/* the kernel wants a zeroed buffer */
	memset(n->req, 0, n->req_size);
	if (ioctl(n->fd, SECCOMP_IOCTL_NOTIF_RECV, n->req) < 0)
		/* ENOENT: the caller left before we took it */
		return errno == ENOENT || errno == EINTR ? 0 : -errno;
	memset(out, 0, sizeof(*out));
	out->id = n->req->id;
	out->tid = (pid_t)n->req->pid;
	out->arch = d->arch;
	out->nr = d->nr;
	memcpy(out->args, d->args, sizeof(out->args));
	out->ip = d->instruction_pointer;
	return 1;
}

int notify_recv(struct notify *n, struct notify_call *out)
{
	struct pollfd p = {.fd = n->fd, .events = POLLIN};
	int rc;

	for (;;) {
		if (poll(&p, 1, 0) < 0)
			return errno == EINTR ? 0 : -errno;
		if (!(p.revents & POLLIN))
			return p.revents & (POLLHUP | POLLERR) ? -EPIPE : 0;
		rc = recv_one(n, out);
		if (rc <= 0)
			return rc;
		/* a restart that an answer was kept for: answered now */
		if (!wait_add(n, out))
			return 1;
	}
}

/* Has thread TID ended (no /proc entry, or a zombie)? */
static bool is_dead(pid_t tid)
{
	char path[64], *buf, *paren;
	size_t len;
	bool dead;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)tid);
	if (read_file(path, 4096, &buf, &len, NULL) < 0)
		return true;
	/* "PID (COMM) STATE ...": COMM may hold anything, ')' included */
	paren = strrchr(buf, ')');
	dead = !paren || paren[1] != ' ' || paren[2] == 'Z' || paren[2] == 'X';
	free(buf);
	return dead;
}

static int answer(struct notify *n, pid_t tid, int32_t error, uint32_t flags)
{
	struct notify_wait *w = wait_find(n, tid);
	struct seccomp_notif_resp resp = {.error = error, .flags = flags};
	int rc;

	if (!w || w->answered)
		return -ESRCH;
	resp.id = w->id;
	rc = send_resp(n, &resp);
	/* interrupted, the thread alive: the answer waits for the restart
	 * (or for notify_next_gone to find that none comes) */
	if (rc == -ENOENT && !is_dead(tid)) {
		w->answered = true;
		w->resp = resp;
		return 0;
	}
	wait_drop(n, w);
	return rc == -ENOENT ? -ESRCH : rc;
}

int notify_allow(struct notify *n, pid_t tid)
{
	return answer(n, tid, 0, SECCOMP_USER_NOTIF_FLAG_CONTINUE);
}

int notify_deny(struct notify *n, pid_t tid, int err)
{
	if (err < 1 || err > 4095)
		return -EINVAL;
	return answer(n, tid, -err, 0);
}

bool notify_has(const struct notify *n, pid_t tid)
{
	return wait_find(n, tid) != NULL;
}

bool notify_is_waiting(const struct notify *n, pid_t tid)
{
	const struct notify_wait *w = wait_find(n, tid);

	return w && !w->answered && is_valid(n, w->id);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Is the thread of W in W's call still (stopped before its restart, or
 * waiting in its new notification)? */
static bool is_in_call(const struct notify_wait *w)
{
	uint64_t args[6], sp;
	long nr;

	return notify_proc_syscall(w->tid, &nr, args, &sp) == 0 &&
	       nr == w->nr && !memcmp(args, w->args, sizeof(args));
}

/* Is the stale call of W over for good? */
static bool is_over(struct notify_wait *w, uint64_t now)
{
	if (is_dead(w->tid))
		return true;
	/* An answer kept for a restart stays while the thread lives: on a
	 * busy machine a handler can take longer than any bound, and its
	 * call would come back as a second one. Nothing waits on it; the
	 * thread's next call, whichever, replaces it (wait_add). */
	if (w->answered)
		return false;
	if (is_in_call(w)) {
		w->stale_since = 0;
		return false;
	}
	if (!w->stale_since) {
		/* never 0 once set: the clock may start near it */
		w->stale_since = now ? now : 1;
		return false;
	}
	return now - w->stale_since >= STALE_MS;
}

pid_t notify_next_gone(struct notify *n)
{
	uint64_t now = now_ms();
	bool answered;
	size_t i = 0;
	pid_t tid;

	while (i < n->nwaits) {
		struct notify_wait *w = &n->waits[i];

		if (is_valid(n, w->id)) {
			w->stale_since = 0;
			i++;
			continue;
		}
		if (!is_over(w, now)) {
			i++;
			continue;
		}
		tid = w->tid;
		answered = w->answered;
		wait_drop(n, w);
		/* an answered call that never came back: nothing waits */
		if (!answered)
			return tid;
	}
	return 0;
}

/* Bit SIG of a signal mask line of /proc/.../status ("SigBlk:\t..."). */
static bool mask_has(const char *status, const char *field, int sig)
{
	const char *p = strstr(status, field);
	unsigned long long mask;

	return p && sscanf(p + strlen(field), " %llx", &mask) == 1 &&
	       (mask >> (sig - 1)) & 1;
}

/* Would SIGSYS take its default action in TID (kill, core)? */
static bool sigsys_is_fatal(pid_t pid, pid_t tid)
{
	char path[64], *buf;
	bool fatal;
	size_t len;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", (int)pid,
		 (int)tid);
	if (read_file(path, 65536, &buf, &len, NULL) < 0)
		return false;
	fatal = !mask_has(buf, "\nSigBlk:", SIGSYS) &&
		!mask_has(buf, "\nSigIgn:", SIGSYS) &&
		!mask_has(buf, "\nSigCgt:", SIGSYS);
	free(buf);
	return fatal;
}

int notify_kill(struct notify *n, pid_t pid, pid_t tid)
{
	struct notify_wait *w = wait_find(n, tid);
	struct seccomp_notif_resp resp = {.error = -ENOSYS};
	int rc;

	if (!sigsys_is_fatal(pid, tid)) {
		/* SIGKILL ends any wait, killable or not */
		rc = kill(pid, SIGKILL);
	} else {
		rc = (int)syscall(SYS_tgkill, pid, tid, SIGSYS);
		/*
		 * SIGSYS kills by a core dump, which the kernel does not
		 * turn into SIGKILL: it wakes an interruptible wait but not a
		 * killable one (our filter's, WAIT_KILLABLE_RECV). So the call
		 * is answered too: the signal, pending, ends the thread as
		 * the call returns, before the program runs again.
		 */
		if (rc == 0 && w && !w->answered) {
			resp.id = w->id;
			(void)send_resp(n, &resp);
		}
	}
	if (w)
		wait_drop(n, w);
	return rc < 0 ? -errno : 0;
}
