// SPDX-License-Identifier: Apache-2.0
/*
 * Editing a profile: the text is the truth. An edit splices new text into
 * the old in the file's own style (style.c), parses the result again and
 * checks that it says what was meant; the old text goes on an undo stack.
 * Saving writes the text as it is, so an unedited profile saves to the
 * same bytes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/sysent.h"

#define MAX_COMMENT 1024

struct profile_history {
	struct profile_text loaded;
	struct profile_text *undo;
	size_t nundo, cap;
};

void profile_history_free(struct profile_history *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < h->nundo; i++)
		free(h->undo[i].text);
	free(h->undo);
	free(h->loaded.text);
	free(h);
}

static char *memdup0(const char *s, size_t len)
{
	char *copy = xmalloc(len + 1);

	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/* Parse TEXT (taken over on success) in place of P's model. */
static int reparse(struct profile *p, char *text, size_t len, struct err *err)
{
	struct profile tmp = {.file = p->file};
	struct profile_history *h;
	int rc;

	rc = profile_parse_into(&tmp, text, len, p->format, err);
	if (rc < 0)
		return rc;
	tmp.generated = p->generated;
	h = profile_model_clear(p);
	*p = tmp;
	p->layout->history = h;
	return 0;
}

/* A generated profile keeps json-c's layout (create.c) after edits. */
static int relayout(struct profile *p, struct err *err)
{
	char *text;
	size_t len;
	int rc;

	rc = profile_relayout(p, &text, &len, err);
	if (rc == 0) {
		rc = reparse(p, text, len, err);
		if (rc < 0)
			free(text);
	}
	if (rc < 0)
		err_prefix(err, "%s: internal error: laying the edit out",
			   p->file);
	return rc;
}

static struct profile_history *history(struct profile *p)
{
	struct profile_history *h = p->layout->history;

	if (!h) {
		h = xcalloc(1, sizeof(*h));
		h->loaded.text = memdup0(p->text, p->len);
		h->loaded.len = p->len;
		p->layout->history = h;
	}
	return h;
}

void profile_edit_begin(struct profile *p, struct profile_text *old)
{
	history(p);
	old->text = memdup0(p->text, p->len);
	old->len = p->len;
}

int profile_edit_splice(struct profile *p, struct profile_splice *sp,
			struct err *err)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len;
	int rc;

	strbuf_add(&sb, p->text, sp->start);
	strbuf_add(&sb, sp->text.buf, sp->text.len);
	strbuf_add(&sb, p->text + sp->end, p->len - sp->end);
	strbuf_release(&sp->text);
	len = sb.len;
	rc = reparse(p, strbuf_detach(&sb), len, err);
	if (rc < 0)
		err_prefix(err, "%s: internal error: an edit made bad JSON",
			   p->file);
	return rc < 0 ? -EIO : 0;
}

int profile_edit_end(struct profile *p, struct profile_text *old, bool ok,
		     struct err *err)
{
	struct profile_history *h = p->layout->history;

	if (!ok) {
		/* it parsed before the edit: it parses again */
		if (reparse(p, old->text, old->len, NULL) < 0)
			abort();
		return err_set(err, EIO,
			       "%s: internal error: the edit did not take",
			       p->file);
	}
	if (old->len == p->len && !memcmp(old->text, p->text, p->len)) {
		free(old->text);
		return 0;
	}
	if (p->generated && relayout(p, err) < 0) {
		if (reparse(p, old->text, old->len, NULL) < 0)
			abort();
		return -EIO;
	}
	xgrow(&h->undo, &h->cap, h->nundo + 1, sizeof(*h->undo));
	h->undo[h->nundo++] = *old;
	return 0;
}

int profile_undo(struct profile *p)
{
	struct profile_history *h = p->layout ? p->layout->history : NULL;
	struct profile_text t;

	if (!h || !h->nundo)
		return -ENOENT;
	t = h->undo[--h->nundo];
	/* it parsed before it was edited: it parses again */
	if (reparse(p, t.text, t.len, NULL) < 0)
		abort();
	return 0;
}

size_t profile_edits(const struct profile *p)
{
	return p->layout && p->layout->history ? p->layout->history->nundo : 0;
}

bool profile_is_modified(const struct profile *p)
{
	const struct profile_history *h = p->layout ? p->layout->history : NULL;

	return h && (h->loaded.len != p->len ||
		     memcmp(h->loaded.text, p->text, p->len) != 0);
}

void profile_diff(const struct profile *p, struct strbuf *out)
{
	const struct profile_history *h = p->layout ? p->layout->history : NULL;

	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	if (!h)
		return;
	/* as it is saved: YAML for a SeccompProfile */
	if (profile_render_output(p, h->loaded.text, h->loaded.len, &a, NULL) ==
		    0 &&
	    profile_render_output(p, p->text, p->len, &b, NULL) == 0)
		profile_diff_texts(p->file, strbuf_str(&a), a.len,
				   strbuf_str(&b), b.len, out);
	strbuf_release(&a);
	strbuf_release(&b);
}

