// SPDX-License-Identifier: Apache-2.0
/*
 * The notes on well-known refusals, as data. Order matters: why_find
 * takes the first rule that matches, so a rule with a condition comes
 * before a broader one for the same call.
 *
 * Sources, each something a user can open: a man page, a file of glibc,
 * libseccomp or an upstream test, an upstream issue or pull request, and
 * the shipped profiles the claims about "Docker's default" and "podman's
 * default" were read from:
 * moby/profiles seccomp/default.json and containers/common seccomp.json
 * (byte-identical copies in tests/data/profiles/, see SOURCES.md there;
 * JSON paths as in those files).
 */
#include <errno.h>
#include <stddef.h>

#include "seccompdbg/why.h"

#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})
#define MOBY	   "moby/profiles seccomp/default.json "
#define PODMAN	   "containers/common seccomp.json "

/* CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET: the mask of
 * Docker's clone rule (MASKED_EQ 2114060288, value 0). */
#define CLONE_NAMESPACE_FLAGS 0x7E020000ULL

#define WHY_FALLBACK(call, fallback, src)                                                                                                                \
	{                                                                                                                                                \
		.names = NAMES(#call),                                                                                                                   \
		.verdict = WHY_ERRNO_IS,                                                                                                                 \
		.errno_value = ENOSYS,                                                                                                                   \
		.note = {#call " fails with ENOSYS, and " fallback                                                                                       \
			       ": a harmless refusal.",                                                                                                  \
			 src},                                                                                                                           \
	},                                                                                                                                               \
		{                                                                                                                                        \
			.names = NAMES(#call),                                                                                                           \
			.verdict = WHY_REFUSED_NOT_ERRNO_IS,                                                                                             \
			.errno_value = ENOSYS,                                                                                                           \
			.note = {#call                                                                                                                   \
				 " is newer than many profiles; " fallback                                                                               \
				 " only when it fails with ENOSYS, so refused any other way the program breaks. Deny it with ENOSYS (38), or allow it.", \
				 src},                                                                                                                   \
		},

static const struct why_rule rules[] = {
	{
		.names = NAMES("clone3"),
		.verdict = WHY_ERRNO_IS,
		.errno_value = ENOSYS,
		.note = {"clone3 is refused with ENOSYS on purpose: glibc then falls back to clone, whose flags a profile can check (clone3 passes them in memory, where seccomp cannot look). Allowing clone3 is rarely what you want.",
			 MOBY
			 "syscalls[20] (clone3 ERRNO 38 unless CAP_SYS_ADMIN); seccomp(2), struct seccomp_data (a filter sees the argument registers, not the memory they point to)"},
	},
	{
		.names = NAMES("clone3"),
		.verdict = WHY_REFUSED_NOT_ERRNO_IS,
		.errno_value = ENOSYS,
		.note = {"clone3 must fail with ENOSYS for glibc to fall back to clone: refused with EPERM, pthread_create and posix_spawn fail. Deny it with ENOSYS (38), as Docker's default does.",
			 "glibc include/clone_internal.h (__clone_internal falls back to clone only when clone3 fails with ENOSYS); kubernetes-sigs/security-profiles-operator#3130"},
	},
	{
		.names = NAMES("clone"),
		.arg_test = WHY_ARG_HAS_BITS,
		.arg = 0,
		.values = {CLONE_NAMESPACE_FLAGS},
		.nvalues = 1,
		.note = {"clone with a namespace flag (CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWPID...) is refused by Docker's default unless the container has CAP_SYS_ADMIN: its clone rule allows only flags with no namespace bit.",
			 MOBY
			 "syscalls[18], syscalls[19] (arg0 MASKED_EQ 2114060288, value 0); moby/moby integration-cli/docker_cli_run_unix_test.go (TestRunSeccompProfileDenyCloneUserns)"},
	},
	{
		.names =
			NAMES("unshare", "setns", "mount", "umount", "umount2",
			      "mount_setattr", "move_mount", "open_tree",
			      "fsopen", "fsconfig", "fsmount", "fspick",
			      "sethostname", "setdomainname", "quotactl",
			      "quotactl_fd", "fanotify_init", "lookup_dcookie"),
		.note = {"Docker's default allows this call only when the container has CAP_SYS_ADMIN (docker run --cap-add SYS_ADMIN), which also gives up much of the container's isolation; consider allowing just this call, with argument conditions where they apply.",
			 MOBY
			 "syscalls[17] (includes.caps CAP_SYS_ADMIN); moby/moby integration-cli/docker_cli_run_unix_test.go (TestRunSeccompDefaultProfileNS)"},
	},
	{
		.names = NAMES("ptrace", "process_vm_readv",
			       "process_vm_writev"),
		.note = {"Docker's default allows ptrace and process_vm_* only on kernels 4.8 and later (before 4.8 a tracer could change a call after seccomp had checked it), or with CAP_SYS_PTRACE.",
			 MOBY
			 "syscalls[1] (includes.minKernel 4.8), syscalls[25]; seccomp(2), SECCOMP_RET_TRACE (before Linux 4.8 the check is not run again after the tracer; kernel commit ce6526e8afa4)"},
	},
	{
		.names = NAMES("socket"),
		.arg_test = WHY_ARG_EQ,
		.arg = 0,
		.values = {40},
		.nvalues = 1,
		.note = {"socket(AF_VSOCK) opens a virtual-machine socket to the hypervisor or host: Docker's default refuses address family 40, and podman's refuses it with EPERM.",
			 MOBY
			 "syscalls[2..4] (socket: arg0 < 38, == 39, > 40); " PODMAN
			 "syscalls[31]"},
	},
	{
		.names = NAMES("socket"),
		.arg_test = WHY_ARG_EQ,
		.arg = 0,
		.values = {38},
		.nvalues = 1,
		.note = {"socket(AF_ALG) reaches the kernel's crypto API: Docker's default refuses address family 38 (its socket rules allow below 38, 39 and above 40).",
			 MOBY "syscalls[2..4]"},
	},
	{
		.names = NAMES("personality"),
		.arg_test = WHY_ARG_NOT_IN,
		.arg = 0,
		.values = {0, 0x8, 0x20000, 0x20008, 0xffffffff},
		.nvalues = 5,
		.note = {"Docker's default allows personality only for PER_LINUX (0), PER_LINUX32 (8), UNAME26 (0x20000), both (0x20008) and the query 0xffffffff; other personas, such as ADDR_NO_RANDOMIZE (setarch -R) or READ_IMPLIES_EXEC, are refused.",
			 MOBY "syscalls[5..9]; systemd/systemd#6193"},
	},
	{
		.names = NAMES("exit", "exit_group", "rt_sigreturn",
			       "restart_syscall"),
		.note = {"Every program needs exit, exit_group, rt_sigreturn and restart_syscall (ending threads and processes, returning from signal handlers, restarting interrupted sleeps): refused, everything breaks. minijail adds all four to every policy.", "google/minijail tools/generate_seccomp_policy.py (its basic set); Jess Frazelle, How to use the new Docker Seccomp profiles, https://blog.jessfraz.com/post/how-to-use-new-docker-seccomp-profiles/ (the strace-made Chrome profile missed exit and exit_group)"},
	},
#include "fallbacks.def"
	{
		.names = NAMES("rseq"),
		.note = {"glibc registers rseq at every thread start and carries on without it after any error, so this refusal is harmless for glibc; other users (librseq, tcmalloc) take only ENOSYS to mean \"not supported\": deny it with ENOSYS (38) to be safe.",
			 "glibc sysdeps/unix/sysv/linux/rseq-internal.h (rseq_register_current_thread)"},
	},
	{
		.names = NAMES("io_uring_setup", "io_uring_enter",
			       "io_uring_register"),
		.note = {"io_uring is refused by Docker's default (no rule names it, so the default action answers EPERM) and by podman's (ENOSYS). Many programs fall back to epoll or threads when io_uring_setup fails, some only on ENOSYS.",
			 MOBY
			 "(no rule names io_uring_*; defaultErrnoRet 1); " PODMAN
			 "(defaultErrnoRet 38)"},
	},
	{
		.names = NAMES("keyctl", "add_key", "request_key"),
		.note = {"The kernel keyring is not namespaced: Docker's default names none of keyctl, add_key and request_key, so they fail with EPERM. Programs that use keys (Kerberos, ecryptfs) need them allowed.",
			 MOBY "(no rule names them; defaultErrnoRet 1)"},
	},
	{
		.names = NAMES("bpf"),
		.note = {"bpf is allowed by Docker's and podman's defaults only with CAP_SYS_ADMIN or CAP_BPF.",
			 MOBY "syscalls[17], syscalls[31]; " PODMAN
			      "syscalls[15], syscalls[36], syscalls[37]"},
	},
	{
		.names = NAMES("perf_event_open"),
		.note = {"perf_event_open is allowed by Docker's and podman's defaults only with CAP_SYS_ADMIN or CAP_PERFMON.",
			 MOBY "syscalls[17], syscalls[32]; " PODMAN
			      "syscalls[15], syscalls[38], syscalls[39]"},
	},
	{
		.names = NAMES("userfaultfd"),
		.note = {"userfaultfd lets a process stall the kernel on a page fault of its choosing, a common aid to kernel exploits: Docker's default names it in no rule and podman's refuses it with EPERM.",
			 MOBY "(no rule names it); " PODMAN "syscalls[0]"},
	},
};

static const struct why_note bad_arch = {
	"The profile does not list this call's architecture, so every call of it gets the bad-architecture action (KILL_THREAD) before any rule is read: a 32-bit program, or an int 0x80 call, dies at its first one. Add the architecture (SCMP_ARCH_X86 for i386) to architectures, or to archMap's entry for this machine as Docker's default does.",
	"seccomp_attr_set(3), SCMP_FLTATR_ACT_BADARCH (the bad-architecture action, KILL unless set; runc and crun leave it); " MOBY
	"archMap (SCMP_ARCH_X86_64 with SCMP_ARCH_X86 and SCMP_ARCH_X32)"};

const struct why_note *why_bad_arch(void)
{
	return &bad_arch;
}

const struct why_rule *why_rules(size_t *n)
{
	*n = sizeof(rules) / sizeof(rules[0]);
	return rules;
}
