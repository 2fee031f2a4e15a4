// SPDX-License-Identifier: Apache-2.0
/*
 * trace: threads and processes. Many threads stopped at once, each
 * answered on its own while the others wait; fork, double fork (the
 * orphan stays traced), vfork + exec, exec from a non-leader thread, a
 * child that escapes tracing with CLONE_UNTRACED, and the tracer itself
 * killed: in every case no process of the program is left. And the ids
 * trace_proc_ids reads from /proc for processes and threads.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <seccomp.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "test_trace.h"

#define NTHREADS 8

TEST(trace_threads_stop_at_once_and_are_answered_one_by_one)
{
	static const struct tt_rule rules[] = {
		{.name = "dup", .action = SCMP_ACT_TRACE(4)},
	};
	struct tt_filter f = TT_FILTER(rules);
	const char *argv[] = {tt_prog("trace_threads"), "8", "dup", NULL};
	struct trace_event ev, stops[NTHREADS];
	size_t i, j, nthreads;
	char want[64], prefix[32];
	struct tt_stat st;
	struct tt h;

	tt_start(&h, argv, &f);
	/* Nobody answers until all eight wait: none is lost, none blocks
	 * the others from reaching their own stop. */
	for (i = 0; i < NTHREADS; i++) {
		tt_expect_seccomp(&h, &stops[i]);
		CHECK_INT(stops[i].pid, h.pid);
		CHECK(stops[i].tid != h.pid);
		for (j = 0; j < i; j++)
			CHECK(stops[j].seccomp.args[0] !=
			      stops[i].seccomp.args[0]);
	}
	trace_counts(h.t, NULL, &nthreads);
	CHECK_INT(nthreads, NTHREADS + 1);
	for (i = 0; i < NTHREADS; i++)
		CHECK(tt_stat(stops[i].tid, &st) && st.state == 't');
	/* Answer from the last: each runs on and ends while the others
	 * still wait in their stops. */
	for (i = NTHREADS; i-- > 0;) {
		long n = (long)stops[i].seccomp.args[0] - 1000;

		if (n % 2)
			CHECK_INT(trace_deny(h.t, stops[i].tid, 20 + (int)n),
				  0);
		else
			CHECK_INT(trace_allow(h.t, stops[i].tid), 0);
		do
			tt_expect(&h, TRACE_EV_EXIT, &ev);
		while (ev.tid != stops[i].tid);
		for (j = 0; j < i; j++)
			CHECK_INT(trace_thread(h.t, stops[j].tid)->state,
				  TRACE_SECCOMP_STOPPED);
		tt_collect(&h);
		snprintf(prefix, sizeof(prefix), "thread %ld:", n);
		snprintf(want, sizeof(want), "%s dup -> -1 errno %d", prefix,
			 n % 2 ? 20 + (int)n : EBADF);
		CHECK_STR(tt_line(&h, prefix), want);
	}
	CHECK_INT(tt_finish(&h), 0);
	CHECK(tt_line(&h, "joined 8") != NULL);
	tt_free(&h);
}

static struct tt_filter dup_filter(struct tt_rule *r, long fd)
{
	struct tt_filter f = {.rules = r, .nrules = 1};

	*r = (struct tt_rule){.name = "dup",
			      .action = SCMP_ACT_TRACE(4),
			      .has_arg0 = true,
			      .arg0 = (uint64_t)fd};
	return f;
}

TEST(trace_fork_child_is_followed)
{
	const char *argv[] = {tt_prog("trace_fork"), "fork", NULL};
	struct tt_rule r;
	struct tt_filter f = dup_filter(&r, 71);
	struct trace_event ev;
	size_t nproc;
	struct tt h;

	tt_start(&h, argv, &f);
	tt_expect(&h, TRACE_EV_NEW, &ev);
	CHECK(!ev.new.is_thread);
	CHECK_INT(ev.new.ppid, h.pid);
	CHECK(ev.pid != h.pid);
	tt_expect_seccomp(&h, &ev);
	CHECK(ev.pid != h.pid && ev.tid == ev.pid);
	trace_counts(h.t, &nproc, NULL);
	CHECK_INT(nproc, 2);
	CHECK_INT(trace_process(h.t, ev.pid)->ppid, h.pid);
	CHECK_INT(trace_deny(h.t, ev.tid, EPERM), 0);
	CHECK_INT(tt_finish(&h), 0);
	CHECK_STR(tt_line(&h, "child: dup"), "child: dup(71) -> -1 errno 1");
	CHECK_STR(tt_line(&h, "child: exited"), "child: exited 3");
	tt_free(&h);
}

