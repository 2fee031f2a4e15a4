// SPDX-License-Identifier: Apache-2.0
/*
 * resolve: a profile as Docker/podman and runc hand it to libseccomp for
 * one capability set, architecture and kernel. Docker's default on x86_64
 * with Docker's caps, with CAP_SYS_ADMIN and on kernel 4.4; moby's
 * TestLoadConditional and TestParseRelease; archMap; podman's default.
 */
#include <linux/audit.h>
#include <linux/capability.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/resolve.h"
#include "seccompdbg/sysent.h"
#include "test_profile.h"

static struct resolve_result *resolve(const struct profile *p,
				      const struct resolve_env *env)
{
	struct resolve_result *r = NULL;
	struct err err = {""};

	if (resolve_profile(p, env, &r, &err) < 0) {
		test_fail(__FILE__, __LINE__, "%s", err.msg);
		test_end();
	}
	return r;
}

/* An x86_64 host on kernel 6.18 with CAPS (NULL: Docker's default). */
static void env_x86_64(struct resolve_env *env, const char *const *caps,
		       size_t ncaps)
{
	resolve_env_default(env);
	if (caps) {
		env->caps = caps;
		env->ncaps = ncaps;
	}
	env->arch = AUDIT_ARCH_X86_64;
	env->kernel[0] = 6;
	env->kernel[1] = 18;
}

/* The kept rules' source indexes, "0,1,2". */
static const char *kept(const struct resolve_result *r)
{
	static struct strbuf sb;
	size_t i;

	strbuf_reset(&sb);
	for (i = 0; i < r->nrules; i++)
		strbuf_addf(&sb, "%s%zu", i ? "," : "",
			    r->rules[i].rule->index);
	return strbuf_str(&sb);
}

static const struct resolve_rule *kept_rule(const struct resolve_result *r,
					    size_t index)
{
	size_t i;

	for (i = 0; i < r->nrules; i++)
		if (r->rules[i].rule->index == index)
			return &r->rules[i];
	return NULL;
}

static bool rule_names(const struct resolve_rule *rr, const char *name)
{
	size_t i;

	for (i = 0; i < rr->nnames; i++)
		if (!strcmp(rr->names[i], name))
			return true;
	return false;
}

TEST(resolve_docker_default_x86_64_docker_caps)
{
	struct profile *p = tp_load("moby-default.json");
	struct resolve_env env;
	struct resolve_result *r;
	const struct resolve_rule *rr;
	size_t n;

	env_x86_64(&env, NULL, 0);
	CHECK_INT(env.ncaps, 14);
	r = resolve(p, &env);
	CHECK(!r->unconfined);
	CHECK_INT(r->default_verdict.action, PROFILE_ACT_ERRNO);
	CHECK_INT(r->default_verdict.data, 1);
	/* archMap for SCMP_ARCH_X86_64 */
	REQUIRE(r->narches == 3);
	CHECK_U64(r->arches[0], AUDIT_ARCH_X86_64);
	CHECK_U64(r->arches[1], AUDIT_ARCH_I386);
	CHECK_U64(r->arches[2], sysent_arch_by_scmp("SCMP_ARCH_X32")->token);
	CHECK_STR(kept(r), "0,1,2,3,4,5,6,7,8,9,12,13,18,20,22");
	CHECK_INT(r->ndropped, 18);
	CHECK_INT(r->nredundant, 0);
	CHECK_INT(r->ndiags, 0);
	/* ids are positions + 1; errno defaults to EPERM like runc */
	rr = kept_rule(r, 0);
	REQUIRE(rr);
	CHECK_INT(rr->id, 1);
	CHECK_INT(rr->verdict.action, PROFILE_ACT_ALLOW);
	/* names libseccomp 2.5.4 lacks are skipped; 32-bit-only ones kept */
	CHECK(rule_names(rr, "read"));
	CHECK(rule_names(rr, "chown32"));
	CHECK(!rule_names(rr, "mseal"));
	CHECK(!rule_names(rr, "lsm_get_self_attr"));
	n = p->rules[0].nnames;
	CHECK(rr->nnames < n);
	/* clone with no namespace flags: (arg0 & 0x7e020000) == 0 */
	rr = kept_rule(r, 18);
	REQUIRE(rr && rr->nargs == 1);
	CHECK_INT(rr->id, 19);
	CHECK_INT(rr->args[0].op, PROFILE_OP_MASKED_EQ);
	CHECK_U64(rr->args[0].value, 2114060288);
	CHECK_U64(rr->args[0].value_two, 0);
	CHECK(!rr->args_or);
	rr = kept_rule(r, 20);
	REQUIRE(rr);
	CHECK_INT(rr->verdict.action, PROFILE_ACT_ERRNO);
	CHECK_INT(rr->verdict.data, 38);
	/* arch_prctl: includes arches amd64 */
	CHECK(kept_rule(r, 12) && rule_names(kept_rule(r, 12), "arch_prctl"));
	resolve_result_free(r);
	profile_free(p);
}

