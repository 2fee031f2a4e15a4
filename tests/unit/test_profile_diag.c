// SPDX-License-Identifier: Apache-2.0
/*
 * profile: bad input. Each refusal of Docker's, podman's, runc's or crun's
 * loader is an error with its JSON path and line:column; what they ignore
 * is a warning; all findings are collected, not only the first.
 */
#include <stdlib.h>
#include <string.h>

#include "test_profile.h"

/* A profile whose only rule is RULE (a JSON object's inside). */
static struct profile *with_rule(const char *rule, enum profile_format f)
{
	char text[1024];

	snprintf(text, sizeof(text),
		 "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{%s}]}",
		 rule);
	return tp_parse(text, f);
}

/* Column of the first NEEDLE in with_rule(RULE)'s text. */
static unsigned col_in_rule(const char *rule, const char *needle)
{
	const char *head =
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{";
	const char *at = strstr(rule, needle);

	REQUIRE(at);
	return (unsigned)(strlen(head) + (size_t)(at - rule) + 1);
}

#define CHECK_RULE_DIAG(rule, f, path, sev, needle, msg)          \
	do {                                                      \
		struct profile *p_ = with_rule((rule), (f));      \
		CHECK_DIAG(p_, (path), (sev), 1,                  \
			   col_in_rule((rule), (needle)), (msg)); \
		profile_free(p_);                                 \
	} while (0)

TEST(profile_diag_unknown_action_op_arch_flag)
{
	const char *text;
	struct profile *p;

	CHECK_RULE_DIAG(
		"\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALOW\"",
		PROFILE_FORMAT_AUTO, "syscalls[0].action", PROFILE_ERROR,
		"\"SCMP_ACT_ALOW\"",
		"unknown action \"SCMP_ACT_ALOW\" (did you mean \"SCMP_ACT_ALLOW\"?)");
	CHECK_RULE_DIAG("\"names\":[\"read\"],\"action\":\"scmp_act_allow\"",
			PROFILE_FORMAT_AUTO, "syscalls[0].action",
			PROFILE_ERROR, "\"scmp",
			"(did you mean \"SCMP_ACT_ALLOW");
	CHECK_RULE_DIAG(
		"\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,\"value\":1,\"op\":\"SCMP_CMP_EQQ\"}]",
		PROFILE_FORMAT_AUTO, "syscalls[0].args[0].op", PROFILE_ERROR,
		"\"SCMP_CMP_EQQ\"",
		"unknown operator \"SCMP_CMP_EQQ\" (did you mean \"SCMP_CMP_EQ\"?)");
	CHECK_RULE_DIAG(
		"\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,\"value\":1}]",
		PROFILE_FORMAT_AUTO, "syscalls[0].args[0].op", PROFILE_ERROR,
		"{\"index\"", "missing op");

	text = "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"architectures\":[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_X8664\",\"amd64\"],\"flags\":[\"SECCOMP_FILTER_FLAG_SPEC_ALOW\"]}";
	p = tp_parse(text, PROFILE_FORMAT_AUTO);
	CHECK_DIAG(
		p, "architectures[1]", PROFILE_ERROR, 1,
		tp_col(text, "\"SCMP_ARCH_X8664"),
		"unknown architecture \"SCMP_ARCH_X8664\" (did you mean \"SCMP_ARCH_X86_64\"?)");
	CHECK_DIAG(p, "architectures[2]", PROFILE_ERROR, 1,
		   tp_col(text, "\"amd64"), "unknown architecture \"amd64\"");
	CHECK_DIAG(
		p, "flags[0]", PROFILE_ERROR, 1, tp_col(text, "\"SECCOMP_"),
		"unknown flag \"SECCOMP_FILTER_FLAG_SPEC_ALOW\": runc and crun refuse it (did you mean \"SECCOMP_FILTER_FLAG_SPEC_ALLOW\"?)");
	profile_free(p);

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"archMap\":[{\"architecture\":\"SCMP_ARCH_X86_64\",\"subArchitectures\":[\"SCMP_ARCH_I386\"]}]}",
		PROFILE_FORMAT_AUTO);
	CHECK_DIAG(p, "archMap[0].subArchitectures[0]", PROFILE_ERROR, 1, 101,
		   "unknown architecture \"SCMP_ARCH_I386\"");
	profile_free(p);
}

