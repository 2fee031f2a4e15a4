// SPDX-License-Identifier: Apache-2.0
/*
 * The profile object's own fields (defaultAction, architectures, archMap,
 * flags...) and the checks that look at the whole profile. What each
 * loader accepts is in docs/profile-semantics.md; in short, an error is
 * something Docker's, podman's, runc's or crun's loader refuses (or that
 * cannot do what it says), a warning something they ignore or that
 * probably does not do what the author meant.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/sysent.h"

static void dec_default_action(struct profile_reader *d, void *t, size_t n)
{
	(void)t;
	profile_read_string(d, n, &d->top.action_str, &d->top.action);
}

static void dec_default_errno_ret(struct profile_reader *d, void *t, size_t n)
{
	(void)t;
	/* a *uint: null makes it nil again */
	if (profile_node(d, n)->type == PROFILE_JSON_NULL)
		d->top.has_errno_ret = false;
	else if (profile_read_uint(d, n, &d->top.errno_ret_value) > 0)
		d->top.has_errno_ret = true;
	d->top.errno_ret = n;
}

static void dec_default_errno(struct profile_reader *d, void *t, size_t n)
{
	(void)t;
	profile_read_string(d, n, &d->top.errno_str, &d->top.errno_name);
}

static void dec_architectures(struct profile_reader *d, void *t, size_t n)
{
	(void)t;
	profile_read_strings(d, n, &d->p->architectures, &d->p->narchitectures);
	d->top.architectures = n;
}

static void archmap_clear(struct profile *p)
{
	size_t i;

	for (i = 0; i < p->narchmap; i++) {
		free(p->archmap[i].arch);
		profile_strings_free(p->archmap[i].subs, p->archmap[i].nsubs);
	}
	free(p->archmap);
	p->archmap = NULL;
	p->narchmap = 0;
}

static void dec_arch(struct profile_reader *d, void *t, size_t n)
{
	struct profile_archmap *m = t;

	profile_read_string(d, n, &m->arch, NULL);
}

static void dec_subarches(struct profile_reader *d, void *t, size_t n)
{
	struct profile_archmap *m = t;

	profile_read_strings(d, n, &m->subs, &m->nsubs);
}

static const struct profile_field archmap_fields[] = {
	PROFILE_FIELD("architecture", PROFILE_IN_DOCKERISH, dec_arch),
	PROFILE_FIELD("subArchitectures", PROFILE_IN_DOCKERISH, dec_subarches),
};

static void dec_archmap(struct profile_reader *d, void *t, size_t n)
{
	const struct profile_json_node *v = profile_node(d, n);
	size_t c, i = 0;

	(void)t;
	if (v->type != PROFILE_JSON_ARRAY && v->type != PROFILE_JSON_NULL) {
		profile_type_error(d, n, "an array of objects");
		return;
	}
	archmap_clear(d->p);
	free(d->top.archmap_nodes);
	d->top.archmap_nodes = NULL;
	d->top.archmap = n;
	if (v->type == PROFILE_JSON_NULL)
		return;
	d->p->archmap = xcalloc(v->count + 1, sizeof(*d->p->archmap));
	d->top.archmap_nodes = xcalloc(v->count + 1, sizeof(size_t));
	for (c = v->first; c != PROFILE_JSON_NONE;
	     c = profile_node(d, c)->next, i++) {
		size_t saved = profile_path_index(d, i);

		d->top.archmap_nodes[i] = c;
		if (profile_node(d, c)->type == PROFILE_JSON_OBJECT)
			profile_read_members(d, c, archmap_fields,
					     ARRAY_SIZE(archmap_fields),
					     &d->p->archmap[i],
					     "archMap entry");
		else if (profile_node(d, c)->type == PROFILE_JSON_NULL)
			profile_diag(
				d, PROFILE_WARNING, profile_node(d, c)->start,
				"null archMap entry: it matches no architecture");
		else
			profile_type_error(d, c, "an object");
		profile_path_pop(d, saved);
	}
	d->p->narchmap = i;
}

static void dec_flags(struct profile_reader *d, void *t, size_t n)
{
	(void)t;
	/* absent (or null) and [] differ: runc adds SPEC_ALLOW to the first */
	d->p->has_flags =
		profile_read_strings(d, n, &d->p->flags, &d->p->nflags) > 0;
	d->top.flags = n;
}

/* The operator unions another SeccompProfile's rules into this one; we
   only have this file. */
static void dec_base_profile(struct profile_reader *d, void *t, size_t n)
{
	(void)t;
	if (profile_node(d, n)->type == PROFILE_JSON_STRING &&
	    profile_node(d, n)->str_len)
		profile_diag(
			d, PROFILE_WARNING, profile_node(d, n)->start,
			"the rules of base profile \"%s\" are not read: the operator adds them to these",
			profile_node(d, n)->str);
}

