// m32
// SPDX-License-Identifier: Apache-2.0
/*
 * golden_calls MODE: the end-to-end golden test of decoding, run under
 * `seccompdbg run --batch deny` by tests/live/test_decode.py. Before each
 * call it writes to stdout the exact text seccompdbg must show for it,
 * then makes the call with syscall(2). The test's profile refuses exactly
 * these calls, so none of them takes effect (they would be harmless
 * anyway); the libc and the loader never make them (openat and write are
 * refused only with O_NOCTTY, on fd 9).
 *
 *   calls     files, processes, sockets, devices, keys: the decoders
 *             through the supervisor's memory reads (x86_64 and i386)
 *   edge      strings that end on, or run into, an unmapped page
 *   escape    paths and a buffer with every control byte, escape
 *             sequences and bytes that are not UTF-8
 *   docker    calls Docker's default profile refuses, with a "why" note
 *   huge      a 1 MiB path, a 1 MiB buffer, 20000 arguments: bounded
 *   int80     (x86_64 only) i386 calls through int $0x80, each from its
 *             own child (a bad-architecture denial kills the child)
 */
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/keyctl.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define P(x) ((unsigned long)(uintptr_t)(x))
#define MIB  (1024 * 1024)

/* The line seccompdbg must show for the next call, on stdout (written
 * before the call, so it comes first even when the call kills us). */
static void expect(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(1, fmt, ap);
	va_end(ap);
	if (n < 0 || dprintf(1, "\n") != 1)
		_exit(2);
}

static void files(void)
{
	struct open_how how = {.flags = O_WRONLY | O_CREAT | O_EXCL,
			       .mode = 0600,
			       .resolve =
				       RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS};
	static char deep[600];

	expect("openat(AT_FDCWD, \"/nonexistent/\\x1b[1mbold\\t\", "
	       "O_RDONLY|O_NOCTTY|O_CLOEXEC)");
	syscall(SYS_openat, AT_FDCWD, "/nonexistent/\x1b[1mbold\t",
		O_RDONLY | O_NOCTTY | O_CLOEXEC);
	expect("openat(AT_FDCWD, \"/nonexistent/log\", "
	       "O_RDWR|O_CREAT|O_NOCTTY|O_APPEND, 0600)");
	syscall(SYS_openat, AT_FDCWD, "/nonexistent/log",
		O_RDWR | O_CREAT | O_NOCTTY | O_APPEND, 0600);
	memset(deep, 'd', sizeof(deep) - 1);
	expect("openat(9, \"%.256s\"..., O_RDONLY|O_NOCTTY|O_DIRECTORY)", deep);
	syscall(SYS_openat, 9, deep, O_RDONLY | O_NOCTTY | O_DIRECTORY);
	expect("openat(AT_FDCWD, 0x8, O_WRONLY|O_NOCTTY)");
	syscall(SYS_openat, AT_FDCWD, (char *)8, O_WRONLY | O_NOCTTY);
	expect("openat2(9, \"etc/passwd\", {flags=O_WRONLY|O_CREAT|O_EXCL, "
	       "mode=0600, resolve=RESOLVE_NO_MAGICLINKS|RESOLVE_BENEATH}, "
	       "%zu)",
	       sizeof(how));
	syscall(SYS_openat2, 9, "etc/passwd", &how, sizeof(how));
	expect("mkdirat(AT_FDCWD, \"/nonexistent/new\", 01777)");
	syscall(SYS_mkdirat, AT_FDCWD, "/nonexistent/new", 01777);
	expect("faccessat2(9, \"x\", X_OK, AT_SYMLINK_NOFOLLOW|AT_EACCESS)");
	syscall(SYS_faccessat2, 9, "x", X_OK, AT_SYMLINK_NOFOLLOW | AT_EACCESS);
	expect("fcntl(9, F_DUPFD_CLOEXEC, 10)");
	syscall(SYS_fcntl, 9, F_DUPFD_CLOEXEC, 10);
	expect("write(9, \"line 1\\nline 2\\n\\0\", 15)");
	syscall(SYS_write, 9, "line 1\nline 2\n", 15);
}

