/* SPDX-License-Identifier: Apache-2.0 */
/*
 * doc: the documents seccompdbg writes from scratch, as trees of JSON
 * values, and YAML read and written as such trees.
 *
 * json-c and libyaml live only here. Every JSON document we produce (the
 * events' JSON Lines, new profiles, --json outputs, exports) is built as
 * a tree and written by json-c, so escaping and number formatting are the
 * library's. YAML (Kubernetes objects) goes through libyaml both ways.
 *
 * Reading profiles is not done here: the profile module keeps its own
 * position-aware reader, for line:column diagnostics and for edits that
 * keep the input's bytes (docs/profile-semantics.md).
 */
#ifndef SECCOMPDBG_DOC_H
#define SECCOMPDBG_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seccompdbg/util.h"

/* A JSON value: object, array, string, number, bool or null. */
struct doc;

/*
 * Building. Every constructor returns a new value (never NULL). Strings
 * are copied; invalid UTF-8 in them becomes U+FFFD so the output is
 * always valid. doc_str(NULL) is null.
 */
struct doc *doc_object(void);
struct doc *doc_array(void);
struct doc *doc_str(const char *s);
struct doc *doc_strn(const char *s, size_t n);
struct doc *doc_int(int64_t v);
struct doc *doc_uint(uint64_t v);
/* A number written with exactly DECIMALS digits after the point. */
struct doc *doc_fixed(double v, unsigned decimals);
struct doc *doc_bool(bool v);
struct doc *doc_null(void);
/* "0x1f" ("0" for zero): 64-bit values JSON numbers cannot all hold. */
struct doc *doc_hex(uint64_t v);
void doc_free(struct doc *v);

/*
 * Adding takes V over. doc_put adds or replaces member KEY of object OBJ
 * (members keep the order they were first added in); doc_push appends to
 * array ARR.
 */
void doc_put(struct doc *obj, const char *key, struct doc *v);
void doc_push(struct doc *arr, struct doc *v);
/* Shorthands for doc_put(obj, key, doc_...(v)). */
void doc_put_str(struct doc *obj, const char *key, const char *s);
void doc_put_int(struct doc *obj, const char *key, int64_t v);
void doc_put_uint(struct doc *obj, const char *key, uint64_t v);
void doc_put_bool(struct doc *obj, const char *key, bool v);
void doc_put_null(struct doc *obj, const char *key);
void doc_put_hex(struct doc *obj, const char *key, uint64_t v);

/* Reading a tree: NULL or 0 when V is not of that kind. */
struct doc *doc_get(const struct doc *obj, const char *key);
size_t doc_len(const struct doc *arr);
struct doc *doc_at(const struct doc *arr, size_t i);
/* The string of a string value (borrowed from V), else NULL. */
const char *doc_string(const struct doc *v);
/* The value of an integer V that fits in int64: true and *out. */
bool doc_integer(const struct doc *v, int64_t *out);

/*
 * Writing JSON, appended to OUT. DOC_LINE: one line, no spaces (JSON
 * Lines). DOC_PRETTY: Docker's own layout (one value per line, tab
 * indents, "key": value), which is json-c's pretty form; empty arrays
 * and objects stay "[]" and "{}". Neither ends in a newline. Besides
 * what json-c escapes, DEL, the C1 controls and U+2028/U+2029 are
 * written as \u escapes, so the text is safe to print on a terminal.
 */
enum doc_style { DOC_LINE, DOC_PRETTY };
void doc_write_json(const struct doc *v, enum doc_style style,
		    struct strbuf *out);
/*
 * Parse TEXT (JSON) with json-c. NAME is used in messages. -EINVAL with
 * "NAME: offset N: MESSAGE" when it is not JSON.
 */
int doc_parse_json(const char *name, const char *text, size_t len,
		   struct doc **out, struct err *err);

/*
 * YAML. doc_write_yaml writes V as one block-style YAML document (two
 * spaces per level, "- " items at their key's indent, as kubectl writes
 * them), quoting strings that would otherwise read as another type.
 */
int doc_write_yaml(const struct doc *v, struct strbuf *out, struct err *err);

/* Where each value of a document read from YAML was written. */
struct doc_mark {
	unsigned line, column;	       /* 1-based, of the value */
	unsigned key_line, key_column; /* of its key; 0 outside objects */
};

/*
 * Parse one YAML document (the only one in TEXT, or the only one whose
 * top-level "kind" is KIND when KIND is not NULL and TEXT holds several)
 * into a tree. Plain scalars are typed as YAML 1.1 reads them, as
 * Kubernetes does (null, ~, true/false/yes/no/on/off, integers in
 * decimal, 0x hex or 0 octal, floats); quoted scalars and !!str are
 * strings. Keys must be strings and unique. Aliases are expanded, within
 * a bound. With MARKS, *MARKS gets one entry per value in document order
 * (a value before its members or elements, members in order), the same
 * order doc_write_json writes them in; free() it.
 * Errors (-EINVAL): "NAME:LINE:COLUMN: MESSAGE".
 */
int doc_parse_yaml(const char *name, const char *text, size_t len,
		   const char *kind, struct doc **out, struct doc_mark **marks,
		   size_t *nmarks, struct err *err);

#endif
