// SPDX-License-Identifier: Apache-2.0
/*
 * bench/stoploop PROG ARG...: the least a ptrace supervisor can do for a
 * call that stops. The child loads a two-instruction-deep filter that
 * sends getppid to SECCOMP_RET_TRACE and allows the rest, then execs
 * PROG; the parent answers every stop with a bare PTRACE_CONT. bench/run
 * compares seccompdbg's remembered-decision path with this.
 */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int child(char **argv)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {sizeof(f) / sizeof(f[0]), f};

	raise(SIGSTOP); /* wait to be seized */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		return 125;
	execv(argv[0], argv);
	return 127;
}

int main(int argc, char **argv)
{
	int st;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: stoploop PROG [ARG]...\n");
		return 2;
	}
	pid = fork();
	if (pid == 0)
		return child(argv + 1);
	waitpid(pid, &st, WSTOPPED);
	ptrace(PTRACE_SEIZE, pid, 0L,
	       (long)(PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL));
	kill(pid, SIGCONT);
	for (;;) {
		if (waitpid(pid, &st, __WALL) < 0)
			return 1;
		if (WIFEXITED(st))
			return WEXITSTATUS(st);
		if (WIFSIGNALED(st))
			return 128 + WTERMSIG(st);
		/* seccomp stops and the rest: continue, signals passed on */
		ptrace(PTRACE_CONT, pid, 0L,
		       (long)(st >> 16 || WSTOPSIG(st) == SIGTRAP ||
					      WSTOPSIG(st) == SIGCONT
				      ? 0
				      : WSTOPSIG(st)));
	}
}
