# SPDX-License-Identifier: Apache-2.0
"""The view and its terminal: resizing (and the program's terminal with
it), a program's escape sequences kept inside its pane, colours and
NO_COLOR, the terminal given back after SIGTERM with no process left,
and the view on another terminal (--ui-tty)."""

import os
import shlex

from harness import (MOBY, SECCOMPDBG, STEPS, background_colours, check,
                     row, run_cmd, screen, sgr_params)

PENDING = r"^>\s*1 unshare\s+\d+ screen_steps\s+PENDING"


def type_line(s, text):
    """A line to the program: focus its pane, type, come back."""
    s.keys("Tab")
    s.wait("typing to the program")
    s.type(text)
    s.keys("Enter", "C-]")
    s.wait_gone("typing to the program")


def test_resize_and_back(server):
    with screen(server, run_cmd("wait", "size", "wait", "size", "wait")) as s:
        lines = s.wait("waiting for a line")
        check(len(lines) == 24 and lines[-1].startswith(" a allow"),
              "80x24: the key bar on the last line", s)
        # the view has drawn itself anew when its key bar, with two
        # spaces between keys from 100 columns on, is on the last line
        s.resize(100, 30)
        lines = s.wait(lambda l: len(l) == 30 and
                       l[-1].startswith(" a allow  o once"))
        check("? help" in lines[0], "the status line has room for help", s)
        type_line(s, "one")
        # stacked at 100 columns: the output pane has 9 lines of 100
        s.wait(r"screen: size 9x100")
        s.resize(80, 24)
        s.wait(lambda l: len(l) == 24 and l[-1].startswith(" a allow o once"))
        type_line(s, "two")
        s.wait(r"screen: size 7x80")
        s.resize(130, 30)  # side by side from 120 columns
        lines = s.wait(lambda l: len(l) == 30 and "\u2502" in l[2])
        check(row(lines, r"^\s+# syscall .*\u2502"), "list | detail", s)


def test_escape_sequences_stay_in_their_pane(server):
    with screen(server, run_cmd("esc", "wait")) as s:
        lines = s.wait("screen: escapes written")
        check("running" in lines[0] and "unsaved" in lines[0],
              "the status line survived a clear screen", s)
        check(lines[1].lstrip().startswith("# syscall"),
              "the list header survived", s)
        check(lines[-1].startswith(" a allow"), "the key bar survived", s)
        check(row(lines, r"^RED ON MAGENTA$"), "the text is shown", s)
        title = s.fmt("#{pane_title}")
        check("HACKED" not in title, "the title changed: " + title, s)
        esc = s.lines(escapes=True)
        check(45 not in background_colours(esc),
              "the program's magenta background reached the screen", s)
        red = row(esc, "RED ON MAGENTA")
        check(red and "31" in "".join(sgr_params([red])),
              "its foreground colour is kept inside the pane", s)
        check(s.fmt("#{alternate_on}") == "1", "the view's own screen", s)


def _output_pane(s, lines):
    """The rows of the output pane under its title line."""
    top = [i for i, l in enumerate(lines) if "program output" in l]
    check(top, "the output pane's title", s)
    return lines[top[0] + 1:-1]


def test_full_screen_program_in_the_pane(server):
    """A scroll region on the alternate screen, then back: the pane
    shows what a terminal would."""
    with screen(server, run_cmd("full")) as s:
        pane = _output_pane(s, s.wait("screen: full-screen drawn"))
        want = ["HEADER", "scroll 3", "scroll 4", "scroll 5", "scroll 6",
                "FOOTER", "screen: full-screen drawn"]
        check([l.rstrip() for l in pane] == want,
              "the pane: %r, not %r" % (pane, want), s)
        type_line(s, "x")
        pane = _output_pane(s, s.wait("back from the full screen"))
        check(row(pane, "^screen: primary line$"),
              "the primary screen is back", s)
        check(not row(pane, "HEADER|FOOTER|scroll"),
              "the alternate screen is gone: %r" % pane, s)


def test_colours_and_no_color(server):
    with screen(server, run_cmd("uts", "wait")) as s:
        s.wait(PENDING)
        check(44 in background_colours(s.lines(escapes=True)),
              "colours by default: the blue status line", s)
    with screen(server, run_cmd("uts", "wait"), env={"NO_COLOR": "1"}) as s:
        s.wait(PENDING)
        esc = s.lines(escapes=True)
        # 39 and 49 are the terminal's own default colours
        colours = [p for p in sgr_params(esc)
                   if any(x.isdigit() and int(x) not in (39, 49) and
                          (30 <= int(x) <= 49 or 90 <= int(x) <= 107)
                          for x in p.split(";"))]
        check(not colours, "NO_COLOR: colours used: %r" % colours[:5], s)
        check(any("7" in p.split(";") for p in sgr_params(esc)),
              "NO_COLOR: reverse video marks the selection", s)


def test_sigterm_restores_the_terminal(server):
    before, after = server.path("stty.before"), server.path("stty.after")
    pidfile = server.path("steps.pid")
    script = ("stty -a > {b}; {run}; echo status $?; stty -a > {a}; "
              "echo restored; sleep 1000000").format(
                  b=shlex.quote(before), a=shlex.quote(after),
                  run=run_cmd("pid=" + pidfile, "uts"))
    with screen(server, script) as s:
        s.wait(PENDING)  # the program waits in a seccomp stop
        with open(pidfile) as f:
            prog = int(f.read())
        view = [int(p) for p in os.listdir("/proc") if p.isdigit()
                and _cmdline(p).startswith(SECCOMPDBG + "\0run")]
        check(len(view) == 1, "one seccompdbg: %r" % view)
        os.kill(view[0], 15)
        s.wait(r"^restored$")
        check(row(s.lines(), r"^status 143$"), "exit status 128+15", s)
        check(not os.path.exists("/proc/%d" % prog) or
              _state(prog) == "Z", "the program is gone")
        with open(before) as b, open(after) as a:
            check(b.read() == a.read(), "stty -a differs after SIGTERM")
        check(s.fmt("#{alternate_on}") == "0", "out of the view's screen",
              s)


def test_ui_tty(server):
    with screen(server, "sleep 1000000") as view:
        tty = view.pane_tty()
        cmd = "%s run -p %s --ui-tty %s -- %s uts wait" % (
            SECCOMPDBG, shlex.quote(MOBY), tty, STEPS)
        with screen(server, cmd) as prog:
            lines = view.wait(PENDING)
            check(row(lines, "writes to its own terminal"),
                  "the output pane says where the output goes", view)
            # no SIGWINCH reaches us from that terminal: its size is
            # looked at now and then
            view.resize(100, 30)
            view.wait(lambda l: len(l) == 30 and
                      l[-1].startswith(" a allow  o once"))
            view.keys("a")
            # the program's output and input stay on its own terminal
            prog.wait(r"screen: unshare\(CLONE_NEWUTS\) = 0")
            prog.wait("waiting for a line")
            prog.type("hello")
            prog.keys("Enter")
            prog.wait("screen: got hello")
            view.wait("exited with 0")
            view.keys("q")
            view.wait("quit: unsaved changes")
            view.keys("d")
            check(prog.dead_status() == 0, "the program's status", prog)


def _cmdline(pid):
    try:
        with open("/proc/%s/cmdline" % pid) as f:
            return f.read()
    except OSError:
        return ""


def _state(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"
