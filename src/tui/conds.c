// SPDX-License-Identifier: Apache-2.0
/*
 * The "allow with these arguments" editor, as data: one line per argument
 * of the call, and under a flags argument one line per flag bit. An
 * argument is free (no condition), equal to a value (EQ), or has chosen
 * bits kept as they were seen (MASKED_EQ: "only when flags have no
 * CLONE_NEWUSER" is the CLONE_NEWUSER bit kept clear). Pointers never get
 * a condition: seccomp sees the address, not what it points to.
 *
 * decode_args says what each argument is; session_suggest_conds gives the
 * starting point. The drawing is dialog.c's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static bool is_single_bit(uint64_t v)
{
	return v && !(v & (v - 1));
}

static void add_row(struct tui_conds *c, unsigned arg, uint64_t bit,
		    const char *name)
{
	c->rows = xreallocarray(c->rows, c->nrows + 1, sizeof(*c->rows));
	c->rows[c->nrows++] = (struct tui_cond_row){arg, bit, name};
}

/* The bit lines of a flags argument: bits seen set first (named, then
   unnamed), then the named bits seen clear. */
static void add_bit_rows(struct tui_conds *c, unsigned i)
{
	const struct decode_xlat *x = c->a[i].info.xlat;
	uint64_t seen = c->a[i].seen, named = 0;
	size_t k;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		for (k = 0; x && k < x->n; k++) {
			uint64_t v = x->ents[k].value;

			if (!is_single_bit(v) || !!(seen & v) != !pass)
				continue;
			add_row(c, i, v, x->ents[k].name);
			named |= v;
		}
		if (pass == 0) {
			uint64_t rest = seen & ~named;

			for (; rest; rest &= rest - 1)
				add_row(c, i, rest & -rest, NULL);
		}
	}
}

static void start_from(struct tui_cond_arg *a, const struct profile_arg *p)
{
	if (p->op == PROFILE_OP_EQ) {
		a->mode = TUI_COND_EQ;
		a->value = p->value;
	} else if (p->op == PROFILE_OP_MASKED_EQ &&
		   p->value_two == (a->seen & p->value) && p->value) {
		a->mode = TUI_COND_MASKED;
		a->mask = p->value;
	} else {
		a->mode = TUI_COND_OTHER;
		a->other = *p;
	}
}

void tui_conds_init(struct tui_conds *c, uint32_t arch, int nr,
		    const uint64_t args[6], const struct profile_arg *suggested,
		    size_t nsuggested)
{
	struct decode_arg_info info[6];
	unsigned i;
	size_t k;

	memset(c, 0, sizeof(*c));
	c->arch = arch;
	c->nr = nr;
	memcpy(c->args, args, sizeof(c->args));
	c->nargs = decode_args(arch, nr, args, info);
	for (i = 0; i < c->nargs; i++) {
		c->a[i].info = info[i];
		c->a[i].seen = args[i];
		c->a[i].value = args[i];
	}
	for (k = 0; k < nsuggested; k++)
		if (suggested[k].index < c->nargs)
			start_from(&c->a[suggested[k].index], &suggested[k]);
	for (i = 0; i < c->nargs; i++) {
		add_row(c, i, 0, NULL);
		if (c->a[i].info.cond == DECODE_COND_FLAGS)
			add_bit_rows(c, i);
	}
}

void tui_conds_release(struct tui_conds *c)
{
	free(c->rows);
	c->rows = NULL;
	c->nrows = 0;
}

bool tui_conds_can_toggle(const struct tui_conds *c, size_t row)
{
	const struct tui_cond_arg *a;

	if (row >= c->nrows)
		return false;
	a = &c->a[c->rows[row].arg];
	return a->info.cond != DECODE_COND_NONE || a->mode != TUI_COND_ANY;
}

void tui_conds_toggle(struct tui_conds *c, size_t row)
{
	const struct tui_cond_row *r;
	struct tui_cond_arg *a;

	if (!tui_conds_can_toggle(c, row))
		return;
	r = &c->rows[row];
	a = &c->a[r->arg];
	if (!r->bit) {
		/* the argument's line: free <-> exactly this value */
		a->mode = a->mode == TUI_COND_ANY ? TUI_COND_EQ : TUI_COND_ANY;
		a->value = a->seen;
		a->mask = 0;
		return;
	}
	if (a->mode != TUI_COND_MASKED)
		a->mask = 0;
	a->mask ^= r->bit;
	a->mode = a->mask ? TUI_COND_MASKED : TUI_COND_ANY;
}

int tui_conds_set_value(struct tui_conds *c, size_t row, const char *text,
			struct err *err)
{
	struct tui_cond_arg *a;
	uint64_t v;

