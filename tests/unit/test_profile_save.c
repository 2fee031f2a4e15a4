// SPDX-License-Identifier: Apache-2.0
/*
 * profile: saving, undo, diffs and the empty profile. Loading and saving
 * gives the same bytes, atomically; undo restores the text; diffs are
 * unified diffs; a new profile is written in moby's layout.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/doc.h"
#include "test_profile.h"

static char *temp_dir(void)
{
	char *dir = xstrdup("/tmp/seccompdbg-test-XXXXXX");

	REQUIRE(mkdtemp(dir));
	return dir;
}

static size_t dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	REQUIRE(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.' || strlen(e->d_name) > 2;
	closedir(d);
	return n;
}

TEST(profile_save_unchanged_gives_the_same_bytes)
{
	char *dir = temp_dir(), path[256], rel[128];
	size_t i;

	for (i = 0; i < tp_nfiles; i++) {
		struct profile *p;
		struct err err;
		size_t alen, blen;
		char *a, *b;

		if (!tp_files[i].profile)
			continue;
		p = tp_load(tp_files[i].name);
		snprintf(path, sizeof(path), "%s/out.json", dir);
		REQUIRE(profile_save(p, path, &err) == 0);
		snprintf(rel, sizeof(rel), "profiles/%s", tp_files[i].name);
		a = tp_read(test_data(rel), &alen);
		b = tp_read(path, &blen);
		CHECK_INT(alen, blen);
		CHECK(!memcmp(a, b, alen));
		free(a);
		free(b);
		profile_free(p);
	}
	/* atomic: no temporary file is left beside it */
	CHECK_INT(dir_entries(dir), 1);
	unlink(path);
	rmdir(dir);
	free(dir);
}

TEST(profile_undo_restores_the_text)
{
	struct profile *p = tp_load("moby-fixture-conditional_include.json");
	char *orig = xstrdup(p->text), *one;
	struct strbuf diff = STRBUF_INIT;
	struct err err;

	REQUIRE(profile_allow_syscall(p, "read", &err) == 0);
	one = xstrdup(p->text);
	REQUIRE(profile_allow_syscall(p, "write", &err) == 0);
	CHECK_INT(profile_edits(p), 2);
	CHECK_STR(p->rules[0].names[2], "write");
	CHECK_INT(profile_undo(p), 0);
	CHECK_STR(p->text, one);
	CHECK_INT(p->rules[0].nnames, 2);
	CHECK_INT(profile_edits(p), 1);
	CHECK_INT(profile_undo(p), 0);
	CHECK_STR(p->text, orig);
	CHECK_INT(p->rules[0].nnames, 1);
	CHECK(!profile_is_modified(p));
	profile_diff(p, &diff);
	CHECK_STR(strbuf_str(&diff), "");
	CHECK_INT(profile_undo(p), -ENOENT);
	strbuf_release(&diff);
	free(orig);
	free(one);
	profile_free(p);
}

TEST(profile_diff_is_a_unified_diff)
{
	struct profile *p = tp_parse(
		"{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"syscalls\": [\n    {\n      \"names\": [\n        \"read\"\n      ],\n"
		"      \"action\": \"SCMP_ACT_ALLOW\"\n    }\n"
		"  ]\n}",
		PROFILE_FORMAT_AUTO);
	struct strbuf diff = STRBUF_INIT;
	struct err err;

	REQUIRE(profile_allow_syscall(p, "write", &err) == 0);
	profile_diff(p, &diff);
	CHECK_STR(
		strbuf_str(&diff),
		"--- t.json\n+++ t.json\n@@ -3,7 +3,8 @@\n   \"syscalls\": [\n"
		"     {\n       \"names\": [\n-        \"read\"\n+        \"read\",\n"
		"+        \"write\"\n       ],\n       \"action\": \"SCMP_ACT_ALLOW\"\n     }\n");
	strbuf_release(&diff);
	profile_free(p);
}

TEST(profile_diff_marks_a_missing_final_newline)
{
	struct profile *p = tp_parse("{\"defaultAction\":\"SCMP_ACT_ERRNO\"}",
				     PROFILE_FORMAT_AUTO);
	struct strbuf diff = STRBUF_INIT;
	struct err err;

	REQUIRE(profile_allow_syscall(p, "read", &err) == 0);
	profile_diff(p, &diff);
	CHECK_STR(
		strbuf_str(&diff),
		"--- t.json\n+++ t.json\n@@ -1,1 +1,1 @@\n"
		"-{\"defaultAction\":\"SCMP_ACT_ERRNO\"}\n"
		"\\ No newline at end of file\n"
		"+{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\"}]}\n"
		"\\ No newline at end of file\n");
	strbuf_release(&diff);
	profile_free(p);
}

