// SPDX-License-Identifier: Apache-2.0
/*
 * The grammar of one strace line. strace builds every line the same way
 * (printleader in its strace.c): an optional pid ("[pid %5u] " on stderr,
 * "%-5u " in a -f -o file, either followed by "<comm>" with -Y), optional
 * timestamps (-t/-tt/-ttt and -r), an optional "[%4u] " syscall number
 * (-n) and "[%016lx] " instruction pointer (-i), then the event. The pid
 * forms are matched with strace's exact padding: a program that prints
 * "[pid 1] open(...)" does not pass for strace.
 * Argument lists are scanned by scan.c.
 */
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/util.h"

#include "line.h"

/* "<comm>" of -Y at s[i] == '<': the index after its '>', or 0. */
static size_t skip_comm(const char *s, size_t n, size_t i)
{
	for (i++; i < n; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '>')
			return i + 1;
	}
	return 0;
}

/* "[pid %5u] " or "[pid %5u<comm>] ": the index after it, or 0. */
static size_t pfx_bracket(const char *s, size_t n, struct sl_line *out)
{
	size_t i = 5, sp = 0, nd;
	long pid;

	if (!sl_at(s, n, 0, "[pid "))
		return 0;
	while (i < n && s[i] == ' ')
		i++, sp++;
	nd = sl_digits(s, n, i, &pid);
	if (!nd || nd > 7 || sp != (nd < 5 ? 5 - nd : 0) || !pid)
		return 0;
	i += nd;
	if (i < n && s[i] == '<' && !(i = skip_comm(s, n, i)))
		return 0;
	if (!sl_at(s, n, i, "] "))
		return 0;
	out->pid = pid;
	out->style = SL_PFX_BRACKET;
	return i + 2;
}

/* "%-5u " or "%u<comm> " (-f -o FILE): the index after it, or 0. */
static size_t pfx_column(const char *s, size_t n, struct sl_line *out)
{
	size_t i, nd, pad;
	long pid;

	nd = sl_digits(s, n, 0, &pid);
	if (!nd || nd > 7 || !pid)
		return 0;
	i = nd;
	if (i < n && s[i] == '<') {
		if (!(i = skip_comm(s, n, i)) || !sl_at(s, n, i, " "))
			return 0;
		i++;
	} else {
		/* Padding to five columns, then one space; more spaces may
		 * follow when a right-aligned -r timestamp comes next. */
		for (pad = (nd < 5 ? 5 - nd : 0) + 1; pad; pad--, i++)
			if (i >= n || s[i] != ' ')
				return 0;
	}
	out->pid = pid;
	out->style = SL_PFX_COLUMN;
	return i;
}

/*
 * One timestamp at s[i]: "12:34:56[.frac] " (-t, -tt), "1700000000.123 "
 * (-ttt), "     0.000123 " (-r), "(+     0.000123) " (-t with -r) or a
 * bare epoch of 8+ digits. Returns the index after it, or i.
 */
static size_t pfx_time(const char *s, size_t n, size_t i)
{
	size_t j = i, nd;
	bool rel = false;

	while (j < n && s[j] == ' ')
		j++;
	if (sl_at(s, n, j, "(+")) {
		rel = true;
		for (j += 2; j < n && s[j] == ' '; j++)
			;
	}
	if (j + 8 <= n && sl_is_digit(s[j]) && sl_is_digit(s[j + 1]) &&
	    s[j + 2] == ':' && sl_is_digit(s[j + 3]) && sl_is_digit(s[j + 4]) &&
	    s[j + 5] == ':' && sl_is_digit(s[j + 6]) && sl_is_digit(s[j + 7])) {
		nd = 8;
		j += 8;
	} else {
		nd = sl_digits(s, n, j, NULL);
		j += nd;
	}
	if (!nd)
		return i;
	if (j < n && s[j] == '.') {
		size_t frac = sl_digits(s, n, j + 1, NULL);

		if (!frac)
			return i;
		j += 1 + frac;
	} else if (nd < 8) {
		return i;
	}
	if (rel && !sl_at(s, n, j++, ")"))
		return i;
	return sl_at(s, n, j, " ") ? j + 1 : i;
}

/* "[  59] " (-n) and "[00007f2d9d4b8ad7] " (-i): the index after them. */
static size_t pfx_brackets(const char *s, size_t n, size_t i,
			   struct sl_line *out)
{
	int k;

