// m32
// SPDX-License-Identifier: Apache-2.0
/*
 * Golden lines for decode, on a real process: before each call it writes
 * to fd 3 the exact line seccompdbg must show for it, then makes the call
 * with syscall(2) (so the libc cannot change it). The tracer in
 * tests/system/test_decode_live.c refuses every call that has a line, so
 * none of them takes effect; calls without a line (the libc's own) run.
 * Built for x86_64 and, as decode_calls-32, for i386.
 */
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/io_uring.h>
#include <linux/keyctl.h>
#include <linux/openat2.h>
#include <linux/perf_event.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#define P(x) ((unsigned long)(uintptr_t)(x))

static char page[8192] __attribute__((aligned(4096)));

static void expect(const char *fmt, ...)
{
	char line[2048];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	line[n++] = '\n';
	if (write(3, line, (size_t)n) != n)
		_exit(2);
}

static void files(void)
{
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC,
				.resolve = RESOLVE_NO_SYMLINKS };
	char longpath[400];

	expect("openat(AT_FDCWD, \"/nonexistent/\\x1b[31mred\\n\", "
	       "O_RDONLY|O_CLOEXEC)");
	syscall(SYS_openat, AT_FDCWD, "/nonexistent/\x1b[31mred\n",
		O_RDONLY | O_CLOEXEC);
	expect("openat(AT_FDCWD, \"/nonexistent/f\", "
	       "O_WRONLY|O_CREAT|O_TRUNC, 0640)");
	syscall(SYS_openat, AT_FDCWD, "/nonexistent/f",
		O_WRONLY | O_CREAT | O_TRUNC, 0640);
	memset(longpath, 'p', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = '\0';
	expect("openat(7, \"%.256s\"..., O_RDONLY)", longpath);
	syscall(SYS_openat, 7, longpath, O_RDONLY);
	expect("openat(AT_FDCWD, 0x10, O_RDONLY)");
	syscall(SYS_openat, AT_FDCWD, (char *)0x10, O_RDONLY);
	expect("openat2(AT_FDCWD, \"/etc\", {flags=O_RDONLY|O_CLOEXEC, "
	       "resolve=RESOLVE_NO_SYMLINKS}, %zu)", sizeof(how));
	syscall(SYS_openat2, AT_FDCWD, "/etc", &how, sizeof(how));
	expect("faccessat2(AT_FDCWD, \"/etc\", R_OK|W_OK, AT_EACCESS)");
	syscall(SYS_faccessat2, AT_FDCWD, "/etc", R_OK | W_OK, AT_EACCESS);
	expect("unlinkat(AT_FDCWD, \"/nonexistent\", AT_REMOVEDIR)");
	syscall(SYS_unlinkat, AT_FDCWD, "/nonexistent", AT_REMOVEDIR);
	expect("fcntl(3, F_SETFL, O_RDONLY|O_NONBLOCK)");
	syscall(SYS_fcntl, 3, F_SETFL, O_NONBLOCK);
	expect("lseek(3, -1, SEEK_END)");
	syscall(SYS_lseek, 3, -1L, SEEK_END);
	memset(page, 'w', 1000);
	page[0] = '\x07';
	expect("write(1, \"\\a%.255s\"..., 1000)", page + 1);
	syscall(SYS_write, 1, page, 1000);
}

static void processes(void)
{
	struct clone_args ca = { .flags = CLONE_NEWUSER | CLONE_NEWNS,
				 .exit_signal = SIGCHLD };
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3,
						0 };
	struct __user_cap_data_struct data[2] = {
		{ 1u << CAP_SYS_ADMIN, 1u << CAP_SYS_ADMIN, 0 }, { 0, 0, 0 }
	};
	char *argv[] = { "prog", "arg\x01", NULL };
	char *envp[] = { "A=1", "B=2", NULL };
	sigset_t set;

	expect("unshare(CLONE_NEWUSER|CLONE_NEWPID)");
	syscall(SYS_unshare, CLONE_NEWUSER | CLONE_NEWPID);
	expect("setns(7, CLONE_NEWNET)");
	syscall(SYS_setns, 7, CLONE_NEWNET);
	expect("clone3({flags=CLONE_NEWNS|CLONE_NEWUSER, "
	       "exit_signal=SIGCHLD}, %zu)", sizeof(ca));
	syscall(SYS_clone3, &ca, sizeof(ca));
	expect("prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)");
	syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L);
	expect("prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0)");
	syscall(SYS_prctl, PR_CAPBSET_DROP, (long)CAP_SYS_ADMIN, 0L, 0L, 0L);
	expect("personality(PER_LINUX|ADDR_NO_RANDOMIZE)");
	syscall(SYS_personality, PER_LINUX | ADDR_NO_RANDOMIZE);
	expect("ptrace(PTRACE_TRACEME)");
	syscall(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0);
	expect("kill(1073741823, SIGKILL)");
	syscall(SYS_kill, 1073741823, SIGKILL);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	expect("rt_sigprocmask(SIG_BLOCK, [INT TERM], NULL, 8)");
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 8);
	expect("setresuid(-1, 0, -1)");
	syscall(SYS_setresuid, -1, 0, -1);
	expect("capset({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, "
	       "{effective=CAP_SYS_ADMIN, permitted=CAP_SYS_ADMIN, "
	       "inheritable=0})");
	syscall(SYS_capset, &hdr, data);
	expect("execve(\"/nonexistent/prog\", [\"prog\", \"arg\\x01\"], "
	       "%#lx /* 2 vars */)", P(envp));
	syscall(SYS_execve, "/nonexistent/prog", argv, envp);
}

