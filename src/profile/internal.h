/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The profile module's private interfaces, shared by its files only:
 *
 * - json.c, json_string.c, text.c (json.h): the strict JSON scanner;
 * - names.c: actions, operators, flags, errnos, capabilities, "did you
 *   mean";
 * - read.c: Go encoding/json's rules (case-insensitive keys, last
 *   duplicate wins, null handling, plain unsigned integers) and the
 *   collected diagnostics;
 * - seccomp.c, rule.c, filter.c, validate.c: the profile's fields and the
 *   loaders' refusals on top of those; load.c: format detection, entry;
 * - style.c: the input's layout, for edits that look hand-written;
 *   edit.c, history.c, allow.c, allow_arch.c, create.c, diff.c: edits,
 *   undo, the empty profile.
 */
#ifndef SECCOMPDBG_PROFILE_INTERNAL_H
#define SECCOMPDBG_PROFILE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seccompdbg/profile.h"
#include "seccompdbg/util.h"

#include "json.h"
#include "seccompdbg/doc.h"

/* Profiles are small; anything near this is not a profile. */
#define PROFILE_MAX_BYTES (64u << 20)
/* Rule ids travel in 16 bits and 0 / 0xffff are taken (resolve.h). */
#define PROFILE_MAX_RULES 65534u

/* ---- names.c --------------------------------------------------------- */

/* The closest of CANDIDATES to WORD when it is close enough, else NULL. */
const char *profile_suggest(const char *word, const char *const *candidates,
			    size_t n);
/* The same over libseccomp's syscall names. */
const char *profile_suggest_syscall(const char *word);
/* True when containers/common's 82-name errno table has NAME. */
bool profile_errno_is_containers(const char *name);
const char *const *profile_containers_errno_names(size_t *n);
const char *const *profile_flag_names(size_t *n);
const char *const *profile_cap_names(size_t *n);
const char *const *profile_action_names(size_t *n);
const char *const *profile_op_names(size_t *n);
enum profile_op profile_op_lookup(const char *name);

/* ---- read.c ---------------------------------------------------------- */

/* Bits of formats a field belongs to. */
#define PROFILE_IN_DOCKER     (1u << PROFILE_FORMAT_DOCKER)
#define PROFILE_IN_CONTAINERS (1u << PROFILE_FORMAT_CONTAINERS)
#define PROFILE_IN_OCI	      (1u << PROFILE_FORMAT_OCI)
#define PROFILE_IN_KUBE	      (1u << PROFILE_FORMAT_KUBERNETES)
#define PROFILE_IN_DOCKERISH  (PROFILE_IN_DOCKER | PROFILE_IN_CONTAINERS)
#define PROFILE_IN_JSON	      (PROFILE_IN_DOCKERISH | PROFILE_IN_OCI)
#define PROFILE_IN_ALL	      (PROFILE_IN_JSON | PROFILE_IN_KUBE)

struct profile_history;

/* The private part of struct profile. */
struct profile_layout {
	struct profile_json doc;
	bool wrapped;	 /* an OCI config.json: paths start "linux.seccomp." */
	size_t seccomp;	 /* the (last) seccomp object node, or NONE */
	size_t syscalls; /* the value of the effective "syscalls", or NONE */
	size_t *rule_nodes;  /* per rule: its node */
	size_t *names_nodes; /* per rule: its effective "names" value */
	struct profile_history *history;
	size_t dead_nodes;	/* reread.c: nodes of values edits replaced */
	struct doc_mark *marks; /* read from YAML: per node, where it was */
	size_t nmarks;
};

/* Where the values the checks talk about sit (NONE when absent). */
struct profile_filter_src {
	size_t caps, arches, min_kernel;
};

struct profile_rule_src {
	size_t node, action, name, names, errno_ret, errno_name;
	char *action_str, *name_str, *errno_str;
	bool has_errno_ret;
	uint64_t errno_ret_value;
	struct profile_filter_src includes, excludes;
};

struct profile_top_src {
	size_t obj, action, errno_ret, errno_name, architectures, archmap,
		flags, listener_path, listener_metadata, syscalls;
	char *action_str, *errno_str;
	bool has_errno_ret;
	uint64_t errno_ret_value;
	size_t *archmap_nodes;		/* per archMap entry: its object */
	struct profile_rule_src *rules; /* per rule, p->nrules of them */
};

struct profile_reader {
	struct profile *p;
	struct profile_layout *lay;
	struct strbuf path;
	size_t diags_cap;
	struct profile_top_src top;
};