TEST(trace_double_fork_orphan_stays_traced)
{
	const char *argv[] = {tt_prog("trace_fork"), "doublefork", NULL};
	struct tt_rule r;
	struct tt_filter f = dup_filter(&r, 72);
	struct trace_event ev;
	char status[256], want[64];
	int code = -1;
	struct tt h;

	tt_start(&h, argv, &f);
	tt_expect_seccomp(&h, &ev);
	/* Its parent is gone: it is ours now (we are a subreaper), and
	 * still traced. */
	snprintf(status, sizeof(status), "/proc/%d/status", (int)ev.pid);
	{
		char *data = NULL;
		size_t len;

		REQUIRE(read_file(status, 65536, &data, &len, NULL) == 0);
		snprintf(want, sizeof(want), "\nPPid:\t%d\n", (int)getpid());
		CHECK_CONTAINS(data, want);
		free(data);
	}
	CHECK_INT(trace_allow(h.t, ev.tid), 0);
	CHECK_INT(tt_finish(&h), 0);
	CHECK(trace_program_exited(h.t, &code));
	CHECK_INT(code, 0);
	CHECK_STR(tt_line(&h, "grandchild"),
		  "grandchild: dup(72) -> -1 errno 9");
	CHECK_STR(tt_line(&h, "middle"), "middle: exited 0");
	tt_free(&h);
}

TEST(trace_vfork_then_exec)
{
	const char *argv[] = {tt_prog("trace_fork"), "vfork", NULL};
	struct tt_rule r;
	struct tt_filter f = dup_filter(&r, 73);
	struct trace_event ev;
	pid_t child;
	struct tt h;

	tt_start(&h, argv, &f);
	tt_expect(&h, TRACE_EV_NEW, &ev);
	child = ev.pid;
	tt_expect(&h, TRACE_EV_EXEC, &ev);
	CHECK_INT(ev.pid, child);
	CHECK_INT(ev.exec.former_tid, child);
	CHECK_STR(trace_process(h.t, child)->comm, "trace_calls");
	CHECK_CONTAINS(trace_process(h.t, child)->exe, "/trace_calls");
	tt_expect_seccomp(&h, &ev);
	CHECK_INT(ev.pid, child);
	CHECK_INT(trace_deny(h.t, ev.tid, EPERM), 0);
	CHECK_INT(tt_finish(&h), 0);
	CHECK_STR(tt_line(&h, "dup:73"), "dup:73 -> -1 errno 1");
	CHECK_STR(tt_line(&h, "vforked"), "vforked: exited 0");
	tt_free(&h);
}

TEST(trace_exec_from_a_non_leader_thread)
{
	const char *argv[] = {tt_prog("trace_fork"), "thread-exec", NULL};
	struct tt_rule r;
	struct tt_filter f = dup_filter(&r, 75);
	struct trace_event ev;
	bool leader_vanished = false;
	size_t nproc, nthreads, threads_seen = 0, execs = 0;
	struct tt h;

	tt_start(&h, argv, &f);
	for (;;) {
		REQUIRE(tt_next(&h, &ev));
		if (ev.kind == TRACE_EV_NEW)
			threads_seen += ev.new.is_thread;
		if (ev.kind == TRACE_EV_EXIT && ev.tid == h.pid)
			leader_vanished =
				!ev.exit.reaped && !ev.exit.process_gone;
		/* The first exec is the launch's. */
		if (ev.kind == TRACE_EV_EXEC && execs++)
			break;
		tt_default(&h, &ev);
	}
	CHECK_INT(threads_seen, 3);
	/* The exec'ing thread now has the leader's id. */
	CHECK_INT(ev.tid, h.pid);
	CHECK_INT(ev.pid, h.pid);
	CHECK(ev.exec.former_tid != h.pid);
	CHECK(leader_vanished);
	CHECK(trace_thread(h.t, ev.exec.former_tid) == NULL);
	trace_counts(h.t, &nproc, &nthreads);
	CHECK_INT(nproc, 1);
	CHECK_INT(nthreads, 1);
	tt_expect_seccomp(&h, &ev);
	CHECK_INT(ev.tid, h.pid);
	CHECK_INT(trace_allow(h.t, ev.tid), 0);
	CHECK_INT(tt_finish(&h), 0);
	CHECK_STR(tt_line(&h, "after exec: same"), "after exec: same pid yes");
	CHECK_STR(tt_line(&h, "after exec: dup"),
		  "after exec: dup(75) -> -1 errno 9");
	tt_free(&h);
}

