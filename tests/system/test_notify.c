// SPDX-License-Identifier: Apache-2.0
/*
 * notify: the listener against the real kernel, with no ptrace. A child
 * of the test loads a filter that notifies getppid (and lets everything
 * else run), waits until we took its listener, then calls getppid once
 * per step; each answer must be what the program sees: the real result
 * when allowed, our errno when denied, a restart when a signal
 * interrupts the wait (SA_RESTART), death by SIGSYS when killed.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "seccompdbg/notify.h"
#include "test.h"

struct child {
	pid_t pid;
	int go;	 /* write: the listener was taken */
	int out; /* read: one line per call */
};

static void on_usr1(int sig)
{
	(void)sig;
}

/* A handler that takes its time, as one may on a loaded machine. */
static void on_usr2(int sig)
{
	struct timespec ts = {.tv_nsec = 500 * 1000 * 1000};

	(void)sig;
	nanosleep(&ts, NULL);
}

/* In a child: die with the test, and load a filter that notifies
 * getppid with FLAGS (NEW_LISTENER and more); seccomp's result. */
static long load_notify_filter(unsigned long flags)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {.len = ARRAY_SIZE(insns), .filter = insns};

	/* it holds its own listener: a test that fails and leaves it
	 * waiting must not leave it for ever */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
}

/* The child: filter, wait, then N getppid calls, each reported; after
 * one that fails with EINTR (RESTART false: a handler without
 * SA_RESTART) it waits on GO again, in read, out of the call. */
static void __attribute__((noreturn))
child_main(int go, int out, int n, bool restart)
{
	struct sigaction sa = {.sa_handler = on_usr1,
			       .sa_flags = restart ? SA_RESTART : 0};
	char line[64], c;
	long ret;
	int i, len;

	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_usr2;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR2, &sa, NULL);
	if (load_notify_filter(SECCOMP_FILTER_FLAG_NEW_LISTENER) < 0)
		_exit(100);
	if (read(go, &c, 1) != 1)
		_exit(101);
	for (i = 0; i < n; i++) {
		errno = 0;
		ret = syscall(SYS_getppid);
		len = snprintf(line, sizeof(line), "%ld %d\n", ret,
			       ret < 0 ? errno : 0);
		if (write(out, line, (size_t)len) != len)
			_exit(102);
		if (ret < 0 && errno == EINTR && read(go, &c, 1) != 1)
			_exit(103);
	}
	_exit(0);
}

static void child_start_with(struct child *ch, int calls, bool restart)
{
	int go[2], out[2];

	REQUIRE(pipe(go) == 0 && pipe(out) == 0);
	ch->pid = fork();
	REQUIRE(ch->pid >= 0);
	if (ch->pid == 0) {
		close(go[1]);
		close(out[0]);
		child_main(go[0], out[1], calls, restart);
	}
	close(go[0]);
	close(out[1]);
	ch->go = go[1];
	ch->out = out[0];
}

static void child_start(struct child *ch, int calls)
{
	child_start_with(ch, calls, true);
}

/* Block until a notification comes; it must be the child's getppid. */
static void recv_one(struct notify *n, const struct child *ch,
		     struct notify_call *c)
{
	struct pollfd p = {.fd = notify_fd(n), .events = POLLIN};

	REQUIRE(poll(&p, 1, -1) == 1);
	REQUIRE(notify_recv(n, c) == 1);
	CHECK_INT(c->tid, ch->pid);
	CHECK_INT(c->nr, __NR_getppid);
	CHECK_U64(c->arch, AUDIT_ARCH_X86_64);
	CHECK(c->ip != 0);
}

static void expect_line(const struct child *ch, const char *want)
{
	char buf[64] = "";
	ssize_t k = 0, r;

	while (k < (ssize_t)sizeof(buf) - 1 &&
	       (r = read(ch->out, buf + k, 1)) == 1 && buf[k++] != '\n')
		;
	CHECK_STR(buf, want);
}

