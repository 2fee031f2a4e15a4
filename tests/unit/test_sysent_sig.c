// SPDX-License-Identifier: Apache-2.0
/*
 * sysent: the argument-signature tables against libseccomp. Every number
 * libseccomp names on x86_64, x32 and i386 must have a signature, and
 * every name in the tables must be one libseccomp resolves there.
 */
#include <linux/audit.h>
#include <seccomp.h>
#include <string.h>

#include "seccompdbg/sysent.h"
#include "test.h"

/* libseccomp's x32 token: x86_64's machine without the 64-bit flag. */
#define TOKEN_X32 (EM_X86_64 | __AUDIT_ARCH_LE)

static void check_arch_covered(uint32_t arch, int base, size_t min_calls)
{
	size_t named = 0;
	int nr;

	for (nr = 0; nr < 1024; nr++) {
		const char *name = sysent_name(arch, base + nr);

		if (!name)
			continue;
		named++;
		if (!sysent_sig_nr(arch, base + nr))
			test_fail(__FILE__, __LINE__, "%s nr %d: no signature",
				  name, nr);
	}
	CHECK(named >= min_calls);
}

TEST(sysent_sig_covers_every_x86_64_call)
{
	check_arch_covered(AUDIT_ARCH_X86_64, 0, 360);
}

TEST(sysent_sig_covers_every_x32_call)
{
	/* x32 numbers reach us as x86_64 ones with the x32 bit. */
	check_arch_covered(AUDIT_ARCH_X86_64, SYSENT_X32_BIT, 350);
}

TEST(sysent_sig_covers_every_i386_call)
{
	check_arch_covered(AUDIT_ARCH_I386, 0, 440);
}

static void check_table(bool i386, uint32_t arch)
{
	size_t n, i, j;
	const struct sysent_sig *t = sysent_sigs(i386, &n);

	CHECK(n > 100);
	for (i = 0; i < n; i++) {
		const struct sysent_sig *s = &t[i];

		if (sysent_nr(arch, s->name) < 0)
			test_fail(__FILE__, __LINE__, "%s: not a %s call",
				  s->name, i386 ? "i386" : "x86_64");
		CHECK(s->nargs <= 6);
		for (j = 0; j < s->nargs; j++) {
			unsigned k = s->args[j];
			bool split = j > 0 &&
				     (s->args[j - 1] == SYSENT_ARG_OFF_LO ||
				      s->args[j - 1] == SYSENT_ARG_OFF_HILO);

			CHECK(k < SYSENT_ARG_COUNT);
			/* A split offset's halves come in pairs. */
			if ((k == SYSENT_ARG_OFF_PART) != split)
				test_fail(
					__FILE__, __LINE__,
					"%s: argument %zu: unpaired offset half",
					s->name, j);
		}
		for (j = 0; j < i; j++)
			if (!strcmp(t[j].name, s->name))
				test_fail(__FILE__, __LINE__, "%s: twice",
					  s->name);
	}
}

TEST(sysent_sig_tables_name_real_calls)
{
	check_table(false, AUDIT_ARCH_X86_64);
	check_table(true, AUDIT_ARCH_I386);
}

TEST(sysent_sig_lookups)
{
	const struct sysent_sig *s;

	s = sysent_sig(AUDIT_ARCH_X86_64, "openat");
	REQUIRE(s);
	CHECK_INT(s->nargs, 4);
	CHECK_INT(s->args[0], SYSENT_ARG_DIRFD);
	CHECK_INT(s->args[2], SYSENT_ARG_OPEN_FLAGS);
	/* i386's old mmap takes one pointer; mmap2 is the six-argument one. */
	CHECK_INT(sysent_sig(AUDIT_ARCH_I386, "mmap")->nargs, 1);
	CHECK_INT(sysent_sig(AUDIT_ARCH_X86_64, "mmap")->nargs, 6);
	/* clone's last two arguments swap places on i386. */
	CHECK_INT(sysent_sig(AUDIT_ARCH_I386, "clone")->args[3],
		  SYSENT_ARG_ADDR);
	CHECK_INT(sysent_sig(AUDIT_ARCH_X86_64, "clone")->args[4],
		  SYSENT_ARG_ADDR);
	/* Shared calls fall through to the generic table on i386. */
	CHECK(sysent_sig(AUDIT_ARCH_I386, "unshare") ==
	      sysent_sig(AUDIT_ARCH_X86_64, "unshare"));
	/* i386-only calls are not x86_64 ones. */
	CHECK(sysent_sig(AUDIT_ARCH_X86_64, "socketcall") == NULL);
	CHECK(sysent_sig(AUDIT_ARCH_I386, "socketcall") != NULL);
	CHECK(sysent_sig(AUDIT_ARCH_X86_64, "no_such_call") == NULL);
	CHECK(sysent_sig(AUDIT_ARCH_X86_64, NULL) == NULL);
	CHECK(sysent_sig_nr(AUDIT_ARCH_X86_64, 100000) == NULL);
	/* Other architectures use the generic entries by name. */
	CHECK(sysent_sig_nr(AUDIT_ARCH_AARCH64,
			    sysent_nr(AUDIT_ARCH_AARCH64, "openat")) ==
	      sysent_sig(AUDIT_ARCH_X86_64, "openat"));
}

TEST(sysent_arg_names)
{
	CHECK_STR(sysent_arg_name(SYSENT_ARG_INT), "INT");
	CHECK_STR(sysent_arg_name(SYSENT_ARG_CLONE_FLAGS), "CLONE_FLAGS");
	CHECK_STR(sysent_arg_name(SYSENT_ARG_IPC_CALL), "IPC_CALL");
	CHECK(sysent_arg_name(SYSENT_ARG_COUNT) == NULL);
	CHECK(sysent_arg_name((enum sysent_arg) - 1) == NULL);
}
