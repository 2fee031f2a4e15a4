// SPDX-License-Identifier: Apache-2.0
/*
 * bpf: the checker against programs the kernel refuses (each one also
 * loaded into the real kernel, which must refuse it too) and the
 * interpreter on hand-written programs.
 */
#include <errno.h>
#include <linux/audit.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "seccompdbg/bpf.h"
#include "test.h"

#define LD_NR \
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))
#define LD_ARCH \
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch))
#define LD_ARG_LO(i)                       \
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, \
		 offsetof(struct seccomp_data, args[i]))
#define RET(k) BPF_STMT(BPF_RET | BPF_K, (k))

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

/* The kernel's answer to PROG: 0 loaded, or -errno. In a child. */
static int kernel_check(const struct sock_filter *prog, size_t len)
{
	struct sock_fprog fp = {(unsigned short)len,
				(struct sock_filter *)prog};
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		long rc = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);

		if (rc == 0)
			rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0,
				     &fp);
		_exit(rc == 0 ? 0 : errno);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -EIO;
	return -WEXITSTATUS(status);
}

struct bad_prog {
	const char *why;
	size_t len;
	struct sock_filter insns[4];
};

static const struct bad_prog bad_progs[] = {
	{"no return at the end", 1, {LD_NR}},
	{"load past seccomp_data",
	 2,
	 {BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 64), RET(0)}},
	{"unaligned load", 2, {BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 2), RET(0)}},
	{"half-word load", 2, {BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 0), RET(0)}},
	{"indirect load", 2, {BPF_STMT(BPF_LD | BPF_W | BPF_IND, 0), RET(0)}},
	{"jump past the end",
	 2,
	 {BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0), RET(0)}},
	{"long jump past the end", 2, {BPF_STMT(BPF_JMP | BPF_JA, 1), RET(0)}},
	{"division by constant 0",
	 2,
	 {BPF_STMT(BPF_ALU | BPF_DIV | BPF_K, 0), RET(0)}},
	{"shift by 32", 2, {BPF_STMT(BPF_ALU | BPF_LSH | BPF_K, 32), RET(0)}},
	{"modulo (not allowed for seccomp)",
	 2,
	 {BPF_STMT(BPF_ALU | BPF_MOD | BPF_K, 3), RET(0)}},
	{"scratch word read before written",
	 2,
	 {BPF_STMT(BPF_LD | BPF_MEM, 1), RET(0)}},
	{"scratch word out of range",
	 3,
	 {BPF_STMT(BPF_ST, 16), BPF_STMT(BPF_LD | BPF_MEM, 16), RET(0)}},
	{"scratch written on one path only",
	 4,
	 {BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1), BPF_STMT(BPF_ST, 2),
	  BPF_STMT(BPF_LD | BPF_MEM, 2), RET(0)}},
	{"unknown opcode", 2, {BPF_STMT(0xff, 0), RET(0)}},
};

/* Every refusal, and the real kernel refuses the same programs. */
TEST(bpf_check_refuses_what_the_kernel_refuses)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad_progs); i++) {
		const struct bad_prog *b = &bad_progs[i];
		struct err err = {""};

		if (bpf_verify(b->insns, b->len, &err) != -EINVAL)
			test_fail(__FILE__, __LINE__, "accepted: %s", b->why);
		CHECK_CONTAINS(err.msg, "instruction");
		if (kernel_check(b->insns, b->len) != -EINVAL)
			test_fail(__FILE__, __LINE__, "kernel accepted: %s",
				  b->why);
	}
}

TEST(bpf_check_accepts_what_the_kernel_accepts)
{
	static const struct sock_filter ok[] = {
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2),
		BPF_STMT(BPF_ST, 2),
		BPF_STMT(BPF_LD | BPF_MEM, 2),
		BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0),
		RET(SECCOMP_RET_ALLOW),
	};
	struct sock_filter big[BPF_MAXINSNS + 1];
	struct err err = {""};
	size_t i;

	/* The load is only reached past the store: fine for both. */
	CHECK_INT(bpf_verify(ok, ARRAY_SIZE(ok), &err), 0);
	CHECK_INT(kernel_check(ok, ARRAY_SIZE(ok)), 0);
	/* Cut short, it jumps past its end. */
	CHECK_INT(bpf_verify(ok, 2, &err), -EINVAL);
	CHECK_CONTAINS(err.msg, "instruction 0: jump past the end");
	for (i = 0; i < ARRAY_SIZE(big); i++)
		big[i] = (struct sock_filter)RET(SECCOMP_RET_ALLOW);
	CHECK_INT(bpf_verify(big, BPF_MAXINSNS, NULL), 0);
	CHECK_INT(kernel_check(big, BPF_MAXINSNS), 0);
	CHECK_INT(bpf_verify(big, BPF_MAXINSNS + 1, &err), -EINVAL);
	CHECK_CONTAINS(err.msg, "4097 instructions");
	CHECK_INT(bpf_verify(big, 0, NULL), -EINVAL);
}
