// SPDX-License-Identifier: Apache-2.0
/*
 * bpf: the interpreter on hand-written programs. The checker against
 * programs the kernel refuses, each one also loaded into the real
 * kernel, is in tests/system/test_bpf_kernel.c.
 */
#include <errno.h>
#include <linux/audit.h>
#include <stddef.h>

#include "seccompdbg/bpf.h"
#include "test.h"
#include "test_bpf.h"

static struct seccomp_data data_of(int nr, uint32_t arch, uint64_t a0)
{
	struct seccomp_data d = {.nr = nr, .arch = arch};

	d.args[0] = a0;
	return d;
}

#define RUN(prog, d) bpf_run((prog), ARRAY_SIZE(prog), (d))

TEST(bpf_runs_a_syscall_filter)
{
	static const struct sock_filter prog[] = {
		LD_ARCH,
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		RET(SECCOMP_RET_KILL_PROCESS),
		LD_NR,
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 39, 0, 1),
		RET(SECCOMP_RET_ERRNO | 7),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 400, 0, 1),
		RET(SECCOMP_RET_TRACE | 9),
		RET(SECCOMP_RET_ALLOW),
	};
	struct seccomp_data d;

	REQUIRE(bpf_verify(prog, ARRAY_SIZE(prog), NULL) == 0);
	d = data_of(39, AUDIT_ARCH_X86_64, 0);
	CHECK_U64(RUN(prog, &d), SECCOMP_RET_ERRNO | 7);
	d = data_of(400, AUDIT_ARCH_X86_64, 0);
	CHECK_U64(RUN(prog, &d), SECCOMP_RET_TRACE | 9);
	d = data_of(1, AUDIT_ARCH_X86_64, 0);
	CHECK_U64(RUN(prog, &d), SECCOMP_RET_ALLOW);
	d = data_of(39, AUDIT_ARCH_I386, 0);
	CHECK_U64(RUN(prog, &d), SECCOMP_RET_KILL_PROCESS);
}

/* Arguments are read as 32-bit words: low word at +0, high at +4. */
TEST(bpf_reads_argument_words)
{
	static const struct sock_filter prog[] = {
		LD_ARG_LO(0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 5, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, args[0]) + 4),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 1),
		RET(SECCOMP_RET_ERRNO | 1),
		RET(SECCOMP_RET_ALLOW),
	};
	struct seccomp_data d = data_of(0, 0, 0x100000005ull);

	CHECK_U64(RUN(prog, &d), SECCOMP_RET_ERRNO | 1);
	d.args[0] = 5;
	CHECK_U64(RUN(prog, &d), SECCOMP_RET_ALLOW);
}

TEST(bpf_alu_scratch_and_index_register)
{
	static const struct sock_filter prog[] = {
		LD_NR,
		BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xff),
		BPF_STMT(BPF_ST, 3),
		BPF_STMT(BPF_LDX | BPF_W | BPF_LEN, 0),
		BPF_STMT(BPF_MISC | BPF_TXA, 0),	/* A = 64 */
		BPF_STMT(BPF_ALU | BPF_LSH | BPF_K, 2), /* 256 */
		BPF_STMT(BPF_LDX | BPF_MEM, 3),		/* X = nr & 0xff */
		BPF_STMT(BPF_ALU | BPF_ADD | BPF_X, 0), /* 256 + X */
		BPF_STMT(BPF_ALU | BPF_SUB | BPF_K, 1),
		BPF_STMT(BPF_ALU | BPF_NEG, 0),
		BPF_STMT(BPF_ALU | BPF_NEG, 0),
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x100, 1, 0),
		RET(SECCOMP_RET_KILL_THREAD),
		BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xffff),
		BPF_STMT(BPF_ALU | BPF_OR | BPF_K, SECCOMP_RET_ERRNO),
		BPF_STMT(BPF_RET | BPF_A, 0),
	};
	struct seccomp_data d = data_of(0x1234, 0, 0);

	REQUIRE(bpf_verify(prog, ARRAY_SIZE(prog), NULL) == 0);
	/* 256 + 0x34 - 1 = 0x133 */
	CHECK_U64(RUN(prog, &d), SECCOMP_RET_ERRNO | 0x133);
}

/* Division by a zero X ends the program with 0, as in the kernel. */
TEST(bpf_division_by_zero_register_returns_zero)
{
	static const struct sock_filter prog[] = {
		BPF_STMT(BPF_LD | BPF_IMM, 10),
		BPF_STMT(BPF_LDX | BPF_IMM, 0),
		BPF_STMT(BPF_ALU | BPF_DIV | BPF_X, 0),
		RET(SECCOMP_RET_ALLOW),
	};
	struct seccomp_data d = {0};

	REQUIRE(bpf_verify(prog, ARRAY_SIZE(prog), NULL) == 0);
	CHECK_U64(RUN(prog, &d), 0);
}
