// SPDX-License-Identifier: Apache-2.0
/*
 * bench/stoploop [-i] [-p] PROG ARG...: the least a ptrace supervisor
 * can do for a call that stops. The child loads a two-instruction-deep
 * filter that sends getppid to SECCOMP_RET_TRACE and allows the rest
 * (loaded with SPEC_ALLOW, as seccompdbg and runc load theirs), then
 * execs PROG; the parent answers every stop with a bare PTRACE_CONT.
 * bench/run compares seccompdbg's remembered-decision path with this.
 *
 *   -i  also read the stop with PTRACE_GET_SYSCALL_INFO, as any
 *       supervisor that wants to know the call must
 *   -p  wait the way an event loop that never blocks on one tracee does:
 *       poll a signalfd for SIGCHLD, read it, then waitpid(WNOHANG) until
 *       nothing is left (seccompdbg's loop, without its decisions)
 *
 * The variants split the supervisor's cost into the kernel's round trip
 * and what each extra system call adds.
 */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
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
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		    SECCOMP_FILTER_FLAG_SPEC_ALLOW, &prog) < 0)
		return 125;
	execv(argv[0], argv);
	return 127;
}

/* The signal a stop passes on: none for ptrace's own stops. */
static int stop_signal(int st)
{
	int sig = WSTOPSIG(st);

	return st >> 16 || sig == SIGTRAP || sig == SIGCONT ? 0 : sig;
}

/* One status: -1 when the program is over (*code set), 0 otherwise. */
static int answer(pid_t tid, int st, bool info, int *code)
{
	struct __ptrace_syscall_info si;

	if (WIFEXITED(st) || WIFSIGNALED(st)) {
		*code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		return -1;
	}
	if (info && st >> 16 == PTRACE_EVENT_SECCOMP)
		ptrace(PTRACE_GET_SYSCALL_INFO, tid, (long)sizeof(si), &si);
	ptrace(PTRACE_CONT, tid, 0L, (long)stop_signal(st));
	return 0;
}

/* Blocking waitpid: the kernel's round trip and nothing else. */
static int loop_blocking(bool info)
{
	int st, code = 1;
	pid_t tid;

	for (;;) {
		tid = waitpid(-1, &st, __WALL);
		if (tid < 0 || answer(tid, st, info, &code) < 0)
			return code;
	}
}

/* poll + signalfd + waitpid(WNOHANG) until 0, as an event loop waits. */
static int loop_polling(bool info, int sfd)
{
	struct pollfd p = {sfd, POLLIN, 0};
	struct signalfd_siginfo si;
	int st, code = 1;
	pid_t tid;

	for (;;) {
		if (poll(&p, 1, -1) < 0 || read(sfd, &si, sizeof(si)) < 0)
			return 1;
		while ((tid = waitpid(-1, &st, __WALL | WNOHANG)) > 0)
			if (answer(tid, st, info, &code) < 0)
				return code;
	}
}

int main(int argc, char **argv)
{
	bool info = false, polling = false;
	sigset_t set;
	int st, opt, sfd = -1;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+ip")) != -1) {
		if (opt == 'i')
			info = true;
		else if (opt == 'p')
			polling = true;
		else
			optind = argc;
	}
	if (argc - optind < 1) {
		fprintf(stderr, "usage: stoploop [-i] [-p] PROG [ARG]...\n");
		return 2;
	}
	if (polling) {
		sigemptyset(&set);
		sigaddset(&set, SIGCHLD);
		sigprocmask(SIG_BLOCK, &set, NULL);
		sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	}
	pid = fork();
	if (pid == 0) {
		if (polling)
			sigprocmask(SIG_UNBLOCK, &set, NULL);
		return child(argv + optind);
	}
	waitpid(pid, &st, WSTOPPED);
	ptrace(PTRACE_SEIZE, pid, 0L,
	       (long)(PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL));
	kill(pid, SIGCONT);
	return polling ? loop_polling(info, sfd) : loop_blocking(info);
}
