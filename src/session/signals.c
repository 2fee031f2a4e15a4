// SPDX-License-Identifier: Apache-2.0
/*
 * SIGINT, SIGTERM and SIGHUP ("ours"): each ends the program, and
 * seccompdbg with it, within a bounded time, whatever the loop is doing.
 *
 * The loop's thread keeps them blocked except while it waits in ppoll,
 * where a handler notes the first one (no signalfd of our own: it would
 * cost every stop, docs/performance.md). That alone leaves a loop that is
 * busy or stuck anywhere else deaf to them. So a watchdog thread runs
 * beside it from session_start to session_free, all signals blocked,
 * waiting for ours in sigtimedwait: a signal sent to the process goes to
 * the loop's thread when it waits in ppoll, else stays pending for the
 * watchdog. Whichever takes one tells the other with SIG_WAKE: the loop
 * then ends the program the normal way (kill, reap, save -o, summary);
 * the watchdog gives it SESSION_GRACE_S seconds. When they are over, or
 * at a second signal, the watchdog ends seccompdbg itself: the front end
 * gives the terminal back, every process below us is killed, and we
 * _exit(128 + N). Nothing on that path takes a lock or allocates: the
 * loop's thread may be stopped anywhere, holding any of them.
 *
 * A copy of the first signal is not a second one: the same signal within
 * SESSION_COPY_NS of it, or within SESSION_SAME_SENDER_NS when the same
 * process sent both with kill(2). timeout(1) sends its signal to the
 * command and then, microseconds later, to the command's process group,
 * which holds the command too; when the first was taken before the second
 * came, `timeout N seccompdbg record ...` ended at once and saved
 * nothing. (The second does not always say who sent it: si_pid is 0 in
 * some of them.) A person's second Ctrl-C or kill comes later.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/* Long enough for the normal end (kill, reap, save): it takes ms. */
#define SESSION_GRACE_S 5
/* How often the loop is woken again until it has seen the signal. */
#define SESSION_REWAKE_NS (50 * 1000000L)
/* How long the last resort goes on killing what appears below us. */
#define SESSION_KILL_S 2.0
/* How soon the same signal is a copy of the first (timeout(1)'s second
 * kill comes microseconds after its first), whoever sent it, and when the
 * same process sent both. */
#define SESSION_COPY_NS	       100000000LL
#define SESSION_SAME_SENDER_NS 1000000000LL

static const int our_signals[] = {SIGINT, SIGTERM, SIGHUP};

/* Process-wide, as signals are: one session runs at a time. */
static struct {
	atomic_int caught; /* the first of ours, or 0 */
	atomic_int count;  /* how many of ours came, copies not counted */
	/* the first's signal << 32 | its sender's pid (0 but from kill),
	 * and when it came (CLOCK_MONOTONIC ns; 0 until known) */
	atomic_ullong first;
	atomic_llong first_ns;
	atomic_bool stop;  /* the watchdog must return */
	atomic_bool taken; /* the loop has seen the first */
	pid_t loop_tid, watch_tid;
	pthread_t watch;
	sem_t started;
	void (*_Atomic restore)(void); /* the front end's terminal */
} g;

/* glibc keeps the first real-time signals; SIGRTMIN is past them. */
static int sig_wake(void)
{
	return SIGRTMIN;
}

static void tell(pid_t tid)
{
	syscall(SYS_tgkill, getpid(), tid, sig_wake());
}

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Who sent SI: its pid when a process did with kill(2), else 0. */
static unsigned long long sender(int sig, const siginfo_t *si)
{
	pid_t pid = si->si_code == SI_USER && si->si_pid > 0 ? si->si_pid : 0;

	return (unsigned long long)sig << 32 | (uint32_t)pid;
}

/* A signal of ours, taken by either thread. */
static void note(int sig, const siginfo_t *si)
{
	unsigned long long none = 0, from = sender(sig, si);
	long long now = now_ns(), at;
	int zero = 0;

	if (atomic_compare_exchange_strong(&g.first, &none, from)) {
		atomic_store(&g.first_ns, now);
	} else if (none >> 32 == (unsigned long long)sig) {
		/* the same signal: a copy, unless it comes a while later */
		at = atomic_load(&g.first_ns);
		if (!at || now - at < (from == none && (uint32_t)from
					       ? SESSION_SAME_SENDER_NS
					       : SESSION_COPY_NS))
			return;
	}
	atomic_fetch_add(&g.count, 1);
	atomic_compare_exchange_strong(&g.caught, &zero, sig);
}

/* The loop's handler: only system calls and atomics. */
static void on_ours(int sig, siginfo_t *si, void *uc)
{
	int saved = errno;

	(void)uc;
	note(sig, si);
	tell(g.watch_tid);
	errno = saved;
}

/* SIG_WAKE only has to end the loop's ppoll. */
static void on_wake(int sig)
{
	(void)sig;
}

static void set_of(sigset_t *set, bool wake)
{
	size_t i;

	sigemptyset(set);
	for (i = 0; i < ARRAY_SIZE(our_signals); i++)
		sigaddset(set, our_signals[i]);
	if (wake)
		sigaddset(set, sig_wake());
}

static const char *sig_name(int sig)
{
	return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "SIGHUP";
}

/* The last resort: the terminal, the processes, the exit status. */
static void __attribute__((noreturn)) give_up(bool second)
{
	void (*restore)(void) = atomic_load(&g.restore);
	int sig = atomic_load(&g.caught);
	char msg[256];
	int n;

	if (restore)
		restore();
	trace_kill_below(SESSION_KILL_S);
	n = snprintf(
		msg, sizeof(msg),
		second ? "seccompdbg: %s, then another: ended at once; every process of the program killed, nothing saved\n"
		       : "seccompdbg: %s: the session did not end within %d s; every process of the program killed, nothing saved\n",
		sig_name(sig), SESSION_GRACE_S);
	if (n > 0 && write(STDERR_FILENO, msg, (size_t)n) < 0) {
		/* nowhere left to say it */
	}
	_exit(128 + sig);
}

