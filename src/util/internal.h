/* SPDX-License-Identifier: Apache-2.0 */
/*
 * util's private interfaces, shared by its files only: the temporary
 * files of atomic writes (tmpfile.c, used by save.c).
 */
#ifndef SECCOMPDBG_UTIL_INTERNAL_H
#define SECCOMPDBG_UTIL_INTERNAL_H

#include <limits.h>
#include <stdbool.h>

#include "seccompdbg/util.h"

/*
 * A temporary file of ours for BASE, in a directory. It is locked
 * (flock) from its creation until it is closed, so a later writer can
 * tell a dead writer's leftover from a live writer's file. It has no name
 * while it is written where the file system can do that (O_TMPFILE);
 * otherwise, and once complete, it is .BASE.seccompdbg-XXXXXX.
 */
struct util_tmpfile {
	int fd;
	bool named;
	char name[NAME_MAX + 1];
};

/* A new one in DIRFD, mode 0666 minus the umask. 0 or -errno. */
int util_tmpfile_create(int dirfd, const char *base, struct util_tmpfile *t);
/* Give it its name (a no-op when it has one). 0 or -errno. */
int util_tmpfile_name(struct util_tmpfile *t, int dirfd, const char *base);
/* Close it and remove its name, if any. */
void util_tmpfile_drop(struct util_tmpfile *t, int dirfd);
/*
 * Remove the temporary files for BASE in DIRFD that writers killed
 * before their rename left: those no process holds locked. Best effort.
 */
void util_tmpfile_sweep(int dirfd, const char *base);

#endif
