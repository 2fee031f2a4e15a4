// SPDX-License-Identifier: Apache-2.0
/*
 * Scanning the arguments of a call line for the parenthesis that closes
 * them, and reading the result after it. strace quotes and escapes every
 * string it prints, so skipping strings, comments and the -y/-Y
 * decorations and counting brackets is enough; no argument is decoded.
 */
#include <stdlib.h>
#include <string.h>

#include "seccompdbg/util.h"

#include "line.h"

/* The closing quote of the string opening at s[i], or n. */
static size_t skip_string(const char *s, size_t n, size_t i)
{
	for (i++; i < n; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '"')
			return i;
	}
	return n;
}

/*
 * A -y/-Y decoration "<...>" at s[i]: its closing '>', or n. Nested "<>"
 * (-yy devices: "</dev/pts/0<char 136:0>>") and "->" inside "[...]"
 * (sockets) are part of it; strace escapes '<' and '>' in paths.
 */
static size_t skip_decoration(const char *s, size_t n, size_t i)
{
	int angle = 0, square = 0;

	for (; i < n; i++) {
		char c = s[i];

		if (c == '\\')
			i++;
		else if (c == '[')
			square++;
		else if (c == ']' && square)
			square--;
		else if (!square && c == '<')
			angle++;
		else if (!square && c == '>' && --angle == 0)
			return i;
	}
	return n;
}

/*
 * From s[i], inside DEPTH open brackets: the index of the ')' that closes
 * the last one, or n when the line ends first.
 */
static size_t scan_close(const char *s, size_t n, size_t i, int depth)
{
	for (; i < n; i++) {
		switch (s[i]) {
		case '"':
			i = skip_string(s, n, i);
			break;
		case '/':
			if (i + 1 < n && s[i + 1] == '*') {
				const char *end =
					memmem(s + i + 2, n - i - 2, "*/", 2);

				i = end ? (size_t)(end - s) + 1 : n;
			}
			break;
		case '<':
			if (i > 0 && sl_is_word(s[i - 1]))
				i = skip_decoration(s, n, i);
			break;
		case '(':
		case '[':
		case '{':
			depth++;
			break;
		case ')':
		case ']':
		case '}':
			if (--depth == 0)
				return s[i] == ')' ? i : n;
			break;
		}
	}
	return n;
}

static void copy_err(struct sl_result *res, const char *s, size_t n)
{
	if (n >= sizeof(res->err))
		n = sizeof(res->err) - 1;
	memcpy(res->err, s, n);
	res->err[n] = '\0';
}

/* An errno name "ENOENT" at s[i]: its length, or 0. */
static size_t errname(const char *s, size_t n, size_t i)
{
	size_t j = i;

	if (j >= n || s[j] != 'E')
		return 0;
	while (j < n && (sl_is_digit(s[j]) || (s[j] >= 'A' && s[j] <= 'Z') ||
			 s[j] == '_'))
		j++;
	return j - i;
}

/* What follows "= ": false when it is not one of strace's results. */
static bool parse_result(const char *s, size_t n, size_t i,
			 struct sl_result *res)
{
	char num[32], *end;
	size_t j = i, len;

	if (sl_at(s, n, i, "?")) {
		res->kind = SL_RET_UNKNOWN;
		if (sl_at(s, n, i + 1, " <unavailable>")) {
			res->kind = SL_RET_UNAVAILABLE;
		} else if (sl_at(s, n, i + 1, " ERESTART")) {
			res->kind = SL_RET_RESTART;
			copy_err(res, s + i + 2, errname(s, n, i + 2));
		}
		return i + 1 == n || s[i + 1] == ' ';
	}
	if (j < n && s[j] == '-')
		j++;
	if (j >= n || !sl_is_digit(s[j]))
		return false;
	if (sl_at(s, n, j, "0x"))
		for (j += 2; j < n && sl_is_hex(s[j]); j++)
			;
	else
		j += sl_digits(s, n, j, NULL);
	len = j - i;
	if (len >= sizeof(num))
		return false;
	memcpy(num, s + i, len);
	num[len] = '\0';
	res->value = strtoll(num, &end, 0);
	if (*end)
		res->value = (long long)strtoull(num, &end, 0);
	if (*end || (j < n && s[j] != ' ' && s[j] != '<'))
		return false;
	res->kind = SL_RET_VALUE;
	if (res->value == -1 && (len = errname(s, n, j + 1))) {
		res->kind = SL_RET_ERROR;
		copy_err(res, s + j + 1, len);
	} else if (res->value == -1 && sl_at(s, n, j, " (errno ")) {
		long e;
		size_t nd = sl_digits(s, n, j + 8, &e);

		res->kind = SL_RET_ERROR;
		if (nd && strerrorname_np((int)e))
			copy_err(res, strerrorname_np((int)e),
				 strlen(strerrorname_np((int)e)));
	}
	return true;
}

/*
 * "TEXT N SUFFIX" at the end of s[0..n) with TEXT = "strace: Process "
 * and SUFFIX = " attached" (strace's message glued to an open clone line)
 * or TEXT = " <pid changed to " and SUFFIX = " ...>" (a thread's execve
 * line, resumed under the leader's pid): N, and the start of TEXT in
 * *at; 0 when the line does not end so.
 */
static long pid_suffix(const char *s, size_t n, const char *text,
		       const char *suffix, size_t *at)
{
	size_t i, len = strlen(text);
	long pid;

	if (!sl_ends_with(s, n, suffix))
		return 0;
	n -= strlen(suffix);
	for (i = n; i > 0 && sl_is_digit(s[i - 1]); i--)
		;
	if (i == n || i < len || memcmp(s + i - len, text, len))
		return 0;
	sl_digits(s, n, i, &pid);
	*at = i - len;
	return pid;
}

/*
 * The arguments and end of a call from s[i], inside DEPTH brackets.
 * False when the text cannot be strace's.
 */
bool sl_parse_tail(const char *s, size_t n, size_t i, int depth,
		   struct sl_line *out)
{
	static const char *const ends[] = {" <unfinished ...>",
					   " <detached ...>"};
	static const enum sl_state states[] = {SL_UNFINISHED, SL_DETACHED};
	size_t close, r, k;

	out->res.kind = SL_RET_NONE;
	for (k = 0; k < ARRAY_SIZE(ends); k++) {
		size_t len = strlen(ends[k]);

		if (sl_ends_with(s, n, ends[k]) && n - len >= i) {
			out->state = states[k];
			out->args = (struct sl_span){s + i, n - len - i};
			return true;
		}
	}
	out->value = pid_suffix(s, n, " <pid changed to ", " ...>", &r);
	if (out->value && r >= i) {
		out->state = SL_UNFINISHED;
		out->args = (struct sl_span){s + i, r - i};
		return true;
	}
	close = scan_close(s, n, i, depth);
	out->args = (struct sl_span){s + i, (close < n ? close : n) - i};
	out->state = SL_OPEN;
	if (close == n) {
		out->value =
			pid_suffix(s, n, "strace: Process ", " attached", &r);
		return true;
	}
	for (r = close + 1; r < n && s[r] == ' '; r++)
		;
	if (!sl_at(s, n, r, "= "))
		return true; /* program output after a ')': still open */
	out->state = SL_COMPLETE;
	return parse_result(s, n, r + 2, &out->res);
}
