// SPDX-License-Identifier: Apache-2.0
/*
 * The checks of one rule, run after the whole profile is decoded (a
 * rule's NOTIFY needs listenerPath, its errno the default action...,
 * and podman writes "syscalls" before "listenerPath").
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/sysent.h"

int profile_errno_parse(const char *s, uint32_t *out)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; s[i] >= '0' && s[i] <= '9' && v <= UINT32_MAX; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	if (i && !s[i] && v <= UINT32_MAX) {
		*out = (uint32_t)v;
		return 0;
	}
	if (!profile_errno_is_containers(s))
		return -1;
	return profile_errno_lookup(s, out);
}

static bool named_errno(struct profile_reader *d,
			const struct profile_errno_src *src, uint64_t *v)
{
	size_t n, saved = profile_path_key(d, src->name_key,
					   strlen(src->name_key));
	const char *const *names = profile_containers_errno_names(&n);
	uint32_t e;
	bool ok = true;

	if (profile_errno_parse(src->name, &e) < 0) {
		profile_unknown(d, PROFILE_ERROR,
				profile_offset(d, src->name_node), "errno",
				src->name, ": podman refuses the profile",
				profile_suggest(src->name, names, n));
		ok = false;
	} else if (src->has_ret && src->ret != e) {
		profile_diag(
			d, PROFILE_WARNING, profile_offset(d, src->name_node),
			"%s says %u but %s says %llu: podman uses the name, Docker the number",
			src->name_key, e, src->ret_key,
			(unsigned long long)src->ret);
	}
	*v = e;
	profile_path_pop(d, saved);
	return ok;
}

static bool takes_errno(enum profile_action a)
{
	return a == PROFILE_ACT_ERRNO || a == PROFILE_ACT_TRACE ||
	       a == PROFILE_ACT_NONE;
}

void profile_validate_errno(struct profile_reader *d, enum profile_action act,
			    const struct profile_errno_src *src, bool *has_out,
			    uint32_t *out)
{
	bool named = d->p->format == PROFILE_FORMAT_CONTAINERS && src->name &&
		     src->name[0];
	const char *key = named ? src->name_key : src->ret_key;
	size_t at = profile_offset(d, named ? src->name_node : src->ret_node);
	uint64_t v = src->ret;
	size_t saved;

	*has_out = false;
	*out = 0;
	if (named && !named_errno(d, src, &v))
		return;
	if (!named && !src->has_ret)
		return;
	saved = profile_path_key(d, key, strlen(key));
	if (v > 0xffff)
		profile_diag(
			d, PROFILE_ERROR, at,
			"errno %llu is out of range: the kernel keeps 16 bits (0 to 65535), runc would make it %llu",
			(unsigned long long)v,
			(unsigned long long)(v & 0xffff));
	else if (!takes_errno(act) && d->p->format == PROFILE_FORMAT_CONTAINERS)
		profile_diag(
			d, PROFILE_ERROR, at,
			"crun refuses an errno on %s (only SCMP_ACT_ERRNO and SCMP_ACT_TRACE take one)",
			profile_action_name(act));
	else if (!takes_errno(act))
		profile_diag(
			d, PROFILE_WARNING, at,
			"%s takes no errno: runc ignores it, crun refuses the profile",
			profile_action_name(act));
	else if (act == PROFILE_ACT_ERRNO && v == 0)
		profile_diag(
			d, PROFILE_WARNING, at,
			"errno 0: the call returns 0 (success) without running");
	else if (act == PROFILE_ACT_ERRNO && v > 4095)
		profile_diag(
			d, PROFILE_WARNING, at,
			"errno %llu is above 4095: libc does not take -%llu for an error",
			(unsigned long long)v, (unsigned long long)v);
	profile_path_pop(d, saved);
	*has_out = true;
	*out = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static void check_legacy_name(struct profile_reader *d, struct profile_rule *r,
			      const struct profile_rule_src *src)
{
	size_t saved;

	if (!src->name_str || !src->name_str[0])
		return;
	if (r->nnames) {
		saved = profile_path_key(d, "name", 4);
		profile_diag(
			d, PROFILE_ERROR, profile_offset(d, src->name),
			d->p->format == PROFILE_FORMAT_CONTAINERS
				? "'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'"
				: "both 'name' and 'names' are specified in the seccomp profile, use either 'name' or 'names'");
		profile_path_pop(d, saved);
		return;
	}
	free(r->names);
	r->names = xcalloc(1, sizeof(*r->names));
	r->names[0] = xstrdup(src->name_str);
	r->nnames = 1;
	r->legacy_name = true;
}

static void check_name(struct profile_reader *d, const struct profile_rule *r,
		       size_t i, size_t at)
{
	const char *name = r->names[i];
	const char *hint;
	size_t j;

	if (!name[0]) {
		if (d->p->format == PROFILE_FORMAT_CONTAINERS)
			profile_diag(d, PROFILE_WARNING, at,
				     "empty system call name: crun skips it");
		else
			profile_diag(
				d, PROFILE_ERROR, at,
				"empty string is not a valid syscall (runc refuses it)");
		return;
	}
	for (j = 0; j < i; j++) {
		if (!strcmp(r->names[j], name)) {
			profile_diag(d, PROFILE_WARNING, at,
				     "listed twice in this rule");
			return;
		}
	}
	if (sysent_is_known(name))
		return;
	hint = profile_suggest_syscall(name);
	profile_unknown(
		d, PROFILE_WARNING, at, "system call", name,
		": libseccomp does not know it, so runc and crun skip it",
		hint);
}

static void check_names(struct profile_reader *d, const struct profile_rule *r,
			const struct profile_rule_src *src)
{
	size_t saved, i;

	if (r->legacy_name) {
		saved = profile_path_key(d, "name", 4);
		check_name(d, r, 0, profile_offset(d, src->name));
		profile_path_pop(d, saved);
		return;
	}
	if (!r->nnames) {
		profile_diag(d, PROFILE_WARNING, profile_offset(d, src->node),
			     "a rule without names matches no system call");
		return;
	}
	saved = profile_path_key(d, "names", 5);
	for (i = 0; i < r->nnames; i++) {
		size_t at = profile_path_index(d, i);
		size_t n = profile_json_element(&d->lay->doc, src->names, i);

		check_name(d, r, i, profile_offset(d, n));
		profile_path_pop(d, at);
	}
	profile_path_pop(d, saved);
}

static void check_action(struct profile_reader *d, struct profile_rule *r,
			 const struct profile_rule_src *src)
{
	const char *s = src->action_str ? src->action_str : "";
	size_t n, i, saved = profile_path_key(d, "action", 6);
	const char *const *names = profile_action_names(&n);
	size_t at = profile_offset(d, src->action);

	r->action = profile_action_lookup(s);
	if (src->action == PROFILE_JSON_NONE)
		profile_diag(
			d, PROFILE_ERROR, profile_offset(d, src->node),
			"missing action (runc and crun refuse a rule without one)");
	else if (!src->action_str)
		; /* not a string: its type error says so already */
	else if (!s[0])
		profile_diag(d, PROFILE_ERROR, at,
			     "empty action (runc and crun refuse it)");
	else if (!r->action)
		profile_unknown(d, PROFILE_ERROR, at, "action", s, "",
				profile_suggest(s, names, n));
	if (r->action == PROFILE_ACT_NOTIFY) {
		for (i = 0; i < r->nnames; i++)
			if (!strcmp(r->names[i], "write"))
				profile_diag(
					d, PROFILE_ERROR, at,
					"SCMP_ACT_NOTIFY cannot be used for the write syscall (runc)");
		if (!d->p->listener_path || !d->p->listener_path[0])
			profile_diag(
				d, PROFILE_ERROR, at,
				"SCMP_ACT_NOTIFY needs a listenerPath (runc: seccomp listenerPath is not set)");
	}
	profile_path_pop(d, saved);
}