	if (row >= c->nrows ||
	    c->a[c->rows[row].arg].info.cond == DECODE_COND_NONE)
		return err_set(err, EINVAL, "no value can be compared here");
	a = &c->a[c->rows[row].arg];
	while (*text == ' ')
		text++;
	if (parse_u64(text, &v) < 0 &&
	    !(a->info.xlat && decode_xlat_value(a->info.xlat, text, &v)))
		return err_set(err, EINVAL, "'%s' is not a number%s", text,
			       a->info.xlat ? " or a name of its values" : "");
	a->mode = TUI_COND_EQ;
	a->value = v;
	return 0;
}

static void print_value(const struct tui_cond_arg *a, uint64_t v,
			struct strbuf *out)
{
	if (a->info.xlat)
		decode_xlat_print(a->info.xlat, v, out);
	else
		strbuf_addf(out, "%#llx", (unsigned long long)v);
}

/* A mask of many bits reads better as a number than as ten names. */
static void print_mask(const struct tui_cond_arg *a, uint64_t mask,
		       struct strbuf *out)
{
	if (__builtin_popcountll(mask) > 3)
		strbuf_addf(out, "%#llx", (unsigned long long)mask);
	else
		print_value(a, mask, out);
}

static void describe_arg(const struct tui_cond_arg *a, unsigned i,
			 struct strbuf *out)
{
	switch (a->mode) {
	case TUI_COND_ANY:
		strbuf_addf(out, "arg%u: any", i);
		break;
	case TUI_COND_EQ:
		strbuf_addf(out, "arg%u == ", i);
		print_value(a, a->value, out);
		break;
	case TUI_COND_MASKED:
		strbuf_addf(out, "arg%u & ", i);
		print_mask(a, a->mask, out);
		strbuf_adds(out, " == ");
		print_value(a, a->seen & a->mask, out);
		break;
	case TUI_COND_OTHER:
		strbuf_addf(out, "arg%u %s %#llx", i,
			    profile_op_name(a->other.op),
			    (unsigned long long)a->other.value);
		if (a->other.op == PROFILE_OP_MASKED_EQ)
			strbuf_addf(out, " %#llx",
				    (unsigned long long)a->other.value_two);
		break;
	}
}

void tui_conds_row_text(const struct tui_conds *c, size_t row,
			struct strbuf *out)
{
	const struct tui_cond_row *r = &c->rows[row];
	const struct tui_cond_arg *a = &c->a[r->arg];

	if (!r->bit) {
		if (a->info.cond == DECODE_COND_NONE &&
		    a->mode == TUI_COND_ANY) {
			strbuf_addf(
				out,
				"    arg%u: a pointer, seccomp cannot look at what it points to",
				r->arg);
			return;
		}
		strbuf_adds(out, a->mode == TUI_COND_ANY ? "[ ] " : "[x] ");
		describe_arg(a, r->arg, out);
		if (a->mode == TUI_COND_ANY) {
			strbuf_adds(out, "   (seen ");
			print_value(a, a->seen, out);
			strbuf_adds(out, ")");
		}
		return;
	}
	strbuf_addf(out, "      %s ",
		    a->mode == TUI_COND_MASKED && (a->mask & r->bit) ? "[x]"
		    : a->mode == TUI_COND_EQ			     ? "[=]"
								     : "[ ]");
	if (r->bit_name)
		strbuf_addf(out, "%-22s", r->bit_name);
	else
		strbuf_addf(out, "%-22llx", (unsigned long long)r->bit);
	strbuf_adds(out, (a->seen & r->bit) ? " must be set (seen set)"
					    : " must be clear (seen clear)");
}

size_t tui_conds_result(const struct tui_conds *c, struct profile_arg out[6])
{
	size_t n = 0;
	unsigned i;

	for (i = 0; i < c->nargs; i++) {
		const struct tui_cond_arg *a = &c->a[i];

		if (a->mode == TUI_COND_EQ)
			out[n++] = (struct profile_arg){i, PROFILE_OP_EQ,
							a->value, 0};
		else if (a->mode == TUI_COND_MASKED)
			out[n++] = (struct profile_arg){i, PROFILE_OP_MASKED_EQ,
							a->mask,
							a->seen & a->mask};
		else if (a->mode == TUI_COND_OTHER)
			out[n++] = a->other;
	}
	return n;
}

void tui_conds_describe(const struct tui_conds *c, struct strbuf *out)
{
	size_t n = 0;
	unsigned i;

	for (i = 0; i < c->nargs; i++) {
		if (c->a[i].mode == TUI_COND_ANY)
			continue;
		if (n++)
			strbuf_adds(out, " and ");
		describe_arg(&c->a[i], i, out);
	}
	if (!n)
		strbuf_adds(out, "no condition");
}
