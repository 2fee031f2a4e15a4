// SPDX-License-Identifier: Apache-2.0
/*
 * export: each format read back gives the filter the source gives (the
 * compiled BPF, byte for byte, for the same host); Docker's default comes
 * back as it is; what a format cannot hold is refused; a SeccompProfile
 * read from YAML says where its mistakes are.
 */
#include <errno.h>
#include <linux/audit.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/compile.h"
#include "seccompdbg/export.h"
#include "seccompdbg/resolve.h"
#include "test_profile.h"

static void env_for(struct resolve_env *env, bool all_caps)
{
	resolve_env_default(env);
	if (all_caps)
		env->caps = resolve_all_caps(&env->ncaps);
	env->arch = AUDIT_ARCH_X86_64;
	env->kernel[0] = 6;
	env->kernel[1] = 18;
}

static struct resolve_result *resolve(const struct profile *p,
				      const struct resolve_env *env)
{
	struct resolve_result *r = NULL;
	struct err err = {""};

	if (resolve_profile(p, env, &r, &err) < 0) {
		test_fail(__FILE__, __LINE__, "%s: %s", p->file, err.msg);
		test_end();
	}
	return r;
}

/* The filter runc would load for P on ENV; empty when there is none
   (libseccomp refuses the profile: the export must refuse it alike). */
static struct compile_bpf filter_of(const struct profile *p,
				    const struct resolve_env *env)
{
	struct resolve_result *r = resolve(p, env);
	struct compile_bpf bpf = {0};
	struct err err = {""};

	if (compile_filter(r, COMPILE_ORIGINAL, &bpf, &err) < 0)
		memset(&bpf, 0, sizeof(bpf));
	resolve_result_free(r);
	return bpf;
}

static bool same_filter(const struct compile_bpf *a,
			const struct compile_bpf *b)
{
	/* two unconfined profiles have no program: memcmp may not see NULL */
	return a->len == b->len &&
	       (!a->len ||
		!memcmp(a->insns, b->insns, a->len * sizeof(*a->insns)));
}

static struct profile *read_back(const char *name, const struct strbuf *text)
{
	struct profile *p = NULL;
	struct err err = {""};

	if (profile_parse(name, text->buf, text->len, PROFILE_FORMAT_AUTO, &p,
			  &err) < 0) {
		test_fail(__FILE__, __LINE__, "%s: %s", name, err.msg);
		test_end();
	}
	if (profile_has_errors(p))
		test_fail(__FILE__, __LINE__, "%s: %s", name, tp_diags(p));
	return p;
}

TEST(export_docker_gives_dockers_default_back)
{
	struct profile *p = tp_load("moby-default.json");
	struct strbuf sb = STRBUF_INIT;
	struct doc *v = NULL;
	struct err err;
	size_t len;
	char *file = NULL;

	REQUIRE(read_file(test_data("profiles/moby-default.json"), 1 << 24,
			  &file, &len, &err) == 0);
	REQUIRE(export_docker(p, &v, &err) == 0);
	doc_write_json(v, DOC_PRETTY, &sb);
	CHECK_INT(sb.len, len);
	CHECK(sb.len == len && !memcmp(sb.buf, file, len));
	doc_free(v);
	strbuf_release(&sb);
	free(file);
	profile_free(p);
}

/* Every real profile, as Docker JSON: the same filter on every host. */
TEST(export_docker_keeps_the_filter_of_every_profile)
{
	struct resolve_env envs[2];
	size_t i, k, n = 0;

	env_for(&envs[0], false);
	env_for(&envs[1], true);
	for (i = 0; i < tp_nfiles; i++) {
		struct strbuf sb = STRBUF_INIT;
		struct profile *p, *back;
		struct doc *v = NULL;
		struct err err;

		if (!tp_files[i].profile)
			continue;
		p = tp_load(tp_files[i].name);
		if (p->unconfined || profile_has_errors(p)) {
			profile_free(p);
			continue;
		}
		REQUIRE(export_docker(p, &v, &err) == 0);
		doc_write_json(v, DOC_PRETTY, &sb);
		doc_free(v);
		back = read_back(tp_files[i].name, &sb);
		CHECK_INT(back->format, PROFILE_FORMAT_DOCKER);
		for (k = 0; k < 2; k++) {
			struct compile_bpf a = filter_of(p, &envs[k]);
			struct compile_bpf b = filter_of(back, &envs[k]);

			if (!same_filter(&a, &b))
				test_fail(__FILE__, __LINE__,
					  "%s: another filter (caps %zu)",
					  tp_files[i].name, k);
			compile_bpf_release(&a);
			compile_bpf_release(&b);
		}
		n++;
		profile_free(back);
		profile_free(p);
		strbuf_release(&sb);
	}
	CHECK(n >= 8);
}

/* podman's errno names become numbers Docker reads. */
TEST(export_docker_from_podman_form)
{
	struct profile *p = tp_parse(
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrno\": \"ENOSYS\","
		" \"syscalls\": [{\"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\","
		" \"errno\": \"EACCES\"}, {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
		PROFILE_FORMAT_AUTO);
	struct strbuf sb = STRBUF_INIT;
	struct doc *v = NULL;
	struct err err;

	CHECK_INT(p->format, PROFILE_FORMAT_CONTAINERS);
	REQUIRE(export_docker(p, &v, &err) == 0);
	doc_write_json(v, DOC_LINE, &sb);
	CHECK_STR(
		sb.buf,
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":38,"
		"\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_ERRNO\","
		"\"errnoRet\":13},{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\"}]}");
	doc_free(v);
	strbuf_release(&sb);
	profile_free(p);
}

