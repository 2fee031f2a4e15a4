// SPDX-License-Identifier: Apache-2.0
/*
 * Fuzz the profile reader and editor: any bytes as a profile. What it
 * holds to (profile.h, resolve.h):
 * - every diagnostic reads as one line of printable ASCII: untrusted
 *   text in messages is escaped;
 * - on a profile without errors, each edit (allow a call always, allow
 *   one with conditions, allow an architecture) either works or is
 *   refused for its arguments, never with -EIO ("the edit made bad JSON"
 *   or "did not say what was meant");
 * - after each edit and undo the model is what a whole reading of the
 *   text gives (profile_selfcheck: edits read only what they touched);
 * - undoing every edit gives back the very bytes that were loaded;
 * - resolving and evaluating the edited profile works.
 */
#include <errno.h>
#include <linux/audit.h>
#include <string.h>

#include "fuzz.h"
#include "seccompdbg/eval.h"
#include "seccompdbg/profile.h"
#include "seccompdbg/resolve.h"

#define MAX_NAMES 6

static void check_diags(const struct profile *p, const struct profile_diag *d,
			size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		strbuf_reset(&sb);
		profile_diag_format(p, &d[i], &sb);
		FUZZ_REQUIRE(fuzz_is_safe_text(sb.buf, sb.len, false, false));
	}
	strbuf_release(&sb);
}

/* The model edits update in place is what a whole reading gives. */
static void selfcheck(const struct profile *p)
{
	struct strbuf why = STRBUF_INIT;

	FUZZ_REQUIRE(profile_selfcheck(p, &why) == 0);
	strbuf_release(&why);
}

/* An edit may be refused for what it was asked, not fail. */
static void edited(const struct profile *p, int rc)
{
	FUZZ_REQUIRE(rc == 0 || rc == -EINVAL);
	selfcheck(p);
}

/* Names of the profile's own first rules (copies: edits free them). */
static size_t own_names(const struct profile *p, char names[][65])
{
	size_t n = 0, i, j;

	for (i = 0; i < p->nrules && n < MAX_NAMES; i++)
		for (j = 0; j < p->rules[i].nnames && n < MAX_NAMES; j++)
			if (strlen(p->rules[i].names[j]) <= 64)
				strcpy(names[n++], p->rules[i].names[j]);
	return n;
}

static void resolve_and_eval(const struct profile *p)
{
	static const uint64_t args[6] = {0x10000000, 1, 2, 3, 4, 5};
	struct resolve_result *r;
	struct resolve_env env;
	struct eval_result res;
	struct eval *e;
	int nr;

	resolve_env_default(&env);
	if (resolve_profile(p, &env, &r, NULL) < 0)
		return;
	check_diags(p, r->diags, r->ndiags);
	e = eval_new(r);
	for (nr = 0; nr < 450; nr += 7)
		eval_call(e, AUDIT_ARCH_X86_64, nr, args, &res);
	eval_call(e, AUDIT_ARCH_I386, 120, args, &res);
	eval_free(e);
	resolve_result_free(r);
}

static void edit(struct profile *p)
{
	static const char *const fixed[] = {"read", "unshare", "clone",
					    "exit_group"};
	const struct profile_arg cond = {0, PROFILE_OP_MASKED_EQ, 0x7e020000,
					 0x10000000};
	char names[MAX_NAMES][65];
	size_t n = own_names(p, names), i;

	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		edited(p, profile_allow_syscall(p, fixed[i], NULL));
	for (i = 0; i < n; i++)
		edited(p, profile_allow_syscall(p, names[i], NULL));
	edited(p, profile_allow_with_args(p, "clone", &cond, 1, "fuzz", NULL));
	edited(p, profile_allow_arch(p, "SCMP_ARCH_X86_64", "SCMP_ARCH_X86",
				     NULL));
	FUZZ_REQUIRE(!profile_has_errors(p));
	resolve_and_eval(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf diff = STRBUF_INIT;
	struct profile *p;

	if (profile_parse("fuzz.json", (const char *)data, size,
			  PROFILE_FORMAT_AUTO, &p, NULL) < 0)
		return 0;
	check_diags(p, p->diags, p->ndiags);
	if (!profile_has_errors(p) && !p->unconfined) {
		resolve_and_eval(p);
		edit(p);
		profile_diff(p, &diff);
		while (profile_undo(p) == 0)
			selfcheck(p);
		FUZZ_REQUIRE(p->len == size && !memcmp(p->text, data, size));
		FUZZ_REQUIRE(!profile_is_modified(p));
	}
	strbuf_release(&diff);
	profile_free(p);
	return 0;
}
