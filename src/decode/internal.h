/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Private to src/decode: the state of one decoding, the kind table that
 * maps each enum sysent_arg to how it prints, and the shared printers
 * every subsystem decoder prints through (numbers, tables, strings,
 * addresses, structures). A subsystem file only composes these.
 */
#ifndef SECCOMPDBG_DECODE_INTERNAL_H
#define SECCOMPDBG_DECODE_INTERNAL_H

#include "seccompdbg/decode.h"

/* The argument index of a value that is not an argument (a struct field). */
#define DECODE_NO_ARG 6u

struct decode_ctx {
	uint32_t arch;
	int nr;
	bool reg32; /* registers are 32 bits wide (i386) */
	bool ptr32; /* pointers in memory are 4 bytes (i386, x32) */
	uint64_t args[6];
	decode_read_fn read; /* NULL: nothing is read */
	void *rctx;
	size_t budget; /* bytes that may still be read */
	struct strbuf *out;
};

/*
 * Prints V, the value of argument I (DECODE_NO_ARG for a struct field).
 * Returns false when it printed nothing and the argument is to be left
 * out of the call.
 */
typedef bool (*decode_print_fn)(struct decode_ctx *c, unsigned i, uint64_t v);
/* The kind argument I has for these arguments (context kinds). */
typedef enum sysent_arg (*decode_resolve_fn)(const struct decode_ctx *c,
					     unsigned i);

struct decode_struct;

/*
 * How a kind prints: a printer, or else its table; or a resolver; or a
 * structure it points to.
 */
struct decode_kind {
	decode_print_fn print;
	const struct decode_xlat *xlat;
	enum decode_cond cond;
	decode_resolve_fn resolve;
	const struct decode_struct *st;
};

extern const struct decode_kind decode_kinds[SYSENT_ARG_COUNT];

/*
 * Multiplexed calls (prctl, keyctl, ptrace, seccomp, fcntl): the argument
 * KEY selects a sub-signature for the arguments after it. Kinds left 0
 * are HEX; arguments past n are NONE.
 */
struct decode_subsig {
	uint64_t key;
	unsigned char n;
	unsigned char args[4];
};

struct decode_mux {
	unsigned key_arg;
	const struct decode_subsig *subs;
	size_t nsubs;
	struct decode_subsig dflt; /* for keys not in subs */
};

enum sysent_arg decode_mux_resolve(const struct decode_mux *m,
				   const struct decode_ctx *c, unsigned i);

/*
 * Prints the N arguments c->args[] as KINDS say, separated by ", ",
 * leaving out those whose printer prints nothing.
 */
void decode_print_args(struct decode_ctx *c, const unsigned char *kinds,
		       size_t n);
/* Prints V as KIND (through its resolver, printer, table or structure). */
bool decode_print_kind(struct decode_ctx *c, enum sysent_arg kind, unsigned i,
		       uint64_t v);

/* Numbers. */
void decode_print_hex(struct decode_ctx *c, uint64_t v);
void decode_print_addr(struct decode_ctx *c, uint64_t v); /* NULL or hex */
void decode_print_octal(struct decode_ctx *c, uint64_t v);
/* A signed value of the ABI's long (32 bits on i386). */
int64_t decode_long(const struct decode_ctx *c, uint64_t v);

/*
 * Tables. decode_print_xlat prints an enum value (hex when unnamed) or a
 * bit set (`A|B|0x40`). decode_print_field_flags prints an enum field
 * (v & mask, through ENUM_X; omitted when 0 and unnamed) then the other
 * bits through FLAGS_X.
 */
void decode_print_xlat(struct decode_ctx *c, const struct decode_xlat *x,
		       uint64_t v);
void decode_print_field_flags(struct decode_ctx *c, uint64_t v, uint64_t mask,
			      const struct decode_xlat *enum_x,
			      const struct decode_xlat *flags_x);
/* Appends the names of the bits of V through X; returns the bits left. */
uint64_t decode_xlat_bits(struct strbuf *out, const struct decode_xlat *x,
			  uint64_t v, bool *first);

