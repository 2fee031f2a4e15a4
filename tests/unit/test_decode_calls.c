// SPDX-License-Identifier: Apache-2.0
/*
 * decode: each subsystem's decoders on x86_64 calls, with a fake memory
 * for the pointers (see test_decode.h).
 */
#include <stdint.h>

#include "test_decode.h"

#define AT_FDCWD_ARG ((uint64_t)(int64_t)-100)
#define MINUS1	     ((uint64_t)(int64_t)-1)

TEST(decode_files)
{
	struct fake_mem m = {0};
	uint64_t p = fake_str(&m, "/etc/passwd");

	CHECK_STR(DEC64(&m, SYS_openat, AT_FDCWD_ARG, p, 02000000),
		  "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC)");
	/* The mode shows only when O_CREAT or O_TMPFILE gives it meaning. */
	CHECK_STR(DEC64(&m, SYS_open, p, 0101 | 01000, 0644),
		  "open(\"/etc/passwd\", O_WRONLY|O_CREAT|O_TRUNC, 0644)");
	CHECK_STR(DEC64(&m, SYS_open, p, 02, 0644),
		  "open(\"/etc/passwd\", O_RDWR)");
	CHECK_STR(DEC64(&m, SYS_openat, 3, p, 020200002, 0600),
		  "openat(3, \"/etc/passwd\", O_RDWR|O_TMPFILE, 0600)");
	/* Bits no name covers stay, in hex. */
	CHECK_STR(DEC64(&m, SYS_openat, 3, p, 0x40000000),
		  "openat(3, \"/etc/passwd\", O_RDONLY|0x40000000)");
	CHECK_STR(DEC64(&m, SYS_faccessat2, AT_FDCWD_ARG, p, 0, 0x200),
		  "faccessat2(AT_FDCWD, \"/etc/passwd\", F_OK, AT_EACCESS)");
	CHECK_STR(DEC64(&m, SYS_access, p, 5),
		  "access(\"/etc/passwd\", R_OK|X_OK)");
	CHECK_STR(DEC64(&m, SYS_unlinkat, 5, p, 0x200),
		  "unlinkat(5, \"/etc/passwd\", AT_REMOVEDIR)");
	CHECK_STR(
		DEC64(&m, SYS_newfstatat, 5, p, 0x7ff000, 0x1100),
		"newfstatat(5, \"/etc/passwd\", 0x7ff000, AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH)");
	CHECK_STR(
		DEC64(&m, SYS_mknodat, AT_FDCWD_ARG, p, 020600, 0x103),
		"mknodat(AT_FDCWD, \"/etc/passwd\", S_IFCHR|0600, makedev(0x1, 0x3))");
	CHECK_STR(DEC64(&m, SYS_lseek, 3, MINUS1, 2), "lseek(3, -1, SEEK_END)");
	CHECK_STR(
		DEC64(&m, SYS_renameat2, 3, p, 4, p, 2),
		"renameat2(3, \"/etc/passwd\", 4, \"/etc/passwd\", RENAME_EXCHANGE)");
	CHECK_STR(DEC64(&m, SYS_umask, 022), "umask(022)");
	CHECK_STR(DEC64(&m, SYS_chmod, p, 0), "chmod(\"/etc/passwd\", 000)");
	CHECK_STR(DEC64(&m, SYS_pipe2, 0x7ff000, 02004000),
		  "pipe2(0x7ff000, O_NONBLOCK|O_CLOEXEC)");
	CHECK_STR(
		DEC64(&m, SYS_memfd_create, p, 3),
		"memfd_create(\"/etc/passwd\", MFD_CLOEXEC|MFD_ALLOW_SEALING)");
}

TEST(decode_openat2)
{
	struct fake_mem m = {0};
	uint64_t p = fake_str(&m, "x");
	uint64_t how[3] = {02000000, 0, 0x04 | 0x08};
	uint64_t h = fake_put(&m, how, sizeof(how));

	CHECK_STR(
		DEC64(&m, SYS_openat2, AT_FDCWD_ARG, p, h, 24),
		"openat2(AT_FDCWD, \"x\", {flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH}, 24)");
	/* A size too small for the struct shows what it covers. */
	CHECK_STR(DEC64(&m, SYS_openat2, AT_FDCWD_ARG, p, h, 8),
		  "openat2(AT_FDCWD, \"x\", {flags=O_RDONLY|O_CLOEXEC}, 8)");
	CHECK_STR(DEC64(&m, SYS_openat2, AT_FDCWD_ARG, p, 0x999000, 24),
		  "openat2(AT_FDCWD, \"x\", 0x999000, 24)");
}

