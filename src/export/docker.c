// SPDX-License-Identifier: Apache-2.0
/*
 * Docker's JSON from the model: what Docker, podman, containerd and CRI-O
 * load, and what a kubelet hands them from a Localhost profile. Keys in
 * the order moby's types write them (Docker's own default.json comes back
 * byte for byte); empty members left out as Go's omitempty does. From a
 * podman profile, errno names become numbers (errnoRet,
 * defaultErrnoRet), which both read; the conditions stay, for the
 * runtime to resolve on the host that runs the container.
 */
#include <errno.h>

#include "internal.h"

static struct doc *strings(char *const *v, size_t n)
{
	struct doc *a = doc_array();
	size_t i;

	for (i = 0; i < n; i++)
		doc_push(a, doc_str(v[i]));
	return a;
}

static struct doc *archmap(const struct profile *p)
{
	struct doc *a = doc_array(), *o;
	size_t i;

	for (i = 0; i < p->narchmap; i++) {
		o = doc_object();
		doc_put_str(o, "architecture", p->archmap[i].arch);
		/* moby writes a missing list as null, not [] */
		doc_put(o, "subArchitectures",
			p->archmap[i].nsubs ? strings(p->archmap[i].subs,
						      p->archmap[i].nsubs)
					    : doc_null());
		doc_push(a, o);
	}
	return a;
}

static struct doc *filter(const struct profile_filter *f)
{
	struct doc *o = doc_object();
	char kernel[32];

	if (f->ncaps)
		doc_put(o, "caps", strings(f->caps, f->ncaps));
	if (f->narches)
		doc_put(o, "arches", strings(f->arches, f->narches));
	if (f->has_min_kernel) {
		snprintf(kernel, sizeof(kernel), "%u.%u", f->min_kernel[0],
			 f->min_kernel[1]);
		doc_put_str(o, "minKernel", kernel);
	}
	return o;
}

static bool filter_empty(const struct profile_filter *f)
{
	return !f->ncaps && !f->narches && !f->has_min_kernel;
}

struct doc *export_args(const struct profile_arg *args, size_t n)
{
	struct doc *a = doc_array(), *o;
	size_t i;

	for (i = 0; i < n; i++) {
		o = doc_object();
		doc_put_uint(o, "index", args[i].index);
		doc_put_uint(o, "value", args[i].value);
		if (args[i].value_two)
			doc_put_uint(o, "valueTwo", args[i].value_two);
		doc_put_str(o, "op", profile_op_name(args[i].op));
		doc_push(a, o);
	}
	return a;
}

static struct doc *rule(const struct profile_rule *r)
{
	struct doc *o = doc_object();

	doc_put(o, "names", strings(r->names, r->nnames));
	doc_put_str(o, "action", profile_action_name(r->action));
	if (r->has_errno)
		doc_put_uint(o, "errnoRet", r->errno_ret);
	if (r->nargs)
		doc_put(o, "args", export_args(r->args, r->nargs));
	if (r->comment && *r->comment)
		doc_put_str(o, "comment", r->comment);
	if (!filter_empty(&r->includes))
		doc_put(o, "includes", filter(&r->includes));
	if (!filter_empty(&r->excludes))
		doc_put(o, "excludes", filter(&r->excludes));
	return o;
}

int export_docker(const struct profile *p, struct doc **out, struct err *err)
{
	struct doc *o, *rules;
	size_t i;

	if (p->unconfined)
		return err_set(
			err, EINVAL,
			"%s: no seccomp at all (Docker runs it unconfined): nothing to export",
			p->file);
	o = doc_object();
	doc_put_str(o, "defaultAction", profile_action_name(p->default_action));
	if (p->has_default_errno)
		doc_put_uint(o, "defaultErrnoRet", p->default_errno);
	if (p->narchitectures)
		doc_put(o, "architectures",
			strings(p->architectures, p->narchitectures));
	if (p->has_flags)
		doc_put(o, "flags", strings(p->flags, p->nflags));
	if (p->listener_path && *p->listener_path)
		doc_put_str(o, "listenerPath", p->listener_path);
	if (p->listener_metadata && *p->listener_metadata)
		doc_put_str(o, "listenerMetadata", p->listener_metadata);
	if (p->narchmap)
		doc_put(o, "archMap", archmap(p));
	rules = doc_array();
	for (i = 0; i < p->nrules; i++)
		doc_push(rules, rule(&p->rules[i]));
	doc_put(o, "syscalls", rules);
	*out = o;
	return 0;
}
