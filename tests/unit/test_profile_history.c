// SPDX-License-Identifier: Apache-2.0
/*
 * profile: edits and undo over many random steps, on every real profile
 * of tests/data and on a generated one of thousands of rules. Each edit
 * must leave the model a fresh read of the text would give (rules,
 * diagnostics and their places), each undo the exact bytes from before
 * the edit, and the last undo a profile that is not modified.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccompdbg/util.h"
#include "test_profile.h"

static const char *const names[] = {
	"read",
	"write",
	"openat",
	"close",
	"mmap",
	"munmap",
	"brk",
	"execve",
	"clone",
	"clone3",
	"unshare",
	"setns",
	"mount",
	"umount2",
	"ptrace",
	"personality",
	"socket",
	"connect",
	"bpf",
	"kexec_load",
	"pread64",
	"wait4",
	"pipe2",
	"getrandom",
	"statx",
	"io_uring_setup",
	"keyctl",
	"add_key",
	"reboot",
	"syslog",
	"chroot",
	"pivot_root",
	"setuid",
	"setgid",
	"prctl",
	"perf_event_open",
	"fanotify_init",
	"open_by_handle_at",
	"name_to_handle_at",
	"userfaultfd",
};

static unsigned long rnd(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005ull + 1442695040888963407ull;
	return (*seed >> 33);
}

/* Profile text of NRULES rules of every kind the reader knows. */
static char *generate(size_t nrules, size_t refusing)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_adds(&sb, "{\n\t\"defaultAction\": \"SCMP_ACT_ERRNO\",\n"
			 "\t\"defaultErrnoRet\": 1,\n"
			 "\t\"architectures\": [\n\t\t\"SCMP_ARCH_X86_64\"\n"
			 "\t],\n\t\"syscalls\": [\n");
	/* rules that refuse outright before the allow rule: allowing one of
	   their names takes it out of them (a rule left empty goes) */
	for (i = 0; i < refusing; i++)
		strbuf_addf(&sb,
			    "\t\t{\n\t\t\t\"names\": [\n\t\t\t\t\"%s\",\n"
			    "\t\t\t\t\"%s\"\n\t\t\t],\n"
			    "\t\t\t\"action\": \"SCMP_ACT_ERRNO\"\n\t\t},\n",
			    names[(2 * i + 5) % ARRAY_SIZE(names)],
			    names[(2 * i + 6) % ARRAY_SIZE(names)]);
	nrules -= refusing;
	strbuf_adds(&sb, "\t\t{\n\t\t\t\"names\": [\n\t\t\t\t\"read\",\n"
			 "\t\t\t\t\"write\"\n\t\t\t],\n"
			 "\t\t\t\"action\": \"SCMP_ACT_ALLOW\"\n\t\t}");
	for (i = 1; i < nrules; i++) {
		strbuf_addf(&sb,
			    ",\n\t\t{\n\t\t\t\"names\": [\n\t\t\t\t\"%s\"\n"
			    "\t\t\t],\n\t\t\t\"action\": \"%s\",\n",
			    names[i % ARRAY_SIZE(names)],
			    i % 7 ? "SCMP_ACT_ALLOW" : "SCMP_ACT_ERRNO");
		if (i % 5 == 0) /* a typo: a diagnostic per rule */
			strbuf_adds(&sb, "\t\t\t\"comemnt\": \"x\",\n");
		strbuf_addf(
			&sb,
			"\t\t\t\"args\": [\n\t\t\t\t{\n"
			"\t\t\t\t\t\"index\": 0,\n\t\t\t\t\t\"value\": %zu,\n"
			"\t\t\t\t\t\"op\": \"SCMP_CMP_EQ\"\n\t\t\t\t}\n"
			"\t\t\t],\n\t\t\t\"comment\": \"rule %zu\",\n"
			"\t\t\t\"includes\": {\n\t\t\t\t\"arches\": [\n"
			"\t\t\t\t\t\"%s\"\n\t\t\t\t]\n\t\t\t}\n\t\t}",
			i, i, i % 3 ? "s390x" : "amd64");
	}
	strbuf_adds(&sb, "\n\t]\n}\n");
	return strbuf_detach(&sb);
}

/* The model a whole reading of P's text gives, against P's. */
static void check_fresh(const struct profile *p, const char *what, int step)
{
	struct strbuf why = STRBUF_INIT;

	if (profile_selfcheck(p, &why) < 0)
		test_fail(__FILE__, __LINE__, "%s step %d: %s", what, step,
			  strbuf_str(&why));
	strbuf_release(&why);
}

/* The next line of *S (with its newline), without "\\ No newline". */
static size_t next_line(const char **s, const char **line)
{
	const char *nl = strchr(*s, '\n');
	size_t len = nl ? (size_t)(nl - *s) + 1 : strlen(*s);

	*line = *s;
	*s += len;
	if (**s == '\\') { /* the line had no newline */
		*s += strcspn(*s, "\n");
		*s += **s == '\n';
		len--;
	}
	return len;
}