/* Memory of the traced program, within the read budget. */
bool decode_read(struct decode_ctx *c, uint64_t addr, void *buf, size_t len);
/* Reads a pointer-sized word of the program (4 bytes on ptr32). */
bool decode_read_word(struct decode_ctx *c, uint64_t addr, uint64_t *w);
/*
 * A NUL-terminated string at ADDR: `"text"`, `"text"...` past
 * DECODE_STR_MAX, NULL, or the address when it cannot be read.
 */
void decode_print_str(struct decode_ctx *c, uint64_t addr);
/* LEN bytes at ADDR, as a string (NULs included). */
void decode_print_buf(struct decode_ctx *c, uint64_t addr, uint64_t len);

/* A structure of integer fields, read once, printed `{a=1, b=X}`. */
struct decode_field {
	const char *name;
	unsigned short off;
	unsigned char size; /* 2, 4 or 8 bytes */
	unsigned char kind; /* enum sysent_arg */
	bool always;	    /* printed even when 0 */
};

/* AVAIL: how many bytes the program says the structure has. */
void decode_print_struct(struct decode_ctx *c, uint64_t addr, uint64_t avail,
			 const struct decode_field *f, size_t n, size_t size);

/* A structure an argument points to, as data. */
struct decode_struct {
	const struct decode_field *fields;
	size_t n;
	size_t size;	/* bytes read at most */
	bool size_next; /* the next argument says how many bytes it has */
};

/* Per-subsystem printers, referenced by the kind table (kinds.c). */
bool decode_fs_open_flags(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_fs_mknod_mode(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_fs_dev(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_fs_dirfd(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_fs_mount_flags(struct decode_ctx *c, unsigned i, uint64_t v);
extern const struct decode_struct decode_fs_open_how;
enum sysent_arg decode_fs_open_mode(const struct decode_ctx *c, unsigned i);
enum sysent_arg decode_fs_fcntl_arg(const struct decode_ctx *c, unsigned i);

bool decode_proc_clone_flags(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_proc_signum(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_proc_sigset(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_proc_cap_data(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_proc_timespec(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_proc_timespec64(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_proc_argv(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_proc_envp(struct decode_ctx *c, unsigned i, uint64_t v);
extern const struct decode_struct decode_proc_clone_args;
extern const struct decode_struct decode_proc_cap_header;
enum sysent_arg decode_proc_prctl_arg(const struct decode_ctx *c, unsigned i);
enum sysent_arg decode_proc_ptrace_arg(const struct decode_ctx *c, unsigned i);

bool decode_sec_sock_fprog(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_sec_action(struct decode_ctx *c, unsigned i, uint64_t v);
enum sysent_arg decode_sec_seccomp_arg(const struct decode_ctx *c, unsigned i);
enum sysent_arg decode_sec_keyctl_arg(const struct decode_ctx *c, unsigned i);
bool decode_sec_key_serial(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_sec_bpf_attr(struct decode_ctx *c, unsigned i, uint64_t v);
extern const struct decode_struct decode_sec_perf_attr;
extern const struct decode_struct decode_sec_iouring_params;

bool decode_net_sockaddr(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_net_socketcall_args(struct decode_ctx *c, unsigned i, uint64_t v);
enum sysent_arg decode_net_sock_proto(const struct decode_ctx *c, unsigned i);
enum sysent_arg decode_net_sock_optname(const struct decode_ctx *c, unsigned i);

bool decode_ioctl_req(struct decode_ctx *c, unsigned i, uint64_t v);
bool decode_ioctl_arg(struct decode_ctx *c, unsigned i, uint64_t v);

/* The tables (xlat.c, from the .def files). */
#define XLAT(t, k) extern const struct decode_xlat decode_xlat_##t;
#define X(n, v)
#define N(n, v)
#define XEND
#include "fs.def"
#include "proc.def"
#include "mm.def"
#include "net.def"
#include "ioctl.def"
#include "mount.def"
#include "misc.def"
#undef XLAT
#undef X
#undef N
#undef XEND

#endif
