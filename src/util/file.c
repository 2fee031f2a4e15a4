// SPDX-License-Identifier: Apache-2.0
/*
 * Reading the files a user names (a profile, a strace log): a regular
 * file, or a pipe or FIFO that someone writes to (-p <(cmd), strace -o
 * FIFO). A FIFO with no writer would block open() for ever, so it is
 * opened without blocking and asked, without taking anything from it,
 * whether a writer is there; devices, sockets and directories are not
 * files to read a profile or a log from, and are refused by name.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seccompdbg/util.h"

/*
 * Does FIFO FD (opened O_NONBLOCK) have data or a writer? tee() copies
 * from it into a pipe of ours without consuming anything: 0 is its end
 * of file (no writer and nothing left), EAGAIN a writer with nothing
 * written yet. 1 yes, 0 no, or -errno.
 */
static int fifo_is_fed(int fd)
{
	int probe[2], rc;
	ssize_t n;

	if (pipe2(probe, O_CLOEXEC | O_NONBLOCK) < 0)
		return -errno;
	n = tee(fd, probe[1], 1, SPLICE_F_NONBLOCK);
	rc = n > 0 ? 1 : n == 0 ? 0 : errno == EAGAIN ? 1 : -errno;
	close(probe[0]);
	close(probe[1]);
	return rc;
}

static const char *kind_name(mode_t mode)
{
	return S_ISDIR(mode)	? "a directory"
	       : S_ISCHR(mode)	? "a character device"
	       : S_ISBLK(mode)	? "a block device"
	       : S_ISSOCK(mode) ? "a socket"
				: "not a regular file";
}

int read_file_open(const char *path, int *fdp, struct err *err)
{
	struct stat st;
	int fd, rc;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return err_set(err, errno, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0) {
		rc = err_set(err, errno, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = err_set(err, EISDIR, "%s: is a directory", path);
		goto fail;
	}
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
		rc = err_set(err, ENODEV,
			     "%s: %s: only a file or a pipe can be read", path,
			     kind_name(st.st_mode));
		goto fail;
	}
	if (S_ISFIFO(st.st_mode) && (rc = fifo_is_fed(fd)) <= 0) {
		if (rc == 0)
			rc = err_set(
				err, ENXIO,
				"%s: a FIFO or pipe that no one writes to (start its writer first)",
				path);
		else
			err_set(err, -rc, "%s: %s", path, strerror(-rc));
		goto fail;
	}
	/* from here on, reads wait for the writer as any reader's would */
	if (fcntl(fd, F_SETFL, 0) < 0) {
		rc = err_set(err, errno, "%s: %s", path, strerror(errno));
		goto fail;
	}
	*fdp = fd;
	return 0;
fail:
	close(fd);
	return rc;
}

int read_file(const char *path, size_t max, char **data, size_t *len,
	      struct err *err)
{
	struct strbuf sb = STRBUF_INIT;
	int fd, rc = read_file_open(path, &fd, err);

	if (rc < 0)
		return rc;
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
