// SPDX-License-Identifier: Apache-2.0
/*
 * Helpers for the profile and resolve tests (see test_profile.h).
 */
#include <stdlib.h>
#include <string.h>

#include "test_profile.h"

const struct tp_file tp_files[] = {
	{"moby-default.json", true},
	{"moby-fixture-conditional_include.json", true},
	{"moby-fixture-default-old-format.json", true},
	{"moby-fixture-example.json", true},
	{"moby-oci-fixture-default.json", true},
	{"moby-oci-fixture-example.json", true},
	{"oci-schema-config-linux.json", true}, /* a config.json, no seccomp */
	{"oci-schema-defs-linux.json", false},
	{"oci-schema-defs.json", false},
	{"podman-default-containers-common.json", true},
	{"podman-default.json", true},
	{"podman-fixture-example.json", true},
	{"runc-seccomp_syscall_test1.json", true},
	{"runc-seccomp_syscall_test2.json", true},
};
const size_t tp_nfiles = ARRAY_SIZE(tp_files);

struct profile *tp_parse(const char *text, enum profile_format f)
{
	struct profile *p = NULL;
	struct err err = {""};
	int rc = profile_parse("t.json", text, strlen(text), f, &p, &err);

	if (rc < 0) {
		test_fail(__FILE__, __LINE__, "does not load: %s\n%s", err.msg,
			  text);
		test_end();
	}
	return p;
}

const char *tp_refuse(const char *text, enum profile_format f)
{
	static struct err err;
	struct profile *p = NULL;
	int rc = profile_parse("t.json", text, strlen(text), f, &p, &err);

	if (rc >= 0) {
		test_fail(__FILE__, __LINE__, "loads but should not:\n%s",
			  text);
		profile_free(p);
		test_end();
	}
	CHECK_INT(rc, -22);
	return err.msg;
}

const struct profile_diag *tp_diag(const struct profile *p, const char *path)
{
	size_t i;

	for (i = 0; i < p->ndiags; i++)
		if (!strcmp(p->diags[i].path, path))
			return &p->diags[i];
	return NULL;
}

const char *tp_diags(const struct profile *p)
{
	static struct strbuf sb;
	size_t i;

	strbuf_reset(&sb);
	for (i = 0; i < p->ndiags; i++) {
		strbuf_adds(&sb, "      ");
		profile_diag_format(p, &p->diags[i], &sb);
		strbuf_addc(&sb, '\n');
	}
	return strbuf_str(&sb);
}

char *tp_read(const char *path, size_t *len)
{
	char *data = NULL;
	struct err err;

	if (read_file(path, 1 << 26, &data, len, &err) < 0) {
		test_fail(__FILE__, __LINE__, "%s", err.msg);
		test_end();
	}
	return data;
}

unsigned tp_col(const char *text, const char *needle)
{
	const char *at = strstr(text, needle);

	REQUIRE(at);
	return (unsigned)(at - text) + 1;
}

struct profile *tp_load(const char *name)
{
	char rel[128];
	struct profile *p = NULL;
	struct err err = {""};

	snprintf(rel, sizeof(rel), "profiles/%s", name);
	if (profile_load(test_data(rel), PROFILE_FORMAT_AUTO, &p, &err) < 0) {
		test_fail(__FILE__, __LINE__, "%s: %s", name, err.msg);
		test_end();
	}
	return p;
}
