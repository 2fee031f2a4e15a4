// SPDX-License-Identifier: Apache-2.0
/*
 * profile: the name tables against the system's own: operators against
 * libseccomp's SCMP_CMP_*, errno names against glibc's strerrorname_np,
 * containers/common's 82 errno names, capabilities against
 * <linux/capability.h>, flags against <linux/seccomp.h>.
 */
#include <errno.h>
#include <linux/capability.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <string.h>

#include "../../src/profile/internal.h"
#include "test_profile.h"

TEST(profile_names_operators_are_libseccomps)
{
	CHECK_INT(PROFILE_OP_NE, SCMP_CMP_NE);
	CHECK_INT(PROFILE_OP_LT, SCMP_CMP_LT);
	CHECK_INT(PROFILE_OP_LE, SCMP_CMP_LE);
	CHECK_INT(PROFILE_OP_EQ, SCMP_CMP_EQ);
	CHECK_INT(PROFILE_OP_GE, SCMP_CMP_GE);
	CHECK_INT(PROFILE_OP_GT, SCMP_CMP_GT);
	CHECK_INT(PROFILE_OP_MASKED_EQ, SCMP_CMP_MASKED_EQ);
	CHECK_STR(profile_op_name(PROFILE_OP_MASKED_EQ), "SCMP_CMP_MASKED_EQ");
	CHECK_INT(profile_op_lookup("SCMP_CMP_GE"), PROFILE_OP_GE);
	CHECK_INT(profile_op_lookup("SCMP_CMP_ge"), 0);
}

TEST(profile_names_actions_round_trip)
{
	size_t n, i;
	const char *const *names = profile_action_names(&n);
	struct profile_verdict v = {PROFILE_ACT_ERRNO, 38};
	struct strbuf sb = STRBUF_INIT;

	CHECK_INT(n, 9); /* the OCI schema's nine */
	for (i = 0; i < n; i++)
		CHECK_STR(profile_action_name(profile_action_lookup(names[i])),
			  names[i]);
	CHECK_INT(profile_action_lookup(""), PROFILE_ACT_NONE);
	CHECK_INT(profile_action_lookup("SCMP_ACT_allow"), PROFILE_ACT_NONE);
	profile_verdict_format(&v, &sb);
	CHECK_STR(strbuf_str(&sb), "SCMP_ACT_ERRNO(ENOSYS)");
	strbuf_reset(&sb);
	v = (struct profile_verdict){PROFILE_ACT_ERRNO, 12345};
	profile_verdict_format(&v, &sb);
	CHECK_STR(strbuf_str(&sb), "SCMP_ACT_ERRNO(12345)");
	strbuf_reset(&sb);
	v = (struct profile_verdict){PROFILE_ACT_TRACE, 7};
	profile_verdict_format(&v, &sb);
	CHECK_STR(strbuf_str(&sb), "SCMP_ACT_TRACE(7)");
	strbuf_reset(&sb);
	v = (struct profile_verdict){PROFILE_ACT_KILL_PROCESS, 0};
	profile_verdict_format(&v, &sb);
	CHECK_STR(strbuf_str(&sb), "SCMP_ACT_KILL_PROCESS");
	strbuf_release(&sb);
	CHECK(profile_action_is_allow(PROFILE_ACT_LOG));
	CHECK(!profile_action_is_allow(PROFILE_ACT_TRACE));
}

TEST(profile_names_verdicts_compare_like_libseccomp)
{
	struct profile_verdict kill = {PROFILE_ACT_KILL, 0};
	struct profile_verdict thread = {PROFILE_ACT_KILL_THREAD, 0};
	struct profile_verdict e1 = {PROFILE_ACT_ERRNO, 1};
	struct profile_verdict e65537 = {PROFILE_ACT_ERRNO, 65537};
	struct profile_verdict e38 = {PROFILE_ACT_ERRNO, 38};

	CHECK(profile_verdict_equal(&kill, &thread));
	CHECK(profile_verdict_equal(&e1, &e65537));
	CHECK(!profile_verdict_equal(&e1, &e38));
}

TEST(profile_names_errnos_are_glibcs)
{
	uint32_t e, v;

	/* each number's first name is the canonical one glibc gives */
	for (e = 1; e < 134; e++) {
		const char *name = profile_errno_name(e);
		const char *glibc = strerrorname_np((int)e);

		if (!glibc) {
			CHECK(name == NULL);
			continue;
		}
		CHECK_STR(name, glibc);
		REQUIRE(profile_errno_lookup(glibc, &v) == 0);
		CHECK_INT(v, e);
	}
	CHECK(profile_errno_name(0) == NULL);
	CHECK(profile_errno_lookup("EWOULDBLOCK", &v) == 0 && v == EAGAIN);
	CHECK(profile_errno_lookup("ENOTSUP", &v) == 0 && v == EOPNOTSUPP);
	CHECK_INT(profile_errno_lookup("EFOO", &v), -ENOENT);
}

