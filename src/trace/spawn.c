// SPDX-License-Identifier: Apache-2.0
/*
 * Starting the program attached. The order matters:
 *
 *   parent: resolve CMD in PATH (so 126/127 come with a reason and no
 *           fork), open the pipes (and the pseudo-terminal), fork;
 *   child:  close the pipe's write end (so the parent's death is an EOF),
 *           set up its stdio, then block reading the "go" pipe;
 *   parent: PTRACE_SEIZE the child with our options, then write "go";
 *   child:  run the caller's hook (the seccomp filter goes in here: with
 *           the tracer already attached, its TRACE actions stop instead
 *           of failing with ENOSYS), then execve.
 *
 * An exec that fails reports its errno on a close-on-exec pipe, which the
 * parent reads when the child exits (it cannot wait for it here: with the
 * filter loaded, the execve itself may be a seccomp stop the session has
 * to answer first).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "internal.h"

extern char **environ;

/* What the child writes on the error pipe before it exits. */
struct launch_report {
	int stage; /* enum trace_launch_stage */
	int err;
};

/* Everything the child needs, prepared before the fork: the child only
 * makes async-signal-safe calls (the parent may have threads). */
struct child_plan {
	const char *path;
	char *const *argv, *const *envp;
	int go_fd, go_wr, err_fd;
	enum trace_stdio stdio;
	int fds[3];
	int pty_slave;
	sigset_t mask;
	bool reset_signals;
	trace_child_hook_fn hook;
	void *hook_arg;
};

/* --- resolving the command --------------------------------------------- */