TEST(trace_untraced_child_is_killed_at_teardown)
{
	const char *argv[] = {tt_prog("trace_fork"), "untraced", NULL};
	struct tt_rule r;
	struct tt_filter f = dup_filter(&r, 74);
	const char *line;
	struct tt h;
	int pid;

	tt_start(&h, argv, &f);
	CHECK_INT(tt_finish(&h), 0);
	/* CLONE_UNTRACED escapes ptrace, not the filter: with no tracer
	 * the TRACE rule answers ENOSYS. */
	line = tt_wait_line(&h, "untraced: dup");
	CHECK_STR(line, "untraced: dup(74) -> -1 errno 38");
	line = tt_wait_line(&h, "untraced: pid");
	REQUIRE(line && sscanf(line, "untraced: pid %d", &pid) == 1);
	CHECK(trace_process(h.t, pid) == NULL);
	CHECK_INT(kill(pid, 0), 0);
	tt_watch(pid);
	tt_free(&h);
	CHECK(kill(pid, 0) < 0 && errno == ESRCH);
}

/* In a child: start a program that waits for ever, report its pid, and
 * wait to be killed. */
static void tracer_to_be_killed(int report)
{
	const char *argv[] = {tt_prog("trace_signals"), "echo", NULL};
	struct tt h;
	int n;

	tt_start_stdin(&h, argv, NULL);
	n = (int)write(report, &h.pid, sizeof(h.pid));
	(void)n;
	for (;;)
		pause();
}

TEST(trace_program_dies_with_a_killed_tracer)
{
	int p[2], pidfd, st;
	pid_t tracer, prog = 0;
	struct pollfd pfd;

	REQUIRE(pipe(p) == 0);
	tracer = fork();
	REQUIRE(tracer >= 0);
	if (tracer == 0)
		tracer_to_be_killed(p[1]);
	REQUIRE(read(p[0], &prog, sizeof(prog)) == sizeof(prog));
	pidfd = (int)syscall(SYS_pidfd_open, prog, 0);
	REQUIRE(pidfd >= 0);
	/* SIGKILL gives the tracer no chance to clean up: PTRACE_O_EXITKILL
	 * must take the program with it. */
	kill(tracer, SIGKILL);
	REQUIRE(waitpid(tracer, &st, 0) == tracer);
	pfd = (struct pollfd){.fd = pidfd, .events = POLLIN};
	CHECK_INT(poll(&pfd, 1, -1), 1);
	close(pidfd);
	close(p[0]);
	close(p[1]);
}

static void *report_tid(void *arg)
{
	*(pid_t *)arg = (pid_t)syscall(SYS_gettid);
	return NULL;
}

TEST(trace_proc_ids_of_processes_and_threads)
{
	pid_t tgid = 0, ppid = 0, tid = 0, child;
	pthread_t th;
	int st;

	CHECK_INT(trace_proc_ids(getpid(), &tgid, &ppid), 0);
	CHECK_INT(tgid, getpid());
	CHECK_INT(ppid, getppid());
	/* A thread's id: its process, and the process's parent. */
	REQUIRE(pthread_create(&th, NULL, report_tid, &tid) == 0);
	pthread_join(th, NULL);
	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	CHECK_INT(trace_proc_ids(child, &tgid, &ppid), 0);
	CHECK_INT(tgid, child);
	CHECK_INT(ppid, getpid());
	kill(child, SIGKILL);
	/* Dead but not reaped: a zombie has no ids (it will never stop). */
	REQUIRE(waitid(P_PID, (id_t)child, &(siginfo_t){0},
		       WEXITED | WNOWAIT) == 0);
	CHECK_INT(trace_proc_ids(child, &tgid, &ppid), -ESRCH);
	waitpid(child, &st, 0);
	/* Gone: reaped, and the thread above ended. */
	CHECK_INT(trace_proc_ids(child, &tgid, &ppid), -ESRCH);
	CHECK_INT(trace_proc_ids(tid, &tgid, &ppid), -ESRCH);
	CHECK_INT(trace_exit_code(st), 128 + SIGKILL);
}