static inline const struct profile_json_node *
profile_node(const struct profile_reader *d, size_t i)
{
	return &d->lay->doc.nodes[i];
}

/* Where node I starts, or NONE for NONE. */
static inline size_t profile_offset(const struct profile_reader *d, size_t i)
{
	return i == PROFILE_JSON_NONE ? PROFILE_JSON_NONE
				      : d->lay->doc.nodes[i].start;
}

struct profile_field {
	const char *name;
	unsigned formats;
	void (*read)(struct profile_reader *d, void *target, size_t node);
	bool is_object; /* duplicates merge (Go decodes into the same
			   struct) instead of replacing */
};

#define PROFILE_FIELD(name, formats, fn)       \
	{                                      \
		(name), (formats), (fn), false \
	}
#define PROFILE_OBJECT_FIELD(name, formats, fn) \
	{                                       \
		(name), (formats), (fn), true   \
	}

/* A diagnostic at the current path; OFFSET may be PROFILE_JSON_NONE. */
void profile_diag(struct profile_reader *d, enum profile_severity sev,
		  size_t offset, const char *fmt, ...) PRINTF_LIKE(4, 5);
/* Path steps: push returns the length to pop back to. */
size_t profile_path_key(struct profile_reader *d, const char *key, size_t len);
size_t profile_path_index(struct profile_reader *d, size_t i);
void profile_path_pop(struct profile_reader *d, size_t saved);
/* Printable ASCII as it is, every other byte escaped (\x1b). */
void profile_escape_raw(struct strbuf *sb, const char *s, size_t len);
/* Untrusted text for a message: quoted, escaped, at most 64 bytes. */
void profile_quote(struct strbuf *sb, const char *s, size_t len);

/*
 * Decode every member of object OBJ into TARGET through FIELDS, in the
 * text's order as Go does; unknown keys and keys of another format are
 * warnings naming WHAT ("profile", "rule"...).
 */
void profile_read_members(struct profile_reader *d, size_t obj,
			  const struct profile_field *fields, size_t n,
			  void *target, const char *what);
/* "unknown WHAT \"VALUE\"TAIL (did you mean \"HINT\"?)"; HINT may be NULL. */
void profile_unknown(struct profile_reader *d, enum profile_severity sev,
		     size_t offset, const char *what, const char *value,
		     const char *tail, const char *hint);
/* Type errors say what was expected: "expected a string, found ...". */
void profile_type_error(struct profile_reader *d, size_t node,
			const char *expected);
/*
 * Go's scalar rules. A null leaves the target as it was (return 0); a
 * value of the wrong kind is an error (return -1); else 1.
 */
int profile_read_string(struct profile_reader *d, size_t node, char **out,
			size_t *out_node);
int profile_read_uint(struct profile_reader *d, size_t node, uint64_t *out);
/* []string: null empties it; a null element reads as "". */
int profile_read_strings(struct profile_reader *d, size_t node, char ***out,
			 size_t *n);
void profile_strings_free(char **v, size_t n);

/* ---- seccomp.c, rule.c ---------------------------------------------- */

/* Decode one seccomp object (top level, or linux.seccomp) into d->p. */
void profile_read_seccomp(struct profile_reader *d, size_t obj);
/* Checks that need the whole profile: run once after decoding. */
void profile_validate(struct profile_reader *d);
void profile_rules_free(struct profile_rule *rules, size_t n);
/* The rules' contents, not the array. */
void profile_rules_release(struct profile_rule *rules, size_t n);
void profile_rule_srcs_free(struct profile_rule_src *srcs, size_t n);
void profile_top_release(struct profile_top_src *top, size_t nrules);
void profile_archmap_free(struct profile *p);

/* containers/common's getErrno: a decimal uint32, else one of its names
 * (profile_errno_is_containers). 0 or -1. */
int profile_errno_parse(const char *s, uint32_t *out);
/* kubernetes.c: errnoRet given as a string, as the operator's CRD had it
 * before v0.8.1; warned. 1 and *out, or -1 (an error said). */
int profile_read_kube_errno(struct profile_reader *d, size_t node,
			    uint64_t *out);

/* An errno as given: the number (errnoRet) and containers' name. */
struct profile_errno_src {
	const char *ret_key;
	bool has_ret;
	uint64_t ret;
	size_t ret_node;
	const char *name_key;
	const char *name;
	size_t name_node;
};

/*
 * The errno an action returns: containers/common's name wins over the
 * number (in that format); the kernel keeps 16 bits and libc takes only
 * 1..4095 as errors; only ERRNO and TRACE use it.
 */
