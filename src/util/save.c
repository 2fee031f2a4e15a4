// SPDX-License-Identifier: Apache-2.0
/*
 * Writing the files a user names (-o, --report, --bpf...). What a path
 * names decides how it is written (include/seccompdbg/util.h has the
 * rules): our own descriptors ("-", /dev/stdout, /dev/fd/N) and devices
 * or FIFOs are written to as they are and never replaced; a regular file,
 * through any symbolic links, is replaced atomically in its own
 * directory (tmpfile.c), so it is always the old file or the new one.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

enum dest_kind {
	DEST_FD,      /* a descriptor of ours, written as it is */
	DEST_DIRECT,  /* a device or a FIFO: opened and written */
	DEST_REPLACE, /* a regular file, new or replaced atomically */
};

struct dest {
	enum dest_kind kind;
	int fd;		/* DEST_FD */
	char *path;	/* the file itself, links followed */
	bool exists;	/* DEST_REPLACE: there is a file to replace */
	struct stat st; /* and its status */
};

/* "-", /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: N, as the
   shell's redirections read them; else -1. */
static int own_fd(const char *path)
{
	const char *n = NULL;
	char *end;
	long fd;

	if (!strcmp(path, "-") || !strcmp(path, "/dev/stdout"))
		return STDOUT_FILENO;
	if (!strcmp(path, "/dev/stderr"))
		return STDERR_FILENO;
	if (str_has_prefix(path, "/dev/fd/"))
		n = path + strlen("/dev/fd/");
	else if (str_has_prefix(path, "/proc/self/fd/"))
		n = path + strlen("/proc/self/fd/");
	if (!n || *n < '0' || *n > '9')
		return -1;
	fd = strtol(n, &end, 10);
	return *end || fd > INT_MAX ? -1 : (int)fd;
}

/* Where the chain of symbolic links from PATH ends (a name that does not
   exist yet, for a dangling link), at most 40 links deep as the kernel. */
static char *link_end(const char *path)
{
	char *cur = xstrdup(path), *dir, text[PATH_MAX];
	struct stat st;
	ssize_t n;
	int i;

	for (i = 0; i < 40; i++) {
		if (lstat(cur, &st) < 0 || !S_ISLNK(st.st_mode))
			break;
		n = readlink(cur, text, sizeof(text) - 1);
		if (n <= 0)
			break;
		text[n] = '\0';
		dir = xstrdup(cur);
		free(cur);
		cur = text[0] == '/' ? xstrdup(text)
				     : xasprintf("%s/%s", dirname(dir), text);
		free(dir);
	}
	return cur;
}

static const char *kind_name(mode_t mode)
{
	return S_ISBLK(mode)	? "a block device"
	       : S_ISSOCK(mode) ? "a socket"
				: "not a regular file";
}

static int dest_find(const char *path, struct dest *d, struct err *err)
{
	memset(d, 0, sizeof(*d));
	d->fd = own_fd(path);
	if (d->fd >= 0) {
		d->kind = DEST_FD;
		return 0;
	}
	if (stat(path, &d->st) < 0) {
		if (errno != ENOENT)
			return err_set(err, errno, "%s: %s", path,
				       strerror(errno));
		d->kind = DEST_REPLACE;
		d->path = link_end(path);
		return 0;
	}
	if (S_ISDIR(d->st.st_mode))
		return err_set(err, EISDIR, "%s: is a directory", path);
	if (S_ISCHR(d->st.st_mode) || S_ISFIFO(d->st.st_mode)) {
		d->kind = DEST_DIRECT;
		d->path = xstrdup(path);
		return 0;
	}
	if (!S_ISREG(d->st.st_mode))
		return err_set(err, ENODEV, "%s: %s: not written", path,
			       kind_name(d->st.st_mode));
	d->kind = DEST_REPLACE;
	d->exists = true;
	d->path = realpath(path, NULL);
	if (!d->path)
		return err_set(err, errno, "%s: %s", path, strerror(errno));
	return 0;
}

static int write_all(int fd, const void *data, size_t n)
{
	const char *p = data;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A device or a FIFO; a FIFO must have its reader already (it would
   block open() for ever otherwise). */
static int write_direct(const char *path, const void *data, size_t len,
			struct err *err)
{
	int fd, rc;

	fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 && errno == ENXIO)
		return err_set(
			err, ENXIO,
			"%s: a FIFO that no one reads (start its reader first)",
			path);
	if (fd < 0)
		return err_set(err, errno, "%s: %s", path, strerror(errno));
	rc = fcntl(fd, F_SETFL, 0) < 0 ? -errno : 0;
	if (rc == 0)
		rc = write_all(fd, data, len);
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	return rc < 0 ? err_set(err, -rc, "%s: %s", path, strerror(-rc)) : 0;
}

