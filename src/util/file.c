// SPDX-License-Identifier: Apache-2.0
/*
 * Whole-file reads and atomic writes. A profile is never left half
 * written: we write a temporary file beside the target, fsync it, and
 * rename it into place.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seccompdbg/util.h"

int read_file(const char *path, size_t max, char **data, size_t *len,
	      struct err *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	int fd, rc = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(err, errno, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = err_set(err, EISDIR, "%s: is a directory", path);
		goto out_close;
	}
	for (;;) {
		char chunk[65536];
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = err_set(err, errno, "%s: %s", path,
				     strerror(errno));
			goto out_free;
		}
		if (n == 0)
			break;
		if (sb.len + (size_t)n > max) {
			rc = err_set(err, EFBIG,
				     "%s: file larger than %zu bytes", path,
				     max);
			goto out_free;
		}
		strbuf_add(&sb, chunk, (size_t)n);
	}
	*len = sb.len;
	*data = strbuf_detach(&sb);
	goto out_close;
out_free:
	strbuf_release(&sb);
out_close:
	close(fd);
	return rc;
}

static int write_all(int fd, const char *p, size_t n)
{
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

int write_file_atomic(const char *path, const void *data, size_t len,
		      struct err *err)
{
	char *dircopy = xstrdup(path);
	char *tmp =
		xasprintf("%s/.%s.XXXXXX", dirname(dircopy),
			  strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
	mode_t mode, mask;
	struct stat st;
	int fd, rc;

	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		rc = err_set(err, errno,
			     "%s: cannot create a file beside it: %s", path,
			     strerror(errno));
		goto out_free;
	}
	if (stat(path, &st) == 0) {
		mode = st.st_mode & 07777;
	} else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	rc = write_all(fd, data, len);
	if (rc == 0 && fchmod(fd, mode) < 0)
		rc = -errno;
	if (rc == 0 && fsync(fd) < 0)
		rc = -errno;
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -errno;
	if (rc < 0) {
		unlink(tmp);
		err_set(err, -rc, "%s: %s", path, strerror(-rc));
	}
out_free:
	free(tmp);
	free(dircopy);
	return rc;
}