TEST(decode_fcntl)
{
	CHECK_STR(DEC64(NULL, SYS_fcntl, 3, 1030, 10),
		  "fcntl(3, F_DUPFD_CLOEXEC, 10)");
	CHECK_STR(DEC64(NULL, SYS_fcntl, 3, 2, 1),
		  "fcntl(3, F_SETFD, FD_CLOEXEC)");
	CHECK_STR(DEC64(NULL, SYS_fcntl, 3, 3, 0), "fcntl(3, F_GETFL)");
	CHECK_STR(DEC64(NULL, SYS_fcntl, 3, 4, 04000),
		  "fcntl(3, F_SETFL, O_RDONLY|O_NONBLOCK)");
	CHECK_STR(
		DEC64(NULL, SYS_fcntl, 3, 1033, 0xb),
		"fcntl(3, F_ADD_SEALS, F_SEAL_SEAL|F_SEAL_SHRINK|F_SEAL_WRITE)");
	CHECK_STR(DEC64(NULL, SYS_fcntl, 3, 10, 10),
		  "fcntl(3, F_SETSIG, SIGUSR1)");
	CHECK_STR(DEC64(NULL, SYS_fcntl, 3, 0x777, 10), "fcntl(3, 0x777, 0xa)");
}

TEST(decode_namespaces_and_clone)
{
	struct fake_mem m = {0};
	uint64_t ca[11] = {0x10000000 | 0x20000000 | 0x1000,
			   0x7000,
			   0,
			   0,
			   17,
			   0x7fff0000,
			   0x10000,
			   0,
			   0,
			   0,
			   0};
	uint64_t a = fake_put(&m, ca, sizeof(ca));

	CHECK_STR(DEC64(NULL, SYS_unshare, 0x30000000),
		  "unshare(CLONE_NEWUSER|CLONE_NEWPID)");
	CHECK_STR(DEC64(NULL, SYS_unshare, 0x80 | 0x20000),
		  "unshare(CLONE_NEWNS|CLONE_NEWTIME)");
	CHECK_STR(DEC64(NULL, SYS_setns, 3, 0x40000000),
		  "setns(3, CLONE_NEWNET)");
	CHECK_STR(DEC64(NULL, SYS_setns, 3, 0), "setns(3, 0)");
	/* clone's low byte is the exit signal, not CLONE_NEWTIME. */
	CHECK_STR(
		DEC64(NULL, SYS_clone, 0x01200011, 0, 0, 0x7f00, 0),
		"clone(CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, NULL, NULL, 0x7f00, NULL)");
	CHECK_STR(DEC64(NULL, SYS_clone, 17),
		  "clone(SIGCHLD, NULL, NULL, NULL, NULL)");
	CHECK_STR(DEC64(NULL, SYS_clone, 0x100, 0x1000),
		  "clone(CLONE_VM, 0x1000, NULL, NULL, NULL)");
	CHECK_STR(
		DEC64(&m, SYS_clone3, a, 88),
		"clone3({flags=CLONE_PIDFD|CLONE_NEWUSER|CLONE_NEWPID, pidfd=0x7000, exit_signal=SIGCHLD, stack=0x7fff0000, stack_size=0x10000}, 88)");
	/* Version 0 of the struct (64 bytes) stops before set_tid. */
	CHECK_STR(
		DEC64(&m, SYS_clone3, a, 40),
		"clone3({flags=CLONE_PIDFD|CLONE_NEWUSER|CLONE_NEWPID, pidfd=0x7000, exit_signal=SIGCHLD}, 40)");
}

