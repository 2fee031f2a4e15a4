// SPDX-License-Identifier: Apache-2.0
/*
 * profile_oci_merge: linux.seccomp put into a config.json, every other
 * byte kept, in the file's own indentation.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/doc.h"
#include "test_profile.h"

static struct doc *seccomp(void)
{
	struct doc *o = doc_object(), *names = doc_array(),
		   *rule = doc_object();
	struct doc *rules = doc_array();

	doc_put_str(o, "defaultAction", "SCMP_ACT_ERRNO");
	doc_push(names, doc_str("read"));
	doc_put(rule, "names", names);
	doc_put_str(rule, "action", "SCMP_ACT_ALLOW");
	doc_push(rules, rule);
	doc_put(o, "syscalls", rules);
	return o;
}

static const char *merge(const char *config)
{
	static char buf[4096];
	struct strbuf out = STRBUF_INIT;
	struct doc *v = seccomp();
	struct err err;

	if (profile_oci_merge("config.json", config, strlen(config), v, &out,
			      &err) < 0)
		snprintf(buf, sizeof(buf), "ERROR %s", err.msg);
	else
		snprintf(buf, sizeof(buf), "%s", out.buf);
	strbuf_release(&out);
	doc_free(v);
	return buf;
}

TEST(profile_oci_merge_adds_to_linux)
{
	CHECK_STR(merge("{\n"
			"\t\"ociVersion\": \"1.0.2\",\n"
			"\t\"linux\": {\n"
			"\t\t\"namespaces\": [\n"
			"\t\t\t{\n\t\t\t\t\"type\": \"pid\"\n\t\t\t}\n"
			"\t\t]\n"
			"\t}\n"
			"}\n"),
		  "{\n"
		  "\t\"ociVersion\": \"1.0.2\",\n"
		  "\t\"linux\": {\n"
		  "\t\t\"namespaces\": [\n"
		  "\t\t\t{\n\t\t\t\t\"type\": \"pid\"\n\t\t\t}\n"
		  "\t\t],\n"
		  "\t\t\"seccomp\": {\n"
		  "\t\t\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
		  "\t\t\t\"syscalls\": [\n"
		  "\t\t\t\t{\n"
		  "\t\t\t\t\t\"names\": [\n\t\t\t\t\t\t\"read\"\n\t\t\t\t\t],\n"
		  "\t\t\t\t\t\"action\": \"SCMP_ACT_ALLOW\"\n"
		  "\t\t\t\t}\n"
		  "\t\t\t]\n"
		  "\t\t}\n"
		  "\t}\n"
		  "}\n");
}

TEST(profile_oci_merge_replaces_and_keeps_the_indent)
{
	/* four spaces, an old seccomp between other members */
	CHECK_STR(
		merge("{\n"
		      "    \"linux\": {\n"
		      "        \"seccomp\": {\"defaultAction\": \"SCMP_ACT_ALLOW\"},\n"
		      "        \"rootfsPropagation\": \"private\"\n"
		      "    },\n"
		      "    \"hostname\": \"x\"\n"
		      "}"),
		"{\n"
		"    \"linux\": {\n"
		"        \"seccomp\": {\n"
		"            \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
		"            \"syscalls\": [\n"
		"                {\n"
		"                    \"names\": [\n"
		"                        \"read\"\n"
		"                    ],\n"
		"                    \"action\": \"SCMP_ACT_ALLOW\"\n"
		"                }\n"
		"            ]\n"
		"        },\n"
		"        \"rootfsPropagation\": \"private\"\n"
		"    },\n"
		"    \"hostname\": \"x\"\n"
		"}");
}

TEST(profile_oci_merge_makes_linux)
{
	CHECK_STR(merge("{\n  \"ociVersion\": \"1.0.2\"\n}\n"),
		  "{\n  \"ociVersion\": \"1.0.2\",\n"
		  "  \"linux\": {\n"
		  "    \"seccomp\": {\n"
		  "      \"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
		  "      \"syscalls\": [\n"
		  "        {\n"
		  "          \"names\": [\n            \"read\"\n          ],\n"
		  "          \"action\": \"SCMP_ACT_ALLOW\"\n"
		  "        }\n"
		  "      ]\n"
		  "    }\n"
		  "  }\n"
		  "}\n");
	/* one line stays one line */
	CHECK_STR(merge("{\"ociVersion\":\"1.0.2\",\"linux\":{}}"),
		  "{\"ociVersion\":\"1.0.2\",\"linux\":{\"seccomp\":"
		  "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":"
		  "[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\"}]}}}");
}

TEST(profile_oci_merge_refuses_what_is_not_a_config)
{
	CHECK_STR(
		merge("{\n\t\"linux\": [1,]\n}"),
		"ERROR config.json:2:14: expected a value, found ']' (JSON allows no trailing comma)");
	CHECK_STR(
		merge("{\n\t\"linux\": 3\n}"),
		"ERROR config.json:2:11: linux: expected an object, found a number");
	CHECK_STR(merge("[]"), "ERROR config.json: not a JSON object");
}
