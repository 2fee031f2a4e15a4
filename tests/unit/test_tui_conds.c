// SPDX-License-Identifier: Apache-2.0
/*
 * tui: the "allow with these arguments" editor (its lines, toggles,
 * typed values and the conditions it hands to the session) and the
 * errnos "deny with an errno" offers.
 */
#include <errno.h>
#include <linux/audit.h>
#include <sched.h>
#include <stdlib.h>

#include "../../src/tui/internal.h"
#include "seccompdbg/sysent.h"
#include "test.h"

#define X86_64 AUDIT_ARCH_X86_64

/* The row of C whose text contains S. */
static size_t row_with(const struct tui_conds *c, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < c->nrows; i++) {
		strbuf_reset(&sb);
		tui_conds_row_text(c, i, &sb);
		if (strstr(strbuf_str(&sb), s))
			break;
	}
	strbuf_release(&sb);
	return i;
}

static const char *row_text(const struct tui_conds *c, size_t row)
{
	static struct strbuf sb;

	strbuf_reset(&sb);
	tui_conds_row_text(c, row, &sb);
	return strbuf_str(&sb);
}

static const char *described(const struct tui_conds *c)
{
	static struct strbuf sb;

	strbuf_reset(&sb);
	tui_conds_describe(c, &sb);
	return strbuf_str(&sb);
}

/* "only when flags have no CLONE_NEWUSER", from unshare(CLONE_NEWUTS) */
TEST(tui_conds_flag_bits)
{
	uint64_t args[6] = {CLONE_NEWUTS};
	int nr = sysent_nr(X86_64, "unshare");
	struct profile_arg out[6];
	struct tui_conds c;
	size_t user, uts;

	tui_conds_init(&c, X86_64, nr, args, NULL, 0);
	REQUIRE(c.nargs == 1);
	CHECK_INT(c.a[0].info.cond, DECODE_COND_FLAGS);
	CHECK_STR(row_text(&c, 0), "[ ] arg0: any   (seen CLONE_NEWUTS)");
	/* the bit seen set comes first */
	CHECK_STR(row_text(&c, 1),
		  "      [ ] CLONE_NEWUTS           must be set (seen set)");
	user = row_with(&c, "CLONE_NEWUSER");
	uts = row_with(&c, "CLONE_NEWUTS ");
	REQUIRE(user < c.nrows);
	CHECK_INT(uts, 1);
	CHECK_STR(described(&c), "no condition");
	CHECK_INT(tui_conds_result(&c, out), 0);

	tui_conds_toggle(&c, user);
	CHECK_CONTAINS(row_text(&c, user), "[x] CLONE_NEWUSER");
	CHECK_CONTAINS(row_text(&c, user), "must be clear (seen clear)");
	CHECK_STR(described(&c), "arg0 & CLONE_NEWUSER == 0");
	REQUIRE(tui_conds_result(&c, out) == 1);
	CHECK_INT(out[0].index, 0);
	CHECK_INT(out[0].op, PROFILE_OP_MASKED_EQ);
	CHECK_U64(out[0].value, CLONE_NEWUSER);
	CHECK_U64(out[0].value_two, 0);

	tui_conds_toggle(&c, uts);
	CHECK_STR(described(&c),
		  "arg0 & CLONE_NEWUTS|CLONE_NEWUSER == CLONE_NEWUTS");
	tui_conds_result(&c, out);
	CHECK_U64(out[0].value, CLONE_NEWUTS | CLONE_NEWUSER);
	CHECK_U64(out[0].value_two, CLONE_NEWUTS);

	/* both bits off again: no condition */
	tui_conds_toggle(&c, uts);
	tui_conds_toggle(&c, user);
	CHECK_INT(tui_conds_result(&c, out), 0);

	/* the argument's own line: exactly the flags seen */
	tui_conds_toggle(&c, 0);
	CHECK_STR(row_text(&c, 0), "[x] arg0 == CLONE_NEWUTS");
	CHECK_CONTAINS(row_text(&c, user), "[=] CLONE_NEWUSER");
	REQUIRE(tui_conds_result(&c, out) == 1);
	CHECK_INT(out[0].op, PROFILE_OP_EQ);
	CHECK_U64(out[0].value, CLONE_NEWUTS);
	tui_conds_release(&c);
}

