/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the files of the doc module share: json.c (json-c) and the YAML
 * reader and writer (yaml_read.c, yaml_write.c, libyaml).
 */
#ifndef SECCOMPDBG_DOC_INTERNAL_H
#define SECCOMPDBG_DOC_INTERNAL_H

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include "seccompdbg/doc.h"

/* The libraries return NULL only when malloc fails: abort, as the
   x-allocators do. */
static inline void __attribute__((noreturn)) xalloc_die(void)
{
	fprintf(stderr, "seccompdbg: out of memory\n");
	abort();
}

/*
 * How YAML 1.1 (and Kubernetes) reads a plain scalar: DOC_SCALAR_STRING
 * unless it spells null, a bool, an integer or a float. For an integer,
 * *neg and *mag get its sign and magnitude (-ERANGE past 64 bits).
 */
enum doc_scalar {
	DOC_SCALAR_STRING,
	DOC_SCALAR_NULL,
	DOC_SCALAR_TRUE,
	DOC_SCALAR_FALSE,
	DOC_SCALAR_INT,
	DOC_SCALAR_FLOAT,
};

/* A double (json.c): only YAML floats are made of it. */
struct doc *doc_float(double v);

enum doc_scalar doc_scalar_resolve(const char *s, size_t n, bool *neg,
				   uint64_t *mag, int *rc);

#endif
