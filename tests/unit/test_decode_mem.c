// SPDX-License-Identifier: Apache-2.0
/*
 * decode: reading the traced program's memory safely. Strings are bounded
 * and escaped, unreadable memory shows as an address, short reads are
 * retried, and one call never reads more than DECODE_READ_MAX bytes.
 */
#include <stdio.h>

#include "test_decode.h"

#define CWD ((uint64_t)(int64_t)-100)

static const char *open_text(struct fake_mem *m, uint64_t path)
{
	return DEC64(m, SYS_openat, CWD, path, 0);
}

TEST(decode_mem_null_and_unreadable)
{
	struct fake_mem m = {0};

	fake_str(&m, "x");
	CHECK_STR(open_text(&m, 0), "openat(AT_FDCWD, NULL, O_RDONLY)");
	CHECK_STR(open_text(&m, 0x7ffd1234),
		  "openat(AT_FDCWD, 0x7ffd1234, O_RDONLY)");
	/* Without a reader, every pointer is an address. */
	CHECK_STR(open_text(NULL, FAKE_BASE),
		  "openat(AT_FDCWD, 0x10000, O_RDONLY)");
}

TEST(decode_mem_long_strings_are_cut)
{
	struct fake_mem m = {0};
	char s[301], want[400];
	uint64_t p300, p256;

	memset(s, 'a', 300);
	s[300] = '\0';
	p300 = fake_str(&m, s);
	s[DECODE_STR_MAX] = '\0';
	p256 = fake_str(&m, s);
	snprintf(want, sizeof(want), "openat(AT_FDCWD, \"%s\"..., O_RDONLY)",
		 s);
	CHECK_STR(open_text(&m, p300), want);
	snprintf(want, sizeof(want), "openat(AT_FDCWD, \"%s\", O_RDONLY)", s);
	CHECK_STR(open_text(&m, p256), want);
}

TEST(decode_mem_escapes_what_the_program_controls)
{
	struct fake_mem m = {0};
	uint64_t esc = fake_str(&m, "/tmp/\x1b[2J\n\t\"q\"\\");
	uint64_t bin = fake_str(&m, "\xff\xfe/caf\xc3\xa9\x7f\x01");

	CHECK_STR(
		open_text(&m, esc),
		"openat(AT_FDCWD, \"/tmp/\\x1b[2J\\n\\t\\\"q\\\"\\\\\", O_RDONLY)");
	CHECK_STR(
		open_text(&m, bin),
		"openat(AT_FDCWD, \"\\xff\\xfe/caf\\xc3\\xa9\\x7f\\x01\", O_RDONLY)");
}

TEST(decode_mem_string_into_unmapped_memory)
{
	struct fake_mem m = {0};
	uint64_t p = FAKE_BASE;

	/* "abc" with no NUL before the end of the readable region. */
	memcpy(m.bytes, "abc", 3);
	m.used = 3;
	CHECK_STR(open_text(&m, p), "openat(AT_FDCWD, 0x10000, O_RDONLY)");
	/* A string that ends exactly at the region's end is fine. */
	m.bytes[3] = '\0';
	m.used = 4;
	CHECK_STR(open_text(&m, p), "openat(AT_FDCWD, \"abc\", O_RDONLY)");
}

TEST(decode_mem_short_reads_are_retried)
{
	struct fake_mem m = {0};
	uint64_t p = fake_str(&m, "/a/rather/long/path/name");
	uint32_t hdr[2] = {0x20080522, 77};
	uint64_t h = fake_put(&m, hdr, sizeof(hdr));

	m.chunk = 3;
	CHECK_STR(open_text(&m, p),
		  "openat(AT_FDCWD, \"/a/rather/long/path/name\", O_RDONLY)");
	CHECK_STR(
		DEC64(&m, SYS_capget, h, 0),
		"capget({version=_LINUX_CAPABILITY_VERSION_3, pid=77}, NULL)");
	CHECK(m.reads > 10);
}

TEST(decode_mem_buffers)
{
	struct fake_mem m = {0};
	char data[1000], want[600];
	uint64_t p;

	memset(data, 'z', sizeof(data));
	data[1] = '\0';
	data[2] = '7';
	p = fake_put(&m, data, sizeof(data));
	/* NULs inside a buffer are bytes like any other. */
	CHECK_STR(DEC64(&m, SYS_write, 1, p, 3), "write(1, \"z\\x007\", 3)");
	snprintf(want, sizeof(want), "write(1, \"z\\x007%.*s\"..., 1000)",
		 DECODE_STR_MAX - 3, data + 3);
	CHECK_STR(DEC64(&m, SYS_write, 1, p, 1000), want);
	CHECK_STR(DEC64(&m, SYS_write, 1, 0x5000, 3), "write(1, 0x5000, 3)");
	CHECK_STR(DEC64(&m, SYS_write, 1, 0, 3), "write(1, NULL, 3)");
}

TEST(decode_mem_budget_bounds_one_call)
{
	struct fake_mem m = {0};
	char arg[201];
	uint64_t argv[41], p_argv;
	const char *text;
	size_t k;

	memset(arg, 'b', 200);
	arg[200] = '\0';
	for (k = 0; k < 40; k++)
		argv[k] = fake_str(&m, arg);
	argv[40] = 0;
	p_argv = fake_put(&m, argv, sizeof(argv));
	text = DEC64(&m, SYS_execve, argv[0], p_argv, p_argv);
	CHECK(m.given <= DECODE_READ_MAX);
	/* Strings past the budget show as addresses; the list is cut. */
	CHECK_CONTAINS(text, ", 0x1");
	CHECK_CONTAINS(text, ", ...]");
	CHECK(strlen(text) < 6000);
}

TEST(decode_mem_argv_and_envp_limits)
{
	struct fake_mem m = {0};
	uint64_t argv[40], p;
	const char *text;
	size_t k;

	argv[0] = fake_str(&m, "x");
	for (k = 1; k < 39; k++)
		argv[k] = argv[0];
	argv[39] = 0;
	p = fake_put(&m, argv, sizeof(argv));
	text = DEC64(&m, SYS_execve, argv[0], p, p);
	CHECK_CONTAINS(text, "\"x\", \"x\", ...], ");
	CHECK_CONTAINS(text, "/* 39 vars */");
	/* An array unreadable from the start, or running into unmapped
	 * memory after its first element. */
	text = DEC64(&m, SYS_execve, argv[0], FAKE_BASE + m.used - 4, 0);
	CHECK_STR(text, "execve(\"x\", 0x10144, NULL)");
	p = fake_put(&m, &argv[0], 8);
	text = DEC64(&m, SYS_execve, argv[0], p, 0);
	CHECK_STR(text, "execve(\"x\", [\"x\", ...], NULL)");
	/* The terminating NULL of the first array: an empty list. */
	CHECK_STR(DEC64(&m, SYS_execve, argv[0], FAKE_BASE + 8 + 39 * 8, 0),
		  "execve(\"x\", [], NULL)");
}
