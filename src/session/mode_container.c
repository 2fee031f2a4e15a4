// SPDX-License-Identifier: Apache-2.0
/*
 * CONTAINER mode: the refusals come from containers a runtime starts,
 * through the OCI seccomp notify agent (container.h, docs/containers.md).
 *
 * Before the command starts, the debug profile is written in a private
 * directory (or a copy of the bundle with it), the agent listens there,
 * and every "@" of the command becomes the profile's path (the bundle's
 * copy). The command itself runs unconfined and untraced: it is the
 * runtime (podman, runc, crun, docker), and its end ends the session.
 *
 * Each connection hands over one filter's notification fd: a struct
 * notify of its own, one more descriptor in the loop. From there a
 * notification is what NOTIFY mode's is: the same seccomp event, the
 * same denial, answered through the listener it came from. eval decides
 * every one, so a call the candidate (as edited) refuses is never
 * continued, whatever the rewrite let libseccomp merge.
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "seccompdbg/container.h"
#include "seccompdbg/notify.h"
#include "seccompdbg/sysent.h"

/* How often waiting calls are checked for having gone away (ms). */
#define SWEEP_MS 100

/* One filter a runtime handed us. */
struct ctr {
	struct notify *notify;	 /* NULL once no process uses it */
	pid_t pid;		 /* the process it was made for */
	bool exec;		 /* an exec into a running container */
	char *label;		 /* "NAME (ID)", escaped */
	char *id, *name, *image; /* escaped, or NULL */
};

/* What the mode keeps (s->mode_data). */
struct agent {
	struct container_agent *sock;
	struct compile_bpf ids; /* the TRAP program: rule ids of calls */
	struct ctr **ctrs;
	size_t nctrs, cap;
	enum container_runtime runtime;
	char *dir;   /* the debug profile and the socket */
	char **argv; /* the command, "@" filled in */
};

static struct agent *state(const struct session *s)
{
	return s->mode_data;
}

static int container_prepare(struct session *s, struct err *err)
{
	struct agent *a = xcalloc(1, sizeof(*a));
	int rc;

	s->mode_data = a;
	/* the runtime compiles its own filter: ours checks that libseccomp
	 * takes the profile, and the TRAP program names rule ids */
	rc = compile_filter(s->resolved, COMPILE_NOTIFY, &s->bpf, err);
	if (rc == 0)
		rc = compile_filter(s->resolved, COMPILE_TRAP, &a->ids, err);
	return rc;
}

/* ---- the containers ---------------------------------------------------- */

static struct ctr *ctr_of_tid(const struct session *s, pid_t tid)
{
	const struct agent *a = state(s);
	size_t i;

	for (i = 0; i < a->nctrs; i++)
		if (a->ctrs[i]->notify && notify_has(a->ctrs[i]->notify, tid))
			return a->ctrs[i];
	return NULL;
}

static struct ctr *ctr_of_fd(const struct agent *a, int fd)
{
	size_t i;

	for (i = 0; i < a->nctrs; i++)
		if (a->ctrs[i]->notify && notify_fd(a->ctrs[i]->notify) == fd)
			return a->ctrs[i];
	return NULL;
}

static char *escaped(const char *raw, size_t max)
{
	struct strbuf sb = STRBUF_INIT;

	if (!raw)
		return NULL;
	escape_c(&sb, raw, strnlen(raw, max));
	return strbuf_detach(&sb);
}

/* "NAME (ID)", the id cut to Docker's 12 characters. */
static char *label(const struct container_state *st)
{
	struct strbuf sb = STRBUF_INIT;
	const char *id = st->id ? st->id : "?";

	if (st->name)
		escape_c(&sb, st->name, strnlen(st->name, 256));
	strbuf_adds(&sb, st->name ? " (" : "");
	escape_c(&sb, id, strnlen(id, 12));
	strbuf_adds(&sb, st->name ? ")" : "");
	return strbuf_detach(&sb);
}

static void on_listener(void *ctx, int fd);

