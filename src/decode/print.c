// SPDX-License-Identifier: Apache-2.0
/*
 * The shared printers: numbers, values through tables, and memory of the
 * traced program (strings, buffers, structures). Every read goes through
 * decode_read, which charges the per-call budget, so a hostile program
 * cannot make one denial read megabytes; every byte the program controls
 * goes through escape_c before it reaches the text.
 */
#include <inttypes.h>
#include <string.h>

#include "internal.h"

/* Reads stop at page ends: a string may end right before unmapped memory. */
#define PAGE 4096u
/* Strings are read in small steps so a short one costs little budget. */
#define STR_STEP 64u

void decode_print_hex(struct decode_ctx *c, uint64_t v)
{
	if (v)
		strbuf_addf(c->out, "%#" PRIx64, v);
	else
		strbuf_addc(c->out, '0');
}

void decode_print_addr(struct decode_ctx *c, uint64_t v)
{
	if (v)
		strbuf_addf(c->out, "%#" PRIx64, v);
	else
		strbuf_adds(c->out, "NULL");
}

void decode_print_octal(struct decode_ctx *c, uint64_t v)
{
	strbuf_addf(c->out, "%#03" PRIo64, v);
}

int64_t decode_long(const struct decode_ctx *c, uint64_t v)
{
	return c->reg32 ? (int64_t)(int32_t)v : (int64_t)v;
}

void decode_print_xlat(struct decode_ctx *c, const struct decode_xlat *x,
		       uint64_t v)
{
	decode_xlat_print(x, v, c->out);
}

void decode_print_field_flags(struct decode_ctx *c, uint64_t v, uint64_t mask,
			      const struct decode_xlat *enum_x,
			      const struct decode_xlat *flags_x)
{
	uint64_t field = v & mask, rest = v & ~mask;
	const char *name = decode_xlat_name(enum_x, field);
	bool first = true;

	if (name) {
		strbuf_adds(c->out, name);
		first = false;
	} else if (field) {
		rest = v; /* an unknown field value stays in the hex rest */
	}
	if (!rest) {
		if (first)
			strbuf_addc(c->out, '0');
		return;
	}
	rest = decode_xlat_bits(c->out, flags_x, rest, &first);
	if (rest) {
		if (!first)
			strbuf_addc(c->out, '|');
		strbuf_addf(c->out, "%#" PRIx64, rest);
	}
}

/*
 * Every read costs budget, a failed one too (what it got, and at least a
 * byte): a program full of bad pointers cannot make us read more, nor
 * make more reads (each a system call), than DECODE_READ_MAX per call.
 */
static void charge(struct decode_ctx *c, size_t n)
{
	c->budget -= n < c->budget ? n : c->budget;
}

bool decode_read(struct decode_ctx *c, uint64_t addr, void *buf, size_t len)
{
	size_t done = 0;

	if (!c->read || len > c->budget)
		return false;
	while (done < len) {
		ssize_t n = c->read(c->rctx, addr + done, (char *)buf + done,
				    len - done);

		if (n <= 0) {
			charge(c, done + 1);
			return false;
		}
		done += (size_t)n;
	}
	charge(c, len);
	return true;
}

bool decode_read_word(struct decode_ctx *c, uint64_t addr, uint64_t *w)
{
	uint32_t w32;

	if (c->ptr32) {
		if (!decode_read(c, addr, &w32, sizeof(w32)))
			return false;
		*w = w32;
		return true;
	}
	return decode_read(c, addr, w, sizeof(*w));
}

/*
 * Reads up to MAX bytes of a NUL-terminated string into BUF, a page at a
 * time. Returns the length read, with *ended telling whether the NUL was
 * seen; (size_t)-1 when not even the first byte could be read.
 */
static size_t read_string(struct decode_ctx *c, uint64_t addr, char *buf,
			  size_t max, bool *ended)
{
	size_t len = 0;

	*ended = false;
	while (len < max && c->read && c->budget) {
		size_t want = PAGE - (size_t)((addr + len) % PAGE);
		ssize_t n;
		char *nul;

		if (want > STR_STEP)
			want = STR_STEP;
		if (want > max - len)
			want = max - len;
		if (want > c->budget)
			want = c->budget;
		n = c->read(c->rctx, addr + len, buf + len, want);
		if (n <= 0) {
			charge(c, 1);
			break;
		}
		c->budget -= (size_t)n;
		nul = memchr(buf + len, '\0', (size_t)n);
		if (nul) {
			*ended = true;
			return len + (size_t)(nul - (buf + len));
		}
		len += (size_t)n;
	}
	return len ? len : (size_t)-1;
}

