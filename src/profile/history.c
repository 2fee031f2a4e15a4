// SPDX-License-Identifier: Apache-2.0
/*
 * The edit history: what undo takes back, whether the text differs from
 * the text as loaded, and that text again for the diff.
 *
 * Each change is kept as the splice it was: where, the bytes it took out
 * and how many it put in. An undo step is the changes of one edit, taken
 * back in reverse order. So the history costs what the edits changed,
 * not a copy of the text per edit (a 20 MB profile with 43 edits kept
 * 44 copies), and the loaded text is not kept at all: its length and
 * hash say whether the text is back to it, and the diff rebuilds it from
 * the text by undoing every change on a copy.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* One splice as it was made: [start, start + ninserted) of the text
   after it held REMOVED before it. */
struct profile_change {
	size_t start;
	char *removed;
	size_t nremoved, ninserted;
};

struct profile_history {
	size_t loaded_len;
	uint64_t loaded_hash;
	struct profile_change *changes;
	size_t nchanges, changes_cap;
	size_t *steps; /* per undo step: its first change */
	size_t nsteps, steps_cap;
};

void profile_history_free(struct profile_history *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < h->nchanges; i++)
		free(h->changes[i].removed);
	free(h->changes);
	free(h->steps);
	free(h);
}

static char *memdup0(const char *s, size_t len)
{
	char *copy = xmalloc(len + 1);

	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

static struct profile_history *history(struct profile *p)
{
	struct profile_history *h = p->layout->history;

	if (!h) {
		h = xcalloc(1, sizeof(*h));
		h->loaded_len = p->len;
		h->loaded_hash = hmap_hash_bytes(p->text, p->len);
		p->layout->history = h;
	}
	return h;
}

static const struct profile_history *history_of(const struct profile *p)
{
	return p->layout ? p->layout->history : NULL;
}

/* Take back changes [FROM, nchanges), the last first. */
static int revert(struct profile *p, size_t from, struct err *err)
{
	struct profile_history *h = history(p);
	int rc = 0;

	while (h->nchanges > from) {
		struct profile_change *c = &h->changes[h->nchanges - 1];

		rc = profile_text_apply(p, c->start, c->start + c->ninserted,
					c->removed, c->nremoved, err);
		if (rc < 0)
			break;
		free(c->removed);
		h->nchanges--;
	}
	return rc;
}

void profile_edit_begin(struct profile *p, struct profile_edit *ed)
{
	ed->first = history(p)->nchanges;
}

/* Splice SP (released) into the text as one more change of the edit. */
static int change(struct profile *p, size_t start, size_t end, const char *ins,
		  size_t nins, struct err *err)
{
	struct profile_history *h = history(p);
	struct profile_change c = {
		.start = start,
		.removed = memdup0(p->text + start, end - start),
		.nremoved = end - start,
		.ninserted = nins,
	};
	int rc;

	rc = profile_text_apply(p, start, end, ins, nins, err);
	if (rc < 0) {
		free(c.removed);
		return rc;
	}
	xgrow(&h->changes, &h->changes_cap, h->nchanges + 1,
	      sizeof(*h->changes));
	h->changes[h->nchanges++] = c;
	return 0;
}

int profile_edit_splice(struct profile *p, struct profile_splice *sp,
			struct err *err)
{
	int rc = change(p, sp->start, sp->end, sp->text.buf, sp->text.len, err);

	strbuf_release(&sp->text);
	if (rc < 0)
		err_prefix(err, "%s: internal error: an edit made bad JSON",
			   p->file);
	return rc < 0 ? -EIO : 0;
}

/*
 * Did changes [FROM, nchanges) leave the text as it was? The bytes no
 * change touched are the same on both sides: compare what lies between
 * them, the old side rebuilt from the new by undoing the changes.
 */
static bool is_noop(const struct profile *p, const struct profile_history *h,
		    size_t from)
{
	size_t lo = p->len, suf = p->len, len = p->len, old_len, i;
	struct strbuf old = STRBUF_INIT;
	bool same;

	for (i = h->nchanges; i-- > from;) {
		const struct profile_change *c = &h->changes[i];
		size_t tail = len - c->start - c->ninserted;

		lo = c->start < lo ? c->start : lo;
		suf = tail < suf ? tail : suf;
		len = len - c->ninserted + c->nremoved; /* before C */
	}
	old_len = len;
	if (old_len != p->len)
		return false;
	strbuf_add(&old, p->text + lo, p->len - lo - suf);
	for (i = h->nchanges; i-- > from;) {
		const struct profile_change *c = &h->changes[i];

		strbuf_splice(&old, c->start - lo, c->ninserted, c->removed,
			      c->nremoved);
	}
	same = !memcmp(old.buf, p->text + lo, old.len);
	strbuf_release(&old);
	return same;
}

/* A generated profile keeps json-c's layout (create.c) after edits. */
static int relayout(struct profile *p, struct err *err)
{
	size_t pre = 0, suf = 0, len;
	char *text;
	int rc;

	rc = profile_relayout(p, &text, &len, err);
	if (rc == 0) {
		/* one change: what lies between the common ends */
		while (pre < len && pre < p->len && text[pre] == p->text[pre])
			pre++;
		while (suf < len - pre && suf < p->len - pre &&
		       text[len - 1 - suf] == p->text[p->len - 1 - suf])
			suf++;
		rc = change(p, pre, p->len - suf, text + pre, len - pre - suf,
			    err);
		free(text);
	}
	if (rc < 0)
		err_prefix(err, "%s: internal error: laying the edit out",
			   p->file);
	return rc;
}

int profile_edit_end(struct profile *p, struct profile_edit *ed, bool ok,
		     struct err *err)
{
	struct profile_history *h = history(p);

	if (!ok) {
		/* it parsed before the edit: it parses again */
		if (revert(p, ed->first, NULL) < 0)
			abort();
		return err_set(err, EIO,
			       "%s: internal error: the edit did not take",
			       p->file);
	}
	if (is_noop(p, h, ed->first)) {
		/* the text is as it was, and so is the model read from it */
		while (h->nchanges > ed->first)
			free(h->changes[--h->nchanges].removed);
		return 0;
	}
	if (p->generated && relayout(p, err) < 0) {
		if (revert(p, ed->first, NULL) < 0)
			abort();
		return -EIO;
	}
	xgrow(&h->steps, &h->steps_cap, h->nsteps + 1, sizeof(*h->steps));
	h->steps[h->nsteps++] = ed->first;
	return 0;
}

int profile_undo(struct profile *p)
{
	struct profile_history *h = p->layout ? p->layout->history : NULL;

	if (!h || !h->nsteps)
		return -ENOENT;
	/* it parsed before it was edited: it parses again */
	if (revert(p, h->steps[--h->nsteps], NULL) < 0)
		abort();
	return 0;
}

size_t profile_edits(const struct profile *p)
{
	const struct profile_history *h = history_of(p);

	return h ? h->nsteps : 0;
}

bool profile_is_modified(const struct profile *p)
{
	const struct profile_history *h = history_of(p);

	/* a step always changed the text; steps may still cancel out */
	return h && h->nsteps &&
	       (h->loaded_len != p->len ||
		h->loaded_hash != hmap_hash_bytes(p->text, p->len));
}

/* The text as loaded: the current one with every change undone (H NULL:
 * none was made). */
static void loaded_text(const struct profile *p,
			const struct profile_history *h, struct strbuf *out)
{
	size_t i;

	strbuf_add(out, p->text, p->len);
	for (i = h ? h->nchanges : 0; i-- > 0;) {
		const struct profile_change *c = &h->changes[i];

		strbuf_splice(out, c->start, c->ninserted, c->removed,
			      c->nremoved);
	}
}

int profile_loaded(const struct profile *p, struct profile **out,
		   struct err *err)
{
	struct profile *q = xcalloc(1, sizeof(*q));
	struct strbuf sb = STRBUF_INIT;
	size_t len;
	char *text;
	int rc;

	q->file = xstrdup(p->file);
	loaded_text(p, history_of(p), &sb);
	len = sb.len;
	text = strbuf_detach(&sb);
	/* it parsed when it was loaded: it parses again (TEXT is taken
	 * over on success only) */
	rc = profile_parse_into(q, text, len, p->format, err);
	if (rc < 0) {
		free(text);
		err_prefix(err, "%s: internal error: the text as loaded",
			   p->file);
		profile_free(q);
		return rc;
	}
	q->generated = p->generated;
	*out = q;
	return 0;
}

/*
 * Where the text differs from the loaded one: the changes folded into
 * regions apart, in order, each with its place in both texts.
 */
static size_t changed_regions(const struct profile_history *h,
			      struct profile_diff_region **out)
{
	struct profile_diff_region *r = NULL, m;
	size_t n = 0, cap = 0, k, i0, i1, j;

	for (k = 0; k < h->nchanges; k++) {
		const struct profile_change *c = &h->changes[k];
		size_t s = c->start, e = s + c->nremoved;
		long long d = 0; /* new - old, before region i0 */

		for (i0 = 0; i0 < n && r[i0].b1 < s; i0++)
			d += (long long)(r[i0].b1 - r[i0].b0) -
			     (long long)(r[i0].a1 - r[i0].a0);
		for (i1 = i0; i1 < n && r[i1].b0 <= e; i1++)
			;
		m.b0 = i0 < i1 && r[i0].b0 < s ? r[i0].b0 : s;
		m.a0 = i0 < i1 && r[i0].b0 < s ? r[i0].a0
					       : (size_t)((long long)s - d);
		for (j = i0; j < i1; j++)
			d += (long long)(r[j].b1 - r[j].b0) -
			     (long long)(r[j].a1 - r[j].a0);
		m.b1 = i0 < i1 && r[i1 - 1].b1 > e ? r[i1 - 1].b1 : e;
		m.a1 = i0 < i1 && r[i1 - 1].b1 > e ? r[i1 - 1].a1
						   : (size_t)((long long)e - d);
		m.b1 = m.b1 - c->nremoved + c->ninserted;
		/* [i0, i1) become M; the later ones move */
		if (i1 == i0) {
			xgrow(&r, &cap, n + 1, sizeof(*r));
			memmove(&r[i0 + 1], &r[i0], (n - i0) * sizeof(*r));
			n++;
		} else {
			memmove(&r[i0 + 1], &r[i1], (n - i1) * sizeof(*r));
			n -= i1 - i0 - 1;
		}
		r[i0] = m;
		for (j = i0 + 1; j < n; j++) {
			r[j].b0 = r[j].b0 - c->nremoved + c->ninserted;
			r[j].b1 = r[j].b1 - c->nremoved + c->ninserted;
		}
	}
	*out = r;
	return n;
}

void profile_diff(const struct profile *p, struct strbuf *out)
{
	const struct profile_history *h = history_of(p);
	struct strbuf loaded = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	struct profile_diff_region *r;
	size_t n;

	if (!h)
		return;
	loaded_text(p, h, &loaded);
	if (p->format != PROFILE_FORMAT_KUBERNETES) {
		/* only what the changes touched, however big the text */
		n = changed_regions(h, &r);
		profile_diff_regions(p->file, loaded.buf, loaded.len, p->text,
				     p->len, r, n, out);
		free(r);
	} else if (profile_render_output(p, loaded.buf, loaded.len, &a, NULL) ==
			   0 &&
		   profile_render_output(p, p->text, p->len, &b, NULL) == 0) {
		/* as it is saved: YAML */
		profile_diff_texts(p->file, strbuf_str(&a), a.len,
				   strbuf_str(&b), b.len, out);
	}
	strbuf_release(&loaded);
	strbuf_release(&a);
	strbuf_release(&b);
}
