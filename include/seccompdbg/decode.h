/* SPDX-License-Identifier: Apache-2.0 */
/*
 * decode: what a system call is, as strace would print it.
 *
 * decode_call turns (arch, nr, args) into `unshare(CLONE_NEWUSER|
 * CLONE_NEWPID)`: names from libseccomp, argument kinds from sysent's
 * signature tables, values through flag and enum tables (the xlats), and
 * strings and structures read from the traced program through a callback,
 * so no ptrace lives here. Everything the program controls is bounded and
 * escaped with escape_c: the text is safe on a terminal, in a log and
 * (through escape_json) in JSON.
 *
 * For "allow with these arguments", decode_args says what each argument
 * is: whether a condition on it makes sense and which table names its
 * values. See docs/decoders.md.
 */
#ifndef SECCOMPDBG_DECODE_H
#define SECCOMPDBG_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "seccompdbg/sysent.h"
#include "seccompdbg/util.h"

/* Bytes shown of one string or buffer; a longer one ends in `...`. */
#define DECODE_STR_MAX 256
/* Bytes read from the program for one call in all; past that, pointers
 * print as addresses. */
#define DECODE_READ_MAX 4096

/*
 * Reads LEN bytes at ADDR of the traced program into BUF. Returns the
 * number of bytes read (fewer than LEN when the range crosses into an
 * unmapped page) or -errno. CTX is the caller's.
 */
typedef ssize_t (*decode_read_fn)(void *ctx, uint64_t addr, void *buf,
				  size_t len);

/*
 * Appends the call as text: `openat(AT_FDCWD, "/etc/passwd", O_RDONLY)`.
 * ARCH is the AUDIT_ARCH_* token (x32 calls: AUDIT_ARCH_X86_64 with
 * SYSENT_X32_BIT in NR). Arguments of 32-bit ABIs are truncated to 32 bits
 * (and sign-extended where signed) as the kernel sees them. READ may be
 * NULL: pointers then print as addresses. An unknown call prints as
 * `syscall_NNN(0x1, ...)` with six arguments.
 */
void decode_call(uint32_t arch, int nr, const uint64_t args[6],
		 decode_read_fn read, void *ctx, struct strbuf *out);

/* Appends `x86_64 nr 272 args 0x10020000 0x0 0x0 0x0 0x0 0x0`. */
void decode_raw(uint32_t arch, int nr, const uint64_t args[6],
		struct strbuf *out);

/*
 * Appends argument I (0..5) alone, as decode_call shows it (nothing for an
 * argument the call does not have, or one decode_call leaves out, such as
 * open's mode without O_CREAT).
 */
void decode_arg(uint32_t arch, int nr, const uint64_t args[6], unsigned i,
		decode_read_fn read, void *ctx, struct strbuf *out);

/* A table of named values: ENUM values, or FLAGS bits. */
struct decode_xent {
	uint64_t value;
	const char *name;
};

enum decode_xlat_type { DECODE_XLAT_ENUM, DECODE_XLAT_FLAGS };

struct decode_xlat {
	const char *name; /* "clone_flags" */
	enum decode_xlat_type type;
	const struct decode_xent *ents;
	size_t n;
};

/* What a condition on an argument can say. */
enum decode_cond {
	DECODE_COND_NONE,  /* a pointer or address: no useful condition */
	DECODE_COND_VALUE, /* a number, fd, id or enum: EQ/NE/LT... */
	DECODE_COND_FLAGS, /* a bit set: MASKED_EQ on single bits */
};

struct decode_arg_info {
	enum sysent_arg kind;
	enum decode_cond cond;
	const struct decode_xlat *xlat; /* names of its values, or NULL */
};

/*
 * Describes the arguments of the call into INFO and returns how many the
 * call has (6, all HEX values, when it is unknown). ARGS may be NULL; when
 * given, arguments whose meaning depends on another one (fcntl's third,
 * prctl's second) are described for these values.
 */
size_t decode_args(uint32_t arch, int nr, const uint64_t args[6],
		   struct decode_arg_info info[6]);

/* Appends VALUE through X: `CLONE_NEWUSER|CLONE_NEWPID|0x40`. */
void decode_xlat_print(const struct decode_xlat *x, uint64_t value,
		       struct strbuf *out);
/* The name of exactly VALUE, or NULL. Borrowed, static. */
const char *decode_xlat_name(const struct decode_xlat *x, uint64_t value);
/* The value named NAME in X; false when X has no such name. */
bool decode_xlat_value(const struct decode_xlat *x, const char *name,
		       uint64_t *value);
/* Every table, and one by name ("open_flags"); NULL when unknown. */
const struct decode_xlat *const *decode_xlats(size_t *n);
const struct decode_xlat *decode_xlat_by_name(const char *name);

#endif
