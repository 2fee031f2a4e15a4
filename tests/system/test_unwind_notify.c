// SPDX-License-Identifier: Apache-2.0
/*
 * unwind in NOTIFY mode, without ptrace: tests/progs/unwind_target runs
 * under a libseccomp NOTIFY filter for unshare, its listener fd passed to
 * the test over a socket; at each notification the test takes the
 * backtrace of the waiting thread (unwind_blocked) and looks up the
 * notification's instruction pointer (unwind_ip), then lets the call run.
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "seccompdbg/unwind.h"
#include "test.h"
#include "test_unwind_target.h"

struct notified {
	pid_t pid, tid;
	uint64_t ip;
	int rc;
	struct unwind_backtrace trace;
	struct unwind_frame ip_frame;
	char hint[256];
};

static void send_fd(int sock, int fd)
{
	char byte = 0, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {&byte, 1};
	struct msghdr msg = {.msg_iov = &iov,
			     .msg_iovlen = 1,
			     .msg_control = cbuf,
			     .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	if (sendmsg(sock, &msg, 0) != 1)
		_exit(123);
}

static int recv_fd(int sock)
{
	char byte, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {&byte, 1};
	struct msghdr msg = {.msg_iov = &iov,
			     .msg_iovlen = 1,
			     .msg_control = cbuf,
			     .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c;
	int fd = -1;

	if (recvmsg(sock, &msg, 0) != 1)
		return -1;
	c = CMSG_FIRSTHDR(&msg);
	if (c && c->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

/* Child: NOTIFY every unshare, hand the listener over, exec the target. */
static void child_exec(int sock, const char *path, const char *mode)
{
	send_fd(sock, target_filter(SCMP_ACT_NOTIFY));
	execl(path, path, mode, (char *)NULL);
	_exit(127);
}

static void take(struct unwind *u, struct notified *n,
		 const struct seccomp_notif *req)
{
	struct strbuf sb = STRBUF_INIT;
	struct err err = {""};

	n->tid = (pid_t)req->pid;
	n->ip = req->data.instruction_pointer;
	n->rc = unwind_blocked(u, n->pid, n->tid, &n->trace, &err);
	if (n->rc != 0)
		test_fail(__FILE__, __LINE__, "unwind_blocked: %d %s", n->rc,
			  err.msg);
	else if (unwind_hint(&n->trace, "unshare", &sb))
		snprintf(n->hint, sizeof(n->hint), "%s", strbuf_str(&sb));
	CHECK_INT(unwind_ip(u, n->pid, n->ip, &n->ip_frame, NULL), 0);
	strbuf_release(&sb);
}

/* The supervisor: answer every notification, after taking it. */
static void supervise(struct unwind *u, struct notified *n, int fd)
{
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	unsigned count = 0;

	REQUIRE(seccomp_notify_alloc(&req, &resp) == 0);
	for (;;) {
		struct pollfd p = {.fd = fd, .events = POLLIN};

		REQUIRE(poll(&p, 1, -1) == 1);
		if (!(p.revents & POLLIN))
			break; /* every user of the filter is gone */
		memset(req, 0, sizeof(*req));
		if (seccomp_notify_receive(fd, req) != 0)
			continue;
		REQUIRE(count++ == 0);
		take(u, n, req);
		memset(resp, 0, sizeof(*resp));
		resp->id = req->id;
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		CHECK_INT(seccomp_notify_respond(fd, resp), 0);
	}
	seccomp_notify_free(req, resp);
	CHECK_INT(count, 1);
}

static void run_notified(struct notified *n, const char *prog, const char *mode)
{
	struct unwind *u = unwind_new();
	int sv[2], fd, st;

	memset(n, 0, sizeof(*n));
	REQUIRE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
	n->pid = fork();
	REQUIRE(n->pid >= 0);
	if (n->pid == 0)
		child_exec(sv[1], test_build(prog), mode);
	close(sv[1]);
	fd = recv_fd(sv[0]);
	close(sv[0]);
	REQUIRE(fd >= 0);
	supervise(u, n, fd);
	close(fd);
	REQUIRE(waitpid(n->pid, &st, 0) == n->pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	unwind_free(u);
}

static void release(struct notified *n)
{
	unwind_backtrace_release(&n->trace);
	unwind_frame_release(&n->ip_frame);
}

TEST(unwind_notify_second_thread)
{
	const struct unwind_frame *f;
	struct notified n;

	run_notified(&n, TARGET, "thread");
	CHECK(n.tid != n.pid);
	REQUIRE(n.trace.nframes >= 2);
	f = n.trace.frames;
	CHECK_U64(f[0].pc, n.ip);
	CHECK_STR(f[0].module, "libc.so.6");
	CHECK_STR(f[0].symbol, "unshare");
	CHECK_STR(f[1].symbol, "spawn_sandbox");
	CHECK_INT(f[1].line, target_line("UNWIND_MARK_SPAWN"));
	CHECK_TARGET_HINT(n.hint, "spawn_sandbox", "UNWIND_MARK_SPAWN");
	CHECK_STR(n.ip_frame.symbol, "unshare");
	CHECK_U64(n.ip_frame.symbol_offset, f[0].symbol_offset);
	release(&n);
}

TEST(unwind_notify_i386)
{
	const struct unwind_frame *f;
	struct notified n;

	REQUIRE_IA32_PROGRAMS();
	run_notified(&n, TARGET "-32", "main");
	REQUIRE(n.trace.nframes >= 3);
	f = n.trace.frames;
	CHECK_STR(f[0].symbol, "__kernel_vsyscall");
	CHECK_STR(f[1].symbol, "unshare");
	CHECK_STR(f[2].symbol, "spawn_sandbox");
	CHECK_TARGET_HINT(n.hint, "spawn_sandbox", "UNWIND_MARK_SPAWN");
	CHECK_STR(n.ip_frame.symbol, "__kernel_vsyscall");
	release(&n);
}

/* A thread running in user space has no system call to show. */
TEST(unwind_notify_not_blocked)
{
	struct unwind *u = unwind_new();
	struct unwind_backtrace t;
	struct err err = {""};
	pid_t pid = fork();

	REQUIRE(pid >= 0);
	if (pid == 0)
		for (;;)
			__asm__ volatile("" ::: "memory");
	CHECK_INT(unwind_blocked(u, pid, pid, &t, &err), -EAGAIN);
	CHECK_CONTAINS(err.msg, "not blocked in a system call");
	CHECK(t.nframes == 0);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	CHECK_INT(unwind_blocked(u, pid, pid, &t, &err), -ESRCH);
	unwind_free(u);
}
