// SPDX-License-Identifier: Apache-2.0
/*
 * trace: "kill" as a profile's KILL_THREAD / KILL_PROCESS would, checked
 * against the real thing: the same program run under a real KILL filter
 * (with and without a tracer) must end with the same wait status, the
 * same output, and for KILL_THREAD the same thread status, as under a
 * TRACE filter whose stop we answer with trace_kill.
 */
#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "test_trace.h"

#define NO_KILL (-1)

struct outcome {
	int status;	   /* wait status of the first process */
	int thread_status; /* of the first other thread that ended, or -1 */
	char *output;
};

/* Traced: name gets action; with kill_mode, each stop of it is killed. */
static void run_traced(const char *const *argv, const char *name,
		       uint32_t action, int kill_mode, struct outcome *o)
{
	struct tt_rule r = {.name = name, .action = action};
	struct tt_filter f = {.rules = &r, .nrules = 1, .x86 = true};
	struct trace_event ev;
	struct tt h;

	o->status = o->thread_status = -1;
	tt_start(&h, argv, &f);
	while (tt_next(&h, &ev)) {
		if (ev.kind == TRACE_EV_SECCOMP && !ev.seccomp.launching &&
		    kill_mode != NO_KILL) {
			CHECK_INT(trace_kill(h.t, ev.tid, kill_mode), 0);
			continue;
		}
		if (ev.kind == TRACE_EV_EXIT && ev.tid == h.pid)
			o->status = ev.exit.status;
		else if (ev.kind == TRACE_EV_EXIT && o->thread_status < 0)
			o->thread_status = ev.exit.status;
		tt_default(&h, &ev);
	}
	o->output = xstrdup(strbuf_str(&h.output));
	tt_free(&h);
}

/* No tracer at all: the kernel's own verdict. */
static void run_untraced(const char *const *argv, const char *name,
			 uint32_t action, struct outcome *o)
{
	struct tt_rule r = {.name = name, .action = action};
	struct tt_filter f = {.rules = &r, .nrules = 1, .x86 = true};
	struct sock_fprog prog;

	tt_build_filter(&f, &prog);
	o->output = tt_native(argv, &prog, &o->status);
	o->thread_status = -1;
	free(prog.filter);
}

/* The same program under the real KILL and under TRACE + trace_kill. */
static void run_both(const char *const *argv, const char *name,
		     enum trace_kill_mode mode, struct outcome *real,
		     struct outcome *emulated)
{
	uint32_t action = mode == TRACE_KILL_THREAD ? SCMP_ACT_KILL_THREAD
						    : SCMP_ACT_KILL_PROCESS;

	run_traced(argv, name, action, NO_KILL, real);
	run_traced(argv, name, SCMP_ACT_TRACE(3), (int)mode, emulated);
}

static void check_same(const struct outcome *a, const struct outcome *b)
{
	CHECK_INT(a->status, b->status);
	CHECK_STR(a->output, b->output);
	free(a->output);
}

static void check_kill_process(const char *prog)
{
	const char *argv[] = {tt_prog(prog), "getppid", "getuid", "getgid",
			      NULL};
	struct outcome real, untraced, emulated;

	run_untraced(argv, "getuid", SCMP_ACT_KILL_PROCESS, &untraced);
	run_both(argv, "getuid", TRACE_KILL_PROCESS, &real, &emulated);
	CHECK(WIFSIGNALED(real.status) && WTERMSIG(real.status) == SIGSYS);
	CHECK(strstr(real.output, "getppid -> ") &&
	      !strstr(real.output, "getgid"));
	check_same(&emulated, &real);
	/* The tracer does not change what the kernel does. */
	check_same(&untraced, &real);
	free(real.output);
}

TEST(trace_kill_process_as_the_kernel_does)
{
	check_kill_process("trace_calls");
}

TEST(trace_kill_process_as_the_kernel_does_i386)
{
	REQUIRE_IA32_PROGRAMS();
	check_kill_process("trace_calls-32");
}