TEST(decode_memory_calls)
{
	CHECK_STR(
		DEC64(NULL, SYS_mmap, 0, 4096, 3, 0x22, MINUS1, 0),
		"mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)");
	CHECK_STR(
		DEC64(NULL, SYS_mmap, 0x7f0000, 8192, 5, 0x12, 3, 0x2000),
		"mmap(0x7f0000, 8192, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED, 3, 0x2000)");
	CHECK_STR(DEC64(NULL, SYS_mmap, 0, 4096, 0, 0x9, MINUS1, 0),
		  "mmap(NULL, 4096, PROT_NONE, 0x9, -1, 0)");
	CHECK_STR(DEC64(NULL, SYS_mprotect, 0x7f0000, 4096, 7),
		  "mprotect(0x7f0000, 4096, PROT_READ|PROT_WRITE|PROT_EXEC)");
	CHECK_STR(DEC64(NULL, SYS_madvise, 0x7f0000, 4096, 4),
		  "madvise(0x7f0000, 4096, MADV_DONTNEED)");
	CHECK_STR(DEC64(NULL, SYS_madvise, 0x7f0000, 4096, 77),
		  "madvise(0x7f0000, 4096, 0x4d)");
	CHECK_STR(DEC64(NULL, SYS_mlockall, 3),
		  "mlockall(MCL_CURRENT|MCL_FUTURE)");
}

TEST(decode_sockets)
{
	CHECK_STR(DEC64(NULL, SYS_socket, 10, 2, 17),
		  "socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP)");
	CHECK_STR(
		DEC64(NULL, SYS_socket, 2, 0x80801, 0),
		"socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC, IPPROTO_IP)");
	CHECK_STR(DEC64(NULL, SYS_socket, 16, 3, 0),
		  "socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)");
	CHECK_STR(DEC64(NULL, SYS_socket, 1, 1, 0),
		  "socket(AF_UNIX, SOCK_STREAM, 0)");
	CHECK_STR(DEC64(NULL, SYS_socket, 99, 1, 0),
		  "socket(0x63, SOCK_STREAM, 0)");
	CHECK_STR(DEC64(NULL, SYS_socketpair, 1, 5, 0, 0x7ff000),
		  "socketpair(AF_UNIX, SOCK_SEQPACKET, 0, 0x7ff000)");
	CHECK_STR(DEC64(NULL, SYS_setsockopt, 3, 1, 2, 0x7ff000, 4),
		  "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, 0x7ff000, 4)");
	CHECK_STR(DEC64(NULL, SYS_setsockopt, 3, 6, 1, 0x7ff000, 4),
		  "setsockopt(3, SOL_TCP, 1, 0x7ff000, 4)");
	CHECK_STR(DEC64(NULL, SYS_shutdown, 3, 2), "shutdown(3, SHUT_RDWR)");
	CHECK_STR(DEC64(NULL, SYS_accept4, 3, 0, 0, 02000000),
		  "accept4(3, NULL, NULL, SOCK_CLOEXEC)");
}

