// SPDX-License-Identifier: Apache-2.0
/*
 * The batch front end: it answers each denial as it arrives, from inside
 * the session's callback (session_decide may be called from there: the
 * session is done with the denial when it calls out), and quits the loop
 * once the program is over.
 */
#include <errno.h>
#include <string.h>

#include "seccompdbg/batch.h"

struct batch {
	struct session *s;
	enum batch_policy policy;
};

static void on_denial(void *ctx, const struct session_denial *d)
{
	struct batch *b = ctx;
	struct session_decision dec = {.all_identical = true};

	if (d->state != SESSION_PENDING)
		return;
	dec.action = b->policy == BATCH_ALLOW ? SESSION_ALLOW_ALWAYS
					      : SESSION_DENY;
	if (session_decide(b->s, d->id, &dec, NULL) == 0 ||
	    b->policy != BATCH_ALLOW)
		return;
	/* not expressible in the profile (no name, a clashing rule) */
	dec.action = SESSION_ALLOW_ONCE;
	session_decide(b->s, d->id, &dec, NULL);
}

static void on_status(void *ctx)
{
	struct batch *b = ctx;
	struct session_status st;

	session_get_status(b->s, &st);
	if (!st.running)
		session_quit(b->s);
}

int batch_policy_lookup(const char *name, enum batch_policy *out)
{
	if (!strcmp(name, "allow"))
		*out = BATCH_ALLOW;
	else if (!strcmp(name, "deny"))
		*out = BATCH_DENY;
	else
		return -EINVAL;
	return 0;
}

int batch_run(struct session *s, enum batch_policy policy, struct err *err)
{
	struct batch b = {s, policy};
	struct session_frontend fe = {
		.ctx = &b,
		.denial = on_denial,
		.status = on_status,
	};
	int rc;

	rc = session_start(s, &fe, err);
	if (rc < 0)
		return rc;
	rc = session_run(s);
	if (rc < 0)
		return err_set(err, -rc, "the supervisor loop failed: %s",
			       strerror(-rc));
	return 0;
}
