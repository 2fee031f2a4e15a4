// SPDX-License-Identifier: Apache-2.0
/*
 * The temporary files of atomic writes, and what is left of them when a
 * writer is killed (kill -9, a power cut) before its rename.
 *
 * Where the file system can (O_TMPFILE, and /proc to link it), the file
 * has no name at all while it is written and synced: a writer killed then
 * leaves nothing. It gets its name, .BASE.seccompdbg-XXXXXX, just before
 * the rename over BASE, so only a kill between those two system calls
 * leaves one behind. Elsewhere it is named from the start.
 *
 * Either way the writer holds an flock on it from its creation to its
 * end, and the kernel drops that lock when the writer dies: before each
 * write, the files of that pattern that no one holds are a dead writer's
 * and are removed. A named file is checked again once locked, since a
 * sweeper may have taken it in the moment between its creation and its
 * lock (the writer then takes another name).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#define TMP_TAG	   ".seccompdbg-"
#define TMP_RANDOM 6
/* .BASE + TMP_TAG + XXXXXX must fit in NAME_MAX */
#define TMP_BASE_MAX 200
#define TMP_TRIES    100

static size_t tmp_prefix(const char *base, char out[NAME_MAX + 1])
{
	return (size_t)snprintf(out, NAME_MAX + 1, ".%.*s" TMP_TAG,
				TMP_BASE_MAX, base);
}

static void tmp_name(const char *base, char out[NAME_MAX + 1])
{
	static const char alnum[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned long counter;
	unsigned char r[TMP_RANDOM];
	size_t n = tmp_prefix(base, out), i;

	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		unsigned long x = (unsigned long)time(NULL) ^
				  ((unsigned long)getpid() << 16) ^ ++counter;

		for (i = 0; i < sizeof(r);
		     i++, x = x * 6364136223846793005ul + 1)
			r[i] = (unsigned char)(x >> 33);
	}
	for (i = 0; i < TMP_RANDOM; i++)
		out[n + i] = alnum[r[i] % (sizeof(alnum) - 1)];
	out[n + TMP_RANDOM] = '\0';
}

/* Does NAME in DIRFD still name the file open as FD? */
static bool is_named(int fd, int dirfd, const char *name)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 &&
	       fstatat(dirfd, name, &b, AT_SYMLINK_NOFOLLOW) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static void lock(int fd)
{
	while (flock(fd, LOCK_EX) < 0 && errno == EINTR)
		;
}

static int create_named(int dirfd, const char *base, struct util_tmpfile *t)
{
	int i;

	for (i = 0; i < TMP_TRIES; i++) {
		tmp_name(base, t->name);
		t->fd = openat(dirfd, t->name,
			       O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);
		if (t->fd < 0 && errno == EEXIST)
			continue;
		if (t->fd < 0)
			return -errno;
		lock(t->fd);
		if (is_named(t->fd, dirfd, t->name)) {
			t->named = true;
			return 0;
		}
		close(t->fd);
	}
	return -EEXIST;
}

int util_tmpfile_create(int dirfd, const char *base, struct util_tmpfile *t)
{
	t->named = false;
	t->name[0] = '\0';
	/* linking it later goes through /proc/self/fd */
	if (access("/proc/self/fd", X_OK) == 0) {
		t->fd = openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC,
			       0666);
		if (t->fd >= 0) {
			lock(t->fd);
			return 0;
		}
		/* EOPNOTSUPP: the file system cannot; EISDIR, EINVAL: an old
		   kernel or libc took the flag for O_DIRECTORY */
		if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
			return -errno;
	}
	return create_named(dirfd, base, t);
}

int util_tmpfile_name(struct util_tmpfile *t, int dirfd, const char *base)
{
	char proc[64];
	int i;

	if (t->named)
		return 0;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", t->fd);
	for (i = 0; i < TMP_TRIES; i++) {
		tmp_name(base, t->name);
		if (linkat(AT_FDCWD, proc, dirfd, t->name, AT_SYMLINK_FOLLOW) ==
		    0) {
			t->named = true;
			return 0;
		}
		if (errno != EEXIST)
			return -errno;
	}
	return -EEXIST;
}

void util_tmpfile_drop(struct util_tmpfile *t, int dirfd)
{
	if (t->named)
		unlinkat(dirfd, t->name, 0);
	close(t->fd);
	t->fd = -1;
}

/* NAME, of our pattern: a dead writer's when we can lock it. */
static void sweep_one(int dirfd, const char *name)
{
	struct stat st;
	int fd;

	fd = openat(dirfd, name,
		    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    flock(fd, LOCK_EX | LOCK_NB) == 0 && is_named(fd, dirfd, name))
		unlinkat(dirfd, name, 0);
	close(fd);
}

void util_tmpfile_sweep(int dirfd, const char *base)
{
	char prefix[NAME_MAX + 1];
	size_t plen = tmp_prefix(base, prefix);
	struct dirent *de;
	DIR *d;
	int fd;

	fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, prefix, plen) &&
		    strlen(de->d_name) == plen + TMP_RANDOM)
			sweep_one(dirfd, de->d_name);
	closedir(d);
}
