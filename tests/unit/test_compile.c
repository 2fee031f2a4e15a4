// SPDX-License-Identifier: Apache-2.0
/*
 * compile: the four modes, rule ids, flags, errors (with the rule they
 * name) and the pseudo-filter-code export. Installing a filter in a
 * real child is in tests/system/test_compile_kernel.c.
 */
#include <errno.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/bpf.h"
#include "seccompdbg/sysent.h"
#include "test.h"
#include "test_eval_rules.h"

static const struct profile_verdict eperm = {PROFILE_ACT_ERRNO, 1};

static uint32_t run(const struct compile_bpf *b, uint32_t arch, int nr,
		    uint64_t a0)
{
	struct seccomp_data d = {.nr = nr, .arch = arch};

	d.args[0] = a0;
	return bpf_run(b->insns, b->len, &d);
}

static const struct trule basic_rules[] = {
	{"getppid", PROFILE_ACT_ERRNO, 13, 1, {T_ARG(0, EQ, 5)}},
	{"getpid", PROFILE_ACT_KILL_PROCESS, 0, 0, {{0}}},
	{"getuid", PROFILE_ACT_ALLOW, 0, 0, {{0}}},
	{"getgid", PROFILE_ACT_LOG, 0, 0, {{0}}},
};

TEST(compile_modes_return_what_they_promise)
{
	struct resolve_result *r = tset_build(NULL, 0, eperm, basic_rules, 4);
	struct compile_bpf orig, trace, trap, notify;
	struct err err = {""};
	uint32_t x64 = AUDIT_ARCH_X86_64;

	REQUIRE(compile_filter(r, COMPILE_ORIGINAL, &orig, &err) == 0);
	REQUIRE(compile_filter(r, COMPILE_TRACE, &trace, &err) == 0);
	REQUIRE(compile_filter(r, COMPILE_TRAP, &trap, &err) == 0);
	REQUIRE(compile_filter(r, COMPILE_NOTIFY, &notify, &err) == 0);
	CHECK_INT(bpf_verify(trace.insns, trace.len, NULL), 0);
	CHECK_INT(bpf_verify(trap.insns, trap.len, NULL), 0);

	CHECK_U64(run(&orig, x64, 110, 5), SECCOMP_RET_ERRNO | 13);
	CHECK_U64(run(&trace, x64, 110, 5), SECCOMP_RET_TRACE | 1);
	CHECK_U64(run(&trap, x64, 110, 5), SECCOMP_RET_TRAP | 1);
	CHECK_U64(run(&notify, x64, 110, 5), SECCOMP_RET_USER_NOTIF);
	/* The default. */
	CHECK_U64(run(&orig, x64, 110, 6), SECCOMP_RET_ERRNO | 1);
	CHECK_U64(run(&trace, x64, 110, 6), SECCOMP_RET_TRACE | 0);
	CHECK_U64(run(&trap, x64, 110, 6), SECCOMP_RET_TRAP | 0);
	/* KILL_PROCESS is caught too; ALLOW and LOG stay. */
	CHECK_U64(run(&orig, x64, 39, 0), SECCOMP_RET_KILL_PROCESS);
	CHECK_U64(run(&trace, x64, 39, 0), SECCOMP_RET_TRACE | 2);
	CHECK_U64(run(&trace, x64, 102, 0), SECCOMP_RET_ALLOW);
	CHECK_U64(run(&trap, x64, 104, 0), SECCOMP_RET_LOG);
	/* Bad arch: libseccomp kills; the catching modes catch. */
	CHECK_U64(run(&orig, AUDIT_ARCH_I386, 20, 0), SECCOMP_RET_KILL_THREAD);
	CHECK_U64(run(&trace, AUDIT_ARCH_I386, 20, 0),
		  SECCOMP_RET_TRACE | RESOLVE_ID_BADARCH);
	CHECK_U64(run(&notify, AUDIT_ARCH_I386, 20, 0), SECCOMP_RET_USER_NOTIF);
	/* x32 numbers on x86_64 without x32 in the profile: bad arch. */
	CHECK_U64(run(&trace, x64, 0x40000000 | 39, 0),
		  SECCOMP_RET_TRACE | RESOLVE_ID_BADARCH);
	compile_bpf_release(&orig);
	compile_bpf_release(&trace);
	compile_bpf_release(&trap);
	compile_bpf_release(&notify);
	tset_free(r);
}

