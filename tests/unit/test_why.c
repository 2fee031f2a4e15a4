// SPDX-License-Identifier: Apache-2.0
/*
 * why: lookups of the notes on well-known refusals, the table's shape,
 * its constants against the system headers, and the claims "no rule of
 * Docker's default names X" against the shipped profile.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/personality.h>
#include <sys/socket.h>

#include "seccompdbg/sysent.h"
#include "seccompdbg/why.h"
#include "test.h"

static const struct profile_verdict eperm = {PROFILE_ACT_ERRNO, EPERM};
static const struct profile_verdict enosys = {PROFILE_ACT_ERRNO, ENOSYS};
static const struct profile_verdict kill_it = {PROFILE_ACT_KILL_PROCESS, 0};
static const struct profile_verdict allow = {PROFILE_ACT_ALLOW, 0};
static const uint64_t no_args[6];

static const char *text_of(const char *name, uint64_t arg0,
			   const struct profile_verdict *v)
{
	const uint64_t args[6] = {arg0};
	const struct why_note *n = why_find(name, args, v);

	return n ? n->text : NULL;
}

TEST(why_clone3_depends_on_errno)
{
	CHECK_CONTAINS(text_of("clone3", 0, &enosys), "on purpose");
	CHECK_CONTAINS(text_of("clone3", 0, &eperm), "must fail with ENOSYS");
	CHECK_CONTAINS(text_of("clone3", 0, &kill_it), "must fail with ENOSYS");
	/* Unknown verdict: neither note can be said. */
	CHECK(why_find("clone3", no_args, NULL) == NULL);
}

TEST(why_clone_namespace_flags)
{
	CHECK_CONTAINS(text_of("clone", CLONE_NEWUSER | SIGCHLD, &eperm),
		       "namespace flag");
	CHECK_CONTAINS(text_of("clone", CLONE_NEWNET, NULL), "namespace flag");
	CHECK(text_of("clone", CLONE_VM | CLONE_FS | CLONE_THREAD, &eperm) ==
	      NULL);
	CHECK(why_find("clone", NULL, &eperm) == NULL);
}

TEST(why_needs_cap_sys_admin)
{
	const struct why_note *n = why_find("unshare", no_args, &eperm);
	const char *same[] = {"setns", "mount", "umount2", "sethostname"};
	size_t i;

	REQUIRE(n);
	CHECK_CONTAINS(n->text, "CAP_SYS_ADMIN");
	CHECK_CONTAINS(n->source, "syscalls[17]");
	for (i = 0; i < ARRAY_SIZE(same); i++)
		CHECK(why_find(same[i], NULL, NULL) == n);
	CHECK_CONTAINS(text_of("ptrace", 0, &eperm), "4.8");
	CHECK_CONTAINS(text_of("bpf", 0, &eperm), "CAP_BPF");
	CHECK_CONTAINS(text_of("perf_event_open", 0, &eperm), "CAP_PERFMON");
}

TEST(why_socket_families)
{
	CHECK_CONTAINS(text_of("socket", AF_VSOCK, &eperm), "AF_VSOCK");
	CHECK_CONTAINS(text_of("socket", AF_ALG, &eperm), "AF_ALG");
	CHECK(text_of("socket", AF_INET, &eperm) == NULL);
	CHECK(text_of("socket", AF_NETLINK, &eperm) == NULL);
}

TEST(why_personality_personas)
{
	CHECK(text_of("personality", PER_LINUX, &eperm) == NULL);
	CHECK(text_of("personality", PER_LINUX32, &eperm) == NULL);
	CHECK(text_of("personality", 0xffffffff, &eperm) == NULL);
	CHECK_CONTAINS(text_of("personality", ADDR_NO_RANDOMIZE, &eperm),
		       "ADDR_NO_RANDOMIZE");
	CHECK_CONTAINS(text_of("personality", READ_IMPLIES_EXEC, &kill_it),
		       "personas");
}

TEST(why_basic_calls)
{
	const char *names[] = {"exit", "exit_group", "rt_sigreturn",
			       "restart_syscall"};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		CHECK_CONTAINS(text_of(names[i], 0, &kill_it),
			       "Every program needs");
}

TEST(why_enosys_fallbacks)
{
	const char *names[] = {"faccessat2", "openat2", "close_range", "statx",
			       "io_pgetevents"};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		const char *harmless = text_of(names[i], 0, &enosys);
		const char *breaks = text_of(names[i], 0, &eperm);

		CHECK_CONTAINS(harmless, "harmless");
		CHECK(harmless && str_has_prefix(harmless, names[i]));
		CHECK_CONTAINS(breaks, "only when it fails with ENOSYS");
		CHECK_CONTAINS(text_of(names[i], 0, &kill_it), "Deny it with");
		CHECK(why_find(names[i], no_args, NULL) == NULL);
	}
	CHECK_CONTAINS(text_of("faccessat2", 0, &eperm),
		       "glibc falls back to faccessat only when");
	CHECK_CONTAINS(text_of("rseq", 0, &eperm), "harmless for glibc");
}

TEST(why_refused_by_default)
{
	CHECK_CONTAINS(text_of("io_uring_setup", 0, &eperm), "io_uring");
	CHECK_CONTAINS(text_of("io_uring_enter", 0, NULL), "io_uring");
	CHECK_CONTAINS(text_of("keyctl", 0, &eperm), "keyring");
	CHECK_CONTAINS(text_of("request_key", 0, &eperm), "keyring");
	CHECK_CONTAINS(text_of("userfaultfd", 0, &eperm), "page fault");
}

