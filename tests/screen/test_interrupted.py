# SPDX-License-Identifier: Apache-2.0
"""A pending call that a signal interrupts, in NOTIFY mode (no ptrace: the
kernel ends the wait, docs/modes.md): stopped and continued, it restarts
and is still the one pending denial; failed with EINTR by a handler
without SA_RESTART, the thread goes on without it and the denial turns
"gone" while the program runs (tests/progs/interrupted.c)."""

import json
import os
import re
import shlex
import signal
import time

from harness import BUILD, SECCOMPDBG, check, row, screen

PROG = os.path.join(BUILD, "tests", "progs", "interrupted")
PENDING = r"^>\s*1 mkdir\s+(\d+) interrupted\s+PENDING"


def command(server, *steps):
    profile = server.path("deny-mkdir.json")
    with open(profile, "w") as f:
        json.dump({"defaultAction": "SCMP_ACT_ALLOW",
                   "syscalls": [{"names": ["mkdir"],
                                 "action": "SCMP_ACT_ERRNO",
                                 "errnoRet": 13}]}, f)
    cmd = [SECCOMPDBG, "run", "--mode", "notify", "-p", profile, "--",
           PROG] + list(steps)
    return "cd %s && %s" % (shlex.quote(server.tmp),
                            " ".join(shlex.quote(c) for c in cmd))


def pid_of(lines):
    return int(re.search(PENDING, "\n".join(lines), re.M).group(1))


def end(s, unsaved=False):
    s.keys("k")
    s.wait("kill the program")
    s.keys("y")
    s.wait("exited with 137")
    s.keys("q")
    if unsaved:
        s.wait("quit: unsaved changes")
        s.keys("d")
    s.dead_status()


def test_notify_stopped_call_stays_one_denial(server):
    # Before: each stop and continue turned the denial "gone" and made a
    # new one of the restarted call.
    with screen(server, command(server, "eintr", "sleep")) as s:
        pid = pid_of(s.wait(PENDING))
        for _ in range(3):
            os.kill(pid, signal.SIGSTOP)
            s.wait(lambda lines: open("/proc/%d/stat" % pid).read()
                   .rsplit(")", 1)[1].split()[0] == "T")
            time.sleep(0.3)  # longer than a sweep of the waiting calls
            os.kill(pid, signal.SIGCONT)
        lines = s.wait(PENDING)
        check(not row(lines, r"^.\s*2 "), "no second denial", s)
        check(not row(lines, r"gone"), "nothing gone", s)
        s.keys("a")
        s.wait(r"interrupted: mkdir e = 0")
        end(s, unsaved=True)


def test_notify_eintr_call_is_gone(server):
    with screen(server, command(server, "eintr", "sleep")) as s:
        pid = pid_of(s.wait(PENDING))
        os.kill(pid, signal.SIGUSR1)
        s.wait(r"interrupted: mkdir e = -1 EINTR")
        lines = s.wait(r"^.\s*1 mkdir\s+\d+ interrupted\s+gone")
        check("running" in lines[0] and "0 pending" in lines[0],
              "the program runs on, nothing pending", s)
        end(s)
