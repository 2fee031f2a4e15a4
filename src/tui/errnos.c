// SPDX-License-Identifier: Apache-2.0
/*
 * The errnos "deny with an errno" offers. ENOSYS comes first for the
 * calls whose callers fall back to an older call only on ENOSYS (clone3,
 * faccessat2, statx...): there EPERM breaks the program and ENOSYS is the
 * harmless refusal. Which calls those are is the why module's knowledge
 * (its notes on them), not a second list.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "seccompdbg/why.h"

#include "internal.h"

/* The usual answers of a sandbox, most common first. */
static const uint32_t common[] = {
	EPERM,	EACCES, ENOSYS, EINVAL, ENOENT, EOPNOTSUPP,
	EAGAIN, ENOMEM, EBUSY,	EFAULT, EBADF,	ENOTTY,
};

/*
 * The why notes tell: a call whose note differs between a refusal with
 * ENOSYS and one with EPERM is one where ENOSYS means something to its
 * callers (the harmless refusal, or the only one they take).
 */
bool tui_errno_prefers_enosys(const char *name)
{
	static const struct profile_verdict enosys = {PROFILE_ACT_ERRNO,
						      ENOSYS};
	static const struct profile_verdict eperm = {PROFILE_ACT_ERRNO, EPERM};
	const struct why_note *n = why_find(name, NULL, &enosys);

	return n && n != why_find(name, NULL, &eperm);
}

static size_t add(struct tui_errno *out, size_t n, size_t max, uint32_t e)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (out[i].value == e)
			return n;
	if (n < max) {
		out[n].value = e;
		out[n].name = profile_errno_name(e);
		n++;
	}
	return n;
}

size_t tui_errnos(const char *name, struct tui_errno *out, size_t max)
{
	size_t n = 0, i;

	if (name && tui_errno_prefers_enosys(name))
		n = add(out, n, max, ENOSYS);
	for (i = 0; i < ARRAY_SIZE(common); i++)
		n = add(out, n, max, common[i]);
	return n;
}

int tui_errno_parse(const char *text, uint32_t *out, struct err *err)
{
	char name[32];
	uint64_t v;
	size_t i;

	while (*text == ' ')
		text++;
	if (parse_u64(text, &v) == 0) {
		/* the kernel's errno range: MAX_ERRNO is 4095 */
		if (v < 1 || v > 4095)
			return err_set(err, EINVAL, "%s: an errno is 1 to 4095",
				       text);
		*out = (uint32_t)v;
		return 0;
	}
	for (i = 0; text[i] && i + 1 < sizeof(name); i++)
		name[i] = (char)toupper((unsigned char)text[i]);
	name[i] = '\0';
	if (!text[i] && profile_errno_lookup(name, out) == 0)
		return 0;
	return err_set(err, EINVAL, "'%.40s' is not an errno name or number",
		       text);
}
