// SPDX-License-Identifier: Apache-2.0
/*
 * profile: edits. An allowed syscall lands in the plain allow rule in
 * order (one added line in a diff) or in a new rule written in the file's
 * own layout (tabs, 2 or 4 spaces, one line, CRLF, OCI config.json), and
 * leaves refusing rules that would win over it; the result parses to the
 * expected model. Saving, undo and diffs: test_profile_save.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "test_profile.h"

/* The lines of DIFF that start with C ('+' or '-'), not the headers. */
static size_t diff_lines(const char *diff, char c, char *first, size_t size)
{
	const char *l;
	size_t n = 0;

	for (l = diff; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : "") {
		if (*l != c || (l[1] == c && l[2] == c))
			continue;
		if (!n++ && first)
			snprintf(first, size, "%.*s", (int)strcspn(l, "\n"), l);
	}
	return n;
}

static void check_allow(const char *text, enum profile_format f,
			const char *name, const char *want);

static bool plain_allows(const struct profile *p, size_t rule, const char *name)
{
	size_t i;

	for (i = 0; i < p->rules[rule].nnames; i++)
		if (!strcmp(p->rules[rule].names[i], name))
			return true;
	return false;
}

TEST(profile_allow_adds_one_line_to_dockers_default)
{
	struct profile *p = tp_load("moby-default.json");
	struct strbuf diff = STRBUF_INIT;
	size_t nrules = p->nrules, nnames = p->rules[0].nnames, i;
	char added[64];
	struct err err;

	CHECK(!plain_allows(p, 0, "kexec_load"));
	REQUIRE(profile_allow_syscall(p, "kexec_load", &err) == 0);
	CHECK(!profile_has_errors(p));
	CHECK_INT(p->nrules, nrules);
	CHECK_INT(p->rules[0].nnames, nnames + 1);
	CHECK(plain_allows(p, 0, "kexec_load"));
	/* in order: after "ipc", before "kill" */
	for (i = 1; i + 1 < p->rules[0].nnames; i++)
		if (!strcmp(p->rules[0].names[i], "kexec_load"))
			break;
	CHECK_STR(p->rules[0].names[i - 1], "ipc");
	CHECK_STR(p->rules[0].names[i + 1], "kill");
	profile_diff(p, &diff);
	CHECK_INT(diff_lines(strbuf_str(&diff), '+', added, sizeof(added)), 1);
	CHECK_STR(added, "+\t\t\t\t\"kexec_load\",");
	CHECK_INT(diff_lines(strbuf_str(&diff), '-', NULL, 0), 0);
	CHECK(str_has_prefix(strbuf_str(&diff),
			     "--- " TEST_SRCDIR
			     "/tests/data/profiles/moby-default.json\n+++ "));
	CHECK_CONTAINS(strbuf_str(&diff), "\n@@ -194,6 +194,7 @@\n");
	CHECK_INT(profile_edits(p), 1);
	CHECK(profile_is_modified(p));
	/* allowing it again changes nothing */
	REQUIRE(profile_allow_syscall(p, "kexec_load", &err) == 0);
	REQUIRE(profile_allow_syscall(p, "read", &err) == 0);
	CHECK_INT(profile_edits(p), 1);
	strbuf_release(&diff);
	profile_free(p);
}

/*
 * podman's default refuses kexec_load in an ERRNO rule ahead of its allow
 * rule; libseccomp lets the first unconditional rule win, so the name
 * moves: one line out of the first list, one line into the second.
 */
TEST(profile_allow_moves_a_name_out_of_podmans_deny_list)
{
	struct profile *p = tp_load("podman-default.json");
	struct strbuf diff = STRBUF_INIT;
	char line[64];
	struct err err;

	REQUIRE(p->rules[0].action == PROFILE_ACT_ERRNO);
	CHECK(plain_allows(p, 0, "kexec_load"));
	REQUIRE(profile_allow_syscall(p, "kexec_load", &err) == 0);
	CHECK_INT(p->nrules, 40);
	CHECK(!plain_allows(p, 0, "kexec_load"));
	CHECK_INT(p->rules[1].action, PROFILE_ACT_ALLOW);
	CHECK(plain_allows(p, 1, "kexec_load"));
	CHECK_INT(profile_edits(p), 1);
	profile_diff(p, &diff);
	CHECK_INT(diff_lines(strbuf_str(&diff), '-', line, sizeof(line)), 1);
	CHECK_STR(line, "-\t\t\t\t\"kexec_load\",");
	CHECK_INT(diff_lines(strbuf_str(&diff), '+', line, sizeof(line)), 1);
	CHECK_STR(line, "+\t\t\t\t\"kexec_load\",");
	CHECK(!profile_has_errors(p));
	/* one undo step puts both back */
	CHECK_INT(profile_undo(p), 0);
	CHECK(!profile_is_modified(p));
	strbuf_release(&diff);
	profile_free(p);
}

