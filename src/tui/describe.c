// SPDX-License-Identifier: Apache-2.0
/*
 * What a denial looks like: its state word, its row in the list and the
 * lines of the detail pane. Pure functions of a struct session_denial, so
 * the unit tests check them on denials of their own making.
 *
 * The strings of a denial are escaped by the session already; they still
 * reach the screen only through draw.c's text function, which drops any
 * control byte, so a mistake upstream cannot reach the terminal.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "internal.h"

void tui_format_fit(struct strbuf *out, const char *s, unsigned width)
{
	size_t len = strlen(s);

	if (len <= width) {
		strbuf_addf(out, "%-*s", (int)width, s);
	} else if (width) {
		strbuf_add(out, s, width - 1);
		strbuf_addc(out, '~');
	}
}

static const char *const state_words[] = {
	[SESSION_PENDING] = "PENDING",
	[SESSION_ALLOWED_ONCE] = "allowed once",
	[SESSION_ALLOWED_ALWAYS] = "allowed always",
	[SESSION_ALLOWED_ARGS] = "allowed with args",
	[SESSION_DENIED] = "denied",
	[SESSION_DENIED_ERRNO] = "denied",
	[SESSION_KILLED] = "killed",
	[SESSION_GONE] = "gone",
};

static void add_errno(const struct session_denial *d, struct strbuf *out)
{
	const char *name = profile_errno_name((uint32_t)d->errno_used);

	if (d->errno_used <= 0) {
		/* denied without an errno: the profile kills or traps */
		strbuf_addf(out, " (%s)",
			    profile_action_name(d->verdict.action));
	} else if (name) {
		strbuf_addf(out, " %s", name);
	} else {
		strbuf_addf(out, " errno %d", d->errno_used);
	}
}

void tui_format_state(const struct session_denial *d, struct strbuf *out)
{
	const char *w = NULL;

	if ((size_t)d->state < ARRAY_SIZE(state_words))
		w = state_words[d->state];
	strbuf_adds(out, w ? w : "?");
	if (d->state == SESSION_DENIED || d->state == SESSION_DENIED_ERRNO)
		add_errno(d, out);
	/* answered unasked, by a decision remembered from another one */
	if (d->answered_by)
		strbuf_addf(out, " (by #%u)", d->answered_by);
	if (d->repeats)
		strbuf_addf(out, " +%u", d->repeats);
}

enum tui_style tui_state_style(enum session_state st)
{
	switch (st) {
	case SESSION_PENDING:
		return TUI_STYLE_PENDING;
	case SESSION_ALLOWED_ONCE:
	case SESSION_ALLOWED_ALWAYS:
	case SESSION_ALLOWED_ARGS:
		return TUI_STYLE_ALLOWED;
	case SESSION_DENIED:
	case SESSION_DENIED_ERRNO:
	case SESSION_KILLED:
		return TUI_STYLE_DENIED;
	case SESSION_GONE:
		break;
	}
	return TUI_STYLE_DIM;
}

/* S in at most WIDTH columns, its end cut to a '~'. */
static void cut(struct strbuf *out, const char *s, size_t width)
{
	if (strlen(s) <= width) {
		strbuf_adds(out, s);
	} else if (width) {
		strbuf_add(out, s, width - 1);
		strbuf_addc(out, '~');
	}
}

/* Column widths of the list for a pane WIDTH wide. */
struct columns {
	unsigned name, prog;
};

static struct columns columns_for(unsigned width)
{
	/* room for a container's name beside the program's */
	if (width >= 100)
		return (struct columns){16, 24};
	if (width >= 70)
		return (struct columns){16, 15};
	return (struct columns){12, 10};
}

/*
 * "CONTAINER/COMM" in WIDTH columns. The program's name says which
 * process of the container asked (runc's init, the shell, the program):
 * it stays whole where it can, and the container's name, which the
 * detail pane shows in full, is cut first, never below 3 characters.
 */
static void container_prog(struct strbuf *out, const char *ctr,
			   const char *comm, unsigned width)
{
	size_t c = strlen(ctr), p = strlen(comm);

	if (c + 1 + p <= width || width < 6) {
		strbuf_addf(out, "%s/%s", ctr, comm);
		return;
	}
	if (p > width - 5)
		p = width - 5; /* 3 of the container's, its '~' and the '/' */
	cut(out, ctr, width - 1 - p);
	strbuf_addc(out, '/');
	cut(out, comm, p);
}

