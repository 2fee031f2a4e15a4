// SPDX-License-Identifier: Apache-2.0
/*
 * Decisions: the one way every front end answers a denial.
 *
 * Allowed calls run as they are (the thread continues: the kernel runs
 * the call and the program gets exactly what it gets natively). Denied
 * calls get what the profile would give them:
 *
 *   ERRNO(e)          -e (e outside 1..4095 cannot be set through the
 *                     return register as an error: EPERM then)
 *   KILL, KILL_THREAD the thread dies by SIGSYS, as the kernel kills it
 *   KILL_PROCESS      the process dies by SIGSYS
 *   TRAP              -ENOSYS and a SIGSYS sent to the thread (not the
 *                     kernel's own: its siginfo says tgkill, not
 *                     SYS_SECCOMP; see docs/session.md); in TRAP mode
 *                     the kernel's own SIGSYS, which we held
 *   TRACE, NOTIFY     -ENOSYS: what the kernel gives when no tracer or
 *                     listener is there, as for a container
 *
 * "All identical" answers every pending denial of the same call (arch,
 * number and the arguments the call has) with it; for a deny it is remembered,
 * so later identical calls are denied unasked.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/sysent.h"

int session_profile_errno(const struct profile_verdict *v)
{
	switch (v->action) {
	case PROFILE_ACT_KILL:
	case PROFILE_ACT_KILL_THREAD:
	case PROFILE_ACT_KILL_PROCESS:
		return 0;
	case PROFILE_ACT_ERRNO:
		return v->data >= 1 && v->data <= 4095 ? (int)v->data : EPERM;
	default:
		return ENOSYS;
	}
}

void session_deny_thread(struct session *s, pid_t pid, pid_t tid,
			 const struct session_denial *d)
{
	if (d->state == SESSION_DENIED_ERRNO)
		session_deny_errno(s, tid, d->errno_used);
	else
		session_deny_as_profile(s, pid, tid, &d->verdict);
}

static enum session_state state_of(enum session_action a)
{
	switch (a) {
	case SESSION_ALLOW_ONCE:
		return SESSION_ALLOWED_ONCE;
	case SESSION_ALLOW_ALWAYS:
		return SESSION_ALLOWED_ALWAYS;
	case SESSION_ALLOW_ARGS:
		return SESSION_ALLOWED_ARGS;
	case SESSION_DENY:
		return SESSION_DENIED;
	case SESSION_DENY_ERRNO:
		return SESSION_DENIED_ERRNO;
	case SESSION_KILL:
		break;
	}
	return SESSION_KILLED;
}

/* Resume E's thread as DEC says; E leaves the queue. */
static void answer(struct session *s, struct session_entry *e,
		   const struct session_decision *dec, unsigned by)
{
	struct session_denial *d = &e->pub;
	int rc;

	d->state = state_of(dec->action);
	d->errno_used = dec->action == SESSION_DENY_ERRNO ? dec->errno_value
			: dec->action == SESSION_DENY
				? session_profile_errno(&d->verdict)
				: 0;
	d->answered_by = by;
	s->npending--;
	session_event_decision(s, e, dec);
	/*
	 * Front ends hear of the answer before the thread runs on, so what
	 * they print of it comes before what the program prints next.
	 */
	session_tell_denial(s, e);
	if (d->state == SESSION_DENIED || d->state == SESSION_DENIED_ERRNO) {
		session_deny_thread(s, d->pid, d->tid, d);
		rc = 0;
	} else {
		rc = session_allow_thread(s, d->tid);
	}
	/* vanished meanwhile (a SIGKILL took it): its exit follows */
	if (rc == -ESRCH) {
		d->state = SESSION_GONE;
		session_tell_denial(s, e);
	}
}

/*
 * The arguments that make a call what it is: those it has (registers
 * past them hold whatever the caller left there), zeroed beyond.
 */
static void call_args(uint32_t arch, int nr, const uint64_t in[6],
		      uint64_t out[6])
{
	const struct sysent_sig *sig = sysent_sig_nr(arch, nr);
	size_t n = sig ? sig->nargs : 6, i;

	for (i = 0; i < 6; i++)
		out[i] = i < n ? in[i] : 0;
}

static bool is_identical(const struct session_denial *a,
			 const struct session_denial *b)
{
	uint64_t x[6], y[6];

	if (a->arch != b->arch || a->nr != b->nr)
		return false;
	call_args(a->arch, a->nr, a->args, x);
	call_args(b->arch, b->nr, b->args, y);
	return !memcmp(x, y, sizeof(x));
}