TEST(decode_sockaddrs)
{
	struct fake_mem m = {0};
	unsigned char un[] = {1, 0, '/', 'r', 'u', 'n', '/', 's', 0};
	unsigned char abs[] = {1, 0, 0, 'x', '\n', 0};
	unsigned char in[16] = {2, 0, 0x1f, 0x90, 127, 0, 0, 1};
	unsigned char in6[28] = {10, 0, 0x01, 0xbb};
	unsigned char nl[12] = {16, 0, 0, 0, 0x39, 0x30, 0, 0, 1, 0, 0, 0};
	unsigned char pk[20] = {17, 0};
	uint64_t a_un = fake_put(&m, un, sizeof(un));
	uint64_t a_abs = fake_put(&m, abs, sizeof(abs));
	uint64_t a_in = fake_put(&m, in, sizeof(in));
	uint64_t a_in6, a_nl, a_pk;

	in6[23] = 1; /* ::1 */
	a_in6 = fake_put(&m, in6, sizeof(in6));
	a_nl = fake_put(&m, nl, sizeof(nl));
	a_pk = fake_put(&m, pk, sizeof(pk));
	CHECK_STR(DEC64(&m, SYS_connect, 3, a_un, sizeof(un)),
		  "connect(3, {sa_family=AF_UNIX, sun_path=\"/run/s\"}, 9)");
	/* Abstract names: every byte up to the length, escaped. */
	CHECK_STR(DEC64(&m, SYS_bind, 3, a_abs, 5),
		  "bind(3, {sa_family=AF_UNIX, sun_path=@\"x\\n\"}, 5)");
	CHECK_STR(
		DEC64(&m, SYS_connect, 3, a_in, 16),
		"connect(3, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}, 16)");
	CHECK_STR(
		DEC64(&m, SYS_connect, 3, a_in6, 28),
		"connect(3, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28)");
	CHECK_STR(
		DEC64(&m, SYS_bind, 3, a_nl, 12),
		"bind(3, {sa_family=AF_NETLINK, nl_pid=12345, nl_groups=00000001}, 12)");
	CHECK_STR(DEC64(&m, SYS_bind, 3, a_pk, 20),
		  "bind(3, {sa_family=AF_PACKET}, 20)");
	CHECK_STR(
		DEC64(&m, SYS_sendto, 3, a_un + 2, 4, 0x4000, a_in, 16),
		"sendto(3, \"/run\", 4, MSG_NOSIGNAL, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}, 16)");
	/* Too short for a family, or unreadable: the address. */
	CHECK_STR(DEC64(&m, SYS_connect, 3, a_in, 1), "connect(3, 0x10018, 1)");
	CHECK_STR(DEC64(&m, SYS_connect, 3, 0x5000, 16),
		  "connect(3, 0x5000, 16)");
	CHECK_STR(DEC64(&m, SYS_connect, 3, 0, 0), "connect(3, NULL, 0)");
}

TEST(decode_prctl_and_personality)
{
	struct fake_mem m = {0};
	uint64_t name = fake_str(&m, "worker");

	CHECK_STR(DEC64(NULL, SYS_prctl, 38, 1, 0, 0, 0),
		  "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)");
	CHECK_STR(DEC64(NULL, SYS_prctl, 24, 21, 0, 0, 0),
		  "prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0)");
	CHECK_STR(DEC64(NULL, SYS_prctl, 22, 2, 0x7ff000, 0, 0),
		  "prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, 0x7ff000, 0, 0)");
	CHECK_STR(DEC64(NULL, SYS_prctl, 1, 9, 0, 0, 0),
		  "prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0)");
	CHECK_STR(
		DEC64(NULL, SYS_prctl, 47, 2, 12, 0, 0),
		"prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_ADMIN, 0, 0)");
	CHECK_STR(DEC64(&m, SYS_prctl, 15, name, 0, 0, 0),
		  "prctl(PR_SET_NAME, \"worker\", 0, 0, 0)");
	CHECK_STR(DEC64(NULL, SYS_prctl, 0x3e8, 1, 2, 3, 4),
		  "prctl(0x3e8, 0x1, 0x2, 0x3, 0x4)");
	CHECK_STR(DEC64(NULL, SYS_personality, 0x40000),
		  "personality(PER_LINUX|ADDR_NO_RANDOMIZE)");
	CHECK_STR(DEC64(NULL, SYS_personality, 8), "personality(PER_LINUX32)");
	CHECK_STR(DEC64(NULL, SYS_personality, 0xffffffff),
		  "personality(0xffffffff)");
	CHECK_STR(DEC64(NULL, SYS_arch_prctl, 0x1002, 0x7f00),
		  "arch_prctl(ARCH_SET_FS, 0x7f00)");
}

