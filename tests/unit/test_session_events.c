// SPDX-License-Identifier: Apache-2.0
/*
 * The session's pure formatting: a denial as a JSON event, the summary
 * table, the batch report line, and the hot path's hash map.
 */
#include <errno.h>
#include <linux/audit.h>

#include "test.h"
#include "../../src/session/internal.h"
#include "seccompdbg/batch.h"

static struct session_denial sample(void)
{
	struct session_denial d = {
		.id = 3,
		.time = 12.5,
		.pid = 100,
		.tid = 101,
		.ppid = 99,
		.comm = "\\x1b[31mevil",
		.exe = "/bin/e\\\"vil",
		.arch = AUDIT_ARCH_X86_64,
		.arch_name = "x86_64",
		.nr = 272,
		.name = "unshare",
		.args = {0x10000000, 0, 0, 0, 0, ~0ULL},
		.ip = 0x7f0000001234,
		.sp = 0x7ffd00000000,
		.rule_id = 0,
		.rule_path = "defaultAction",
		.verdict = {PROFILE_ACT_ERRNO, 1},
		.decoded = "unshare(CLONE_NEWUSER)",
		.backtrace =
			"#0 unshare+11 libc.so.6\n#1 main+4 (m.c:3) demo\n",
		.hint = "m.c:3 in main (called unshare via libc unshare+11)",
		.state = SESSION_PENDING,
	};
	return d;
}

TEST(session_json_denial_fields)
{
	struct session_denial d = sample();
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	session_json_denial(&d, &sb);
	s = strbuf_str(&sb);
	CHECK(str_has_prefix(
		s,
		"{\"time\":12.500000,\"event\":\"denial\",\"id\":3,\"pid\":100,\"tid\":101,"));
	CHECK_CONTAINS(
		s,
		"\"arch\":\"x86_64\",\"syscall\":\"unshare\",\"nr\":272,\"args\":[\"0x10000000\",\"0\",\"0\",\"0\",\"0\",\"0xffffffffffffffff\"]");
	/* already C-escaped text, JSON-quoted once more */
	CHECK_CONTAINS(s, "\"comm\":\"\\\\x1b[31mevil\"");
	CHECK_CONTAINS(s, "\"exe\":\"/bin/e\\\\\\\"vil\"");
	CHECK_CONTAINS(s, "\"ppid\":99");
	CHECK_CONTAINS(s, "\"ip\":\"0x7f0000001234\"");
	CHECK_CONTAINS(
		s,
		"\"rule\":{\"path\":\"defaultAction\",\"id\":0,\"action\":\"SCMP_ACT_ERRNO\",\"verdict\":\"SCMP_ACT_ERRNO(EPERM)\",\"errno\":1,\"comment\":null}");
	CHECK_CONTAINS(
		s,
		"\"backtrace\":[\"#0 unshare+11 libc.so.6\",\"#1 main+4 (m.c:3) demo\"]");
	CHECK_CONTAINS(s, "\"why\":null,\"racy\":false,\"degraded\":null}");
	CHECK(!strchr(s, '\n'));
	strbuf_release(&sb);
	/* NOTIFY mode says what it could not give */
	d.racy = true;
	d.degraded = "no ptrace: only the call site";
	session_json_denial(&d, &sb);
	CHECK_CONTAINS(
		strbuf_str(&sb),
		"\"racy\":true,\"degraded\":\"no ptrace: only the call site\"}");
	strbuf_release(&sb);
}

TEST(session_json_denial_nulls)
{
	struct session_denial d = sample();
	struct strbuf sb = STRBUF_INIT;

	d.backtrace = d.hint = NULL;
	d.verdict = (struct profile_verdict){PROFILE_ACT_KILL_PROCESS, 0};
	session_json_denial(&d, &sb);
	CHECK_CONTAINS(strbuf_str(&sb), "\"hint\":null,\"backtrace\":null");
	CHECK_CONTAINS(strbuf_str(&sb), "\"errno\":null");
	strbuf_release(&sb);
}

TEST(session_summary_groups)
{
	struct session_denial a = sample(), b = sample(), c = sample();
	const struct session_denial *ds[3] = {&a, &b, &c};
	struct strbuf sb = STRBUF_INIT;

	a.state = SESSION_DENIED;
	a.errno_used = 1;
	a.repeats = 4;
	b.state = SESSION_ALLOWED_ONCE;
	c.name = "mkdir";
	c.state = SESSION_ALLOWED_ALWAYS;
	c.repeats = 10;
	session_summary_table(ds, 3, &sb);
	CHECK_STR(
		strbuf_str(&sb),
		"  system call          arch      calls  decisions\n"
		"  unshare              x86_64        6  allowed once 1, denied as the profile would 1 (EPERM)\n"
		"  mkdir                x86_64       11  allowed always 1\n");
	strbuf_reset(&sb);
	session_summary_table(ds, 0, &sb);
	CHECK_STR(strbuf_str(&sb), "");
	strbuf_release(&sb);
}

TEST(session_state_keys)
{
	CHECK_STR(session_state_key(SESSION_ALLOWED_ALWAYS), "allow_always");
	CHECK_STR(session_state_key(SESSION_DENIED_ERRNO), "deny_errno");
	CHECK_STR(session_state_key(SESSION_GONE), "gone");
	CHECK_STR(session_state_key((enum session_state)99), "?");
}

TEST(batch_format_line)
{
	struct session_denial d = sample();
	struct strbuf sb = STRBUF_INIT;

	d.state = SESSION_DENIED;
	d.errno_used = 1;
	batch_format(&d, &sb);
	CHECK_STR(
		strbuf_str(&sb),
		"#3 \\x1b[31mevil[101] unshare(CLONE_NEWUSER): refused by defaultAction SCMP_ACT_ERRNO(EPERM); denied, EPERM; hint: m.c:3 in main (called unshare via libc unshare+11)");
	strbuf_reset(&sb);
	d.state = SESSION_ALLOWED_ALWAYS;
	d.hint = NULL;
	batch_format(&d, &sb);
	CHECK(str_has_prefix(strbuf_str(&sb), "#3 "));
	CHECK_CONTAINS(strbuf_str(&sb), "; allowed always");
	strbuf_release(&sb);
}

TEST(batch_policy_names)
{
	enum batch_policy p;

	CHECK(batch_policy_lookup("allow", &p) == 0 && p == BATCH_ALLOW);
	CHECK(batch_policy_lookup("deny", &p) == 0 && p == BATCH_DENY);
	CHECK_INT(batch_policy_lookup("Deny", &p), -EINVAL);
}

TEST(session_key_args_differ)
{
	uint64_t a[6] = {1, 2, 3, 4, 5, 6}, b[6] = {1, 2, 3, 4, 5, 7};

	CHECK(session_key_args(AUDIT_ARCH_X86_64, 1, a) !=
	      session_key_args(AUDIT_ARCH_X86_64, 1, b));
	CHECK(session_key_args(AUDIT_ARCH_X86_64, 1, a) !=
	      session_key_args(AUDIT_ARCH_I386, 1, a));
}
