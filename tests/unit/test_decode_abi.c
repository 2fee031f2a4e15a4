// SPDX-License-Identifier: Apache-2.0
/*
 * decode: what differs between ABIs (i386's 32-bit registers, split
 * offsets, 16-bit ids, socketcall; x32's numbers and 32-bit pointers), the
 * raw form, and the per-argument descriptions the view builds conditions
 * from.
 */
#include "test_decode.h"

#define NR32(name) sysent_nr(AUDIT_ARCH_I386, name)

TEST(decode_i386_truncates_and_sign_extends)
{
	struct fake_mem m = {0};
	uint64_t p = fake_str(&m, "/tmp/f");
	uint64_t junk = 0xdeadbeef00000000ull;

	/* The kernel sees the low 32 bits; signed kinds sign-extend them. */
	CHECK_STR(DEC32(&m, NR32("openat"), junk | 0xffffff9c, p, junk | 0101,
			junk | 0600),
		  "openat(AT_FDCWD, \"/tmp/f\", O_WRONLY|O_CREAT, 0600)");
	CHECK_STR(DEC32(&m, NR32("kill"), 0xffffffff, 15), "kill(-1, SIGTERM)");
	CHECK_STR(DEC32(&m, NR32("lseek"), 3, 0xffffffff, 1),
		  "lseek(3, -1, SEEK_CUR)");
	CHECK_STR(DEC32(&m, NR32("write"), 1, p, junk | 3),
		  "write(1, \"/tm\", 3)");
}

TEST(decode_i386_split_offsets_and_old_calls)
{
	struct fake_mem m = {0};
	int32_t ts32[2] = {2, 5};
	int64_t ts64[2] = {3, 7};
	uint64_t p32 = fake_put(&m, ts32, sizeof(ts32));
	uint64_t p64 = fake_put(&m, ts64, sizeof(ts64));

	CHECK_STR(DEC32(&m, NR32("_llseek"), 3, 1, 2, 0x7000, 0),
		  "_llseek(3, 4294967298, 0x7000, SEEK_SET)");
	CHECK_STR(DEC32(&m, NR32("pread64"), 3, 0x7000, 10, 5, 1),
		  "pread64(3, 0x7000, 10, 4294967301)");
	CHECK_STR(DEC32(&m, NR32("ftruncate64"), 3, 0, 2),
		  "ftruncate64(3, 8589934592)");
	CHECK_STR(
		DEC32(&m, NR32("mmap2"), 0, 4096, 3, 0x22, 0xffffffff, 0),
		"mmap2(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)");
	CHECK_STR(DEC32(&m, NR32("mmap"), 0x7000), "mmap(0x7000)");
	CHECK_STR(DEC32(&m, NR32("clone"), 0x100 | 17, 0x7000, 0, 0x8000, 0),
		  "clone(CLONE_VM|SIGCHLD, 0x7000, NULL, 0x8000, NULL)");
	CHECK_STR(DEC32(&m, NR32("nanosleep"), p32, 0),
		  "nanosleep({tv_sec=2, tv_nsec=5}, NULL)");
	CHECK_STR(
		DEC32(&m, NR32("clock_nanosleep_time64"), 0, 0, p64, 0),
		"clock_nanosleep_time64(CLOCK_REALTIME, 0, {tv_sec=3, tv_nsec=7}, NULL)");
	CHECK_STR(DEC32(&m, NR32("waitpid"), 0xffffffff, 0, 1),
		  "waitpid(-1, NULL, WNOHANG)");
	CHECK_STR(DEC32(&m, NR32("fcntl64"), 3, 13, 0x7000),
		  "fcntl64(3, F_SETLK64, 0x7000)");
}

TEST(decode_i386_ids)
{
	struct fake_mem m = {0};
	uint16_t g16[3] = {0, 100, 0xffff};
	uint32_t g32[2] = {5, 6};
	uint64_t p16 = fake_put(&m, g16, sizeof(g16));
	uint64_t p32 = fake_put(&m, g32, sizeof(g32));

	CHECK_STR(DEC32(&m, NR32("setuid"), 0xffff), "setuid(-1)");
	CHECK_STR(DEC32(&m, NR32("setuid32"), 0xffffffff), "setuid32(-1)");
	CHECK_STR(DEC32(&m, NR32("setuid32"), 0xffff), "setuid32(65535)");
	CHECK_STR(DEC32(&m, NR32("setresgid"), 1, 0xffff, 2),
		  "setresgid(1, -1, 2)");
	CHECK_STR(DEC32(&m, NR32("setgroups"), 3, p16),
		  "setgroups(3, [0, 100, -1])");
	CHECK_STR(DEC32(&m, NR32("setgroups32"), 2, p32),
		  "setgroups32(2, [5, 6])");
}

