// SPDX-License-Identifier: Apache-2.0
/*
 * syscalls[]: the rules, their arguments, and the checks of one rule.
 *
 * A rule's position is its identity (the debugger's rule id is index + 1),
 * so a null or malformed element still takes its slot in p->rules, with
 * an error that keeps the profile from being used.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/sysent.h"

struct rule_target {
	struct profile_rule *rule;
	struct profile_rule_src *src;
};

struct arg_target {
	struct profile_arg *arg;
	char *op;
	size_t op_node, index_node;
	uint64_t index;
};

static void dec_index(struct profile_reader *d, void *t, size_t n)
{
	struct arg_target *a = t;

	if (profile_read_uint(d, n, &a->index) > 0)
		a->index_node = n;
}

static void dec_value(struct profile_reader *d, void *t, size_t n)
{
	struct arg_target *a = t;

	profile_read_uint(d, n, &a->arg->value);
}

static void dec_value_two(struct profile_reader *d, void *t, size_t n)
{
	struct arg_target *a = t;

	profile_read_uint(d, n, &a->arg->value_two);
}

static void dec_op(struct profile_reader *d, void *t, size_t n)
{
	struct arg_target *a = t;

	profile_read_string(d, n, &a->op, &a->op_node);
}

static const struct profile_field arg_fields[] = {
	PROFILE_FIELD("index", PROFILE_IN_ALL, dec_index),
	PROFILE_FIELD("value", PROFILE_IN_ALL, dec_value),
	PROFILE_FIELD("valueTwo", PROFILE_IN_ALL, dec_value_two),
	PROFILE_FIELD("op", PROFILE_IN_ALL, dec_op),
};

static void check_arg(struct profile_reader *d, struct arg_target *a,
		      size_t obj)
{
	struct profile_arg *arg = a->arg;
	size_t n, saved;
	const char *const *names = profile_op_names(&n);

	arg->index = a->index > 6 ? 6 : (unsigned)a->index;
	if (a->index > 5) {
		saved = profile_path_key(d, "index", 5);
		profile_diag(
			d, PROFILE_ERROR, profile_offset(d, a->index_node),
			"argument index %llu is out of range: system calls have arguments 0 to 5",
			(unsigned long long)a->index);
		profile_path_pop(d, saved);
	}
	saved = profile_path_key(d, "op", 2);
	arg->op = a->op ? profile_op_lookup(a->op) : 0;
	if (!a->op || !a->op[0])
		profile_diag(
			d, PROFILE_ERROR, profile_offset(d, obj),
			"missing op (runc and crun refuse an argument without an operator)");
	else if (!arg->op)
		profile_unknown(d, PROFILE_ERROR, profile_offset(d, a->op_node),
				"operator", a->op, "",
				profile_suggest(a->op, names, n));
	else if (arg->op == PROFILE_OP_MASKED_EQ &&
		 (arg->value_two & ~arg->value))
		profile_diag(
			d, PROFILE_WARNING, profile_offset(d, a->op_node),
			"(arg & %#llx) == %#llx can never hold: valueTwo has bits outside the mask in value",
			(unsigned long long)arg->value,
			(unsigned long long)arg->value_two);
	profile_path_pop(d, saved);
}

/* runc issue #2735: a repeated index turns AND into OR. */
static void check_arg_indexes(struct profile_reader *d,
			      const struct profile_rule *r, size_t *nodes)
{
	size_t i, j;

	for (i = 1; i < r->nargs; i++) {
		size_t saved;

		for (j = 0; j < i; j++)
			if (r->args[j].index == r->args[i].index)
				break;
		if (j == i)
			continue;
		saved = profile_path_index(d, i);
		profile_diag(
			d, PROFILE_WARNING, profile_offset(d, nodes[i]),
			"argument %u is tested again: runc and crun then add every condition of this rule as a rule of its own, so they combine with OR, not AND",
			r->args[i].index);
		profile_path_pop(d, saved);
		return;
	}
}

