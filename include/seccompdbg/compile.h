/* SPDX-License-Identifier: Apache-2.0 */
/*
 * compile: a resolved profile -> a libseccomp filter -> classic BPF.
 * libseccomp's filter-building API lives only here.
 *
 * For the debugger every non-allow action, the default and each rule's,
 * becomes the catching action carrying the rule's id (SCMP_ACT_TRACE(id),
 * or TRAP / NOTIFY in the other modes) and the bad-architecture action
 * catches too (RESOLVE_ID_BADARCH), so nothing the profile refuses gets
 * past the supervisor unseen; eval keeps the original verdicts. The
 * original mode builds the filter a runtime would, for tests.
 */
#ifndef SECCOMPDBG_COMPILE_H
#define SECCOMPDBG_COMPILE_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>

#include "seccompdbg/resolve.h"
#include "seccompdbg/util.h"

enum compile_mode {
	COMPILE_TRACE,	  /* SCMP_ACT_TRACE(id) */
	COMPILE_TRAP,	  /* SCMP_ACT_TRAP, id in si_errno */
	COMPILE_NOTIFY,	  /* SCMP_ACT_NOTIFY (the id is looked up) */
	COMPILE_ORIGINAL, /* the profile's own actions, as runc builds them */
};

struct compile_bpf {
	struct sock_filter *insns;
	size_t len;
	unsigned flags; /* SECCOMP_FILTER_FLAG_* to load it with */
};

/* Build the BPF program; -EINVAL (err says why) when libseccomp refuses. */
int compile_filter(const struct resolve_result *r, enum compile_mode mode,
		   struct compile_bpf *out, struct err *err);
/* libseccomp's pseudo-filter-code text for the same filter. */
int compile_pfc(const struct resolve_result *r, enum compile_mode mode,
		struct strbuf *out, struct err *err);
void compile_bpf_release(struct compile_bpf *bpf);

/*
 * Install BPF in the calling thread (for a forked child before exec: no
 * allocation, async-signal-safe). Sets no_new_privs first when asked.
 * Returns the notification fd in NOTIFY mode, 0 otherwise, or -errno.
 */
int compile_install(const struct compile_bpf *bpf, bool no_new_privs);

#endif
