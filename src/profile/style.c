// SPDX-License-Identifier: Apache-2.0
/*
 * The input's own layout, for edits that look as if the author made them:
 * the indent unit (tabs or N spaces), the key separator (": " or ":"),
 * one-line or pretty containers, and the whitespace between the elements
 * around an insertion point, copied as it is. Nothing outside the spliced
 * range changes, so a diff shows only what was added.
 */
#include <string.h>

#include "internal.h"

static const struct profile_json_node *nodes(const struct profile *p)
{
	return p->layout->doc.nodes;
}

static bool has_newline(const struct profile *p, size_t from, size_t to)
{
	return to > from && memchr(p->text + from, '\n', to - from) != NULL;
}

/* Copy text[from, to) into a small field when it is blank but for one
   punctuation mark (MARK, or none when 0). */
static bool take_sep(const struct profile *p, size_t from, size_t to, char mark,
		     char *out, size_t size)
{
	size_t i, marks = 0;

	if (to < from || to - from >= size)
		return false;
	for (i = from; i < to; i++) {
		char c = p->text[i];

		if (c == mark)
			marks++;
		else if (c != ' ' && c != '\t')
			return false;
	}
	if (marks != (mark ? 1u : 0u))
		return false;
	memcpy(out, p->text + from, to - from);
	out[to - from] = '\0';
	return true;
}

/* Where the line holding OFFSET starts, and its blank prefix's end. */
static size_t line_start(const struct profile *p, size_t offset)
{
	while (offset > 0 && p->text[offset - 1] != '\n')
		offset--;
	return offset;
}

static void line_indent(const struct profile *p, size_t offset,
			struct strbuf *out)
{
	size_t i = line_start(p, offset);

	while (i < p->len && (p->text[i] == ' ' || p->text[i] == '\t'))
		strbuf_addc(out, p->text[i++]);
}

/* True when only blanks stand between OFFSET and its line's start. */
static bool starts_line(const struct profile *p, size_t offset)
{
	size_t i;

	for (i = line_start(p, offset); i < offset; i++)
		if (p->text[i] != ' ' && p->text[i] != '\t')
			return false;
	return true;
}

static void detect_indent(const struct profile *p, size_t obj, size_t first,
			  struct profile_style *st)
{
	struct strbuf outer = STRBUF_INIT, inner = STRBUF_INIT;
	size_t unit;

	line_indent(p, nodes(p)[obj].start, &outer);
	line_indent(p, nodes(p)[first].key_start, &inner);
	unit = inner.len - outer.len;
	if (inner.len > outer.len && unit < sizeof(st->indent) &&
	    !memcmp(inner.buf, strbuf_str(&outer), outer.len)) {
		memcpy(st->indent, inner.buf + outer.len, unit);
		st->indent[unit] = '\0';
	}
	strbuf_release(&outer);
	strbuf_release(&inner);
}

static void detect_names(const struct profile *p, struct profile_style *st)
{
	size_t i, arr;

	st->inline_names = st->compact;
	for (i = 0; i < p->nrules && p->layout->names_nodes; i++) {
		arr = p->layout->names_nodes[i];
		if (arr == PROFILE_JSON_NONE || !nodes(p)[arr].count)
			continue;
		st->inline_names =
			!has_newline(p, nodes(p)[arr].start, nodes(p)[arr].end);
		return;
	}
}

