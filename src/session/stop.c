// SPDX-License-Identifier: Apache-2.0
/*
 * A seccomp stop. The filter stopped the thread because the profile as
 * loaded refuses the call; the session asks eval about the profile as
 * edited so far:
 *
 * - it allows the call now ("allow always" was answered before): the
 *   thread continues at once, and the decision that caused it counts a
 *   repeat. This is the hot path of a program that makes an allowed-
 *   always call in a loop: no /proc read, no decoding, no unwinding, no
 *   allocation (the credit cache is filled once per call number);
 * - an identical call was to be denied every time: denied at once;
 * - otherwise a denial is built (process, rule, decoded call, backtrace,
 *   hint, note), queued as PENDING and handed to the front end, while
 *   the thread waits in its stop and the others run on.
 *
 * Stops of the program's first thread before its exec (the filter is
 * loaded in the child just before) are our own launcher's calls and
 * pass, except the execve itself: a profile that refuses execve is
 * caught like any other.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "seccompdbg/decode.h"
#include "seccompdbg/sysent.h"
#include "seccompdbg/why.h"

static bool is_exec(uint32_t arch, int nr)
{
	const char *name = sysent_name(arch, nr);

	return name && (!strcmp(name, "execve") || !strcmp(name, "execveat"));
}

static void remembered_allow(struct session *s, const struct trace_event *ev)
{
	unsigned by = session_credit(
		s, ev->seccomp.arch, ev->seccomp.nr, ev->seccomp.args,
		ev->seccomp.ret_data == RESOLVE_ID_BADARCH);
	struct session_entry *e = session_entry(s, by);

	session_allow_thread(s, ev->tid);
	s->remembered++;
	if (s->events)
		session_event_remembered(s, ev, "allow", 0, by);
	if (e) {
		e->pub.repeats++;
		session_tell_denial(s, e);
	}
}

static void remembered_deny(struct session *s, const struct trace_event *ev,
			    const struct session_deny_rule *r)
{
	struct session_entry *e = session_entry(s, r->id);

	s->remembered++;
	session_deny_thread(s, ev->pid, ev->tid, &e->pub);
	if (s->events)
		session_event_remembered(s, ev, "deny", e->pub.errno_used,
					 r->id);
	e->pub.repeats++;
	session_tell_denial(s, e);
}

/* Keep S (a heap string) with E; returns it. */
static const char *own(struct session_entry *e, char *str)
{
	xgrow(&e->strings, &e->strings_cap, e->nstrings + 1,
	      sizeof(*e->strings));
	e->strings[e->nstrings++] = str;
	return str;
}

/* RAW escaped and bounded (the program chose it), or NULL. */
static const char *own_escaped(struct session_entry *e, const char *raw,
			       size_t max)
{
	struct strbuf sb = STRBUF_INIT;

	if (!raw)
		return NULL;
	escape_c(&sb, raw, strnlen(raw, max));
	return own(e, strbuf_detach(&sb));
}

/* decode's memory reader, through ptrace's view of the thread. */
static ssize_t read_mem(void *ctx, uint64_t addr, void *buf, size_t len)
{
	return trace_mem_read(*(const pid_t *)ctx, addr, buf, len);
}

/*
 * The thread's name now (a program may rename its threads after exec,
 * which is all the table follows): read for shown denials only.
 */
static bool read_comm(pid_t pid, pid_t tid, char comm[17])
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", (int)pid,
		 (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, comm, 16);
	close(fd);
	if (n <= 0)
		return false;
	comm[n] = '\0';
	comm[strcspn(comm, "\n")] = '\0';
	return true;
}

static void fill_process(struct session *s, struct session_entry *e)
{
	const struct trace_process *p = trace_process(s->trace, e->pub.pid);
	const struct sysent_arch *a = sysent_arch_by_token(e->pub.arch);
	struct trace_process untraced = {0};
	char num[32], comm[17];

	/* without ptrace no table follows execs; /proc knows */
	if (!s->mode->traced)
		p = trace_proc_read(e->pub.tid, &untraced) == 0 ? &untraced
								: NULL;
	e->pub.ppid = p ? p->ppid : 0;
	if (!read_comm(e->pub.pid, e->pub.tid, comm))
		snprintf(comm, sizeof(comm), "%.16s", p ? p->comm : "?");
	e->pub.comm = own_escaped(e, comm, sizeof(comm));
	if (s->mode->describe)
		s->mode->describe(s, e, p ? p->exe : NULL, comm);
	e->pub.exe = own_escaped(e, p ? p->exe : NULL, PATH_MAX);
	free((char *)untraced.exe);
	e->pub.arch_name = a ? a->name : "unknown";
	e->pub.name = sysent_name(e->pub.arch, e->pub.nr);
	if (!e->pub.name) {
		snprintf(num, sizeof(num), "syscall_%d", e->pub.nr);
		e->pub.name = own(e, xstrdup(num));
	}
}

static void fill_rule(struct session *s, struct session_entry *e,
		      const struct eval_result *res)
{
	struct strbuf sb = STRBUF_INIT;
	const char *comment = res->rule ? res->rule->rule->comment : NULL;

	/*
	 * The rule that decided, not res->id: the catching filter returns
	 * the id of the first rule with the same action, which may be
	 * another rule (eval.h). The person wants the one that refused.
	 */
	e->pub.rule_id = res->rule ? res->rule->id : res->id;
	e->pub.verdict = res->verdict;
	resolve_id_path(s->profile, e->pub.rule_id, &sb);
	e->pub.rule_path = own(e, strbuf_detach(&sb));
	e->pub.rule_comment = own_escaped(e, comment, 1024);
}

