/* SPDX-License-Identifier: Apache-2.0 */
/*
 * batch: the front end without a person. Every denial is decided by one
 * policy through session_decide, as the view's keys would, and the loop
 * ends when the program has.
 */
#ifndef SECCOMPDBG_BATCH_H
#define SECCOMPDBG_BATCH_H

#include "seccompdbg/session.h"

enum batch_policy {
	/* Allow always: the profile learns each call (record). A call the
	 * profile cannot name or express is allowed once. */
	BATCH_ALLOW,
	/* Deny as the profile would, and every identical call after it:
	 * a test run of a profile. */
	BATCH_DENY,
};

/* "allow" / "deny" -> the policy; -EINVAL for anything else. */
int batch_policy_lookup(const char *name, enum batch_policy *out);

/* Receives one line (no newline) per denial once it is answered. */
typedef void (*batch_report_fn)(void *ctx, const char *line);

/*
 * The line reported for D: `#3 live[1234] mkdirat(AT_FDCWD, "/x", 0):
 * refused by syscalls[0] SCMP_ACT_ERRNO(EACCES); denied, EACCES; hint:
 * main.c:12 in f (called mkdirat via libc mkdirat+11)`. Every string in
 * it is escaped (it comes from the denial). Appended to OUT.
 */
void batch_format(const struct session_denial *d, struct strbuf *out);

/*
 * Start the program of S and run it to its end under POLICY, reporting
 * each denial to REPORT (NULL: none) with CTX. Returns 0
 * when the loop ended normally (the program's status is in
 * session_get_status), or -errno with err: what session_start returns
 * (-ENOENT, -EACCES for a command that cannot run), or a failure of the
 * loop.
 */
int batch_run(struct session *s, enum batch_policy policy,
	      batch_report_fn report, void *ctx, struct err *err);

#endif
