/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sysent: architectures and system calls as data.
 *
 * Names and numbers come from libseccomp (its table is the one runc and
 * crun resolve profile names with, so "known" means what they mean). The
 * architecture table maps the many spellings of one ABI: the profile's
 * SCMP_ARCH_* names, libseccomp's names, runc's and Go's names, and the
 * AUDIT_ARCH_* value the kernel reports in seccomp_data.arch.
 *
 * What libseccomp lacks, the argument signatures, is our own table
 * (sysent.def): see docs/decoders.md.
 */
#ifndef SECCOMPDBG_SYSENT_H
#define SECCOMPDBG_SYSENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An ABI. token is libseccomp's SCMP_ARCH_* value (= AUDIT_ARCH_*). */
struct sysent_arch {
	const char *scmp;   /* profile spelling: "SCMP_ARCH_X86_64" */
	uint32_t token;	    /* SCMP_ARCH_X86_64 == AUDIT_ARCH_X86_64 */
	const char *name;   /* libseccomp's name: "x86_64" */
	const char *runc;   /* runc / libseccomp-golang name: "amd64"; NULL
			       when runc refuses the architecture */
	const char *moby;   /* moby's native name, which includes/excludes
			       "arches" are compared with: "amd64" */
	const char *podman; /* containers/common's native name: "amd64" */
	unsigned bits;	    /* 32 or 64 */
};

/* SYSENT_NR_UNKNOWN: libseccomp has never heard of the name. */
#define SYSENT_NR_UNKNOWN (-1)
/* The x32 ABI shares AUDIT_ARCH_X86_64 and sets this bit in the number. */
#define SYSENT_X32_BIT 0x40000000

/* Every architecture of the profile formats, in the OCI schema's order. */
const struct sysent_arch *sysent_arches(size_t *n);
/* Lookups; NULL when unknown. */
const struct sysent_arch *sysent_arch_by_scmp(const char *scmp);
const struct sysent_arch *sysent_arch_by_token(uint32_t token);
/* Any spelling: "x86_64", "amd64", "SCMP_ARCH_X86_64", "i386", "x86"... */
const struct sysent_arch *sysent_arch_by_any(const char *name);
/* The ABI this program runs as (x86_64 here). */
const struct sysent_arch *sysent_arch_native(void);

/*
 * libseccomp's number for NAME on ARCH (token): >= 0 when the call exists
 * there; a negative libseccomp pseudo-number (< -1) when it exists only on
 * other architectures (socketcall on x86_64); SYSENT_NR_UNKNOWN when
 * libseccomp does not know the name at all.
 */
int sysent_nr(uint32_t arch, const char *name);
/* True when libseccomp knows NAME on some architecture. */
bool sysent_is_known(const char *name);
/*
 * The name of NR on ARCH, or NULL. For AUDIT_ARCH_X86_64 a number with
 * SYSENT_X32_BIT is looked up in the x32 table. The string is borrowed and
 * lives as long as the process.
 */
const char *sysent_name(uint32_t arch, int nr);

#endif
