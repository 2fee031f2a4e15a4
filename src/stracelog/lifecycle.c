// SPDX-License-Identifier: Apache-2.0
/*
 * The lines about processes rather than calls: signals (SIGSYS from a
 * seccomp TRAP is worth a warning), exits and deaths (a SIGSYS death is a
 * seccomp KILL), a thread's execve taking over its leader, strace's ABI
 * switches ("runs in 32 bit mode") and its attach/detach messages.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static bool is_named(const struct sl_line *l, const char *name)
{
	return l->name.n == strlen(name) && !memcmp(l->name.p, name, l->name.n);
}

/* "AUDIT_ARCH_X86_64" -> the sysent entry, or NULL. */
static const struct sysent_arch *audit_arch(const struct sl_span *sp)
{
	char buf[32];

	if (sp->n <= 11 || sp->n - 11 >= sizeof(buf) ||
	    memcmp(sp->p, "AUDIT_ARCH_", 11))
		return NULL;
	memcpy(buf, sp->p + 11, sp->n - 11);
	buf[sp->n - 11] = '\0';
	return sysent_arch_by_any(buf);
}

void sl_on_signal(struct stracelog *log, struct sl_stream *st,
		  const struct sl_line *l)
{
	struct sl_proc *p = sl_proc_of(log, st, l);
	const struct sysent_arch *a = audit_arch(&l->si_arch);
	const char *call;
	size_t ncall;
	struct stracelog_note *note;

	sl_count_class(log, STRACELOG_LINE_SIGNAL);
	sl_pub(log, p)->signals++;
	if (!is_named(l, "SIGSYS"))
		return;
	sl_pub(log, p)->sigsys = true;
	call = l->si_syscall.p;
	ncall = l->si_syscall.n;
	if (ncall > 5 && !memcmp(call, "__NR_", 5))
		call += 5, ncall -= 5;
	note = sl_note(
		log, STRACELOG_NOTE_SIGSYS, STRACELOG_WARNING, st,
		sl_pub(log, p)->pid, NULL,
		l->seccomp
			? "pid %ld got SIGSYS from seccomp for %s (%s): a filter's TRAP action refused it"
			: "pid %ld got SIGSYS (not from seccomp)",
		sl_pub(log, p)->pid,
		sl_printable(log, call ? call : "?", call ? ncall : 1, 64),
		a ? a->name : "?");
	if (note && call) {
		note->name = sl_printable(log, call, ncall, 64);
		note->arch = a;
	}
}

static void process_ended(struct stracelog *log, struct sl_proc *p,
			  enum stracelog_end end)
{
	p->ended = true;
	sl_pub(log, p)->end = end;
	sl_pending_lost(log, p, "the process ended during it");
}

void sl_on_exit(struct stracelog *log, struct sl_stream *st,
		const struct sl_line *l)
{
	struct sl_proc *p = sl_proc_of(log, st, l);
	char sig[32];

	sl_count_class(log, STRACELOG_LINE_EXIT);
	if (l->kind == SL_EXITED) {
		sl_pub(log, p)->status = (int)l->value;
		process_ended(log, p, STRACELOG_END_EXITED);
		return;
	}
	snprintf(sig, sizeof(sig), "%.*s", (int)l->name.n, l->name.p);
	sl_pub(log, p)->signal =
		sl_printable(log, sig, strlen(sig), sizeof(sig));
	sl_pub(log, p)->core_dumped = l->core;
	process_ended(log, p, STRACELOG_END_KILLED);
	if (strcmp(sig, "SIGSYS") != 0) {
		sl_note(log, STRACELOG_NOTE_KILLED, STRACELOG_WARNING, st,
			sl_pub(log, p)->pid, sl_pub(log, p)->signal,
			"pid %ld killed by %s%s", sl_pub(log, p)->pid,
			sl_pub(log, p)->signal,
			l->core ? " (core dumped)" : "");
		return;
	}
	/* A seccomp KILL: the refused call is the last one it started. */
	sl_note(log, STRACELOG_NOTE_KILLED, STRACELOG_WARNING, st,
		sl_pub(log, p)->pid, "SIGSYS",
		"pid %ld killed by SIGSYS%s: most likely a seccomp filter refused its last call%s%s",
		sl_pub(log, p)->pid, l->core ? " (core dumped)" : "",
		p->has_last ? ", " : "",
		p->has_last ? log->names[p->last_name] : "");
}

