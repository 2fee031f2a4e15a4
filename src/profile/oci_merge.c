// SPDX-License-Identifier: Apache-2.0
/*
 * A seccomp object put into an existing OCI config.json as its
 * linux.seccomp, with every other byte of the file as it was: the old
 * value is replaced where there is one, else "seccomp" is added as the
 * last member of "linux", else "linux" as the last member of the file's
 * object. The new text is indented as the file indents (the unit of its
 * first member: runc spec writes tabs), or kept on one line in a
 * one-line file. The config is read by the same strict scanner as
 * profiles, so a broken one is refused with line:column.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/doc.h"

struct config {
	struct profile_json doc;
	const char *text;
	size_t len;
	char unit[17]; /* one level of indent; "" for a one-line file */
};

static const struct profile_json_node *node(const struct config *c, size_t i)
{
	return &c->doc.nodes[i];
}

/* The last member named KEY (exactly) of object OBJ, or NONE. */
static size_t member(const struct config *c, size_t obj, const char *key)
{
	size_t k, found = PROFILE_JSON_NONE;

	for (k = node(c, obj)->first; k != PROFILE_JSON_NONE;
	     k = node(c, k)->next)
		if (!strcmp(node(c, k)->key, key))
			found = k;
	return found;
}

/* The blanks that start the line holding OFFSET. */
static void line_indent(const struct config *c, size_t offset,
			struct strbuf *out)
{
	size_t i = offset;

	while (i > 0 && c->text[i - 1] != '\n')
		i--;
	while (i < c->len && (c->text[i] == ' ' || c->text[i] == '\t'))
		strbuf_addc(out, c->text[i++]);
}

/* One indent level: the first member's indent on its own line. */
static void detect_unit(struct config *c)
{
	size_t first = node(c, 0)->first, i;
	struct strbuf sb = STRBUF_INIT;

	c->unit[0] = '\0';
	if (first == PROFILE_JSON_NONE)
		return;
	i = node(c, first)->key_start;
	if (!memchr(c->text + node(c, 0)->start, '\n', i - node(c, 0)->start))
		return;
	line_indent(c, i, &sb);
	snprintf(c->unit, sizeof(c->unit), "%s", sb.len ? sb.buf : "\t");
	strbuf_release(&sb);
}

/* VALUE (doc's pretty text: tab indents) for a line indented INDENT,
   in the file's unit; a one-line file's VALUE is on one line already. */
static void reindent(const struct config *c, const char *value,
		     const char *indent, struct strbuf *out)
{
	const char *p;

	for (p = value; *p; p++) {
		strbuf_addc(out, *p);
		if (*p != '\n')
			continue;
		strbuf_adds(out, indent);
		for (; p[1] == '\t'; p++)
			strbuf_adds(out, c->unit);
	}
}

/* Append ',' + newline + the members' indent + "KEY": VALUE after the
   last member of non-empty OBJ, or fill an empty one. */
static void add_member(const struct config *c, size_t obj, const char *key,
		       const char *value, struct strbuf *out, size_t *at)
{
	const struct profile_json_node *o = node(c, obj);
	struct strbuf outer = STRBUF_INIT, inner = STRBUF_INIT;

	line_indent(c, o->count ? node(c, o->first)->key_start : o->start,
		    o->count ? &inner : &outer);
	if (!o->count) {
		strbuf_adds(&inner, outer.buf ? outer.buf : "");
		strbuf_adds(&inner, c->unit);
	}
	*at = o->count ? node(c, o->last)->end : o->start + 1;
	strbuf_adds(out, o->count ? "," : "");
	if (c->unit[0]) {
		strbuf_addc(out, '\n');
		strbuf_adds(out, strbuf_str(&inner));
		strbuf_addf(out, "\"%s\": ", key);
	} else {
		strbuf_addf(out, "\"%s\":", key);
	}
	reindent(c, value, strbuf_str(&inner), out);
	if (!o->count && c->unit[0]) {
		strbuf_addc(out, '\n');
		strbuf_adds(out, strbuf_str(&outer));
	}
	strbuf_release(&outer);
	strbuf_release(&inner);
}

static void splice(const struct config *c, size_t start, size_t end,
		   const struct strbuf *text, struct strbuf *out)
{
	strbuf_add(out, c->text, start);
	strbuf_add(out, text->buf, text->len);
	strbuf_add(out, c->text + end, c->len - end);
}

int profile_oci_merge(const char *name, const char *config, size_t len,
		      const struct doc *seccomp_doc, struct strbuf *out,
		      struct err *err)
{
	struct config c = {.text = config, .len = len};
	struct strbuf text = STRBUF_INIT, indent = STRBUF_INIT, wrap;
	struct strbuf value = STRBUF_INIT;
	const char *seccomp;
	struct profile_json_error e;
	unsigned line, col;
	size_t linux_obj, sec, at;

	if (profile_json_parse(&c.doc, config, len, &e) < 0) {
		profile_json_position(&c.doc, e.offset, &line, &col);
		profile_json_release(&c.doc);
		return err_set(err, EINVAL, "%s:%u:%u: %s", name, line, col,
			       e.msg);
	}
	if (node(&c, 0)->type != PROFILE_JSON_OBJECT) {
		profile_json_release(&c.doc);
		return err_set(err, EINVAL, "%s: not a JSON object", name);
	}
	detect_unit(&c);
	doc_write_json(seccomp_doc, c.unit[0] ? DOC_PRETTY : DOC_LINE, &value);
	seccomp = value.buf;
	linux_obj = member(&c, 0, "linux");
	if (linux_obj != PROFILE_JSON_NONE &&
	    node(&c, linux_obj)->type != PROFILE_JSON_OBJECT) {
		const char *found =
			profile_json_type_name(node(&c, linux_obj)->type);

		profile_json_position(&c.doc, node(&c, linux_obj)->start, &line,
				      &col);
		profile_json_release(&c.doc);
		strbuf_release(&value);
		return err_set(err, EINVAL,
			       "%s:%u:%u: linux: expected an object, found %s",
			       name, line, col, found);
	}
	sec = linux_obj == PROFILE_JSON_NONE ? PROFILE_JSON_NONE
					     : member(&c, linux_obj, "seccomp");
	if (sec != PROFILE_JSON_NONE) {
		line_indent(&c, node(&c, sec)->key_start, &indent);
		reindent(&c, seccomp, strbuf_str(&indent), &text);
		splice(&c, node(&c, sec)->start, node(&c, sec)->end, &text,
		       out);
	} else if (linux_obj != PROFILE_JSON_NONE) {
		add_member(&c, linux_obj, "seccomp", seccomp, &text, &at);
		splice(&c, at, at, &text, out);
	} else {
		strbuf_init(&wrap);
		strbuf_adds(&wrap,
			    c.unit[0] ? "{\n\t\"seccomp\": " : "{\"seccomp\":");
		for (const char *p = seccomp; *p; p++) {
			strbuf_addc(&wrap, *p);
			if (*p == '\n')
				strbuf_addc(&wrap, '\t');
		}
		strbuf_adds(&wrap, c.unit[0] ? "\n}" : "}");
		add_member(&c, 0, "linux", wrap.buf, &text, &at);
		splice(&c, at, at, &text, out);
		strbuf_release(&wrap);
	}
	strbuf_release(&text);
	strbuf_release(&indent);
	strbuf_release(&value);
	profile_json_release(&c.doc);
	return 0;
}
