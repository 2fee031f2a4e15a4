// SPDX-License-Identifier: Apache-2.0
/*
 * The security-profiles-operator's SeccompProfile object as an input
 * profile: YAML (or JSON, as kubectl get -o json writes it) whose spec is
 * a profile in the runtimes' resolved form (no includes/excludes, no
 * archMap, no defaultErrnoRet).
 *
 * YAML goes through libyaml (the doc module) into a JSON text, which the
 * usual reader reads (format KUBERNETES: paths start "spec."); messages
 * give the YAML's own line:column, through the position of every value
 * the YAML reader kept (the two trees have their values in the same
 * order). The profile's text stays that JSON; it is written back as YAML
 * (profile_render_output), laid out as kubectl writes objects: comments
 * and the input's layout are not kept.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define KIND	  "SeccompProfile"
#define API_GROUP "security-profiles-operator.x-k8s.io/"

/* The first thing that is neither blank nor a comment nor "---". */
static char first_significant(const char *text, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (text[i] == '#' ||
		    (len - i >= 3 && !memcmp(text + i, "---", 3) &&
		     (i == 0 || text[i - 1] == '\n'))) {
			while (i < len && text[i] != '\n')
				i++;
			continue;
		}
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' &&
		    text[i] != '\n')
			return text[i];
		i++;
	}
	return '\0';
}

/* A line that starts "kind:" or "apiVersion:": a Kubernetes object. */
static bool mentions_kind(const char *text, size_t len)
{
	static const char *const keys[] = {"kind:", "apiVersion:"};
	size_t i, k;

	for (i = 0; i < len; i++) {
		if (i && text[i - 1] != '\n')
			continue;
		for (k = 0; k < ARRAY_SIZE(keys); k++)
			if (len - i >= strlen(keys[k]) &&
			    !memcmp(text + i, keys[k], strlen(keys[k])))
				return true;
	}
	return false;
}

int profile_from_yaml(const char *name, const char *text, size_t len,
		      enum profile_format *format, char **json, size_t *jlen,
		      struct doc_mark **marks, size_t *nmarks, struct err *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct doc *v = NULL;
	char first = first_significant(text, len);
	/* YAML without a kind (or nothing at all) is no profile; said so
	 * of a file named as YAML, while the JSON reader's message fits any
	 * other better */
	bool named =
		str_has_suffix(name, ".yaml") || str_has_suffix(name, ".yml");
	bool yaml;
	int rc;

	if (*format != PROFILE_FORMAT_KUBERNETES &&
	    (*format != PROFILE_FORMAT_AUTO || first == '{' || first == '[' ||
	     (!first && !named)))
		return 0;
	rc = doc_parse_yaml(name, text, len, KIND, &v, marks, nmarks, err);
	yaml = (rc == 0 || !first) && named;
	if (rc == 0 && !doc_get(v, "kind")) {
		rc = err_set(
			err, EINVAL,
			"%s: YAML with no kind: not a profile (expected a JSON profile, or a Kubernetes object of kind %s)",
			name, KIND);
		free(*marks);
		*marks = NULL;
	}
	if (rc < 0) {
		doc_free(v);
		/* not YAML either: let the JSON reader say what is wrong */
		if (*format == PROFILE_FORMAT_AUTO && !yaml &&
		    !mentions_kind(text, len))
			return 0;
		return rc;
	}
	doc_write_json(v, DOC_PRETTY, &sb);
	strbuf_addc(&sb, '\n');
	doc_free(v);
	*jlen = sb.len;
	*json = strbuf_detach(&sb);
	*format = PROFILE_FORMAT_KUBERNETES;
	return 1;
}

/* The string value of member KEY of the top object, or NULL. */
static const char *top_string(struct profile_reader *d, const char *key,
			      size_t *node)
{
	size_t k, found = PROFILE_JSON_NONE;

	for (k = profile_node(d, 0)->first; k != PROFILE_JSON_NONE;
	     k = profile_node(d, k)->next)
		if (!strcmp(profile_node(d, k)->key, key))
			found = k;
	*node = found;
	if (found == PROFILE_JSON_NONE ||
	    profile_node(d, found)->type != PROFILE_JSON_STRING)
		return NULL;
	return profile_node(d, found)->str;
}

