/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The profile module's strict JSON scanner (json.c, json_string.c) and
 * the helpers that find things in what it scanned (text.c). Private to
 * src/profile/.
 */
#ifndef SECCOMPDBG_PROFILE_JSON_H
#define SECCOMPDBG_PROFILE_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "seccompdbg/util.h"

#define PROFILE_JSON_NONE SIZE_MAX

enum profile_json_type {
	PROFILE_JSON_NULL,
	PROFILE_JSON_FALSE,
	PROFILE_JSON_TRUE,
	PROFILE_JSON_NUMBER,
	PROFILE_JSON_STRING,
	PROFILE_JSON_ARRAY,
	PROFILE_JSON_OBJECT,
};

/*
 * One value. Nodes live in one array (index 0 is the top value); the
 * children of an array or object are linked through first/next. A member
 * of an object carries its key.
 */
struct profile_json_node {
	enum profile_json_type type;
	size_t start, end; /* the value's text: text[start, end) */
	size_t parent, first, last, next, count;
	char *str; /* a string's decoded UTF-8 (invalid bytes become
		      U+FFFD, as in Go); NUL-terminated */
	size_t str_len;
	char *key; /* the decoded key of an object member, else NULL */
	size_t key_len;
	size_t key_start, key_end; /* the key's text, quotes included */
};

struct profile_json {
	const char *text;
	size_t len;
	struct profile_json_node *nodes;
	size_t nnodes, cap;
	size_t *lines; /* offset where each line starts */
	size_t nlines;
	size_t memo_offset, memo_column; /* the last position asked for */
};

struct profile_json_error {
	size_t offset;
	char msg[256];
};

/* The scanner's cursor (json.c), shared with json_string.c. */
struct profile_json_scanner {
	struct profile_json *doc;
	const char *s;
	size_t len, pos;
	unsigned depth;
	struct profile_json_error *e;
};

/* Say what went wrong at AT; returns -EINVAL. */
int profile_json_fail(struct profile_json_scanner *sc, size_t at,
		      const char *fmt, ...) PRINTF_LIKE(3, 4);
/* The string at the cursor (on its '"'), decoded into *OUT (heap). */
int profile_json_scan_string(struct profile_json_scanner *sc, char **out,
			     size_t *out_len);

/*
 * Scan TEXT (borrowed; it must outlive the document) as RFC 8259 JSON
 * with nothing accepted beyond it. Returns 0, or -EINVAL with e saying
 * what was expected where.
 */
int profile_json_parse(struct profile_json *doc, const char *text, size_t len,
		       struct profile_json_error *e);
void profile_json_release(struct profile_json *doc);
/*
 * Scan TEXT[FROM, TO) as the elements of an array between two of its
 * elements that stay: AFTER when one precedes the region, BEFORE when
 * one follows it, so commas are where they must be. The new values are
 * appended to DOC's nodes (their offsets are TEXT's) with no parent,
 * linked through next from *FIRST, *COUNT of them; DEPTH is the array's
 * nesting depth. -EINVAL (DOC as it was) when the region does not read
 * so.
 */
int profile_json_scan_elements(struct profile_json *doc, const char *text,
			       size_t from, size_t to, bool after, bool before,
			       unsigned depth, size_t *first, size_t *count,
			       struct profile_json_error *e);
/* Drop the nodes from N on (the last ones made). */
void profile_json_truncate(struct profile_json *doc, size_t n);
/*
 * The length of the valid UTF-8 sequence at P (Go's utf8.DecodeRune: no
 * overlongs, surrogates or values past U+10FFFF), 0 when invalid.
 */
size_t profile_utf8_valid(const unsigned char *p, size_t n);
/* 1-based line and column (in characters) of OFFSET. */
void profile_json_position(struct profile_json *doc, size_t offset,
			   unsigned *line, unsigned *column);
/* The I-th element of array ARR; NONE when there is none. */
size_t profile_json_element(const struct profile_json *doc, size_t arr,
			    size_t i);
/* "a string", "an array"... for messages. */
const char *profile_json_type_name(enum profile_json_type t);
/* Go's key match: equal ignoring case (ASCII, and the Kelvin sign and
   long s, which fold to k and s). */
bool profile_json_key_folds(const char *key, size_t len, const char *field);
/*
 * The next member of OBJ after PREV (NONE: from the first) whose key Go
 * would decode into field NAME; PROFILE_JSON_NONE when there is none. Go
 * decodes every one of them in order: the last wins, objects merge.
 */
size_t profile_json_next_member(const struct profile_json *doc, size_t obj,
				const char *name, size_t prev);

#endif