TEST(profile_diag_default_action)
{
	struct profile *p;

	p = tp_parse(
		"{\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\"}]}",
		PROFILE_FORMAT_AUTO);
	CHECK_DIAG(p, "defaultAction", PROFILE_ERROR, 1, 1,
		   "missing defaultAction");
	CHECK(!p->unconfined);
	profile_free(p);

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_NOTIFY\",\"listenerPath\":\"/run/l.sock\"}",
		PROFILE_FORMAT_AUTO);
	CHECK_DIAG(p, "defaultAction", PROFILE_ERROR, 1, 18,
		   "SCMP_ACT_NOTIFY cannot be used as default action");
	profile_free(p);

	p = tp_parse("{\"defaultAction\":\"SCMP_ACT_KIL\"}",
		     PROFILE_FORMAT_AUTO);
	CHECK_DIAG(p, "defaultAction", PROFILE_ERROR, 1, 18,
		   "(did you mean \"SCMP_ACT_KILL\"?)");
	profile_free(p);
}

TEST(profile_diag_null_rule_and_wrong_types)
{
	struct profile *p;

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[\n"
		"  null,\n  \"read\",\n  {\"names\":\"read\",\"action\":1,\"includes\":[],\"args\":{}}\n]}",
		PROFILE_FORMAT_AUTO);
	REQUIRE(p->nrules == 3); /* the slots stay: ids are positions */
	CHECK_INT(p->rules[2].index, 2);
	CHECK_DIAG(p, "syscalls[0]", PROFILE_ERROR, 2, 3, "null rule");
	CHECK_DIAG(p, "syscalls[1]", PROFILE_ERROR, 3, 3,
		   "expected an object (a rule), found a string");
	CHECK_DIAG(p, "syscalls[2].names", PROFILE_ERROR, 4, 12,
		   "expected an array of strings, found a string");
	CHECK_DIAG(p, "syscalls[2].action", PROFILE_ERROR, 4, 28,
		   "expected a string, found a number");
	CHECK_DIAG(p, "syscalls[2].includes", PROFILE_ERROR, 4, 41,
		   "expected an object, found an array");
	CHECK_DIAG(p, "syscalls[2].args", PROFILE_ERROR, 4, 51,
		   "expected an array of objects, found an object");
	profile_free(p);

	p = tp_parse("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":{}}",
		     PROFILE_FORMAT_AUTO);
	CHECK_DIAG(p, "syscalls", PROFILE_ERROR, 1, 46,
		   "expected an array of rules, found an object");
	profile_free(p);

	CHECK_RULE_DIAG("\"names\":[\"read\",7],\"action\":\"SCMP_ACT_ALLOW\"",
			PROFILE_FORMAT_AUTO, "syscalls[0].names[1]",
			PROFILE_ERROR, "7",
			"expected a string, found a number");
	CHECK_RULE_DIAG(
		"\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[null]",
		PROFILE_FORMAT_AUTO, "syscalls[0].args[0]", PROFILE_ERROR,
		"null]", "null argument");
}

TEST(profile_diag_argument_index_and_masks)
{
	CHECK_RULE_DIAG(
		"\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":6,\"value\":1,\"op\":\"SCMP_CMP_EQ\"}]",
		PROFILE_FORMAT_AUTO, "syscalls[0].args[0].index", PROFILE_ERROR,
		"6,",
		"argument index 6 is out of range: system calls have arguments 0 to 5");
	CHECK_RULE_DIAG(
		"\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,\"value\":1,\"valueTwo\":2,\"op\":\"SCMP_CMP_MASKED_EQ\"}]",
		PROFILE_FORMAT_AUTO, "syscalls[0].args[0].op", PROFILE_WARNING,
		"\"SCMP_CMP_MASKED_EQ\"", "(arg & 0x1) == 0x2 can never hold");
	CHECK_RULE_DIAG(
		"\"names\":[\"socket\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,\"value\":2,\"op\":\"SCMP_CMP_EQ\"},{\"index\":0,\"value\":10,\"op\":\"SCMP_CMP_EQ\"}]",
		PROFILE_FORMAT_AUTO, "syscalls[0].args[1]", PROFILE_WARNING,
		"{\"index\":0,\"value\":10", "they combine with OR, not AND");
}