/* The other pending denials DEC also answers. */
static void answer_others(struct session *s, const struct session_entry *e,
			  const struct session_decision *dec)
{
	bool edited = dec->action == SESSION_ALLOW_ALWAYS ||
		      dec->action == SESSION_ALLOW_ARGS;
	struct eval_result res;
	size_t i;

	for (i = 0; i < s->nentries && s->npending; i++) {
		struct session_entry *o = s->entries[i];

		if (o == e || o->pub.state != SESSION_PENDING)
			continue;
		if (edited) {
			/* the profile allows it now: as a new stop would be */
			eval_call(s->eval, o->pub.arch, o->pub.nr, o->pub.args,
				  &res);
			if (profile_action_is_allow(res.verdict.action))
				answer(s, o, dec, e->pub.id);
		} else if (dec->all_identical &&
			   is_identical(&o->pub, &e->pub)) {
			answer(s, o, dec, e->pub.id);
		}
	}
}

uint64_t session_key_args(uint32_t arch, int nr, const uint64_t args[6])
{
	uint64_t h = hmap_mix((uint64_t)arch << 32, (uint32_t)nr);
	size_t i;

	for (i = 0; i < 6; i++)
		h = hmap_mix(h, args[i]);
	return h;
}

static void remember_deny(struct session *s, const struct session_entry *e)
{
	struct session_deny_rule *r;

	xgrow(&s->denies, &s->denies_cap, s->ndenies + 1, sizeof(*s->denies));
	r = &s->denies[s->ndenies];
	r->arch = e->pub.arch;
	r->nr = e->pub.nr;
	call_args(r->arch, r->nr, e->pub.args, r->args);
	r->id = e->pub.id;
	hmap_add(&s->deny_map, session_key_args(r->arch, r->nr, r->args),
		 (void *)(uintptr_t)s->ndenies++);
}

const struct session_deny_rule *session_deny_lookup(const struct session *s,
						    uint32_t arch, int nr,
						    const uint64_t args[6])
{
	uint64_t key, a[6];
	size_t pos = 0;
	void *i;

	if (!s->ndenies)
		return NULL;
	call_args(arch, nr, args, a);
	key = session_key_args(arch, nr, a);
	while (hmap_find(&s->deny_map, key, &pos, &i)) {
		const struct session_deny_rule *r = &s->denies[(uintptr_t)i];

		if (r->arch == arch && r->nr == nr &&
		    !memcmp(r->args, a, sizeof(a)))
			return r;
	}
	return NULL;
}

static int check_decision(const struct session_entry *e,
			  const struct session_decision *dec, struct err *err)
{
	if (e->pub.state != SESSION_PENDING)
		return err_set(err, EINVAL, "denial %u was answered already",
			       e->pub.id);
	if (dec->action == SESSION_DENY_ERRNO &&
	    (dec->errno_value < 1 || dec->errno_value > 4095))
		return err_set(err, EINVAL,
			       "errno %d: a denial returns 1 to 4095",
			       dec->errno_value);
	if (dec->action == SESSION_ALLOW_ARGS &&
	    (dec->nconds < 1 || dec->nconds > 6))
		return err_set(err, EINVAL,
			       "allow with arguments needs 1 to 6 conditions");
	return 0;
}

/* The runtime's start-up calls, pending and to come: allowed always. */
static void allow_startup(struct session *s)
{
	size_t i;

	s->startup_allowed = true;
	for (i = 0; i < s->nentries && s->npending; i++)
		session_allow_startup(s, s->entries[i]);
}

int session_decide(struct session *s, unsigned id,
		   const struct session_decision *dec, struct err *err)
{
	struct session_entry *e = session_entry(s, id);
	int rc;

	if (!e)
		return err_set(err, EINVAL, "no denial %u", id);
	rc = check_decision(e, dec, err);
	if (rc < 0)
		return rc;
	if (dec->action == SESSION_KILL) {
		session_kill_program(s);
		return 0;
	}
	if (dec->action == SESSION_ALLOW_ALWAYS ||
	    dec->action == SESSION_ALLOW_ARGS) {
		session_mark_edits(s);
		rc = dec->action == SESSION_ALLOW_ALWAYS
			     ? session_accept_always(s, e, err)
			     : session_accept_args(s, e, dec->conds,
						   dec->nconds, err);
		if (rc < 0)
			return rc; /* still pending: the front end decides */
	}
	answer(s, e, dec, 0);
	if ((dec->action == SESSION_DENY ||
	     dec->action == SESSION_DENY_ERRNO) &&
	    dec->all_identical)
		remember_deny(s, e);
	answer_others(s, e, dec);
	if (dec->action == SESSION_ALLOW_ALWAYS && dec->all_startup)
		allow_startup(s);
	if (dec->action == SESSION_ALLOW_ALWAYS ||
	    dec->action == SESSION_ALLOW_ARGS)
		session_tell_status(s);
	return 0;
}

void session_allow_startup(struct session *s, struct session_entry *e)
{
	const struct session_decision all = {.action = SESSION_ALLOW_ALWAYS};

	if (s->startup_allowed && e->pub.startup &&
	    e->pub.state == SESSION_PENDING)
		session_decide(s, e->pub.id, &all, NULL);
}