static void memory(void)
{
	expect("mprotect(%#lx, 4096, PROT_READ|PROT_EXEC)", P(page));
	syscall(SYS_mprotect, page, 4096, PROT_READ | PROT_EXEC);
	expect("madvise(%#lx, 4096, MADV_DONTFORK)", P(page));
	syscall(SYS_madvise, page, 4096, MADV_DONTFORK);
#ifdef __i386__
	expect("mmap2(NULL, 4096, PROT_READ|PROT_WRITE, "
	       "MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)");
	syscall(SYS_mmap2, NULL, 4096, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#else
	expect("mmap(NULL, 4096, PROT_READ|PROT_WRITE, "
	       "MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)");
	syscall(SYS_mmap, NULL, 4096, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#endif
}

static void sockets(void)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX,
				  .sun_path = "/run/x.sock" };
	struct sockaddr_in in = { .sin_family = AF_INET,
				  .sin_port = htons(8080),
				  .sin_addr.s_addr = htonl(0x7f000001) };
	socklen_t unlen = offsetof(struct sockaddr_un, sun_path) + 12;
	int sv[2];

	expect("socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP)");
	syscall(SYS_socket, AF_INET6, SOCK_STREAM | SOCK_CLOEXEC,
		IPPROTO_TCP);
	expect("socketpair(AF_UNIX, SOCK_SEQPACKET, 0, %#lx)", P(sv));
	syscall(SYS_socketpair, AF_UNIX, SOCK_SEQPACKET, 0, sv);
	expect("connect(5, {sa_family=AF_UNIX, sun_path=\"/run/x.sock\"}, %u)",
	       unlen);
	syscall(SYS_connect, 5, &un, unlen);
	expect("bind(5, {sa_family=AF_INET, sin_port=htons(8080), "
	       "sin_addr=inet_addr(\"127.0.0.1\")}, %zu)", sizeof(in));
	syscall(SYS_bind, 5, &in, sizeof(in));
#ifdef __i386__
	{
		unsigned long args[3] = { AF_INET, SOCK_DGRAM, IPPROTO_UDP };

		expect("socketcall(SYS_SOCKET, [AF_INET, SOCK_DGRAM, "
		       "IPPROTO_UDP])");
		syscall(SYS_socketcall, 1, args);
	}
#endif
}

static void devices_and_mounts(void)
{
	int n = 0;

	expect("ioctl(0, TIOCSTI, \"\\x1b\")");
	syscall(SYS_ioctl, 0, TIOCSTI, "\x1b");
	expect("ioctl(3, FIONREAD, %#lx)", P(&n));
	syscall(SYS_ioctl, 3, FIONREAD, &n);
	expect("ioctl(3, _IOC(_IOC_READ, 0xab, 0xcd, 0x4), %#lx)", P(&n));
	syscall(SYS_ioctl, 3, _IOR(0xab, 0xcd, int), &n);
	expect("mount(\"none\", \"/nonexistent\", \"tmpfs\", "
	       "MS_NOSUID|MS_NODEV, \"size=1m\")");
	syscall(SYS_mount, "none", "/nonexistent", "tmpfs", 6L, "size=1m");
	expect("umount2(\"/nonexistent\", MNT_DETACH)");
	syscall(SYS_umount2, "/nonexistent", 2);
}

static void kernel_objects(void)
{
	struct sock_filter insn = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = { 1, &insn };
	union bpf_attr attr;
	struct perf_event_attr pe;
	struct io_uring_params params;

	expect("add_key(\"user\", \"k1\", \"secret\", 6, "
	       "KEY_SPEC_SESSION_KEYRING)");
	syscall(SYS_add_key, "user", "k1", "secret", 6,
		KEY_SPEC_SESSION_KEYRING);
	expect("keyctl(KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING, \"user\", "
	       "\"k1\", 0)");
	syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING, "user",
		"k1", 0);
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	attr.insn_cnt = 1;
	attr.insns = P(&insn);
	attr.license = P("GPL");
	expect("bpf(BPF_PROG_LOAD, {prog_type=BPF_PROG_TYPE_SOCKET_FILTER, "
	       "insn_cnt=1, insns=%#lx, license=\"GPL\"}, %zu)",
	       P(&insn), sizeof(attr));
	syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
	memset(&pe, 0, sizeof(pe));
	pe.type = PERF_TYPE_SOFTWARE;
	pe.size = sizeof(pe);
	pe.config = PERF_COUNT_SW_CPU_CLOCK;
	expect("perf_event_open({type=PERF_TYPE_SOFTWARE, size=%zu, "
	       "config=0}, 0, -1, -1, PERF_FLAG_FD_CLOEXEC)", sizeof(pe));
	syscall(SYS_perf_event_open, &pe, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	expect("seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, "
	       "{len=1, filter=%#lx})", P(&insn));
	syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC,
		&prog);
	memset(&params, 0, sizeof(params));
	params.flags = IORING_SETUP_SQPOLL;
	params.sq_thread_idle = 1000;
	expect("io_uring_setup(8, {flags=IORING_SETUP_SQPOLL, sq_thread_cpu=0, "
	       "sq_thread_idle=1000})");
	syscall(SYS_io_uring_setup, 8, &params);
	expect("userfaultfd(O_CLOEXEC|UFFD_USER_MODE_ONLY)");
	syscall(SYS_userfaultfd, O_CLOEXEC | 1);
	expect("pidfd_open(1, PIDFD_NONBLOCK)");
	syscall(SYS_pidfd_open, 1, O_NONBLOCK);
	expect("pidfd_send_signal(3, SIGTERM, NULL, 0)");
	syscall(SYS_pidfd_send_signal, 3, SIGTERM, NULL, 0);
}

int main(void)
{
	files();
	processes();
	memory();
	sockets();
	devices_and_mounts();
	kernel_objects();
	expect("getppid()");
	syscall(SYS_getppid);
	return 0;
}