TEST(profile_diag_errno_values)
{
	CHECK_RULE_DIAG(
		"\"names\":[\"read\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":65536",
		PROFILE_FORMAT_AUTO, "syscalls[0].errnoRet", PROFILE_ERROR,
		"65536",
		"errno 65536 is out of range: the kernel keeps 16 bits (0 to 65535), runc would make it 0");
	CHECK_RULE_DIAG(
		"\"names\":[\"read\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":0",
		PROFILE_FORMAT_AUTO, "syscalls[0].errnoRet", PROFILE_WARNING,
		"0", "returns 0 (success) without running");
	/* runc ignores errnoRet on ALLOW, crun (podman's runtime) refuses */
	CHECK_RULE_DIAG(
		"\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\",\"errnoRet\":1",
		PROFILE_FORMAT_DOCKER, "syscalls[0].errnoRet", PROFILE_WARNING,
		"1",
		"SCMP_ACT_ALLOW takes no errno: runc ignores it, crun refuses the profile");
	CHECK_RULE_DIAG(
		"\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\",\"errnoRet\":1",
		PROFILE_FORMAT_CONTAINERS, "syscalls[0].errnoRet",
		PROFILE_ERROR, "1", "crun refuses an errno on SCMP_ACT_ALLOW");
	CHECK_RULE_DIAG(
		"\"names\":[\"read\"],\"action\":\"SCMP_ACT_ERRNO\",\"errno\":\"EPRM\"",
		PROFILE_FORMAT_CONTAINERS, "syscalls[0].errno", PROFILE_ERROR,
		"\"EPRM\"",
		"unknown errno \"EPRM\": podman refuses the profile (did you mean \"EPERM\"?)");
	/* EINTR is an errno, but not in containers/common's table */
	CHECK_RULE_DIAG(
		"\"names\":[\"read\"],\"action\":\"SCMP_ACT_ERRNO\",\"errno\":\"EINTR\"",
		PROFILE_FORMAT_CONTAINERS, "syscalls[0].errno", PROFILE_ERROR,
		"\"EINTR\"", "unknown errno \"EINTR\"");
}

TEST(profile_diag_notify_rules_runc_refuses)
{
	const char *text =
		"{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"write\",\"mount\"],\"action\":\"SCMP_ACT_NOTIFY\"}]}";
	struct profile *p;

	p = tp_parse(text, PROFILE_FORMAT_AUTO);
	CHECK(profile_has_errors(p));
	CHECK_DIAG(p, "syscalls[0].action", PROFILE_ERROR, 1,
		   tp_col(text, "\"SCMP_ACT_NOTIFY"),
		   "SCMP_ACT_NOTIFY cannot be used for the write syscall");
	CHECK_CONTAINS(tp_diags(p), "SCMP_ACT_NOTIFY needs a listenerPath");
	profile_free(p);

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"listenerPath\":\"/run/s\",\"syscalls\":[{\"names\":[\"mount\"],\"action\":\"SCMP_ACT_NOTIFY\"}]}",
		PROFILE_FORMAT_AUTO);
	CHECK(!profile_has_errors(p));
	profile_free(p);
}

