// SPDX-License-Identifier: Apache-2.0
/*
 * What "allow always" adds to the profile, and which decision a later
 * call that passes owes it to.
 *
 * The profile gains what a person would write:
 * - a call refused because the profile does not list its architecture
 *   (the filter's bad-arch action, rule id 0xffff): the architecture
 *   (profile_allow_arch); if the rules then refuse it too, the call as
 *   below;
 * - a call of a system call that the profile allows under conditions
 *   (Docker's clone without namespace flags, personality with a few
 *   values, socket but AF_VSOCK...): a new rule that covers exactly what
 *   was accepted, with conditions on the arguments those rules test
 *   (MASKED_EQ with their mask and the accepted value's bits, else EQ),
 *   so the profile's intent for other values stays;
 * - otherwise, or when such a rule cannot work (it would repeat a
 *   refusing rule's conditions, which runc refuses, or an earlier rule
 *   wins), the name in the plain allow rule (profile_allow_syscall).
 * Each edit is checked with eval on the profile as edited: the call
 * must now pass, or the edit is undone and the decision fails.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/decode.h"
#include "seccompdbg/sysent.h"

#define ACCEPT_COMMENT "accepted by seccompdbg"

static bool cond_holds(const struct profile_arg *c, uint64_t v)
{
	switch (c->op) {
	case PROFILE_OP_NE:
		return v != c->value;
	case PROFILE_OP_LT:
		return v < c->value;
	case PROFILE_OP_LE:
		return v <= c->value;
	case PROFILE_OP_EQ:
		return v == c->value;
	case PROFILE_OP_GE:
		return v >= c->value;
	case PROFILE_OP_GT:
		return v > c->value;
	case PROFILE_OP_MASKED_EQ:
		return (v & c->value) == c->value_two;
	}
	return false;
}

static bool conds_hold(const struct profile_arg *c, size_t n,
		       const uint64_t args[6])
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i].index > 5 || !cond_holds(&c[i], args[c[i].index]))
			return false;
	return true;
}

static bool rule_names(const struct resolve_rule *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nnames; i++)
		if (!strcmp(r->names[i], name))
			return true;
	return false;
}

/* Add a condition on index I unless one is there; MASKED_EQ wins. */
static size_t cond_add(struct profile_arg *conds, size_t n,
		       const struct profile_arg *c, const uint64_t args[6])
{
	struct profile_arg nc = {c->index, PROFILE_OP_EQ, args[c->index], 0};
	size_t i;

	if (c->op == PROFILE_OP_MASKED_EQ) {
		nc.op = PROFILE_OP_MASKED_EQ;
		nc.value = c->value;
		nc.value_two = args[c->index] & c->value;
	}
	for (i = 0; i < n; i++) {
		if (conds[i].index != c->index)
			continue;
		if (conds[i].op != PROFILE_OP_MASKED_EQ &&
		    nc.op == PROFILE_OP_MASKED_EQ)
			conds[i] = nc;
		return n;
	}
	conds[n] = nc;
	return n + 1;
}

/* For an argument no rule tests: EQ, or MASKED_EQ over known flags. */
static bool cond_from_kind(const struct decode_arg_info *info, unsigned i,
			   uint64_t v, struct profile_arg *out)
{
	uint64_t mask = v;
	size_t k;

	if (info->cond == DECODE_COND_NONE)
		return false;
	*out = (struct profile_arg){i, PROFILE_OP_EQ, v, 0};
	if (info->cond != DECODE_COND_FLAGS || !info->xlat)
		return true;
	for (k = 0; k < info->xlat->n; k++)
		mask |= info->xlat->ents[k].value;
	*out = (struct profile_arg){i, PROFILE_OP_MASKED_EQ, mask, v & mask};
	return true;
}

static int cmp_index(const void *a, const void *b)
{
	const struct profile_arg *x = a, *y = b;

	return (int)x->index - (int)y->index;
}

