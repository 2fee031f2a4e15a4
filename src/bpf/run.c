// SPDX-License-Identifier: Apache-2.0
/*
 * bpf_run: a classic-BPF interpreter with the semantics the kernel gives a
 * seccomp filter. The program reads struct seccomp_data as 32-bit words
 * in host byte order (how the kernel lays it out for the running
 * architecture), its arithmetic is 32-bit, and the value it returns is
 * the SECCOMP_RET_* action with its 16 bits of data.
 *
 * The program must have passed bpf_verify: jumps only go forward, so it
 * ends, and every load is in bounds.
 */
#include <assert.h>
#include <string.h>

#include "seccompdbg/bpf.h"

struct machine {
	uint32_t a, x;
	uint32_t mem[BPF_MEMWORDS];
	const struct seccomp_data *data;
};

static uint32_t data_word(const struct seccomp_data *data, uint32_t off)
{
	uint32_t w;

	assert(off + sizeof(w) <= sizeof(*data) && !(off & 3));
	memcpy(&w, (const unsigned char *)data + off, sizeof(w));
	return w;
}

/*
 * One ALU instruction. Division by a zero X ends the program with 0
 * (SECCOMP_RET_KILL_THREAD), as the kernel's translation of classic BPF
 * does; *stop tells the caller. Shifts by X use its low 5 bits, as the
 * kernel's 32-bit shifts do.
 */
static uint32_t alu(uint16_t code, uint32_t a, uint32_t operand, bool *stop)
{
	switch (BPF_OP(code)) {
	case BPF_ADD:
		return a + operand;
	case BPF_SUB:
		return a - operand;
	case BPF_MUL:
		return a * operand;
	case BPF_DIV:
		if (operand == 0) {
			*stop = true;
			return 0;
		}
		return a / operand;
	case BPF_AND:
		return a & operand;
	case BPF_OR:
		return a | operand;
	case BPF_XOR:
		return a ^ operand;
	case BPF_LSH:
		return a << (operand & 31);
	case BPF_RSH:
		return a >> (operand & 31);
	case BPF_NEG:
		return -a;
	default:
		assert(!"opcode refused by bpf_verify");
		return 0;
	}
}

static bool jump_taken(uint16_t code, uint32_t a, uint32_t operand)
{
	switch (BPF_OP(code)) {
	case BPF_JEQ:
		return a == operand;
	case BPF_JGT:
		return a > operand;
	case BPF_JGE:
		return a >= operand;
	case BPF_JSET:
		return (a & operand) != 0;
	default:
		assert(!"opcode refused by bpf_verify");
		return false;
	}
}

/* Loads and stores; the instruction classes LD, LDX, ST, STX, MISC. */
static void move(struct machine *m, const struct sock_filter *in)
{
	switch (in->code) {
	case BPF_LD | BPF_W | BPF_ABS:
		m->a = data_word(m->data, in->k);
		break;
	case BPF_LD | BPF_W | BPF_LEN:
		m->a = sizeof(struct seccomp_data);
		break;
	case BPF_LDX | BPF_W | BPF_LEN:
		m->x = sizeof(struct seccomp_data);
		break;
	case BPF_LD | BPF_IMM:
		m->a = in->k;
		break;
	case BPF_LDX | BPF_IMM:
		m->x = in->k;
		break;
	case BPF_LD | BPF_MEM:
		m->a = m->mem[in->k];
		break;
	case BPF_LDX | BPF_MEM:
		m->x = m->mem[in->k];
		break;
	case BPF_ST:
		m->mem[in->k] = m->a;
		break;
	case BPF_STX:
		m->mem[in->k] = m->x;
		break;
	case BPF_MISC | BPF_TAX:
		m->x = m->a;
		break;
	case BPF_MISC | BPF_TXA:
		m->a = m->x;
		break;
	default:
		assert(!"opcode refused by bpf_verify");
	}
}

uint32_t bpf_run(const struct sock_filter *prog, size_t len,
		 const struct seccomp_data *data)
{
	struct machine m = {.data = data};
	size_t pc = 0;

	while (pc < len) {
		const struct sock_filter *in = &prog[pc++];
		uint32_t operand = BPF_SRC(in->code) == BPF_X ? m.x : in->k;
		bool stop = false;

		switch (BPF_CLASS(in->code)) {
		case BPF_RET:
			return BPF_RVAL(in->code) == BPF_A ? m.a : in->k;
		case BPF_ALU:
			m.a = alu(in->code, m.a, operand, &stop);
			if (stop)
				return 0;
			break;
		case BPF_JMP:
			if (BPF_OP(in->code) == BPF_JA)
				pc += in->k;
			else if (jump_taken(in->code, m.a, operand))
				pc += in->jt;
			else
				pc += in->jf;
			break;
		default:
			move(&m, in);
			break;
		}
	}
	assert(!"bpf_verify guarantees a final return");
	return 0;
}
