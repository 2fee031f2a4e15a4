// SPDX-License-Identifier: Apache-2.0
/*
 * Editing a profile: the text is the truth. An edit splices new text into
 * the old in the file's own style (style.c), reads the result again and
 * checks that it says what was meant; what it changed goes on the undo
 * stack (history.c).
 * Saving writes the text as it is, so an unedited profile saves to the
 * same bytes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "seccompdbg/sysent.h"

#define MAX_COMMENT 1024

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

int profile_text_apply(struct profile *p, size_t start, size_t end,
		       const char *ins, size_t nins, struct err *err)
{
	size_t len = p->len - (end - start) + nins;
	char *text;
	int rc;

	text = xmalloc(len + 1);
	memcpy(text, p->text, start);
	if (nins) /* INS may be NULL then (an empty strbuf) */
		memcpy(text + start, ins, nins);
	memcpy(text + start + nins, p->text + end, p->len - end);
	text[len] = '\0';
	if (profile_reread(p, text, len, start, end, nins))
		return 0;
	rc = reparse(p, text, len, err);
	if (rc < 0)
		free(text);
	return rc;
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
	struct profile_edit ed;
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
	profile_edit_begin(p, &ed);
	rc = profile_edit_splice(p, &sp, err);
	if (rc < 0) {
		profile_edit_end(p, &ed, false, NULL);
		return rc;
	}
	return profile_edit_end(p, &ed,
				p->nrules &&
					is_args_rule(&p->rules[p->nrules - 1],
						     name, args, nargs),
				err);
}
