// SPDX-License-Identifier: Apache-2.0
/*
 * Go's encoding/json rules on top of the scanned text, and the collected
 * diagnostics. Docker and podman decode profiles into Go structs, so what
 * they accept is what encoding/json accepts:
 *
 * - keys match fields ignoring case (an exact match would be preferred,
 *   but no two fields of a profile fold to the same key);
 * - a key given twice is decoded twice: the last value wins, and an
 *   object decoded into the same struct pointer merges with the first;
 * - null leaves a string or number as it was and empties an array or a
 *   pointer;
 * - an unsigned field takes only a plain integer literal (no sign,
 *   fraction or exponent) that fits in 64 bits;
 * - unknown keys are ignored (we warn, so typos show).
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void profile_quote(struct strbuf *sb, const char *s, size_t len)
{
	const size_t max = 64;

	strbuf_addc(sb, '"');
	escape_c(sb, s, len > max ? max : len);
	strbuf_adds(sb, len > max ? "\"..." : "\"");
}

void profile_escape_raw(struct strbuf *sb, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] >= 0x20 && s[i] < 0x7f)
			strbuf_addc(sb, s[i]);
		else
			escape_c(sb, s + i, 1);
	}
}

void profile_diag(struct profile_reader *d, enum profile_severity sev,
		  size_t offset, const char *fmt, ...)
{
	struct profile *p = d->p;
	struct profile_diag *diag;
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	xgrow(&p->diags, &d->diags_cap, p->ndiags + 1, sizeof(*p->diags));
	diag = &p->diags[p->ndiags++];
	diag->severity = sev;
	diag->path = xstrdup(strbuf_str(&d->path));
	diag->message = strbuf_detach(&msg);
	profile_position(d, offset, &diag->line, &diag->column);
}

static bool is_identifier(const char *key, size_t len)
{
	size_t i;

	if (!len)
		return false;
	for (i = 0; i < len; i++) {
		char c = key[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '$'))
			return false;
	}
	return true;
}

size_t profile_path_key(struct profile_reader *d, const char *key, size_t len)
{
	size_t saved = d->path.len;

	if (is_identifier(key, len)) {
		if (d->path.len)
			strbuf_addc(&d->path, '.');
		strbuf_add(&d->path, key, len);
	} else {
		strbuf_addc(&d->path, '[');
		profile_quote(&d->path, key, len);
		strbuf_addc(&d->path, ']');
	}
	return saved;
}

size_t profile_path_index(struct profile_reader *d, size_t i)
{
	size_t saved = d->path.len;

	strbuf_addf(&d->path, "[%zu]", i);
	return saved;
}

void profile_path_pop(struct profile_reader *d, size_t saved)
{
	strbuf_truncate(&d->path, saved);
}

void profile_unknown(struct profile_reader *d, enum profile_severity sev,
		     size_t offset, const char *what, const char *value,
		     const char *tail, const char *hint)
{
	struct strbuf sb = STRBUF_INIT;

	profile_quote(&sb, value, strlen(value));
	if (hint)
		profile_diag(d, sev, offset,
			     "unknown %s %s%s (did you mean \"%s\"?)", what,
			     strbuf_str(&sb), tail, hint);
	else
		profile_diag(d, sev, offset, "unknown %s %s%s", what,
			     strbuf_str(&sb), tail);
	strbuf_release(&sb);
}

void profile_type_error(struct profile_reader *d, size_t n,
			const char *expected)
{
	profile_diag(d, PROFILE_ERROR, profile_node(d, n)->start,
		     "expected %s, found %s", expected,
		     profile_json_type_name(profile_node(d, n)->type));
}

static void unknown_key(struct profile_reader *d, size_t child,
			const struct profile_field *fields, size_t n,
			const char *what)
{
	const struct profile_json_node *m = profile_node(d, child);
	const char **names = xcalloc(n, sizeof(*names));
	struct strbuf sb = STRBUF_INIT;
	const char *hint;
	size_t i;

	for (i = 0; i < n; i++)
		if (fields[i].formats & (1u << d->p->format))
			names[i] = fields[i].name;
		else
			names[i] = "";
	hint = profile_suggest(m->key, names, n);
	profile_quote(&sb, m->key, m->key_len);
	if (hint)
		profile_diag(
			d, PROFILE_WARNING, m->key_start,
			"unknown key %s in a %s, ignored (did you mean \"%s\"?)",
			strbuf_str(&sb), what, hint);
	else
		profile_diag(d, PROFILE_WARNING, m->key_start,
			     "unknown key %s in a %s, ignored", strbuf_str(&sb),
			     what);
	strbuf_release(&sb);
	free(names);
}

static const struct profile_field *field_for(const struct profile_json_node *m,
					     const struct profile_field *fields,
					     size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (profile_json_key_folds(m->key, m->key_len, fields[i].name))
			return &fields[i];
	return NULL;
}

/* A key of another format: its owner's name and who ignores it here. */
static void other_format(struct profile_reader *d, size_t child,
			 const struct profile_field *f)
{
	static const char *const readers[] = {
		[PROFILE_FORMAT_DOCKER] = "Docker ignores it",
		[PROFILE_FORMAT_CONTAINERS] = "podman ignores it",
		[PROFILE_FORMAT_OCI] = "runc and crun ignore it in config.json",
		[PROFILE_FORMAT_KUBERNETES] =
			"the operator's SeccompProfile has no such field",
	};

	profile_diag(d, PROFILE_WARNING, profile_node(d, child)->key_start,
		     "\"%s\" is a %s key: %s", f->name,
		     f->formats & PROFILE_IN_DOCKER
			     ? "Docker profile"
			     : "containers/common (podman)",
		     readers[d->p->format]);
}