/* A default that allows stays allowed when catching. */
TEST(compile_allowing_default_is_not_caught)
{
	static const struct trule rules[] = {
		{"getppid", PROFILE_ACT_ERRNO, 1, 0, {{0}}},
	};
	struct resolve_result *r = tset_build(
		NULL, 0, (struct profile_verdict){PROFILE_ACT_ALLOW, 0}, rules,
		1);
	struct compile_bpf b;

	REQUIRE(compile_filter(r, COMPILE_TRACE, &b, NULL) == 0);
	CHECK_U64(run(&b, AUDIT_ARCH_X86_64, 39, 0), SECCOMP_RET_ALLOW);
	CHECK_U64(run(&b, AUDIT_ARCH_X86_64, 110, 0), SECCOMP_RET_TRACE | 1);
	compile_bpf_release(&b);
	tset_free(r);
}

/*
 * One id per action: the first rule's. ERRNO(65537) is ERRNO(1) for
 * libseccomp, KILL is KILL_THREAD; ALLOW and LOG keep their own ids.
 */
TEST(compile_catch_ids_one_per_action)
{
	static const struct trule rules[] = {
		{"read write", PROFILE_ACT_ERRNO, 5, 0, {{0}}},
		{"open", PROFILE_ACT_KILL, 0, 0, {{0}}},
		{"close", PROFILE_ACT_ERRNO, 65541, 0, {{0}}},
		{"dup", PROFILE_ACT_ALLOW, 0, 0, {{0}}},
		{"dup2", PROFILE_ACT_KILL_THREAD, 0, 0, {{0}}},
		{"dup3 pipe", PROFILE_ACT_ALLOW, 0, 0, {{0}}},
		{"pipe2", PROFILE_ACT_ERRNO, 6, 0, {{0}}},
	};
	static const unsigned want[] = {1, 1, 2, 1, 4, 2, 6, 6, 7};
	struct resolve_result *r = tset_build(NULL, 0, eperm, rules, 7);
	unsigned *ids = compile_catch_ids(r);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(want); i++)
		CHECK_INT(ids[i], want[i]);
	free(ids);
	tset_free(r);
}

static struct profile *profile_of(struct resolve_result *r)
{
	return (struct profile *)r->profile;
}

TEST(compile_flags_like_runc)
{
	static char tsync[] = "SECCOMP_FILTER_FLAG_TSYNC";
	static char log[] = "SECCOMP_FILTER_FLAG_LOG";
	static char wait[] = "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV";
	static char bogus[] = "SECCOMP_FILTER_FLAG_BOGUS";
	char *flags[] = {tsync, log, wait, bogus};
	struct resolve_result *r = tset_build(NULL, 0, eperm, basic_rules, 4);
	struct compile_bpf b;
	struct err err = {""};

	/* Absent: SPEC_ALLOW, as runc adds it. */
	REQUIRE(compile_filter(r, COMPILE_TRACE, &b, NULL) == 0);
	CHECK_U64(b.flags, SECCOMP_FILTER_FLAG_SPEC_ALLOW);
	compile_bpf_release(&b);
	/* Present and empty: none. */
	profile_of(r)->has_flags = true;
	REQUIRE(compile_filter(r, COMPILE_TRACE, &b, NULL) == 0);
	CHECK_U64(b.flags, 0);
	compile_bpf_release(&b);
	/* WAIT_KILLABLE_RECV only goes with a listener. */
	profile_of(r)->flags = flags;
	profile_of(r)->nflags = 3;
	REQUIRE(compile_filter(r, COMPILE_TRACE, &b, NULL) == 0);
	CHECK_U64(b.flags, SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_LOG);
	compile_bpf_release(&b);
	/* NOTIFY adds the listener, and TSYNC then needs TSYNC_ESRCH. */
	REQUIRE(compile_filter(r, COMPILE_NOTIFY, &b, NULL) == 0);
	CHECK_U64(b.flags, SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_LOG |
				   SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV |
				   SECCOMP_FILTER_FLAG_NEW_LISTENER |
				   SECCOMP_FILTER_FLAG_TSYNC_ESRCH);
	compile_bpf_release(&b);
	profile_of(r)->nflags = 4;
	CHECK_INT(compile_filter(r, COMPILE_TRACE, &b, &err), -EINVAL);
	CHECK_CONTAINS(err.msg, "flags[3]: unknown flag");
	tset_free(r);
}

