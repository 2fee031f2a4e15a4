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
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/container.h"
#include "seccompdbg/doc.h"
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
static void add_action(struct doc *obj, const char *key, const char *errkey,
		       const struct profile_verdict *v)
{
	doc_put(obj, key, doc_str(profile_action_name(v->action)));
	if (v->action == PROFILE_ACT_ERRNO)
		doc_put(obj, errkey, doc_uint(v->data));
}

static struct doc *arg_json(const struct profile_arg *a)
{
	struct doc *o = doc_object();

	doc_put(o, "index", doc_uint(a->index));
	doc_put(o, "value", doc_uint(a->value));
	doc_put(o, "valueTwo", doc_uint(a->value_two));
	doc_put(o, "op", doc_str(profile_op_name(a->op)));
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
static struct doc *rule_json(const struct resolve_rule *rule,
			     enum container_runtime rt, size_t *uncaught)
{
	struct doc *o, *names = doc_array(), *args;
	struct profile_verdict notify = {PROFILE_ACT_NOTIFY, 0};
	bool held = false;
	size_t i;

	for (i = 0; i < rule->nnames; i++) {
		if (rt == CONTAINER_RUNC && refuses(&rule->verdict) &&
		    is_write(rule->names[i])) {
			held = true;
			continue;
		}
		doc_push(names, doc_str(rule->names[i]));
	}
	if (held)
		(*uncaught)++;
	if (doc_len(names) == 0) {
		doc_free(names);
		return NULL;
	}
	o = doc_object();
	doc_put(o, "names", names);
	add_action(o, "action", "errnoRet",
		   refuses(&rule->verdict) ? &notify : &rule->verdict);
	if (rule->nargs) {
		args = doc_array();
		for (i = 0; i < rule->nargs; i++)
			doc_push(args, arg_json(&rule->args[i]));
		doc_put(o, "args", args);
	}
	return o;
}

/* runc's `write` rules kept as the candidate has them: never NOTIFY. */
static struct doc *write_rule_json(const struct resolve_rule *rule)
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
static struct doc *catch_all_json(const struct resolve_result *r)
{
	struct doc *o, *names = doc_array();
	struct profile_verdict notify = {PROFILE_ACT_NOTIFY, 0};
	size_t n, i;
	const char **all = known_names(r, &n);

	for (i = 0; i < n; i++)
		if (!is_write(all[i]) && !allows_always(r, all[i]))
			doc_push(names, doc_str(all[i]));
	free(all);
	o = doc_object();
	doc_put(o, "names", names);
	add_action(o, "action", "errnoRet", &notify);
	doc_put(o, "comment",
		doc_str("seccompdbg: the default action, as runc allows it to notify"));
	return o;
}

static struct doc *rules_json(const struct resolve_result *r,
			      enum container_runtime rt, size_t *uncaught)
{
	struct doc *rules = doc_array(), *o;
	size_t i;

	for (i = 0; i < r->nrules; i++) {
		o = rule_json(&r->rules[i], rt, uncaught);
		if (o)
			doc_push(rules, o);
	}
	if (rt != CONTAINER_RUNC)
		return rules;
	/* write's refusals, kept as they are (after the allow rules) */
	for (i = 0; i < r->nrules; i++) {
		const struct resolve_rule *rule = &r->rules[i];
		size_t j;

		for (j = 0; j < rule->nnames && refuses(&rule->verdict); j++)
			if (is_write(rule->names[j]))
				doc_push(rules, write_rule_json(rule));
	}
	if (refuses(&r->default_verdict))
		doc_push(rules, catch_all_json(r));
	return rules;
}

static struct doc *arches_json(const struct resolve_result *r)
{
	struct doc *a = doc_array();
	size_t i;

	for (i = 0; i < r->narches; i++) {
		const struct sysent_arch *arch =
			sysent_arch_by_token(r->arches[i]);

		if (arch)
			doc_push(a, doc_str(arch->scmp));
	}
	return a;
}

void container_debug_profile(const struct resolve_result *r,
			     enum container_runtime rt, const char *listener,
			     struct strbuf *out, size_t *uncaught)
{
	struct profile_verdict def = r->default_verdict;
	struct doc *p = doc_object();
	size_t held = 0;

	if (rt == CONTAINER_CRUN && refuses(&def))
		def = (struct profile_verdict){PROFILE_ACT_NOTIFY, 0};
	add_action(p, "defaultAction", "defaultErrnoRet", &def);
	doc_put(p, "architectures", arches_json(r));
	doc_put(p, "listenerPath", doc_str(listener));
	doc_put(p, "listenerMetadata", doc_str("seccompdbg"));
	doc_put(p, "syscalls", rules_json(r, rt, &held));
	/* Docker's own layout: tabs, "key": value */
	doc_write_json(p, DOC_PRETTY, out);
	strbuf_addc(out, '\n');
	doc_free(p);
	if (uncaught)
		*uncaught = held;
}
