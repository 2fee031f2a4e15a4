// SPDX-License-Identifier: Apache-2.0
/*
 * The architecture table: every SCMP_ARCH_* of the OCI schema with the
 * names each consumer gives it. The spellings come from
 * docs/profile-semantics.md (runc's `archs`, moby's goToNative,
 * libseccomp-golang's String()); tokens are the kernel's AUDIT_ARCH_*.
 * Architectures libseccomp 2.5 does not know (LoongArch, m68k, SuperH)
 * are here so profiles naming them can be read and written.
 */
#include <linux/audit.h>
#include <string.h>

#include "seccompdbg/sysent.h"
#include "seccompdbg/util.h"

#ifndef EM_LOONGARCH
#define EM_LOONGARCH 258
#endif
#ifndef AUDIT_ARCH_LOONGARCH64
#define AUDIT_ARCH_LOONGARCH64 \
	(EM_LOONGARCH | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE)
#endif
/* libseccomp's x32 token: the x86_64 machine without the 64-bit flag. */
#define TOKEN_X32 (EM_X86_64 | __AUDIT_ARCH_LE)

static const struct sysent_arch arches[] = {
	{"SCMP_ARCH_X86", AUDIT_ARCH_I386, "x86", "x86", "x86", "x86", 32},
	{"SCMP_ARCH_X86_64", AUDIT_ARCH_X86_64, "x86_64", "amd64", "amd64",
	 "amd64", 64},
	{"SCMP_ARCH_X32", TOKEN_X32, "x32", "x32", NULL, "x32", 32},
	{"SCMP_ARCH_ARM", AUDIT_ARCH_ARM, "arm", "arm", "arm", "arm", 32},
	{"SCMP_ARCH_AARCH64", AUDIT_ARCH_AARCH64, "aarch64", "arm64", "arm64",
	 "arm64", 64},
	{"SCMP_ARCH_MIPS", AUDIT_ARCH_MIPS, "mips", "mips", NULL, "mips", 32},
	{"SCMP_ARCH_MIPS64", AUDIT_ARCH_MIPS64, "mips64", "mips64", "mips64",
	 "mips64", 64},
	{"SCMP_ARCH_MIPS64N32", AUDIT_ARCH_MIPS64N32, "mips64n32", "mips64n32",
	 "mips64n32", "mips64n32", 32},
	{"SCMP_ARCH_MIPSEL", AUDIT_ARCH_MIPSEL, "mipsel", "mipsel", "mipsel",
	 "mipsel", 32},
	{"SCMP_ARCH_MIPSEL64", AUDIT_ARCH_MIPSEL64, "mipsel64", "mipsel64",
	 "mipsel64", "mipsel64", 64},
	/* "mips3l64n32" is moby's own spelling (sic). */
	{"SCMP_ARCH_MIPSEL64N32", AUDIT_ARCH_MIPSEL64N32, "mipsel64n32",
	 "mipsel64n32", "mips3l64n32", "mipsel64n32", 32},
	{"SCMP_ARCH_PPC", AUDIT_ARCH_PPC, "ppc", "ppc", "ppc", "ppc", 32},
	{"SCMP_ARCH_PPC64", AUDIT_ARCH_PPC64, "ppc64", "ppc64", "ppc64",
	 "ppc64", 64},
	{"SCMP_ARCH_PPC64LE", AUDIT_ARCH_PPC64LE, "ppc64le", "ppc64le",
	 "ppc64le", "ppc64le", 64},
	{"SCMP_ARCH_S390", AUDIT_ARCH_S390, "s390", "s390", "s390", "s390", 32},
	{"SCMP_ARCH_S390X", AUDIT_ARCH_S390X, "s390x", "s390x", "s390x",
	 "s390x", 64},
	{"SCMP_ARCH_PARISC", AUDIT_ARCH_PARISC, "parisc", NULL, NULL, "parisc",
	 32},
	{"SCMP_ARCH_PARISC64", AUDIT_ARCH_PARISC64, "parisc64", NULL, NULL,
	 "parisc64", 64},
	{"SCMP_ARCH_RISCV64", AUDIT_ARCH_RISCV64, "riscv64", "riscv64",
	 "riscv64", "riscv64", 64},
	{"SCMP_ARCH_LOONGARCH64", AUDIT_ARCH_LOONGARCH64, "loongarch64",
	 "loong64", "loongarch64", "loong64", 64},
	{"SCMP_ARCH_M68K", AUDIT_ARCH_M68K, "m68k", NULL, NULL, "m68k", 32},
	{"SCMP_ARCH_SH", AUDIT_ARCH_SHEL, "sh", NULL, NULL, "sh", 32},
	{"SCMP_ARCH_SHEB", AUDIT_ARCH_SH, "sheb", NULL, NULL, "sheb", 32},
};