size_t session_conds_for(const struct resolve_result *r, uint32_t arch, int nr,
			 const uint64_t args[6], struct profile_arg conds[6],
			 bool *from_rules)
{
	const char *name = sysent_name(arch, nr);
	struct decode_arg_info info[6];
	size_t nargs = decode_args(arch, nr, args, info), n = 0, i, j;

	for (i = 0; name && r && i < r->nrules; i++) {
		const struct resolve_rule *rr = &r->rules[i];

		if (!rr->nargs || !rule_names(rr, name))
			continue;
		for (j = 0; j < rr->nargs; j++)
			if (rr->args[j].index < nargs &&
			    info[rr->args[j].index].cond != DECODE_COND_NONE)
				n = cond_add(conds, n, &rr->args[j], args);
	}
	*from_rules = n > 0;
	for (i = 0; !*from_rules && i < nargs; i++)
		if (cond_from_kind(&info[i], (unsigned)i, args[i], &conds[n]))
			n++;
	qsort(conds, n, sizeof(*conds), cmp_index);
	return n;
}

size_t session_suggest_conds(const struct session *s, unsigned id,
			     struct profile_arg conds[6])
{
	const struct session_entry *e = session_entry(s, id);
	bool from_rules;

	if (!e)
		return 0;
	return session_conds_for(s->resolved, e->pub.arch, e->pub.nr,
				 e->pub.args, conds, &from_rules);
}

void session_conds_format(const struct profile_arg *c, size_t n,
			  struct strbuf *out)
{
	static const char *const ops[] = {
		[PROFILE_OP_NE] = "!=", [PROFILE_OP_LT] = "<",
		[PROFILE_OP_LE] = "<=", [PROFILE_OP_EQ] = "==",
		[PROFILE_OP_GE] = ">=", [PROFILE_OP_GT] = ">",
	};
	size_t i;

	for (i = 0; i < n; i++) {
		strbuf_addf(out, "%sargs[%u] ", i ? " && " : "", c[i].index);
		if (c[i].op == PROFILE_OP_MASKED_EQ)
			strbuf_addf(out, "& %#llx == %#llx",
				    (unsigned long long)c[i].value,
				    (unsigned long long)c[i].value_two);
		else
			strbuf_addf(out, "%s %#llx",
				    c[i].op < ARRAY_SIZE(ops) && ops[c[i].op]
					    ? ops[c[i].op]
					    : "?",
				    (unsigned long long)c[i].value);
	}
}

/* Does a refusing rule for NAME test exactly these conditions? runc
 * refuses two rules with the same conditions and different actions. */
static bool conds_clash(const struct resolve_result *r, const char *name,
			const struct profile_arg *c, size_t n)
{
	size_t i, j, k;

	for (i = 0; i < r->nrules; i++) {
		const struct resolve_rule *rr = &r->rules[i];

		if (rr->nargs != n || rr->args_or ||
		    profile_action_is_allow(rr->verdict.action) ||
		    !rule_names(rr, name))
			continue;
		for (j = 0; j < n; j++) {
			for (k = 0; k < n; k++)
				if (rr->args[k].index == c[j].index &&
				    rr->args[k].op == c[j].op &&
				    rr->args[k].value == c[j].value &&
				    (c[j].op != PROFILE_OP_MASKED_EQ ||
				     rr->args[k].value_two == c[j].value_two))
					break;
			if (k == n)
				break;
		}
		if (j == n)
			return true;
	}
	return false;
}

static bool is_allowed(const struct session *s, const struct session_denial *d)
{
	struct eval_result res;

	eval_call(s->eval, d->arch, d->nr, d->args, &res);
	return profile_action_is_allow(res.verdict.action);
}