/* Seconds left until DEADLINE (CLOCK_MONOTONIC), as a timespec. */
static bool time_left(const struct timespec *deadline, struct timespec *left)
{
	struct timespec now;
	long long ns;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ns = (deadline->tv_sec - now.tv_sec) * 1000000000LL +
	     (deadline->tv_nsec - now.tv_nsec);
	if (ns <= 0)
		return false;
	left->tv_sec = ns / 1000000000LL;
	left->tv_nsec = ns % 1000000000LL;
	return true;
}

/*
 * Until the loop has seen the signal, it is woken again now and then: a
 * signal that came just before it went to sleep in waitpid (a batch loop
 * sleeps there with ours let in, loop.c) would otherwise wait for the
 * program's next stop.
 */
static void rewake(struct timespec *left)
{
	if (atomic_load(&g.taken))
		return;
	tell(g.loop_tid);
	if (left->tv_sec || left->tv_nsec > SESSION_REWAKE_NS)
		*left = (struct timespec){0, SESSION_REWAKE_NS};
}

static void *watchdog(void *arg)
{
	struct timespec deadline = {0, 0}, left;
	bool armed = false;
	siginfo_t si;
	sigset_t set;
	int sig;

	(void)arg;
	g.watch_tid = (pid_t)syscall(SYS_gettid);
	sem_post(&g.started);
	set_of(&set, true);
	for (;;) {
		if (armed && !time_left(&deadline, &left))
			give_up(false);
		if (armed)
			rewake(&left);
		sig = sigtimedwait(&set, &si, armed ? &left : NULL);
		if (atomic_load(&g.stop))
			return NULL;
		if (sig > 0 && sig != sig_wake())
			note(sig, &si);
		if (atomic_load(&g.count) > 1)
			give_up(true);
		if (atomic_load(&g.count) && !armed) {
			clock_gettime(CLOCK_MONOTONIC, &deadline);
			deadline.tv_sec += SESSION_GRACE_S;
			armed = true;
		}
	}
}

int session_signals_open(struct session *s, struct err *err)
{
	struct sigaction sa = {.sa_sigaction = on_ours, .sa_flags = SA_SIGINFO};
	sigset_t all, blocked;
	size_t i;
	int rc;

	set_of(&sa.sa_mask, true);
	rc = pthread_sigmask(SIG_BLOCK, &sa.sa_mask, &s->saved_mask);
	if (rc != 0)
		return err_set(err, rc, "blocking signals: %s", strerror(rc));
	pthread_sigmask(SIG_SETMASK, NULL, &blocked);
	s->wait_mask = blocked;
	atomic_store(&g.caught, 0);
	atomic_store(&g.count, 0);
	atomic_store(&g.first, 0);
	atomic_store(&g.first_ns, 0);
	atomic_store(&g.stop, false);
	atomic_store(&g.taken, false);
	g.loop_tid = (pid_t)syscall(SYS_gettid);
	for (i = 0; i < ARRAY_SIZE(our_signals); i++) {
		sigdelset(&s->wait_mask, our_signals[i]);
		sigaction(our_signals[i], &sa, &s->saved_act[i]);
	}
	sa.sa_flags = 0;
	sa.sa_handler = on_wake;
	sigdelset(&s->wait_mask, sig_wake());
	sigaction(sig_wake(), &sa, &s->saved_wake);
	/* The watchdog starts with every signal blocked: SIGCHLD must stay
	 * the tracer's signalfd's, ours wait for its sigtimedwait. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	sem_init(&g.started, 0, 0);
	rc = pthread_create(&g.watch, NULL, watchdog, NULL);
	pthread_sigmask(SIG_SETMASK, &blocked, NULL);
	if (rc == 0)
		while (sem_wait(&g.started) < 0 && errno == EINTR)
			;
	sem_destroy(&g.started);
	s->signals_on = true;
	if (rc != 0) {
		session_signals_close(s);
		return err_set(err, rc, "starting the signal watchdog: %s",
			       strerror(rc));
	}
	s->watchdog_on = true;
	return 0;
}

void session_signals_restore_with(void (*restore)(void))
{
	atomic_store(&g.restore, restore);
}

int session_signals_caught(void)
{
	return atomic_load(&g.caught);
}

void session_signals_taken(void)
{
	atomic_store(&g.taken, true);
}

/* Take what came while they were blocked: it would reach a handler. */
static void discard(void)
{
	const struct timespec now = {0, 0};
	sigset_t set;

	set_of(&set, true);
	while (sigtimedwait(&set, NULL, &now) > 0)
		;
}

/* Stop the watchdog; put back the handlers and the mask found. */
void session_signals_close(struct session *s)
{
	sigset_t set;
	size_t i;

	if (s->watchdog_on) {
		atomic_store(&g.stop, true);
		tell(g.watch_tid);
		pthread_join(g.watch, NULL);
		s->watchdog_on = false;
	}
	session_signals_restore_with(NULL);
	discard();
	sigemptyset(&set);
	for (i = 0; i < ARRAY_SIZE(our_signals); i++) {
		sigaction(our_signals[i], &s->saved_act[i], NULL);
		if (!sigismember(&s->saved_mask, our_signals[i]))
			sigaddset(&set, our_signals[i]);
	}
	sigaction(sig_wake(), &s->saved_wake, NULL);
	if (!sigismember(&s->saved_mask, sig_wake()))
		sigaddset(&set, sig_wake());
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	s->signals_on = false;
}
