// SPDX-License-Identifier: Apache-2.0
/*
 * A rule's conditions: "includes" and "excludes" with caps, arches and
 * minKernel. They are Docker's (and podman's, without minKernel); OCI
 * runtimes never see them. minKernel is parsed exactly as moby's
 * KernelVersion.UnmarshalJSON does, errors word for word, since a
 * profile that moby refuses to decode must not pass here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/sysent.h"

struct filter_target {
	struct profile_filter *f;
	struct profile_filter_src *src;
	bool excludes;
};

static void dec_caps(struct profile_reader *d, void *t, size_t n)
{
	struct filter_target *ft = t;

	profile_read_strings(d, n, &ft->f->caps, &ft->f->ncaps);
	ft->src->caps = n;
}

static void dec_arches(struct profile_reader *d, void *t, size_t n)
{
	struct filter_target *ft = t;

	profile_read_strings(d, n, &ft->f->arches, &ft->f->narches);
	ft->src->arches = n;
}

/* strconv.ParseUint(s, 10, 8), and its error text. */
static const char *parse_u8(const char *s, size_t len, unsigned *out)
{
	unsigned v = 0;
	size_t i;

	if (!len)
		return "invalid syntax";
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return "invalid syntax";
		v = v * 10 + (unsigned)(s[i] - '0');
		if (v > 255)
			return "value out of range";
	}
	*out = v;
	return NULL;
}

static void kernel_error(struct profile_reader *d, size_t n, const char *cause,
			 const char *part, size_t plen)
{
	const struct profile_json_node *v = profile_node(d, n);
	struct strbuf raw = STRBUF_INIT, p = STRBUF_INIT;
	size_t len = v->end - v->start;

	/* moby prints the raw JSON; only unsafe bytes are escaped here */
	profile_escape_raw(&raw, d->lay->doc.text + v->start,
			   len > 64 ? 64 : len);
	if (part) {
		strbuf_adds(&p, ": strconv.ParseUint: parsing ");
		profile_quote(&p, part, plen);
		strbuf_adds(&p, ": ");
	} else if (cause) {
		strbuf_adds(&p, ": ");
	}
	profile_diag(
		d, PROFILE_ERROR, v->start,
		"invalid kernel version: %s%s, expected \"<kernel>.<major>\"%s%s",
		strbuf_str(&raw), len > 64 ? "..." : "", strbuf_str(&p),
		cause ? cause : "");
	strbuf_release(&raw);
	strbuf_release(&p);
}

static void dec_min_kernel(struct profile_reader *d, void *t, size_t n)
{
	struct filter_target *ft = t;
	const struct profile_json_node *v = profile_node(d, n);
	const char *s = v->str, *dot, *cause;
	unsigned k[2];
	size_t rest;

	ft->src->min_kernel = n;
	if (v->type == PROFILE_JSON_NULL) {
		ft->f->has_min_kernel = false;
		return;
	}
	if (v->type != PROFILE_JSON_STRING) {
		static const char *const kinds[] = {
			[PROFILE_JSON_FALSE] = "bool",
			[PROFILE_JSON_TRUE] = "bool",
			[PROFILE_JSON_NUMBER] = "number",
			[PROFILE_JSON_ARRAY] = "array",
			[PROFILE_JSON_OBJECT] = "object",
		};
		char why[80];

		snprintf(
			why, sizeof(why),
			"json: cannot unmarshal %s into Go value of type string",
			kinds[v->type]);
		kernel_error(d, n, why, NULL, 0);
		return;
	}
	if (!v->str_len) {
		/* moby returns early and leaves the version as it was */
		if (!ft->f->has_min_kernel)
			ft->f->min_kernel[0] = ft->f->min_kernel[1] = 0;
		ft->f->has_min_kernel = true;
		profile_diag(
			d, PROFILE_WARNING, v->start,
			"an empty minKernel reads as 0.0, which every kernel reaches: %s",
			ft->excludes ? "the rule is always excluded"
				     : "the condition always holds");
		return;
	}
	/* strings.SplitN(s, ".", 3) must give exactly two parts */
	dot = memchr(s, '.', v->str_len);
	rest = dot ? v->str_len - (size_t)(dot - s) - 1 : 0;
	if (!dot || memchr(dot + 1, '.', rest)) {
		kernel_error(d, n, NULL, NULL, 0);
		return;
	}
	cause = parse_u8(s, (size_t)(dot - s), &k[0]);
	if (cause) {
		kernel_error(d, n, cause, s, (size_t)(dot - s));
		return;
	}
	cause = parse_u8(dot + 1, rest, &k[1]);
	if (cause) {
		kernel_error(d, n, cause, dot + 1, rest);
		return;
	}
	if (!k[0] && !k[1]) {
		kernel_error(d, n, "version cannot be 0.0", NULL, 0);
		return;
	}
	ft->f->has_min_kernel = true;
	ft->f->min_kernel[0] = k[0];
	ft->f->min_kernel[1] = k[1];
}