static void row(struct strbuf *out, unsigned width, const char *num,
		const char *name, const char *pid, const char *prog,
		const char *state)
{
	struct columns c = columns_for(width);
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%4s ", num);
	tui_format_fit(&sb, name, c.name);
	strbuf_addf(&sb, " %7s ", pid);
	tui_format_fit(&sb, prog, c.prog);
	strbuf_addf(&sb, " %s", state);
	tui_format_fit(out, strbuf_str(&sb), width);
	strbuf_release(&sb);
}

void tui_format_header(unsigned width, struct strbuf *out)
{
	row(out, width, "#", "syscall", "pid", "program", "state");
}

void tui_format_row(const struct session_denial *d, unsigned width,
		    struct strbuf *out)
{
	struct strbuf state = STRBUF_INIT, prog = STRBUF_INIT;
	const char *comm = d->comm ? d->comm : "?";
	char num[16], pid[16], id[13];

	snprintf(num, sizeof(num), "%u", d->id);
	snprintf(pid, sizeof(pid), "%d", (int)d->pid);
	tui_format_state(d, &state);
	/* in a container: which one first (its name, else its id cut to
	 * 12 characters as Docker shows it), the program after it */
	if (d->container) {
		snprintf(id, sizeof(id), "%s",
			 d->container_id ? d->container_id : "?");
		container_prog(&prog,
			       d->container_name ? d->container_name : id, comm,
			       columns_for(width).prog);
	} else {
		strbuf_adds(&prog, comm);
	}
	row(out, width, num, d->name ? d->name : "?", pid, strbuf_str(&prog),
	    strbuf_str(&state));
	strbuf_release(&state);
	strbuf_release(&prog);
}

static void detail_rule(const struct session_denial *d, unsigned width,
			struct tui_lines *out)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "refused by %s", d->rule_path ? d->rule_path : "?");
	if (d->rule_comment)
		strbuf_addf(&sb, " (\"%s\")", d->rule_comment);
	strbuf_adds(&sb, ": ");
	profile_verdict_format(&d->verdict, &sb);
	tui_lines_wrap(out, TUI_STYLE_NORMAL, strbuf_str(&sb), width, 4);
	strbuf_release(&sb);
}

static void detail_state(const struct session_denial *d, unsigned width,
			 struct tui_lines *out)
{
	struct strbuf sb = STRBUF_INIT;
	time_t t = (time_t)d->time;
	struct tm tm;
	char when[16] = "";

	if (localtime_r(&t, &tm))
		strftime(when, sizeof(when), "%H:%M:%S", &tm);
	strbuf_addf(&sb, "#%u ", d->id);
	tui_format_state(d, &sb);
	strbuf_addf(&sb, "  %s  pid %d tid %d ppid %d  %s", when, (int)d->pid,
		    (int)d->tid, (int)d->ppid, d->comm ? d->comm : "?");
	tui_lines_wrap(out, tui_state_style(d->state), strbuf_str(&sb), width,
		       4);
	if (d->container) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "container %s", d->container);
		if (d->container_image)
			strbuf_addf(&sb, "  image %s", d->container_image);
		if (d->startup)
			strbuf_adds(
				&sb,
				"  runtime start-up: the runtime's own call, before the container's program");
		tui_lines_wrap(out, TUI_STYLE_NORMAL, strbuf_str(&sb), width,
			       4);
	}
	if (d->repeats) {
		strbuf_reset(&sb);
		strbuf_addf(
			&sb,
			"%u later identical call%s answered by this decision, unasked",
			d->repeats, d->repeats == 1 ? "" : "s");
		tui_lines_wrap(out, TUI_STYLE_NORMAL, strbuf_str(&sb), width,
			       4);
	}
	strbuf_release(&sb);
}

static void detail_raw(const struct session_denial *d, unsigned width,
		       struct tui_lines *out)
{
	struct strbuf sb = STRBUF_INIT;

	decode_raw(d->arch, d->nr, d->args, &sb);
	strbuf_addf(&sb, "  ip %#llx sp %#llx", (unsigned long long)d->ip,
		    (unsigned long long)d->sp);
	tui_lines_wrap(out, TUI_STYLE_DIM, strbuf_str(&sb), width, 4);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "exe %s", d->exe ? d->exe : "?");
	tui_lines_wrap(out, TUI_STYLE_DIM, strbuf_str(&sb), width, 4);
	strbuf_release(&sb);
}