/* moby's TestSeccomp profile: the default allows, a rule refuses */
TEST(profile_allow_under_an_allowing_default)
{
	check_allow(
		"{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"chown\",\"chown32\",\"fchownat\"],\"action\":\"SCMP_ACT_ERRNO\"}]}",
		PROFILE_FORMAT_AUTO, "chown32",
		"{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"chown\",\"fchownat\"],\"action\":\"SCMP_ACT_ERRNO\"}]}");
	/* a refusing rule left without names goes; a conditional one stays */
	check_allow(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"ptrace\"],\"action\":\"SCMP_ACT_KILL\"},{\"name\":\"ptrace\",\"action\":\"SCMP_ACT_TRAP\"},{\"names\":[\"ptrace\"],\"action\":\"SCMP_ACT_ERRNO\",\"args\":[{\"index\":0,\"value\":16,\"op\":\"SCMP_CMP_EQ\"}]},{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\"}]}",
		PROFILE_FORMAT_AUTO, "ptrace",
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"ptrace\"],\"action\":\"SCMP_ACT_ERRNO\",\"args\":[{\"index\":0,\"value\":16,\"op\":\"SCMP_CMP_EQ\"}]},{\"names\":[\"ptrace\",\"read\"],\"action\":\"SCMP_ACT_ALLOW\"}]}");
	/* after the allow rule, a refusing rule does not matter */
	check_allow(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\"},{\"names\":[\"write\"],\"action\":\"SCMP_ACT_KILL\"}]}",
		PROFILE_FORMAT_AUTO, "write",
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\",\"write\"],\"action\":\"SCMP_ACT_ALLOW\"},{\"names\":[\"write\"],\"action\":\"SCMP_ACT_KILL\"}]}");
}

/* Allow NAME in TEXT (format F) and compare with WANT. */
static void check_allow(const char *text, enum profile_format f,
			const char *name, const char *want)
{
	struct profile *p = tp_parse(text, f);
	struct err err = {""};

	if (profile_allow_syscall(p, name, &err) < 0) {
		test_fail(__FILE__, __LINE__, "%s", err.msg);
		test_end();
	}
	CHECK_STR(p->text, want);
	CHECK(!profile_has_errors(p));
	CHECK_INT(p->format, f == PROFILE_FORMAT_AUTO ? p->format : f);
	profile_free(p);
}

