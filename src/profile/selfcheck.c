// SPDX-License-Identifier: Apache-2.0
/*
 * The model after edits against a whole reading of the same text: what
 * keeps the edits that read only the rules they touch (reread.c) right.
 * The tests and the profile fuzzer call it after every edit and undo.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool same_strs(char *const *a, size_t na, char *const *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (!same_str(a[i], b[i]))
			return false;
	return true;
}

static bool same_filter(const struct profile_filter *a,
			const struct profile_filter *b)
{
	return a->present == b->present &&
	       a->has_min_kernel == b->has_min_kernel &&
	       !memcmp(a->min_kernel, b->min_kernel, sizeof(a->min_kernel)) &&
	       same_strs(a->caps, a->ncaps, b->caps, b->ncaps) &&
	       same_strs(a->arches, a->narches, b->arches, b->narches);
}

static bool same_rule(const struct profile_rule *a,
		      const struct profile_rule *b)
{
	size_t i;

	if (a->index != b->index || a->line != b->line ||
	    a->column != b->column || a->legacy_name != b->legacy_name ||
	    a->action != b->action || a->has_errno != b->has_errno ||
	    a->errno_ret != b->errno_ret || a->nargs != b->nargs ||
	    !same_str(a->comment, b->comment) ||
	    !same_strs(a->names, a->nnames, b->names, b->nnames) ||
	    !same_filter(&a->includes, &b->includes) ||
	    !same_filter(&a->excludes, &b->excludes))
		return false;
	for (i = 0; i < a->nargs; i++)
		if (a->args[i].index != b->args[i].index ||
		    a->args[i].op != b->args[i].op ||
		    a->args[i].value != b->args[i].value ||
		    a->args[i].value_two != b->args[i].value_two)
			return false;
	return true;
}

static bool same_diag(const struct profile_diag *a,
		      const struct profile_diag *b)
{
	return a->severity == b->severity && a->line == b->line &&
	       a->column == b->column && !strcmp(a->path, b->path) &&
	       !strcmp(a->message, b->message);
}

/* Node X of A and node Y of B, with their subtrees. */
static bool same_tree(const struct profile_json *a, size_t x,
		      const struct profile_json *b, size_t y)
{
	const struct profile_json_node *m, *n;

	if (x == PROFILE_JSON_NONE || y == PROFILE_JSON_NONE)
		return x == y;
	m = &a->nodes[x];
	n = &b->nodes[y];
	if (m->type != n->type || m->start != n->start || m->end != n->end ||
	    m->count != n->count || !same_str(m->str, n->str) ||
	    !same_str(m->key, n->key) ||
	    (m->key &&
	     (m->key_start != n->key_start || m->key_end != n->key_end)))
		return false;
	for (x = m->first, y = n->first;
	     x != PROFILE_JSON_NONE && y != PROFILE_JSON_NONE;
	     x = a->nodes[x].next, y = b->nodes[y].next)
		if (a->nodes[x].parent != (size_t)(m - a->nodes) ||
		    !same_tree(a, x, b, y))
			return false;
	return x == y;
}

static bool same_span(const struct profile_json *a, size_t x,
		      const struct profile_json *b, size_t y)
{
	if (x == PROFILE_JSON_NONE || y == PROFILE_JSON_NONE)
		return x == y;
	return a->nodes[x].start == b->nodes[y].start &&
	       a->nodes[x].end == b->nodes[y].end;
}

static const char *compare_layout(const struct profile *p,
				  const struct profile *q)
{
	const struct profile_layout *l = p->layout, *m = q->layout;
	size_t i;

	if (l->doc.len != m->doc.len || l->doc.text != p->text)
		return "the scanned text";
	if (l->doc.nlines != m->doc.nlines ||
	    memcmp(l->doc.lines, m->doc.lines,
		   l->doc.nlines * sizeof(*l->doc.lines)))
		return "the line starts";
	if (!same_tree(&l->doc, 0, &m->doc, 0))
		return "the scanned values";
	if (!same_span(&l->doc, l->seccomp, &m->doc, m->seccomp) ||
	    !same_span(&l->doc, l->syscalls, &m->doc, m->syscalls))
		return "where the rules are";
	for (i = 0; i < p->nrules; i++)
		if (!same_span(&l->doc, l->rule_nodes[i], &m->doc,
			       m->rule_nodes[i]) ||
		    !same_span(&l->doc, l->names_nodes[i], &m->doc,
			       m->names_nodes[i]))
			return "where a rule is";
	return NULL;
}

static const char *compare(const struct profile *p, const struct profile *q,
			   size_t *at)
{
	size_t i;

	*at = 0;
	if (p->nrules != q->nrules)
		return "the number of rules";
	for (i = 0; i < p->nrules; i++)
		if (!same_rule(&p->rules[i], &q->rules[i])) {
			*at = i;
			return "a rule";
		}
	if (p->ndiags != q->ndiags)
		return "the number of diagnostics";
	for (i = 0; i < p->ndiags; i++)
		if (!same_diag(&p->diags[i], &q->diags[i])) {
			*at = i;
			return "a diagnostic";
		}
	if (p->unconfined != q->unconfined ||
	    p->default_action != q->default_action)
		return "the top-level values";
	return compare_layout(p, q);
}

int profile_selfcheck(const struct profile *p, struct strbuf *why)
{
	struct profile q = {.file = p->file};
	char *text = xmalloc(p->len + 1);
	const char *what;
	size_t at;
	int rc;

	memcpy(text, p->text, p->len);
	text[p->len] = '\0';
	rc = profile_parse_into(&q, text, p->len, p->format, NULL);
	if (rc < 0) {
		free(text);
		strbuf_adds(why, "the text does not read");
		return -EIO;
	}
	what = compare(p, &q, &at);
	if (what)
		strbuf_addf(why, "%s (%zu) differs from a whole reading", what,
			    at);
	if (what && at < p->ndiags && at < q.ndiags &&
	    !strcmp(what, "a diagnostic"))
		strbuf_addf(why, ": %s %u:%u %s, not %s %u:%u %s",
			    p->diags[at].path, p->diags[at].line,
			    p->diags[at].column, p->diags[at].message,
			    q.diags[at].path, q.diags[at].line,
			    q.diags[at].column, q.diags[at].message);
	profile_history_free(profile_model_clear(&q));
	return what ? -EIO : 0;
}
