// SPDX-License-Identifier: Apache-2.0
/*
 * The diff command as a person (or CI) runs it: an edited copy of
 * Docker's default against the original, in text and JSON; the exit
 * statuses; an ABI one profile leaves out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/doc.h"
#include "seccompdbg/profile.h"
#include "test_cli.h"

/*
 * Docker's default with unshare allowed, clone allowed whenever it has
 * CLONE_NEWUSER, and mkdir taken tc_out, written to a temporary file.
 */
static char *edited_copy(void)
{
	struct profile *p = tc_load("moby-default.json");
	struct profile_arg userns = {0, PROFILE_OP_MASKED_EQ, 0x10000000,
				     0x10000000};
	char path[] = "/tmp/sdbg-diff-XXXXXX";
	const char *mkdir_line = "\t\t\t\t\"mkdir\",\n";
	struct err e;
	char *at;
	int fd;

	REQUIRE(profile_allow_syscall(p, "unshare", &e) == 0);
	REQUIRE(profile_allow_with_args(p, "clone", &userns, 1, "userns", &e) ==
		0);
	at = strstr(p->text, mkdir_line);
	REQUIRE(at);
	memmove(at, at + strlen(mkdir_line),
		strlen(at + strlen(mkdir_line)) + 1);
	fd = mkstemp(path);
	REQUIRE(fd >= 0);
	REQUIRE(write(fd, p->text, strlen(p->text)) ==
		(ssize_t)strlen(p->text));
	close(fd);
	profile_free(p);
	return xstrdup(path);
}

#define MOBY "tests/data/profiles/moby-default.json"

TEST(diff_edited_copy_of_docker_default)
{
	char *copy = edited_copy();
	struct doc *v = NULL;
	struct err e;

	CHECK_INT(tc_run("diff %s %s", MOBY, copy), 1);
	CHECK_CONTAINS(tc_out, "--- " MOBY "\n+++ /tmp/sdbg-diff-");
	/* clone with every namespace flag has CLONE_NEWUSER too */
	CHECK_CONTAINS(tc_out, "\nSCMP_ACT_ERRNO(EPERM) -> SCMP_ACT_ALLOW\n"
			       "  clone with 0x7e020000  (x86_64 x86 x32)\n"
			       "  clone with CLONE_NEWUSER  (x86_64 x86 x32)\n"
			       "  unshare  (x86_64 x86 x32)\n"
			       "SCMP_ACT_ALLOW -> SCMP_ACT_ERRNO(EPERM)\n"
			       "  mkdir  (x86_64 x86 x32)\n"
			       "4 changes (1170 calls, ");
	/* the other way round, the same changes reversed */
	CHECK_INT(tc_run("diff %s %s", copy, MOBY), 1);
	CHECK_CONTAINS(tc_out,
		       "\nSCMP_ACT_ALLOW -> SCMP_ACT_ERRNO(EPERM)\n"
		       "  clone with 0x7e020000  (x86_64 x86 x32)\n"
		       "  clone with CLONE_NEWUSER  (x86_64 x86 x32)\n");
	CHECK_INT(tc_run("diff --json %s %s", MOBY, copy), 1);
	REQUIRE(doc_parse_json("tc_out", tc_out, strlen(tc_out), &v, &e) == 0);
	CHECK(doc_get(v, "same") &&
	      !strcmp(tc_out + strlen(tc_out) - 2, "}\n"));
	CHECK_CONTAINS(tc_out, "\t\"same\": false,\n");
	CHECK_CONTAINS(tc_out,
		       "\t\t\t\"syscall\": \"unshare\",\n"
		       "\t\t\t\"abis\": [\n\t\t\t\t\"x86_64\",\n"
		       "\t\t\t\t\"x86\",\n\t\t\t\t\"x32\"\n\t\t\t],\n"
		       "\t\t\t\"arguments\": null,\n"
		       "\t\t\t\"a\": {\n"
		       "\t\t\t\t\"verdict\": \"SCMP_ACT_ERRNO(EPERM)\",\n"
		       "\t\t\t\t\"action\": \"SCMP_ACT_ERRNO\",\n"
		       "\t\t\t\t\"errno\": 1,\n"
		       "\t\t\t\t\"rule\": \"defaultAction\"\n"
		       "\t\t\t},\n"
		       "\t\t\t\"b\": {\n"
		       "\t\t\t\t\"verdict\": \"SCMP_ACT_ALLOW\",\n"
		       "\t\t\t\t\"action\": \"SCMP_ACT_ALLOW\",\n"
		       "\t\t\t\t\"errno\": null,\n"
		       "\t\t\t\t\"rule\": \"syscalls[0]\"\n");
	CHECK_CONTAINS(tc_out, "\"text\": \"CLONE_NEWUSER\"");
	doc_free(v);
	/* with CAP_SYS_ADMIN Docker's default allows unshare already */
	CHECK_INT(tc_run("diff --cap sys_admin %s %s", MOBY, copy), 1);
	CHECK(!strstr(tc_out, "  unshare  "));
	unlink(copy);
	free(copy);
}

TEST(diff_exit_statuses)
{
	CHECK_INT(tc_run("diff %s %s", MOBY, MOBY), 0);
	CHECK_CONTAINS(tc_out, "0 changes (");
	CHECK_INT(tc_run("diff --json %s %s", MOBY, MOBY), 0);
	CHECK_CONTAINS(tc_out, "\t\"same\": true,\n");
	CHECK_CONTAINS(tc_out, "\t\"changes\": []\n}\n");
	CHECK_INT(tc_run("diff %s", MOBY), 2);
	CHECK_CONTAINS(tc_err, "usage: seccompdbg diff");
	CHECK_INT(tc_run("diff %s /nonexistent.json", MOBY), 2);
	CHECK_CONTAINS(tc_err, "/nonexistent.json");
	CHECK_INT(tc_run("diff tests/data/check/bad-action.json %s", MOBY), 2);
	CHECK_CONTAINS(tc_err, "bad-action.json:4:34: error: ");
	CHECK_INT(tc_run("diff --help"), 0);
	CHECK_CONTAINS(tc_out, "--json");
}

TEST(diff_abi_left_out)
{
	CHECK_INT(tc_run("diff tests/data/check/no-exit.json %s", MOBY), 1);
	CHECK_CONTAINS(tc_out,
		       "x86: " MOBY " lets its calls reach the rules, "
		       "tests/data/check/no-exit.json gives every one the "
		       "bad-architecture action (SCMP_ACT_KILL_THREAD)\n");
	/* and its calls are not listed one by one */
	CHECK(!strstr(tc_out, "(x86)"));
}
