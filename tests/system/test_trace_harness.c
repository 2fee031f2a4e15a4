// SPDX-License-Identifier: Apache-2.0
/*
 * The trace tests' harness (see test_trace.h). The filter is built with
 * libseccomp in the parent and exported to classic BPF, so the child
 * hook only makes two system calls, as the session's will.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <seccomp.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "test_trace.h"

struct seen {
	pid_t pid;
	unsigned long long start;
};

static struct seen seen[512];
static size_t nseen;

void tt_build_filter(const struct tt_filter *f, struct sock_fprog *out)
{
	scmp_filter_ctx ctx;
	char buf[65536];
	size_t i;
	ssize_t n;
	int fd;

	ctx = seccomp_init(f->def_action ? f->def_action : SCMP_ACT_ALLOW);
	REQUIRE(ctx);
	if (f->x86)
		REQUIRE(seccomp_arch_add(ctx, SCMP_ARCH_X86) == 0);
	if (f->badarch)
		REQUIRE(seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
					 f->badarch) == 0);
	for (i = 0; i < f->nrules; i++) {
		const struct tt_rule *r = &f->rules[i];
		int nr = seccomp_syscall_resolve_name(r->name);

		REQUIRE(nr != __NR_SCMP_ERROR);
		if (r->has_arg0)
			REQUIRE(seccomp_rule_add(
					ctx, r->action, nr, 1,
					SCMP_A0(SCMP_CMP_EQ, r->arg0)) == 0);
		else
			REQUIRE(seccomp_rule_add(ctx, r->action, nr, 0) == 0);
	}
	/* libseccomp 2.5.4 has no export to memory: a memfd stands in. */
	fd = memfd_create("bpf", MFD_CLOEXEC);
	REQUIRE(fd >= 0 && seccomp_export_bpf(ctx, fd) == 0);
	n = pread(fd, buf, sizeof(buf), 0);
	REQUIRE(n > 0 && n % sizeof(struct sock_filter) == 0);
	close(fd);
	seccomp_release(ctx);
	out->len = (unsigned short)(n / sizeof(struct sock_filter));
	out->filter = xmalloc((size_t)n);
	memcpy(out->filter, buf, (size_t)n);
}

/* Async-signal-safe: two system calls, as compile_install will be. */
int tt_load_filter(const struct sock_fprog *prog)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L) < 0)
		return -errno;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog) < 0)
		return -errno;
	return 0;
}

static int filter_hook(void *arg)
{
	return tt_load_filter(arg);
}

bool tt_stat(pid_t pid, struct tt_stat *st)
{
	char path[64], buf[1024], *p;
	bool ok = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	/* After the name in parentheses, which is the program's to choose:
	 * state ppid pgrp session ... starttime (field 22). */
	if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')))
		ok = sscanf(p + 2,
			    "%c %*d %*d %d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d %llu",
			    &st->state, &st->session, &st->start) == 3;
	fclose(f);
	return ok;
}

/* The start time tells a process of ours from a reuse of its pid. */
static unsigned long long start_time(pid_t pid)
{
	struct tt_stat st;

	return tt_stat(pid, &st) ? st.start : 0;
}

static void watch(pid_t pid)
{
	size_t i;

	for (i = 0; i < nseen; i++)
		if (seen[i].pid == pid)
			return;
	if (nseen < ARRAY_SIZE(seen))
		seen[nseen++] = (struct seen){pid, start_time(pid)};
}

static void start(struct tt *h, const char *const *argv,
		  const struct tt_filter *f, bool with_stdin)
{
	/* execve's type: the strings are not written to. */
	struct trace_spawn_opts o = {.argv = (char *const *)argv,
				     .stdio = TRACE_STDIO_FDS};
	struct err err = {""};
	int out[2], in[2];

	memset(h, 0, sizeof(*h));
	REQUIRE(trace_new(&h->t, &err) == 0);
	REQUIRE(pipe2(out, O_CLOEXEC) == 0);
	if (with_stdin)
		REQUIRE(pipe2(in, O_CLOEXEC) == 0);
	else
		in[0] = open("/dev/null", O_RDONLY | O_CLOEXEC), in[1] = -1;
	if (f) {
		tt_build_filter(f, &h->prog);
		o.hook = f->hook ? f->hook : filter_hook;
		o.hook_arg = f->hook_arg ? f->hook_arg : &h->prog;
	}
	o.fds[0] = in[0];
	o.fds[1] = o.fds[2] = out[1];
	if (trace_spawn(h->t, &o, &h->pid, &err) < 0) {
		test_fail(__FILE__, __LINE__, "trace_spawn: %s", err.msg);
		test_end();
	}
	close(out[1]);
	close(in[0]);
	h->out = out[0];
	h->in = in[1];
	fcntl(h->out, F_SETFL, O_NONBLOCK);
	watch(h->pid);
}

void tt_start(struct tt *h, const char *const *argv, const struct tt_filter *f)
{
	start(h, argv, f, false);
}

void tt_start_stdin(struct tt *h, const char *const *argv,
		    const struct tt_filter *f)
{
	start(h, argv, f, true);
}