TEST(profile_diag_min_kernel_like_moby)
{
	static const struct {
		const char *value, *message;
	} bad[] = {
		{"3",
		 "invalid kernel version: 3, expected \"<kernel>.<major>\": json: cannot unmarshal number into Go value of type string"},
		{"3.12", "invalid kernel version: 3.12, expected"},
		{"true", "json: cannot unmarshal bool into Go value"},
		{"\"0.0\"",
		 "invalid kernel version: \"0.0\", expected \"<kernel>.<major>\": version cannot be 0.0"},
		{"\"3\"",
		 "invalid kernel version: \"3\", expected \"<kernel>.<major>\""},
		{"\".3\"", "strconv.ParseUint: parsing \"\": invalid syntax"},
		{"\"3.\"", "strconv.ParseUint: parsing \"\": invalid syntax"},
		{"\"true\"", "invalid kernel version: \"true\", expected"},
		{"\"3.12.1\\\"\"",
		 "invalid kernel version: \"3.12.1\\\"\", expected"},
		{"\"4.15abc\"",
		 "strconv.ParseUint: parsing \"15abc\": invalid syntax"},
		{"\"4.256\"", "parsing \"256\": value out of range"},
		{"\"-4.1\"", "parsing \"-4\": invalid syntax"},
	};
	static const struct {
		const char *value;
		unsigned k[2];
	} good[] = {
		{"\"0.5\"", {0, 5}},	     {"\"0.50\"", {0, 50}},
		{"\"5.0\"", {5, 0}},	     {"\"50.0\"", {50, 0}},
		{"\"4.15\"", {4, 15}},	     {"\"04.08\"", {4, 8}},
		{"\"255.255\"", {255, 255}},
	};
	char rule[256];
	struct profile *p;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(
			rule, sizeof(rule),
			"\"names\":[\"ptrace\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"minKernel\":%s}",
			bad[i].value);
		p = with_rule(rule, PROFILE_FORMAT_AUTO);
		CHECK_DIAG(p, "syscalls[0].includes.minKernel", PROFILE_ERROR,
			   1, col_in_rule(rule, bad[i].value), bad[i].message);
		profile_free(p);
	}
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		snprintf(
			rule, sizeof(rule),
			"\"names\":[\"ptrace\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"minKernel\":%s}",
			good[i].value);
		p = with_rule(rule, PROFILE_FORMAT_AUTO);
		CHECK_INT(p->ndiags, 0);
		CHECK(p->rules[0].includes.has_min_kernel);
		CHECK_INT(p->rules[0].includes.min_kernel[0], good[i].k[0]);
		CHECK_INT(p->rules[0].includes.min_kernel[1], good[i].k[1]);
		profile_free(p);
	}
	/* null: no condition; "": 0.0, with a warning */
	p = with_rule(
		"\"names\":[\"ptrace\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"minKernel\":null}",
		PROFILE_FORMAT_AUTO);
	CHECK(!p->rules[0].includes.has_min_kernel);
	CHECK_INT(p->ndiags, 0);
	profile_free(p);
	CHECK_RULE_DIAG(
		"\"names\":[\"ptrace\"],\"action\":\"SCMP_ACT_ALLOW\",\"excludes\":{\"minKernel\":\"\"}",
		PROFILE_FORMAT_AUTO, "syscalls[0].excludes.minKernel",
		PROFILE_WARNING, "\"\"}",
		"reads as 0.0, which every kernel reaches: the rule is always excluded");
	/* podman has no minKernel: ignored, whatever it holds */
	CHECK_RULE_DIAG(
		"\"names\":[\"ptrace\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"minKernel\":3}",
		PROFILE_FORMAT_CONTAINERS, "syscalls[0].includes.minKernel",
		PROFILE_WARNING, "\"minKernel\"",
		"\"minKernel\" is a Docker profile key: podman ignores it");
}

