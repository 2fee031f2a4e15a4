// SPDX-License-Identifier: Apache-2.0
/*
 * profile: loading. Every fixture loads in its format without errors;
 * moby's own acceptance tests (TestLoadProfile, TestLoadLegacyProfile,
 * TestLoadProfileWith*, TestLoadProfileValidation) give the same model;
 * Go's decoding rules (case, duplicates, null, plain integers) hold.
 */
#include <stdlib.h>
#include <string.h>

#include "test_profile.h"

static const struct {
	const char *file;
	enum profile_format format;
	size_t nrules;
} fixtures[] = {
	{"moby-default.json", PROFILE_FORMAT_DOCKER, 33},
	{"moby-fixture-conditional_include.json", PROFILE_FORMAT_DOCKER, 3},
	{"moby-fixture-default-old-format.json", PROFILE_FORMAT_DOCKER, 311},
	{"moby-fixture-example.json", PROFILE_FORMAT_DOCKER, 4},
	{"moby-oci-fixture-default.json", PROFILE_FORMAT_DOCKER, 26},
	{"moby-oci-fixture-example.json", PROFILE_FORMAT_DOCKER, 3},
	{"podman-default.json", PROFILE_FORMAT_CONTAINERS, 40},
	{"podman-default-containers-common.json", PROFILE_FORMAT_CONTAINERS,
	 40},
	/* the old containers/common layout has nothing podman-only in it */
	{"podman-fixture-example.json", PROFILE_FORMAT_DOCKER, 24},
	/* bare OCI linux.seccomp objects read as Docker profiles */
	{"runc-seccomp_syscall_test1.json", PROFILE_FORMAT_DOCKER, 8},
	{"runc-seccomp_syscall_test2.json", PROFILE_FORMAT_DOCKER, 1},
};

TEST(profile_fixtures_load_in_their_format_without_errors)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fixtures); i++) {
		struct profile *p = tp_load(fixtures[i].file);
		char rel[128];
		size_t len;
		char *text;

		CHECK_STR(profile_format_name(p->format),
			  profile_format_name(fixtures[i].format));
		CHECK_INT(p->nrules, fixtures[i].nrules);
		if (profile_has_errors(p))
			test_fail(__FILE__, __LINE__, "%s:\n%s",
				  fixtures[i].file, tp_diags(p));
		CHECK(!p->unconfined);
		snprintf(rel, sizeof(rel), "profiles/%s", fixtures[i].file);
		text = tp_read(test_data(rel), &len);
		CHECK_INT(p->len, len);
		CHECK(!memcmp(p->text, text, len));
		CHECK(!profile_is_modified(p));
		free(text);
		profile_free(p);
	}
}

TEST(profile_schema_files_are_not_profiles)
{
	size_t i;

	for (i = 0; i < tp_nfiles; i++) {
		struct profile *q = NULL;
		struct err e;
		char rel[128];

		snprintf(rel, sizeof(rel), "profiles/%s", tp_files[i].name);
		CHECK_INT(profile_load(test_data(rel), PROFILE_FORMAT_AUTO, &q,
				       &e) == 0,
			  tp_files[i].profile);
		profile_free(q);
	}

	struct profile *p = NULL;
	struct err err;

	CHECK_INT(profile_load(test_data("profiles/oci-schema-defs.json"),
			       PROFILE_FORMAT_AUTO, &p, &err),
		  -22);
	CHECK_CONTAINS(err.msg,
		       "oci-schema-defs.json:1:1: expected a seccomp profile");
	/* a top-level "linux" makes it a config.json, one without seccomp */
	p = tp_load("oci-schema-config-linux.json");
	CHECK_INT(p->format, PROFILE_FORMAT_OCI);
	CHECK(p->unconfined);
	CHECK(!profile_has_errors(p));
	CHECK_DIAG(p, "", PROFILE_WARNING, 1, 1, "no linux.seccomp");
	profile_free(p);
}

static void check_rule(const struct profile_rule *r, const char *name,
		       enum profile_action action, size_t nargs)
{
	REQUIRE(r->nnames == 1);
	CHECK_STR(r->names[0], name);
	CHECK_INT(r->action, action);
	CHECK_INT(r->nargs, nargs);
}

