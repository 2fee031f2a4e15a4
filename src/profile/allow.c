// SPDX-License-Identifier: Apache-2.0
/*
 * "Allow NAME always": the edit behind the debugger's most common answer.
 *
 * The name joins the profile's plain allow rule (SCMP_ACT_ALLOW, no args,
 * no conditions: the first such rule), in order when its names are in
 * order, else at the end; without one, a new allow rule goes at the end.
 * libseccomp lets the first unconditional rule for a call win, so the
 * name also leaves unconditional refusing rules that come before it
 * (podman's default lists kexec_load and others in an ERRNO rule ahead of
 * its allow rule); a refusing rule left with no names goes. When the
 * default action already allows, taking the name out is all it takes.
 *
 * profile_allow_syscall_noted does the same with an allow rule of its
 * own, named by its comment ("seccompdbg: ..."), so that what a person
 * should know of those names (runc's start-up calls) stays with them;
 * the plain allow rule is then never one with such a comment.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int profile_edit_check_name(const struct profile *p, const char *name,
			    struct err *err)
{
	size_t i, len = strlen(name);

	for (i = 0; i < len; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
			break;
	if (!len || len > 64 || i < len)
		return err_set(err, EINVAL, "not a system call name");
	return profile_edit_check_confined(p, err);
}

int profile_edit_check_confined(const struct profile *p, struct err *err)
{
	if (p->unconfined || !p->layout ||
	    p->layout->seccomp == PROFILE_JSON_NONE)
		return err_set(
			err, EINVAL,
			"%s: the profile is unconfined (no defaultAction): there is nothing to allow",
			p->file);
	return 0;
}

static bool has_conditions(const struct profile_rule *r)
{
	return r->nargs || r->includes.ncaps || r->includes.narches ||
	       r->includes.has_min_kernel || r->excludes.ncaps ||
	       r->excludes.narches || r->excludes.has_min_kernel;
}

static bool is_plain_allow(const struct profile *p, size_t i)
{
	const struct profile_rule *r = &p->rules[i];
	size_t names = p->layout->names_nodes[i];

	return r->action == PROFILE_ACT_ALLOW && !has_conditions(r) &&
	       !r->has_errno && !r->legacy_name && names != PROFILE_JSON_NONE &&
	       p->layout->doc.nodes[names].type == PROFILE_JSON_ARRAY;
}

/* Rules our notes made: never the plain allow rule. */
#define NOTE_PREFIX "seccompdbg: "

/* Is rule I the allow rule for NOTE (NULL: the plain one)? */
static bool is_allow_for(const struct profile *p, size_t i, const char *note)
{
	const char *c = p->rules[i].comment;

	if (!is_plain_allow(p, i))
		return false;
	if (note)
		return c && !strcmp(c, note);
	return !c || !str_has_prefix(c, NOTE_PREFIX);
}

/* The first allow rule for NOTE, or p->nrules. */
static size_t allow_rule(const struct profile *p, const char *note)
{
	size_t i;

	for (i = 0; i < p->nrules; i++)
		if (is_allow_for(p, i, note))
			break;
	return i;
}

/* Index of NAME in R's names, or SIZE_MAX. */
static size_t find_name(const struct profile_rule *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nnames; i++)
		if (!strcmp(r->names[i], name))
			return i;
	return SIZE_MAX;
}

/*
 * Names compared as a locale's collation does for them: underscores
 * ignored first (moby's default.json lists "getrlimit" before
 * "get_robust_list" and "llistxattr" before "_llseek").
 */
static int cmp_collated(const char *a, const char *b)
{
	const char *x = a, *y = b;

	for (;;) {
		while (*x == '_')
			x++;
		while (*y == '_')
			y++;
		if (*x != *y || !*x)
			break;
		x++;
		y++;
	}
	return *x != *y ? (unsigned char)*x - (unsigned char)*y : strcmp(a, b);
}

/* How many neighbours are out of order under CMP. */
static size_t disorder(const struct profile_rule *r,
		       int (*cmp)(const char *, const char *))
{
	size_t i, n = 0;

	for (i = 1; i < r->nnames; i++)
		n += cmp(r->names[i - 1], r->names[i]) > 0;
	return n;
}

/* The slot for NAME that leaves the fewest names on its wrong side. */
static size_t best_slot(const struct profile_rule *r, const char *name,
			int (*cmp)(const char *, const char *))
{
	size_t i, cost = 0, best = 0, best_cost;

	for (i = 0; i < r->nnames; i++)
		cost += cmp(r->names[i], name) < 0; /* all after slot 0 */
	best_cost = cost;
	for (i = 0; i < r->nnames; i++) {
		cost -= cmp(r->names[i], name) < 0;
		cost += cmp(r->names[i], name) > 0;
		if (cost < best_cost) {
			best_cost = cost;
			best = i + 1;
		}
	}
	return best;
}

/*
 * Where NAME goes in R's names: in order when they are sorted, else at the
 * end. Sorted means by bytes or collated, with a few names out of place
 * at most: hand-kept lists are like that (moby's default.json has
 * "timer_settime64" before "timerfd_create").
 */
