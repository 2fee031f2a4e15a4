// SPDX-License-Identifier: Apache-2.0
/*
 * The events file (--events): JSON Lines, one object per denial, per
 * decision and per call answered by a remembered decision, plus a first
 * "start" and a last "exit" line. docs/events.md is the schema.
 *
 * Each line is a tree of values written by json-c (the doc module).
 * Strings the program controls (comm, exe, the decoded call, frames) are
 * put in their C-escaped form (as the terminal shows them), which json-c
 * then quotes: a reader gets text without control bytes, and nothing is
 * lost (escape_c is reversible, unlike a UTF-8 repair). 64-bit values
 * (arguments, addresses) are hex strings, which JSON numbers cannot hold
 * exactly. Lines go through stdio's buffer and are flushed at each
 * denial and at exit, so a reader following the file sees each denial
 * as it happens without paying a write per remembered call.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/doc.h"
#include "seccompdbg/sysent.h"

/* Every line starts with the time and the kind of event. */
static struct doc *head(double time, const char *event)
{
	struct doc *o = doc_object();

	doc_put(o, "time", doc_fixed(time, 6));
	doc_put_str(o, "event", event);
	return o;
}

/* A number, or null for none (0). */
static void put_or_null(struct doc *o, const char *key, long long v)
{
	doc_put(o, key, v ? doc_int(v) : doc_null());
}

/* Escaped raw bytes (comm, exe), bounded. */
static void put_raw(struct doc *o, const char *key, const char *raw, size_t max)
{
	struct strbuf esc = STRBUF_INIT;

	if (raw)
		escape_c(&esc, raw, strnlen(raw, max));
	doc_put_str(o, key, raw ? strbuf_str(&esc) : NULL);
	strbuf_release(&esc);
}

static void call(struct doc *o, pid_t pid, pid_t tid, uint32_t arch, int nr,
		 const uint64_t args[6])
{
	const struct sysent_arch *a = sysent_arch_by_token(arch);
	const char *name = sysent_name(arch, nr);
	struct doc *list = doc_array();
	char unnamed[32];
	size_t i;

	doc_put_int(o, "pid", pid);
	doc_put_int(o, "tid", tid);
	doc_put_str(o, "arch", a ? a->name : NULL);
	snprintf(unnamed, sizeof(unnamed), "syscall_%d", nr);
	doc_put_str(o, "syscall", name ? name : unnamed);
	doc_put_int(o, "nr", nr);
	for (i = 0; i < 6; i++)
		doc_push(list, doc_hex(args[i]));
	doc_put(o, "args", list);
}

static struct doc *rule(const struct session_denial *d)
{
	struct doc *o = doc_object();
	struct strbuf v = STRBUF_INIT;

	doc_put_str(o, "path", d->rule_path ? d->rule_path : "");
	doc_put_uint(o, "id", d->rule_id);
	doc_put_str(o, "action", profile_action_name(d->verdict.action));
	profile_verdict_format(&d->verdict, &v);
	doc_put_str(o, "verdict", strbuf_str(&v));
	doc_put(o, "errno",
		d->verdict.action == PROFILE_ACT_ERRNO
			? doc_uint(d->verdict.data)
			: doc_null());
	doc_put_str(o, "comment", d->rule_comment);
	strbuf_release(&v);
	return o;
}

/* The backtrace's lines as an array of strings. */
static struct doc *frames(const char *bt)
{
	struct doc *list;
	const char *p, *nl;

	if (!bt)
		return doc_null();
	list = doc_array();
	for (p = bt; *p; p = *nl ? nl + 1 : nl) {
		nl = strchrnul(p, '\n');
		doc_push(list, doc_strn(p, (size_t)(nl - p)));
	}
	return list;
}

/* CONTAINER mode: which container, and whether the runtime asked. */
static void container(struct doc *o, const struct session_denial *d)
{
	struct doc *c = doc_object();

	doc_put_str(c, "id", d->container_id ? d->container_id : "");
	doc_put_str(c, "name", d->container_name);
	doc_put_str(c, "image", d->container_image);
	doc_put(o, "container", c);
	doc_put_bool(o, "startup", d->startup);
}

