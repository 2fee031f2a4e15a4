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
/*
 * Call I of ABI (a token) as the kernel reports it in seccomp_data: x32's
 * as AUDIT_ARCH_X86_64 with SYSENT_X32_BIT; any other ABI's as it is.
 * Returns the number, and the arch in *ARCH.
 */
int sysent_call_nr(uint32_t abi, unsigned i, uint32_t *arch);

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
 * Does a kernel of architecture HOST run programs of ABI (both tokens)?
 * Its own, and the compat ABIs Docker's default profile maps to it
 * (archMap's subArchitectures: x86 and x32 on x86_64, arm on aarch64...).
 */
bool sysent_arch_runs(uint32_t host, uint32_t abi);

/*
 * libseccomp's number for NAME on ARCH (token): >= 0 when the call exists
 * there; a negative libseccomp pseudo-number (< -1) when it exists only on
 * other architectures (socketcall on x86_64); SYSENT_NR_UNKNOWN when
 * libseccomp does not know the name at all.
 */
int sysent_nr(uint32_t arch, const char *name);
/*
 * A call that ARCH multiplexes (x86's socket calls through socketcall,
 * its SysV IPC calls through ipc; ppc, s390 and mips o32 alike), which
 * libseccomp names by a pseudo-number: the multiplexer's number, the code
 * its first argument selects the call with, and the call's own number
 * where the kernel has one too (socket is 359 on x86 since Linux 4.3),
 * else -1. False when NAME is not multiplexed on ARCH.
 */
struct sysent_mux {
	int mux;       /* socketcall's or ipc's number */
	unsigned code; /* SYS_SOCKET, SHMGET... */
	int direct;
};
bool sysent_multiplexed(uint32_t arch, const char *name,
			struct sysent_mux *out);

/* True when libseccomp knows NAME on some architecture. */
bool sysent_is_known(const char *name);
/*
 * The name of NR on ARCH, or NULL. For AUDIT_ARCH_X86_64 a number with
 * SYSENT_X32_BIT is looked up in the x32 table. The string is borrowed and
 * lives as long as the process.
 */
const char *sysent_name(uint32_t arch, int nr);

/*
 * Argument signatures: what each argument of a system call is, as data
 * (src/sysent/sysent.def, with i386 differences in sysent_i386.def). The
 * kinds name how decode prints a value; docs/decoders.md lists them.
 * OFF_LO is a 64-bit offset whose next argument (OFF_PART) holds the high
 * half on 32-bit ABIs; OFF_HILO the same with the high half first.
 * Context kinds (OPEN_MODE, FCNTL_ARG, PRCTL_ARG...) depend on another
 * argument of the same call; NONE is an argument that is not shown. HEX
 * is 0, the kind of an argument nobody described.
 */
/* (clang-format cannot lay out X-macro lists.) */
// clang-format off
#define SYSENT_ARG_KINDS(X)                                                 \
	X(HEX) X(INT) X(UINT) X(LONG) X(ULONG) X(ADDR) X(PTR) X(NONE) X(FD) \
	X(DIRFD) X(PID) X(UID) X(GID) X(UID16) X(GID16) X(GIDS) X(GIDS16)   \
	X(OFF) X(OFF_LO) X(OFF_HILO) X(OFF_PART) X(MODE) X(MKNOD_MODE)      \
	X(DEV) X(PATH) X(STR) X(BUF) X(ARGV) X(ENVP) X(SIGNUM) X(SIGSET)    \
	X(SIGHOW) X(TIMESPEC) X(TIMESPEC64) X(CLOCKID) X(TIMER_FLAGS)       \
	X(OPEN_FLAGS) X(OPEN_MODE) X(OPEN_HOW) X(RESOLVE_FLAGS) X(FD_FLAGS) \
	X(FD_CLOEXEC) X(AT_FLAGS) X(UNLINKAT_FLAGS) X(ACCESS_MODE)          \
	X(FACCESSAT_FLAGS) X(FCNTL_CMD) X(FCNTL_ARG) X(SEALS) X(LEASE)      \
	X(DNOTIFY) X(WHENCE) X(RENAME_FLAGS) X(FLOCK_OP) X(XATTR_FLAGS)     \
	X(FALLOC_MODE) X(FADVISE) X(CLOSE_RANGE_FLAGS) X(MEMFD_FLAGS)       \
	X(IOCTL_REQ) X(IOCTL_ARG) X(MOUNT_FLAGS) X(UMOUNT_FLAGS)            \
	X(FSOPEN_FLAGS) X(FSMOUNT_FLAGS) X(MOUNT_ATTR) X(MOVE_MOUNT_FLAGS)  \
	X(OPEN_TREE_FLAGS) X(FSCONFIG_CMD) X(CLONE_FLAGS) X(CLONE_ARGS)     \
	X(NS_FLAGS) X(WAIT_OPTIONS) X(IDTYPE) X(RLIMIT) X(PRIO_WHICH)       \
	X(SCHED_POLICY) X(PRCTL_OPTION) X(PRCTL_ARG) X(CAP)                 \
	X(CAP_AMBIENT_OP) X(ARCH_PRCTL_CODE) X(PERSONALITY) X(PTRACE_REQ)   \
	X(PTRACE_ARG) X(PTRACE_OPTIONS) X(SECCOMP_OP) X(SECCOMP_ARG)        \
	X(SECCOMP_MODE) X(SECCOMP_FILTER_FLAGS) X(SECCOMP_ACTION)           \
	X(SOCK_FPROG) X(CAP_HEADER) X(CAP_DATA) X(CAP_VERSION) X(MMAP_PROT) \
	X(MMAP_FLAGS) X(MADVISE) X(MREMAP_FLAGS) X(MSYNC_FLAGS)             \
	X(MLOCK_FLAGS) X(MLOCKALL_FLAGS) X(SOCK_DOMAIN) X(SOCK_TYPE)        \
	X(SOCK_PROTO) X(IP_PROTO) X(NETLINK_PROTO) X(SOCK_FLAGS)            \
	X(SOCKADDR) X(SHUT_HOW) X(MSG_FLAGS) X(SOCK_LEVEL) X(SOCK_OPTNAME)  \
	X(SO_OPTNAME) X(SOCKETCALL_CALL) X(SOCKETCALL_ARGS) X(IPC_FLAGS)    \
	X(IPC_CMD) X(IPC_CALL) X(KEYCTL_CMD) X(KEYCTL_ARG) X(KEY_SERIAL)    \
	X(BPF_CMD) X(BPF_ATTR) X(BPF_MAP_TYPE) X(BPF_PROG_TYPE)             \
	X(PERF_ATTR) X(PERF_TYPE) X(PERF_FLAGS) X(IOURING_PARAMS)           \
	X(IOURING_SETUP_FLAGS) X(UFFD_FLAGS) X(PIDFD_FLAGS) X(FUTEX_OP)     \
	X(EPOLL_CTL) X(EPOLL_FLAGS) X(EVENTFD_FLAGS) X(SIGNALFD_FLAGS)      \
	X(TIMERFD_FLAGS) X(INOTIFY_FLAGS) X(GETRANDOM_FLAGS)

enum sysent_arg {
#define SYSENT_ARG_ENUM(k) SYSENT_ARG_##k,
	SYSENT_ARG_KINDS(SYSENT_ARG_ENUM)
#undef SYSENT_ARG_ENUM
	SYSENT_ARG_COUNT
};
// clang-format on

struct sysent_sig {
	const char *name;
	unsigned char nargs;
	unsigned char args[6]; /* enum sysent_arg */
};

/*
 * The signature of NAME as ARCH (token) passes it, or NULL when we have
 * none. i386 has its own entries where its arguments differ (mmap, clone,
 * split 64-bit offsets, 16-bit ids) and calls only it has; every other
 * architecture uses the x86_64 entries, which match the generic Linux
 * argument order. Borrowed, static.
 */
const struct sysent_sig *sysent_sig(uint32_t arch, const char *name);
/* sysent_sig of sysent_name(arch, nr). */
const struct sysent_sig *sysent_sig_nr(uint32_t arch, int nr);
/* The tables themselves, for tests: i386's own entries, or the rest. */
const struct sysent_sig *sysent_sigs(bool i386, size_t *n);
/* "OPEN_FLAGS" for SYSENT_ARG_OPEN_FLAGS; NULL when out of range. */
const char *sysent_arg_name(enum sysent_arg kind);

#endif