/*
 * "[pid L] +++ superseded by execve in pid T +++": thread T of L's group
 * called execve; the kernel gave it pid L. T's unfinished execve resumes
 * as L's.
 */
void sl_on_superseded(struct stracelog *log, struct sl_stream *st,
		      const struct sl_line *l)
{
	struct sl_proc *p = sl_proc_of(log, st, l);
	struct sl_proc *t = sl_proc_find(log, l->value);

	sl_count_class(log, STRACELOG_LINE_EXIT);
	sl_pending_lost(log, p, "another thread's execve ended it");
	p->took_over = l->value;
	if (!t || t == p)
		return;
	t->ended = true;
	sl_pub(log, t)->end = STRACELOG_END_SUPERSEDED;
	sl_pub(log, t)->became = sl_pub(log, p)->pid;
	if (t->pending.active) {
		p->pending = t->pending;
		p->exec_path = t->exec_path;
		t->pending.active = false;
	}
}

void sl_on_personality(struct stracelog *log, struct sl_stream *st,
		       const struct sl_line *l)
{
	static const char *const modes[] = {"64 bit", "32 bit", "x32"};
	struct sl_proc *p = sl_proc_of(log, st, l);
	struct sl_segment *seg;
	const struct sysent_arch *a;
	size_t k;

	sl_count_class(log, STRACELOG_LINE_PERSONALITY);
	/* The message is about the process whose line it is: it names the
	 * pid of an unprefixed first process. */
	if (!sl_pub(log, p)->pid && l->value && !sl_proc_find(log, l->value))
		sl_proc_set_pid(log, p, l->value);
	else if (l->value && l->value != sl_pub(log, p)->pid)
		p = sl_announce(log, st, l->value);
	for (k = 0; k < ARRAY_SIZE(modes); k++)
		if (l->mode.n == strlen(modes[k]) &&
		    !memcmp(l->mode.p, modes[k], l->mode.n))
			break;
	if (k == ARRAY_SIZE(modes) || k >= log->nfamily || !log->family[k])
		return;
	a = sysent_arch_by_token(log->family[k]);
	k = p->seg;
	/* a segment with calls keeps its ABI: a new one from here (taken
	   before indexing: it may move log->segs) */
	if (log->segs[k].ncounts)
		k = sl_segment_new(log, p, p->seg + 1);
	seg = &log->segs[k];
	seg->arch = a->token;
	seg->is_explicit = true;
	sl_note(log, STRACELOG_NOTE_ARCH, STRACELOG_INFO, st,
		sl_pub(log, p)->pid, NULL, "pid %ld runs as %s from here",
		sl_pub(log, p)->pid, a->name);
}

void sl_on_strace(struct stracelog *log, struct sl_stream *st,
		  const struct sl_line *l)
{
	struct sl_proc *p;

	sl_count_class(log, STRACELOG_LINE_STRACE);
	if (l->msg == SL_MSG_ATTACHED) {
		p = sl_announce(log, st, l->value);
		/* "strace -p PID": its unprefixed lines follow. */
		if (!st->nopfx && !st->attach_msgs)
			st->nopfx = p;
		st->attach_msgs = true;
	} else if (l->msg == SL_MSG_DETACHED) {
		p = sl_proc_find(log, l->value);
		if (p && !p->ended) {
			p->ended = true;
			sl_pub(log, p)->end = STRACELOG_END_DETACHED;
		}
	}
}