TEST(profile_allow_in_each_layout)
{
	/* tabs, empty syscalls */
	check_allow(
		"{\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\n\t\"syscalls\": []\n}",
		PROFILE_FORMAT_AUTO, "read",
		"{\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\n\t\"syscalls\": [\n\t\t{\n\t\t\t\"names\": [\n\t\t\t\t\"read\"\n\t\t\t],\n"
		"\t\t\t\"action\": \"SCMP_ACT_ALLOW\"\n\t\t}\n\t]\n}");
	/* two spaces, a trailing newline kept */
	check_allow(
		"{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"syscalls\": []\n}\n",
		PROFILE_FORMAT_AUTO, "read",
		"{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"syscalls\": [\n    {\n      \"names\": [\n        \"read\"\n      ],\n"
		"      \"action\": \"SCMP_ACT_ALLOW\"\n    }\n  ]\n}\n");
	/* four spaces, an existing rule with a condition: a new rule */
	check_allow(
		"{\n    \"defaultAction\": \"SCMP_ACT_ERRNO\",\n    \"syscalls\": [\n        {\n            \"names\": [\"a\"],\n"
		"            \"action\": \"SCMP_ACT_ALLOW\",\n            \"includes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}\n        }\n"
		"    ]\n}\n",
		PROFILE_FORMAT_AUTO, "read",
		"{\n    \"defaultAction\": \"SCMP_ACT_ERRNO\",\n    \"syscalls\": [\n        {\n            \"names\": [\"a\"],\n"
		"            \"action\": \"SCMP_ACT_ALLOW\",\n            \"includes\": {\"caps\": [\"CAP_SYS_ADMIN\"]}\n        },\n"
		"        {\n            \"names\": [\"read\"],\n            \"action\": \"SCMP_ACT_ALLOW\"\n        }\n    ]\n}\n");
	/* one line, Go's compact separators */
	check_allow(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[]}",
		PROFILE_FORMAT_AUTO, "read",
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\"}]}");
	/* one line with spaces; the plain rule gains the name */
	check_allow(
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
		PROFILE_FORMAT_AUTO, "write",
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\", \"write\"], \"action\": \"SCMP_ACT_ALLOW\"}]}");
	/* names before the first: in order */
	check_allow(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\",\"write\"],\"action\":\"SCMP_ACT_ALLOW\"}]}",
		PROFILE_FORMAT_AUTO, "close",
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"close\",\"read\",\"write\"],\"action\":\"SCMP_ACT_ALLOW\"}]}");
	/* not sorted: at the end */
	check_allow(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"write\",\"read\"],\"action\":\"SCMP_ACT_ALLOW\"}]}",
		PROFILE_FORMAT_AUTO, "close",
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"write\",\"read\",\"close\"],\"action\":\"SCMP_ACT_ALLOW\"}]}");
	/* CRLF stays CRLF */
	check_allow(
		"{\r\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\r\n\t\"syscalls\": []\r\n}\r\n",
		PROFILE_FORMAT_AUTO, "read",
		"{\r\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\r\n\t\"syscalls\": [\r\n\t\t{\r\n\t\t\t\"names\": [\r\n\t\t\t\t\"read\"\r\n\t\t\t],\r\n\t\t\t\"action\": \"SCMP_ACT_ALLOW\"\r\n\t\t}\r\n\t]\r\n}\r\n");
}

TEST(profile_allow_joins_a_one_line_names_list)
{
	struct profile *p = tp_load("moby-fixture-conditional_include.json");
	struct err err;

	REQUIRE(profile_allow_syscall(p, "chown", &err) == 0);
	CHECK_CONTAINS(p->text,
		       "\n    {\n      \"names\": [\"chmod\", \"chown\"],\n"
		       "      \"action\": \"SCMP_ACT_ALLOW\"\n    },\n");
	CHECK_INT(p->rules[0].nnames, 2);
	profile_free(p);
}

TEST(profile_allow_creates_or_replaces_syscalls)
{
	check_allow(
		"{\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\"\n}",
		PROFILE_FORMAT_AUTO, "read",
		"{\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\n\t\"syscalls\": [\n\t\t{\n\t\t\t\"names\": [\n\t\t\t\t\"read\"\n\t\t\t],\n"
		"\t\t\t\"action\": \"SCMP_ACT_ALLOW\"\n\t\t}\n\t]\n}");
	check_allow(
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":null}",
		PROFILE_FORMAT_AUTO, "read",
		"{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\"}]}");
}

TEST(profile_allow_legacy_profile_gets_a_new_rule)
{
	struct profile *p = tp_load("moby-fixture-example.json");
	struct err err;

	/* every rule has a legacy "name": none is the plain allow rule */
	REQUIRE(profile_allow_syscall(p, "read", &err) == 0);
	REQUIRE(p->nrules == 5);
	CHECK_STR(p->rules[4].names[0], "read");
	CHECK_INT(p->rules[4].action, PROFILE_ACT_ALLOW);
	CHECK(!p->rules[4].legacy_name);
	CHECK_CONTAINS(
		p->text,
		"            \"args\": []\n        },\n        {\n"
		"            \"names\": [\n                \"read\"\n"
		"            ],\n            \"action\": \"SCMP_ACT_ALLOW\"\n        }\n    ]\n}\n");
	/* the next one joins that rule */
	REQUIRE(profile_allow_syscall(p, "write", &err) == 0);
	CHECK_INT(p->nrules, 5);
	CHECK_INT(p->rules[4].nnames, 2);
	profile_free(p);
}