static void ctr_add(struct session *s, struct container_state *st)
{
	struct agent *a = state(s);
	struct ctr *c = xcalloc(1, sizeof(*c));

	c->notify = notify_new(st->fd);
	st->fd = -1;
	c->pid = st->pid;
	c->exec = st->status && !strcmp(st->status, "running");
	c->label = label(st);
	c->id = escaped(st->id, 256);
	c->name = escaped(st->name, 256);
	c->image = escaped(st->image, 1024);
	xgrow(&a->ctrs, &a->cap, a->nctrs + 1, sizeof(*a->ctrs));
	a->ctrs[a->nctrs++] = c;
	session_watch(s, notify_fd(c->notify), on_listener, s);
	session_tell_status(s);
}

static void ctr_free(struct ctr *c)
{
	notify_free(c->notify);
	free(c->label);
	free(c->id);
	free(c->name);
	free(c->image);
	free(c);
}

/* A notification of container C: the seccomp event NOTIFY's would be. */
static void on_call(struct session *s, struct ctr *c,
		    const struct notify_call *call)
{
	struct trace_event ev;

	if (session_notify_event(s, c->notify, &state(s)->ids, call, &ev) == 0)
		session_on_seccomp(s, &ev);
}

static void on_listener(void *ctx, int fd)
{
	struct session *s = ctx;
	struct ctr *c = ctr_of_fd(state(s), fd);
	struct notify_call call;
	size_t n = 0;
	int rc = 0;

	/* bounded, as NOTIFY's: the loop must come back to its signals */
	while (c && c->notify && n++ < SESSION_DRAIN_MAX &&
	       (rc = notify_recv(c->notify, &call)) == 1)
		on_call(s, c, &call);
	/* No process uses the filter any more: close it (runc 1.1 waits
	 * for that before it exits). */
	if (c && c->notify && rc == -EPIPE) {
		session_watch(s, fd, NULL, NULL);
		notify_free(c->notify);
		c->notify = NULL;
		session_tell_status(s);
	}
}

static void on_conn(void *ctx, int fd)
{
	struct session *s = ctx;
	struct container_state st;
	struct err err = {""};
	int rc = container_agent_read(state(s)->sock, fd, &st, &err);

	if (rc == 0)
		return;
	session_watch(s, fd, NULL, NULL);
	if (rc == -ENOTCONN)
		return;
	/* a runtime that sent something else: its container cannot
	 * start, and the status says why */
	if (rc < 0) {
		if (!s->failure)
			s->failure =
				xasprintf("the container agent: %s", err.msg);
		return;
	}
	ctr_add(s, &st);
	container_state_release(&st);
}

static void on_agent(void *ctx, int fd)
{
	struct session *s = ctx;
	int fds[64];
	size_t n, i;

	(void)fd;
	container_agent_accept(state(s)->sock);
	n = container_agent_conns(state(s)->sock, fds, ARRAY_SIZE(fds));
	for (i = 0; i < n; i++)
		session_watch(s, fds[i], on_conn, s);
}

/* ---- before the command ------------------------------------------------ */

/*
 * runc refuses NOTIFY on write, and its init writes to its parent right
 * after loading the filter: under a profile that refuses write no
 * container can start, and the refusal could not be caught anyway.
 */
static int runc_can_start(const struct session *s, struct err *err)
{
	const struct sysent_arch *native = sysent_arch_native();
	const uint64_t args[6] = {0};
	struct eval_result res;

	eval_call(s->eval, native->token, sysent_nr(native->token, "write"),
		  args, &res);
	if (profile_action_is_allow(res.verdict.action))
		return 0;
	return err_set(
		err, EINVAL,
		"the profile refuses write, which runc cannot hand to an agent (it refuses SCMP_ACT_NOTIFY on write) and which its own init needs once the filter is loaded: allow write in the profile, or use crun (--runtime crun)");
}

static int pick_runtime(struct session *s, struct err *err)
{
	struct agent *a = state(s);
	bool sure;

	if (s->cfg.runtime &&
	    container_runtime_lookup(s->cfg.runtime, &a->runtime) < 0)
		return err_set(err, EINVAL,
			       "--runtime %s: neither runc nor crun",
			       s->cfg.runtime);
	if (!s->cfg.runtime)
		a->runtime = container_runtime_guess(s->cfg.argv, &sure);
	return a->runtime == CONTAINER_RUNC ? runc_can_start(s, err) : 0;
}

