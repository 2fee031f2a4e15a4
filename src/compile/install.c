// SPDX-License-Identifier: Apache-2.0
/*
 * Loading a compiled filter into the calling thread. This runs in the
 * forked child between fork and exec, so it allocates nothing and makes
 * only system calls (async-signal-safe): the seccomp(2) system call
 * itself, not libseccomp's seccomp_load, which would build the program
 * again from its database.
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "seccompdbg/compile.h"

int compile_install(const struct compile_bpf *bpf, bool no_new_privs)
{
	struct sock_fprog prog = {
		.len = (unsigned short)bpf->len,
		.filter = bpf->insns,
	};
	long rc;

	if (bpf->len == 0 || bpf->len > BPF_MAXINSNS)
		return -EINVAL;
	/*
	 * Without no_new_privs (or CAP_SYS_ADMIN) the kernel refuses the
	 * filter; with it, setuid programs lose their privileges, which is
	 * why it is the caller's choice.
	 */
	if (no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, bpf->flags, &prog);
	/* before Linux 5.19: the listener's calls stay interruptible */
	if (rc < 0 && errno == EINVAL &&
	    (bpf->flags & SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV))
		rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			     bpf->flags &
				     ~SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
			     &prog);
	if (rc < 0)
		return -errno;
	if (bpf->flags & SECCOMP_FILTER_FLAG_NEW_LISTENER)
		return (int)rc;
	/* TSYNC without a listener: a positive value is the thread that
	   could not be synchronised, and nothing was installed. */
	return rc > 0 ? -EBUSY : 0;
}