/* Descriptor FD of ours, open for writing? */
static int fd_writable(int fd, const char *path, struct err *err)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		return err_set(err, EBADF, "%s: descriptor %d is not open",
			       path, fd);
	if ((fl & O_ACCMODE) == O_RDONLY)
		return err_set(err, EBADF,
			       "%s: descriptor %d is open for reading only",
			       path, fd);
	return 0;
}

/* The directory of D's file, open; its base name in *base (in d->path). */
static int open_dir(const struct dest *d, const char *path, const char **base,
		    int *dirfd, struct err *err)
{
	char *copy = xstrdup(d->path);
	const char *dir = dirname(copy);
	const char *slash = strrchr(d->path, '/');

	*base = slash ? slash + 1 : d->path;
	*dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*dirfd < 0) {
		int e = errno;

		err_set(err, e, "%s: directory %s: %s", path, dir, strerror(e));
		free(copy);
		return -e;
	}
	free(copy);
	return 0;
}

/* The new file takes the old one's owner and mode (set-id bits only when
   the owner could be kept too). */
static void keep_owner_mode(int fd, const struct stat *st)
{
	mode_t mode = st->st_mode & 0777;

	if (fchown(fd, st->st_uid, st->st_gid) == 0)
		mode = st->st_mode & 07777;
	(void)!fchmod(fd, mode);
}

static int replace(const struct dest *d, const char *path, const void *data,
		   size_t len, struct err *err)
{
	struct util_tmpfile t;
	const char *base;
	int dirfd, rc;

	rc = open_dir(d, path, &base, &dirfd, err);
	if (rc < 0)
		return rc;
	util_tmpfile_sweep(dirfd, base);
	rc = util_tmpfile_create(dirfd, base, &t);
	if (rc < 0) {
		err_set(err, -rc, "%s: cannot create a file beside it: %s",
			path, strerror(-rc));
		goto out;
	}
	rc = write_all(t.fd, data, len);
	if (rc == 0 && d->exists)
		keep_owner_mode(t.fd, &d->st);
	if (rc == 0 && fsync(t.fd) < 0)
		rc = -errno;
	if (rc == 0)
		rc = util_tmpfile_name(&t, dirfd, base);
	if (rc == 0 && renameat(dirfd, t.name, dirfd, base) < 0)
		rc = -errno;
	/* the rename itself, on disk */
	if (rc == 0)
		fsync(dirfd);
	if (rc < 0) {
		if (t.named)
			unlinkat(dirfd, t.name, 0);
		err_set(err, -rc, "%s: %s", path, strerror(-rc));
	}
	close(t.fd);
out:
	close(dirfd);
	return rc;
}

int write_file_atomic(const char *path, const void *data, size_t len,
		      struct err *err)
{
	struct dest d;
	int rc = dest_find(path, &d, err);

	if (rc == 0 && d.kind == DEST_FD) {
		rc = fd_writable(d.fd, path, err);
		if (rc == 0 && (rc = write_all(d.fd, data, len)) < 0)
			err_set(err, -rc, "%s: %s", path, strerror(-rc));
	} else if (rc == 0 && d.kind == DEST_DIRECT) {
		rc = write_direct(d.path, data, len, err);
	} else if (rc == 0) {
		rc = replace(&d, path, data, len, err);
	}
	free(d.path);
	return rc;
}

int write_file_check(const char *path, struct err *err)
{
	struct util_tmpfile t;
	const char *base;
	struct dest d;
	int dirfd, rc = dest_find(path, &d, err);

	if (rc < 0)
		goto out;
	if (d.kind == DEST_FD) {
		rc = fd_writable(d.fd, path, err);
		goto out;
	}
	if ((d.kind == DEST_DIRECT || d.exists) && access(d.path, W_OK) < 0) {
		rc = err_set(err, errno, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (d.kind == DEST_DIRECT)
		goto out;
	rc = open_dir(&d, path, &base, &dirfd, err);
	if (rc < 0)
		goto out;
	/* the surest test that we can create the file: create one */
	rc = util_tmpfile_create(dirfd, base, &t);
	if (rc < 0)
		err_set(err, -rc, "%s: cannot create a file there: %s", path,
			strerror(-rc));
	else
		util_tmpfile_drop(&t, dirfd);
	close(dirfd);
out:
	free(d.path);
	return rc;
}
