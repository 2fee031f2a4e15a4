// SPDX-License-Identifier: Apache-2.0
/*
 * The security-profiles-operator's SeccompProfile object (API group
 * security-profiles-operator.x-k8s.io, version v1beta1), as YAML: its
 * spec holds a resolved profile (api/seccompprofile/v1beta1 in
 * kubernetes-sigs/security-profiles-operator). The operator writes the
 * spec to each node for the kubelet's Localhost profiles.
 *
 * What the object cannot hold is refused rather than changed: it has no
 * defaultErrnoRet (runtimes then return EPERM), its argument values are
 * int64 (at least 0), and its listenerPath must lie in the operator's
 * directory.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "internal.h"

#define API_VERSION   "security-profiles-operator.x-k8s.io/v1beta1"
#define LISTENER_DIR  "/var/run/security-profiles-operator/"
#define NAME_MAX_LEN  253
#define LABEL_MAX_LEN 63

/* [a-z0-9], with '-' inside: one part of a DNS name (RFC 1123). */
static bool is_label(const char *s, size_t n)
{
	size_t i;

	if (!n || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '-')
			return false;
	return true;
}

/* Kubernetes' IsDNS1123Subdomain: labels joined by '.', 253 at most. */
bool export_kubernetes_name_ok(const char *name)
{
	const char *p, *dot;

	if (strlen(name) > NAME_MAX_LEN)
		return false;
	for (p = name;; p = dot + 1) {
		dot = strchrnul(p, '.');
		if (!is_label(p, (size_t)(dot - p)))
			return false;
		if (!*dot)
			return true;
	}
}

/* Kubernetes' IsDNS1123Label: one label, 63 at most. */
bool export_kubernetes_namespace_ok(const char *name)
{
	size_t n = strlen(name);

	return n <= LABEL_MAX_LEN && is_label(name, n);
}

int export_kubernetes_name_check(const char *name, bool namespace,
				 struct err *err)
{
	if (namespace ? export_kubernetes_namespace_ok(name)
		      : export_kubernetes_name_ok(name))
		return 0;
	return err_set(
		err, EINVAL, "'%s' is not a Kubernetes %s (%s)", name,
		namespace ? "namespace" : "name",
		namespace
			? "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63"
			: "lower-case letters, digits, '-' and '.', each part between dots starting and ending with a letter or digit, at most 253");
}

void export_kubernetes_name(const char *file, struct strbuf *out)
{
	const char *base = strrchr(file, '/'), *dot;
	size_t start = out->len, i, n;

	base = base ? base + 1 : file;
	dot = strrchr(base, '.');
	n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	for (i = 0; i < n && out->len - start < NAME_MAX_LEN; i++) {
		unsigned char c = (unsigned char)base[i];

		if (isalnum(c))
			strbuf_addc(out, (char)tolower(c));
		else if (out->len > start && out->buf[out->len - 1] != '-')
			strbuf_addc(out, '-');
	}
	while (out->len > start &&
	       !isalnum((unsigned char)out->buf[out->len - 1]))
		out->buf[--out->len] = '\0';
	if (out->len == start)
		strbuf_adds(out, "profile");
}

static bool listener_ok(const char *path)
{
	size_t i;

	if (!str_has_prefix(path, LISTENER_DIR) || !path[strlen(LISTENER_DIR)])
		return false;
	for (i = strlen(LISTENER_DIR); path[i]; i++)
		if (!isalnum((unsigned char)path[i]) && !strchr("_-.", path[i]))
			return false;
	return true;
}

/* What the object cannot hold, said in ERR (the first thing found). */
static int fits(const struct resolve_result *r, struct err *err)
{
	const struct profile *p = r->profile;
	struct strbuf where = STRBUF_INIT;
	size_t i, j;
	int rc = 0;

	if (r->default_verdict.action == PROFILE_ACT_ERRNO &&
	    r->default_verdict.data != EPERM)
		return err_set(
			err, EINVAL,
			"%s: defaultErrnoRet %u: a SeccompProfile has no defaultErrnoRet (runtimes return EPERM)",
			p->file, r->default_verdict.data);
	if (p->listener_path && *p->listener_path &&
	    !listener_ok(p->listener_path))
		return err_set(
			err, EINVAL,
			"%s: listenerPath %s: the operator takes only paths under " LISTENER_DIR,
			p->file, p->listener_path);
	for (i = 0; i < r->nrules && rc == 0; i++) {
		for (j = 0; j < r->rules[i].nargs && rc == 0; j++) {
			const struct profile_arg *a = &r->rules[i].args[j];

			if (a->value <= INT64_MAX && a->value_two <= INT64_MAX)
				continue;
			resolve_id_path(p, r->rules[i].id, &where);
			rc = err_set(
				err, EINVAL,
				"%s: %s.args[%zu]: %#llx: a SeccompProfile's argument values are int64",
				p->file, where.buf, j,
				(unsigned long long)(a->value > INT64_MAX
							     ? a->value
							     : a->value_two));
		}
	}
	strbuf_release(&where);
	return rc;
}

int export_kubernetes(const struct resolve_result *r, const char *name,
		      const char *namespace, struct strbuf *out,
		      struct export_notes *notes, struct err *err)
{
	struct doc *o, *meta;
	int rc;

	rc = export_kubernetes_name_check(name, false, err);
	if (rc == 0 && namespace)
		rc = export_kubernetes_name_check(namespace, true, err);
	if (rc == 0)
		rc = fits(r, err);
	if (rc < 0)
		return rc;
	o = doc_object();
	doc_put_str(o, "apiVersion", API_VERSION);
	doc_put_str(o, "kind", "SeccompProfile");
	meta = doc_object();
	doc_put_str(meta, "name", name);
	if (namespace)
		doc_put_str(meta, "namespace", namespace);
	doc_put(o, "metadata", meta);
	doc_put(o, "spec", export_resolved(r, true, notes));
	rc = doc_write_yaml(o, out, err);
	doc_free(o);
	return rc;
}