static int write_profile(struct session *s, const char *listener,
			 struct strbuf *path, struct err *err)
{
	struct agent *a = state(s);
	struct strbuf json = STRBUF_INIT;
	int rc;

	container_debug_profile(s->resolved, a->runtime, listener, &json, NULL);
	if (s->cfg.bundle) {
		strbuf_addf(path, "%s/bundle", a->dir);
		rc = container_bundle_copy(s->cfg.bundle, strbuf_str(path),
					   strbuf_str(&json), err);
	} else {
		strbuf_addf(path, "%s/profile.json", a->dir);
		rc = write_file_atomic(strbuf_str(path), json.buf, json.len,
				       err);
	}
	strbuf_release(&json);
	return rc;
}

static int make_dir(struct agent *a, struct err *err)
{
	const char *tmp = getenv("TMPDIR");
	int rc;

	a->dir = xasprintf("%s/seccompdbg-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(a->dir))
		return 0;
	rc = err_set(err, errno, "%s: %s", a->dir, strerror(errno));
	free(a->dir);
	a->dir = NULL;
	return rc;
}

static int container_start(struct session *s, struct err *err)
{
	struct agent *a = state(s);
	struct strbuf path = STRBUF_INIT, sock = STRBUF_INIT;
	size_t n;
	int rc;

	rc = pick_runtime(s, err);
	if (rc == 0)
		rc = make_dir(a, err);
	if (rc < 0)
		return rc;
	if (s->cfg.listen)
		strbuf_adds(&sock, s->cfg.listen);
	else
		strbuf_addf(&sock, "%s/agent.sock", a->dir);
	rc = container_agent_new(strbuf_str(&sock), &a->sock, err);
	if (rc == 0)
		rc = write_profile(s, container_agent_path(a->sock), &path,
				   err);
	if (rc == 0) {
		a->argv =
			container_argv_fill(s->cfg.argv, strbuf_str(&path), &n);
		s->cfg.argv = a->argv;
		if (n == 0)
			rc = err_set(
				err, EINVAL,
				"the command has no \"@\" for the debug profile (podman run --security-opt seccomp=@ ..., runc run --bundle @ ID)");
	}
	if (rc == 0)
		session_watch(s, container_agent_fd(a->sock), on_agent, s);
	strbuf_release(&path);
	strbuf_release(&sock);
	/* run's 127 and 126 say the command was not found or cannot run:
	 * a missing bundle or socket directory is our failure (125) */
	return rc == -ENOENT || rc == -EACCES ? -EINVAL : rc;
}

/* ---- the loop and the answers ------------------------------------------- */

static int container_timeout(const struct session *s)
{
	const struct agent *a = state(s);
	size_t i;

	for (i = 0; i < a->nctrs; i++)
		if (a->ctrs[i]->notify && notify_waiting(a->ctrs[i]->notify))
			return SWEEP_MS;
	return -1;
}

/* Calls whose thread ended or went on without them are gone; a call
 * that comes back is the same denial (session_notify_event). */
static void container_sweep(struct session *s)
{
	struct agent *a = state(s);
	size_t i;
	pid_t tid;

	for (i = 0; i < a->nctrs; i++)
		while (a->ctrs[i]->notify &&
		       (tid = notify_next_gone(a->ctrs[i]->notify)))
			session_on_exit(s, tid);
}

static int container_allow(struct session *s, pid_t tid)
{
	struct ctr *c = ctr_of_tid(s, tid);

	return c ? notify_allow(c->notify, tid) : -ESRCH;
}

static int container_deny(struct session *s, pid_t tid, int err)
{
	struct ctr *c = ctr_of_tid(s, tid);

	return c ? notify_deny(c->notify, tid, err) : -ESRCH;
}

static int container_kill(struct session *s, pid_t pid, pid_t tid,
			  enum trace_kill_mode how)
{
	struct ctr *c = ctr_of_tid(s, tid);

	(void)how;
	return c ? notify_kill(c->notify, pid, tid) : -ESRCH;
}

static int container_unwind(struct session *s, struct session_entry *e,
			    struct unwind_capture *cap)
{
	struct ctr *c = ctr_of_tid(s, e->pub.tid);

	return session_notify_unwind(s, c ? c->notify : NULL, e, cap);
}

/* The containers with a live filter: each once, whatever its execs. */
static void container_count(const struct session *s, struct session_status *st)
{
	const struct agent *a = state(s);
	size_t i, j;

	for (i = 0; a && i < a->nctrs; i++) {
		const struct ctr *c = a->ctrs[i];

		if (!c->notify)
			continue;
		for (j = 0; j < i; j++)
			if (a->ctrs[j]->notify &&
			    !strcmp(a->ctrs[j]->label, c->label))
				break;
		if (j == i)
			st->ncontainers++;
	}
}

/*
 * Still the runtime, not the container's program: runc's init names its
 * thread "runc:[2:INIT]" (its exe, a memfd copy, reads "/" from here);
 * crun's is crun itself.
 */
static const char *runtime_of(const char *exe, const char *comm)
{
	const char *base;

	if (comm && !strncmp(comm, "runc:[", 6))
		return "runc";
	if (!exe)
		return NULL;
	base = strrchr(exe, '/');
	base = base ? base + 1 : exe;
	if (!strncmp(base, "runc", 4))
		return "runc";
	return !strncmp(base, "crun", 4) ? "crun" : NULL;
}

static void container_describe(const struct session *s, struct session_entry *e,
			       const char *exe, const char *comm)
{
	const struct ctr *c = ctr_of_tid(s, e->pub.tid);

	if (!c)
		return;
	e->pub.container = c->label;
	e->pub.container_id = c->id;
	e->pub.container_name = c->name;
	e->pub.container_image = c->image;
	e->pub.runtime = runtime_of(exe, comm);
	e->pub.startup = e->pub.runtime != NULL;
}

/*
 * Without us the kernel fails every call these filters refuse with
 * ENOSYS: end the containers whose listeners we hold (their init's end
 * takes the whole pid namespace along).
 */
static void container_end(struct session *s)
{
	struct agent *a = state(s);
	size_t i, n = 0;

	for (i = 0; a && i < a->nctrs; i++)
		if (a->ctrs[i]->notify && !a->ctrs[i]->exec &&
		    kill(a->ctrs[i]->pid, SIGKILL) == 0)
			n++;
	if (n && !s->end_note)
		s->end_note = xasprintf(
			"%zu container%s still running under the debug profile %s killed: without seccompdbg the kernel fails every call it would notify with ENOSYS",
			n, n == 1 ? "" : "s", n == 1 ? "was" : "were");
}

static void rm_dir(const char *dir)
{
	static const char *const files[] = {"bundle/config.json", "bundle",
					    "profile.json"};
	size_t i;
	char *path;

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		path = xasprintf("%s/%s", dir, files[i]);
		if (unlink(path) < 0)
			rmdir(path);
		free(path);
	}
	rmdir(dir);
}

static void container_release(struct session *s)
{
	struct agent *a = state(s);
	size_t i;

	if (!a)
		return;
	container_agent_free(a->sock);
	for (i = 0; i < a->nctrs; i++)
		ctr_free(a->ctrs[i]);
	free(a->ctrs);
	compile_bpf_release(&a->ids);
	if (a->dir)
		rm_dir(a->dir);
	free(a->dir);
	container_argv_free(a->argv);
	free(a);
	s->mode_data = NULL;
}

const struct session_mode_ops session_mode_container = {
	.name = "container",
	.instead = "use --mode trace (or notify) on the host",
	.traced = false,
	.probe = notify_probe,
	.prepare = container_prepare,
	.start = container_start,
	.stopped = session_on_seccomp,
	.timeout = container_timeout,
	.sweep = container_sweep,
	.allow = container_allow,
	.deny = container_deny,
	.kill = container_kill,
	.trap = session_mode_trap_by_tgkill,
	.unwind = container_unwind,
	.count = container_count,
	.describe = container_describe,
	.end = container_end,
	.release = container_release,
};
