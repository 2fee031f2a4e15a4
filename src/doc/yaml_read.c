// SPDX-License-Identifier: Apache-2.0
/*
 * YAML in: libyaml's event parser, composed into a tree of JSON values
 * the way Kubernetes reads a manifest (YAML -> JSON -> the object), with
 * the position of every value kept for messages.
 *
 * Composed from events rather than with libyaml's document loader, which
 * forgets whether a scalar was quoted: "on" is a string, on is a bool.
 * Aliases are expanded (a copy of the anchored value), within a bound on
 * the values made in all, so a few lines cannot expand into gigabytes.
 */
#include <errno.h>
#include <json-c/json.h>
#include <string.h>
#include <yaml.h>

#include "internal.h"

#define MAX_VALUES (1u << 20)
#define MAX_DEPTH  256

#define TAG_PREFIX "tag:yaml.org,2002:"

struct anchor {
	char *name;
	struct doc *value;   /* our own reference */
	size_t first, count; /* its marks */
};

struct reader {
	yaml_parser_t parser;
	const char *name;
	struct err *err;
	struct doc_mark *marks;
	size_t nmarks, cap;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	size_t values;
	unsigned depth;
	struct strbuf path; /* of the value being read: spec.syscalls[1] */
};

static int fail_at(struct reader *r, const yaml_mark_t *m, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

static int fail_at(struct reader *r, const yaml_mark_t *m, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(r->err, EINVAL, "%s:%zu:%zu: %s%s%s", r->name,
		       m->line + 1, m->column + 1, strbuf_str(&r->path),
		       r->path.len ? ": " : "", msg);
}

/* The path grows by one step while a member or element is read. */
static size_t path_push_key(struct reader *r, const char *key)
{
	size_t old = r->path.len;

	if (old)
		strbuf_addc(&r->path, '.');
	escape_c(&r->path, key, strnlen(key, 64));
	return old;
}

static size_t path_push_index(struct reader *r, size_t i)
{
	size_t old = r->path.len;

	strbuf_addf(&r->path, "[%zu]", i);
	return old;
}

static void path_pop(struct reader *r, size_t old)
{
	strbuf_truncate(&r->path, old);
}

static int next(struct reader *r, yaml_event_t *ev)
{
	const yaml_mark_t *m = &r->parser.problem_mark;

	if (yaml_parser_parse(&r->parser, ev))
		return 0;
	if (r->parser.error == YAML_MEMORY_ERROR)
		xalloc_die();
	if (r->parser.problem_mark.line == 0 &&
	    r->parser.problem_mark.column == 0 && r->parser.context)
		m = &r->parser.context_mark;
	return fail_at(r, m, "%s%s%s",
		       r->parser.problem ? r->parser.problem : "not YAML",
		       r->parser.context ? " " : "",
		       r->parser.context ? r->parser.context : "");
}

static size_t mark_new(struct reader *r, const yaml_mark_t *m,
		       const yaml_mark_t *key)
{
	struct doc_mark *dm;

	xgrow(&r->marks, &r->cap, r->nmarks + 1, sizeof(*r->marks));
	dm = &r->marks[r->nmarks];
	*dm = (struct doc_mark){(unsigned)m->line + 1, (unsigned)m->column + 1,
				key ? (unsigned)key->line + 1 : 0,
				key ? (unsigned)key->column + 1 : 0};
	return r->nmarks++;
}

static int budget(struct reader *r, const yaml_mark_t *m, size_t n)
{
	r->values += n;
	if (r->values > MAX_VALUES)
		return fail_at(
			r, m,
			"more than %u values (aliases expanded): not a profile",
			MAX_VALUES);
	return 0;
}

/* An integer as JSON can hold it. */
static int make_int(struct reader *r, const yaml_mark_t *m, bool neg,
		    uint64_t mag, struct doc **out)
{
	if (neg && mag > (uint64_t)INT64_MAX + 1)
		return fail_at(
			r, m,
			"expected an integer of 64 bits, found one below -2^63");
	if (neg)
		*out = doc_int(mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN
							      : -(int64_t)mag);
	else
		*out = mag > INT64_MAX ? doc_uint(mag) : doc_int((int64_t)mag);
	return 0;
}

static int make_float(struct reader *r, const yaml_mark_t *m, const char *s,
		      size_t n, struct doc **out)
{
	struct strbuf sb = STRBUF_INIT;
	char *end;
	double v;
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != '_')
			strbuf_addc(&sb, s[i]);
	v = strtod(strbuf_str(&sb), &end);
	if (*end || v != v || v - v != 0) {
		strbuf_release(&sb);
		return fail_at(
			r, m,
			"expected a finite number: the object is read as JSON, which has no infinity or NaN");
	}
	*out = doc_float(v);
	strbuf_release(&sb);
	return 0;
}

