// SPDX-License-Identifier: Apache-2.0
/*
 * The session's pure parts about the accepted profile: the conditions
 * that cover exactly one call (from the rules that test the call's
 * arguments, or from what decode says each argument is), their text,
 * and profile_allow_arch, the edit behind a bad-architecture refusal.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "test.h"
#include "../../src/session/internal.h"
#include "seccompdbg/sysent.h"

static struct resolve_result *resolve_file(const char *rel, struct profile **p)
{
	struct resolve_env env;
	struct resolve_result *r;
	struct err err = {""};

	REQUIRE(profile_load(test_data(rel), PROFILE_FORMAT_AUTO, p, &err) ==
		0);
	resolve_env_default(&env);
	env.arch = AUDIT_ARCH_X86_64;
	REQUIRE(resolve_profile(*p, &env, &r, &err) == 0);
	return r;
}

static size_t conds_for(const struct resolve_result *r, const char *name,
			const uint64_t args[6], struct profile_arg c[6],
			bool *from_rules)
{
	int nr = sysent_nr(AUDIT_ARCH_X86_64, name);

	REQUIRE(nr >= 0);
	return session_conds_for(r, AUDIT_ARCH_X86_64, nr, args, c, from_rules);
}

TEST(session_conds_docker_clone_masked)
{
	struct profile *p;
	struct resolve_result *r =
		resolve_file("profiles/moby-default.json", &p);
	/* clone(CLONE_NEWUSER|SIGCHLD, stack, ...): pointers stay out */
	uint64_t args[6] = {0x10000000 | 17, 0x7ffd0000, 0, 0, 0, 0};
	struct profile_arg c[6];
	bool from_rules;

	CHECK_INT(conds_for(r, "clone", args, c, &from_rules), 1);
	CHECK(from_rules);
	CHECK_INT(c[0].index, 0);
	CHECK_INT(c[0].op, PROFILE_OP_MASKED_EQ);
	CHECK_U64(c[0].value, 0x7E020000);
	CHECK_U64(c[0].value_two, 0x10000000);
	resolve_result_free(r);
	profile_free(p);
}

TEST(session_conds_docker_eq)
{
	struct profile *p;
	struct resolve_result *r =
		resolve_file("profiles/moby-default.json", &p);
	uint64_t pers[6] = {0x400000}, sock[6] = {40, SOCK_STREAM, 0};
	struct profile_arg c[6];
	bool from_rules;

	CHECK_INT(conds_for(r, "personality", pers, c, &from_rules), 1);
	CHECK(from_rules);
	CHECK_INT(c[0].op, PROFILE_OP_EQ);
	CHECK_U64(c[0].value, 0x400000);
	/* moby's socket rules test the family only (LT, EQ, GT) */
	CHECK_INT(conds_for(r, "socket", sock, c, &from_rules), 1);
	CHECK(c[0].index == 0 && c[0].op == PROFILE_OP_EQ && c[0].value == 40);
	resolve_result_free(r);
	profile_free(p);
}

TEST(session_conds_from_kinds)
{
	struct profile *p;
	struct resolve_result *r =
		resolve_file("profiles/moby-default.json", &p);
	/* mkdirat(AT_FDCWD, "path", 0755): no rule tests it */
	uint64_t args[6] = {(uint32_t)AT_FDCWD, 0x7ffd1234, 0755};
	struct profile_arg c[6];
	bool from_rules = true;
	size_t n = conds_for(r, "mkdirat", args, c, &from_rules), i;

	CHECK(!from_rules);
	CHECK_INT(n, 2);
	for (i = 0; i < n; i++)
		CHECK(c[i].index != 1); /* the path is a pointer */
	CHECK(c[0].index == 0 && c[0].value == (uint32_t)AT_FDCWD);
	CHECK(c[1].index == 2 && c[1].op == PROFILE_OP_EQ &&
	      c[1].value == 0755);
	resolve_result_free(r);
	profile_free(p);
}