/* moby TestLoadProfile */
TEST(profile_moby_load_profile_example)
{
	struct profile *p = tp_load("moby-fixture-example.json");

	CHECK_INT(p->default_action, PROFILE_ACT_ERRNO);
	CHECK(p->has_default_errno);
	CHECK_INT(p->default_errno, 1);
	CHECK_INT(p->narchitectures, 0);
	REQUIRE(p->nrules == 4);
	check_rule(&p->rules[0], "clone", PROFILE_ACT_ALLOW, 1);
	CHECK(p->rules[0].legacy_name);
	CHECK_INT(p->rules[0].args[0].index, 0);
	CHECK_U64(p->rules[0].args[0].value, 2114060288);
	CHECK_U64(p->rules[0].args[0].value_two, 0);
	CHECK_INT(p->rules[0].args[0].op, PROFILE_OP_MASKED_EQ);
	check_rule(&p->rules[1], "open", PROFILE_ACT_ALLOW, 0);
	check_rule(&p->rules[2], "close", PROFILE_ACT_ALLOW, 0);
	check_rule(&p->rules[3], "syslog", PROFILE_ACT_ERRNO, 0);
	CHECK(p->rules[3].has_errno);
	CHECK_INT(p->rules[3].errno_ret, 12345);
	CHECK(!p->rules[1].has_errno);
	CHECK_INT(p->rules[3].index, 3);
	CHECK_INT(p->rules[3].line, 27);
	CHECK_INT(p->rules[3].column, 9);
	profile_free(p);
}

/* moby TestLoadLegacyProfile */
TEST(profile_moby_load_legacy_profile)
{
	struct profile *p = tp_load("moby-fixture-default-old-format.json");

	CHECK_INT(p->default_action, PROFILE_ACT_ERRNO);
	REQUIRE(p->narchitectures == 3);
	CHECK_STR(p->architectures[0], "SCMP_ARCH_X86_64");
	CHECK_STR(p->architectures[1], "SCMP_ARCH_X86");
	CHECK_STR(p->architectures[2], "SCMP_ARCH_X32");
	REQUIRE(p->nrules == 311);
	check_rule(&p->rules[0], "accept", PROFILE_ACT_ALLOW, 0);
	CHECK(p->rules[0].legacy_name);
	profile_free(p);
}

/* moby TestLoadProfileWithDefaultErrnoRet, ...WithListenerPath, ...WithFlag */
TEST(profile_moby_load_profile_fields)
{
	struct profile *p;

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":6}",
		PROFILE_FORMAT_AUTO);
	CHECK_INT(p->default_action, PROFILE_ACT_ERRNO);
	CHECK(p->has_default_errno);
	CHECK_INT(p->default_errno, 6);
	CHECK_INT(p->nrules, 0);
	CHECK(!p->has_flags);
	CHECK_INT(p->ndiags, 0);
	profile_free(p);

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"listenerPath\":\"/var/run/seccompaget.sock\",\"listenerMetadata\":\"opaque-metadata\"}",
		PROFILE_FORMAT_AUTO);
	CHECK_STR(p->listener_path, "/var/run/seccompaget.sock");
	CHECK_STR(p->listener_metadata, "opaque-metadata");
	profile_free(p);

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"flags\":[\"SECCOMP_FILTER_FLAG_SPEC_ALLOW\",\"SECCOMP_FILTER_FLAG_LOG\"]}",
		PROFILE_FORMAT_AUTO);
	CHECK(p->has_flags);
	REQUIRE(p->nflags == 2);
	CHECK_STR(p->flags[0], "SECCOMP_FILTER_FLAG_SPEC_ALLOW");
	CHECK_STR(p->flags[1], "SECCOMP_FILTER_FLAG_LOG");
	CHECK(!profile_has_errors(p));
	profile_free(p);

	/* flags: [] is not absent (runc adds SPEC_ALLOW only when absent) */
	p = tp_parse("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"flags\":[]}",
		     PROFILE_FORMAT_AUTO);
	CHECK(p->has_flags);
	CHECK_INT(p->nflags, 0);
	profile_free(p);
}

/* moby TestLoadProfileValidation */
TEST(profile_moby_load_profile_validation)
{
	struct profile *p;

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"architectures\":[\"A\",\"B\",\"C\"],\"archMap\":[{\"architecture\":\"A\",\"subArchitectures\":[\"B\",\"C\"]}]}",
		PROFILE_FORMAT_AUTO);
	CHECK(profile_has_errors(p));
	CHECK_DIAG(
		p, "", PROFILE_ERROR, 1, 75,
		"both 'architectures' and 'archMap' are specified in the seccomp profile, use either 'architectures' or 'archMap'");
	profile_free(p);

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"name\":\"accept\",\"names\":[\"accept\"],\"action\":\"SCMP_ACT_ALLOW\"}]}",
		PROFILE_FORMAT_AUTO);
	CHECK_DIAG(
		p, "syscalls[0].name", PROFILE_ERROR, 1, 55,
		"both 'name' and 'names' are specified in the seccomp profile, use either 'name' or 'names'");
	profile_free(p);
}