TEST(profile_new_empty_is_dockers_layout)
{
	struct profile *p = profile_new_empty(PROFILE_FORMAT_DOCKER);
	const char *empty =
		"{\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\n\t\"defaultErrnoRet\": 1,\n\t\"architectures\": [\n\t\t\"SCMP_ARCH_X86_64\",\n\t\t\"SCMP_ARCH_X86\",\n\t\t\"SCMP_ARCH_X32\"\n\t],\n\t\"syscalls\": []\n}\n";
	struct profile_arg arg = {0, PROFILE_OP_EQ, 2, 0};
	struct err err;

	CHECK_STR(p->text, empty);
	CHECK_INT(p->format, PROFILE_FORMAT_DOCKER);
	CHECK_INT(p->default_action, PROFILE_ACT_ERRNO);
	CHECK_INT(p->default_errno, 1);
	CHECK_INT(p->narchitectures, 3);
	CHECK_INT(p->ndiags, 0);
	REQUIRE(profile_allow_syscall(p, "read", &err) == 0);
	REQUIRE(profile_allow_syscall(p, "exit_group", &err) == 0);
	CHECK_STR(
		p->text,
		"{\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\n\t\"defaultErrnoRet\": 1,\n\t\"architectures\": [\n\t\t\"SCMP_ARCH_X86_64\",\n\t\t\"SCMP_ARCH_X86\",\n\t\t\"SCMP_ARCH_X32\"\n\t],\n\t\"syscalls\": [\n\t\t{\n\t\t\t\"names\": [\n\t\t\t\t\"exit_group\",\n\t\t\t\t\"read\"\n\t\t\t],\n\t\t\t\"action\": \"SCMP_ACT_ALLOW\"\n\t\t}\n\t]\n}\n");
	profile_free(p);

	/* and a rule with conditions after it, in the same layout */
	p = profile_new_empty(PROFILE_FORMAT_DOCKER);
	REQUIRE(profile_allow_with_args(p, "socket", &arg, 1, "AF_INET only",
					&err) == 0);
	CHECK_CONTAINS(
		p->text,
		"\t\"syscalls\": [\n\t\t{\n\t\t\t\"names\": [\n\t\t\t\t\"socket\"\n\t\t\t],\n\t\t\t\"action\": \"SCMP_ACT_ALLOW\",\n\t\t\t\"args\": [\n\t\t\t\t{\n\t\t\t\t\t\"index\": 0,\n"
		"\t\t\t\t\t\"value\": 2,\n\t\t\t\t\t\"op\": \"SCMP_CMP_EQ\"\n"
		"\t\t\t\t}\n\t\t\t],\n\t\t\t\"comment\": \"AF_INET only\"\n"
		"\t\t}\n\t]\n}\n");
	CHECK_INT(p->ndiags, 0);
	profile_free(p);

	p = profile_new_empty(PROFILE_FORMAT_CONTAINERS);
	CHECK_INT(p->format, PROFILE_FORMAT_CONTAINERS);
	CHECK_CONTAINS(
		p->text,
		"\"defaultErrnoRet\": 1,\n\t\"defaultErrno\": \"EPERM\",\n");
	CHECK_INT(p->ndiags, 0);
	profile_free(p);

	p = profile_new_empty(PROFILE_FORMAT_OCI);
	CHECK_INT(p->format, PROFILE_FORMAT_OCI);
	CHECK(str_has_prefix(p->text, "{\n\t\"linux\": {\n\t\t\"seccomp\": {\n"
				      "\t\t\t\"defaultAction\""));
	REQUIRE(profile_allow_syscall(p, "read", &err) == 0);
	CHECK_STR(profile_path_prefix(p), "linux.seccomp.");
	CHECK_CONTAINS(
		p->text,
		"\t\t\t\"syscalls\": [\n\t\t\t\t{\n\t\t\t\t\t\"names\": [\n\t\t\t\t\t\t\"read\"\n");
	CHECK_INT(p->ndiags, 0);
	profile_free(p);
}

/* What record makes from nothing is what json-c writes, edit after edit:
 * the layout of Docker's own default (test_doc.c holds json-c to it). */
TEST(profile_new_keeps_json_c_layout_through_edits)
{
	struct profile *p = profile_new_empty(PROFILE_FORMAT_DOCKER);
	struct profile_arg args[2] = {{0, PROFILE_OP_MASKED_EQ, 0x10000000, 0},
				      {2, PROFILE_OP_NE, 5, 0}};
	struct strbuf sb = STRBUF_INIT;
	struct doc *v = NULL;
	struct err err;

	REQUIRE(profile_allow_with_args(p, "clone", args, 2,
					"tab\tquote\" \xc3\xa9 del\x7f",
					&err) == 0);
	REQUIRE(profile_allow_syscall(p, "read", &err) == 0);
	REQUIRE(profile_allow_with_args(p, "personality", args + 1, 1, NULL,
					&err) == 0);
	REQUIRE(profile_allow_syscall(p, "write", &err) == 0);
	REQUIRE(profile_allow_arch(p, "SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64",
				   &err) == 0);
	REQUIRE(doc_parse_json("t", p->text, p->len, &v, &err) == 0);
	doc_write_json(v, DOC_PRETTY, &sb);
	strbuf_addc(&sb, '\n');
	CHECK_STR(p->text, sb.buf);
	/* DEL escaped, as everywhere in what we write (doc.h) */
	CHECK_CONTAINS(
		p->text,
		"\t\t\t\"comment\": \"tab\\tquote\\\" \xc3\xa9 del\\u007f\"\n");
	CHECK_CONTAINS(p->text,
		       "\t\"architectures\": [\n\t\t\"SCMP_ARCH_X86_64\",\n"
		       "\t\t\"SCMP_ARCH_X86\",\n\t\t\"SCMP_ARCH_X32\",\n"
		       "\t\t\"SCMP_ARCH_AARCH64\"\n\t],\n");
	CHECK_INT(p->ndiags, 0);
	REQUIRE(profile_undo(p) == 0);
	CHECK(!strstr(p->text, "AARCH64"));
	strbuf_release(&sb);
	doc_free(v);
	profile_free(p);
}
