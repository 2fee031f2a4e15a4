// SPDX-License-Identifier: Apache-2.0
/*
 * "Allow calls of this architecture": the edit behind accepting a call
 * that a profile refused only because it does not list the call's ABI
 * (an `int $0x80` of a 64-bit program, a 32-bit helper), which libseccomp
 * answers with its bad-architecture action before any rule is looked at.
 *
 * The ABI goes where the profile already names its ABIs: "architectures",
 * or, in a Docker or containers profile that uses archMap instead, the
 * subArchitectures of the host's entry (moby refuses a profile that has
 * both non-empty, so the edit never adds the other one).
 */
#include <errno.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/sysent.h"

static bool list_has(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] && !strcmp(v[i], s))
			return true;
	return false;
}

/* The archMap is what the loader reads (architectures empty, not OCI). */
static bool uses_archmap(const struct profile *p)
{
	return !p->narchitectures && p->narchmap &&
	       !profile_format_resolved(p->format);
}

/* The archMap entry of HOST, or p->narchmap. */
static size_t archmap_entry(const struct profile *p, const char *host)
{
	size_t i;

	for (i = 0; i < p->narchmap; i++)
		if (p->archmap[i].arch && !strcmp(p->archmap[i].arch, host))
			break;
	return i;
}

static bool has_arch(const struct profile *p, const char *host,
		     const char *scmp)
{
	size_t e;

	if (!strcmp(host, scmp))
		return true; /* libseccomp's filter always has the native ABI */
	if (!uses_archmap(p))
		return list_has(p->architectures, p->narchitectures, scmp);
	e = archmap_entry(p, host);
	return e < p->narchmap &&
	       list_has(p->archmap[e].subs, p->archmap[e].nsubs, scmp);
}

/* The member NAME of object OBJ that Go decodes last, or NONE. */
static size_t last_member(const struct profile *p, size_t obj, const char *name)
{
	const struct profile_json *doc = &p->layout->doc;
	size_t m = PROFILE_JSON_NONE, next;

	while ((next = profile_json_next_member(doc, obj, name, m)) !=
	       PROFILE_JSON_NONE)
		m = next;
	return m;
}

/*
 * Make SCMP an element of the array that member KEY of OBJ holds: append
 * to a non-empty array, else write the value ITEMS (an absent member is
 * added at the end of OBJ; a null or [] is replaced).
 */
static void splice_into(const struct profile *p, const struct profile_style *st,
			size_t obj, const char *key, const char *scmp,
			const struct profile_out *items, size_t nitems,
			struct profile_splice *sp)
{
	const struct profile_json_node *nodes = p->layout->doc.nodes;
	struct profile_out str = profile_out_str(NULL, scmp);
	struct profile_out list =
		profile_out_list(false, key, items, nitems, false);
	size_t m = last_member(p, obj, key);

	if (m == PROFILE_JSON_NONE)
		profile_splice_member(p, st, obj, &list, sp);
	else if (nodes[m].type == PROFILE_JSON_ARRAY && nodes[m].count)
		profile_splice_element(p, st, m, nodes[m].count, &str, false,
				       sp);
	else
		profile_splice_value(p, st, m, &list, sp);
}

static void splice_arch(const struct profile *p, const char *host,
			const char *scmp, struct profile_splice *sp)
{
	struct profile_out pair[2] = {profile_out_str(NULL, host),
				      profile_out_str(NULL, scmp)};
	struct profile_out sub = profile_out_str(NULL, scmp);
	struct profile_out members[2], entry;
	struct profile_style st;
	size_t obj = p->layout->seccomp, e, map;

	profile_style_detect(p, &st);
	if (!uses_archmap(p)) {
		splice_into(p, &st, obj, "architectures", scmp, pair, 2, sp);
		return;
	}
	map = last_member(p, obj, "archMap");
	e = archmap_entry(p, host);
	if (e < p->narchmap) {
		obj = profile_json_element(&p->layout->doc, map, e);
		splice_into(p, &st, obj, "subArchitectures", scmp, &sub, 1, sp);
		return;
	}
	members[0] = profile_out_str("architecture", host);
	members[1] =
		profile_out_list(false, "subArchitectures", &sub, 1, false);
	entry = profile_out_list(true, NULL, members, 2, false);
	profile_splice_element(p, &st, map, p->layout->doc.nodes[map].count,
			       &entry, false, sp);
}

int profile_allow_arch(struct profile *p, const char *host, const char *scmp,
		       struct err *err)
{
	struct profile_edit ed;
	struct profile_splice sp;
	int rc;

	if (!sysent_arch_by_scmp(host) || !sysent_arch_by_scmp(scmp))
		return err_set(err, EINVAL, "unknown architecture \"%s\"",
			       sysent_arch_by_scmp(host) ? scmp : host);
	rc = profile_edit_check_confined(p, err);
	if (rc < 0 || has_arch(p, host, scmp))
		return rc;
	profile_edit_begin(p, &ed);
	splice_arch(p, host, scmp, &sp);
	rc = profile_edit_splice(p, &sp, err);
	if (rc < 0) {
		profile_edit_end(p, &ed, false, NULL);
		return rc;
	}
	return profile_edit_end(p, &ed, has_arch(p, host, scmp), err);
}
