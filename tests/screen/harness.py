# SPDX-License-Identifier: Apache-2.0
"""The screen tests' harness: the real seccompdbg on a real terminal.

Each test gets a pane of a private tmux server (its own socket, no status
line, a fixed size), sends keys with send-keys and reads what a person
would see with capture-pane. Nothing is timed: a test waits for what it
expects to appear, with a generous limit that only bounds a failure.

Every command runs with a marker in its environment, so a test can check
that no process of it is left afterwards.
"""

import contextlib
import json
import os
import re
import shlex
import subprocess
import tempfile
import time

BUILD = os.environ.get("BUILD") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "build")
TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SECCOMPDBG = os.path.join(BUILD, "seccompdbg")
STEPS = os.path.join(BUILD, "tests", "progs", "screen_steps")
MOBY = os.path.join(TOP, "tests", "data", "profiles", "moby-default.json")
WAIT = float(os.environ.get("SCREEN_WAIT", "60"))
MARK = "SECCOMPDBG_SCREEN_TEST"


class Failure(Exception):
    pass


class Skip(Exception):
    """What this machine cannot run: the runner prints why and counts it."""


class Server:
    """A private tmux server for one run of the suite."""

    made = 0

    def __init__(self):
        # one socket per server: a process that makes several (the
        # container tests) must not start one where the last one is
        # still going away ("server exited unexpectedly")
        Server.made += 1
        self.socket = "seccompdbg-screen-%d-%d" % (os.getpid(), Server.made)
        self.tmp = tempfile.mkdtemp(prefix="seccompdbg-screen-")
        self.count = 0
        # the first session holds the server's options; it runs nothing
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "idle",
                  "-x", "80", "-y", "24", "sleep 1000000")
        for opt in (("status", "off"), ("remain-on-exit", "on"),
                    ("default-terminal", "tmux-256color"),
                    ("history-limit", "0"), ("escape-time", "0")):
            self.tmux("set-option", "-g", *opt)

    def tmux(self, *args, check=True):
        r = subprocess.run(["tmux", "-L", self.socket] + list(args),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
        if check and r.returncode != 0:
            raise Failure("tmux %s: %s" % (" ".join(args), r.stderr.strip()))
        return r.stdout

    def path(self, name):
        return os.path.join(self.tmp, name)

    def close(self):
        self.tmux("kill-server", check=False)
        subprocess.run(["rm", "-rf", self.tmp])


class Screen:
    """One pane running CMD (a shell command line) at WIDTH x HEIGHT."""

    def __init__(self, server, cmd, width=80, height=24, env=None):
        server.count += 1
        self.server = server
        self.name = "t%d" % server.count
        self.mark = "%s-%s" % (server.socket, self.name)
        envs = {MARK: self.mark, "LANG": "C.UTF-8", "NO_COLOR": ""}
        envs.update(env or {})
        prefix = " ".join("%s=%s" % (k, shlex.quote(v))
                          for k, v in envs.items())
        self.cmd = cmd
        # the exit status goes to a file: tmux's pane_dead_status is not
        # always there when the pane is dead already
        self.status_file = server.path(self.name + ".status")
        wrapped = "%s; echo $? > %s" % (cmd, shlex.quote(self.status_file))
        server.tmux("new-session", "-d", "-s", self.name, "-x", str(width),
                    "-y", str(height), "env %s sh -c %s" % (
                        prefix, shlex.quote(wrapped)))

    def lines(self, escapes=False):
        args = ["capture-pane", "-p", "-t", self.name]
        if escapes:
            args.insert(1, "-e")
        return self.server.tmux(*args).split("\n")[:-1]

    def text(self):
        return "\n".join(self.lines())

    def show(self):
        return "---- screen %s (%s) ----\n%s\n----" % (
            self.name, self.cmd, self.text())

    def wait(self, what, timeout=WAIT):
        """Until WHAT (a regex, or a function of the lines) is seen."""
        test = what if callable(what) else (
            lambda lines: re.search(what, "\n".join(lines), re.M))
        end = time.monotonic() + timeout
        while True:
            lines = self.lines()
            if test(lines):
                return lines
            if time.monotonic() > end:
                raise Failure("waited for %r in vain\n%s" % (
                    what if isinstance(what, str) else what.__doc__,
                    self.show()))
            time.sleep(0.1)

    def wait_gone(self, what, timeout=WAIT):
        return self.wait(lambda lines: not re.search(
            what, "\n".join(lines), re.M), timeout)

    def keys(self, *keys):
        """Named tmux keys (Enter, Escape, C-], Up...) or single letters."""
        for k in keys:
            self.server.tmux("send-keys", "-t", self.name, k)

    def type(self, text):
        self.server.tmux("send-keys", "-t", self.name, "-l", text)

    def resize(self, width, height):
        self.server.tmux("resize-window", "-t", self.name, "-x", str(width),
                         "-y", str(height))

    def fmt(self, f):
        return self.server.tmux("display-message", "-p", "-t", self.name,
                                f).strip()

    def dead_status(self, timeout=WAIT):
        """The command's exit status, once it has ended."""
        end = time.monotonic() + timeout
        while True:
            try:
                with open(self.status_file) as f:
                    status = f.read()
                if status.endswith("\n"):
                    return int(status)
            except OSError:
                pass
            if time.monotonic() > end:
                raise Failure("the command did not end\n" + self.show())
            time.sleep(0.1)

    def pane_tty(self):
        return self.fmt("#{pane_tty}")

    def close(self):
        self.server.tmux("kill-session", "-t", self.name, check=False)
        left = wait_no_process(self.mark)
        if left:
            what = describe_processes(left)
            for pid in left:
                try:
                    os.kill(pid, 9)
                except OSError:
                    pass
            raise Failure("processes left behind: %s" % what)


def processes_marked(mark):
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/environ" % pid, "rb") as f:
                env = f.read().split(b"\0")
            with open("/proc/%s/stat" % pid) as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and ("%s=%s" % (MARK, mark)).encode() in env:
            found.append(int(pid))
    return found


def describe_processes(pids):
    """What each of PIDS is, for a failure message: pid, state, parent,
    name and command line (a leftover is useless as a bare number)."""
    out = []
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                stat = f.read()
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            out.append("%d (gone)" % pid)
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        out.append("%d %s ppid %s (%s) %s" % (pid, fields[0], fields[1],
                                             comm, cmd.strip()))
    return "; ".join(out)


def wait_no_process(mark, timeout=WAIT):
    end = time.monotonic() + timeout
    while True:
        left = processes_marked(mark)
        if not left or time.monotonic() > end:
            return left
        time.sleep(0.1)


def run_cmd(*args, profile=MOBY, out=None, extra=()):
    """A `seccompdbg run` command line for screen_steps ARGS."""
    cmd = [SECCOMPDBG, "run", "-p", profile]
    if out:
        cmd += ["-o", out]
    cmd += list(extra) + ["--", STEPS] + list(args)
    return " ".join(shlex.quote(c) for c in cmd)


def batch_denials(profile, *steps):
    """Run screen_steps under `run --batch deny`: (denial events, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".jsonl") as ev:
        r = subprocess.run([SECCOMPDBG, "run", "--batch", "deny", "-p",
                            profile, "--events", ev.name, "--", STEPS] +
                           list(steps), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=WAIT)
        events = [json.loads(line) for line in ev if line.strip()]
    return [e for e in events if e.get("event") == "denial"], r.stdout


def row(lines, pattern):
    """The first line matching PATTERN, or None."""
    for line in lines:
        if re.search(pattern, line):
            return line
    return None


def sgr_params(escaped_lines):
    """Every SGR parameter list in capture-pane -e output."""
    return [m.group(1) for line in escaped_lines
            for m in re.finditer(r"\x1b\[([0-9;:]*)m", line)]


def background_colours(escaped_lines):
    """The background colours (40-47, 100-107, 48;5;N) the screen uses."""
    found = set()
    for params in sgr_params(escaped_lines):
        p = [x for x in re.split("[;:]", params) if x]
        i = 0
        while i < len(p):
            n = int(p[i])
            if 40 <= n <= 47 or 100 <= n <= 107:
                found.add(n)
            if n in (38, 48) and i + 1 < len(p):
                if n == 48 and p[i + 1] == "5" and i + 2 < len(p):
                    found.add("48;5;" + p[i + 2])
                i += 3 if p[i + 1] == "5" else 5
                continue
            i += 1
    return found


def check(cond, why, screen=None):
    if not cond:
        raise Failure(why + ("\n" + screen.show() if screen else ""))


@contextlib.contextmanager
def screen(server, cmd, **kw):
    """A Screen closed at the end; a process left over fails the test."""
    s = Screen(server, cmd, **kw)
    try:
        yield s
    except BaseException:
        try:
            s.close()
        except Failure:
            pass
        raise
    s.close()
