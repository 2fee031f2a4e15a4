// SPDX-License-Identifier: Apache-2.0
/*
 * bpf_verify: would the kernel accept this classic-BPF program as a seccomp
 * filter? The kernel runs two checks on SECCOMP_SET_MODE_FILTER: the
 * generic classic-BPF one (net/core/filter.c, bpf_check_classic) and then
 * seccomp's own whitelist (kernel/seccomp.c, seccomp_check_filter). Both
 * answer -EINVAL; we do the same and say which instruction and why, so a
 * test that feeds the interpreter a bad program fails loudly instead of
 * running it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include "seccompdbg/bpf.h"

/*
 * The opcodes seccomp allows. Everything else, including the packet
 * loads of half words, bytes and indirect offsets, the MOD and ARSH
 * operations and the ancillary loads, is refused.
 */
static bool opcode_is_allowed(uint16_t code)
{
	switch (code) {
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
	case BPF_ALU | BPF_ADD | BPF_K:
	case BPF_ALU | BPF_ADD | BPF_X:
	case BPF_ALU | BPF_SUB | BPF_K:
	case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_K:
	case BPF_ALU | BPF_MUL | BPF_X:
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_AND | BPF_K:
	case BPF_ALU | BPF_AND | BPF_X:
	case BPF_ALU | BPF_OR | BPF_K:
	case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_K:
	case BPF_ALU | BPF_XOR | BPF_X:
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_LSH | BPF_X:
	case BPF_ALU | BPF_RSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG:
	case BPF_LD | BPF_IMM:
	case BPF_LDX | BPF_IMM:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
	case BPF_JMP | BPF_JA:
	case BPF_JMP | BPF_JEQ | BPF_K:
	case BPF_JMP | BPF_JEQ | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_K:
	case BPF_JMP | BPF_JGE | BPF_X:
	case BPF_JMP | BPF_JGT | BPF_K:
	case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JSET | BPF_K:
	case BPF_JMP | BPF_JSET | BPF_X:
		return true;
	default:
		return false;
	}
}

static bool opcode_is_cond_jump(uint16_t code)
{
	return BPF_CLASS(code) == BPF_JMP && BPF_OP(code) != BPF_JA;
}

static bool opcode_uses_scratch(uint16_t code)
{
	return code == (BPF_LD | BPF_MEM) || code == (BPF_LDX | BPF_MEM) ||
	       code == BPF_ST || code == BPF_STX;
}

/* The checks of one instruction that need nothing but it and its place. */
static int insn_check(const struct sock_filter *in, size_t pc, size_t len,
		      struct err *err)
{
	uint16_t code = in->code;

	if (!opcode_is_allowed(code))
		return err_set(
			err, EINVAL,
			"instruction %zu: opcode %#x is not allowed in a seccomp filter",
			pc, code);
	if (code == (BPF_LD | BPF_W | BPF_ABS) &&
	    (in->k >= sizeof(struct seccomp_data) || (in->k & 3)))
		return err_set(
			err, EINVAL,
			"instruction %zu: load at offset %u is not an aligned word of struct seccomp_data",
			pc, in->k);
	if (code == (BPF_ALU | BPF_DIV | BPF_K) && in->k == 0)
		return err_set(err, EINVAL, "instruction %zu: division by 0",
			       pc);
	if ((code == (BPF_ALU | BPF_LSH | BPF_K) ||
	     code == (BPF_ALU | BPF_RSH | BPF_K)) &&
	    in->k >= 32)
		return err_set(err, EINVAL, "instruction %zu: shift by %u", pc,
			       in->k);
	if (opcode_uses_scratch(code) && in->k >= BPF_MEMWORDS)
		return err_set(err, EINVAL,
			       "instruction %zu: scratch word %u out of range",
			       pc, in->k);
	if (code == (BPF_JMP | BPF_JA) && in->k >= len - pc - 1)
		return err_set(err, EINVAL,
			       "instruction %zu: jump past the end", pc);
	if (opcode_is_cond_jump(code) &&
	    (pc + in->jt + 1 >= len || pc + in->jf + 1 >= len))
		return err_set(err, EINVAL,
			       "instruction %zu: jump past the end", pc);
	return 0;
}

/*
 * The kernel refuses a program that may read a scratch word no path has
 * written: it follows the program forward, keeping for each instruction
 * the set of words written on every path that reaches it.
 */
static int scratch_check(const struct sock_filter *prog, size_t len,
			 struct err *err)
{
	uint16_t valid_at[BPF_MAXINSNS];
	uint16_t valid = 0;
	size_t pc;

	for (pc = 0; pc < len; pc++)
		valid_at[pc] = 0xffff;
	for (pc = 0; pc < len; pc++) {
		const struct sock_filter *in = &prog[pc];

		valid &= valid_at[pc];
		if (in->code == BPF_ST || in->code == BPF_STX) {
			valid |= 1u << in->k;
		} else if (in->code == (BPF_LD | BPF_MEM) ||
			   in->code == (BPF_LDX | BPF_MEM)) {
			if (!(valid & (1u << in->k)))
				return err_set(
					err, EINVAL,
					"instruction %zu: scratch word %u may be read before it is written",
					pc, in->k);
		} else if (in->code == (BPF_JMP | BPF_JA)) {
			valid_at[pc + 1 + in->k] &= valid;
			valid = 0xffff;
		} else if (opcode_is_cond_jump(in->code)) {
			valid_at[pc + 1 + in->jt] &= valid;
			valid_at[pc + 1 + in->jf] &= valid;
			valid = 0xffff;
		}
	}
	return 0;
}

int bpf_verify(const struct sock_filter *prog, size_t len, struct err *err)
{
	uint16_t last;
	size_t pc;
	int rc;

	if (len == 0 || len > BPF_MAXINSNS)
		return err_set(err, EINVAL,
			       "%zu instructions (a filter has 1 to %d)", len,
			       BPF_MAXINSNS);
	for (pc = 0; pc < len; pc++) {
		rc = insn_check(&prog[pc], pc, len, err);
		if (rc < 0)
			return rc;
	}
	last = prog[len - 1].code;
	if (last != (BPF_RET | BPF_K) && last != (BPF_RET | BPF_A))
		return err_set(
			err, EINVAL,
			"instruction %zu: the program does not end in a return",
			len - 1);
	return scratch_check(prog, len, err);
}
