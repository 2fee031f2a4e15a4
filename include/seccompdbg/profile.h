/* SPDX-License-Identifier: Apache-2.0 */
/*
 * profile: seccomp profiles as Docker/moby, containers/common (podman) and
 * OCI runtimes read them, read by our own position-aware scanner (new
 * profiles are written by json-c, through the doc module).
 *
 * A struct profile is its text plus the model parsed from it. The text is
 * the truth: edits splice the text in the input's own layout and read
 * again what they touched, so saving an unedited profile gives back the
 * same bytes and an edit changes only what it adds. Every problem found while parsing is a
 * diagnostic with a JSON path, collected, not fatal one at a time.
 *
 * What a runtime makes of a profile for one host is the resolve module's
 * job (resolve.h).
 */
#ifndef SECCOMPDBG_PROFILE_H
#define SECCOMPDBG_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seccompdbg/util.h"

enum profile_format {
	PROFILE_FORMAT_AUTO = 0,   /* only as a request: detect it */
	PROFILE_FORMAT_DOCKER,	   /* moby/profiles seccomp JSON */
	PROFILE_FORMAT_CONTAINERS, /* containers/common: podman, CRI-O */
	PROFILE_FORMAT_OCI,	   /* OCI config.json: its linux.seccomp */
	PROFILE_FORMAT_KUBERNETES, /* security-profiles-operator's
				      SeccompProfile (YAML): its spec */
};

enum profile_action {
	PROFILE_ACT_NONE = 0, /* absent or "" */
	PROFILE_ACT_KILL,     /* SCMP_ACT_KILL: kills the thread */
	PROFILE_ACT_KILL_THREAD,
	PROFILE_ACT_KILL_PROCESS,
	PROFILE_ACT_TRAP,
	PROFILE_ACT_ERRNO,
	PROFILE_ACT_TRACE,
	PROFILE_ACT_LOG,
	PROFILE_ACT_NOTIFY,
	PROFILE_ACT_ALLOW,
};

enum profile_op {
	PROFILE_OP_NE =
		1, /* same order and values as libseccomp's SCMP_CMP_* */
	PROFILE_OP_LT,
	PROFILE_OP_LE,
	PROFILE_OP_EQ,
	PROFILE_OP_GE,
	PROFILE_OP_GT,
	PROFILE_OP_MASKED_EQ, /* (arg & value) == value_two */
};

/* An action with its data: the errno of ERRNO, the message of TRACE. */
struct profile_verdict {
	enum profile_action action;
	uint32_t data;
};

struct profile_arg {
	unsigned index; /* 0..5 */
	enum profile_op op;
	uint64_t value;
	uint64_t value_two;
};

/* includes / excludes of a Docker rule. */
struct profile_filter {
	bool present;
	char **caps;
	size_t ncaps;
	char **arches;
	size_t narches;
	bool has_min_kernel; /* "minKernel": kernel.major */
	unsigned min_kernel[2];
};

struct profile_rule {
	size_t index;	       /* position in syscalls[] */
	unsigned line, column; /* where its object starts in the text */
	char **names; /* names[], or the legacy name as a list of one */
	size_t nnames;
	bool legacy_name;
	enum profile_action action;
	bool has_errno; /* errnoRet (or containers' errno) was given */
	uint32_t errno_ret;
	struct profile_arg *args;
	size_t nargs;
	char *comment; /* NULL when absent */
	struct profile_filter includes, excludes;
};

struct profile_archmap {
	char *arch; /* SCMP name as written */
	char **subs;
	size_t nsubs;
};

enum profile_severity {
	PROFILE_NOTE,
	PROFILE_WARNING,
	PROFILE_ERROR, /* a runtime would refuse the profile */
};

struct profile_diag {
	enum profile_severity severity;
	char *path;	       /* JSON path: "syscalls[12].action"; "" = file */
	unsigned line, column; /* 1-based, of the value; 0 when unknown */
	char *message;	       /* "unknown action \"X\" (did you mean ...)" */
};

struct profile_layout; /* private: where each value sits in the text */

