// SPDX-License-Identifier: Apache-2.0
/*
 * The export command as a person runs it: every format, the options that
 * go with each, exit statuses, and nothing written when it fails.
 */
#include <errno.h>
#include <linux/audit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "seccompdbg/bpf.h"
#include "seccompdbg/util.h"
#include "test_cli.h"

#define MOBY   "tests/data/profiles/moby-default.json"
#define PODMAN "tests/data/profiles/podman-default.json"

TEST(export_usage)
{
	CHECK_INT(tc_run("export %s", MOBY), 2);
	CHECK_CONTAINS(tc_err, "export: --to FORMAT is required");
	CHECK_INT(tc_run("export --to nope %s", MOBY), 2);
	CHECK_CONTAINS(
		tc_err,
		"unknown format 'nope' (docker, localhost, oci, kubernetes, systemd, bpf, pfc)");
	CHECK_INT(tc_run("export --to docker --config x.json %s", MOBY), 2);
	CHECK_CONTAINS(tc_err, "--config is for --to oci");
	CHECK_INT(tc_run("export --to docker --approximate %s", MOBY), 2);
	CHECK_CONTAINS(tc_err, "--approximate is for --to systemd");
	CHECK_INT(tc_run("export --to kubernetes --namespace Bad_Ns %s", MOBY),
		  2);
	CHECK_CONTAINS(
		tc_err,
		"export: --namespace: 'Bad_Ns' is not a Kubernetes namespace");
	/* a namespace is one DNS label (it took a.b before) */
	CHECK_INT(tc_run("export --to kubernetes --namespace a.b %s", MOBY), 2);
	/* a bad --name is a bad invocation too (it was 1, as if the
	 * profile had errors, and 'a..b' passed) */
	CHECK_INT(tc_run("export --to kubernetes --name 'Bad Name' %s", MOBY),
		  2);
	CHECK_CONTAINS(tc_err,
		       "export: --name: 'Bad Name' is not a Kubernetes name");
	CHECK_INT(tc_run("export --to kubernetes --name a..b %s", MOBY), 2);
	/* an unreadable --config as well (it was 1) */
	CHECK_INT(tc_run("export --to oci --config /nonexistent.json %s", MOBY),
		  2);
	CHECK_CONTAINS(tc_err, "/nonexistent.json: No such file or directory");
	CHECK_INT(tc_run("export --to docker /nonexistent.json"), 2);
	CHECK_INT(tc_run("export --to docker tests/data/check/bad-action.json"),
		  1);
	CHECK_CONTAINS(tc_err, "bad-action.json:4:34: error: ");
	CHECK_INT(tc_run("export --help"), 0);
	CHECK_CONTAINS(tc_out, "--to FORMAT");
}

TEST(export_writes_nothing_when_it_fails)
{
	char dir[] = "/tmp/sdbg-export-XXXXXX";
	struct stat st;
	char *path;

	REQUIRE(mkdtemp(dir));
	path = xasprintf("%s/sp.yaml", dir);
	/* podman's default refuses with ENOSYS: no SeccompProfile holds it */
	CHECK_INT(tc_run("export --to kubernetes -o %s %s", path, PODMAN), 1);
	CHECK_CONTAINS(tc_err, "a SeccompProfile has no defaultErrnoRet");
	CHECK(stat(path, &st) < 0 && errno == ENOENT);
	CHECK_INT(tc_run("export --to systemd -o %s %s", path, MOBY), 1);
	CHECK_CONTAINS(tc_err, "seccompdbg: export: widened: clone: ");
	CHECK_CONTAINS(tc_err, "--approximate writes the nearest drop-in");
	CHECK(stat(path, &st) < 0 && errno == ENOENT);
	/* the name comes from -o */
	CHECK_INT(tc_run("export --to kubernetes -o %s %s", path, MOBY), 0);
	CHECK(stat(path, &st) == 0);
	CHECK_INT(tc_run("check %s", path), 0);
	CHECK_CONTAINS(tc_out, "kubernetes profile, usable");
	CHECK_INT(tc_run("diff %s %s", MOBY, path), 0);
	CHECK_INT(tc_run("export --to kubernetes %s", path), 0);
	CHECK_CONTAINS(tc_out, "metadata:\n  name: sp\n");
	unlink(path);
	rmdir(dir);
	free(path);
}

TEST(export_filters)
{
	char path[] = "/tmp/sdbg-export-bpf-XXXXXX";
	struct seccomp_data d = {.arch = AUDIT_ARCH_X86_64};
	struct sock_filter *prog = NULL;
	size_t len = 0;
	struct err e;
	int fd = mkstemp(path);

	REQUIRE(fd >= 0);
	close(fd);
	CHECK_INT(tc_run("export --to bpf -o %s %s", path, MOBY), 0);
	REQUIRE(read_file(path, 1 << 20, (char **)&prog, &len, &e) == 0);
	unlink(path);
	REQUIRE(len % sizeof(*prog) == 0 && len > 0);
	len /= sizeof(*prog);
	CHECK_INT(bpf_verify(prog, len, &e), 0);
	d.nr = SYS_read;
	CHECK_U64(bpf_run(prog, len, &d), SECCOMP_RET_ALLOW);
	d.nr = SYS_unshare;
	CHECK_U64(bpf_run(prog, len, &d), SECCOMP_RET_ERRNO | EPERM);
	free(prog);
	CHECK_INT(tc_run("export --to pfc %s", MOBY), 0);
	CHECK_CONTAINS(tc_out, "# pseudo filter code start");
	CHECK_CONTAINS(tc_err, "seccompdbg: export: resolved for x86_64");
}

TEST(export_oci_into_a_config)
{
	char dir[] = "/tmp/sdbg-export-oci-XXXXXX";
	char *cfg, *text = NULL;
	size_t len;
	struct err e;
	FILE *f;

	REQUIRE(mkdtemp(dir));
	cfg = xasprintf("%s/config.json", dir);
	f = fopen(cfg, "w");
	REQUIRE(f);
	fputs("{\n\t\"ociVersion\": \"1.0.2\",\n\t\"linux\": {\n"
	      "\t\t\"seccomp\": null\n\t}\n}\n",
	      f);
	fclose(f);
	CHECK_INT(
		tc_run("export --to oci --config %s -o %s %s", cfg, cfg, MOBY),
		0);
	REQUIRE(read_file(cfg, 1 << 20, &text, &len, &e) == 0);
	CHECK(str_has_prefix(text,
			     "{\n\t\"ociVersion\": \"1.0.2\",\n\t\"linux\": {\n"
			     "\t\t\"seccomp\": {\n"
			     "\t\t\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
			     "\t\t\t\"defaultErrnoRet\": 1,\n"
			     "\t\t\t\"architectures\": [\n"));
	CHECK_CONTAINS(text, "\t\t}\n\t}\n}\n");
	free(text);
	CHECK_INT(tc_run("check %s", cfg), 0);
	CHECK_CONTAINS(tc_out, "oci profile, usable");
	/* a broken config says where */
	f = fopen(cfg, "w");
	REQUIRE(f);
	fputs("{\n\t\"linux\": {,}\n}\n", f);
	fclose(f);
	CHECK_INT(tc_run("export --to oci --config %s %s", cfg, MOBY), 1);
	CHECK_CONTAINS(tc_err, "config.json:2:12: expected ");
	unlink(cfg);
	rmdir(dir);
	free(cfg);
}
