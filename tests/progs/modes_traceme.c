// SPDX-License-Identifier: Apache-2.0
/*
 * modes_traceme: a program that uses ptrace itself, as a debugger does.
 * It forks a child that asks to be traced (PTRACE_TRACEME) and stops;
 * the parent sees the stop, lets it go on and reaps it. Then it makes
 * the live tests' refusable call (mkdirat, ENOENT natively). Under a
 * ptrace-based supervisor the child is traced already: PTRACE_TRACEME
 * fails with EPERM, which is what tests/live/test_modes.py shows TRACE
 * mode cannot avoid and NOTIFY mode avoids.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int child(void)
{
	if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0) {
		printf("child: PTRACE_TRACEME = -1 %s\n",
		       strerrorname_np(errno));
		fflush(stdout);
		_exit(1);
	}
	raise(SIGSTOP);
	_exit(7);
}

int main(void)
{
	int status, ret;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	pid = fork();
	if (pid == 0)
		child();
	if (waitpid(pid, &status, 0) != pid)
		return 2;
	if (WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP) {
		printf("parent: the child stopped for its tracer\n");
		ptrace(PTRACE_CONT, pid, 0, 0);
		waitpid(pid, &status, 0);
	}
	printf("parent: the child exited %d\n",
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	ret = mkdirat(AT_FDCWD, "/nonexistent-sdbg/traceme", 0);
	printf("parent: mkdirat(traceme) = %d %s\n", ret,
	       ret < 0 ? strerrorname_np(errno) : "OK");
	return WIFEXITED(status) && WEXITSTATUS(status) == 7 ? 0 : 1;
}
