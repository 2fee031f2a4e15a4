// SPDX-License-Identifier: Apache-2.0
/*
 * The command that starts the container: where it wants the debug
 * profile ("@"), and which runtime will load it.
 */
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/container.h"

static const char *base(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static bool is_placeholder(const char *arg)
{
	size_t n = strlen(arg);

	return !strcmp(arg, "@") || (n >= 2 && !strcmp(arg + n - 2, "=@"));
}

char **container_argv_fill(char *const *argv, const char *what, size_t *n)
{
	size_t argc = 0, i;
	char **out;

	while (argv[argc])
		argc++;
	out = xcalloc(argc + 1, sizeof(*out));
	*n = 0;
	for (i = 0; i < argc; i++) {
		if (!is_placeholder(argv[i])) {
			out[i] = xstrdup(argv[i]);
			continue;
		}
		out[i] = xasprintf("%.*s%s", (int)(strlen(argv[i]) - 1),
				   argv[i], what);
		(*n)++;
	}
	return out;
}

void container_argv_free(char **argv)
{
	size_t i;

	for (i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* podman's --runtime VALUE or --runtime=VALUE, before the subcommand. */
static const char *podman_runtime(char *const *argv)
{
	size_t i;

	for (i = 1; argv[i] && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--runtime") && argv[i + 1])
			return argv[i + 1];
		if (str_has_prefix(argv[i], "--runtime="))
			return argv[i] + strlen("--runtime=");
	}
	return NULL;
}

enum container_runtime container_runtime_guess(char *const *argv, bool *sure)
{
	const char *cmd = base(argv[0]), *rt;

	*sure = true;
	if (!strcmp(cmd, "crun"))
		return CONTAINER_CRUN;
	if (!strcmp(cmd, "runc"))
		return CONTAINER_RUNC;
	if (!strcmp(cmd, "podman") && (rt = podman_runtime(argv)))
		return strcmp(base(rt), "crun") ? CONTAINER_RUNC
						: CONTAINER_CRUN;
	*sure = false;
	return CONTAINER_RUNC;
}
