// SPDX-License-Identifier: Apache-2.0
/*
 * container: the debug rewrite held to the candidate (compiled by
 * libseccomp as a runtime would, run in the BPF interpreter against
 * eval on the candidate: what the candidate allows stays allowed, every
 * other call notifies, runc's write aside), the runtime's state parsed
 * the way runc and crun send it, the shim's edit, "@" in commands.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/bpf.h"
#include "seccompdbg/compile.h"
#include "seccompdbg/container.h"
#include "seccompdbg/eval.h"
#include "seccompdbg/sysent.h"
#include "test_profile.h"

static struct resolve_result *resolve(const struct profile *p)
{
	struct resolve_result *r = NULL;
	struct resolve_env env;
	struct err err = {""};

	resolve_env_default(&env);
	env.arch = AUDIT_ARCH_X86_64;
	if (resolve_profile(p, &env, &r, &err) < 0) {
		test_fail(__FILE__, __LINE__, "%s", err.msg);
		test_end();
	}
	return r;
}

/* Does a rule of R test the arguments of NAME? */
static bool has_conditions(const struct resolve_result *r, const char *name)
{
	size_t i, j;

	for (i = 0; i < r->nrules; i++)
		for (j = 0; j < r->rules[i].nnames; j++)
			if (r->rules[i].nargs &&
			    !strcmp(r->rules[i].names[j], name))
				return true;
	return false;
}

/*
 * Every x86_64 call (arguments 0) through runc's debug filter of P:
 * ALLOW where eval on P allows, USER_NOTIF where it refuses, except
 * write (P's own action). A call with conditions may notify where P
 * allows it: libseccomp drops a conditional ALLOW beside the catch-all
 * NOTIFY, and eval answers those notifications at run time.
 */
static void check_rewrite(struct profile *p, size_t *notified)
{
	const enum container_runtime rt = CONTAINER_RUNC;
	struct resolve_result *r = resolve(p), *dr;
	struct strbuf json = STRBUF_INIT;
	struct compile_bpf bpf = {0};
	struct eval *ev = eval_new(r);
	struct profile *debug;
	struct err err = {""};
	int nr;

	container_debug_profile(r, rt, "/run/x.sock", &json, NULL);
	debug = tp_parse(strbuf_str(&json), PROFILE_FORMAT_DOCKER);
	REQUIRE(debug);
	if (profile_has_errors(debug)) {
		test_fail(__FILE__, __LINE__, "%s", tp_diags(debug));
		test_end();
	}
	CHECK_STR(debug->listener_path, "/run/x.sock");
	dr = resolve(debug);
	REQUIRE(compile_filter(dr, COMPILE_ORIGINAL, &bpf, &err) == 0);
	*notified = 0;
	for (nr = 0; nr < 460; nr++) {
		const char *name = sysent_name(AUDIT_ARCH_X86_64, nr);
		struct seccomp_data d = {.nr = nr, .arch = AUDIT_ARCH_X86_64};
		const uint64_t args[6] = {0};
		struct eval_result res;
		uint32_t ret;

		if (!name)
			continue;
		eval_call(ev, AUDIT_ARCH_X86_64, nr, args, &res);
		ret = bpf_run(bpf.insns, bpf.len, &d) & SECCOMP_RET_ACTION_FULL;
		if (profile_action_is_allow(res.verdict.action) &&
		    !has_conditions(r, name))
			CHECK_U64(ret, SECCOMP_RET_ALLOW);
		else if (profile_action_is_allow(res.verdict.action))
			CHECK(ret == SECCOMP_RET_ALLOW ||
			      ret == SECCOMP_RET_USER_NOTIF);
		else if (rt == CONTAINER_RUNC && !strcmp(name, "write"))
			CHECK(ret != SECCOMP_RET_USER_NOTIF);
		else if (ret != SECCOMP_RET_USER_NOTIF)
			test_fail(__FILE__, __LINE__, "%s: %#x, not notified",
				  name, ret);
		*notified += ret == SECCOMP_RET_USER_NOTIF;
	}
	compile_bpf_release(&bpf);
	eval_free(ev);
	resolve_result_free(dr);
	resolve_result_free(r);
	profile_free(debug);
	strbuf_release(&json);
}

TEST(container_rewrite_docker_default)
{
	struct profile *p = tp_load("moby-default.json");
	size_t runc;

	check_rewrite(p, &runc);
	/* Docker's default refuses about a hundred x86_64 calls */
	CHECK(runc > 50);
	profile_free(p);
}

TEST(container_rewrite_refuses_write)
{
	struct profile *p = tp_parse(
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\", \"clone\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}, {\"names\": [\"getpid\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
		PROFILE_FORMAT_DOCKER);
	struct resolve_result *r = resolve(p);
	struct strbuf json = STRBUF_INIT;
	size_t n, uncaught = 0;

	check_rewrite(p, &n);
	container_debug_profile(r, CONTAINER_RUNC, "/s", &json, &uncaught);
	/* runc: no NOTIFY default; crun: NOTIFY default */
	CHECK_CONTAINS(strbuf_str(&json),
		       "\"defaultAction\": \"SCMP_ACT_ERRNO\"");
	CHECK_INT(uncaught, 0);
	strbuf_reset(&json);
	/* crun: the default notifies, no catch-all list, conditions kept */
	container_debug_profile(r, CONTAINER_CRUN, "/s", &json, NULL);
	CHECK_CONTAINS(strbuf_str(&json),
		       "\"defaultAction\": \"SCMP_ACT_NOTIFY\"");
	CHECK(!strstr(strbuf_str(&json), "\"_llseek\""));
	CHECK_CONTAINS(strbuf_str(&json), "\"op\": \"SCMP_CMP_EQ\"");
	strbuf_release(&json);
	resolve_result_free(r);
	profile_free(p);
}

