// SPDX-License-Identifier: Apache-2.0
/*
 * profile: the upstream acceptance checks of containers/common
 * (TestValidateProfile, TestSpecToSeccomp, TestLoad*Profile) and runc
 * (specconv TestSetupSeccomp, seccomp.bats) that apply to a loader, with
 * the same inputs.
 */
#include <string.h>

#include "seccompdbg/resolve.h"
#include "test_profile.h"

/* containers/common TestValidateProfile */
TEST(profile_containers_validate_profile)
{
	const char *text;
	struct profile *p;

	p = tp_parse("{\"defaultAction\":\"SCMP_ACT_KILL\"}",
		     PROFILE_FORMAT_CONTAINERS);
	CHECK(!profile_has_errors(p));
	CHECK_INT(p->default_action, PROFILE_ACT_KILL);
	profile_free(p);

	CHECK_CONTAINS(tp_refuse("wrong", PROFILE_FORMAT_CONTAINERS),
		       "t.json:1:1: expected a value, found 'w'");

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_KILL\",\"architectures\":[\"SCMP_ARCH_X86\"],\"archMap\":[{\"architecture\":\"SCMP_ARCH_X86_64\"}]}",
		PROFILE_FORMAT_CONTAINERS);
	CHECK_CONTAINS(
		tp_diags(p),
		"'architectures' and 'archMap' were specified in the seccomp profile");
	profile_free(p);

	/* {"name":"open"} with no action */
	text = "{\"defaultAction\":\"SCMP_ACT_KILL\",\"syscalls\":[{\"name\":\"open\"}]}";
	p = tp_parse(text, PROFILE_FORMAT_CONTAINERS);
	CHECK_DIAG(p, "syscalls[0].action", PROFILE_ERROR, 1,
		   tp_col(text, "{\"name"), "missing action");
	profile_free(p);
}

/* containers/common TestSpecToSeccomp: wrong arch, op, default action */
TEST(profile_containers_spec_to_seccomp_errors)
{
	struct profile *p;

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"architectures\":[\"wrong\"],\"syscalls\":[{\"names\":[\"open\",\"rmdir\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":5,\"args\":[{\"index\":0,\"value\":1,\"op\":\"wrong\"}]}]}",
		PROFILE_FORMAT_CONTAINERS);
	CHECK(tp_diag(p, "architectures[0]") != NULL);
	CHECK(tp_diag(p, "syscalls[0].args[0].op") != NULL);
	REQUIRE(p->nrules == 1);
	CHECK_INT(p->rules[0].nnames, 2);
	CHECK_INT(p->rules[0].errno_ret, 5);
	profile_free(p);

	p = tp_parse(
		"{\"syscalls\":[{\"names\":[\"open\"],\"action\":\"SCMP_ACT_ALLOW\"}]}",
		PROFILE_FORMAT_CONTAINERS);
	CHECK(tp_diag(p, "defaultAction") != NULL);
	profile_free(p);
}