TEST(decode_ioctls)
{
	struct fake_mem m = {0};
	int32_t one = 1;
	uint16_t ws[4] = {24, 80, 0, 0};
	uint64_t p_one = fake_put(&m, &one, sizeof(one));
	uint64_t p_ws = fake_put(&m, ws, sizeof(ws));
	uint64_t p_c = fake_put(&m, "\x1b", 1);

	CHECK_STR(DEC64(&m, SYS_ioctl, 0, 0x5401, 0x7ff000),
		  "ioctl(0, TCGETS, 0x7ff000)");
	CHECK_STR(DEC64(&m, SYS_ioctl, 0, 0x541b, 0x7ff000),
		  "ioctl(0, FIONREAD, 0x7ff000)");
	CHECK_STR(DEC64(&m, SYS_ioctl, 3, 0x5421, p_one),
		  "ioctl(3, FIONBIO, [1])");
	CHECK_STR(DEC64(&m, SYS_ioctl, 0, 0x5412, p_c),
		  "ioctl(0, TIOCSTI, \"\\x1b\")");
	CHECK_STR(
		DEC64(&m, SYS_ioctl, 1, 0x5414, p_ws),
		"ioctl(1, TIOCSWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0})");
	CHECK_STR(DEC64(&m, SYS_ioctl, 3, 0x5451, 0), "ioctl(3, FIOCLEX)");
	CHECK_STR(DEC64(&m, SYS_ioctl, 0, 0x540e, 1), "ioctl(0, TIOCSCTTY, 1)");
	CHECK_STR(
		DEC64(&m, SYS_ioctl, 3, 0xc0ffee01, 0),
		"ioctl(3, _IOC(_IOC_READ|_IOC_WRITE, 0xee, 0x1, 0xff), NULL)");
	CHECK_STR(DEC64(&m, SYS_ioctl, 3, 0x1234, 0x10),
		  "ioctl(3, _IOC(_IOC_NONE, 0x12, 0x34, 0), 0x10)");
	CHECK_STR(DEC64(&m, SYS_ioctl, 3, 0x8004ae99, 0x10),
		  "ioctl(3, _IOC(_IOC_READ, 0xae, 0x99, 0x4), 0x10)");
}

TEST(decode_mounts)
{
	struct fake_mem m = {0};
	uint64_t src = fake_str(&m, "/src"), dst = fake_str(&m, "/mnt");
	uint64_t fs = fake_str(&m, "tmpfs"), data = fake_str(&m, "size=1m");

	CHECK_STR(DEC64(&m, SYS_mount, src, dst, 0, 0x1000 | 0x4000, 0),
		  "mount(\"/src\", \"/mnt\", NULL, MS_BIND|MS_REC, NULL)");
	CHECK_STR(
		DEC64(&m, SYS_mount, 0, dst, fs, 0xc0ed0000 | 0xe, data),
		"mount(NULL, \"/mnt\", \"tmpfs\", MS_MGC_VAL|MS_NOSUID|MS_NODEV|MS_NOEXEC, \"size=1m\")");
	CHECK_STR(DEC64(&m, SYS_mount, 0, dst, 0, 0x40000 | 0x4000, 0),
		  "mount(NULL, \"/mnt\", NULL, MS_REC|MS_PRIVATE, NULL)");
	CHECK_STR(DEC64(&m, SYS_umount2, dst, 2),
		  "umount2(\"/mnt\", MNT_DETACH)");
	CHECK_STR(DEC64(&m, SYS_fsopen, fs, 1),
		  "fsopen(\"tmpfs\", FSOPEN_CLOEXEC)");
	CHECK_STR(
		DEC64(&m, SYS_fsmount, 3, 1, 0x2 | 0x4),
		"fsmount(3, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID|MOUNT_ATTR_NODEV)");
	CHECK_STR(
		DEC64(&m, SYS_move_mount, 4, 0, AT_FDCWD_ARG, dst, 4),
		"move_mount(4, NULL, AT_FDCWD, \"/mnt\", MOVE_MOUNT_F_EMPTY_PATH)");
	CHECK_STR(
		DEC64(&m, SYS_open_tree, AT_FDCWD_ARG, src, 0x8001 | 02000000),
		"open_tree(AT_FDCWD, \"/src\", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_RECURSIVE)");
	CHECK_STR(DEC64(&m, SYS_fsconfig, 3, 1, src, 0x7000, 0),
		  "fsconfig(3, FSCONFIG_SET_STRING, \"/src\", 0x7000, 0)");
}

