// SPDX-License-Identifier: Apache-2.0
/*
 * trace: starting the program. Command resolution (126/127 with the
 * reason, before any fork), exec failures reported through the error
 * pipe, the launching window before the exec, a refused execve, exit
 * statuses of real programs, and the pseudo-terminal.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <seccomp.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "test_trace.h"

static int spawn_error(const char *const *argv, char *const *envp, char *msg,
		       size_t len)
{
	struct trace_spawn_opts o = {.argv = (char *const *)argv, .envp = envp};
	struct err err = {""};
	struct trace *t;
	pid_t pid;
	int rc;

	REQUIRE(trace_new(&t, NULL) == 0);
	rc = trace_spawn(t, &o, &pid, &err);
	snprintf(msg, len, "%s", err.msg);
	trace_free(t);
	/* Resolution failed before the fork: no child at all. */
	CHECK(waitpid(-1, NULL, __WALL | WNOHANG) < 0 && errno == ECHILD);
	return rc;
}

TEST(trace_spawn_not_found_is_enoent)
{
	const char *argv1[] = {"seccompdbg-no-such-command", NULL};
	const char *argv2[] = {"/nonexistent/prog", NULL};
	char msg[1024];

	CHECK_INT(spawn_error(argv1, NULL, msg, sizeof(msg)), -ENOENT);
	CHECK_STR(msg, "seccompdbg-no-such-command: command not found");
	CHECK_INT(spawn_error(argv2, NULL, msg, sizeof(msg)), -ENOENT);
	CHECK_STR(msg, "/nonexistent/prog: No such file or directory");
}

