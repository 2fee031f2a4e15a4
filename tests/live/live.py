# SPDX-License-Identifier: Apache-2.0
"""What the live tests share: running seccompdbg and programs natively,
profiles written to a temporary directory, the events file parsed, and
the check that no process of the program is left afterwards.

Every program runs with a marker in its environment (SDBG_LIVE_MARKER=a
fresh random value); after each run every /proc/PID/environ is scanned
for it, so a process of the program that outlived seccompdbg (stopped,
orphaned, running) fails the test whatever its pid or name."""
import functools
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BUILD = os.environ.get("BUILD", os.path.join(TOP, "build"))
SDBG = os.path.join(BUILD, "seccompdbg")
PROGS = os.path.join(BUILD, "tests", "progs")
DATA = os.path.join(TOP, "tests", "data")
TIMEOUT = 120  # a hang fails the test instead of the whole run
# The suite runs once per mode (tests/live/run sets it); every run and
# record gets --mode MODE unless the test gives one.
MODE = "trace"


def current_mode():
    """The mode of this pass (MODE, set by tests/live/run)."""
    return MODE


def prog(name):
    return os.path.join(PROGS, name)


def data(rel):
    return os.path.join(DATA, rel)


# The reason of the skips that are not skips: a test that picks its own
# modes runs in one pass only (tests/live/run does not count it).
ONE_PASS = "picks its own modes: runs in one pass"


def _ended(rc):
    """How a probe ended, as a skip's reason."""
    if rc < 0:
        return "killed by %s" % signal.Signals(-rc).name
    return "exit status %d" % rc


@functools.lru_cache(maxsize=None)
def ia32_programs():
    """None when this kernel runs 32-bit programs, else why not (kernels
    without IA32 emulation refuse their execve with ENOEXEC)."""
    try:
        r = subprocess.run([prog("live_calls-32"), "exit"],
                           capture_output=True, timeout=TIMEOUT)
    except OSError as e:
        return "execve: %s" % os.strerror(e.errno)
    return None if r.returncode == 0 else _ended(r.returncode)


@functools.lru_cache(maxsize=None)
def int80():
    """None when int $0x80 works from 64-bit code, else why not (kernels
    without IA32 emulation kill the caller)."""
    r = subprocess.run([prog("live_calls"), "int80"], capture_output=True,
                       text=True, timeout=TIMEOUT)
    if r.returncode == 0 and "int80 getppid ok" in r.stdout:
        return None
    return _ended(r.returncode)


@functools.lru_cache(maxsize=None)
def modes_unavailable():
    """{mode: why} for the catching modes that cannot work here, as
    `seccompdbg check` says (TRAP needs CAP_SYS_ADMIN and a tracer that
    is not under seccomp itself)."""
    r = subprocess.run([SDBG, "check", data("profiles/moby-default.json")],
                       capture_output=True, text=True, timeout=TIMEOUT)
    found = {}
    for line in r.stdout.splitlines():
        m = re.match(r"\s*--mode (\w+) cannot work here: (.*)", line)
        if m:
            found[m.group(1)] = m.group(2)
    return found


def leftovers(marker):
    """Pids of live processes whose environment holds MARKER."""
    found = []
    needle = ("SDBG_LIVE_MARKER=" + marker).encode()
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open("/proc/%s/environ" % pid, "rb") as f:
                if needle in f.read().split(b"\0"):
                    found.append(int(pid))
        except OSError:
            pass
    return found


class Result:
    def __init__(self, proc, events_path, marker):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr
        self.marker = marker
        self.events = []
        if events_path and os.path.exists(events_path):
            with open(events_path, encoding="utf-8") as f:
                self.events = [json.loads(line) for line in f if line.strip()]

    def of(self, kind):
        return [e for e in self.events if e["event"] == kind]

    def denials(self):
        return self.of("denial")

    def lines(self):
        return self.out.splitlines()