static const char *env_get(char *const *envp, const char *name)
{
	size_t n = strlen(name);

	for (; envp && *envp; envp++)
		if (!strncmp(*envp, name, n) && (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

/* 0 when path can be exec'd; -ENOENT or -EACCES (execve's answers). */
static int check_candidate(const char *path, bool *is_dir)
{
	struct stat st;

	*is_dir = false;
	if (stat(path, &st) < 0)
		return errno == EACCES ? -EACCES : -ENOENT;
	if (S_ISDIR(st.st_mode)) {
		*is_dir = true;
		return -EACCES;
	}
	if (!S_ISREG(st.st_mode) || access(path, X_OK) < 0)
		return -EACCES;
	return 0;
}

/*
 * The command as messages show it: the name comes from the command line,
 * where a file name can hold any byte, and the message reaches a terminal.
 */
static int cmd_error(struct err *err, int code, const char *cmd,
		     const char *what)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	escape_c(&sb, cmd, strnlen(cmd, 256));
	rc = err_set(err, code, "%s: %s", strbuf_str(&sb), what);
	strbuf_release(&sb);
	return rc;
}

static int resolve_with_slash(const char *cmd, char **out, struct err *err)
{
	bool is_dir;
	int rc = check_candidate(cmd, &is_dir);

	if (rc == -ENOENT)
		return cmd_error(err, ENOENT, cmd, "No such file or directory");
	if (rc < 0)
		return cmd_error(err, EACCES, cmd,
				 is_dir ? "Is a directory"
					: "not executable (Permission denied)");
	*out = xstrdup(cmd);
	return 0;
}

/* Like execvp: an empty entry is the current directory; a candidate that
 * exists but cannot run is remembered, and the search goes on. */
static int resolve_command(const char *cmd, char *const *envp, char **out,
			   struct err *err)
{
	const char *path, *p, *end;
	bool is_dir, denied = false;

	if (!*cmd)
		return err_set(err, ENOENT, "empty command name");
	if (strchr(cmd, '/'))
		return resolve_with_slash(cmd, out, err);
	path = env_get(envp, "PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p = end + 1) {
		char *cand;
		int rc;

		end = strchrnul(p, ':');
		cand = end == p ? xstrdup(cmd)
				: xasprintf("%.*s/%s", (int)(end - p), p, cmd);
		rc = check_candidate(cand, &is_dir);
		if (rc == 0) {
			*out = cand;
			return 0;
		}
		free(cand);
		denied |= rc == -EACCES;
		if (!*end)
			break;
	}
	if (denied)
		return cmd_error(
			err, EACCES, cmd,
			"found in PATH but not executable (Permission denied)");
	return cmd_error(err, ENOENT, cmd, "command not found");
}

/* --- the child ----------------------------------------------------------- */

static void child_report(const struct child_plan *c, int stage, int e)
{
	struct launch_report r = {stage, e};
	ssize_t n;

	do
		n = write(c->err_fd, &r, sizeof(r));
	while (n < 0 && errno == EINTR);
}

static int child_setup_stdio(const struct child_plan *c)
{
	int high[3], i;

	if (c->stdio == TRACE_STDIO_PTY) {
		if (setsid() < 0 || ioctl(c->pty_slave, TIOCSCTTY, 0) < 0)
			return -errno;
		for (i = 0; i < 3; i++)
			if (dup2(c->pty_slave, i) < 0)
				return -errno;
		return 0;
	}
	if (c->stdio != TRACE_STDIO_FDS)
		return 0;
	/* Move them out of the way first: fds[1] may be 0, or fds[i] == i
	 * with close-on-exec set. */
	for (i = 0; i < 3; i++) {
		high[i] = fcntl(c->fds[i], F_DUPFD_CLOEXEC, 3);
		if (high[i] < 0)
			return -errno;
	}
	for (i = 0; i < 3; i++)
		if (dup2(high[i], i) < 0)
			return -errno;
	return 0;
}

static void child_reset_signals(const struct child_plan *c)
{
	struct sigaction sa;
	int sig;

	if (c->reset_signals) {
		for (sig = 1; sig < NSIG; sig++) {
			if (sigaction(sig, NULL, &sa) == 0 &&
			    sa.sa_handler == SIG_IGN) {
				sa.sa_handler = SIG_DFL;
				sigaction(sig, &sa, NULL);
			}
		}
	}
	/* trace_new blocked SIGCHLD for its signalfd: not the program's. */
	sigprocmask(SIG_SETMASK, &c->mask, NULL);
}

static void __attribute__((noreturn)) child_main(const struct child_plan *c)
{
	char go;
	int rc;

	/* The write end is the parent's alone: were we to hold it too, the
	 * read below would wait forever if the parent died before its
	 * "go" (killed between the fork and the seize), and the program's
	 * first process, never traced, would keep our stdout open. */
	close(c->go_wr);
	child_reset_signals(c);
	rc = child_setup_stdio(c);
	/* No "go" (the parent could not attach, or died): never run
	 * unsupervised. */
	if (read(c->go_fd, &go, 1) != 1)
		_exit(125);
	/* Failures are reported once attached, so the parent hears of them
	 * through the exit event like any other launch failure. */
	if (rc < 0) {
		child_report(c, TRACE_LAUNCH_SETUP, -rc);
		_exit(125);
	}
	if (c->hook) {
		rc = c->hook(c->hook_arg);
		if (rc < 0) {
			child_report(c, TRACE_LAUNCH_HOOK, -rc);
			_exit(125);
		}
	}
	execve(c->path, c->argv, c->envp);
	rc = errno;
	child_report(c, TRACE_LAUNCH_EXEC, rc);
	_exit(rc == ENOENT ? 127 : 126);
}

/* --- the parent ---------------------------------------------------------- */

static int pty_open(struct trace *t, const struct trace_spawn_opts *o,
		    int *slave, struct err *err)
{
	struct winsize ws = {.ws_row = o->rows ? o->rows : 24,
			     .ws_col = o->cols ? o->cols : 80};
	char name[128];
	int m, rc;

	m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (m < 0)
		return err_set(err, errno, "posix_openpt: %s", strerror(errno));
	if (grantpt(m) < 0 || unlockpt(m) < 0 ||
	    ptsname_r(m, name, sizeof(name)) != 0)
		goto fail;
	*slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (*slave < 0)
		goto fail;
	ioctl(m, TIOCSWINSZ, &ws);
	t->pty_master = m;
	return 0;
fail:
	rc = err_set(err, errno, "pseudo-terminal: %s", strerror(errno));
	close(m);
	return rc;
}

/* Attach, then let the child go on; it is in the table from then on. */
static int seize(struct trace *t, pid_t pid, int go_fd, struct err *err)
{
	struct trace_tracee *th;

	if (!t->untraced &&
	    ptrace(PTRACE_SEIZE, pid, 0L, (long)TRACE_PTRACE_OPTIONS) < 0)
		return err_set(err, errno, "ptrace(PTRACE_SEIZE, %d): %s",
			       (int)pid, strerror(errno));
	th = trace_tracee_add(t, pid, TRACE_RUNNING);
	if (!th)
		return err_set(err, ESRCH, "the child %d vanished", (int)pid);
	if (write(go_fd, "g", 1) != 1) {
		trace_tracee_remove(t, th);
		return err_set(err, errno, "starting the child: %s",
			       strerror(errno));
	}
	th->pub.launching = true;
	t->first_pid = pid;
	return 0;
}

static int plan_pipes(struct child_plan *c, int go[2], int ep[2],
		      struct err *err)
{
	if (pipe2(go, O_CLOEXEC) < 0)
		return err_set(err, errno, "pipe: %s", strerror(errno));
	if (pipe2(ep, O_CLOEXEC) < 0) {
		int e = errno;

		close(go[0]);
		close(go[1]);
		return err_set(err, e, "pipe: %s", strerror(e));
	}
	fcntl(ep[0], F_SETFL, O_NONBLOCK);
	c->go_fd = go[0];
	c->go_wr = go[1];
	c->err_fd = ep[1];
	return 0;
}

/* Fork, attach, say "go". On failure the child is killed and reaped. */
static int start_child(struct trace *t, const struct child_plan *c, int go_fd,
		       pid_t *pidp, struct err *err)
{
	pid_t pid = fork();
	int rc;

	if (pid == 0)
		child_main(c);
	if (pid < 0)
		return err_set(err, errno, "fork: %s", strerror(errno));
	rc = seize(t, pid, go_fd, err);
	if (rc < 0) {
		/* It has no "go": it never ran anything of the program. */
		kill(pid, SIGKILL);
		while (waitpid(pid, NULL, __WALL) < 0 && errno == EINTR)
			;
		return rc;
	}
	*pidp = pid;
	return 0;
}

int trace_spawn(struct trace *t, const struct trace_spawn_opts *o, pid_t *pidp,
		struct err *err)
{
	struct child_plan c = {.argv = o->argv,
			       .stdio = o->stdio,
			       .pty_slave = -1,
			       .mask = t->saved_mask,
			       .reset_signals = o->reset_signals,
			       .hook = o->hook,
			       .hook_arg = o->hook_arg};
	char *path = NULL;
	int go[2], ep[2], rc;

	if (t->first_pid)
		return err_set(err, EBUSY, "a program was already started");
	t->untraced = o->untraced;
	c.envp = o->envp ? o->envp : environ;
	memcpy(c.fds, o->fds, sizeof(c.fds));
	rc = resolve_command(o->argv[0], c.envp, &path, err);
	if (rc < 0)
		return rc;
	c.path = path;
	rc = plan_pipes(&c, go, ep, err);
	if (rc < 0)
		goto out_path;
	if (o->stdio == TRACE_STDIO_PTY)
		rc = pty_open(t, o, &c.pty_slave, err);
	if (rc == 0)
		rc = start_child(t, &c, go[1], pidp, err);
	if (rc == 0) {
		t->errpipe = ep[0];
		ep[0] = -1;
	} else {
		trace_spawn_release(t);
	}
	if (c.pty_slave >= 0)
		close(c.pty_slave);
	close(go[0]);
	close(go[1]);
	if (ep[0] >= 0)
		close(ep[0]);
	close(ep[1]);
out_path:
	free(path);
	return rc;
}

void trace_launch_result(struct trace *t, enum trace_launch_stage *stage,
			 int *e)
{
	struct launch_report r = {TRACE_LAUNCH_OK, 0};

	if (t->errpipe >= 0 && read(t->errpipe, &r, sizeof(r)) != sizeof(r))
		r = (struct launch_report){TRACE_LAUNCH_OK, 0};
	*stage = r.stage;
	*e = r.err;
	trace_launch_done(t);
}

bool trace_is_launching(struct trace *t)
{
	struct trace_tracee *th = trace_tracee_get(t, t->first_pid);
	struct pollfd p = {.fd = t->errpipe, .events = POLLIN};

	if (!th || !th->pub.launching)
		return false;
	if (!t->untraced || t->errpipe < 0 || poll(&p, 1, 0) <= 0 ||
	    (p.revents & POLLIN))
		return true; /* no word yet, or a failure to report */
	/* hung up without a word: the exec closed its end */
	th->pub.launching = false;
	trace_launch_done(t);
	return false;
}

void trace_launch_done(struct trace *t)
{
	if (t->errpipe >= 0)
		close(t->errpipe);
	t->errpipe = -1;
}

int trace_pty_fd(const struct trace *t)
{
	return t->pty_master;
}

void trace_spawn_release(struct trace *t)
{
	trace_launch_done(t);
	if (t->pty_master >= 0)
		close(t->pty_master);
	t->pty_master = -1;
}
