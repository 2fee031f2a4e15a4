// SPDX-License-Identifier: Apache-2.0
/*
 * The view's diff (v): what the edits change by meaning, then in the
 * text. By meaning is `seccompdbg diff` of the profile as loaded against
 * the profile as edited (semdiff): every call of every ABI judged by
 * both, so an edit that allows more than it seems to (a name on the
 * compat ABIs too, a condition wider than the call seen) shows at once.
 */
#include <errno.h>

#include "internal.h"
#include "seccompdbg/semdiff.h"

/* Judging builds both filters with libseccomp (in a child, waited for
 * at once: the tracer never sees it), about 0.1 s for Docker's default;
 * past this many rules it could take seconds, and the view says to run
 * `seccompdbg diff` on the saved profile instead. */
#define REVIEW_MAX_RULES 2000

static int by_meaning(const struct session *s, struct strbuf *out,
		      struct err *err)
{
	struct resolve_result *r = NULL;
	struct profile *loaded = NULL;
	struct semdiff d;
	int rc;

	rc = profile_loaded(s->profile, &loaded, err);
	if (rc == 0)
		rc = resolve_profile(loaded, &s->cfg.env, &r, err);
	if (rc == 0 && (r->unconfined || s->resolved->unconfined))
		rc = err_set(err, EINVAL,
			     "an unconfined profile has no filter");
	if (rc == 0)
		rc = semdiff_run(r, s->resolved, &d, err);
	if (rc == 0) {
		semdiff_text(&d, "the profile as loaded", "as edited", out);
		if (!d.ngroups && !d.nabis)
			strbuf_adds(out, "  no call is judged differently\n");
		semdiff_release(&d);
	}
	resolve_result_free(r);
	profile_free(loaded);
	return rc;
}

void session_diff(const struct session *s, struct strbuf *out)
{
	struct strbuf text = STRBUF_INIT;
	struct err err;

	profile_diff(s->profile, &text);
	if (!text.len)
		return;
	strbuf_adds(
		out,
		"By meaning (seccompdbg diff of the profile as loaded and as edited):\n");
	if (s->profile->nrules > REVIEW_MAX_RULES)
		strbuf_addf(
			out,
			"  not judged here: %zu rules would take a while; run seccompdbg diff on the saved profile\n",
			s->profile->nrules);
	else if (by_meaning(s, out, &err) < 0)
		strbuf_addf(out, "  not judged: %s\n", err.msg);
	strbuf_adds(out, "\nIn the text:\n");
	strbuf_add(out, text.buf, text.len);
	strbuf_release(&text);
}