static void accept_add(struct session *s, const struct session_entry *e,
		       enum session_accept_kind kind,
		       const struct profile_arg *conds, size_t nconds)
{
	struct session_accept *a;

	xgrow(&s->accepts, &s->accepts_cap, s->naccepts + 1,
	      sizeof(*s->accepts));
	a = &s->accepts[s->naccepts++];
	memset(a, 0, sizeof(*a));
	a->kind = kind;
	a->name = kind == SESSION_ACCEPT_ARCH
			  ? NULL
			  : sysent_name(e->pub.arch, e->pub.nr);
	a->arch = e->pub.arch;
	if (nconds) /* conds is NULL for an architecture */
		memcpy(a->conds, conds, nconds * sizeof(*conds));
	a->nconds = nconds;
	a->id = e->pub.id;
	a->edits = profile_edits(s->profile);
	hmap_clear(&s->credit);
}

/* Undo edits back to TO and resolve again. */
static void roll_back(struct session *s, size_t to)
{
	while (profile_edits(s->profile) > to)
		if (profile_undo(s->profile) < 0)
			break;
	session_reresolve(s, NULL);
}

/* An edit, then resolve; on failure, nothing of it is left. */
static int edited(struct session *s, int rc, size_t before, struct err *err)
{
	if (rc == 0)
		rc = session_reresolve(s, err);
	if (rc < 0)
		roll_back(s, before);
	return rc;
}

/* A bad-arch refusal: the architecture joins the profile first. */
static int accept_arch(struct session *s, struct session_entry *e,
		       struct err *err)
{
	const struct sysent_arch *host = sysent_arch_by_token(s->cfg.env.arch);
	const struct sysent_arch *a = sysent_arch_by_token(e->pub.arch);
	size_t before = profile_edits(s->profile);
	int rc;

	if (e->pub.rule_id != RESOLVE_ID_BADARCH)
		return 0;
	if (!host || !a)
		return err_set(err, EINVAL, "architecture %#x is unknown",
			       e->pub.arch);
	rc = edited(s, profile_allow_arch(s->profile, host->scmp, a->scmp, err),
		    before, err);
	if (rc == 0)
		accept_add(s, e, SESSION_ACCEPT_ARCH, NULL, 0);
	return rc;
}

static int accept_conds(struct session *s, struct session_entry *e,
			const struct profile_arg *conds, size_t n,
			struct err *err)
{
	const char *name = sysent_name(e->pub.arch, e->pub.nr);
	size_t before = profile_edits(s->profile);
	int rc;

	rc = edited(s,
		    profile_allow_with_args(s->profile, name, conds, n,
					    ACCEPT_COMMENT, err),
		    before, err);
	if (rc < 0)
		return rc;
	if (!is_allowed(s, &e->pub)) {
		roll_back(s, before);
		return err_set(
			err, EPERM,
			"%s with these conditions is still refused (the conditions do not hold for this call, or an earlier rule refuses it unconditionally)",
			name);
	}
	accept_add(s, e, SESSION_ACCEPT_ARGS, conds, n);
	return 0;
}

static int named(const struct session_entry *e, struct err *err)
{
	if (sysent_name(e->pub.arch, e->pub.nr))
		return 0;
	return err_set(
		err, EINVAL,
		"%s has no name on %s: a profile cannot name it, allow it once",
		e->pub.name, e->pub.arch_name);
}

/*
 * NAME joins the plain allow rule; a runtime's start-up call joins a rule
 * of its own that says which runtime it was learned under: another
 * runtime, or runc without noNewPrivileges, needs other calls.
 */
static int allow_name(struct session *s, const struct session_entry *e,
		      const char *name, struct err *err)
{
	char note[128];

	if (!e->pub.startup || !e->pub.runtime)
		return profile_allow_syscall(s->profile, name, err);
	snprintf(
		note, sizeof(note),
		"seccompdbg: the calls %s makes itself before the container's program",
		e->pub.runtime);
	return profile_allow_syscall_noted(s->profile, name, note, err);
}