static void processes(void)
{
	struct clone_args ca = {.flags = CLONE_NEWPID | CLONE_NEWNET |
					 CLONE_NEWCGROUP,
				.exit_signal = SIGUSR1};
	struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 42};
	char *argv[] = {"sh", "-c", "echo \"$0\"\r", NULL};
	char *envp[] = {"PATH=/bin", NULL};
	sigset_t set;

	expect("unshare(CLONE_NEWNS|CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|"
	       "CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET)");
	syscall(SYS_unshare, CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS |
				     CLONE_NEWIPC | CLONE_NEWUSER |
				     CLONE_NEWPID | CLONE_NEWNET);
	expect("setns(9, CLONE_NEWUSER)");
	syscall(SYS_setns, 9, CLONE_NEWUSER);
	expect("clone3({flags=CLONE_NEWCGROUP|CLONE_NEWPID|CLONE_NEWNET, "
	       "exit_signal=SIGUSR1}, %zu)",
	       sizeof(ca));
	syscall(SYS_clone3, &ca, sizeof(ca));
	expect("clone3(0x10, 88)");
	syscall(SYS_clone3, (void *)0x10, 88);
	expect("prctl(PR_SET_NAME, \"\\x1b]2;x\\a\", 0, 0, 0)");
	syscall(SYS_prctl, PR_SET_NAME, "\x1b]2;x\a", 0L, 0L, 0L);
	expect("prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)");
	syscall(SYS_prctl, PR_SET_DUMPABLE, 0L, 0L, 0L, 0L);
	expect("personality(PER_BSD)");
	syscall(SYS_personality, PER_BSD);
	expect("kill(1073741823, SIGSTOP)");
	syscall(SYS_kill, 1073741823, SIGSTOP);
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGSYS);
	expect("rt_sigprocmask(SIG_UNBLOCK, [HUP CHLD SYS], NULL, 8)");
	syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &set, NULL, 8);
	expect("capget({version=_LINUX_CAPABILITY_VERSION_3, pid=42}, %#lx)",
	       P(&set));
	syscall(SYS_capget, &hdr, &set);
	expect("execveat(AT_FDCWD, \"/bin/sh\", [\"sh\", \"-c\", "
	       "\"echo \\\"$0\\\"\\r\"], %#lx /* 1 var */, AT_EMPTY_PATH)",
	       P(envp));
	syscall(SYS_execveat, AT_FDCWD, "/bin/sh", argv, envp, AT_EMPTY_PATH);
	expect("ptrace(PTRACE_ATTACH, 1073741823)");
	syscall(SYS_ptrace, PTRACE_ATTACH, 1073741823, 0, 0);
	expect("setresuid(0, -1, 65534)");
	syscall(SYS_setresuid, 0, -1, 65534);
}

static void sockets(void)
{
	struct sockaddr_un un = {.sun_family = AF_UNIX};
	struct sockaddr_in in = {.sin_family = AF_INET,
				 .sin_port = htons(53),
				 .sin_addr.s_addr = htonl(0x0a000001)};
	socklen_t unlen = offsetof(struct sockaddr_un, sun_path) + 10;

	memcpy(un.sun_path, "\0abstract\x1b", 10);
	expect("socket(AF_NETLINK, SOCK_RAW|SOCK_NONBLOCK, NETLINK_ROUTE)");
	syscall(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK, 0);
	expect("connect(9, {sa_family=AF_UNIX, sun_path=@\"abstract\\x1b\"}, "
	       "%u)",
	       unlen);
	syscall(SYS_connect, 9, &un, unlen);
	expect("bind(9, {sa_family=AF_INET, sin_port=htons(53), "
	       "sin_addr=inet_addr(\"10.0.0.1\")}, %zu)",
	       sizeof(in));
	syscall(SYS_bind, 9, &in, sizeof(in));
	expect("bind(9, 0x10, 16)");
	syscall(SYS_bind, 9, (void *)0x10, 16);
#ifdef __i386__
	{
		unsigned long args[3] = {9, P(&in), sizeof(in)};

		expect("socketcall(SYS_CONNECT, [9, {sa_family=AF_INET, "
		       "sin_port=htons(53), sin_addr=inet_addr(\"10.0.0.1\")}, "
		       "%zu])",
		       sizeof(in));
		syscall(SYS_socketcall, 3, args);
	}
#endif
}