TEST(decode_i386_socketcall_and_ipc)
{
	struct fake_mem m = {0};
	uint32_t sock[3] = {2, 1, 6};
	unsigned char un[] = {1, 0, '/', 's', 0};
	uint64_t p_un = fake_put(&m, un, sizeof(un));
	uint32_t conn[3] = {3, (uint32_t)p_un, sizeof(un)};
	uint32_t send[4] = {3, (uint32_t)p_un + 2, 2, 0x40};
	uint64_t p_sock = fake_put(&m, sock, sizeof(sock));
	uint64_t p_conn = fake_put(&m, conn, sizeof(conn));
	uint64_t p_send = fake_put(&m, send, sizeof(send));

	CHECK_STR(
		DEC32(&m, NR32("socketcall"), 1, p_sock),
		"socketcall(SYS_SOCKET, [AF_INET, SOCK_STREAM, IPPROTO_TCP])");
	CHECK_STR(
		DEC32(&m, NR32("socketcall"), 3, p_conn),
		"socketcall(SYS_CONNECT, [3, {sa_family=AF_UNIX, sun_path=\"/s\"}, 5])");
	CHECK_STR(DEC32(&m, NR32("socketcall"), 9, p_send),
		  "socketcall(SYS_SEND, [3, \"/s\", 2, MSG_DONTWAIT])");
	CHECK_STR(DEC32(&m, NR32("socketcall"), 99, 0x7000),
		  "socketcall(0x63, 0x7000)");
	CHECK_STR(DEC32(&m, NR32("socketcall"), 1, 0x5000),
		  "socketcall(SYS_SOCKET, 0x5000)");
	CHECK_STR(DEC32(&m, NR32("ipc"), 23, 0, 4096, 01600, 0, 0),
		  "ipc(SHMGET, 0, 4096, 896, NULL, 0)");
}

TEST(decode_i386_pointer_arrays)
{
	struct fake_mem m = {0};
	uint64_t path = fake_str(&m, "/bin/true");
	uint32_t argv[3] = {(uint32_t)path, (uint32_t)path, 0};
	uint64_t p = fake_put(&m, argv, sizeof(argv));

	CHECK_STR(
		DEC32(&m, NR32("execve"), path, p, 0),
		"execve(\"/bin/true\", [\"/bin/true\", \"/bin/true\"], NULL)");
}

TEST(decode_x32_calls)
{
	struct fake_mem m = {0};
	uint64_t path = fake_str(&m, "/bin/true");
	uint32_t argv[2] = {(uint32_t)path, 0};
	uint64_t p = fake_put(&m, argv, sizeof(argv));
	int nr = sysent_nr(sysent_arch_by_scmp("SCMP_ARCH_X32")->token,
			   "execve");
	struct strbuf sb = STRBUF_INIT;

	CHECK(nr & SYSENT_X32_BIT);
	CHECK_STR(DEC64(&m, SYSENT_X32_BIT | 272, 0x10000000),
		  "unshare(CLONE_NEWUSER)");
	/* x32 pointers in memory are 4 bytes. */
	CHECK_STR(DEC64(&m, nr, path, p, 0),
		  "execve(\"/bin/true\", [\"/bin/true\"], NULL)");
	decode_raw(AUDIT_ARCH_X86_64, SYSENT_X32_BIT | 272,
		   (const uint64_t[6]){0x10000000}, &sb);
	CHECK_STR(
		strbuf_str(&sb),
		"x32 nr 272 (0x40000110) args 0x10000000 0x0 0x0 0x0 0x0 0x0");
	strbuf_release(&sb);
}

TEST(decode_raw_form)
{
	struct strbuf sb = STRBUF_INIT;

	decode_raw(AUDIT_ARCH_X86_64, 272, (const uint64_t[6]){0x10020000},
		   &sb);
	CHECK_STR(strbuf_str(&sb),
		  "x86_64 nr 272 args 0x10020000 0x0 0x0 0x0 0x0 0x0");
	strbuf_reset(&sb);
	decode_raw(AUDIT_ARCH_I386, 310,
		   (const uint64_t[6]){0xffffffff12345678ull, 1, 2, 3, 4, 5},
		   &sb);
	CHECK_STR(strbuf_str(&sb),
		  "x86 nr 310 args 0x12345678 0x1 0x2 0x3 0x4 0x5");
	strbuf_reset(&sb);
	decode_raw(0x1234, 5, (const uint64_t[6]){0}, &sb);
	CHECK_STR(strbuf_str(&sb),
		  "arch 0x1234 nr 5 args 0x0 0x0 0x0 0x0 0x0 0x0");
	strbuf_release(&sb);
	/* Unknown architectures and numbers still decode, as numbers. */
	CHECK_STR(decode_str(0x1234, 5, (const uint64_t[6]){1}, NULL),
		  "syscall_5(0x1, 0, 0, 0, 0, 0)");
	/* Other architectures' calls are named by libseccomp. */
	CHECK_STR(decode_str(AUDIT_ARCH_AARCH64,
			     sysent_nr(AUDIT_ARCH_AARCH64, "unshare"),
			     (const uint64_t[6]){0x20000000}, NULL),
		  "unshare(CLONE_NEWPID)");
}

