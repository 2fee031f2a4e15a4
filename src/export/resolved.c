// SPDX-License-Identifier: Apache-2.0
/*
 * A profile as it is after resolving for one host, the form runc reads:
 * the linux.seccomp object of an OCI config.json (what Docker writes
 * into the config it hands runc) and the spec of the security-profiles-
 * operator's SeccompProfile, which has the same fields but for
 * defaultErrnoRet. The conditions are gone (applied for the host), and so
 * are the names libseccomp does not know and the rules that only repeat
 * the default action; the notes say how many.
 */
#include <errno.h>

#include "internal.h"
#include "seccompdbg/sysent.h"

static bool takes_errno(enum profile_action a)
{
	return a == PROFILE_ACT_ERRNO || a == PROFILE_ACT_TRACE;
}

static struct doc *rule(const struct resolve_rule *r)
{
	struct doc *o = doc_object(), *names = doc_array();
	size_t i;

	for (i = 0; i < r->nnames; i++)
		doc_push(names, doc_str(r->names[i]));
	doc_put(o, "names", names);
	doc_put_str(o, "action", profile_action_name(r->verdict.action));
	if (takes_errno(r->verdict.action))
		doc_put_uint(o, "errnoRet", r->verdict.data);
	if (r->nargs)
		doc_put(o, "args", export_args(r->args, r->nargs));
	return o;
}

static void note_left_out(const struct resolve_result *r,
			  struct export_notes *notes)
{
	size_t i, unknown = 0;

	for (i = 0; i < r->nrules; i++)
		unknown += r->rules[i].rule->nnames - r->rules[i].nnames;
	if (unknown)
		export_note(
			notes,
			"%zu name%s left out: libseccomp does not know them (runc skips them too)",
			unknown, unknown == 1 ? "" : "s");
	if (r->ndropped)
		export_note(
			notes,
			"%zu rule%s left out: their includes/excludes do not hold on this host",
			r->ndropped, r->ndropped == 1 ? "" : "s");
	if (r->nredundant)
		export_note(
			notes,
			"%zu rule%s left out: the same action as defaultAction (runc skips them too)",
			r->nredundant, r->nredundant == 1 ? "" : "s");
}

struct doc *export_resolved(const struct resolve_result *r, bool spec,
			    struct export_notes *notes)
{
	const struct profile *p = r->profile;
	struct doc *o = doc_object(), *arches = doc_array(), *rules, *flags;
	const struct profile_verdict *d = &r->default_verdict;
	size_t i;

	doc_put_str(o, "defaultAction", profile_action_name(d->action));
	if (!spec && takes_errno(d->action))
		doc_put_uint(o, "defaultErrnoRet", d->data);
	for (i = 0; i < r->narches; i++)
		doc_push(arches,
			 doc_str(sysent_arch_by_token(r->arches[i])->scmp));
	doc_put(o, "architectures", arches);
	if (p->has_flags) {
		flags = doc_array();
		for (i = 0; i < p->nflags; i++)
			doc_push(flags, doc_str(p->flags[i]));
		doc_put(o, "flags", flags);
	}
	if (p->listener_path && *p->listener_path)
		doc_put_str(o, "listenerPath", p->listener_path);
	if (p->listener_metadata && *p->listener_metadata)
		doc_put_str(o, "listenerMetadata", p->listener_metadata);
	rules = doc_array();
	for (i = 0; i < r->nrules; i++)
		if (r->rules[i].nnames)
			doc_push(rules, rule(&r->rules[i]));
	doc_put(o, "syscalls", rules);
	note_left_out(r, notes);
	return o;
}

struct doc *export_oci(const struct resolve_result *r,
		       struct export_notes *notes)
{
	return export_resolved(r, false, notes);
}