TEST(profile_allow_in_oci_config_json)
{
	const char *head =
		"{\n  \"ociVersion\": \"1.2.0\",\n  \"process\": {\"args\": [\"sh\"]},\n  \"linux\": {\n    \"seccomp\": {\n      \"defaultAction\": \"SCMP_ACT_ERRNO\",\n      \"syscalls\": [";
	const char *tail = "]\n    },\n    \"namespaces\": []\n  }\n}\n";
	struct strbuf text = STRBUF_INIT;
	struct profile *p;
	struct err err;
	struct profile_arg arg = {0, PROFILE_OP_EQ, 1, 0};
	size_t hl = strlen(head), tl = strlen(tail);

	strbuf_adds(&text, head);
	strbuf_adds(&text, tail);
	p = tp_parse(strbuf_str(&text), PROFILE_FORMAT_AUTO);
	CHECK_INT(p->format, PROFILE_FORMAT_OCI);
	REQUIRE(profile_allow_syscall(p, "read", &err) == 0);
	REQUIRE(profile_allow_with_args(p, "personality", &arg, 1, "why",
					&err) == 0);
	CHECK_INT(p->format, PROFILE_FORMAT_OCI);
	REQUIRE(p->nrules == 2);
	CHECK(!memcmp(p->text, head, hl - 1));
	CHECK(!memcmp(p->text + p->len - tl + 1, tail + 1, tl - 1));
	CHECK_STR(
		p->text,
		"{\n  \"ociVersion\": \"1.2.0\",\n  \"process\": {\"args\": [\"sh\"]},\n  \"linux\": {\n    \"seccomp\": {\n      \"defaultAction\": \"SCMP_ACT_ERRNO\",\n      \"syscalls\": [\n"
		"        {\n          \"names\": [\n            \"read\"\n"
		"          ],\n          \"action\": \"SCMP_ACT_ALLOW\"\n"
		"        },\n        {\n          \"names\": [\n            \"personality\"\n          ],\n          \"action\": \"SCMP_ACT_ALLOW\",\n          \"args\": [\n            {\n"
		"              \"index\": 0,\n              \"value\": 1,\n"
		"              \"op\": \"SCMP_CMP_EQ\"\n            }\n"
		"          ]\n        }\n      ]\n    },\n    \"namespaces\": []\n  }\n}\n");
	/* no "comment": OCI rules have none */
	CHECK_INT(p->ndiags, 0);
	strbuf_release(&text);
	profile_free(p);
}

TEST(profile_allow_with_args_writes_a_rule)
{
	struct profile_arg args[2] = {
		{0, PROFILE_OP_MASKED_EQ, 0x7e020000, 0},
		{3, PROFILE_OP_NE, 18446744073709551615ull, 0},
	};
	struct profile *p = tp_parse(
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": []}",
		PROFILE_FORMAT_AUTO);
	struct err err;

	REQUIRE(profile_allow_with_args(p, "clone", args, 2,
					"from \"seccompdbg\"\n\x1b[0m",
					&err) == 0);
	CHECK_STR(
		p->text,
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"clone\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 2114060288, \"valueTwo\": 0, \"op\": \"SCMP_CMP_MASKED_EQ\"}, {\"index\": 3, \"value\": 18446744073709551615, \"op\": \"SCMP_CMP_NE\"}], \"comment\": \"from \\\"seccompdbg\\\"\\n\\u001b[0m\"}]}");
	REQUIRE(p->nrules == 1);
	REQUIRE(p->rules[0].nargs == 2);
	CHECK_INT(p->rules[0].args[0].op, PROFILE_OP_MASKED_EQ);
	CHECK_U64(p->rules[0].args[0].value, 0x7e020000);
	CHECK_INT(p->rules[0].args[1].index, 3);
	CHECK_U64(p->rules[0].args[1].value, UINT64_MAX);
	CHECK_STR(p->rules[0].comment, "from \"seccompdbg\"\n\x1b[0m");
	CHECK_INT(p->ndiags, 0);
	profile_free(p);
}