/* runc specconv TestSetupSeccomp: every action converts 1:1 */
TEST(profile_runc_setup_seccomp)
{
	static const struct {
		const char *action;
		enum profile_action want;
		unsigned errno_ret; /* 0: none */
	} rules[] = {
		{"SCMP_ACT_KILL", PROFILE_ACT_KILL, 0},
		{"SCMP_ACT_ERRNO", PROFILE_ACT_ERRNO, 0},
		{"SCMP_ACT_ERRNO", PROFILE_ACT_ERRNO, 55},
		{"SCMP_ACT_TRAP", PROFILE_ACT_TRAP, 0},
		{"SCMP_ACT_TRACE", PROFILE_ACT_TRACE, 0},
		{"SCMP_ACT_LOG", PROFILE_ACT_LOG, 0},
		{"SCMP_ACT_NOTIFY", PROFILE_ACT_NOTIFY, 0},
		{"SCMP_ACT_KILL_THREAD", PROFILE_ACT_KILL_THREAD, 0},
		{"SCMP_ACT_KILL_PROCESS", PROFILE_ACT_KILL_PROCESS, 0},
		{"SCMP_ACT_ALLOW", PROFILE_ACT_ALLOW, 0},
	};
	struct strbuf sb = STRBUF_INIT;
	const char *text;
	struct profile *p;
	size_t i;

	strbuf_adds(
		&sb,
		"{\"linux\":{\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"architectures\":[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_ARM\"],\"listenerPath\":\"/var/run/listener.sock\",\"listenerMetadata\":\"metadata\",\"syscalls\":[");
	for (i = 0; i < ARRAY_SIZE(rules); i++) {
		strbuf_addf(&sb, "%s{\"names\":[\"mknod\"],\"action\":\"%s\"",
			    i ? "," : "", rules[i].action);
		if (rules[i].errno_ret)
			strbuf_addf(&sb, ",\"errnoRet\":%u",
				    rules[i].errno_ret);
		if (rules[i].want == PROFILE_ACT_ALLOW)
			strbuf_adds(
				&sb,
				",\"args\":[{\"index\":0,\"value\":1,\"valueTwo\":1,\"op\":\"SCMP_CMP_MASKED_EQ\"}]");
		strbuf_addc(&sb, '}');
	}
	strbuf_adds(&sb, "]}}}");
	p = tp_parse(strbuf_str(&sb), PROFILE_FORMAT_AUTO);
	CHECK_INT(p->format, PROFILE_FORMAT_OCI);
	CHECK_STR(p->listener_path, "/var/run/listener.sock");
	CHECK_STR(p->listener_metadata, "metadata");
	REQUIRE(p->narchitectures == 2);
	REQUIRE(p->nrules == ARRAY_SIZE(rules));
	for (i = 0; i < ARRAY_SIZE(rules); i++) {
		CHECK_INT(p->rules[i].action, rules[i].want);
		CHECK_INT(p->rules[i].has_errno, rules[i].errno_ret != 0);
		CHECK_INT(p->rules[i].errno_ret, rules[i].errno_ret);
	}
	CHECK_INT(p->rules[9].args[0].op, PROFILE_OP_MASKED_EQ);
	CHECK(!profile_has_errors(p));
	profile_free(p);
	strbuf_release(&sb);

	text = "{\"linux\":{\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"architectures\":[\"SCMP_ARCH_NON_EXISTENT_ARCH\"]}}}";
	p = tp_parse(text, PROFILE_FORMAT_AUTO);
	CHECK_DIAG(p, "linux.seccomp.architectures[0]", PROFILE_ERROR, 1,
		   tp_col(text, "\"SCMP_ARCH_NON"),
		   "unknown architecture \"SCMP_ARCH_NON_EXISTENT_ARCH\"");
	profile_free(p);
}

/* runc seccomp.bats: the test profiles, errnoRet, flags */
TEST(profile_runc_bats_profiles)
{
	struct profile *p;
	struct err err;

	REQUIRE(profile_load(
			test_data("profiles/runc-seccomp_syscall_test2.json"),
			PROFILE_FORMAT_OCI, &p, &err) == 0);
	CHECK_INT(p->format, PROFILE_FORMAT_OCI);
	CHECK(p->has_default_errno);
	CHECK_INT(p->default_errno, 6); /* ENXIO */
	CHECK(!p->has_flags);
	CHECK_STR(profile_path_prefix(p), "");
	profile_free(p);

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\",\"mkdirat\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":100}]}",
		PROFILE_FORMAT_OCI);
	CHECK_INT(p->rules[0].errno_ret, 100); /* ENETDOWN */
	CHECK_INT(p->ndiags, 0);
	profile_free(p);

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"flags\":[\"SECCOMP_FILTER_FLAG_LOG\"],\"syscalls\":[{\"names\":[\"close_range\",\"fsopen\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":38}]}",
		PROFILE_FORMAT_OCI);
	CHECK(p->has_flags);
	CHECK_INT(p->nflags, 1);
	CHECK_INT(p->ndiags, 0);
	profile_free(p);
}
