// SPDX-License-Identifier: Apache-2.0
/*
 * The names a profile spells things with, as tables: actions, argument
 * operators, filter flags, errnos (errno.def), capabilities; and the "did
 * you mean" helper that messages use. The numbers come from system
 * headers; the unit tests check the tables against libseccomp and glibc.
 */
#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/sysent.h"

static const char *const action_names[] = {
	[PROFILE_ACT_NONE] = "",
	[PROFILE_ACT_KILL] = "SCMP_ACT_KILL",
	[PROFILE_ACT_KILL_THREAD] = "SCMP_ACT_KILL_THREAD",
	[PROFILE_ACT_KILL_PROCESS] = "SCMP_ACT_KILL_PROCESS",
	[PROFILE_ACT_TRAP] = "SCMP_ACT_TRAP",
	[PROFILE_ACT_ERRNO] = "SCMP_ACT_ERRNO",
	[PROFILE_ACT_TRACE] = "SCMP_ACT_TRACE",
	[PROFILE_ACT_LOG] = "SCMP_ACT_LOG",
	[PROFILE_ACT_NOTIFY] = "SCMP_ACT_NOTIFY",
	[PROFILE_ACT_ALLOW] = "SCMP_ACT_ALLOW",
};

static const char *const op_names[] = {
	[0] = "",
	[PROFILE_OP_NE] = "SCMP_CMP_NE",
	[PROFILE_OP_LT] = "SCMP_CMP_LT",
	[PROFILE_OP_LE] = "SCMP_CMP_LE",
	[PROFILE_OP_EQ] = "SCMP_CMP_EQ",
	[PROFILE_OP_GE] = "SCMP_CMP_GE",
	[PROFILE_OP_GT] = "SCMP_CMP_GT",
	[PROFILE_OP_MASKED_EQ] = "SCMP_CMP_MASKED_EQ",
};

/* The flags runc and crun know (runtime-spec's SeccompFlag enum). */
static const char *const flag_names[] = {
	"SECCOMP_FILTER_FLAG_TSYNC",
	"SECCOMP_FILTER_FLAG_LOG",
	"SECCOMP_FILTER_FLAG_SPEC_ALLOW",
	"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
};

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif
#ifndef CAP_CHECKPOINT_RESTORE
#define CAP_CHECKPOINT_RESTORE 40
#endif

#define CAP(name) [name] = #name
static const char *const cap_names[] = {
	CAP(CAP_CHOWN),
	CAP(CAP_DAC_OVERRIDE),
	CAP(CAP_DAC_READ_SEARCH),
	CAP(CAP_FOWNER),
	CAP(CAP_FSETID),
	CAP(CAP_KILL),
	CAP(CAP_SETGID),
	CAP(CAP_SETUID),
	CAP(CAP_SETPCAP),
	CAP(CAP_LINUX_IMMUTABLE),
	CAP(CAP_NET_BIND_SERVICE),
	CAP(CAP_NET_BROADCAST),
	CAP(CAP_NET_ADMIN),
	CAP(CAP_NET_RAW),
	CAP(CAP_IPC_LOCK),
	CAP(CAP_IPC_OWNER),
	CAP(CAP_SYS_MODULE),
	CAP(CAP_SYS_RAWIO),
	CAP(CAP_SYS_CHROOT),
	CAP(CAP_SYS_PTRACE),
	CAP(CAP_SYS_PACCT),
	CAP(CAP_SYS_ADMIN),
	CAP(CAP_SYS_BOOT),
	CAP(CAP_SYS_NICE),
	CAP(CAP_SYS_RESOURCE),
	CAP(CAP_SYS_TIME),
	CAP(CAP_SYS_TTY_CONFIG),
	CAP(CAP_MKNOD),
	CAP(CAP_LEASE),
	CAP(CAP_AUDIT_WRITE),
	CAP(CAP_AUDIT_CONTROL),
	CAP(CAP_SETFCAP),
	CAP(CAP_MAC_OVERRIDE),
	CAP(CAP_MAC_ADMIN),
	CAP(CAP_SYSLOG),
	CAP(CAP_WAKE_ALARM),
	CAP(CAP_BLOCK_SUSPEND),
	CAP(CAP_AUDIT_READ),
	CAP(CAP_PERFMON),
	CAP(CAP_BPF),
	CAP(CAP_CHECKPOINT_RESTORE),
};
#undef CAP

struct errno_entry {
	const char *name;
	uint32_t value;
	bool containers;
};

static const struct errno_entry errnos[] = {
#define PROFILE_ERRNO(name, in_containers) {#name, name, in_containers},
#include "errno.def"
#undef PROFILE_ERRNO
};

const char *profile_action_name(enum profile_action a)
{
	return (size_t)a < ARRAY_SIZE(action_names) ? action_names[a] : "";
}

enum profile_action profile_action_lookup(const char *name)
{
	size_t i;

	for (i = 1; i < ARRAY_SIZE(action_names); i++)
		if (!strcmp(action_names[i], name))
			return (enum profile_action)i;
	return PROFILE_ACT_NONE;
}

const char *const *profile_action_names(size_t *n)
{
	*n = ARRAY_SIZE(action_names) - 1;
	return action_names + 1;
}

const char *profile_op_name(enum profile_op op)
{
	return (size_t)op < ARRAY_SIZE(op_names) ? op_names[op] : "";
}

enum profile_op profile_op_lookup(const char *name)
{
	size_t i;

