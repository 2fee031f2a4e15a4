// SPDX-License-Identifier: Apache-2.0
/*
 * trace: trace_wait, the loop that sleeps in waitpid (src/trace/event.c),
 * which a session that watches nothing but its tracees uses instead of
 * polling the signalfd. It must see every stop and every exit the polling
 * loop sees, say 0 for a status that makes no event, -EINTR when a
 * handler of ours ran, -ECHILD when nothing is left, and mix with
 * trace_next.
 */
#include <errno.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "test_trace.h"

static const struct tt_rule trace_getppid[] = {
	{.name = "getppid", .action = SCMP_ACT_TRACE(7)},
};

/* Runs the program to its end with trace_wait alone; its stops. With
 * DELAY_US, each wait comes that late: the program runs on meanwhile. */
static size_t wait_slowly(struct tt *h, int *code, unsigned delay_us)
{
	struct trace_event ev;
	size_t stops = 0;
	int rc;

	for (;;) {
		if (delay_us)
			usleep(delay_us);
		rc = trace_wait(h->t, &ev);
		if (rc < 0)
			break;
		if (rc == 0)
			continue;
		if (ev.kind == TRACE_EV_SECCOMP && !ev.seccomp.launching) {
			CHECK_INT(ev.seccomp.ret_data, 7);
			stops++;
		}
		tt_default(h, &ev);
	}
	CHECK_INT(rc, -ECHILD);
	REQUIRE(trace_program_exited(h->t, code));
	return stops;
}

static size_t wait_to_the_end(struct tt *h, int *code)
{
	return wait_slowly(h, code, 0);
}

TEST(trace_wait_sees_every_stop_and_the_end)
{
	enum { N = 300 };
	const char *argv[N + 2] = {tt_prog("trace_calls")};
	struct tt_filter f = TT_FILTER(trace_getppid);
	size_t i, np, nt;
	int code = -1;
	struct tt h;

	for (i = 1; i <= N; i++)
		argv[i] = "getppid";
	tt_start(&h, argv, &f);
	CHECK_INT(wait_to_the_end(&h, &code), N);
	CHECK_INT(code, 0);
	trace_counts(h.t, &np, &nt);
	CHECK_INT(np, 0);
	CHECK_INT(nt, 0);
	tt_free(&h);
}

/* A shell's children, forks and execs: every stop of each process. */
TEST(trace_wait_follows_children)
{
	const char *argv[] = {"/bin/sh", "-c", NULL, NULL};
	struct tt_filter f = TT_FILTER(trace_getppid);
	char line[512];
	int code = -1;
	struct tt h;

	snprintf(line, sizeof(line),
		 "for i in 1 2 3; do %s getppid getppid; done; exit 3",
		 tt_prog("trace_calls"));
	argv[2] = line;
	tt_start(&h, argv, &f);
	/* two per child, and the shell's own for $PPID */
	CHECK_INT(wait_to_the_end(&h, &code), 2 * 3 + 1);
	CHECK_INT(code, 3);
	tt_free(&h);
}

/* A child of ours that is not traced: its status makes no event. */
TEST(trace_wait_says_zero_for_a_status_without_event)
{
	const char *argv[] = {tt_prog("trace_calls"), "getppid", NULL};
	struct tt_filter f = TT_FILTER(trace_getppid);
	struct trace_event ev;
	struct tt h;
	pid_t other;
	int rc;

	tt_start(&h, argv, &f);
	tt_expect_seccomp(&h, &ev);
	/* the program waits in its stop: the next status is the other's */
	other = fork();
	REQUIRE(other >= 0);
	if (other == 0)
		_exit(0);
	while ((rc = trace_wait(h.t, &ev)) == 1)
		CHECK(ev.kind != TRACE_EV_SECCOMP);
	CHECK_INT(rc, 0);
	CHECK_INT(trace_allow(h.t, h.pid), 0);
	CHECK_INT(tt_finish(&h), 0);
	tt_free(&h);
}

static void noted(int sig)
{
	(void)sig;
}

/* A handler without SA_RESTART ends the wait with -EINTR. */
TEST(trace_wait_interrupted_by_a_handler)
{
	const char *argv[] = {tt_prog("trace_calls"), "getppid", NULL};
	struct tt_filter f = TT_FILTER(trace_getppid);
	struct sigaction sa = {.sa_handler = noted}, old;
	struct trace_event ev;
	struct tt h;

	tt_start(&h, argv, &f);
	tt_expect_seccomp(&h, &ev);
	/* it waits in its stop: nothing will come but the alarm */
	sigaction(SIGALRM, &sa, &old);
	alarm(1);
	CHECK_INT(trace_wait(h.t, &ev), -EINTR);
	sigaction(SIGALRM, &old, NULL);
	CHECK_INT(trace_allow(h.t, h.pid), 0);
	CHECK_INT(tt_finish(&h), 0);
	tt_free(&h);
}

/* trace_next's round, then trace_wait, then trace_next again. */
TEST(trace_wait_mixes_with_trace_next)
{
	const char *argv[] = {tt_prog("trace_calls"), "getppid", "getppid",
			      "getppid", NULL};
	struct tt_filter f = TT_FILTER(trace_getppid);
	struct trace_event ev;
	struct tt h;
	int rc;

	tt_start(&h, argv, &f);
	tt_expect_seccomp(&h, &ev);
	CHECK_INT(trace_allow(h.t, ev.tid), 0);
	while ((rc = trace_wait(h.t, &ev)) == 0 ||
	       (rc == 1 && ev.kind != TRACE_EV_SECCOMP))
		;
	REQUIRE(rc == 1);
	CHECK_INT(trace_allow(h.t, ev.tid), 0);
	tt_expect_seccomp(&h, &ev);
	CHECK_INT(trace_allow(h.t, ev.tid), 0);
	CHECK_INT(tt_finish(&h), 0);
	tt_free(&h);
}

/*
 * Children whose whole life ends before their parent's fork event is
 * taken: their exit must not be followed by their adoption from that
 * event (a zombie still has its /proc entry), or the table keeps a
 * process that never reports again and the session waits for ever.
 */
TEST(trace_wait_short_lived_children_leave_no_ghost)
{
	const char *argv[] = {"/bin/sh", "-c", NULL, NULL};
	char line[512];
	size_t np, nt;
	int code = -1;
	struct tt h;

	/* a grandchild of ours: its parent is no child of ours, so the two
	 * come in the order of the tracees' list, the newest first */
	snprintf(line, sizeof(line), "%s forks 50; exit 0",
		 tt_prog("trace_fork"));
	argv[2] = line;
	tt_start(&h, argv, NULL);
	/* late enough that a resumed child has exited by the next wait */
	CHECK_INT(wait_slowly(&h, &code, 2000), 0);
	CHECK_INT(code, 0);
	trace_counts(h.t, &np, &nt);
	CHECK_INT(np, 0);
	CHECK_INT(nt, 0);
	tt_free(&h);
}