void profile_validate_errno(struct profile_reader *d, enum profile_action act,
			    const struct profile_errno_src *src, bool *has_out,
			    uint32_t *out);
/* filter.c: includes / excludes. */
void profile_read_filter(struct profile_reader *d, struct profile_filter *f,
			 struct profile_filter_src *src, size_t node,
			 bool excludes);
void profile_filter_free(struct profile_filter *f);
void profile_validate_filter(struct profile_reader *d,
			     const struct profile_filter *f,
			     const struct profile_filter_src *src);
/* rule.c: the "syscalls" member's reader. */
void profile_read_syscalls(struct profile_reader *d, void *target, size_t node);
/* Rule I from node C, what it was read from going to SRC. */
void profile_read_rule(struct profile_reader *d, size_t c, size_t i,
		       struct profile_rule_src *src);
/* Checks of rule I that need the profile (default action...). */
void profile_validate_rule(struct profile_reader *d, size_t i,
			   const struct profile_rule_src *src);

/* ---- load.c ---------------------------------------------------------- */

/*
 * Free the text and everything parsed from it, keeping p->file; returns
 * the edit history for the caller to keep or free.
 */
struct profile_history *profile_model_clear(struct profile *p);
/* Diagnostics in the order of the file (stable; no place last). */
void profile_sort_diags(struct profile *p);
/* history.c */
void profile_history_free(struct profile_history *h);
/*
 * Parse TEXT in FORMAT into P, which must be empty but for p->file; used
 * by profile_parse and by edits. TEXT is taken over on success only.
 */
int profile_parse_into(struct profile *p, char *text, size_t len,
		       enum profile_format format, struct err *err);

/* ---- style.c --------------------------------------------------------- */

/* How the input writes JSON, so inserted text looks the same. */
struct profile_style {
	bool compact;	   /* the profile object is on one line */
	char indent[17];   /* one level: "\t", "  ", "    " */
	char kv_sep[9];	   /* between a key and its value: ": " */
	char item_sep[9];  /* between items on one line: ", " */
	bool inline_names; /* rules write "names": ["a", "b"] */
	char newline[3];   /* "\n", or "\r\n" in a DOS file */
};

void profile_style_detect(const struct profile *p, struct profile_style *st);

/* A JSON value to write, rendered in a profile_style. */
enum profile_out_kind {
	PROFILE_OUT_STRING,
	PROFILE_OUT_NUMBER,
	PROFILE_OUT_ARRAY,
	PROFILE_OUT_OBJECT,
};

struct profile_out {
	enum profile_out_kind kind;
	const char *key; /* of a member of an object */
	const char *str;
	uint64_t num;
	const struct profile_out *items;
	size_t count;
	bool one_line; /* an array or object kept on one line */
};

static inline struct profile_out profile_out_str(const char *key,
						 const char *str)
{
	return (struct profile_out){
		.kind = PROFILE_OUT_STRING, .key = key, .str = str};
}

static inline struct profile_out profile_out_num(const char *key, uint64_t num)
{
	return (struct profile_out){
		.kind = PROFILE_OUT_NUMBER, .key = key, .num = num};
}

/* An array (or with OBJECT, an object) of COUNT ITEMS. */
static inline struct profile_out
profile_out_list(bool object, const char *key, const struct profile_out *items,
		 size_t count, bool one_line)
{
	return (struct profile_out){
		.kind = object ? PROFILE_OUT_OBJECT : PROFILE_OUT_ARRAY,
		.key = key,
		.items = items,
		.count = count,
		.one_line = one_line,
	};
}

/* V as text, for a line that starts with INDENT. */
void profile_render(const struct profile_style *st, const char *indent,
		    const struct profile_out *v, struct strbuf *out);

/* A change of the text: [start, end) becomes text. */
struct profile_splice {
	size_t start, end;
	struct strbuf text;
};

/*
 * Make V element AT (0..count) of array ARR, separated like the elements
 * around it. An empty array is rewritten, on one line when ONE_LINE.
 */
void profile_splice_element(const struct profile *p,
			    const struct profile_style *st, size_t arr,
			    size_t at, const struct profile_out *v,
			    bool one_line, struct profile_splice *sp);
/* Add V (with its key) as the last member of non-empty object OBJ. */
void profile_splice_member(const struct profile *p,
			   const struct profile_style *st, size_t obj,
			   const struct profile_out *v,
			   struct profile_splice *sp);
/* Take element AT out of array ARR with one separator ("[]" when it was
   the only one). */
void profile_splice_remove(const struct profile *p, size_t arr, size_t at,
			   struct profile_splice *sp);
