// SPDX-License-Identifier: Apache-2.0
/*
 * Capability names, for the sets includes/excludes "caps" are resolved
 * against. Profiles compare the strings literally ("CAP_SYS_ADMIN"), so
 * the command line normalises what a person types ("sys_admin") to the
 * spelling profiles use, and refuses names no kernel has.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "seccompdbg/resolve.h"

/* Indexed by capability number (linux/capability.h). */
static const char *const cap_names[] = {
	"CAP_CHOWN",
	"CAP_DAC_OVERRIDE",
	"CAP_DAC_READ_SEARCH",
	"CAP_FOWNER",
	"CAP_FSETID",
	"CAP_KILL",
	"CAP_SETGID",
	"CAP_SETUID",
	"CAP_SETPCAP",
	"CAP_LINUX_IMMUTABLE",
	"CAP_NET_BIND_SERVICE",
	"CAP_NET_BROADCAST",
	"CAP_NET_ADMIN",
	"CAP_NET_RAW",
	"CAP_IPC_LOCK",
	"CAP_IPC_OWNER",
	"CAP_SYS_MODULE",
	"CAP_SYS_RAWIO",
	"CAP_SYS_CHROOT",
	"CAP_SYS_PTRACE",
	"CAP_SYS_PACCT",
	"CAP_SYS_ADMIN",
	"CAP_SYS_BOOT",
	"CAP_SYS_NICE",
	"CAP_SYS_RESOURCE",
	"CAP_SYS_TIME",
	"CAP_SYS_TTY_CONFIG",
	"CAP_MKNOD",
	"CAP_LEASE",
	"CAP_AUDIT_WRITE",
	"CAP_AUDIT_CONTROL",
	"CAP_SETFCAP",
	"CAP_MAC_OVERRIDE",
	"CAP_MAC_ADMIN",
	"CAP_SYSLOG",
	"CAP_WAKE_ALARM",
	"CAP_BLOCK_SUSPEND",
	"CAP_AUDIT_READ",
	"CAP_PERFMON",
	"CAP_BPF",
	"CAP_CHECKPOINT_RESTORE",
};

const char *const *resolve_all_caps(size_t *n)
{
	*n = ARRAY_SIZE(cap_names);
	return cap_names;
}

const char *resolve_cap_lookup(const char *name)
{
	char buf[64];
	size_t i, j = 0;

	if (strncasecmp(name, "CAP_", 4) != 0) {
		memcpy(buf, "CAP_", 4);
		j = 4;
	}
	for (i = 0; name[i] && j + 1 < sizeof(buf); i++)
		buf[j++] = (char)toupper((unsigned char)name[i]);
	if (name[i])
		return NULL;
	buf[j] = '\0';
	for (i = 0; i < ARRAY_SIZE(cap_names); i++)
		if (!strcmp(cap_names[i], buf))
			return cap_names[i];
	return NULL;
}