void profile_read_members(struct profile_reader *d, size_t obj,
			  const struct profile_field *fields, size_t n,
			  void *target, const char *what)
{
	uint64_t seen = 0;
	size_t c;

	assert(n <= 64); /* seen is a 64-bit set */
	for (c = profile_node(d, obj)->first; c != PROFILE_JSON_NONE;
	     c = profile_node(d, c)->next) {
		const struct profile_json_node *m = profile_node(d, c);
		const struct profile_field *f = field_for(m, fields, n);
		size_t saved = profile_path_key(d, m->key, m->key_len);
		uint64_t bit;

		if (!f) {
			unknown_key(d, c, fields, n, what);
			goto next;
		}
		if (!(f->formats & (1u << d->p->format))) {
			other_format(d, c, f);
			goto next;
		}
		bit = 1ull << (f - fields);
		if (seen & bit)
			profile_diag(d, PROFILE_WARNING, m->key_start,
				     "\"%s\" given again: %s", f->name,
				     f->is_object
					     ? "Go merges it into the first one"
					     : "the last one wins");
		seen |= bit;
		f->read(d, target, c);
	next:
		profile_path_pop(d, saved);
	}
}

int profile_read_string(struct profile_reader *d, size_t n, char **out,
			size_t *out_node)
{
	const struct profile_json_node *v = profile_node(d, n);

	if (v->type == PROFILE_JSON_NULL)
		return 0;
	if (v->type != PROFILE_JSON_STRING) {
		profile_type_error(d, n, "a string");
		/* The node says the key was there, if not as a string. */
		if (out_node)
			*out_node = n;
		return -1;
	}
	free(*out);
	*out = xstrdup(v->str);
	if (out_node)
		*out_node = n;
	return 1;
}

int profile_read_uint(struct profile_reader *d, size_t n, uint64_t *out)
{
	const struct profile_json_node *v = profile_node(d, n);
	const char *s = d->lay->doc.text + v->start;
	size_t len = v->end - v->start, i;
	uint64_t x = 0;

	if (v->type == PROFILE_JSON_NULL)
		return 0;
	if (v->type != PROFILE_JSON_NUMBER) {
		profile_type_error(d, n, "a non-negative integer");
		return -1;
	}
	for (i = 0; i < len; i++) {
		unsigned digit = (unsigned)(s[i] - '0');

		if (digit > 9) {
			profile_diag(
				d, PROFILE_ERROR, v->start,
				"expected a non-negative integer, found %.*s (Go takes no sign, fraction or exponent here)",
				(int)(len > 32 ? 32 : len), s);
			return -1;
		}
		if (x > (UINT64_MAX - digit) / 10) {
			profile_diag(d, PROFILE_ERROR, v->start,
				     "%.*s does not fit in 64 bits",
				     (int)(len > 32 ? 32 : len), s);
			return -1;
		}
		x = x * 10 + digit;
	}
	*out = x;
	return 1;
}

void profile_strings_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int profile_read_strings(struct profile_reader *d, size_t n, char ***out,
			 size_t *count)
{
	const struct profile_json_node *v = profile_node(d, n);
	char **list = NULL;
	size_t i = 0, c;
	int rc = 1;

	if (v->type != PROFILE_JSON_ARRAY && v->type != PROFILE_JSON_NULL) {
		profile_type_error(d, n, "an array of strings");
		return -1;
	}
	profile_strings_free(*out, *count);
	*out = NULL;
	*count = 0;
	if (v->type == PROFILE_JSON_NULL)
		return 0;
	list = xcalloc(v->count ? v->count : 1, sizeof(*list));
	for (c = v->first; c != PROFILE_JSON_NONE;
	     c = profile_node(d, c)->next, i++) {
		const struct profile_json_node *e = profile_node(d, c);
		size_t saved;

		if (e->type == PROFILE_JSON_STRING) {
			list[i] = xstrdup(e->str);
			continue;
		}
		list[i] = xstrdup("");
		if (e->type == PROFILE_JSON_NULL)
			continue;
		saved = profile_path_index(d, i);
		profile_type_error(d, c, "a string");
		profile_path_pop(d, saved);
		rc = -1;
	}
	*out = list;
	*count = i;
	return rc;
}
