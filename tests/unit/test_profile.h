/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Helpers shared by the profile and resolve tests (test_profile_util.c):
 * parse a text that must load, find a diagnostic by its JSON path.
 */
#ifndef SECCOMPDBG_TEST_PROFILE_H
#define SECCOMPDBG_TEST_PROFILE_H

#include "seccompdbg/profile.h"
#include "test.h"

/* Every file in tests/data/profiles; PROFILE: it loads as a profile. */
struct tp_file {
	const char *name;
	bool profile;
};
extern const struct tp_file tp_files[];
extern const size_t tp_nfiles;

/* Parse TEXT (named "t.json"); the test ends when it does not load. */
struct profile *tp_parse(const char *text, enum profile_format f);
/* Load tests/data/profiles/NAME, which must load (format AUTO). */
struct profile *tp_load(const char *name);
/* Parse TEXT that must be refused; returns err.msg (static buffer). */
const char *tp_refuse(const char *text, enum profile_format f);
/* The first diagnostic at PATH, or NULL. */
const struct profile_diag *tp_diag(const struct profile *p, const char *path);
/* Every diagnostic, formatted one per line (static buffer). */
const char *tp_diags(const struct profile *p);
/* 1-based column of the first NEEDLE in one-line TEXT (ASCII). */
unsigned tp_col(const char *text, const char *needle);
/* Read a file under tests/data (static buffer is not used: free it). */
char *tp_read(const char *path, size_t *len);

/* A diagnostic at PATH with SEV at LINE:COL whose message has MSG. */
#define CHECK_DIAG(p, path, sev, ln, col, msg)                           \
	do {                                                             \
		const struct profile_diag *d_ = tp_diag((p), (path));    \
		if (!d_) {                                               \
			test_fail(__FILE__, __LINE__,                    \
				  "no diagnostic at %s; there are:\n%s", \
				  (path), tp_diags(p));                  \
			break;                                           \
		}                                                        \
		CHECK_INT(d_->severity, (sev));                          \
		CHECK_INT(d_->line, (ln));                               \
		CHECK_INT(d_->column, (col));                            \
		CHECK_CONTAINS(d_->message, (msg));                      \
	} while (0)

#endif
