// SPDX-License-Identifier: Apache-2.0
/*
 * decode: the shape of the tables. Every kind prints somehow; names are
 * unique; enum values are unique; in flag tables a value of several bits
 * comes before its parts (else the parts would win) and every value
 * prints back as its own name.
 */
#include "../../src/decode/internal.h"
#include "test_decode.h"

TEST(decode_every_kind_prints)
{
	const uint64_t args[6] = {0};
	size_t n, i, j;

	/* Through the signatures: every kind of every call has a printer. */
	for (i = 0; i < 2; i++) {
		const struct sysent_sig *t = sysent_sigs(i == 1, &n);

		for (j = 0; j < n; j++) {
			int nr = sysent_nr(i ? AUDIT_ARCH_I386
					     : AUDIT_ARCH_X86_64,
					   t[j].name);
			struct strbuf sb = STRBUF_INIT;

			decode_call(i ? AUDIT_ARCH_I386 : AUDIT_ARCH_X86_64, nr,
				    args, NULL, NULL, &sb);
			if (!str_has_prefix(strbuf_str(&sb), t[j].name))
				test_fail(__FILE__, __LINE__, "%s: %s",
					  t[j].name, strbuf_str(&sb));
			strbuf_release(&sb);
		}
	}
	/* Every kind prints, through a printer, a table, a structure or a
	 * resolver, and a FLAGS condition comes with a table of bits. */
	for (i = 0; i < SYSENT_ARG_COUNT; i++) {
		const struct decode_kind *k = &decode_kinds[i];
		struct strbuf sb = STRBUF_INIT;
		struct decode_ctx c = {.args = {1, 1, 1, 1, 1, 1}};

		c.out = &sb;
		CHECK(sysent_arg_name((enum sysent_arg)i) != NULL);
		if (!k->print && !k->xlat && !k->resolve && !k->st)
			test_fail(__FILE__, __LINE__, "kind %s cannot print",
				  sysent_arg_name((enum sysent_arg)i));
		if (k->cond == DECODE_COND_FLAGS)
			CHECK(k->xlat && k->xlat->type == DECODE_XLAT_FLAGS);
		for (j = 0; j < 6; j++)
			decode_print_kind(&c, (enum sysent_arg)i, (unsigned)j,
					  j * 0x1111);
		strbuf_release(&sb);
	}
}

static void check_xlat(const struct decode_xlat *x)
{
	size_t i, j;

	CHECK(x->n > 0);
	for (i = 0; i < x->n; i++) {
		const struct decode_xent *e = &x->ents[i];
		struct strbuf sb = STRBUF_INIT;

		for (j = 0; j < i; j++) {
			const struct decode_xent *f = &x->ents[j];

			if (!strcmp(e->name, f->name) || e->value == f->value)
				test_fail(__FILE__, __LINE__,
					  "%s: %s and %s clash", x->name,
					  f->name, e->name);
			/* An earlier part of a later whole would steal its
			 * bits. */
			if (x->type == DECODE_XLAT_FLAGS && f->value &&
			    (e->value & f->value) == f->value)
				test_fail(__FILE__, __LINE__,
					  "%s: %s must come before %s", x->name,
					  e->name, f->name);
		}
		decode_xlat_print(x, e->value, &sb);
		if (strcmp(strbuf_str(&sb), e->name))
			test_fail(__FILE__, __LINE__, "%s: %s prints as %s",
				  x->name, e->name, strbuf_str(&sb));
		strbuf_release(&sb);
	}
}

TEST(decode_xlat_tables_are_well_formed)
{
	size_t n, i, j;
	const struct decode_xlat *const *all = decode_xlats(&n);

	CHECK(n > 80);
	for (i = 0; i < n; i++) {
		check_xlat(all[i]);
		CHECK(decode_xlat_by_name(all[i]->name) == all[i]);
		for (j = 0; j < i; j++)
			CHECK(strcmp(all[i]->name, all[j]->name) != 0);
	}
}