static struct doc *denial(const struct session_denial *d)
{
	struct doc *o = head(d->time, "denial");

	doc_put_uint(o, "id", d->id);
	call(o, d->pid, d->tid, d->arch, d->nr, d->args);
	doc_put_int(o, "ppid", d->ppid);
	doc_put_str(o, "comm", d->comm);
	doc_put_str(o, "exe", d->exe);
	doc_put_hex(o, "ip", d->ip);
	doc_put_hex(o, "sp", d->sp);
	doc_put(o, "rule", rule(d));
	doc_put_str(o, "decoded", d->decoded);
	doc_put_str(o, "hint", d->hint);
	doc_put(o, "backtrace", frames(d->backtrace));
	doc_put_str(o, "why", d->why);
	doc_put_bool(o, "racy", d->racy);
	doc_put_str(o, "degraded", d->degraded);
	if (d->container)
		container(o, d);
	return o;
}

/* O as one line, in place of what OUT held; O is freed. */
static void line(struct doc *o, struct strbuf *out)
{
	strbuf_reset(out);
	doc_write_json(o, DOC_LINE, out);
	doc_free(o);
}

void session_json_denial(const struct session_denial *d, struct strbuf *out)
{
	line(denial(d), out);
}

const char *session_state_key(enum session_state st)
{
	static const char *const keys[] = {
		[SESSION_PENDING] = "pending",
		[SESSION_ALLOWED_ONCE] = "allow_once",
		[SESSION_ALLOWED_ALWAYS] = "allow_always",
		[SESSION_ALLOWED_ARGS] = "allow_args",
		[SESSION_DENIED] = "deny",
		[SESSION_DENIED_ERRNO] = "deny_errno",
		[SESSION_KILLED] = "kill",
		[SESSION_GONE] = "gone",
	};

	return st < ARRAY_SIZE(keys) && keys[st] ? keys[st] : "?";
}

static struct doc *conds(const struct profile_arg *c, size_t n)
{
	struct doc *list = doc_array(), *o;
	size_t i;

	for (i = 0; i < n; i++) {
		o = doc_object();
		doc_put_uint(o, "index", c[i].index);
		doc_put_str(o, "op", profile_op_name(c[i].op));
		doc_put_hex(o, "value", c[i].value);
		doc_put_hex(o, "valueTwo", c[i].value_two);
		doc_push(list, o);
	}
	return list;
}

/*
 * The first failed write (a full disk, /dev/full, a reader gone) is kept
 * for session_events_end: the run goes on, and says it at the end.
 */
static void events_write(struct session *s, const char *buf, size_t len,
			 bool flush)
{
	if (fwrite(buf, 1, len, s->events) != len && !s->events_errno)
		s->events_errno = errno ? errno : EIO;
	if (flush && fflush(s->events) != 0 && !s->events_errno)
		s->events_errno = errno ? errno : EIO;
}

static void emit(struct session *s, bool flush)
{
	strbuf_addc(&s->line, '\n');
	events_write(s, s->line.buf, s->line.len, flush);
}

int session_events_open(struct session *s, struct err *err)
{
	if (!s->cfg.events_path)
		return 0;
	s->events = fopen(s->cfg.events_path, "we");
	if (!s->events)
		return err_set(err, errno, "%s: %s", s->cfg.events_path,
			       strerror(errno));
	return 0;
}

int session_events_end(struct session *s, struct err *err)
{
	int e = s->events_errno;

	if (s->events && fclose(s->events) != 0 && !e)
		e = errno ? errno : EIO;
	s->events = NULL;
	strbuf_release(&s->line);
	strbuf_release(&s->events_held);
	if (!e)
		return 0;
	return err_set(err, e, "--events %s: %s: events are missing from it",
		       s->cfg.events_path, strerror(e));
}

