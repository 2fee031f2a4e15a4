// SPDX-License-Identifier: Apache-2.0
/*
 * trace: the rounds of trace_next (src/trace/event.c). A round reads the
 * signalfd once and takes one status per call; a round that took a
 * status of the only thread (not an exec) ends without the waitpid that
 * would find nothing. These tests check that no status is lost that way:
 * not the next stop of the same thread, not its death while it waits,
 * not the children of a single-threaded shell, not the statuses of
 * threads that came and went.
 */
#include <errno.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "test.h"
#include "test_trace.h"

static const struct tt_rule trace_getppid[] = {
	{.name = "getppid", .action = SCMP_ACT_TRACE(5)},
};

/* Every stop of a thread that stops again and again is seen. */
TEST(trace_rounds_see_every_stop_of_one_thread)
{
	enum { N = 300 };
	const char *argv[N + 2] = {tt_prog("trace_calls")};
	struct tt_filter f = TT_FILTER(trace_getppid);
	struct trace_event ev;
	char expect[64];
	size_t i, stops = 0, lines = 0;
	const char *p;
	struct tt h;

	for (i = 1; i <= N; i++)
		argv[i] = "getppid";
	tt_start(&h, argv, &f);
	while (tt_next(&h, &ev)) {
		if (ev.kind == TRACE_EV_SECCOMP && !ev.seccomp.launching) {
			CHECK_INT(ev.seccomp.ret_data, 5);
			stops++;
		}
		tt_default(&h, &ev);
	}
	CHECK_INT(stops, N);
	/* Allowed, each call returned our pid, its parent's. */
	snprintf(expect, sizeof(expect), "getppid -> %d\n", (int)getpid());
	for (p = strbuf_str(&h.output); (p = strstr(p, expect)); p++)
		lines++;
	CHECK_INT(lines, N);
	tt_free(&h);
}

/*
 * The only thread waits in its stop, its round is over, and it is
 * killed: its death comes with a SIGCHLD of its own, after the round's
 * read, so trace_fd() becomes readable and the exit is reported.
 */
TEST(trace_rounds_see_the_death_of_a_waiting_thread)
{
	const char *argv[] = {tt_prog("trace_calls"), "getppid", NULL};
	struct tt_filter f = TT_FILTER(trace_getppid);
	struct trace_event ev;
	struct tt h;

	tt_start(&h, argv, &f);
	tt_expect_seccomp(&h, &ev);
	/* Nothing else is pending: the round ends here. */
	CHECK_INT(trace_next(h.t, &ev), 0);
	CHECK_INT(kill(h.pid, SIGKILL), 0);
	for (;;) {
		struct pollfd p = {trace_fd(h.t), POLLIN, 0};

		/* Blocks for ever if the death were lost (the runner's
		 * alarm fails the test then). */
		REQUIRE(poll(&p, 1, -1) == 1);
		if (trace_next(h.t, &ev) == 1)
			break;
	}
	CHECK_INT(ev.kind, TRACE_EV_EXIT);
	CHECK_INT(ev.tid, h.pid);
	CHECK(ev.exit.process_gone);
	CHECK(WIFSIGNALED(ev.exit.status) &&
	      WTERMSIG(ev.exit.status) == SIGKILL);
	CHECK_INT(trace_next(h.t, &ev), 0);
	tt_free(&h);
}

/* Runs argv to its end; the number of its seccomp stops, its exit code. */
static size_t count_stops(struct tt *h, const char *const *argv, int *code)
{
	struct tt_filter f = TT_FILTER(trace_getppid);
	struct trace_event ev;
	size_t stops = 0;

	tt_start(h, argv, &f);
	while (tt_next(h, &ev)) {
		if (ev.kind == TRACE_EV_SECCOMP && !ev.seccomp.launching)
			stops++;
		tt_default(h, &ev);
	}
	REQUIRE(trace_program_exited(h->t, code));
	return stops;
}

/*
 * Threads come and go, then the one left stops in a loop: Debian's
 * python3 starts four threads that each call getppid, joins them, and
 * calls it 100 times more.
 */
TEST(trace_rounds_after_threads_are_gone)
{
	const char *argv[] = {
		"/usr/bin/python3", "-c",
		"import os, threading\n"
		"ts = [threading.Thread(target=os.getppid) for i in range(4)]\n"
		"[t.start() for t in ts]\n"
		"[t.join() for t in ts]\n"
		"[os.getppid() for i in range(100)]\n"
		"print('done')\n",
		NULL};
	struct tt h;
	int code;

	CHECK_INT(count_stops(&h, argv, &code), 104);
	CHECK_INT(code, 0);
	CHECK_STR(strbuf_str(&h.output), "done\n");
	tt_free(&h);
}

/*
 * A thread that is not the leader execs: the other threads are
 * destroyed (their death reports may come after the exec, naming threads
 * the table forgot) and the new program, single-threaded, stops 50
 * times. Every stop is seen, and tt_free finds no process left.
 */
TEST(trace_rounds_after_an_exec_from_a_thread)
{
	char script[512];
	const char *argv[] = {"/usr/bin/python3", "-c", script, NULL};
	struct tt h;
	int code;

	snprintf(
		script, sizeof(script),
		"import os, threading\n"
		"p = '%s'\n"
		"t = threading.Thread(target=os.execv, args=(p, [p] + ['getppid'] * 50))\n"
		"t.start()\n"
		"t.join()\n",
		tt_prog("trace_calls"));
	CHECK_INT(count_stops(&h, argv, &code), 50);
	CHECK_INT(code, 0);
	CHECK_CONTAINS(strbuf_str(&h.output), "getppid -> ");
	tt_free(&h);
}

/*
 * A single-threaded shell runs eight children one after the other: the
 * round of each SIGCHLD stop of the shell ends early, and every child is
 * still seen to start and to end.
 */
TEST(trace_rounds_see_the_children_of_a_shell)
{
	const char *argv[] = {
		"/bin/sh", "-c",
		"for i in 1 2 3 4 5 6 7 8; do /bin/true; done; echo done",
		NULL};
	struct trace_event ev;
	size_t news = 0, gone = 0;
	int code;
	struct tt h;

	tt_start(&h, argv, NULL);
	while (tt_next(&h, &ev)) {
		news += ev.kind == TRACE_EV_NEW && ev.pid != h.pid;
		gone += ev.kind == TRACE_EV_EXIT && ev.exit.process_gone;
		tt_default(&h, &ev);
	}
	REQUIRE(trace_program_exited(h.t, &code));
	CHECK_INT(code, 0);
	CHECK_INT(news, 8);
	CHECK_INT(gone, 9); /* the children and the shell */
	CHECK_STR(strbuf_str(&h.output), "done\n");
	tt_free(&h);
}
