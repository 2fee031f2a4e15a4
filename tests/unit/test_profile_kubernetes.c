// SPDX-License-Identifier: Apache-2.0
/*
 * A security-profiles-operator SeccompProfile as an input profile: read
 * from YAML with the YAML's own line:column in messages, its spec read
 * as the runtimes' resolved form, edited and written back as YAML.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_profile.h"

static const char crd[] =
	"# made by hand\n"
	"apiVersion: security-profiles-operator.x-k8s.io/v1beta1\n"
	"kind: SeccompProfile\n"
	"metadata:\n"
	"  name: demo\n"
	"spec:\n"
	"  defaultAction: SCMP_ACT_ERRNO\n"
	"  architectures: [SCMP_ARCH_X86_64]\n"
	"  syscalls:\n"
	"  - names: [read, write, exit_group]\n"
	"    action: SCMP_ACT_ALLOW\n"
	"  - names: [socket]\n"
	"    action: SCMP_ACT_ALLOW\n"
	"    args:\n"
	"    - {index: 0, value: 1, op: SCMP_CMP_EQ}\n";

static struct profile *parse(const char *text, struct err *err)
{
	struct profile *p = NULL;

	if (profile_parse("sp.yaml", text, strlen(text), PROFILE_FORMAT_AUTO,
			  &p, err) < 0)
		return NULL;
	return p;
}

TEST(profile_kubernetes_reads_a_seccompprofile)
{
	struct err err;
	struct profile *p = parse(crd, &err);

	REQUIRE(p);
	CHECK_INT(p->format, PROFILE_FORMAT_KUBERNETES);
	CHECK_INT(p->ndiags, 0);
	CHECK_STR(profile_path_prefix(p), "spec.");
	CHECK_INT(p->default_action, PROFILE_ACT_ERRNO);
	REQUIRE(p->nrules == 2);
	CHECK_INT(p->rules[0].nnames, 3);
	CHECK_STR(p->rules[1].names[0], "socket");
	CHECK_INT(p->rules[1].args[0].value, 1);
	CHECK_INT(p->rules[0].line, 10); /* the YAML's line */
	profile_free(p);
}

TEST(profile_kubernetes_messages_give_yaml_positions)
{
	struct strbuf sb = STRBUF_INIT;
	struct err err;
	char *text = xstrdup(crd);
	struct profile *p;

	memcpy(strstr(text, "SCMP_ACT_ALLOW\n    args"), "SCMP_ACT_ALOW ", 14);
	p = parse(text, &err);
	REQUIRE(p);
	CHECK_DIAG(
		p, "spec.syscalls[1].action", PROFILE_ERROR, 13, 13,
		"unknown action \"SCMP_ACT_ALOW\" (did you mean \"SCMP_ACT_ALLOW\"?)");
	profile_diag_format(p, &p->diags[0], &sb);
	CHECK(str_has_prefix(
		sb.buf, "sp.yaml:13:13: error: spec.syscalls[1].action: "));
	profile_free(p);
	free(text);
	strbuf_release(&sb);
	/* keys of other formats, and the base profile we cannot follow */
	p = parse("kind: SeccompProfile\n"
		  "apiVersion: security-profiles-operator.x-k8s.io/v1beta1\n"
		  "spec:\n"
		  "  defaultAction: SCMP_ACT_ERRNO\n"
		  "  defaultErrnoRet: 38\n"
		  "  baseProfileName: runc-v1.1.0\n",
		  &err);
	REQUIRE(p);
	CHECK_DIAG(p, "spec.defaultErrnoRet", PROFILE_WARNING, 5, 3,
		   "the operator's SeccompProfile has no such field");
	CHECK_DIAG(p, "spec.baseProfileName", PROFILE_WARNING, 6, 20,
		   "base profile \"runc-v1.1.0\" are not read");
	profile_free(p);
}

TEST(profile_kubernetes_refusals)
{
	struct err err;
	struct profile *p;

	p = parse("apiVersion: v1\nkind: ConfigMap\nspec: {}\n", &err);
	REQUIRE(p);
	CHECK_DIAG(p, "kind", PROFILE_ERROR, 2, 7,
		   "expected SeccompProfile, found \"ConfigMap\"");
	CHECK_DIAG(p, "apiVersion", PROFILE_WARNING, 1, 13,
		   "not the security-profiles-operator's");
	CHECK(profile_has_errors(p));
	profile_free(p);
	p = parse("kind: SeccompProfile\nspec: [\n", &err);
	CHECK(!p);
	CHECK_CONTAINS(err.msg, "sp.yaml:3:1: ");
	/* a YAML string, not a Kubernetes object */
	p = parse("#!/bin/sh\necho hi\n", &err);
	CHECK(!p);
	CHECK_CONTAINS(err.msg, "sp.yaml: YAML with no kind: not a profile");
}

/* errnoRet as a string, as the operator's CRD typed it before v0.8.1:
 * read for what it meant, warned; an errno's name too; anything else
 * refused with its place. Before, every string was "expected a
 * non-negative integer". */
