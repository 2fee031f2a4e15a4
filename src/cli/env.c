// SPDX-License-Identifier: Apache-2.0
/*
 * The options that say what host a profile is resolved for: --cap and
 * --cap-drop (Docker's --cap-add/--cap-drop on its default bounding set),
 * --arch and --kernel. check, explain and run share them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/cli.h"
#include "seccompdbg/sysent.h"

static bool has_cap(const struct cli_env *ce, const char *cap)
{
	size_t i;

	for (i = 0; i < ce->ncaps; i++)
		if (ce->caps[i] == cap)
			return true;
	return false;
}

static void set_caps(struct cli_env *ce, const char *const *caps, size_t n)
{
	size_t i;

	ce->ncaps = 0;
	for (i = 0; i < n; i++)
		ce->caps[ce->ncaps++] = resolve_cap_lookup(caps[i]);
}

void cli_env_init(struct cli_env *ce)
{
	size_t n, all;
	const char *const *docker = resolve_docker_caps(&n);

	resolve_all_caps(&all);
	resolve_env_default(&ce->env);
	ce->caps = xcalloc(all, sizeof(*ce->caps));
	set_caps(ce, docker, n);
	ce->env.caps = ce->caps;
	ce->env.ncaps = ce->ncaps;
}

void cli_env_release(struct cli_env *ce)
{
	free(ce->caps);
	ce->caps = NULL;
	ce->ncaps = 0;
}

static int cap_option(struct cli_env *ce, bool add, const char *arg)
{
	const char *cap;
	size_t all, i;

	if (str_eq_nocase(arg, "ALL")) {
		const char *const *caps = resolve_all_caps(&all);

		set_caps(ce, caps, add ? all : 0);
		return 1;
	}
	cap = resolve_cap_lookup(arg);
	if (!cap) {
		cli_error(
			"--cap%s: unknown capability '%s' (e.g. CAP_SYS_ADMIN or sys_admin)",
			add ? "" : "-drop", arg);
		return -1;
	}
	if (add && !has_cap(ce, cap))
		ce->caps[ce->ncaps++] = cap;
	for (i = 0; !add && i < ce->ncaps; i++)
		if (ce->caps[i] == cap)
			ce->caps[i--] = ce->caps[--ce->ncaps];
	return 1;
}

int cli_env_option(struct cli_env *ce, int opt, const char *arg)
{
	const struct sysent_arch *arch;
	struct err err;
	int rc = 1;

	switch (opt) {
	case CLI_OPT_CAP:
	case CLI_OPT_CAP_DROP:
		rc = cap_option(ce, opt == CLI_OPT_CAP, arg);
		break;
	case CLI_OPT_ARCH:
		arch = sysent_arch_by_any(arg);
		if (!arch) {
			cli_error(
				"--arch: unknown architecture '%s' (e.g. x86_64, aarch64, SCMP_ARCH_X86)",
				arg);
			return -1;
		}
		ce->env.arch = arch->token;
		break;
	case CLI_OPT_KERNEL:
		if (resolve_kernel_parse(arg, ce->env.kernel, &err) < 0) {
			cli_error("--kernel: %s (expected X.Y, e.g. 5.15)",
				  err.msg);
			return -1;
		}
		break;
	default:
		return 0;
	}
	ce->env.caps = ce->caps;
	ce->env.ncaps = ce->ncaps;
	return rc;
}
