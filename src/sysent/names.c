// SPDX-License-Identifier: Apache-2.0
/*
 * System call names and numbers, from libseccomp's table. Number-to-name
 * lookups are cached: libseccomp hands out a fresh string each time and
 * the supervisor asks at every stop.
 */
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/sysent.h"
#include "seccompdbg/util.h"

int sysent_nr(uint32_t arch, const char *name)
{
	int nr;

	if (!name[0])
		return SYSENT_NR_UNKNOWN;
	nr = seccomp_syscall_resolve_name_arch(arch, name);
	return nr == __NR_SCMP_ERROR ? SYSENT_NR_UNKNOWN : nr;
}

/* libseccomp's pseudo-numbers of the multiplexed calls: -100 - SYS_*,
   -200 - the IPC call. */
#define PNR_SOCKET_FIRST (-120)
#define PNR_SOCKET_LAST	 (-100)
#define PNR_IPC_FIRST	 (-224)
#define PNR_IPC_LAST	 (-200)
/* A multiplexing architecture's direct numbers lie within 1000 of its
   socketcall (mips o32 counts from 4000). */
#define DIRECT_SPAN 1000

bool sysent_multiplexed(uint32_t arch, const char *name, struct sysent_mux *out)
{
	int nr = sysent_nr(arch, name), base, i;
	const char *other;

	if (nr >= PNR_SOCKET_FIRST && nr <= PNR_SOCKET_LAST) {
		out->mux = sysent_nr(arch, "socketcall");
		out->code = (unsigned)(-nr - 100);
	} else if (nr >= PNR_IPC_FIRST && nr <= PNR_IPC_LAST) {
		out->mux = sysent_nr(arch, "ipc");
		out->code = (unsigned)(-nr - 200);
	} else {
		return false;
	}
	if (out->mux < 0)
		return false; /* x86_64: the call exists only elsewhere */
	out->direct = -1;
	base = out->mux / DIRECT_SPAN * DIRECT_SPAN;
	for (i = 0; i < DIRECT_SPAN && out->direct < 0; i++) {
		other = sysent_name(arch, base + i);
		if (other && !strcmp(other, name))
			out->direct = base + i;
	}
	return true;
}

bool sysent_is_known(const char *name)
{
	return sysent_nr(sysent_arch_native()->token, name) !=
	       SYSENT_NR_UNKNOWN;
}

/* (arch << 32 | nr) -> name; NULL names (no such call) cached too. */
static struct hmap cache;

const char *sysent_name(uint32_t arch, int nr)
{
	const struct sysent_arch *x32 = sysent_arch_by_scmp("SCMP_ARCH_X32");
	uint64_t key;
	size_t pos = 0;
	void *name;

	if (arch == sysent_arch_by_scmp("SCMP_ARCH_X86_64")->token &&
	    (nr & SYSENT_X32_BIT))
		arch = x32->token;
	key = (uint64_t)arch << 32 | (uint32_t)nr;
	if (hmap_find(&cache, key, &pos, &name))
		return name;
	name = seccomp_syscall_resolve_num_arch(arch, nr);
	hmap_add(&cache, key, name);
	return name;
}
