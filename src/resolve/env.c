// SPDX-License-Identifier: Apache-2.0
/*
 * What a profile is resolved against: Docker's default capability
 * bounding set, the host's architecture and its kernel release read the
 * way moby reads it; and the paths rule ids stand for.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "seccompdbg/resolve.h"
#include "seccompdbg/sysent.h"

/* moby's oci/caps DefaultCapabilities(): the container's bounding set. */
static const char *const docker_caps[] = {
	"CAP_CHOWN",
	"CAP_DAC_OVERRIDE",
	"CAP_FSETID",
	"CAP_FOWNER",
	"CAP_MKNOD",
	"CAP_NET_RAW",
	"CAP_SETGID",
	"CAP_SETUID",
	"CAP_SETFCAP",
	"CAP_SETPCAP",
	"CAP_NET_BIND_SERVICE",
	"CAP_SYS_CHROOT",
	"CAP_KILL",
	"CAP_AUDIT_WRITE",
};

const char *const *resolve_docker_caps(size_t *n)
{
	*n = ARRAY_SIZE(docker_caps);
	return docker_caps;
}

/* Go's unicode.IsSpace for the bytes a release can hold. */
static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int kernel_error(const char *release, const char *cause, struct err *err)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	escape_c(&sb, release, strlen(release) > 64 ? 64 : strlen(release));
	rc = err_set(err, EINVAL, "failed to parse kernel version \"%s\": %s",
		     strbuf_str(&sb), cause);
	strbuf_release(&sb);
	return rc;
}

/* One %d of Go's fmt.Sscanf into a uint: spaces, then digits. */
static const char *scan_uint(const char **sp, unsigned *out, char *why,
			     size_t size)
{
	const char *s = *sp, *start;
	uint64_t v = 0;

	while (is_space(*s))
		s++;
	if (*s == '\n')
		return "unexpected newline";
	if (!*s)
		return "EOF";
	if (*s < '0' || *s > '9')
		return "expected integer";
	for (start = s; *s >= '0' && *s <= '9'; s++) {
		unsigned digit = (unsigned)(*s - '0');

		if (v > (UINT32_MAX - digit) / 10) {
			while (s[1] >= '0' && s[1] <= '9')
				s++;
			snprintf(
				why, size,
				"strconv.ParseUint: parsing \"%.*s\": value out of range",
				(int)(s - start + 1 > 32 ? 32 : s - start + 1),
				start);
			return why;
		}
		v = v * 10 + digit;
	}
	*out = (unsigned)v;
	*sp = s;
	return NULL;
}

int resolve_kernel_parse(const char *release, unsigned out[2], struct err *err)
{
	const char *s = release, *cause;
	unsigned v[2];
	char why[96];

	cause = scan_uint(&s, &v[0], why, sizeof(why));
	if (!cause && !*s)
		cause = "unexpected EOF";
	else if (!cause && *s != '.')
		cause = "input does not match format";
	if (!cause) {
		s++;
		cause = scan_uint(&s, &v[1], why, sizeof(why));
	}
	if (cause)
		return kernel_error(release, cause, err);
	out[0] = v[0];
	out[1] = v[1];
	return 0;
}

void resolve_env_default(struct resolve_env *env)
{
	struct utsname u;

	env->caps = docker_caps;
	env->ncaps = ARRAY_SIZE(docker_caps);
	env->arch = sysent_arch_native()->token;
	env->kernel[0] = env->kernel[1] = 0;
	if (uname(&u) == 0)
		resolve_kernel_parse(u.release, env->kernel, NULL);
}

void resolve_id_path(const struct profile *p, unsigned id, struct strbuf *out)
{
	const char *prefix = p ? profile_path_prefix(p) : "";

	if (id == RESOLVE_ID_BADARCH)
		strbuf_adds(out, "badArch");
	else if (id == RESOLVE_ID_DEFAULT)
		strbuf_addf(out, "%sdefaultAction", prefix);
	else
		strbuf_addf(out, "%ssyscalls[%u]", prefix, id - 1);
}
