// SPDX-License-Identifier: Apache-2.0
/*
 * The debug rewrite: the profile the runtime loads while we debug. Every
 * refusal of the candidate becomes SCMP_ACT_NOTIFY, so each refused call
 * waits for our answer; what the candidate allows stays allowed in the
 * kernel and never reaches us.
 *
 * It is written from the resolved profile (resolve.h): the conditions of
 * includes/excludes are already applied for the capabilities we were
 * given, errnos are defaulted as runc does, names libseccomp does not
 * know are gone. Docker, podman and an OCI config.json all read this
 * flat layout.
 *
 * runc (every version) refuses NOTIFY as the default action and on
 * `write` (runc's init writes its own errors and would deadlock), so
 * for runc the default keeps its action and each call libseccomp names
 * gets an explicit NOTIFY rule, except the calls the profile allows
 * unconditionally and `write`. libseccomp then drops the profile's
 * conditional ALLOW rules for those calls (an unconditional rule for a
 * call wins over conditional ones): such calls are notified every time,
 * and eval, which reads the candidate itself, answers "continue" for
 * the ones the candidate allows. crun takes NOTIFY anywhere.
 */
#include <errno.h>
#include <json.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/container.h"
#include "seccompdbg/sysent.h"

/* Past the highest number any ABI of these profiles uses today. */
#define NR_SCAN 1024

static const char *const runtime_names[] = {
	[CONTAINER_RUNC] = "runc",
	[CONTAINER_CRUN] = "crun",
};

const char *container_runtime_name(enum container_runtime rt)
{
	return runtime_names[rt];
}

int container_runtime_lookup(const char *name, enum container_runtime *out)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(runtime_names); i++) {
		if (!strcmp(name, runtime_names[i])) {
			*out = (enum container_runtime)i;
			return 0;
		}
	}
	return -EINVAL;
}

static bool refuses(const struct profile_verdict *v)
{
	return !profile_action_is_allow(v->action);
}

/* The runtime's errno field: only ERRNO (and TRACE's data) carry one. */
static void add_action(json_object *obj, const char *key, const char *errkey,
		       const struct profile_verdict *v)
{
	json_object_object_add(
		obj, key,
		json_object_new_string(profile_action_name(v->action)));
	if (v->action == PROFILE_ACT_ERRNO)
		json_object_object_add(obj, errkey,
				       json_object_new_int64(v->data));
}

static json_object *arg_json(const struct profile_arg *a)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "index", json_object_new_int64(a->index));
	json_object_object_add(o, "value", json_object_new_uint64(a->value));
	json_object_object_add(o, "valueTwo",
			       json_object_new_uint64(a->value_two));
	json_object_object_add(o, "op",
			       json_object_new_string(profile_op_name(a->op)));
	return o;
}

static bool is_write(const char *name)
{
	return !strcmp(name, "write");
}

/*
 * A rule of the candidate, or NULL when nothing of it is left. Its
 * refusal notifies, except on write for runc (counted in *uncaught).
 */
static json_object *rule_json(const struct resolve_rule *rule,
			      enum container_runtime rt, size_t *uncaught)
{
	json_object *o, *names = json_object_new_array(), *args;
	struct profile_verdict notify = {PROFILE_ACT_NOTIFY, 0};
	bool held = false;
	size_t i;

	for (i = 0; i < rule->nnames; i++) {
		if (rt == CONTAINER_RUNC && refuses(&rule->verdict) &&
		    is_write(rule->names[i])) {
			held = true;
			continue;
		}
		json_object_array_add(names,
				      json_object_new_string(rule->names[i]));
	}
	if (held)
		(*uncaught)++;
	if (json_object_array_length(names) == 0) {
		json_object_put(names);
		return NULL;
	}
	o = json_object_new_object();
	json_object_object_add(o, "names", names);
	add_action(o, "action", "errnoRet",
		   refuses(&rule->verdict) ? &notify : &rule->verdict);
	if (rule->nargs) {
		args = json_object_new_array();
		for (i = 0; i < rule->nargs; i++)
			json_object_array_add(args, arg_json(&rule->args[i]));
		json_object_object_add(o, "args", args);
	}
	return o;
}

/* runc's `write` rules kept as the candidate has them: never NOTIFY. */
static json_object *write_rule_json(const struct resolve_rule *rule)
{
	struct resolve_rule only = *rule;
	static const char *const write_name[] = {"write"};
	size_t uncaught = 0;

	only.names = write_name;
	only.nnames = 1;
	/* a rule that allows write: rule_json keeps it as it is */
	return rule_json(&only, CONTAINER_CRUN, &uncaught);
}

