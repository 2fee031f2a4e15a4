/* SPDX-License-Identifier: Apache-2.0 */
/*
 * container: debugging a profile inside a container, through the OCI
 * seccomp notify agent (runtime-spec config-linux.md, "listenerPath").
 * A runtime (runc >= 1.1, crun >= 0.19, and podman or Docker through
 * them) whose profile has SCMP_ACT_NOTIFY actions and a listenerPath
 * connects to that unix socket, once per filter (the container's init,
 * each exec), and sends the container's state as JSON with the filter's
 * notification fd (SCM_RIGHTS). Here are:
 *
 * - the debug rewrite: the profile whose refusals all notify, for the
 *   runtime to load in place of the candidate (what the candidate allows
 *   stays allowed in the kernel);
 * - the agent: the listening socket and the connections it accepts;
 * - the bundle: a copy of an OCI bundle whose config.json carries the
 *   debug profile, and the edit the Docker shim makes in place.
 *
 * The runtime's state, config.json and the debug profile are read and
 * written as doc trees (doc.h).
 */
#ifndef SECCOMPDBG_CONTAINER_H
#define SECCOMPDBG_CONTAINER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "seccompdbg/resolve.h"
#include "seccompdbg/util.h"

/* What the runtime that loads the debug profile accepts. */
enum container_runtime {
	CONTAINER_RUNC, /* no NOTIFY default, no NOTIFY on write */
	CONTAINER_CRUN, /* both */
};

/* "runc", "crun"; lookup -EINVAL for other names. */
const char *container_runtime_name(enum container_runtime rt);
int container_runtime_lookup(const char *name, enum container_runtime *out);
/*
 * The runtime that a command will use: crun when argv[0] is crun, or
 * podman's --runtime names crun; runc otherwise (its rule set works on
 * both). *sure is false when it was a guess (podman's configured
 * default, dockerd's runtime).
 */
enum container_runtime container_runtime_guess(char *const *argv, bool *sure);

/*
 * The debug profile of R (Docker's JSON layout, which podman, Docker and
 * an OCI config.json's linux.seccomp all read): every refusal becomes
 * SCMP_ACT_NOTIFY with LISTENER as listenerPath, argument conditions
 * kept; allow rules stay. For runc, whose default action cannot notify,
 * every call libseccomp names on R's architectures that R does not allow
 * unconditionally gets an explicit NOTIFY rule instead, except `write`
 * (runc refuses it: the profile's own refusals of write stay as they
 * are, uncaught). Appended to OUT as one JSON object. *uncaught (may be
 * NULL) counts the refusing rules left as they were.
 */
void container_debug_profile(const struct resolve_result *r,
			     enum container_runtime rt, const char *listener,
			     struct strbuf *out, size_t *uncaught);

/* ---- the agent -------------------------------------------------------- */

struct container_agent;

/* What a runtime says of one filter's process. Strings are raw (escape
 * them), NULL when absent; owned by the struct. */
struct container_state {
	char *id, *name, *image; /* name, image: from annotations */
	char *status;		 /* "creating" (init), "running" (exec) */
	char *bundle;
	char *metadata; /* the profile's listenerMetadata */
	pid_t pid;	/* the process, in our pid namespace */
	int fd;		/* the notification fd (ours), or -1 */
};

void container_state_release(struct container_state *st);
/*
 * Parse the runtime's JSON (TEXT, LEN) with the fds that came with it:
 * fills ST and takes the fd named "seccompFd" (the others are closed).
 * -EINVAL with err when it is not the container process state.
 */
int container_state_parse(const char *text, size_t len, int *fds, size_t nfds,
			  struct container_state *st, struct err *err);

/*
 * Listen on PATH (a unix socket in our mount namespace; a socket file
 * nobody listens on is replaced, one that something listens on is
 * refused with -EADDRINUSE, any other file with -EEXIST).
 * 0 or -errno with err.
 */
int container_agent_new(const char *path, struct container_agent **out,
			struct err *err);
/* Closes every connection and removes the socket file. NULL is fine. */
void container_agent_free(struct container_agent *a);
/* Poll it: a new connection is waiting. */
int container_agent_fd(const struct container_agent *a);
const char *container_agent_path(const struct container_agent *a);
/* Accept every waiting connection; poll these fds for their state. */
void container_agent_accept(struct container_agent *a);
/* The fds of the connections whose state is not complete yet. */
size_t container_agent_conns(const struct container_agent *a, int *fds,
			     size_t max);
/*
 * Read what connection FD has sent. 1 with *st once the state is whole
 * (the connection is closed then), 0 while more is to come, -errno with
 * err when it failed or sent something else (closed too): -ENOTCONN
 * when it ended with nothing sent (something checked that we listen).
 */
int container_agent_read(struct container_agent *a, int fd,
			 struct container_state *st, struct err *err);

/* ---- bundles ------------------------------------------------------------ */

/*
 * Make DIR (empty or absent) a copy of bundle BUNDLE: its config.json
 * with root.path made absolute and linux.seccomp replaced by PROFILE
 * (a JSON object, the debug profile). The root file system is not
 * copied. -errno with err naming the file.
 */
int container_bundle_copy(const char *bundle, const char *dir,
			  const char *profile, struct err *err);
/*
 * The Docker shim's edit of CONFIG (a config.json) in place: when its
 * linux.seccomp notifies and has no listenerPath, set it to LISTENER.
 * 1 when it was edited, 0 when nothing was to do, -errno with err.
 */
int container_config_add_listener(const char *config, const char *listener,
				  struct err *err);

/*
 * Where a command says "@": an argument "@" or ending in "=@" (podman's
 * and Docker's --security-opt seccomp=@) gets WHAT in its place. A new
 * argv (free with container_argv_free); *n counts the replacements.
 */
char **container_argv_fill(char *const *argv, const char *what, size_t *n);
void container_argv_free(char **argv);

#endif
