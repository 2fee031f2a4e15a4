/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The catching mode as one interface. Each way of catching what the
 * profile refuses (TRACE, TRAP, NOTIFY: docs/modes.md) is a struct
 * session_mode_ops, written in its own file; mode.c picks one from
 * session_config.mode when the session is made, and nothing else in the
 * session asks which mode it runs: the launch, the loop, the stops and
 * the decisions call these hooks.
 *
 * What every mode hands the session is the same: a seccomp event (a
 * struct trace_event of kind TRACE_EV_SECCOMP) given to
 * session_on_seccomp() for each refused call, from the tracer's events
 * (stopped) or from descriptors of its own that it watches with
 * session_watch(). A new way of receiving refused calls (a container
 * runtime's seccomp agent socket, say: docs/architecture.md) is one more
 * struct session_mode_ops and one more enum session_mode value.
 */
#ifndef SECCOMPDBG_SESSION_MODE_H
#define SECCOMPDBG_SESSION_MODE_H

#include <stdbool.h>
#include <sys/types.h>

#include "seccompdbg/compile.h"
#include "seccompdbg/session.h"
#include "seccompdbg/trace.h"
#include "seccompdbg/unwind.h"
#include "seccompdbg/util.h"

struct session;
struct session_entry;

struct session_mode_ops {
	const char *name;    /* --mode's word, the events' "mode" */
	const char *instead; /* what to use when probe says no */
	/* ptrace follows every process of the program: the tracer's table
	 * knows them all; otherwise only the first, the rest is /proc's */
	bool traced;

	/* Can the mode work here? 0, or -errno with err saying why. */
	int (*probe)(struct err *err);
	/* With the session, first: compile the filter the program loads
	 * into s->bpf from s->resolved, and set up s->mode_data. */
	int (*prepare)(struct session *s, struct err *err);
	/* Before the spawn (NULL: nothing to do). */
	int (*start)(struct session *s, struct err *err);
	/* In the forked child just before its exec: system calls only
	 * (NULL: the child loads nothing). 0 or -errno. */
	int (*child)(const struct session *s);
	/* After the spawn, s->pid known (NULL: nothing to do). */
	int (*spawned)(struct session *s, struct err *err);
	/* A seccomp event of the tracer (session_on_seccomp, unless the
	 * mode must first tell its own events from the program's). */
	void (*stopped)(struct session *s, const struct trace_event *ev);
	/* ms before the loop must wake without an event; -1: never
	 * (NULL: never). */
	int (*timeout)(const struct session *s);
	/* After every wake-up of the loop (NULL: nothing to do). */
	void (*sweep)(struct session *s);

	/* Answer the waiting call of TID. 0 or -ESRCH (it is gone). */
	int (*allow)(struct session *s, pid_t tid);
	int (*deny)(struct session *s, pid_t tid, int err);
	/* SCMP_ACT_KILL_THREAD / _PROCESS, as near as the mode gets. */
	int (*kill)(struct session *s, pid_t pid, pid_t tid,
		    enum trace_kill_mode how);
	/* The profile's own SCMP_ACT_TRAP: SIGSYS with si_errno DATA. */
	int (*trap)(struct session *s, pid_t pid, pid_t tid, uint16_t data);
	/* What the backtrace of E's thread needs, taken while it waits
	 * (unwind_capture_*; described later, stop.c); may mark E racy or
	 * degraded and fill its sp. 0 or -errno. */
	int (*unwind)(struct session *s, struct session_entry *e,
		      struct unwind_capture *cap);
	/* What the mode counts besides the tracer's table (NULL:
	 * nothing): CONTAINER's containers. */
	void (*count)(const struct session *s, struct session_status *st);
	/* What the mode knows of E's process besides /proc (NULL:
	 * nothing): CONTAINER's container. EXE and COMM raw. */
	void (*describe)(const struct session *s, struct session_entry *e,
			 const char *exe, const char *comm);
	/* The program ended, or the session does (NULL: nothing). */
	void (*end)(struct session *s);
	/* Free what the mode holds in s->mode_data (NULL: nothing); once,
	 * after the tracer is gone. */
	void (*release)(struct session *s);
};

extern const struct session_mode_ops session_mode_trace;
extern const struct session_mode_ops session_mode_trap;
extern const struct session_mode_ops session_mode_notify;
extern const struct session_mode_ops session_mode_container;

/* mode_notify.c, for CONTAINER too: the seccomp event of notification C
 * of listener N (rule id from IDS); -ESRCH when the thread is gone (its
 * call was failed with ENOSYS). */
struct notify;
struct notify_call;
int session_notify_event(struct session *s, struct notify *n,
			 const struct compile_bpf *ids,
			 const struct notify_call *c, struct trace_event *ev);
/* NOTIFY's capture of E's thread, waiting in listener N. */
int session_notify_unwind(struct session *s, struct notify *n,
			  struct session_entry *e, struct unwind_capture *cap);

/* mode.c */
/* The implementation of MODE, or NULL when there is none. */
const struct session_mode_ops *session_mode_of(enum session_mode mode);
/* For the modes' tables: tgkill(SIGSYS), then deny with ENOSYS, where
 * no SIGSYS of the kernel's is held. */
int session_mode_trap_by_tgkill(struct session *s, pid_t pid, pid_t tid,
				uint16_t data);
/* The call of EV (a seccomp event) as the kernel shows it to filters. */
struct seccomp_data;
void session_call_data(const struct trace_event *ev, struct seccomp_data *d);
/* What the filter BPF returns for the call of EV (a seccomp event). */
uint32_t session_filter_says(const struct compile_bpf *bpf,
			     const struct trace_event *ev);

#endif