/* The session's suggestion is where the editor starts. */
TEST(tui_conds_start_from_suggestion)
{
	uint64_t args[6] = {CLONE_NEWUSER | CLONE_NEWNS | 17, 0, 0, 0, 0};
	struct profile_arg sug[2] = {
		{0, PROFILE_OP_MASKED_EQ, 0x7E020000,
		 CLONE_NEWUSER | CLONE_NEWNS},
		{1, PROFILE_OP_GT, 5, 0},
	};
	int nr = sysent_nr(X86_64, "clone");
	struct profile_arg out[6];
	struct tui_conds c;

	tui_conds_init(&c, X86_64, nr, args, sug, 2);
	REQUIRE(c.nargs >= 2);
	CHECK_INT(c.a[0].mode, TUI_COND_MASKED);
	CHECK_U64(c.a[0].mask, 0x7E020000);
	/* not a shape the editor makes: kept as it is, or dropped */
	CHECK_INT(c.a[1].mode, TUI_COND_OTHER);
	REQUIRE(tui_conds_result(&c, out) == 2);
	CHECK_U64(out[0].value_two, CLONE_NEWUSER | CLONE_NEWNS);
	CHECK_INT(out[1].op, PROFILE_OP_GT);
	CHECK_U64(out[1].value, 5);
	/* the unnamed low byte (the exit signal) has bit lines too */
	CHECK(row_with(&c, "1   ") < c.nrows);
	tui_conds_release(&c);
}

TEST(tui_conds_pointers_and_values)
{
	uint64_t args[6] = {(uint64_t)-100, 0x7ffe1000, 0x80000, 0};
	int nr = sysent_nr(X86_64, "openat");
	struct profile_arg out[6];
	struct err err = {""};
	struct tui_conds c;

	tui_conds_init(&c, X86_64, nr, args, NULL, 0);
	REQUIRE(c.nargs >= 3);
	/* the path: a pointer, no condition */
	CHECK_INT(c.a[1].info.cond, DECODE_COND_NONE);
	{
		size_t r = row_with(&c, "arg1");

		REQUIRE(r < c.nrows);
		CHECK(!tui_conds_can_toggle(&c, r));
		CHECK_CONTAINS(row_text(&c, r), "a pointer");
		tui_conds_toggle(&c, r);
		CHECK_INT(c.a[1].mode, TUI_COND_ANY);
		CHECK_INT(tui_conds_set_value(&c, r, "3", &err), -EINVAL);
	}
	/* the dirfd: a value typed as a number */
	CHECK_INT(tui_conds_set_value(&c, 0, "0x10", &err), 0);
	CHECK_INT(c.a[0].mode, TUI_COND_EQ);
	CHECK_U64(c.a[0].value, 16);
	CHECK_INT(tui_conds_set_value(&c, 0, "nonsense", &err), -EINVAL);
	CHECK_CONTAINS(err.msg, "nonsense");
	/* the flags: a value typed as a name of its table */
	{
		size_t r = row_with(&c, "arg2");

		REQUIRE(r < c.nrows);
		CHECK_INT(tui_conds_set_value(&c, r, "O_CLOEXEC", &err), 0);
		REQUIRE(tui_conds_result(&c, out) == 2);
		CHECK_INT(out[1].index, 2);
		CHECK_U64(out[1].value, 0x80000);
	}
	tui_conds_release(&c);
}

TEST(tui_errnos_enosys_first_for_fallbacks)
{
	struct tui_errno e[16];
	size_t n, i;

	CHECK(tui_errno_prefers_enosys("clone3"));
	CHECK(tui_errno_prefers_enosys("faccessat2"));
	CHECK(tui_errno_prefers_enosys("statx"));
	CHECK(!tui_errno_prefers_enosys("unshare"));
	CHECK(!tui_errno_prefers_enosys("open"));

	n = tui_errnos("clone3", e, ARRAY_SIZE(e));
	REQUIRE(n > 3);
	CHECK_STR(e[0].name, "ENOSYS");
	CHECK_INT(e[0].value, ENOSYS);
	for (i = 1; i < n; i++)
		CHECK(e[i].value != ENOSYS);

	n = tui_errnos("unshare", e, ARRAY_SIZE(e));
	CHECK_STR(e[0].name, "EPERM");
	for (i = 0; i < n; i++)
		CHECK(e[i].name != NULL);
	CHECK_INT(tui_errnos("unshare", e, 2), 2);
}

TEST(tui_errnos_parse)
{
	struct err err = {""};
	uint32_t v = 0;

	CHECK_INT(tui_errno_parse("EACCES", &v, &err), 0);
	CHECK_INT(v, EACCES);
	CHECK_INT(tui_errno_parse(" enosys", &v, &err), 0);
	CHECK_INT(v, ENOSYS);
	CHECK_INT(tui_errno_parse("95", &v, &err), 0);
	CHECK_INT(v, 95);
	CHECK_INT(tui_errno_parse("0", &v, &err), -EINVAL);
	CHECK_INT(tui_errno_parse("4096", &v, &err), -EINVAL);
	CHECK_INT(tui_errno_parse("EFOO", &v, &err), -EINVAL);
	CHECK_CONTAINS(err.msg, "EFOO");
	CHECK_INT(tui_errno_parse("", &v, &err), -EINVAL);
}