TEST(resolve_docker_default_with_cap_sys_admin)
{
	const char *caps[16];
	struct profile *p = tp_load("moby-default.json");
	struct resolve_env env;
	struct resolve_result *r;
	size_t n, i;
	const char *const *docker = resolve_docker_caps(&n);

	for (i = 0; i < n; i++)
		caps[i] = docker[i];
	caps[n] = "CAP_SYS_ADMIN";
	env_x86_64(&env, caps, n + 1);
	r = resolve(p, &env);
	/* unshare, setns, mount... (rule 17) come in; the restricted clone
	   rules and clone3's ENOSYS go */
	CHECK_STR(kept(r), "0,1,2,3,4,5,6,7,8,9,12,13,17,22");
	REQUIRE(kept_rule(r, 17));
	CHECK(rule_names(kept_rule(r, 17), "unshare"));
	CHECK(rule_names(kept_rule(r, 17), "setns"));
	CHECK(rule_names(kept_rule(r, 17), "mount"));
	CHECK(rule_names(kept_rule(r, 17), "clone"));
	CHECK_INT(kept_rule(r, 17)->nargs, 0);
	resolve_result_free(r);
	profile_free(p);
}

TEST(resolve_docker_default_kernel_gates_ptrace)
{
	struct profile *p = tp_load("moby-default.json");
	struct resolve_env env;
	struct resolve_result *r;
	static const struct {
		unsigned k[2];
		bool ptrace;
	} kernels[] = {
		{{4, 4}, false}, {{4, 7}, false},  {{4, 8}, true},
		{{5, 0}, true},	 {{3, 99}, false},
	};
	size_t i;

	REQUIRE(p->rules[1].includes.has_min_kernel);
	for (i = 0; i < ARRAY_SIZE(kernels); i++) {
		env_x86_64(&env, NULL, 0);
		env.kernel[0] = kernels[i].k[0];
		env.kernel[1] = kernels[i].k[1];
		r = resolve(p, &env);
		CHECK_INT(kept_rule(r, 1) != NULL, kernels[i].ptrace);
		resolve_result_free(r);
	}
	profile_free(p);
}

/* moby TestLoadConditional */
TEST(resolve_moby_load_conditional)
{
	static const struct {
		const char *cap;
		const char *names;
	} cases[] = {
		{NULL, "chmod,ptrace"},
		{"CAP_SYSLOG", "chmod,syslog,ptrace"},
		{"CAP_SYS_ADMIN", "chmod"},
	};
	struct profile *p = tp_load("moby-fixture-conditional_include.json");
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct resolve_env env;
		struct resolve_result *r;
		struct strbuf sb = STRBUF_INIT;

		env_x86_64(&env, &cases[i].cap, cases[i].cap ? 1 : 0);
		r = resolve(p, &env);
		for (j = 0; j < r->nrules; j++)
			strbuf_addf(&sb, "%s%s", j ? "," : "",
				    r->rules[j].names[0]);
		CHECK_STR(strbuf_str(&sb), cases[i].names);
		strbuf_release(&sb);
		resolve_result_free(r);
	}
	profile_free(p);
}

/* moby TestParseRelease */
TEST(resolve_kernel_release_parsing_like_moby)
{
	static const struct {
		const char *release;
		unsigned k[2];
	} good[] = {
		{"3.8", {3, 8}},
		{"3.8.0", {3, 8}},
		{"3.8.0-19-generic", {3, 8}},
		{"3.4.54.longterm-1", {3, 4}},
		{"3.10.0-862.2.3.el7.x86_64", {3, 10}},
		{"3.12.8tag", {3, 12}},
		{"3.12-1-amd64", {3, 12}},
		{"3.12foobar", {3, 12}},
		{"99.999.999-19-generic", {99, 999}},
		{"6.18.0-1-amd64", {6, 18}},
	};
	static const struct {
		const char *release, *cause;
	} bad[] = {
		{"", "EOF"},
		{"3", "unexpected EOF"},
		{"3.", "EOF"},
		{"3a", "input does not match format"},
		{"3.a", "expected integer"},
		{"a", "expected integer"},
		{"a.a", "expected integer"},
		{"a.a.a-a", "expected integer"},
		{"-3", "expected integer"},
		{"-3.", "expected integer"},
		{"-3.8", "expected integer"},
		{"-3.-8", "expected integer"},
		{"3.-8", "expected integer"},
	};
	unsigned k[2];
	struct err err;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		CHECK_INT(resolve_kernel_parse(good[i].release, k, &err), 0);
		CHECK_INT(k[0], good[i].k[0]);
		CHECK_INT(k[1], good[i].k[1]);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		char want[128];

		snprintf(want, sizeof(want),
			 "failed to parse kernel version \"%s\": %s",
			 bad[i].release, bad[i].cause);
		CHECK_INT(resolve_kernel_parse(bad[i].release, k, &err), -22);
		CHECK_STR(err.msg, want);
	}
}

