// SPDX-License-Identifier: Apache-2.0
/*
 * eval: verdict vectors for the ways rules combine (reference §9 and
 * what reading libseccomp turned up), each checked against eval AND
 * against the compiled filters run in the interpreter.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/net.h>

#include "seccompdbg/sysent.h"
#include "test.h"
#include "test_eval_rules.h"

#define X64   AUDIT_ARCH_X86_64
#define I386  AUDIT_ARCH_I386
#define ALLOW PROFILE_ACT_ALLOW
#define ERRNO PROFILE_ACT_ERRNO

static const struct profile_verdict eperm = {ERRNO, 1};

/* Build, check the vectors, free. */
#define VECTORS(arches, narches, def, rules, vectors)                    \
	do {                                                             \
		struct resolve_result *r_ = tset_build(                  \
			arches, narches, def, rules, ARRAY_SIZE(rules)); \
		TVECTORS_CHECK(r_, vectors);                             \
		tset_free(r_);                                           \
	} while (0)

/* Two unconditional rules for one call: the first wins, silently. */
TEST(eval_first_unconditional_rule_wins)
{
	static const struct trule allow_first[] = {
		{"read", ALLOW, 0, 0, {{0}}},
		{"read", ERRNO, 5, 0, {{0}}},
	};
	static const struct trule errno_first[] = {
		{"read", ERRNO, 5, 0, {{0}}},
		{"read", ALLOW, 0, 0, {{0}}},
	};
	static const struct tvector v1[] = {
		{X64, "read", 0, {0}, ALLOW, 0, 1},
	};
	static const struct tvector v2[] = {
		{X64, "read", 0, {0}, ERRNO, 5, 1},
	};

	VECTORS(NULL, 0, eperm, allow_first, v1);
	VECTORS(NULL, 0, eperm, errno_first, v2);
}

/* A later unconditional rule replaces the conditional ones; an earlier
   one makes later conditional ones moot. */
TEST(eval_unconditional_replaces_and_shadows)
{
	static const struct trule replaced[] = {
		{"read", ERRNO, 5, 1, {T_ARG(0, EQ, 3)}},
		{"read", ALLOW, 0, 0, {{0}}},
	};
	static const struct trule shadowed[] = {
		{"read", ALLOW, 0, 0, {{0}}},
		{"read", ERRNO, 5, 1, {T_ARG(0, EQ, 3)}},
	};
	static const struct tvector v[] = {
		{X64, "read", 0, {3}, ALLOW, 0, 0},
		{X64, "read", 0, {4}, ALLOW, 0, 0},
	};
	struct tvector v1[2], v2[2];
	size_t i;

	for (i = 0; i < 2; i++) {
		v1[i] = v[i], v1[i].id = 2;
		v2[i] = v[i], v2[i].id = 1;
	}
	VECTORS(NULL, 0, eperm, replaced, v1);
	VECTORS(NULL, 0, eperm, shadowed, v2);
}

/*
 * Same call, same conditions, another action: libseccomp refuses the
 * second rule (-EEXIST), so runc refuses the profile; eval keeps the
 * first, as libseccomp's undone transaction leaves it.
 */
TEST(eval_conflict_keeps_the_first_rule)
{
	static const struct trule rules[] = {
		{"read", ALLOW, 0, 1, {T_ARG(0, EQ, 3)}},
		{"read", ERRNO, 5, 1, {T_ARG(0, EQ, 3)}},
		{"write", ERRNO, 7, 0, {{0}}},
	};
	struct resolve_result *r = tset_build(NULL, 0, eperm, rules, 3);
	struct eval *e = eval_new(r);
	struct compile_bpf b;
	struct eval_result ev;
	const uint64_t a3[6] = {3};

	eval_call(e, X64, 0, a3, &ev);
	CHECK_INT(ev.verdict.action, ALLOW);
	CHECK_INT(ev.id, 1);
	eval_call(e, X64, 1, a3, &ev);
	CHECK_INT(ev.verdict.action, ERRNO);
	CHECK_INT(ev.verdict.data, 7);
	CHECK(ev.rule == &r->rules[2]);
	CHECK_INT(compile_filter(r, COMPILE_ORIGINAL, &b, NULL), -EEXIST);
	eval_free(e);
	tset_free(r);
}

/*
 * podman's socket rules overlap (EQ 40 refuses, NE 16 allows, ...):
 * libseccomp orders the tests on one argument word (EQ and NE first,
 * larger values first), so each value gets the rule written for it, in
 * this order of the rules and in the reverse one.
 */
static const struct trule podman_socket[] = {
	{"socket", ERRNO, 97, 1, {T_ARG(0, EQ, 40)}},
	{"socket", ERRNO, 22, 2, {T_ARG(0, EQ, 16), T_ARG(2, EQ, 9)}},
	{"socket", ALLOW, 0, 2, {T_ARG(0, EQ, 16), T_ARG(2, NE, 9)}},
	{"socket", ALLOW, 0, 1, {T_ARG(0, NE, 16)}},
};

