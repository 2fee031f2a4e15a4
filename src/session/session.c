// SPDX-License-Identifier: Apache-2.0
/*
 * The session object: the candidate profile, what it resolves to on this
 * host, the eval that judges every stop, and the filter the program gets.
 *
 * The filter is compiled once, before anything is traced (compile runs
 * libseccomp in a child process, and the tracer reaps every child of
 * ours). It can never be relaxed afterwards anyway: edits only change
 * the profile, which is resolved again and handed to a new eval, and
 * every later stop asks that eval (docs/session.md).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static void diags_add(struct strbuf *out, const struct profile *p,
		      const struct profile_diag *d, size_t n)
{
	size_t i;

	for (i = 0; out && i < n; i++) {
		profile_diag_format(p, &d[i], out);
		strbuf_addc(out, '\n');
	}
}

static int load_profile(struct session *s, struct err *err)
{
	const struct session_config *c = &s->cfg;
	int rc;

	if (!c->profile_path) {
		s->profile = profile_new_empty(c->format);
		return 0;
	}
	rc = profile_load(c->profile_path, c->format, &s->profile, err);
	if (rc < 0)
		return rc;
	diags_add(c->diags, s->profile, s->profile->diags, s->profile->ndiags);
	if (profile_has_errors(s->profile))
		return err_set(err, EINVAL, "%s: the profile has errors",
			       c->profile_path);
	if (s->profile->unconfined)
		return err_set(
			err, EINVAL,
			"%s: the profile is unconfined (no defaultAction and no syscalls): Docker would run without seccomp, nothing to debug",
			c->profile_path);
	return 0;
}

int session_reresolve(struct session *s, struct err *err)
{
	struct resolve_result *r;
	int rc;

	rc = resolve_profile(s->profile, &s->cfg.env, &r, err);
	if (rc < 0)
		return rc;
	eval_free(s->eval);
	resolve_result_free(s->resolved);
	s->resolved = r;
	s->eval = eval_new(r);
	/* which decision answers a call may have changed */
	hmap_clear(&s->credit);
	return 0;
}

static int check_config(const struct session_config *c, struct err *err)
{
	if (!c->no_new_privs && geteuid() != 0)
		return err_set(
			err, EPERM,
			"--no-new-privs=off needs root: without no_new_privs only CAP_SYS_ADMIN may load a filter");
	if (!c->argv || !c->argv[0])
		return err_set(err, EINVAL, "no command to run");
	return session_mode_probe(c->mode, err);
}

int session_new(const struct session_config *cfg, struct session **out,
		struct err *err)
{
	struct session *s;
	int rc;

	*out = NULL;
	rc = check_config(cfg, err);
	if (rc < 0)
		return rc;
	s = xcalloc(1, sizeof(*s));
	s->cfg = *cfg;
	s->pty = -1;
	s->mode = session_mode_of(cfg->mode);
	rc = load_profile(s, err);
	if (rc == 0)
		rc = session_reresolve(s, err);
	if (rc == 0) {
		diags_add(cfg->diags, s->profile, s->resolved->diags,
			  s->resolved->ndiags);
		rc = s->mode->prepare(s, err);
	}
	if (rc == 0)
		rc = session_events_open(s, err);
	if (rc < 0) {
		session_free(s);
		return rc;
	}
	s->unwind = unwind_new();
	*out = s;
	return 0;
}

static void entry_free(struct session_entry *e)
{
	size_t i;

	if (e->has_cap)
		unwind_capture_release(&e->cap);
	for (i = 0; i < e->nstrings; i++)
		free(e->strings[i]);
	free(e->strings);
	free(e);
}

void session_free(struct session *s)
{
	size_t i;

	if (!s)
		return;
	session_loop_release(s);
	session_events_end(s, NULL);
	unwind_free(s->unwind);
	for (i = 0; i < s->nentries; i++)
		entry_free(s->entries[i]);
	free(s->entries);
	free(s->accepts);
	free(s->denies);
	free(s->marks);
	hmap_release(&s->credit);
	hmap_release(&s->deny_map);
	compile_bpf_release(&s->bpf);
	eval_free(s->eval);
	resolve_result_free(s->resolved);
	profile_free(s->profile);
	free(s->failure);
	free(s->end_note);
	free(s);
}

struct session_entry *session_entry(const struct session *s, unsigned id)
{
	return id >= 1 && id <= s->nentries ? s->entries[id - 1] : NULL;
}

const struct session_denial *session_denial(const struct session *s,
					    unsigned id)
{
	const struct session_entry *e = session_entry(s, id);

	return e ? &e->pub : NULL;
}

const struct session_config *session_config(const struct session *s)
{
	return &s->cfg;
}

void session_tell_denial(struct session *s, const struct session_entry *e)
{
	if (s->fe.denial)
		s->fe.denial(s->fe.ctx, &e->pub);
}

void session_tell_status(struct session *s)
{
	if (s->fe.status)
		s->fe.status(s->fe.ctx);
}

static size_t unsaved(const struct session *s)
{
	size_t now = profile_edits(s->profile);

	if (s->saved_stale)
		return now + 1;
	return now > s->saved_edits ? now - s->saved_edits
				    : s->saved_edits - now;
}

void session_get_status(const struct session *s, struct session_status *st)
{
	memset(st, 0, sizeof(*st));
	if (s->trace)
		trace_counts(s->trace, &st->nprocesses, &st->nthreads);
	st->npending = s->npending;
	st->ndenials = s->nentries;
	st->started = s->started;
	st->running = s->started && !s->exited;
	st->exit_status = s->exit_status;
	st->unsaved = unsaved(s);
	st->signal = s->signal;
	st->failure = s->failure;
	st->remembered = s->remembered;
	if (s->mode && s->mode->count)
		s->mode->count(s, st);
}

void session_mark_edits(struct session *s)
{
	xgrow(&s->marks, &s->marks_cap, s->nmarks + 1, sizeof(*s->marks));
	s->marks[s->nmarks++] = profile_edits(s->profile);
}

int session_undo(struct session *s, struct err *err)
{
	size_t to;
	int rc;

	/* a decision that ended up editing nothing leaves no step */
	while (s->nmarks &&
	       s->marks[s->nmarks - 1] >= profile_edits(s->profile))
		s->nmarks--;
	if (!s->nmarks)
		return err_set(err, ENOENT, "nothing to undo");
	to = s->marks[--s->nmarks];
	while (profile_edits(s->profile) > to)
		if (profile_undo(s->profile) < 0)
			break;
	if (profile_edits(s->profile) < s->saved_edits)
		s->saved_stale = true;
	session_accepts_trim(s);
	rc = session_reresolve(s, err);
	session_tell_status(s);
	return rc;
}

int session_save(struct session *s, struct err *err)
{
	int rc;

	if (!s->cfg.output_path)
		return err_set(err, EINVAL,
			       "no output file: give -o to save the profile");
	rc = profile_save(s->profile, s->cfg.output_path, err);
	if (rc < 0)
		return rc;
	s->saved = true;
	s->saved_edits = profile_edits(s->profile);
	s->saved_stale = false;
	session_tell_status(s);
	return 0;
}
