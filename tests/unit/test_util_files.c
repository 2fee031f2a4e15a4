// SPDX-License-Identifier: Apache-2.0
/*
 * util: the files a user names, read and written by what they are
 * (util.h): links followed, devices and FIFOs written to and never
 * replaced, our own descriptors as they are, a FIFO with no one at the
 * other end refused at once, and the leftovers of killed writers swept.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "seccompdbg/util.h"
#include "test.h"

static char dir[] = "/tmp/sdbg-files-XXXXXX";

static const char *at(const char *name)
{
	static char path[4][256];
	static int i;

	i = (i + 1) % 4;
	snprintf(path[i], sizeof(path[i]), "%s/%s", dir, name);
	return path[i];
}

static void setup(void)
{
	REQUIRE(mkdtemp(dir));
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* rm -rf DIR without a program: unit tests run none */
static void cleanup(void)
{
	CHECK_INT(nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS), 0);
}

/* The whole content of PATH, or "" (a static buffer). */
static const char *content(const char *path)
{
	static char buf[256];
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
	return buf;
}

static mode_t kind(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0;
}

TEST(write_file_follows_links_and_keeps_the_target)
{
	struct err err;
	struct stat st;

	setup();
	REQUIRE(write_file_atomic(at("target"), "old", 3, &err) == 0);
	CHECK_INT(chmod(at("target"), 0640), 0);
	CHECK_INT(symlink("target", at("link")), 0);
	CHECK_INT(write_file_atomic(at("link"), "new", 3, &err), 0);
	/* the link is still a link; the file it names has the content and
	   its own mode */
	CHECK_INT(kind(at("link")), S_IFLNK);
	CHECK_STR(content(at("target")), "new");
	CHECK_INT(stat(at("target"), &st), 0);
	CHECK_INT(st.st_mode & 0777, 0640);
	/* a dangling link: the file it names is made */
	CHECK_INT(symlink("sub/made", at("dangling")), 0);
	CHECK_INT(mkdir(at("sub"), 0755), 0);
	CHECK_INT(write_file_atomic(at("dangling"), "made", 4, &err), 0);
	CHECK_INT(kind(at("dangling")), S_IFLNK);
	CHECK_STR(content(at("sub/made")), "made");
	cleanup();
}

TEST(write_file_new_file_mode_follows_the_umask)
{
	mode_t old = umask(027);
	struct err err;
	struct stat st;

	setup();
	CHECK_INT(write_file_atomic(at("new"), "x", 1, &err), 0);
	CHECK_INT(stat(at("new"), &st), 0);
	CHECK_INT(st.st_mode & 0777, 0640);
	umask(old);
	cleanup();
}

TEST(write_file_fifo_and_device_are_written_not_replaced)
{
	struct err err;
	int rd;

	setup();
	CHECK_INT(mkfifo(at("fifo"), 0600), 0);
	/* no reader: refused at once, not waited for */
	CHECK_INT(write_file_atomic(at("fifo"), "x", 1, &err), -ENXIO);
	CHECK_CONTAINS(err.msg, "no one reads");
	CHECK_INT(write_file_check(at("fifo"), &err), 0);
	rd = open(at("fifo"), O_RDONLY | O_NONBLOCK);
	REQUIRE(rd >= 0);
	CHECK_INT(write_file_atomic(at("fifo"), "through", 7, &err), 0);
	CHECK_STR(content(at("fifo")), "through");
	CHECK_INT(kind(at("fifo")), S_IFIFO);
	close(rd);
	/* the null device swallows it and stays a device */
	CHECK_INT(write_file_atomic("/dev/null", "x", 1, &err), 0);
	CHECK_INT(kind("/dev/null"), S_IFCHR);
	CHECK_INT(write_file_check("/dev/null", &err), 0);
	cleanup();
}

TEST(write_file_refuses_directories_and_sockets)
{
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	struct err err;
	int s;

	setup();
	CHECK_INT(write_file_atomic(dir, "x", 1, &err), -EISDIR);
	CHECK_CONTAINS(err.msg, "is a directory");
	CHECK_INT(write_file_check(dir, &err), -EISDIR);
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", at("sock"));
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	REQUIRE(s >= 0 && bind(s, (struct sockaddr *)&sun, sizeof(sun)) == 0);
	CHECK_INT(write_file_atomic(at("sock"), "x", 1, &err), -ENODEV);
	CHECK_CONTAINS(err.msg, "a socket: not written");
	CHECK_INT(kind(at("sock")), S_IFSOCK);
	close(s);
	/* a missing directory is named before anything is written */
	CHECK_INT(write_file_check(at("none/out.json"), &err), -ENOENT);
	CHECK_CONTAINS(err.msg, "none");
	CHECK_INT(write_file_check(at("out.json"), &err), 0);
	CHECK_INT(kind(at("out.json")), 0);
	cleanup();
}