TEST(resolve_env_default_is_this_host)
{
	struct resolve_env env;

	resolve_env_default(&env);
	CHECK_U64(env.arch, sysent_arch_native()->token);
	CHECK(env.kernel[0] >= 3); /* moby: TestGetKernelVersion */
	CHECK_INT(env.ncaps, 14);
	CHECK_STR(env.caps[0], "CAP_CHOWN");
	CHECK_STR(env.caps[13], "CAP_AUDIT_WRITE");
}

TEST(resolve_archmap_on_other_hosts)
{
	struct profile *p = tp_load("moby-default.json");
	struct resolve_env env;
	struct resolve_result *r;

	env_x86_64(&env, NULL, 0);
	env.arch = AUDIT_ARCH_AARCH64;
	r = resolve(p, &env);
	REQUIRE(r->narches == 2);
	CHECK_U64(r->arches[0], AUDIT_ARCH_AARCH64);
	CHECK_U64(r->arches[1], AUDIT_ARCH_ARM);
	/* includes arches [arm, arm64] in, [amd64...] out */
	CHECK(kept_rule(r, 11) != NULL);
	CHECK(kept_rule(r, 12) == NULL);
	CHECK(rule_names(kept_rule(r, 11), "breakpoint"));
	resolve_result_free(r);

	/* moby's default has no ppc64le entry: only the native ABI */
	env.arch = AUDIT_ARCH_PPC64LE;
	r = resolve(p, &env);
	CHECK_INT(r->narches, 1);
	REQUIRE(r->ndiags == 1);
	CHECK_STR(r->diags[0].path, "archMap");
	CHECK_CONTAINS(r->diags[0].message,
		       "no archMap entry for SCMP_ARCH_PPC64LE applies");
	resolve_result_free(r);
	profile_free(p);
}

TEST(resolve_podman_default)
{
	struct profile *p = tp_load("podman-default.json");
	struct resolve_env env;
	struct resolve_result *r;
	size_t i, eperm = 0;

	env_x86_64(&env, NULL, 0);
	r = resolve(p, &env);
	CHECK_INT(r->default_verdict.action, PROFILE_ACT_ERRNO);
	CHECK_INT(r->default_verdict.data, 38);
	CHECK_INT(r->narches, 3);
	for (i = 0; i < r->nrules; i++) {
		if (r->rules[i].verdict.action == PROFILE_ACT_ERRNO) {
			CHECK(r->rules[i].verdict.data == 1 ||
			      r->rules[i].verdict.data == 22);
			eperm += r->rules[i].verdict.data == 1;
		}
	}
	CHECK(eperm > 0);
	resolve_result_free(r);
	profile_free(p);
}

TEST(resolve_runc_semantics)
{
	struct profile *p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ERRNO\"},{\"names\":[\"write\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1},{\"names\":[\"close\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":38},{\"names\":[\"socket\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,\"value\":2,\"op\":\"SCMP_CMP_EQ\"},{\"index\":0,\"value\":10,\"op\":\"SCMP_CMP_EQ\"},{\"index\":1,\"value\":1,\"op\":\"SCMP_CMP_EQ\"}]},{\"names\":[\"getpid\"],\"action\":\"SCMP_ACT_TRACE\"},{\"names\":[\"nosuchcall\",\"socketcall\"],\"action\":\"SCMP_ACT_KILL\"}]}",
		PROFILE_FORMAT_AUTO);
	struct resolve_env env;
	struct resolve_result *r;

	env_x86_64(&env, NULL, 0);
	r = resolve(p, &env);
	/* ERRNO without errnoRet is ERRNO(EPERM): the default's, skipped */
	CHECK_STR(kept(r), "2,3,4,5");
	CHECK_INT(r->nredundant, 2);
	CHECK_INT(kept_rule(r, 2)->verdict.data, 38);
	CHECK(kept_rule(r, 3)->args_or);
	CHECK_INT(kept_rule(r, 4)->verdict.action, PROFILE_ACT_TRACE);
	CHECK_INT(kept_rule(r, 4)->verdict.data, 1);
	/* unknown names go; names of other ABIs stay */
	REQUIRE(kept_rule(r, 5)->nnames == 1);
	CHECK_STR(kept_rule(r, 5)->names[0], "socketcall");
	resolve_result_free(r);
	profile_free(p);
}

