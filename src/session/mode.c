// SPDX-License-Identifier: Apache-2.0
/*
 * The three ways a session catches what the profile refuses, and the
 * one place that knows which one it uses (docs/modes.md):
 *
 *   TRACE   SCMP_ACT_TRACE(id): a ptrace seccomp stop;
 *   TRAP    SECCOMP_RET_TRAP | id: a SIGSYS we hold under ptrace, and
 *           an allowed call re-run with seccomp suspended;
 *   NOTIFY  SECCOMP_RET_USER_NOTIF: the listener, no ptrace at all.
 *
 * Everything else in the session works on seccomp events and answers
 * threads through the functions here, whatever the mode.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"
#include "seccompdbg/bpf.h"

const char *session_mode_name(enum session_mode mode)
{
	switch (mode) {
	case SESSION_TRAP:
		return "trap";
	case SESSION_NOTIFY:
		return "notify";
	case SESSION_TRACE:
		break;
	}
	return "trace";
}

static const char *mode_instead(enum session_mode mode)
{
	return mode == SESSION_NOTIFY ? "use --mode trace (or trap as root)"
				      : "use --mode notify";
}

int session_mode_probe(enum session_mode mode, struct err *err)
{
	struct err why = {""};
	int rc;

	if (mode == SESSION_NOTIFY)
		rc = notify_probe(&why);
	else
		rc = trace_probe(mode == SESSION_TRAP, &why);
	if (rc < 0)
		return err_set(
			err, EOPNOTSUPP, "--mode %s cannot work here: %s; %s",
			session_mode_name(mode), why.msg, mode_instead(mode));
	return 0;
}

int session_mode_compile(struct session *s, struct err *err)
{
	static const enum compile_mode modes[] = {
		[SESSION_TRACE] = COMPILE_TRACE,
		[SESSION_TRAP] = COMPILE_TRAP,
		[SESSION_NOTIFY] = COMPILE_NOTIFY,
	};
	int rc = compile_filter(s->resolved, modes[s->cfg.mode], &s->bpf, err);

	/* A notification carries no rule id: the TRAP program, run on the
	 * call, names the one the loaded filter decided by. */
	if (rc == 0 && s->cfg.mode == SESSION_NOTIFY)
		rc = compile_filter(s->resolved, COMPILE_TRAP, &s->ids, err);
	return rc;
}

int session_mode_child(const struct session *s)
{
	char go;
	int fd;

	if (s->cfg.mode != SESSION_NOTIFY)
		return compile_install(&s->bpf, s->cfg.no_new_privs);
	/* Without ptrace nothing takes the program with us if we are
	 * killed: this does for the first process (not past a setuid
	 * exec, and not for its children: docs/modes.md). */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != s->parent)
		return -ESRCH;
	close(s->sync[1]);
	fd = compile_install(&s->bpf, s->cfg.no_new_privs);
	if (fd < 0)
		return fd;
	/* Wait for the parent to take the listener (notify.h); this read
	 * is filtered already, and may be a notification itself. */
	if (read(s->sync[0], &go, 1) != 1)
		return -EPIPE;
	return 0;
}

int session_mode_before(struct session *s, struct err *err)
{
	if (s->cfg.mode == SESSION_TRAP)
		trace_set_trap(s->trace, true);
	if (s->cfg.mode != SESSION_NOTIFY)
		return 0;
	s->parent = getpid();
	if (pipe2(s->sync, O_CLOEXEC) < 0)
		return err_set(err, errno, "pipe: %s", strerror(errno));
	return 0;
}

void session_mode_release(struct session *s)
{
	if (s->sync[0] >= 0)
		close(s->sync[0]);
	if (s->sync[1] >= 0)
		close(s->sync[1]);
	s->sync[0] = s->sync[1] = -1;
	notify_free(s->notify);
	s->notify = NULL;
}

/* ---- answering a thread ------------------------------------------------ */

int session_allow_thread(struct session *s, pid_t tid)
{
	if (s->notify)
		return notify_allow(s->notify, tid);
	return trace_allow(s->trace, tid);
}

int session_deny_errno(struct session *s, pid_t tid, int err)
{
	if (s->notify)
		return notify_deny(s->notify, tid, err);
	return trace_deny(s->trace, tid, err);
}

static int kill_thread(struct session *s, pid_t pid, pid_t tid,
		       enum trace_kill_mode mode)
{
	if (s->notify)
		return notify_kill(s->notify, pid, tid);
	return trace_kill(s->trace, tid, mode);
}

/* The profile's own TRAP: the kernel's SIGSYS where we hold one. */
static int deny_trap(struct session *s, pid_t pid, pid_t tid,
		     const struct profile_verdict *v)
{
	const struct trace_thread *th =
		s->notify ? NULL : trace_thread(s->trace, tid);

	if (th && th->state == TRACE_SIGNAL_STOPPED)
		return trace_trap_signal(s->trace, tid, (uint16_t)v->data);
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
		return kill_thread(s, pid, tid, TRACE_KILL_THREAD);
	case PROFILE_ACT_KILL_PROCESS:
		return kill_thread(s, pid, tid, TRACE_KILL_PROCESS);
	case PROFILE_ACT_TRAP:
		return deny_trap(s, pid, tid, v);
	default:
		return session_deny_errno(s, tid, session_profile_errno(v));
	}
}

/* ---- TRAP: is this SIGSYS ours? -------------------------------------- */

/* What the filter in S->bpf (or ids) returns for the call. */
uint32_t session_filter_says(const struct compile_bpf *bpf,
			     const struct trace_event *ev)
{
	struct seccomp_data d = {
		.nr = ev->seccomp.nr,
		.arch = ev->seccomp.arch,
		.instruction_pointer = ev->seccomp.ip,
	};

	memcpy(d.args, ev->seccomp.args, sizeof(d.args));
	return bpf_run(bpf->insns, bpf->len, &d);
}

void session_on_trapped(struct session *s, const struct trace_event *ev)
{
	uint32_t ret = session_filter_says(&s->bpf, ev);

	/*
	 * A filter the program stacked itself trapped this call (ours
	 * allows it, or traps with other data: on a tie the newest filter
	 * wins): its SIGSYS, for its own handler, untouched.
	 */
	if ((ret & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_TRAP ||
	    (ret & SECCOMP_RET_DATA) != ev->seccomp.ret_data) {
		trace_signal_resume(s->trace, ev->tid, SIGSYS);
		return;
	}
	session_on_seccomp(s, ev);
}
