// SPDX-License-Identifier: Apache-2.0
/*
 * The events file (--events): JSON Lines, one object per denial, per
 * decision and per call answered by a remembered decision, plus a first
 * "start" and a last "exit" line. docs/events.md is the schema.
 *
 * Strings the program controls (comm, exe, the decoded call, frames) are
 * written in their C-escaped form (as the terminal shows them) and then
 * JSON-quoted: a reader gets text without control bytes, and nothing is
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
#include "seccompdbg/sysent.h"

static void key(struct strbuf *sb, const char *k)
{
	strbuf_addf(sb, "%s\"%s\":", sb->len > 1 ? "," : "", k);
}

static void key_str(struct strbuf *sb, const char *k, const char *v)
{
	key(sb, k);
	if (v)
		json_quote(sb, v);
	else
		strbuf_adds(sb, "null");
}

static void key_int(struct strbuf *sb, const char *k, long long v)
{
	key(sb, k);
	strbuf_addf(sb, "%lld", v);
}

static void key_hex(struct strbuf *sb, const char *k, uint64_t v)
{
	key(sb, k);
	strbuf_addf(sb, "\"%#llx\"", (unsigned long long)v);
}

static void head(struct strbuf *sb, double time, const char *event)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "{\"time\":%.6f", time);
	key_str(sb, "event", event);
}

/* Escaped raw bytes (comm, exe), bounded. */
static void key_raw(struct strbuf *sb, const char *k, const char *raw,
		    size_t max)
{
	struct strbuf esc = STRBUF_INIT;

	if (raw)
		escape_c(&esc, raw, strnlen(raw, max));
	key_str(sb, k, raw ? strbuf_str(&esc) : NULL);
	strbuf_release(&esc);
}

static void call(struct strbuf *sb, pid_t pid, pid_t tid, uint32_t arch, int nr,
		 const uint64_t args[6])
{
	const struct sysent_arch *a = sysent_arch_by_token(arch);
	const char *name = sysent_name(arch, nr);
	size_t i;

	key_int(sb, "pid", pid);
	key_int(sb, "tid", tid);
	key_str(sb, "arch", a ? a->name : NULL);
	if (name) {
		key_str(sb, "syscall", name);
	} else {
		key(sb, "syscall");
		strbuf_addf(sb, "\"syscall_%d\"", nr);
	}
	key_int(sb, "nr", nr);
	key(sb, "args");
	for (i = 0; i < 6; i++)
		strbuf_addf(sb, "%c\"%#llx\"", i ? ',' : '[',
			    (unsigned long long)args[i]);
	strbuf_addc(sb, ']');
}

static void rule(struct strbuf *sb, const struct session_denial *d)
{
	struct strbuf v = STRBUF_INIT;
	bool has_errno = d->verdict.action == PROFILE_ACT_ERRNO;

	key(sb, "rule");
	strbuf_addc(sb, '{');
	strbuf_addf(sb, "\"path\":");
	json_quote(sb, d->rule_path ? d->rule_path : "");
	strbuf_addf(sb, ",\"id\":%u,\"action\":", d->rule_id);
	json_quote(sb, profile_action_name(d->verdict.action));
	profile_verdict_format(&d->verdict, &v);
	strbuf_adds(sb, ",\"verdict\":");
	json_quote(sb, strbuf_str(&v));
	strbuf_adds(sb, ",\"errno\":");
	if (has_errno)
		strbuf_addf(sb, "%u", d->verdict.data);
	else
		strbuf_adds(sb, "null");
	strbuf_adds(sb, ",\"comment\":");
	if (d->rule_comment)
		json_quote(sb, d->rule_comment);
	else
		strbuf_adds(sb, "null");
	strbuf_addc(sb, '}');
	strbuf_release(&v);
}

/* The backtrace's lines as an array of strings. */
static void frames(struct strbuf *sb, const char *bt)
{
	const char *p = bt, *nl;
	struct strbuf line = STRBUF_INIT;
	bool first = true;

	key(sb, "backtrace");
	if (!bt) {
		strbuf_adds(sb, "null");
		return;
	}
	strbuf_addc(sb, '[');
	for (; *p; p = *nl ? nl + 1 : nl) {
		nl = strchrnul(p, '\n');
		strbuf_reset(&line);
		strbuf_add(&line, p, (size_t)(nl - p));
		if (!first)
			strbuf_addc(sb, ',');
		json_quote(sb, strbuf_str(&line));
		first = false;
	}
	strbuf_addc(sb, ']');
	strbuf_release(&line);
}

/* CONTAINER mode: which container, and whether the runtime asked. */
static void container(struct strbuf *out, const struct session_denial *d)
{
	key(out, "container");
	strbuf_addc(out, '{');
	strbuf_adds(out, "\"id\":");
	json_quote(out, d->container_id ? d->container_id : "");
	key_str(out, "name", d->container_name);
	key_str(out, "image", d->container_image);
	strbuf_addc(out, '}');
	key(out, "startup");
	strbuf_adds(out, d->startup ? "true" : "false");
}