static void check_redundant(struct profile_reader *d,
			    const struct profile_rule *r,
			    const struct profile_rule_src *src)
{
	struct profile_verdict rv, dv;

	if (!r->action || !d->p->default_action)
		return;
	profile_rule_verdict(r, &rv);
	profile_default_verdict(d->p, &dv);
	if (profile_verdict_equal(&rv, &dv))
		profile_diag(
			d, PROFILE_NOTE, profile_offset(d, src->node),
			"the same action as defaultAction: runc and crun skip this rule");
}

void profile_validate_rule(struct profile_reader *d, size_t i,
			   const struct profile_rule_src *src)
{
	struct profile_rule *r = &d->p->rules[i];
	size_t s1, s2, s3;

	if (profile_node(d, src->node)->type != PROFILE_JSON_OBJECT)
		return;
	s1 = profile_path_key(d, "syscalls", 8);
	s2 = profile_path_index(d, i);
	check_legacy_name(d, r, src);
	check_names(d, r, src);
	check_action(d, r, src);
	profile_validate_errno(
		d, r->action,
		&(struct profile_errno_src){"errnoRet", src->has_errno_ret,
					    src->errno_ret_value,
					    src->errno_ret, "errno",
					    src->errno_str, src->errno_name},
		&r->has_errno, &r->errno_ret);
	if (!profile_format_resolved(d->p->format)) {
		s3 = profile_path_key(d, "includes", 8);
		profile_validate_filter(d, &r->includes, &src->includes);
		profile_path_pop(d, s3);
		s3 = profile_path_key(d, "excludes", 8);
		profile_validate_filter(d, &r->excludes, &src->excludes);
		profile_path_pop(d, s3);
	}
	check_redundant(d, r, src);
	profile_path_pop(d, s2);
	profile_path_pop(d, s1);
}
