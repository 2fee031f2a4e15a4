// SPDX-License-Identifier: Apache-2.0
/*
 * export --to systemd, read back the way systemd.exec(5) says it reads
 * the settings: every x86_64 call gets from the drop-in the verdict eval
 * gives it, or the notes name it as widened or changed; without
 * --approximate what systemd cannot say is refused.
 */
#include <errno.h>
#include <linux/audit.h>
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/eval.h"
#include "seccompdbg/export.h"
#include "seccompdbg/resolve.h"
#include "seccompdbg/sysent.h"
#include "test_profile.h"

/* What a drop-in says, read as systemd reads it. */
struct dropin {
	bool allow_list;
	char errno_name[32]; /* SystemCallErrorNumber=, "" for kill */
	char *words;	     /* " name name:EPERM ... " */
};

static void dropin_read(const char *text, struct dropin *d)
{
	struct strbuf words = STRBUF_INIT;
	const char *line = text, *nl, *v;
	bool first = true;

	memset(d, 0, sizeof(*d));
	strbuf_addc(&words, ' ');
	for (; *line; line = *nl ? nl + 1 : nl) {
		nl = strchrnul(line, '\n');
		if (str_has_prefix(line, "SystemCallErrorNumber=")) {
			v = line + strlen("SystemCallErrorNumber=");
			snprintf(d->errno_name, sizeof(d->errno_name), "%.*s",
				 (int)(nl - v), v);
		}
		if (!str_has_prefix(line, "SystemCallFilter="))
			continue;
		v = line + strlen("SystemCallFilter=");
		if (first)
			d->allow_list = *v != '~';
		first = false;
		if (*v == '~')
			v++;
		strbuf_add(&words, v, (size_t)(nl - v));
		strbuf_addc(&words, ' ');
	}
	d->words = strbuf_detach(&words);
}

/* The word for NAME in the drop-in ("name" or "name:ERR"), or NULL. */
static const char *word_of(const struct dropin *d, const char *name, char *buf,
			   size_t size)
{
	char key[80];
	const char *at, *end;

	snprintf(key, sizeof(key), " %s", name);
	for (at = strstr(d->words, key); at; at = strstr(at + 1, key)) {
		end = at + strlen(key);
		if (*end == ' ' || *end == ':') {
			snprintf(buf, size, "%.*s",
				 (int)(strchr(at + 1, ' ') - at - 1), at + 1);
			return buf;
		}
	}
	return NULL;
}

static bool in_default(const char *name)
{
	size_t n, i;
	const char *const *set = export_systemd_default(&n);

	for (i = 0; i < n; i++)
		if (!strcmp(set[i], name))
			return true;
	return false;
}

/* "ALLOW", "EPERM", "kill": what systemd does with NAME. */
static void systemd_says(const struct dropin *d, const char *name, char *out,
			 size_t size)
{
	char buf[128];
	const char *w = word_of(d, name, buf, sizeof(buf));

	if (d->allow_list)
		snprintf(out, size, "%s",
			 w || in_default(name) ? "ALLOW"
			 : *d->errno_name      ? d->errno_name
					       : "kill");
	else
		snprintf(out, size, "%s", !w ? "ALLOW" : strchr(w, ':') + 1);
}

/* "ALLOW", "EPERM", "kill", "ENOSYS" (TRACE): what the profile does. */
static void profile_says(const struct eval_result *ev, char *out, size_t size)
{
	const char *name;

	switch (ev->verdict.action) {
	case PROFILE_ACT_ALLOW:
	case PROFILE_ACT_LOG:
		snprintf(out, size, "ALLOW");
		break;
	case PROFILE_ACT_ERRNO:
		name = profile_errno_name(ev->verdict.data);
		snprintf(out, size, "%s", name ? name : "?");
		break;
	case PROFILE_ACT_TRACE:
		snprintf(out, size, "ENOSYS");
		break;
	default:
		snprintf(out, size, "kill");
	}
}

static bool noted(const struct export_notes *n, const char *name)
{
	char key[96];

	snprintf(key, sizeof(key), ": %s: ", name);
	return strstr(strbuf_str(&n->text), key) != NULL;
}

/* Export P, read the drop-in back, compare with eval call by call;
   returns how many calls the notes name. */
