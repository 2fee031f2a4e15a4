// SPDX-License-Identifier: Apache-2.0
/*
 * Loading: text -> scanned JSON -> format -> model + diagnostics.
 *
 * The format is detected from the keys when not forced: an OCI
 * config.json has "linux" (or "ociVersion") at the top; a containers/common
 * profile has "defaultErrno" or a rule with "errno"; anything else reads
 * as Docker's (a bare OCI linux.seccomp object is a Docker profile without
 * Docker's extra keys, and both loaders read it the same).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const format_names[] = {
	[PROFILE_FORMAT_AUTO] = "auto",
	[PROFILE_FORMAT_DOCKER] = "docker",
	[PROFILE_FORMAT_CONTAINERS] = "containers",
	[PROFILE_FORMAT_OCI] = "oci",
	[PROFILE_FORMAT_KUBERNETES] = "kubernetes",
};

/* Every key a profile object may have, in any format. */
static const char *const profile_keys[] = {
	"defaultAction", "defaultErrnoRet",  "defaultErrno",
	"architectures", "archMap",	     "flags",
	"listenerPath",	 "listenerMetadata", "syscalls",
};

const char *profile_format_name(enum profile_format f)
{
	return (size_t)f < ARRAY_SIZE(format_names) ? format_names[f] : "";
}

int profile_format_lookup(const char *name, enum profile_format *out)
{
	static const struct {
		const char *name;
		enum profile_format f;
	} aliases[] = {{"moby", PROFILE_FORMAT_DOCKER},
		       {"podman", PROFILE_FORMAT_CONTAINERS},
		       {"k8s", PROFILE_FORMAT_KUBERNETES}};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(format_names); i++) {
		if (!strcmp(format_names[i], name)) {
			*out = (enum profile_format)i;
			return 0;
		}
	}
	for (i = 0; i < ARRAY_SIZE(aliases); i++) {
		if (!strcmp(aliases[i].name, name)) {
			*out = aliases[i].f;
			return 0;
		}
	}
	return -EINVAL;
}

static bool has_member(const struct profile_json *doc, size_t obj,
		       const char *name)
{
	return profile_json_next_member(doc, obj, name, PROFILE_JSON_NONE) !=
	       PROFILE_JSON_NONE;
}

/* kind "SeccompProfile" at the top: kubectl get -o json's form. */
static bool is_seccomp_profile(const struct profile_json *doc)
{
	size_t k = profile_json_next_member(doc, 0, "kind", PROFILE_JSON_NONE);

	return k != PROFILE_JSON_NONE &&
	       doc->nodes[k].type == PROFILE_JSON_STRING &&
	       !strcmp(doc->nodes[k].str, "SeccompProfile");
}

static enum profile_format detect(const struct profile_json *doc)
{
	size_t s = PROFILE_JSON_NONE, c;

	if (is_seccomp_profile(doc))
		return PROFILE_FORMAT_KUBERNETES;
	if (has_member(doc, 0, "linux") || has_member(doc, 0, "ociVersion"))
		return PROFILE_FORMAT_OCI;
	if (has_member(doc, 0, "defaultErrno"))
		return PROFILE_FORMAT_CONTAINERS;
	while ((s = profile_json_next_member(doc, 0, "syscalls", s)) !=
	       PROFILE_JSON_NONE) {
		if (doc->nodes[s].type != PROFILE_JSON_ARRAY)
			continue;
		for (c = doc->nodes[s].first; c != PROFILE_JSON_NONE;
		     c = doc->nodes[c].next)
			if (has_member(doc, c, "errno"))
				return PROFILE_FORMAT_CONTAINERS;
	}
	return PROFILE_FORMAT_DOCKER;
}

/* An object none of whose keys a profile has is some other JSON file. */
static bool is_foreign(const struct profile_json *doc)
{
	size_t i;

	if (!doc->nodes[0].count || is_seccomp_profile(doc))
		return false;
	for (i = 0; i < ARRAY_SIZE(profile_keys); i++)
		if (has_member(doc, 0, profile_keys[i]))
			return false;
	return !has_member(doc, 0, "linux") &&
	       !has_member(doc, 0, "ociVersion");
}

/*
 * The occurrences of NAME in OBJ that Go's final value comes from: a null
 * resets a pointer, so only those after the last null count; objects
 * after it merge. Returns how many were stored in OUT (at most max).
 */
static size_t occurrences(struct profile_reader *d, size_t obj,
			  const char *name, size_t *out, size_t max)
{
	size_t c = PROFILE_JSON_NONE, n = 0;

	while ((c = profile_json_next_member(&d->lay->doc, obj, name, c)) !=
	       PROFILE_JSON_NONE) {
		enum profile_json_type t = profile_node(d, c)->type;
		size_t saved = profile_path_key(d, name, strlen(name));

		if (t == PROFILE_JSON_NULL)
			n = 0;
		else if (t != PROFILE_JSON_OBJECT)
			profile_type_error(d, c, "an object");
		else if (n < max)
			out[n++] = c;
		profile_path_pop(d, saved);
	}
	return n;
}