void profile_style_detect(const struct profile *p, struct profile_style *st)
{
	size_t obj = p->layout->seccomp, first, second;
	const char *nl;

	*st = (struct profile_style){false, "\t", ": ", ", ", false, "\n"};
	/* as the first line ends (a search of the whole text for a CRLF
	   was most of an edit's cost on a 20 MB profile) */
	nl = memchr(p->text, '\n', p->len);
	if (nl && nl > p->text && nl[-1] == '\r')
		strcpy(st->newline, "\r\n");
	if (obj == PROFILE_JSON_NONE)
		return;
	first = nodes(p)[obj].first;
	if (first == PROFILE_JSON_NONE) {
		st->compact =
			!has_newline(p, nodes(p)[obj].start, nodes(p)[obj].end);
		return;
	}
	take_sep(p, nodes(p)[first].key_end, nodes(p)[first].start, ':',
		 st->kv_sep, sizeof(st->kv_sep));
	st->compact = !has_newline(p, nodes(p)[obj].start + 1,
				   nodes(p)[first].key_start);
	if (!strcmp(st->kv_sep, ":"))
		strcpy(st->item_sep, ",");
	second = nodes(p)[first].next;
	if (second != PROFILE_JSON_NONE)
		take_sep(p, nodes(p)[first].end, nodes(p)[second].key_start,
			 ',', st->item_sep, sizeof(st->item_sep));
	if (!st->compact)
		detect_indent(p, obj, first, st);
	detect_names(p, st);
}

static void render_items(const struct profile_style *st, const char *indent,
			 const struct profile_out *v, struct strbuf *out)
{
	struct strbuf inner = STRBUF_INIT;
	bool one_line = st->compact || v->one_line;
	size_t i;

	strbuf_adds(&inner, indent);
	strbuf_adds(&inner, st->indent);
	for (i = 0; i < v->count; i++) {
		const struct profile_out *item = &v->items[i];

		if (i)
			strbuf_adds(out, one_line ? st->item_sep : ",");
		if (!one_line) {
			strbuf_adds(out, st->newline);
			strbuf_adds(out, inner.buf);
		}
		if (v->kind == PROFILE_OUT_OBJECT) {
			json_quote(out, item->key);
			strbuf_adds(out, st->kv_sep);
		}
		profile_render(st, inner.buf, item, out);
	}
	if (!one_line && v->count) {
		strbuf_adds(out, st->newline);
		strbuf_adds(out, indent);
	}
	strbuf_release(&inner);
}

void profile_render(const struct profile_style *st, const char *indent,
		    const struct profile_out *v, struct strbuf *out)
{
	switch (v->kind) {
	case PROFILE_OUT_STRING:
		json_quote(out, v->str);
		break;
	case PROFILE_OUT_NUMBER:
		strbuf_addf(out, "%llu", (unsigned long long)v->num);
		break;
	case PROFILE_OUT_ARRAY:
	case PROFILE_OUT_OBJECT:
		strbuf_addc(out, v->kind == PROFILE_OUT_ARRAY ? '[' : '{');
		render_items(st, indent, v, out);
		strbuf_addc(out, v->kind == PROFILE_OUT_ARRAY ? ']' : '}');
		break;
	}
}

/* Child I of array or object C, or NONE. */
static size_t child(const struct profile *p, size_t c, size_t i)
{
	size_t k = nodes(p)[c].first;

	while (i-- && k != PROFILE_JSON_NONE)
		k = nodes(p)[k].next;
	return k;
}

/* Where item K starts: its key in an object. */
static size_t item_start(const struct profile *p, size_t k)
{
	return nodes(p)[k].key ? nodes(p)[k].key_start : nodes(p)[k].start;
}

/* The indent of the items of container C: that of its first item when it
   starts a line, else C's line's indent plus one level. */
static void item_indent(const struct profile *p, const struct profile_style *st,
			size_t c, struct strbuf *out)
{
	size_t first = nodes(p)[c].first;

	if (first != PROFILE_JSON_NONE &&
	    starts_line(p, item_start(p, first))) {
		line_indent(p, item_start(p, first), out);
		return;
	}
	line_indent(p, nodes(p)[c].start, out);
	strbuf_adds(out, st->indent);
}

/*
 * The separator of the items of container C (comma included): the text
 * between two of them as written, next to position AT; with one item, the
 * whitespace before it (pretty) or the style's item separator.
 */
