// SPDX-License-Identifier: Apache-2.0
/*
 * The launch and the one loop of a session. session_run() polls the
 * tracer's signalfd, the program's pseudo-terminal and the front end's
 * descriptors, with our own SIGINT, SIGTERM and SIGHUP let in only while
 * it waits (signals.c), and on each wake-up drains the pending events:
 * nothing waits on one tracee, so threads stopped for a decision never
 * hold up the others.
 *
 * The program is over when its first process has ended, as a container
 * is when its init ends: what is left of it is killed then, and the loop
 * ends once every tracee has been reaped. A signal to us ends it the
 * same way, with 128 + N as the exit status.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "internal.h"

/* Runs in the forked child just before exec: system calls only. */
static int child_hook(void *arg)
{
	const struct session *s = arg;

	return s->mode->child(s);
}

int session_start(struct session *s, const struct session_frontend *fe,
		  struct err *err)
{
	struct trace_spawn_opts o = {
		.argv = s->cfg.argv,
		.stdio = s->cfg.use_pty ? TRACE_STDIO_PTY : TRACE_STDIO_INHERIT,
		.hook = s->mode->child ? child_hook : NULL,
		.hook_arg = s,
		.untraced = !s->mode->traced,
	};
	int rc;

	if (s->started)
		return err_set(err, EBUSY, "the program was started already");
	if (fe)
		s->fe = *fe;
	if (fe && fe->emergency)
		session_signals_restore_with(fe->emergency);
	rc = trace_new(&s->trace, err);
	if (rc == 0)
		rc = session_signals_open(s, err);
	if (rc == 0 && s->mode->start)
		rc = s->mode->start(s, err);
	if (rc < 0)
		return rc;
	/* the mode's start may have rewritten the command (CONTAINER) */
	o.argv = s->cfg.argv;
	rc = trace_spawn(s->trace, &o, &s->pid, err);
	if (rc == 0 && s->mode->spawned)
		rc = s->mode->spawned(s, err);
	if (rc < 0)
		return rc;
	session_event_start(s);
	s->pty = trace_pty_fd(s->trace);
	/* drain_pty reads until EAGAIN: a blocking master would hang the
	   loop on the second read */
	if (s->pty >= 0)
		fcntl(s->pty, F_SETFL, fcntl(s->pty, F_GETFL) | O_NONBLOCK);
	s->started = true;
	session_tell_status(s);
	return 0;
}

void session_quit(struct session *s)
{
	s->quit = true;
}

void session_watch(struct session *s, int fd, void (*ready)(void *, int),
		   void *ctx)
{
	size_t i;

	for (i = 0; i < s->nwatches; i++) {
		if (s->watches[i].fd == fd) {
			if (ready) {
				s->watches[i].ready = ready;
				s->watches[i].ctx = ctx;
			} else {
				s->watches[i] = s->watches[--s->nwatches];
			}
			return;
		}
	}
	if (!ready)
		return;
	xgrow(&s->watches, &s->watches_cap, s->nwatches + 1,
	      sizeof(*s->watches));
	s->watches[s->nwatches++] = (struct session_watch){fd, ready, ctx};
}

void session_kill_program(struct session *s)
{
	size_t i;

	if (!s->trace)
		return;
	trace_kill_all(s->trace);
	for (i = 0; i < s->nentries; i++) {
		struct session_entry *e = s->entries[i];

		if (e->pub.state != SESSION_PENDING)
			continue;
		e->pub.state = SESSION_KILLED;
		s->npending--;
		session_event_decision(s, e, NULL);
		session_tell_denial(s, e);
	}
}

/* The first process ended, or we were told to stop: end the rest. */
static void program_end(struct session *s)
{
	if (s->ending)
		return;
	s->ending = true;
	session_kill_program(s);
	if (s->mode->end)
		s->mode->end(s);
}

/* "CMD: cannot execute: ...", the command's name escaped: it may hold
 * any byte, and the message goes to the terminal and the events. */
static char *launch_failure(const struct session *s,
			    const struct trace_event *ev)
{
	struct strbuf sb = STRBUF_INIT;
	const char *what = ev->exit.launch_stage == TRACE_LAUNCH_EXEC
				   ? "cannot execute"
			   : ev->exit.launch_stage == TRACE_LAUNCH_HOOK
				   ? "cannot load the seccomp filter"
				   : "cannot set up its terminal";

	escape_c(&sb, s->cfg.argv[0], strlen(s->cfg.argv[0]));
	strbuf_addf(&sb, ": %s: %s", what, strerror(ev->exit.launch_errno));
	return strbuf_detach(&sb);
}