void session_json_denial(const struct session_denial *d, struct strbuf *out)
{
	head(out, d->time, "denial");
	key_int(out, "id", d->id);
	call(out, d->pid, d->tid, d->arch, d->nr, d->args);
	key_int(out, "ppid", d->ppid);
	key_str(out, "comm", d->comm);
	key_str(out, "exe", d->exe);
	key_hex(out, "ip", d->ip);
	key_hex(out, "sp", d->sp);
	rule(out, d);
	key_str(out, "decoded", d->decoded);
	key_str(out, "hint", d->hint);
	frames(out, d->backtrace);
	key_str(out, "why", d->why);
	key(out, "racy");
	strbuf_adds(out, d->racy ? "true" : "false");
	key_str(out, "degraded", d->degraded);
	if (d->container)
		container(out, d);
	strbuf_addc(out, '}');
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

static void conds(struct strbuf *sb, const struct profile_arg *c, size_t n)
{
	size_t i;

	key(sb, "conditions");
	strbuf_addc(sb, '[');
	for (i = 0; i < n; i++)
		strbuf_addf(
			sb,
			"%s{\"index\":%u,\"op\":\"%s\",\"value\":\"%#llx\",\"valueTwo\":\"%#llx\"}",
			i ? "," : "", c[i].index, profile_op_name(c[i].op),
			(unsigned long long)c[i].value,
			(unsigned long long)c[i].value_two);
	strbuf_addc(sb, ']');
}

static void emit(struct session *s, bool flush)
{
	strbuf_addc(&s->line, '\n');
	fwrite(s->line.buf, 1, s->line.len, s->events);
	if (flush)
		fflush(s->events);
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

void session_events_close(struct session *s)
{
	if (s->events)
		fclose(s->events);
	s->events = NULL;
	strbuf_release(&s->line);
}

void session_event_start(struct session *s)
{
	size_t i;

	if (!s->events)
		return;
	head(&s->line, time_wall(), "start");
	key(&s->line, "argv");
	for (i = 0; s->cfg.argv[i]; i++) {
		strbuf_addc(&s->line, i ? ',' : '[');
		json_quote(&s->line, s->cfg.argv[i]);
	}
	strbuf_addc(&s->line, ']');
	key_str(&s->line, "profile", s->cfg.profile_path);
	key_str(&s->line, "format", profile_format_name(s->profile->format));
	key_str(&s->line, "mode", session_mode_name(s->cfg.mode));
	key_int(&s->line, "pid", s->pid);
	strbuf_addc(&s->line, '}');
	emit(s, true);
}

void session_event_denial(struct session *s, const struct session_entry *e)
{
	if (!s->events)
		return;
	session_json_denial(&e->pub, &s->line);
	emit(s, true);
}

void session_event_decision(struct session *s, const struct session_entry *e,
			    const struct session_decision *dec)
{
	const struct session_denial *d = &e->pub;

	if (!s->events)
		return;
	head(&s->line, time_wall(), "decision");
	key_int(&s->line, "id", d->id);
	call(&s->line, d->pid, d->tid, d->arch, d->nr, d->args);
	key_str(&s->line, "decision", session_state_key(d->state));
	key(&s->line, "errno");
	if (d->state == SESSION_DENIED || d->state == SESSION_DENIED_ERRNO)
		strbuf_addf(&s->line, "%d", d->errno_used);
	else
		strbuf_adds(&s->line, "null");
	if (dec && d->state == SESSION_ALLOWED_ARGS)
		conds(&s->line, dec->conds, dec->nconds);
	key(&s->line, "all_identical");
	strbuf_adds(&s->line, dec && dec->all_identical ? "true" : "false");
	key(&s->line, "remembered");
	strbuf_adds(&s->line, "false");
	key(&s->line, "answered_by");
	if (e->pub.answered_by)
		strbuf_addf(&s->line, "%u", e->pub.answered_by);
	else
		strbuf_adds(&s->line, "null");
	strbuf_addc(&s->line, '}');
	emit(s, false);
}

void session_event_remembered(struct session *s, const struct trace_event *ev,
			      const char *decision, int err, unsigned by)
{
	const struct trace_process *p = trace_process(s->trace, ev->pid);
	const struct session_entry *e = session_entry(s, by);

	head(&s->line, time_wall(), "decision");
	key(&s->line, "id");
	strbuf_adds(&s->line, "null");
	call(&s->line, ev->pid, ev->tid, ev->seccomp.arch, ev->seccomp.nr,
	     ev->seccomp.args);
	key_raw(&s->line, "comm", p ? p->comm : NULL, sizeof(p->comm));
	key_raw(&s->line, "exe", p ? p->exe : NULL, PATH_MAX);
	key_hex(&s->line, "ip", ev->seccomp.ip);
	key_str(&s->line, "decision",
		e ? session_state_key(e->pub.state) : decision);
	key(&s->line, "errno");
	if (err)
		strbuf_addf(&s->line, "%d", err);
	else
		strbuf_adds(&s->line, "null");
	key(&s->line, "remembered");
	strbuf_adds(&s->line, "true");
	key(&s->line, "answered_by");
	if (by)
		strbuf_addf(&s->line, "%u", by);
	else
		strbuf_adds(&s->line, "null");
	strbuf_addc(&s->line, '}');
	emit(s, false);
}

void session_event_exit(struct session *s)
{
	if (!s->events)
		return;
	head(&s->line, time_wall(), "exit");
	key_int(&s->line, "status", s->exit_status);
	key(&s->line, "signal");
	if (s->signal)
		strbuf_addf(&s->line, "%d", s->signal);
	else
		strbuf_adds(&s->line, "null");
	key_int(&s->line, "denials", (long long)s->nentries);
	key_int(&s->line, "remembered", (long long)s->remembered);
	key_str(&s->line, "failure", s->failure);
	strbuf_addc(&s->line, '}');
	emit(s, true);
}
