// SPDX-License-Identifier: Apache-2.0
/*
 * session: a denial's origin (backtrace and hint) is taken only when
 * something will show it: a front end that shows them, or an events
 * file. record's front end shows none, and without --events its denials
 * carry none: no unwinding at all; with --events the backtrace is
 * described after the decision (docs/performance.md).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/session.h"
#include "test.h"

struct seen {
	struct session *s;
	unsigned denials, with_backtrace, with_hint;
};

static void on_denial(void *ctx, const struct session_denial *d)
{
	struct seen *w = ctx;
	struct session_decision dec = {.action = SESSION_ALLOW_ONCE};

	if (d->state != SESSION_PENDING)
		return;
	w->denials++;
	w->with_backtrace += d->backtrace != NULL;
	w->with_hint += d->hint != NULL;
	CHECK_INT(session_decide(w->s, d->id, &dec, NULL), 0);
}

static void on_status(void *ctx)
{
	struct seen *w = ctx;
	struct session_status st;

	session_get_status(w->s, &st);
	if (st.started && !st.running)
		session_quit(w->s);
}

/* unwind_target's unshare, refused, with or without an events file. */
static struct seen run_target(bool no_origin, const char *events)
{
	static const char text[] =
		"{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"unshare\"], \"action\": \"SCMP_ACT_ERRNO\"}]}";
	char profile[] = "/tmp/sdbg-origin-XXXXXX";
	const char *prog = test_build("progs/unwind_target");
	/* execve's type: the strings are not written to */
	const char *argv[] = {prog, "main", NULL};
	struct session_config cfg = {.argv = (char *const *)argv,
				     .no_new_privs = true};
	struct seen w = {0};
	struct session_frontend fe = {.ctx = &w,
				      .denial = on_denial,
				      .status = on_status,
				      .no_origin = no_origin};
	struct err err = {""};
	int fd = mkstemp(profile);

	REQUIRE(fd >= 0);
	REQUIRE(write(fd, text, sizeof(text) - 1) == sizeof(text) - 1);
	close(fd);
	cfg.profile_path = profile;
	cfg.events_path = events;
	resolve_env_default(&cfg.env);
	REQUIRE(session_new(&cfg, &w.s, &err) == 0);
	REQUIRE(session_start(w.s, &fe, &err) == 0);
	CHECK_INT(session_run(w.s), 0);
	session_free(w.s);
	unlink(profile);
	return w;
}

TEST(session_origin_taken_for_a_front_end_that_shows_it)
{
	struct seen w = run_target(false, NULL);

	CHECK_INT(w.denials, 1);
	CHECK_INT(w.with_backtrace, 1);
	CHECK_INT(w.with_hint, 1);
}

TEST(session_origin_not_taken_when_nothing_shows_it)
{
	struct seen w = run_target(true, NULL);

	CHECK_INT(w.denials, 1);
	CHECK_INT(w.with_backtrace, 0);
	CHECK_INT(w.with_hint, 0);
}

/*
 * Only the events file shows it (record --events): the front end has the
 * denial first and decides (the thread runs on), the backtrace is
 * described after, and the file still has the denial, with its
 * backtrace and hint, before its decision.
 */
TEST(session_origin_described_after_the_decision_for_the_events_file)
{
	char events[] = "/tmp/sdbg-origin-events-XXXXXX";
	const char *denial, *decision;
	char *text = NULL;
	size_t len;
	int fd = mkstemp(events);
	struct seen w;

	REQUIRE(fd >= 0);
	close(fd);
	w = run_target(true, events);
	CHECK_INT(w.denials, 1);
	CHECK_INT(w.with_backtrace, 0);
	REQUIRE(read_file(events, 1 << 20, &text, &len, NULL) == 0);
	denial = strstr(text, "\"event\":\"denial\"");
	decision = strstr(text, "\"event\":\"decision\"");
	REQUIRE(denial && decision);
	CHECK(denial < decision);
	CHECK_CONTAINS(denial, "\"backtrace\":[\"#0 unshare+");
	CHECK_CONTAINS(denial, "\"hint\":\"unwind_target.c:");
	CHECK_CONTAINS(decision, "\"decision\":\"allow_once\"");
	free(text);
	unlink(events);
}