static void on_exit_event(struct session *s, const struct trace_event *ev)
{
	int code;

	session_on_exit(s, ev->tid);
	if (ev->exit.process_gone)
		unwind_forget(s->unwind, ev->pid);
	if (ev->exit.launch_stage != TRACE_LAUNCH_OK && !s->failure)
		s->failure = launch_failure(s, ev);
	if (ev->pid == s->pid && ev->exit.process_gone &&
	    trace_program_exited(s->trace, &code)) {
		if (!s->signal)
			s->exit_status = code;
		program_end(s);
	}
}

static void dispatch(struct session *s, const struct trace_event *ev)
{
	switch (ev->kind) {
	case TRACE_EV_SECCOMP:
		s->mode->stopped(s, ev);
		break;
	case TRACE_EV_EXEC:
		unwind_forget(s->unwind, ev->pid);
		break;
	case TRACE_EV_EXIT:
		on_exit_event(s, ev);
		break;
	case TRACE_EV_NEW:
	case TRACE_EV_GROUP_STOP:
		break;
	case TRACE_EV_SIGNAL:
		/* a signal a mode holds (TRAP's SIGSYS) and that is not
		 * a seccomp one; any other was delivered already */
		if (ev->signal.held)
			trace_signal_resume(s->trace, ev->tid, ev->signal.sig);
		break;
	}
	if (ev->kind == TRACE_EV_NEW || ev->kind == TRACE_EV_EXIT)
		session_tell_status(s);
}

/* After events: once the program is over and nothing of it is left,
 * the exit is told. */
static void after_events(struct session *s)
{
	size_t np, nt;

	trace_counts(s->trace, &np, &nt);
	if (s->ending && np == 0 && !s->exited) {
		s->exited = true;
		session_event_exit(s);
		session_tell_status(s);
	}
}

static int drain_trace(struct session *s)
{
	struct trace_event ev;
	int rc;

	while ((rc = trace_next(s->trace, &ev)) == 1)
		dispatch(s, &ev);
	if (rc < 0)
		return rc;
	after_events(s);
	return 0;
}

/* The signal either thread noted, if any: the program ends. */
static void take_signal(struct session *s)
{
	int sig = session_signals_caught();

	if (!sig)
		return;
	session_signals_taken();
	if (!s->signal) {
		s->signal = sig;
		s->exit_status = 128 + sig;
	}
	program_end(s);
}

