// SPDX-License-Identifier: Apache-2.0
/*
 * tui: the layout for terminal sizes (every pane inside the screen, no
 * overlap), and what a denial looks like in the list and the detail pane.
 */
#include <errno.h>
#include <linux/audit.h>
#include <sched.h>

#include "../../src/tui/internal.h"
#include "seccompdbg/sysent.h"
#include "test.h"

static bool inside(const struct tui_rect *r, int rows, int cols)
{
	return r->y >= 0 && r->x >= 0 && r->h >= 0 && r->w >= 0 &&
	       r->y + r->h <= rows && r->x + r->w <= cols;
}

static bool apart(const struct tui_rect *a, const struct tui_rect *b)
{
	return a->y + a->h <= b->y || b->y + b->h <= a->y ||
	       a->x + a->w <= b->x || b->x + b->w <= a->x;
}

static void check_layout(int rows, int cols, bool zoom)
{
	struct tui_layout l;
	const struct tui_rect *r[5];
	int i, j, covered;

	tui_layout_compute(rows, cols, zoom, &l);
	REQUIRE(!l.too_small);
	r[0] = &l.status, r[1] = &l.list, r[2] = &l.detail;
	r[3] = &l.output, r[4] = &l.bar;
	for (i = 0; i < 5; i++) {
		if (!inside(r[i], rows, cols))
			test_fail(__FILE__, __LINE__, "%dx%d: pane %d outside",
				  cols, rows, i);
		for (j = i + 1; j < 5; j++)
			if (r[i]->h && r[j]->h && !apart(r[i], r[j]))
				test_fail(__FILE__, __LINE__,
					  "%dx%d: panes %d and %d overlap",
					  cols, rows, i, j);
	}
	covered = l.status.h + l.list.h + l.output.h + l.bar.h +
		  (l.side_by_side ? 0 : l.detail.h);
	CHECK_INT(covered, rows);
	CHECK(l.list.h >= 4);	/* header and three rows at least */
	CHECK(l.output.h >= 2); /* title and a line */
	CHECK_INT(l.bar.y, rows - 1);
}

TEST(tui_layout_sizes)
{
	struct tui_layout l;
	int rows, cols;

	for (rows = TUI_MIN_ROWS; rows <= 60; rows += 3)
		for (cols = TUI_MIN_COLS; cols <= 250; cols += 7) {
			check_layout(rows, cols, false);
			check_layout(rows, cols, true);
		}
	/* 80x24: stacked, a detail pane of 8 lines with its title */
	tui_layout_compute(24, 80, false, &l);
	CHECK(!l.side_by_side);
	CHECK_INT(l.list.h, 6);
	CHECK_INT(l.detail.h, 8);
	CHECK_INT(l.output.h, 8);
	CHECK_INT(l.output.w, 80);
	tui_layout_compute(30, 120, false, &l);
	CHECK(l.side_by_side);
	CHECK_INT(l.detail.x, l.list.w + 1);
	tui_layout_compute(24, 80, true, &l);
	CHECK_INT(l.detail.h, 0);
	CHECK_INT(l.output.h, 18);
	tui_layout_compute(TUI_MIN_ROWS - 1, 80, false, &l);
	CHECK(l.too_small);
	tui_layout_compute(24, TUI_MIN_COLS - 1, false, &l);
	CHECK(l.too_small);
}

static struct session_denial sample(void)
{
	static const uint64_t args[6] = {CLONE_NEWUSER};

	struct session_denial d = {
		.id = 7,
		.time = 0,
		.pid = 4312,
		.tid = 4313,
		.ppid = 4301,
		.comm = "sandbox-demo",
		.exe = "/usr/lib/x/sandbox-demo\\x1b[31m",
		.arch = AUDIT_ARCH_X86_64,
		.arch_name = "x86_64",
		.nr = sysent_nr(AUDIT_ARCH_X86_64, "unshare"),
		.name = "unshare",
		.ip = 0x401000,
		.sp = 0x7ffe0000,
		.rule_id = 0,
		.rule_path = "defaultAction",
		.verdict = {PROFILE_ACT_ERRNO, EPERM},
		.decoded = "unshare(CLONE_NEWUSER)",
		.backtrace = "#0 unshare+11 libc.so.6\n"
			     "#1 start_sandboxed_renderer+40 sandbox-demo",
		.hint = "start_sandboxed_renderer (sandbox-demo.c:101)",
		.why = "unshare needs CAP_SYS_ADMIN in Docker's default.",
		.state = SESSION_PENDING,
	};
	memcpy(d.args, args, sizeof(d.args));
	return d;
}

static const char *state_of(const struct session_denial *d)
{
	static struct strbuf sb;

	strbuf_reset(&sb);
	tui_format_state(d, &sb);
	return strbuf_str(&sb);
}

