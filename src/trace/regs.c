// SPDX-License-Identifier: Apache-2.0
/*
 * Registers of a stopped tracee, per ABI. On an x86_64 host a 64-bit
 * tracer sees every tracee, x86_64, i386 (int 0x80, sysenter) or x32,
 * through the 64-bit struct user_regs_struct: orig_rax holds the call
 * number the kernel will run (-1: none) and rax the return value. Both
 * were checked on Linux 6.18 with real 32-bit programs (docs/tracing.md).
 *
 * PTRACE_SET_SYSCALL_INFO (Linux 6.16) can set the number arch-neutrally
 * but not the return value, which stays per architecture, so we write
 * the two registers ourselves and work on kernels from 4.8 on.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>

#include "internal.h"

#if !defined(__x86_64__)
#error "trace: only x86_64 hosts so far (see docs/tracing.md)"
#endif

#define X32_SYSCALL_BIT 0x40000000

/* What the kill emulation needs of each ABI the host runs. The unit
 * tests check the numbers against libseccomp. */
static const struct trace_abi abis[] = {
	{.token = AUDIT_ARCH_X86_64,
	 .name = "x86_64",
	 .nr_seccomp = 317,
	 .ptr_size = 8,
	 .insn_len = 2},
	{.token = AUDIT_ARCH_I386,
	 .name = "x86",
	 .nr_seccomp = 354,
	 .ptr_size = 4,
	 .insn_len = 2},
	/* x32 shares the x86_64 token and marks its numbers instead. */
	{.token = AUDIT_ARCH_X86_64,
	 .name = "x32",
	 .nr_seccomp = 317 | X32_SYSCALL_BIT,
	 .ptr_size = 4,
	 .insn_len = 2},
};

const struct trace_abi *trace_abis(size_t *n)
{
	*n = ARRAY_SIZE(abis);
	return abis;
}

const struct trace_abi *trace_regs_abi(uint32_t arch, int nr)
{
	if (arch == AUDIT_ARCH_X86_64)
		return &abis[nr & X32_SYSCALL_BIT ? 2 : 0];
	if (arch == AUDIT_ARCH_I386)
		return &abis[1];
	return NULL;
}

/*
 * An x32 call is killed through the x86_64 seccomp(): the x32 one is a
 * call the kernel may not have (CONFIG_X86_X32_ABI is off in most
 * distributions' kernels: it fails with ENOSYS), and that the program's
 * own filters judge as an x32 call, often a bad architecture. Any
 * 64-bit-mode process, x32 ones included, can make x86_64 calls, and the
 * kill filter kills whatever the next call is.
 */
const struct trace_abi *trace_regs_kill_abi(uint32_t arch, int nr)
{
	const struct trace_abi *abi = trace_regs_abi(arch, nr);

	return abi == &abis[2] ? &abis[0] : abi;
}

int trace_regs_set_return(pid_t tid, int64_t value, bool skip)
{
	/* The number first: a tracee is never left with the new return
	 * value and the old call. */
	if (skip &&
	    ptrace(PTRACE_POKEUSER, tid,
		   offsetof(struct user_regs_struct, orig_rax), -1L) < 0)
		return -errno;
	if (ptrace(PTRACE_POKEUSER, tid, offsetof(struct user_regs_struct, rax),
		   (long)value) < 0)
		return -errno;
	return 0;
}

/*
 * The filter and its struct sock_fprog, laid out for the tracee's ABI,
 * in buf (32 bytes) that will sit at address at. Returns the address of
 * the sock_fprog.
 */
static uint64_t kill_prog_layout(const struct trace_abi *abi, uint32_t action,
				 uint64_t at, unsigned char buf[32])
{
	struct sock_filter insn = BPF_STMT(BPF_RET | BPF_K, action);
	uint16_t len = 1;
	uint64_t p64 = at;
	uint32_t p32 = (uint32_t)at;

	memset(buf, 0, 32);
	memcpy(buf, &insn, sizeof(insn));
	memcpy(buf + 16, &len, sizeof(len));
	/* struct sock_fprog { unsigned short len; struct sock_filter *f; } */
	if (abi->ptr_size == 4)
		memcpy(buf + 16 + 4, &p32, sizeof(p32));
	else
		memcpy(buf + 16 + 8, &p64, sizeof(p64));
	return at + 16;
}

int trace_regs_setup_kill(pid_t tid, uint32_t arch, int nr, uint32_t action)
{
	const struct trace_abi *abi = trace_regs_kill_abi(arch, nr);
	struct user_regs_struct regs;
	unsigned char buf[32];
	uint64_t at, prog;

	if (!abi)
		return -EOPNOTSUPP;
	if (ptrace(PTRACE_GETREGS, tid, 0L, &regs) < 0)
		return -errno;
	/* Below the x86_64 red zone, which the program may be using. */
	at = (regs.rsp - 128 - 64) & ~(uint64_t)15;
	prog = kill_prog_layout(abi, action, at, buf);
	if (trace_mem_write(tid, at, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
		return -EFAULT;
	regs.orig_rax = (uint64_t)abi->nr_seccomp;
	if (abi->token == AUDIT_ARCH_I386) {
		regs.rbx = SECCOMP_SET_MODE_FILTER;
		regs.rcx = 0;
		regs.rdx = prog;
	} else {
		regs.rdi = SECCOMP_SET_MODE_FILTER;
		regs.rsi = 0;
		regs.rdx = prog;
	}
	/* Back onto the syscall instruction (int 0x80 for sysenter calls,
	 * as the kernel's own restarts assume). */
	regs.rip -= abi->insn_len;
	if (ptrace(PTRACE_SETREGS, tid, 0L, &regs) < 0)
		return -errno;
	return 0;
}
