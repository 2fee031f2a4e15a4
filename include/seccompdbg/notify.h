/* SPDX-License-Identifier: Apache-2.0 */
/*
 * notify: NOTIFY mode's side of the kernel, the seccomp notification fd
 * (SECCOMP_RET_USER_NOTIF), with no ptrace at all. The program's first
 * process loads the filter with SECCOMP_FILTER_FLAG_NEW_LISTENER just
 * before its exec; we take the listener out of it (pidfd_getfd), then
 * receive one notification per refused call, and answer each: continue
 * (the call runs: SECCOMP_USER_NOTIF_FLAG_CONTINUE), or fail it with an
 * errno. A thread waits in the kernel until it is answered; any number
 * may wait at once.
 *
 * A notification names the thread (its id in our pid namespace), the
 * call's ABI, number, arguments and instruction pointer: nothing else.
 * Memory read for it (process_vm_readv) may change under us, and the
 * thread may leave the call before the answer (a signal interrupts it,
 * a SIGKILL ends it): the kernel says nothing then, and the id just
 * stops being valid. docs/modes.md tells what this mode costs.
 */
#ifndef SECCOMPDBG_NOTIFY_H
#define SECCOMPDBG_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "seccompdbg/util.h"

struct notify;

/* One notification. */
struct notify_call {
	uint64_t id; /* the kernel's cookie for the answer */
	pid_t tid;   /* the thread that waits */
	uint32_t arch;
	int nr;
	uint64_t args[6];
	uint64_t ip;	/* after the syscall instruction */
	bool replaced;	/* TID had an unanswered notification: that one
			   was interrupted, and is over */
	bool restarted; /* ... and this is the same call again (arguments
			   and all): a handler with SA_RESTART, a stop and
			   continue; the same call to the person */
};

/*
 * Can NOTIFY mode work here? The kernel must have the listener and
 * SECCOMP_USER_NOTIF_FLAG_CONTINUE (5.5) and pidfd_getfd (5.6).
 * 0 or -EOPNOTSUPP, err saying what is missing.
 */
int notify_probe(struct err *err);

/*
 * The listener of process PID (our child), which loads its filter and
 * then waits for us: found in /proc/PID/fd ("anon_inode:seccomp notify")
 * and copied with pidfd_getfd. It waits for the descriptor to appear,
 * as long as PID lives. Returns 0 and *fd (ours, close-on-exec), -ESRCH
 * when PID ended first, -ETIME when nothing came for 10 s, -errno.
 */
int notify_take_listener(pid_t pid, int *fd, struct err *err);

/* Takes ownership of the listener FD. Never NULL (aborts without memory). */
struct notify *notify_new(int fd);
/* Closes the listener: threads still waiting get ENOSYS. NULL is fine. */
void notify_free(struct notify *n);
/* Poll it for POLLIN; POLLHUP once no process uses the filter any more. */
int notify_fd(const struct notify *n);

/*
 * The next notification, without blocking: 1 and *out, 0 when none is
 * waiting, -EPIPE once no process uses the filter any more. A restarted
 * call whose answer was kept (notify_allow) gets it here, and is not
 * returned.
 */
int notify_recv(struct notify *n, struct notify_call *out);

/*
 * Answer the waiting call of TID: allow runs it, deny fails it with
 * -err (1..4095). A call that a signal interrupted while its thread
 * lives keeps the answer for its restart (0). -ESRCH when TID waits for
 * nothing (answered already, or dead), -EINVAL for a bad errno.
 */
int notify_allow(struct notify *n, pid_t tid);
int notify_deny(struct notify *n, pid_t tid, int err);
/*
 * The nearest to SCMP_ACT_KILL_* without ptrace: SIGSYS to the thread
 * when the program neither catches, ignores nor blocks it (the default
 * action ends the whole process with a core dump, as KILL_PROCESS does),
 * else SIGKILL to its process. KILL_THREAD cannot spare the other
 * threads here. With SIGSYS the call is answered too (ENOSYS, never
 * seen: the signal ends the thread as it returns), since SIGSYS does
 * not end a killable wait. The notification is dropped. 0 or -ESRCH.
 */
int notify_kill(struct notify *n, pid_t pid, pid_t tid);

/* Did TID's waiting call come through N (no check with the kernel)? */
bool notify_has(const struct notify *n, pid_t tid);
/* Is TID's call still waiting (SECCOMP_IOCTL_NOTIF_ID_VALID)? */
bool notify_is_waiting(const struct notify *n, pid_t tid);
/*
 * A thread whose call is over unanswered, forgotten here; 0 when none.
 * Checks every waiting call: a stale one is over when its thread has
 * ended, or when the thread is out of the call (EINTR) at two looks
 * 100 ms apart; a thread stopped in the call, or back in it, keeps it
 * waiting. An answer kept for a restart stays until the thread ends
 * (then dropped without a word) or makes another call.
 */
pid_t notify_next_gone(struct notify *n);
/* How many calls wait for an answer, or keep one for their restart. */
size_t notify_waiting(const struct notify *n);

/*
 * The stack pointer of TID blocked in a call, from /proc/TID/syscall
 * (no ptrace). 0 or -errno (-EAGAIN: it is running).
 */
int notify_thread_sp(pid_t tid, uint64_t *sp);

#endif
