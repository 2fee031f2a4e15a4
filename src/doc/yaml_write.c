// SPDX-License-Identifier: Apache-2.0
/*
 * YAML out: a tree of JSON values as one block-style document through
 * libyaml's emitter, laid out as kubectl writes objects (two-space
 * indents, a sequence's "- " at its key's indent, no line folding).
 *
 * libyaml quotes a string only where plain text would not parse; a
 * string that would parse as another type ("true", "1", "null", "on")
 * is quoted here, so the document reads back as the same JSON.
 */
#include <errno.h>
#include <json-c/json.h>
#include <string.h>
#include <yaml.h>

#include "internal.h"

struct writer {
	yaml_emitter_t em;
	struct err *err;
};

static int emit(struct writer *w, yaml_event_t *ev)
{
	if (yaml_emitter_emit(&w->em, ev))
		return 0;
	if (w->em.error == YAML_MEMORY_ERROR)
		xalloc_die();
	return err_set(w->err, EINVAL, "writing YAML: %s",
		       w->em.problem ? w->em.problem : "libyaml failed");
}

static int output(void *data, unsigned char *buf, size_t size)
{
	strbuf_add(data, buf, size);
	return 1;
}

static int plain(struct writer *w, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
					  (yaml_char_t *)(uintptr_t)s,
					  (int)strlen(s), 1, 1, style))
		xalloc_die();
	return emit(w, &ev);
}

/* A string, quoted when plain it would read as a null, bool or number. */
static int string(struct writer *w, const char *s, size_t n)
{
	yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
	uint64_t mag;
	bool neg;
	int rc;
	yaml_event_t ev;

	if (doc_scalar_resolve(s, n, &neg, &mag, &rc) != DOC_SCALAR_STRING)
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
					  (yaml_char_t *)(uintptr_t)s, (int)n,
					  1, 1, style))
		xalloc_die();
	return emit(w, &ev);
}

static int node(struct writer *w, json_object *o);

static int members(struct writer *w, json_object *o)
{
	yaml_event_t ev;
	int rc;

	if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
						 YAML_BLOCK_MAPPING_STYLE))
		xalloc_die();
	rc = emit(w, &ev);
	json_object_object_foreach(o, key, val)
	{
		if (rc == 0)
			rc = string(w, key, strlen(key));
		if (rc == 0)
			rc = node(w, val);
	}
	if (rc < 0)
		return rc;
	yaml_mapping_end_event_initialize(&ev);
	return emit(w, &ev);
}

static int elements(struct writer *w, json_object *o)
{
	size_t i, n = json_object_array_length(o);
	yaml_event_t ev;
	int rc;

	if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
						  YAML_BLOCK_SEQUENCE_STYLE))
		xalloc_die();
	rc = emit(w, &ev);
	for (i = 0; rc == 0 && i < n; i++)
		rc = node(w, json_object_array_get_idx(o, i));
	if (rc < 0)
		return rc;
	yaml_sequence_end_event_initialize(&ev);
	return emit(w, &ev);
}

static int empty(struct writer *w, bool seq)
{
	yaml_event_t ev;
	int ok;

	/* [] and {} as flow collections: block style cannot be empty. */
	ok = seq ? yaml_sequence_start_event_initialize(
			   &ev, NULL, NULL, 1, YAML_FLOW_SEQUENCE_STYLE)
		 : yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
						       YAML_FLOW_MAPPING_STYLE);
	if (!ok)
		xalloc_die();
	if (emit(w, &ev) < 0)
		return -EINVAL;
	if (seq)
		yaml_sequence_end_event_initialize(&ev);
	else
		yaml_mapping_end_event_initialize(&ev);
	return emit(w, &ev);
}

static int node(struct writer *w, json_object *o)
{
	switch (json_object_get_type(o)) {
	case json_type_null:
		return plain(w, "null", YAML_PLAIN_SCALAR_STYLE);
	case json_type_boolean:
		return plain(w, json_object_get_boolean(o) ? "true" : "false",
			     YAML_PLAIN_SCALAR_STYLE);
	case json_type_int:
	case json_type_double:
		return plain(w, json_object_to_json_string(o),
			     YAML_PLAIN_SCALAR_STYLE);
	case json_type_string:
		return string(w, json_object_get_string(o),
			      (size_t)json_object_get_string_len(o));
	case json_type_array:
		if (!json_object_array_length(o))
			return empty(w, true);
		return elements(w, o);
	case json_type_object:
		if (!json_object_object_length(o))
			return empty(w, false);
		return members(w, o);
	}
	return err_set(w->err, EINVAL, "writing YAML: unknown value type");
}

int doc_write_yaml(const struct doc *v, struct strbuf *out, struct err *err)
{
	struct writer w = {.err = err};
	yaml_event_t ev;
	int rc;

	if (!yaml_emitter_initialize(&w.em))
		xalloc_die();
	yaml_emitter_set_output(&w.em, output, out);
	yaml_emitter_set_indent(&w.em, 2);
	yaml_emitter_set_width(&w.em, -1);
	yaml_emitter_set_unicode(&w.em, 1);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	rc = emit(&w, &ev);
	if (rc == 0) {
		yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
		rc = emit(&w, &ev);
	}
	if (rc == 0)
		rc = node(&w, (json_object *)v);
	if (rc == 0) {
		yaml_document_end_event_initialize(&ev, 1);
		rc = emit(&w, &ev);
	}
	if (rc == 0) {
		yaml_stream_end_event_initialize(&ev);
		rc = emit(&w, &ev);
	}
	yaml_emitter_delete(&w.em);
	return rc;
}