TEST(profile_unconfined_like_docker)
{
	static const char *const texts[] = {
		"{}",
		"null",
		"{\"defaultAction\":\"\"}",
		"{\"defaultAction\":null}",
		"{\"syscalls\":[]}",
		"{\"syscalls\":null}",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		struct profile *p = tp_parse(texts[i], PROFILE_FORMAT_AUTO);

		CHECK(p->unconfined);
		CHECK(!profile_has_errors(p));
		profile_free(p);
	}
}

TEST(profile_go_keys_ignore_case_and_last_wins)
{
	struct profile *p;

	p = tp_parse(
		"{\"DefaultAction\":\"SCMP_ACT_ALLOW\",\"SYSCALLS\":[{\"NAMES\":[\"read\"],\"Action\":\"SCMP_ACT_ERRNO\"}]}",
		PROFILE_FORMAT_AUTO);
	CHECK_INT(p->default_action, PROFILE_ACT_ALLOW);
	REQUIRE(p->nrules == 1);
	check_rule(&p->rules[0], "read", PROFILE_ACT_ERRNO, 0);
	CHECK_INT(p->ndiags, 0);
	profile_free(p);

	p = tp_parse(
		"{\"defaultAction\":\"A\",\"defaultAction\":\"SCMP_ACT_KILL\",\"syscalls\":[{\"names\":[\"a\"],\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\"}]}",
		PROFILE_FORMAT_AUTO);
	CHECK_INT(p->default_action, PROFILE_ACT_KILL);
	check_rule(&p->rules[0], "read", PROFILE_ACT_ALLOW, 0);
	CHECK_DIAG(p, "defaultAction", PROFILE_WARNING, 1, 22,
		   "\"defaultAction\" given again: the last one wins");
	CHECK(!profile_has_errors(p));
	profile_free(p);

	/* a null leaves a string as it was */
	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_LOG\",\"defaultAction\":null}",
		PROFILE_FORMAT_AUTO);
	CHECK_INT(p->default_action, PROFILE_ACT_LOG);
	profile_free(p);
}

TEST(profile_go_duplicate_objects_merge)
{
	struct profile *p;

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"ptrace\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"caps\":[\"CAP_SYS_PTRACE\"]},\"includes\":{\"arches\":[\"amd64\"]}}]}",
		PROFILE_FORMAT_AUTO);
	REQUIRE(p->nrules == 1);
	CHECK(p->rules[0].includes.present);
	REQUIRE(p->rules[0].includes.ncaps == 1);
	CHECK_STR(p->rules[0].includes.caps[0], "CAP_SYS_PTRACE");
	REQUIRE(p->rules[0].includes.narches == 1);
	CHECK_STR(p->rules[0].includes.arches[0], "amd64");
	CHECK_DIAG(p, "syscalls[0].includes", PROFILE_WARNING, 1, 132,
		   "Go merges it into the first one");
	profile_free(p);

	/* a null pointer resets the condition; {} and null add none */
	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"ptrace\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"caps\":[\"CAP_SYS_PTRACE\"]},\"includes\":null,\"excludes\":{}}]}",
		PROFILE_FORMAT_AUTO);
	CHECK(!p->rules[0].includes.present);
	CHECK_INT(p->rules[0].includes.ncaps, 0);
	CHECK(p->rules[0].excludes.present);
	profile_free(p);
}

TEST(profile_go_null_and_empty_values)
{
	struct profile *p;

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":null,\"architectures\":null,\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":null,\"errnoRet\":null,\"comment\":null}]}",
		PROFILE_FORMAT_AUTO);
	CHECK(!p->has_default_errno);
	CHECK_INT(p->narchitectures, 0);
	REQUIRE(p->nrules == 1);
	CHECK_INT(p->rules[0].nargs, 0);
	CHECK(!p->rules[0].has_errno);
	CHECK(p->rules[0].comment == NULL);
	CHECK_INT(p->ndiags, 0);
	profile_free(p);
}

TEST(profile_go_unsigned_fields_take_plain_integers)
{
	static const struct {
		const char *value, *message;
	} cases[] = {
		{"-1", "expected a non-negative integer, found -1"},
		{"1.0", "found 1.0 (Go takes no sign, fraction or exponent"},
		{"1e2", "found 1e2"},
		{"-0", "found -0"},
		{"\"1\"", "expected a non-negative integer, found a string"},
		{"true", "expected a non-negative integer, found a boolean"},
		{"18446744073709551616", "does not fit in 64 bits"},
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char text[256];
		struct profile *p;

		snprintf(
			text, sizeof(text),
			"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":%s}",
			cases[i].value);
		p = tp_parse(text, PROFILE_FORMAT_AUTO);
		CHECK_DIAG(p, "defaultErrnoRet", PROFILE_ERROR, 1, 53,
			   cases[i].message);
		profile_free(p);
	}
}

