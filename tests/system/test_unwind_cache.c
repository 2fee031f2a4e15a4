// SPDX-License-Identifier: Apache-2.0
/*
 * unwind: the per-process cache and its failures, on forked children of
 * the test (same address space layout as the test, so addresses of the
 * test's own libc functions are valid in them) that are not traced.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "seccompdbg/unwind.h"
#include "test.h"

/* A child that waits until killed; with the parent's mappings. */
static pid_t spawn_idle(void)
{
	pid_t pid = fork();

	REQUIRE(pid >= 0);
	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* An address inside libc's getppid, as a return address would be. */
static uint64_t getppid_ip(void)
{
	return (uint64_t)(uintptr_t)getppid + 1;
}

TEST(unwind_ip_names_libc_function)
{
	struct unwind *u = unwind_new();
	struct unwind_frame f;
	struct strbuf sb = STRBUF_INIT;
	pid_t pid = spawn_idle();

	CHECK_INT(unwind_ip(u, pid, getppid_ip(), &f, NULL), 0);
	CHECK_STR(f.module, "libc.so.6");
	CHECK_INT(f.origin, UNWIND_ORIGIN_LIBC);
	/* Of the aliases getppid (weak), __getppid (local): the first. */
	CHECK_STR(f.symbol, "getppid");
	CHECK_U64(f.symbol_offset, 1);
	CHECK(f.module_path && f.module_path[0] == '/');
	unwind_frame_format(&f, &sb);
	CHECK(str_has_prefix(strbuf_str(&sb), f.symbol));
	CHECK_CONTAINS(strbuf_str(&sb), "+1 libc.so.6");
	unwind_frame_release(&f);
	/* write, __write (weak), __libc_write (local): the plain name. */
	CHECK_INT(unwind_ip(u, pid, (uint64_t)(uintptr_t)write + 3, &f, NULL),
		  0);
	CHECK_STR(f.symbol, "write");
	CHECK_U64(f.symbol_offset, 3);
	unwind_frame_release(&f);
	/* fork (weak) over __fork and __libc_fork (global): what was called. */
	CHECK_INT(unwind_ip(u, pid, (uint64_t)(uintptr_t)fork + 5, &f, NULL),
		  0);
	CHECK_STR(f.symbol, "fork");
	unwind_frame_release(&f);
	/* Outside every mapping: the maps are read again, then the bare pc. */
	CHECK_INT(unwind_ip(u, pid, 0x1000, &f, NULL), 0);
	CHECK(f.module == NULL && f.symbol == NULL);
	CHECK_U64(f.pc, 0x1000);
	CHECK_INT(f.origin, UNWIND_ORIGIN_UNKNOWN);
	unwind_frame_release(&f);
	reap(pid);
	strbuf_release(&sb);
	unwind_free(u);
}

TEST(unwind_vanished_process)
{
	struct unwind *u = unwind_new();
	struct unwind_backtrace t;
	struct unwind_frame f;
	struct err err = {""};
	pid_t pid = spawn_idle();

	reap(pid);
	CHECK_INT(unwind_thread(u, pid, pid, &t, &err), -ESRCH);
	CHECK(t.nframes == 0 && t.frames == NULL);
	CHECK_INT(unwind_ip(u, pid, getppid_ip(), &f, &err), -ESRCH);
	CHECK_U64(f.pc, getppid_ip());
	unwind_frame_release(&f);
	unwind_forget(u, pid); /* unknown: fine */
	unwind_free(u);
}

/* A thread that is not ptrace-stopped by us cannot be read. */
TEST(unwind_thread_not_traced)
{
	struct unwind *u = unwind_new();
	struct unwind_backtrace t;
	struct err err = {""};
	pid_t pid = spawn_idle();
	char want[64];

	CHECK_INT(unwind_thread(u, pid, pid, &t, &err), -EIO);
	snprintf(want, sizeof(want), "cannot unwind thread %d: ", (int)pid);
	CHECK_CONTAINS(err.msg, want);
	CHECK(t.nframes == 0);
	reap(pid);
	unwind_free(u);
}

TEST(unwind_evicts_least_recently_used)
{
	struct unwind *u = unwind_new();
	struct unwind_stats st;
	struct unwind_frame f;
	pid_t pids[UNWIND_MAX_PROCESSES + 1];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pids); i++) {
		pids[i] = spawn_idle();
		CHECK_INT(unwind_ip(u, pids[i], getppid_ip(), &f, NULL), 0);
		CHECK_CONTAINS(f.symbol, "getppid");
		unwind_frame_release(&f);
		/* pids[1] stays recent: pids[0] is the oldest. */
		if (i > 1)
			CHECK_INT(unwind_ip(u, pids[1], getppid_ip(), &f, NULL),
				  0);
		unwind_frame_release(&f);
	}
	unwind_get_stats(u, &st);
	CHECK_INT(st.attaches, UNWIND_MAX_PROCESSES + 1);
	CHECK_INT(st.evictions, 1);
	/* pids[1] is still cached; pids[0] was dropped and comes back. */
	CHECK_INT(unwind_ip(u, pids[1], getppid_ip(), &f, NULL), 0);
	unwind_frame_release(&f);
	unwind_get_stats(u, &st);
	CHECK_INT(st.attaches, UNWIND_MAX_PROCESSES + 1);
	CHECK_INT(unwind_ip(u, pids[0], getppid_ip(), &f, NULL), 0);
	unwind_frame_release(&f);
	unwind_get_stats(u, &st);
	CHECK_INT(st.attaches, UNWIND_MAX_PROCESSES + 2);
	CHECK_INT(st.evictions, 2);
	for (i = 0; i < ARRAY_SIZE(pids); i++)
		reap(pids[i]);
	unwind_free(u);
}

static bool has_control_bytes(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return true;
	return false;
}

/*
 * A module whose file name holds terminal escapes (the traced program
 * chooses its file names): what we return is escaped.
 */
TEST(unwind_escapes_module_names)
{
	char dir[] = "/tmp/seccompdbg-unwind-XXXXXX", path[128], *map;
	struct unwind *u = unwind_new();
	struct unwind_frame f;
	char *data;
	size_t len;
	pid_t pid;
	int fd;

	REQUIRE(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/lib\033[31mred\tx.so", dir);
	REQUIRE(read_file("/proc/self/exe", 64 << 20, &data, &len, NULL) == 0);
	REQUIRE(write_file_atomic(path, data, len, NULL) == 0);
	free(data);
	fd = open(path, O_RDONLY);
	REQUIRE(fd >= 0);
	map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	REQUIRE(map != MAP_FAILED);
	close(fd);
	pid = spawn_idle();
	CHECK_INT(unwind_ip(u, pid, (uint64_t)(uintptr_t)map + 17, &f, NULL),
		  0);
	CHECK_STR(f.module, "lib\\x1b[31mred\\tx.so");
	CHECK(f.module_path && !has_control_bytes(f.module_path));
	CHECK_U64(f.module_offset, 17);
	unwind_frame_release(&f);
	reap(pid);
	unwind_free(u);
	munmap(map, len);
	unlink(path);
	rmdir(dir);
}