TEST(decode_keys)
{
	struct fake_mem m = {0};
	uint64_t type = fake_str(&m, "user"), desc = fake_str(&m, "k1");
	uint64_t payload = fake_put(&m, "secret", 6);

	CHECK_STR(
		DEC64(&m, SYS_add_key, type, desc, payload, 6,
		      (uint64_t)(int64_t)-3),
		"add_key(\"user\", \"k1\", \"secret\", 6, KEY_SPEC_SESSION_KEYRING)");
	CHECK_STR(DEC64(&m, SYS_request_key, type, desc, 0, 0),
		  "request_key(\"user\", \"k1\", NULL, 0)");
	CHECK_STR(
		DEC64(&m, SYS_keyctl, 10, (uint64_t)(int64_t)-4, type, desc, 0),
		"keyctl(KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING, \"user\", \"k1\", 0)");
	CHECK_STR(DEC64(&m, SYS_keyctl, 0, 0xfffffffd, 1),
		  "keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 1)");
	CHECK_STR(DEC64(&m, SYS_keyctl, 3, 123456),
		  "keyctl(KEYCTL_REVOKE, 123456)");
	CHECK_STR(DEC64(&m, SYS_keyctl, 1, 0),
		  "keyctl(KEYCTL_JOIN_SESSION_KEYRING, NULL)");
	CHECK_STR(DEC64(&m, SYS_keyctl, 99, 1, 2, 3, 4),
		  "keyctl(0x63, 0x1, 0x2, 0x3, 0x4)");
}

TEST(decode_bpf_perf_io_uring)
{
	struct fake_mem m = {0};
	uint64_t lic = fake_str(&m, "GPL");
	struct {
		uint32_t type, cnt;
		uint64_t insns, license;
	} prog = {1, 2, 0x7000, lic};
	uint32_t map[5] = {2, 4, 8, 16, 0};
	struct {
		uint32_t type, size;
		uint64_t config;
	} attr = {0, 128, 0x1};
	uint32_t params[7] = {0, 0, 0x2 | 0x4, 1, 1000, 0, 0};
	uint64_t p_prog = fake_put(&m, &prog, sizeof(prog));
	uint64_t p_map = fake_put(&m, map, sizeof(map));
	uint64_t p_attr = fake_put(&m, &attr, sizeof(attr));
	uint64_t p_par = fake_put(&m, params, sizeof(params));

	CHECK_STR(
		DEC64(&m, SYS_bpf, 5, p_prog, 144),
		"bpf(BPF_PROG_LOAD, {prog_type=BPF_PROG_TYPE_SOCKET_FILTER, insn_cnt=2, insns=0x7000, license=\"GPL\"}, 144)");
	CHECK_STR(
		DEC64(&m, SYS_bpf, 0, p_map, 72),
		"bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_ARRAY, key_size=4, value_size=8, max_entries=16}, 72)");
	CHECK_STR(DEC64(&m, SYS_bpf, 6, 0x7000, 16),
		  "bpf(BPF_OBJ_PIN, 0x7000, 16)");
	CHECK_STR(
		DEC64(&m, SYS_perf_event_open, p_attr, 0, MINUS1, MINUS1, 8),
		"perf_event_open({type=PERF_TYPE_HARDWARE, size=128, config=0x1}, 0, -1, -1, PERF_FLAG_FD_CLOEXEC)");
	CHECK_STR(
		DEC64(&m, SYS_io_uring_setup, 8, p_par),
		"io_uring_setup(8, {flags=IORING_SETUP_SQPOLL|IORING_SETUP_SQ_AFF, sq_thread_cpu=1, sq_thread_idle=1000})");
	CHECK_STR(DEC64(&m, SYS_userfaultfd, 02004001),
		  "userfaultfd(O_NONBLOCK|O_CLOEXEC|UFFD_USER_MODE_ONLY)");
	CHECK_STR(DEC64(&m, SYS_pidfd_open, 1234, 04000),
		  "pidfd_open(1234, PIDFD_NONBLOCK)");
	CHECK_STR(DEC64(&m, SYS_pidfd_send_signal, 3, 15, 0, 0),
		  "pidfd_send_signal(3, SIGTERM, NULL, 0)");
	CHECK_STR(DEC64(&m, SYS_pidfd_getfd, 3, 4, 0), "pidfd_getfd(3, 4, 0)");
}