struct profile {
	enum profile_format format;
	char *file; /* the name used in messages */
	char *text; /* current text (NUL-terminated) */
	size_t len;
	bool unconfined; /* no defaultAction and no syscalls: Docker then
			    runs the container without seccomp */
	bool generated;	 /* made by profile_new_empty: json-c lays its
			    text out again after every edit */
	enum profile_action default_action;
	bool has_default_errno;
	uint32_t default_errno;
	char **architectures;
	size_t narchitectures;
	struct profile_archmap *archmap;
	size_t narchmap;
	bool has_flags; /* "flags" present, even [] (runc: absent means
			   SPEC_ALLOW, [] means none) */
	char **flags;
	size_t nflags;
	char *listener_path, *listener_metadata;
	struct profile_rule *rules;
	size_t nrules;
	struct profile_diag *diags;
	size_t ndiags;
	struct profile_layout *layout;
};

/*
 * Load PATH (format AUTO detects it). Returns 0 with *out set, even when
 * the profile has diagnostics of any severity (check profile_has_errors);
 * -EINVAL when the text is not JSON or not a profile at all (err says
 * "FILE:LINE:COLUMN: expected ..."); -errno when the file cannot be read.
 */
int profile_load(const char *path, enum profile_format format,
		 struct profile **out, struct err *err);
/* The same from memory; NAME is used in messages. */
int profile_parse(const char *name, const char *text, size_t len,
		  enum profile_format format, struct profile **out,
		  struct err *err);
/*
 * A new profile that refuses everything (ERRNO, EPERM) on the native
 * architecture family, in Docker's layout as json-c writes it (tabs,
 * moby's key order, a final newline), with "syscalls": []; after every
 * edit its text is laid out that way again. CONTAINERS adds "defaultErrno";
 * OCI gives a config.json fragment {"linux": {"seccomp": {...}}}. Its
 * file name is "(new profile)". Never fails.
 */
struct profile *profile_new_empty(enum profile_format format);
void profile_free(struct profile *p);

bool profile_has_errors(const struct profile *p);
/* "docker", "containers", "oci", "kubernetes", "auto", and back ("moby",
   "podman", "k8s" too); lookup returns -EINVAL for other names. */
const char *profile_format_name(enum profile_format f);
int profile_format_lookup(const char *name, enum profile_format *out);
/*
 * True for the formats a runtime reads after Docker's loader has resolved
 * a profile (OCI, KUBERNETES): no includes/excludes, archMap or comments.
 */
bool profile_format_resolved(enum profile_format f);
/* "linux.seccomp." for an OCI config.json, "spec." for a SeccompProfile,
   else "": the start of paths. */
const char *profile_path_prefix(const struct profile *p);
/* "FILE:LINE:COL: error: PATH: MESSAGE" (no newline). */
void profile_diag_format(const struct profile *p, const struct profile_diag *d,
			 struct strbuf *out);

/* Names: "SCMP_ACT_ERRNO" <-> PROFILE_ACT_ERRNO. Lookup returns NONE. */
const char *profile_action_name(enum profile_action a);
enum profile_action profile_action_lookup(const char *name);
const char *profile_op_name(enum profile_op op);
/* "SCMP_ACT_ERRNO(EPERM)", "SCMP_ACT_ALLOW", "SCMP_ACT_TRACE(7)". */
void profile_verdict_format(const struct profile_verdict *v,
			    struct strbuf *out);
/*
 * The verdict of a rule or of the default as runc builds it: ERRNO and
 * TRACE without an errno get EPERM, the other actions no data.
 */
void profile_rule_verdict(const struct profile_rule *r,
			  struct profile_verdict *out);
void profile_default_verdict(const struct profile *p,
			     struct profile_verdict *out);
/* Equal for libseccomp: SCMP_ACT_KILL is KILL_THREAD, data has 16 bits. */
bool profile_verdict_equal(const struct profile_verdict *a,
			   const struct profile_verdict *b);
/* True for the actions that let the call run: ALLOW, LOG. */
bool profile_action_is_allow(enum profile_action a);

/* Errno names: "EPERM" <-> 1 (the containers/common table and more). */
const char *profile_errno_name(uint32_t e);
int profile_errno_lookup(const char *name, uint32_t *out);

