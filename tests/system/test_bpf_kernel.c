// SPDX-License-Identifier: Apache-2.0
/*
 * bpf_verify against the real kernel: every program the checker refuses
 * is loaded into a forked child, where the kernel must refuse it too,
 * and what the checker accepts the kernel loads.
 */
#include <errno.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "seccompdbg/bpf.h"
#include "test.h"
#include "test_bpf.h"

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
TEST(bpf_verify_refuses_what_the_kernel_refuses)
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

TEST(bpf_verify_accepts_what_the_kernel_accepts)
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