TEST(session_conds_flags_masked)
{
	/* open(path, O_WRONLY|O_CREAT, 0644) with no rule about open:
	 * the flags as a MASKED_EQ over the known open flags */
	uint64_t args[6] = {0x1000, O_WRONLY | O_CREAT, 0644};
	struct profile_arg c[6];
	bool from_rules;
	size_t n = session_conds_for(NULL, AUDIT_ARCH_X86_64, SYS_open, args, c,
				     &from_rules),
	       i;

	REQUIRE(n >= 1);
	for (i = 0; i < n; i++)
		if (c[i].index == 1)
			break;
	REQUIRE(i < n);
	CHECK_INT(c[i].op, PROFILE_OP_MASKED_EQ);
	CHECK((c[i].value & (O_WRONLY | O_CREAT)) == (O_WRONLY | O_CREAT));
	CHECK_U64(c[i].value_two, O_WRONLY | O_CREAT);
}

TEST(session_conds_format)
{
	struct profile_arg c[2] = {
		{0, PROFILE_OP_MASKED_EQ, 0x7e020000, 0x10000000},
		{2, PROFILE_OP_NE, 9, 0},
	};
	struct strbuf sb = STRBUF_INIT;

	session_conds_format(c, 2, &sb);
	CHECK_STR(strbuf_str(&sb),
		  "args[0] & 0x7e020000 == 0x10000000 && args[2] != 0x9");
	strbuf_release(&sb);
}

static struct profile *parse(const char *text)
{
	struct profile *p;

	REQUIRE(profile_parse("t.json", text, strlen(text), PROFILE_FORMAT_AUTO,
			      &p, NULL) == 0);
	REQUIRE(!profile_has_errors(p));
	return p;
}

static void check_arch(const char *in, const char *out)
{
	struct profile *p = parse(in);
	struct err err = {""};

	CHECK_INT(profile_allow_arch(p, "SCMP_ARCH_X86_64", "SCMP_ARCH_X86",
				     &err),
		  0);
	CHECK_STR(p->text, out);
	CHECK(!profile_has_errors(p));
	CHECK_INT(profile_edits(p), 1);
	/* again: nothing to do, no undo step */
	CHECK_INT(profile_allow_arch(p, "SCMP_ARCH_X86_64", "SCMP_ARCH_X86",
				     &err),
		  0);
	CHECK_INT(profile_edits(p), 1);
	CHECK_INT(profile_undo(p), 0);
	CHECK_STR(p->text, in);
	profile_free(p);
}

TEST(session_profile_allow_arch)
{
	check_arch(
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [\"SCMP_ARCH_X86_64\"], \"syscalls\": []}",
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X86\"], \"syscalls\": []}");
	check_arch(
		"{\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\n\t\"syscalls\": []\n}\n",
		"{\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\n\t\"syscalls\": [],\n\t\"architectures\": [\n\t\t\"SCMP_ARCH_X86_64\",\n\t\t\"SCMP_ARCH_X86\"\n\t]\n}\n");
	/* archMap: the host's entry gains the sub-architecture */
	check_arch(
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\", \"subArchitectures\": [\"SCMP_ARCH_X32\"]}], \"syscalls\": []}",
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\", \"subArchitectures\": [\"SCMP_ARCH_X32\", \"SCMP_ARCH_X86\"]}], \"syscalls\": []}");
	/* no entry for the host: a new one */
	check_arch(
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"archMap\": [{\"architecture\": \"SCMP_ARCH_AARCH64\", \"subArchitectures\": null}], \"syscalls\": []}",
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"archMap\": [{\"architecture\": \"SCMP_ARCH_AARCH64\", \"subArchitectures\": null}, {\"architecture\": \"SCMP_ARCH_X86_64\", \"subArchitectures\": [\"SCMP_ARCH_X86\"]}], \"syscalls\": []}");
}

TEST(session_profile_allow_arch_refuses)
{
	struct profile *p = parse("{\"defaultAction\": \"SCMP_ACT_ERRNO\"}");
	struct err err = {""};

	CHECK_INT(profile_allow_arch(p, "SCMP_ARCH_X86_64", "SCMP_ARCH_NOPE",
				     &err),
		  -EINVAL);
	CHECK_CONTAINS(err.msg, "SCMP_ARCH_NOPE");
	/* the native one is always there */
	CHECK_INT(profile_allow_arch(p, "SCMP_ARCH_X86_64", "SCMP_ARCH_X86_64",
				     &err),
		  0);
	CHECK_INT(profile_edits(p), 0);
	profile_free(p);
}