/* OLD patched with the unified DIFF, or NULL where it does not apply. */
static char *patch(const char *old, const char *diff)
{
	struct strbuf out = STRBUF_INIT;
	const char *o = old, *d = diff, *l, *ol;
	size_t line = 0, len, olen;
	unsigned long a, na;

	if (!*d)
		return xstrdup(old);
	next_line(&d, &l);
	next_line(&d, &l); /* the --- and +++ lines */
	while (*d) {
		if (sscanf(d, "@@ -%lu,%lu", &a, &na) != 2)
			goto bad;
		next_line(&d, &l);
		for (a -= na != 0; line < a; line++) {
			olen = next_line(&o, &ol);
			strbuf_add(&out, ol, olen);
		}
		while (*d && *d != '@') {
			len = next_line(&d, &l);
			if (*l == '+') {
				strbuf_add(&out, l + 1, len - 1);
				continue;
			}
			olen = next_line(&o, &ol);
			line++;
			if (olen != len - 1 || memcmp(ol, l + 1, olen))
				goto bad;
			if (*l == ' ')
				strbuf_add(&out, ol, olen);
		}
	}
	strbuf_adds(&out, o);
	return strbuf_detach(&out);
bad:
	strbuf_release(&out);
	return NULL;
}

/* The diff of P, applied to the loaded text LOADED, gives P's text. */
static void check_diff(const struct profile *p, const char *loaded,
		       const char *what, int step)
{
	struct strbuf diff = STRBUF_INIT;
	char *got;

	profile_diff(p, &diff);
	got = patch(loaded, strbuf_str(&diff));
	if (!got || strcmp(got, p->text))
		test_fail(
			__FILE__, __LINE__,
			"%s step %d: the diff does not turn the loaded text into the text:\n%.2000s",
			what, step, strbuf_str(&diff));
	free(got);
	strbuf_release(&diff);
}

/* One random edit; returns its rc. */
static int random_edit(struct profile *p, unsigned long *seed)
{
	const char *name = names[rnd(seed) % ARRAY_SIZE(names)];
	struct profile_arg args[2] = {
		{0, PROFILE_OP_EQ, rnd(seed) % 64, 0},
		{1, PROFILE_OP_MASKED_EQ, 0xff, rnd(seed) % 0x100},
	};
	char note[64];

	switch (rnd(seed) % 5) {
	case 0:
	case 1:
		return profile_allow_syscall(p, name, NULL);
	case 2:
		return profile_allow_with_args(p, name, args, 1 + rnd(seed) % 2,
					       "accepted", NULL);
	case 3:
		snprintf(note, sizeof(note), "seccompdbg: note %lu",
			 rnd(seed) % 3);
		return profile_allow_syscall_noted(p, name, note, NULL);
	default:
		return profile_allow_arch(p, "SCMP_ARCH_X86_64",
					  rnd(seed) % 2 ? "SCMP_ARCH_X86"
							: "SCMP_ARCH_X32",
					  NULL);
	}
}

#define STEPS 40

/* STEPS random edits and undos of P, then everything undone. */
static void edit_and_undo(struct profile *p, const char *what,
			  unsigned long seed)
{
	char *before[STEPS + 1];
	size_t depth = 0, made = 0;
	int step;

	before[0] = xstrdup(p->text);
	for (step = 0; step < STEPS; step++) {
		size_t edits = profile_edits(p);

		if (depth && rnd(&seed) % 4 == 0) {
			REQUIRE(profile_undo(p) == 0);
			free(before[depth--]);
			if (strcmp(p->text, before[depth]))
				test_fail(
					__FILE__, __LINE__,
					"%s step %d: undo did not give back the bytes",
					what, step);
		} else if (random_edit(p, &seed) == 0 &&
			   profile_edits(p) > edits) {
			before[++depth] = xstrdup(p->text);
			made++;
			CHECK(profile_is_modified(p));
		}
		CHECK_INT(profile_edits(p), depth);
		check_fresh(p, what, step);
		check_diff(p, before[0], what, step);
	}
	if (made < STEPS / 4)
		test_fail(__FILE__, __LINE__, "%s: only %zu edits took", what,
			  made);
	while (depth) {
		REQUIRE(profile_undo(p) == 0);
		free(before[depth--]);
		check_fresh(p, what, -1);
	}
	CHECK_STR(p->text, before[0]);
	CHECK(!profile_is_modified(p));
	free(before[0]);
}

TEST(profile_random_edits_and_undos_on_real_profiles)
{
	size_t i;

	for (i = 0; i < tp_nfiles; i++) {
		struct profile *p;

		if (!tp_files[i].profile)
			continue;
		p = tp_load(tp_files[i].name);
		if (!p->unconfined && !profile_has_errors(p))
			edit_and_undo(p, tp_files[i].name, 1 + i);
		profile_free(p);
	}
}