static void dec_listener_path(struct profile_reader *d, void *t, size_t n)
{
	(void)t;
	profile_read_string(d, n, &d->p->listener_path, &d->top.listener_path);
}

static void dec_listener_metadata(struct profile_reader *d, void *t, size_t n)
{
	(void)t;
	profile_read_string(d, n, &d->p->listener_metadata,
			    &d->top.listener_metadata);
}

static const struct profile_field seccomp_fields[] = {
	PROFILE_FIELD("defaultAction", PROFILE_IN_ALL, dec_default_action),
	/* the operator's SeccompProfile has none: runtimes return EPERM */
	PROFILE_FIELD("defaultErrnoRet", PROFILE_IN_JSON,
		      dec_default_errno_ret),
	PROFILE_FIELD("defaultErrno", PROFILE_IN_CONTAINERS, dec_default_errno),
	PROFILE_FIELD("architectures", PROFILE_IN_ALL, dec_architectures),
	PROFILE_FIELD("archMap", PROFILE_IN_DOCKERISH, dec_archmap),
	PROFILE_FIELD("flags", PROFILE_IN_ALL, dec_flags),
	PROFILE_FIELD("listenerPath", PROFILE_IN_ALL, dec_listener_path),
	PROFILE_FIELD("listenerMetadata", PROFILE_IN_ALL,
		      dec_listener_metadata),
	PROFILE_FIELD("syscalls", PROFILE_IN_ALL, profile_read_syscalls),
	PROFILE_FIELD("baseProfileName", PROFILE_IN_KUBE, dec_base_profile),
};

void profile_read_seccomp(struct profile_reader *d, size_t obj)
{
	d->top.obj = obj;
	profile_read_members(d, obj, seccomp_fields, ARRAY_SIZE(seccomp_fields),
			     NULL, "profile");
}

/* An SCMP_ARCH_* name where runc and crun want one. */
static void check_scmp_arch(struct profile_reader *d, const char *name,
			    size_t n)
{
	const struct sysent_arch *a = sysent_arch_by_scmp(name);
	struct strbuf sb = STRBUF_INIT;
	const char *names[64];
	const struct sysent_arch *all;
	size_t count, i;

	profile_quote(&sb, name, strlen(name));
	if (!a) {
		all = sysent_arches(&count);
		for (i = 0; i < count && i < ARRAY_SIZE(names); i++)
			names[i] = all[i].scmp;
		profile_unknown(d, PROFILE_ERROR, profile_offset(d, n),
				"architecture", name, "",
				profile_suggest(name, names, i));
	} else if (!a->runc && d->p->format != PROFILE_FORMAT_CONTAINERS) {
		profile_diag(
			d, PROFILE_WARNING, profile_offset(d, n),
			"runc refuses architecture %s (crun takes it when libseccomp knows it)",
			strbuf_str(&sb));
	}
	strbuf_release(&sb);
}

static void check_architectures(struct profile_reader *d)
{
	struct profile *p = d->p;
	size_t saved, i, j;

	saved = profile_path_key(d, "architectures", 13);
	for (i = 0; i < p->narchitectures; i++) {
		size_t at = profile_path_index(d, i);
		size_t n = profile_json_element(&d->lay->doc,
						d->top.architectures, i);

		check_scmp_arch(d, p->architectures[i], n);
		for (j = 0; j < i; j++)
			if (!strcmp(p->architectures[j], p->architectures[i]))
				break;
		if (j < i)
			profile_diag(
				d, PROFILE_NOTE, profile_offset(d, n),
				"listed twice (harmless: libseccomp ignores the second)");
		profile_path_pop(d, at);
	}
	profile_path_pop(d, saved);
}

static void check_archmap(struct profile_reader *d)
{
	struct profile *p = d->p;
	size_t saved, i, j;

	if (p->narchitectures && p->narchmap)
		profile_diag(
			d, PROFILE_ERROR, profile_offset(d, d->top.archmap),
			p->format == PROFILE_FORMAT_CONTAINERS
				? "'architectures' and 'archMap' were specified in the seccomp profile, use either 'architectures' or 'archMap'"
				: "both 'architectures' and 'archMap' are specified in the seccomp profile, use either 'architectures' or 'archMap'");
	saved = profile_path_key(d, "archMap", 7);
	for (i = 0; i < p->narchmap; i++) {
		size_t entry = d->top.archmap_nodes[i];
		size_t at = profile_path_index(d, i), sub, n;

		if (p->archmap[i].arch) {
			n = profile_json_next_member(&d->lay->doc, entry,
						     "architecture",
						     PROFILE_JSON_NONE);
			sub = profile_path_key(d, "architecture", 12);
			check_scmp_arch(d, p->archmap[i].arch, n);
			profile_path_pop(d, sub);
		}
		n = PROFILE_JSON_NONE;
		while ((j = profile_json_next_member(&d->lay->doc, entry,
						     "subArchitectures", n)) !=
		       PROFILE_JSON_NONE)
			n = j;
		sub = profile_path_key(d, "subArchitectures", 16);
		for (j = 0; j < p->archmap[i].nsubs; j++) {
			size_t e = profile_path_index(d, j);

			check_scmp_arch(
				d, p->archmap[i].subs[j],
				profile_json_element(&d->lay->doc, n, j));
			profile_path_pop(d, e);
		}
		profile_path_pop(d, sub);
		profile_path_pop(d, at);
	}
	profile_path_pop(d, saved);
}

