// SPDX-License-Identifier: Apache-2.0
/*
 * ioctl: the request by name, else decomposed as _IOC(dir, type, nr,
 * size); the argument as the request defines it: nothing, an int by
 * value, a pointer to an int, TIOCSTI's one character (the classic way
 * out of a sandbox through its terminal), or a window size.
 */
#include <linux/fs.h>
#include <linux/loop.h>
#include <linux/nsfs.h>
#include <sys/ioctl.h>

#include "internal.h"

enum ioctl_style {
	IOCTL_NOARG,   /* the argument is ignored: not shown */
	IOCTL_INT,     /* an int by value */
	IOCTL_INT_PTR, /* a pointer to an int the kernel reads */
	IOCTL_CHAR_PTR,
	IOCTL_WINSIZE_PTR,
};

static const struct {
	uint32_t req;
	enum ioctl_style style;
} ioctl_args[] = {
	{TIOCNOTTY, IOCTL_NOARG},
	{TIOCEXCL, IOCTL_NOARG},
	{TIOCNXCL, IOCTL_NOARG},
	{FIOCLEX, IOCTL_NOARG},
	{FIONCLEX, IOCTL_NOARG},
	{TIOCCONS, IOCTL_NOARG},
	{TIOCSBRK, IOCTL_NOARG},
	{TIOCCBRK, IOCTL_NOARG},
	{TIOCVHANGUP, IOCTL_NOARG},
	{LOOP_CLR_FD, IOCTL_NOARG},
	{NS_GET_USERNS, IOCTL_NOARG},
	{NS_GET_PARENT, IOCTL_NOARG},
	{NS_GET_NSTYPE, IOCTL_NOARG},
	{TIOCSCTTY, IOCTL_INT},
	{TCXONC, IOCTL_INT},
	{TCFLSH, IOCTL_INT},
	{TCSBRK, IOCTL_INT},
	{TCSBRKP, IOCTL_INT},
	{TIOCSIG, IOCTL_INT},
	{TIOCGPTPEER, IOCTL_INT},
	{LOOP_SET_FD, IOCTL_INT},
	{FICLONE, IOCTL_INT},
	{FIONBIO, IOCTL_INT_PTR},
	{FIOASYNC, IOCTL_INT_PTR},
	{TIOCSPGRP, IOCTL_INT_PTR},
	{TIOCSETD, IOCTL_INT_PTR},
	{TIOCPKT, IOCTL_INT_PTR},
	{TIOCSPTLCK, IOCTL_INT_PTR},
	{TIOCMBIS, IOCTL_INT_PTR},
	{TIOCMBIC, IOCTL_INT_PTR},
	{TIOCMSET, IOCTL_INT_PTR},
	{TIOCSTI, IOCTL_CHAR_PTR},
	{TIOCSWINSZ, IOCTL_WINSIZE_PTR},
};

bool decode_ioctl_req(struct decode_ctx *c, unsigned i, uint64_t v)
{
	uint32_t req = (uint32_t)v;
	const char *name = decode_xlat_name(&decode_xlat_ioctl_req, req);

	(void)i;
	if (name) {
		strbuf_adds(c->out, name);
		return true;
	}
	strbuf_adds(c->out, "_IOC(");
	decode_print_xlat(c, &decode_xlat_ioc_dir, req >> 30);
	strbuf_addf(c->out, ", %#x, %#x, %#x)", (req >> 8) & 0xff, req & 0xff,
		    (req >> 16) & 0x3fff);
	return true;
}

static bool print_winsize(struct decode_ctx *c, uint64_t v)
{
	static const struct decode_field ws[] = {
		{"ws_row", 0, 2, SYSENT_ARG_UINT, true},
		{"ws_col", 2, 2, SYSENT_ARG_UINT, true},
		{"ws_xpixel", 4, 2, SYSENT_ARG_UINT, true},
		{"ws_ypixel", 6, 2, SYSENT_ARG_UINT, true},
	};

	decode_print_struct(c, v, 8, ws, ARRAY_SIZE(ws), 8);
	return true;
}

static bool print_int_ptr(struct decode_ctx *c, uint64_t v)
{
	int32_t n;

	if (!v || !decode_read(c, v, &n, sizeof(n)))
		decode_print_addr(c, v);
	else
		strbuf_addf(c->out, "[%d]", n);
	return true;
}

bool decode_ioctl_arg(struct decode_ctx *c, unsigned i, uint64_t v)
{
	uint32_t req = (uint32_t)c->args[1];
	size_t k;

	(void)i;
	for (k = 0; k < ARRAY_SIZE(ioctl_args); k++) {
		if (ioctl_args[k].req != req)
			continue;
		switch (ioctl_args[k].style) {
		case IOCTL_NOARG:
			return false;
		case IOCTL_INT:
			strbuf_addf(c->out, "%d", (int32_t)v);
			return true;
		case IOCTL_INT_PTR:
			return print_int_ptr(c, v);
		case IOCTL_CHAR_PTR:
			decode_print_buf(c, v, 1);
			return true;
		case IOCTL_WINSIZE_PTR:
			return print_winsize(c, v);
		}
	}
	decode_print_addr(c, v);
	return true;
}
