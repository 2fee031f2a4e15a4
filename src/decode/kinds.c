// SPDX-License-Identifier: Apache-2.0
/*
 * The kind table: for every enum sysent_arg, how a value of that kind
 * prints (a printer, or just its flag/enum table), what a condition on it
 * can say, or how to find its real kind from the other arguments. Also
 * the printers of plain numbers and of the "enum field plus flags"
 * values (mmap flags, socket type, futex op...), which are one line each.
 */
#include <inttypes.h>

#include "internal.h"

static bool print_hex(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	decode_print_hex(c, v);
	return true;
}

static bool print_int(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	strbuf_addf(c->out, "%d", (int32_t)v);
	return true;
}

static bool print_uint(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	strbuf_addf(c->out, "%u", (uint32_t)v);
	return true;
}

static bool print_long(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	strbuf_addf(c->out, "%" PRId64, decode_long(c, v));
	return true;
}

static bool print_ulong(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	strbuf_addf(c->out, "%" PRIu64, c->reg32 ? (uint32_t)v : v);
	return true;
}

static bool print_addr(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	decode_print_addr(c, v);
	return true;
}

static bool print_none(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)c, (void)i, (void)v;
	return false;
}

/* uid_t and gid_t: (uid_t)-1 means "unchanged" and prints as -1. */
static bool print_id(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	if ((uint32_t)v == UINT32_MAX)
		strbuf_adds(c->out, "-1");
	else
		strbuf_addf(c->out, "%u", (uint32_t)v);
	return true;
}

static bool print_id16(struct decode_ctx *c, unsigned i, uint64_t v)
{
	return print_id(c, i,
			(uint16_t)v == UINT16_MAX ? UINT32_MAX : (uint16_t)v);
}

/* A 64-bit offset split over this argument and the next on 32-bit ABIs. */
static bool print_off_lo(struct decode_ctx *c, unsigned i, uint64_t v)
{
	if (c->reg32 && i + 1 < 6)
		v = (c->args[i + 1] << 32) | (uint32_t)v;
	strbuf_addf(c->out, "%" PRId64, (int64_t)v);
	return true;
}

static bool print_off_hilo(struct decode_ctx *c, unsigned i, uint64_t v)
{
	if (i + 1 < 6)
		v = (v << 32) | (uint32_t)c->args[i + 1];
	strbuf_addf(c->out, "%" PRId64, (int64_t)v);
	return true;
}

static bool print_mode(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	decode_print_octal(c, (uint32_t)v);
	return true;
}

static bool print_str(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	decode_print_str(c, v);
	return true;
}

/* A buffer whose length is the next argument (write, sendto, setxattr). */
static bool print_buf(struct decode_ctx *c, unsigned i, uint64_t v)
{
	decode_print_buf(c, v, i + 1 < 6 ? c->args[i + 1] : 0);
	return true;
}

static bool print_gid_list(struct decode_ctx *c, unsigned i, uint64_t v,
			   size_t size)
{
	uint32_t n = i < 6 ? (uint32_t)c->args[0] : 0, k;
	unsigned char buf[4];

	if (!v || n > 65536 || !c->read) {
		decode_print_addr(c, v);
		return true;
	}
	strbuf_addc(c->out, '[');
	for (k = 0; k < n; k++) {
		if (k == 32) {
			strbuf_adds(c->out, ", ...");
			break;
		}
		if (!decode_read(c, v + k * size, buf, size)) {
			strbuf_adds(c->out, k ? ", ..." : "...");
			break;
		}
		if (k)
			strbuf_adds(c->out, ", ");
		if (size == 2)
			print_id16(c, i, (uint64_t)buf[0] | buf[1] << 8);
		else
			print_id(c, i,
				 (uint64_t)buf[0] | buf[1] << 8 | buf[2] << 16 |
					 (uint64_t)buf[3] << 24);
	}
	strbuf_addc(c->out, ']');
	return true;
}

static bool print_gids(struct decode_ctx *c, unsigned i, uint64_t v)
{
	return print_gid_list(c, i, v, 4);
}