TEST(profile_random_edits_and_undos_on_a_generated_profile)
{
	char *text = generate(3000, 12);
	struct profile *p = tp_parse(text, PROFILE_FORMAT_AUTO);

	CHECK_INT(p->nrules, 3000);
	CHECK(p->ndiags >= 600);
	edit_and_undo(p, "generated", 7);
	profile_free(p);
	free(text);
}

/* How many hunks DIFF has, and its '+' and '-' lines. */
static size_t hunks(const char *diff, size_t *plus, size_t *minus)
{
	const char *l;
	size_t n = 0;

	*plus = *minus = 0;
	for (l = diff; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : "") {
		if (!strncmp(l, "@@ ", 3))
			n++;
		else if (*l == '+' && strncmp(l, "+++ ", 4))
			(*plus)++;
		else if (*l == '-' && strncmp(l, "--- ", 4))
			(*minus)++;
	}
	return n;
}

/*
 * A name at the top of a profile of 60,000 lines and a rule at its end:
 * the diff is two hunks of those lines (it was the whole file replaced:
 * the lines between were too many to compare), the saved file is the
 * text, and undoing both gives the loaded bytes back.
 */
TEST(profile_edits_of_a_big_profile_diff_and_save)
{
	char *text = generate(3000, 0), dir[] = "/tmp/seccompdbg-test-XXXXXX";
	struct profile *p = tp_parse(text, PROFILE_FORMAT_AUTO);
	const struct profile_arg arg = {0, PROFILE_OP_EQ, 7, 0};
	struct strbuf diff = STRBUF_INIT;
	size_t plus, minus, len;
	char path[64], *saved;
	struct err err;

	REQUIRE(profile_allow_syscall(p, "openat", &err) == 0);
	REQUIRE(profile_allow_with_args(p, "personality", &arg, 1, "seven",
					&err) == 0);
	CHECK_INT(p->nrules, 3001);
	CHECK_STR(p->rules[0].names[0], "openat");
	CHECK_STR(p->rules[3000].names[0], "personality");
	profile_diff(p, &diff);
	CHECK_INT(hunks(strbuf_str(&diff), &plus, &minus), 2);
	/* the name; "}," and the new rule but its "}", which the last
	   rule's closing line matches */
	CHECK_INT(plus, 1 + 14);
	CHECK_INT(minus, 0);
	CHECK_CONTAINS(strbuf_str(&diff), "\n+\t\t\t\t\"openat\",\n");
	CHECK_CONTAINS(strbuf_str(&diff), "\n+\t\t\t\"comment\": \"seven\"\n");
	REQUIRE(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/p.json", dir);
	REQUIRE(profile_save(p, path, &err) == 0);
	REQUIRE(read_file(path, 64u << 20, &saved, &len, &err) == 0);
	CHECK(len == p->len && !memcmp(saved, p->text, len));
	free(saved);
	unlink(path);
	rmdir(dir);
	REQUIRE(profile_undo(p) == 0);
	REQUIRE(profile_undo(p) == 0);
	CHECK_STR(p->text, text);
	CHECK(!profile_is_modified(p));
	strbuf_reset(&diff);
	profile_diff(p, &diff);
	CHECK_STR(strbuf_str(&diff), "");
	strbuf_release(&diff);
	profile_free(p);
	free(text);
}

/* TEXT with every "\n" as SEP and every tab dropped (SEP "": one line). */
static char *reshape(const char *text, const char *sep)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	for (s = text; *s; s++) {
		if (*s == '\n')
			strbuf_adds(&sb, sep);
		else if (*s != '\t' || *sep)
			strbuf_addc(&sb, *s);
	}
	return strbuf_detach(&sb);
}

/*
 * The same on the shapes that move places differently: all on one line
 * (every diagnostic after an edit moves along the line), CRLF, and an
 * OCI config.json whose linux.seccomp is the profile (paths start
 * "linux.seccomp.").
 */
TEST(profile_random_edits_and_undos_on_other_shapes)
{
	char *text = generate(300, 6), *shaped;
	struct strbuf oci = STRBUF_INIT;
	struct profile *p;

	shaped = reshape(text, "");
	p = tp_parse(shaped, PROFILE_FORMAT_AUTO);
	edit_and_undo(p, "one line", 11);
	profile_free(p);
	free(shaped);
	shaped = reshape(text, "\r\n");
	p = tp_parse(shaped, PROFILE_FORMAT_AUTO);
	edit_and_undo(p, "crlf", 12);
	profile_free(p);
	free(shaped);
	strbuf_addf(&oci,
		    "{\n\t\"ociVersion\": \"1.0.2\",\n\t\"linux\": {\n"
		    "\t\t\"seccomp\": %s\t}\n}\n",
		    text);
	p = tp_parse(strbuf_str(&oci), PROFILE_FORMAT_AUTO);
	CHECK_INT(p->format, PROFILE_FORMAT_OCI);
	CHECK(p->ndiags > 0 &&
	      str_has_prefix(p->diags[0].path, "linux.seccomp."));
	edit_and_undo(p, "oci", 13);
	profile_free(p);
	strbuf_release(&oci);
	free(text);
}
