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

void profile_diff_texts(const char *name, const char *a, size_t alen,
			const char *b, size_t blen, struct strbuf *out)
{
	struct line *A, *B;
	size_t na = split(a, alen, &A), nb = split(b, blen, &B);
	size_t pre = 0, suf = 0, n = 0, cap = 0, i;
	struct op *ops = NULL;

	while (pre < na && pre < nb && same(&A[pre], &B[pre]))
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	       same(&A[na - 1 - suf], &B[nb - 1 - suf]))
		suf++;
	if (pre == na && pre == nb)
		goto out;
	for (i = 0; i < pre; i++)
		push(&ops, &n, &cap, ' ', i, i);
	middle(A, pre, na - suf, B, pre, nb - suf, &ops, &n, &cap);
	for (i = 0; i < suf; i++)
		push(&ops, &n, &cap, ' ', na - suf + i, nb - suf + i);
	strbuf_addf(out, "--- %s\n+++ %s\n", name, name);
	emit(ops, n, A, B, out);
out:
	free(ops);
	free(A);
	free(B);
}