TEST(profile_names_containers_errno_table)
{
	/* containers/common pkg/seccomp/errno_list.go */
	static const char *const names[] = {
		"EPERM",	   "ENOENT",
		"ESRCH",	   "EIO",
		"ENXIO",	   "E2BIG",
		"ENOEXEC",	   "EBADF",
		"ECHILD",	   "EDEADLK",
		"ENOMEM",	   "EACCES",
		"EFAULT",	   "ENOTBLK",
		"EBUSY",	   "EEXIST",
		"EXDEV",	   "ENODEV",
		"ENOTDIR",	   "EISDIR",
		"EINVAL",	   "ENFILE",
		"EMFILE",	   "ENOTTY",
		"ETXTBSY",	   "EFBIG",
		"ENOSPC",	   "ESPIPE",
		"EROFS",	   "EMLINK",
		"EPIPE",	   "EDOM",
		"ERANGE",	   "EAGAIN",
		"EINPROGRESS",	   "EALREADY",
		"ENOTSOCK",	   "EDESTADDRREQ",
		"EMSGSIZE",	   "EPROTOTYPE",
		"ENOPROTOOPT",	   "EPROTONOSUPPORT",
		"ESOCKTNOSUPPORT", "EOPNOTSUPP",
		"EPFNOSUPPORT",	   "EAFNOSUPPORT",
		"EADDRINUSE",	   "EADDRNOTAVAIL",
		"ENETDOWN",	   "ENETUNREACH",
		"ENETRESET",	   "ECONNABORTED",
		"ECONNRESET",	   "ENOBUFS",
		"EISCONN",	   "ENOTCONN",
		"ESHUTDOWN",	   "ETOOMANYREFS",
		"ETIMEDOUT",	   "ECONNREFUSED",
		"ELOOP",	   "ENAMETOOLONG",
		"EHOSTDOWN",	   "EHOSTUNREACH",
		"ENOTEMPTY",	   "EUSERS",
		"EDQUOT",	   "ESTALE",
		"EREMOTE",	   "ENOLCK",
		"ENOSYS",	   "EILSEQ",
		"ENOMEDIUM",	   "EMEDIUMTYPE",
		"EOVERFLOW",	   "ECANCELED",
		"EIDRM",	   "ENOMSG",
		"ENOTSUP",	   "EBADMSG",
		"ENOTRECOVERABLE", "EOWNERDEAD",
	};
	size_t n, i;
	const char *const *table = profile_containers_errno_names(&n);

	CHECK_INT(ARRAY_SIZE(names), 82);
	CHECK_INT(n, 82);
	for (i = 0; i < ARRAY_SIZE(names); i++)
		CHECK(profile_errno_is_containers(names[i]));
	for (i = 0; i < n; i++) {
		size_t j;

		for (j = 0; j < ARRAY_SIZE(names); j++)
			if (!strcmp(names[j], table[i]))
				break;
		CHECK(j < ARRAY_SIZE(names));
	}
	CHECK(!profile_errno_is_containers("EINTR"));
}

TEST(profile_names_capabilities_are_the_kernels)
{
	size_t n, i;
	const char *const *caps = profile_cap_names(&n);

	CHECK_INT(n, CAP_LAST_CAP + 1);
	for (i = 0; i < n; i++)
		CHECK(caps[i] && str_has_prefix(caps[i], "CAP_"));
	CHECK_STR(caps[CAP_SYS_ADMIN], "CAP_SYS_ADMIN");
	CHECK_STR(caps[CAP_SETFCAP], "CAP_SETFCAP");
	CHECK_STR(caps[CAP_AUDIT_READ], "CAP_AUDIT_READ");
}

TEST(profile_names_flags_exist_in_the_kernel)
{
	size_t n;
	const char *const *flags = profile_flag_names(&n);

	/* runtime-spec's SeccompFlag enum, all defined by linux/seccomp.h */
	REQUIRE(n == 4);
	CHECK_STR(flags[0], "SECCOMP_FILTER_FLAG_TSYNC");
	CHECK_STR(flags[1], "SECCOMP_FILTER_FLAG_LOG");
	CHECK_STR(flags[2], "SECCOMP_FILTER_FLAG_SPEC_ALLOW");
	CHECK_STR(flags[3], "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV");
	CHECK(SECCOMP_FILTER_FLAG_TSYNC && SECCOMP_FILTER_FLAG_LOG &&
	      SECCOMP_FILTER_FLAG_SPEC_ALLOW &&
	      SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV);
}

TEST(profile_names_suggestions)
{
	static const char *const words[] = {"SCMP_ACT_ALLOW", "SCMP_ACT_LOG",
					    "SCMP_ACT_KILL"};

	CHECK_STR(profile_suggest("SCMP_ACT_ALOW", words, 3), "SCMP_ACT_ALLOW");
	CHECK_STR(profile_suggest("scmp_act_log", words, 3), "SCMP_ACT_LOG");
	CHECK(profile_suggest("SOMETHING_ELSE", words, 3) == NULL);
	CHECK_STR(profile_suggest_syscall("opne"), "open");
	CHECK_STR(profile_suggest_syscall("ptrac"), "ptrace");
	CHECK(profile_suggest_syscall("xyzzy_plugh") == NULL);
}

TEST(profile_names_formats)
{
	enum profile_format f;

	CHECK_STR(profile_format_name(PROFILE_FORMAT_CONTAINERS), "containers");
	CHECK(profile_format_lookup("podman", &f) == 0 &&
	      f == PROFILE_FORMAT_CONTAINERS);
	CHECK(profile_format_lookup("moby", &f) == 0 &&
	      f == PROFILE_FORMAT_DOCKER);
	CHECK(profile_format_lookup("oci", &f) == 0 && f == PROFILE_FORMAT_OCI);
	CHECK_INT(profile_format_lookup("json", &f), -EINVAL);
}
