// SPDX-License-Identifier: Apache-2.0
/*
 * Getting hold of the listener, and what the kernel must have for NOTIFY
 * mode to work.
 *
 * The listener is created in the child, by the seccomp() call that loads
 * the filter just before its exec, and it is close-on-exec. The child
 * cannot send it to us: every call it makes from then on is filtered,
 * and one the profile refuses would wait for an answer that needs the
 * listener. So the child loads the filter and then waits on a pipe (a
 * read the profile may refuse: it then waits for us in the kernel, which
 * is just as good), and we copy the descriptor out of its table with
 * pidfd_getfd(2), found by its link in /proc/PID/fd, before we let it go
 * on to its exec.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "internal.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

/* How long the child may take to load its filter (a safety net: it only
 * makes a few non-blocking calls), and how often we look. */
#define TAKE_LIMIT_MS 10000
#define TAKE_POLL_MS  1

/* What the kernel calls the listener's file (anon_inode_getfile). */
static const char listener_link[] = "anon_inode:seccomp notify";

/* The listener's number in PID's table, or -1 (not there yet). */
static int find_listener(pid_t pid)
{
	char path[320], link[64];
	struct dirent *de;
	int found = -1;
	ssize_t n;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	d = opendir(path);
	if (!d)
		return -1;
	while (found < 0 && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fd/%s", (int)pid,
			 de->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n == (ssize_t)sizeof(listener_link) - 1 &&
		    !memcmp(link, listener_link, (size_t)n))
			found = atoi(de->d_name);
	}
	closedir(d);
	return found;
}

int notify_take_listener(pid_t pid, int *fd, struct err *err)
{
	struct pollfd p = {.events = POLLIN};
	int waited, num, rc;

	p.fd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (p.fd < 0)
		return err_set(err, errno, "pidfd_open(%d): %s", (int)pid,
			       strerror(errno));
	for (waited = 0; waited < TAKE_LIMIT_MS; waited += TAKE_POLL_MS) {
		num = find_listener(pid);
		if (num >= 0) {
			*fd = (int)syscall(SYS_pidfd_getfd, p.fd, num, 0);
			rc = *fd < 0 ? err_set(err, errno,
					       "pidfd_getfd(%d, %d): %s",
					       (int)pid, num, strerror(errno))
				     : 0;
			close(p.fd);
			return rc;
		}
		/* readable: the child is gone (its hook failed) */
		if (poll(&p, 1, TAKE_POLL_MS) > 0) {
			close(p.fd);
			return err_set(
				err, ESRCH,
				"the program ended before its filter was loaded");
		}
	}
	close(p.fd);
	return err_set(err, ETIME,
		       "the program loaded no filter with a listener in %d s",
		       TAKE_LIMIT_MS / 1000);
}

/* The running kernel's version as major * 1000 + minor. */
static unsigned kernel_version(void)
{
	struct utsname u;
	unsigned major = 0, minor = 0;

	if (uname(&u) < 0 || sscanf(u.release, "%u.%u", &major, &minor) < 1)
		return 0;
	return major * 1000 + minor;
}

int notify_probe(struct err *err)
{
	struct seccomp_notif_sizes sizes;
	unsigned v = kernel_version();

	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) < 0)
		return err_set(
			err, EOPNOTSUPP,
			"this kernel has no seccomp listener (SECCOMP_GET_NOTIF_SIZES: %s; Linux 5.0 has it)",
			strerror(errno));
	if (v && v < 5005)
		return err_set(
			err, EOPNOTSUPP,
			"Linux %u.%u cannot let a notified call run (SECCOMP_USER_NOTIF_FLAG_CONTINUE came in 5.5)",
			v / 1000, v % 1000);
	/* -1 is no pidfd: EBADF when the call exists */
	if (syscall(SYS_pidfd_getfd, -1, 0, 0) < 0 && errno == ENOSYS)
		return err_set(
			err, EOPNOTSUPP,
			"this kernel has no pidfd_getfd (Linux 5.6) to take the listener from the program");
	return 0;
}

int notify_proc_syscall(pid_t tid, long *nr, uint64_t args[6], uint64_t *sp)
{
	unsigned long long v[8];
	long long first;
	char path[64], *buf;
	size_t len, i;
	int rc, n;

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)tid);
	rc = read_file(path, 4096, &buf, &len, NULL);
	if (rc < 0)
		return rc == -ENOENT ? -ESRCH : rc;
	/* "nr a0 .. a5 sp pc" while blocked; "running" or "-1 sp pc" not */
	n = sscanf(buf, "%lli %llx %llx %llx %llx %llx %llx %llx", &first,
		   &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
	free(buf);
	if (n != 8 || first < 0)
		return -EAGAIN;
	*nr = (long)first;
	for (i = 0; i < 6; i++)
		args[i] = v[i + 1];
	*sp = v[7];
	return 0;
}

int notify_thread_sp(pid_t tid, uint64_t *sp)
{
	uint64_t args[6];
	long nr;

	return notify_proc_syscall(tid, &nr, args, sp);
}