	for (k = 0; k < 2 && i < n && s[i] == '['; k++) {
		size_t j = i + 1, len, hex = 0, q = 0, sp = 0, nd;
		long nr;

		while (j < n && s[j] != ']' && j - i < 24)
			j++;
		if (j >= n || s[j] != ']' || !sl_at(s, n, j + 1, " "))
			break;
		len = j - i - 1;
		for (size_t m = i + 1; m < j; m++) {
			hex += sl_is_hex(s[m]);
			q += s[m] == '?';
		}
		if ((len == 8 || len == 16) && (hex == len || q == len)) {
			i = j + 2; /* -i */
			continue;
		}
		while (i + 1 + sp < j && s[i + 1 + sp] == ' ')
			sp++;
		nd = sl_digits(s, j, i + 1 + sp, &nr);
		if (q == len && len) {
			nr = -1;
		} else if (!nd || sp + nd != len) {
			break;
		}
		out->nr = nr;
		i = j + 2;
	}
	return i;
}

/* A name at s[i] ending before END: its length, or 0. */
static size_t name_len(const char *s, size_t n, size_t i, char end)
{
	size_t j = i;

	if (j >= n || !sl_is_name_start(s[j]))
		return 0;
	while (j < n && sl_is_name_char(s[j]) && j - i <= SL_NAME_MAX)
		j++;
	return j - i <= SL_NAME_MAX && j < n && s[j] == end ? j - i : 0;
}

static void parse_call(const char *s, size_t n, size_t i, struct sl_line *out)
{
	size_t len = name_len(s, n, i, '(');

	if (!len)
		return;
	out->name = (struct sl_span){s + i, len};
	if (sl_parse_tail(s, n, i + len + 1, 1, out))
		out->kind = SL_CALL;
}

/* "<... NAME resumed>REST" */
static void parse_resumed(const char *s, size_t n, size_t i,
			  struct sl_line *out)
{
	size_t len = name_len(s, n, i + 5, ' ');

	if (!len || !sl_at(s, n, i + 5 + len, " resumed>"))
		return;
	out->name = (struct sl_span){s + i + 5, len};
	if (sl_parse_tail(s, n, i + 5 + len + 9, 1, out))
		out->kind = SL_RESUMED;
}

/* The value of "KEY=" up to ',' or '}' in s[i..n). */
static struct sl_span field(const char *s, size_t n, size_t i, const char *key)
{
	const char *p = memmem(s + i, n - i, key, strlen(key));
	size_t j, k;

	if (!p)
		return (struct sl_span){NULL, 0};
	j = k = (size_t)(p - s) + strlen(key);
	while (k < n && s[k] != ',' && s[k] != '}' && s[k] != ' ')
		k++;
	return (struct sl_span){s + j, k - j};
}

/* "--- SIGCHLD {...} ---" or "--- stopped by SIGSTOP ---" */
static void parse_signal(const char *s, size_t n, size_t i, struct sl_line *out)
{
	size_t j;

	if (!sl_ends_with(s, n, " ---") || n - i < 8)
		return;
	i += 4;
	if (sl_at(s, n, i, "stopped by "))
		i += strlen("stopped by ");
	for (j = i; j < n && sl_is_word(s[j]); j++)
		;
	if (!sl_at(s, n, i, "SIG") || j == i)
		return;
	out->kind = SL_SIGNAL;
	out->name = (struct sl_span){s + i, j - i};
	if (out->name.n == 6 && !memcmp(out->name.p, "SIGSYS", 6)) {
		out->seccomp =
			memmem(s + j, n - j, "si_code=SYS_SECCOMP", 19) != NULL;
		out->si_syscall = field(s, n, j, "si_syscall=");
		out->si_arch = field(s, n, j, "si_arch=");
	}
}

/* "+++ exited with N +++", "+++ killed by SIGX [(core dumped) ]+++",
 * "+++ superseded by execve in pid N +++" */
static void parse_exit(const char *s, size_t n, size_t i, struct sl_line *out)
{
	size_t j;

	if (!sl_ends_with(s, n, " +++"))
		return;
	if (sl_at(s, n, i, "+++ exited with ")) {
		j = i + 16;
		size_t nd = sl_digits(s, n, j, &out->value);

		if (nd && j + nd + 4 == n)
			out->kind = SL_EXITED;
	} else if (sl_at(s, n, i, "+++ killed by SIG")) {
		for (j = i + 14; j < n && sl_is_word(s[j]); j++)
			;
		out->name = (struct sl_span){s + i + 14, j - i - 14};
		out->core = sl_at(s, n, j, " (core dumped)");
		out->kind = SL_KILLED;
	} else if (sl_at(s, n, i, "+++ superseded by execve in pid ")) {
		if (sl_digits(s, n, i + 32, &out->value))
			out->kind = SL_SUPERSEDED;
	}
}