static void item_sep(const struct profile *p, const struct profile_style *st,
		     size_t c, size_t at, struct strbuf *out)
{
	size_t count = nodes(p)[c].count, a, b;

	if (count >= 2) {
		at = at < 1 ? 1 : at > count - 1 ? count - 1 : at;
		a = child(p, c, at - 1);
		b = child(p, c, at);
		strbuf_add(out, p->text + nodes(p)[a].end,
			   item_start(p, b) - nodes(p)[a].end);
		return;
	}
	b = item_start(p, nodes(p)[c].first);
	if (has_newline(p, nodes(p)[c].start + 1, b)) {
		strbuf_addc(out, ',');
		strbuf_add(out, p->text + nodes(p)[c].start + 1,
			   b - nodes(p)[c].start - 1);
		return;
	}
	strbuf_adds(out, st->item_sep);
}

void profile_splice_element(const struct profile *p,
			    const struct profile_style *st, size_t arr,
			    size_t at, const struct profile_out *v,
			    bool one_line, struct profile_splice *sp)
{
	const struct profile_json_node *a = &nodes(p)[arr];
	struct strbuf indent = STRBUF_INIT, sep = STRBUF_INIT;
	struct profile_out wrap = {PROFILE_OUT_ARRAY, NULL, NULL, 0, v, 1,
				   one_line};

	strbuf_init(&sp->text);
	if (!a->count) {
		line_indent(p, a->start, &indent);
		sp->start = a->start;
		sp->end = a->end;
		profile_render(st, strbuf_str(&indent), &wrap, &sp->text);
		goto out;
	}
	item_indent(p, st, arr, &indent);
	item_sep(p, st, arr, at, &sep);
	if (at < a->count) {
		sp->start = sp->end = nodes(p)[child(p, arr, at)].start;
		profile_render(st, strbuf_str(&indent), v, &sp->text);
		strbuf_add(&sp->text, sep.buf, sep.len);
	} else {
		sp->start = sp->end = nodes(p)[a->last].end;
		strbuf_add(&sp->text, sep.buf, sep.len);
		profile_render(st, strbuf_str(&indent), v, &sp->text);
	}
out:
	strbuf_release(&indent);
	strbuf_release(&sep);
}

void profile_splice_member(const struct profile *p,
			   const struct profile_style *st, size_t obj,
			   const struct profile_out *v,
			   struct profile_splice *sp)
{
	const struct profile_json_node *o = &nodes(p)[obj];
	struct strbuf indent = STRBUF_INIT;

	strbuf_init(&sp->text);
	item_indent(p, st, obj, &indent);
	sp->start = sp->end = nodes(p)[o->last].end;
	item_sep(p, st, obj, o->count, &sp->text);
	json_quote(&sp->text, v->key);
	strbuf_adds(&sp->text, st->kv_sep);
	profile_render(st, strbuf_str(&indent), v, &sp->text);
	strbuf_release(&indent);
}

void profile_splice_value(const struct profile *p,
			  const struct profile_style *st, size_t n,
			  const struct profile_out *v,
			  struct profile_splice *sp)
{
	struct strbuf indent = STRBUF_INIT;

	strbuf_init(&sp->text);
	line_indent(p, nodes(p)[n].start, &indent);
	sp->start = nodes(p)[n].start;
	sp->end = nodes(p)[n].end;
	profile_render(st, strbuf_str(&indent), v, &sp->text);
	strbuf_release(&indent);
}

void profile_splice_remove(const struct profile *p, size_t arr, size_t at,
			   struct profile_splice *sp)
{
	const struct profile_json_node *a = &nodes(p)[arr];
	size_t k = child(p, arr, at);

	strbuf_init(&sp->text);
	if (a->count == 1) {
		sp->start = a->start;
		sp->end = a->end;
		strbuf_adds(&sp->text, "[]");
	} else if (at + 1 < a->count) {
		/* the element and the separator after it */
		sp->start = nodes(p)[k].start;
		sp->end = nodes(p)[nodes(p)[k].next].start;
	} else {
		/* the last element and the separator before it */
		sp->start = nodes(p)[child(p, arr, at - 1)].end;
		sp->end = nodes(p)[k].end;
	}
}
