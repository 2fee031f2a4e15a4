// SPDX-License-Identifier: Apache-2.0
/*
 * JSON trees through json-c: building, reading back, writing, parsing.
 *
 * A struct doc is a json_object; the casts below are the only place the
 * two names meet. json-c escapes what JSON requires (quotes, backslashes,
 * control bytes) and writes UTF-8 as it is, so strings are repaired to
 * valid UTF-8 on the way in. Text the traced program controls is escaped
 * by the caller before it gets here (docs/events.md), as for a terminal.
 */
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static json_object *J(const struct doc *v)
{
	return (json_object *)v;
}

static struct doc *D(json_object *o)
{
	return (struct doc *)o;
}

/* json-c returns NULL only when malloc fails. */
static struct doc *must(json_object *o)
{
	if (!o)
		xalloc_die();
	return D(o);
}

struct doc *doc_object(void)
{
	return must(json_object_new_object());
}

struct doc *doc_array(void)
{
	return must(json_object_new_array());
}

/* S as valid UTF-8: each byte of an invalid sequence becomes U+FFFD. */
static bool utf8_repair(const char *s, size_t n, struct strbuf *out)
{
	size_t i = 0, len;
	uint32_t cp;
	bool changed = false;

	while (i < n) {
		len = utf8_decode(s + i, n - i, &cp);
		if (len) {
			strbuf_add(out, s + i, len);
			i += len;
			continue;
		}
		utf8_put(out, 0xfffd);
		changed = true;
		i++;
	}
	return changed;
}

struct doc *doc_strn(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	struct doc *v;

	if (!utf8_repair(s, n, &sb)) {
		strbuf_release(&sb);
		return must(json_object_new_string_len(s, (int)n));
	}
	v = must(json_object_new_string_len(sb.buf, (int)sb.len));
	strbuf_release(&sb);
	return v;
}

struct doc *doc_str(const char *s)
{
	return s ? doc_strn(s, strlen(s)) : doc_null();
}

struct doc *doc_int(int64_t v)
{
	return must(json_object_new_int64(v));
}

struct doc *doc_uint(uint64_t v)
{
	return must(json_object_new_uint64(v));
}

struct doc *doc_fixed(double v, unsigned decimals)
{
	char buf[64];

	/* json-c writes the text it is given for the number. */
	snprintf(buf, sizeof(buf), "%.*f", (int)decimals, v);
	return must(json_object_new_double_s(v, buf));
}

struct doc *doc_bool(bool v)
{
	return must(json_object_new_boolean(v));
}

struct doc *doc_null(void)
{
	/* json-c's null is a NULL object; a NULL struct doc stays null. */
	return NULL;
}

struct doc *doc_hex(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)v);
	return doc_str(buf);
}

void doc_free(struct doc *v)
{
	json_object_put(J(v));
}

void doc_put(struct doc *obj, const char *key, struct doc *v)
{
	assert(json_object_is_type(J(obj), json_type_object));
	if (json_object_object_add(J(obj), key, J(v)) < 0)
		xalloc_die();
}

void doc_push(struct doc *arr, struct doc *v)
{
	assert(json_object_is_type(J(arr), json_type_array));
	if (json_object_array_add(J(arr), J(v)) < 0)
		xalloc_die();
}

void doc_put_str(struct doc *obj, const char *key, const char *s)
{
	doc_put(obj, key, doc_str(s));
}

void doc_put_int(struct doc *obj, const char *key, int64_t v)
{
	doc_put(obj, key, doc_int(v));
}

void doc_put_uint(struct doc *obj, const char *key, uint64_t v)
{
	doc_put(obj, key, doc_uint(v));
}

void doc_put_bool(struct doc *obj, const char *key, bool v)
{
	doc_put(obj, key, doc_bool(v));
}

void doc_put_null(struct doc *obj, const char *key)
{
	doc_put(obj, key, doc_null());
}

void doc_put_hex(struct doc *obj, const char *key, uint64_t v)
{
	doc_put(obj, key, doc_hex(v));
}

struct doc *doc_get(const struct doc *obj, const char *key)
{
	json_object *v = NULL;