TEST(trace_kill_thread_of_the_only_thread_kills_the_process)
{
	const char *argv[] = {tt_prog("trace_calls"), "getuid", "getgid", NULL};
	struct outcome real, emulated;

	run_both(argv, "getuid", TRACE_KILL_THREAD, &real, &emulated);
	CHECK(WIFSIGNALED(real.status) && WTERMSIG(real.status) == SIGSYS);
	check_same(&emulated, &real);
	free(real.output);
}

/*
 * A thread's own status reaches the tracer only if it is reaped before
 * its process exits; after that the kernel reports the group's exit code
 * for it (wait_task_zombie takes group_exit_code once SIGNAL_GROUP_EXIT
 * is set). Both are what the real KILL_THREAD gives.
 */
static bool is_thread_killed(int thread_status, int status)
{
	return (WIFSIGNALED(thread_status) &&
		WTERMSIG(thread_status) == SIGSYS) ||
	       thread_status == status;
}

TEST(trace_kill_thread_leaves_the_other_threads)
{
	const char *argv[] = {tt_prog("trace_threads"), "1", "getppid", NULL};
	struct outcome real, emulated;

	run_both(argv, "getppid", TRACE_KILL_THREAD, &real, &emulated);
	/* The worker died, the main thread joined it and exited 0. */
	CHECK(WIFEXITED(real.status) && WEXITSTATUS(real.status) == 0);
	CHECK_STR(real.output, "joined 1\n");
	CHECK(is_thread_killed(real.thread_status, real.status));
	CHECK(is_thread_killed(emulated.thread_status, emulated.status));
	check_same(&emulated, &real);
	free(real.output);
}

TEST(trace_kill_program_kills_every_process)
{
	const char *argv[] = {tt_prog("trace_fork"), "fork", NULL};
	struct tt_rule r = {.name = "dup",
			    .action = SCMP_ACT_TRACE(4),
			    .has_arg0 = true,
			    .arg0 = 71};
	struct tt_filter f = {.rules = &r, .nrules = 1};
	struct trace_event ev;
	struct tt h;

	tt_start(&h, argv, &f);
	tt_expect_seccomp(&h, &ev);
	CHECK(ev.pid != h.pid);
	CHECK_INT(trace_kill(h.t, ev.tid, TRACE_KILL_PROGRAM), 0);
	CHECK_INT(tt_finish(&h), 128 + SIGKILL);
	CHECK(tt_line(&h, "child") == NULL);
	tt_free(&h);
}

struct two_filters {
	struct sock_fprog ours, theirs;
};

/* Ours first (it allows seccomp), then the program's own, which
 * refuses seccomp(): the emulation's seccomp() call then fails. */
static int stacked_hook(void *arg)
{
	const struct two_filters *two = arg;
	int rc = tt_load_filter(&two->ours);

	return rc < 0 ? rc : tt_load_filter(&two->theirs);
}

TEST(trace_kill_falls_back_to_sigkill)
{
	static const struct tt_rule ours[] = {
		{.name = "getuid", .action = SCMP_ACT_TRACE(3)},
	};
	static const struct tt_rule theirs[] = {
		{.name = "seccomp", .action = SCMP_ACT_ERRNO(EPERM)},
	};
	struct tt_filter fo = TT_FILTER(ours), ft = TT_FILTER(theirs);
	const char *argv[] = {tt_prog("trace_calls"), "getuid", NULL};
	static struct two_filters two;
	struct trace_event ev;
	struct tt h;

	tt_build_filter(&fo, &two.ours);
	tt_build_filter(&ft, &two.theirs);
	fo.hook = stacked_hook;
	fo.hook_arg = &two;
	tt_start(&h, argv, &fo);
	tt_expect_seccomp(&h, &ev);
	CHECK_INT(trace_kill(h.t, ev.tid, TRACE_KILL_PROCESS), 0);
	CHECK_INT(tt_finish(&h), 128 + SIGKILL);
	tt_free(&h);
	free(two.ours.filter);
	free(two.theirs.filter);
}