/* A scalar typed by its tag, or by its spelling when plain and untagged. */
static int scalar(struct reader *r, const yaml_event_t *ev, struct doc **out)
{
	const char *s = (const char *)ev->data.scalar.value;
	const char *tag = (const char *)ev->data.scalar.tag;
	size_t n = ev->data.scalar.length;
	enum doc_scalar kind = DOC_SCALAR_STRING;
	uint64_t mag = 0;
	bool neg = false;
	int rc = 0;

	if (tag && strcmp(tag, "!") && !str_has_prefix(tag, TAG_PREFIX))
		return fail_at(r, &ev->start_mark, "unsupported tag %s", tag);
	if (tag && str_has_prefix(tag, TAG_PREFIX)) {
		static const char *const known[] = {"str",  "int",  "float",
						    "bool", "null", NULL};
		const char *t = tag + strlen(TAG_PREFIX);
		size_t i;

		for (i = 0; known[i] && strcmp(known[i], t); i++)
			;
		if (!known[i])
			return fail_at(
				r, &ev->start_mark,
				"unsupported tag !!%.32s: a profile holds strings, numbers, booleans and nulls",
				t);
		kind = doc_scalar_resolve(s, n, &neg, &mag, &rc);
		if (!strcmp(t, "str"))
			kind = DOC_SCALAR_STRING;
		else if (strcmp(t, kind == DOC_SCALAR_INT     ? "int"
				   : kind == DOC_SCALAR_FLOAT ? "float"
				   : kind == DOC_SCALAR_NULL  ? "null"
							      : "bool") &&
			 !(kind == DOC_SCALAR_INT && !strcmp(t, "float")))
			return fail_at(r, &ev->start_mark, "'%.*s' is not a %s",
				       (int)(n > 64 ? 64 : n), s, t);
	} else if (!tag && ev->data.scalar.plain_implicit &&
		   ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		kind = doc_scalar_resolve(s, n, &neg, &mag, &rc);
	}
	if (rc < 0)
		return fail_at(r, &ev->start_mark,
			       "expected an integer of 64 bits, found %.32s%s",
			       s, n > 32 ? "..." : "");
	switch (kind) {
	case DOC_SCALAR_STRING:
		*out = doc_strn(s, n);
		return 0;
	case DOC_SCALAR_NULL:
		*out = doc_null();
		return 0;
	case DOC_SCALAR_TRUE:
	case DOC_SCALAR_FALSE:
		*out = doc_bool(kind == DOC_SCALAR_TRUE);
		return 0;
	case DOC_SCALAR_INT:
		return make_int(r, &ev->start_mark, neg, mag, out);
	case DOC_SCALAR_FLOAT:
		break;
	}
	return make_float(r, &ev->start_mark, s, n, out);
}

static int value(struct reader *r, yaml_event_t *ev, const yaml_mark_t *key,
		 struct doc **out);

/* Elements until SEQUENCE-END. */
static int sequence(struct reader *r, struct doc *arr)
{
	yaml_event_t ev;
	struct doc *v;
	size_t i, old;
	int rc;

	for (i = 0;; i++) {
		rc = next(r, &ev);
		if (rc < 0)
			return rc;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		old = path_push_index(r, i);
		rc = value(r, &ev, NULL, &v);
		yaml_event_delete(&ev);
		if (rc < 0)
			return rc;
		path_pop(r, old);
		doc_push(arr, v);
	}
}

