// SPDX-License-Identifier: Apache-2.0
/*
 * The one place that knows which modes there are: the table from enum
 * session_mode to the struct session_mode_ops that implements it
 * (mode.h), and the session's verbs for answering a thread, which go
 * through the mode the session was made with.
 *
 *   TRACE   SCMP_ACT_TRACE(id): a ptrace seccomp stop (mode_trace.c);
 *   TRAP    SECCOMP_RET_TRAP | id: a SIGSYS held under ptrace, an
 *           allowed call re-run with seccomp suspended (mode_trace.c);
 *   NOTIFY  SECCOMP_RET_USER_NOTIF: the listener, no ptrace at all
 *           (mode_notify.c);
 *   CONTAINER  the same, from the listeners container runtimes hand
 *           our OCI seccomp agent (mode_container.c).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"
#include "seccompdbg/bpf.h"

static const struct session_mode_ops *const modes[SESSION_MODE_COUNT] = {
	[SESSION_TRACE] = &session_mode_trace,
	[SESSION_TRAP] = &session_mode_trap,
	[SESSION_NOTIFY] = &session_mode_notify,
	[SESSION_CONTAINER] = &session_mode_container,
};

const struct session_mode_ops *session_mode_of(enum session_mode mode)
{
	return (unsigned)mode < SESSION_MODE_COUNT ? modes[mode] : NULL;
}

const char *session_mode_name(enum session_mode mode)
{
	const struct session_mode_ops *ops = session_mode_of(mode);

	return ops ? ops->name : "?";
}

int session_mode_by_name(const char *name, enum session_mode *out)
{
	unsigned i;

	for (i = 0; i < SESSION_MODE_COUNT; i++) {
		if (!strcmp(name, modes[i]->name)) {
			*out = (enum session_mode)i;
			return 0;
		}
	}
	return -EINVAL;
}

int session_mode_probe(enum session_mode mode, struct err *err)
{
	const struct session_mode_ops *ops = session_mode_of(mode);
	struct err why = {""};

	if (!ops)
		return err_set(err, EINVAL, "no such mode");
	if (ops->probe(&why) < 0)
		return err_set(err, EOPNOTSUPP,
			       "--mode %s cannot work here: %s; %s", ops->name,
			       why.msg, ops->instead);
	return 0;
}

/* ---- answering a thread ------------------------------------------------ */

int session_allow_thread(struct session *s, pid_t tid)
{
	return s->mode->allow(s, tid);
}

int session_deny_errno(struct session *s, pid_t tid, int err)
{
	return s->mode->deny(s, tid, err);
}

int session_mode_trap_by_tgkill(struct session *s, pid_t pid, pid_t tid,
				uint16_t data)
{
	(void)data;
	/* queued before the thread runs on: delivered on its way back
	 * from the skipped call, as the kernel's would be */
	syscall(SYS_tgkill, pid, tid, SIGSYS);
	return session_deny_errno(s, tid, ENOSYS);
}

int session_deny_as_profile(struct session *s, pid_t pid, pid_t tid,
			    const struct profile_verdict *v)
{
	switch (v->action) {
	case PROFILE_ACT_KILL:
	case PROFILE_ACT_KILL_THREAD:
		return s->mode->kill(s, pid, tid, TRACE_KILL_THREAD);
	case PROFILE_ACT_KILL_PROCESS:
		return s->mode->kill(s, pid, tid, TRACE_KILL_PROCESS);
	case PROFILE_ACT_TRAP:
		return s->mode->trap(s, pid, tid, (uint16_t)v->data);
	default:
		return session_deny_errno(s, tid, session_profile_errno(v));
	}
}

void session_call_data(const struct trace_event *ev, struct seccomp_data *d)
{
	memset(d, 0, sizeof(*d));
	d->nr = ev->seccomp.nr;
	d->arch = ev->seccomp.arch;
	d->instruction_pointer = ev->seccomp.ip;
	memcpy(d->args, ev->seccomp.args, sizeof(d->args));
}

/* What the filter in BPF returns for the call of EV. */
uint32_t session_filter_says(const struct compile_bpf *bpf,
			     const struct trace_event *ev)
{
	struct seccomp_data d;

	session_call_data(ev, &d);
	return bpf_run(bpf->insns, bpf->len, &d);
}