static size_t insert_at(const struct profile_rule *r, const char *name)
{
	size_t bytes = disorder(r, strcmp),
	       collated = disorder(r, cmp_collated);
	size_t least = bytes <= collated ? bytes : collated;

	if (least * 32 > r->nnames)
		return r->nnames;
	return best_slot(r, name, bytes <= collated ? strcmp : cmp_collated);
}

/*
 * The first rule before LIMIT that refuses NAME unconditionally (and so
 * would win over an allow rule after it), or p->nrules.
 */
static size_t refusing_rule(const struct profile *p, const char *name,
			    size_t limit)
{
	size_t i;

	for (i = 0; i < limit && i < p->nrules; i++) {
		const struct profile_rule *r = &p->rules[i];

		if (r->action && !profile_action_is_allow(r->action) &&
		    !has_conditions(r) && find_name(r, name) != SIZE_MAX)
			return i;
	}
	return p->nrules;
}

/* Take NAME out of rule I; the whole rule when it was its only name. */
static int unrefuse(struct profile *p, size_t i, const char *name,
		    struct err *err)
{
	const struct profile_rule *r = &p->rules[i];
	size_t names = p->layout->names_nodes[i];
	struct profile_splice sp;

	if (r->nnames == 1 || names == PROFILE_JSON_NONE)
		profile_splice_remove(p, p->layout->syscalls, i, &sp);
	else
		profile_splice_remove(p, names, find_name(r, name), &sp);
	return profile_edit_splice(p, &sp, err);
}

static int add_to_allow_rule(struct profile *p, const char *name,
			     const char *note, struct err *err)
{
	struct profile_out str = profile_out_str(NULL, name);
	struct profile_out members[3] = {
		profile_out_list(false, "names", &str, 1, false),
		profile_out_str("action", "SCMP_ACT_ALLOW"),
		profile_out_str("comment", note),
	};
	struct profile_out rule =
		profile_out_list(true, NULL, members, note ? 3 : 2, false);
	struct profile_style st;
	struct profile_splice sp;
	size_t i = allow_rule(p, note);

	profile_style_detect(p, &st);
	if (i < p->nrules) {
		profile_splice_element(p, &st, p->layout->names_nodes[i],
				       insert_at(&p->rules[i], name), &str,
				       st.inline_names, &sp);
	} else {
		members[0].one_line = st.inline_names;
		profile_splice_rule(p, &st, &rule, &sp);
	}
	return profile_edit_splice(p, &sp, err);
}

/* Is NAME allowed by the allow rule for NOTE, as far as unconditional
 * rules go? */
static bool is_allowed_by(const struct profile *p, const char *name,
			  const char *note)
{
	bool by_default = profile_action_is_allow(p->default_action);
	size_t a = allow_rule(p, note);

	if (!by_default &&
	    (a == p->nrules || find_name(&p->rules[a], name) == SIZE_MAX))
		return false;
	return refusing_rule(p, name, by_default ? p->nrules : a) == p->nrules;
}

static bool is_allowed(const struct profile *p, const char *name)
{
	return is_allowed_by(p, name, NULL);
}

static int allow_in(struct profile *p, const char *name, const char *note,
		    struct err *err)
{
	struct profile_edit ed;
	size_t i, limit;
	int rc;

	rc = profile_edit_check_name(p, name, err);
	if (rc < 0 || is_allowed(p, name) ||
	    (note && is_allowed_by(p, name, note)))
		return rc;
	profile_edit_begin(p, &ed);
	for (;;) {
		/* an allow rule joined at the end comes after every rule */
		limit = profile_action_is_allow(p->default_action)
				? p->nrules
				: allow_rule(p, note);
		i = refusing_rule(p, name, limit);
		if (i == p->nrules)
			break;
		rc = unrefuse(p, i, name, err);
		if (rc < 0)
			goto fail;
	}
	i = allow_rule(p, note);
	if (!profile_action_is_allow(p->default_action) &&
	    (i == p->nrules || find_name(&p->rules[i], name) == SIZE_MAX)) {
		rc = add_to_allow_rule(p, name, note, err);
		if (rc < 0)
			goto fail;
	}
	return profile_edit_end(p, &ed, is_allowed_by(p, name, note), err);
fail:
	profile_edit_end(p, &ed, false, NULL);
	return rc;
}

int profile_allow_syscall(struct profile *p, const char *name, struct err *err)
{
	return allow_in(p, name, NULL, err);
}

int profile_allow_syscall_noted(struct profile *p, const char *name,
				const char *note, struct err *err)
{
	/* OCI's and the operator's rules have no comment: runc would
	   ignore the key, the API server refuse it */
	if (!note || profile_format_resolved(p->format))
		return allow_in(p, name, NULL, err);
	if (!str_has_prefix(note, NOTE_PREFIX) || strchr(note, '"') ||
	    strchr(note, '\\') || strlen(note) > 200)
		return err_set(err, EINVAL, "bad note for a rule: %s", note);
	return allow_in(p, name, note, err);
}