/* Replace the value N by V. */
void profile_splice_value(const struct profile *p,
			  const struct profile_style *st, size_t n,
			  const struct profile_out *v,
			  struct profile_splice *sp);

/* ---- edit.c, allow.c ------------------------------------------------ */

/*
 * An edit is one or more splices, each applied at once, and one undo step
 * (history.c): begin marks where its changes start; end keeps them (OK)
 * or takes them back and fails with -EIO (the edit did not say what it
 * should).
 */
struct profile_edit {
	size_t first; /* the history's first change of this edit */
};

void profile_edit_begin(struct profile *p, struct profile_edit *ed);
int profile_edit_splice(struct profile *p, struct profile_splice *sp,
			struct err *err);
int profile_edit_end(struct profile *p, struct profile_edit *ed, bool ok,
		     struct err *err);
/*
 * edit.c: [START, END) of the text becomes INS's NINS bytes (which may
 * not point into the text), and the model follows. -EINVAL (the model
 * as it was) when the result does not read.
 */
int profile_text_apply(struct profile *p, size_t start, size_t end,
		       const char *ins, size_t nins, struct err *err);
/*
 * reread.c: TEXT (LEN bytes, taken over on success) is P's text with
 * [START, END) replaced by NINS bytes; for a splice among the rules of
 * "syscalls", read only the rules it touches: 1 when done, 0 (P as it
 * was) when the splice is not one it takes or does not read (read it
 * all again).
 */
int profile_reread(struct profile *p, char *text, size_t len, size_t start,
		   size_t end, size_t nins);
/* -EINVAL unless NAME looks like a syscall name and P has rules to edit. */
int profile_edit_check_name(const struct profile *p, const char *name,
			    struct err *err);
/* -EINVAL unless P has a seccomp object to edit (not unconfined). */
int profile_edit_check_confined(const struct profile *p, struct err *err);
/* RULE as the last element of syscalls, which is created if need be. */
void profile_splice_rule(const struct profile *p,
			 const struct profile_style *st,
			 const struct profile_out *rule,
			 struct profile_splice *sp);

/* ---- kubernetes.c ---------------------------------------------------- */

/*
 * TEXT as a Kubernetes object read from YAML, when *FORMAT is KUBERNETES
 * or AUTO and TEXT does not start as JSON: 1 with its JSON in *JSON
 * (heap, *JLEN bytes), each value's YAML position in *MARKS (heap) and
 * *FORMAT set to KUBERNETES; 0 when it is not for this path (read it as
 * JSON); -EINVAL when it is YAML that does not read.
 */
int profile_from_yaml(const char *name, const char *text, size_t len,
		      enum profile_format *format, char **json, size_t *jlen,
		      struct doc_mark **marks, size_t *nmarks, struct err *err);
/* A SeccompProfile's kind, apiVersion and spec; false without a spec. */
bool profile_read_kubernetes(struct profile_reader *d);
/* LINE:COLUMN of OFFSET in the input as the user wrote it (the YAML of a
   SeccompProfile); 0:0 when unknown. */
void profile_position(const struct profile_reader *d, size_t offset,
		      unsigned *line, unsigned *column);
/* TEXT as P is written out: as it is, or as YAML for a SeccompProfile. */
int profile_render_output(const struct profile *p, const char *text, size_t len,
			  struct strbuf *out, struct err *err);
/* profile_parse_into with the YAML positions of TEXT's values (taken). */
int profile_parse_marked(struct profile *p, char *text, size_t len,
			 enum profile_format format, struct doc_mark *marks,
			 size_t nmarks, struct err *err);

/* ---- create.c -------------------------------------------------------- */

/*
 * P's text as json-c writes it (a generated profile's layout), in *TEXT
 * (heap) and *LEN. -EINVAL when json-c cannot read it.
 */
int profile_relayout(struct profile *p, char **text, size_t *len,
		     struct err *err);

/* ---- diff.c ---------------------------------------------------------- */

void profile_diff_texts(const char *name, const char *a, size_t alen,
			const char *b, size_t blen, struct strbuf *out);
/* Bytes [a0, a1) of the old text are [b0, b1) of the new. */
struct profile_diff_region {
	size_t a0, a1, b0, b1;
};

/*
 * The same when only the regions R (in order, apart) differ: the cost
 * is the lines they touch, whatever the size of the texts.
 */
void profile_diff_regions(const char *name, const char *a, size_t alen,
			  const char *b, size_t blen,
			  const struct profile_diff_region *r, size_t nr,
			  struct strbuf *out);

#endif