TEST(eval_podman_socket_rules)
{
	static const struct tvector v[] = {
		{X64, "socket", 0, {40, 1, 0}, ERRNO, 97, 1},
		{X64, "socket", 0, {16, 3, 9}, ERRNO, 22, 2},
		{X64, "socket", 0, {16, 3, 0}, ALLOW, 0, 3},
		{X64, "socket", 0, {2, 1, 0}, ALLOW, 0, 4},
		{X64, "socket", 0, {0x100000028ull, 1, 0}, ALLOW, 0, 4},
	};
	struct trule reversed[4];
	struct tvector vr[ARRAY_SIZE(v)];
	size_t i;

	VECTORS(NULL, 0, eperm, podman_socket, v);
	for (i = 0; i < 4; i++)
		reversed[i] = podman_socket[3 - i];
	for (i = 0; i < ARRAY_SIZE(v); i++) {
		vr[i] = v[i];
		vr[i].id = 5 - v[i].id;
	}
	VECTORS(NULL, 0, eperm, reversed, vr);
}

/*
 * But overlapping conditions are not resolved by rule order either:
 * with NE 16 refusing and NE 40 allowing, a value both match gets what
 * the node sorted first (EQ 40, the larger value) says, and so does 16
 * with a2 == 9, which the EQ 16 rule meant to refuse.
 */
TEST(eval_overlap_follows_the_tree_order)
{
	static const struct trule rules[] = {
		{"socket", ERRNO, 97, 1, {T_ARG(0, NE, 16)}},
		{"socket", ALLOW, 0, 1, {T_ARG(0, NE, 40)}},
		{"socket", ERRNO, 22, 2, {T_ARG(0, EQ, 16), T_ARG(2, EQ, 9)}},
	};
	static const struct tvector v[] = {
		{X64, "socket", 0, {40, 1, 0}, ERRNO, 97, 1},
		{X64, "socket", 0, {2, 1, 0}, ALLOW, 0, 2},
		{X64, "socket", 0, {16, 3, 9}, ALLOW, 0, 2},
	};

	VECTORS(NULL, 0, eperm, rules, v);
}

/*
 * libseccomp keeps 16 bits of an errno: 65536 is ERRNO(0) (the call
 * "succeeds" with 0 without running), and 65537 is EPERM, the default,
 * so that rule goes like any rule equal to the default. What is still
 * past 4094 libseccomp refuses.
 */
TEST(eval_errno_truncated_to_16_bits)
{
	static const struct trule rules[] = {
		{"read", ERRNO, 65536, 0, {{0}}},
		{"write", ERRNO, 65537, 0, {{0}}},
		{"close", ERRNO, 4094 + 65536, 0, {{0}}},
	};
	static const struct tvector v[] = {
		{X64, "read", 0, {0}, ERRNO, 0, 1},
		{X64, "write", 0, {0}, ERRNO, 1, 0},
		{X64, "close", 0, {0}, ERRNO, 4094, 3},
	};
	static const struct trule too_big[] = {
		{"read", ERRNO, 70000, 0, {{0}}},
	};
	struct resolve_result *r;
	struct compile_bpf b;
	struct err err = {""};

	VECTORS(NULL, 0, eperm, rules, v);
	r = tset_build(NULL, 0, eperm, too_big, 1);
	CHECK_INT(compile_filter(r, COMPILE_TRACE, &b, &err), -EINVAL);
	CHECK_CONTAINS(err.msg, "syscalls[0]: errno 70000 (cut to 16 bits)");
	tset_free(r);
}

/*
 * A repeated argument index: runc adds each condition as its own rule,
 * so they combine with OR (runc's test profile, and the reference's
 * socket(10, 2, 0) example that the a1 rule lets through).
 */
TEST(eval_repeated_index_splits_into_or)
{
	static const struct trule runc_test1[] = {
		{"process_vm_writev",
		 ERRNO,
		 55,
		 2,
		 {T_ARG(0, EQ, 1337), T_ARG(0, EQ, 2020)}},
	};
	static const struct tvector v1[] = {
		{X64, "process_vm_writev", 0, {1337}, ERRNO, 55, 1},
		{X64, "process_vm_writev", 0, {2020}, ERRNO, 55, 1},
		{X64, "process_vm_writev", 0, {2021}, ALLOW, 0, 0},
	};
	static const struct trule split[] = {
		{"socket",
		 ALLOW,
		 0,
		 3,
		 {T_ARG(0, EQ, 2), T_ARG(0, EQ, 16), T_ARG(1, EQ, 2)}},
	};
	static const struct tvector v2[] = {
		{X64, "socket", 0, {10, 2, 0}, ALLOW, 0, 1},
		{X64, "socket", 0, {16, 1, 0}, ALLOW, 0, 1},
		{X64, "socket", 0, {10, 1, 0}, ERRNO, 1, 0},
	};

	VECTORS(NULL, 0, ((struct profile_verdict){ALLOW, 0}), runc_test1, v1);
	VECTORS(NULL, 0, eperm, split, v2);
}

