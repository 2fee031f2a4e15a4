// SPDX-License-Identifier: Apache-2.0
/*
 * session: our own SIGINT, SIGTERM and SIGHUP (src/session/loop.c). They
 * are blocked, let in only while the loop waits in ppoll, and noted by a
 * handler there: a signal ends the program with 128 + N, whether it came
 * while the loop waited or before; one still pending at the end is
 * dropped; and the handlers and the mask the session found are put back.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "seccompdbg/batch.h"
#include "seccompdbg/session.h"
#include "test.h"

static volatile sig_atomic_t delivered;

static void count(int sig)
{
	(void)sig;
	delivered++;
}

/* A session of ARGV under a profile that allows all but mkdir. */
static struct session *new_session(const char *const *argv, char *profile)
{
	static const char text[] =
		"{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\"}]}";
	/* execve's type: the strings are not written to */
	struct session_config cfg = {.argv = (char *const *)argv,
				     .no_new_privs = true};
	struct err err = {""};
	struct session *s = NULL;
	int fd = mkstemp(profile);

	REQUIRE(fd >= 0);
	REQUIRE(write(fd, text, sizeof(text) - 1) == sizeof(text) - 1);
	close(fd);
	cfg.profile_path = profile;
	resolve_env_default(&cfg.env);
	if (session_new(&cfg, &s, &err) < 0)
		test_fail(__FILE__, __LINE__, "session_new: %s", err.msg);
	REQUIRE(s);
	return s;
}

static void expect_end_by(struct session *s, int sig)
{
	struct session_status st;

	session_get_status(s, &st);
	CHECK(!st.running);
	CHECK_INT(st.signal, sig);
	CHECK_INT(st.exit_status, 128 + sig);
}

/* A front end that only leaves once the program is over. */
static void quit_when_over(void *ctx)
{
	struct session *s = ctx;
	struct session_status st;

	session_get_status(s, &st);
	if (st.started && !st.running)
		session_quit(s);
}

/* The program signals us while the loop waits for it. */
TEST(session_signal_while_waiting_ends_the_program)
{
	const char *argv[] = {"/bin/sh", "-c",
			      "kill -TERM $PPID; exec sleep 100", NULL};
	char profile[] = "/tmp/sdbg-sig-XXXXXX";
	struct err err = {""};
	struct session *s = new_session(argv, profile);

	signal(SIGTERM, count);
	CHECK_INT(batch_run(s, BATCH_ALLOW, NULL, NULL, &err), 0);
	expect_end_by(s, SIGTERM);
	session_free(s);
	unlink(profile);
	/* Ours had it, not the handler we had set. */
	CHECK_INT(delivered, 0);
	/* That handler is back, and SIGTERM is let in again. */
	raise(SIGTERM);
	CHECK_INT(delivered, 1);
}

/* A signal that came before the loop waited is taken at its first wait. */
TEST(session_signal_before_the_loop_ends_the_program)
{
	const char *argv[] = {"/bin/sleep", "100", NULL};
	char profile[] = "/tmp/sdbg-sig-XXXXXX";
	struct err err = {""};
	struct session *s = new_session(argv, profile);
	struct session_frontend fe = {.ctx = s, .status = quit_when_over};

	REQUIRE(session_start(s, &fe, &err) == 0);
	/* Blocked now: it waits for the loop. */
	raise(SIGHUP);
	CHECK_INT(session_run(s), 0);
	expect_end_by(s, SIGHUP);
	session_free(s);
	unlink(profile);
}

/* One still pending when the session ends is dropped, not delivered. */
TEST(session_signal_pending_at_the_end_is_dropped)
{
	const char *argv[] = {"/bin/true", NULL};
	char profile[] = "/tmp/sdbg-sig-XXXXXX";
	struct err err = {""};
	struct session *s = new_session(argv, profile);
	struct session_status st;
	sigset_t pending;

	signal(SIGINT, count);
	CHECK_INT(batch_run(s, BATCH_ALLOW, NULL, NULL, &err), 0);
	session_get_status(s, &st);
	CHECK_INT(st.signal, 0);
	CHECK_INT(st.exit_status, 0);
	/* Still ours, and blocked: it stays pending. */
	raise(SIGINT);
	CHECK_INT(delivered, 0);
	session_free(s);
	unlink(profile);
	CHECK_INT(delivered, 0);
	sigpending(&pending);
	CHECK(!sigismember(&pending, SIGINT));
	raise(SIGINT);
	CHECK_INT(delivered, 1);
}