static size_t hold(struct profile *p)
{
	struct resolve_env env;
	struct resolve_result *r = NULL;
	struct export_notes notes = {STRBUF_INIT, 0};
	struct strbuf out = STRBUF_INIT;
	struct eval_result ev;
	struct dropin d;
	struct err err;
	struct eval *e;
	uint64_t zero[6] = {0};
	char a[64], b[64];
	size_t named = 0;
	int nr;

	resolve_env_default(&env);
	env.arch = AUDIT_ARCH_X86_64;
	env.kernel[0] = 6;
	env.kernel[1] = 18;
	REQUIRE(resolve_profile(p, &env, &r, &err) == 0);
	REQUIRE(export_systemd(r, true, &out, &notes, &err) == 0);
	dropin_read(out.buf, &d);
	e = eval_new(r);
	for (nr = 0; nr < 1024; nr++) {
		const char *name = sysent_name(AUDIT_ARCH_X86_64, nr);

		if (!name)
			continue;
		eval_call(e, AUDIT_ARCH_X86_64, nr, zero, &ev);
		profile_says(&ev, a, sizeof(a));
		systemd_says(&d, name, b, sizeof(b));
		if (noted(&notes, name)) {
			named++;
			continue;
		}
		if (strcmp(a, b) ||
		    eval_call_has_conditions(e, AUDIT_ARCH_X86_64, nr))
			test_fail(
				__FILE__, __LINE__,
				"%s: %s: the profile says %s, the drop-in %s, the notes nothing",
				p->file, name, a, b);
	}
	eval_free(e);
	free(d.words);
	strbuf_release(&out);
	export_notes_release(&notes);
	resolve_result_free(r);
	profile_free(p);
	return named;
}

TEST(export_systemd_allow_lists_as_the_profile)
{
	/* Docker's: clone, socket and personality take arguments; clone3
	   is refused with ENOSYS, not the default's EPERM */
	CHECK_INT(hold(tp_load("moby-default.json")), 4);
	CHECK(hold(tp_load("podman-default.json")) > 3);
	CHECK(hold(tp_load("runc-seccomp_syscall_test1.json")) > 0);
}

TEST(export_systemd_deny_lists_as_the_profile)
{
	struct profile *p = tp_parse(
		"{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": ["
		"{\"names\": [\"mkdir\", \"rmdir\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 13},"
		"{\"names\": [\"reboot\"], \"action\": \"SCMP_ACT_KILL_PROCESS\"},"
		"{\"names\": [\"ptrace\"], \"action\": \"SCMP_ACT_TRACE\"},"
		"{\"names\": [\"getpid\"], \"action\": \"SCMP_ACT_LOG\"},"
		"{\"names\": [\"clone\"], \"action\": \"SCMP_ACT_ERRNO\","
		" \"args\": [{\"index\": 0, \"value\": 268435456, \"valueTwo\": 268435456, \"op\": \"SCMP_CMP_MASKED_EQ\"}]}]}",
		PROFILE_FORMAT_AUTO);
	struct resolve_env env;
	struct resolve_result *r = NULL;
	struct export_notes notes = {STRBUF_INIT, 0};
	struct strbuf out = STRBUF_INIT;
	struct err err;

	resolve_env_default(&env);
	REQUIRE(resolve_profile(p, &env, &r, &err) == 0);
	/* clone's condition cannot be said: refused without --approximate */
	CHECK_INT(export_systemd(r, false, &out, &notes, &err), -EINVAL);
	CHECK_CONTAINS(err.msg,
		       "systemd cannot say 1 thing of the profile exactly");
	CHECK_CONTAINS(notes.text.buf,
		       "widened: clone: allowed whatever its arguments");
	strbuf_reset(&out);
	export_notes_release(&notes);
	REQUIRE(export_systemd(r, true, &out, &notes, &err) == 0);
	CHECK_CONTAINS(
		out.buf,
		"[Service]\nSystemCallArchitectures=x86-64\n"
		"SystemCallFilter=~mkdir:EACCES ptrace:ENOSYS reboot:kill rmdir:EACCES\n"
		"SystemCallLog=getpid\n");
	strbuf_release(&out);
	export_notes_release(&notes);
	resolve_result_free(r);
	CHECK_INT(hold(p), 1);
}