TEST(notify_allow_deny_restart_kill)
{
	struct notify_call c;
	struct child ch;
	struct notify *n;
	char want[64];
	uint64_t sp;
	int fd, status;

	CHECK_INT(notify_probe(NULL), 0);
	child_start(&ch, 4);
	REQUIRE(notify_take_listener(ch.pid, &fd, NULL) == 0);
	n = notify_new(fd);
	CHECK_INT(notify_recv(n, &c), 0); /* nothing yet */
	REQUIRE(write(ch.go, "g", 1) == 1);

	/* allowed: the real result (we are its parent) */
	recv_one(n, &ch, &c);
	CHECK(!c.replaced);
	CHECK_INT(notify_waiting(n), 1);
	CHECK(notify_is_waiting(n, ch.pid));
	CHECK_INT(notify_thread_sp(ch.pid, &sp), 0);
	CHECK(sp != 0);
	CHECK_INT(notify_deny(n, ch.pid, 0), -EINVAL);
	CHECK_INT(notify_allow(n, ch.pid), 0);
	CHECK_INT(notify_allow(n, ch.pid), -ESRCH); /* answered already */
	snprintf(want, sizeof(want), "%d 0\n", (int)getpid());
	expect_line(&ch, want);

	/* denied: our errno */
	recv_one(n, &ch, &c);
	CHECK_INT(notify_deny(n, ch.pid, EACCES), 0);
	expect_line(&ch, "-1 13\n");

	/* interrupted while it waits: the id goes stale without a word,
	 * and SA_RESTART brings the same call back, which is not gone:
	 * the thread is in it again */
	recv_one(n, &ch, &c);
	REQUIRE(kill(ch.pid, SIGUSR1) == 0);
	{
		struct pollfd p = {.fd = notify_fd(n), .events = POLLIN};

		REQUIRE(poll(&p, 1, -1) == 1);
	}
	CHECK_INT(notify_next_gone(n), 0);
	recv_one(n, &ch, &c);
	CHECK(c.replaced);
	CHECK(c.restarted);
	CHECK_INT(notify_allow(n, ch.pid), 0);
	expect_line(&ch, want);

	/* killed: no SIGSYS handler, so SIGSYS, as SCMP_ACT_KILL_PROCESS */
	recv_one(n, &ch, &c);
	CHECK_INT(notify_kill(n, ch.pid, ch.pid), 0);
	REQUIRE(waitpid(ch.pid, &status, 0) == ch.pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS);
	CHECK_INT(notify_waiting(n), 0);
	/* nobody uses the filter any more */
	CHECK_INT(notify_recv(n, &c), -EPIPE);
	notify_free(n);
	close(ch.go);
	close(ch.out);
}

