// SPDX-License-Identifier: Apache-2.0
/*
 * The flag and enum tables: every .def file of this folder turned into
 * arrays (first pass) and struct decode_xlat descriptors (second pass),
 * plus the lookups by name and value and the generic printers of a value
 * through a table, strace style: names joined by `|`, what no name covers
 * in hex.
 */
#include <inttypes.h>
#include <string.h>

#include "internal.h"

/* (clang-format cannot lay out these macros.) */
// clang-format off
#define XLAT(t, k) static const struct decode_xent t##_ents[] = {
#define X(n, v) { (uint64_t)(v), #n },
#define N(n, v) { (uint64_t)(v), #n },
#define XEND };
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

#define XLAT(t, k)                                                       \
	const struct decode_xlat decode_xlat_##t = { #t, DECODE_XLAT_##k, \
						     t##_ents,            \
						     ARRAY_SIZE(t##_ents) };
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

#define XLAT(t, k) &decode_xlat_##t,
// clang-format on
static const struct decode_xlat *const all_xlats[] = {
#include "fs.def"
#include "proc.def"
#include "mm.def"
#include "net.def"
#include "ioctl.def"
#include "mount.def"
#include "misc.def"
};
#undef XLAT
#undef X
#undef N
#undef XEND

const struct decode_xlat *const *decode_xlats(size_t *n)
{
	*n = ARRAY_SIZE(all_xlats);
	return all_xlats;
}

const struct decode_xlat *decode_xlat_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(all_xlats); i++)
		if (!strcmp(all_xlats[i]->name, name))
			return all_xlats[i];
	return NULL;
}

const char *decode_xlat_name(const struct decode_xlat *x, uint64_t value)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (x->ents[i].value == value)
			return x->ents[i].name;
	return NULL;
}

bool decode_xlat_value(const struct decode_xlat *x, const char *name,
		       uint64_t *value)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		if (!strcmp(x->ents[i].name, name)) {
			*value = x->ents[i].value;
			return true;
		}
	}
	return false;
}

static void add_sep(struct strbuf *out, bool *first)
{
	if (!*first)
		strbuf_addc(out, '|');
	*first = false;
}

uint64_t decode_xlat_bits(struct strbuf *out, const struct decode_xlat *x,
			  uint64_t v, bool *first)
{
	size_t i;

	/* Several-bit values come first in the tables, so they win. */
	for (i = 0; i < x->n && v; i++) {
		uint64_t bits = x->ents[i].value;

		if (bits && (v & bits) == bits) {
			add_sep(out, first);
			strbuf_adds(out, x->ents[i].name);
			v &= ~bits;
		}
	}
	return v;
}

static void print_flags(struct strbuf *out, const struct decode_xlat *x,
			uint64_t v)
{
	bool first = true;
	const char *zero;

	if (!v) {
		zero = decode_xlat_name(x, 0);
		strbuf_adds(out, zero ? zero : "0");
		return;
	}
	v = decode_xlat_bits(out, x, v, &first);
	if (v) {
		add_sep(out, &first);
		strbuf_addf(out, "%#" PRIx64, v);
	}
}

void decode_xlat_print(const struct decode_xlat *x, uint64_t value,
		       struct strbuf *out)
{
	const char *name;

	if (x->type == DECODE_XLAT_FLAGS) {
		print_flags(out, x, value);
		return;
	}
	name = decode_xlat_name(x, value);
	if (name)
		strbuf_adds(out, name);
	else if (value)
		strbuf_addf(out, "%#" PRIx64, value);
	else
		strbuf_addc(out, '0');
}
