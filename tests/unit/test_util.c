// SPDX-License-Identifier: Apache-2.0
/*
 * util: string buffers, errors, escaping, files, numbers.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seccompdbg/util.h"
#include "test.h"

TEST(strbuf_grows_and_detaches)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;
	int i;

	CHECK_STR(strbuf_str(&sb), "");
	for (i = 0; i < 1000; i++)
		strbuf_addf(&sb, "%d,", i % 10);
	CHECK_INT(sb.len, 2000);
	CHECK(sb.buf[sb.len] == '\0');
	s = strbuf_detach(&sb);
	CHECK(s[0] == '0' && s[1999] == ',');
	CHECK(sb.buf == NULL && sb.len == 0);
	free(s);
}

TEST(err_prefix_adds_context)
{
	struct err err;

	CHECK_INT(err_set(&err, ENOENT, "missing %s", "x"), -ENOENT);
	err_prefix(&err, "loading %s", "p.json");
	CHECK_STR(err.msg, "loading p.json: missing x");
	CHECK_INT(err_set(NULL, EINVAL, "ignored"), -EINVAL);
}

static char *esc_c(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	escape_c(&sb, s, n);
	return strbuf_detach(&sb);
}

static char *esc_j(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	escape_json(&sb, s, n);
	return strbuf_detach(&sb);
}

TEST(escape_c_like_strace)
{
	char *s;

	s = esc_c("a\"b\\c\n\t\x1b[2J\x7f\xc3\xa9", 14);
	CHECK_STR(s, "a\\\"b\\\\c\\n\\t\\x1b[2J\\x7f\\xc3\\xa9");
	free(s);
	s = esc_c("\0"
		  "1\0x",
		  4);
	CHECK_STR(s, "\\x001\\0x");
	free(s);
}

TEST(escape_json_keeps_utf8_and_replaces_invalid)
{
	char *s;

	s = esc_j("\xc3\xa9\x1b\n\"\xff\xe2\x80\xa8", 9);
	CHECK_STR(s, "\xc3\xa9\\u001b\\n\\\"\xef\xbf\xbd\\u2028");
	free(s);
	/* An overlong encoding of '/' and a lone surrogate are invalid. */
	s = esc_j("\xc0\xaf\xed\xa0\x80", 5);
	CHECK_STR(s, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
		     "\xef\xbf\xbd");
	free(s);
	/* C1 controls (CSI U+009B) are escaped like C0 ones. */
	s = esc_j("\xc2\x9b\xc2\x80\xc2\x9f\xc2\xa0", 8);
	CHECK_STR(s, "\\u009b\\u0080\\u009f\xc2\xa0");
	free(s);
}

TEST(write_file_atomic_replaces_and_keeps_mode)
{
	char dir[] = "/tmp/sdbg-util-XXXXXX";
	char path[64], *data = NULL;
	struct err err;
	struct stat st;
	size_t len = 0;

	REQUIRE(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/f.json", dir);
	CHECK_INT(write_file_atomic(path, "one", 3, &err), 0);
	CHECK_INT(chmod(path, 0600), 0);
	CHECK_INT(write_file_atomic(path, "second", 6, &err), 0);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	CHECK_INT(read_file(path, 1 << 20, &data, &len, &err), 0);
	CHECK_STR(data, "second");
	CHECK_INT(len, 6);
	free(data);
	CHECK_INT(read_file(path, 3, &data, &len, &err), -EFBIG);
	CHECK_INT(read_file(dir, 100, &data, &len, &err), -EISDIR);
	unlink(path);
	CHECK_INT(read_file(path, 100, &data, &len, &err), -ENOENT);
	CHECK_CONTAINS(err.msg, "f.json");
	/* A target in a missing directory fails and leaves nothing. */
	snprintf(path, sizeof(path), "%s/no/f.json", dir);
	CHECK(write_file_atomic(path, "x", 1, &err) < 0);
	rmdir(dir);
}

TEST(parse_u64_bases_and_errors)
{
	uint64_t v;

	CHECK_INT(parse_u64("42", &v), 0);
	CHECK_U64(v, 42);
	CHECK_INT(parse_u64("0x7E020000", &v), 0);
	CHECK_U64(v, 0x7e020000);
	CHECK_INT(parse_u64("0xffffffffffffffff", &v), 0);
	CHECK_U64(v, UINT64_MAX);
	CHECK_INT(parse_u64("18446744073709551616", &v), -ERANGE);
	CHECK_INT(parse_u64("-1", &v), -EINVAL);
	CHECK_INT(parse_u64("12x", &v), -EINVAL);
	CHECK_INT(parse_u64("", &v), -EINVAL);
}

TEST(str_distance_for_suggestions)
{
	CHECK_INT(str_distance("SCMP_ACT_ALOW", "SCMP_ACT_ALLOW"), 1);
	CHECK_INT(str_distance("", "abc"), 3);
	CHECK_INT(str_distance("kitten", "sitting"), 3);
}