static struct profile *with_errno_ret(const char *value)
{
	char text[512];
	struct err err;

	snprintf(text, sizeof(text),
		 "kind: SeccompProfile\n"
		 "apiVersion: security-profiles-operator.x-k8s.io/v1beta1\n"
		 "spec:\n"
		 "  defaultAction: SCMP_ACT_ALLOW\n"
		 "  syscalls:\n"
		 "  - names: [mkdir]\n"
		 "    action: SCMP_ACT_ERRNO\n"
		 "    errnoRet: %s\n",
		 value);
	return parse(text, &err);
}

TEST(profile_kubernetes_errno_ret_as_a_string)
{
	struct profile *p = with_errno_ret("\"38\"");

	REQUIRE(p);
	REQUIRE(p->nrules == 1);
	CHECK(p->rules[0].has_errno);
	CHECK_INT(p->rules[0].errno_ret, 38);
	CHECK_DIAG(
		p, "spec.syscalls[0].errnoRet", PROFILE_WARNING, 8, 15,
		"\"38\" is a string, as the operator's CRD had it before v0.8.1: read as 38, but such an operator writes it to the node as a string, which runc and CRI-O refuse (security-profiles-operator#1769); write the number");
	profile_free(p);

	p = with_errno_ret("EACCES");
	REQUIRE(p);
	CHECK_INT(p->rules[0].errno_ret, 13);
	CHECK_INT(p->ndiags, 1);
	profile_free(p);

	/* a number is no string: as ever, and not warned */
	p = with_errno_ret("38");
	REQUIRE(p);
	CHECK_INT(p->rules[0].errno_ret, 38);
	CHECK_INT(p->ndiags, 0);
	profile_free(p);

	p = with_errno_ret("\"EIEIO\"");
	REQUIRE(p);
	CHECK(!p->rules[0].has_errno);
	CHECK_DIAG(
		p, "spec.syscalls[0].errnoRet", PROFILE_ERROR, 8, 15,
		"expected an errno: its number, or its name as a string (the operator's CRD took strings before v0.8.1), found \"EIEIO\"");
	profile_free(p);
}

/* YAML that is no SeccompProfile, in a file named as YAML: said so, not
 * read as broken JSON ("expected a digit in a number" before). */
TEST(profile_kubernetes_yaml_without_kind)
{
	struct profile *p = NULL;
	struct err err;

	CHECK(profile_parse("x.yaml", "- a\n- b\n", 8, PROFILE_FORMAT_AUTO, &p,
			    &err) < 0);
	CHECK_STR(
		err.msg,
		"x.yaml: YAML with no kind: not a profile (expected a JSON profile, or a Kubernetes object of kind SeccompProfile)");
	CHECK(profile_parse("x.yml", "# only this\n", 12, PROFILE_FORMAT_AUTO,
			    &p, &err) < 0);
	CHECK_STR(
		err.msg,
		"x.yml:1:1: no YAML document: expected one of kind SeccompProfile");
	/* any other name: the JSON reader's word */
	CHECK(profile_parse("x.json", "- a\n- b\n", 8, PROFILE_FORMAT_AUTO, &p,
			    &err) < 0);
	CHECK(str_has_prefix(err.msg, "x.json:1:"));
}

TEST(profile_kubernetes_edits_save_as_yaml)
{
	char path[] = "/tmp/sdbg-sp-XXXXXX";
	struct strbuf diff = STRBUF_INIT;
	struct err err;
	struct profile *p = parse(crd, &err);
	char *saved = NULL;
	size_t len;
	int fd = mkstemp(path);

	REQUIRE(p && fd >= 0);
	close(fd);
	REQUIRE(profile_allow_syscall_noted(
			p, "openat", "seccompdbg: runc's start-up", &err) == 0);
	REQUIRE(profile_allow_with_args(
			p, "personality",
			&(struct profile_arg){0, PROFILE_OP_EQ, 8, 0}, 1,
			"no comment field", &err) == 0);
	CHECK_INT(p->ndiags, 0);
	REQUIRE(profile_save(p, path, &err) == 0);
	REQUIRE(read_file(path, 1 << 20, &saved, &len, &err) == 0);
	unlink(path);
	CHECK(str_has_prefix(
		saved,
		"apiVersion: security-profiles-operator.x-k8s.io/v1beta1\n"
		"kind: SeccompProfile\n"
		"metadata:\n  name: demo\n"));
	CHECK_CONTAINS(saved, "  - names:\n    - read\n    - write\n"
			      "    - exit_group\n    - openat\n");
	CHECK_CONTAINS(saved, "  - names:\n    - personality\n"
			      "    action: SCMP_ACT_ALLOW\n    args:\n"
			      "    - index: 0\n      value: 8\n"
			      "      op: SCMP_CMP_EQ\n");
	CHECK(!strstr(saved, "comment"));
	profile_diff(p, &diff);
	CHECK_CONTAINS(diff.buf, "+    - openat\n");
	free(saved);
	strbuf_release(&diff);
	profile_free(p);
}