TEST(container_state_runc_and_crun)
{
	static const char runc[] =
		"{\"ociVersion\":\"1.0.2-dev\",\"fds\":[\"seccompFd\"],\"pid\":20707,\"metadata\":\"meta\",\"state\":{\"ociVersion\":\"1.0.2-dev\",\"id\":\"t1\",\"status\":\"creating\",\"pid\":20707,\"bundle\":\"/tmp/ct\",\"annotations\":{\"io.kubernetes.cri-o.ContainerName\":\"web\"}}}";
	static const char crun[] =
		"{\n    \"ociVersion\": \"0.2.0\",\n    \"fds\": [\n        \"other\", \"seccompFd\"\n    ],\n    \"pid\": 22931,\n    \"state\": {\n        \"id\": \"t3\",\n        \"status\": \"running\"\n    }\n}\n";
	struct container_state st;
	struct err err = {""};
	int fds[2];

	fds[0] = open("/dev/null", O_RDONLY | O_CLOEXEC);
	REQUIRE(container_state_parse(runc, strlen(runc), fds, 1, &st, &err) ==
		0);
	CHECK_INT(st.pid, 20707);
	CHECK_STR(st.id, "t1");
	CHECK_STR(st.name, "web");
	CHECK_STR(st.status, "creating");
	CHECK_STR(st.metadata, "meta");
	CHECK(st.fd >= 0 && fds[0] == -1);
	container_state_release(&st);

	fds[0] = open("/dev/null", O_RDONLY | O_CLOEXEC);
	fds[1] = open("/dev/null", O_RDONLY | O_CLOEXEC);
	REQUIRE(container_state_parse(crun, strlen(crun), fds, 2, &st, &err) ==
		0);
	CHECK(st.fd >= 0 && fds[1] == -1 && fds[0] >= 0);
	CHECK(!st.name);
	CHECK_STR(st.status, "running");
	close(fds[0]);
	container_state_release(&st);

	/* no descriptor named seccompFd: refused */
	CHECK(container_state_parse("{\"fds\":[],\"pid\":1}", 18, fds, 0, &st,
				    &err) == -EINVAL);
	CHECK_CONTAINS(err.msg, "seccompFd");
}

TEST(container_argv_fill)
{
	static char a0[] = "podman", a1[] = "run", a2[] = "--security-opt",
		    a3[] = "seccomp=@", a4[] = "img", a5[] = "@", a6[] = "a=b@";
	char *const argv[] = {a0, a1, a2, a3, a4, a5, a6, NULL};
	size_t n;
	char **out = container_argv_fill(argv, "/t/p.json", &n);

	CHECK_INT(n, 2);
	CHECK_STR(out[3], "seccomp=/t/p.json");
	CHECK_STR(out[5], "/t/p.json");
	CHECK_STR(out[6], "a=b@");
	CHECK(out[7] == NULL);
	container_argv_free(out);
}

TEST(container_runtime_guess)
{
	static char c0[] = "/usr/bin/crun", p0[] = "podman",
		    p1[] = "--runtime=crun", d0[] = "docker", run[] = "run";
	char *const crun[] = {c0, run, NULL};
	char *const podman[] = {p0, p1, run, NULL};
	char *const docker[] = {d0, run, NULL};
	bool sure;

	CHECK_INT(container_runtime_guess(crun, &sure), CONTAINER_CRUN);
	CHECK(sure);
	CHECK_INT(container_runtime_guess(podman, &sure), CONTAINER_CRUN);
	CHECK_INT(container_runtime_guess(docker, &sure), CONTAINER_RUNC);
	CHECK(!sure);
}

TEST(container_shim_adds_listener)
{
	char dir[] = "/tmp/sdbg-shim-XXXXXX", *cfg;
	struct err err = {""};
	char *text;
	size_t len;

	REQUIRE(mkdtemp(dir));
	cfg = xasprintf("%s/config.json", dir);
	REQUIRE(write_file_atomic(
			cfg,
			"{\"linux\":{\"seccomp\":{\"defaultAction\":\"SCMP_ACT_NOTIFY\"}}}",
			57, &err) == 0);
	CHECK_INT(container_config_add_listener(cfg, "/run/a.sock", &err), 1);
	REQUIRE(read_file(cfg, 4096, &text, &len, &err) == 0);
	CHECK_CONTAINS(text, "\"listenerPath\":\"/run/a.sock\"");
	free(text);
	/* there already: nothing to do */
	CHECK_INT(container_config_add_listener(cfg, "/run/b.sock", &err), 0);
	unlink(cfg);
	rmdir(dir);
	free(cfg);
}