static const struct profile_field filter_fields[] = {
	PROFILE_FIELD("caps", PROFILE_IN_DOCKERISH, dec_caps),
	PROFILE_FIELD("arches", PROFILE_IN_DOCKERISH, dec_arches),
	PROFILE_FIELD("minKernel", PROFILE_IN_DOCKER, dec_min_kernel),
};

void profile_filter_free(struct profile_filter *f)
{
	profile_strings_free(f->caps, f->ncaps);
	profile_strings_free(f->arches, f->narches);
	memset(f, 0, sizeof(*f));
}

void profile_read_filter(struct profile_reader *d, struct profile_filter *f,
			 struct profile_filter_src *src, size_t n,
			 bool excludes)
{
	struct filter_target ft = {f, src, excludes};
	enum profile_json_type type = profile_node(d, n)->type;

	if (type == PROFILE_JSON_NULL) {
		/* Docker's *Filter becomes nil; podman's Filter is a plain
		   struct that null leaves alone */
		if (d->p->format != PROFILE_FORMAT_CONTAINERS) {
			profile_filter_free(f);
			src->caps = src->arches = src->min_kernel =
				PROFILE_JSON_NONE;
		}
		return;
	}
	if (type != PROFILE_JSON_OBJECT) {
		profile_type_error(d, n, "an object");
		return;
	}
	f->present = true;
	profile_read_members(d, n, filter_fields, ARRAY_SIZE(filter_fields),
			     &ft, "condition");
}

static void check_cap(struct profile_reader *d, const char *cap, size_t at)
{
	size_t n, i;
	const char *const *caps = profile_cap_names(&n);

	for (i = 0; i < n; i++) {
		if (!strcmp(caps[i], cap))
			return;
		if (str_eq_nocase(caps[i], cap))
			break;
	}
	profile_unknown(
		d, PROFILE_WARNING, at, "capability", cap,
		i < n ? ": capabilities are compared as written, so it never matches"
		      : "",
		i < n ? caps[i] : profile_suggest(cap, caps, n));
}

/* The names Docker (moby's goToNative) or podman compare arches with. */
static const char *host_name(const struct sysent_arch *a, enum profile_format f)
{
	return f == PROFILE_FORMAT_CONTAINERS ? a->podman : a->moby;
}

static void check_arch(struct profile_reader *d, const char *name, size_t at)
{
	enum profile_format f = d->p->format;
	const struct sysent_arch *all, *alias;
	struct strbuf sb = STRBUF_INIT;
	const char *hint;
	size_t n, i;

	all = sysent_arches(&n);
	for (i = 0; i < n; i++)
		if (host_name(&all[i], f) &&
		    !strcmp(host_name(&all[i], f), name))
			return;
	alias = sysent_arch_by_any(name);
	hint = alias ? host_name(alias, f) : NULL;
	profile_quote(&sb, name, strlen(name));
	profile_diag(
		d, PROFILE_NOTE, at,
		"%s never matches: %s compares arches with %s names (amd64, arm64...)%s%s%s",
		strbuf_str(&sb),
		f == PROFILE_FORMAT_CONTAINERS ? "podman" : "Docker",
		f == PROFILE_FORMAT_CONTAINERS ? "libseccomp's" : "Go's",
		hint ? " (did you mean \"" : "", hint ? hint : "",
		hint ? "\"?)" : "");
	strbuf_release(&sb);
}

void profile_validate_filter(struct profile_reader *d,
			     const struct profile_filter *f,
			     const struct profile_filter_src *src)
{
	size_t i, saved;

	saved = profile_path_key(d, "caps", 4);
	for (i = 0; i < f->ncaps; i++) {
		size_t at = profile_path_index(d, i);

		check_cap(
			d, f->caps[i],
			profile_offset(d, profile_json_element(&d->lay->doc,
							       src->caps, i)));
		profile_path_pop(d, at);
	}
	profile_path_pop(d, saved);
	saved = profile_path_key(d, "arches", 6);
	for (i = 0; i < f->narches; i++) {
		size_t at = profile_path_index(d, i);

		check_arch(d, f->arches[i],
			   profile_offset(d, profile_json_element(&d->lay->doc,
								  src->arches,
								  i)));
		profile_path_pop(d, at);
	}
	profile_path_pop(d, saved);
}