TEST(profile_edits_refuse_what_they_cannot_do)
{
	struct profile_arg bad_index = {6, PROFILE_OP_EQ, 1, 0};
	struct profile_arg twice[2] = {{0, PROFILE_OP_EQ, 1, 0},
				       {0, PROFILE_OP_EQ, 2, 0}};
	struct profile_arg bad_op = {0, 0, 1, 0};
	struct profile *p = tp_parse("{}", PROFILE_FORMAT_AUTO);
	struct err err;

	CHECK_INT(profile_allow_syscall(p, "read", &err), -EINVAL);
	CHECK_CONTAINS(err.msg, "unconfined");
	profile_free(p);
	p = tp_parse("{\"defaultAction\":\"SCMP_ACT_ERRNO\"}",
		     PROFILE_FORMAT_AUTO);
	CHECK_INT(profile_allow_syscall(p, "", &err), -EINVAL);
	CHECK_INT(profile_allow_syscall(p, "a\"b", &err), -EINVAL);
	CHECK_INT(profile_allow_syscall(p, "Read", &err), -EINVAL);
	CHECK_INT(profile_allow_with_args(p, "read", &bad_index, 1, NULL, &err),
		  -EINVAL);
	CHECK_CONTAINS(err.msg, "argument index 6 is out of range");
	CHECK_INT(profile_allow_with_args(p, "read", twice, 2, NULL, &err),
		  -EINVAL);
	CHECK_CONTAINS(err.msg, "runc would OR the conditions");
	CHECK_INT(profile_allow_with_args(p, "read", &bad_op, 1, NULL, &err),
		  -EINVAL);
	CHECK_INT(profile_edits(p), 0);
	CHECK(!profile_is_modified(p));
	CHECK_INT(profile_undo(p), -ENOENT);
	profile_free(p);
}

TEST(profile_allow_noted_keeps_its_own_rule)
{
	static const char note[] = "seccompdbg: the calls runc makes itself";
	struct profile *p = tp_parse(
		"{\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\n\t\"syscalls\": [\n\t\t{\n\t\t\t\"names\": [\n\t\t\t\t\"kexec_load\"\n\t\t\t],\n\t\t\t\"action\": \"SCMP_ACT_ERRNO\"\n\t\t}\n\t]\n}\n",
		PROFILE_FORMAT_DOCKER);
	struct err err = {""};

	/* no plain allow rule yet: the noted one is made, not taken for it */
	REQUIRE(profile_allow_syscall_noted(p, "capset", note, &err) == 0);
	REQUIRE(profile_allow_syscall_noted(p, "kexec_load", note, &err) == 0);
	REQUIRE(profile_allow_syscall(p, "mkdir", &err) == 0);
	CHECK(!profile_has_errors(p));
	REQUIRE(p->nrules == 2);
	CHECK_STR(p->rules[0].comment, note);
	CHECK_INT(p->rules[0].nnames, 2);
	CHECK_STR(p->rules[0].names[0], "capset");
	/* the refusing rule lost its only name and went */
	CHECK_STR(p->rules[0].names[1], "kexec_load");
	CHECK(!p->rules[1].comment);
	CHECK_INT(p->rules[1].nnames, 1);
	CHECK_STR(p->rules[1].names[0], "mkdir");
	/* allowed already, wherever: nothing to do */
	CHECK_INT(profile_edits(p), 3);
	REQUIRE(profile_allow_syscall_noted(p, "mkdir", note, &err) == 0);
	CHECK_INT(profile_edits(p), 3);
	CHECK(profile_allow_syscall_noted(p, "read", "no prefix", &err) ==
	      -EINVAL);
	profile_free(p);
}

/* The profile as loaded, read again after edits: the view's diff judges
 * it against the edited one (session_diff). */
TEST(profile_loaded_is_the_text_before_every_edit)
{
	struct profile *p = tp_load("moby-default.json"), *q;
	char *before = xstrdup(p->text);
	size_t nrules = p->nrules, nnames = p->rules[0].nnames;
	struct err err;

	/* unedited: the same text */
	REQUIRE(profile_loaded(p, &q, &err) == 0);
	CHECK_STR(q->text, before);
	profile_free(q);
	REQUIRE(profile_allow_syscall(p, "kexec_load", &err) == 0);
	REQUIRE(profile_allow_syscall(p, "unshare", &err) == 0);
	CHECK_INT(p->rules[0].nnames, nnames + 2);
	REQUIRE(profile_loaded(p, &q, &err) == 0);
	CHECK_STR(q->text, before);
	CHECK_STR(q->file, p->file);
	CHECK_INT(q->nrules, nrules);
	CHECK_INT(q->rules[0].nnames, nnames);
	CHECK(!profile_is_modified(q));
	CHECK(!plain_allows(q, 0, "kexec_load"));
	profile_free(q);
	/* the edited one is untouched */
	CHECK(plain_allows(p, 0, "kexec_load"));
	CHECK_INT(profile_edits(p), 2);
	free(before);
	profile_free(p);
}