/* OCI and Kubernetes hold the profile resolved for one host. */
TEST(export_resolved_forms_keep_the_filter)
{
	static const char *const names[] = {
		"moby-default.json", "runc-seccomp_syscall_test1.json",
		"moby-fixture-conditional_include.json",
		"podman-fixture-example.json"};
	struct resolve_env env;
	size_t i, k;

	for (k = 0; k < 2; k++) {
		env_for(&env, k == 1);
		for (i = 0; i < ARRAY_SIZE(names); i++) {
			struct profile *p = tp_load(names[i]), *oci, *kube;
			struct resolve_result *r = resolve(p, &env);
			struct export_notes notes = {STRBUF_INIT, 0};
			struct strbuf o = STRBUF_INIT, y = STRBUF_INIT;
			struct compile_bpf a, b, c;
			struct doc *v = export_oci(r, &notes);
			struct err err;

			doc_write_json(v, DOC_PRETTY, &o);
			doc_free(v);
			REQUIRE(export_kubernetes(r, "t", NULL, &y, &notes,
						  &err) == 0);
			oci = read_back("oci", &o);
			kube = read_back("t.yaml", &y);
			CHECK_INT(kube->format, PROFILE_FORMAT_KUBERNETES);
			a = filter_of(p, &env);
			b = filter_of(oci, &env);
			c = filter_of(kube, &env);
			if (!same_filter(&a, &b) || !same_filter(&a, &c))
				test_fail(__FILE__, __LINE__,
					  "%s: another filter (caps %zu)",
					  names[i], k);
			compile_bpf_release(&a);
			compile_bpf_release(&b);
			compile_bpf_release(&c);
			profile_free(oci);
			profile_free(kube);
			strbuf_release(&o);
			strbuf_release(&y);
			export_notes_release(&notes);
			resolve_result_free(r);
			profile_free(p);
		}
	}
}

TEST(export_kubernetes_object)
{
	struct profile *p = tp_load("moby-default.json");
	struct resolve_env env;
	struct resolve_result *r;
	struct export_notes notes = {STRBUF_INIT, 0};
	struct strbuf y = STRBUF_INIT;
	struct err err;

	env_for(&env, false);
	r = resolve(p, &env);
	REQUIRE(export_kubernetes(r, "moby-default", "team-a", &y, &notes,
				  &err) == 0);
	CHECK(str_has_prefix(
		y.buf,
		"apiVersion: security-profiles-operator.x-k8s.io/v1beta1\n"
		"kind: SeccompProfile\n"
		"metadata:\n  name: moby-default\n  namespace: team-a\n"
		"spec:\n  defaultAction: SCMP_ACT_ERRNO\n"
		"  architectures:\n  - SCMP_ARCH_X86_64\n"
		"  - SCMP_ARCH_X86\n  - SCMP_ARCH_X32\n"
		"  syscalls:\n  - names:\n    - accept\n"));
	CHECK_CONTAINS(y.buf, "  - names:\n    - clone3\n"
			      "    action: SCMP_ACT_ERRNO\n    errnoRet: 38\n");
	CHECK_CONTAINS(notes.text.buf,
		       "18 rules left out: their includes/excludes");
	CHECK_INT(export_kubernetes(r, "Bad_Name", NULL, &y, &notes, &err),
		  -EINVAL);
	CHECK_CONTAINS(err.msg, "'Bad_Name' is not a Kubernetes name");
	resolve_result_free(r);
	profile_free(p);
	/* podman's default refuses with ENOSYS: no defaultErrnoRet there */
	p = tp_load("podman-default.json");
	r = resolve(p, &env);
	CHECK_INT(export_kubernetes(r, "p", NULL, &y, &notes, &err), -EINVAL);
	CHECK_CONTAINS(
		err.msg,
		"defaultErrnoRet 38: a SeccompProfile has no defaultErrnoRet");
	resolve_result_free(r);
	profile_free(p);
	p = tp_parse(
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": ["
		"{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\","
		" \"args\": [{\"index\": 0, \"value\": 18446744073709551615,"
		" \"op\": \"SCMP_CMP_EQ\"}]}]}",
		PROFILE_FORMAT_AUTO);
	r = resolve(p, &env);
	CHECK_INT(export_kubernetes(r, "p", NULL, &y, &notes, &err), -EINVAL);
	CHECK_CONTAINS(
		err.msg,
		"syscalls[0].args[0]: 0xffffffffffffffff: a SeccompProfile's argument values are int64");
	resolve_result_free(r);
	profile_free(p);
	export_notes_release(&notes);
	strbuf_release(&y);
}

TEST(export_kubernetes_names_from_files)
{
	struct strbuf sb = STRBUF_INIT;

	export_kubernetes_name("/x/My_Fixed.Profile.json", &sb);
	CHECK_STR(sb.buf, "my-fixed-profile");
	strbuf_reset(&sb);
	export_kubernetes_name("--.json", &sb);
	CHECK_STR(sb.buf, "profile");
	strbuf_release(&sb);
	CHECK(export_kubernetes_name_ok("a.b-c"));
	CHECK(!export_kubernetes_name_ok("-a"));
	CHECK(!export_kubernetes_name_ok("A"));
	CHECK(!export_kubernetes_name_ok("a..b"));
	CHECK(!export_kubernetes_name_ok("a.-b"));
	CHECK(!export_kubernetes_name_ok(""));
	CHECK(export_kubernetes_namespace_ok("team-a"));
	CHECK(!export_kubernetes_namespace_ok("team.a"));
	CHECK(!export_kubernetes_namespace_ok(
		"a234567890123456789012345678901234567890123456789012345678901234"));
}