int session_accept_always(struct session *s, struct session_entry *e,
			  struct err *err)
{
	const char *name = sysent_name(e->pub.arch, e->pub.nr);
	size_t before = profile_edits(s->profile), n;
	struct profile_arg conds[6];
	bool from_rules;
	int rc;

	rc = accept_arch(s, e, err);
	if (rc < 0 || is_allowed(s, &e->pub))
		return rc;
	rc = named(e, err);
	if (rc < 0)
		goto fail;
	n = session_conds_for(s->resolved, e->pub.arch, e->pub.nr, e->pub.args,
			      conds, &from_rules);
	if (from_rules && !conds_clash(s->resolved, name, conds, n) &&
	    accept_conds(s, e, conds, n, NULL) == 0)
		return 0;
	n = profile_edits(s->profile);
	rc = edited(s, allow_name(s, e, name, err), n, err);
	if (rc < 0)
		goto fail;
	if (!is_allowed(s, &e->pub)) {
		rc = err_set(
			err, EPERM,
			"%s is still refused after it joined the allow rule: a rule with conditions refuses it (allow it with arguments, or edit that rule)",
			name);
		goto fail;
	}
	accept_add(s, e, SESSION_ACCEPT_SYSCALL, NULL, 0);
	s->accepts[s->naccepts - 1].widened = from_rules;
	return 0;
fail:
	roll_back(s, before);
	session_accepts_trim(s);
	return rc;
}

int session_accept_args(struct session *s, struct session_entry *e,
			const struct profile_arg *conds, size_t nconds,
			struct err *err)
{
	size_t before = profile_edits(s->profile);
	int rc;

	rc = named(e, err);
	if (rc == 0)
		rc = accept_arch(s, e, err);
	if (rc == 0)
		rc = accept_conds(s, e, conds, nconds, err);
	if (rc < 0) {
		roll_back(s, before);
		session_accepts_trim(s);
	}
	return rc;
}

void session_accepts_trim(struct session *s)
{
	size_t edits = profile_edits(s->profile);

	while (s->naccepts && s->accepts[s->naccepts - 1].edits > edits)
		s->naccepts--;
	hmap_clear(&s->credit);
}

/* The decision a passing call owes to, by a scan of the accepts. */
static unsigned credit_scan(const struct session *s, const char *name,
			    uint32_t arch, const uint64_t args[6], bool badarch,
			    bool *has_args)
{
	unsigned by = SESSION_CREDIT_NONE, arch_by = SESSION_CREDIT_NONE;
	size_t i;

	for (i = 0; i < s->naccepts; i++) {
		const struct session_accept *a = &s->accepts[i];

		if (a->kind == SESSION_ACCEPT_ARCH && a->arch == arch) {
			arch_by = arch_by ? arch_by : a->id;
			continue;
		}
		if (!name || !a->name || strcmp(a->name, name))
			continue;
		if (a->kind == SESSION_ACCEPT_ARGS) {
			*has_args = true;
			if (!conds_hold(a->conds, a->nconds, args))
				continue;
		}
		by = by ? by : a->id;
	}
	return by ? by : badarch ? arch_by : SESSION_CREDIT_NONE;
}

unsigned session_credit(struct session *s, uint32_t arch, int nr,
			const uint64_t args[6], bool badarch)
{
	uint64_t key = (uint64_t)arch << 32 | (uint32_t)nr;
	bool has_args = false, cached;
	unsigned by;
	size_t pos = 0;
	void *v = NULL;

	cached = hmap_find(&s->credit, key, &pos, &v);
	by = (unsigned)(uintptr_t)v;
	if (cached && by != SESSION_CREDIT_SCAN)
		return by;
	by = credit_scan(s, sysent_name(arch, nr), arch, args, badarch,
			 &has_args);
	if (!cached)
		hmap_add(&s->credit, key,
			 (void *)(uintptr_t)(has_args ? SESSION_CREDIT_SCAN
						      : by));
	return by;
}