static void drain_pty(struct session *s)
{
	char buf[4096];
	size_t reads = 0;
	ssize_t n;

	/* bounded: a program that writes without end must not keep the
	 * loop from its signals and its tracees (the fd stays ready) */
	while (reads++ < SESSION_DRAIN_MAX) {
		n = read(s->pty, buf, sizeof(buf));
		if (n > 0) {
			if (s->fe.output)
				s->fe.output(s->fe.ctx, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		/* EIO: nothing holds the slave any more */
		s->pty = -1;
		return;
	}
}

/* Poll set: trace, pty, then the watches. */
static size_t fill_pollfds(struct session *s, struct pollfd **fds, size_t *cap)
{
	size_t n = 0, i;

	xgrow(fds, cap, s->nwatches + 2, sizeof(**fds));
	(*fds)[n++] = (struct pollfd){trace_fd(s->trace), POLLIN, 0};
	(*fds)[n++] = (struct pollfd){s->pty, POLLIN, 0};
	for (i = 0; i < s->nwatches; i++)
		(*fds)[n++] = (struct pollfd){s->watches[i].fd, POLLIN, 0};
	return n;
}

static void run_watches(struct session *s, const struct pollfd *fds, size_t n)
{
	size_t i, j;

	for (i = 2; i < n; i++) {
		if (!fds[i].revents)
			continue;
		/* a callback may change the watches: look the fd up again */
		for (j = 0; j < s->nwatches; j++)
			if (s->watches[j].fd == fds[i].fd)
				break;
		if (j < s->nwatches)
			s->watches[j].ready(s->watches[j].ctx, fds[i].fd);
	}
}

/* ppoll's timeout for poll's MS (-1: none). */
static const struct timespec *timeout(int ms, struct timespec *ts)
{
	if (ms < 0)
		return NULL;
	ts->tv_sec = ms / 1000;
	ts->tv_nsec = (long)(ms % 1000) * 1000000;
	return ts;
}

/* ms before the mode needs the loop awake without an event; -1: never */
static int wake_after(const struct session *s)
{
	return s->mode->timeout ? s->mode->timeout(s) : -1;
}

/*
 * Does the loop wait for nothing but the tracees? Then it sleeps in
 * waitpid (trace_wait), which saves two of the five system calls of a
 * stop answered by a remembered decision: the poll and the signalfd's
 * read (docs/performance.md). That is batch's loop in TRACE and TRAP
 * modes: no terminal, no descriptor of the front end's or the mode's.
 */
static bool can_block(const struct session *s)
{
	return s->mode->traced && !s->wait_polls && s->pty < 0 &&
	       !s->nwatches && !s->mode->timeout && !s->mode->sweep;
}

/*
 * The loop, sleeping in waitpid while can_block() holds. Our signals are
 * let in for all of it (one mask change each way, not two per stop),
 * and their handlers, installed without SA_RESTART, interrupt the wait.
 * One that comes after take_signal looked and before waitpid began is
 * covered by the watchdog: it sends SIG_WAKE again and again until the
 * loop has taken the signal (signals.c). Any other system call they
 * interrupt would be a blocking write to a full pipe of the front end's,
 * on the way to ending the program.
 */
static int run_blocking(struct session *s)
{
	struct trace_event ev;
	sigset_t blocked;
	int rc = 0;

	pthread_sigmask(SIG_SETMASK, &s->wait_mask, &blocked);
	/* one that came while they were blocked was just taken */
	take_signal(s);
	while (rc == 0 && !s->quit && can_block(s)) {
		rc = trace_wait(s->trace, &ev);
		/* first: the exit a signal caused must not set the status */
		take_signal(s);
		if (rc == 1) {
			dispatch(s, &ev);
			after_events(s);
		}
		/* no child left to wait for: only a signal can end it now */
		if (rc == -ECHILD)
			s->wait_polls = true;
		if (rc >= 0 || rc == -EINTR || rc == -ECHILD)
			rc = 0;
	}
	pthread_sigmask(SIG_SETMASK, &blocked, NULL);
	return rc;
}

int session_run(struct session *s)
{
	struct pollfd *fds = NULL;
	struct timespec ts;
	size_t cap = 0, n;
	int rc = 0, ready, waited;

	if (!s->started)
		return -EINVAL;
	/* events may be waiting from before the first poll */
	rc = drain_trace(s);
	while (rc == 0 && !s->quit) {
		if (can_block(s)) {
			rc = run_blocking(s);
			continue;
		}
		n = fill_pollfds(s, &fds, &cap);
		ready = ppoll(fds, n, timeout(wake_after(s), &ts),
			      &s->wait_mask);
		waited = ready < 0 ? errno : 0;
		take_signal(s);
		if (waited == EINTR)
			continue;
		if (waited) {
			rc = -waited;
			break;
		}
		if (fds[1].revents && s->pty >= 0)
			drain_pty(s);
		if (fds[0].revents)
			rc = drain_trace(s);
		run_watches(s, fds, n);
		if (s->mode->sweep)
			s->mode->sweep(s);
	}
	if (s->pty >= 0)
		drain_pty(s);
	free(fds);
	/* the front end may be gone once its loop is over */
	memset(&s->fe, 0, sizeof(s->fe));
	return rc;
}

int session_send_input(struct session *s, const char *buf, size_t len)
{
	ssize_t n;

	if (s->pty < 0)
		return -EBADF;
	while (len) {
		n = write(s->pty, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

void session_set_winsize(struct session *s, unsigned rows, unsigned cols)
{
	struct winsize ws = {.ws_row = (unsigned short)rows,
			     .ws_col = (unsigned short)cols};

	if (s->pty >= 0)
		ioctl(s->pty, TIOCSWINSZ, &ws);
}

void session_loop_release(struct session *s)
{
	/* the watchdog stays until the program is reaped: a signal must
	 * end a teardown that does not end either */
	trace_free(s->trace);
	s->trace = NULL;
	if (s->mode && s->mode->release)
		s->mode->release(s);
	if (s->signals_on)
		session_signals_close(s);
	free(s->watches);
	s->watches = NULL;
	s->nwatches = 0;
}