/* MASKED_EQ: value is the mask; libseccomp masks valueTwo too. */
TEST(eval_masked_eq)
{
	static const struct trule rules[] = {
		{"clone", ALLOW, 0, 1, {T_MASKED(0, 0x7e020000, 0)}},
		{"ioctl", ALLOW, 0, 1, {T_MASKED(1, 0xf0, 0x1f)}},
		/* An empty mask tests nothing: unconditional. */
		{"open", ALLOW, 0, 1, {T_MASKED(2, 0, 1)}},
	};
	static const struct tvector v[] = {
		{X64, "clone", 0, {0x11}, ALLOW, 0, 1},
		{X64, "clone", 0, {0x10000000}, ERRNO, 1, 0},
		{X64, "ioctl", 0, {0, 0x13}, ALLOW, 0, 2},
		{X64, "ioctl", 0, {0, 0x23}, ERRNO, 1, 0},
		{X64, "open", 0, {0, 0, 7}, ALLOW, 0, 3},
	};

	VECTORS(NULL, 0, eperm, rules, v);
}

/*
 * On a 32-bit architecture libseccomp compares the lower 32 bits of
 * the argument with the lower 32 bits of the value; on x86_64 all 64.
 */
TEST(eval_32_bit_arches_compare_low_words)
{
	const uint32_t arches[] = {I386};
	static const struct trule rules[] = {
		{"getppid", ALLOW, 0, 1, {T_ARG(0, EQ, 0x100000005ull)}},
		{"getpid", ALLOW, 0, 1, {T_ARG(0, GT, 0x100000000ull)}},
	};
	static const struct tvector v[] = {
		{X64, "getppid", 0, {0x100000005ull}, ALLOW, 0, 1},
		{X64, "getppid", 0, {5}, ERRNO, 1, 0},
		{I386, "getppid", 0, {5}, ALLOW, 0, 1},
		{I386, "getpid", 0, {1}, ALLOW, 0, 2},
		{I386, "getpid", 0, {0}, ERRNO, 1, 0},
		{X64, "getpid", 0, {1}, ERRNO, 1, 0},
	};

	VECTORS(arches, 1, eperm, rules, v);
}

/*
 * Architectures: one the profile lacks gets the bad-arch action; x32
 * numbers on x86_64 are x32 calls, or bad arch without x32, except -1;
 * a number nobody named gets the default.
 */
TEST(eval_architectures_and_numbers)
{
	const uint32_t x32 = sysent_arch_by_scmp("SCMP_ARCH_X32")->token;
	static const struct trule rules[] = {
		{"getppid", ALLOW, 0, 0, {{0}}},
	};
	const struct tvector without[] = {
		{I386,
		 "getppid",
		 0,
		 {0},
		 PROFILE_ACT_KILL_THREAD,
		 0,
		 RESOLVE_ID_BADARCH},
		{X64,
		 NULL,
		 0x40000000 | 110,
		 {0},
		 PROFILE_ACT_KILL_THREAD,
		 0,
		 RESOLVE_ID_BADARCH},
		{X64, NULL, -1, {0}, ERRNO, 1, 0},
		{X64, NULL, 999, {0}, ERRNO, 1, 0},
		{AUDIT_ARCH_AARCH64,
		 "getppid",
		 0,
		 {0},
		 PROFILE_ACT_KILL_THREAD,
		 0,
		 RESOLVE_ID_BADARCH},
	};
	const struct tvector with[] = {
		{X64, NULL, 0x40000000 | 110, {0}, ALLOW, 0, 1},
		{X64, NULL, 0x40000000 | 39, {0}, ERRNO, 1, 0},
		{X64, NULL, -1, {0}, ERRNO, 1, 0},
		{x32,
		 "getppid",
		 0,
		 {0},
		 PROFILE_ACT_KILL_THREAD,
		 0,
		 RESOLVE_ID_BADARCH},
	};

	VECTORS(NULL, 0, eperm, rules, without);
	VECTORS(&x32, 1, eperm, rules, with);
}

/*
 * x86 multiplexes sockets: a rule for bind is also a rule for
 * socketcall with a0 == SYS_BIND, whatever the rule said about a0.
 */
TEST(eval_socketcall_on_x86)
{
	const uint32_t arches[] = {I386};
	static const struct trule rules[] = {
		{"bind", ERRNO, 98, 1, {T_ARG(0, EQ, 7)}},
		{"socket", ALLOW, 0, 0, {{0}}},
	};
	const int socketcall = 102, bind32 = 361;
	const struct tvector v[] = {
		{I386, NULL, socketcall, {SYS_BIND}, ERRNO, 98, 1},
		{I386, NULL, socketcall, {SYS_SOCKET}, ALLOW, 0, 2},
		{I386, NULL, socketcall, {SYS_CONNECT}, ERRNO, 1, 0},
		{I386, NULL, bind32, {7}, ERRNO, 98, 1},
		{I386, NULL, bind32, {8}, ERRNO, 1, 0},
		{X64, "bind", 0, {7}, ERRNO, 98, 1},
		{X64, "bind", 0, {SYS_BIND}, ERRNO, 1, 0},
	};

	CHECK_STR(sysent_name(I386, bind32), "bind");
	CHECK_STR(sysent_name(I386, bind32), "bind");
	VECTORS(arches, 1, eperm, rules, v);
}