static void devices_and_keys(void)
{
	expect("ioctl(9, TIOCSTI, \"\\r\")");
	syscall(SYS_ioctl, 9, TIOCSTI, "\r");
	expect("mount(\"/dev/sda1\", \"/nonexistent\", \"ext4\", "
	       "MS_RDONLY|MS_NOEXEC|MS_REMOUNT, NULL)");
	syscall(SYS_mount, "/dev/sda1", "/nonexistent", "ext4",
		MS_RDONLY | MS_NOEXEC | MS_REMOUNT, NULL);
	expect("umount2(\"/nonexistent\", MNT_FORCE|MNT_DETACH)");
	syscall(SYS_umount2, "/nonexistent", MNT_FORCE | MNT_DETACH);
	expect("add_key(\"keyring\", \"\\x1b[8m\", NULL, 0, "
	       "KEY_SPEC_THREAD_KEYRING)");
	syscall(SYS_add_key, "keyring", "\x1b[8m", NULL, 0,
		KEY_SPEC_THREAD_KEYRING);
	expect("keyctl(KEYCTL_REVOKE, 0)");
	syscall(SYS_keyctl, KEYCTL_REVOKE, 0);
	expect("pidfd_open(1, 0)");
	syscall(SYS_pidfd_open, 1, 0);
}

/*
 * Page P is mapped and the one after it is not: a string whose NUL is
 * the last byte of P is shown whole; one that runs into the next page
 * cannot be read to its end and is shown as its address.
 */
static void edge(void)
{
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *end;

	if (p == MAP_FAILED || munmap(p + 4096, 4096) != 0)
		_exit(4);
	end = p + 4096;
	memcpy(end - 5, "edge", 5);
	expect("mkdirat(AT_FDCWD, \"edge\", 0700)");
	syscall(SYS_mkdirat, AT_FDCWD, end - 5, 0700);
	memset(end - 100, 'x', 100);
	expect("mkdirat(AT_FDCWD, %#lx, 0700)", P(end - 100));
	syscall(SYS_mkdirat, AT_FDCWD, end - 100, 0700);
	memcpy(end - 4, "abc", 4);
	expect("write(9, \"abc\\0\", 4)");
	syscall(SYS_write, 9, end - 4, 4);
	expect("write(9, %#lx, 5)", P(end - 4));
	syscall(SYS_write, 9, end - 4, 5);
}