static void print_quoted(struct decode_ctx *c, const char *buf, size_t len,
			 bool cut)
{
	strbuf_addc(c->out, '"');
	escape_c(c->out, buf, len);
	strbuf_addc(c->out, '"');
	if (cut)
		strbuf_adds(c->out, "...");
}

void decode_print_str(struct decode_ctx *c, uint64_t addr)
{
	char buf[DECODE_STR_MAX + 1];
	bool ended;
	size_t len;

	if (!addr) {
		strbuf_adds(c->out, "NULL");
		return;
	}
	len = read_string(c, addr, buf, sizeof(buf), &ended);
	/* Unreadable, or running into unreadable memory before its end. */
	if (len == (size_t)-1 || (!ended && len < sizeof(buf))) {
		decode_print_addr(c, addr);
		return;
	}
	print_quoted(c, buf, len > DECODE_STR_MAX ? DECODE_STR_MAX : len,
		     !ended);
}

void decode_print_buf(struct decode_ctx *c, uint64_t addr, uint64_t len)
{
	char buf[DECODE_STR_MAX];
	size_t n = len < sizeof(buf) ? (size_t)len : sizeof(buf);

	if (!addr) {
		strbuf_adds(c->out, "NULL");
		return;
	}
	if (!decode_read(c, addr, buf, n)) {
		decode_print_addr(c, addr);
		return;
	}
	print_quoted(c, buf, n, len > n);
}

static uint64_t field_value(const unsigned char *p, size_t size)
{
	uint64_t v64 = 0;
	uint32_t v32;
	uint16_t v16;

	if (size == 2) {
		memcpy(&v16, p, 2);
		return v16;
	}
	if (size == 4) {
		memcpy(&v32, p, 4);
		return v32;
	}
	memcpy(&v64, p, 8);
	return v64;
}

void decode_print_struct(struct decode_ctx *c, uint64_t addr, uint64_t avail,
			 const struct decode_field *f, size_t n, size_t size)
{
	unsigned char buf[256];
	size_t want = avail < size ? (size_t)avail : size, i;
	bool first = true;

	if (want > sizeof(buf))
		want = sizeof(buf);
	if (!addr || !want || !decode_read(c, addr, buf, want)) {
		decode_print_addr(c, addr);
		return;
	}
	strbuf_addc(c->out, '{');
	for (i = 0; i < n; i++) {
		uint64_t v;

		if ((size_t)f[i].off + f[i].size > want)
			continue;
		v = field_value(buf + f[i].off, f[i].size);
		if (!v && !f[i].always)
			continue;
		strbuf_addf(c->out, "%s%s=", first ? "" : ", ", f[i].name);
		first = false;
		decode_print_kind(c, f[i].kind, DECODE_NO_ARG, v);
	}
	strbuf_addc(c->out, '}');
}

enum sysent_arg decode_mux_resolve(const struct decode_mux *m,
				   const struct decode_ctx *c, unsigned i)
{
	const struct decode_subsig *s = &m->dflt;
	unsigned pos;
	size_t k;

	if (i <= m->key_arg || i >= 6)
		return SYSENT_ARG_HEX;
	for (k = 0; k < m->nsubs; k++) {
		if (m->subs[k].key == (uint32_t)c->args[m->key_arg]) {
			s = &m->subs[k];
			break;
		}
	}
	pos = i - m->key_arg - 1;
	return pos < s->n ? (enum sysent_arg)s->args[pos] : SYSENT_ARG_NONE;
}

bool decode_print_kind(struct decode_ctx *c, enum sysent_arg kind, unsigned i,
		       uint64_t v)
{
	const struct decode_kind *k = &decode_kinds[kind];

	if (k->resolve)
		return decode_print_kind(c, k->resolve(c, i), i, v);
	if (k->print)
		return k->print(c, i, v);
	if (k->st) {
		decode_print_struct(c, v,
				    k->st->size_next && i + 1 < 6
					    ? c->args[i + 1]
					    : k->st->size,
				    k->st->fields, k->st->n, k->st->size);
		return true;
	}
	decode_print_xlat(c, k->xlat, v);
	return true;
}