static void dec_args(struct profile_reader *d, void *t, size_t n)
{
	struct profile_rule *r = ((struct rule_target *)t)->rule;
	const struct profile_json_node *v = profile_node(d, n);
	size_t c, i = 0, *nodes;

	if (v->type != PROFILE_JSON_ARRAY && v->type != PROFILE_JSON_NULL) {
		profile_type_error(d, n, "an array of objects");
		return;
	}
	free(r->args);
	r->args = NULL;
	r->nargs = 0;
	if (v->type == PROFILE_JSON_NULL)
		return;
	r->args = xcalloc(v->count + 1, sizeof(*r->args));
	nodes = xcalloc(v->count + 1, sizeof(*nodes));
	for (c = v->first; c != PROFILE_JSON_NONE;
	     c = profile_node(d, c)->next, i++) {
		struct arg_target a = {&r->args[i], NULL, PROFILE_JSON_NONE,
				       PROFILE_JSON_NONE, 0};
		size_t saved = profile_path_index(d, i);

		nodes[i] = c;
		if (profile_node(d, c)->type == PROFILE_JSON_OBJECT) {
			profile_read_members(d, c, arg_fields,
					     ARRAY_SIZE(arg_fields), &a,
					     "argument");
			check_arg(d, &a, c);
		} else if (profile_node(d, c)->type == PROFILE_JSON_NULL) {
			profile_diag(
				d, PROFILE_ERROR, profile_node(d, c)->start,
				"null argument (Docker reads it as an argument without op, podman crashes)");
		} else {
			profile_type_error(d, c, "an object");
		}
		free(a.op);
		profile_path_pop(d, saved);
	}
	r->nargs = i;
	check_arg_indexes(d, r, nodes);
	free(nodes);
}

static void dec_names(struct profile_reader *d, void *t, size_t n)
{
	struct rule_target *rt = t;

	profile_read_strings(d, n, &rt->rule->names, &rt->rule->nnames);
	rt->src->names = n;
	d->lay->names_nodes[rt->rule->index] = n;
}

static void dec_name(struct profile_reader *d, void *t, size_t n)
{
	struct rule_target *rt = t;

	profile_read_string(d, n, &rt->src->name_str, &rt->src->name);
}

static void dec_action(struct profile_reader *d, void *t, size_t n)
{
	struct rule_target *rt = t;

	profile_read_string(d, n, &rt->src->action_str, &rt->src->action);
}

static void dec_errno_ret(struct profile_reader *d, void *t, size_t n)
{
	struct profile_rule_src *src = ((struct rule_target *)t)->src;

	if (profile_node(d, n)->type == PROFILE_JSON_NULL)
		src->has_errno_ret = false;
	else if (d->p->format == PROFILE_FORMAT_KUBERNETES &&
		 profile_node(d, n)->type == PROFILE_JSON_STRING)
		src->has_errno_ret = profile_read_kube_errno(
					     d, n, &src->errno_ret_value) > 0;
	else if (profile_read_uint(d, n, &src->errno_ret_value) > 0)
		src->has_errno_ret = true;
	src->errno_ret = n;
}

static void dec_errno(struct profile_reader *d, void *t, size_t n)
{
	struct profile_rule_src *src = ((struct rule_target *)t)->src;

	profile_read_string(d, n, &src->errno_str, &src->errno_name);
}

static void dec_comment(struct profile_reader *d, void *t, size_t n)
{
	struct rule_target *rt = t;

	profile_read_string(d, n, &rt->rule->comment, NULL);
}

static void dec_includes(struct profile_reader *d, void *t, size_t n)
{
	struct rule_target *rt = t;

	profile_read_filter(d, &rt->rule->includes, &rt->src->includes, n,
			    false);
}

static void dec_excludes(struct profile_reader *d, void *t, size_t n)
{
	struct rule_target *rt = t;

	profile_read_filter(d, &rt->rule->excludes, &rt->src->excludes, n,
			    true);
}

