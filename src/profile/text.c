// SPDX-License-Identifier: Apache-2.0
/*
 * Text helpers for the scanned JSON: UTF-8 the way Go reads it, line and
 * column of an offset, the members Go would decode into a field (its
 * case-insensitive key match), array elements.
 */
#include <string.h>

#include "internal.h"

/*
 * One UTF-8 sequence as Go's utf8.DecodeRune accepts it (no overlongs, no
 * surrogates, nothing above U+10FFFF). Returns its length, 0 if invalid.
 */
size_t profile_utf8_valid(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];
	size_t len, i;
	unsigned lo = 0x80, hi = 0xbf;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (n < len)
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f; /* U+D800..U+DFFF are not characters */
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return len;
}

void profile_json_position(struct profile_json *doc, size_t offset,
			   unsigned *line, unsigned *column)
{
	size_t lo = 0, hi = doc->nlines, i, col = 1;

	/* the last line start <= offset */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (doc->lines[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	i = doc->lines[lo];
	/* positions come mostly in text order: go on from the last one, so
	   a one-line profile of 60000 rules is not quadratic */
	if (doc->memo_offset >= i && doc->memo_offset <= offset) {
		i = doc->memo_offset;
		col = doc->memo_column;
	}
	for (; i < offset && i < doc->len; i++)
		if (((unsigned char)doc->text[i] & 0xc0) != 0x80)
			col++;
	doc->memo_offset = offset;
	doc->memo_column = col;
	*line = (unsigned)(lo + 1);
	*column = (unsigned)col;
}

const char *profile_json_type_name(enum profile_json_type t)
{
	static const char *const names[] = {
		[PROFILE_JSON_NULL] = "null",
		[PROFILE_JSON_FALSE] = "a boolean",
		[PROFILE_JSON_TRUE] = "a boolean",
		[PROFILE_JSON_NUMBER] = "a number",
		[PROFILE_JSON_STRING] = "a string",
		[PROFILE_JSON_ARRAY] = "an array",
		[PROFILE_JSON_OBJECT] = "an object",
	};

	return names[t];
}

/* The byte a character folds to for Go's key match, or 0. */
static char fold_char(const char *s, size_t len, size_t *used)
{
	unsigned char c = (unsigned char)s[0];

	*used = 1;
	if (c < 0x80)
		return (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
	/* U+017F LATIN SMALL LETTER LONG S and U+212A KELVIN SIGN */
	if (len >= 2 && !memcmp(s, "\xc5\xbf", 2)) {
		*used = 2;
		return 'S';
	}
	if (len >= 3 && !memcmp(s, "\xe2\x84\xaa", 3)) {
		*used = 3;
		return 'K';
	}
	return 0;
}

bool profile_json_key_folds(const char *key, size_t len, const char *field)
{
	size_t i = 0, used;

	for (; *field; field++) {
		char a, b = *field;

		if (i >= len)
			return false;
		a = fold_char(key + i, len - i, &used);
		if (b >= 'a' && b <= 'z')
			b = (char)(b - 'a' + 'A');
		if (!a || a != b)
			return false;
		i += used;
	}
	return i == len;
}

size_t profile_json_next_member(const struct profile_json *doc, size_t obj,
				const char *name, size_t prev)
{
	size_t c;

	if (obj == PROFILE_JSON_NONE ||
	    doc->nodes[obj].type != PROFILE_JSON_OBJECT)
		return PROFILE_JSON_NONE;
	c = prev == PROFILE_JSON_NONE ? doc->nodes[obj].first
				      : doc->nodes[prev].next;
	for (; c != PROFILE_JSON_NONE; c = doc->nodes[c].next) {
		const struct profile_json_node *m = &doc->nodes[c];

		if (profile_json_key_folds(m->key, m->key_len, name))
			return c;
	}
	return PROFILE_JSON_NONE;
}

size_t profile_json_element(const struct profile_json *doc, size_t arr,
			    size_t i)
{
	size_t c;

	if (arr == PROFILE_JSON_NONE ||
	    doc->nodes[arr].type != PROFILE_JSON_ARRAY)
		return PROFILE_JSON_NONE;
	for (c = doc->nodes[arr].first; c != PROFILE_JSON_NONE && i;
	     c = doc->nodes[c].next)
		i--;
	return c;
}