static bool allows_always(const struct resolve_result *r, const char *name)
{
	size_t i, j;

	for (i = 0; i < r->nrules; i++) {
		const struct resolve_rule *rule = &r->rules[i];

		if (rule->nargs || refuses(&rule->verdict))
			continue;
		for (j = 0; j < rule->nnames; j++)
			if (!strcmp(rule->names[j], name))
				return true;
	}
	return false;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every name libseccomp knows on R's architectures, sorted, unique. */
static const char **known_names(const struct resolve_result *r, size_t *n)
{
	const char **names = NULL;
	size_t cap = 0, i, k = 0;
	int nr;

	for (i = 0; i < r->narches; i++) {
		for (nr = 0; nr < NR_SCAN; nr++) {
			const char *name = sysent_name(r->arches[i], nr);

			if (!name)
				continue;
			xgrow(&names, &cap, k + 1, sizeof(*names));
			names[k++] = name;
		}
	}
	if (k)
		qsort(names, k, sizeof(*names), name_cmp);
	*n = 0;
	for (i = 0; i < k; i++)
		if (*n == 0 || strcmp(names[*n - 1], names[i]))
			names[(*n)++] = names[i];
	return names;
}

/* runc: the NOTIFY rule that stands for a refusing default. */
static json_object *catch_all_json(const struct resolve_result *r)
{
	json_object *o, *names = json_object_new_array();
	struct profile_verdict notify = {PROFILE_ACT_NOTIFY, 0};
	size_t n, i;
	const char **all = known_names(r, &n);

	for (i = 0; i < n; i++)
		if (!is_write(all[i]) && !allows_always(r, all[i]))
			json_object_array_add(names,
					      json_object_new_string(all[i]));
	free(all);
	o = json_object_new_object();
	json_object_object_add(o, "names", names);
	add_action(o, "action", "errnoRet", &notify);
	json_object_object_add(
		o, "comment",
		json_object_new_string(
			"seccompdbg: the default action, as runc allows it to notify"));
	return o;
}

static json_object *rules_json(const struct resolve_result *r,
			       enum container_runtime rt, size_t *uncaught)
{
	json_object *rules = json_object_new_array(), *o;
	size_t i;

	for (i = 0; i < r->nrules; i++) {
		o = rule_json(&r->rules[i], rt, uncaught);
		if (o)
			json_object_array_add(rules, o);
	}
	if (rt != CONTAINER_RUNC)
		return rules;
	/* write's refusals, kept as they are (after the allow rules) */
	for (i = 0; i < r->nrules; i++) {
		const struct resolve_rule *rule = &r->rules[i];
		size_t j;

		for (j = 0; j < rule->nnames && refuses(&rule->verdict); j++)
			if (is_write(rule->names[j]))
				json_object_array_add(rules,
						      write_rule_json(rule));
	}
	if (refuses(&r->default_verdict))
		json_object_array_add(rules, catch_all_json(r));
	return rules;
}

static json_object *arches_json(const struct resolve_result *r)
{
	json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < r->narches; i++) {
		const struct sysent_arch *arch =
			sysent_arch_by_token(r->arches[i]);

		if (arch)
			json_object_array_add(
				a, json_object_new_string(arch->scmp));
	}
	return a;
}

void container_debug_profile(const struct resolve_result *r,
			     enum container_runtime rt, const char *listener,
			     struct strbuf *out, size_t *uncaught)
{
	struct profile_verdict def = r->default_verdict;
	json_object *p = json_object_new_object();
	size_t held = 0;

	if (rt == CONTAINER_CRUN && refuses(&def))
		def = (struct profile_verdict){PROFILE_ACT_NOTIFY, 0};
	add_action(p, "defaultAction", "defaultErrnoRet", &def);
	json_object_object_add(p, "architectures", arches_json(r));
	json_object_object_add(p, "listenerPath",
			       json_object_new_string(listener));
	json_object_object_add(p, "listenerMetadata",
			       json_object_new_string("seccompdbg"));
	json_object_object_add(p, "syscalls", rules_json(r, rt, &held));
	/* Docker's own layout: tabs, "key": value */
	strbuf_adds(out, json_object_to_json_string_ext(
				 p, JSON_C_TO_STRING_PRETTY |
					    JSON_C_TO_STRING_PRETTY_TAB |
					    JSON_C_TO_STRING_SPACED |
					    JSON_C_TO_STRING_NOSLASHESCAPE));
	strbuf_addc(out, '\n');
	json_object_put(p);
	if (uncaught)
		*uncaught = held;
}
