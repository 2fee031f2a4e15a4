// SPDX-License-Identifier: Apache-2.0
/*
 * A unified diff of two texts, line by line, with three lines of context:
 * what profile_diff shows of the edits made so far. Edits are small and
 * local, so the lines both texts share at the start and the end are cut
 * first and the longest common subsequence is taken of the rest (above
 * a size bound the rest is shown as replaced, which is still correct).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define CONTEXT	  3
#define MAX_CELLS (4u << 20)

struct line {
	const char *s;
	size_t len; /* with its '\n', if it has one */
};

struct op {
	char type;   /* ' ', '-', '+' */
	size_t a, b; /* line indexes in the two texts */
};

static size_t split(const char *text, size_t len, struct line **out)
{
	size_t n = 0, cap = 0, i = 0;

	*out = NULL;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;

		xgrow(out, &cap, n + 1, sizeof(**out));
		(*out)[n++] = (struct line){text + i, end - i};
		i = end;
	}
	return n;
}

static bool same(const struct line *x, const struct line *y)
{
	return x->len == y->len && !memcmp(x->s, y->s, x->len);
}

static void push(struct op **ops, size_t *n, size_t *cap, char type, size_t a,
		 size_t b)
{
	xgrow(ops, cap, *n + 1, sizeof(**ops));
	(*ops)[(*n)++] = (struct op){type, a, b};
}

/* The edit script of A[a0, a1) -> B[b0, b1) by longest common subsequence. */
static void middle(const struct line *A, size_t a0, size_t a1,
		   const struct line *B, size_t b0, size_t b1, struct op **ops,
		   size_t *n, size_t *cap)
{
	size_t ma = a1 - a0, mb = b1 - b0, i, j;
	uint32_t *L;

	if ((ma + 1) * (mb + 1) > MAX_CELLS) {
		for (i = a0; i < a1; i++)
			push(ops, n, cap, '-', i, b0);
		for (j = b0; j < b1; j++)
			push(ops, n, cap, '+', a1, j);
		return;
	}
	/* L[i][j]: the LCS length of A[a0+i..] and B[b0+j..] */
	L = xcalloc((ma + 1) * (mb + 1), sizeof(*L));
	for (i = ma; i-- > 0;)
		for (j = mb; j-- > 0;)
			L[i * (mb + 1) + j] =
				same(&A[a0 + i], &B[b0 + j])
					? L[(i + 1) * (mb + 1) + j + 1] + 1
				: L[(i + 1) * (mb + 1) + j] >
						L[i * (mb + 1) + j + 1]
					? L[(i + 1) * (mb + 1) + j]
					: L[i * (mb + 1) + j + 1];
	for (i = 0, j = 0; i < ma || j < mb;) {
		/* removals before additions, as diff(1) shows them */
		if (i < ma && j < mb && same(&A[a0 + i], &B[b0 + j]))
			push(ops, n, cap, ' ', a0 + i++, b0 + j++);
		else if (i < ma && (j == mb || L[(i + 1) * (mb + 1) + j] >=
						       L[i * (mb + 1) + j + 1]))
			push(ops, n, cap, '-', a0 + i++, b0 + j);
		else
			push(ops, n, cap, '+', a0 + i, b0 + j++);
	}
	free(L);
}

static void emit_line(const struct line *l, char type, struct strbuf *out)
{
	strbuf_addc(out, type);
	strbuf_add(out, l->s, l->len);
	if (!l->len || l->s[l->len - 1] != '\n')
		strbuf_adds(out, "\n\\ No newline at end of file\n");
}

/* "start,count" of a hunk side; an empty side names the line before. */
static void range(struct strbuf *out, size_t first, size_t count)
{
	strbuf_addf(out, "%zu,%zu", count ? first + 1 : first, count);
}

static void emit_hunk(const struct op *ops, size_t from, size_t to,
		      const struct line *A, const struct line *B,
		      struct strbuf *out)
{
	size_t i, na = 0, nb = 0;

	for (i = from; i < to; i++) {
		na += ops[i].type != '+';
		nb += ops[i].type != '-';
	}
	strbuf_adds(out, "@@ -");
	range(out, ops[from].a, na);
	strbuf_adds(out, " +");
	range(out, ops[from].b, nb);
	strbuf_adds(out, " @@\n");
	for (i = from; i < to; i++)
		emit_line(ops[i].type == '+' ? &B[ops[i].b] : &A[ops[i].a],
			  ops[i].type, out);
}

