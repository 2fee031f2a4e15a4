// SPDX-License-Identifier: Apache-2.0
/*
 * System call names and numbers, from libseccomp's table. Number-to-name
 * lookups are cached: libseccomp hands out a fresh string each time and
 * the supervisor asks at every stop.
 */
#include <seccomp.h>
#include <stdlib.h>

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