TEST(profile_args_values_are_64_bit)
{
	struct profile *p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"ioctl\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":5,\"value\":18446744073709551615,\"valueTwo\":18446744073709551615,\"op\":\"SCMP_CMP_MASKED_EQ\"}]}]}",
		PROFILE_FORMAT_AUTO);

	REQUIRE(p->nrules == 1 && p->rules[0].nargs == 1);
	CHECK_INT(p->rules[0].args[0].index, 5);
	CHECK_U64(p->rules[0].args[0].value, UINT64_MAX);
	CHECK_U64(p->rules[0].args[0].value_two, UINT64_MAX);
	CHECK_INT(p->ndiags, 0);
	profile_free(p);
}

TEST(profile_podman_default_errno_names)
{
	struct profile *p = tp_load("podman-default.json");
	size_t i, named = 0;

	CHECK_INT(p->format, PROFILE_FORMAT_CONTAINERS);
	CHECK_INT(p->default_action, PROFILE_ACT_ERRNO);
	CHECK(p->has_default_errno);
	CHECK_INT(p->default_errno, 38);
	for (i = 0; i < p->nrules; i++) {
		if (!p->rules[i].has_errno)
			continue;
		named++;
		CHECK(p->rules[i].errno_ret == 1 ||
		      p->rules[i].errno_ret == 22 ||
		      p->rules[i].errno_ret == 38);
	}
	CHECK_INT(named, 14);
	profile_free(p);
}

TEST(profile_containers_errno_name_wins)
{
	struct profile *p;

	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":1,\"defaultErrno\":\"ENOSYS\",\"syscalls\":[{\"names\":[\"bpf\"],\"action\":\"SCMP_ACT_ERRNO\",\"errno\":\"38\"}]}",
		PROFILE_FORMAT_AUTO);
	CHECK_INT(p->format, PROFILE_FORMAT_CONTAINERS);
	CHECK_INT(p->default_errno, 38);
	CHECK_INT(p->rules[0].errno_ret, 38);
	CHECK_DIAG(
		p, "defaultErrno", PROFILE_WARNING, 1, 70,
		"defaultErrno says 38 but defaultErrnoRet says 1: podman uses the name, Docker the number");
	profile_free(p);

	/* the same text read as Docker's: the names are not Docker's keys */
	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":1,\"defaultErrno\":\"ENOSYS\"}",
		PROFILE_FORMAT_DOCKER);
	CHECK_INT(p->default_errno, 1);
	CHECK_DIAG(
		p, "defaultErrno", PROFILE_WARNING, 1, 55,
		"\"defaultErrno\" is a containers/common (podman) key: Docker ignores it");
	profile_free(p);
}

TEST(profile_oci_config_json)
{
	struct profile *p = tp_parse(
		"{\n  \"ociVersion\": \"1.2.0\",\n  \"process\": {\"args\": [\"sh\"]},\n  \"linux\": {\n    \"namespaces\": [],\n    \"seccomp\": {\n      \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
		"      \"archMap\": [],\n      \"syscalls\": [\n        {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALOW\"}\n      ]\n    }\n  }\n}\n",
		PROFILE_FORMAT_AUTO);

	CHECK_INT(p->format, PROFILE_FORMAT_OCI);
	REQUIRE(p->nrules == 1);
	CHECK_DIAG(
		p, "linux.seccomp.syscalls[0].action", PROFILE_ERROR, 10, 39,
		"unknown action \"SCMP_ACT_ALOW\" (did you mean \"SCMP_ACT_ALLOW\"?)");
	CHECK_DIAG(
		p, "linux.seccomp.archMap", PROFILE_WARNING, 8, 7,
		"is a Docker profile key: runc and crun ignore it in config.json");
	profile_free(p);

	/* forced OCI on a bare linux.seccomp object: OCI's keys only */
	p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"name\":\"read\",\"action\":\"SCMP_ACT_ALLOW\"}]}",
		PROFILE_FORMAT_OCI);
	REQUIRE(p->nrules == 1);
	CHECK_INT(p->rules[0].nnames, 0);
	CHECK_DIAG(p, "syscalls[0].name", PROFILE_WARNING, 1, 48,
		   "is a Docker profile key");
	profile_free(p);
}