static bool print_gids16(struct decode_ctx *c, unsigned i, uint64_t v)
{
	return print_gid_list(c, i, v, 2);
}

static bool print_mmap_flags(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	decode_print_field_flags(c, (uint32_t)v, 0x0f, &decode_xlat_mmap_type,
				 &decode_xlat_mmap_flags);
	return true;
}

static bool print_sock_type(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	decode_print_field_flags(c, (uint32_t)v, 0x0f, &decode_xlat_sock_type,
				 &decode_xlat_sock_flags);
	return true;
}

static bool print_futex_op(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	decode_print_field_flags(c, (uint32_t)v, 0x7f, &decode_xlat_futex_cmd,
				 &decode_xlat_futex_flags);
	return true;
}

static bool print_personality(struct decode_ctx *c, unsigned i, uint64_t v)
{
	(void)i;
	/* 0xffffffff asks for the current personality: not a value. */
	if ((uint32_t)v == UINT32_MAX)
		decode_print_hex(c, (uint32_t)v);
	else
		decode_print_field_flags(c, (uint32_t)v, 0xff,
					 &decode_xlat_personality_type,
					 &decode_xlat_personality_flags);
	return true;
}

/* System V IPC flags carry a permission mode in their low nine bits. */
static bool print_ipc_flags(struct decode_ctx *c, unsigned i, uint64_t v)
{
	bool first = true;
	uint64_t rest;

	(void)i;
	rest = decode_xlat_bits(c->out, &decode_xlat_ipc_flags,
				(uint32_t)v & ~0777u, &first);
	if (rest) {
		strbuf_addf(c->out, "%s%#" PRIx64, first ? "" : "|", rest);
		first = false;
	}
	if (!first)
		strbuf_addc(c->out, '|');
	decode_print_octal(c, v & 0777);
	return true;
}