/* "[ Process PID=N runs in MODE mode. ]" */
static void parse_personality(const char *s, size_t n, size_t i,
			      struct sl_line *out)
{
	size_t nd, j;

	if (!sl_ends_with(s, n, " mode. ]"))
		return;
	nd = sl_digits(s, n, i + 14, &out->value);
	j = i + 14 + nd;
	if (!nd || !sl_at(s, n, j, " runs in ") || n - 8 < j + 9)
		return;
	out->mode = (struct sl_span){s + j + 9, n - 8 - (j + 9)};
	out->kind = SL_PERSONALITY;
}

static void parse_strace(const char *s, size_t n, size_t i, struct sl_line *out)
{
	size_t nd;

	out->kind = SL_STRACE;
	out->msg = SL_MSG_OTHER;
	i += strlen("strace: ");
	if (!sl_at(s, n, i, "Process "))
		return;
	nd = sl_digits(s, n, i + 8, &out->value);
	if (!nd)
		return;
	if (sl_at(s, n, i + 8 + nd, " attached"))
		out->msg = SL_MSG_ATTACHED;
	else if (sl_at(s, n, i + 8 + nd, " detached"))
		out->msg = SL_MSG_DETACHED;
}

/*
 * The -c / -C table: its header, rulers, "System call usage summary for
 * 32 bit mode:", and rows of numbers ending with a syscall name.
 */
static bool is_summary(const char *s, size_t n)
{
	size_t i = 0, numbers = 0;

	if (sl_at(s, n, 0, "% time ") ||
	    sl_at(s, n, 0, "System call usage summary"))
		return true;
	if (sl_at(s, n, 0, "------ ")) {
		while (i < n && (s[i] == '-' || s[i] == ' '))
			i++;
		return i == n;
	}
	for (;;) {
		size_t j;

		while (i < n && s[i] == ' ')
			i++;
		for (j = i; j < n && (sl_is_digit(s[j]) || s[j] == '.'); j++)
			;
		if (j == i || j == n || s[j] != ' ')
			break;
		numbers++;
		i = j;
	}
	if (numbers < 3 || i >= n)
		return false;
	while (i < n && sl_is_name_char(s[i]))
		i++;
	return i == n;
}

void sl_parse(const char *s, size_t n, struct sl_line *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->nr = -1;
	if (sl_at(s, n, 0, " > ")) {
		out->kind = SL_STACK; /* -k prints no prefix on these */
		return;
	}
	i = pfx_bracket(s, n, out);
	if (!i)
		i = pfx_column(s, n, out);
	i = pfx_time(s, n, i);
	i = pfx_time(s, n, i);
	i = pfx_brackets(s, n, i, out);
	if (i == n || strspn(s + i, " ") == n - i) {
		out->kind = SL_BLANK;
	} else if (sl_at(s, n, i, "<... ")) {
		parse_resumed(s, n, i, out);
	} else if (sl_at(s, n, i, "--- ")) {
		parse_signal(s, n, i, out);
	} else if (sl_at(s, n, i, "+++ ")) {
		parse_exit(s, n, i, out);
	} else if (sl_at(s, n, i, "[ Process PID=")) {
		parse_personality(s, n, i, out);
	} else if (sl_at(s, n, i, "strace: ") && !out->pid) {
		parse_strace(s, n, i, out);
	} else if (!out->pid && is_summary(s, n)) {
		out->kind = SL_SUMMARY;
	} else {
		parse_call(s, n, i, out);
	}
}

bool sl_parse_continuation(const char *s, size_t n, struct sl_line *out)
{
	struct sl_line tmp = {.kind = SL_CALL};

	if (!sl_parse_tail(s, n, 0, 1, &tmp) || tmp.state == SL_OPEN)
		return false;
	out->state = tmp.state;
	out->res = tmp.res;
	return true;
}

bool sl_name_is_number(const char *name, long *nr)
{
	char *end;
	unsigned long long v;

	if (!str_has_prefix(name, "syscall_") || !sl_is_digit(name[8]))
		return false;
	v = strtoull(name + 8, &end, name[9] == 'x' ? 16 : 10);
	if (*end || v > 0x7fffffff)
		return false;
	*nr = (long)v;
	return true;
}