static void detail_notes(const struct session_denial *d, unsigned width,
			 struct tui_lines *out)
{
	struct strbuf sb = STRBUF_INIT;

	if (d->racy)
		tui_lines_wrap(
			out, TUI_STYLE_NOTE,
			"note: NOTIFY mode read the arguments' memory after the check; it may have changed since",
			width, 6);
	if (d->degraded) {
		/* what this mode could not get, so nobody takes a short
		   backtrace for the whole story */
		strbuf_addf(&sb, "note: %s", d->degraded);
		tui_lines_wrap(out, TUI_STYLE_NOTE, strbuf_str(&sb), width, 6);
		strbuf_reset(&sb);
	}
	if (d->why) {
		strbuf_addf(&sb, "why: %s", d->why);
		tui_lines_wrap(out, TUI_STYLE_NOTE, strbuf_str(&sb), width, 5);
		strbuf_reset(&sb);
	}
	if (d->hint) {
		strbuf_addf(&sb, "hint: %s", d->hint);
		tui_lines_wrap(out, TUI_STYLE_NOTE, strbuf_str(&sb), width, 6);
	}
	strbuf_release(&sb);
}

void tui_format_detail(const struct session_denial *d, unsigned width,
		       struct tui_lines *out)
{
	/* what a person needs to decide first: the call, the rule, the note,
	   where it came from; then who made it and the raw numbers */
	tui_lines_wrap(out, TUI_STYLE_TITLE, d->decoded ? d->decoded : "?",
		       width, 4);
	detail_rule(d, width, out);
	detail_notes(d, width, out);
	detail_state(d, width, out);
	detail_raw(d, width, out);
	if (d->backtrace && *d->backtrace) {
		tui_lines_add(out, TUI_STYLE_HEADING, "backtrace:");
		tui_lines_wrap(out, TUI_STYLE_NORMAL, d->backtrace, width, 6);
	}
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash && slash[1] ? slash + 1 : path;
}

/* S, or its first WIDTH - 1 bytes and "~". */
static const char *in_name(const struct session_config *cfg)
{
	return cfg->profile_path ? base_name(cfg->profile_path)
				 : "(refuse all)";
}

static const char *out_name(const struct session_config *cfg)
{
	return cfg->output_path ? base_name(cfg->output_path) : "(no -o)";
}

static size_t full_files(const struct session_config *cfg)
{
	return strlen(in_name(cfg)) + 4 + strlen(out_name(cfg));
}

/* "PROFILE -> OUT" in at most WIDTH columns, the longer name cut first. */
static void files(const struct session_config *cfg, size_t width,
		  struct strbuf *out)
{
	const char *in = in_name(cfg), *o = out_name(cfg);
	size_t room = width > 8 ? width - 4 : 4, a = strlen(in);

	if (a > room / 2 && strlen(o) < room - room / 2)
		a = room - strlen(o);
	else if (a > room / 2)
		a = room / 2;
	cut(out, in, a);
	strbuf_adds(out, " -> ");
	cut(out, o, room - a);
}

void tui_format_status(const struct session_status *st,
		       const struct session_config *cfg, bool finishing,
		       unsigned width, struct strbuf *out)
{
	struct strbuf tail = STRBUF_INIT;
	const char *head = "seccompdbg  ";

	strbuf_addf(&tail, "  %zu unsaved  %s  ", st->unsaved,
		    session_mode_name(cfg->mode));
	/* once the program is over, its processes are all gone; in a
	 * container, the command's one process says nothing */
	if (st->running && cfg->mode == SESSION_CONTAINER)
		strbuf_addf(&tail, "%zu container%s  ", st->ncontainers,
			    st->ncontainers == 1 ? "" : "s");
	else if (st->running)
		strbuf_addf(&tail, "%zu proc%s  ", st->nprocesses,
			    st->nprocesses == 1 ? "" : "s");
	strbuf_addf(&tail, "%zu pending  ", st->npending);
	if (st->running)
		strbuf_adds(&tail, finishing ? "finishing" : "running");
	else
		strbuf_addf(&tail, "exited with %d", st->exit_status);
	/* short of room, our own name goes first, then the file names
	   are cut (never below a few columns each) */
	if (width < tail.len + strlen(head) + full_files(cfg))
		head = "";
	strbuf_adds(out, head);
	files(cfg,
	      width > tail.len + strlen(head) + 12
		      ? width - tail.len - strlen(head)
		      : 12,
	      out);
	strbuf_add(out, tail.buf, tail.len);
	strbuf_release(&tail);
}