static void emit(const struct op *ops, size_t n, const struct line *A,
		 const struct line *B, struct strbuf *out)
{
	size_t i = 0, start, end, last;

	while (i < n) {
		while (i < n && ops[i].type == ' ')
			i++;
		if (i == n)
			break;
		start = i > CONTEXT ? i - CONTEXT : 0;
		/* extend over changes closer than two contexts apart */
		for (last = i; i < n; i++) {
			if (ops[i].type != ' ')
				last = i;
			else if (i - last > 2 * CONTEXT)
				break;
		}
		end = last + 1 + CONTEXT < n ? last + 1 + CONTEXT : n;
		emit_hunk(ops, start, end, A, B, out);
		i = end;
	}
}

/* Where the line that holds offset AT starts (an index into L). */
static size_t line_of(const struct line *l, size_t n, const char *text,
		      size_t at)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((size_t)(l[mid].s - text) + l[mid].len <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Region R as whole lines of both texts: from the line that holds its
 * start to the line after the one that holds its end. Both ends lie in
 * text the texts share, so the lines outside are equal pairs.
 */
static void region_lines(const struct profile_diff_region *r,
			 const struct line *A, size_t na, const char *a,
			 const struct line *B, size_t nb, const char *b,
			 size_t out[4])
{
	out[0] = line_of(A, na, a, r->a0);
	out[2] = line_of(B, nb, b, r->b0);
	out[1] = line_of(A, na, a, r->a1) + 1;
	out[3] = line_of(B, nb, b, r->b1) + 1;
	if (out[1] > na)
		out[1] = na;
	if (out[3] > nb)
		out[3] = nb;
}

/* Lines [a0, a1) and [b0, b1), equal pairs: kept as context where they
   may be shown, skipped in the middle of a long run. */
static void same_run(size_t a0, size_t a1, size_t b0, struct op **ops,
		     size_t *n, size_t *cap)
{
	size_t i;

	for (i = a0; i < a1; i++)
		if (i - a0 <= CONTEXT || a1 - i <= CONTEXT + 1)
			push(ops, n, cap, ' ', i, b0 + (i - a0));
}

/* Lines [a0, a1) -> [b0, b1): common ends cut, the rest by LCS. */
static void changed_run(const struct line *A, size_t a0, size_t a1,
			const struct line *B, size_t b0, size_t b1,
			struct op **ops, size_t *n, size_t *cap)
{
	size_t pre = 0, suf = 0;

	while (a0 + pre < a1 && b0 + pre < b1 &&
	       same(&A[a0 + pre], &B[b0 + pre]))
		pre++;
	while (suf < a1 - a0 - pre && suf < b1 - b0 - pre &&
	       same(&A[a1 - 1 - suf], &B[b1 - 1 - suf]))
		suf++;
	same_run(a0, a0 + pre, b0, ops, n, cap);
	middle(A, a0 + pre, a1 - suf, B, b0 + pre, b1 - suf, ops, n, cap);
	same_run(a1 - suf, a1, b1 - suf, ops, n, cap);
}

void profile_diff_regions(const char *name, const char *a, size_t alen,
			  const char *b, size_t blen,
			  const struct profile_diff_region *r, size_t nr,
			  struct strbuf *out)
{
	struct line *A, *B;
	size_t na = split(a, alen, &A), nb = split(b, blen, &B);
	size_t n = 0, cap = 0, la = 0, lb = 0, i, cur[4], next[4];
	struct op *ops = NULL;
	bool changed = false;

	for (i = 0; i < nr; i++) {
		region_lines(&r[i], A, na, a, B, nb, b, cur);
		/* regions whose lines meet are one */
		while (i + 1 < nr) {
			region_lines(&r[i + 1], A, na, a, B, nb, b, next);
			if (next[0] > cur[1] && next[2] > cur[3])
				break;
			cur[1] = next[1] > cur[1] ? next[1] : cur[1];
			cur[3] = next[3] > cur[3] ? next[3] : cur[3];
			i++;
		}
		same_run(la, cur[0], lb, &ops, &n, &cap);
		changed_run(A, cur[0], cur[1], B, cur[2], cur[3], &ops, &n,
			    &cap);
		la = cur[1];
		lb = cur[3];
	}
	same_run(la, na, lb, &ops, &n, &cap);
	for (i = 0; i < n && !changed; i++)
		changed = ops[i].type != ' ';
	if (changed) {
		strbuf_addf(out, "--- %s\n+++ %s\n", name, name);
		emit(ops, n, A, B, out);
	}
	free(ops);
	free(A);
	free(B);
}

void profile_diff_texts(const char *name, const char *a, size_t alen,
			const char *b, size_t blen, struct strbuf *out)
{
	struct profile_diff_region all = {0, alen, 0, blen};

	profile_diff_regions(name, a, alen, b, blen, &all, 1, out);
}