static void check_flags(struct profile_reader *d)
{
	struct profile *p = d->p;
	size_t count, i, saved = profile_path_key(d, "flags", 5);
	const char *const *known = profile_flag_names(&count);

	for (i = 0; i < p->nflags; i++) {
		size_t at = profile_path_index(d, i);
		size_t n = profile_offset(
			d, profile_json_element(&d->lay->doc, d->top.flags, i));
		size_t k;

		for (k = 0; k < count; k++)
			if (!strcmp(known[k], p->flags[i]))
				break;
		if (k == count)
			profile_unknown(
				d, PROFILE_ERROR, n, "flag", p->flags[i],
				": runc and crun refuse it",
				profile_suggest(p->flags[i], known, count));
		else if (k == 0)
			profile_diag(
				d, PROFILE_NOTE, n,
				"runc ignores SECCOMP_FILTER_FLAG_TSYNC (crun sets it)");
		profile_path_pop(d, at);
	}
	profile_path_pop(d, saved);
}

static void check_listener(struct profile_reader *d)
{
	struct profile *p = d->p;
	size_t saved;

	if (!p->listener_metadata || !p->listener_metadata[0] ||
	    (p->listener_path && p->listener_path[0]))
		return;
	saved = profile_path_key(d, "listenerMetadata", 16);
	profile_diag(
		d, PROFILE_WARNING, profile_offset(d, d->top.listener_metadata),
		"listenerMetadata without listenerPath (the OCI spec says it MUST NOT be set then; runtimes do not check)");
	profile_path_pop(d, saved);
}

static void check_default(struct profile_reader *d)
{
	struct profile *p = d->p;
	const char *s = d->top.action_str ? d->top.action_str : "";
	size_t saved = profile_path_key(d, "defaultAction", 13);
	size_t at = d->top.action != PROFILE_JSON_NONE
			    ? profile_offset(d, d->top.action)
			    : profile_offset(d, d->top.obj);

	p->default_action = profile_action_lookup(s);
	if (p->unconfined) {
		profile_path_pop(d, saved);
		profile_diag(
			d, PROFILE_WARNING, profile_offset(d, d->top.obj),
			"no defaultAction and no syscalls: Docker and the runtimes run the container without seccomp");
		return;
	}
	if (!s[0]) {
		profile_diag(
			d, PROFILE_ERROR, at,
			"missing defaultAction (runc and crun refuse a profile with rules and no default action)");
	} else if (!p->default_action) {
		size_t n;
		const char *const *names = profile_action_names(&n);

		profile_unknown(d, PROFILE_ERROR, at, "action", s, "",
				profile_suggest(s, names, n));
	} else if (p->default_action == PROFILE_ACT_NOTIFY) {
		profile_diag(
			d, PROFILE_ERROR, at,
			"SCMP_ACT_NOTIFY cannot be used as default action (runc)");
	}
	profile_path_pop(d, saved);
	profile_validate_errno(d, p->default_action,
			       &(struct profile_errno_src){
				       "defaultErrnoRet", d->top.has_errno_ret,
				       d->top.errno_ret_value, d->top.errno_ret,
				       "defaultErrno", d->top.errno_str,
				       d->top.errno_name},
			       &p->has_default_errno, &p->default_errno);
}

void profile_validate(struct profile_reader *d)
{
	struct profile *p = d->p;
	size_t i, saved;

	p->unconfined =
		!(d->top.action_str && d->top.action_str[0]) && !p->nrules;
	check_default(d);
	check_architectures(d);
	if (!profile_format_resolved(p->format))
		check_archmap(d);
	check_flags(d);
	check_listener(d);
	if (p->nrules > PROFILE_MAX_RULES) {
		saved = profile_path_key(d, "syscalls", 8);
		profile_diag(
			d, PROFILE_ERROR, profile_offset(d, d->top.syscalls),
			"%zu rules: at most %u fit in the 16-bit rule ids the debugger uses",
			p->nrules, PROFILE_MAX_RULES);
		profile_path_pop(d, saved);
	}
	for (i = 0; i < p->nrules; i++)
		profile_validate_rule(d, i, &d->top.rules[i]);
}

void profile_top_release(struct profile_top_src *top, size_t nrules)
{
	profile_rule_srcs_free(top->rules, nrules);
	free(top->action_str);
	free(top->errno_str);
	free(top->archmap_nodes);
}

void profile_archmap_free(struct profile *p)
{
	archmap_clear(p);
}
