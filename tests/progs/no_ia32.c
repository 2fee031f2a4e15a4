// SPDX-License-Identifier: Apache-2.0
/*
 * no_ia32 CMD [ARG...]: run CMD, and everything it starts, with every
 * i386 system call killed: a stand-in for a kernel without IA32
 * emulation (CONFIG_IA32_EMULATION off, or ia32_emulation=0 at boot), on
 * which `make check` must pass with the 32-bit tests skipped
 * (docs/testing.md). A seccomp filter: the architecture word is i386 ->
 * SECCOMP_RET_KILL_PROCESS, anything else -> ALLOW. How close it comes:
 *
 * - int $0x80 from 64-bit code: killed, as there, but by SIGSYS where
 *   such a kernel raises SIGSEGV;
 * - a 32-bit program: execve (an x86_64 call) succeeds and the program's
 *   first call kills it (SIGSYS), where such a kernel refuses the execve
 *   itself with ENOEXEC;
 * - everything under it runs under seccomp, so the kernel refuses
 *   PTRACE_O_SUSPEND_SECCOMP to seccompdbg: TRAP mode cannot work, which
 *   a kernel without IA32 does not change (its tests skip, saying so).
 *
 * Loaded without no_new_privs (root has CAP_SYS_ADMIN), so setuid
 * programs keep working under it. Exits 125 when the filter cannot be
 * loaded, 127 when CMD cannot be run.
 */
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {.len = sizeof(insns) / sizeof(insns[0]),
				  .filter = insns};

	if (argc < 2) {
		fprintf(stderr, "usage: no_ia32 CMD [ARG...]\n");
		return 125;
	}
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
		perror("no_ia32: seccomp (as root, or with CAP_SYS_ADMIN)");
		return 125;
	}
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