/*
 * linux.seccomp of a config.json (runtime-spec's Spec: Linux and Seccomp
 * are pointers, so they follow the same null and merge rules). False
 * when there is none.
 */
static bool read_config(struct profile_reader *d)
{
	size_t linux_nodes[16], seccomp[16], nl, ns = 0, i;

	nl = occurrences(d, 0, "linux", linux_nodes, ARRAY_SIZE(linux_nodes));
	profile_path_key(d, "linux", 5);
	for (i = 0; i < nl; i++) {
		if (ns == ARRAY_SIZE(seccomp))
			break;
		ns += occurrences(d, linux_nodes[i], "seccomp", seccomp + ns,
				  ARRAY_SIZE(seccomp) - ns);
	}
	profile_path_key(d, "seccomp", 7);
	for (i = 0; i < ns; i++) {
		profile_read_seccomp(d, seccomp[i]);
		d->lay->seccomp = seccomp[i];
	}
	return ns > 0;
}

static int read_profile(struct profile_reader *d)
{
	struct profile *p = d->p;

	if (p->format == PROFILE_FORMAT_KUBERNETES) {
		d->lay->wrapped = true;
		if (!profile_read_kubernetes(d))
			return 0;
	} else if (p->format == PROFILE_FORMAT_OCI &&
		   (has_member(&d->lay->doc, 0, "linux") ||
		    has_member(&d->lay->doc, 0, "ociVersion"))) {
		d->lay->wrapped = true;
		if (!read_config(d)) {
			profile_path_pop(d, 0);
			p->unconfined = true;
			profile_diag(
				d, PROFILE_WARNING, 0,
				"no linux.seccomp: runtimes run the container without seccomp");
			return 0;
		}
	} else if (profile_node(d, 0)->type == PROFILE_JSON_OBJECT) {
		d->lay->seccomp = 0;
		profile_read_seccomp(d, 0);
	} else {
		p->unconfined = true; /* null: Go leaves the profile nil */
		return 0;
	}
	profile_validate(d);
	return 0;
}

static void layout_free(struct profile_layout *lay)
{
	if (!lay)
		return;
	profile_json_release(&lay->doc);
	free(lay->marks);
	free(lay->rule_nodes);
	free(lay->names_nodes);
	free(lay);
}

struct profile_history *profile_model_clear(struct profile *p)
{
	struct profile_history *h = p->layout ? p->layout->history : NULL;
	char *file = p->file;
	size_t i;

	profile_strings_free(p->architectures, p->narchitectures);
	profile_archmap_free(p);
	profile_strings_free(p->flags, p->nflags);
	free(p->listener_path);
	free(p->listener_metadata);
	profile_rules_free(p->rules, p->nrules);
	for (i = 0; i < p->ndiags; i++) {
		free(p->diags[i].path);
		free(p->diags[i].message);
	}
	free(p->diags);
	free(p->text);
	layout_free(p->layout);
	memset(p, 0, sizeof(*p));
	p->file = file;
	return h;
}

static int refuse(const char *file, struct profile_json *doc, size_t at,
		  const char *msg, struct err *err)
{
	unsigned line, col;

	profile_json_position(doc, at, &line, &col);
	return err_set(err, EINVAL, "%s:%u:%u: %s", file, line, col, msg);
}

static int scan(struct profile *p, struct profile_layout *lay, struct err *err)
{
	struct profile_json_error je;
	enum profile_json_type top;
	char msg[160];

	if (profile_json_parse(&lay->doc, p->text, p->len, &je) < 0)
		return refuse(p->file, &lay->doc, je.offset, je.msg, err);
	top = lay->doc.nodes[0].type;
	if (top != PROFILE_JSON_OBJECT && top != PROFILE_JSON_NULL) {
		snprintf(
			msg, sizeof(msg),
			"expected an object (a seccomp profile or an OCI config.json), found %s",
			profile_json_type_name(top));
		return refuse(p->file, &lay->doc, lay->doc.nodes[0].start, msg,
			      err);
	}
	if (top == PROFILE_JSON_OBJECT &&
	    p->format != PROFILE_FORMAT_KUBERNETES && is_foreign(&lay->doc))
		return refuse(
			p->file, &lay->doc, 0,
			"expected a seccomp profile (defaultAction, syscalls...) or an OCI config.json (linux.seccomp): this object has none of their keys",
			err);
	return 0;
}

/* Whether A comes after B in the file (diagnostics with no place last). */
static bool diag_after(const struct profile_diag *a,
		       const struct profile_diag *b)
{
	if (!a->line || !b->line)
		return !a->line && b->line;
	return a->line > b->line ||
	       (a->line == b->line && a->column > b->column);
}

