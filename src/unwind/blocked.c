// SPDX-License-Identifier: Apache-2.0
/*
 * Backtraces without ptrace, for NOTIFY mode: a thread that waits for the
 * supervisor's answer is blocked inside its system call, and the kernel
 * tells anyone allowed to ptrace it (our program's own children are) its
 * stack and instruction pointers in /proc/TID/syscall. From those two
 * registers and its memory (process_vm_readv) libdw can walk the frames
 * whose CFI needs nothing else: libc's wrappers, code built without frame
 * pointers. A frame whose CFI needs another register (the frame pointer,
 * usually) ends the walk; by then the caller of libc, the frame the hint
 * wants, is mostly found. Best effort, and advisory like NOTIFY itself:
 * other threads may change the memory while we read it.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "internal.h"

#define PAGE 4096

/* DWARF numbers of the stack pointer (the System V psABIs). */
#define DWARF_RSP 7
#define DWARF_ESP 4

/* The thread being walked, and one cached page of its memory. */
struct blocked {
	pid_t tid;
	uint64_t pc, sp;
	bool is_32bit;
	uint64_t page_addr; /* of buf; 1 when empty (never page-aligned) */
	unsigned char buf[PAGE];
};

static bool page_read(struct blocked *b, uint64_t addr)
{
	uint64_t page = addr & ~(uint64_t)(PAGE - 1);
	struct iovec local = {b->buf, PAGE};
	struct iovec remote = {(void *)(uintptr_t)page, PAGE};

	if (process_vm_readv(b->tid, &local, 1, &remote, 1, 0) != PAGE) {
		b->page_addr = 1;
		return false;
	}
	b->page_addr = page;
	return true;
}

/* A word of the thread's memory (4 bytes for a 32-bit process). */
static bool blocked_memory_read(Dwfl *dwfl, Dwarf_Addr addr, Dwarf_Word *result,
				void *arg)
{
	struct blocked *b = arg;
	size_t len = b->is_32bit ? 4 : 8, off = addr & (PAGE - 1);
	uint32_t w32;
	uint64_t w64;

	(void)dwfl;
	if (off + len > PAGE) /* across pages: never for aligned slots */
		return false;
	if (b->page_addr != addr - off && !page_read(b, addr))
		return false;
	if (b->is_32bit) {
		memcpy(&w32, b->buf + off, 4);
		*result = w32;
	} else {
		memcpy(&w64, b->buf + off, 8);
		*result = w64;
	}
	return true;
}

static pid_t blocked_next_thread(Dwfl *dwfl, void *arg, void **thread_argp)
{
	(void)dwfl, (void)arg, (void)thread_argp;
	return 0; /* only dwfl_getthread_frames on a known TID is used */
}

static bool blocked_getthread(Dwfl *dwfl, pid_t tid, void *arg,
			      void **thread_argp)
{
	(void)dwfl, (void)tid;
	*thread_argp = arg;
	return true;
}

static bool blocked_set_initial_registers(Dwfl_Thread *thread, void *arg)
{
	struct blocked *b = arg;
	Dwarf_Word sp = b->sp;

	dwfl_thread_state_register_pc(thread, b->pc);
	return dwfl_thread_state_registers(
		thread, b->is_32bit ? DWARF_ESP : DWARF_RSP, 1, &sp);
}

static void blocked_detach(Dwfl *dwfl, void *arg)
{
	(void)dwfl;
	free(arg);
}

static const Dwfl_Thread_Callbacks blocked_callbacks = {
	.next_thread = blocked_next_thread,
	.get_thread = blocked_getthread,
	.memory_read = blocked_memory_read,
	.set_initial_registers = blocked_set_initial_registers,
	.detach = blocked_detach,
};

/* ELFCLASS32 or ELFCLASS64 of the process's executable, or -errno. */
static int exe_class(pid_t pid)
{
	unsigned char ident[EI_NIDENT];
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	n = pread(fd, ident, sizeof(ident), 0);
	close(fd);
	if (n != sizeof(ident) || memcmp(ident, ELFMAG, SELFMAG) != 0)
		return -ENOEXEC;
	return ident[EI_CLASS];
}

int unwind_blocked_attach(struct unwind_proc *p, struct err *err)
{
	struct blocked *b;
	int class = exe_class(p->pid);

	if (class == -ESRCH)
		return -ESRCH;
	if (class != ELFCLASS32 && class != ELFCLASS64)
		return err_set(err, EIO,
			       "/proc/%d/exe: not a 32- or 64-bit ELF program",
			       (int)p->pid);
	b = xcalloc(1, sizeof(*b));
	b->is_32bit = class == ELFCLASS32;
	b->page_addr = 1;
	if (!dwfl_attach_state(p->dwfl, NULL, p->pid, &blocked_callbacks, b)) {
		free(b);
		return err_set(err, EIO, "libdw cannot attach to %d: %s",
			       (int)p->pid, unwind_dwfl_error());
	}
	p->blocked = b;
	return 0;
}

/*
 * The stack and instruction pointers of TID from /proc/.../syscall:
 * "NR ARG1..ARG6 SP PC" while it is in a system call, "running" when
 * it is not blocked at all.
 */
static int read_syscall_regs(pid_t pid, pid_t tid, uint64_t *sp, uint64_t *pc,
			     struct err *err)
{
	char path[64], *text, *tok[9], *save = NULL, *t;
	size_t len, n = 0;
	int rc;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", (int)pid,
		 (int)tid);
	rc = read_file(path, 4096, &text, &len, NULL);
	if (rc == -ENOENT || rc == -ESRCH)
		return -ESRCH;
	if (rc < 0)
		return err_set(err, EIO, "reading %s: %s", path, strerror(-rc));
	for (t = strtok_r(text, " \n", &save); t && n < ARRAY_SIZE(tok);
	     t = strtok_r(NULL, " \n", &save))
		tok[n++] = t;
	if (n < 3 || parse_u64(tok[n - 2], sp) || parse_u64(tok[n - 1], pc))
		rc = err_set(err, EAGAIN,
			     "thread %d is not blocked in a system call",
			     (int)tid);
	free(text);
	return rc;
}

int unwind_blocked_prepare(struct unwind_proc *p, pid_t tid, struct err *err)
{
	struct blocked *b = p->blocked;

	b->tid = tid;
	b->page_addr = 1;
	return read_syscall_regs(p->pid, tid, &b->sp, &b->pc, err);
}