int profile_save(const struct profile *p, const char *path, struct err *err)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	if (p->format != PROFILE_FORMAT_KUBERNETES)
		return write_file_atomic(path, p->text, p->len, err);
	rc = profile_render_output(p, p->text, p->len, &sb, err);
	if (rc == 0)
		rc = write_file_atomic(path, sb.buf, sb.len, err);
	strbuf_release(&sb);
	return rc;
}

void profile_splice_rule(const struct profile *p,
			 const struct profile_style *st,
			 const struct profile_out *rule,
			 struct profile_splice *sp)
{
	size_t arr = p->layout->syscalls;
	struct profile_out list =
		profile_out_list(false, "syscalls", rule, 1, false);

	if (arr == PROFILE_JSON_NONE)
		profile_splice_member(p, st, p->layout->seccomp, &list, sp);
	else if (p->layout->doc.nodes[arr].type != PROFILE_JSON_ARRAY)
		profile_splice_value(p, st, arr, &list, sp);
	else
		profile_splice_element(p, st, arr,
				       p->layout->doc.nodes[arr].count, rule,
				       false, sp);
}

static int check_args(const struct profile_arg *args, size_t nargs,
		      struct err *err)
{
	size_t i, j;

	if (nargs > 6)
		return err_set(err, EINVAL, "%zu conditions: at most 6", nargs);
	for (i = 0; i < nargs; i++) {
		if (args[i].index > 5)
			return err_set(
				err, EINVAL,
				"argument index %u is out of range (0 to 5)",
				args[i].index);
		if (!profile_op_name(args[i].op)[0])
			return err_set(err, EINVAL, "unknown operator %d",
				       (int)args[i].op);
		for (j = 0; j < i; j++)
			if (args[j].index == args[i].index)
				return err_set(
					err, EINVAL,
					"argument %u tested twice: runc would OR the conditions",
					args[i].index);
	}
	return 0;
}

/* Does rule R say exactly NAME with ARGS, as a new allow rule? */
static bool is_args_rule(const struct profile_rule *r, const char *name,
			 const struct profile_arg *args, size_t nargs)
{
	size_t i;

	if (r->action != PROFILE_ACT_ALLOW || r->nnames != 1 ||
	    strcmp(r->names[0], name) || r->nargs != nargs)
		return false;
	for (i = 0; i < nargs; i++)
		if (r->args[i].index != args[i].index ||
		    r->args[i].op != args[i].op ||
		    r->args[i].value != args[i].value ||
		    (args[i].op == PROFILE_OP_MASKED_EQ &&
		     r->args[i].value_two != args[i].value_two))
			return false;
	return true;
}

static size_t arg_out(const struct profile_arg *a, struct profile_out *m)
{
	size_t n = 0;

	m[n++] = profile_out_num("index", a->index);
	m[n++] = profile_out_num("value", a->value);
	/* moby omits a zero valueTwo; MASKED_EQ reads better with it */
	if (a->value_two || a->op == PROFILE_OP_MASKED_EQ)
		m[n++] = profile_out_num("valueTwo", a->value_two);
	m[n++] = profile_out_str("op", profile_op_name(a->op));
	return n;
}

int profile_allow_with_args(struct profile *p, const char *name,
			    const struct profile_arg *args, size_t nargs,
			    const char *comment, struct err *err)
{
	struct profile_out str = profile_out_str(NULL, name);
	struct profile_out fields[6][4], objs[6], members[4], rule;
	struct profile_text old;
	struct profile_style st;
	struct profile_splice sp;
	char *bounded = NULL;
	size_t i, n = 0;
	int rc;

	rc = profile_edit_check_name(p, name, err);
	if (rc == 0)
		rc = check_args(args, nargs, err);
	if (rc < 0)
		return rc;
	profile_style_detect(p, &st);
	members[n++] =
		profile_out_list(false, "names", &str, 1, st.inline_names);
	members[n++] = profile_out_str("action", "SCMP_ACT_ALLOW");
	for (i = 0; i < nargs; i++)
		objs[i] = profile_out_list(true, NULL, fields[i],
					   arg_out(&args[i], fields[i]), false);
	if (nargs)
		members[n++] =
			profile_out_list(false, "args", objs, nargs, false);
	/* OCI's rules have no comment: runc would ignore the key */
	if (comment && comment[0] && !profile_format_resolved(p->format)) {
		/* a comment comes from a front end: keep it to a line's worth */
		bounded = xstrndup(comment, MAX_COMMENT);
		members[n++] = profile_out_str("comment", bounded);
	}
	rule = profile_out_list(true, NULL, members, n, false);
	profile_splice_rule(p, &st, &rule, &sp);
	free(bounded);
	profile_edit_begin(p, &old);
	rc = profile_edit_splice(p, &sp, err);
	if (rc < 0) {
		profile_edit_end(p, &old, false, NULL);
		return rc;
	}
	return profile_edit_end(p, &old,
				p->nrules &&
					is_args_rule(&p->rules[p->nrules - 1],
						     name, args, nargs),
				err);
}