TEST(decode_args_describe_conditions)
{
	struct decode_arg_info info[6];
	const uint64_t creat[6] = {3, 0, 0100, 0600};
	const uint64_t setfl[6] = {3, 4, 04000};
	const uint64_t drop[6] = {24, 21};

	CHECK_INT(decode_args(AUDIT_ARCH_X86_64, SYS_unshare, NULL, info), 1);
	CHECK_INT(info[0].kind, SYSENT_ARG_NS_FLAGS);
	CHECK_INT(info[0].cond, DECODE_COND_FLAGS);
	CHECK(info[0].xlat == decode_xlat_by_name("clone_flags"));
	CHECK_INT(decode_args(AUDIT_ARCH_X86_64, SYS_openat, creat, info), 4);
	CHECK_INT(info[0].cond, DECODE_COND_VALUE);
	CHECK_INT(info[1].cond, DECODE_COND_NONE);
	CHECK_STR(info[2].xlat->name, "open_flags");
	CHECK_INT(info[3].kind, SYSENT_ARG_MODE);
	/* Without the values, context kinds stay as they are. */
	decode_args(AUDIT_ARCH_X86_64, SYS_openat, NULL, info);
	CHECK_INT(info[3].kind, SYSENT_ARG_OPEN_MODE);
	decode_args(AUDIT_ARCH_X86_64, SYS_fcntl, setfl, info);
	CHECK_INT(info[2].kind, SYSENT_ARG_OPEN_FLAGS);
	decode_args(AUDIT_ARCH_X86_64, SYS_prctl, drop, info);
	CHECK_INT(info[1].kind, SYSENT_ARG_CAP);
	CHECK_STR(info[1].xlat->name, "caps");
	CHECK_INT(info[2].kind, SYSENT_ARG_HEX);
	CHECK_INT(decode_args(AUDIT_ARCH_X86_64, 999, NULL, info), 6);
	CHECK_INT(info[5].kind, SYSENT_ARG_HEX);
	CHECK_INT(info[5].cond, DECODE_COND_VALUE);
}

TEST(decode_one_argument)
{
	const uint64_t args[6] = {(uint64_t)-100, 0, 02000000, 0644};
	struct strbuf sb = STRBUF_INIT;

	decode_arg(AUDIT_ARCH_X86_64, SYS_openat, args, 2, NULL, NULL, &sb);
	CHECK_STR(strbuf_str(&sb), "O_RDONLY|O_CLOEXEC");
	strbuf_reset(&sb);
	decode_arg(AUDIT_ARCH_X86_64, SYS_openat, args, 0, NULL, NULL, &sb);
	CHECK_STR(strbuf_str(&sb), "AT_FDCWD");
	strbuf_reset(&sb);
	/* Left out (no O_CREAT), or past the call's arguments: nothing. */
	decode_arg(AUDIT_ARCH_X86_64, SYS_openat, args, 3, NULL, NULL, &sb);
	CHECK_STR(strbuf_str(&sb), "");
	decode_arg(AUDIT_ARCH_X86_64, SYS_openat, args, 5, NULL, NULL, &sb);
	CHECK_STR(strbuf_str(&sb), "");
	strbuf_release(&sb);
}

TEST(decode_xlat_api)
{
	const struct decode_xlat *cf = decode_xlat_by_name("clone_flags");
	const struct decode_xlat *ma = decode_xlat_by_name("madvise");
	struct strbuf sb = STRBUF_INIT;
	uint64_t v;

	REQUIRE(cf && ma);
	CHECK(decode_xlat_by_name("no_such_table") == NULL);
	CHECK(decode_xlat_value(cf, "CLONE_NEWUSER", &v));
	CHECK_U64(v, 0x10000000);
	CHECK(!decode_xlat_value(cf, "CLONE_NOPE", &v));
	CHECK_STR(decode_xlat_name(cf, 0x20000000), "CLONE_NEWPID");
	CHECK(decode_xlat_name(cf, 0x3) == NULL);
	decode_xlat_print(cf, 0x30000000 | 0x40, &sb);
	CHECK_STR(strbuf_str(&sb), "CLONE_NEWUSER|CLONE_NEWPID|0x40");
	strbuf_reset(&sb);
	decode_xlat_print(cf, 0, &sb);
	CHECK_STR(strbuf_str(&sb), "0");
	strbuf_reset(&sb);
	decode_xlat_print(ma, 4, &sb);
	decode_xlat_print(ma, 1000, &sb);
	CHECK_STR(strbuf_str(&sb), "MADV_DONTNEED0x3e8");
	strbuf_release(&sb);
}
