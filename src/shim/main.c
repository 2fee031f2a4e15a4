// SPDX-License-Identifier: Apache-2.0
/*
 * seccompdbg-runc: a runtime for dockerd that adds the agent's socket to
 * a container's seccomp profile, then executes the real runc.
 *
 * Docker 20.10 (Debian 12's docker.io) keeps a profile's SCMP_ACT_NOTIFY
 * actions but drops its listenerPath, and runc then refuses to start the
 * container ("listenerPath is not set"). Docker 23 and later pass it
 * through, and need no shim. Set up once:
 *
 *   dockerd --add-runtime seccompdbg=/usr/local/bin/seccompdbg-runc
 *
 * then `seccompdbg run --container --listen /run/seccompdbg/agent.sock --
 * docker run --runtime seccompdbg --security-opt seccomp=@ IMAGE CMD`.
 * The socket is /run/seccompdbg/agent.sock unless the runtime is given
 * `--seccompdbg-listener=PATH` (daemon.json's runtimeArgs); the runc
 * executed is $SECCOMPDBG_RUNC, else runc from PATH.
 *
 * Only `create` and `run` are looked at, and only a config whose profile
 * notifies and has no listener is changed: every other call reaches runc
 * exactly as it came.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/container.h"

#define LISTENER_DEFAULT "/run/seccompdbg/agent.sock"
#define LISTENER_OPT	 "--seccompdbg-listener="

/* The bundle of a create or run: --bundle DIR, -b DIR, or the cwd. */
static const char *find_bundle(char **argv, int argc)
{
	bool sub = false;
	int i;

	for (i = 1; i < argc; i++) {
		if (!sub &&
		    (!strcmp(argv[i], "create") || !strcmp(argv[i], "run"))) {
			sub = true;
			continue;
		}
		if (!sub)
			continue;
		if ((!strcmp(argv[i], "--bundle") || !strcmp(argv[i], "-b")) &&
		    i + 1 < argc)
			return argv[i + 1];
		if (str_has_prefix(argv[i], "--bundle="))
			return argv[i] + strlen("--bundle=");
	}
	return sub ? "." : NULL;
}

/* Take our own option out of argv; returns the listener's path. */
static const char *take_listener(char **argv, int *argc)
{
	const char *path = LISTENER_DEFAULT;
	int i, j;

	for (i = j = 0; i < *argc; i++) {
		if (str_has_prefix(argv[i], LISTENER_OPT))
			path = argv[i] + strlen(LISTENER_OPT);
		else
			argv[j++] = argv[i];
	}
	argv[j] = NULL;
	*argc = j;
	return path;
}

int main(int argc, char **argv)
{
	const char *runc = getenv("SECCOMPDBG_RUNC");
	const char *listener = take_listener(argv, &argc);
	const char *bundle = find_bundle(argv, argc);
	struct err err = {""};
	char *config;

	if (bundle) {
		config = xasprintf("%s/config.json", bundle);
		if (container_config_add_listener(config, listener, &err) < 0) {
			fprintf(stderr, "seccompdbg-runc: %s\n", err.msg);
			return 1;
		}
		free(config);
	}
	if (!runc || !*runc)
		runc = "runc";
	argv[0] = (char *)runc;
	execvp(runc, argv);
	fprintf(stderr, "seccompdbg-runc: %s: %s\n", runc, strerror(errno));
	return 127;
}