TEST(write_file_own_descriptors_as_they_are)
{
	char name[64], buf[16] = "";
	struct err err;
	int p[2], saved;

	REQUIRE(pipe(p) == 0);
	snprintf(name, sizeof(name), "/dev/fd/%d", p[1]);
	CHECK_INT(write_file_atomic(name, "fd", 2, &err), 0);
	snprintf(name, sizeof(name), "/proc/self/fd/%d", p[1]);
	CHECK_INT(write_file_atomic(name, "+", 1, &err), 0);
	/* "-" and /dev/stdout are descriptor 1 */
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	REQUIRE(dup2(p[1], STDOUT_FILENO) == STDOUT_FILENO);
	CHECK_INT(write_file_atomic("-", "-", 1, &err), 0);
	CHECK_INT(write_file_atomic("/dev/stdout", "!", 1, &err), 0);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(p[1]);
	CHECK_INT(read(p[0], buf, sizeof(buf) - 1), 5);
	CHECK_STR(buf, "fd+-!");
	/* one open for reading only is refused */
	snprintf(name, sizeof(name), "/dev/fd/%d", p[0]);
	CHECK_INT(write_file_check(name, &err), -EBADF);
	CHECK_CONTAINS(err.msg, "reading only");
	close(p[0]);
	CHECK_INT(write_file_check("/dev/fd/999", &err), -EBADF);
}

/* A writer killed before its rename, and one still at work. */
TEST(write_file_sweeps_what_dead_writers_left)
{
	static const char *const keep[] = {
		".out.json.seccompdbg-Locked",	/* a live writer's */
		".out.json.seccompdbg-ABCDEFG", /* not our pattern */
		".out.json.Abc123",		/* not ours at all */
		".other.seccompdbg-Abc123",	/* another file's */
	};
	struct err err;
	size_t i;
	int live;

	setup();
	for (i = 0; i < ARRAY_SIZE(keep); i++)
		CHECK_INT(write_file_atomic(at(keep[i]), "k", 1, &err), 0);
	CHECK_INT(write_file_atomic(at(".out.json.seccompdbg-Dead01"), "d", 1,
				    &err),
		  0);
	live = open(at(keep[0]), O_RDONLY);
	REQUIRE(live >= 0 && flock(live, LOCK_EX) == 0);
	CHECK_INT(write_file_atomic(at("out.json"), "{}", 2, &err), 0);
	CHECK_INT(kind(at(".out.json.seccompdbg-Dead01")), 0);
	for (i = 0; i < ARRAY_SIZE(keep); i++)
		CHECK_INT(kind(at(keep[i])), S_IFREG);
	CHECK_STR(content(at("out.json")), "{}");
	close(live);
	cleanup();
}

TEST(read_file_fifo_needs_its_writer)
{
	char *data = NULL;
	struct err err;
	size_t len;
	int rd, wr;

	setup();
	CHECK_INT(mkfifo(at("fifo"), 0600), 0);
	/* no writer: an error at once instead of blocking in open() */
	CHECK_INT(read_file(at("fifo"), 100, &data, &len, &err), -ENXIO);
	CHECK_CONTAINS(err.msg, "no one writes to");
	/* what a writer left in it is read (a reader keeps it there) */
	rd = open(at("fifo"), O_RDONLY | O_NONBLOCK);
	wr = open(at("fifo"), O_WRONLY | O_NONBLOCK);
	REQUIRE(rd >= 0 && wr >= 0);
	CHECK_INT(write(wr, "{}", 2), 2);
	close(wr);
	CHECK_INT(read_file(at("fifo"), 100, &data, &len, &err), 0);
	CHECK_STR(data, "{}");
	free(data);
	close(rd);
	/* devices are not files to read */
	CHECK_INT(read_file("/dev/zero", 100, &data, &len, &err), -ENODEV);
	CHECK_CONTAINS(err.msg, "a character device");
	CHECK_INT(read_file(dir, 100, &data, &len, &err), -EISDIR);
	cleanup();
}
