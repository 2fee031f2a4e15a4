/* SPDX-License-Identifier: Apache-2.0 */
/*
 * why: short notes on well-known refusals, shown next to a denial ("why
 * is clone3 refused with ENOSYS?", "unshare needs CAP_SYS_ADMIN in
 * Docker's default"). The notes are a table of data (src/why/notes.c),
 * each keyed by system call names and an optional condition on the
 * arguments and on the profile's verdict, and each with its source,
 * something a user can open: a man page, an upstream file, issue or pull
 * request, or the rule of a shipped profile that makes the refusal.
 */
#ifndef SECCOMPDBG_WHY_H
#define SECCOMPDBG_WHY_H

#include <stddef.h>
#include <stdint.h>

#include "seccompdbg/profile.h"

struct why_note {
	const char *text;   /* one to three sentences, plain ASCII */
	const char *source; /* where the claim comes from */
};

/* The verdict a rule of the table asks for. */
enum why_verdict {
	WHY_REFUSED = 0,	  /* any refusal (or the verdict is unknown) */
	WHY_ERRNO_IS,		  /* ERRNO(errno_value) */
	WHY_REFUSED_NOT_ERRNO_IS, /* refused, but not with ERRNO(errno_value) */
};

/* The argument condition of a rule. */
enum why_arg_test {
	WHY_ARG_ANY = 0,  /* no condition */
	WHY_ARG_EQ,	  /* args[arg] == values[0] */
	WHY_ARG_HAS_BITS, /* args[arg] & values[0] is not 0 */
	WHY_ARG_NOT_IN,	  /* args[arg] is none of values[0..nvalues) */
};

#define WHY_MAX_VALUES 6

struct why_rule {
	const char *const *names; /* NULL-terminated */
	enum why_verdict verdict;
	uint32_t errno_value;
	enum why_arg_test arg_test;
	unsigned arg; /* 0..5 */
	uint64_t values[WHY_MAX_VALUES];
	size_t nvalues;
	struct why_note note;
};

/*
 * The note for a refused call NAME with ARGS, refused by the profile as
 * V. ARGS may be NULL (rules with an argument condition then do not
 * match); V may be NULL (rules that ask for a particular verdict then do
 * not match). Returns NULL when no note fits, or when V lets the call run
 * (ALLOW, LOG). The first matching rule of the table wins. The note is
 * static: it lives as long as the program.
 */
const struct why_note *why_find(const char *name, const uint64_t args[6],
				const struct profile_verdict *v);

/*
 * The note for a call of an architecture the profile does not list:
 * libseccomp answers it with the bad-architecture action before any
 * rule is read, so why_find's notes (about the rules) do not apply.
 * Static, like why_find's.
 */
const struct why_note *why_bad_arch(void);

/* The whole table, in the order why_find tries it (for tests and docs). */
const struct why_rule *why_rules(size_t *n);

/*
 * What nearly every program needs. A need is met when the profile lets
 * any one of its names run (execve or execveat). arch 0: every
 * architecture; otherwise only programs of that AUDIT_ARCH (the glibc
 * start-up lists are per architecture).
 */
struct why_need {
	const char *const *names; /* NULL-terminated */
	uint32_t arch;
	const char *reason; /* one line */
	const char *source;
};

const struct why_need *why_baseline(size_t *n);

#endif