/* Same call, same conditions, other action: runc's "file exists". */
TEST(compile_conflicting_rules_name_the_rule)
{
	static const struct trule rules[] = {
		{"read", PROFILE_ACT_ALLOW, 0, 1, {T_ARG(0, EQ, 3)}},
		{"write", PROFILE_ACT_ALLOW, 0, 0, {{0}}},
		{"read", PROFILE_ACT_ERRNO, 5, 1, {T_ARG(0, EQ, 3)}},
	};
	struct resolve_result *r = tset_build(NULL, 0, eperm, rules, 3);
	struct compile_bpf b;
	struct err err = {""};

	CHECK_INT(compile_filter(r, COMPILE_ORIGINAL, &b, &err), -EEXIST);
	CHECK_CONTAINS(err.msg, "syscalls[2]: read:");
	CHECK_INT(compile_filter(r, COMPILE_TRACE, &b, &err), -EEXIST);
	tset_free(r);
}

TEST(compile_refuses_what_libseccomp_refuses)
{
	static const struct trule two_on_one[] = {
		{"read",
		 PROFILE_ACT_ALLOW,
		 0,
		 2,
		 {T_ARG(0, EQ, 3), T_ARG(0, EQ, 4)}},
	};
	struct resolve_result *r = tset_build(NULL, 0, eperm, two_on_one, 1);
	const uint32_t s390x[] = {AUDIT_ARCH_S390X};
	struct compile_bpf b;
	struct err err = {""};

	/* A repeated index without args_or (resolve sets it). */
	r->rules[0].args_or = false;
	CHECK_INT(compile_filter(r, COMPILE_ORIGINAL, &b, &err), -EINVAL);
	CHECK_CONTAINS(err.msg, "syscalls[0]: read: libseccomp refuses");
	tset_free(r);
	/* A big-endian architecture beside the native one. */
	r = tset_build(s390x, 1, eperm, basic_rules, 4);
	CHECK_INT(compile_filter(r, COMPILE_TRACE, &b, &err), -EINVAL);
	CHECK_CONTAINS(err.msg, "SCMP_ARCH_S390X cannot share a filter");
	tset_free(r);
}

/*
 * libseccomp 2.5.4 never returns from the second rule (docs/filters.md,
 * "Where the filter is not its rules"): compile gives up, not hangs.
 * eval sees it coming.
 */
TEST(compile_gives_up_when_libseccomp_loops)
{
	struct resolve_result *r = tset_build(
		NULL, 0, (struct profile_verdict){PROFILE_ACT_ALLOW, 0},
		tset_ring_rules, 2);
	struct eval *e = eval_new(r);
	struct compile_bpf b;
	struct err err = {""};

	CHECK(eval_libseccomp_hangs(e));
	/* Ample for two rules, which libseccomp builds in microseconds. */
	compile_set_timeout(3000);
	CHECK_INT(compile_filter(r, COMPILE_ORIGINAL, &b, &err), -ETIME);
	CHECK_CONTAINS(err.msg, "did not finish");
	compile_set_timeout(COMPILE_TIMEOUT_MS);
	/* One of them alone is fine. */
	r->nrules = 1;
	CHECK_INT(compile_filter(r, COMPILE_ORIGINAL, &b, &err), 0);
	compile_bpf_release(&b);
	r->nrules = 2;
	eval_free(e);
	tset_free(r);
}

