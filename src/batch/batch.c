// SPDX-License-Identifier: Apache-2.0
/*
 * The batch front end: it answers each denial as it arrives, from inside
 * the session's callback (session_decide may be called from there: the
 * session is done with the denial when it calls out), and quits the loop
 * once the program is over.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/batch.h"

struct batch {
	struct session *s;
	enum batch_policy policy;
	batch_report_fn report;
	void *ctx;
	struct strbuf line;
	enum session_state *said; /* by denial id: the state last reported */
	size_t nsaid;
};

static const char *answer_text(const struct session_denial *d)
{
	switch (d->state) {
	case SESSION_ALLOWED_ONCE:
		return "allowed once";
	case SESSION_ALLOWED_ALWAYS:
		return "allowed always";
	case SESSION_ALLOWED_ARGS:
		return "allowed with arguments";
	case SESSION_DENIED:
	case SESSION_DENIED_ERRNO:
		return "denied";
	case SESSION_KILLED:
		return "killed";
	case SESSION_GONE:
		return "gone";
	case SESSION_PENDING:
		break;
	}
	return "pending";
}

void batch_format(const struct session_denial *d, struct strbuf *out)
{
	const char *e = profile_errno_name((uint32_t)d->errno_used);
	struct strbuf v = STRBUF_INIT;

	profile_verdict_format(&d->verdict, &v);
	strbuf_addf(out, "#%u ", d->id);
	if (d->container)
		strbuf_addf(out, "%s/",
			    d->container_name ? d->container_name
					      : d->container_id);
	strbuf_addf(out, "%s[%d] %s: %srefused by %s %s; %s", d->comm,
		    (int)d->tid, d->decoded,
		    d->startup ? "runtime start-up, " : "", d->rule_path,
		    strbuf_str(&v), answer_text(d));
	if ((d->state == SESSION_DENIED || d->state == SESSION_DENIED_ERRNO) &&
	    d->errno_used)
		strbuf_addf(out, ", %s", e ? e : "errno");
	if ((d->state == SESSION_DENIED || d->state == SESSION_DENIED_ERRNO) &&
	    !d->errno_used)
		strbuf_adds(out, ", killed as the profile says");
	if (d->hint)
		strbuf_addf(out, "; hint: %s", d->hint);
	strbuf_release(&v);
}

/*
 * One line per answer: the session tells us of an answer before the
 * thread runs on (so the line comes before the program's next output),
 * and again for each later call the answer covers; those are counted in
 * the summary, not reported.
 */
static void report(struct batch *b, const struct session_denial *d)
{
	size_t i;

	if (!b->report || d->state == SESSION_PENDING)
		return;
	if (d->id >= b->nsaid) {
		i = b->nsaid;
		xgrow(&b->said, &b->nsaid, d->id + 1, sizeof(*b->said));
		for (; i < b->nsaid; i++)
			b->said[i] = SESSION_PENDING;
	}
	if (b->said[d->id] == d->state)
		return;
	b->said[d->id] = d->state;
	strbuf_reset(&b->line);
	batch_format(d, &b->line);
	b->report(b->ctx, strbuf_str(&b->line));
}

static void on_denial(void *ctx, const struct session_denial *d)
{
	struct batch *b = ctx;
	struct session_decision dec = {.all_identical = true};
	unsigned id = d->id; /* D may change under the decision */

	if (d->state != SESSION_PENDING) {
		report(b, d);
		return;
	}
	dec.action =
		b->policy == BATCH_ALLOW ? SESSION_ALLOW_ALWAYS : SESSION_DENY;
	if (session_decide(b->s, id, &dec, NULL) < 0 &&
	    b->policy == BATCH_ALLOW) {
		/* not expressible in the profile (no name, a clash) */
		dec.action = SESSION_ALLOW_ONCE;
		session_decide(b->s, id, &dec, NULL);
	}
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

int batch_run(struct session *s, enum batch_policy policy,
	      batch_report_fn report_fn, void *ctx, struct err *err)
{
	struct batch b = {s, policy, report_fn, ctx, STRBUF_INIT, NULL, 0};
	struct session_frontend fe = {
		.ctx = &b,
		.denial = on_denial,
		.status = on_status,
		/* without a report nobody reads a hint */
		.no_origin = !report_fn,
	};
	int rc;

	rc = session_start(s, &fe, err);
	if (rc == 0) {
		rc = session_run(s);
		if (rc < 0)
			err_set(err, -rc, "the supervisor loop failed: %s",
				strerror(-rc));
	}
	strbuf_release(&b.line);
	free(b.said);
	return rc;
}