#define XK(k, x, c) \
	[SYSENT_ARG_##k] = {NULL, &decode_xlat_##x, DECODE_COND_##c, NULL}
#define PK(k, fn, c) [SYSENT_ARG_##k] = {fn, NULL, DECODE_COND_##c, NULL}
#define PX(k, fn, x, c) \
	[SYSENT_ARG_##k] = {fn, &decode_xlat_##x, DECODE_COND_##c, NULL}
#define RK(k, fn) [SYSENT_ARG_##k] = {NULL, NULL, DECODE_COND_VALUE, fn}
#define SK(k, st) [SYSENT_ARG_##k] = {NULL, NULL, DECODE_COND_NONE, NULL, &st}

const struct decode_kind decode_kinds[SYSENT_ARG_COUNT] = {
	PK(HEX, print_hex, VALUE),
	PK(INT, print_int, VALUE),
	PK(UINT, print_uint, VALUE),
	PK(LONG, print_long, VALUE),
	PK(ULONG, print_ulong, VALUE),
	PK(ADDR, print_addr, NONE),
	PK(PTR, print_addr, NONE),
	PK(NONE, print_none, NONE),
	PK(FD, print_int, VALUE),
	PK(DIRFD, decode_fs_dirfd, VALUE),
	PK(PID, print_int, VALUE),
	PK(UID, print_id, VALUE),
	PK(GID, print_id, VALUE),
	PK(UID16, print_id16, VALUE),
	PK(GID16, print_id16, VALUE),
	PK(GIDS, print_gids, NONE),
	PK(GIDS16, print_gids16, NONE),
	PK(OFF, print_long, VALUE),
	PK(OFF_LO, print_off_lo, VALUE),
	PK(OFF_HILO, print_off_hilo, VALUE),
	PK(OFF_PART, print_none, NONE),
	PK(MODE, print_mode, VALUE),
	PX(MKNOD_MODE, decode_fs_mknod_mode, mode_type, VALUE),
	PK(DEV, decode_fs_dev, VALUE),
	PK(PATH, print_str, NONE),
	PK(STR, print_str, NONE),
	PK(BUF, print_buf, NONE),
	PK(ARGV, decode_proc_argv, NONE),
	PK(ENVP, decode_proc_envp, NONE),
	PX(SIGNUM, decode_proc_signum, signals, VALUE),
	PK(SIGSET, decode_proc_sigset, NONE),
	XK(SIGHOW, sighow, VALUE),
	PK(TIMESPEC, decode_proc_timespec, NONE),
	PK(TIMESPEC64, decode_proc_timespec64, NONE),
	XK(CLOCKID, clockid, VALUE),
	XK(TIMER_FLAGS, timer_flags, FLAGS),
	PX(OPEN_FLAGS, decode_fs_open_flags, open_flags, FLAGS),
	RK(OPEN_MODE, decode_fs_open_mode),
	SK(OPEN_HOW, decode_fs_open_how),
	XK(RESOLVE_FLAGS, resolve_flags, FLAGS),
	XK(FD_FLAGS, fd_flags, FLAGS),
	XK(FD_CLOEXEC, fd_cloexec, FLAGS),
	XK(AT_FLAGS, at_flags, FLAGS),
	XK(UNLINKAT_FLAGS, unlinkat_flags, FLAGS),
	XK(ACCESS_MODE, access_mode, FLAGS),
	XK(FACCESSAT_FLAGS, faccessat_flags, FLAGS),
	XK(FCNTL_CMD, fcntl_cmd, VALUE),
	RK(FCNTL_ARG, decode_fs_fcntl_arg),
	XK(SEALS, seals, FLAGS),
	XK(LEASE, lease, VALUE),
	XK(DNOTIFY, dnotify, FLAGS),
	XK(WHENCE, whence, VALUE),
	XK(RENAME_FLAGS, rename_flags, FLAGS),
	XK(FLOCK_OP, flock_op, FLAGS),
	XK(XATTR_FLAGS, xattr_flags, FLAGS),
	XK(FALLOC_MODE, falloc_mode, FLAGS),
	XK(FADVISE, fadvise, VALUE),
	XK(CLOSE_RANGE_FLAGS, close_range_flags, FLAGS),
	XK(MEMFD_FLAGS, memfd_flags, FLAGS),
	PX(IOCTL_REQ, decode_ioctl_req, ioctl_req, VALUE),
	PK(IOCTL_ARG, decode_ioctl_arg, NONE),
	PX(MOUNT_FLAGS, decode_fs_mount_flags, mount_flags, FLAGS),
	XK(UMOUNT_FLAGS, umount_flags, FLAGS),
	XK(FSOPEN_FLAGS, fsopen_flags, FLAGS),
	XK(FSMOUNT_FLAGS, fsmount_flags, FLAGS),
	XK(MOUNT_ATTR, mount_attr, FLAGS),
	XK(MOVE_MOUNT_FLAGS, move_mount_flags, FLAGS),
	XK(OPEN_TREE_FLAGS, open_tree_flags, FLAGS),
	XK(FSCONFIG_CMD, fsconfig_cmd, VALUE),
	PX(CLONE_FLAGS, decode_proc_clone_flags, clone_flags, FLAGS),
	SK(CLONE_ARGS, decode_proc_clone_args),
	XK(NS_FLAGS, clone_flags, FLAGS),
	XK(WAIT_OPTIONS, wait_options, FLAGS),
	XK(IDTYPE, idtype, VALUE),
	XK(RLIMIT, rlimit, VALUE),
	XK(PRIO_WHICH, prio_which, VALUE),
	XK(SCHED_POLICY, sched_policy, VALUE),
	XK(PRCTL_OPTION, prctl_option, VALUE),
	RK(PRCTL_ARG, decode_proc_prctl_arg),
	XK(CAP, caps, VALUE),
	XK(CAP_AMBIENT_OP, cap_ambient_op, VALUE),
	XK(ARCH_PRCTL_CODE, arch_prctl_code, VALUE),
	PX(PERSONALITY, print_personality, personality_flags, FLAGS),
	XK(PTRACE_REQ, ptrace_req, VALUE),
	RK(PTRACE_ARG, decode_proc_ptrace_arg),
	XK(PTRACE_OPTIONS, ptrace_options, FLAGS),
	XK(SECCOMP_OP, seccomp_op, VALUE),
	RK(SECCOMP_ARG, decode_sec_seccomp_arg),
	XK(SECCOMP_MODE, seccomp_mode, VALUE),
	XK(SECCOMP_FILTER_FLAGS, seccomp_filter_flags, FLAGS),
	PK(SECCOMP_ACTION, decode_sec_action, NONE),
	PK(SOCK_FPROG, decode_sec_sock_fprog, NONE),
	SK(CAP_HEADER, decode_proc_cap_header),
	PK(CAP_DATA, decode_proc_cap_data, NONE),
	XK(CAP_VERSION, cap_version, VALUE),
	XK(MMAP_PROT, mmap_prot, FLAGS),
	PX(MMAP_FLAGS, print_mmap_flags, mmap_flags, FLAGS),
	XK(MADVISE, madvise, VALUE),
	XK(MREMAP_FLAGS, mremap_flags, FLAGS),
	XK(MSYNC_FLAGS, msync_flags, FLAGS),
	XK(MLOCK_FLAGS, mlock_flags, FLAGS),
	XK(MLOCKALL_FLAGS, mlockall_flags, FLAGS),
	XK(SOCK_DOMAIN, sock_domain, VALUE),
	PX(SOCK_TYPE, print_sock_type, sock_type, VALUE),
	RK(SOCK_PROTO, decode_net_sock_proto),
	XK(IP_PROTO, ip_proto, VALUE),
	XK(NETLINK_PROTO, netlink_proto, VALUE),
	XK(SOCK_FLAGS, sock_flags, FLAGS),
	PK(SOCKADDR, decode_net_sockaddr, NONE),
	XK(SHUT_HOW, shut_how, VALUE),
	XK(MSG_FLAGS, msg_flags, FLAGS),
	XK(SOCK_LEVEL, sock_level, VALUE),
	RK(SOCK_OPTNAME, decode_net_sock_optname),
	XK(SO_OPTNAME, so_optname, VALUE),
	XK(SOCKETCALL_CALL, socketcall_call, VALUE),
	PK(SOCKETCALL_ARGS, decode_net_socketcall_args, NONE),
	PX(IPC_FLAGS, print_ipc_flags, ipc_flags, FLAGS),
	XK(IPC_CMD, ipc_cmd, VALUE),
	XK(IPC_CALL, ipc_call, VALUE),
	XK(KEYCTL_CMD, keyctl_cmd, VALUE),
	RK(KEYCTL_ARG, decode_sec_keyctl_arg),
	PX(KEY_SERIAL, decode_sec_key_serial, key_spec, VALUE),
	XK(BPF_CMD, bpf_cmd, VALUE),
	PK(BPF_ATTR, decode_sec_bpf_attr, NONE),
	XK(BPF_MAP_TYPE, bpf_map_type, VALUE),
	XK(BPF_PROG_TYPE, bpf_prog_type, VALUE),
	SK(PERF_ATTR, decode_sec_perf_attr),
	XK(PERF_TYPE, perf_type, VALUE),
	XK(PERF_FLAGS, perf_flags, FLAGS),
	SK(IOURING_PARAMS, decode_sec_iouring_params),
	XK(IOURING_SETUP_FLAGS, iouring_setup_flags, FLAGS),
	XK(UFFD_FLAGS, uffd_flags, FLAGS),
	XK(PIDFD_FLAGS, pidfd_flags, FLAGS),
	PX(FUTEX_OP, print_futex_op, futex_cmd, VALUE),
	XK(EPOLL_CTL, epoll_ctl, VALUE),
	XK(EPOLL_FLAGS, epoll_flags, FLAGS),
	XK(EVENTFD_FLAGS, eventfd_flags, FLAGS),
	XK(SIGNALFD_FLAGS, signalfd_flags, FLAGS),
	XK(TIMERFD_FLAGS, timerfd_flags, FLAGS),
	XK(INOTIFY_FLAGS, inotify_flags, FLAGS),
	XK(GETRANDOM_FLAGS, getrandom_flags, FLAGS),
};