TEST(tui_format_states)
{
	struct session_denial d = sample();

	CHECK_STR(state_of(&d), "PENDING");
	CHECK_INT(tui_state_style(d.state), TUI_STYLE_PENDING);
	d.state = SESSION_ALLOWED_ALWAYS;
	d.repeats = 3;
	CHECK_STR(state_of(&d), "allowed always +3");
	CHECK_INT(tui_state_style(d.state), TUI_STYLE_ALLOWED);
	d.repeats = 0;
	d.state = SESSION_DENIED;
	d.errno_used = EPERM;
	CHECK_STR(state_of(&d), "denied EPERM");
	d.state = SESSION_DENIED_ERRNO;
	d.errno_used = ENOSYS;
	CHECK_STR(state_of(&d), "denied ENOSYS");
	d.state = SESSION_DENIED;
	d.errno_used = 0;
	d.verdict.action = PROFILE_ACT_KILL_PROCESS;
	CHECK_STR(state_of(&d), "denied (SCMP_ACT_KILL_PROCESS)");
	CHECK_INT(tui_state_style(d.state), TUI_STYLE_DENIED);
	d.state = SESSION_ALLOWED_ARGS;
	CHECK_STR(state_of(&d), "allowed with args");
	d.answered_by = 3;
	CHECK_STR(state_of(&d), "allowed with args (by #3)");
	d.answered_by = 0;
	d.state = SESSION_ALLOWED_ONCE;
	CHECK_STR(state_of(&d), "allowed once");
	d.state = SESSION_GONE;
	CHECK_STR(state_of(&d), "gone");
}

TEST(tui_format_rows)
{
	struct session_denial d = sample();
	struct strbuf sb = STRBUF_INIT;

	tui_format_header(80, &sb);
	CHECK(str_has_prefix(
		strbuf_str(&sb),
		"   # syscall              pid program         state   "));
	CHECK_INT(sb.len, 80);
	strbuf_reset(&sb);
	tui_format_row(&d, 80, &sb);
	CHECK_INT(sb.len, 80);
	CHECK_CONTAINS(strbuf_str(&sb),
		       "   7 unshare             4312 sandbox-demo    PENDING");
	/* narrow: names cut with ~ */
	strbuf_reset(&sb);
	d.name = "io_uring_register";
	tui_format_row(&d, 50, &sb);
	CHECK_INT(sb.len, 50);
	CHECK_CONTAINS(strbuf_str(&sb), "   7 io_uring_re~    4312 sandbox-d~");
	strbuf_release(&sb);
}

/* The program column of a row, trailing blanks cut. */
static const char *prog_column(const struct session_denial *d, unsigned width)
{
	static char col[64];
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	tui_format_row(d, width, &sb);
	/* "%4s " number, the name, " %7s " pid: the column starts after */
	snprintf(col, sizeof(col), "%s",
		 strbuf_str(&sb) + 5 + (width >= 70 ? 16 : 12) + 9);
	strbuf_release(&sb);
	n = width >= 100 ? 24 : width >= 70 ? 15 : 10;
	col[n] = '\0';
	while (n && col[n - 1] == ' ')
		col[--n] = '\0';
	return col;
}

/* In a container: the container's name cut before the program's; an id
 * cut to Docker's 12 characters; more room on a wide list. Before, the
 * program's name was lost: "quirky_montalc~" at 80 columns. */
TEST(tui_format_rows_in_containers)
{
	struct session_denial d = sample();

	d.container = "quirky_montalcini (4f2a9c1b3d5e)";
	d.container_name = "quirky_montalcini";
	d.container_id = "4f2a9c1b3d5e6f7a8b9c0d1e2f3a4b5c";
	d.comm = "mkdir";
	CHECK_STR(prog_column(&d, 80), "quirky_m~/mkdir");
	CHECK_STR(prog_column(&d, 50), "qui~/mkdir");
	CHECK_STR(prog_column(&d, 100), "quirky_montalcini/mkdir");
	/* a long program name leaves 3 of the container's */
	d.comm = "runc:[2:INIT]";
	CHECK_STR(prog_column(&d, 80), "qui~/runc:[2:I~");
	CHECK_STR(prog_column(&d, 50), "qui~/runc~");
	CHECK_STR(prog_column(&d, 100), "quirky_mo~/runc:[2:INIT]");
	/* no name: the id as Docker shows it */
	d.container_name = NULL;
	d.comm = "sh";
	CHECK_STR(prog_column(&d, 80), "4f2a9c1b3d5e/sh");
	CHECK_STR(prog_column(&d, 100), "4f2a9c1b3d5e/sh");
	CHECK_STR(prog_column(&d, 50), "4f2a9c~/sh");
}

