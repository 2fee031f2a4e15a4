// SPDX-License-Identifier: Apache-2.0
/*
 * eval on libseccomp 2.5.4's own mistakes, found by holding eval to the
 * BPF (docs/filters.md, "Where libseccomp's filter is not its rules").
 * The compiled filter decides these calls against what the rules say;
 * eval follows the filter, because the kernel runs the filter.
 */
#include <linux/audit.h>

#include "seccompdbg/sysent.h"
#include "test.h"
#include "test_eval_rules.h"

#define X64   AUDIT_ARCH_X86_64
#define I386  AUDIT_ARCH_I386
#define ALLOW PROFILE_ACT_ALLOW
#define ERRNO PROFILE_ACT_ERRNO

static const struct profile_verdict eperm = {ERRNO, 1};

/*
 * The accumulator slip: after "a2 <= 0x7fffffff" fails on the low word,
 * the test of the next rule ("a2 > 0x500000000", upper word first)
 * reuses the low word it finds in the accumulator. a2 = 0xffffffff
 * (upper word 0) matches neither rule, yet the filter allows it.
 */
TEST(eval_quirk_stale_accumulator_allows)
{
	static const struct tvector v[] = {
		{X64, "getppid", 0, {0, 0, 5}, ERRNO, 2, 1},
		{X64, "getppid", 0, {0, 0, 0x500000001ull}, ALLOW, 0, 2},
		{X64, "getppid", 0, {0, 0, 0x100000000ull}, ERRNO, 1, 0},
		/* The slip: the rules say EPERM (the default). */
		{X64, "getppid", 0, {0, 0, 0xffffffffull}, ALLOW, 0, 2},
		{X64, "getppid", 0, {0, 0, 0x80000000ull}, ALLOW, 0, 2},
	};
	struct resolve_result *r =
		tset_build(NULL, 0, eperm, tset_slip_rules, 2);

	TVECTORS_CHECK(r, v);
	tset_free(r);
}

/*
 * The lost number: on x86 the first call of libseccomp's list loads the
 * syscall number for all the others. Here that first call is the
 * pseudo-call of accept (x86 has none), which makes no code: every x86
 * check then compares the architecture token, nothing matches, and every
 * x86 call gets the default. x86_64 loads the number itself.
 */
TEST(eval_quirk_x86_number_never_loaded)
{
	const uint32_t arches[] = {I386};
	static const struct trule rules[] = {
		{"accept", ERRNO, 2, 1, {T_ARG(1, EQ, 1)}},
		{"getpid", ALLOW, 0, 2, {T_ARG(0, EQ, 1), T_ARG(1, EQ, 2)}},
	};
	static const struct tvector v[] = {
		{X64, "getpid", 0, {1, 2}, ALLOW, 0, 2},
		{X64, "accept", 0, {0, 1}, ERRNO, 2, 1},
		/* The rules say ALLOW and ERRNO(2): the filter says EPERM. */
		{I386, "getpid", 0, {1, 2}, ERRNO, 1, 0},
		{I386, NULL, 102, {5, 1}, ERRNO, 1, 0},
	};
	struct resolve_result *r = tset_build(arches, 1, eperm, rules, 2);

	TVECTORS_CHECK(r, v);
	tset_free(r);
}

/*
 * The ring: two rules sharing "a0 != 5" followed by conditions on
 * different arguments make libseccomp link one node twice into a level;
 * it never returns (compile gives up: test_compile.c). eval notices, and
 * leaves the second rule out, as a caller ignoring the failure would.
 */
TEST(eval_quirk_libseccomp_loops)
{
	const struct trule rules[] = {
		tset_ring_rules[0],
		tset_ring_rules[1],
		{"getpid", ERRNO, 4, 0, {{0}}},
	};
	struct resolve_result *r = tset_build(
		NULL, 0, (struct profile_verdict){ALLOW, 0}, rules, 3);
	struct eval *e = eval_new(r);
	struct eval_result ev;
	const uint64_t a[6] = {4, 1, 2}, b[6] = {4, 0, 2};

	CHECK(eval_libseccomp_hangs(e));
	eval_call(e, X64, 110, a, &ev);
	CHECK_INT(ev.verdict.action, ERRNO);
	CHECK(ev.rule == &r->rules[0]);
	eval_call(e, X64, 110, b, &ev);
	CHECK_INT(ev.verdict.action, ALLOW);
	eval_call(e, X64, 39, b, &ev);
	CHECK_INT(ev.verdict.data, 4);
	eval_free(e);
	/* Without the second rule nothing loops. */
	r->rules[1] = r->rules[2];
	r->nrules = 2;
	e = eval_new(r);
	CHECK(!eval_libseccomp_hangs(e));
	eval_free(e);
	r->nrules = 3;
	tset_free(r);
}

/*
 * The id the filter returns is one per action (the first rule's), the
 * rule eval reports is the one that decided.
 */
TEST(eval_reports_the_deciding_rule)
{
	static const struct trule rules[] = {
		{"read", ERRNO, 13, 0, {{0}}},
		{"write", ALLOW, 0, 0, {{0}}},
		{"close", ERRNO, 13, 0, {{0}}},
	};
	static const struct tvector v[] = {
		{X64, "close", 0, {0}, ERRNO, 13, 1},
	};
	struct resolve_result *r = tset_build(NULL, 0, eperm, rules, 3);
	struct eval *e = eval_new(r);
	struct eval_result ev;
	const uint64_t none[6] = {0};

	TVECTORS_CHECK(r, v);
	eval_call(e, X64, 3, none, &ev);
	CHECK_INT(ev.id, 1);
	CHECK(ev.rule == &r->rules[2]);
	eval_free(e);
	tset_free(r);
}