class LiveTest(unittest.TestCase):
    """A temporary directory per test, and the leftover check."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sdbg-live-")
        self.markers = []

    def tearDown(self):
        for m in self.markers:
            left = leftovers(m)
            for pid in left:
                try:
                    os.kill(pid, 9)
                except OSError:
                    pass
            self.assertEqual(left, [], "processes of the program left")
        shutil.rmtree(self.tmp, ignore_errors=True)

    def require_ia32(self):
        """Skip unless this kernel runs 32-bit programs."""
        why = ia32_programs()
        if why:
            self.skipTest("needs 32-bit programs, which this kernel does "
                          "not run (%s)" % why)

    def require_int80(self):
        """Skip unless int $0x80 works from 64-bit code here."""
        why = int80()
        if why:
            self.skipTest("needs int $0x80 from 64-bit code, which this "
                          "kernel refuses (%s)" % why)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def profile(self, obj, name="profile.json"):
        """OBJ (a dict) written as a profile file; its path."""
        p = self.path(name)
        with open(p, "w") as f:
            json.dump(obj, f, indent="\t")
            f.write("\n")
        return p

    def env(self, marker):
        e = dict(os.environ)
        e["SDBG_LIVE_MARKER"] = marker
        e["LC_ALL"] = "C"
        return e

    def sdbg(self, cmd, *args, profile=None, batch="deny", output=None,
             events=True, command="run", extra=(), cwd=None, stdin=None,
             binary=False):
        """seccompdbg COMMAND [options] -- CMD; a Result (its out and err
        raw bytes when BINARY)."""
        marker = secrets.token_hex(8)
        self.markers.append(marker)
        argv = [SDBG, command]
        if profile:
            argv += ["-p", profile]
        if output:
            argv += ["-o", output]
        if batch and command == "run":
            argv += ["--batch", batch]
        if command in ("run", "record") and "--mode" not in extra:
            argv += ["--mode", current_mode()]
        ev = None
        if events:
            ev = self.path("events-%s.jsonl" % marker)
            argv += ["--events", ev]
        argv += list(extra) + ["--"] + list(cmd) + list(args)
        proc = subprocess.run(argv, capture_output=True, text=not binary,
                              errors=None if binary else "replace",
                              env=self.env(marker), timeout=TIMEOUT,
                              cwd=cwd or self.tmp, input=stdin)
        self.no_sanitizer_report(proc.stderr)
        return Result(proc, ev, marker)

    def start(self, cmd, *args, profile=None, batch="deny", output=None,
              extra=(), stdout=subprocess.PIPE):
        """seccompdbg run started in the background: (Popen, marker,
        events path); the caller waits for it (with a time limit)."""
        marker = secrets.token_hex(8)
        self.markers.append(marker)
        ev = self.path("events-%s.jsonl" % marker)
        argv = [SDBG, "run", "--mode", current_mode(), "--events", ev]
        if profile:
            argv += ["-p", profile]
        if output:
            argv += ["-o", output]
        if batch:
            argv += ["--batch", batch]
        argv += list(extra) + ["--"] + list(cmd) + list(args)
        proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE,
                                env=self.env(marker), cwd=self.tmp)
        return proc, marker, ev

    def finish(self, proc, marker):
        """Its exit status and stderr, or a failure after TIMEOUT s (the
        program killed too: it may hold the pipes)."""
        try:
            _, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            for pid in leftovers(marker):
                os.kill(pid, 9)
            proc.communicate(timeout=TIMEOUT)
            self.fail("seccompdbg did not end")
        return proc.returncode, err.decode(errors="replace")

    def no_sanitizer_report(self, err):
        """Under SANITIZE=1: a report on our stderr fails the test, even
        one that expected seccompdbg to fail (UBSan's go nowhere else:
        tests/run-all)."""
        if not os.environ.get("SANITIZE"):
            return
        if isinstance(err, bytes):
            err = err.decode(errors="replace")
        if "runtime error:" in err or "Sanitizer" in err:
            self.fail("a sanitizer report:\n" + err)

    def native(self, cmd, *args, cwd=None, stdin=None):
        marker = secrets.token_hex(8)
        self.markers.append(marker)
        proc = subprocess.run(list(cmd) + list(args), capture_output=True,
                              text=True, errors="replace",
                              env=self.env(marker), timeout=TIMEOUT,
                              cwd=cwd or self.tmp, input=stdin)
        return Result(proc, None, marker)

    def assertOk(self, r, rc=0):
        err = r.err if isinstance(r.err, str) else \
            r.err.decode(errors="replace")
        self.assertEqual(r.rc, rc, "exit status; stderr:\n" + err)


# A profile that allows everything but mkdir/mkdirat, refused with EACCES:
# the live programs' refusable call. Docker format.
DENY_MKDIR = {
    "defaultAction": "SCMP_ACT_ALLOW",
    "syscalls": [
        {"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO",
         "errnoRet": 13},
    ],
}


def wait_for(pred, timeout=30.0):
    """Poll PRED until true (for a process to reach a state, not a
    timing assertion); False when it never was."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.02)
    return False
