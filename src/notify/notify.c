// SPDX-License-Identifier: Apache-2.0
/*
 * The listener: receiving notifications and answering them. Each thread
 * has at most one call waiting (it is blocked in it), so the waiting
 * calls are kept by thread id, in a small array: a handful wait at once
 * (a person deciding), and a batch answer leaves none.
 *
 * The kernel never tells us that a waiting call went away (a signal
 * interrupted it, the thread was killed): its id just stops being valid
 * (SECCOMP_IOCTL_NOTIF_ID_VALID fails, SEND gives ENOENT). We find out
 * when we answer, when the same thread sends another notification (it
 * can only do that once the first is over), or by asking
 * (notify_next_gone).
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
#include <unistd.h>

#include "seccompdbg/notify.h"

struct notify_wait {
	pid_t tid;
	uint64_t id;
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

/* Record the call of out->tid as waiting; a previous one is gone. */
static void wait_add(struct notify *n, struct notify_call *out)
{
	struct notify_wait *w = wait_find(n, out->tid);

	out->replaced = w != NULL;
	if (!w) {
		xgrow(&n->waits, &n->waits_cap, n->nwaits + 1,
		      sizeof(*n->waits));
		w = &n->waits[n->nwaits++];
	}
	*w = (struct notify_wait){out->tid, out->id};
}

int notify_recv(struct notify *n, struct notify_call *out)
{
	struct pollfd p = {.fd = n->fd, .events = POLLIN};
	const struct seccomp_data *d = &n->req->data;

	if (poll(&p, 1, 0) < 0)
		return errno == EINTR ? 0 : -errno;
	if (!(p.revents & POLLIN))
		return p.revents & (POLLHUP | POLLERR) ? -EPIPE : 0;
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
	wait_add(n, out);
	return 1;
}

static int answer(struct notify *n, pid_t tid, int32_t error, uint32_t flags)
{
	struct notify_wait *w = wait_find(n, tid);
	struct seccomp_notif_resp resp = {.error = error, .flags = flags};
	int rc = 0;

	if (!w)
		return -ESRCH;
	resp.id = w->id;
	wait_drop(n, w);
	if (ioctl(n->fd, SECCOMP_IOCTL_NOTIF_SEND, &resp) < 0)
		rc = errno == ENOENT ? -ESRCH : -errno;
	return rc;
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

	return w && is_valid(n, w->id);
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

pid_t notify_next_dead(struct notify *n)
{
	size_t i;
	pid_t tid;

	for (i = 0; i < n->nwaits; i++) {
		if (is_valid(n, n->waits[i].id) || !is_dead(n->waits[i].tid))
			continue;
		tid = n->waits[i].tid;
		wait_drop(n, &n->waits[i]);
		return tid;
	}
	return 0;
}

pid_t notify_next_gone(struct notify *n)
{
	size_t i;
	pid_t tid;

	for (i = 0; i < n->nwaits; i++) {
		if (is_valid(n, n->waits[i].id))
			continue;
		tid = n->waits[i].tid;
		wait_drop(n, &n->waits[i]);
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
	int rc;

	if (w)
		wait_drop(n, w);
	/* a fatal signal wakes the thread from its wait, and it dies */
	if (sigsys_is_fatal(pid, tid))
		rc = (int)syscall(SYS_tgkill, pid, tid, SIGSYS);
	else
		rc = kill(pid, SIGKILL);
	return rc < 0 ? -errno : 0;
}