/* Members until MAPPING-END: scalar keys, each once. */
static int mapping(struct reader *r, struct doc *obj)
{
	yaml_event_t kev, vev;
	struct doc *v;
	char *key;
	int rc;

	for (;;) {
		rc = next(r, &kev);
		if (rc < 0)
			return rc;
		if (kev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&kev);
			return 0;
		}
		if (kev.type != YAML_SCALAR_EVENT) {
			rc = fail_at(r, &kev.start_mark,
				     "a key must be a plain string");
			yaml_event_delete(&kev);
			return rc;
		}
		key = xstrndup((const char *)kev.data.scalar.value,
			       kev.data.scalar.length);
		if (strlen(key) != kev.data.scalar.length ||
		    json_object_object_get_ex((json_object *)obj, key, NULL))
			rc = fail_at(r, &kev.start_mark, "key '%.64s' %s", key,
				     strlen(key) != kev.data.scalar.length
					     ? "holds a NUL"
					     : "given twice");
		if (rc == 0)
			rc = next(r, &vev);
		if (rc == 0) {
			size_t old = path_push_key(r, key);

			rc = value(r, &vev, &kev.start_mark, &v);
			yaml_event_delete(&vev);
			if (rc == 0)
				path_pop(r, old);
		}
		if (rc == 0)
			doc_put(obj, key, v);
		free(key);
		yaml_event_delete(&kev);
		if (rc < 0)
			return rc;
	}
}

static const struct anchor *anchor_find(const struct reader *r,
					const char *name)
{
	size_t i;

	for (i = r->nanchors; i-- > 0;)
		if (!strcmp(r->anchors[i].name, name))
			return &r->anchors[i];
	return NULL;
}

/* A copy of the anchored value and of its marks. */
static int alias(struct reader *r, const yaml_event_t *ev,
		 const yaml_mark_t *key, struct doc **out)
{
	const char *name = (const char *)ev->data.alias.anchor;
	const struct anchor *a = anchor_find(r, name);
	json_object *copy = NULL;
	size_t i, first = r->nmarks;

	if (!a)
		return fail_at(
			r, &ev->start_mark,
			"alias *%.64s: no anchor &%.64s before it (a value cannot hold itself)",
			name, name);
	if (budget(r, &ev->start_mark, a->count) < 0)
		return -EINVAL;
	if (a->value &&
	    json_object_deep_copy((json_object *)a->value, &copy, NULL) < 0)
		xalloc_die();
	for (i = 0; i < a->count; i++) {
		xgrow(&r->marks, &r->cap, r->nmarks + 1, sizeof(*r->marks));
		r->marks[r->nmarks++] = r->marks[a->first + i];
	}
	if (key) {
		r->marks[first].key_line = (unsigned)key->line + 1;
		r->marks[first].key_column = (unsigned)key->column + 1;
	}
	*out = (struct doc *)copy;
	return 0;
}

static void anchor_add(struct reader *r, const yaml_char_t *name, struct doc *v,
		       size_t first)
{
	struct anchor *a;

	if (!name)
		return;
	xgrow(&r->anchors, &r->capanchors, r->nanchors + 1,
	      sizeof(*r->anchors));
	a = &r->anchors[r->nanchors++];
	a->name = xstrdup((const char *)name);
	a->value = (struct doc *)json_object_get((json_object *)v);
	a->first = first;
	a->count = r->nmarks - first;
}

static int container(struct reader *r, yaml_event_t *ev, struct doc **out)
{
	bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
	const char *tag = (const char *)(seq ? ev->data.sequence_start.tag
					     : ev->data.mapping_start.tag);
	int rc;

	if (tag && strcmp(tag, seq ? TAG_PREFIX "seq" : TAG_PREFIX "map"))
		return fail_at(r, &ev->start_mark, "unsupported tag %s", tag);
	if (++r->depth > MAX_DEPTH)
		return fail_at(r, &ev->start_mark, "nested more than %d deep",
			       MAX_DEPTH);
	*out = seq ? doc_array() : doc_object();
	rc = seq ? sequence(r, *out) : mapping(r, *out);
	r->depth--;
	if (rc < 0) {
		doc_free(*out);
		*out = NULL;
	}
	return rc;
}

static int value(struct reader *r, yaml_event_t *ev, const yaml_mark_t *key,
		 struct doc **out)
{
	const yaml_char_t *anchor = NULL;
	size_t first = r->nmarks;
	int rc;

