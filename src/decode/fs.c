// SPDX-License-Identifier: Apache-2.0
/*
 * Files: open flags (an access-mode field, then flags), the mode that only
 * O_CREAT and O_TMPFILE give meaning to, openat2's struct open_how,
 * AT_FDCWD, device numbers, mount flags with the old MS_MGC_VAL magic,
 * and fcntl's third argument, whose kind its command chooses.
 */
#include <fcntl.h>

#include "internal.h"

#define A(k) SYSENT_ARG_##k

/* In the kernel's (and x86_64's) octal: glibc's O_TMPFILE needs no care. */
#define CREAT_BIT    0100
#define TMPFILE_BITS 020200000
#define MGC_MASK     0xffff0000u
#define MGC_VAL	     0xc0ed0000u

bool decode_fs_dirfd(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	if ((int32_t)v == AT_FDCWD)
		strbuf_adds(c->out, "AT_FDCWD");
	else
		strbuf_addf(c->out, "%d", (int32_t)v);
	return true;
}

bool decode_fs_open_flags(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	decode_print_field_flags(c, v, 03, &decode_xlat_open_access,
				 &decode_xlat_open_flags);
	return true;
}

enum sysent_arg decode_fs_open_mode(const struct decode_ctx *c, unsigned i)
{
	uint64_t flags;

	if (i == 0 || i >= 6)
		return A(NONE);
	flags = c->args[i - 1];
	if ((flags & CREAT_BIT) || (flags & TMPFILE_BITS) == TMPFILE_BITS)
		return A(MODE);
	return A(NONE);
}

static const struct decode_field open_how_fields[] = {
	{"flags", 0, 8, A(OPEN_FLAGS), true},
	{"mode", 8, 8, A(MODE), false},
	{"resolve", 16, 8, A(RESOLVE_FLAGS), false},
};

/* openat2's struct open_how; its size is the call's last argument. */
const struct decode_struct decode_fs_open_how = {
	open_how_fields, ARRAY_SIZE(open_how_fields), 24, true};

bool decode_fs_mknod_mode(struct decode_ctx *c, unsigned i, uint64_t v)
{
	const char *type =
		decode_xlat_name(&decode_xlat_mode_type, v & 0170000);

	(void)i;
	if (type) {
		strbuf_adds(c->out, type);
		strbuf_addc(c->out, '|');
		v &= ~0170000ull;
	}
	decode_print_octal(c, (uint32_t)v);
	return true;
}

/* mknod's dev is the kernel's 32-bit encoding (new_encode_dev). */
bool decode_fs_dev(struct decode_ctx *c, unsigned i, uint64_t v)
{
	uint32_t dev = (uint32_t)v;

	(void)i;
	strbuf_addf(c->out, "makedev(%#x, %#x)", (dev & 0xfff00) >> 8,
		    (dev & 0xff) | ((dev >> 12) & 0xfff00));
	return true;
}

bool decode_fs_mount_flags(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	/* Before 2.4 the high half had to be this magic; some still pass it. */
	if ((v & MGC_MASK) == MGC_VAL) {
		strbuf_adds(c->out, "MS_MGC_VAL");
		v &= ~(uint64_t)MGC_MASK;
		if (!v)
			return true;
		strbuf_addc(c->out, '|');
	}
	decode_print_xlat(c, &decode_xlat_mount_flags, v);
	return true;
}

static const struct decode_subsig fcntl_subs[] = {
	{F_DUPFD, 1, {A(FD)}},
	{F_DUPFD_CLOEXEC, 1, {A(FD)}},
	{F_GETFD, 0, {0}},
	{F_SETFD, 1, {A(FD_CLOEXEC)}},
	{F_GETFL, 0, {0}},
	{F_SETFL, 1, {A(OPEN_FLAGS)}},
	{F_GETLK, 1, {A(PTR)}},
	{F_SETLK, 1, {A(PTR)}},
	{F_SETLKW, 1, {A(PTR)}},
	{F_OFD_GETLK, 1, {A(PTR)}},
	{F_OFD_SETLK, 1, {A(PTR)}},
	{F_OFD_SETLKW, 1, {A(PTR)}},
	{12, 1, {A(PTR)}}, /* i386's F_GETLK64 */
	{13, 1, {A(PTR)}}, /* F_SETLK64 */
	{14, 1, {A(PTR)}}, /* F_SETLKW64 */
	{F_GETOWN, 0, {0}},
	{F_SETOWN, 1, {A(PID)}},
	{F_GETOWN_EX, 1, {A(PTR)}},
	{F_SETOWN_EX, 1, {A(PTR)}},
	{F_GETSIG, 0, {0}},
	{F_SETSIG, 1, {A(SIGNUM)}},
	{F_GETLEASE, 0, {0}},
	{F_SETLEASE, 1, {A(LEASE)}},
	{F_NOTIFY, 1, {A(DNOTIFY)}},
	{F_GETPIPE_SZ, 0, {0}},
	{F_SETPIPE_SZ, 1, {A(INT)}},
	{F_GET_SEALS, 0, {0}},
	{F_ADD_SEALS, 1, {A(SEALS)}},
};

static const struct decode_mux fcntl_mux = {
	1, fcntl_subs, ARRAY_SIZE(fcntl_subs), {0, 1, {A(HEX)}}};

enum sysent_arg decode_fs_fcntl_arg(const struct decode_ctx *c, unsigned i)
{
	return decode_mux_resolve(&fcntl_mux, c, i);
}
