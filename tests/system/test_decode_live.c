// SPDX-License-Identifier: Apache-2.0
/*
 * decode on real processes: tests/progs/decode_calls (x86_64, and i386 as
 * decode_calls-32) writes the line we must produce before each call. A
 * minimal tracer, kept here until the supervisor exists: the child loads
 * a filter that TRACEs every call of both ABIs and execs the program; at
 * each seccomp stop with a pending line we decode the call from
 * PTRACE_GET_SYSCALL_INFO and process_vm_readv, compare, and refuse the
 * call (number -1, -ENOSYS) so none of them takes effect.
 */
#include <fcntl.h>
#include <seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_decode.h"

struct lines {
	char buf[65536];
	size_t len;
};

static ssize_t vm_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	pid_t pid = *(pid_t *)ctx;
	struct iovec local = {buf, len};
	struct iovec remote = {(void *)(uintptr_t)addr, len};
	ssize_t n = process_vm_readv(pid, &local, 1, &remote, 1, 0);

	return n < 0 ? -errno : n;
}

/* The next complete line the program wrote, or false when none is. */
static bool next_line(int fd, struct lines *l, char *out, size_t size)
{
	ssize_t n;
	char *nl;
	size_t len;

	while (l->len < sizeof(l->buf) &&
	       (n = read(fd, l->buf + l->len, sizeof(l->buf) - l->len)) > 0)
		l->len += (size_t)n;
	nl = memchr(l->buf, '\n', l->len);
	if (!nl)
		return false;
	len = (size_t)(nl - l->buf);
	REQUIRE(len < size);
	memcpy(out, l->buf, len);
	out[len] = '\0';
	l->len -= len + 1;
	memmove(l->buf, nl + 1, l->len);
	return true;
}

static void child(const char *prog, int wfd)
{
	scmp_filter_ctx f = seccomp_init(SCMP_ACT_TRACE(1));

	if (dup2(wfd, 3) < 0 || ptrace(PTRACE_TRACEME, 0, 0, 0) < 0 ||
	    raise(SIGSTOP) < 0 || !f ||
	    seccomp_arch_add(f, SCMP_ARCH_X86) < 0 || seccomp_load(f) < 0)
		_exit(120);
	execl(prog, prog, (char *)NULL);
	_exit(121);
}

/* Refuse the call: no number, -ENOSYS as its result. */
static void refuse(pid_t pid)
{
	struct user_regs_struct regs;

	REQUIRE(ptrace(PTRACE_GETREGS, pid, 0, &regs) == 0);
	regs.orig_rax = (unsigned long long)-1;
	regs.rax = (unsigned long long)-ENOSYS;
	REQUIRE(ptrace(PTRACE_SETREGS, pid, 0, &regs) == 0);
}

static void check_call(pid_t pid, const char *want, uint32_t want_arch)
{
	struct __ptrace_syscall_info info;
	struct strbuf sb = STRBUF_INIT;

	REQUIRE(ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info) > 0);
	REQUIRE(info.op == PTRACE_SYSCALL_INFO_SECCOMP);
	CHECK_U64(info.arch, want_arch);
	decode_call(info.arch, (int)info.seccomp.nr, info.seccomp.args, vm_read,
		    &pid, &sb);
	CHECK_STR(strbuf_str(&sb), want);
	strbuf_release(&sb);
	refuse(pid);
}

/* Runs PROG under the tracer; returns how many lines were checked. */
static unsigned run_golden(const char *prog, uint32_t arch)
{
	struct lines *l = calloc(1, sizeof(*l));
	unsigned checked = 0;
	int p[2], status;
	char want[4096];
	pid_t pid;

	REQUIRE(l && access(prog, X_OK) == 0 && pipe(p) == 0);
	pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0)
		child(prog, p[1]);
	close(p[1]);
	REQUIRE(fcntl(p[0], F_SETFL, O_NONBLOCK) == 0);
	REQUIRE(waitpid(pid, &status, 0) == pid && WIFSTOPPED(status));
	REQUIRE(ptrace(PTRACE_SETOPTIONS, pid, 0,
		       PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL |
			       PTRACE_O_TRACEEXEC) == 0);
	REQUIRE(ptrace(PTRACE_CONT, pid, 0, 0) == 0);
	while (waitpid(pid, &status, 0) == pid && WIFSTOPPED(status)) {
		int sig = WSTOPSIG(status), inject = 0;

		if (status >> 8 == (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8))) {
			if (next_line(p[0], l, want, sizeof(want))) {
				check_call(pid, want, arch);
				checked++;
			}
		} else if (!(status >> 16) && sig != SIGTRAP &&
			   sig != SIGSTOP) {
			inject = sig;
		}
		REQUIRE(ptrace(PTRACE_CONT, pid, 0, inject) == 0);
	}
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* Every line the program wrote was matched to a call. */
	CHECK(!next_line(p[0], l, want, sizeof(want)));
	close(p[0]);
	free(l);
	return checked;
}

/* The program's lines: 44 on both ABIs, and i386's socketcall. */
TEST(decode_live_x86_64)
{
	CHECK_INT(
		run_golden(test_build("progs/decode_calls"), AUDIT_ARCH_X86_64),
		44);
}

TEST(decode_live_i386)
{
	REQUIRE_IA32_PROGRAMS();
	CHECK_INT(run_golden(test_build("progs/decode_calls-32"),
			     AUDIT_ARCH_I386),
		  45);
}