	for (i = 1; i < ARRAY_SIZE(op_names); i++)
		if (!strcmp(op_names[i], name))
			return (enum profile_op)i;
	return 0;
}

const char *const *profile_op_names(size_t *n)
{
	*n = ARRAY_SIZE(op_names) - 1;
	return op_names + 1;
}

const char *const *profile_flag_names(size_t *n)
{
	*n = ARRAY_SIZE(flag_names);
	return flag_names;
}

const char *const *profile_cap_names(size_t *n)
{
	*n = ARRAY_SIZE(cap_names);
	return cap_names;
}

void profile_rule_verdict(const struct profile_rule *r,
			  struct profile_verdict *out)
{
	out->action = r->action;
	out->data = 0;
	if (r->action == PROFILE_ACT_ERRNO || r->action == PROFILE_ACT_TRACE)
		out->data = r->has_errno ? r->errno_ret : EPERM;
}

void profile_default_verdict(const struct profile *p,
			     struct profile_verdict *out)
{
	out->action = p->default_action;
	out->data = 0;
	if (p->default_action == PROFILE_ACT_ERRNO ||
	    p->default_action == PROFILE_ACT_TRACE)
		out->data = p->has_default_errno ? p->default_errno : EPERM;
}

static enum profile_action canonical(enum profile_action a)
{
	/* runc and crun map SCMP_ACT_KILL to libseccomp's KILL_THREAD */
	return a == PROFILE_ACT_KILL ? PROFILE_ACT_KILL_THREAD : a;
}

bool profile_verdict_equal(const struct profile_verdict *a,
			   const struct profile_verdict *b)
{
	/* libseccomp keeps 16 bits of the data (runc casts to int16) */
	return canonical(a->action) == canonical(b->action) &&
	       (a->data & 0xffff) == (b->data & 0xffff);
}

bool profile_action_is_allow(enum profile_action a)
{
	return a == PROFILE_ACT_ALLOW || a == PROFILE_ACT_LOG;
}

const char *profile_errno_name(uint32_t e)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errnos); i++)
		if (errnos[i].value == e)
			return errnos[i].name;
	return NULL;
}

int profile_errno_lookup(const char *name, uint32_t *out)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errnos); i++) {
		if (!strcmp(errnos[i].name, name)) {
			*out = errnos[i].value;
			return 0;
		}
	}
	return -ENOENT;
}

bool profile_errno_is_containers(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errnos); i++)
		if (!strcmp(errnos[i].name, name))
			return errnos[i].containers;
	return false;
}

const char *const *profile_containers_errno_names(size_t *n)
{
	static const char *names[ARRAY_SIZE(errnos)];
	static size_t count;
	size_t i;

	if (!count)
		for (i = 0; i < ARRAY_SIZE(errnos); i++)
			if (errnos[i].containers)
				names[count++] = errnos[i].name;
	*n = count;
	return names;
}

void profile_verdict_format(const struct profile_verdict *v, struct strbuf *out)
{
	const char *name;

	strbuf_adds(out, profile_action_name(v->action));
	if (v->action == PROFILE_ACT_ERRNO) {
		name = profile_errno_name(v->data);
		if (name)
			strbuf_addf(out, "(%s)", name);
		else
			strbuf_addf(out, "(%u)", v->data);
	} else if (v->action == PROFILE_ACT_TRACE) {
		strbuf_addf(out, "(%u)", v->data);
	}
}

/* "opne" for "open": one slip of the fingers, though two edits. */
static bool is_swap(const char *a, const char *b)
{
	size_t i, len = strlen(a);

	if (len != strlen(b))
		return false;
	for (i = 0; i + 1 < len && a[i] == b[i]; i++)
		;
	return i + 1 < len && a[i] == b[i + 1] && a[i + 1] == b[i] &&
	       !strcmp(a + i + 2, b + i + 2);
}

const char *profile_suggest(const char *word, const char *const *candidates,
			    size_t n)
{
	size_t len = strlen(word), limit, best = SIZE_MAX, i;
	const char *pick = NULL;

	/* a typo is a few edits; a different word is not a typo */
	limit = len / 4 < 1 ? 1 : len / 4 > 3 ? 3 : len / 4;
	if (len > 64)
		return NULL;
	for (i = 0; i < n; i++) {
		size_t d;

		if (!candidates[i][0])
			continue;
		d = is_swap(word, candidates[i])
			    ? 1
			    : str_distance(word, candidates[i]);
		if (d < best) {
			best = d;
			pick = candidates[i];
		}
	}
	return best <= limit ? pick : NULL;
}

/* libseccomp's names on the native ABI and on i386, built once. */
static const char *const *syscall_names(size_t *n)
{
	static const char **names;
	static size_t count;
	const struct sysent_arch *abis[2];
	size_t cap = 0, a;
	int nr;

	if (names) {
		*n = count;
		return names;
	}
	abis[0] = sysent_arch_native();
	abis[1] = sysent_arch_by_scmp("SCMP_ARCH_X86");
	for (a = 0; a < ARRAY_SIZE(abis); a++) {
		for (nr = 0; abis[a] && nr < 1024; nr++) {
			const char *s = sysent_name(abis[a]->token, nr);

			if (!s)
				continue;
			xgrow(&names, &cap, count + 1, sizeof(*names));
			names[count++] = s;
		}
	}
	*n = count;
	return names;
}

const char *profile_suggest_syscall(const char *word)
{
	size_t n;
	const char *const *names = syscall_names(&n);

	return strlen(word) < 4 ? NULL : profile_suggest(word, names, n);
}
