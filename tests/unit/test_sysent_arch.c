// SPDX-License-Identifier: Apache-2.0
/*
 * sysent: the architecture table against libseccomp and the kernel's
 * headers, and name/number lookups.
 */
#include <linux/audit.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "seccompdbg/sysent.h"
#include "test.h"

TEST(sysent_arch_tokens_match_libseccomp)
{
	size_t n, i, checked = 0;
	const struct sysent_arch *a = sysent_arches(&n);

	CHECK_INT(n, 23);
	for (i = 0; i < n; i++) {
		/* libseccomp 2.5 knows all but LoongArch, m68k and SuperH. */
		uint32_t tok = seccomp_arch_resolve_name(a[i].name);

		if (!tok)
			continue;
		CHECK_U64(tok, a[i].token);
		checked++;
	}
	CHECK(checked >= 19);
	CHECK_U64(sysent_arch_by_scmp("SCMP_ARCH_X86")->token, AUDIT_ARCH_I386);
	CHECK_U64(sysent_arch_by_scmp("SCMP_ARCH_X32")->token, SCMP_ARCH_X32);
	CHECK(sysent_arch_by_scmp("SCMP_ARCH_NATIVE") == NULL);
	CHECK(sysent_arch_by_scmp("scmp_arch_x86_64") == NULL);
}

TEST(sysent_arch_spellings)
{
	CHECK_STR(sysent_arch_by_any("amd64")->scmp, "SCMP_ARCH_X86_64");
	CHECK_STR(sysent_arch_by_any("i386")->scmp, "SCMP_ARCH_X86");
	CHECK_STR(sysent_arch_by_any("arm64")->scmp, "SCMP_ARCH_AARCH64");
	CHECK_STR(sysent_arch_by_any("scmp_arch_s390x")->scmp,
		  "SCMP_ARCH_S390X");
	CHECK(sysent_arch_by_any("vax") == NULL);
	CHECK_STR(sysent_arch_native()->scmp, "SCMP_ARCH_X86_64");
	CHECK_STR(sysent_arch_by_scmp("SCMP_ARCH_MIPSEL64N32")->moby,
		  "mips3l64n32");
	CHECK(sysent_arch_by_scmp("SCMP_ARCH_PARISC")->runc == NULL);
}

TEST(sysent_names_and_numbers)
{
	uint32_t x86_64 = AUDIT_ARCH_X86_64, i386 = AUDIT_ARCH_I386;

	CHECK_INT(sysent_nr(x86_64, "getppid"), SYS_getppid);
	CHECK_INT(sysent_nr(i386, "getppid"), 64);
	CHECK_INT(sysent_nr(x86_64, "no_such_call"), SYSENT_NR_UNKNOWN);
	CHECK_INT(sysent_nr(x86_64, ""), SYSENT_NR_UNKNOWN);
	/* Known only on other architectures: a pseudo-number. */
	CHECK(sysent_nr(x86_64, "socketcall") < -1);
	CHECK(sysent_is_known("socketcall"));
	CHECK(!sysent_is_known("SCMP_ACT_ALLOW"));
	CHECK_STR(sysent_name(x86_64, SYS_unshare), "unshare");
	CHECK_STR(sysent_name(i386, 310), "unshare");
	/* x32 numbers arrive as x86_64 with the x32 bit set. */
	CHECK_STR(sysent_name(x86_64, SYSENT_X32_BIT | 0), "read");
	{
		uint32_t x32 = sysent_arch_by_scmp("SCMP_ARCH_X32")->token, a;

		CHECK_INT(sysent_call_nr(x32, 41, &a), SYSENT_X32_BIT | 41);
		CHECK_U64(a, x86_64);
		CHECK_INT(sysent_call_nr(i386, 102, &a), 102);
		CHECK_U64(a, i386);
		/* what a host runs: Docker's archMap */
		CHECK(sysent_arch_runs(x86_64, x86_64));
		CHECK(sysent_arch_runs(x86_64, i386));
		CHECK(sysent_arch_runs(x86_64, x32));
		CHECK(!sysent_arch_runs(x86_64, AUDIT_ARCH_MIPS));
		CHECK(!sysent_arch_runs(i386, x86_64));
		CHECK(sysent_arch_runs(AUDIT_ARCH_AARCH64, AUDIT_ARCH_ARM));
	}
	CHECK(sysent_name(x86_64, 100000) == NULL);
	/* Cached: the same pointer twice. */
	CHECK(sysent_name(x86_64, SYS_read) == sysent_name(x86_64, SYS_read));
}