TEST(profile_diag_warnings_for_what_loaders_ignore)
{
	const char *text =
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRett\":1,\"syscalls\":[{\"names\":[\"opne\",\"read\",\"read\",\"socketcall\"],\"action\":\"SCMP_ACT_ALLOW\",\"coment\":\"x\",\"includes\":{\"caps\":[\"cap_sys_admin\",\"CAP_SYS_ADMN\"],\"arches\":[\"x86_64\"]}},{\"names\":[],\"action\":\"SCMP_ACT_ERRNO\"}]}";
	struct profile *p = tp_parse(text, PROFILE_FORMAT_AUTO);

	CHECK(!profile_has_errors(p));
	CHECK_DIAG(
		p, "defaultErrnoRett", PROFILE_WARNING, 1,
		tp_col(text, "\"defaultErrnoRett"),
		"unknown key \"defaultErrnoRett\" in a profile, ignored (did you mean \"defaultErrnoRet\"?)");
	CHECK_DIAG(
		p, "syscalls[0].names[0]", PROFILE_WARNING, 1,
		tp_col(text, "\"opne"),
		"unknown system call \"opne\": libseccomp does not know it, so runc and crun skip it (did you mean \"open\"?)");
	CHECK_DIAG(p, "syscalls[0].names[2]", PROFILE_WARNING, 1,
		   tp_col(text, "\"read\",\"socketcall"),
		   "listed twice in this rule");
	/* known on other architectures: kept, no warning */
	CHECK(tp_diag(p, "syscalls[0].names[3]") == NULL);
	CHECK_DIAG(p, "syscalls[0].coment", PROFILE_WARNING, 1,
		   tp_col(text, "\"coment"), "(did you mean \"comment\"?)");
	CHECK_DIAG(
		p, "syscalls[0].includes.caps[0]", PROFILE_WARNING, 1,
		tp_col(text, "\"cap_sys_admin"),
		"unknown capability \"cap_sys_admin\": capabilities are compared as written, so it never matches (did you mean \"CAP_SYS_ADMIN\"?)");
	CHECK_DIAG(p, "syscalls[0].includes.caps[1]", PROFILE_WARNING, 1,
		   tp_col(text, "\"CAP_SYS_ADMN"),
		   "(did you mean \"CAP_SYS_ADMIN\"?)");
	CHECK_DIAG(
		p, "syscalls[0].includes.arches[0]", PROFILE_NOTE, 1,
		tp_col(text, "\"x86_64"),
		"\"x86_64\" never matches: Docker compares arches with Go's names (amd64, arm64...) (did you mean \"amd64\"?)");
	CHECK_DIAG(p, "syscalls[1]", PROFILE_WARNING, 1,
		   tp_col(text, "{\"names\":[]"),
		   "a rule without names matches no system call");
	CHECK_CONTAINS(
		tp_diags(p),
		"syscalls[1]: the same action as defaultAction: runc and crun skip this rule");
	profile_free(p);
}

TEST(profile_diag_format_and_escaping)
{
	struct profile *p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\n\"syscalls\":[{\"names\":[\"\\u001b[31mred\"],\"action\":\"SCMP_ACT_ALLOW\"}]}",
		PROFILE_FORMAT_AUTO);
	struct strbuf sb = STRBUF_INIT;

	REQUIRE(p->ndiags == 1);
	profile_diag_format(p, &p->diags[0], &sb);
	/* the escape sequence reaches no terminal */
	CHECK_STR(
		strbuf_str(&sb),
		"t.json:2:23: warning: syscalls[0].names[0]: unknown system call \"\\x1b[31mred\": libseccomp does not know it, so runc and crun skip it");
	strbuf_release(&sb);
	profile_free(p);
}

TEST(profile_diag_all_findings_are_collected)
{
	struct profile *p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"a\"],\"action\":\"X\"},{\"names\":[\"b\"],\"action\":\"Y\"},{\"names\":[\"c\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":9,\"op\":\"Z\"}]}]}",
		PROFILE_FORMAT_AUTO);
	size_t i, errors = 0;

	for (i = 0; i < p->ndiags; i++)
		errors += p->diags[i].severity == PROFILE_ERROR;
	CHECK_INT(errors, 4);
	CHECK(tp_diag(p, "syscalls[0].action") != NULL);
	CHECK(tp_diag(p, "syscalls[1].action") != NULL);
	CHECK(tp_diag(p, "syscalls[2].args[0].index") != NULL);
	CHECK(tp_diag(p, "syscalls[2].args[0].op") != NULL);
	profile_free(p);
}

TEST(profile_diag_too_many_rules)
{
	struct strbuf sb = STRBUF_INIT;
	struct profile *p;
	size_t i;

	strbuf_adds(&sb,
		    "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[");
	for (i = 0; i < 65535; i++)
		strbuf_adds(&sb, i ? ",{}" : "{}");
	strbuf_adds(&sb, "]}");
	p = tp_parse(strbuf_str(&sb), PROFILE_FORMAT_AUTO);
	CHECK_DIAG(p, "syscalls", PROFILE_ERROR, 1, 46,
		   "65535 rules: at most 65534 fit");
	profile_free(p);
	strbuf_release(&sb);
}