	*out = NULL;
	if (ev->type == YAML_ALIAS_EVENT)
		return alias(r, ev, key, out);
	if (budget(r, &ev->start_mark, 1) < 0)
		return -EINVAL;
	mark_new(r, &ev->start_mark, key);
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		rc = scalar(r, ev, out);
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		rc = container(r, ev, out);
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		rc = container(r, ev, out);
		break;
	default:
		rc = fail_at(r, &ev->start_mark, "expected a value");
	}
	if (rc == 0)
		anchor_add(r, anchor, *out, first);
	return rc;
}

/* One parsed document: its value and where its marks start. */
struct parsed {
	struct doc *v;
	size_t first, count;
	yaml_mark_t start;
};

static bool kind_is(const struct doc *v, const char *kind)
{
	const char *k = doc_string(doc_get(v, "kind"));

	return k && !strcmp(k, kind);
}

/* Every document of the stream into *DOCS. */
static int documents(struct reader *r, struct parsed **docs, size_t *n)
{
	yaml_event_t ev;
	size_t cap = 0;
	int rc;

	for (;;) {
		rc = next(r, &ev);
		if (rc < 0)
			return rc;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (ev.type != YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&ev); /* STREAM-START, DOCUMENT-END */
			continue;
		}
		yaml_event_delete(&ev);
		rc = next(r, &ev);
		if (rc < 0)
			return rc;
		xgrow(docs, &cap, *n + 1, sizeof(**docs));
		(*docs)[*n] =
			(struct parsed){NULL, r->nmarks, 0, ev.start_mark};
		rc = value(r, &ev, NULL, &(*docs)[*n].v);
		yaml_event_delete(&ev);
		if (rc < 0)
			return rc;
		(*docs)[*n].count = r->nmarks - (*docs)[*n].first;
		(*n)++;
	}
}

/* The document to return: the only one, or the only one of KIND. */
static int choose(struct reader *r, const struct parsed *docs, size_t n,
		  const char *kind, size_t *at)
{
	size_t i, found = 0;
	yaml_mark_t top = {0, 0, 0};

	if (n == 1) {
		*at = 0;
		return 0;
	}
	if (n == 0 && kind)
		return fail_at(r, &top,
			       "no YAML document: expected one of kind %s",
			       kind);
	if (n == 0)
		return fail_at(r, &top, "no YAML document");
	for (i = 0; kind && i < n; i++)
		if (kind_is(docs[i].v, kind))
			found++, *at = i;
	if (found == 1)
		return 0;
	if (!kind)
		return fail_at(r, &docs[1].start,
			       "%zu YAML documents; expected one", n);
	return fail_at(r, found ? &docs[*at].start : &top,
		       "%zu YAML documents, %zu of kind %s; expected one", n,
		       found, kind);
}

static void reader_release(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->nanchors; i++) {
		free(r->anchors[i].name);
		doc_free(r->anchors[i].value);
	}
	free(r->anchors);
	free(r->marks);
	strbuf_release(&r->path);
	yaml_parser_delete(&r->parser);
}

int doc_parse_yaml(const char *name, const char *text, size_t len,
		   const char *kind, struct doc **out, struct doc_mark **marks,
		   size_t *nmarks, struct err *err)
{
	struct reader r = {.name = name, .err = err, .path = STRBUF_INIT};
	struct parsed *docs = NULL;
	size_t n = 0, i, at = 0;
	int rc;

	if (!yaml_parser_initialize(&r.parser))
		xalloc_die();
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)text,
				     len);
	rc = documents(&r, &docs, &n);
	if (rc == 0)
		rc = choose(&r, docs, n, kind, &at);
	for (i = 0; i < n; i++)
		if (rc < 0 || i != at)
			doc_free(docs[i].v);
	if (rc == 0) {
		*out = docs[at].v;
		if (marks) {
			*nmarks = docs[at].count;
			*marks = xcalloc(*nmarks + 1, sizeof(**marks));
			memcpy(*marks, r.marks + docs[at].first,
			       *nmarks * sizeof(**marks));
		}
	}
	free(docs);
	reader_release(&r);
	return rc;
}