TEST(trace_spawn_not_executable_is_eacces)
{
	char dir[] = "/tmp/tt-spawn-XXXXXX", file[64], pathenv[80];
	const char *argv1[] = {"/etc/passwd", NULL};
	const char *argv2[] = {"/tmp", NULL};
	const char *argv3[] = {"tt-noexec", NULL};
	char *envp[] = {pathenv, NULL};
	char msg[1024];

	CHECK_INT(spawn_error(argv1, NULL, msg, sizeof(msg)), -EACCES);
	CHECK_CONTAINS(msg, "/etc/passwd: not executable");
	CHECK_INT(spawn_error(argv2, NULL, msg, sizeof(msg)), -EACCES);
	CHECK_STR(msg, "/tmp: Is a directory");
	/* Found in PATH but without an x bit: 126, like execvp's EACCES. */
	REQUIRE(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/tt-noexec", dir);
	REQUIRE(write_file_atomic(file, "#!/bin/sh\n", 10, NULL) == 0);
	chmod(file, 0644);
	snprintf(pathenv, sizeof(pathenv), "PATH=/nonexistent:%s", dir);
	CHECK_INT(spawn_error(argv3, envp, msg, sizeof(msg)), -EACCES);
	CHECK_CONTAINS(msg, "tt-noexec: found in PATH but not executable");
	unlink(file);
	rmdir(dir);
}

TEST(trace_spawn_exec_failure_reports_errno)
{
	char dir[] = "/tmp/tt-spawn-XXXXXX", file[64];
	const char *argv[] = {file, NULL};
	struct trace_event ev;
	struct tt h;

	/* Executable, but neither ELF nor #!: execve says ENOEXEC. */
	REQUIRE(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/garbage", dir);
	REQUIRE(write_file_atomic(file, "\x01\x02garbage", 9, NULL) == 0);
	chmod(file, 0755);
	tt_start(&h, argv, NULL);
	tt_expect(&h, TRACE_EV_EXIT, &ev);
	CHECK(ev.exit.reaped && ev.exit.process_gone);
	CHECK_INT(trace_exit_code(ev.exit.status), 126);
	CHECK_INT(ev.exit.launch_stage, TRACE_LAUNCH_EXEC);
	CHECK_INT(ev.exit.launch_errno, ENOEXEC);
	CHECK_INT(tt_finish(&h), 126);
	tt_free(&h);
	unlink(file);
	rmdir(dir);
}

static int run_code(const char *script)
{
	const char *argv[] = {"sh", "-c", (char *)script, NULL};
	struct tt h;
	int code;

	tt_start(&h, argv, NULL);
	code = tt_finish(&h);
	tt_free(&h);
	return code;
}

TEST(trace_exit_codes_of_real_programs)
{
	const char *t[] = {"true", NULL}, *f[] = {"false", NULL};
	struct tt h;

	tt_start(&h, t, NULL);
	CHECK_INT(tt_finish(&h), 0);
	tt_free(&h);
	tt_start(&h, f, NULL);
	CHECK_INT(tt_finish(&h), 1);
	tt_free(&h);
	CHECK_INT(run_code("exit 7"), 7);
	/* Killed by a signal N: 128 + N, as a shell reports it. */
	CHECK_INT(run_code("kill -TERM $$"), 128 + SIGTERM);
	CHECK_INT(run_code("kill -SEGV $$"), 128 + SIGSEGV);
	CHECK_INT(run_code("kill -KILL $$"), 128 + SIGKILL);
}

TEST(trace_refused_execve_is_reported_and_fails_126)
{
	static const struct tt_rule rules[] = {
		{.name = "execve", .action = SCMP_ACT_TRACE(5)},
	};
	struct tt_filter f = TT_FILTER(rules);
	const char *argv[] = {"true", NULL};
	struct trace_event ev;
	struct tt h;

	tt_start(&h, argv, &f);
	tt_expect(&h, TRACE_EV_SECCOMP, &ev);
	/* The execve of the launch itself is a stop the session sees. */
	CHECK(ev.seccomp.launching);
	CHECK_INT(ev.seccomp.nr, tt_nr(SCMP_ARCH_X86_64, "execve"));
	CHECK_INT(ev.seccomp.ret_data, 5);
	CHECK(trace_thread(h.t, ev.tid)->launching);
	CHECK_INT(trace_deny(h.t, ev.tid, EPERM), 0);
	tt_expect(&h, TRACE_EV_EXIT, &ev);
	CHECK_INT(trace_exit_code(ev.exit.status), 126);
	CHECK_INT(ev.exit.launch_stage, TRACE_LAUNCH_EXEC);
	CHECK_INT(ev.exit.launch_errno, EPERM);
	CHECK_INT(tt_finish(&h), 126);
	tt_free(&h);
}

TEST(trace_everything_traced_launching_window)
{
	struct tt_filter f = {.def_action = SCMP_ACT_TRACE(0)};
	const char *argv[] = {"sh", "-c", "exit 4", NULL};
	struct trace_event ev;
	size_t before = 0, after = 0;
	bool exec_seen = false;
	struct tt h;

	/* Every call stops: those before the exec are launching, and the
	 * only one there is the execve itself. */
	tt_start(&h, argv, &f);
	while (tt_next(&h, &ev)) {
		if (ev.kind == TRACE_EV_EXEC)
			exec_seen = true;
		if (ev.kind == TRACE_EV_SECCOMP) {
			CHECK(ev.seccomp.launching == !exec_seen);
			if (ev.seccomp.launching)
				CHECK_INT(ev.seccomp.nr,
					  tt_nr(SCMP_ARCH_X86_64, "execve"));
			*(ev.seccomp.launching ? &before : &after) += 1;
		}
		tt_default(&h, &ev);
	}
	CHECK_INT(before, 1);
	CHECK(after > 5);
	CHECK(exec_seen);
	REQUIRE(trace_program_exited(h.t, NULL));
	tt_free(&h);
}

static int failing_hook(void *arg)
{
	(void)arg;
	return -EPERM;
}

TEST(trace_failing_hook_exits_125)
{
	const char *argv[] = {"true", NULL};
	struct trace_spawn_opts o = {.argv = (char *const *)argv,
				     .hook = failing_hook};
	struct trace_event ev;
	struct trace *t;
	pid_t pid;
	int code = 0;

	REQUIRE(trace_new(&t, NULL) == 0);
	REQUIRE(trace_spawn(t, &o, &pid, NULL) == 0);
	for (;;) {
		struct pollfd p = {trace_fd(t), POLLIN, 0};

		if (trace_next(t, &ev) == 1 && ev.kind == TRACE_EV_EXIT)
			break;
		poll(&p, 1, -1);
	}
	CHECK_INT(ev.exit.launch_stage, TRACE_LAUNCH_HOOK);
	CHECK_INT(ev.exit.launch_errno, EPERM);
	CHECK(trace_program_exited(t, &code));
	CHECK_INT(code, 125);
	trace_free(t);
}

/* Installs the filter, then makes a call of its own before the exec. */
static int hook_then_call(void *arg)
{
	const struct sock_fprog *prog = arg;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog) < 0)
		return -errno;
	/* With the tracer not attached yet this would fail with ENOSYS. */
	return syscall(SYS_getppid) == getppid() ? 0 : -ENOSYS;
}

