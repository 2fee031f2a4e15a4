// SPDX-License-Identifier: Apache-2.0
/*
 * An edit among the rules, read without reading the whole text again.
 *
 * The common edits change one rule (a name joins or leaves its names),
 * or add or take out whole rules of "syscalls". Reading a 20 MB profile
 * again after each took 0.4 s and a few hundred MB of garbage; here only
 * the rules the splice touches are scanned and read again, and the
 * checks of one rule run for them alone: a rule's diagnostics depend on
 * the rule and the profile's top-level values only (validate.c), never
 * on other rules. What lies after the edit moves: offsets, lines, the
 * rules' places and indexes, the paths and places of diagnostics.
 *
 * Anything else (top-level values, a YAML SeccompProfile, a profile with
 * "syscalls" twice, an edit that empties the rules) is read whole again
 * by the caller. profile_selfcheck holds the result to a whole reading.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Rules [a, b), text [from, to), are now text [from, new_to). */
struct window {
	size_t arr, n, a, b, from, to, new_to, first, count;
	unsigned old_line, old_col, new_line, new_col;
	const char *path;
};

static bool is_only_member(const struct profile_json *doc, size_t obj, size_t m,
			   const char *name)
{
	return profile_json_next_member(doc, obj, name, PROFILE_JSON_NONE) ==
		       m &&
	       profile_json_next_member(doc, obj, name, m) == PROFILE_JSON_NONE;
}

/* The JSON path of the rules when this module can edit them, else NULL. */
static const char *rules_path(const struct profile *p)
{
	const struct profile_layout *lay = p->layout;
	const struct profile_json *doc = &lay->doc;
	size_t arr = lay->syscalls, obj, lx;
	const struct profile_json_node *n;

	if (p->format == PROFILE_FORMAT_KUBERNETES || lay->marks ||
	    arr == PROFILE_JSON_NONE || !p->nrules)
		return NULL;
	n = &doc->nodes[arr];
	obj = n->parent;
	/* validate.c names the member "syscalls" whatever its spelling */
	if (n->type != PROFILE_JSON_ARRAY || obj != lay->seccomp ||
	    n->count != p->nrules || n->key_len != 8 ||
	    memcmp(n->key, "syscalls", 8) ||
	    !is_only_member(doc, obj, arr, "syscalls"))
		return NULL;
	if (!lay->wrapped)
		return obj == 0 ? "syscalls" : NULL;
	lx = doc->nodes[obj].parent;
	if (lx == PROFILE_JSON_NONE || doc->nodes[lx].parent != 0 ||
	    !is_only_member(doc, lx, obj, "seccomp") ||
	    !is_only_member(doc, 0, lx, "linux"))
		return NULL;
	return "linux.seccomp.syscalls";
}

static const struct profile_json_node *rule_node(const struct profile *p,
						 size_t i)
{
	return &p->layout->doc.nodes[p->layout->rule_nodes[i]];
}

/* The first rule whose text ends after OFF (END) or starts at or after
   it (!END); nrules when none does. */
