// SPDX-License-Identifier: Apache-2.0
/*
 * modes_sigsys: a program with a seccomp filter and a SIGSYS handler of
 * its own, the way sandboxes that emulate calls are built. Its filter
 * traps getppid with data 0x77; the handler prints what the kernel told
 * it and makes the call "return" 4242. A raise(SIGSYS) reaches the same
 * handler with SI_TKILL. Then the live tests' refusable call (mkdirat,
 * ENOENT natively). In TRAP mode the supervisor holds every SIGSYS: this
 * shows it hands the program's own ones back untouched.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
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
	char line[128];
	int n;

	(void)sig;
	n = snprintf(line, sizeof(line),
		     "handler: SIGSYS code %s syscall %d data %#x\n",
		     si->si_code == SI_TKILL ? "SI_TKILL" : "SYS_SECCOMP",
		     si->si_code == SI_TKILL ? 0 : si->si_syscall,
		     si->si_code == SI_TKILL ? 0 : (unsigned)si->si_errno);
	if (write(1, line, (size_t)n) < 0)
		_exit(3);
	if (si->si_code != SI_TKILL)
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

int main(void)
{
	struct sigaction sa = {.sa_sigaction = on_sigsys,
			       .sa_flags = SA_SIGINFO};
	long ret;

	setvbuf(stdout, NULL, _IONBF, 0);
	sigaction(SIGSYS, &sa, NULL);
	if (load_filter() < 0) {
		printf("main: cannot load the filter: %s\n",
		       strerrorname_np(errno));
		return 1;
	}
	ret = syscall(SYS_getppid);
	printf("main: getppid = %ld\n", ret);
	raise(SIGSYS);
	ret = mkdirat(AT_FDCWD, "/nonexistent-sdbg/sigsys", 0);
	printf("main: mkdirat(sigsys) = %ld %s\n", ret,
	       ret < 0 ? strerrorname_np(errno) : "OK");
	return 0;
}
