// SPDX-License-Identifier: Apache-2.0
/*
 * Memory of a tracee. process_vm_readv is one call and needs no stop;
 * where it is refused (a kernel without CONFIG_CROSS_MEMORY_ATTACH, or a
 * seccomp filter of our own), /proc/PID/mem does the same through the
 * ptrace access check. Reads are bounded by the caller's buffer; a read
 * that runs into an unmapped page returns what it got before it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "internal.h"

/* The largest step of a string read: never crosses a page. */
#define STR_CHUNK 4096u

static ssize_t proc_mem_io(pid_t tid, uint64_t addr, void *buf, size_t len,
			   bool write)
{
	char path[64];
	ssize_t n;
	int fd;

	if (addr > (uint64_t)INT64_MAX)
		return -EFAULT;
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)tid);
	fd = open(path, (write ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	n = write ? pwrite(fd, buf, len, (off_t)addr)
		  : pread(fd, buf, len, (off_t)addr);
	if (n < 0)
		n = errno == EIO ? -EFAULT : -errno;
	close(fd);
	return n;
}

/* Can /proc/PID/mem do what process_vm_* could not? */
static bool is_vm_refused(int e)
{
	return e == ENOSYS || e == EPERM;
}

ssize_t trace_mem_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = {buf, len};
	struct iovec remote = {(void *)(uintptr_t)addr, len};
	ssize_t n;

	if (!len)
		return 0;
	n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
	if (n >= 0)
		return n;
	if (!is_vm_refused(errno))
		return -errno;
	return proc_mem_io(tid, addr, buf, len, false);
}

ssize_t trace_mem_write(pid_t tid, uint64_t addr, const void *buf, size_t len)
{
	struct iovec local = {(void *)buf, len};
	struct iovec remote = {(void *)(uintptr_t)addr, len};
	ssize_t n;

	n = process_vm_writev(tid, &local, 1, &remote, 1, 0);
	if (n >= 0)
		return n;
	if (!is_vm_refused(errno))
		return -errno;
	return proc_mem_io(tid, addr, (void *)buf, len, true);
}

int trace_mem_read_str(pid_t tid, uint64_t addr, size_t max, struct strbuf *out,
		       bool *truncated)
{
	char chunk[STR_CHUNK];
	size_t got = 0;

	*truncated = false;
	while (got < max) {
		/* Up to the end of the page: the next may be unmapped. */
		size_t want = STR_CHUNK - (size_t)((addr + got) % STR_CHUNK);
		ssize_t n;
		char *nul;

		if (want > max - got)
			want = max - got;
		n = trace_mem_read(tid, addr + got, chunk, want);
		if (n < 0)
			return (int)n;
		if (n == 0)
			return -EFAULT;
		nul = memchr(chunk, '\0', (size_t)n);
		if (nul) {
			strbuf_add(out, chunk, (size_t)(nul - chunk));
			return 0;
		}
		strbuf_add(out, chunk, (size_t)n);
		got += (size_t)n;
	}
	*truncated = true;
	return 0;
}
