// m32
// SPDX-License-Identifier: Apache-2.0
/*
 * The program whose refused calls the unwind tests and bench/unwind take
 * backtraces of. Each refused call is unshare(0) (a no-op when it runs)
 * made from a known function at a line marked "UNWIND_MARK_<NAME>"; the
 * tests find that line in this file and expect the hint to name it.
 *
 *   unwind_target main         main -> spawn_sandbox -> unshare
 *   unwind_target thread       the same from a second thread
 *   unwind_target exec         spawn_sandbox, then exec itself as
 *                              "after-exec": relaunch -> unshare
 *   unwind_target loop N       spawn_sandbox N times (bench/unwind)
 *   unwind_target mapped       spawn_sandbox, then map its own file a
 *                              second time and call raw_unshare there
 *                              (x86_64 only): a frame in a mapping that
 *                              did not exist at the first stop
 */
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

__attribute__((noinline)) static int spawn_sandbox(void)
{
	int r = unshare(0); /* UNWIND_MARK_SPAWN */

	if (r != 0)
		perror("unshare");
	return r;
}

__attribute__((noinline)) static int relaunch(void)
{
	int r = unshare(0); /* UNWIND_MARK_RELAUNCH */

	if (r != 0)
		perror("unshare");
	return r;
}

static void *thread_main(void *arg)
{
	(void)arg;
	spawn_sandbox();
	return NULL;
}

static int run_thread(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, thread_main, NULL) != 0)
		return 1;
	return pthread_join(t, NULL) != 0;
}

#ifdef __x86_64__
/*
 * The system call without libc: position-independent code that touches
 * nothing but registers, so it also runs from a second, unrelocated
 * mapping of this file.
 */
__attribute__((noinline)) static long raw_unshare(long flags)
{
	long ret;

	__asm__ volatile("syscall" /* UNWIND_MARK_RAW */
			 : "=a"(ret)
			 : "0"(272L), "D"(flags)
			 : "rcx", "r11", "memory");
	return ret;
}

static int find_main_object(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	*(struct dl_phdr_info *)arg = *info;
	return 1; /* the first object is the program itself */
}

/* The file offset of the code at ADDR in this program, or -1. */
static long file_offset_of(const void *addr)
{
	struct dl_phdr_info info;
	uintptr_t vaddr;
	int i;

	dl_iterate_phdr(find_main_object, &info);
	vaddr = (uintptr_t)addr - info.dlpi_addr;
	for (i = 0; i < info.dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info.dlpi_phdr[i];

		if (ph->p_type == PT_LOAD && vaddr >= ph->p_vaddr &&
		    vaddr < ph->p_vaddr + ph->p_filesz)
			return (long)(vaddr - ph->p_vaddr + ph->p_offset);
	}
	return -1;
}

static int run_mapped(void)
{
	long (*fn)(long);
	struct stat st;
	long off = file_offset_of((const void *)raw_unshare);
	char *map;
	int fd;

	spawn_sandbox();
	fd = open("/proc/self/exe", O_RDONLY);
	if (fd < 0 || fstat(fd, &st) != 0 || off < 0)
		return 1;
	map = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_EXEC,
		   MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return 1;
	fn = (long (*)(long))(void *)(map + off);
	return fn(0) != 0;
}
#else
static int run_mapped(void)
{
	fprintf(stderr, "mapped: x86_64 only\n");
	return 2;
}
#endif

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "main";

	if (!strcmp(mode, "main"))
		return spawn_sandbox() != 0;
	if (!strcmp(mode, "thread"))
		return run_thread();
	if (!strcmp(mode, "exec")) {
		spawn_sandbox();
		execl("/proc/self/exe", argv[0], "after-exec", (char *)NULL);
		perror("exec");
		return 1;
	}
	if (!strcmp(mode, "after-exec"))
		return relaunch() != 0;
	if (!strcmp(mode, "loop") && argc > 2) {
		long i, n = strtol(argv[2], NULL, 10);

		for (i = 0; i < n; i++)
			spawn_sandbox();
		return 0;
	}
	if (!strcmp(mode, "mapped"))
		return run_mapped();
	fprintf(stderr, "usage: %s main|thread|exec|loop N|mapped\n", argv[0]);
	return 2;
}
