// m32
// SPDX-License-Identifier: Apache-2.0
/*
 * trace_calls: makes the system calls named on its command line, in
 * order, and prints one line for each with what it returned, so a test
 * can compare a traced run with a native one:
 *
 *   getppid getuid getgid       syscall(SYS_x)
 *   dup:N                       syscall(SYS_dup, N)
 *   open:PATH                   openat(AT_FDCWD, PATH, O_RDONLY)
 *   longpath:N                  openat of a path of N 'a's
 *   int80:getppid int80:dup:N   the i386 call through int $0x80, from
 *                               either build (raw return value)
 *
 * Built 64-bit and 32-bit (the first line asks the Makefile for -m32).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* i386 numbers, whatever this build is. */
#define I386_DUP 41
#define I386_GETPPID 64

static long int80(long nr, long a)
{
	long ret;

#if defined(__i386__)
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a) : "memory");
#else
	/* From 64-bit code the kernel zeroes r8-r11 on the way back. */
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a)
			 : "memory", "r8", "r9", "r10", "r11");
#endif
	return ret;
}

static void report(const char *op, long ret)
{
	if (ret == -1)
		printf("%s -> -1 errno %d\n", op, errno);
	else
		printf("%s -> %ld\n", op, ret);
}

static long long_path(long n)
{
	char *p = malloc((size_t)n + 1);
	long ret;

	memset(p, 'a', (size_t)n);
	p[n] = '\0';
	ret = syscall(SYS_openat, AT_FDCWD, p, O_RDONLY);
	free(p);
	return ret;
}

static void run(const char *op)
{
	errno = 0;
	if (!strcmp(op, "getppid"))
		report(op, syscall(SYS_getppid));
	else if (!strcmp(op, "getuid"))
		report(op, syscall(SYS_getuid));
	else if (!strcmp(op, "getgid"))
		report(op, syscall(SYS_getgid));
	else if (!strncmp(op, "dup:", 4))
		report(op, syscall(SYS_dup, atol(op + 4)));
	else if (!strncmp(op, "open:", 5))
		report(op, syscall(SYS_openat, AT_FDCWD, op + 5, O_RDONLY));
	else if (!strncmp(op, "longpath:", 9))
		report("longpath", long_path(atol(op + 9)));
	else if (!strcmp(op, "int80:getppid"))
		printf("%s -> %ld\n", op, int80(I386_GETPPID, 0));
	else if (!strncmp(op, "int80:dup:", 10))
		printf("%s -> %ld\n", op, int80(I386_DUP, atol(op + 10)));
	else
		printf("%s: unknown operation\n", op);
}

int main(int argc, char **argv)
{
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++)
		run(argv[i]);
	return 0;
}
