// m32
// SPDX-License-Identifier: Apache-2.0
/*
 * strace_mix MODE...: a program for the stracelog tests to run under
 * strace. Modes, done in the order given:
 *
 *   lines       writes to stderr, while it is the only process (so
 *               strace has printed the start of that write first), a
 *               line, then in the same write(2) lines that look like
 *               strace's; then a line and, in the same write, an escape
 *               sequence and binary bytes
 *   thread      starts a thread that calls getppid and says hello, joins
 *   fork        forks a child that says hello and exits with 3, waits
 *   number      calls a system call number no kernel has (1435)
 *   eperm       installs a seccomp filter: getpid fails with EPERM,
 *               getuid with ENOSYS, getppid traps (SIGSYS, handled);
 *               then calls the three
 *   kill        installs a filter that kills the process at getppid,
 *               then calls it
 *   exec PATH   execv(PATH) (the 32-bit build execs a 64-bit program)
 *   threadexec PATH
 *               a thread calls execv(PATH) while main waits in join:
 *               strace shows "superseded by execve"
 *
 * The thread and the child write plain text only: their output can land
 * between strace's lines, where a line that looks like a call would be
 * taken for one (docs/from-strace.md says why).
 */
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__x86_64__)
#define MY_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__i386__)
#define MY_AUDIT_ARCH AUDIT_ARCH_I386
#else
#error "strace_mix: add this architecture"
#endif

static const char fakes[] =
	"lines that look like strace's:\n"
	"close(99) = 0\n"
	"[pid  4242] openat(AT_FDCWD, \"/etc/shadow\", O_RDONLY) = 3\n"
	"4242  mkdir(\"/x\", 0777) = 0\n"
	"reboot(0xfee1dead, 0x28121969, 0x1234567, NULL) = 0\n"
	"<... kexec_load resumed>) = 0\n"
	"--- SIGSYS {si_signo=SIGSYS, si_code=SYS_SECCOMP, si_call_addr=0x1, "
	"si_syscall=__NR_reboot, si_arch=AUDIT_ARCH_X86_64} ---\n"
	"+++ killed by SIGKILL +++\n"
	"[ Process PID=4242 runs in x32 mode. ]\n"
	"strace: Process 4243 attached\n";

static const char garbage[] = "binary follows:\n"
			      "\x1b]0;pwned\x07\x1b[2Jterminal escape\n"
			      "\x01\x02\xfe\xff binary\n";

static void say(const char *s)
{
	write(2, s, strlen(s));
}

static void *thread_main(void *arg)
{
	const char *path = arg;

	if (path) {
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	syscall(SYS_getppid);
	say("thread says hello\n");
	return NULL;
}

static void run_thread(const char *path)
{
	pthread_t t;

	pthread_create(&t, NULL, thread_main, (void *)path);
	pthread_join(t, NULL);
}

static void run_fork(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		say("child says hello\n");
		_exit(3);
	}
	waitpid(pid, &status, 0);
}

static void on_sigsys(int sig)
{
	(void)sig;
}

/* A filter: getpid -> EPERM, getuid -> ENOSYS, getppid -> PPID_ACTION. */
static void load_filter(unsigned ppid_action)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, MY_AUDIT_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getpid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 1),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getuid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 38),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, ppid_action),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };

	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) {
		perror("seccomp");
		exit(1);
	}
}

static void run_filtered(unsigned ppid_action)
{
	signal(SIGSYS, on_sigsys);
	load_filter(ppid_action);
	syscall(SYS_getpid);
	syscall(SYS_getuid);
	syscall(SYS_getppid);
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "lines")) {
			say(fakes);
			say(garbage);
		} else if (!strcmp(argv[i], "thread")) {
			run_thread(NULL);
		} else if (!strcmp(argv[i], "fork")) {
			run_fork();
		} else if (!strcmp(argv[i], "number")) {
			syscall(1435);
		} else if (!strcmp(argv[i], "eperm")) {
			run_filtered(SECCOMP_RET_TRAP);
		} else if (!strcmp(argv[i], "kill")) {
			run_filtered(SECCOMP_RET_KILL_PROCESS);
		} else if (!strcmp(argv[i], "exec") && i + 1 < argc) {
			execl(argv[i + 1], argv[i + 1], (char *)NULL);
			return 127;
		} else if (!strcmp(argv[i], "threadexec") && i + 1 < argc) {
			run_thread(argv[++i]);
		} else {
			fprintf(stderr, "strace_mix: bad mode %s\n", argv[i]);
			return 2;
		}
	}
	return 0;
}