const struct sysent_arch *sysent_arches(size_t *n)
{
	*n = ARRAY_SIZE(arches);
	return arches;
}

const struct sysent_arch *sysent_arch_by_scmp(const char *scmp)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(arches); i++)
		if (!strcmp(arches[i].scmp, scmp))
			return &arches[i];
	return NULL;
}

const struct sysent_arch *sysent_arch_by_token(uint32_t token)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(arches); i++)
		if (arches[i].token == token)
			return &arches[i];
	return NULL;
}

const struct sysent_arch *sysent_arch_by_any(const char *name)
{
	static const struct {
		const char *alias, *scmp;
	} aliases[] = {
		{"i386", "SCMP_ARCH_X86"},
		{"i686", "SCMP_ARCH_X86"},
		{"386", "SCMP_ARCH_X86"},
		{"ia32", "SCMP_ARCH_X86"},
		{"arm64", "SCMP_ARCH_AARCH64"},
		{"loong64", "SCMP_ARCH_LOONGARCH64"},
		{"mipsle", "SCMP_ARCH_MIPSEL"},
		{"mips64le", "SCMP_ARCH_MIPSEL64"},
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(arches); i++) {
		const struct sysent_arch *a = &arches[i];

		if (str_eq_nocase(a->scmp, name) ||
		    str_eq_nocase(a->name, name) ||
		    (a->runc && str_eq_nocase(a->runc, name)))
			return a;
	}
	for (i = 0; i < ARRAY_SIZE(aliases); i++)
		if (str_eq_nocase(aliases[i].alias, name))
			return sysent_arch_by_scmp(aliases[i].scmp);
	return NULL;
}

const struct sysent_arch *sysent_arch_native(void)
{
#if defined(__x86_64__) && defined(__ILP32__)
	return sysent_arch_by_token(TOKEN_X32);
#elif defined(__x86_64__)
	return sysent_arch_by_token(AUDIT_ARCH_X86_64);
#elif defined(__i386__)
	return sysent_arch_by_token(AUDIT_ARCH_I386);
#elif defined(__aarch64__)
	return sysent_arch_by_token(AUDIT_ARCH_AARCH64);
#elif defined(__riscv) && __riscv_xlen == 64
	return sysent_arch_by_token(AUDIT_ARCH_RISCV64);
#elif defined(__s390x__)
	return sysent_arch_by_token(AUDIT_ARCH_S390X);
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return sysent_arch_by_token(AUDIT_ARCH_PPC64LE);
#else
#error "add this architecture to sysent_arch_native()"
#endif
}

/*
 * What a kernel of one architecture runs besides its own ABI: the
 * subArchitectures of Docker's default profile's archMap
 * (moby/profiles seccomp/default.json), which Docker adds to a
 * container's filter on that host.
 */
static const struct {
	uint32_t host, abi;
} also_runs[] = {
	{AUDIT_ARCH_X86_64, AUDIT_ARCH_I386},
	{AUDIT_ARCH_X86_64, TOKEN_X32},
	{AUDIT_ARCH_AARCH64, AUDIT_ARCH_ARM},
	{AUDIT_ARCH_MIPS64, AUDIT_ARCH_MIPS},
	{AUDIT_ARCH_MIPS64, AUDIT_ARCH_MIPS64N32},
	{AUDIT_ARCH_MIPS64N32, AUDIT_ARCH_MIPS},
	{AUDIT_ARCH_MIPS64N32, AUDIT_ARCH_MIPS64},
	{AUDIT_ARCH_MIPSEL64, AUDIT_ARCH_MIPSEL},
	{AUDIT_ARCH_MIPSEL64, AUDIT_ARCH_MIPSEL64N32},
	{AUDIT_ARCH_MIPSEL64N32, AUDIT_ARCH_MIPSEL},
	{AUDIT_ARCH_MIPSEL64N32, AUDIT_ARCH_MIPSEL64},
	{AUDIT_ARCH_S390X, AUDIT_ARCH_S390},
};

bool sysent_arch_runs(uint32_t host, uint32_t abi)
{
	size_t i;

	if (host == abi)
		return true;
	for (i = 0; i < ARRAY_SIZE(also_runs); i++)
		if (also_runs[i].host == host && also_runs[i].abi == abi)
			return true;
	return false;
}

int sysent_call_nr(uint32_t abi, unsigned i, uint32_t *arch)
{
	*arch = abi;
	if (abi != TOKEN_X32)
		return (int)i;
	*arch = AUDIT_ARCH_X86_64;
	return (int)(i | SYSENT_X32_BIT);
}