TEST(decode_ptrace_signals_seccomp)
{
	struct fake_mem m = {0};
	uint64_t set_int_term = (1u << 1) | (1u << 14);
	uint64_t all_but_kill = ~(1ull << 8);
	uint64_t rt = (1ull << 31) | (1ull << 32);
	struct {
		uint16_t len;
		uint16_t pad[3];
		uint64_t filter;
	} fprog = {4, {0}, 0x7000};
	uint32_t action = 0x7ffc0000;
	uint64_t p_set = fake_put(&m, &set_int_term, 8);
	uint64_t p_all = fake_put(&m, &all_but_kill, 8);
	uint64_t p_rt = fake_put(&m, &rt, 8);
	uint64_t p_prog = fake_put(&m, &fprog, sizeof(fprog));
	uint64_t p_act = fake_put(&m, &action, sizeof(action));

	CHECK_STR(DEC64(&m, SYS_ptrace, 0, 0, 0, 0), "ptrace(PTRACE_TRACEME)");
	CHECK_STR(DEC64(&m, SYS_ptrace, 16, 42, 0, 0),
		  "ptrace(PTRACE_ATTACH, 42)");
	CHECK_STR(
		DEC64(&m, SYS_ptrace, 0x4206, 42, 0, 0x80 | 0x100000),
		"ptrace(PTRACE_SEIZE, 42, 0, PTRACE_O_TRACESECCOMP|PTRACE_O_EXITKILL)");
	CHECK_STR(DEC64(&m, SYS_ptrace, 7, 42, 0, 19),
		  "ptrace(PTRACE_CONT, 42, 0, SIGSTOP)");
	CHECK_STR(DEC64(&m, SYS_ptrace, 2, 42, 0x7000, 0x7ff0),
		  "ptrace(PTRACE_PEEKDATA, 42, 0x7000, 0x7ff0)");
	CHECK_STR(DEC64(&m, SYS_kill, 1234, 9), "kill(1234, SIGKILL)");
	CHECK_STR(DEC64(&m, SYS_kill, MINUS1, 0), "kill(-1, 0)");
	CHECK_STR(DEC64(&m, SYS_tgkill, 10, 11, 34), "tgkill(10, 11, SIGRT_2)");
	CHECK_STR(DEC64(&m, SYS_rt_sigprocmask, 0, p_set, 0, 8),
		  "rt_sigprocmask(SIG_BLOCK, [INT TERM], NULL, 8)");
	CHECK_STR(DEC64(&m, SYS_rt_sigprocmask, 2, p_all, 0, 8),
		  "rt_sigprocmask(SIG_SETMASK, ~[KILL], NULL, 8)");
	CHECK_STR(DEC64(&m, SYS_rt_sigprocmask, 1, p_rt, 0, 8),
		  "rt_sigprocmask(SIG_UNBLOCK, [RTMIN RT_1], NULL, 8)");
	CHECK_STR(DEC64(&m, SYS_rt_sigaction, 32, 0x7000, 0, 8),
		  "rt_sigaction(SIGRTMIN, 0x7000, NULL, 8)");
	CHECK_STR(
		DEC64(&m, SYS_seccomp, 1, 0x8, p_prog),
		"seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, {len=4, filter=0x7000})");
	CHECK_STR(DEC64(&m, SYS_seccomp, 2, 0, p_act),
		  "seccomp(SECCOMP_GET_ACTION_AVAIL, 0, [SECCOMP_RET_LOG])");
	CHECK_STR(DEC64(&m, SYS_seccomp, 0, 0, 0),
		  "seccomp(SECCOMP_SET_MODE_STRICT, 0, NULL)");
}

TEST(decode_ids_and_capabilities)
{
	struct fake_mem m = {0};
	uint32_t gids[2] = {0, 1000};
	uint32_t hdr[2] = {0x20080522, 0};
	/* effective, permitted, inheritable; then the high words. */
	uint32_t data[6] = {
		1u << 21 | 1u << 0, 1u << 21 | 1u << 0, 0, 1u << 7, 1u << 9, 0};
	uint64_t p_gids = fake_put(&m, gids, sizeof(gids));
	uint64_t p_hdr = fake_put(&m, hdr, sizeof(hdr));
	uint64_t p_data = fake_put(&m, data, sizeof(data));

	CHECK_STR(DEC64(&m, SYS_setuid, 1000), "setuid(1000)");
	CHECK_STR(DEC64(&m, SYS_setresgid, MINUS1, 0xffffffff, 5),
		  "setresgid(-1, -1, 5)");
	CHECK_STR(DEC64(&m, SYS_setgroups, 2, p_gids),
		  "setgroups(2, [0, 1000])");
	CHECK_STR(DEC64(&m, SYS_setgroups, 0, 0), "setgroups(0, NULL)");
	CHECK_STR(
		DEC64(&m, SYS_capget, p_hdr, 0x7000),
		"capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, 0x7000)");
	CHECK_STR(
		DEC64(&m, SYS_capset, p_hdr, p_data),
		"capset({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=CAP_CHOWN|CAP_SYS_ADMIN|CAP_BPF, permitted=CAP_CHOWN|CAP_SYS_ADMIN|1<<41, inheritable=0})");
}

