// SPDX-License-Identifier: Apache-2.0
/*
 * A new profile that refuses everything: what `seccompdbg record` starts
 * from when it has no base profile, with the ABIs of the host's family,
 * so that 32-bit calls reach the rules too. json-c writes it in the
 * layout of moby's default.json (tab indents, "key": value, one value a
 * line, moby's key order), and writes it again after every edit (edit.c),
 * so what record saves has Docker's own layout whatever the edits were.
 * It ends with a newline (moby's generator leaves it out; editors and git
 * prefer it).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/doc.h"
#include "seccompdbg/sysent.h"

/* The sub-architectures of moby's default archMap, per host. */
static const struct {
	const char *host, *subs[2];
} families[] = {
	{"SCMP_ARCH_X86_64", {"SCMP_ARCH_X86", "SCMP_ARCH_X32"}},
	{"SCMP_ARCH_AARCH64", {"SCMP_ARCH_ARM"}},
	{"SCMP_ARCH_MIPS64", {"SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64N32"}},
	{"SCMP_ARCH_MIPS64N32", {"SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64"}},
	{"SCMP_ARCH_MIPSEL64", {"SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64N32"}},
	{"SCMP_ARCH_MIPSEL64N32", {"SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64"}},
	{"SCMP_ARCH_S390X", {"SCMP_ARCH_S390"}},
};

static struct doc *family(void)
{
	const char *host = sysent_arch_native()->scmp;
	struct doc *list = doc_array();
	size_t i, j;

	doc_push(list, doc_str(host));
	for (i = 0; i < ARRAY_SIZE(families); i++) {
		if (strcmp(families[i].host, host))
			continue;
		for (j = 0; j < 2 && families[i].subs[j]; j++)
			doc_push(list, doc_str(families[i].subs[j]));
	}
	return list;
}

static struct doc *empty_seccomp(enum profile_format format)
{
	struct doc *o = doc_object();

	doc_put_str(o, "defaultAction", "SCMP_ACT_ERRNO");
	doc_put_uint(o, "defaultErrnoRet", 1);
	/* podman writes the name too, and reads it first */
	if (format == PROFILE_FORMAT_CONTAINERS)
		doc_put_str(o, "defaultErrno", "EPERM");
	doc_put(o, "architectures", family());
	doc_put(o, "syscalls", doc_array());
	return o;
}

/* TEXT as json-c writes it, in P's place (a new profile's text). */
static void render(const struct doc *v, struct strbuf *out)
{
	doc_write_json(v, DOC_PRETTY, out);
	strbuf_addc(out, '\n');
}

struct profile *profile_new_empty(enum profile_format format)
{
	struct strbuf sb = STRBUF_INIT;
	struct profile *p = xcalloc(1, sizeof(*p));
	struct doc *top = empty_seccomp(format), *linux_obj;
	size_t len;
	int rc;

	if (format == PROFILE_FORMAT_OCI) {
		/* a config.json fragment: its linux.seccomp */
		linux_obj = doc_object();
		doc_put(linux_obj, "seccomp", top);
		top = doc_object();
		doc_put(top, "linux", linux_obj);
	}
	render(top, &sb);
	doc_free(top);
	p->file = xstrdup("(new profile)");
	len = sb.len;
	rc = profile_parse_into(
		p, strbuf_detach(&sb), len,
		format == PROFILE_FORMAT_AUTO ? PROFILE_FORMAT_DOCKER : format,
		NULL);
	assert(rc == 0 && !profile_has_errors(p));
	(void)rc;
	p->generated = true;
	return p;
}

int profile_relayout(struct profile *p, char **text, size_t *len,
		     struct err *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct doc *v;
	int rc;

	rc = doc_parse_json(p->file, p->text, p->len, &v, err);
	if (rc < 0)
		return rc;
	render(v, &sb);
	doc_free(v);
	*len = sb.len;
	*text = strbuf_detach(&sb);
	return 0;
}