static void escape(void)
{
	unsigned char all[256];
	int i;

	expect("mkdirat(AT_FDCWD, \"\\x1b[2J\\x1b]0;title\\a\\r\\n\", 0755)");
	syscall(SYS_mkdirat, AT_FDCWD, "\x1b[2J\x1b]0;title\a\r\n", 0755);
	expect("mkdirat(AT_FDCWD, \"\\x01\\x02\\x03\\x04\\x05\\x06\\a\\b\\t"
	       "\\n\\v\\f\\r\\x0e\\x0f\\x10\\x11\\x12\\x13\\x14\\x15\\x16"
	       "\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f\\x7f\", 0755)");
	syscall(SYS_mkdirat, AT_FDCWD,
		"\x01\x02\x03\x04\x05\x06\a\b\t\n\v\f\r\x0e\x0f\x10\x11\x12"
		"\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f",
		0755);
	/* Not UTF-8 (a lone continuation byte, an overlong '/', a cut
	 * sequence, 0xff), then UTF-8's C1 CSI and an "é": every byte
	 * from 0x80 up is shown as \xNN. */
	expect("mkdirat(AT_FDCWD, \"\\x80\\xc0\\xaf\\xe2\\x82\\xff|\\xc2\\x9b"
	       "31m\\xc3\\xa9\", 0755)");
	syscall(SYS_mkdirat, AT_FDCWD,
		"\x80\xc0\xaf\xe2\x82\xff|\xc2\x9b"
		"31m\xc3\xa9",
		0755);
	for (i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	/* A buffer holds NULs too: 0 to 255, shown up to the bound. */
	expect("write(9, \"\\0\\x01\\x02\\x03\\x04\\x05\\x06\\a\\b\\t\\n\\v\\f"
	       "\\r\\x0e\\x0f\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18"
	       "\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f !\\\"#$%%&'()*+,-./"
	       "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`"
	       "abcdefghijklmnopqrstuvwxyz{|}~\\x7f%s\", 256)",
	       "\\x80\\x81\\x82\\x83\\x84\\x85\\x86\\x87\\x88\\x89\\x8a\\x8b"
	       "\\x8c\\x8d\\x8e\\x8f\\x90\\x91\\x92\\x93\\x94\\x95\\x96\\x97"
	       "\\x98\\x99\\x9a\\x9b\\x9c\\x9d\\x9e\\x9f\\xa0\\xa1\\xa2\\xa3"
	       "\\xa4\\xa5\\xa6\\xa7\\xa8\\xa9\\xaa\\xab\\xac\\xad\\xae\\xaf"
	       "\\xb0\\xb1\\xb2\\xb3\\xb4\\xb5\\xb6\\xb7\\xb8\\xb9\\xba\\xbb"
	       "\\xbc\\xbd\\xbe\\xbf\\xc0\\xc1\\xc2\\xc3\\xc4\\xc5\\xc6\\xc7"
	       "\\xc8\\xc9\\xca\\xcb\\xcc\\xcd\\xce\\xcf\\xd0\\xd1\\xd2\\xd3"
	       "\\xd4\\xd5\\xd6\\xd7\\xd8\\xd9\\xda\\xdb\\xdc\\xdd\\xde\\xdf"
	       "\\xe0\\xe1\\xe2\\xe3\\xe4\\xe5\\xe6\\xe7\\xe8\\xe9\\xea\\xeb"
	       "\\xec\\xed\\xee\\xef\\xf0\\xf1\\xf2\\xf3\\xf4\\xf5\\xf6\\xf7"
	       "\\xf8\\xf9\\xfa\\xfb\\xfc\\xfd\\xfe\\xff");
	syscall(SYS_write, 9, all, sizeof(all));
}

/* Calls Docker's default profile refuses, each with a note on why. */
static void docker(void)
{
	struct clone_args ca = {.exit_signal = SIGCHLD};

	expect("clone3({flags=0, exit_signal=SIGCHLD}, %zu)", sizeof(ca));
	syscall(SYS_clone3, &ca, sizeof(ca));
	expect("unshare(CLONE_NEWNS)");
	syscall(SYS_unshare, CLONE_NEWNS);
	expect("socket(AF_VSOCK, SOCK_STREAM, 0)");
	syscall(SYS_socket, AF_VSOCK, SOCK_STREAM, 0);
	expect("mount(\"none\", \"/nonexistent\", \"tmpfs\", 0, NULL)");
	syscall(SYS_mount, "none", "/nonexistent", "tmpfs", 0L, NULL);
	expect("personality(PER_SVR4|MMAP_PAGE_ZERO|STICKY_TIMEOUTS)");
	syscall(SYS_personality, PER_SVR4);
	expect("keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_USER_KEYRING, 0)");
	syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_USER_KEYRING, 0);
}

/* What the program controls is bounded: a 1 MiB path, a 1 MiB buffer,
 * a million arguments, each shown cut. */