	if (!json_object_is_type(J(obj), json_type_object) ||
	    !json_object_object_get_ex(J(obj), key, &v))
		return NULL;
	return D(v);
}

size_t doc_len(const struct doc *arr)
{
	if (!json_object_is_type(J(arr), json_type_array))
		return 0;
	return json_object_array_length(J(arr));
}

struct doc *doc_at(const struct doc *arr, size_t i)
{
	if (i >= doc_len(arr))
		return NULL;
	return D(json_object_array_get_idx(J(arr), i));
}

const char *doc_string(const struct doc *v)
{
	if (!json_object_is_type(J(v), json_type_string))
		return NULL;
	return json_object_get_string(J(v));
}

bool doc_integer(const struct doc *v, int64_t *out)
{
	if (!json_object_is_type(J(v), json_type_int))
		return false;
	errno = 0;
	*out = json_object_get_int64(J(v));
	/* json-c clamps what does not fit, and says so in errno */
	return errno == 0;
}

/*
 * What json-c writes, with two changes:
 *
 * - DEL, the C1 controls (U+0080..U+009F: a terminal may take U+009B for
 *   CSI) and U+2028/U+2029 become \u escapes, as util's escape_json
 *   writes them, so that a file of ours is safe to print. json-c leaves
 *   them as they are; they can only stand inside strings (the text is
 *   valid UTF-8), where the escape means the same character.
 * - In the pretty form, an empty container is "[]" as Go writes it, not
 *   json-c's "[" newline indent "]". json-c never leaves a raw newline
 *   inside a string, so every newline is layout.
 */
static size_t terminal_unsafe(const unsigned char *p, unsigned *cp)
{
	if (p[0] == 0x7f) {
		*cp = 0x7f;
		return 1;
	}
	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
		*cp = p[1];
		return 2;
	}
	if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
		*cp = 0x2000u + p[2] - 0x80u;
		return 3;
	}
	return 0;
}

static size_t empty_container(const char *p)
{
	const char *q;

	if ((*p != '[' && *p != '{') || p[1] != '\n')
		return 0;
	for (q = p + 2; *q == '\t'; q++)
		;
	return *q == (*p == '[' ? ']' : '}') ? (size_t)(q - p) + 1 : 0;
}

static void finish(const char *s, bool pretty, struct strbuf *out)
{
	const char *p = s;
	unsigned cp;
	size_t n;

	while (*p) {
		n = terminal_unsafe((const unsigned char *)p, &cp);
		if (n) {
			strbuf_addf(out, "\\u%04x", cp);
			p += n;
			continue;
		}
		n = pretty ? empty_container(p) : 0;
		if (n) {
			strbuf_addc(out, p[0]);
			strbuf_addc(out, p[n - 1]);
			p += n;
			continue;
		}
		strbuf_addc(out, *p++);
	}
}

void doc_write_json(const struct doc *v, enum doc_style style,
		    struct strbuf *out)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE;
	const char *s;

	if (style == DOC_PRETTY)
		flags |= JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_PRETTY_TAB |
			 JSON_C_TO_STRING_SPACED;
	s = json_object_to_json_string_ext(J(v), flags);
	if (!s)
		xalloc_die();
	finish(s, style == DOC_PRETTY, out);
}

int doc_parse_json(const char *name, const char *text, size_t len,
		   struct doc **out, struct err *err)
{
	struct json_tokener *tok = json_tokener_new();
	enum json_tokener_error e;
	json_object *o;
	size_t end;

	if (!tok)
		xalloc_die();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	o = json_tokener_parse_ex(tok, text, (int)len);
	e = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (e == json_tokener_success && end < len &&
	    strspn(text + end, " \t\r\n") < len - end) {
		json_object_put(o);
		return err_set(err, EINVAL,
			       "%s: offset %zu: text after the value", name,
			       end);
	}
	if (e != json_tokener_success) {
		json_object_put(o);
		return err_set(err, EINVAL, "%s: offset %zu: %s", name, end,
			       e == json_tokener_continue
				       ? "the text ends inside a value"
				       : json_tokener_error_desc(e));
	}
	*out = D(o);
	return 0;
}

struct doc *doc_float(double v)
{
	return must(json_object_new_double(v));
}