TEST(decode_exec_and_misc)
{
	struct fake_mem m = {0};
	uint64_t path = fake_str(&m, "/bin/ls");
	uint64_t a0 = fake_str(&m, "ls"), a1 = fake_str(&m, "-l");
	uint64_t e0 = fake_str(&m, "A=1");
	uint64_t argv[3] = {a0, a1, 0}, envp[2] = {e0, 0};
	uint64_t p_argv = fake_put(&m, argv, sizeof(argv));
	uint64_t p_envp = fake_put(&m, envp, sizeof(envp));
	struct {
		int64_t sec, nsec;
	} ts = {1, 500000000};
	uint64_t p_ts = fake_put(&m, &ts, sizeof(ts));
	char buf[64];

	snprintf(buf, sizeof(buf), "%#llx /* 1 var */",
		 (unsigned long long)p_envp);
	CHECK_CONTAINS(DEC64(&m, SYS_execve, path, p_argv, p_envp),
		       "execve(\"/bin/ls\", [\"ls\", \"-l\"], ");
	CHECK_CONTAINS(DEC64(&m, SYS_execve, path, p_argv, p_envp), buf);
	CHECK_STR(DEC64(&m, SYS_execveat, 3, path, 0, 0, 0x1000),
		  "execveat(3, \"/bin/ls\", NULL, NULL, AT_EMPTY_PATH)");
	CHECK_STR(DEC64(&m, SYS_nanosleep, p_ts, 0),
		  "nanosleep({tv_sec=1, tv_nsec=500000000}, NULL)");
	CHECK_STR(
		DEC64(&m, SYS_clock_nanosleep, 1, 1, p_ts, 0),
		"clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=1, tv_nsec=500000000}, NULL)");
	CHECK_STR(
		DEC64(&m, SYS_futex, 0x7000, 128, 1, 0, 0, 0),
		"futex(0x7000, FUTEX_WAIT|FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0)");
	CHECK_STR(DEC64(&m, SYS_wait4, MINUS1, 0, 0x40000001, 0),
		  "wait4(-1, NULL, WNOHANG|__WALL, NULL)");
	CHECK_STR(DEC64(&m, SYS_prlimit64, 0, 7, 0, 0x7000),
		  "prlimit64(0, RLIMIT_NOFILE, NULL, 0x7000)");
	CHECK_STR(DEC64(&m, SYS_getrandom, 0x7000, 16, 1),
		  "getrandom(0x7000, 16, GRND_NONBLOCK)");
	CHECK_STR(DEC64(&m, SYS_epoll_ctl, 3, 1, 4, 0x7000),
		  "epoll_ctl(3, EPOLL_CTL_ADD, 4, 0x7000)");
	CHECK_STR(DEC64(&m, SYS_shmget, 0, 4096, 01000 | 0600),
		  "shmget(0, 4096, IPC_CREAT|0600)");
	CHECK_STR(DEC64(&m, SYS_shmget, 0, 4096, 0600),
		  "shmget(0, 4096, 0600)");
	CHECK_STR(DEC64(&m, SYS_getpid), "getpid()");
	CHECK_STR(DEC64(&m, SYS_write, 1, a0, 2), "write(1, \"ls\", 2)");
	CHECK_STR(DEC64(&m, 999, 1, 2, 3, 4, 5, 6),
		  "syscall_999(0x1, 0x2, 0x3, 0x4, 0x5, 0x6)");
}