void session_event_start(struct session *s)
{
	struct doc *o, *argv;
	size_t i;

	if (!s->events)
		return;
	o = head(time_wall(), "start");
	argv = doc_array();
	for (i = 0; s->cfg.argv[i]; i++)
		doc_push(argv, doc_str(s->cfg.argv[i]));
	doc_put(o, "argv", argv);
	doc_put_str(o, "profile", s->cfg.profile_path);
	doc_put_str(o, "format", profile_format_name(s->profile->format));
	doc_put_str(o, "mode", session_mode_name(s->cfg.mode));
	doc_put_int(o, "pid", s->pid);
	line(o, &s->line);
	emit(s, true);
}

void session_event_hold(struct session *s, unsigned id)
{
	s->events_wait = id;
}

void session_event_denial(struct session *s, const struct session_entry *e)
{
	if (s->events_wait == e->pub.id)
		s->events_wait = 0;
	if (!s->events)
		return;
	session_json_denial(&e->pub, &s->line);
	emit(s, !s->events_held.len);
	if (!s->events_held.len)
		return;
	events_write(s, s->events_held.buf, s->events_held.len, true);
	strbuf_reset(&s->events_held);
}

void session_event_decision(struct session *s, const struct session_entry *e,
			    const struct session_decision *dec)
{
	const struct session_denial *d = &e->pub;
	bool denied =
		d->state == SESSION_DENIED || d->state == SESSION_DENIED_ERRNO;
	struct doc *o;

	if (!s->events)
		return;
	o = head(time_wall(), "decision");
	doc_put_uint(o, "id", d->id);
	call(o, d->pid, d->tid, d->arch, d->nr, d->args);
	doc_put_str(o, "decision", session_state_key(d->state));
	doc_put(o, "errno", denied ? doc_int(d->errno_used) : doc_null());
	if (dec && d->state == SESSION_ALLOWED_ARGS)
		doc_put(o, "conditions", conds(dec->conds, dec->nconds));
	doc_put_bool(o, "all_identical", dec && dec->all_identical);
	doc_put_bool(o, "remembered", false);
	put_or_null(o, "answered_by", e->pub.answered_by);
	line(o, &s->line);
	if (d->id != s->events_wait) {
		emit(s, false);
		return;
	}
	/* its denial's line is not out yet: after it, as made now */
	strbuf_add(&s->events_held, s->line.buf, s->line.len);
	strbuf_addc(&s->events_held, '\n');
}

void session_event_remembered(struct session *s, const struct trace_event *ev,
			      const char *decision, int err, unsigned by)
{
	const struct trace_process *p = trace_process(s->trace, ev->pid);
	const struct session_entry *e = session_entry(s, by);
	struct doc *o = head(time_wall(), "decision");

	doc_put_null(o, "id");
	call(o, ev->pid, ev->tid, ev->seccomp.arch, ev->seccomp.nr,
	     ev->seccomp.args);
	put_raw(o, "comm", p ? p->comm : NULL, sizeof(p->comm));
	put_raw(o, "exe", p ? p->exe : NULL, PATH_MAX);
	doc_put_hex(o, "ip", ev->seccomp.ip);
	doc_put_str(o, "decision",
		    e ? session_state_key(e->pub.state) : decision);
	put_or_null(o, "errno", err);
	doc_put_bool(o, "remembered", true);
	put_or_null(o, "answered_by", by);
	line(o, &s->line);
	emit(s, false);
}

void session_event_exit(struct session *s)
{
	struct doc *o;

	if (!s->events)
		return;
	o = head(time_wall(), "exit");
	doc_put_int(o, "status", s->exit_status);
	put_or_null(o, "signal", s->signal);
	doc_put_uint(o, "denials", s->nentries);
	doc_put_uint(o, "remembered", s->remembered);
	doc_put_str(o, "failure", s->failure);
	line(o, &s->line);
	emit(s, true);
}