TEST(resolve_refuses_profiles_with_errors_and_unconfined)
{
	struct profile *p =
		tp_parse("{\"defaultAction\":\"NOPE\"}", PROFILE_FORMAT_AUTO);
	struct resolve_env env;
	struct resolve_result *r = NULL;
	struct err err;

	env_x86_64(&env, NULL, 0);
	CHECK_INT(resolve_profile(p, &env, &r, &err), -22);
	CHECK_STR(err.msg,
		  "t.json: the profile has errors: a runtime would refuse it");
	profile_free(p);

	p = tp_parse("{}", PROFILE_FORMAT_AUTO);
	r = resolve(p, &env);
	CHECK(r->unconfined);
	CHECK_INT(r->default_verdict.action, PROFILE_ACT_ALLOW);
	CHECK_INT(r->nrules, 0);
	resolve_result_free(r);
	profile_free(p);
}

TEST(resolve_oci_ignores_docker_conditions)
{
	struct profile *p = tp_parse(
		"{\"linux\":{\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"mount\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"caps\":[\"CAP_SYS_ADMIN\"]}}]}}}",
		PROFILE_FORMAT_AUTO);
	struct resolve_env env;
	struct resolve_result *r;
	struct strbuf sb = STRBUF_INIT;

	env_x86_64(&env, NULL, 0);
	r = resolve(p, &env);
	CHECK_STR(kept(r), "0");
	CHECK_INT(r->narches, 1);
	resolve_id_path(p, kept_rule(r, 0)->id, &sb);
	CHECK_STR(strbuf_str(&sb), "linux.seccomp.syscalls[0]");
	strbuf_reset(&sb);
	resolve_id_path(p, RESOLVE_ID_DEFAULT, &sb);
	CHECK_STR(strbuf_str(&sb), "linux.seccomp.defaultAction");
	strbuf_reset(&sb);
	resolve_id_path(NULL, RESOLVE_ID_BADARCH, &sb);
	CHECK_STR(strbuf_str(&sb), "badArch");
	strbuf_reset(&sb);
	resolve_id_path(NULL, 13, &sb);
	CHECK_STR(strbuf_str(&sb), "syscalls[12]");
	strbuf_release(&sb);
	resolve_result_free(r);
	profile_free(p);
}

TEST(resolve_containers_ignores_min_kernel)
{
	struct profile *p = tp_parse(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrno\":\"EPERM\",\"syscalls\":[{\"names\":[\"ptrace\"],\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"minKernel\":\"9.9\",\"arches\":[\"amd64\"]}}]}",
		PROFILE_FORMAT_AUTO);
	struct resolve_env env;
	struct resolve_result *r;

	CHECK_INT(p->format, PROFILE_FORMAT_CONTAINERS);
	env_x86_64(&env, NULL, 0);
	env.kernel[0] = 4;
	r = resolve(p, &env);
	CHECK_STR(kept(r), "0");
	resolve_result_free(r);
	profile_free(p);
}

TEST(resolve_cap_names_match_headers)
{
	size_t n, i;
	const char *const *caps = resolve_all_caps(&n);

	CHECK_INT(n, CAP_LAST_CAP + 1);
	CHECK_STR(caps[CAP_SYS_ADMIN], "CAP_SYS_ADMIN");
	CHECK_STR(caps[CAP_CHECKPOINT_RESTORE], "CAP_CHECKPOINT_RESTORE");
	CHECK_STR(caps[CAP_AUDIT_WRITE], "CAP_AUDIT_WRITE");
	for (i = 0; i < n; i++)
		CHECK(resolve_cap_lookup(caps[i]) == caps[i]);
	CHECK_STR(resolve_cap_lookup("sys_admin"), "CAP_SYS_ADMIN");
	CHECK_STR(resolve_cap_lookup("Cap_Net_Raw"), "CAP_NET_RAW");
	CHECK(resolve_cap_lookup("CAP_SYS_ADMN") == NULL);
	CHECK(resolve_cap_lookup("") == NULL);
	/* Docker's default set is made of real names. */
	caps = resolve_docker_caps(&n);
	for (i = 0; i < n; i++)
		CHECK(resolve_cap_lookup(caps[i]) != NULL);
}