TEST(why_nothing_to_say)
{
	CHECK(why_find("read", no_args, &eperm) == NULL);
	CHECK(why_find("", no_args, &eperm) == NULL);
	CHECK(why_find(NULL, no_args, &eperm) == NULL);
	/* Not refused: nothing to explain. */
	CHECK(why_find("unshare", no_args, &allow) == NULL);
	CHECK(why_find("exit_group", no_args, &allow) == NULL);
}

static bool is_plain_text(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

static bool shares_name(const struct why_rule *a, const struct why_rule *b)
{
	const char *const *x, *const *y;

	for (x = a->names; *x; x++)
		for (y = b->names; *y; y++)
			if (!strcmp(*x, *y))
				return true;
	return false;
}

TEST(why_table_shape)
{
	size_t n, i, j;
	const struct why_rule *r = why_rules(&n);

	CHECK(n >= 20);
	for (i = 0; i < n; i++) {
		const char *const *name;

		REQUIRE(r[i].names && r[i].names[0]);
		for (name = r[i].names; *name; name++)
			if (!sysent_is_known(*name))
				test_fail(__FILE__, __LINE__,
					  "rule %zu: unknown call %s", i,
					  *name);
		CHECK(r[i].note.text && is_plain_text(r[i].note.text));
		CHECK(strlen(r[i].note.text) <= 400);
		CHECK(r[i].note.source && r[i].note.source[0]);
		CHECK(r[i].arg < 6 && r[i].nvalues <= WHY_MAX_VALUES);
		CHECK(r[i].arg_test == WHY_ARG_ANY || r[i].nvalues > 0);
		/* A later rule for the same call after an unconditional one
		 * could never match. */
		for (j = 0; j < i; j++)
			if (r[j].arg_test == WHY_ARG_ANY &&
			    r[j].verdict == WHY_REFUSED &&
			    shares_name(&r[i], &r[j]))
				test_fail(__FILE__, __LINE__,
					  "rule %zu is shadowed by rule %zu", i,
					  j);
	}
}

TEST(why_bad_arch_note)
{
	const struct why_note *n = why_bad_arch();

	REQUIRE(n && n->text && n->source);
	CHECK(is_plain_text(n->text) && strlen(n->text) <= 400);
	CHECK_CONTAINS(n->text, "SCMP_ARCH_X86");
	CHECK_CONTAINS(n->source, "SCMP_FLTATR_ACT_BADARCH");
}

static const struct why_rule *rule_for(const char *name)
{
	size_t n, i;
	const struct why_rule *r = why_rules(&n);

	for (i = 0; i < n; i++)
		if (!strcmp(r[i].names[0], name) &&
		    r[i].arg_test != WHY_ARG_ANY)
			return &r[i];
	return NULL;
}

/* The numbers in the table against the system's headers. */
TEST(why_constants_match_headers)
{
	const struct why_rule *clone = rule_for("clone");
	const struct why_rule *pers = rule_for("personality");

	REQUIRE(clone && pers);
	CHECK_U64(clone->values[0],
		  CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC |
			  CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET);
	/* The mask of Docker's clone rule (moby's default.json). */
	CHECK_U64(clone->values[0], 2114060288);
	CHECK_U64(pers->values[0], PER_LINUX);
	CHECK_U64(pers->values[1], PER_LINUX32);
	CHECK_U64(pers->values[2], UNAME26);
	CHECK_U64(pers->values[3], PER_LINUX32 | UNAME26);
	CHECK_U64(pers->values[4], 0xffffffff);
	CHECK_INT(AF_VSOCK, 40);
	CHECK_INT(AF_ALG, 38);
}

/* "Docker's default names X in no rule": X is nowhere in its text. */
TEST(why_claims_against_moby_default)
{
	const char *absent[] = {"io_uring_setup",    "io_uring_enter",
				"io_uring_register", "keyctl",
				"add_key",	     "request_key",
				"userfaultfd"};
	const char *present[] = {"unshare", "clone3", "ptrace", "bpf"};
	char *text, quoted[64];
	size_t len, i;

	REQUIRE(read_file(test_data("profiles/moby-default.json"), 1 << 20,
			  &text, &len, NULL) == 0);
	for (i = 0; i < ARRAY_SIZE(absent); i++) {
		snprintf(quoted, sizeof(quoted), "\"%s\"", absent[i]);
		if (strstr(text, quoted))
			test_fail(__FILE__, __LINE__,
				  "moby-default.json names %s", absent[i]);
	}
	for (i = 0; i < ARRAY_SIZE(present); i++) {
		snprintf(quoted, sizeof(quoted), "\"%s\"", present[i]);
		CHECK_CONTAINS(text, quoted);
	}
	CHECK_CONTAINS(text, "\"defaultErrnoRet\": 1,");
	free(text);
}

/* The baseline table: every entry says why and names real calls. */
TEST(why_baseline_entries_are_known_calls)
{
	size_t n, i, j;
	const struct why_need *needs = why_baseline(&n);

	CHECK(n >= 20);
	for (i = 0; i < n; i++) {
		CHECK(needs[i].reason && needs[i].reason[0]);
		CHECK(needs[i].source && needs[i].source[0]);
		CHECK(!strchr(needs[i].reason, '\n'));
		for (j = 0; needs[i].names[j]; j++)
			CHECK(sysent_is_known(needs[i].names[j]));
	}
}
