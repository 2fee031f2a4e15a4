// SPDX-License-Identifier: Apache-2.0
/*
 * Fuzz the argument decoders: a system call of the input's choosing
 * (ABI, number, six arguments) decoded against tracee memory that is the
 * rest of the input. What it holds to (decode.h): the text never holds a
 * control byte or a byte above 0x7e, whatever the program's memory says,
 * and no more than DECODE_READ_MAX bytes are read for one call.
 *
 * The input: 1 byte ABI, 2 bytes number, 6 x 8 bytes arguments, then the
 * memory. Every address reads that memory from (address mod its size),
 * so any pointer leads somewhere, except on pages whose number is odd
 * (unmapped: a read stops at their start, as at the end of a mapping)
 * and at addresses in the kernel's half (-EFAULT).
 */
#include <errno.h>
#include <linux/audit.h>
#include <string.h>

#include "fuzz.h"
#include "seccompdbg/decode.h"
#include "seccompdbg/sysent.h"

#define HEAD (1 + 2 + 6 * 8)

struct memory {
	const uint8_t *bytes;
	size_t n;
	size_t got;   /* bytes given, for the bound */
	size_t reads; /* calls of the reader */
};

static bool is_mapped(uint64_t addr)
{
	return addr < 0xffff800000000000ull && !((addr >> 12) & 1);
}

static ssize_t read_memory(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct memory *m = ctx;
	size_t i;

	m->reads++;
	if (!m->n || !is_mapped(addr))
		return -EFAULT;
	for (i = 0; i < len && is_mapped(addr + i); i++)
		((uint8_t *)buf)[i] = m->bytes[(addr + i) % m->n];
	m->got += i;
	return (ssize_t)i;
}

static uint32_t pick_arch(uint8_t b, int *nr)
{
	switch (b % 4) {
	case 0:
		return AUDIT_ARCH_X86_64;
	case 1:
		return AUDIT_ARCH_I386;
	case 2:
		*nr |= SYSENT_X32_BIT;
		return AUDIT_ARCH_X86_64;
	default:
		return AUDIT_ARCH_AARCH64;
	}
}

static void safe(const struct strbuf *sb)
{
	FUZZ_REQUIRE(fuzz_is_safe_text(strbuf_str(sb), sb->len, false, false));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct memory m = {data + HEAD, size - HEAD, 0, 0};
	struct strbuf sb = STRBUF_INIT;
	struct decode_arg_info info[6];
	uint64_t args[6];
	uint32_t arch;
	unsigned i;
	int nr;

	if (size < HEAD)
		return 0;
	nr = (data[1] | data[2] << 8) % 1024;
	arch = pick_arch(data[0], &nr);
	memcpy(args, data + 3, sizeof(args));
	decode_call(arch, nr, args, read_memory, &m, &sb);
	safe(&sb);
	/* what is read of the program for one call is bounded (decode.h),
	   and so is the number of reads (each one a system call) */
	FUZZ_REQUIRE(m.got <= DECODE_READ_MAX);
	FUZZ_REQUIRE(m.reads <= DECODE_READ_MAX);
	decode_call(arch, nr, args, NULL, NULL, &sb);
	safe(&sb);
	decode_args(arch, nr, args, info);
	for (i = 0; i < 6; i++) {
		strbuf_reset(&sb);
		decode_arg(arch, nr, args, i, read_memory, &m, &sb);
		safe(&sb);
	}
	strbuf_reset(&sb);
	decode_raw(arch, nr, args, &sb);
	safe(&sb);
	strbuf_release(&sb);
	return 0;
}