TEST(notify_second_call_replaces_a_stale_one)
{
	struct notify_call c;
	struct child ch;
	struct notify *n;
	int fd, status;

	child_start(&ch, 1);
	REQUIRE(notify_take_listener(ch.pid, &fd, NULL) == 0);
	n = notify_new(fd);
	REQUIRE(write(ch.go, "g", 1) == 1);
	recv_one(n, &ch, &c);
	REQUIRE(kill(ch.pid, SIGUSR1) == 0);
	/* not swept: the restarted call tells us the first is over */
	recv_one(n, &ch, &c);
	CHECK(c.replaced);
	CHECK(c.restarted);
	CHECK_INT(notify_waiting(n), 1);
	CHECK_INT(notify_deny(n, ch.pid, EPERM), 0);
	REQUIRE(waitpid(ch.pid, &status, 0) == ch.pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	notify_free(n);
	close(ch.go);
	close(ch.out);
}

TEST(notify_take_listener_from_a_child_that_ends)
{
	struct err err = {""};
	pid_t pid = fork();
	int fd = -1;

	REQUIRE(pid >= 0);
	if (pid == 0)
		_exit(0);
	CHECK_INT(notify_take_listener(pid, &fd, &err), -ESRCH);
	CHECK_CONTAINS(err.msg, "ended before its filter");
	waitpid(pid, NULL, 0);
}

/* The child's state letter in /proc/PID/stat. */
static char proc_state(pid_t pid)
{
	char path[64], buf[512] = "";
	const char *p;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = '\0';
		fclose(f);
	}
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

static struct notify *listen_to(struct child *ch, int calls, bool restart)
{
	int fd;

	child_start_with(ch, calls, restart);
	REQUIRE(notify_take_listener(ch->pid, &fd, NULL) == 0);
	REQUIRE(write(ch->go, "g", 1) == 1);
	return notify_new(fd);
}

static void child_end(struct notify *n, struct child *ch)
{
	int status;

	REQUIRE(waitpid(ch->pid, &status, 0) == ch->pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	notify_free(n);
	close(ch->go);
	close(ch->out);
}

/* A handler without SA_RESTART: the call fails with EINTR and the thread
 * goes on. Its call is gone (not at the first look: a handler may still
 * bring it back), and the thread's next call is a new one. */
TEST(notify_eintr_is_gone)
{
	struct notify_call c;
	struct child ch;
	struct notify *n = listen_to(&ch, 2, false);
	pid_t gone = 0;
	int i;

	recv_one(n, &ch, &c);
	REQUIRE(kill(ch.pid, SIGUSR1) == 0);
	expect_line(&ch, "-1 4\n"); /* out of the call, into read */
	CHECK_INT(notify_next_gone(n), 0);
	CHECK_INT(notify_waiting(n), 1);
	for (i = 0; i < 1000 && !(gone = notify_next_gone(n)); i++)
		usleep(10000);
	CHECK_INT(gone, ch.pid);
	CHECK_INT(notify_waiting(n), 0);
	CHECK_INT(notify_allow(n, ch.pid), -ESRCH);
	REQUIRE(write(ch.go, "g", 1) == 1);
	recv_one(n, &ch, &c);
	CHECK(!c.replaced);
	CHECK_INT(notify_deny(n, ch.pid, EACCES), 0);
	expect_line(&ch, "-1 13\n");
	child_end(n, &ch);
}

/* Stopped while it waits: the call is interrupted, and restarts when the
 * thread is continued; meanwhile it is not gone, however long the stop
 * lasts, and the answer given during it reaches the restarted call. */
TEST(notify_stopped_call_waits_and_keeps_its_answer)
{
	struct notify_call c;
	struct child ch;
	struct notify *n = listen_to(&ch, 1, true);
	char want[64];
	int i;

	recv_one(n, &ch, &c);
	REQUIRE(kill(ch.pid, SIGSTOP) == 0);
	for (i = 0; i < 1000 && proc_state(ch.pid) != 'T'; i++)
		usleep(10000);
	REQUIRE(proc_state(ch.pid) == 'T');
	CHECK(!notify_is_waiting(n, ch.pid)); /* the id went stale */
	/* longer than a handler may take, twice over */
	for (i = 0; i < 3; i++) {
		CHECK_INT(notify_next_gone(n), 0);
		usleep(150000);
	}
	CHECK_INT(notify_waiting(n), 1);
	/* answered while stopped: kept for the restart */
	CHECK_INT(notify_allow(n, ch.pid), 0);
	CHECK_INT(notify_allow(n, ch.pid), -ESRCH);
	REQUIRE(kill(ch.pid, SIGCONT) == 0);
	snprintf(want, sizeof(want), "%d 0\n", (int)getpid());
	/* the restarted call is answered inside notify_recv */
	for (i = 0; i < 1000 && notify_waiting(n); i++) {
		struct pollfd p = {.fd = notify_fd(n), .events = POLLIN};

		if (poll(&p, 1, 10) == 1)
			CHECK(notify_recv(n, &c) <= 0);
	}
	CHECK_INT(notify_waiting(n), 0);
	expect_line(&ch, want);
	child_end(n, &ch);
}

/* The answer that meets the stale id of a call that a handler restarted
 * (SA_RESTART, as Go's SIGURG) before we read the new notification: it is
 * the call's answer, given to the new notification. */
TEST(notify_answer_reaches_the_restarted_call)
{
	struct pollfd p;
	struct notify_call c;
	struct child ch;
	struct notify *n = listen_to(&ch, 1, true);
	int rc;

	recv_one(n, &ch, &c);
	REQUIRE(kill(ch.pid, SIGUSR1) == 0);
	p = (struct pollfd){.fd = notify_fd(n), .events = POLLIN};
	REQUIRE(poll(&p, 1, -1) == 1); /* the restart is queued */
	CHECK_INT(notify_deny(n, ch.pid, EACCES), 0);
	/* answered inside: nothing to return (or the filter's end, when
	 * the child is quick to exit) */
	rc = notify_recv(n, &c);
	CHECK(rc == 0 || rc == -EPIPE);
	CHECK_INT(notify_waiting(n), 0);
	expect_line(&ch, "-1 13\n");
	child_end(n, &ch);
}

/* A handler slower than the check for gone calls (SIGUSR2 sleeps half a
 * second, SA_RESTART): the answer given while the thread is in it is
 * kept however long it runs, and the call that comes back is answered by
 * it, not seen as a second call. Before, the kept answer was dropped
 * after 100 ms, and CI counted 201 answers for 200 calls. */
TEST(notify_answer_outlasts_a_slow_handler)
{
	struct notify_call c;
	struct child ch;
	struct notify *n = listen_to(&ch, 1, true);
	char want[64];
	int i, rc;

	recv_one(n, &ch, &c);
	REQUIRE(kill(ch.pid, SIGUSR2) == 0);
	for (i = 0; i < 1000 && notify_is_waiting(n, ch.pid); i++)
		usleep(1000);
	REQUIRE(!notify_is_waiting(n, ch.pid)); /* in the handler */
	CHECK_INT(notify_allow(n, ch.pid), 0);	/* kept */
	/* sweep as the loop does, past two checks 100 ms apart */
	for (i = 0; i < 15; i++) {
		CHECK_INT(notify_next_gone(n), 0);
		usleep(20000);
	}
	CHECK_INT(notify_waiting(n), 1);
	snprintf(want, sizeof(want), "%d 0\n", (int)getpid());
	for (i = 0; i < 1000 && notify_waiting(n); i++) {
		struct pollfd p = {.fd = notify_fd(n), .events = POLLIN};

		if (poll(&p, 1, 10) == 1) {
			rc = notify_recv(n, &c);
			CHECK(rc == 0 || rc == -EPIPE); /* not a new call */
		}
	}
	CHECK_INT(notify_waiting(n), 0);
	expect_line(&ch, want);
	child_end(n, &ch);
}

/* A child whose filter waits killably once the call is taken (Linux
 * 5.19's WAIT_KILLABLE_RECV, as NOTIFY mode loads it): one getppid. Exit
 * 77 when the kernel does not know the flag. */
static void __attribute__((noreturn)) killable_child(int go)
{
	char c;

	if (load_notify_filter(SECCOMP_FILTER_FLAG_NEW_LISTENER |
			       SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV) < 0)
		_exit(errno == EINVAL ? 77 : 100);
	if (read(go, &c, 1) != 1)
		_exit(101);
	syscall(SYS_getppid);
	_exit(0);
}

/* Killing a call that waits killably: SIGSYS alone would not end the
 * wait (it kills by a core dump, not as SIGKILL), so notify_kill answers
 * the call too, and the thread dies of SIGSYS as it returns. Before, the
 * child stayed in its wait for ever (NOTIFY mode hung on an x32 call). */
TEST(notify_kill_ends_a_killable_wait)
{
	struct notify_call c;
	struct notify *n;
	int go[2], fd, status;
	pid_t pid;

	REQUIRE(pipe(go) == 0);
	pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		close(go[1]);
		killable_child(go[0]);
	}
	close(go[0]);
	if (notify_take_listener(pid, &fd, NULL) < 0) {
		REQUIRE(waitpid(pid, &status, 0) == pid);
		close(go[1]);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 77)
			test_skip("needs Linux 5.19 (WAIT_KILLABLE_RECV)");
		REQUIRE(!"the child loaded its filter");
	}
	n = notify_new(fd);
	REQUIRE(write(go[1], "g", 1) == 1);
	{
		struct pollfd p = {.fd = notify_fd(n), .events = POLLIN};

		REQUIRE(poll(&p, 1, -1) == 1);
		REQUIRE(notify_recv(n, &c) == 1);
	}
	CHECK_INT(c.tid, pid);
	CHECK_INT(notify_kill(n, pid, pid), 0);
	REQUIRE(waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS);
	CHECK_INT(notify_waiting(n), 0);
	notify_free(n);
	close(go[1]);
}
