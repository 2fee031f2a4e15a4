/* SPDX-License-Identifier: Apache-2.0 */
/*
 * export: a profile in the forms it is deployed in.
 *
 * - docker: Docker's JSON (what Docker, podman, containerd and CRI-O
 *   read, and a kubelet's Localhost file), from any input format: a
 *   podman profile's errno names become numbers; the conditions
 *   (includes/excludes) stay for the runtime to resolve.
 * - oci: the linux.seccomp object of an OCI config.json, as Docker
 *   hands it to runc: resolved for one host (conditions applied).
 * - kubernetes: the security-profiles-operator's SeccompProfile object
 *   (YAML), resolved like oci.
 * - systemd: a unit drop-in (SystemCallFilter=, SystemCallErrorNumber=,
 *   SystemCallArchitectures=), resolved like oci; what systemd cannot
 *   say is refused, or widened only when asked, and listed.
 *
 * Every document is built as a tree and written by the doc module.
 */
#ifndef SECCOMPDBG_EXPORT_H
#define SECCOMPDBG_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "seccompdbg/doc.h"
#include "seccompdbg/profile.h"
#include "seccompdbg/resolve.h"
#include "seccompdbg/util.h"

/*
 * What an export changed or left out, one sentence per line, for the
 * user to read (stderr): rules resolved away, names unknown to
 * libseccomp, what systemd widened.
 */
struct export_notes {
	struct strbuf text;
	size_t count;
};

void export_note(struct export_notes *n, const char *fmt, ...)
	PRINTF_LIKE(2, 3);
void export_notes_release(struct export_notes *n);

/*
 * P as Docker's JSON, in moby's key order (Docker's own default profile
 * comes back byte for byte). -EINVAL for an unconfined profile.
 */
int export_docker(const struct profile *p, struct doc **out, struct err *err);

/* R (resolved) as the linux.seccomp object of a config.json. */
struct doc *export_oci(const struct resolve_result *r,
		       struct export_notes *notes);

/*
 * R as a security-profiles-operator SeccompProfile named NAME (a DNS
 * subdomain) in NAMESPACE (may be NULL), as YAML. -EINVAL (err says what)
 * for what the object cannot hold: a default errno other than EPERM (it
 * has no defaultErrnoRet), an argument value past 2^63 - 1 (its values
 * are int64).
 */
int export_kubernetes(const struct resolve_result *r, const char *name,
		      const char *namespace, struct strbuf *out,
		      struct export_notes *notes, struct err *err);
/*
 * A Kubernetes object name from a file name: "Fixed_Profile.json" ->
 * "fixed-profile" (lower case, [a-z0-9.-], at most 253 bytes), or
 * "profile" when nothing is left.
 */
void export_kubernetes_name(const char *file, struct strbuf *out);
/* True when NAME is a DNS subdomain, as metadata.name must be
 * (lower-case letters, digits, '-' and '.', at most 253). */
bool export_kubernetes_name_ok(const char *name);
/* True when NAME is a DNS label, as metadata.namespace must be
 * (lower-case letters, digits and '-', at most 63). */
bool export_kubernetes_namespace_ok(const char *name);
/* 0 when NAME can be metadata.name (NAMESPACE false) or
 * metadata.namespace (true); -EINVAL with err saying what one is. */
int export_kubernetes_name_check(const char *name, bool namespace,
				 struct err *err);

/*
 * R as a systemd unit drop-in. systemd has one errno for every refused
 * call in an allow list, no argument conditions and no TRACE, TRAP or
 * NOTIFY, and always allows a few calls of its own (@default: execve,
 * exit, the clocks...). Without APPROXIMATE what it cannot say is an
 * error (-EINVAL, err lists it); with it, the drop-in says the nearest
 * thing and NOTES say exactly which calls it widened (allows where the
 * profile refuses) or changed.
 */
int export_systemd(const struct resolve_result *r, bool approximate,
		   struct strbuf *out, struct export_notes *notes,
		   struct err *err);
/* The calls systemd always allows in an allow list (its @default set),
   for tests. */
const char *const *export_systemd_default(size_t *n);

#endif
