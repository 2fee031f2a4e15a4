// SPDX-License-Identifier: Apache-2.0
/*
 * modes_sandbox: the parts of Chromium's seccomp-bpf sandbox that meet
 * ours (docs/browser.md). Its own filter refuses fchmod with EPERM and
 * clone3 with ENOSYS (so that glibc falls back to clone, which the
 * sandbox can inspect), and traps getppid to its SIGSYS handler, which
 * makes the call "return" 4242. Then, as Chromium's renderer does, it
 * checks that fchmod(-1, 07777) fails with EPERM (EBADF would mean the
 * sandbox is off), and makes a thread: glibc's pthread_create blocks
 * every signal, SIGSYS too, around its clone3 and clone. The thread and
 * then the main thread call getppid, which must reach the handler.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

static void on_sigsys(int sig, siginfo_t *si, void *arg)
{
	ucontext_t *uc = arg;

	(void)sig;
	if (si->si_code == 1 /* SYS_SECCOMP */ && si->si_errno == 0x77)
		uc->uc_mcontext.gregs[REG_RAX] = 4242;
}

static int load_filter(void)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_fchmod, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP | 0x77),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {.len = sizeof(insns) / sizeof(insns[0]),
				  .filter = insns};

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

static void *thread_main(void *arg)
{
	(void)arg;
	printf("thread: getppid = %ld\n", syscall(SYS_getppid));
	return NULL;
}

int main(void)
{
	struct sigaction sa = {.sa_sigaction = on_sigsys,
			       .sa_flags = SA_SIGINFO | SA_NODEFER};
	pthread_t thread;
	long ret;
	int rc;

	setvbuf(stdout, NULL, _IONBF, 0);
	sigaction(SIGSYS, &sa, NULL);
	if (load_filter() < 0) {
		printf("main: cannot load the filter: %s\n",
		       strerrorname_np(errno));
		return 1;
	}
	ret = fchmod(-1, 07777);
	printf("main: fchmod = %ld %s\n", ret,
	       ret < 0 ? strerrorname_np(errno) : "OK");
	printf("main: getppid = %ld\n", syscall(SYS_getppid));
	rc = pthread_create(&thread, NULL, thread_main, NULL);
	if (rc == 0)
		pthread_join(thread, NULL);
	else
		printf("main: pthread_create = %s\n", strerrorname_np(rc));
	printf("main: getppid after = %ld\n", syscall(SYS_getppid));
	return 0;
}