/*
 * Is a backtrace of use? Not when neither the front end nor an events
 * file will show it (record): the unwinding of each first denial in a
 * new process would be work nobody reads.
 */
static bool is_origin_wanted(const struct session *s)
{
	return !s->fe.no_origin || s->events;
}

/* The hint of the execve that starts the program. */
static const char launch_hint[] =
	"seccompdbg's launcher, executing the program";

/* The backtrace and hint of E from what its stop captured. */
static void describe_origin(struct session *s, struct session_entry *e)
{
	struct unwind_backtrace t;
	struct strbuf sb = STRBUF_INIT;

	if (!e->has_cap)
		return;
	unwind_describe(s->unwind, &e->cap, &t);
	unwind_capture_release(&e->cap);
	e->has_cap = false;
	unwind_format(&t, &sb);
	e->pub.backtrace = own(e, strbuf_detach(&sb));
	if (unwind_hint(&t, e->pub.name, &sb))
		e->pub.hint = own(e, strbuf_detach(&sb));
	unwind_backtrace_release(&t);
	strbuf_release(&sb);
}

/*
 * What the call is and where it came from. The backtrace's capture (the
 * walk of the stopped thread) cannot wait; its description (symbols,
 * lines) is made here too when the front end shows it, else after the
 * front end had the denial (session_on_seccomp).
 */
static void fill_origin(struct session *s, struct session_entry *e,
			bool launching)
{
	struct strbuf sb = STRBUF_INIT;
	const struct why_note *why;
	pid_t tid = e->pub.tid;

	decode_call(e->pub.arch, e->pub.nr, e->pub.args, read_mem, &tid, &sb);
	e->pub.decoded = own(e, strbuf_detach(&sb));
	/*
	 * Until its exec the program is our launcher (a fork of
	 * seccompdbg): a backtrace would show our code, not the program's.
	 */
	if (launching)
		e->pub.hint = launch_hint;
	else if (is_origin_wanted(s))
		e->has_cap = s->mode->unwind(s, e, &e->cap) == 0;
	if (!s->fe.no_origin)
		describe_origin(s, e);
	/* A bad architecture is refused whatever the rules say. */
	why = e->pub.rule_id == RESOLVE_ID_BADARCH
		      ? why_bad_arch()
		      : why_find(e->pub.name, e->pub.args, &e->pub.verdict);
	e->pub.why = why ? why->text : NULL;
	strbuf_release(&sb);
}

static struct session_entry *new_entry(struct session *s,
				       const struct trace_event *ev)
{
	struct session_entry *e = xcalloc(1, sizeof(*e));

	xgrow(&s->entries, &s->entries_cap, s->nentries + 1,
	      sizeof(*s->entries));
	s->entries[s->nentries++] = e;
	e->pub.id = (unsigned)s->nentries;
	e->pub.time = time_wall();
	e->pub.pid = ev->pid;
	e->pub.tid = ev->tid;
	e->pub.arch = ev->seccomp.arch;
	e->pub.nr = ev->seccomp.nr;
	memcpy(e->pub.args, ev->seccomp.args, sizeof(e->pub.args));
	e->pub.ip = ev->seccomp.ip;
	e->pub.sp = ev->seccomp.sp;
	e->pub.state = SESSION_PENDING;
	return e;
}

void session_on_seccomp(struct session *s, const struct trace_event *ev)
{
	const struct session_deny_rule *deny;
	struct session_entry *e;
	struct eval_result res;

	/* The program is over and said so (its exit event is out): a call
	 * still coming from what we killed, a notification queued before
	 * the kill, is answered without a word after it. */
	if (s->exited) {
		session_deny_errno(s, ev->tid, ENOSYS);
		return;
	}
	if (ev->seccomp.launching &&
	    !is_exec(ev->seccomp.arch, ev->seccomp.nr)) {
		session_allow_thread(s, ev->tid);
		return;
	}
	eval_call(s->eval, ev->seccomp.arch, ev->seccomp.nr, ev->seccomp.args,
		  &res);
	if (profile_action_is_allow(res.verdict.action)) {
		remembered_allow(s, ev);
		return;
	}
	deny = session_deny_lookup(s, ev->seccomp.arch, ev->seccomp.nr,
				   ev->seccomp.args);
	if (deny) {
		remembered_deny(s, ev, deny);
		return;
	}
	e = new_entry(s, ev);
	fill_process(s, e);
	fill_rule(s, e, &res);
	fill_origin(s, e, ev->seccomp.launching);
	s->npending++;
	/*
	 * When only the events file shows the backtrace (record --events),
	 * the front end decides first, the thread runs on, and the
	 * backtrace is described after: the decision's event is held until
	 * the denial's is written.
	 */
	if (e->has_cap)
		session_event_hold(s, e->pub.id);
	else
		session_event_denial(s, e);
	session_tell_denial(s, e);
	session_allow_startup(s, e);
	if (e->has_cap) {
		describe_origin(s, e);
		session_event_denial(s, e);
	}
}

void session_on_exit(struct session *s, pid_t tid)
{
	size_t i;

	if (!s->npending)
		return;
	/* the newest denials are the likely ones */
	for (i = s->nentries; i-- > 0;) {
		struct session_entry *e = s->entries[i];

		if (e->pub.tid != tid || e->pub.state != SESSION_PENDING)
			continue;
		e->pub.state = SESSION_GONE;
		s->npending--;
		session_event_decision(s, e, NULL);
		session_tell_denial(s, e);
		return;
	}
}