bool profile_read_kubernetes(struct profile_reader *d)
{
	struct strbuf q = STRBUF_INIT;
	const char *kind, *api;
	size_t kn, an, spec, saved;

	kind = top_string(d, "kind", &kn);
	api = top_string(d, "apiVersion", &an);
	saved = profile_path_key(d, "kind", 4);
	if (!kind || strcmp(kind, KIND)) {
		if (kind)
			profile_quote(&q, kind, strlen(kind));
		profile_diag(
			d, PROFILE_ERROR,
			kn == PROFILE_JSON_NONE ? 0
						: profile_node(d, kn)->start,
			"expected %s, found %s", KIND, kind ? q.buf : "none");
	}
	profile_path_pop(d, saved);
	saved = profile_path_key(d, "apiVersion", 10);
	if (!api || !str_has_prefix(api, API_GROUP))
		profile_diag(d, PROFILE_WARNING,
			     an == PROFILE_JSON_NONE
				     ? 0
				     : profile_node(d, an)->start,
			     "not the security-profiles-operator's (" API_GROUP
			     "v1beta1)");
	profile_path_pop(d, saved);
	strbuf_release(&q);
	top_string(d, "spec", &spec);
	if (spec == PROFILE_JSON_NONE ||
	    profile_node(d, spec)->type != PROFILE_JSON_OBJECT) {
		profile_diag(d, PROFILE_ERROR, 0,
			     "no spec: a SeccompProfile's profile is its spec");
		return false;
	}
	profile_path_key(d, "spec", 4);
	profile_read_seccomp(d, spec);
	d->lay->seccomp = spec;
	return true;
}

/*
 * The operator's CRD typed errnoRet as a string until v0.8.1 (any string
 * passed the API server), and the operator wrote it to the node as it
 * was, where runc and CRI-O cannot read it ("cannot unmarshal string into
 * Go struct field ... errnoRet of type uint":
 * kubernetes-sigs/security-profiles-operator#1769). Read for what it
 * meant, the errno's number or, as podman reads its "errno", its name;
 * warned, since a node with such an operator never loads the profile.
 */
int profile_read_kube_errno(struct profile_reader *d, size_t node,
			    uint64_t *out)
{
	const struct profile_json_node *v = profile_node(d, node);
	struct strbuf q = STRBUF_INIT;
	uint32_t e;
	int rc = 1;

	profile_quote(&q, v->str, strlen(v->str));
	if (profile_errno_parse(v->str, &e) < 0) {
		profile_diag(
			d, PROFILE_ERROR, v->start,
			"expected an errno: its number, or its name as a string (the operator's CRD took strings before v0.8.1), found %s",
			q.buf);
		rc = -1;
	} else {
		*out = e;
		profile_diag(
			d, PROFILE_WARNING, v->start,
			"%s is a string, as the operator's CRD had it before v0.8.1: read as %u, but such an operator writes it to the node as a string, which runc and CRI-O refuse (security-profiles-operator#1769); write the number",
			q.buf, e);
	}
	strbuf_release(&q);
	return rc;
}

/* Node I's position in the YAML: its value's, or its key's. */
static bool mark_of(const struct profile_layout *lay, size_t offset,
		    unsigned *line, unsigned *column)
{
	const struct profile_json_node *nodes = lay->doc.nodes;
	size_t lo = 0, hi = lay->doc.nnodes, mid;

	if (lay->nmarks != lay->doc.nnodes)
		return false; /* not the tree the marks are of */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (nodes[mid].start <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* nodes[lo - 1] starts at or before OFFSET; a key is before it */
	if (lo < lay->doc.nnodes && nodes[lo].key &&
	    nodes[lo].key_start == offset) {
		*line = lay->marks[lo].key_line;
		*column = lay->marks[lo].key_column;
		return true;
	}
	if (!lo)
		return false;
	*line = lay->marks[lo - 1].line;
	*column = lay->marks[lo - 1].column;
	return true;
}

void profile_position(const struct profile_reader *d, size_t offset,
		      unsigned *line, unsigned *column)
{
	*line = *column = 0;
	if (offset == PROFILE_JSON_NONE)
		return;
	if (d->p->format != PROFILE_FORMAT_KUBERNETES)
		profile_json_position(&d->lay->doc, offset, line, column);
	else if (d->lay->marks)
		mark_of(d->lay, offset, line, column);
}

int profile_render_output(const struct profile *p, const char *text, size_t len,
			  struct strbuf *out, struct err *err)
{
	struct doc *v;
	int rc;

	if (p->format != PROFILE_FORMAT_KUBERNETES) {
		strbuf_add(out, text, len);
		return 0;
	}
	rc = doc_parse_json(p->file, text, len, &v, err);
	if (rc == 0)
		rc = doc_write_yaml(v, out, err);
	doc_free(v);
	return rc;
}
