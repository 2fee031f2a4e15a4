// SPDX-License-Identifier: Apache-2.0
/*
 * Getting the program out of libseccomp, and the flags to load it with.
 *
 * libseccomp 2.5.4 exports only to a file descriptor (there is no
 * seccomp_export_bpf_mem), so the program goes through a memfd, which a
 * child process fills (see export()).
 *
 * TRAP and NOTIFY: libseccomp has no TRAP that carries data, and NOTIFY
 * carries none either, so those filters are built as the TRACE filter
 * and the return instructions are rewritten: every `ret TRACE|id`
 * becomes `ret TRAP|id` or `ret USER_NOTIF`. The catching TRACE filter
 * returns TRACE only for the actions it relabelled (profiles' own TRACE
 * rules are relabelled too), so the rewrite changes exactly those.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

/* The profile's `flags`, as runc and crun spell them. */
static const struct {
	const char *name;
	unsigned flag;
} profile_flags[] = {
	{"SECCOMP_FILTER_FLAG_TSYNC", SECCOMP_FILTER_FLAG_TSYNC},
	{"SECCOMP_FILTER_FLAG_LOG", SECCOMP_FILTER_FLAG_LOG},
	{"SECCOMP_FILTER_FLAG_SPEC_ALLOW", SECCOMP_FILTER_FLAG_SPEC_ALLOW},
	{"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
	 SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV},
};

static bool has_notify_rule(const struct resolve_result *r)
{
	size_t i;

	for (i = 0; i < r->nrules; i++)
		if (r->rules[i].verdict.action == PROFILE_ACT_NOTIFY)
			return true;
	return false;
}

static int flags_map(const struct resolve_result *r, enum compile_mode mode,
		     unsigned *out, struct err *err)
{
	const struct profile *p = r->profile;
	unsigned flags = 0;
	size_t i, j;

	/* runc: an absent `flags` means SPEC_ALLOW, an empty one none. */
	if (!p || !p->has_flags)
		flags = SECCOMP_FILTER_FLAG_SPEC_ALLOW;
	for (i = 0; p && i < p->nflags; i++) {
		for (j = 0; j < ARRAY_SIZE(profile_flags); j++)
			if (!strcmp(p->flags[i], profile_flags[j].name))
				break;
		if (j == ARRAY_SIZE(profile_flags))
			return err_set(err, EINVAL,
				       "flags[%zu]: unknown flag \"%s\"", i,
				       p->flags[i]);
		flags |= profile_flags[j].flag;
	}
	/* runc asks for a listener when a rule notifies. */
	if (mode == COMPILE_NOTIFY ||
	    (mode == COMPILE_ORIGINAL && has_notify_rule(r)))
		flags |= SECCOMP_FILTER_FLAG_NEW_LISTENER;
	/*
	 * Ours: a call we took waits for its answer as a ptrace stop does,
	 * a signal handler after it. Interruptible, a signal that woke the
	 * thread just before our answer made the kernel drop the answer
	 * and restart the call: asked twice (Linux 5.19, commit c2aa2dfef243;
	 * compile_install does without it on older kernels).
	 */
	if (mode == COMPILE_NOTIFY)
		flags |= SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
	/* The kernel refuses these combinations; each flag is moot then. */
	if (!(flags & SECCOMP_FILTER_FLAG_NEW_LISTENER))
		flags &= ~SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
	if ((flags & SECCOMP_FILTER_FLAG_NEW_LISTENER) &&
	    (flags & SECCOMP_FILTER_FLAG_TSYNC))
		flags |= SECCOMP_FILTER_FLAG_TSYNC_ESRCH;
	*out = flags;
	return 0;
}

/* Read what was written to FD from its start into a heap buffer. */
static int memfd_slurp(int fd, char **buf, size_t *len)
{
	off_t end = lseek(fd, 0, SEEK_END);
	size_t done = 0;
	ssize_t n;

	if (end < 0)
		return -errno;
	*buf = xmalloc((size_t)end + 1);
	while (done < (size_t)end) {
		n = pread(fd, *buf + done, (size_t)end - done, (off_t)done);
		if (n <= 0) {
			free(*buf);
			return n < 0 ? -errno : -EIO;
		}
		done += (size_t)n;
	}
	(*buf)[done] = '\0';
	*len = done;
	return 0;
}

/* How long libseccomp may take to build a filter (compile_set_timeout). */
static unsigned timeout_ms = COMPILE_TIMEOUT_MS;

void compile_set_timeout(unsigned ms)
{
	timeout_ms = ms;
}

/* The child's half: build and export into FD, report on REPORT. */
static void export_child(const struct resolve_result *r, enum compile_mode mode,
			 bool pfc, int fd, int report)
{
	struct err err = {""};
	scmp_filter_ctx ctx;
	int rc;

	rc = compile_build(r, mode, &ctx, &err);
	if (rc == 0) {
		rc = pfc ? seccomp_export_pfc(ctx, fd)
			 : seccomp_export_bpf(ctx, fd);
		if (rc < 0)
			err_set(&err, EINVAL,
				"libseccomp cannot export the filter: %s",
				strerror(-rc));
		seccomp_release(ctx);
	}
	if (write(report, &rc, sizeof(rc)) == sizeof(rc))
		(void)!write(report, err.msg, strlen(err.msg));
	_exit(0);
}

/*
 * Wait for the child's report on REPORT: 0 with the child reaped, or
 * -ETIME (child killed) or -ECHILD (it died without reporting).
 */