static size_t rule_at(const struct profile *p, size_t off, bool end)
{
	size_t lo = 0, hi = p->nrules;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct profile_json_node *n = rule_node(p, mid);

		if (end ? n->end > off : n->start >= off)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static bool find_window(struct profile *p, size_t start, size_t end,
			struct window *w)
{
	const struct profile_json_node *arr;

	w->path = rules_path(p);
	if (!w->path)
		return false;
	w->arr = p->layout->syscalls;
	arr = &p->layout->doc.nodes[w->arr];
	if (start <= arr->start || end >= arr->end)
		return false;
	w->n = p->nrules;
	w->a = rule_at(p, start, true);
	w->b = rule_at(p, end, false);
	w->from = w->a ? rule_node(p, w->a - 1)->end : arr->start + 1;
	w->to = w->b < w->n ? rule_node(p, w->b)->start : arr->end - 1;
	if (w->b < w->a || w->from > start || end > w->to)
		return false;
	profile_json_position(&p->layout->doc, w->to, &w->old_line,
			      &w->old_col);
	return true;
}

static unsigned depth_of(const struct profile_json *doc, size_t n)
{
	unsigned d = 0;

	for (; n != PROFILE_JSON_NONE; n = doc->nodes[n].parent)
		d++;
	return d;
}

/* Free the nodes of element C (a contiguous run: scanned at once). */
static void kill_subtree(struct profile_layout *lay, size_t c)
{
	struct profile_json *doc = &lay->doc;
	size_t last = c, i;

	while (doc->nodes[last].last != PROFILE_JSON_NONE)
		last = doc->nodes[last].last;
	lay->dead_nodes += last - c + 1;
	for (i = c; i <= last; i++) {
		struct profile_json_node *x = &doc->nodes[i];

		free(x->str);
		free(x->key);
		x->str = x->key = NULL;
		x->first = x->last = x->next = PROFILE_JSON_NONE;
	}
}

/*
 * An offset after the region moves. A start at TO is after it; an end
 * (one past the last byte) at TO is before it when the region is empty
 * ("}]" of a one-line profile, where a rule is added between the two).
 */
static void shift(size_t *off, size_t to, size_t new_to)
{
	if (*off >= to)
		*off = *off - to + new_to;
}

static void shift_end(size_t *off, size_t to, size_t new_to)
{
	if (*off > to)
		*off = *off - to + new_to;
}

/* The new elements in place of rules [a, b): links and counts. */
static void link_elements(struct profile *p, const struct window *w)
{
	struct profile_json *doc = &p->layout->doc;
	size_t prev =
		w->a ? p->layout->rule_nodes[w->a - 1] : PROFILE_JSON_NONE;
	size_t next =
		w->b < w->n ? p->layout->rule_nodes[w->b] : PROFILE_JSON_NONE;
	size_t c, last = prev, after = w->count ? w->first : next;
	struct profile_json_node *arr = &doc->nodes[w->arr];

	for (c = w->count ? w->first : PROFILE_JSON_NONE;
	     c != PROFILE_JSON_NONE; c = doc->nodes[c].next) {
		doc->nodes[c].parent = w->arr;
		last = c;
	}
	if (w->count)
		doc->nodes[last].next = next;
	if (prev == PROFILE_JSON_NONE)
		arr->first = after;
	else
		doc->nodes[prev].next = after;
	if (next == PROFILE_JSON_NONE)
		arr->last = last;
	arr->count = w->n - (w->b - w->a) + w->count;
}

/* Line starts: those of the region anew, the later ones moved. */
static void relines(struct profile_json *doc, const struct window *w)
{
	size_t i1 = 0, i2, nnew = 0, q, tail;

	while (i1 < doc->nlines && doc->lines[i1] <= w->from)
		i1++;
	for (i2 = i1; i2 < doc->nlines && doc->lines[i2] <= w->to; i2++)
		;
	for (q = w->from; q < w->new_to; q++)
		nnew += doc->text[q] == '\n';
	tail = doc->nlines - i2;
	if (nnew > i2 - i1)
		doc->lines = xreallocarray(doc->lines,
					   doc->nlines + nnew - (i2 - i1),
					   sizeof(*doc->lines));
	memmove(doc->lines + i1 + nnew, doc->lines + i2,
		tail * sizeof(*doc->lines));
	doc->nlines = i1 + nnew + tail;
	for (i2 = i1 + nnew; i2 < doc->nlines; i2++)
		shift(&doc->lines[i2], w->to, w->new_to);
	for (q = w->from; q < w->new_to; q++)
		if (doc->text[q] == '\n')
			doc->lines[i1++] = q + 1;
}

/* The document after the splice: nodes, links, offsets, lines. */
static void redo_doc(struct profile *p, const struct window *w,
		     const char *text, size_t len, size_t old_nnodes)
{
	struct profile_json *doc = &p->layout->doc;
	size_t i;

	for (i = w->a; i < w->b; i++)
		kill_subtree(p->layout, p->layout->rule_nodes[i]);
	link_elements(p, w);
	for (i = 0; i < old_nnodes; i++) {
		struct profile_json_node *x = &doc->nodes[i];

		shift(&x->start, w->to, w->new_to);
		shift_end(&x->end, w->to, w->new_to);
		if (x->key) {
			shift(&x->key_start, w->to, w->new_to);
			shift_end(&x->key_end, w->to, w->new_to);
		}
	}
	doc->text = text;
	doc->len = len;
	relines(doc, w);
	doc->memo_offset = 0;
	doc->memo_column = 1;
}

/* A place after the region moves with it. */
static void move_place(const struct window *w, unsigned *line, unsigned *col)
{
	if (!*line || *line < w->old_line ||
	    (*line == w->old_line && *col < w->old_col))
		return;
	if (*line == w->old_line)
		*col = *col - w->old_col + w->new_col;
	*line = *line - w->old_line + w->new_line;
}

/* Rule N of a diagnostic at PATH "RULES[N]...", or SIZE_MAX; *REST is
   what follows "]". */
static size_t diag_rule(const char *path, const char *rules, const char **rest)
{
	size_t len = strlen(rules), n = 0;
	const char *s = path + len;

	if (strncmp(path, rules, len) || *s != '[' || s[1] < '0' || s[1] > '9')
		return SIZE_MAX;
	for (s++; *s >= '0' && *s <= '9'; s++)
		n = n * 10 + (size_t)(*s - '0');
	if (*s != ']')
		return SIZE_MAX;
	*rest = s + 1;
	return n;
}

/* Diagnostics: the region's rules' go, the later ones move. */
static void redo_diags(struct profile *p, const struct window *w)
{
	size_t i, kept = 0, n;
	const char *rest;
	char *path;

	for (i = 0; i < p->ndiags; i++) {
		struct profile_diag *d = &p->diags[i];

		n = diag_rule(d->path, w->path, &rest);
		if (n >= w->a && n < w->b) {
			free(d->path);
			free(d->message);
			continue;
		}
		if (n != SIZE_MAX && n >= w->b && w->count != w->b - w->a) {
			if (asprintf(&path, "%s[%zu]%s", w->path,
				     n - (w->b - w->a) + w->count, rest) < 0)
				abort();
			free(d->path);
			d->path = path;
		}
		move_place(w, &d->line, &d->column);
		p->diags[kept++] = *d;
	}
	p->ndiags = kept;
}

/* Rules: [a, b) out, room for the new ones, the later ones moved. */
static void redo_rules(struct profile *p, const struct window *w)
{
	struct profile_layout *lay = p->layout;
	size_t n = w->n - (w->b - w->a) + w->count, tail = w->n - w->b, i;

	profile_rules_release(&p->rules[w->a], w->b - w->a);
	if (n > w->n) {
		p->rules = xreallocarray(p->rules, n + 1, sizeof(*p->rules));
		lay->rule_nodes =
			xreallocarray(lay->rule_nodes, n + 1, sizeof(size_t));
		lay->names_nodes =
			xreallocarray(lay->names_nodes, n + 1, sizeof(size_t));
	}
	memmove(&p->rules[w->a + w->count], &p->rules[w->b],
		tail * sizeof(*p->rules));
	memmove(&lay->rule_nodes[w->a + w->count], &lay->rule_nodes[w->b],
		tail * sizeof(size_t));
	memmove(&lay->names_nodes[w->a + w->count], &lay->names_nodes[w->b],
		tail * sizeof(size_t));
	memset(&p->rules[w->a], 0, w->count * sizeof(*p->rules));
	p->nrules = n;
	for (i = w->a + w->count; i < n; i++) {
		p->rules[i].index = i;
		move_place(w, &p->rules[i].line, &p->rules[i].column);
	}
}

/* Read the new rules and run their checks. */
static void read_rules(struct profile *p, const struct window *w)
{
	struct profile_reader d = {.p = p, .lay = p->layout};
	struct profile_rule_src *srcs = xcalloc(w->count + 1, sizeof(*srcs));
	size_t c = w->first, j, base;

	d.diags_cap = p->ndiags; /* it has at least this many */
	strbuf_adds(&d.path, w->path);
	for (j = 0; j < w->count; j++, c = d.lay->doc.nodes[c].next)
		profile_read_rule(&d, c, w->a + j, &srcs[j]);
	/* validate.c adds "syscalls" (and its '.') itself */
	base = strlen(w->path) - strlen("syscalls");
	strbuf_truncate(&d.path, base ? base - 1 : 0);
	for (j = 0; j < w->count; j++)
		profile_validate_rule(&d, w->a + j, &srcs[j]);
	profile_rule_srcs_free(srcs, w->count);
	strbuf_release(&d.path);
	profile_sort_diags(p);
}

int profile_reread(struct profile *p, char *text, size_t len, size_t start,
		   size_t end, size_t nins)
{
	struct profile_json *doc = &p->layout->doc;
	size_t old_nnodes = doc->nnodes;
	struct profile_json_error e = {0, ""};
	struct window w;

	/* when most nodes are dead, a whole reading packs them again */
	if (p->layout->dead_nodes > doc->nnodes / 2 ||
	    !find_window(p, start, end, &w))
		return 0;
	w.new_to = w.to - (end - start) + nins;
	if (profile_json_scan_elements(doc, text, w.from, w.new_to, w.a > 0,
				       w.b < w.n, depth_of(doc, w.arr),
				       &w.first, &w.count, &e) < 0 ||
	    w.n - (w.b - w.a) + w.count == 0 ||
	    w.n - (w.b - w.a) + w.count > PROFILE_MAX_RULES) {
		profile_json_truncate(doc, old_nnodes);
		return 0;
	}
	redo_doc(p, &w, text, len, old_nnodes);
	profile_json_position(doc, w.new_to, &w.new_line, &w.new_col);
	redo_diags(p, &w);
	redo_rules(p, &w);
	free(p->text);
	p->text = text;
	p->len = len;
	read_rules(p, &w);
	return 1;
}
