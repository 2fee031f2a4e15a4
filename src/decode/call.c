// SPDX-License-Identifier: Apache-2.0
/*
 * The entry points: a call's name from libseccomp, its signature from
 * sysent, then each argument printed as its kind says. 32-bit ABIs get
 * their arguments truncated here, once, so no printer can show register
 * bits the kernel ignores.
 */
#include <inttypes.h>
#include <linux/audit.h>
#include <string.h>

#include "internal.h"

/* Every argument of a call we know nothing about: six hex values. */
static const struct sysent_sig unknown_sig = {"", 6, {0}};

static const struct sysent_sig *ctx_init(struct decode_ctx *c, uint32_t arch,
					 int nr, const uint64_t args[6],
					 decode_read_fn read, void *rctx,
					 struct strbuf *out)
{
	const struct sysent_arch *a = sysent_arch_by_token(arch);
	const struct sysent_arch *x32 = sysent_arch_by_scmp("SCMP_ARCH_X32");
	const struct sysent_sig *sig;
	size_t i;

	memset(c, 0, sizeof(*c));
	c->arch = arch;
	c->nr = nr;
	/* x32 has 64-bit registers and 32-bit pointers in memory. */
	c->reg32 = a && a->bits == 32 && a != x32;
	c->ptr32 = (a && a->bits == 32) ||
		   (arch == AUDIT_ARCH_X86_64 && (nr & SYSENT_X32_BIT));
	for (i = 0; i < 6; i++)
		c->args[i] = c->reg32 ? (uint32_t)args[i] : args[i];
	c->read = read;
	c->rctx = rctx;
	c->budget = read ? DECODE_READ_MAX : 0;
	c->out = out;
	sig = sysent_sig_nr(arch, nr);
	return sig ? sig : &unknown_sig;
}

static void truncate_to(struct strbuf *out, size_t len)
{
	if (out->len > len) {
		out->len = len;
		out->buf[len] = '\0';
	}
}

void decode_print_args(struct decode_ctx *c, const unsigned char *kinds,
		       size_t n)
{
	bool shown = false;
	size_t i;

	for (i = 0; i < n; i++) {
		size_t mark = c->out->len;

		if (shown)
			strbuf_adds(c->out, ", ");
		if (decode_print_kind(c, kinds[i], (unsigned)i, c->args[i]))
			shown = true;
		else
			truncate_to(c->out, mark);
	}
}

void decode_call(uint32_t arch, int nr, const uint64_t args[6],
		 decode_read_fn read, void *ctx, struct strbuf *out)
{
	struct decode_ctx c;
	const struct sysent_sig *sig =
		ctx_init(&c, arch, nr, args, read, ctx, out);
	const char *name = sysent_name(arch, nr);

	if (name)
		strbuf_adds(out, name);
	else
		strbuf_addf(out, "syscall_%d", nr);
	strbuf_addc(out, '(');
	decode_print_args(&c, sig->args, sig->nargs);
	strbuf_addc(out, ')');
}

void decode_raw(uint32_t arch, int nr, const uint64_t args[6],
		struct strbuf *out)
{
	const struct sysent_arch *a = sysent_arch_by_token(arch);
	struct decode_ctx c;
	size_t i;

	ctx_init(&c, arch, nr, args, NULL, NULL, out);
	if (arch == AUDIT_ARCH_X86_64 && (nr & SYSENT_X32_BIT))
		strbuf_addf(out, "x32 nr %d (%#x)", nr & ~SYSENT_X32_BIT,
			    (unsigned)nr);
	else if (a)
		strbuf_addf(out, "%s nr %d", a->name, nr);
	else
		strbuf_addf(out, "arch %#" PRIx32 " nr %d", arch, nr);
	strbuf_adds(out, " args");
	for (i = 0; i < 6; i++)
		strbuf_addf(out, " 0x%" PRIx64, c.args[i]);
}

void decode_arg(uint32_t arch, int nr, const uint64_t args[6], unsigned i,
		decode_read_fn read, void *ctx, struct strbuf *out)
{
	struct decode_ctx c;
	const struct sysent_sig *sig =
		ctx_init(&c, arch, nr, args, read, ctx, out);
	size_t mark = out->len;

	if (i >= sig->nargs)
		return;
	if (!decode_print_kind(&c, sig->args[i], i, c.args[i]))
		truncate_to(out, mark);
}

size_t decode_args(uint32_t arch, int nr, const uint64_t args[6],
		   struct decode_arg_info info[6])
{
	static const uint64_t zero[6];
	struct decode_ctx c;
	const struct sysent_sig *sig;
	size_t i;

	sig = ctx_init(&c, arch, nr, args ? args : zero, NULL, NULL, NULL);
	for (i = 0; i < sig->nargs; i++) {
		enum sysent_arg kind = sig->args[i];

		while (args && decode_kinds[kind].resolve)
			kind = decode_kinds[kind].resolve(&c, (unsigned)i);
		info[i].kind = kind;
		info[i].cond = decode_kinds[kind].cond;
		info[i].xlat = decode_kinds[kind].xlat;
	}
	return sig->nargs;
}