/* ---- editing and saving -------------------------------------------- */

/*
 * Allow NAME always: added to the profile's plain allow rule (action ALLOW,
 * no args, no conditions; the first one), kept in order when its names
 * are in order, else at the end; without such a rule, to one new allow
 * rule at the end. Since libseccomp lets the first unconditional rule for
 * a call win, NAME also leaves the unconditional refusing rules before
 * that point (a rule left without names is removed); when the default
 * action allows, that is the whole edit. Refusing rules with conditions
 * stay: ask eval whether the call now passes. A no-op when NAME is
 * allowed already. One undo step. -EINVAL for a name that is not
 * [a-z0-9_]{1,64} or an unconfined profile; -EIO if the result would not
 * say what was meant (the text is then left as it was).
 */
int profile_allow_syscall(struct profile *p, const char *name, struct err *err);
/*
 * The same in an allow rule of its own whose comment is NOTE ("seccompdbg:
 * ...", at most 200 bytes, no quote or backslash), made at the end when
 * there is none; the plain allow rule is never one with such a comment.
 * OCI config.json rules have no comment: there NAME joins the plain rule.
 */
int profile_allow_syscall_noted(struct profile *p, const char *name,
				const char *note, struct err *err);
/*
 * A new ALLOW rule at the end for NAME with these conditions (each index
 * at most once: runc ORs repeated ones) and COMMENT (may be NULL; left out
 * of OCI config.json, whose rules have none). -EINVAL for bad arguments.
 */
int profile_allow_with_args(struct profile *p, const char *name,
			    const struct profile_arg *args, size_t nargs,
			    const char *comment, struct err *err);
/*
 * Let calls of architecture SCMP ("SCMP_ARCH_X86") reach the rules on a
 * host whose native architecture is HOST ("SCMP_ARCH_X86_64"), instead of
 * the bad-architecture action: SCMP joins "architectures" (written as
 * [HOST, SCMP] when there is none), or, in a profile that lists its ABIs
 * in archMap, the subArchitectures of HOST's entry (a new entry when it
 * has none). A no-op when SCMP reaches the rules already. One undo step.
 * -EINVAL for an unknown name or an unconfined profile; -EIO as
 * profile_allow_syscall.
 */
int profile_allow_arch(struct profile *p, const char *host, const char *scmp,
		       struct err *err);
/*
 * Undo the last edit; -ENOENT when there is none. Like every edit, it
 * updates the model: pointers into it (rules, names, diags, resolve
 * results) are invalid afterwards.
 */
int profile_undo(struct profile *p);
/*
 * For tests: read P's text again from scratch and compare the model with
 * P's, which edits update in place (rules, diagnostics and their places,
 * where each value sits). 0, or -EIO with WHY saying what differs.
 */
int profile_selfcheck(const struct profile *p, struct strbuf *why);
/* How many edits undo can take back. */
size_t profile_edits(const struct profile *p);
/* True when the text differs from the text as loaded. */
bool profile_is_modified(const struct profile *p);
/*
 * P as it was loaded, before every edit, read again into a profile of
 * its own in *OUT (profile_free it): to compare what the edits change.
 */
int profile_loaded(const struct profile *p, struct profile **out,
		   struct err *err);
/* A unified diff (3 lines of context) of the text as loaded -> now;
   nothing when they are the same. */
void profile_diff(const struct profile *p, struct strbuf *out);
/*
 * CONFIG, the text of an OCI config.json (NAME in messages), with
 * SECCOMP as its linux.seccomp, appended to OUT: the old value replaced,
 * or "seccomp" added to "linux", or "linux" added to the file's object,
 * indented as the file indents; every other byte as it was. -EINVAL
 * when CONFIG is not a JSON object ("NAME:LINE:COLUMN: ...") or its
 * "linux" is not an object.
 */
struct doc;
int profile_oci_merge(const char *name, const char *config, size_t len,
		      const struct doc *seccomp, struct strbuf *out,
		      struct err *err);
/* Write the current text to PATH atomically (write_file_atomic). */
int profile_save(const struct profile *p, const char *path, struct err *err);

#endif
