// SPDX-License-Identifier: Apache-2.0
/*
 * A new profile that refuses everything: what `seccompdbg record` starts
 * from when it has no base profile. It is written the way moby writes
 * default.json (tab indent, ": ", moby's key order) with the ABIs of the
 * host's family, so that 32-bit calls reach the rules too, and ends with a
 * newline (moby's generator leaves it out; editors and git prefer it).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
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

static size_t family(struct profile_out *out)
{
	const char *host = sysent_arch_native()->scmp;
	size_t n = 0, i, j;

	out[n++] = profile_out_str(NULL, host);
	for (i = 0; i < ARRAY_SIZE(families); i++) {
		if (strcmp(families[i].host, host))
			continue;
		for (j = 0; j < 2 && families[i].subs[j]; j++)
			out[n++] = profile_out_str(NULL, families[i].subs[j]);
	}
	return n;
}

struct profile *profile_new_empty(enum profile_format format)
{
	struct profile_style st = {false, "\t", ": ", ", ", false, "\n"};
	struct profile_out arches[3], members[5], seccomp, linux_obj, top;
	struct strbuf sb = STRBUF_INIT;
	struct profile *p = xcalloc(1, sizeof(*p));
	size_t n = 0, len;
	int rc;

	members[n++] = profile_out_str("defaultAction", "SCMP_ACT_ERRNO");
	members[n++] = profile_out_num("defaultErrnoRet", 1);
	/* podman writes the name too, and reads it first */
	if (format == PROFILE_FORMAT_CONTAINERS)
		members[n++] = profile_out_str("defaultErrno", "EPERM");
	members[n++] = profile_out_list(false, "architectures", arches,
					family(arches), false);
	members[n++] = profile_out_list(false, "syscalls", NULL, 0, false);
	seccomp = profile_out_list(true, "seccomp", members, n, false);
	top = seccomp;
	if (format == PROFILE_FORMAT_OCI) {
		/* a config.json fragment: its linux.seccomp */
		linux_obj = profile_out_list(true, "linux", &seccomp, 1, false);
		top = profile_out_list(true, NULL, &linux_obj, 1, false);
	}
	profile_render(&st, "", &top, &sb);
	strbuf_addc(&sb, '\n');
	p->file = xstrdup("(new profile)");
	len = sb.len;
	rc = profile_parse_into(
		p, strbuf_detach(&sb), len,
		format == PROFILE_FORMAT_AUTO ? PROFILE_FORMAT_DOCKER : format,
		NULL);
	assert(rc == 0 && !profile_has_errors(p));
	(void)rc;
	return p;
}
