/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the files of the export module share.
 */
#ifndef SECCOMPDBG_EXPORT_INTERNAL_H
#define SECCOMPDBG_EXPORT_INTERNAL_H

#include <stdio.h>

#include "seccompdbg/export.h"

/* A rule's conditions as the formats write them (valueTwo when set). */
struct doc *export_args(const struct profile_arg *args, size_t n);
/* R's seccomp object for OCI or the operator's spec (kube.c): SPEC
   leaves defaultErrnoRet out, which the operator's object lacks. */
struct doc *export_resolved(const struct resolve_result *r, bool spec,
			    struct export_notes *notes);

#endif
