/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A fake traced program for the decode tests: one readable region of
 * memory at FAKE_BASE that tests fill with strings and structures; every
 * other address faults, as unmapped memory does. decode_str() decodes a
 * call against it and returns the text (a static buffer per call).
 */
#ifndef SECCOMPDBG_TEST_DECODE_H
#define SECCOMPDBG_TEST_DECODE_H

#include <errno.h>
#include <linux/audit.h>
#include <string.h>
#include <sys/syscall.h>

#include "seccompdbg/decode.h"
#include "test.h"

#define FAKE_BASE 0x10000u

struct fake_mem {
	unsigned char bytes[16384];
	size_t used;
	unsigned reads;
	size_t given; /* bytes handed out in all */
	size_t chunk; /* if set, at most this many bytes per read */
};

static inline ssize_t fake_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct fake_mem *m = ctx;
	size_t off, n;

	m->reads++;
	if (addr < FAKE_BASE || addr >= FAKE_BASE + m->used)
		return -EFAULT;
	off = (size_t)(addr - FAKE_BASE);
	n = len < m->used - off ? len : m->used - off;
	if (m->chunk && n > m->chunk)
		n = m->chunk;
	memcpy(buf, m->bytes + off, n);
	m->given += n;
	return (ssize_t)n;
}

/* Copies LEN bytes into the fake memory; returns their address. */
static inline uint64_t fake_put(struct fake_mem *m, const void *data,
				size_t len)
{
	uint64_t addr = FAKE_BASE + m->used;

	REQUIRE(m->used + len <= sizeof(m->bytes));
	memcpy(m->bytes + m->used, data, len);
	m->used += len;
	/* Keep later objects 8-byte aligned, as a real program's are. */
	while (m->used % 8)
		m->bytes[m->used++] = 0xaa;
	return addr;
}

static inline uint64_t fake_str(struct fake_mem *m, const char *s)
{
	return fake_put(m, s, strlen(s) + 1);
}

static inline const char *decode_str(uint32_t arch, int nr,
				     const uint64_t args[6], struct fake_mem *m)
{
	static char text[8192];
	struct strbuf sb = STRBUF_INIT;

	decode_call(arch, nr, args, m ? fake_read : NULL, m, &sb);
	snprintf(text, sizeof(text), "%s", strbuf_str(&sb));
	strbuf_release(&sb);
	return text;
}

/* DEC64(m, SYS_openat, a0, a1...): the x86_64 text of the call. */
#define DEC64(m, nr, ...) \
	decode_str(AUDIT_ARCH_X86_64, nr, (const uint64_t[6]){__VA_ARGS__}, m)
#define DEC32(m, nr, ...) \
	decode_str(AUDIT_ARCH_I386, nr, (const uint64_t[6]){__VA_ARGS__}, m)

#endif
