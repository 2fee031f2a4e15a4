// SPDX-License-Identifier: Apache-2.0
/*
 * A strict JSON scanner that remembers where every value sits.
 *
 * Why our own: json-c does not report positions, and even with
 * JSON_TOKENER_STRICT (json-c 0.16, which does refuse trailing commas,
 * comments and trailing data) it takes what Go's encoding/json (what
 * Docker and podman load profiles with) refuses: single quotes, NaN and
 * Infinity, raw control characters in strings; and it clamps integers
 * that overflow. Here the text is checked
 * against RFC 8259 exactly, each value keeps its byte range (so edits can
 * splice the text and messages can give line:column), and strings are
 * decoded the way Go decodes them (json_string.c: invalid UTF-8 and lone
 * surrogates become U+FFFD). Numbers stay text: read.c applies Go's
 * rules.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Go stops at 10000; profiles nest 6 deep, config.json about 8. */
#define MAX_DEPTH 1000

int profile_json_fail(struct profile_json_scanner *sc, size_t at,
		      const char *fmt, ...)
{
	va_list ap;

	sc->e->offset = at;
	va_start(ap, fmt);
	vsnprintf(sc->e->msg, sizeof(sc->e->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* What stands at the cursor, for messages: 'x', '\x01', end of input. */
static const char *found(struct profile_json_scanner *sc, char *buf,
			 size_t size)
{
	struct strbuf sb = STRBUF_INIT;

	if (sc->pos >= sc->len)
		return "the end of the input";
	strbuf_addc(&sb, '\'');
	escape_c(&sb, sc->s + sc->pos, 1);
	strbuf_addc(&sb, '\'');
	snprintf(buf, size, "%s", strbuf_str(&sb));
	strbuf_release(&sb);
	return buf;
}

/* A hint for the usual non-JSON that hand-written files contain. */
static const char *hint(struct profile_json_scanner *sc)
{
	char c = sc->pos < sc->len ? sc->s[sc->pos] : 0;

	switch (c) {
	case '/':
	case '#':
		return " (JSON has no comments)";
	case '\'':
		return " (JSON strings use double quotes)";
	case 'N':
	case 'I':
		return " (NaN and Infinity are not JSON numbers)";
	case '+':
		return " (a JSON number has no '+' sign)";
	case '.':
		return " (a JSON number starts with a digit)";
	default:
		return "";
	}
}

static int expected(struct profile_json_scanner *sc, const char *what)
{
	char buf[32];

	return profile_json_fail(sc, sc->pos, "expected %s, found %s%s", what,
				 found(sc, buf, sizeof(buf)), hint(sc));
}

static void skip_ws(struct profile_json_scanner *sc)
{
	while (sc->pos < sc->len) {
		char c = sc->s[sc->pos];

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		sc->pos++;
	}
}

static size_t node_new(struct profile_json_scanner *sc,
		       enum profile_json_type type, size_t parent)
{
	struct profile_json *doc = sc->doc;
	struct profile_json_node *n;
	size_t i = doc->nnodes++;

	xgrow(&doc->nodes, &doc->cap, doc->nnodes, sizeof(*doc->nodes));
	n = &doc->nodes[i];
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->start = sc->pos;
	n->parent = parent;
	n->first = n->last = n->next = PROFILE_JSON_NONE;
	if (parent != PROFILE_JSON_NONE) {
		struct profile_json_node *p = &doc->nodes[parent];

		if (p->last == PROFILE_JSON_NONE)
			p->first = i;
		else
			doc->nodes[p->last].next = i;
		p->last = i;
		p->count++;
	}
	return i;
}

static bool is_digit(struct profile_json_scanner *sc)
{
	return sc->pos < sc->len && sc->s[sc->pos] >= '0' &&
	       sc->s[sc->pos] <= '9';
}

static int scan_digits(struct profile_json_scanner *sc, const char *after)
{
	char buf[32];

	if (!is_digit(sc))
		return profile_json_fail(sc, sc->pos,
					 "expected a digit %s, found %s", after,
					 found(sc, buf, sizeof(buf)));
	while (is_digit(sc))
		sc->pos++;
	return 0;
}

static int scan_number(struct profile_json_scanner *sc)
{
	if (sc->s[sc->pos] == '-')
		sc->pos++;
	if (sc->pos < sc->len && sc->s[sc->pos] == '0') {
		sc->pos++;
		if (is_digit(sc))
			return profile_json_fail(
				sc, sc->pos - 1,
				"a JSON number cannot have a leading zero");
	} else if (scan_digits(sc, "in a number") < 0) {
		return -EINVAL;
	}
	if (sc->pos < sc->len && sc->s[sc->pos] == '.') {
		sc->pos++;
		if (scan_digits(sc, "after '.'") < 0)
			return -EINVAL;
	}
	if (sc->pos < sc->len && (sc->s[sc->pos] | 0x20) == 'e') {
		sc->pos++;
		if (sc->pos < sc->len &&
		    (sc->s[sc->pos] == '+' || sc->s[sc->pos] == '-'))
			sc->pos++;
		if (scan_digits(sc, "in the exponent") < 0)
			return -EINVAL;
	}
	return 0;
}

static int scan_literal(struct profile_json_scanner *sc, const char *word)
{
	size_t n = strlen(word);

	if (sc->len - sc->pos < n || memcmp(sc->s + sc->pos, word, n) != 0)
		return expected(sc, "a value");
	sc->pos += n;
	return 0;
}

static int scan_value(struct profile_json_scanner *sc, size_t parent,
		      size_t *out);

static int scan_array(struct profile_json_scanner *sc, size_t self)
{
	size_t child;

	sc->pos++;
	skip_ws(sc);
	if (sc->pos < sc->len && sc->s[sc->pos] == ']')
		goto close;
	for (;;) {
		if (scan_value(sc, self, &child) < 0)
			return -EINVAL;
		skip_ws(sc);
		if (sc->pos < sc->len && sc->s[sc->pos] == ']')
			break;
		if (sc->pos >= sc->len || sc->s[sc->pos] != ',')
			return expected(sc,
					"',' or ']' after an array element");
		sc->pos++;
		skip_ws(sc);
		if (sc->pos < sc->len && sc->s[sc->pos] == ']')
			return profile_json_fail(
				sc, sc->pos,
				"expected a value, found ']' (JSON allows no trailing comma)");
	}
close:
	sc->pos++;
	return 0;
}

static int scan_member(struct profile_json_scanner *sc, size_t self)
{
	size_t key_start = sc->pos, key_end, child;
	char *key;
	size_t key_len;

	if (sc->pos >= sc->len || sc->s[sc->pos] != '"')
		return expected(sc, "a string (an object key)");
	if (profile_json_scan_string(sc, &key, &key_len) < 0)
		return -EINVAL;
	key_end = sc->pos;
	skip_ws(sc);
	if (sc->pos >= sc->len || sc->s[sc->pos] != ':') {
		free(key);
		return expected(sc, "':' after an object key");
	}
	sc->pos++;
	if (scan_value(sc, self, &child) < 0) {
		free(key);
		return -EINVAL;
	}
	sc->doc->nodes[child].key = key;
	sc->doc->nodes[child].key_len = key_len;
	sc->doc->nodes[child].key_start = key_start;
	sc->doc->nodes[child].key_end = key_end;
	return 0;
}

static int scan_object(struct profile_json_scanner *sc, size_t self)
{
	sc->pos++;
	skip_ws(sc);
	if (sc->pos < sc->len && sc->s[sc->pos] == '}')
		goto close;
	for (;;) {
		if (scan_member(sc, self) < 0)
			return -EINVAL;
		skip_ws(sc);
		if (sc->pos < sc->len && sc->s[sc->pos] == '}')
			break;
		if (sc->pos >= sc->len || sc->s[sc->pos] != ',')
			return expected(sc,
					"',' or '}' after an object member");
		sc->pos++;
		skip_ws(sc);
		if (sc->pos < sc->len && sc->s[sc->pos] == '}')
			return profile_json_fail(
				sc, sc->pos,
				"expected a string (an object key), found '}' (JSON allows no trailing comma)");
	}
close:
	sc->pos++;
	return 0;
}

static int scan_container(struct profile_json_scanner *sc, size_t self,
			  bool object)
{
	int rc;

	if (++sc->depth > MAX_DEPTH)
		return profile_json_fail(
			sc, sc->pos, "nested deeper than %d levels", MAX_DEPTH);
	rc = object ? scan_object(sc, self) : scan_array(sc, self);
	sc->depth--;
	return rc;
}

static int scan_value(struct profile_json_scanner *sc, size_t parent,
		      size_t *out)
{
	struct profile_json_node *n;
	size_t self;
	int rc;
	char c;

	skip_ws(sc);
	if (sc->pos >= sc->len)
		return expected(sc, "a value");
	c = sc->s[sc->pos];
	switch (c) {
	case '{':
		self = node_new(sc, PROFILE_JSON_OBJECT, parent);
		rc = scan_container(sc, self, true);
		break;
	case '[':
		self = node_new(sc, PROFILE_JSON_ARRAY, parent);
		rc = scan_container(sc, self, false);
		break;
	case '"':
		self = node_new(sc, PROFILE_JSON_STRING, parent);
		n = &sc->doc->nodes[self];
		rc = profile_json_scan_string(sc, &n->str, &n->str_len);
		break;
	case 't':
	case 'f':
	case 'n':
		self = node_new(sc,
				c == 't'   ? PROFILE_JSON_TRUE
				: c == 'f' ? PROFILE_JSON_FALSE
					   : PROFILE_JSON_NULL,
				parent);
		rc = scan_literal(sc, c == 't'	 ? "true"
				      : c == 'f' ? "false"
						 : "null");
		break;
	default:
		if (c != '-' && (c < '0' || c > '9'))
			return expected(sc, "a value");
		self = node_new(sc, PROFILE_JSON_NUMBER, parent);
		rc = scan_number(sc);
		break;
	}
	if (rc < 0)
		return rc;
	sc->doc->nodes[self].end = sc->pos;
	*out = self;
	return 0;
}

int profile_json_scan_elements(struct profile_json *doc, const char *text,
			       size_t from, size_t to, bool after, bool before,
			       unsigned depth, size_t *first, size_t *count,
			       struct profile_json_error *e)
{
	struct profile_json_scanner sc = {doc, text, to, from, depth, e};
	size_t old = doc->nnodes, v, prev = PROFILE_JSON_NONE;
	bool want_comma = after; /* an element precedes the region */

	*first = PROFILE_JSON_NONE;
	*count = 0;
	for (;;) {
		skip_ws(&sc);
		if (sc.pos >= to)
			break;
		if (want_comma) {
			if (text[sc.pos] != ',') {
				expected(&sc, "',' between array elements");
				goto bad;
			}
			sc.pos++;
			want_comma = false;
			continue;
		}
		if (scan_value(&sc, PROFILE_JSON_NONE, &v) < 0)
			goto bad;
		if (prev == PROFILE_JSON_NONE)
			*first = v;
		else
			doc->nodes[prev].next = v;
		prev = v;
		(*count)++;
		want_comma = true;
	}
	/* an element follows: the region ends with a comma, unless it is
	   the first of the array; none follows: no comma dangles */
	if (before ? want_comma : !want_comma && (after || *count)) {
		profile_json_fail(
			&sc, to,
			"a comma missing or left over at the region's end");
		goto bad;
	}
	return 0;
bad:
	profile_json_truncate(doc, old);
	return -EINVAL;
}

void profile_json_truncate(struct profile_json *doc, size_t n)
{
	while (doc->nnodes > n) {
		struct profile_json_node *x = &doc->nodes[--doc->nnodes];

		free(x->str);
		free(x->key);
	}
}

static void index_lines(struct profile_json *doc)
{
	size_t cap = 0, i;

	doc->nlines = 0;
	xgrow(&doc->lines, &cap, 1, sizeof(*doc->lines));
	doc->lines[doc->nlines++] = 0;
	for (i = 0; i < doc->len; i++) {
		if (doc->text[i] != '\n')
			continue;
		xgrow(&doc->lines, &cap, doc->nlines + 1, sizeof(*doc->lines));
		doc->lines[doc->nlines++] = i + 1;
	}
}

int profile_json_parse(struct profile_json *doc, const char *text, size_t len,
		       struct profile_json_error *e)
{
	struct profile_json_scanner sc = {doc, text, len, 0, 0, e};
	size_t top;
	char buf[32];

	memset(doc, 0, sizeof(*doc));
	doc->text = text;
	doc->len = len;
	doc->memo_column = 1; /* offset 0 is column 1 */
	index_lines(doc);
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		return profile_json_fail(
			&sc, 0,
			"expected a value, found a UTF-8 byte order mark (Go's JSON decoder refuses it)");
	if (scan_value(&sc, PROFILE_JSON_NONE, &top) < 0)
		return -EINVAL;
	skip_ws(&sc);
	if (sc.pos < len)
		return profile_json_fail(
			&sc, sc.pos,
			"expected the end of the input after the top-level value, found %s%s",
			found(&sc, buf, sizeof(buf)), hint(&sc));
	return 0;
}

void profile_json_release(struct profile_json *doc)
{
	size_t i;

	for (i = 0; i < doc->nnodes; i++) {
		free(doc->nodes[i].str);
		free(doc->nodes[i].key);
	}
	free(doc->nodes);
	free(doc->lines);
	memset(doc, 0, sizeof(*doc));
}