static void huge(void)
{
	char *big = malloc(MIB + 1), *three[4];
	char **many = malloc(MIB * sizeof(char *));
	char esc[4 * 256 + 1];
	size_t i;

	if (!big || !many)
		_exit(4);
	memset(big, 'h', MIB);
	big[MIB] = '\0';
	expect("openat(AT_FDCWD, \"%.256s\"..., O_RDONLY|O_NOCTTY)", big);
	syscall(SYS_openat, AT_FDCWD, big, O_RDONLY | O_NOCTTY);
	memset(big, '\x1b', MIB);
	for (i = 0; i < 256; i++)
		memcpy(esc + 4 * i, "\\x1b", 5);
	expect("write(9, \"%s\"..., %d)", esc, MIB);
	syscall(SYS_write, 9, big, MIB);
	memset(big, 'h', MIB);
	for (i = 0; i < 3; i++)
		three[i] = big;
	three[3] = NULL;
	expect("execveat(9, \"\", [\"%.256s\"..., \"%.256s\"..., \"%.256s\"...]"
	       ", NULL, AT_EMPTY_PATH)",
	       big, big, big);
	syscall(SYS_execveat, 9, "", three, NULL, AT_EMPTY_PATH);
	for (i = 0; i < MIB - 1; i++)
		many[i] = "a";
	many[MIB - 1] = NULL;
	expect("execveat(9, \"\", [\"a\", \"a\", \"a\", \"a\", \"a\", \"a\", "
	       "\"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", "
	       "\"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", "
	       "\"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", ...], "
	       "NULL, AT_EMPTY_PATH)");
	syscall(SYS_execveat, 9, "", many, NULL, AT_EMPTY_PATH);
	free(many);
	free(big);
}

#ifdef __x86_64__
/* An i386 call from this 64-bit program: int $0x80 reads 32-bit
 * registers, so pointers must lie below 4 GiB. */
static long int80(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "0"(nr), "b"(a), "c"(b), "d"(c)
			 : "r8", "r9", "r10", "r11", "memory");
	return ret;
}

/* Each call from a child of its own: a bad-architecture denial kills
 * the caller, as the profile's default bad-arch action would. */
static void int80_child(const char *want, long nr, long a, long b, long c)
{
	pid_t pid = fork();

	if (pid < 0)
		_exit(4);
	if (pid == 0) {
		expect("%s", want);
		int80(nr, a, b, c);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

static int i386_calls(void)
{
	char *low = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	uint32_t *args;

	if (low == MAP_FAILED)
		return 4;
	strcpy(low, "/nonexistent/\x1b[5m");
	strcpy(low + 64, "hi\n");
	args = (uint32_t *)(low + 128);
	args[0] = AF_UNIX;
	args[1] = SOCK_STREAM;
	args[2] = 0;
	/* i386 numbers: mkdir 39, unshare 310, kill 37, write 4,
	 * openat 295, socketcall 102 */
	int80_child("mkdir(\"/nonexistent/\\x1b[5m\", 0755)", 39, P(low), 0755,
		    0);
	int80_child("unshare(CLONE_NEWUSER)", 310, CLONE_NEWUSER, 0, 0);
	int80_child("kill(1073741823, SIGTERM)", 37, 1073741823, SIGTERM, 0);
	int80_child("write(9, \"hi\\n\", 3)", 4, 9, P(low + 64), 3);
	int80_child("openat(AT_FDCWD, \"hi\\n\", O_RDONLY|O_NOCTTY)", 295,
		    AT_FDCWD, P(low + 64), O_NOCTTY);
	int80_child("socketcall(SYS_SOCKET, [AF_UNIX, SOCK_STREAM, 0])", 102, 1,
		    P(args), 0);
	return 0;
}
#else
static int i386_calls(void)
{
	return 2; /* this program is i386 already */
}
#endif

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "calls")) {
		files();
		processes();
		sockets();
		devices_and_keys();
	} else if (!strcmp(mode, "edge")) {
		edge();
	} else if (!strcmp(mode, "escape")) {
		escape();
	} else if (!strcmp(mode, "docker")) {
		docker();
	} else if (!strcmp(mode, "huge")) {
		huge();
	} else if (!strcmp(mode, "int80")) {
		return i386_calls();
	} else {
		fprintf(stderr,
			"usage: %s calls|edge|escape|docker|huge|int80\n",
			argv[0]);
		return 2;
	}
	return 0;
}