static int child_wait(pid_t pid, int report, int *rc, struct err *err)
{
	struct pollfd p = {.fd = report, .events = POLLIN};
	char msg[sizeof(err->msg)];
	ssize_t n = 0;
	int status, ready;

	do
		ready = poll(&p, 1, (int)timeout_ms);
	while (ready < 0 && errno == EINTR);
	if (ready == 0)
		kill(pid, SIGKILL);
	else
		n = read(report, rc, sizeof(*rc));
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (ready == 0)
		return err_set(
			err, ETIME,
			"libseccomp did not finish building the filter in %u ms: libseccomp 2.5 never returns on some rule sets (runc would hang on it too)",
			timeout_ms);
	if (n != sizeof(*rc))
		return err_set(err, ECHILD,
			       "libseccomp crashed building the filter (%s)",
			       WIFSIGNALED(status) ? strsignal(WTERMSIG(status))
						   : "no report");
	n = read(report, msg, sizeof(msg) - 1);
	msg[n > 0 ? n : 0] = '\0';
	if (*rc < 0)
		err_set(err, -*rc, "%s", msg);
	return 0;
}

/*
 * Build R in MODE and have libseccomp export it (BPF or PFC) into a
 * heap buffer. libseccomp runs in a child process: on some rule sets it
 * loops forever, and a profile is untrusted input, so it gets a time
 * limit and cannot take the caller down with it.
 */
static int export(const struct resolve_result *r, enum compile_mode mode,
		  bool pfc, char **buf, size_t *len, struct err *err)
{
	int fd, report[2], rc = 0, child_rc = 0;
	pid_t pid;

	fd = memfd_create("seccompdbg-filter", MFD_CLOEXEC);
	if (fd < 0)
		return err_set(err, errno, "memfd_create: %s", strerror(errno));
	if (pipe2(report, O_CLOEXEC) < 0) {
		rc = err_set(err, errno, "pipe: %s", strerror(errno));
		goto close_fd;
	}
	pid = fork();
	if (pid < 0) {
		rc = err_set(err, errno, "fork: %s", strerror(errno));
		goto close_pipe;
	}
	if (pid == 0)
		export_child(r, mode, pfc, fd, report[1]);
	close(report[1]);
	report[1] = -1;
	rc = child_wait(pid, report[0], &child_rc, err);
	if (rc == 0)
		rc = child_rc;
	if (rc == 0) {
		rc = memfd_slurp(fd, buf, len);
		if (rc < 0)
			err_set(err, -rc, "reading the exported filter: %s",
				strerror(-rc));
	}
close_pipe:
	close(report[0]);
	if (report[1] >= 0)
		close(report[1]);
close_fd:
	close(fd);
	return rc;
}

static void returns_rewrite(struct compile_bpf *bpf, enum compile_mode mode)
{
	size_t i;

	for (i = 0; i < bpf->len; i++) {
		struct sock_filter *in = &bpf->insns[i];

		if (in->code != (BPF_RET | BPF_K) ||
		    (in->k & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_TRACE)
			continue;
		if (mode == COMPILE_TRAP)
			in->k = SECCOMP_RET_TRAP | (in->k & SECCOMP_RET_DATA);
		else
			in->k = SECCOMP_RET_USER_NOTIF;
	}
}

int compile_filter(const struct resolve_result *r, enum compile_mode mode,
		   struct compile_bpf *out, struct err *err)
{
	enum compile_mode build =
		mode == COMPILE_ORIGINAL ? mode : COMPILE_TRACE;
	unsigned flags = 0;
	size_t len;
	char *buf;
	int rc;

	rc = flags_map(r, mode, &flags, err);
	if (rc < 0)
		return rc;
	rc = export(r, build, false, &buf, &len, err);
	if (rc < 0)
		return rc;
	if (len % sizeof(struct sock_filter) || len == 0) {
		free(buf);
		return err_set(err, EINVAL,
			       "libseccomp exported %zu bytes, not a program",
			       len);
	}
	out->insns = (struct sock_filter *)buf;
	out->len = len / sizeof(struct sock_filter);
	out->flags = flags;
	if (out->len > BPF_MAXINSNS) {
		rc = err_set(
			err, E2BIG,
			"the filter has %zu instructions; the kernel loads at most %d",
			out->len, BPF_MAXINSNS);
		compile_bpf_release(out);
		return rc;
	}
	if (mode == COMPILE_TRAP || mode == COMPILE_NOTIFY)
		returns_rewrite(out, mode);
	return 0;
}

int compile_pfc(const struct resolve_result *r, enum compile_mode mode,
		struct strbuf *out, struct err *err)
{
	size_t len;
	char *buf;
	int rc;

	rc = export(r, mode == COMPILE_ORIGINAL ? mode : COMPILE_TRACE, true,
		    &buf, &len, err);
	if (rc < 0)
		return rc;
	if (mode == COMPILE_TRAP)
		strbuf_adds(
			out,
			"# seccompdbg: TRAP mode loads this filter with every TRACE(n) returned as TRAP|n\n");
	else if (mode == COMPILE_NOTIFY)
		strbuf_adds(
			out,
			"# seccompdbg: NOTIFY mode loads this filter with every TRACE(n) returned as USER_NOTIF\n");
	strbuf_add(out, buf, len);
	free(buf);
	return 0;
}

void compile_bpf_release(struct compile_bpf *bpf)
{
	free(bpf->insns);
	bpf->insns = NULL;
	bpf->len = 0;
	bpf->flags = 0;
}
