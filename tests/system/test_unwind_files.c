// SPDX-License-Identifier: Apache-2.0
/*
 * unwind's two halves and its per-file cache (src/unwind/files.c): a
 * backtrace is captured while the thread waits and described later, from
 * symbols and lines kept per file for the whole session. The tests run
 * tests/progs/unwind_target under a small ptrace loop of their own and
 * check that each file is opened once for any number of processes, that
 * a capture described after its process is gone says what the one-step
 * unwind_thread said at the stop, and that a file replaced at the same
 * path since the capture is not taken for the old one.
 */
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "seccompdbg/unwind.h"
#include "test.h"
#include "test_unwind_target.h"

/* What a test does at a stop of PID: its unwind, its captures. */
struct at_stop {
	struct unwind *u;
	struct unwind_capture cap;   /* the first stop's, not described */
	struct unwind_backtrace now; /* unwind_thread at that stop */
	unsigned stops;
};

/* Run PATH MODE under TRACE for unshare, calling back at each stop. */
static void run_one(const char *path, const char *mode,
		    void (*at)(struct at_stop *, pid_t), struct at_stop *a)
{
	pid_t pid = fork();
	int st;

	REQUIRE(pid >= 0);
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0)
			_exit(120);
		raise(SIGSTOP);
		target_filter(SCMP_ACT_TRACE(1));
		execl(path, path, mode, (char *)NULL);
		_exit(127);
	}
	REQUIRE(waitpid(pid, &st, 0) == pid && WIFSTOPPED(st));
	REQUIRE(ptrace(PTRACE_SETOPTIONS, pid, NULL,
		       PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL) == 0);
	REQUIRE(ptrace(PTRACE_CONT, pid, NULL, NULL) == 0);
	while (waitpid(pid, &st, 0) == pid && WIFSTOPPED(st)) {
		int sig = 0;

		if (st >> 16 == PTRACE_EVENT_SECCOMP)
			at(a, pid);
		else if (WSTOPSIG(st) != SIGTRAP && WSTOPSIG(st) != SIGSTOP)
			sig = WSTOPSIG(st);
		ptrace(PTRACE_CONT, pid, NULL, (void *)(long)sig);
	}
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	unwind_forget(a->u, pid);
}

/* Capture and describe at once; the hint must name the marked line. */
static void describe_at_stop(struct at_stop *a, pid_t pid)
{
	struct unwind_capture cap;
	struct unwind_backtrace t;
	struct strbuf sb = STRBUF_INIT;

	REQUIRE(unwind_capture_thread(a->u, pid, pid, &cap, NULL) == 0);
	unwind_describe(a->u, &cap, &t);
	unwind_capture_release(&cap);
	CHECK(unwind_hint(&t, "unshare", &sb));
	CHECK_TARGET_HINT(strbuf_str(&sb), "spawn_sandbox",
			  "UNWIND_MARK_SPAWN");
	a->stops++;
	unwind_backtrace_release(&t);
	strbuf_release(&sb);
}

TEST(unwind_files_opened_once_for_many_processes)
{
	struct at_stop a = {.u = unwind_new()};
	struct unwind_stats st;
	int i;

	for (i = 0; i < 4; i++)
		run_one(test_build(TARGET), "main", describe_at_stop, &a);
	unwind_get_stats(a.u, &st);
	CHECK_INT(a.stops, 4);
	CHECK_INT(st.attaches, 4);
	/* libc and unwind_target, whatever the number of processes */
	CHECK_INT(st.files, 2);
	CHECK_INT(st.described, 4);
	unwind_free(a.u);
}

/* Keep the first stop's capture; take the one-step backtrace beside it
 * with a cache of its own. */
static void keep_capture(struct at_stop *a, pid_t pid)
{
	struct unwind *other = unwind_new();

	if (a->stops++)
		return;
	REQUIRE(unwind_capture_thread(a->u, pid, pid, &a->cap, NULL) == 0);
	REQUIRE(unwind_thread(other, pid, pid, &a->now, NULL) == 0);
	unwind_free(other);
}

static void same_frames(const struct unwind_backtrace *x,
			const struct unwind_backtrace *y)
{
	size_t i;

	REQUIRE(x->nframes == y->nframes);
	CHECK(x->truncated == y->truncated);
	for (i = 0; i < x->nframes; i++) {
		const struct unwind_frame *f = &x->frames[i],
					  *g = &y->frames[i];

		CHECK_U64(f->pc, g->pc);
		CHECK_INT(f->origin, g->origin);
		CHECK_U64(f->module_offset, g->module_offset);
		CHECK(!f->module == !g->module);
		if (f->module && g->module)
			CHECK_STR(f->module, g->module);
		CHECK(!f->symbol == !g->symbol);
		if (f->symbol && g->symbol)
			CHECK_STR(f->symbol, g->symbol);
		CHECK_U64(f->symbol_offset, g->symbol_offset);
		CHECK(!f->file == !g->file);
		CHECK_INT(f->line, g->line);
	}
}

TEST(unwind_describe_after_the_process_is_gone)
{
	struct at_stop a = {.u = unwind_new()};
	struct unwind_backtrace later;
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;

	run_one(test_build(TARGET), "main", keep_capture, &a);
	REQUIRE(a.cap.nframes >= 3);
	/* the process ran on and is gone, its cache forgotten */
	unwind_describe(a.u, &a.cap, &later);
	same_frames(&later, &a.now);
	unwind_format(&later, &x);
	unwind_format(&a.now, &y);
	CHECK_STR(strbuf_str(&x), strbuf_str(&y));
	CHECK(unwind_hint(&later, "unshare", &x));
	CHECK(unwind_hint(&a.now, "unshare", &y));
	CHECK_STR(strbuf_str(&x), strbuf_str(&y));
	unwind_backtrace_release(&later);
	unwind_backtrace_release(&a.now);
	unwind_capture_release(&a.cap);
	strbuf_release(&x);
	strbuf_release(&y);
	unwind_free(a.u);
}

static void copy_file(const char *from, const char *to)
{
	char *data;
	size_t len;
	int fd;

	REQUIRE(read_file(from, 64 << 20, &data, &len, NULL) == 0);
	fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	REQUIRE(fd >= 0);
	REQUIRE(write(fd, data, len) == (ssize_t)len);
	close(fd);
	free(data);
}

/*
 * The program's file is replaced at its path between the capture and
 * the description: its frames keep their module and offset, and get no
 * symbol rather than one of the other file's.
 */
TEST(unwind_file_replaced_is_not_taken_for_the_old)
{
	char dir[] = "/tmp/sdbg-files-XXXXXX", path[64], other[64];
	struct at_stop a = {.u = unwind_new()};
	struct unwind_backtrace later;

	REQUIRE(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/target", dir);
	snprintf(other, sizeof(other), "%s/other", dir);
	copy_file(test_build(TARGET), path);
	run_one(path, "main", keep_capture, &a);
	/* another program with symbols of its own at those addresses */
	copy_file(test_build("progs/trace_calls"), other);
	REQUIRE(rename(other, path) == 0);
	unwind_describe(a.u, &a.cap, &later);
	REQUIRE(later.nframes >= 2);
	CHECK_STR(later.frames[0].symbol, "unshare");
	CHECK_STR(later.frames[1].module, "target");
	CHECK(later.frames[1].symbol == NULL);
	CHECK_U64(later.frames[1].module_offset, a.now.frames[1].module_offset);
	unwind_backtrace_release(&later);
	unwind_backtrace_release(&a.now);
	unwind_capture_release(&a.cap);
	unwind_free(a.u);
	unlink(path);
	rmdir(dir);
}
