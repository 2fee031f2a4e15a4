// SPDX-License-Identifier: Apache-2.0
/*
 * What a plain YAML scalar means. Kubernetes reads YAML with go-yaml v2
 * (through sigs.k8s.io/yaml), which follows YAML 1.1: besides null and
 * numbers, yes/no/on/off (and y/n) are bools. Both the reader (to type
 * what it reads) and the writer (to quote strings that would otherwise
 * read as something else) ask this one function.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

static bool is_one_of(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == n && !memcmp(*words, s, n))
			return true;
	return false;
}

static int digit_value(char c, unsigned base)
{
	unsigned v;

	if (c >= '0' && c <= '9')
		v = (unsigned)(c - '0');
	else if (c >= 'a' && c <= 'f')
		v = (unsigned)(c - 'a' + 10);
	else if (c >= 'A' && c <= 'F')
		v = (unsigned)(c - 'A' + 10);
	else
		return -1;
	return v < base ? (int)v : -1;
}

/* Digits (and YAML 1.1's "_" separators) in BASE; false if none or other
   characters. *rc gets -ERANGE past 64 bits. */
static bool parse_digits(const char *s, size_t n, unsigned base, uint64_t *mag,
			 int *rc)
{
	size_t i, digits = 0;
	int d;

	*mag = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '_')
			continue;
		d = digit_value(s[i], base);
		if (d < 0)
			return false;
		if (*mag > (UINT64_MAX - (uint64_t)d) / base)
			*rc = -ERANGE;
		*mag = *mag * base + (uint64_t)d;
		digits++;
	}
	return digits > 0;
}

static bool is_int(const char *s, size_t n, bool *neg, uint64_t *mag, int *rc)
{
	*neg = n && s[0] == '-';
	if (n && (s[0] == '-' || s[0] == '+'))
		s++, n--;
	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return parse_digits(s + 2, n - 2, 16, mag, rc);
	if (n > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
		return parse_digits(s + 2, n - 2, 2, mag, rc);
	if (n > 1 && s[0] == '0')
		return parse_digits(s + 1, n - 1, 8, mag, rc);
	return n && s[0] != '_' && parse_digits(s, n, 10, mag, rc);
}

/* [-+]?(.D+|D+(.D*)?)([eE][-+]?D+)? with at least a point or exponent. */
static bool is_float(const char *s, size_t n)
{
	size_t i = 0, before = 0, after = 0, exp = 0;
	bool point = false;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	for (; i < n && (s[i] >= '0' && s[i] <= '9'); i++)
		before++;
	if (i < n && s[i] == '.') {
		point = true;
		for (i++; i < n && (s[i] >= '0' && s[i] <= '9'); i++)
			after++;
	}
	if (!before && !after)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		for (; i < n && (s[i] >= '0' && s[i] <= '9'); i++)
			exp++;
		if (!exp)
			return false;
	}
	return i == n && (point || exp);
}

enum doc_scalar doc_scalar_resolve(const char *s, size_t n, bool *neg,
				   uint64_t *mag, int *rc)
{
	static const char *const nulls[] = {"~", "null", "Null", "NULL", NULL};
	static const char *const trues[] = {"y",   "Y",	   "yes",  "Yes",
					    "YES", "true", "True", "TRUE",
					    "on",  "On",   "ON",   NULL};
	static const char *const falses[] = {"n",   "N",     "no",    "No",
					     "NO",  "false", "False", "FALSE",
					     "off", "Off",   "OFF",   NULL};
	static const char *const special[] = {
		".inf",	 ".Inf",  ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
		"-.Inf", "-.INF", ".nan", ".NaN",  ".NAN",  NULL};

	*rc = 0;
	if (n == 0 || is_one_of(s, n, nulls))
		return DOC_SCALAR_NULL;
	if (is_one_of(s, n, trues))
		return DOC_SCALAR_TRUE;
	if (is_one_of(s, n, falses))
		return DOC_SCALAR_FALSE;
	if (is_int(s, n, neg, mag, rc))
		return DOC_SCALAR_INT;
	*rc = 0;
	if (is_float(s, n) || is_one_of(s, n, special))
		return DOC_SCALAR_FLOAT;
	return DOC_SCALAR_STRING;
}