static void read_output(struct tt *h)
{
	char buf[4096];
	ssize_t n;

	while (h->out >= 0 && (n = read(h->out, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return; /* EAGAIN */
		}
		strbuf_add(&h->output, buf, (size_t)n);
	}
	if (h->out >= 0)
		close(h->out);
	h->out = -1;
}

int tt_next(struct tt *h, struct trace_event *ev)
{
	struct pollfd p[2];
	size_t nproc;
	int rc;

	for (;;) {
		rc = trace_next(h->t, ev);
		REQUIRE(rc >= 0);
		if (rc == 1) {
			if (ev->kind == TRACE_EV_NEW)
				watch(ev->tid);
			return 1;
		}
		trace_counts(h->t, &nproc, NULL);
		if (nproc == 0) {
			read_output(h);
			return 0;
		}
		p[0] = (struct pollfd){.fd = trace_fd(h->t), .events = POLLIN};
		p[1] = (struct pollfd){.fd = h->out, .events = POLLIN};
		if (poll(p, h->out >= 0 ? 2 : 1, -1) > 0 && p[1].revents)
			read_output(h);
	}
}

void tt_default(struct tt *h, const struct trace_event *ev)
{
	if (ev->kind == TRACE_EV_SECCOMP)
		CHECK_INT(trace_allow(h->t, ev->tid), 0);
	else if (ev->kind == TRACE_EV_SIGNAL && ev->signal.held)
		CHECK_INT(trace_signal_resume(h->t, ev->tid, ev->signal.sig),
			  0);
}

int tt_finish(struct tt *h)
{
	struct trace_event ev;
	int code = -1;

	while (tt_next(h, &ev))
		tt_default(h, &ev);
	REQUIRE(trace_program_exited(h->t, &code));
	return code;
}

void tt_expect(struct tt *h, enum trace_event_kind kind, struct trace_event *ev)
{
	for (;;) {
		if (!tt_next(h, ev)) {
			test_fail(
				__FILE__, __LINE__,
				"the program ended before event %d; output:\n%s",
				kind, strbuf_str(&h->output));
			test_end();
		}
		if (ev->kind == kind)
			return;
		tt_default(h, ev);
	}
}

void tt_expect_seccomp(struct tt *h, struct trace_event *ev)
{
	for (;;) {
		tt_expect(h, TRACE_EV_SECCOMP, ev);
		if (!ev->seccomp.launching)
			return;
		tt_default(h, ev);
	}
}

void tt_free(struct tt *h)
{
	size_t i;

	trace_free(h->t);
	read_output(h);
	if (h->in >= 0)
		close(h->in);
	free(h->prog.filter);
	strbuf_release(&h->output);
	/* Nothing left: no child, no process we saw. */
	errno = 0;
	CHECK(waitpid(-1, NULL, __WALL | WNOHANG) < 0 && errno == ECHILD);
	for (i = 0; i < nseen; i++) {
		unsigned long long st = start_time(seen[i].pid);

		if (st && st == seen[i].start)
			test_fail(__FILE__, __LINE__, "process %d is left",
				  (int)seen[i].pid);
	}
	nseen = 0;
}

void tt_collect(struct tt *h)
{
	read_output(h);
}

const char *tt_wait_line(struct tt *h, const char *prefix)
{
	struct trace_event ev;
	struct pollfd p[2];

	read_output(h);
	while (!tt_line(h, prefix) && h->out >= 0) {
		/* The program may need us to go on (a SIGCONT's stop). */
		while (trace_next(h->t, &ev) == 1)
			tt_default(h, &ev);
		p[0] = (struct pollfd){.fd = h->out, .events = POLLIN};
		p[1] = (struct pollfd){.fd = trace_fd(h->t), .events = POLLIN};
		poll(p, 2, -1);
		read_output(h);
	}
	return tt_line(h, prefix);
}

void tt_watch(pid_t pid)
{
	watch(pid);
}

const char *tt_prog(const char *name)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s", test_build("progs/"));
	strncat(path, name, sizeof(path) - strlen(path) - 1);
	return path;
}

const char *tt_line(const struct tt *h, const char *prefix)
{
	static char line[1024];
	const char *s = strbuf_str(&h->output), *p;
	size_t n = strlen(prefix);

	for (p = s; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, prefix, n)) {
			size_t len = strcspn(p, "\n");

			if (len >= sizeof(line))
				len = sizeof(line) - 1;
			memcpy(line, p, len);
			line[len] = '\0';
			return line;
		}
	}
	return NULL;
}

int tt_nr(uint32_t arch, const char *name)
{
	return seccomp_syscall_resolve_name_arch(arch, name);
}

char *tt_native(const char *const *argv, const struct sock_fprog *prog,
		int *status)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	int p[2];
	ssize_t n;
	pid_t pid;

	REQUIRE(pipe2(p, O_CLOEXEC) == 0);
	pid = fork();
	REQUIRE(pid >= 0);
	if (pid == 0) {
		dup2(p[1], 1);
		dup2(p[1], 2);
		if (!prog || tt_load_filter(prog) == 0)
			execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(p[1]);
	while ((n = read(p[0], buf, sizeof(buf))) > 0)
		strbuf_add(&sb, buf, (size_t)n);
	close(p[0]);
	REQUIRE(waitpid(pid, status, 0) == pid);
	return strbuf_detach(&sb);
}