/*
 * Diagnostics in the order of the file, as a person reads it; stable, so
 * findings at one place keep the order they were found in.
 */
void profile_sort_diags(struct profile *p)
{
	size_t i, j;

	for (i = 1; i < p->ndiags; i++) {
		struct profile_diag d = p->diags[i];

		for (j = i; j > 0 && diag_after(&p->diags[j - 1], &d); j--)
			p->diags[j] = p->diags[j - 1];
		p->diags[j] = d;
	}
}

int profile_parse_into(struct profile *p, char *text, size_t len,
		       enum profile_format format, struct err *err)
{
	return profile_parse_marked(p, text, len, format, NULL, 0, err);
}

int profile_parse_marked(struct profile *p, char *text, size_t len,
			 enum profile_format format, struct doc_mark *marks,
			 size_t nmarks, struct err *err)
{
	struct profile_layout *lay = xcalloc(1, sizeof(*lay));
	struct profile_reader d = {.p = p, .lay = lay};
	int rc;

	lay->marks = marks;
	lay->nmarks = nmarks;
	p->text = text;
	p->len = len;
	p->format = format;
	rc = scan(p, lay, err);
	if (rc < 0) {
		layout_free(lay);
		p->text = NULL;
		p->len = 0;
		return rc;
	}
	if (p->format == PROFILE_FORMAT_AUTO)
		p->format = detect(&lay->doc);
	lay->seccomp = lay->syscalls = PROFILE_JSON_NONE;
	d.top = (struct profile_top_src){.obj = 0};
	d.top.action = d.top.errno_ret = d.top.errno_name = PROFILE_JSON_NONE;
	d.top.architectures = d.top.archmap = d.top.flags = PROFILE_JSON_NONE;
	d.top.listener_path = d.top.listener_metadata = PROFILE_JSON_NONE;
	d.top.syscalls = PROFILE_JSON_NONE;
	p->layout = lay;
	rc = read_profile(&d);
	profile_sort_diags(p);
	profile_top_release(&d.top, p->nrules);
	strbuf_release(&d.path);
	return rc;
}

int profile_parse(const char *name, const char *text, size_t len,
		  enum profile_format format, struct profile **out,
		  struct err *err)
{
	struct profile *p = xcalloc(1, sizeof(*p));
	struct doc_mark *marks = NULL;
	size_t nmarks = 0;
	char *copy = NULL;
	int rc;

	p->file = xstrdup(name);
	rc = profile_from_yaml(name, text, len, &format, &copy, &len, &marks,
			       &nmarks, err);
	if (rc < 0) {
		profile_free(p);
		return rc;
	}
	if (rc == 0) {
		copy = xmalloc(len + 1);
		memcpy(copy, text, len);
		copy[len] = '\0';
	}
	rc = profile_parse_marked(p, copy, len, format, marks, nmarks, err);
	if (rc < 0) {
		free(copy); /* not taken on failure */
		profile_free(p);
		return rc;
	}
	/* a SeccompProfile's text is ours: keep it as json-c lays it out */
	p->generated = p->format == PROFILE_FORMAT_KUBERNETES && marks;
	*out = p;
	return 0;
}

int profile_load(const char *path, enum profile_format format,
		 struct profile **out, struct err *err)
{
	char *text;
	size_t len;
	int rc;

	rc = read_file(path, PROFILE_MAX_BYTES, &text, &len, err);
	if (rc < 0)
		return rc;
	rc = profile_parse(path, text, len, format, out, err);
	free(text);
	return rc;
}

void profile_free(struct profile *p)
{
	if (!p)
		return;
	profile_history_free(profile_model_clear(p));
	free(p->file);
	free(p);
}

bool profile_format_resolved(enum profile_format f)
{
	return f == PROFILE_FORMAT_OCI || f == PROFILE_FORMAT_KUBERNETES;
}

const char *profile_path_prefix(const struct profile *p)
{
	if (!p->layout || !p->layout->wrapped)
		return "";
	return p->format == PROFILE_FORMAT_KUBERNETES ? "spec."
						      : "linux.seccomp.";
}

bool profile_has_errors(const struct profile *p)
{
	size_t i;

	for (i = 0; i < p->ndiags; i++)
		if (p->diags[i].severity == PROFILE_ERROR)
			return true;
	return false;
}

void profile_diag_format(const struct profile *p, const struct profile_diag *d,
			 struct strbuf *out)
{
	static const char *const sev[] = {
		[PROFILE_NOTE] = "note",
		[PROFILE_WARNING] = "warning",
		[PROFILE_ERROR] = "error",
	};

	strbuf_adds(out, p->file);
	if (d->line)
		strbuf_addf(out, ":%u:%u", d->line, d->column);
	strbuf_addf(out, ": %s: ", sev[d->severity]);
	if (d->path[0])
		strbuf_addf(out, "%s: ", d->path);
	strbuf_adds(out, d->message);
}