TEST(compile_pfc_text)
{
	struct resolve_result *r = tset_build(NULL, 0, eperm, basic_rules, 4);
	struct strbuf pfc = STRBUF_INIT;

	REQUIRE(compile_pfc(r, COMPILE_ORIGINAL, &pfc, NULL) == 0);
	CHECK_CONTAINS(strbuf_str(&pfc), "action ERRNO(13);");
	CHECK_CONTAINS(strbuf_str(&pfc), "if ($a0.lo32 == 5)");
	strbuf_reset(&pfc);
	REQUIRE(compile_pfc(r, COMPILE_NOTIFY, &pfc, NULL) == 0);
	CHECK_CONTAINS(strbuf_str(&pfc), "# seccompdbg: NOTIFY mode");
	CHECK_CONTAINS(strbuf_str(&pfc), "action TRACE(1);");
	CHECK_CONTAINS(strbuf_str(&pfc), "action TRACE(65535);");
	strbuf_release(&pfc);
	tset_free(r);
}

/*
 * TRAP mode's SIGSYS watch: every call that may set SIGSYS's action
 * stops as TRACE | COMPILE_WATCH_ID, whatever the profile says of it;
 * everything else gets the filter's own answer, which still starts
 * right after the prologue.
 */
TEST(compile_watch_sigsys_stops_what_sets_sigsys)
{
	static const struct trule rules[] = {
		{"rt_sigaction", PROFILE_ACT_ALLOW, 0, 0, {{0}}},
		{"getppid", PROFILE_ACT_ERRNO, 13, 0, {{0}}},
	};
	const uint32_t watch = SECCOMP_RET_TRACE | COMPILE_WATCH_ID;
	const uint32_t x64 = AUDIT_ARCH_X86_64, x86 = AUDIT_ARCH_I386;
	struct resolve_result *r = tset_build(NULL, 0, eperm, rules, 2);
	struct compile_bpf b, proper;

	REQUIRE(compile_filter(r, COMPILE_TRAP, &b, NULL) == 0);
	proper.len = b.len;
	proper.insns = xmalloc(b.len * sizeof(*b.insns));
	memcpy(proper.insns, b.insns, b.len * sizeof(*b.insns));
	REQUIRE(compile_watch_sigsys(&b, NULL) == 0);
	CHECK_INT(b.len, proper.len + COMPILE_WATCH_LEN);
	CHECK_INT(bpf_verify(b.insns, b.len, NULL), 0);
	CHECK(!memcmp(b.insns + COMPILE_WATCH_LEN, proper.insns,
		      proper.len * sizeof(*b.insns)));
	/* rt_sigaction of SIGSYS, allowed or refused by the profile */
	CHECK_U64(run(&b, x64, 13, SIGSYS), watch);
	CHECK_U64(run(&b, x64, 13, SIGSYS | 0x100000000ull), watch);
	CHECK_U64(run(&b, x64, 0x40000000 | 512, SIGSYS), watch);
	CHECK_U64(run(&b, x86, 174, SIGSYS), watch);
	CHECK_U64(run(&b, x86, 67, SIGSYS), watch);
	CHECK_U64(run(&b, x86, 48, SIGSYS), watch);
	/* other signals, calls and architectures: the filter's answer */
	CHECK_U64(run(&b, x64, 13, SIGINT), SECCOMP_RET_ALLOW);
	CHECK_U64(run(&b, x64, 13, SIGINT), run(&proper, x64, 13, SIGINT));
	CHECK_U64(run(&b, x64, 110, SIGSYS), SECCOMP_RET_TRAP | 2);
	CHECK_U64(run(&b, x64, 48, SIGSYS), run(&proper, x64, 48, SIGSYS));
	CHECK_U64(run(&b, x86, 13, SIGSYS), run(&proper, x86, 13, SIGSYS));
	CHECK_U64(run(&b, x86, 174, SIGINT), run(&proper, x86, 174, SIGINT));
	CHECK_U64(run(&b, AUDIT_ARCH_AARCH64, 134, SIGSYS),
		  run(&proper, AUDIT_ARCH_AARCH64, 134, SIGSYS));
	compile_bpf_release(&b);
	compile_bpf_release(&proper);
	/* a filter already at the limit cannot take the prologue */
	b.len = BPF_MAXINSNS - COMPILE_WATCH_LEN + 1;
	b.insns = xcalloc(b.len, sizeof(*b.insns));
	CHECK_INT(compile_watch_sigsys(&b, NULL), -E2BIG);
	compile_bpf_release(&b);
	tset_free(r);
}
