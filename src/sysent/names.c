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

/* An open-addressing cache of (arch, nr) -> name; NULL names cached too. */
struct name_slot {
	bool used;
	uint32_t arch;
	int nr;
	char *name;
};

static struct name_slot *cache;
static size_t cache_cap, cache_used;

static size_t slot_of(uint32_t arch, int nr, size_t cap)
{
	uint64_t h = ((uint64_t)arch << 32) ^ (uint32_t)nr;

	h *= 0x9e3779b97f4a7c15ull;
	return (size_t)(h >> 32) & (cap - 1);
}

static struct name_slot *cache_find(uint32_t arch, int nr)
{
	size_t i;

	if (!cache_cap)
		return NULL;
	for (i = slot_of(arch, nr, cache_cap); cache[i].used;
	     i = (i + 1) & (cache_cap - 1))
		if (cache[i].arch == arch && cache[i].nr == nr)
			return &cache[i];
	return NULL;
}

static void cache_insert(uint32_t arch, int nr, char *name)
{
	size_t i;

	if ((cache_used + 1) * 2 > cache_cap) {
		struct name_slot *old = cache;
		size_t oldcap = cache_cap, j;

		cache_cap = oldcap ? oldcap * 2 : 1024;
		cache = xcalloc(cache_cap, sizeof(*cache));
		cache_used = 0;
		for (j = 0; j < oldcap; j++)
			if (old[j].used)
				cache_insert(old[j].arch, old[j].nr,
					     old[j].name);
		free(old);
	}
	for (i = slot_of(arch, nr, cache_cap); cache[i].used;
	     i = (i + 1) & (cache_cap - 1))
		;
	cache[i] = (struct name_slot){true, arch, nr, name};
	cache_used++;
}

const char *sysent_name(uint32_t arch, int nr)
{
	const struct sysent_arch *x32 = sysent_arch_by_scmp("SCMP_ARCH_X32");
	struct name_slot *slot;
	char *name;

	if (arch == sysent_arch_by_scmp("SCMP_ARCH_X86_64")->token &&
	    (nr & SYSENT_X32_BIT))
		arch = x32->token;
	slot = cache_find(arch, nr);
	if (slot)
		return slot->name;
	name = seccomp_syscall_resolve_num_arch(arch, nr);
	cache_insert(arch, nr, name);
	return name;
}