static const struct profile_field rule_fields[] = {
	PROFILE_FIELD("names", PROFILE_IN_ALL, dec_names),
	PROFILE_FIELD("action", PROFILE_IN_ALL, dec_action),
	PROFILE_FIELD("errnoRet", PROFILE_IN_ALL, dec_errno_ret),
	PROFILE_FIELD("args", PROFILE_IN_ALL, dec_args),
	PROFILE_FIELD("name", PROFILE_IN_DOCKERISH, dec_name),
	PROFILE_FIELD("comment", PROFILE_IN_DOCKERISH, dec_comment),
	PROFILE_OBJECT_FIELD("includes", PROFILE_IN_DOCKERISH, dec_includes),
	PROFILE_OBJECT_FIELD("excludes", PROFILE_IN_DOCKERISH, dec_excludes),
	PROFILE_FIELD("errno", PROFILE_IN_CONTAINERS, dec_errno),
};

static void rule_free(struct profile_rule *r)
{
	profile_strings_free(r->names, r->nnames);
	free(r->args);
	free(r->comment);
	profile_filter_free(&r->includes);
	profile_filter_free(&r->excludes);
}

void profile_rules_free(struct profile_rule *rules, size_t n)
{
	profile_rules_release(rules, n);
	free(rules);
}

void profile_rules_release(struct profile_rule *rules, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rule_free(&rules[i]);
}

void profile_rule_srcs_free(struct profile_rule_src *srcs, size_t n)
{
	size_t i;

	for (i = 0; srcs && i < n; i++) {
		free(srcs[i].action_str);
		free(srcs[i].name_str);
		free(srcs[i].errno_str);
	}
	free(srcs);
}

static void rules_reset(struct profile_reader *d)
{
	struct profile_layout *lay = d->lay;

	profile_rule_srcs_free(d->top.rules, d->p->nrules);
	d->top.rules = NULL;
	profile_rules_free(d->p->rules, d->p->nrules);
	d->p->rules = NULL;
	d->p->nrules = 0;
	free(lay->rule_nodes);
	free(lay->names_nodes);
	lay->rule_nodes = lay->names_nodes = NULL;
}

void profile_read_rule(struct profile_reader *d, size_t c, size_t i,
		       struct profile_rule_src *src)
{
	struct profile_rule *r = &d->p->rules[i];
	struct rule_target rt = {r, src};
	size_t saved = profile_path_index(d, i);
	const struct profile_filter_src none = {
		PROFILE_JSON_NONE, PROFILE_JSON_NONE, PROFILE_JSON_NONE};

	r->index = i;
	profile_position(d, profile_node(d, c)->start, &r->line, &r->column);
	src->node = c;
	src->action = src->name = src->names = PROFILE_JSON_NONE;
	src->errno_ret = src->errno_name = PROFILE_JSON_NONE;
	src->includes = src->excludes = none;
	d->lay->rule_nodes[i] = c;
	d->lay->names_nodes[i] = PROFILE_JSON_NONE;
	if (profile_node(d, c)->type == PROFILE_JSON_OBJECT)
		profile_read_members(d, c, rule_fields, ARRAY_SIZE(rule_fields),
				     &rt, "rule");
	else if (profile_node(d, c)->type == PROFILE_JSON_NULL)
		profile_diag(
			d, PROFILE_ERROR, profile_node(d, c)->start,
			"null rule (Docker's and podman's loaders crash on it)");
	else
		profile_type_error(d, c, "an object (a rule)");
	profile_path_pop(d, saved);
}

void profile_read_syscalls(struct profile_reader *d, void *t, size_t n)
{
	const struct profile_json_node *v = profile_node(d, n);
	size_t c, i = 0, count = v->count;

	(void)t;
	if (v->type != PROFILE_JSON_ARRAY && v->type != PROFILE_JSON_NULL) {
		profile_type_error(d, n, "an array of rules");
		return;
	}
	rules_reset(d);
	d->top.syscalls = d->lay->syscalls = n;
	if (v->type == PROFILE_JSON_NULL)
		return;
	d->p->rules = xcalloc(count + 1, sizeof(*d->p->rules));
	d->top.rules = xcalloc(count + 1, sizeof(*d->top.rules));
	d->lay->rule_nodes = xcalloc(count + 1, sizeof(size_t));
	d->lay->names_nodes = xcalloc(count + 1, sizeof(size_t));
	for (c = v->first; c != PROFILE_JSON_NONE;
	     c = profile_node(d, c)->next) {
		profile_read_rule(d, c, i, &d->top.rules[i]);
		i++;
	}
	d->p->nrules = i;
}