TEST(tui_format_detail_lines)
{
	struct session_denial d = sample();
	struct tui_lines l = {0};
	struct strbuf all = STRBUF_INIT;
	size_t i;

	tui_format_detail(&d, 60, &l);
	REQUIRE(l.n > 6);
	CHECK_STR(l.v[0].text, "unshare(CLONE_NEWUSER)");
	CHECK_INT(l.v[0].style, TUI_STYLE_TITLE);
	CHECK_STR(l.v[1].text,
		  "refused by defaultAction: SCMP_ACT_ERRNO(EPERM)");
	for (i = 0; i < l.n; i++) {
		CHECK(strlen(l.v[i].text) <= 60);
		strbuf_adds(&all, l.v[i].text);
		strbuf_addc(&all, '\n');
	}
	CHECK_CONTAINS(strbuf_str(&all), "#7 PENDING  ");
	CHECK_CONTAINS(strbuf_str(&all), "pid 4312 tid 4313 ppid 4301\n"
					 "    sandbox-demo\n");
	CHECK_CONTAINS(strbuf_str(&all), "hint: start_sandboxed_renderer");
	CHECK_CONTAINS(strbuf_str(&all), "why: unshare needs CAP_SYS_ADMIN");
	CHECK_CONTAINS(strbuf_str(&all), "x86_64 nr 272 args 0x10000000");
	CHECK_CONTAINS(strbuf_str(&all),
		       "exe /usr/lib/x/sandbox-demo\\x1b[31m");
	CHECK_CONTAINS(strbuf_str(&all), "backtrace:\n#0 unshare+11 libc.so.6\n"
					 "#1 start_sandboxed_renderer+40");
	tui_lines_release(&l);

	/* a rule with a comment, and the count of later calls */
	d.rule_path = "syscalls[20]";
	d.rule_comment = "clone3 is refused";
	d.verdict = (struct profile_verdict){PROFILE_ACT_ERRNO, ENOSYS};
	d.state = SESSION_ALLOWED_ALWAYS;
	d.repeats = 1;
	d.hint = d.why = d.backtrace = NULL;
	strbuf_reset(&all);
	tui_format_detail(&d, 200, &l);
	for (i = 0; i < l.n; i++) {
		strbuf_adds(&all, l.v[i].text);
		strbuf_addc(&all, '\n');
	}
	CHECK_CONTAINS(
		strbuf_str(&all),
		"refused by syscalls[20] (\"clone3 is refused\"): SCMP_ACT_ERRNO(ENOSYS)");
	CHECK_CONTAINS(strbuf_str(&all), "#7 allowed always +1  ");
	CHECK_CONTAINS(
		strbuf_str(&all),
		"\n1 later identical call answered by this decision, unasked\n");
	CHECK(!strstr(strbuf_str(&all), "backtrace"));
	CHECK(!strstr(strbuf_str(&all), "note:"));
	tui_lines_release(&l);

	/* NOTIFY mode says its reads are racy and what it could not get */
	d.racy = true;
	d.degraded = "no ptrace: no backtrace, only the call site";
	strbuf_reset(&all);
	tui_format_detail(&d, 200, &l);
	for (i = 0; i < l.n; i++) {
		strbuf_adds(&all, l.v[i].text);
		strbuf_addc(&all, '\n');
	}
	CHECK_CONTAINS(
		strbuf_str(&all),
		"note: NOTIFY mode read the arguments' memory after the check");
	CHECK_CONTAINS(strbuf_str(&all),
		       "note: no ptrace: no backtrace, only the call site\n");
	tui_lines_release(&l);
	strbuf_release(&all);
}

static const char *status_line(const struct session_status *st,
			       const struct session_config *cfg, bool finishing,
			       unsigned width)
{
	static struct strbuf sb;

	strbuf_reset(&sb);
	tui_format_status(st, cfg, finishing, width, &sb);
	return strbuf_str(&sb);
}

TEST(tui_format_status_line)
{
	struct session_status st = {
		.nprocesses = 3, .npending = 1, .running = true, .unsaved = 2};
	struct session_config cfg = {.profile_path = "/etc/x/docker.json",
				     .output_path = "out.json",
				     .mode = SESSION_TRACE};

	CHECK_STR(
		status_line(&st, &cfg, false, 120),
		"seccompdbg  docker.json -> out.json  2 unsaved  trace  3 procs  1 pending  running");
	/* 80 columns: our own name goes first */
	CHECK_STR(
		status_line(&st, &cfg, true, 78),
		"docker.json -> out.json  2 unsaved  trace  3 procs  1 pending  finishing");
	/* then the file names are cut, the longer one first */
	cfg.profile_path = "a-rather-long-profile-name.json";
	CHECK_STR(
		status_line(&st, &cfg, false, 70),
		"a-rather-l~ -> out.json  2 unsaved  trace  3 procs  1 pending  running");
	CHECK(strlen(status_line(&st, &cfg, false, 70)) <= 70);
	/* the program is over: no processes, its exit status */
	st.running = false;
	st.exit_status = 137;
	cfg.profile_path = NULL;
	cfg.output_path = NULL;
	CHECK_STR(
		status_line(&st, &cfg, false, 78),
		"(refuse all) -> (no -o)  2 unsaved  trace  1 pending  exited with 137");
	/* in containers: how many, not the one process of the command
	 * that starts them (it said "1 proc") */
	cfg.mode = SESSION_CONTAINER;
	st.running = true;
	st.nprocesses = 1;
	st.ncontainers = 2;
	CHECK_STR(
		status_line(&st, &cfg, false, 90),
		"(refuse all) -> (no -o)  2 unsaved  container  2 containers  1 pending  running");
}