TEST(trace_child_is_attached_before_the_hook)
{
	static const struct tt_rule rules[] = {
		{.name = "getppid", .action = SCMP_ACT_TRACE(9)},
	};
	struct tt_filter f = TT_FILTER(rules);
	const char *argv[] = {"sh", "-c", "exit 6", NULL};
	struct trace_event ev;
	struct tt h;

	f.hook = hook_then_call;
	tt_start(&h, argv, &f);
	tt_expect(&h, TRACE_EV_SECCOMP, &ev);
	CHECK(ev.seccomp.launching);
	CHECK_INT(ev.seccomp.nr, tt_nr(SCMP_ARCH_X86_64, "getppid"));
	CHECK_INT(ev.seccomp.ret_data, 9);
	CHECK_INT(trace_allow(h.t, ev.tid), 0);
	/* The hook saw the real parent, returned 0, and sh ran. */
	CHECK_INT(tt_finish(&h), 6);
	tt_free(&h);
}

static int session_of(pid_t pid)
{
	struct tt_stat st;

	return tt_stat(pid, &st) ? st.session : -1;
}

TEST(trace_pty_is_the_program_controlling_terminal)
{
	const char *argv[] = {
		"sh", "-c",
		"test -t 0 && test -t 1 && echo tty-ok >/dev/tty && stty size",
		NULL};
	struct trace_spawn_opts o = {.argv = (char *const *)argv,
				     .stdio = TRACE_STDIO_PTY,
				     .rows = 33,
				     .cols = 101};
	struct strbuf out = STRBUF_INIT;
	struct trace_event ev;
	struct trace *t;
	int code = -1, master;
	bool eof = false;
	pid_t pid;

	REQUIRE(trace_new(&t, NULL) == 0);
	REQUIRE(trace_spawn(t, &o, &pid, NULL) == 0);
	master = trace_pty_fd(t);
	REQUIRE(master >= 0);
	/* Until the program is over and its terminal says EIO. */
	for (;;) {
		struct pollfd p[2] = {{trace_fd(t), POLLIN, 0},
				      {master, POLLIN, 0}};
		char buf[256];
		ssize_t n;

		while (trace_next(t, &ev) == 1) {
			/* A session of its own: its job control is not ours. */
			if (ev.kind == TRACE_EV_EXEC)
				CHECK_INT(session_of(pid), pid);
		}
		if (eof && trace_program_exited(t, NULL))
			break;
		poll(p, eof ? 1 : 2, -1);
		if (eof || !p[1].revents)
			continue;
		n = read(master, buf, sizeof(buf));
		if (n > 0)
			strbuf_add(&out, buf, (size_t)n);
		else
			eof = true;
	}
	CHECK(trace_program_exited(t, &code));
	CHECK_INT(code, 0);
	CHECK_STR(strbuf_str(&out), "tty-ok\r\n33 101\r\n");
	trace_free(t);
	strbuf_release(&out);
	CHECK(session_of(getpid()) != pid);
}

/* sh -c 'kill -USR1 $$; exit 3' started while we ignore SIGUSR1. */
static int usr1_after_ignoring(bool reset)
{
	const char *argv[] = {"sh", "-c", "kill -USR1 $$; exit 3", NULL};
	struct trace_spawn_opts o = {.argv = (char *const *)argv,
				     .reset_signals = reset};
	struct trace_event ev;
	struct trace *t;
	int code = -1;
	pid_t pid;

	signal(SIGUSR1, SIG_IGN);
	REQUIRE(trace_new(&t, NULL) == 0);
	REQUIRE(trace_spawn(t, &o, &pid, NULL) == 0);
	while (!trace_program_exited(t, &code)) {
		struct pollfd p = {trace_fd(t), POLLIN, 0};

		if (trace_next(t, &ev) == 0)
			poll(&p, 1, -1);
	}
	trace_free(t);
	signal(SIGUSR1, SIG_DFL);
	return code;
}

TEST(trace_reset_signals_undoes_our_ignored_signals)
{
	/* An ignored signal stays ignored across exec... */
	CHECK_INT(usr1_after_ignoring(false), 3);
	/* ...unless the program is to get the defaults back. */
	CHECK_INT(usr1_after_ignoring(true), 128 + SIGUSR1);
}
